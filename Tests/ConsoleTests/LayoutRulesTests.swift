import Console
import ConsoleTestSupport
import DutyModel
import Foundation
import Testing
import TerminalUI

/// #23 items 6 and 8, as the duty officer sees them: the selected row is told apart
/// from every status in every theme on every terminal, and the next report's deadline
/// is the last thing the status bar or a list gives up, at 60×16, 80×24 and 200×60.
@Suite struct LayoutRulesTests {
    static let sizes = [Size(width: 60, height: 16), Size(width: 80, height: 24), Size(width: 200, height: 60)]
    static let themes = ["default", "night", "high-contrast", "mono", "light"]
    static let capabilities: [ColorCapability] = [.colors256, .colors8, .monochrome]

    /// The fixture's duty room with one more incident: a long place and a long type name.
    static func station() -> TempStation {
        let station = DutyFixture.station()
        var f = Zhiban_Events_V1_IncidentFields()
        f.receivedAtMs = Int64(DutyFixture.at("2026-11-23T13:50:00+08:00").timeIntervalSince1970 * 1000)
        var p = Zhiban_Events_V1_Place()
        p.county = "泰兴市"; p.town = "泰兴经济开发区"; p.village = "化工园区"
        p.detail = "某化工企业储罐区东侧三号门外沿江公路与疏港大道交叉口往北约三百米处"
        f.place = p
        f.category = "accident"
        f.type = "road_passenger_hazmat"
        f.description_p = "危化品运输车与客车刮擦"
        var m = Zhiban_Events_V1_IncidentReceived()
        m.incidentID = "TZ-20261123-006"
        m.fields = f
        m.grade = "IV"
        station.append(EventDraft(m), at: DutyFixture.at("2026-11-23T13:51:00+08:00"), operatorName: "高鹏")
        return station
    }

    static func harness(_ language: Language, _ size: Size, now: String = "2026-11-23T14:05:00+08:00",
                        theme: String = "default", capability: ColorCapability = .colors256,
                        station: TempStation = station()) -> ConsoleHarness {
        ConsoleHarness(size: size, language: language, theme: theme, now: now, capability: capability,
                       station: station, operatorName: "高鹏")
    }

    // MARK: - the status bar (item 8)

    @Test("the status bar keeps the next report due, the overdue count and (from 80 columns) the operator",
          arguments: Language.allCases, sizes)
    func statusBarKeepsTheDeadline(_ language: Language, _ size: Size) {
        let h = Self.harness(language, size)
        let bar = h.lines[size.height - 1]
        let next = language == .zh ? ["下次报送 14:20", "报送 14:20"] : ["next report 14:20", "next 14:20"]
        #expect(next.contains { bar.contains($0) }, "\(size) \(language): \(bar)")
        #expect(bar.contains(language == .zh ? "!! 超时未报 6" : "!! 6 overdue"), "\(size) \(language): \(bar)")
        #expect(bar.contains("14:05:00"), "the clock: \(bar)")
        if size.width >= 80 { #expect(bar.contains("高鹏"), "the operator at \(size) \(language): \(bar)") }
        if size.width >= 200 {
            #expect(bar.contains(language == .zh ? "下次报送 14:20" : "next report 14:20") && bar.contains("2026-11-23 14:05:00"))
        }
    }

    @Test("in the half hour before the change the handover joins the bar and the next report stays",
          arguments: Language.allCases, sizes)
    func statusBarKeepsTheDeadlineAtTheHandover(_ language: Language, _ size: Size) throws {
        // An incident received at 08:05 owes its phone report after 08:10: the next one due.
        func station() -> TempStation {
            let station = Self.station()
            station.append(DutyFixture.incident("TZ-20261124-001", received: "2026-11-24T08:05:00+08:00", category: "natural",
                                                type: "waterlogging", place: ("海陵区", "城东街道", ""), grade: "IV",
                                                description: "道路积水"),
                           at: DutyFixture.at("2026-11-24T08:06:00+08:00"), operatorName: "高鹏")
            return station
        }
        let wide = Self.harness(language, Size(width: 240, height: 60), now: "2026-11-24T08:10:00+08:00", station: station())
        let full = wide.lines[59]
        #expect(full.contains(language == .zh ? "交接班：未开始" : "handover: not started"), "\(full)")
        let label = language == .zh ? "下次报送 " : "next report "
        let at = try #require(full.range(of: label).map { String(full[$0.upperBound...].prefix(5)) }, "\(full)")
        let h = Self.harness(language, size, now: "2026-11-24T08:10:00+08:00", station: station())
        let bar = h.lines[size.height - 1]
        let short = language == .zh ? "报送 " : "next "
        #expect(bar.contains(label + at) || bar.contains(short + at), "\(size) \(language): \(bar)")
        #expect(bar.contains(language == .zh ? "超时未报" : "overdue"), "\(bar)")
    }

    // MARK: - the incidents list (item 8)

    /// Each incident's row, by id.
    static func rows(_ h: ConsoleHarness) -> [String: String] {
        var out: [String: String] = [:]
        for line in h.lines {
            guard let r = line.range(of: "TZ-2026112[0-9]-00[0-9]", options: .regularExpression) else { continue }
            out[String(line[r])] = out[String(line[r])] ?? line
        }
        return out
    }

    @Test("the incidents list: the next report whole at every size, the type whole at 200 however long the place",
          arguments: Language.allCases)
    func incidentsListKeepsTheDeadline(_ language: Language) throws {
        let wide = Self.harness(language, Size(width: 200, height: 60))
        wide.press(.char("3"))
        let header = try #require(wide.lines.first { $0.contains(UIText.incidents(.columnNextReport).text(language)) })
        let column = try #require(header.range(of: UIText.incidents(.columnNextReport).text(language)))
        let start = header[..<column.lowerBound].displayWidth
        // The deadline texts as the 200-column list shows them, from its last column.
        var deadlines: [String: String] = [:]
        for (id, line) in Self.rows(wide) {
            var width = 0
            var text = ""
            for ch in line {
                if width >= start { text.append(ch) }
                width += DisplayWidth.of(ch)
            }
            deadlines[id] = text.trimmingCharacters(in: .whitespaces)
        }
        #expect(deadlines.count == 6)
        #expect(deadlines.values.contains { $0.contains(language == .zh ? "超时 电话初报" : "LATE phone") })
        #expect(deadlines.values.allSatisfy { !$0.contains("…") && !$0.isEmpty }, "\(deadlines)")
        // Type names whole beside a place of 60 columns and more.
        let rows = Self.rows(wide)
        #expect(rows["TZ-20261123-006"]?.contains(language == .zh ? "两客一危" : "Coaches, tour buses and hazmat vehicles") == true,
                "\(rows["TZ-20261123-006"] ?? "")")
        #expect(rows["TZ-20261123-003"]?.contains(language == .zh ? "危化品运输" : "Hazardous chemicals: road tanker") == true)
        for size in Self.sizes.dropLast() {
            let h = Self.harness(language, size)
            h.press(.char("3"))
            let shown = Self.rows(h)
            #expect(!shown.isEmpty)
            for (id, line) in shown {
                #expect(line.contains(deadlines[id] ?? "?"), "\(size) \(language) \(id): \(line) lacks \(deadlines[id] ?? "?")")
            }
        }
    }

    @Test("the columns give way in their order: at 60 the received time and the grade go, id, place and type stay",
          arguments: Language.allCases)
    func incidentsColumnsGiveWayInOrder(_ language: Language) {
        let h = Self.harness(language, Size(width: 60, height: 16))
        h.press(.char("3"))
        let header = h.lines[2]
        for kept in [UIText.incidents(.columnIncidentID), .incidents(.columnPlace), .incidents(.columnType), .incidents(.columnNextReport)] {
            #expect(header.contains(kept.text(language)), "\(header)")
        }
        for gone in [UIText.incidents(.columnReceived), .incidents(.columnGrade)] {
            #expect(!header.contains(gone.text(language)), "\(header)")
        }
        let wide = Self.harness(language, Size(width: 80, height: 24))
        wide.press(.char("3"))
        for kept in [UIText.incidents(.columnReceived), .incidents(.columnGrade), .incidents(.columnStatus)] {
            #expect(wide.lines[2].contains(kept.text(language)), "\(wide.lines[2])")
        }
    }

    // MARK: - the selection against the statuses (item 6)

    /// The list rows of the screen: lines whose text starts with `marker` after the margin.
    static func listRows(_ h: ConsoleHarness, where isRow: (String) -> Bool) -> [Int] {
        h.lines.indices.filter { y in y > 1 && isRow(h.lines[y]) }
    }

    /// For each row selected in turn: its first cell looks different from the status of
    /// every row (its own included), and the rest of it keeps its own status.
    func checkSelection(_ h: ConsoleHarness, rows: [Int], steps: Int, minimumStatuses: Int, label: String) {
        let width = h.state.size.width
        let selection = h.state.theme[.selection]
        func first(_ y: Int) -> Style { h.screen[1, y].style }
        func rest(_ y: Int) -> Style { h.screen[width - 2, y].style }
        // The statuses as drawn, each taken while the row is not selected.
        var statuses: [Int: Style] = [:]
        var seen = Set<Int>()
        for step in 0..<steps {
            let selected = rows.filter { first($0) == selection }
            #expect(selected.count == 1, "\(label) step \(step): one row selected, not \(selected)")
            guard let y = selected.first else { return }
            seen.insert(y)
            for r in rows where r != y {
                if let known = statuses[r] { #expect(rest(r) == known, "\(label): row \(r) changed without being selected") }
                statuses[r] = rest(r)
            }
            h.press(.down)
        }
        #expect(seen.count >= 3, "\(label): the selection moved over the rows \(seen)")
        let distinct = Set(statuses.values.map(\.description))
        #expect(distinct.count >= minimumStatuses, "\(label): rows of \(minimumStatuses) statuses at least: \(distinct)")
        // Selected again, each row keeps its status beyond the first cell.
        h.press(.home)
        for step in 0..<steps {
            guard let y = rows.first(where: { first($0) == selection }) else { break }
            if let status = statuses[y] {
                #expect(rest(y) == status, "\(label) step \(step): the selected row lost its status")
            }
            for r in rows {
                guard let status = statuses[r] else { continue }
                #expect(selection.looksDifferent(from: status),
                        "\(label): the selection \(selection) looks like row \(r)'s status \(status)")
            }
            h.press(.down)
        }
    }

    @Test("warnings of every colour: the selected row stands out and keeps its colour, in every theme on every terminal",
          arguments: themes, capabilities)
    func warningSelection(_ theme: String, _ capability: ColorCapability) {
        let station = TempStation()
        for w in [WarningScreenTests.redRain, WarningScreenTests.orangeGale, WarningScreenTests.yellowFogExpired,
                  WarningScreenTests.blueExercise] {
            station.append(.warningReceived(w), at: w.sentAt, operatorName: "cap")
        }
        station.append(.warningReceived(WarningScreenTests.warning(
            "TZ-QX-004", type: "heat", level: 3, areas: ["泰州市"], towns: ["城东街道"], sent: "2026-11-23T11:00:00+08:00",
            expires: "2026-11-23T23:00:00+08:00", headline: "泰州市气象台发布高温黄色预警信号")),
                       at: DutyFixture.at("2026-11-23T11:00:00+08:00"), operatorName: "cap")
        station.append(.warningReceived(WarningScreenTests.warning(
            "TZ-QX-005", type: "gale", level: 4, areas: ["高港区"], towns: ["口岸街道"], sent: "2026-11-23T10:00:00+08:00",
            expires: "2026-11-23T22:00:00+08:00", headline: "泰州市气象台发布大风蓝色预警信号")),
                       at: DutyFixture.at("2026-11-23T10:00:00+08:00"), operatorName: "cap")
        // Red and orange sent minutes ago: their acknowledgement not yet due, so drawn in their colours.
        for (id, level, sent) in [("TZ-QX-006", 1, "2026-11-23T14:01:00+08:00"), ("TZ-QX-007", 2, "2026-11-23T14:00:00+08:00")] {
            station.append(.warningReceived(WarningScreenTests.warning(
                id, type: "rainstorm", level: level, areas: ["兴化市"], towns: ["昭阳街道"], sent: sent,
                expires: "2026-11-23T23:00:00+08:00", headline: "泰州市气象台发布暴雨预警信号")),
                           at: DutyFixture.at(sent), operatorName: "cap")
        }
        let h = ConsoleHarness(size: Size(width: 80, height: 24), language: .zh, theme: theme, now: WarningScreenTests.now,
                               capability: capability, station: station, operatorName: "罗燕")
        h.press(.function(4))
        let rows = Self.listRows(h) { $0.hasPrefix(" ■") }
        #expect(rows.count == 8, "\(h.lines.joined(separator: "\n"))")
        checkSelection(h, rows: rows, steps: 8, minimumStatuses: 4, label: "warnings \(theme) \(capability)")
    }

    @Test("overdue and plain incidents: the selected row stands out and keeps its status, in every theme on every terminal",
          arguments: themes, capabilities)
    func incidentSelection(_ theme: String, _ capability: ColorCapability) {
        let h = Self.harness(.en, Size(width: 80, height: 24), theme: theme, capability: capability)
        h.press(.char("3"))
        let rows = Self.listRows(h) { $0.hasPrefix(" TZ-") }
        #expect(rows.count == 6)
        checkSelection(h, rows: rows, steps: 6, minimumStatuses: 2, label: "incidents \(theme) \(capability)")
    }
}
