import ConsoleTestSupport
import DutyModel
import Foundation
import Journal
import Station
import Sync
import Testing

/// cache/state.snapshot: an open starts from it and folds only what the feeds
/// gained; a snapshot that is missing, damaged, from another format version or
/// station, or no longer matching the feeds is rebuilt with a message, and the
/// state is always the one a full fold of the feeds gives.
@Suite(.serialized) struct StateSnapshotTests {
    static let now = StationCoreTests.now

    /// A station with a peer whose feed it holds and trusts, and events of several kinds from both.
    static func stationWithPeer() throws -> (main: DutyStation, peer: DutyStation) {
        let base = TestPaths.temporaryDirectory("zb-snapshot")
        let main = try StationCoreTests.newStation("泰州市应急管理局总值班室", in: base)
        // Another code, so the two stations' incident numbers differ.
        let peer = try DutyStation.create(at: base.appendingPathComponent("靖江").path, name: "靖江市应急管理局值班室", code: "JJ",
                                          jurisdiction: "靖江市", operatorName: "王芳", now: now)
        for (i, station) in [main, peer].enumerated() {
            try station.write((0..<20).map { .logEntry(kind: $0 % 2 == 0 ? .note : .callIn, text: "第\($0)条 站\(i)") }, operatorName: "王芳", now: now)
            let intake = try station.intakeParser(now: now).parse(Data(#"{"location": {"county": "靖江市"}, "category": "accident", "type": "fire", "description": "厂房火灾"}"#.utf8)).get()
            let id = try station.recordIntake(intake, operatorName: "李强", now: now)
            try station.write(.incidentStatusChanged(id: id, to: .responding, epoch: 0), operatorName: "李强", now: now)
            // Resource moves (#19): kept under their object and incident, written into the snapshot by hand.
            var d = Zhiban_Events_V1_TeamDispatched()
            d.dispatchID = "T1@\(id)"; d.teamID = "T1"; d.incidentID = id; d.orderedBy = "周建华"; d.headcount = 12
            var t = Zhiban_Events_V1_TeamStatusChanged()
            t.teamID = "T1"; t.status = "on_scene"; t.incidentID = id; t.note = "到场"
            var m = Zhiban_Events_V1_StockChanged()
            m.depotID = "D1"; m.item = "tent"; m.delta = -200; m.reason = "issue"; m.incidentID = id; m.shelterID = "S\(i)"
            var h = Zhiban_Events_V1_ShelterStatusChanged()
            h.shelterID = "S\(i)"; h.status = "open"; h.occupancy = 80; h.note = "学校操场"
            try station.write([EventDraft(d), EventDraft(t), EventDraft(m), EventDraft(h)], operatorName: "李强", now: now)
        }
        try main.trust.add(try PeerKey.parse(peer.folder.publicKeyLine).get())
        try FileManager.default.copyItem(atPath: peer.journal.path, toPath: main.paths.feed(peer.id))
        return (main, peer)
    }

    /// The state a fold of every record held gives, with no snapshot involved.
    static func fullFold(_ station: DutyStation) throws -> DutyState {
        var state = DutyState()
        for record in try station.mergedRecords() { state.apply(StoredEvent(record)) }
        return state
    }

    static func open(_ root: String) throws -> DutyStation {
        let station = try DutyStation.open(at: root, now: now, holder: "snapshot test")
        station.snapshotAfter = 1
        return station
    }

    static func snapshotPath(_ station: DutyStation) -> String { station.paths.cache + "/state.snapshot" }

    @Test func anOpenStartsFromTheSnapshotAndFoldsOnlyWhatIsNew() throws {
        let (main, _) = try Self.stationWithPeer()
        let first = try Self.open(main.paths.root)
        #expect(first.state == (try Self.fullFold(first)))
        #expect(first.state.resourceMoves.count == 6, "team, depot, two shelters, two incidents: \(first.state.resourceMoves.keys.sorted())")
        #expect(FileManager.default.fileExists(atPath: Self.snapshotPath(main)), "the first fold wrote one")

        try main.write([.logEntry(kind: .note, text: "快照之后"), .logEntry(kind: .note, text: "又一条")], operatorName: "李强", now: Self.now)
        let second = try Self.open(main.paths.root)
        let state = second.state
        #expect(second.snapshotNote == nil, "used: \(second.snapshotNote ?? "")")
        #expect(state == (try Self.fullFold(second)))
        #expect(state.resourceMoves == first.state.resourceMoves, "the moves read back from the snapshot")
        #expect(state.log.entry(at: 0).entry.text == "又一条")
    }

    /// Batches of a few records, read and decoded by two threads and applied
    /// in whatever order they are ready: the state of the plain fold, each
    /// feed counted as folded to its end (an open after it folds nothing more).
    @Test(arguments: [1, 3, 7, 1000])
    func aFoldInBatchesOnTwoThreadsIsThePlainFold(batch: Int) throws {
        let (main, _) = try Self.stationWithPeer()
        for _ in 0..<3 {
            let station = try DutyStation.open(at: main.paths.root, now: Self.now, holder: "batch test")
            station.foldBatchSize = batch
            station.savesSnapshotAfterFold = false
            try? FileManager.default.removeItem(atPath: Self.snapshotPath(main))
            #expect(station.state == (try Self.fullFold(station)), "batches of \(batch)")
            #expect(station.state.eventCount == station.recordCount)
            #expect(!station.refresh(now: Self.now), "batches of \(batch): every feed taken as folded to its end")
        }
    }

    /// `readsLogText = false` (zhiban status): the counts of the full state,
    /// the log's entries without their text, and the snapshot left as it was.
    @Test func anOpenForCountsSkipsTheLogsTextAndWritesNoSnapshot() throws {
        let (main, _) = try Self.stationWithPeer()
        let full = try Self.open(main.paths.root).state
        let path = Self.snapshotPath(main)
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        try main.write((0..<3).map { .logEntry(kind: .note, text: "之后 \($0)") }, operatorName: "李强", now: Self.now)
        let counting = try Self.open(main.paths.root)
        counting.readsLogText = false
        counting.snapshotAfter = 100
        let state = counting.state
        #expect(counting.snapshotNote == nil)
        #expect(state.log.count == full.log.count + 3 && state.incidents == full.incidents)
        #expect(!state.log.holdsText && !counting.snapshotIsDue)
        // Entries from the snapshot read empty; those folded after it have their text.
        #expect(state.log.entry(at: 0).entry.text == "之后 2")
        #expect(state.log.entry(at: state.log.count - 1).entry.text.isEmpty)
        try counting.saveSnapshot()
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before, "a state without the log's text is never written")
        // An ordinary open still reads every text.
        let reader = try DutyStation.open(at: main.paths.root, now: Self.now, holder: "snapshot test")
        reader.savesSnapshotAfterFold = false
        #expect(reader.state.log.entry(at: reader.state.log.count - 1).entry.text == full.log.entry(at: full.log.count - 1).entry.text)
        // With enough to fold beyond the snapshot to call for a new one, the text is read after all
        // and the snapshot written again: otherwise every open for counts would fold the same records.
        let behind = try Self.open(main.paths.root)
        behind.readsLogText = false
        behind.snapshotAfter = 3
        #expect(behind.state.log.holdsText)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) != before, "written again")
        let next = try Self.open(main.paths.root)
        next.readsLogText = false
        next.snapshotAfter = 3
        #expect(!next.state.log.holdsText && next.snapshotNote == nil, "nothing left to fold: the text is stepped over")
        #expect(next.state.log.count == full.log.count + 3)
    }

    enum Damage: String, CaseIterable { case deleted, truncated, flippedByte, olderVersion, otherStation }

    @Test(arguments: Damage.allCases)
    func aBadSnapshotIsRebuiltWithAMessage(damage: Damage) throws {
        let (main, _) = try Self.stationWithPeer()
        _ = try Self.open(main.paths.root).state
        let path = Self.snapshotPath(main)
        var bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        let expected: String
        switch damage {
        case .deleted:
            try FileManager.default.removeItem(atPath: path)
            expected = "there is none yet"
        case .truncated:
            bytes.removeLast(bytes.count / 3)
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            expected = "checksum"
        case .flippedByte:
            bytes[bytes.count / 2] ^= 0x5A
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            expected = "checksum"
        case .olderVersion, .otherStation:
            let current = DutyStation.snapshotFormatVersion
            let payload = try CacheFile.read(path, kind: "state", version: current, station: main.id).get()
            let other = StationID(bytes: [1, 2, 3, 4, 5, 6, 7, 8])!
            try CacheFile.write(payload, to: path, kind: "state", version: damage == .olderVersion ? current - 1 : current,
                                station: damage == .otherStation ? other : main.id)
            expected = damage == .olderVersion ? "format version \(current - 1)" : "belongs to station \(other)"
        }
        let reopened = try Self.open(main.paths.root)
        let state = reopened.state
        #expect(reopened.snapshotNote?.contains(expected) == true, "\(damage): \(reopened.snapshotNote ?? "no message")")
        #expect(state == (try Self.fullFold(reopened)), "\(damage): the state of a full fold")
        // Written again, and used by the next open.
        let next = try Self.open(main.paths.root)
        #expect(next.state == state)
        #expect(next.snapshotNote == nil, "\(damage): rewritten: \(next.snapshotNote ?? "")")
    }

    /// A feed put back to an earlier copy (a restore from backup) no longer
    /// holds the snapshot's position: the state is the fold of what it holds now.
    @Test func aFeedRestoredBehindTheSnapshotIsFoldedAgain() throws {
        let (main, _) = try Self.stationWithPeer()
        let earlier = try Data(contentsOf: URL(fileURLWithPath: main.journal.path))
        try main.write((0..<5).map { .logEntry(kind: .note, text: "备份之后 \($0)") }, operatorName: "李强", now: Self.now)
        let withLater = try Self.open(main.paths.root)
        #expect(withLater.state.log.count == 45)
        try earlier.write(to: URL(fileURLWithPath: main.journal.path))
        let restored = try Self.open(main.paths.root)
        let state = restored.state
        #expect(restored.snapshotNote?.contains("no longer holds") == true, "\(restored.snapshotNote ?? "no message")")
        #expect(state.log.count == 40)
        #expect(state == (try Self.fullFold(restored)))
    }

    /// A peer taken out of trust/: its events leave the state, as a full fold leaves them out.
    @Test func aPeerNoLongerTrustedIsTakenOut() throws {
        let (main, peer) = try Self.stationWithPeer()
        #expect(try Self.open(main.paths.root).state.incidents.count == 2)
        try FileManager.default.removeItem(atPath: main.paths.trust + "/\(peer.id).pub")
        let reopened = try Self.open(main.paths.root)
        let state = reopened.state
        #expect(reopened.snapshotNote?.contains("no longer counts") == true, "\(reopened.snapshotNote ?? "no message")")
        #expect(state.incidents.count == 1)
        #expect(state == (try Self.fullFold(reopened)))
    }

    /// A peer whose feed arrives after the snapshot was made is folded on top of it.
    @Test func aNewPeerIsFoldedOnTopOfTheSnapshot() throws {
        let (main, peer) = try Self.stationWithPeer()
        try FileManager.default.removeItem(atPath: main.paths.feed(peer.id))
        #expect(try Self.open(main.paths.root).state.incidents.count == 1)
        try FileManager.default.copyItem(atPath: peer.journal.path, toPath: main.paths.feed(peer.id))
        let reopened = try Self.open(main.paths.root)
        let state = reopened.state
        #expect(reopened.snapshotNote == nil, "\(reopened.snapshotNote ?? "")")
        #expect(state.incidents.count == 2)
        #expect(state == (try Self.fullFold(reopened)))
    }
}
