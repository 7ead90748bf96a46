import SafeText
import ConsoleTestSupport
import Testing
import TerminalUI

@Suite("TextSafety.sanitize")
struct SanitizeTests {
    @Test("removes whole escape sequences and controls", arguments: [
        // CSI (SGR, cursor movement, private modes), removed entirely.
        ("\u{1B}[31mred\u{1B}[0m", "red"),
        ("a\u{1B}[1;31;42mb", "ab"),
        ("\u{1B}[2J\u{1B}[Hclear", "clear"),
        ("x\u{1B}[?1049hy", "xy"),
        ("x\u{1B}[38;5;196my", "xy"),
        // OSC ending with BEL and with ST (ESC \).
        ("\u{1B}]0;evil title\u{07}text", "text"),
        ("\u{1B}]8;;http://example.com\u{1B}\\link\u{1B}]8;;\u{1B}\\", "link"),
        ("a\u{1B}]52;c;aGVsbG8=\u{07}b", "ab"),
        // DCS and other string sequences.
        ("a\u{1B}Pq#0;2;0;0;0\u{1B}\\b", "ab"),
        ("a\u{1B}_apc\u{1B}\\b", "ab"),
        // Two-byte escapes.
        ("a\u{1B}7b\u{1B}8c", "abc"),
        ("a\u{1B}cb", "ab"),
        // Escapes with intermediate bytes (character set designation).
        ("a\u{1B}(0b\u{1B}(Bc", "abc"),
        ("a\u{1B}#8b", "ab"),
        // C1 controls: CSI, OSC, DCS as single scalars, and others.
        ("\u{9B}31mX", "X"),
        ("a\u{9D}0;title\u{07}b", "ab"),
        ("a\u{90}data\u{9C}b", "ab"),
        ("a\u{85}b\u{9F}c\u{80}d", "abcd"),
        // C0 controls and DEL.
        ("a\u{07}b\u{08}c\u{00}d\u{7F}e", "abcde"),
        ("bell\u{07}\u{07}", "bell"),
        // Bidi overrides and isolates.
        ("abc\u{202E}fed", "abcfed"),
        ("\u{202A}\u{202B}\u{202C}\u{202D}x\u{2066}\u{2067}\u{2068}\u{2069}", "x"),
        // Tabs and line breaks become spaces.
        ("a\tb", "a b"),
        ("line1\nline2", "line1 line2"),
        ("a\rb", "a b"),
        // Chinese and other text is kept.
        ("城东区暴雨红色预警", "城东区暴雨红色预警"),
        ("值班员：张三（带班）", "值班员：张三（带班）"),
        ("cafe\u{0301} 😀 🇨🇳", "cafe\u{0301} 😀 🇨🇳"),
        ("\u{1B}[1m暴雨\u{1B}[0m预警", "暴雨预警"),
        // An unterminated sequence at the end is dropped, text before it kept.
        ("abc\u{1B}", "abc"),
        ("abc\u{1B}[12", "abc"),
        ("abc\u{1B}]0;never ends", "abc"),
        // A non-ASCII scalar inside a CSI ends it and is kept.
        ("\u{1B}[3中文", "中文"),
    ] as [(String, String)])
    func sanitize(_ input: String, _ expected: String) {
        let result = TextSafety.sanitize(input)
        #expect(result == expected)
        #expect(Array(result.unicodeScalars) == Array(expected.unicodeScalars))
    }

    @Test("keepNewlines keeps line feeds and still turns tabs into spaces")
    func keepNewlines() {
        #expect(TextSafety.sanitize("a\nb\tc", keepNewlines: true) == "a\nb c")
        #expect(TextSafety.sanitize("一\n\n二", keepNewlines: true) == "一\n\n二")
        #expect(TextSafety.sanitize("a\u{1B}[31m\nb", keepNewlines: true) == "a\nb")
        // A sequence cut short by a line break keeps the line break.
        #expect(TextSafety.sanitize("a\u{1B}[3\nb", keepNewlines: true) == "a\nb")
        #expect(TextSafety.sanitize("a\u{9B}12\nb", keepNewlines: true) == "a\nb")
        #expect(TextSafety.sanitize("a\nb", keepNewlines: false) == "a b")
    }

    @Test("result never holds a control scalar, for random strings full of them")
    func property() {
        var rng = SplitMix64(seed: 0x5EED_CAFE)
        let pool: [Unicode.Scalar] = [
            "\u{1B}", "\u{1B}", "\u{1B}", "[", "]", "\\", "P", "(", ";", "0", "3", "1", "m", "?", "h",
            "\u{07}", "\u{00}", "\u{08}", "\u{09}", "\u{0A}", "\u{0D}", "\u{7F}", "\u{80}", "\u{85}",
            "\u{90}", "\u{9B}", "\u{9C}", "\u{9D}", "\u{9F}", "\u{202E}", "\u{2066}", "\u{200D}",
            "a", "b", " ", "中", "文", "é", "\u{0301}", "😀", "─",
        ]
        for keepNewlines in [false, true] {
            for _ in 0..<3000 {
                let length = Int(rng.next() % 40)
                var input = String.UnicodeScalarView()
                for _ in 0..<length { input.append(pool[Int(rng.next() % UInt64(pool.count))]) }
                let text = String(input)
                let result = TextSafety.sanitize(text, keepNewlines: keepNewlines)
                for s in result.unicodeScalars {
                    let v = s.value
                    let allowedNewline = keepNewlines && v == 0x0A
                    #expect(v >= 0x20 || allowedNewline, "control \(v) left in \(result.debugDescription) from \(text.debugDescription)")
                    #expect(!(0x7F...0x9F).contains(v), "\(v) left in \(result.debugDescription) from \(text.debugDescription)")
                    #expect(!(0x202A...0x202E).contains(v) && !(0x2066...0x2069).contains(v), "bidi \(v) left from \(text.debugDescription)")
                }
                // Sanitizing twice changes nothing more.
                #expect(TextSafety.sanitize(result, keepNewlines: keepNewlines) == result)
                // Text with nothing to remove passes unchanged.
                let plain = String(String.UnicodeScalarView(text.unicodeScalars.filter {
                    $0.value >= 0x20 && !(0x7F...0x9F).contains($0.value) && !(0x202A...0x202E).contains($0.value)
                        && !(0x2066...0x2069).contains($0.value)
                }))
                #expect(TextSafety.sanitize(plain, keepNewlines: keepNewlines) == plain)
            }
        }
    }
}

/// A small, seedable generator so property tests are repeatable.
