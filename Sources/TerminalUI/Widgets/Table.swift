import SafeText
/// Selection and scroll position of a table, kept in the app state.
public struct TableState: Hashable, Sendable {
    public var selected: Int
    public var offset: Int

    public init(selected: Int = 0, offset: Int = 0) {
        self.selected = selected
        self.offset = offset
    }

    /// Moves the selection by `delta` rows, clamped to `count` rows.
    public mutating func move(by delta: Int, count: Int) {
        guard count > 0 else { selected = 0; offset = 0; return }
        selected = min(max(selected + delta, 0), count - 1)
    }

    /// For a long list whose rows are built only where seen: scrolls so the
    /// selection is visible among `count` rows, and returns the rows in view
    /// and the state to draw just those with (its selection counted from them).
    public func window(visibleRows: Int, count: Int) -> (rows: Range<Int>, state: TableState) {
        var whole = self
        whole.reveal(visibleRows: visibleRows, count: count)
        let rows = min(whole.offset, count)..<min(count, whole.offset + visibleRows)
        return (rows, TableState(selected: whole.selected - rows.lowerBound, offset: 0))
    }

    /// Scrolls so the selection is visible in `visibleRows` rows.
    public mutating func reveal(visibleRows: Int, count: Int) {
        guard visibleRows > 0, count > 0 else { offset = 0; return }
        selected = min(max(selected, 0), count - 1)
        if selected < offset { offset = selected }
        if selected >= offset + visibleRows { offset = selected - visibleRows + 1 }
        offset = min(max(offset, 0), max(0, count - visibleRows))
    }
}

/// A table with a header row, column widths by constraint, a selected row and
/// vertical scrolling. Cells are truncated by display width with `…`.
public struct Table {
    public struct Column: Sendable {
        public var title: String
        public var width: Constraint
        public var alignment: Alignment
        public init(_ title: String, width: Constraint, alignment: Alignment = .left) {
            self.title = title
            self.width = width
            self.alignment = alignment
        }
    }

    public struct Styles: Sendable {
        public var header: Style
        public var row: Style
        public var selected: Style
        public var empty: Style
        public init(header: Style, row: Style, selected: Style, empty: Style) {
            self.header = header
            self.row = row
            self.selected = selected
            self.empty = empty
        }
    }

    public var columns: [Column]
    public var rows: [[String]]
    /// A style per row overriding `Styles.row` (for overdue rows and the like).
    public var rowStyles: [Int: Style]
    public var emptyMessage: String
    public var showsSelection: Bool
    /// How many leading columns the selection colours (nil: the whole row).
    /// A long list marks the selection on its first column only, so moving it
    /// redraws two short cells instead of two whole rows of text.
    public var selectionColumns: Int?

    public init(columns: [Column], rows: [[String]], rowStyles: [Int: Style] = [:],
                emptyMessage: String, showsSelection: Bool = true, selectionColumns: Int? = nil) {
        self.columns = columns
        self.rows = rows
        self.rowStyles = rowStyles
        self.emptyMessage = emptyMessage
        self.showsSelection = showsSelection
        self.selectionColumns = selectionColumns
    }

    /// Rows of data visible in `area` (one row goes to the header).
    public static func visibleRows(in area: Rect) -> Int { max(0, area.height - 1) }

    /// Draws the table; `state` is adjusted so the selection stays in view.
    public func render(into buffer: inout ScreenBuffer, area: Rect, state: inout TableState, styles: Styles) {
        guard area.height > 0, area.width > 0 else { return }
        buffer.fill(area, style: styles.row)
        // One column of gap between columns.
        var constraints: [Constraint] = []
        for (i, c) in columns.enumerated() {
            constraints.append(c.width)
            if i < columns.count - 1 { constraints.append(.fixed(1)) }
        }
        let widths = Layout.lengths(area.width, constraints).enumerated().filter { $0.offset % 2 == 0 }.map(\.element)
        func draw(_ cells: [String], y: Int, style: Style, leading: (columns: Int, style: Style)? = nil) {
            buffer.fill(Rect(x: area.x, y: y, width: area.width, height: 1), style: style)
            var x = area.x
            for (i, column) in columns.enumerated() {
                let w = widths[i]
                let text = i < cells.count ? TextSafety.sanitize(cells[i]) : ""
                let cellStyle = leading.map { i < $0.columns ? $0.style : style } ?? style
                if w > 0 { buffer.write(TextFit.pad(text, to: w, alignment: column.alignment), x: x, y: y, style: cellStyle, clip: area) }
                x += w + 1
            }
        }
        draw(columns.map(\.title), y: area.y, style: styles.header)
        let visible = Self.visibleRows(in: area)
        guard !rows.isEmpty else {
            if visible > 0 {
                let text = TextFit.truncate(emptyMessage, to: area.width)
                buffer.write(text, x: area.x + max(0, (area.width - text.displayWidth) / 2),
                             y: area.y + 1 + (visible - 1) / 2, style: styles.empty, clip: area)
            }
            state = TableState()
            return
        }
        state.reveal(visibleRows: visible, count: rows.count)
        for line in 0..<visible {
            let index = state.offset + line
            guard index < rows.count else { break }
            let selected = showsSelection && index == state.selected
            if selected, let n = selectionColumns {
                draw(rows[index], y: area.y + 1 + line, style: rowStyles[index] ?? styles.row, leading: (n, styles.selected))
            } else {
                draw(rows[index], y: area.y + 1 + line, style: selected ? styles.selected : (rowStyles[index] ?? styles.row))
            }
        }
    }
}
