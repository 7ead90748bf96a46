import Testing
import TerminalUI
import ConsoleTestSupport

private let active = Style(foreground: .white, background: .blue, attributes: .bold)
private let inactive = Style(foreground: .indexed(250), background: .indexed(236))

private let tabs = [
    TabBar.Tab(key: "1", title: "值班"),
    TabBar.Tab(key: "2", title: "接报"),
    TabBar.Tab(key: "3", title: "事件"),
]

@Suite("TabBar")
struct TabBarTests {
    @Test("full labels when they fit, the active tab styled")
    func fullLabels() {
        var b = ScreenBuffer(size: Size(width: 30, height: 2))
        TabBar(tabs: tabs, selected: 1).render(into: &b, area: Rect(x: 0, y: 0, width: 30, height: 1),
                                               active: active, inactive: inactive)
        assertScreen(b, [" 1 值班  2 接报  3 事件", ""])
        // " 1 值班 " is columns 0–7, " 2 接报 " 8–15, " 3 事件 " 16–23.
        for x in 0..<8 { #expect(b[x, 0].style == inactive, "column \(x)") }
        for x in 8..<16 { #expect(b[x, 0].style == active, "column \(x)") }
        for x in 16..<30 { #expect(b[x, 0].style == inactive, "column \(x)") }
        #expect(b[11, 0] == Cell(text: "接", style: active, width: 2))
        // The second row is untouched.
        #expect(b[0, 1] == Cell.blank())
    }

    @Test("narrow: inactive tabs shrink to their key, the active tab keeps its title")
    func narrow() {
        var b = ScreenBuffer(size: Size(width: 16, height: 1))
        TabBar(tabs: tabs, selected: 1).render(into: &b, area: b.bounds, active: active, inactive: inactive)
        assertScreen(b, [" 1  2 接报  3"])
        for x in 0..<3 { #expect(b[x, 0].style == inactive) }
        for x in 3..<11 { #expect(b[x, 0].style == active, "column \(x)") }
        for x in 11..<16 { #expect(b[x, 0].style == inactive) }
    }

    @Test("narrow with the first or last tab active", arguments: [
        (0, " 1 值班  2  3"),
        (2, " 1  2  3 事件"),
    ] as [(Int, String)])
    func narrowEnds(_ selected: Int, _ expected: String) {
        var b = ScreenBuffer(size: Size(width: 20, height: 1))
        TabBar(tabs: tabs, selected: selected).render(into: &b, area: b.bounds, active: active, inactive: inactive)
        assertScreen(b, [expected])
    }

    @Test("nine tabs at 80 columns: inactive titles cut, the active one whole, never below four columns")
    func cutTitles() {
        let english = ["Board", "Intake", "Incidents", "Warnings", "Map", "Log", "Handover", "Contacts", "Resources"]
            .enumerated().map { TabBar.Tab(key: "\($0.offset + 1)", title: $0.element) }
        var b = ScreenBuffer(size: Size(width: 80, height: 1))
        TabBar(tabs: english, selected: 8).render(into: &b, area: b.bounds, active: active, inactive: inactive)
        assertScreen(b, [" 1 Board 2 Intake 3 Incid… 4 Warni… 5 Map 6 Log 7 Hando… 8 Conta… 9 Resources"])
        var narrow = ScreenBuffer(size: Size(width: 60, height: 1))
        TabBar(tabs: english, selected: 0).render(into: &narrow, area: narrow.bounds, active: active, inactive: inactive)
        // Cut to "Inc…" would still not fit 60: the inactive tabs fall back to their keys.
        assertScreen(narrow, [" 1 Board  2  3  4  5  6  7  8  9"])
    }

    @Test("one column short: single spaces between tabs, every title kept")
    func compact() {
        var b = ScreenBuffer(size: Size(width: 22, height: 1))
        TabBar(tabs: tabs, selected: 1).render(into: &b, area: b.bounds, active: active, inactive: inactive)
        assertScreen(b, [" 1 值班 2 接报 3 事件"])
        // " 1 值班" is columns 0–6, " 2 接报" 7–13 (active), " 3 事件 " 14–21.
        for x in 7..<14 { #expect(b[x, 0].style == active, "column \(x)") }
        #expect(b[6, 0].style == inactive)
        #expect(b[14, 0].style == inactive)
    }

    @Test("exactly full width still shows full labels")
    func exactWidth() {
        var b = ScreenBuffer(size: Size(width: 24, height: 1))
        TabBar(tabs: tabs, selected: 0).render(into: &b, area: b.bounds, active: active, inactive: inactive)
        assertScreen(b, [" 1 值班  2 接报  3 事件"])
    }

    @Test("an area with an offset")
    func offset() {
        var b = ScreenBuffer(size: Size(width: 30, height: 3))
        TabBar(tabs: tabs, selected: 2).render(into: &b, area: Rect(x: 2, y: 1, width: 26, height: 1),
                                               active: active, inactive: inactive)
        assertScreen(b, ["", "   1 值班  2 接报  3 事件", ""])
        #expect(b[1, 1] == Cell.blank())
        #expect(b[2, 1].style == inactive)
        #expect(b[27, 1].style == inactive)
        #expect(b[28, 1] == Cell.blank())
        #expect(b[18, 1].style == active && b[25, 1].style == active)
    }
}

private let base = Style(foreground: .indexed(252), background: .indexed(237))
private let accent = Style(foreground: .white, background: .indexed(237), attributes: .bold)
private let warn = Style(foreground: .yellow, background: .indexed(237))

private var bar: StatusBar { StatusBar(
    left: [StatusBar.Segment("值班 张三", style: accent), StatusBar.Segment(" 超时 2", style: warn)],
    right: [StatusBar.Segment(" 14:05 ", style: base), StatusBar.Segment(" 同步正常 ", style: accent)]
) }

@Suite("StatusBar")
struct StatusBarTests {
    @Test("left and right segments with the base style between")
    func wide() {
        var b = ScreenBuffer(size: Size(width: 40, height: 1))
        bar.render(into: &b, area: b.bounds, base: base)
        // Left "值班 张三" (9) + " 超时 2" (7) = 16; right " 14:05 " (7) + " 同步正常 " (10) from column 23.
        assertScreen(b, ["值班 张三 超时 2" + String(repeating: " ", count: 7) + " 14:05  同步正常"])
        #expect(b[0, 0].style == accent)
        #expect(b[9, 0].style == warn)
        #expect(b[16, 0].style == base && b[22, 0].style == base)
        #expect(b[23, 0].style == base && b[24, 0].text == "1")
        #expect(b[30, 0].style == accent && b[39, 0].style == accent)
    }

    @Test("right segments are dropped from the far end when too narrow", arguments: [
        (26, "值班 张三 超时 2" + String(repeating: " ", count: 3) + " 14:05"),
        (23, "值班 张三 超时 2" + String(repeating: " ", count: 0) + " 14:05"),
        (22, "值班 张三 超时 2"),
        (16, "值班 张三 超时 2"),
    ] as [(Int, String)])
    func dropRight(_ width: Int, _ expected: String) {
        var b = ScreenBuffer(size: Size(width: width, height: 1))
        bar.render(into: &b, area: b.bounds, base: base)
        assertScreen(b, [expected])
        #expect((0..<width).allSatisfy { b[$0, 0].style != Style.plain })
    }

    @Test("the least important segment goes first, wherever it stands")
    func dropByPriority() {
        let prioritized = StatusBar(left: [StatusBar.Segment("站", style: accent)],
                                    right: [StatusBar.Segment(" !! 2 ", style: warn, priority: 4),
                                            StatusBar.Segment(" op ", style: base, priority: 1),
                                            StatusBar.Segment(" 14:05 ", style: accent, priority: 3),
                                            StatusBar.Segment(" EN ", style: base)])
        var b = ScreenBuffer(size: Size(width: 18, height: 1))
        prioritized.render(into: &b, area: b.bounds, base: base)
        assertScreen(b, ["站    !! 2  14:05"])       // " op " and " EN " gave way
        var c = ScreenBuffer(size: Size(width: 12, height: 1))
        prioritized.render(into: &c, area: c.bounds, base: base)
        assertScreen(c, ["站     !! 2"])           // then the clock, never the overdue count
    }

    @Test("the left text is truncated when even it does not fit", arguments: [
        (12, "值班 张三 …"),
        (10, "值班 张三…"),
        (9, "值班 张三"),
        (6, "值班 …"),
        (1, "…"),
    ] as [(Int, String)])
    func truncateLeft(_ width: Int, _ expected: String) {
        var b = ScreenBuffer(size: Size(width: width, height: 1))
        bar.render(into: &b, area: b.bounds, base: base)
        assertScreen(b, [expected])
    }

    @Test("zero height draws nothing")
    func zeroHeight() {
        var b = ScreenBuffer(size: Size(width: 10, height: 1))
        bar.render(into: &b, area: Rect(x: 0, y: 0, width: 10, height: 0), base: base)
        #expect(b.cells.allSatisfy { $0 == Cell.blank() })
    }
}

/// #23: segments are shortened before any is dropped, and the deadline is the last to go.
@Suite("StatusBar short forms")
struct StatusBarCompactTests {
    static let bar = StatusBar(
        left: [StatusBar.Segment(" 泰州市应急管理局 ", style: accent)],
        right: [StatusBar.Segment(" !! 2 overdue ", style: warn, priority: 60),
                StatusBar.Segment(" red 1 ", style: warn, priority: 30),
                StatusBar.Segment(" next report 08:37 ", style: base, priority: 60, compact: " next 08:37 ", detailPriority: 25),
                StatusBar.Segment(" operator 高鹏 ", style: base, priority: 20, compact: " op 高鹏 ", detailPriority: 15),
                StatusBar.Segment(" 2026-12-08 08:12:03 ", style: accent, priority: 50, compact: " 08:12:03 ", detailPriority: 15),
                StatusBar.Segment(" EN ", style: base, priority: 0)],
        minimumLeftWidth: 10)

    @Test("from wide to narrow: the language goes, then the date and labels shorten, then the operator, the word report, the warning", arguments: [
        (120, [" !! 2 overdue ", " red 1 ", " next report 08:37 ", " operator 高鹏 ", " 2026-12-08 08:12:03 ", " EN "]),
        (90, [" !! 2 overdue ", " red 1 ", " next report 08:37 ", " operator 高鹏 ", " 2026-12-08 08:12:03 ", " EN "]),
        (88, [" !! 2 overdue ", " red 1 ", " next report 08:37 ", " operator 高鹏 ", " 2026-12-08 08:12:03 "]),
        (80, [" !! 2 overdue ", " red 1 ", " next report 08:37 ", " operator 高鹏 ", " 08:12:03 "]),
        (70, [" !! 2 overdue ", " red 1 ", " next report 08:37 ", " op 高鹏 ", " 08:12:03 "]),
        (62, [" !! 2 overdue ", " red 1 ", " next report 08:37 ", " 08:12:03 "]),
        (53, [" !! 2 overdue ", " red 1 ", " next 08:37 ", " 08:12:03 "]),
        (46, [" !! 2 overdue ", " next 08:37 ", " 08:12:03 "]),
        (36, [" !! 2 overdue ", " next 08:37 "]),
        (26, [" !! 2 overdue "]),    // of two equals the last goes first
    ] as [(Int, [String])])
    func narrowing(_ width: Int, _ expected: [String]) {
        #expect(Self.bar.rightTexts(width: width) == expected, "\(width)")
        var b = ScreenBuffer(size: Size(width: width, height: 1))
        Self.bar.render(into: &b, area: b.bounds, base: base)
        #expect(b.lines[0].hasSuffix(expected.joined().trimmingCharacters(in: .whitespaces)))
    }

    @Test("a short form freed room: a full text comes back where it fits, the most important first")
    func fullTextsComeBack() {
        let bar = StatusBar(left: [], right: [
            StatusBar.Segment(" next report 08:37 ", style: base, priority: 60, compact: " next 08:37 ", detailPriority: 25),
            StatusBar.Segment(" handover: not started ", style: warn, priority: 30),
        ])
        #expect(bar.rightTexts(width: 42) == [" next report 08:37 ", " handover: not started "])
        // Shortened before the handover (25 below 30) is dropped.
        #expect(bar.rightTexts(width: 35) == [" next 08:37 ", " handover: not started "])
        // Too narrow even so: the handover goes, and the room it leaves gives "next report" back.
        #expect(bar.rightTexts(width: 30) == [" next report 08:37 "])
        // Without a priority of its own the short form is taken only just before the segment would be dropped.
        let plain = StatusBar(left: [], right: [
            StatusBar.Segment(" next report 08:37 ", style: base, priority: 60, compact: " next 08:37 "),
            StatusBar.Segment(" handover: not started ", style: warn, priority: 30),
        ])
        #expect(plain.rightTexts(width: 35) == [" next report 08:37 "])
        #expect(plain.rightTexts(width: 15) == [" next 08:37 "])
    }

    @Test("a compact form the same as the text is no compact form")
    func sameCompact() {
        #expect(StatusBar.Segment("x", style: base, compact: "x").compact == nil)
    }
}
