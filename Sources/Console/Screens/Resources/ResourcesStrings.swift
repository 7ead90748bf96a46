import DutyModel
import TerminalUI

/// The words of the resources screen and its dialogs, in both languages (#19).
public enum ResourcesText: Hashable, Sendable {
    case count(Int, Int)
    case hint
    case allKinds
    case columnName, columnKind, columnTown, columnStatus, columnFigures, columnDistance, columnID, columnUnit, columnContact
    case noResources, noMatches
    case near(String)
    case nearNone
    case approximate
    case noOpenIncident
    case noPoint
    case km(Double)
    // Detail
    case detailPlace(String, String)
    case detailContact(String)
    case detailHost(String)
    case detailHistory
    case noHistory
    case belowMinimum(String)
    case shortfall(String)
    case rotationDue(String, String)
    case moveDispatched(String, Int64, String, String)
    case moveTeamStatus(String, String, String, String)
    case moveStock(String, Int64, String, String, String)
    case moveShelter(String, Int64, String, String)
    case detailKeys
    // Dialogs
    case titleDispatch(String)
    case titleTeamStatus(String)
    case titleShelter(String)
    case titleIssue(String)
    case titleReturn(String)
    case labelIncident, labelHeadcount, labelOrderedBy, labelStatus, labelNote, labelOccupancy, labelItem, labelQuantity, labelTo
    case dialogKeys
    case onlyTeams, onlyShelters, onlyDepots, onlyTeamsOrShelters
    case noIncidentToSend
    case noItems
    case notANumber(String)
    /// Typed or pasted into a count and refused, quoted (#23).
    case notTaken(String, String)
    case orderedByRequired
    case noteRequired
    case askReassign(String, String)
    case askOverCapacity(Int64, Int64)
    case refused(String)
    // Confirmations
    case dispatched(String, String)
    case teamStatusSet(String, String)
    case issued(String, Int64, String, String)
    case returned(String, Int64, String)
    case shelterSet(String, String, Int64)
    // Board
    case statusBar(Int, Int, Int, Int)
    case earlierMoves(Int)
    case noStatuses
    case nothingToReturn
    case quantityPositive
    case boardTeams(Int, Int), boardShelters(Int, Int64, Int64), boardBelow(Int), boardShort(Int)
    case timelineDispatch(String, Int64, String, String)
    case timelineTeam(String, String, String)
    case timelineStock(String, String, Int64, String, String)
    // Help
    case keyKind, keyNear, keyNearest, keyDetail, keyDispatch, keyStatus, keyIssue, keyReturn

    public func text(_ language: Language) -> String {
        let (zh, en) = pair
        return language == .zh ? zh : en
    }

    private var pair: (String, String) {
        switch self {
        case .count(let shown, let all): return shown == all ? ("\(all) 项", "\(all) objects") : ("\(shown) / \(all) 项", "\(shown) of \(all)")
        case .hint: return ("←→ 类别 · / 筛选（名称、拼音首字母、单位、物资）· n 按距事件排序 · Enter 详情 · d 调派 · s 状态 · i 调拨 · r 退回",
                            "←→ kind · / filter (name, pinyin initials, unit, item) · n nearest to an incident · Enter detail · d dispatch · s status · i issue · r return")
        case .allKinds: return ("全部", "All")
        case .columnName: return ("名称", "Name")
        case .columnKind: return ("类别", "Kind")
        case .columnTown: return ("乡镇", "Town")
        case .columnStatus: return ("状态", "Status")
        case .columnFigures: return ("数量", "Figures")
        case .columnDistance: return ("距离", "Distance")
        case .columnID: return ("编号", "ID")
        case .columnUnit: return ("单位", "Unit")
        case .columnContact: return ("联系", "Contact")
        case .noResources: return ("尚无应急资源：zhiban import 队伍.csv（储备库、物资、避难场所……）", "no resources yet: zhiban import teams.csv (depots, stock, shelters …)")
        case .noMatches: return ("没有匹配的资源；Esc 清除筛选", "nothing matches; Esc clears the filter")
        case .near(let what): return ("距 \(what) 由近到远", "nearest to \(what)")
        case .approximate: return ("（事件无坐标，按所在乡镇估算）", " (no point recorded: from its town, approximately)")
        case .nearNone: return ("按类别排序", "sorted by kind")
        case .noOpenIncident: return ("没有未结事件可按距离排序", "no open incident to sort by distance from")
        case .noPoint: return ("该事件没有坐标，无法按距离排序", "that incident has no coordinates to measure from")
        case .km(let d): return (d < 10 ? String(format: "%.1f公里", d) : String(format: "%.0f公里", d), d < 10 ? String(format: "%.1f km", d) : String(format: "%.0f km", d))
        case .detailPlace(let place, let point): return ("位置：\(place)  \(point)", "Place: \(place)  \(point)")
        case .detailContact(let c): return ("联系：\(c)", "Contact: \(c)")
        case .detailHost(let host): return ("依托：\(host)", "Host: \(host)")
        case .detailHistory: return ("记录", "History")
        case .noHistory: return ("（尚无调派、调拨或状态记录）", "(no dispatch, issue or status recorded yet)")
        case .belowMinimum(let items): return ("低于最低储备：\(items)", "below minimum: \(items)")
        case .shortfall(let items): return ("超量调拨（两站同时调拨，待核查）：\(items)", "issued beyond stock (two stations at once; to review): \(items)")
        case .rotationDue(let item, let date): return ("\(item) 轮换期 \(date)", "\(item) rotation due \(date)")
        case .moveDispatched(let incident, let n, let by, let op):
            return ("调派至 \(incident)" + (n > 0 ? " \(n)人" : "") + (by.isEmpty ? "" : "（\(by)指令）") + "（\(op)）",
                    "dispatched to \(incident)" + (n > 0 ? ", \(n) people" : "") + (by.isEmpty ? "" : ", ordered by \(by)") + " (\(op))")
        case .moveTeamStatus(let status, let incident, let note, let op):
            return (status + (incident.isEmpty ? "" : " · \(incident)") + (note.isEmpty ? "" : "：\(note)") + "（\(op)）",
                    status + (incident.isEmpty ? "" : " · \(incident)") + (note.isEmpty ? "" : ": \(note)") + " (\(op))")
        case .moveStock(let what, let delta, let reason, let to, let op):
            let zh: String, en: String
            switch reason {
            case "issue": zh = "调出 \(what)"; en = "issued \(what)"
            case "return": zh = "退回 \(what)"; en = "returned \(what)"
            default: zh = (delta >= 0 ? "盘点调增 " : "盘点调减 ") + what; en = (delta >= 0 ? "stocktake: up " : "stocktake: down ") + what
            }
            return (zh + (to.isEmpty ? "" : " → \(to)") + "（\(op)）", en + (to.isEmpty ? "" : " → \(to)") + " (\(op))")
        case .moveShelter(let status, let occupancy, let note, let op):
            return ("\(status)，安置 \(occupancy) 人" + (note.isEmpty ? "" : "：\(note)") + "（\(op)）",
                    "\(status), \(occupancy) people" + (note.isEmpty ? "" : ": \(note)") + " (\(op))")
        case .detailKeys: return ("d 调派 · s 状态 · i 调拨 · r 退回 · Esc 关闭", "d dispatch · s status · i issue · r return · Esc closes")
        case .titleDispatch(let name): return ("调派队伍：\(name)", "Dispatch team: \(name)")
        case .titleTeamStatus(let name): return ("队伍状态：\(name)", "Team status: \(name)")
        case .titleShelter(let name): return ("避难场所：\(name)", "Shelter: \(name)")
        case .titleIssue(let name): return ("调拨物资：\(name)", "Issue items: \(name)")
        case .titleReturn(let name): return ("物资退回：\(name)", "Return items: \(name)")
        case .labelIncident: return ("事件", "Incident")
        case .labelHeadcount: return ("出动人数", "Headcount")
        case .labelOrderedBy: return ("指令人", "Ordered by")
        case .labelStatus: return ("状态", "Status")
        case .labelNote: return ("备注", "Note")
        case .labelOccupancy: return ("安置人数", "Occupancy")
        case .labelItem: return ("物资", "Item")
        case .labelQuantity: return ("数量", "Quantity")
        case .labelTo: return ("调往", "To")
        case .dialogKeys: return ("Tab/↑↓ 换行 · ←→ 选择 · Enter 下一项/保存 · Ctrl-S 保存 · Esc 关闭（留草稿）", "Tab/↑↓ field · ←→ choose · Enter next/save · Ctrl-S save · Esc close (draft kept)")
        case .onlyTeams: return ("调派只对队伍：选中一支队伍再按 d", "dispatch is for teams: select a team and press d")
        case .onlyShelters: return ("只对避难场所", "for shelters only")
        case .onlyDepots: return ("调拨只对储备库：选中一个储备库再按 i（退回按 r）", "issue is for depots: select a depot and press i (r returns)")
        case .onlyTeamsOrShelters: return ("状态只对队伍和避难场所：选中一项再按 s", "status is for teams and shelters: select one and press s")
        case .noIncidentToSend: return ("没有未结事件可调往；先在接报登记事件", "no open incident to send to; record one at intake first")
        case .noItems: return ("该储备库没有登记物资", "this depot holds no items")
        case .notTaken(let what, let text):
            let quoted = TextFit.truncate(text, to: 24)
            return ("“\(quoted)”未填入：\(what)只能填数字（0 或以上的整数）", "“\(quoted)” not taken: \(what) takes digits only (a whole number, 0 or more)")
        case .notANumber(let what): return ("\(what)：请输入非负整数", "\(what): give a whole number, 0 or more")
        case .orderedByRequired: return ("请填写指令人（谁下达的调派指令）", "say who ordered the dispatch")
        case .noteRequired: return ("超出容量须填写备注说明原因", "above capacity: a note saying why is required")
        case .askReassign(let team, let incident):
            return ("\(team) 正在执行 \(incident) 的任务。再按 Enter 改派（原任务结束），Esc 取消。",
                    "\(team) is on \(incident). Press Enter again to reassign it (that task ends), Esc to cancel.")
        case .askOverCapacity(let occupancy, let capacity):
            return ("\(occupancy) 人超过容量 \(capacity) 人。填写备注后再按 Enter 确认，Esc 取消。",
                    "\(occupancy) people is above the capacity of \(capacity). Write a note and press Enter again to confirm, Esc to cancel.")
        case .refused(let why): return ("未保存：\(why)", "not saved: \(why)")
        case .dispatched(let team, let incident): return ("已调派 \(team) 至 \(incident)", "dispatched \(team) to \(incident)")
        case .teamStatusSet(let team, let status): return ("\(team)：\(status)", "\(team): \(status)")
        case .issued(let what, _, let depot, let to): return ("已从 \(depot) 调拨 \(what) 至 \(to)", "issued \(what) from \(depot) to \(to)")
        case .returned(let what, _, let depot): return ("已退回 \(what) 至 \(depot)", "returned \(what) to \(depot)")
        case .shelterSet(let name, let status, let n): return ("\(name)：\(status)，安置 \(n) 人", "\(name): \(status), \(n) people")
        case .boardTeams(let out, let all): return ("队伍出动 \(out)/\(all)", "teams out \(out)/\(all)")
        case .boardShelters(let open, let occupancy, let capacity):
            return ("避难场所开放 \(open)" + (open > 0 ? "（\(occupancy)/\(capacity)人）" : ""),
                    "shelters open \(open)" + (open > 0 ? " (\(occupancy)/\(capacity))" : ""))
        case .boardBelow(let n): return ("物资低于最低储备 \(n) 项", "items below minimum \(n)")
        case .boardShort(let n): return ("超量调拨待核查 \(n) 项", "issued beyond stock \(n)")
        case .statusBar(let out, let open, let below, let short):
            return ("队伍出动\(out) · 场所开放\(open)" + (below > 0 ? " · 物资不足\(below)" : "") + (short > 0 ? " · !!超量调拨\(short)" : ""),
                    "teams out \(out) · shelters open \(open)" + (below > 0 ? " · items low \(below)" : "") + (short > 0 ? " · !! issued beyond stock \(short)" : ""))
        case .earlierMoves(let n): return ("（更早的 \(n) 条资源记录未列出）", "(\(n) earlier resource entries not listed)")
        case .noStatuses: return ("resources.toml 未列出可选状态，请补充后再试", "resources.toml lists no statuses to choose from; add them and try again")
        case .nothingToReturn: return ("该储备库尚未调出物资，无可退回", "nothing was issued from this depot: nothing to take back")
        case .quantityPositive: return ("数量：请填 1 或以上的整数", "Quantity: give a whole number, 1 or more")
        case .timelineDispatch(let team, let n, let by, let op):
            return ("调派 \(team)" + (n > 0 ? " \(n)人" : "") + (by.isEmpty ? "" : "（\(by)指令）") + "（\(op)）",
                    "dispatched \(team)" + (n > 0 ? ", \(n) people" : "") + (by.isEmpty ? "" : ", ordered by \(by)") + " (\(op))")
        case .timelineTeam(let team, let status, let op): return ("\(team)：\(status)（\(op)）", "\(team): \(status) (\(op))")
        case .timelineStock(let depot, let what, _, let reason, let op):
            return reason == "return" ? ("\(what) 退回 \(depot)（\(op)）", "\(what) returned to \(depot) (\(op))")
                : ("\(depot) 调拨 \(what)（\(op)）", "\(what) issued from \(depot) (\(op))")
        case .keyKind: return ("上一类 / 下一类", "previous / next kind")
        case .keyNear: return ("按距下一个未结事件排序（再按换一个，最后恢复）", "sort by distance from the next open incident (again: the next; then off)")
        case .keyNearest: return ("应急资源，距本事件由近到远", "resources, nearest to this incident first")
        case .keyDetail: return ("详情与记录", "detail and history")
        case .keyDispatch: return ("调派选中队伍至事件", "dispatch the selected team to an incident")
        case .keyStatus: return ("队伍到达/返回/待命，避难场所开放/关闭与安置人数", "team arrived/returning/standby; shelter open/closed and occupancy")
        case .keyIssue: return ("从选中储备库调拨物资至事件或避难场所", "issue items from the selected depot to an incident or shelter")
        case .keyReturn: return ("物资退回储备库", "return items to the depot")
        }
    }
}
