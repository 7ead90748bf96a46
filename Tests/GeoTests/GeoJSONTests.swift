import ConsoleTestSupport
import Foundation
import Geo
import Testing

/// GeoJSON (RFC 7946): every kind of geometry reads; each fault is named with
/// where it is; the committed Taizhou map reads and its districts hold their seats.
@Suite struct GeoJSONTests {
    func read(_ text: String) throws(GeoJSONError) -> GeoFeatureCollection { try GeoJSON.read(Data(text.utf8)) }

    @Test func everyKindOfGeometryReads() throws {
        let text = """
            {"type": "FeatureCollection", "features": [
              {"type": "Feature", "properties": {"name": "甲", "rank": 2, "approximate": true, "x": null}, "geometry": {"type": "Point", "coordinates": [119.92, 32.49]}},
              {"type": "Feature", "properties": {}, "geometry": {"type": "MultiPoint", "coordinates": [[119.9, 32.4], [120.0, 32.5, 12]]}},
              {"type": "Feature", "properties": {}, "geometry": {"type": "LineString", "coordinates": [[119.9, 32.4], [120.0, 32.5]]}},
              {"type": "Feature", "properties": {}, "geometry": {"type": "MultiLineString", "coordinates": [[[119.9, 32.4], [120.0, 32.5]]]}},
              {"type": "Feature", "properties": {}, "geometry": {"type": "Polygon", "coordinates": [[[119.9, 32.4], [120.0, 32.4], [120.0, 32.5], [119.9, 32.4]]]}},
              {"type": "Feature", "properties": {}, "geometry": {"type": "MultiPolygon", "coordinates": [[[[119.9, 32.4], [120.0, 32.4], [120.0, 32.5], [119.9, 32.4]]]]}},
              {"type": "Feature", "properties": {}, "geometry": {"type": "GeometryCollection", "geometries": [{"type": "Point", "coordinates": [1, 2]}]}},
              {"type": "Feature", "properties": null, "geometry": null}
            ]}
            """
        let collection = try read(text)
        #expect(collection.features.count == 8)
        #expect(collection.features[0].geometry == .point(GeoPosition(lat: 32.49, lon: 119.92)))
        #expect(collection.features[0]["name"]?.string == "甲" && collection.features[0]["rank"]?.number == 2)
        #expect(collection.features[0]["approximate"]?.bool == true && collection.features[0]["x"] == .null)
        #expect(collection.features[1].geometry?.positions.count == 2, "an altitude is read and dropped")
        if case .polygon(let rings) = collection.features[4].geometry { #expect(rings[0].count == 4) } else { Issue.record("not a polygon") }
        #expect(collection.features[7].geometry == nil)
        // A bare geometry and a single feature read as a collection of one.
        #expect(try read(#"{"type": "Point", "coordinates": [119.92, 32.49]}"#).features.count == 1)
        #expect(try read(#"{"type": "Feature", "properties": {}, "geometry": {"type": "Point", "coordinates": [119.92, 32.49]}}"#).features.count == 1)
    }

    @Test(arguments: [
        // An open ring, with its feature and ring named.
        (#"{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {}, "geometry": {"type": "Point", "coordinates": [1, 2]}}, {"type": "Feature", "properties": {}, "geometry": {"type": "Polygon", "coordinates": [[[119.9, 32.4], [120.0, 32.4], [120.0, 32.5], [119.95, 32.45]]]}}]}"#,
         "features[1].geometry.coordinates[0]: the ring is open", 1),
        (#"{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {}, "geometry": {"type": "Point", "coordinates": [219.9, 32.4]}}]}"#,
         "features[0].geometry.coordinates: bad coordinate: longitude 219.9 outside −180…180", 0),
        (#"{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {}, "geometry": {"type": "LineString", "coordinates": [[119.9, 95]]}}]}"#,
         "features[0].geometry.coordinates[0]: bad coordinate: latitude 95.0 outside −90…90", 0),
        (#"{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {}, "geometry": {"type": "LineString", "coordinates": [[119.9, 32.4]]}}]}"#,
         "features[0].geometry.coordinates: 1 positions, at least 2 needed", 0),
        (#"{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {}, "geometry": {"type": "Circle", "coordinates": [1, 2]}}]}"#,
         "features[0].geometry.type: unknown type \"Circle\"", 0),
        (#"{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {}, "geometry": {"type": "Point", "coordinates": ["a", 2]}}]}"#,
         "features[0].geometry.coordinates: bad coordinate: not a number", 0),
        (#"{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {}, "geometry": {"type": "Polygon"}}]}"#,
         "features[0].geometry: \"coordinates\" is missing", 0),
        (#"{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {}, "geometry": {"type": "Polygon", "coordinates": [[[1, 2], [3, 4], [1, 2]]]}}]}"#,
         "features[0].geometry.coordinates[0]: 3 positions, at least 4 needed", 0),
    ] as [(String, String, Int)])
    func eachFaultIsNamed(_ text: String, _ expected: String, _ feature: Int) {
        do {
            _ = try read(text)
            Issue.record("read without a fault: \(text)")
        } catch {
            #expect(error.description.hasPrefix(expected), "\(error.description)")
            #expect(error.featureIndex == feature)
        }
    }

    @Test func textThatIsNotJSONSaysSo() {
        #expect(throws: GeoJSONError.self) { try read("{\"type\": \"FeatureCollection\", \"features\": [") }
        do { _ = try read("not json") } catch { #expect(error.path.isEmpty && error.description.hasPrefix("not JSON")) }
    }

    /// The committed map reads; each district's outline holds its seat and not the others'.
    @Test func theTaizhouMapReadsAndItsDistrictsHoldTheirSeats() throws {
        let url = TestPaths.repositoryRoot.appendingPathComponent("SampleData/taizhou-map.geojson")
        let map = try GeoJSON.read(try Data(contentsOf: url))
        let districts = map.features.filter { $0["kind"]?.string == "district" }
        #expect(districts.count == 6)
        let seats = Dictionary(uniqueKeysWithValues: map.features.filter { $0["kind"]?.string == "seat" }.compactMap { f -> (String, GeoPosition)? in
            guard case .point(let p) = f.geometry, let name = f["name"]?.string else { return nil }
            return (name, p)
        })
        for district in districts {
            let name = try #require(district["name"]?.string)
            let seat = try #require(seats[name], "no seat for \(name)")
            #expect(district.geometry?.contains(seat) == true, "\(name) does not hold its seat \(seat)")
            for (other, p) in seats where other != name && other != "泰州市" {
                #expect(district.geometry?.contains(p) == false, "\(name) holds \(other)'s seat")
            }
        }
        #expect(map.features.contains { $0["kind"]?.string == "water" && $0["name"]?.string == "长江" && $0["approximate"]?.bool == true })
        #expect(map.features.filter { $0["kind"]?.string == "canal" }.count == 2)
    }

    @Test func theCompiledInMapIsTheCommittedFile() throws {
        let url = TestPaths.repositoryRoot.appendingPathComponent("SampleData/taizhou-map.geojson")
        let file = try String(contentsOf: url, encoding: .utf8)
        #expect(BuiltinMap.taizhouGeoJSON + "\n" == file, "run scripts/generate-builtin-map.sh")
        let map = BaseMap.builtin
        #expect(map.areas.filter { $0.kind == "district" }.count == 6)
        #expect(map.bounds.south < 32.0 && map.bounds.north > 33.2 && map.bounds.west < 119.7 && map.bounds.east > 120.5)
        #expect(map.area(containing: GeoPosition(lat: 32.17, lon: 120.05))?.name == "泰兴市")
        #expect(map.area(containing: GeoPosition(lat: 32.91, lon: 119.85))?.name == "兴化市")
        #expect(map.area(containing: GeoPosition(lat: 31.0, lon: 121.0)) == nil)
    }
}
