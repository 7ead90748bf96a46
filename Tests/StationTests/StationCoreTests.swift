import ConsoleTestSupport
import DutyModel
import Foundation
import Journal
import Station
import Sync
import Testing

/// The application core in process: batches, CSV and CAP imports, the inbox,
/// incident numbering, the merged export. Each on a real station in a temp folder.
@Suite(.serialized) struct StationCoreTests {
    static let now = DutyTime.parseISO8601("2026-11-23T14:00:00+08:00")!

    static func newStation(_ name: String = "泰州市应急管理局总值班室", in base: URL? = nil) throws -> DutyStation {
        let dir = base ?? TestPaths.temporaryDirectory("zb-core")
        return try DutyStation.create(at: dir.appendingPathComponent(name).path, name: name, code: "TZ", jurisdiction: "泰州市",
                                      operatorName: "王芳", now: now)
    }

    static let contacts = """
        name,unit,mobile
        孙立新,泰州市应急管理局,13905260001
        王芳,泰州市应急管理局,13905260002
        李强,泰州市应急管理局,13905260003
        """

    @Test func aBatchIsOneWriteOfConsecutiveRecords() throws {
        let station = try Self.newStation()
        let before = station.journal.lastSequence
        let infos = try station.write([.logEntry(kind: .note, text: "一"), .logEntry(kind: .note, text: "二"), .logEntry(kind: .note, text: "三")],
                                      operatorName: "王芳", now: Self.now)
        #expect(infos.map(\.sequence) == [before + 1, before + 2, before + 3])
        #expect(station.state.log.count == 3)
        // Another process reading the feed sees all three.
        let other = try DutyStation.open(at: station.paths.root, now: Self.now, holder: "test reader")
        #expect(other.state.log.count == 3)
    }

    @Test func aCSVWithABadLastRowWritesNothing() throws {
        let station = try Self.newStation()
        let before = station.journal.lastSequence
        let bad = Self.contacts + "\n,泰州市应急管理局,13905260004\n"
        let outcome = try station.importCSV(Data(bad.utf8), file: "contacts.csv", operatorName: "王芳", now: Self.now)
        guard case .rejected(.badRows(.contacts), let problems) = outcome else {
            Issue.record("expected a rejection, got \(outcome)")
            return
        }
        #expect(problems.count == 1 && problems[0].contains("line 5") && problems[0].contains("name"), "\(problems)")
        #expect(station.journal.lastSequence == before, "not one row of the file was written")
        #expect(station.state.contacts.isEmpty)
        // The good file goes in whole, as one batch.
        let good = try station.importCSV(Data(Self.contacts.utf8), file: "contacts.csv", operatorName: "王芳", now: Self.now)
        #expect(good == .imported(kind: .contacts, written: 3, unchanged: 0, notes: []))
        #expect(station.journal.lastSequence == before + 3)
        // Again: nothing new to write.
        let again = try station.importCSV(Data(Self.contacts.utf8), file: "contacts.csv", operatorName: "王芳", now: Self.now)
        #expect(again == .imported(kind: .contacts, written: 0, unchanged: 3, notes: []))
        #expect(station.journal.lastSequence == before + 3)
    }

    @Test func theInboxRefusesABadSheetWhole() throws {
        let station = try Self.newStation()
        let before = station.journal.lastSequence
        let inbox = InboxFolder(station: station, operatorName: "王芳", languages: ["zh-CN"], now: { Self.now },
                                fileClock: { Date().addingTimeInterval(10) })
        let bad = Self.contacts + "\n,泰州市应急管理局,13905260004\n"
        try Data(bad.utf8).write(to: URL(fileURLWithPath: station.paths.inbox + "/contacts.csv"))
        let results = inbox.processNew()
        #expect(results.count == 1)
        #expect(results.first?.kind == .rejected)
        #expect(station.journal.lastSequence == before)
        let why = try String(contentsOfFile: station.paths.inbox + "/rejected/contacts.csv.why", encoding: .utf8)
        #expect(why.contains("line 5"), "\(why)")
        #expect(FileManager.default.fileExists(atPath: station.paths.inbox + "/rejected/contacts.csv"))
        // A good sheet is taken as one batch and moved to done/.
        try Data(Self.contacts.utf8).write(to: URL(fileURLWithPath: station.paths.inbox + "/good.csv"))
        let taken = inbox.processNew()
        #expect(taken.first?.kind == .imported)
        #expect(station.journal.lastSequence == before + 3)
        #expect(FileManager.default.fileExists(atPath: station.paths.inbox + "/done/good.csv"))
    }

    /// #17 §5: a file still being copied (half of a CAP message, the rest a few
    /// seconds later) is not rejected: a file that does not read whole while it
    /// is young is tried again when it changes; only one that stays bad once
    /// old enough goes to rejected/.
    @Test func aFileThatEndsEarlyIsWaitedForNotRejected() throws {
        let station = try Self.newStation()
        final class Clock: @unchecked Sendable { var ahead: TimeInterval = 1 }
        let clock = Clock()
        let inbox = InboxFolder(station: station, operatorName: "王芳", languages: ["zh-CN"], now: { Self.now },
                                fileClock: { Date().addingTimeInterval(clock.ahead) })
        let sample = TestPaths.repositoryRoot.appendingPathComponent("SampleData/cap/01-rainstorm-orange-xinghua-jiangyan.xml").path
        let whole = try Data(contentsOf: URL(fileURLWithPath: sample))
        let path = station.paths.inbox + "/warning.xml"
        try whole.prefix(whole.count / 2).write(to: URL(fileURLWithPath: path))
        #expect(inbox.processNew().isEmpty, "half a message, written a second ago: waited for")
        #expect(inbox.processNew().isEmpty, "and again, unchanged: still waited for")
        #expect(FileManager.default.fileExists(atPath: path))
        // The rest arrives.
        try whole.write(to: URL(fileURLWithPath: path))
        let taken = inbox.processNew()
        #expect(taken.first?.kind == .imported, "\(taken)")
        #expect(station.state.warnings.count == 1)
        // A message that stays cut short is rejected once it is old enough to be judged whole.
        try whole.prefix(whole.count / 2).write(to: URL(fileURLWithPath: station.paths.inbox + "/cut.xml"))
        #expect(inbox.processNew().isEmpty)
        clock.ahead = 11
        let judged = inbox.processNew()
        #expect(judged.first?.kind == .rejected, "\(judged)")
        #expect(FileManager.default.fileExists(atPath: station.paths.inbox + "/rejected/cut.xml"))
    }

    @Test func capFilesAreImportedOnceAndBrokenOnesRefused() throws {
        let station = try Self.newStation()
        let sample = TestPaths.repositoryRoot.appendingPathComponent("SampleData/cap/01-rainstorm-orange-xinghua-jiangyan.xml").path
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: sample)))
        let first = try station.importCAP(bytes, languages: ["zh-CN"], operatorName: "王芳", now: Self.now)
        guard case .imported(let key, let fields) = first else {
            Issue.record("expected an import, got \(first)")
            return
        }
        #expect(fields.color == .orange)
        #expect(station.state.warnings[key] != nil)
        let sequence = station.journal.lastSequence
        #expect(try station.importCAP(bytes, languages: ["zh-CN"], operatorName: "王芳", now: Self.now) == .duplicate(key: key))
        #expect(station.journal.lastSequence == sequence)
        let broken = String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "<urgency>Expected</urgency>", with: "<urgency>Soon</urgency>")
            .replacingOccurrences(of: "<urgency>Immediate</urgency>", with: "<urgency>Soon</urgency>")
        let outcome = try station.importCAP(Array(broken.utf8), languages: ["zh-CN"], operatorName: "王芳", now: Self.now)
        guard case .rejected(.invalid, let problems) = outcome else {
            Issue.record("expected a rejection, got \(outcome)")
            return
        }
        #expect(problems.contains { $0.contains("urgency") }, "\(problems)")
        #expect(station.journal.lastSequence == sequence)
    }

    static func intake(at date: Date) -> Intake {
        let json = """
            {"received_at": "\(DutyTime.formatISO8601(date))", "location": {"county": "海陵区"}, "category": "accident",
             "type": "road_traffic", "description": "两车相撞"}
            """
        let parser = IntakeParser(rules: .standard, now: date, timeZone: DutyTime.defaultTimeZone, sanitize: { $0 })
        guard case .success(let intake) = parser.parse(Data(json.utf8)) else { fatalError("the test intake does not parse") }
        return intake
    }

    @Test func twoWritersNeverTakeTheSameIncidentNumber() throws {
        let a = try Self.newStation()
        // A second opening of the same folder: as another process would hold it, with its own (stale) fold.
        let b = try DutyStation.open(at: a.paths.root, now: Self.now, holder: "second writer")
        var ids: [String] = []
        for i in 0..<6 {
            let writer = i % 2 == 0 ? a : b
            ids.append(try writer.recordIntake(Self.intake(at: Self.now), operatorName: "王芳", now: Self.now))
        }
        #expect(ids == (1...6).map { "TZ-20261123-" + String(format: "%03d", $0) })
        // A batch numbers on from what is held.
        let batch = try a.recordIntakes([(Self.intake(at: Self.now), "王芳"), (Self.intake(at: Self.now), "王芳")], now: Self.now)
        #expect(batch == ["TZ-20261123-007", "TZ-20261123-008"])
        #expect(a.state.incidents.count == 8)
    }

    @Test func anEventThatCannotBeEncodedIsRefusedNotWrittenEmpty() throws {
        let station = try Self.newStation()
        var draft = EventDraft.logEntry(kind: .note, text: "x")
        draft.encodingProblem = "test: the encoder failed"
        let before = station.journal.lastSequence
        #expect(throws: WriteFailure.notEncodable("test: the encoder failed")) {
            try station.write(draft, operatorName: "王芳", now: Self.now)
        }
        #expect(station.journal.lastSequence == before)
    }

    @Test func theMergedExportListsEveryFeedOnceInOrder() throws {
        let base = TestPaths.temporaryDirectory("zb-merged")
        let stations = try ["泰州市", "兴化市", "靖江市"].map { try Self.newStation($0, in: base) }
        for s in stations {
            for other in stations where other !== s {
                try s.trust.add(try PeerKey.parse(other.folder.publicKeyLine).get())
            }
        }
        for (i, s) in stations.enumerated() {
            for n in 0..<4 {
                try s.write(.logEntry(kind: .note, text: "\(s.name) \(n)"), operatorName: "王芳",
                            now: Self.now.addingTimeInterval(Double(n * 3 + i) * 60))
            }
        }
        let folder = base.appendingPathComponent("usb").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for _ in 0..<2 { for s in stations { _ = try SyncEngine(station: s.folder).sync(folder: folder, now: Self.now) } }
        let a = stations[0]
        a.refresh(now: Self.now)
        // The digest (status --json): equal on stations holding the same records, different otherwise.
        for s in stations { s.refresh(now: Self.now) }
        #expect(Set(stations.map(\.digest)).count == 1, "\(stations.map(\.digest))")
        #expect(stations[0].digest.count == 64)
        let reopened = try DutyStation.open(at: stations[1].paths.root, now: Self.now, holder: "test")
        #expect(reopened.digest == stations[1].digest, "the same in another process")
        try stations[2].write(.logEntry(kind: .note, text: "只在一处"), operatorName: "王芳", now: Self.now)
        #expect(stations[2].digest != stations[0].digest)
        for _ in 0..<2 { for s in stations { _ = try SyncEngine(station: s.folder).sync(folder: folder, now: Self.now) } }
        for s in stations { s.refresh(now: Self.now) }
        #expect(Set(stations.map(\.digest)).count == 1, "equal again after the sync")
        let merged = try a.mergedRecords()
        #expect(merged.count == 16, "three feeds of five records each (configured + four notes), and one more")
        #expect(Set(merged.map { "\($0.stationID)/\($0.sequence)" }).count == 16, "each record once")
        let keys = merged.map { ($0.time.rawValue, $0.stationID, $0.sequence) }
        #expect(zip(keys, keys.dropFirst()).allSatisfy { $0 < $1 }, "hybrid clock, then station, then sequence")
        // The export's streaming merge (a batch per feed, never all records) gives the same order, hashes included.
        var streamed: [Record] = []
        try a.forEachMergedRecord { record, info in
            #expect(info.hash == record.hash && info.sequence == record.sequence)
            streamed.append(record)
        }
        #expect(streamed == merged)
        let own = try a.mergedRecords(ownOnly: true)
        var streamedOwn: [Record] = []
        try a.forEachMergedRecord(ownOnly: true) { record, _ in streamedOwn.append(record) }
        #expect(streamedOwn == own)
        #expect(own.count == 5 && own.allSatisfy { $0.stationID == a.id })
        #expect(own.map(\.sequence) == [1, 2, 3, 4, 5])
    }

    @Test func aCommandWritesAsTheCheckedInOperatorWithoutFoldingEverything() throws {
        let station = try Self.newStation()
        let slot = station.state.pattern.slot(at: Self.now, timeZone: station.timeZone)
        try station.write(.checkIn(slot: slot, present: ["梁超", "宋佳"], operatorName: "梁超"), operatorName: "梁超", now: Self.now)
        try station.write(.logEntry(kind: .note, text: "之后的记录"), operatorName: "梁超", now: Self.now)
        // Another process, as `zhiban note` opens it: only check-ins and the pattern are folded.
        let command = try DutyStation.open(at: station.paths.root, now: Self.now, holder: "test note")
        #expect(command.operatorName(at: Self.now, fallback: "root") == "梁超")
        #expect(command.operatorName(at: Self.now.addingTimeInterval(2 * 86_400), fallback: "root") == "root", "another shift: no check-in")
        // And the same answer from the whole fold.
        #expect(station.operatorName(at: Self.now, fallback: "root") == "梁超")
    }
}

