import SafeText
import DutyModel
import Foundation
import TerminalUI

/// A compact list of incidents: id, received, place, type, grade, status,
/// next report (overdue in the overdue style).
enum IncidentRows {
    /// `selection` is the selected row and the first row shown; nil shows no selection.
    static func render(_ incidents: [IncidentSummary], state: AppState, into buffer: inout ScreenBuffer, area: Rect,
                       selection: (Int, Int)? = nil, emptyMessage: String? = nil) {
        guard area.height > 0 else { return }
        let theme = state.theme
        let lang = state.language
        let zone = state.timeZone
        let taxonomy = state.duty.rules.taxonomy
        let wide = area.width >= 120
        // Who gives way on a narrow terminal (#23): the received time, then the grade, then
        // the status, the place, the type; the id after them; the next report never while
        // anything else can. Spare room goes to the place once the type is shown whole.
        let columns: [Table.Column] = [
            .init(UIText.incidents(.columnIncidentID).text(lang), minimum: 15, priority: 8),
            .init(UIText.incidents(.columnReceived).text(lang), minimum: 5, maximum: 5, priority: 1),
            .init(UIText.incidents(.columnPlace).text(lang), minimum: 8, priority: 5, grow: 1),
            .init(UIText.incidents(.columnType).text(lang), minimum: 6, maximum: wide ? nil : 12, priority: 6),
            .init(UIText.incidents(.columnGrade).text(lang), minimum: 3, maximum: 5, priority: 2),
            .init(UIText.incidents(.columnStatus).text(lang), minimum: 6, maximum: 12, priority: 3),
            .init(UIText.incidents(.columnNextReport).text(lang), minimum: 11, priority: 9, whole: true),
        ]
        // Only the rows in view are built: the selection is revealed against the whole list first.
        var (window, table) = TableState(selected: selection?.0 ?? 0, offset: selection?.1 ?? 0)
            .window(visibleRows: Table.visibleRows(in: area), count: incidents.count)
        let shown = incidents[window]
        var styles: [Int: Style] = [:]
        let rows = shown.enumerated().map { i, s -> [String] in
            let type = taxonomy.type(s.type).map { lang == .zh ? $0.zh : $0.en } ?? s.type
            let grade = s.grade.map(\.rawValue) ?? s.suggestedGrade.map { "(\($0.rawValue))" } ?? "—"
            var next = "—"
            if let d = s.nextDeadline {
                let overdue = d.isOverdue(at: state.now)
                // "!!" marks overdue rows where colour is not available (mono theme).
                next = (overdue ? "!!" : "") + UIText.deadline(d.kind, ClockFormat.hourMinute(d.due, timeZone: zone), overdue: overdue).text(lang)
                if overdue { styles[i] = theme[.overdue] }
            }
            let row = [s.id, ClockFormat.hourMinute(s.receivedAt ?? state.now, timeZone: zone), s.place.summary, type, grade,
                       UIText.incidents(.incidentStatus(s.status)).text(lang), next]
            return row
        }
        Table(columns: columns, rows: rows, rowStyles: styles, emptyMessage: emptyMessage ?? UIText.incidents(.noOpenIncidents).text(lang),
              showsSelection: selection != nil, selectionColumns: 1)
            .render(into: &buffer, area: area, state: &table,
                    styles: .init(header: theme[.muted], row: theme[.normal], selected: theme[.selection], empty: theme[.muted]))
    }
}
