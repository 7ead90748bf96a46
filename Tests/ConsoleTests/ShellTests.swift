import Console
import ConsoleTestSupport
import Testing
import TerminalUI

@Suite struct ShellSmokeTests {
    @Test func opensOnTheDutyBoard() {
        let h = ConsoleHarness()
        #expect(h.lines[0].contains("1 Board"))
        #expect(h.lines[23].contains("2026-11-23 14:05:00"))
    }
}
