import DutyModel
import Foundation
import Testing
@testable import Journal
@testable import Sync

@Suite struct BundleTests {
    func pair() throws -> (a: TestStation, b: TestStation, base: URL) {
        let base = temp("zb-bundle")
        let a = try TestStation("泰州", in: base), b = try TestStation("靖江", in: base)
        try a.trust(b); try b.trust(a)
        return (a, b, base)
    }

    @Test func fullBundleThenOnlyWhatThePeerLacks() throws {
        let (a, b, base) = try pair()
        defer { try? FileManager.default.removeItem(at: base) }
        for i in 1...4 { try a.note("a\(i)") }
        let full = try SyncBundle.make(station: a.station, since: nil)
        #expect(full.records == 4)
        let report = try SyncBundle.importBundle(full.bytes, into: b.station, path: "full.zb")
        #expect(report.peers.first { $0.id == a.station.id.description }?.recordsIn == 4)
        // Importing the same bundle again changes nothing.
        #expect(try SyncBundle.importBundle(full.bytes, into: b.station, path: "full.zb").peers.allSatisfy { $0.recordsIn == 0 })
        try a.note("a5")
        let since = try SyncBundle.make(station: a.station, since: [a.station.id: 4])
        #expect(since.records == 2, "the last known record travels again so the receiver can check the join")
        #expect(since.bytes.count < full.bytes.count)
        let more = try SyncBundle.importBundle(since.bytes, into: b.station, path: "since.zb")
        #expect(more.peers.first { $0.id == a.station.id.description }?.recordsIn == 1)
        #expect(b.state.log.count == 5)
    }

    @Test func damagedBundlesAreRejectedWithOffsetsAndNothingBadIsTaken() throws {
        let (a, b, base) = try pair()
        defer { try? FileManager.default.removeItem(at: base) }
        for i in 1...3 { try a.note("a\(i)") }
        let bundle = try SyncBundle.make(station: a.station, since: nil).bytes
        #expect(throws: SyncError.self) { try SyncBundle.importBundle([1, 2, 3], into: b.station, path: "junk") }
        // Cut in the middle: the entry is incomplete and nothing is taken from it.
        let cut = try SyncBundle.importBundle(Array(bundle.prefix(bundle.count - 20)), into: b.station, path: "cut.zb")
        #expect(cut.problems.contains { $0.contains("cut short") })
        // A flipped byte inside a record: the records before it come in, the rest is rejected.
        var flipped = bundle
        flipped[flipped.count - 30] ^= 0x55
        let bad = try SyncBundle.importBundle(flipped, into: b.station, path: "flip.zb")
        let peer = try #require(bad.peers.first { $0.id == a.station.id.description })
        #expect(peer.recordsIn == 2)
        // The damaged record is the last one, so it reads as a torn tail: named with its offset.
        #expect((peer.notes + peer.rejected).contains { $0.contains("byte") && $0.contains("checksum") }, "\(peer)")
        #expect(b.state.log.count == 2)
    }
}
