import ConsoleTestSupport
import Foundation
import Testing

/// The command line of DESIGN.md §2, run non-interactively.
@Suite struct CommandLineTests {
    static let globalOptions = ["--data", "--lang", "--theme", "--operator", "--now"]

    @Test func versionPrintsAVersion() throws {
        let r = try runZhiban(["--version"])
        #expect(r.status == 0)
        let version = r.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(version.range(of: #"^\d+\.\d+\.\d+"#, options: .regularExpression) != nil, "version: \(version)")
    }

    @Test(arguments: [["--help"], ["demo", "--help"], ["open", "--help"], ["help"], ["help", "note"], ["-h"]])
    func helpListsTheGlobalOptions(_ arguments: [String]) throws {
        let r = try runZhiban(arguments)
        #expect(r.status == 0, "stderr: \(r.stderr)")
        for option in Self.globalOptions {
            #expect(r.stdout.contains(option), "\(arguments.joined(separator: " ")) does not list \(option)")
        }
    }

    @Test func demoHelpListsNoUI() throws {
        let r = try runZhiban(["demo", "--help"])
        #expect(r.stdout.contains("--no-ui"))
    }

    @Test func unknownOptionIsAUsageError() throws {
        let r = try runZhiban(["--frobnicate"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("--frobnicate"))
        #expect(r.stderr.contains("Usage:"))
        #expect(r.stdout.isEmpty)
    }

    @Test func unknownCommandIsAUsageError() throws {
        let r = try runZhiban(["frobnicate"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("frobnicate"))
        #expect(r.stderr.contains("Usage:"))
    }

    @Test func unknownDemoOptionIsAUsageError() throws {
        let r = try runZhiban(["demo", "--no-such-flag"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("Usage: zhiban demo"))
    }

    @Test(arguments: ["garbage", "2026-13-45T99:00:00+08:00", ""])
    func badNowIsAUsageErrorNamingTheOption(_ value: String) throws {
        let r = try runZhiban(["--now", value])
        #expect(r.status == 2)
        #expect(r.stderr.contains("--now"))
    }

    @Test func badLangIsAUsageError() throws {
        let r = try runZhiban(["--lang", "fr"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("--lang"))
    }

    @Test func demoNoUIPrintsTheStationPath() throws {
        let dir = TestPaths.temporaryDirectory("zb-cli")
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try runZhiban(["demo", "--no-ui", "--data", dir.path])
        #expect(r.status == 0, "stderr: \(r.stderr)")
        let expected = dir.appendingPathComponent("demo").path
        #expect(r.stdout == expected + "\n")
        var isDirectory: ObjCBool = false
        #expect(FileManager.default.fileExists(atPath: expected, isDirectory: &isDirectory) && isDirectory.boolValue)
        // Once created, running again only refreshes it.
        let again = try runZhiban(["demo", "--no-ui", "--data", dir.path])
        #expect(again.status == 0)
        #expect(again.stdout == expected + "\n")
    }

    @Test func demoNoUIFollowsZhibanData() throws {
        let dir = TestPaths.temporaryDirectory("zb-cli")
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try runZhiban(["demo", "--no-ui"], environment: ["ZHIBAN_DATA": dir.path])
        #expect(r.status == 0)
        #expect(r.stdout == dir.appendingPathComponent("demo").path + "\n")
    }

    @Test func demoInAnUnusableFolderFails() throws {
        let dir = TestPaths.temporaryDirectory("zb-cli")
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("not-a-folder")
        try "x".write(to: file, atomically: true, encoding: .utf8)
        let r = try runZhiban(["demo", "--no-ui", "--data", file.path])
        #expect(r.status != 0)
        #expect(r.stderr.contains("cannot create the demo station"))
        #expect(r.stdout.isEmpty)
    }

    @Test(arguments: [[], ["open"], ["demo"]])
    func consoleWithoutATerminalIsAUsageError(_ command: [String]) throws {
        let dir = TestPaths.temporaryDirectory("zb-cli")
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try runZhiban(command + ["--data", dir.path], stdin: "q")
        #expect(r.status == 2)
        #expect(r.stderr.contains("needs a terminal"))
        // The terminal was never taken over: no escape sequences were written.
        #expect(!r.stdout.contains("\u{1B}"))
    }
}
