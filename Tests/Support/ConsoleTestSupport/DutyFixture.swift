import Console
import DutyModel
import Foundation

/// A small Taizhou duty room for screen tests: contacts with every channel,
/// a roster around 2026-11-23 (24-hour shifts changing at 08:30), incidents
/// and log entries at fixed times.
public enum DutyFixture {
    public static func at(_ iso: String) -> Date { DutyTime.parseISO8601(iso)! }

    public struct Person: Sendable {
        public var id, name, unit, title, role, mobile, office, radio, satellite, backup: String
    }

    public static let people: [Person] = [
        Person(id: "tz-l03", name: "孙立新", unit: "泰州市应急管理局", title: "副局长", role: "带班领导", mobile: "13905231102",
               office: "0523-86831002", radio: "泰州应急03", satellite: "17405232102", backup: "tz-l04"),
        Person(id: "tz-l04", name: "吴海涛", unit: "泰州市应急管理局", title: "副局长", role: "带班领导", mobile: "13905231103",
               office: "0523-86831003", radio: "泰州应急04", satellite: "", backup: "tz-l03"),
        Person(id: "tz-s05", name: "赵文斌", unit: "泰州市应急管理局", title: "应急指挥中心主任", role: "带班领导", mobile: "13805233204",
               office: "0523-86831104", radio: "泰州应急15", satellite: "", backup: ""),
        Person(id: "tz-s06", name: "钱秀英", unit: "泰州市应急管理局", title: "办公室主任", role: "带班领导", mobile: "13805233205",
               office: "0523-86831105", radio: "泰州应急16", satellite: "", backup: ""),
        Person(id: "tz-o07", name: "高鹏", unit: "泰州市应急管理局总值班室", title: "值班员", role: "值班员", mobile: "13552314308",
               office: "0523-86839110", radio: "泰州应急21", satellite: "", backup: "tz-o09"),
        Person(id: "tz-o08", name: "罗燕", unit: "泰州市应急管理局总值班室", title: "值班员", role: "值班员", mobile: "13552314309",
               office: "0523-86839110", radio: "泰州应急22", satellite: "", backup: "tz-o10"),
        Person(id: "tz-o09", name: "黄磊", unit: "泰州市应急管理局总值班室", title: "值班员", role: "值班员", mobile: "13552314310",
               office: "0523-86839110", radio: "", satellite: "", backup: "tz-o07"),
        Person(id: "tz-o10", name: "徐静", unit: "泰州市应急管理局总值班室", title: "值班员", role: "值班员", mobile: "13552314311",
               office: "0523-86839110", radio: "", satellite: "", backup: "tz-o08"),
        Person(id: "tz-o11", name: "梁超", unit: "泰州市应急管理局总值班室", title: "值班员", role: "值班员", mobile: "13552314312",
               office: "0523-86839110", radio: "", satellite: "", backup: ""),
        Person(id: "tz-o12", name: "宋佳", unit: "泰州市应急管理局总值班室", title: "值班员", role: "值班员", mobile: "13552314313",
               office: "0523-86839110", radio: "", satellite: "", backup: ""),
        Person(id: "tz-o13", name: "何军", unit: "泰州市应急管理局总值班室", title: "值班员", role: "值班员", mobile: "13552314306",
               office: "0523-86839110", radio: "", satellite: "", backup: ""),
        Person(id: "tz-o14", name: "林芳", unit: "泰州市应急管理局总值班室", title: "值班员", role: "值班员", mobile: "13552314307",
               office: "0523-86839110", radio: "", satellite: "", backup: ""),
        Person(id: "jy-d01", name: "姜堰值班电话", unit: "姜堰区应急管理局", title: "", role: "值班室", mobile: "",
               office: "0523-88231119", radio: "姜堰应急00", satellite: "", backup: ""),
        Person(id: "xh-t01", name: "顾平", unit: "兴化市戴南镇", title: "灾害信息员", role: "灾害信息员", mobile: "13905263101",
               office: "", radio: "", satellite: "", backup: ""),
    ]

    /// The duty room: a two-officer roster, unless `oneOfficerOn` names a day
    /// whose shift has only one officer.
    public static func station(oneOfficerOn: String? = nil, emergency: Bool = false) -> TempStation {
        let station = TempStation()
        // Written in time order, as a duty room writes them (the journal's hybrid clock only moves forward).
        let writes = OrderedWrites()
        let setUp = at("2026-11-01T09:00:00+08:00")
        for p in people {
            var m = Zhiban_Events_V1_ContactRecorded()
            m.contactID = p.id; m.name = p.name; m.unit = p.unit; m.title = p.title; m.role = p.role
            m.backupContactID = p.backup
            for (kind, value) in [(Zhiban_Events_V1_Channel.Kind.office, p.office), (.mobile, p.mobile), (.radio, p.radio), (.satellite, p.satellite)]
            where !value.isEmpty {
                var c = Zhiban_Events_V1_Channel(); c.kind = kind; c.value = value; m.channels.append(c)
            }
            writes.add(EventDraft(m), at: setUp, operatorName: "王芳")
        }
        let roster: [(String, [(Int, String, String)], [(String, String, String)])] = [
            ("2026-11-22", [(1, "陈国平", ""), (2, "刘洋", "")], [("何军", "tz-o13", "梁超"), ("林芳", "tz-o14", "宋佳")]),
            ("2026-11-23", [(1, "孙立新", "tz-l03"), (2, "赵文斌", "tz-s05")], [("高鹏", "tz-o07", "黄磊"), ("罗燕", "tz-o08", "徐静")]),
            ("2026-11-24", [(1, "吴海涛", "tz-l04"), (2, "钱秀英", "tz-s06")], [("梁超", "tz-o11", "朱晓峰"), ("宋佳", "tz-o12", "马丽")]),
        ]
        for (date, leaders, officers) in roster {
            var m = Zhiban_Events_V1_RosterAssigned()
            m.date = date
            m.leaders = leaders.map { var l = Zhiban_Events_V1_Leader(); l.tier = Int32($0.0); l.name = $0.1; l.contactID = $0.2; return l }
            let kept = date == oneOfficerOn ? Array(officers.prefix(1)) : officers
            m.officers = kept.map { var o = Zhiban_Events_V1_Officer(); o.name = $0.0; o.contactID = $0.1; o.backup = $0.2; return o }
            writes.add(EventDraft(m), at: setUp, operatorName: "王芳")
        }
        // Incidents of the 23rd: one at night, one this morning, one still waiting
        // for its phone report.
        writes.add(incident("TZ-20261123-001", received: "2026-11-23T03:40:00+08:00", category: "natural", type: "waterlogging",
                                place: ("姜堰区", "张甸镇", "三里村"), grade: "IV", description: "暴雨致村道积水约40厘米"),
                       at: at("2026-11-23T03:41:00+08:00"), operatorName: "何军")
        writes.add(incident("TZ-20261123-002", received: "2026-11-23T10:12:00+08:00", category: "accident", type: "fire",
                                place: ("海陵区", "城东街道", ""), grade: "IV", description: "居民楼厨房起火，已扑灭"),
                       at: at("2026-11-23T10:13:00+08:00"), operatorName: "高鹏")
        writes.add(incident("TZ-20261123-003", received: "2026-11-23T13:20:00+08:00", category: "accident", type: "hazchem_transport",
                                place: ("泰兴市", "虹桥镇", ""), grade: "III", description: "危化品槽罐车侧翻，少量泄漏"),
                       at: at("2026-11-23T13:21:00+08:00"), operatorName: "高鹏")
        writes.add(.logEntry(kind: .callIn, text: "市气象台：暴雨黄色预警，今夜有大到暴雨", counterpart: "市气象台"),
                       at: at("2026-11-23T09:05:00+08:00"), operatorName: "高鹏")
        writes.add(.logEntry(kind: .instruction, text: "请核实泰兴槽罐车泄漏范围并续报", counterpart: "孙立新",
                                 dueAt: at("2026-11-23T15:00:00+08:00")),
                       at: at("2026-11-23T13:40:00+08:00"), operatorName: "高鹏")
        // Yesterday's still open; one of this morning closed; a red warning in force; a team out.
        writes.add(incident("TZ-20261122-004", received: "2026-11-22T22:10:00+08:00", category: "accident", type: "road_traffic",
                                place: ("高港区", "口岸街道", ""), grade: "IV", description: "两车相撞，一人受伤"),
                       at: at("2026-11-22T22:11:00+08:00"), operatorName: "何军")
        writes.add(incident("TZ-20261123-005", received: "2026-11-23T08:50:00+08:00", category: "accident", type: "fire",
                                place: ("靖江市", "新桥镇", ""), grade: "IV", description: "农田秸秆起火，已扑灭"),
                       at: at("2026-11-23T08:51:00+08:00"), operatorName: "高鹏")
        writes.add(.incidentStatusChanged(id: "TZ-20261123-005", to: .closed, epoch: 0, note: "现场处置完毕"),
                       at: at("2026-11-23T11:30:00+08:00"), operatorName: "高鹏")
        var warning = Zhiban_Events_V1_WarningReceived()
        warning.warningKey = "泰州市气象台|TZ-WARN-001|2026-11-23T12:00"; warning.identifier = "TZ-WARN-001"; warning.sender = "泰州市气象台"
        warning.sentMs = Int64(at("2026-11-23T12:00:00+08:00").timeIntervalSince1970 * 1000); warning.msgType = "alert"
        warning.status = "actual"; warning.issuer = "泰州市气象台"; warning.type = "暴雨"; warning.level = 1
        warning.expiresMs = Int64(at("2026-11-24T12:00:00+08:00").timeIntervalSince1970 * 1000)
        warning.headline = "泰州市气象台发布暴雨红色预警信号"
        writes.add(EventDraft(warning), at: at("2026-11-23T12:01:00+08:00"), operatorName: "高鹏")
        // Seen by the shift: no red banner over the screens these fixtures test.
        writes.add(.warningAcknowledged(key: warning.warningKey), at: at("2026-11-23T12:02:00+08:00"), operatorName: "高鹏")
        var team = Zhiban_Events_V1_TeamRecorded()
        team.teamID = "tz-fire-01"; team.name = "泰州市消防救援支队海陵大队"; team.kind = "fire"; team.headcount = 30
        writes.add(EventDraft(team), at: setUp, operatorName: "王芳")
        var out = Zhiban_Events_V1_TeamStatusChanged()
        out.teamID = "tz-fire-01"; out.status = "dispatched"
        writes.add(EventDraft(out), at: at("2026-11-23T13:25:00+08:00"), operatorName: "高鹏")
        if emergency {
            writes.add(.modeChange(to: .emergency, reason: "危化品泄漏，启动Ⅲ级响应", seen: VersionVector()),
                           at: at("2026-11-23T13:45:00+08:00"), operatorName: "高鹏")
            writes.add(.incidentGraded(id: "TZ-20261123-003", grade: .III, reason: "危化品泄漏", responseLevel: "III", seen: VersionVector()),
                           at: at("2026-11-23T13:46:00+08:00"), operatorName: "高鹏")
        }
        writes.flush(into: station)
        return station
    }

    public static func incident(_ id: String, received: String, category: String, type: String, place: (String, String, String),
                         grade: String, description: String) -> EventDraft {
        var f = Zhiban_Events_V1_IncidentFields()
        f.receivedAtMs = Int64(at(received).timeIntervalSince1970 * 1000)
        var p = Zhiban_Events_V1_Place(); p.county = place.0; p.town = place.1; p.village = place.2
        f.place = p
        f.category = category
        f.type = type
        f.description_p = description
        var m = Zhiban_Events_V1_IncidentReceived()
        m.incidentID = id
        m.fields = f
        m.grade = grade
        return EventDraft(m)
    }
}

/// Fixture writes collected and appended oldest first (ties in the order given).
final class OrderedWrites {
    private var writes: [(draft: EventDraft, at: Date, operatorName: String)] = []
    func add(_ draft: EventDraft, at: Date, operatorName: String = "") { writes.append((draft, at, operatorName)) }
    func flush(into station: TempStation) {
        for w in writes.enumerated().sorted(by: { ($0.element.at, $0.offset) < ($1.element.at, $1.offset) }) {
            station.append(w.element.draft, at: w.element.at, operatorName: w.element.operatorName)
        }
        writes.removeAll()
    }
}
