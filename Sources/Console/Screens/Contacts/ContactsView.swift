import DutyModel
import Foundation
import TerminalUI

/// The contact book: every channel of every contact (a duty room must reach
/// people with the public network down), filter-as-you-type on any field and
/// on pinyin initials, and the A/B partner one key away.
enum ContactsView {
    static func visibleEntries(_ state: AppState) -> [ContactEntry] {
        let query = state.contacts.list.filter.text.trimmingCharacters(in: .whitespaces)
        guard !query.isEmpty else { return state.duty.contacts }
        return state.duty.contacts.filter { $0.matches(query) }
    }

    static func selected(_ state: AppState, in entries: [ContactEntry]) -> ContactEntry? {
        state.contacts.list.selected(in: entries, key: \.id)?.row
    }

    static let detailRows = (short: 6, tall: 7)

    static func listRows(_ state: AppState) -> Int { ListScreen.visibleRows(state, detail: detailRows) }

    /// Renders the screen; returns where the cursor stands while filtering.
    static func render(_ state: AppState, into buffer: inout ScreenBuffer, area: Rect) -> Position? {
        let theme = state.theme
        let lang = state.language
        guard area.height > 4 else { return nil }
        let entries = visibleEntries(state)
        let (top, listArea, detailArea) = ListScreen.layout(area, detail: detailRows)
        let list = state.contacts.list
        let cursor = ListScreen.renderTitle(state, title: .screenTitle(.contacts), count: .contacts(.contactCount(entries.count, state.duty.contacts.count)),
                                            tags: [], list: list, hint: .contacts(.contactsHint), into: &buffer, area: top)

        let wide = listArea.width >= 120
        func channel(_ c: ContactInfo, _ kind: ChannelInfo.Kind) -> String {
            c.channels.filter { $0.kind == kind && !$0.value.isEmpty }.map(\.value).joined(separator: " ")
        }
        // Who gives way on a narrow terminal (#23): the wide-only channels, the title, the unit,
        // the radio; a mobile number is never cut, and the name is the last to go.
        var columns: [Table.Column] = [
            .init(UIText.contacts(.columnName).text(lang), minimum: 6, maximum: wide ? 12 : 8, priority: 8),
            .init(UIText.contacts(.columnUnit).text(lang), minimum: 8, priority: 4, grow: 1),
            .init(UIText.contacts(.columnTitle).text(lang), minimum: 6, maximum: wide ? 14 : 10, priority: 3),
            .init(UIText.channel(.mobile).text(lang), minimum: 11, maximum: wide ? nil : 11, priority: 7),
            .init(UIText.channel(.radio).text(lang), minimum: 6, maximum: wide ? 12 : 10, priority: 5),
        ]
        if wide {
            columns += [.init(UIText.channel(.office).text(lang), minimum: 13, maximum: 14, priority: 2),
                        .init(UIText.channel(.satellite).text(lang), minimum: 11, maximum: 12, priority: 1),
                        .init(UIText.contacts(.columnRole).text(lang), minimum: 6, maximum: 10, priority: 1),
                        .init(UIText.backupLabel.text(lang), minimum: 4, maximum: 10, priority: 1)]
        }
        let byID = Dictionary(state.duty.contacts.map { ($0.id, $0.info.name) }, uniquingKeysWith: { a, _ in a })
        let rows = entries.map { e -> [String] in
            var row = [e.info.name, e.info.unit, e.info.title, channel(e.info, .mobile), channel(e.info, .radio)]
            if wide { row += [channel(e.info, .office), channel(e.info, .satellite), e.info.role, byID[e.info.backupContactID] ?? ""] }
            return row
        }
        let current = list.selected(in: entries, key: \.id)
        var table = TableState(selected: current?.index ?? 0, offset: list.offset)
        let empty = state.duty.contacts.isEmpty ? UIText.contacts(.noContacts).text(lang) : UIText.contacts(.noContactMatches).text(lang)
        Table(columns: columns, rows: rows, emptyMessage: empty, selectionColumns: 1)
            .render(into: &buffer, area: listArea, state: &table, styles: ListScreen.tableStyles(theme))
        ListScreen.renderDetail(state, current.map { detailLines(state, $0.row.info) } ?? [], into: &buffer, area: detailArea)
        return cursor
    }

    /// Every channel of a contact, and the partner to call when they cannot be reached.
    static func detailLines(_ state: AppState, _ c: ContactInfo) -> [(String, Style)] {
        let theme = state.theme
        let lang = state.language
        var lines: [(String, Style)] = []
        let who = [c.name, c.unit, c.title, c.role].filter { !$0.isEmpty }.joined(separator: " · ")
        lines.append((who, theme[.title]))
        let channels = c.channels.filter { !$0.value.isEmpty }.map { UIText.channel($0.kind).text(lang) + " " + $0.value + ($0.label.isEmpty ? "" : "（\($0.label)）") }
        lines.append((channels.isEmpty ? UIText.contacts(.noChannels).text(lang) : channels.joined(separator: "  "), theme[.normal]))
        if let partner = state.duty.contacts.first(where: { $0.id == c.backupContactID }) {
            lines.append((UIText.contacts(.backupLine(partner.info.name, BoardView.channelText(partner.info, lang))).text(lang), theme[.info]))
        } else {
            lines.append((UIText.contacts(.noBackup).text(lang), theme[.muted]))
        }
        if !c.notes.isEmpty { lines.append((c.notes, theme[.muted])) }
        return lines
    }
}
