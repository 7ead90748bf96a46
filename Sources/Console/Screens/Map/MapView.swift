import SafeText
import DutyModel
import Foundation
import Geo
import TerminalUI

/// 一张图 (#20): the jurisdiction as a grid map — district outlines, the Yangtze
/// and the canals, towns, every resource of the registry and the open incidents
/// on top — with grid references on the border for the radio, a cursor, and a
/// panel with what is under it and the nearest resources.
enum MapView {
    struct Object: Sendable {
        var key: String
        var layer: MapLayer
        var position: GeoPosition
        var name: String
        var role: ThemeRole
    }

    /// Every object with a point, in the layers shown: registry objects by kind, then open incidents
    /// (lists made on the station thread; a frame only filters them).
    static func objects(_ state: AppState, all: Bool = false) -> [Object] {
        var out: [Object] = []
        forEachObject(state, all: all) { out.append($0.pointee) }
        return out
    }

    /// The same objects one at a time, without a list made per frame (thousands of open incidents on a
    /// large station), each read in place: no copy of its strings per object per frame.
    /// `coarse`: for drawing at a zoom where a cell is half a kilometre or more, one incident per
    /// 0.005° square (an overdue one first) stands for the others there, which would fall in the
    /// same or the next cell: a station with tens of thousands open draws a few thousand.
    static func forEachObject(_ state: AppState, all: Bool = false, coarse: Bool = false, _ body: (UnsafePointer<Object>) -> Void) {
        let hidden = all ? [] : state.map.hidden
        state.duty.mapResources.withUnsafeBufferPointer { objects in
            for i in objects.indices where hidden.isEmpty || !hidden.contains(objects[i].layer) { body(objects.baseAddress! + i) }
        }
        if !hidden.contains(.incidents) {
            state.duty.incidentPoints(now: state.now, timeZone: state.timeZone, coarse: coarse).withUnsafeBufferPointer { objects in
                for i in objects.indices { body(objects.baseAddress! + i) }
            }
        }
    }

    /// Colour by status: a team out, a full shelter, a hazard by grade.
    static func role(_ s: ResourceSummary) -> ThemeRole {
        switch s.kind {
        case .team: return ["dispatched", "on_scene", "returning"].contains(s.status) ? .warning : s.status == "unavailable" ? .muted : .ok
        case .shelter:
            if s.status == "closed" { return .muted }
            return (s.occupancy ?? 0) >= (s.capacity ?? 0) && (s.capacity ?? 0) > 0 ? .overdue : .ok
        case .hazard:
            switch s.grade ?? 4 {
            case 1: return .alertRed
            case 2: return .alertOrange
            case 3: return .alertYellow
            default: return .alertBlue
            }
        case .depot: return s.shortfall.isEmpty ? (s.belowMinimum.isEmpty ? .info : .warning) : .overdue
        default: return .info
        }
    }

    /// The fixed grid over the jurisdiction: its bounding box from places.toml, else the map's.
    static func grid(_ state: AppState) -> MapGrid {
        let b = state.duty.rules.places.bounds
        let box = b.map { GeoBox(south: $0.south, west: $0.west, north: $0.north, east: $0.east) } ?? state.duty.baseMap.bounds
        return MapGrid(box: box)
    }

    /// Map on the left and a panel on the right (38 columns at 110 or more, 30 from 70: a jurisdiction
    /// taller than wide, as Taizhou is, gains more from the rows than it loses in columns);
    /// below the map only on a narrower terminal.
    static func layout(_ area: Rect) -> (map: Rect, panel: Rect) {
        if area.width >= 70 {
            let parts = area.columns([.fill, .fixed(area.width >= 110 ? 38 : 30)])
            return (parts[0], parts[1])
        }
        let parts = area.rows([.fill, .fixed(min(5, max(0, area.height - 8)))])
        return (parts[0], parts[1])
    }

    /// The cells the canvas has inside the map's frame (a row of column letters on top, row numbers on the left).
    static func canvasRect(_ map: Rect) -> Rect { Rect(x: map.x + 3, y: map.y + 1, width: max(0, map.width - 3), height: max(0, map.height - 1)) }

    static func mapRect(_ state: AppState) -> Rect { canvasRect(layout(RootView.body(state)).map) }

    static func viewport(_ state: AppState, size: Size) -> MapViewport {
        let box = grid(state).box
        let projection = Projection(origin: box.centre)
        var view = MapViewport.fitting(box, width: size.width, height: size.height, projection: projection)
        view.kmPerColumn /= pow(2, Double(state.map.zoom))
        if let centre = state.map.centre { view.centre = centre }
        return view
    }

    static func render(_ state: AppState, into buffer: inout ScreenBuffer, area: Rect) -> Position? {
        let (mapArea, panel) = layout(area)
        renderMap(state, into: &buffer, area: mapArea)
        renderPanel(state, into: &buffer, area: panel)
        return nil
    }

    /// The map with its grid references, objects and cursor, into `area` (also `zhiban map --print`).
    static func renderMap(_ state: AppState, into buffer: inout ScreenBuffer, area: Rect, showCursor: Bool = true) {
        let theme = state.theme
        let lang = state.language
        let rect = canvasRect(area)
        guard rect.width > 4, rect.height > 2 else { return }
        let view = viewport(state, size: rect.size)
        var canvas = MapCanvas(width: rect.width, height: rect.height, resolution: state.map.unicode ? .braille : .ascii)
        func cell(_ p: GeoPosition) -> (x: Double, y: Double) { view.cell(p, width: rect.width, height: rect.height) }
        // A ring in cells, its points at least a cell and a half apart (half a cell in braille): a border
        // of hundreds of short segments reads as one line, not as a scribble of marks.
        let spacing = state.map.unicode ? 0.5 : 1.5
        func cells(_ ring: [GeoPosition]) -> [(x: Double, y: Double)] {
            var out: [(x: Double, y: Double)] = []
            for p in ring {
                let c = cell(p)
                if let last = out.last, abs(c.x - last.x) < spacing && abs(c.y - last.y) * 2 < spacing { continue }
                out.append(c)
            }
            if let first = ring.first, let last = ring.last, first == last, let c = out.first { out.append(c) }
            return out
        }
        let base = state.duty.baseMap
        // Water first, then outlines: the districts' shared borders once each, the city's over them.
        for area in base.areas where area.kind == "water" {
            for polygon in area.polygons {
                canvas.fill(polygon.map { $0.map(cell) }, text: state.map.unicode ? "≈" : "~", style: theme[.info])
            }
        }
        // Warnings in force: the districts they name (or all, when they name the city) shaded in their colour,
        // the most severe drawn last. ":" in ASCII, "░" in Unicode: readable in mono.
        if !state.map.hidden.contains(.warnings) {
            let warnings = state.duty.inForceWarningSummaries(now: state.now, timeZone: state.timeZone)
                .filter { !$0.isExercise && $0.color != nil }
                .sorted { ($0.color ?? .blue) > ($1.color ?? .blue) }
            let places = state.duty.rules.places
            for warning in warnings {
                let style = theme[WarningsView.colourRole(warning.color)]
                // The ground its CAP file draws (polygons, circles), filled and outlined so a narrow
                // strip along the river still shows; a file naming only places falls back to them.
                let rings = state.duty.warningRings(warning, now: state.now, timeZone: state.timeZone)
                if !rings.isEmpty {
                    for ring in rings {
                        canvas.fill([ring.map(cell)], text: state.map.unicode ? "░" : ":", style: style)
                        canvas.polyline(cells(ring), style: style, mark: ":")
                    }
                    continue
                }
                // The districts it names, and those holding the towns it names (the map has no town
                // outlines: a town's warning shades its whole county, the nearest outline there is).
                var named = Set(warning.info.areas + warning.info.towns)
                for town in warning.info.towns + warning.info.areas {
                    for county in places.counties(holdingTown: town) { named.insert(county.name) }
                }
                let whole = named.contains { name in base.areas.contains { $0.kind == "city" && $0.name == name } }
                for area in base.areas where area.kind == "district" && (whole || named.contains(area.name)) {
                    for polygon in area.polygons {
                        canvas.fill(polygon.map { $0.map(cell) }, text: state.map.unicode ? "░" : ":", style: style)
                    }
                }
            }
        }
        for kind in ["district", "city"] {
            for area in base.areas where area.kind == kind {
                for polygon in area.polygons {
                    // Districts dotted, the city's boundary in lines over them.
                    for ring in polygon {
                        canvas.polyline(cells(ring), style: kind == "city" ? theme[.border] : theme[.muted], mark: kind == "city" ? nil : ".")
                    }
                }
            }
        }
        for line in base.lines where line.kind == "canal" || line.kind == "river" {
            for part in line.lines { canvas.polyline(cells(part), style: theme[.info], mark: line.kind == "canal" ? "=" : "~") }
        }
        // Places: district seats before towns; their labels give way to symbols and to each other.
        for place in base.places.sorted(by: { $0.rank < $1.rank }) {
            let c = cell(place.position)
            canvas.symbol(place.rank <= 2 ? "◎" : "·", x: c.x, y: c.y, style: place.rank <= 2 ? theme[.title] : theme[.muted], priority: -1)
            canvas.label(lang == .zh ? place.name : place.nameEN, x: c.x, y: c.y, style: place.rank <= 2 ? theme[.title] : theme[.normal],
                         priority: 10 - place.rank)
        }
        // Objects, incidents on top; the selected one's name labelled.
        let selectedKey = state.map.selected
        var roleStyles: [ThemeRole: Style] = [:]
        // The selected incident is drawn whatever square stands for its neighbours.
        let coarse = view.kmPerColumn >= 0.5 && !(selectedKey?.hasPrefix("incident:") ?? false)
        forEachObject(state, coarse: coarse) { object in
            let c = cell(object.pointee.position)
            let layer = object.pointee.layer
            let selected = selectedKey != nil && object.pointee.key == selectedKey
            let role = object.pointee.role
            let style = roleStyles[role] ?? { let s = theme[role]; roleStyles[role] = s; return s }()
            canvas.symbol(layer.symbol, x: c.x, y: c.y, style: selected ? theme[.selection] : style,
                          priority: layer == .incidents ? 20 : selected ? 15 : 10)
            if selected { canvas.label(TextSafety.sanitize(object.pointee.name), x: c.x, y: c.y, style: theme[.selection], priority: 50) }
        }
        canvas.render(into: &buffer, area: rect, base: theme[.normal])
        // Grid references on the border: the letter over each column's middle, the number beside each row's.
        let grid = grid(state)
        buffer.fill(Rect(x: area.x, y: area.y, width: area.width, height: 1), style: theme[.header])
        buffer.fill(Rect(x: area.x, y: rect.y, width: 3, height: rect.height), style: theme[.header])
        // The screen's title at the left of the letters' row; a letter that would cover it is left out.
        let titleEnd = showCursor ? buffer.write(UIText.screenTitle(.map).text(lang), x: area.x, y: area.y, style: theme[.title]) + 1 : area.x
        for column in 0..<grid.columns {
            let middle = grid.projection.unproject(x: (Double(column) + 0.5) * grid.squareKM, y: 0)
            let x = Int(cell(GeoPosition(lat: view.centre.lat, lon: middle.lon)).x.rounded(.down))
            if x >= 0, x < rect.width, rect.x + x >= titleEnd { buffer.write(MapGrid.columnName(column), x: rect.x + x, y: area.y, style: theme[.header]) }
        }
        for row in 0..<grid.rows {
            let middle = grid.projection.unproject(x: 0, y: (Double(row) + 0.5) * grid.squareKM)
            let y = Int(cell(GeoPosition(lat: middle.lat, lon: view.centre.lon)).y.rounded(.down))
            if y >= 0, y < rect.height { buffer.write(String(format: "%2d", row + 1), x: area.x, y: rect.y + y, style: theme[.header]) }
        }
        if showCursor {
            let c = cell(cursor(state, view: view, size: rect.size))
            let x = Int(c.x.rounded(.down)), y = Int(c.y.rounded(.down))
            if x >= 0, x < rect.width, y >= 0, y < rect.height {
                let under = buffer[rect.x + x, rect.y + y]
                buffer.write(under.text == " " ? "+" : under.text, x: rect.x + x, y: rect.y + y, style: theme[.selection])
            }
        }
    }

    static func cursor(_ state: AppState, view: MapViewport, size: Size) -> GeoPosition { state.map.cursor ?? view.centre }

    /// The object nearest the cursor within a cell or so, of the layers shown.
    static func objectAtCursor(_ state: AppState) -> Object? {
        let rect = mapRect(state)
        let view = viewport(state, size: rect.size)
        let at = view.cell(cursor(state, view: view, size: rect.size), width: rect.width, height: rect.height)
        var best: (object: Object, distance: Double, rank: Int)?
        // A cell and a half either way in degrees first: most objects are passed over without projecting them.
        let here = cursor(state, view: view, size: rect.size)
        let dLat = view.kmPerRow * 1.5 / Projection.kmPerDegreeLatitude, dLon = view.kmPerColumn * 1.5 / view.projection.kmPerDegreeLongitude
        forEachObject(state) { o in
            let p = o.pointee.position
            guard abs(p.lat - here.lat) <= dLat, abs(p.lon - here.lon) <= dLon else { return }
            let c = view.cell(p, width: rect.width, height: rect.height)
            let d = max(abs(c.x - at.x), abs(c.y - at.y))
            guard d <= 1 else { return }
            let rank = o.pointee.layer == .incidents ? 0 : 1
            if best.map({ (d, rank) < ($0.distance, $0.rank) }) ?? true { best = (o.pointee, d, rank) }
        }
        return best?.object
    }

    static func renderPanel(_ state: AppState, into buffer: inout ScreenBuffer, area: Rect) {
        guard area.height > 1, area.width > 10 else { return }
        let theme = state.theme
        let lang = state.language
        let inner = Box.draw(area, into: &buffer, border: theme[.border], titleStyle: theme[.title], fill: theme[.normal])
            .inset(horizontal: 1, vertical: 0)
        guard inner.height > 0 else { return }
        let rect = mapRect(state)
        let view = viewport(state, size: rect.size)
        let at = cursor(state, view: view, size: rect.size)
        var lines: [(String, Style)] = []
        let ref = grid(state).reference(at) ?? "—"
        let district = state.duty.baseMap.area(containing: at).map { lang == .zh ? $0.name : $0.nameEN } ?? ""
        lines.append((UIText.map(.cursorLine(ref, at.description, district)).text(lang), theme[.title]))
        if let key = state.map.selected ?? objectAtCursor(state)?.key {
            if key.hasPrefix("incident:") {
                let id = String(key.dropFirst("incident:".count))
                lines.append((id, theme[.overdue]))
                if let incident = state.duty.state.incidents[id], let lat = incident.place.value?.latitude, let lon = incident.place.value?.longitude {
                    let p = GeoPosition(lat: lat, lon: lon)
                    let tall = inner.height >= 20
                    lines.append((UIText.map(.nearestTeams).text(lang), theme[.header]))
                    for hit in NearestResources.teams(state.duty, to: p, limit: tall ? 5 : 3) {
                        lines.append((UIText.map(.nearLine(hit.name, hit.km, hit.minutes ?? 0)).text(lang), theme[.normal]))
                    }
                    if tall {
                        // Depots holding the first item of the registry's list (tents), and open shelters with room.
                        if let item = state.duty.rules.resources.items.first {
                            lines.append((UIText.map(.nearestDepots(lang == .zh ? item.zh : item.en)).text(lang), theme[.header]))
                            for hit in NearestResources.depots(state.duty, to: p, holding: item.id, limit: 3) {
                                lines.append((UIText.map(.nearQuantity(hit.name, hit.km, hit.quantity ?? 0)).text(lang), theme[.normal]))
                            }
                        }
                        lines.append((UIText.map(.nearestShelters).text(lang), theme[.header]))
                        for hit in NearestResources.shelters(state.duty, to: p, limit: 3) {
                            lines.append((UIText.map(.nearQuantity(hit.name, hit.km, hit.quantity ?? 0)).text(lang), theme[.normal]))
                        }
                    }
                }
            } else if let entry = state.duty.resource(key) {
                lines += ResourcesView.detailLines(state, entry, historyLimit: inner.height >= 20 ? 3 : 0)
            }
        }
        if inner.height >= 14 {
            lines.append((UIText.map(.layersHeading).text(lang), theme[.header]))
            for layer in MapLayer.allCases {
                let on = !state.map.hidden.contains(layer)
                lines.append(("\(layer.key) \(on ? "■" : "□") \(layer.symbol) " + UIText.map(.layer(layer)).text(lang), on ? theme[.normal] : theme[.muted]))
            }
            lines.append((UIText.map(.keysLine).text(lang), theme[.muted]))
        } else {
            let shown = MapLayer.allCases.map { state.map.hidden.contains($0) ? "·" : String($0.key) }.joined()
            lines.append((UIText.map(.layersShort(shown)).text(lang), theme[.muted]))
        }
        var y = inner.y
        for (text, style) in lines {
            for piece in TextFit.wrap(TextSafety.sanitize(text), width: inner.width) where y < inner.maxY {
                buffer.write(piece, x: inner.x, y: y, style: style, clip: inner)
                y += 1
            }
        }
    }

}

/// The map as plain text (`zhiban map --print`, #20): the same drawing as screen
/// 5, without the panel and the cursor, in a `width`×`height` block.
public enum MapPrinter {
    public static func lines(_ duty: DutySnapshot, width: Int, height: Int, language: Language, now: Date, timeZone: TimeZone,
                             hidden: Set<MapLayer> = [], centre: GeoPosition? = nil, zoom: Int = 0, unicode: Bool = false) -> [String] {
        var state = AppState(language: language, theme: .builtin, size: Size(width: width, height: height), now: now,
                             timeZone: timeZone, stationName: "")
        state.duty = duty
        state.map.hidden = hidden
        state.map.centre = centre
        state.map.zoom = zoom
        state.map.unicode = unicode
        var buffer = ScreenBuffer(size: Size(width: width, height: height))
        MapView.renderMap(state, into: &buffer, area: Rect(x: 0, y: 0, width: width, height: height), showCursor: false)
        return buffer.lines
    }
}
