import Testing
import TerminalUI
import ConsoleTestSupport

private let input = Style(foreground: .white, background: .indexed(238))

extension TextFieldState {
    /// Sends each character of `text` as a typed key.
    mutating func type(_ text: String) {
        for c in text { _ = handle(KeyPress(.char(c))) }
    }
    @discardableResult
    mutating func press(_ key: Key, times: Int = 1) -> KeyOutcome {
        var outcome = KeyOutcome.ignored
        for _ in 0..<times { outcome = handle(KeyPress(key)) }
        return outcome
    }
}

@Suite("TextFieldState editing")
struct TextFieldEditingTests {
    @Test("typing ASCII")
    func typingASCII() {
        var f = TextFieldState()
        #expect(f.isEmpty)
        #expect(f.handle(KeyPress(.char("a"))) == .edited)
        f.type("bc")
        #expect(f.text == "abc")
        #expect(f.cursor == 3)
        #expect(!f.isEmpty)
    }

    @Test("typing Chinese, the cursor moves by character")
    func typingChinese() {
        var f = TextFieldState()
        f.type("中文")
        #expect(f.text == "中文")
        #expect(f.cursor == 2)
        #expect(f.press(.left) == .moved)
        #expect(f.cursor == 1)
        f.type("x")
        #expect(f.text == "中x文")
        #expect(f.cursor == 2)
        f.press(.right, times: 5)
        #expect(f.cursor == 3)
        f.press(.left, times: 9)
        #expect(f.cursor == 0)
    }

    @Test("a letter with a combining mark is one step")
    func combiningIsOneStep() {
        var f = TextFieldState(text: "ae\u{0301}b")
        #expect(f.cursor == 3)
        f.press(.left)
        #expect(f.cursor == 2)
        f.press(.left)
        #expect(f.cursor == 1)
        f.type("中")
        #expect(f.text == "a中e\u{0301}b")
        #expect(f.cursor == 2)
        #expect(f.press(.delete) == .edited)
        #expect(f.text == "a中b")
        f.press(.right)
        #expect(f.press(.backspace) == .edited)
        #expect(f.text == "a中")
        #expect(f.cursor == 2)
    }

    @Test("a typed combining mark joins the character before the cursor")
    func typedCombiningMark() {
        var f = TextFieldState()
        f.type("cafe")
        #expect(f.handle(KeyPress(.char("\u{0301}"))) == .edited)
        #expect(f.text == "caf\u{00E9}")
        #expect(Array(f.text.unicodeScalars).suffix(2) == ["e", "\u{0301}"])
        #expect(f.cursor == 4)
        #expect(f.text.count == 4)
    }

    @Test("Home and End, and their Ctrl forms")
    func homeEnd() {
        var f = TextFieldState(text: "值班abc")
        #expect(f.press(.home) == .moved)
        #expect(f.cursor == 0)
        #expect(f.press(.end) == .moved)
        #expect(f.cursor == 5)
        f.press(.ctrl("a"))
        #expect(f.cursor == 0)
        f.press(.ctrl("f"))
        #expect(f.cursor == 1)
        f.press(.ctrl("e"))
        #expect(f.cursor == 5)
        f.press(.ctrl("b"))
        #expect(f.cursor == 4)
    }

    @Test("Backspace and Delete at both ends")
    func backspaceDelete() {
        var f = TextFieldState(text: "值班室")
        #expect(f.press(.delete) == .moved)          // at the end: nothing to delete
        #expect(f.text == "值班室")
        #expect(f.press(.backspace) == .edited)
        #expect(f.text == "值班")
        #expect(f.cursor == 2)
        f.press(.home)
        #expect(f.press(.backspace) == .moved)       // at the start: nothing to delete
        #expect(f.text == "值班")
        #expect(f.press(.delete) == .edited)
        #expect(f.text == "班")
        #expect(f.cursor == 0)
        #expect(f.press(.ctrl("d")) == .edited)
        #expect(f.text == "")
        #expect(f.press(.backspace) == .moved)
        #expect(f.press(.delete) == .moved)
    }

    @Test("Ctrl-U deletes before the cursor, Ctrl-K after it")
    func killLine() {
        var f = TextFieldState(text: "值班室abc")
        f.press(.left, times: 3)
        #expect(f.press(.ctrl("u")) == .edited)
        #expect(f.text == "abc")
        #expect(f.cursor == 0)
        #expect(f.press(.ctrl("u")) == .moved)
        f.press(.right)
        #expect(f.press(.ctrl("k")) == .edited)
        #expect(f.text == "a")
        #expect(f.cursor == 1)
        #expect(f.press(.ctrl("k")) == .moved)
    }

    @Test("maxLength refuses extra characters")
    func maxLength() {
        var f = TextFieldState(maxLength: 3)
        f.type("ab")
        #expect(f.handle(KeyPress(.char("中"))) == .edited)
        #expect(f.handle(KeyPress(.char("d"))) == .ignored)
        #expect(f.text == "ab中")
        #expect(f.cursor == 3)
        #expect(TextFieldState(text: "abcdef", maxLength: 4).text == "abcd")
        var g = TextFieldState(maxLength: 2)
        g.setText("值班室")
        #expect(g.text == "值班")
        #expect(g.cursor == 2)
    }

    @Test("pasted escape sequences and controls are stripped")
    func pasted() {
        let f = TextFieldState(text: "a\u{1B}[31mb\u{07}c\u{1B}]0;title\u{07}")
        #expect(f.text == "abc")
        #expect(f.cursor == 3)
        var g = TextFieldState()
        g.setText("\u{9B}2J张三\u{202E}\n")
        #expect(g.text == "张三 ")
        #expect(g.cursor == 3)
        // Control characters arriving as keys are refused.
        #expect(g.handle(KeyPress(.char("\u{1B}"))) == .ignored)
        #expect(g.handle(KeyPress(.char("\u{9B}"))) == .ignored)
        #expect(g.handle(KeyPress(.char("\u{07}"))) == .ignored)
        #expect(g.handle(KeyPress(.char("\u{202E}"))) == .ignored)
        #expect(g.text == "张三 ")
        // A tab typed becomes a space.
        #expect(g.handle(KeyPress(.char("\t"))) == .edited)
        #expect(g.text == "张三  ")
    }

    @Test("keys that are not for a text field are ignored", arguments: [
        KeyPress(.up), KeyPress(.down), KeyPress(.enter), KeyPress(.escape), KeyPress(.tab), KeyPress(.function(2)),
        KeyPress(.char("x"), alt: true), KeyPress(.ctrl("x")), KeyPress(.pageDown),
    ])
    func ignored(_ press: KeyPress) {
        var f = TextFieldState(text: "ab")
        #expect(f.handle(press) == .ignored)
        #expect(f.text == "ab" && f.cursor == 2)
    }
}

@Suite("TextFieldState rendering")
struct TextFieldRenderTests {
    @Test("short text: drawn in the field's style, cursor after the text")
    func shortText() {
        var b = ScreenBuffer(size: Size(width: 12, height: 2))
        var f = TextFieldState(text: "ab值")
        let cursor = f.render(into: &b, area: Rect(x: 2, y: 1, width: 8, height: 1), style: input)
        assertScreen(b, ["", "  ab值"])
        #expect(cursor == Position(x: 6, y: 1))
        #expect((2..<10).allSatisfy { b[$0, 1].style == input })
        #expect(b[1, 1] == Cell.blank() && b[10, 1] == Cell.blank())
        f.press(.left)
        #expect(f.render(into: &b, area: Rect(x: 2, y: 1, width: 8, height: 1), style: input) == Position(x: 4, y: 1))
        f.press(.home)
        #expect(f.render(into: &b, area: Rect(x: 2, y: 1, width: 8, height: 1), style: input) == Position(x: 2, y: 1))
    }

    @Test("horizontal scroll keeps the cursor visible, in CJK columns")
    func scrollCJK() {
        let area = Rect(x: 10, y: 2, width: 6, height: 1)
        var b = ScreenBuffer(size: Size(width: 20, height: 4))
        var f = TextFieldState(text: "值班室值班室")
        // Cursor at the end: the last two characters and the free cursor column.
        var cursor = f.render(into: &b, area: area, style: input)
        #expect(f.scroll == 4)
        #expect(text(of: b, in: area) == ["班室"])
        #expect(cursor == Position(x: 14, y: 2))

        f.press(.home)
        cursor = f.render(into: &b, area: area, style: input)
        #expect(f.scroll == 0)
        #expect(text(of: b, in: area) == ["值班室"])
        #expect(cursor == Position(x: 10, y: 2))

        f.press(.right, times: 2)
        cursor = f.render(into: &b, area: area, style: input)
        #expect(text(of: b, in: area) == ["值班室"])
        #expect(cursor == Position(x: 14, y: 2))

        f.press(.right)  // cursor on the fourth character, which is off to the right
        cursor = f.render(into: &b, area: area, style: input)
        #expect(f.scroll == 1)
        #expect(text(of: b, in: area) == ["班室值"])
        #expect(cursor == Position(x: 14, y: 2))
        #expect(b[14, 2].text == "值")

        f.press(.left)  // back inside the view: no scroll
        cursor = f.render(into: &b, area: area, style: input)
        #expect(f.scroll == 1)
        #expect(cursor == Position(x: 12, y: 2))

        f.press(.left, times: 2)  // before the view: scrolls back
        cursor = f.render(into: &b, area: area, style: input)
        #expect(f.scroll == 0)
        #expect(cursor == Position(x: 10, y: 2))
        // Nothing was drawn outside the field.
        #expect(b[9, 2] == Cell.blank() && b[16, 2] == Cell.blank())
    }

    @Test("the cursor is always inside the field and on the character it is before")
    func cursorProperty() {
        let area = Rect(x: 3, y: 0, width: 7, height: 1)
        var f = TextFieldState(text: "ab值班c室ÉD值x")
        let chars = Array(f.text)
        f.press(.home)
        for index in 0...chars.count {
            var b = ScreenBuffer(size: Size(width: 12, height: 1))
            let cursor = f.render(into: &b, area: area, style: input)
            #expect(f.cursor == index)
            #expect(cursor.y == 0)
            #expect(cursor.x >= area.x && cursor.x < area.maxX, "index \(index): \(cursor)")
            if index < chars.count {
                #expect(b[cursor.x, 0].text == String(chars[index]), "index \(index): \(cursor)")
            } else {
                #expect(b[cursor.x, 0] == Cell.blank(input))
            }
            f.press(.right)
        }
    }

    @Test("ASCII scroll")
    func scrollASCII() {
        var b = ScreenBuffer(size: Size(width: 5, height: 1))
        var f = TextFieldState(text: "abcdefgh")
        let cursor = f.render(into: &b, area: b.bounds, style: input)
        assertScreen(b, ["efgh"])
        #expect(cursor == Position(x: 4, y: 0))
    }
}
