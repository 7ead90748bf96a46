import ConsoleTestSupport
import Foundation
import Testing

/// The dialog rules of issue #22 on the command line, through the binary:
/// `incident status` to 已终报 / 已关闭 with reports not made needs --reason;
/// `incident report --record` needs --to (the recipient). Refusals exit 3 and write nothing.
@Suite(.serialized) struct IncidentRuleCommandTests {
    static let now = "2026-11-23T14:40:00+08:00"
    static let id = "TZ-20261123-001"

    /// A 较大 road-tanker accident (three dead) received 14:00: phone report due 14:30 (late at 14:40), written 15:00.
    static let tanker = """
        {"received_at": "2026-11-23T14:00:00+08:00", "location": {"county": "泰兴市", "town": "滨江镇"},
         "category": "accident", "type": "hazchem_transport", "casualties": {"deaths": 3}, "description": "危化品槽罐车侧翻"}
        """

    func station() throws -> String {
        let data = TestPaths.temporaryDirectory("zb-incident-rules").appendingPathComponent("station").path
        let created = try runZhiban(["init", "--drill", "--name", "泰州市应急管理局总值班室", "--code", "TZ", "--data", data])
        #expect(created.status == 0, "\(created.stderr)")
        let added = try runZhiban(["incident", "add", "--json", "-", "--data", data, "--now", Self.now, "--operator", "王芳"], stdin: Self.tanker)
        #expect(added.stdout == Self.id + "\n", "\(added.stderr)")
        return data
    }

    func zhiban(_ data: String, _ arguments: [String], lang: String = "en") throws -> CommandResult {
        try runZhiban(arguments + ["--data", data, "--now", Self.now, "--operator", "罗燕", "--lang", lang])
    }

    func feedSize(_ data: String) throws -> Int {
        let journal = data + "/journal"
        let feed = try FileManager.default.contentsOfDirectory(atPath: journal).first { $0.hasSuffix(".log") }!
        return FeedContent.end(journal + "/" + feed)
    }

    func incident(_ data: String) throws -> [String: Any] {
        let result = try runZhiban(["incidents", "--json", "--data", data, "--now", Self.now])
        let list = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]]
        return try #require(list?.first)
    }

    /// The payloads of the station's own records, oldest first.
    func payloads(_ data: String) throws -> [[String: Any]] {
        let result = try runZhiban(["export", "--jsonl", "--own", "--data", data])
        return result.stdout.split(separator: "\n").compactMap {
            (try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])?["payload"] as? [String: Any]
        }
    }

    @Test(arguments: ["en", "zh"])
    func closingWithReportsOutstandingNeedsAReason(_ lang: String) throws {
        let data = try station()
        #expect(try zhiban(data, ["incident", "status", Self.id, "verifying"], lang: lang).status == 0)
        let before = try feedSize(data)
        let refused = try zhiban(data, ["incident", "status", Self.id, "closed"], lang: lang)
        #expect(refused.status == 3, "\(refused.stderr)")
        for part in lang == "zh" ? ["尚未报送", "超时 电话初报 2026-11-23 14:30", "书面初报 2026-11-23 15:00", "--reason", "未写入"]
            : ["reports not made", "LATE phone 2026-11-23 14:30", "written 2026-11-23 15:00", "--reason", "nothing written"] {
            #expect(refused.stderr.contains(part), "\(part) missing: \(refused.stderr)")
        }
        #expect(refused.stdout.isEmpty)
        #expect(try feedSize(data) == before, "nothing written")
        // A blank reason is none.
        #expect(try zhiban(data, ["incident", "status", Self.id, "closed", "--reason", "  "], lang: lang).status == 3)
        #expect(try feedSize(data) == before)
        #expect(try incident(data)["status"] as? String == "verifying")
        // With the reason it closes, the reason kept as the change's note.
        let closed = try zhiban(data, ["incident", "status", Self.id, "closed", "--reason", "误报：企业应急演练"], lang: lang)
        #expect(closed.status == 0, "\(closed.stderr)")
        #expect(try incident(data)["status"] as? String == "closed")
        let change = try #require(try payloads(data).last)
        #expect(change["status"] as? String == "closed")
        #expect(change["note"] as? String == "误报：企业应急演练")
    }

    @Test func theLifecycleStillRulesAndUnknownStatusesAreRefused() throws {
        let data = try station()
        let before = try feedSize(data)
        let skipped = try zhiban(data, ["incident", "status", Self.id, "ended", "--reason", "x"])
        #expect(skipped.status == 3)
        #expect(skipped.stderr.contains("cannot go from"), "\(skipped.stderr)")
        let unknown = try zhiban(data, ["incident", "status", Self.id, "finished"])
        #expect(unknown.status == 3)
        #expect(unknown.stderr.contains("final_reported"), "\(unknown.stderr)")
        let missing = try zhiban(data, ["incident", "status", "TZ-20261123-009", "verifying"])
        #expect(missing.status == 3)
        #expect(try feedSize(data) == before)
        // A move that leaves nothing behind needs no reason; the Chinese name is taken too.
        #expect(try zhiban(data, ["incident", "status", Self.id, "处置中"]).status == 0)
        #expect(try incident(data)["status"] as? String == "responding")
    }

    @Test(arguments: ["en", "zh"])
    func aReportIsRecordedOnlyWithItsRecipient(_ lang: String) throws {
        let data = try station()
        let before = try feedSize(data)
        for recipient in [nil, "", "   "] as [String?] {
            let refused = try zhiban(data, ["incident", "report", Self.id, "--record", "--channel", "phone"]
                                     + (recipient.map { ["--to", $0] } ?? []), lang: lang)
            #expect(refused.status == 3, "\(String(describing: recipient)): \(refused.stderr)")
            #expect(refused.stderr.contains(lang == "zh" ? "--to（报送对象）必填" : "--to (the recipient, 报送对象) is required"), "\(refused.stderr)")
            #expect(refused.stdout.isEmpty)
        }
        #expect(try feedSize(data) == before, "nothing written")
        #expect((try incident(data)["next_report"] as? [String: Any])?["kind"] as? String == "initial_phone")
        // With the recipient it is recorded, and the next clock is the written report.
        let made = try zhiban(data, ["incident", "report", Self.id, "--record", "--channel", "phone", "--to", "市委市政府总值班室",
                                     "--at", "14:20"], lang: lang)
        #expect(made.status == 0, "\(made.stderr)")
        #expect(made.stdout.contains("市委市政府总值班室"))
        let report = try #require(try payloads(data).last)
        #expect(report["recipient"] as? String == "市委市政府总值班室")
        #expect(report["channel"] as? String == "phone")
        #expect((try incident(data)["next_report"] as? [String: Any])?["kind"] as? String == "initial_written")
        // Printing is unchanged, and the recording options go only with --record.
        #expect(try zhiban(data, ["incident", "report", Self.id], lang: lang).stdout.contains("事件信息报告"))
        #expect(try zhiban(data, ["incident", "report", Self.id, "--to", "x"], lang: lang).status == 2)
    }
}
