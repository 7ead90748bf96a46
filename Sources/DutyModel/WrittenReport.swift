import SafeText
import Foundation

/// 事件信息报告: the standard written report of an incident, as plain text
/// ready to send (DOMAIN.md §2.3, §2.4). Written in Chinese, the language of
/// the reports a duty room sends up.
public enum WrittenReport {
    public static func text(for incident: IncidentState, kind: ReportKind, station: String, rules: RuleBook,
                            now: Date, timeZone: TimeZone, operatorName: String, resourcesSent: [String] = []) -> String {
        func time(_ d: Date?) -> String { d.map { DutyTime.formatISO8601($0, timeZone: timeZone).replacingOccurrences(of: "T", with: " ").prefix(16).description } ?? "不详" }
        // The officer's text becomes clauses of the report's sentences: no mark doubled where they are joined (ReportClauses).
        func value(_ r: Register<String>) -> String {
            let v = ReportClauses.clause(r.value ?? "")
            return v.isEmpty ? "无" : v
        }
        func joined(_ pieces: [String]) -> String { ReportClauses.join(pieces, separator: "；") }
        let title: String
        switch kind {
        case .initial: title = "初报"
        case .followUp(let n): title = "续报\(n)"
        case .final: title = "终报"
        }
        let place = incident.place.value?.summary ?? "不详"
        let category = incident.category.value.flatMap(IncidentCategory.init(rawValue:))
        let categoryName: String
        switch category {
        case .natural: categoryName = "自然灾害"
        case .accident: categoryName = "事故灾难"
        case .health: categoryName = "公共卫生事件"
        case .social: categoryName = "社会安全事件"
        case nil: categoryName = "未分类"
        }
        let type = incident.type.value.flatMap { rules.taxonomy.type($0)?.zh } ?? incident.type.value ?? ""
        let natureText = ReportClauses.clause(incident.nature.value ?? "")
        let nature = natureText.isEmpty ? "" : " · " + natureText
        let c = incident.casualties.value ?? .none
        let loss = incident.lossCNY.value ?? 0
        let lossText = loss == 0 ? "暂无统计" : String(format: "约%.1f万元", Double(loss) / 10_000)
        let r = incident.reporter.value ?? ReporterInfo()
        let source = ReportClauses.join([r.name, [r.unit, r.title].filter { !$0.isEmpty }.joined(separator: " "), r.phone], separator: "，")
        let summary = IncidentSummary(incident, rules: rules, now: now, timeZone: timeZone)
        let grade = (summary.grade ?? summary.suggestedGrade).map { "\($0.rawValue)级（\($0.chineseName)）" + (summary.grade == nil ? "，建议，待确认" : "") } ?? "未定级"
        var lines = [
            station,
            "事件信息报告（\(title)）",
            "编号：\(incident.id)　　报送时间：\(time(now))",
            "",
            "一、事件发生时间：\(time(incident.occurredAtMs.value.map { Date(timeIntervalSince1970: Double($0) / 1000) } ?? incident.receivedAt))（接报时间 \(time(incident.receivedAt))）",
            "二、事件发生地点：\(place)",
            "三、信息来源：\(source.isEmpty ? "不详" : source)",
            "四、事件性质及类型：\(categoryName) · \(type)\(nature)",
            "五、人员伤亡：死亡\(c.deaths)人，失踪\(c.missing)人，重伤\(c.injured)人，被困\(c.trapped)人，转移安置\(c.evacuated)人",
            "六、直接经济损失：\(lossText)",
            "七、事件经过及发展趋势：" + joined([value(incident.description), value(incident.trend)]),
            "八、已采取的处置措施：" + joined([value(incident.measures)] + (resourcesSent.isEmpty ? [] : ["调派资源：" + joined(resourcesSent)])),
            "九、现场领导：" + joined([value(incident.leadersOnScene), "现场指挥：" + value(incident.commander)]),
            "十、需要协调解决的事项：\(value(incident.requests))",
            "",
            "事件等级：\(grade)",
            "记录人：\(value(incident.recordedBy))　　值班员：\(operatorName.isEmpty ? "（签名）" : operatorName)　　签发：",
        ]
        // A report carries no control characters, whoever typed the fields.
        lines = lines.map(TextSafety.printable)
        return lines.joined(separator: "\n") + "\n"
    }

    /// The report a duty officer sends next: the initial report until one is
    /// made, the final once the incident ended, else the next follow-up.
    public static func nextKind(for incident: IncidentState) -> ReportKind {
        let made = incident.reportsMade
        guard made.contains(where: { $0.kind == .initial }) else { return .initial }
        if incident.status >= .ended { return .final }
        let followUps = made.compactMap { r -> Int? in if case .followUp(let n) = r.kind { return n } else { return nil } }
        return .followUp((followUps.max() ?? 0) + 1)
    }
}
