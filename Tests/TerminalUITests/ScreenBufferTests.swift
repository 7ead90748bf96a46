import Testing
import TerminalUI
import ConsoleTestSupport

private let red = Style(foreground: .red)
private let blue = Style(background: .blue)

/// Every wide character is followed by its continuation and every
/// continuation follows a wide character. Records one issue at most.
@discardableResult
private func checkIntegrity(_ buffer: ScreenBuffer, sourceLocation: SourceLocation = #_sourceLocation) -> Bool {
    for y in 0..<buffer.size.height {
        for x in 0..<buffer.size.width {
            let c = buffer[x, y]
            if c.width == 2 && !(x + 1 < buffer.size.width && buffer[x + 1, y].isContinuation) {
                Issue.record("wide cell at \(x),\(y) without continuation: \(buffer.lines)", sourceLocation: sourceLocation)
                return false
            }
            if c.isContinuation && !(x > 0 && buffer[x - 1, y].width == 2) {
                Issue.record("orphan continuation at \(x),\(y): \(buffer.lines)", sourceLocation: sourceLocation)
                return false
            }
        }
    }
    return true
}

@Suite("ScreenBuffer")
struct ScreenBufferTests {
    @Test("a new buffer is blank")
    func blank() {
        let b = ScreenBuffer(size: Size(width: 4, height: 2), style: blue)
        #expect(b.cells.count == 8)
        #expect(b.cells.allSatisfy { $0 == Cell.blank(blue) })
        #expect(b.lines == ["", ""])
        #expect(b.line(0) == "    ")
        #expect(b.bounds == Rect(x: 0, y: 0, width: 4, height: 2))
    }

    @Test("writes ASCII and returns the next column")
    func writeASCII() {
        var b = ScreenBuffer(size: Size(width: 10, height: 2))
        let end = b.write("hello", x: 2, y: 1, style: red)
        #expect(end == 7)
        assertScreen(b, ["", "  hello"])
        #expect(b[2, 1] == Cell(text: "h", style: red, width: 1))
        #expect(b[1, 1] == Cell.blank())
        #expect(b[7, 1] == Cell.blank())
    }

    @Test("writes CJK as a wide cell and a continuation")
    func writeCJK() {
        var b = ScreenBuffer(size: Size(width: 10, height: 1))
        let end = b.write("值班a", x: 1, y: 0, style: red)
        #expect(end == 6)
        #expect(b[1, 0] == Cell(text: "值", style: red, width: 2))
        #expect(b[2, 0] == Cell(text: "", style: red, width: 0))
        #expect(b[2, 0].isContinuation)
        #expect(b[3, 0].text == "班" && b[3, 0].width == 2)
        #expect(b[4, 0].isContinuation)
        #expect(b[5, 0].text == "a")
        assertScreen(b, [" 值班a"])
        checkIntegrity(b)
    }

    @Test("a wide character at the last column becomes a space")
    func wideAtLastColumn() {
        var b = ScreenBuffer(size: Size(width: 5, height: 1))
        let end = b.write("abcd中", x: 0, y: 0, style: red)
        #expect(end == 5)
        #expect(b[4, 0] == Cell.blank(red))
        assertScreen(b, ["abcd"])
        checkIntegrity(b)
    }

    @Test("text past the right edge is cut")
    func cutAtRightEdge() {
        var b = ScreenBuffer(size: Size(width: 5, height: 1))
        let end = b.write("值班室", x: 0, y: 0, style: red)
        #expect(end == 5)
        assertScreen(b, ["值班"])
        #expect(b[4, 0] == Cell.blank(red))
        checkIntegrity(b)
    }

    @Test("rows outside the screen or the clip are not written")
    func outsideRows() {
        var b = ScreenBuffer(size: Size(width: 5, height: 2))
        #expect(b.write("x", x: 0, y: 2, style: red) == 0)
        #expect(b.write("x", x: 1, y: -1, style: red) == 1)
        #expect(b.write("x", x: 0, y: 0, style: red, clip: Rect(x: 0, y: 1, width: 5, height: 1)) == 0)
        #expect(b.cells.allSatisfy { $0 == Cell.blank() })
    }

    @Test("overwriting the right half of a wide character blanks its left half")
    func overwriteRightHalf() {
        var b = ScreenBuffer(size: Size(width: 6, height: 1))
        b.write("中文", x: 0, y: 0, style: red)
        b.write("x", x: 1, y: 0, style: blue)
        #expect(b[0, 0] == Cell.blank(red))
        #expect(b[1, 0] == Cell(text: "x", style: blue, width: 1))
        #expect(b[2, 0].text == "文")
        assertScreen(b, [" x文"])
        checkIntegrity(b)
    }

    @Test("overwriting the left half of a wide character blanks its right half")
    func overwriteLeftHalf() {
        var b = ScreenBuffer(size: Size(width: 6, height: 1))
        b.write("中文", x: 0, y: 0, style: red)
        b.write("y", x: 2, y: 0, style: blue)
        #expect(b[2, 0] == Cell(text: "y", style: blue, width: 1))
        #expect(b[3, 0] == Cell.blank(red))
        assertScreen(b, ["中y"])
        checkIntegrity(b)
    }

    @Test("a wide character written across two others blanks both outer halves")
    func wideOverTwoWide() {
        var b = ScreenBuffer(size: Size(width: 6, height: 1))
        b.write("中文", x: 0, y: 0, style: red)
        b.write("字", x: 1, y: 0, style: blue)
        assertScreen(b, [" 字"])
        #expect(b[0, 0] == Cell.blank(red))
        #expect(b[1, 0] == Cell(text: "字", style: blue, width: 2))
        #expect(b[3, 0] == Cell.blank(red))
        checkIntegrity(b)
    }

    @Test("writing wide text over the same wide text keeps it", arguments: [0, 2])
    func wideOverWide(_ x: Int) {
        var b = ScreenBuffer(size: Size(width: 6, height: 1))
        b.write("中文", x: 0, y: 0, style: red)
        b.write("字", x: x, y: 0, style: blue)
        #expect(b[x, 0] == Cell(text: "字", style: blue, width: 2))
        #expect(b[x + 1, 0] == Cell(text: "", style: blue, width: 0))
        assertScreen(b, [x == 0 ? "字文" : "中字"])
        checkIntegrity(b)
        // Rewriting a whole row of CJK in place, as every frame does.
        b.write("值班室", x: 0, y: 0, style: red)
        assertScreen(b, ["值班室"])
        checkIntegrity(b)
    }

    @Test("clip rectangle limits the columns written")
    func clip() {
        var b = ScreenBuffer(size: Size(width: 10, height: 1))
        let clip = Rect(x: 2, y: 0, width: 4, height: 1)
        let end = b.write("abcdefgh", x: 0, y: 0, style: red, clip: clip)
        #expect(end == 6)
        assertScreen(b, ["  cdef"])
        #expect(b[1, 0] == Cell.blank())
        #expect(b[6, 0] == Cell.blank())
    }

    @Test("a wide character cut by the clip edge becomes a space")
    func clipCutsWide() {
        var b = ScreenBuffer(size: Size(width: 10, height: 1))
        // Right edge: 班 would straddle column 5/6.
        b.write("值班", x: 3, y: 0, style: red, clip: Rect(x: 0, y: 0, width: 6, height: 1))
        assertScreen(b, ["   值"])
        #expect(b[5, 0] == Cell.blank(red))
        #expect(b[6, 0] == Cell.blank())
        // Left edge: 中 starts one column before the clip.
        var c = ScreenBuffer(size: Size(width: 10, height: 1))
        let end = c.write("中文", x: 1, y: 0, style: red, clip: Rect(x: 2, y: 0, width: 8, height: 1))
        #expect(end == 5)
        #expect(c[1, 0] == Cell.blank())
        #expect(c[2, 0] == Cell.blank(red))
        #expect(c[3, 0].text == "文")
        assertScreen(c, ["   文"])
        checkIntegrity(b)
        checkIntegrity(c)
    }

    @Test("fill covers a rect and blanks wide characters it cuts")
    func fill() {
        var b = ScreenBuffer(size: Size(width: 8, height: 3))
        b.write("值班室", x: 0, y: 1, style: red)
        b.fill(Rect(x: 3, y: 0, width: 2, height: 3), style: blue)
        // Column 3 was the right half of 班 (2–3), column 4 the left half of 室 (4–5).
        assertScreen(b, ["", "值", ""])
        #expect(b[2, 1] == Cell.blank(red))
        #expect(b[5, 1] == Cell.blank(red))
        for y in 0..<3 { for x in 3..<5 { #expect(b[x, y] == Cell.blank(blue)) } }
        #expect(b[0, 1].text == "值")
        checkIntegrity(b)
    }

    @Test("fill is clipped to the screen")
    func fillClipped() {
        var b = ScreenBuffer(size: Size(width: 4, height: 2))
        b.fill(Rect(x: -2, y: 1, width: 4, height: 9), style: blue)
        #expect(b[0, 1] == Cell.blank(blue) && b[1, 1] == Cell.blank(blue))
        #expect(b[2, 1] == Cell.blank() && b[0, 0] == Cell.blank())
        b.fill(Rect(x: 10, y: 10, width: 3, height: 3), style: red)
        #expect(!b.cells.contains(Cell.blank(red)))
    }

    @Test("restyle changes style and keeps text")
    func restyle() {
        var b = ScreenBuffer(size: Size(width: 6, height: 1))
        b.write("abc", x: 0, y: 0, style: red)
        b.restyle(Rect(x: 1, y: 0, width: 10, height: 1)) { $0.adding(.bold) }
        #expect(b[0, 0].style == red)
        #expect(b[1, 0] == Cell(text: "b", style: red.adding(.bold), width: 1))
        #expect(b[5, 0].style == Style(attributes: .bold))
        assertScreen(b, ["abc"])
    }

    @Test("control characters are dropped")
    func controlsDropped() {
        var b = ScreenBuffer(size: Size(width: 10, height: 1))
        let end = b.write("a\u{07}b\u{1B}c\td\u{7F}\r\ne", x: 0, y: 0, style: red)
        #expect(end == 5)
        assertScreen(b, ["abcde"])
    }

    @Test("combining marks stay with their letter")
    func combining() {
        var b = ScreenBuffer(size: Size(width: 10, height: 1))
        let end = b.write("cafe\u{0301}!", x: 0, y: 0, style: red)
        #expect(end == 5)
        #expect(b[3, 0].text == "e\u{0301}")
        #expect(b[3, 0].width == 1)
        #expect(b[4, 0].text == "!")
        #expect(b.line(0) == "cafe\u{0301}!     ")
        // A mark that Unicode leaves on its own (after a control) joins the cell before it.
        let end2 = b.write("a\u{07}\u{0301}b", x: 0, y: 0, style: blue)
        #expect(end2 == 2)
        #expect(Array(b[0, 0].text.unicodeScalars) == ["a", "\u{0301}"])
        #expect(b[1, 0].text == "b")
        // A mark at the very start of a write has nothing of its own to join: dropped.
        var c = ScreenBuffer(size: Size(width: 4, height: 1))
        c.write("x", x: 0, y: 0, style: red)
        #expect(c.write("\u{0301}y", x: 1, y: 0, style: red) == 2)
        #expect(c[0, 0].text == "x")
        #expect(c[1, 0].text == "y")
    }

    @Test("emoji sequences take one wide cell")
    func emoji() {
        var b = ScreenBuffer(size: Size(width: 10, height: 1))
        let end = b.write("👨\u{200D}👩\u{200D}👧🇨🇳x", x: 0, y: 0, style: red)
        #expect(end == 5)
        #expect(b[0, 0].text == "👨\u{200D}👩\u{200D}👧" && b[0, 0].width == 2)
        #expect(b[2, 0].text == "🇨🇳" && b[2, 0].width == 2)
        #expect(b[4, 0].text == "x")
        checkIntegrity(b)
    }

    @Test("lines skip continuations and trim trailing blanks")
    func lines() {
        var b = ScreenBuffer(size: Size(width: 8, height: 3))
        b.write("值班 ok", x: 0, y: 0, style: red)
        b.write("x", x: 7, y: 2, style: red)
        #expect(b.lines == ["值班 ok", "", "       x"])
        #expect(b.line(0) == "值班 ok ")
        #expect(text(of: b, in: Rect(x: 2, y: 0, width: 4, height: 1)) == ["班 o"])
    }

    @Test("the ambiguous-wide policy makes box drawing two columns")
    func ambiguousPolicy() {
        var b = ScreenBuffer(size: Size(width: 6, height: 1), policy: WidthPolicy(ambiguousIsWide: true))
        let end = b.write("─a─", x: 0, y: 0, style: red)
        #expect(end == 5)
        #expect(b[0, 0].width == 2 && b[1, 0].isContinuation)
        #expect(b[2, 0].text == "a")
        checkIntegrity(b)
    }

    @Test("random writes never leave a half wide character")
    func integrityProperty() {
        var rng = SplitMix64(seed: 7)
        let pieces = ["中", "文a", "值班室", "x", "ab", "😀", "é", " ", "\u{07}", "한국", "e\u{0301}中"]
        var b = ScreenBuffer(size: Size(width: 9, height: 2))
        for step in 0..<3000 {
            let y = Int(rng.next() % 2)
            let x = Int(rng.next() % 11) - 1
            switch rng.next() % 4 {
            case 0:
                b.fill(Rect(x: x, y: y, width: Int(rng.next() % 4), height: 1), style: blue)
            case 1:
                let clip = Rect(x: Int(rng.next() % 5), y: 0, width: Int(rng.next() % 8), height: 2)
                b.write(pieces[Int(rng.next() % UInt64(pieces.count))], x: x, y: y, style: red, clip: clip)
            default:
                var text = ""
                for _ in 0..<Int(rng.next() % 4) { text += pieces[Int(rng.next() % UInt64(pieces.count))] }
                b.write(text, x: x, y: y, style: step % 2 == 0 ? red : blue)
            }
            guard checkIntegrity(b) else {
                Issue.record("after step \(step)")
                return
            }
        }
    }
}

/// CellRun has no public initializer; compare through this.
private struct Run: Equatable {
    var x: Int
    var y: Int
    var cells: [Cell]
}

private func shapes(_ runs: [CellRun]) -> [Run] { runs.map { Run(x: $0.x, y: $0.y, cells: $0.cells) } }

@Suite("ScreenBuffer.changes")
struct ChangesTests {
    @Test("no previous frame: every cell, one run per row")
    func noPrevious() {
        var b = ScreenBuffer(size: Size(width: 7, height: 3))
        b.write("值班", x: 0, y: 1, style: red)
        let runs = b.changes(since: nil)
        #expect(runs.count == 3)
        #expect(runs.map(\.y) == [0, 1, 2])
        #expect(runs.allSatisfy { $0.x == 0 && $0.cells.count == 7 })
        #expect(runs.reduce(0) { $0 + $1.cells.count } == 21)
        #expect(runs[1].cells == Array(b.cells[7..<14]))
    }

    @Test("identical frames: no runs")
    func identical() {
        var b = ScreenBuffer(size: Size(width: 7, height: 3))
        b.write("值班 abc", x: 0, y: 1, style: red)
        #expect(b.changes(since: b).isEmpty)
    }

    @Test("one changed cell: one run with one cell")
    func oneCell() {
        var a = ScreenBuffer(size: Size(width: 10, height: 3))
        a.write("hello", x: 0, y: 1, style: red)
        var b = a
        b.write("J", x: 2, y: 1, style: red)
        let runs = b.changes(since: a)
        #expect(shapes(runs) == [Run(x: 2, y: 1, cells: [Cell(text: "J", style: red, width: 1)])])
    }

    @Test("a style change counts as a change")
    func styleChange() {
        var a = ScreenBuffer(size: Size(width: 10, height: 2))
        a.write("abc", x: 0, y: 0, style: red)
        var b = a
        b.restyle(Rect(x: 1, y: 0, width: 1, height: 1)) { $0.adding(.reverse) }
        #expect(shapes(b.changes(since: a)) == [Run(x: 1, y: 0, cells: [b[1, 0]])])
    }

    @Test("separate changes on a row give separate runs")
    func separateRuns() {
        let a = ScreenBuffer(size: Size(width: 10, height: 2))
        var b = a
        b.write("ab", x: 1, y: 0, style: red)
        b.write("c", x: 6, y: 0, style: red)
        b.write("d", x: 9, y: 1, style: red)
        let runs = b.changes(since: a)
        #expect(runs.map { [$0.x, $0.y, $0.cells.count] } == [[1, 0, 2], [6, 0, 1], [9, 1, 1]])
    }

    @Test("a changed wide character is sent with its continuation")
    func wideWithContinuation() {
        var a = ScreenBuffer(size: Size(width: 10, height: 1))
        a.write("中文", x: 0, y: 0, style: red)
        var b = a
        b.write("字", x: 2, y: 0, style: red)
        #expect(shapes(b.changes(since: a)) == [Run(x: 2, y: 0, cells: [b[2, 0], b[3, 0]])])
    }

    @Test("a changed continuation pulls in its wide character")
    func continuationPullsWide() {
        var a = ScreenBuffer(size: Size(width: 10, height: 1))
        a.write("ab中", x: 0, y: 0, style: red)
        var b = a
        b.restyle(Rect(x: 3, y: 0, width: 1, height: 1)) { _ in blue }
        let runs = b.changes(since: a)
        #expect(shapes(runs) == [Run(x: 2, y: 0, cells: [b[2, 0], b[3, 0]])])
        #expect(runs[0].cells[0].text == "中")
    }

    @Test("a new wide character over narrow cells is one run of two")
    func wideOverNarrow() {
        var a = ScreenBuffer(size: Size(width: 10, height: 1))
        a.write("abcd", x: 0, y: 0, style: red)
        var b = a
        b.write("中", x: 1, y: 0, style: red)
        #expect(shapes(b.changes(since: a)) == [Run(x: 1, y: 0, cells: [b[1, 0], b[2, 0]])])
    }

    @Test("a size change redraws everything")
    func sizeChange() {
        let a = ScreenBuffer(size: Size(width: 10, height: 3))
        let b = ScreenBuffer(size: Size(width: 8, height: 3))
        let runs = b.changes(since: a)
        #expect(runs.reduce(0) { $0 + $1.cells.count } == 24)
        #expect(runs.count == 3)
    }

    @Test("applying the runs to the previous frame gives the new one")
    func runsReproduceFrame() {
        var rng = SplitMix64(seed: 99)
        let pieces = ["中", "文a", "值班室", "x", "ab", "😀", " ", "한국"]
        var previous = ScreenBuffer(size: Size(width: 12, height: 3))
        for _ in 0..<300 {
            var next = previous
            for _ in 0..<Int(rng.next() % 4) {
                let style = rng.next() % 2 == 0 ? red : blue
                next.write(pieces[Int(rng.next() % UInt64(pieces.count))], x: Int(rng.next() % 12),
                           y: Int(rng.next() % 3), style: style)
            }
            var cells = previous.cells
            var written = 0
            for run in next.changes(since: previous) {
                #expect(!run.cells.isEmpty)
                #expect(!run.cells[0].isContinuation, "a run starts on a continuation at \(run.x),\(run.y)")
                for (i, cell) in run.cells.enumerated() { cells[run.y * 12 + run.x + i] = cell }
                written += run.cells.count
            }
            #expect(cells == next.cells)
            #expect(written <= 36)
            previous = next
        }
    }
}
