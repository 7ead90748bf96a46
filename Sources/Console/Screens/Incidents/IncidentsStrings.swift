import DutyModel
import TerminalUI

/// The words of the incident list and an incident's detail, in both languages
/// (the incident actions share the intake form's words: IntakeText).
public enum IncidentsText: Hashable, Sendable {
    case columnIncidentID, columnReceived, columnPlace, columnType, columnGrade, columnStatus, columnNextReport
    case incidentStatus(IncidentStatus)
    case noOpenIncidents
    case incidentCount(Int, Int)
    case quickFilter(IncidentQuickFilter)
    case sortedBy(IncidentSort)
    case incidentsHint, noIncidents, noIncidentMatches
    case casualtyLine(Casualties, Int64)
    /// The officer's grade is below the statutory suggestion.
    case belowSuggestion(Grade, Grade)
    case sensitiveFlag
    /// Minutes from occurrence to receipt, and the enterprise's limit when passed.
    case reportDelay(String, String?)
    case deadlineMade(DeadlineKind, String, String, late: Bool)
    case reporterLine(String, String)
    case fieldMeasures, fieldTrend, fieldRequests
    case conflictLine(String)
    case timelineTitle
    case timelineReceived(String)
    case timelineReport(ReportKind, ReportChannel, String, String)
    case timelineStatus(String, Bool, String, String)
    case timelineNote(String, String)
    case keySort, keyQuickFilters, keyIncidentDetail

    public func text(_ language: Language) -> String {
        let (zh, en) = pair
        return language == .zh ? zh : en
    }

    private var pair: (String, String) {
        switch self {
        case .columnIncidentID: return ("编号", "ID")
        case .columnReceived: return ("接报", "Recv")
        case .columnPlace: return ("地点", "Place")
        case .columnType: return ("类型", "Type")
        case .columnGrade: return ("等级", "Grade")
        case .columnStatus: return ("状态", "Status")
        case .columnNextReport: return ("下次报送", "Next report")
        case .incidentStatus(let status):
            switch status {
            case .received: return ("已接报", "received")
            case .verifying: return ("核实中", "verifying")
            case .responding: return ("处置中", "responding")
            case .contained: return ("已控制", "contained")
            case .ended: return ("已结束", "ended")
            case .finalReported: return ("已终报", "final sent")
            case .closed: return ("已关闭", "closed")
            }
        case .noOpenIncidents: return ("没有处置中的事件", "no open incidents")
        case .incidentCount(let shown, let all): return shown == all ? ("\(all) 起", "\(all) incidents") : ("\(shown) / \(all) 起", "\(shown) of \(all)")
        case .quickFilter(let f):
            switch f {
            case .open: return ("处置中", "open")
            case .overdue: return ("超时", "overdue")
            case .mine: return ("我登记的", "mine")
            case .today: return ("今日", "today")
            }
        case .sortedBy(let sort):
            switch sort {
            case .received: return ("按接报时间", "by time received")
            case .deadline: return ("按报送时限", "by next report")
            case .grade: return ("按等级", "by grade")
            }
        case .incidentsHint: return ("a 接报 / 筛选 s 排序 o 处置中 d 超时 m 我的 t 今日 Enter 详情", "a new / filter s sort o open d overdue m mine t today Enter detail")
        case .noIncidents: return ("尚无事件：按 a 或 2 接报登记", "no incidents yet: press a or 2 to record one")
        case .noIncidentMatches: return ("没有符合条件的事件；Esc 清除筛选", "no incident matches; Esc clears the filters")
        case .casualtyLine(let c, let loss):
            var zh = "死亡 \(c.deaths) · 失踪 \(c.missing) · 重伤 \(c.injured) · 轻伤 \(c.injuredMinor) · 被困 \(c.trapped) · 转移 \(c.evacuated)"
            var en = "dead \(c.deaths) · missing \(c.missing) · seriously injured \(c.injured) · minor \(c.injuredMinor) · trapped \(c.trapped) · evacuated \(c.evacuated)"
            for (n, z, e) in [(c.endangered, "危及生命", "endangered"), (c.reliefNeeded, "需救助", "needing relief"),
                              (c.affected, "受灾人口", "affected"), (c.housesCollapsed, "倒塌房屋(间)", "rooms collapsed"),
                              (c.housesDamaged, "严重损坏(间)", "rooms badly damaged"), (c.cropAreaHa, "农作物受灾(公顷)", "crops (ha)")] where n > 0 {
                zh += " · \(z) \(n)"
                en += " · \(e) \(n)"
            }
            return (zh + " · 直接经济损失 \(loss) 元", en + " · loss ¥\(loss)")
        case .belowSuggestion(let given, let suggested):
            return ("⚠ 定级\(given.documentName)低于法定标准建议\(suggested.documentName)：报告时限按\(suggested.chineseName)",
                    "⚠ graded \(given.rawValue), below the statutory grade \(suggested.rawValue): clocks run on \(suggested.rawValue)")
        case .sensitiveFlag: return ("敏感事件：按敏感时限报送", "sensitive event: on the sensitive clock")
        case .reportDelay(let delay, let limit):
            if let limit { return ("事发后 \(delay) 接报 · 超过企业报告时限 \(limit)（迟报）", "received \(delay) after it happened · later than the enterprise's \(limit) (late)") }
            return ("事发后 \(delay) 接报", "received \(delay) after it happened")
        case .deadlineMade(let kind, let due, let done, let late):
            // Lateness once it happened stays on the record (迟报).
            return ("\(kind.chinese) \(due) 已报 \(done)" + (late ? "（迟报）" : ""),
                    "\(UIText.deadline(kind, due, overdue: false).text(.en)) made \(done)" + (late ? " (late)" : ""))
        case .reporterLine(let who, let phone): return ("报告人：\(who) \(phone)", "reported by: \(who) \(phone)")
        case .fieldMeasures: return ("已采取措施", "Measures")
        case .fieldTrend: return ("发展趋势", "Trend")
        case .fieldRequests: return ("需要支援", "Requests")
        case .conflictLine(let fields): return ("两站同时修改（冲突）：\(fields)", "changed at two stations at once (conflict): \(fields)")
        case .timelineTitle: return ("经过", "Timeline")
        case .timelineReceived(let by): return ("接报登记（\(by)）", "received (\(by))")
        case .timelineReport(let kind, let channel, let to, let by):
            let zhKind: String
            let enKind: String
            switch kind {
            case .initial: zhKind = "初报"; enKind = "initial report"
            case .followUp(let n): zhKind = "续报\(n)"; enKind = "follow-up \(n)"
            case .final: zhKind = "终报"; enKind = "final report"
            case .supplementary: zhKind = "补报"; enKind = "supplementary report"
            }
            let zhChannel = channel == .phone ? "电话" : "书面"
            let enChannel = channel == .phone ? "phone" : "written"
            return ("\(zhChannel)\(zhKind) → \(to)（\(by)）", "\(enChannel) \(enKind) → \(to) (\(by))")
        case .timelineStatus(let status, let reopen, let note, let by):
            let zh = reopen ? "重新打开：\(note)" : "状态 → \(status)" + (note.isEmpty ? "" : "：\(note)")
            let en = reopen ? "reopened: \(note)" : "status → \(status)" + (note.isEmpty ? "" : ": \(note)")
            return ("\(zh)（\(by)）", "\(en) (\(by))")
        case .timelineNote(let text, let by): return ("备注：\(text)（\(by)）", "note: \(text) (\(by))")
        case .keySort: return ("排序：接报时间 / 报送时限 / 等级", "sort: time received / next report / grade")
        case .keyQuickFilters: return ("快速筛选：处置中 / 超时 / 我登记的 / 今日（可叠加）", "quick filters: open / overdue / mine / today (combine)")
        case .keyIncidentDetail: return ("事件详情与经过", "incident detail and timeline")
        }
    }
}
