@testable import Console
import ConsoleTestSupport
import DutyModel
import Foundation
import Testing
import TerminalUI

/// The duty board, contacts and duty-log screens on a station held in memory.
@Suite struct DutyBoardTests {
    struct Instant: CustomTestStringConvertible, Sendable {
        var name: String
        var now: String
        var oneOfficer = false
        var emergency = false
        var testDescription: String { name }
    }

    static let instants: [Instant] = [
        Instant(name: "mid-shift", now: "2026-11-23T14:05:00+08:00"),
        Instant(name: "minute-before-handover", now: "2026-11-24T08:29:00+08:00"),
        Instant(name: "just-after-handover", now: "2026-11-24T08:31:00+08:00"),
        Instant(name: "one-officer", now: "2026-11-23T14:05:00+08:00", oneOfficer: true),
        Instant(name: "emergency", now: "2026-11-23T14:05:00+08:00", emergency: true),
    ]

    struct Case: CustomTestStringConvertible, Sendable {
        var instant: Instant
        var language: Language
        var width: Int
        var height: Int
        var testDescription: String { "board-\(instant.name)-\(width)x\(height)-\(language)" }
    }

    static let cases: [Case] = instants.flatMap { i in
        Language.allCases.flatMap { l in [(80, 24), (200, 60)].map { Case(instant: i, language: l, width: $0.0, height: $0.1) } }
    }

    static func harness(_ instant: Instant, language: Language = .en, size: Size = Size(width: 80, height: 24)) -> (ConsoleHarness, TempStation) {
        let station = DutyFixture.station(oneOfficerOn: instant.oneOfficer ? "2026-11-23" : nil, emergency: instant.emergency)
        let h = ConsoleHarness(size: size, language: language, now: instant.now, station: station, operatorName: "值班员")
        return (h, station)
    }

    @Test(arguments: cases)
    func boardSnapshot(_ c: Case) {
        let (h, _) = Self.harness(c.instant, language: c.language, size: Size(width: c.width, height: c.height))
        #expect(h.state.screen == .board)
        assertSnapshot(h.screen, named: c.testDescription)
    }

    func screenText(_ h: ConsoleHarness) -> String { h.lines.joined(separator: "\n") }

    @Test func midShiftShowsWhoIsOnDutyAndTheCountdown() {
        let (h, _) = Self.harness(Self.instants[0])
        let text = screenText(h)
        #expect(text.contains("handover 08:30 · in 18:25:00"))
        #expect(text.contains("On duty 11-23 08:30 → 11-24 08:30"))
        for name in ["孙立新", "赵文斌", "高鹏", "罗燕"] { #expect(text.contains(name), "\(name) missing") }
        #expect(text.contains("13905231102"), "the leader's mobile is shown")
        #expect(text.contains("next shift 11-24 08:30  leaders 吴海涛, 钱秀英 · officers 梁超, 宋佳"))
        #expect(text.contains("not checked in — press c"))
        #expect(!text.contains("only 1 duty officer"))
        // The clock ticks the countdown without a key.
        h.advance(seconds: 65)
        #expect(screenText(h).contains("handover 08:30 · in 18:23:55"))
    }

    @Test func countersCountTodaysIncidentsAndReports() {
        let (h, station) = Self.harness(Self.instants[0])
        let now = DutyFixture.at("2026-11-23T14:05:00+08:00")
        let c = station.state.dayCounters(now: now, rules: .standard, timeZone: DutyTime.defaultTimeZone)
        // Received today: 001, 002, 003 and 005 (closed since); open: 001–003 and yesterday's 004.
        #expect(c.receivedToday == 4)
        #expect(c.open == 4)
        // Missed: 001 (IV, 03:40) phone 04:40 and written 09:40; 002 (IV, 10:12) phone 11:12;
        // 003 (III, 13:20) phone 13:50; 004 (IV, 22:10 yesterday) phone 23:10 and written 04:10.
        #expect(c.overdue == 6)
        // 003's written report at 14:20 falls within the hour.
        #expect(c.dueWithinHour == 1)
        #expect(c.warnings == [.red: 1])
        #expect(c.resourcesOut == 1)
        let text = screenText(h)
        #expect(text.contains("received today 4"))
        #expect(text.contains("open 4"))
        #expect(text.contains("!! OVERDUE reports 6"))
        #expect(text.contains("reports due <1h 1"))
        #expect(text.contains("red 1") && text.contains("orange 0"))
        #expect(text.contains("teams out 1"))
        // The overdue counter and the red warning carry their styles, whatever the theme.
        func style(of needle: String) -> Style? {
            guard let row = h.lines.firstIndex(where: { $0.contains(needle) }) else { return nil }
            let line = h.lines[row]
            let x = line[..<line.range(of: needle)!.lowerBound].displayWidth
            return h.screen[x, row].style
        }
        #expect(style(of: "!! OVERDUE") == h.state.theme[.overdue])
        #expect(style(of: "red 1") == h.state.theme[.alertRed])
    }

    @Test func theStatusBarCarriesTheReportClocks() {
        let (h, _) = Self.harness(Self.instants[0], size: Size(width: 200, height: 60))
        let status = h.lines[59]
        #expect(status.contains("!! 6 overdue"))
        #expect(status.contains("next report 14:20"))
        let x = status[..<status.range(of: "!! 6 overdue")!.lowerBound].displayWidth
        #expect(h.screen[x, 59].style == h.state.theme[.overdue])
        // At 80 columns the overdue count is the last thing to go.
        let (narrow, _) = Self.harness(Self.instants[0])
        #expect(narrow.lines[23].contains("!! 6 overdue"))
    }

    @Test(arguments: [(["三级", "二级"], "二级"), (["III", "Ⅱ"], "Ⅱ"), (["IV", "I"], "I"), (["", "4级"], "4级")])
    func theResponseLevelIsComparedAsALevelNotAsText(_ levels: [String], _ highest: String) {
        let station = TempStation()
        let at = DutyFixture.at("2026-11-23T10:00:00+08:00")
        var ids: [String] = []
        for (i, level) in levels.enumerated() {
            let id = "TZ-20261123-00\(i + 1)"
            ids.append(id)
            station.append(DutyFixture.incident(id, received: "2026-11-23T09:00:00+08:00", category: "accident", type: "fire",
                                                place: ("海陵区", "", ""), grade: "IV", description: "x"), at: at)
            var graded = Zhiban_Events_V1_IncidentGraded()
            graded.incidentID = id; graded.grade = "III"; graded.responseLevel = level
            station.append(EventDraft(graded), at: at)
        }
        #expect(station.state.highestResponseLevel(of: ids) == highest)
    }

    @Test func theOperatorFollowsTheShift() {
        let (h, _) = Self.harness(Self.instants[0])
        h.press(.char("c"), .enter)
        #expect(h.state.operatorName == "高鹏")
        // 08:30 next morning: the new shift has not checked in, so the console's own operator is back.
        h.advance(seconds: DutyFixture.at("2026-11-24T08:30:00+08:00").timeIntervalSince(h.state.now))
        #expect(h.state.operatorName == "值班员")
        #expect(screenText(h).contains("not checked in — press c"))
    }

    @Test func checkInShortlyBeforeTheChangeIsForTheNextShift() {
        let (h, station) = Self.harness(Instant(name: "08:10", now: "2026-11-24T08:10:00+08:00"))
        h.press(.char("c"))
        guard case .checkIn(let dialog) = h.state.overlay else {
            Issue.record("no check-in dialog")
            return
        }
        #expect(dialog.slot.date == "2026-11-24")
        #expect(dialog.rows.prefix(2).map(\.name) == ["梁超", "宋佳"])
        h.press(.enter)
        #expect(h.state.operatorName == "值班员", "the outgoing shift keeps operating until 08:30")
        h.advance(seconds: 20 * 60 + 1)
        #expect(h.state.operatorName == "梁超")
        #expect(station.decoded.compactMap { $0 as? Zhiban_Events_V1_ShiftCheckedIn }.first?.date == "2026-11-24")
    }

    @Test func oneMinuteBeforeAndJustAfterHandover() {
        let (before, _) = Self.harness(Self.instants[1])
        #expect(screenText(before).contains("handover 08:30 · in 0:01:00"))
        #expect(screenText(before).contains("On duty 11-23 08:30 → 11-24 08:30"))
        let (after, _) = Self.harness(Self.instants[2])
        let text = screenText(after)
        #expect(text.contains("handover 08:30 · in 23:59:00"))
        #expect(text.contains("On duty 11-24 08:30 → 11-25 08:30"))
        #expect(text.contains("吴海涛") && text.contains("梁超") && text.contains("宋佳"))
        #expect(text.contains("next shift 11-25 08:30: nobody rostered"))
        // Crossing the change time live moves the board to the next shift.
        before.advance(seconds: 61)
        #expect(screenText(before).contains("On duty 11-24 08:30 → 11-25 08:30"))
    }

    @Test func aOneOfficerShiftIsMarkedRed() {
        let (h, _) = Self.harness(Self.instants[3])
        let row = h.lines.firstIndex { $0.contains("only 1 duty officer(s): at least 2 are required") }
        #expect(row != nil)
        if let row {
            let x = h.lines[row].distance(from: h.lines[row].startIndex, to: h.lines[row].range(of: "■")!.lowerBound)
            #expect(h.screen[x, row].style == h.state.theme[.error])
        }
    }

    @Test func emergencyModeLeadsWithTheIncidents() {
        let (h, _) = Self.harness(Self.instants[4])
        let lines = h.lines
        #expect(lines[1].contains("Duty board · EMERGENCY mode"))
        #expect(lines[2].contains("response level III") && lines[2].contains("4 incident(s) being handled"))
        let incidentRow = lines.firstIndex { $0.contains("TZ-20261123-003") }
        let onDutyRow = lines.firstIndex { $0.contains("On duty") }
        #expect(incidentRow != nil && onDutyRow != nil && incidentRow! < onDutyRow!)
    }

    @Test func checkInChoosesTheOperatorForEveryLaterEvent() throws {
        let (h, station) = Self.harness(Self.instants[0])
        h.press(.char("c"))
        guard case .checkIn(let dialog) = h.state.overlay else {
            Issue.record("c did not open the check-in")
            return
        }
        #expect(dialog.rows.map(\.name) == ["高鹏", "罗燕", "黄磊", "徐静"])
        #expect(dialog.rows.map(\.present) == [true, true, false, false])
        h.press(.char("j"), .char(" "))        // 罗燕 is not here
        h.press(.char("a"))
        h.type("朱晓峰")                          // a stand-in not on the roster
        h.press(.enter)
        h.press(.up, .up, .up, .up, .enter)     // 高鹏 operates
        #expect(h.state.overlay == nil)
        let checkIns = station.decoded.compactMap { $0 as? Zhiban_Events_V1_ShiftCheckedIn }
        #expect(checkIns.count == 1)
        #expect(checkIns.first?.present == ["高鹏", "朱晓峰"])
        #expect(checkIns.first?.operatorName == "高鹏")
        #expect(checkIns.first?.date == "2026-11-23" && checkIns.first?.shiftIndex == 0)
        #expect(station.events.last?.operatorName == "高鹏")
        #expect(h.state.operatorName == "高鹏")
        let text = screenText(h)
        #expect(text.contains("checked in: 高鹏, 朱晓峰 · operator 高鹏"), "at 80 columns the time gives way")
        #expect(text.contains("operator 高鹏"))
        // Everything written after carries the operator.
        h.press(.char("6"), .char("n"))
        h.type("交接班前检查卫星电话电量")
        h.press(.enter)
        #expect(station.events.last?.operatorName == "高鹏")
    }

    @Test func aFailedWriteSaysWhyAndKeepsNothing() {
        let (h, station) = Self.harness(Self.instants[0])
        let before = station.events.count
        station.failNextWrite = "journal/1f425d871f419b8a.log: No space left on device"
        h.press(.char("c"), .enter)
        #expect(station.events.count == before)
        if case .checkIn = h.state.overlay {} else { Issue.record("the check-in dialog closed although nothing was saved") }
        #expect(h.state.message?.kind == .error)
        #expect(h.lines[22].contains("not saved: journal/1f425d871f419b8a.log: No space left on device"))
        #expect(h.backend.bells == 1)
        #expect(h.state.operatorName == "值班员")
        // A log entry that fails keeps every character typed; the retry saves it.
        h.press(.escape, .char("6"), .char("n"))
        h.type("卫星电话电量正常")
        station.failNextWrite = "journal/1f425d871f419b8a.log: Input/output error"
        h.press(.enter)
        guard case .logEntry(let dialog) = h.state.overlay else {
            Issue.record("the log dialog closed although nothing was saved")
            return
        }
        #expect(dialog.text.text == "卫星电话电量正常")
        h.press(.enter)
        #expect(h.state.overlay == nil)
        #expect(station.events.count == before + 1)
    }

    @Test func modeSwitchIsRecordedWithItsReason() {
        let (h, station) = Self.harness(Self.instants[0])
        h.press(.char("m"))
        h.type("暴雨红色预警，启动Ⅱ级响应")
        h.press(.enter)
        let change = station.decoded.compactMap { $0 as? Zhiban_Events_V1_ModeChanged }.last
        #expect(change?.mode == .emergency)
        #expect(change?.reason == "暴雨红色预警，启动Ⅱ级响应")
        #expect(h.lines[1].contains("EMERGENCY"))
        // And back, with Esc cancelling first.
        h.press(.char("m"), .escape)
        #expect(station.decoded.compactMap { $0 as? Zhiban_Events_V1_ModeChanged }.count == 1)
        h.press(.char("m"), .enter)
        #expect(station.decoded.compactMap { $0 as? Zhiban_Events_V1_ModeChanged }.last?.mode == .peacetime)
        #expect(h.lines[1].contains("peacetime"))
    }
}

@Suite struct ContactsScreenTests {
    func harness(_ language: Language = .en, size: Size = Size(width: 80, height: 24)) -> ConsoleHarness {
        let h = ConsoleHarness(size: size, language: language, station: DutyFixture.station())
        h.press(.char("8"))
        return h
    }

    func names(_ h: ConsoleHarness) -> [String] { ContactsScreenTests.listedNames(h) }

    static func listedNames(_ h: ConsoleHarness) -> [String] {
        let people = DutyFixture.people.map(\.name)
        // Rows of the table: between the header (row 2) and the detail box.
        // Long names are cut to the column: three characters tell them apart here.
        return h.lines[3..<16].compactMap { line in people.first { line.hasPrefix(" " + String($0.prefix(3))) } }
    }

    @Test(arguments: [
        ("slx", ["孙立新"]),                  // pinyin initials of the name
        ("sunlixin", ["孙立新"]),             // full pinyin
        ("SLX", ["孙立新"]),                  // case does not matter
        ("孙", ["孙立新"]),                   // Chinese
        ("jyq", ["姜堰值班电话"]),             // initials of the unit 姜堰区…
        ("13552314310", ["黄磊"]),            // a mobile number
        ("052388231119", ["姜堰值班电话"]),    // an office number typed without its dash
        ("泰州应急04", ["吴海涛"]),            // a radio call sign
        ("zbs 高", ["高鹏"]),                 // words narrow each other (总值班室 + 高)
        ("nobody-like-this", []),
    ])
    func filterAsYouType(_ query: String, _ expected: [String]) {
        let h = harness()
        h.press(.char("/"))
        h.type(query)
        #expect(h.state.screen == .contacts, "digits typed into the filter must not switch screens")
        #expect(names(h) == expected)
        if expected.isEmpty { #expect(h.lines.joined().contains("no contact matches; Esc clears the filter")) }
    }

    @Test func filterNarrowsWithEachKeyAndEscClears() {
        let h = harness()
        let all = names(h).count
        #expect(all >= 13)
        h.press(.char("/"))
        h.type("x")                          // 孙立新, 徐静, 兴化市… …
        let afterOne = names(h)
        #expect(afterOne.count > 1 && afterOne.count < all)
        #expect(afterOne.contains("孙立新") && afterOne.contains("徐静"))
        h.type("u")                          // xu: 徐静 only
        #expect(names(h) == ["徐静"])
        #expect(h.backend.cursor != nil, "the cursor stands in the filter while typing")
        h.press(.enter)                     // keep the filter, back to the list
        #expect(names(h) == ["徐静"])
        #expect(h.state.contacts.list.isFiltering == false)
        h.press(.escape)
        #expect(names(h).count == all)
    }

    @Test func everyChannelAndThePartnerAreShown() {
        let h = harness()
        h.press(.char("/"))
        h.type("slx")
        h.press(.enter)
        let detail = h.lines[16..<22].joined(separator: "\n")
        for value in ["0523-86831002", "13905231102", "泰州应急03", "17405232102"] { #expect(detail.contains(value), "\(value) missing") }
        #expect(detail.contains("A/B partner 吴海涛"))
    }

    @Test func bJumpsToTheABPartnerEvenWhenFilteredOut() {
        let h = harness()
        h.press(.char("/"))
        h.type("孙立新")
        h.press(.enter, .char("b"))
        #expect(h.state.contacts.list.selectedKey == "tz-l04")
        #expect(h.state.contacts.list.filter.isEmpty, "the filter that hid the partner is cleared")
        #expect(h.lines[16..<22].joined().contains("吴海涛 · 泰州市应急管理局"))
        #expect(h.lines[22].contains("孙立新's A/B partner: 吴海涛"))
        h.press(.char("b"))
        #expect(h.state.contacts.list.selectedKey == "tz-l03")
        // Someone without a partner says so.
        h.press(.char("/"))
        h.type("顾平")
        h.press(.enter, .char("b"))
        #expect(h.state.message?.kind == .error)
        #expect(h.lines[22].contains("顾平 has no A/B partner recorded"))
        #expect(h.lines[16..<22].joined().contains("顾平 · 兴化市戴南镇"), "the selection stays on 顾平")
    }

    @Test func movingWithinAPageDoesNotScroll() {
        let h = harness(size: Size(width: 80, height: 16))   // a list of a few rows only
        let rows = ContactsView.listRows(h.state)
        #expect(rows >= 2 && rows < DutyFixture.people.count)
        let top = h.lines[3]
        h.press(.char("j"))
        #expect(h.lines[3] == top, "one step down within the page keeps the first row")
        for _ in 0..<(rows - 1) { h.press(.char("j")) }
        #expect(h.lines[3] != top, "leaving the page scrolls")
        let scrolled = h.lines[3]
        h.press(.char("k"))
        #expect(h.lines[3] == scrolled, "one step back up stays within the page")
        h.press(.char("G"))
        #expect(h.state.contacts.list.selectedKey == h.state.duty.contacts.last?.id)
        h.press(.char("g"))
        #expect(h.lines[3] == top)
    }

    @Test(arguments: Language.allCases)
    func contactsSnapshot(_ language: Language) {
        let h = harness(language)
        assertSnapshot(h.screen, named: "contacts-80x24-\(language)")
        let wide = harness(language, size: Size(width: 200, height: 60))
        wide.press(.char("/"))
        wide.type("zbs")
        assertSnapshot(wide.screen, named: "contacts-filtered-200x60-\(language)")
    }
}

@Suite struct DutyLogScreenTests {
    func harness(_ language: Language = .en, size: Size = Size(width: 80, height: 24)) -> (ConsoleHarness, TempStation) {
        let station = DutyFixture.station()
        let h = ConsoleHarness(size: size, language: language, now: "2026-11-23T14:05:00+08:00", station: station, operatorName: "高鹏")
        h.press(.char("6"))
        return (h, station)
    }

    var logEntries: (TempStation) -> [Zhiban_Events_V1_LogEntryAdded] { { $0.decoded.compactMap { $0 as? Zhiban_Events_V1_LogEntryAdded } } }

    @Test func quickAddInOneLine() {
        let (h, station) = harness()
        h.press(.char("n"))
        h.type("卫星电话电量检查正常")
        h.press(.enter)
        let last = logEntries(station).last
        #expect(last?.kind == .note && last?.text == "卫星电话电量检查正常")
        #expect(station.events.last?.operatorName == "高鹏")
        #expect(h.lines[3].contains("卫星电话电量检查正常"), "newest first")
        #expect(h.lines[22].contains("logged: 卫星电话电量检查正常"))
    }

    /// #17 §5: a paste of "电话记录⏎q" into the note dialog is text: the line
    /// break is not Enter (nothing saved yet) and the "q" after it does not
    /// quit; on a screen with no text field a paste is dropped, never run as keys.
    @Test func aPasteIsTextNeverKeys() {
        let (h, station) = harness()
        let before = logEntries(station).count
        h.press(.char("n"))
        h.bracketedPaste("电话记录\nq\u{1B}[2J\t完")
        #expect(h.state.isRunning, "the q after the line break did not quit")
        guard case .logEntry(let dialog) = h.state.overlay else {
            Issue.record("the pasted line break closed the dialog")
            return
        }
        #expect(dialog.text.text == "电话记录 q 完", "line break and tab as spaces, the escape sequence removed")
        #expect(logEntries(station).count == before, "nothing saved by the paste")
        h.press(.enter)
        #expect(logEntries(station).last?.text == "电话记录 q 完")
        // The log screen itself has no text field: a paste of "q" is dropped with a word.
        h.bracketedPaste("q")
        #expect(h.state.isRunning)
        #expect(h.lines[22].contains("pasted text not used"), "\(h.lines[22])")
    }

    /// #17 §5, without bracketed paste: "n", then "电话记录⏎q" arriving in one
    /// burst — the "n" opens the dialog, the rest stays in its field: the
    /// line break is not Enter, the "q" does not quit. Text typed quickly and
    /// then Enter, the Enter last in the burst, still saves.
    @Test func aBurstOfKeysInATextFieldStaysInTheField() {
        let (h, station) = harness()
        let before = logEntries(station).count
        h.burst([.char("n")] + "电话记录".map { .char($0) } + [.enter, .char("q")])
        #expect(h.state.isRunning, "the q after the line break did not quit")
        guard case .logEntry(let dialog) = h.state.overlay else {
            Issue.record("the line break in the burst closed the dialog")
            return
        }
        #expect(dialog.text.text == "电话记录 q")
        #expect(logEntries(station).count == before, "nothing saved by the burst")
        // Esc keeps it as a draft (#23): it is back when the dialog opens; cleared and closed, it goes.
        h.press(.escape)
        h.press(.char("n"))
        guard case .logEntry(let kept) = h.state.overlay else { Issue.record("the dialog did not open"); return }
        #expect(kept.text.text == "电话记录 q")
        h.press(.ctrl("u"), .escape)
        // Typed quickly, Enter last: saved, as typed.
        h.burst([.char("n")] + "雨量站巡检".map { .char($0) } + [.enter])
        #expect(logEntries(station).last?.text == "雨量站巡检")
        #expect(h.state.overlay == nil)
    }

    @Test func aLineBreakInABurstIsTextOnlyWhileATextFieldHasFocus() {
        var focused = false
        var got: [InputEvent] = []
        let keys: [Key] = [.char("n"), .char("甲"), .enter, .tab, .char("乙"), .escape, .enter, .char("q")]
        ConsoleRunner.pastes(in: keys.map { .key(KeyPress($0)) }, acceptsText: { focused }) { event in
            got.append(event)
            if event == .key(KeyPress(.char("n"))) { focused = true }
            if event == .key(KeyPress(.escape)) { focused = false }
            return true
        }
        #expect(got == [.key(KeyPress(.char("n"))), .key(KeyPress(.char("甲"))), .paste("\n"), .key(KeyPress(.tab)),
                        .key(KeyPress(.char("乙"))), .key(KeyPress(.escape)), .key(KeyPress(.enter)), .key(KeyPress(.char("q")))])
        // Two keys are typing, not a burst; an Enter that ends a burst is a key.
        for burst in [[Key.char("a"), .enter], [.char("a"), .char("b"), .enter]] {
            got = []
            focused = true
            ConsoleRunner.pastes(in: burst.map { .key(KeyPress($0)) }, acceptsText: { focused }) { got.append($0); return true }
            #expect(got == burst.map { .key(KeyPress($0)) })
        }
        // Nothing after the key that stops the console.
        got = []
        ConsoleRunner.pastes(in: [.key(KeyPress(.ctrl("c"))), .key(KeyPress(.char("x"))), .key(KeyPress(.char("y")))],
                             acceptsText: { false }) { got.append($0); return false }
        #expect(got == [.key(KeyPress(.ctrl("c")))])
    }

    @Test func callWithCounterpartAndMultiLineDetail() {
        let (h, station) = harness()
        h.press(.char("i"))
        h.type("姜堰区应急局")
        h.press(.tab)
        h.type("张甸镇积水已排除")
        h.press(.tab)
        h.type("三里村村道恢复通行")
        h.press(.enter)                    // a new line inside the detail
        h.type("无人员伤亡")
        #expect(h.state.overlay != nil, "Enter in the detail is a new line, not save")
        h.press(KeyPress(.ctrl("s")))
        let last = logEntries(station).last
        #expect(last?.kind == .callIn)
        #expect(last?.counterpart == "姜堰区应急局")
        #expect(last?.detail == "三里村村道恢复通行\n无人员伤亡")
        // The detail pane and the Enter overlay show every line.
        #expect(h.lines[17..<22].joined().contains("三里村村道恢复通行"))
        h.press(.enter)
        let overlay = h.lines.joined(separator: "\n")
        #expect(overlay.contains("Duty-log entry") && overlay.contains("无人员伤亡"))
        h.press(.escape)
        #expect(h.state.overlay == nil)
    }

    @Test func badInputIsNamedAndNothingIsWritten() {
        let (h, station) = harness()
        let before = station.events.count
        h.press(.char("n"), .enter)
        #expect(station.events.count == before)
        #expect(h.lines.joined().contains("text: empty; write one line of text"))
        h.press(.escape)
        h.press(.char("p"))
        h.type("孙立新")
        h.press(.tab)
        h.type("核实兴化积水")
        h.press(.tab)
        h.type("25:00")
        h.press(.enter)
        #expect(station.events.count == before)
        #expect(h.lines.joined().contains("due: cannot read \"25:00\""))
        for _ in 0..<5 { h.press(.backspace) }
        h.type("+30m")
        h.press(.enter)
        let last = logEntries(station).last
        #expect(last?.kind == .instruction)
        #expect(last?.dueAtMs == Int64(DutyFixture.at("2026-11-23T14:35:00+08:00").timeIntervalSince1970 * 1000))
    }

    @Test func escapeSequencesTypedNeverReachTheJournal() {
        let (h, station) = harness()
        h.press(.char("n"))
        h.type("\u{1B}[31m红色\u{9B}2J预警\u{7}")
        h.press(.enter)
        let text = logEntries(station).last?.text ?? ""
        #expect(!text.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
        #expect(text.contains("红色") && text.contains("预警"))
    }

    @Test func instructionsAreMarkedDoneAndOverdueStandsOut() {
        let (h, station) = harness()
        h.press(.char("f"), .char("f"))         // calls, then instructions
        #expect(h.state.log.kind == .instructions)
        #expect(h.lines[3].contains("请核实泰兴槽罐车泄漏范围并续报"))
        #expect(h.lines[3].contains("due 15:00"))
        h.advance(seconds: 3600)                // 15:05: past due
        #expect(h.lines[3].contains("OVERDUE 15:00"))
        h.press(.char("x"))
        let done = station.decoded.compactMap { $0 as? Zhiban_Events_V1_InstructionDone }.last
        let instruction = station.events.first { e in
            (EventCodec.decode(type: e.type, version: e.payloadVersion, payload: e.payload) as? Zhiban_Events_V1_LogEntryAdded)?.kind == .instruction
        }
        #expect(done?.instructionID == instruction?.id.description)
        #expect(h.lines[3].contains("done"))
        h.press(.char("x"))
        #expect(h.lines[22].contains("already done"))
        h.press(.char("f"))                     // open instructions only: none left
        #expect(h.lines.joined().contains("no entry matches"))
    }

    @Test func aLiveEntryDoesNotMoveWhatXActsOn() {
        let (h, station) = harness()
        #expect(h.lines[3].contains("请核实泰兴槽罐车泄漏范围并续报"), "the instruction is on top, shown selected")
        station.append(.logEntry(kind: .note, text: "市防指来电"), at: DutyFixture.at("2026-11-23T14:05:30+08:00"), operatorName: "罗燕")
        h.advance(seconds: 1)
        #expect(h.lines[3].contains("市防指来电"))
        h.press(.char("x"))
        #expect(station.decoded.compactMap { $0 as? Zhiban_Events_V1_InstructionDone }.count == 1)
    }

    @Test func everyScreenAndDialogFitsTheSmallestTerminal() {
        for keys in [[KeyPress(.char("1"))], [KeyPress(.char("1")), KeyPress(.char("c"))], [KeyPress(.char("1")), KeyPress(.char("m"))],
                     [KeyPress(.char("8"))], [KeyPress(.char("8")), KeyPress(.char("/"))], [KeyPress(.char("6"))],
                     [KeyPress(.char("6")), KeyPress(.char("p"))], [KeyPress(.char("6")), KeyPress(.enter)]] {
            let (h, _) = harness(.zh, size: Size(width: 60, height: 16))
            h.press(keys)
            #expect(!h.lines.joined().contains("终端太小"))
            // The status bar is intact: the next report due and the clock (its date gives way first, #23).
            #expect(h.lines[15].contains("下次报送 14:20") && h.lines[15].hasSuffix("14:05:00"), "the status bar is intact after \(keys)")
        }
    }

    /// #17 §3: an entry dated past this console's clock by more than a clock
    /// may be ahead (a peer whose clock runs fast) is kept and shown, marked
    /// with how far ahead it is, in the list and in its detail.
    @Test(arguments: Language.allCases)
    func anEntryDatedInTheFutureIsMarked(_ language: Language) {
        let (h, station) = harness(language)
        station.append(.logEntry(kind: .note, text: "靖江市局：正常"), at: DutyFixture.at("2026-11-23T14:07:00+08:00"),
                       operatorName: "罗燕")
        station.append(.logEntry(kind: .note, text: "兴化市局：堤防巡查"), at: DutyFixture.at("2026-11-23T17:10:00+08:00"),
                       operatorName: "罗燕")
        h.advance(seconds: 1)
        for _ in 0..<3 { h.press(.up) }
        let row = h.lines.first { $0.contains("兴化市局") } ?? ""
        #expect(row.contains(language == .en ? "clock +3 h" : "时钟超前3小时"), "\(row)")
        let near = h.lines.first { $0.contains("靖江市局") } ?? ""
        #expect(!near.contains("clock") && !near.contains("时钟"), "two minutes ahead is within the bound: \(near)")
        h.press(.enter)
        #expect(h.lines.joined().contains(language == .en ? "3 h 4 min ahead of this console's clock" : "超前3小时4分"), "\(h.lines.joined(separator: "\n"))")
    }

    @Test func filterAndLiveEntriesFromOtherProcesses() {
        let (h, station) = harness()
        h.press(.char("/"))
        h.type("气象")
        #expect(h.lines[3].contains("市气象台") && !h.lines[4].contains("11-23"))
        h.press(.escape)
        // Another process (zhiban note) appends: it shows on the next turn, no key needed.
        station.append(.logEntry(kind: .note, text: "市防指：启动防汛Ⅳ级应急响应"), at: DutyFixture.at("2026-11-23T14:05:30+08:00"),
                       operatorName: "罗燕")
        h.advance(seconds: 1)
        #expect(h.lines[3].contains("市防指：启动防汛Ⅳ级应急响应"))
    }

    @Test(arguments: Language.allCases)
    func logSnapshot(_ language: Language) {
        let (h, _) = harness(language)
        assertSnapshot(h.screen, named: "log-80x24-\(language)")
        let (wide, _) = harness(language, size: Size(width: 200, height: 60))
        wide.press(.char("p"))
        wide.type("孙立新")
        wide.press(.tab)
        wide.type("请通知各市（区）做好防范")
        assertSnapshot(wide.screen, named: "log-instruction-dialog-200x60-\(language)")
    }
}

@Suite struct IncidentsScreenTests {
    func harness(_ language: Language = .en, size: Size = Size(width: 80, height: 24)) -> ConsoleHarness {
        let h = ConsoleHarness(size: size, language: language, now: "2026-11-23T14:05:00+08:00", station: DutyFixture.station(),
                               operatorName: "高鹏")
        h.press(.char("3"))
        return h
    }

    /// Incident ids in the order the list shows them.
    func ids(_ h: ConsoleHarness) -> [String] {
        h.lines.compactMap { line in line.split(separator: " ").first.map(String.init).flatMap { $0.hasPrefix("TZ-") ? $0 : nil } }
    }

    @Test func newestFirstWithOverdueRowsMarked() {
        let h = harness()
        #expect(ids(h) == ["TZ-20261123-003", "TZ-20261123-002", "TZ-20261123-005", "TZ-20261123-001", "TZ-20261122-004"])
        let row = h.lines.firstIndex { $0.contains("TZ-20261123-002") }!
        #expect(h.lines[row].contains("!!LATE phone 11:12"))
        #expect(h.screen[2, row].style == h.state.theme[.overdue])
        // The closed one has no clock.
        let closed = h.lines.firstIndex { $0.contains("TZ-20261123-005") }!
        #expect(h.lines[closed].contains("closed") && !h.lines[closed].contains("!!"))
    }

    @Test func quickFiltersCombine() {
        let h = harness()
        h.press(.char("o"))
        #expect(!ids(h).contains("TZ-20261123-005"))
        #expect(ids(h).count == 4)
        h.press(.char("t"))
        #expect(ids(h) == ["TZ-20261123-003", "TZ-20261123-002", "TZ-20261123-001"])
        h.press(.char("m"))                  // recorded by 高鹏
        #expect(ids(h) == ["TZ-20261123-003", "TZ-20261123-002"])
        h.press(.escape)
        #expect(ids(h).count == 5)
        h.press(.char("d"))
        #expect(Set(ids(h)) == ["TZ-20261123-003", "TZ-20261123-002", "TZ-20261123-001", "TZ-20261122-004"])
    }

    @Test func sortByGradeAndByDeadline() {
        let h = harness()
        h.press(.char("s"))                  // by next report: the earliest due first, none last
        #expect(ids(h).first == "TZ-20261122-004")
        #expect(ids(h).last == "TZ-20261123-005")
        h.press(.char("s"))                  // by grade: III before IV
        #expect(ids(h).first == "TZ-20261123-003")
        #expect(h.lines[1].contains("by grade"))
    }

    @Test func filterAsYouTypeOnPlaceTypeAndText() {
        let h = harness()
        h.press(.char("/"))
        h.type("泰兴")
        #expect(ids(h) == ["TZ-20261123-003"])
        h.press(.escape)
        h.press(.char("/"))
        h.type("fire")
        #expect(ids(h) == ["TZ-20261123-002", "TZ-20261123-005"])
        h.press(.escape)
        h.press(.char("/"))
        h.type("秸秆")
        #expect(ids(h) == ["TZ-20261123-005"])
    }

    @Test func detailShowsClocksAndTimeline() {
        let h = harness()
        h.press(.char("j"), .enter)          // 002
        let text = h.lines.joined(separator: "\n")
        #expect(text.contains("Incidents TZ-20261123-002"))
        #expect(text.contains("居民楼厨房起火，已扑灭"))
        #expect(text.contains("LATE phone 11:12"))
        #expect(text.contains("written 16:12"))
        #expect(text.contains("Timeline"))
        #expect(text.contains("received (高鹏)"))
        h.press(.escape)
        #expect(h.state.overlay == nil)
    }

    @Test(arguments: Language.allCases)
    func incidentsSnapshot(_ language: Language) {
        assertSnapshot(harness(language).screen, named: "incidents-80x24-\(language)")
        let wide = harness(language, size: Size(width: 200, height: 60))
        wide.press(.char("j"), .char("j"), .enter)
        assertSnapshot(wide.screen, named: "incident-detail-200x60-\(language)")
    }
}
