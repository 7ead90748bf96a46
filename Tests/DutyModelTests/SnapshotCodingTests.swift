import Foundation
import ConsoleTestSupport
import Testing
@testable import DutyModel

/// The folded state's binary form (cache/state.snapshot): reading back what
/// was written gives the same state, and a fold that goes on from it ends
/// where a fold of everything ends, whatever the order of the rest.
@Suite struct SnapshotCodingTests {
    @Test(arguments: 0..<10)
    func aStateReadsBackEqual(seed: Int) throws {
        var generator = EventGenerator(seed: UInt64(seed) + 500)
        let state = fold(generator.events(150))
        let bytes = try SnapshotCoding.encode(state)
        let back = try SnapshotCoding.decode(DutyState.self, from: bytes)
        #expect(back == state, "seed \(seed): \(difference(back, state))")
        #expect(back.eventCount == state.eventCount)
        #expect(back.stationSequences == state.stationSequences)
    }

    /// Fold from a snapshot + the rest = fold of everything (the order-free
    /// property, with the snapshot path in the middle): duplicates of events
    /// the snapshot holds change nothing.
    @Test(arguments: 0..<10)
    func foldFromASnapshotEqualsTheWholeFold(seed: Int) throws {
        var generator = EventGenerator(seed: UInt64(seed) + 900)
        let events = generator.events(160)
        let reference = fold(events)
        var rng = SplitMix64(seed: UInt64(seed) &* 31)
        let cut = Int.random(in: 0...events.count, using: &rng)
        let snapshot = try SnapshotCoding.encode(fold(Array(events[..<cut])))
        var state = try SnapshotCoding.decode(DutyState.self, from: snapshot)
        var rest = Array(events[cut...]) + events[..<cut].filter { _ in Bool.random(using: &rng) }
        rest.shuffle(using: &rng)
        for event in rest { state.apply(event) }
        #expect(state == reference, "seed \(seed), cut \(cut): \(difference(state, reference))")
        #expect(state.eventCount == events.count)
    }

    @Test func everyEventKindSurvives() throws {
        var generator = EventGenerator(seed: 77)
        var state = DutyState()
        for type in EventType.allCases { for _ in 0..<4 { state.apply(generator.event(type)) } }
        let back = try SnapshotCoding.decode(DutyState.self, from: try SnapshotCoding.encode(state))
        #expect(back == state, "\(difference(back, state))")
    }

    /// Cut anywhere or with a byte changed, it is refused or reads as some
    /// state — never a crash; the CRC around it (CacheFile) refuses damage first.
    @Test func damagedBytesAreRefusedNotTrapped() throws {
        var generator = EventGenerator(seed: 5)
        let bytes = try SnapshotCoding.encode(fold(generator.events(60)))
        var refused = 0
        for cut in stride(from: 0, to: bytes.count, by: max(1, bytes.count / 200)) {
            if (try? SnapshotCoding.decode(DutyState.self, from: Array(bytes[..<cut]))) == nil { refused += 1 }
        }
        #expect(refused == (0..<bytes.count).filter { $0 % max(1, bytes.count / 200) == 0 }.count, "every cut is refused")
        var rng = SplitMix64(seed: 9)
        for _ in 0..<300 {
            var flipped = bytes
            flipped[Int.random(in: 0..<bytes.count, using: &rng)] ^= UInt8.random(in: 1...255, using: &rng)
            _ = try? SnapshotCoding.decode(DutyState.self, from: flipped)
        }
    }
}

/// Many interned strings, the last one named again in the very last bytes:
/// a string's number is not a length and may exceed the bytes left (a
/// station with 50,000 incidents whose ids resource moves intern, #19).
private struct ManyNames: Codable, SnapshotCodable, Equatable {
    var names: [String]
    var last: String

    init(names: [String]) {
        self.names = names
        last = names.last ?? ""
    }

    func encode(snapshot e: SnapshotEncoder) throws {
        e.count(names.count)
        for name in names { e.interned(name) }
        e.interned(last)
    }

    init(snapshot d: SnapshotDecoder) throws {
        let n = try d.count()
        names = try (0..<n).map { _ in try d.internedString() }
        last = try d.internedString()
    }
}

@Suite struct SnapshotInterningTests {
    @Test func aStringsNumberMayExceedTheBytesLeft() throws {
        let value = ManyNames(names: (0..<1_000).map { "TZ-20261123-\($0)" })
        let bytes = try SnapshotCoding.encode(value)
        let back = try SnapshotCoding.decode(ManyNames.self, from: bytes)
        #expect(back == value)
    }
}
