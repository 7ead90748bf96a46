import ConsoleTestSupport
import DutyModel
import Foundation
import Testing

/// The written report joins the officer's fields into its sentences without
/// doubling punctuation (issue #22: "储罐泄漏。；").
@Suite struct ReportClausesTests {
    /// Every clause mark the joining knows, Chinese and Latin.
    static let marks: Set<Character> = ["，", "；", "、", "：", ",", ";", ":", "。", "！", "？", ".", "!", "?", "…"]

    /// Ends a field may be typed with: nothing, one mark, marks in a row, marks with spaces.
    static let endings = ["", "。", "；", "，", "、", "：", ".", ";", ",", ":", "!", "！", "?", "？", "…", "……", "。；", "；。",
                          "，，", "。 ", "； ", ", ", "! ", "?!", "？！", " ", "\n", "。\n"]
    /// Starts likewise (a stray mark before the text).
    static let starts = ["", "；", "，", "。", ". ", " ", "：", "、"]
    static let bodies = ["储罐泄漏", "现场风力加大，仍在扩大", "Tank leak", "Fire spreading, wind rising", "约3.5万元", "“马上撤离！”"]

    /// Two adjacent clause marks in `text` (a run of one mark repeated, as "……" or "!!", is one mark doubled on purpose).
    static func doubled(in text: String) -> String? {
        let chars = Array(text)
        for i in chars.indices.dropLast() where marks.contains(chars[i]) && marks.contains(chars[i + 1]) {
            let pair = String(chars[i...i + 1])
            if chars[i] == chars[i + 1] && (chars[i] == "…") { continue }
            if ["?!", "？！"].contains(pair) { continue }
            return pair
        }
        return nil
    }

    @Test("no field ending or start doubles a mark where the report joins clauses")
    func joiningNeverDoubles() {
        var checked = 0
        for a in Self.bodies {
            for start in Self.starts {
                for ending in Self.endings {
                    let first = start + a + ending
                    for b in Self.bodies {
                        for ending2 in ["", "。", "；", "?"] {
                            let second = start + b + ending2
                            for separator in ["；", "，"] {
                                let joined = ReportClauses.join([first, second], separator: separator)
                                #expect(Self.doubled(in: joined) == nil, "\(first.debugDescription) + \(second.debugDescription) → \(joined)")
                                // What was typed is kept: the text of both bodies, in order.
                                #expect(joined.hasPrefix(a) && joined.contains(b), "\(joined)")
                                checked += 1
                            }
                        }
                    }
                }
            }
        }
        #expect(checked > 10_000)
    }

    @Test("separating marks give way, sentence ends stay and take the separator's place", arguments: [
        (["储罐泄漏。", "仍在扩大"], "储罐泄漏。仍在扩大"),
        (["储罐泄漏；", "仍在扩大"], "储罐泄漏；仍在扩大"),
        (["储罐泄漏，", "；仍在扩大"], "储罐泄漏；仍在扩大"),
        (["储罐泄漏。；", "仍在扩大。"], "储罐泄漏。仍在扩大。"),
        (["是否有人被困？", "待核实"], "是否有人被困？待核实"),
        (["仍在扩大……", "待核实"], "仍在扩大……待核实"),
        (["Tank leak.", "spreading"], "Tank leak.spreading"),
        (["Tank leak;", "spreading"], "Tank leak；spreading"),
        (["Jiangsu Co., Ltd.", "spreading"], "Jiangsu Co., Ltd.spreading"),
        (["“马上撤离！”", "无"], "“马上撤离！”；无"),
        (["储罐泄漏", "", "。", "无"], "储罐泄漏；无"),
        (["", ""], ""),
    ])
    func examples(pieces: [String], expected: String) {
        #expect(ReportClauses.join(pieces, separator: "；") == expected)
    }

    @Test("a clause keeps what was typed inside it", arguments: [
        ("  储罐泄漏，现场有异味。  ", "储罐泄漏，现场有异味。"), ("；，储罐泄漏", "储罐泄漏"), ("（见附件）", "（见附件）"),
        ("约3.5万元", "约3.5万元"), ("。", ""), ("  ", ""), ("泄漏；。 ", "泄漏。"), ("泄漏， ", "泄漏"),
    ])
    func clause(text: String, expected: String) {
        #expect(ReportClauses.clause(text) == expected)
    }

    /// The report itself, every free-text field ending in a mark.
    @Test("the written report doubles no mark whatever the fields end with", arguments: ["。", "；", "，", ".", ";", "!", "？", "：", "。；"])
    func writtenReport(ending: String) {
        let station = TempStation()
        var f = Zhiban_Events_V1_IncidentFields()
        f.receivedAtMs = Int64(DutyFixture.at("2026-11-23T14:05:00+08:00").timeIntervalSince1970 * 1000)
        var place = Zhiban_Events_V1_Place(); place.county = "泰兴市"; place.town = "七圩镇"
        f.place = place
        f.category = "accident"
        f.type = "hazchem_storage"
        var reporter = Zhiban_Events_V1_Reporter(); reporter.name = "王强" + ending; reporter.unit = "七圩镇政府"; reporter.phone = "13800000000"
        f.reporter = reporter
        f.nature = "泄漏" + ending
        f.description_p = "储罐泄漏" + ending
        f.trend = "；仍在扩大" + ending
        f.measures = "已疏散周边群众" + ending
        f.leadersOnScene = "张副市长" + ending
        f.commander = "李支队长" + ending
        f.requests = "请求调派危化品救援队" + ending
        f.recordedBy = "高鹏"
        var m = Zhiban_Events_V1_IncidentReceived()
        m.incidentID = "TZ-20261123-001"
        m.fields = f
        station.append(EventDraft(m), at: DutyFixture.at("2026-11-23T14:05:00+08:00"), operatorName: "高鹏")
        let incident = station.state.incidents["TZ-20261123-001"]!
        let text = WrittenReport.text(for: incident, kind: .initial, station: "泰州市应急管理局", rules: .standard,
                                      now: DutyFixture.at("2026-11-23T14:20:00+08:00"), timeZone: DutyTime.defaultTimeZone,
                                      operatorName: "罗燕", resourcesSent: ["消防救援支队20人" + ending, "市物资储备中心调拨帐篷10顶"])
        for line in text.split(separator: "\n") {
            #expect(Self.doubled(in: String(line)) == nil, "\(ending): \(line)")
        }
        #expect(text.contains("七、事件经过及发展趋势：储罐泄漏"))
        #expect(text.contains("仍在扩大"))
        #expect(text.contains("现场指挥：李支队长"))
        #expect(text.contains("调派资源：消防救援支队20人"))
    }
}
