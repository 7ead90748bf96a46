import Foundation
import Geo
import Testing

/// The projection, the viewport's cells and the fixed grid of references.
@Suite struct ProjectionTests {
    static let taizhou = GeoBox(south: 31.85, west: 119.55, north: 33.25, east: 120.60)

    @Test func longitudeIsScaledByTheLatitudesCosine() {
        let p = Projection(origin: GeoPosition(lat: 32.5, lon: 120))
        let east = p.project(GeoPosition(lat: 32.5, lon: 121))
        let south = p.project(GeoPosition(lat: 31.5, lon: 120))
        #expect(abs(east.x - 111.2 * cos(32.5 * .pi / 180)) < 0.01 && east.y == 0)
        #expect(abs(south.y - 111.2) < 0.01 && south.x == 0)
        let back = p.unproject(x: east.x, y: east.y)
        #expect(abs(back.lon - 121) < 1e-9 && abs(back.lat - 32.5) < 1e-9)
    }

    @Test(arguments: [1.0, 0.5, 0.25])
    func knownPointsFallInKnownCells(kmPerColumn: Double) {
        let projection = Projection(origin: Self.taizhou.centre)
        let seat = GeoPosition(lat: 32.49, lon: 119.92)
        let view = MapViewport(centre: seat, kmPerColumn: kmPerColumn, projection: projection)
        let here = view.cell(seat, width: 80, height: 24)
        #expect(here.x == 40 && here.y == 12, "the centre is the middle cell")
        // 10 km east is 10 / kmPerColumn columns; 10 km south is 5 / kmPerColumn rows (a cell is twice as tall).
        let east = view.cell(projection.unproject(x: projection.project(seat).x + 10, y: projection.project(seat).y), width: 80, height: 24)
        #expect(abs(east.x - (40 + 10 / kmPerColumn)) < 1e-6 && abs(east.y - 12) < 1e-6)
        let south = view.cell(projection.unproject(x: projection.project(seat).x, y: projection.project(seat).y + 10), width: 80, height: 24)
        #expect(abs(south.y - (12 + 5 / kmPerColumn)) < 1e-6)
        let back = view.position(x: east.x, y: east.y, width: 80, height: 24)
        #expect(distanceKM(back, seat) > 9.9 && distanceKM(back, seat) < 10.1)
    }

    @Test func fittingShowsTheWholeBox() {
        for (w, h) in [(80, 24), (200, 60), (60, 16)] {
            let view = MapViewport.fitting(Self.taizhou, width: w, height: h, projection: Projection(origin: Self.taizhou.centre))
            for corner in [GeoPosition(lat: 31.85, lon: 119.55), GeoPosition(lat: 33.25, lon: 120.60)] {
                let c = view.cell(corner, width: w, height: h)
                #expect(c.x >= 0 && c.x <= Double(w) && c.y >= 0 && c.y <= Double(h), "\(w)×\(h): \(corner) at \(c)")
            }
        }
    }

    @Test func gridReferencesNameTheSameSquareBothWays() {
        let grid = MapGrid(box: Self.taizhou, squareKM: 10)
        #expect(grid.columns == 10 && grid.rows == 16, "\(grid.columns)×\(grid.rows)")
        #expect(grid.reference(GeoPosition(lat: 33.249, lon: 119.551)) == "A1")
        #expect(grid.reference(GeoPosition(lat: 31.86, lon: 120.59)) == "J16")
        #expect(grid.reference(GeoPosition(lat: 34, lon: 120)) == nil)
        for square in ["A1", "C7", "J16", "e 12"] {
            let centre = grid.centre(of: square)!
            #expect(grid.reference(centre) == square.uppercased().replacingOccurrences(of: " ", with: ""))
        }
        #expect(grid.centre(of: "K1") == nil && grid.centre(of: "A17") == nil && grid.centre(of: "7C") == nil)
        #expect(grid.resolve("32.49,119.92") == GeoPosition(lat: 32.49, lon: 119.92))
        #expect(grid.resolve("32.49，119.92") == GeoPosition(lat: 32.49, lon: 119.92))
        #expect(grid.resolve("C7") == grid.centre(of: "C7"))
        #expect(grid.resolve("95,119") == nil && grid.resolve("nowhere") == nil)
    }

    @Test func distancesAgreeWithHandComputedOnes() {
        // 海陵 to 泰兴 seats: Δlat 0.32°, Δlon 0.13° → √((0.32·111.2)² + (0.13·111.2·cos 32.33°)²) ≈ 37.6 km.
        let d = distanceKM(GeoPosition(lat: 32.49, lon: 119.92), GeoPosition(lat: 32.17, lon: 120.05))
        #expect(abs(d - 37.6) < 0.3, "\(d)")
        #expect(distanceKM(GeoPosition(lat: 32, lon: 120), GeoPosition(lat: 32, lon: 120)) == 0)
    }
}
