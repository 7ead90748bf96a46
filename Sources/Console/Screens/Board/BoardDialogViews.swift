import SafeText
import DutyModel
import Foundation
import TerminalUI

/// The check-in and mode dialogs of the duty board.
extension DialogViews {
    static func renderCheckIn(_ state: AppState, _ dialog: CheckInDialog, into buffer: inout ScreenBuffer, area: Rect) -> Position? {
        let theme = state.theme
        let lang = state.language
        let title = UIText.board(.checkInTitle(ClockFormat.dayTime(dialog.slot.start, timeZone: state.timeZone))).text(lang)
        let inner = frame(state, title: title, width: 64, height: dialog.rows.count + 6, in: area, into: &buffer)
        guard inner.height > 2 else { return nil }
        var y = inner.y
        for piece in TextFit.wrap(UIText.board(.checkInHelp).text(lang), width: inner.width) where y < inner.maxY - 1 {
            buffer.write(piece, x: inner.x, y: y, style: theme[.muted], clip: inner)
            y += 1
        }
        y += 1
        let visible = max(1, inner.maxY - y - 1)
        let first = max(0, min(dialog.selected - visible + 1, dialog.rows.count - visible))
        for (i, row) in dialog.rows.enumerated().dropFirst(first).prefix(visible) {
            let mark = row.present ? "[x] " : "[ ] "
            let role = UIText.board(.checkInRole(row.role)).text(lang)
            let text = TextFit.pad(mark + TextSafety.sanitize(row.name), to: 16) + role
            let style = i == dialog.selected && dialog.adding == nil ? theme[.selection] : theme[.dialog]
            buffer.fill(Rect(x: inner.x, y: y, width: inner.width, height: 1), style: style)
            buffer.write(TextFit.truncate(text, to: inner.width), x: inner.x, y: y, style: style, clip: inner)
            y += 1
        }
        if dialog.rows.isEmpty && dialog.adding == nil {
            buffer.write(UIText.board(.checkInNobody).text(lang), x: inner.x, y: y, style: theme[.warning], clip: inner)
        }
        guard let field = dialog.adding else { return nil }
        return promptedField(state, .board(.checkInAddPrompt), field, y: inner.maxY - 1, in: inner, into: &buffer)
    }

    static func renderMode(_ state: AppState, _ dialog: ModeDialog, into buffer: inout ScreenBuffer, area: Rect) -> Position? {
        let theme = state.theme
        let lang = state.language
        // A refusal takes the row above the reason, the dialog growing by one.
        let problemRows = dialog.problem == nil ? 0 : 1
        let inner = frame(state, title: UIText.board(.modeTitle(dialog.target)).text(lang), width: 64, height: 8 + problemRows,
                          in: area, into: &buffer)
        guard inner.height > 2 else { return nil }
        var y = inner.y
        for piece in TextFit.wrap(UIText.board(.modeExplain(dialog.target)).text(lang), width: inner.width) where y < inner.maxY - 2 - problemRows {
            buffer.write(piece, x: inner.x, y: y, style: theme[.dialog], clip: inner)
            y += 1
        }
        if let problem = dialog.problem, inner.height > 3 {
            buffer.write(TextFit.truncate(UIText.board(problem).text(lang), to: inner.width), x: inner.x, y: inner.maxY - 3,
                         style: theme[.error], clip: inner)
        }
        buffer.write(UIText.board(.modeHelp).text(lang), x: inner.x, y: inner.maxY - 1, style: theme[.muted], clip: inner)
        return promptedField(state, .board(.modeReasonPrompt), dialog.reason, y: inner.maxY - 2, in: inner, into: &buffer)
    }
}
