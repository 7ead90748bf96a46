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
        case .incidentDetail(let id):
            guard let summary = IncidentsView.summaries(state).first(where: { $0.id == id }) else { return nil }
            renderLines(state, title: UIText.screenTitle(.incidents).text(state.language) + " " + id,
                        IncidentsView.detailLines(state, summary, full: true), footer: IntakeText.detailKeys.text(state.language),
                        into: &buffer, area: area)
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
        case .warningDetail(let chainKey):
            guard let summary = WarningsView.summary(state, chainKey) else { return nil }
            renderLines(state, title: WarningText.title.text(state.language) + " · " + WarningsView.typeName(state, summary.info),
                        WarningsView.detailLines(state, summary, full: true), footer: WarningText.detailKeys.text(state.language),
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
        case .resourceDetail(let key):
            guard let entry = state.duty.resource(key) else { return nil }
            // The facts whole, then the history oldest first: when it is too long the older moves give way.
            let lines = ResourcesView.detailLines(state, entry, historyLimit: nil, oldestFirst: true)
            renderLines(state, title: UIText.screenTitle(.resources).text(state.language) + " · " + TextSafety.sanitize(entry.summary.name),
                        lines.lines.map { (TextSafety.sanitize($0.0), $0.1) }, footer: UIText.resources(.detailKeys).text(state.language),
                        keepFirst: lines.facts, into: &buffer, area: area)
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
        case .logDetail(let key):
            guard let entry = state.duty.state.log[key] else { return nil }
            renderLogDetail(state, (key: key, entry: entry), into: &buffer, area: area)
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

    /// A box of wrapped lines, cut at the bottom when taller than the screen.
    /// `keepFirst`: that many leading lines are kept whole when the middle gives way (a
    /// resource's facts before its history); by default the first three wrapped rows.
    static func renderLines(_ state: AppState, title: String, _ lines: [(String, Style)], footer: String? = nil, keepFirst: Int? = nil,
                            into buffer: inout ScreenBuffer, area: Rect) {
        let lang = state.language
        let width = min(area.width - 2, area.width >= 120 ? 110 : 76)
        var wrapped: [(String, Style)] = []
        var headRows = 3
        for (i, (text, style)) in lines.enumerated() {
            for piece in TextFit.wrap(text, width: max(1, width - 4)) { wrapped.append((piece, style)) }
            if let keepFirst, i == keepFirst - 1 { headRows = wrapped.count }
        }
        let inner = frame(state, title: title, width: width, height: wrapped.count + 3, in: area, into: &buffer)
        var y = inner.y
        // Too long for the screen: the newest end of the timeline matters most, so the middle gives way.
        let room = max(0, inner.height - 1)
        if wrapped.count > room, room > 4 {
            let head = min(headRows, keepFirst == nil ? room / 3 : room - 3)
            wrapped = Array(wrapped.prefix(head)) + [("…", state.theme[.muted])] + Array(wrapped.suffix(room - head - 1))
        }
        for (piece, style) in wrapped where y < inner.maxY - 1 {
            buffer.write(piece, x: inner.x, y: y, style: style, clip: inner)
            y += 1
        }
        buffer.write(TextFit.truncate(footer ?? UIText.helpFooterDetail.text(lang), to: inner.width), x: inner.x, y: inner.maxY - 1,
                     style: state.theme[.muted], clip: inner)
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
