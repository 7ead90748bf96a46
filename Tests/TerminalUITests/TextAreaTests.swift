import Testing
import TerminalUI
import ConsoleTestSupport

private let area = Style(foreground: .white, background: .indexed(238))

extension TextAreaState {
    mutating func type(_ text: String) {
        for c in text { _ = handle(KeyPress(c == "\n" ? .enter : .char(c))) }
    }
    @discardableResult
    mutating func press(_ key: Key, times: Int = 1) -> KeyOutcome {
        var outcome = KeyOutcome.ignored
        for _ in 0..<times { outcome = handle(KeyPress(key)) }
        return outcome
    }
}

@Suite("TextAreaState")
struct TextAreaTests {
    @Test("a new area holds one empty line")
    func empty() {
        let t = TextAreaState()
        #expect(t.lines == [""])
        #expect(t.line == 0 && t.column == 0)
        #expect(t.text == "")
    }

    @Test("the cursor starts at the end of the text")
    func startsAtEnd() {
        let t = TextAreaState(text: "ab\n值班室")
        #expect(t.lines == ["ab", "值班室"])
        #expect(t.line == 1 && t.column == 3)
    }

    @Test("Enter splits the line at the cursor")
    func enterSplits() {
        var t = TextAreaState(text: "值班abc")
        t.press(.left, times: 3)
        #expect(t.column == 2)
        #expect(t.press(.enter) == .edited)
        #expect(t.lines == ["值班", "abc"])
        #expect(t.line == 1 && t.column == 0)
        t.press(.end)
        t.press(.enter)
        #expect(t.lines == ["值班", "abc", ""])
        #expect(t.line == 2 && t.column == 0)
        #expect(t.text == "值班\nabc\n")
    }

    @Test("Backspace at the start of a line joins it to the one above")
    func backspaceJoins() {
        var t = TextAreaState(text: "值班\nabc")
        t.press(.home)
        #expect(t.press(.backspace) == .edited)
        #expect(t.lines == ["值班abc"])
        #expect(t.line == 0 && t.column == 2)
        t.press(.home)
        #expect(t.press(.backspace) == .moved)  // nothing above
        #expect(t.lines == ["值班abc"])
        t.press(.end)
        #expect(t.press(.backspace) == .edited)
        #expect(t.text == "值班ab")
        #expect(t.column == 4)
    }

    @Test("Delete at the end of a line joins the next one")
    func deleteJoins() {
        var t = TextAreaState(text: "ab\ncd")
        t.press(.up)
        #expect(t.line == 0 && t.column == 2)
        #expect(t.press(.delete) == .edited)
        #expect(t.lines == ["abcd"])
        #expect(t.line == 0 && t.column == 2)
        t.press(.end)
        #expect(t.press(.delete) == .moved)
        #expect(t.text == "abcd")
    }

    @Test("Up and Down keep the column, clamped to the line's length")
    func upDownClamp() {
        var t = TextAreaState(text: "值班室值班\nab\n")
        #expect(t.lines == ["值班室值班", "ab", ""])
        #expect(t.line == 2 && t.column == 0)
        t.press(.up)
        #expect(t.line == 1 && t.column == 0)
        t.press(.end)
        #expect(t.column == 2)
        t.press(.up)
        #expect(t.line == 0 && t.column == 2)
        #expect(t.press(.up) == .moved)
        #expect(t.line == 0 && t.column == 2)
        t.press(.end)
        #expect(t.column == 5)
        t.press(.down)
        #expect(t.line == 1 && t.column == 2)
        t.press(.down)
        #expect(t.line == 2 && t.column == 0)
        #expect(t.press(.down) == .moved)
        #expect(t.line == 2)
        // Typing lands where the cursor is.
        t.press(.up, times: 2)
        #expect(t.line == 0 && t.column == 0)
        t.type("X")
        #expect(t.lines[0] == "X值班室值班")
        #expect(t.column == 1)
    }

    @Test("typing with line breaks, in Chinese")
    func typing() {
        var t = TextAreaState()
        t.type("接报：\n城东积水")
        #expect(t.lines == ["接报：", "城东积水"])
        #expect(t.line == 1 && t.column == 4)
        t.press(.left, times: 2)
        t.press(.backspace)
        #expect(t.lines[1] == "城积水")
        #expect(t.column == 1)
    }

    @Test("text round trip", arguments: ["", "a", "一\n二\n\n三", "trailing\n", "\n\nx", "cafe\u{0301}\n😀 ok"])
    func roundTrip(_ text: String) {
        let t = TextAreaState(text: text)
        #expect(t.text == text)
        #expect(t.lines == text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
    }

    @Test("text from outside is sanitized, line breaks kept")
    func sanitized() {
        let t = TextAreaState(text: "a\u{1B}[1mb\tc\r\nd\u{07}")
        #expect(t.text == "ab c \nd")
    }

    @Test("maxCharacters refuses more typing and line breaks")
    func maxCharacters() {
        var t = TextAreaState(text: "ab", maxCharacters: 4)
        #expect(t.press(.enter) == .edited)      // 3 with the line break
        #expect(t.handle(KeyPress(.char("c"))) == .edited)  // 4
        #expect(t.handle(KeyPress(.char("d"))) == .ignored)
        #expect(t.press(.enter) == .ignored)
        #expect(t.text == "ab\nc")
    }

    @Test("Alt keys and unknown keys are ignored")
    func ignored() {
        var t = TextAreaState(text: "ab")
        #expect(t.handle(KeyPress(.char("x"), alt: true)) == .ignored)
        #expect(t.handle(KeyPress(.function(3))) == .ignored)
        #expect(t.text == "ab")
    }

    @Test("renders lines and returns the cursor")
    func render() {
        var b = ScreenBuffer(size: Size(width: 12, height: 4))
        var t = TextAreaState(text: "接报：\n城东区积水严重\nok")
        let r = Rect(x: 1, y: 1, width: 8, height: 3)
        var cursor = t.render(into: &b, area: r, style: area)
        assertScreen(b, ["", " 接报：", " 城东区…", " ok"])
        #expect(cursor == Position(x: 3, y: 3))
        #expect(b[8, 3].style == area && b[9, 3] == Cell.blank())
        t.press(.up)
        t.press(.end)
        cursor = t.render(into: &b, area: r, style: area)
        // The cursor's line scrolls like a text field; the others are truncated.
        #expect(text(of: b, in: r) == ["接报：", "水严重", "ok"])
        #expect(cursor == Position(x: 7, y: 2))
    }

    @Test("scrolls vertically to keep the cursor line in view")
    func verticalScroll() {
        var b = ScreenBuffer(size: Size(width: 10, height: 2))
        var t = TextAreaState(text: "一\n二\n三\n四")
        var cursor = t.render(into: &b, area: b.bounds, style: area)
        #expect(b.lines == ["三", "四"])
        #expect(t.scroll == 2)
        #expect(cursor == Position(x: 2, y: 1))
        t.press(.up, times: 3)
        cursor = t.render(into: &b, area: b.bounds, style: area)
        #expect(b.lines == ["一", "二"])
        #expect(cursor == Position(x: 2, y: 0))
    }
}
