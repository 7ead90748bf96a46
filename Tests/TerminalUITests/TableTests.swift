import Testing
import TerminalUI
import ConsoleTestSupport

private let styles = Table.Styles(
    header: Style(foreground: .indexed(250), attributes: [.bold, .underline]),
    row: Style(foreground: .indexed(252)),
    selected: Style(foreground: .white, background: .indexed(24)),
    empty: Style(foreground: .indexed(245))
)
private let overdue = Style(foreground: .white, background: .indexed(160), attributes: .bold)

private let columns = [
    Table.Column("编号", width: .fixed(4)),
    Table.Column("事件", width: .fill),
    Table.Column("时间", width: .fixed(5), alignment: .right),
]

private let sampleRows = [
    ["1", "暴雨红色预警发布", "08:30"],
    ["2", "城东积水", "09:05"],
    ["3", "台风", "10:40"],
]

private func spaces(_ n: Int) -> String { String(repeating: " ", count: n) }

@Suite("Table")
struct TableTests {
    @Test("header, column widths, truncation with …, selection")
    func basic() {
        var b = ScreenBuffer(size: Size(width: 20, height: 5))
        var state = TableState(selected: 1)
        Table(columns: columns, rows: sampleRows, emptyMessage: "暂无事件")
            .render(into: &b, area: Rect(x: 0, y: 0, width: 20, height: 5), state: &state, styles: styles)
        // Widths 4 | 9 | 5 with a one-column gap: columns start at 0, 5 and 15.
        assertScreen(b, [
            "编号 事件" + spaces(7) + "时间",
            "1    暴雨红色… 08:30",
            "2    城东积水  09:05",
            "3    台风" + spaces(6) + "10:40",
            "",
        ])
        for x in 0..<20 {
            #expect(b[x, 0].style == styles.header, "header column \(x)")
            #expect(b[x, 1].style == styles.row, "row 0 column \(x)")
            #expect(b[x, 2].style == styles.selected, "selected row column \(x)")
            #expect(b[x, 3].style == styles.row, "row 2 column \(x)")
            #expect(b[x, 4].style == styles.row, "empty line column \(x)")
        }
        #expect(b[13, 1].text == "…")
        #expect(state == TableState(selected: 1, offset: 0))
    }

    @Test("a CJK cell is cut before a character that would not fit")
    func cjkTruncationOddWidth() {
        var b = ScreenBuffer(size: Size(width: 19, height: 2))
        var state = TableState()
        Table(columns: columns, rows: [["1", "暴雨红色预警发布", "08:30"]], emptyMessage: "", showsSelection: false)
            .render(into: &b, area: b.bounds, state: &state, styles: styles)
        // The event column is 8 wide: "暴雨红" (6) + "…" + one space.
        assertScreen(b, ["编号 事件      时间", "1    暴雨红…  08:30"])
        #expect(b[11, 1].text == "…")
        #expect(b[12, 1] == Cell.blank(styles.row))
    }

    @Test("column alignments")
    func alignments() {
        var b = ScreenBuffer(size: Size(width: 17, height: 2))
        var state = TableState()
        let cols = [
            Table.Column("L", width: .fixed(5)),
            Table.Column("C", width: .fixed(5), alignment: .center),
            Table.Column("R", width: .fixed(5), alignment: .right),
        ]
        Table(columns: cols, rows: [["ab", "中", "xy"]], emptyMessage: "", showsSelection: false)
            .render(into: &b, area: b.bounds, state: &state, styles: styles)
        assertScreen(b, [
            "L" + spaces(7) + "C" + spaces(7) + "R",
            "ab" + spaces(5) + "中" + spaces(6) + "xy",
        ])
        #expect(b[7, 1].text == "中")
    }

    @Test("scrolling keeps the selection visible")
    func scrolling() {
        let rows = (0..<10).map { ["\($0)", "事件\($0)", ""] }
        let table = Table(columns: columns, rows: rows, emptyMessage: "暂无事件")
        var b = ScreenBuffer(size: Size(width: 20, height: 4))
        var state = TableState()
        table.render(into: &b, area: b.bounds, state: &state, styles: styles)
        #expect(b.lines.dropFirst() == ["0    事件0", "1    事件1", "2    事件2"])
        #expect(b[0, 1].style == styles.selected)

        for _ in 0..<4 { state.move(by: 1, count: rows.count) }
        #expect(state.selected == 4)
        table.render(into: &b, area: b.bounds, state: &state, styles: styles)
        #expect(state.offset == 2)
        #expect(b.lines.dropFirst() == ["2    事件2", "3    事件3", "4    事件4"])
        #expect(b[0, 3].style == styles.selected)
        #expect(b[0, 1].style == styles.row && b[0, 2].style == styles.row)

        // Moving up inside the visible rows does not scroll; above them it does.
        state.move(by: -2, count: rows.count)
        table.render(into: &b, area: b.bounds, state: &state, styles: styles)
        #expect(state.offset == 2)
        #expect(b[0, 1].style == styles.selected)
        state.move(by: -1, count: rows.count)
        table.render(into: &b, area: b.bounds, state: &state, styles: styles)
        #expect(state.offset == 1)
        #expect(b.lines.dropFirst() == ["1    事件1", "2    事件2", "3    事件3"])
        #expect(b[0, 1].style == styles.selected)

        // Past the end clamps to the last row, shown at the bottom.
        state.move(by: 100, count: rows.count)
        #expect(state.selected == 9)
        table.render(into: &b, area: b.bounds, state: &state, styles: styles)
        #expect(state.offset == 7)
        #expect(b.lines.dropFirst() == ["7    事件7", "8    事件8", "9    事件9"])
        #expect(b[0, 3].style == styles.selected)
        state.move(by: -100, count: rows.count)
        #expect(state.selected == 0)
    }

    @Test("a stale selection beyond the rows is clamped")
    func staleSelection() {
        var b = ScreenBuffer(size: Size(width: 20, height: 4))
        var state = TableState(selected: 8, offset: 6)
        Table(columns: columns, rows: sampleRows, emptyMessage: "")
            .render(into: &b, area: b.bounds, state: &state, styles: styles)
        #expect(state == TableState(selected: 2, offset: 0))
        #expect(b[0, 3].style == styles.selected)
    }

    @Test("reveal and move")
    func tableState() {
        var s = TableState()
        s.move(by: 1, count: 0)
        #expect(s == TableState())
        s = TableState(selected: 5, offset: 5)
        s.reveal(visibleRows: 3, count: 7)
        #expect(s == TableState(selected: 5, offset: 4))
        s.reveal(visibleRows: 0, count: 7)
        #expect(s.offset == 0)
    }

    @Test("no rows: the empty message is centred and the state reset")
    func empty() {
        var b = ScreenBuffer(size: Size(width: 20, height: 5))
        var state = TableState(selected: 3, offset: 2)
        Table(columns: columns, rows: [], emptyMessage: "暂无事件")
            .render(into: &b, area: b.bounds, state: &state, styles: styles)
        assertScreen(b, [
            "编号 事件" + spaces(7) + "时间",
            "",
            spaces(6) + "暂无事件",
            "",
            "",
        ])
        #expect(b[6, 2].style == styles.empty)
        #expect(b[5, 2].style == styles.row)
        #expect(state == TableState())
    }

    @Test("a long empty message is truncated")
    func longEmpty() {
        var b = ScreenBuffer(size: Size(width: 10, height: 3))
        var state = TableState()
        Table(columns: [Table.Column("名称", width: .fill)], rows: [], emptyMessage: "当前没有任何事件记录")
            .render(into: &b, area: b.bounds, state: &state, styles: styles)
        assertScreen(b, ["名称", "当前没有…", ""])
    }

    @Test("row styles apply unless the row is selected")
    func rowStyles() {
        var b = ScreenBuffer(size: Size(width: 20, height: 4))
        var state = TableState(selected: 0)
        let table = Table(columns: columns, rows: sampleRows, rowStyles: [2: overdue], emptyMessage: "")
        table.render(into: &b, area: b.bounds, state: &state, styles: styles)
        #expect(b[0, 1].style == styles.selected)
        #expect(b[0, 2].style == styles.row)
        #expect((0..<20).allSatisfy { b[$0, 3].style == overdue })
        state.selected = 2
        table.render(into: &b, area: b.bounds, state: &state, styles: styles)
        #expect(b[0, 1].style == styles.row)
        #expect(b[0, 3].style == styles.selected)
    }

    @Test("showsSelection false draws no selected row")
    func noSelection() {
        var b = ScreenBuffer(size: Size(width: 20, height: 4))
        var state = TableState(selected: 1)
        Table(columns: columns, rows: sampleRows, emptyMessage: "", showsSelection: false)
            .render(into: &b, area: b.bounds, state: &state, styles: styles)
        #expect(!b.cells.contains { $0.style == styles.selected })
    }

    @Test("cell text is sanitized and missing cells are blank")
    func sanitized() {
        var b = ScreenBuffer(size: Size(width: 20, height: 3))
        var state = TableState()
        Table(columns: columns, rows: [["\u{1B}[31m7", "红\u{07}色\u{1B}]0;x\u{07}", "\u{9B}2J"], ["8"]], emptyMessage: "",
              showsSelection: false)
            .render(into: &b, area: b.bounds, state: &state, styles: styles)
        assertScreen(b, ["编号 事件" + spaces(7) + "时间", "7    红色", "8"])
        #expect(!b.cells.contains { $0.text.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) } })
    }

    @Test("drawn inside an area with an offset")
    func offsetArea() {
        var b = ScreenBuffer(size: Size(width: 24, height: 6))
        var state = TableState(selected: 0)
        Table(columns: columns, rows: sampleRows, emptyMessage: "")
            .render(into: &b, area: Rect(x: 2, y: 1, width: 20, height: 3), state: &state, styles: styles)
        assertScreen(b, [
            "",
            "  编号 事件" + spaces(7) + "时间",
            "  1    暴雨红色… 08:30",
            "  2    城东积水  09:05",
            "",
            "",
        ])
        #expect(b[1, 2] == Cell.blank())
        #expect(b[22, 2] == Cell.blank())
        #expect(b[2, 2].style == styles.selected && b[21, 2].style == styles.selected)
    }
}

/// #23: columns share the width by minimum, priority and cap; the column that must
/// never be cut is the last to give way.
@Suite("Table column widths")
struct TableWidthTests {
    // id, place (grows), type, status, deadline (whole): as the incidents list.
    static let incidentLike = [
        Table.Column("ID", minimum: 6, priority: 8),
        Table.Column("Place", minimum: 4, priority: 5, grow: 1),
        Table.Column("Type", minimum: 4, maximum: 20, priority: 6),
        Table.Column("Status", minimum: 4, maximum: 8, priority: 3),
        Table.Column("Next", minimum: 4, priority: 9, whole: true),
    ]
    // What each asks for: id 6, a 60-column place, a 16-column type, status 10, deadline 14.
    static let content = [6, 60, 16, 10, 14]

    @Test("wide: every column gets what it asks for, the cap holds, the rest goes to the column that grows")
    func wide() {
        let w = Table.widths(Self.incidentLike, content: Self.content, total: 120)
        #expect(w == [6, 120 - 4 - 6 - 16 - 8 - 14, 16, 8, 14])
        #expect(w.reduce(0, +) + 4 == 120)
    }

    @Test("a long place never takes what the type needs")
    func placeYieldsToType() {
        let w = Table.widths(Self.incidentLike, content: Self.content, total: 60)
        #expect(w[2] == 16 && w[4] == 14, "\(w)")
        #expect(w[1] >= 4 && w.reduce(0, +) + 4 == 60, "\(w)")
    }

    @Test("narrowing: the lowest priority shrinks to its minimum, then is left out; the deadline stays whole", arguments: [
        (48, [6, 4, 16, 4, 14]),    // the type has what it asks for; status and place their minimum
        (44, [6, 4, 12, 4, 14]),    // the type gives way towards its minimum
        (38, [6, 4, 6, 4, 14]),
        (36, [6, 4, 4, 4, 14]),     // every column at its minimum
        (35, [6, 4, 8, 0, 14]),     // too narrow for every minimum: the status is left out
        (31, [6, 4, 4, 0, 14]),
        (30, [6, 0, 8, 0, 14]),     // then the place
        (26, [6, 0, 4, 0, 14]),
        (25, [6, 0, 0, 0, 14]),     // then the type; the id and the deadline stay
        (21, [6, 0, 0, 0, 14]),
        (20, [0, 0, 0, 0, 14]),     // the deadline alone, whole
        (10, [0, 0, 0, 0, 10]),     // even it is cut only when nothing else is left
    ] as [(Int, [Int])])
    func narrowing(_ total: Int, _ expected: [Int]) {
        let w = Table.widths(Self.incidentLike, content: Self.content, total: total)
        #expect(w == expected, "\(total): \(w)")
        let shown = w.filter { $0 > 0 }.count
        #expect(w.reduce(0, +) + max(0, shown - 1) <= total)
    }

    @Test("the rightmost of equal priority is left out first")
    func equalPriority() {
        let cols = [Table.Column("a", minimum: 5, priority: 1), Table.Column("b", minimum: 5, priority: 1),
                    Table.Column("c", minimum: 5, priority: 1)]
        #expect(Table.widths(cols, content: [5, 5, 5], total: 12) == [5, 5, 0])
        #expect(Table.widths(cols, content: [5, 5, 5], total: 17) == [5, 5, 5])
    }

    @Test("drawn: left-out columns leave no gap, and the selection marks the first column shown")
    func drawnNarrow() {
        var b = ScreenBuffer(size: Size(width: 21, height: 3))
        var state = TableState(selected: 0)
        let rows = [["TZ-001", "泰兴市虹桥镇S229省道东侧", "危化品运输", "已接报", "!!超时 13:50"],
                    ["TZ-002", "海陵区", "火灾", "处置中", "书面 16:12"]]
        let cols = [Table.Column("编号", minimum: 6, priority: 1),
                    Table.Column("地点", minimum: 4, priority: 5, grow: 1),
                    Table.Column("类型", minimum: 4, priority: 6),
                    Table.Column("状态", minimum: 6, priority: 3),
                    Table.Column("下次报送", minimum: 4, priority: 9, whole: true)]
        Table(columns: cols, rows: rows, rowStyles: [0: overdue], emptyMessage: "", selectionColumns: 1)
            .render(into: &b, area: b.bounds, state: &state, styles: styles)
        // 21 columns: the deadline whole (12) and the type (8); the id, the status and the place left out.
        assertScreen(b, ["类型     下次报送", "危化品…  !!超时 13:50", "火灾     书面 16:12"])
        // The selection on the first column shown; the rest of the overdue row stays overdue.
        #expect((0..<8).allSatisfy { b[$0, 1].style == styles.selected })
        #expect((8..<21).allSatisfy { b[$0, 1].style == overdue })
    }

    @Test("a selected row with a status keeps it beyond its first column, even where the selection would take the whole row")
    func statusKeptWhenSelected() {
        var b = ScreenBuffer(size: Size(width: 20, height: 4))
        var state = TableState(selected: 2)
        Table(columns: columns, rows: sampleRows, rowStyles: [2: overdue], emptyMessage: "")
            .render(into: &b, area: b.bounds, state: &state, styles: styles)
        #expect(b[0, 3].style == styles.selected)
        #expect((5..<20).allSatisfy { b[$0, 3].style == overdue })
        // A plain row selected is selected whole.
        state.selected = 1
        Table(columns: columns, rows: sampleRows, rowStyles: [2: overdue], emptyMessage: "")
            .render(into: &b, area: b.bounds, state: &state, styles: styles)
        #expect((0..<20).allSatisfy { b[$0, 2].style == styles.selected })
    }

    @Test("widths come from the rows in view, not from rows scrolled away")
    func contentInView() {
        let cols = [Table.Column("#", minimum: 1, priority: 9), Table.Column("type", minimum: 2, priority: 5),
                    Table.Column("rest", minimum: 0, priority: 1, grow: 1)]
        var rows = (0..<10).map { ["\($0)", "ab", "x"] }
        rows[9][1] = "abcdefghij"
        var b = ScreenBuffer(size: Size(width: 30, height: 3))
        var state = TableState(selected: 0)
        Table(columns: cols, rows: rows, emptyMessage: "").render(into: &b, area: b.bounds, state: &state, styles: styles)
        #expect(b.lines[1] == "0 ab   x")           // "type" (4) asks for its title
        state.selected = 9
        Table(columns: cols, rows: rows, emptyMessage: "").render(into: &b, area: b.bounds, state: &state, styles: styles)
        #expect(b.lines[2] == "9 abcdefghij x")
    }
}
