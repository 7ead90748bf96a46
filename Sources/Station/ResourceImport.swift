import DutyModel
import Foundation
import SafeText

// The resource registry (#19): teams, depots and their stock, shelters, fire
// stations, hazard sources, monitoring points and large equipment, each kept by
// a bureau as a sheet. Every row is checked (ids unique, numbers whole and not
// negative, kinds known, county and town in the place list, the point inside
// the jurisdiction); one bad row refuses the file. A row equal to what the
// station holds writes nothing; a changed row is an update.

/// Header names, English and Chinese, of the registry sheets.
public enum ResourceColumns {
    static let place: [String: [String]] = [
        "id": ["id", "编号"], "name": ["name", "名称"], "county": ["county", "县区", "县（市、区）", "县(市、区)", "县市区"],
        "town": ["town", "乡镇", "乡镇街道", "镇街"], "lat": ["lat", "latitude", "纬度"], "lon": ["lon", "lng", "longitude", "经度"],
        "phone": ["phone", "联系电话", "电话"],
    ]
    static let teams = place.merging([
        "kind": ["kind", "类型", "队伍类型"], "unit": ["unit", "所属单位", "单位"], "headcount": ["headcount", "人数"],
        "equipment": ["equipment", "主要装备", "装备"], "base": ["base", "驻地", "地址"], "contact": ["contact", "联系人"],
        "status": ["status", "状态"],
    ]) { $1 }
    static let depots = place.merging([
        "level": ["level", "级别"], "reserve": ["reserve", "储备方式", "储备类型"], "address": ["address", "地址"],
        "contact": ["contact", "联系人"],
    ]) { $1 }
    static let stock: [String: [String]] = [
        "depot": ["depot", "储备库编号", "库编号", "储备库"], "item": ["item", "物资", "物资名称"], "quantity": ["quantity", "数量"],
        "minimum": ["minimum", "最低库存", "下限"], "rotation": ["rotation", "rotation_due", "轮换日期"],
    ]
    static let shelters = place.merging([
        "kind": ["kind", "类型", "场所类型"], "host": ["host", "依托场所", "载体类型"], "area": ["area", "area_m2", "面积", "面积（m²）", "面积(m2)"],
        "capacity": ["capacity", "容纳人数", "容量"], "address": ["address", "地址"], "status": ["status", "状态"],
    ]) { $1 }
    static let fireStations = place.merging([
        "kind": ["kind", "类型", "站级"], "vehicles": ["vehicles", "消防车", "车辆数"], "address": ["address", "地址"],
    ]) { $1 }
    static let hazards = place.merging([
        "enterprise": ["enterprise", "企业", "单位"], "grade": ["grade", "等级"], "substance": ["substance", "危险物质", "物质"],
    ]) { $1 }
    static let monitors = place.merging([
        "kind": ["kind", "类型"], "river": ["river", "河流", "水系"], "warning_level": ["warning_level", "警戒水位"],
    ]) { $1 }
    static let equipment = place.merging([
        "kind": ["kind", "类型"], "quantity": ["quantity", "数量"], "unit": ["unit", "所属单位", "单位"], "address": ["address", "地址"],
    ]) { $1 }

    static func columns(_ kind: CSVKind) -> [String: [String]] {
        switch kind {
        case .teams: return teams
        case .depots: return depots
        case .stock: return stock
        case .shelters: return shelters
        case .fireStations: return fireStations
        case .hazards: return hazards
        case .monitors: return monitors
        case .equipment: return equipment
        case .roster: return CSVColumns.roster
        case .contacts: return CSVColumns.contacts
        }
    }

    /// The registry kind a header names, by the column only that kind has.
    static func detect(_ header: [String]) -> CSVKind? {
        func has(_ key: String, _ table: [String: [String]]) -> Bool { header.contains { CSVColumns.key($0, in: table) == key } }
        if has("item", stock) && has("depot", stock) { return .stock }
        if has("headcount", teams) { return .teams }
        if has("reserve", depots) || has("level", depots) { return .depots }
        if has("capacity", shelters) || has("host", shelters) { return .shelters }
        if has("vehicles", fireStations) { return .fireStations }
        if has("substance", hazards) || has("grade", hazards) { return .hazards }
        if has("river", monitors) || has("warning_level", monitors) { return .monitors }
        if has("quantity", equipment) && has("kind", equipment) { return .equipment }
        return nil
    }
}

/// At most `limit` characters of a cell, for a message.
func clipped(_ text: String, _ limit: Int) -> String { text.count <= limit ? text : String(text.prefix(limit - 1)) + "…" }

/// One registry sheet's rows, read field by field; every problem is kept,
/// naming the file, the line and the column as the file calls it.
struct RegistryRows {
    let map: ColumnMap
    let file: String
    let kindName: String
    let rules: RuleBook
    var problems: [String] = []

    init(_ table: CSVTable, kind: CSVKind, file: String, rules: RuleBook) {
        map = ColumnMap(header: table.header, table: ResourceColumns.columns(kind), file: file)
        self.file = file
        kindName = kind.rawValue
        self.rules = rules
        problems = map.problems
    }

    func label(_ key: String) -> String { map.label[key] ?? key }

    mutating func problem(_ row: CSVRow, _ key: String, _ text: String) {
        problems.append("\(file) line \(row.line), column \(label(key)): \(text)")
    }

    /// The columns a sheet of this kind cannot do without.
    mutating func require(_ keys: [String]) -> Bool {
        let missing = keys.filter { map.index[$0] == nil }
        for key in missing {
            let names = ResourceColumns.columns(CSVKind(rawValue: kindName) ?? .teams)[key] ?? [key]
            problems.append("\(file) line 1: no \(key) column (\(names.joined(separator: " or "))); a \(kindName) sheet needs one")
        }
        return missing.isEmpty
    }

    func text(_ key: String, _ row: CSVRow) -> String { map.value(key, row) }

    mutating func required(_ key: String, _ row: CSVRow) -> String? {
        let value = text(key, row)
        if value.isEmpty { problem(row, key, "is empty; every row needs one") ; return nil }
        return value
    }

    /// A whole number, not negative; empty is `empty`.
    mutating func count(_ key: String, _ row: CSVRow, empty: Int64? = 0) -> Int64? {
        let value = text(key, row).replacingOccurrences(of: ",", with: "")
        if value.isEmpty {
            if empty == nil { problem(row, key, "is empty; give a whole number") }
            return empty
        }
        guard let number = Int64(value) else {
            problem(row, key, "\"\(clipped(value, 20))\" is not a whole number")
            return nil
        }
        guard number >= 0 else {
            problem(row, key, "\(number) is negative; counts are 0 or more")
            return nil
        }
        return number
    }

    /// One of `kinds`, given by its id, Chinese or English name.
    mutating func choice(_ key: String, _ row: CSVRow, _ kinds: [ResourceKindInfo], required: Bool = true) -> String? {
        let value = text(key, row)
        if value.isEmpty {
            if required { problem(row, key, "is empty; give one of \(kinds.map(\.zh).joined(separator: "、"))") }
            return required ? nil : ""
        }
        if let kind = kinds.first(where: { $0.id == value || $0.zh == value || $0.en.lowercased() == value.lowercased() }) { return kind.id }
        problem(row, key, "\"\(clipped(value, 20))\" is not one of \(kinds.map(\.zh).joined(separator: "、"))")
        return nil
    }

    /// County, town and point: the county and town in the place list, the point inside the jurisdiction.
    mutating func place(_ row: CSVRow, detailKey: String?) -> Zhiban_Events_V1_Place? {
        var place = Zhiban_Events_V1_Place()
        var ok = true
        let places = rules.places
        let county = text("county", row), town = text("town", row)
        if county.isEmpty {
            problem(row, "county", "is empty; give the county or district (\(places.counties.map(\.name).joined(separator: "、")))")
            ok = false
        } else if let known = places.county(county) {
            if town.isEmpty {
                problem(row, "town", "is empty; give the town or street of \(county)")
                ok = false
            } else if !known.towns.contains(town) {
                problem(row, "town", "\"\(clipped(town, 20))\" is not a town of \(county) in the place list (rules/places.toml)")
                ok = false
            }
        } else {
            problem(row, "county", "\"\(clipped(county, 20))\" is not a county of \(places.jurisdiction) (\(places.counties.map(\.name).joined(separator: "、")))")
            ok = false
        }
        place.county = county
        place.town = town
        if let detailKey { place.detail = text(detailKey, row) }
        let latText = text("lat", row), lonText = text("lon", row)
        guard let lat = Double(latText), let lon = Double(lonText), lat.isFinite, lon.isFinite else {
            if latText.isEmpty || lonText.isEmpty {
                problem(row, latText.isEmpty ? "lat" : "lon", "is empty; every object needs its point (WGS84 degrees)")
            } else {
                problem(row, Double(latText) == nil ? "lat" : "lon", "\"\(clipped(Double(latText) == nil ? latText : lonText, 20))\" is not a number of degrees")
            }
            return nil
        }
        if let bounds = places.bounds, !bounds.contains(lat: lat, lon: lon) {
            problem(row, "lat", "the point \(lat), \(lon) is outside \(places.jurisdiction) (\(bounds.description)); check the columns are not swapped")
            return nil
        }
        place.hasCoordinates_p = true
        place.lat = lat
        place.lon = lon
        return ok ? place : nil
    }
}

extension CSVImport {
    /// The plan for a registry sheet: one event per new or changed object.
    static func registry(_ table: CSVTable, kind: CSVKind, file: String, state: DutyState, rules: RuleBook) -> Result<CSVPlan, CSVProblems> {
        var rows = RegistryRows(table, kind: kind, file: file, rules: rules)
        var plan = CSVPlan()
        plan.notes = rows.map.ignored.map { "\(file): column \($0) ignored (not a \(kind.rawValue) column)" }
        let needed: [String]
        switch kind {
        case .stock: needed = ["depot", "item", "quantity"]
        default: needed = ["id", "name", "county", "town", "lat", "lon"]
        }
        guard rows.require(needed) else { return .failure(CSVProblems(rows.problems)) }
        let seen = seen(state)
        let resources = rules.resources
        var lineOfID: [String: Int] = [:]
        func unique(_ id: String, _ row: CSVRow, _ rows: inout RegistryRows) -> Bool {
            if let earlier = lineOfID[id] {
                rows.problem(row, "id", "\(id) is already on line \(earlier); ids are unique")
                return false
            }
            lineOfID[id] = row.line
            return true
        }
        func contact(_ row: CSVRow) -> String {
            [rows.text("contact", row), rows.text("phone", row)].filter { !$0.isEmpty }.joined(separator: " ")
        }
        for row in table.rows {
            if kind == .stock {
                guard let depot = rows.required("depot", row), let item = rows.choice("item", row, resources.items),
                      let quantity = rows.count("quantity", row, empty: nil), let minimum = rows.count("minimum", row) else { continue }
                let rotation = rows.text("rotation", row)
                if !rotation.isEmpty && !isDate(rotation) {
                    rows.problem(row, "rotation", "\"\(clipped(rotation, 20))\" is not a date (YYYY-MM-DD)")
                    continue
                }
                guard state.depots[depot]?.info.value != nil else {
                    rows.problem(row, "depot", "\(depot) is not a depot of this station; import the depots sheet first")
                    continue
                }
                guard unique("\(depot)|\(item)", row, &rows) else { continue }
                let current = state.depots[depot]?.stock[item] ?? 0
                if quantity != current {
                    var m = Zhiban_Events_V1_StockChanged()
                    m.depotID = depot; m.item = item; m.delta = quantity - current; m.reason = "count"
                    m.unit = resources.item(item)?.unitZh ?? ""
                    plan.drafts.append(EventDraft(m))
                }
                let facts = StockItem(minimum: minimum, rotationDue: rotation)
                if state.depots[depot]?.items[item]?.value != facts {
                    var m = Zhiban_Events_V1_StockItemRecorded()
                    m.depotID = depot; m.item = item; m.minimum = minimum; m.rotationDue = rotation; m.seen = seen
                    plan.drafts.append(EventDraft(m))
                }
                if quantity == current && state.depots[depot]?.items[item]?.value == facts { plan.unchanged += 1 }
                continue
            }
            guard let id = rows.required("id", row), let name = rows.required("name", row) else { continue }
            guard unique(id, row, &rows) else { continue }
            switch kind {
            case .teams:
                guard let teamKind = rows.choice("kind", row, resources.teamKinds), let headcount = rows.count("headcount", row),
                      let status = rows.choice("status", row, resources.teamStatuses, required: false),
                      let place = rows.place(row, detailKey: "base") else { continue }
                var m = Zhiban_Events_V1_TeamRecorded()
                m.name = name; m.kind = teamKind; m.headcount = Int32(clamping: headcount)
                m.equipment = rows.text("equipment", row); m.base = place; m.contact = contact(row); m.unit = rows.text("unit", row)
                let held = state.teams[id]
                if held?.info.value.map(Self.message) == m { plan.unchanged += 1 } else { m.teamID = id; m.seen = seen; plan.drafts.append(EventDraft(m)) }
                // The sheet's status sets a team's first status only: after that, dispatches and returns say it.
                if held?.status.value == nil {
                    var s = Zhiban_Events_V1_TeamStatusChanged()
                    s.teamID = id; s.status = status.isEmpty ? "standby" : status; s.seen = seen
                    plan.drafts.append(EventDraft(s))
                }
            case .depots:
                guard let level = rows.choice("level", row, resources.depotLevels),
                      let reserve = rows.choice("reserve", row, resources.reserveKinds, required: false),
                      let place = rows.place(row, detailKey: "address") else { continue }
                var m = Zhiban_Events_V1_DepotRecorded()
                m.name = name; m.level = level; m.reserveKind = reserve.isEmpty ? "physical" : reserve
                m.place = place; m.contact = contact(row)
                if state.depots[id]?.info.value.map(Self.message) == m { plan.unchanged += 1 } else { m.depotID = id; m.seen = seen; plan.drafts.append(EventDraft(m)) }
            case .shelters:
                guard let shelterKind = rows.choice("kind", row, resources.shelterKinds),
                      let host = rows.choice("host", row, resources.shelterHosts, required: false),
                      let area = rows.count("area", row), let capacityGiven = rows.count("capacity", row, empty: -1),
                      let status = rows.choice("status", row, resources.shelterStatuses, required: false),
                      let place = rows.place(row, detailKey: "address") else { continue }
                let capacity = capacityGiven >= 0 ? capacityGiven : Int64(resources.shelterCapacity(areaM2: Double(area)))
                if capacityGiven < 0 && area == 0 {
                    rows.problem(row, "capacity", "is empty and so is the area; give the capacity (people) or the area (m²)")
                    continue
                }
                var m = Zhiban_Events_V1_ShelterRecorded()
                m.name = name; m.kind = shelterKind; m.hostType = host; m.areaM2 = area; m.capacity = capacity
                m.place = place
                let held = state.shelters[id]
                if held?.info.value.map(Self.message) == m { plan.unchanged += 1 } else { m.shelterID = id; m.seen = seen; plan.drafts.append(EventDraft(m)) }
                // As for teams: the sheet's status is the first one only.
                if held?.status.value == nil {
                    var s = Zhiban_Events_V1_ShelterStatusChanged()
                    s.shelterID = id; s.status = status.isEmpty ? "closed" : status; s.seen = seen
                    plan.drafts.append(EventDraft(s))
                }
            case .fireStations, .hazards, .monitors, .equipment:
                var m = Zhiban_Events_V1_MapFeatureRecorded()
                m.name = name
                switch kind {
                case .fireStations:
                    guard let sub = rows.choice("kind", row, resources.fireStationKinds, required: false),
                          let vehicles = rows.count("vehicles", row), let place = rows.place(row, detailKey: "address") else { continue }
                    m.layer = "fire_station"; m.subkind = sub; m.quantity = vehicles; m.place = place
                case .hazards:
                    guard let grade = rows.count("grade", row, empty: nil) else { continue }
                    let maxGrade = resources.mapLayer("hazard_source")?.maxGrade ?? 4
                    guard (1...Int64(maxGrade)).contains(grade) else {
                        rows.problem(row, "grade", "\(grade) is not a grade 1–\(maxGrade) (1 is the most dangerous)")
                        continue
                    }
                    guard let place = rows.place(row, detailKey: nil) else { continue }
                    m.layer = "hazard_source"; m.grade = Int32(grade); m.unit = rows.text("enterprise", row)
                    m.substance = rows.text("substance", row); m.place = place
                case .monitors:
                    guard let sub = rows.choice("kind", row, resources.monitorKinds), let place = rows.place(row, detailKey: nil) else { continue }
                    let levelText = rows.text("warning_level", row)
                    var level: Double?
                    if !levelText.isEmpty {
                        guard let l = Double(levelText), l.isFinite, abs(l) < 1000 else {
                            rows.problem(row, "warning_level", "\"\(clipped(levelText, 20))\" is not a water level in metres")
                            continue
                        }
                        level = l
                    }
                    m.layer = "monitoring_point"; m.subkind = sub; m.details = rows.text("river", row); m.place = place
                    // The warning level in centimetres (0: none given).
                    m.quantity = level.map { Int64(($0 * 100).rounded()) } ?? 0
                default:
                    guard let sub = rows.choice("kind", row, resources.equipmentKinds), let quantity = rows.count("quantity", row),
                          let place = rows.place(row, detailKey: "address") else { continue }
                    m.layer = "equipment"; m.subkind = sub; m.quantity = quantity; m.unit = rows.text("unit", row); m.place = place
                }
                m.contact = contact(row)
                m.featureID = Self.featureID(layer: m.layer, id: id)
                if state.mapFeatures[m.featureID]?.value.map({ Self.message($0, id: m.featureID) }) == m {
                    plan.unchanged += 1
                } else {
                    m.seen = seen
                    plan.drafts.append(EventDraft(m))
                }
            case .roster, .contacts, .stock:
                break
            }
        }
        if !rows.problems.isEmpty { return .failure(CSVProblems(rows.problems)) }
        plan.changedRows = table.rows.count - plan.unchanged
        return .success(plan)
    }

    /// Map features of all layers share one id space: the registry's id under its layer.
    public static func featureID(layer: String, id: String) -> String { "\(layer):\(id)" }

    // The folded values as the messages a row makes (without `seen`), to tell an unchanged row.
    static func place(_ p: PlaceInfo) -> Zhiban_Events_V1_Place {
        var m = Zhiban_Events_V1_Place()
        m.county = p.county; m.town = p.town; m.village = p.village; m.detail = p.detail
        if let lat = p.latitude, let lon = p.longitude { m.hasCoordinates_p = true; m.lat = lat; m.lon = lon }
        return m
    }

    static func message(_ t: TeamInfo) -> Zhiban_Events_V1_TeamRecorded {
        var m = Zhiban_Events_V1_TeamRecorded()
        m.name = t.name; m.kind = t.kind; m.headcount = Int32(clamping: t.headcount); m.equipment = t.equipment
        m.base = place(t.base); m.contact = t.contact; m.unit = t.unit
        return m
    }

    static func message(_ d: DepotInfo) -> Zhiban_Events_V1_DepotRecorded {
        var m = Zhiban_Events_V1_DepotRecorded()
        m.name = d.name; m.level = d.level; m.reserveKind = d.reserveKind; m.place = place(d.place); m.contact = d.contact
        return m
    }

    static func message(_ s: ShelterInfo) -> Zhiban_Events_V1_ShelterRecorded {
        var m = Zhiban_Events_V1_ShelterRecorded()
        m.name = s.name; m.kind = s.kind; m.hostType = s.hostType; m.areaM2 = s.areaM2; m.capacity = s.capacity; m.place = place(s.place)
        return m
    }

    static func message(_ f: MapFeature, id: String) -> Zhiban_Events_V1_MapFeatureRecorded {
        var m = Zhiban_Events_V1_MapFeatureRecorded()
        m.featureID = id; m.layer = f.layer; m.name = f.name; m.grade = Int32(clamping: f.grade); m.place = place(f.place)
        m.details = f.details; m.subkind = f.subkind; m.unit = f.unit; m.contact = f.contact; m.substance = f.substance; m.quantity = f.quantity
        return m
    }
}
