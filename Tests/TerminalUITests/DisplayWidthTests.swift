import Testing
import TerminalUI

@Suite("DisplayWidth")
struct DisplayWidthTests {
    @Test("single characters", arguments: [
        ("a", 1), ("Z", 1), ("~", 1), (" ", 1),
        ("中", 2), ("值", 2), ("Ａ", 2), ("\u{3000}", 2), ("。", 2), ("，", 2),
        ("한", 2), ("\u{1112}\u{1161}\u{11AB}", 2),  // 한 as conjoining jamo
        ("あ", 2), ("カ", 2),
        ("e\u{0301}", 1), ("中\u{0301}", 2),
        ("😀", 2), ("\u{2764}\u{FE0F}", 2), ("👨\u{200D}👩\u{200D}👧", 2), ("🇨🇳", 2), ("👍🏽", 2),
        ("\u{2764}", 1),  // heavy heart without VS16: text presentation
        ("─", 1), ("α", 1), ("①", 1), ("…", 1),
        ("\u{00AD}", 1),  // soft hyphen is drawn
    ] as [(String, Int)])
    func characterWidth(_ text: String, _ expected: Int) {
        #expect(text.count == 1, "test data must be one grapheme: \(text.unicodeScalars.map { String($0.value, radix: 16) })")
        #expect(DisplayWidth.of(Character(text)) == expected)
    }

    @Test("lone combining mark scalar is zero wide")
    func loneCombiningMark() {
        #expect(DisplayWidth.of(Unicode.Scalar(0x0301)!) == 0)
        #expect(DisplayWidth.of(Character("\u{0301}")) == 0)
        #expect(DisplayWidth.of(Unicode.Scalar(0x200B)!) == 0)  // zero width space
        #expect(DisplayWidth.of(Unicode.Scalar(0x200D)!) == 0)  // ZWJ
        #expect(DisplayWidth.of(Unicode.Scalar(0x1161)!) == 0)  // Hangul medial vowel
    }

    @Test("control characters are zero wide", arguments: [0x00, 0x07, 0x08, 0x09, 0x0A, 0x0D, 0x1B, 0x1F, 0x7F, 0x85, 0x9B, 0x9F] as [UInt32])
    func controls(_ value: UInt32) {
        let scalar = Unicode.Scalar(value)!
        #expect(DisplayWidth.of(scalar) == 0)
        #expect(DisplayWidth.of(Character(scalar)) == 0)
    }

    @Test("East Asian ambiguous characters follow the policy", arguments: ["─", "│", "┌", "α", "Ω", "①", "→", "…", "°", "×", "А"])
    func ambiguous(_ text: String) {
        let c = Character(text)
        #expect(DisplayWidth.of(c) == 1)
        #expect(DisplayWidth.of(c, policy: .standard) == 1)
        #expect(DisplayWidth.of(c, policy: WidthPolicy(ambiguousIsWide: true)) == 2)
    }

    @Test("the wide policy leaves narrow and wide characters alone")
    func widePolicyLeavesOthers() {
        let wide = WidthPolicy(ambiguousIsWide: true)
        #expect(DisplayWidth.of(Character("a"), policy: wide) == 1)
        #expect(DisplayWidth.of(Character("中"), policy: wide) == 2)
        #expect(DisplayWidth.of(Character("e\u{0301}"), policy: wide) == 1)
        #expect(DisplayWidth.of(Character("\u{1B}"), policy: wide) == 0)
        #expect(DisplayWidth.of("┌─值班─┐", policy: wide) == 12)
        #expect(DisplayWidth.of("┌─值班─┐") == 8)
    }

    @Test("string widths", arguments: [
        ("", 0), ("hello", 5), ("值班室", 6), ("值班 duty", 9), ("Ａ1", 3),
        ("cafe\u{0301}", 4), ("😀 ok", 5), ("🇨🇳中国", 6), ("a\u{1B}b", 2), ("①②③", 3),
        ("张三（带班）", 12), ("한국어", 6), ("👨\u{200D}👩\u{200D}👧 家", 5),
    ] as [(String, Int)])
    func stringWidth(_ text: String, _ expected: Int) {
        #expect(DisplayWidth.of(text) == expected)
        #expect(text.displayWidth == expected)
        #expect(text[...].displayWidth == expected)  // Substring too
    }
}
