/// 值班日志 as the fold keeps it: every entry, in time order, compactly.
///
/// A station writes most of its records here (calls, notes, instructions), so
/// at a million records this is most of the state. Each entry is one fixed row
/// (its stamp with the station as a number, kind, due time, where its text
/// lies) and its text in one shared UTF-8 buffer, instead of a dictionary of
/// structs of strings; the time order is kept as the fold goes, so a screen
/// reads the rows it shows by position and never sorts or scans the whole log.
///
/// Position 0 is the newest entry (the log screen's first row). The key of an
/// entry is its event id's text (`station/seq`), as elsewhere in the state.
/// Equal when the same entries are held, whatever order they were folded in.
public struct LogBook: Sendable {
    struct Row: Sendable {
        var time: UInt64
        var seq: UInt64
        var due: Int64
        var textStart: Int
        var station: UInt32
        var textLength: UInt32
        var detailLength: UInt32
        var counterpartLength: UInt32
        var operatorLength: UInt32
        var kind: LogEntry.Kind
    }

    struct RowID: Hashable, Sendable {
        var station: UInt32
        var seq: UInt64
    }

    /// In the order folded.
    private var rows: [Row] = []
    /// text, detail, counterpart and operator of each row, one after the other.
    private var text: [UInt8] = []
    private var stations: [String] = []
    private var stationNumbers: [String: UInt32] = [:]
    private var byID: [RowID: Int32] = [:]
    /// Row numbers, oldest first.
    private var order: [Int32] = []
    /// Rows folded out of time order inside a batch, placed when it settles.
    private var unplaced: [Int32] = []

    public init() {}

    public var count: Int { rows.count }
    public var isEmpty: Bool { rows.isEmpty }

    /// The entry with this key ("station/seq").
    public subscript(key: String) -> LogEntry? {
        guard let id = Self.parse(key), let number = stationNumbers[id.station],
              let row = byID[RowID(station: number, seq: id.seq)] else { return nil }
        return entry(row: Int(row))
    }

    /// The entry at `position`, 0 being the newest.
    public func entry(at position: Int) -> (key: String, entry: LogEntry) {
        let row = Int(order[order.count - 1 - position])
        let r = rows[row]
        return ("\(stations[Int(r.station)])/\(r.seq)", entry(row: row))
    }

    /// The stamp of the entry at `position` without building the entry.
    public func stamp(at position: Int) -> Stamp {
        let r = rows[Int(order[order.count - 1 - position])]
        return Stamp(time: r.time, station: stations[Int(r.station)], seq: r.seq)
    }

    /// The kind of the entry at `position` (a filter by kind reads no text).
    public func kind(at position: Int) -> LogEntry.Kind { rows[Int(order[order.count - 1 - position])].kind }

    /// The position of the entry with `key`, found by its stamp (binary search).
    public func position(of key: String) -> Int? {
        guard let id = Self.parse(key), let number = stationNumbers[id.station],
              let row = byID[RowID(station: number, seq: id.seq)] else { return nil }
        let target = rows[Int(row)]
        let before = order.partitionPoint { Self.precedes(rows[Int($0)], target, stations) }
        guard before < order.count, order[before] == row else { return nil }
        return order.count - 1 - before
    }

    /// Every entry, newest first (a whole-log walk: for exports and tests, never a key press).
    public var entries: [(key: String, entry: LogEntry)] { (0..<count).map { entry(at: $0) } }
    public var values: [LogEntry] { entries.map(\.entry) }
    public var keys: [String] { entries.map(\.key) }

    private func entry(row: Int) -> LogEntry {
        let r = rows[row]
        func string(_ start: Int, _ length: UInt32) -> String {
            text.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[start..<(start + Int(length))]), as: UTF8.self) }
        }
        var at = r.textStart
        let body = string(at, r.textLength); at += Int(r.textLength)
        let detail = string(at, r.detailLength); at += Int(r.detailLength)
        let counterpart = string(at, r.counterpartLength); at += Int(r.counterpartLength)
        let op = string(at, r.operatorLength)
        return LogEntry(stamp: Stamp(time: r.time, station: stations[Int(r.station)], seq: r.seq), kind: r.kind, text: body,
                        detail: detail, counterpart: counterpart, dueAtMs: r.due, operatorName: op)
    }

    // MARK: Folding in

    /// Adds `entry` unless one with its stamp is held. `batch`: leave an entry
    /// that arrived out of time order for `settle()` (a sync of old records
    /// places them all at once instead of one by one).
    mutating func insert(_ entry: LogEntry, batch: Bool = false) {
        let number = stationNumber(entry.stamp.station)
        let id = RowID(station: number, seq: entry.stamp.seq)
        guard byID[id] == nil, rows.count < Int(Int32.max) else { return }
        let start = text.count
        var lengths: [UInt32] = []
        for field in [entry.text, entry.detail, entry.counterpart, entry.operatorName] {
            var field = field
            field.withUTF8 { text.append(contentsOf: $0) }
            lengths.append(UInt32(text.count - start - Int(lengths.reduce(0, +))))
        }
        let row = Row(time: entry.stamp.time, seq: entry.stamp.seq, due: entry.dueAtMs, textStart: start, station: number,
                      textLength: lengths[0], detailLength: lengths[1], counterpartLength: lengths[2], operatorLength: lengths[3],
                      kind: entry.kind)
        let index = Int32(rows.count)
        rows.append(row)
        byID[id] = index
        if let last = order.last, !Self.precedes(rows[Int(last)], row, stations) {
            if batch { unplaced.append(index) } else { place(index) }
        } else {
            order.append(index)
        }
    }

    private mutating func place(_ index: Int32) {
        let row = rows[Int(index)]
        let at = order.partitionPoint { Self.precedes(rows[Int($0)], row, stations) }
        order.insert(index, at: at)
    }

    /// Places the entries a batch folded out of time order: one sort of them and one merge.
    mutating func settle() {
        guard !unplaced.isEmpty else { return }
        let (rows, stations) = (self.rows, self.stations)
        if unplaced.count < 8 {
            for index in unplaced { place(index) }
            unplaced = []
            return
        }
        let late = unplaced.sorted { Self.precedes(rows[Int($0)], rows[Int($1)], stations) }
        unplaced = []
        var merged: [Int32] = []
        merged.reserveCapacity(order.count + late.count)
        var i = 0, j = 0
        while i < order.count || j < late.count {
            if j == late.count || (i < order.count && Self.precedes(rows[Int(order[i])], rows[Int(late[j])], stations)) {
                merged.append(order[i]); i += 1
            } else {
                merged.append(late[j]); j += 1
            }
        }
        order = merged
    }

    private mutating func stationNumber(_ station: String) -> UInt32 {
        if let n = stationNumbers[station] { return n }
        let n = UInt32(stations.count)
        stations.append(station)
        stationNumbers[station] = n
        return n
    }

    /// Stamp order: time, then station id (as text, like `Stamp`), then sequence.
    private static func precedes(_ a: Row, _ b: Row, _ stations: [String]) -> Bool {
        if a.time != b.time { return a.time < b.time }
        if a.station != b.station { return stations[Int(a.station)] < stations[Int(b.station)] }
        return a.seq < b.seq
    }

    private static func parse(_ key: String) -> EventID? {
        guard let slash = key.lastIndex(of: "/"), let seq = UInt64(key[key.index(after: slash)...]) else { return nil }
        return EventID(station: String(key[..<slash]), seq: seq)
    }
}

extension LogBook: Hashable {
    public static func == (a: LogBook, b: LogBook) -> Bool {
        guard a.count == b.count else { return false }
        for position in 0..<a.count where a.entry(at: position) != b.entry(at: position) { return false }
        return true
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(count)
        if let newest = order.last { hasher.combine(rows[Int(newest)].time) }
    }
}

/// As a dictionary from key to entry (the state's JSON form, as before).
extension LogBook: Codable {
    public init(from decoder: Decoder) throws {
        self.init()
        for (_, entry) in try [String: LogEntry](from: decoder).sorted(by: { $0.value.stamp < $1.value.stamp }) { insert(entry) }
    }

    public func encode(to encoder: Encoder) throws {
        try Dictionary(entries.map { ($0.key, $0.entry) }, uniquingKeysWith: { a, _ in a }).encode(to: encoder)
    }
}

/// Rows oldest first with their numbers and text as one block: read back in
/// order, with every length and number checked against what was read.
extension LogBook: SnapshotCodable {
    public func encode(snapshot e: SnapshotEncoder) throws {
        e.count(stations.count)
        for station in stations { e.string(station) }
        e.count(order.count)
        var offset = 0
        var block: [UInt8] = []
        block.reserveCapacity(text.count)
        for index in order {
            let r = rows[Int(index)]
            e.u64(r.time); e.u64(r.seq); e.u64(UInt64(bitPattern: r.due)); e.u32(r.station)
            e.u32(r.textLength); e.u32(r.detailLength); e.u32(r.counterpartLength); e.u32(r.operatorLength)
            e.byte(Self.kindNumber(r.kind))
            let length = Int(r.textLength) + Int(r.detailLength) + Int(r.counterpartLength) + Int(r.operatorLength)
            block.append(contentsOf: text[r.textStart..<(r.textStart + length)])
            offset += length
        }
        e.count(block.count)
        e.raw(block)
    }

    public init(snapshot d: SnapshotDecoder) throws {
        self.init()
        for _ in 0..<(try d.count()) { _ = stationNumber(try d.string()) }
        let n = try d.count()
        rows.reserveCapacity(n)
        order.reserveCapacity(n)
        byID.reserveCapacity(n)
        var start = 0
        for i in 0..<n {
            let time = try d.u64(), seq = try d.u64(), due = Int64(bitPattern: try d.u64()), station = try d.u32()
            let lengths = [try d.u32(), try d.u32(), try d.u32(), try d.u32()]
            guard Int(station) < stations.count, let kind = Self.kind(try d.byte()) else {
                throw SnapshotDecodingError("log row \(i) names no station or kind, before byte \(d.position)")
            }
            let row = Row(time: time, seq: seq, due: due, textStart: start, station: station, textLength: lengths[0],
                          detailLength: lengths[1], counterpartLength: lengths[2], operatorLength: lengths[3], kind: kind)
            if let last = rows.last, !Self.precedes(last, row, stations) {
                throw SnapshotDecodingError("log row \(i) out of time order, before byte \(d.position)")
            }
            start += lengths.reduce(0) { $0 + Int($1) }
            byID[RowID(station: station, seq: seq)] = Int32(i)
            rows.append(row)
            order.append(Int32(i))
        }
        text = try d.raw(count: try d.count())
        // Not checked as UTF-8 here: an entry's text is read with repair (String(decoding:)), never trusted raw.
        guard text.count == start else { throw SnapshotDecodingError("log text of \(text.count) bytes for rows that need \(start)") }
    }

    private static func kindNumber(_ kind: LogEntry.Kind) -> UInt8 {
        switch kind { case .note: 0; case .callIn: 1; case .callOut: 2; case .instruction: 3 }
    }

    private static func kind(_ n: UInt8) -> LogEntry.Kind? {
        switch n { case 0: .note; case 1: .callIn; case 2: .callOut; case 3: .instruction; default: nil }
    }
}
