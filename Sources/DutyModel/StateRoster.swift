import Foundation

extension DutyState {
    /// The folded shift pattern, daily 08:30 when none was set.
    public var pattern: ShiftPattern { shiftPattern.value.flatMap { try? ShiftPattern($0) } ?? .daily0830 }

    /// The roster as the rules see it: the folded shift pattern (daily 08:30
    /// when none was set) and every assignment.
    public func roster(timeZone: TimeZone) -> Roster {
        let pattern = self.pattern
        let entries = roster.values.compactMap(\.value).map(RosterEntry.init)
            .sorted { ($0.date, $0.shiftIndex) < ($1.date, $1.shiftIndex) }
        return Roster(pattern: pattern, timeZone: timeZone, entries: entries)
    }

    /// What the rules find wrong with one shift (nobody rostered, no leader,
    /// too few officers), without building the whole roster.
    public func violations(for slot: ShiftSlot, timeZone: TimeZone) -> [ShiftViolation] {
        Roster(pattern: pattern, timeZone: timeZone, entries: assignment(for: slot).map { [RosterEntry($0)] } ?? []).violations(for: slot)
    }
}

extension RosterEntry {
    /// A folded assignment as the rules see it.
    public init(_ a: RosterAssignment) {
        self.init(date: a.date, shiftIndex: a.shiftIndex,
                  leaders: a.leaders.map { RosterLeader(tier: $0.tier, name: $0.name) },
                  officers: a.officers.map { RosterOfficer(name: $0.name, backup: $0.backup.isEmpty ? nil : $0.backup) })
    }
}

extension RosterAssignment {
    /// Leaders with a name, tier 1 first.
    public var leadersByTier: [LeaderOnDuty] { leaders.filter { !$0.name.isEmpty }.sorted { $0.tier < $1.tier } }
    /// Officers with a name, in roster order.
    public var namedOfficers: [Officer] { officers.filter { !$0.name.isEmpty } }
}
