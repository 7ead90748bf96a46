import Console
import ConsoleTestSupport
import Foundation
import Testing
import TerminalUI

/// The console shell driven through its real run loop (ConsoleHarness: a
/// MemoryBackend and a ManualClock): keys, the command line, resizing, the clock.
/// At 80×24 row 0 is the tab bar, row 2 the screen title, row 22 the message or
/// command line and row 23 the status bar.
@Suite struct ShellTests {
    static let titleRow = 2

    /// Whether the screen titled `title` is showing: built screens put their
    /// title on row 1 with what they count, placeholders on row 2.
    static func shows(_ h: ConsoleHarness, title: String) -> Bool {
        h.lines[1...2].contains { $0.trimmingCharacters(in: .whitespaces).hasPrefix(title) }
    }
    static let messageRow = 22
    static let statusRow = 23

    @Test func opensOnTheDutyBoard() {
        let h = ConsoleHarness()
        #expect(h.state.screen == .board)
        #expect(h.state.isRunning)
        #expect(h.lines[0].hasPrefix(" 1 Board "))
        #expect(Self.shows(h, title: "Duty board"))
        #expect(h.lines[Self.statusRow].hasPrefix(" 泰州市应急管理局总值班室 "))
        #expect(h.lines[Self.statusRow].contains("2026-11-23 14:05:00"))
        #expect(h.lines[Self.statusRow].hasSuffix("EN  theme default"))
        #expect(h.backend.cursor == nil)
    }

    // MARK: screens

    @Test(arguments: Screen.allCases)
    func functionKeySwitchesScreen(_ screen: Screen) {
        let h = ConsoleHarness()
        // Start somewhere else so that F1 also has to change something.
        h.press(.function(screen == .contacts ? 1 : 8))
        h.press(.function(screen.number))
        #expect(h.state.screen == screen)
        #expect(Self.shows(h, title: UIText.screenTitle(screen).text(.en)))
        // The selected tab always shows its name, even when the others shrink to digits.
        #expect(h.lines[0].contains(" \(screen.number) \(UIText.tab(screen).text(.en))"))
    }

    @Test(arguments: Screen.allCases)
    func digitSwitchesScreen(_ screen: Screen) {
        let h = ConsoleHarness(language: .zh)
        h.press(.char(screen == .contacts ? "1" : "8"))
        h.press(.char(Character("\(screen.number)")))
        #expect(h.state.screen == screen)
        #expect(Self.shows(h, title: UIText.screenTitle(screen).text(.zh)))
    }

    @Test func keysBeyondTheNineScreensDoNothing() {
        let h = ConsoleHarness()
        h.press(.char("3"))
        let before = h.lines
        h.press(.char("0"))
        h.press(.function(10))
        h.press(.function(12))
        #expect(h.state.screen == .incidents)
        #expect(h.lines == before)
        #expect(h.backend.bells == 0)
    }

    @Test func altDigitIsNotAScreenKey() {
        let h = ConsoleHarness()
        h.press(KeyPress(.char("4"), alt: true))
        #expect(h.state.screen == .board)
    }

    @Test func tabCyclesForwardThroughEveryScreenAndWraps() {
        let h = ConsoleHarness()
        h.type("3")
        var seen: [Screen] = []
        for _ in Screen.allCases.dropFirst(2) {
            h.press(.tab)
            seen.append(h.state.screen)
        }
        #expect(seen == Array(Screen.allCases.dropFirst(3)) + [.board])
        // Tab passes the intake form by (it could not leave it by Tab): from the board to the incidents.
        h.press(.tab)
        #expect(h.state.screen == .incidents)
        // On the intake form, opened by 2, Tab goes to the next field.
        h.type("2")
        let focus = h.state.intake?.focus
        h.press(.tab)
        #expect(h.state.screen == .intake)
        #expect(h.state.intake?.focus != focus)
    }

    @Test func shiftTabCyclesBackwardAndWraps() {
        let h = ConsoleHarness()
        h.press(.backTab)
        #expect(h.state.screen == .resources)
        #expect(Self.shows(h, title: "Resources"))
        h.press(.backTab)
        #expect(h.state.screen == .contacts)
        h.press(.tab, .tab)
        #expect(h.state.screen == .board)
    }

    // MARK: help

    @Test func questionMarkOpensHelpAndEscClosesIt() {
        let h = ConsoleHarness()
        let plain = h.lines
        h.press(.char("?"))
        #expect(h.state.helpShown)
        let screen = h.lines.joined(separator: "\n")
        #expect(screen.contains("Help — keys"))
        #expect(screen.contains("Esc, ? or Ctrl-G closes"))
        h.press(.escape)
        #expect(!h.state.helpShown)
        #expect(h.lines == plain)
    }

    @Test func questionMarkClosesHelpAgain() {
        let h = ConsoleHarness(language: .zh)
        h.press(.char("?"))
        #expect(h.lines.joined().contains("帮助 — 按键"))
        h.press(.char("?"))
        #expect(!h.state.helpShown)
        #expect(!h.lines.joined().contains("帮助"))
    }

    @Test(arguments: Language.allCases)
    func helpListsEveryGlobalKey(_ language: Language) {
        let h = ConsoleHarness(language: language)
        h.press(.char("?"))
        let rows = h.lines
        for entry in Keymap.globalHelp {
            let described = entry.text.text(language)
            let row = rows.first { $0.contains(described) }
            #expect(row != nil, "help does not describe \(entry.keys)")
            #expect(row?.contains(entry.keys) == true, "help row for \(described) lacks the keys \(entry.keys)")
        }
        #expect(rows.joined().contains(UIText.helpScreenHeading(.board).text(language)))
    }

    @Test func helpOverlayFitsAtTheMinimumSize() {
        let h = ConsoleHarness(size: AppState.minimumSize)
        h.press(.char("?"))
        let rows = h.lines
        #expect(rows.contains { $0.contains("Help — keys") })
        #expect(rows[AppState.minimumSize.height - 1].contains("2026-11-23 14:05:00"))
    }

    // MARK: command line

    @Test func colonOpensTheCommandLine() {
        let h = ConsoleHarness()
        h.press(.char(":"))
        #expect(h.state.overlay == .command(TextFieldState(maxLength: 256)))
        #expect(h.lines[Self.messageRow] == ":")
        #expect(h.backend.cursor == Position(x: 1, y: Self.messageRow))
    }

    @Test func typedCommandIsEchoedAfterTheColon() {
        let h = ConsoleHarness()
        h.type(":theme 夜间")
        #expect(h.lines[Self.messageRow] == ":theme 夜间")
        // ":theme " is 7 columns, 夜间 4 more: the cursor stands after them.
        #expect(h.backend.cursor == Position(x: 11, y: Self.messageRow))
        #expect(h.screen[7, Self.messageRow].text == "夜")
        #expect(h.screen[8, Self.messageRow].isContinuation)
        #expect(h.screen[9, Self.messageRow].text == "间")
        #expect(h.lines[Self.statusRow].hasSuffix("EN  theme default"))
    }

    @Test func escCancelsTheCommandLine() {
        let h = ConsoleHarness()
        h.type(":lang zh")
        h.press(.escape)
        #expect(h.state.overlay == nil)
        #expect(h.state.language == .en)
        #expect(h.lines[Self.messageRow] == "")
        #expect(h.backend.cursor == nil)
    }

    @Test func backspaceOnAnEmptyCommandLineClosesIt() {
        let h = ConsoleHarness()
        h.type(":x")
        h.press(.backspace)
        #expect(h.state.overlay == .command(TextFieldState(maxLength: 256)))
        h.press(.backspace)
        #expect(h.state.overlay == nil)
    }

    @Test func keysTypedIntoTheCommandLineAreText() {
        let h = ConsoleHarness()
        h.type(":q2?")
        #expect(h.state.isRunning)
        #expect(h.state.screen == .board)
        #expect(h.lines[Self.messageRow] == ":q2?")
    }

    @Test func themeNightSwitchesTheTheme() {
        let h = ConsoleHarness()
        let defaultNormal = h.screen[40, 10].style
        h.command("theme night")
        #expect(h.state.theme.name == "night")
        #expect(h.state.message == Message(.themeSwitched("night")))
        #expect(h.lines[Self.messageRow] == "theme: night")
        #expect(h.lines[Self.statusRow].hasSuffix("theme night"))
        #expect(h.screen[40, 10].style != defaultNormal)
        #expect(h.backend.bells == 0)
    }

    @Test func unknownThemeFallsBackToDefaultAndNamesIt() {
        let h = ConsoleHarness()
        h.command("theme nosuch")
        #expect(h.state.theme.name == "default")
        #expect(h.state.message?.kind == .error)
        #expect(h.lines[Self.messageRow].hasPrefix("theme error: nosuch.toml: no such theme"))
        #expect(h.lines[Self.statusRow].hasSuffix("theme default"))
        #expect(h.state.isRunning)
    }

    @Test func unknownThemeAfterNightGoesBackToDefault() {
        let h = ConsoleHarness(theme: "night")
        #expect(h.state.theme.name == "night")
        h.command("theme nosuch")
        #expect(h.state.theme.name == "default")
        #expect(h.lines[Self.messageRow].contains("nosuch"))
    }

    @Test func malformedThemeFileIsNamedWithItsLine() throws {
        let dir = TestPaths.temporaryDirectory("zb-theme")
        defer { try? FileManager.default.removeItem(at: dir) }
        try "name = \"broken\"\n[roles.normal]\nfg = = \"white\"\n"
            .write(to: dir.appendingPathComponent("broken.toml"), atomically: true, encoding: .utf8)
        let h = ConsoleHarness(size: Size(width: 200, height: 24), theme: "night", extraThemeDirectories: [dir.path])
        h.command("theme broken")
        #expect(h.state.theme.name == "default")
        #expect(h.state.message?.kind == .error)
        #expect(h.lines[Self.messageRow].contains("broken.toml line 3"))
    }

    @Test(arguments: Language.allCases)
    func themeProblemKeepsFileAndLineInEightyColumns(_ language: Language) {
        // A theme under the default data folder of a user with an ordinary name.
        let file = "/home/zhangsan/.local/share/zhiban/demo/themes/broken.toml"
        guard case .failure(let problem) = ThemeLoader.parse("name = \"broken\"\n[roles.normal]\nfg = = 1\n",
                                                             file: file, base: .builtin) else {
            Issue.record("a malformed theme parsed")
            return
        }
        let h = ConsoleHarness(language: language)
        h.runner.dispatch(.themeLoaded(.builtin, problem: problem))
        h.runner.draw()
        #expect(h.lines[Self.messageRow].contains(file + (language == .zh ? " 第 3 行" : " line 3")), "\(h.lines[Self.messageRow])")
        #expect(h.lines[Self.statusRow].hasSuffix(language == .en ? "theme default" : "主题 default"))
    }

    @Test func themeWithoutANameShowsUsage() {
        let h = ConsoleHarness()
        h.command("theme")
        #expect(h.state.message == Message(.commandThemeUsage, kind: .error))
        #expect(h.lines[Self.messageRow].hasPrefix("usage: :theme NAME"))
    }

    @Test func langSwitchesTheLanguageBothWays() {
        let h = ConsoleHarness()
        h.command("lang zh")
        #expect(h.state.language == .zh)
        #expect(h.lines[0].hasPrefix(" 1 值班  2 接报  3 事件"))
        #expect(Self.shows(h, title: "值班总览"))
        #expect(h.lines[Self.messageRow] == "界面语言：中文")
        #expect(h.lines[Self.statusRow].hasSuffix("中文  主题 default"))
        h.command("lang en")
        #expect(h.state.language == .en)
        #expect(Self.shows(h, title: "Duty board"))
        #expect(h.lines[Self.messageRow] == "language: English")
    }

    @Test(arguments: ["lang xx", "lang", "lang zh en"])
    func badLangShowsUsage(_ command: String) {
        let h = ConsoleHarness(language: .zh)
        h.command(command)
        #expect(h.state.language == .zh)
        #expect(h.state.message == Message(.commandLangUsage, kind: .error))
        #expect(h.lines[Self.messageRow] == "用法：:lang zh 或 :lang en")
    }

    @Test func unknownCommandShowsAMessageAndRingsTheBell() {
        let h = ConsoleHarness()
        h.command("frobnicate now")
        #expect(h.backend.bells == 1)
        #expect(h.state.message?.kind == .error)
        #expect(h.lines[Self.messageRow] == "unknown command \"frobnicate\"; try :theme NAME, :lang zh|en, :sync, :ack or :q")
        #expect(h.state.isRunning)
    }

    @Test func emptyCommandDoesNothing() {
        let h = ConsoleHarness()
        h.command("")
        #expect(h.state.overlay == nil)
        #expect(h.state.message == nil)
        #expect(h.backend.bells == 0)
    }

    @Test func escClearsTheMessage() {
        let h = ConsoleHarness()
        h.command("nosuch")
        #expect(h.lines[Self.messageRow] != "")
        h.press(.escape)
        #expect(h.state.message == nil)
        #expect(h.lines[Self.messageRow] == "")
    }

    @Test func helpCommandOpensHelp() {
        let h = ConsoleHarness()
        h.command("help")
        #expect(h.state.helpShown)
    }

    // MARK: quitting

    @Test func qQuits() {
        let h = ConsoleHarness()
        h.press(.char("q"))
        #expect(!h.state.isRunning)
    }

    @Test func ctrlCQuits() {
        let h = ConsoleHarness()
        h.press(.char("5"))
        h.press(.ctrl("c"))
        #expect(!h.state.isRunning)
    }

    @Test(arguments: ["q", "quit"])
    func quitCommandQuits(_ command: String) {
        let h = ConsoleHarness()
        h.command(command)
        #expect(!h.state.isRunning)
    }

    @Test func ctrlCInTheCommandLineOnlyCancelsIt() {
        let h = ConsoleHarness()
        h.type(":the")
        h.press(.ctrl("c"))
        #expect(h.state.isRunning)
        #expect(h.state.overlay == nil)
    }

    @Test func qInHelpClosesHelpWithoutQuitting() {
        let h = ConsoleHarness()
        h.press(.char("?"))
        h.press(.char("q"))
        #expect(h.state.isRunning)
        #expect(h.state.overlay == nil)
    }

    @Test func terminateStopsTheLoop() {
        let h = ConsoleHarness()
        h.runner.dispatch(.terminate)
        #expect(!h.state.isRunning)
    }

    @Test func runReturnsOnceQuitIsPressed() {
        let h = ConsoleHarness()
        // (Not screen 2: on the intake form `q` is a letter typed into a field.)
        h.backend.enqueue([.key(KeyPress(.char("3"))), .key(KeyPress(.char("q")))])
        h.runner.pollMilliseconds = 0
        h.runner.run()
        #expect(!h.state.isRunning)
        #expect(h.state.screen == .incidents)
        #expect(h.backend.pendingEvents == 0)
    }

    @Test func stopRequestEndsTheRunLoop() {
        let backend = MemoryBackend(size: Size(width: 80, height: 24))
        let clock = ManualClock("2026-11-23T14:05:00+08:00")
        let state = AppState(language: .en, theme: .builtin, size: backend.size, now: clock.now(),
                             timeZone: .current, stationName: "x")
        let runner = ConsoleRunner(state: state, backend: backend,
                                   environment: ConsoleEnvironment(clock: clock, loadTheme: { _ in (.builtin, nil) },
                                                                   stopRequested: { true }))
        runner.pollMilliseconds = 0
        runner.run()
        #expect(!runner.state.isRunning)
    }

    // MARK: size

    @Test(arguments: [Size(width: 59, height: 24), Size(width: 80, height: 15), Size(width: 50, height: 14)])
    func belowTheMinimumShowsTooSmall(_ size: Size) {
        let h = ConsoleHarness()
        h.resize(to: size)
        #expect(h.state.isTooSmall)
        #expect(h.screen.size == size)
        let text = h.lines.joined(separator: " ")
        #expect(text.contains("terminal too small (need 60×16, have \(size.width)×\(size.height))"))
        #expect(!text.contains("Board"))
        #expect(!text.contains("14:05"))
    }

    @Test func tooSmallInChinese() {
        let h = ConsoleHarness(language: .zh)
        h.resize(to: Size(width: 50, height: 14))
        #expect(h.lines.joined().contains("终端太小（至少需要 60×16，当前 50×14）"))
    }

    @Test func exactlyTheMinimumIsNotTooSmall() {
        let h = ConsoleHarness()
        h.resize(to: Size(width: 60, height: 16))
        #expect(!h.state.isTooSmall)
        #expect(h.lines[0].hasPrefix(" 1 Board "))
        #expect(h.lines[15].contains("2026-11-23 14:05:00"))
    }

    @Test func resizingBackRestoresTheFullScreen() {
        let h = ConsoleHarness()
        h.press(.char("3"))
        let full = h.lines
        h.resize(to: Size(width: 50, height: 14))
        #expect(h.lines.joined().contains("terminal too small"))
        h.resize(to: Size(width: 80, height: 24))
        #expect(h.lines == full)
        #expect(h.state.screen == .incidents)
    }

    @Test func keysStillWorkWhileTooSmall() {
        let h = ConsoleHarness()
        h.resize(to: Size(width: 50, height: 14))
        h.press(.char("4"))
        h.resize(to: Size(width: 120, height: 30))
        #expect(h.state.screen == .warnings)
        #expect(Self.shows(h, title: "Warnings"))
        #expect(h.lines[29].contains("2026-11-23 14:05:00"))
    }

    // MARK: clock

    @Test func clockTicksWithoutAKey() {
        let h = ConsoleHarness()
        let frames = h.backend.framesPresented
        h.advance(seconds: 1)
        #expect(h.lines[Self.statusRow].contains("2026-11-23 14:05:01"))
        #expect(!h.lines[Self.statusRow].contains("14:05:00"))
        #expect(h.backend.framesPresented == frames + 1)
        // Only the clock and the board's handover countdown changed: a handful of cells, not a redraw.
        #expect(h.backend.cellsWrittenLastFrame > 0 && h.backend.cellsWrittenLastFrame <= 4)
    }

    @Test func clockRollsOverTheDayInStationTime() {
        let h = ConsoleHarness(now: "2026-11-23T23:59:59+08:00")
        h.advance(seconds: 1)
        #expect(h.lines[Self.statusRow].contains("2026-11-24 00:00:00"))
    }

    @Test func clockIsShownInStationTimeNotUTC() {
        let h = ConsoleHarness(now: "2026-11-23T06:05:00Z")
        #expect(h.lines[Self.statusRow].contains("2026-11-23 14:05:00"))
    }

    @Test func noFrameWhenNothingChanged() {
        let h = ConsoleHarness()
        let frames = h.backend.framesPresented
        h.advance(seconds: 0.3)
        h.runner.step(timeoutMilliseconds: 0)
        #expect(h.backend.framesPresented == frames)
    }

    @Test func clockFormat() {
        let date = Date(timeIntervalSince1970: 0)
        #expect(ClockFormat.statusClock(date, timeZone: TimeZone(identifier: "Asia/Shanghai")!) == "1970-01-01 08:00:00")
        #expect(ClockFormat.statusClock(date, timeZone: TimeZone(identifier: "UTC")!) == "1970-01-01 00:00:00")
    }

    // MARK: pure reducer

    @Test func reduceIsPureAboutTicks() {
        var state = AppState(language: .en, theme: .builtin, size: Size(width: 80, height: 24),
                             now: Date(timeIntervalSince1970: 0), timeZone: .current, stationName: "x")
        let later = Date(timeIntervalSince1970: 5)
        let effects = reduce(&state, .tick(later))
        #expect(effects.isEmpty)
        #expect(state.now == later)
    }

    @Test func reduceAsksTheShellToLoadAThemeAndToRing() {
        var state = AppState(language: .en, theme: .builtin, size: Size(width: 80, height: 24),
                             now: Date(timeIntervalSince1970: 0), timeZone: .current, stationName: "x")
        for c in ":theme night" { _ = reduce(&state, .input(.key(KeyPress(.char(c))))) }
        #expect(reduce(&state, .input(.key(KeyPress(.enter)))) == [.loadTheme("night")])
        for c in ":nope" { _ = reduce(&state, .input(.key(KeyPress(.char(c))))) }
        #expect(reduce(&state, .input(.key(KeyPress(.enter)))) == [.bell])
    }
}
