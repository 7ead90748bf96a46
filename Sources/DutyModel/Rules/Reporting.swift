import Foundation

/// Which report a deadline is for.
public enum DeadlineKind: Hashable, Sendable, CustomStringConvertible {
    case initialPhone
    case initialWritten
    /// 续报 n, numbered 1, 2, … in order of due time.
    case followUp(Int)
    case final

    var order: Int {
        switch self {
        case .initialPhone: return 0
        case .initialWritten: return 1
        case .followUp: return 2
        case .final: return 3
        }
    }

    /// `initial_phone`, `initial_written`, `follow_up_2`, `final`.
    public var description: String {
        switch self {
        case .initialPhone: return "initial_phone"
        case .initialWritten: return "initial_written"
        case .followUp(let n): return "follow_up_\(n)"
        case .final: return "final"
        }
    }

    public var chinese: String {
        switch self {
        case .initialPhone: return "电话初报"
        case .initialWritten: return "书面初报"
        case .followUp(let n): return "续报\(chineseOrdinal(n))"
        case .final: return "终报"
        }
    }
}

/// 1 → 一, 12 → 十二, 23 → 二十三; beyond 99, digits.
func chineseOrdinal(_ n: Int) -> String {
    let digits = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"]
    switch n {
    case 0..<10: return digits[n]
    case 10..<20: return "十" + (n == 10 ? "" : digits[n - 10])
    case 20..<100: return digits[n / 10] + "十" + (n % 10 == 0 ? "" : digits[n % 10])
    default: return "\(n)"
    }
}

/// A report that is due: when, and when it was made (nil while outstanding).
public struct Deadline: Hashable, Sendable {
    public var kind: DeadlineKind
    public var due: Date
    public var fulfilledAt: Date?

    public init(kind: DeadlineKind, due: Date, fulfilledAt: Date? = nil) {
        self.kind = kind
        self.due = due
        self.fulfilledAt = fulfilledAt
    }

    public var isFulfilled: Bool { fulfilledAt != nil }

    /// Not yet made and `now` is past the due time (exactly at due is not overdue).
    public func isOverdue(at now: Date) -> Bool {
        fulfilledAt == nil && now > due
    }

    /// Made, but after it was due.
    public var wasLate: Bool {
        guard let fulfilledAt else { return false }
        return fulfilledAt > due
    }

    /// The earliest outstanding deadline.
    public static func next(in deadlines: [Deadline]) -> Deadline? {
        deadlines.filter { $0.fulfilledAt == nil }.min { ($0.due, $0.kind.order) < ($1.due, $1.kind.order) }
    }
}

/// The report clock of one grade (reporting.toml).
public struct ReportClock: Hashable, Sendable {
    /// Initial phone report, from the time the report was received.
    public var phone: TimeInterval
    /// Initial written report, from the same time; also the window for a
    /// follow-up after a change.
    public var written: TimeInterval
    /// Daily slots (station time) before which a follow-up is due. Sorted.
    public var followUpAt: [TimeOfDay]
    /// Whether each change needs its own follow-up.
    public var followUpOnChange: Bool

    public init(phone: TimeInterval, written: TimeInterval, followUpAt: [TimeOfDay] = [], followUpOnChange: Bool = false) {
        self.phone = phone
        self.written = written
        self.followUpAt = followUpAt.sorted()
        self.followUpOnChange = followUpOnChange
    }
}

/// Report clocks (reporting.toml, DOMAIN.md §2.3).
public struct ReportingRules: Hashable, Sendable {
    public var grades: [Grade: ReportClock]
    /// For 未定级 (ungraded) incidents.
    public var ungraded: ReportClock
    /// The final report is due this long after the status reaches `ended`.
    public var finalWithin: TimeInterval
    /// An enterprise reports to the county within this (reference).
    public var enterpriseWithin: TimeInterval?
    /// Each level reports on to the next within this (reference).
    public var escalateWithin: TimeInterval?
    /// A supplementary report (补报) is due if casualties change within this.
    public var supplementaryWithin: TimeInterval?
    /// Shorter supplementary windows for some types (and their sub-types).
    public var supplementaryWithinByType: [String: TimeInterval]
    /// type id → parent type id (from the taxonomy).
    public var parents: [String: String]

    public init(grades: [Grade: ReportClock], ungraded: ReportClock, finalWithin: TimeInterval,
                enterpriseWithin: TimeInterval? = nil, escalateWithin: TimeInterval? = nil,
                supplementaryWithin: TimeInterval? = nil, supplementaryWithinByType: [String: TimeInterval] = [:],
                parents: [String: String] = [:]) {
        self.grades = grades
        self.ungraded = ungraded
        self.finalWithin = finalWithin
        self.enterpriseWithin = enterpriseWithin
        self.escalateWithin = escalateWithin
        self.supplementaryWithin = supplementaryWithin
        self.supplementaryWithinByType = supplementaryWithinByType
        self.parents = parents
    }

    /// The clock of `grade`; nil means ungraded.
    public func clock(for grade: Grade?) -> ReportClock {
        guard let grade else { return ungraded }
        return grades[grade] ?? ungraded
    }

    /// How long after the event a change in casualties still needs a 补报.
    public func supplementaryWindow(type: String) -> TimeInterval? {
        var key: String? = type
        var visited: Set<String> = []
        while let k = key, visited.insert(k).inserted {
            if let w = supplementaryWithinByType[k] { return w }
            key = parents[k]
        }
        return supplementaryWithin
    }

    /// The earliest outstanding deadline.
    public func next(_ deadlines: [Deadline]) -> Deadline? {
        Deadline.next(in: deadlines)
    }

    /// Every report deadline that exists by `now`, made or not, sorted by due time.
    ///
    /// - Initial phone and written reports are due from `receivedAt`; the first
    ///   initial report of any channel counts for the phone one, the first
    ///   written one for the written one.
    /// - Scheduled follow-ups (grades with `follow_up_at`): the first slot after
    ///   the written initial report, then each following slot, while the
    ///   incident has not ended (a slot at or after `endedAt` is not owed). A
    ///   slot exists once the previous slot (or the initial report) has passed,
    ///   so the upcoming one is always listed. The first written follow-up (or
    ///   final) report made after the previous slot counts for the slot; made
    ///   after the slot, it counts late.
    /// - Follow-ups on change (grades with `follow_up_on_change`): each change
    ///   after the written initial report and before `endedAt` is due within the
    ///   grade's `written` time; further changes before that follow-up is made
    ///   share it. The first written follow-up or final report at or after the
    ///   change counts.
    /// - Until the written initial report is made there are no follow-ups: the
    ///   initial report covers everything up to then.
    /// - The final report is due `finalWithin` after `endedAt`; the first
    ///   written final report counts.
    ///
    /// The caller passes the *current* grade (nil = ungraded); deadlines are
    /// recomputed from scratch, so a new grade moves every deadline not yet met.
    public func deadlines(grade: Grade?, receivedAt: Date, reports: [ReportMade], changes: [Date],
                          endedAt: Date?, now: Date, timeZone: TimeZone) -> [Deadline] {
        let clock = clock(for: grade)
        let initials = reports.filter { $0.kind == .initial }.map(\.at).sorted()
        let writtenInitials = reports.filter { $0.kind == .initial && $0.channel == .written }.map(\.at).sorted()
        var result = [
            Deadline(kind: .initialPhone, due: receivedAt + clock.phone, fulfilledAt: initials.first),
            Deadline(kind: .initialWritten, due: receivedAt + clock.written, fulfilledAt: writtenInitials.first),
        ]

        // Written follow-ups and finals, in time order.
        let later = reports.filter { r in
            guard r.channel == .written else { return false }
            switch r.kind {
            case .followUp, .final: return true
            case .initial: return false
            }
        }.map(\.at).sorted()
        func firstReport(after start: Date, inclusive: Bool) -> Date? {
            // Binary search: the first report at (or after) `start`.
            var low = 0, high = later.count
            while low < high {
                let mid = (low + high) / 2
                if inclusive ? later[mid] < start : later[mid] <= start { low = mid + 1 } else { high = mid }
            }
            return low < later.count ? later[low] : nil
        }

        var followUps: [(due: Date, fulfilledAt: Date?)] = []
        if let anchor = writtenInitials.first {
            if !clock.followUpAt.isEmpty {
                // Walk day by day from the anchor's day: each slot after the
                // previous one (or the anchor) is owed; stop after the first
                // slot beyond `now` (the upcoming one) or at the end.
                let calendar = stationCalendar(timeZone)
                var day = calendar.startOfDay(for: anchor)
                var windowStart = anchor
                var first = true
                var days = 0
                scheduling: while windowStart <= now, days < 36_600 {
                    for slot in Self.slots(on: day, clock.followUpAt, calendar) where slot > windowStart {
                        if let endedAt, slot >= endedAt { break scheduling }
                        followUps.append((slot, firstReport(after: windowStart, inclusive: first)))
                        windowStart = slot
                        first = false
                        if windowStart > now { break scheduling }
                    }
                    guard let nextDay = calendar.date(byAdding: .day, value: 1, to: day) else { break }
                    day = nextDay
                    days += 1
                }
            }
            if clock.followUpOnChange {
                var open: Date? = nil  // start of the latest change follow-up
                for change in changes.sorted() where change > anchor && change <= now {
                    if let endedAt, change >= endedAt { continue }
                    if let start = open {
                        let made = firstReport(after: start, inclusive: true)
                        if made == nil || made! > change { continue }  // still pending: shares it
                    }
                    followUps.append((change + clock.written, firstReport(after: change, inclusive: true)))
                    open = change
                }
            }
        }
        followUps.sort { $0.due < $1.due }
        for (i, f) in followUps.enumerated() {
            result.append(Deadline(kind: .followUp(i + 1), due: f.due, fulfilledAt: f.fulfilledAt))
        }

        if let endedAt {
            let finals = reports.filter { $0.kind == .final && $0.channel == .written }.map(\.at).sorted()
            result.append(Deadline(kind: .final, due: endedAt + finalWithin, fulfilledAt: finals.first))
        }
        return result.enumerated().sorted {
            ($0.element.due, $0.element.kind.order, $0.offset) < ($1.element.due, $1.element.kind.order, $1.offset)
        }.map(\.element)
    }

    /// The instants of the daily `slots` on the calendar day starting at `day`.
    static func slots(on day: Date, _ slots: [TimeOfDay], _ calendar: Calendar) -> [Date] {
        let ymd = calendar.dateComponents([.year, .month, .day], from: day)
        return slots.sorted().compactMap { slot in
            var c = ymd
            c.hour = slot.hour
            c.minute = slot.minute
            c.second = 0
            return calendar.date(from: c)
        }
    }

    /// The first of the daily `slots` (in `timeZone`) strictly after `instant`.
    public static func nextSlot(after instant: Date, slots: [TimeOfDay], timeZone: TimeZone) -> Date? {
        guard !slots.isEmpty else { return nil }
        let calendar = stationCalendar(timeZone)
        let day = calendar.startOfDay(for: instant)
        for offset in 0...2 {
            guard let d = calendar.date(byAdding: .day, value: offset, to: day) else { continue }
            if let t = Self.slots(on: d, slots, calendar).first(where: { $0 > instant }) { return t }
        }
        return nil
    }

    static func parse(_ root: TableReader, taxonomy: Taxonomy) throws -> ReportingRules {
        try root.checkKeys(["final_within", "grades", "ungraded", "other"])
        func clock(_ t: TableReader) throws -> ReportClock {
            try t.checkKeys(["phone", "written", "follow_up_at", "follow_up_on_change"])
            let phone = try t.duration("phone")
            let written = try t.duration("written")
            guard phone <= written else {
                throw t.problem("phone", "\(RuleDuration.format(phone)) is later than the written report (\(RuleDuration.format(written))); the phone report comes first")
            }
            return ReportClock(phone: phone, written: written,
                               followUpAt: t.has("follow_up_at") ? try t.timesOfDay("follow_up_at") : [],
                               followUpOnChange: t.has("follow_up_on_change") ? try t.bool("follow_up_on_change") : false)
        }
        let gradesTable = try root.subtable("grades")
        try gradesTable.checkKeys(Grade.allCases.map(\.rawValue))
        var grades: [Grade: ReportClock] = [:]
        for grade in Grade.allCases {
            guard gradesTable.has(grade.rawValue) else { throw gradesTable.problem(nil, "missing [grades.\(grade.rawValue)]") }
            grades[grade] = try clock(gradesTable.subtable(grade.rawValue))
        }
        let ungraded = try clock(root.subtable("ungraded"))
        var rules = ReportingRules(grades: grades, ungraded: ungraded, finalWithin: try root.duration("final_within"),
                                   parents: taxonomy.parents)
        if root.has("other") {
            let other = try root.subtable("other")
            try other.checkKeys(["enterprise_within", "escalate_within", "supplementary_within", "supplementary_within_by_type"])
            if other.has("enterprise_within") { rules.enterpriseWithin = try other.duration("enterprise_within") }
            if other.has("escalate_within") { rules.escalateWithin = try other.duration("escalate_within") }
            if other.has("supplementary_within") { rules.supplementaryWithin = try other.duration("supplementary_within") }
            if other.has("supplementary_within_by_type") {
                let byType = try other.subtable("supplementary_within_by_type")
                for key in byType.keys {
                    guard taxonomy.type(key) != nil else {
                        throw byType.problem(key, "\"\(key)\" is not a type id in taxonomy.toml")
                    }
                    rules.supplementaryWithinByType[key] = try byType.duration(key)
                }
            }
        }
        return rules
    }
}

/// A Gregorian calendar in the station's time zone (never the machine's).
func stationCalendar(_ timeZone: TimeZone) -> Calendar {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = timeZone
    calendar.locale = Locale(identifier: "en_US_POSIX")
    return calendar
}
