import Console
import ConsoleTestSupport
import Foundation
import Testing
import TerminalUI

/// Whole-screen snapshots (text and styles) in `__Snapshots__/`. Record with
/// RECORD_SNAPSHOTS=1 and read the files before accepting them.
@Suite struct SnapshotTests {
    struct Shell: CustomTestStringConvertible, Sendable {
        var width: Int
        var height: Int
        var language: Language
        var theme: String
        var name: String { "shell-\(width)x\(height)-\(language)-\(theme)" }
        var testDescription: String { name }
    }

    static let shells: [Shell] = [(80, 24), (200, 60)].flatMap { size in
        Language.allCases.flatMap { language in
            ["default", "night"].map { Shell(width: size.0, height: size.1, language: language, theme: $0) }
        }
    }

    @Test(arguments: shells)
    func shell(_ s: Shell) {
        let h = ConsoleHarness(size: Size(width: s.width, height: s.height), language: s.language, theme: s.theme)
        #expect(h.state.theme.name == s.theme)
        #expect(h.screen.size == Size(width: s.width, height: s.height))
        assertSnapshot(h.screen, named: s.name)
    }

    @Test(arguments: Language.allCases)
    func helpOverlay(_ language: Language) {
        let h = ConsoleHarness(language: language)
        h.press(.char("?"))
        assertSnapshot(h.screen, named: "help-80x24-\(language)")
    }

    @Test func helpOverlayLarge() {
        let h = ConsoleHarness(size: Size(width: 200, height: 60), language: .zh, theme: "night")
        h.press(.function(3))
        h.press(.char("?"))
        assertSnapshot(h.screen, named: "help-200x60-zh-night")
    }

    @Test func commandLineWithChineseTyped() {
        let h = ConsoleHarness(language: .zh)
        h.type(":theme 夜间")
        #expect(h.backend.cursor == Position(x: 11, y: 22))
        assertSnapshot(h.screen, named: "command-line-80x24-zh")
    }

    @Test func commandLineWithChineseTypedEnglishUI() {
        let h = ConsoleHarness(language: .en, theme: "night")
        h.type(":lang 中文界面")
        assertSnapshot(h.screen, named: "command-line-80x24-en-night")
    }

    @Test(arguments: Language.allCases)
    func tooSmall(_ language: Language) {
        let h = ConsoleHarness(language: language)
        h.resize(to: Size(width: 50, height: 14))
        assertSnapshot(h.screen, named: "too-small-50x14-\(language)")
    }

    @Test(arguments: Language.allCases)
    func themeProblem(_ language: Language) throws {
        let h = ConsoleHarness(language: language)
        let broken = "name = \"broken\"\n[roles.normal]\nfg = \"white\"\nbg = \"nosuchcolour\"\n"
        guard case .failure(let problem) = ThemeLoader.parse(broken, file: "themes/broken.toml", base: .builtin) else {
            Issue.record("a theme with an unknown colour parsed")
            return
        }
        #expect(problem.line == 4)
        h.runner.dispatch(.themeLoaded(.builtin, problem: problem))
        h.runner.draw()
        #expect(h.lines[22].contains(language == .zh ? "themes/broken.toml 第 4 行" : "themes/broken.toml line 4"))
        assertSnapshot(h.screen, named: "theme-problem-80x24-\(language)")
    }

    @Test func unknownCommand() {
        let h = ConsoleHarness(language: .zh)
        h.command("同步")
        assertSnapshot(h.screen, named: "unknown-command-80x24-zh")
    }
}
