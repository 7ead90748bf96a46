import Foundation
import Testing
@testable import DutyModel

@Suite struct HybridLogicalClockTests {
    let t0 = Date(timeIntervalSince1970: 1_795_400_000)

    @Test func followsWallTimeWhenItMovesForward() {
        let a = HybridLogicalClock.tick(last: .zero, now: t0)
        #expect(a.milliseconds == 1_795_400_000_000 && a.logical == 0)
        let b = HybridLogicalClock.tick(last: a, now: t0.addingTimeInterval(1))
        #expect(b.milliseconds == 1_795_400_001_000 && b.logical == 0)
    }

    @Test func clockJumpingBackAnHourStaysMonotonic() {
        var last = HybridLogicalClock.tick(last: .zero, now: t0)
        var times = [last]
        for i in 0..<100 {
            last = HybridLogicalClock.tick(last: last, now: t0.addingTimeInterval(-3600 + Double(i)))
            times.append(last)
        }
        #expect(zip(times, times.dropFirst()).allSatisfy { $0 < $1 })
        // Physical part stays at the high-water mark; the counter carries order.
        #expect(last.milliseconds == times[0].milliseconds)
        #expect(last.logical == 100)
        // When the wall clock catches up, the clock returns to wall time.
        let caught = HybridLogicalClock.tick(last: last, now: t0.addingTimeInterval(10))
        #expect(caught.milliseconds == 1_795_400_010_000 && caught.logical == 0)
    }

    @Test func twoStationsTenMinutesApartStayCausallyOrdered() {
        // Station B's clock is 10 minutes behind A's.
        let sent = HybridLogicalClock.tick(last: .zero, now: t0)
        let received = HybridLogicalClock.receive(last: .zero, remote: sent, now: t0.addingTimeInterval(-600))
        #expect(received > sent, "a reply is ordered after what it answers despite the skew")
        let next = HybridLogicalClock.tick(last: received, now: t0.addingTimeInterval(-599))
        #expect(next > received)
    }

    @Test func remoteTimeFarInTheFutureIsNotAbsorbed() {
        let bogus = HLCTimestamp(milliseconds: 1_795_400_000_000 + 48 * 3_600_000, logical: 0)
        let mine = HybridLogicalClock.receive(last: .zero, remote: bogus, now: t0)
        #expect(mine.milliseconds == 1_795_400_000_000, "one wrong clock must not drag every station into the future")
    }

    @Test func logicalCounterOverflowCarriesIntoMilliseconds() {
        let full = HLCTimestamp(milliseconds: 5, logical: .max)
        let next = HybridLogicalClock.tick(last: full, now: Date(timeIntervalSince1970: 0))
        #expect(next.milliseconds == 6 && next.logical == 0)
        #expect(next > full)
    }
}
