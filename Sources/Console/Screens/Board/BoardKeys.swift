import SafeText
import DutyModel
import Foundation
import TerminalUI

// Keys of the duty board and of its check-in and mode dialogs.

enum BoardKeys {
    enum Command: Sendable { case checkIn, mode }

    static let bindings: [KeyBinding<Command>] = [
        KeyBinding([.char("c")], help: .board(.keyCheckIn), .checkIn),
        KeyBinding([.char("m")], help: .board(.keyMode), .mode),
    ]

    static var help: [HelpRow] { bindings.helpRows() }
}

/// nil when the key is not the board's, so global keys still work.
func handleBoardKey(_ state: inout AppState, _ press: KeyPress) -> [Effect]? {
    guard let command = BoardKeys.bindings.command(for: press.key) else { return nil }
    switch command {
    case .checkIn:
        // Incoming officers sign in shortly before the change: within 30 minutes
        // of it, the check-in is for the next shift.
        let current = state.currentSlot
        let next = state.duty.state.pattern.next(after: current, timeZone: state.timeZone)
        let slot = next.start.timeIntervalSince(state.now) <= 30 * 60 ? next : current
        let assignment = state.duty.state.assignment(for: slot)
        let officers = assignment?.namedOfficers.map(\.name) ?? []
        let backups = assignment?.namedOfficers.map(\.backup).filter { !$0.isEmpty } ?? []
        var dialog = CheckInDialog(slot: slot, officers: officers, backups: backups)
        if officers.isEmpty { dialog.adding = TextFieldState(maxLength: 40) }
        state.overlay = .checkIn(dialog)
        state.message = nil
        return []
    case .mode:
        let current = state.duty.state.mode.value ?? .peacetime
        state.overlay = .mode(ModeDialog(target: current == .peacetime ? .emergency : .peacetime))
        state.message = nil
        return []
    }
}

func handleCheckInKey(_ state: inout AppState, _ dialog: inout CheckInDialog, _ press: KeyPress) -> [Effect] {
    if var field = dialog.adding {
        switch press.key {
        case .escape:
            dialog.adding = nil
        case .enter:
            let name = TextSafety.sanitize(field.text).trimmingCharacters(in: .whitespaces)
            dialog.adding = nil
            guard !name.isEmpty else { break }
            if let i = dialog.rows.firstIndex(where: { $0.name == name }) {
                dialog.rows[i].present = true
                dialog.selected = i
            } else {
                dialog.rows.append(.init(name: name, role: .added, present: true))
                dialog.selected = dialog.rows.count - 1
            }
        default:
            _ = field.handle(press)
            dialog.adding = field
        }
        return []
    }
    switch press.key {
    case .escape, .ctrl("c"):
        state.overlay = nil
    case .down, .char("j"):
        dialog.selected = min(dialog.rows.count - 1, dialog.selected + 1)
    case .up, .char("k"):
        dialog.selected = max(0, dialog.selected - 1)
    case .char(" "):
        if dialog.rows.indices.contains(dialog.selected) { dialog.rows[dialog.selected].present.toggle() }
    case .char("a"):
        dialog.adding = TextFieldState(maxLength: 40)
    case .enter:
        // Enter picks the highlighted person as operator (present, of course) and signs in.
        guard dialog.rows.indices.contains(dialog.selected) else {
            dialog.adding = TextFieldState(maxLength: 40)
            return []
        }
        dialog.rows[dialog.selected].present = true
        let operatorName = dialog.rows[dialog.selected].name
        let present = dialog.rows.filter(\.present).map(\.name)
        return [.record(.checkIn(slot: dialog.slot, present: present, operatorName: operatorName), operatorName: operatorName,
                        confirmation: .board(.checkedIn(present.joined(separator: state.language.listSeparator), operatorName)))]
    default:
        break
    }
    return []
}

func handleModeKey(_ state: inout AppState, _ dialog: inout ModeDialog, _ press: KeyPress) -> [Effect] {
    switch press.key {
    case .escape, .ctrl("c"):
        state.overlay = nil
    case .enter:
        // The dialog stays until the write is confirmed, so a failure loses nothing typed.
        let reason = TextSafety.sanitize(dialog.reason.text).trimmingCharacters(in: .whitespaces)
        // Emergency mode is a command decision: never entered without its reason (#22). Peacetime needs none.
        if dialog.target == .emergency && reason.isEmpty {
            dialog.problem = .modeReasonRequired
            return [.bell]
        }
        return [.record(.modeChange(to: dialog.target, reason: reason, seen: state.duty.state.mode.seenVector),
                        operatorName: state.operatorName, confirmation: .board(.modeSwitched(dialog.target)))]
    default:
        if dialog.reason.handle(press) == .edited { dialog.problem = nil }
    }
    return []
}
