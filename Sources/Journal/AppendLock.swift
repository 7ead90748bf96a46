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

/// An exclusive lock for one append (flock on journal/<id>.lock). The holder
/// writes who it is into the file so a waiting process can name it.
final class AppendLock {
    private let file: PosixFile

    static func acquire(path: String, timeout: TimeInterval, holder: String) throws -> AppendLock {
        let file = try PosixFile(path: path, flags: O_RDWR | O_CREAT, mode: 0o600)
        let start = Date()
        while flock(file.fd, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR else {
                throw FileError(path: path, operation: "lock", code: errno)
            }
            if Date().timeIntervalSince(start) >= timeout {
                let text = (try? file.readAll()).map { String(decoding: $0, as: UTF8.self) }?
                    .trimmingCharacters(in: .whitespacesAndNewlines)
                throw StationBusy(lockPath: path, holder: text?.isEmpty == false ? text : nil, waited: timeout)
            }
            usleep(5_000)
        }
        // Best effort: who holds it is information, not part of the guarantee.
        try? file.truncate(to: 0)
        try? file.write(Array(holder.utf8), at: 0)
        return AppendLock(file: file)
    }

    private init(file: PosixFile) { self.file = file }

    func release() {
        flock(file.fd, LOCK_UN)
    }

    deinit { release() }
}
