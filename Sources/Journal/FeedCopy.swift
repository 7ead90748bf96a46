import DutyModel
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A feed file as sync sees it: a verified local copy of a peer's feed (only
/// ever appended to, never edited), or this station's own feed (read only here).
public final class FeedCopy {
    public let path: String
    public let header: FeedHeader
    /// Every good record's place, in sequence order. Opened from a cached
    /// position, the records before it are indexed only when asked for: a
    /// sync that pulls and publishes what is new never reads all history.
    public var records: [RecordInfo] { indexPrefix(); return index }
    public private(set) var validEnd: Int
    /// The latest time among the records `append(continuation:)` has taken
    /// (to see whether a peer's clock runs ahead of ours).
    public private(set) var newestAppended: HLCTimestamp = .zero
    public private(set) var problem: FeedProblem?
    /// The cached position this copy was opened from (nil: the file was read whole).
    public private(set) var openedFrom: FeedPosition?

    /// Records indexed: those after `base` (all of them when nil).
    private var index: [RecordInfo] = []
    private var base: FeedPosition?
    private let positionCache: String?

    public var lastSequence: UInt64 { index.last?.sequence ?? base?.sequence ?? 0 }
    var lastHash: [UInt8] { index.last?.hash ?? base?.hash ?? header.genesisHash }
    /// Good records in the copy (sequences run 1, 2, 3 … without gaps).
    public var recordCount: Int { Int(lastSequence) }
    /// Where the copy's good part ends: its last record.
    public var position: FeedPosition {
        if let last = index.last { return FeedPosition(last, station: header.stationID) }
        return base ?? .start(header)
    }

    /// Opens the copy at `path`, creating it (header only) for a new peer.
    /// `positionCache`: a cache/ file remembering where the copy was read up to
    /// (checked against the file before use; kept current after a long read).
    public init(path: String, header: FeedHeader, positionCache: String? = nil) throws {
        self.path = path
        self.header = header
        self.positionCache = positionCache
        if !FileSystem.exists(path) {
            try FileSystem.writeAtomically(header.encoded, to: path, mode: 0o600)
        }
        let file = try PosixFile(path: path, flags: O_RDONLY)
        if let positionCache, let cached = FeedPosition.remembered(at: positionCache, station: header.stationID),
           cached.holds(in: file, header: header) {
            base = cached
            openedFrom = cached
            validEnd = cached.end
            try refresh()
            rememberPosition(readSince: cached.end)
            return
        }
        let bytes = try file.readAll()
        let scan = bytes.withUnsafeBytes { FeedScanner.scan($0, expectedStation: header.stationID) }
        guard scan.header == header else {
            throw SyncFileError("\(path): holds a different station's feed than its name says")
        }
        index = scan.records
        validEnd = scan.validEnd
        problem = scan.problem
        rememberPosition(readSince: FeedFormat.headerLength)
    }

    /// Keeps the copy's position in cache/ when more than 1 MiB was read to reach it.
    private func rememberPosition(readSince start: Int) {
        guard let positionCache, position.worthRemembering(readSince: start) else { return }
        position.remember(at: positionCache)
    }

    /// Indexes the records before the position the copy was opened from. If the
    /// file no longer holds them as the position said, it is read again whole.
    private func indexPrefix() {
        guard let base else { return }
        self.base = nil
        if let prefix = FeedScanner.records(of: path, header: header, upTo: base) {
            index = prefix + index
            return
        }
        let whole = (try? PosixFile(path: path, flags: O_RDONLY).readAll()) ?? []
        let again = whole.withUnsafeBytes { FeedScanner.scan($0, expectedStation: header.stationID) }
        index = again.records
        validEnd = again.validEnd
        problem = again.problem
    }

    /// The last good record that ends at or before byte `limit`: its end and
    /// sequence (the header's end and 0 when none does).
    public func lastRecord(endingBy limit: Int) -> (end: Int, sequence: UInt64) {
        if let found = index.last(where: { $0.end <= limit }) { return (found.end, found.sequence) }
        if let base, base.end <= limit { return (base.end, base.sequence) }
        if base != nil {
            indexPrefix()
            if let found = index.last(where: { $0.end <= limit }) { return (found.end, found.sequence) }
        }
        return (FeedFormat.headerLength, 0)
    }

    /// Reads records appended to the file since this copy last looked (by a
    /// sync in another process), scanning only the new bytes. A partial record
    /// at the end is left for later. Returns how many records were added.
    @discardableResult
    public func refresh() throws -> Int {
        let file = try PosixFile(path: path, flags: O_RDONLY)
        let size = try file.size()
        guard size > validEnd, problem == nil || problem!.isTail else { return 0 }
        let incoming = try file.read(at: validEnd, count: size - validEnd)
        let scan = incoming.withUnsafeBytes {
            FeedScanner.scanRecords($0, header: header, from: 0, lastSequence: lastSequence, lastHash: lastHash)
        }
        let start = validEnd
        index += scan.records.map { var r = $0; r.offset += start; return r }
        validEnd = start + scan.validEnd
        newestAppended = max(newestAppended, scan.records.map(\.time).max() ?? .zero)
        problem = scan.problem.map { var p = $0; p.offset += start; return p }
        return scan.records.count
    }

    /// The good records after sequence `known`, decoded, reading only their bytes.
    public func readRecords(after known: UInt64) throws -> [Record] {
        if known < (base?.sequence ?? 0) { indexPrefix() }
        // Sequences run 1, 2, 3 … without gaps: a slice, not a scan of all history.
        let first = base?.sequence ?? 0
        let start = Int(min(known - min(known, first), UInt64(index.count)))
        let fresh = start < index.count && index[start].sequence == known + 1 ? index[start...] : index.filter { $0.sequence > known }[...]
        guard !fresh.isEmpty else { return [] }
        return try RecordSpan.read(fresh, from: PosixFile(path: path, flags: O_RDONLY))
    }

    /// Bytes of this copy in `range` (clamped to the valid part).
    public func bytes(_ range: Range<Int>) throws -> [UInt8] {
        let lower = max(0, range.lowerBound), upper = min(validEnd, range.upperBound)
        guard lower < upper else { return [] }
        return try PosixFile(path: path, flags: O_RDONLY).read(at: lower, count: upper - lower)
    }

    /// Checks `incoming` (bytes that would follow `validEnd`) as a continuation
    /// of this feed and appends the good records durably. Returns how many
    /// records were taken and the problem that stopped it, if any.
    public func append(continuation incoming: [UInt8]) throws -> (accepted: Int, problem: FeedProblem?) {
        let scan = incoming.withUnsafeBytes {
            FeedScanner.scanRecords($0, header: header, from: 0, lastSequence: lastSequence, lastHash: lastHash)
        }
        var problem = scan.problem
        problem?.offset += validEnd
        guard scan.validEnd > 0 else { return (0, problem) }
        let file = try PosixFile(path: path, flags: O_RDWR)
        let start = validEnd
        do {
            try file.write(Array(incoming[0..<scan.validEnd]), at: start)
            try file.syncData()
        } catch {
            try? file.truncate(to: start)
            throw error
        }
        index += scan.records.map { var r = $0; r.offset += start; return r }
        validEnd = start + scan.validEnd
        newestAppended = max(newestAppended, scan.records.map(\.time).max() ?? .zero)
        return (scan.records.count, problem)
    }
}

public struct SyncFileError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// Crash-safe writes into a sync folder.
public enum FolderWrite {
    /// Creates `path` with `bytes` through a temp file and rename, so a reader
    /// never sees a half-written new file.
    public static func create(_ bytes: [UInt8], at path: String) throws {
        try FileSystem.writeAtomically(bytes, to: path, mode: 0o644)
    }

    /// Creates `path` (mode 0644) through a temp file and rename, its bytes
    /// given a piece at a time by `fill`; on any failure nothing is left behind.
    public static func create(at path: String, fill: (_ write: ([UInt8]) throws -> Void) throws -> Void) throws {
        try FileSystem.writeAtomically(to: path, mode: 0o644, fill: fill)
    }

    /// Writes `bytes` at `offset` (not O_APPEND: two stations publishing the
    /// same feed write the same bytes to the same place) and syncs.
    public static func write(_ bytes: [UInt8], to path: String, at offset: Int) throws {
        let file = try PosixFile(path: path, flags: O_WRONLY)
        try file.write(bytes, at: offset)
        try file.sync()
    }

    /// Reads at most `count` bytes of `path` from `offset`.
    public static func read(_ path: String, at offset: Int, count: Int) throws -> [UInt8] {
        try PosixFile(path: path, flags: O_RDONLY).read(at: offset, count: count)
    }
}
