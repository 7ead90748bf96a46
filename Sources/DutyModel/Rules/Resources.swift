import Foundation

/// A named kind (id, Chinese and English name) from resources.toml.
public struct ResourceKindInfo: Hashable, Sendable {
    public var id: String
    public var zh: String
    public var en: String
    /// The team group of a team kind (`professional` …); empty otherwise.
    public var group: String
    public var keywords: [String]
    /// For depot items: the unit counted (顶, tents).
    public var unitZh: String
    public var unitEn: String
    /// For map layers whose features carry a grade 1…maxGrade (重大危险源 1–4).
    public var maxGrade: Int?
    /// For team kinds: the speed the map's travel estimate uses (km/h, straight line), nil when not given.
    public var speedKMH: Double?

    public init(id: String, zh: String, en: String, group: String = "", keywords: [String] = [],
                unitZh: String = "", unitEn: String = "", maxGrade: Int? = nil) {
        self.id = id
        self.zh = zh
        self.en = en
        self.group = group
        self.keywords = keywords
        self.unitZh = unitZh
        self.unitEn = unitEn
        self.maxGrade = maxGrade
    }
}

/// Kinds of rescue teams, depot items, shelters and map layers (resources.toml, DOMAIN.md §4).
public struct ResourceRules: Hashable, Sendable {
    public var teamGroups: [ResourceKindInfo]
    public var teamKinds: [ResourceKindInfo]
    public var teamStatuses: [ResourceKindInfo]
    public var depotLevels: [ResourceKindInfo]
    public var reserveKinds: [ResourceKindInfo]
    public var items: [ResourceKindInfo]
    public var shelterKinds: [ResourceKindInfo]
    public var shelterHosts: [ResourceKindInfo]
    public var shelterStatuses: [ResourceKindInfo]
    public var mapLayers: [ResourceKindInfo]
    public var fireStationKinds: [ResourceKindInfo] = []
    public var monitorKinds: [ResourceKindInfo] = []
    public var equipmentKinds: [ResourceKindInfo] = []
    /// Capacity = area / this, when only a shelter's area is known.
    public var shelterSquareMetresPerPerson: Double
    /// Affected people receive basic relief within this.
    public var reliefWithin: TimeInterval

    /// People a shelter of `areaM2` holds when its capacity is not known (rounded down).
    public func shelterCapacity(areaM2: Double) -> Int {
        guard areaM2 > 0, shelterSquareMetresPerPerson > 0 else { return 0 }
        return Int((areaM2 / shelterSquareMetresPerPerson).rounded(.down))
    }

    public func teamKind(_ id: String) -> ResourceKindInfo? { teamKinds.first { $0.id == id } }
    public func item(_ id: String) -> ResourceKindInfo? { items.first { $0.id == id } }
    public func mapLayer(_ id: String) -> ResourceKindInfo? { mapLayers.first { $0.id == id } }

    static func parse(_ root: TableReader) throws -> ResourceRules {
        let lists = ["team_groups", "team_kinds", "team_statuses", "depot_levels", "reserve_kinds", "items",
                     "shelter_kinds", "shelter_hosts", "shelter_statuses", "map_layers",
                     "fire_station_kinds", "monitor_kinds", "equipment_kinds"]
        try root.checkKeys(lists + ["shelter_m2_per_person", "relief_within"])
        func list(_ key: String, extra: [String] = []) throws -> [ResourceKindInfo] {
            var out: [ResourceKindInfo] = []
            for t in try root.tableArray(key) {
                try t.checkKeys(["id", "zh", "en"] + extra)
                let id = try t.identifier("id")
                guard !out.contains(where: { $0.id == id }) else { throw t.problem("id", "\"\(id)\" is listed twice") }
                var info = ResourceKindInfo(id: id, zh: try t.nonEmptyString("zh"), en: try t.nonEmptyString("en"))
                if extra.contains("group") { info.group = try t.string("group") }
                if t.has("keywords") { info.keywords = try t.stringArray("keywords") }
                if extra.contains("unit_zh") {
                    info.unitZh = try t.nonEmptyString("unit_zh")
                    info.unitEn = try t.nonEmptyString("unit_en")
                }
                if t.has("speed_kmh") {
                    let v = try t.number("speed_kmh")
                    guard v > 0 else { throw t.problem("speed_kmh", "\(v) must be more than zero") }
                    info.speedKMH = v
                }
                if t.has("max_grade") {
                    let g = try t.int("max_grade")
                    guard g >= 1 else { throw t.problem("max_grade", "\(g) must be 1 or more") }
                    info.maxGrade = g
                }
                out.append(info)
            }
            return out
        }
        let groups = try list("team_groups")
        let kinds = try list("team_kinds", extra: ["group", "keywords", "speed_kmh"])
        for (i, k) in kinds.enumerated() where !groups.contains(where: { $0.id == k.group }) {
            throw root.context.problem("team_kinds[\(i)].group", "\"\(k.group)\" is not one of team_groups")
        }
        let perPerson = try root.number("shelter_m2_per_person")
        guard perPerson > 0 else { throw root.problem("shelter_m2_per_person", "must be more than zero") }
        var rules = ResourceRules(
            teamGroups: groups, teamKinds: kinds, teamStatuses: try list("team_statuses"),
            depotLevels: try list("depot_levels"), reserveKinds: try list("reserve_kinds"),
            items: try list("items", extra: ["unit_zh", "unit_en", "keywords"]),
            shelterKinds: try list("shelter_kinds"), shelterHosts: try list("shelter_hosts"),
            shelterStatuses: try list("shelter_statuses"), mapLayers: try list("map_layers", extra: ["max_grade"]),
            shelterSquareMetresPerPerson: perPerson, reliefWithin: try root.duration("relief_within"))
        // Newer lists: a station's own resources.toml from before them still loads.
        if root.has("fire_station_kinds") { rules.fireStationKinds = try list("fire_station_kinds") }
        if root.has("monitor_kinds") { rules.monitorKinds = try list("monitor_kinds") }
        if root.has("equipment_kinds") { rules.equipmentKinds = try list("equipment_kinds") }
        return rules
    }
}
