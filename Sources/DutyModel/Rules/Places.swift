import Foundation

/// One county or district of the jurisdiction with its towns (镇、街道、管委会)
/// and, where listed, their villages and communities.
public struct CountyPlaces: Hashable, Sendable {
    public var name: String
    public var towns: [String]
    public var villages: [String: [String]]

    public init(name: String, towns: [String], villages: [String: [String]] = [:]) {
        self.name = name
        self.towns = towns
        self.villages = villages
    }
}

/// The jurisdiction's place list (places.toml), for the intake pickers. A
/// place not on it is still accepted as free text.
public struct PlaceList: Hashable, Sendable {
    public var jurisdiction: String
    public var counties: [CountyPlaces]

    public init(jurisdiction: String, counties: [CountyPlaces]) {
        self.jurisdiction = jurisdiction
        self.counties = counties
    }

    public func county(_ name: String) -> CountyPlaces? { counties.first { $0.name == name } }

    /// The counties holding a town of this name (usually one).
    public func counties(holdingTown town: String) -> [CountyPlaces] { counties.filter { $0.towns.contains(town) } }

    /// Villages of `town` (in `county` when given, else in any county).
    public func villages(of town: String, in county: String?) -> [String] {
        let pool = county.flatMap { self.county($0) }.map { [$0] } ?? counties
        return pool.flatMap { $0.villages[town] ?? [] }
    }

    static func parse(_ root: TableReader) throws -> PlaceList {
        try root.checkKeys(["jurisdiction", "county"])
        var counties: [CountyPlaces] = []
        for c in root.has("county") ? try root.tableArray("county") : [] {
            try c.checkKeys(["name", "towns", "villages"])
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
            counties.append(CountyPlaces(name: name, towns: towns, villages: villages))
        }
        return PlaceList(jurisdiction: try root.optionalString("jurisdiction") ?? "", counties: counties)
    }
}
