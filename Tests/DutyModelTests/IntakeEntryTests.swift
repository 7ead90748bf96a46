import ConsoleTestSupport
import Foundation
import Testing
@testable import DutyModel

/// What an officer types into the intake form, read by the pure parsers:
/// times (`ClockEntry`), counts and money (`FormNumber`); the place list the
/// pickers offer (places.toml); and the incident drafts the console writes,
/// folded back into the incident they describe.
@Suite struct IntakeEntryTests {
    static let zone = TimeZone(identifier: "Asia/Shanghai")!
    /// Monday 2026-11-23 14:05:30 in Taizhou.
    static let now = date("2026-11-23T14:05:30+08:00")

    static func date(_ iso: String) -> Date {
        guard let d = DutyTime.parseISO8601(iso, timeZone: zone) else { fatalError("test fixture: \(iso) is not ISO 8601") }
        return d
    }

    func clock(_ text: String, now: Date = IntakeEntryTests.now) -> Result<Date, ClockEntry.Problem> {
        ClockEntry.parse(text, now: now, timeZone: Self.zone)
    }

    /// The time as `yyyy-MM-dd HH:mm:ss` in Taizhou, so a failure reads like the input.
    static func shown(_ result: Result<Date, ClockEntry.Problem>) -> String {
        switch result {
        case .success(let d):
            let f = DateFormatter()
            f.locale = Locale(identifier: "en_US_POSIX")
            f.timeZone = zone
            f.dateFormat = "yyyy-MM-dd HH:mm:ss"
            return f.string(from: d)
        case .failure(.unreadable): return "unreadable"
        case .failure(.future(let d)): return "future " + shown(.success(d))
        }
    }

    // MARK: - Times

    @Test("times an officer types are read in the station's zone", arguments: [
        ("14:05", "2026-11-23 14:05:00"),
        ("14：05", "2026-11-23 14:05:00"),          // full-width colon (Chinese input method)
        ("１４：０５", "2026-11-23 14:05:00"),       // full-width digits too
        ("1405", "2026-11-23 14:05:00"),
        ("8:30", "2026-11-23 08:30:00"),
        (" 09:15 ", "2026-11-23 09:15:00"),
        ("now", "2026-11-23 14:05:30"),
        ("NOW", "2026-11-23 14:05:30"),
        ("现在", "2026-11-23 14:05:30"),
        ("-10m", "2026-11-23 13:55:30"),
        ("-2h", "2026-11-23 12:05:30"),
        ("-1h30m", "2026-11-23 12:35:30"),
        ("－10m", "2026-11-23 13:55:30"),          // full-width minus
        ("10分钟前", "2026-11-23 13:55:30"),
        ("10分前", "2026-11-23 13:55:30"),
        ("2小时前", "2026-11-23 12:05:30"),
        ("昨天 23:40", "2026-11-22 23:40:00"),
        ("昨天23:40", "2026-11-22 23:40:00"),
        ("yesterday 23:40", "2026-11-22 23:40:00"),
        ("Yesterday 23:40", "2026-11-22 23:40:00"),
        ("前天 08:00", "2026-11-21 08:00:00"),
        ("今天 09:00", "2026-11-23 09:00:00"),
        ("11-23 14:05", "2026-11-23 14:05:00"),
        ("11/22 23:59", "2026-11-22 23:59:00"),
        ("2026-11-23 14:05", "2026-11-23 14:05:00"),
        ("2026-11-23T14:05:00+08:00", "2026-11-23 14:05:00"),
        ("2026-11-23T06:05:00Z", "2026-11-23 14:05:00"),
    ])
    func readsTime(typed: String, expected: String) {
        #expect(Self.shown(clock(typed)) == expected, "\"\(typed)\"")
    }

    @Test func exactInstantsOfTheCommonForms() throws {
        #expect(try clock("14:05").get() == Self.date("2026-11-23T14:05:00+08:00"))
        #expect(try clock("now").get() == Self.now)
        #expect(try clock("-10m").get() == Self.now.addingTimeInterval(-600))
        #expect(try clock("-1h30m").get() == Self.now.addingTimeInterval(-5400))
        #expect(try clock("2小时前").get() == Self.now.addingTimeInterval(-7200))
        #expect(try clock("2026-11-23T14:05:00+08:00").get() == Self.date("2026-11-23T14:05:00+08:00"))
    }

    @Test func justAfterMidnightAnEveningTimeMeansLastNight() {
        let tenPastMidnight = Self.date("2026-11-24T00:10:00+08:00")
        #expect(Self.shown(clock("23:40", now: tenPastMidnight)) == "2026-11-23 23:40:00")
        #expect(Self.shown(clock("00:05", now: tenPastMidnight)) == "2026-11-24 00:05:00")
        // "昨天" is the day before the 24th, and is not moved back a second time.
        #expect(Self.shown(clock("昨天 23:40", now: tenPastMidnight)) == "2026-11-23 23:40:00")
        #expect(Self.shown(clock("前天 23:40", now: tenPastMidnight)) == "2026-11-22 23:40:00")
    }

    @Test func aTimeMoreThanTenMinutesAheadIsRefusedNotMovedToYesterday() {
        // 14:20 is 14.5 minutes after 14:05:30: a slip of the finger, not last night.
        #expect(clock("14:20") == .failure(.future(Self.date("2026-11-23T14:20:00+08:00"))))
        #expect(clock("16:05") == .failure(.future(Self.date("2026-11-23T16:05:00+08:00"))))
        #expect(clock("2026-11-23T16:05:00+08:00") == .failure(.future(Self.date("2026-11-23T16:05:00+08:00"))))
        #expect(clock("11-24 09:00") == .failure(.future(Self.date("2026-11-24T09:00:00+08:00"))))
    }

    @Test func upToTenMinutesAheadIsAccepted() {
        // A wall clock a few minutes fast is not refused.
        #expect(Self.shown(clock("14:15")) == "2026-11-23 14:15:00")
        // Exactly on the tolerance (now 14:06:00, typed 14:16) is still accepted; one minute more is not.
        let sixPast = Self.date("2026-11-23T14:06:00+08:00")
        #expect(Self.shown(clock("14:16", now: sixPast)) == "2026-11-23 14:16:00")
        #expect(clock("14:17", now: sixPast) == .failure(.future(Self.date("2026-11-23T14:17:00+08:00"))))
        #expect(ClockEntry.futureTolerance == 600)
    }

    @Test("what is not a time is unreadable", arguments: [
        "", "   ", "abc", "25:00", "14:5", "14:99", "24:00", "1:2", "14:05:99x", "12345", "昨天", "yesterday",
        "-", "-abc", "前", "分钟前", "13-45 14:05", "11-23", "2026-13-01 08:00", "11-23 14:05 extra",
    ])
    func unreadable(typed: String) {
        #expect(clock(typed) == .failure(.unreadable), "\"\(typed)\" gave \(Self.shown(clock(typed)))")
    }

    /// A day that does not exist in the month (2月30日, 11月31日) is a typo, not the
    /// first days of the next month.
    @Test("a day the month does not have is unreadable", arguments: ["02-30 08:00", "11-31 08:00", "2026-02-29 08:00", "2026-04-31 08:00"])
    func impossibleDay(typed: String) {
        #expect(clock(typed) == .failure(.unreadable), "\"\(typed)\" gave \(Self.shown(clock(typed)))")
    }

    // MARK: - Counts and money

    @Test func headCounts() {
        #expect(FormNumber.count("12") == .success(12))
        #expect(FormNumber.count("１２") == .success(12))
        #expect(FormNumber.count("0") == .success(0))
        #expect(FormNumber.count(" 7 ") == .success(7))
        #expect(FormNumber.count("10000000") == .success(10_000_000))
        #expect(FormNumber.count("-3") == .failure(.negative))
        #expect(FormNumber.count("－3") == .failure(.negative))
        #expect(FormNumber.count("3a") == .failure(.notANumber))
        #expect(FormNumber.count("三") == .failure(.notANumber))
        #expect(FormNumber.count("") == .failure(.notANumber))
        #expect(FormNumber.count("1.5") == .failure(.notANumber))
        #expect(FormNumber.count("+3") == .failure(.notANumber))
        #expect(FormNumber.count("10000001") == .failure(.tooLarge(10_000_000)))
        #expect(FormNumber.count("99999999999") == .failure(.tooLarge(10_000_000)))
        #expect(FormNumber.count("99999999999999999999999") == .failure(.notANumber) ||
                FormNumber.count("99999999999999999999999") == .failure(.tooLarge(10_000_000)),
                "a number past Int64 is refused, whatever the reason given")
        #expect(FormNumber.count("12", limit: 10) == .failure(.tooLarge(10)))
    }

    @Test func yuan() {
        #expect(FormNumber.yuan("80000") == .success(80_000))
        #expect(FormNumber.yuan("500万") == .success(5_000_000))
        #expect(FormNumber.yuan("1.2亿") == .success(120_000_000))
        #expect(FormNumber.yuan("80,000") == .success(80_000))
        #expect(FormNumber.yuan("2000万元") == .success(20_000_000))
        #expect(FormNumber.yuan("1.5万") == .success(15_000))
        #expect(FormNumber.yuan("５００万") == .success(5_000_000))
        #expect(FormNumber.yuan("300w") == .success(3_000_000))
        #expect(FormNumber.yuan("2y") == .success(200_000_000))
        #expect(FormNumber.yuan("12000元") == .success(12_000))
        #expect(FormNumber.yuan("abc") == .failure(.notANumber))
        #expect(FormNumber.yuan("") == .failure(.notANumber))
        #expect(FormNumber.yuan("万") == .failure(.notANumber))
        #expect(FormNumber.yuan("1.2.3") == .failure(.notANumber))
        #expect(FormNumber.yuan("5万万") == .failure(.notANumber))
        #expect(FormNumber.yuan("-1") == .failure(.negative))
        #expect(FormNumber.yuan("-500万") == .failure(.negative))
        #expect(FormNumber.yuan("10001亿") == .failure(.tooLarge(1_000_000_000_000)))
        #expect(FormNumber.yuan("10000亿") == .success(1_000_000_000_000))
    }

    @Test func keysANumberFieldTakes() {
        for c: Character in ["0", "5", "9", "０", "９"] {
            #expect(FormNumber.accepts(c, money: false), "count refuses \(c)")
            #expect(FormNumber.accepts(c, money: true), "money refuses \(c)")
        }
        for c: Character in ["a", "-", ".", ",", "万", "亿", "元", " ", "三", "\u{1B}"] {
            #expect(!FormNumber.accepts(c, money: false), "count takes \(c)")
        }
        for c: Character in [".", ",", "万", "亿", "元", "w", "W", "y", "Y"] {
            #expect(FormNumber.accepts(c, money: true), "money refuses \(c)")
        }
        for c: Character in ["a", "-", "+", " ", "千", "\u{1B}"] {
            #expect(!FormNumber.accepts(c, money: true), "money takes \(c)")
        }
    }

    // MARK: - places.toml

    func placeProblem(_ text: String) -> RuleProblem? {
        if case .failure(let p) = RuleBook.load(overrides: ["places.toml": text]) { return p }
        return nil
    }

    @Test func aGoodPlaceListLoads() throws {
        let text = """
        # 靖江市 only
        jurisdiction = "靖江市"

        [[county]]
        name = "靖江市"
        towns = ["靖城街道", "新桥镇", "孤山镇"]

        [county.villages]
        "新桥镇" = ["新桥村", "德胜村"]

        [[county]]
        name = "靖江经济技术开发区"
        towns = ["八圩街道"]
        """
        let book = try RuleBook.load(overrides: ["places.toml": text]).get()
        let places = book.places
        #expect(places.jurisdiction == "靖江市")
        #expect(places.counties.map(\.name) == ["靖江市", "靖江经济技术开发区"], "in file order")
        #expect(places.county("靖江市")?.towns == ["靖城街道", "新桥镇", "孤山镇"])
        #expect(places.villages(of: "新桥镇", in: "靖江市") == ["新桥村", "德胜村"])
        #expect(places.villages(of: "新桥镇", in: nil) == ["新桥村", "德胜村"])
        #expect(places.villages(of: "孤山镇", in: "靖江市").isEmpty)
        #expect(places.counties(holdingTown: "八圩街道").map(\.name) == ["靖江经济技术开发区"])
        #expect(places.county("泰兴市") == nil, "the built-in list is replaced, not merged")
        // The other rule files are still the built-in ones.
        #expect(book.taxonomy == RuleBook.standard.taxonomy)
    }

    @Test func anEmptyPlaceListIsAllowed() throws {
        let places = try RuleBook.load(overrides: ["places.toml": "# no list yet\n"]).get().places
        #expect(places.counties.isEmpty)
        #expect(places.jurisdiction == "")
    }

    @Test func aVillageUnderATownNotListedNamesFileAndKey() throws {
        let text = """
        jurisdiction = "泰州市"

        [[county]]
        name = "泰兴市"
        towns = ["七圩镇", "虹桥镇"]

        [county.villages]
        "七圩镇" = ["七圩村"]
        "黄桥镇" = ["祁巷村"]
        """
        let p = try #require(placeProblem(text))
        #expect(p.file == "places.toml")
        #expect(p.message.contains("黄桥镇"), "\(p)")
        #expect(p.message.contains("villages"), "the key path names the villages table: \(p)")
        #expect(p.line == 9, "the line of the offending key: \(p)")
        #expect(p.description.hasPrefix("places.toml"), "\(p.description)")
    }

    @Test func aCountyListedTwiceNamesFileAndKey() throws {
        let text = """
        [[county]]
        name = "海陵区"
        towns = ["城东街道"]

        [[county]]
        name = "海陵区"
        towns = ["九龙镇"]
        """
        let p = try #require(placeProblem(text))
        #expect(p.file == "places.toml")
        #expect(p.message.contains("name"), "\(p)")
        #expect(p.message.contains("海陵区") && p.message.contains("twice"), "\(p)")
        #expect(p.line == 6, "the second name line: \(p)")
    }

    @Test("an unknown key names file and key", arguments: [
        // (text, the key, its line)
        ("jurisdiction = \"泰州市\"\nname = \"泰州\"\n", "name", 2),
        ("[[county]]\nname = \"泰兴市\"\ntown = [\"七圩镇\"]\n", "town", 3),
        ("[[county]]\nname = \"泰兴市\"\ntowns = [\"七圩镇\"]\nvilage = 1\n", "vilage", 4),
    ])
    func unknownKey(text: String, key: String, line: Int) throws {
        let p = try #require(placeProblem(text), "\(key) was accepted")
        #expect(p.file == "places.toml")
        #expect(p.message.contains(key) && p.message.contains("unknown key"), "\(p)")
        #expect(p.line == line, "\(p)")
    }

    @Test func otherPlaceMistakesAreNamed() throws {
        let blankTown = try #require(placeProblem("[[county]]\nname = \"泰兴市\"\ntowns = [\"七圩镇\", \" \"]\n"))
        #expect(blankTown.file == "places.toml" && blankTown.message.contains("towns") && blankTown.message.contains("entry 2"), "\(blankTown)")
        let noName = try #require(placeProblem("[[county]]\ntowns = [\"七圩镇\"]\n"))
        #expect(noName.file == "places.toml" && noName.message.contains("name"), "\(noName)")
        let notAList = try #require(placeProblem("[[county]]\nname = \"泰兴市\"\ntowns = \"七圩镇\"\n"))
        #expect(notAList.file == "places.toml" && notAList.message.contains("towns"), "\(notAList)")
    }

    @Test func theBuiltInListIsTaizhou() throws {
        let places = RuleBook.standard.places
        #expect(places.jurisdiction == "泰州市")
        #expect(places.counties.map(\.name) == ["海陵区", "高港区", "姜堰区", "兴化市", "靖江市", "泰兴市", "医药高新区"])
        let taixing = try #require(places.county("泰兴市"))
        #expect(taixing.towns.contains("七圩镇"))
        #expect(taixing.towns.contains("黄桥镇"))
        #expect(places.counties(holdingTown: "七圩镇").map(\.name) == ["泰兴市"])
        #expect(places.villages(of: "七圩镇", in: "泰兴市") == ["七圩村", "长沟村", "新港村"])
        #expect(places.villages(of: "七圩镇", in: "海陵区").isEmpty)
        #expect(places.counties(holdingTown: "张甸镇").map(\.name) == ["姜堰区"])
        // Every village hangs under a town its county lists, and no county is there twice.
        #expect(Set(places.counties.map(\.name)).count == places.counties.count)
        for county in places.counties {
            for town in county.villages.keys { #expect(county.towns.contains(town), "\(county.name): \(town)") }
        }
    }

    // MARK: - Incident drafts, folded

    static let id = "TZ-20261123-001"
    static let received = date("2026-11-23T14:05:00+08:00")

    static func intake(grade: Grade? = nil, gradeGiven: Bool = false, gradeReason: String = "") -> Intake {
        Intake(receivedAt: received, occurredAt: date("2026-11-23T13:50:00+08:00"),
               reporter: ReporterInfo(name: "张伟", unit: "泰兴市应急管理局", title: "值班员", phone: "0523-87654321",
                                      alreadyReported: "已报泰兴市政府"),
               place: PlaceInfo(county: "泰兴市", town: "七圩镇", village: "七圩村", detail: "沿江化工园区 3 号储罐",
                                latitude: 32.04, longitude: 120.05),
               category: .accident, type: "hazchem_storage",
               casualties: Casualties(deaths: 3, missing: 1, injured: 5, trapped: 2, evacuated: 300),
               lossCNY: 5_000_000, description: "储罐区发生爆炸起火，苯泄漏", measures: "消防已到场，疏散周边群众",
               nature: "生产安全事故", hazardousSubstance: "苯", affectedArea: "园区南侧 1 公里", trend: "火势已得到控制",
               leadersOnScene: "泰兴市副市长", commander: "李强", requests: "请求市危化品救援队支援",
               grade: grade, gradeGiven: gradeGiven, gradeReason: gradeReason)
    }

    @Test func intakeDraftFoldsIntoEveryField() throws {
        let station = TempStation()
        station.append(.incidentReceived(id: Self.id, intake: Self.intake(), recordedBy: "王芳"), at: Self.received, operatorName: "王芳")
        let incident = try #require(station.state.incidents[Self.id])
        #expect(incident.status == .received)
        #expect(incident.receivedAt == Self.received)
        #expect(incident.occurredAtMs.value == Int64(Self.date("2026-11-23T13:50:00+08:00").timeIntervalSince1970 * 1000))
        #expect(incident.reporter.value == ReporterInfo(name: "张伟", unit: "泰兴市应急管理局", title: "值班员", phone: "0523-87654321",
                                                        alreadyReported: "已报泰兴市政府"))
        #expect(incident.place.value == PlaceInfo(county: "泰兴市", town: "七圩镇", village: "七圩村", detail: "沿江化工园区 3 号储罐",
                                                  latitude: 32.04, longitude: 120.05))
        #expect(incident.category.value == "accident")
        #expect(incident.type.value == "hazchem_storage")
        #expect(incident.casualties.value == Casualties(deaths: 3, missing: 1, injured: 5, trapped: 2, evacuated: 300))
        #expect(incident.lossCNY.value == 5_000_000)
        #expect(incident.description.value == "储罐区发生爆炸起火，苯泄漏")
        #expect(incident.measures.value == "消防已到场，疏散周边群众")
        #expect(incident.nature.value == "生产安全事故")
        #expect(incident.hazardousSubstance.value == "苯")
        #expect(incident.affectedArea.value == "园区南侧 1 公里")
        #expect(incident.trend.value == "火势已得到控制")
        #expect(incident.leadersOnScene.value == "泰兴市副市长")
        #expect(incident.commander.value == "李强")
        #expect(incident.requests.value == "请求市危化品救援队支援")
        #expect(incident.recordedBy.value == "王芳")
        #expect(incident.grade.value == nil, "no grade given at intake: the suggestion stands")
        #expect(incident.reportsMade.isEmpty && incident.notes.isEmpty)
        #expect(incident.receivedAtMs.winner?.operatorName == "王芳")
    }

    @Test func aGradeGivenAtIntakeIsRecordedWithItsReason() throws {
        let station = TempStation()
        station.append(.incidentReceived(id: "A", intake: Self.intake(grade: .II, gradeGiven: true), recordedBy: "王芳"), at: Self.received)
        station.append(.incidentReceived(id: "B", intake: Self.intake(grade: .II, gradeGiven: true, gradeReason: "涉及长江水源地"),
                                         recordedBy: "王芳"), at: Self.received)
        station.append(.incidentReceived(id: "C", intake: Self.intake(grade: nil, gradeGiven: true, gradeReason: "待核实"),
                                         recordedBy: "王芳"), at: Self.received)
        #expect(station.state.incidents["A"]?.grade.value == GradeDecision(grade: .II, reason: "given at intake", responseLevel: ""))
        #expect(station.state.incidents["B"]?.grade.value == GradeDecision(grade: .II, reason: "涉及长江水源地", responseLevel: ""))
        let ungraded = try #require(station.state.incidents["C"]?.grade.value, "an explicit 未定级 is a decision, not no decision")
        #expect(ungraded.grade == nil && ungraded.reason == "待核实")
    }

    @Test func anIncidentsWholeLifeFoldsBackInAnyOrder() throws {
        let station = TempStation()
        let t = Self.received
        func at(_ minutes: Double) -> Date { t.addingTimeInterval(minutes * 60) }
        station.append(.incidentReceived(id: Self.id, intake: Self.intake(), recordedBy: "王芳"), at: t, operatorName: "王芳")
        station.append(.incidentStatusChanged(id: Self.id, to: .verifying, epoch: 0, note: "电话核实"), at: at(5), operatorName: "王芳")
        station.append(.reportRecorded(id: Self.id, kind: .initial, channel: .phone, recipient: "省应急管理厅总值班室", at: at(20),
                                       summary: "电话初报"), at: at(21), operatorName: "王芳")
        var seen = VersionVector()
        for e in station.events { seen.include(e.id) }
        station.append(.incidentGraded(id: Self.id, grade: .III, reason: "死亡3人，按较大事故", responseLevel: "III级响应", seen: seen),
                       at: at(25), operatorName: "高鹏")
        seen.include(station.events.last!.id)
        station.append(.incidentUpdated(id: Self.id, casualties: Casualties(deaths: 4, missing: 0, injured: 6, trapped: 0, evacuated: 800),
                                        lossCNY: 8_000_000, trend: "明火已扑灭", note: "失踪人员已找到，遇难", seen: seen),
                       at: at(40), operatorName: "高鹏")
        station.append(.reportRecorded(id: Self.id, kind: .followUp(1), channel: .written, recipient: "市政府总值班室", at: at(55)),
                       at: at(56), operatorName: "高鹏")
        station.append(.incidentStatusChanged(id: Self.id, to: .responding, epoch: 0), at: at(60), operatorName: "高鹏")
        station.append(.incidentStatusChanged(id: Self.id, to: .ended, epoch: 0, note: "应急结束"), at: at(300), operatorName: "高鹏")
        station.append(.incidentReopened(id: Self.id, epoch: 1, reason: "储罐复燃"), at: at(360), operatorName: "罗燕")
        station.append(.incidentNoted(id: Self.id, text: "现场指挥部重新开设"), at: at(365), operatorName: "罗燕")

        let incident = try #require(station.state.incidents[Self.id])
        #expect(incident.status == .responding, "a reopen puts it back in response")
        #expect(incident.epoch == 1)
        #expect(incident.endedAt == nil, "the new epoch has not ended")
        #expect(incident.grade.value == GradeDecision(grade: .III, reason: "死亡3人，按较大事故", responseLevel: "III级响应"))
        #expect(incident.grade.winner?.operatorName == "高鹏")
        #expect(incident.reportsMade == [
            ReportMade(kind: .initial, channel: .phone, at: at(20), recipient: "省应急管理厅总值班室"),
            ReportMade(kind: .followUp(1), channel: .written, at: at(55), recipient: "市政府总值班室"),
        ])
        #expect(incident.reports.values.first { $0.report.kind == .initial }?.summary == "电话初报")
        #expect(Set(incident.notes.values.map(\.text)) == ["失踪人员已找到，遇难", "现场指挥部重新开设"])
        #expect(incident.notes.values.first { $0.text == "现场指挥部重新开设" }?.operatorName == "罗燕")
        #expect(incident.casualties.value == Casualties(deaths: 4, missing: 0, injured: 6, trapped: 0, evacuated: 800))
        #expect(incident.lossCNY.value == 8_000_000)
        #expect(incident.trend.value == "明火已扑灭")
        // What the update did not name is unchanged.
        #expect(incident.description.value == "储罐区发生爆炸起火，苯泄漏")
        #expect(incident.measures.value == "消防已到场，疏散周边群众")
        #expect(incident.place.value?.town == "七圩镇")
        #expect(incident.conflictedFields.isEmpty, "one station, each write saw the last: \(incident.conflictedFields)")
        // The earlier casualty figures stay in the register's history.
        #expect(incident.casualties.writes.map(\.value.deaths).sorted() == [3, 4])
        #expect(incident.statusHistory.values.filter(\.isReopen).map(\.note) == ["储罐复燃"])

        // The same events in reverse and duplicated give the same incident.
        let reversed = fold(station.events.reversed() + station.events)
        #expect(reversed.incidents[Self.id] == incident)
        #expect(reversed.digest == station.state.digest)
    }

    @Test func ungradingAndAnEmptyUpdateLeaveTheRestAlone() throws {
        let station = TempStation()
        station.append(.incidentReceived(id: Self.id, intake: Self.intake(), recordedBy: "王芳"), at: Self.received)
        var seen = VersionVector()
        seen.include(station.events[0].id)
        station.append(.incidentGraded(id: Self.id, grade: .IV, reason: "初判", seen: seen), at: Self.received.addingTimeInterval(60))
        seen.include(station.events[1].id)
        station.append(.incidentGraded(id: Self.id, grade: nil, reason: "等待核实", seen: seen), at: Self.received.addingTimeInterval(120))
        seen.include(station.events[2].id)
        station.append(.incidentUpdated(id: Self.id, seen: seen), at: Self.received.addingTimeInterval(180))
        let incident = try #require(station.state.incidents[Self.id])
        #expect(incident.grade.value == GradeDecision(grade: nil, reason: "等待核实", responseLevel: ""))
        #expect(incident.casualties.value == Casualties(deaths: 3, missing: 1, injured: 5, trapped: 2, evacuated: 300))
        #expect(incident.description.value == "储罐区发生爆炸起火，苯泄漏")
        #expect(incident.notes.isEmpty, "an update without a note adds none")
        #expect(incident.conflictedFields.isEmpty)
    }
}
