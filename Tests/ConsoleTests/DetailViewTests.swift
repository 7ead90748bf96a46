@testable import Console
import ConsoleTestSupport
import DutyModel
import Foundation
import Testing
import TerminalUI

/// #23 item 4: every detail view (incident, warning, resource, duty-log entry)
/// scrolls instead of hiding lines behind "…", wraps by display width, and a
/// numbered instruction wraps with its number standing alone; at 80×24,
/// 60×16 and 200×60 in both languages.
@Suite struct DetailViewTests {
    typealias Case = ScreenCase
    static let cases = ScreenCase.all

    // MARK: reading a detail on screen

    /// The text rows the open detail shows (its page), trailing blanks trimmed, and its bottom border.
    static func shown(_ h: ConsoleHarness) -> (rows: [String], border: String) {
        let state = h.state
        let layout = DetailView.layout(state, DetailView.content(state)!, area: RootView.body(state))
        let page = Rect(x: layout.inner.x, y: layout.inner.y, width: layout.inner.width, height: layout.page)
        return (text(of: h.screen, in: page), h.screen.line(layout.box.maxY - 1))
    }

    /// Every row of the open detail as the officer reads it: from the top, one ↓ at a time to the end.
    static func readThrough(_ h: ConsoleHarness) -> [String] {
        h.press(.home)
        var rows = shown(h).rows
        var scroll = h.state.overlay?.detailScroll
        for _ in 0..<500 {
            h.press(.down)
            guard h.state.overlay?.detailScroll != scroll else { break }
            scroll = h.state.overlay?.detailScroll
            rows.append(shown(h).rows.last ?? "")
        }
        while rows.last == "" { rows.removeLast() }
        return rows
    }

    /// The rows the detail has, wrapped, as its layout holds them.
    static func allRows(_ h: ConsoleHarness) -> [String] {
        let state = h.state
        var rows = DetailView.layout(state, DetailView.content(state)!, area: RootView.body(state)).rows.map { row -> String in
            var s = row.0
            while s.last == " " { s.removeLast() }
            return s
        }
        while rows.last == "" { rows.removeLast() }
        return rows
    }

    // MARK: a warning with everything a duty officer must find

    static let instruction = """
        1. 政府及相关部门按照职责做好防暴雨应急和抢险工作，各级防汛责任人立即到岗到位；
        2. 切断有危险的室外电源，暂停户外作业；
        3. 处于危险地带的单位应当停课、停业，采取专门措施保护已到校学生、幼儿和其他上班人员的安全，必要时启动人员转移预案，做好转移群众的安置和生活保障工作；
        4. 做好城市、农田的排涝，注意防范可能引发的山洪、滑坡、泥石流等灾害；
        5. 群众留在安全处所，远离低洼地带、地下空间和河道；
        6. 值班人员保持通信畅通，随时报告雨情、水情、灾情。
        """

    static func longWarning() -> WarningInfo {
        var w = WarningScreenTests.redRain
        w.towns = ["沙沟镇", "千垛镇", "周庄镇", "陈堡镇", "戴窑镇", "合陈镇", "永丰镇", "新垛镇", "安丰镇", "海南镇", "钓鱼镇", "大邹镇"]
        w.description = "（1）兴化市过去3小时降雨量已达100毫米以上，城区多处道路积水；\n（2）预计未来3小时内强降雨仍将持续，累计雨量可达150毫米以上。"
        w.instruction = instruction
        return w
    }

    @Test(arguments: cases)
    func everyLineOfAWarningIsReachable(_ c: Case) {
        let (h, _) = WarningScreenTests.harness([Self.longWarning()], language: c.language, size: c.size)
        h.press(.function(4), .enter)
        let lang = c.language
        let all = Self.allRows(h)
        let read = Self.readThrough(h)
        // Nothing is cut out: what ↓ shows, row by row, is the whole detail.
        #expect(read == all, "\(c.testDescription):\n\(read.joined(separator: "\n"))\n--- expected\n\(all.joined(separator: "\n"))")
        #expect(!read.contains { $0.trimmingCharacters(in: .whitespaces) == "…" })
        let text = read.joined(separator: "\n")
        let colon = lang == .zh ? "：" : ": "
        for part in [WarningText.detailIssuer.text(lang) + colon + "泰州市气象台", WarningText.detailArea.text(lang) + colon + "兴化市沙沟镇",
                     WarningText.detailAck.text(lang) + colon, WarningText.detailCoverage.text(lang) + colon,
                     WarningText.detailInstruction.text(lang), "1. 政府", "6. 值班人员", "（2）预计"] {
            #expect(text.contains(part), "\(part) not reachable at \(c.testDescription)")
        }
        // Where it stands: at 200×60 it fits; smaller it scrolls, the marks and keys say so.
        h.press(.home)
        let first = Self.shown(h)
        let footer = h.lines.joined(separator: "\n")
        if c.size.width == 200 {
            #expect(h.state.overlay?.detailScroll == 0 && !first.border.contains("▼") && !footer.contains("PgUp"))
        } else {
            #expect(first.border.contains("▼ 1–") && first.border.contains("/\(all.count)"), "\(first.border)")
            #expect(footer.contains("↑↓ PgUp PgDn"))
            h.press(.end)
            let last = Self.shown(h)
            #expect(last.border.contains("▲") && !last.border.contains("▼") && last.border.contains("–\(all.count)/\(all.count)"), "\(last.border)")
            #expect(last.rows.last == all.last)
        }
    }

    @Test(arguments: cases)
    func numberedInstructionsWrapWithTheirNumber(_ c: Case) {
        let (h, _) = WarningScreenTests.harness([Self.longWarning()], language: c.language, size: c.size)
        h.press(.function(4), .enter)
        let rows = Self.readThrough(h)
        // Item 3 is longer than any detail box is wide: its continuation stands under its text, the number alone.
        let at = rows.firstIndex { $0.hasPrefix("3. 处于危险地带") }
        #expect(at != nil, "\(c.testDescription):\n\(rows.joined(separator: "\n"))")
        if let at {
            let next = rows[at + 1]
            #expect(next.hasPrefix("   ") && next.dropFirst(3).first != " " && !next.hasPrefix("   4."), "\(c.testDescription): \(next)")
            #expect(rows[at...].first { $0.hasPrefix("4. ") } != nil)
        }
        // "（1）" hangs the same way (five columns: two wide parentheses and the digit).
        if let one = rows.firstIndex(where: { $0.hasPrefix("（1）") }), rows[one + 1].first == " " {
            #expect(rows[one + 1].hasPrefix("     ") && rows[one + 1].dropFirst(5).first != " ")
        }
        // Every row within the box, by display width.
        let width = DetailView.layout(h.state, DetailView.content(h.state)!, area: RootView.body(h.state)).inner.width
        #expect(rows.allSatisfy { $0.displayWidth <= width })
    }

    // MARK: an incident with a long timeline

    static let id = "TZ-20261123-003"

    static func noisyStation(notes: Int = 30) -> TempStation {
        let station = DutyFixture.station()
        for i in 1...notes {
            station.append(.incidentNoted(id: id, text: "现场反馈第\(i)次：泄漏点已用沙袋围堵，下风向500米内人员已撤离"),
                           at: DutyFixture.at("2026-11-23T13:30:00+08:00").addingTimeInterval(Double(i) * 60), operatorName: "罗燕")
        }
        return station
    }

    @Test(arguments: cases)
    func theIncidentOpensOnItsFactsAndTheNewestIsAScrollAway(_ c: Case) {
        let h = ConsoleHarness(size: c.size, language: c.language, now: "2026-11-23T14:05:00+08:00", station: Self.noisyStation(), operatorName: "高鹏")
        h.press(.char("3"), .enter)            // the newest first: 003
        #expect(h.state.overlay == .incidentDetail(Self.id))
        let first = Self.shown(h).rows.joined(separator: "\n")
        #expect(first.contains("危化品槽罐车侧翻，少量泄漏"), "the description at the top at \(c.testDescription):\n\(first)")
        #expect(!first.contains("\n …\n"))
        h.press(.end)
        let last = Self.shown(h).rows.joined(separator: "\n")
        #expect(last.contains("现场反馈第30次"), "the newest note at the end at \(c.testDescription):\n\(last)")
        #expect(Self.readThrough(h) == Self.allRows(h))
    }

    @Test func scrollKeysMoveWithinTheTextAndNoFurther() {
        let h = ConsoleHarness(size: Size(width: 80, height: 24), language: .en, now: "2026-11-23T14:05:00+08:00", station: Self.noisyStation(),
                               operatorName: "高鹏")
        h.press(.char("3"), .enter)
        let state = h.state
        let layout = DetailView.layout(state, DetailView.content(state)!, area: RootView.body(state))
        let rows = Self.allRows(h)
        func scroll() -> Int? { h.state.overlay?.detailScroll }
        #expect(layout.scrolls && layout.maxTop == layout.rows.count - layout.page)
        #expect(scroll() == 0)
        h.press(.up)
        #expect(scroll() == 0, "not above the top")
        h.press(.down)
        #expect(scroll() == 1 && Self.shown(h).rows.first == rows[1])
        h.press(.char("j"), .char("j"))
        #expect(scroll() == 3)
        h.press(.char("k"))
        #expect(scroll() == 2)
        h.press(.pageDown)
        #expect(scroll() == min(layout.maxTop, 2 + layout.page - 1), "a page keeps one row of the last in view")
        h.press(.end)
        #expect(scroll() == layout.maxTop)
        h.press(.down, .pageDown)
        #expect(scroll() == layout.maxTop, "not past the end")
        #expect(Self.shown(h).rows.last == rows.last)
        h.press(.pageUp)
        #expect(scroll() == layout.maxTop - (layout.page - 1))
        h.press(.home)
        #expect(scroll() == 0 && Self.shown(h).rows.first == rows.first)
        // Closed and opened again: at the top.
        h.press(.end, .escape)
        #expect(h.state.overlay == nil)
        h.press(.enter)
        #expect(scroll() == 0)
    }

    @Test func theDetailsOwnKeysStillWorkWhenScrolled() throws {
        // Incident: r opens the report dialog; Esc comes back to the detail.
        let h = ConsoleHarness(size: Size(width: 80, height: 24), language: .zh, now: "2026-11-23T14:05:00+08:00", station: Self.noisyStation(),
                               operatorName: "高鹏")
        h.press(.char("3"), .enter, .pageDown, .down)
        h.press(.char("r"))
        guard case .incidentAction(let dialog) = h.state.overlay else {
            Issue.record("r did not open the report dialog: \(String(describing: h.state.overlay))")
            return
        }
        #expect(dialog.incidentID == Self.id && dialog.action == .report)
        h.press(.escape)
        #expect(h.state.overlay?.detailScroll != nil)
        h.press(.char("9"))
        #expect(h.state.screen == .resources && h.state.overlay == nil)

        // Warning: d opens the checklist, a acknowledges (written to the journal).
        let (w, station) = WarningScreenTests.harness([Self.longWarning()], language: .en)
        w.press(.function(4), .enter, .end)
        w.press(.char("d"))
        guard case .dissemination = w.state.overlay else {
            Issue.record("d did not open the checklist")
            return
        }
        w.press(.escape, .enter, .pageDown, .char("a"))
        #expect(station.decoded.contains { $0 is Zhiban_Events_V1_WarningAcknowledged })
        #expect(w.state.message?.kind == .info)

        // Resource: s opens the status dialog from the scrolled detail.
        let r = ConsoleHarness(size: Size(width: 60, height: 16), language: .en, now: "2026-11-23T14:05:00+08:00", station: DutyFixture.station(),
                               operatorName: "高鹏")
        r.press(.char("9"), .char("/"))
        r.type("海陵大队")
        r.press(.enter, .enter)
        guard case .resourceDetail = r.state.overlay else {
            Issue.record("no resource detail: \(r.lines.joined(separator: "\n"))")
            return
        }
        r.press(.end, .char("s"))
        guard case .resourceAction = r.state.overlay else {
            Issue.record("s did not open the status dialog")
            return
        }
    }

    @Test(arguments: Language.allCases)
    func aLabelsColonIsTheScreensLanguage(_ language: Language) throws {
        let h = ConsoleHarness(size: Size(width: 80, height: 24), language: language, now: "2026-11-23T14:40:00+08:00",
                               station: try ReportingFlagsScreenTests.station(), operatorName: "罗燕")
        h.press(.char("3"), .enter)
        let rows = Self.readThrough(h)
        let label = IntakeText.label(.occurredAt).text(language)
        #expect(rows.contains(label + (language == .zh ? "：" : ": ") + "11-23 12:30"), "\(rows.joined(separator: "\n"))")
        if language == .en { #expect(!rows.joined().contains("："), "no full-width colon on an English screen") }
    }

    @Test(arguments: Language.allCases)
    func aLongDutyLogEntryScrolls(_ language: Language) {
        let station = DutyFixture.station()
        let detail = (1...40).map { "第\($0)行 line \($0)" }.joined(separator: "\n")
        station.append(.logEntry(kind: .callIn, text: "市防指：汛情通报", detail: detail, counterpart: "市防指"),
                       at: DutyFixture.at("2026-11-23T14:00:00+08:00"), operatorName: "高鹏")
        let h = ConsoleHarness(size: Size(width: 60, height: 16), language: language, now: "2026-11-23T14:05:00+08:00", station: station,
                               operatorName: "高鹏")
        h.press(.char("6"), .enter)
        guard case .logDetail = h.state.overlay else {
            Issue.record("no log detail")
            return
        }
        #expect(Self.shown(h).rows.joined().contains("市防指：汛情通报"))
        h.press(.end)
        #expect(Self.shown(h).rows.last == "第40行 line 40")
        #expect(Self.readThrough(h) == Self.allRows(h))
    }
}
