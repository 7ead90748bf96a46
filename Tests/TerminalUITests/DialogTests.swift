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

/// A screen of text behind an overlay: box lines, digits and wide characters at every parity.
private func busy(_ size: Size) -> ScreenBuffer {
    var b = ScreenBuffer(size: size)
    for y in 0..<size.height {
        b.write(String(String(repeating: "│7泰州┌─┐市", count: size.width).dropFirst(y % 4)), x: 0, y: y, style: .plain)
    }
    return b
}

@Suite("Box.overlay")
struct BoxOverlayTests {
    @Test("the box and a one-cell margin are cleared; a wide character cut at the margin is blanked whole",
          arguments: [Size(width: 20, height: 8), Size(width: 21, height: 9), Size(width: 40, height: 20)])
    func clearsItsMargin(_ screen: Size) {
        var b = busy(screen)
        let clear = Style(background: .indexed(17))
        let (box, inner) = Box.overlay(Size(width: 11, height: 4), in: b.bounds, title: "事件", into: &b,
                                       border: frame, titleStyle: titleStyle, fill: body, clear: clear)
        #expect(box.size == Size(width: 11, height: 4) && inner == box.inset(by: 1))
        let margin = Rect(x: box.x - 1, y: box.y - 1, width: box.width + 2, height: box.height + 2)
        for y in margin.y..<margin.maxY {
            for x in margin.x..<margin.maxX {
                let cell = b[x, y]
                if box.contains(Position(x: x, y: y)) {
                    #expect(cell.style == frame || cell.style == body || cell.style == titleStyle || cell.isContinuation, "(\(x),\(y))")
                } else {
                    #expect(cell == Cell.blank(clear), "margin (\(x),\(y)) is \(cell)")
                }
            }
            // Nothing of the screen is left half a character beside the margin.
            #expect(!b[margin.maxX, y].isContinuation, "row \(y)")
            #expect(b[margin.x - 1, y].width != 2, "row \(y)")
        }
        #expect(b[box.x, box.y].text == "┌" && b[box.maxX - 1, box.maxY - 1].text == "┘")
    }

    @Test("never the full width: a column stays free on either side; the height is the area's at most")
    func keepsAColumn() {
        var b = busy(Size(width: 12, height: 4))
        let (box, _) = Box.overlay(Size(width: 30, height: 9), in: b.bounds, into: &b, border: frame, titleStyle: titleStyle,
                                   fill: body, clear: .plain)
        #expect(box == Rect(x: 1, y: 0, width: 10, height: 4))
        for y in 0..<4 { #expect(b[0, y] == Cell.blank() && b[11, y] == Cell.blank(), "row \(y)") }
        #expect(Box.overlayRect(Size(width: 30, height: 9), in: b.bounds) == box)
    }

    @Test("the help overlay and the dialog clear their margin too")
    func widgetsFollowTheRule() {
        var b = busy(Size(width: 40, height: 12))
        let clear = Style(background: .indexed(17))
        Dialog(title: "退出", message: "确认退出？", buttons: ["是", "否"]).render(into: &b, area: b.bounds, styles: dialogStyles, clear: clear)
        var h = busy(Size(width: 40, height: 12))
        HelpOverlay(title: "帮助", sections: [("全局", [("q", "退出")])], footer: "Esc 关闭")
            .render(into: &h, area: h.bounds, frame: frame, title: titleStyle, body: body, key: titleStyle, heading: titleStyle, clear: clear)
        for buffer in [b, h] {
            // The overlay's corners are in its frame style (the screen behind has corners of its own).
            func corner(_ x: Int, _ y: Int, _ c: String) -> Bool { buffer[x, y].text == c && buffer[x, y].style == frame }
            let top = (0..<12).first { y in (0..<40).contains { corner($0, y, "┌") } }!
            let left = (0..<40).first { corner($0, top, "┌") }!
            let right = ((left + 1)..<40).first { corner($0, top, "┐") }!
            #expect(top > 0 && left > 0 && right < 39)
            for x in (left - 1)...(right + 1) { #expect(buffer[x, top - 1] == Cell.blank(clear), "above, column \(x)") }
            #expect(buffer[left - 1, top] == Cell.blank(clear) && buffer[right + 1, top] == Cell.blank(clear))
        }
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
        // A column is kept free on either side (Box.overlay).
        assertScreen(b, [
            "", "", "",
            " ┌─ 提示 " + h(29) + "┐",
            " │ abc def ghi jkl mno pqr stu vwx yz" + s(1) + "│",
            " │ 0123456789" + s(25) + "│",
            " │" + s(36) + "│",
            " │" + s(36) + "│",
            " │" + s(15) + "[ OK ]" + s(15) + "│",
            " └" + h(36) + "┘",
            "", "", "", "",
        ])
        #expect(b[17, 8].style == focusedButton)
    }

    @Test("a narrow area: the dialog takes its width but a column either side")
    func narrow() {
        var b = ScreenBuffer(size: Size(width: 20, height: 6))
        Dialog(title: "退出", message: "确认退出？", buttons: ["是", "否"], focused: 0)
            .render(into: &b, area: b.bounds, styles: dialogStyles)
        assertScreen(b, [
            " ┌─ 退出 " + h(9) + "┐",
            " │ 确认退出？" + s(5) + "│",
            " │" + s(16) + "│",
            " │" + s(16) + "│",
            " │" + s(1) + "[ 是 ]" + s(2) + "[ 否 ]" + s(1) + "│",
            " └" + h(16) + "┘",
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
