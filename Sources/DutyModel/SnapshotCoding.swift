import Foundation

// A compact binary form of Codable values, for the folded state's snapshot in
// cache/ (DESIGN §7): no keys, no type tags, values in the order the type's
// `encode(to:)` writes them, which synthesized Codable reads back in the same
// order. Integers are little-endian fixed width, strings and arrays carry a
// length, optionals and dictionaries are handled here (not by their own
// Codable, which would need keyed lookups). A type whose decoding asks for
// `allKeys` or decodes keys out of order (an enum with payloads, say) cannot
// use it: `SnapshotDecoder` then throws, never guesses. The bytes are only a
// cache of a fold: a reader that fails rebuilds from the journal.

public enum SnapshotCoding {
    public static func encode<T: Encodable>(_ value: T) throws -> [UInt8] {
        let encoder = SnapshotEncoder()
        try encoder.encodeValue(value)
        return encoder.bytes
    }

    /// Writes the value's bytes through `sink` about `pieceSize` bytes at a time
    /// (the snapshot of a large station is never held whole in memory).
    public static func encode<T: Encodable>(_ value: T, prefix: [UInt8] = [], pieceSize: Int = 1 << 22,
                                            to sink: @escaping ([UInt8]) throws -> Void) throws {
        let encoder = SnapshotEncoder()
        encoder.bytes = prefix
        encoder.sink = sink
        encoder.pieceSize = max(1, pieceSize)
        try encoder.encodeValue(value)
        try encoder.flush()
    }

    public static func decode<T: Decodable>(_ type: T.Type, from bytes: [UInt8]) throws -> T {
        try bytes.withUnsafeBytes { try decode(T.self, from: $0) }
    }

    /// Reads one value that must take all of `buffer`.
    public static func decode<T: Decodable>(_ type: T.Type, from buffer: UnsafeRawBufferPointer) throws -> T {
        let decoder = SnapshotDecoder(buffer)
        let value = try decoder.decodeValue(T.self)
        try decoder.finish()
        return value
    }
}

public struct SnapshotDecodingError: Error, CustomStringConvertible, Sendable {
    public var description: String
    init(_ description: String) { self.description = description }
}

// MARK: Types this coder writes itself

/// A type that writes and reads its own snapshot bytes (the fold's hot
/// types: no Codable machinery per value). Its fields must be written and
/// read in the same order; the snapshot's format version changes with them.
public protocol SnapshotCodable {
    func encode(snapshot: SnapshotEncoder) throws
    init(snapshot: SnapshotDecoder) throws
}

/// How the coder treats a type: looked up once per type, not per value.
enum SnapshotKind { case own, optional, dictionary, codable }

/// The kinds of the few dozen types a state holds, found by a scan of
/// identifiers (cheaper than hashing one per value decoded).
struct SnapshotKindCache {
    private var ids: [ObjectIdentifier] = []
    private var kinds: [SnapshotKind] = []

    func kind(of id: ObjectIdentifier) -> SnapshotKind? {
        for i in ids.indices where ids[i] == id { return kinds[i] }
        return nil
    }

    mutating func add(_ id: ObjectIdentifier, _ kind: SnapshotKind) {
        ids.append(id)
        kinds.append(kind)
    }
}

protocol SnapshotOptionalEncodable { func snapshotEncode(_ encoder: SnapshotEncoder) throws }
protocol SnapshotOptionalDecodable { static func snapshotDecode(_ decoder: SnapshotDecoder) throws -> Self }
protocol SnapshotDictionaryEncodable { func snapshotEncode(_ encoder: SnapshotEncoder) throws }
protocol SnapshotDictionaryDecodable { static func snapshotDecode(_ decoder: SnapshotDecoder) throws -> Self }

extension Optional: SnapshotOptionalEncodable where Wrapped: Encodable {
    func snapshotEncode(_ encoder: SnapshotEncoder) throws {
        switch self {
        case .none: encoder.byte(0)
        case .some(let value): encoder.byte(1); try encoder.encodeValue(value)
        }
    }
}

extension Optional: SnapshotOptionalDecodable where Wrapped: Decodable {
    static func snapshotDecode(_ decoder: SnapshotDecoder) throws -> Self {
        switch try decoder.byte() {
        case 0: return .none
        case 1: return .some(try decoder.decodeValue(Wrapped.self))
        case let flag: throw SnapshotDecodingError("optional flag \(flag) at byte \(decoder.position - 1)")
        }
    }
}

extension Dictionary: SnapshotDictionaryEncodable where Key: Encodable, Value: Encodable {
    func snapshotEncode(_ encoder: SnapshotEncoder) throws { try encoder.encode(self) }
}

extension Dictionary: SnapshotDictionaryDecodable where Key: Decodable, Value: Decodable {
    static func snapshotDecode(_ decoder: SnapshotDecoder) throws -> Self { try decoder.decode(Self.self) }
}

// Arrays too are written by the coder (count first, then the elements), not
// through an unkeyed container whose count is patched in afterwards.
extension Array: SnapshotDictionaryEncodable where Element: Encodable {
    func snapshotEncode(_ encoder: SnapshotEncoder) throws { try encoder.encode(self) }
}

extension Array: SnapshotDictionaryDecodable where Element: Decodable {
    static func snapshotDecode(_ decoder: SnapshotDecoder) throws -> Self { try decoder.decode(Self.self) }
}

// MARK: Encoder

public final class SnapshotEncoder: Encoder {
    var bytes: [UInt8] = []
    private var kinds = SnapshotKindCache()
    private var interned: [String: Int] = [:]
    private var vectors: [VersionVector: Int] = [:]
    public var codingPath: [CodingKey] { [] }
    public var userInfo: [CodingUserInfoKey: Any] { [:] }

    /// Where full pieces go, when the bytes are written as they are made.
    var sink: (([UInt8]) throws -> Void)?
    var pieceSize = 1 << 22

    init() {}

    /// Hands the bytes made so far to the sink once they fill a piece (called
    /// between values: in every list and dictionary, and in the log's rows).
    @inline(__always) public func flushIfFull() throws {
        if bytes.count >= pieceSize, sink != nil, !holdsPieces { try flush() }
    }

    /// An unkeyed container patches its count into bytes written before its
    /// elements: once one is opened, nothing more is handed to the sink until
    /// the end (correct, if less frugal; no type of the state uses one).
    var holdsPieces = false

    func flush() throws {
        guard let sink, !bytes.isEmpty else { return }
        try sink(bytes)
        bytes.removeAll(keepingCapacity: true)
    }

    @inline(__always) public func byte(_ v: UInt8) { bytes.append(v) }
    @inline(__always) public func u64(_ v: UInt64) { withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) } }
    @inline(__always) public func u32(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) } }

    /// A length: one byte below 255, else 255 and eight bytes.
    @inline(__always) public func count(_ n: Int) {
        if n < 255 { bytes.append(UInt8(n)) } else { bytes.append(255); u64(UInt64(n)) }
    }

    public func string(_ s: String) {
        var s = s
        s.withUTF8 { utf8 in
            count(utf8.count)
            bytes.append(contentsOf: utf8)
        }
    }

    public func raw(_ block: [UInt8]) { bytes.append(contentsOf: block) }
    public func raw(_ block: ArraySlice<UInt8>) { bytes.append(contentsOf: block) }

    /// A version vector that recurs (every register an intake sets saw the
    /// same): written once, then as its number, and read back as one shared copy.
    public func interned(_ vector: VersionVector) {
        if let n = vectors[vector] {
            count(n + 1)
            return
        }
        vectors[vector] = vectors.count
        count(0)
        vector.encode(snapshot: self)
    }

    /// A string that recurs (a station id, an operator's name): written once,
    /// then as its number, and read back as one shared copy.
    public func interned(_ s: String) {
        if let n = interned[s] {
            count(n + 1)
        } else {
            interned[s] = interned.count
            count(0)
            string(s)
        }
    }

    public func encodeValue<T: Encodable>(_ value: T) throws {
        if T.self == String.self { string(unsafeBitCast(value, to: String.self)); return }
        if T.self == UInt64.self { u64(unsafeBitCast(value, to: UInt64.self)); return }
        if T.self == Int64.self { u64(UInt64(bitPattern: unsafeBitCast(value, to: Int64.self))); return }
        if T.self == Int.self { u64(UInt64(bitPattern: Int64(unsafeBitCast(value, to: Int.self)))); return }
        if T.self == UInt32.self { u32(unsafeBitCast(value, to: UInt32.self)); return }
        if T.self == Bool.self { byte(unsafeBitCast(value, to: Bool.self) ? 1 : 0); return }
        if T.self == Double.self { u64(unsafeBitCast(value, to: Double.self).bitPattern); return }
        if T.self == [UInt8].self {
            let raw = unsafeBitCast(value, to: [UInt8].self)
            count(raw.count)
            bytes.append(contentsOf: raw)
            return
        }
        let id = ObjectIdentifier(T.self)
        let kind: SnapshotKind
        if let known = kinds.kind(of: id) {
            kind = known
        } else {
            // By type, never by value (a value cast looks inside an Optional), Optional first.
            kind = T.self is SnapshotOptionalEncodable.Type ? .optional : T.self is SnapshotCodable.Type ? .own
                : T.self is SnapshotDictionaryEncodable.Type ? .dictionary : .codable
            kinds.add(id, kind)
        }
        switch kind {
        case .own: try (value as! SnapshotCodable).encode(snapshot: self)
        case .optional: try (value as! SnapshotOptionalEncodable).snapshotEncode(self)
        case .dictionary: try (value as! SnapshotDictionaryEncodable).snapshotEncode(self)
        case .codable: try value.encode(to: self)
        }
    }

    /// A dictionary, its pairs in any order.
    public func encode<K: Encodable, V: Encodable>(_ dictionary: [K: V]) throws {
        count(dictionary.count)
        for (key, value) in dictionary {
            try encodeValue(key)
            try encodeValue(value)
            try flushIfFull()
        }
    }

    public func encode<V: Encodable>(_ array: [V]) throws {
        count(array.count)
        for value in array {
            try encodeValue(value)
            try flushIfFull()
        }
    }

    public func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(Keyed<Key>(encoder: self))
    }

    public func unkeyedContainer() -> UnkeyedEncodingContainer {
        holdsPieces = true
        return Unkeyed(encoder: self)
    }
    public func singleValueContainer() -> SingleValueEncodingContainer { Single(encoder: self) }

    struct Keyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let encoder: SnapshotEncoder
        var codingPath: [CodingKey] { [] }
        mutating func encodeNil(forKey key: Key) throws { encoder.byte(0) }
        mutating func encode(_ value: Bool, forKey key: Key) throws { encoder.byte(value ? 1 : 0) }
        mutating func encode(_ value: String, forKey key: Key) throws { encoder.string(value) }
        mutating func encode(_ value: Double, forKey key: Key) throws { encoder.u64(value.bitPattern) }
        mutating func encode(_ value: Float, forKey key: Key) throws { encoder.u32(value.bitPattern) }
        mutating func encode(_ value: Int, forKey key: Key) throws { encoder.u64(UInt64(bitPattern: Int64(value))) }
        mutating func encode(_ value: Int8, forKey key: Key) throws { encoder.byte(UInt8(bitPattern: value)) }
        mutating func encode(_ value: Int16, forKey key: Key) throws { encoder.u32(UInt32(bitPattern: Int32(value))) }
        mutating func encode(_ value: Int32, forKey key: Key) throws { encoder.u32(UInt32(bitPattern: value)) }
        mutating func encode(_ value: Int64, forKey key: Key) throws { encoder.u64(UInt64(bitPattern: value)) }
        mutating func encode(_ value: UInt, forKey key: Key) throws { encoder.u64(UInt64(value)) }
        mutating func encode(_ value: UInt8, forKey key: Key) throws { encoder.byte(value) }
        mutating func encode(_ value: UInt16, forKey key: Key) throws { encoder.u32(UInt32(value)) }
        mutating func encode(_ value: UInt32, forKey key: Key) throws { encoder.u32(value) }
        mutating func encode(_ value: UInt64, forKey key: Key) throws { encoder.u64(value) }
        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws { try encoder.encodeValue(value) }
        mutating func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: Key) throws { try value.snapshotEncode(encoder) }
        mutating func encodeIfPresent(_ value: String?, forKey key: Key) throws { try value.snapshotEncode(encoder) }
        mutating func encodeIfPresent(_ value: Int?, forKey key: Key) throws { try value.snapshotEncode(encoder) }
        mutating func encodeIfPresent(_ value: Int64?, forKey key: Key) throws { try value.snapshotEncode(encoder) }
        mutating func encodeIfPresent(_ value: UInt64?, forKey key: Key) throws { try value.snapshotEncode(encoder) }
        mutating func encodeIfPresent(_ value: Double?, forKey key: Key) throws { try value.snapshotEncode(encoder) }
        mutating func encodeIfPresent(_ value: Bool?, forKey key: Key) throws { try value.snapshotEncode(encoder) }
        mutating func encodeIfPresent(_ value: Float?, forKey key: Key) throws { try value.snapshotEncode(encoder) }
        mutating func encodeIfPresent(_ value: Int8?, forKey key: Key) throws { try value.snapshotEncode(encoder) }
        mutating func encodeIfPresent(_ value: Int16?, forKey key: Key) throws { try value.snapshotEncode(encoder) }
        mutating func encodeIfPresent(_ value: Int32?, forKey key: Key) throws { try value.snapshotEncode(encoder) }
        mutating func encodeIfPresent(_ value: UInt?, forKey key: Key) throws { try value.snapshotEncode(encoder) }
        mutating func encodeIfPresent(_ value: UInt8?, forKey key: Key) throws { try value.snapshotEncode(encoder) }
        mutating func encodeIfPresent(_ value: UInt16?, forKey key: Key) throws { try value.snapshotEncode(encoder) }
        mutating func encodeIfPresent(_ value: UInt32?, forKey key: Key) throws { try value.snapshotEncode(encoder) }
        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
            encoder.container(keyedBy: NestedKey.self)
        }
        mutating func nestedUnkeyedContainer(forKey key: Key) -> UnkeyedEncodingContainer { encoder.unkeyedContainer() }
        mutating func superEncoder() -> Encoder { encoder }
        mutating func superEncoder(forKey key: Key) -> Encoder { encoder }
    }

    /// Its element count goes first, patched in as elements are added.
    struct Unkeyed: UnkeyedEncodingContainer {
        let encoder: SnapshotEncoder
        let slot: Int
        private(set) var count = 0
        var codingPath: [CodingKey] { [] }

        init(encoder: SnapshotEncoder) {
            self.encoder = encoder
            slot = encoder.bytes.count
            encoder.u64(0)
        }

        private mutating func added() {
            count += 1
            let n = UInt64(count).littleEndian
            withUnsafeBytes(of: n) { raw in
                for i in 0..<8 { encoder.bytes[slot + i] = raw[i] }
            }
        }

        mutating func encodeNil() throws { encoder.byte(0); added() }
        mutating func encode(_ value: String) throws { encoder.string(value); added() }
        mutating func encode(_ value: Bool) throws { encoder.byte(value ? 1 : 0); added() }
        mutating func encode(_ value: Int) throws { encoder.u64(UInt64(bitPattern: Int64(value))); added() }
        mutating func encode(_ value: Int64) throws { encoder.u64(UInt64(bitPattern: value)); added() }
        mutating func encode(_ value: UInt64) throws { encoder.u64(value); added() }
        mutating func encode(_ value: Double) throws { encoder.u64(value.bitPattern); added() }
        mutating func encode<T: Encodable>(_ value: T) throws { try encoder.encodeValue(value); added() }
        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
            added()
            return encoder.container(keyedBy: NestedKey.self)
        }
        mutating func nestedUnkeyedContainer() -> UnkeyedEncodingContainer {
            added()
            return encoder.unkeyedContainer()
        }
        mutating func superEncoder() -> Encoder { added(); return encoder }
    }

    struct Single: SingleValueEncodingContainer {
        let encoder: SnapshotEncoder
        var codingPath: [CodingKey] { [] }
        mutating func encodeNil() throws { encoder.byte(0) }
        mutating func encode(_ value: Bool) throws { encoder.byte(value ? 1 : 0) }
        mutating func encode(_ value: String) throws { encoder.string(value) }
        mutating func encode(_ value: Double) throws { encoder.u64(value.bitPattern) }
        mutating func encode(_ value: Float) throws { encoder.u32(value.bitPattern) }
        mutating func encode(_ value: Int) throws { encoder.u64(UInt64(bitPattern: Int64(value))) }
        mutating func encode(_ value: Int8) throws { encoder.byte(UInt8(bitPattern: value)) }
        mutating func encode(_ value: Int16) throws { encoder.u32(UInt32(bitPattern: Int32(value))) }
        mutating func encode(_ value: Int32) throws { encoder.u32(UInt32(bitPattern: value)) }
        mutating func encode(_ value: Int64) throws { encoder.u64(UInt64(bitPattern: value)) }
        mutating func encode(_ value: UInt) throws { encoder.u64(UInt64(value)) }
        mutating func encode(_ value: UInt8) throws { encoder.byte(value) }
        mutating func encode(_ value: UInt16) throws { encoder.u32(UInt32(value)) }
        mutating func encode(_ value: UInt32) throws { encoder.u32(value) }
        mutating func encode(_ value: UInt64) throws { encoder.u64(value) }
        mutating func encode<T: Encodable>(_ value: T) throws { try encoder.encodeValue(value) }
    }
}

// MARK: Decoder

public final class SnapshotDecoder: Decoder {
    /// The bytes at hand: all of them, or, when read from a source, a window
    /// that `need` slides forward (a snapshot of a large station is not held
    /// in memory beside the state it decodes into).
    private(set) var buffer: UnsafeRawBufferPointer
    /// Where reading stands inside `buffer`.
    private var cursor = 0
    /// Bytes before `buffer`'s start, already read.
    private var passed = 0
    /// The length of everything to read.
    private let total: Int
    private let source: ((UnsafeMutableRawBufferPointer) throws -> Int)?
    private var window: UnsafeMutableRawBufferPointer?
    private var kinds = SnapshotKindCache()
    private var interned: [String] = []
    private var vectors: [VersionVector] = []
    public var codingPath: [CodingKey] { [] }
    public var userInfo: [CodingUserInfoKey: Any] { [:] }
    /// Step over the duty log's text instead of holding it (`LogBook.holdsText`
    /// is then false): for a reader that wants counts, not entries (`zhiban status`).
    public var skipsLogText = false

    /// Where reading stands, counted from the first byte.
    public var position: Int { passed + cursor }
    /// Bytes not yet read.
    var remaining: Int { total - passed - cursor }

    init(_ buffer: UnsafeRawBufferPointer) {
        self.buffer = buffer
        total = buffer.count
        source = nil
    }

    /// Reads `length` bytes that `source` hands out in order (it fills the
    /// buffer it is given, fewer bytes only at the end), through a window of
    /// `windowSize` bytes.
    public init(length: Int, windowSize: Int = 1 << 22, source: @escaping (UnsafeMutableRawBufferPointer) throws -> Int) {
        buffer = UnsafeRawBufferPointer(start: nil, count: 0)
        total = length
        self.source = source
        window = .allocate(byteCount: max(windowSize, 64), alignment: 16)
    }

    deinit { window?.deallocate() }

    @inline(__always) private func need(_ n: Int) throws {
        guard n >= 0, buffer.count - cursor >= n else { return try slide(toHold: n) }
    }

    /// Moves the window on so that it holds at least `n` bytes from the cursor.
    private func slide(toHold n: Int) throws {
        guard n >= 0, n <= remaining, let source, var window else {
            throw SnapshotDecodingError("the snapshot ends at byte \(total), inside a value at byte \(position)")
        }
        let kept = buffer.count - cursor
        if n > window.count {
            let larger = UnsafeMutableRawBufferPointer.allocate(byteCount: n, alignment: 16)
            if kept > 0 { larger.baseAddress!.copyMemory(from: buffer.baseAddress! + cursor, byteCount: kept) }
            window.deallocate()
            window = larger
            self.window = larger
        } else if kept > 0 {
            window.baseAddress!.copyMemory(from: buffer.baseAddress! + cursor, byteCount: kept)
        }
        passed += cursor
        cursor = 0
        var filled = kept
        let wanted = min(window.count, total - passed)
        while filled < wanted {
            let got = try source(UnsafeMutableRawBufferPointer(rebasing: window[filled..<wanted]))
            guard got > 0 else { break }
            filled += got
        }
        buffer = UnsafeRawBufferPointer(rebasing: window[0..<filled])
        guard filled >= n else {
            throw SnapshotDecodingError("the snapshot ends at byte \(passed + filled), inside a value at byte \(position)")
        }
    }

    @inline(__always) public func byte() throws -> UInt8 {
        try need(1)
        defer { cursor += 1 }
        return buffer[cursor]
    }

    @inline(__always) public func u64() throws -> UInt64 {
        try need(8)
        defer { cursor += 8 }
        return UInt64(littleEndian: buffer.loadUnaligned(fromByteOffset: cursor, as: UInt64.self))
    }

    @inline(__always) public func u32() throws -> UInt32 {
        try need(4)
        defer { cursor += 4 }
        return UInt32(littleEndian: buffer.loadUnaligned(fromByteOffset: cursor, as: UInt32.self))
    }

    /// The number of an interned string or vector: not a length, so not bounded by the
    /// bytes left (the 50,000th string may be named in the last few bytes).
    func number() throws -> Int {
        let first = try byte()
        guard first == 255 else { return Int(first) }
        let n = try u64()
        guard n <= UInt64(Int.max) else { throw SnapshotDecodingError("a number \(n) at byte \(position - 9)") }
        return Int(n)
    }

    public func count() throws -> Int {
        let first = try byte()
        guard first == 255 else { return Int(first) }
        let n = try u64()
        // No count can exceed the bytes left (every element takes at least one).
        guard n <= UInt64(remaining) else { throw SnapshotDecodingError("a length of \(n) at byte \(position - 9), beyond the end") }
        return Int(n)
    }

    public func string() throws -> String {
        let n = try count()
        try need(n)
        defer { cursor += n }
        let slice = UnsafeRawBufferPointer(rebasing: buffer[cursor..<cursor + n])
        guard let text = String(validating: slice.bindMemory(to: UInt8.self), as: UTF8.self) else {
            throw SnapshotDecodingError("text that is not UTF-8 at byte \(position)")
        }
        return text
    }

    public func raw(count n: Int) throws -> [UInt8] {
        guard n >= 0, n <= buffer.count - cursor else { return try rawInPieces(n) }
        defer { cursor += n }
        return Array(buffer[cursor..<cursor + n])
    }

    /// Steps over `n` bytes, a window at a time.
    public func skip(count n: Int) throws {
        guard n >= 0, n <= remaining else {
            throw SnapshotDecodingError("the snapshot ends at byte \(total), inside a value at byte \(position)")
        }
        var left = n
        while left > 0 {
            if cursor == buffer.count { try need(1) }
            let take = min(left, buffer.count - cursor)
            cursor += take
            left -= take
        }
    }

    /// Bytes longer than the window at hand, copied a window at a time (the
    /// window is not grown to hold them: the log's text is most of a snapshot).
    private func rawInPieces(_ n: Int) throws -> [UInt8] {
        guard n >= 0, n <= remaining else {
            throw SnapshotDecodingError("the snapshot ends at byte \(total), inside a value at byte \(position)")
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(n)
        while bytes.count < n {
            if cursor == buffer.count { try need(1) }
            let take = min(n - bytes.count, buffer.count - cursor)
            bytes.append(contentsOf: buffer[cursor..<cursor + take])
            cursor += take
        }
        return bytes
    }

    public func internedVector() throws -> VersionVector {
        let n = try number()
        guard n == 0 else {
            guard n <= vectors.count else { throw SnapshotDecodingError("vector number \(n) of \(vectors.count) at byte \(position)") }
            return vectors[n - 1]
        }
        let made = try VersionVector(snapshot: self)
        vectors.append(made)
        return made
    }

    public func internedString() throws -> String {
        let n = try number()
        if n == 0 {
            let s = try string()
            interned.append(s)
            return s
        }
        guard n <= interned.count else { throw SnapshotDecodingError("string number \(n) of \(interned.count) at byte \(position)") }
        return interned[n - 1]
    }

    /// Room to reserve for `n` elements read from the file: at most 65,536
    /// up front, so a damaged or forged count (checked only against the bytes
    /// left) makes a list grow as it is read, never one huge allocation.
    static func reservable(_ n: Int) -> Int { min(max(0, n), 1 << 16) }

    /// Throws unless every byte was read.
    public func finish() throws {
        guard remaining == 0 else { throw SnapshotDecodingError("\(remaining) bytes left over after the value") }
    }

    public func bool() throws -> Bool {
        switch try byte() {
        case 0: return false
        case 1: return true
        case let b: throw SnapshotDecodingError("a truth value \(b) at byte \(position - 1)")
        }
    }

    public func decodeValue<T: Decodable>(_ type: T.Type) throws -> T {
        if T.self == String.self { return unsafeBitCast(try string(), to: T.self) }
        if T.self == UInt64.self { return unsafeBitCast(try u64(), to: T.self) }
        if T.self == Int64.self { return unsafeBitCast(Int64(bitPattern: try u64()), to: T.self) }
        if T.self == Int.self { return unsafeBitCast(Int(Int64(bitPattern: try u64())), to: T.self) }
        if T.self == UInt32.self { return unsafeBitCast(try u32(), to: T.self) }
        if T.self == Bool.self { return unsafeBitCast(try bool(), to: T.self) }
        if T.self == Double.self { return unsafeBitCast(Double(bitPattern: try u64()), to: T.self) }
        if T.self == [UInt8].self { return unsafeBitCast(try raw(count: try count()), to: T.self) }
        let id = ObjectIdentifier(T.self)
        let kind: SnapshotKind
        if let known = kinds.kind(of: id) {
            kind = known
        } else {
            kind = T.self is SnapshotOptionalDecodable.Type ? .optional : T.self is SnapshotCodable.Type ? .own
                : T.self is SnapshotDictionaryDecodable.Type ? .dictionary : .codable
            kinds.add(id, kind)
        }
        switch kind {
        case .own: return try (T.self as! SnapshotCodable.Type).init(snapshot: self) as! T
        case .optional: return try (T.self as! SnapshotOptionalDecodable.Type).snapshotDecode(self) as! T
        case .dictionary: return try (T.self as! SnapshotDictionaryDecodable.Type).snapshotDecode(self) as! T
        case .codable: return try T(from: self)
        }
    }

    public func decode<K: Decodable & Hashable, V: Decodable>(_ type: [K: V].Type) throws -> [K: V] {
        let n = try count()
        var result = [K: V](minimumCapacity: Self.reservable(n))
        for _ in 0..<n {
            let key = try decodeValue(K.self)
            result[key] = try decodeValue(V.self)
        }
        guard result.count == n else { throw SnapshotDecodingError("a dictionary with a key twice, before byte \(position)") }
        return result
    }

    public func decode<V: Decodable>(_ type: [V].Type) throws -> [V] {
        let n = try count()
        var result: [V] = []
        result.reserveCapacity(Self.reservable(n))
        for _ in 0..<n { result.append(try decodeValue(V.self)) }
        return result
    }

    public func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(Keyed<Key>(decoder: self))
    }

    public func unkeyedContainer() throws -> UnkeyedDecodingContainer { try Unkeyed(decoder: self) }
    public func singleValueContainer() throws -> SingleValueDecodingContainer { Single(decoder: self) }

    func int<I: FixedWidthInteger>(_ type: I.Type, _ raw: UInt64, signed: Bool) throws -> I {
        let value: I? = signed ? I(exactly: Int64(bitPattern: raw)) : I(exactly: raw)
        guard let value else { throw SnapshotDecodingError("\(raw) does not fit a \(I.self) at byte \(position)") }
        return value
    }

    struct Keyed<Key: CodingKey>: KeyedDecodingContainerProtocol {
        let decoder: SnapshotDecoder
        var codingPath: [CodingKey] { [] }
        /// Keys are not stored: a type that asks which keys there are cannot be read this way.
        var allKeys: [Key] { [] }
        func contains(_ key: Key) -> Bool { true }
        func decodeNil(forKey key: Key) throws -> Bool { try decoder.byte() == 0 }
        func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try decoder.bool() }
        func decode(_ type: String.Type, forKey key: Key) throws -> String { try decoder.string() }
        func decode(_ type: Double.Type, forKey key: Key) throws -> Double { Double(bitPattern: try decoder.u64()) }
        func decode(_ type: Float.Type, forKey key: Key) throws -> Float { Float(bitPattern: try decoder.u32()) }
        func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try decoder.int(Int.self, try decoder.u64(), signed: true) }
        func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { Int8(bitPattern: try decoder.byte()) }
        func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try decoder.int(Int16.self, UInt64(bitPattern: Int64(Int32(bitPattern: try decoder.u32()))), signed: true) }
        func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { Int32(bitPattern: try decoder.u32()) }
        func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { Int64(bitPattern: try decoder.u64()) }
        func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try decoder.int(UInt.self, try decoder.u64(), signed: false) }
        func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try decoder.byte() }
        func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try decoder.int(UInt16.self, UInt64(try decoder.u32()), signed: false) }
        func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try decoder.u32() }
        func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try decoder.u64() }
        func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { try decoder.decodeValue(T.self) }
        func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? { try T?.snapshotDecode(decoder) }
        func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? { try String?.snapshotDecode(decoder) }
        func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? { try Int?.snapshotDecode(decoder) }
        func decodeIfPresent(_ type: Int64.Type, forKey key: Key) throws -> Int64? { try Int64?.snapshotDecode(decoder) }
        func decodeIfPresent(_ type: UInt64.Type, forKey key: Key) throws -> UInt64? { try UInt64?.snapshotDecode(decoder) }
        func decodeIfPresent(_ type: Double.Type, forKey key: Key) throws -> Double? { try Double?.snapshotDecode(decoder) }
        func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? { try Bool?.snapshotDecode(decoder) }
        func decodeIfPresent(_ type: Float.Type, forKey key: Key) throws -> Float? { try Float?.snapshotDecode(decoder) }
        func decodeIfPresent(_ type: Int8.Type, forKey key: Key) throws -> Int8? { try Int8?.snapshotDecode(decoder) }
        func decodeIfPresent(_ type: Int16.Type, forKey key: Key) throws -> Int16? { try Int16?.snapshotDecode(decoder) }
        func decodeIfPresent(_ type: Int32.Type, forKey key: Key) throws -> Int32? { try Int32?.snapshotDecode(decoder) }
        func decodeIfPresent(_ type: UInt.Type, forKey key: Key) throws -> UInt? { try UInt?.snapshotDecode(decoder) }
        func decodeIfPresent(_ type: UInt8.Type, forKey key: Key) throws -> UInt8? { try UInt8?.snapshotDecode(decoder) }
        func decodeIfPresent(_ type: UInt16.Type, forKey key: Key) throws -> UInt16? { try UInt16?.snapshotDecode(decoder) }
        func decodeIfPresent(_ type: UInt32.Type, forKey key: Key) throws -> UInt32? { try UInt32?.snapshotDecode(decoder) }
        func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
            try decoder.container(keyedBy: NestedKey.self)
        }
        func nestedUnkeyedContainer(forKey key: Key) throws -> UnkeyedDecodingContainer { try decoder.unkeyedContainer() }
        func superDecoder() throws -> Decoder { decoder }
        func superDecoder(forKey key: Key) throws -> Decoder { decoder }
    }

    struct Unkeyed: UnkeyedDecodingContainer {
        let decoder: SnapshotDecoder
        let count: Int?
        private(set) var currentIndex = 0
        var codingPath: [CodingKey] { [] }
        var isAtEnd: Bool { currentIndex >= count! }

        init(decoder: SnapshotDecoder) throws {
            self.decoder = decoder
            let n = try decoder.u64()
            guard n <= UInt64(decoder.remaining) else {
                throw SnapshotDecodingError("a list of \(n) at byte \(decoder.position - 8), beyond the end")
            }
            count = Int(n)
        }

        private mutating func next() throws {
            guard currentIndex < count! else { throw SnapshotDecodingError("a list read past its end at byte \(decoder.position)") }
            currentIndex += 1
        }

        mutating func decodeNil() throws -> Bool {
            // Only a nil element was written as a 0 here (Optional elements go through decodeValue).
            false
        }
        mutating func decode(_ type: String.Type) throws -> String { try next(); return try decoder.string() }
        mutating func decode(_ type: Bool.Type) throws -> Bool { try next(); return try decoder.bool() }
        mutating func decode(_ type: Int.Type) throws -> Int { try next(); return try decoder.int(Int.self, try decoder.u64(), signed: true) }
        mutating func decode(_ type: Int64.Type) throws -> Int64 { try next(); return Int64(bitPattern: try decoder.u64()) }
        mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try next(); return try decoder.u64() }
        mutating func decode(_ type: Double.Type) throws -> Double { try next(); return Double(bitPattern: try decoder.u64()) }
        mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { try next(); return try decoder.decodeValue(T.self) }
        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
            try next()
            return try decoder.container(keyedBy: NestedKey.self)
        }
        mutating func nestedUnkeyedContainer() throws -> UnkeyedDecodingContainer {
            try next()
            return try decoder.unkeyedContainer()
        }
        mutating func superDecoder() throws -> Decoder { try next(); return decoder }
    }

    struct Single: SingleValueDecodingContainer {
        let decoder: SnapshotDecoder
        var codingPath: [CodingKey] { [] }
        func decodeNil() -> Bool { false }
        func decode(_ type: Bool.Type) throws -> Bool { try decoder.bool() }
        func decode(_ type: String.Type) throws -> String { try decoder.string() }
        func decode(_ type: Double.Type) throws -> Double { Double(bitPattern: try decoder.u64()) }
        func decode(_ type: Float.Type) throws -> Float { Float(bitPattern: try decoder.u32()) }
        func decode(_ type: Int.Type) throws -> Int { try decoder.int(Int.self, try decoder.u64(), signed: true) }
        func decode(_ type: Int8.Type) throws -> Int8 { Int8(bitPattern: try decoder.byte()) }
        func decode(_ type: Int16.Type) throws -> Int16 { try decoder.int(Int16.self, UInt64(bitPattern: Int64(Int32(bitPattern: try decoder.u32()))), signed: true) }
        func decode(_ type: Int32.Type) throws -> Int32 { Int32(bitPattern: try decoder.u32()) }
        func decode(_ type: Int64.Type) throws -> Int64 { Int64(bitPattern: try decoder.u64()) }
        func decode(_ type: UInt.Type) throws -> UInt { try decoder.int(UInt.self, try decoder.u64(), signed: false) }
        func decode(_ type: UInt8.Type) throws -> UInt8 { try decoder.byte() }
        func decode(_ type: UInt16.Type) throws -> UInt16 { try decoder.int(UInt16.self, UInt64(try decoder.u32()), signed: false) }
        func decode(_ type: UInt32.Type) throws -> UInt32 { try decoder.u32() }
        func decode(_ type: UInt64.Type) throws -> UInt64 { try decoder.u64() }
        func decode<T: Decodable>(_ type: T.Type) throws -> T { try decoder.decodeValue(T.self) }
    }
}
