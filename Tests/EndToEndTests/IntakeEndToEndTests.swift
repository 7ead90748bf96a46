import ConsoleTestSupport
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The intake form (接报登记, screen 2) end to end, in tmux at 80×24 with a
/// fixed `--now`: a whole intake typed in Chinese with pinyin pickers and a
/// live grade, saved and listed, then overdue half an hour later; a console
/// killed mid-form gives everything back; bad input is refused where it is
/// typed; a long paste and an escape sequence are survived.
@Suite(.serialized) struct IntakeEndToEndTests {
    static let now = "2026-11-23T14:05:00+08:00"
    /// 35 minutes after the intake: the phone report (30 minutes for III) is late.
    static let later = "2026-11-23T14:40:00+08:00"
    static let firstID = "TZ-20261123-001"

    // MARK: - Station, console, files

    /// A station with the sample roster and contacts, made at `now`; removed with `dir`.
    func newStation(_ label: String) throws -> (data: String, dir: URL) {
        let (data, dir, _) = try sampleStation(label, now: Self.now)
        return (data, dir)
    }

    func console(_ data: String, language: String, now: String = IntakeEndToEndTests.now) throws -> TmuxSession {
        try TmuxSession([TestPaths.zhibanBinary, "--data", data, "--now", now, "--lang", language, "--operator", "王芳"],
                        width: 80, height: 24, environment: ["LANG": "C.UTF-8"], label: "zb-intake")
    }

    func draftPath(_ data: String) -> String { data + "/drafts/intake.json" }

    /// drafts/intake.json as strings, nil when there is none.
    func draft(_ data: String) throws -> [String: String]? {
        guard let bytes = FileManager.default.contents(atPath: draftPath(data)) else { return nil }
        return try #require(try JSONSerialization.jsonObject(with: bytes) as? [String: String],
                            "drafts/intake.json is not an object of strings: \(String(decoding: bytes, as: UTF8.self))")
    }

    func incidents(_ data: String, now: String) throws -> [[String: Any]] {
        let result = try runZhiban(["incidents", "--json", "--data", data, "--now", now])
        try #require(result.status == 0, "incidents --json: \(result.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]],
                            "incidents --json is not an array: \(result.stdout)")
    }

    /// `export --jsonl`: the raw text and one object per record.
    func export(_ data: String) throws -> (text: String, records: [[String: Any]]) {
        let result = try runZhiban(["export", "--jsonl", "--data", data])
        try #require(result.status == 0, "export: \(result.stderr)")
        let records = try result.stdout.split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "not JSON: \(line)")
        }
        return (result.stdout, records)
    }

    /// The `incident.received` record's payload of `id`.
    func receivedPayload(_ records: [[String: Any]], _ id: String) -> [String: Any]? {
        let record = records.first {
            $0["type"] as? String == "incident.received" && ($0["payload"] as? [String: Any])?["incident_id"] as? String == id
        }
        return record?["payload"] as? [String: Any]
    }

    // MARK: - Reading the screen


    /// The form row of the field labelled `label` ("!" marks a field with a problem).
    static func fieldRow(_ screen: [String], _ label: String) -> String? {
        screen.first { row in
            let body = row.drop { $0 == " " || $0 == "!" }
            return body.hasPrefix(label + " ") || body == label
        }
    }

    /// Whether the field labelled `label` shows `value`.
    static func field(_ screen: [String], _ label: String, shows value: String) -> Bool {
        fieldRow(screen, label)?.contains(value) == true
    }

    /// The row under the field labelled `label` while it holds `typed`: the picker's first candidate.
    static func firstCandidate(_ screen: [String], _ label: String, typed: String) -> String? {
        guard let row = fieldRow(screen, label), row.contains(typed), let i = screen.firstIndex(of: row), i + 1 < screen.count else {
            return nil
        }
        return screen[i + 1]
    }

    /// The screen as one line without box borders and repeated spaces (wrapped dialog text).
    static func flat(_ screen: [String]) -> String {
        screen.joined(separator: " ").replacingOccurrences(of: "│", with: " ")
            .split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
    }

    /// Screen 2 from the board; returns the empty form.
    @discardableResult
    func openIntake(_ session: TmuxSession, board: String, title: String) throws -> [String] {
        try session.expect(text: board)
        try session.send("2")
        return try session.expect(text: title)
    }

    /// Types `typed` into the focused picker, waits for its first candidate to be `expected`, takes it with Enter.
    func pick(_ session: TmuxSession, _ label: String, typed: String, expected: String,
              sourceLocation: SourceLocation = #_sourceLocation) throws {
        try session.send(typed, literal: true)
        try session.expect("\(expected) offered for \"\(typed)\" under \(label)", sourceLocation: sourceLocation) {
            Self.firstCandidate($0, label, typed: typed)?.contains(expected) == true
        }
        try session.send("Enter")
        try session.expect("\(label) holding \(expected)", sourceLocation: sourceLocation) {
            Self.field($0, label, shows: expected) && !Self.field($0, label, shows: typed)
        }
    }

    /// Tab `n` times (one send: the console takes them in order).
    func tab(_ session: TmuxSession, _ n: Int = 1) throws {
        guard n > 0 else { return }
        try session.sendRepeated("Tab", n)
    }

    func backTab(_ session: TmuxSession, _ n: Int = 1) throws {
        guard n > 0 else { return }
        try session.sendRepeated("BTab", n)
    }

    // MARK: - (a) + (b): a whole intake in Chinese, then overdue

    @Test func chineseIntakeWithPinyinPickersIsSavedWithItsGradeAndFallsOverdue() throws {
        let (data, dir) = try newStation("zb-intake-zh")
        defer { try? FileManager.default.removeItem(at: dir) }
        let session = try console(data, language: "zh")
        let empty = try openIntake(session, board: "值班总览", title: "接报登记 · 11-23 14:05 开始")
        #expect(Self.flat(empty).contains("建议等级：选择事件类型后给出"), "no grade before a type:\n\(empty.joined(separator: "\n"))")
        #expect(Self.field(empty, "接报时间", shows: "11-23 14:05"), "received time prefilled:\n\(empty.joined(separator: "\n"))")

        // Source: focus starts on 报告单位.
        let reporter = ["泰兴市应急管理局", "张伟", "值班长", "0523-87654321", "已报泰兴市政府值班室"]
        for value in reporter {
            try session.send(value, literal: true)
            try session.send("Tab")
        }
        try session.expect("the reporter fields") { Self.field($0, "已报告", shows: "已报泰兴市政府值班室") }

        // Place by pinyin initials.
        try pick(session, "县市区", typed: "txs", expected: "泰兴市")
        try pick(session, "镇街", typed: "qwz", expected: "七圩镇")
        try session.expect("both places confirmed as listed") { screen in
            (Self.fieldRow(screen, "县市区")?.contains("✓") == true) && (Self.fieldRow(screen, "镇街")?.contains("✓") == true)
        }
        try tab(session)  // 村社区
        try session.send("沿江化工园区3号储罐", literal: true)
        try tab(session)
        try session.send("32.04,120.05", literal: true)
        try tab(session, 2)  // 坐标 → 事件类别 → 事件类型

        // Type by pinyin initials: the category follows, and a grade is suggested at once.
        try pick(session, "事件类型", typed: "whp", expected: "危险化学品")
        let typed = try session.expect("the category filled in from the type and a first suggestion") { screen in
            Self.field(screen, "事件类别", shows: "事故灾难") && Self.flat(screen).contains("建议 一般（Ⅳ级）")
        }
        #expect(!Self.flat(typed).contains("Ⅲ级"), "no III before any casualty:\n\(typed.joined(separator: "\n"))")
        try tab(session)  // 事件性质 → 企业/危化品
        try session.send("苯", literal: true)
        try tab(session, 5)  // past the enterprise's overview (name, nature, licence, address)

        // 死亡 3: III 较大, live.
        try session.send("3", literal: true)
        let graded = try session.expect(text: "建议 较大（Ⅲ级） · 死亡失踪 3 ≥ 3")
        #expect(Self.field(graded, "死亡", shows: "3"))
        let deadlines = Self.flat(graded)
        #expect(deadlines.range(of: #"报送时限：电话初报 14:3\d · 书面初报 15:0\d"#, options: .regularExpression) != nil,
                "III: phone in 30 minutes, written in 60:\n\(graded.joined(separator: "\n"))")

        // 事件描述 is 13 fields on from 死亡.
        let description = "储罐区爆炸起火，三人死亡，苯泄漏约2吨；“东侧”罐体仍在燃烧"
        try tab(session, 13)
        try session.send(description, literal: true)
        try tab(session)
        try session.send("已疏散周边群众300人", literal: true)
        try session.expect("the measures typed") { Self.field($0, "已采取措施", shows: "已疏散周边群众300人") }
        #expect(try draft(data)?["field.description"] == description, "the draft holds the description before saving")

        // Ctrl-S: recorded, and the list shows it with the suggested grade and the phone deadline.
        try session.send("C-s")
        let saved = try session.expect("the saved message on the incidents screen", timeout: 30) { screen in
            Self.flat(screen).contains("已登记 \(Self.firstID) · 电话初报 14:3") && screen.contains { $0.contains("突发事件") }
        }
        let row = saved.first { $0.contains(Self.firstID) && !$0.contains("已登记") } ?? ""
        #expect(row.contains("(III)"), "the suggested grade in the row: \(row)\n\(saved.joined(separator: "\n"))")
        #expect(row.range(of: #"电话初报 14:3\d"#, options: .regularExpression) != nil, "the phone deadline in the row: \(row)")
        #expect(!row.contains("!!"), "not overdue yet: \(row)")
        #expect(row.contains("泰兴市") && row.contains("已接报"), "\(row)")

        // The draft is gone once the incident is on disk.
        let deadline = Date().addingTimeInterval(5)
        while FileManager.default.fileExists(atPath: draftPath(data)) && Date() < deadline { Thread.sleep(forTimeInterval: 0.1) }
        #expect(!FileManager.default.fileExists(atPath: draftPath(data)), "drafts/intake.json left after saving")

        // The CLI sees the same incident.
        let listed = try incidents(data, now: "2026-11-23T14:10:00+08:00")
        #expect(listed.count == 1)
        let incident = try #require(listed.first { $0["id"] as? String == Self.firstID }, "not in incidents --json: \(listed)")
        #expect(incident["suggested_grade"] as? String == "III")
        #expect(incident["grade"] is NSNull, "not confirmed: \(String(describing: incident["grade"]))")
        #expect(incident["status"] as? String == "received")
        #expect(incident["type"] as? String == "hazchem")
        #expect((incident["received_at"] as? String)?.hasPrefix("2026-11-23T14:05") == true, "\(String(describing: incident["received_at"]))")
        let location = incident["location"] as? [String: Any]
        #expect(location?["county"] as? String == "泰兴市")
        #expect(location?["town"] as? String == "七圩镇")
        #expect(location?["detail"] as? String == "沿江化工园区3号储罐")
        #expect(location?["lat"] as? Double == 32.04 && location?["lon"] as? Double == 120.05)
        #expect((incident["casualties"] as? [String: Any])?["deaths"] as? Int == 3)
        let next = incident["next_report"] as? [String: Any]
        #expect(next?["kind"] as? String == "initial_phone")
        #expect(next?["overdue"] as? Bool == false)

        // The journal holds every typed word intact.
        let payload = try #require(receivedPayload(try export(data).records, Self.firstID), "no incident.received in export --jsonl")
        let fields = payload["fields"] as? [String: Any]
        #expect(fields?["description"] as? String == description)
        #expect(fields?["measures"] as? String == "已疏散周边群众300人")
        #expect(fields?["hazardous_substance"] as? String == "苯")
        #expect(fields?["recorded_by"] as? String == "王芳")
        let who = fields?["reporter"] as? [String: Any]
        #expect(who?["unit"] as? String == reporter[0] && who?["name"] as? String == reporter[1] && who?["title"] as? String == reporter[2])
        #expect(who?["phone"] as? String == reporter[3] && who?["already_reported"] as? String == reporter[4], "\(String(describing: who))")
        #expect(payload["grade"] == nil, "no grade chosen: the suggestion stands, nothing is confirmed")

        try session.send("q")
        #expect(session.exitStatus() == 0)

        // (b) 35 minutes later the phone report is late: the row and the status bar say so.
        let late = try console(data, language: "zh", now: Self.later)
        try late.expect(text: "值班总览")
        try late.send("3")
        let overdue = try late.expect("the incident row marked overdue") { screen in
            screen.contains { $0.contains(Self.firstID) && $0.contains("!!") }
        }
        let lateRow = overdue.first { $0.contains(Self.firstID) && $0.contains("!!") } ?? ""
        #expect(lateRow.range(of: #"!!超时 电话初报 14:3\d"#, options: .regularExpression) != nil, "\(lateRow)")
        #expect(lateRow.contains("(III)"), "\(lateRow)")
        let statusBar = overdue.last ?? ""
        #expect(statusBar.contains("超时未报 1"), "status bar: \(statusBar)\n\(overdue.joined(separator: "\n"))")
        let lateJSON = try incidents(data, now: Self.later)
        #expect((lateJSON.first?["next_report"] as? [String: Any])?["overdue"] as? Bool == true, "\(lateJSON)")
        #expect((lateJSON.first?["next_report"] as? [String: Any])?["kind"] as? String == "initial_phone")
        try late.send("q")
        #expect(late.exitStatus() == 0)
    }

    // MARK: - (c) kill -9 mid-form: nothing typed is lost

    @Test func killedMidFormEverythingTypedComesBack() throws {
        let (data, dir) = try newStation("zb-intake-kill")
        defer { try? FileManager.default.removeItem(at: dir) }
        let session = try console(data, language: "en")
        try openIntake(session, board: "Duty board", title: "Incident intake · begun 11-23 14:05")

        // (label, value): typed in order from the first field; the last is left mid-edit.
        let typed: [(label: String, key: String, value: String)] = [
            ("Reporting unit", "reporterUnit", "姜堰区应急管理局"),
            ("Reporter", "reporterName", "李娜"),
            ("Title", "reporterTitle", "副科长 deputy"),
            ("Callback phone", "reporterPhone", "138-1234-5678"),
            ("Already told", "alreadyReported", "已报区政府值班室 at 14:02"),
            ("County/district", "county", "姜堰区"),
        ]
        for (i, entry) in typed.enumerated() {
            try session.send(entry.value, literal: true)
            if i < typed.count - 1 { try session.send("Tab") }
        }
        try session.expect("the last field typed") { Self.field($0, "County/district", shows: "姜堰区") }

        // The draft is on disk before the frame that shows the keys.
        let before = try #require(try draft(data), "no drafts/intake.json while typing")
        for entry in typed {
            #expect(before["field." + entry.key] == entry.value, "draft \(entry.key): \(String(describing: before["field." + entry.key]))")
        }
        #expect(before["focus"] == "county")

        let pid = try #require(try session.programPID(), "zhiban's pid not found")
        #expect(kill(pid, SIGKILL) == 0)
        #expect(session.exitStatus(timeout: 15) == 128 + SIGKILL, "the console was not killed")
        #expect(try draft(data) == before, "the draft changed when the console was killed")

        // Start again: the draft is offered; Enter resumes it.
        let again = try console(data, language: "en")
        let offer = try again.expect(text: "An unsaved intake was found")
        #expect(Self.flat(offer).contains("(7 fields filled)"), "six typed and the received time:\n\(offer.joined(separator: "\n"))")
        try again.send("Enter")
        var seen = try again.expect("the resumed form at the county") { screen in
            screen.contains { $0.contains("Incident intake · begun 11-23 14:05") } && Self.field(screen, "County/district", shows: "姜堰区")
        }
        var screens = [seen]
        // Back up to the first field, looking at every screen on the way.
        for _ in 0..<(typed.count - 1) {
            try backTab(again)
            Thread.sleep(forTimeInterval: 0.4)
            screens.append(try again.capture())
        }
        seen = try again.expect("the first fields back in view") { Self.field($0, "Reporting unit", shows: "姜堰区应急管理局") }
        screens.append(seen)
        for entry in typed {
            #expect(screens.contains { Self.field($0, entry.label, shows: entry.value) },
                    "\(entry.label) does not show \(entry.value) after resuming:\n\(screens.map { $0.joined(separator: "\n") }.joined(separator: "\n\n"))")
        }
        #expect(screens.contains { Self.field($0, "Received", shows: "11-23 14:05") })
        let resumed = try #require(try draft(data), "the draft went when it was resumed")
        for entry in typed { #expect(resumed["field." + entry.key] == entry.value, "\(entry.key) after resuming") }

        // Leaving with Ctrl-C asks; k keeps the draft for the next start.
        try again.send("C-c")
        try again.expect(text: "The intake is not saved")
        try again.send("k")
        #expect(again.exitStatus() == 0)
        #expect(try draft(data)?["field.reporterUnit"] == "姜堰区应急管理局", "the kept draft is on disk")
        #expect(try incidents(data, now: Self.now).isEmpty, "nothing was recorded")
    }

    // MARK: - (d) bad input

    @Test func badNumbersAndTimesAreRefusedWhereTyped() throws {
        let (data, dir) = try newStation("zb-intake-bad")
        defer { try? FileManager.default.removeItem(at: dir) }
        let session = try console(data, language: "zh")
        try openIntake(session, board: "值班总览", title: "接报登记 · 11-23 14:05 开始")

        // 死亡 is 18 fields after 报告单位. Letters are refused at once.
        try tab(session, 18)
        try session.send("abc", literal: true)
        var screen = try session.expect(text: "死亡只能填数字")
        #expect(Self.fieldRow(screen, "死亡") != nil, "死亡 not in view:\n\(screen.joined(separator: "\n"))")
        #expect(!screen.contains { $0.contains("abc") }, "refused letters appear:\n\(screen.joined(separator: "\n"))")
        try session.send("-")
        screen = try session.expect(text: "死亡不能为负数")
        #expect(!(Self.fieldRow(screen, "死亡")?.contains("-") ?? true), "a minus sign was taken: \(Self.fieldRow(screen, "死亡") ?? "")")
        try session.send("１2", literal: true)  // a full-width digit is a digit
        screen = try session.expect("12 deaths, the message gone") { screen in
            Self.fieldRow(screen, "死亡").map { $0.contains("１2") || $0.contains("12") } == true && !Self.flat(screen).contains("只能填数字")
        }
        #expect(Self.flat(screen).contains("建议等级：选择事件类型后给出"))
        let deaths = try draft(data)?["field.deaths"]
        #expect(deaths == "１2" || deaths == "12", "draft: \(String(describing: deaths))")

        // 事发时间 (19 fields back): an impossible time is named beside it and, focused, below.
        try backTab(session, 19)
        try session.send("14:99", literal: true)
        try tab(session)
        screen = try session.expect("the problem beside 事发时间") { Self.fieldRow($0, "事发时间")?.contains("无法识别时间") == true }
        #expect(Self.fieldRow(screen, "事发时间")?.hasPrefix(" !") == true || Self.fieldRow(screen, "事发时间")?.hasPrefix("!") == true,
                "the label is marked: \(Self.fieldRow(screen, "事发时间") ?? "")")
        try backTab(session)
        try session.expect(text: "无法识别时间“14:99”")

        // Two hours ahead of the clock.
        try session.sendRepeated("BSpace", 5)
        try session.send("16:05", literal: true)
        try tab(session)
        try backTab(session)
        screen = try session.expect(text: "11-23 16:05 晚于当前时间 10 分钟以上，请核对")
        #expect(Self.field(screen, "事发时间", shows: "16:05"))

        // Ctrl-S refuses the whole form: nothing is recorded, the form stays with the draft.
        try session.send("C-s")
        screen = try session.expect("the form still open after a refused save") { screen in
            screen.contains { $0.contains("接报登记 · 11-23 14:05 开始") } && Self.fieldRow(screen, "事发时间")?.contains("!") == true
        }
        Thread.sleep(forTimeInterval: 1)
        #expect(try incidents(data, now: Self.now).isEmpty, "a form with problems was recorded")
        #expect(try draft(data)?["field.occurredAt"] == "16:05")

        // Leaving asks; d discards the draft.
        try session.send("C-c")
        try session.expect(text: "接报登记尚未保存")
        try session.send("d")
        #expect(session.exitStatus() == 0)
        #expect(try draft(data) == nil, "the discarded draft is still on disk")
    }

    @Test func aLongPasteAndAnEscapeSequenceAreSurvivedAndSaved() throws {
        let (data, dir) = try newStation("zb-intake-paste")
        defer { try? FileManager.default.removeItem(at: dir) }
        let session = try console(data, language: "zh")
        try openIntake(session, board: "值班总览", title: "接报登记 · 11-23 14:05 开始")

        // An escape sequence sent as if typed or pasted into 报告单位.
        try session.send("泰州港\u{1B}[31mRED码头", literal: true)
        try session.expect("the text after the escape sequence") { Self.field($0, "报告单位", shows: "RED码头") }
        try tab(session, 5)
        try pick(session, "县市区", typed: "txs", expected: "泰兴市")
        try pick(session, "镇街", typed: "qwz", expected: "七圩镇")
        try tab(session, 4)
        try pick(session, "事件类型", typed: "whp", expected: "危险化学品")
        try tab(session, 19)  // 事件性质 → 事件描述

        // 10,000 characters pasted into 事件描述, in bursts tmux can carry.
        let unit = "现场情况说明ABC123，"
        var long = String(repeating: unit, count: 10_000 / unit.count)
        long += String(repeating: "x", count: 10_000 - long.count - 3) + "【完】"
        #expect(long.count == 10_000)
        let characters = Array(long)
        for start in stride(from: 0, to: characters.count, by: 500) {
            try session.send(String(characters[start..<min(start + 500, characters.count)]), literal: true)
        }
        let pasted = try session.expect("the end of the paste in 事件描述", timeout: 300) { Self.field($0, "事件描述", shows: "【完】") }
        #expect(try session.paneValue("#{pane_dead}") == "0", "the console died:\n\(pasted.joined(separator: "\n"))")

        try session.send("C-s")
        let saved = try session.expect(text: "已登记 \(Self.firstID)", timeout: 300)
        #expect(saved.contains { $0.contains(Self.firstID) && $0.contains("(IV)") }, "\(saved.joined(separator: "\n"))")

        let (text, records) = try export(data)
        #expect(!text.unicodeScalars.contains("\u{1B}"), "an ESC byte reached the journal export")
        #expect(!text.lowercased().contains("\\u001b"), "an escaped ESC reached the journal export")
        let fields = try #require(receivedPayload(records, Self.firstID)?["fields"] as? [String: Any], "no incident.received in export")
        let description = fields["description"] as? String ?? ""
        #expect(description.count == 10_000, "description holds \(description.count) characters")
        #expect(description == long, "the pasted text changed on the way to the journal")
        let unitText = (fields["reporter"] as? [String: Any])?["unit"] as? String ?? ""
        #expect(unitText.hasPrefix("泰州港") && unitText.hasSuffix("RED码头"), "reporter unit: \(unitText.debugDescription)")
        #expect(!unitText.unicodeScalars.contains { $0.value < 0x20 }, "a control character in \(unitText.debugDescription)")

        try session.send("q")
        #expect(session.exitStatus() == 0)
    }
}

extension TmuxSession {
    /// Sends the key named `key` `count` times (the console takes them in order).
    func sendRepeated(_ key: String, _ count: Int) throws {
        for _ in 0..<count { try send(key) }
    }
}
