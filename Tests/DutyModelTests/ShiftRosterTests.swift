import Foundation
import Testing
@testable import DutyModel

private func at(_ s: String) -> Date {
    let text = s.contains("+") || s.hasSuffix("Z") ? s : s + ":00+08:00"
    guard let d = DutyTime.parseISO8601(text) else { fatalError("bad test time \(s)") }
    return d
}

private let shanghai = TimeZone(identifier: "Asia/Shanghai")!

private func slot(_ start: String, _ end: String, _ index: Int, _ date: String) -> ShiftSlot {
    ShiftSlot(start: at(start), end: at(end), index: index, date: date)
}

@Suite("Shifts and roster")
struct ShiftRosterTests {
    let daily = try! ShiftPattern(["08:30"])
    let dayNight = try! ShiftPattern(["17:30", "08:30"])

    @Test("patterns parse from strings, sorted; bad ones are refused")
    func patterns() throws {
        #expect(daily.changeTimes == [TimeOfDay(hour: 8, minute: 30)!])
        #expect(dayNight.description == "08:30, 17:30")
        #expect(dayNight == ShiftPattern.dayNight0830)
        #expect(daily == ShiftPattern.daily0830)
        #expect(try ShiftPattern(["9:00"]).changeTimes == [TimeOfDay(hour: 9, minute: 0)!])
        for bad in [[], ["8:3"], ["24:00"], ["08:30", "08:30"], ["0830"], ["08:30 "]] {
            #expect(throws: ShiftPatternError.self, "\(bad)") { try ShiftPattern(bad) }
        }
        if case .failure(let e) = ShiftPattern.parse(["25:00"]) {
            #expect(e.description == "\"25:00\" is not a time of day like 08:30")
        } else {
            Issue.record("25:00 parsed")
        }
    }

    @Test("a 24 h shift starting 08:30 on the 23rd covers 02:00 on the 24th")
    func acrossMidnight() {
        let roster = Roster(pattern: daily, timeZone: shanghai)
        let expected = slot("2026-11-23T08:30", "2026-11-24T08:30", 0, "2026-11-23")
        #expect(roster.shift(at: at("2026-11-24T02:00")) == expected)
        #expect(roster.shift(at: at("2026-11-23T08:30")) == expected)
        #expect(roster.shift(at: at("2026-11-24T08:29:59+08:00")) == expected)
        #expect(roster.shift(at: at("2026-11-24T08:30")).date == "2026-11-24")
        #expect(roster.shift(at: at("2026-11-23T08:29:59+08:00")).date == "2026-11-22")
        #expect(roster.handoverTime(after: at("2026-11-24T02:00")) == at("2026-11-24T08:30"))
        #expect(roster.handoverTime(after: at("2026-11-24T08:30")) == at("2026-11-25T08:30"))
        #expect(roster.next(after: expected) == slot("2026-11-24T08:30", "2026-11-25T08:30", 0, "2026-11-24"))
        #expect(roster.next(after: at("2026-11-24T02:00")) == slot("2026-11-24T08:30", "2026-11-25T08:30", 0, "2026-11-24"))
    }

    @Test("month end and year end", arguments: [
        ("2026-12-01T02:00", "2026-11-30T08:30", "2026-12-01T08:30", "2026-11-30"),
        ("2026-12-01T08:30", "2026-12-01T08:30", "2026-12-02T08:30", "2026-12-01"),
        ("2027-01-01T05:00", "2026-12-31T08:30", "2027-01-01T08:30", "2026-12-31"),
        ("2027-01-01T09:00", "2027-01-01T08:30", "2027-01-02T08:30", "2027-01-01"),
        ("2028-03-01T01:00", "2028-02-29T08:30", "2028-03-01T08:30", "2028-02-29"),
        ("2027-03-01T01:00", "2027-02-28T08:30", "2027-03-01T08:30", "2027-02-28"),
    ])
    func monthAndYearEnd(instant: String, start: String, end: String, date: String) {
        #expect(daily.slot(at: at(instant), timeZone: shanghai) == slot(start, end, 0, date))
    }

    @Test("next shift over month and year ends")
    func nextOverEnds() {
        let roster = Roster(pattern: daily, timeZone: shanghai)
        let nov30 = roster.shift(at: at("2026-11-30T12:00"))
        #expect(roster.next(after: nov30).date == "2026-12-01")
        let dec31 = roster.shift(at: at("2026-12-31T12:00"))
        #expect(roster.next(after: dec31) == slot("2027-01-01T08:30", "2027-01-02T08:30", 0, "2027-01-01"))
        #expect(roster.handoverTime(after: at("2026-12-31T20:00")) == at("2027-01-01T08:30"))
        #expect(daily.slot(date: "2026-12-31", index: 0, timeZone: shanghai) == dec31)
        #expect(daily.slot(date: "2026-02-30", index: 0, timeZone: shanghai) == nil)
        #expect(daily.slot(date: "2026-12-31", index: 1, timeZone: shanghai) == nil)
        #expect(daily.previous(before: roster.next(after: dec31), timeZone: shanghai) == dec31)
    }

    @Test("day and night shifts: the night shift belongs to the day it starts")
    func dayAndNight() {
        let roster = Roster(pattern: dayNight, timeZone: shanghai)
        let day = slot("2026-11-23T08:30", "2026-11-23T17:30", 0, "2026-11-23")
        let night = slot("2026-11-23T17:30", "2026-11-24T08:30", 1, "2026-11-23")
        #expect(roster.shift(at: at("2026-11-23T12:00")) == day)
        #expect(roster.shift(at: at("2026-11-23T17:29:59+08:00")) == day)
        #expect(roster.shift(at: at("2026-11-23T17:30")) == night)
        #expect(roster.shift(at: at("2026-11-24T03:00")) == night)
        #expect(roster.next(after: day) == night)
        #expect(roster.next(after: night) == slot("2026-11-24T08:30", "2026-11-24T17:30", 0, "2026-11-24"))
        #expect(roster.handoverTime(after: at("2026-11-23T12:00")) == at("2026-11-23T17:30"))
        #expect(roster.handoverTime(after: at("2026-11-24T03:00")) == at("2026-11-24T08:30"))
        #expect(roster.shift(at: at("2026-12-31T23:59")) == slot("2026-12-31T17:30", "2027-01-01T08:30", 1, "2026-12-31"))
    }

    @Test("the station's time zone decides, not UTC or the machine's")
    func timeZoneDecides() {
        let utc = TimeZone(identifier: "UTC")!
        let instant = at("2026-11-24T09:00")  // 01:00 UTC
        let roster = Roster(pattern: daily, timeZone: shanghai)
        #expect(roster.shift(at: instant).date == "2026-11-24")
        #expect(roster.shift(at: instant, pattern: daily, timeZone: utc) == slot("2026-11-23T08:30:00Z", "2026-11-24T08:30:00Z", 0, "2026-11-23"))
        #expect(Roster(pattern: daily).timeZone == shanghai)
    }

    @Test("who is on duty, across midnight")
    func onDuty() {
        let entry = RosterEntry(date: "2026-11-23", shiftIndex: 0,
                                leaders: [RosterLeader(tier: 2, name: "王科长"), RosterLeader(tier: 1, name: "李局长")],
                                officers: [RosterOfficer(name: "张三", backup: "赵六"), RosterOfficer(name: "李四")])
        let roster = Roster(pattern: daily, timeZone: shanghai, entries: [entry])
        #expect(roster.onDuty(at: at("2026-11-24T02:00")) == entry)
        #expect(roster.onDuty(at: at("2026-11-24T08:30")) == nil)
        #expect(entry.leaderNames == ["李局长", "王科长"])
        #expect(entry.officers[0].backup == "赵六")
        #expect(roster.violations(at: at("2026-11-24T02:00")) == [])
        // A later entry for the same shift replaces the earlier one.
        let replaced = Roster(pattern: daily, timeZone: shanghai,
                              entries: [entry, RosterEntry(date: "2026-11-23", leaders: [RosterLeader(tier: 1, name: "孙局长")],
                                                           officers: [RosterOfficer(name: "周七"), RosterOfficer(name: "吴八")])])
        #expect(replaced.onDuty(at: at("2026-11-23T09:00"))?.leaderNames == ["孙局长"])
    }

    @Test("violations: one officer, no leader, nobody rostered")
    func violations() {
        let day = slot("2026-11-23T08:30", "2026-11-23T17:30", 0, "2026-11-23")
        let night = slot("2026-11-23T17:30", "2026-11-24T08:30", 1, "2026-11-23")
        let roster = Roster(pattern: dayNight, timeZone: shanghai, entries: [
            RosterEntry(date: "2026-11-23", shiftIndex: 0, leaders: [RosterLeader(tier: 1, name: "李局长")],
                        officers: [RosterOfficer(name: "张三", backup: "李四")]),
            RosterEntry(date: "2026-11-23", shiftIndex: 1, leaders: [],
                        officers: [RosterOfficer(name: "王五"), RosterOfficer(name: "王五"), RosterOfficer(name: " ")]),
        ])
        let v = roster.violations(at: at("2026-11-23T12:00"))
        #expect(v == [.tooFewOfficers(day, count: 1, required: 2)])
        #expect(v.first?.description == "shift 2026-11-23#0: 1 duty officer, at least 2 required")
        #expect(v.first?.chinese == "2026-11-23 第1班：值班员1人，至少需要2人")
        let n = roster.violations(at: at("2026-11-24T02:00"))
        #expect(n == [.noLeader(night), .tooFewOfficers(night, count: 1, required: 2)])
        #expect(n.first?.chinese == "2026-11-23 第2班：无带班领导")
        let empty = roster.violations(at: at("2026-11-24T09:00"))
        #expect(empty == [.nobodyRostered(slot("2026-11-24T08:30", "2026-11-24T17:30", 0, "2026-11-24"))])
        #expect(empty.first?.description == "shift 2026-11-24#0: nobody is rostered")
        let blank = Roster(pattern: daily, timeZone: shanghai, entries: [RosterEntry(date: "2026-11-23")])
        #expect(blank.violations(at: at("2026-11-23T09:00")).count == 1)
        if case .nobodyRostered = blank.violations(at: at("2026-11-23T09:00")).first {} else { Issue.record("not nobodyRostered") }
    }
}
