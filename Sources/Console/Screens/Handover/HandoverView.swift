import DutyModel
import Foundation
import SafeText
import TerminalUI

/// Screen 7: the handover report of the shift whose handover is due (or a past one, read-only),
/// scrollable, with its phase on top and its keys below (#21).
enum HandoverView {
    /// The report shown: the past one opened, else the one due now.
    static func report(_ state: AppState) -> HandoverReport {
        state.handover.past ?? state.duty.handoverReport(now: state.now, timeZone: state.timeZone)
    }

    static func lines(_ state: AppState, width: Int) -> [HandoverPrinter.Line] {
        let report = report(state)
        let key = LinesMemo.LinesKey(generation: state.duty.generation, madeAt: report.madeAt, slot: HandoverReport.id(report.slot), daily: report.kind == .daily,
                                     language: state.language, width: width, signatures: (report.signed == nil ? 0 : 1) + (report.accepted == nil ? 0 : 2),
                                     notes: report.notes, problems: report.problems)
        return state.handover.memo.lines(key) {
            HandoverPrinter.lines(report, rules: state.duty.rules, language: state.language, timeZone: state.timeZone,
                                  width: width, stationName: state.stationName, rowsPerSection: rowsPerSection)
        }
    }

    /// The most rows of one list the screen lays out (the most urgent first; `zhiban handover` prints all).
    static let rowsPerSection = 200

    /// The line above the report: the handover due and its phase, or which past report is open (read-only).
    static func header(_ state: AppState, _ report: HandoverReport) -> HandoverText {
        guard let past = state.handover.past else { return .header(report.slot.date, report.slot.index + 1, report.phase) }
        if past.kind == .daily { return .dailyHeader(String(ClockFormat.statusClock(past.to, timeZone: state.timeZone).prefix(16))) }
        return .pastHeader(past.slot.date, past.slot.index + 1)
    }

    /// Rows the report has on screen (between the header and the keys line).
    static func bodyRows(_ state: AppState) -> Int { max(1, RootView.body(state).height - 2) }

    static func render(_ state: AppState, into buffer: inout ScreenBuffer, area: Rect) -> Position? {
        let theme = state.theme
        let lang = state.language
        guard area.height >= 3 else { return nil }
        let report = report(state)
        let header = Self.header(state, report).text(lang)
        let phaseRole: ThemeRole = state.handover.past != nil ? .muted
            : report.phase == .accepted ? .ok : state.now >= report.slot.end ? .overdue : report.phase == .signed ? .info : .warning
        buffer.fill(Rect(x: area.x, y: area.y, width: area.width, height: 1), style: theme[.header])
        buffer.write(TextFit.truncate(header, to: area.width - 1), x: area.x + 1, y: area.y, style: theme[phaseRole])
        let body = Rect(x: area.x + 1, y: area.y + 1, width: max(0, area.width - 2), height: area.height - 2)
        let all = lines(state, width: body.width)
        let top = min(state.handover.scroll, max(0, all.count - body.height))
        for (i, line) in all.dropFirst(top).prefix(body.height).enumerated() {
            let role: ThemeRole
            switch line.role {
            case .title: role = .title
            case .heading: role = .header
            case .normal: role = .normal
            case .muted: role = .muted
            case .alert: role = .overdue
            case .carried: role = .info
            }
            buffer.write(TextFit.truncate(line.text, to: body.width), x: body.x, y: body.y + i, style: theme[role], clip: body)
        }
        // Where in the report, and the keys.
        let keys = (state.handover.past != nil ? HandoverText.pastKeysLine : HandoverText.keysLine).text(lang)
        let position = all.count > body.height ? "  \(top + 1)–\(min(all.count, top + body.height))/\(all.count)" : ""
        buffer.write(TextFit.truncate(keys + position, to: area.width - 2), x: area.x + 1, y: area.maxY - 1, style: theme[.muted])
        return nil
    }

    // MARK: Dialogs

    static func renderNotes(_ state: AppState, _ dialog: HandoverNotesDialog, into buffer: inout ScreenBuffer, area: Rect) -> Position? {
        let theme = state.theme
        let lang = state.language
        let rows = area.height >= 40 ? 16 : max(3, area.height - 8)
        let inner = DialogViews.frame(state, title: HandoverText.notesTitle.text(lang), width: area.width >= 120 ? 100 : 76,
                                      height: rows + 3, in: area, into: &buffer)
        guard inner.height > 2 else { return nil }
        var text = dialog.area
        let rect = Rect(x: inner.x, y: inner.y, width: inner.width, height: max(1, inner.height - 1))
        buffer.fill(rect, style: theme[.input])
        let cursor = text.render(into: &buffer, area: rect, style: theme[.input])
        buffer.write(TextFit.truncate(HandoverText.notesHelp.text(lang), to: inner.width), x: inner.x, y: inner.maxY - 1, style: theme[.muted])
        return cursor
    }

    static func renderSign(_ state: AppState, _ dialog: HandoverSignDialog, into buffer: inout ScreenBuffer, area: Rect) -> Position? {
        let theme = state.theme
        let lang = state.language
        let title = (dialog.role == .outgoing ? HandoverText.signTitle : HandoverText.acceptTitle).text(lang)
        let inner = DialogViews.frame(state, title: title + " " + dialog.slot.date + " #\(dialog.slot.index + 1)",
                                      width: area.width >= 120 ? 90 : 76, height: dialog.fields.count + 5, in: area, into: &buffer)
        guard inner.height > 2 else { return nil }
        let labels: [HandoverSignDialog.Field: HandoverText] = [.name: .fieldName, .remarks: .fieldRemarks, .reason: .fieldReason]
        let help = (dialog.role == .outgoing ? HandoverText.signHelp : HandoverText.acceptHelp).text(lang)
        let cursor = FormRows(choices: [], fields: dialog.fields.map { (labels[$0]!.text(lang), dialog.field($0)) },
                              focus: dialog.fields.firstIndex(of: dialog.focus) ?? 0,
                              problem: dialog.problem.map { ($0.text(lang), theme[.error]) }, keys: help,
                              labelWidth: dialog.fields.map { labels[$0]!.text(lang).displayWidth }.max()! + 1)
            .render(state, into: &buffer, inner: inner)
        return cursor
    }

    static func renderHistory(_ state: AppState, _ dialog: HandoverHistoryDialog, into buffer: inout ScreenBuffer, area: Rect) {
        let theme = state.theme
        let lang = state.language
        let rows = max(1, min(dialog.ids.count, area.height - 6))
        let inner = DialogViews.frame(state, title: HandoverText.historyTitle.text(lang), width: 60, height: rows + 3, in: area, into: &buffer)
        guard inner.height > 1 else { return }
        if dialog.ids.isEmpty {
            buffer.write(HandoverText.historyEmpty.text(lang), x: inner.x, y: inner.y, style: theme[.muted])
        }
        let top = max(0, min(dialog.selected - rows + 1, dialog.ids.count - rows))
        for (i, id) in dialog.ids.enumerated().dropFirst(top).prefix(rows) {
            let handover = state.duty.state.handovers[id]
            let phase: HandoverReport.Phase = handover?.accepted != nil ? .accepted : handover?.signed != nil ? .signed
                : (handover?.draft.value ?? "").isEmpty ? .notStarted : .drafted
            let parts = id.split(separator: "#")
            let label = parts.count == 2 ? (lang == .zh ? "\(parts[0]) 第\((Int(parts[1]) ?? 0) + 1)班" : "\(parts[0]) shift \((Int(parts[1]) ?? 0) + 1)") : id
            let who = [handover?.signed?.name, handover?.accepted?.name].compactMap { $0 }.joined(separator: " → ")
            let text = "\(label)  \(HandoverText.phase(phase).text(lang))  \(who)"
            buffer.write(TextFit.truncate(TextSafety.sanitize(text), to: inner.width), x: inner.x, y: inner.y + i - top,
                         style: i == dialog.selected ? theme[.selection] : theme[.dialog])
        }
        buffer.write(TextFit.truncate(HandoverText.historyHelp.text(lang), to: inner.width), x: inner.x, y: inner.maxY - 1, style: theme[.muted])
    }
}
