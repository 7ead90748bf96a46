import Testing
@testable import DutyModel

@Suite struct TextSafetyTests {
    @Test func removesC0C1DelAndBidiKeepsChinese() {
        #expect(TextSafety.printable("泰州\u{1B}[31m\u{9B}2J\u{7F}\u{202E}站") == "泰州[31m2J站")
        #expect(TextSafety.printable("靖江市应急管理局 A") == "靖江市应急管理局 A")
    }

    @Test func hexRoundTrips() {
        #expect([0x00, 0xAB, 0xFF].hex == "00abff")
        #expect([UInt8](hex: "00abff") == [0x00, 0xAB, 0xFF])
        #expect([UInt8](hex: "0g") == nil)
    }
}
