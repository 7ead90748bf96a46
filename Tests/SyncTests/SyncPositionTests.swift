import ConsoleTestSupport
import DutyModel
import Foundation
import Testing
@testable import Journal
@testable import Sync

/// Sync from remembered positions: a copy opened from its cached position pulls
/// and publishes what is new exactly as a copy read whole does, and a position
/// that no longer holds is not used.
@Suite(.serialized) struct SyncPositionTests {
    /// More than 1 MiB of notes, appended without fdatasync (a fixture).
    static func fill(_ s: TestStation, count: Int = 3_000) throws {
        s.journal.syncsAppends = false
        let text = String(repeating: "兴化市应急管理局值班记录：沙沟镇水位上涨。", count: 6)
        let batch = try (0..<count).map { i -> NewRecord in
            var entry = Zhiban_Events_V1_LogEntryAdded()
            entry.text = "\(text) \(i)"
            return NewRecord(eventType: EventType.logEntryAdded.rawValue, payloadVersion: 1, payload: try EventCodec.encode(entry), operatorName: "王芳")
        }
        try s.journal.append(batch: batch, now: TestStation.t0)
        s.journal.syncsAppends = true
    }

    /// A (3,000 records, published to the folder) and B, trusting each other.
    static func pairWithFilledFolder(in base: URL) throws -> (a: TestStation, b: TestStation, folder: String) {
        let a = try TestStation("兴化", in: base), b = try TestStation("泰州", in: base)
        try a.trust(b); try b.trust(a)
        try fill(a)
        let folder = base.appendingPathComponent("usb").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        _ = try a.sync(folder)
        return (a, b, folder)
    }

    @Test func aCopyOpenedFromItsPositionPullsAndPublishesOnlyWhatIsNew() throws {
        let base = temp("zb-syncpos")
        let (a, b, folder) = try Self.pairWithFilledFolder(in: base)
        let first = try b.sync(folder)
        #expect(first.peers.first { $0.id == a.station.id.description }?.recordsIn == 3_000)
        // The next open of B's copy of A reads it whole (over 1 MiB) and remembers where it ended.
        let header = FeedHeader(publicKey: a.station.publicKey)
        let cachePath = b.station.paths.position(a.station.id)
        let whole = try FeedCopy(path: b.station.paths.feed(a.station.id), header: header, positionCache: cachePath)
        #expect(whole.openedFrom == nil)
        #expect(FileManager.default.fileExists(atPath: cachePath))

        // A writes three more; B pulls exactly those, from the remembered position.
        for i in 1...3 { try a.note("新记录 \(i)") }
        _ = try a.sync(folder)
        let reopened = try FeedCopy(path: b.station.paths.feed(a.station.id), header: header, positionCache: cachePath)
        #expect(reopened.openedFrom == whole.position)
        let second = try b.sync(folder)
        #expect(second.peers.first { $0.id == a.station.id.description }?.recordsIn == 3)
        #expect(b.state.log.count == a.state.log.count)
        // Opened from the position, the copy still reads all history when asked for.
        let copy = try FeedCopy(path: b.station.paths.feed(a.station.id), header: header, positionCache: cachePath)
        #expect(copy.records == (try FeedCopy(path: b.station.paths.feed(a.station.id), header: header)).records)
        #expect(try copy.readRecords(after: 0).count == 3_003)

        // Publishing into a new, empty folder writes the whole feed, and into one that holds part of it, the rest.
        let other = base.appendingPathComponent("usb2").path
        try FileManager.default.createDirectory(atPath: other, withIntermediateDirectories: true)
        let out = try b.sync(other)
        #expect(out.peers.first { $0.id == a.station.id.description }?.recordsOut == 3_003)
        let aFeed = try Data(contentsOf: URL(fileURLWithPath: a.journal.path))
        let published = try Data(contentsOf: URL(fileURLWithPath: other + "/\(a.station.id).log"))
        #expect(published == aFeed.prefix(published.count) && published.count == a.journal.position.end)
        let cut = copy.records[1_000].end + 17  // inside a record: the folder's torn tail is completed
        truncate(other + "/\(a.station.id).log", off_t(cut))
        let again = try b.sync(other)
        #expect(again.peers.first { $0.id == a.station.id.description }?.recordsOut == 3_003 - 1_001)
        #expect(try Data(contentsOf: URL(fileURLWithPath: other + "/\(a.station.id).log")) == published)
    }

    /// The sync itself (not only a FeedCopy made by hand) starts from the remembered
    /// position: a byte changed in old history, before it, is not read, so the three new
    /// records come in (a sync that read the copy whole would stop at that damage).
    /// Old history is `verify`'s to check, not every sync's.
    @Test func aSyncReadsTheCopyFromItsRememberedPosition() throws {
        let base = temp("zb-syncpos-only")
        let (a, b, folder) = try Self.pairWithFilledFolder(in: base)
        _ = try b.sync(folder)
        let copyPath = b.station.paths.feed(a.station.id)
        let header = FeedHeader(publicKey: a.station.publicKey)
        let whole = try FeedCopy(path: copyPath, header: header, positionCache: b.station.paths.position(a.station.id))
        #expect(whole.openedFrom == nil && whole.problem == nil)
        // One byte inside the tenth record's body, long before the remembered position.
        var bytes = Array(try Data(contentsOf: URL(fileURLWithPath: copyPath)))
        bytes[whole.records[9].offset + FeedFormat.frameOverhead + 20] ^= 0x40
        try Data(bytes).write(to: URL(fileURLWithPath: copyPath))
        #expect(try FeedCopy(path: copyPath, header: header).problem != nil, "read whole, the copy is damaged")

        for i in 1...3 { try a.note("新记录 \(i)") }
        _ = try a.sync(folder)
        let second = try b.sync(folder)
        #expect(second.peers.first { $0.id == a.station.id.description }?.recordsIn == 3)
    }

    @Test func aPositionTheCopyNoLongerHoldsIsNotUsed() throws {
        let base = temp("zb-syncpos-stale")
        let a = try TestStation("兴化", in: base), b = try TestStation("泰州", in: base)
        try b.trust(a)
        try Self.fill(a)
        let folder = base.appendingPathComponent("usb").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        _ = try a.sync(folder)
        _ = try b.sync(folder)
        let header = FeedHeader(publicKey: a.station.publicKey)
        let cachePath = b.station.paths.position(a.station.id)
        let copyPath = b.station.paths.feed(a.station.id)
        let whole = try FeedCopy(path: copyPath, header: header, positionCache: cachePath)
        // The copy cut back (restored from an older backup): the position is past its end.
        let cut = whole.records[1_500].end
        truncate(copyPath, off_t(cut))
        let shorter = try FeedCopy(path: copyPath, header: header, positionCache: cachePath)
        #expect(shorter.openedFrom == nil)
        #expect(shorter.lastSequence == 1_501)
        // And the next sync brings it back up to date.
        let report = try b.sync(folder)
        #expect(report.peers.first { $0.id == a.station.id.description }?.recordsIn == 3_000 - 1_501)
        #expect(b.state.log.count == a.state.log.count)
    }
}
