/// A row of tabs such as " 1 值班 │ 2 接报 … ". When the row is too narrow the
/// inactive tabs shrink to their key, so the active tab is always readable.
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
        let full = tabs.map { " \($0.key) \($0.title) " }
        let short = tabs.map { " \($0.key) " }
        let fullWidth = full.reduce(0) { $0 + $1.displayWidth }
        var x = area.x
        for (index, _) in tabs.enumerated() {
            let label = (fullWidth <= area.width || index == selected) ? full[index] : short[index]
            x = buffer.write(label, x: x, y: area.y, style: index == selected ? active : inactive, clip: area)
            if x >= area.maxX { break }
        }
    }
}
