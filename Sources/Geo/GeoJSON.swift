import Foundation

// GeoJSON (RFC 7946) read through Codable: Point, MultiPoint, LineString,
// MultiLineString, Polygon, MultiPolygon, GeometryCollection, Feature and
// FeatureCollection. Every fault is named with where it is
// ("features[3].geometry.coordinates[0]: the ring is open …"), so a station's
// own map file that does not read says what to fix.

/// A position: longitude then latitude, WGS84 degrees (RFC 7946 §3.1.1; an altitude is read and dropped).
public struct GeoPosition: Hashable, Sendable, CustomStringConvertible {
    public var lon: Double
    public var lat: Double
    public init(lon: Double, lat: Double) {
        self.lon = lon
        self.lat = lat
    }
    public init(lat: Double, lon: Double) { self.init(lon: lon, lat: lat) }
    public var description: String { String(format: "%.4f,%.4f", lat, lon) }
}

public indirect enum GeoGeometry: Hashable, Sendable {
    case point(GeoPosition)
    case multiPoint([GeoPosition])
    case lineString([GeoPosition])
    case multiLineString([[GeoPosition]])
    /// Rings: the outer one first, then holes; each closed (last = first).
    case polygon([[GeoPosition]])
    case multiPolygon([[[GeoPosition]]])
    case collection([GeoGeometry])

    /// Every position, for bounds.
    public var positions: [GeoPosition] {
        switch self {
        case .point(let p): return [p]
        case .multiPoint(let ps), .lineString(let ps): return ps
        case .multiLineString(let lines): return lines.flatMap { $0 }
        case .polygon(let rings): return rings.flatMap { $0 }
        case .multiPolygon(let polygons): return polygons.flatMap { $0.flatMap { $0 } }
        case .collection(let geometries): return geometries.flatMap(\.positions)
        }
    }

    /// Whether `p` lies inside an area of this geometry (even–odd within each polygon; holes excluded).
    public func contains(_ p: GeoPosition) -> Bool {
        switch self {
        case .polygon(let rings): return Self.polygonContains(rings, p)
        case .multiPolygon(let polygons): return polygons.contains { Self.polygonContains($0, p) }
        case .collection(let geometries): return geometries.contains { $0.contains(p) }
        default: return false
        }
    }

    static func polygonContains(_ rings: [[GeoPosition]], _ p: GeoPosition) -> Bool {
        guard let outer = rings.first, ringContains(outer, p) else { return false }
        return !rings.dropFirst().contains { ringContains($0, p) }
    }

    static func ringContains(_ ring: [GeoPosition], _ p: GeoPosition) -> Bool {
        var inside = false
        var j = ring.count - 1
        for i in ring.indices {
            let a = ring[i], b = ring[j]
            if (a.lat > p.lat) != (b.lat > p.lat) {
                let x = a.lon + (p.lat - a.lat) * (b.lon - a.lon) / (b.lat - a.lat)
                if p.lon < x { inside.toggle() }
            }
            j = i
        }
        return inside
    }
}

/// A property's value as the map uses them: text, number, truth; anything else kept as `other`.
public enum GeoProperty: Hashable, Sendable {
    case string(String), number(Double), bool(Bool), null, other

    public var string: String? { if case .string(let s) = self { return s } else { return nil } }
    public var number: Double? { if case .number(let n) = self { return n } else { return nil } }
    public var bool: Bool? { if case .bool(let b) = self { return b } else { return nil } }
}

public struct GeoFeature: Hashable, Sendable {
    public var geometry: GeoGeometry?
    public var properties: [String: GeoProperty]
    public init(geometry: GeoGeometry?, properties: [String: GeoProperty] = [:]) {
        self.geometry = geometry
        self.properties = properties
    }
    public subscript(_ key: String) -> GeoProperty? { properties[key] }
}

public struct GeoFeatureCollection: Hashable, Sendable {
    public var features: [GeoFeature]
    public init(features: [GeoFeature]) { self.features = features }
}

/// What is wrong with a GeoJSON text, and where.
public struct GeoJSONError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Fault: Hashable, Sendable {
        case notJSON(String)
        case unknownType(String)
        case missing(String)
        case wrongKind(String)
        case badCoordinate(String)
        case openRing
        case tooFewPositions(needed: Int, got: Int)
    }

    /// Where: "features[3].geometry.coordinates[0][5]"; empty for the whole text.
    public var path: String
    public var fault: Fault

    public init(_ fault: Fault, at path: String) {
        self.fault = fault
        self.path = path
    }

    /// The index of the feature the fault is in ("features[3]…" → 3).
    public var featureIndex: Int? {
        guard path.hasPrefix("features["), let close = path.firstIndex(of: "]") else { return nil }
        return Int(path[path.index(path.startIndex, offsetBy: 9)..<close])
    }

    public var description: String {
        let what: String
        switch fault {
        case .notJSON(let why): what = "not JSON (\(why))"
        case .unknownType(let type): what = "unknown type \"\(type)\" (Point, MultiPoint, LineString, MultiLineString, Polygon, MultiPolygon, GeometryCollection, Feature, FeatureCollection)"
        case .missing(let key): what = "\"\(key)\" is missing"
        case .wrongKind(let expected): what = "expected \(expected)"
        case .badCoordinate(let why): what = "bad coordinate: \(why)"
        case .openRing: what = "the ring is open: its last position must repeat its first"
        case .tooFewPositions(let needed, let got): what = "\(got) positions, at least \(needed) needed"
        }
        return path.isEmpty ? what : "\(path): \(what)"
    }
}

public enum GeoJSON {
    /// Reads a FeatureCollection, a Feature or a bare geometry (as a collection of one).
    public static func read(_ data: Data) throws(GeoJSONError) -> GeoFeatureCollection {
        do {
            let object = try JSONDecoder().decode(AnyObjectType.self, from: data)
            switch object.type {
            case "FeatureCollection": return try JSONDecoder().decode(CollectionBody.self, from: data).collection
            case "Feature": return GeoFeatureCollection(features: [try JSONDecoder().decode(FeatureBody.self, from: data).feature])
            default: return GeoFeatureCollection(features: [GeoFeature(geometry: try JSONDecoder().decode(GeometryBody.self, from: data).geometry)])
            }
        } catch let error as GeoJSONError {
            throw error
        } catch let error as DecodingError {
            throw convert(error)
        } catch {
            throw GeoJSONError(.notJSON("\(error)"), at: "")
        }
    }

    static func convert(_ error: DecodingError) -> GeoJSONError {
        switch error {
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty {
                let why = (context.underlyingError as NSError?)?.userInfo[NSDebugDescriptionErrorKey] as? String ?? context.debugDescription
                return GeoJSONError(.notJSON(why), at: "")
            }
            return GeoJSONError(.wrongKind(context.debugDescription), at: path(context.codingPath))
        case .keyNotFound(let key, let context):
            return GeoJSONError(.missing(key.stringValue), at: path(context.codingPath))
        case .typeMismatch(let type, let context), .valueNotFound(let type, let context):
            return GeoJSONError(.wrongKind(kindName(type)), at: path(context.codingPath))
        @unknown default:
            return GeoJSONError(.notJSON("\(error)"), at: "")
        }
    }

    static func kindName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "a string"
        case is Double.Type, is Int.Type: return "a number"
        case is Array<Any>.Type: return "an array"
        default: return "\(type)".contains("Array") ? "an array" : "an object"
        }
    }

    /// "features[3].geometry.coordinates[0]".
    static func path(_ codingPath: [CodingKey]) -> String {
        var out = ""
        for key in codingPath {
            if let index = key.intValue { out += "[\(index)]" } else { out += (out.isEmpty ? "" : ".") + key.stringValue }
        }
        return out
    }
}

// MARK: Decoding

private struct AnyObjectType: Decodable {
    var type: String
}

private enum Keys: String, CodingKey { case type, coordinates, geometries, geometry, properties, features }

private struct CollectionBody: Decodable {
    var collection: GeoFeatureCollection
    init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        let features = try c.decode([FeatureBody].self, forKey: .features)
        collection = GeoFeatureCollection(features: features.map(\.feature))
    }
}

private struct FeatureBody: Decodable {
    var feature: GeoFeature
    init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        let type = try c.decode(String.self, forKey: .type)
        guard type == "Feature" else { throw GeoJSONError(.unknownType(type), at: GeoJSON.path(c.codingPath + [Keys.type])) }
        let geometry = try c.decodeIfPresent(GeometryBody.self, forKey: .geometry)?.geometry
        let properties = try c.decodeIfPresent([String: PropertyBody].self, forKey: .properties) ?? [:]
        feature = GeoFeature(geometry: geometry, properties: properties.mapValues(\.value))
    }
}

private struct PropertyBody: Decodable {
    var value: GeoProperty
    init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { value = .null }
        else if let b = try? c.decode(Bool.self) { value = .bool(b) }
        else if let n = try? c.decode(Double.self) { value = .number(n) }
        else if let s = try? c.decode(String.self) { value = .string(s) }
        else { value = .other }
    }
}

private struct GeometryBody: Decodable {
    var geometry: GeoGeometry
    init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        let type = try c.decode(String.self, forKey: .type)
        let at = GeoJSON.path(c.codingPath + [Keys.coordinates])
        switch type {
        case "Point": geometry = .point(try c.decode(PositionBody.self, forKey: .coordinates).position)
        case "MultiPoint": geometry = .multiPoint(try c.decode([PositionBody].self, forKey: .coordinates).map(\.position))
        case "LineString": geometry = .lineString(try Self.line(try c.decode([PositionBody].self, forKey: .coordinates), at: at))
        case "MultiLineString":
            let lines = try c.decode([[PositionBody]].self, forKey: .coordinates)
            geometry = .multiLineString(try lines.enumerated().map { try Self.line($1, at: at + "[\($0)]") })
        case "Polygon":
            geometry = .polygon(try Self.rings(try c.decode([[PositionBody]].self, forKey: .coordinates), at: at))
        case "MultiPolygon":
            let polygons = try c.decode([[[PositionBody]]].self, forKey: .coordinates)
            geometry = .multiPolygon(try polygons.enumerated().map { try Self.rings($1, at: at + "[\($0)]") })
        case "GeometryCollection":
            geometry = .collection(try c.decode([GeometryBody].self, forKey: .geometries).map(\.geometry))
        default:
            throw GeoJSONError(.unknownType(type), at: GeoJSON.path(c.codingPath + [Keys.type]))
        }
    }

    static func line(_ positions: [PositionBody], at path: String) throws -> [GeoPosition] {
        guard positions.count >= 2 else { throw GeoJSONError(.tooFewPositions(needed: 2, got: positions.count), at: path) }
        return positions.map(\.position)
    }

    /// A polygon's rings: each at least four positions, closed (RFC 7946 §3.1.6).
    static func rings(_ rings: [[PositionBody]], at path: String) throws -> [[GeoPosition]] {
        guard !rings.isEmpty else { throw GeoJSONError(.tooFewPositions(needed: 1, got: 0), at: path) }
        return try rings.enumerated().map { index, ring in
            let positions = ring.map(\.position)
            guard positions.count >= 4 else { throw GeoJSONError(.tooFewPositions(needed: 4, got: positions.count), at: path + "[\(index)]") }
            guard positions.first == positions.last else { throw GeoJSONError(.openRing, at: path + "[\(index)]") }
            return positions
        }
    }
}

private struct PositionBody: Decodable {
    var position: GeoPosition
    init(from decoder: Decoder) throws {
        var c = try decoder.unkeyedContainer()
        let at = GeoJSON.path(decoder.codingPath)
        var numbers: [Double] = []
        while !c.isAtEnd {
            guard let n = try? c.decode(Double.self) else { throw GeoJSONError(.badCoordinate("not a number"), at: at) }
            numbers.append(n)
        }
        guard numbers.count >= 2 else { throw GeoJSONError(.badCoordinate("\(numbers.count) numbers, longitude and latitude needed"), at: at) }
        let (lon, lat) = (numbers[0], numbers[1])
        guard lon.isFinite, (-180...180).contains(lon) else { throw GeoJSONError(.badCoordinate("longitude \(lon) outside −180…180"), at: at) }
        guard lat.isFinite, (-90...90).contains(lat) else { throw GeoJSONError(.badCoordinate("latitude \(lat) outside −90…90"), at: at) }
        position = GeoPosition(lon: lon, lat: lat)
    }
}
