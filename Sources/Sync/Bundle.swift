import Foundation
import Journal

/// A single file carrying journal bytes for sneakernet and e-mail:
/// `ZHIBANBD`, a version, then per feed its 56-byte header, the offset the
/// bytes start at, their length and the bytes. A bundle made `since` a peer's
/// known state starts each feed at the last record the peer already holds, so
/// the receiver can check that the histories join before taking anything.
public enum SyncBundle {
    static let magic = Array("ZHIBANBD".utf8)
    static let version: UInt16 = 1

    /// What a peer already holds: per station, the highest sequence number.
    public typealias KnownState = [StationID: UInt64]

    public static func make(station: StationFolder, since known: KnownState?) throws -> (bytes: [UInt8], feeds: Int, records: Int) {
        var out: [UInt8] = []
        let (feeds, records) = try write(station: station, since: known) { out += $0 }
        return (out, feeds, records)
    }

    /// Writes a bundle a piece at a time to `sink` (a feed's bytes go in
    /// pieces of at most `pieceBytes`), so a bundle of any size is made in
    /// bounded memory. Returns how many feeds and records it holds.
    public static func write(station: StationFolder, since known: KnownState?, pieceBytes: Int = 16 << 20,
                             to sink: ([UInt8]) throws -> Void) throws -> (feeds: Int, records: Int) {
        let trust = TrustStore(station: station)
        var head = magic
        append(&head, UInt64(version), bytes: 2)
        try sink(head)
        var feeds = 0, records = 0
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: station.paths.journal)) ?? []).filter { $0.hasSuffix(".log") }.sorted()
        for name in names {
            guard let id = StationID(String(name.dropLast(4))) else { continue }
            let key: [UInt8]
            if id == station.id { key = station.publicKey } else {
                guard trust.frozenReason(id) == nil, let peer = trust.key(for: id) else { continue }
                key = peer.publicKey
            }
            let copy = try FeedCopy(path: station.paths.feed(id), header: FeedHeader(publicKey: key))
            var start = FeedFormat.headerLength
            if let known, let seq = known[id] {
                guard let last = copy.records.last, last.sequence > seq else { continue }
                start = copy.records.first { $0.sequence == seq }?.offset ?? FeedFormat.headerLength
            }
            var entry = copy.header.encoded
            append(&entry, UInt64(start), bytes: 8)
            append(&entry, UInt64(copy.validEnd - start), bytes: 8)
            try sink(entry)
            var offset = start
            while offset < copy.validEnd {
                let end = min(copy.validEnd, offset + max(1, pieceBytes))
                try sink(try copy.bytes(offset..<end))
                offset = end
            }
            feeds += 1
            records += copy.records.filter { $0.offset >= start }.count
        }
        return (feeds, records)
    }

    private static func append(_ out: inout [UInt8], _ value: UInt64, bytes: Int) {
        for i in 0..<bytes { out.append(UInt8(truncatingIfNeeded: value >> (8 * UInt64(i)))) }
    }

    public static func isBundle(_ data: [UInt8]) -> Bool { data.starts(with: magic) }

    /// Where a bundle is read from: its size, and its bytes by range.
    public struct Source {
        public var size: Int
        public var read: (_ offset: Int, _ count: Int) throws -> [UInt8]
        public init(size: Int, read: @escaping (_ offset: Int, _ count: Int) throws -> [UInt8]) {
            self.size = size
            self.read = read
        }
        /// A bundle held in memory.
        public init(_ bytes: [UInt8]) {
            self.init(size: bytes.count) { Array(bytes[$0..<($0 + $1)]) }
        }
        /// A bundle file, opened as a regular file (never a link's target unless named, never a FIFO).
        public init(file: RegularFile) {
            self.init(size: file.size) { try file.read(at: $0, count: $1) }
        }
    }

    /// Verifies and imports a bundle held in memory (see `importBundle(from:into:path:)`).
    public static func importBundle(_ data: [UInt8], into station: StationFolder, path: String) throws -> SyncReport {
        try importBundle(from: Source(data), into: station, path: path)
    }

    /// Verifies and imports a bundle: the same rules as a sync folder (trusted
    /// keys, framing, chain, sequence, signatures); only what joins this
    /// station's copies is taken. Read a piece at a time (at most about two
    /// pieces of `pieceBytes` in memory), so its size is bounded only by the disk.
    public static func importBundle(from source: Source, into station: StationFolder, path: String,
                                    pieceBytes: Int = 16 << 20, realNow: Date = Date()) throws -> SyncReport {
        var report = SyncReport(folder: path)
        let size = source.size
        let piece = max(pieceBytes, FeedFormat.maximumBodyLength + 2 * FeedFormat.frameOverhead)
        let opening = try source.read(0, min(size, magic.count + 2))
        guard isBundle(opening) else { throw SyncError("\(path): not a Zhiban bundle (no ZHIBANBD at byte 0)") }
        guard opening.count == magic.count + 2, number(opening, at: magic.count, bytes: 2) == UInt64(version) else {
            throw SyncError("\(path): byte 8: unsupported bundle version")
        }
        let trust = TrustStore(station: station)
        let entryHead = FeedFormat.headerLength + 16
        var at = magic.count + 2
        while at < size {
            let entryOffset = at
            guard size - at >= entryHead else {
                report.problems.append("\(path): byte \(entryOffset): bundle cut short (incomplete entry); the rest was ignored")
                break
            }
            let head = try source.read(at, entryHead)
            let start = number(head, at: FeedFormat.headerLength, bytes: 8)
            let length = number(head, at: FeedFormat.headerLength + 8, bytes: 8)
            let bodyAt = at + entryHead
            guard length <= UInt64(size - bodyAt), start >= UInt64(FeedFormat.headerLength), start < UInt64(Int.max / 2) else {
                report.problems.append("\(path): byte \(entryOffset): bundle entry damaged or cut short; the rest was ignored")
                break
            }
            at = bodyAt + Int(length)
            guard case .success(let header) = Array(head[0..<FeedFormat.headerLength]).withUnsafeBytes({ FeedHeader.decode($0) }) else {
                report.problems.append("\(path): byte \(entryOffset): feed header damaged; entry skipped")
                continue
            }
            let id = header.stationID
            var peer = PeerSyncReport(id: id.description, name: trust.key(for: id)?.name ?? "")
            defer { report.peers.append(peer) }
            if id == station.id { peer.notes.append("this station's own records; skipped"); continue }
            guard let key = trust.key(for: id) else {
                report.problems.append("station \(id) is not trusted: its records were not imported; if you know it, run zhiban trust add with its key line")
                continue
            }
            guard key.publicKey == header.publicKey else { peer.rejected.append("signed with a different key than the trusted key; ignored"); continue }
            if let reason = trust.frozenReason(id) { peer.rejected.append("frozen after a fork: \(reason.trimmingCharacters(in: .whitespacesAndNewlines))"); continue }
            let copy = try FeedCopy(path: station.paths.feed(id), header: header)
            let begin = Int(start), end = Int(start) + Int(length)
            guard begin <= copy.validEnd else {
                peer.rejected.append("bundle starts at byte \(begin) but this station holds \(id) only to byte \(copy.validEnd); ask for a bundle without --since")
                continue
            }
            // The bundle's byte at feed offset `o` is at `bodyAt + o - begin`.
            // The overlap must be exactly what we hold, or the histories diverge.
            let overlapEnd = min(end, copy.validEnd)
            var o = begin
            var joins = true
            while o < overlapEnd && joins {
                let n = min(piece, overlapEnd - o)
                joins = try source.read(bodyAt + o - begin, n) == (try copy.bytes(o..<(o + n)))
                o += n
            }
            guard joins else {
                peer.rejected.append("bundle's history of \(id) differs from the verified copy near byte \(begin) (a fork or a forgery); nothing imported")
                continue
            }
            // What follows, a piece at a time; a record that runs past a piece's end is read again with the next.
            var offset = copy.validEnd
            while offset < end {
                let n = min(piece, end - offset)
                let (accepted, problem) = try copy.append(continuation: try source.read(bodyAt + offset - begin, n))
                peer.recordsIn += accepted
                if let problem, !(problem.isTail && accepted > 0 && offset + n < end) {
                    // A bundle is made whole (only whole records go in), so a record in it that is cut short
                    // or fails its checksum is damage to the bundle, never a tail still being written: rejected.
                    peer.rejected.append("\(problem); the \(peer.recordsIn) records before it were imported, ask for the bundle again")
                    break
                }
                if copy.validEnd == offset {
                    peer.rejected.append("byte \(offset): zeros where the next record should be; the \(peer.recordsIn) records before it were imported, ask for the bundle again")
                    break
                }
                offset = copy.validEnd
            }
            if let note = SyncReport.clockAheadNote(newest: copy.newestAppended, realNow: realNow) { peer.notes.append(note) }
        }
        return report
    }

    private static func number(_ bytes: [UInt8], at offset: Int, bytes count: Int) -> UInt64 {
        var v: UInt64 = 0
        for i in 0..<count { v |= UInt64(bytes[offset + i]) << (8 * UInt64(i)) }
        return v
    }
}
