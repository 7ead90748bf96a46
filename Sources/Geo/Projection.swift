import Foundation

/// A box of latitudes and longitudes.
public struct GeoBox: Hashable, Sendable {
    public var south, west, north, east: Double
    public init(south: Double, west: Double, north: Double, east: Double) {
        self.south = south; self.west = west; self.north = north; self.east = east
    }

    /// The box around `positions`; nil for none.
    public init?(_ positions: some Sequence<GeoPosition>) {
        var it = positions.makeIterator()
        guard let first = it.next() else { return nil }
        var box = GeoBox(south: first.lat, west: first.lon, north: first.lat, east: first.lon)
        while let p = it.next() {
            box.south = min(box.south, p.lat); box.north = max(box.north, p.lat)
            box.west = min(box.west, p.lon); box.east = max(box.east, p.lon)
        }
        self = box
    }

    public var centre: GeoPosition { GeoPosition(lon: (west + east) / 2, lat: (south + north) / 2) }
    public func contains(_ p: GeoPosition) -> Bool { (south...north).contains(p.lat) && (west...east).contains(p.lon) }
}

/// Equirectangular projection about a reference latitude: x east and y south
/// in kilometres, the longitude scaled by the reference latitude's cosine so the
/// jurisdiction is not stretched (at 32.5°N a degree of longitude is 0.84 of one of latitude).
public struct Projection: Hashable, Sendable {
    public static let kmPerDegreeLatitude = 111.2
    public var origin: GeoPosition
    public let kmPerDegreeLongitude: Double

    public init(origin: GeoPosition) {
        self.origin = origin
        kmPerDegreeLongitude = Self.kmPerDegreeLatitude * cos(origin.lat * .pi / 180)
    }

    /// (x east, y south) in km from the origin.
    public func project(_ p: GeoPosition) -> (x: Double, y: Double) {
        ((p.lon - origin.lon) * kmPerDegreeLongitude, (origin.lat - p.lat) * Self.kmPerDegreeLatitude)
    }

    public func unproject(x: Double, y: Double) -> GeoPosition {
        GeoPosition(lon: origin.lon + x / kmPerDegreeLongitude, lat: origin.lat - y / Self.kmPerDegreeLatitude)
    }
}

/// Where the map looks: its centre and how many km one cell's width covers. A
/// terminal cell is about twice as tall as it is wide, so a row covers twice the km.
public struct MapViewport: Hashable, Sendable {
    public var centre: GeoPosition { didSet { centreKM = projection.project(centre) } }
    public var kmPerColumn: Double
    public var projection: Projection { didSet { centreKM = projection.project(centre) } }
    /// The centre projected, kept with it: a frame places thousands of points.
    private var centreKM: (x: Double, y: Double)

    public init(centre: GeoPosition, kmPerColumn: Double, projection: Projection) {
        self.centre = centre
        self.kmPerColumn = kmPerColumn
        self.projection = projection
        centreKM = projection.project(centre)
    }

    public static func == (a: Self, b: Self) -> Bool {
        a.centre == b.centre && a.kmPerColumn == b.kmPerColumn && a.projection == b.projection
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(centre)
        hasher.combine(kmPerColumn)
        hasher.combine(projection)
    }

    public var kmPerRow: Double { kmPerColumn * 2 }

    /// The cell (fractional column, row) of `p` in a view of `width`×`height` cells.
    public func cell(_ p: GeoPosition, width: Int, height: Int) -> (x: Double, y: Double) {
        let c = centreKM, q = projection.project(p)
        return (Double(width) / 2 + (q.x - c.x) / kmPerColumn, Double(height) / 2 + (q.y - c.y) / kmPerRow)
    }

    /// The position under the middle of cell (`x`, `y`).
    public func position(x: Double, y: Double, width: Int, height: Int) -> GeoPosition {
        let c = centreKM
        return projection.unproject(x: c.x + (x - Double(width) / 2) * kmPerColumn, y: c.y + (y - Double(height) / 2) * kmPerRow)
    }

    /// The viewport that shows all of `box` in `width`×`height` cells, centred.
    public static func fitting(_ box: GeoBox, width: Int, height: Int, projection: Projection) -> MapViewport {
        let a = projection.project(GeoPosition(lon: box.west, lat: box.north))
        let b = projection.project(GeoPosition(lon: box.east, lat: box.south))
        let kmWide = abs(b.x - a.x), kmTall = abs(b.y - a.y)
        let perColumn = max(kmWide / Double(max(1, width)), kmTall / 2 / Double(max(1, height)), 0.01)
        return MapViewport(centre: box.centre, kmPerColumn: perColumn * 1.04, projection: projection)
    }
}

/// Great-circle distance in kilometres (haversine).
public func distanceKM(_ a: GeoPosition, _ b: GeoPosition) -> Double {
    let r = 6371.0, rad = Double.pi / 180
    let dLat = (b.lat - a.lat) * rad, dLon = (b.lon - a.lon) * rad
    let h = sin(dLat / 2) * sin(dLat / 2) + cos(a.lat * rad) * cos(b.lat * rad) * sin(dLon / 2) * sin(dLon / 2)
    return 2 * r * asin(min(1, sqrt(h)))
}

/// A fixed grid over the jurisdiction (not the screen), for the radio: columns
/// A, B, C … west to east, rows 1, 2, 3 … north to south, squares of `squareKM`.
/// "The team is at C7" names the same square on every console at every zoom.
public struct MapGrid: Hashable, Sendable {
    public var box: GeoBox
    public var squareKM: Double
    public let projection: Projection
    public let columns: Int
    public let rows: Int

    public init(box: GeoBox, squareKM: Double = 10) {
        self.box = box
        self.squareKM = squareKM
        projection = Projection(origin: GeoPosition(lon: box.west, lat: box.north))
        let far = projection.project(GeoPosition(lon: box.east, lat: box.south))
        columns = max(1, min(26, Int((far.x / squareKM).rounded(.up))))
        rows = max(1, Int((far.y / squareKM).rounded(.up)))
    }

    /// "C7" for a position inside the grid; nil outside it.
    public func reference(_ p: GeoPosition) -> String? {
        let q = projection.project(p)
        let column = Int((q.x / squareKM).rounded(.down)), row = Int((q.y / squareKM).rounded(.down))
        guard (0..<columns).contains(column), (0..<rows).contains(row) else { return nil }
        return Self.columnName(column) + String(row + 1)
    }

    public static func columnName(_ column: Int) -> String { String(UnicodeScalar(UInt8(65 + column))) }

    /// The centre of square "C7" (case and spaces ignored); nil when it is not a square of the grid.
    public func centre(of reference: String) -> GeoPosition? {
        let text = reference.uppercased().filter { !$0.isWhitespace }
        guard let letter = text.first, let ascii = letter.asciiValue, (65..<(65 + columns)).contains(Int(ascii)),
              let row = Int(text.dropFirst()), (1...rows).contains(row) else { return nil }
        let column = Int(ascii) - 65
        return projection.unproject(x: (Double(column) + 0.5) * squareKM, y: (Double(row) - 0.5) * squareKM)
    }

    /// The x (km) of a column's west edge and the y (km) of a row's north edge, in the grid's projection.
    public func columnEdge(_ column: Int) -> GeoPosition { projection.unproject(x: Double(column) * squareKM, y: 0) }
    public func rowEdge(_ row: Int) -> GeoPosition { projection.unproject(x: 0, y: Double(row) * squareKM) }

    /// `:goto` text: a grid square ("C7") or a point ("32.49,119.92", latitude first).
    public func resolve(_ text: String) -> GeoPosition? {
        if let square = centre(of: text) { return square }
        let parts = text.split(whereSeparator: { $0 == "," || $0 == "，" || $0 == " " }).compactMap { Double($0) }
        guard parts.count == 2, (-90...90).contains(parts[0]), (-180...180).contains(parts[1]) else { return nil }
        return GeoPosition(lon: parts[1], lat: parts[0])
    }
}
