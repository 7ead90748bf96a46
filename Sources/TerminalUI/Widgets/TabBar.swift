/// A row of tabs such as " 1 值班  2 接报 … ". When the row is too narrow the
/// spacing tightens, then inactive tabs shrink to their key, so the active tab
/// is always readable.
public struct TabBar {
    public struct Tab: Sendable {
        public var key: String
        public var title: String
        public init(key: String, title: String) {
            self.key = key
            self.title = title
        }
    }

    public var tabs: [Tab]
    public var selected: Int

    public init(tabs: [Tab], selected: Int) {
        self.tabs = tabs
        self.selected = selected
    }

    public func render(into buffer: inout ScreenBuffer, area: Rect, active: Style, inactive: Style) {
        guard area.height > 0 else { return }
        buffer.fill(area.row(0), style: inactive)
        // Widest form that fits: " 1 Board " for every tab, then " 1 Board" with
        // single spaces between tabs, then inactive tabs shrunk to their key.
        let spacious = tabs.map { " \($0.key) \($0.title) " }
        let compact = tabs.enumerated().map { i, tab in " \(tab.key) \(tab.title)" + (i == tabs.count - 1 ? " " : "") }
        let short = tabs.map { " \($0.key) " }
        func width(_ labels: [String]) -> Int { labels.reduce(0) { $0 + $1.displayWidth } }
        var full = width(spacious) <= area.width ? spacious : compact
        var fits = width(full) <= area.width
        // Then inactive titles cut to the widest that fits ("3 Incid…", never shorter than
        // "Inc…"; a title that fits the room stays whole), the selected one whole.
        if !fits {
            let longest = tabs.map(\.title.displayWidth).max() ?? 0
            for room in stride(from: longest - 1, through: 4, by: -1) {
                let cut = tabs.enumerated().map { i, tab in
                    i == selected ? spacious[i] : " \(tab.key) \(TextFit.truncate(tab.title, to: room))" + (i == tabs.count - 1 ? " " : "")
                }
                if width(cut) <= area.width {
                    full = cut
                    fits = true
                    break
                }
            }
        }
        var x = area.x
        for (index, _) in tabs.enumerated() {
            let label = fits ? full[index] : (index == selected ? spacious[index] : short[index])
            x = buffer.write(label, x: x, y: area.y, style: index == selected ? active : inactive, clip: area)
            if x >= area.maxX { break }
        }
    }
}
