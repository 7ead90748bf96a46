/// Which events a fold holds, as runs of sequence numbers per station: a
/// station's feed is folded in order, so a million events are a handful of
/// runs (one per feed, more only where a feed's records arrived out of order
/// or with gaps), not a million set entries.
public struct AppliedEvents: Hashable, Codable, Sendable {
    /// Per station, disjoint runs `first...last`, sorted, never adjacent.
    private var runs: [String: [Run]] = [:]

    struct Run: Hashable, Codable, Sendable {
        var first: UInt64
        var last: UInt64
    }

    public init() {}

    public func contains(_ id: EventID) -> Bool {
        guard let list = runs[id.station] else { return false }
        let i = list.partitionPoint { $0.last < id.seq }
        return i < list.count && list[i].first <= id.seq
    }

    /// Adds `id`; false if it was already held.
    public mutating func insert(_ id: EventID) -> Bool {
        let seq = id.seq
        var list = runs[id.station, default: []]
        defer { runs[id.station] = list }
        // The common case: the next record of the feed.
        if let last = list.last, last.last < seq {
            if last.last &+ 1 == seq { list[list.count - 1].last = seq } else { list.append(Run(first: seq, last: seq)) }
            return true
        }
        let i = list.partitionPoint { $0.last < seq }
        if i < list.count && list[i].first <= seq { return false }
        let joinsBefore = i > 0 && list[i - 1].last &+ 1 == seq
        let joinsAfter = i < list.count && seq &+ 1 == list[i].first
        switch (joinsBefore, joinsAfter) {
        case (true, true):
            list[i - 1].last = list[i].last
            list.remove(at: i)
        case (true, false): list[i - 1].last = seq
        case (false, true): list[i].first = seq
        case (false, false): list.insert(Run(first: seq, last: seq), at: i)
        }
        return true
    }

    /// Per station, the highest sequence number held.
    public var highest: [String: UInt64] { runs.compactMapValues { $0.last?.last } }
}

extension AppliedEvents: SnapshotCodable {
    public func encode(snapshot e: SnapshotEncoder) throws {
        e.count(runs.count)
        for (station, list) in runs {
            e.string(station)
            e.count(list.count)
            for run in list { e.u64(run.first); e.u64(run.last) }
        }
    }

    public init(snapshot d: SnapshotDecoder) throws {
        let n = try d.count()
        for _ in 0..<n {
            let station = try d.string()
            var list: [Run] = []
            for _ in 0..<(try d.count()) {
                let run = Run(first: try d.u64(), last: try d.u64())
                guard run.first <= run.last, list.last.map({ $0.last &+ 1 < run.first }) ?? true else {
                    throw SnapshotDecodingError("runs out of order for station \(station) before byte \(d.position)")
                }
                list.append(run)
            }
            runs[station] = list
        }
    }
}
