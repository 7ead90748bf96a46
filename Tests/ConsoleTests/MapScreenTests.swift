import Console
import ConsoleTestSupport
import DutyModel
import Foundation
import Geo
import Station
import Testing
import TerminalUI

/// The map (#20): the base map and the registry drawn with grid references, in
/// ASCII and Unicode, both languages, 80×24 and 200×60; the keys that move, pan,
/// zoom, fit, toggle layers, jump between objects and act on them; `:goto`.
@Suite(.serialized) struct MapScreenTests {
    /// The resources fixture, with incident 003 given its point (泰兴市虹桥镇).
    func harness(_ language: Language = .en, size: Size = Size(width: 80, height: 24)) throws -> (ConsoleHarness, TempStation) {
        let station = try ResourcesScreenTests.station()
        var place = Zhiban_Events_V1_Place()
        place.county = "泰兴市"; place.town = "虹桥镇"; place.hasCoordinates_p = true; place.lat = 32.031; place.lon = 120.054
        var fields = Zhiban_Events_V1_IncidentFields(); fields.place = place
        var m = Zhiban_Events_V1_IncidentUpdated(); m.incidentID = "TZ-20261123-003"; m.fields = fields
        station.append(EventDraft(m), at: DutyTime.parseISO8601("2026-11-23T13:55:00+08:00")!, operatorName: "高鹏")
        let h = ConsoleHarness(size: size, language: language, now: "2026-11-23T14:05:00+08:00", station: station, operatorName: "高鹏")
        h.press(.char("5"))
        return (h, station)
    }

    /// The map's rows (below the tab bar, above the panel).
    func mapText(_ h: ConsoleHarness) -> String {
        // Below the tab bar (whose words hold the same capitals as the symbols), above the panel.
        // The panel stands right of the map from 70 columns (38 wide from 110, 30 below), under it on narrower terminals.
        let width = h.state.size.width
        let rect = width >= 70 ? 1..<(h.state.size.height - 2) : 1..<(h.state.size.height - 8)
        return h.lines[rect].map { String($0.prefix(width >= 110 ? width - 38 : width >= 70 ? width - 30 : width)) }.joined(separator: "\n")
    }

    @Test func theMapShowsTaizhouWithGridReferencesAndTheRegistry() throws {
        let (h, _) = try harness()
        #expect(h.state.screen == .map)
        let text = mapText(h)
        // Grid letters on the top row, numbers down the side.
        #expect(h.lines[1].contains("A") && h.lines[1].contains("J"))
        #expect(h.lines[2...].contains { $0.hasPrefix(" 1") })
        // Towns, symbols of every kind, the water and the canal.
        // The map's own cells: past the row of letters, right of the row numbers.
        let body = text.split(separator: "\n", omittingEmptySubsequences: false).dropFirst().map { String($0.dropFirst(3)) }.joined(separator: "\n")
        for piece in ["Xinghua", "Taixing", "T", "D", "S", "F", "X", "M", "E", "!", "~"] {
            #expect(body.contains(piece), "\(piece) missing:\n\(body)")
        }
        #expect(h.lines.joined().contains("Cursor "))
    }

    @Test func layersToggleByTheirCapital() throws {
        // In Chinese: the labels hold no Latin capitals, so every one on the map is a symbol.
        let (h, _) = try harness(.zh, size: Size(width: 200, height: 60))
        let before = mapText(h)
        #expect(before.contains("!") && MapPrinterCheck.symbols(before) > 50)
        h.press(.char("I"))
        #expect(h.state.map.hidden.contains(.incidents))
        #expect(!mapText(h).contains("!"), "the incidents layer is off")
        #expect(h.lines[58].contains("隐藏 未结事件"))
        #expect(h.lines.joined().contains("I □ ! 未结事件"))
        for layer in MapLayer.allCases where layer != .incidents { h.press(.char(layer.key)) }
        let bare = mapText(h)
        #expect(MapPrinterCheck.symbols(bare) == 0, "every layer off: no object drawn:\n\(bare)")
        h.press(.char("T"))
        #expect(MapPrinterCheck.symbols(mapText(h)) > 30, "teams back")
    }

    @Test func zoomPanFitAndTheCursor() throws {
        let (h, _) = try harness()
        let fitted = h.state.map
        h.press(.char("+"))
        #expect(h.state.map.zoom == 1)
        #expect(h.lines[22].contains("zoom 1"))
        h.press(.char("z"), .char("z"))
        #expect(h.state.map.zoom == -1)
        h.press(.char("a"), .char("a"))
        h.press(.char("L"))
        let centre = try #require(h.state.map.centre)
        h.press(.char("H"))
        #expect(h.state.map.centre != centre)
        // The cursor moves a cell and its grid reference follows in the panel.
        let panelBefore = h.lines[18...21].joined()
        for _ in 0..<6 { h.press(.char("l")) }
        #expect(h.lines[18...21].joined() != panelBefore)
        h.press(.char("0"))
        #expect(h.state.map.zoom == 0 && h.state.map.centre == nil && h.state.map.cursor == nil)
        #expect(h.state.map.hidden == fitted.hidden)
    }

    @Test func gotoAGridSquareOrAPoint() throws {
        let (h, _) = try harness()
        h.command("goto C7")
        #expect(h.state.screen == .map)
        #expect(h.lines[22].contains("at C7"))
        #expect(h.lines.joined().contains("Cursor C7"))
        // A grid reference read off the screen finds the same square.
        let grid = MapGrid(box: GeoBox(south: 31.85, west: 119.55, north: 33.25, east: 120.60))
        #expect(grid.reference(try #require(h.state.map.cursor)) == "C7")
        h.command("goto 32.49,119.92")
        #expect(h.lines.joined().contains("Cursor " + (grid.reference(GeoPosition(lat: 32.49, lon: 119.92)) ?? "?")))
        h.command("goto Z99")
        #expect(h.state.message?.kind == .error && h.lines[22].contains("no such place: Z99"))
        h.press(.char("1"))
        h.command("goto E8")
        #expect(h.state.screen == .map, ":goto from another screen opens the map")
    }

    @Test func nextObjectEnterAndDispatchFromTheMap() throws {
        let (h, station) = try harness(size: Size(width: 200, height: 60))
        // n walks the objects; an incident's panel lists the nearest standby teams with an estimate.
        var guard_ = 0
        while h.state.map.selected != "incident:TZ-20261123-003" && guard_ < 400 {
            h.press(.char("n"))
            guard_ += 1
        }
        #expect(h.state.map.selected == "incident:TZ-20261123-003")
        let panel = h.lines.map { String($0.suffix(37)) }.joined(separator: "\n")
        #expect(panel.contains("Nearest standby teams"), "\(panel)")
        #expect(panel.contains(" km ~") && panel.contains(" min"))
        // d on the incident: the dispatch dialog for the nearest standby team, this incident chosen.
        h.press(.char("d"))
        guard case .resourceAction(let nearest) = h.state.overlay, nearest.action == .dispatch else {
            Issue.record("d on the incident did not open a dispatch")
            return
        }
        #expect(nearest.choices[0].value == "TZ-20261123-003")
        let firstListed = panel.split(separator: "\n").first { $0.contains(" km ~") }.map(String.init) ?? ""
        #expect(firstListed.contains(nearest.objectName.prefix(6)), "the nearest listed is the one offered: \(firstListed) / \(nearest.objectName)")
        h.press(.escape)
        // Enter opens the incident; its 9 goes to the resources nearest it.
        h.press(.enter)
        #expect(h.state.overlay == .incidentDetail("TZ-20261123-003"))
        h.press(.escape)
        // A team: select it and dispatch it from the map.
        h.command("goto 32.1335,120.0044")            // 泰兴经济开发区危化品应急救援中心's base
        h.press(.char("+"), .char("+"), .char("+"))
        h.press(.enter)
        guard case .resourceDetail(let key, _) = h.state.overlay else {
            Issue.record("Enter on the team did not open it: \(String(describing: h.state.overlay))")
            return
        }
        #expect(key.hasPrefix("team:"))
        h.press(.escape)
        h.press(.char("d"))
        guard case .resourceAction(let dialog) = h.state.overlay, dialog.action == .dispatch else {
            Issue.record("d did not open the dispatch dialog")
            return
        }
        // The open incident nearest the team is offered first (003 at 虹桥镇, some 12 km away), and the
        // resources screen's own sort is left as it was.
        #expect(dialog.choices[0].value == "TZ-20261123-003")
        #expect(h.state.resources.nearIncident == nil)
        h.type("孙立新")
        h.press(.enter)
        #expect(station.decoded.compactMap { $0 as? Zhiban_Events_V1_TeamDispatched }.last?.teamID == dialog.objectID)
        #expect(h.state.duty.resource(key)?.summary.status == "dispatched")
    }

    @Test func warningAreasInForceAreShadedInTheirColour() throws {
        let (h, station) = try harness(.zh, size: Size(width: 200, height: 60))
        #expect(!mapText(h).contains(":"))
        var warning = Zhiban_Events_V1_WarningReceived()
        warning.warningKey = "兴化市气象台|XH-1|2026-11-23T13:00"; warning.identifier = "XH-1"; warning.sender = "兴化市气象台"
        warning.sentMs = Int64(DutyTime.parseISO8601("2026-11-23T13:00:00+08:00")!.timeIntervalSince1970 * 1000); warning.msgType = "alert"
        warning.status = "actual"; warning.issuer = "兴化市气象台"; warning.type = "暴雨"; warning.level = 2
        warning.areas = ["兴化市"]
        warning.expiresMs = Int64(DutyTime.parseISO8601("2026-11-24T12:00:00+08:00")!.timeIntervalSince1970 * 1000)
        station.append(EventDraft(warning), at: DutyTime.parseISO8601("2026-11-23T13:56:00+08:00")!, operatorName: "高鹏")
        h.advance(seconds: 1)
        let shaded = mapText(h)
        let colons = shaded.filter { $0 == ":" }.count
        #expect(colons > 100, "兴化市 shaded: \(colons)")
        // Only the north (兴化市): no shading in the rows of 靖江 and 泰兴 at the bottom.
        let rows = shaded.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(rows.suffix(15).allSatisfy { !$0.contains(":") })
        let orange = h.state.theme[.alertOrange]
        #expect(h.screen.cells.contains { $0.text == ":" && $0.style == orange })
        h.press(.char("W"))
        #expect(!mapText(h).contains(":"), "the warnings layer off")
        h.press(.char("W"))
        // A warning naming only a town shades the county that holds it (the map has no town outlines).
        var town = warning
        town.warningKey = "泰兴市气象台|TX-1|2026-11-23T13:00"; town.identifier = "TX-1"; town.sender = "泰兴市气象台"
        town.areas = []; town.towns = ["黄桥镇"]; town.level = 3
        station.append(EventDraft(town), at: DutyTime.parseISO8601("2026-11-23T13:57:00+08:00")!, operatorName: "高鹏")
        h.advance(seconds: 1)
        let yellow = h.state.theme[.alertYellow]
        #expect(h.screen.cells.contains { $0.text == ":" && $0.style == yellow }, "泰兴市 shaded yellow for 黄桥镇")
    }

    @Test func unicodeDrawsBrailleLines() throws {
        let (h, _) = try harness()
        h.press(.char("u"))
        #expect(h.state.map.unicode)
        #expect(mapText(h).unicodeScalars.contains { (0x2801...0x28FF).contains($0.value) })
        h.press(.char("u"))
        #expect(!mapText(h).unicodeScalars.contains { (0x2801...0x28FF).contains($0.value) })
    }

    /// A CAP warning whose area is a polygon shades that ground, not the districts it names:
    /// a square over 沙沟镇 in the north, the rest of the map left clear.
    @Test func aCAPPolygonShadesItsOwnGround() throws {
        let station = try ResourcesScreenTests.station()
        let cap = """
        <?xml version="1.0" encoding="UTF-8"?>
        <alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
          <identifier>MAP-POLYGON-1</identifier><sender>js-taizhou-qxj@weather.cn</sender>
          <sent>2026-11-23T13:00:00+08:00</sent><status>Actual</status><msgType>Alert</msgType><scope>Public</scope>
          <info><language>zh-CN</language><category>Met</category><event>雷电黄色预警</event>
            <urgency>Expected</urgency><severity>Moderate</severity><certainty>Likely</certainty>
            <expires>2026-11-23T20:00:00+08:00</expires><headline>雷电黄色预警</headline>
            <area><areaDesc>兴化市北部</areaDesc>
              <polygon>33.02,119.78 33.02,119.98 32.90,119.98 32.90,119.78 33.02,119.78</polygon></area>
          </info>
        </alert>
        """
        guard case .imported = try station.station.importCAP(Array(cap.utf8), languages: ["zh-CN"], operatorName: "高鹏",
                                                             now: DutyTime.parseISO8601("2026-11-23T13:05:00+08:00")!) else {
            Issue.record("the CAP file did not import")
            return
        }
        station.link.poll()
        let h = ConsoleHarness(size: Size(width: 200, height: 60), language: .zh, now: "2026-11-23T14:05:00+08:00",
                               station: station, operatorName: "高鹏")
        h.press(.char("5"))
        let rows = mapText(h).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let shaded = rows.enumerated().flatMap { y, row in
            row.enumerated().compactMap { x, c in x >= 3 && c == ":" ? (x: x, y: y) : nil }
        }
        #expect(shaded.count > 10, "the square is shaded:\n\(rows.joined(separator: "\n"))")
        guard shaded.count > 10 else { return }
        // About 18.7 km by 13.3 km at some 1.2 km a column and 2.4 km a row: a patch of some 16 by 6 cells
        // in the north of the map, not the whole of 兴化市 (which its area's words name).
        let xs = shaded.map(\.x), ys = shaded.map(\.y)
        let width = xs.max()! - xs.min()! + 1, height = ys.max()! - ys.min()! + 1
        #expect(width <= 24 && height <= 9, "the shading spans \(width)×\(height) cells:\n\(rows.joined(separator: "\n"))")
        #expect(ys.max()! < rows.count / 3, "the shading lies in the north")
        h.press(.char("W"))
        #expect(!mapText(h).split(separator: "\n").contains { $0.dropFirst(3).contains(":") }, "the warnings layer is off")
    }

    @Test(arguments: Language.allCases)
    func mapSnapshots(_ language: Language) throws {
        let (h, _) = try harness(language)
        assertSnapshot(h.screen, named: "map-80x24-\(language)")
        let (wide, _) = try harness(language, size: Size(width: 200, height: 60))
        assertSnapshot(wide.screen, named: "map-200x60-\(language)")
        wide.press(.char("u"))
        assertSnapshot(wide.screen, named: "map-unicode-200x60-\(language)")
    }

    @Test func nearestResourcesAreOrderedByHandComputedDistances() throws {
        let station = TempStation()
        let now = DutyTime.parseISO8601("2026-11-23T14:00:00+08:00")!
        for sheet in [
            "编号,名称,类型,人数,县区,乡镇,纬度,经度,状态\nA,甲队,危化品救援,10,泰兴市,泰兴经济开发区,32.10,120.00,待命\nB,乙队,危化品救援,10,泰兴市,泰兴经济开发区,32.20,120.00,待命\nC,丙队,消防救援,10,靖江市,新桥镇,32.00,120.30,待命\nD,丁队,危化品救援,10,泰兴市,泰兴经济开发区,32.01,120.00,不可用\n",
            "编号,名称,级别,县区,乡镇,纬度,经度\nD1,近库,县级储备库,泰兴市,济川街道,32.05,120.00\nD2,远库,县级储备库,泰兴市,济川街道,32.15,120.00\n",
            "储备库编号,物资,数量\nD1,帐篷,0\nD2,帐篷,300\n",
            "编号,名称,类型,依托场所,容纳人数,县区,乡镇,纬度,经度,状态\nS1,满场所,固定避难场所,学校,100,泰兴市,济川街道,32.02,120.00,已关闭\nS2,空场所,固定避难场所,学校,100,泰兴市,济川街道,32.08,120.00,已开放\n",
        ] {
            guard case .imported = try station.station.importCSV(Data(sheet.utf8), file: "s.csv", operatorName: "王芳", now: now) else {
                Issue.record("the sheet did not import: \(sheet.prefix(40))")
                return
            }
        }
        let duty = DutySnapshot(generation: station.station.generation, state: station.station.state, rules: station.station.rules,
                                ownStation: station.id)
        let p = GeoPosition(lat: 32.0, lon: 120.0)
        // By hand: 0.1° of latitude is 11.12 km; 0.3° of longitude at 32° is 0.3 × 111.2 × cos 32° = 28.29 km.
        let teams = NearestResources.teams(duty, to: p, limit: 5)
        #expect(teams.map(\.id) == ["A", "B", "C"], "the unavailable team D is left out")
        for (hit, km) in zip(teams, [11.12, 22.24, 28.29]) { #expect(abs(hit.km - km) < 0.05, "\(hit.id): \(hit.km) km, by hand \(km)") }
        #expect(teams[0].minutes == 17, "11.12 km at the hazchem kind's 40 km/h: 16.7 → 17 min")
        #expect(teams[2].minutes == 38, "28.29 km at fire and rescue's 45 km/h: 37.7 → 38 min")
        #expect(NearestResources.teams(duty, to: p, kind: "fire_rescue", limit: 5).map(\.id) == ["C"])
        // Depots holding tents: the nearer one holds none.
        #expect(NearestResources.depots(duty, to: p, holding: "tent", limit: 3).map(\.id) == ["D2"])
        // Open shelters with free places: the closed one is left out.
        let shelters = NearestResources.shelters(duty, to: p, limit: 3)
        #expect(shelters.map(\.id) == ["S2"] && shelters.first?.quantity == 100)
    }

    @Test func thePrintedMapIsTheScreensMap() throws {
        let station = try ResourcesScreenTests.station()
        let duty = DutySnapshot(generation: station.station.generation, state: station.station.state, rules: station.station.rules,
                                ownStation: station.id, baseMap: station.station.baseMap)
        let lines = MapPrinter.lines(duty, width: 100, height: 40, language: .zh, now: ResourcesScreenTests.imported,
                                     timeZone: DutyTime.defaultTimeZone)
        #expect(lines.count == 40)
        var buffer = ScreenBuffer(size: Size(width: 100, height: 40))
        for (y, line) in lines.enumerated() { buffer.write(line, x: 0, y: y, style: .plain) }
        assertSnapshot(buffer, named: "map-print-100x40-zh")
        #expect(lines.joined().contains("兴化市") && lines.joined().contains("靖江市"))
    }
}

enum MapPrinterCheck {
    /// Object symbols drawn on the map's rows (past the row numbers).
    static func symbols(_ text: String) -> Int {
        // Past the row of grid letters (and the title), right of the row numbers.
        text.split(separator: "\n", omittingEmptySubsequences: false).dropFirst(1).map { row -> Int in
            row.dropFirst(3).filter { "TDSFXME!".contains($0) }.count
        }.reduce(0, +)
    }
}
