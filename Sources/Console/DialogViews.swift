import DutyModel
import Foundation
import TerminalUI

/// The dialogs of the board and duty-log screens, drawn over the body.
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
        case .logDetail(let key):
            guard let entry = state.duty.state.log[key] else { return nil }
            renderLogDetail(state, (key: key, entry: entry), into: &buffer, area: area)
            return nil
        default:
            return nil
        }
    }

    private static func frame(_ state: AppState, title: String, width: Int, height: Int, in area: Rect, into buffer: inout ScreenBuffer) -> Rect {
        let theme = state.theme
        let rect = area.centered(Size(width: min(width, area.width - 2), height: min(height, area.height)))
        let border = Style(foreground: theme[.border].foreground, background: theme[.dialog].background)
        return Box.draw(rect, title: title, into: &buffer, border: border, titleStyle: theme[.dialogTitle], fill: theme[.dialog])
            .inset(horizontal: 1, vertical: 0)
    }

    private static func renderCheckIn(_ state: AppState, _ dialog: CheckInDialog, into buffer: inout ScreenBuffer, area: Rect) -> Position? {
        let theme = state.theme
        let lang = state.language
        let title = UIText.checkInTitle(ClockFormat.dayTime(dialog.slot.start, timeZone: state.timeZone)).text(lang)
        let inner = frame(state, title: title, width: 64, height: dialog.rows.count + 6, in: area, into: &buffer)
        guard inner.height > 2 else { return nil }
        var y = inner.y
        for piece in TextFit.wrap(UIText.checkInHelp.text(lang), width: inner.width) where y < inner.maxY - 1 {
            buffer.write(piece, x: inner.x, y: y, style: theme[.muted], clip: inner)
            y += 1
        }
        y += 1
        let visible = max(1, inner.maxY - y - 1)
        let first = max(0, min(dialog.selected - visible + 1, dialog.rows.count - visible))
        for (i, row) in dialog.rows.enumerated().dropFirst(first).prefix(visible) {
            let mark = row.present ? "[x] " : "[ ] "
            let role = UIText.checkInRole(row.role).text(lang)
            let text = TextFit.pad(mark + TerminalText.sanitize(row.name), to: 16) + role
            let style = i == dialog.selected && dialog.adding == nil ? theme[.selection] : theme[.dialog]
            buffer.fill(Rect(x: inner.x, y: y, width: inner.width, height: 1), style: style)
            buffer.write(TextFit.truncate(text, to: inner.width), x: inner.x, y: y, style: style, clip: inner)
            y += 1
        }
        if dialog.rows.isEmpty && dialog.adding == nil {
            buffer.write(UIText.checkInNobody.text(lang), x: inner.x, y: y, style: theme[.warning], clip: inner)
        }
        guard let field = dialog.adding else { return nil }
        return promptedField(state, .checkInAddPrompt, field, y: inner.maxY - 1, in: inner, into: &buffer)
    }

    /// "Prompt: [field]" on row `y` of `inner`; returns the cursor.
    private static func promptedField(_ state: AppState, _ prompt: UIText, _ field: TextFieldState, y: Int, in inner: Rect,
                                      into buffer: inout ScreenBuffer) -> Position {
        var field = field
        let x = buffer.write(prompt.text(state.language), x: inner.x, y: y, style: state.theme[.dialogTitle], clip: inner)
        return field.render(into: &buffer, area: Rect(x: x, y: y, width: max(0, inner.maxX - x), height: 1), style: state.theme[.input])
    }

    private static func renderMode(_ state: AppState, _ dialog: ModeDialog, into buffer: inout ScreenBuffer, area: Rect) -> Position? {
        let theme = state.theme
        let lang = state.language
        let inner = frame(state, title: UIText.modeTitle(dialog.target).text(lang), width: 64, height: 8, in: area, into: &buffer)
        guard inner.height > 2 else { return nil }
        var y = inner.y
        for piece in TextFit.wrap(UIText.modeExplain(dialog.target).text(lang), width: inner.width) where y < inner.maxY - 2 {
            buffer.write(piece, x: inner.x, y: y, style: theme[.dialog], clip: inner)
            y += 1
        }
        buffer.write(UIText.modeHelp.text(lang), x: inner.x, y: inner.maxY - 1, style: theme[.muted], clip: inner)
        return promptedField(state, .modeReasonPrompt, dialog.reason, y: inner.maxY - 2, in: inner, into: &buffer)
    }

    private static func renderLogEntry(_ state: AppState, _ dialog: LogEntryDialog, into buffer: inout ScreenBuffer, area: Rect) -> Position? {
        let theme = state.theme
        let lang = state.language
        let detailRows = area.height >= 40 ? 10 : 4
        let height = dialog.fields.count - 1 + detailRows + 5
        let inner = frame(state, title: UIText.logEntryTitle(dialog.kind).text(lang), width: area.width >= 120 ? 100 : 76,
                          height: height, in: area, into: &buffer)
        guard inner.height > 3 else { return nil }
        let labels: [LogEntryDialog.Field: UIText] = [.counterpart: dialog.kind == .instruction ? .fieldLeader : .fieldCounterpart,
                                                      .text: .fieldText, .due: .fieldDue, .detail: .fieldDetail]
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
            buffer.write(TextFit.truncate(UIText.dueHint.text(lang), to: inner.width), x: inner.x, y: inner.maxY - 2, style: theme[.muted], clip: inner)
        }
        buffer.write(TextFit.truncate(UIText.logEntryHelp.text(lang), to: inner.width), x: inner.x, y: inner.maxY - 1, style: theme[.muted], clip: inner)
        return cursor
    }

    private static func renderLogDetail(_ state: AppState, _ item: LogView.Item, into buffer: inout ScreenBuffer, area: Rect) {
        renderLines(state, title: UIText.logDetailTitle.text(state.language), LogView.detailLines(state, item), into: &buffer, area: area)
    }

    /// A box of wrapped lines, cut at the bottom when taller than the screen.
    private static func renderLines(_ state: AppState, title: String, _ lines: [(String, Style)], footer: String? = nil,
                                    into buffer: inout ScreenBuffer, area: Rect) {
        let lang = state.language
        let width = min(area.width - 2, area.width >= 120 ? 110 : 76)
        var wrapped: [(String, Style)] = []
        for (text, style) in lines {
            for piece in TextFit.wrap(text, width: max(1, width - 4)) { wrapped.append((piece, style)) }
        }
        let inner = frame(state, title: title, width: width, height: wrapped.count + 3, in: area, into: &buffer)
        var y = inner.y
        // Too long for the screen: the newest end of the timeline matters most, so the middle gives way.
        let room = max(0, inner.height - 1)
        if wrapped.count > room, room > 4 {
            let head = min(3, room / 3)
            wrapped = Array(wrapped.prefix(head)) + [("…", state.theme[.muted])] + Array(wrapped.suffix(room - head - 1))
        }
        for (piece, style) in wrapped where y < inner.maxY - 1 {
            buffer.write(piece, x: inner.x, y: y, style: style, clip: inner)
            y += 1
        }
        buffer.write(TextFit.truncate(footer ?? UIText.helpFooterDetail.text(lang), to: inner.width), x: inner.x, y: inner.maxY - 1,
                     style: state.theme[.muted], clip: inner)
    }

    private static func renderIncidentAction(_ state: AppState, _ dialog: IncidentActionDialog, into buffer: inout ScreenBuffer,
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
