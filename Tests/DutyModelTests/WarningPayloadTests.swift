import Foundation
import Testing
@testable import DutyModel

/// The one warning value and its `warning.received` payload: what goes in
/// comes back out of the fold; strings this version does not know read as a
/// sensible default; the colour is an int only in the payload.
@Suite struct WarningPayloadTests {
    static let sent = "2026-11-23T14:05:00+08:00"
    static let sentAt = Date(timeIntervalSince1970: 1_795_932_300)

    static func warning(msgType: WarningMessageType = .alert, status: WarningStatus = .actual, scope: WarningScope = .public,
                        color: WarningColor? = .orange, source: WarningSource = .cap) -> WarningInfo {
        WarningInfo(identifier: "JS-TZ-QX-0001", sender: "js-taizhou-qxt@cma", sent: sent, sentAt: sentAt, msgType: msgType,
                    references: msgType == .alert ? [] : ["js-taizhou-qxt@cma,JS-TZ-QX-0000,2026-11-23T10:00:00+08:00"],
                    status: status, scope: scope, issuer: "meteorological", type: "rainstorm", color: color,
                    areas: ["兴化市"], towns: ["沙沟镇"], effective: sentAt, onset: sentAt.addingTimeInterval(600),
                    expires: sentAt.addingTimeInterval(6 * 3600), headline: "暴雨橙色预警", description: "d", instruction: "i",
                    source: source, senderName: "泰州市气象台", capXML: source == .cap ? Array("<alert/>".utf8) : [],
                    severity: "Severe")
    }

    func folded(_ payload: Zhiban_Events_V1_WarningReceived) -> WarningInfo? {
        let event = StoredEvent(id: EventID(station: "aaaaaaaaaaaaaaaa", seq: 1), time: HLCTimestamp(milliseconds: 1000, logical: 0),
                                operatorName: "王芳", type: EventType.warningReceived.rawValue, payloadVersion: 1,
                                payload: try! EventCodec.encode(payload))
        return fold([event]).warnings[payload.warningKey]?.info.value
    }

    @Test func everyKnownValueComesBackFromTheFold() throws {
        for msgType in WarningMessageType.allCases {
            for status in WarningStatus.allCases {
                for scope in WarningScope.allCases {
                    for color in [nil] + WarningColor.allCases {
                        for source in WarningSource.allCases {
                            let w = Self.warning(msgType: msgType, status: status, scope: scope, color: color, source: source)
                            let draft = EventDraft.warningReceived(w)
                            #expect(draft.encodingProblem == nil && !draft.payload.isEmpty)
                            let back = try #require(folded(w.payload))
                            #expect(back == w)
                            #expect(back.key == w.key && back.sent == Self.sent)
                        }
                    }
                }
            }
        }
    }

    @Test func thePayloadKeepsTodaysStrings() {
        let w = Self.warning(msgType: .update, status: .exercise, scope: .public, color: .red, source: .fax)
        let m = w.payload
        #expect(m.msgType == "update" && m.status == "exercise" && m.source == "fax" && m.level == 1)
        #expect(m.scope == "", "public is the payload's default, so a public warning's bytes are as before")
        #expect(Self.warning(scope: .restricted).payload.scope == "restricted")
        #expect(Self.warning(color: nil).payload.level == 0)
        #expect(m.warningKey == "js-taizhou-qxt@cma,JS-TZ-QX-0001,2026-11-23T14:05:00+08:00")
        #expect(m.sentMs == 1_795_932_300_000 && m.expiresMs == 1_795_953_900_000)
    }

    @Test func unknownStringsReadAsDefaultsWithoutFailing() throws {
        var m = Self.warning().payload
        m.msgType = "Superseded"
        m.status = "rehearsal"
        m.scope = "galactic"
        m.source = "carrier pigeon"
        m.level = 7
        m.onsetMs = 0
        var w = try #require(folded(m))
        #expect(w.msgType == .alert && w.status == .actual && w.scope == .public && w.color == nil && w.onset == nil)
        #expect(w.source == .cap, "the CAP file is there")
        m.capXml = Data()
        w = try #require(folded(m))
        #expect(w.source == .phone)
        m.msgType = ""; m.status = ""; m.source = ""
        w = try #require(folded(m))
        #expect(w.msgType == .alert && w.status == .actual && w.source == .phone)
    }

    @Test func aStoredKeyThatIsNotTheTripleStaysTheKey() throws {
        var m = Self.warning().payload
        m.warningKey = "泰州市气象台|TZ-WARN-001|2026-11-23T12:00"
        let w = try #require(folded(m))
        #expect(w.key == m.warningKey && w.sent == "")
        #expect(w.payload.warningKey == m.warningKey, "written again under the same key")
        #expect(Self.warning().recordedKey == nil)
    }

    @Test func storedStringsMapBothWays() {
        for t in WarningMessageType.allCases { #expect(WarningMessageType(stored: t.rawValue) == t) }
        for s in WarningStatus.allCases { #expect(WarningStatus(stored: s.rawValue) == s) }
        for s in WarningScope.allCases { #expect(WarningScope(stored: s.rawValue) == s) }
        for s in WarningSource.allCases { #expect(WarningSource(stored: s.rawValue, hasCAPFile: false) == s) }
        #expect(WarningMessageType.allCases.map(\.rawValue) == ["alert", "update", "cancel"])
        #expect(WarningStatus.allCases.map(\.rawValue) == ["actual", "exercise", "system", "test", "draft"])
        #expect(WarningSource.allCases.map(\.rawValue) == ["cap", "phone", "fax"])
        #expect(WarningScope.allCases.map(\.rawValue) == ["public", "restricted", "private"])
    }
}
