import Foundation

/// The base map a station draws under its resources (#20): outlines of the city
/// and its districts, water areas, rivers and canals, named places. Read from
/// GeoJSON whose features carry `kind` (city, district, water, river, canal,
/// seat, town), `name`, `name_en`, `rank` (1 city seat, 2 district seat, 3 town).
public struct BaseMap: Hashable, Sendable {
    public struct Area: Hashable, Sendable {
        public var name: String
        public var nameEN: String
        public var kind: String
        /// Polygons, each its rings (outer first).
        public var polygons: [[[GeoPosition]]]
        public var approximate: Bool
    }

    public struct Line: Hashable, Sendable {
        public var name: String
        public var nameEN: String
        public var kind: String
        public var lines: [[GeoPosition]]
        public var approximate: Bool
    }

    public struct Place: Hashable, Sendable {
        public var name: String
        public var nameEN: String
        public var kind: String
        public var position: GeoPosition
        /// 1 the city's seat, 2 a district's, 3 a town: lower draws its label first.
        public var rank: Int
    }

    public var areas: [Area]
    public var lines: [Line]
    public var places: [Place]
    /// Everything the map holds.
    public var bounds: GeoBox

    public init(_ collection: GeoFeatureCollection) {
        var areas: [Area] = [], lines: [Line] = [], places: [Place] = []
        for feature in collection.features {
            guard let geometry = feature.geometry else { continue }
            let name = feature["name"]?.string ?? "", nameEN = feature["name_en"]?.string ?? name
            let kind = feature["kind"]?.string ?? ""
            let approximate = feature["approximate"]?.bool ?? false
            switch geometry {
            case .polygon(let rings):
                areas.append(Area(name: name, nameEN: nameEN, kind: kind, polygons: [rings], approximate: approximate))
            case .multiPolygon(let polygons):
                areas.append(Area(name: name, nameEN: nameEN, kind: kind, polygons: polygons, approximate: approximate))
            case .lineString(let line):
                lines.append(Line(name: name, nameEN: nameEN, kind: kind, lines: [line], approximate: approximate))
            case .multiLineString(let many):
                lines.append(Line(name: name, nameEN: nameEN, kind: kind, lines: many, approximate: approximate))
            case .point(let p):
                places.append(Place(name: name, nameEN: nameEN, kind: kind, position: p, rank: Int(feature["rank"]?.number ?? 3)))
            case .multiPoint(let ps):
                places += ps.map { Place(name: name, nameEN: nameEN, kind: kind, position: $0, rank: Int(feature["rank"]?.number ?? 3)) }
            case .collection:
                continue
            }
        }
        self.areas = areas
        self.lines = lines
        self.places = places
        let all = areas.flatMap { $0.polygons.flatMap { $0.flatMap { $0 } } } + lines.flatMap { $0.lines.flatMap { $0 } } + places.map(\.position)
        bounds = GeoBox(all) ?? GeoBox(south: 31.85, west: 119.55, north: 33.25, east: 120.60)
    }

    /// The base map compiled in (泰州市, SampleData/taizhou-map.geojson).
    public static let builtin: BaseMap = {
        guard let collection = try? GeoJSON.read(Data(BuiltinMap.taizhouGeoJSON.utf8)) else { return BaseMap(GeoFeatureCollection(features: [])) }
        return BaseMap(collection)
    }()

    /// The district (or city) whose outline holds `p`, the smallest first.
    public func area(containing p: GeoPosition, kind: String = "district") -> Area? {
        areas.first { $0.kind == kind && $0.polygons.contains { GeoGeometry.polygonContains($0, p) } }
    }
}
