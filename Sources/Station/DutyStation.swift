import Crypto
import DutyModel
import Geo
import Foundation
import Journal
import SafeText
import Sync
#if canImport(Glibc)
import Glibc
#endif

/// How far a long fold has come: what it is doing and, for records, how many
/// of how many.
public struct FoldProgress: Hashable, Sendable {
    public enum Phase: Hashable, Sendable { case readingSnapshot, folding, writingSnapshot }
    public var phase: Phase
    public var done: Int
    public var total: Int

    public init(phase: Phase, done: Int, total: Int) {
        self.phase = phase
        self.done = done
        self.total = total
    }

    public var isFinished: Bool { done >= total }
}

/// A station opened for use: its folder, its own journal, the verified copies
/// of its trusted peers' feeds, its rules and the fold of all of them, kept up
/// to date incrementally. The console, every command, the tests and the
/// benchmark reach the station through this one type.
///
/// Which feeds count (one policy everywhere): this station's own feed and the
/// copy of every peer whose key is in trust/ (frozen peers included: what was
/// accepted before the fork was verified). A `.log` in journal/ whose key is
/// not trusted is not folded; `feedIssues` names it.
///
/// Not thread-safe: one owner at a time (the console's station thread, or a
/// command's main thread).
public final class DutyStation {
    public let folder: StationFolder
    public let journal: Journal
    public let trust: TrustStore
    /// The station's rules: built-in, overridden by the station's rules/*.toml.
    public let rules: RuleBook
    /// The base map: `rules/map.geojson`, else the built-in one (#20).
    public let baseMap: BaseMap
    /// Why the station's own rule files were not used (the built-in ones are).
    public let ruleProblem: String?
    /// The fold of every feed that counts. Folded on first use: a command that
    /// only appends (`note --operator …`) or exports its own feed never pays for it.
    public var state: DutyState { foldOnFirstUse(); return foldedState }
    /// Goes up by one each time `state` changes.
    public var generation: Int { foldOnFirstUse(); return foldedGeneration }
    /// Feeds in journal/ that are not folded, or are folded only up to a problem.
    public var feedIssues: [FeedIssue] { loadPeersOnFirstUse(); return peerIssues }

    /// Told how far a long fold has come (reading the snapshot, folding records,
    /// writing the snapshot), from the thread that folds. Set before the first fold.
    public var onProgress: ((FoldProgress) -> Void)?

    /// Why cache/state.snapshot was not used at the first fold, when one stood
    /// there (or none did and the fold was long): "the file is … ; folded from
    /// the journal". Nil before the first fold and when the snapshot was used.
    public private(set) var snapshotNote: String?
    /// Records folded since the snapshot was read or written.
    public private(set) var foldedSinceSnapshot = 0
    /// A fold that took in this many records beyond the snapshot writes a new one.
    public var snapshotAfter = 4096
    /// False: a fold that calls for a new snapshot only marks it due, and the
    /// owner writes it with `saveSnapshotIfDue()` when it suits (the console:
    /// after its first frame has the station's data, and on quit).
    public var savesSnapshotAfterFold = true
    /// False: the duty log's text is not read from the snapshot (its entries
    /// are counted but read empty), for a command that reports counts
    /// (`zhiban status`: a few hundred megabytes less at a million records).
    /// Such a state is never written back as a snapshot. Set before the first fold.
    public var readsLogText = true
    /// Records per batch of a fold (see `FoldWork`); small in tests, to make many.
    public var foldBatchSize = 8192
    /// The format version cache/state.snapshot is written in (a change of the state's shape raises it).
    public static var snapshotFormatVersion: UInt16 { StateSnapshot.version }
    /// A snapshot should be written (see `savesSnapshotAfterFold`): enough was
    /// folded since the last, or the one in cache/ could not be used.
    public var snapshotIsDue: Bool { foldedState.log.holdsText && (snapshotUnusable || foldedSinceSnapshot >= snapshotAfter) }
    /// The snapshot in cache/ was refused, or the fold started again from nothing.
    private var snapshotUnusable = false

    private var foldedState = DutyState()
    private var foldedGeneration = 0
    private var peerIssues: [FeedIssue] = []
    private var isFolded = false
    private var peersLoaded = false

    private var peerCopies: [StationID: FeedCopy] = [:]
    /// Per feed, the last sequence folded in.
    private var foldedUpTo: [StationID: UInt64] = [:]
    /// The journal's reread count the fold was built against.
    private var foldedReread = 0

    public var id: StationID { folder.id }
    public var name: String { folder.name }
    public var timeZone: TimeZone { folder.timeZone }
    public var paths: StationPaths { folder.paths }
    /// The last sequence of this station's own feed that `state` includes.
    public var ownSequence: UInt64 { foldOnFirstUse(); return foldedUpTo[folder.id] ?? 0 }
    /// Records held: this station's and its peers'.
    public var recordCount: Int {
        loadPeersOnFirstUse()
        return journal.recordCount + peerCopies.values.reduce(0) { $0 + $1.recordCount }
    }

    /// Equal on two stations that hold the same records, whatever order they
    /// came in: SHA-256 over the newest record of every feed that counts (read
    /// from the feeds' positions: it needs no fold)
    /// (station id, sequence, record hash), in station order. Each record hash
    /// commits to its whole chain, so these heads name every record held; the
    /// fold is a function of the records, so equal digests mean equal states.
    /// Costs one line per feed, not a re-encoding of the state.
    public var digest: String {
        loadPeersOnFirstUse()
        var heads = [journal.position]
        for copy in peerCopies.values { heads.append(copy.position) }
        var hasher = SHA256()
        hasher.update(data: Array("zhiban/station-digest/v1\0".utf8))
        for head in heads.filter({ $0.sequence > 0 }).sorted(by: { $0.station < $1.station }) {
            hasher.update(data: head.station.bytes)
            withUnsafeBytes(of: head.sequence.littleEndian) { hasher.update(bufferPointer: $0) }
            hasher.update(data: head.hash)
        }
        return Array(hasher.finalize()).hex
    }

    /// A feed in journal/ that is not folded in whole.
    public struct FeedIssue: Hashable, Sendable {
        public enum Kind: Hashable, Sendable {
            /// Its station's key is not in trust/.
            case untrusted
            /// It cannot be opened as a copy of that station's feed.
            case unreadable(String)
            /// Read up to a problem (file offset and what).
            case damaged(FeedProblem)
        }
        public var path: String
        public var kind: Kind

        /// One line: the file and why it is not folded in whole (for `zhiban status` and the handover).
        public var line: String {
            switch kind {
            case .untrusted: return "\(path): not folded: its station is not trusted (zhiban trust add KEY)"
            case .unreadable(let why): return "\(path): not folded: \(why)"
            case .damaged(let problem): return "\(path): \(problem)"
            }
        }
    }

    /// Opens the station in `root`. `holder` names this process in the append
    /// lock ("zhiban note, operator 王芳") so a waiting one can say who holds it.
    /// `recover`: cut a torn tail of the own feed back into quarantine/ (the
    /// default; read-only commands such as export pass false).
    public static func open(at root: String, now: Date, holder: String, recover: Bool = true) throws -> DutyStation {
        let folder = try StationFolder.open(at: root)
        let journal = try Journal(station: folder, now: now, recover: recover)
        journal.holderDescription = "pid \(getpid()) (\(holder))"
        return DutyStation(journal: journal)
    }

    public init(journal: Journal) {
        self.folder = journal.station
        self.journal = journal
        self.trust = TrustStore(station: journal.station)
        var problems: [String] = []
        do {
            rules = try Self.loadRules(journal.station)
        } catch {
            rules = .standard
            problems.append("\(error)")
        }
        do {
            baseMap = try Self.loadMap(journal.station)
        } catch {
            baseMap = .builtin
            problems.append("\(error)")
        }
        ruleProblem = problems.isEmpty ? nil : problems.joined(separator: "; ")
    }

    private func foldOnFirstUse() {
        guard !isFolded else { return }
        isFolded = true
        loadPeersOnFirstUse()
        startFromSnapshot()
        foldNewRecords()
    }

    /// Takes the state and positions of cache/state.snapshot when every
    /// position still holds in a feed that counts; else starts empty and says why.
    private func startFromSnapshot() {
        let path = StateSnapshot.path(paths)
        let problem: StateSnapshot.Problem
        onProgress?(FoldProgress(phase: .readingSnapshot, done: 0, total: 1))
        defer { onProgress?(FoldProgress(phase: .readingSnapshot, done: 1, total: 1)) }
        // The log's text is stepped over only when what is left to fold is too little to call for a
        // new snapshot (one made without the text could not be written, and every open would fold it again).
        let feedEnds = [id: journal.lastSequence].merging(peerCopies.mapValues(\.lastSequence)) { a, _ in a }
        let logText: ([FeedPosition]) -> Bool = { [readsLogText, snapshotAfter] positions in
            guard !readsLogText else { return true }
            let reached = Dictionary(positions.map { ($0.station, $0.sequence) }, uniquingKeysWith: max)
            let left = feedEnds.reduce(0) { $0 + Int($1.value - min($1.value, reached[$1.key] ?? 0)) }
            return left >= snapshotAfter
        }
        switch StateSnapshot.load(path, station: id, logText: logText) {
        case .failure(let why): problem = why
        case .success(let snapshot):
            if let why = check(snapshot) {
                problem = why
            } else {
                foldedState = snapshot.state
                foldedUpTo = Dictionary(snapshot.positions.map { ($0.station, $0.sequence) }, uniquingKeysWith: max)
                foldedReread = journal.rereadCount
                foldedSinceSnapshot = 0
                return
            }
        }
        if case .file(.missing) = problem {
            // Nothing to say about a small station that never needed one; a long fold says why it was long.
            if recordCount >= snapshotAfter { snapshotNote = "\(path): \(problem); folded \(recordCount) records from the journal" }
        } else {
            snapshotNote = "\(path) not used: \(problem); folded from the journal instead (it is written again)"
            snapshotUnusable = true
        }
    }

    /// Why `snapshot` cannot stand for the feeds as they are now, if it cannot.
    private func check(_ snapshot: StateSnapshot) -> StateSnapshot.Problem? {
        for position in snapshot.positions {
            let feed: (path: String, header: FeedHeader, current: FeedPosition)
            if position.station == id {
                feed = (journal.path, journal.header, journal.position)
            } else if let copy = peerCopies[position.station] {
                feed = (copy.path, copy.header, copy.position)
            } else {
                return .feedNoLongerCounts(position.station)
            }
            // The feed's own position was checked (or read) as it opened: one the snapshot shares holds.
            if position == feed.current { continue }
            guard position.holds(inFeedAt: feed.path, header: feed.header) else { return .positionGone(position.station) }
        }
        return nil
    }

    /// Writes the snapshot if enough was folded since the last one. Best effort.
    public func saveSnapshotIfDue() {
        if isFolded && snapshotIsDue { try? saveSnapshot() }
    }

    /// Writes cache/state.snapshot from the current fold (temp file, rename).
    /// Best effort for callers that fold: a snapshot that cannot be written
    /// costs the next open a longer fold, nothing else.
    public func saveSnapshot() throws {
        foldOnFirstUse()
        var positions = [journal.position]
        for id in peerCopies.keys.sorted() { positions.append(peerCopies[id]!.position) }
        // Only positions the fold reached exactly (a feed it could not read stays out, and is folded next time).
        positions = positions.filter { $0.sequence > 0 && foldedUpTo[$0.station] == $0.sequence }
        guard positions.count == foldedUpTo.filter({ $0.value > 0 }).count, foldedState.log.holdsText else { return }
        onProgress?(FoldProgress(phase: .writingSnapshot, done: 0, total: 1))
        defer { onProgress?(FoldProgress(phase: .writingSnapshot, done: 1, total: 1)) }
        try StateSnapshot(positions: positions, state: foldedState).save(StateSnapshot.path(paths), station: id)
        foldedSinceSnapshot = 0
        snapshotUnusable = false
    }

    private func loadPeersOnFirstUse() {
        guard !peersLoaded else { return }
        peersLoaded = true
        refreshPeers()
    }

    /// Reads what other processes appended (own feed, peers' copies after a
    /// sync) and folds it in. Costs the new bytes only. True when `state` changed.
    @discardableResult
    public func refresh(now: Date) -> Bool {
        _ = try? journal.refresh(now: now)
        if peersLoaded { refreshPeers() }
        return isFolded ? foldNewRecords() : false
    }

    /// Picks up new peer feeds and new records in known ones.
    private func refreshPeers() {
        var issues: [FeedIssue] = []
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: paths.journal)) ?? []).filter { $0.hasSuffix(".log") }.sorted()
        for name in names {
            let path = paths.journal + "/" + name
            guard let id = StationID(String(name.dropLast(4))) else {
                issues.append(FeedIssue(path: path, kind: .unreadable("the name is not a station id (16 hex digits)")))
                continue
            }
            if id == folder.id { continue }
            if let copy = peerCopies[id] {
                _ = try? copy.refresh()
            } else if let key = trust.key(for: id) {
                do {
                    peerCopies[id] = try FeedCopy(path: path, header: FeedHeader(publicKey: key.publicKey), positionCache: paths.position(id))
                } catch {
                    issues.append(FeedIssue(path: path, kind: .unreadable("\(error)")))
                }
            } else {
                issues.append(FeedIssue(path: path, kind: .untrusted))
            }
            if let problem = peerCopies[id]?.problem { issues.append(FeedIssue(path: path, kind: .damaged(problem))) }
        }
        if let damage = journal.damage { issues.insert(FeedIssue(path: journal.path, kind: .damaged(damage)), at: 0) }
        peerIssues = issues
    }

    /// Folds records that arrived since the last fold, from every feed. A
    /// feed that shrank (repaired) makes the whole fold start again.
    @discardableResult
    private func foldNewRecords() -> Bool {
        var feeds: [(StationID, UInt64, (UInt64) throws -> [Record])] = [(folder.id, journal.lastSequence, journal.readRecords(after:))]
        for (id, copy) in peerCopies { feeds.append((id, copy.lastSequence, copy.readRecords(after:))) }
        var changed = false
        if journal.rereadCount != foldedReread || feeds.contains(where: { $0.1 < (foldedUpTo[$0.0] ?? 0) }) {
            foldedState = DutyState()
            foldedUpTo = [:]
            foldedReread = journal.rereadCount
            snapshotUnusable = true
            changed = true
        }
        let total = feeds.reduce(0) { $0 + Int($1.1 - min($1.1, foldedUpTo[$1.0] ?? 0)) }
        let pending = feeds.filter { $0.1 > (foldedUpTo[$0.0] ?? 0) }.map { FoldWork.Feed(id: $0.0, last: $0.1, from: foldedUpTo[$0.0] ?? 0, read: $0.2) }
        let work = FoldWork(pending, batchSize: foldBatchSize)
        // A long fold gets a second thread that reads and decodes while this one applies (and this
        // one reads and decodes too when nothing is ready): the fold gives the same state in any order.
        let helper = DispatchGroup()
        if total > foldBatchSize { DispatchQueue.global().async(group: helper) { work.help() } }
        let reportEvery = 50_000
        var done = 0
        while let batch = work.nextToApply() {
            foldedState.apply(decoded: batch.events)
            foldedSinceSnapshot += batch.events.count
            if total >= reportEvery, (done + batch.events.count) / reportEvery > done / reportEvery || done + batch.events.count == total {
                onProgress?(FoldProgress(phase: .folding, done: done + batch.events.count, total: total))
            }
            done += batch.events.count
            // Up to what the scanner validated, so a record that would not decode is not re-read forever.
            if let feed = work.applied(batch) { foldedUpTo[feed.id] = feed.last }
            changed = true
        }
        helper.wait()
        if changed { foldedGeneration += 1 }
        if savesSnapshotAfterFold && snapshotIsDue { try? saveSnapshot() }
        return changed
    }

    // MARK: Writes

    /// Appends `drafts` as one batch (one lock, one write, one fdatasync): all
    /// of them are on disk when this returns, or none. Folds them in.
    @discardableResult
    public func write(_ drafts: [EventDraft], operatorName: String, now: Date) throws(WriteFailure) -> [RecordInfo] {
        do {
            let records = try drafts.map { try NewRecord($0, operatorName: operatorName) }
            // Nothing here depends on the fold: append after whatever the feed holds.
            let infos = try journal.append(batchAfter: journal.lastSequence, now: now) { _ in records }
            if isFolded { foldNewRecords() }
            return infos
        } catch {
            throw WriteFailure(error)
        }
    }

    /// Appends one event; its record once on disk.
    @discardableResult
    public func write(_ draft: EventDraft, operatorName: String, now: Date) throws(WriteFailure) -> RecordInfo {
        try write([draft], operatorName: operatorName, now: now)[0]
    }

    /// Appends the batch `build` makes under the append lock. `build` is given
    /// the fold including whatever other processes appended a moment ago, and
    /// those newcomers' records, so what it writes (a daily incident number, a
    /// duplicate check) cannot race with another writer. An empty batch writes
    /// nothing. Throws what `build` threw (nothing written), else a `WriteFailure`.
    @discardableResult
    public func write(now: Date, build: (DutyState, [Record]) throws -> [NewRecord]) throws -> [RecordInfo] {
        struct Refused: Error { var underlying: Error }
        foldOnFirstUse()
        do {
            let infos = try journal.append(batchAfter: ownSequence, now: now) { newcomers in
                var current = state
                for record in newcomers { current.apply(StoredEvent(record)) }
                do { return try build(current, newcomers) } catch let e as EventNotEncodable { throw e } catch { throw Refused(underlying: error) }
            }
            if isFolded { foldNewRecords() }
            return infos
        } catch let refused as Refused {
            throw refused.underlying
        } catch {
            throw WriteFailure(error)
        }
    }

    /// Writes new incidents; the daily numbers (TZ-20261123-004) are chosen
    /// under the append lock from everything held, so two writers never take
    /// the same one. This is the only place incident numbers are given out.
    /// Returns the ids, in the order of `intakes`.
    public func recordIntakes(_ intakes: [(intake: Intake, operatorName: String)], now: Date,
                              followUps: (String, Int) -> [EventDraft] = { _, _ in [] }) throws(WriteFailure) -> [String] {
        var ids: [String] = []
        do { try write(now: now) { state, _ in
            ids = []
            var taken = Set<String>()
            var batch: [NewRecord] = []
            for (index, entry) in intakes.enumerated() {
                let day = Self.compactDay(entry.intake.receivedAt, timeZone: timeZone)
                let id = state.nextIncidentID(code: folder.code, date: day, alsoTaken: taken)
                taken.insert(id)
                ids.append(id)
                batch.append(try NewRecord(.incidentReceived(id: id, intake: entry.intake, recordedBy: entry.operatorName),
                                           operatorName: entry.operatorName))
                batch += try followUps(id, index).map { try NewRecord($0, operatorName: entry.operatorName) }
            }
            return batch
        } } catch { throw WriteFailure(error) }
        return ids
    }

    /// Writes one new incident; its id once on disk.
    public func recordIntake(_ intake: Intake, operatorName: String, now: Date) throws(WriteFailure) -> String {
        try recordIntakes([(intake, operatorName)], now: now)[0]
    }

    /// `20261123` in the station's calendar.
    public static func compactDay(_ date: Date, timeZone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d%02d%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0)
    }

    // MARK: Who writes

    /// Who a command writes as when no --operator was given: the operator
    /// chosen at this station's check-in for the current shift, else `fallback`.
    /// Without a fold at hand, only check-ins and the shift pattern are folded
    /// (a command that only appends must not pay for the whole station).
    public func operatorName(at now: Date, fallback: String) -> String {
        var state = isFolded ? foldedState : DutyState()
        if !isFolded {
            let facts = ShiftFactsCache.facts(station: self, peers: trustedPeerFeeds())
            // A shift older than the cache keeps check-ins for (a clock set far back): the full fold answers.
            let slot = facts.state.pattern.slot(at: now, timeZone: timeZone)
            state = facts.mayLack(slot) ? self.state : facts.state
        }
        if let checkIn = state.checkIn(for: state.pattern.slot(at: now, timeZone: timeZone), station: folder.id.description),
           !checkIn.operatorName.isEmpty {
            return TextSafety.sanitize(checkIn.operatorName)
        }
        return fallback
    }

    /// The peers' feeds in journal/ that count (their key is in trust/), with
    /// the header each must carry: the fold's policy, without opening them.
    private func trustedPeerFeeds() -> [(id: StationID, header: FeedHeader, path: String)] {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: paths.journal)) ?? []).filter { $0.hasSuffix(".log") }.sorted()
        return names.compactMap { name in
            guard let id = StationID(String(name.dropLast(4))), id != folder.id, let key = trust.key(for: id) else { return nil }
            return (id, FeedHeader(publicKey: key.publicKey), paths.journal + "/" + name)
        }
    }

    // MARK: Reading

    /// Reads the station's intake JSON against its taxonomy, in its time zone.
    public func intakeParser(now: Date) -> IntakeParser {
        IntakeParser(rules: rules, now: now, timeZone: timeZone, sanitize: { TextSafety.sanitize($0, keepNewlines: true) })
    }

    /// Forks seen during sync that no officer has acknowledged: one line each.
    public var unacknowledgedForks: [String] { trust.frozen.filter { !$0.acknowledged }.map(\.reason) }

    /// Marks the fork alarms as seen (the peers stay frozen).
    public func acknowledgeForks(now: Date) {
        trust.acknowledgeForks(at: DutyTime.formatISO8601(now))
    }

    /// Every record held (own feed and every trusted peer's), in one merged
    /// order: hybrid clock time, then station id, then sequence. `ownOnly`:
    /// this station's feed alone, in sequence order.
    public func mergedRecords(ownOnly: Bool = false) throws(WriteFailure) -> [Record] {
        do {
            var records = try journal.readRecords()
            if ownOnly { return records }
            loadPeersOnFirstUse()
            for copy in peerCopies.values { records += try copy.readRecords(after: 0) }
            return records.sorted { ($0.time.rawValue, $0.stationID, $0.sequence) < ($1.time.rawValue, $1.stationID, $1.sequence) }
        } catch {
            throw WriteFailure(error)
        }
    }

    /// Calls `body` with every record held, in the order of `mergedRecords`
    /// (with its place in its feed, hash included), holding a batch per feed
    /// rather than all of them: each feed is already in clock order, so the
    /// feeds are merged as they are read. A feed out of clock order (a peer's
    /// broken clock) makes it sort all records instead, with the same result.
    public func forEachMergedRecord(ownOnly: Bool = false, _ body: (Record, RecordInfo) throws -> Void) throws {
        var readers = [try journal.recordReader()]
        if !ownOnly {
            loadPeersOnFirstUse()
            for id in peerCopies.keys.sorted() { readers.append(try peerCopies[id]!.recordReader()) }
        }
        let inClockOrder = readers.allSatisfy { reader in
            zip(reader.places, reader.places.dropFirst()).allSatisfy { $0.time <= $1.time }
        }
        if !inClockOrder {
            var all: [(record: Record, info: RecordInfo)] = []
            for i in readers.indices { while let pair = try readers[i].read() { all.append(pair) } }
            all.sort { ($0.record.time.rawValue, $0.record.stationID, $0.record.sequence) < ($1.record.time.rawValue, $1.record.stationID, $1.record.sequence) }
            for pair in all { try body(pair.record, pair.info) }
            return
        }
        // One reader per station, so the station part of the order is the reader's rank by station id.
        var heads: [(record: Record, info: RecordInfo)?] = try readers.indices.map { try readers[$0].read() }
        let rank = Dictionary(uniqueKeysWithValues: heads.indices.sorted {
            (heads[$0]?.record.stationID.description ?? "") < (heads[$1]?.record.stationID.description ?? "")
        }.enumerated().map { ($0.element, $0.offset) })
        var keys: [(UInt64, Int, UInt64)?] = heads.indices.map { i in heads[i].map { ($0.info.time.rawValue, rank[i]!, $0.info.sequence) } }
        while true {
            var best = -1
            for i in keys.indices {
                guard let key = keys[i] else { continue }
                if best < 0 || key < keys[best]! { best = i }
            }
            guard best >= 0, let head = heads[best] else { return }
            try body(head.record, head.info)
            heads[best] = try readers[best].read()
            keys[best] = heads[best].map { ($0.info.time.rawValue, rank[best]!, $0.info.sequence) }
        }
    }

    /// Imports a bundle file (`export --bundle`): every record verified as a
    /// sync would (trusted key, chain, signatures), then folded in.
    public func importBundle(_ bytes: [UInt8], path: String, now: Date) throws -> SyncReport {
        try importBundle(from: SyncBundle.Source(bytes), path: path, now: now)
    }

    /// As `importBundle(_:path:now:)`, the bundle read a piece at a time from `source`.
    public func importBundle(from source: SyncBundle.Source, path: String, now: Date) throws -> SyncReport {
        let report = try SyncBundle.importBundle(from: source, into: folder, path: path)
        refresh(now: now)
        return report
    }

    /// The station's base map (#20): its own `rules/map.geojson` when it has one, else the
    /// built-in one (泰州市). A file that does not read is refused naming the fault and where.
    public static func loadMap(_ station: StationFolder) throws -> BaseMap {
        let path = station.paths.root + "/rules/map.geojson"
        guard let data = FileManager.default.contents(atPath: path) else { return .builtin }
        do {
            return BaseMap(try GeoJSON.read(data))
        } catch {
            throw StationError("\(path): \(error); fix the file or remove it to use the built-in map")
        }
    }

    /// The station's own rule files (`rules/*.toml`) replace the built-in ones of the same name.
    public static func loadRules(_ station: StationFolder) throws -> RuleBook {
        let folder = station.paths.root + "/rules"
        var overrides: [String: String] = [:]
        for name in ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []) where name.hasSuffix(".toml") {
            guard let data = FileManager.default.contents(atPath: folder + "/" + name),
                  let text = String(data: data, encoding: .utf8) else {
                throw StationError("\(folder)/\(name): cannot be read as UTF-8 text")
            }
            overrides[name] = text
        }
        switch RuleBook.load(overrides: overrides) {
        case .success(let rules): return rules
        case .failure(let problem): throw StationError("\(folder)/\(problem); fix the file or remove it to use the built-in rules")
        }
    }

    /// Creates a station and records its identity as the journal's first
    /// event, so peers that sync with it learn its name and code.
    public static func create(at root: String, name: String, code: String, jurisdiction: String,
                              operatorName: String, now: Date, drill: Bool = false) throws -> DutyStation {
        let folder = try StationFolder.create(at: root, name: name, code: code, jurisdiction: jurisdiction, drill: drill)
        var configured = Zhiban_Events_V1_StationConfigured()
        configured.name = folder.name
        configured.code = folder.code
        configured.jurisdiction = folder.jurisdiction
        configured.timezone = folder.timeZone.identifier
        let station = DutyStation(journal: try Journal(station: folder, now: now))
        try station.write(EventDraft(configured), operatorName: operatorName, now: now)
        return station
    }
}

/// The records a fold has yet to take in, as work for two threads: reading a
/// feed (and checking its chain), decoding a batch of its records, applying a
/// batch. Applying is the folding thread's alone; reading and decoding are
/// done by a helper thread and by the folding thread whenever nothing is
/// ready to apply, so both cores stay busy (a fold of a million records is
/// about half reading and decoding). Batches are applied oldest ready first
/// (nearly the order written); any order gives the same state.
final class FoldWork: @unchecked Sendable {
    struct Feed {
        var id: StationID
        var last: UInt64
        var from: UInt64
        var read: (UInt64) throws -> [Record]
    }

    struct Batch {
        var feed: Int
        var events: [DecodedEvent]
    }

    let batchSize: Int
    /// Decoded batches waiting beyond this hold the helper back (memory stays a few batches).
    static let readyLimit = 4

    private let lock = NSCondition()
    private let feeds: [Feed]
    private var unread: [Int]
    /// Records read, not yet decoded: a feed and a range of its records.
    private var undecoded: [(feed: Int, records: ArraySlice<Record>)] = []
    private var ready: [Batch] = []
    /// Batches of each feed not yet applied (nil until the feed is read).
    private var left: [Int?]
    /// Work taken and not yet finished, by either thread.
    private var busy = 0

    init(_ feeds: [Feed], batchSize: Int) {
        self.feeds = feeds
        self.batchSize = max(1, batchSize)
        unread = Array(feeds.indices.reversed())
        left = Array(repeating: nil, count: feeds.count)
    }

    private enum Task {
        case read(Int)
        case decode(Int, ArraySlice<Record>)
    }

    /// Under the lock: the next reading or decoding to do (decoding first: it frees memory).
    private func takeTask() -> Task? {
        if let next = undecoded.popLast() {
            busy += 1
            return .decode(next.feed, next.records)
        }
        if let feed = unread.popLast() {
            busy += 1
            return .read(feed)
        }
        return nil
    }

    /// Does a task outside the lock; a decode's batch is returned, a read's records are queued.
    private func perform(_ task: Task) -> Batch? {
        switch task {
        case .decode(let feed, let records):
            let station = feeds[feed].id.description
            return Batch(feed: feed, events: records.map { DecodedEvent(StoredEvent($0, station: station)) })
        case .read(let feed):
            let f = feeds[feed]
            // A feed that cannot be read is left out (and not marked folded), as before.
            let records = try? f.read(f.from)
            lock.lock()
            defer { lock.unlock(); lock.broadcast() }
            busy -= 1
            guard let records else { return nil }
            var slices: [ArraySlice<Record>] = []
            var start = 0
            repeat {
                let end = min(records.count, start + batchSize)
                slices.append(records[start..<end])
                start = end
            } while start < records.count
            left[feed] = slices.count
            // An empty read still counts: the feed is folded up to its end.
            undecoded += slices.reversed().map { (feed, $0) }
            return nil
        }
    }

    /// The helper thread: reads and decodes until nothing is left, keeping a few batches ready.
    func help() {
        while true {
            lock.lock()
            while ready.count >= Self.readyLimit { lock.wait() }
            guard let task = takeTask() else {
                lock.unlock()
                return
            }
            lock.unlock()
            if let batch = perform(task) {
                lock.lock()
                busy -= 1
                ready.append(batch)
                lock.unlock()
                lock.broadcast()
            }
        }
    }

    /// The folding thread: the next batch to apply, read and decoded by whichever thread was free; nil when all are.
    func nextToApply() -> Batch? {
        lock.lock()
        while true {
            // Oldest first: the log takes a station's rows fastest in the order they were written.
            if !ready.isEmpty {
                let batch = ready.removeFirst()
                lock.unlock()
                lock.broadcast()
                return batch
            }
            if let task = takeTask() {
                lock.unlock()
                if let batch = perform(task) {
                    lock.lock()
                    busy -= 1
                    lock.unlock()
                    lock.broadcast()
                    return batch
                }
                lock.lock()
                continue
            }
            if busy == 0 {
                lock.unlock()
                return nil
            }
            lock.wait()
        }
    }

    /// After `batch` is applied: its feed, when that was its last batch to apply.
    func applied(_ batch: Batch) -> Feed? {
        lock.lock()
        defer { lock.unlock() }
        guard let n = left[batch.feed] else { return nil }
        left[batch.feed] = n - 1
        return n == 1 ? feeds[batch.feed] : nil
    }
}
