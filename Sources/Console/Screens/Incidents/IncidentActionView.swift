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
        // A move that would leave reports not made lists them, and its note becomes the reason it needs (#22).
        let outstanding = state.outstandingReports(dialog)
        let notice = outstanding.isEmpty ? nil : IntakeText.outstandingReports(state.outstandingList(outstanding)).text(lang)
        var labels = dialog.fields.map { $0.label.text(lang) }
        if notice != nil, !labels.isEmpty { labels[0] = IntakeText.actionReasonRequired.text(lang) }
        let noticeRows = FormRows.noticeRows(notice, width: min(72, area.width - 2) - 4)
        let inner = frame(state, title: IntakeText.actionTitle(dialog.action, dialog.incidentID).text(lang), width: 72,
                          height: dialog.rowCount + 5 + noticeRows, in: area, into: &buffer)
        guard inner.height > 2 else { return nil }
        let rows = FormRows(choices: dialog.choices.map { ($0.label.text(lang), IntakeText.choiceValue($0.value).text(lang)) },
                            fields: zip(labels, dialog.fields).map { ($0, $1.field) }, focus: dialog.focus,
                            problem: dialog.problem.map { ($0.text(lang), theme[.error]) },
                            keys: IntakeText.actionKeys.text(lang), labelWidth: lang == .zh ? 14 : 16,
                            notice: notice.map { ($0, theme[.warning]) })
        return rows.render(state, into: &buffer, inner: inner)
    }
}
