import Console
import ConsoleTestSupport
import DutyModel
import Foundation
import Station
import Testing
import TerminalUI

/// Screen 7, the handover (#21), at 80×24 and 200×60 in both languages: the report, the notes
/// kept on Esc, signing, accepting with the roster rule, the history, the status bar and the
/// alert at the change, the duty log's mark.
@Suite(.serialized) struct HandoverScreenTests {
    /// The fixture at 08:10 on the 24th: twenty minutes before the 23rd's shift hands over.
    func harness(_ language: Language = .en, size: Size = Size(width: 80, height: 24), now: String = "2026-11-24T08:10:00+08:00")
        -> (ConsoleHarness, TempStation) {
        let station = DutyFixture.station()
        let h = ConsoleHarness(size: size, language: language, now: now, station: station, operatorName: "高鹏")
        h.press(.char("7"))
        return (h, station)
    }

    @Test(arguments: Language.allCases)
    func snapshots(_ language: Language) throws {
        let (h, _) = harness(language)
        #expect(h.state.screen == .handover)
        assertSnapshot(h.screen, named: "handover-80x24-\(language)")
        let (wide, _) = harness(language, size: Size(width: 200, height: 60))
        assertSnapshot(wide.screen, named: "handover-200x60-\(language)")
        // The report scrolls: the end shows the signatures.
        h.press(.char("G"))
        #expect(h.lines.joined().contains(language == .zh ? "未接班确认" : "not accepted"))
        h.press(.char("g"))
        #expect(h.lines[1].contains(language == .zh ? "交接班 2026-11-23 第1班" : "Shift handover 2026-11-23 shift 1"))
    }

    @Test func theStatusBarSaysTheHandoverStateAndTheChangeRaisesAnAlert() throws {
        let (h, _) = harness(now: "2026-11-24T07:50:00+08:00")
        #expect(!h.lines[23].contains("handover:"), "more than half an hour before the change: not said")
        h.advance(seconds: 15 * 60)
        #expect(h.lines[23].contains("handover: not started"), "\(h.lines[23])")
        h.advance(seconds: 25 * 60)  // 08:30: the change
        #expect(h.state.message?.text == .handover(.changeAlert("08:30")) && h.lines[22].contains("shift change 08:30"),
                "\(String(describing: h.state.message))")
        #expect(h.state.announcedDeadlines.contains("handover|2026-11-23#0"))
        #expect(h.lines[23].contains("handover: not started"), "still said after the change")
        // Once: a line cleared by Esc stays clear, and no more bells ring, on the next ticks.
        let bells = h.backend.bells
        h.press(.escape)
        h.state.message.map { _ in h.press(.escape) }
        for _ in 0..<3 { h.advance(seconds: 20) }
        #expect(h.state.message?.text != .handover(.changeAlert("08:30")), "announced once")
        #expect(h.backend.bells == bells, "no second bell")
        // Two hours on, still not accepted: the board says the shift before never handed over.
        h.advance(seconds: 2 * 3600)
        h.press(.char("1"))
        #expect(h.lines.joined().contains("last shift: no handover"), "the board says the shift before had none")
    }

    @Test func notesAreKeptOnEscAndSavedWithCtrlS() throws {
        let (h, station) = harness()
        h.press(.char("e"))
        guard case .handoverNotes = h.state.overlay else { Issue.record("e did not open the notes"); return }
        h.type("泰兴槽罐车现场仍在处置")
        h.press(.escape)
        #expect(h.state.overlay == nil && h.state.handover.unsavedNotes?.text == "泰兴槽罐车现场仍在处置")
        #expect(h.lines.joined().contains("notes not saved but kept"))
        h.press(.char("e"))
        guard case .handoverNotes(let dialog) = h.state.overlay else { Issue.record("e did not reopen the notes"); return }
        #expect(dialog.area.text == "泰兴槽罐车现场仍在处置", "the typed text came back")
        h.press(.enter)
        h.type("08:00前续报")
        h.press(.ctrl("s"))
        #expect(h.state.overlay == nil && h.state.handover.unsavedNotes == nil)
        // Kept on disk as typed (as the intake form's draft), gone once saved.
        #expect(h.handoverDrafts.contains { $0?["text"] == "泰兴槽罐车现场仍在处置" && $0?["id"] == "2026-11-23#0" })
        #expect(h.handoverDrafts.last == .some(nil))
        let drafted = station.decoded.compactMap { $0 as? Zhiban_Events_V1_HandoverDrafted }.last
        #expect(drafted?.handoverID == "2026-11-23#0" && drafted?.text == "泰兴槽罐车现场仍在处置\n08:00前续报")
        #expect(h.lines[1].contains("drafted"))
    }

    @Test func signThenAcceptWithTheRosterRule() throws {
        let (h, station) = harness(.zh)
        // Accepting first is refused: nobody has signed.
        h.press(.char("a"))
        #expect(h.state.overlay == nil && h.lines.joined().contains("交班人尚未签字"))
        h.press(.char("s"))
        guard case .handoverSign(let sign) = h.state.overlay else { Issue.record("s did not open signing"); return }
        #expect(sign.name.text == "高鹏", "the operator signs by default")
        h.press(.enter)
        #expect(station.decoded.compactMap { $0 as? Zhiban_Events_V1_HandoverSigned }.last?.role == "outgoing")
        #expect(h.lines[1].contains("交班已签字"))
        h.press(.char("s"))
        #expect(h.lines.joined().contains("已由 高鹏 签字"), "a second signature is refused")
        // Someone not on the next shift: a reason is asked for, and then accepted.
        h.press(.char("a"))
        h.type("张三")
        h.press(.enter)
        guard case .handoverSign(let accept) = h.state.overlay else { Issue.record("the accept dialog closed"); return }
        #expect(accept.focus == .reason && accept.problem == .handover(.reasonNeeded("吴海涛、钱秀英、梁超、宋佳")))
        h.type("梁超病假，张三替班")
        h.press(.enter)
        let accepted = try #require(station.decoded.compactMap { $0 as? Zhiban_Events_V1_HandoverSigned }.last)
        #expect(accepted.role == "incoming" && accepted.name == "张三" && accepted.reason == "梁超病假，张三替班")
        #expect(h.state.overlay == nil && h.lines[1].contains("已接班"))
        assertSnapshot(h.screen, named: "handover-accepted-80x24-zh")
    }

    @Test func theHistoryOpensAPastHandoverReadOnly() throws {
        let (h, station) = harness(size: Size(width: 200, height: 60))
        try station.station.signHandover(slot: station.state.pattern.slot(date: "2026-11-22", index: 0, timeZone: DutyTime.defaultTimeZone)!,
                                         name: "何军", operatorName: "何军", now: DutyTime.parseISO8601("2026-11-24T08:05:00+08:00")!)
        station.link.poll()
        h.advance(seconds: 0)
        h.press(.char("h"))
        guard case .handoverHistory(let history) = h.state.overlay else { Issue.record("h did not open the history"); return }
        #expect(history.ids == ["2026-11-22#0"])
        h.press(.enter)
        h.advance(seconds: 0)
        let past = try #require(h.state.handover.past)
        #expect(past.slot.date == "2026-11-22" && past.signed?.name == "何军")
        #expect(h.lines[1].contains("Shift handover 2026-11-22 shift 1 (read-only)"))
        h.press(.char("s"))
        #expect(h.state.overlay == nil, "a past handover is not signed again")
        h.press(.escape)
        #expect(h.state.handover.past == nil && h.lines[1].contains("Shift handover 2026-11-23 shift 1"))
    }

    @Test func theDutyLogMarksAnEntryForTheHandover() throws {
        let (h, station) = harness(size: Size(width: 200, height: 60))
        h.press(.char("6"))
        h.press(.char("m"))
        let marked = try #require(station.decoded.compactMap { $0 as? Zhiban_Events_V1_LogEntryMarked }.last)
        #expect(marked.marked)
        #expect(h.lines.contains { $0.contains("⚑ ") })
        h.press(.char("7"))
        let text = h.lines.joined(separator: "\n")
        #expect(text.contains("Duty log marked for handover (1)"), "\(text)")
        h.press(.char("6"))
        h.press(.char("m"))
        #expect(station.decoded.compactMap { $0 as? Zhiban_Events_V1_LogEntryMarked }.last?.marked == false)
        #expect(!h.lines.contains { $0.contains("⚑ ") })
    }

    @Test func theDailyReportOnScreen() throws {
        let (h, _) = harness(.zh, size: Size(width: 200, height: 60), now: "2026-11-24T09:15:00+08:00")
        h.press(.char("r"))
        h.advance(seconds: 0)
        let daily = try #require(h.state.handover.past)
        #expect(daily.kind == .daily && daily.to == DutyTime.parseISO8601("2026-11-24T08:00:00+08:00"))
        #expect(h.lines[1].contains("值班日报 截至 2026-11-24 08:00（只读）"))
        #expect(h.lines.joined().contains("按等级"))
        h.press(.escape)
        #expect(h.state.handover.past == nil)
    }

    @Test func theBoardsOnDutyFollowsTheCheckIn() throws {
        let (h, station) = harness(now: "2026-11-23T09:00:00+08:00")
        // 罗燕 is rostered but not here; 张三 stands in.
        station.append(.checkIn(slot: station.state.pattern.slot(date: "2026-11-23", index: 0, timeZone: DutyTime.defaultTimeZone)!,
                                present: ["高鹏", "张三"], operatorName: "高鹏"),
                       at: DutyTime.parseISO8601("2026-11-23T09:00:00+08:00")!, operatorName: "高鹏")
        h.resize(to: Size(width: 200, height: 60))
        h.press(.char("1"))
        let board = h.lines.joined(separator: "\n")
        #expect(board.contains("罗燕 (absent)"), "\(board)")
        #expect(board.contains("张三 (standing in)"))
        #expect(!board.contains("高鹏 (absent)"))
        // And the shift's handover report says the same.
        let slot = station.state.pattern.slot(date: "2026-11-23", index: 0, timeZone: DutyTime.defaultTimeZone)!
        let report = HandoverReport.handover(station.state, rules: station.station.rules, slot: slot, now: h.state.now, timeZone: DutyTime.defaultTimeZone)
        #expect(report.absent == ["罗燕"] && report.standIns == ["张三"])
    }

    @Test func notesTypedBeforeACrashComeBack() throws {
        // The launcher found drafts/handover.json: the text for this shift's handover is offered in the editor.
        let station = DutyFixture.station()
        let h = ConsoleHarness(size: Size(width: 80, height: 24), language: .zh, now: "2026-11-24T08:10:00+08:00", station: station,
                               operatorName: "高鹏", handoverNotesOnDisk: ("2026-11-23#0", "崩溃前写的备注"))
        h.press(.char("7"))
        h.press(.char("e"))
        guard case .handoverNotes(let dialog) = h.state.overlay else { Issue.record("e did not open the notes"); return }
        #expect(dialog.area.text == "崩溃前写的备注")
        // Another shift's leftover is not offered for this one.
        let other = ConsoleHarness(size: Size(width: 80, height: 24), language: .zh, now: "2026-11-24T08:10:00+08:00", station: DutyFixture.station(),
                                   operatorName: "高鹏", handoverNotesOnDisk: ("2026-11-20#0", "别的班"))
        other.press(.char("7"))
        other.press(.char("e"))
        guard case .handoverNotes(let fresh) = other.state.overlay else { Issue.record("e did not open the notes"); return }
        #expect(fresh.area.text.isEmpty)
    }
}
