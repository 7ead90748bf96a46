import DutyModel
import Foundation
import Journal
import Sync

/// Who is on shift, without folding the station: what `zhiban note` needs to
/// write as the checked-in operator, at a million records, in milliseconds.
///
/// cache/shift-facts holds, for every feed that counts, the position read up
/// to, and the few records that decide who is on shift: every shift-pattern
/// change (any feed) and this station's latest check-in for each of its most
/// recent shifts. A later read checks each position against its feed (see
/// `FeedPosition`), reads only the bytes after it, and keeps the file current
/// once more than 1 MiB had to be read. The journal stays the truth: a missing,
/// damaged, stale or foreign cache is rebuilt from the feeds.
struct ShiftFactsCache {
    static let kind = "shift-facts"
    static let version: UInt16 = 1
    /// Check-ins kept: this station's latest for each of its newest shifts.
    static let shiftsKept = 64
    static let rewriteAfter = 1 << 20

    var positions: [StationID: FeedPosition] = [:]
    /// Shift-pattern records, any feed, in the order read.
    var patterns: [Record] = []
    /// This station's latest check-in per shift ("2026-11-23#0").
    var checkIns: [String: Record] = [:]
    /// Check-ins for shifts before this one ("2026-11-23#0") were dropped ("" when
    /// none were): a question about such a shift needs the full fold.
    var horizon = ""

    struct Facts {
        var state: DutyState
        var horizon: String

        /// True when this station's check-ins for `slot` may have been dropped from the cache.
        func mayLack(_ slot: ShiftSlot) -> Bool {
            !horizon.isEmpty && ShiftFactsCache.shiftOrder("\(slot.date)#\(slot.index)", horizon)
        }
    }

    /// The facts for `station`, from the cache plus what its feeds hold after it.
    static func facts(station: DutyStation, peers: [(id: StationID, header: FeedHeader, path: String)]) -> Facts {
        let path = station.paths.cache + "/shift-facts"
        var cache = (try? load(path, station: station.id)) ?? ShiftFactsCache()
        var changed = cache.positions.isEmpty
        var read = 0
        let wanted: (String) -> Bool = { $0 == EventType.shiftCheckedIn.rawValue || $0 == EventType.shiftPatternSet.rawValue }
        let own = (id: station.id, header: station.journal.header, path: station.journal.path)
        var counted: Set<StationID> = []
        for feed in [own] + peers {
            counted.insert(feed.id)
            guard let tail = try? FeedTail.read(path: feed.path, header: feed.header, after: cache.positions[feed.id], wanted: wanted)
            else { continue }
            if tail.fromStart && cache.positions[feed.id] != nil {
                // The cached position no longer holds (a repaired or replaced feed): forget what came from it.
                cache.forget(feed.id)
                changed = true
            }
            for record in tail.records { cache.keep(record, own: feed.id == station.id) }
            if tail.position != cache.positions[feed.id] { cache.positions[feed.id] = tail.position }
            read += tail.bytesRead
        }
        for id in cache.positions.keys where !counted.contains(id) {
            // A peer no longer trusted (or its feed gone) no longer counts.
            cache.forget(id)
            changed = true
        }
        cache.trim()
        if changed || read >= rewriteAfter { try? cache.save(path, station: station.id) }
        var state = DutyState()
        for record in cache.patterns + cache.checkIns.values { state.apply(StoredEvent(record)) }
        return Facts(state: state, horizon: cache.horizon)
    }

    private mutating func forget(_ id: StationID) {
        positions[id] = nil
        patterns.removeAll { $0.stationID == id }
        checkIns = checkIns.filter { $0.value.stationID != id }
        // The check-ins kept are this station's: read again from its start, nothing is dropped.
        if checkIns.isEmpty { horizon = "" }
    }

    private mutating func keep(_ record: Record, own: Bool) {
        if record.eventType == EventType.shiftPatternSet.rawValue {
            patterns.append(record)
        } else if own, let m = try? Zhiban_Events_V1_ShiftCheckedIn(serializedBytes: record.payload) {
            // Within one feed a later record is the later check-in: the one that counts for that shift.
            checkIns["\(m.date)#\(m.shiftIndex)"] = record
        }
    }

    /// Keeps the check-ins of the newest `shiftsKept` shifts.
    private mutating func trim() {
        guard checkIns.count > Self.shiftsKept else { return }
        let keys = checkIns.keys.sorted(by: Self.shiftOrder)
        let dropped = keys.prefix(keys.count - Self.shiftsKept)
        for key in dropped { checkIns[key] = nil }
        let oldestKept = keys[keys.count - Self.shiftsKept]
        if horizon.isEmpty || Self.shiftOrder(horizon, oldestKept) { horizon = oldestKept }
    }

    /// "2026-11-23#10" after "2026-11-23#2": by date, then shift number.
    static func shiftOrder(_ a: String, _ b: String) -> Bool {
        let (da, ia) = split(a), (db, ib) = split(b)
        return (da, ia) < (db, ib)
    }

    private static func split(_ key: String) -> (String, Int) {
        let parts = key.split(separator: "#", maxSplits: 1)
        return (String(parts.first ?? ""), parts.count > 1 ? Int(parts[1]) ?? 0 : 0)
    }

    // MARK: The file

    func save(_ path: String, station: StationID) throws {
        var payload: [UInt8] = []
        func u32(_ v: Int) { withUnsafeBytes(of: UInt32(v).littleEndian) { payload += $0 } }
        func bytes(_ b: [UInt8]) { u32(b.count); payload += b }
        bytes(Array(horizon.utf8))
        u32(positions.count)
        for position in positions.values.sorted(by: { $0.station < $1.station }) { bytes(position.encoded) }
        let records = patterns + checkIns.keys.sorted(by: Self.shiftOrder).map { checkIns[$0]! }
        u32(records.count)
        for record in records { bytes(record.body) }
        try CacheFile.write(payload, to: path, kind: Self.kind, version: Self.version, station: station)
    }

    struct Malformed: Error {}

    static func load(_ path: String, station: StationID) throws -> ShiftFactsCache {
        let payload = try CacheFile.read(path, kind: kind, version: version, station: station).get()
        var at = 0
        func u32() throws -> Int {
            guard at + 4 <= payload.count else { throw Malformed() }
            defer { at += 4 }
            return Int(payload[at]) | Int(payload[at + 1]) << 8 | Int(payload[at + 2]) << 16 | Int(payload[at + 3]) << 24
        }
        func bytes() throws -> [UInt8] {
            let n = try u32()
            guard n <= payload.count - at else { throw Malformed() }
            defer { at += n }
            return Array(payload[at..<(at + n)])
        }
        var cache = ShiftFactsCache()
        cache.horizon = String(decoding: try bytes(), as: UTF8.self)
        for _ in 0..<(try u32()) {
            guard let position = FeedPosition(encoded: try bytes()) else { throw Malformed() }
            cache.positions[position.station] = position
        }
        for _ in 0..<(try u32()) {
            let body = try bytes()
            guard let record = body.withUnsafeBytes({ Record.decode(body: $0) }) else { throw Malformed() }
            cache.keep(record, own: record.stationID == station)
        }
        guard at == payload.count else { throw Malformed() }
        return cache
    }
}
