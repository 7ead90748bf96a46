import Foundation

/// Which report a deadline is for.
public enum DeadlineKind: Hashable, Sendable, CustomStringConvertible {
    case initialPhone
    case initialWritten
    /// 续报 n, numbered 1, 2, … in order of due time.
    case followUp(Int)
    case final
    /// 补报 n: casualties changed after the final report (Decree 493 Art. 13).
    case supplementary(Int)

    var order: Int {
        switch self {
        case .initialPhone: return 0
        case .initialWritten: return 1
        case .followUp: return 2
        case .final: return 3
        case .supplementary: return 4
        }
    }

    /// `initial_phone`, `initial_written`, `follow_up_2`, `final`.
    public var description: String {
        switch self {
        case .initialPhone: return "initial_phone"
        case .initialWritten: return "initial_written"
        case .followUp(let n): return "follow_up_\(n)"
        case .final: return "final"
        case .supplementary(let n): return "supplementary_\(n)"
        }
    }

    public var chinese: String {
        switch self {
        case .initialPhone: return "电话初报"
        case .initialWritten: return "书面初报"
        case .followUp(let n): return "续报\(chineseOrdinal(n))"
        case .final: return "终报"
        case .supplementary(let n): return n == 1 ? "补报" : "补报\(chineseOrdinal(n))"
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
    /// Initial phone report, from the time the report was received (or, with
    /// `countFromOccurrence`, from the time the incident happened).
    public var phone: TimeInterval
    /// Initial written report, from the same time.
    public var written: TimeInterval
    /// Daily slots (station time) before which a follow-up is due. Sorted.
    public var followUpAt: [TimeOfDay]
    /// A change (figures, grade, status) of an open incident needs its own
    /// written follow-up within this; also the window of a 补报.
    public var followUpOnChange: TimeInterval
    /// Whether the initial clocks count from `occurred_at` (when known).
    public var countFromOccurrence: Bool

    public init(phone: TimeInterval, written: TimeInterval, followUpAt: [TimeOfDay] = [],
                followUpOnChange: TimeInterval? = nil, countFromOccurrence: Bool = false) {
        self.phone = phone
        self.written = written
        self.followUpAt = followUpAt.sorted()
        self.followUpOnChange = followUpOnChange ?? written
        self.countFromOccurrence = countFromOccurrence
    }

    /// The stricter of two clocks, field by field (a sensitive event's clock
    /// over its grade's): shorter times, every slot of either.
    public func strictest(_ other: ReportClock?) -> ReportClock {
        guard let other else { return self }
        return ReportClock(phone: min(phone, other.phone), written: min(written, other.written),
                           followUpAt: Array(Set(followUpAt + other.followUpAt)),
                           followUpOnChange: min(followUpOnChange, other.followUpOnChange),
                           countFromOccurrence: countFromOccurrence || other.countFromOccurrence)
    }
}

/// Which clock applied from when: the grade the clocks ran on (nil =
/// ungraded) and whether the incident was marked sensitive, from `at`.
public struct ClockStep: Hashable, Sendable {
    public var at: Date
    public var grade: Grade?
    public var sensitive: Bool
    public init(at: Date, grade: Grade?, sensitive: Bool = false) {
        self.at = at
        self.grade = grade
        self.sensitive = sensitive
    }
}

/// Everything about one incident the clocks read.
public struct ClockInputs: Hashable, Sendable {
    public var receivedAt: Date
    public var occurredAt: Date?
    /// In time order; the first is the clock at receipt (its `at` is ignored).
    public var steps: [ClockStep]
    public var reports: [ReportMade]
    /// Changes after intake that call for a follow-up (figures, grade, status).
    public var changes: [Date]
    /// Changes of the people counts (deaths, missing, injured), for 补报.
    public var casualtyChanges: [Date]
    public var endedAt: Date?
    /// A closed incident owes only 补报.
    public var closed: Bool
    public var type: String

    public init(receivedAt: Date, occurredAt: Date? = nil, steps: [ClockStep], reports: [ReportMade] = [],
                changes: [Date] = [], casualtyChanges: [Date] = [], endedAt: Date? = nil, closed: Bool = false, type: String = "") {
        self.receivedAt = receivedAt
        self.occurredAt = occurredAt
        self.steps = steps
        self.reports = reports
        self.changes = changes
        self.casualtyChanges = casualtyChanges
        self.endedAt = endedAt
        self.closed = closed
        self.type = type
    }
}

/// Report clocks (reporting.toml, DOMAIN.md §2.3).
public struct ReportingRules: Hashable, Sendable {
    public var grades: [Grade: ReportClock]
    /// For 未定级 (ungraded) incidents.
    public var ungraded: ReportClock
    /// A sensitive event (敏感事件) runs on at least this clock whatever its grade.
    public var sensitive: ReportClock?
    /// The final report is due this long after the status reaches `ended`.
    public var finalWithin: TimeInterval
    /// An enterprise reports an accident to the county within this of its
    /// occurrence (Decree 493 Art. 9): a later receipt is flagged.
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
                parents: [String: String] = [:], sensitive: ReportClock? = nil) {
        self.grades = grades
        self.ungraded = ungraded
        self.finalWithin = finalWithin
        self.enterpriseWithin = enterpriseWithin
        self.escalateWithin = escalateWithin
        self.supplementaryWithin = supplementaryWithin
        self.supplementaryWithinByType = supplementaryWithinByType
        self.parents = parents
        self.sensitive = sensitive
    }

    /// The clock of `grade`; nil means ungraded.
    public func clock(for grade: Grade?) -> ReportClock {
        guard let grade else { return ungraded }
        return grades[grade] ?? ungraded
    }

    /// The clock of a step: its grade's, tightened by the sensitive clock.
    public func clock(for step: ClockStep) -> ReportClock {
        clock(for: step.grade).strictest(step.sensitive ? sensitive : nil)
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

    /// Deadlines for an incident whose clock never changed (the intake form's
    /// preview, and callers with one grade).
    public func deadlines(grade: Grade?, receivedAt: Date, reports: [ReportMade], changes: [Date],
                          endedAt: Date?, now: Date, timeZone: TimeZone) -> [Deadline] {
        deadlines(ClockInputs(receivedAt: receivedAt, steps: [ClockStep(at: receivedAt, grade: grade)], reports: reports,
                              changes: changes, endedAt: endedAt), now: now, timeZone: timeZone)
    }

    /// Every report deadline that exists by `now`, made or not, sorted by due time.
    ///
    /// - Initial phone and written reports are due from `receivedAt` (or
    ///   `occurredAt` where the clock counts from occurrence); the first
    ///   initial report of any channel counts for the phone one, the first
    ///   written one for the written one. A written report counts from its
    ///   sign-off (签发).
    /// - A clock change (`steps`: grade, suggestion, sensitive flag) never
    ///   moves a deadline already met or already missed: a stricter clock
    ///   starts from the change (the due time becomes the earlier of the old
    ///   one and change + new time); a laxer one moves a deadline not yet
    ///   passed out to receipt + new time; a deadline that had passed when
    ///   the clock changed keeps its due time, so its lateness stays.
    /// - Scheduled follow-ups: each daily slot after the written initial
    ///   report whose clock (the one in force at the slot) lists it, while
    ///   the incident has not ended; the upcoming one is always listed. The
    ///   first written follow-up (or final) report made after the previous
    ///   slot counts for the slot; made after the slot, it counts late.
    /// - Follow-ups on change, at every grade: each change after the written
    ///   initial report and before `endedAt` is due within the clock's
    ///   `followUpOnChange`; further changes before that follow-up is made
    ///   share it.
    /// - The final report is due `finalWithin` after `endedAt`.
    /// - 补报: a change of the people counts after the final report, within
    ///   the type's window from the event, needs a written report within
    ///   `followUpOnChange`; changes before it is made share it.
    public func deadlines(_ input: ClockInputs, now: Date, timeZone: TimeZone) -> [Deadline] {
        // Only the clock as it stood by `now` (a step stamped ahead, by a peer's clock or for a past
        // handover's `now`, has not happened yet).
        let known = input.steps.enumerated().filter { $0.offset == 0 || $0.element.at <= now }.map(\.element)
        let steps = known.isEmpty ? [ClockStep(at: input.receivedAt, grade: nil)] : known
        let clocks = steps.map { clock(for: $0) }
        func clockAt(_ t: Date) -> ReportClock {
            var index = 0
            for (i, step) in steps.enumerated().dropFirst() where step.at <= t { index = i }
            return clocks[index]
        }
        func anchor(_ c: ReportClock) -> Date {
            if c.countFromOccurrence, let occurred = input.occurredAt, occurred < input.receivedAt { return occurred }
            return input.receivedAt
        }
        let reports = input.reports
        let initials = reports.filter { $0.kind == .initial }.map(\.countsFrom).sorted()
        let writtenInitials = reports.filter { $0.kind == .initial && $0.channel == .written }.map(\.countsFrom).sorted()

        /// The due time of an initial report through every clock change before it was made.
        func initialDue(_ field: KeyPath<ReportClock, TimeInterval>, fulfilled: Date?) -> Date {
            var current = clocks[0][keyPath: field]
            var due = anchor(clocks[0]) + current
            for (step, c) in zip(steps, clocks).dropFirst() {
                if let fulfilled, step.at >= fulfilled { break }
                let time = c[keyPath: field]
                if time < current {
                    due = min(due, step.at + time)
                } else if time > current, due >= step.at {
                    due = max(due, anchor(c) + time)
                }
                current = time
            }
            return due
        }

        // Written reports that can count for a follow-up, 补报 or final, in time order.
        let later = reports.filter { r in
            guard r.channel == .written else { return false }
            switch r.kind {
            case .followUp, .final, .supplementary: return true
            case .initial: return false
            }
        }.map(\.countsFrom).sorted()
        func firstReport(after start: Date, inclusive: Bool, in list: [Date]) -> Date? {
            var low = 0, high = list.count
            while low < high {
                let mid = (low + high) / 2
                if inclusive ? list[mid] < start : list[mid] <= start { low = mid + 1 } else { high = mid }
            }
            return low < list.count ? list[low] : nil
        }

        /// The reports owed for `changes` (up to now): each within its clock's follow-up time, the
        /// first written report at or after it answering; a change made while one is still owed
        /// shares it, and brings it forward when its own clock is stricter.
        func onChange(_ changes: [Date]) -> [(due: Date, fulfilledAt: Date?)] {
            var owed: [(due: Date, fulfilledAt: Date?)] = []
            var openSince: Date? = nil
            for change in changes.sorted() where change <= now {
                let due = change + clockAt(change).followUpOnChange
                if let start = openSince, firstReport(after: start, inclusive: true, in: later).map({ $0 > change }) ?? true {
                    owed[owed.count - 1].due = min(owed[owed.count - 1].due, due)
                    continue
                }
                owed.append((due, firstReport(after: change, inclusive: true, in: later)))
                openSince = change
            }
            return owed
        }

        var result: [Deadline] = []
        if !input.closed {
            result.append(Deadline(kind: .initialPhone, due: initialDue(\.phone, fulfilled: initials.first), fulfilledAt: initials.first))
            result.append(Deadline(kind: .initialWritten, due: initialDue(\.written, fulfilled: writtenInitials.first),
                                   fulfilledAt: writtenInitials.first))

            var followUps: [(due: Date, fulfilledAt: Date?)] = []
            if let anchor = writtenInitials.first {
                let allSlots = Array(Set(clocks.flatMap(\.followUpAt))).sorted()
                // When clocks with daily slots begin (after the first).
                let slotSteps = zip(steps, clocks).dropFirst().filter { !$0.1.followUpAt.isEmpty }.map(\.0.at)
                if !allSlots.isEmpty {
                    // Walk day by day from the anchor's day: each slot after the
                    // previous one (or the anchor) whose clock lists it is owed;
                    // stop after the first slot beyond `now` (the upcoming one) or at the end.
                    let calendar = stationCalendar(timeZone)
                    var day = calendar.startOfDay(for: anchor)
                    var windowStart = anchor
                    var first = true
                    var days = 0
                    scheduling: while windowStart <= now, days < 36_600 {
                        for (slot, time) in zip(Self.slots(on: day, allSlots, calendar), allSlots) where slot > windowStart {
                            if let endedAt = input.endedAt, slot >= endedAt { break scheduling }
                            guard clockAt(slot).followUpAt.contains(time) else { continue }
                            followUps.append((slot, firstReport(after: windowStart, inclusive: first, in: later)))
                            windowStart = slot
                            first = false
                            if windowStart > now { break scheduling }
                        }
                        guard var nextDay = calendar.date(byAdding: .day, value: 1, to: day) else { break }
                        // No slot is owed while the clock in force has none (an incident graded 一般
                        // for a month): jump to the day the next clock with slots begins, or stop.
                        if clockAt(nextDay).followUpAt.isEmpty {
                            guard let next = slotSteps.first(where: { $0 > nextDay }) else { break }
                            nextDay = calendar.startOfDay(for: next)
                        }
                        day = nextDay
                        days += 1
                    }
                }
                followUps += onChange(input.changes.filter { c in c > anchor && input.endedAt.map { c < $0 } ?? true })
            }
            followUps.sort { $0.due < $1.due }
            for (i, f) in followUps.enumerated() {
                result.append(Deadline(kind: .followUp(i + 1), due: f.due, fulfilledAt: f.fulfilledAt))
            }
        }

        let finals = reports.filter { $0.kind == .final && $0.channel == .written }.map(\.countsFrom).sorted()
        if let endedAt = input.endedAt, !input.closed {
            result.append(Deadline(kind: .final, due: endedAt + finalWithin, fulfilledAt: finals.first))
        }

        // 补报: people counts changed after the final report, within the window from the event.
        if let finalMade = finals.first, let window = supplementaryWindow(type: input.type) {
            let limit = (input.occurredAt ?? input.receivedAt) + window
            for (n, owed) in onChange(input.casualtyChanges.filter { $0 > finalMade && $0 <= limit }).enumerated() {
                result.append(Deadline(kind: .supplementary(n + 1), due: owed.due, fulfilledAt: owed.fulfilledAt))
            }
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
        try root.checkKeys(["final_within", "grades", "ungraded", "sensitive", "other"])
        func clock(_ t: TableReader) throws -> ReportClock {
            try t.checkKeys(["phone", "written", "follow_up_at", "follow_up_on_change", "count_from"])
            let phone = try t.duration("phone")
            let written = try t.duration("written")
            guard phone <= written else {
                throw t.problem("phone", "\(RuleDuration.format(phone)) is later than the written report (\(RuleDuration.format(written))); the phone report comes first")
            }
            var onChange = written
            if t.has("follow_up_on_change") {
                // Older files said true/false; a change needs a follow-up at every grade now.
                if let flag = try? t.bool("follow_up_on_change") {
                    guard flag else {
                        throw t.problem("follow_up_on_change", "false is no longer allowed: every change of an open incident needs a follow-up (续报); give the time it is due within, e.g. \"1h\"")
                    }
                } else {
                    onChange = try t.duration("follow_up_on_change")
                }
            }
            var fromOccurrence = false
            if t.has("count_from") {
                switch try t.string("count_from") {
                case "received": fromOccurrence = false
                case "occurred": fromOccurrence = true
                case let other: throw t.problem("count_from", "\"\(other)\" is neither \"received\" (接报时间) nor \"occurred\" (事发时间)")
                }
            }
            return ReportClock(phone: phone, written: written,
                               followUpAt: t.has("follow_up_at") ? try t.timesOfDay("follow_up_at") : [],
                               followUpOnChange: onChange, countFromOccurrence: fromOccurrence)
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
        if root.has("sensitive") { rules.sensitive = try clock(root.subtable("sensitive")) }
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
