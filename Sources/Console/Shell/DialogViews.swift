import SafeText
import DutyModel
import Foundation
import TerminalUI

/// The dialog or overlay open, drawn over the body: each screen draws its own
/// (in Screens/<Name>/); the frame and the boxes they share are here.
enum DialogViews {
    /// Draws the open dialog, if any; returns where the cursor stands.
    static func render(_ state: AppState, into buffer: inout ScreenBuffer, area: Rect) -> Position? {
        switch state.overlay {
        case .checkIn(let dialog): return renderCheckIn(state, dialog, into: &buffer, area: area)
        case .mode(let dialog): return renderMode(state, dialog, into: &buffer, area: area)
        case .logEntry(let dialog): return renderLogEntry(state, dialog, into: &buffer, area: area)
        case .incidentDetail, .warningDetail, .resourceDetail, .logDetail:
            DetailView.render(state, into: &buffer, area: area)
            return nil
        case .incidentAction(let dialog):
            return renderIncidentAction(state, dialog, into: &buffer, area: area)
        case .resumeDraft:
            let values = state.resumableDraft ?? [:]
            let opened = values["opened_at"].flatMap { DutyTime.parseISO8601($0) }.map { ClockFormat.dayTime($0, timeZone: state.timeZone) } ?? "?"
            IntakeView.renderQuestion(state, title: IntakeText.resumeTitle.text(state.language),
                                      text: IntakeText.resumeQuestion(opened, IntakeForm.filledCount(values)).text(state.language),
                                      into: &buffer, area: area)
            return nil
        case .dissemination(let dialog):
            WarningsView.renderChecklist(state, dialog, into: &buffer, area: area)
            return nil
        case .warningEntry(let form):
            return WarningsView.renderEntry(state, form, into: &buffer, area: area)
        case .cancelWarning(let chainKey):
            guard let summary = WarningsView.summary(state, chainKey) else { return nil }
            let what = WarningsView.typeName(state, summary.info) + WarningText.level(summary.color).text(state.language)
            IntakeView.renderQuestion(state, title: WarningText.title.text(state.language),
                                      text: WarningText.cancelQuestion(what).text(state.language), into: &buffer, area: area)
            return nil
        case .resourceAction(let dialog):
            return renderResourceAction(state, dialog, into: &buffer, area: area)
        case .handoverNotes(let dialog):
            return HandoverView.renderNotes(state, dialog, into: &buffer, area: area)
        case .handoverSign(let dialog):
            return HandoverView.renderSign(state, dialog, into: &buffer, area: area)
        case .handoverHistory(let dialog):
            HandoverView.renderHistory(state, dialog, into: &buffer, area: area)
            return nil
        default:
            return nil
        }
    }

    /// A dialog's box (see `Box.overlay`: the box and a margin around it cleared); returns its inner area, a column in from the border.
    static func frame(_ state: AppState, title: String, width: Int, height: Int, in area: Rect, into buffer: inout ScreenBuffer) -> Rect {
        overlayBox(state, title: title, size: Size(width: width, height: height), in: area, into: &buffer).inset(horizontal: 1, vertical: 0)
    }

    /// Every overlay's box in the theme's dialog styles, by `Box.overlay`; returns the area inside the border.
    static func overlayBox(_ state: AppState, title: String, size: Size, in area: Rect, into buffer: inout ScreenBuffer) -> Rect {
        let theme = state.theme
        let border = Style(foreground: theme[.border].foreground, background: theme[.dialog].background)
        return Box.overlay(size, in: area, title: title, into: &buffer, border: border, titleStyle: theme[.dialogTitle],
                           fill: theme[.dialog], clear: theme[.normal]).inner
    }

    /// "Prompt: [field]" on row `y` of `inner`; returns the cursor.
    static func promptedField(_ state: AppState, _ prompt: UIText, _ field: TextFieldState, y: Int, in inner: Rect,
                              into buffer: inout ScreenBuffer) -> Position {
        var field = field
        let x = buffer.write(prompt.text(state.language), x: inner.x, y: y, style: state.theme[.dialogTitle], clip: inner)
        return field.render(into: &buffer, area: Rect(x: x, y: y, width: max(0, inner.maxX - x), height: 1), style: state.theme[.input])
    }
}

/// The rows of a dialog form that both the incident and the resource actions use:
/// choice rows ("‹ value ›", cycled with ←/→) then text fields, with the focused
/// row's label in the selection style; a problem below them, the keys at the bottom.
struct FormRows {
    var choices: [(label: String, value: String)]
    var fields: [(label: String, field: TextFieldState)]
    var focus: Int
    var problem: (text: String, style: Style)?
    var keys: String
    var labelWidth: Int
    /// Said below the rows before any problem (what a move leaves outstanding), wrapped to at most three lines.
    var notice: (text: String, style: Style)? = nil

    /// The rows `notice` takes at `width`.
    static func noticeRows(_ text: String?, width: Int) -> Int {
        text.map { min(3, TextFit.wrap(TextSafety.sanitize($0), width: max(1, width)).count) } ?? 0
    }

    /// Draws into `inner`; returns where the cursor stands in the focused field.
    func render(_ state: AppState, into buffer: inout ScreenBuffer, inner: Rect) -> Position? {
        let theme = state.theme
        var y = inner.y
        var cursor: Position?
        for (i, row) in choices.enumerated() where y < inner.maxY - 2 {
            let focused = focus == i
            buffer.write(TextFit.pad(row.label, to: labelWidth), x: inner.x, y: y, style: focused ? theme[.selection] : theme[.dialog], clip: inner)
            buffer.write(TextFit.truncate("‹ " + TextSafety.sanitize(row.value) + " ›", to: max(1, inner.width - labelWidth)), x: inner.x + labelWidth,
                         y: y, style: focused ? theme[.input] : theme[.dialog], clip: inner)
            y += 1
        }
        for (j, row) in fields.enumerated() where y < inner.maxY - 2 {
            let focused = focus == choices.count + j
            buffer.write(TextFit.pad(row.label, to: labelWidth), x: inner.x, y: y, style: focused ? theme[.selection] : theme[.dialog], clip: inner)
            var field = row.field
            let rect = Rect(x: inner.x + labelWidth, y: y, width: max(1, inner.width - labelWidth), height: 1)
            if focused {
                cursor = field.render(into: &buffer, area: rect, style: theme[.input])
            } else {
                buffer.write(TextFit.truncate(field.text, to: rect.width), x: rect.x, y: y, style: theme[.dialog], clip: rect)
            }
            y += 1
        }
        if let notice {
            for piece in TextFit.wrap(TextSafety.sanitize(notice.text), width: inner.width).prefix(3) where y < inner.maxY - 1 {
                buffer.write(piece, x: inner.x, y: y, style: notice.style, clip: inner)
                y += 1
            }
        }
        if let problem {
            for piece in TextFit.wrap(TextSafety.sanitize(problem.text), width: inner.width).prefix(2) where y < inner.maxY - 1 {
                buffer.write(piece, x: inner.x, y: y, style: problem.style, clip: inner)
                y += 1
            }
        }
        buffer.write(TextFit.truncate(keys, to: inner.width), x: inner.x, y: inner.maxY - 1, style: theme[.muted], clip: inner)
        return cursor
    }

    /// Tab/↓ and Shift-Tab/↑ move between the rows: the new focus, or nil for any other key.
    static func moveFocus(_ key: Key, focus: Int, rows: Int) -> Int? {
        guard rows > 0 else { return nil }
        switch key {
        case .tab, .down: return (focus + 1) % rows
        case .backTab, .up: return (focus + rows - 1) % rows
        default: return nil
        }
    }
}
