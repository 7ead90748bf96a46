import Foundation

/// One warning as the duty room follows it: the newest message of its chain
/// (an alert and the updates and cancellation that reference it), with what
/// came before, who acknowledged it and how far it was passed on.
public struct WarningSummary: Hashable, Sendable {
    public enum Phase: Hashable, Sendable {
        case inForce, expired, cancelled
    }

    /// The first message of the chain: stays the same through updates, so a
    /// selection or a checklist cursor follows the warning.
    public var chainKey: String
    /// The newest message of the chain.
    public var info: WarningInfo
    /// Earlier messages of the chain, newest first.
    public var history: [WarningInfo]
    public var phase: Phase
    public var color: WarningColor?
    /// Exercise, test, system or draft: shown as such, never counted.
    public var isExercise: Bool { info.isExercise }
    /// Who acknowledged the newest message, and when (the first to do so).
    public var acknowledgedBy: (operatorName: String, at: Date)? {
        acknowledgement.map { ($0.operatorName, $0.stamp.date) }
    }
    public var acknowledgement: NoteEntry?
    /// "channel|target" cells confirmed for the newest message.
    public var confirmed: Set<String>
    /// Towns of the area and the special places in their counties.
    public var targets: [String]
    /// When the duty room received the newest message: the time of its first
    /// `warning.received` event (a copy imported later by a peer does not move it).
    public var receivedAt: Date?
    /// When the first dissemination tick of the newest message was recorded
    /// (a tick later taken back still happened: it stays the first).
    public var forwardedAt: Date?

    public var expiresAt: Date? { info.expires }
    public var sentAt: Date { info.sentAt }

    public func isConfirmed(_ channel: WarningChannel, _ target: String) -> Bool {
        confirmed.contains(Self.cell(channel, target))
    }

    static func cell(_ channel: WarningChannel, _ target: String) -> String { "\(channel.rawValue)|\(target)" }

    /// Targets reached by at least one channel, of all targets: the "last mile" share.
    public var coverage: (reached: Int, total: Int) {
        let reached = targets.filter { t in WarningChannel.allCases.contains { isConfirmed($0, t) } }.count
        return (reached, targets.count)
    }

    /// Coverage in percent, nil when the area names no target of the jurisdiction.
    public var coveragePercent: Double? {
        let c = coverage
        return c.total == 0 ? nil : Double(c.reached) * 100 / Double(c.total)
    }

    /// Coverage by population: the residents of the towns reached by at least
    /// one channel, of the residents of the towns in the area that have a figure
    /// in the place list; `unknown` counts the area's towns without one (they
    /// count in the coverage by towns only). Nil when no town of the area has a figure.
    public func populationCoverage(_ places: PlaceList) -> (reached: Int, total: Int, unknown: Int)? {
        var reached = 0, total = 0, unknown = 0
        for t in targets where places.isTown(t) {
            guard let people = places.population(ofTown: t) else { unknown += 1; continue }
            total += people
            if WarningChannel.allCases.contains(where: { isConfirmed($0, t) }) { reached += people }
        }
        return total == 0 ? nil : (reached, total, unknown)
    }

    /// The acknowledgement clocks of this warning under `rules`: to acknowledge
    /// (the leader on duty told) and to forward (first dissemination tick), each
    /// counted from when the newest message was received (an update starts its
    /// own). None for a colour without a clock, an exercise, a cancellation, or
    /// a message whose receipt time is unknown.
    public func clocks(_ rules: WarningRules) -> [WarningClock] {
        guard !isExercise, info.msgType != .cancel, let received = receivedAt, let clock = rules.acknowledgementClock(color) else { return [] }
        return [WarningClock(kind: .acknowledge, due: received.addingTimeInterval(clock.acknowledgeWithin),
                             metAt: acknowledgement?.stamp.date, inForce: phase == .inForce),
                WarningClock(kind: .forward, due: received.addingTimeInterval(clock.forwardWithin),
                             metAt: forwardedAt, inForce: phase == .inForce)]
    }

    /// In force, actual and red or orange, and nobody has acknowledged this message yet.
    public var needsAcknowledgement: Bool {
        phase == .inForce && !isExercise && acknowledgement == nil && (color == .red || color == .orange)
    }
}

/// One acknowledgement clock of a warning (warnings.toml `acknowledgement_clocks`).
public struct WarningClock: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable {
        /// The leader on duty told: the acknowledgement recorded.
        case acknowledge
        /// Passed on to departments and towns: the first dissemination tick.
        case forward
    }

    public enum Standing: Hashable, Sendable {
        /// Met by its time.
        case met(Date)
        /// Met after its time: lateness that happened (a recorded fact).
        case metLate(Date, by: TimeInterval)
        /// Not met, still running.
        case due(in: TimeInterval)
        /// Not met, past its time, the warning still in force.
        case overdue(by: TimeInterval)
        /// Never met while the warning was in force (it expired or was cancelled).
        case missed
    }

    public var kind: Kind
    public var due: Date
    public var metAt: Date?
    /// Whether the warning is still in force (an unmet clock of a past warning is missed, not running).
    public var inForce: Bool

    /// Met at the due instant counts as on time ("within 10 minutes" includes the tenth).
    public func standing(at now: Date) -> Standing {
        if let met = metAt { return met <= due ? .met(met) : .metLate(met, by: met.timeIntervalSince(due)) }
        guard inForce else { return .missed }
        return now <= due ? .due(in: due.timeIntervalSince(now)) : .overdue(by: now.timeIntervalSince(due))
    }

    /// Not met and past its time while the warning is in force.
    public func isOverdue(at now: Date) -> Bool {
        if case .overdue = standing(at: now) { return true }
        return false
    }

    /// Its time missed: met late, never met, or overdue now.
    public func wasMissed(at now: Date) -> Bool {
        switch standing(at: now) {
        case .metLate, .missed, .overdue: return true
        case .met, .due: return false
        }
    }
}

extension DutyState {
    /// Every warning chain: in force first (actual ones by level, red first,
    /// then newest; exercises after them), then the history (expired and
    /// cancelled, newest first). Order- and duplicate-independent like the fold.
    /// `chains` (from `warningChains()`) depend on the events only, so a caller
    /// holding the same state can keep them and pass them back each time.
    public func warningSummaries(places: PlaceList, now: Date, chains: [[WarningInfo]]? = nil) -> [WarningSummary] {
        var summaries: [WarningSummary] = []
        // Most chains cover the same few towns: each checklist is made once.
        var targetsByTowns: [[String]: [String]] = [:]
        for ordered in chains ?? warningChains() {
            guard let newest = ordered.first, let first = ordered.last else { continue }
            let phase: WarningSummary.Phase
            if newest.msgType == .cancel {
                phase = .cancelled
            } else if let expires = newest.expires, expires <= now {
                phase = .expired
            } else {
                phase = .inForce
            }
            let state = warnings[newest.key]
            let acknowledgement = state?.acknowledgements.values.min { $0.stamp < $1.stamp }
            let confirmed = Set((state?.dissemination ?? [:]).compactMap { cell, register in register.value == true ? cell : nil })
            // The first tick ever recorded (the writes of every cell, whatever their order of arrival).
            var forwardedAt: Stamp?
            for register in (state?.dissemination ?? [:]).values {
                if let first = register.writes.first(where: { $0.value }), forwardedAt.map({ first.stamp < $0 }) ?? true {
                    forwardedAt = first.stamp
                }
            }
            // A cancellation keeps the area and checklist of what it ends.
            let area = newest.msgType == .cancel ? (ordered.dropFirst().first ?? newest) : newest
            summaries.append(WarningSummary(
                chainKey: first.key, info: newest, history: Array(ordered.dropFirst()), phase: phase,
                color: newest.color ?? area.color,
                acknowledgement: acknowledgement, confirmed: confirmed,
                targets: targetsByTowns[area.towns] ?? {
                    let made = Self.disseminationTargets(towns: area.towns, places: places)
                    targetsByTowns[area.towns] = made
                    return made
                }(),
                receivedAt: state?.info.writes.first?.stamp.date, forwardedAt: forwardedAt?.date))
        }
        func rank(_ s: WarningSummary) -> Int {
            switch (s.phase, s.isExercise) {
            case (.inForce, false): return 0
            case (.inForce, true): return 1
            default: return 2
            }
        }
        // Sorted by small keys, then the summaries taken in that order (moving
        // thousands of large structs through a sort costs more than the rest).
        let keys = summaries.map { s -> (rank: Int, level: Int, sentAt: Date, chainKey: String) in
            let r = rank(s)
            return (r, r < 2 ? (s.info.color?.level ?? 9) : 0, s.info.sentAt, s.chainKey)
        }
        let order = keys.indices.sorted { i, j in
            let (a, b) = (keys[i], keys[j])
            if a.rank != b.rank { return a.rank < b.rank }
            if a.level != b.level { return a.level < b.level }
            return (a.sentAt, a.chainKey) > (b.sentAt, b.chainKey)
        }
        return order.map { summaries[$0] }
    }

    /// Warnings in force at `now`: actual (not exercise or test), not expired,
    /// not cancelled; one per chain, its newest message.
    /// In the warnings screen's order (colour, then newest first).
    public func activeWarnings(now: Date, chains: [[WarningInfo]]? = nil) -> [WarningInfo] {
        var active: [(info: WarningInfo, chainKey: String)] = []
        func consider(newest: WarningInfo, first: WarningInfo) {
            guard newest.msgType != .cancel, !(newest.expires.map { $0 <= now } ?? false), !newest.isExercise else { return }
            active.append((newest, first.key))
        }
        if let chains {
            for ordered in chains { if let newest = ordered.first, let first = ordered.last { consider(newest: newest, first: first) } }
        } else {
            // Without the chains kept by a caller: their positions, not copies of every message.
            let (held, chains) = chainPositions()
            for chain in chains {
                guard let newest = warnings[held[Int(chain.first!)]].value.info.value,
                      let first = warnings[held[Int(chain.last!)]].value.info.value else { continue }
                consider(newest: newest, first: first)
            }
        }
        return active.sorted { a, b in
            let (la, lb) = (a.info.color?.level ?? 9, b.info.color?.level ?? 9)
            if la != lb { return la < lb }
            return (a.info.sentAt, a.chainKey) > (b.info.sentAt, b.chainKey)
        }.map(\.info)
    }

    /// Messages that reference each other (directly or through others) form a
    /// chain; a reference to a message not held still joins those naming it.
    /// Each chain is ordered newest first (by sent time; the key breaks a tie
    /// the same way everywhere); chains in the order of their smallest key.
    public func warningChains() -> [[WarningInfo]] {
        let (held, chains) = chainPositions()
        return chains.map { chain in chain.compactMap { warnings[held[Int($0)]].value.info.value } }
    }

    /// `warningChains` as positions in `held` (where each message is in
    /// `warnings`): joined by numbers, not by dictionaries of keys, sorted by
    /// small keys, and no message copied (a million-record station holds
    /// tens of thousands of warnings).
    func chainPositions() -> (held: [Dictionary<String, WarningState>.Index], chains: [[Int32]]) {
        var held: [Dictionary<String, WarningState>.Index] = []
        var keys: [String] = []
        var sent: [Date] = []
        var references: [[String]] = []
        var index = warnings.startIndex
        while index != warnings.endIndex {
            if let info = warnings[index].value.info.value {
                held.append(index)
                keys.append(info.key)
                sent.append(info.sentAt)
                references.append(info.references)
            }
            index = warnings.index(after: index)
        }
        guard !held.isEmpty else { return ([], []) }
        var number: [String: Int32] = [:]
        number.reserveCapacity(held.count)
        var names: [String] = []
        var parent: [Int32] = []
        func node(_ key: String) -> Int32 {
            if let n = number[key] { return n }
            let n = Int32(names.count)
            number[key] = n
            names.append(key)
            parent.append(n)
            return n
        }
        func root(_ x: Int32) -> Int32 {
            var r = x
            while parent[Int(r)] != r { r = parent[Int(r)] }
            var y = x
            while parent[Int(y)] != r { (y, parent[Int(y)]) = (parent[Int(y)], r) }
            return r
        }
        let own = keys.map(node)
        for (i, refs) in references.enumerated() {
            for ref in refs {
                let (a, b) = (root(own[i]), root(node(ref)))
                if a != b { parent[Int(max(a, b))] = min(a, b) }
            }
        }
        // Each chain is named by its smallest key (a message held or only referenced),
        // so the order of chains does not depend on the order messages came in.
        var smallest = [Int32](repeating: -1, count: names.count)
        for n in names.indices {
            let r = Int(root(Int32(n)))
            if smallest[r] < 0 || names[n] < names[Int(smallest[r])] { smallest[r] = Int32(n) }
        }
        var roots = Array(Set(own.map(root)))
        roots.sort { names[Int(smallest[Int($0)])] < names[Int(smallest[Int($1)])] }
        var rank = [Int32](repeating: -1, count: names.count)
        for (i, r) in roots.enumerated() { rank[Int(r)] = Int32(i) }
        // Each message into its chain's place (most chains are one message), then each chain newest first.
        var chains = [[Int32]](repeating: [], count: roots.count)
        for (i, node) in own.enumerated() { chains[Int(rank[Int(root(node))])].append(Int32(i)) }
        for c in chains.indices where chains[c].count > 1 {
            chains[c].sort { i, j in
                let (i, j) = (Int(i), Int(j))
                if sent[i] != sent[j] { return sent[i] > sent[j] }
                return keys[i] > keys[j]
            }
        }
        return (held, chains)
    }

    /// The checklist rows: the towns in the area, then the special places
    /// (schools, hospitals, scenic areas, stations) of their counties.
    static func disseminationTargets(towns: [String], places: PlaceList) -> [String] {
        var seen = Set<String>()
        let ordered = towns.filter { seen.insert($0).inserted }
        let counties = places.counties.filter { c in ordered.contains { c.towns.contains($0) } }
        return ordered + counties.flatMap(\.specialPlaces).filter { seen.insert($0).inserted }
    }
}
