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


    /// In the order folded.
    private var rows: [Row] = []
    /// text, detail, counterpart and operator of each row, one after the other.
    private var text: [UInt8] = []
    private var stations: [String] = []
    private var stationNumbers: [String: UInt32] = [:]
    /// Per station (by number), its rows in sequence order: an entry is
    /// found by binary search. (A station's own records come in sequence
    /// order, so this is almost always an append; four bytes a row, where a
    /// dictionary took thirty and a hash per row to rebuild from a snapshot.)
    private var bySeq: [[Int32]] = []
    /// Row numbers, oldest first.
    private var order: [Int32] = []
    /// Rows folded out of time order inside a batch, placed when it settles.
    private var unplaced: [Int32] = []
    /// Bytes of text before `text` that were not read (a state opened for its
    /// counts only, see `SnapshotDecoder.skipsLogText`): the entries they belong
    /// to read as empty, and such a log is never written to a snapshot.
    private var textBase = 0

    public init() {}

    public var count: Int { rows.count }
    /// False when the text of the entries was left unread (see `textBase`).
    public var holdsText: Bool { textBase == 0 }
    public var isEmpty: Bool { rows.isEmpty }

    /// The entry with this key ("station/seq").
    public subscript(key: String) -> LogEntry? {
        guard let id = Self.parse(key), let number = stationNumbers[id.station],
              let row = row(station: number, seq: id.seq) else { return nil }
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
              let row = row(station: number, seq: id.seq) else { return nil }
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
            guard start >= 0 else { return "" }
            return text.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[start..<(start + Int(length))]), as: UTF8.self) }
        }
        var at = r.textStart - textBase
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
        let slot = seqSlot(station: number, seq: entry.stamp.seq)
        guard !slot.found, rows.count < Int(Int32.max) else { return }
        let start = textBase + text.count
        func add(_ field: String) -> UInt32 {
            var field = field
            return field.withUTF8 { text.append(contentsOf: $0); return UInt32($0.count) }
        }
        let row = Row(time: entry.stamp.time, seq: entry.stamp.seq, due: entry.dueAtMs, textStart: start, station: number,
                      textLength: add(entry.text), detailLength: add(entry.detail), counterpartLength: add(entry.counterpart),
                      operatorLength: add(entry.operatorName), kind: entry.kind)
        let index = Int32(rows.count)
        rows.append(row)
        bySeq[Int(number)].insert(index, at: slot.at)
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
        bySeq.append([])
        return n
    }

    /// Where `seq` stands among station `number`'s rows, and whether it is there.
    private func seqSlot(station number: UInt32, seq: UInt64) -> (at: Int, found: Bool) {
        let list = bySeq[Int(number)]
        if let last = list.last, rows[Int(last)].seq < seq { return (list.count, false) }
        let at = list.partitionPoint { rows[Int($0)].seq < seq }
        return (at, at < list.count && rows[Int(list[at])].seq == seq)
    }

    private func row(station number: UInt32, seq: UInt64) -> Int32? {
        let slot = seqSlot(station: number, seq: seq)
        return slot.found ? bySeq[Int(number)][slot.at] : nil
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
        guard holdsText else {
            throw EncodingError.invalidValue(self, .init(codingPath: encoder.codingPath, debugDescription: "the log's text was not read"))
        }
        try Dictionary(entries.map { ($0.key, $0.entry) }, uniquingKeysWith: { a, _ in a }).encode(to: encoder)
    }
}

/// Rows oldest first with their numbers and text as one block: read back in
/// order, with every length and number checked against what was read.
extension LogBook: SnapshotCodable {
    public func encode(snapshot e: SnapshotEncoder) throws {
        guard holdsText else { throw SnapshotDecodingError("the log's text was not read, so this state is not written to a snapshot") }
        e.count(stations.count)
        for station in stations { e.string(station) }
        e.count(order.count)
        func length(_ r: Row) -> Int { Int(r.textLength) + Int(r.detailLength) + Int(r.counterpartLength) + Int(r.operatorLength) }
        for index in order {
            let r = rows[Int(index)]
            e.u64(r.time); e.u64(r.seq); e.u64(UInt64(bitPattern: r.due)); e.u32(r.station)
            e.u32(r.textLength); e.u32(r.detailLength); e.u32(r.counterpartLength); e.u32(r.operatorLength)
            e.byte(Self.kindNumber(r.kind))
            try e.flushIfFull()
        }
        // The text in the rows' order, written where it lies (not gathered into a copy first).
        e.count(order.reduce(0) { $0 + length(rows[Int($1)]) })
        for index in order {
            let r = rows[Int(index)]
            e.raw(text[r.textStart..<(r.textStart + length(r))])
            try e.flushIfFull()
        }
    }

    public init(snapshot d: SnapshotDecoder) throws {
        self.init()
        for _ in 0..<(try d.count()) { _ = stationNumber(try d.string()) }
        let n = try d.count()
        // Each row takes 45 bytes in the file: a count beyond what the bytes left can hold is refused below.
        rows.reserveCapacity(min(n, d.remaining / 45))
        order.reserveCapacity(min(n, d.remaining / 45))
        var start = 0
        for i in 0..<n {
            let time = try d.u64(), seq = try d.u64(), due = Int64(bitPattern: try d.u64()), station = try d.u32()
            let textLength = try d.u32(), detailLength = try d.u32(), counterpartLength = try d.u32(), operatorLength = try d.u32()
            guard Int(station) < stations.count, let kind = Self.kind(try d.byte()) else {
                throw SnapshotDecodingError("log row \(i) names no station or kind, before byte \(d.position)")
            }
            let row = Row(time: time, seq: seq, due: due, textStart: start, station: station, textLength: textLength,
                          detailLength: detailLength, counterpartLength: counterpartLength, operatorLength: operatorLength, kind: kind)
            if let last = rows.last, !Self.precedes(last, row, stations) {
                throw SnapshotDecodingError("log row \(i) out of time order, before byte \(d.position)")
            }
            start += Int(textLength) + Int(detailLength) + Int(counterpartLength) + Int(operatorLength)
            bySeq[Int(station)].append(Int32(i))
            rows.append(row)
            order.append(Int32(i))
        }
        // Rows come in time order, and a station's records in sequence order with time, so each
        // list is in order already; one that is not (clocks that went back) is sorted, and none may repeat.
        let rows = self.rows
        for station in bySeq.indices {
            var list = bySeq[station]
            if zip(list, list.dropFirst()).contains(where: { rows[Int($0)].seq >= rows[Int($1)].seq }) {
                list.sort { rows[Int($0)].seq < rows[Int($1)].seq }
                if let repeated = zip(list, list.dropFirst()).first(where: { rows[Int($0)].seq == rows[Int($1)].seq }) {
                    throw SnapshotDecodingError("the log holds \(stations[station])/\(rows[Int(repeated.0)].seq) twice")
                }
                bySeq[station] = list
            }
        }
        let textLength = try d.count()
        guard textLength == start else { throw SnapshotDecodingError("log text of \(textLength) bytes for rows that need \(start)") }
        if d.skipsLogText {
            try d.skip(count: textLength)
            textBase = textLength
        } else {
            // Not checked as UTF-8 here: an entry's text is read with repair (String(decoding:)), never trusted raw.
            text = try d.raw(count: textLength)
        }
    }

    private static func kindNumber(_ kind: LogEntry.Kind) -> UInt8 {
        switch kind { case .note: 0; case .callIn: 1; case .callOut: 2; case .instruction: 3 }
    }

    private static func kind(_ n: UInt8) -> LogEntry.Kind? {
        switch n { case 0: .note; case 1: .callIn; case 2: .callOut; case 3: .instruction; default: nil }
    }
}
