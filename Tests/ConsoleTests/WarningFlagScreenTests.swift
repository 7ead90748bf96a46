import Console
import ConsoleTestSupport
import DutyModel
import Foundation
import Station
import Testing
import TerminalUI

/// Issue #22 on the warnings screen: a colour its type lacks (冰雹蓝色) is flagged
/// on the row and in the detail, an earthquake warning shows its intensity, the
/// acknowledgement clocks of red and orange warnings show due / overdue in the
/// overdue style, coverage is given by towns and by population; and the
/// import message and the handover report say the same.
@Suite struct WarningFlagScreenTests {
    static let now = "2026-11-23T14:05:00+08:00"

    static func warning(_ id: String, type: String, level: Int, towns: [String], area: String, sent: String,
                        headline: String, description: String = "") -> WarningInfo {
        WarningInfo(identifier: id, sender: "js-taizhou-qxt", sent: sent, sentAt: DutyFixture.at(sent), issuer: "meteorological",
                    type: type, color: WarningColor(level: level), areas: [area], towns: towns, effective: DutyFixture.at(sent),
                    expires: DutyFixture.at("2026-11-23T23:00:00+08:00"), headline: headline, description: description,
                    source: .cap, senderName: "泰州市气象台", severity: "Minor")
    }

    /// Received 14:00: its acknowledgement is due 14:10 (5 minutes left at 14:05).
    static let redRain = warning("W-RAIN", type: "rainstorm", level: 1, towns: ["沙沟镇", "千垛镇"], area: "兴化市沙沟镇、千垛镇",
                                 sent: "2026-11-23T14:00:00+08:00", headline: "泰州市气象台发布暴雨红色预警信号")
    /// Received 13:40, never acknowledged: 15 minutes past its acknowledgement at 14:05.
    static let orangeGale = warning("W-GALE", type: "gale", level: 2, towns: ["靖城街道", "新桥镇"], area: "靖江市",
                                    sent: "2026-11-23T13:40:00+08:00", headline: "泰州市气象台发布大风橙色预警信号")
    /// 冰雹 has no blue level.
    static let blueHail = warning("W-HAIL", type: "hail", level: 4, towns: ["溱潼镇"], area: "姜堰区溱潼镇",
                                  sent: "2026-11-23T13:00:00+08:00", headline: "姜堰区气象台发布冰雹蓝色预警信号")
    /// An earthquake early warning: its intensity, not a colour.
    static let quake = warning("W-EQ", type: "earthquake", level: 3, towns: ["靖城街道"], area: "靖江市",
                               sent: "2026-11-23T13:30:00+08:00", headline: "地震预警：靖江市预估烈度6度",
                               description: "预计地震横波12秒后到达，预估烈度6度。")

    static func harness(_ warnings: [WarningInfo], language: Language, size: Size, now: String = now,
                        acknowledged: [(String, String)] = [], ticks: [(String, String, String)] = []) -> (ConsoleHarness, TempStation) {
        let station = TempStation()
        // In time order: a feed's times never go back, so a warning written after a later one would be received later.
        for w in warnings.sorted(by: { $0.sentAt < $1.sentAt }) { station.append(.warningReceived(w), at: w.sentAt, operatorName: "cap") }
        for (key, at) in acknowledged { station.append(.warningAcknowledged(key: key), at: DutyFixture.at(at), operatorName: "高鹏") }
        for (key, town, at) in ticks {
            station.append(.warningDisseminated(key: key, channel: .broadcast, target: town, confirmed: true), at: DutyFixture.at(at),
                           operatorName: "高鹏")
        }
        return (ConsoleHarness(size: size, language: language, theme: "default", now: now, station: station, operatorName: "罗燕"), station)
    }

    /// The list row holding `text` (below the tab bar, the banner and the list's title).
    static func row(_ h: ConsoleHarness, containing text: String) -> Int? {
        h.lines.indices.dropFirst(3).first { h.lines[$0].contains(text) }
    }

    @Test(arguments: Language.allCases)
    func flagsAndClocksAt80x24(_ language: Language) throws {
        let (h, _) = Self.harness([Self.redRain, Self.orangeGale, Self.blueHail, Self.quake], language: language,
                                  size: Size(width: 80, height: 24))
        h.press(.function(4))
        assertSnapshot(h.screen, named: "warning-flags-80x24-\(language.rawValue)")
        let zh = language == .zh
        let hail = try #require(Self.row(h, containing: zh ? "冰雹" : "Hail"))
        #expect(h.lines[hail].contains(zh ? "■蓝?" : "■BLU?"))
        let quake = try #require(Self.row(h, containing: zh ? "地震" : "Earthq"))
        #expect(h.lines[quake].contains(zh ? "烈Ⅵ" : "INT6") && !h.lines[quake].contains(zh ? "■黄" : "■YEL"))
        // The orange gale is past its acknowledgement: said, and in the overdue style; the red rain still has time.
        let gale = try #require(Self.row(h, containing: zh ? "■橙" : "■ORG"))
        #expect(h.lines[gale].contains(zh ? "确认超时" : "ACK LATE"))
        #expect(h.screen[20, gale].style == h.state.theme[.overdue])
        let rain = try #require(Self.row(h, containing: zh ? "■红" : "■RED"))
        #expect(h.lines[rain].contains(zh ? "!! 未确认" : "!! NO ACK") && !h.lines[rain].contains(zh ? "超时" : "LATE"))
        // The banner counts the one past its time.
        #expect(h.lines[1].contains(zh ? "新红色预警未确认（1 条已超时）" : "not acknowledged (1 OVERDUE)"))
    }

    @Test(arguments: Language.allCases)
    func flagsClocksAndCoverageAt200x60(_ language: Language) throws {
        let (h, _) = Self.harness([Self.redRain, Self.orangeGale, Self.blueHail, Self.quake], language: language,
                                  size: Size(width: 200, height: 60), ticks: [(Self.redRain.key, "沙沟镇", "2026-11-23T14:02:00+08:00")])
        h.press(.function(4))
        assertSnapshot(h.screen, named: "warning-flags-200x60-\(language.rawValue)")
        let zh = language == .zh
        let screen = h.lines.joined(separator: "\n")
        #expect(screen.contains(zh ? "!! 未确认 剩5分" : "!! NO ACK 5m left"))
        #expect(screen.contains(zh ? "!! 确认超时 15 分" : "!! ACK 15m OVERDUE"))
        // The selected red rain's detail: its clocks and coverage by towns and by population.
        #expect(screen.contains(zh ? "确认时限 14:10 剩 5 分" : "ack by 14:10, 5 min left"))
        #expect(screen.contains(zh ? "转发按时 14:02" : "forward on time 14:02"))
        let places = RuleBook.standard.places
        let sha = places.population(ofTown: "沙沟镇")!, qian = places.population(ofTown: "千垛镇")!
        let percent = sha * 100 / (sha + qian)
        #expect(screen.contains(zh ? "人口 \(percent)%" : "population \(percent)%"), "\(percent)")
        #expect(screen.contains(zh ? "镇街及场所" : "towns and places"))
        // The hail's detail (red, orange, yellow, then blue) names what is wrong with its colour.
        h.press(.down, .down, .down)
        let detail = h.lines.joined(separator: "\n")
        #expect(detail.contains(zh ? "蓝色？冰雹无此级别" : "Blue? no such Hail level"), "\(detail)")
        h.press(.enter)
        assertSnapshot(h.screen, named: "warning-flags-detail-200x60-\(language.rawValue)")
        #expect(h.lines.joined().contains(zh ? "注意：冰雹预警没有蓝色（只有红色、橙色），已按发布方所发记录"
                                             : "note: a hail warning has no blue level (only red, orange); recorded as the issuer sent it"))
    }

    @Test func theAcknowledgementClockTurnsOverdueAtItsTime() throws {
        // The orange gale, received 13:40: its acknowledgement is due 13:50.
        let (h, station) = Self.harness([Self.orangeGale], language: .zh, size: Size(width: 200, height: 60),
                                        now: "2026-11-23T13:49:59+08:00")
        h.press(.function(4))
        var gale = try #require(Self.row(h, containing: "■橙"))
        #expect(h.lines[gale].contains("!! 未确认 剩1分"))
        #expect(h.screen[20, gale].style == h.state.theme[.alertOrange])
        #expect(!h.lines[1].contains("超时"))
        h.advance(seconds: 1)  // 13:50:00, the due instant: still on time
        gale = try #require(Self.row(h, containing: "■橙"))
        #expect(!h.lines[gale].contains("超时"))
        #expect(h.screen[20, gale].style == h.state.theme[.alertOrange])
        h.advance(seconds: 2)  // 13:50:02
        gale = try #require(Self.row(h, containing: "■橙"))
        #expect(h.lines[gale].contains("!! 确认超时 1 分"))
        #expect(h.screen[20, gale].style == h.state.theme[.overdue])
        #expect(h.lines[1].contains("（1 条已超时）"))
        // Acknowledged late: no longer overdue, and the detail says how late.
        h.type("a")
        #expect(station.state.warnings[Self.orangeGale.key]?.acknowledgements.isEmpty == false)
        gale = try #require(Self.row(h, containing: "■橙"))
        #expect(!h.lines[gale].contains("超时"))
        #expect(h.screen[20, gale].style == h.state.theme[.alertOrange])
        #expect(h.lines.joined().contains("确认迟 1 分"))
    }

    @Test func theForwardingClockAfterAnAcknowledgementOnTime() throws {
        let (h, _) = Self.harness([Self.orangeGale], language: .en, size: Size(width: 80, height: 24),
                                  now: "2026-11-23T14:11:00+08:00", acknowledged: [(Self.orangeGale.key, "2026-11-23T13:45:00+08:00")])
        h.press(.function(4))
        let gale = try #require(Self.row(h, containing: "■ORG"))
        #expect(h.lines[gale].contains("FWD LATE"), "received 13:40, nothing passed on by 14:10")
        #expect(h.screen[20, gale].style == h.state.theme[.overdue])
        #expect(!h.lines[1].contains("NOT ACKNOWLEDGED") && !h.lines[1].contains("not acknowledged"))
    }

    @Test(arguments: Language.allCases)
    func theImportMessageFlagsTheColourAndNamesTheEncoding(_ language: Language) throws {
        let temp = TempStation()
        let xml = """
        <?xml version="1.0" encoding="GBK"?>
        <alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
          <identifier>JS-TZ-HAIL-1</identifier>
          <sender>js-taizhou-qxt</sender>
          <sent>2026-11-23T13:00:00+08:00</sent>
          <status>Actual</status>
          <msgType>Alert</msgType>
          <scope>Public</scope>
          <info>
            <category>Met</category>
            <event>冰雹</event>
            <urgency>Expected</urgency>
            <severity>Minor</severity>
            <certainty>Likely</certainty>
            <headline>冰雹蓝色预警</headline>
            <area><areaDesc>姜堰区</areaDesc></area>
          </info>
        </alert>
        """
        // 冰雹蓝色预警 in GB18030, the rest ASCII.
        let gb: [Character: [UInt8]] = ["冰": [0xB1, 0xF9], "雹": [0xB1, 0xA2], "蓝": [0xC0, 0xB6], "色": [0xC9, 0xAB],
                                        "预": [0xD4, 0xA4], "警": [0xBE, 0xAF], "姜": [0xBD, 0xAA], "堰": [0xD1, 0xDF], "区": [0xC7, 0xF8]]
        let bytes = xml.flatMap { c -> [UInt8] in c.isASCII ? Array(String(c).utf8) : gb[c]! }
        let outcome = try temp.station.importCAP(bytes, languages: ["zh-CN"], operatorName: "王芳", now: DutyFixture.at(Self.now))
        guard case .imported(let key, let w) = outcome else {
            Issue.record("expected an import, got \(outcome)")
            return
        }
        #expect(w.type == "hail" && w.color == .blue, "recorded as sent")
        #expect(temp.state.warnings[key] != nil)
        let line = OutcomeText.warningImport(file: "hail.xml", outcome, rules: .standard, language: language)[0]
        if language == .zh {
            #expect(line.contains("按 GB18030 (declared GBK) 编码读取"), "\(line)")
            #expect(line.contains("注意：冰雹预警没有蓝色（只有红色、橙色），已按发布方所发记录"), "\(line)")
        } else {
            #expect(line.contains("read as GB18030 (declared GBK)"), "\(line)")
            #expect(line.contains("note: a hail warning has no blue level (only red, orange)"), "\(line)")
        }
        // A colour the type has: no note.
        let fine = OutcomeText.warningImport(file: "x.xml", .imported(key: "k", warning: Self.redRain), rules: .standard, language: language)[0]
        #expect(!fine.contains("注意") && !fine.contains("note:") && !fine.contains("GB18030"))
    }

    @Test(arguments: Language.allCases)
    func theHandoverSaysWhichClocksWereMissed(_ language: Language) throws {
        let (h, _) = Self.harness([Self.redRain, Self.orangeGale], language: language, size: Size(width: 200, height: 60),
                                  acknowledged: [(Self.redRain.key, "2026-11-23T14:03:00+08:00")])
        let report = HandoverReport.handover(h.state.duty.state, rules: .standard,
                                             slot: HandoverReport.pendingSlot(h.state.duty.state, now: DutyFixture.at(Self.now),
                                                                              timeZone: DutyTime.defaultTimeZone),
                                             now: DutyFixture.at(Self.now), timeZone: DutyTime.defaultTimeZone)
        let gale = try #require(report.warnings.first { $0.type == "gale" })
        #expect(gale.clocks.map(\.kind) == [.acknowledge, .forward], "the missed acknowledgement and the forwarding still running")
        let rain = try #require(report.warnings.first { $0.type == "rainstorm" })
        #expect(rain.clocks.map(\.kind) == [.forward], "acknowledged on time: only the forwarding is left")
        let text = HandoverPrinter.text(report, rules: .standard, language: language, timeZone: DutyTime.defaultTimeZone, width: 200)
        #expect(text.contains(language == .zh ? "!! 确认超时 15 分" : "!! ack 15 min overdue"), "\(text)")
        #expect(text.contains(language == .zh ? "转发时限 14:10 剩 5 分" : "forward by 14:10, 5 min left"), "\(text)")
        #expect(text.contains(language == .zh ? "人口 0%" : "population 0%"))
    }

    @Test(arguments: Language.allCases)
    func theHandoverNamesAnEarthquakeByItsIntensityAndFlagsAColour(_ language: Language) throws {
        let (h, _) = Self.harness([Self.blueHail, Self.quake], language: language, size: Size(width: 200, height: 60))
        let report = HandoverReport.handover(h.state.duty.state, rules: .standard,
                                             slot: HandoverReport.pendingSlot(h.state.duty.state, now: DutyFixture.at(Self.now),
                                                                              timeZone: DutyTime.defaultTimeZone),
                                             now: DutyFixture.at(Self.now), timeZone: DutyTime.defaultTimeZone)
        #expect(report.warnings.first { $0.type == "earthquake" }?.intensity == 6)
        #expect(report.warnings.first { $0.type == "hail" }?.levelNotOfType == true)
        let lines = HandoverPrinter.text(report, rules: .standard, language: language, timeZone: DutyTime.defaultTimeZone, width: 200)
            .split(separator: "\n")
        let zh = language == .zh
        let quake = try #require(lines.first { $0.contains(zh ? "地震" : "Earthquake") })
        #expect(quake.contains(zh ? "烈Ⅵ" : "INT6") && !quake.contains(zh ? "黄色" : "Yellow"), "\(quake)")
        let hail = try #require(lines.first { $0.contains(zh ? "冰雹" : "Hail") })
        #expect(hail.contains(zh ? "蓝色?" : "Blue?"), "\(hail)")
    }

    @Test(arguments: [("lbdf", "黄", "thunderstorm_gale"), ("雷暴大风", "橙", "thunderstorm_gale"), ("雷暴", "红", "thunderstorm"),
                      ("霾", "红", "haze"), ("大风", "黄", "gale")])
    func aPhonedWarningTakesItsOwnType(type: String, level: String, expected: String) throws {
        let (h, station) = Self.harness([], language: .zh, size: Size(width: 80, height: 24))
        h.press(.function(4))
        h.type("n")
        h.type(type)
        h.press(.tab)
        h.type(level)
        h.press(.tab)
        h.type("江苏省气象台")
        h.press(.tab)
        h.type("泰兴市")
        h.press(.ctrl("s"))
        #expect(h.state.overlay == nil, "\(h.lines.joined(separator: "\n"))")
        let info = try #require(station.state.warnings.values.first?.info.value)
        #expect(info.type == expected)
    }
}
