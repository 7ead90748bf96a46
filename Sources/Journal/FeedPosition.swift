import DutyModel
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Where a feed was read up to: its last good record (sequence, time, hash,
/// where its frame starts) and the byte where the feed's good part ends.
///
/// Caches in cache/ keep positions so a later open reads only the bytes after
/// them. The feed stays the truth: a position is used only after the record it
/// names has been read back from the feed at that offset and matches it —
/// frame checksum, station, sequence, hash and the station's signature — so a
/// stale, damaged or forged cache costs a full read, never a wrong answer.
public struct FeedPosition: Hashable, Sendable {
    public var station: StationID
    public var sequence: UInt64
    public var time: HLCTimestamp
    /// Where the last record's frame starts (the header's end before the first record).
    public var lastOffset: Int
    /// Where the feed's good part ends.
    public var end: Int
    /// The last record's hash (the genesis hash before the first record).
    public var hash: [UInt8]

    /// Before the first record.
    public static func start(_ header: FeedHeader) -> FeedPosition {
        FeedPosition(station: header.stationID, sequence: 0, time: .zero, lastOffset: FeedFormat.headerLength,
                     end: FeedFormat.headerLength, hash: header.genesisHash)
    }

    /// Just after `info`, a record of `station`'s feed.
    public init(_ info: RecordInfo, station: StationID) {
        self.init(station: station, sequence: info.sequence, time: info.time, lastOffset: info.offset, end: info.end, hash: info.hash)
    }

    public init(station: StationID, sequence: UInt64, time: HLCTimestamp, lastOffset: Int, end: Int, hash: [UInt8]) {
        self.station = station
        self.sequence = sequence
        self.time = time
        self.lastOffset = lastOffset
        self.end = end
        self.hash = hash
    }

    /// 8 + 8 + 8 + 8 + 8 + 32 bytes.
    public static let encodedLength = 72

    func encode(into w: inout ByteWriter) {
        w.raw(station.bytes)
        w.u64(sequence)
        w.u64(time.rawValue)
        w.u64(UInt64(lastOffset))
        w.u64(UInt64(end))
        w.raw(hash)
    }

    /// The 72 bytes a cache stores.
    public var encoded: [UInt8] {
        var w = ByteWriter(capacity: Self.encodedLength)
        encode(into: &w)
        return w.bytes
    }

    public init?(encoded: [UInt8]) {
        guard let position = encoded.withUnsafeBytes({ Self.decode($0) }) else { return nil }
        self = position
    }

    static func decode(_ r: inout ByteReader) -> FeedPosition? {
        guard let id = r.raw(8).flatMap(StationID.init(bytes:)), let sequence = r.u64(), let time = r.u64(),
              let lastOffset = r.u64(), let end = r.u64(), let hash = r.raw(32),
              lastOffset <= UInt64(Int.max), end <= UInt64(Int.max) else { return nil }
        return FeedPosition(station: id, sequence: sequence, time: HLCTimestamp(rawValue: time),
                            lastOffset: Int(lastOffset), end: Int(end), hash: hash)
    }

    /// True when the feed in `file` starts with `header` and holds, at this
    /// position, the record it names: one frame read and checked, signature
    /// included. Costs one read and one signature check, whatever the feed's size.
    func holds(in file: PosixFile, header: FeedHeader) -> Bool {
        guard station == header.stationID, let size = try? file.size(), end <= size,
              (try? file.read(at: 0, count: FeedFormat.headerLength)) == header.encoded else { return false }
        if sequence == 0 {
            return lastOffset == FeedFormat.headerLength && end == FeedFormat.headerLength && hash == header.genesisHash
        }
        let length = end - lastOffset
        guard lastOffset >= FeedFormat.headerLength, length > FeedFormat.frameOverhead + FeedFormat.minimumBodyLength - 1,
              length <= FeedFormat.frameOverhead + FeedFormat.maximumBodyLength,
              let frame = try? file.read(at: lastOffset, count: length), frame.count == length else { return false }
        return frame.withUnsafeBytes { bytes -> Bool in
            var r = ByteReader(bytes)
            guard let declared = r.u32(), let storedCRC = r.u32(), Int(declared) == length - FeedFormat.frameOverhead else { return false }
            let body = UnsafeRawBufferPointer(rebasing: bytes[FeedFormat.frameOverhead...])
            guard CRC32C.checksum(body, initial: CRC32C.checksum(UnsafeRawBufferPointer(rebasing: bytes[0..<4]))) == storedCRC,
                  let record = Record.decode(body: body), record.stationID == station, record.sequence == sequence,
                  record.time == time, Record.hash(body: body) == hash else { return false }
            return record.signatureIsValid(publicKey: header.publicKey)
        }
    }
}

extension FeedPosition {
    /// True when the feed at `path` still holds this position (see `holds(in:header:)`).
    public func holds(inFeedAt path: String, header: FeedHeader) -> Bool {
        guard let file = try? PosixFile(path: path, flags: O_RDONLY | O_NOFOLLOW) else { return false }
        return holds(in: file, header: header)
    }

    public static func decode(_ bytes: UnsafeRawBufferPointer) -> FeedPosition? {
        guard bytes.count == encodedLength else { return nil }
        var r = ByteReader(bytes)
        return decode(&r)
    }

    static let cacheKind = "feed-position"

    /// The position remembered at `path` (cache/feed-<id>.position) for `station`'s feed, if intact.
    static func remembered(at path: String, station: StationID) -> FeedPosition? {
        guard case .success(let payload) = CacheFile.read(path, kind: cacheKind, version: 1, station: station) else { return nil }
        return FeedPosition(encoded: payload)
    }

    /// Remembers this position at `path`. Best effort: a cache that cannot be
    /// written (a read-only disk) costs only the next open's reading.
    func remember(at path: String) {
        try? CacheFile.write(encoded, to: path, kind: Self.cacheKind, version: 1, station: station)
    }

    /// Whether a read that went from byte `start` to this position was long
    /// enough (1 MiB) to be worth remembering.
    func worthRemembering(readSince start: Int) -> Bool { sequence > 0 && end - start >= 1 << 20 }
}

extension FeedScanner {
    /// The places of the records the feed at `path` holds up to `position`:
    /// nil if the file no longer holds exactly them (replaced or damaged since).
    static func records(of path: String, header: FeedHeader, upTo position: FeedPosition) -> [RecordInfo]? {
        guard let bytes = try? PosixFile(path: path, flags: O_RDONLY).read(at: 0, count: position.end) else { return nil }
        let scan = bytes.withUnsafeBytes { FeedScanner.scan($0, expectedStation: header.stationID) }
        guard scan.problem == nil, scan.header == header, scan.records.count == Int(position.sequence),
              scan.records.last?.hash == (position.sequence == 0 ? nil : position.hash) else { return nil }
        return scan.records
    }
}

/// A file in cache/: a magic, a kind and version, the station it belongs to,
/// a payload and a CRC32C over all of it. Written by rename (no fsync: a cache
/// lost in a power cut is rebuilt); read back only when every check passes.
public enum CacheFile {
    static let magic = Array("ZHIBANCA".utf8)

    /// Why a cache file was not used (each description reads after "the file is").
    public enum Problem: Error, Hashable, Sendable, CustomStringConvertible {
        case missing
        case unreadable(String)
        case tooShort(Int)
        case notACacheFile
        case otherKind(String)
        case otherVersion(UInt16)
        case otherStation(String)
        case checksumMismatch

        public var description: String {
            switch self {
            case .missing: "missing"
            case .unreadable(let why): "unreadable (\(why))"
            case .tooShort(let n): "only \(n) bytes long"
            case .notACacheFile: "not a cache file (bad magic)"
            case .otherKind(let kind): "of another kind (\(kind))"
            case .otherVersion(let v): "from format version \(v)"
            case .otherStation(let id): "another station's (it belongs to station \(id))"
            case .checksumMismatch: "damaged (its checksum does not match)"
            }
        }
    }

    /// The payload of the cache file at `path`, if it is `kind` at `version` for `station` and intact.
    public static func read(_ path: String, kind: String, version: UInt16, station: StationID) -> Result<[UInt8], Problem> {
        let result = withReader(path, kind: kind, version: version, station: station) { reader -> [UInt8]? in
            var payload = [UInt8](repeating: 0, count: reader.payloadLength)
            let got = try? payload.withUnsafeMutableBytes { try reader.read(into: $0) }
            return got == payload.count ? payload : nil
        }
        switch result {
        case .success(let payload?): return .success(payload)
        case .success(nil): return .failure(.unreadable("it ended early"))
        case .failure(let problem): return .failure(problem)
        }
    }

    /// The payload of a cache file handed out in pieces, for one too large to
    /// hold in memory beside what is built from it (the state snapshot). Its
    /// checksum is computed over what is read and compared at the end.
    public final class Reader {
        let file: PosixFile
        var offset: Int
        let payloadEnd: Int
        var crc: UInt32
        /// The payload's length in bytes.
        public let payloadLength: Int

        init(file: PosixFile, offset: Int, payloadEnd: Int, crc: UInt32) {
            self.file = file
            self.offset = offset
            self.payloadEnd = payloadEnd
            self.crc = crc
            payloadLength = payloadEnd - offset
        }

        /// Fills `buffer` with the next payload bytes: fewer only at the payload's end.
        public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
            let wanted = min(buffer.count, payloadEnd - offset)
            guard wanted > 0 else { return 0 }
            let got = try file.read(at: offset, into: UnsafeMutableRawBufferPointer(rebasing: buffer[0..<wanted]))
            crc = CRC32C.checksum(UnsafeRawBufferPointer(rebasing: buffer[0..<got]), initial: crc)
            offset += got
            return got
        }

        /// Reads what is left of the payload and compares the checksum.
        func checksumHolds() throws -> Bool {
            let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
            defer { chunk.deallocate() }
            while try read(into: chunk) > 0 {}
            guard offset == payloadEnd else { return false }
            let trailer = try file.read(at: payloadEnd, count: 4)
            guard trailer.count == 4 else { return false }
            return trailer.withUnsafeBytes { UInt32(littleEndian: $0.loadUnaligned(as: UInt32.self)) } == crc
        }
    }

    /// Calls `body` with a reader of the payload of the cache file at `path`,
    /// if it is `kind` at `version` for `station`; whatever `body` made is
    /// returned only when the checksum over the whole file then holds.
    public static func withReader<T>(_ path: String, kind: String, version: UInt16, station: StationID,
                                     _ body: (Reader) -> T) -> Result<T, Problem> {
        guard FileSystem.exists(path) else { return .failure(.missing) }
        do {
            let file = try PosixFile(path: path, flags: O_RDONLY | O_NOFOLLOW)
            let size = try file.size()
            let kindBytes = Array(kind.utf8)
            let fixed = magic.count + 1 + kindBytes.count + 2 + 8
            guard size >= fixed + 4 else { return .failure(.tooShort(size)) }
            let head = try file.read(at: 0, count: fixed)
            guard head.count == fixed else { return .failure(.tooShort(head.count)) }
            guard Array(head[0..<magic.count]) == magic else { return .failure(.notACacheFile) }
            let kindLength = Int(head[magic.count])
            guard kindLength == kindBytes.count, Array(head[(magic.count + 1)..<(magic.count + 1 + kindLength)]) == kindBytes else {
                let stored = try file.read(at: magic.count + 1, count: kindLength)
                return .failure(.otherKind(String(decoding: stored, as: UTF8.self)))
            }
            let (storedVersion, id) = head.withUnsafeBytes { b -> (UInt16, [UInt8]) in
                var r = ByteReader(b, at: magic.count + 1 + kindLength)
                return (r.u16()!, r.raw(8)!)
            }
            let reader = Reader(file: file, offset: fixed, payloadEnd: size - 4, crc: CRC32C.checksum(head))
            // A damaged file is called damaged, whatever its header says.
            guard storedVersion == version, id == station.bytes else {
                guard try reader.checksumHolds() else { return .failure(.checksumMismatch) }
                return storedVersion != version ? .failure(.otherVersion(storedVersion)) : .failure(.otherStation(id.hex))
            }
            let made = body(reader)
            guard try reader.checksumHolds() else { return .failure(.checksumMismatch) }
            return .success(made)
        } catch {
            return .failure(.unreadable("\(error)"))
        }
    }

    /// Writes `payload` as a cache file at `path` (temp file, then rename).
    public static func write(_ payload: [UInt8], to path: String, kind: String, version: UInt16, station: StationID) throws {
        try write(to: path, kind: kind, version: version, station: station) { write in try write(payload) }
    }

    /// Writes a cache file at `path` whose payload `body` hands over in pieces
    /// through the function it is given (temp file, then rename; nothing is
    /// renamed into place when `body` throws). A large payload is never held whole.
    public static func write(to path: String, kind: String, version: UInt16, station: StationID,
                             _ body: (_ write: @escaping ([UInt8]) throws -> Void) throws -> Void) throws {
        var w = ByteWriter(capacity: 64)
        w.raw(magic)
        let kindBytes = Array(kind.utf8.prefix(255))
        w.u8(UInt8(kindBytes.count))
        w.raw(kindBytes)
        w.u16(version)
        w.raw(station.bytes)
        let head = w.bytes
        let temp = path + ".tmp-\(getpid())"
        unlink(temp)
        do {
            // A new file of our own (O_EXCL, O_NOFOLLOW): whatever stood at that name is not written through.
            let file = try PosixFile(path: temp, flags: O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW)
            try file.write(head, at: 0)
            var offset = head.count
            var crc = CRC32C.checksum(head)
            try body { piece in
                try file.write(piece, at: offset)
                crc = CRC32C.checksum(piece, initial: crc)
                offset += piece.count
            }
            var tail = ByteWriter(capacity: 4)
            tail.u32(crc)
            try file.write(tail.bytes, at: offset)
        } catch {
            unlink(temp)
            throw error
        }
        guard rename(temp, path) == 0 else {
            let code = errno
            unlink(temp)
            throw FileError(path: path, operation: "rename", code: code)
        }
    }
}

/// The records of a feed after a position, read without opening the feed as a
/// journal or a copy (no lock, no index of all history): what a command that
/// needs only a few kinds of event (who checked in) reads on top of its cache.
public struct FeedTail: Sendable {
    /// The records after the position, in sequence order, that `wanted` kept.
    public var records: [Record]
    /// Where the feed's good part now ends.
    public var position: FeedPosition
    /// The position given did not hold (stale or damaged cache, a repaired
    /// feed): the feed was read from its start, and `records` are all of them.
    public var fromStart: Bool
    /// Bytes read past the position.
    public var bytesRead: Int
    /// Where reading stopped early, if it did (damage, or a write in progress).
    public var problem: FeedProblem?

    /// Reads the feed at `path`, which must be `header`'s station's, after
    /// `position` (from its start when nil or when the feed no longer holds it).
    /// `wanted` sees each record's event type; only wanted records are decoded
    /// into `records`.
    public static func read(path: String, header: FeedHeader, after position: FeedPosition?,
                            wanted: (String) -> Bool) throws -> FeedTail {
        let file = try PosixFile(path: path, flags: O_RDONLY)
        let headerBytes = try file.read(at: 0, count: FeedFormat.headerLength)
        guard case .success(let found) = headerBytes.withUnsafeBytes({ FeedHeader.decode($0) }), found == header else {
            throw StationError("\(path): the feed's header is not the key trusted for station \(header.stationID)")
        }
        var start = FeedPosition.start(header)
        var fromStart = true
        if let position, position.holds(in: file, header: header) {
            start = position
            fromStart = false
        }
        let size = try file.size()
        guard size > start.end else { return FeedTail(records: [], position: start, fromStart: fromStart, bytesRead: 0, problem: nil) }
        let bytes = try file.read(at: start.end, count: size - start.end)
        let scan = bytes.withUnsafeBytes {
            FeedScanner.scanRecords($0, header: header, from: 0, lastSequence: start.sequence, lastHash: start.hash)
        }
        var records: [Record] = []
        bytes.withUnsafeBytes { buffer in
            for info in scan.records {
                let body = UnsafeRawBufferPointer(rebasing: buffer[(info.offset + FeedFormat.frameOverhead)..<info.end])
                guard let fields = BodyFields(body) else { continue }
                let type = String(decoding: UnsafeRawBufferPointer(rebasing: body[fields.eventType]), as: UTF8.self)
                if wanted(type), let record = Record.decode(body: body) { records.append(record) }
            }
        }
        var end = start
        if let last = scan.records.last {
            end = FeedPosition(last, station: header.stationID)
            end.lastOffset += start.end
            end.end += start.end
        }
        let problem = scan.problem.map { var p = $0; p.offset += start.end; return p }
        return FeedTail(records: records, position: end, fromStart: fromStart, bytesRead: bytes.count, problem: problem)
    }
}
