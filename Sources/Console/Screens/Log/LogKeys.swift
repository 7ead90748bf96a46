import SafeText
import DutyModel
import Foundation
import TerminalUI

// Keys of the duty log, its entry dialog and its detail.

enum LogKeys {
    enum Command: Sendable {
        case list(ListCommand)
        /// Esc with a filter or a kind chosen: back to everything (unlisted: Esc is listed everywhere).
        case clearFilter
        case add(LogEntry.Kind)
        case markDone, openDetail, cycleKind
        /// Marks the entry for the handover (or unmarks it).
        case markHandover
    }

    static let bindings: [KeyBinding<Command>] = [
        KeyBinding([.char("n")], help: .log(.keyAddNote), .add(.note)),
        KeyBinding([.char("i")], help: .log(.keyAddCallIn), .add(.callIn)),
        KeyBinding([.char("o")], help: .log(.keyAddCallOut), .add(.callOut)),
        KeyBinding([.char("p")], help: .log(.keyAddInstruction), .add(.instruction)),
        KeyBinding([.char("x")], help: .log(.keyMarkDone), .markDone),
        KeyBinding([.char("m")], help: .handover(.keyMarkLog), .markHandover),
        KeyBinding([.enter], help: .log(.keyOpenDetail), .openDetail),
        ListKeys.filter.map(Command.list),
        KeyBinding([.char("f")], help: .log(.keyKindFilter), .cycleKind),
        ListKeys.move.map(Command.list),
        KeyBinding([.escape], help: nil, .clearFilter),
    ]

    /// The detail of one entry: any of these closes it.
    static let closeDetail: Set<Key> = [.escape, .enter, .char("q"), .ctrl("c")]

    static var help: [HelpRow] { bindings.helpRows() }
}

/// nil when the key is not the duty log's, so global keys still work.
func handleLogKey(_ state: inout AppState, _ press: KeyPress) -> [Effect]? {
    if state.log.list.isFiltering { return handleFilterKey(&state.log.list, press) ? [] : nil }
    guard let command = LogKeys.bindings.command(for: press.key) else { return nil }
    switch command {
    case .list(let list):
        return handleListCommand(&state, \.log.list, list, press, keys: { LogView.visibleEntries($0) },
                                 page: LogView.listRows) ? [] : nil
    case .clearFilter:
        guard !state.log.list.filter.isEmpty || state.log.kind != .all else { return nil }
        state.log.list.filter = TextFieldState(maxLength: 64)
        state.log.kind = .all
        return []
    case .cycleKind:
        state.log.kind = LogKindFilter(rawValue: (state.log.kind.rawValue + 1) % LogKindFilter.allCases.count)!
        state.log.list.selectedKey = nil
        return []
    case .add(let kind):
        state.overlay = .logEntry(LogEntryDialog(kind: kind))
        state.message = nil
        return []
    case .openDetail:
        if let key = LogView.selected(state, in: LogView.visibleEntries(state))?.row.key { state.overlay = .logDetail(key) }
        return []
    case .markHandover:
        guard let key = LogView.selected(state, in: LogView.visibleEntries(state))?.row.key else { return [] }
        let marked = state.duty.state.logMarks[key]?.value != true
        return [.handover(.mark(key, marked), operatorName: state.operatorName, confirmation: .handover(.marked(marked)))]
    case .markDone:
        guard let (key, entry) = LogView.selected(state, in: LogView.visibleEntries(state))?.row, entry.kind == .instruction else {
            state.message = Message(.log(.notAnInstruction), kind: .error)
            return []
        }
        guard state.duty.state.instructions[key]?.isDone != true else {
            state.message = Message(.log(.instructionAlreadyDone))
            return []
        }
        return [.record(.instructionDone(id: key, at: state.now), operatorName: state.operatorName,
                        confirmation: .log(.instructionMarkedDone(TextFit.truncate(entry.text, to: 30))))]
    }
}

func handleLogDetailKey(_ state: inout AppState, _ press: KeyPress) -> [Effect] {
    if LogKeys.closeDetail.contains(press.key) { state.overlay = nil }
    return []
}

func handleLogEntryKey(_ state: inout AppState, _ dialog: inout LogEntryDialog, _ press: KeyPress) -> [Effect] {
    let fields = dialog.fields
    let index = fields.firstIndex(of: dialog.focus) ?? 0
    switch press.key {
    case .escape, .ctrl("c"):
        state.overlay = nil
        return []
    case .tab:
        dialog.focus = fields[(index + 1) % fields.count]
        return []
    case .backTab:
        dialog.focus = fields[(index + fields.count - 1) % fields.count]
        return []
    case .ctrl("s"):
        return saveLogEntry(&state, &dialog)
    case .enter where dialog.focus != .detail:
        return saveLogEntry(&state, &dialog)
    default:
        break
    }
    switch dialog.focus {
    case .counterpart: _ = dialog.counterpart.handle(press)
    case .text: _ = dialog.text.handle(press)
    case .due: _ = dialog.due.handle(press)
    case .detail: _ = dialog.detail.handle(press)
    }
    dialog.problem = nil
    return []
}

private func saveLogEntry(_ state: inout AppState, _ dialog: inout LogEntryDialog) -> [Effect] {
    func clean(_ s: String, newlines: Bool = false) -> String {
        TextSafety.sanitize(s, keepNewlines: newlines).trimmingCharacters(in: .whitespacesAndNewlines)
    }
    let text = clean(dialog.text.text)
    guard !text.isEmpty else {
        dialog.problem = .log(.logTextMissing)
        dialog.focus = .text
        return []
    }
    var due: Date?
    if dialog.kind == .instruction {
        switch DueTime.parse(dialog.due.text, now: state.now, timeZone: state.timeZone) {
        case .success(let d): due = d
        case .failure:
            dialog.problem = .log(.logDueInvalid(TextFit.truncate(clean(dialog.due.text), to: 20)))
            dialog.focus = .due
            return []
        }
    }
    return [.record(.logEntry(kind: dialog.kind, text: text, detail: clean(dialog.detail.text, newlines: true),
                              counterpart: clean(dialog.counterpart.text), dueAt: due),
                    operatorName: state.operatorName, confirmation: .log(.logEntrySaved(TextFit.truncate(text, to: 30))))]
}
