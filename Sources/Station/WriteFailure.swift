import DutyModel
import Foundation
import Journal
import Sync

/// Why a write did not happen. Nothing was written in every case; the front
/// ends turn it into words (string tables) and the command line into an exit code.
public enum WriteFailure: Error, Hashable, Sendable, CustomStringConvertible {
    /// Another process held the append lock for the whole wait.
    case busy(lockPath: String, holder: String?, waited: TimeInterval)
    /// Damage before the journal's tail: the station is read-only until `zhiban repair`.
    case readOnly(path: String, offset: Int, problem: String)
    /// One record larger than the journal takes.
    case tooLarge(bytes: Int, limit: Int)
    /// The event could not be encoded.
    case notEncodable(String)
    /// The disk refused (full, read-only file system, I/O error): file and what the system said.
    case disk(String)

    /// The failure behind any error a write can throw.
    public init(_ error: Error) {
        switch error {
        case let failure as WriteFailure: self = failure
        case let busy as StationBusy: self = .busy(lockPath: busy.lockPath, holder: busy.holder, waited: busy.waited)
        case let readOnly as JournalReadOnly:
            self = .readOnly(path: readOnly.path, offset: readOnly.problem.offset, problem: readOnly.problem.description)
        case let large as RecordTooLarge: self = .tooLarge(bytes: large.size, limit: FeedFormat.maximumBodyLength)
        case let bad as EventNotEncodable: self = .notEncodable(bad.reason)
        default: self = .disk("\(error)")
        }
    }

    /// The journal's own wording (English), for logs and the command line's
    /// fallback; people see the front ends' words.
    public var description: String {
        switch self {
        case .busy(let lockPath, let holder, let waited):
            return "\(StationBusy(lockPath: lockPath, holder: holder, waited: waited))"
        case .readOnly(let path, let offset, let problem):
            return "\(path): \(problem). The station is read-only: records after byte \(offset) are not used. "
                + "Run `zhiban repair` to move the damaged part to quarantine/ (nothing is deleted), or restore the file from a peer or backup."
        case .tooLarge(let bytes, let limit):
            return "record of \(bytes) bytes is larger than the journal's limit of \(limit) bytes; shorten the text"
        case .notEncodable(let reason): return "the event cannot be written: \(reason)"
        case .disk(let text): return text
        }
    }
}
