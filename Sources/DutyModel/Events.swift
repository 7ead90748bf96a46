import Foundation

/// A record's identity: the station that wrote it and its sequence number
/// in that station's feed. Unique across all stations.
public struct EventID: Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
    public var station: String
    public var seq: UInt64

    public init(station: String, seq: UInt64) {
        self.station = station
        self.seq = seq
    }

    public static func < (a: Self, b: Self) -> Bool { (a.station, a.seq) < (b.station, b.seq) }
    public var description: String { "\(station)/\(seq)" }
}

/// A journal record as the fold sees it (the journal's framing stripped).
public struct StoredEvent: Hashable, Sendable {
    public var id: EventID
    public var time: HLCTimestamp
    public var operatorName: String
    public var type: String
    public var payloadVersion: UInt16
    public var payload: [UInt8]

    public init(id: EventID, time: HLCTimestamp, operatorName: String, type: String, payloadVersion: UInt16, payload: [UInt8]) {
        self.id = id
        self.time = time
        self.operatorName = operatorName
        self.type = type
        self.payloadVersion = payloadVersion
        self.payload = payload
    }

    public var stamp: Stamp { Stamp(time: time.rawValue, station: id.station, seq: id.seq) }
}

/// The total order of writes: hybrid logical clock time, then station id
/// (the deterministic tie-break), then sequence number.
public struct Stamp: Hashable, Comparable, Codable, Sendable {
    public var time: UInt64
    public var station: String
    public var seq: UInt64

    public static func < (a: Self, b: Self) -> Bool { (a.time, a.station, a.seq) < (b.time, b.station, b.seq) }
    public var id: EventID { EventID(station: station, seq: seq) }
    /// The wall-clock part of the hybrid logical time.
    public var date: Date { HLCTimestamp(rawValue: time).date }
}

/// What a writer had seen of an entity: per station, the highest sequence
/// number of that station's records touching it. Kept sorted by station.
public struct VersionVector: Hashable, Codable, Sendable {
    public private(set) var entries: [String: UInt64] = [:]

    public init(_ entries: [String: UInt64] = [:]) { self.entries = entries }

    public func covers(_ id: EventID) -> Bool { (entries[id.station] ?? 0) >= id.seq }

    public mutating func include(_ id: EventID) {
        entries[id.station] = max(entries[id.station] ?? 0, id.seq)
    }
}

/// A last-writer-wins register that keeps every write, so that the winner is
/// the same whatever order writes arrive in, and concurrent writes that lost
/// stay visible as conflicts.
public struct Register<Value: Codable & Hashable & Sendable>: Codable, Hashable, Sendable {
    public struct Write: Codable, Hashable, Sendable {
        public var stamp: Stamp
        public var value: Value
        public var seen: VersionVector
        public var operatorName: String

        /// Whether the writer of this value had seen `other` when writing.
        public func hasSeen(_ other: Write) -> Bool {
            (other.stamp.station == stamp.station && other.stamp.seq < stamp.seq) || seen.covers(other.stamp.id)
        }
    }

    /// Every write, in stamp order.
    public private(set) var writes: [Write] = []

    public init() {}

    /// Writes already in stamp order (a snapshot's).
    init(writes: [Write]) { self.writes = writes }

    public var value: Value? { writes.last?.value }
    public var winner: Write? { writes.last }

    public mutating func write(_ value: Value, stamp: Stamp, seen: VersionVector, operatorName: String) {
        let index = writes.partitionPoint { $0.stamp < stamp }
        if index < writes.count && writes[index].stamp == stamp { return }
        writes.insert(Write(stamp: stamp, value: value, seen: seen, operatorName: operatorName), at: index)
    }

    /// Writes that lost to the winner although its writer had not seen them:
    /// two stations changed the field without knowing of each other.
    public var conflicts: [Write] {
        guard let winner = writes.last else { return [] }
        return writes.dropLast().filter { !winner.hasSeen($0) && $0.value != winner.value }
    }
}

extension Array {
    /// The first index whose element does not satisfy `belongsBefore` (binary search).
    public func partitionPoint(_ belongsBefore: (Element) -> Bool) -> Int {
        var low = 0, high = count
        while low < high {
            let mid = (low + high) / 2
            if belongsBefore(self[mid]) { low = mid + 1 } else { high = mid }
        }
        return low
    }
}
