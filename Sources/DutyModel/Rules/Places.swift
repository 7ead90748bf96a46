import Foundation

/// One county or district of the jurisdiction with its towns (镇、街道、管委会)
/// and, where listed, their villages and communities.
public struct CountyPlaces: Hashable, Sendable {
    public var name: String
    public var towns: [String]
    public var villages: [String: [String]]
    /// 行政区划代码 (six digits), matched against a CAP `<geocode>`; empty when not given.
    public var code: String
    /// Schools, hospitals, scenic areas, stations: places a warning must reach besides the towns.
    public var specialPlaces: [String]
    /// Resident population per town, where given (approximate figures; places.toml says whence).
    public var population: [String: Int]

    public init(name: String, towns: [String], villages: [String: [String]] = [:], code: String = "",
                specialPlaces: [String] = [], population: [String: Int] = [:]) {
        self.name = name
        self.towns = towns
        self.villages = villages
        self.code = code
        self.specialPlaces = specialPlaces
        self.population = population
    }
}

/// The jurisdiction's place list (places.toml), for the intake pickers. A
/// place not on it is still accepted as free text.
public struct PlaceList: Hashable, Sendable {
    public var jurisdiction: String
    /// The jurisdiction's own 行政区划代码; empty when not given.
    public var code: String
    public var counties: [CountyPlaces]
    /// The jurisdiction's bounding box, when given: registry points outside it are refused.
    public var bounds: GeoBounds?

    public init(jurisdiction: String, code: String = "", counties: [CountyPlaces], bounds: GeoBounds? = nil) {
        self.jurisdiction = jurisdiction
        self.code = code
        self.counties = counties
        self.bounds = bounds
    }

    public func county(_ name: String) -> CountyPlaces? { counties.first { $0.name == name } }

    /// Whether `name` is a town (镇、街道、管委会) of some county.
    public func isTown(_ name: String) -> Bool { counties.contains { $0.towns.contains(name) } }

    /// The population of the town `name` (of the first county listing it with a figure), if given.
    public func population(ofTown name: String) -> Int? {
        for county in counties { if let n = county.population[name] { return n } }
        return nil
    }

    /// The counties holding a town of this name (usually one).
    public func counties(holdingTown town: String) -> [CountyPlaces] { counties.filter { $0.towns.contains(town) } }

    /// Villages of `town` (in `county` when given, else in any county).
    public func villages(of town: String, in county: String?) -> [String] {
        let pool = county.flatMap { self.county($0) }.map { [$0] } ?? counties
        return pool.flatMap { $0.villages[town] ?? [] }
    }

    static func parse(_ root: TableReader) throws -> PlaceList {
        try root.checkKeys(["jurisdiction", "code", "county", "bounds"])
        func divisionCode(_ table: TableReader) throws -> String {
            guard let code = try table.optionalString("code") else { return "" }
            guard code.count == 6, code.allSatisfy(\.isASCII), code.allSatisfy(\.isNumber) else {
                throw table.problem("code", "\"\(code)\" is not a six-digit division code (行政区划代码, e.g. \"321283\")")
            }
            return code
        }
        var counties: [CountyPlaces] = []
        for c in root.has("county") ? try root.tableArray("county") : [] {
            try c.checkKeys(["name", "code", "towns", "villages", "special_places", "population"])
            let name = try c.nonEmptyString("name")
            if counties.contains(where: { $0.name == name }) { throw c.problem("name", "county \"\(name)\" is listed twice") }
            let towns = try c.stringArray("towns")
            if let blank = towns.firstIndex(where: { $0.trimmingCharacters(in: .whitespaces).isEmpty }) {
                throw c.problem("towns", "entry \(blank + 1) is empty")
            }
            var villages: [String: [String]] = [:]
            if c.has("villages") {
                let v = try c.subtable("villages")
                for town in v.keys {
                    guard towns.contains(town) else {
                        throw v.problem(town, "\"\(town)\" is not one of this county's towns; add it to towns first")
                    }
                    villages[town] = try v.stringArray(town)
                }
            }
            let special = c.has("special_places") ? try c.stringArray("special_places") : []
            if let blank = special.firstIndex(where: { $0.trimmingCharacters(in: .whitespaces).isEmpty }) {
                throw c.problem("special_places", "entry \(blank + 1) is empty")
            }
            var population: [String: Int] = [:]
            if c.has("population") {
                let p = try c.subtable("population")
                for town in p.keys {
                    guard towns.contains(town) else {
                        throw p.problem(town, "\"\(town)\" is not one of this county's towns; add it to towns first")
                    }
                    let n = try p.int(town)
                    guard n > 0 else { throw p.problem(town, "\(n) is not a population: give the number of residents, above zero") }
                    population[town] = n
                }
            }
            counties.append(CountyPlaces(name: name, towns: towns, villages: villages, code: try divisionCode(c),
                                         specialPlaces: special, population: population))
        }
        var bounds: GeoBounds?
        if root.has("bounds") {
            let b = try root.numberArray("bounds")
            guard b.count == 4, (-90.0...90.0).contains(b[0]), (-90.0...90.0).contains(b[2]), b[0] < b[2],
                  (-180.0...180.0).contains(b[1]), (-180.0...180.0).contains(b[3]), b[1] < b[3] else {
                throw root.problem("bounds", "must be [south, west, north, east] in degrees, south below north and west below east")
            }
            bounds = GeoBounds(south: b[0], west: b[1], north: b[2], east: b[3])
        }
        return PlaceList(jurisdiction: try root.optionalString("jurisdiction") ?? "", code: try divisionCode(root),
                         counties: counties, bounds: bounds)
    }
}

/// A box of latitudes and longitudes (WGS84 degrees).
public struct GeoBounds: Hashable, Sendable {
    public var south, west, north, east: Double
    public init(south: Double, west: Double, north: Double, east: Double) {
        (self.south, self.west, self.north, self.east) = (south, west, north, east)
    }
    public func contains(lat: Double, lon: Double) -> Bool {
        (south...north).contains(lat) && (west...east).contains(lon)
    }
    public var description: String {
        String(format: "%.2f–%.2f°N, %.2f–%.2f°E", south, north, west, east)
    }
}

extension PlaceList {
    /// The towns a warning's areas cover, each area given as its description
    /// and division codes. A town named in the text; a county named without
    /// any of its towns (兴化市全境), or its code, means all its towns; the
    /// jurisdiction itself (泰州市) or its code, alone, means every town.
    public func towns(covering areas: [(description: String, codes: [String])]) -> [String] {
        var found: [String] = []
        func add(_ towns: [String]) {
            for t in towns where !found.contains(t) { found.append(t) }
        }
        for area in areas {
            let codes = area.codes.map { $0.trimmingCharacters(in: .whitespaces) }
            var named = false
            for county in counties {
                let towns = county.towns.filter { area.description.contains($0) }
                if !towns.isEmpty {
                    add(towns)
                    named = true
                } else if area.description.contains(county.name)
                            || (!county.code.isEmpty && codes.contains { $0.hasPrefix(county.code) }) {
                    add(county.towns)
                    named = true
                }
            }
            let whole = (!jurisdiction.isEmpty && area.description.contains(jurisdiction)) || (!code.isEmpty && codes.contains(code))
            if !named && whole { add(counties.flatMap(\.towns)) }
        }
        return found
    }
}
