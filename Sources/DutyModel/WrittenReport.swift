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
        case .supplementary: title = "补报"
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
        var occurred = "\(time(summary.occurredAt ?? incident.receivedAt))（接报时间 \(time(incident.receivedAt))"
        if let delay = summary.reportDelay, delay >= 60 {
            occurred += "，事发后\(durationText(delay))接报"
            if let limit = summary.lateReportLimit { occurred += "，超过企业报告时限\(durationText(limit))，迟报" }
        }
        occurred += "）"
        var people = "死亡\(c.deaths)人，失踪\(c.missing)人，重伤\(c.injured)人，轻伤\(c.injuredMinor)人，被困\(c.trapped)人，紧急疏散转移\(c.evacuated)人"
        for (n, words) in [(c.endangered, "危及生命安全%d人"), (c.reliefNeeded, "需紧急生活救助%d人"), (c.affected, "受灾人口%d人"),
                           (c.housesCollapsed, "倒塌房屋%d间"), (c.housesDamaged, "严重损坏房屋%d间"), (c.cropAreaHa, "农作物受灾%d公顷")] where n > 0 {
            people += "，" + String(format: words, n)
        }
        var items = [
            "事件发生时间：\(occurred)",
            "事件发生地点：\(place)",
        ]
        if let e = incident.enterprise.value, !e.isEmpty {
            let parts = [("名称", e.name), ("性质", e.nature), ("证照", e.licence), ("地址", e.address)]
                .filter { !$0.1.isEmpty }.map { "\($0.0)：\($0.1)" }
            items.append("事故发生单位概况：" + parts.joined(separator: "，"))
        }
        items += [
            "信息来源：\(source.isEmpty ? "不详" : source)",
            "事件性质及类型：\(categoryName) · \(type)\(nature)" + (summary.sensitive ? "（敏感事件）" : ""),
            "人员伤亡：\(people)",
            "直接经济损失：\(lossText)",
            "事件经过及发展趋势：" + joined([value(incident.description), value(incident.trend)]),
            "已采取的处置措施：" + joined([value(incident.measures)] + (resourcesSent.isEmpty ? [] : ["调派资源：" + joined(resourcesSent)])),
            "现场领导：" + joined([value(incident.leadersOnScene), "现场指挥：" + value(incident.commander)]),
            "需要协调解决的事项：\(value(incident.requests))",
        ]
        var lines = [
            station,
            "事件信息报告（\(title)）",
            "编号：\(incident.id)　　报送时间：\(time(now))",
            "",
        ]
        for (i, item) in items.enumerated() { lines.append("\(chineseOrdinal(i + 1))、\(item)") }
        lines += [
            "",
            "事件等级：\(gradeText(summary, decision: incident.grade.value))",
            "记录人：\(value(incident.recordedBy))　　值班员：\(operatorName.isEmpty ? "（签名）" : operatorName)　　签发：",
        ]
        // A report carries no control characters, whoever typed the fields.
        lines = lines.map(TextSafety.printable)
        return lines.joined(separator: "\n") + "\n"
    }

    /// 较大（Ⅲ级）; an officer's grade below the statutory suggestion says so
    /// with the reason; an ungraded incident names the suggestion.
    public static func gradeText(_ summary: IncidentSummary, decision: GradeDecision?) -> String {
        guard let grade = summary.grade else {
            return summary.suggestedGrade.map { "未定级（建议 \($0.documentName)，待确认）" } ?? "未定级"
        }
        guard summary.isBelowSuggestion, let suggested = summary.suggestedGrade else { return grade.documentName }
        let reason = (decision?.reason ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        return "\(grade.documentName)〔低于法定标准建议等级 \(suggested.documentName)，报告时限按\(suggested.chineseName)执行" +
            (reason.isEmpty ? "" : "；定级理由：\(reason)") + "〕"
    }

    /// 45分钟, 2小时10分钟, 3天2小时.
    public static func durationText(_ seconds: TimeInterval) -> String {
        let minutes = Int(seconds / 60)
        let (d, h, m) = (minutes / 1440, minutes % 1440 / 60, minutes % 60)
        var text = ""
        if d > 0 { text += "\(d)天" }
        if h > 0 { text += "\(h)小时" }
        if m > 0 && d == 0 { text += "\(m)分钟" }
        return text.isEmpty ? "不足1分钟" : text
    }

    /// The report a duty officer sends next: the initial report until one is
    /// made, the final once the incident ended, else the next follow-up.
    public static func nextKind(for incident: IncidentState) -> ReportKind {
        let made = incident.reportsMade
        guard made.contains(where: { $0.kind == .initial }) else { return .initial }
        // Figures changed after the written final report was recorded call for a 补报.
        if let final = incident.reports.values.filter({ $0.report.kind == .final && $0.report.channel == .written }).map(\.stamp).min(),
           incident.casualties.writes.contains(where: { $0.stamp > final }) {
            return .supplementary
        }
        if incident.status >= .ended { return .final }
        let followUps = made.compactMap { r -> Int? in if case .followUp(let n) = r.kind { return n } else { return nil } }
        return .followUp((followUps.max() ?? 0) + 1)
    }
}
