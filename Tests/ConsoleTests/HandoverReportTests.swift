import Console
import ConsoleTestSupport
import DutyModel
import Foundation
import Station
import Testing

/// The handover report (#21) from constructed journals: every section with and without content,
/// items spanning midnight, carried-over items carried again, a report due just after the change,
/// signing and accepting with their rules.
@Suite struct HandoverReportTests {
    static func at(_ text: String) -> Date { DutyTime.parseISO8601(text)! }
    let zone = DutyTime.defaultTimeZone

    func slot(_ station: TempStation, _ date: String) -> ShiftSlot {
        station.state.pattern.slot(date: date, index: 0, timeZone: zone)!
    }

    func report(_ station: TempStation, _ date: String, now: String) -> HandoverReport {
        HandoverReport.handover(station.state, rules: station.station.rules, slot: slot(station, date), now: Self.at(now), timeZone: zone)
    }

    @Test func everySectionOfTheFixturesShift() throws {
        let station = DutyFixture.station()
        let r = report(station, "2026-11-23", now: "2026-11-23T14:05:00+08:00")
        #expect(r.from == Self.at("2026-11-23T08:30:00+08:00") && r.to == Self.at("2026-11-23T14:05:00+08:00"))
        #expect(r.leaders == ["孙立新", "赵文斌"] && r.planned == ["高鹏", "罗燕"])
        #expect(r.backups["高鹏"] == "黄磊")
        #expect(r.present == nil, "nobody checked in")
        #expect(r.nextPlanned == ["梁超", "宋佳"])
        // Received in the shift, oldest first: 005 (08:50, closed since), 002, 003; 001 came at 03:40, before it.
        #expect(r.received.map(\.id) == ["TZ-20261123-005", "TZ-20261123-002", "TZ-20261123-003"])
        #expect(r.counts.received == 3 && r.counts.closed == 1)
        // Open: the night's 001 and yesterday's 004 carried over, the shift's own not.
        let open = Dictionary(uniqueKeysWithValues: r.open.map { ($0.id, $0) })
        #expect(Set(open.keys) == ["TZ-20261123-001", "TZ-20261122-004", "TZ-20261123-002", "TZ-20261123-003"])
        #expect(open["TZ-20261123-001"]?.carried == true && open["TZ-20261122-004"]?.carried == true)
        #expect(open["TZ-20261123-003"]?.carried == false)
        // Overdue ones first.
        let firstNotLate = r.open.firstIndex { $0.lateBy == nil } ?? r.open.count
        #expect(r.open[..<firstNotLate].allSatisfy { $0.lateBy != nil } && r.open[firstNotLate...].allSatisfy { $0.lateBy == nil })
        // The red warning began in the shift, acknowledged by 高鹏.
        #expect(r.warnings.count == 1 && r.warnings[0].change == .began && r.warnings[0].inForce && r.warnings[0].acknowledgedBy == "高鹏")
        // The team out; the instruction given at 13:40, due 15:00, not done.
        #expect(r.resources.contains { $0.kind == .teamOut && $0.id == "tz-fire-01" })
        #expect(r.instructions.count == 1 && r.instructions[0].done == nil && !r.instructions[0].carried)
        #expect(r.counts.logEntries == 2 && r.counts.instructionsGiven == 1)
        #expect(r.marked.isEmpty && r.notes.isEmpty && r.phase == .notStarted)
        // The shift before had no handover accepted.
        #expect(r.previous == .never)
    }

    @Test func emptySectionsOfAnEmptyShift() throws {
        let station = DutyFixture.station()
        // A shift a week later: nothing received, no warnings in force, no roster.
        let r = report(station, "2026-11-30", now: "2026-11-30T10:00:00+08:00")
        #expect(r.received.isEmpty && r.warnings.isEmpty && r.marked.isEmpty && r.leaders.isEmpty && r.planned.isEmpty)
        #expect(r.counts.logEntries == 0 && r.counts.received == 0)
        // What was open then is still open, carried.
        #expect(!r.open.isEmpty && r.open.allSatisfy(\.carried))
        let text = HandoverPrinter.text(r, rules: station.station.rules, language: .zh, timeZone: zone)
        #expect(text.contains("事件 · 本班接报（0）\n────") && text.contains("  无\n"))
        #expect(text.split(separator: "\n").contains { $0.contains("计划值班") && $0.contains("未排班") })
    }

    @Test func markedLogEntriesNotesAndTheSignatures() throws {
        let station = DutyFixture.station()
        let s = slot(station, "2026-11-23")
        let entry = try #require((0..<station.state.log.count).map { station.state.log.entry(at: $0) }.first { $0.entry.kind == .callIn }?.key)
        try station.station.markLogEntry(entry, marked: true, operatorName: "高鹏", now: Self.at("2026-11-23T14:00:00+08:00"))
        var r = report(station, "2026-11-23", now: "2026-11-23T14:05:00+08:00")
        #expect(r.marked.map(\.key) == [entry] && r.marked[0].text.contains("暴雨黄色预警"))
        try station.station.markLogEntry(entry, marked: false, operatorName: "高鹏", now: Self.at("2026-11-23T14:01:00+08:00"))
        #expect(report(station, "2026-11-23", now: "2026-11-23T14:05:00+08:00").marked.isEmpty)

        try station.station.saveHandoverNotes("夜间注意泰兴槽罐车现场", slot: s, operatorName: "高鹏", now: Self.at("2026-11-24T08:00:00+08:00"))
        r = report(station, "2026-11-23", now: "2026-11-24T08:05:00+08:00")
        #expect(r.notes == "夜间注意泰兴槽罐车现场" && r.notesBy == "高鹏" && r.phase == .drafted)

        // Accepting before the signature, signing twice, accepting unrostered without a reason: refused.
        #expect(throws: HandoverRefusal.notSigned) {
            try station.station.acceptHandover(slot: s, name: "梁超", remarks: "", reason: "", operatorName: "梁超", now: Self.at("2026-11-24T08:06:00+08:00"))
        }
        try station.station.signHandover(slot: s, name: "高鹏", operatorName: "高鹏", now: Self.at("2026-11-24T08:20:00+08:00"))
        #expect(throws: HandoverRefusal.alreadySigned(by: "高鹏")) {
            try station.station.signHandover(slot: s, name: "罗燕", operatorName: "罗燕", now: Self.at("2026-11-24T08:21:00+08:00"))
        }
        #expect(throws: HandoverRefusal.notOnNextShift(name: "张三", rostered: ["吴海涛", "钱秀英", "梁超", "宋佳"])) {
            try station.station.acceptHandover(slot: s, name: "张三", remarks: "", reason: "", operatorName: "张三", now: Self.at("2026-11-24T08:22:00+08:00"))
        }
        #expect(throws: HandoverRefusal.sameOfficer("高鹏")) {
            try station.station.acceptHandover(slot: s, name: "高鹏", remarks: "", reason: "替班", operatorName: "高鹏", now: Self.at("2026-11-24T08:22:00+08:00"))
        }
        try station.station.acceptHandover(slot: s, name: "梁超", remarks: "已清点", reason: "", operatorName: "梁超", now: Self.at("2026-11-24T08:25:00+08:00"))
        #expect(throws: HandoverRefusal.alreadyAccepted(by: "梁超")) {
            try station.station.acceptHandover(slot: s, name: "宋佳", remarks: "", reason: "", operatorName: "宋佳", now: Self.at("2026-11-24T08:26:00+08:00"))
        }
        r = report(station, "2026-11-23", now: "2026-11-24T08:30:00+08:00")
        #expect(r.phase == .accepted && r.signed?.name == "高鹏" && r.accepted?.name == "梁超" && r.accepted?.remarks == "已清点")
        // The next shift's report: the last handover on time; everything still open carried.
        let next = report(station, "2026-11-24", now: "2026-11-24T09:00:00+08:00")
        #expect(next.previous == .onTime)
        #expect(!next.open.isEmpty && next.open.allSatisfy(\.carried))
        #expect(next.instructions.first?.carried == true, "the instruction not done carries over")
    }

    @Test func aHandoverAcceptedLateOrNeverSaysSo() throws {
        let station = DutyFixture.station()
        let s = slot(station, "2026-11-23")
        try station.station.signHandover(slot: s, name: "高鹏", operatorName: "高鹏", now: Self.at("2026-11-24T08:40:00+08:00"))
        // Two hours after the change the handover is still the one due; after that it is "never".
        #expect(HandoverReport.pendingSlot(station.state, now: Self.at("2026-11-24T10:00:00+08:00"), timeZone: zone) == s)
        #expect(HandoverReport.outcome(station.state, slot: s, now: Self.at("2026-11-24T10:31:00+08:00")) == .never)
        try station.station.acceptHandover(slot: s, name: "梁超", remarks: "", reason: "", operatorName: "梁超", now: Self.at("2026-11-24T09:30:00+08:00"))
        let r = report(station, "2026-11-24", now: "2026-11-24T10:00:00+08:00")
        #expect(r.previous == .late(3600), "accepted an hour after the change")
        let text = HandoverPrinter.text(r, rules: station.station.rules, language: .en, timeZone: zone)
        #expect(text.contains("Last handover   accepted 1 h 00 min late"))
    }

    @Test func midnightACancelledWarningAndAReportDueJustAfterTheChange() throws {
        let station = DutyFixture.station()
        // Received at 23:50: the same shift's (it runs 08:30 to 08:30), whatever the date says.
        station.append(DutyFixture.incident("TZ-20261123-009", received: "2026-11-23T23:50:00+08:00", category: "accident", type: "fire",
                                            place: ("海陵区", "城中街道", ""), grade: "IV", description: "商铺起火"),
                       at: Self.at("2026-11-23T23:51:00+08:00"), operatorName: "罗燕")
        // The red warning cancelled at 02:00.
        var cancel = Zhiban_Events_V1_WarningReceived()
        cancel.warningKey = "泰州市气象台|TZ-WARN-002|2026-11-24T02:00"; cancel.identifier = "TZ-WARN-002"; cancel.sender = "泰州市气象台"
        cancel.sentMs = Int64(Self.at("2026-11-24T02:00:00+08:00").timeIntervalSince1970 * 1000); cancel.msgType = "cancel"
        cancel.status = "actual"; cancel.issuer = "泰州市气象台"; cancel.type = "暴雨"; cancel.level = 1
        cancel.references = ["泰州市气象台|TZ-WARN-001|2026-11-23T12:00"]
        station.append(EventDraft(cancel), at: Self.at("2026-11-24T02:01:00+08:00"), operatorName: "罗燕")
        // Received at 07:32, grade IV: its phone report (an hour) falls due at 08:32, two minutes after the change.
        station.append(DutyFixture.incident("TZ-20261124-001", received: "2026-11-24T07:32:00+08:00", category: "accident", type: "fire",
                                            place: ("海陵区", "城东街道", ""), grade: "IV", description: "厨房起火"),
                       at: Self.at("2026-11-24T07:33:00+08:00"), operatorName: "罗燕")
        let r = report(station, "2026-11-23", now: "2026-11-24T08:25:00+08:00")
        #expect(r.received.map(\.id).suffix(2) == ["TZ-20261123-009", "TZ-20261124-001"])
        let warning = try #require(r.warnings.first)
        #expect(warning.change == .ended && !warning.inForce)
        let due = try #require(r.open.first { $0.id == "TZ-20261124-001" })
        #expect(due.next?.due == Self.at("2026-11-24T08:32:00+08:00") && due.lateBy == nil)
        let text = HandoverPrinter.text(r, rules: station.station.rules, language: .zh, timeZone: zone)
        #expect(text.contains("电话初报 08:32前"))
        // Taken over and not made: the next shift's report has it overdue, carried.
        let next = report(station, "2026-11-24", now: "2026-11-24T08:40:00+08:00")
        let carried = try #require(next.open.first { $0.id == "TZ-20261124-001" })
        #expect(carried.carried && carried.lateBy == 8 * 60)
    }

    @Test func theDailyReportCountsTheLastTwentyFourHours() throws {
        let station = DutyFixture.station()
        let end = HandoverReport.dailyEnd(atOrBefore: Self.at("2026-11-24T09:15:00+08:00"), timeZone: zone)
        #expect(end == Self.at("2026-11-24T08:00:00+08:00"))
        #expect(HandoverReport.dailyEnd(atOrBefore: Self.at("2026-11-24T07:59:00+08:00"), timeZone: zone) == Self.at("2026-11-23T08:00:00+08:00"))
        let r = HandoverReport.daily(station.state, rules: station.station.rules, end: end, now: Self.at("2026-11-24T09:15:00+08:00"), timeZone: zone)
        // 08:00 on the 23rd to 08:00 on the 24th: 005, 002, 003 (001 at 03:40 and 004 the day before are outside).
        #expect(r.received.map(\.id) == ["TZ-20261123-005", "TZ-20261123-002", "TZ-20261123-003"])
        #expect(r.byGrade[.IV] == 2 && r.byGrade[.III] == 1)
        let text = HandoverPrinter.text(r, rules: station.station.rules, language: .zh, timeZone: zone)
        #expect(text.hasPrefix("值班日报") && text.contains("按等级") && !text.contains("签字"))
    }

    @Test(arguments: [Language.zh, .en])
    func printedReportsLineByLine(_ language: Language) throws {
        let station = DutyFixture.station()
        let s = slot(station, "2026-11-23")
        try station.station.saveHandoverNotes("夜间注意泰兴槽罐车现场\n第二行", slot: s, operatorName: "高鹏", now: Self.at("2026-11-24T08:00:00+08:00"))
        try station.station.signHandover(slot: s, name: "高鹏", operatorName: "高鹏", now: Self.at("2026-11-24T08:20:00+08:00"))
        let r = report(station, "2026-11-23", now: "2026-11-24T08:21:00+08:00")
        let text = HandoverPrinter.text(r, rules: station.station.rules, language: language, timeZone: zone, stationName: "泰州市应急管理局总值班室")
        assertTextSnapshot(text, named: "handover-print-\(language)")
        // Columns by display width: every line fits the page.
        for line in text.split(separator: "\n") { #expect(String(line).displayWidth <= 80, "\(line)") }
        for heading in language == .zh ? ["交接班", "事件", "预警", "资源", "领导指示", "值班日志"] : ["Shift and people", "Incidents", "Warnings", "Resources", "Leader instructions", "Duty log"] {
            #expect(text.contains("\n" + heading), "\(heading) heading")
        }
        let markdown = HandoverPrinter.text(r, rules: station.station.rules, language: language, timeZone: zone, format: .markdown)
        #expect(markdown.hasPrefix("# ") && markdown.contains("\n## "))
        assertTextSnapshot(markdown, named: "handover-markdown-\(language)")
    }

    @Test func aPastReportIsWhatWasHandedOverNotTodaysPicture() throws {
        let station = DutyFixture.station()
        // The instruction given at 13:40 on the 23rd is done the next afternoon; an incident arrives after the change.
        let instruction = try #require((0..<station.state.log.count).map { station.state.log.entry(at: $0) }.first { $0.entry.kind == .instruction }?.key)
        station.append(.instructionDone(id: instruction, at: Self.at("2026-11-24T15:00:00+08:00")), at: Self.at("2026-11-24T15:00:00+08:00"), operatorName: "梁超")
        station.append(DutyFixture.incident("TZ-20261124-002", received: "2026-11-24T16:00:00+08:00", category: "accident", type: "fire",
                                            place: ("海陵区", "城东街道", ""), grade: "IV", description: "厨房起火"),
                       at: Self.at("2026-11-24T16:01:00+08:00"), operatorName: "梁超")
        // Read the 23rd's handover at 18:00 on the 24th: the red warning (expired at 12:00 on the 24th) was in force
        // at the change, the instruction was open, the later incident did not exist.
        let r = report(station, "2026-11-23", now: "2026-11-24T18:00:00+08:00")
        #expect(r.to == Self.at("2026-11-24T08:30:00+08:00"))
        #expect(r.warnings.first?.inForce == true, "in force at the change")
        #expect(r.instructions.first?.done == nil, "done only the next afternoon")
        #expect(!r.open.contains { $0.id == "TZ-20261124-002" } && !r.received.contains { $0.id == "TZ-20261124-002" })
    }

    @Test func signedNotesStayAndABackupMayAccept() throws {
        let station = DutyFixture.station()
        let s = slot(station, "2026-11-23")
        try station.station.saveHandoverNotes("注意槽罐车", slot: s, operatorName: "高鹏", now: Self.at("2026-11-24T08:00:00+08:00"))
        try station.station.signHandover(slot: s, name: "高鹏", operatorName: "高鹏", now: Self.at("2026-11-24T08:20:00+08:00"))
        #expect(throws: HandoverRefusal.alreadySigned(by: "高鹏")) {
            try station.station.saveHandoverNotes("改过的备注", slot: s, operatorName: "高鹏", now: Self.at("2026-11-24T08:21:00+08:00"))
        }
        // 朱晓峰 is 梁超's B backup on the 24th: rostered enough to take over without a reason.
        try station.station.acceptHandover(slot: s, name: "朱晓峰", remarks: "", reason: "", operatorName: "朱晓峰", now: Self.at("2026-11-24T08:25:00+08:00"))
        let r = report(station, "2026-11-23", now: "2026-11-24T08:30:00+08:00")
        #expect(r.notes == "注意槽罐车" && r.accepted?.name == "朱晓峰" && r.accepted?.reason == "")
    }

    @Test func anEarlierEntryMarkedInTheShiftIsHandedOver() throws {
        let station = DutyFixture.station()
        station.append(.logEntry(kind: .note, text: "上一班：张甸镇积水点需复查"), at: Self.at("2026-11-23T07:00:00+08:00"), operatorName: "何军")
        let key = try #require((0..<station.state.log.count).map { station.state.log.entry(at: $0) }.first { $0.entry.text.hasPrefix("上一班") }?.key)
        try station.station.markLogEntry(key, marked: true, operatorName: "高鹏", now: Self.at("2026-11-23T14:10:00+08:00"))
        let r = report(station, "2026-11-23", now: "2026-11-23T15:00:00+08:00")
        #expect(r.marked.map(\.key) == [key], "written in the shift before, marked in this one")
    }

    @Test func theScreenLaysOutAPageOfEachListNotAll() throws {
        let station = DutyFixture.station()
        let r = report(station, "2026-11-23", now: "2026-11-23T14:05:00+08:00")
        #expect(r.open.count == 4)
        let lines = HandoverPrinter.lines(r, rules: station.station.rules, language: .en, timeZone: zone, rowsPerSection: 2).map(\.text)
        let start = try #require(lines.firstIndex { $0.hasPrefix("Incidents open") })
        let section = lines[(start + 2)...].prefix { !$0.isEmpty }
        #expect(section.filter { $0.contains("TZ-") }.count == 2, "\(section)")
        #expect(section.last?.contains("… 2 more (zhiban handover prints them all)") == true)
        // Printed, every one.
        let printed = HandoverPrinter.text(r, rules: station.station.rules, language: .en, timeZone: zone)
        #expect(!printed.contains("more (zhiban handover") && printed.contains("TZ-20261122-004"))
    }
}
