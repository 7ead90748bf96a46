import ConsoleTestSupport
import Foundation
import Testing

/// The handover through the real binary in tmux (#21): on the demo at 08:10 the status bar
/// says the handover is due, the outgoing officer writes notes and signs; at 08:30 the alert;
/// the incoming officer accepts; the next shift's report carries the open items; a peer
/// station sees the signed and accepted handover after a sync. And the command line's rules.
@Suite(.serialized) struct HandoverEndToEndTests {
    static let morning = "2026-12-08T08:10:00+08:00"
    static let change = "2026-12-08T08:29:57+08:00"

    func console(_ data: String, now: String, language: String, operatorName: String, width: Int = 80, height: Int = 24) throws -> TmuxSession {
        try TmuxSession([TestPaths.zhibanBinary, "--data", data, "--now", now, "--lang", language, "--operator", operatorName],
                        width: width, height: height, environment: ["LANG": "C.UTF-8"], label: "zb-handover")
    }

    @Test func aNightShiftHandedOverByKeyboardAndSeenByAPeer() throws {
        let base = TestPaths.temporaryDirectory("zb-handover-e2e")
        defer { try? FileManager.default.removeItem(at: base) }
        let demo = try runZhiban(["demo", "--no-ui", "--data", base.path, "--now", Self.morning])
        try #require(demo.status == 0, "demo: \(demo.stderr)")
        let taizhou = demo.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let xinghua = base.appendingPathComponent("XH").path
        #expect(try runZhiban(["init", "--drill", "--name", "兴化市应急管理局值班室", "--code", "XH", "--data", xinghua, "--now", Self.morning]).status == 0)
        let tzKey = try runZhiban(["key", "--data", taizhou]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let xhKey = try runZhiban(["key", "--data", xinghua]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(try runZhiban(["trust", "add", tzKey, "--data", xinghua]).status == 0)
        #expect(try runZhiban(["trust", "add", xhKey, "--data", taizhou]).status == 0)

        // The command line's rules: nothing to accept before a signature (exit 3, nothing written).
        let early = try runZhiban(["handover", "accept", "--data", taizhou, "--now", Self.morning, "--operator", "朱晓峰"])
        #expect(early.status == 3 && early.stderr.contains("has not signed yet"), "\(early.stderr)")
        // Without --operator the signer is whoever checked in for the shift handed over: nobody here.
        let nobody = try runZhiban(["handover", "sign", "--data", taizhou, "--now", Self.morning])
        #expect(nobody.status == 3 && nobody.stderr.contains("give --operator NAME"), "\(nobody.stderr)")

        // 08:10, the outgoing officer (黄磊, on the 7th's roster): the status bar says it, screen 7 has the report.
        let out = try console(taizhou, now: Self.morning, language: "en", operatorName: "黄磊")
        try out.expect(text: "handover: not started")
        try out.send("7")
        try out.expect(text: "Shift handover 2026-12-07 shift 1 · not started")
        try out.send("e")
        try out.expect(text: "Outgoing officers' notes")
        try out.send("泰兴危化品事故仍在处置，08:00续报已发", literal: true)
        try out.expect(text: "08:00续报已发")
        try out.send("C-s")
        try out.expect(text: "handover notes saved")
        try out.send("s")
        try out.expect(text: "Sign the handover (outgoing)")
        try out.send("Enter")
        try out.expect(text: "handover signed by 黄磊")
        try out.expect(text: "handover: signed")
        out.close()

        // 08:29:57, the incoming officer (朱晓峰, on the 8th's roster): the alert at the change, then acceptance.
        let inc = try console(taizhou, now: Self.change, language: "zh", operatorName: "朱晓峰", width: 200, height: 60)
        defer { inc.close() }
        try inc.expect(text: "交接班：交班已签字")
        try inc.expect(text: "08:30 交接班：请完成交接", timeout: 20)
        try inc.send("7")
        try inc.expect(text: "交接班 2026-12-07 第1班")
        try inc.send("G")
        try inc.expect(text: "泰兴危化品事故仍在处置")
        try inc.send("a")
        try inc.expect(text: "接班确认 2026-12-07 #1")
        try inc.send("Tab")
        try inc.send("已清点，现场情况清楚", literal: true)
        try inc.expect(text: "已清点，现场情况清楚")
        try inc.send("Enter")
        try inc.expect(text: "已接班：朱晓峰")
        // Taken over: screen 7 is now the new shift's handover, the open items carried into it.
        try inc.expect(text: "交接班 2026-12-08 第1班 · 未开始")
        try inc.expect(text: "〔接上班〕")

        // The next shift's report carries what is still open.
        let next = try runZhiban(["handover", "--data", taizhou, "--now", "2026-12-08T09:00:00+08:00", "--lang", "zh"])
        #expect(next.status == 0)
        #expect(next.stdout.contains("班次 2026-12-08 第1班") && next.stdout.contains("〔接上班〕"), "\(next.stdout)")
        #expect(next.stdout.contains("上一班交接") == false, "accepted on time: nothing said about the last handover")
        let accepted = try runZhiban(["handover", "print", "--data", taizhou, "--date", "2026-12-07", "--markdown", "--lang", "en"])
        #expect(accepted.stdout.contains("## Signatures") && accepted.stdout.contains("Taken over · 朱晓峰"), "\(accepted.stdout)")
        // Accepting twice is refused.
        let twice = try runZhiban(["handover", "accept", "--data", taizhou, "--date", "2026-12-07", "--now", "2026-12-08T09:00:00+08:00", "--operator", "马丽"])
        #expect(twice.status == 3 && twice.stderr.contains("already accepted by 朱晓峰"), "\(twice.stderr)")

        // A sync: 兴化 sees the signed and accepted handover.
        let folder = base.appendingPathComponent("sync").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        #expect(try runZhiban(["sync", folder, "--data", taizhou]).status == 0)
        #expect(try runZhiban(["sync", folder, "--data", xinghua]).status == 0)
        let peer = try runZhiban(["handover", "--data", xinghua, "--date", "2026-12-07", "--lang", "zh", "--now", "2026-12-08T09:00:00+08:00"])
        #expect(peer.stdout.contains("交班  黄磊") && peer.stdout.contains("接班  朱晓峰"), "\(peer.stdout)")
        #expect(peer.stdout.contains("泰兴危化品事故仍在处置"))
        let daily = try runZhiban(["report", "daily", "--data", taizhou, "--now", "2026-12-08T09:00:00+08:00", "--lang", "zh"])
        #expect(daily.status == 0 && daily.stdout.contains("值班日报") && daily.stdout.contains("按等级"), "\(daily.stdout)")
    }
}
