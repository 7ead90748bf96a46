import Foundation
import XCTest
@testable import CAP

/// What CAP 1.2 §3.2 requires, each rule broken on its own, and several at once.
final class CAPValidationTests: XCTestCase {
    /// A valid alert using every element, one element per line. `required` names the
    /// path of the element a line holds when CAP requires that element.
    private static let completeAlert: [(required: String?, xml: String)] = [
        (nil, #"<?xml version="1.0" encoding="UTF-8"?>"#),
        (nil, #"<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">"#),
        ("alert/identifier", "  <identifier>TZ-2024-0725-001</identifier>"),
        ("alert/sender", "  <sender>yjj@zjtz.gov.cn</sender>"),
        ("alert/sent", "  <sent>2024-07-25T09:30:00+08:00</sent>"),
        ("alert/status", "  <status>Actual</status>"),
        ("alert/msgType", "  <msgType>Alert</msgType>"),
        (nil, "  <source>台州市应急管理局值班室</source>"),
        ("alert/scope", "  <scope>Public</scope>"),
        (nil, "  <code>ZJ-EM</code>"),
        (nil, "  <note>演练后转为正式</note>"),
        (nil, "  <incidents>TZ-20240725-003</incidents>"),
        (nil, "  <info>"),
        (nil, "    <language>zh-CN</language>"),
        ("alert/info[1]/category", "    <category>Met</category>"),
        ("alert/info[1]/event", "    <event>暴雨</event>"),
        (nil, "    <responseType>Prepare</responseType>"),
        ("alert/info[1]/urgency", "    <urgency>Expected</urgency>"),
        ("alert/info[1]/severity", "    <severity>Severe</severity>"),
        ("alert/info[1]/certainty", "    <certainty>Likely</certainty>"),
        (nil, "    <audience>沿海乡镇</audience>"),
        (nil, "    <eventCode>"),
        ("alert/info[1]/eventCode[1]/valueName", "      <valueName>GB/T 35965.1</valueName>"),
        ("alert/info[1]/eventCode[1]/value", "      <value>11B03</value>"),
        (nil, "    </eventCode>"),
        (nil, "    <effective>2024-07-25T09:30:00+08:00</effective>"),
        (nil, "    <onset>2024-07-25T12:00:00+08:00</onset>"),
        (nil, "    <expires>2024-07-26T09:30:00+08:00</expires>"),
        (nil, "    <senderName>台州市气象台</senderName>"),
        (nil, "    <headline>暴雨橙色预警</headline>"),
        (nil, "    <description>3小时内降雨量将达50毫米以上。</description>"),
        (nil, "    <instruction>注意防范山洪和地质灾害。</instruction>"),
        (nil, "    <web>http://tz.zjmb.gov.cn/</web>"),
        (nil, "    <contact>0576-88512345</contact>"),
        (nil, "    <parameter>"),
        ("alert/info[1]/parameter[1]/valueName", "      <valueName>预警级别</valueName>"),
        ("alert/info[1]/parameter[1]/value", "      <value>橙色</value>"),
        (nil, "    </parameter>"),
        (nil, "    <resource>"),
        ("alert/info[1]/resource[1]/resourceDesc", "      <resourceDesc>预警图标</resourceDesc>"),
        ("alert/info[1]/resource[1]/mimeType", "      <mimeType>image/png</mimeType>"),
        (nil, "      <size>2048</size>"),
        (nil, "      <uri>http://tz.zjmb.gov.cn/icons/11B03.png</uri>"),
        (nil, "      <derefUri>iVBORw0KGgo=</derefUri>"),
        (nil, "      <digest>3f786850e387550fdab836ed7e6dc881de23001b</digest>"),
        (nil, "    </resource>"),
        (nil, "    <area>"),
        ("alert/info[1]/area[1]/areaDesc", "      <areaDesc>椒江区</areaDesc>"),
        (nil, "      <polygon>28.70,121.40 28.70,121.70 28.10,121.70 28.10,121.40 28.70,121.40</polygon>"),
        (nil, "      <circle>28.4,121.6 50</circle>"),
        (nil, "      <geocode>"),
        ("alert/info[1]/area[1]/geocode[1]/valueName", "        <valueName>GB/T 2260</valueName>"),
        ("alert/info[1]/area[1]/geocode[1]/value", "        <value>331002</value>"),
        (nil, "      </geocode>"),
        (nil, "      <altitude>0</altitude>"),
        (nil, "      <ceiling>3000.5</ceiling>"),
        (nil, "    </area>"),
        (nil, "  </info>"),
        (nil, "</alert>"),
    ]

    private static var completeXML: String { completeAlert.map(\.xml).joined(separator: "\n") }

    private func completeXML(replacing old: String, with new: String,
                             file: StaticString = #filePath, line: UInt = #line) -> String {
        XCTAssertTrue(Self.completeXML.contains(old), "the template holds \(old)", file: file, line: line)
        return Self.completeXML.replacingOccurrences(of: old, with: new)
    }

    func testCompleteAlertReadsEveryElement() throws {
        let alert = try XCTUnwrap(readAlert(Self.completeXML))
        XCTAssertEqual(alert.codes, ["ZJ-EM"])
        XCTAssertEqual(alert.note, "演练后转为正式")
        XCTAssertEqual(alert.incidents, "TZ-20240725-003")
        let info = try XCTUnwrap(alert.infos.first)
        XCTAssertEqual(info.audience, "沿海乡镇")
        XCTAssertEqual(info.web, "http://tz.zjmb.gov.cn/")
        XCTAssertEqual(info.resources.first, CAPResource(resourceDesc: "预警图标", mimeType: "image/png", size: 2048,
                                                          uri: "http://tz.zjmb.gov.cn/icons/11B03.png",
                                                          derefUri: "iVBORw0KGgo=",
                                                          digest: "3f786850e387550fdab836ed7e6dc881de23001b"))
        XCTAssertEqual(info.areas.first?.altitude, "0")
        XCTAssertEqual(info.areas.first?.ceiling, "3000.5")
        let reread = readAlert(CAPWriter.write(alert))
        XCTAssertEqual(reread, alert)
    }

    // MARK: Required elements

    func testEveryMissingRequiredElementIsNamed() {
        let requiredLines = Self.completeAlert.enumerated().compactMap { index, line in line.required.map { (index, $0) } }
        XCTAssertEqual(requiredLines.count, 20)
        for (index, path) in requiredLines {
            var lines = Self.completeAlert.map(\.xml)
            lines.remove(at: index)
            let found = problems(reading: lines.joined(separator: "\n"))
            XCTAssertEqual(found.map(\.element), [path], "removing line \(index + 1): \(found)")
            let name = path.split(separator: "/").last.map(String.init) ?? ""
            XCTAssertTrue(found.first?.message.hasPrefix("required element <\(name)> is missing") ?? false, "\(found)")
        }
    }

    func testEmptyRequiredTextIsAProblem() {
        let found = problems(reading: completeXML(replacing: "<event>暴雨</event>", with: "<event>  </event>"))
        XCTAssertEqual(found.map(\.element), ["alert/info[1]/event"])
        XCTAssertEqual(found.first?.message, "<event> is empty; it is required")
    }

    // MARK: Value sets

    func testEveryValueSetViolationNamesElementAndAllowedValues() {
        let cases: [(element: String, written: String, path: String, allowed: [String])] = [
            ("status", "Actual", "alert/status", CAPStatus.allCases.map(\.rawValue)),
            ("msgType", "Alert", "alert/msgType", CAPMsgType.allCases.map(\.rawValue)),
            ("scope", "Public", "alert/scope", CAPScope.allCases.map(\.rawValue)),
            ("category", "Met", "alert/info[1]/category[1]", CAPCategory.allCases.map(\.rawValue)),
            ("responseType", "Prepare", "alert/info[1]/responseType[1]", CAPResponseType.allCases.map(\.rawValue)),
            ("urgency", "Expected", "alert/info[1]/urgency", CAPUrgency.allCases.map(\.rawValue)),
            ("severity", "Severe", "alert/info[1]/severity", CAPSeverity.allCases.map(\.rawValue)),
            ("certainty", "Likely", "alert/info[1]/certainty", CAPCertainty.allCases.map(\.rawValue)),
        ]
        for entry in cases {
            let xml = completeXML(replacing: "<\(entry.element)>\(entry.written)</\(entry.element)>",
                                  with: "<\(entry.element)>Bogus</\(entry.element)>")
            let found = problems(reading: xml)
            XCTAssertEqual(found.map(\.element), [entry.path], "\(found)")
            let message = found.first?.message ?? ""
            XCTAssertEqual(message, "\"Bogus\" is not one of " + entry.allowed.joined(separator: ", "))
        }
    }

    func testValueSetsAreCaseSensitiveAndSaySo() {
        let found = problems(reading: completeXML(replacing: "<urgency>Expected</urgency>", with: "<urgency>expected</urgency>"))
        XCTAssertEqual(found.first?.message.hasSuffix("(values are case-sensitive: write Expected)"), true, "\(found)")
    }

    func testVeryLikelyIsReadAsLikely() {
        let alert = readAlert(completeXML(replacing: "<certainty>Likely</certainty>", with: "<certainty>Very Likely</certainty>"))
        XCTAssertEqual(alert?.infos.first?.certainty, .likely)
    }

    // MARK: Alert rules

    func testIdentifierAndSenderMustNotContainSpacesCommasOrRestrictedCharacters() {
        for (bad, found) in [("TZ 1", "a space"), ("TZ,1", "a comma"), ("TZ&amp;1", "&"), ("TZ&lt;1", "<")] {
            let problemsFound = problems(reading: completeXML(replacing: "<identifier>TZ-2024-0725-001</identifier>",
                                                              with: "<identifier>\(bad)</identifier>"))
            XCTAssertEqual(problemsFound.map(\.element), ["alert/identifier"])
            XCTAssertTrue(problemsFound.first?.message.contains("contains \(found);") ?? false, "\(problemsFound)")
        }
        let sender = problems(reading: completeXML(replacing: "<sender>yjj@zjtz.gov.cn</sender>", with: "<sender>yjj, tz</sender>"))
        XCTAssertEqual(sender.map(\.element), ["alert/sender"])
    }

    func testDuplicateSingleElementIsNamed() {
        let found = problems(reading: completeXML(replacing: "  <identifier>TZ-2024-0725-001</identifier>",
                                                  with: "  <identifier>A</identifier>\n  <identifier>B</identifier>"))
        XCTAssertEqual(found.map(\.element), ["alert/identifier"])
        XCTAssertEqual(found.first?.message, "<identifier> appears 2 times (lines 3, 4); CAP allows one")
        XCTAssertEqual(found.first?.line, 4)
    }

    func testUnknownElementIsNamed() {
        let found = problems(reading: completeXML(replacing: "    <audience>沿海乡镇</audience>",
                                                  with: "    <audience>沿海乡镇</audience>\n    <colour>orange</colour>"))
        XCTAssertEqual(found.map(\.element), ["alert/info[1]/colour"])
        XCTAssertTrue(found.first?.message.hasPrefix("<colour> is not a CAP 1.2 element inside <info>") ?? false, "\(found)")
    }

    func testElementInsideTextElementIsAProblem() {
        let found = problems(reading: completeXML(replacing: "<headline>暴雨橙色预警</headline>",
                                                  with: "<headline>暴雨<event>x</event></headline>"))
        XCTAssertEqual(found.map(\.element), ["alert/info[1]/headline/event"])
    }

    func testRestrictedScopeNeedsRestrictionAndPrivateNeedsAddresses() {
        let restricted = problems(reading: completeXML(replacing: "<scope>Public</scope>", with: "<scope>Restricted</scope>"))
        XCTAssertEqual(restricted.map(\.element), ["alert/restriction"])
        XCTAssertNotNil(readAlert(completeXML(replacing: "<scope>Public</scope>",
                                              with: "<scope>Restricted</scope><restriction>值班人员</restriction>")))
        let privateScope = problems(reading: completeXML(replacing: "<scope>Public</scope>", with: "<scope>Private</scope>"))
        XCTAssertEqual(privateScope.map(\.element), ["alert/addresses"])
        let alert = readAlert(completeXML(replacing: "<scope>Public</scope>",
                                          with: "<scope>Private</scope><addresses>\"台州 值班室\" yjj@tz</addresses>"))
        XCTAssertEqual(alert?.addresses, "\"台州 值班室\" yjj@tz")
    }

    func testUpdateCancelAckAndErrorNeedReferences() {
        for msgType in ["Update", "Cancel", "Ack", "Error"] {
            let found = problems(reading: completeXML(replacing: "<msgType>Alert</msgType>", with: "<msgType>\(msgType)</msgType>"))
            XCTAssertEqual(found.map(\.element), ["alert/references"], msgType)
            XCTAssertTrue(found.first?.message.hasPrefix("<msgType>\(msgType)</msgType> needs <references>") ?? false, "\(found)")
        }
    }

    func testReferencesAreReadAsTriples() throws {
        let alert = try XCTUnwrap(readAlert(completeXML(replacing: "<msgType>Alert</msgType>", with: """
            <msgType>Cancel</msgType>
              <references>
                yjj@tz,TZ-1,2024-07-25T08:00:00+08:00
                yjj@tz,TZ-2,2024-07-25T09:00:00+08:00
              </references>
            """)))
        XCTAssertEqual(alert.references, [
            CAPReference(sender: "yjj@tz", identifier: "TZ-1", sent: "2024-07-25T08:00:00+08:00"),
            CAPReference(sender: "yjj@tz", identifier: "TZ-2", sent: "2024-07-25T09:00:00+08:00"),
        ])
    }

    func testBadReferenceTripleIsNamed() {
        let found = problems(reading: completeXML(replacing: "<msgType>Alert</msgType>", with: """
            <msgType>Update</msgType><references>yjj@tz,TZ-1,2024-07-25T08:00:00+08:00 yjj@tz,TZ-2</references>
            """))
        XCTAssertEqual(found.map(\.element), ["alert/references"])
        XCTAssertEqual(found.first?.message.hasPrefix("entry 2 of 2, \"yjj@tz,TZ-2\", is not a sender,identifier,sent triple"), true, "\(found)")
    }

    // MARK: dateTime

    func testDateTimeForms() {
        XCTAssertEqual(CAPDateTime(capText: "2003-06-17T14:57:00-07:00")?.date, Date(timeIntervalSince1970: 1_055_887_020))
        XCTAssertEqual(CAPDateTime(capText: "2024-02-29T00:00:00-00:00")?.date, Date(timeIntervalSince1970: 1_709_164_800))
        for invalid in ["2003-06-17T14:57:00Z", "2003-06-17T14:57:00.5-07:00", "2003-06-17T14:57:00", "2003-06-17 14:57:00-07:00",
                        "2023-02-29T00:00:00+08:00", "2003-13-01T00:00:00+08:00", "2003-06-17T24:00:00+08:00",
                        "2003-06-17T14:57:00+15:00", "2003-06-17T14:57-07:00", "", "tomorrow"] {
            XCTAssertNil(CAPDateTime(capText: invalid), invalid)
        }
        XCTAssertEqual(CAPDateTime(capText: "2003-06-17T21:57:00.25Z", allowingCAP11Forms: true)?.date,
                       Date(timeIntervalSince1970: 1_055_887_020.25))
    }

    func testDateTimeFromDateIsWrittenTheCAPWay() {
        let instant = Date(timeIntervalSince1970: 1_721_871_000.7)
        XCTAssertEqual(CAPDateTime(date: instant, secondsFromGMT: 8 * 3600).text, "2024-07-25T09:30:00+08:00")
        XCTAssertEqual(CAPDateTime(date: instant).text, "2024-07-25T01:30:00-00:00")
        XCTAssertEqual(CAPDateTime(date: instant, secondsFromGMT: -(3 * 3600 + 1800)).text, "2024-07-24T22:00:00-03:30")
        XCTAssertEqual(CAPDateTime(date: instant).date, Date(timeIntervalSince1970: 1_721_871_000))
    }

    func testZuluAndFractionalSecondsAreProblemsInCAP12() {
        let zulu = problems(reading: completeXML(replacing: "<sent>2024-07-25T09:30:00+08:00</sent>", with: "<sent>2024-07-25T01:30:00Z</sent>"))
        XCTAssertEqual(zulu.map(\.element), ["alert/sent"])
        XCTAssertTrue(zulu.first?.message.contains("CAP 1.2 does not allow \"Z\": write UTC as -00:00") ?? false, "\(zulu)")
        let fraction = problems(reading: completeXML(replacing: "<expires>2024-07-26T09:30:00+08:00</expires>",
                                                     with: "<expires>2024-07-26T09:30:00.000+08:00</expires>"))
        XCTAssertEqual(fraction.map(\.element), ["alert/info[1]/expires"])
        XCTAssertTrue(fraction.first?.message.contains("fractional seconds") ?? false, "\(fraction)")
    }

    /// CAP 1.1's schema typed dateTimes as xs:dateTime, so 1.1 files may carry "Z"; they
    /// are read, and written back in CAP 1.2 form.
    func testCAP11AcceptsZuluAndTheWriterNormalisesIt() throws {
        let xml = completeXML(replacing: "<sent>2024-07-25T09:30:00+08:00</sent>", with: "<sent>2024-07-25T01:30:00.5Z</sent>")
            .replacingOccurrences(of: "emergency:cap:1.2", with: "emergency:cap:1.1")
        let alert = try XCTUnwrap(readAlert(xml))
        XCTAssertEqual(alert.version, .v1_1)
        XCTAssertEqual(alert.sent.text, "2024-07-25T01:30:00.5Z")
        let written = String(decoding: CAPWriter.write(alert), as: UTF8.self)
        XCTAssertTrue(written.contains("<sent>2024-07-25T01:30:00-00:00</sent>"), written)
        XCTAssertEqual(readAlert(written)?.sent.date, Date(timeIntervalSince1970: 1_721_871_000))
    }

    // MARK: Geometry and numbers

    func testPolygonRules() {
        let original = "<polygon>28.70,121.40 28.70,121.70 28.10,121.70 28.10,121.40 28.70,121.40</polygon>"
        let cases: [(polygon: String, message: String)] = [
            ("28.70,121.40 28.70,121.70 28.70,121.40", "has 3 coordinate pair(s); a polygon needs at least 4"),
            ("28.70,121.40 28.70,121.70 28.10,121.70 28.10,121.40", "is not closed: the first pair (28.7,121.4) and the last (28.1,121.4)"),
            ("28.70,121.40 95.0,121.70 28.10,121.70 28.70,121.40", "pair 2, \"95.0,121.70\": latitude 95.0 is outside -90…90"),
            ("28.70,121.40 28.70,181 28.10,121.70 28.70,121.40", "pair 2, \"28.70,181\": longitude 181.0 is outside -180…180"),
            ("28.70;121.40 28.70,121.70 28.10,121.70 28.70;121.40", "pair 1, \"28.70;121.40\", is not latitude,longitude"),
            ("28.70,121.40 nan,121.70 28.10,121.70 28.70,121.40", "pair 2, \"nan,121.70\", is not latitude,longitude"),
        ]
        for entry in cases {
            let found = problems(reading: completeXML(replacing: original, with: "<polygon>\(entry.polygon)</polygon>"))
            XCTAssertEqual(found.map(\.element), ["alert/info[1]/area[1]/polygon[1]"], entry.polygon)
            XCTAssertTrue(found.first?.message.hasPrefix(entry.message) ?? false, "\(found)")
        }
    }

    func testCircleRules() {
        for circle in ["28.4,121.6", "28.4 121.6 50", "28.4,121.6 fifty", "91,121.6 5", "28.4,121.6 -1"] {
            let found = problems(reading: completeXML(replacing: "<circle>28.4,121.6 50</circle>", with: "<circle>\(circle)</circle>"))
            XCTAssertEqual(found.map(\.element), ["alert/info[1]/area[1]/circle[1]"], circle)
        }
    }

    func testSizeMustBeAWholeNumber() {
        for size in ["2 kB", "1.5", "-3", ""] {
            let found = problems(reading: completeXML(replacing: "<size>2048</size>", with: "<size>\(size)</size>"))
            XCTAssertEqual(found.map(\.element), ["alert/info[1]/resource[1]/size"], size)
            XCTAssertTrue(found.first?.message.contains("whole number") ?? false, "\(found)")
        }
    }

    func testCeilingNeedsAltitude() {
        let found = problems(reading: completeXML(replacing: "      <altitude>0</altitude>\n", with: ""))
        XCTAssertEqual(found.map(\.element), ["alert/info[1]/area[1]/ceiling"])
    }

    // MARK: Text

    func testTextIsTrimmedUnescapedAndKeepsInnerLayout() throws {
        let alert = try XCTUnwrap(readAlert(completeXML(
            replacing: "<description>3小时内降雨量将达50毫米以上。</description>",
            with: "<description>\n   第一行 &amp; &lt;注意&gt;\n\n   第二行 <![CDATA[<b>原样</b>]]>\t\n </description>")))
        XCTAssertEqual(alert.infos.first?.description, "第一行 & <注意>\n\n   第二行 <b>原样</b>")
    }

    func testMissingLanguageDefaultsToEnUS() {
        let alert = readAlert(completeXML(replacing: "    <language>zh-CN</language>\n", with: ""))
        XCTAssertEqual(alert?.infos.first?.language, "en-US")
    }

    // MARK: Many problems at once

    func testProblemListIsCappedForFilesFullOfJunk() {
        let junk = String(repeating: "  <colour>red</colour>\n", count: 250)
        let found = problems(reading: alertXML(alertExtra: junk))
        XCTAssertEqual(found.count, CAPAlertValidator.maximumReportedProblems + 1)
        XCTAssertEqual(found.last?.message, "… and 150 more problems")
        XCTAssertEqual(Set(found.dropLast().map(\.element)), ["alert/colour"])
    }

    func testAllProblemsAreReportedAtOnceInFileOrder() {
        var xml = completeXML(replacing: "  <identifier>TZ-2024-0725-001</identifier>\n", with: "")
        xml = xml.replacingOccurrences(of: "<sent>2024-07-25T09:30:00+08:00</sent>", with: "<sent>2024-07-25 09:30</sent>")
        xml = xml.replacingOccurrences(of: "<urgency>Expected</urgency>", with: "<urgency>Soon</urgency>")
        xml = xml.replacingOccurrences(of: "28.10,121.40 28.70,121.40</polygon>", with: "28.10,121.40</polygon>")
        xml = xml.replacingOccurrences(of: "      <areaDesc>椒江区</areaDesc>\n", with: "")
        let found = problems(reading: xml)
        XCTAssertEqual(found.map(\.element), [
            "alert/identifier",
            "alert/sent",
            "alert/info[1]/urgency",
            "alert/info[1]/area[1]/areaDesc",
            "alert/info[1]/area[1]/polygon[1]",
        ])
        XCTAssertEqual(found.map(\.line), [2, 4, 17, 46, 47])
        XCTAssertEqual(found[2].description, "line 17: alert/info[1]/urgency: \"Soon\" is not one of Immediate, Expected, Future, Past, Unknown")
    }
}
