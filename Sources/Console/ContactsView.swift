import DutyModel
import Foundation
import TerminalUI

/// The contact book: every channel of every contact (a duty room must reach
/// people with the public network down), filter-as-you-type on any field and
/// on pinyin initials, and the A/B partner one key away.
public enum ContactsView {
    static func visibleEntries(_ state: AppState) -> [ContactEntry] {
        let query = state.contacts.list.filter.text.trimmingCharacters(in: .whitespaces)
        guard !query.isEmpty else { return state.duty.contacts }
        return state.duty.contacts.filter { $0.matches(query) }
    }

    static func selected(_ state: AppState, in entries: [ContactEntry]) -> ContactEntry? {
        if let key = state.contacts.list.selectedKey, let entry = entries.first(where: { $0.id == key }) { return entry }
        return entries.first
    }

    /// Title line, list, detail box.
    static func layout(_ area: Rect) -> (Rect, Rect, Rect) {
        let inner = area.inset(horizontal: 1, vertical: 0)
        let parts = inner.rows([.fixed(1), .fill, .fixed(inner.height >= 30 ? 7 : 6)])
        return (parts[0], parts[1], parts[2])
    }

    /// Rows of the list visible at the current size.
    static func listRows(_ state: AppState) -> Int { Table.visibleRows(in: layout(RootView.body(state)).1) }
    public static func listRowsForTesting(_ state: AppState) -> Int { listRows(state) }

    /// Renders the screen; returns where the cursor stands while filtering.
    static func render(_ state: AppState, into buffer: inout ScreenBuffer, area: Rect) -> Position? {
        let theme = state.theme
        let lang = state.language
        let inner = area.inset(horizontal: 1, vertical: 0)
        guard inner.height > 4 else { return nil }
        let entries = visibleEntries(state)
        let (top, listArea, detailArea) = layout(area)

        // Title, count and the filter.
        var x = buffer.write(UIText.screenTitle(.contacts).text(lang), x: top.x, y: top.y, style: theme[.title], clip: top)
        x = buffer.write("  " + UIText.contactCount(entries.count, state.duty.contacts.count).text(lang) + "  ", x: x, y: top.y, style: theme[.muted], clip: top)
        var cursor: Position?
        let list = state.contacts.list
        if list.isFiltering || !list.filter.isEmpty {
            x = buffer.write(UIText.filterPrompt.text(lang), x: x, y: top.y, style: theme[.header], clip: top)
            var field = list.filter
            let fieldArea = Rect(x: x, y: top.y, width: max(0, min(30, top.maxX - x)), height: 1)
            let at = field.render(into: &buffer, area: fieldArea, style: list.isFiltering ? theme[.input] : theme[.normal])
            if list.isFiltering { cursor = at }
        } else {
            buffer.write(TextFit.truncate(UIText.contactsHint.text(lang), to: max(0, top.maxX - x)), x: x, y: top.y, style: theme[.muted], clip: top)
        }

        let wide = listArea.width >= 120
        func channel(_ c: ContactInfo, _ kind: ChannelInfo.Kind) -> String {
            c.channels.filter { $0.kind == kind && !$0.value.isEmpty }.map(\.value).joined(separator: " ")
        }
        var columns: [Table.Column] = [
            .init(UIText.columnName.text(lang), width: .fixed(wide ? 10 : 8)),
            .init(UIText.columnUnit.text(lang), width: .fill),
            .init(UIText.columnTitle.text(lang), width: .fixed(wide ? 14 : 10)),
            .init(UIText.channel(.mobile).text(lang), width: .fixed(11)),
            .init(UIText.channel(.radio).text(lang), width: .fixed(wide ? 12 : 10)),
        ]
        if wide {
            columns += [.init(UIText.channel(.office).text(lang), width: .fixed(14)),
                        .init(UIText.channel(.satellite).text(lang), width: .fixed(12)),
                        .init(UIText.columnRole.text(lang), width: .fixed(10)),
                        .init(UIText.backupLabel.text(lang), width: .fixed(10))]
        }
        let byID = Dictionary(state.duty.contacts.map { ($0.id, $0.info.name) }, uniquingKeysWith: { a, _ in a })
        let rows = entries.map { e -> [String] in
            var row = [e.info.name, e.info.unit, e.info.title, channel(e.info, .mobile), channel(e.info, .radio)]
            if wide { row += [channel(e.info, .office), channel(e.info, .satellite), e.info.role, byID[e.info.backupContactID] ?? ""] }
            return row
        }
        let current = selected(state, in: entries)
        var table = TableState(selected: current.flatMap { c in entries.firstIndex { $0.id == c.id } } ?? 0, offset: list.offset)
        let empty = state.duty.contacts.isEmpty ? UIText.noContacts.text(lang) : UIText.noContactMatches.text(lang)
        Table(columns: columns, rows: rows, emptyMessage: empty)
            .render(into: &buffer, area: listArea, state: &table,
                    styles: .init(header: theme[.header], row: theme[.normal], selected: theme[.selection], empty: theme[.muted]))

        // Every channel of the selected contact, and the partner to call when they cannot be reached.
        let d = Box.draw(detailArea, into: &buffer, border: theme[.border], titleStyle: theme[.title], fill: theme[.normal])
            .inset(horizontal: 1, vertical: 0)
        guard let c = current?.info, d.height > 0 else { return cursor }
        var lines: [(String, Style)] = []
        let who = [c.name, c.unit, c.title, c.role].filter { !$0.isEmpty }.joined(separator: " · ")
        lines.append((who, theme[.title]))
        let channels = c.channels.filter { !$0.value.isEmpty }.map { UIText.channel($0.kind).text(lang) + " " + $0.value + ($0.label.isEmpty ? "" : "（\($0.label)）") }
        lines.append((channels.isEmpty ? UIText.noChannels.text(lang) : channels.joined(separator: "  "), theme[.normal]))
        if let partner = state.duty.contacts.first(where: { $0.id == c.backupContactID }) {
            let reach = BoardView.channelText(partner.info, lang)
            lines.append((UIText.backupLine(partner.info.name, reach).text(lang), theme[.info]))
        } else {
            lines.append((UIText.noBackup.text(lang), theme[.muted]))
        }
        if !c.notes.isEmpty { lines.append((c.notes, theme[.muted])) }
        var y = d.y
        for (text, style) in lines {
            for piece in TextFit.wrap(TerminalText.sanitize(text), width: d.width) where y < d.maxY {
                buffer.write(piece, x: d.x, y: y, style: style, clip: d)
                y += 1
            }
        }
        return cursor
    }
}
