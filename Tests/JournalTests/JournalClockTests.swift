import DutyModel
import Foundation
import Testing
@testable import Journal

/// #17 §3: the time a record carries follows the `now` it is written with,
/// but never more than five minutes past the real clock: a drill's `--now`
/// (or a script's wrong time) cannot carry this station's clock, and every
/// later real record with it, into the future.
@Suite struct JournalClockTests {
    static let real = TempStation.t0

    func note(_ j: Journal, now: Date) throws -> RecordInfo {
        try j.append(NewRecord(eventType: "log.entry_added", payloadVersion: 1, payload: [1], operatorName: "王芳"), now: now)
    }

    @Test(arguments: [301.0, 3600, 3_456_000, 946_080_000] as [Double])
    func aTimeAheadOfTheRealClockIsBounded(ahead: Double) throws {
        let s = try TempStation()
        let j = try s.journal()
        j.realClock = { Self.real }
        let future = try note(j, now: Self.real.addingTimeInterval(ahead))
        #expect(future.time.date <= Self.real.addingTimeInterval(Journal.clockLead), "at most five minutes ahead")
        #expect(future.time.date > Self.real)
        // The next real record follows it (times never go back), still within the bound.
        let next = try note(j, now: Self.real)
        #expect(next.time > future.time)
        #expect(next.time.date <= Self.real.addingTimeInterval(Journal.clockLead))
    }

    @Test func aTimeWithinTheBoundOrInThePastIsKept() throws {
        let s = try TempStation()
        let j = try s.journal()
        j.realClock = { Self.real }
        // A drill replayed in the past (a fresh feed) carries the drill's time; the next real one its own.
        let past = try note(j, now: Self.real.addingTimeInterval(-7200))
        #expect(past.time.date == Self.real.addingTimeInterval(-7200))
        let soon = try note(j, now: Self.real.addingTimeInterval(120))
        #expect(soon.time.date == Self.real.addingTimeInterval(120))
    }

    @Test func theBoundHoldsAcrossProcesses() throws {
        let s = try TempStation()
        let a = try s.journal()
        a.realClock = { Self.real }
        _ = try note(a, now: Self.real.addingTimeInterval(86_400))
        // Another process of the station, later by a minute of real time.
        let b = try s.journal()
        b.realClock = { Self.real.addingTimeInterval(60) }
        let info = try note(b, now: Self.real.addingTimeInterval(60))
        #expect(info.time.date <= Self.real.addingTimeInterval(60 + Journal.clockLead))
    }
}
