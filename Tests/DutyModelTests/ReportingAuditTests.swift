import ConsoleTestSupport
import Foundation
import Testing
@testable import DutyModel

/// The reporting rules an inspection (瞒报 / 迟报) checks: grades at and
/// around every bound, overrides with reasons, clocks through grade changes,
/// sign-off, the sensitive clock, 补报 and late reporting by the enterprise.
@Suite("Reporting rules that hold up in an audit (#22)")
struct ReportingAuditTests {
    static let zone = TimeZone(identifier: "Asia/Shanghai")!
    static func at(_ s: String) -> Date {
        guard let d = DutyTime.parseISO8601(s + ":00+08:00") else { fatalError("bad test time \(s)") }
        return d
    }
    let rules = RuleBook.standard
    var reporting: ReportingRules { rules.reporting }

    func suggest(_ category: IncidentCategory, _ type: String, _ c: Casualties, loss: Int64 = 0) -> Grade? {
        rules.grading.suggest(category: category, type: type, casualties: c, lossCNY: loss)
    }

    // MARK: Grades

    @Test("较大涉险: 3 trapped or unaccounted for, 500 evacuated, 10 endangered are 较大; one fewer is 一般")
    func largerRiskAccidents() {
        #expect(suggest(.accident, "hazchem_storage", Casualties(trapped: 2)) == .IV)
        #expect(suggest(.accident, "hazchem_storage", Casualties(trapped: 3)) == .III)
        #expect(suggest(.accident, "mine", Casualties(trapped: 30)) == .III, "涉险 is 较大 however many are trapped")
        // Trapped and missing together: 2 + 1.
        #expect(suggest(.accident, "construction", Casualties(missing: 1, trapped: 2)) == .III)
        #expect(suggest(.accident, "fire", Casualties(evacuated: 499)) == .IV)
        #expect(suggest(.accident, "fire", Casualties(evacuated: 500)) == .III)
        #expect(suggest(.accident, "gas", Casualties(endangered: 9)) == .IV)
        #expect(suggest(.accident, "gas", Casualties(endangered: 10)) == .III)
        // Death bounds stay exact (Decree 493): 涉险 never lowers a grade.
        #expect(suggest(.accident, "fire", Casualties(deaths: 10, trapped: 3)) == .II)
    }

    @Test("minor injuries (轻伤) grade nothing; serious ones (重伤) do")
    func injuriesApart() {
        #expect(suggest(.accident, "road_traffic", Casualties(injuredMinor: 500)) == .IV)
        #expect(suggest(.accident, "road_traffic", Casualties(injured: 10)) == .III)
        #expect(suggest(.accident, "road_traffic", Casualties(injured: 9, injuredMinor: 1)) == .IV)
    }

    @Test("natural disasters: the national relief plan's bounds, inclusive, and nothing below them", arguments: [
        (Casualties(deaths: 19), Grade?.none),
        (Casualties(deaths: 19, missing: 1), .some(.IV)),
        (Casualties(deaths: 49), .some(.IV)),
        (Casualties(deaths: 50), .some(.III)),
        (Casualties(deaths: 100), .some(.II)),
        (Casualties(deaths: 199), .some(.II)),
        (Casualties(deaths: 200), .some(.I)),
        (Casualties(evacuated: 99_999), .none),
        (Casualties(evacuated: 60_000, reliefNeeded: 40_000), .some(.IV)),
        (Casualties(evacuated: 500_000), .some(.III)),
        (Casualties(evacuated: 2_000_000), .some(.I)),
        (Casualties(housesCollapsed: 5_000, housesDamaged: 4_999), .none),
        (Casualties(housesCollapsed: 5_000, housesDamaged: 5_000), .some(.IV)),
        (Casualties(housesCollapsed: 300_000), .some(.I)),
        (Casualties(affected: 5_000_000), .none),
    ])
    func naturalDisasterTable(c: Casualties, expected: Grade?) {
        #expect(suggest(.natural, "typhoon", c) == expected)
    }

    @Test("drought counts people needing government relief")
    func droughtTable() {
        #expect(suggest(.natural, "drought", Casualties(reliefNeeded: 999_999)) == nil)
        #expect(suggest(.natural, "drought", Casualties(reliefNeeded: 1_000_000)) == .IV)
        #expect(suggest(.natural, "drought", Casualties(reliefNeeded: 3_000_000)) == .II)
        #expect(suggest(.natural, "drought", Casualties(reliefNeeded: 4_000_000)) == .I)
        #expect(suggest(.natural, "rainstorm", Casualties(reliefNeeded: 3_000_000)) == .I, "outside drought, relief counts with relocation")
    }

    @Test("the issue's typhoon: 30 dead, 200,000 evacuated, ¥200 million is suggested 一般 but keeps the ungraded 30-minute clock")
    func typhoonKeepsUngradedClock() {
        let c = Casualties(deaths: 30, evacuated: 200_000)
        let suggested = suggest(.natural, "typhoon", c, loss: 200_000_000)
        #expect(suggested == .IV)
        let clockGrade = IncidentSummary.clockGrade(confirmed: nil, suggested: suggested)
        #expect(clockGrade == nil)
        #expect(reporting.clock(for: clockGrade).phone == 1_800)
    }

    @Test("grades print as documents do")
    func documentNames() {
        #expect(Grade.III.documentName == "较大（Ⅲ级）")
        #expect(Grade.I.documentName == "特别重大（Ⅰ级）")
        #expect(Grade.IV.documentName == "一般（Ⅳ级）")
    }

    @Test("a grade below the suggestion: flagged, and the clocks run on the suggestion")
    func belowSuggestionClocks() {
        #expect(IncidentSummary.clockGrade(confirmed: .IV, suggested: .I) == .I)
        #expect(IncidentSummary.clockGrade(confirmed: .II, suggested: .III) == .II)
        #expect(IncidentSummary.clockGrade(confirmed: .IV, suggested: nil) == .IV)
        #expect(IncidentSummary.isBelow(confirmed: .IV, suggested: .I))
        #expect(!IncidentSummary.isBelow(confirmed: .III, suggested: .III))
        #expect(!IncidentSummary.isBelow(confirmed: .II, suggested: .III))
        #expect(!IncidentSummary.isBelow(confirmed: nil, suggested: .I))
    }

    // MARK: Intake

    func parse(_ json: String) -> Result<Intake, IntakeErrors> {
        IntakeParser(rules: rules, now: Self.at("2026-11-23T15:00"), timeZone: Self.zone, sanitize: { $0 }).parse(Data(json.utf8))
    }

    static let base = #""location": {"county": "泰兴市"}, "category": "accident", "type": "fire", "description": "起火""#

    @Test("a grade that differs from the suggestion needs grade_reason; the same grade does not")
    func overrideNeedsReason() {
        // 31 deaths suggest I; IV without a reason is refused, naming the field.
        guard case .failure(let e) = parse(#"{\#(Self.base), "casualties": {"deaths": 31}, "grade": "IV"}"#) else {
            Issue.record("31 deaths confirmed as IV without a reason was accepted"); return
        }
        #expect(e.errors.map(\.field) == ["grade_reason"])
        #expect(e.description.contains("\"I\" (特别重大)"))
        guard case .success(let i) = parse(#"{\#(Self.base), "casualties": {"deaths": 31}, "grade": "IV", "grade_reason": "核实后为3起独立事故"}"#) else {
            Issue.record("with a reason it must be accepted"); return
        }
        #expect(i.grade == .IV && i.gradeReason == "核实后为3起独立事故")
        if case .failure(let e) = parse(#"{\#(Self.base), "casualties": {"deaths": 31}, "grade": "I"}"#) {
            Issue.record("the suggested grade needs no reason: \(e)")
        }
        // Upward too, and to ungraded.
        if case .success = parse(#"{\#(Self.base), "grade": "II"}"#) { Issue.record("II over a suggested IV without a reason") }
        if case .success = parse(#"{\#(Self.base), "grade": null}"#) { Issue.record("ungraded over a suggested IV without a reason") }
    }

    @Test("injured_minor, houses, crops, enterprise and sensitive are read; unknown keys are named")
    func newIntakeFields() throws {
        let json = #"{\#(Self.base), "casualties": {"injured": 1, "injured_minor": 3, "endangered": 12, "relief_needed": 40, "affected": 900},"# +
            #""houses": {"collapsed": 2, "damaged": 5}, "crop_area_ha": 120, "sensitive": true,"# +
            #""enterprise": {"name": "泰兴市某化工有限公司（虚构）", "nature": "民营", "licence": "91321283MA00000000", "address": "七圩镇沿江路1号"}}"#
        let intake = try parse(json).get()
        #expect(intake.casualties == Casualties(injured: 1, injuredMinor: 3, endangered: 12, reliefNeeded: 40, affected: 900,
                                                housesCollapsed: 2, housesDamaged: 5, cropAreaHa: 120))
        #expect(intake.sensitive)
        #expect(intake.enterprise.licence == "91321283MA00000000")
        guard case .failure(let e) = parse(#"{\#(Self.base), "casualties": {"minor": 3}, "houses": {"rooms": 1}, "sensitive": "yes"}"#) else {
            Issue.record("bad keys accepted"); return
        }
        #expect(Set(e.errors.map(\.field)) == ["casualties.minor", "houses.rooms", "sensitive"])
        #expect(e.description.contains("injured_minor = minor 轻伤"))
    }

    @Test("the new fields fold into the incident and back out of a snapshot's shape")
    func newFieldsFold() throws {
        let station = TempStation()
        var intake = try parse(#"{\#(Self.base), "casualties": {"injured_minor": 3}, "houses": {"collapsed": 2}, "sensitive": true,"# +
                               #""enterprise": {"name": "某厂"}}"#).get()
        intake.receivedAt = Self.at("2026-11-23T14:00")
        station.append(.incidentReceived(id: "TZ-1", intake: intake, recordedBy: "王芳"), at: Self.at("2026-11-23T14:00"))
        let incident = try #require(station.state.incidents["TZ-1"])
        #expect(incident.casualties.value?.injuredMinor == 3)
        #expect(incident.casualties.value?.housesCollapsed == 2)
        #expect(incident.sensitive.value == true)
        #expect(incident.enterprise.value?.name == "某厂")
    }

    // MARK: Clocks through grade changes

    func deadlines(_ steps: [(String, Grade?)], received: String = "2026-11-23T10:00", reports: [ReportMade] = [],
                   now: String, sensitive: Bool = false) -> [Deadline] {
        let input = ClockInputs(receivedAt: Self.at(received),
                                steps: steps.map { ClockStep(at: Self.at($0.0), grade: $0.1, sensitive: sensitive) }, reports: reports)
        return reporting.deadlines(input, now: Self.at(now), timeZone: Self.zone)
    }

    func due(_ d: [Deadline], _ kind: DeadlineKind) -> Date? { d.first { $0.kind == kind }?.due }

    @Test("an upgrade three hours in starts the new clock from the upgrade: not overdue at once")
    func upgradeStartsFromTheChange() {
        let d = deadlines([("2026-11-23T10:00", .IV), ("2026-11-23T13:00", .III)], now: "2026-11-23T13:01")
        #expect(due(d, .initialWritten) == Self.at("2026-11-23T14:00"), "13:00 + 60 min, not 10:00 + 60 min")
        #expect(d.filter { $0.isOverdue(at: Self.at("2026-11-23T13:01")) }.map(\.kind) == [.initialPhone],
                "only the phone report, missed at 11:00 under IV")
        // An upgrade never relaxes: IV's 16:00 would be later than 13:00 + 60 min only if the upgrade came after 15:00.
        let late = deadlines([("2026-11-23T10:00", .IV), ("2026-11-23T15:30", .III)], now: "2026-11-23T15:31")
        #expect(due(late, .initialWritten) == Self.at("2026-11-23T16:00"))
    }

    @Test("a downgrade does not erase lateness that already happened; before the due time it relaxes")
    func downgradeKeepsLateness() {
        // III: written due 11:00; downgraded to IV at 12:00, after it was missed: still due 11:00, still overdue.
        let missed = deadlines([("2026-11-23T10:00", .III), ("2026-11-23T12:00", .IV)], now: "2026-11-23T12:05")
        #expect(due(missed, .initialWritten) == Self.at("2026-11-23T11:00"))
        #expect(missed.contains { $0.kind == .initialWritten && $0.isOverdue(at: Self.at("2026-11-23T12:05")) })
        // Downgraded at 10:20, before 11:00: IV's 6 h from receipt.
        let early = deadlines([("2026-11-23T10:00", .III), ("2026-11-23T10:20", .IV)], now: "2026-11-23T12:05")
        #expect(due(early, .initialWritten) == Self.at("2026-11-23T16:00"))
        // A report made late stays late when the grade is lowered afterwards.
        let made = deadlines([("2026-11-23T10:00", .III), ("2026-11-23T12:00", .IV)],
                             reports: [ReportMade(kind: .initial, channel: .written, at: Self.at("2026-11-23T11:30"))], now: "2026-11-23T12:05")
        #expect(made.first { $0.kind == .initialWritten }?.wasLate == true)
    }

    @Test("property: no later grade change makes a met deadline overdue, or a late one on time", arguments: 0..<8)
    func gradeChangesNeverRewriteHistory(seed: Int) {
        var rng = SplitMix(seed: UInt64(seed) &* 0x9E37_79B9 &+ 1)
        let grades: [Grade?] = [.I, .II, .III, .IV, nil]
        let t0 = Self.at("2026-11-23T10:00")
        for _ in 0..<300 {
            var steps = [ClockStep(at: t0, grade: grades[rng.next(5)])]
            var t = t0
            for _ in 0..<rng.next(5) {
                t += Double(rng.next(240) + 1) * 60
                steps.append(ClockStep(at: t, grade: grades[rng.next(5)], sensitive: rng.next(4) == 0))
            }
            var reports: [ReportMade] = []
            if rng.next(2) == 0 { reports.append(ReportMade(kind: .initial, channel: .phone, at: t0 + Double(rng.next(600)) * 60)) }
            if rng.next(2) == 0 { reports.append(ReportMade(kind: .initial, channel: .written, at: t0 + Double(rng.next(900)) * 60)) }
            let end = t + 86_400
            let full = reporting.deadlines(ClockInputs(receivedAt: t0, steps: steps, reports: reports), now: end, timeZone: Self.zone)
            // The history as it stood just before each change.
            for cut in 1..<steps.count {
                let instant = steps[cut].at
                let knownReports = reports.filter { $0.at < instant }
                let before = reporting.deadlines(ClockInputs(receivedAt: t0, steps: Array(steps.prefix(cut)), reports: knownReports),
                                                 now: instant, timeZone: Self.zone)
                for kind in [DeadlineKind.initialPhone, .initialWritten] {
                    guard let then = before.first(where: { $0.kind == kind }), let now = full.first(where: { $0.kind == kind }) else { continue }
                    if let made = then.fulfilledAt, made <= then.due {
                        #expect(now.due == then.due && !now.wasLate, "met at \(made) before the change at \(instant): \(steps)")
                    }
                    if then.due < instant, then.fulfilledAt.map({ $0 > then.due }) ?? true {
                        // Already late (made late, or overdue) when the clock changed: still late.
                        #expect(now.due == then.due || now.due < then.due, "late before \(instant), due moved later: \(steps)")
                        let madeAt = now.fulfilledAt
                        #expect(madeAt == nil ? now.isOverdue(at: end) : now.wasLate, "lateness erased: \(steps) \(reports)")
                    }
                }
            }
        }
    }

    @Test("a change at 较大 or ungraded starts a follow-up: deaths 3 → 8 at 14:00 is due by 15:00, not at 17:00")
    func followUpOnChangeAtEveryGrade() {
        let input = ClockInputs(receivedAt: Self.at("2026-11-23T10:00"), steps: [ClockStep(at: Self.at("2026-11-23T10:00"), grade: .III)],
                                reports: [ReportMade(kind: .initial, channel: .written, at: Self.at("2026-11-23T10:50"))],
                                changes: [Self.at("2026-11-23T14:00")])
        let d = reporting.deadlines(input, now: Self.at("2026-11-23T14:30"), timeZone: Self.zone)
        #expect(d.map(\.due).contains(Self.at("2026-11-23T15:00")))
        #expect(d.map(\.due).contains(Self.at("2026-11-23T17:00")))
    }

    @Test("a written report counts from its sign-off (签发)")
    func signOff() {
        let report = ReportMade(kind: .initial, channel: .written, at: Self.at("2026-11-23T10:20"), recipient: "市政府总值班室",
                                approvedBy: "高鹏", approvedAt: Self.at("2026-11-23T10:45"))
        #expect(report.countsFrom == Self.at("2026-11-23T10:45"))
        let d = deadlines([("2026-11-23T10:00", .II)], reports: [report], now: "2026-11-23T11:00")
        let written = d.first { $0.kind == .initialWritten }
        #expect(written?.fulfilledAt == Self.at("2026-11-23T10:45"))
        #expect(written?.wasLate == true, "written at 10:20 but signed off at 10:45, after the 10:30 limit")
        // A phone report has no sign-off; a sign-off before writing is the writing time.
        #expect(ReportMade(kind: .initial, channel: .phone, at: Self.at("2026-11-23T10:20"), approvedBy: "x",
                           approvedAt: Self.at("2026-11-23T11:00")).countsFrom == Self.at("2026-11-23T10:20"))
    }

    @Test("a sensitive event runs on at least the sensitive clock (一般 60 min → 30 min)")
    func sensitiveClock() {
        let plain = deadlines([("2026-11-23T10:00", .IV)], now: "2026-11-23T10:00")
        let marked = deadlines([("2026-11-23T10:00", .IV)], now: "2026-11-23T10:00", sensitive: true)
        #expect(due(plain, .initialPhone) == Self.at("2026-11-23T11:00"))
        #expect(due(marked, .initialPhone) == Self.at("2026-11-23T10:30"))
        // Never laxer than the grade's own: 重大 stays 15 min.
        #expect(due(deadlines([("2026-11-23T10:00", .II)], now: "2026-11-23T10:00", sensitive: true), .initialPhone) == Self.at("2026-11-23T10:15"))
    }

    @Test("補报: people counts changing after the final report, within 30 days (7 for road traffic)")
    func supplementary() {
        let received = Self.at("2026-11-01T10:00")
        let reports = [ReportMade(kind: .initial, channel: .written, at: Self.at("2026-11-01T10:30")),
                       ReportMade(kind: .final, channel: .written, at: Self.at("2026-11-03T10:00"))]
        func d(_ type: String, change: String, now: String, closed: Bool = true, extra: [ReportMade] = []) -> [Deadline] {
            reporting.deadlines(ClockInputs(receivedAt: received, occurredAt: received, steps: [ClockStep(at: received, grade: .III)],
                                            reports: reports + extra, casualtyChanges: [Self.at(change)], endedAt: Self.at("2026-11-02T10:00"),
                                            closed: closed, type: type), now: Self.at(now), timeZone: Self.zone)
        }
        let within = d("hazchem", change: "2026-11-20T09:00", now: "2026-11-20T11:00")
        #expect(within.map(\.kind) == [.supplementary(1)], "a closed incident owes only the 补报")
        #expect(within.first?.due == Self.at("2026-11-20T10:00"))
        #expect(within.first?.isOverdue(at: Self.at("2026-11-20T11:00")) == true)
        #expect(d("hazchem", change: "2026-12-02T09:00", now: "2026-12-02T11:00").isEmpty, "after 30 days nothing is owed")
        #expect(d("road_traffic", change: "2026-11-09T09:00", now: "2026-11-09T11:00").isEmpty, "road traffic: 7 days")
        #expect(d("road_traffic", change: "2026-11-07T09:00", now: "2026-11-07T11:00").count == 1)
        let made = d("hazchem", change: "2026-11-20T09:00", now: "2026-11-20T11:00",
                     extra: [ReportMade(kind: .supplementary, channel: .written, at: Self.at("2026-11-20T09:40"))])
        #expect(made.first?.fulfilledAt == Self.at("2026-11-20T09:40"))
        #expect(DeadlineKind.supplementary(1).chinese == "补报")
    }

    @Test("clocks may count from the time of occurrence (count_from = \"occurred\")")
    func countFromOccurrence() throws {
        var grades = reporting.grades
        grades[.III]?.countFromOccurrence = true
        let custom = ReportingRules(grades: grades, ungraded: reporting.ungraded, finalWithin: reporting.finalWithin)
        let input = ClockInputs(receivedAt: Self.at("2026-11-23T10:00"), occurredAt: Self.at("2026-11-23T09:40"),
                                steps: [ClockStep(at: Self.at("2026-11-23T10:00"), grade: .III)])
        let d = custom.deadlines(input, now: Self.at("2026-11-23T10:00"), timeZone: Self.zone)
        #expect(due(d, .initialPhone) == Self.at("2026-11-23T10:10"))
        // The file form is read.
        let text = RuleBook.builtinTexts["reporting.toml"]!.replacingOccurrences(of: "[grades.III]  # 较大\n", with: "[grades.III]  # 较大\ncount_from = \"occurred\"\n")
        #expect(text != RuleBook.builtinTexts["reporting.toml"]!)
        let loaded = try RuleBook.load(overrides: ["reporting.toml": text]).get()
        #expect(loaded.reporting.clock(for: .III).countFromOccurrence)
        let bad = RuleBook.builtinTexts["reporting.toml"]!.replacingOccurrences(of: "[grades.III]  # 较大\n", with: "[grades.III]  # 较大\ncount_from = \"reported\"\n")
        guard case .failure(let problem) = RuleBook.load(overrides: ["reporting.toml": bad]) else {
            Issue.record("count_from = \"reported\" was accepted"); return
        }
        #expect(problem.description.contains("grades.III.count_from"))
    }

    // MARK: Through the fold

    /// A station holding one accident received at 10:00 with these intake keys.
    func received(_ id: String, _ extra: String) throws -> TempStation {
        let station = TempStation()
        let received = Self.at("2026-11-23T10:00")
        var intake = try parse(#"{\#(Self.base)\#(extra)}"#).get()
        intake.receivedAt = received
        station.append(.incidentReceived(id: id, intake: intake, recordedBy: "王芳"), at: received)
        return station
    }

    @Test("31 deaths confirmed as 一般 with a reason: flagged, and the phone clock stays 15 minutes")
    func foldedOverride() throws {
        let station = try received("TZ-1", #", "casualties": {"deaths": 31}, "occurred_at": "2026-11-23T08:30:00+08:00""#)
        var seen = VersionVector()
        seen.include(station.events[0].id)
        station.append(.incidentGraded(id: "TZ-1", grade: .IV, reason: "经核实为多起事故合并上报", seen: seen), at: Self.at("2026-11-23T10:05"))
        let incident = try #require(station.state.incidents["TZ-1"])
        let s = IncidentSummary(incident, rules: rules, now: Self.at("2026-11-23T10:20"), timeZone: Self.zone)
        #expect(s.grade == .IV && s.suggestedGrade == .I && s.isBelowSuggestion)
        #expect(due(s.deadlines, .initialPhone) == Self.at("2026-11-23T10:15"))
        #expect(s.overdueCount == 1, "phone 10:15 passed, as 特别重大's; written 10:30 not yet")
        // Occurred 08:30, received 10:00: 90 minutes, past the enterprise's hour.
        #expect(s.reportDelay == 5_400)
        #expect(s.lateReportLimit == 3_600)
        let text = WrittenReport.text(for: incident, kind: .initial, station: "泰州市应急管理局总值班室", rules: rules,
                                      now: Self.at("2026-11-23T10:20"), timeZone: Self.zone, operatorName: "王芳")
        #expect(text.contains("事件等级：一般（Ⅳ级）〔低于法定标准建议等级 特别重大（Ⅰ级），报告时限按特别重大执行；定级理由：经核实为多起事故合并上报〕"))
        #expect(text.contains("事发后1小时30分钟接报，超过企业报告时限1小时，迟报"))
        #expect(text.contains("轻伤0人"))
    }

    @Test("an upgrade recorded in the journal starts the new clock from the upgrade's time")
    func foldedUpgrade() throws {
        let station = try received("TZ-2", #", "casualties": {"deaths": 1}"#)
        var seen = VersionVector()
        seen.include(station.events[0].id)
        station.append(.incidentGraded(id: "TZ-2", grade: .IV, reason: "confirmed the suggestion", seen: seen), at: Self.at("2026-11-23T10:01"))
        seen.include(station.events[1].id)
        // Three hours in, deaths rise to 3: the suggestion goes IV → III, above the officer's IV.
        station.append(.incidentUpdated(id: "TZ-2", casualties: Casualties(deaths: 3), seen: seen), at: Self.at("2026-11-23T13:00"))
        let incident = try #require(station.state.incidents["TZ-2"])
        let s = IncidentSummary(incident, rules: rules, now: Self.at("2026-11-23T13:01"), timeZone: Self.zone)
        #expect(s.suggestedGrade == .III)
        #expect(due(s.deadlines, .initialWritten) == Self.at("2026-11-23T14:00"))
        #expect(due(s.deadlines, .initialPhone) == Self.at("2026-11-23T11:00"), "the phone report was already overdue under IV: it stays so")
        #expect(s.overdueCount == 1)
    }

    @Test("a change recorded before the written report was recorded is in it; one recorded after starts a follow-up")
    func changesCountByWhenRecorded() throws {
        let station = try received("TZ-3", #", "casualties": {"deaths": 3}"#)
        station.append(.incidentStatusChanged(id: "TZ-3", to: .responding, epoch: 0), at: Self.at("2026-11-23T10:40"))
        // The written report made at 10:30 is recorded at 10:50, after the status change was.
        station.append(.reportRecorded(id: "TZ-3", kind: .initial, channel: .written, recipient: "市委值班室", at: Self.at("2026-11-23T10:30"),
                                       approvedBy: "高鹏"), at: Self.at("2026-11-23T10:50"))
        func followUps(_ now: String) throws -> [Deadline] {
            let s = IncidentSummary(try #require(station.state.incidents["TZ-3"]), rules: rules, now: Self.at(now), timeZone: Self.zone)
            return s.deadlines.filter { if case .followUp = $0.kind { return true } else { return false } }
        }
        #expect(try followUps("2026-11-23T11:00").map(\.due) == [Self.at("2026-11-23T17:00")], "only the 17:00 slot")
        station.append(.incidentStatusChanged(id: "TZ-3", to: .contained, epoch: 0), at: Self.at("2026-11-23T11:10"))
        #expect(try followUps("2026-11-23T11:20").map(\.due) == [Self.at("2026-11-23T12:10"), Self.at("2026-11-23T17:00")])
    }

    @Test("the sign-off, the new figures and 补报 survive a snapshot")
    func snapshotKeepsTheSignOff() throws {
        let station = try received("TZ-4", #", "casualties": {"deaths": 3, "injured_minor": 2}, "houses": {"collapsed": 1}, "enterprise": {"name": "某厂"}, "sensitive": true"#)
        station.append(.reportRecorded(id: "TZ-4", kind: .initial, channel: .written, recipient: "市委值班室", at: Self.at("2026-11-23T10:30"),
                                       approvedBy: "高鹏", approvedAt: Self.at("2026-11-23T11:10")), at: Self.at("2026-11-23T11:11"))
        station.append(.reportRecorded(id: "TZ-4", kind: .supplementary, channel: .written, recipient: "市委值班室", at: Self.at("2026-11-23T11:20"),
                                       approvedBy: "高鹏"), at: Self.at("2026-11-23T11:21"))
        let back = try SnapshotCoding.decode(DutyState.self, from: try SnapshotCoding.encode(station.state))
        #expect(back == station.state)
        let reports = try #require(back.incidents["TZ-4"]?.reportsMade)
        #expect(reports.first?.approvedBy == "高鹏")
        #expect(reports.first?.countsFrom == Self.at("2026-11-23T11:10"))
        #expect(reports.last?.kind == .supplementary)
        #expect(back.incidents["TZ-4"]?.casualties.value?.housesCollapsed == 1)
    }

    @Test("an upgrade while a change follow-up is pending brings that follow-up forward")
    func pendingFollowUpTightens() {
        let t0 = Self.at("2026-11-23T10:00")
        let input = ClockInputs(receivedAt: t0,
                                steps: [ClockStep(at: t0, grade: .IV), ClockStep(at: Self.at("2026-11-23T11:20"), grade: .II)],
                                reports: [ReportMade(kind: .initial, channel: .written, at: Self.at("2026-11-23T10:30"))],
                                changes: [Self.at("2026-11-23T11:00"), Self.at("2026-11-23T11:20")])
        let d = reporting.deadlines(input, now: Self.at("2026-11-23T11:30"), timeZone: Self.zone)
        // IV: due 17:00 for the 11:00 change; the 11:20 change under II (30 min) shares it and brings it to 11:50.
        #expect(d.first { $0.kind == .followUp(1) }?.due == Self.at("2026-11-23T11:50"), "\(d)")
    }

    @Test("a clock step stamped after now is not yet in force, and a month at 一般 after 较大 is walked quickly")
    func futureStepsAndLongQuietSpans() {
        let t0 = Self.at("2026-10-01T10:00")
        let report = [ReportMade(kind: .initial, channel: .written, at: Self.at("2026-10-01T10:30"))]
        // Ungraded (slots 08:00 / 17:00), graded 一般 in the next hour, open two months later.
        let input = ClockInputs(receivedAt: t0, steps: [ClockStep(at: t0, grade: nil), ClockStep(at: Self.at("2026-10-01T11:00"), grade: .IV)],
                                reports: report)
        let d = reporting.deadlines(input, now: Self.at("2026-12-01T10:00"), timeZone: Self.zone)
        #expect(d.map(\.kind) == [.initialPhone, .initialWritten], "no slot owed after the grade dropped them: \(d)")
        // A step one hour ahead of now (a peer's clock) is ignored until then.
        let ahead = ClockInputs(receivedAt: t0, steps: [ClockStep(at: t0, grade: nil), ClockStep(at: Self.at("2026-10-01T11:00"), grade: .IV)],
                                reports: report)
        let early = reporting.deadlines(ahead, now: Self.at("2026-10-01T10:45"), timeZone: Self.zone)
        #expect(early.contains { $0.kind == .followUp(1) && $0.due == Self.at("2026-10-01T17:00") })
    }
}

/// A small deterministic generator for property tests.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func next(_ n: Int) -> Int { Int(next() % UInt64(n)) }
}
