@testable import Console
import ConsoleTestSupport
import DutyModel
import Foundation
import Testing
import TerminalUI

/// #23 item 5: an overlay clears its whole rectangle, border included, and a
/// one-cell margin around it (clipped to the body), so nothing of the screen
/// behind shows at its edges ("│7", doubled corners, half a Chinese character).
/// Every overlay the console draws, at 80×24, 60×16 and 200×60 in both
/// languages, over the incident list and over a body filled with text.
@Suite struct OverlayClearTests {
    typealias Case = ScreenCase
    static let cases = ScreenCase.all

    /// The console on the fixture station, on the incident list.
    static func base(_ c: Case) -> AppState {
        let h = ConsoleHarness(size: c.size, language: c.language, now: "2026-11-23T14:05:00+08:00", station: DutyFixture.station(),
                               operatorName: "高鹏")
        h.press(.char("3"))
        return h.state
    }

    /// Every overlay, each opened as the officer opens it (keys on its screen) where that is simple.
    static func overlays(_ base: AppState) -> [(name: String, state: AppState)] {
        func opened(_ screen: Screen, _ keys: [Key], then: (inout AppState) -> Void = { _ in }) -> AppState {
            var s = base
            s.screen = screen
            for key in keys { _ = reduce(&s, .input(.key(KeyPress(key)))) }
            then(&s)
            return s
        }
        func with(_ overlay: Overlay?, _ change: (inout AppState) -> Void = { _ in }) -> AppState {
            var s = base
            s.overlay = overlay
            change(&s)
            return s
        }
        let incident = "TZ-20261123-003"
        let chain = WarningsView.summaries(base).first!.chainKey
        let team = base.duty.resource("team:tz-fire-01")!
        var list: [(String, AppState)] = [
            ("help", with(nil) { $0.helpShown = true }),
            ("checkIn", opened(.board, [.char("c")])),
            ("mode", opened(.board, [.char("m")])),
            ("logEntry", opened(.log, [.char("p")])),
            ("logDetail", opened(.log, [.enter])),
            ("incidentDetail", with(.incidentDetail(incident))),
            ("resumeDraft", with(.resumeDraft) { $0.resumableDraft = ["opened_at": "2026-11-23T13:50:00+08:00", "description": "积水"] }),
            ("warningDetail", with(.warningDetail(chain))),
            ("dissemination", with(.dissemination(DisseminationDialog(chainKey: chain)))),
            ("warningEntry", with(.warningEntry(WarningEntryForm(rules: base.duty.rules, language: base.language)))),
            ("cancelWarning", with(.cancelWarning(chain))),
            ("resourceDetail", with(.resourceDetail(team.key))),
            ("handoverNotes", with(.handoverNotes(HandoverNotesDialog(slot: base.currentSlot, text: "泰兴槽罐车泄漏：续报未报")))),
            ("handoverSign", with(.handoverSign(HandoverSignDialog(role: .outgoing, slot: base.currentSlot, name: "高鹏")))),
            ("handoverHistory", with(.handoverHistory(HandoverHistoryDialog(ids: ["2026-11-23#0", "2026-11-22#1", "2026-11-22#0"])))),
        ]
        for action in [IncidentActionDialog.Action.report, .update, .grade, .status, .note, .reopen] {
            list.append(("incidentAction-\(action)", with(.incidentDetail(incident)) { $0.openIncidentAction(action, id: incident) }))
        }
        for action in [ResourceActionDialog.Action.dispatch, nil] {
            list.append(("resourceAction-\(String(describing: action))", with(nil) { _ = $0.openResourceAction(action, on: team, fromDetail: false) }))
        }
        return list.map { name, s in
            var s = s
            s.screen = .incidents     // the list behind, whatever screen opened it
            return (name, s)
        }
    }

    /// The overlay alone, drawn over an empty body.
    static func alone(_ state: AppState) -> ScreenBuffer {
        var buffer = ScreenBuffer(size: state.size, style: state.theme[.normal])
        let body = RootView.body(state)
        if state.helpShown { RootView.renderHelp(state, into: &buffer, area: body) } else { _ = DialogViews.render(state, into: &buffer, area: body) }
        return buffer
    }

    /// The overlay drawn over a body full of text: box lines, digits and Chinese at every column parity.
    static func overBusyText(_ state: AppState) -> ScreenBuffer {
        var buffer = ScreenBuffer(size: state.size, style: state.theme[.normal])
        let body = RootView.body(state)
        for y in body.y..<body.maxY {
            let row = String(String(repeating: "│7泰州┌─┐市应急", count: state.size.width).dropFirst((y - body.y) % 5))
            buffer.write(row, x: body.x, y: y, style: state.theme[.normal], clip: body)
        }
        if state.helpShown { RootView.renderHelp(state, into: &buffer, area: body) } else { _ = DialogViews.render(state, into: &buffer, area: body) }
        return buffer
    }

    /// The overlay's box in `alone`: its first top-left corner in the body.
    static func box(in alone: ScreenBuffer, body: Rect) -> Rect? {
        for y in body.y..<body.maxY {
            for x in body.x..<body.maxX where alone[x, y].text == "┌" {
                guard let right = ((x + 1)..<body.maxX).first(where: { alone[$0, y].text == "┐" }),
                      let bottom = ((y + 1)..<body.maxY).first(where: { alone[x, $0].text == "└" }) else { return nil }
                return Rect(x: x, y: y, width: right - x + 1, height: bottom - y + 1)
            }
        }
        return nil
    }

    /// Every cell of the box and its margin is the overlay's (as drawn alone), and no wide
    /// character of the screen is left cut in half beside the margin.
    static func expectCleared(_ front: ScreenBuffer, like alone: ScreenBuffer, box: Rect, body: Rect, _ what: String) {
        let margin = Rect(x: box.x - 1, y: box.y - 1, width: box.width + 2, height: box.height + 2).intersection(body)
        #expect(box.x > body.x && box.maxX < body.maxX, "\(what): a column is free on either side of \(box)")
        var differing: [String] = []
        for y in margin.y..<margin.maxY {
            for x in margin.x..<margin.maxX where front[x, y] != alone[x, y] {
                differing.append("(\(x),\(y)) \(front[x, y].text)≠\(alone[x, y].text)")
            }
            if margin.maxX < front.size.width, front[margin.maxX, y].isContinuation { differing.append("half a character right of row \(y)") }
            if margin.x > 0, front[margin.x - 1, y].width == 2 { differing.append("half a character left of row \(y)") }
        }
        #expect(differing.isEmpty, "\(what): the screen shows through at \(differing.prefix(8).joined(separator: "; "))")
        // Its own margin is blank: the border never touches anything.
        for y in margin.y..<margin.maxY {
            for x in margin.x..<margin.maxX where !box.contains(Position(x: x, y: y)) {
                if alone[x, y].text != " " { differing.append("(\(x),\(y))") }
            }
        }
        #expect(differing.isEmpty, "\(what): text in the margin at \(differing.prefix(8))")
    }

    @Test(arguments: cases)
    func everyOverlayClearsItsBoxAndAMarginOverText(_ c: Case) throws {
        let base = Self.base(c)
        let overlays = Self.overlays(base)
        #expect(overlays.count == 23)
        for (name, state) in overlays {
            let what = "\(name) at \(c.testDescription)"
            #expect(state.overlay != nil || state.helpShown, "\(what) did not open")
            let body = RootView.body(state)
            let alone = Self.alone(state)
            guard let box = Self.box(in: alone, body: body) else {
                Issue.record("\(what): no box drawn")
                continue
            }
            // Over the incident list as the console draws it, and over a body full of text.
            Self.expectCleared(RootView.render(state).buffer, like: alone, box: box, body: body, what + " over the list")
            Self.expectCleared(Self.overBusyText(state), like: alone, box: box, body: body, what + " over text")
        }
    }

    @Test func theMarginIsWhatWasMissing() {
        // Before #23 the report dialog at 80×24 stood one column from the list's border: "│" and the
        // list's text touched it. Now the column beside it is blank on every row of the box.
        let state = Self.overlays(Self.base(Case(language: .zh, size: Size(width: 80, height: 24))))
            .first { $0.name == "incidentAction-report" }!.state
        let frame = RootView.render(state).buffer
        let box = Self.box(in: Self.alone(state), body: RootView.body(state))!
        for y in box.y..<box.maxY {
            #expect(frame[box.x - 1, y] == Cell.blank(state.theme[.normal]), "row \(y)")
            #expect(frame[box.maxX, y] == Cell.blank(state.theme[.normal]), "row \(y)")
        }
    }
}
