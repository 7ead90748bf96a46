import Foundation
import XCTest
@testable import CAP

/// Files a sender (or an attacker) might drop into the inbox: each is refused or read
/// safely, quickly, without the reader touching any other file or the network.
final class CAPHostileInputTests: XCTestCase {
    private let reader = CAPReader()
    private let ns = CAPFixtures.namespace12

    private var temporaryFolder: URL!

    override func setUpWithError() throws {
        temporaryFolder = FileManager.default.temporaryDirectory
            .appendingPathComponent("cap-hostile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: temporaryFolder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: temporaryFolder)
    }

    /// A file whose content must never show up in anything read.
    private func secretFile() throws -> (url: URL, marker: String) {
        let marker = "SECRET-\(UUID().uuidString)"
        let url = temporaryFolder.appendingPathComponent("secret.txt")
        try Data(marker.utf8).write(to: url)
        return (url, marker)
    }

    private func assertDTDRefused(_ problems: [CAPProblem], offset: Int? = nil,
                                  file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(problems.count, 1, "\(problems)", file: file, line: line)
        let message = problems.first?.message ?? ""
        XCTAssertTrue(message.hasPrefix("DOCTYPE declarations are not accepted in CAP files (byte offset"), message, file: file, line: line)
        XCTAssertTrue(message.hasSuffix("remove the DTD"), message, file: file, line: line)
        if let offset {
            XCTAssertTrue(message.contains("(byte offset \(offset))"), message, file: file, line: line)
        }
    }

    // MARK: DTDs and entities

    func testExternalEntityToEtcPasswdIsRefused() {
        let xml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <!DOCTYPE alert [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
        <alert xmlns="\(ns)"><identifier>&xxe;</identifier></alert>
        """
        let found = assertQuick { problems(reading: xml) }
        assertDTDRefused(found, offset: 39)
        XCTAssertEqual(found.first?.line, 2)
        XCTAssertFalse(found.description.contains("root:"), "nothing of /etc/passwd in the message")
    }

    func testExternalEntityToLocalHTTPServerIsRefusedWithoutConnecting() {
        let xml = """
        <?xml version="1.0"?>
        <!DOCTYPE alert [<!ENTITY xxe SYSTEM "http://127.0.0.1:9/x">]>
        <alert xmlns="\(ns)"><identifier>&xxe;</identifier></alert>
        """
        assertDTDRefused(assertQuick(within: 1) { problems(reading: xml) })
    }

    func testParameterEntityIsRefused() throws {
        let secret = try secretFile()
        let xml = """
        <?xml version="1.0"?>
        <!DOCTYPE alert [<!ENTITY % remote SYSTEM "\(secret.url.absoluteString)"> %remote;]>
        <alert xmlns="\(ns)"/>
        """
        let found = assertQuick { problems(reading: xml) }
        assertDTDRefused(found)
        XCTAssertFalse(found.description.contains(secret.marker))
    }

    func testBillionLaughsIsRefusedAtOnce() {
        var xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n<!ENTITY lol \"lol\">\n"
        for level in 1...9 {
            let previous = level == 1 ? "lol" : "lol\(level - 1)"
            xml += "<!ENTITY lol\(level) \"" + String(repeating: "&\(previous);", count: 10) + "\">\n"
        }
        xml += "]>\n<alert xmlns=\"\(ns)\"><identifier>&lol9;</identifier></alert>"
        assertDTDRefused(assertQuick(within: 1) { problems(reading: xml) }, offset: 22)
    }

    func testEntityDeclarationWithoutDoctypeIsRefused() {
        let xml = "<alert xmlns=\"\(ns)\"><!-- <!ENTITY x \"y\"> --></alert>"
        let found = problems(reading: xml)
        XCTAssertEqual(found.first?.message.hasPrefix("ENTITY declarations are not accepted"), true, "\(found)")
    }

    /// Found by the CAP fuzzer (#18): Foundation's XMLParser crashed on a processing
    /// instruction with no data. Refused before the parser sees it; one with data is read.
    func testAProcessingInstructionWithoutDataIsRefusedNotACrash() {
        for xml in ["<?xm?>\n<alert xmlns=\"\(ns)\"></alert>", "<alert xmlns=\"\(ns)\"><?x?></alert>",
                    "<?xml version=\"1.0\"?>\n<alert xmlns=\"\(ns)\"><!-- <?a?> --></alert>"] {
            let found = problems(reading: xml)
            XCTAssertEqual(found.count, 1, "\(found)")
            XCTAssertEqual(found.first?.message.hasPrefix("a processing instruction without data at byte offset"), true, "\(found)")
        }
        let withData = problems(reading: "<?xml-stylesheet href=\"cap.xsl\" type=\"text/xsl\"?>\n<alert xmlns=\"\(ns)\"></alert>")
        XCTAssertFalse(withData.contains { $0.message.contains("processing instruction") }, "\(withData)")
    }

    /// The second fence: even if the DTD check were bypassed, the parser is told not to
    /// resolve external entities, and it does not read the file.
    func testParserDoesNotResolveExternalEntitiesEvenWithoutTheDTDCheck() throws {
        let secret = try secretFile()
        let xml = """
        <?xml version="1.0"?>
        <!DOCTYPE alert [<!ENTITY xxe SYSTEM "\(secret.url.absoluteString)">]>
        <alert xmlns="\(ns)"><identifier>&xxe;</identifier></alert>
        """
        let prepared = PreparedXML(utf8: Data(xml.utf8), forbiddenControlCharacter: nil, lastContentLine: 3)
        let tree = CAPTreeBuilder.build(from: prepared, maximumDepth: 32)
        let identifier = tree.root?.children.first { $0.name == "identifier" }
        XCTAssertNotNil(identifier, "the document itself was read")
        XCTAssertFalse(identifier?.text.contains(secret.marker) ?? false)
        XCTAssertFalse(tree.problems.description.contains(secret.marker))
    }

    #if canImport(Glibc)
    /// The second fence for the network: with the DTD check bypassed, an external entity
    /// pointing at a port this test listens on causes no connection.
    func testParserDoesNotConnectForExternalEntitiesEvenWithoutTheDTDCheck() throws {
        let listener = try XCTUnwrap(LoopbackListener())
        let xml = """
        <?xml version="1.0"?>
        <!DOCTYPE alert [<!ENTITY xxe SYSTEM "http://127.0.0.1:\(listener.port)/x">]>
        <alert xmlns="\(ns)"><identifier>&xxe;</identifier></alert>
        """
        let prepared = PreparedXML(utf8: Data(xml.utf8), forbiddenControlCharacter: nil, lastContentLine: 3)
        let tree = assertQuick { CAPTreeBuilder.build(from: prepared, maximumDepth: 32) }
        XCTAssertNotNil(tree.root)
        XCTAssertFalse(listener.someoneConnected, "the parser connected to \(listener.port)")
    }
    #endif

    func testXIncludeIsRefused() throws {
        let secret = try secretFile()
        let xml = """
        <alert xmlns="\(ns)" xmlns:xi="http://www.w3.org/2001/XInclude">
          <identifier><xi:include href="\(secret.url.absoluteString)" parse="text"/></identifier>
        </alert>
        """
        let found = problems(reading: xml)
        XCTAssertEqual(found.count, 1)
        XCTAssertEqual(found.first?.element, "alert/identifier/xi:include")
        XCTAssertEqual(found.first?.line, 2)
        XCTAssertTrue(found.first?.message.contains("XInclude is not accepted") ?? false, "\(found)")
        XCTAssertFalse(found.description.contains(secret.marker))
    }

    // MARK: Size and depth

    func testFiftyMegabyteFileIsRefusedBySizeWithoutReadingIt() throws {
        let url = temporaryFolder.appendingPathComponent("huge.xml")
        var content = Data("<?xml version=\"1.0\"?>\n<alert xmlns=\"\(ns)\">".utf8)
        content.append(Data(repeating: UInt8(ascii: " "), count: 50 * 1_048_576 - content.count))
        try content.write(to: url)
        let start = Date()
        XCTAssertThrowsError(try reader.read(contentsOf: url)) { error in
            let message = (error as? CAPError)?.description ?? ""
            XCTAssertTrue(message.contains("52,428,800 bytes (50.0 MB)"), message)
            XCTAssertTrue(message.contains("up to 1,048,576 bytes (1.0 MB)"), message)
        }
        XCTAssertLessThan(Date().timeIntervalSince(start), 0.5, "refused from its size, not after reading 50 MB")
    }

    func testOversizedBytesAreRefused() {
        let found = problems(reading: Data(alertXML().utf8), reader: CAPReader(maximumBytes: 100))
        XCTAssertTrue(found.first?.message.contains("up to 100 bytes") ?? false, "\(found)")
    }

    func testSymbolicLinkIsFollowedAndItsTargetChecked() throws {
        let target = temporaryFolder.appendingPathComponent("target.xml")
        try Data(alertXML().utf8).write(to: target)
        let link = temporaryFolder.appendingPathComponent("link.xml")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: target)
        XCTAssertEqual(try reader.read(contentsOf: link).identifier, "TZ-TEST-1")
        let deviceLink = temporaryFolder.appendingPathComponent("zero.xml")
        try FileManager.default.createSymbolicLink(at: deviceLink, withDestinationURL: URL(fileURLWithPath: "/dev/zero"))
        XCTAssertThrowsError(try assertQuick { try reader.read(contentsOf: deviceLink) }) { error in
            XCTAssertTrue("\(error)".contains("is not a regular file"), "\(error)")
        }
    }

    func testDirectoryAndMissingFileAreRefused() {
        XCTAssertThrowsError(try reader.read(contentsOf: temporaryFolder)) { error in
            XCTAssertTrue("\(error)".contains("is not a regular file"), "\(error)")
        }
        XCTAssertThrowsError(try reader.read(contentsOf: temporaryFolder.appendingPathComponent("none.xml"))) { error in
            XCTAssertTrue("\(error)".contains("cannot read"), "\(error)")
        }
    }

    func testTenThousandDeepNestingStopsQuickly() {
        let xml = "<?xml version=\"1.0\"?>\n<alert xmlns=\"\(ns)\">\n" + String(repeating: "<a>", count: 10_000)
            + String(repeating: "</a>", count: 10_000) + "</alert>"
        let found = assertQuick(within: 1) { problems(reading: xml) }
        XCTAssertEqual(found.count, 1)
        XCTAssertTrue(found.first?.message.contains("nested more than 32 deep") ?? false, "\(found)")
        XCTAssertEqual(found.first?.line, 3)
        XCTAssertEqual(found.first?.element.hasPrefix("alert/a/a/…/a"), true, "\(found)")
    }

    // MARK: Encodings

    func testInvalidUTF8NamesTheByteOffset() {
        var data = Data("<alert xmlns=\"\(ns)\">\n<identifier>M".utf8)
        let offset = data.count
        data.append(0xFC)  // Latin-1 ü in a file that says nothing, so UTF-8
        data.append(Data("ller</identifier></alert>".utf8))
        let found = problems(reading: data)
        XCTAssertEqual(found.map(\.message), ["invalid UTF-8 at byte offset \(offset); save the file as UTF-8"])
        XCTAssertEqual(found.first?.line, 2)
    }

    func testOverlongAndSurrogateUTF8AreInvalid() {
        XCTAssertEqual(XMLSafety.firstInvalidUTF8Offset(in: [0x41, 0xC0, 0x80]), 1)
        XCTAssertEqual(XMLSafety.firstInvalidUTF8Offset(in: [0x41, 0x42, 0xED, 0xA0, 0x80]), 2)
        XCTAssertEqual(XMLSafety.firstInvalidUTF8Offset(in: [0xE4, 0xB8]), 0, "truncated sequence")
        XCTAssertNil(XMLSafety.firstInvalidUTF8Offset(in: Array("台州 ü 😀".utf8)))
    }

    func testLatin1DeclaredFileIsTranscoded() {
        let info = """
            <category>Met</category>
            <event>Heavy rain</event>
            <urgency>Expected</urgency>
            <severity>Moderate</severity>
            <certainty>Likely</certainty>
            <senderName>M#ller</senderName>
        """
        let xml = alertXML(info: info).replacingOccurrences(of: "encoding=\"UTF-8\"", with: "encoding=\"ISO-8859-1\"")
        // "#" stands for the one non-ASCII byte: ü in ISO-8859-1 is 0xFC (invalid as UTF-8).
        let latin1 = Data(xml.utf8.map { $0 == UInt8(ascii: "#") ? 0xFC : $0 })
        XCTAssertNotNil(XMLSafety.firstInvalidUTF8Offset(in: [UInt8](latin1)), "the bytes are not UTF-8")
        let alert = readAlert(latin1)
        XCTAssertEqual(alert?.infos.first?.senderName, "Müller")
        XCTAssertEqual(alert?.infos.first?.event, "Heavy rain")
    }

    func testAnEncodingNotReadIsRefusedWithTheConversionCommand() {
        // GB18030, GBK and GB2312 are read now (CAPEncodingTests); Shift_JIS is not.
        let xml = alertXML().replacingOccurrences(of: "encoding=\"UTF-8\"", with: "encoding=\"Shift_JIS\"")
        let found = problems(reading: xml)
        XCTAssertEqual(found.count, 1)
        XCTAssertTrue(found.first?.message.contains("declares encoding Shift_JIS") ?? false, "\(found)")
        XCTAssertTrue(found.first?.message.contains("iconv -f Shift_JIS -t UTF-8") ?? false, "\(found)")
    }

    func testUTF16FilesAreRefused() {
        var withBOM = Data([0xFF, 0xFE])
        withBOM.append(alertXML().data(using: .utf16LittleEndian) ?? Data())
        XCTAssertTrue(problems(reading: withBOM).first?.message.contains("UTF-16") ?? false)
        let withoutBOM = alertXML().data(using: .utf16BigEndian) ?? Data()
        XCTAssertTrue(problems(reading: withoutBOM).first?.message.hasPrefix("NUL byte at byte offset 0") ?? false)
    }

    func testUTF8ByteOrderMarkIsAccepted() {
        var data = Data([0xEF, 0xBB, 0xBF])
        data.append(Data(alertXML().utf8))
        XCTAssertEqual(readAlert(data)?.identifier, "TZ-TEST-1")
    }

    // MARK: Namespace

    func testMissingNamespaceIsRefused() {
        let found = problems(reading: alertXML(namespace: ""))
        XCTAssertEqual(found.count, 1)
        XCTAssertEqual(found.first?.element, "alert")
        XCTAssertTrue(found.first?.message.contains("<alert> has no namespace") ?? false, "\(found)")
    }

    func testWrongNamespaceIsRefusedNamingIt() {
        let found = problems(reading: alertXML(namespace: "http://www.incident.com/cap/1.0"))
        XCTAssertEqual(found.count, 1)
        XCTAssertEqual(found.first?.element, "alert")
        XCTAssertTrue(found.first?.message.contains("\"http://www.incident.com/cap/1.0\"") ?? false, "\(found)")
    }

    func testOtherRootElementIsRefused() {
        let found = problems(reading: "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry/></feed>")
        XCTAssertEqual(found.first?.element, "feed")
        XCTAssertTrue(found.first?.message.contains("not <alert>") ?? false, "\(found)")
    }

    func testSignatureInAnotherNamespaceIsSkipped() {
        let signature = """
          <ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#">
            <ds:SignedInfo><ds:Reference URI=""><ds:DigestValue>abc=</ds:DigestValue></ds:Reference></ds:SignedInfo>
            <identifier>not CAP</identifier>
          </ds:Signature>

        """
        let alert = readAlert(alertXML(alertExtra: signature))
        XCTAssertEqual(alert?.identifier, "TZ-TEST-1")
        XCTAssertEqual(alert?.infos.count, 1)
    }

    // MARK: Terminal control characters

    func testRawEscapeInHeadlineIsRefusedNamingElementAndLine() {
        let xml = alertXML(info: defaultInfo + "\n    <headline>\u{1B}[2J\u{1B}]0;pwned\u{07}红色预警</headline>")
        let found = problems(reading: xml)
        XCTAssertEqual(found.count, 1)
        XCTAssertEqual(found.first?.element, "alert/info[1]/headline")
        XCTAssertEqual(found.first?.line, 15)
        XCTAssertTrue(found.first?.message.hasPrefix("control character U+001B at byte offset") ?? false, "\(found)")
        let messages = found.map(\.description).joined()
        XCTAssertFalse(messages.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) },
                       "no control character in messages")
    }

    func testEscapeCharacterReferenceInHeadlineIsRefused() {
        let xml = alertXML(info: defaultInfo + "\n    <headline>&#x1B;[31m红色预警</headline>")
        let found = problems(reading: xml)
        XCTAssertEqual(found.count, 1)
        XCTAssertEqual(found.first?.element, "alert/info[1]/headline")
        XCTAssertEqual(found.first?.line, 15)
        XCTAssertTrue(found.first?.message.contains("control characters such as ESC are forbidden") ?? false, "\(found)")
    }

    /// C1 controls (U+0080–U+009F) are legal XML 1.0: they are read and kept; the console strips them on display.
    func testC1ControlCharactersAreKeptAsRead() {
        let xml = alertXML(info: defaultInfo + "\n    <headline>\u{9B}31m红色预警&#x9B;0m\u{85}</headline>")
        let headline = readAlert(xml)?.infos.first?.headline
        XCTAssertEqual(headline, "\u{9B}31m红色预警\u{9B}0m\u{85}")
    }

    func testProblemMessagesQuoteOutsideTextWithoutControlCharacters() {
        let found = problems(reading: alertXML(info: defaultInfo.replacingOccurrences(
            of: "<urgency>Expected</urgency>", with: "<urgency>\u{9B}2JSoon</urgency>")))
        XCTAssertEqual(found.first?.message.hasPrefix("\"\\u{9B}2JSoon\" is not one of"), true, "\(found)")
    }

    // MARK: Not CAP at all

    func testEmptyFileIsRefused() {
        XCTAssertEqual(problems(reading: Data()).map(\.message), ["the file is empty: a CAP file is an XML <alert> document"])
        XCTAssertTrue(problems(reading: " \n\t\n").first?.message.contains("only whitespace") ?? false)
    }

    func testTextThatIsNotXMLIsRefused() {
        let found = problems(reading: "值班记录：今天无事。\nhello, world")
        XCTAssertEqual(found.count, 1)
        XCTAssertTrue(found.first?.message.hasPrefix("this is not an XML file") ?? false, "\(found)")
    }

    func testTruncatedFileIsRefusedWithItsLine() {
        let full = alertXML()
        let truncated = String(full.prefix(full.count - 30))
        let lastLine = truncated.components(separatedBy: "\n").count
        for trailing in ["", "\n", "\n  \n"] {
            let found = problems(reading: truncated + trailing)
            XCTAssertEqual(found.count, 1, "\(found)")
            XCTAssertGreaterThanOrEqual(found.first?.line ?? 0, lastLine)
            XCTAssertEqual(found.first?.element, "alert/info[1]/certainty")
            XCTAssertEqual(found.first?.message, "the file ends before <certainty> is closed: is it truncated?")
        }
    }

    func testMismatchedTagIsASyntaxErrorWithLineAndElement() {
        let found = problems(reading: alertXML(info: defaultInfo + "\n    <headline>x</headlin>"))
        XCTAssertEqual(found.count, 1, "\(found)")
        XCTAssertEqual(found.first?.line, 15)
        XCTAssertEqual(found.first?.element, "alert/info[1]/headline")
        XCTAssertTrue(found.first?.message.hasPrefix("XML syntax error") ?? false, "\(found)")
    }

    func testUndeclaredEntityIsRefused() {
        let found = problems(reading: alertXML(info: defaultInfo + "\n    <headline>a&nbsp;b</headline>"))
        XCTAssertEqual(found.count, 1, "\(found)")
        XCTAssertEqual(found.first?.line, 15)
        XCTAssertTrue(found.first?.message.contains("undeclared entity") ?? false, "\(found)")
    }
}
