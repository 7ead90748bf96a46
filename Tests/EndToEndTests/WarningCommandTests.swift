import ConsoleTestSupport
import DutyModel
import Foundation
import Journal
import Testing

/// CAP warnings through the binary: `import FILE.xml`, `alerts [--json]`,
/// `status --json` counts, `export --cap`, `inbox`, and the demo's sample
/// warnings (SampleData/cap, every time relative to 2026-01-01T12:00:00+08:00).
@Suite(.serialized) struct WarningCommandTests {
    /// The base time of the sample files.
    static let now = "2026-01-01T12:00:00+08:00"
    static var samples: URL { TestPaths.repositoryRoot.appendingPathComponent("SampleData/cap") }

    static func sample(_ name: String) -> String { samples.appendingPathComponent(name).path }
    static func sampleText(_ name: String) throws -> String { try String(contentsOfFile: sample(name), encoding: .utf8) }

    func newStation(_ label: String = "zb-cap") throws -> (data: String, dir: URL) {
        let dir = TestPaths.temporaryDirectory(label)
        let data = dir.appendingPathComponent("station").path
        let result = try runZhiban(["init", "--drill", "--name", "泰州市应急管理局总值班室", "--code", "TZ", "--jurisdiction", "泰州市",
                                    "--data", data, "--now", Self.now])
        #expect(result.status == 0, "\(result.stderr)")
        return (data, dir)
    }

    func run(_ data: String, _ arguments: [String], now: String = now) throws -> CommandResult {
        try runZhiban(arguments + ["--data", data, "--now", now, "--operator", "王芳"])
    }

    func importFiles(_ data: String, _ files: [String], now: String = now) throws -> CommandResult {
        try run(data, ["import"] + files, now: now)
    }

    func alerts(_ data: String, now: String = now) throws -> [[String: Any]] {
        let result = try run(data, ["alerts", "--json"], now: now)
        #expect(result.status == 0, "\(result.stderr)")
        return (try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]]) ?? []
    }

    func activeWarnings(_ data: String, now: String = now) throws -> [String: Int] {
        let result = try run(data, ["status", "--json"], now: now)
        #expect(result.status == 0, "\(result.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        return object?["active_warnings"] as? [String: Int] ?? [:]
    }

    func feedSize(_ data: String) throws -> Int {
        let journal = data + "/journal"
        let feed = try FileManager.default.contentsOfDirectory(atPath: journal).first { $0.hasSuffix(".log") }!
        return (try FileManager.default.attributesOfItem(atPath: journal + "/" + feed)[.size] as? Int) ?? -1
    }

    func write(_ dir: URL, _ name: String, _ text: String) throws -> String {
        let path = dir.appendingPathComponent(name).path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// A sample file with one piece of text replaced.
    func variant(_ dir: URL, of sample: String, as name: String, replacing: String, with replacement: String) throws -> String {
        let text = try Self.sampleText(sample)
        #expect(text.contains(replacing), "\(sample) has no \(replacing)")
        return try write(dir, name, text.replacingOccurrences(of: replacing, with: replacement))
    }

    static let none = ["red": 0, "orange": 0, "yellow": 0, "blue": 0]

    // MARK: import

    @Test func importingASampleTwiceSkipsTheDuplicateAndWritesNothing() throws {
        let (data, _) = try newStation()
        let file = Self.sample("01-rainstorm-orange-xinghua-jiangyan.xml")
        let first = try importFiles(data, [file])
        #expect(first.status == 0, "\(first.stdout) \(first.stderr)")
        #expect(first.stdout.contains("\(file): imported: Orange Rainstorm: 泰州市气象台发布暴雨橙色预警信号"), "\(first.stdout)")
        #expect(try activeWarnings(data) == ["red": 0, "orange": 1, "yellow": 0, "blue": 0])
        let size = try feedSize(data)
        let again = try importFiles(data, [file])
        #expect(again.status == 0, "\(again.stdout) \(again.stderr)")
        #expect(again.stdout.contains("\(file): skipped duplicate"), "\(again.stdout)")
        #expect(try feedSize(data) == size)
        // The same message twice in one command: the second is a duplicate too.
        let (other, _) = try newStation()
        let both = try importFiles(other, [file, file])
        #expect(both.stdout.contains("imported:") && both.stdout.contains("skipped duplicate"), "\(both.stdout)")
        let list = try alerts(other)
        #expect(list.count == 1)
        let warning = try #require(list.first)
        #expect(warning["key"] as? String == "js-taizhou-qxj@weather.cn,32120041600000_20260101103000,2026-01-01T10:30:00+08:00")
        #expect(warning["level"] as? String == "orange")
        #expect(warning["type"] as? String == "rainstorm")
        #expect(warning["issuer"] as? String == "meteorological")
        #expect(warning["phase"] as? String == "in_force")
        #expect(warning["exercise"] as? Bool == false)
        #expect(warning["expires"] as? String == "2026-01-02T10:30:00+08:00")
        #expect(warning["onset"] as? String == "2026-01-01T13:00:00+08:00")
        #expect(warning["acknowledged"] is NSNull)
        #expect(warning["areas"] as? [String] == ["兴化市全境", "姜堰区溱潼镇、俞垛镇、淤溪镇、兴泰镇"])
        let towns = warning["towns"] as? [String] ?? []
        #expect(towns.contains("戴南镇") && towns.contains("溱潼镇") && !towns.contains("罗塘街道"), "\(towns)")
        let coverage = try #require(warning["coverage"] as? [String: Any])
        #expect(coverage["reached"] as? Int == 0 && (coverage["total"] as? Int ?? 0) >= towns.count)
    }

    @Test func aFileNotEndingInXMLIsReadAsCAPByItsContent() throws {
        let (data, dir) = try newStation()
        let file = try write(dir, "warning.cap", try Self.sampleText("02-gale-blue-yangtze.xml"))
        let result = try importFiles(data, [file])
        #expect(result.status == 0, "\(result.stdout) \(result.stderr)")
        #expect(result.stdout.contains("imported: Blue Gale"), "\(result.stdout)")
    }

    @Test func aBrokenFileExitsThreeNamingTheElementAndWritesNothing() throws {
        let (data, dir) = try newStation()
        let bad = try variant(dir, of: "02-gale-blue-yangtze.xml", as: "bad.xml",
                              replacing: "<urgency>Expected</urgency>", with: "<urgency>Soon</urgency>")
        let noSender = try variant(dir, of: "03-fog-yellow-expired.xml", as: "nosender.xml",
                                   replacing: "<sender>js-taizhou-qxj@weather.cn</sender>", with: "")
        let notXML = try write(dir, "truncated.xml", String(try Self.sampleText("02-gale-blue-yangtze.xml").prefix(300)))
        let before = try feedSize(data)
        let result = try importFiles(data, [bad, noSender, notXML])
        #expect(result.status == 3, "\(result.stdout) \(result.stderr)")
        #expect(result.stdout.contains("\(bad): rejected: nothing written"), "\(result.stdout)")
        #expect(result.stdout.contains("alert/info[1]/urgency"), "\(result.stdout)")
        #expect(result.stdout.contains("Soon"), "\(result.stdout)")
        #expect(result.stdout.contains("\(noSender): rejected") && result.stdout.contains("alert/sender"), "\(result.stdout)")
        #expect(result.stdout.contains("\(notXML): rejected"), "\(result.stdout)")
        #expect(try feedSize(data) == before)
        #expect(try alerts(data).isEmpty)
        // A good file beside a bad one is still imported; the exit says one was rejected.
        let mixed = try importFiles(data, [Self.sample("02-gale-blue-yangtze.xml"), bad])
        #expect(mixed.status == 3)
        #expect(mixed.stdout.contains("imported: Blue Gale"), "\(mixed.stdout)")
        #expect(try alerts(data).count == 1)
    }

    @Test func anAckIsSkippedAsNotAWarning() throws {
        let (data, dir) = try newStation()
        let ack = try write(dir, "ack.xml", """
            <?xml version="1.0" encoding="UTF-8"?>
            <alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
              <identifier>ACK-20260101-0001</identifier>
              <sender>js-provincial-platform@weather.cn</sender>
              <sent>2026-01-01T10:31:00+08:00</sent>
              <status>Actual</status>
              <msgType>Ack</msgType>
              <scope>Public</scope>
              <references>js-taizhou-qxj@weather.cn,32120041600000_20260101103000,2026-01-01T10:30:00+08:00</references>
            </alert>
            """)
        let before = try feedSize(data)
        let result = try importFiles(data, [ack])
        #expect(result.status == 0, "\(result.stdout) \(result.stderr)")
        #expect(result.stdout.contains("\(ack): skipped: not a warning"), "\(result.stdout)")
        #expect(try feedSize(data) == before)
    }

    // MARK: chains

    @Test func anUpdateChainShowsOneWarningAtItsNewestLevel() throws {
        let (data, _) = try newStation()
        let chain = ["04a-rainstorm-yellow-hailing.xml", "04b-rainstorm-orange-update.xml", "04c-rainstorm-red-update.xml"].map(Self.sample)
        #expect(try importFiles(data, [chain[0]]).status == 0)
        #expect(try alerts(data).map { $0["level"] as? String } == ["yellow"])
        #expect(try importFiles(data, [chain[1]]).status == 0)
        var list = try alerts(data)
        #expect(list.count == 1)
        #expect(list.first?["level"] as? String == "orange")
        #expect(list.first?["msg_type"] as? String == "update")
        #expect(list.first?["history"] as? [String] == ["js-taizhou-qxj@weather.cn,32120041600000_20260101070000,2026-01-01T07:00:00+08:00"])
        #expect(try activeWarnings(data) == ["red": 0, "orange": 1, "yellow": 0, "blue": 0])
        #expect(try importFiles(data, [chain[2]]).status == 0)
        list = try alerts(data)
        #expect(list.count == 1)
        #expect(list.first?["level"] as? String == "red")
        #expect((list.first?["history"] as? [String])?.count == 2)
        #expect(try activeWarnings(data) == ["red": 1, "orange": 0, "yellow": 0, "blue": 0])
        // Past its expiry it leaves the count and shows as expired.
        let later = "2026-01-02T11:01:00+08:00"
        #expect(try alerts(data, now: later).first?["phase"] as? String == "expired")
        #expect(try activeWarnings(data, now: later) == Self.none)
        let human = try run(data, ["alerts"], now: later)
        #expect(human.stdout.contains("expired"), "\(human.stdout)")
    }

    @Test func aCancelEndsTheWarningInAnyOrder() throws {
        let (data, _) = try newStation()
        let alert = Self.sample("05a-lightning-yellow-taixing.xml")
        let cancel = Self.sample("05b-lightning-cancel.xml")
        #expect(try importFiles(data, [alert]).status == 0)
        var list = try alerts(data)
        #expect(list.first?["phase"] as? String == "in_force")
        #expect(try activeWarnings(data)["yellow"] == 1)
        let result = try importFiles(data, [cancel])
        #expect(result.stdout.contains("imported: Yellow Lightning (cancel)"), "\(result.stdout)")
        list = try alerts(data)
        #expect(list.count == 1)
        #expect(list.first?["phase"] as? String == "cancelled")
        #expect(list.first?["msg_type"] as? String == "cancel")
        #expect(list.first?["history"] as? [String] == ["js-taixing-qxj@weather.cn,32128341600000_20260101060000,2026-01-01T06:00:00+08:00"])
        #expect(try activeWarnings(data) == Self.none)
        #expect(try run(data, ["alerts"]).stdout.contains("cancelled"))
        // The cancellation first, the alert after (as a sync may bring them): still cancelled.
        let (other, _) = try newStation()
        #expect(try importFiles(other, [cancel, alert]).status == 0)
        #expect(try alerts(other).map { $0["phase"] as? String } == ["cancelled"])
        #expect(try activeWarnings(other) == Self.none)
    }

    @Test func anExerciseIsListedButNeverCounted() throws {
        let (data, _) = try newStation()
        let result = try importFiles(data, [Self.sample("06-flood-blue-exercise.xml")])
        #expect(result.status == 0, "\(result.stdout) \(result.stderr)")
        #expect(try activeWarnings(data) == Self.none)
        let list = try alerts(data)
        #expect(list.count == 1)
        #expect(list.first?["exercise"] as? Bool == true)
        #expect(list.first?["status"] as? String == "exercise")
        #expect(list.first?["phase"] as? String == "in_force")
        #expect(list.first?["issuer"] as? String == "water_resources")
        #expect(try run(data, ["alerts"]).stdout.contains("[EXERCISE]"))
        #expect(try run(data, ["alerts", "--lang", "zh"]).stdout.contains("[演练]"))
        // Every sample at the base time: one active warning of each colour.
        #expect(try importFiles(data, try FileManager.default.contentsOfDirectory(atPath: Self.samples.path)
            .filter { $0.hasSuffix(".xml") }.sorted().map(Self.sample)).status == 0)
        #expect(try activeWarnings(data) == ["red": 1, "orange": 1, "yellow": 1, "blue": 1])
        let phases = try alerts(data).map { $0["phase"] as? String ?? "" }
        #expect(phases.count == 7)
        #expect(phases.filter { $0 == "in_force" }.count == 5 && phases.contains("expired") && phases.contains("cancelled"), "\(phases)")
        // In force first, red before orange.
        #expect(try alerts(data).prefix(2).map { $0["level"] as? String } == ["red", "orange"])
    }

    // MARK: export

    @Test func exportedCAPReimportsAsTheSameWarning() throws {
        let (data, dir) = try newStation()
        #expect(try importFiles(data, [Self.sample("01-rainstorm-orange-xinghua-jiangyan.xml")]).status == 0)
        // One in force: the document on standard output.
        let single = try run(data, ["export", "--cap"])
        #expect(single.status == 0, "\(single.stderr)")
        #expect(single.stdout.hasPrefix("<?xml") && single.stdout.contains("urn:oasis:names:tc:emergency:cap:1.2"), "\(single.stdout.prefix(200))")
        #expect(single.stdout.contains("<identifier>32120041600000_20260101103000</identifier>"))
        #expect(try importFiles(data, ["04a-rainstorm-yellow-hailing.xml", "04b-rainstorm-orange-update.xml", "02-gale-blue-yangtze.xml",
                                       "03-fog-yellow-expired.xml", "06-flood-blue-exercise.xml"].map(Self.sample)).status == 0)
        // Several: exit 2 asking for --out.
        let several = try run(data, ["export", "--cap"])
        #expect(several.status == 2)
        #expect(several.stderr.contains("--out DIR"), "\(several.stderr)")
        #expect(several.stdout.isEmpty)
        let out = dir.appendingPathComponent("cap-out").path
        let written = try run(data, ["export", "--cap", "--out", out])
        #expect(written.status == 0, "\(written.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: out).sorted()
        // In force and actual only: not the expired fog, not the exercise, the chain once (its update).
        #expect(files == ["32120041600000_20260101080000.xml", "32120041600000_20260101090000.xml", "32120041600000_20260101103000.xml"],
                "\(files)")
        let (fresh, _) = try newStation()
        let reimport = try importFiles(fresh, files.map { out + "/" + $0 })
        #expect(reimport.status == 0, "\(reimport.stdout)")
        let original = try alerts(data).filter { $0["phase"] as? String == "in_force" && $0["exercise"] as? Bool == false }
        let copy = try alerts(fresh)
        #expect(copy.count == 3)
        for key in ["key", "identifier", "sender", "sent", "msg_type", "status", "level", "type", "issuer", "areas", "towns",
                    "effective", "onset", "expires", "headline", "sender_name"] {
            #expect((original.map { $0[key] } as NSArray).isEqual(copy.map { $0[key] } as NSArray), "\(key) differs")
        }
        // Exported twice: the same bytes.
        let again = dir.appendingPathComponent("cap-again").path
        #expect(try run(data, ["export", "--cap", "--out", again]).status == 0)
        for name in files {
            #expect(FileManager.default.contents(atPath: out + "/" + name) == FileManager.default.contents(atPath: again + "/" + name))
        }
        // --jsonl still works.
        let jsonl = try run(data, ["export", "--jsonl"])
        #expect(jsonl.status == 0 && jsonl.stdout.contains("\"type\":\"warning.received\""), "\(jsonl.stderr)")
        #expect(try run(data, ["export", "--jsonl", "--cap"]).status == 2)
        #expect(try run(data, ["export", "--out", out]).status == 2)
    }

    @Test func aWarningTakenByPhoneIsExportedAsCAPBuiltFromItsFields() throws {
        let (data, _) = try newStation()
        let zone = TimeZone(identifier: "Asia/Shanghai")!
        func at(_ text: String) -> Date { DutyTime.parseISO8601(text, timeZone: zone)! }
        let fields = WarningInfo(
            identifier: "TZ-PHONE-20260101-01", sender: "tz-duty-room@zhiban", sent: "2026-01-01T10:00:00+08:00",
            sentAt: at("2026-01-01T10:00:00+08:00"), issuer: "meteorological", type: "rainstorm", color: .orange,
            areas: ["兴化市"], towns: ["昭阳街道"], effective: at("2026-01-01T10:00:00+08:00"),
            expires: at("2026-01-02T10:00:00+08:00"), headline: "市气象台来电：兴化市暴雨橙色预警",
            description: "兴化市未来6小时降雨量将达100毫米以上。", instruction: "做好排涝准备。", source: .phone,
            senderName: "泰州市气象台")
        let station = try StationFolder.open(at: data)
        let journal = try Journal(station: station, now: Date())
        try journal.append(NewRecord(.warningReceived(fields), operatorName: "王芳"), now: Date())
        let export = try run(data, ["export", "--cap"])
        #expect(export.status == 0, "\(export.stderr)")
        for text in ["<event>暴雨橙色预警</event>", "<severity>Severe</severity>", "<category>Met</category>", "<urgency>Expected</urgency>",
                     "<certainty>Likely</certainty>", "<language>zh-CN</language>", "<areaDesc>兴化市</areaDesc>",
                     "<sent>2026-01-01T10:00:00+08:00</sent>", "<expires>2026-01-02T10:00:00+08:00</expires>"] {
            #expect(export.stdout.contains(text), "\(text) missing from:\n\(export.stdout)")
        }
        let (fresh, dir) = try newStation()
        let file = try write(dir, "phone.xml", export.stdout)
        #expect(try importFiles(fresh, [file]).status == 0)
        let original = try #require(try alerts(data).first)
        let copy = try #require(try alerts(fresh).first)
        for key in ["key", "level", "type", "issuer", "areas", "expires", "effective", "headline", "msg_type", "status", "phase", "sender_name"] {
            #expect(([original[key] ?? NSNull()] as NSArray).isEqual([copy[key] ?? NSNull()] as NSArray),
                    "\(key): \(original[key] ?? "nil") vs \(copy[key] ?? "nil")")
        }
        #expect(original["source"] as? String == "phone")
        #expect(copy["source"] as? String == "cap")
    }

    // MARK: inbox

    @Test func theInboxMovesFilesToDoneOrRejectedWithAWhy() throws {
        let (data, dir) = try newStation()
        let inbox = data + "/inbox"
        func put(_ name: String, _ text: String) throws { try Data(text.utf8).write(to: URL(fileURLWithPath: inbox + "/" + name)) }
        try put("red.xml", try Self.sampleText("04c-rainstorm-red-update.xml"))
        try put("gale.xml", try Self.sampleText("02-gale-blue-yangtze.xml"))
        try put("broken.xml", try Self.sampleText("02-gale-blue-yangtze.xml").replacingOccurrences(of: "<urgency>Expected</urgency>", with: "<urgency>Soon</urgency>"))
        try put("notes.txt", "市气象台来电\n")
        try put("half.xml.part", "<?xml")
        try put(".hidden.xml", try Self.sampleText("03-fog-yellow-expired.xml"))
        // done/ already holds a gale.xml: it is never overwritten.
        try put("done/gale.xml", "an earlier file\n")
        let result = try run(data, ["inbox"])
        #expect(result.status == 3, "\(result.stdout) \(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 4, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("red.xml: imported: Red Rainstorm (update)") }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("gale.xml: imported: Blue Gale") }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("broken.xml: rejected: nothing written") && $0.contains("alert/info[1]/urgency") }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("notes.txt: rejected") }, "\(lines)")
        let fm = FileManager.default
        #expect(try fm.contentsOfDirectory(atPath: inbox).sorted() == [".hidden.xml", "done", "half.xml.part", "rejected"])
        #expect(try fm.contentsOfDirectory(atPath: inbox + "/done").sorted() == ["gale-1.xml", "gale.xml", "red.xml"])
        #expect(String(decoding: fm.contents(atPath: inbox + "/done/gale.xml") ?? Data(), as: UTF8.self) == "an earlier file\n")
        #expect(fm.contents(atPath: inbox + "/done/gale-1.xml") == fm.contents(atPath: Self.sample("02-gale-blue-yangtze.xml")))
        #expect(try fm.contentsOfDirectory(atPath: inbox + "/rejected").sorted() == ["broken.xml", "broken.xml.why", "notes.txt", "notes.txt.why"])
        let why = String(decoding: fm.contents(atPath: inbox + "/rejected/broken.xml.why") ?? Data(), as: UTF8.self)
        #expect(why.contains("\n  line ") && why.contains("alert/info[1]/urgency") && why.contains("\"Soon\""), "\(why)")
        #expect(why.contains("What to do"), "\(why)")
        #expect(try activeWarnings(data) == ["red": 1, "orange": 0, "yellow": 0, "blue": 1])
        // The same file dropped again: a duplicate, moved to done/ under a new name, nothing written.
        let size = try feedSize(data)
        try put("red.xml", try Self.sampleText("04c-rainstorm-red-update.xml"))
        try put("broken.xml", "<alert/>")
        let second = try run(data, ["inbox"])
        #expect(second.stdout.contains("red.xml: skipped duplicate"), "\(second.stdout)")
        #expect(try feedSize(data) == size)
        #expect(fm.fileExists(atPath: inbox + "/done/red-1.xml"))
        #expect(fm.fileExists(atPath: inbox + "/rejected/broken-1.xml") && fm.fileExists(atPath: inbox + "/rejected/broken-1.xml.why"))
        // Empty: says so, exit 0.
        let empty = try run(data, ["inbox"])
        #expect(empty.status == 0 && empty.stdout.contains("empty"), "\(empty.stdout)")
        _ = dir
    }

    @Test func theInboxTakesRosterAndContactSheetsToo() throws {
        let (data, _) = try newStation()
        let inbox = data + "/inbox"
        let contacts = TestPaths.repositoryRoot.appendingPathComponent("SampleData/taizhou-contacts.csv").path
        try FileManager.default.copyItem(atPath: contacts, toPath: inbox + "/contacts.csv")
        let result = try run(data, ["inbox"])
        #expect(result.status == 0, "\(result.stdout) \(result.stderr)")
        #expect(result.stdout.contains("contacts.csv: contacts: imported"), "\(result.stdout)")
        #expect(FileManager.default.fileExists(atPath: inbox + "/done/contacts.csv"))
    }

    // MARK: hostile input

    @Test func anExternalEntityIsRejectedAndNoLocalFileIsRead() throws {
        let (data, dir) = try newStation()
        let passwd = String(decoding: FileManager.default.contents(atPath: "/etc/passwd") ?? Data(), as: UTF8.self)
        let secret = try #require(passwd.split(separator: "\n").first.map(String.init))
        let xxe = try Self.sampleText("02-gale-blue-yangtze.xml")
            .replacingOccurrences(of: "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
                                  with: "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE alert [ <!ENTITY xxe SYSTEM \"file:///etc/passwd\"> ]>\n")
            .replacingOccurrences(of: "<headline>泰州市气象台发布大风蓝色预警信号</headline>", with: "<headline>&xxe;</headline>")
        #expect(xxe.contains("&xxe;") && xxe.contains("<!DOCTYPE"))
        let file = try write(dir, "xxe.xml", xxe)
        let before = try feedSize(data)
        let result = try importFiles(data, [file])
        #expect(result.status == 3, "\(result.stdout) \(result.stderr)")
        #expect(result.stdout.contains("\(file): rejected"), "\(result.stdout)")
        #expect(try feedSize(data) == before)
        try Data(xxe.utf8).write(to: URL(fileURLWithPath: data + "/inbox/xxe.xml"))
        let inbox = try run(data, ["inbox"])
        #expect(inbox.stdout.contains("xxe.xml: rejected"), "\(inbox.stdout)")
        let why = String(decoding: FileManager.default.contents(atPath: data + "/inbox/rejected/xxe.xml.why") ?? Data(), as: UTF8.self)
        var outputs = [result.stdout, result.stderr, inbox.stdout, inbox.stderr, why]
        for arguments in [["alerts"], ["alerts", "--json"], ["export", "--jsonl"], ["status", "--json"]] {
            let r = try run(data, arguments)
            outputs += [r.stdout, r.stderr]
        }
        for output in outputs {
            #expect(!output.contains(secret), "the content of /etc/passwd appeared:\n\(output)")
            #expect(!output.contains("root:x:0:0"))
        }
    }

    @Test func controlCharactersInAHeadlineNeverReachTheTerminal() throws {
        let (data, dir) = try newStation()
        let file = try variant(dir, of: "01-rainstorm-orange-xinghua-jiangyan.xml", as: "c1.xml",
                               replacing: "<headline>泰州市气象台发布暴雨橙色预警信号</headline>",
                               with: "<headline>&#x9B;31m&#x9B;2J泰州市气象台&#x85;发布暴雨橙色预警信号&#x202E;&#x9D;0;title&#x9C;</headline>")
        let imported = try importFiles(data, [file])
        var outputs = [imported.stdout, imported.stderr]
        #expect(imported.status == 0, "\(imported.stdout)")
        for arguments in [["alerts"], ["alerts", "--lang", "zh"], ["alerts", "--json"], ["export", "--cap"]] {
            let r = try run(data, arguments)
            #expect(r.status == 0, "\(arguments): \(r.stderr)")
            outputs += [r.stdout, r.stderr]
        }
        for output in outputs {
            let scalars = output.unicodeScalars.map(\.value)
            #expect(!scalars.contains(0x1B), "ESC in: \(output.debugDescription)")
            #expect(!scalars.contains { (0x80...0x9F).contains($0) || $0 == 0x202E }, "C1 or bidi in: \(output.debugDescription)")
        }
        let headline = try #require(try alerts(data).first?["headline"] as? String)
        #expect(headline.contains("泰州市气象台发布暴雨橙色预警信号"), "\(headline)")
        #expect(outputs[8].contains("&#x9B;31m"), "export --cap keeps the character, as a reference")
    }

    // MARK: demo

    @Test func theDemoStationHasWarningsInForceExpiredAndCancelled() throws {
        let dir = TestPaths.temporaryDirectory("zb-cap-demo")
        let now = "2026-11-23T14:00:00+08:00"
        let result = try runZhiban(["demo", "--no-ui", "--data", dir.path, "--now", now])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.stderr.contains("demo:"), "\(result.stderr)")
        let path = result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(FileManager.default.fileExists(atPath: path + "/inbox/done") && FileManager.default.fileExists(atPath: path + "/inbox/rejected"))
        #expect(try activeWarnings(path, now: now) == ["red": 1, "orange": 1, "yellow": 1, "blue": 1])
        let list = try alerts(path, now: now)
        #expect(list.count == 7)
        #expect(list.contains { $0["phase"] as? String == "expired" })
        #expect(list.contains { $0["phase"] as? String == "cancelled" })
        #expect(list.contains { $0["exercise"] as? Bool == true })
        // Times moved from the files' base (2026-01-01T12:00+08:00) to now: the red one was sent an hour ago.
        let red = try #require(list.first { $0["level"] as? String == "red" && $0["phase"] as? String == "in_force" })
        #expect(red["sent"] as? String == "2026-11-23T13:00:00+08:00")
        #expect(red["expires"] as? String == "2026-11-24T13:00:00+08:00")
        #expect((red["history"] as? [String])?.allSatisfy { $0.hasSuffix("2026-11-23T11:00:00+08:00") || $0.hasSuffix("2026-11-23T09:00:00+08:00") } == true,
                "\(red["history"] ?? "")")
        // The stored CAP file is the shifted one.
        let exported = try run(path, ["export", "--cap", "--out", dir.appendingPathComponent("out").path], now: now)
        #expect(exported.status == 0, "\(exported.stderr)")
        let redFile = String(decoding: FileManager.default.contents(atPath: dir.appendingPathComponent("out/32120041600000_20260101110000.xml").path) ?? Data(),
                             as: UTF8.self)
        #expect(redFile.contains("<sent>2026-11-23T13:00:00+08:00</sent>"), "\(redFile)")
        #expect(!redFile.contains("2026-01-01T"), "\(redFile)")
    }
}

/// Issue #22 through the binary: a colour its type lacks is imported with a
/// note and flagged in `alerts --json`; a GB18030 file is read and says so;
/// the acknowledgement clocks of an orange warning in `alerts --json` and lines.
@Suite(.serialized) struct WarningFlagCommandTests {
    let base = WarningCommandTests()

    @Test func aColourTheTypeLacksIsImportedWithANoteAndFlagged() throws {
        let (data, dir) = try base.newStation("zb-flag")
        let hail = try base.variant(dir, of: "02-gale-blue-yangtze.xml", as: "hail.xml", replacing: "大风蓝色", with: "冰雹蓝色")
        let result = try base.run(data, ["import", hail, "--lang", "zh"])
        #expect(result.status == 0, "\(result.stdout) \(result.stderr)")
        #expect(result.stdout.contains("已导入：蓝色 冰雹") && result.stdout.contains("注意：冰雹预警没有蓝色（只有红色、橙色），已按发布方所发记录"),
                "\(result.stdout)")
        let list = try base.alerts(data)
        let warning = try #require(list.first)
        #expect(warning["type"] as? String == "hail" && warning["level"] as? String == "blue")
        #expect(warning["level_not_of_type"] as? Bool == true)
        #expect(warning["intensity"] is NSNull)
        #expect((warning["clocks"] as? [Any])?.isEmpty == true, "blue: no acknowledgement clock")
        // A colour the type has: not flagged.
        let (other, _) = try base.newStation("zb-flag2")
        _ = try base.importFiles(other, [WarningCommandTests.sample("02-gale-blue-yangtze.xml")])
        #expect(try base.alerts(other).first?["level_not_of_type"] as? Bool == false)
    }

    @Test func aGB18030FileIsReadAndSaysSo() throws {
        let iconv = "/usr/bin/iconv"
        guard FileManager.default.isExecutableFile(atPath: iconv) else { return }
        let (data, dir) = try base.newStation("zb-gb")
        let text = try WarningCommandTests.sampleText("02-gale-blue-yangtze.xml").replacingOccurrences(of: "encoding=\"UTF-8\"", with: "encoding=\"GB2312\"")
        let utf8 = dir.appendingPathComponent("utf8.xml")
        try Data(text.utf8).write(to: utf8)
        let gb = dir.appendingPathComponent("gb.xml")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: iconv)
        process.arguments = ["-f", "UTF-8", "-t", "GB18030", "-o", gb.path, utf8.path]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let result = try base.importFiles(data, [gb.path])
        #expect(result.status == 0, "\(result.stdout) \(result.stderr)")
        #expect(result.stdout.contains("imported: Blue Gale: 泰州市气象台发布大风蓝色预警信号") && result.stdout.contains("read as GB18030 (declared GB2312)"),
                "\(result.stdout)")
        // The UTF-8 file declared GB2312 lies: refused, nothing written, the offset named.
        let (other, _) = try base.newStation("zb-gb2")
        let lying = try base.importFiles(other, [utf8.path])
        #expect(lying.status == 3)
        #expect(lying.stdout.contains("declares encoding GB2312 but its bytes are UTF-8") && lying.stdout.contains("at byte offset"), "\(lying.stdout)")
    }

    @Test func theAcknowledgementClocksOfAnOrangeWarning() throws {
        let (data, _) = try base.newStation("zb-clock")
        // Received at 12:00 (the drill's clock): acknowledge by 12:10, forward by 12:30.
        _ = try base.importFiles(data, [WarningCommandTests.sample("01-rainstorm-orange-xinghua-jiangyan.xml")])
        func clocks(_ now: String) throws -> [String: String] {
            let list = try base.alerts(data, now: now)
            let clocks = try #require(list.first?["clocks"] as? [[String: Any]])
            return Dictionary(uniqueKeysWithValues: clocks.map { ($0["kind"] as! String, $0["state"] as! String) })
        }
        // (A drill clock ticks on from --now: each command runs a few milliseconds past it, hence the second either side.)
        #expect(try clocks("2026-01-01T12:09:59+08:00") == ["acknowledge": "due", "forward": "due"])
        #expect(try clocks("2026-01-01T12:10:01+08:00") == ["acknowledge": "overdue", "forward": "due"])
        let line = try base.run(data, ["alerts", "--lang", "en"], now: "2026-01-01T12:15:30+08:00")
        #expect(line.stdout.contains("!! ack 6 min overdue") && line.stdout.contains("forward by 12:30, 15 min left"), "\(line.stdout)")
        let population = try #require(try base.alerts(data).first?["population_coverage"] as? [String: Any])
        #expect(population["reached"] as? Int == 0 && (population["total"] as? Int ?? 0) > 1_000_000, "兴化市 and four towns of 姜堰区")
    }
}
