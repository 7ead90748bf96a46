import ConsoleTestSupport
import DutyModel
import Foundation
import Testing
@testable import Journal
@testable import Sync

/// A station in a temp folder that trusts the others it is introduced to.
struct TestStation {
    let root: String
    let station: StationFolder
    let journal: Journal
    static let t0 = Date(timeIntervalSince1970: 1_795_500_000)

    init(_ name: String, in base: URL) throws {
        root = base.appendingPathComponent(name).path
        station = try StationFolder.create(at: root, name: name, code: "ZB")
        journal = try Journal(station: station, now: Self.t0)
    }

    func trust(_ other: TestStation) throws {
        try TrustStore(station: station).add(PeerKey(id: other.station.id, publicKey: other.station.publicKey, name: other.station.name))
    }

    func note(_ text: String, at offset: Double = 0) throws {
        var entry = Zhiban_Events_V1_LogEntryAdded()
        entry.text = text
        try journal.append(NewRecord(eventType: EventType.logEntryAdded.rawValue, payloadVersion: 1,
                                     payload: try EventCodec.encode(entry), operatorName: "王芳"),
                           now: Self.t0.addingTimeInterval(offset))
    }

    func sync(_ folder: String) throws -> SyncReport { try SyncEngine(station: station).sync(folder: folder, now: Self.t0) }

    var state: DutyState {
        var s = DutyState()
        for e in station.loadEvents().events { s.apply(e) }
        return s
    }

    var quarantine: [String] { (try? FileManager.default.contentsOfDirectory(atPath: station.paths.quarantine)) ?? [] }
}

func temp(_ label: String) -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(label)-\(UUID().uuidString.prefix(8))")
    try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}


@Suite struct SyncConvergenceTests {
    /// 3–5 stations, random appends, random partitions (who can reach which
    /// folder when), random sync orders through 1–2 folders: once everyone
    /// has synced enough, all hold the same records and the same digest.
    @Test(arguments: 0..<6)
    func anySyncOrderConverges(seed: Int) throws {
        var rng = SplitMix64(seed: UInt64(seed) &* 0x1234_5678)
        let base = temp("zb-converge")
        defer { try? FileManager.default.removeItem(at: base) }
        let count = Int.random(in: 3...5, using: &rng)
        let stations = try (0..<count).map { try TestStation("站\($0)", in: base) }
        for a in stations { for b in stations where a.station.id != b.station.id { try a.trust(b) } }
        let folders = (0..<Int.random(in: 1...2, using: &rng)).map { base.appendingPathComponent("usb\($0)").path }
        for f in folders { try FileManager.default.createDirectory(atPath: f, withIntermediateDirectories: true) }
        var written = 0
        for step in 0..<60 {
            let s = stations.randomElement(using: &rng)!
            if Bool.random(using: &rng) {
                try s.note("step \(step)", at: Double(step))
                written += 1
            } else {
                // A partition: this station reaches only one random folder now.
                let report = try s.sync(folders.randomElement(using: &rng)!)
                #expect(!report.hasRejections, "\(report.peers)")
            }
        }
        // Everyone syncs with every folder, a few rounds in random order.
        for _ in 0..<3 {
            for s in stations.shuffled(using: &rng) { for f in folders.shuffled(using: &rng) { _ = try s.sync(f) } }
        }
        let states = stations.map(\.state)
        #expect(Set(states.map(\.digest)).count == 1, "seed \(seed): stations disagree")
        #expect(states.allSatisfy { $0.eventCount == written }, "seed \(seed): \(states.map(\.eventCount)) of \(written)")
        #expect(states.allSatisfy { $0.log.count == written })
    }
}

@Suite struct SyncFolderTests {
    func pair() throws -> (a: TestStation, b: TestStation, folder: String, base: URL) {
        let base = temp("zb-sync")
        let a = try TestStation("泰州", in: base), b = try TestStation("靖江", in: base)
        try a.trust(b); try b.trust(a)
        let folder = base.appendingPathComponent("usb").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return (a, b, folder, base)
    }

    @Test func recordsTravelAndOnlyNewBytesAreWritten() throws {
        let (a, b, folder, base) = try pair()
        defer { try? FileManager.default.removeItem(at: base) }
        for i in 1...5 { try a.note("a\(i)") }
        let out = try a.sync(folder)
        #expect(out.peers.first { $0.id == a.station.id.description }?.recordsOut == 5)
        let pulled = try b.sync(folder)
        #expect(pulled.peers.first { $0.id == a.station.id.description }?.recordsIn == 5)
        #expect(b.state.log.count == 5)
        // Nothing new: nothing moves.
        let again = try b.sync(folder)
        #expect(again.peers.allSatisfy { $0.recordsIn == 0 && $0.recordsOut == 0 })
        try a.note("a6")
        let more = try a.sync(folder)
        #expect(more.peers.first { $0.id == a.station.id.description }?.recordsOut == 1)
        #expect(try b.sync(folder).peers.first { $0.id == a.station.id.description }?.recordsIn == 1)
        #expect(b.state.log.count == 6)
        // Once A has B's records too, both fold to the same state.
        _ = try b.sync(folder)
        _ = try a.sync(folder)
        #expect(a.state.digest == b.state.digest)
    }

    @Test func untrustedStationIsReportedAndNotImported() throws {
        let (a, _, folder, base) = try pair()
        defer { try? FileManager.default.removeItem(at: base) }
        let stranger = try TestStation("陌生站", in: base)
        try stranger.note("hello")
        _ = try stranger.sync(folder)
        let report = try a.sync(folder)
        #expect(report.problems.contains { $0.contains("station \(stranger.station.id) is not trusted") })
        #expect(!FileManager.default.fileExists(atPath: a.station.paths.feed(stranger.station.id)))
    }

    @Test func forgedRecordWithFixedCRCIsRejectedAndNothingChanges() throws {
        let (a, b, folder, base) = try pair()
        defer { try? FileManager.default.removeItem(at: base) }
        for i in 1...3 { try a.note("a\(i)") }
        _ = try a.sync(folder)
        let path = folder + "/\(a.station.id).log"
        var bytes = [UInt8](FileManager.default.contents(atPath: path)!)
        let third = a.journal.records[2]
        bytes[third.offset + 40] ^= 0x01
        fixCRC(&bytes, frameAt: third.offset)
        FileManager.default.createFile(atPath: path, contents: Data(bytes))
        let report = try b.sync(folder)
        let peer = try #require(report.peers.first { $0.id == a.station.id.description })
        #expect(peer.recordsIn == 2)
        #expect(peer.rejected.contains { $0.contains("byte \(third.offset)") }, "\(peer.rejected)")
        #expect(b.state.log.count == 2)
    }

    @Test func truncatedCopyYieldsItsValidPrefixAndCompletesLater() throws {
        let (a, b, folder, base) = try pair()
        defer { try? FileManager.default.removeItem(at: base) }
        for i in 1...4 { try a.note("a\(i)") }
        _ = try a.sync(folder)
        let path = folder + "/\(a.station.id).log"
        let full = [UInt8](FileManager.default.contents(atPath: path)!)
        // The USB stick was pulled out in the middle of record 3.
        FileManager.default.createFile(atPath: path, contents: Data(full[0..<(a.journal.records[2].offset + 30)]))
        let partial = try b.sync(folder)
        #expect(partial.peers.first { $0.id == a.station.id.description }?.recordsIn == 2)
        #expect(!partial.hasRejections)
        _ = try a.sync(folder)  // completes the folder's copy
        #expect([UInt8](FileManager.default.contents(atPath: path)!) == full)
        #expect(try b.sync(folder).peers.first { $0.id == a.station.id.description }?.recordsIn == 2)
        #expect(b.state.log.count == 4)
    }

    @Test func rollbackForkIsDetectedFrozenAndKeptAsEvidence() throws {
        let (a, b, folder, base) = try pair()
        defer { try? FileManager.default.removeItem(at: base) }
        try a.note("before backup")
        let backup = base.appendingPathComponent("backup").path
        try FileManager.default.copyItem(atPath: a.root, toPath: backup)
        try a.note("after backup")
        _ = try a.sync(folder)
        _ = try b.sync(folder)
        // Restore the old backup and write something else at the same sequence.
        try FileManager.default.removeItem(atPath: a.root)
        try FileManager.default.moveItem(atPath: backup, toPath: a.root)
        let restored = try Journal(station: try StationFolder.open(at: a.root), now: TestStation.t0)
        var entry = Zhiban_Events_V1_LogEntryAdded(); entry.text = "a different record 2"
        try restored.append(NewRecord(eventType: EventType.logEntryAdded.rawValue, payloadVersion: 1,
                                      payload: try EventCodec.encode(entry), operatorName: "x"), now: TestStation.t0)
        // The restored station sees its own fork in the folder and does not publish over it.
        let selfReport = try SyncEngine(station: try StationFolder.open(at: a.root)).sync(folder: folder, now: TestStation.t0)
        #expect(selfReport.problems.contains { $0.contains("FORK") })
        // Another folder carries the restored history to B.
        let other = base.appendingPathComponent("usb2").path
        try FileManager.default.createDirectory(atPath: other, withIntermediateDirectories: true)
        _ = try SyncEngine(station: try StationFolder.open(at: a.root)).sync(folder: other, now: TestStation.t0)
        let report = try b.sync(other)
        let peer = try #require(report.peers.first { $0.id == a.station.id.description })
        #expect(peer.rejected.contains { $0.contains("FORK at record 2") }, "\(peer.rejected)")
        #expect(TrustStore(station: b.station).frozenReason(a.station.id) != nil)
        #expect(b.quarantine.filter { $0.hasPrefix("fork-") }.count == 2)
        #expect(b.state.log.values.map(\.text).sorted() == ["after backup", "before backup"], "B keeps what it had verified")
        // Frozen: later syncs say so and pull nothing.
        let later = try b.sync(other)
        #expect(later.peers.first { $0.id == a.station.id.description }?.rejected.first?.contains("frozen") == true)
    }

    @Test func hostileFolderEntriesAreRejectedWithAClearMessage() throws {
        let (a, b, folder, base) = try pair()
        defer { try? FileManager.default.removeItem(at: base) }
        try a.note("a1")
        _ = try a.sync(folder)
        let before = b.state.digest
        // Random garbage under a trusted station's name.
        let c = try TestStation("泰兴", in: base)
        try b.trust(c)
        FileManager.default.createFile(atPath: folder + "/\(c.station.id).log", contents: Data((0..<500).map { UInt8(truncatingIfNeeded: $0 &* 37) }))
        // A symlink pointing outside the folder.
        try FileManager.default.createSymbolicLink(atPath: folder + "/0123456789abcdef.log", withDestinationPath: "/etc/passwd")
        // A name that is not a feed.
        FileManager.default.createFile(atPath: folder + "/x..y", contents: Data([1]))
        // A name carrying a C1 CSI (U+009B): it must not reach a terminal through the report.
        FileManager.default.createFile(atPath: folder + "/evil\u{9B}2J.txt", contents: Data([1]))
        // A feed whose header claims another station's id: A's feed under a name that is not A.
        let d = try TestStation("兴化", in: base)
        try b.trust(d)
        try FileManager.default.copyItem(atPath: folder + "/\(a.station.id).log", toPath: folder + "/\(d.station.id).log")
        // A 2 GB sparse file under a trusted name.
        let e = try TestStation("姜堰", in: base)
        try b.trust(e)
        let sparse = folder + "/\(e.station.id).log"
        try Data(FeedHeader(publicKey: e.station.publicKey).encoded).write(to: URL(fileURLWithPath: sparse))
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: sparse))
        try handle.truncate(atOffset: 2 << 30)
        try handle.close()

        let report = try b.sync(folder)
        #expect(report.problems.contains { $0.contains("0123456789abcdef.log in the sync folder is a symbolic link, not followed") })
        #expect(report.problems.contains { $0.contains("x..y: ignored") })
        #expect(report.problems.contains { $0.contains("evil.txt: ignored") }, "the whole CSI sequence is dropped, parameters too")
        #expect(report.problems.allSatisfy { !$0.unicodeScalars.contains { $0.value < 0x20 || (0x7F..<0xA0).contains($0.value) } })
        let garbage = try #require(report.peers.first { $0.id == c.station.id.description })
        #expect(garbage.rejected.contains { $0.contains("byte 0") }, "\(garbage.rejected)")
        let claimed = try #require(report.peers.first { $0.id == d.station.id.description })
        #expect(claimed.rejected.contains { $0.contains("header is station \(a.station.id)") }, "\(claimed.rejected)")
        let huge = try #require(report.peers.first { $0.id == e.station.id.description })
        #expect(huge.recordsIn == 0 && huge.notes.contains { $0.contains("incomplete copy") }, "\(huge)")
        // Only A's one good record came in.
        #expect(b.state.log.count == 1)
        #expect(before != b.state.digest)
        // Nothing was read through the symlink: no feed was made for its name.
        #expect(!FileManager.default.fileExists(atPath: b.station.paths.journal + "/0123456789abcdef.log"))
    }
}

/// #17: the sync folder is hostile ground. Whatever stands in a feed's slot
/// (a link to a file outside the station, a link to this station's own
/// journal, a FIFO, a directory), sync never follows, never blocks, writes
/// nothing through it, says what it skipped, and still exchanges every other feed.
@Suite struct HostileSyncFolderTests {
    enum Thing: String, CaseIterable { case linkOutside, linkToOwnJournal, fifo, directory }
    enum Slot: String, CaseIterable { case peers, own }

    @Test(arguments: Thing.allCases, Slot.allCases)
    func aSlotHoldingSomethingElseIsSkippedAndNothingIsWrittenThroughIt(thing: Thing, slot: Slot) throws {
        let base = temp("zb-hostile")
        defer { try? FileManager.default.removeItem(at: base) }
        let a = try TestStation("泰州", in: base), b = try TestStation("靖江", in: base), c = try TestStation("兴化", in: base)
        for (x, y) in [(a, b), (b, a), (a, c), (c, a), (b, c), (c, b)] { try x.trust(y) }
        try a.note("甲的记录"); try b.note("乙的记录"); try c.note("丙的记录")
        let folder = base.appendingPathComponent("usb").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        // The slot: B's own feed name (B syncs) or A's (a peer of B).
        let victim = slot == .own ? b : a
        let name = "\(victim.station.id).log"
        let outside = base.appendingPathComponent("outside.txt").path
        try Data("不属于站点的文件".utf8).write(to: URL(fileURLWithPath: outside))
        let ownJournal = b.station.paths.feed(b.station.id)
        let journalBefore = try Data(contentsOf: URL(fileURLWithPath: ownJournal))
        switch thing {
        case .linkOutside: try FileManager.default.createSymbolicLink(atPath: folder + "/" + name, withDestinationPath: outside)
        case .linkToOwnJournal: try FileManager.default.createSymbolicLink(atPath: folder + "/" + name, withDestinationPath: ownJournal)
        case .fifo: #expect(mkfifo(folder + "/" + name, 0o644) == 0)
        case .directory: try FileManager.default.createDirectory(atPath: folder + "/" + name, withIntermediateDirectories: false)
        }
        try c.sync(folder)
        // B's sync returns (a FIFO would hang it), and says what it skipped.
        let started = Date()
        let report = try b.sync(folder)
        #expect(Date().timeIntervalSince(started) < 10)
        #expect(report.problems.contains { $0.contains(name) && $0.contains("skipped") }, "\(thing) \(slot): \(report.problems)")
        #expect(report.skippedSlots == [name], "the command exits non-zero on it")
        // Nothing was written through it.
        #expect(try Data(contentsOf: URL(fileURLWithPath: outside)) == Data("不属于站点的文件".utf8))
        #expect(try Data(contentsOf: URL(fileURLWithPath: ownJournal)) == journalBefore, "B's own journal untouched")
        // The other feeds were still exchanged: C's came in, and C's slot got B's records.
        #expect(b.state.log.values.contains { $0.text == "丙的记录" })
        try c.sync(folder)
        #expect(c.state.log.values.contains { $0.text == "乙的记录" } == (slot == .peers), "B publishes its own feed unless its slot is taken")
        // The slot's feed is reported as not published when it is B's to publish.
        if slot == .own {
            let own = try #require(report.peers.first { $0.id == b.station.id.description })
            #expect(own.rejected.contains { $0.contains("not published") }, "\(own.rejected)")
        }
    }
}

/// #17: only this station's own validly signed, diverging history in its slot
/// is a fork. Anything else there (a damaged copy, another station's feed
/// renamed into it, a huge sparse file, garbage) is moved aside into
/// quarantine/ as evidence and the journal published in its place, so the
/// stations converge without anyone deleting files by hand.
@Suite struct OwnSlotTests {
    enum Junk: String, CaseIterable { case flippedByte, otherFeedRenamed, sparse, garbage }

    @Test(arguments: Junk.allCases)
    func junkInTheOwnSlotIsMovedAsideAndThePublishingGoesOn(junk: Junk) throws {
        let base = temp("zb-ownslot")
        defer { try? FileManager.default.removeItem(at: base) }
        let a = try TestStation("泰州", in: base), b = try TestStation("靖江", in: base), c = try TestStation("兴化", in: base)
        for (x, y) in [(a, b), (b, a)] { try x.trust(y) }
        for n in 0..<5 { try a.note("甲 \(n)", at: Double(n)) }
        try c.note("丙")
        let folder = base.appendingPathComponent("usb").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        _ = try a.sync(folder)
        let slot = folder + "/\(a.station.id).log"
        var bytes = try Data(contentsOf: URL(fileURLWithPath: slot))
        switch junk {
        case .flippedByte:
            bytes[bytes.count / 2] ^= 0x5A
            try bytes.write(to: URL(fileURLWithPath: slot))
        case .otherFeedRenamed:
            try FileManager.default.removeItem(atPath: slot)
            try FileManager.default.copyItem(atPath: c.station.paths.feed(c.station.id), toPath: slot)
        case .sparse:
            try Data(FeedHeader(publicKey: a.station.publicKey).encoded).write(to: URL(fileURLWithPath: slot))
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: slot))
            try handle.truncate(atOffset: 2 << 30)
            try handle.close()
        case .garbage:
            try Data((0..<3000).map { UInt8(truncatingIfNeeded: $0 &* 7) }).write(to: URL(fileURLWithPath: slot))
        }
        var engine = SyncEngine(station: a.station)
        engine.chunkBytes = 1 << 20
        let report = try engine.sync(folder: folder, now: TestStation.t0)
        #expect(!report.problems.contains { $0.contains("FORK") }, "\(junk): \(report.problems)")
        #expect(report.problems.contains { $0.contains("moved aside") }, "\(junk): \(report.problems)")
        #expect(a.quarantine.contains { $0.hasPrefix("folder-own-slot-") }, "kept as evidence")
        let evidence = try #require(a.quarantine.first { $0.hasPrefix("folder-own-slot-") })
        let kept = try Data(contentsOf: URL(fileURLWithPath: a.station.paths.quarantine + "/" + evidence))
        #expect(kept.count <= 4 << 20, "a sparse file is kept in part, not whole")
        // The slot is the journal again, and a peer gets every record.
        let published = try Data(contentsOf: URL(fileURLWithPath: slot))
        let journal = try Data(contentsOf: URL(fileURLWithPath: a.station.paths.feed(a.station.id)))
        #expect(published.count > FeedFormat.headerLength && journal.prefix(published.count) == published, "the journal's records (it may end in preallocated zeros)")
        _ = try b.sync(folder)
        #expect(b.state.log.values.filter { $0.text.hasPrefix("甲") }.count == 5)
        // The next sync finds nothing wrong.
        let again = try engine.sync(folder: folder, now: TestStation.t0)
        #expect(again.problems.isEmpty, "\(again.problems)")
    }
}

/// #17 §3: records of a peer dated past the real clock (its clock runs fast)
/// are kept — they are its signed history — and the sync says how far ahead
/// they were; this station's own clock does not follow them.
@Suite struct ClockAheadSyncTests {
    @Test func aPeerAheadOfTheRealClockIsKeptAndSaid() throws {
        let base = temp("zb-clock-ahead")
        defer { try? FileManager.default.removeItem(at: base) }
        let a = try TestStation("泰州", in: base), b = try TestStation("靖江", in: base)
        try a.trust(b); try b.trust(a)
        let folder = base.appendingPathComponent("usb").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        // a's clock is three hours fast: its real clock says so too, so its journal writes that time.
        let fast = TestStation.t0.addingTimeInterval(3 * 3600)
        a.journal.realClock = { fast }
        try a.note("快三小时", at: 3 * 3600)
        _ = try SyncEngine(station: a.station).sync(folder: folder, now: fast)
        var engine = SyncEngine(station: b.station)
        engine.realClock = { TestStation.t0 }
        let report = try engine.sync(folder: folder, now: TestStation.t0)
        let peer = try #require(report.peers.first { $0.id == a.station.id.description })
        #expect(peer.recordsIn == 1)
        #expect(peer.notes.contains { $0.contains("3 h 0 min ahead") }, "\(peer)")
        #expect(!report.hasRejections)
        #expect(b.state.log.entries.contains { $0.entry.text == "快三小时" })
        // b's own next record is dated by b's clock, not a's.
        b.journal.realClock = { TestStation.t0 }
        let own = try b.journal.append(NewRecord(eventType: EventType.logEntryAdded.rawValue, payloadVersion: 1, payload: [], operatorName: "王芳"),
                                       now: TestStation.t0)
        #expect(own.time.date < fast)
    }
}

/// What Syncthing leaves in a sync folder (#18): its marker, temporary and
/// conflict files. The first two are passed over without a word; a conflict
/// copy is read as one more copy of its feed (it may be the longer one), then
/// removed or moved to quarantine/, said once.
@Suite struct SyncthingFilesTests {
    func pair() throws -> (a: TestStation, b: TestStation, folder: String, base: URL) {
        let base = temp("zb-st")
        let a = try TestStation("泰州", in: base), b = try TestStation("靖江", in: base)
        try a.trust(b); try b.trust(a)
        let folder = base.appendingPathComponent("shared").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return (a, b, folder, base)
    }

    func conflictName(_ id: StationID, _ stamp: String = "20261207-101500-7GOSZEX") -> String {
        "\(id).sync-conflict-\(stamp).log"
    }

    @Test func syncthingsMarkerAndTemporaryFilesAreNotMentioned() throws {
        let (a, b, folder, base) = try pair()
        defer { try? FileManager.default.removeItem(at: base) }
        try FileManager.default.createDirectory(atPath: folder + "/.stfolder", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: folder + "/.stversions", withIntermediateDirectories: true)
        for name in [".stignore", ".syncthing.\(b.station.id).log.tmp", "~syncthing~\(b.station.id).log.tmp", ".\(b.station.id).log.Xa81Qz"] {
            try Data("half a feed".utf8).write(to: URL(fileURLWithPath: folder + "/" + name))
        }
        try a.note("一")
        let report = try a.sync(folder)
        #expect(report.problems.isEmpty, "\(report.problems)")
        #expect(report.notes.isEmpty, "\(report.notes)")
        #expect(!report.hasRejections && report.skippedSlots.isEmpty)
        // Nothing of them was touched, and a file that is no feed is still said.
        #expect(FileManager.default.fileExists(atPath: folder + "/.syncthing.\(b.station.id).log.tmp"))
        try Data("x".utf8).write(to: URL(fileURLWithPath: folder + "/notes.txt"))
        #expect(try a.sync(folder).problems.contains { $0.hasPrefix("notes.txt: ignored") })
    }

    @Test func aLongerConflictCopyOfAPeerIsReadThenRemovedAndTheFeedRepublished() throws {
        let (a, b, folder, base) = try pair()
        defer { try? FileManager.default.removeItem(at: base) }
        for i in 1...3 { try b.note("b\(i)") }
        _ = try b.sync(folder)
        let feed = folder + "/\(b.station.id).log"
        let short = try Data(contentsOf: URL(fileURLWithPath: feed))
        for i in 4...6 { try b.note("b\(i)") }
        _ = try b.sync(folder)
        // Syncthing kept the longer file as the conflict copy and rolled the feed back to the shorter one.
        let conflict = folder + "/" + conflictName(b.station.id)
        try FileManager.default.moveItem(atPath: feed, toPath: conflict)
        try short.write(to: URL(fileURLWithPath: feed))

        let report = try a.sync(folder)
        let peer = try #require(report.peers.first { $0.id == b.station.id.description })
        #expect(peer.recordsIn == 6, "\(peer)")
        #expect(peer.rejected.isEmpty, "\(peer)")
        #expect(peer.notes.filter { $0.contains("conflict copy") }.count == 1, "\(peer)")
        #expect(peer.notes.contains { $0.contains("every record in it is in this station's copy, so it was removed") }, "\(peer)")
        #expect(report.problems.isEmpty, "\(report.problems)")
        #expect(!FileManager.default.fileExists(atPath: conflict))
        // The feed's slot holds everything again, for every other station.
        #expect(try Data(contentsOf: URL(fileURLWithPath: feed)).count > short.count)
        #expect(a.state.log.count == 6)
        // Said once: the next sync has nothing to say.
        let again = try a.sync(folder)
        #expect(again.peers.allSatisfy { $0.notes.isEmpty && $0.rejected.isEmpty } && again.problems.isEmpty && again.notes.isEmpty)
    }

    @Test func aShorterConflictCopyIsRemovedWithNothingImportedTwice() throws {
        let (a, b, folder, base) = try pair()
        defer { try? FileManager.default.removeItem(at: base) }
        for i in 1...3 { try b.note("b\(i)") }
        _ = try b.sync(folder)
        let feed = folder + "/\(b.station.id).log"
        try FileManager.default.copyItem(atPath: feed, toPath: folder + "/" + conflictName(b.station.id))
        try b.note("b4")
        _ = try b.sync(folder)
        let report = try a.sync(folder)
        #expect(report.peers.first { $0.id == b.station.id.description }?.recordsIn == 4)
        #expect(!FileManager.default.fileExists(atPath: folder + "/" + conflictName(b.station.id)))
        #expect(a.state.log.count == 4)
    }

    @Test func aConflictCopyOfTheOwnFeedIsRemovedWhenItIsAnOlderCopy() throws {
        let (a, _, folder, base) = try pair()
        defer { try? FileManager.default.removeItem(at: base) }
        try a.note("一")
        _ = try a.sync(folder)
        try FileManager.default.copyItem(atPath: folder + "/\(a.station.id).log", toPath: folder + "/" + conflictName(a.station.id))
        try a.note("二")
        let report = try a.sync(folder)
        #expect(report.problems.isEmpty, "\(report.problems)")
        #expect(report.notes.count == 1 && report.notes[0].contains("an older copy of it; removed"), "\(report.notes)")
        #expect(!FileManager.default.fileExists(atPath: folder + "/" + conflictName(a.station.id)))
        #expect(try a.sync(folder).notes.isEmpty)
    }

    @Test func aDamagedConflictCopyIsRejectedOnceAndMovedToQuarantine() throws {
        let (a, b, folder, base) = try pair()
        defer { try? FileManager.default.removeItem(at: base) }
        for i in 1...3 { try b.note("b\(i)") }
        _ = try b.sync(folder)
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: folder + "/\(b.station.id).log")))
        bytes[bytes.count - 20] ^= 0xFF
        let name = conflictName(b.station.id)
        try Data(bytes).write(to: URL(fileURLWithPath: folder + "/" + name))
        // A already holds the good records, then meets the damaged copy.
        let report = try a.sync(folder)
        let peer = try #require(report.peers.first { $0.id == b.station.id.description })
        #expect(peer.recordsIn == 3)
        #expect(peer.rejected.count == 1 && peer.rejected[0].contains(name), "\(peer)")
        #expect(peer.notes.contains { $0.contains("moved to") && $0.contains("quarantine/\(name)") }, "\(peer)")
        #expect(a.quarantine.contains(name))
        #expect(!FileManager.default.fileExists(atPath: folder + "/" + name))
        #expect(a.state.log.count == 3)
        let again = try a.sync(folder)
        #expect(!again.hasRejections && again.peers.allSatisfy { $0.notes.isEmpty })
    }

    @Test func aConflictCopyOfTheOwnFeedWithOtherSignedRecordsIsAFork() throws {
        let (a, _, folder, base) = try pair()
        defer { try? FileManager.default.removeItem(at: base) }
        // An old backup of A wrote a different second record, and its copy came back as a conflict copy.
        let backup = temp("zb-st-backup")
        defer { try? FileManager.default.removeItem(at: backup) }
        try a.note("一")
        try FileManager.default.copyItem(atPath: a.root, toPath: backup.path + "/a")
        try a.note("二")
        let restored = try Journal(station: try StationFolder.open(at: backup.path + "/a"), now: TestStation.t0)
        var entry = Zhiban_Events_V1_LogEntryAdded()
        entry.text = "另一个二"
        try restored.append(NewRecord(eventType: EventType.logEntryAdded.rawValue, payloadVersion: 1,
                                      payload: try EventCodec.encode(entry), operatorName: "王芳"), now: TestStation.t0.addingTimeInterval(5))
        let name = conflictName(a.station.id)
        try FileManager.default.copyItem(atPath: backup.path + "/a/journal/\(a.station.id).log", toPath: folder + "/" + name)
        let report = try a.sync(folder)
        #expect(report.problems.contains { $0.hasPrefix("FORK: ") && $0.contains(name) }, "\(report.problems)")
        #expect(a.quarantine.contains(name))
        #expect(!FileManager.default.fileExists(atPath: folder + "/" + name))
    }
}
