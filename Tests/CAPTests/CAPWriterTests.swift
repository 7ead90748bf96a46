import Foundation
import XCTest
@testable import CAP

/// The writer: exact layout, schema order, escaping, and output that always reads back.
final class CAPWriterTests: XCTestCase {
    private func sent(_ text: String) -> CAPDateTime {
        CAPDateTime(capText: text) ?? CAPDateTime(text: text, date: Date(timeIntervalSince1970: 0))
    }

    func testWritesSchemaOrderWithTwoSpaceIndentation() {
        let alert = CAPAlert(
            version: .v1_1, identifier: "TZ-1", sender: "yjj@tz", sent: sent("2024-07-25T09:30:00+08:00"),
            status: .exercise, msgType: .update, source: "值班室", scope: .restricted, restriction: "duty staff",
            codes: ["A", "B"], references: [CAPReference(sender: "yjj@tz", identifier: "TZ-0", sent: "2024-07-25T08:00:00+08:00")],
            infos: [CAPInfo(language: "zh-CN", categories: [.met, .safety], event: "台风", responseTypes: [.evacuate],
                            urgency: .immediate, severity: .extreme, certainty: .observed,
                            eventCodes: [CAPValuePair(valueName: "GB", value: "11B01")],
                            expires: sent("2024-07-26T09:30:00+08:00"), headline: "红色预警",
                            parameters: [CAPValuePair(valueName: "level", value: "red")],
                            resources: [CAPResource(resourceDesc: "map", mimeType: "image/png", size: 10)],
                            areas: [CAPArea(areaDesc: "椒江区", circles: ["28.4,121.6 5"],
                                            geocodes: [CAPValuePair(valueName: "GB/T 2260", value: "331002")],
                                            altitude: "0", ceiling: "100")])])
        let expected = """
        <?xml version="1.0" encoding="UTF-8"?>
        <alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
          <identifier>TZ-1</identifier>
          <sender>yjj@tz</sender>
          <sent>2024-07-25T09:30:00+08:00</sent>
          <status>Exercise</status>
          <msgType>Update</msgType>
          <source>值班室</source>
          <scope>Restricted</scope>
          <restriction>duty staff</restriction>
          <code>A</code>
          <code>B</code>
          <references>yjj@tz,TZ-0,2024-07-25T08:00:00+08:00</references>
          <info>
            <language>zh-CN</language>
            <category>Met</category>
            <category>Safety</category>
            <event>台风</event>
            <responseType>Evacuate</responseType>
            <urgency>Immediate</urgency>
            <severity>Extreme</severity>
            <certainty>Observed</certainty>
            <eventCode>
              <valueName>GB</valueName>
              <value>11B01</value>
            </eventCode>
            <expires>2024-07-26T09:30:00+08:00</expires>
            <headline>红色预警</headline>
            <parameter>
              <valueName>level</valueName>
              <value>red</value>
            </parameter>
            <resource>
              <resourceDesc>map</resourceDesc>
              <mimeType>image/png</mimeType>
              <size>10</size>
            </resource>
            <area>
              <areaDesc>椒江区</areaDesc>
              <circle>28.4,121.6 5</circle>
              <geocode>
                <valueName>GB/T 2260</valueName>
                <value>331002</value>
              </geocode>
              <altitude>0</altitude>
              <ceiling>100</ceiling>
            </area>
          </info>
        </alert>

        """
        let written = String(decoding: CAPWriter.write(alert), as: UTF8.self)
        XCTAssertEqual(written, expected)
        var asRead = alert
        asRead.version = .v1_2
        XCTAssertEqual(readAlert(Data(written.utf8)), asRead)
    }

    func testEscapesMarkupAndDropsCharactersXMLCannotCarry() throws {
        let headline = "a & b < c > d \"e\" 'f' \u{1B}[31m\u{0}\u{FFFE}红\u{9B}"
        let alert = CAPAlert(identifier: "TZ-2", sender: "yjj@tz", sent: sent("2024-07-25T09:30:00+08:00"), status: .actual,
                             msgType: .alert, scope: .public,
                             infos: [CAPInfo(categories: [.other], event: "x", urgency: .unknown, severity: .unknown,
                                             certainty: .unknown, headline: headline, description: "第一行\r\n第二行\t结束")])
        let written = String(decoding: CAPWriter.write(alert), as: UTF8.self)
        XCTAssertTrue(written.contains("<headline>a &amp; b &lt; c &gt; d &quot;e&quot; 'f' [31m红\u{9B}</headline>"), written)
        XCTAssertTrue(written.contains("<description>第一行&#xD;\n第二行\t结束</description>"), written)
        let reread = try XCTUnwrap(readAlert(Data(written.utf8)))
        XCTAssertEqual(reread.infos.first?.headline, "a & b < c > d \"e\" 'f' [31m红\u{9B}")
        XCTAssertEqual(reread.infos.first?.description, "第一行\r\n第二行\t结束", "carriage return survives as &#xD;")
    }

    func testDateTimeWithUnreadableTextIsWrittenFromItsInstant() {
        let broken = CAPDateTime(text: "yesterday", date: Date(timeIntervalSince1970: 1_721_871_000))
        let alert = CAPAlert(identifier: "TZ-3", sender: "yjj@tz", sent: broken, status: .test, msgType: .alert, scope: .public)
        let written = String(decoding: CAPWriter.write(alert), as: UTF8.self)
        XCTAssertTrue(written.contains("<sent>2024-07-25T01:30:00-00:00</sent>"), written)
        XCTAssertEqual(readAlert(Data(written.utf8))?.sent.date, broken.date)
    }
}
