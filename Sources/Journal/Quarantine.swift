import Crypto
import Foundation

/// Bytes taken out of a feed (a torn tail, a damaged suffix, a rejected peer
/// file) are moved here, never deleted, with a note saying why.
public struct QuarantineEntry: Sendable, CustomStringConvertible {
    public var path: String
    public var sourcePath: String
    public var offset: Int
    public var byteCount: Int
    public var reason: String

    public var description: String {
        "moved \(byteCount) bytes from \(sourcePath) at byte \(offset) to \(path): \(reason)"
    }
}

enum Quarantine {
    /// Copies `bytes` (taken from `source` at `offset`) into the quarantine
    /// folder durably, with a `.why` note beside them. The copy is named by
    /// its content: the same bytes from the same place, quarantined again (a
    /// retry after a failed cut, say), are kept once, not once per attempt.
    static func store(_ bytes: [UInt8], from source: String, offset: Int, reason: String,
                      folder: String, now: Date) throws -> QuarantineEntry {
        try FileSystem.makeDirectory(folder)
        let base = ((source as NSString).lastPathComponent as NSString).deletingPathExtension
        let digest = SHA256.hash(data: bytes).prefix(8).map { String(format: "%02x", $0) }.joined()
        let path = "\(folder)/\(base)-at\(offset)-\(digest).bin"
        let note = "source: \(source)\noffset: \(offset)\nbytes: \(bytes.count)\nsha256 prefix: \(digest)\nfirst kept: \(ISO8601DateFormatter().string(from: now))\nreason: \(reason)\n"
        if let kept = try? PosixFile(path: path, flags: O_RDONLY), (try? kept.size()) == bytes.count,
           (try? kept.read(at: 0, count: bytes.count)) == bytes {
            if !FileSystem.exists(path + ".why") { try FileSystem.writeAtomically(Array(note.utf8), to: path + ".why", mode: 0o600) }
            return QuarantineEntry(path: path, sourcePath: source, offset: offset, byteCount: bytes.count,
                                   reason: reason + " (the same bytes were already kept there)")
        }
        try FileSystem.writeAtomically(bytes, to: path, mode: 0o600)
        try FileSystem.writeAtomically(Array(note.utf8), to: path + ".why", mode: 0o600)
        return QuarantineEntry(path: path, sourcePath: source, offset: offset, byteCount: bytes.count, reason: reason)
    }
}
