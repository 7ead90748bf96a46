import ConsoleTestSupport
import Console
import DutyModel
import Foundation
import Testing
import TerminalUI

/// Issue #23, the defects a new duty officer found: the banner's `4` selects the
/// banner's warning; dialogs keep what was typed; Ctrl-G help everywhere and the
/// intake form's way out; number fields say what they refused.
@Suite struct DutyOfficerDefectTests {
    static let now = WarningScreenTests.now

    // MARK: 1. the banner's 4, then a

    @Test(arguments: Language.allCases)
    func fourSelectsTheBannersWarningSoAAcknowledgesThatOne(_ language: Language) throws {
        // Two unacknowledged: the banner names the red one; the officer's selection sits on the orange.
        let (h, station) = WarningScreenTests.harness([WarningScreenTests.redRain, WarningScreenTests.orangeGale], language: language)
        h.press(.function(Screen.warnings.number))
        h.press(.down)
        let red = WarningScreenTests.redRain.key
        let selected = try #require(h.state.warnings.list.selectedKey)
        #expect(selected != red, "the selection starts elsewhere (else the test proves nothing)")
        // 4 while the warnings screen is already open: the banner's warning is selected.
        h.type("4")
        #expect(h.state.warnings.list.selectedKey == red)
        h.type("a")
        #expect(station.state.warnings[red]?.acknowledgements.isEmpty == false, "the banner's warning was acknowledged")
        #expect(station.state.warnings[WarningScreenTests.orangeGale.key]?.acknowledgements.isEmpty != false, "not the one selected before")
        // The banner now names the orange one; 4 from another screen selects it.
        #expect(h.lines[1].contains(language == .zh ? "橙色" : "ORANGE"))
        h.press(.function(Screen.board.number))
        h.type("4")
        #expect(h.state.screen == .warnings)
        #expect(h.state.warnings.list.selectedKey == WarningScreenTests.orangeGale.key)
    }

    @Test func fourClearsAFilterThatHidesTheBannersWarning() {
        let (h, _) = WarningScreenTests.harness([WarningScreenTests.redRain, WarningScreenTests.orangeGale], language: .zh)
        h.press(.function(Screen.warnings.number))
        h.type("/靖江")
        h.press(.enter)
        #expect(!h.state.warnings.list.filter.text.isEmpty)
        h.type("4")
        #expect(h.state.warnings.list.filter.text.isEmpty, "a filter hiding the banner's warning is cleared")
        #expect(h.state.warnings.list.selectedKey == WarningScreenTests.redRain.key)
    }

    // MARK: 2. dialogs keep what was typed

    @Test(arguments: Language.allCases)
    func aDutyLogNoteClosedByEscIsBackWhenTheDialogOpensAgain(_ language: Language) throws {
        let h = ConsoleHarness(language: language)
        h.press(.function(Screen.log.number))
        h.type("n")
        h.type("王科长来电询问兴化雨情")
        h.press(.escape)
        #expect(h.state.overlay == nil)
        #expect(h.lines.joined().contains(language == .zh ? "草稿" : "draft"), "closing says the text is kept")
        let written = try #require(h.dialogDraftWrites.last ?? nil, "the draft is on disk against a crash")
        #expect(written.values.contains { $0.contains("王科长来电询问兴化雨情") })
        h.type("n")
        guard case .logEntry(let dialog)? = h.state.overlay else {
            Issue.record("the note dialog opens again")
            return
        }
        #expect(dialog.text.text == "王科长来电询问兴化雨情")
        #expect(h.lines.joined().contains("王科长来电询问兴化雨情"))
        // Cleared and closed: nothing is kept.
        h.press(.ctrl("u"))
        h.press(.escape)
        #expect(h.state.dialogDrafts.isEmpty)
        #expect(h.dialogDraftWrites.last == .some(nil))
        h.type("n")
        guard case .logEntry(let fresh)? = h.state.overlay else {
            Issue.record("the note dialog opens")
            return
        }
        #expect(fresh.text.text.isEmpty)
    }

    @Test func aDraftFoundOnDiskAtStartIsBackInItsDialog() {
        let h = ConsoleHarness(language: .zh, dialogDraftsOnDisk: ["log|note": "\u{1F}夜间巡查记录\u{1F}\u{1F}"])
        h.press(.function(Screen.log.number))
        h.type("n")
        guard case .logEntry(let dialog)? = h.state.overlay else {
            Issue.record("the note dialog opens")
            return
        }
        #expect(dialog.text.text == "夜间巡查记录")
        #expect(h.lines.joined().contains("已恢复"))
    }

    @Test func aSavedNoteLeavesNoDraft() throws {
        let station = TempStation()
        let h = ConsoleHarness(language: .zh, now: Self.now, station: station, operatorName: "罗燕")
        h.press(.function(Screen.log.number))
        h.type("n")
        h.type("交接前检查值班电话")
        h.press(.escape)
        #expect(!h.state.dialogDrafts.isEmpty)
        h.type("n")
        h.press(.ctrl("s"))
        h.advance(seconds: 1)
        #expect(h.state.overlay == nil)
        #expect(h.state.dialogDrafts.isEmpty, "the saved note's draft has served")
        #expect(h.dialogDraftWrites.last == .some(nil))
    }

    /// A draft keeps what the officer edited, not what the dialog was prefilled with: a figure a
    /// peer changed meanwhile shows the record, and an edited one the record moved under is said.
    @Test func aRestoredDraftKeepsFiguresAPeerChangedMeanwhile() throws {
        let (h, station) = IncidentActionTests.harness()
        IncidentActionTests.openDetail(h)
        let id = "TZ-20261123-001"
        h.type("u")
        h.press(.tab)                 // missing (失踪): 0 → 2; deaths left as prefilled
        h.press(.ctrl("u"))
        h.type("2")
        h.press(.escape)
        #expect(h.state.dialogDrafts["incident|\(id)|update"] != nil)
        // Another station records 5 dead meanwhile.
        var c = IncidentActionTests.incident(station).casualties.value ?? .none
        c.deaths = 5
        station.append(.incidentUpdated(id: id, casualties: c, seen: VersionVector()), at: DutyFixture.at("2026-11-23T14:05:30+08:00"),
                       operatorName: "何军")
        h.advance(seconds: 1)
        h.type("u")
        guard case .incidentAction(let d)? = h.state.overlay else {
            Issue.record("the update dialog did not open")
            return
        }
        #expect(d.fields[0].field.text == "5", "the peer's figure, not the draft's stale prefill")
        #expect(d.fields[1].field.text == "2", "the officer's own edit is back")
        #expect(h.state.message?.text == .draftRestored)
        // An edited field the record moved under keeps the record, and the officer is told.
        h.press(.ctrl("u"))
        h.type("7")                   // deaths 5 → 7, not saved
        h.press(.escape)
        c.deaths = 6
        station.append(.incidentUpdated(id: id, casualties: c, seen: VersionVector()), at: DutyFixture.at("2026-11-23T14:05:40+08:00"),
                       operatorName: "何军")
        h.advance(seconds: 1)
        h.type("u")
        guard case .incidentAction(let again)? = h.state.overlay else {
            Issue.record("the update dialog did not open")
            return
        }
        #expect(again.fields[0].field.text == "6")
        #expect(h.state.message?.text == .draftRestoredStale)
    }

    // MARK: 3. Ctrl-G help everywhere; the intake form's way out

    @Test(arguments: Language.allCases)
    func ctrlGOpensHelpInTheIntakeFormAndInADialogKeepingWhatIsTyped(_ language: Language) throws {
        let h = ConsoleHarness(language: language)
        h.type("2")
        #expect(h.state.screen == .intake)
        h.type("?")
        #expect(!h.state.helpShown, "in a field ? is typed")
        h.press(.ctrl("g"))
        #expect(h.state.helpShown)
        let help = h.lines.joined(separator: "\n")
        #expect(help.contains(language == .zh ? "帮助" : "Help"))
        #expect(help.contains("Ctrl-S"), "the form's own keys are listed")
        h.press(.escape)
        #expect(!h.state.helpShown)
        #expect(h.state.intake != nil, "the form is as it was")
        // In a dialog: help over it, the dialog and its text kept beneath.
        h.press(.escape)
        h.type("d")  // the form asks: discard what was typed
        h.press(.function(Screen.log.number))
        h.type("n")
        h.type("abc")
        h.press(.ctrl("g"))
        #expect(h.state.helpShown)
        #expect(h.lines.joined().contains(language == .zh ? "本对话框" : "This dialog"))
        h.press(.ctrl("g"))
        guard case .logEntry(let dialog)? = h.state.overlay else {
            Issue.record("the dialog is still open under the help")
            return
        }
        #expect(dialog.text.text == "abc")
    }

    @Test(arguments: Language.allCases, [Size(width: 60, height: 16), Size(width: 80, height: 24), Size(width: 200, height: 60)])
    func theIntakeFormShowsItsWayOut(_ language: Language, _ size: Size) {
        let h = ConsoleHarness(size: size, language: language)
        h.type("2")
        let screen = h.lines.joined(separator: "\n")
        #expect(screen.contains(language == .zh ? "Esc 离开" : "Esc leave"))
        // Tab from the board passes the form by, so no one is caught in it by Tab.
        h.press(.escape)
        h.press(.function(Screen.board.number))
        h.press(.tab)
        #expect(h.state.screen != .intake)
    }

    // MARK: 9. number fields say what they refused

    static func focus(_ h: ConsoleHarness, _ field: IntakeField) {
        for _ in 0..<IntakeField.allCases.count where h.state.intake?.focus != field { h.press(.tab) }
    }

    @Test(arguments: Language.allCases)
    func aPasteIntoANumberFieldIsTakenWholeOrNotAtAllAndSaysWhat(_ language: Language) {
        let h = ConsoleHarness(language: language)
        h.type("2")
        Self.focus(h, .evacuated)
        #expect(h.state.intake?.focus == .evacuated)
        h.bracketedPaste("厂区周边500米")
        #expect(h.state.intake?.text(.evacuated) == "", "not 500: it was a distance")
        let screen = h.lines.joined(separator: "\n")
        #expect(screen.contains("厂区周边500米"), "the refused text is quoted")
        #expect(screen.contains(language == .zh ? "未填入" : "not taken"))
        #expect(h.backend.bells > 0)
        // Digits paste as typed; a spreadsheet cell's line break does not come with them.
        h.bracketedPaste("520\n")
        #expect(h.state.intake?.text(.evacuated) == "520")
        #expect(!h.lines.joined().contains("not taken") && !h.lines.joined().contains("未填入"))
    }

    @Test(arguments: Language.allCases)
    func aTypedCharacterANumberFieldRefusesIsNamed(_ language: Language) {
        let h = ConsoleHarness(language: language)
        h.type("2")
        Self.focus(h, .deaths)
        h.type("3人")
        #expect(h.state.intake?.text(.deaths) == "3")
        #expect(h.lines.joined().contains("“人”"), "the refused character is named")
    }
}
