import Console
import ConsoleTestSupport
import DutyModel
import Foundation
import Testing
import TerminalUI

/// Actions on an incident from its detail view, and the report clocks' alerts.
@Suite struct IncidentActionTests {
    /// A station with one fresh incident received at 14:05 (ungraded: phone 14:35, written 15:05).
    static func harness(language: Language = .zh, now: String = "2026-11-23T14:05:00+08:00") -> (ConsoleHarness, TempStation) {
        let station = TempStation()
        station.append(DutyFixture.incident("TZ-20261123-001", received: "2026-11-23T14:05:00+08:00", category: "accident",
                                            type: "hazchem_storage", place: ("泰兴市", "七圩镇", ""), grade: "",
                                            description: "储罐泄漏"), at: DutyFixture.at("2026-11-23T14:05:00+08:00"), operatorName: "高鹏")
        let h = ConsoleHarness(language: language, now: now, station: station, operatorName: "罗燕")
        return (h, station)
    }

    static func openDetail(_ h: ConsoleHarness) {
        h.type("3")
        h.press(.enter)
        #expect(h.state.overlay == .incidentDetail("TZ-20261123-001"))
    }

    static func incident(_ station: TempStation) -> IncidentState { station.state.incidents["TZ-20261123-001"]! }

    /// Cycles the choice row to `value` with →.
    static func choose(_ h: ConsoleHarness, _ value: String, sourceLocation: SourceLocation = #_sourceLocation) {
        for _ in 0..<12 {
            guard case .incidentAction(let d)? = h.state.overlay else { break }
            if d.choices[0].value == value { return }
            h.press(.right)
        }
        Issue.record("the choice row never showed \(value)", sourceLocation: sourceLocation)
    }

    @Test(arguments: Language.allCases)
    func everyForbiddenStepIsRefusedWithTheReason(_ language: Language) {
        let (h, station) = Self.harness(language: language)
        Self.openDetail(h)
        let before = station.events.count
        // From 接报, every status the lifecycle does not allow next.
        let rules = RuleBook.standard.lifecycle
        for target in IncidentStatus.allCases where target != .received && !rules.allowedNext(from: .received).contains(target) {
            h.type("s")
            Self.choose(h, target.rawValue)
            h.press(.ctrl("s"))
            guard case .incidentAction(let dialog)? = h.state.overlay else {
                Issue.record("the dialog closed for \(target)")
                return
            }
            let problem = dialog.problem?.text(language) ?? ""
            #expect(problem.contains(language == .zh ? "不能从" : "cannot go from"), "\(target): \(problem)")
            #expect(problem.contains(language == .zh ? "可转为" : "allowed next"), "\(target): \(problem)")
            #expect(h.lines.joined().contains(language == .zh ? "不能从" : "cannot go from"))
            h.press(.escape)
            #expect(h.state.overlay == .incidentDetail("TZ-20261123-001"))
        }
        #expect(station.events.count == before)
        #expect(Self.incident(station).status == .received)
    }

    @Test func allowedStepsAreRecordedAndReopenNeedsAnEndedIncident() {
        let (h, station) = Self.harness()
        Self.openDetail(h)
        // Reopening an open incident is refused.
        h.type("o")
        h.type("复燃")
        h.press(.enter)
        guard case .incidentAction(let refused)? = h.state.overlay else { Issue.record("dialog closed"); return }
        #expect(refused.problem?.text(.zh).contains("不能从“接报”重新启动处置") == true)
        h.press(.escape)
        for target in ["verifying", "responding", "ended"] {
            h.type("s")
            Self.choose(h, target)
            h.press(.ctrl("s"))
            #expect(h.state.overlay == .incidentDetail("TZ-20261123-001"), "\(target)")
        }
        #expect(Self.incident(station).status == .ended)
        // Closing before the final report is refused …
        h.type("c")
        h.press(.ctrl("s"))
        guard case .incidentAction(let close)? = h.state.overlay else { Issue.record("dialog closed"); return }
        #expect(close.problem?.text(.zh).contains("终报") == true)
        h.press(.escape)
        // … a reopen now goes back to 处置中 in a new epoch.
        h.type("o")
        // The refused reopen's reason is back as a draft (#23); the officer writes it anew.
        guard case .incidentAction(let kept)? = h.state.overlay else { Issue.record("dialog closed"); return }
        #expect(kept.fields.first?.field.text == "复燃")
        h.press(.ctrl("u"))
        h.type("现场复燃")
        h.press(.enter)
        #expect(Self.incident(station).status == .responding)
        #expect(Self.incident(station).epoch == 1)
        #expect(h.lines.joined().contains("重新打开：现场复燃"))
    }

    @Test func aReportFulfilsItsDeadline() {
        let (h, station) = Self.harness(now: "2026-11-23T14:20:00+08:00")
        Self.openDetail(h)
        h.type("r")
        guard case .incidentAction(let dialog)? = h.state.overlay else { Issue.record("no dialog"); return }
        #expect(dialog.choices[0].value == "initial")
        #expect(dialog.choices[1].value == "phone")
        h.type("市委市政府总值班室")
        h.press(.enter)
        h.press(.enter)   // when: now
        h.press(.enter, .enter)   // sign-off: a phone report has none
        h.type("储罐泄漏，无人员伤亡")
        h.press(.enter)
        #expect(h.state.overlay == .incidentDetail("TZ-20261123-001"))
        let reports = Self.incident(station).reportsMade
        #expect(reports.count == 1)
        #expect(reports.first?.kind == .initial)
        #expect(reports.first?.recipient == "市委市政府总值班室")
        #expect(h.lines[22].contains("已记录电话初报 → 市委市政府总值班室"))
        // The next clock is the written report.
        let summary = IncidentSummary(Self.incident(station), rules: .standard, now: h.state.now, timeZone: DutyTime.defaultTimeZone)
        #expect(summary.nextDeadline?.kind == .initialWritten)
        // A report timed in the future is refused, naming the time.
        h.type("r")
        h.type("市委市政府总值班室")
        h.press(.enter)
        h.press(.ctrl("u"))
        h.type("16:00")
        h.press(.ctrl("s"))
        guard case .incidentAction(let late)? = h.state.overlay else { Issue.record("dialog closed"); return }
        #expect(late.problem == .intake(.timeFuture("11-23 16:00")))
    }

    @Test func updatesKeepTheEarlierFiguresAndRefuseLetters() {
        let (h, station) = Self.harness()
        Self.openDetail(h)
        h.type("u")
        h.press(.ctrl("u"))
        h.type("2x")
        guard case .incidentAction(let d)? = h.state.overlay else { Issue.record("no dialog"); return }
        #expect(d.fields[0].field.text == "2")
        #expect(d.problem == .intake(.notTaken(.deaths, "x")))
        // A refusal names the field it happened in.
        h.press(.tab)
        h.type("-")
        guard case .incidentAction(let missing)? = h.state.overlay else { Issue.record("no dialog"); return }
        #expect(missing.problem == .intake(.noNegative(.missing)))
        h.press(.backTab)
        h.press(.ctrl("s"))
        #expect(Self.incident(station).casualties.value?.deaths == 2)
        #expect(Self.incident(station).casualties.winner?.operatorName == "罗燕")
        #expect(h.lines.joined().contains("更新：死亡 2"))
        // Nothing changed: refused, nothing written.
        let count = station.events.count
        h.type("u")
        h.press(.ctrl("s"))
        #expect(station.events.count == count)
    }

    @Test func gradeOverrideNeedsAReason() {
        let (h, station) = Self.harness()
        Self.openDetail(h)
        h.type("g")
        Self.choose(h, "II")
        h.press(.ctrl("s"))
        guard case .incidentAction(let d)? = h.state.overlay else { Issue.record("no dialog"); return }
        #expect(d.problem == .intake(.reasonRequired))
        h.type("周边1公里有学校")
        h.press(.tab)
        h.type("Ⅱ级响应")
        h.press(.ctrl("s"))
        let decision = Self.incident(station).grade.value
        #expect(decision?.grade == .II)
        #expect(decision?.reason == "周边1公里有学校")
        #expect(decision?.responseLevel == "Ⅱ级响应")
    }

    // MARK: Alerts

    @Test func aReportDueWithinFiveMinutesAndOverdueAlertOnceEachWithTheBell() {
        let (h, _) = Self.harness(now: "2026-11-23T14:29:00+08:00")
        let bells = h.backend.bells
        h.advance(seconds: 60)   // 14:30: the phone report is due 14:35
        #expect(h.state.message?.kind == .alert)
        #expect(h.lines[22].contains("!! TZ-20261123-001 电话初报 14:35 前到期"))
        #expect(h.backend.bells == bells + 1)
        h.advance(seconds: 60)
        #expect(h.backend.bells == bells + 1)   // once only
        h.advance(seconds: 4 * 60)   // 14:35: overdue
        #expect(h.lines[22].contains("!! 超时未报：TZ-20261123-001 电话初报 14:35"))
        #expect(h.backend.bells == bells + 2)
        // Muted: the next alert shows but does not ring.
        h.command("mute")
        h.advance(seconds: 26 * 60)   // 15:01: the written report is due 15:05
        #expect(h.lines[22].contains("书面初报 15:05 前到期"))
        #expect(h.backend.bells == bells + 2)
    }
}
