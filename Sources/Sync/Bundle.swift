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
        let trust = TrustStore(station: station)
        var out = magic
        append(&out, UInt64(version), bytes: 2)
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
            let bytes = try copy.bytes(start..<copy.validEnd)
            out += copy.header.encoded
            append(&out, UInt64(start), bytes: 8)
            append(&out, UInt64(bytes.count), bytes: 8)
            out += bytes
            feeds += 1
            records += copy.records.filter { $0.offset >= start }.count
        }
        return (out, feeds, records)
    }

    private static func append(_ out: inout [UInt8], _ value: UInt64, bytes: Int) {
        for i in 0..<bytes { out.append(UInt8(truncatingIfNeeded: value >> (8 * UInt64(i)))) }
    }

    private static func read(_ data: [UInt8], _ at: inout Int, bytes: Int) -> UInt64? {
        guard at + bytes <= data.count else { return nil }
        var v: UInt64 = 0
        for i in 0..<bytes { v |= UInt64(data[at + i]) << (8 * UInt64(i)) }
        at += bytes
        return v
    }

    public static func isBundle(_ data: [UInt8]) -> Bool { data.starts(with: magic) }

    /// Verifies and imports a bundle: the same rules as a sync folder (trusted
    /// keys, framing, chain, sequence, signatures); only what joins this
    /// station's copies is taken.
    public static func importBundle(_ data: [UInt8], into station: StationFolder, path: String) throws -> SyncReport {
        var report = SyncReport(folder: path)
        guard isBundle(data) else { throw SyncError("\(path): not a Zhiban bundle (no ZHIBANBD at byte 0)") }
        var at = magic.count
        guard read(data, &at, bytes: 2) == UInt64(version) else { throw SyncError("\(path): byte 8: unsupported bundle version") }
        let trust = TrustStore(station: station)
        while at < data.count {
            let entryOffset = at
            guard at + FeedFormat.headerLength <= data.count else {
                report.problems.append("\(path): byte \(entryOffset): bundle cut short (incomplete entry); the rest was ignored")
                break
            }
            let headerBytes = Array(data[at..<(at + FeedFormat.headerLength)])
            at += FeedFormat.headerLength
            guard let start = read(data, &at, bytes: 8), let length = read(data, &at, bytes: 8),
                  Int(length) <= data.count - at, start >= UInt64(FeedFormat.headerLength), start < UInt64(Int.max / 2) else {
                report.problems.append("\(path): byte \(entryOffset): bundle entry damaged or cut short; the rest was ignored")
                break
            }
            let bytes = Array(data[at..<(at + Int(length))])
            at += Int(length)
            guard case .success(let header) = headerBytes.withUnsafeBytes({ FeedHeader.decode($0) }) else {
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
            let begin = Int(start), end = Int(start) + bytes.count
            guard begin <= copy.validEnd else {
                peer.rejected.append("bundle starts at byte \(begin) but this station holds \(id) only to byte \(copy.validEnd); ask for a bundle without --since")
                continue
            }
            // The overlap must be exactly what we hold, or the histories diverge.
            let overlapEnd = min(end, copy.validEnd)
            if overlapEnd > begin, Array(bytes[0..<(overlapEnd - begin)]) != (try copy.bytes(begin..<overlapEnd)) {
                peer.rejected.append("bundle's history of \(id) differs from the verified copy near byte \(begin) (a fork or a forgery); nothing imported")
                continue
            }
            guard end > copy.validEnd else { continue }
            let (accepted, problem) = try copy.append(continuation: Array(bytes[(copy.validEnd - begin)...]))
            peer.recordsIn = accepted
            if let problem {
                if problem.isTail { peer.notes.append("incomplete: \(problem)") } else { peer.rejected.append("\(problem)") }
            }
        }
        return report
    }
}
