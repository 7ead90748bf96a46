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
        let rows = FormRows(choices: dialog.choices.map { ($0.label.text(lang), IntakeText.choiceValue($0.value).text(lang)) },
                            fields: dialog.fields.map { ($0.label.text(lang), $0.field) }, focus: dialog.focus,
                            problem: dialog.problem.map { ($0.text(lang), theme[.error]) },
                            keys: IntakeText.actionKeys.text(lang), labelWidth: lang == .zh ? 14 : 16)
        return rows.render(state, into: &buffer, inner: inner)
    }
}
