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
    /// folder durably, with a `.why` note beside them.
    static func store(_ bytes: [UInt8], from source: String, offset: Int, reason: String,
                      folder: String, now: Date) throws -> QuarantineEntry {
        try FileSystem.makeDirectory(folder)
        let stamp = Int(now.timeIntervalSince1970 * 1000)
        let base = ((source as NSString).lastPathComponent as NSString).deletingPathExtension
        var path = "\(folder)/\(base)-at\(offset)-\(stamp).bin"
        var n = 1
        while FileSystem.exists(path) { path = "\(folder)/\(base)-at\(offset)-\(stamp)-\(n).bin"; n += 1 }
        try FileSystem.writeAtomically(bytes, to: path, mode: 0o600)
        let note = "source: \(source)\noffset: \(offset)\nbytes: \(bytes.count)\nreason: \(reason)\n"
        try FileSystem.writeAtomically(Array(note.utf8), to: path + ".why", mode: 0o600)
        return QuarantineEntry(path: path, sourcePath: source, offset: offset, byteCount: bytes.count, reason: reason)
    }
}
