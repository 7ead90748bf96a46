import DutyModel
import Foundation
import XCTest
@testable import CAP

/// CAP files from legacy Chinese systems: declared GB18030, GBK or GB2312, read
/// as GB18030 (their superset) with the same limits; a declaration that lies or
/// bytes that are not what is declared are refused with the byte offset (#22).
final class CAPEncodingTests: XCTestCase {
    /// GB18030 bytes of the characters the tests use (checked against iconv below when it is installed).
    static let gb18030: [Character: [UInt8]] = [
        "暴": [0xB1, 0xA9], "雨": [0xD3, 0xEA], "泰": [0xCC, 0xA9], "州": [0xD6, 0xDD], "市": [0xCA, 0xD0],
        "气": [0xC6, 0xF8], "象": [0xCF, 0xF3], "台": [0xCC, 0xA8], "雷": [0xC0, 0xD7], "大": [0xB4, 0xF3],
        "风": [0xB7, 0xE7], "黄": [0xBB, 0xC6], "色": [0xC9, 0xAB], "预": [0xD4, 0xA4], "警": [0xBE, 0xAF],
        // Outside the BMP: one of GB18030's four-byte sequences.
        "😀": [0x94, 0x39, 0xFC, 0x36],
    ]

    /// `text` in GB18030 (ASCII as itself), from the table.
    static func encode(_ text: String) -> [UInt8] {
        var out: [UInt8] = []
        for c in text {
            if c.isASCII { out += Array(String(c).utf8); continue }
            guard let bytes = gb18030[c] else { fatalError("test table lacks \(c)") }
            out += bytes
        }
        return out
    }

    static let info = """
        <category>Met</category>
        <event>雷暴大风</event>
        <urgency>Expected</urgency>
        <severity>Moderate</severity>
        <certainty>Likely</certainty>
        <senderName>泰州市气象台</senderName>
        <headline>泰州市气象台雷暴大风黄色预警 😀</headline>
    """

    static func xml(declaring name: String) -> String {
        alertXML(info: info).replacingOccurrences(of: "encoding=\"UTF-8\"", with: "encoding=\"\(name)\"")
    }

    func testTheByteTableIsGB18030() throws {
        let iconv = URL(fileURLWithPath: "/usr/bin/iconv")
        guard FileManager.default.isExecutableFile(atPath: iconv.path) else { throw XCTSkip("no iconv to check the table against") }
        let text = String(Self.gb18030.keys.sorted())
        let process = Process()
        process.executableURL = iconv
        process.arguments = ["-f", "UTF-8", "-t", "GB18030"]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data(text.utf8))
        try input.fileHandleForWriting.close()
        let converted = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        XCTAssertEqual([UInt8](converted), Self.encode(text))
    }

    func testGB18030GBKAndGB2312DeclarationsAreRead() throws {
        for name in ["GB18030", "GBK", "GB2312", "gb2312", "EUC-CN", "CP936"] {
            let bytes = Self.encode(Self.xml(declaring: name))
            XCTAssertNotNil(XMLSafety.firstInvalidUTF8Offset(in: bytes), "the bytes are not UTF-8")
            let alert = try XCTUnwrap(readAlert(Data(bytes)), name)
            XCTAssertEqual(alert.infos.first?.event, "雷暴大风", name)
            XCTAssertEqual(alert.infos.first?.senderName, "泰州市气象台", name)
            XCTAssertEqual(alert.infos.first?.headline, "泰州市气象台雷暴大风黄色预警 😀", name)
        }
    }

    func testTheMessageSaysWhichEncodingWasRead() {
        XCTAssertEqual(CAPReader.encodingRead(Self.encode(Self.xml(declaring: "GB18030"))), "GB18030")
        XCTAssertEqual(CAPReader.encodingRead(Self.encode(Self.xml(declaring: "gb18030"))), "GB18030")
        XCTAssertEqual(CAPReader.encodingRead(Self.encode(Self.xml(declaring: "GBK"))), "GB18030 (declared GBK)")
        XCTAssertEqual(CAPReader.encodingRead(Self.encode(Self.xml(declaring: "GB2312"))), "GB18030 (declared GB2312)")
        XCTAssertEqual(CAPReader.encodingRead(Array(alertXML().utf8)), nil, "UTF-8, the norm, is not said")
        XCTAssertEqual(CAPReader.encodingRead(Array(alertXML().replacingOccurrences(of: "UTF-8", with: "ISO-8859-1").utf8)), "ISO-8859-1")
    }

    func testAGB18030WarningMapsLikeAUTF8One() throws {
        let bytes = Self.encode(Self.xml(declaring: "GBK"))
        let alert = try CAPReader().read(Data(bytes))
        guard case .warning(let w) = CAPMapping.warning(from: alert, bytes: bytes, rules: .standard) else { return XCTFail("not a warning") }
        XCTAssertEqual(w.type, "thunderstorm_gale", "雷暴大风 is its own signal, not 大风")
        XCTAssertEqual(w.color, .yellow)
        XCTAssertEqual(w.capXML, bytes, "the file is kept as received")
    }

    func testInvalidBytesAreRefusedWithTheirOffset() {
        let text = Self.xml(declaring: "GB18030")
        let marker = text.range(of: "<headline>")!.upperBound
        let head = Self.encode(String(text[..<marker]))
        let tail = Self.encode(String(text[marker...]))
        let line = head.filter { $0 == 0x0A }.count + 1
        for bad: [UInt8] in [[0x80], [0xFF], [0xB1, 0x20], [0x81, 0x30, 0x20, 0x30], [0x81, 0x30, 0x81]] {
            let found = problems(reading: Data(head + bad + tail))
            XCTAssertEqual(found.count, 1, "\(bad)")
            XCTAssertEqual(found.first?.message,
                           "invalid GB18030 at byte offset \(head.count) (read as GB18030): the file is not in the encoding it declares; fix the bytes or the declaration",
                           "\(bad)")
            XCTAssertEqual(found.first?.line, line)
        }
        // A lead byte at the very end has nothing to follow it.
        let cut = Self.encode(text) + [0xB1]
        XCTAssertEqual(XMLSafety.firstInvalidGB18030Offset(in: cut), cut.count - 1)
        XCTAssertNil(XMLSafety.firstInvalidGB18030Offset(in: Self.encode(text)))
    }

    func testADeclarationThatLiesIsRefusedNamingTheFirstNonASCIIByte() {
        // UTF-8 bytes declared GB2312: read as GB18030 they would be garbage.
        let text = Self.xml(declaring: "GB2312")
        let bytes = Array(text.utf8)
        let first = bytes.firstIndex { $0 >= 0x80 }!
        let found = problems(reading: Data(bytes))
        XCTAssertEqual(found.map(\.message), [
            "the file declares encoding GB2312 but its bytes are UTF-8 (the first non-ASCII byte, at byte offset \(first), starts a UTF-8 character): change the declaration to encoding=\"UTF-8\"",
        ])
        XCTAssertEqual(found.first?.line, bytes[..<first].filter { $0 == 0x0A }.count + 1)
    }

    func testUndeclaredGB18030IsRefusedWithAHint() {
        let bytes = Self.encode(Self.xml(declaring: "UTF-8"))
        let offset = XMLSafety.firstInvalidUTF8Offset(in: bytes)!
        let found = problems(reading: Data(bytes))
        XCTAssertEqual(found.first?.message,
                       "invalid UTF-8 at byte offset \(offset); save the file as UTF-8; the bytes read as GB18030: if that is what it is, declare it (<?xml version=\"1.0\" encoding=\"GB18030\"?>)")
    }

    func testTheSameSizeLimitHolds() {
        let bytes = Self.encode(Self.xml(declaring: "GB18030"))
        let found = problems(reading: Data(bytes), reader: CAPReader(maximumBytes: bytes.count - 1))
        XCTAssertTrue(found.first?.message.contains("CAP files are accepted up to") ?? false, "\(found)")
        XCTAssertNotNil(readAlert(Data(bytes), reader: CAPReader(maximumBytes: bytes.count)))
    }

    func testADTDInAGB18030FileIsStillRefused() {
        let text = Self.xml(declaring: "GB18030").replacingOccurrences(of: "?>\n", with: "?>\n<!DOCTYPE alert [<!ENTITY x \"y\">]>\n")
        let found = problems(reading: Data(Self.encode(text)))
        XCTAssertTrue(found.first?.message.hasPrefix("DOCTYPE declarations are not accepted") ?? false, "\(found)")
    }

    func testOtherEncodingsAreStillRefusedWithTheConversionCommand() {
        let found = problems(reading: alertXML().replacingOccurrences(of: "encoding=\"UTF-8\"", with: "encoding=\"Big5\""))
        XCTAssertEqual(found.count, 1)
        XCTAssertTrue(found.first?.message.contains("iconv -f Big5 -t UTF-8") ?? false, "\(found)")
        XCTAssertTrue(found.first?.message.contains("GB18030 (GBK, GB2312)") ?? false, "\(found)")
    }
}
