import DutyModel
import Foundation
import XCTest
@testable import CAP

/// `CAPMapping` both ways: CAP's msgType, status and scope become the
/// warning's enums and come back unchanged when the warning is built as CAP.
final class CAPMappingTests: XCTestCase {
    private func map(_ xml: String) throws -> CAPMapping.Outcome {
        let bytes = Array(xml.utf8)
        let alert = try CAPReader().read(Data(bytes))
        return CAPMapping.warning(from: alert, bytes: bytes, rules: .standard)
    }

    private let reference = "<references>duty@tz.example.cn,TZ-TEST-0,2024-07-25T08:00:00+08:00</references>\n"

    func testEnumerationsMapBothWays() throws {
        for type in CAPMsgType.allCases {
            XCTAssertEqual(WarningMessageType(type)?.cap, [.ack, .error].contains(type) ? nil : type)
        }
        for status in CAPStatus.allCases { XCTAssertEqual(WarningStatus(status).cap, status) }
        for scope in CAPScope.allCases { XCTAssertEqual(WarningScope(scope).cap, scope) }
    }

    func testAnAlertBecomesAWarningAndTheWarningTheSameAlert() throws {
        let zone = TimeZone(identifier: "Asia/Shanghai")!
        let extra = reference + "<restriction>duty staff</restriction>\n"
        let xml = alertXML(alertExtra: extra, info: defaultInfo + "\n    <headline>泰州市气象台发布暴雨橙色预警信号</headline>",
                           msgType: "Update", scope: "Restricted")
            .replacingOccurrences(of: "<status>Actual</status>", with: "<status>Exercise</status>")
        guard case .warning(let w) = try map(xml) else { return XCTFail("expected a warning") }
        XCTAssertEqual(w.msgType, .update)
        XCTAssertEqual(w.status, .exercise)
        XCTAssertEqual(w.scope, .restricted)
        XCTAssertEqual(w.source, .cap)
        XCTAssertEqual(w.color, .orange)
        XCTAssertEqual(w.sent, "2024-07-25T09:30:00+08:00")
        XCTAssertEqual(w.key, "duty@tz.example.cn,TZ-TEST-1,2024-07-25T09:30:00+08:00")
        XCTAssertEqual(w.references, ["duty@tz.example.cn,TZ-TEST-0,2024-07-25T08:00:00+08:00"])
        let built = CAPMapping.build(from: w, rules: .standard, timeZone: zone)
        XCTAssertEqual(built.msgType, .update)
        XCTAssertEqual(built.status, .exercise)
        XCTAssertEqual(built.scope, .restricted)
        XCTAssertEqual(built.sent.text, "2024-07-25T09:30:00+08:00")
        XCTAssertEqual(built.references, [CAPReference(sender: "duty@tz.example.cn", identifier: "TZ-TEST-0", sent: "2024-07-25T08:00:00+08:00")])
    }

    func testJiangsuThunderstormSignalsKeepTheirMeaning() throws {
        for (event, type) in [("雷暴大风黄色预警", "thunderstorm_gale"), ("雷暴橙色预警", "thunderstorm"), ("大风蓝色预警", "gale"),
                              ("Thunderstorm gale warning", "thunderstorm_gale"), ("霾红色预警", "haze")] {
            let info = defaultInfo.replacingOccurrences(of: "<event>暴雨</event>", with: "<event>\(event)</event>")
            guard case .warning(let w) = try map(alertXML(info: info)) else { return XCTFail("expected a warning") }
            XCTAssertEqual(w.type, type, event)
        }
    }

    func testAckAndErrorAreNotWarnings() throws {
        for type in ["Ack", "Error"] {
            guard case .notAWarning = try map(alertXML(alertExtra: reference, msgType: type)) else {
                return XCTFail("\(type) is not a warning")
            }
        }
    }
}
