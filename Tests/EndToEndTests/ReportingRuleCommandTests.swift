import ConsoleTestSupport
import Foundation
import Testing

/// The reporting rules of issue #22 through the binary: `incident add`
/// refuses an override without its reason, `incidents --json` shows the flags
/// and every clock, `incident report --record` needs a sign-off for a written
/// report, and `incident report` prints the grade as documents do.
@Suite(.serialized) struct ReportingRuleCommandTests {
    static let now = "2026-11-23T14:40:00+08:00"

    func station(_ name: String) throws -> String {
        let data = TestPaths.temporaryDirectory("zb-reporting-\(name)").appendingPathComponent("station").path
        let created = try runZhiban(["init", "--drill", "--name", "泰州市应急管理局总值班室", "--code", "TZ", "--data", data])
        #expect(created.status == 0, "\(created.stderr)")
        return data
    }

    func zhiban(_ data: String, _ arguments: [String], stdin: String? = nil, lang: String = "en", now: String = Self.now) throws -> CommandResult {
        try runZhiban(arguments + ["--data", data, "--now", now, "--operator", "罗燕", "--lang", lang], stdin: stdin)
    }

    func incidents(_ data: String, now: String = Self.now) throws -> [[String: Any]] {
        let result = try runZhiban(["incidents", "--json", "--data", data, "--now", now])
        return (try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]]) ?? []
    }

    static func intake(_ extra: String) -> String {
        #"{"received_at": "2026-11-23T14:00:00+08:00", "location": {"county": "泰兴市", "town": "七圩镇"}, "category": "accident", "type": "hazchem_storage", "description": "储罐区爆炸起火"\#(extra)}"#
    }

    @Test func anOverrideNeedsItsReasonAndABelowGradeIsFlagged() throws {
        let data = try station("override")
        // 31 dead suggest 特别重大 (I); IV without a reason: exit 3, nothing written.
        let refused = try zhiban(data, ["incident", "add", "--json", "-"], stdin: Self.intake(#", "casualties": {"deaths": 31}, "grade": "IV""#))
        #expect(refused.status == 3)
        #expect(refused.stderr.contains("grade_reason: required"), "\(refused.stderr)")
        #expect(try incidents(data).isEmpty)
        // With the reason it is recorded, flagged, and the clocks run on I: phone due 14:15, overdue at 14:40.
        let added = try zhiban(data, ["incident", "add", "--json", "-"],
                               stdin: Self.intake(#", "casualties": {"deaths": 31}, "grade": "IV", "grade_reason": "核实为三起事故合并上报", "occurred_at": "2026-11-23T12:30:00+08:00""#))
        #expect(added.status == 0, "\(added.stderr)")
        let json = try #require(try incidents(data).first)
        #expect(json["grade"] as? String == "IV")
        #expect(json["suggested_grade"] as? String == "I")
        #expect(json["below_suggestion"] as? Bool == true)
        #expect(json["clock_grade"] as? String == "I")
        #expect(json["report_delay_minutes"] as? Int == 90)
        #expect(json["reported_late"] as? Bool == true)
        let next = try #require(json["next_report"] as? [String: Any])
        #expect(next["kind"] as? String == "initial_phone")
        #expect(next["due"] as? String == "2026-11-23T14:15:00+08:00")
        #expect(next["overdue"] as? Bool == true)
        // The written report says it, in the documents' words.
        let printed = try zhiban(data, ["incident", "report", "TZ-20261123-001"])
        #expect(printed.stdout.contains("事件等级：一般（Ⅳ级）〔低于法定标准建议等级 特别重大（Ⅰ级），报告时限按特别重大执行；定级理由：核实为三起事故合并上报〕"), "\(printed.stdout)")
        #expect(printed.stdout.contains("迟报"))
    }

    @Test func largerRiskAndMinorInjuriesThroughTheCommandLine() throws {
        let data = try station("risk")
        let added = try zhiban(data, ["incident", "add", "--json", "-"],
                               stdin: Self.intake(#", "casualties": {"trapped": 3, "injured_minor": 3}, "enterprise": {"name": "泰兴某化工有限公司（虚构）", "licence": "91321283MA00000000"}, "sensitive": true"#))
        #expect(added.status == 0, "\(added.stderr)")
        let json = try #require(try incidents(data).first)
        #expect(json["suggested_grade"] as? String == "III", "3 trapped: 较大涉险")
        #expect((json["casualties"] as? [String: Any])?["injured_minor"] as? Int == 3)
        #expect((json["casualties"] as? [String: Any])?["injured"] as? Int == 0)
        #expect(json["sensitive"] as? Bool == true)
        let printed = try zhiban(data, ["incident", "report", "TZ-20261123-001"])
        #expect(printed.stdout.contains("事故发生单位概况：名称：泰兴某化工有限公司（虚构），证照：91321283MA00000000"), "\(printed.stdout)")
        #expect(printed.stdout.contains("轻伤3人"))
        #expect(printed.stdout.contains("（敏感事件）"))
        #expect(printed.stdout.contains("事件等级：未定级（建议 较大（Ⅲ级），待确认）"))
        // Two trapped: 一般 only.
        let other = try station("risk2")
        _ = try zhiban(other, ["incident", "add", "--json", "-"], stdin: Self.intake(#", "casualties": {"trapped": 2}"#))
        #expect(try incidents(other).first?["suggested_grade"] as? String == "IV")
    }

    @Test(arguments: ["en", "zh"])
    func aWrittenReportCountsFromItsSignOff(_ lang: String) throws {
        let data = try station("signoff-\(lang)")
        // 3 dead: 较大, written report due 15:00.
        _ = try zhiban(data, ["incident", "add", "--json", "-"], stdin: Self.intake(#", "casualties": {"deaths": 3}"#))
        let unsigned = try zhiban(data, ["incident", "report", "TZ-20261123-001", "--kind", "initial", "--record", "--to", "市委市政府总值班室",
                                         "--at", "14:30"], lang: lang)
        #expect(unsigned.status == 3)
        #expect(unsigned.stderr.contains(lang == "zh" ? "签发人" : "--approved-by"), "\(unsigned.stderr)")
        // Written 14:30, signed off 15:10 by the leader: it counts from 15:10, late.
        let later = "2026-11-23T15:20:00+08:00"
        let signed = try zhiban(data, ["incident", "report", "TZ-20261123-001", "--kind", "initial", "--record", "--to", "市委市政府总值班室",
                                       "--at", "14:30", "--approved-by", "高鹏", "--approved-at", "15:10"], lang: lang, now: later)
        #expect(signed.status == 0, "\(signed.stderr)")
        let reports = try #require(try incidents(data, now: later).first?["reports"] as? [[String: Any]])
        let written = try #require(reports.first { $0["kind"] as? String == "initial_written" })
        #expect(written["made"] as? String == "2026-11-23T15:10:00+08:00")
        #expect(written["late"] as? Bool == true)
    }
}
