import DutyModel
import Foundation
import TerminalUI

// What every list screen (incidents, warnings, duty log, contacts) shares:
// the list's state and the keys `/` and moving.

/// A list with a `/` filter: the filter text, whether the officer is typing
/// into it, and the selection (kept by key so live updates do not move it).
public struct FilteredList: Equatable, Sendable {
    public var filter = TextFieldState(maxLength: 64)
    public var isFiltering = false
    public var selectedKey: String?
    /// The first row shown: kept, so moving within a page does not scroll.
    public var offset = 0

    public init() {}
}

/// Where a moving key takes the selection.
public enum ListMove: Sendable {
    case down, up, pageDown, pageUp, first, last
}

/// The keys every list screen shares.
public enum ListCommand: Sendable {
    /// `/`: type into the filter.
    case filter
    case move(ListMove)
}

enum ListKeys {
    static let filter = KeyBinding([.char("/")], help: .keyFilter, ListCommand.filter)
    static let move = KeyBinding<ListCommand>(
        [(.down, .move(.down)), (.up, .move(.up)), (.char("j"), .move(.down)), (.char("k"), .move(.up)),
         (.pageUp, .move(.pageUp)), (.pageDown, .move(.pageDown)), (.home, .move(.first)), (.char("g"), .move(.first)),
         (.end, .move(.last)), (.char("G"), .move(.last))],
        label: "↑↓ jk PgUp PgDn g G", help: .keyMove)
}

/// The rows a list screen shows, as moving keys need them: how many, the key
/// of a row, and the row of a key. A long list (the duty log) answers these
/// from its index without listing every row.
protocol KeyedRows {
    associatedtype Row
    var count: Int { get }
    func row(at index: Int) -> Row
    func key(at index: Int) -> String
    func index(of key: String) -> Int?
}

extension KeyedRows {
    /// The selected row: the one kept by key, else the first.
    func selected(_ key: String?) -> (index: Int, row: Row)? {
        if let key, let i = index(of: key) { return (i, row(at: i)) }
        return count > 0 ? (0, row(at: 0)) : nil
    }
}

/// Rows with their keys, and where each key stands when an index is at hand
/// (the station thread's, for an unfiltered list): no list of every key is made per key press.
struct IndexedRows<Row>: KeyedRows {
    let rows: [Row]
    let keyOf: (Row) -> String
    let index: [String: Int]?

    var count: Int { rows.count }
    func row(at index: Int) -> Row { rows[index] }
    func key(at index: Int) -> String { keyOf(rows[index]) }
    func index(of key: String) -> Int? {
        if let index { return index[key] }
        return rows.firstIndex { keyOf($0) == key }
    }
}

extension Array: KeyedRows where Element == String {
    func row(at index: Int) -> String { self[index] }
    func key(at index: Int) -> String { self[index] }
    func index(of key: String) -> Int? { firstIndex(of: key) }
}

/// Moves a key-addressed selection through `keys`, scrolling only when it
/// leaves the `page` rows in view.
func moveSelection(_ list: inout FilteredList, keys: some KeyedRows, move: ListMove, page: Int) {
    guard keys.count > 0 else { return }
    let current = list.selectedKey.flatMap { keys.index(of: $0) } ?? 0
    let target: Int
    switch move {
    case .down: target = current + 1
    case .up: target = current - 1
    case .pageDown: target = current + page
    case .pageUp: target = current - page
    case .first: target = 0
    case .last: target = keys.count - 1
    }
    let index = min(max(0, target), keys.count - 1)
    list.selectedKey = keys.key(at: index)
    var table = TableState(selected: index, offset: list.offset)
    table.reveal(visibleRows: page, count: keys.count)
    list.offset = table.offset
}

/// A list's own key: `/` starts the filter, a moving key moves (never with
/// Alt, which stays free for the terminal). False when it is not taken.
/// The rows are listed only for a key that moves.
func handleListCommand(_ state: inout AppState, _ list: WritableKeyPath<AppState, FilteredList>, _ command: ListCommand,
                       _ press: KeyPress, keys: (AppState) -> any KeyedRows, page: (AppState) -> Int) -> Bool {
    switch command {
    case .filter:
        state[keyPath: list].isFiltering = true
    case .move(let move):
        guard !press.alt else { return false }
        let rows = keys(state)
        let rowsInView = page(state)
        moveSelection(&state[keyPath: list], keys: rows, move: move, page: rowsInView)
    }
    return true
}

/// Typing into a `/` filter: every printable key goes into the field, Enter
/// or ↓ returns to the list keeping the filter, Esc clears it.
/// False when it leaves the filter for a global key (Ctrl-C, F-keys).
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

extension AppState {
    /// Pins the selection of the list on screen to the row shown, so entries
    /// arriving live (newest first) do not move what `x` or `b` act on.
    mutating func pinSelection() {
        switch screen {
        case .log:
            if log.selectNewest {
                log.list.selectedKey = nil
                log.selectNewest = false
            } else if log.list.selectedKey == nil {
                log.list.selectedKey = LogView.selected(self, in: LogView.visibleEntries(self))?.row.key
            }
        case .warnings:
            if warnings.list.selectedKey == nil { warnings.list.selectedKey = WarningsView.selected(self, in: WarningsView.visible(self))?.chainKey }
        case .incidents:
            if incidents.list.selectedKey == nil { incidents.list.selectedKey = IncidentsView.selected(self, in: IncidentsView.visible(self))?.id }
        case .contacts:
            if contacts.list.selectedKey == nil { contacts.list.selectedKey = ContactsView.selected(self, in: ContactsView.visibleEntries(self))?.id }
        case .resources:
            if resources.list.selectedKey == nil { resources.list.selectedKey = ResourcesView.selected(self, in: ResourcesView.visible(self))?.entry.key }
        default:
            break
        }
    }
}
