import CAP
import DutyModel
import Foundation
import Geo

/// The folded station as the console shows it. The shell builds a new one
/// when the journal changes; views only read it. Equality is by generation
/// so that comparing two app states stays cheap at a million events.
public struct DutySnapshot: Equatable, Sendable {
    public var generation: Int
    public var state: DutyState
    public var rules: RuleBook
    /// This station's id, for "our" check-ins.
    public var ownStation: String
    /// Contacts sorted by unit then name, with their search keys.
    public var contacts: [ContactEntry]
    /// The jurisdiction's places with their pinyin, for the intake pickers.
    public var places: [PlaceEntry]
    /// The station's base map (#20): outlines, water, canals, named places.
    public var baseMap: BaseMap
    /// The resource registry with its search keys, by kind then id (#19).
    public var resources: [ResourceEntry]
    /// Where each resource stands in `resources`, by its key.
    var resourceIndex: [String: Int]
    /// Teams out, shelters open, items below minimum: for the board and status bar.
    public var resourceCounts: ResourceCounts
    /// The registry's objects with a point, as the map draws them (#20): made here, not per frame.
    var mapResources: [MapView.Object] = []
    /// Per object or incident ("team:T01", "incident:…"), how many moves it has and the
    /// newest `recentMoveLimit` of them, newest first: a detail drawn every second
    /// does not sort a depot's thousands of issues.
    var recentMoves: [String: (count: Int, newest: [ResourceMove])] = [:]
    static let recentMoveLimit = 200
    /// Warning messages grouped into update chains: they change with the
    /// events only, so screens drawn every second do not regroup them.
    public var warningChains: [[WarningInfo]]
    /// The chains that may still be in force (their newest message is not a
    /// cancellation), latest expiry first, with that expiry: those in force at
    /// a time are a prefix, found without looking at the thousands expired.
    var liveChains: [(expires: Double, chain: Int)]
    /// The newest check-in per shift ("date#index#") and per shift and station
    /// ("date#index#station"), so a tick does not look through every check-in ever made.
    var latestCheckIns: [CheckInSlot: CheckIn] = [:]

    /// A shift, and a station or "" for any.
    struct CheckInSlot: Hashable, Sendable {
        var date: String
        var shift: Int
        var station: String
    }
    /// Incident summaries made on the station thread (see `summarized`).
    public private(set) var incidentCache: IncidentSummaryCache?

    /// Every incident summarised at one instant, and until when that answer
    /// holds: the first report clock due after it (an overdue flag or a new
    /// follow-up slot can change only then), and at most a minute.
    public struct IncidentSummaryCache: Sendable {
        public var summaries: [IncidentSummary]
        /// Every warning chain summarised at `madeAt`, in the warnings screen's order.
        public var warnings: [WarningSummary]
        /// The board's counters at `madeAt`, warnings left out (they are counted live).
        public var counters: DayCounters
        /// Where each incident and warning chain stands in those lists.
        var incidentIndex: [String: Int]
        var warningIndex: [String: Int]
        /// Warning chains in force at `madeAt`.
        var inForce: Int
        /// Incidents received in each hour of the day that `perHourDay` starts.
        var perHour: [Int]
        var perHourDay: Date
        /// Where the open incidents stand in `summaries`, newest first.
        var openIncidents: [Int]
        /// The open incidents with a point, as the map draws them (#20).
        var incidentPoints: [MapView.Object]
        /// One of them per 0.005° square, an overdue one first: what a zoomed-out map draws.
        var incidentPointsCoarse: [MapView.Object]
        /// The rings of the CAP areas (polygons, circles) of the warnings in force at `madeAt`,
        /// by their newest message's key: read from the CAP file here, not per frame.
        var warningRings: [String: [[GeoPosition]]]
        /// The handover due at `madeAt` (#21), made from the same summaries.
        var handover: HandoverReport
        /// Every report clock not yet met, soonest first (its summary and place in it).
        var openClocks: [(due: Date, summary: Int, deadline: Int)]
        public var madeAt: Date
        public var validUntil: Date
        public var timeZone: TimeZone
    }

    public init(generation: Int, state: DutyState, rules: RuleBook, ownStation: String, previous: DutySnapshot? = nil,
                baseMap: BaseMap? = nil) {
        self.generation = generation
        self.baseMap = baseMap ?? previous?.baseMap ?? .builtin
        self.state = state
        self.rules = rules
        self.ownStation = ownStation
        self.contacts = ContactEntry.index(state, reusing: previous?.contacts ?? [])
        resources = ResourceEntry.index(state, rules: rules.resources,
                                        reusing: previous.map { $0.rules.resources == rules.resources ? $0.resources : [] } ?? [])
        resourceIndex = Dictionary(resources.enumerated().map { ($1.key, $0) }, uniquingKeysWith: { a, _ in a })
        resourceCounts = ResourceCounts(resources)
        mapResources = resources.compactMap { entry in
            let s = entry.summary
            guard let lat = s.place.latitude, let lon = s.place.longitude else { return nil }
            return MapView.Object(key: entry.key, layer: MapLayer(s.kind), position: GeoPosition(lat: lat, lon: lon), name: s.name, role: MapView.role(s))
        }
        // Moves only ever grow: a key whose count is unchanged keeps its list.
        for (key, moves) in state.resourceMoves {
            if let known = previous?.recentMoves[key], known.count == moves.count {
                recentMoves[key] = known
            } else {
                let newest = moves.values.sorted { $0.stamp > $1.stamp }.prefix(Self.recentMoveLimit)
                recentMoves[key] = (moves.count, Array(newest))
            }
        }
        if let previous, previous.rules.places == rules.places {
            places = previous.places
        } else {
            places = PlaceEntry.index(rules.places)
        }
        // The check-ins and the warning chains at once (tens of thousands of each at a million records).
        (latestCheckIns, (warningChains, liveChains)) = bothAtOnce({
            var latest: [CheckInSlot: CheckIn] = [:]
            for checkIn in state.checkIns.values {
                for key in [CheckInSlot(date: checkIn.date, shift: checkIn.shiftIndex, station: ""),
                            CheckInSlot(date: checkIn.date, shift: checkIn.shiftIndex, station: checkIn.stamp.station)]
                where latest[key].map({ $0.stamp < checkIn.stamp }) ?? true {
                    latest[key] = checkIn
                }
            }
            return latest
        }, {
            let chains = state.warningChains()
            let live = chains.indices.compactMap { i -> (expires: Double, chain: Int)? in
                guard let newest = chains[i].first, newest.msgType != .cancel else { return nil }
                return (newest.expires?.timeIntervalSince1970 ?? .infinity, i)
            }.sorted { $0.0 > $1.0 }
            return (chains, live)
        })
    }

    /// The same snapshot with every incident summarised at `now` (on the
    /// station thread, so a key press or a frame does not summarise thousands).
    /// `problems`: what the station knows is wrong (forks, feeds, rules), for the handover report;
    /// nil keeps the last summary's.
    public func summarized(now: Date, timeZone: TimeZone, problems: [String]? = nil) -> DutySnapshot {
        var copy = self
        // The warnings on a second core while the incidents are summarised (each is a few
        // hundred milliseconds at a million records, where the console's first frame waits for both).
        let (summaries, warningPart) = bothAtOnce(
            { state.incidentSummaries(rules: rules, now: now, timeZone: timeZone) },
            { () -> (list: [WarningSummary], index: [String: Int]) in
                let list = state.warningSummaries(places: rules.places, now: now, chains: warningChains)
                return (list, Dictionary(list.enumerated().map { ($1.chainKey, $0) }, uniquingKeysWith: { a, _ in a }))
            })
        let warnings = warningPart.list
        let counters = state.dayCounters(summaries: summaries, now: now, timeZone: timeZone, warningChains: [])
        // Until the first instant any of it would read differently: a report clock falling due or
        // coming within the hour, a warning expiring, the next midnight; and a minute at most.
        var until = now.addingTimeInterval(60)
        func bound(_ t: Date) { if t > now && t < until { until = t } }
        for summary in summaries {
            for deadline in summary.deadlines {
                bound(deadline.due)
                bound(deadline.due.addingTimeInterval(-3600))
            }
        }
        for (expires, _) in liveChains where expires.isFinite { bound(Date(timeIntervalSince1970: expires)) }
        // A warning's acknowledgement clock passing its time (the handover made here says so).
        // (Those in force come first in the list: the thousands past are not looked at.)
        for warning in warnings {
            guard warning.phase == .inForce else { break }
            for clock in warning.clocks(rules.warnings) where clock.metAt == nil { bound(clock.due.addingTimeInterval(0.001)) }
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let dayStart = calendar.startOfDay(for: now)
        if let midnight = calendar.date(byAdding: .day, value: 1, to: dayStart) { bound(midnight) }
        var clocks: [(due: Date, summary: Int, deadline: Int)] = []
        for (i, summary) in summaries.enumerated() {
            for (j, deadline) in summary.deadlines.enumerated() where !deadline.isFulfilled { clocks.append((deadline.due, i, j)) }
        }
        clocks.sort { $0.due < $1.due }
        let inForce = warnings.lazy.filter { $0.phase == .inForce }.count
        // A CAP file is read once per message: the minute's rebuild reuses the last one's rings.
        var rings: [String: [[GeoPosition]]] = [:]
        for warning in warnings.prefix(inForce) where warning.info.source == .cap {
            let key = warning.info.key
            rings[key] = incidentCache?.warningRings[key] ?? Self.rings(warning.info)
        }
        let points = Self.points(summaries.lazy.filter(\.isOpen))
        copy.incidentCache = IncidentSummaryCache(
            summaries: summaries, warnings: warnings, counters: counters,
            incidentIndex: Dictionary(summaries.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a }),
            warningIndex: warningPart.index,
            inForce: inForce,
            perHour: state.incidentsPerHour(dayStart: dayStart), perHourDay: dayStart,
            openIncidents: summaries.indices.filter { summaries[$0].isOpen },
            incidentPoints: points,
            incidentPointsCoarse: Self.coarse(points),
            warningRings: rings,
            handover: HandoverReport.handover(state, rules: rules, slot: HandoverReport.pendingSlot(state, now: now, timeZone: timeZone),
                                              now: now, timeZone: timeZone, summaries: summaries, warnings: warnings,
                                              resources: resources.map(\.summary),
                                              problems: problems ?? incidentCache?.handover.problems ?? []),
            openClocks: clocks, madeAt: now, validUntil: until, timeZone: timeZone)
        return copy
    }

    private func cache(at now: Date, _ timeZone: TimeZone) -> IncidentSummaryCache? {
        guard let cache = incidentCache, cache.timeZone == timeZone, now >= cache.madeAt, now < cache.validUntil else { return nil }
        return cache
    }

    /// Every warning chain at `now`, in the order the warnings screen lists them.
    public func warningSummaries(now: Date, timeZone: TimeZone) -> [WarningSummary] {
        cache(at: now, timeZone)?.warnings ?? state.warningSummaries(places: rules.places, now: now, chains: warningChains)
    }

    /// The board's counters at `now` (warnings counted from the chains in force).
    public func dayCounters(now: Date, timeZone: TimeZone, summaries: [IncidentSummary]) -> DayCounters {
        guard var counters = cache(at: now, timeZone)?.counters else {
            return state.dayCounters(summaries: summaries, now: now, timeZone: timeZone, warningChains: inForceChains(now: now))
        }
        // As `DutyState.dayCounters` counts them: actual warnings in force, by their newest message's colour.
        counters.warnings = [:]
        for warning in inForceWarningSummaries(now: now, timeZone: timeZone) where !warning.isExercise {
            if let colour = warning.info.color { counters.warnings[colour, default: 0] += 1 }
        }
        return counters
    }

    /// Where each incident stands in `incidentSummaries(now:timeZone:)`, when those are the station thread's.
    public func incidentIndex(now: Date, timeZone: TimeZone) -> [String: Int]? { cache(at: now, timeZone)?.incidentIndex }

    /// The open incidents at `now`, newest first: what a team is sent to, items issued to, a list sorted by distance from.
    public func openIncidents(now: Date, timeZone: TimeZone) -> [IncidentSummary] {
        if let cache = cache(at: now, timeZone) { return cache.openIncidents.map { cache.summaries[$0] } }
        return incidentSummaries(now: now, timeZone: timeZone).filter(\.isOpen)
    }

    /// The newest moves of `key` ("team:T01", "incident:…"), newest first, at most `recentMoveLimit`, and how many there are.
    public func recentMoves(_ key: String) -> (count: Int, newest: [ResourceMove]) { recentMoves[key] ?? (0, []) }

    /// The open incidents with a point at `now`, for the map: the station thread's list while it holds.
    func incidentPoints(now: Date, timeZone: TimeZone, coarse: Bool = false) -> [MapView.Object] {
        if let cache = cache(at: now, timeZone) { return coarse ? cache.incidentPointsCoarse : cache.incidentPoints }
        let points = Self.points(openIncidents(now: now, timeZone: timeZone))
        return coarse ? Self.coarse(points) : points
    }

    /// The incidents of `summaries` that have a point, as the map draws them (overdue in the overdue colour).
    static func points(_ summaries: some Sequence<IncidentSummary>) -> [MapView.Object] {
        summaries.compactMap { s in
            guard let lat = s.place.latitude, let lon = s.place.longitude else { return nil }
            return MapView.Object(key: "incident:" + s.id, layer: .incidents, position: GeoPosition(lat: lat, lon: lon), name: s.id,
                                  role: s.isOverdue ? .overdue : .alertOrange)
        }
    }

    /// The same snapshot with the handover report's problems replaced (after `:ack`): nothing else is summarised again.
    func withHandoverProblems(_ problems: [String]) -> DutySnapshot {
        var copy = self
        copy.incidentCache?.handover.problems = problems
        return copy
    }

    /// One incident per 0.005° square (some 500 m), an overdue one before the others, in the list's order.
    static func coarse(_ points: [MapView.Object]) -> [MapView.Object] {
        struct Square: Hashable { var lat: Int; var lon: Int }
        var chosen: [Square: Int] = [:]
        for (i, p) in points.enumerated() {
            let square = Square(lat: Int((p.position.lat * 200).rounded(.down)), lon: Int((p.position.lon * 200).rounded(.down)))
            if let j = chosen[square] {
                if points[j].role != .overdue && p.role == .overdue { chosen[square] = i }
            } else {
                chosen[square] = i
            }
        }
        return chosen.values.sorted().map { points[$0] }
    }

    /// The ground the CAP file of a warning message covers (its polygons and circles), when the
    /// station thread has read it; empty when the file names places only.
    func warningRings(_ warning: WarningSummary, now: Date, timeZone: TimeZone) -> [[GeoPosition]] {
        if let cache = cache(at: now, timeZone) { return cache.warningRings[warning.info.key] ?? [] }
        return Self.rings(warning.info)
    }

    /// The rings of a CAP warning message's areas; none for a message typed in or naming places only.
    static func rings(_ info: WarningInfo) -> [[GeoPosition]] {
        guard info.source == .cap, !info.capXML.isEmpty, let alert = try? CAPReader().read(Data(info.capXML)) else { return [] }
        return alert.rings().map { $0.map { GeoPosition(lat: $0.latitude, lon: $0.longitude) } }
    }

    /// The handover due at `now`: the station thread's, also for the moments after its minute lapsed
    /// while the next one is on its way (a frame does not make a report); made here only when there
    /// is none from the last two minutes (a snapshot never summarised, a clock that jumped).
    public func handoverReport(now: Date, timeZone: TimeZone) -> HandoverReport {
        if let cache = incidentCache, cache.timeZone == timeZone, cache.madeAt <= now, now.timeIntervalSince(cache.madeAt) < 120 {
            return cache.handover
        }
        return HandoverReport.handover(state, rules: rules, slot: HandoverReport.pendingSlot(state, now: now, timeZone: timeZone),
                                       now: now, timeZone: timeZone)
    }

    /// The registry object with entry key `key` ("team:T01").
    public func resource(_ key: String) -> ResourceEntry? { resourceIndex[key].map { resources[$0] } }

    /// Where each chain stands in `warningSummaries(now:timeZone:)`, when those are the station thread's.
    public func warningIndex(now: Date, timeZone: TimeZone) -> [String: Int]? { cache(at: now, timeZone)?.warningIndex }

    /// How many warning chains are in force at `now`.
    public func warningsInForce(now: Date, timeZone: TimeZone) -> Int {
        cache(at: now, timeZone)?.inForce ?? warningSummaries(now: now, timeZone: timeZone).filter { $0.phase == .inForce }.count
    }

    /// Incidents received in each hour of the day starting `dayStart`.
    public func incidentsPerHour(dayStart: Date, now: Date, timeZone: TimeZone) -> [Int] {
        if let cache = cache(at: now, timeZone), cache.perHourDay == dayStart { return cache.perHour }
        return state.incidentsPerHour(dayStart: dayStart)
    }

    /// The newest check-in for `slot`; with `station`, only that station's (as `DutyState.checkIn(for:station:)`).
    public func checkIn(for slot: ShiftSlot, station: String? = nil) -> CheckIn? {
        latestCheckIns[CheckInSlot(date: slot.date, shift: slot.index, station: station ?? "")]
    }

    /// Report clocks not yet met that fall due after `after` (every one when nil) up to `upTo`,
    /// with their incident's id, soonest first: from the station thread's summaries, a look
    /// at only the clocks in that span.
    public func openDeadlines(after: Date?, upTo: Date, now: Date, timeZone: TimeZone) -> [(id: String, deadline: Deadline)] {
        guard let cache = cache(at: now, timeZone) else {
            return state.incidentSummaries(rules: rules, now: now, timeZone: timeZone).flatMap { s in
                s.deadlines.filter { d in !d.isFulfilled && d.due <= upTo && (after.map { d.due > $0 } ?? true) }.map { (s.id, $0) }
            }.sorted { $0.1.due < $1.1.due }
        }
        let clocks = cache.openClocks
        var i = after.map { a in clocks.partitionPoint { $0.due <= a } } ?? 0
        var result: [(id: String, deadline: Deadline)] = []
        while i < clocks.count, clocks[i].due <= upTo {
            let summary = cache.summaries[clocks[i].summary]
            result.append((summary.id, summary.deadlines[clocks[i].deadline]))
            i += 1
        }
        return result
    }

    /// Every incident summarised at `now`, newest first: the station thread's
    /// summaries while they still hold at `now`, else made afresh (never stale).
    public func incidentSummaries(now: Date, timeZone: TimeZone) -> [IncidentSummary] {
        cache(at: now, timeZone)?.summaries ?? state.incidentSummaries(rules: rules, now: now, timeZone: timeZone)
    }

    /// Whether the station thread should summarise again by `now`.
    public func needsSummaries(by now: Date) -> Bool { incidentCache.map { now >= $0.validUntil } ?? true }

    /// The chains that may be in force at `now` (not cancelled, not expired).
    public func inForceChains(now: Date) -> [[WarningInfo]] {
        let t = now.timeIntervalSince1970
        var result: [[WarningInfo]] = []
        for (expires, chain) in liveChains {
            guard expires > t else { break }
            result.append(warningChains[chain])
        }
        return result
    }

    /// The warning chains in force at `now`, in the warnings screen's order: the
    /// head of the station thread's list while it holds (no summary made per frame).
    public func inForceWarningSummaries(now: Date, timeZone: TimeZone) -> [WarningSummary] {
        if let cache = cache(at: now, timeZone) { return Array(cache.warnings.prefix(cache.inForce)) }
        return state.warningSummaries(places: rules.places, now: now, chains: inForceChains(now: now))
    }

    public static let empty = DutySnapshot(generation: 0, state: DutyState(), rules: .standard, ownStation: "")

    public static func == (a: Self, b: Self) -> Bool {
        a.generation == b.generation && a.incidentCache?.madeAt == b.incidentCache?.madeAt
            && a.incidentCache?.handover.problems == b.incidentCache?.handover.problems
    }
}

/// One contact with what a filter matches against: every field and channel,
/// lowercased, and the pinyin (full and initials) of any Chinese in the name,
/// unit and title.
public struct ContactEntry: Hashable, Sendable {
    public var id: String
    public var info: ContactInfo
    public var searchKeys: [String]
    /// Unit then name in pinyin, so the book reads in the order a Chinese phone list does.
    public var sortKey: String

    public init(id: String, info: ContactInfo) {
        self.id = id
        self.info = info
        let fields = [info.name, info.unit, info.title, info.role, info.notes] + info.channels.map(\.value)
        var keys = fields.map { $0.lowercased() }
        var spelled: [String: String] = [:]
        for text in [info.name, info.unit, info.title, info.role] where Pinyin.hasHan(text) {
            let syllables = Pinyin.syllables(text)
            spelled[text] = syllables.joined(separator: " ")
            keys.append(syllables.joined())
            keys.append(String(syllables.compactMap(\.first)))
        }
        sortKey = (spelled[info.unit] ?? info.unit.lowercased()) + "\u{1}" + (spelled[info.name] ?? info.name.lowercased())
        // Phone numbers match with or without the dash of an area code.
        keys += info.channels.map { $0.value.filter { $0 != "-" && $0 != " " } }
        searchKeys = keys
    }

    /// Whether every word of `query` is found in some key ("应急 局长", "sl", "1390").
    public func matches(_ query: String) -> Bool {
        let words = query.lowercased().split(whereSeparator: { $0 == " " || $0 == "　" })
        return words.allSatisfy { word in searchKeys.contains { $0.contains(word) } }
    }

    /// Builds the index, reusing the pinyin of contacts that did not change.
    static func index(_ state: DutyState, reusing previous: [ContactEntry]) -> [ContactEntry] {
        let old = Dictionary(previous.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        return state.contacts.compactMap { id, register -> ContactEntry? in
            guard let info = register.value else { return nil }
            if let known = old[id], known.info == info { return known }
            return ContactEntry(id: id, info: info)
        }.sorted { ($0.sortKey, $0.id) < ($1.sortKey, $1.id) }
    }
}

/// Pinyin through Foundation's ICU transliteration (Han → Latin), which
/// works on Linux too; polyphonic characters get ICU's most common reading.
enum Pinyin {
    static func hasHan(_ text: String) -> Bool {
        text.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) || (0x3400...0x4DBF).contains($0.value) }
    }

    /// "孙立新" → ["sun", "li", "xin"].
    static func syllables(_ text: String) -> [String] {
        guard let latin = text.applyingTransform(.toLatin, reverse: false),
              let plain = latin.applyingTransform(.stripDiacritics, reverse: false) else { return [] }
        return plain.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
    }
}

/// `a()` and `b()` at once, on two threads, both done on return (for work
/// that reads the same immutable values and writes nothing shared).
func bothAtOnce<A, B>(_ a: @Sendable () -> A, _ b: @Sendable () -> B) -> (A, B) {
    let slots = TwoSlots<A, B>()
    DispatchQueue.concurrentPerform(iterations: 2) { i in
        if i == 0 { slots.a = a() } else { slots.b = b() }
    }
    return (slots.a!, slots.b!)
}

/// Where the two halves of `bothAtOnce` leave their results (each written by one thread, read after both).
private final class TwoSlots<A, B>: @unchecked Sendable {
    var a: A?
    var b: B?
}
