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
        let fifo = dir.appendingPathComponent("pipe.csv").path
        #expect(mkfifo(fifo, 0o644) == 0)
        for (file, says) in [(sheet, "a CSV sheet is at most"), (fifo, "not a regular file")] {
            let started = Date()
            let result = try runZhiban(["import", file, "--data", data])
            #expect(result.status == 3)
            #expect(result.stdout.contains(says), "\(result.stdout) \(result.stderr)")
            #expect(Date().timeIntervalSince(started) < 10, "refused without reading it")
        }
    }
}

/// #17 §4: a bundle is imported a piece at a time, never read whole: a 2 GB
/// bundle from a trusted peer whose entry holds zeros after its first records
/// takes those records, is refused at the byte where the zeros start, and
/// takes seconds, not gigabytes; `export --bundle` writes through a
/// temporary file and leaves none behind.
@Suite struct BundleStreamTests {
    @Test func aHugeBundleIsReadAPieceAtATime() throws {
        let dir = TestPaths.temporaryDirectory("zb-bundle-stream")
        defer { try? FileManager.default.removeItem(at: dir) }
        let a = dir.appendingPathComponent("a").path, b = dir.appendingPathComponent("b").path
        for (data, name) in [(a, "泰州市局"), (b, "兴化市局")] {
            #expect(try runZhiban(["init", "--name", name, "--data", data]).status == 0)
        }
        let keyA = try runZhiban(["key", "--data", a]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(try runZhiban(["trust", "add", keyA, "--data", b]).status == 0)
        for n in 1...3 { #expect(try runZhiban(["note", "--data", a, "第\(n)条"]).status == 0) }
        let bundle = dir.appendingPathComponent("a.bundle").path
        let export = try runZhiban(["export", "--bundle", bundle, "--data", a])
        #expect(export.status == 0, "\(export.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.contains(".tmp-") }.isEmpty)
        // The entry's length says 2 GB; past the real records, zeros (a sparse file: no disk used).
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: bundle)))
        let lengthAt = 8 + 2 + 56 + 8
        let realEnd = bytes.count
        let huge = UInt64(2 << 30)
        for i in 0..<8 { bytes[lengthAt + i] = UInt8(truncatingIfNeeded: huge >> (8 * UInt64(i))) }
        try Data(bytes).write(to: URL(fileURLWithPath: bundle))
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: bundle))
        try handle.truncate(atOffset: UInt64(lengthAt + 8) + huge)
        try handle.close()
        let started = Date()
        let result = try runZhiban(["import", bundle, "--data", b])
        #expect(result.status == 3, "\(result.stdout) \(result.stderr)")
        #expect(result.stdout.contains("zeros where the next record should be"), "\(result.stdout)")
        #expect(result.stdout.contains("byte \(realEnd - lengthAt - 8 + 56)"), "the feed offset where the zeros start: \(result.stdout)")
        #expect(Date().timeIntervalSince(started) < 20, "read a piece, not 2 GB")
        let status = try runZhiban(["status", "--json", "--data", b])
        #expect(status.stdout.contains("\"log_entries\" : 3"), "the records before the zeros came in: \(status.stdout)")
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

/// #17 §4: bytes moved to quarantine/ are written whole or not at all (a
/// failed write leaves no `*.tmp-PID`), and the same torn tail quarantined
/// again — the cut failed after the copy was kept, and the next command tries
/// again — is kept once, not once per attempt.
@Suite struct QuarantineRetryTests {
    @Test func aFailedQuarantineWriteLeavesNothingAndRetriesKeepOneCopy() throws {
        let fiu = "/usr/bin/fiu-run"
        try #require(FileManager.default.isExecutableFile(atPath: fiu), "fiu-run missing: install fiu-utils (bash .ci/run does)")
        let (dir, data) = try newStation("zb-quarantine")
        defer { try? FileManager.default.removeItem(at: dir) }
        for text in ["一", "二"] { #expect(try runZhiban(["note", "--data", data, text]).status == 0) }
        let name = try #require(try FileManager.default.contentsOfDirectory(atPath: data + "/journal").first { $0.hasSuffix(".log") })
        let path = data + "/journal/" + name
        FeedContent.trim(path)
        // A torn record: its length runs past the end of the file.
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data([0x90, 0x00, 0x00, 0x00, 0x12, 0x34]))
        try handle.close()
        let torn = try Data(contentsOf: URL(fileURLWithPath: path))
        let quarantine = data + "/quarantine"
        func kept() -> [String] { ((try? FileManager.default.contentsOfDirectory(atPath: quarantine)) ?? []).sorted() }

        // The copy cannot be written: the command fails, nothing half-written is left, the journal is as it was.
        let noWrite = try Subprocess.run([fiu, "-x", "-c", "enable name=posix/io/rw/pwrite,failinfo=28",
                                          TestPaths.zhibanBinary, "note", "--data", data, "三"])
        #expect(noWrite.status == 1, "\(noWrite.stdout) \(noWrite.stderr)")
        #expect(kept().filter { $0.contains(".tmp-") }.isEmpty, "\(kept())")
        #expect(kept().filter { $0.hasSuffix(".bin") }.isEmpty, "\(kept())")
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == torn)

        // The copy is kept but the cut fails, twice: one copy, the journal still as it was.
        for _ in 0..<2 {
            let noCut = try Subprocess.run([fiu, "-x", "-c", "enable name=posix/io/rw/ftruncate,failinfo=5",
                                            TestPaths.zhibanBinary, "note", "--data", data, "三"])
            #expect(noCut.status == 1, "\(noCut.stdout) \(noCut.stderr)")
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == torn)
        }
        #expect(kept().filter { $0.hasSuffix(".bin") }.count == 1, "\(kept())")

        // Without a fault the tail is cut, the note written, and still one copy is kept.
        let good = try runZhiban(["note", "--data", data, "三"])
        #expect(good.status == 0, "\(good.stderr)")
        #expect(kept().filter { $0.hasSuffix(".bin") }.count == 1, "\(kept())")
        #expect(kept().filter { $0.hasSuffix(".why") }.count == 1, "\(kept())")
        #expect(kept().filter { $0.contains(".tmp-") }.isEmpty, "\(kept())")
        #expect(try runZhiban(["verify", "--data", data]).status == 0)
    }
}

/// #17 §3: writing under `--now` is for drill stations only; on a drill
/// station the journal's own clock still stays within five minutes of the
/// real one; global options may come before the subcommand.
@Suite struct DrillClockTests {
    static let future = "2031-06-01T03:30:00+08:00"

    func records(_ data: String) throws -> [[String: Any]] {
        let export = try runZhiban(["export", "--jsonl", "--data", data])
        return try export.stdout.split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
    }

    func hlcDate(_ record: [String: Any]) throws -> Date {
        let hlc = try #require(record["hlc"] as? String)
        let ms = try #require(Double(hlc.split(separator: ".")[0]))
        return Date(timeIntervalSince1970: ms / 1000)
    }

    @Test func aRealStationRefusesToWriteUnderAnotherClock() throws {
        let (dir, data) = try newStation("zb-drill-refused")
        defer { try? FileManager.default.removeItem(at: dir) }
        let before = try records(data).count
        let refused: [[String]] = [
            ["note", "--data", data, "--now", Self.future, "演练记录"],
            ["--now", Self.future, "--data", data, "note", "演练记录"],
            ["import", "--data", data, "--now", Self.future, TestPaths.repositoryRoot.appendingPathComponent("SampleData/taizhou-contacts.csv").path],
            ["--now", Self.future, "--data", data],  // the console
        ]
        for arguments in refused {
            let result = try runZhiban(arguments)
            #expect(result.status == 2, "\(arguments): \(result.stdout) \(result.stderr)")
            #expect(result.stderr.contains("not a drill station") && result.stderr.contains("--drill"), "\(result.stderr)")
        }
        #expect(try records(data).count == before, "nothing written")
        // Reading under another clock is harmless and allowed.
        #expect(try runZhiban(["status", "--data", data, "--now", Self.future]).status == 0)
        // init under --now makes a drill station or nothing.
        let plain = dir.appendingPathComponent("plain").path
        let initRefused = try runZhiban(["init", "--name", "演练站", "--data", plain, "--now", Self.future])
        #expect(initRefused.status == 2 && initRefused.stderr.contains("--drill"), "\(initRefused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: plain + "/station.toml"))
    }

    @Test func aDrillStationWritesUnderItsClockButItsJournalStaysNearTheRealOne() throws {
        let dir = TestPaths.temporaryDirectory("zb-drill")
        defer { try? FileManager.default.removeItem(at: dir) }
        let data = dir.appendingPathComponent("s").path
        // Global options before the subcommand.
        let made = try runZhiban(["--now", Self.future, "--data", data, "init", "--drill", "--name", "兴化市演练站"])
        #expect(made.status == 0, "\(made.stderr)")
        #expect(try String(contentsOfFile: data + "/station.toml", encoding: .utf8).contains("drill = true"))
        let drill = try runZhiban(["--now", Self.future, "--data", data, "--operator", "王芳", "note", "演练：堤防巡查"])
        #expect(drill.status == 0, "\(drill.stderr)")
        let real = try runZhiban(["note", "--data", data, "实时记录"])
        #expect(real.status == 0, "\(real.stderr)")
        let all = try records(data)
        #expect(all.count == 3)
        let bound = Date().addingTimeInterval(300 + 5)
        for record in all { #expect(try hlcDate(record) <= bound, "no record is dated past the real clock's bound: \(record)") }
        #expect(all[1]["operator"] as? String == "王芳")
    }

    @Test func theConsoleSaysDrillWhenTheClockIsNotTheRealOne() throws {
        let dir = TestPaths.temporaryDirectory("zb-drill-console")
        defer { try? FileManager.default.removeItem(at: dir) }
        let data = dir.appendingPathComponent("s").path
        #expect(try runZhiban(["init", "--drill", "--name", "兴化市演练站", "--data", data]).status == 0)
        for (language, marker) in [("en", " DRILL "), ("zh", " 演练 ")] {
            let drill = try TmuxSession([TestPaths.zhibanBinary, "--now", Self.future, "--data", data, "--lang", language], width: 80, height: 24)
            let screen = try drill.waitFor { $0.last?.contains(marker) == true }
            #expect(screen.last?.hasPrefix(marker) == true, "\(screen.last ?? "")")
            drill.close()
            // The same station on the real clock: no marker.
            let plain = try TmuxSession([TestPaths.zhibanBinary, "--data", data, "--lang", language], width: 80, height: 24)
            let real = try plain.waitFor { $0.last?.contains("兴化市演练站") == true }
            #expect(real.last?.contains(marker) == false, "\(real.last ?? "")")
            plain.close()
        }
    }
}
