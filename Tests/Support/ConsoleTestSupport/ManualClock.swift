import DutyModel
import Foundation
import Synchronization

/// A clock that moves only when a test says so.
public final class ManualClock: WallClock {
    private let instant: Mutex<Date>

    public init(_ start: Date) { instant = Mutex(start) }

    /// `2026-11-23T14:05:00+08:00`-style start.
    public convenience init(_ iso: String) {
        self.init(DutyTime.parseISO8601(iso)!)
    }

    public func now() -> Date { instant.withLock { $0 } }
    public func advance(by seconds: TimeInterval) { instant.withLock { $0 = $0.addingTimeInterval(seconds) } }
    public func set(_ date: Date) { instant.withLock { $0 = date } }
}
