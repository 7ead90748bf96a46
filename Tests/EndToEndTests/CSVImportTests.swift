import ConsoleTestSupport
import DutyModel
import Foundation
import Journal
import Testing

/// `zhiban import` of roster and contacts CSV through the binary, on temp stations.
@Suite(.serialized) struct CSVImportTests {
    static let now = "2026-11-23T14:00:00+08:00"

    func newStation(_ label: String = "zb-csv") throws -> (data: String, dir: URL) {
        let dir = TestPaths.temporaryDirectory(label)
        let data = dir.appendingPathComponent("station").path
        let result = try runZhiban(["init", "--drill", "--name", "泰州市应急管理局总值班室", "--code", "TZ", "--data", data])
        #expect(result.status == 0, "\(result.stderr)")
        return (data, dir)
    }

    func write(_ dir: URL, _ name: String, _ text: String, bom: Bool = false, crlf: Bool = false) throws -> String {
        var body = crlf ? text.replacingOccurrences(of: "\n", with: "\r\n") : text
        if bom { body = "\u{FEFF}" + body }
        let path = dir.appendingPathComponent(name).path
        try Data(body.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    func importCSV(_ data: String, _ files: [String], _ extra: [String] = []) throws -> CommandResult {
        try runZhiban(["import"] + files + extra + ["--data", data, "--now", Self.now, "--operator", "王芳"])
    }

    func status(_ data: String, now: String = now) throws -> [String: Any] {
        let result = try runZhiban(["status", "--json", "--data", data, "--now", now])
        #expect(result.status == 0, "\(result.stderr)")
        return (try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]) ?? [:]
    }

    func onDuty(_ data: String, now: String = now) throws -> (leaders: [String], officers: [String]) {
        let duty = try status(data, now: now)["on_duty"] as? [String: Any]
        return (duty?["leaders"] as? [String] ?? [], duty?["officers"] as? [String] ?? [])
    }

    func contactCount(_ data: String) throws -> Int {
        (try status(data)["counts"] as? [String: Any])?["contacts"] as? Int ?? -1
    }

    func feedSize(_ data: String) throws -> Int {
        let journal = data + "/journal"
        let feed = try FileManager.default.contentsOfDirectory(atPath: journal).first { $0.hasSuffix(".log") }!
        return FeedContent.end(journal + "/" + feed)
    }

    /// The station's folded state, read the way the binary reads it.
    func state(_ data: String) throws -> DutyState {
        let station = try StationFolder.open(at: data)
        var state = DutyState()
        for event in station.loadEvents().events { state.apply(event) }
        return state
    }

    static let englishContacts = """
        id,name,unit,title,role,office,mobile,radio,satellite,backup,notes
        tz-o01,黄磊,泰州市应急管理局总值班室,值班员,值班员,0523-86839110,13552314300,泰州应急总值班,,徐静,
        tz-o02,徐静,泰州市应急管理局总值班室,值班员,值班员,0523-86839110,13552314301,,17405230110,tz-o01,"夜班优先，""B角""先打手机"

        """

    // MARK: contacts

    @Test func contactsWithEnglishHeadersImportEveryChannelAndResolveBackups() throws {
        let (data, dir) = try newStation()
        let file = try write(dir, "contacts.csv", Self.englishContacts)
        let result = try importCSV(data, [file])
        #expect(result.status == 0, "\(result.stdout) \(result.stderr)")
        #expect(result.stdout.contains("imported 2, unchanged 0"), "\(result.stdout)")
        #expect(try contactCount(data) == 2)
        let contacts = try state(data).contacts
        let huang = try #require(contacts["tz-o01"]?.value)
        #expect(huang.name == "黄磊")
        #expect(huang.backupContactID == "tz-o02")  // given by name
        #expect(huang.channels.map(\.kind) == [.office, .mobile, .radio])
        #expect(huang.channels.first { $0.kind == .radio }?.value == "泰州应急总值班")
        let xu = try #require(contacts["tz-o02"]?.value)
        #expect(xu.backupContactID == "tz-o01")  // given by id
        #expect(xu.channels.first { $0.kind == .satellite }?.value == "17405230110")
        #expect(xu.notes == "夜班优先，\"B角\"先打手机")
    }

    @Test func contactsWithChineseHeadersBOMAndCRLFDeriveStableIDs() throws {
        let (data, dir) = try newStation()
        let text = """
            姓名,单位,职务,手机号,办公电话,电台,卫星电话,B角,备注
            钱立军,海陵区应急管理局,副局长,13952365100,0523-86220001,海陵应急01,17405236100,韩雪,
            韩雪,海陵区应急管理局值班室,值班员,13852365200,0523-86220110,,,钱立军,"多行
            备注"
            海陵值班电话,海陵区应急管理局,,,0523-86220119,,,,

            """
        let file = try write(dir, "联系人.csv", text, bom: true, crlf: true)
        let result = try importCSV(data, [file])
        #expect(result.status == 0, "\(result.stdout) \(result.stderr)")
        #expect(result.stdout.contains("imported 3, unchanged 0"), "\(result.stdout)")
        let contacts = try state(data).contacts.compactMapValues(\.value)
        #expect(contacts.count == 3)
        let qian = try #require(contacts.first { $0.value.name == "钱立军" })
        let han = try #require(contacts.first { $0.value.name == "韩雪" })
        #expect(qian.key.hasPrefix("c-"))
        #expect(qian.value.backupContactID == han.key)
        #expect(han.value.backupContactID == qian.key)
        #expect(qian.value.unit == "海陵区应急管理局")  // no BOM in the first header, no CR in the last cell
        #expect(qian.value.channels.first { $0.kind == .satellite }?.value == "17405236100")
        #expect(han.value.notes == "多行 备注")  // the newline inside quotes becomes a space
        // The same people imported again from an LF file without BOM: same ids, nothing new.
        let again = try write(dir, "again.csv", text)
        let second = try importCSV(data, [again])
        #expect(second.stdout.contains("imported 0, unchanged 3"), "\(second.stdout)")
    }

    // MARK: roster

    @Test func rosterWithEnglishHeadersPutsTheRowOnDuty() throws {
        let (data, dir) = try newStation()
        let file = try write(dir, "roster.csv", """
            date,shift,leader,leader2,officers,backups
            2026-11-22,0,陈国平,刘洋,何军、林芳,梁超、宋佳
            2026-11-23,0,周建华,王卫东,"黄磊, 徐静",朱晓峰;马丽

            """)
        let result = try importCSV(data, [file])
        #expect(result.status == 0, "\(result.stdout) \(result.stderr)")
        #expect(result.stdout.contains("imported 2, unchanged 0"), "\(result.stdout)")
        let duty = try onDuty(data)
        #expect(duty.leaders == ["周建华", "王卫东"])
        #expect(duty.officers == ["黄磊", "徐静"])
        // Before 08:30 the 22nd's shift is still on.
        #expect(try onDuty(data, now: "2026-11-23T08:00:00+08:00").officers == ["何军", "林芳"])
        let row = try #require(try state(data).roster["2026-11-23#0"]?.value)
        #expect(row.officers.map(\.backup) == ["朱晓峰", "马丽"])
        #expect(row.leaders.map(\.tier) == [1, 2])
    }

    @Test func rosterWithChineseHeadersBOMAndCRLFLinksContacts() throws {
        let (data, dir) = try newStation()
        let contacts = try write(dir, "contacts.csv", Self.englishContacts)
        let roster = try write(dir, "值班表.csv", """
            日期,班次,带班领导,二级带班,值班员,B角
            2026-11-23,,周建华,,黄磊；徐静,

            """, bom: true, crlf: true)
        let result = try importCSV(data, [contacts, roster])
        #expect(result.status == 0, "\(result.stdout) \(result.stderr)")
        #expect(result.stdout.contains("contacts: imported 2, unchanged 0"), "\(result.stdout)")
        #expect(result.stdout.contains("roster: imported 1, unchanged 0"), "\(result.stdout)")
        let duty = try onDuty(data)
        #expect(duty.leaders == ["周建华"])
        #expect(duty.officers == ["黄磊", "徐静"])
        let row = try #require(try state(data).roster["2026-11-23#0"]?.value)
        #expect(row.officers.map(\.contactID) == ["tz-o01", "tz-o02"])
        #expect(row.leaders.count == 1)
    }

    @Test func kindOptionOverridesDetection() throws {
        let (data, dir) = try newStation()
        let file = try write(dir, "contacts.csv", Self.englishContacts)
        let before = try feedSize(data)
        let result = try importCSV(data, [file], ["--kind", "roster"])
        #expect(result.status == 3)
        #expect(result.stdout.contains("no date column"), "\(result.stdout)")
        #expect(try feedSize(data) == before)
        let neither = try write(dir, "other.csv", "序号,地址\n1,海陵区\n")
        let rejected = try importCSV(data, [neither])
        #expect(rejected.status == 3)
        #expect(rejected.stdout.contains("--kind"), "\(rejected.stdout)")
    }

    // MARK: bad rows

    struct BadFile: Sendable, CustomStringConvertible {
        var name: String
        var text: String
        var expected: [String]
        var description: String { name }
    }

    static let badFiles: [BadFile] = [
        BadFile(name: "missing name", text: """
            编号,姓名,手机
            a1,黄磊,13552314300
            a2,,13552314301

            """, expected: ["line 3, column 姓名", "every contact needs a name"]),
        BadFile(name: "bad date", text: """
            日期,班次,带班领导,值班员
            2026-11-23,0,周建华,黄磊、徐静
            2026-11-24,0,陈国平,朱晓峰、马丽
            2026-11-25,0,孙立新,胡斌、郭婷
            2026-11-26,0,吴海涛,何军、林芳
            2026-11-27,0,郑志强,高鹏、罗燕
            2026-13-01,0,周建华,黄磊、徐静

            """, expected: ["line 7, column 日期: \"2026-13-01\" is not a date (yyyy-MM-dd)"]),
        BadFile(name: "bad shift number", text: """
            date,shift,leader,officers
            2026-11-23,0,周建华,黄磊、徐静
            2026-11-24,一,陈国平,朱晓峰、马丽
            2026-11-25,1,孙立新,胡斌、郭婷

            """, expected: ["line 3, column shift: \"一\" is not a shift number", "line 4, column shift: \"1\" is not a shift number"]),
        BadFile(name: "unclosed quote", text: """
            name,mobile,notes
            黄磊,13552314300,"夜班
            徐静,13552314301,白班

            """, expected: ["line 2:", "never closed"]),
        BadFile(name: "stray quote", text: """
            name,mobile
            黄磊,135"52314300

            """, expected: ["line 2:", "quote"]),
        BadFile(name: "unknown backup and too many backups", text: """
            date,leader,officers,backups
            2026-11-23,周建华,黄磊,朱晓峰、马丽
            2026-02-30,周建华,黄磊,

            """, expected: ["line 2, column backups: 2 backups for 1 officers", "line 3, column date: \"2026-02-30\" is not a date"]),
        BadFile(name: "backup not a contact", text: """
            姓名,AB角
            黄磊,无名氏

            """, expected: ["line 2, column AB角: \"无名氏\" is not a contact"]),
    ]

    @Test(arguments: badFiles) func aBadRowWritesNothingAndNamesLineAndColumn(_ bad: BadFile) throws {
        let (data, dir) = try newStation()
        let file = try write(dir, "bad.csv", bad.text)
        let before = try feedSize(data)
        let result = try importCSV(data, [file])
        #expect(result.status == 3, "\(result.stdout) \(result.stderr)")
        #expect(result.stdout.contains("nothing written"), "\(result.stdout)")
        for text in bad.expected {
            #expect(result.stdout.contains(text), "\(bad.name): wanted \(text) in \(result.stdout)")
        }
        #expect(result.stdout.contains(file), "the file is named: \(result.stdout)")
        #expect(try feedSize(data) == before)
        #expect(try contactCount(data) == 0)
    }

    @Test func aBadFileDoesNotStopAGoodOne() throws {
        let (data, dir) = try newStation()
        let bad = try write(dir, "bad.csv", "姓名,手机\n,13552314300\n")
        let good = try write(dir, "good.csv", Self.englishContacts)
        let result = try importCSV(data, [bad, good])
        #expect(result.status == 3)
        #expect(result.stdout.contains("bad.csv line 2, column 姓名"), "\(result.stdout)")
        #expect(result.stdout.contains("imported 2, unchanged 0"), "\(result.stdout)")
        #expect(try contactCount(data) == 2)
    }

    @Test func unknownColumnsAreIgnoredWithANote() throws {
        let (data, dir) = try newStation()
        let file = try write(dir, "roster.csv", """
            序号,日期,带班领导,值班员,星期
            1,2026-11-23,周建华,黄磊、徐静,一

            """)
        let result = try importCSV(data, [file])
        #expect(result.status == 0, "\(result.stdout)")
        #expect(result.stdout.contains("column 序号 ignored"), "\(result.stdout)")
        #expect(result.stdout.contains("column 星期 ignored"), "\(result.stdout)")
        #expect(try onDuty(data).officers == ["黄磊", "徐静"])
    }

    // MARK: re-import

    @Test func reimportIsAllUnchangedAndAppendsNothing() throws {
        let (data, dir) = try newStation()
        let contacts = try write(dir, "contacts.csv", Self.englishContacts)
        let roster = try write(dir, "roster.csv", "date,leader,officers\n2026-11-23,周建华,黄磊、徐静\n2026-11-24,陈国平,朱晓峰、马丽\n")
        #expect(try importCSV(data, [contacts, roster]).status == 0)
        let before = try feedSize(data)
        let again = try importCSV(data, [contacts, roster])
        #expect(again.status == 0)
        #expect(again.stdout.contains("contacts: imported 0, unchanged 2"), "\(again.stdout)")
        #expect(again.stdout.contains("roster: imported 0, unchanged 2"), "\(again.stdout)")
        #expect(try feedSize(data) == before)
    }

    @Test func aCorrectedFileImportsOnlyTheChangedRows() throws {
        let (data, dir) = try newStation()
        let roster = try write(dir, "roster.csv", "date,leader,officers\n2026-11-23,周建华,黄磊、徐静\n2026-11-24,陈国平,朱晓峰、马丽\n")
        #expect(try importCSV(data, [roster]).status == 0)
        let fixed = try write(dir, "roster.csv", "date,leader,officers\n2026-11-23,周建华,黄磊、胡斌\n2026-11-24,陈国平,朱晓峰、马丽\n")
        let before = try feedSize(data)
        let result = try importCSV(data, [fixed])
        #expect(result.stdout.contains("imported 1, unchanged 1"), "\(result.stdout)")
        #expect(try feedSize(data) > before)
        #expect(try onDuty(data).officers == ["黄磊", "胡斌"])
        let contacts = try write(dir, "contacts.csv", Self.englishContacts)
        #expect(try importCSV(data, [contacts]).status == 0)
        let changed = try write(dir, "contacts.csv", Self.englishContacts.replacingOccurrences(of: "13552314300", with: "13552314399"))
        let second = try importCSV(data, [changed])
        #expect(second.stdout.contains("imported 1, unchanged 1"), "\(second.stdout)")
        #expect(try state(data).contacts["tz-o01"]?.value?.channels.first { $0.kind == .mobile }?.value == "13552314399")
    }

    // MARK: sample data and demo

    static var sampleData: URL { TestPaths.repositoryRoot.appendingPathComponent("SampleData") }

    /// The sample roster's row for a date, read plainly (the file has no quoted cells).
    func sampleRow(_ date: String) throws -> [String: String] {
        let text = try String(contentsOf: Self.sampleData.appendingPathComponent("taizhou-roster.csv"), encoding: .utf8)
        let lines = text.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let header = try #require(lines.first)
        let row = try #require(lines.first { $0.first == date })
        return Dictionary(uniqueKeysWithValues: zip(header, row))
    }

    func sampleContactCount() throws -> Int {
        let text = try String(contentsOf: Self.sampleData.appendingPathComponent("taizhou-contacts.csv"), encoding: .utf8)
        return text.split(separator: "\n").count - 1
    }

    @Test func theSampleRosterShowsTheTwentyThirdsShiftOnDuty() throws {
        let (data, _) = try newStation()
        let contacts = Self.sampleData.appendingPathComponent("taizhou-contacts.csv").path
        let roster = Self.sampleData.appendingPathComponent("taizhou-roster.csv").path
        let result = try importCSV(data, [contacts, roster])
        #expect(result.status == 0, "\(result.stdout) \(result.stderr)")
        #expect(result.stdout.contains("roster: imported 92, unchanged 0"), "\(result.stdout)")
        let row = try sampleRow("2026-11-23")
        let duty = try onDuty(data)
        #expect(duty.leaders == [row["leader"]!, row["leader2"]!])
        #expect(duty.officers == row["officers"]!.split(separator: "、").map(String.init))
        #expect(duty.officers.count >= 2)
        let count = try sampleContactCount()
        #expect(count >= 55)
        #expect(try contactCount(data) == count)
        // Every officer of the sample roster is in the sample contact book.
        let assigned = try #require(try state(data).roster["2026-11-23#0"]?.value)
        #expect(assigned.officers.allSatisfy { !$0.contactID.isEmpty })
    }

    @Test func theDemoStationComesWithContactsAndRoster() throws {
        let dir = TestPaths.temporaryDirectory("zb-csv-demo")
        let result = try runZhiban(["demo", "--no-ui", "--data", dir.path, "--now", Self.now])
        #expect(result.status == 0, "\(result.stderr)")
        let path = result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(try contactCount(path) == sampleContactCount())
        let row = try sampleRow("2026-11-23")
        #expect(try onDuty(path).leaders == [row["leader"]!, row["leader2"]!])
        // Sample incidents, with times relative to now: grades I–IV, open and closed, one report overdue.
        let status = try status(path)
        #expect(status["open_incidents"] as? Int == 3)
        #expect((status["reports_overdue"] as? Int ?? 0) >= 1)
        #expect((status["counts"] as? [String: Any])?["incidents"] as? Int == 5)
        let incidents = try runZhiban(["incidents", "--json", "--data", path, "--now", Self.now])
        let list = (try JSONSerialization.jsonObject(with: Data(incidents.stdout.utf8)) as? [[String: Any]]) ?? []
        #expect(Set(list.compactMap { $0["grade"] as? String }) == ["I", "II", "III", "IV"])
        #expect(Set(list.compactMap { $0["status"] as? String }).isSuperset(of: ["closed", "responding", "received"]))
        // The written report of each, titled with the report due next.
        func report(_ id: String, _ extra: [String] = []) throws -> CommandResult {
            try runZhiban(["incident", "report", id, "--data", path, "--now", Self.now, "--operator", "罗燕"] + extra)
        }
        let gradeOne = try report("TZ-20261123-002")
        #expect(gradeOne.status == 0, "\(gradeOne.stderr)")
        for line in ["事件信息报告（续报1）", "编号：TZ-20261123-002", "二、事件发生地点：泰兴市 · 泰兴经济开发区", "五、人员伤亡：死亡31人，失踪2人，重伤46人",
                     "六、直接经济损失：约15000.0万元", "事件等级：特别重大（Ⅰ级）", "记录人：高鹏", "值班员：罗燕"] {
            #expect(gradeOne.stdout.contains(line), "\(line) missing from:\n\(gradeOne.stdout)")
        }
        #expect(try report("TZ-20261123-004").stdout.contains("事件信息报告（初报）"))
        #expect(try report("TZ-20261122-001").stdout.contains("事件信息报告（终报）"))
        #expect(try report("TZ-20261123-004", ["--kind", "follow_up_2"]).stdout.contains("事件信息报告（续报2）"))
        let unknown = try report("TZ-29991231-999")
        #expect(unknown.status == 3 && unknown.stdout.isEmpty && unknown.stderr.contains("no incident \"TZ-29991231-999\""))
        let badKind = try report("TZ-20261123-004", ["--kind", "second"])
        #expect(badKind.status == 3 && badKind.stderr.contains("--kind \"second\""))
        // Opening the demo again imports nothing more.
        let size = try feedSize(path)
        #expect(try runZhiban(["demo", "--no-ui", "--data", dir.path]).status == 0)
        #expect(try feedSize(path) == size)
    }
}
