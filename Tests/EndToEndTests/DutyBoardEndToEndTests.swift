import ConsoleTestSupport
import Foundation
import Testing

/// The duty board end to end, in tmux with a fixed `--now`: import the sample
/// roster and contacts, open the board, check the names on duty against
/// `status --json`, check in, add a duty-log entry from the console and one
/// from the CLI, and see both.
@Suite(.serialized) struct DutyBoardEndToEndTests {
    static let now = "2026-11-23T14:05:00+08:00"

    /// A station with the sample contacts and roster imported; removed with `dir`.
    func newStation(_ label: String) throws -> (data: String, dir: URL) {
        let (data, dir, imported) = try sampleStation(label, now: Self.now)
        #expect(imported.stdout.contains("roster: imported"), "\(imported.stdout)")
        #expect(imported.stdout.contains("contacts: imported"), "\(imported.stdout)")
        return (data, dir)
    }

    func status(_ data: String) throws -> [String: Any] {
        let result = try runZhiban(["status", "--json", "--data", data, "--now", Self.now])
        try #require(result.status == 0, "status: \(result.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any],
                            "status --json is not an object: \(result.stdout)")
    }

    func onDuty(_ data: String) throws -> (leaders: [String], officers: [String]) {
        let duty = try #require(try status(data)["on_duty"] as? [String: Any])
        return (duty["leaders"] as? [String] ?? [], duty["officers"] as? [String] ?? [])
    }

    func logEntryCount(_ data: String) throws -> Int {
        try #require((try status(data)["counts"] as? [String: Any])?["log_entries"] as? Int)
    }

    /// `export --jsonl`, one object per record.
    func exportedRecords(_ data: String) throws -> [[String: Any]] {
        let result = try runZhiban(["export", "--jsonl", "--data", data])
        try #require(result.status == 0, "export: \(result.stderr)")
        return try result.stdout.split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "not JSON: \(line)")
        }
    }

    func console(_ data: String, language: String, width: Int, height: Int) throws -> TmuxSession {
        try TmuxSession([TestPaths.zhibanBinary, "--data", data, "--now", Self.now, "--lang", language, "--operator", "王芳"],
                        width: width, height: height, label: "zb-board")
    }


    /// The board's on-duty section: from the heading up to (not including) the next-shift line.
    static func onDutySection(_ screen: [String], heading: String, next: String) -> [String] {
        guard let start = screen.firstIndex(where: { $0.contains(heading) }) else { return [] }
        let rest = screen[(start + 1)...]
        let end = rest.firstIndex { $0.contains(next) } ?? rest.endIndex
        return Array(rest[..<end])
    }

    /// The row text after an optional section label, without leading spaces.
    static func rowBody(_ line: String, label: String) -> String {
        var body = line.drop { $0 == " " }
        if body.hasPrefix(label) { body = body.dropFirst(label.count) }
        return String(body.drop { $0 == " " })
    }

    /// Every leader appears on a leader row and every officer starts an officer
    /// row of the on-duty section; the section is not empty.
    func expectNamesOnBoard(_ screen: [String], duty: (leaders: [String], officers: [String]),
                            heading: String, next: String, leaderLabel: String, officerLabel: String,
                            sourceLocation: SourceLocation = #_sourceLocation) {
        let section = Self.onDutySection(screen, heading: heading, next: next)
        let dump = screen.joined(separator: "\n")
        #expect(!section.isEmpty, "no on-duty section under \"\(heading)\":\n\(dump)", sourceLocation: sourceLocation)
        let officerRows = section.drop { !$0.contains(officerLabel) }
        let leaderRows = section.prefix { !$0.contains(officerLabel) }
        #expect(leaderRows.first?.contains(leaderLabel) == true, "leaders label missing:\n\(dump)", sourceLocation: sourceLocation)
        for leader in duty.leaders {
            #expect(leaderRows.contains { $0.contains(leader) }, "leader \(leader) not on the board:\n\(dump)",
                    sourceLocation: sourceLocation)
        }
        for officer in duty.officers {
            #expect(officerRows.contains { Self.rowBody($0, label: officerLabel).hasPrefix(officer) },
                    "no officer row starting with \(officer):\n\(dump)", sourceLocation: sourceLocation)
        }
    }

    /// Rows of the duty-log list (time column "11-23 14:0x") holding `text`.
    static func listRows(_ screen: [String], containing text: String) -> [String] {
        screen.filter { $0.contains("11-23 14:0") && $0.contains(text) }
    }

    /// The words of the screens each test reads, in its language.
    struct Labels {
        var language: String
        var heading, next, leaders, officers, countdown, notCheckedIn, startingOperator, checkedInOperator, emptyLog, callDialog: String
    }

    static let english = Labels(language: "en", heading: "On duty 11-23 08:30 → 11-24 08:30", next: "next shift", leaders: "Leaders",
                                officers: "Officers", countdown: "handover 08:30 · in 18:2", notCheckedIn: "not checked in — press c",
                                startingOperator: "operator 王芳", checkedInOperator: "operator 高鹏", emptyLog: "the duty log is empty",
                                callDialog: "Incoming call")
    static let chinese = Labels(language: "zh", heading: "当班 11-23 08:30 → 11-24 08:30", next: "下一班", leaders: "带班领导",
                                officers: "值班员", countdown: "交接班 08:30 · 还有 18:2", notCheckedIn: "未签到 — 按 c 接班签到",
                                startingOperator: "操作员 王芳", checkedInOperator: "操作员 高鹏", emptyLog: "值班日志为空",
                                callDialog: "来电记录")

    /// A new station with the samples, checked against `status --json`, opened in tmux.
    func openBoard(_ label: String, _ words: Labels, width: Int, height: Int)
        throws -> (data: String, dir: URL, session: TmuxSession, duty: (leaders: [String], officers: [String])) {
        let (data, dir) = try newStation(label)
        let duty = try onDuty(data)
        // The sample roster's 23rd: status and the file agree before the board is looked at.
        #expect(duty.leaders == ["孙立新", "赵文斌"])
        #expect(duty.officers == ["高鹏", "罗燕"])
        let session = try console(data, language: words.language, width: width, height: height)
        return (data, dir, session, duty)
    }

    /// The board names the people `status --json` names and counts down; no one has checked in.
    func expectBoard(_ session: TmuxSession, duty: (leaders: [String], officers: [String]), _ words: Labels) throws {
        let board = try session.expect("the duty board with the on-duty officers") { screen in
            let text = screen.joined(separator: "\n")
            return text.contains(words.heading) && duty.officers.allSatisfy(text.contains)
        }
        let boardText = board.joined(separator: "\n")
        expectNamesOnBoard(board, duty: duty, heading: words.heading, next: words.next, leaderLabel: words.leaders, officerLabel: words.officers)
        #expect(boardText.contains(words.countdown), "countdown missing:\n\(boardText)")
        #expect(boardText.contains(words.notCheckedIn), "\(boardText)")
        #expect(boardText.contains(words.startingOperator), "the starting operator is in the status bar:\n\(boardText)")
        #expect(!boardText.contains(words.checkedInOperator), "\(boardText)")
    }

    /// `c`, Enter: the highlighted (first rostered) officer operates. Returns the screen after.
    func checkIn(_ session: TmuxSession, _ words: Labels) throws -> [String] {
        try session.send("c")
        try session.expect("the check-in dialog") { screen in
            screen.contains { $0.contains("[x]") && $0.contains("高鹏") } && screen.contains { $0.contains("[x]") && $0.contains("罗燕") }
        }
        try session.send("Enter")
        return try session.expect("the check-in on the board and the new operator in the status bar") { screen in
            let text = screen.joined(separator: "\n")
            return text.contains(words.checkedInOperator) && !text.contains(words.notCheckedIn) && !text.contains(words.startingOperator)
        }
    }

    /// An incoming call typed on the duty-log screen; returns the screen showing it.
    func logCall(_ session: TmuxSession, _ words: Labels, with counterpart: String, text: String) throws -> [String] {
        try session.send("6")
        try session.expect(text: words.emptyLog)
        try session.send("i")
        try session.expect(text: words.callDialog)
        try session.send(counterpart, literal: true)
        try session.send("Tab")
        try session.send(text, literal: true)
        try session.send("Enter")
        return try session.expect("the console's entry in the list") { !Self.listRows($0, containing: text).isEmpty }
    }

    // MARK: English, 80×24

    @Test func englishBoardCheckInAndLogEntriesFromConsoleAndCLI() throws {
        let (data, dir, session, duty) = try openBoard("zb-board-en", Self.english, width: 80, height: 24)
        defer { try? FileManager.default.removeItem(at: dir) }
        try expectBoard(session, duty: duty, Self.english)
        let checkedIn = try checkIn(session, Self.english)
        let checkedInText = checkedIn.joined(separator: "\n")
        // At 80 columns the board's check-in line leaves out the time to fit beside the heading.
        let heading = checkedIn.first { $0.contains("On duty 11-23 08:30") } ?? ""
        #expect(heading.contains("checked in") && heading.contains("高鹏, 罗燕 · operator 高鹏"), "check-in on the board:\n\(checkedInText)")
        #expect(checkedInText.contains("checked in: 高鹏, 罗燕; operator 高鹏"), "confirmation message:\n\(checkedInText)")

        // A call logged from the console's duty-log screen.
        let logged = try logCall(session, Self.english, with: "市气象台", text: "暴雨黄色预警已收到")
        let loggedText = logged.joined(separator: "\n")
        let row = Self.listRows(logged, containing: "暴雨黄色预警已收到").first ?? ""
        #expect(row.contains(" In ") && row.contains("市气象台"), "kind and counterpart in the row: \(row)\n\(loggedText)")
        #expect(loggedText.contains("logged: 暴雨黄色预警已收到"), "\(loggedText)")
        #expect(loggedText.contains("by 高鹏"), "the checked-in operator recorded it:\n\(loggedText)")

        // A note from the CLI, appended by another process: the console shows it within seconds.
        let noteText = "市防指通知：加强夜间巡查"
        let note = try runZhiban(["note", noteText, "--data", data, "--now", Self.now])
        #expect(note.status == 0, "note: \(note.stdout) \(note.stderr)")
        let both = try session.expect("both entries in the list", timeout: 3) { screen in
            !Self.listRows(screen, containing: noteText).isEmpty && !Self.listRows(screen, containing: "暴雨黄色预警已收到").isEmpty
        }
        #expect(Self.listRows(both, containing: noteText).first?.contains("Note") == true,
                "the CLI entry is a note:\n\(both.joined(separator: "\n"))")

        // The CLI note was written as the operator chosen at check-in.
        let records = try exportedRecords(data)
        let noteRecord = records.first { ($0["payload"] as? [String: Any])?["text"] as? String == noteText }
        #expect(noteRecord != nil, "the CLI note is not in export --jsonl")
        #expect(noteRecord?["operator"] as? String == "高鹏", "CLI note operator: \(String(describing: noteRecord?["operator"]))")
        let consoleRecord = records.first { ($0["payload"] as? [String: Any])?["text"] as? String == "暴雨黄色预警已收到" }
        #expect(consoleRecord?["operator"] as? String == "高鹏", "console entry operator: \(String(describing: consoleRecord?["operator"]))")
        #expect(try logEntryCount(data) == 2)

        try session.send("q")
        #expect(session.exitStatus() == 0)
    }

    // MARK: Chinese, 200×60

    @Test func chineseBoardCheckInAndConsoleLogEntryCounted() throws {
        let (data, dir, session, duty) = try openBoard("zb-board-zh", Self.chinese, width: 200, height: 60)
        defer { try? FileManager.default.removeItem(at: dir) }
        try expectBoard(session, duty: duty, Self.chinese)
        let checkedIn = try checkIn(session, Self.chinese)
        let checkedInText = checkedIn.joined(separator: "\n")
        #expect(checkedInText.contains("已签到 14:0") && checkedInText.contains("高鹏、罗燕 · 操作员 高鹏"),
                "the check-in line on the board:\n\(checkedInText)")

        let before = try logEntryCount(data)
        #expect(before == 0)
        let logged = try logCall(session, Self.chinese, with: "海陵区应急管理局", text: "泰州港码头一艘货船起火，已报消防")
        let row = Self.listRows(logged, containing: "泰州港码头一艘货船起火").first ?? ""
        // At 200 columns the list is wide: full kind name and a recorded-by column.
        #expect(row.contains("来电") && row.contains("海陵区应急管理局") && row.contains("高鹏"),
                "row: \(row)\n\(logged.joined(separator: "\n"))")
        #expect(logged.joined(separator: "\n").contains("已记入值班日志：泰州港码头一艘货船起火"), "\(logged.joined(separator: "\n"))")
        #expect(logged.joined(separator: "\n").contains("记录人 高鹏"), "\(logged.joined(separator: "\n"))")
        #expect(try logEntryCount(data) == before + 1)

        try session.send("q")
        #expect(session.exitStatus() == 0)
    }
}
