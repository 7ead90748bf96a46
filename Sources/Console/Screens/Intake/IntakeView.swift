import DutyModel
import Foundation
import TerminalUI

/// 接报登记: one form with every intake field, grouped as the caller tells
/// it; the suggested grade and the report deadlines above it update as the
/// numbers are typed. On a small screen the form scrolls with the cursor.
public enum IntakeView {
    /// A line of the form: a section heading or a field.
    enum Row: Equatable {
        case section(IntakeSection)
        case field(IntakeField)
    }

    static let rows: [Row] = IntakeSection.allCases.flatMap { section in
        [Row.section(section)] + IntakeField.allCases.filter { $0.section == section }.map(Row.field)
    }

    /// The candidates the focused picker shows, or none when it is not a
    /// picker or its entry is already chosen.
    static func openCandidates(_ state: AppState, _ form: IntakeForm) -> [PickerCandidate] {
        let field = form.focus
        guard field.kind == .picker, form.picked[field] == nil else { return [] }
        return form.candidates(field, duty: state.duty, language: state.language)
    }

    static let dropdownRows = 6

    static func render(_ state: AppState, into buffer: inout ScreenBuffer, area: Rect) -> Position? {
        guard let form = state.intake else { return nil }
        let theme = state.theme
        let lang = state.language
        let inner = area.inset(horizontal: 1, vertical: 0)
        guard inner.height >= 6, inner.width >= 20 else { return nil }
        let wide = inner.width >= 120
        let panelWidth = wide ? min(56, inner.width / 3) : 0
        let formArea = Rect(x: inner.x, y: inner.y, width: inner.width - (wide ? panelWidth + 2 : 0), height: inner.height)
        let assessment = assessmentLines(state, form)

        // Title, then (narrow screens) the live grade and deadlines on one line each.
        var y = formArea.y
        buffer.write(IntakeText.title(ClockFormat.dayTime(form.openedAt, timeZone: state.timeZone)).text(lang),
                     x: formArea.x, y: y, style: theme[.title], clip: formArea)
        y += 1
        if !wide {
            for (text, style) in assessment.prefix(2) {
                buffer.write(TextFit.truncate(text, to: formArea.width), x: formArea.x, y: y, style: style, clip: formArea)
                y += 1
            }
        }
        let footerHeight = 2
        let body = Rect(x: formArea.x, y: y, width: formArea.width, height: max(1, formArea.maxY - y - footerHeight))

        // Scroll so the focused field, and its picker under it, are in view.
        let focusRow = rows.firstIndex(of: .field(form.focus)) ?? 0
        let candidates = openCandidates(state, form)
        let dropdown = candidates.isEmpty ? 0 : min(dropdownRows, candidates.count) + (candidates.count > dropdownRows ? 1 : 0)
        let below = min(dropdown, max(0, body.height - 2))
        var offset = max(0, focusRow - max(1, (body.height - below) / 3))
        offset = min(offset, max(0, rows.count - body.height))
        if focusRow + below >= offset + body.height { offset = focusRow + below - body.height + 1 }
        if focusRow < offset { offset = focusRow }

        let labelWidth = lang == .zh ? 14 : 19
        let hintWidth = body.width >= 90 ? 26 : 14
        let fieldX = body.x + labelWidth
        // Long enough for a dictated sentence; wider only spreads the eye.
        let fieldWidth = min(72, max(8, body.width - labelWidth - hintWidth - 1))
        var cursor: Position?
        var focusY: Int?
        for (i, row) in rows.enumerated().dropFirst(offset) {
            let rowY = body.y + i - offset
            guard rowY < body.maxY else { break }
            switch row {
            case .section(let section):
                let title = "── " + IntakeText.section(section).text(lang) + " "
                buffer.write(title + String(repeating: "─", count: max(0, body.width - DisplayWidth.of(title))), x: body.x, y: rowY,
                             style: theme[.header], clip: body)
            case .field(let field):
                let focused = field == form.focus
                let problem = form.problems[field]
                let labelStyle = problem != nil ? theme[.error] : focused ? theme[.selection] : theme[.normal]
                let marker = problem != nil ? "!" : " "
                buffer.write(TextFit.pad(marker + IntakeText.label(field).text(lang), to: labelWidth - 1), x: body.x, y: rowY,
                             style: labelStyle, clip: body)
                var text = form.fields[field] ?? TextFieldState()
                let rect = Rect(x: fieldX, y: rowY, width: fieldWidth, height: 1)
                if focused {
                    cursor = text.render(into: &buffer, area: rect, style: theme[.input])
                    focusY = rowY
                } else {
                    buffer.fill(rect, style: theme[.normal])
                    let placeholder: IntakeText? = text.isEmpty ? (field == .grade ? .gradeTakeSuggestion : field == .sensitive ? .sensitiveNo : nil) : nil
                    let shown = placeholder?.text(lang) ?? text.text
                    buffer.write(TextFit.truncate(shown, to: fieldWidth), x: fieldX, y: rowY,
                                 style: placeholder != nil ? theme[.muted] : theme[.normal], clip: rect)
                }
                let hint = hintText(state, form, field)
                if let (hintText, style) = hint {
                    let hx = fieldX + fieldWidth + 1
                    buffer.write(TextFit.truncate(hintText, to: max(0, body.maxX - hx)), x: hx, y: rowY, style: style, clip: body)
                }
            }
        }

        if let focusY, !candidates.isEmpty {
            renderDropdown(state, candidates, highlight: form.highlight, x: fieldX, width: min(fieldWidth + hintWidth, 48),
                           y: focusY + 1, limit: body.maxY, into: &buffer)
        }

        // Footer: the problem or remark of the moment, then the keys.
        let footerY = body.maxY
        let message: (String, Style)? = {
            if let problem = form.problems[form.focus] { return (problem.text(lang), theme[.error]) }
            if let notice = form.notice {
                switch notice {
                case .placeFree: return (notice.text(lang), theme[.warning])
                default: return (notice.text(lang), theme[.error])
                }
            }
            return nil
        }()
        if let (text, style) = message {
            buffer.write(TextFit.truncate(text, to: formArea.width), x: formArea.x, y: footerY, style: style, clip: formArea)
        }
        buffer.write(TextFit.truncate(IntakeText.keys.text(lang), to: formArea.width), x: formArea.x, y: footerY + 1,
                     style: theme[.muted], clip: formArea)

        if wide {
            let panel = Rect(x: formArea.maxX + 2, y: inner.y, width: panelWidth, height: inner.height)
            let box = Box.draw(panel, title: IntakeText.section(.grade).text(lang), into: &buffer, border: theme[.border],
                               titleStyle: theme[.title], fill: theme[.normal]).inset(horizontal: 1, vertical: 0)
            var py = box.y
            for (text, style) in assessment {
                for piece in TextFit.wrap(text, width: box.width) where py < box.maxY {
                    buffer.write(piece, x: box.x, y: py, style: style, clip: box)
                    py += 1
                }
            }
        }

        if form.leaving != nil {
            renderQuestion(state, title: IntakeText.leaveTitle.text(lang), text: IntakeText.leaveQuestion.text(lang), into: &buffer, area: area)
            return nil
        }
        return cursor
    }

    /// The live grade and deadlines: first two lines are the summary shown
    /// above a narrow form; the panel of a wide one shows them all.
    static func assessmentLines(_ state: AppState, _ form: IntakeForm) -> [(String, Style)] {
        let theme = state.theme
        let lang = state.language
        let rules = state.duty.rules
        var lines: [(String, Style)] = []
        if form.typeID == nil {
            lines.append((IntakeText.suggestedNone.text(lang), theme[.muted]))
        } else if let s = form.suggestion(rules: rules) {
            lines.append((IntakeText.suggested(s.grade, why(s, lang)).text(lang), theme[.warning]))
        } else {
            lines.append((IntakeText.suggestedNoTable.text(lang), theme[.muted]))
        }
        let deadlines = form.deadlines(rules: rules, now: state.now, timeZone: state.timeZone)
        let shown = deadlines.prefix(2).map { d in
            UIText.deadline(d.kind, ClockFormat.shortDayTime(d.due, now: state.now, timeZone: state.timeZone), overdue: d.isOverdue(at: state.now)).text(lang)
        }
        let anyOverdue = deadlines.contains { $0.isOverdue(at: state.now) }
        lines.append((IntakeText.deadlinesLine(shown.isEmpty ? "—" : shown.joined(separator: " · ")).text(lang),
                      anyOverdue ? theme[.overdue] : theme[.normal]))
        for d in deadlines.dropFirst(2) {
            lines.append((UIText.deadline(d.kind, ClockFormat.shortDayTime(d.due, now: state.now, timeZone: state.timeZone), overdue: false).text(lang),
                          theme[.muted]))
        }
        return lines
    }

    /// "死亡 3 ≥ 3" — which column of the table reached the grade.
    static func why(_ s: GradeSuggestion, _ lang: Language) -> String {
        guard let column = s.column, let value = s.value, let bound = s.bound else { return s.sourceText(zh: lang == .zh) }
        let name = lang == .zh ? column.chinese : column.english
        return "\(name) \(value) ≥ \(bound)"
    }

    /// What stands right of a field: a time read back, a place's status, or nothing.
    static func hintText(_ state: AppState, _ form: IntakeForm, _ field: IntakeField) -> (String, Style)? {
        let theme = state.theme
        let lang = state.language
        if let problem = form.problems[field], field != form.focus {
            return (problem.text(lang), theme[.error])
        }
        // What the focused number field refused is said beside it, not only at the foot of the form.
        if field == form.focus, case .notTaken(let refusedIn, let text)? = form.notice, refusedIn == field {
            return (IntakeText.notTakenShort(text).text(lang), theme[.error])
        }
        switch field.kind {
        case .time:
            if case .success(let d)? = form.time(field, now: state.now, timeZone: state.timeZone) {
                return (IntakeText.timeResolved(ClockFormat.dayTime(d, timeZone: state.timeZone)).text(lang), theme[.muted])
            }
            return nil
        case .picker where field.acceptsFreeText && !form.text(field).isEmpty:
            return form.picked[field] != nil ? (IntakeText.placeListed.text(lang), theme[.ok])
                : field == form.focus ? nil : (IntakeText.placeFreeShort.text(lang), theme[.warning])
        default:
            return nil
        }
    }

    private static func renderDropdown(_ state: AppState, _ candidates: [PickerCandidate], highlight: Int, x: Int, width: Int, y: Int,
                                       limit: Int, into buffer: inout ScreenBuffer) {
        let theme = state.theme
        let room = min(dropdownRows, max(0, limit - y))
        guard room > 0 else { return }
        let first = max(0, min(highlight - room + 1, candidates.count - room))
        var row = y
        for (i, c) in candidates.enumerated().dropFirst(first).prefix(room) {
            let style = i == highlight ? theme[.selection] : theme[.dialog]
            let rect = Rect(x: x, y: row, width: width, height: 1)
            buffer.fill(rect, style: style)
            let text = c.detail.isEmpty ? c.label : TextFit.pad(c.label, to: min(20, width / 2)) + " " + c.detail
            // ▸ marks the entry Enter takes, in every theme including mono.
            buffer.write(TextFit.truncate((i == highlight ? "▸" : " ") + text, to: width), x: x, y: row, style: style, clip: rect)
            row += 1
        }
        if candidates.count > room, row < limit {
            let rect = Rect(x: x, y: row, width: width, height: 1)
            buffer.fill(rect, style: theme[.dialog])
            buffer.write(" " + IntakeText.candidatesMore(candidates.count - room).text(state.language), x: x, y: row, style: theme[.muted], clip: rect)
        }
    }

    /// A centred question box over the form.
    static func renderQuestion(_ state: AppState, title: String, text: String, into buffer: inout ScreenBuffer, area: Rect) {
        let theme = state.theme
        let width = min(70, area.width - 2)
        let lines = TextFit.wrap(text, width: width - 4)
        let inner = DialogViews.overlayBox(state, title: title, size: Size(width: width, height: lines.count + 2), in: area, into: &buffer)
            .inset(horizontal: 1, vertical: 0)
        for (i, line) in lines.enumerated() where inner.y + i < inner.maxY {
            buffer.write(line, x: inner.x, y: inner.y + i, style: theme[.dialog], clip: inner)
        }
    }
}
