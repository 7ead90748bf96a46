/// One terminal cell: a grapheme cluster and its style. A wide character
/// (CJK, emoji) lives in its first cell; the cell to its right is a
/// continuation with empty text so that indexes stay column-true.
public struct Cell: Hashable, Sendable {
    public var text: String
    public var style: Style
    /// Columns the text takes: 1 or 2, 0 for a continuation.
    public var width: UInt8

    public init(text: String, style: Style, width: UInt8) {
        self.text = text
        self.style = style
        self.width = width
    }

    public static func blank(_ style: Style = .plain) -> Cell { Cell(text: " ", style: style, width: 1) }
    public var isContinuation: Bool { width == 0 }
}

/// An in-memory screen that views draw into. Nothing here talks to a terminal;
/// a backend copies the cells that changed since the last frame.
public struct ScreenBuffer: Hashable, Sendable {
    public private(set) var size: Size
    public private(set) var cells: [Cell]
    public var policy: WidthPolicy

    public init(size: Size, style: Style = .plain, policy: WidthPolicy = .standard) {
        self.size = size
        self.policy = policy
        self.cells = Array(repeating: .blank(style), count: size.width * size.height)
    }

    public var bounds: Rect { Rect(size: size) }

    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * size.width + x] }
    }

    public func cell(at p: Position) -> Cell? {
        guard bounds.contains(p) else { return nil }
        return cells[p.y * size.width + p.x]
    }

    /// Fills a rectangle (clipped to the screen) with blanks of `style`.
    public mutating func fill(_ rect: Rect, style: Style) {
        let r = rect.intersection(bounds)
        guard !r.isEmpty else { return }
        for y in r.y..<r.maxY {
            clearWideEdges(y: y, from: r.x, to: r.maxX)
            for x in r.x..<r.maxX { cells[y * size.width + x] = .blank(style) }
        }
    }

    /// Gives the cells of `rect` a new style without changing their text.
    public mutating func restyle(_ rect: Rect, _ transform: (Style) -> Style) {
        let r = rect.intersection(bounds)
        guard !r.isEmpty else { return }
        for y in r.y..<r.maxY {
            for x in r.x..<r.maxX { cells[y * size.width + x].style = transform(cells[y * size.width + x].style) }
        }
    }

    /// Writes text on one row from `x`, clipped to `clip` (default: the whole
    /// screen), never past its right edge. Control characters are dropped. A wide
    /// character that would straddle the edge is replaced by a space, so a row is
    /// never corrupted. Returns the column after the last one written.
    @discardableResult
    public mutating func write(_ text: String, x: Int, y: Int, style: Style, clip: Rect? = nil) -> Int {
        let area = (clip ?? bounds).intersection(bounds)
        guard y >= area.y, y < area.maxY else { return x }
        var column = x
        for ch in text {
            if column >= area.maxX { break }
            let w = DisplayWidth.of(ch, policy: policy)
            if w == 0 {
                if ch.unicodeScalars.first.map({ $0.properties.generalCategory == .control }) ?? true { continue }
                // A lone combining mark: attach it to the previous cell if that is ours.
                if column > area.x, column - 1 >= x { attach(ch, x: column - 1, y: y) }
                continue
            }
            if column < area.x {
                column += w
                if column > area.x, w == 2 { put(Cell.blank(style), x: area.x, y: y) }
                continue
            }
            if w == 2 && column + 1 >= area.maxX {
                put(.blank(style), x: column, y: y)
                column += 1
                break
            }
            put(Cell(text: String(ch), style: style, width: UInt8(w)), x: column, y: y)
            if w == 2 { put(Cell(text: "", style: style, width: 0), x: column + 1, y: y) }
            column += w
        }
        return column
    }

    /// The text of one row, continuation cells skipped, trailing blanks kept.
    public func line(_ y: Int) -> String {
        var s = ""
        for x in 0..<size.width {
            let c = self[x, y]
            if !c.isContinuation { s += c.text }
        }
        return s
    }

    /// Every row as text, with trailing spaces trimmed (for tests and logs).
    public var lines: [String] {
        (0..<size.height).map { y in
            var l = line(y)
            while l.last == " " { l.removeLast() }
            return l
        }
    }

    /// Places one cell, first blanking the halves of any wide character it cuts.
    /// One single-column glyph at (`x`, `y`), for a widget that fills every cell of an
    /// area (the map canvas): no text walk. Nothing outside the buffer is touched.
    public mutating func setNarrow(_ text: String, x: Int, y: Int, style: Style) {
        guard x >= 0, y >= 0, x < size.width, y < size.height else { return }
        put(Cell(text: text, style: style, width: 1), x: x, y: y)
    }

    private mutating func put(_ cell: Cell, x: Int, y: Int) {
        let i = y * size.width + x
        // (A continuation is only ever placed right after its own wide character,
        // so the cell to its left is new and must stay.)
        if cells[i].isContinuation, x > 0, !cell.isContinuation {
            cells[i - 1] = .blank(cells[i - 1].style)
        }
        if cells[i].width == 2, x + 1 < size.width, cell.width != 2 {
            cells[i + 1] = .blank(cells[i + 1].style)
        }
        cells[i] = cell
    }

    private mutating func attach(_ mark: Character, x: Int, y: Int) {
        var i = y * size.width + x
        if cells[i].isContinuation, x > 0 { i -= 1 }
        cells[i].text.append(mark)
    }

    /// Before overwriting columns from..<to on row y, blank the far half of wide
    /// characters that stick out on either side.
    private mutating func clearWideEdges(y: Int, from: Int, to: Int) {
        let row = y * size.width
        if from > 0, from < size.width, cells[row + from].isContinuation {
            cells[row + from - 1] = .blank(cells[row + from - 1].style)
        }
        if to < size.width, to > 0, cells[row + to].isContinuation {
            cells[row + to] = .blank(cells[row + to].style)
        }
    }
}

/// A run of changed cells on one row, for backends to copy to the terminal.
public struct CellRun: Hashable, Sendable {
    public var x: Int
    public var y: Int
    public var cells: [Cell]
}

extension ScreenBuffer {
    /// The runs of cells that differ from `previous` (all of them when there is
    /// no previous frame or its size differs). A changed continuation cell pulls
    /// in its wide character so the pair is always drawn together.
    public func changes(since previous: ScreenBuffer?) -> [CellRun] {
        var runs: [CellRun] = []
        let full = previous == nil || previous!.size != size
        for y in 0..<size.height {
            var x = 0
            while x < size.width {
                let i = y * size.width + x
                if !full && cells[i] == previous!.cells[i] { x += 1; continue }
                var start = x
                if cells[i].isContinuation && start > 0 { start -= 1 }
                var end = x + 1
                while end < size.width {
                    let j = y * size.width + end
                    if !full && cells[j] == previous!.cells[j] && !cells[j].isContinuation { break }
                    end += 1
                }
                if let last = runs.last, last.y == y, last.x + last.cells.count > start {
                    start = last.x + last.cells.count
                }
                if start < end {
                    runs.append(CellRun(x: start, y: y, cells: Array(cells[(y * size.width + start)..<(y * size.width + end)])))
                }
                x = end
            }
        }
        return runs
    }
}
