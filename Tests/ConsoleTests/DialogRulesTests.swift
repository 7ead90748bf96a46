@testable import Console
import ConsoleTestSupport
import DutyModel
import Foundation
import Testing
import TerminalUI

/// The dialog rules of issue #22, on screen at 80×24 and 200×60 in both languages:
/// closing with reports outstanding needs a reason, a report needs its recipient,
/// emergency mode needs its reason, Enter saves the grade.
@Suite struct DialogRulesTests {
    static let id = "TZ-20261123-001"

    /// A 较大 accident (three dead) received 14:05 and being verified: phone report due 14:35, written 15:05.
    static func station() -> TempStation {
        let station = TempStation()
        var f = Zhiban_Events_V1_IncidentFields()
        f.receivedAtMs = Int64(DutyFixture.at("2026-11-23T14:05:00+08:00").timeIntervalSince1970 * 1000)
        var place = Zhiban_Events_V1_Place(); place.county = "泰兴市"; place.town = "七圩镇"
        f.place = place
        f.category = "accident"
        f.type = "hazchem_storage"
        f.description_p = "储罐爆燃"
        var c = Zhiban_Events_V1_CasualtyCounts(); c.deaths = 3
        f.casualties = c
        var m = Zhiban_Events_V1_IncidentReceived()
        m.incidentID = id
        m.fields = f
        station.append(EventDraft(m), at: DutyFixture.at("2026-11-23T14:05:00+08:00"), operatorName: "高鹏")
        station.append(.incidentStatusChanged(id: id, to: .verifying, epoch: 0), at: DutyFixture.at("2026-11-23T14:08:00+08:00"),
                       operatorName: "高鹏")
        return station
    }

    static func harness(_ language: Language, _ size: Size, now: String = "2026-11-23T14:40:00+08:00") -> (ConsoleHarness, TempStation) {
        let station = station()
        let h = ConsoleHarness(size: size, language: language, now: now, station: station, operatorName: "罗燕")
        return (h, station)
    }

    static func openDetail(_ h: ConsoleHarness) {
        h.type("3")
        h.press(.enter)
        #expect(h.state.overlay == .incidentDetail(id))
    }

    static func dialog(_ h: ConsoleHarness, sourceLocation: SourceLocation = #_sourceLocation) -> IncidentActionDialog? {
        guard case .incidentAction(let d)? = h.state.overlay else {
            Issue.record("no incident dialog open", sourceLocation: sourceLocation)
            return nil
        }
        return d
    }

    struct Case: CustomTestStringConvertible, Sendable {
        var language: Language
        var width: Int
        var height: Int
        var size: Size { Size(width: width, height: height) }
        var testDescription: String { "\(width)x\(height)-\(language)" }
    }

    static let cases: [Case] = Language.allCases.flatMap { l in [(80, 24), (200, 60)].map { Case(language: l, width: $0.0, height: $0.1) } }

    // MARK: Closing with reports outstanding

    @Test(arguments: cases)
    func closingWithReportsOutstandingNeedsAReason(_ c: Case) throws {
        let (h, station) = Self.harness(c.language, c.size)
        Self.openDetail(h)
        let before = station.events.count
        // The keys of the issue: s, → until 已关闭, Ctrl-S.
        h.type("s")
        for _ in 0..<8 where Self.dialog(h)?.choices[0].value != "closed" { h.press(.right) }
        #expect(Self.dialog(h)?.choices[0].value == "closed")
        // The dialog lists what is outstanding before anything is pressed.
        let screen = h.lines.joined(separator: "\n")
        #expect(screen.contains(c.language == .zh ? "尚未报送" : "not reported yet"), "\(screen)")
        #expect(screen.contains(c.language == .zh ? "超时 电话初报 14:35" : "LATE phone 14:35"), "\(screen)")
        #expect(screen.contains(c.language == .zh ? "理由（必填）" : "Reason (needed)"), "\(screen)")
        h.press(.ctrl("s"))
        let refused = try #require(Self.dialog(h))
        let list = h.state.outstandingList(h.state.outstandingReports(refused))
        #expect(list.hasPrefix(c.language == .zh ? "超时 电话初报 14:35、书面初报 15:05" : "LATE phone 14:35, written 15:05"), "\(list)")
        #expect(refused.problem == .intake(.outstandingReasonRequired))
        #expect(h.lines.joined().contains(c.language == .zh ? "尚未报送：" : "not reported yet:"), "the list stays")
        #expect(refused.focus == refused.choices.count, "the reason field is focused")
        #expect(h.lines.joined().contains(c.language == .zh ? "“理由”必填" : "Reason is required"))
        #expect(station.events.count == before, "nothing written")
        #expect(station.state.incidents[Self.id]?.status == .verifying)
        assertSnapshot(h.screen, named: "close-outstanding-\(c.testDescription)")
        // With the reason it closes, the reason kept as the change's note.
        h.type("误报核实：系企业演练，已向市委值班室口头说明")
        h.press(.ctrl("s"))
        #expect(h.state.overlay == .incidentDetail(Self.id))
        #expect(station.state.incidents[Self.id]?.status == .closed)
        let change = station.decoded.compactMap { $0 as? Zhiban_Events_V1_IncidentStatusChanged }.last
        #expect(change?.note == "误报核实：系企业演练，已向市委值班室口头说明")
    }

    @Test func theCloseKeyAsksTooAndAStepShortOfClosingDoesNot() throws {
        let (h, station) = Self.harness(.zh, Size(width: 80, height: 24))
        Self.openDetail(h)
        let before = station.events.count
        h.type("c")
        h.press(.ctrl("s"))
        #expect(try #require(Self.dialog(h)).problem != nil)
        #expect(station.events.count == before)
        h.press(.escape)
        // 处置中 leaves the clocks running: no reason asked.
        h.type("s")
        for _ in 0..<8 where Self.dialog(h)?.choices[0].value != "responding" { h.press(.right) }
        #expect(!h.lines.joined().contains("尚未报送"))
        h.press(.ctrl("s"))
        #expect(station.state.incidents[Self.id]?.status == .responding)
    }

    @Test func nothingOutstandingNothingAsked() throws {
        // The ordinary way: reports made, the emergency ended, the final report made and filed; then closing asks nothing.
        let station = Self.station()
        func at(_ t: String) -> Date { DutyFixture.at("2026-11-23T\(t):00+08:00") }
        station.append(.reportRecorded(id: Self.id, kind: .initial, channel: .phone, recipient: "市委值班室", at: at("14:20"), summary: ""),
                       at: at("14:20"), operatorName: "罗燕")
        station.append(.reportRecorded(id: Self.id, kind: .initial, channel: .written, recipient: "市委值班室", at: at("14:30"), summary: ""),
                       at: at("14:30"), operatorName: "罗燕")
        station.append(.incidentStatusChanged(id: Self.id, to: .responding, epoch: 0), at: at("14:31"), operatorName: "罗燕")
        station.append(.incidentStatusChanged(id: Self.id, to: .ended, epoch: 0), at: at("14:33"), operatorName: "罗燕")
        // Before the final report, marking it filed asks: the final report is what is outstanding.
        let ended = IncidentSummary(try #require(station.state.incidents[Self.id]), rules: .standard, now: at("14:34"),
                                    timeZone: DutyTime.defaultTimeZone)
        // The move to 处置中 after the written initial report is a change: its follow-up is owed too (#22), and the final answers it.
        #expect(OutstandingReports.left(by: ended, movingTo: .finalReported).map(\.kind) == [.followUp(1), .final])
        #expect(OutstandingReports.left(by: ended, movingTo: .ended).isEmpty)
        station.append(.reportRecorded(id: Self.id, kind: .final, channel: .written, recipient: "市委值班室", at: at("14:35"), summary: ""),
                       at: at("14:35"), operatorName: "罗燕")
        station.append(.incidentStatusChanged(id: Self.id, to: .finalReported, epoch: 0), at: at("14:36"), operatorName: "罗燕")
        let filed = IncidentSummary(try #require(station.state.incidents[Self.id]), rules: .standard, now: at("14:40"),
                                    timeZone: DutyTime.defaultTimeZone)
        #expect(OutstandingReports.left(by: filed, movingTo: .closed).isEmpty, "\(filed.deadlines)")
        let h = ConsoleHarness(language: .zh, now: "2026-11-23T14:40:00+08:00", station: station, operatorName: "罗燕")
        Self.openDetail(h)
        h.type("c")
        #expect(!h.lines.joined().contains("尚未报送"))
        h.press(.ctrl("s"))
        #expect(station.state.incidents[Self.id]?.status == .closed)
    }

    // MARK: A report needs its recipient

    @Test(arguments: cases)
    func aReportNeedsItsRecipient(_ c: Case) throws {
        let (h, station) = Self.harness(c.language, c.size, now: "2026-11-23T14:20:00+08:00")
        Self.openDetail(h)
        let before = station.events.count
        h.type("r")
        // The dialog starts on the recipient, the field filled first; the cursor stands in it.
        let opened = try #require(Self.dialog(h))
        #expect(opened.focus == opened.choices.count)
        #expect(opened.fields[0].label == .actionRecipient)
        let cursor = try #require(h.backend.cursor)
        let recipientRow = try #require(h.lines.firstIndex { $0.contains(c.language == .zh ? "报送对象" : "To   ") })
        #expect(cursor.y == recipientRow)
        // Saved with no recipient: refused, the field named, nothing written.
        h.press(.ctrl("s"))
        let refused = try #require(Self.dialog(h))
        #expect(refused.problem == .intake(.recipientRequired))
        #expect(refused.focus == refused.choices.count)
        #expect(h.lines.joined().contains(c.language == .zh ? "“报送对象”必填" : "To (the recipient) is required"))
        #expect(station.events.count == before)
        #expect(station.state.incidents[Self.id]?.reportsMade.isEmpty == true)
        assertSnapshot(h.screen, named: "report-no-recipient-\(c.testDescription)")
        // Spaces are not a recipient either.
        h.type("  ")
        h.press(.enter, .enter, .enter, .enter, .enter)
        #expect(station.events.count == before)
        // With a recipient (the refusal left the cursor in its field) it is recorded.
        #expect(Self.dialog(h)?.focus == opened.choices.count)
        h.press(.ctrl("u"))
        h.type("市委市政府总值班室")
        h.press(.ctrl("s"))
        #expect(station.state.incidents[Self.id]?.reportsMade.first?.recipient == "市委市政府总值班室")
    }

    // MARK: Enter saves the grade

    @Test(arguments: cases)
    func enterSavesTheGrade(_ c: Case) throws {
        let (h, station) = Self.harness(c.language, c.size)
        Self.openDetail(h)
        h.type("g")
        // The suggestion (较大, three dead) is offered; Enter on the choice row saves it.
        #expect(Self.dialog(h)?.choices[0].value == "III")
        h.press(.enter)
        #expect(h.state.overlay == .incidentDetail(Self.id))
        #expect(station.state.incidents[Self.id]?.grade.value?.grade == .III)
        assertSnapshot(h.screen, named: "grade-enter-saves-\(c.testDescription)")
        // An override still needs its reason: Enter tries to save and says so.
        h.type("g")
        h.press(.right)
        let other = Self.dialog(h)?.choices[0].value
        h.press(.enter)
        #expect(Self.dialog(h)?.problem == .intake(.reasonRequired), "\(other ?? "")")
        h.type("周边有学校")
        h.press(.enter)
        #expect(h.state.overlay == .incidentDetail(Self.id))
        #expect(station.state.incidents[Self.id]?.grade.value?.reason == "周边有学校")
    }
}
