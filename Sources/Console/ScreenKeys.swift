import DutyModel
import Foundation
import TerminalUI

// Keys of the board, contacts and duty-log screens and of their dialogs.
// Each returns nil when the key is not theirs, so global keys still work.

extension AppState {
    /// The shift running now under the station's pattern.
    public var currentSlot: ShiftSlot { duty.state.pattern.slot(at: now, timeZone: timeZone) }

    /// Follows the newest check-in of this station for the current shift:
    /// whoever it chose operates the console from then on.
    public mutating func adoptLatestCheckIn() {
        // A new shift starts with the console's own operator until its check-in.
        let slot = currentSlot
        if slot != operatorSlot {
            if operatorSlot != nil { operatorName = launchOperator }
            operatorSlot = slot
            adoptedCheckIn = nil
        }
        guard let checkIn = duty.state.checkIn(for: currentSlot, station: duty.ownStation),
              checkIn.stamp != adoptedCheckIn else { return }
        adoptedCheckIn = checkIn.stamp
        if !checkIn.operatorName.isEmpty { operatorName = checkIn.operatorName }
    }

    /// Pins the selection of the list on screen to the row shown, so entries
    /// arriving live (newest first) do not move what `x` or `b` act on.
    mutating func pinSelection() {
        switch screen {
        case .log:
            if log.selectNewest {
                log.list.selectedKey = nil
                log.selectNewest = false
            } else if log.list.selectedKey == nil {
                log.list.selectedKey = LogView.selected(self, in: LogView.visibleEntries(self))?.key
            }
        case .warnings:
            if warnings.list.selectedKey == nil { warnings.list.selectedKey = WarningsView.selected(self, in: WarningsView.visible(self))?.chainKey }
        case .incidents:
            if incidents.list.selectedKey == nil { incidents.list.selectedKey = IncidentsView.selected(self, in: IncidentsView.visible(self))?.id }
        case .contacts:
            if contacts.list.selectedKey == nil { contacts.list.selectedKey = ContactsView.selected(self, in: ContactsView.visibleEntries(self))?.id }
        default:
            break
        }
    }
}

private let navigationKeys: Set<Key> = [.down, .up, .pageDown, .pageUp, .home, .end, .char("j"), .char("k"), .char("g"), .char("G")]

/// Moves a key-addressed selection through `keys`, scrolling only when it
/// leaves the `page` rows in view.
func moveSelection(_ list: inout FilteredList, keys: [String], press: KeyPress, page: Int) {
    guard !keys.isEmpty else { return }
    let current = list.selectedKey.flatMap { keys.firstIndex(of: $0) } ?? 0
    let target: Int
    switch press.key {
    case .down, .char("j"): target = current + 1
    case .up, .char("k"): target = current - 1
    case .pageDown: target = current + page
    case .pageUp: target = current - page
    case .home, .char("g"): target = 0
    default: target = keys.count - 1
    }
    let index = min(max(0, target), keys.count - 1)
    list.selectedKey = keys[index]
    var table = TableState(selected: index, offset: list.offset)
    table.reveal(visibleRows: page, count: keys.count)
    list.offset = table.offset
}

/// The keys every list screen shares: `/`, typing into the filter, moving.
/// nil when the key is none of these (the screen's own keys come next);
/// false when it leaves the filter for a global key (Ctrl-C, F-keys).
/// The rows are listed only for a key that moves.
func handleListKey(_ state: inout AppState, _ list: WritableKeyPath<AppState, FilteredList>, _ press: KeyPress,
                           keys: (AppState) -> [String], page: (AppState) -> Int) -> Bool? {
    if state[keyPath: list].isFiltering { return handleFilterKey(&state[keyPath: list], press) }
    if press.key == .char("/") {
        state[keyPath: list].isFiltering = true
        return true
    }
    guard !press.alt, navigationKeys.contains(press.key) else { return nil }
    let rows = keys(state)
    let rowsInView = page(state)
    moveSelection(&state[keyPath: list], keys: rows, press: press, page: rowsInView)
    return true
}

/// Typing into a `/` filter: every printable key goes into the field, Enter
/// or ↓ returns to the list keeping the filter, Esc clears it.
func handleFilterKey(_ list: inout FilteredList, _ press: KeyPress) -> Bool {
    switch press.key {
    case .ctrl("c"), .function:
        list.isFiltering = false
        return false
    case .escape:
        list.filter = TextFieldState(maxLength: list.filter.maxLength)
        list.isFiltering = false
    case .enter, .down, .tab:
        list.isFiltering = false
    default:
        _ = list.filter.handle(press)
        list.selectedKey = nil
        list.offset = 0
    }
    return true
}

func handleScreenKey(_ state: inout AppState, _ press: KeyPress) -> [Effect]? {
    switch state.screen {
    case .board: return handleBoardKey(&state, press)
    case .contacts: return handleContactsKey(&state, press)
    case .log: return handleLogKey(&state, press)
    case .incidents: return handleIncidentsKey(&state, press)
    case .warnings: return handleWarningsKey(&state, press)
    default: return nil
    }
}

private func handleBoardKey(_ state: inout AppState, _ press: KeyPress) -> [Effect]? {
    switch press.key {
    case .char("c"):
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
    case .char("m"):
        let current = state.duty.state.mode.value ?? .peacetime
        state.overlay = .mode(ModeDialog(target: current == .peacetime ? .emergency : .peacetime))
        state.message = nil
        return []
    default:
        return nil
    }
}

private func handleContactsKey(_ state: inout AppState, _ press: KeyPress) -> [Effect]? {
    if let consumed = handleListKey(&state, \.contacts.list, press, keys: { ContactsView.visibleEntries($0).map(\.id) },
                                    page: ContactsView.listRows) {
        return consumed ? [] : nil
    }
    switch press.key {
    case .escape where !state.contacts.list.filter.isEmpty:
        state.contacts.list.filter = TextFieldState(maxLength: 64)
        return []
    case .char("b"):
        // The A/B partner: jump to them, clearing a filter that hides them.
        let entries = ContactsView.visibleEntries(state)
        guard let current = ContactsView.selected(state, in: entries) else { return [] }
        let partnerID = current.info.backupContactID
        guard !partnerID.isEmpty, state.duty.contacts.contains(where: { $0.id == partnerID }) else {
            state.message = Message(.noBackupPartner(current.info.name), kind: .error)
            return []
        }
        if !entries.contains(where: { $0.id == partnerID }) { state.contacts.list.filter = TextFieldState(maxLength: 64) }
        state.contacts.list.selectedKey = partnerID
        state.message = Message(.jumpedToBackup(current.info.name, state.duty.contacts.first { $0.id == partnerID }!.info.name))
        return []
    default:
        return nil
    }
}

private func handleIncidentsKey(_ state: inout AppState, _ press: KeyPress) -> [Effect]? {
    if let consumed = handleListKey(&state, \.incidents.list, press, keys: { IncidentsView.visible($0).map(\.id) },
                                    page: IncidentsView.listRows) {
        return consumed ? [] : nil
    }
    func toggle(_ f: IncidentQuickFilter) {
        if state.incidents.quick.contains(f) { state.incidents.quick.remove(f) } else { state.incidents.quick.insert(f) }
        state.incidents.list.offset = 0
    }
    switch press.key {
    case .char("s"):
        state.incidents.sort = IncidentSort(rawValue: (state.incidents.sort.rawValue + 1) % IncidentSort.allCases.count)!
        state.incidents.list.offset = 0
    case .char("o"): toggle(.open)
    case .char("d"): toggle(.overdue)
    case .char("m"): toggle(.mine)
    case .char("t"): toggle(.today)
    case .char("a"):
        state.openIntake()
    case .escape where !state.incidents.list.filter.isEmpty || !state.incidents.quick.isEmpty:
        state.incidents.list.filter = TextFieldState(maxLength: 64)
        state.incidents.quick = []
    case .enter:
        if let id = IncidentsView.selected(state, in: IncidentsView.visible(state))?.id { state.overlay = .incidentDetail(id) }
    default:
        return nil
    }
    return []
}

private func handleLogKey(_ state: inout AppState, _ press: KeyPress) -> [Effect]? {
    if let consumed = handleListKey(&state, \.log.list, press, keys: { LogView.visibleEntries($0).map(\.key) }, page: LogView.listRows) {
        return consumed ? [] : nil
    }
    switch press.key {
    case .escape where !state.log.list.filter.isEmpty || state.log.kind != .all:
        state.log.list.filter = TextFieldState(maxLength: 64)
        state.log.kind = .all
        return []
    case .char("f"):
        state.log.kind = LogKindFilter(rawValue: (state.log.kind.rawValue + 1) % LogKindFilter.allCases.count)!
        state.log.list.selectedKey = nil
        return []
    case .char("n"), .char("i"), .char("o"), .char("p"):
        let kind: LogEntry.Kind = press.key == .char("n") ? .note : press.key == .char("i") ? .callIn : press.key == .char("o") ? .callOut : .instruction
        state.overlay = .logEntry(LogEntryDialog(kind: kind))
        state.message = nil
        return []
    case .enter:
        if let key = LogView.selected(state, in: LogView.visibleEntries(state))?.key { state.overlay = .logDetail(key) }
        return []
    case .char("x"):
        guard let (key, entry) = LogView.selected(state, in: LogView.visibleEntries(state)), entry.kind == .instruction else {
            state.message = Message(.notAnInstruction, kind: .error)
            return []
        }
        guard state.duty.state.instructions[key]?.isDone != true else {
            state.message = Message(.instructionAlreadyDone)
            return []
        }
        return [.record(.instructionDone(id: key, at: state.now), operatorName: state.operatorName,
                        confirmation: .instructionMarkedDone(TextFit.truncate(entry.text, to: 30)))]
    default:
        return nil
    }
}

/// Keys while a dialog of these screens is open; always consumes the key.
func handleDialogKey(_ state: inout AppState, _ press: KeyPress) -> [Effect] {
    switch state.overlay {
    case .checkIn(var dialog):
        let effects = handleCheckInKey(&state, &dialog, press)
        if case .checkIn = state.overlay { state.overlay = .checkIn(dialog) }
        return effects
    case .mode(var dialog):
        switch press.key {
        case .escape, .ctrl("c"):
            state.overlay = nil
        case .enter:
            // The dialog stays until the write is confirmed, so a failure loses nothing typed.
            let reason = TerminalText.sanitize(dialog.reason.text).trimmingCharacters(in: .whitespaces)
            return [.record(.modeChange(to: dialog.target, reason: reason, seen: state.duty.state.mode.seenVector),
                            operatorName: state.operatorName, confirmation: .modeSwitched(dialog.target))]
        default:
            _ = dialog.reason.handle(press)
            state.overlay = .mode(dialog)
        }
        return []
    case .logEntry(var dialog):
        let effects = handleLogEntryKey(&state, &dialog, press)
        if case .logEntry = state.overlay { state.overlay = .logEntry(dialog) }
        return effects
    case .logDetail:
        if [.escape, .enter, .char("q"), .ctrl("c")].contains(press.key) { state.overlay = nil }
        return []
    case .incidentDetail(let id):
        return handleIncidentDetailKey(&state, id: id, press)
    case .incidentAction(var dialog):
        let effects = handleIncidentActionKey(&state, &dialog, press)
        if case .incidentAction = state.overlay { state.overlay = .incidentAction(dialog) }
        return effects
    default:
        return []
    }
}

private func handleCheckInKey(_ state: inout AppState, _ dialog: inout CheckInDialog, _ press: KeyPress) -> [Effect] {
    if var field = dialog.adding {
        switch press.key {
        case .escape:
            dialog.adding = nil
        case .enter:
            let name = TerminalText.sanitize(field.text).trimmingCharacters(in: .whitespaces)
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
                        confirmation: .checkedIn(present.joined(separator: "、"), operatorName))]
    default:
        break
    }
    return []
}

private func handleLogEntryKey(_ state: inout AppState, _ dialog: inout LogEntryDialog, _ press: KeyPress) -> [Effect] {
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
        TerminalText.sanitize(s, keepNewlines: newlines).trimmingCharacters(in: .whitespacesAndNewlines)
    }
    let text = clean(dialog.text.text)
    guard !text.isEmpty else {
        dialog.problem = .logTextMissing
        dialog.focus = .text
        return []
    }
    var due: Date?
    if dialog.kind == .instruction {
        switch DueTime.parse(dialog.due.text, now: state.now, timeZone: state.timeZone) {
        case .success(let d): due = d
        case .failure:
            dialog.problem = .logDueInvalid(TextFit.truncate(clean(dialog.due.text), to: 20))
            dialog.focus = .due
            return []
        }
    }
    return [.record(.logEntry(kind: dialog.kind, text: text, detail: clean(dialog.detail.text, newlines: true),
                              counterpart: clean(dialog.counterpart.text), dueAt: due),
                    operatorName: state.operatorName, confirmation: .logEntrySaved(TextFit.truncate(text, to: 30)))]
}

/// When an instruction is due: empty (no deadline), "15:30" (the next 15:30:
/// today, or tomorrow if that has passed), "+30m", "+2h".
public enum DueTime {
    public struct Invalid: Error {}

    public static func parse(_ raw: String, now: Date, timeZone: TimeZone) -> Result<Date?, Invalid> {
        let text = raw.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "：", with: ":")
        if text.isEmpty { return .success(nil) }
        if text.hasPrefix("+") {
            let body = text.dropFirst().lowercased()
            guard let unit = body.last, let n = Int(body.dropLast()), n > 0, n <= 10_000 else { return .failure(Invalid()) }
            switch unit {
            case "m": return .success(now.addingTimeInterval(Double(n) * 60))
            case "h": return .success(now.addingTimeInterval(Double(n) * 3600))
            default: return .failure(Invalid())
            }
        }
        guard let time = TimeOfDay(text) else { return .failure(Invalid()) }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        var c = calendar.dateComponents([.year, .month, .day], from: now)
        c.hour = time.hour
        c.minute = time.minute
        guard var date = calendar.date(from: c) else { return .failure(Invalid()) }
        if date <= now { date = calendar.date(byAdding: .day, value: 1, to: date) ?? date }
        return .success(date)
    }
}
