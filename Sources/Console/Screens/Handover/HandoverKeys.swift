import DutyModel
import Foundation
import SafeText
import Station
import TerminalUI

// Keys of the handover screen and its dialogs (#21).

enum HandoverKeys {
    enum Command: Sendable {
        case scroll(ListMove)
        case notes, sign, accept, history, current, daily
    }

    static let bindings: [KeyBinding<Command>] = [
        KeyBinding([(.down, .scroll(.down)), (.up, .scroll(.up)), (.char("j"), .scroll(.down)), (.char("k"), .scroll(.up)),
                    (.pageDown, .scroll(.pageDown)), (.pageUp, .scroll(.pageUp)), (.char(" "), .scroll(.pageDown)),
                    (.home, .scroll(.first)), (.char("g"), .scroll(.first)), (.end, .scroll(.last)), (.char("G"), .scroll(.last))],
                   label: "↑↓ jk PgUp PgDn g G", help: .handover(.keyScroll)),
        KeyBinding([.char("e")], help: .handover(.keyNotes), .notes),
        KeyBinding([.char("s")], help: .handover(.keySign), .sign),
        KeyBinding([.char("a")], help: .handover(.keyAccept), .accept),
        KeyBinding([.char("h")], help: .handover(.keyHistory), .history),
        KeyBinding([.char("r")], help: .handover(.keyDaily), .daily),
        KeyBinding([.escape], help: .handover(.keyCurrent), .current),
    ]

    static var help: [HelpRow] { bindings.helpRows() }
}

/// nil when the key is not the handover screen's, so global keys still work.
func handleHandoverKey(_ state: inout AppState, _ press: KeyPress) -> [Effect]? {
    guard !press.alt, let command = HandoverKeys.bindings.command(for: press.key) else { return nil }
    let report = HandoverView.report(state)
    let page = HandoverView.bodyRows(state)
    switch command {
    case .scroll(let move):
        let count = HandoverView.lines(state, width: max(1, RootView.body(state).width - 2)).count
        let last = max(0, count - page)
        var top = min(state.handover.scroll, last)
        switch move {
        case .down: top += 1
        case .up: top -= 1
        case .pageDown: top += max(1, page - 1)
        case .pageUp: top -= max(1, page - 1)
        case .first: top = 0
        case .last: top = last
        }
        state.handover.scroll = max(0, min(last, top))
    case .current:
        guard state.handover.past != nil || state.handover.waitingFor != nil else { return nil }
        state.handover.past = nil
        state.handover.waitingFor = nil
        state.handover.scroll = 0
    case .notes:
        guard state.handover.past == nil else { return readOnly(&state) }
        // Signed notes are part of what was signed.
        if let signed = report.signed {
            state.message = Message(.handover(.alreadySigned(TextSafety.sanitize(signed.name))), kind: .error)
            return [.bell]
        }
        // Unsaved text is kept for its own shift's handover only.
        let kept = state.handover.unsavedNotes.flatMap { $0.id == HandoverReport.id(report.slot) ? $0.text : nil }
        state.overlay = .handoverNotes(HandoverNotesDialog(slot: report.slot, text: kept ?? report.notes))
    case .sign:
        guard state.handover.past == nil else { return readOnly(&state) }
        if let signed = report.signed {
            state.message = Message(.handover(.alreadySigned(TextSafety.sanitize(signed.name))), kind: .error)
            return [.bell]
        }
        state.overlay = .handoverSign(HandoverSignDialog(role: .outgoing, slot: report.slot, name: state.operatorName))
    case .accept:
        guard state.handover.past == nil else { return readOnly(&state) }
        if let accepted = report.accepted {
            state.message = Message(.handover(.alreadyAccepted(TextSafety.sanitize(accepted.name))), kind: .error)
            return [.bell]
        }
        guard report.signed != nil else {
            state.message = Message(.handover(.notSigned), kind: .error)
            return [.bell]
        }
        // The operator when on the next shift (the one taking over at this console), else a name to type.
        state.overlay = .handoverSign(HandoverSignDialog(role: .incoming, slot: report.slot,
                                                         name: report.isRosteredIncoming(state.operatorName) ? state.operatorName : ""))
    case .daily:
        // The daily duty report (值班日报) for the 24 hours to the last 08:00, read-only like a past handover.
        state.handover.waitingFor = HandoverScreenState.daily
        state.handover.scroll = 0
        state.message = Message(.handover(.waiting))
        return [.requestDailyReport(HandoverReport.dailyEnd(atOrBefore: state.now, timeZone: state.timeZone))]
    case .history:
        // Every shift with a handover event, newest first (a few per day: never all history).
        let ids = state.duty.state.handovers.keys.sorted { HandoverHistoryOrder.newer($0, $1) }
        state.overlay = .handoverHistory(HandoverHistoryDialog(ids: ids))
    }
    return []
}

private func readOnly(_ state: inout AppState) -> [Effect] {
    // Said as the screen's own header says it (a past handover or the daily report, read-only).
    state.message = Message(.handover(HandoverView.header(state, HandoverView.report(state))), kind: .error)
    return [.bell]
}

enum HandoverHistoryOrder {
    /// "2026-11-23#1" before "2026-11-23#0" before "2026-11-22#1".
    static func newer(_ a: String, _ b: String) -> Bool {
        let pa = a.split(separator: "#"), pb = b.split(separator: "#")
        let da = pa.first.map(String.init) ?? a, db = pb.first.map(String.init) ?? b
        if da != db { return da > db }
        return (pa.count > 1 ? Int(pa[1]) ?? 0 : 0) > (pb.count > 1 ? Int(pb[1]) ?? 0 : 0)
    }
}

func handleHandoverDialogKey(_ state: inout AppState, _ press: KeyPress) -> [Effect] {
    switch state.overlay {
    case .handoverNotes(var dialog):
        switch press.key {
        case .escape, .ctrl("c"):
            // Closed, not lost: the text stays for the next `e` (and is said so) until saved.
            let text = dialog.area.text
            let saved = state.duty.state.handovers[HandoverReport.id(dialog.slot)]?.draft.value ?? ""
            state.handover.unsavedNotes = text == saved ? nil : (HandoverReport.id(dialog.slot), text)
            state.overlay = nil
            if text != saved { state.message = Message(.handover(.notesKept)) }
            return [.saveHandoverDraft(state.handover.unsavedNotes.map { ["id": $0.id, "text": $0.text] })]
        case .ctrl("s"):
            let text = TextSafety.sanitize(dialog.area.text, keepNewlines: true).trimmingCharacters(in: .whitespacesAndNewlines)
            state.handover.unsavedNotes = (HandoverReport.id(dialog.slot), dialog.area.text)
            return [.handover(.notes(dialog.slot, text), operatorName: state.operatorName, confirmation: .handover(.notesSaved))]
        default:
            // Every change on disk (the newest of a burst), as the intake form's: a crash keeps what was typed.
            guard dialog.area.handle(press) == .edited else {
                state.overlay = .handoverNotes(dialog)
                return []
            }
            state.overlay = .handoverNotes(dialog)
            state.handover.unsavedNotes = (HandoverReport.id(dialog.slot), dialog.area.text)
            return [.saveHandoverDraft(["id": HandoverReport.id(dialog.slot), "text": dialog.area.text])]
        }
    case .handoverSign(var dialog):
        let fields = dialog.fields
        if let moved = FormRows.moveFocus(press.key, focus: fields.firstIndex(of: dialog.focus) ?? 0, rows: fields.count) {
            dialog.focus = fields[moved]
            state.overlay = .handoverSign(dialog)
            return []
        }
        switch press.key {
        case .escape, .ctrl("c"):
            state.overlay = nil
            return []
        case .enter, .ctrl("s"):
            return submitSign(&state, &dialog)
        default:
            switch dialog.focus {
            case .name: _ = dialog.name.handle(press)
            case .remarks: _ = dialog.remarks.handle(press)
            case .reason: _ = dialog.reason.handle(press)
            }
            dialog.problem = nil
        }
        state.overlay = .handoverSign(dialog)
        return []
    case .handoverHistory(var dialog):
        switch press.key {
        case .escape, .ctrl("c"), .char("q"):
            state.overlay = nil
        case .down, .char("j"):
            dialog.selected = min(max(0, dialog.ids.count - 1), dialog.selected + 1)
            state.overlay = .handoverHistory(dialog)
        case .up, .char("k"):
            dialog.selected = max(0, dialog.selected - 1)
            state.overlay = .handoverHistory(dialog)
        case .enter:
            state.overlay = nil
            guard dialog.ids.indices.contains(dialog.selected) else { return [] }
            let id = dialog.ids[dialog.selected]
            let parts = id.split(separator: "#")
            guard parts.count == 2, let index = Int(parts[1]),
                  let slot = state.duty.state.pattern.slot(date: String(parts[0]), index: index, timeZone: state.timeZone) else { return [] }
            state.handover.waitingFor = id
            state.handover.scroll = 0
            state.message = Message(.handover(.waiting))
            return [.requestHandoverReport(slot)]
        default:
            break
        }
        return []
    default:
        return []
    }
}

private func submitSign(_ state: inout AppState, _ dialog: inout HandoverSignDialog) -> [Effect] {
    let name = TextSafety.sanitize(dialog.name.text).trimmingCharacters(in: .whitespaces)
    guard !name.isEmpty else {
        dialog.problem = .handover(.nameMissing)
        dialog.focus = .name
        state.overlay = .handoverSign(dialog)
        return []
    }
    switch dialog.role {
    case .outgoing:
        state.overlay = .handoverSign(dialog)
        return [.handover(.sign(dialog.slot, name: name), operatorName: state.operatorName.isEmpty ? name : state.operatorName,
                          confirmation: .handover(.signed(name)))]
    case .incoming:
        let reason = TextSafety.sanitize(dialog.reason.text).trimmingCharacters(in: .whitespaces)
        let incoming = HandoverReport.incoming(state.duty.state, after: dialog.slot, timeZone: state.timeZone)
        if !incoming.contains(name) && reason.isEmpty {
            dialog.problem = .handover(.reasonNeeded((incoming.leaders + incoming.officers).joined(separator: state.language == .zh ? "、" : ", ")))
            dialog.focus = .reason
            state.overlay = .handoverSign(dialog)
            return []
        }
        state.overlay = .handoverSign(dialog)
        return [.handover(.accept(dialog.slot, name: name, remarks: TextSafety.sanitize(dialog.remarks.text), reason: reason),
                          operatorName: name, confirmation: .handover(.accepted(name)))]
    }
}

/// A refusal answers the dialog that asked, when it is still open; else the message line.
func applyHandoverRefusal(_ state: inout AppState, _ refusal: HandoverRefusal) {
    let text: HandoverText
    switch refusal {
    case .noName: text = .nameMissing
    case .alreadySigned(let by): text = .alreadySigned(by)
    case .notSigned: text = .notSigned
    case .alreadyAccepted(let by): text = .alreadyAccepted(by)
    case .notOnNextShift(_, let rostered): text = .reasonNeeded(rostered.joined(separator: state.language == .zh ? "、" : ", "))
    case .sameOfficer(let name): text = .sameOfficer(name)
    }
    guard case .handoverSign(var dialog) = state.overlay, state.savingOverlay == state.overlay else {
        state.message = Message(.handover(.refused(text.text(state.language))), kind: .error)
        return
    }
    dialog.problem = .handover(text)
    if case .notOnNextShift = refusal { dialog.focus = .reason }
    state.overlay = .handoverSign(dialog)
}
