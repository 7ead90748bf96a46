import Foundation
import DutyModel

/// The computer's clock.
public struct SystemClock: WallClock {
    public init() {}
    public func now() -> Date { Date() }
}

/// A clock that starts at a chosen instant (`--now`) and ticks on in real
/// time from there, for drills, demos and tests.
public struct DrillClock: WallClock {
    private let start: Date
    private let startedAt: ContinuousClock.Instant

    public init(startingAt start: Date) {
        self.start = start
        self.startedAt = ContinuousClock.now
    }

    public func now() -> Date {
        let elapsed = ContinuousClock.now - startedAt
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return start.addingTimeInterval(seconds)
    }
}
