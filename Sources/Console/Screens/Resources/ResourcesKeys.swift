import DutyModel
import TerminalUI

// Keys of the resources screen and of an object's detail (#19); the action
// dialogs' keys are in ResourceActions.swift.

enum ResourcesKeys {
    enum Command: Sendable {
        case list(ListCommand)
        case kind(Int)
        case near
        case detail
        case action(ResourceActionDialog.Action?)
        /// Esc with a filter or a distance sort on: clear them (unlisted: Esc is listed everywhere).
        case clear
    }

    static let bindings: [KeyBinding<Command>] = [
        KeyBinding([(.left, .kind(-1)), (.right, .kind(1)), (.char("["), .kind(-1)), (.char("]"), .kind(1))],
                   label: "← → [ ]", help: .resources(.keyKind)),
        ListKeys.filter.map(Command.list),
        KeyBinding([.char("n")], help: .resources(.keyNear), .near),
        KeyBinding([.enter], help: .resources(.keyDetail), .detail),
        KeyBinding([.char("d")], help: .resources(.keyDispatch), .action(.dispatch)),
        KeyBinding([.char("s")], help: .resources(.keyStatus), .action(nil)),
        KeyBinding([.char("i")], help: .resources(.keyIssue), .action(.issue)),
        KeyBinding([.char("r")], help: .resources(.keyReturn), .action(.giveBack)),
        ListKeys.move.map(Command.list),
        KeyBinding([.escape], help: nil, .clear),
    ]

    static var help: [HelpRow] { bindings.helpRows() }

    enum DetailCommand: Sendable {
        case close
        case action(ResourceActionDialog.Action?)
    }

    static let detail: [KeyBinding<DetailCommand>] = [
        KeyBinding([(.char("d"), .action(.dispatch)), (.char("s"), .action(nil)), (.char("i"), .action(.issue)),
                    (.char("r"), .action(.giveBack))], help: nil),
        KeyBinding([.escape, .enter, .char("q"), .ctrl("c")], help: nil, .close),
    ]
}

/// nil when the key is not the resources screen's, so global keys still work.
func handleResourcesKey(_ state: inout AppState, _ press: KeyPress) -> [Effect]? {
    if state.resources.list.isFiltering { return handleFilterKey(&state.resources.list, press) ? [] : nil }
    guard !press.alt, let command = ResourcesKeys.bindings.command(for: press.key) else { return nil }
    switch command {
    case .list(let list):
        return handleListCommand(&state, \.resources.list, list, press, keys: { ResourcesView.visible($0).map(\.entry.key) },
                                 page: ResourcesView.listRows) ? [] : nil
    case .kind(let step):
        let kinds = ResourcesView.kinds
        let at = kinds.firstIndex(of: state.resources.kind) ?? 0
        state.resources.kind = kinds[(at + step + kinds.count) % kinds.count]
        state.resources.list.selectedKey = nil
        state.resources.list.offset = 0
    case .near:
        // The next open incident, newest first; after the last, back to the plain order.
        let open = state.duty.openIncidents(now: state.now, timeZone: state.timeZone)
        guard !open.isEmpty else {
            state.resources.nearIncident = nil
            state.message = Message(.resources(.noOpenIncident), kind: .error)
            return []
        }
        let next: IncidentSummary?
        if let current = state.resources.nearIncident, let i = open.firstIndex(where: { $0.id == current }) {
            next = i + 1 < open.count ? open[i + 1] : nil
        } else {
            next = open.first
        }
        state.resources.nearIncident = next?.id
        state.resources.list.selectedKey = nil
        state.resources.list.offset = 0
        if next != nil, ResourcesView.nearPoint(state) == nil {
            state.message = Message(.resources(.noPoint), kind: .error)
        } else {
            state.message = Message(next.map { .resources(.near($0.id + " " + IncidentLabel.short(state, $0))) } ?? .resources(.nearNone))
        }
    case .detail:
        if let entry = ResourcesView.selected(state, in: ResourcesView.visible(state))?.entry { state.overlay = .resourceDetail(entry.key) }
    case .action(let action):
        guard let entry = ResourcesView.selected(state, in: ResourcesView.visible(state))?.entry else { return [] }
        return state.openResourceAction(action, on: entry, fromDetail: false)
    case .clear:
        guard !state.resources.list.filter.isEmpty || state.resources.nearIncident != nil else { return nil }
        state.resources.list.filter = TextFieldState(maxLength: 64)
        state.resources.nearIncident = nil
    }
    return []
}

/// Keys of an object's detail: its actions. Always consumes the key.
func handleResourceDetailKey(_ state: inout AppState, key: String, _ press: KeyPress) -> [Effect] {
    switch ResourcesKeys.detail.command(for: press.key) {
    case .close: state.overlay = nil
    case .action(let action):
        guard let entry = state.duty.resource(key) else { return [] }
        return state.openResourceAction(action, on: entry, fromDetail: true)
    case nil: break
    }
    return []
}

/// An incident in a few words for pickers and messages: its type and town.
enum IncidentLabel {
    static func short(_ state: AppState, _ s: IncidentSummary) -> String {
        let lang = state.language
        let type = state.duty.rules.taxonomy.type(s.type).map { lang == .zh ? $0.zh : $0.en } ?? s.type
        return [type, s.place.town.isEmpty ? s.place.county : s.place.town].filter { !$0.isEmpty }.joined(separator: " · ")
    }
}
