import ConsoleTestSupport
import Foundation
import Testing
@testable import DutyModel

/// The snapshot read a piece at a time (a station of a million records is not
/// held twice in memory), the duty log's text stepped over for counts, and
/// the warning chains joined by numbers: each gives what the plain way gives.
@Suite struct SnapshotStreamTests {
    /// The bytes of `bytes`, handed out `piece` at a time (fewer at the end), as a file is.
    static func source(_ bytes: [UInt8], piece: Int) -> (UnsafeMutableRawBufferPointer) throws -> Int {
        final class Cursor: @unchecked Sendable { var at = 0 }
        let cursor = Cursor()
        return { buffer in
            let n = min(buffer.count, piece, bytes.count - cursor.at)
            guard n > 0 else { return 0 }
            bytes.withUnsafeBytes { buffer.baseAddress!.copyMemory(from: $0.baseAddress! + cursor.at, byteCount: n) }
            cursor.at += n
            return n
        }
    }

    /// Windows far smaller than a value (the log's text is one value of
    /// kilobytes here, of megabytes at a million records), sources that hand
    /// out a few bytes per call: the same state as decoding from memory.
    @Test(arguments: [(0, 64, 7), (1, 64, 1), (2, 256, 100), (3, 4096, 4096), (4, 100, 3)])
    func aStateReadInPiecesIsTheStateReadWhole(seed: Int, window: Int, piece: Int) throws {
        var generator = EventGenerator(seed: UInt64(seed) + 4200)
        let state = fold(generator.events(200))
        let bytes = try SnapshotCoding.encode(state)
        let decoder = SnapshotDecoder(length: bytes.count, windowSize: window, source: Self.source(bytes, piece: piece))
        let back = try decoder.decodeValue(DutyState.self)
        try decoder.finish()
        #expect(back == state, "seed \(seed), window \(window): \(difference(back, state))")
        #expect(back.log.holdsText)
    }

    /// Written through a sink in pieces, the bytes are those written whole.
    @Test func aStateWrittenInPiecesIsTheStateWrittenWhole() throws {
        var generator = EventGenerator(seed: 4300)
        let state = fold(generator.events(300))
        final class Sink: @unchecked Sendable { var bytes: [UInt8] = []; var pieces = 0 }
        let sink = Sink()
        // Pieces of about 256 bytes: many flushes, inside lists, dictionaries and the log's rows and text.
        try SnapshotCoding.encode(state, prefix: [1, 2, 3], pieceSize: 256) { sink.bytes += $0; sink.pieces += 1 }
        let whole = try SnapshotCoding.encode(state)
        #expect(sink.bytes == [1, 2, 3] + whole)
        #expect(sink.pieces > whole.count / 1024, "written in many pieces, not one")
    }

    /// Cut short or damaged, a streamed read throws (the CRC around it refuses damage first).
    @Test func aShortSourceIsRefusedNotTrapped() throws {
        var generator = EventGenerator(seed: 4400)
        let bytes = try SnapshotCoding.encode(fold(generator.events(80)))
        for cut in stride(from: 0, to: bytes.count, by: max(1, bytes.count / 60)) {
            // The length promised is the whole, the source ends early.
            let decoder = SnapshotDecoder(length: bytes.count, windowSize: 64, source: Self.source(Array(bytes[..<cut]), piece: 50))
            #expect(throws: SnapshotDecodingError.self) {
                _ = try decoder.decodeValue(DutyState.self)
                try decoder.finish()
            }
        }
    }

    /// `skipsLogText`: every count as before, the entries there with their
    /// stamps and kinds, their text empty; such a state is never written back.
    @Test func theLogsTextCanBeSteppedOver() throws {
        var generator = EventGenerator(seed: 4500)
        let state = fold(generator.events(250))
        try #require(state.log.count > 5, "the generator writes log entries")
        let bytes = try SnapshotCoding.encode(state)
        let decoder = SnapshotDecoder(length: bytes.count, windowSize: 128, source: Self.source(bytes, piece: 128))
        decoder.skipsLogText = true
        var counts = try decoder.decodeValue(DutyState.self)
        try decoder.finish()
        #expect(!counts.log.holdsText)
        #expect(counts.log.count == state.log.count && counts.incidents == state.incidents && counts.warnings == state.warnings)
        #expect(counts.eventCount == state.eventCount && counts.stationSequences == state.stationSequences)
        for position in 0..<counts.log.count {
            let (key, entry) = counts.log.entry(at: position)
            let (fullKey, full) = state.log.entry(at: position)
            #expect(key == fullKey && entry.stamp == full.stamp && entry.kind == full.kind && entry.text.isEmpty)
        }
        #expect(throws: (any Error).self) { _ = try SnapshotCoding.encode(counts) }
        // What folds in after it still has its text.
        var more = EventGenerator(seed: 4501)
        let later = more.events(40).filter { $0.type == EventType.logEntryAdded.rawValue }
        for event in later { counts.apply(event) }
        var reference = state
        for event in later { reference.apply(event) }
        #expect(counts.log.count == reference.log.count)
        if let newest = later.last, let key = reference.log.position(of: newest.id.description) {
            #expect(counts.log.entry(at: key).entry.text == reference.log.entry(at: key).entry.text)
        }
    }

    /// A station whose clock went back writes later sequence numbers at
    /// earlier times: its entries are still found by their key after a
    /// snapshot; the same entry twice in a snapshot is refused.
    @Test func aLogWhoseTimesGoBackIsFoundByKey() throws {
        var book = LogBook()
        let station = "abcdef0123456789"
        for seq in 1...50 {
            // Sequence order against time order: seq 1 newest.
            book.insert(LogEntry(stamp: Stamp(time: UInt64(10_000 - seq * 10), station: station, seq: UInt64(seq)), kind: .note,
                                 text: "第\(seq)条", detail: "", counterpart: "", dueAtMs: 0, operatorName: "王芳"))
        }
        let back = try SnapshotCoding.decode(LogBook.self, from: try SnapshotCoding.encode(book))
        #expect(back == book)
        for seq in [1, 17, 50] {
            #expect(back["\(station)/\(seq)"]?.text == "第\(seq)条")
            #expect(back.position(of: "\(station)/\(seq)") == book.position(of: "\(station)/\(seq)"))
        }
        #expect(back["\(station)/51"] == nil)
        var twice = back
        twice.insert(LogEntry(stamp: Stamp(time: 5, station: station, seq: 7), kind: .note, text: "重复", detail: "", counterpart: "",
                              dueAtMs: 0, operatorName: "王芳"))
        #expect(twice.count == back.count, "an entry with a key held is not added again")
    }

    // MARK: Warning chains

    /// The chains as they were grouped before (a dictionary union-find over
    /// keys, chains by their smallest key, each newest first).
    static func referenceChains(_ state: DutyState) -> [[String]] {
        var parent: [String: String] = [:]
        func root(_ key: String) -> String {
            var k = key
            while let p = parent[k], p != k { k = p }
            return k
        }
        func join(_ a: String, _ b: String) {
            let (ra, rb) = (root(a), root(b))
            if ra != rb { if ra < rb { parent[rb] = ra } else { parent[ra] = rb } }
        }
        let infos = state.warnings.values.compactMap(\.info.value)
        for info in infos {
            if parent[info.key] == nil { parent[info.key] = info.key }
            for ref in info.references {
                if parent[ref] == nil { parent[ref] = ref }
                join(info.key, ref)
            }
        }
        return Dictionary(grouping: infos, by: { root($0.key) }).sorted { $0.key < $1.key }.map { _, members in
            members.sorted { ($0.sentAt, $0.key) > ($1.sentAt, $1.key) }.map(\.key)
        }
    }

    @Test(arguments: 0..<8)
    func warningChainsAreTheChainsGroupedByKeys(seed: Int) throws {
        var rng = SplitMix64(seed: UInt64(seed) &+ 77)
        var state = DutyState()
        var keys: [String] = []
        let start = Date(timeIntervalSince1970: 1_795_932_300)
        for n in 0..<120 {
            // Some messages update or cancel others (held or not: "ghost" keys never arrive),
            // some share a sent time (the key breaks the tie).
            var references: [String] = []
            if !keys.isEmpty && Bool.random(using: &rng) { references.append(keys.randomElement(using: &rng)!) }
            if Int.random(in: 0..<10, using: &rng) == 0 { references.append("ghost,\(Int.random(in: 0..<5, using: &rng)),x") }
            let sentAt = start.addingTimeInterval(Double(Int.random(in: 0..<40, using: &rng)) * 60)
            let info = WarningInfo(identifier: "W\(n)", sender: "qxt@cma", sent: DutyTime.formatISO8601(sentAt), sentAt: sentAt,
                                   msgType: references.isEmpty ? .alert : (Bool.random(using: &rng) ? .update : .cancel),
                                   references: references, issuer: "meteorological", type: "rainstorm",
                                   color: WarningColor.allCases.randomElement(using: &rng), areas: ["兴化市"], towns: ["沙沟镇"],
                                   expires: sentAt.addingTimeInterval(3600), headline: "暴雨预警", source: .cap)
            keys.append(info.key)
            let event = StoredEvent(id: EventID(station: "aaaaaaaaaaaaaaaa", seq: UInt64(n + 1)),
                                    time: HLCTimestamp(milliseconds: UInt64(n + 1) * 1000, logical: 0), operatorName: "王芳",
                                    type: EventType.warningReceived.rawValue, payloadVersion: 1,
                                    payload: try EventCodec.encode(info.payload))
            state.apply(event)
        }
        let chains = state.warningChains()
        #expect(chains.map { $0.map(\.key) } == Self.referenceChains(state), "seed \(seed)")
        #expect(chains.reduce(0) { $0 + $1.count } == state.warnings.count)
        // In force without the chains passed: the same as with them.
        let now = start.addingTimeInterval(1800)
        #expect(state.activeWarnings(now: now).map(\.key) == state.activeWarnings(now: now, chains: chains).map(\.key))
    }
}
