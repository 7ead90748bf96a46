import ConsoleTestSupport
import Foundation
import Testing

/// The console on a real station: live updates from the CLI, and a damaged
/// journal opening read-only.
@Suite(.serialized) struct StationConsoleTests {
    @Test func noteFromTheCLIShowsUpLiveInTheConsole() throws {
        // A plain station (the demo one is seeded with sample data): its identity record only.
        let data = TestPaths.temporaryDirectory("zb-live").path
        defer { try? FileManager.default.removeItem(atPath: data) }
        #expect(try runZhiban(["init", "--name", "泰州市应急管理局总值班室", "--data", data]).status == 0)
        // Wide enough that the record count stays on the status bar whatever the real time of day
        // (at 80 columns it gives way to the handover's state in the half hour before a change).
        let session = try TmuxSession([TestPaths.zhibanBinary, "--data", data, "--lang", "en"], width: 160)
        try session.waitFor(text: "1 records")
        let note = try runZhiban(["note", "--data", data, "市气象台来电"])
        #expect(note.status == 0, "\(note.stderr)")
        let screen = try session.waitFor(text: "2 records", timeout: 5)
        #expect(screen.joined(separator: "\n").contains("2 records"), "the console did not see the CLI's append:\n\(screen.joined(separator: "\n"))")
        try session.send("q")
        #expect(session.exitStatus() == 0)
    }

    @Test func damagedJournalOpensReadOnlyWithTheOffset() throws {
        let data = TestPaths.temporaryDirectory("zb-ro").path
        defer { try? FileManager.default.removeItem(atPath: data) }
        let initResult = try runZhiban(["init", "--name", "靖江市应急管理局", "--data", data])
        let id = initResult.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        for i in 1...10 { _ = try runZhiban(["note", "--data", data, "note \(i)"]) }
        let feed = URL(fileURLWithPath: "\(data)/journal/\(id).log")
        var bytes = try Data(contentsOf: feed)
        bytes[bytes.count / 2] ^= 0xFF
        try bytes.write(to: feed)
        let verify = try runZhiban(["verify", "--data", data])
        let offset = try #require(verify.stdout.split(separator: " ").dropFirst().first { $0.hasSuffix(":") && Int($0.dropLast()) != nil })
        let session = try TmuxSession([TestPaths.zhibanBinary, "--data", data, "--lang", "zh"], width: 200, height: 60)
        let screen = try session.waitFor(text: "只读")
        let banner = screen.first { $0.contains("只读") } ?? ""
        #expect(banner.contains("zhiban repair"))
        #expect(banner.contains("byte \(offset.dropLast())"), "banner: \(banner)")
        #expect(try Data(contentsOf: feed) == bytes, "opening the console changed nothing")
        try session.send("q")
        #expect(session.exitStatus() == 0)
    }
}
