import ConsoleTestSupport
import Foundation
import Synchronization
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The command line over the Station core, with the real binary: a file import is
/// one batch (a disk fault writes nothing, through `import` and through inbox/),
/// two processes numbering incidents at once never collide, and `export --jsonl`
/// lists every feed held in merged order.
@Suite(.serialized) struct StationCommandTests {
    static let contacts = """
        name,unit,mobile
        孙立新,泰州市应急管理局,13905260001
        王芳,泰州市应急管理局,13905260002
        李强,泰州市应急管理局,13905260003
        """

    func newStation(_ name: String = "泰州市应急管理局总值班室", in base: URL? = nil) throws -> (data: String, key: String) {
        let dir = base ?? TestPaths.temporaryDirectory("zb-core-e2e")
        let data = dir.appendingPathComponent(name).path
        let made = try runZhiban(["init", "--name", name, "--code", "TZ", "--data", data])
        #expect(made.status == 0, "\(made.stderr)")
        let key = try runZhiban(["key", "--data", data]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        return (data, key)
    }

    func feedBytes(_ data: String) throws -> Data {
        let journal = data + "/journal"
        let feed = try #require(try FileManager.default.contentsOfDirectory(atPath: journal).first { $0.hasSuffix(".log") })
        return try Data(contentsOf: URL(fileURLWithPath: journal + "/" + feed))
    }

    static let fiu = "/usr/bin/fiu-run"

    @Test(arguments: ["posix/io/rw/pwrite", "posix/io/sync/fdatasync"])
    func aDiskFaultDuringACSVBatchWritesNothing(point: String) throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.fiu), "fiu-run missing: install fiu-utils (bash .ci/run does)")
        let s = try newStation()
        let file = URL(fileURLWithPath: s.data).deletingLastPathComponent().appendingPathComponent("contacts.csv").path
        try Data(Self.contacts.utf8).write(to: URL(fileURLWithPath: file))
        let before = try feedBytes(s.data)
        let faulty = try Subprocess.run([Self.fiu, "-x", "-c", "enable name=\(point),failinfo=28",
                                         TestPaths.zhibanBinary, "import", file, "--data", s.data, "--operator", "王芳"])
        #expect(faulty.status != 0, "\(faulty.stdout) \(faulty.stderr)")
        #expect(faulty.stderr.contains("No space left on device"), "\(faulty.stderr)")
        #expect(try feedBytes(s.data) == before, "not one row of the file is in the journal")
        #expect(try runZhiban(["verify", "--data", s.data]).status == 0)
        // Without the fault the whole file goes in.
        let good = try runZhiban(["import", file, "--data", s.data, "--operator", "王芳"])
        #expect(good.status == 0 && good.stdout.contains("imported 3"), "\(good.stdout) \(good.stderr)")
    }

    @Test func aDiskFaultInTheInboxWritesNothingAndKeepsTheFile() throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.fiu), "fiu-run missing: install fiu-utils (bash .ci/run does)")
        let s = try newStation()
        let dropped = s.data + "/inbox/contacts.csv"
        try Data(Self.contacts.utf8).write(to: URL(fileURLWithPath: dropped))
        // Old enough to have settled.
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-60)], ofItemAtPath: dropped)
        let before = try feedBytes(s.data)
        let faulty = try Subprocess.run([Self.fiu, "-x", "-c", "enable name=posix/io/sync/fdatasync,failinfo=5",
                                         TestPaths.zhibanBinary, "inbox", "--data", s.data, "--operator", "王芳"])
        #expect(faulty.status == 1, "a disk fault is not a busy station: \(faulty.stdout) \(faulty.stderr)")
        #expect(faulty.stdout.contains("left in inbox/"), "\(faulty.stdout)")
        #expect(try feedBytes(s.data) == before)
        #expect(FileManager.default.fileExists(atPath: dropped), "the file stays to be tried again")
        let retry = try runZhiban(["inbox", "--data", s.data, "--operator", "王芳"])
        #expect(retry.status == 0 && retry.stdout.contains("imported 3"), "\(retry.stdout) \(retry.stderr)")
        #expect(FileManager.default.fileExists(atPath: s.data + "/inbox/done/contacts.csv"))
    }

    @Test func aBadLastRowRefusesTheWholeFileThroughImportAndInbox() throws {
        let s = try newStation()
        let bad = Self.contacts + "\n,泰州市应急管理局,13905260004\n"
        let file = URL(fileURLWithPath: s.data).deletingLastPathComponent().appendingPathComponent("bad.csv").path
        try Data(bad.utf8).write(to: URL(fileURLWithPath: file))
        let before = try feedBytes(s.data)
        let refused = try runZhiban(["import", file, "--data", s.data, "--operator", "王芳"])
        #expect(refused.status == 3)
        #expect(refused.stdout.contains("line 5"), "\(refused.stdout)")
        #expect(try feedBytes(s.data) == before)
        try Data(bad.utf8).write(to: URL(fileURLWithPath: s.data + "/inbox/bad.csv"))
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-60)], ofItemAtPath: s.data + "/inbox/bad.csv")
        let inbox = try runZhiban(["inbox", "--data", s.data, "--operator", "王芳"])
        #expect(inbox.status == 3, "\(inbox.stdout)")
        #expect(try feedBytes(s.data) == before)
        #expect(FileManager.default.fileExists(atPath: s.data + "/inbox/rejected/bad.csv.why"))
    }

    @Test func twoProcessesNumberingAtOnceNeverCollide() throws {
        let s = try newStation()
        let intake = """
            {"location": {"county": "海陵区"}, "category": "accident", "type": "road_traffic", "description": "两车相撞"}
            """
        let ids = Mutex<[String]>([])
        let failures = Mutex<[String]>([])
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            do {
                let result = try runZhiban(["incident", "add", "--json", "-", "--data", s.data, "--operator", "王芳"], stdin: intake)
                if result.status == 0 {
                    ids.withLock { $0.append(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) }
                } else {
                    failures.withLock { $0.append(result.stderr) }
                }
            } catch {
                failures.withLock { $0.append("\(error)") }
            }
        }
        #expect(failures.withLock { $0 }.isEmpty, "\(failures.withLock { $0 })")
        let taken = ids.withLock { $0 }
        #expect(taken.count == 8)
        #expect(Set(taken).count == 8, "an id was given twice: \(taken.sorted())")
        let day = try #require(taken.first.map { String($0.dropLast(4)) })
        #expect(Set(taken) == Set((1...8).map { day + String(format: "-%03d", $0) }), "\(taken.sorted())")
    }

    @Test func exportListsEveryFeedOnceInMergedOrder() throws {
        let base = TestPaths.temporaryDirectory("zb-export-e2e")
        let stations = try ["泰州市局", "靖江市局", "兴化市局"].map { try newStation($0, in: base) }
        for a in stations { for b in stations where a.data != b.data {
            #expect(try runZhiban(["trust", "add", b.key, "--data", a.data]).status == 0)
        } }
        for (i, s) in stations.enumerated() {
            for n in 1...3 { #expect(try runZhiban(["note", "--data", s.data, "站\(i) 记录\(n)"]).status == 0) }
        }
        let usb = base.appendingPathComponent("usb").path
        try FileManager.default.createDirectory(atPath: usb, withIntermediateDirectories: true)
        for _ in 0..<2 { for s in stations { _ = try runZhiban(["sync", usb, "--data", s.data]) } }

        let all = try runZhiban(["export", "--jsonl", "--data", stations[0].data])
        #expect(all.status == 0, "\(all.stderr)")
        let lines = all.stdout.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        #expect(lines.count == 12, "three feeds of four records (configured + three notes)")
        let keys = lines.map { ($0["hlc"] as? String ?? "", $0["station"] as? String ?? "", $0["seq"] as? Int ?? 0) }
        #expect(Set(keys.map { "\($0.1)/\($0.2)" }).count == 12, "each record once")
        #expect(Set(keys.map(\.1)).count == 3)
        // hlc is "milliseconds.logical": compare as numbers, then station, then sequence.
        let ordered = keys.map { key -> (UInt64, UInt64, String, Int) in
            let parts = key.0.split(separator: ".")
            return (UInt64(parts.first ?? "") ?? 0, UInt64(parts.last ?? "") ?? 0, key.1, key.2)
        }
        #expect(ordered.allSatisfy { $0.0 > 0 })
        #expect(zip(ordered, ordered.dropFirst()).allSatisfy { $0 < $1 }, "hybrid clock, then station, then sequence: \(ordered)")
        let own = try runZhiban(["export", "--jsonl", "--own", "--data", stations[0].data])
        let ownLines = own.stdout.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        #expect(ownLines.count == 4)
        #expect(Set(ownLines.compactMap { $0["station"] as? String }).count == 1)
        #expect(ownLines.compactMap { $0["seq"] as? Int } == [1, 2, 3, 4])
        #expect(try runZhiban(["export", "--own", "--data", stations[0].data]).status == 2, "--own goes with --jsonl")
    }

    @Test func theCommandLineSpeaksTheOfficersLanguage() throws {
        let s = try newStation()
        let zh = try runZhiban(["status", "--data", s.data, "--lang", "zh"])
        #expect(zh.status == 0)
        #expect(zh.stdout.contains("未结事件：0") && zh.stdout.contains("生效预警：红 0"), "\(zh.stdout)")
        let en = try runZhiban(["status", "--data", s.data, "--lang", "en"])
        #expect(en.stdout.contains("open incidents: 0") && !en.stdout.contains("未结事件"), "\(en.stdout)")
        #expect(try runZhiban(["inbox", "--data", s.data, "--lang", "zh"]).stdout == "inbox/ 为空\n")
        // A busy station is said in the officer's language too, with exit 4.
        let lock = try #require(try FileManager.default.contentsOfDirectory(atPath: s.data + "/journal").first { $0.hasSuffix(".log") })
        let lockPath = s.data + "/journal/" + lock.dropLast(4) + ".lock"
        let fd = open(lockPath, O_RDWR | O_CREAT, 0o600)
        try #require(fd >= 0)
        defer { flock(fd, LOCK_UN); close(fd) }
        #expect(flock(fd, LOCK_EX) == 0)
        let busy = try runZhiban(["note", "--data", s.data, "--lang", "zh", "--operator", "王芳", "忙时记录"])
        #expect(busy.status == 4, "\(busy.stderr)")
        #expect(busy.stderr.contains("值班站忙"), "\(busy.stderr)")
    }
}

