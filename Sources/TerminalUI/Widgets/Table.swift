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

/// A table with a header row, columns that share the width by minimum, priority
/// and cap, a selected row and vertical scrolling. Cells are truncated by display
/// width with `…`.
///
/// How the width is shared (one rule for every list):
/// 1. Each column asks for its content (the widest of its title and its cells in
///    view), capped at its `maximum`; a `whole` column's minimum is its content.
/// 2. While the minimums (and one gap between columns) do not fit, the column of
///    the lowest priority is left out (the rightmost of equals first).
/// 3. Each column gets its minimum; then, highest priority first, what it asks for
///    (a column that grows asks only its minimum).
/// 4. What is left goes to the columns that `grow`, by weight, up to their maximum.
/// So a long place never takes the room a type needs, and the column that must
/// never be cut (the next report) is the last to give way.
public struct Table {
    public struct Column: Sendable {
        public var title: String
        /// Narrower than this the column is left out rather than shown.
        public var minimum: Int
        /// Widest it gets (nil: no cap).
        public var maximum: Int?
        /// Who gives way when the row is narrow: the lowest priority first.
        public var priority: Int
        /// Share of the width left once every column has what it asks for (0: none).
        public var grow: Int
        /// Never cut while another column can give way: its minimum is its content.
        public var whole: Bool
        public var alignment: Alignment

        public init(_ title: String, minimum: Int, maximum: Int? = nil, priority: Int, grow: Int = 0,
                    whole: Bool = false, alignment: Alignment = .left) {
            self.title = title
            self.minimum = max(0, minimum)
            self.maximum = maximum.map { max($0, max(0, minimum)) }
            self.priority = priority
            self.grow = max(0, grow)
            self.whole = whole
            self.alignment = alignment
        }

        /// A column by layout constraint: `.fixed(n)` is exactly n wide (left out when
        /// it does not fit), `.fill(w)` takes the rest by weight; all of equal priority.
        public init(_ title: String, width: Constraint, alignment: Alignment = .left) {
            switch width {
            case .fixed(let n): self.init(title, minimum: n, maximum: n, priority: 0, alignment: alignment)
            case .percent(let p): self.init(title, minimum: 0, priority: 0, grow: max(1, p), alignment: alignment)
            case .fill(let w): self.init(title, minimum: 0, priority: 0, grow: w, alignment: alignment)
            }
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
    /// How many leading columns (of those shown) the selection colours (nil: the
    /// whole row). A long list marks the selection on its first column only, so moving
    /// it redraws two short cells instead of two whole rows of text. A selected row
    /// with a style of its own (overdue, a warning's colour) keeps that style outside
    /// the selection's first column whatever this says: the status stays visible.
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

    /// The width of each column in `total` cells with one cell between shown columns;
    /// 0 for a column left out. `content[i]` is what column i asks for (title and cells).
    public static func widths(_ columns: [Column], content: [Int], total: Int) -> [Int] {
        let n = columns.count
        guard n > 0 else { return [] }
        let minimum = columns.indices.map { i in columns[i].whole ? max(columns[i].minimum, content[i]) : columns[i].minimum }
        // A column that grows asks only its minimum: it takes what is left once the others have theirs.
        let asks = columns.indices.map { i in
            columns[i].grow > 0 ? minimum[i] : max(minimum[i], min(content[i], columns[i].maximum ?? Int.max))
        }
        var shown = Array(repeating: true, count: n)
        func needed() -> Int {
            let kept = columns.indices.filter { shown[$0] }
            return kept.reduce(0) { $0 + minimum[$1] } + max(0, kept.count - 1)
        }
        while needed() > total, shown.filter({ $0 }).count > 1 {
            let kept = columns.indices.filter { shown[$0] }
            let lowest = kept.map { columns[$0].priority }.min()!
            shown[kept.last { columns[$0].priority == lowest }!] = false
        }
        var widths = columns.indices.map { shown[$0] ? minimum[$0] : 0 }
        let kept = columns.indices.filter { shown[$0] }
        var spare = total - needed()
        if spare < 0 {
            // One column left and even it does not fit: it is cut to the row.
            widths[kept[0]] = max(0, total)
            return widths
        }
        // Highest priority first (the leftmost of equals), each up to what it asks for.
        for i in kept.sorted(by: { (columns[$0].priority, -$0) > (columns[$1].priority, -$1) }) where spare > 0 {
            let more = min(spare, asks[i] - widths[i])
            widths[i] += more
            spare -= more
        }
        // The rest to the columns that grow, by weight, up to their caps.
        while spare > 0 {
            let growing = kept.filter { columns[$0].grow > 0 && widths[$0] < (columns[$0].maximum ?? Int.max) }
            guard !growing.isEmpty else { break }
            let weights = growing.reduce(0) { $0 + columns[$1].grow }
            var handed = 0
            for i in growing {
                let room = (columns[i].maximum ?? Int.max) - widths[i]
                let share = min(room, max(1, spare * columns[i].grow / weights), spare - handed)
                widths[i] += share
                handed += share
                if handed == spare { break }
            }
            spare -= handed
            if handed == 0 { break }
        }
        return widths
    }

    /// Draws the table; `state` is adjusted so the selection stays in view.
    public func render(into buffer: inout ScreenBuffer, area: Rect, state: inout TableState, styles: Styles) {
        guard area.height > 0, area.width > 0 else { return }
        buffer.fill(area, style: styles.row)
        let visible = Self.visibleRows(in: area)
        if !rows.isEmpty { state.reveal(visibleRows: visible, count: rows.count) }
        // What each column asks for is measured on the rows in view only.
        let inView = rows.isEmpty ? [] : rows[min(state.offset, rows.count)..<min(rows.count, state.offset + visible)].map { $0 }
        let content = columns.indices.map { i in
            inView.reduce(columns[i].title.displayWidth) { i < $1.count ? max($0, TextSafety.sanitize($1[i]).displayWidth) : $0 }
        }
        let widths = Self.widths(columns, content: content, total: area.width)
        let shown = columns.indices.filter { widths[$0] > 0 }
        func draw(_ cells: [String], y: Int, style: Style, leading: (columns: Int, style: Style)? = nil) {
            buffer.fill(Rect(x: area.x, y: y, width: area.width, height: 1), style: style)
            var x = area.x
            for (n, i) in shown.enumerated() {
                let w = widths[i]
                let text = i < cells.count ? TextSafety.sanitize(cells[i]) : ""
                let cellStyle = leading.map { n < $0.columns ? $0.style : style } ?? style
                buffer.write(TextFit.pad(text, to: w, alignment: columns[i].alignment), x: x, y: y, style: cellStyle, clip: area)
                x += w + 1
            }
        }
        draw(columns.map(\.title), y: area.y, style: styles.header)
        guard !rows.isEmpty else {
            if visible > 0 {
                let text = TextFit.truncate(emptyMessage, to: area.width)
                buffer.write(text, x: area.x + max(0, (area.width - text.displayWidth) / 2),
                             y: area.y + 1 + (visible - 1) / 2, style: styles.empty, clip: area)
            }
            state = TableState()
            return
        }
        for line in 0..<visible {
            let index = state.offset + line
            guard index < rows.count else { break }
            let selected = showsSelection && index == state.selected
            // A selected row with a status of its own keeps it beyond the selection's first column.
            if selected, let n = selectionColumns ?? (rowStyles[index] == nil ? nil : 1) {
                draw(rows[index], y: area.y + 1 + line, style: rowStyles[index] ?? styles.row, leading: (n, styles.selected))
            } else {
                draw(rows[index], y: area.y + 1 + line, style: selected ? styles.selected : (rowStyles[index] ?? styles.row))
            }
        }
    }
}
