@testable import Console
import ConsoleTestSupport
import DutyModel
import Foundation
import Testing
import TerminalUI

/// #23 items 10 and 12: the times a duty officer reads. A thing with a time of
/// its own (an incident received, a report made, a warning sent) is shown at
/// that time, the time it was recorded only beside it; an amount of time left
/// or overdue is said in days from 48 hours and as the date from 30 days.
@Suite struct TimeTextTests {
    static let zone = DutyTime.defaultTimeZone
    static let now = DutyFixture.at("2026-12-08T08:12:00+08:00")

    // MARK: item 12 — one rule for lapses

    @Test func lapseBoundaries() {
        func lapse(_ seconds: Int, _ farEnd: Date? = Self.now) -> Lapse { ClockFormat.lapse(seconds, farEnd: farEnd, timeZone: Self.zone) }
        #expect(lapse(47 * 3600 + 59 * 60 + 59) == .short(172_799))
        #expect(lapse(48 * 3600) == .days(2, hours: 0))
        #expect(lapse(3 * 86_400 + 4 * 3600 + 59 * 60) == .days(3, hours: 4))
        #expect(lapse(30 * 86_400 - 1) == .days(29, hours: 23))
        #expect(lapse(30 * 86_400) == .date("2026-12-08"))
        #expect(lapse(-5) == .short(0))
        // Years: the far end's date, in the station's zone (20:00 UTC on the 31st is the 1st in Shanghai).
        let far = DutyFixture.at("2099-12-31T20:00:00Z")
        #expect(lapse(Int(far.timeIntervalSince(Self.now)), far) == .date("2100-01-01"))
        // Without a far end a long lapse stays in days.
        #expect(lapse(40 * 86_400, nil) == .days(40, hours: 0))
    }

    @Test func lapseWordsInBothLanguages() {
        let short = ClockFormat.duration
        #expect(Lapse.short(172_799).text(.zh, short: short) == "47:59:59" && Lapse.short(172_799).text(.en, short: short) == "47:59:59")
        #expect(Lapse.days(2, hours: 0).text(.zh, short: short) == "2天" && Lapse.days(2, hours: 0).text(.en, short: short) == "2d")
        #expect(Lapse.days(3, hours: 4).text(.zh, short: short) == "3天4小时" && Lapse.days(3, hours: 4).text(.en, short: short) == "3d 4h")
        #expect(Lapse.date("2099-12-31").text(.zh, short: short) == "2099-12-31")
        // Time left of a warning.
        #expect(WarningText.left(.short(18_723)).text(.zh) == "剩 5:12:03" && WarningText.left(.short(18_723)).text(.en) == "5:12:03 left")
        #expect(WarningText.left(.days(26, hours: 5)).text(.zh) == "剩 26天5小时" && WarningText.left(.days(26, hours: 5)).text(.en) == "26d 5h left")
        #expect(WarningText.left(.date("2099-12-31")).text(.zh) == "至 2099-12-31" && WarningText.left(.date("2099-12-31")).text(.en) == "to 2099-12-31")
        // Acknowledgement overdue: minutes as before, days, then since the date.
        #expect(WarningText.ackOverdue(.short(55 * 60)).text(.zh) == "!! 确认超时 55 分" && WarningText.ackOverdue(.short(55 * 60)).text(.en) == "!! ACK 55m OVERDUE")
        #expect(WarningText.ackOverdue(.short(65 * 60)).text(.en) == "!! ACK 1h5m OVERDUE")
        #expect(WarningText.ackOverdue(.days(2, hours: 1)).text(.zh) == "!! 确认超时 2天1小时")
        #expect(WarningText.ackOverdue(.date("2026-11-23")).text(.en) == "!! ACK since 2026-11-23")
        #expect(WarningText.forwardOverdue(.date("2026-11-23")).text(.zh) == "!! 转发超时 自2026-11-23")
        #expect(WarningText.ackDue(.short(4 * 60)).text(.zh) == "!! 未确认 剩4分")
        // The handover printout's overdue reports.
        #expect(HandoverPrinter.span(.short(2 * 3600 + 5 * 60), zh: true) == "2小时05分" && HandoverPrinter.span(.short(300), zh: false) == "5 min")
        #expect(HandoverPrinter.span(.days(3, hours: 2), zh: false) == "3d 2h")
        // Every text of the rule is free of the other language's punctuation.
        for text in [WarningText.left(.date("2099-12-31")), .ackOverdue(.date("2026-11-23")), .forwardOverdue(.days(2, hours: 3))] {
            #expect(!text.text(.en).contains { "（）：，".contains($0) })
        }
    }

    // MARK: a warning that expires in 2099

    static func farWarning() -> WarningInfo {
        var w = WarningScreenTests.redRain
        w.expires = DutyFixture.at("2099-12-31T23:59:59+08:00")
        return w
    }

    @Test(arguments: Language.allCases.flatMap { l in [Size(width: 80, height: 24), Size(width: 200, height: 60)].map { (l, $0) } })
    func aWarningExpiringIn2099SaysTheDate(_ language: Language, _ size: Size) throws {
        let (h, _) = WarningScreenTests.harness([Self.farWarning()], language: language, size: size)
        h.press(.function(4))
        let until = language == .zh ? "至 2099-12-31" : "to 2099-12-31"
        // The list's row itself (the detail pane below says it too).
        let row = try #require(h.lines.first { $0.contains("■") })
        #expect(row.contains(until), "\(size): \(row)")
        let list = h.lines.joined(separator: "\n")
        #expect(list.range(of: #"\d{3,}:\d\d:\d\d"#, options: .regularExpression) == nil, "no count of hours:\n\(list)")
        h.press(.enter)
        let detail = DetailViewTests.readThrough(h).joined(separator: "\n")
        #expect(detail.contains(until) && detail.contains(language == .zh ? "失效 2099-12-31 23:59" : "expires 2099-12-31 23:59"), "\(detail)")
        #expect(detail.range(of: #"\d{3,}:\d\d:\d\d"#, options: .regularExpression) == nil)
        // The command line's one-line summary says it the same way.
        let summary = try #require(WarningsView.summary(h.state, WarningsView.summaries(h.state).first!.chainKey))
        let line = OutcomeText.warningLine(summary, rules: h.state.duty.rules, language: language, now: h.state.now, timeZone: Self.zone)
        #expect(line.contains(language == .zh ? "至2099-12-31" : "until 2099-12-31"), "\(line)")
    }

    @Test(arguments: Language.allCases)
    func anAcknowledgementOverdueForWeeksSaysSinceWhen(_ language: Language) throws {
        // Received 11-23 13:00, never acknowledged; five weeks later, at 200 columns.
        func station() -> TempStation {
            let station = TempStation()
            station.append(.warningReceived(Self.farWarning()), at: DutyFixture.at("2026-11-23T13:00:00+08:00"), operatorName: "cap")
            return station
        }
        let h = ConsoleHarness(size: Size(width: 200, height: 60), language: language, now: "2026-12-30T09:00:00+08:00", station: station(),
                               operatorName: "罗燕")
        h.press(.function(4))
        let list = h.lines.joined(separator: "\n")
        // The list's column is 20 wide: the date without its year, which is this year's.
        let since = language == .zh ? "!! 确认超时 自11-23" : "!! ACK since 11-23"
        #expect(list.contains(since), "\(list)")
        #expect(list.range(of: #"\d{3,} ?(h|时|小时)"#, options: .regularExpression) == nil, "no count of hours: \(list)")
        h.press(.enter)
        let detail = DetailViewTests.readThrough(h).joined(separator: "\n")
        #expect(detail.contains(language == .zh ? "!! 确认超时（时限 2026-11-23）" : "!! ack overdue since 2026-11-23"), "\(detail)")
        #expect(detail.contains(language == .zh ? "!! 转发超时（时限 2026-11-23）" : "!! forward overdue since 2026-11-23"))
        // A week late: days and hours.
        let later = ConsoleHarness(size: Size(width: 200, height: 60), language: language, now: "2026-11-30T15:00:00+08:00",
                                   station: station(), operatorName: "罗燕")
        later.press(.function(4))
        #expect(later.lines.joined().contains(language == .zh ? "!! 确认超时 7天1小时" : "!! ACK 7d 1h OVERDUE"), "\(later.lines.joined(separator: "\n"))")
    }

    // MARK: item 10 — the time received on the timeline

    static let id = "TZ-20261208-001"

    /// Received at 01:37, recorded at 02:19; a phone report made at 02:30 recorded at 02:45, a written
    /// one made at 02:50 recorded 30 seconds later; a note at 02:40.
    static func station() throws -> TempStation {
        let station = TempStation()
        let json = #"{"received_at": "2026-12-08T01:37:00+08:00", "location": {"county": "泰兴市", "town": "七圩镇"}, "category": "accident", "type": "fire", "description": "厂房起火", "grade": "IV"}"#
        let intake = try IntakeParser(rules: .standard, now: DutyFixture.at("2026-12-08T02:19:00+08:00"), timeZone: zone,
                                      sanitize: { $0 }).parse(Data(json.utf8)).get()
        station.append(.incidentReceived(id: id, intake: intake, recordedBy: "黄磊"), at: DutyFixture.at("2026-12-08T02:19:00+08:00"), operatorName: "黄磊")
        // Written in time order, as a duty room writes them (the journal's clock only moves forward).
        station.append(.incidentNoted(id: id, text: "消防到场"), at: DutyFixture.at("2026-12-08T02:40:00+08:00"), operatorName: "黄磊")
        station.append(.reportRecorded(id: id, kind: .initial, channel: .phone, recipient: "市委值班室", at: DutyFixture.at("2026-12-08T02:30:00+08:00")),
                       at: DutyFixture.at("2026-12-08T02:45:00+08:00"), operatorName: "黄磊")
        station.append(.reportRecorded(id: id, kind: .initial, channel: .written, recipient: "市委值班室", at: DutyFixture.at("2026-12-08T02:50:00+08:00"),
                                       approvedBy: "孙立新"),
                       at: DutyFixture.at("2026-12-08T02:50:30+08:00"), operatorName: "黄磊")
        return station
    }

    @Test(arguments: DetailViewTests.cases)
    func theTimelineShowsTheTimeReceived(_ c: DetailViewTests.Case) throws {
        let h = ConsoleHarness(size: c.size, language: c.language, now: "2026-12-08T03:00:00+08:00", station: try Self.station(), operatorName: "黄磊")
        h.press(.char("3"), .enter)
        #expect(h.state.overlay == .incidentDetail(Self.id))
        let rows = DetailViewTests.readThrough(h)
        // Entries joined with their hanging continuations: one string per timeline entry.
        var entries: [String] = []
        for row in rows {
            if row.hasPrefix(" "), !entries.isEmpty { entries[entries.count - 1] += " " + row.trimmingCharacters(in: .whitespaces) } else { entries.append(row) }
        }
        let zh = c.language == .zh
        let recorded = zh ? "录入" : "recorded"
        let received = try #require(entries.firstIndex { $0.hasPrefix("12-08 01:37  ") }, "\(c.testDescription):\n\(rows.joined(separator: "\n"))")
        #expect(entries[received].contains(zh ? "接报" : "received") && entries[received].hasSuffix("\(recorded) 02:19"), "\(entries[received])")
        #expect(!entries.contains { $0.hasPrefix("12-08 02:19") }, "nothing is shown at the time it was typed in")
        // The grade given at intake goes with the intake.
        #expect(entries.filter { $0.hasPrefix("12-08 01:37  ") }.count == 2)
        let phone = try #require(entries.firstIndex { $0.hasPrefix("12-08 02:30  ") })
        #expect(entries[phone].hasSuffix("\(recorded) 02:45"), "\(entries[phone])")
        let note = try #require(entries.firstIndex { $0.hasPrefix("12-08 02:40  ") })
        let written = try #require(entries.firstIndex { $0.hasPrefix("12-08 02:50  ") })
        #expect(!entries[written].contains(recorded), "recorded within the minute: nothing beside it")
        #expect(!entries[note].contains(recorded))
        #expect(received < phone && phone < note && note < written, "in the order of the times shown")
    }

    @Test(arguments: Language.allCases)
    func aWarningIsShownAtItsSentTimeWithTheRecordedTimeBeside(_ language: Language) {
        let station = TempStation()
        station.append(.warningReceived(WarningScreenTests.redRain), at: DutyFixture.at("2026-11-23T13:20:00+08:00"), operatorName: "cap")
        let h = ConsoleHarness(size: Size(width: 80, height: 24), language: language, now: "2026-11-23T14:05:00+08:00", station: station,
                               operatorName: "罗燕")
        h.press(.function(4), .enter)
        let text = DetailViewTests.readThrough(h).joined(separator: "\n")
        #expect(text.contains(language == .zh ? "发布 11-23 13:00 · 录入 13:20" : "sent 11-23 13:00 · recorded 13:20"), "\(text)")
        // Recorded when sent: nothing beside it.
        let (same, _) = WarningScreenTests.harness([WarningScreenTests.redRain], language: language)
        same.press(.function(4), .enter)
        #expect(!DetailViewTests.readThrough(same).joined().contains(language == .zh ? "录入" : "recorded"))
    }
}
