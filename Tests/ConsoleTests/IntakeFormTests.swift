import Console
import ConsoleTestSupport
import DutyModel
import Foundation
import Testing
import TerminalUI

/// The intake form (接报登记) on a memory terminal: what it shows at 80×24 and
/// 200×60, how each field takes (or refuses) input, saving, drafts, leaving.
@Suite struct IntakeFormTests {
    static func harness(_ size: Size = Size(width: 80, height: 24), language: Language = .zh,
                        draft: [String: String]? = nil) -> (ConsoleHarness, TempStation) {
        let station = DutyFixture.station()
        let h = ConsoleHarness(size: size, language: language, station: station, operatorName: "高鹏", draftOnDisk: draft)
        return (h, station)
    }

    /// Types into the focused field and goes on with Enter.
    static func fill(_ h: ConsoleHarness, _ text: String) {
        h.type(text)
        h.press(.enter)
    }

    /// Moves the focus to `field` with Tab (the form wraps).
    static func focus(_ h: ConsoleHarness, _ field: IntakeField) {
        for _ in IntakeField.allCases where h.state.intake?.focus != field { h.press(.tab) }
    }

    /// A caller's report up to the casualties: unit, name, place by pinyin, type by initials.
    static func fillFirstHalf(_ h: ConsoleHarness) {
        h.type("2")
        fill(h, "泰兴市七圩镇人民政府")   // reporting unit
        fill(h, "李明")                 // reporter
        fill(h, "值班员")               // title
        fill(h, "0523-87650001")        // phone
        h.press(.enter)                 // already told: nothing
        fill(h, "txs")                  // county → 泰兴市
        fill(h, "qwz")                  // town → 七圩镇
        h.press(.enter)                 // village: none
        fill(h, "沿江化工码头3号储罐")   // detail
        h.press(.enter)                 // coordinates: none
        h.press(.enter)                 // category: from the type
        h.type("whp")                   // type → 危险化学品 …
        h.press(.down)                  // 危化品生产
        h.press(.down)                  // 危化品储罐
        h.press(.enter)
    }

    /// The first half and a description: enough to save.
    static func fillSavable(_ h: ConsoleHarness, description: String) {
        fillFirstHalf(h)
        focus(h, .description)
        fill(h, description)
    }

    // MARK: Screens

    @Test(arguments: Language.allCases)
    func emptyFormAt80x24(_ language: Language) {
        let (h, _) = Self.harness(language: language)
        h.type("2")
        #expect(h.state.screen == .intake)
        #expect(h.state.intake?.focus == .reporterUnit)
        // The received time is filled in when the form opens.
        #expect(h.state.intake?.text(.receivedAt) == "11-23 14:05")
        assertSnapshot(h.screen, named: "intake-empty-80x24-\(language.rawValue)")
    }

    @Test(arguments: Language.allCases)
    func emptyFormAt200x60ShowsEveryFieldAndThePanel(_ language: Language) {
        let (h, _) = Self.harness(Size(width: 200, height: 60), language: language)
        h.type("2")
        let text = h.lines.joined(separator: "\n")
        for field in IntakeField.allCases {
            #expect(text.contains(IntakeText.label(field).text(language)), "\(field) not on screen")
        }
        assertSnapshot(h.screen, named: "intake-empty-200x60-\(language.rawValue)")
    }

    @Test(arguments: Language.allCases)
    func halfFilledFormScrollsAt80x24AndShowsTheLiveGrade(_ language: Language) {
        let (h, _) = Self.harness(language: language)
        Self.fillFirstHalf(h)
        #expect(h.state.intake?.picked[.county] == "泰兴市")
        #expect(h.state.intake?.picked[.town] == "七圩镇")
        #expect(h.state.intake?.picked[.type] == "hazchem_storage")
        #expect(h.state.intake?.picked[.category] == "accident")
        Self.fill(h, "泄漏")          // nature
        Self.fill(h, "苯乙烯 20吨")    // substance
        Self.focus(h, .deaths)        // past the enterprise's overview
        Self.fill(h, "3")             // deaths
        // The focus is far down the form: it scrolled, the top is out of view.
        #expect(h.state.intake?.focus == .missing)
        #expect(!h.lines.contains { $0.contains(IntakeText.label(.reporterUnit).text(language)) })
        #expect(h.lines.contains { $0.contains(IntakeText.label(.deaths).text(language)) })
        // Three deaths reach 较大 (III) while typing, before any save.
        #expect(h.lines[2].contains(language == .zh ? "建议 较大（Ⅲ级）" : "suggested III"), "\(h.lines[2])")
        #expect(h.lines[3].contains(language == .zh ? "电话初报 14:35" : "14:35"))
        assertSnapshot(h.screen, named: "intake-half-80x24-\(language.rawValue)")
    }

    @Test func halfFilledFormAt200x60() {
        let (h, _) = Self.harness(Size(width: 200, height: 60), language: .zh)
        Self.fillFirstHalf(h)
        Self.fill(h, "泄漏")
        Self.fill(h, "苯乙烯")
        Self.focus(h, .deaths)
        Self.fill(h, "12")
        let text = h.lines.joined(separator: "\n")
        #expect(text.contains("建议 重大（Ⅱ级） · 死亡失踪 12 ≥ 10"))
        // 重大: phone within 15 minutes, written within 30.
        #expect(text.contains("电话初报 14:20"))
        #expect(text.contains("书面初报 14:35"))
        assertSnapshot(h.screen, named: "intake-half-200x60-zh")
    }

    @Test(arguments: Language.allCases)
    func errorsAreMarkedBesideTheirFieldsAndNothingIsWritten(_ language: Language) {
        let (h, station) = Self.harness(Size(width: 200, height: 60), language: language)
        h.type("2")
        let before = station.events.count
        Self.focus(h, .occurredAt)
        h.press(.ctrl("u"))
        Self.fill(h, "14:99")
        Self.focus(h, .county)
        Self.fill(h, "火星县")          // not on the list: kept as free text
        let bells = h.backend.bells
        h.press(.ctrl("s"))
        let form = h.state.intake
        #expect(form?.problems[.occurredAt] != nil)
        #expect(form?.problems[.type] != nil)
        #expect(form?.problems[.description] != nil)
        #expect(form?.problems[.county] == nil)
        #expect(station.events.count == before)
        #expect(h.backend.bells == bells + 1)
        // The cursor goes to the first problem.
        #expect(form?.focus == .occurredAt)
        let text = h.lines.joined(separator: "\n")
        #expect(text.contains(IntakeText.fixBeforeSaving(3).text(language)))
        #expect(text.contains(IntakeText.placeFreeShort.text(language)))
        assertSnapshot(h.screen, named: "intake-errors-200x60-\(language.rawValue)")
    }

    // MARK: Fields

    @Test func numbersRefuseLettersAndMinusWithAMessage() {
        let (h, _) = Self.harness()
        h.type("2")
        Self.focus(h, .deaths)
        h.type("3")
        let drafts = h.drafts.count
        h.type("a")
        h.press(.left)
        // A refused key or a cursor move changes nothing a draft holds: no write.
        #expect(h.drafts.count == drafts)
        h.press(.end)
        #expect(h.state.intake?.text(.deaths) == "3")
        #expect(h.state.intake?.notice == .notTaken(.deaths, "a"))
        #expect(h.lines.contains { $0.contains("“a”未填入：死亡只能填数字") })
        h.type("-")
        #expect(h.state.intake?.notice == .noNegative(.deaths))
        #expect(h.state.intake?.text(.deaths) == "3")
        Self.focus(h, .loss)
        h.type("12x0万")
        #expect(h.state.intake?.text(.loss) == "120万")
        #expect(h.state.intake?.notice == nil)
    }

    @Test func timesAreReadBackOrRefused() {
        let (h, _) = Self.harness()
        h.type("2")
        Self.focus(h, .occurredAt)
        Self.fill(h, "-10m")
        #expect(h.state.intake?.problems[.occurredAt] == nil)
        #expect(h.lines.contains { $0.contains("→ 11-23 13:55") })
        h.press(.backTab)
        h.press(.ctrl("u"))
        Self.fill(h, "16:30")
        #expect(h.state.intake?.problems[.occurredAt] == .timeFuture("11-23 16:30"))
        h.press(.backTab)
        h.press(.ctrl("u"))
        Self.fill(h, "昨天 23:40")
        #expect(h.state.intake?.problems[.occurredAt] == nil)
        #expect(h.lines.contains { $0.contains("→ 11-22 23:40") })
    }

    @Test func pickersFindChineseEnglishAndPinyinInitials() {
        let (h, _) = Self.harness(language: .en)
        h.type("2")
        Self.focus(h, .type)
        Self.fill(h, "Landslide")
        #expect(h.state.intake?.picked[.type] == "landslide")
        #expect(h.state.intake?.picked[.category] == "natural")
        Self.focus(h, .town)
        Self.fill(h, "黄桥")
        // A town fills in its county.
        #expect(h.state.intake?.picked[.town] == "黄桥镇")
        #expect(h.state.intake?.text(.county) == "泰兴市")
        Self.fill(h, "qx")
        #expect(h.state.intake?.picked[.village] == "祁巷村")
    }

    @Test func aTypeThatDoesNotExistIsNamed() {
        let (h, _) = Self.harness()
        h.type("2")
        Self.focus(h, .type)
        Self.fill(h, "zzzz")
        #expect(h.state.intake?.problems[.type] == .typeUnknown("zzzz"))
        #expect(h.state.intake?.picked[.type] == nil)
    }

    @Test func pastedTextIsCutAtTheFieldLimitAndControlsNeverArrive() {
        let (h, station) = Self.harness()
        h.type("2")
        let long = String(repeating: "泄漏", count: 5_000)
        #expect(h.state.intake != nil)
        h.paste(long)
        #expect(h.state.intake != nil, "\(h.state.screen) \(h.lines.joined(separator: "\n"))")
        // The reporting unit holds 200 characters; the rest is refused with a message, not lost silently.
        #expect(h.state.intake?.text(.reporterUnit).count == 200)
        #expect(h.state.intake?.notice == .tooLong(.reporterUnit, 200))
        Self.focus(h, .description)
        h.paste(long)
        #expect(h.state.intake?.text(.description).count == 10_000)
        h.type("\u{1B}[31m红\u{07}\u{9B}2J")
        Self.focus(h, .county)
        Self.fill(h, "txs")
        Self.focus(h, .type)
        Self.fill(h, "hz")
        h.press(.ctrl("s"))
        #expect(h.state.screen == .incidents, "\(String(describing: h.state.intake?.problems))")
        let received = station.decoded.compactMap { $0 as? Zhiban_Events_V1_IncidentReceived }.last
        let description = received?.fields.description_p ?? ""
        #expect(description.count == 10_000 + "[31m红2J".count)
        #expect(!description.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
    }

    // MARK: Saving

    @Test func ctrlSWritesTheIncidentAndShowsItInTheList() {
        let (h, station) = Self.harness()
        Self.fillSavable(h, description: "3号储罐苯乙烯泄漏，现场3人死亡")
        Self.focus(h, .deaths)
        Self.fill(h, "3")
        h.press(.ctrl("s"))
        let received = station.decoded.compactMap { $0 as? Zhiban_Events_V1_IncidentReceived }.last
        #expect(received?.incidentID == "TZ-20261123-006")  // the fixture holds 001–005
        #expect(received?.fields.place.town == "七圩镇")
        #expect(received?.fields.type == "hazchem_storage")
        #expect(received?.fields.casualties.deaths == 3)
        #expect(received?.fields.reporter.unit == "泰兴市七圩镇人民政府")
        #expect(received?.fields.recordedBy == "高鹏")
        // Untouched, the received time is when the form opened.
        #expect(received?.fields.receivedAtMs == Int64(DutyFixture.at("2026-11-23T14:05:00+08:00").timeIntervalSince1970 * 1000))
        #expect(h.state.screen == .incidents)
        #expect(h.state.intake == nil)
        #expect(h.lines[22].contains("已登记 TZ-20261123-006 · 电话初报 14:35"))
        #expect(h.lines.contains { $0.contains("TZ-20261123-006") && $0.contains("(III)") && $0.contains("电话初报 14:35") })
        // The draft goes once the incident is on disk.
        #expect(h.drafts.last! == nil)
    }

    @Test func theDetailShowsEveryFieldGiven() {
        let (h, _) = Self.harness(Size(width: 200, height: 60))
        Self.fillSavable(h, description: "储罐泄漏")
        Self.focus(h, .nature)
        Self.fill(h, "泄漏")
        Self.fill(h, "苯乙烯 20吨")
        Self.focus(h, .commander)
        Self.fill(h, "陈国平 13905230001")
        Self.focus(h, .occurredAt)
        Self.fill(h, "13:50")
        h.press(.ctrl("s"))
        h.press(.enter)
        let text = h.lines.joined(separator: "\n")
        #expect(text.contains("事件性质：泄漏"))
        #expect(text.contains("危化品：苯乙烯 20吨"))
        #expect(text.contains("现场指挥：陈国平 13905230001"))
        #expect(text.contains("事发时间：11-23 13:50"))
        #expect(text.contains("报告人：李明 泰兴市七圩镇人民政府 值班员 0523-87650001"))
    }

    @Test func aFailedWriteKeepsTheFormAndEverythingTyped() {
        let (h, station) = Self.harness()
        Self.fillSavable(h, description: "储罐泄漏")
        station.failNextWrite = "journal/x.log: No space left on device"
        h.press(.ctrl("s"))
        #expect(h.state.screen == .intake)
        #expect(h.state.intake?.text(.description) == "储罐泄漏")
        #expect(h.lines[22].contains("No space left on device"))
        h.press(.ctrl("s"))
        #expect(h.state.screen == .incidents)
    }

    @Test func anOverrideNeedsAReason() {
        let (h, station) = Self.harness()
        Self.fillSavable(h, description: "储罐泄漏")
        Self.focus(h, .grade)
        Self.fill(h, "II")
        #expect(h.state.intake?.picked[.grade] == "II")
        h.press(.ctrl("s"))
        #expect(h.state.intake?.problems[.gradeReason] == .reasonRequired)
        #expect(h.state.intake?.focus == .gradeReason)
        h.type("周边有居民区，可能扩大")
        h.press(.ctrl("s"))
        let received = station.decoded.compactMap { $0 as? Zhiban_Events_V1_IncidentReceived }.last
        #expect(received?.grade == "II")
        #expect(received?.gradeReason == "周边有居民区，可能扩大")
    }

    // MARK: Drafts and leaving

    @Test func everyChangeIsSavedAsADraftAndResumedIntact() {
        let (h, _) = Self.harness()
        h.type("2")
        h.type("七圩镇政府")
        #expect(h.drafts.count == 5)
        let last = h.drafts.last!!
        #expect(last["field.reporterUnit"] == "七圩镇政府")
        // A new console finds the draft and offers it.
        let (h2, _) = Self.harness(draft: last)
        #expect(h2.state.overlay == .resumeDraft)
        #expect(h2.lines.joined().contains("有未保存的接报登记"))
        h2.press(.enter)
        #expect(h2.state.screen == .intake)
        #expect(h2.state.intake?.text(.reporterUnit) == "七圩镇政府")
        #expect(h2.state.intake?.text(.receivedAt) == "11-23 14:05")
    }

    @Test func aDraftThatCannotBeWrittenIsSaidOnScreen() {
        let (h, _) = Self.harness()
        h.type("2")
        h.failNextDraft = "drafts/intake.json: No space left on device"
        let bells = h.backend.bells
        h.type("李")
        #expect(h.lines[22].contains("drafts/intake.json: No space left on device"))
        #expect(h.backend.bells == bells + 1)
        #expect(h.state.intake?.text(.reporterUnit) == "李")
        // The next key writes the draft again.
        h.type("明")
        #expect(h.drafts.last??["field.reporterUnit"] == "李明")
    }

    @Test func discardingTheOfferedDraftRemovesIt() {
        let (h, _) = Self.harness(draft: ["field.reporterUnit": "x", "opened_at": "2026-11-23T13:00:00+08:00"])
        h.type("d")
        #expect(h.state.overlay == nil)
        #expect(h.drafts.last! == nil)
        h.type("2")
        #expect(h.state.intake?.text(.reporterUnit) == "")
    }

    @Test func leavingADirtyFormAsks() {
        let (h, _) = Self.harness()
        h.type("2")
        h.type("李明")
        h.press(.function(3))
        #expect(h.state.screen == .intake)
        #expect(h.state.intake?.leaving == .screen(.incidents))
        #expect(h.lines.joined().contains("接报登记尚未保存"))
        // Esc: back to typing, nothing lost.
        h.press(.escape)
        #expect(h.state.intake?.leaving == nil)
        h.press(.escape)
        h.type("k")
        #expect(h.state.screen == .incidents)
        h.press(.function(2))
        #expect(h.state.intake?.text(.reporterUnit) == "李明")
        h.press(.ctrl("c"))
        h.type("d")
        #expect(h.state.intake == nil)
        #expect(!h.state.isRunning)
        #expect(h.drafts.last! == nil)
    }

    @Test func aCleanFormLeavesWithoutAsking() {
        let (h, _) = Self.harness()
        h.type("2")
        h.press(.escape)
        #expect(h.state.screen == .incidents)
        #expect(h.state.intake == nil)
    }
}
