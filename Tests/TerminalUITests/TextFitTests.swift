import Testing
import TerminalUI

@Suite("TextFit.truncate")
struct TruncateTests {
    @Test("cuts to the width and ends with an ellipsis", arguments: [
        ("hello world", 5, "hell…"),
        ("hello", 5, "hello"),
        ("hello", 6, "hello"),
        ("hello!", 5, "hell…"),
        ("值班室", 6, "值班室"),
        ("值班室", 5, "值班…"),
        ("值班室", 4, "值…"),
        ("值班室", 3, "值…"),
        ("值班室", 2, "…"),
        ("值班室", 1, "…"),
        ("值班室", 0, ""),
        ("abc", 0, ""),
        ("abc", -3, ""),
        ("abc", 1, "…"),
        ("ab", 1, "…"),
        ("a", 1, "a"),
        ("", 0, ""),
        ("", 3, ""),
        ("a值班", 4, "a值…"),
        ("a值班", 3, "a…"),
        ("cafe\u{0301} noir", 5, "cafe\u{0301}…"),
        ("😀😀😀", 4, "😀…"),
    ] as [(String, Int, String)])
    func truncate(_ text: String, _ width: Int, _ expected: String) {
        let result = TextFit.truncate(text, to: width)
        #expect(result == expected)
        #expect(result.displayWidth <= max(0, width))
        if result != text { #expect(result.isEmpty || result.hasSuffix("…")) }
    }

    @Test("never splits a wide character, for every width")
    func neverSplits() {
        let text = "值班a室值b班"
        for width in 0...14 {
            let result = TextFit.truncate(text, to: width)
            #expect(result.displayWidth <= width, "width \(width): \(result)")
            // The result is a prefix of the text plus an ellipsis.
            let body = result.hasSuffix("…") ? String(result.dropLast()) : result
            #expect(text.hasPrefix(body), "width \(width): \(result)")
            // It is the longest such prefix: one more character would not fit.
            if result.hasSuffix("…") {
                let next = text[text.index(text.startIndex, offsetBy: body.count)]
                #expect(body.displayWidth + next.description.displayWidth + 1 > width, "width \(width): \(result)")
            }
        }
    }

    @Test("the ellipsis counts as wide under the ambiguous-wide policy")
    func ellipsisWidthFollowsPolicy() {
        let wide = WidthPolicy(ambiguousIsWide: true)
        #expect(TextFit.truncate("abcdef", to: 4, policy: wide) == "ab…")
        #expect(DisplayWidth.of(TextFit.truncate("abcdef", to: 4, policy: wide), policy: wide) == 4)
        #expect(TextFit.truncate("值班室", to: 4, policy: wide) == "值…")
        #expect(TextFit.truncate("abc", to: 3, policy: wide) == "abc")
        // Too narrow for the wide ellipsis: the longest prefix that fits, no ellipsis.
        #expect(TextFit.truncate("abc", to: 1, policy: wide) == "a")
        #expect(TextFit.truncate("值班", to: 1, policy: wide) == "")
        for width in 0...8 {
            let r = TextFit.truncate("αβγδεζ", to: width, policy: wide)
            #expect(DisplayWidth.of(r, policy: wide) <= width, "width \(width): \(r)")
        }
    }
}

@Suite("TextFit.pad")
struct PadTests {
    @Test("pads to exactly the width", arguments: [
        ("ab", 5, Alignment.left, "ab   "),
        ("ab", 5, Alignment.right, "   ab"),
        ("ab", 5, Alignment.center, " ab  "),
        ("ab", 6, Alignment.center, "  ab  "),
        ("值班", 7, Alignment.left, "值班   "),
        ("值班", 7, Alignment.right, "   值班"),
        ("值班", 7, Alignment.center, " 值班  "),
        ("值班室", 4, Alignment.left, "值… "),
        ("值班室", 4, Alignment.right, " 值…"),
        ("hello", 5, Alignment.center, "hello"),
        ("hello world", 5, Alignment.left, "hell…"),
        ("", 3, Alignment.left, "   "),
        ("abc", 0, Alignment.left, ""),
    ] as [(String, Int, Alignment, String)])
    func pad(_ text: String, _ width: Int, _ alignment: Alignment, _ expected: String) {
        let result = TextFit.pad(text, to: width, alignment: alignment)
        #expect(result == expected)
        #expect(result.displayWidth == width)
    }

    @Test("left is the default alignment")
    func defaultIsLeft() {
        #expect(TextFit.pad("x", to: 3) == "x  ")
    }
}

@Suite("TextFit.wrap")
struct WrapTests {
    @Test("wraps", arguments: [
        ("hello world foo", 5, ["hello", "world", "foo"]),
        ("hello world", 11, ["hello world"]),
        ("ab cd ef", 5, ["ab cd", "ef"]),
        ("ab cdef", 5, ["ab", "cdef"]),
        ("abcdefghij", 4, ["abcd", "efgh", "ij"]),
        ("a verylongword b", 5, ["a", "veryl", "ongwo", "rd b"]),
        ("值班室值班", 4, ["值班", "室值", "班"]),
        ("值班室值班", 5, ["值班", "室值", "班"]),
        ("值班室值班", 6, ["值班室", "值班"]),
        ("发布 暴雨红色预警", 8, ["发布", "暴雨红色", "预警"]),
        ("a\nb", 10, ["a", "b"]),
        ("a\n\nb", 10, ["a", "", "b"]),
        ("ab cd\nefghij", 4, ["ab", "cd", "efgh", "ij"]),
        ("", 5, [""]),
    ] as [(String, Int, [String])])
    func wrap(_ text: String, _ width: Int, _ expected: [String]) {
        let lines = TextFit.wrap(text, width: width)
        #expect(lines == expected)
        for line in lines { #expect(line.displayWidth <= width) }
    }

    @Test("zero width gives no lines")
    func zeroWidth() {
        #expect(TextFit.wrap("abc", width: 0) == [])
    }

    @Test("every line fits and no non-space character is lost")
    func keepsEverything() {
        let text = "值班员 张三 于 08:30 接报：城东区 暴雨 积水 约 40cm，已通知 应急 抢险队。night shift handover"
        for width in 2...30 {
            let lines = TextFit.wrap(text, width: width)
            for line in lines { #expect(line.displayWidth <= width, "width \(width): |\(line)|") }
            #expect(lines.joined().filter { $0 != " " } == text.filter { $0 != " " }, "width \(width)")
        }
    }
}

@Suite("TextFit.wrapHanging")
struct WrapHangingTests {
    @Test("the marker a paragraph starts with", arguments: [
        ("1. 停止户外作业", "1. "),
        ("12.停止户外作业", "12."),
        ("1、停止户外作业", "1、"),
        ("（1）停止户外作业", "（1）"),
        ("(2) stop work outside", "(2) "),
        ("3）停止", "3）"),
        ("一、停止户外作业", "一、"),
        ("十二、停止", "十二、"),
        ("① 停止", "① "),
        ("  2. indented", "  2. "),
        ("· 12-08 03:12 泰州市气象台", "· "),
        ("- a bullet", "- "),
        ("12-08 01:37  接报登记（罗燕）", "12-08 01:37  "),
        ("08:30 handover", "08:30 "),
        ("2026-11-23 13:40:00  批示", "2026-11-23 13:40:00  "),
        ("区域：海陵区", "区域："),
        ("Area: Hailing", "Area: "),
        ("Response level: III", "Response level: "),
        // Not markers: a decimal, a time without text after it, a sentence, a URL, a label with nothing after it.
        ("1.5 米积水", ""),
        ("08:30", ""),
        ("预计未来6小时内降雨量将达50毫米以上。", ""),
        ("see https://example.org for more", ""),
        ("区域：", ""),
        ("暴雨致村道积水，现场：水深40厘米", ""),
        ("", ""),
    ] as [(String, String)])
    func marker(_ text: String, _ expected: String) {
        #expect(String(TextFit.hangingMarker(Substring(text))) == expected)
    }

    @Test("a numbered instruction wraps with its number standing alone, by display width")
    func numbered() {
        let lines = TextFit.wrapHanging("1. 政府及相关部门按照职责做好防暴雨应急和抢险工作；\n2. 停止集会、停课、停业（除特殊行业外）", width: 24)
        #expect(lines == [
            "1. 政府及相关部门按照职",
            "   责做好防暴雨应急和抢",
            "   险工作；",
            "2. 停止集会、停课、停业",
            "   （除特殊行业外）",
        ])
        #expect(lines.allSatisfy { $0.displayWidth <= 24 })
    }

    @Test("Chinese numbering and a timeline's time hang the same way")
    func chineseAndTimes() {
        // "（1）" is five columns wide: the text goes on under the sixth.
        #expect(TextFit.wrapHanging("（1）转移危险区域群众，加强巡查", width: 13) == ["（1）转移危险", "     区域群众", "     ，加强巡", "     查"])
        #expect(TextFit.wrapHanging("12-08 03:30  电话初报 → 市委市政府总值班室", width: 30)
                == ["12-08 03:30  电话初报 →", "             市委市政府总值班", "             室"])
        #expect(TextFit.wrapHanging("Area: Hailing district, Gaogang district", width: 22)
                == ["Area: Hailing", "      district,", "      Gaogang district"])
    }

    @Test("no marker, a marker wider than half the line, or a line that fits: wrapped as ever")
    func plain() {
        let text = "预计未来6小时内降雨量将达50毫米以上。"
        #expect(TextFit.wrapHanging(text, width: 10) == TextFit.wrap(text, width: 10))
        let wide = "事件经过及发展趋势：储罐区发生爆炸"
        #expect(TextFit.wrapHanging(wide, width: 16) == TextFit.wrap(wide, width: 16))
        #expect(TextFit.wrapHanging("1. 停止", width: 20) == ["1. 停止"])
        #expect(TextFit.wrapHanging("", width: 5) == [""])
        #expect(TextFit.wrapHanging("1. x", width: 0) == [])
    }
}
