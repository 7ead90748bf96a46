import Foundation
import XCTest
@testable import CAP

/// The specification's own examples, a CAP 1.1 file, a Chinese two-language alert,
/// and the sample files: read, key fields checked, and written back unchanged.
final class CAPSpecExampleTests: XCTestCase {
    private let reader = CAPReader()

    private func fixture(_ name: String) throws -> CAPAlert {
        try XCTUnwrap(readAlert(try CAPFixtures.data(name)))
    }

    /// parse → write → parse gives the same alert (written files are always CAP 1.2).
    private func assertRoundTrip(_ alert: CAPAlert, file: StaticString = #filePath, line: UInt = #line) {
        let written = CAPWriter.write(alert)
        guard let reread = readAlert(written, file: file, line: line) else { return }
        var expected = alert
        expected.version = .v1_2
        XCTAssertEqual(reread, expected, "round trip changed the alert; written:\n\(String(decoding: written, as: UTF8.self))",
                       file: file, line: line)
    }

    func testAppendixA1HomelandSecurityAdvisory() throws {
        let alert = try fixture("cap12-appendix-a1-homeland-security.xml")
        XCTAssertEqual(alert.version, .v1_2)
        XCTAssertEqual(alert.identifier, "43b080713727")
        XCTAssertEqual(alert.sender, "hsas@dhs.gov")
        XCTAssertEqual(alert.sent.text, "2003-04-02T14:39:01-05:00")
        XCTAssertEqual(alert.sent.date, Date(timeIntervalSince1970: 1_049_312_341))  // 19:39:01 UTC
        XCTAssertEqual(alert.status, .actual)
        XCTAssertEqual(alert.msgType, .alert)
        XCTAssertEqual(alert.scope, .public)
        let info = try XCTUnwrap(alert.infos.first)
        XCTAssertEqual(alert.infos.count, 1)
        XCTAssertEqual(info.language, "en-US", "absent language defaults to en-US")
        XCTAssertEqual(info.categories, [.security])
        XCTAssertEqual(info.event, "Homeland Security Advisory System Update")
        XCTAssertEqual(info.urgency, .immediate)
        XCTAssertEqual(info.severity, .severe)
        XCTAssertEqual(info.certainty, .likely)
        XCTAssertEqual(info.headline, "Homeland Security Sets Code ORANGE")
        XCTAssertEqual(info.instruction?.hasPrefix("A High Condition is declared"), true, "leading space trimmed")
        XCTAssertEqual(info.parameters, [CAPValuePair(valueName: "HSAS", value: "ORANGE")])
        XCTAssertEqual(info.resources, [CAPResource(resourceDesc: "Image file (GIF)", mimeType: "image/gif",
                                                    uri: "http://www.dhs.gov/dhspublic/getAdvisoryImage")])
        XCTAssertEqual(info.areas, [CAPArea(areaDesc: "U.S. nationwide and interests worldwide")])
        assertRoundTrip(alert)
    }

    func testAppendixA2SevereThunderstormWarning() throws {
        let alert = try fixture("cap12-appendix-a2-thunderstorm.xml")
        XCTAssertEqual(alert.identifier, "KSTO1055887203")
        XCTAssertEqual(alert.sender, "KSTO@NWS.NOAA.GOV")
        let info = try XCTUnwrap(alert.infos.first)
        XCTAssertEqual(info.categories, [.met])
        XCTAssertEqual(info.responseTypes, [.shelter])
        XCTAssertEqual(info.certainty, .observed)
        XCTAssertEqual(info.eventCodes, [CAPValuePair(valueName: "SAME", value: "SVR")])
        XCTAssertEqual(info.expires?.text, "2003-06-17T16:00:00-07:00")
        XCTAssertEqual(info.expires?.date, Date(timeIntervalSince1970: 1_055_890_800))  // 23:00 UTC
        XCTAssertEqual(info.contact, "BARUFFALDI/JUSKIE")
        let area = try XCTUnwrap(info.areas.first)
        XCTAssertEqual(area.polygons, ["38.47,-120.14 38.34,-119.95 38.52,-119.74 38.62,-119.89 38.47,-120.14"])
        XCTAssertEqual(area.geocodes.map(\.value), ["006109", "006009", "006003"])
        XCTAssertEqual(Set(area.geocodes.map(\.valueName)), ["SAME"])
        assertRoundTrip(alert)
    }

    func testAppendixA3EarthquakeUpdate() throws {
        let alert = try fixture("cap12-appendix-a3-earthquake.xml")
        XCTAssertEqual(alert.identifier, "TRI13970876.2")
        XCTAssertEqual(alert.msgType, .update)
        XCTAssertEqual(alert.references, [CAPReference(sender: "trinet@caltech.edu", identifier: "TRI13970876.1",
                                                       sent: "2003-06-11T20:30:00-07:00")])
        let info = try XCTUnwrap(alert.infos.first)
        XCTAssertEqual(info.categories, [.geo])
        XCTAssertEqual(info.urgency, .past)
        XCTAssertEqual(info.severity, .minor)
        XCTAssertEqual(info.parameters.map(\.valueName), ["EventID", "Version", "Magnitude", "Depth", "Quality"])
        XCTAssertEqual(info.parameters[2].value, "3.4 Ml")
        XCTAssertEqual(info.areas.first?.circles, ["32.9525,-115.5527 0"])
        assertRoundTrip(alert)
    }

    func testAppendixA4AmberAlertInTwoLanguages() throws {
        let alert = try fixture("cap12-appendix-a4-amber.xml")
        XCTAssertEqual(alert.identifier, "KAR0-0306112239-SW")
        XCTAssertEqual(alert.source, "SW")
        XCTAssertEqual(alert.infos.map(\.language), ["en-US", "es-US"])
        XCTAssertEqual(alert.infos.map(\.event), ["Child Abduction", "Abducción de Niño"])
        XCTAssertEqual(alert.infos[1].senderName, "Departamento de Policía de Los Ángeles - LAPD")
        XCTAssertEqual(alert.infos[0].description?.contains("3'0\", 40 LBS."), true, "quotes and apostrophes kept")
        XCTAssertEqual(alert.infos[1].areas.first?.geocodes, [CAPValuePair(valueName: "SAME", value: "006037")])
        assertRoundTrip(alert)
    }

    func testCAP11ExampleReadsAsVersion11() throws {
        let alert = try fixture("cap11-appendix-a2-thunderstorm.xml")
        XCTAssertEqual(alert.version, .v1_1)
        XCTAssertEqual(alert.identifier, "KSTO1055887203")
        let info = try XCTUnwrap(alert.infos.first)
        XCTAssertEqual(info.eventCodes, [CAPValuePair(valueName: "same", value: "SVR")])
        XCTAssertEqual(info.areas.first?.geocodes.first, CAPValuePair(valueName: "FIPS6", value: "006109"))
        XCTAssertEqual(info.description?.hasPrefix("AT 254 PM PDT"), true)
        XCTAssertEqual(info.description?.contains("SEVERE\n            THUNDERSTORM"), true, "inner line breaks kept")
        XCTAssertEqual(info.description?.hasSuffix("STORM."), true)
        let written = String(decoding: CAPWriter.write(alert), as: UTF8.self)
        XCTAssertTrue(written.contains("<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\">"), written)
        assertRoundTrip(alert)
    }

    func testChineseAlertWithTwoInfosPolygonCircleAndGeocodes() throws {
        let alert = try fixture("zh-typhoon-multilingual.xml")
        XCTAssertEqual(alert.source, "台州市气象台")
        XCTAssertEqual(alert.codes, ["GB/T 35965.1-2018"])
        XCTAssertEqual(alert.sent.date, Date(timeIntervalSince1970: 1_721_871_000))  // 01:30 UTC
        XCTAssertEqual(alert.infos.map(\.language), ["zh-CN", "en-US"])
        let chinese = alert.infos[0]
        XCTAssertEqual(chinese.event, "台风")
        XCTAssertEqual(chinese.headline, "台州市气象台发布台风橙色预警信号")
        XCTAssertEqual(chinese.responseTypes, [.prepare, .monitor])
        XCTAssertEqual(chinese.onset?.text, "2024-07-25T18:00:00+08:00")
        XCTAssertEqual(chinese.parameters, [CAPValuePair(valueName: "预警级别", value: "橙色")])
        XCTAssertEqual(chinese.resources.first?.size, 2048)
        XCTAssertEqual(chinese.instruction?.components(separatedBy: "\n").count, 3)
        let area = try XCTUnwrap(chinese.areas.first)
        XCTAssertEqual(area.areaDesc, "椒江区 路桥区 温岭市 玉环市")
        XCTAssertEqual(area.polygons.count, 1)
        XCTAssertEqual(area.circles, ["28.4,121.6 50"])
        XCTAssertEqual(area.geocodes, [CAPValuePair(valueName: "GB/T 2260", value: "331002"),
                                       CAPValuePair(valueName: "GB/T 2260", value: "331004")])
        XCTAssertEqual(alert.infos[1].areas.first?.geocodes.count, 1)
        assertRoundTrip(alert)
    }

    /// The duty room's sample files (SampleData/cap) must all be readable.
    func testEverySampleFileReads() throws {
        let folder = CAPFixtures.packageRoot.appendingPathComponent("SampleData/cap")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        let files = names.filter { $0.hasSuffix(".xml") }.sorted()
        XCTAssertGreaterThanOrEqual(files.count, 5, "expected at least 5 CAP samples in \(folder.path)")
        for name in files {
            do {
                let alert = try reader.read(contentsOf: folder.appendingPathComponent(name))
                XCTAssertFalse(alert.identifier.isEmpty, name)
            } catch {
                XCTFail("\(name):\n\(error)")
            }
        }
    }
}
