import DutyModel
import TerminalUI

/// Free text typed into a dialog outlives the dialog (#23): Esc, a screen switch, a
/// write that failed or a crash keeps it, and opening the same dialog again (same
/// action on the same incident, warning, team …) brings it back. The intake form
/// and the handover's notes keep their own drafts the same way.
///
/// A draft is the dialog's texts in field order; it is kept while they differ from
/// what the dialog opened with, so clearing them (Ctrl-U) and Esc drops it.
public enum DialogDraft {
    /// Which dialog: the same dialog on the same object gets the same key; nil for
    /// overlays without free text.
    static func key(_ overlay: Overlay?) -> String? {
        switch overlay {
        case .logEntry(let d): return "log|\(d.kind)"
        case .incidentAction(let d): return "incident|\(d.incidentID)|\(d.action)"
        case .warningEntry(let f): return "warning|\(f.updating ?? "new")"
        case .resourceAction(let d): return "resource|\(d.key)|\(d.action)"
        case .mode(let d): return "mode|\(d.target.rawValue)"
        case .handoverSign(let d): return "handover|\(d.role)|\(HandoverReport.id(d.slot))"
        default: return nil
        }
    }

    /// The dialog's free texts, in field order.
    static func texts(_ overlay: Overlay) -> [String] {
        switch overlay {
        case .logEntry(let d): return [d.counterpart.text, d.text.text, d.due.text, d.detail.text]
        case .incidentAction(let d): return d.fields.map(\.field.text)
        case .warningEntry(let f): return WarningEntryField.allCases.map { f.fields[$0]?.text ?? "" }
        case .resourceAction(let d): return d.fields.map(\.field.text)
        case .mode(let d): return [d.reason.text]
        case .handoverSign(let d): return [d.name.text, d.remarks.text, d.reason.text]
        default: return []
        }
    }

    /// The dialog with `texts` put back into its fields (as many as both have).
    static func restoring(_ overlay: Overlay, _ texts: [String]) -> Overlay {
        func put(_ field: inout TextFieldState, _ i: Int) { if i < texts.count { field.setText(texts[i]) } }
        switch overlay {
        case .logEntry(var d):
            put(&d.counterpart, 0); put(&d.text, 1); put(&d.due, 2)
            if texts.count > 3 { d.detail = TextAreaState(text: texts[3], maxCharacters: d.detail.maxCharacters) }
            return .logEntry(d)
        case .incidentAction(var d):
            for i in d.fields.indices { put(&d.fields[i].field, i) }
            return .incidentAction(d)
        case .warningEntry(var f):
            for (i, field) in WarningEntryField.allCases.enumerated() where i < texts.count { f.set(field, texts[i]) }
            return .warningEntry(f)
        case .resourceAction(var d):
            for i in d.fields.indices { put(&d.fields[i].field, i) }
            return .resourceAction(d)
        case .mode(var d):
            put(&d.reason, 0)
            return .mode(d)
        case .handoverSign(var d):
            put(&d.name, 0); put(&d.remarks, 1); put(&d.reason, 2)
            return .handoverSign(d)
        default:
            return overlay
        }
    }

    /// Drafts as kept on disk (`drafts/dialogs.json`): the texts of one dialog joined by
    /// U+001F, which no sanitised text contains.
    static func encode(_ drafts: [String: [String]]) -> [String: String]? {
        drafts.isEmpty ? nil : drafts.mapValues { $0.joined(separator: "\u{1F}") }
    }

    public static func decode(_ stored: [String: String]) -> [String: [String]] {
        stored.mapValues { $0.split(separator: "\u{1F}", omittingEmptySubsequences: false).map(String.init) }
    }
}

/// After a key: a dialog just opened gets its draft back; one typed into keeps its
/// texts as the draft; one closed with a draft says so.
func followDialogDraft(_ state: inout AppState, before: Overlay?) -> [Effect] {
    let beforeKey = DialogDraft.key(before)
    let nowKey = DialogDraft.key(state.overlay)
    let kept = state.dialogDrafts
    if nowKey != beforeKey {
        if let beforeKey, state.dialogDrafts[beforeKey] != nil, state.message?.kind != .error {
            state.message = Message(.draftKept)
        }
        state.dialogBaseline = nil
        if let nowKey, let overlay = state.overlay {
            state.dialogBaseline = DialogDraft.texts(overlay)
            if let texts = state.dialogDrafts[nowKey] {
                state.overlay = DialogDraft.restoring(overlay, texts)
                state.message = Message(.draftRestored)
            }
        }
    } else if let nowKey, let overlay = state.overlay {
        let texts = DialogDraft.texts(overlay)
        if texts == state.dialogBaseline {
            state.dialogDrafts[nowKey] = nil
        } else {
            state.dialogDrafts[nowKey] = texts
        }
    }
    return state.dialogDrafts == kept ? [] : [.saveDialogDrafts(DialogDraft.encode(state.dialogDrafts))]
}
