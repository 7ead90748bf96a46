import Testing
import TerminalUI
import ConsoleTestSupport

private let choices = [
    Choice(id: "blizzard", label: "暴雪", keywords: ["bx", "baoxue", "blizzard"]),
    Choice(id: "rainstorm", label: "暴雨", keywords: ["by", "baoyu", "rainstorm"]),
    Choice(id: "typhoon", label: "台风", keywords: ["tf", "taifeng", "typhoon"]),
    Choice(id: "hail", label: "冰雹", keywords: ["bb", "bingbao", "hail"]),
    Choice(id: "heat", label: "高温", keywords: ["gw", "gaowen", "Heat Wave"]),
]

private let input = Style(foreground: .white, background: .indexed(238))
private let row = Style(foreground: .indexed(252))
private let selected = Style(foreground: .white, background: .indexed(24))
private let emptyStyle = Style(foreground: .indexed(245))

extension ChoicePickerState {
    mutating func type(_ text: String) {
        for c in text { _ = handle(KeyPress(.char(c))) }
    }
    var filteredIDs: [String] { filtered.map(\.id) }
}

@Suite("ChoicePickerState")
struct ChoicePickerTests {
    @Test("type-ahead filters by label and keywords", arguments: [
        ("", ["blizzard", "rainstorm", "typhoon", "hail", "heat"]),
        ("   ", ["blizzard", "rainstorm", "typhoon", "hail", "heat"]),
        ("bx", ["blizzard"]),
        ("BX", ["blizzard"]),
        ("暴", ["blizzard", "rainstorm"]),
        ("暴雨", ["rainstorm"]),
        ("bao", ["blizzard", "rainstorm", "hail"]),
        ("bao yu", ["rainstorm"]),
        ("yu bao", ["rainstorm"]),
        ("bao  xue", ["blizzard"]),
        ("暴 bx", ["blizzard"]),
        ("bx by", []),
        ("heat wave", ["heat"]),
        ("typhoon", ["typhoon"]),
        ("t", ["rainstorm", "typhoon", "heat"]),
        ("zzz", []),
    ] as [(String, [String])])
    func filter(_ query: String, _ expected: [String]) {
        var p = ChoicePickerState(choices: choices)
        p.type(query)
        #expect(p.query.text == query)
        #expect(p.filteredIDs == expected)
        #expect(p.selectedChoice?.id == expected.first)
        // The same query given up front filters the same way.
        #expect(ChoicePickerState(choices: choices, query: query).filteredIDs == expected)
    }

    @Test("pinyin initials pick 暴雪, letter by letter")
    func pinyinInitials() {
        var p = ChoicePickerState(choices: choices)
        #expect(p.handle(KeyPress(.char("b"))) == .edited)
        #expect(p.filteredIDs == ["blizzard", "rainstorm", "hail"])
        #expect(p.handle(KeyPress(.char("x"))) == .edited)
        #expect(p.filteredIDs == ["blizzard"])
        #expect(p.selectedChoice == choices[0])
        #expect(p.handle(KeyPress(.backspace)) == .edited)
        #expect(p.filteredIDs == ["blizzard", "rainstorm", "hail"])
    }

    @Test("up and down move the selection, clamped")
    func upDown() {
        var p = ChoicePickerState(choices: choices)
        #expect(p.selectedChoice?.label == "暴雪")
        #expect(p.handle(KeyPress(.down)) == .moved)
        #expect(p.selectedChoice?.label == "暴雨")
        for _ in 0..<10 { _ = p.handle(KeyPress(.down)) }
        #expect(p.selectedChoice?.label == "高温")
        _ = p.handle(KeyPress(.up))
        #expect(p.selectedChoice?.label == "冰雹")
        _ = p.handle(KeyPress(.pageUp))
        #expect(p.selectedChoice?.label == "暴雪")
        _ = p.handle(KeyPress(.pageDown))
        #expect(p.selectedChoice?.id == "heat")
    }

    @Test("typing resets the selection to the first match")
    func typingResets() {
        var p = ChoicePickerState(choices: choices)
        _ = p.handle(KeyPress(.down))
        _ = p.handle(KeyPress(.down))
        #expect(p.selectedChoice?.id == "typhoon")
        p.type("bao")
        #expect(p.table.selected == 0)
        #expect(p.selectedChoice?.id == "blizzard")
        _ = p.handle(KeyPress(.down))
        #expect(p.selectedChoice?.id == "rainstorm")
        #expect(p.handle(KeyPress(.backspace)) == .edited)
        #expect(p.query.text == "ba")
        #expect(p.selectedChoice?.id == "blizzard")
    }

    @Test("no match: nothing selected, the empty message shown")
    func noMatch() {
        var p = ChoicePickerState(choices: choices, query: "zzz")
        #expect(p.selectedChoice == nil)
        #expect(p.handle(KeyPress(.down)) == .moved)
        #expect(p.selectedChoice == nil)
        var b = ScreenBuffer(size: Size(width: 12, height: 4))
        let cursor = p.render(into: &b, area: b.bounds, input: input, row: row, selected: selected,
                              empty: emptyStyle, emptyMessage: "无匹配项目")
        assertScreen(b, ["zzz", "无匹配项目", "", ""])
        #expect(cursor == Position(x: 3, y: 0))
        #expect(b[0, 1].style == emptyStyle)
        #expect(b[10, 1].style == row)
        #expect(b[0, 0].style == input && b[11, 0].style == input)
    }

    @Test("Enter and Esc are left to the caller")
    func enterEscIgnored() {
        var p = ChoicePickerState(choices: choices)
        #expect(p.handle(KeyPress(.enter)) == .ignored)
        #expect(p.handle(KeyPress(.escape)) == .ignored)
    }

    @Test("renders the query and the matches with the selection styled")
    func render() {
        var p = ChoicePickerState(choices: choices)
        p.type("bao")
        _ = p.handle(KeyPress(.down))
        var b = ScreenBuffer(size: Size(width: 14, height: 6))
        let area = Rect(x: 1, y: 1, width: 10, height: 5)
        let cursor = p.render(into: &b, area: area, input: input, row: row, selected: selected,
                              empty: emptyStyle, emptyMessage: "无匹配")
        assertScreen(b, ["", " bao", " 暴雪", " 暴雨", " 冰雹", ""])
        #expect(cursor == Position(x: 4, y: 1))
        #expect((1..<11).allSatisfy { b[$0, 3].style == selected })
        #expect((1..<11).allSatisfy { b[$0, 2].style == row && b[$0, 4].style == row && b[$0, 5].style == row })
        #expect(b[0, 3] == Cell.blank() && b[11, 3] == Cell.blank())
    }

    @Test("the list scrolls to the selection")
    func scrolls() {
        var p = ChoicePickerState(choices: choices)
        for _ in 0..<3 { _ = p.handle(KeyPress(.down)) }
        var b = ScreenBuffer(size: Size(width: 8, height: 3))
        p.render(into: &b, area: b.bounds, input: input, row: row, selected: selected, empty: emptyStyle, emptyMessage: "")
        assertScreen(b, ["", "台风", "冰雹"])
        #expect(p.table.offset == 2)
        #expect(b[0, 2].style == selected)
    }

    @Test("labels are sanitized and truncated")
    func labels() {
        var p = ChoicePickerState(choices: [Choice(id: "x", label: "\u{1B}[31m危险化学品泄漏\u{07}")])
        var b = ScreenBuffer(size: Size(width: 9, height: 2))
        p.render(into: &b, area: b.bounds, input: input, row: row, selected: selected, empty: emptyStyle, emptyMessage: "")
        assertScreen(b, ["", "危险化学…"])
    }
}
