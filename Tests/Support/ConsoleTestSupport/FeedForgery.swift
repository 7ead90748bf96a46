import Journal

/// Recomputes the CRC of the journal frame at `offset`, so a test can change
/// a record's body without the checksum catching it (as a forger would).
public func fixCRC(_ bytes: inout [UInt8], frameAt offset: Int) {
    let length = Int(UInt32(bytes[offset]) | UInt32(bytes[offset + 1]) << 8 | UInt32(bytes[offset + 2]) << 16 | UInt32(bytes[offset + 3]) << 24)
    var crc = CRC32C.checksum(Array(bytes[offset..<(offset + 4)]))
    crc = CRC32C.checksum(Array(bytes[(offset + 8)..<(offset + 8 + length)]), initial: crc)
    for i in 0..<4 { bytes[offset + 4 + i] = UInt8((crc >> (8 * UInt32(i))) & 0xFF) }
}
