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
    public private(set) var records: [RecordInfo]
    public private(set) var validEnd: Int
    public private(set) var problem: FeedProblem?

    public var lastSequence: UInt64 { records.last?.sequence ?? 0 }
    var lastHash: [UInt8] { records.last?.hash ?? header.genesisHash }

    /// Opens the copy at `path`, creating it (header only) for a new peer.
    public init(path: String, header: FeedHeader) throws {
        self.path = path
        self.header = header
        if !FileSystem.exists(path) {
            try FileSystem.writeAtomically(header.encoded, to: path, mode: 0o600)
        }
        let bytes = try PosixFile(path: path, flags: O_RDONLY).readAll()
        let scan = bytes.withUnsafeBytes { FeedScanner.scan($0, expectedStation: header.stationID) }
        guard scan.header == header else {
            throw SyncFileError("\(path): holds a different station's feed than its name says")
        }
        records = scan.records
        validEnd = scan.validEnd
        problem = scan.problem
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
        records += scan.records.map { var r = $0; r.offset += start; return r }
        validEnd = start + scan.validEnd
        problem = scan.problem.map { var p = $0; p.offset += start; return p }
        return scan.records.count
    }

    /// The good records after sequence `known`, decoded, reading only their bytes.
    public func readRecords(after known: UInt64) throws -> [Record] {
        // Sequences run 1, 2, 3 … without gaps: a slice, not a scan of all history.
        let start = Int(min(known, UInt64(records.count)))
        let fresh = start < records.count && records[start].sequence == known + 1 ? records[start...] : records.filter { $0.sequence > known }[...]
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
        records += scan.records.map { var r = $0; r.offset += start; return r }
        validEnd = start + scan.validEnd
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
