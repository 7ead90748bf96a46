import ConsoleTestSupport
import Foundation
import Testing

/// CAP files dropped into a running console's inbox/ (in tmux, 80×24): a red
/// warning appears by itself with its alert, acknowledging clears the alert,
/// a Cancel ends it, and a broken file is refused with its reason beside it.
@Suite(.serialized) struct WarningInboxEndToEndTests {
    static let now = "2026-11-23T14:05:00+08:00"

    static func cap(identifier: String, msgType: String = "Alert", references: String? = nil, event: String = "暴雨红色预警",
                    severity: String = "Extreme", headline: String = "泰州市气象台发布暴雨红色预警信号") -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
          <identifier>\(identifier)</identifier>
          <sender>js-taizhou-qxt@weather.cn</sender>
          <sent>2026-11-23T14:04:00+08:00</sent>
          <status>Actual</status>
          <msgType>\(msgType)</msgType>
          <scope>Public</scope>
        \(references.map { "  <references>\($0)</references>" } ?? "")
          <info>
            <language>zh-CN</language>
            <category>Met</category>
            <event>\(event)</event>
            <urgency>Immediate</urgency>
            <severity>\(severity)</severity>
            <certainty>Likely</certainty>
            <effective>2026-11-23T14:04:00+08:00</effective>
            <expires>2026-11-23T20:00:00+08:00</expires>
            <senderName>泰州市气象台</senderName>
            <headline>\(headline)</headline>
            <description>过去3小时兴化市沙沟镇降雨量已达100毫米以上，且降雨仍将持续。</description>
            <instruction>停止集会、停课、停业（除特殊行业外）；做好山洪、滑坡、泥石流等灾害的防御工作。</instruction>
            <area>
              <areaDesc>兴化市沙沟镇、千垛镇</areaDesc>
              <geocode><valueName>行政区划代码</valueName><value>321281</value></geocode>
            </area>
          </info>
        </alert>
        """
    }

    /// Writes as a careful dropper does: a .part file renamed into place.
    static func drop(_ text: String, named name: String, into data: String) throws {
        let part = "\(data)/inbox/\(name).part"
        try Data(text.utf8).write(to: URL(fileURLWithPath: part))
        try FileManager.default.moveItem(atPath: part, toPath: "\(data)/inbox/\(name)")
    }

    @Test(arguments: ["en", "zh"])
    func aRedWarningArrivesIsAcknowledgedAndIsCancelled(_ language: String) throws {
        let (data, dir, _) = try sampleStation("zb-inbox-\(language)", now: Self.now)
        defer { try? FileManager.default.removeItem(at: dir) }
        let zh = language == "zh"
        let tmux = try TmuxSession([TestPaths.zhibanBinary, "--data", data, "--now", Self.now, "--lang", language, "--operator", "王芳"],
                                   width: 80, height: 24, environment: ["LANG": "C.UTF-8"], label: "zb-inbox")
        _ = try tmux.expect(text: zh ? "值班" : "Board")
        // The console makes inbox/ (with done/ and rejected/) when it opens.
        _ = try tmux.waitFor { _ in FileManager.default.fileExists(atPath: "\(data)/inbox/rejected") }

        try Self.drop(Self.cap(identifier: "JS-TZ-20261123-0007"), named: "red.xml", into: data)
        let started = Date()
        _ = try tmux.expect(text: zh ? "新红色预警未确认" : "NEW RED WARNING not acknowledged")
        // Within a second on a quiet machine; the test allows for a busy one and only reports it.
        print("inbox → screen: \(String(format: "%.2f", Date().timeIntervalSince(started))) s")
        #expect(FileManager.default.fileExists(atPath: "\(data)/inbox/done/red.xml"))
        #expect(!FileManager.default.fileExists(atPath: "\(data)/inbox/red.xml"))

        try tmux.send("4")
        var screen = try tmux.expect(text: zh ? "■红" : "■RED").joined(separator: "\n")
        #expect(screen.contains("兴化市沙沟镇"))
        #expect(screen.contains(zh ? "红1" : "red 1"))
        try tmux.send("a")
        // The acknowledgement is written on the station's thread: the banner goes once it is on disk
        // (the English banner itself reads "… not acknowledged: Rainstorm", so wait for the row's mark).
        screen = try tmux.waitFor { lines in
            let text = lines.joined(separator: "\n")
            return text.contains(zh ? "已确认 王芳" : "ack 王芳") || !text.contains(zh ? "新红色预警未确认" : "NEW RED WARNING")
        }.joined(separator: "\n")
        #expect(!screen.contains(zh ? "新红色预警未确认" : "NEW RED WARNING"), "\(screen)")
        #expect(!screen.contains(zh ? "保存中" : "saving"), "the acknowledgement is durable once the banner goes")

        // A broken file is refused, with its reason beside it; nothing else changes.
        try Self.drop("<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\"><identifier>x</identifier></alert>", named: "broken.xml", into: data)
        _ = try tmux.expect(text: zh ? "收件箱拒收" : "inbox rejected")
        let why = try String(contentsOfFile: "\(data)/inbox/rejected/broken.xml.why", encoding: .utf8)
        #expect(why.contains("alert/sent"))
        #expect(FileManager.default.fileExists(atPath: "\(data)/inbox/rejected/broken.xml"))

        // The Cancel ends it: the row goes to the past and the count goes.
        try Self.drop(Self.cap(identifier: "JS-TZ-20261123-0008", msgType: "Cancel",
                               references: "js-taizhou-qxt@weather.cn,JS-TZ-20261123-0007,2026-11-23T14:04:00+08:00",
                               headline: "泰州市气象台解除暴雨红色预警信号"), named: "cancel.xml", into: data)
        screen = try tmux.expect(text: zh ? "已解除" : "cancelled").joined(separator: "\n")
        #expect(screen.contains(zh ? "历史（已过期、已解除）" : "Past (expired, cancelled)"))
        #expect(!(try tmux.capture().last ?? "").contains(zh ? "红1" : "red 1"))

        let alerts = try runZhiban(["alerts", "--json", "--data", data, "--now", Self.now])
        #expect(alerts.status == 0)
        #expect(alerts.stdout.contains("\"cancelled\""))
        try tmux.send("q")
    }

    /// #23: the banner says "4, then a"; with the selection on another warning, 4 selects the
    /// banner's one, so `a` acknowledges exactly it — from another screen and on the warnings screen.
    @Test(arguments: ["en", "zh"])
    func fourThenAAcknowledgesTheBannersWarning(_ language: String) throws {
        let (data, dir, _) = try sampleStation("zb-banner-\(language)", now: Self.now)
        defer { try? FileManager.default.removeItem(at: dir) }
        let zh = language == "zh"
        let tmux = try TmuxSession([TestPaths.zhibanBinary, "--data", data, "--now", Self.now, "--lang", language, "--operator", "王芳"],
                                   width: 80, height: 24, environment: ["LANG": "C.UTF-8"], label: "zb-banner")
        _ = try tmux.expect(text: zh ? "值班" : "Board")
        _ = try tmux.waitFor { _ in FileManager.default.fileExists(atPath: "\(data)/inbox/rejected") }
        try Self.drop(Self.cap(identifier: "JS-TZ-20261123-0021", event: "大风橙色预警", severity: "Severe",
                               headline: "泰州市气象台发布大风橙色预警信号"), named: "orange.xml", into: data)
        try Self.drop(Self.cap(identifier: "JS-TZ-20261123-0022"), named: "red.xml", into: data)
        _ = try tmux.expect(text: zh ? "新红色预警未确认" : "NEW RED WARNING not acknowledged")
        // The officer looks at the orange one, then goes back to the board.
        try tmux.send("4")
        _ = try tmux.expect(text: zh ? "■橙" : "■ORG")
        try tmux.send("Down")
        try tmux.send("1")
        _ = try tmux.expect(text: zh ? "值班总览" : "Duty board")
        func acknowledged() throws -> [String: Bool] {
            let alerts = try runZhiban(["alerts", "--json", "--data", data, "--now", Self.now])
            let list = try JSONSerialization.jsonObject(with: Data(alerts.stdout.utf8)) as? [[String: Any]] ?? []
            var out: [String: Bool] = [:]
            for a in list {
                let id = a["identifier"] as? String ?? ""
                out[id] = a["acknowledged"] is [String: Any]
            }
            return out
        }
        try tmux.send("4")
        try tmux.send("a")
        _ = try tmux.waitFor { lines in lines.joined(separator: "\n").contains(zh ? "新橙色预警未确认" : "NEW ORANGE WARNING") }
        var acks = try acknowledged()
        #expect(acks["JS-TZ-20261123-0022"] == true, "the banner's red warning: \(acks)")
        #expect(acks["JS-TZ-20261123-0021"] != true, "not the orange one the selection was on: \(acks)")
        // On the warnings screen already, the selection on the red row: 4 selects the banner's orange one.
        try tmux.send("Up")
        try tmux.send("4")
        try tmux.send("a")
        _ = try tmux.waitFor { lines in !lines.joined(separator: "\n").contains(zh ? "预警未确认" : "WARNING not acknowledged") }
        acks = try acknowledged()
        #expect(acks["JS-TZ-20261123-0021"] == true, "\(acks)")
        try tmux.send("q")
    }
}
