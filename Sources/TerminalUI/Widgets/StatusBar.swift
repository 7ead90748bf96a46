/// One row with segments on the left and on the right. When they do not fit,
/// right-hand segments are dropped from the far end first, then the left text
/// is truncated, so the most important (leftmost) information survives.
public struct StatusBar {
    public struct Segment: Sendable {
        public var text: String
        public var style: Style
        public init(_ text: String, style: Style) {
            self.text = text
            self.style = style
        }
    }

    public var left: [Segment]
    public var right: [Segment]

    public init(left: [Segment], right: [Segment]) {
        self.left = left
        self.right = right
    }

    public func render(into buffer: inout ScreenBuffer, area: Rect, base: Style) {
        guard area.height > 0 else { return }
        let row = area.row(0)
        buffer.fill(row, style: base)
        var right = self.right
        let leftWidth = left.reduce(0) { $0 + $1.text.displayWidth }
        func rightWidth() -> Int { right.reduce(0) { $0 + $1.text.displayWidth } }
        while !right.isEmpty && leftWidth + rightWidth() > row.width { right.removeLast() }
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
