import Crypto
import DutyModel
import Foundation

/// A station's identity: 8 bytes derived from its public key, shown as 16 hex
/// digits. Binding the id to the key means a feed cannot claim another
/// station's id without that station's key.
public struct StationID: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let bytes: [UInt8]

    public init?(bytes: [UInt8]) {
        guard bytes.count == 8 else { return nil }
        self.bytes = bytes
    }

    public init?(_ text: String) {
        guard text.count == 16, let b = [UInt8](hex: text) else { return nil }
        self.bytes = b
    }

    public init(publicKey: [UInt8]) {
        var hasher = SHA256()
        hasher.update(data: Array(FeedFormat.stationIDDomain.utf8))
        hasher.update(data: publicKey)
        bytes = Array(hasher.finalize().prefix(8))
    }

    public var description: String { bytes.hex }
    public static func < (a: Self, b: Self) -> Bool { a.bytes.lexicographicallyPrecedes(b.bytes) }
}

/// The fixed parts of the feed file format (docs/journal-format.md).
public enum FeedFormat {
    public static let magic = Array("ZHIBANFD".utf8)
    public static let formatVersion: UInt16 = 1
    public static let headerLength = 56
    public static let recordVersion: UInt8 = 1
    /// Length field + CRC field in front of every record body.
    public static let frameOverhead = 8
    /// Smallest possible body: fixed fields with empty operator, type and payload.
    public static let minimumBodyLength = 1 + 8 + 8 + 8 + 2 + 2 + 2 + 4 + 32 + 64
    /// Largest body accepted; anything longer is damage, not a record.
    public static let maximumBodyLength = 1 << 20
    public static let signatureLength = 64

    // Domain separation: what is hashed or signed says what it is, so bytes of
    // one kind can never be passed off as another.
    static let stationIDDomain = "zhiban/station-id/v1\0"
    static let genesisDomain = "zhiban/feed-genesis/v1\0"
    static let recordHashDomain = "zhiban/record-hash/v1\0"
    static let recordHashDomainBytes = Array(recordHashDomain.utf8)
    static let signatureDomain = "zhiban/record-signature/v1\0"
}

public struct FeedHeader: Hashable, Sendable {
    public var stationID: StationID
    public var publicKey: [UInt8]

    public init(publicKey: [UInt8]) {
        self.publicKey = publicKey
        self.stationID = StationID(publicKey: publicKey)
    }

    public var encoded: [UInt8] {
        var w = ByteWriter(capacity: FeedFormat.headerLength)
        w.raw(FeedFormat.magic)
        w.u16(FeedFormat.formatVersion)
        w.u16(UInt16(FeedFormat.headerLength))
        w.raw(stationID.bytes)
        w.raw(publicKey)
        w.u32(CRC32C.checksum(w.bytes))
        return w.bytes
    }

    /// The hash the first record's `previousHash` must carry: it ties the
    /// chain to this header and so to the station's key.
    public var genesisHash: [UInt8] {
        var h = SHA256()
        h.update(data: Array(FeedFormat.genesisDomain.utf8))
        h.update(data: encoded)
        return Array(h.finalize())
    }

    public enum Problem: Error, Hashable, Sendable {
        case tooShort(Int)
        case badMagic
        case unsupportedVersion(UInt16)
        case checksumMismatch
        case idDoesNotMatchKey(claimed: String, derived: String)
    }

    public static func decode(_ bytes: UnsafeRawBufferPointer) -> Result<FeedHeader, Problem> {
        guard bytes.count >= FeedFormat.headerLength else { return .failure(.tooShort(bytes.count)) }
        var r = ByteReader(bytes)
        guard r.raw(8) == FeedFormat.magic else { return .failure(.badMagic) }
        let version = r.u16()!
        let length = r.u16()!
        guard version == FeedFormat.formatVersion, Int(length) == FeedFormat.headerLength else {
            return .failure(.unsupportedVersion(version))
        }
        let idBytes = r.raw(8)!
        let key = r.raw(32)!
        let crc = r.u32()!
        guard crc == CRC32C.checksum(UnsafeRawBufferPointer(rebasing: bytes[0..<(FeedFormat.headerLength - 4)])) else {
            return .failure(.checksumMismatch)
        }
        let header = FeedHeader(publicKey: key)
        guard header.stationID.bytes == idBytes else {
            return .failure(.idDoesNotMatchKey(claimed: idBytes.hex, derived: header.stationID.description))
        }
        return .success(header)
    }
}

/// One journal record as stored. `body` is the exact stored bytes the hash
/// and signature cover.
public struct Record: Hashable, Sendable {
    public var stationID: StationID
    public var sequence: UInt64
    public var time: HLCTimestamp
    public var operatorName: String
    public var eventType: String
    public var payloadVersion: UInt16
    public var payload: [UInt8]
    public var previousHash: [UInt8]
    public var signature: [UInt8]

    /// The body without the signature: what the signature signs.
    var unsignedBody: [UInt8] {
        let op = Array(operatorName.utf8), type = Array(eventType.utf8)
        var w = ByteWriter(capacity: FeedFormat.minimumBodyLength + op.count + type.count + payload.count)
        w.u8(FeedFormat.recordVersion)
        w.raw(stationID.bytes)
        w.u64(sequence)
        w.u64(time.rawValue)
        w.u16(UInt16(op.count))
        w.raw(op)
        w.u16(UInt16(type.count))
        w.raw(type)
        w.u16(payloadVersion)
        w.u32(UInt32(payload.count))
        w.raw(payload)
        w.raw(previousHash)
        return w.bytes
    }

    public var body: [UInt8] { unsignedBody + signature }

    /// Appends the frame of the body `unsignedBody + signature` to `out`: length, CRC32C, body.
    static func frame(body unsignedBody: [UInt8], signature: [UInt8], into out: inout [UInt8]) {
        let length = UInt32(unsignedBody.count + signature.count)
        var lengthField = ByteWriter(capacity: 4)
        lengthField.u32(length)
        var crc = lengthField.bytes.withUnsafeBytes { CRC32C.checksum($0) }
        crc = unsignedBody.withUnsafeBytes { CRC32C.checksum($0, initial: crc) }
        crc = signature.withUnsafeBytes { CRC32C.checksum($0, initial: crc) }
        out.reserveCapacity(out.count + 8 + Int(length))
        out += lengthField.bytes
        withUnsafeBytes(of: crc.littleEndian) { out += $0 }
        out += unsignedBody
        out += signature
    }

    static func signingMessage(unsignedBody: [UInt8]) -> [UInt8] {
        Array(FeedFormat.signatureDomain.utf8) + unsignedBody
    }

    /// The hash the next record's `previousHash` carries.
    public static func hash(body: UnsafeRawBufferPointer) -> [UInt8] {
        var h = SHA256()
        FeedFormat.recordHashDomainBytes.withUnsafeBytes { h.update(bufferPointer: $0) }
        h.update(bufferPointer: body)
        return Array(h.finalize())
    }

    public var hash: [UInt8] { body.withUnsafeBytes { Record.hash(body: $0) } }

    /// Parses a body; nil when its fields do not exactly fill it.
    public static func decode(body: UnsafeRawBufferPointer) -> Record? {
        var r = ByteReader(body)
        guard r.u8() == FeedFormat.recordVersion,
              let idBytes = r.raw(8), let stationID = StationID(bytes: idBytes),
              let sequence = r.u64(), let time = r.u64(),
              let opLength = r.u16(), let op = r.raw(Int(opLength)),
              let typeLength = r.u16(), let type = r.raw(Int(typeLength)),
              let payloadVersion = r.u16(),
              let payloadLength = r.u32(), let payload = r.raw(Int(payloadLength)),
              let previousHash = r.raw(32), let signature = r.raw(FeedFormat.signatureLength),
              r.remaining == 0,
              let operatorName = String(validating: op, as: UTF8.self),
              let eventType = String(validating: type, as: UTF8.self)
        else { return nil }
        return Record(stationID: stationID, sequence: sequence, time: HLCTimestamp(rawValue: time),
                      operatorName: operatorName, eventType: eventType, payloadVersion: payloadVersion,
                      payload: payload, previousHash: previousHash, signature: signature)
    }

    public func signatureIsValid(publicKey: [UInt8]) -> Bool {
        guard let key = try? Curve25519.Signing.PublicKey(rawRepresentation: publicKey) else { return false }
        return key.isValidSignature(signature, for: Record.signingMessage(unsignedBody: unsignedBody))
    }
}
