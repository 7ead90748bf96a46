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

    /// Drafts as kept on disk (`drafts/dialogs.json`): the texts, U+001E, the texts the dialog
    /// opened with — each list joined by U+001F, which no sanitised text contains.
    static func encode(_ drafts: [String: KeptDraft]) -> [String: String]? {
        drafts.isEmpty ? nil : drafts.mapValues { $0.texts.joined(separator: "\u{1F}") + "\u{1E}" + $0.base.joined(separator: "\u{1F}") }
    }

    public static func decode(_ stored: [String: String]) -> [String: KeptDraft] {
        func list(_ s: Substring) -> [String] { s.split(separator: "\u{1F}", omittingEmptySubsequences: false).map(String.init) }
        return stored.mapValues { value in
            let halves = value.split(separator: "\u{1E}", maxSplits: 1, omittingEmptySubsequences: false)
            // Without what it opened with, every text counts as typed.
            return KeptDraft(texts: list(halves[0]), base: halves.count > 1 ? list(halves[1]) : [])
        }
    }

    /// `fresh` (a dialog just opened, prefilled from the record as it is now) with the fields the
    /// officer edited put back — unless the record moved under an edited field since (a peer's new
    /// figure): that field keeps the fresh value. Also says whether any field was kept fresh so.
    static func merge(_ kept: KeptDraft, into fresh: [String]) -> (texts: [String], stale: Bool) {
        var merged = fresh
        var stale = false
        for i in fresh.indices where i < kept.texts.count {
            let edited = i >= kept.base.count || kept.texts[i] != kept.base[i]
            guard edited else { continue }
            if i < kept.base.count, fresh[i] != kept.base[i] { stale = true } else { merged[i] = kept.texts[i] }
        }
        return (merged, stale)
    }
}

/// A dialog's draft: its texts, and the texts it opened with (what an edit was made against).
public struct KeptDraft: Equatable, Sendable {
    public var texts: [String]
    public var base: [String]
    public init(texts: [String], base: [String]) {
        self.texts = texts
        self.base = base
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
            let fresh = DialogDraft.texts(overlay)
            state.dialogBaseline = fresh
            if let draft = state.dialogDrafts[nowKey] {
                let (texts, stale) = DialogDraft.merge(draft, into: fresh)
                state.overlay = DialogDraft.restoring(overlay, texts)
                state.dialogDrafts[nowKey] = texts == fresh ? nil : KeptDraft(texts: texts, base: fresh)
                state.message = Message(stale ? .draftRestoredStale : .draftRestored)
            }
        }
    } else if let nowKey, let overlay = state.overlay {
        let texts = DialogDraft.texts(overlay)
        if let base = state.dialogBaseline, texts != base {
            state.dialogDrafts[nowKey] = KeptDraft(texts: texts, base: base)
        } else {
            state.dialogDrafts[nowKey] = nil
        }
    }
    return state.dialogDrafts == kept ? [] : [.saveDialogDrafts(DialogDraft.encode(state.dialogDrafts))]
}
