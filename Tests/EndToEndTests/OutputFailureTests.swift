import ConsoleTestSupport
import Foundation
import Testing

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
        let dir = TestPaths.temporaryDirectory("zb-devfull")
        defer { try? FileManager.default.removeItem(at: dir) }
        let data = dir.appendingPathComponent("s").path
        #expect(try runZhiban(["init", "--name", "泰州市局", "--data", data]).status == 0)
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
        let dir = TestPaths.temporaryDirectory("zb-pipe")
        defer { try? FileManager.default.removeItem(at: dir) }
        let data = dir.appendingPathComponent("s").path
        #expect(try runZhiban(["init", "--name", "泰州市局", "--data", data]).status == 0)
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
