@testable import Console
import ConsoleTestSupport
import DutyModel
import Foundation
import Testing
import TerminalUI

/// What #22 puts on the incident's detail, at 80×24 and 200×60 in both
/// languages: a grade below the statutory suggestion, a sensitive event, the
/// delay from occurrence (迟报), minor injuries apart, a report made late
/// staying marked late, and the grade as documents print it.
@Suite struct ReportingFlagsScreenTests {
    static let id = "TZ-20261123-001"
    static let received = "2026-11-23T14:05:00+08:00"

    /// 31 dead (特别重大 by Decree 493) confirmed as 一般 with a reason; happened at
    /// 12:30, received 14:05; marked sensitive; the phone report made at 14:25, late.
    static func station() throws -> TempStation {
        let station = TempStation()
        let json = #"{"received_at": "\#(received)", "occurred_at": "2026-11-23T12:30:00+08:00", "location": {"county": "泰兴市", "town": "七圩镇"}, "category": "accident", "type": "hazchem_storage", "description": "储罐爆燃", "casualties": {"deaths": 31, "injured_minor": 4}, "sensitive": true, "grade": "IV", "grade_reason": "核实为三起事故合并上报"}"#
        let intake = try IntakeParser(rules: .standard, now: DutyFixture.at("2026-11-23T14:40:00+08:00"), timeZone: DutyTime.defaultTimeZone,
                                      sanitize: { $0 }).parse(Data(json.utf8)).get()
        station.append(.incidentReceived(id: id, intake: intake, recordedBy: "高鹏"), at: DutyFixture.at(received), operatorName: "高鹏")
        station.append(.reportRecorded(id: id, kind: .initial, channel: .phone, recipient: "市委值班室", at: DutyFixture.at("2026-11-23T14:25:00+08:00")),
                       at: DutyFixture.at("2026-11-23T14:26:00+08:00"), operatorName: "高鹏")
        return station
    }

    @Test(arguments: Language.allCases.flatMap { l in [Size(width: 80, height: 24), Size(width: 200, height: 60)].map { (l, $0) } })
    func theDetailSaysWhatAnAuditWouldAsk(_ language: Language, _ size: Size) throws {
        let station = try Self.station()
        let h = ConsoleHarness(size: size, language: language, now: "2026-11-23T14:40:00+08:00", station: station, operatorName: "罗燕")
        h.type("3")
        h.press(.enter)
        #expect(h.state.overlay == .incidentDetail(Self.id))
        let text = h.lines.joined(separator: "\n")
        let zh = language == .zh
        // Detail lines wrap at 80 columns: check words short enough to stay on one line.
        for part in zh ? ["一般（Ⅳ级）", "低于法定标准建议", "敏感事件", "事发后", "迟报", "轻伤 4", "已报", "（迟报）"]
            : ["below the statutory grade I", "sensitive event", "after it happened", "(late)", "minor 4"] {
            #expect(text.contains(part), "\(part) missing at \(size.width)×\(size.height):\n\(text)")
        }
        assertSnapshot(h.screen, named: "reporting-flags-\(size.width)x\(size.height)-\(language.rawValue)")
    }
}
