import Console
import ConsoleTestSupport
import DutyModel
import Foundation
import Testing
import TerminalUI

/// The warnings screen: order, colours and markers, expiry by itself, updates
/// and cancellations, acknowledgement, the dissemination checklist and the
/// entry form, rendered into a memory terminal.
@Suite struct WarningScreenTests {
    static let now = "2026-11-23T14:05:00+08:00"

    static func warning(_ id: String, type: String, level: Int, areas: [String], towns: [String], sent: String,
                        expires: String?, msgType: WarningMessageType = .alert, references: [String] = [],
                        status: WarningStatus = .actual, headline: String, sender: String = "js-taizhou-qxt") -> WarningInfo {
        WarningInfo(identifier: id, sender: sender, sent: sent, sentAt: DutyFixture.at(sent), msgType: msgType,
                      references: references, status: status, issuer: "meteorological", type: type, color: WarningColor(level: level),
                      areas: areas, towns: towns, effective: DutyFixture.at(sent), expires: expires.map(DutyFixture.at),
                      headline: headline, description: "预计未来6小时内降雨量将达50毫米以上。",
                      instruction: "1. 政府及相关部门按照职责做好防暴雨准备工作；\n2. 检查城市、农田、鱼塘排水系统。",
                      source: .cap, senderName: "泰州市气象台", severity: "Severe")
    }

    static let redRain = warning("TZ-QX-001", type: "rainstorm", level: 1, areas: ["兴化市沙沟镇、千垛镇"], towns: ["沙沟镇", "千垛镇"],
                                 sent: "2026-11-23T13:00:00+08:00", expires: "2026-11-23T20:00:00+08:00",
                                 headline: "泰州市气象台发布暴雨红色预警信号")
    static let orangeGale = warning("TZ-QX-002", type: "gale", level: 2, areas: ["靖江市"], towns: ["靖城街道", "新桥镇"],
                                    sent: "2026-11-23T12:00:00+08:00", expires: "2026-11-24T08:00:00+08:00",
                                    headline: "泰州市气象台发布大风橙色预警信号")
    static let yellowFogExpired = warning("TZ-QX-003", type: "fog", level: 3, areas: ["姜堰区"], towns: ["溱潼镇"],
                                          sent: "2026-11-23T05:00:00+08:00", expires: "2026-11-23T10:00:00+08:00",
                                          headline: "泰州市气象台发布大雾黄色预警信号")
    static let blueExercise = warning("TZ-QX-EX1", type: "gale", level: 4, areas: ["海陵区"], towns: ["城东街道"],
                                      sent: "2026-11-23T13:30:00+08:00", expires: "2026-11-23T18:00:00+08:00", status: .exercise,
                                      headline: "演练：大风蓝色预警")

    static func harness(_ warnings: [WarningInfo], language: Language = .zh, size: Size = Size(width: 80, height: 24),
                        theme: String = "default", acknowledged: [String] = []) -> (ConsoleHarness, TempStation) {
        let station = TempStation()
        for w in warnings { station.append(.warningReceived(w), at: w.sentAt, operatorName: "cap") }
        for key in acknowledged { station.append(.warningAcknowledged(key: key), at: DutyFixture.at(now), operatorName: "高鹏") }
        let h = ConsoleHarness(size: size, language: language, theme: theme, now: now, station: station, operatorName: "罗燕")
        return (h, station)
    }

    static func rows(_ h: ConsoleHarness) -> [String] { h.lines }

    @Test(arguments: Language.allCases)
    func screensAtBothSizes(_ language: Language) {
        let set = [Self.orangeGale, Self.yellowFogExpired, Self.redRain, Self.blueExercise]
        let (h, _) = Self.harness(set, language: language, acknowledged: [Self.orangeGale.key])
        h.press(.function(4))
        assertSnapshot(h.screen, named: "warnings-80x24-\(language.rawValue)")
        h.resize(to: Size(width: 200, height: 60))
        assertSnapshot(h.screen, named: "warnings-200x60-\(language.rawValue)")
        h.press(.enter)
        assertSnapshot(h.screen, named: "warning-detail-200x60-\(language.rawValue)")
    }

    @Test func inForceFirstByLevelThenExercisesThenThePast() throws {
        let (h, _) = Self.harness([Self.yellowFogExpired, Self.blueExercise, Self.orangeGale, Self.redRain], language: .zh)
        h.press(.function(4))
        let screen = h.lines.joined(separator: "\n")
        let red = try #require(screen.range(of: "■红"))
        let orange = try #require(screen.range(of: "■橙"))
        let exercise = try #require(screen.range(of: "[演练]"))
        let heading = try #require(screen.range(of: "历史（已过期、已解除）"))
        let yellow = try #require(screen.range(of: "■黄"))
        #expect(red.lowerBound < orange.lowerBound && orange.lowerBound < exercise.lowerBound)
        #expect(exercise.lowerBound < heading.lowerBound && heading.lowerBound < yellow.lowerBound)
        #expect(screen.contains("已过期"))
        // The status bar counts what is in force and actual: the exercise and the expired fog are not counted.
        let status = h.lines[23]
        #expect(status.contains("红1") && status.contains("橙1") && !status.contains("蓝1") && !status.contains("黄1"))
    }

    @Test func monoThemeStillNamesTheLevel() {
        let (h, _) = Self.harness([Self.redRain, Self.orangeGale], language: .en, theme: "monochrome")
        h.press(.function(4))
        let screen = h.lines.joined(separator: "\n")
        #expect(screen.contains("■RED") && screen.contains("■ORG"))
        #expect(screen.contains("!! NEW RED WARNING"))
    }

    @Test func aWarningExpiresByItself() {
        let (h, _) = Self.harness([Self.redRain], language: .en, acknowledged: [Self.redRain.key])
        h.press(.function(4))
        #expect(h.lines.joined().contains("5:55:00 left"))
        #expect(h.lines[23].contains("red 1"))
        h.advance(seconds: 6 * 3600)
        let screen = h.lines.joined(separator: "\n")
        #expect(screen.contains("expired"))
        #expect(screen.contains("Past (expired, cancelled)"))
        #expect(!h.lines[23].contains("red 1"))
    }

    @Test func redArrivingRingsOnceAndTheBannerStaysUntilAcknowledged() throws {
        let (h, station) = Self.harness([], language: .zh)
        #expect(!h.lines.joined().contains("未确认"))
        station.append(.warningReceived(Self.redRain), at: DutyFixture.at(Self.now), operatorName: "cap")
        h.advance(seconds: 1)
        let bells = h.backend.bells
        #expect(bells == 1)
        #expect(h.lines[1].contains("!! 新红色预警未确认：暴雨"))
        // Every screen shows it.
        h.press(.function(3))
        #expect(h.lines[1].contains("!! 新红色预警未确认"))
        h.advance(seconds: 1)
        #expect(h.backend.bells == bells, "it rings once, not every second")
        h.press(.function(4))
        h.type("a")
        #expect(h.lines.joined().contains("已确认：暴雨红色"))
        #expect(!h.lines[1].contains("未确认"))
        let ack = try #require(station.state.warnings[Self.redRain.key]?.acknowledgements.values.first)
        #expect(ack.operatorName == "罗燕")
        h.type("a")
        #expect(h.lines.joined().contains("已由 罗燕 确认"))
    }

    @Test func anUpdateSupersedesAndACancelEnds() throws {
        var yellow = Self.redRain
        yellow.identifier = "TZ-QX-010"
        yellow.color = .yellow
        yellow.sent = "2026-11-23T10:00:00+08:00"
        yellow.sentAt = DutyFixture.at(yellow.sent)
        yellow.headline = "暴雨黄色预警"
        var red = Self.redRain
        red.msgType = .update
        red.references = [yellow.key]
        let (h, station) = Self.harness([red, yellow], language: .en)
        h.press(.function(4))
        var screen = h.lines.joined(separator: "\n")
        #expect(screen.contains("■RED"))
        #expect(!screen.contains("■YEL"), "the yellow one is superseded, not listed")
        h.press(.enter, .end)            // the history is the detail's last part: a scroll away at 80×24
        screen = h.lines.joined(separator: "\n")
        #expect(screen.contains("History"))
        #expect(screen.contains("暴雨黄色预警"))
        h.press(.escape)
        // Cancel from the console: x, then y.
        h.type("x")
        #expect(h.lines.joined().contains("Cancel the warning"))
        h.type("y")
        screen = h.lines.joined(separator: "\n")
        #expect(screen.contains("cancelled"))
        #expect(!h.lines[23].contains("red 1"))
        let chain = station.state.warningSummaries(places: RuleBook.standard.places, now: DutyFixture.at(Self.now))
        #expect(chain.count == 1)
        #expect(chain.first?.phase == .cancelled)
        #expect(chain.first?.history.count == 2)
    }

    @Test func theChecklistRecordsEachTickAndTheCoverage() throws {
        let (h, station) = Self.harness([Self.orangeGale], language: .zh, size: Size(width: 200, height: 60),
                                        acknowledged: [Self.orangeGale.key])
        h.press(.function(4))
        h.type("d")
        var screen = h.lines.joined(separator: "\n")
        #expect(screen.contains("发布核对"))
        #expect(screen.contains("靖城街道") && screen.contains("靖江市人民医院"), "towns then the county's special places")
        #expect(screen.contains("覆盖 0/"))
        h.type(" ")
        screen = h.lines.joined(separator: "\n")
        #expect(screen.contains("已记录：应急广播 → 靖城街道"))
        h.press(.right)
        h.type("c")
        let targets = station.state.warningSummaries(places: RuleBook.standard.places, now: DutyFixture.at(Self.now))[0].targets
        let summary = try #require(station.state.warningSummaries(places: RuleBook.standard.places, now: DutyFixture.at(Self.now)).first)
        #expect(summary.coverage == (targets.count, targets.count))
        #expect(h.lines.joined().contains("= 100%"))
        // Unticking writes an event too.
        h.press(.left)
        h.type(" ")
        let after = try #require(station.state.warningSummaries(places: RuleBook.standard.places, now: DutyFixture.at(Self.now)).first)
        #expect(!after.isConfirmed(.broadcast, "靖城街道"))
        #expect(after.isConfirmed(.sms, "靖城街道"))
    }

    @Test(arguments: Language.allCases)
    func theEntryFormNamesEachBadField(_ language: Language) {
        let (h, station) = Self.harness([], language: language)
        h.press(.function(4))
        h.type("n")
        h.type("冰淇淋")
        h.press(.tab)
        h.type("紫")
        h.press(.tab, .tab, .tab)
        h.type("25:99")
        h.press(.ctrl("s"))
        let screen = h.lines.joined(separator: "\n")
        #expect(screen.contains(language == .zh ? "未知预警类型“冰淇淋”" : "unknown warning type \"冰淇淋\""))
        guard case .warningEntry(let form)? = h.state.overlay else {
            Issue.record("the form closed")
            return
        }
        #expect(form.problems[.level] != nil && form.problems[.issuer] != nil && form.problems[.area] != nil && form.problems[.effective] != nil)
        #expect(station.events.isEmpty)
        // A colour the type does not have (no blue heat warning).
        // Esc keeps what was typed; the form opens again with it (#23), and the officer mends the fields.
        h.press(.escape)
        h.type("n")
        guard case .warningEntry(let kept)? = h.state.overlay else { Issue.record("the form did not open"); return }
        #expect(kept.text(.type) == "冰淇淋")
        h.press(.ctrl("u"))
        h.type("高温")
        h.press(.tab)
        h.press(.ctrl("u"))
        h.type("蓝")
        h.press(.ctrl("s"))
        guard case .warningEntry(let heat)? = h.state.overlay else {
            Issue.record("the form closed on a colour 高温 does not have")
            return
        }
        #expect(heat.problems[.level]?.text(.zh) == "高温预警没有蓝色级别")
        #expect(station.events.isEmpty)
    }

    @Test func aPhonedWarningIsRecordedWithItsTowns() throws {
        let (h, station) = Self.harness([], language: .zh)
        h.press(.function(4))
        h.type("n")
        h.type("by")
        h.press(.tab)
        h.type("橙")
        h.press(.tab)
        h.type("泰州市气象台")
        h.press(.tab)
        h.type("兴化市沙沟镇、千垛镇，姜堰区")
        h.press(.tab)
        h.press(.tab)
        h.type("+6h")
        h.press(.ctrl("s"))
        #expect(h.state.overlay == nil)
        let info = try #require(station.state.warnings.values.first?.info.value)
        #expect(info.type == "rainstorm" && info.color == .orange && info.source == .phone)
        #expect(info.towns.contains("沙沟镇") && info.towns.contains("千垛镇") && info.towns.contains("溱潼镇"))
        let expiresAfter = try #require(info.expires).timeIntervalSince(info.sentAt)
        #expect(Int64((expiresAfter * 1000).rounded()) == 6 * 3600 * 1000, "to the millisecond")
        #expect(info.headline == "泰州市气象台发布暴雨橙色预警")
        #expect(h.lines.joined().contains("已录入预警"))
        #expect(!h.lines.joined().contains("未确认"), "typed in by the officer: acknowledged with the entry")
    }

    @Test func aFailedWriteWritesNoAcknowledgementAndKeepsTheForm() throws {
        let (h, station) = Self.harness([], language: .en)
        h.press(.function(4))
        h.type("n")
        h.type("gale")
        h.press(.tab)
        h.type("blue")
        h.press(.tab)
        h.type("Taizhou Met")
        h.press(.tab)
        h.type("靖江市")
        station.failNextWrite = "journal/x.log: No space left on device"
        h.press(.ctrl("s"))
        // The warning was not written, so neither is its acknowledgement: nothing at all.
        #expect(station.events.isEmpty)
        guard case .warningEntry(let form)? = h.state.overlay else {
            Issue.record("the form closed although nothing was written")
            return
        }
        #expect(form.text(.issuer) == "Taizhou Met")
        #expect(h.lines.joined().contains("No space left on device"))
        // Saving again writes both.
        h.press(.ctrl("s"))
        #expect(station.events.count == 2)
        #expect(h.state.overlay == nil)
    }

    @Test func controlCharactersInAHeadlineNeverReachTheScreen() {
        var hostile = Self.redRain
        hostile.headline = "暴雨\u{1B}[2J\u{1B}]0;pwned\u{07}红色\u{9B}31m"
        hostile.areas = ["兴化\u{1B}[31m市"]
        let (h, _) = Self.harness([hostile], language: .zh)
        h.press(.function(4))
        h.press(.enter)
        for line in h.lines {
            #expect(!line.unicodeScalars.contains { $0.value < 0x20 || (0x7F..<0xA0).contains($0.value) }, "\(line)")
        }
    }
}
