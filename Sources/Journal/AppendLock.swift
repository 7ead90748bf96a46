import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The station is busy: another process holds the append lock.
public struct StationBusy: Error, CustomStringConvertible, Sendable {
    public var lockPath: String
    public var holder: String?
    public var waited: TimeInterval

    public init(lockPath: String, holder: String?, waited: TimeInterval) {
        self.lockPath = lockPath
        self.holder = holder
        self.waited = waited
    }

    public var description: String {
        let who = holder.map { "held by \($0)" } ?? "held by another process"
        return "station busy: \(lockPath) is \(who); waited \(Int(waited)) s. Try again, or close the other zhiban program."
    }
}

/// The station's append lock (flock on journal/<id>.lock). The file is opened
/// once per journal and held open; each append takes and releases the flock.
/// Who holds it is written into the file only when the file does not already
/// say so (a single writer's appends write nothing to it), so a waiting process
/// can name the holder without an append paying for a truncate and a rewrite.
final class AppendLock {
    private let file: PosixFile
    private let path: String
    private let holder: [UInt8]

    init(path: String, holder: String) throws {
        self.path = path
        self.file = try PosixFile(path: path, flags: O_RDWR | O_CREAT, mode: 0o600)
        self.holder = Array(holder.utf8)
    }

    /// Takes the lock, waiting at most `timeout`.
    func acquire(timeout: TimeInterval) throws {
        var start: Date?
        while flock(file.fd, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR else {
                throw FileError(path: path, operation: "lock", code: errno)
            }
            let began = start ?? Date()
            start = began
            if Date().timeIntervalSince(began) >= timeout {
                let text = (try? file.readAll()).map { String(decoding: $0, as: UTF8.self) }?
                    .trimmingCharacters(in: .whitespacesAndNewlines)
                throw StationBusy(lockPath: path, holder: text?.isEmpty == false ? text : nil, waited: timeout)
            }
            usleep(5_000)
        }
        // Best effort: who holds it is information, not part of the guarantee.
        if file.readOnce(at: 0, count: holder.count + 1) != holder {
            try? file.truncate(to: 0)
            try? file.write(holder, at: 0)
        }
    }

    func release() {
        flock(file.fd, LOCK_UN)
    }

    deinit { release() }
}
