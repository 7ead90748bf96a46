import DutyModel
import TerminalUI

// Keys of the incident list and of an incident's detail (its actions; the
// action dialogs' keys are in IncidentActions.swift).

enum IncidentsKeys {
    enum Command: Sendable {
        case list(ListCommand)
        /// Esc with a filter or quick filters on: clear them (unlisted: Esc is listed everywhere).
        case clearFilters
        case newIntake, cycleSort, openDetail
        case toggle(IncidentQuickFilter)
    }

    static let bindings: [KeyBinding<Command>] = [
        KeyBinding([.char("a")], help: .intake(.helpNewIntake), .newIntake),
        ListKeys.filter.map(Command.list),
        KeyBinding([.char("s")], help: .incidents(.keySort), .cycleSort),
        KeyBinding([(.char("o"), .toggle(.open)), (.char("d"), .toggle(.overdue)), (.char("m"), .toggle(.mine)),
                    (.char("t"), .toggle(.today))], help: .incidents(.keyQuickFilters)),
        KeyBinding([.enter], help: .incidents(.keyIncidentDetail), .openDetail),
        ListKeys.move.map(Command.list),
        KeyBinding([.escape], help: nil, .clearFilters),
    ]

    enum DetailCommand: Sendable {
        case close
        /// The resources screen, nearest to this incident first (#19).
        case nearestResources
        /// An action on the incident shown, with the status it starts at.
        case action(IncidentActionDialog.Action, preset: IncidentStatus? = nil)
    }

    /// Keys of the incident detail.
    static let detail: [KeyBinding<DetailCommand>] = [
        KeyBinding([(.char("r"), .action(.report)), (.char("u"), .action(.update)), (.char("g"), .action(.grade)),
                    (.char("s"), .action(.status)), (.char("n"), .action(.note)), (.char("c"), .action(.status, preset: .closed)),
                    (.char("o"), .action(.reopen))], help: .intake(.helpActions)),
        KeyBinding([.char("9")], help: .resources(.keyNearest), .nearestResources),
        KeyBinding([.escape, .enter, .char("q"), .ctrl("c")], help: nil, .close),
    ]

    /// The list's keys, the detail's after the Enter that opens it, then the `:mute` command.
    static var help: [HelpRow] {
        var rows = bindings.helpRows()
        let afterEnter = (rows.firstIndex { $0.text == .incidents(.keyIncidentDetail) }).map { $0 + 1 } ?? rows.count
        rows.insert(contentsOf: detail.helpRows(), at: afterEnter)
        return rows + [HelpRow(keys: ":mute :unmute", text: .intake(.helpMute))]
    }
}

/// nil when the key is not the incident list's, so global keys still work.
func handleIncidentsKey(_ state: inout AppState, _ press: KeyPress) -> [Effect]? {
    if state.incidents.list.isFiltering { return handleFilterKey(&state.incidents.list, press) ? [] : nil }
    guard let command = IncidentsKeys.bindings.command(for: press.key) else { return nil }
    switch command {
    case .list(let list):
        return handleListCommand(&state, \.incidents.list, list, press, keys: { IncidentsView.listed($0) },
                                 page: IncidentsView.listRows) ? [] : nil
    case .cycleSort:
        state.incidents.sort = IncidentSort(rawValue: (state.incidents.sort.rawValue + 1) % IncidentSort.allCases.count)!
        state.incidents.list.offset = 0
    case .toggle(let filter):
        if state.incidents.quick.contains(filter) { state.incidents.quick.remove(filter) } else { state.incidents.quick.insert(filter) }
        state.incidents.list.offset = 0
    case .newIntake:
        state.openIntake()
    case .clearFilters:
        guard !state.incidents.list.filter.isEmpty || !state.incidents.quick.isEmpty else { return nil }
        state.incidents.list.filter = TextFieldState(maxLength: 64)
        state.incidents.quick = []
    case .openDetail:
        if let id = IncidentsView.listed(state).selected(state.incidents.list.selectedKey)?.row.id { state.overlay = .incidentDetail(id) }
    }
    return []
}

/// Keys of the incident detail: the actions. Always consumes the key.
func handleIncidentDetailKey(_ state: inout AppState, id: String, _ press: KeyPress) -> [Effect] {
    switch IncidentsKeys.detail.command(for: press.key) {
    case .close: state.overlay = nil
    case .nearestResources:
        state.overlay = nil
        state.screen = .resources
        state.resources.nearIncident = id
        state.resources.list.selectedKey = nil
        state.resources.list.offset = 0
    case .action(let action, let preset): state.openIncidentAction(action, id: id, preset: preset)
    case nil: break
    }
    return []
}
