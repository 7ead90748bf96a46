import ConsoleTestSupport
import DutyModel
import Foundation
import Journal
import Station
import Sync
import Testing

/// cache/: the journal's remembered position and note's shift facts. Each is
/// a shortcut that must give the answer a full read gives, and must be
/// rebuilt, never trusted, when it is missing, damaged, stale or foreign.
@Suite(.serialized) struct CacheTests {
    static let now = StationCoreTests.now

    static func newStation(_ name: String = "泰州市应急管理局总值班室", in base: URL? = nil) throws -> DutyStation {
        try StationCoreTests.newStation(name, in: base)
    }

    /// More than 1 MiB of duty-log entries, written without fdatasync (a fixture).
    static func fillPastOneMiB(_ station: DutyStation) throws {
        station.journal.syncsAppends = false
        let text = String(repeating: "市气象台来电：今夜有大到暴雨，请各地做好防范。", count: 3)
        for batch in 0..<8 {
            try station.write((0..<512).map { .logEntry(kind: .note, text: "\(text) \(batch)-\($0)") }, operatorName: "王芳", now: now)
        }
        station.journal.syncsAppends = true
    }

    static func positionFile(_ station: DutyStation) -> String { station.paths.cache + "/feed-\(station.id).position" }

    static func open(_ station: DutyStation) throws -> Journal {
        try Journal(station: StationFolder.open(at: station.paths.root), now: now)
    }

    @Test func aJournalOpensFromItsRememberedPositionAndReadsOnlyWhatIsNew() throws {
        let station = try Self.newStation()
        try Self.fillPastOneMiB(station)
        // The first open reads everything (more than 1 MiB) and remembers where it ended.
        let first = try Self.open(station)
        #expect(first.openedFrom == nil)
        #expect(FileManager.default.fileExists(atPath: Self.positionFile(station)))
        let remembered = first.position
        try station.write([.logEntry(kind: .note, text: "新的一条"), .logEntry(kind: .note, text: "又一条")], operatorName: "李强", now: Self.now)

        let second = try Self.open(station)
        #expect(second.openedFrom == remembered, "opened from the cached position")
        #expect(second.lastSequence == station.journal.lastSequence)
        #expect(second.lastTime == station.journal.lastTime)
        #expect(second.position == station.journal.position)
        // What is new is read without indexing all history; all history when asked for.
        #expect(try second.readRecords(after: remembered.sequence).map(\.operatorName) == ["李强", "李强"])
        let full = Array(try Data(contentsOf: URL(fileURLWithPath: station.journal.path))).withUnsafeBytes { FeedScanner.scan($0) }
        #expect(second.records == full.records)
        #expect(second.rereadCount == 0)
        // It appends on top as any journal does.
        try second.append(NewRecord(.logEntry(kind: .note, text: "第三条"), operatorName: "李强"), now: Self.now)
        #expect(try Self.open(station).lastSequence == remembered.sequence + 3)
    }

    @Test func aDamagedForgedOrForeignPositionIsNotUsed() throws {
        let station = try Self.newStation()
        try Self.fillPastOneMiB(station)
        _ = try Self.open(station)
        let path = Self.positionFile(station)
        let good = try Data(contentsOf: URL(fileURLWithPath: path))
        let expected = station.journal.position

        func opensWhole(_ why: String) throws {
            let journal = try Self.open(station)
            #expect(journal.openedFrom == nil, "\(why): not used")
            #expect(journal.position == expected, "\(why): the same end as a full read")
            #expect(journal.damage == nil)
        }
        // A byte flipped: the checksum catches it.
        var flipped = good
        flipped[flipped.count / 2] ^= 0x40
        try flipped.write(to: URL(fileURLWithPath: path))
        try opensWhole("flipped byte")
        // Cut short.
        try good.prefix(20).write(to: URL(fileURLWithPath: path))
        try opensWhole("truncated")
        // Intact, but naming a hash the feed does not hold there (a forged or stale cache).
        var forged = expected
        forged.hash[0] ^= 1
        try CacheFile.write(forged.encoded, to: path, kind: "feed-position", version: 1, station: station.id)
        try opensWhole("wrong hash")
        // Past the feed's end.
        var beyond = expected
        beyond.end += 400
        try CacheFile.write(beyond.encoded, to: path, kind: "feed-position", version: 1, station: station.id)
        try opensWhole("beyond the end")
        // Another station's, or another format version.
        let other = try Self.newStation("兴化市应急管理局值班室")
        try CacheFile.write(expected.encoded, to: path, kind: "feed-position", version: 1, station: other.id)
        try opensWhole("another station")
        try CacheFile.write(expected.encoded, to: path, kind: "feed-position", version: 2, station: station.id)
        try opensWhole("version 2")
    }

    @Test func aFeedRepairedBehindTheCacheIsReadAgain() throws {
        let station = try Self.newStation()
        try Self.fillPastOneMiB(station)
        let opened = try Self.open(station)
        let cut = opened.records[opened.records.count - 10].offset
        // The last ten records go (as a repair would move them), and two others are written in their place.
        truncate(station.journal.path, off_t(cut))
        let rewritten = try Self.open(station)
        #expect(rewritten.openedFrom == nil, "the position is past the end: not used")
        #expect(rewritten.lastSequence == opened.lastSequence - 10)
        try rewritten.append(batch: [NewRecord(.logEntry(kind: .note, text: "甲"), operatorName: "李强"),
                                     NewRecord(.logEntry(kind: .note, text: "乙"), operatorName: "李强")], now: Self.now)
        // The cache may still name the old record at an offset now holding another: it must not be used.
        let again = try Self.open(station)
        #expect(again.lastSequence == opened.lastSequence - 8)
        #expect(try again.readRecords(after: again.lastSequence - 2).map(\.operatorName) == ["李强", "李强"])
    }

    // MARK: Who is on shift

    /// The answer a full fold gives.
    static func foldedOperator(_ root: String, at now: Date) throws -> String {
        let station = try DutyStation.open(at: root, now: now, holder: "test")
        _ = station.state
        return station.operatorName(at: now, fallback: "fallback")
    }

    static func cachedOperator(_ root: String, at now: Date) throws -> String {
        try DutyStation.open(at: root, now: now, holder: "test").operatorName(at: now, fallback: "fallback")
    }

    @Test func noteFindsTheCheckedInOperatorFromItsCacheAsTheFoldDoes() throws {
        let base = TestPaths.temporaryDirectory("zb-shift")
        let station = try Self.newStation(in: base)
        let root = station.paths.root
        let slot = ShiftPattern.daily0830.slot(at: Self.now, timeZone: station.timeZone)
        #expect(try Self.cachedOperator(root, at: Self.now) == "fallback")
        try station.write(.checkIn(slot: slot, present: ["李强", "宋佳"], operatorName: "李强"), operatorName: "李强", now: Self.now)
        #expect(try Self.cachedOperator(root, at: Self.now) == "李强")
        #expect(FileManager.default.fileExists(atPath: station.paths.cache + "/shift-facts"))
        // A later check-in for the same shift, then history past 1 MiB: read from the cache plus the tail.
        try station.write(.checkIn(slot: slot, present: ["宋佳"], operatorName: "宋佳"), operatorName: "宋佳", now: Self.now)
        try Self.fillPastOneMiB(station)
        #expect(try Self.cachedOperator(root, at: Self.now) == "宋佳")
        #expect(try Self.foldedOperator(root, at: Self.now) == "宋佳")

        // The cache damaged in every way: rebuilt, the same answer.
        let path = station.paths.cache + "/shift-facts"
        let good = try Data(contentsOf: URL(fileURLWithPath: path))
        var flipped = good
        flipped[flipped.count - 10] ^= 0x01
        for bad in [Data(), good.prefix(30), flipped, Data("not a cache".utf8)] {
            try bad.write(to: URL(fileURLWithPath: path))
            #expect(try Self.cachedOperator(root, at: Self.now) == "宋佳")
        }
        try FileManager.default.removeItem(atPath: path)
        #expect(try Self.cachedOperator(root, at: Self.now) == "宋佳")
        // A symbolic link in its place is not read through, and is replaced, not written through.
        let outside = TestPaths.temporaryDirectory("zb-outside").appendingPathComponent("target").path
        try Data("outside the station".utf8).write(to: URL(fileURLWithPath: outside))
        try FileManager.default.removeItem(atPath: path)
        try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: outside)
        #expect(try Self.cachedOperator(root, at: Self.now) == "宋佳")
        #expect(try String(contentsOfFile: outside, encoding: .utf8) == "outside the station")
        #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: path)) == nil, "the link was replaced by the cache file")

        // A trusted peer changes the shift pattern to day and night (08:30, 17:30): at 22:00 the
        // night shift is on, and no one checked in for it here.
        let peer = try Self.newStation("兴化市应急管理局值班室", in: base)
        var pattern = Zhiban_Events_V1_ShiftPatternSet()
        pattern.changeTimes = ["08:30", "17:30"]
        try peer.write(EventDraft(pattern), operatorName: "陈静", now: Self.now)
        let night = Self.now.addingTimeInterval(8 * 3600)
        #expect(try Self.cachedOperator(root, at: night) == "宋佳", "the peer is not trusted yet: daily 08:30")
        try station.trust.add(try PeerKey.parse(peer.folder.publicKeyLine).get())
        try FileManager.default.copyItem(atPath: peer.journal.path, toPath: station.paths.feed(peer.id))
        #expect(try Self.foldedOperator(root, at: night) == "fallback")
        #expect(try Self.cachedOperator(root, at: night) == "fallback")
        #expect(try Self.cachedOperator(root, at: Self.now) == "宋佳", "the day shift is still 宋佳's")
    }

    @Test func aShiftOlderThanTheCacheKeepsIsAnsweredByTheFullFold() throws {
        let station = try Self.newStation()
        let root = station.paths.root
        // Seventy days of check-ins: the cache keeps the newest 64 shifts.
        var drafts: [EventDraft] = []
        for day in 0..<70 {
            let at = Self.now.addingTimeInterval(Double(day) * 86_400)
            drafts.append(.checkIn(slot: ShiftPattern.daily0830.slot(at: at, timeZone: station.timeZone), present: ["值班员\(day)"],
                                   operatorName: "值班员\(day)"))
        }
        try station.write(drafts, operatorName: "王芳", now: Self.now)
        for day in [0, 3, 5, 6, 40, 69] {
            let at = Self.now.addingTimeInterval(Double(day) * 86_400)
            #expect(try Self.cachedOperator(root, at: at) == "值班员\(day)")
            #expect(try Self.foldedOperator(root, at: at) == "值班员\(day)")
        }
    }
}
