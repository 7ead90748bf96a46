/// One row with segments on the left and on the right. When they do not fit,
/// the left text is truncated down to `minimumLeftWidth` columns; then, the
/// least important first, right-hand segments are shortened (to their compact
/// form) or dropped (the last of equals first; at equal importance shortening
/// comes before dropping). A segment's compact form may be taken earlier than
/// the segment itself would be dropped (`detailPriority`): the date of a clock
/// matters less than a warning count, the clock itself more. Once it fits, full
/// texts come back, most important first, where the room allows.
public struct StatusBar: Sendable {
    public struct Segment: Sendable {
        public var text: String
        public var style: Style
        /// When the bar is too narrow, segments of the lowest priority go first.
        public var priority: Int
        /// What the segment says when the bar is narrow (nil: it has no shorter form).
        public var compact: String?
        /// How important the words the compact form leaves out are (nil: as the
        /// segment: it is shortened just before it would be dropped).
        public var detailPriority: Int?
        public init(_ text: String, style: Style, priority: Int = 0, compact: String? = nil, detailPriority: Int? = nil) {
            self.text = text
            self.style = style
            self.priority = priority
            self.compact = compact == text ? nil : compact
            self.detailPriority = detailPriority
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

    /// The right-hand texts as shown in `width` columns, left to right.
    public func rightTexts(width: Int) -> [String] { fitRight(width: width).map(\.text) }

    private func fitRight(width: Int) -> [(text: String, segment: Segment)] {
        let leftWidth = left.reduce(0) { $0 + $1.text.displayWidth }
        let room = width - min(leftWidth, minimumLeftWidth)
        var shown = right.map { (segment: $0, short: false) }
        func used() -> Int {
            shown.reduce(0) { $0 + (($1.short ? $1.segment.compact : nil) ?? $1.segment.text).displayWidth }
        }
        guard used() > room else { return shown.map { ($0.segment.text, $0.segment) } }
        while !shown.isEmpty && used() > room {
            let shortenable = shown.indices.filter { !shown[$0].short && shown[$0].segment.compact != nil }
            func detail(_ i: Int) -> Int { shown[i].segment.detailPriority ?? shown[i].segment.priority }
            let shortenLevel = shortenable.map(detail).min()
            let dropLevel = shown.map(\.segment.priority).min()!
            if let level = shortenLevel, level <= dropLevel {
                shown[shortenable.last { detail($0) == level }!].short = true
            } else {
                // The last of the least important segments goes first.
                shown.remove(at: shown.lastIndex { $0.segment.priority == dropLevel }!)
            }
        }
        // Full texts back where they fit, the most important first.
        let order = shown.indices.sorted { (shown[$0].segment.priority, -$0) > (shown[$1].segment.priority, -$1) }
        for i in order where shown[i].short {
            let extra = shown[i].segment.text.displayWidth - shown[i].segment.compact!.displayWidth
            if used() + extra <= room { shown[i].short = false }
        }
        return shown.map { (($0.short ? $0.segment.compact : nil) ?? $0.segment.text, $0.segment) }
    }

    public func render(into buffer: inout ScreenBuffer, area: Rect, base: Style) {
        guard area.height > 0 else { return }
        let row = area.row(0)
        buffer.fill(row, style: base)
        let right = fitRight(width: row.width)
        let rightStart = row.maxX - right.reduce(0) { $0 + $1.text.displayWidth }
        var x = row.x
        for segment in left {
            let room = rightStart - x
            guard room > 0 else { break }
            x = buffer.write(TextFit.truncate(segment.text, to: room), x: x, y: row.y, style: segment.style, clip: row)
        }
        x = rightStart
        for (text, segment) in right {
            x = buffer.write(text, x: x, y: row.y, style: segment.style, clip: row)
        }
    }
}
