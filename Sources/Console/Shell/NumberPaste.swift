import DutyModel
import TerminalUI

/// A paste into a number field is taken whole or not at all (#23): `厂区周边500米` pasted
/// into a head count is a distance, not 500 people, so nothing of it is typed and the
/// field says what was refused.
enum NumberPaste {
    /// A number field has focus.
    static func focused(_ state: AppState) -> Bool {
        switch state.overlay {
        case nil where state.screen == .intake:
            return state.intake.map { $0.focus.kind == .count || $0.focus.kind == .money } ?? false
        case .incidentAction(let dialog):
            let row = dialog.focus - dialog.choices.count
            return dialog.fields.indices.contains(row) && [.count, .money].contains(dialog.fields[row].intakeField?.kind)
        case .resourceAction(let dialog):
            let row = dialog.focus - dialog.choices.count
            return dialog.fields.indices.contains(row) && ResourceActionDialog.countLabels.contains(dialog.fields[row].label)
        default:
            return false
        }
    }

    /// True when the focused field takes numbers and `text` has a character it refuses:
    /// the refusal is said in the field and nothing is typed.
    static func refuse(_ state: inout AppState, _ text: String) -> Bool {
        let pasted = text.trimmingCharacters(in: .whitespacesAndNewlines)
        func refused(money: Bool) -> Bool { pasted.contains { !FormNumber.accepts($0, money: money) } }
        switch state.overlay {
        case nil where state.screen == .intake:
            guard var form = state.intake, form.focus.kind == .count || form.focus.kind == .money,
                  refused(money: form.focus.kind == .money) else { return false }
            form.notice = .notTaken(form.focus, pasted)
            state.intake = form
            return true
        case .incidentAction(var dialog):
            let row = dialog.focus - dialog.choices.count
            guard dialog.fields.indices.contains(row), let field = dialog.fields[row].intakeField,
                  field.kind == .count || field.kind == .money, refused(money: field.kind == .money) else { return false }
            dialog.problem = .intake(.notTaken(field, pasted))
            state.overlay = .incidentAction(dialog)
            return true
        case .resourceAction(var dialog):
            let row = dialog.focus - dialog.choices.count
            guard dialog.fields.indices.contains(row), ResourceActionDialog.countLabels.contains(dialog.fields[row].label),
                  pasted.contains(where: { !($0.isASCII && $0.isNumber) }) else { return false }
            dialog.problem = .resources(.notTaken(dialog.fields[row].label.text(state.language), pasted))
            state.overlay = .resourceAction(dialog)
            return true
        default:
            return false
        }
    }
}
