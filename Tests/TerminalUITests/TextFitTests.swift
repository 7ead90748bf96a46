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
