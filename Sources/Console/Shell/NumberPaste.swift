import DutyModel
import TerminalUI

/// A paste into a number field is taken whole or not at all (#23): `厂区周边500米` pasted
/// into a head count is a distance, not 500 people, so nothing of it is typed and the
/// field says what was refused.
enum NumberPaste {
    /// The number field that has focus: which characters it takes, and how a refusal is said in it.
    private struct Focus {
        var accepts: (Character) -> Bool
        var refuse: (inout AppState, String) -> Void
    }

    private static func focus(_ state: AppState) -> Focus? {
        func intakeAccepts(_ field: IntakeField) -> ((Character) -> Bool)? {
            field.kind == .count || field.kind == .money ? { FormNumber.accepts($0, money: field.kind == .money) } : nil
        }
        switch state.overlay {
        case nil where state.screen == .intake:
            guard let field = state.intake?.focus, let accepts = intakeAccepts(field) else { return nil }
            return Focus(accepts: accepts) { state, text in state.intake?.notice = .notTaken(field, text) }
        case .incidentAction(let dialog):
            let row = dialog.focus - dialog.choices.count
            guard dialog.fields.indices.contains(row), let field = dialog.fields[row].intakeField, let accepts = intakeAccepts(field) else { return nil }
            return Focus(accepts: accepts) { state, text in
                var d = dialog
                d.problem = .intake(.notTaken(field, text))
                state.overlay = .incidentAction(d)
            }
        case .resourceAction(let dialog):
            let row = dialog.focus - dialog.choices.count
            guard dialog.fields.indices.contains(row), ResourceActionDialog.countLabels.contains(dialog.fields[row].label) else { return nil }
            // As the dialog takes a typed count: ASCII digits.
            return Focus(accepts: { $0.isASCII && $0.isNumber }) { state, text in
                var d = dialog
                d.problem = .resources(.notTaken(d.fields[row].label.text(state.language), text))
                state.overlay = .resourceAction(d)
            }
        default:
            return nil
        }
    }

    /// A number field has focus.
    static func focused(_ state: AppState) -> Bool { focus(state) != nil }

    /// True when the focused field takes numbers and `text` has a character it refuses:
    /// the refusal is said in the field and nothing is typed.
    static func refuse(_ state: inout AppState, _ text: String) -> Bool {
        let pasted = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let focus = focus(state), pasted.contains(where: { !focus.accepts($0) }) else { return false }
        focus.refuse(&state, pasted)
        return true
    }
}
