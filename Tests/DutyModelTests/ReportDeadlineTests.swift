import Foundation
import Testing
@testable import DutyModel

/// `2026-11-23T10:00` in Shanghai time (or with an explicit offset).
private func at(_ s: String) -> Date {
    let text = s.contains("+") || s.hasSuffix("Z") ? s : s + ":00+08:00"
    guard let d = DutyTime.parseISO8601(text) else { fatalError("bad test time \(s)") }
    return d
}

private let shanghai = TimeZone(identifier: "Asia/Shanghai")!

private func written(_ kind: ReportKind, _ time: String) -> ReportMade {
    ReportMade(kind: kind, channel: .written, at: at(time))
}

private func phone(_ kind: ReportKind, _ time: String) -> ReportMade {
    ReportMade(kind: kind, channel: .phone, at: at(time))
}

@Suite("Report deadlines (reporting.toml)")
struct ReportDeadlineTests {
    let reporting = RuleBook.standard.reporting

    func deadlines(_ grade: Grade?, received: String, reports: [ReportMade] = [], changes: [String] = [],
                   ended: String? = nil, now: String, timeZone: TimeZone = shanghai) -> [Deadline] {
        reporting.deadlines(grade: grade, receivedAt: at(received), reports: reports, changes: changes.map(at),
                            endedAt: ended.map(at), now: at(now), timeZone: timeZone)
    }

    @Test("initial deadlines of every grade and of an ungraded incident", arguments: [
        (Grade?.some(.I), "2026-11-23T10:15", "2026-11-23T10:30"),
        (.some(.II), "2026-11-23T10:15", "2026-11-23T10:30"),
        (.some(.III), "2026-11-23T10:30", "2026-11-23T11:00"),
        (.some(.IV), "2026-11-23T11:00", "2026-11-23T16:00"),
        (nil, "2026-11-23T10:30", "2026-11-23T11:00"),
    ])
    func initialDeadlines(grade: Grade?, phoneDue: String, writtenDue: String) {
        let d = deadlines(grade, received: "2026-11-23T10:00", now: "2026-11-23T10:00")
        #expect(d == [
            Deadline(kind: .initialPhone, due: at(phoneDue)),
            Deadline(kind: .initialWritten, due: at(writtenDue)),
        ])
        #expect(reporting.next(d) == Deadline(kind: .initialPhone, due: at(phoneDue)))
    }

    @Test("the built-in clocks as data")
    func clocks() {
        #expect(reporting.clock(for: .I) == ReportClock(phone: 900, written: 1_800,
                                                         followUpAt: [TimeOfDay("08:00")!, TimeOfDay("17:00")!], followUpOnChange: 1_800))
        #expect(reporting.clock(for: .III).followUpOnChange == 3_600)
        #expect(reporting.clock(for: .IV) == ReportClock(phone: 3_600, written: 21_600, followUpAt: [], followUpOnChange: 21_600))
        #expect(reporting.sensitive?.phone == 1_800)
        #expect(reporting.clock(for: nil) == reporting.clock(for: .III))
        #expect(reporting.finalWithin == 86_400)
        #expect(reporting.supplementaryWindow(type: "fire_high_rise") == 604_800.0)
        #expect(reporting.supplementaryWindow(type: "road_traffic") == 604_800.0)
        #expect(reporting.supplementaryWindow(type: "hazchem") == 2_592_000.0)
        #expect(reporting.escalateWithin == 7_200)
        #expect(reporting.enterpriseWithin == 3_600)
    }

    @Test("a written initial report also fulfils the phone one; a phone report only the phone one")
    func writtenFulfilsPhone() {
        let w = deadlines(.III, received: "2026-11-23T10:00", reports: [written(.initial, "2026-11-23T10:20")], now: "2026-11-23T10:25")
        #expect(Array(w.prefix(2)) == [
            Deadline(kind: .initialPhone, due: at("2026-11-23T10:30"), fulfilledAt: at("2026-11-23T10:20")),
            Deadline(kind: .initialWritten, due: at("2026-11-23T11:00"), fulfilledAt: at("2026-11-23T10:20")),
        ])
        let p = deadlines(.III, received: "2026-11-23T10:00", reports: [phone(.initial, "2026-11-23T10:10")], now: "2026-11-23T10:25")
        #expect(p == [
            Deadline(kind: .initialPhone, due: at("2026-11-23T10:30"), fulfilledAt: at("2026-11-23T10:10")),
            Deadline(kind: .initialWritten, due: at("2026-11-23T11:00")),
        ])
        #expect(reporting.next(p)?.kind == .initialWritten)
    }

    @Test("overdue one second after the due time, not at it; never once made")
    func overdueBoundary() {
        let d = Deadline(kind: .initialWritten, due: at("2026-11-23T10:30"))
        #expect(!d.isOverdue(at: at("2026-11-23T10:29:59+08:00")))
        #expect(!d.isOverdue(at: at("2026-11-23T10:30:00+08:00")))
        #expect(d.isOverdue(at: at("2026-11-23T10:30:01+08:00")))
        let late = Deadline(kind: .initialWritten, due: at("2026-11-23T10:30"), fulfilledAt: at("2026-11-23T10:40"))
        #expect(!late.isOverdue(at: at("2026-11-23T11:00")))
        #expect(late.wasLate)
        #expect(!Deadline(kind: .final, due: at("2026-11-23T10:30"), fulfilledAt: at("2026-11-23T10:30")).wasLate)
    }

    @Test("a grade change after the initial report moves the deadlines not yet met (IV → II)")
    func gradeChange() {
        let reports = [phone(.initial, "2026-11-23T10:40")]
        let asIV = deadlines(.IV, received: "2026-11-23T10:00", reports: reports, now: "2026-11-23T10:45")
        #expect(asIV == [
            Deadline(kind: .initialPhone, due: at("2026-11-23T11:00"), fulfilledAt: at("2026-11-23T10:40")),
            Deadline(kind: .initialWritten, due: at("2026-11-23T16:00")),
        ])
        #expect(!asIV[1].isOverdue(at: at("2026-11-23T10:45")))
        let asII = deadlines(.II, received: "2026-11-23T10:00", reports: reports, now: "2026-11-23T10:45")
        #expect(asII == [
            Deadline(kind: .initialPhone, due: at("2026-11-23T10:15"), fulfilledAt: at("2026-11-23T10:40")),
            Deadline(kind: .initialWritten, due: at("2026-11-23T10:30")),
        ])
        #expect(asII[0].wasLate)
        #expect(asII[1].isOverdue(at: at("2026-11-23T10:45")))
    }

    @Test("received 23:40, reported 23:50: the first follow-up is due at 08:00 the next day")
    func followUpAcrossMidnight() {
        let d = deadlines(.III, received: "2026-11-23T23:40", reports: [written(.initial, "2026-11-23T23:50")], now: "2026-11-23T23:55")
        #expect(d == [
            Deadline(kind: .initialPhone, due: at("2026-11-24T00:10"), fulfilledAt: at("2026-11-23T23:50")),
            Deadline(kind: .initialWritten, due: at("2026-11-24T00:40"), fulfilledAt: at("2026-11-23T23:50")),
            Deadline(kind: .followUp(1), due: at("2026-11-24T08:00")),
        ])
        #expect(reporting.next(d) == Deadline(kind: .followUp(1), due: at("2026-11-24T08:00")))
    }

    @Test("reported 16:59: the first follow-up is due at 17:00 the same day")
    func followUpSameDay() {
        let d = deadlines(.III, received: "2026-11-23T16:50", reports: [written(.initial, "2026-11-23T16:59")], now: "2026-11-23T16:59")
        #expect(d == [
            Deadline(kind: .followUp(1), due: at("2026-11-23T17:00")),
            Deadline(kind: .initialPhone, due: at("2026-11-23T17:20"), fulfilledAt: at("2026-11-23T16:59")),
            Deadline(kind: .initialWritten, due: at("2026-11-23T17:50"), fulfilledAt: at("2026-11-23T16:59")),
        ])
        // Exactly at 17:00 the next slot is the following morning.
        let e = deadlines(.III, received: "2026-11-23T16:50", reports: [written(.initial, "2026-11-23T17:00")], now: "2026-11-23T17:00")
        #expect(e.last == Deadline(kind: .followUp(1), due: at("2026-11-24T08:00")))
    }

    @Test("slots are in the station's time zone, not UTC")
    func slotsUseStationTimeZone() {
        let utc = TimeZone(identifier: "UTC")!
        // 23:50 in Shanghai is 15:50 UTC: with UTC slots the next is 17:00 UTC (01:00 Shanghai).
        let d = deadlines(.III, received: "2026-11-23T23:40", reports: [written(.initial, "2026-11-23T23:50")],
                          now: "2026-11-23T23:55", timeZone: utc)
        #expect(d.last?.due == at("2026-11-23T17:00:00Z"))
        #expect(ReportingRules.nextSlot(after: at("2026-11-30T23:59"), slots: [TimeOfDay("08:00")!, TimeOfDay("17:00")!],
                                        timeZone: shanghai) == at("2026-12-01T08:00"))
        #expect(ReportingRules.nextSlot(after: at("2026-12-31T17:00"), slots: [TimeOfDay("08:00")!, TimeOfDay("17:00")!],
                                        timeZone: shanghai) == at("2027-01-01T08:00"))
    }

    @Test("each slot in turn: a follow-up before a slot fulfils it, the upcoming slot is listed")
    func slotSequence() {
        let reports = [written(.initial, "2026-11-23T10:20"), written(.followUp(1), "2026-11-23T16:30")]
        let d = deadlines(.I, received: "2026-11-23T10:00", reports: reports, now: "2026-11-24T09:00")
        #expect(d == [
            Deadline(kind: .initialPhone, due: at("2026-11-23T10:15"), fulfilledAt: at("2026-11-23T10:20")),
            Deadline(kind: .initialWritten, due: at("2026-11-23T10:30"), fulfilledAt: at("2026-11-23T10:20")),
            Deadline(kind: .followUp(1), due: at("2026-11-23T17:00"), fulfilledAt: at("2026-11-23T16:30")),
            Deadline(kind: .followUp(2), due: at("2026-11-24T08:00")),
            Deadline(kind: .followUp(3), due: at("2026-11-24T17:00")),
        ])
        #expect(d[3].isOverdue(at: at("2026-11-24T09:00")))
        #expect(!d[4].isOverdue(at: at("2026-11-24T09:00")))
        #expect(reporting.next(d)?.kind == .followUp(2))
        // Made late, the overdue slot counts as made then (and so does the next slot).
        let late = deadlines(.I, received: "2026-11-23T10:00", reports: reports + [written(.followUp(2), "2026-11-24T09:30")],
                             now: "2026-11-24T09:45")
        #expect(late[3] == Deadline(kind: .followUp(2), due: at("2026-11-24T08:00"), fulfilledAt: at("2026-11-24T09:30")))
        #expect(late[4] == Deadline(kind: .followUp(3), due: at("2026-11-24T17:00"), fulfilledAt: at("2026-11-24T09:30")))
        #expect(late[3].wasLate && !late[4].wasLate)
    }

    @Test("no follow-ups before the written initial report; a phone follow-up does not count")
    func followUpsNeedWrittenInitial() {
        let none = deadlines(.I, received: "2026-11-23T10:00", reports: [phone(.initial, "2026-11-23T10:05")],
                             changes: ["2026-11-23T11:00"], now: "2026-11-24T09:00")
        #expect(none.map(\.kind) == [.initialPhone, .initialWritten])
        let phoneFollowUp = deadlines(.III, received: "2026-11-23T10:00",
                                      reports: [written(.initial, "2026-11-23T10:20"), phone(.followUp(1), "2026-11-23T16:00")],
                                      now: "2026-11-23T16:30")
        #expect(phoneFollowUp.last == Deadline(kind: .followUp(1), due: at("2026-11-23T17:00")))
    }

    @Test("slots stop when the incident ends; the final report is due 24 h after")
    func endedStopsSlots() {
        let reports = [written(.initial, "2026-11-23T10:20")]
        let d = deadlines(.III, received: "2026-11-23T10:00", reports: reports, ended: "2026-11-24T12:00", now: "2026-11-25T10:00")
        #expect(d == [
            Deadline(kind: .initialPhone, due: at("2026-11-23T10:30"), fulfilledAt: at("2026-11-23T10:20")),
            Deadline(kind: .initialWritten, due: at("2026-11-23T11:00"), fulfilledAt: at("2026-11-23T10:20")),
            Deadline(kind: .followUp(1), due: at("2026-11-23T17:00")),
            Deadline(kind: .followUp(2), due: at("2026-11-24T08:00")),
            Deadline(kind: .final, due: at("2026-11-25T12:00")),
        ])
        let done = deadlines(.III, received: "2026-11-23T10:00",
                             reports: reports + [written(.final, "2026-11-25T09:00"), phone(.final, "2026-11-25T08:00")],
                             ended: "2026-11-24T12:00", now: "2026-11-25T10:00")
        // The written final report also counts, late, for the missed follow-ups.
        #expect(done[2].fulfilledAt == at("2026-11-25T09:00"))
        #expect(done.last == Deadline(kind: .final, due: at("2026-11-25T12:00"), fulfilledAt: at("2026-11-25T09:00")))
        // An incident ended exactly at a slot owes the final report, not the slot.
        let atSlot = deadlines(.III, received: "2026-11-23T10:00", reports: reports, ended: "2026-11-23T17:00", now: "2026-11-23T18:00")
        #expect(atSlot.map(\.kind) == [.initialPhone, .initialWritten, .final])
        #expect(atSlot.last?.due == at("2026-11-24T17:00"))
    }

    @Test("grade IV: a follow-up on each change, due within the written window; pending changes share one")
    func followUpOnChange() {
        let reports = [written(.initial, "2026-11-23T10:30"), written(.followUp(1), "2026-11-23T13:00")]
        let d = deadlines(.IV, received: "2026-11-23T10:00", reports: reports,
                          changes: ["2026-11-23T10:10", "2026-11-23T12:00", "2026-11-23T12:10", "2026-11-23T14:00", "2026-11-23T23:00"],
                          now: "2026-11-23T15:00")
        #expect(d == [
            Deadline(kind: .initialPhone, due: at("2026-11-23T11:00"), fulfilledAt: at("2026-11-23T10:30")),
            Deadline(kind: .initialWritten, due: at("2026-11-23T16:00"), fulfilledAt: at("2026-11-23T10:30")),
            Deadline(kind: .followUp(1), due: at("2026-11-23T18:00"), fulfilledAt: at("2026-11-23T13:00")),
            Deadline(kind: .followUp(2), due: at("2026-11-23T20:00")),
        ])
    }

    @Test("grade II: slots and changes together, numbered by due time")
    func slotsAndChanges() {
        let reports = [written(.initial, "2026-11-23T10:20")]
        let d = deadlines(.II, received: "2026-11-23T10:00", reports: reports, changes: ["2026-11-23T16:45"], now: "2026-11-23T16:50")
        #expect(d.dropFirst(2).map { $0 } == [
            Deadline(kind: .followUp(1), due: at("2026-11-23T17:00")),
            Deadline(kind: .followUp(2), due: at("2026-11-23T17:15")),
        ])
        // One report at 16:55 answers both.
        let e = deadlines(.II, received: "2026-11-23T10:00", reports: reports + [written(.followUp(1), "2026-11-23T16:55")],
                          changes: ["2026-11-23T16:45"], now: "2026-11-23T16:56")
        #expect(e.dropFirst(2).allSatisfy { $0.fulfilledAt == at("2026-11-23T16:55") })
        #expect(e.count == 4)
    }

    @Test("grade III and ungraded: a change needs its own follow-up too, besides the slots (within 60 min)")
    func changeFollowUpForIII() {
        let reports = [written(.initial, "2026-11-23T10:20")]
        for grade in [Grade.III, nil] {
            let d = deadlines(grade, received: "2026-11-23T10:00", reports: reports, changes: ["2026-11-23T11:00"], now: "2026-11-23T11:30")
            #expect(d.map(\.kind) == [.initialPhone, .initialWritten, .followUp(1), .followUp(2)])
            #expect(d[2].due == at("2026-11-23T12:00"))
            #expect(d.last?.due == at("2026-11-23T17:00"))
        }
    }

    @Test("deadline kinds name themselves")
    func kindNames() {
        #expect(DeadlineKind.followUp(2).description == "follow_up_2")
        #expect(DeadlineKind.followUp(12).chinese == "续报十二")
        #expect(DeadlineKind.followUp(1).chinese == "续报一")
        #expect(DeadlineKind.initialPhone.chinese == "电话初报")
    }
}
