import DutyModel
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Where a good record sits in a feed file.
public struct RecordInfo: Hashable, Sendable {
    public var offset: Int
    /// Frame length: 8 bytes of framing plus the body.
    public var length: Int
    public var sequence: UInt64
    public var time: HLCTimestamp
    public var hash: [UInt8]

    public var end: Int { offset + length }
}

/// What is wrong with a feed, and where.
public struct FeedProblem: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Kind: Hashable, Sendable {
        case header(FeedHeader.Problem)
        case truncatedFrame(available: Int)
        case truncatedRecord(declared: Int, available: Int)
        case badLength(Int)
        case checksumMismatch
        case zeroFilled
        case malformedBody
        case foreignStation(found: String, expected: String)
        case sequenceGap(expected: UInt64, found: UInt64)
        case duplicateSequence(UInt64)
        case brokenChain(sequence: UInt64)
        case badSignature(sequence: UInt64)
        case wrongStationFile(fileID: String, headerID: String)
        /// A failed append's own bytes could not be taken back (truncate or its sync failed).
        case failedAppendNotTakenBack(String)
    }

    public var offset: Int
    public var kind: Kind

    public init(offset: Int, kind: Kind, isTail: Bool) {
        self.offset = offset
        self.kind = kind
        self.isTail = isTail
    }
    /// True when the damage runs to the end of the file the way an interrupted
    /// write leaves it: recovery cuts it back (moving the bytes to quarantine).
    /// False for damage with good-looking data after it: the station then opens
    /// read-only until `zhiban repair`.
    public var isTail: Bool

    public var description: String {
        let what: String
        switch kind {
        case .header(let p):
            switch p {
            case .tooShort(let n): what = "file shorter than a header (\(n) of \(FeedFormat.headerLength) bytes)"
            case .badMagic: what = "not a Zhiban journal (wrong magic bytes)"
            case .unsupportedVersion(let v): what = "journal format version \(v) is not supported by this program"
            case .checksumMismatch: what = "header checksum does not match (damaged header)"
            case .idDoesNotMatchKey(let claimed, let derived):
                what = "header claims station \(claimed) but its key belongs to station \(derived)"
            }
        case .truncatedFrame(let n): what = "torn record: only \(n) bytes of an 8-byte record frame"
        case .truncatedRecord(let declared, let available):
            what = "torn record: frame declares \(declared) bytes, only \(available) present"
        case .badLength(let n): what = "impossible record length \(n)"
        case .checksumMismatch: what = "record checksum (CRC32C) does not match"
        case .zeroFilled: what = "zero-filled bytes where a record should start"
        case .malformedBody: what = "record fields do not fit the record (malformed body)"
        case .foreignStation(let found, let expected): what = "record of station \(found) in the feed of station \(expected)"
        case .sequenceGap(let expected, let found): what = "sequence gap: expected record \(expected), found \(found)"
        case .duplicateSequence(let s): what = "duplicated or out-of-order record \(s)"
        case .brokenChain(let s): what = "record \(s) does not carry the hash of the record before it (chain broken)"
        case .badSignature(let s): what = "record \(s) has an invalid signature"
        case .wrongStationFile(let fileID, let headerID): what = "file is named for station \(fileID) but its header is station \(headerID)"
        case .failedAppendNotTakenBack(let why): what = "a failed write's bytes could not be taken back (\(why)); they are not part of the journal"
        }
        return "byte \(offset): \(what)"
    }
}

public struct FeedScan: Sendable {
    public var header: FeedHeader?
    public var records: [RecordInfo]
    /// Offset just past the last good record (the header's end if none).
    public var validEnd: Int
    public var fileSize: Int
    public var problem: FeedProblem?

    public var lastSequence: UInt64 { records.last?.sequence ?? 0 }
    public var lastTime: HLCTimestamp { records.last?.time ?? .zero }
}

/// Reads feed bytes and finds every good record, stopping at the first
/// problem. It never skips over damage to a later record and never splices
/// bytes of two records together: everything after the first problem is
/// outside the feed until an officer repairs it.
public enum FeedScanner {
    /// Scans a whole feed file held in memory.
    public static func scan(_ bytes: UnsafeRawBufferPointer, expectedStation: StationID? = nil) -> FeedScan {
        let header: FeedHeader
        switch FeedHeader.decode(bytes) {
        case .failure(let p):
            return FeedScan(header: nil, records: [], validEnd: 0, fileSize: bytes.count,
                            problem: FeedProblem(offset: 0, kind: .header(p), isTail: false))
        case .success(let h):
            header = h
        }
        if let expectedStation, expectedStation != header.stationID {
            return FeedScan(header: header, records: [], validEnd: 0, fileSize: bytes.count,
                            problem: FeedProblem(offset: 0, kind: .wrongStationFile(fileID: expectedStation.description,
                                                                                   headerID: header.stationID.description),
                                                 isTail: false))
        }
        return scanRecords(bytes, header: header, from: FeedFormat.headerLength,
                           lastSequence: 0, lastHash: header.genesisHash)
    }

    /// Scans records from `offset`, continuing a chain whose last record had
    /// `lastSequence` and `lastHash` (the genesis hash before the first).
    public static func scanRecords(_ bytes: UnsafeRawBufferPointer, header: FeedHeader, from start: Int,
                                   lastSequence: UInt64, lastHash: [UInt8], checkingSignature: Bool = true) -> FeedScan {
        var records: [RecordInfo] = []
        var offset = start
        var sequence = lastSequence
        var previous = lastHash
        var problem: FeedProblem? = nil
        let count = bytes.count

        func fail(_ kind: FeedProblem.Kind, tail: Bool) {
            problem = FeedProblem(offset: offset, kind: kind, isTail: tail)
        }

        while offset < count {
            let available = count - offset
            // Zeros to the end are space made ready for appends (or never written): the feed ends here.
            if allZero(bytes, from: offset) { break }
            if available < FeedFormat.frameOverhead { fail(.truncatedFrame(available: available), tail: true); break }
            var r = ByteReader(bytes, at: offset)
            let length = Int(r.u32()!)
            let storedCRC = r.u32()!
            let extent = FeedFormat.frameOverhead + length
            // Damage is a torn tail when nothing but zeros (unwritten space) follows it.
            let reachesEnd = extent >= available || allZero(bytes, from: offset + extent)
            guard length >= FeedFormat.minimumBodyLength, length <= FeedFormat.maximumBodyLength else {
                fail(.badLength(length), tail: reachesEnd || allZero(bytes, from: offset + 4)); break
            }
            guard extent <= available else {
                fail(.truncatedRecord(declared: length, available: available - FeedFormat.frameOverhead), tail: true); break
            }
            let lengthField = UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + 4)])
            let body = UnsafeRawBufferPointer(rebasing: bytes[(offset + 8)..<(offset + extent)])
            let crc = CRC32C.checksum(body, initial: CRC32C.checksum(lengthField))
            // A torn tail only when the write stopped part way: the frame ends in the zeros of
            // space not yet written (16 zero bytes: a signed record never ends so). A whole
            // record that fails its checksum was written and acknowledged, then damaged: not cut.
            guard crc == storedCRC else {
                fail(.checksumMismatch, tail: reachesEnd && allZero(bytes, from: offset + extent - min(16, length), to: offset + extent)); break
            }
            guard let fields = BodyFields(body) else { fail(.malformedBody, tail: false); break }
            guard fields.station(in: body, equals: header.stationID) else {
                fail(.foreignStation(found: fields.stationID(in: body).description, expected: header.stationID.description), tail: false); break
            }
            guard fields.sequence == sequence + 1 else {
                fail(fields.sequence <= sequence ? .duplicateSequence(fields.sequence)
                                                 : .sequenceGap(expected: sequence + 1, found: fields.sequence), tail: false)
                break
            }
            guard fields.previousHash(in: body, equals: previous) else { fail(.brokenChain(sequence: fields.sequence), tail: false); break }
            let hash = Record.hash(body: body)
            records.append(RecordInfo(offset: offset, length: extent, sequence: fields.sequence, time: HLCTimestamp(rawValue: fields.time), hash: hash))
            sequence = fields.sequence
            previous = hash
            offset += extent
        }

        // The chain makes the newest good record's signature vouch for all
        // before it. Walk back past records whose signature fails: they and
        // everything after them are damage.
        while checkingSignature, let last = records.last {
            let body = UnsafeRawBufferPointer(rebasing: bytes[(last.offset + 8)..<last.end])
            if let record = Record.decode(body: body), record.signatureIsValid(publicKey: header.publicKey) { break }
            records.removeLast()
            problem = FeedProblem(offset: last.offset, kind: .badSignature(sequence: last.sequence), isTail: false)
        }
        let validEnd = records.last?.end ?? start
        return FeedScan(header: header, records: records, validEnd: validEnd, fileSize: count, problem: problem)
    }

    /// Scans the feed file at `path` as `scan` scans bytes in memory, reading
    /// it in pieces of `chunk` bytes (never the whole file at once), with the
    /// same result. A read error is reported as the problem where it happened.
    public static func scanFile(_ path: String, expectedStation: StationID? = nil, chunk: Int = 8 << 20) throws -> FeedScan {
        let file = try PosixFile(path: path, flags: O_RDONLY)
        var size = try file.size()
        let window = max(chunk, 64)
        let first = try file.read(at: 0, count: min(size, FeedFormat.headerLength)).withUnsafeBytes { scan($0, expectedStation: expectedStation) }
        guard let header = first.header, first.problem == nil else {
            return FeedScan(header: first.header, records: [], validEnd: first.validEnd, fileSize: size, problem: first.problem)
        }
        var result = FeedScan(header: header, records: [], validEnd: FeedFormat.headerLength, fileSize: size, problem: nil)
        var start = FeedFormat.headerLength
        var lastHash = header.genesisHash
        while start < size {
            var buffer = try file.read(at: start, count: min(window, size - start))
            // The file shrank while it was read (a repair, a restore): it ends here.
            if buffer.count < min(window, size - start) { size = start + buffer.count }
            guard !buffer.isEmpty else { break }
            var reachesEnd = start + buffer.count >= size
            var part = buffer.withUnsafeBytes {
                scanRecords($0, header: header, from: 0, lastSequence: result.lastSequence, lastHash: lastHash, checkingSignature: false)
            }
            let stoppedAtZeros = part.problem == nil && part.validEnd < buffer.count
            if !reachesEnd && (stoppedAtZeros || (part.problem?.isTail == true && part.validEnd == 0)) {
                // Damage at the start of a piece: judged against the file's end, as a whole-file scan judges it.
                buffer = try file.read(at: start, count: size - start)
                reachesEnd = true
                part = buffer.withUnsafeBytes {
                    scanRecords($0, header: header, from: 0, lastSequence: result.lastSequence, lastHash: lastHash, checkingSignature: false)
                }
            }
            let base = start
            result.records += part.records.map { var r = $0; r.offset += base; return r }
            if let last = part.records.last { lastHash = last.hash }
            result.validEnd = base + part.validEnd
            if var problem = part.problem {
                // A record cut by the end of this piece, not of the file: read on from it.
                if problem.isTail && !reachesEnd { start = result.validEnd; continue }
                problem.offset += base
                result.problem = problem
                break
            }
            // Zeros to the file's end: unwritten space, the feed ends before it.
            if part.validEnd < buffer.count { break }
            start = base + buffer.count
        }
        // As `scanRecords`: the newest good record's signature vouches for all before it.
        while let last = result.records.last {
            let frame = try file.read(at: last.offset, count: last.length)
            let valid = frame.withUnsafeBytes { bytes in
                Record.decode(body: UnsafeRawBufferPointer(rebasing: bytes[FeedFormat.frameOverhead...]))?.signatureIsValid(publicKey: header.publicKey) ?? false
            }
            if valid { break }
            result.records.removeLast()
            result.problem = FeedProblem(offset: last.offset, kind: .badSignature(sequence: last.sequence), isTail: false)
            result.validEnd = result.records.last?.end ?? FeedFormat.headerLength
        }
        return result
    }

    private static func allZero(_ bytes: UnsafeRawBufferPointer, from offset: Int, to end: Int? = nil) -> Bool {
        var i = max(0, offset)
        let end = min(end ?? bytes.count, bytes.count)
        while i < end {
            if bytes[i] != 0 { return false }
            i += 1
        }
        return true
    }

    /// Decodes the record at `info` from the feed bytes.
    public static func record(_ bytes: UnsafeRawBufferPointer, at info: RecordInfo) -> Record? {
        guard info.end <= bytes.count else { return nil }
        return Record.decode(body: UnsafeRawBufferPointer(rebasing: bytes[(info.offset + 8)..<info.end]))
    }
}

/// The fields of a record body, found in place (nothing copied): what a scan
/// checks. Nil when the fields do not exactly fill the body, or the operator
/// name or event type is not UTF-8 (as `Record.decode`).
struct BodyFields {
    var sequence: UInt64
    var time: UInt64
    /// Where the event type's bytes are in the body.
    var eventType: Range<Int>
    private var previousHashAt: Int

    init?(_ body: UnsafeRawBufferPointer) {
        var r = ByteReader(body)
        guard r.u8() == FeedFormat.recordVersion, r.skip(8), let sequence = r.u64(), let time = r.u64(),
              let opLength = r.u16(), Self.isUTF8(body, r.position, Int(opLength)), r.skip(Int(opLength)),
              let typeLength = r.u16(), Self.isUTF8(body, r.position, Int(typeLength)),
              case let typeStart = r.position, r.skip(Int(typeLength)),
              r.skip(2), let payloadLength = r.u32(), r.skip(Int(payloadLength)),
              r.remaining == 32 + FeedFormat.signatureLength else { return nil }
        self.sequence = sequence
        self.time = time
        self.eventType = typeStart..<(typeStart + Int(typeLength))
        self.previousHashAt = r.position
    }

    func station(in body: UnsafeRawBufferPointer, equals id: StationID) -> Bool {
        id.bytes.withUnsafeBytes { memcmp($0.baseAddress!, body.baseAddress! + 1, 8) == 0 }
    }

    func stationID(in body: UnsafeRawBufferPointer) -> StationID {
        StationID(bytes: Array(body[1..<9]))!
    }

    func previousHash(in body: UnsafeRawBufferPointer, equals hash: [UInt8]) -> Bool {
        hash.count == 32 && hash.withUnsafeBytes { memcmp($0.baseAddress!, body.baseAddress! + previousHashAt, 32) == 0 }
    }

    private static func isUTF8(_ body: UnsafeRawBufferPointer, _ start: Int, _ count: Int) -> Bool {
        guard start + count <= body.count else { return false }
        var bytes = UnsafeRawBufferPointer(rebasing: body[start..<(start + count)]).makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        while true {
            switch parser.parseScalar(from: &bytes) {
            case .valid: continue
            case .emptyInput: return true
            case .error: return false
            }
        }
    }
}

/// Reads a run of consecutive records in one read and decodes them.
enum RecordSpan {
    static func read<C: BidirectionalCollection<RecordInfo>>(_ infos: C, from file: PosixFile) throws -> [Record] {
        guard let first = infos.first, let last = infos.last else { return [] }
        let bytes = try file.read(at: first.offset, count: last.end - first.offset)
        return bytes.withUnsafeBytes { buffer in
            infos.compactMap { info in
                var shifted = info
                shifted.offset -= first.offset
                return FeedScanner.record(buffer, at: shifted)
            }
        }
    }
}

/// A feed's good records in sequence order, read a batch at a time (one read
/// per batch): an export of years of records holds a batch, not the feed.
public struct RecordReader {
    private let file: PosixFile
    private let infos: [RecordInfo]
    private var next = 0
    private var batch: [Record] = []
    private var batchStart = 0
    static let batchRecords = 2048

    init(path: String, infos: [RecordInfo]) throws {
        self.file = try PosixFile(path: path, flags: O_RDONLY)
        self.infos = infos
    }

    /// The place of every record this reader yields, in order.
    public var places: [RecordInfo] { infos }

    /// The next record and its place (with its hash), or nil at the end.
    public mutating func read() throws -> (record: Record, info: RecordInfo)? {
        guard next < infos.count else { return nil }
        if next - batchStart >= batch.count {
            batchStart = next
            let span = infos[next..<min(infos.count, next + Self.batchRecords)]
            batch = try RecordSpan.read(span, from: file)
            guard batch.count == span.count else {
                throw StationError("\(file.path): the feed changed while it was read (record \(infos[next].sequence)); run the command again")
            }
        }
        defer { next += 1 }
        return (batch[next - batchStart], infos[next])
    }
}

extension Journal {
    /// Reads every good record of this feed, in order, a batch at a time.
    public func recordReader() throws -> RecordReader { try RecordReader(path: path, infos: records) }
}

extension FeedCopy {
    /// Reads every good record of this copy, in order, a batch at a time.
    public func recordReader() throws -> RecordReader { try RecordReader(path: path, infos: records) }
}
