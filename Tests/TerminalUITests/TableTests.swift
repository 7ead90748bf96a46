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
