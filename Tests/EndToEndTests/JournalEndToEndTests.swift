import ConsoleTestSupport
import Foundation
import Testing

/// The journal through the real binary: init, note, verify, export, repair,
/// crashes, concurrent writers, disk faults and a busy lock.
@Suite(.serialized) struct JournalEndToEndTests {
    let zhiban = TestPaths.zhibanBinary

    /// A new station in a temp folder; returns its folder and id.
    func newStation() throws -> (data: String, id: String) {
        let data = TestPaths.temporaryDirectory("zb-journal-e2e").appendingPathComponent("station").path
        let result = try runZhiban(["init", "--name", "泰州市应急管理局总值班室", "--code", "TZ", "--data", data])
        #expect(result.status == 0, "init: \(result.stderr)")
        return (data, result.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    func feedPath(_ s: (data: String, id: String)) -> String { "\(s.data)/journal/\(s.id).log" }

    func exportedTexts(_ data: String) throws -> [String] {
        let result = try runZhiban(["export", "--jsonl", "--data", data])
        #expect(result.status == 0, "export: \(result.stderr)")
        return result.stdout.split(separator: "\n").compactMap { line in
            let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            return (object?["payload"] as? [String: Any])?["text"] as? String
        }
    }

    func exportedSequences(_ data: String) throws -> [Int] {
        let result = try runZhiban(["export", "--jsonl", "--data", data])
        return result.stdout.split(separator: "\n").compactMap { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["seq"] as? Int
        }
    }

    @Test func initKeyNoteVerifyExport() throws {
        let s = try newStation()
        #expect(s.id.count == 16 && s.id.allSatisfy(\.isHexDigit), "id \(s.id)")
        let key = try runZhiban(["key", "--data", s.data])
        #expect(key.status == 0)
        #expect(key.stdout.hasPrefix("zhiban-station \(s.id) ed25519:"))
        let note = try runZhiban(["note", "--data", s.data, "--operator", "王芳", "市气象台来电：暴雨黄色预警"])
        #expect(note.status == 0, "\(note.stderr)")
        // Record 1 is the station's identity, written by init.
        #expect(note.stdout == "\(s.id)/2\n")
        let verify = try runZhiban(["verify", "--data", s.data])
        #expect(verify.status == 0)
        #expect(verify.stdout.contains("ok: 2 records"))
        let export = try runZhiban(["export", "--jsonl", "--data", s.data])
        let lines = export.stdout.split(separator: "\n")
        #expect(lines.count == 2)
        let first = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        #expect(first["type"] as? String == "station.configured")
        #expect((first["payload"] as? [String: Any])?["name"] as? String == "泰州市应急管理局总值班室")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(lines[1].utf8)) as? [String: Any])
        #expect(object["station"] as? String == s.id)
        #expect(object["seq"] as? Int == 2)
        #expect(object["operator"] as? String == "王芳")
        #expect(object["type"] as? String == "log.entry_added")
        #expect((object["payload"] as? [String: Any])?["text"] as? String == "市气象台来电：暴雨黄色预警")
        let keyMode = try FileManager.default.attributesOfItem(atPath: "\(s.data)/keys/station.key")[.posixPermissions] as? Int
        #expect(keyMode == 0o600)
    }

    @Test func badInputWritesNothing() throws {
        let s = try newStation()
        let again = try runZhiban(["init", "--name", "x", "--data", s.data])
        #expect(again.status == 3)
        #expect(again.stderr.contains("station.toml") && again.stderr.contains("nothing was changed"))
        let empty = try runZhiban(["note", "--data", s.data, "  "])
        #expect(empty.status == 3)
        #expect(empty.stderr.contains("TEXT is empty"))
        let escape = try runZhiban(["note", "--data", s.data, "a\u{1B}[31mred\u{07}b"])
        #expect(escape.status == 0)
        #expect(try exportedTexts(s.data) == ["a" + "red" + "b"], "escape sequences kept out of the journal")
        let nowhere = try runZhiban(["note", "--data", s.data + "-missing", "x"])
        #expect(nowhere.status == 1)
        #expect(nowhere.stderr.contains("no station here") && nowhere.stderr.contains("zhiban init"))
    }

    /// A child appends in a loop and is killed with SIGKILL at random moments;
    /// every id it printed (printed only once durable) must still be there.
    @Test func killedWritersLoseNothingAcknowledged() throws {
        let s = try newStation()
        var printed: [String] = []
        var generator = SystemRandomNumberGenerator()
        for round in 0..<50 {
            let delay = Double.random(in: 0.05...0.35, using: &generator)
            let result = try Subprocess.run(["timeout", "--signal=KILL", String(format: "%.3f", delay),
                                             zhiban, "debug", "append-loop", "--data", s.data, "--prefix", "r\(round)"])
            // The loop has no end of its own: only the SIGKILL stops it (timeout reports 137 or 124).
            #expect(result.status == 124 || result.status == 137, "round \(round): \(result.status) \(result.stderr)")
            printed += result.stdout.split(separator: "\n").map(String.init)
        }
        #expect(printed.count > 50, "the child appended too little to test anything (\(printed.count) ids)")
        let repair = try runZhiban(["repair", "--data", s.data])
        #expect(repair.status == 0, "\(repair.stderr)")
        let verify = try runZhiban(["verify", "--data", s.data])
        #expect(verify.status == 0, "verify after crashes: \(verify.stdout)")
        let sequences = Set(try exportedSequences(s.data))
        let missing = printed.filter { id in
            guard let seq = Int(id.split(separator: "/").last ?? "") else { return true }
            return !sequences.contains(seq)
        }
        #expect(missing.isEmpty, "acknowledged but lost: \(missing.prefix(5))")
        #expect(printed.allSatisfy { $0.hasPrefix(s.id + "/") })
    }

    @Test func twoProcessesAppendingAtOnce() throws {
        let s = try newStation()
        let script = """
            "$1" debug append-loop --data "$2" --count 150 --prefix A > /dev/null &
            "$1" debug append-loop --data "$2" --count 150 --prefix B > /dev/null &
            wait
            """
        let result = try Subprocess.run(["sh", "-c", script, "sh", zhiban, s.data])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try exportedSequences(s.data) == Array(1...301), "no gap, no interleaving, nothing lost (1 is init's)")
        let texts = try exportedTexts(s.data)
        #expect(Set(texts) == Set((1...150).map { "A \($0)" } + (1...150).map { "B \($0)" }))
        // Each writer's own records stay in its order.
        #expect(texts.filter { $0.hasPrefix("A ") } == (1...150).map { "A \($0)" })
        #expect(try runZhiban(["verify", "--data", s.data]).status == 0)
    }

    @Test(arguments: [
        ("posix/io/rw/pwrite", 28, "No space left on device"),
        ("posix/io/rw/pwrite", 5, "Input/output error"),
        ("posix/io/sync/fdatasync", 5, "Input/output error"),
        ("posix/io/sync/fdatasync", 28, "No space left on device"),
    ])
    func diskFaultsFailTheAppendAndLeaveTheFeedValid(point: String, errno: Int, reason: String) throws {
        let fiu = "/usr/bin/fiu-run"
        try #require(FileManager.default.isExecutableFile(atPath: fiu), "fiu-run missing: install fiu-utils (bash .ci/run does)")
        let s = try newStation()
        #expect(try runZhiban(["note", "--data", s.data, "before"]).status == 0)
        let before = try Data(contentsOf: URL(fileURLWithPath: feedPath(s)))
        let faulty = try Subprocess.run([fiu, "-x", "-c", "enable name=\(point),failinfo=\(errno)",
                                         zhiban, "note", "--data", s.data, "during the fault"])
        #expect(faulty.status == 1)
        #expect(faulty.stdout.isEmpty, "no id may be printed for a failed append")
        #expect(faulty.stderr.contains(feedPath(s)) && faulty.stderr.contains(reason), "\(faulty.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: feedPath(s))) == before, "the feed is as it was")
        #expect(try runZhiban(["verify", "--data", s.data]).status == 0)
        let retry = try runZhiban(["note", "--data", s.data, "after the fault"])
        #expect(retry.status == 0)
        #expect(retry.stdout == "\(s.id)/3\n")
        #expect(try exportedTexts(s.data) == ["before", "after the fault"])
    }

    @Test func damagedMiddleByteIsReportedAndRepairedIntoQuarantine() throws {
        let s = try newStation()
        for i in 1...20 { _ = try runZhiban(["note", "--data", s.data, "note \(i)"]) }
        var bytes = try Data(contentsOf: URL(fileURLWithPath: feedPath(s)))
        let offset = bytes.count / 2
        bytes[offset] ^= 0xFF
        try bytes.write(to: URL(fileURLWithPath: feedPath(s)))

        let verify = try runZhiban(["verify", "--data", s.data])
        #expect(verify.status == 1)
        let line = verify.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(line.hasPrefix(feedPath(s) + ": byte "), "names the file and offset: \(line)")
        #expect(!line.contains("\n"), "one line per problem")

        let note = try runZhiban(["note", "--data", s.data, "while damaged"])
        #expect(note.status == 1)
        #expect(note.stderr.contains("read-only") && note.stderr.contains("zhiban repair"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: feedPath(s))) == bytes, "nothing was written or cut")

        let repair = try runZhiban(["repair", "--data", s.data])
        #expect(repair.status == 0)
        #expect(repair.stdout.contains("quarantine"))
        let quarantined = try FileManager.default.contentsOfDirectory(atPath: "\(s.data)/quarantine").filter { $0.hasSuffix(".bin") }
        #expect(quarantined.count == 1)
        let kept = try Data(contentsOf: URL(fileURLWithPath: "\(s.data)/quarantine/\(quarantined[0])"))
        let now = try Data(contentsOf: URL(fileURLWithPath: feedPath(s)))
        #expect(now + kept == bytes, "the feed plus quarantine is every byte there was")
        #expect(try runZhiban(["verify", "--data", s.data]).status == 0)
        #expect(try runZhiban(["note", "--data", s.data, "after repair"]).status == 0)
    }

    @Test func tornTailIsCutBackOnTheNextAppend() throws {
        let s = try newStation()
        for i in 1...3 { _ = try runZhiban(["note", "--data", s.data, "note \(i)"]) }
        // Torn where the next record goes: after the last one (here without the unwritten space after it).
        FeedContent.trim(feedPath(s))
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: feedPath(s)))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data([0x90, 0x00, 0x00, 0x00, 0x12, 0x34]))
        try handle.close()
        let verify = try runZhiban(["verify", "--data", s.data])
        #expect(verify.status == 1)
        #expect(verify.stdout.contains("torn record"))
        let note = try runZhiban(["note", "--data", s.data, "note 4"])
        #expect(note.stdout == "\(s.id)/5\n")
        #expect(try runZhiban(["verify", "--data", s.data]).status == 0)
        let why = try FileManager.default.contentsOfDirectory(atPath: "\(s.data)/quarantine").filter { $0.hasSuffix(".why") }
        #expect(why.count == 1)
    }

    @Test func busyStationExitsFourNamingTheHolder() throws {
        let s = try newStation()
        let lock = "\(s.data)/journal/\(s.id).lock"
        try "pid 4242 (zhiban console, operator 王芳)".write(toFile: lock, atomically: false, encoding: .utf8)
        // flock(1) holds the lock for 8 s while zhiban note waits its 5 s.
        let script = "flock \"$1\" sleep 8 & sleep 0.5; \"$2\" note --data \"$3\" blocked; echo \"status=$?\"; wait"
        let result = try Subprocess.run(["sh", "-c", script, "sh", lock, zhiban, s.data])
        #expect(result.stdout.contains("status=4"), "\(result.stdout)")
        #expect(result.stderr.contains("station busy") && result.stderr.contains("pid 4242 (zhiban console, operator 王芳)"),
                "\(result.stderr)")
        #expect(try exportedTexts(s.data).isEmpty)
    }
}
