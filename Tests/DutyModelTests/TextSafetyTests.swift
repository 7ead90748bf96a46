import SafeText
import Testing
@testable import DutyModel

@Suite struct TextSafetyTests {
    @Test func removesWholeEscapeSequencesC0C1DelAndBidiKeepsChinese() {
        // One sanitizer (issue 14): whole sequences go, not only their introducers.
        #expect(TextSafety.printable("泰州\u{1B}[31m\u{9B}2J\u{7F}\u{202E}站") == "泰州站")
        #expect(TextSafety.printable("a\u{1B}]0;title\u{07}b\tc\nd") == "ab c d")
        #expect(TextSafety.printableLines("一\r\n二\r三\u{1B}[2J") == "一\n二\n三")
        #expect(TextSafety.printable("靖江市应急管理局 A") == "靖江市应急管理局 A")
    }

    @Test func hexRoundTrips() {
        #expect([0x00, 0xAB, 0xFF].hex == "00abff")
        #expect([UInt8](hex: "00abff") == [0x00, 0xAB, 0xFF])
        #expect([UInt8](hex: "0g") == nil)
    }
}
