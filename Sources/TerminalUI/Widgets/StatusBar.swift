/// One row with segments on the left and on the right. When they do not fit,
/// the left text is truncated down to `minimumLeftWidth` columns, and only
/// then are right-hand segments dropped from the far end.
public struct StatusBar {
    public struct Segment: Sendable {
        public var text: String
        public var style: Style
        /// When the bar is too narrow, segments of the lowest priority go first.
        public var priority: Int
        public init(_ text: String, style: Style, priority: Int = 0) {
            self.text = text
            self.style = style
            self.priority = priority
        }
    }

    public var left: [Segment]
    public var right: [Segment]
    public var minimumLeftWidth: Int

    public init(left: [Segment], right: [Segment], minimumLeftWidth: Int = .max) {
        self.left = left
        self.right = right
        self.minimumLeftWidth = minimumLeftWidth
    }

    public func render(into buffer: inout ScreenBuffer, area: Rect, base: Style) {
        guard area.height > 0 else { return }
        let row = area.row(0)
        buffer.fill(row, style: base)
        var right = self.right
        let leftWidth = left.reduce(0) { $0 + $1.text.displayWidth }
        func rightWidth() -> Int { right.reduce(0) { $0 + $1.text.displayWidth } }
        let leftNeeds = min(leftWidth, minimumLeftWidth)
        while !right.isEmpty && leftNeeds + rightWidth() > row.width {
            // The last of the least important segments goes first.
            let lowest = right.map(\.priority).min()!
            right.remove(at: right.lastIndex { $0.priority == lowest }!)
        }
        let rightStart = row.maxX - rightWidth()
        var x = row.x
        for segment in left {
            let room = rightStart - x
            guard room > 0 else { break }
            x = buffer.write(TextFit.truncate(segment.text, to: room), x: x, y: row.y, style: segment.style, clip: row)
        }
        x = rightStart
        for segment in right {
            x = buffer.write(segment.text, x: x, y: row.y, style: segment.style, clip: row)
        }
    }
}
