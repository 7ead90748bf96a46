import ConsoleTestSupport
import Foundation
import Testing

/// The resource registry through the binary (#19): the sample sheets imported
/// (kind from the header), `zhiban resources --json` in DESIGN.md §2's shape,
/// `status --json` counting teams, depots and shelters, a bad sheet refused
/// with exit 3 and nothing written.
@Suite(.serialized) struct ResourceCommandTests {
    static let kinds = ["teams", "depots", "stock", "shelters", "fire_stations", "hazards", "monitors", "equipment"]

    @Test func theSampleRegistryImportsAndIsListedInTheFixedShape() throws {
        let dir = TestPaths.temporaryDirectory("zb-resources")
        defer { try? FileManager.default.removeItem(at: dir) }
        let data = dir.appendingPathComponent("station").path
        #expect(try runZhiban(["init", "--name", "泰州市应急管理局总值班室", "--code", "TZ", "--data", data]).status == 0)
        let files = Self.kinds.map { TestPaths.repositoryRoot.appendingPathComponent("SampleData/taizhou-\($0).csv").path }
        let imported = try runZhiban(["import"] + files + ["--data", data])
        #expect(imported.status == 0, "\(imported.stdout) \(imported.stderr)")
        for kind in Self.kinds { #expect(imported.stdout.contains("taizhou-\(kind).csv: \(kind): imported")) }
        // The same files again: nothing written.
        let again = try runZhiban(["import"] + files + ["--data", data])
        #expect(again.status == 0 && again.stdout.contains("teams: imported 0, unchanged 44"), "\(again.stdout)")

        let listed = try runZhiban(["resources", "--json", "--data", data])
        #expect(listed.status == 0)
        let array = try #require(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]])
        let kinds = Set(array.compactMap { $0["kind"] as? String })
        #expect(kinds == ["team", "depot", "shelter", "fire_station", "hazard", "monitor", "equipment"])
        for object in array {
            for key in ["id", "kind", "subkind", "name", "county", "town", "lat", "lon", "status"] {
                #expect(object[key] != nil, "\(key) missing in \(object)")
            }
        }
        let depot = try #require(array.first { $0["id"] as? String == "D01" })
        #expect((depot["stock"] as? [String: Int])?["tent"] ?? 0 > 0)
        let team = try #require(array.first { $0["kind"] as? String == "team" })
        #expect(team["headcount"] is Int && team["status"] as? String == "standby")
        let hazards = try runZhiban(["resources", "--kind", "hazards", "--lang", "zh", "--data", data])
        #expect(hazards.stdout.split(separator: "\n").count == 20 && hazards.stdout.contains("危险源"), "\(hazards.stdout)")

        let status = try runZhiban(["status", "--json", "--data", data])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any])
        let counts = try #require(json["counts"] as? [String: Int])
        #expect(counts["teams"] == 44 && counts["depots"] == 15 && counts["shelters"] == 30, "\(counts)")
    }

    @Test func aBadSheetIsRefusedWithExitThreeAndNothingWritten() throws {
        let dir = TestPaths.temporaryDirectory("zb-resources-bad")
        defer { try? FileManager.default.removeItem(at: dir) }
        let data = dir.appendingPathComponent("station").path
        #expect(try runZhiban(["init", "--name", "泰州市应急管理局总值班室", "--code", "TZ", "--data", data]).status == 0)
        let sheet = dir.appendingPathComponent("teams.csv").path
        try Data("编号,名称,类型,人数,县区,乡镇,纬度,经度\nT1,甲队,消防救援,10,海陵区,城东街道,32.49,119.92\nT2,乙队,消防救援,10,海陵区,城东街道,31.20,121.47\n".utf8)
            .write(to: URL(fileURLWithPath: sheet))
        let result = try runZhiban(["import", sheet, "--data", data])
        #expect(result.status == 3)
        #expect(result.stdout.contains("line 3, column 纬度: the point 31.2, 121.47 is outside 泰州市"), "\(result.stdout)")
        let listed = try runZhiban(["resources", "--json", "--data", data])
        let objects = try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [Any]
        #expect(objects?.isEmpty == true, "\(listed.stdout)")
    }
}
