import DutyModel
import Geo
import TerminalUI

/// A layer of the map, toggled by its key.
public enum MapLayer: String, CaseIterable, Sendable {
    case teams, depots, shelters, fireStations = "fire_stations", hazards, monitors, equipment, incidents
    /// The districts under a warning in force, shaded in its colour (not an object layer).
    case warnings

    /// The key that toggles it (upper case: the lower-case letters move, zoom and act).
    public var key: Character {
        switch self {
        case .teams: return "T"
        case .depots: return "D"
        case .shelters: return "S"
        case .fireStations: return "F"
        case .hazards: return "X"
        case .monitors: return "M"
        case .equipment: return "E"
        case .incidents: return "I"
        case .warnings: return "W"
        }
    }

    /// The symbol its objects are drawn with: the layer's letter (the same in ASCII and Unicode,
    /// readable in mono), `!` for incidents, `:` for the warnings' shading.
    public var symbol: String {
        switch self {
        case .incidents: return "!"
        case .warnings: return ":"
        default: return String(key)
        }
    }

    init(_ kind: ResourceSummary.Kind) {
        switch kind {
        case .team: self = .teams
        case .depot: self = .depots
        case .shelter: self = .shelters
        case .fireStation: self = .fireStations
        case .hazard: self = .hazards
        case .monitor: self = .monitors
        case .equipment: self = .equipment
        }
    }
}

/// Where the map looks and what it shows (#20).
public struct MapScreenState: Equatable, Sendable {
    /// The middle of the view; nil: the whole map, fitted.
    public var centre: GeoPosition?
    /// Steps in from the fitted view, each halving the km a cell covers (0: fitted; may go below 0).
    public var zoom = 0
    /// The cursor; nil: the middle of the view.
    public var cursor: GeoPosition?
    public var hidden: Set<MapLayer> = []
    /// Braille lines and Unicode fills instead of ASCII.
    public var unicode = false
    /// The object selected ("team:T009", "incident:TZ-…").
    public var selected: String?
    public init() {}
}
