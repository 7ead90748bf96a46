import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The intake form's draft: `drafts/intake.json` in the station, rewritten
/// whole (temporary file, fsync, rename) so a crash leaves the old or the
/// new draft, never half of one.
///
/// The handover's unsaved notes are kept the same way in `drafts/handover.json` (`name: "handover"`).
public struct IntakeDraftFile: Sendable {
    public let folder: String
    public let name: String
    public init(folder: String, name: String = "intake") {
        self.folder = folder
        self.name = name
    }
    public var path: String { folder + "/\(name).json" }

    /// The draft's strings, or nil when there is none (or it cannot be read:
    /// then it is moved aside to intake.json.unreadable, not lost).
    public func read() -> [String: String]? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        guard let object = try? JSONDecoder().decode([String: String].self, from: data) else {
            _ = rename(path, path + ".unreadable")
            return nil
        }
        return object
    }

    /// Writes (or with nil removes) the draft; returns a problem, nil on success.
    public func write(_ values: [String: String]?) -> String? {
        guard let values else {
            if unlink(path) != 0 && errno != ENOENT { return "\(path): cannot remove the \(name) draft: \(String(cString: strerror(errno)))" }
            return nil
        }
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            let data = try encoder.encode(values)
            let temporary = path + ".tmp"
            let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
            guard fd >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
            let written = data.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            let synced = fsync(fd)
            close(fd)
            guard written == data.count, synced == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
            guard rename(temporary, path) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
            let dir = open(folder, O_RDONLY)
            if dir >= 0 { _ = fsync(dir); close(dir) }
            return nil
        } catch {
            return "\(path): cannot save the \(name) draft: \(error)"
        }
    }
}

