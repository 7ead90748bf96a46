import SafeText
import DutyModel
import Foundation
import TerminalUI

/// The entry dialog of the duty log (its detail is a `DetailView`).
extension DialogViews {
    static func renderLogEntry(_ state: AppState, _ dialog: LogEntryDialog, into buffer: inout ScreenBuffer, area: Rect) -> Position? {
        let theme = state.theme
        let lang = state.language
        let detailRows = area.height >= 40 ? 10 : 4
        let height = dialog.fields.count - 1 + detailRows + 5
        let inner = frame(state, title: UIText.log(.logEntryTitle(dialog.kind)).text(lang), width: area.width >= 120 ? 100 : 76,
                          height: height, in: area, into: &buffer)
        guard inner.height > 3 else { return nil }
        let labels: [LogEntryDialog.Field: UIText] = [.counterpart: dialog.kind == .instruction ? .log(.fieldLeader) : .log(.fieldCounterpart),
                                                      .text: .log(.fieldText), .due: .log(.fieldDue), .detail: .log(.fieldDetail)]
        let labelWidth = labels.values.map { $0.text(lang).displayWidth }.max()! + 1
        var y = inner.y
        var cursor: Position?
        for field in dialog.fields {
            guard y < inner.maxY - 2 else { break }
            let focused = field == dialog.focus
            buffer.write(labels[field]!.text(lang), x: inner.x, y: y, style: focused ? theme[.dialogTitle] : theme[.dialog], clip: inner)
            let x = inner.x + labelWidth
            let style = focused ? theme[.input] : theme[.normal]
            switch field {
            case .detail:
                var area = dialog.detail
                let rect = Rect(x: x, y: y, width: max(0, inner.maxX - x), height: max(1, min(detailRows, inner.maxY - 2 - y)))
                buffer.fill(rect, style: style)
                let at = area.render(into: &buffer, area: rect, style: style)
                if focused { cursor = at }
                y = rect.maxY
            default:
                var text = field == .counterpart ? dialog.counterpart : field == .text ? dialog.text : dialog.due
                let rect = Rect(x: x, y: y, width: max(0, inner.maxX - x), height: 1)
                buffer.fill(rect, style: style)
                let at = text.render(into: &buffer, area: rect, style: style)
                if focused { cursor = at }
                y += 1
            }
        }
        if let problem = dialog.problem {
            buffer.write(TextFit.truncate(problem.text(lang), to: inner.width), x: inner.x, y: inner.maxY - 2, style: theme[.error], clip: inner)
        } else if dialog.kind == .instruction {
            buffer.write(TextFit.truncate(UIText.log(.dueHint).text(lang), to: inner.width), x: inner.x, y: inner.maxY - 2, style: theme[.muted], clip: inner)
        }
        buffer.write(TextFit.truncate(UIText.log(.logEntryHelp).text(lang), to: inner.width), x: inner.x, y: inner.maxY - 1, style: theme[.muted], clip: inner)
        return cursor
    }
}
