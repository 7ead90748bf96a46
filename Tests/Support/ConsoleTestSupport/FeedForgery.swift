import Journal
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Recomputes the CRC of the journal frame at `offset`, so a test can change
/// a record's body without the checksum catching it (as a forger would).
public func fixCRC(_ bytes: inout [UInt8], frameAt offset: Int) {
    let length = Int(UInt32(bytes[offset]) | UInt32(bytes[offset + 1]) << 8 | UInt32(bytes[offset + 2]) << 16 | UInt32(bytes[offset + 3]) << 24)
    var crc = CRC32C.checksum(Array(bytes[offset..<(offset + 4)]))
    crc = CRC32C.checksum(Array(bytes[(offset + 8)..<(offset + 8 + length)]), initial: crc)
    for i in 0..<4 { bytes[offset + 4 + i] = UInt8((crc >> (8 * UInt32(i))) & 0xFF) }
}

/// A feed file's records, without the unwritten space (zeros) the journal grows it by.
public enum FeedContent {
    /// Where the feed's good part ends (a scan's end), or the file's size if it cannot be scanned.
    public static func end(_ path: String) -> Int {
        guard let data = FileManager.default.contents(atPath: path) else { return -1 }
        let scan = Array(data).withUnsafeBytes { FeedScanner.scan($0) }
        return scan.header == nil ? data.count : scan.validEnd
    }

    /// Cuts the file back to its records (as an older build or a copy leaves it).
    public static func trim(_ path: String) {
        truncate(path, off_t(end(path)))
    }
}
