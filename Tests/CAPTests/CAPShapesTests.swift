import Foundation
import Testing
import CAP

/// The ground a CAP area covers, as the map fills it (#20).
@Suite struct CAPShapesTests {
    @Test func aPolygonIsItsPairsInOrder() {
        let area = CAPArea(areaDesc: "沿江", polygons: ["32.36,119.82 32.30,120.08 32.14,120.30 32.36,119.82"])
        #expect(area.rings.count == 1)
        #expect(area.rings[0].map(\.latitude) == [32.36, 32.30, 32.14, 32.36])
        #expect(area.rings[0].map(\.longitude) == [119.82, 120.08, 120.30, 119.82])
    }

    @Test func aCircleIsARingAtItsRadius() throws {
        let area = CAPArea(areaDesc: "高港", circles: ["32.32,119.88 15"])
        let ring = try #require(area.rings.first)
        #expect(ring.count == 49 && ring.first == ring.last, "48 sides, closed")
        // Every point 15 km from the centre, by the equirectangular distance the map draws with.
        for p in ring {
            let dy = (p.latitude - 32.32) * 111.2
            let dx = (p.longitude - 119.88) * 111.2 * cos(32.32 * .pi / 180)
            #expect(abs((dx * dx + dy * dy).squareRoot() - 15) < 0.01)
        }
    }

    @Test func whatIsNotAPointOrARingIsLeftOut() {
        let area = CAPArea(areaDesc: "坏", polygons: ["32.1,119.9 abc 95.0,119.9 32.2,120.0", "32.1,119.9 32.2,120.0 32.1,120.1 32.1,119.9"],
                           circles: ["32.3,119.9", "32.3,119.9 -4", "32.3,119.9 nan", "32.3,119.9 0"])
        // The first polygon keeps two good pairs of four (no ring); the second is whole; no circle draws.
        #expect(area.rings.count == 1 && area.rings[0].count == 4)
    }
}
