import SafeText
import DutyModel
import Foundation
import TerminalUI

/// The dialog of an action on an incident.
extension DialogViews {
    static func renderIncidentAction(_ state: AppState, _ dialog: IncidentActionDialog, into buffer: inout ScreenBuffer,
                             area: Rect) -> Position? {
        let theme = state.theme
        let lang = state.language
        let inner = frame(state, title: IntakeText.actionTitle(dialog.action, dialog.incidentID).text(lang), width: 72,
                          height: dialog.rowCount + 5, in: area, into: &buffer)
        guard inner.height > 2 else { return nil }
        let labelWidth = lang == .zh ? 14 : 16
        var y = inner.y
        var cursor: Position?
        for (i, row) in dialog.choices.enumerated() where y < inner.maxY - 2 {
            let focused = dialog.focus == i
            buffer.write(TextFit.pad(row.label.text(lang), to: labelWidth), x: inner.x, y: y, style: focused ? theme[.selection] : theme[.dialog], clip: inner)
            let value = "‹ " + IntakeText.choiceValue(row.value).text(lang) + " ›"
            buffer.write(value, x: inner.x + labelWidth, y: y, style: focused ? theme[.input] : theme[.dialog], clip: inner)
            y += 1
        }
        for (j, row) in dialog.fields.enumerated() where y < inner.maxY - 2 {
            let focused = dialog.focus == dialog.choices.count + j
            buffer.write(TextFit.pad(row.label.text(lang), to: labelWidth), x: inner.x, y: y, style: focused ? theme[.selection] : theme[.dialog], clip: inner)
            var field = row.field
            let rect = Rect(x: inner.x + labelWidth, y: y, width: max(1, inner.width - labelWidth), height: 1)
            if focused {
                cursor = field.render(into: &buffer, area: rect, style: theme[.input])
            } else {
                buffer.write(TextFit.truncate(field.text, to: rect.width), x: rect.x, y: y, style: theme[.dialog], clip: rect)
            }
            y += 1
        }
        if let problem = dialog.problem {
            for piece in TextFit.wrap(problem.text(lang), width: inner.width).prefix(2) where y < inner.maxY - 1 {
                buffer.write(piece, x: inner.x, y: y, style: theme[.error], clip: inner)
                y += 1
            }
        }
        buffer.write(TextFit.truncate(IntakeText.actionKeys.text(lang), to: inner.width), x: inner.x, y: inner.maxY - 1, style: theme[.muted], clip: inner)
        return cursor
    }
}
