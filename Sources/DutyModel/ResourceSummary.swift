import Foundation

/// One object of the resource registry as the screens and `zhiban resources`
/// show it (#19): a team, a depot with its stock, a shelter, or a map feature
/// (fire station, hazard source, monitoring point, large equipment).
public struct ResourceSummary: Hashable, Sendable {
    public enum Kind: String, CaseIterable, Sendable {
        case team, depot, shelter, fireStation = "fire_station", hazard, monitor, equipment

        /// The map layer a feature of this kind is recorded under (nil: not a map feature).
        public var layer: String? {
            switch self {
            case .fireStation: return "fire_station"
            case .hazard: return "hazard_source"
            case .monitor: return "monitoring_point"
            case .equipment: return "equipment"
            case .team, .depot, .shelter: return nil
            }
        }
    }

    public var id: String
    public var kind: Kind
    /// The kind within the kind: a team's kind, a depot's level, a shelter's kind, a feature's subkind.
    public var subkind: String
    public var name: String
    public var place: PlaceInfo
    /// A team's or shelter's status id (standby, open …); empty for the rest.
    public var status: String
    public var unit: String
    public var contact: String
    public var headcount: Int?
    /// A depot's items and quantities (the sum of every change, never folded to zero below).
    public var stock: [String: Int64]
    /// Items whose quantity is below the minimum the registry gives, with the minimum.
    public var belowMinimum: [String: Int64]
    /// Items issued beyond the stock (two stations issuing at once both count):
    /// how many are missing, for review.
    public var shortfall: [String: Int64] { stock.filter { $0.value < 0 }.mapValues { -$0 } }
    public var capacity: Int64?
    public var occupancy: Int64?
    public var grade: Int?
    public var quantity: Int64?
    /// A monitor's river; a hazard's substance.
    public var detail: String
}

extension DutyState {
    /// Every registry object, sorted by kind then id.
    public func resourceSummaries() -> [ResourceSummary] {
        var out: [ResourceSummary] = []
        for (id, team) in teams {
            guard let info = team.info.value else { continue }
            out.append(ResourceSummary(id: id, kind: .team, subkind: info.kind, name: info.name, place: info.base,
                                       status: team.status.value?.status ?? "standby", unit: info.unit, contact: info.contact,
                                       headcount: info.headcount, stock: [:], belowMinimum: [:], capacity: nil, occupancy: nil,
                                       grade: nil, quantity: nil, detail: info.equipment))
        }
        for (id, depot) in depots {
            guard let info = depot.info.value else { continue }
            let stock = depot.stock
            var below: [String: Int64] = [:]
            for (item, register) in depot.items {
                if let minimum = register.value?.minimum, minimum > 0, (stock[item] ?? 0) < minimum { below[item] = minimum }
            }
            out.append(ResourceSummary(id: id, kind: .depot, subkind: info.level, name: info.name, place: info.place,
                                       status: "", unit: info.reserveKind, contact: info.contact, headcount: nil, stock: stock,
                                       belowMinimum: below, capacity: nil, occupancy: nil, grade: nil, quantity: nil, detail: ""))
        }
        for (id, shelter) in shelters {
            guard let info = shelter.info.value else { continue }
            let status = shelter.status.value
            out.append(ResourceSummary(id: id, kind: .shelter, subkind: info.kind, name: info.name, place: info.place,
                                       status: status?.status ?? "closed", unit: info.hostType, contact: "", headcount: nil,
                                       stock: [:], belowMinimum: [:], capacity: info.capacity, occupancy: status?.occupancy ?? 0,
                                       grade: nil, quantity: nil, detail: ""))
        }
        for (featureID, register) in mapFeatures {
            guard let feature = register.value,
                  let kind = ResourceSummary.Kind.allCases.first(where: { $0.layer == feature.layer }) else { continue }
            // The registry's own id, without the layer it is kept under.
            let id = featureID.hasPrefix(feature.layer + ":") ? String(featureID.dropFirst(feature.layer.count + 1)) : featureID
            out.append(ResourceSummary(id: id, kind: kind, subkind: feature.subkind, name: feature.name, place: feature.place,
                                       status: "", unit: feature.unit, contact: feature.contact, headcount: nil, stock: [:],
                                       belowMinimum: [:], capacity: nil, occupancy: nil,
                                       grade: kind == .hazard ? feature.grade : nil,
                                       quantity: kind == .hazard ? nil : feature.quantity,
                                       detail: kind == .hazard ? feature.substance : feature.details))
        }
        let order = Dictionary(uniqueKeysWithValues: ResourceSummary.Kind.allCases.enumerated().map { ($1, $0) })
        return out.sorted { (order[$0.kind] ?? 0, $0.id) < (order[$1.kind] ?? 0, $1.id) }
    }
}

extension DutyState {
    /// What was sent to an incident, one line each, for the written report:
    /// teams dispatched (who ordered, how many, when) and items issued net of returns.
    public func resourcesSent(to incidentID: String, rules: RuleBook, timeZone: TimeZone) -> [String] {
        var lines: [String] = []
        for dispatch in dispatches.values.filter({ $0.incidentID == incidentID }).sorted(by: { ($0.atMs, $0.dispatchID) < ($1.atMs, $1.dispatchID) }) {
            let info = teams[dispatch.teamID]?.info.value
            let kind = info.flatMap { rules.resources.teamKind($0.kind)?.zh }.map { "（\($0)）" } ?? ""
            let when = DutyTime.formatISO8601(Date(timeIntervalSince1970: Double(dispatch.atMs) / 1000), timeZone: timeZone)
                .replacingOccurrences(of: "T", with: " ").prefix(16)
            var line = "\(info?.name ?? dispatch.teamID)\(kind)"
            if dispatch.headcount > 0 { line += "\(dispatch.headcount)人" }
            line += "，\(when)出动"
            if !dispatch.orderedBy.isEmpty { line += "（\(dispatch.orderedBy)调派）" }
            lines.append(line)
        }
        for (depotID, depot) in depots.sorted(by: { $0.key < $1.key }) {
            var net: [String: Int64] = [:]
            for change in depot.changes.values where change.incidentID == incidentID && (change.reason == "issue" || change.reason == "return") {
                net[change.item, default: 0] -= change.delta
            }
            let items = net.filter { $0.value > 0 }.sorted { $0.key < $1.key }.map { item, quantity in
                let info = rules.resources.item(item)
                return "\(info?.zh ?? item)\(quantity)\(info?.unitZh ?? "")"
            }
            if !items.isEmpty { lines.append("\(depot.info.value?.name ?? depotID)调拨\(items.joined(separator: "、"))") }
        }
        return lines
    }
}

extension DutyState {
    /// Resource moves concerning `key` ("team:ID", "depot:ID", "shelter:ID",
    /// "incident:ID"), oldest first: read from the fold's index, not a scan.
    public func resourceMoves(_ key: String) -> [ResourceMove] {
        (resourceMoves[key] ?? [:]).values.sorted { $0.stamp < $1.stamp }
    }
}
