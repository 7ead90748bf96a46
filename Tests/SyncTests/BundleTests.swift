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
        // The damaged record is the last one: still damage (a bundle is made whole), named with its offset,
        // and a rejection, so `zhiban import` exits 3 (#17 §4).
        #expect(peer.rejected.contains { $0.contains("byte") && $0.contains("checksum") }, "\(peer)")
        #expect(bad.hasRejections)
        // Cut inside the last record, the entry's length shortened to match: rejected too, not a tail.
        var short = Array(bundle.dropLast(10))
        let lengthAt = 8 + 2 + FeedFormat.headerLength + 8
        var length = UInt64(0)
        for i in 0..<8 { length |= UInt64(short[lengthAt + i]) << (8 * UInt64(i)) }
        #expect(Int(length) == bundle.count - lengthAt - 8, "one entry: the station's own feed")
        length -= 10
        for i in 0..<8 { short[lengthAt + i] = UInt8(truncatingIfNeeded: length >> (8 * UInt64(i))) }
        let c = try TestStation("兴化", in: base)
        try c.trust(a)
        let shortReport = try SyncBundle.importBundle(short, into: c.station, path: "short.zb")
        #expect(shortReport.hasRejections, "\(shortReport.peers)")
        #expect(shortReport.peers.first { $0.id == a.station.id.description }?.recordsIn == 2)
        #expect(b.state.log.count == 2)
    }

    /// #17 §4: made and read a piece at a time, a bundle of many pieces comes
    /// out byte for byte as one made whole, and imports every record though
    /// records run across the pieces' edges.
    @Test func aBundleOfManyPiecesMatchesOneMadeWhole() throws {
        let (a, b, base) = try pair()
        defer { try? FileManager.default.removeItem(at: base) }
        let long = String(repeating: "泰州市气象台来电，", count: 400)
        for i in 1...300 { try a.note("\(i) \(long)") }
        let whole = try SyncBundle.make(station: a.station, since: nil)
        #expect(whole.bytes.count > 3 * (FeedFormat.maximumBodyLength + 16), "several of the smallest pieces")
        var pieces: [[UInt8]] = []
        let made = try SyncBundle.write(station: a.station, since: nil, pieceBytes: 100_000) { pieces.append($0) }
        #expect(pieces.count > 30)
        #expect(Array(pieces.joined()) == whole.bytes)
        #expect(made.records == 300 && made.feeds == 1)
        var reads = 0
        let source = SyncBundle.Source(size: whole.bytes.count) { offset, count in
            reads += 1
            return Array(whole.bytes[offset..<min(whole.bytes.count, offset + count)])
        }
        let report = try SyncBundle.importBundle(from: source, into: b.station, path: "pieces.zb", pieceBytes: 1)
        #expect(!report.hasRejections && report.problems.isEmpty, "\(report.peers) \(report.problems)")
        #expect(report.peers.first { $0.id == a.station.id.description }?.recordsIn == 300)
        #expect(reads > 3, "read a piece at a time, not whole")
        #expect(b.state.log.count == 300)
    }
}
