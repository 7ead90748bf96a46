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
    public var category: IncidentCategory?
    public var type: String
    public var place: PlaceInfo
    public var casualties: Casualties
    public var lossCNY: Int64
    public var deadlines: [Deadline]
    public var nextDeadline: Deadline?
    public var overdueCount: Int
    public var conflictedFields: [String]

    public var isOpen: Bool { status < .finalReported }
    public var isOverdue: Bool { overdueCount > 0 }

    /// The grade the report clocks run on: the officer's grade once given;
    /// before that the stricter of the suggestion and the ungraded rule
    /// (DOMAIN.md §2.3: assume 较大 until graded).
    public static func clockGrade(confirmed: Grade?, suggested: Grade?) -> Grade? {
        if let confirmed { return confirmed }
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
        let (type, casualties, lossCNY) = (self.type, self.casualties, self.lossCNY)
        suggestedGrade = category.flatMap { rules.grading.suggest(category: $0, type: type, casualties: casualties, lossCNY: lossCNY) }
        conflictedFields = incident.conflictedFields
        guard let receivedAt, status < .closed else {
            deadlines = []
            nextDeadline = nil
            overdueCount = 0
            return
        }
        // Changes that call for a follow-up: casualty and loss figures written after intake.
        let created = incident.createdBy?.time ?? 0
        let changeStamps = incident.casualties.writes.map(\.stamp) + incident.lossCNY.writes.map(\.stamp)
        let changes = changeStamps.filter { $0.time > created }.map { HLCTimestamp(rawValue: $0.time).date }
        let all = rules.reporting.deadlines(grade: Self.clockGrade(confirmed: grade, suggested: suggestedGrade),
                                            receivedAt: receivedAt, reports: incident.reportsMade, changes: changes.sorted(),
                                            endedAt: incident.endedAt, now: now, timeZone: timeZone)
        deadlines = all
        nextDeadline = rules.reporting.next(all)
        overdueCount = all.filter { $0.isOverdue(at: now) }.count
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
