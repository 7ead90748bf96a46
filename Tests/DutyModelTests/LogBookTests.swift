import Foundation
import ConsoleTestSupport
import Testing
@testable import DutyModel

/// The duty log's time-ordered index: positions, keys and order whatever the
/// order entries were folded in, one at a time or in batches.
@Suite struct LogBookTests {
    func entries(_ n: Int, seed: UInt64) -> [LogEntry] {
        var rng = SplitMix64(seed: seed)
        let stations = ["aaaaaaaaaaaaaaaa", "bbbbbbbbbbbbbbbb", "cccccccccccccccc"]
        var seqs: [String: UInt64] = [:]
        return (0..<n).map { i in
            let station = stations[Int.random(in: 0..<3, using: &rng)]
            seqs[station, default: 0] += 1
            // Times collide on purpose: the station id and sequence break ties.
            let time = UInt64(Int.random(in: 0..<(n / 2 + 1), using: &rng)) << 16
            return LogEntry(stamp: Stamp(time: time, station: station, seq: seqs[station]!), kind: .note, text: "第\(i)条 entry",
                            detail: i % 3 == 0 ? "详情\n第二行" : "", counterpart: "", dueAtMs: 0, operatorName: "王芳")
        }
    }

    @Test(arguments: [0, 1, 2, 3])
    func positionsFollowStampsAndKeysFindThem(seed: Int) {
        let all = entries(300, seed: UInt64(seed))
        var one = LogBook(), batched = LogBook()
        for e in all { one.insert(e) }
        for e in all { batched.insert(e, batch: true) }
        batched.settle()
        let sorted = all.sorted { $0.stamp > $1.stamp }
        for book in [one, batched] {
            #expect(book.count == all.count)
            for (position, expected) in sorted.enumerated() {
                let (key, entry) = book.entry(at: position)
                #expect(entry == expected)
                #expect(key == "\(expected.stamp.station)/\(expected.stamp.seq)")
                #expect(book.position(of: key) == position, "key \(key) at \(position)")
                #expect(book[key] == expected)
            }
        }
        #expect(one == batched)
        #expect(one.position(of: "nobody/1") == nil && one["zzzzzzzzzzzzzzzz/1"] == nil)
    }

    @Test func aSecondCopyOfAnEntryChangesNothing() {
        let all = entries(20, seed: 9)
        var book = LogBook()
        for e in all + all { book.insert(e) }
        #expect(book.count == 20)
    }

    @Test func readsBackFromASnapshot() throws {
        var book = LogBook()
        for e in entries(200, seed: 4) { book.insert(e) }
        struct Holder: Codable { var state: DutyState }
        var state = DutyState()
        state.log = book
        let back = try SnapshotCoding.decode(DutyState.self, from: try SnapshotCoding.encode(state))
        #expect(back.log == book)
        for position in 0..<book.count { #expect(back.log.position(of: book.entry(at: position).key) == position) }
    }
}
