import Foundation

/// A shift pattern string that does not parse.
public struct ShiftPatternError: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

/// When shifts change each day (DOMAIN.md §1): `["08:30"]` is one 24-hour
/// shift, `["08:30", "17:30"]` a day shift and a night shift. Shift `index` 0
/// starts at the earliest change time of the day.
public struct ShiftPattern: Hashable, Sendable, CustomStringConvertible {
    /// Sorted, distinct, at least one.
    public private(set) var changeTimes: [TimeOfDay]

    public init(changeTimes: [TimeOfDay]) throws(ShiftPatternError) {
        guard !changeTimes.isEmpty else { throw ShiftPatternError(message: "a shift pattern needs at least one change time") }
        guard Set(changeTimes).count == changeTimes.count else {
            throw ShiftPatternError(message: "a change time is listed twice")
        }
        self.changeTimes = changeTimes.sorted()
    }

    /// From "HH:MM" strings, e.g. `try ShiftPattern(["08:30", "17:30"])`.
    public init(_ times: [String]) throws(ShiftPatternError) {
        var parsed: [TimeOfDay] = []
        for s in times {
            guard let t = TimeOfDay(s) else {
                throw ShiftPatternError(message: "\"\(s)\" is not a time of day like 08:30")
            }
            parsed.append(t)
        }
        try self.init(changeTimes: parsed)
    }

    public static func parse(_ times: [String]) -> Result<ShiftPattern, ShiftPatternError> {
        Result { () throws(ShiftPatternError) -> ShiftPattern in try ShiftPattern(times) }
    }

    /// One 24-hour shift changing at 08:30.
    public static let daily0830 = ShiftPattern(uncheckedTimes: [TimeOfDay(hour: 8, minute: 30)!])
    /// Day shift 08:30–17:30, night shift 17:30–08:30.
    public static let dayNight0830 = ShiftPattern(uncheckedTimes: [TimeOfDay(hour: 8, minute: 30)!, TimeOfDay(hour: 17, minute: 30)!])

    private init(uncheckedTimes: [TimeOfDay]) { changeTimes = uncheckedTimes }

    public var shiftsPerDay: Int { changeTimes.count }

    /// "08:30" or "08:30, 17:30".
    public var description: String { changeTimes.map(\.description).joined(separator: ", ") }

    /// The shift running at `instant` in the station's time zone.
    public func slot(at instant: Date, timeZone: TimeZone) -> ShiftSlot {
        let calendar = stationCalendar(timeZone)
        let today = calendar.startOfDay(for: instant)
        for offset in 0...3 {
            guard let day = calendar.date(byAdding: .day, value: -offset, to: today) else { continue }
            for index in changeTimes.indices.reversed() {
                if let start = start(of: day, index: index, calendar: calendar), start <= instant {
                    return slot(day: day, index: index, calendar: calendar)
                }
            }
        }
        // Unreachable with a sane calendar; keep a total function.
        return slot(day: today, index: 0, calendar: calendar)
    }

    /// The shift of `date` ("yyyy-MM-dd", the day it starts) and `index`.
    public func slot(date: String, index: Int, timeZone: TimeZone) -> ShiftSlot? {
        guard changeTimes.indices.contains(index), let (y, m, d) = parseDay(date) else { return nil }
        let calendar = stationCalendar(timeZone)
        guard let day = calendar.date(from: DateComponents(year: y, month: m, day: d)) else { return nil }
        let back = calendar.dateComponents([.year, .month, .day], from: day)
        guard back.year == y, back.month == m, back.day == d else { return nil }  // e.g. 2026-02-30
        return slot(day: day, index: index, calendar: calendar)
    }

    /// The shift after `slot`.
    public func next(after slot: ShiftSlot, timeZone: TimeZone) -> ShiftSlot {
        self.slot(at: slot.end, timeZone: timeZone)
    }

    /// The shift before `slot`.
    public func previous(before slot: ShiftSlot, timeZone: TimeZone) -> ShiftSlot {
        self.slot(at: slot.start.addingTimeInterval(-1), timeZone: timeZone)
    }

    private func start(of day: Date, index: Int, calendar: Calendar) -> Date? {
        var c = calendar.dateComponents([.year, .month, .day], from: day)
        c.hour = changeTimes[index].hour
        c.minute = changeTimes[index].minute
        c.second = 0
        return calendar.date(from: c)
    }

    private func slot(day: Date, index: Int, calendar: Calendar) -> ShiftSlot {
        let start = start(of: day, index: index, calendar: calendar)!
        let end: Date
        if index + 1 < changeTimes.count {
            end = self.start(of: day, index: index + 1, calendar: calendar)!
        } else {
            let tomorrow = calendar.date(byAdding: .day, value: 1, to: day)!
            end = self.start(of: tomorrow, index: 0, calendar: calendar)!
        }
        let c = calendar.dateComponents([.year, .month, .day], from: day)
        return ShiftSlot(start: start, end: end, index: index, date: formatDay(c.year!, c.month!, c.day!))
    }
}

func formatDay(_ y: Int, _ m: Int, _ d: Int) -> String {
    func pad(_ n: Int, _ width: Int) -> String {
        let s = String(n)
        return String(repeating: "0", count: max(0, width - s.count)) + s
    }
    return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))"
}

func parseDay(_ text: String) -> (Int, Int, Int)? {
    let parts = text.split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
          parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
          let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
          (1...12).contains(m), (1...31).contains(d) else { return nil }
    return (y, m, d)
}

/// One shift: from `start` (inclusive) to `end` (exclusive).
public struct ShiftSlot: Hashable, Sendable, CustomStringConvertible {
    public var start: Date
    public var end: Date
    /// 0 for the first shift of the day (the day shift), 1 for the next …
    public var index: Int
    /// The station-calendar day the shift starts, "yyyy-MM-dd".
    public var date: String

    public init(start: Date, end: Date, index: Int, date: String) {
        self.start = start
        self.end = end
        self.index = index
        self.date = date
    }

    public func contains(_ instant: Date) -> Bool { start <= instant && instant < end }

    public var description: String { "\(date)#\(index)" }
}

/// A leader on duty (带班领导); tier 1 bureau leader, 2 section chief.
public struct RosterLeader: Hashable, Sendable {
    public var tier: Int
    public var name: String

    public init(tier: Int, name: String) {
        self.tier = tier
        self.name = name
    }
}

/// A duty officer (值班员) and the B角 to call when they cannot be reached.
public struct RosterOfficer: Hashable, Sendable {
    public var name: String
    public var backup: String?

    public init(name: String, backup: String? = nil) {
        self.name = name
        self.backup = backup
    }
}

/// Who is rostered on one shift.
public struct RosterEntry: Hashable, Sendable {
    /// The station-calendar day the shift starts, "yyyy-MM-dd".
    public var date: String
    public var shiftIndex: Int
    public var leaders: [RosterLeader]
    public var officers: [RosterOfficer]

    public init(date: String, shiftIndex: Int = 0, leaders: [RosterLeader] = [], officers: [RosterOfficer] = []) {
        self.date = date
        self.shiftIndex = shiftIndex
        self.leaders = leaders
        self.officers = officers
    }

    /// Distinct, non-blank officer names in roster order.
    public var officerNames: [String] {
        var seen: Set<String> = []
        return officers.map { $0.name.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty && seen.insert($0).inserted }
    }

    /// Non-blank leader names, tier 1 first.
    public var leaderNames: [String] {
        leaders.filter { !$0.name.trimmingCharacters(in: .whitespaces).isEmpty }
            .sorted { $0.tier < $1.tier }.map(\.name)
    }
}

/// Something wrong with a shift's roster (DOMAIN.md §1: 两级领导带班, 24小时双人值班).
public enum ShiftViolation: Hashable, Sendable, CustomStringConvertible {
    case nobodyRostered(ShiftSlot)
    case noLeader(ShiftSlot)
    case tooFewOfficers(ShiftSlot, count: Int, required: Int)

    public var slot: ShiftSlot {
        switch self {
        case .nobodyRostered(let s), .noLeader(let s), .tooFewOfficers(let s, _, _): return s
        }
    }

    public var description: String {
        switch self {
        case .nobodyRostered(let s): return "shift \(s): nobody is rostered"
        case .noLeader(let s): return "shift \(s): no leader on duty"
        case .tooFewOfficers(let s, let n, let r):
            return "shift \(s): \(n) duty officer\(n == 1 ? "" : "s"), at least \(r) required"
        }
    }

    public var chinese: String {
        switch self {
        case .nobodyRostered(let s): return "\(s.date) 第\(s.index + 1)班：未排班"
        case .noLeader(let s): return "\(s.date) 第\(s.index + 1)班：无带班领导"
        case .tooFewOfficers(let s, let n, let r): return "\(s.date) 第\(s.index + 1)班：值班员\(n)人，至少需要\(r)人"
        }
    }
}

/// The duty roster with its shift pattern, in the station's time zone.
public struct Roster: Hashable, Sendable {
    public var pattern: ShiftPattern
    public var timeZone: TimeZone
    /// For the same shift a later entry replaces an earlier one.
    public var entries: [RosterEntry]
    /// Fewer officers on a shift is a violation ("24小时双人值班").
    public var minimumOfficers: Int

    public init(pattern: ShiftPattern, timeZone: TimeZone = DutyTime.defaultTimeZone, entries: [RosterEntry] = [], minimumOfficers: Int = 2) {
        self.pattern = pattern
        self.timeZone = timeZone
        self.entries = entries
        self.minimumOfficers = minimumOfficers
    }

    /// The shift running at `instant` under this roster's pattern and time zone.
    public func shift(at instant: Date) -> ShiftSlot {
        pattern.slot(at: instant, timeZone: timeZone)
    }

    /// The shift running at `instant` under another pattern or time zone.
    public func shift(at instant: Date, pattern: ShiftPattern, timeZone: TimeZone) -> ShiftSlot {
        pattern.slot(at: instant, timeZone: timeZone)
    }

    /// The shift after `slot`.
    public func next(after slot: ShiftSlot) -> ShiftSlot {
        pattern.next(after: slot, timeZone: timeZone)
    }

    /// The first shift that starts after `instant`.
    public func next(after instant: Date) -> ShiftSlot {
        next(after: shift(at: instant))
    }

    /// The next shift change strictly after `instant` (交接班).
    public func handoverTime(after instant: Date) -> Date {
        shift(at: instant).end
    }

    public func entry(for slot: ShiftSlot) -> RosterEntry? {
        entries.last { $0.date == slot.date && $0.shiftIndex == slot.index }
    }

    /// Who is rostered for the shift running at `instant`.
    public func onDuty(at instant: Date) -> RosterEntry? {
        entry(for: shift(at: instant))
    }

    /// What is wrong with the shift running at `instant`.
    public func violations(at instant: Date) -> [ShiftViolation] {
        violations(for: shift(at: instant))
    }

    public func violations(for slot: ShiftSlot) -> [ShiftViolation] {
        guard let e = entry(for: slot), !(e.leaderNames.isEmpty && e.officerNames.isEmpty) else {
            return [.nobodyRostered(slot)]
        }
        var out: [ShiftViolation] = []
        if e.leaderNames.isEmpty { out.append(.noLeader(slot)) }
        if e.officerNames.count < minimumOfficers {
            out.append(.tooFewOfficers(slot, count: e.officerNames.count, required: minimumOfficers))
        }
        return out
    }
}
