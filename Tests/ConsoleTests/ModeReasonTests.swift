import Console
import ConsoleTestSupport
import DutyModel
import Foundation
import Testing
import TerminalUI

/// Emergency mode is entered only with its reason (the README's promise).
@Suite struct ModeReasonTests {
    @Test(arguments: DialogRulesTests.cases)
    func emergencyModeNeedsItsReason(_ c: DialogRulesTests.Case) throws {
        let station = DutyFixture.station()
        let h = ConsoleHarness(size: c.size, language: c.language, now: "2026-11-23T14:05:00+08:00", station: station, operatorName: "值班员")
        let before = station.events.count
        h.press(.char("m"))
        h.press(.enter)
        guard case .mode(let refused)? = h.state.overlay else { Issue.record("the dialog closed"); return }
        #expect(refused.problem == .modeReasonRequired)
        #expect(h.lines.joined().contains(c.language == .zh ? "“原因”必填" : "Reason is required"))
        #expect(station.events.count == before)
        #expect(station.state.mode.value != .emergency)
        assertSnapshot(h.screen, named: "mode-no-reason-\(c.testDescription)")
        // Spaces are no reason; typing clears the message; a reason switches.
        h.type("   ")
        h.press(.enter)
        #expect(station.events.count == before)
        h.press(.ctrl("u"))
        h.type("暴雨红色预警，启动Ⅲ级响应")
        guard case .mode(let typing)? = h.state.overlay else { Issue.record("the dialog closed"); return }
        #expect(typing.problem == nil)
        h.press(.enter)
        #expect(station.state.mode.value == .emergency)
        let change = station.decoded.compactMap { $0 as? Zhiban_Events_V1_ModeChanged }.last
        #expect(change?.reason == "暴雨红色预警，启动Ⅲ级响应")
        // Back to peacetime needs no reason.
        h.press(.char("m"), .enter)
        #expect(station.state.mode.value == .peacetime)
    }
}
