import DutyModel
import Foundation
import Geo
import TerminalUI

// Keys of the map (#20). Tab stays "next screen"; lower-case letters move,
// zoom and act, capitals toggle layers (H J K L pan, as in MapSCII's hjkl).

enum MapKeys {
    enum Command: Sendable {
        case move(Int, Int)
        case pan(Int, Int)
        case zoom(Int)
        case fit
        case next(Int)
        case select
        case layer(MapLayer)
        case unicode
        case centre
        case action(ResourceActionDialog.Action?)
    }

    static let bindings: [KeyBinding<Command>] = [
        KeyBinding([(.left, .move(-1, 0)), (.right, .move(1, 0)), (.up, .move(0, -1)), (.down, .move(0, 1)),
                    (.char("h"), .move(-1, 0)), (.char("l"), .move(1, 0)), (.char("k"), .move(0, -1)), (.char("j"), .move(0, 1))],
                   label: "← → ↑ ↓ h l k j", help: .map(.keyMove)),
        KeyBinding([(.char("H"), .pan(-1, 0)), (.char("L"), .pan(1, 0)), (.char("K"), .pan(0, -1)), (.char("J"), .pan(0, 1)),
                    (.pageUp, .pan(0, -1)), (.pageDown, .pan(0, 1))], label: "H L K J PgUp PgDn", help: .map(.keyPan)),
        KeyBinding([(.char("+"), .zoom(1)), (.char("="), .zoom(1)), (.char("a"), .zoom(1)), (.char("-"), .zoom(-1)), (.char("z"), .zoom(-1))],
                   label: "+ - a z", help: .map(.keyZoom)),
        KeyBinding([.char("0")], help: .map(.keyFit), .fit),
        KeyBinding([(.char("n"), .next(1)), (.char("N"), .next(-1))], label: "n N", help: .map(.keyNext)),
        KeyBinding([.enter], help: .map(.keySelect), .select),
        KeyBinding(MapLayer.allCases.map { (Key.char($0.key), Command.layer($0)) }, label: "T D S F X M E I W", help: .map(.keyLayers)),
        KeyBinding([.char("u")], help: .map(.keyUnicode), .unicode),
        KeyBinding([.char("c")], help: .map(.keyCentre), .centre),
        KeyBinding([(.char("d"), .action(.dispatch)), (.char("s"), .action(nil)), (.char("i"), .action(.issue)), (.char("r"), .action(.giveBack))],
                   label: "d s i r", help: .map(.keyActions)),
    ]

    static var help: [HelpRow] { bindings.helpRows() + [HelpRow(keys: ":goto C7", text: .map(.keyGoto))] }
}

/// nil when the key is not the map's, so global keys (1…9, Tab, ?, :, q) still work.
func handleMapKey(_ state: inout AppState, _ press: KeyPress) -> [Effect]? {
    guard !press.alt, let command = MapKeys.bindings.command(for: press.key) else { return nil }
    let rect = MapView.mapRect(state)
    let view = MapView.viewport(state, size: rect.size)
    switch command {
    case .move(let dx, let dy):
        let here = view.cell(MapView.cursor(state, view: view, size: rect.size), width: rect.width, height: rect.height)
        let x = here.x.rounded(.down) + 0.5 + Double(dx), y = here.y.rounded(.down) + 0.5 + Double(dy)
        let moved = view.position(x: x, y: y, width: rect.width, height: rect.height)
        state.map.cursor = moved
        state.map.selected = nil
        // At the edge the view follows by a cell.
        if x < 0 || y < 0 || x >= Double(rect.width) || y >= Double(rect.height) {
            state.map.centre = view.position(x: Double(rect.width) / 2 + Double(dx), y: Double(rect.height) / 2 + Double(dy),
                                             width: rect.width, height: rect.height)
        }
    case .pan(let dx, let dy):
        let x = Double(rect.width) / 2 + Double(dx * rect.width / 2), y = Double(rect.height) / 2 + Double(dy * rect.height / 2)
        state.map.centre = view.position(x: x, y: y, width: rect.width, height: rect.height)
        state.map.cursor = state.map.centre
    case .zoom(let step):
        // Zoom about the cursor: it stays where it is on the map and becomes the middle.
        state.map.centre = MapView.cursor(state, view: view, size: rect.size)
        state.map.zoom = max(-2, min(8, state.map.zoom + step))
        state.message = Message(.map(.zoomLevel(state.map.zoom)))
    case .fit:
        state.map = MapScreenState(hidden: state.map.hidden, unicode: state.map.unicode)
    case .next(let step):
        let objects = MapView.objects(state)
        guard !objects.isEmpty else { return [] }
        let at = objects.firstIndex { $0.key == state.map.selected }
        let next = at.map { (($0 + step) % objects.count + objects.count) % objects.count } ?? (step > 0 ? 0 : objects.count - 1)
        let object = objects[next]
        state.map.selected = object.key
        state.map.cursor = object.position
        let c = view.cell(object.position, width: rect.width, height: rect.height)
        if c.x < 0 || c.y < 0 || c.x >= Double(rect.width) || c.y >= Double(rect.height) { state.map.centre = object.position }
        state.message = Message(.map(.wentTo(MapView.grid(state).reference(object.position) ?? "—", object.name)))
    case .select:
        guard let object = MapView.objectAtCursor(state) ?? state.map.selected.flatMap({ key in MapView.objects(state).first { $0.key == key } }) else {
            state.message = Message(.map(.nothingHere))
            return []
        }
        state.map.selected = object.key
        if object.layer == .incidents {
            state.overlay = .incidentDetail(String(object.key.dropFirst("incident:".count)))
        } else {
            state.overlay = .resourceDetail(object.key)
        }
    case .layer(let layer):
        let on = state.map.hidden.contains(layer)
        if on { state.map.hidden.remove(layer) } else { state.map.hidden.insert(layer) }
        state.message = Message(.map(.layerShown(layer, on)))
    case .unicode:
        state.map.unicode.toggle()
        state.message = Message(.map(.unicodeOn(state.map.unicode)))
    case .centre:
        state.map.centre = MapView.cursor(state, view: view, size: rect.size)
    case .action(let action):
        guard let key = state.map.selected ?? MapView.objectAtCursor(state)?.key else {
            state.message = Message(.map(.nothingHere), kind: .error)
            return []
        }
        // On an incident, d sends the nearest standby team to it: the dispatch dialog for that team, the incident chosen.
        if key.hasPrefix("incident:") {
            let id = String(key.dropFirst("incident:".count))
            guard action == .dispatch, let place = state.duty.state.incidents[id]?.place.value, let lat = place.latitude, let lon = place.longitude,
                  let nearest = NearestResources.teams(state.duty, to: GeoPosition(lat: lat, lon: lon), limit: 1).first,
                  let team = state.duty.resource("team:" + nearest.id) else {
                state.message = Message(.map(action == .dispatch ? .noStandbyTeam : .nothingHere), kind: .error)
                return [.bell]
            }
            return state.openResourceAction(.dispatch, on: team, fromDetail: false, firstIncident: id)
        }
        guard let entry = state.duty.resource(key) else {
            state.message = Message(.map(.nothingHere), kind: .error)
            return []
        }
        // A team sent or items issued from the map: the open incident nearest the object comes first
        // in the dialog (on the map the officer is looking at where things are, not at when they came in).
        var nearest: String?
        if action == .dispatch || action == .issue, let lat = entry.summary.place.latitude, let lon = entry.summary.place.longitude {
            let here = GeoPosition(lat: lat, lon: lon)
            nearest = state.duty.incidentPoints(now: state.now, timeZone: state.timeZone)
                .min(by: { distanceKM(here, $0.position) < distanceKM(here, $1.position) })
                .map { String($0.key.dropFirst("incident:".count)) }
        }
        return state.openResourceAction(action, on: entry, fromDetail: false, firstIncident: nearest)
    }
    return []
}

extension AppState {
    /// `:goto C7` / `:goto 32.49,119.92`: the map, its cursor and middle there.
    mutating func gotoOnMap(_ text: String) {
        let grid = MapView.grid(self)
        guard !text.isEmpty else {
            message = Message(.map(.gotoUsage), kind: .error)
            return
        }
        guard let p = grid.resolve(text) else {
            message = Message(.map(.gotoNotFound(String(text.prefix(24)))), kind: .error)
            return
        }
        screen = .map
        map.cursor = p
        map.centre = p
        map.selected = nil
        if map.zoom < 2 { map.zoom = 2 }
        message = Message(.map(.wentTo(grid.reference(p) ?? "—", p.description)))
    }
}

extension MapScreenState {
    init(hidden: Set<MapLayer>, unicode: Bool) {
        self.init()
        self.hidden = hidden
        self.unicode = unicode
    }
}
