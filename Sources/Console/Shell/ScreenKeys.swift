import TerminalUI

// Which screen or dialog a key goes to; each screen's own keys are in
// Screens/<Name>/<Name>Keys.swift.

/// Keys of the screen on show, when no overlay has taken them; nil when the
/// key is not the screen's, so global keys still work.
func handleScreenKey(_ state: inout AppState, _ press: KeyPress) -> [Effect]? {
    switch state.screen {
    case .board: return handleBoardKey(&state, press)
    case .contacts: return handleContactsKey(&state, press)
    case .resources: return handleResourcesKey(&state, press)
    case .log: return handleLogKey(&state, press)
    case .incidents: return handleIncidentsKey(&state, press)
    case .warnings: return handleWarningsKey(&state, press)
    case .map: return handleMapKey(&state, press)
    case .handover: return handleHandoverKey(&state, press)
    case .intake: return nil
    }
}

/// Keys while a dialog of the board, log or incidents screen is open; always consumes the key.
func handleDialogKey(_ state: inout AppState, _ press: KeyPress) -> [Effect] {
    // Every detail view scrolls by the same keys; the rest are its own.
    if DetailView.handleScrollKey(&state, press) { return [] }
    switch state.overlay {
    case .checkIn(var dialog):
        let effects = handleCheckInKey(&state, &dialog, press)
        if case .checkIn = state.overlay { state.overlay = .checkIn(dialog) }
        return effects
    case .mode(var dialog):
        let effects = handleModeKey(&state, &dialog, press)
        if case .mode = state.overlay { state.overlay = .mode(dialog) }
        return effects
    case .logEntry(var dialog):
        let effects = handleLogEntryKey(&state, &dialog, press)
        if case .logEntry = state.overlay { state.overlay = .logEntry(dialog) }
        return effects
    case .logDetail:
        return handleLogDetailKey(&state, press)
    case .resourceDetail(let key, _):
        return handleResourceDetailKey(&state, key: key, press)
    case .resourceAction(var dialog):
        let effects = handleResourceActionKey(&state, &dialog, press)
        if case .resourceAction = state.overlay { state.overlay = .resourceAction(dialog) }
        return effects
    case .incidentDetail(let id, _):
        return handleIncidentDetailKey(&state, id: id, press)
    case .incidentAction(var dialog):
        let effects = handleIncidentActionKey(&state, &dialog, press)
        if case .incidentAction = state.overlay { state.overlay = .incidentAction(dialog) }
        return effects
    default:
        return []
    }
}
