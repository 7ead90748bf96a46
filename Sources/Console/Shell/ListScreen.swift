import SafeText
import Foundation
import TerminalUI

/// What the list screens (incidents, duty log, contacts) share: a title line
/// with the count, tags and the `/` filter; the list; a detail box below.
enum ListScreen {
    /// Title line, list, detail box: the detail gets `short` rows, or `tall`
    /// when the screen has 30 rows or more.
    static func layout(_ area: Rect, detail: (short: Int, tall: Int)) -> (top: Rect, list: Rect, detail: Rect) {
        let inner = area.inset(horizontal: 1, vertical: 0)
        let parts = inner.rows([.fixed(1), .fill, .fixed(inner.height >= 30 ? detail.tall : detail.short)])
        return (parts[0], parts[1], parts[2])
    }

    /// Rows of the list visible at the current size (paging and scrolling use it).
    static func visibleRows(_ state: AppState, detail: (short: Int, tall: Int)) -> Int {
        Table.visibleRows(in: layout(RootView.body(state), detail: detail).list)
    }

    /// "Title  count  [tags] / filter: …" or the screen's key hint; returns the
    /// cursor while the officer types into the filter.
    static func renderTitle(_ state: AppState, title: UIText, count: UIText, tags: [String], list: FilteredList, hint: UIText,
                            into buffer: inout ScreenBuffer, area top: Rect) -> Position? {
        let theme = state.theme
        let lang = state.language
        var x = buffer.write(title.text(lang), x: top.x, y: top.y, style: theme[.title], clip: top)
        x = buffer.write("  " + count.text(lang) + "  ", x: x, y: top.y, style: theme[.muted], clip: top)
        if !tags.isEmpty {
            x = buffer.write("[" + tags.joined(separator: " · ") + "] ", x: x, y: top.y, style: theme[.header], clip: top)
        }
        guard list.isFiltering || !list.filter.isEmpty else {
            buffer.write(TextFit.truncate(hint.text(lang), to: max(0, top.maxX - x)), x: x, y: top.y, style: theme[.muted], clip: top)
            return nil
        }
        x = buffer.write(UIText.filterPrompt.text(lang), x: x, y: top.y, style: theme[.header], clip: top)
        var field = list.filter
        let at = field.render(into: &buffer, area: Rect(x: x, y: top.y, width: max(0, min(30, top.maxX - x)), height: 1),
                              style: list.isFiltering ? theme[.input] : theme[.normal])
        return list.isFiltering ? at : nil
    }

    /// The detail box: `lines` wrapped to its width, cut at its bottom, never a control character.
    static func renderDetail(_ state: AppState, _ lines: [(String, Style)], into buffer: inout ScreenBuffer, area: Rect) {
        let theme = state.theme
        let inner = Box.draw(area, into: &buffer, border: theme[.border], titleStyle: theme[.title], fill: theme[.normal])
            .inset(horizontal: 1, vertical: 0)
        guard inner.height > 0, inner.width > 0 else { return }
        var y = inner.y
        for (text, style) in lines {
            for piece in TextFit.wrap(TextSafety.sanitize(text), width: inner.width) where y < inner.maxY {
                buffer.write(piece, x: inner.x, y: y, style: style, clip: inner)
                y += 1
            }
        }
    }

    static func tableStyles(_ theme: Theme) -> Table.Styles {
        .init(header: theme[.header], row: theme[.normal], selected: theme[.selection], empty: theme[.muted])
    }
}

extension FilteredList {
    /// The selected row: the one kept by key, else the first shown.
    func selected<Row>(in rows: [Row], key: (Row) -> String) -> (index: Int, row: Row)? {
        if let selectedKey, let index = rows.firstIndex(where: { key($0) == selectedKey }) { return (index, rows[index]) }
        return rows.first.map { (0, $0) }
    }
}
