import Crypto
import DutyModel
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What to append: the journal does not interpret it.
public struct NewRecord: Sendable {
    public var eventType: String
    public var payloadVersion: UInt16
    public var payload: [UInt8]
    public var operatorName: String

    public init(eventType: String, payloadVersion: UInt16, payload: [UInt8], operatorName: String) {
        self.eventType = eventType
        self.payloadVersion = payloadVersion
        self.payload = payload
        self.operatorName = operatorName
    }
}

extension NewRecord {
    /// An event the console or a command built, written as `operatorName`.
    /// A draft whose message could not be encoded is refused, never written empty.
    public init(_ draft: EventDraft, operatorName: String) throws {
        if let problem = draft.encodingProblem { throw EventNotEncodable(reason: problem) }
        self.init(eventType: draft.type.rawValue, payloadVersion: draft.type.payloadVersion, payload: draft.payload,
                  operatorName: operatorName)
    }
}

/// The journal is damaged before its tail: reading stopped there and nothing
/// may be appended until `zhiban repair`.
public struct JournalReadOnly: Error, CustomStringConvertible, Sendable {
    public var path: String
    public var problem: FeedProblem

    public init(path: String, problem: FeedProblem) {
        self.path = path
        self.problem = problem
    }

    public var description: String {
        "\(path): \(problem). The station is read-only: records after byte \(problem.offset) are not used. "
            + "Run `zhiban repair` to move the damaged part to quarantine/ (nothing is deleted), or restore the file from a peer or backup."
    }
}

/// An event whose payload could not be encoded: nothing was written.
public struct EventNotEncodable: Error, CustomStringConvertible, Sendable {
    public var reason: String
    public var description: String { "the event cannot be written: \(reason)" }
}

public struct RecordTooLarge: Error, CustomStringConvertible, Sendable {
    public var size: Int
    public var description: String {
        "record of \(size) bytes is larger than the journal's limit of \(FeedFormat.maximumBodyLength) bytes; shorten the text"
    }
}

/// This station's own feed: the only file it appends to. Several processes
/// of the station may append; each append takes the lock, catches up with
/// what others wrote, appends, fdatasyncs, and only then returns.
public final class Journal {
    public let station: StationFolder
    public let header: FeedHeader
    public var path: String { station.paths.feed(station.id) }
    /// Every good record's place, in sequence order. Opened from a cached
    /// position, the records before it are indexed only when asked for (here,
    /// `readRecords()` or `records(after:)` before the position): appending and
    /// reading what is new never pay for all history.
    public var records: [RecordInfo] { indexPrefix(); return index }
    /// Records indexed: those after sequence `indexBase`.
    private var index: [RecordInfo] = []
    /// Opened from `base`: records 1 … base.sequence are not indexed yet.
    private var base: FeedPosition?
    /// The cached position this journal was opened from (nil: the feed was read whole).
    public private(set) var openedFrom: FeedPosition?
    private var indexBase: UInt64 { base?.sequence ?? 0 }
    /// Set when damage before the tail makes the station read-only.
    public private(set) var damage: FeedProblem?
    /// Torn tails cut back into quarantine since this journal was opened.
    public private(set) var recoveries: [QuarantineEntry] = []
    public var lockTimeout: TimeInterval = 5
    /// False only to build benchmark and test fixtures quickly: appends are then
    /// not fdatasynced (never acknowledged as durable to anyone). Never set in use.
    public var syncsAppends = true
    /// Who appends, for the lock file (so a waiting process can name us).
    public var holderDescription: String
    /// The real clock (the system's, unless a test injects another). The time a
    /// record carries in the journal follows the `now` it is appended with, but
    /// never more than `clockLead` past this clock: `--now` on a drill station,
    /// a wrong clock setting in a script, cannot move this station's hybrid
    /// clock into the future, where every later real record would follow it.
    public var realClock: @Sendable () -> Date = { Date() }
    /// How far past the real clock a record's time may be: five minutes.
    public static let clockLead: TimeInterval = HybridLogicalClock.maximumLead

    private var validEnd: Int
    private var lastHash: [UInt8]

    public var isReadOnly: Bool { damage != nil }
    /// Counts the times the feed was found shorter than read (a repair moved a
    /// suffix to quarantine), so a reader holding a fold knows to start again.
    public private(set) var rereadCount = 0
    public var lastSequence: UInt64 { index.last?.sequence ?? indexBase }
    public var lastTime: HLCTimestamp { index.last?.time ?? base?.time ?? .zero }
    /// Good records in the feed (sequences run 1, 2, 3 … without gaps).
    public var recordCount: Int { Int(lastSequence) }
    /// Where the feed's good part ends: its last record, for a cache to remember.
    public var position: FeedPosition {
        if let last = index.last { return FeedPosition(last, station: station.id) }
        return base ?? .start(header)
    }
    /// The cached position of this feed, kept in cache/ so an open reads only what is new.
    var positionCachePath: String { station.paths.position(station.id) }

    /// Opens the station's feed. A torn tail is cut back to the last good record
    /// (the cut bytes go to quarantine/ and are listed in `recoveries`); damage
    /// earlier leaves the journal open read-only with `damage` set.
    public init(station: StationFolder, now: Date, recover: Bool = true) throws {
        self.station = station
        self.header = FeedHeader(publicKey: station.publicKey)
        self.holderDescription = "pid \(getpid())"
        self.validEnd = FeedFormat.headerLength
        self.lastHash = header.genesisHash
        let file = try PosixFile(path: station.paths.feed(station.id), flags: O_RDONLY)
        // A cached position the feed still holds: read only the bytes after it.
        if let cached = FeedPosition.remembered(at: positionCachePath, station: station.id), cached.holds(in: file, header: header) {
            base = cached
            openedFrom = cached
            validEnd = cached.end
            lastHash = cached.hash
            let size = try file.size()
            if try hasNewBytes(file, size: size) {
                if recover {
                    try withLock { file in try catchUp(file, size: try file.size(), underLock: true, now: now) }
                } else {
                    try catchUp(file, size: size, underLock: false, now: now)
                }
            }
            rememberPosition(readSince: cached.end)
            return
        }
        let bytes = try file.readAll()
        let scan = bytes.withUnsafeBytes { FeedScanner.scan($0, expectedStation: station.id) }
        if case .header = scan.problem?.kind {
            damage = scan.problem
            validEnd = 0
            return
        }
        if scan.header != header {
            throw StationError("\(path): the feed's key is not this station's key; restore the matching keys/ folder")
        }
        adopt(scan.records, validEnd: scan.validEnd)
        if let problem = scan.problem {
            if problem.isTail && recover {
                try withLock { file in try catchUp(file, size: try file.size(), underLock: true, now: now) }
            } else if !problem.isTail {
                damage = problem
            }
        }
        rememberPosition(readSince: FeedFormat.headerLength)
    }

    /// Keeps this feed's position in cache/ when more than 1 MiB was read to
    /// reach it, so the next open does not read those bytes again.
    private func rememberPosition(readSince start: Int) {
        guard damage == nil, position.worthRemembering(readSince: start) else { return }
        position.remember(at: positionCachePath)
    }

    /// Indexes the records before the position the journal was opened from.
    /// If the feed no longer holds them as that position said (replaced or
    /// damaged since), the whole feed is read again (`rereadCount` goes up).
    private func indexPrefix() {
        guard let base else { return }
        self.base = nil
        if let prefix = FeedScanner.records(of: path, header: header, upTo: base) {
            index = prefix + index
            return
        }
        rereadCount += 1
        index.removeAll()
        validEnd = FeedFormat.headerLength
        lastHash = header.genesisHash
        if let file = try? PosixFile(path: path, flags: O_RDONLY), let size = try? file.size() {
            try? catchUp(file, size: size, underLock: false, now: Date())
        }
    }

    private func adopt(_ newRecords: [RecordInfo], validEnd: Int) {
        index.append(contentsOf: newRecords)
        self.validEnd = validEnd
        if let last = newRecords.last { lastHash = last.hash }
    }

    /// The append lock's file, opened once; the holder text is this journal's description.
    private var appendLock: AppendLock?
    private var appendLockHolder = ""
    /// The signing key, built once (not from its seed for every record).
    private var signingKey: Curve25519.Signing.PrivateKey?

    private func withLock<T>(_ body: (PosixFile) throws -> T) throws -> T {
        if appendLock == nil || appendLockHolder != holderDescription {
            appendLock = try AppendLock(path: station.paths.lock(station.id), holder: holderDescription)
            appendLockHolder = holderDescription
        }
        let lock = appendLock!
        try lock.acquire(timeout: lockTimeout)
        defer { lock.release() }
        // The feed stays open between appends (it is only ever appended to or, by
        // `repair`, truncated in place: the same file).
        if feedFile == nil { feedFile = try PosixFile(path: path, flags: O_RDWR) }
        return try body(feedFile!)
    }

    private var feedFile: PosixFile?

    private func sign(_ message: [UInt8]) throws -> [UInt8] {
        if signingKey == nil { signingKey = try station.makeSigningKey() }
        return Array(try signingKey!.signature(for: message))
    }

    /// Reads records other processes appended since we last looked. Without
    /// the lock a partial record at the end may be a write in progress, so a
    /// torn tail is left alone here; damage before the tail is reported.
    @discardableResult
    public func refresh(now: Date) throws -> Bool {
        let file = try PosixFile(path: path, flags: O_RDONLY)
        let size = try file.size()
        guard damage == nil, try hasNewBytes(file, size: size) else { return false }
        let before = (lastSequence, rereadCount)
        try catchUp(file, size: size, underLock: false, now: now)
        return (lastSequence, rereadCount) != before
    }

    private func catchUp(_ file: PosixFile, size: Int, underLock: Bool, now: Date) throws {
        if size < validEnd || mustReread {
            // Someone repaired the feed (moved a suffix to quarantine) or replaced it: read it again.
            mustReread = false
            rereadCount += 1
            index.removeAll()
            base = nil
            validEnd = FeedFormat.headerLength
            lastHash = header.genesisHash
        }
        let tail = try file.read(at: validEnd, count: size - validEnd)
        let start = validEnd
        let scan = tail.withUnsafeBytes {
            FeedScanner.scanRecords($0, header: header, from: 0, lastSequence: lastSequence, lastHash: lastHash)
        }
        adopt(scan.records.map { var r = $0; r.offset += start; return r }, validEnd: start + scan.validEnd)
        guard var problem = scan.problem else { return }
        problem.offset += start
        if !problem.isTail {
            damage = problem
        } else if underLock {
            let cut = Array(tail[scan.validEnd...])
            let entry = try Quarantine.store(cut, from: path, offset: validEnd,
                                             reason: "torn tail cut back on open: \(problem)",
                                             folder: station.paths.quarantine, now: now)
            try file.truncate(to: validEnd)
            try file.syncData()
            recoveries.append(entry)
        }
    }

    /// Appends one record and returns only once it is on disk (fdatasync).
    /// On any failure the feed is left as it was before the call.
    @discardableResult
    public func append(_ new: NewRecord, now: Date) throws -> RecordInfo {
        try append(now: now, after: lastSequence) { _ in new }
    }

    /// Appends the record `build` makes. `build` runs under the append lock and
    /// is given every record of this feed after sequence `after` (what the
    /// caller's view already holds), including ones other processes appended
    /// a moment ago, so what it writes (a daily incident number, say) takes
    /// them into account without a race.
    @discardableResult
    public func append(now: Date, after known: UInt64, build: ([Record]) throws -> NewRecord) throws -> RecordInfo {
        try append(batchAfter: known, now: now) { [try build($0)] }[0]
    }

    /// Appends every record of `batch` with one lock, one write and one
    /// fdatasync: all of them are on disk when this returns, or (on any
    /// failure) none of them, and the feed is as it was before the call.
    @discardableResult
    public func append(batch: [NewRecord], now: Date) throws -> [RecordInfo] {
        try append(batchAfter: lastSequence, now: now) { _ in batch }
    }

    /// As `append(batch:now:)`, the records made by `build` under the lock
    /// from what this feed holds after sequence `known` (see `append(now:after:build:)`).
    /// An empty batch writes nothing (and takes the lock only to read newcomers).
    @discardableResult
    public func append(batchAfter known: UInt64, now: Date, build: ([Record]) throws -> [NewRecord]) throws -> [RecordInfo] {
        try withLock { file in
            var size = try file.size()
            if try hasNewBytes(file, size: size) {
                try catchUp(file, size: size, underLock: true, now: now)
                size = try file.size()
            }
            if let damage { throw JournalReadOnly(path: path, problem: damage) }
            let newcomers = lastSequence > known ? try RecordSpan.read(records(after: known), from: file) : []
            let batch = try build(newcomers)
            guard !batch.isEmpty else { return [] }
            var framed: [UInt8] = []
            var infos: [RecordInfo] = []
            var sequence = lastSequence
            var time = lastTime
            var previous = lastHash
            var offset = validEnd
            let clockNow = min(now, realClock().addingTimeInterval(Self.clockLead))
            for new in batch {
                sequence += 1
                time = HybridLogicalClock.tick(last: time, now: clockNow)
                let unsigned = Record(stationID: station.id, sequence: sequence, time: time,
                                      operatorName: String(new.operatorName.prefix(200)), eventType: new.eventType,
                                      payloadVersion: new.payloadVersion, payload: new.payload,
                                      previousHash: previous, signature: [])
                let bodySize = FeedFormat.minimumBodyLength + unsigned.operatorName.utf8.count + new.eventType.utf8.count + new.payload.count
                guard bodySize <= FeedFormat.maximumBodyLength, new.eventType.utf8.count <= 255 else { throw RecordTooLarge(size: bodySize) }
                // The body built once: signed, framed and hashed from the same bytes.
                let body = unsigned.unsignedBody
                let signature = try sign(Record.signingMessage(unsignedBody: body))
                let start = framed.count
                Record.frame(body: body, signature: signature, into: &framed)
                let hash = framed.withUnsafeBytes { Record.hash(body: UnsafeRawBufferPointer(rebasing: $0[(start + FeedFormat.frameOverhead)...])) }
                let length = framed.count - start
                infos.append(RecordInfo(offset: offset, length: length, sequence: sequence, time: time, hash: hash))
                offset += length
                previous = hash
            }
            let end = validEnd + framed.count
            let sizeBefore = size
            let recordsOnly = framed.count
            if end > sizeBefore {
                // Growing the file makes fdatasync write the inode too (a second I/O). Grow it by
                // whole stretches of written zeros instead, so the appends that follow overwrite
                // blocks already there and each costs one write and the flush.
                let target = (end + Self.growth - 1) / Self.growth * Self.growth
                framed += [UInt8](repeating: 0, count: target - end)
            }
            func writeAndSync(_ bytes: [UInt8]) throws {
                try file.write(bytes, at: validEnd)
                if syncsAppends { try file.syncData() }
            }
            /// Our own unacknowledged bytes taken back, so the feed stays valid (and the file
            /// as it was: its unwritten space, zeros, comes back as a hole). If they cannot be,
            /// a later append must not adopt them as someone else's records (the batch was
            /// reported as failed): the station goes read-only until `zhiban repair` moves
            /// them to quarantine/.
            func takeBack() -> Bool {
                do {
                    try file.truncate(to: validEnd)
                    if sizeBefore > validEnd { try file.truncate(to: sizeBefore) }
                    try file.syncData()
                    return true
                } catch {
                    damage = FeedProblem(offset: validEnd, kind: .failedAppendNotTakenBack("\(error)"), isTail: false)
                    return false
                }
            }
            do {
                try writeAndSync(framed)
            } catch {
                guard takeBack() else { throw error }
                // A nearly full disk: the records may still fit without the stretch of zeros.
                guard framed.count > recordsOnly, (error as? FileError)?.code == ENOSPC else { throw error }
                do {
                    try writeAndSync(Array(framed[0..<recordsOnly]))
                } catch let second {
                    _ = takeBack()
                    throw second
                }
            }
            adopt(infos, validEnd: end)
            return infos
        }
    }

    /// The stretch of zeros a feed file grows by (see `append`): unwritten
    /// space the scanner reads as the feed's end, not as damage.
    static let growth = 128 << 10

    /// Whether the file holds bytes after `validEnd` that may be records (it
    /// is longer and the next bytes are not the zeros of unwritten space), or
    /// no longer holds what this journal read: shorter (a repair cut it back),
    /// or its last record read back is not the one read before (a repair
    /// followed by appends, a restore from a backup). In those cases the feed
    /// is read again from its start (`rereadCount` goes up) by `catchUp`.
    /// One read of the last record and the next 8 bytes.
    private func hasNewBytes(_ file: PosixFile, size: Int) throws -> Bool {
        guard size >= validEnd else { return true }
        let last = position
        let from = last.sequence == 0 ? 0 : last.lastOffset
        let bytes = try file.read(at: from, count: min(size, validEnd + FeedFormat.frameOverhead) - from)
        let ours = validEnd - from
        guard bytes.count >= ours else { mustReread = true; return true }
        let holds = bytes.withUnsafeBytes { b -> Bool in
            // A header that did not read whole (validEnd 0: the header itself is damaged) does not hold.
            if last.sequence == 0 { return b.count >= FeedFormat.headerLength && Array(b[0..<FeedFormat.headerLength]) == header.encoded }
            return Record.hash(body: UnsafeRawBufferPointer(rebasing: b[FeedFormat.frameOverhead..<ours])) == lastHash
        }
        guard holds else { mustReread = true; return true }
        return bytes[ours...].contains { $0 != 0 }
    }

    /// Set when the feed no longer holds the last record read: read it again.
    private var mustReread = false

    /// The good records after sequence `known`, decoded, reading only their bytes.
    public func readRecords(after known: UInt64) throws -> [Record] {
        let fresh = records(after: known)
        guard !fresh.isEmpty else { return [] }
        return try RecordSpan.read(fresh, from: PosixFile(path: path, flags: O_RDONLY))
    }

    /// The record infos after sequence `known`: sequences run 1, 2, 3 … without
    /// gaps, so this is a slice, not a scan of all history.
    func records(after known: UInt64) -> ArraySlice<RecordInfo> {
        if known < indexBase { indexPrefix() }
        let first = indexBase
        let start = Int(min(known - min(known, first), UInt64(index.count)))
        guard start < index.count, index[start].sequence == known + 1 else { return index.filter { $0.sequence > known }[...] }
        return index[start...]
    }

    /// Every good record, decoded, in sequence order.
    public func readRecords() throws -> [Record] {
        indexPrefix()
        let bytes = try PosixFile(path: path, flags: O_RDONLY).read(at: 0, count: validEnd)
        return bytes.withUnsafeBytes { buffer in index.compactMap { FeedScanner.record(buffer, at: $0) } }
    }

    /// Moves everything from the first damage to the end of the feed into
    /// quarantine/, so the station can write again. Returns nil if there was
    /// nothing to repair.
    public func repair(now: Date) throws -> QuarantineEntry? {
        try withLock { file in
            let size = try file.size()
            // Re-read from scratch under the lock: the damage report may be stale.
            rereadCount += 1
            index.removeAll()
            base = nil
            validEnd = FeedFormat.headerLength
            lastHash = header.genesisHash
            damage = nil
            let bytes = try file.readAll()
            let scan = bytes.withUnsafeBytes { FeedScanner.scan($0, expectedStation: station.id) }
            if case .header = scan.problem?.kind {
                damage = scan.problem
                throw StationError("\(path): \(scan.problem!); the header cannot be repaired in place. Move the file aside and restore it from a peer or a backup.")
            }
            adopt(scan.records, validEnd: scan.validEnd)
            guard let problem = scan.problem, size > validEnd else { return nil }
            let entry = try Quarantine.store(Array(bytes[validEnd...]), from: path, offset: validEnd,
                                             reason: "repair: \(problem)", folder: station.paths.quarantine, now: now)
            try file.truncate(to: validEnd)
            try file.syncData()
            return entry
        }
    }
}
