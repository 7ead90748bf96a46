import ConsoleTestSupport
import Foundation
import Testing

/// `incident add`, `incidents --json` and `status --json` through the binary,
/// with `--now` fixing the clock.
@Suite(.serialized) struct IncidentCommandTests {
    static let now = "2026-11-23T14:05:00+08:00"

    func newStation() throws -> String {
        let data = TestPaths.temporaryDirectory("zb-incidents").appendingPathComponent("station").path
        let result = try runZhiban(["init", "--drill", "--name", "泰州市应急管理局总值班室", "--code", "TZ", "--data", data])
        #expect(result.status == 0, "\(result.stderr)")
        return data
    }

    func add(_ data: String, _ json: String, now: String = now) throws -> CommandResult {
        try runZhiban(["incident", "add", "--json", "-", "--data", data, "--now", now, "--operator", "王芳"], stdin: json)
    }

    func incidents(_ data: String, now: String = now) throws -> [[String: Any]] {
        let result = try runZhiban(["incidents", "--json", "--data", data, "--now", now])
        #expect(result.status == 0, "\(result.stderr)")
        return (try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]]) ?? []
    }

    func feedSize(_ data: String) throws -> Int {
        let journal = data + "/journal"
        let feed = try FileManager.default.contentsOfDirectory(atPath: journal).first { $0.hasSuffix(".log") }!
        return FeedContent.end(journal + "/" + feed)
    }

    static let tanker = """
        {"received_at": "2026-11-23T14:00:00+08:00", "occurred_at": "2026-11-23T13:48:00+08:00",
         "reporter": {"name": "刘建国", "unit": "泰兴市应急管理局", "title": "值班员", "phone": "0523-87654321"},
         "location": {"county": "泰兴市", "town": "滨江镇", "detail": "泰兴经济开发区沿江公路", "lat": 32.17, "lon": 120.05},
         "category": "accident", "type": "hazchem_transport",
         "casualties": {"deaths": 3, "missing": 0, "injured": 4, "trapped": 0, "evacuated": 120},
         "loss_cny": 2000000, "description": "危化品槽罐车侧翻，液氯泄漏", "measures": "已疏散周边群众，消防救援到场"}
        """

    @Test func threeDeathsSuggestGradeThreeAndAThirtyMinutePhoneDeadline() throws {
        let data = try newStation()
        let result = try add(data, Self.tanker)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "TZ-20261123-001\n")
        let list = try incidents(data)
        #expect(list.count == 1)
        let incident = try #require(list.first)
        #expect(incident["id"] as? String == "TZ-20261123-001")
        #expect(incident["suggested_grade"] as? String == "III")
        #expect(incident["grade"] is NSNull)
        #expect(incident["status"] as? String == "received")
        #expect(incident["received_at"] as? String == "2026-11-23T14:00:00+08:00")
        #expect((incident["casualties"] as? [String: Any])?["deaths"] as? Int == 3)
        #expect((incident["location"] as? [String: Any])?["town"] as? String == "滨江镇")
        let next = try #require(incident["next_report"] as? [String: Any])
        #expect(next["kind"] as? String == "initial_phone")
        #expect(next["due"] as? String == "2026-11-23T14:30:00+08:00")
        #expect(next["overdue"] as? Bool == false)
        // Past the deadline the same report is overdue.
        let later = try incidents(data, now: "2026-11-23T14:31:00+08:00")
        #expect((later.first?["next_report"] as? [String: Any])?["overdue"] as? Bool == true)
    }

    @Test func dailyNumbersCountUpAndConcurrentAddsNeverCollide() throws {
        let data = try newStation()
        #expect(try add(data, Self.tanker).stdout == "TZ-20261123-001\n")
        let script = """
            for i in 1 2 3 4 5 6; do
              printf '%s' "$3" | "$1" incident add --json - --data "$2" --now 2026-11-23T14:05:00+08:00 &
            done
            wait
            """
        let result = try Subprocess.run(["sh", "-c", script, "sh", TestPaths.zhibanBinary, data, Self.tanker])
        let ids = result.stdout.split(separator: "\n").map(String.init).sorted()
        #expect(ids == (2...7).map { String(format: "TZ-20261123-%03d", $0) }, "\(ids) \(result.stderr)")
    }

    @Test(arguments: [
        ("missing description", #"{"location": {"county": "姜堰区"}, "category": "accident", "type": "fire"}"#, "description: required"),
        ("missing location", #"{"category": "accident", "type": "fire", "description": "x"}"#, "location: required"),
        ("negative count", #"{"location": {"county": "姜堰区"}, "category": "accident", "type": "fire", "description": "x", "casualties": {"deaths": -1}}"#,
         "casualties.deaths: -1 is negative"),
        ("unknown type", #"{"location": {"county": "姜堰区"}, "category": "accident", "type": "meteor", "description": "x"}"#,
         "type: \"meteor\" is not a known accident type"),
        ("unparsable time", #"{"received_at": "yesterday-ish", "location": {"county": "姜堰区"}, "category": "accident", "type": "fire", "description": "x"}"#,
         "received_at: cannot read"),
        ("two days ahead", #"{"received_at": "2026-11-25T14:05:00+08:00", "location": {"county": "姜堰区"}, "category": "accident", "type": "fire", "description": "x"}"#,
         "received_at: 2026-11-25T14:05:00+08:00 is in the future"),
        ("not JSON", "{category: accident", "input:"),
        ("letters in a number", #"{"location": {"county": "姜堰区"}, "category": "accident", "type": "fire", "description": "x", "loss_cny": "lots"}"#,
         "loss_cny: must be a whole number"),
    ])
    func badIntakeExitsThreeNamingTheFieldAndWritesNothing(_ name: String, _ json: String, _ message: String) throws {
        let data = try newStation()
        let before = try feedSize(data)
        let result = try add(data, json)
        #expect(result.status == 3, "\(name): \(result.status) \(result.stderr)")
        #expect(result.stderr.contains(message), "\(name): \(result.stderr)")
        #expect(result.stderr.contains("nothing was written"), "\(name)")
        #expect(result.stdout.isEmpty)
        #expect(try feedSize(data) == before, "\(name): the journal changed")
    }

    @Test func tenMegabyteDescriptionIsRefused() throws {
        let data = try newStation()
        let before = try feedSize(data)
        let huge = String(repeating: "灾", count: 10 * 1024 * 1024 / 3)
        let json = #"{"location": {"county": "姜堰区"}, "category": "accident", "type": "fire", "description": "\#(huge)"}"#
        let result = try add(data, json)
        #expect(result.status == 3)
        #expect(result.stderr.contains("input:") && result.stderr.contains("bytes"), "\(result.stderr.prefix(300))")
        #expect(try feedSize(data) == before)
    }

    @Test func allFieldProblemsAreReportedTogether() throws {
        let data = try newStation()
        let result = try add(data, #"{"category": "weather", "casualties": {"injured": -3}}"#)
        #expect(result.status == 3)
        for field in ["location:", "category:", "type:", "description:", "casualties.injured:"] {
            #expect(result.stderr.contains(field), "missing \(field) in \(result.stderr)")
        }
    }

    @Test func statusJSONHasTheFixedShape() throws {
        let data = try newStation()
        _ = try add(data, Self.tanker)
        _ = try runZhiban(["note", "--data", data, "市气象台来电"])
        let result = try runZhiban(["status", "--json", "--data", data, "--now", Self.now])
        #expect(result.status == 0, "\(result.stderr)")
        let status = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        for key in ["station", "now", "on_duty", "open_incidents", "reports_due", "reports_overdue", "active_warnings", "counts", "peers", "digest"] {
            #expect(status[key] != nil, "status --json lacks \(key)")
        }
        #expect(status["now"] as? String == Self.now)
        #expect(status["open_incidents"] as? Int == 1)
        #expect(status["reports_overdue"] as? Int == 0)
        let counts = try #require(status["counts"] as? [String: Any])
        #expect(counts["incidents"] as? Int == 1)
        #expect(counts["log_entries"] as? Int == 1)
        let warnings = try #require(status["active_warnings"] as? [String: Any])
        #expect(warnings.keys.sorted() == ["blue", "orange", "red", "yellow"])
        #expect((status["digest"] as? String)?.count == 64)
        let onDuty = try #require(status["on_duty"] as? [String: Any])
        #expect(onDuty["leaders"] is [Any] && onDuty["officers"] is [Any])
        // Later, the phone deadline (14:30) has passed.
        let late = try runZhiban(["status", "--json", "--data", data, "--now", "2026-11-23T14:45:00+08:00"])
        let lateStatus = try #require(try JSONSerialization.jsonObject(with: Data(late.stdout.utf8)) as? [String: Any])
        #expect((lateStatus["reports_overdue"] as? Int ?? 0) >= 1)
    }
}
