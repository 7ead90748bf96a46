import ConsoleTestSupport
import Foundation
import Testing

/// Resources through the real binary in tmux (#19): on 泰州, open an incident,
/// dispatch the hazchem team nearest to it and issue 200 tents, by keyboard; both
/// on the incident's timeline, on the resources screen, in `resources --json` and
/// `status --json`; then a sync, and the peer station 兴化 sees all of it (in
/// Chinese, at 200×60).
@Suite(.serialized) struct ResourceEndToEndTests {
    static let now = "2026-11-23T14:05:00+08:00"
    static let kinds = ["teams", "depots", "stock", "shelters", "fire_stations", "hazards", "monitors", "equipment"]

    func station(_ base: URL, _ name: String, code: String) throws -> (data: String, key: String) {
        let data = base.appendingPathComponent(code).path
        let created = try runZhiban(["init", "--drill", "--name", name, "--code", code, "--data", data, "--now", Self.now])
        try #require(created.status == 0, "init: \(created.stderr)")
        let key = try runZhiban(["key", "--data", data]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        return (data, key)
    }

    func json(_ arguments: [String]) throws -> Any {
        let result = try runZhiban(arguments)
        try #require(result.status == 0, "\(arguments): \(result.stderr)")
        return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
    }

    func console(_ data: String, language: String, width: Int = 80, height: Int = 24) throws -> TmuxSession {
        try TmuxSession([TestPaths.zhibanBinary, "--data", data, "--now", Self.now, "--lang", language, "--operator", "王芳"],
                        width: width, height: height, environment: ["LANG": "C.UTF-8"], label: "zb-resources")
    }

    /// Esc alone: the console waits a moment after Esc for the rest of an Alt key, so the next key is sent after it.
    func escape(_ session: TmuxSession) throws {
        try session.send("Escape")
        Thread.sleep(forTimeInterval: 0.4)
    }

    @Test func dispatchAndIssueByKeyboardAndAPeerSeesThemAfterASync() throws {
        let base = TestPaths.temporaryDirectory("zb-resources-e2e")
        defer { try? FileManager.default.removeItem(at: base) }
        let taizhou = try station(base, "泰州市应急管理局总值班室", code: "TZ")
        let xinghua = try station(base, "兴化市应急管理局值班室", code: "XH")
        #expect(try runZhiban(["trust", "add", taizhou.key, "--data", xinghua.data]).status == 0)
        #expect(try runZhiban(["trust", "add", xinghua.key, "--data", taizhou.data]).status == 0)
        let files = Self.kinds.map { TestPaths.repositoryRoot.appendingPathComponent("SampleData/taizhou-\($0).csv").path }
        let imported = try runZhiban(["import"] + files + ["--data", taizhou.data, "--now", Self.now, "--operator", "王芳"])
        try #require(imported.status == 0, "\(imported.stdout) \(imported.stderr)")
        let intake = """
            {"received_at": "2026-11-23T13:50:00+08:00", "location": {"county": "泰兴市", "town": "虹桥镇", "detail": "S229省道", "lat": 32.031, "lon": 120.054},
             "category": "accident", "type": "hazchem_transport", "description": "危化品槽罐车侧翻，少量泄漏"}
            """
        let added = try runZhiban(["incident", "add", "--json", "-", "--data", taizhou.data, "--now", Self.now, "--operator", "王芳"], stdin: intake)
        try #require(added.status == 0, "\(added.stdout) \(added.stderr)")
        let incident = added.stdout.trimmingCharacters(in: .whitespacesAndNewlines)

        // On 泰州: from the incident's detail, 9 lists resources nearest to it.
        let tz = try console(taizhou.data, language: "en")
        defer { tz.close() }
        try tz.expect(text: "Duty board")
        try tz.send("3")
        try tz.expect(text: incident)
        try tz.send("Enter")
        try tz.expect(text: "Timeline")
        try tz.send("9")
        try tz.expect(text: "nearest to \(incident)")
        try tz.send("/")
        try tz.send("whp", literal: true)
        try tz.expect(text: "filter: whp")
        try tz.send("Enter")
        // The nearest hazchem team comes first, at its distance.
        let list = try tz.expect("the nearest hazchem team first") { screen in
            screen.firstIndex { $0.contains("Name") }.map { screen[$0 + 1].contains("泰兴经济开发区危化") && screen[$0 + 1].contains("km") } ?? false
        }
        #expect(list.joined().contains("Standby"))
        try tz.send("d")
        try tz.expect(text: "Dispatch team: 泰兴经济开发区危化品应急救援中心")
        try tz.send("孙立新", literal: true)
        try tz.expect(text: "孙立新")
        try tz.send("Enter")
        try tz.expect(text: "dispatched 泰兴经济开发区危化品应急救援中心 to \(incident)")
        try tz.expect(text: "Dispatched")
        // Issue 200 tents from the 泰兴 depot.
        try escape(tz)
        try tz.send("/")
        try tz.send("D05", literal: true)
        try tz.expect(text: "filter: D05")
        try tz.send("Enter")
        try tz.expect(text: "泰兴市应急物资储备库")
        try tz.send("i")
        try tz.expect(text: "Issue items: 泰兴市应急物资储备库")
        try tz.send("200", literal: true)
        Thread.sleep(forTimeInterval: 0.4)
        try tz.send("Enter")
        try tz.expect(text: "issued 200 tents from 泰兴市应急物资储备库 to \(incident)")
        try tz.expect(text: "Tent 790")
        // Both on the incident's timeline.
        try tz.send("3")
        try tz.send("Enter")
        try tz.expect(text: "dispatched 泰兴经济开发区危化品应急救援中心")
        try tz.expect(text: "200 tents issued from 泰兴市应急物资储备库")
        // And on the board.
        try escape(tz)
        try tz.send("1")
        try tz.expect(text: "teams out 1/44")

        // In the command line's JSON.
        let resources = try #require(try json(["resources", "--json", "--data", taizhou.data]) as? [[String: Any]])
        let team = try #require(resources.first { $0["id"] as? String == "T009" })
        #expect(team["status"] as? String == "dispatched")
        let depot = try #require(resources.first { $0["id"] as? String == "D05" })
        #expect((depot["stock"] as? [String: Int])?["tent"] == 790)
        let status = try #require(try json(["status", "--json", "--data", taizhou.data, "--now", Self.now]) as? [String: Any])
        let counts = try #require(status["counts"] as? [String: Int])
        #expect(counts["teams"] == 44 && counts["depots"] == 15 && counts["shelters"] == 30, "\(counts)")
        let report = try runZhiban(["incident", "report", incident, "--data", taizhou.data, "--now", Self.now])
        #expect(report.stdout.contains("泰兴经济开发区危化品应急救援中心（危化品救援）58人"), "\(report.stdout)")
        #expect(report.stdout.contains("泰兴市应急物资储备库调拨帐篷200顶"), "\(report.stdout)")

        // A sync through a folder: 兴化 sees all of it.
        let folder = base.appendingPathComponent("sync").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        #expect(try runZhiban(["sync", folder, "--data", taizhou.data]).status == 0)
        #expect(try runZhiban(["sync", folder, "--data", xinghua.data]).status == 0)
        let peer = try #require(try json(["resources", "--json", "--data", xinghua.data]) as? [[String: Any]])
        #expect(peer.first { $0["id"] as? String == "T009" }?["status"] as? String == "dispatched")
        #expect((peer.first { $0["id"] as? String == "D05" }?["stock"] as? [String: Int])?["tent"] == 790)
        let xh = try console(xinghua.data, language: "zh", width: 200, height: 60)
        defer { xh.close() }
        try xh.expect(text: "值班总览")
        try xh.send("9")
        try xh.expect(text: "应急资源")
        try xh.send("/")
        try xh.send("T009", literal: true)
        try xh.expect(text: "筛选：T009")
        try xh.send("Enter")
        try xh.expect(text: "已出动")
        try xh.send("Enter")
        try xh.expect(text: "调派至 \(incident) 58人（孙立新指令）（王芳）")
        try escape(xh)
        try xh.send("3")
        try xh.send("Enter")
        try xh.expect(text: "泰兴市应急物资储备库 调拨 帐篷200顶（王芳）")
    }
}

/// The map through the real binary in tmux (#20): open it, pan, zoom, toggle a
/// layer, go to an incident and read its nearest standby teams, dispatch a team
/// from the map and see it marked dispatched; `zhiban map --print` the same map.
@Suite(.serialized) struct MapEndToEndTests {
    @Test func panZoomToggleSelectAndDispatchFromTheMap() throws {
        let base = TestPaths.temporaryDirectory("zb-map-e2e")
        defer { try? FileManager.default.removeItem(at: base) }
        let now = ResourceEndToEndTests.now
        let data = base.appendingPathComponent("TZ").path
        #expect(try runZhiban(["init", "--drill", "--name", "泰州市应急管理局总值班室", "--code", "TZ", "--data", data, "--now", now]).status == 0)
        let files = ResourceEndToEndTests.kinds.map { TestPaths.repositoryRoot.appendingPathComponent("SampleData/taizhou-\($0).csv").path }
        #expect(try runZhiban(["import"] + files + ["--data", data, "--now", now, "--operator", "王芳"]).status == 0)
        let intake = """
            {"received_at": "2026-11-23T13:50:00+08:00", "location": {"county": "泰兴市", "town": "虹桥镇", "lat": 32.031, "lon": 120.054},
             "category": "accident", "type": "hazchem_transport", "description": "危化品槽罐车侧翻"}
            """
        let added = try runZhiban(["incident", "add", "--json", "-", "--data", data, "--now", now, "--operator", "王芳"], stdin: intake)
        try #require(added.status == 0, "\(added.stderr)")

        let map = try TmuxSession([TestPaths.zhibanBinary, "--data", data, "--now", now, "--lang", "en", "--operator", "王芳"],
                                  width: 200, height: 60, environment: ["LANG": "C.UTF-8"], label: "zb-map")
        defer { map.close() }
        try map.expect(text: "Duty board")
        try map.send("5")
        let fitted = try map.expect(text: "Cursor ")
        #expect(fitted[1].contains("A") && fitted[1].contains("J"), "grid letters on the top row")
        try map.send("L")
        try map.expect("the map panned") { $0 != fitted }
        try map.send("0")
        try map.send("+")
        try map.expect(text: "zoom 1")
        try map.send("0")
        try map.send("T")
        try map.expect(text: "hiding teams")
        try map.expect(text: "T □ T Teams")
        try map.send("T")
        try map.expect(text: "showing teams")
        // To the incident: its nearest standby teams with distance and an estimated time.
        // Typed text and its Enter apart: a line break arriving in the same burst as text is taken as pasted text.
        try map.send(":goto 32.031,120.054", literal: true)
        try map.expect(text: ":goto 32.031,120.054")
        try map.send("Enter")
        try map.expect(text: "Nearest standby teams")
        try map.expect(" km ~N min lines") { $0.joined().contains(" km ~") && $0.joined().contains(" min") }
        // To the hazchem team's base; select it, dispatch it.
        try map.send(":goto 32.1335,120.0044", literal: true)
        try map.expect(text: ":goto 32.1335,120.0044")
        try map.send("Enter")
        try map.expect(text: "at E13")
        for _ in 0..<3 { try map.send("+") }
        try map.expect(text: "zoom 5")
        try map.send("d")
        try map.expect(text: "Dispatch team:")
        try map.send("孙立新", literal: true)
        try map.expect(text: "孙立新")
        try map.send("Enter")
        try map.expect(text: "dispatched ")
        try map.expect(text: "Dispatched")
        let printed = try runZhiban(["map", "--print", "--width", "100", "--height", "40", "--data", data, "--lang", "zh"])
        #expect(printed.status == 0)
        #expect(printed.stdout.contains("兴化市") && printed.stdout.contains("靖江市") && printed.stdout.contains("!"), "\(printed.stdout)")
        #expect(printed.stdout.split(separator: "\n", omittingEmptySubsequences: false).count >= 40)
        let bad = try runZhiban(["map", "--print", "--center", "Z99", "--data", data])
        #expect(bad.status != 0 && bad.stderr.contains("Z99"), "\(bad.stderr)")
    }
}
