import ConsoleTestSupport
import Foundation
import Testing

/// A station made by `zhiban init` in a fresh temporary folder: the folder and the station's path.
func newStation(_ label: String) throws -> (dir: URL, data: String) {
    let dir = TestPaths.temporaryDirectory(label)
    let data = dir.appendingPathComponent("s").path
    let made = try runZhiban(["init", "--name", "泰州市局", "--data", data])
    struct InitFailed: Error { var stderr: String }
    guard made.status == 0 else { throw InitFailed(stderr: made.stderr) }
    return (dir, data)
}

/// #17 §4: a write to standard output that fails (a full disk behind `>`,
/// a pipe closed early) ends the command with exit 1 and a message on
/// standard error — never a trap (SIGILL) or a kill by SIGPIPE — and what the
/// command recorded is kept.
@Suite struct OutputFailureTests {
    func shell(_ script: String) throws -> CommandResult {
        try Subprocess.run(["/bin/sh", "-c", script], environment: ProcessInfo.processInfo.environment.merging(["LANG": "C.UTF-8"]) { $1 },
                           stdin: nil)
    }

    @Test func aFullDiskBehindStandardOutputIsSaidNotTrapped() throws {
        let (dir, data) = try newStation("zb-devfull")
        defer { try? FileManager.default.removeItem(at: dir) }
        let zhiban = TestPaths.zhibanBinary
        for command in ["note --data '\(data)' 满盘记录", "status --data '\(data)'", "status --json --data '\(data)'",
                        "export --jsonl --data '\(data)'", "incidents --data '\(data)'"] {
            let result = try shell("'\(zhiban)' \(command) > /dev/full")
            #expect(result.status == 1, "\(command): exit \(result.status) (132 is SIGILL, a trap)")
            #expect(result.stderr.contains("standard output: write failed"), "\(command): \(result.stderr)")
        }
        // The note was written although its printout was not.
        let status = try runZhiban(["status", "--json", "--data", data])
        #expect(status.stdout.contains("\"log_entries\" : 1"), "\(status.stdout)")
    }

    @Test func aPipeClosedEarlyEndsWithACodeNotASignal() throws {
        let (dir, data) = try newStation("zb-pipe")
        defer { try? FileManager.default.removeItem(at: dir) }
        let long = String(repeating: "泰州市气象台来电", count: 150)
        for n in 0..<40 { #expect(try runZhiban(["note", "--data", data, "第\(n)条 \(long)"]).status == 0) }
        // More than a pipe holds (about 200 KB), read 100 bytes of: the export's own exit status is printed.
        let zhiban = TestPaths.zhibanBinary
        let result = try Subprocess.run(["/bin/bash", "-c", "'\(zhiban)' export --jsonl --data '\(data)' | head -c 100 >/dev/null; echo \"export=${PIPESTATUS[0]}\""],
                                        environment: ProcessInfo.processInfo.environment, stdin: nil)
        #expect(result.stdout.contains("export=1"), "1, not 141 (killed by SIGPIPE) or 132 (a trap): \(result.stdout) \(result.stderr)")
        #expect(result.stderr.contains("standard output: write failed"), "\(result.stderr)")
    }
}

/// #17 §4: an argument echoed in an error (an unknown option, a --lang, a
/// --data path, a sync folder, a file to import) reaches the terminal through
/// the one sanitizer: no ESC, BEL, C1 or bidi override from the command line.
@Suite struct EchoedArgumentTests {
    static let hostile = "x\u{1B}]0;owned\u{07}\u{1B}[2J\u{9B}31m\u{202E}y"

    @Test func everyEchoedArgumentIsCleaned() throws {
        let (dir, data) = try newStation("zb-echo")
        defer { try? FileManager.default.removeItem(at: dir) }
        let cases: [[String]] = [
            ["--bad" + Self.hostile],
            ["status", "--lang", Self.hostile],
            ["status", "--data", dir.path + "/" + Self.hostile],
            ["sync", dir.path + "/" + Self.hostile, "--data", data],
            ["import", dir.path + "/" + Self.hostile + ".csv", "--data", data],
            ["bundle-that-does-not-exist" + Self.hostile],
        ]
        for arguments in cases {
            let result = try runZhiban(arguments)
            #expect(result.status != 0, "\(arguments.first ?? "")")
            let output = result.stdout + result.stderr
            #expect(!output.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 || (0x80..<0xA0).contains($0.value) || $0.value == 0x202E },
                    "\(arguments.first ?? ""): \(output.debugDescription)")
        }
    }
}

/// #17 §4: `zhiban import` tells a file's kind from its first bytes and its
/// size from `fstat` before reading it: a 3 GB sheet or a 2 GB bundle is
/// refused at once, naming the limit; a FIFO never blocks it.
@Suite struct ImportSizeTests {
    @Test func anOversizedOrSpecialFileIsRefusedBeforeItIsRead() throws {
        let (dir, data) = try newStation("zb-import-size")
        defer { try? FileManager.default.removeItem(at: dir) }
        let sheet = dir.appendingPathComponent("排班.csv").path
        #expect(FileManager.default.createFile(atPath: sheet, contents: Data("日期,班次\n".utf8)))
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: sheet))
        try handle.truncate(atOffset: 3 << 30)
        try handle.close()
        let bundle = dir.appendingPathComponent("big.bundle").path
        #expect(FileManager.default.createFile(atPath: bundle, contents: Data("ZHIBANBD".utf8)))
        let b = try FileHandle(forWritingTo: URL(fileURLWithPath: bundle))
        try b.truncate(atOffset: 2 << 30)
        try b.close()
        let fifo = dir.appendingPathComponent("pipe.csv").path
        #expect(mkfifo(fifo, 0o644) == 0)
        for (file, says) in [(sheet, "a CSV sheet is at most"), (bundle, "a bundle is at most"), (fifo, "not a regular file")] {
            let started = Date()
            let result = try runZhiban(["import", file, "--data", data])
            #expect(result.status == 3)
            #expect(result.stdout.contains(says), "\(result.stdout) \(result.stderr)")
            #expect(Date().timeIntervalSince(started) < 10, "refused without reading it")
        }
    }
}

/// #17 §2: a station whose station.toml is lost is not an empty folder
/// (`init` there would replace the key and leave its journal unwritable);
/// `verify` says what is missing instead of "ok: 0 records".
@Suite struct LostStationFilesTests {
    @Test func initRefusesAFolderHoldingKeysAndVerifySaysWhatIsMissing() throws {
        let (dir, data) = try newStation("zb-lost")
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(try runZhiban(["note", "--data", data, "交接前记录"]).status == 0)
        let key = try Data(contentsOf: URL(fileURLWithPath: data + "/keys/station.key"))
        let journal = try #require(try FileManager.default.contentsOfDirectory(atPath: data + "/journal").first { $0.hasSuffix(".log") })
        let journalBytes = try Data(contentsOf: URL(fileURLWithPath: data + "/journal/" + journal))

        // Its own journal missing: verify names it, exit 1.
        try FileManager.default.moveItem(atPath: data + "/journal/" + journal, toPath: dir.appendingPathComponent("aside.log").path)
        let missing = try runZhiban(["verify", "--data", data])
        #expect(missing.status == 1)
        #expect(missing.stdout.contains(journal) && missing.stdout.contains("own journal is missing"), "\(missing.stdout)")
        try FileManager.default.moveItem(atPath: dir.appendingPathComponent("aside.log").path, toPath: data + "/journal/" + journal)

        // station.toml lost: init refuses and changes nothing; verify and status say to restore it.
        try FileManager.default.removeItem(atPath: data + "/station.toml")
        let again = try runZhiban(["init", "--name", "另一个站", "--data", data])
        #expect(again.status != 0)
        #expect(again.stderr.contains("Restore station.toml"), "\(again.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: data + "/keys/station.key")) == key)
        #expect(try Data(contentsOf: URL(fileURLWithPath: data + "/journal/" + journal)) == journalBytes)
        #expect(!FileManager.default.fileExists(atPath: data + "/station.toml"))
        let verify = try runZhiban(["verify", "--data", data])
        #expect(verify.status == 1 && verify.stdout.contains("restore station.toml"), "\(verify.stdout)")
    }
}

/// #17 §2: a damaged header is never made worse: a write attempt is refused
/// (read-only, exit 1, no trap) and leaves the file and quarantine/ as they
/// were; `repair` refuses to touch it and says to restore it.
@Suite struct DamagedHeaderTests {
    @Test(arguments: [10, 30, 50])  // inside the 56-byte header: magic, version, key, checksum
    func aWriteToAJournalWithADamagedHeaderChangesNothing(offset: Int) throws {
        let (dir, data) = try newStation("zb-header")
        defer { try? FileManager.default.removeItem(at: dir) }
        for text in ["一", "二"] { #expect(try runZhiban(["note", "--data", data, text]).status == 0) }
        let name = try #require(try FileManager.default.contentsOfDirectory(atPath: data + "/journal").first { $0.hasSuffix(".log") })
        let path = data + "/journal/" + name
        var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        bytes[offset] ^= 0xFF
        try bytes.write(to: URL(fileURLWithPath: path))
        let note = try runZhiban(["note", "--data", data, "三"])
        #expect(note.status == 1, "exit \(note.status) (132 is a trap): \(note.stderr)")
        #expect(note.stderr.contains("read-only") || note.stderr.contains("byte"), "\(note.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == bytes, "the journal as it was")
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: data + "/quarantine")) ?? []).isEmpty)
        let repair = try runZhiban(["repair", "--data", data])
        #expect(repair.status != 0 && repair.status < 128)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == bytes, "repair leaves a damaged header to a restore")
    }
}

/// #17 §4: a station.toml naming a time zone this system does not know is
/// said (every deadline is read in that zone), not silently replaced.
@Suite struct UnknownTimeZoneTests {
    @Test func anUnknownTimeZoneIsRefusedByName() throws {
        let (dir, data) = try newStation("zb-tz")
        defer { try? FileManager.default.removeItem(at: dir) }
        let config = data + "/station.toml"
        let text = try String(contentsOfFile: config, encoding: .utf8)
        try text.replacingOccurrences(of: "Asia/Shanghai", with: "Mars/Olympus").write(toFile: config, atomically: true, encoding: .utf8)
        let status = try runZhiban(["status", "--data", data])
        #expect(status.status != 0)
        #expect(status.stderr.contains("timezone \"Mars/Olympus") && status.stderr.contains("Asia/Shanghai"), "\(status.stderr)")
        #expect(!status.stderr.contains("\u{1B}"))
    }
}
