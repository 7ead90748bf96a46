import TerminalUI

// Keys of the contact book.

enum ContactsKeys {
    enum Command: Sendable {
        case list(ListCommand)
        /// Esc with a filter typed: clear it (unlisted: Esc is listed everywhere).
        case clearFilter
        case jumpToBackup
    }

    static let bindings: [KeyBinding<Command>] = [
        ListKeys.filter.map(Command.list),
        KeyBinding([.char("b")], help: .contacts(.keyBackup), .jumpToBackup),
        ListKeys.move.map(Command.list),
        KeyBinding([.escape], help: nil, .clearFilter),
    ]

    static var help: [HelpRow] { bindings.helpRows() }
}

/// nil when the key is not the contact book's, so global keys still work.
func handleContactsKey(_ state: inout AppState, _ press: KeyPress) -> [Effect]? {
    if state.contacts.list.isFiltering { return handleFilterKey(&state.contacts.list, press) ? [] : nil }
    guard let command = ContactsKeys.bindings.command(for: press.key) else { return nil }
    switch command {
    case .list(let list):
        return handleListCommand(&state, \.contacts.list, list, press, keys: { ContactsView.visibleEntries($0).map(\.id) },
                                 page: ContactsView.listRows) ? [] : nil
    case .clearFilter:
        guard !state.contacts.list.filter.isEmpty else { return nil }
        state.contacts.list.filter = TextFieldState(maxLength: 64)
        return []
    case .jumpToBackup:
        // The A/B partner: jump to them, clearing a filter that hides them.
        let entries = ContactsView.visibleEntries(state)
        guard let current = ContactsView.selected(state, in: entries) else { return [] }
        let partnerID = current.info.backupContactID
        guard !partnerID.isEmpty, state.duty.contacts.contains(where: { $0.id == partnerID }) else {
            state.message = Message(.contacts(.noBackupPartner(current.info.name)), kind: .error)
            return []
        }
        if !entries.contains(where: { $0.id == partnerID }) { state.contacts.list.filter = TextFieldState(maxLength: 64) }
        state.contacts.list.selectedKey = partnerID
        state.message = Message(.contacts(.jumpedToBackup(current.info.name, state.duty.contacts.first { $0.id == partnerID }!.info.name)))
        return []
    }
}
