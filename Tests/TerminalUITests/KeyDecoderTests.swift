import Testing
import TerminalUI

@Suite("KeyDecoder")
struct KeyDecoderTests {
    @Test("special characters", arguments: [
        (0x0D, Key.enter), (0x0A, .enter), (0x09, .tab), (0x7F, .backspace), (0x08, .backspace), (0x1B, .escape),
    ] as [(UInt32, Key)])
    func specials(_ value: UInt32, _ key: Key) {
        #expect(KeyDecoder.character(value) == key)
    }

    @Test("Ctrl plus a letter", arguments: Array(1...26) as [UInt32])
    func ctrlLetters(_ value: UInt32) {
        let letter = Character(Unicode.Scalar(value + 0x60)!)
        let expected: Key
        switch value {
        case 0x08: expected = .backspace  // Ctrl-H
        case 0x09: expected = .tab        // Ctrl-I
        case 0x0A, 0x0D: expected = .enter  // Ctrl-J, Ctrl-M
        default: expected = .ctrl(letter)
        }
        #expect(KeyDecoder.character(value) == expected)
    }

    @Test("Ctrl-A and Ctrl-Z exactly")
    func ctrlEnds() {
        #expect(KeyDecoder.character(0x01) == .ctrl("a"))
        #expect(KeyDecoder.character(0x03) == .ctrl("c"))
        #expect(KeyDecoder.character(0x15) == .ctrl("u"))
        #expect(KeyDecoder.character(0x1A) == .ctrl("z"))
        #expect(Key.ctrl("u").description == "Ctrl-U")
    }

    @Test("printable characters", arguments: [
        (0x20, " "), (0x61, "a"), (0x41, "A"), (0x3F, "?"), (0x2F, "/"), (0x3A, ":"), (0x7E, "~"),
        (0x4E2D, "中"), (0x503C, "值"), (0xFF01, "！"), (0xD55C, "한"), (0x1F600, "😀"), (0xA0, "\u{A0}"), (0xE9, "é"),
    ] as [(UInt32, String)])
    func printable(_ value: UInt32, _ text: String) {
        #expect(KeyDecoder.character(value) == .char(Character(text)))
    }

    @Test("no key for NUL, other C0 and C1 controls, and invalid scalars",
          arguments: [0x00, 0x1C, 0x1D, 0x1E, 0x1F, 0x80, 0x85, 0x9B, 0x9F, 0xD800, 0xDFFF, 0x110000] as [UInt32])
    func noKey(_ value: UInt32) {
        #expect(KeyDecoder.character(value) == nil)
    }

    @Test("function keys F1–F12", arguments: Array(1...12))
    func functionKeys(_ n: Int) {
        #expect(KeyDecoder.functionKey(0o410 + Int32(n)) == .function(n))
        #expect(Key.function(n).description == "F\(n)")
    }

    @Test("named keys", arguments: [
        (0o402, Key.down), (0o403, .up), (0o404, .left), (0o405, .right),
        (0o406, .home), (0o550, .end), (0o523, .pageUp), (0o522, .pageDown),
        (0o512, .delete), (0o513, .insert), (0o541, .backTab), (0o407, .backspace), (0o527, .enter),
    ] as [(Int32, Key)])
    func namedKeys(_ code: Int32, _ key: Key) {
        #expect(KeyDecoder.functionKey(code) == key)
    }

    @Test("unknown codes and resize give no key", arguments: [0, 0o401, 0o410, 0o632, 0o777, 0o1000, -1] as [Int32])
    func unknownCodes(_ code: Int32) {
        #expect(KeyDecoder.functionKey(code) == nil)
    }

    @Test("descriptions")
    func descriptions() {
        #expect(KeyPress(.char("q")).description == "q")
        #expect(KeyPress(.char("x"), alt: true).description == "Alt-x")
        #expect(KeyPress(.backTab).description == "Shift-Tab")
        #expect(KeyPress(.pageDown).description == "PgDn")
        #expect(KeyPress(.escape).description == "Esc")
    }
}
