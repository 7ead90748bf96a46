import Console
import ConsoleTestSupport
import DutyModel
import Foundation
import Station
import Testing
import TerminalUI

/// The resources screen (#19): kind tabs, filter as you type (pinyin initials,
/// items), distance from an incident, detail with history, and the actions —
/// dispatch (a second one asks to reassign), issue items, open a shelter (above
/// capacity asks for a note) — each on the incident's timeline and the board.
@Suite(.serialized) struct ResourcesScreenTests {
    static let imported = DutyTime.parseISO8601("2026-11-23T13:50:00+08:00")!

    /// The duty-room fixture with the whole sample registry of SampleData/ imported.
    static func station() throws -> TempStation {
        let station = DutyFixture.station()
        let sampleData = TestPaths.repositoryRoot.appendingPathComponent("SampleData")
        for kind in ["teams", "depots", "stock", "shelters", "fire_stations", "hazards", "monitors", "equipment"] {
            let url = sampleData.appendingPathComponent("taizhou-\(kind).csv")
            let outcome = try station.station.importCSV(try Data(contentsOf: url), file: url.lastPathComponent, operatorName: "王芳", now: imported)
            guard case .imported = outcome else {
                Issue.record("taizhou-\(kind).csv did not import: \(outcome)")
                continue
            }
        }
        station.link.poll()
        return station
    }

    func harness(_ language: Language = .en, size: Size = Size(width: 80, height: 24)) throws -> (ConsoleHarness, TempStation) {
        let station = try Self.station()
        let h = ConsoleHarness(size: size, language: language, now: "2026-11-23T14:05:00+08:00", station: station, operatorName: "高鹏")
        h.press(.char("9"))
        return (h, station)
    }

    /// Names in the list rows (between the header and the detail box).
    func listed(_ h: ConsoleHarness) -> [String] {
        let top = 4, bottom = h.lines.firstIndex { $0.hasPrefix(" ┌") } ?? h.lines.count
        return h.lines[top..<bottom].map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    @Test func nineAndF9OpenItAndTheTabsCount() throws {
        let (h, _) = try harness()
        #expect(h.state.screen == .resources)
        #expect(h.lines[0].contains("9 Resources"))
        #expect(h.lines[1].contains("Resources") && h.lines[1].contains("objects"))
        let all = h.state.duty.resources.count
        #expect(all >= 150, "the whole sample registry: \(all)")
        h.press(.char("1"))
        h.press(.function(9))
        #expect(h.state.screen == .resources)
        // → moves to the teams tab: only teams listed, and the count says so.
        h.press(.right)
        #expect(h.state.resources.kind == .team)
        let teams = h.state.duty.resources.filter { $0.summary.kind == .team }.count
        #expect(teams >= 40 && h.lines[1].contains("\(teams) of \(all)"))
        h.press(.right)
        #expect(h.state.resources.kind == .depot)
        #expect(h.lines[4].contains("depot") || h.lines[4].contains("County") || h.lines[4].contains("City"))
        h.press(.left, .left)
        #expect(h.state.resources.kind == nil)
    }

    @Test(arguments: [
        ("whp", "泰兴经济开发区危化品", true),   // pinyin initials of the name: 危化品
        ("jsy", "应急物资储备库", true),         // an item's initials: 救生衣 held by depots
        ("tent", "应急物资储备库", true),        // an item in English
        ("hazchem", "危化品", true),             // the kind's words
        ("nothing-like-this", "", false),
    ])
    func filterAsYouType(_ query: String, _ expected: String, _ found: Bool) throws {
        let (h, _) = try harness()
        h.press(.char("/"))
        h.type(query)
        #expect(h.state.screen == .resources, "letters typed into the filter are not keys")
        let rows = listed(h)
        if found {
            #expect(!rows.isEmpty && rows.allSatisfy { !$0.isEmpty })
            #expect(rows.contains { $0.contains(expected) }, "\(query): \(rows)")
            #expect(rows.count < h.state.duty.resources.count)
        } else {
            #expect(h.lines.joined().contains("nothing matches; Esc clears the filter"))
        }
        h.press(.enter, .escape)
        #expect(h.state.resources.list.filter.isEmpty)
    }

    @Test func sortedByDistanceFromAnIncident() throws {
        let (h, _) = try harness()
        h.press(.right)                       // teams
        h.press(.char("n"))                   // the newest open incident: TZ-20261123-003 泰兴市虹桥镇
        #expect(h.state.resources.nearIncident == "TZ-20261123-003")
        // Its intake gave no point: measured from its county's registry points, approximately, and said so.
        #expect(h.lines[1].contains("nearest to TZ-20261123-003"))
        #expect(h.lines[1].contains("(no point") || h.lines[1].contains("…"), "\(h.lines[1])")
        let distances = ResourcesView_rowsDistances(h)
        #expect(distances.count >= 10)
        #expect(distances == distances.sorted(), "nearest first: \(distances)")
        #expect(h.lines[3].contains("Distance"))
        #expect(h.lines[4].contains("km"))
        // The nearest teams are in 泰兴市, not in 兴化市 at the far north.
        #expect(h.lines[4..<8].joined().contains("泰兴"))
        // n again: the next open incident; Esc: back to the plain order.
        h.press(.char("n"))
        #expect(h.state.resources.nearIncident != "TZ-20261123-003")
        h.press(.escape)
        #expect(h.state.resources.nearIncident == nil)
        #expect(!h.lines[3].contains("Distance"))
    }

    /// The distances shown, in km, top to bottom.
    func ResourcesView_rowsDistances(_ h: ConsoleHarness) -> [Double] {
        listed(h).compactMap { line in
            guard let range = line.range(of: #"≈?[0-9.]+ km$"#, options: .regularExpression) else { return nil }
            return Double(line[range].filter { $0.isNumber || $0 == "." })
        }
    }

    @Test func nineFromAnIncidentListsTheNearestStandbyHazchemTeam() throws {
        let (h, station) = try harness()
        // Give the incident its point (七圩港, on the Yangtze in 泰兴市).
        var place = Zhiban_Events_V1_Place()
        place.county = "泰兴市"; place.town = "虹桥镇"; place.hasCoordinates_p = true; place.lat = 32.031; place.lon = 120.054
        var fields = Zhiban_Events_V1_IncidentFields(); fields.place = place
        var m = Zhiban_Events_V1_IncidentUpdated(); m.incidentID = "TZ-20261123-003"; m.fields = fields
        station.append(EventDraft(m), at: DutyTime.parseISO8601("2026-11-23T13:55:00+08:00")!, operatorName: "高鹏")
        h.advance(seconds: 1)
        h.press(.char("3"))
        h.press(.char("/"))
        h.type("003")
        h.press(.enter, .enter)
        #expect(h.state.overlay == .incidentDetail("TZ-20261123-003"))
        h.press(.char("9"))
        #expect(h.state.screen == .resources && h.state.resources.nearIncident == "TZ-20261123-003")
        #expect(!h.lines[1].contains("approximately"))
        h.press(.char("/"))
        h.type("whp")
        h.press(.enter)
        let rows = listed(h)
        #expect(rows.first?.contains("泰兴经济开发区危化") == true, "\(h.lines.joined(separator: "\n"))")
        #expect(rows.first?.contains("Standby") == true)
    }

    @Test func dispatchAskedTwiceIsAReassignmentAndBothAreOnTheTimeline() throws {
        let (h, station) = try harness()
        h.press(.char("/"))
        h.type("T009")
        h.press(.enter)
        h.press(.char("d"))
        guard case .resourceAction(let dialog) = h.state.overlay else {
            Issue.record("d did not open the dispatch dialog: \(String(describing: h.state.overlay))")
            return
        }
        #expect(dialog.action == .dispatch)
        #expect(h.lines.joined().contains("Dispatch team: 泰兴经济开发区危化品应急救援中心"))
        // Who ordered it is required.
        h.press(.enter)
        #expect(h.lines.joined().contains("say who ordered the dispatch"))
        // Letters in the headcount are refused at the key.
        h.press(.up)
        h.type("x")
        #expect(h.lines.joined().contains("“x” not taken: Headcount takes digits only"))
        for _ in 0..<2 { h.press(.backspace) }
        h.type("40")
        h.press(.down)
        h.type("孙立新")
        h.press(.enter)
        #expect(h.state.overlay == nil)
        #expect(h.lines[22].contains("dispatched 泰兴经济开发区危化品应急救援中心 to TZ-20261123-003"))
        let dispatches = station.decoded.compactMap { $0 as? Zhiban_Events_V1_TeamDispatched }
        #expect(dispatches.last?.teamID == "T009" && dispatches.last?.headcount == 40 && dispatches.last?.orderedBy == "孙立新")
        #expect(station.events.last?.operatorName == "高鹏")
        #expect(listed(h).first?.contains("Dispatched") == true)
        // A second dispatch asks, then reassigns.
        h.press(.char("d"))
        h.press(.right)                       // another open incident
        h.type("孙立新")
        h.press(.enter)
        #expect(h.lines.joined().contains("is on TZ-20261123-003. Press Enter"))
        #expect(h.lines.joined().contains("again to reassign it"))
        let before = station.events.count
        h.press(.enter)
        #expect(station.events.count == before + 2, "the dispatch and the team's status")
        #expect(h.state.overlay == nil)
        // The incident's timeline has the first dispatch.
        h.press(.char("3"))
        h.press(.char("/"))
        h.type("003")
        h.press(.enter, .enter)
        let detail = h.lines.joined(separator: "\n")
        #expect(detail.contains("dispatched 泰兴经济开发区危化品应急救援中心, 40 people"), "\(detail)")
    }

    @Test func issueTwoHundredTentsAndNeverBelowZero() throws {
        let (h, station) = try harness(.zh)
        h.press(.char("/"))
        h.type("D05")
        h.press(.enter)
        h.press(.char("i"))
        guard case .resourceAction(let dialog) = h.state.overlay else {
            Issue.record("i did not open the issue dialog")
            return
        }
        #expect(dialog.choices[0].value == "tent")
        #expect(dialog.choices[1].value == "incident:TZ-20261123-003")
        h.type("200")
        h.press(.enter)
        #expect(h.lines[22].contains("已从 泰兴市应急物资储备库 调拨 帐篷200顶 至 TZ-20261123-003"), "\(h.lines[22])")
        let change = station.decoded.compactMap { $0 as? Zhiban_Events_V1_StockChanged }.last
        #expect(change?.delta == -200 && change?.reason == "issue" && change?.incidentID == "TZ-20261123-003")
        #expect(h.lines.joined().contains("帐篷790顶"))
        // More than the depot holds: refused in the dialog, nothing written.
        h.press(.char("i"))
        h.type("5000")
        let count = station.events.count
        h.press(.enter)
        #expect(station.events.count == count)
        #expect(h.lines.joined().contains("库存帐篷仅 790顶，不足 5000"))
        h.press(.escape)
        // The incident's timeline and the detail's history both say it.
        h.press(.enter)
        #expect(h.lines.joined().contains("调出 帐篷200顶 → TZ-20261123-003（高鹏）"))
        h.press(.escape, .char("3"), .char("/"))
        h.type("003")
        h.press(.enter, .enter)
        #expect(h.lines.joined().contains("泰兴市应急物资储备库 调拨 帐篷200顶（高鹏）"))
    }

    @Test func aShelterAboveCapacityNeedsANote() throws {
        let (h, station) = try harness()
        h.press(.char("/"))
        h.type("S001")
        h.press(.enter, .char("s"))
        guard case .resourceAction(let dialog) = h.state.overlay, dialog.action == .shelter else {
            Issue.record("s did not open the shelter dialog")
            return
        }
        #expect(dialog.choices[0].value == "open", "a closed shelter is offered to open")
        h.press(.backspace)
        h.type("200000")
        h.press(.enter, .enter)
        #expect(h.lines.joined().contains("200000 people is above the capacity of 104000"))
        let count = station.events.count
        // Enter again without a note: still not written.
        h.press(.enter)
        #expect(station.events.count == count)
        #expect(h.lines.joined().contains("a note saying why is required"))
        h.type("体育场临时加开")
        h.press(.enter)
        #expect(station.events.count == count + 1)
        let status = station.decoded.compactMap { $0 as? Zhiban_Events_V1_ShelterStatusChanged }.last
        #expect(status?.occupancy == 200000 && status?.status == "open" && status?.note == "体育场临时加开")
        // The board counts it.
        h.press(.char("1"))
        #expect(h.lines.joined().contains("shelters open 2 (200000/114000)"), "S001 and the one the sample registry has open")
    }

    @Test func arrivalReturnAndItemsTakenBack() throws {
        let (h, station) = try harness()
        h.press(.char("/"))
        h.type("T009")
        h.press(.enter, .char("d"))
        h.type("孙立新")
        h.press(.enter)
        // s after a dispatch offers the arrival, then the return, then standby.
        for expected in ["on_scene", "returning", "standby"] {
            h.press(.char("s"))
            guard case .resourceAction(let dialog) = h.state.overlay else {
                Issue.record("s did not open the team's status")
                return
            }
            #expect(dialog.choices[0].value == expected)
            h.press(.enter)
            #expect(station.decoded.compactMap { $0 as? Zhiban_Events_V1_TeamStatusChanged }.last?.status == expected)
        }
        let statuses = station.decoded.compactMap { $0 as? Zhiban_Events_V1_TeamStatusChanged }.suffix(3)
        #expect(statuses.allSatisfy { $0.incidentID == "TZ-20261123-003" }, "arrival and return concern the incident the team was sent to")
        // Its history in the detail.
        h.press(.enter)
        let detail = h.lines.joined(separator: "\n")
        #expect(detail.contains("Standby · TZ-20261123-003 (高鹏)") && detail.contains("On scene · TZ-20261123-003 (高鹏)"), "\(detail)")
        #expect(detail.range(of: "Standby · TZ")!.lowerBound < detail.range(of: "On scene · TZ")!.lowerBound, "the overlay reads newest first, as the pane does")
        h.press(.escape)
        // Items issued and taken back.
        h.press(.escape)
        h.press(.char("/"))
        h.type("D05")
        h.press(.enter, .char("i"))
        h.type("200")
        h.press(.enter, .char("r"))
        guard case .resourceAction(let back) = h.state.overlay, back.action == .giveBack else {
            Issue.record("r did not open the return dialog")
            return
        }
        h.type("50")
        h.press(.enter)
        #expect(h.lines[22].contains("returned 50 tents to 泰兴市应急物资储备库"))
        let change = station.decoded.compactMap { $0 as? Zhiban_Events_V1_StockChanged }.last
        #expect(change?.delta == 50 && change?.reason == "return" && change?.incidentID == "TZ-20261123-003")
        #expect(h.lines.joined().contains("Tent 840"))
    }

    @Test func aLongHistoryOpensOnTheFactsAndTheNewestAndScrollsToTheOldest() throws {
        let (h, station) = try harness()
        let start = DutyTime.parseISO8601("2026-11-23T13:51:00+08:00")!
        for i in 0..<30 {
            try station.station.moveStock(depot: "D05", item: "tent", quantity: 1, incidentID: "TZ-20261123-003", operatorName: "罗燕",
                                          now: start.addingTimeInterval(Double(i) * 20))
        }
        station.link.poll()
        h.advance(seconds: 1)
        h.press(.char("/"))
        h.type("D05")
        h.press(.enter, .enter)
        #expect(h.state.overlay == .resourceDetail("depot:D05"))
        let text = h.lines.joined(separator: "\n")
        #expect(text.contains("Tent 960"), "the figures stay: \(text)")
        #expect(text.contains("History"))
        #expect(text.contains("14:00  issued 1 tents → TZ-20261123-003 (罗燕)"), "the newest issue (13:51 + 29 × 20 s) shows")
        #expect(!text.contains("13:51  issued"), "the oldest are a scroll away")
        #expect(text.contains("▼ 1–") && text.contains("PgUp PgDn"), "and it says so")
        h.press(.end)
        let end = h.lines.joined(separator: "\n")
        #expect(end.contains("13:51  issued 1 tents → TZ-20261123-003 (罗燕)") && end.contains("▲"), "\(end)")
    }

    @Test func aRefusalForADialogClosedMeanwhileNeverAnswersAnother() throws {
        let (h, _) = try harness()
        h.press(.char("/"))
        h.type("T009")
        h.press(.enter, .char("s"))
        guard case .resourceAction = h.state.overlay else {
            Issue.record("s did not open the status dialog")
            return
        }
        // A dispatch's refusal arriving now (its dialog was left with Esc while saving).
        h.runner.dispatch(.resourceRefused(.teamBusy(team: "T001", incident: "TZ-20261123-001")))
        h.runner.draw()
        guard case .resourceAction(let dialog) = h.state.overlay else {
            Issue.record("the open dialog went")
            return
        }
        #expect(!dialog.confirming && dialog.problem == nil, "the status dialog does not ask to reassign")
        #expect(h.lines[22].contains("not saved: team T001 is on TZ-20261123-001"))
    }

    @Test func itemsAreTakenBackFromAClosedIncident() throws {
        let (h, station) = try harness()
        try station.station.moveStock(depot: "D05", item: "tent", quantity: 30, incidentID: "TZ-20261123-005", operatorName: "罗燕",
                                      now: DutyTime.parseISO8601("2026-11-23T13:55:00+08:00")!)
        station.link.poll()
        h.advance(seconds: 1)
        h.press(.char("/"))
        h.type("D05")
        h.press(.enter, .char("r"))
        guard case .resourceAction(let dialog) = h.state.overlay else {
            Issue.record("r did not open")
            return
        }
        #expect(dialog.choices[1].value == "incident:TZ-20261123-005", "where the items went, though it is closed")
        h.type("30")
        h.press(.enter)
        let change = station.decoded.compactMap { $0 as? Zhiban_Events_V1_StockChanged }.last
        #expect(change?.delta == 30 && change?.incidentID == "TZ-20261123-005")
        // A depot that issued nothing has nothing to take back.
        h.press(.char("/"))
        h.press(.backspace, .backspace, .backspace)
        h.type("D01")
        h.press(.enter, .char("r"))
        #expect(h.state.overlay == nil)
        #expect(h.lines[22].contains("nothing was issued from this depot"))
    }

    @Test func aWrongKeyForTheKindSaysWhatWorks() throws {
        let (h, _) = try harness()
        h.press(.char("/"))
        h.type("S001")
        h.press(.enter, .char("d"))
        #expect(h.state.overlay == nil)
        #expect(h.lines[22].contains("dispatch is for teams"))
        h.press(.char("i"))
        #expect(h.lines[22].contains("issue is for depots"))
    }

    @Test(arguments: Language.allCases)
    func resourcesSnapshot(_ language: Language) throws {
        let (h, _) = try harness(language)
        assertSnapshot(h.screen, named: "resources-80x24-\(language)")
        let (wide, _) = try harness(language, size: Size(width: 200, height: 60))
        wide.press(.right, .char("n"))
        assertSnapshot(wide.screen, named: "resources-teams-near-200x60-\(language)")
        wide.press(.right)                   // depots
        #expect(wide.state.resources.kind == .depot)
        wide.press(.char("/"))
        wide.type("D01")
        wide.press(.enter, .enter)
        assertSnapshot(wide.screen, named: "resources-depot-detail-200x60-\(language)")
    }
}
