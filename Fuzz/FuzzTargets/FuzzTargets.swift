import CAP
import DutyModel
import Foundation
import Journal
import SafeText
import Station
import Sync

/// What the fuzzers feed bytes to (#18): the readers of everything that comes
/// from outside. Each target takes any bytes and must neither trap nor break
/// an invariant of what it returns; a broken invariant is reported by
/// `fatalError`, which libFuzzer records as a crash with the input that made it.
/// The same entry points replay the committed corpora in `swift test`.
public enum FuzzTarget: String, CaseIterable, Sendable {
    /// The journal's record scanner, and the fold of what it finds (or, for
    /// bytes that are no journal, of one event with these bytes as payload).
    case scanner
    /// The CAP reader, then the mapping of an alert to a warning.
    case cap
    /// The CSV reader, then the roster and contacts plans.
    case csv
    /// The bundle reader, importing into a scratch station.
    case bundle

    /// Runs one input; returns how many things it took in (records scanned,
    /// warnings mapped, rows planned, records imported), or nil when the reader
    /// refused it (a bundle: any of it). The replay test holds every seed to being taken in, so the
    /// fuzzer starts from inputs that reach deep into each reader.
    @discardableResult
    public func run(_ bytes: UnsafeRawBufferPointer) -> Int? {
        switch self {
        case .scanner: return Self.scanner(bytes)
        case .cap: return Self.cap(Array(bytes))
        case .csv: return Self.csv(Array(bytes))
        case .bundle: return Self.bundle(Array(bytes))
        }
    }

    static func check(_ condition: Bool, _ what: @autoclosure () -> String) {
        if !condition { fatalError("invariant broken: \(what())") }
    }

    static let now = Date(timeIntervalSince1970: 1_795_500_000)

    // MARK: scanner

    static func scanner(_ bytes: UnsafeRawBufferPointer) -> Int? {
        let scan = FeedScanner.scan(bytes)
        check(scan.validEnd <= bytes.count, "validEnd \(scan.validEnd) past the end \(bytes.count)")
        var state = DutyState()
        var previous: RecordInfo?
        for info in scan.records {
            check(info.offset >= FeedFormat.headerLength && info.offset + info.length <= scan.validEnd, "record \(info) outside the valid part")
            if let previous {
                check(info.sequence == previous.sequence + 1, "sequence \(info.sequence) after \(previous.sequence)")
                check(info.offset == previous.offset + previous.length, "records not contiguous")
            }
            previous = info
            guard let record = FeedScanner.record(bytes, at: info) else {
                check(false, "a scanned record \(info) does not read back")
                return nil
            }
            state.apply(StoredEvent(record))
        }
        if scan.header == nil, let first = bytes.first {
            // Not a journal: the bytes after the first as the payload of the event type it picks.
            let types = EventType.allCases
            let type = types[Int(first) % types.count]
            state.apply(StoredEvent(id: EventID(station: "0000000000000001", seq: 1), time: HLCTimestamp(milliseconds: 1_795_500_000_000, logical: 0),
                                    operatorName: "fuzz", type: type.rawValue, payloadVersion: 1, payload: Array(bytes.dropFirst())))
        }
        exercise(state)
        return scan.header == nil ? nil : scan.records.count
    }

    /// What the console and `status` compute from a state, so a fold that
    /// took odd values is read the ways it is read in use.
    static func exercise(_ state: DutyState) {
        let zone = DutyTime.defaultTimeZone
        let rules = RuleBook.standard
        let summaries = state.incidentSummaries(rules: rules, now: now, timeZone: zone)
        _ = state.dayCounters(summaries: summaries, now: now, timeZone: zone)
        _ = state.warningSummaries(places: rules.places, now: now)
        for (_, entry) in state.log.entries { _ = TextSafety.sanitize(entry.text) }
    }

    // MARK: CAP

    static func cap(_ bytes: [UInt8]) -> Int? {
        let alert: CAPAlert
        do {
            alert = try CAPReader().read(Data(bytes))
        } catch {
            check(!error.problems.isEmpty, "a refusal without a problem")
            for problem in error.problems { check(!problem.description.isEmpty, "an empty problem") }
            return nil
        }
        switch CAPMapping.warning(from: alert, bytes: bytes, rules: .standard, languages: ["zh-CN", "en-US"]) {
        case .notAWarning(let reason):
            check(!reason.isEmpty, "not a warning, without a reason")
            return 0
        case .warning(let warning):
            check(!warning.key.isEmpty, "a warning without a key")
            // What the console would show of it passes the sanitizer without a control character left.
            for text in [warning.headline, warning.senderName, warning.description] {
                check(!TextSafety.sanitize(text).unicodeScalars.contains { $0.properties.generalCategory == .control }, "a control character shown")
            }
            return 1
        }
    }

    // MARK: CSV

    static func csv(_ bytes: [UInt8]) -> Int? {
        switch CSVReader.read(Data(bytes), file: "fuzz.csv") {
        case .failure(let problems):
            check(!problems.list.isEmpty, "a refusal without a problem")
            return nil
        case .success(let table):
            var planned: Int?
            for kind in CSVKind.allCases {
                switch CSVImport.plan(table, kind: kind, file: "fuzz.csv", state: DutyState(), operatorName: "fuzz") {
                case .failure(let problems):
                    check(!problems.list.isEmpty, "a \(kind) plan refused without a problem")
                case .success(let plan):
                    var state = DutyState()
                    for (n, draft) in plan.drafts.enumerated() {
                        guard let record = try? NewRecord(draft, operatorName: "fuzz") else { continue }
                        state.apply(StoredEvent(id: EventID(station: "0000000000000001", seq: UInt64(n + 1)),
                                                time: HLCTimestamp(milliseconds: 1_795_500_000_000 + UInt64(n), logical: 0),
                                                operatorName: "fuzz", type: record.eventType, payloadVersion: record.payloadVersion,
                                                payload: record.payload))
                    }
                    exercise(state)
                    planned = (planned ?? 0) + plan.drafts.count
                }
            }
            return planned
        }
    }

    // MARK: bundle

    /// A scratch station (made once per process) that trusts the corpus'
    /// fixture station, so a bundle of its records gets past the trust check
    /// and into the chain and signature checks and the import.
    final class Scratch: @unchecked Sendable {
        let station: StationFolder
        let peerFeed: String
        init() {
            let root = FileManager.default.temporaryDirectory.appendingPathComponent("zhiban-fuzz-\(getpid())").path
            try? FileManager.default.removeItem(atPath: root)
            station = try! StationFolder.create(at: root, name: "fuzz", code: "FZ")
            let key = try! PeerKey.parse(FuzzFixture.peerKeyLine).get()
            try! TrustStore(station: station).add(key)
            peerFeed = station.paths.feed(key.id)
            // Gone when the process ends normally (a replay, `swift test`); a crash keeps it to look at.
            atexit { try? FileManager.default.removeItem(atPath: FuzzTarget.scratch.station.paths.root) }
        }
    }
    static let scratch = Scratch()

    static func bundle(_ bytes: [UInt8]) -> Int? {
        // Each input starts from the same state: the peer's copy as it was before any import.
        try? FileManager.default.removeItem(atPath: scratch.peerFeed)
        let report: SyncReport
        do {
            report = try SyncBundle.importBundle(bytes, into: scratch.station, path: "fuzz.bundle")
        } catch {
            check(!"\(error)".isEmpty, "a refusal without words")
            return nil
        }
        // Whatever was taken in is a valid feed of the peer, with nothing after its good records.
        if let data = FileManager.default.contents(atPath: scratch.peerFeed) {
            let scan = [UInt8](data).withUnsafeBytes { FeedScanner.scan($0) }
            check(scan.problem == nil, "an import left a damaged feed: \(scan.problem.map { "\($0)" } ?? "")")
            let taken = report.peers.reduce(0) { $0 + $1.recordsIn }
            check(scan.records.count == taken, "\(scan.records.count) records on disk, \(taken) said to be imported")
            return report.hasRejections ? nil : taken
        }
        return report.hasRejections ? nil : 0
    }
}
