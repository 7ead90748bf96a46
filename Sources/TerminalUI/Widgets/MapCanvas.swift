import SafeText

/// A grid map canvas (#20): shapes given in cell coordinates (fractional
/// columns and rows, y down) drawn into a `width`×`height` block of cells, in
/// ASCII (`-|/\+`, one mark per cell, the card's "ASCII grid") or in Unicode
/// (braille dots, 2×4 per cell, for finer lines). Knows nothing of maps: the
/// caller projects; the canvas rasterises without gaps, fills polygons, clips at
/// its edge, draws symbols and places labels so that none overlaps another label
/// or a symbol (dropping the least important when there is no room).
///
/// Order of drawing: fills, then lines, then symbols, then labels, whatever
/// the order of the calls, so a river never hides a team.
public struct MapCanvas {
    public enum Resolution: Sendable { case ascii, braille }

    public struct PlacedLabel: Hashable, Sendable {
        public var text: String
        public var x: Int
        public var y: Int
        public var width: Int
    }

    public let width: Int
    public let height: Int
    public let resolution: Resolution

    /// Per cell: the fill's character and style (lowest layer).
    private var fills: [(text: Character, style: Style)?]
    /// Per cell: an ASCII line mark, its style and the stroke that made it.
    private var marks: [(text: Character, style: Style, stroke: Int)?]
    /// Per cell: braille dots (bit per dot, Unicode's order) and the style of the last line through it.
    private var dots: [UInt8]
    private var dotStyles: [Style?]
    private var symbols: [(text: String, style: Style, priority: Int)?]
    private var labels: [(text: String, x: Int, y: Int, style: Style, priority: Int, order: Int)] = []

    public init(width: Int, height: Int, resolution: Resolution = .ascii) {
        self.width = max(0, width)
        self.height = max(0, height)
        self.resolution = resolution
        let n = self.width * self.height
        fills = Array(repeating: nil, count: n)
        marks = Array(repeating: nil, count: n)
        dots = Array(repeating: 0, count: n)
        dotStyles = Array(repeating: nil, count: n)
        symbols = Array(repeating: nil, count: n)
    }

    @inline(__always) private func index(_ x: Int, _ y: Int) -> Int? {
        guard x >= 0, y >= 0, x < width, y < height else { return nil }
        return y * width + x
    }

    // MARK: Lines

    /// A straight line from `a` to `b` (cell coordinates), clipped to the canvas. In
    /// ASCII, `mark` draws it with one character throughout (a dotted border, `=` for a
    /// canal) instead of the marks that follow its slope.
    public mutating func line(from a: (x: Double, y: Double), to b: (x: Double, y: Double), style: Style, mark: Character? = nil) {
        stroke += 1
        segment(a, b, style, mark)
    }

    /// Joined segments, one stroke: its own joints are never `+`.
    public mutating func polyline(_ points: [(x: Double, y: Double)], style: Style, mark: Character? = nil) {
        guard points.count >= 2 else { return }
        stroke += 1
        for i in 1..<points.count { segment(points[i - 1], points[i], style, mark) }
    }

    private var stroke = 0

    private mutating func segment(_ a: (x: Double, y: Double), _ b: (x: Double, y: Double), _ style: Style, _ mark: Character?) {
        guard let (p, q) = clip(a, b) else { return }
        switch resolution {
        case .ascii: asciiLine(p, q, style, mark)
        case .braille: brailleLine(p, q, style)
        }
    }

    /// Liang–Barsky: the part of the segment inside the canvas (with a cell's margin), nil when none is.
    private func clip(_ a: (x: Double, y: Double), _ b: (x: Double, y: Double)) -> ((x: Double, y: Double), (x: Double, y: Double))? {
        guard a.x.isFinite, a.y.isFinite, b.x.isFinite, b.y.isFinite else { return nil }
        let (xmin, ymin, xmax, ymax) = (-1.0, -1.0, Double(width) + 1, Double(height) + 1)
        let dx = b.x - a.x, dy = b.y - a.y
        var t0 = 0.0, t1 = 1.0
        for (p, q) in [(-dx, a.x - xmin), (dx, xmax - a.x), (-dy, a.y - ymin), (dy, ymax - a.y)] {
            if p == 0 {
                if q < 0 { return nil }
            } else {
                let r = q / p
                if p < 0 { if r > t1 { return nil }; if r > t0 { t0 = r } } else { if r < t0 { return nil }; if r < t1 { t1 = r } }
            }
        }
        return ((a.x + t0 * dx, a.y + t0 * dy), (a.x + t1 * dx, a.y + t1 * dy))
    }

    /// One mark per cell the line passes, chosen by the line's look on screen (a
    /// cell is twice as tall as wide): `-` flat, `|` steep, `/` `\` between, `+`
    /// where two different marks meet. Steps of half a cell: no gaps.
    private mutating func asciiLine(_ a: (x: Double, y: Double), _ b: (x: Double, y: Double), _ style: Style, _ fixed: Character?) {
        let dx = b.x - a.x, dy = b.y - a.y
        let visual = dx == 0 ? Double.infinity : abs(dy * 2 / dx)
        let mark: Character = fixed ?? (visual < 0.5 ? "-" : visual > 2.5 ? "|" : ((dx > 0) == (dy < 0) ? "/" : "\\"))
        // Two samples per cell crossed: rounding never skips one.
        let steps = max(1, Int((max(abs(dx), abs(dy)) * 2).rounded(.up)))
        var last: Int?
        for s in 0...steps {
            let t = Double(s) / Double(steps)
            guard let i = index(Int((a.x + dx * t).rounded(.down)), Int((a.y + dy * t).rounded(.down))), i != last else { continue }
            last = i
            // Two different strokes' slope marks crossing make a +; a stroke's own joints and a fixed mark do not.
            if let existing = marks[i], existing.stroke != stroke, existing.text != mark, fixed == nil, "-|/\\+".contains(existing.text) {
                marks[i] = ("+", style, stroke)
            } else {
                marks[i] = (mark, style, stroke)
            }
        }
    }

    /// Braille dots, 2 across and 4 down per cell, stepped half a dot at a time.
    private mutating func brailleLine(_ a: (x: Double, y: Double), _ b: (x: Double, y: Double), _ style: Style) {
        let (ax, ay, bx, by) = (a.x * 2, a.y * 4, b.x * 2, b.y * 4)
        let dx = bx - ax, dy = by - ay
        let steps = max(1, Int((max(abs(dx), abs(dy)) * 2).rounded(.up)))
        for s in 0...steps {
            let t = Double(s) / Double(steps)
            let px = Int((ax + dx * t).rounded(.down)), py = Int((ay + dy * t).rounded(.down))
            guard px >= 0, py >= 0, let i = index(px / 2, py / 4) else { continue }
            dots[i] |= Self.dotBit(px % 2, py % 4)
            dotStyles[i] = style
        }
    }

    /// Unicode braille: dots 1-2-3 down the left, 4-5-6 down the right, 7 and 8 at the bottom.
    static func dotBit(_ x: Int, _ y: Int) -> UInt8 {
        switch (x, y) {
        case (0, 0): return 0x01
        case (0, 1): return 0x02
        case (0, 2): return 0x04
        case (1, 0): return 0x08
        case (1, 1): return 0x10
        case (1, 2): return 0x20
        case (0, 3): return 0x40
        default: return 0x80
        }
    }

    // MARK: Areas

    /// Fills the cells whose centre lies inside the rings (even–odd: a ring inside
    /// another is a hole), with `text` in `style`. Scanline per row of cells.
    public mutating func fill(_ rings: [[(x: Double, y: Double)]], text: Character, style: Style) {
        guard width > 0, height > 0 else { return }
        var top = Double.infinity, bottom = -Double.infinity
        for ring in rings { for p in ring { top = min(top, p.y); bottom = max(bottom, p.y) } }
        guard top.isFinite, bottom.isFinite else { return }
        let first = max(0, Int(top.rounded(.down))), last = min(height - 1, Int(bottom.rounded(.up)))
        guard first <= last else { return }
        var crossings: [Double] = []
        for row in first...last {
            let y = Double(row) + 0.5
            crossings.removeAll(keepingCapacity: true)
            for ring in rings where ring.count >= 2 {
                var j = ring.count - 1
                for i in ring.indices {
                    let p = ring[i], q = ring[j]
                    if (p.y > y) != (q.y > y) { crossings.append(p.x + (y - p.y) * (q.x - p.x) / (q.y - p.y)) }
                    j = i
                }
            }
            crossings.sort()
            var k = 0
            while k + 1 < crossings.count {
                // Cells whose centre x + 0.5 lies in [from, to).
                let from = max(0, Int((crossings[k] - 0.5).rounded(.up))), to = min(width - 1, Int((crossings[k + 1] - 0.5).rounded(.up)) - 1)
                if from <= to { for x in from...to { fills[row * width + x] = (text, style) } }
                k += 2
            }
        }
    }

    // MARK: Symbols and labels

    /// A symbol in the cell holding (`x`, `y`); of two in one cell the higher priority stays.
    public mutating func symbol(_ text: String, x: Double, y: Double, style: Style, priority: Int = 0) {
        guard x.isFinite, y.isFinite, let i = index(Int(x.rounded(.down)), Int(y.rounded(.down))) else { return }
        if let existing = symbols[i], existing.priority > priority { return }
        // A one-letter symbol (the map's own) needs no cleaning; anything else is sanitised.
        let plain = text.utf8.count == 1 && text.utf8.first.map { (0x21...0x7E).contains($0) } == true
        symbols[i] = (plain ? text : TextSafety.sanitize(text), style, priority)
    }

    /// A label for the point (`x`, `y`): placed right of it, else left, above,
    /// below, never over another label or a symbol; higher priority first, and
    /// dropped when none of the four places is free.
    public mutating func label(_ text: String, x: Double, y: Double, style: Style, priority: Int = 0) {
        guard x.isFinite, y.isFinite else { return }
        labels.append((TextSafety.sanitize(text), Int(x.rounded(.down)), Int(y.rounded(.down)), style, priority, labels.count))
    }

    /// Where the labels go (and which are dropped), as `render` places them.
    public func placedLabels() -> [PlacedLabel] { placeLabels().map(\.label) }

    private func placeLabels() -> [(label: PlacedLabel, style: Style)] {
        var taken = Array(repeating: false, count: width * height)
        for (i, s) in symbols.enumerated() where s != nil { taken[i] = true }
        var placed: [(PlacedLabel, Style)] = []
        for l in labels.sorted(by: { ($0.priority, -$0.order) > ($1.priority, -$1.order) }) {
            let w = l.text.displayWidth
            guard w > 0, w <= width else { continue }
            let candidates = [(l.x + 1, l.y), (l.x - w, l.y), (l.x - w / 2, l.y - 1), (l.x - w / 2, l.y + 1)]
            for (x, y) in candidates {
                // A label one column clear of the next on its row, so two never read as one.
                guard y >= 0, y < height, x >= 0, x + w <= width else { continue }
                let span = max(0, x - 1)..<min(width, x + w + 1)
                guard !span.contains(where: { c in taken[y * width + c] && (c >= x && c < x + w || labelsOnly(c, y, placed)) }) else { continue }
                for c in x..<(x + w) { taken[y * width + c] = true }
                placed.append((PlacedLabel(text: l.text, x: x, y: y, width: w), l.style))
                break
            }
        }
        return placed
    }

    /// Whether (`c`, `y`) is a placed label's cell (the gap between labels is kept; a symbol may touch a label).
    private func labelsOnly(_ c: Int, _ y: Int, _ placed: [(PlacedLabel, Style)]) -> Bool {
        placed.contains { $0.0.y == y && c >= $0.0.x && c < $0.0.x + $0.0.width }
    }

    // MARK: Output

    /// Draws the canvas at `area`'s top left (clipped to it), over `base` where nothing is drawn.
    public func render(into buffer: inout ScreenBuffer, area: Rect, base: Style) {
        let w = min(width, area.width), h = min(height, area.height)
        guard w > 0, h > 0 else { return }
        for y in 0..<h {
            for x in 0..<w {
                let i = y * width + x
                var text = " ", style = base
                if let f = fills[i] { text = String(f.text); style = f.style }
                if resolution == .ascii, let m = marks[i] {
                    text = String(m.text); style = m.style.withBackground(of: style)
                } else if resolution == .braille, dots[i] != 0, let s = dotStyles[i] {
                    text = String(UnicodeScalar(0x2800 + UInt32(dots[i]))!); style = s.withBackground(of: style)
                }
                if let s = symbols[i] {
                    text = s.text; style = s.style
                }
                // Single-column glyphs straight into their cell; anything wider through write.
                if text.utf8.count == 1 || (text.unicodeScalars.count == 1 && (0x2800...0x28FF).contains(text.unicodeScalars.first!.value)) {
                    buffer.setNarrow(text, x: area.x + x, y: area.y + y, style: style)
                } else {
                    buffer.write(text, x: area.x + x, y: area.y + y, style: style, clip: area)
                }
            }
        }
        for (label, style) in placeLabels() where label.y < h {
            buffer.write(label.text, x: area.x + label.x, y: area.y + label.y, style: style, clip: Rect(x: area.x, y: area.y, width: w, height: h))
        }
    }

    /// The text of every cell (symbols and labels included), for tests and `zhiban map --print`.
    public func lines() -> [String] {
        var buffer = ScreenBuffer(size: Size(width: width, height: height))
        render(into: &buffer, area: Rect(x: 0, y: 0, width: width, height: height), base: .plain)
        return buffer.lines
    }
}

extension Style {
    /// This style's colours and attributes, on `other`'s background when this one has none.
    func withBackground(of other: Style) -> Style {
        var s = self
        if s.background == .default { s.background = other.background }
        return s
    }
}
