import ConsoleTestSupport
import Foundation
import TerminalUI
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The real binary in a real terminal (tmux, LANG=C.UTF-8). Waits are generous
/// because the machine is shared; no test asserts how long anything took.
@Suite(.serialized) struct TerminalTests {
    static let start = "2026-11-23T08:29:00+08:00"
    /// The status bar's clock: with its date where there is room (at 80 columns the date is the first
    /// thing to give way once the bar is full, #23).
    static let clockPattern = #"(2026-11-2\d )?\d\d:\d\d:\d\d"#

    /// A console on a fresh data folder; the folder is removed when the test ends.
    final class LiveConsole {
        let data: URL
        let session: TmuxSession

        init(_ arguments: [String], width: Int = 80, height: Int = 24, environment: [String: String] = [:],
             prepare: (URL) throws -> Void = { _ in }) throws {
            data = TestPaths.temporaryDirectory("zb")
            try prepare(data)
            session = try TmuxSession([TestPaths.zhibanBinary] + arguments + ["--data", data.path, "--now", TerminalTests.start],
                                      width: width, height: height, environment: environment)
        }

        static func demo(_ language: String, width: Int = 80, height: Int = 24) throws -> LiveConsole {
            try LiveConsole(["demo", "--lang", language], width: width, height: height)
        }

        deinit { try? FileManager.default.removeItem(at: data) }

        /// Waits for `text`; records a failure with the screen if it never comes.
        @discardableResult
        func waitFor(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> [String] {
            let screen = try session.waitFor(text: text, timeout: 10)
            if !screen.joined(separator: "\n").contains(text) {
                Issue.record("\"\(text)\" did not appear; screen:\n\(screen.joined(separator: "\n"))", sourceLocation: sourceLocation)
            }
            return screen
        }

        @discardableResult
        func waitFor(_ what: String, sourceLocation: SourceLocation = #_sourceLocation,
                     _ condition: @escaping ([String]) -> Bool) throws -> [String] {
            let screen = try session.waitFor(timeout: 10, condition)
            if !condition(screen) {
                Issue.record("never saw \(what); screen:\n\(screen.joined(separator: "\n"))", sourceLocation: sourceLocation)
            }
            return screen
        }

        /// After the program ended: its status, and the terminal given back
        /// (main screen, cursor shown).
        func expectExitedRestored(status expected: Int32?, sourceLocation: SourceLocation = #_sourceLocation) throws {
            let status = session.exitStatus(timeout: 10)
            #expect(status != nil, "the program did not exit", sourceLocation: sourceLocation)
            if let expected { #expect(status == expected, sourceLocation: sourceLocation) }
            // (Polled: tmux may still be reading the last bytes when the status is written.)
            #expect(try session.waitForPaneValue("#{alternate_on}", toBe: "0") == "0", "still on the alternate screen",
                    sourceLocation: sourceLocation)
            // The cursor was shown again before the program left. (Read from the
            // bytes written: once the pane is dead tmux itself may hide the cursor
            // to print its "Pane is dead" line, so #{cursor_flag} cannot tell.)
            let out = session.waitForOutput(containing: "\u{1B}[?1049l")
            let leftAlternate = out.lastRange(of: Array("\u{1B}[?1049l".utf8))
            let shown = out.lastRange(of: Array("\u{1B}[?25h".utf8))
            let hidden = out.lastRange(of: Array("\u{1B}[?25l".utf8))
            #expect(leftAlternate != nil, "never left the alternate screen", sourceLocation: sourceLocation)
            #expect(shown != nil && (hidden == nil || hidden! < shown!), "cursor left hidden", sourceLocation: sourceLocation)
        }
    }

    static func clock(in row: String) -> String? {
        row.range(of: clockPattern, options: .regularExpression).map { String(row[$0]) }
    }

    // MARK: opening

    @Test func opensInEnglish() throws {
        let c = try LiveConsole.demo("en")
        let screen = try c.waitFor("Duty board")
        #expect(screen.count == 24)
        #expect(screen[0].hasPrefix(" 1 Board "))
        #expect(screen[1].hasPrefix(" Duty board · peacetime"))
        // Run under --now (a drill station): DRILL first, then the station's name (#17 §3).
        #expect(screen[23].hasPrefix(" DRILL  泰州"))
        // The demo's sample incidents put the overdue count on the status bar; at 80
        // columns the language and theme names give way to it.
        #expect(screen[23].contains("!! 2 overdue"))
        #expect(Self.clock(in: screen[23]) != nil)
        #expect(try c.session.paneValue("#{alternate_on}") == "1")
        #expect(FileManager.default.fileExists(atPath: c.data.appendingPathComponent("demo").path))
    }

    @Test func opensInChinese() throws {
        let c = try LiveConsole.demo("zh")
        let screen = try c.waitFor("值班总览")
        #expect(screen[0] == " 1 值班  2 接报  3 事件  4 预警  5 地图  6 日志  7 交接  8 通讯录  9 资源")
        #expect(screen[1].hasPrefix(" 值班总览 · 平时"))
        // The station name gives way to the drill marker, the overdue count and the next report at 80 columns.
        #expect(screen[23].hasPrefix(" 演练  泰州市"))
        #expect(screen[23].contains("报送 08:54"), "the next report stays (#23): \(screen[23])")
        #expect(screen[23].contains("!! 超时未报 2"))
    }

    @Test(arguments: [(80, 24), (200, 60)])
    func opensAtSize(_ width: Int, _ height: Int) throws {
        let c = try LiveConsole.demo("en", width: width, height: height)
        let screen = try c.waitFor("Duty board")
        #expect(screen.count == height)
        #expect(screen[0].hasPrefix(" 1 Board "))
        // At 200 columns every tab has room for its name.
        if width >= 200 { #expect(screen[0].contains("8 Contacts") && screen[0].contains("9 Resources")) }
        // A minute before the change the handover's state has the room the theme's name had (#21).
        #expect(screen[height - 1].contains("handover: not started"))
        #expect(screen[height - 1].contains("overdue"))
        #expect(screen[height - 1].displayWidth >= width - 2, "status bar does not reach the right edge: \(screen[height - 1])")
        #expect(Self.clock(in: screen[height - 1]) != nil)
        // The demo's overdue reports are announced on the message line within a second of opening.
        let alerted = try c.waitFor("the overdue alert") { $0.count == height && $0[height - 2].hasPrefix("!! OVERDUE: TZ-") }
        #expect(alerted[height - 2].contains("(and 1 more)"))
    }

    // MARK: live and keys

    @Test func clockTicksWithoutAKeyPress() throws {
        let c = try LiveConsole.demo("en")
        let first = try c.waitFor("Duty board")
        let before = Self.clock(in: first[23])
        #expect(before.map { $0.hasPrefix("2026-11-23 08:") || $0.hasPrefix("08:") } == true, "clock does not start at --now: \(first[23])")
        try c.waitFor("a different clock") { screen in
            screen.count == 24 && Self.clock(in: screen[23]) != nil && Self.clock(in: screen[23]) != before
        }
    }

    @Test func functionKeyAndDigitSwitchTabs() throws {
        let c = try LiveConsole.demo("en")
        try c.waitFor("Duty board")
        try c.session.send("F2")
        var screen = try c.waitFor("Incident intake")
        #expect(screen[1].hasPrefix(" Incident intake · begun 11-23 08:2"))
        #expect(screen[0].contains("2 Intake"))
        // On the form digits are typed into the fields; F3 leaves the untouched form.
        try c.session.send("F3")
        screen = try c.waitFor("the title of screen 3") { $0.count > 2 && $0[1].hasPrefix(" Incidents  5 incidents") }
        #expect(screen[0].contains("3 Incidents"))
        try c.session.send("Tab")
        try c.waitFor("Warnings")
    }

    @Test func questionMarkShowsHelp() throws {
        let c = try LiveConsole.demo("en")
        try c.waitFor("Duty board")
        try c.session.send("?")
        // Wait for the box's last line: a capture may land while the frame is still being written.
        let screen = try c.waitFor("Esc, ? or Ctrl-G closes")
        let text = screen.joined(separator: "\n")
        #expect(text.contains("Help — keys"))
        #expect(text.contains("F1…F9"))
        #expect(text.contains("Esc, ? or Ctrl-G closes"))
        try c.session.send("Escape")
        try c.waitFor("help to close") { !$0.joined().contains("Help — keys") }
    }

    @Test func chineseInTheCommandLineIsEchoedAndAligned() throws {
        let c = try LiveConsole.demo("zh")
        _ = try c.waitFor("值班总览")
        // The overdue report's alert is announced once, on the first tick: wait for it, so it does not
        // arrive after the command and take the message line from the theme's error.
        let opened = try c.waitFor("the overdue alert") { $0.count == 24 && $0[22].contains("超时未报") }
        let status = opened[23]
        try c.session.send(":")
        try c.waitFor("the command line") { $0.count == 24 && $0[22] == ":" }
        try c.session.send("theme 夜间", literal: true)
        let screen = try c.waitFor("the typed command") { $0.count == 24 && $0[22] == ":theme 夜间" }
        #expect(screen[22] == ":theme 夜间")
        // Cursor right after the text: ":theme " is 7 columns, 夜间 4.
        #expect(try c.session.waitForPaneValue("#{cursor_x},#{cursor_y}", toBe: "11,22") == "11,22")
        // The status bar below is intact (only the clock may have moved).
        let clockless = { (row: String) in row.replacingOccurrences(of: Self.clockPattern, with: "CLOCK", options: .regularExpression) }
        #expect(clockless(screen[23]) == clockless(status))
        #expect(screen[23].hasPrefix(" 演练  泰州市"))
        // A minute before the change: the overdue count, the handover's state and the clock (#21).
        #expect(screen[23].contains("超时未报") && screen[23].contains("交接班：未开始"))
        #expect(screen[0] == opened[0])
        try c.session.send("Enter")
        let after = try c.waitFor("夜间.toml")
        #expect(after[22].hasPrefix("主题有误：夜间.toml：没有这个主题"))
        #expect(clockless(after[23]) == clockless(status))
    }

    @Test func themeNightByCommand() throws {
        // Wide enough for the theme's name on the status bar beside the report clocks.
        let c = try LiveConsole.demo("en", width: 200, height: 60)
        try c.waitFor("Duty board")
        try c.session.send(":")
        try c.session.send("theme night", literal: true)
        try c.session.send("Enter")
        let screen = try c.waitFor("theme: night")
        // A minute before the change the status bar is full (the handover's state, #21): the theme's name gives way;
        // the night theme is the one drawing (its status bar differs from the default's).
        #expect(screen[59].contains("handover: not started"))
        #expect(screen[58].contains("theme: night"), "the switch is said on the message line")
    }

    @Test func resizeTooSmallAndBack() throws {
        let c = try LiveConsole.demo("en")
        try c.waitFor("Duty board")
        try c.session.resize(width: 50, height: 14)
        let small = try c.waitFor("terminal too small (need 60×16")
        #expect(small.joined().contains("have 50×14"))
        #expect(!small.joined().contains("Board"))
        try c.session.resize(width: 80, height: 24)
        let back = try c.waitFor("the full screen") { $0.count == 24 && $0[0].hasPrefix(" 1 Board ") && $0[1].hasPrefix(" Duty board · peacetime") }
        #expect(!back.joined().contains("too small"))
        #expect(back[23].contains("overdue") && Self.clock(in: back[23]) != nil)
    }

    // MARK: leaving

    @Test func qExitsZeroAndRestoresTheTerminal() throws {
        let c = try LiveConsole.demo("en")
        try c.waitFor("Duty board")
        #expect(try c.session.paneValue("#{alternate_on}") == "1")
        try c.session.send("q")
        try c.expectExitedRestored(status: 0)
    }

    @Test func ctrlCExitsZeroAndRestoresTheTerminal() throws {
        let c = try LiveConsole.demo("zh")
        try c.waitFor("值班总览")
        try c.session.send("C-c")
        try c.expectExitedRestored(status: 0)
    }

    @Test func sigtermExitsAndRestoresTheTerminal() throws {
        let c = try LiveConsole.demo("en")
        try c.waitFor("Duty board")
        let pid = try c.session.programPID()
        #expect(pid != nil, "zhiban's pid not found")
        guard let pid else { return }
        #expect(kill(pid, SIGTERM) == 0)
        try c.expectExitedRestored(status: 0)
    }

    @Test func sighupExitsAndRestoresTheTerminal() throws {
        let c = try LiveConsole.demo("en")
        try c.waitFor("Duty board")
        guard let pid = try c.session.programPID() else {
            Issue.record("zhiban's pid not found")
            return
        }
        #expect(kill(pid, SIGHUP) == 0)
        try c.expectExitedRestored(status: 0)
    }

    // MARK: trouble at start

    @Test func malformedThemeStartsWithDefaultAndNamesFileAndLine() throws {
        let c = try LiveConsole(["--theme", "broken", "--lang", "en"]) { data in
            let themes = data.appendingPathComponent("themes")
            try FileManager.default.createDirectory(at: themes, withIntermediateDirectories: true)
            try "name = \"broken\"\n[roles.normal]\nfg = = \"white\"\n"
                .write(to: themes.appendingPathComponent("broken.toml"), atomically: true, encoding: .utf8)
        }
        let screen = try c.waitFor("broken.toml")
        #expect(screen[0].hasPrefix(" 1 Board "))
        let mentions = screen.filter { $0.contains("broken.toml") }
        #expect(mentions.count == 1)
        #expect(mentions.first?.contains(c.data.appendingPathComponent("themes/broken.toml").path + " line 3") == true,
                "message: \(mentions)")
        #expect(screen[23].hasSuffix("theme default"))
        try c.session.send("q")
        try c.expectExitedRestored(status: 0)
    }

    @Test func nonUTF8LocaleStartsAndSaysWhy() throws {
        let c = try LiveConsole(["demo"], environment: ["LANG": "C", "LC_ALL": "C"])
        let screen = try c.waitFor("Chinese text needs a UTF-8 locale")
        #expect(screen[0].hasPrefix(" 1 Board "))
        #expect(screen[1].hasPrefix(" Duty board"), "the C locale cannot draw ·, the words stay")
        #expect(screen[22].contains("Chinese text needs a UTF-8 locale"))
        try c.session.send("q")
        try c.expectExitedRestored(status: 0)
    }

    // MARK: terminals (#23)

    /// The data folder as files and sizes, to tell that nothing was written.
    static func listing(_ dir: String) -> [String] {
        let files = FileManager.default.enumerator(atPath: dir)?.compactMap { $0 as? String } ?? []
        return files.sorted().map { path in
            let size = (try? FileManager.default.attributesOfItem(atPath: dir + "/" + path)[.size] as? Int) ?? -1
            return "\(path) \(size)"
        }
    }

    @Test("a terminal that cannot move the cursor, or one terminfo does not know: told what to set, exit 2, nothing written",
          arguments: [("dumb", "en"), ("dumb", "zh"), ("zhiban-no-such-terminal", "en"), ("zhiban-no-such-terminal", "zh")])
    func terminalThatCannotDrawIsNamed(_ term: String, _ language: String) throws {
        let data = TestPaths.temporaryDirectory("zb-term").path
        defer { try? FileManager.default.removeItem(atPath: data) }
        #expect(try runZhiban(["init", "--name", "泰州市应急管理局总值班室", "--data", data]).status == 0)
        let before = Self.listing(data)
        let session = try TmuxSession([TestPaths.zhibanBinary, "--data", data, "--lang", language], width: 200, height: 24,
                                      environment: ["TERM": term])
        // It ends by itself, at once: no blank screen waiting for a key.
        let status = session.exitStatus(timeout: 15)
        #expect(status == 2, "exit status \(status.map(String.init) ?? "none: still running")")
        let text = try session.capture(scrollback: 10).joined()
        #expect(text.contains("TERM=\(term)"), "\(text)")
        let words: [String]
        switch (term, language) {
        case ("dumb", "en"): words = ["cannot move the cursor", "Set TERM", "xterm-256color", "bare console", "serial line",
                                      "zhiban status"]
        case ("dumb", _): words = ["不能移动光标", "请把 TERM 设为", "xterm-256color", "linux", "vt100", "zhiban status"]
        case (_, "en"): words = ["terminfo database has no terminal type", "Set TERM", "xterm-256color", "zhiban status"]
        default: words = ["terminfo 数据库中没有终端类型", "请把 TERM 设为", "xterm-256color", "zhiban status"]
        }
        for w in words { #expect(text.contains(w), "\(w) missing: \(text)") }
        #expect(Self.listing(data) == before, "the station was written to")
        #expect(try runZhiban(["verify", "--data", data]).stdout.contains("ok: 1 records"))
    }

    @Test("vt100 (no colour) and the Linux console (8 colours) draw the board, switch screens by digit, move with the arrows and quit",
          arguments: [("vt100", "en"), ("vt100", "zh"), ("linux", "en"), ("linux", "zh")])
    func oldTerminalsAreUsable(_ term: String, _ language: String) throws {
        let c = try LiveConsole(["demo", "--lang", language], environment: ["TERM": term])
        let zh = language == "zh"
        var screen = try c.waitFor(zh ? "值班总览" : "Duty board")
        #expect(screen.count == 24 && screen[0].hasPrefix(zh ? " 1 值班" : " 1 Board"))
        #expect(screen.contains { $0.contains("┌") || $0.contains("─") } || screen[3].contains(zh ? "当班" : "On duty"))
        // F5 and above do not exist on a vt100: the digits switch screens everywhere.
        try c.session.send("3")
        screen = try c.waitFor("the incidents list") { $0.count > 3 && $0[1].hasPrefix(zh ? " 突发事件" : " Incidents") }
        let ids = screen.compactMap { row in row.range(of: "TZ-\\d{8}-\\d{3}", options: .regularExpression).map { String(row[$0]) } }
        #expect(ids.count >= 2, "\(screen.joined(separator: "\n"))")
        // The detail box names the selected incident; ↓ selects the next.
        let detail = { (s: [String]) in s.last { $0.contains("│ TZ-") } ?? "" }
        #expect(detail(screen).contains(ids.first ?? "?"))
        try c.session.send("Down")
        screen = try c.waitFor("the second incident selected") { s in ids.count >= 2 && detail(s).contains(ids[1]) }
        try c.session.send("6")
        try c.waitFor("the duty log") { $0.count > 1 && $0[1].hasPrefix(zh ? " 值班日志" : " Duty log") }
        try c.session.send("q")
        #expect(c.session.exitStatus(timeout: 10) == 0)
        // vt100 has no colours: nothing in a colour was sent to it.
        if term == "vt100" {
            let out = String(decoding: c.session.output(), as: UTF8.self)
            #expect(out.range(of: "\u{1B}\\[[0-9;]*(3[0-7]|4[0-7]|38;5;[0-9]+)m", options: .regularExpression) == nil)
        }
    }
}
