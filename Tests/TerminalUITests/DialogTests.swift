import Testing
import TerminalUI
import ConsoleTestSupport

private let frame = Style(foreground: .indexed(240), background: .indexed(235))
private let titleStyle = Style(foreground: .white, background: .indexed(235), attributes: .bold)
private let body = Style(foreground: .indexed(252), background: .indexed(235))
private let button = Style(foreground: .indexed(250), background: .indexed(236))
private let focusedButton = Style(foreground: .white, background: .indexed(25), attributes: .bold)
private let dialogStyles = Dialog.Styles(frame: frame, title: titleStyle, body: body, button: button,
                                         focusedButton: focusedButton)

private func s(_ n: Int) -> String { String(repeating: " ", count: n) }
private func h(_ n: Int) -> String { String(repeating: "─", count: n) }

@Suite("Box")
struct BoxTests {
    @Test("frame, title and inner area")
    func frameAndTitle() {
        var b = ScreenBuffer(size: Size(width: 12, height: 5))
        let inner = Box.draw(Rect(x: 1, y: 1, width: 10, height: 3), title: "事件", into: &b,
                             border: frame, titleStyle: titleStyle, fill: body)
        #expect(inner == Rect(x: 2, y: 2, width: 8, height: 1))
        assertScreen(b, ["", " ┌─ 事件 ─┐", " │" + s(8) + "│", " └" + h(8) + "┘", ""])
        #expect(b[1, 1].style == frame && b[3, 1].style == titleStyle && b[4, 1].style == titleStyle)
        #expect(b[5, 2].style == body)
        #expect(b[0, 2] == Cell.blank() && b[11, 2] == Cell.blank())
    }

    @Test("a long title is truncated inside the frame")
    func longTitle() {
        var b = ScreenBuffer(size: Size(width: 10, height: 3))
        Box.draw(b.bounds, title: "城东区暴雨内涝", into: &b, border: frame, titleStyle: titleStyle, fill: body)
        assertScreen(b, ["┌─ 城东…─┐", "│" + s(8) + "│", "└" + h(8) + "┘"])
    }

    @Test("too small for a frame")
    func tooSmall() {
        var b = ScreenBuffer(size: Size(width: 5, height: 5))
        let inner = Box.draw(Rect(x: 1, y: 1, width: 1, height: 4), into: &b, border: frame, titleStyle: titleStyle, fill: body)
        #expect(inner.isEmpty)
        #expect(b.cells.allSatisfy { $0 == Cell.blank() })
    }
}

@Suite("Dialog")
struct DialogTests {
    @Test("centred, title in the frame, buttons with the focused one styled")
    func centred() {
        var b = ScreenBuffer(size: Size(width: 40, height: 12))
        Dialog(title: "确认", message: "放弃未保存的接报？", buttons: ["确定", "取消"], focused: 1)
            .render(into: &b, area: b.bounds, styles: dialogStyles)
        let pad = s(5)
        assertScreen(b, [
            "", "", "",
            pad + "┌─ 确认 " + h(21) + "┐",
            pad + "│ 放弃未保存的接报？" + s(9) + "│",
            pad + "│" + s(28) + "│",
            pad + "│" + s(28) + "│",
            pad + "│" + s(5) + "[ 确定 ]" + s(2) + "[ 取消 ]" + s(5) + "│",
            pad + "└" + h(28) + "┘",
            "", "", "",
        ])
        #expect(b[5, 3].style == frame && b[34, 8].style == frame)
        #expect(b[8, 3] == Cell(text: "确", style: titleStyle, width: 2))
        #expect(b[7, 4].style == body && b[20, 5].style == body)
        for x in 11..<19 { #expect(b[x, 7].style == button, "column \(x)") }
        for x in 21..<29 { #expect(b[x, 7].style == focusedButton, "column \(x)") }
        #expect(b[19, 7].style == body && b[20, 7].style == body)
        #expect(b[4, 5] == Cell.blank() && b[35, 5] == Cell.blank())
    }

    @Test("a long message wraps; one button is centred")
    func wraps() {
        var b = ScreenBuffer(size: Size(width: 40, height: 14))
        Dialog(title: "提示", message: "abc def ghi jkl mno pqr stu vwx yz 0123456789", buttons: ["OK"])
            .render(into: &b, area: b.bounds, styles: dialogStyles)
        assertScreen(b, [
            "", "", "",
            "┌─ 提示 " + h(31) + "┐",
            "│ abc def ghi jkl mno pqr stu vwx yz" + s(3) + "│",
            "│ 0123456789" + s(27) + "│",
            "│" + s(38) + "│",
            "│" + s(38) + "│",
            "│" + s(16) + "[ OK ]" + s(16) + "│",
            "└" + h(38) + "┘",
            "", "", "", "",
        ])
        #expect(b[17, 8].style == focusedButton)
    }

    @Test("a narrow area: the dialog takes its width")
    func narrow() {
        var b = ScreenBuffer(size: Size(width: 20, height: 6))
        Dialog(title: "退出", message: "确认退出？", buttons: ["是", "否"], focused: 0)
            .render(into: &b, area: b.bounds, styles: dialogStyles)
        assertScreen(b, [
            "┌─ 退出 " + h(11) + "┐",
            "│ 确认退出？" + s(7) + "│",
            "│" + s(18) + "│",
            "│" + s(18) + "│",
            "│" + s(2) + "[ 是 ]" + s(2) + "[ 否 ]" + s(2) + "│",
            "└" + h(18) + "┘",
        ])
        #expect(b[3, 4].style == focusedButton && b[11, 4].style == button)
    }
}

@Suite("HelpOverlay")
struct HelpOverlayTests {
    @Test("keys and actions in two aligned columns")
    func twoColumns() {
        let keyStyle = Style(foreground: .indexed(221), background: .indexed(235), attributes: .bold)
        let heading = Style(foreground: .indexed(39), background: .indexed(235), attributes: .underline)
        let help = HelpOverlay(title: "帮助", sections: [
            (heading: "通用", entries: [(key: "?", action: "帮助"), (key: "q", action: "退出"), (key: "F1-F8", action: "切换屏幕")]),
            (heading: "表格", entries: [(key: "↑↓", action: "移动"), (key: "Enter", action: "打开")]),
        ], footer: "Esc 关闭")
        var b = ScreenBuffer(size: Size(width: 30, height: 14))
        help.render(into: &b, area: b.bounds, frame: frame, title: titleStyle, body: body, key: keyStyle, heading: heading)
        let pad = s(5)
        assertScreen(b, [
            "", "",
            pad + "┌─ 帮助 " + h(11) + "┐",
            pad + "│ 通用" + s(13) + "│",
            pad + "│ ?" + s(6) + "帮助" + s(6) + "│",
            pad + "│ q" + s(6) + "退出" + s(6) + "│",
            pad + "│ F1-F8  切换屏幕  │",
            pad + "│ 表格" + s(13) + "│",
            pad + "│ ↑↓" + s(5) + "移动" + s(6) + "│",
            pad + "│ Enter  打开" + s(6) + "│",
            pad + "│ Esc 关闭" + s(9) + "│",
            pad + "└" + h(18) + "┘",
            "", "",
        ])
        // Every action starts in the same column.
        for y in [4, 5, 6, 8, 9] { #expect(!b[14, y].isContinuation && b[14, y].text != " ", "row \(y)") }
        #expect(b[7, 3].style == heading)
        #expect(b[7, 4].style == keyStyle && b[11, 4].style == keyStyle)
        #expect(b[14, 4].style == body)
        #expect(b[7, 10].style == body)
        #expect(b[7, 2].style == titleStyle)
    }

    @Test("cut off at the bottom when the area is short")
    func short() {
        let help = HelpOverlay(title: "帮助", sections: [
            (heading: "通用", entries: [(key: "?", action: "帮助"), (key: "q", action: "退出"), (key: "Esc", action: "返回")]),
        ], footer: "Esc 关闭")
        var b = ScreenBuffer(size: Size(width: 20, height: 5))
        help.render(into: &b, area: b.bounds, frame: frame, title: titleStyle, body: body, key: body, heading: body)
        // Box 14×5 (keys 3 + actions 4 + 7): the heading and one entry, then the footer on the last inner row.
        assertScreen(b, [
            "   ┌─ 帮助 " + h(5) + "┐",
            "   │ 通用" + s(7) + "│",
            "   │ ?" + s(4) + "帮助" + s(2) + "│",
            "   │ Esc 关闭" + s(3) + "│",
            "   └" + h(12) + "┘",
        ])
    }
}
