import Foundation

/// What the duty room needs to know of one incident at an instant: the
/// rules applied to its folded state.
public struct IncidentSummary: Hashable, Sendable {
    public var id: String
    public var status: IncidentStatus
    /// The officer's grade, nil while ungraded.
    public var grade: Grade?
    /// The grade the numbers suggest (nil where no table applies).
    public var suggestedGrade: Grade?
    public var receivedAt: Date?
    public var occurredAt: Date?
    public var category: IncidentCategory?
    public var type: String
    public var place: PlaceInfo
    public var casualties: Casualties
    public var lossCNY: Int64
    public var deadlines: [Deadline]
    public var nextDeadline: Deadline?
    public var overdueCount: Int
    public var conflictedFields: [String]
    /// 敏感事件.
    public var sensitive: Bool
    /// How long after it happened the duty room heard of it (nil: time of occurrence not known).
    public var reportDelay: TimeInterval?
    /// The enterprise's own limit when it reported later than that (Decree 493 Art. 9).
    public var lateReportLimit: TimeInterval?

    public var isOpen: Bool { status < .finalReported }
    public var isOverdue: Bool { overdueCount > 0 }
    /// The officer's grade is below the one the statutory tables give: flagged
    /// on the incident and in every report; the clocks run on the suggestion.
    public var isBelowSuggestion: Bool { Self.isBelow(confirmed: grade, suggested: suggestedGrade) }

    public static func isBelow(confirmed: Grade?, suggested: Grade?) -> Bool {
        guard let confirmed, let suggested else { return false }
        return confirmed < suggested
    }

    /// The grade the report clocks run on: the more severe of the officer's
    /// grade and the suggestion; before a grade is given the stricter of the
    /// suggestion and the ungraded rule (DOMAIN.md §2.3: assume 较大 until
    /// graded; a suggestion never relaxes the ungraded clocks).
    public static func clockGrade(confirmed: Grade?, suggested: Grade?) -> Grade? {
        if let confirmed { return max(confirmed, suggested ?? confirmed) }
        if let suggested, suggested > .III { return suggested }
        return nil
    }

    public init(_ incident: IncidentState, rules: RuleBook, now: Date, timeZone: TimeZone) {
        id = incident.id
        status = incident.status
        grade = incident.grade.value?.grade
        category = incident.category.value.flatMap(IncidentCategory.init(rawValue:))
        type = incident.type.value ?? ""
        place = incident.place.value ?? PlaceInfo()
        casualties = incident.casualties.value ?? .none
        lossCNY = incident.lossCNY.value ?? 0
        receivedAt = incident.receivedAt
        occurredAt = incident.occurredAtMs.value.map { Date(timeIntervalSince1970: Double($0) / 1000) }
        sensitive = incident.sensitive.value ?? false
        let (type, casualties, lossCNY, category) = (self.type, self.casualties, self.lossCNY, self.category)
        suggestedGrade = category.flatMap { rules.grading.suggest(category: $0, type: type, casualties: casualties, lossCNY: lossCNY) }
        conflictedFields = incident.conflictedFields
        reportDelay = nil
        lateReportLimit = nil
        if let receivedAt, let occurredAt, occurredAt <= receivedAt {
            let delay = receivedAt.timeIntervalSince(occurredAt)
            reportDelay = delay
            if category == .accident, let limit = rules.reporting.enterpriseWithin, delay > limit { lateReportLimit = limit }
        }
        // A closed incident owes only a 补报, which needs its figures changed after intake.
        let created = incident.createdBy?.time ?? 0
        let closedUnchanged = status >= .closed && !incident.casualties.writes.contains { $0.stamp.time > created }
        guard let receivedAt, !closedUnchanged else {
            deadlines = []
            nextDeadline = nil
            overdueCount = 0
            return
        }
        let input = Self.clockInputs(incident, rules: rules, receivedAt: receivedAt, occurredAt: occurredAt,
                                     category: category, type: type)
        let all = rules.reporting.deadlines(input, now: now, timeZone: timeZone)
        deadlines = all
        nextDeadline = rules.reporting.next(all)
        overdueCount = all.filter { $0.isOverdue(at: now) }.count
    }

    /// What the clocks read of an incident: the clock in force from receipt
    /// through each change of grade, figures (the suggestion) and the
    /// sensitive flag, and the changes that call for a follow-up.
    static func clockInputs(_ incident: IncidentState, rules: RuleBook, receivedAt: Date, occurredAt: Date?,
                            category: IncidentCategory?, type: String) -> ClockInputs {
        let created = incident.createdBy?.time ?? 0
        func date(_ stamp: Stamp) -> Date { HLCTimestamp(rawValue: stamp.time).date }
        // Writes at or before the creating event are the intake's own.
        func after<V>(_ r: Register<V>) -> [Register<V>.Write] { r.writes.filter { $0.stamp.time > created } }
        func initial<V>(_ r: Register<V>) -> V? { r.writes.last { $0.stamp.time <= created }?.value ?? (created == 0 ? r.value : nil) }

        var times: [UInt64] = []
        times += after(incident.grade).map(\.stamp.time)
        times += after(incident.casualties).map(\.stamp.time)
        times += after(incident.lossCNY).map(\.stamp.time)
        times += after(incident.sensitive).map(\.stamp.time)
        times = Array(Set(times)).sorted()

        func value<V>(_ r: Register<V>, at time: UInt64) -> V? { r.writes.last { $0.stamp.time <= time }?.value ?? initial(r) }
        func step(at time: UInt64?, date at: Date) -> ClockStep {
            let t = time ?? created
            let confirmed = (time == nil ? initial(incident.grade) : value(incident.grade, at: t))?.grade
            let figures = (time == nil ? initial(incident.casualties) : value(incident.casualties, at: t)) ?? .none
            let loss = (time == nil ? initial(incident.lossCNY) : value(incident.lossCNY, at: t)) ?? 0
            let suggested = category.flatMap { rules.grading.suggest(category: $0, type: type, casualties: figures, lossCNY: loss) }
            let sensitive = (time == nil ? initial(incident.sensitive) : value(incident.sensitive, at: t)) ?? false
            return ClockStep(at: at, grade: clockGrade(confirmed: confirmed, suggested: suggested), sensitive: sensitive)
        }
        var steps = [step(at: nil, date: receivedAt)]
        for t in times {
            let next = step(at: t, date: HLCTimestamp(rawValue: t).date)
            if next.grade != steps.last!.grade || next.sensitive != steps.last!.sensitive { steps.append(next) }
        }

        // Changes that call for a follow-up: figures that changed, a new grade, a step of the lifecycle —
        // recorded after the report they would follow was recorded (one recorded before it is in it,
        // whatever the times typed for either).
        func changed<V: Equatable>(_ r: Register<V>) -> [Stamp] {
            var result: [Stamp] = []
            var previous = initial(r)
            for w in after(r) {
                if w.value != previous { result.append(w.stamp) }
                previous = w.value
            }
            return result
        }
        var changes = changed(incident.casualties) + changed(incident.lossCNY)
        var previousGrade = initial(incident.grade)?.grade
        for w in after(incident.grade) {
            if w.value.grade != previousGrade { changes.append(w.stamp) }
            previousGrade = w.value.grade
        }
        changes += incident.statusHistory.values.filter { $0.stamp.time > created }.map(\.stamp)
        var casualtyChanges: [Stamp] = []
        var previous = initial(incident.casualties)?.peopleCounts
        for w in after(incident.casualties) {
            if w.value.peopleCounts != previous { casualtyChanges.append(w.stamp) }
            previous = w.value.peopleCounts
        }
        func recorded(_ kind: ReportKind) -> Stamp? {
            incident.reports.values.filter { $0.report.kind == kind && $0.report.channel == .written }
                .min { $0.report.countsFrom < $1.report.countsFrom }?.stamp
        }
        let initialRecorded = recorded(.initial), finalRecorded = recorded(.final)
        let changeDates = changes.filter { s in initialRecorded.map { s > $0 } ?? true }.map(date)
        let casualtyDates = casualtyChanges.filter { s in finalRecorded.map { s > $0 } ?? true }.map(date)
        return ClockInputs(receivedAt: receivedAt, occurredAt: occurredAt, steps: steps, reports: incident.reportsMade,
                           changes: changeDates.sorted(), casualtyChanges: casualtyDates.sorted(), endedAt: incident.endedAt,
                           closed: incident.status >= .closed, type: type)
    }
}

extension DutyState {
    /// Every incident summarised at `now`, newest first.
    public func incidentSummaries(rules: RuleBook, now: Date, timeZone: TimeZone) -> [IncidentSummary] {
        let summaries = incidents.values.map { IncidentSummary($0, rules: rules, now: now, timeZone: timeZone) }
        // Sorted by small keys, then taken in that order (large structs are slow to move through a sort).
        let keys = summaries.map { ($0.receivedAt ?? .distantPast, $0.id) }
        return keys.indices.sorted { keys[$0] > keys[$1] }.map { summaries[$0] }
    }

    /// The next free daily number for incidents of `code` on `date` (yyyyMMdd):
    /// `TZ-20261123-004` when 001–003 exist. Unique without coordination as
    /// long as station codes are unique in the jurisdiction.
    /// `alsoTaken`: ids given out in the same batch, not folded yet.
    public func nextIncidentID(code: String, date: String, alsoTaken: Set<String> = []) -> String {
        let prefix = "\(code)-\(date)-"
        let highest = (incidents.keys.filter { $0.hasPrefix(prefix) } + alsoTaken.filter { $0.hasPrefix(prefix) })
            .compactMap { Int($0.dropFirst(prefix.count)) }.max() ?? 0
        return prefix + String(format: "%03d", highest + 1)
    }
}
