import Foundation

/// Today's numbers for the duty board (DOMAIN.md §1), at one instant.
public struct DayCounters: Hashable, Sendable {
    /// Incidents received since 00:00 of the station's calendar day.
    public var receivedToday = 0
    /// Incidents open now, whenever they were received: an open one from
    /// yesterday still needs the room's attention.
    public var open = 0
    /// Reports not yet made, due within the next hour and not yet overdue.
    public var dueWithinHour = 0
    /// Reports not made by their deadline.
    public var overdue = 0
    /// Reports not yet made and not yet overdue, whenever due.
    public var due = 0
    /// When the next of those falls due.
    public var nextDue: Date?
    /// Warnings in force by colour (exercises and tests left out).
    public var warnings: [WarningColor: Int] = [:]
    /// Teams out on a dispatch.
    public var resourcesOut = 0

    public init() {}
}

extension DutyState {
    /// The folded assignment of one shift, if rostered.
    public func assignment(for slot: ShiftSlot) -> RosterAssignment? {
        roster["\(slot.date)#\(slot.index)"]?.value
    }

    /// The newest check-in for `slot`; with `station`, only that station's
    /// (each console's operator is chosen at its own station).
    public func checkIn(for slot: ShiftSlot, station: String? = nil) -> CheckIn? {
        checkIns.values.filter { $0.date == slot.date && $0.shiftIndex == slot.index && (station == nil || $0.stamp.station == station) }
            .max { $0.stamp < $1.stamp }
    }

    /// The contact a roster line points at: by id, else by a unique name.
    public func contact(id: String, name: String) -> ContactInfo? {
        if !id.isEmpty, let c = contacts[id]?.value { return c }
        let matches = contacts.values.compactMap(\.value).filter { $0.name == name }
        return matches.count == 1 ? matches[0] : nil
    }

    /// Incidents received in each hour of the day starting at `dayStart` (24 values;
    /// on a daylight-saving day the hours are still counted from `dayStart`).
    public func incidentsPerHour(dayStart: Date) -> [Int] {
        var counts = Array(repeating: 0, count: 24)
        for incident in incidents.values {
            guard let at = incident.receivedAt else { continue }
            let hour = Int(floor(at.timeIntervalSince(dayStart) / 3600))
            if (0..<24).contains(hour) { counts[hour] += 1 }
        }
        return counts
    }

    public func dayCounters(now: Date, rules: RuleBook, timeZone: TimeZone) -> DayCounters {
        // One summary at a time, in no order: counting needs neither the list nor its sort (a million-record station has 50,000 incidents).
        dayCounters(summaries: incidents.values.lazy.map { IncidentSummary($0, rules: rules, now: now, timeZone: timeZone) },
                    now: now, timeZone: timeZone)
    }

    /// The counters from summaries already made at `now` (a frame makes them once),
    /// and the warning chains when the caller keeps them (see `warningChains()`).
    public func dayCounters(summaries: some Sequence<IncidentSummary>, now: Date, timeZone: TimeZone,
                            warningChains: [[WarningInfo]]? = nil) -> DayCounters {
        var counters = DayCounters()
        let dayStart = stationCalendar(timeZone).startOfDay(for: now)
        let hourAhead = now.addingTimeInterval(3600)
        for summary in summaries {
            if let at = summary.receivedAt, at >= dayStart, at <= now { counters.receivedToday += 1 }
            if summary.isOpen { counters.open += 1 }
            for deadline in summary.deadlines where deadline.fulfilledAt == nil {
                if deadline.isOverdue(at: now) {
                    counters.overdue += 1
                    continue
                }
                counters.due += 1
                if deadline.due <= hourAhead { counters.dueWithinHour += 1 }
                if counters.nextDue.map({ deadline.due < $0 }) ?? true { counters.nextDue = deadline.due }
            }
        }
        for warning in activeWarnings(now: now, chains: warningChains) {
            if let colour = warning.color { counters.warnings[colour, default: 0] += 1 }
        }
        counters.resourcesOut = teams.values.filter { ["dispatched", "on_scene", "returning"].contains($0.status.value?.status ?? "") }.count
        return counters
    }

    /// The highest response level declared on the incidents `ids` (Ⅰ is highest), for emergency mode.
    public func highestResponseLevel(of ids: [String]) -> String? {
        ids.compactMap { incidents[$0]?.grade.value?.responseLevel }.filter { !$0.isEmpty }
            .min { Self.responseRank($0) < Self.responseRank($1) }
    }

    /// 1 for I / Ⅰ / 一级 … 4 for IV; unknown text ranks last.
    static func responseRank(_ level: String) -> Int {
        let text = level.replacingOccurrences(of: "级", with: "").trimmingCharacters(in: .whitespaces).uppercased()
        let names = [["I", "Ⅰ", "一", "1"], ["II", "Ⅱ", "二", "2"], ["III", "Ⅲ", "三", "3"], ["IV", "Ⅳ", "四", "4"]]
        return (names.firstIndex { $0.contains(text) } ?? 9) + 1
    }
}
