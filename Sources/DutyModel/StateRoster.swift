import Foundation

extension DutyState {
    /// The folded shift pattern, daily 08:30 when none was set.
    public var pattern: ShiftPattern { shiftPattern.value.flatMap { try? ShiftPattern($0) } ?? .daily0830 }

    /// The roster as the rules see it: the folded shift pattern (daily 08:30
    /// when none was set) and every assignment.
    public func roster(timeZone: TimeZone) -> Roster {
        let pattern = self.pattern
        let entries = roster.values.compactMap(\.value).map { a in
            RosterEntry(date: a.date, shiftIndex: a.shiftIndex,
                        leaders: a.leaders.map { RosterLeader(tier: $0.tier, name: $0.name) },
                        officers: a.officers.map { RosterOfficer(name: $0.name, backup: $0.backup.isEmpty ? nil : $0.backup) })
        }.sorted { ($0.date, $0.shiftIndex) < ($1.date, $1.shiftIndex) }
        return Roster(pattern: pattern, timeZone: timeZone, entries: entries)
    }
}
