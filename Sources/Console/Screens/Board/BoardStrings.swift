import DutyModel
import TerminalUI

/// The words of the duty board and its check-in and mode dialogs, in both languages.
public enum BoardText: Hashable, Sendable {
    case checkedIn(String, String)
    case modeSwitched(DutyMode)
    case boardTitle(emergency: Bool)
    case handoverCountdown(String, String)
    /// The next change 30 days or more away (see `Lapse`): its date and time, no countdown.
    case handoverAt(String)
    case emergencySummary(level: String?, worstGrade: Grade?, open: Int)
    case openIncidentsHeading(Int)
    case onDutyHeading(String, String)
    case checkedInStatus(String, String, String)
    case notCheckedIn
    case leaderLabel, officerLabel
    case tier(Int)
    case nobodyRostered, noLeader
    case tooFewOfficers(Int), tooFewPresent(Int)
    case nextShift(String, String, String)
    case notInContacts
    case timelineHeading, changeMarker
    case nowMarker(String)
    case counterReceived(Int), counterOpen(Int), counterDueSoon(Int), counterOverdue(Int), counterResourcesOut(Int)
    case counterWarnings
    case checkInTitle(String)
    case checkInHelp, checkInNobody, checkInAddPrompt
    case checkInRole(CheckInDialog.Role)
    case modeTitle(DutyMode)
    case modeExplain(DutyMode)
    case modeHelp, modeReasonPrompt
    /// #22: emergency mode is entered only with its reason.
    case modeReasonRequired
    case keyCheckIn, keyMode

    public func text(_ language: Language) -> String {
        let (zh, en) = pair
        return language == .zh ? zh : en
    }

    private var pair: (String, String) {
        switch self {
        case .checkedIn(let present, let op): return ("已签到：\(present)；操作员 \(op)", "checked in: \(present); operator \(op)")
        case .modeSwitched(let mode):
            return mode == .emergency ? ("已切换为战时（应急指挥）模式", "switched to emergency mode (incident command)")
                : ("已切换为平时模式", "switched to peacetime mode (平时)")
        case .boardTitle(let emergency):
            return emergency ? ("值班总览 · 战时（应急指挥）", "Duty board · EMERGENCY mode") : ("值班总览 · 平时", "Duty board · peacetime")
        case .handoverCountdown(let at, let left): return ("交接班 \(at) · 还有 \(left)", "handover \(at) · in \(left)")
        case .handoverAt(let at): return ("交接班 \(at)", "handover \(at)")
        case .emergencySummary(let level, let grade, let open):
            let zhLevel = level.map { "应急响应 \($0) 级" } ?? "未启动应急响应"
            let enLevel = level.map { "response level \($0)" } ?? "no response level declared"
            let zhGrade = grade.map { " · 最高等级 \($0.rawValue)（\($0.chineseName)）" } ?? ""
            let enGrade = grade.map { " · worst grade \($0.rawValue)" } ?? ""
            return ("\(zhLevel)\(zhGrade) · 处置中事件 \(open) 起", "\(enLevel)\(enGrade) · \(open) incident(s) being handled")
        case .openIncidentsHeading(let n): return ("处置中事件（\(n)）", "Open incidents (\(n))")
        case .onDutyHeading(let from, let to): return ("当班 \(from) → \(to)", "On duty \(from) → \(to)")
        case .checkedInStatus(let at, let present, let op):
            if at.isEmpty { return ("已签到：\(present) · 操作员 \(op)", "checked in: \(present) · operator \(op)") }
            return ("已签到 \(at)：\(present) · 操作员 \(op)", "checked in \(at): \(present) · operator \(op)")
        case .notCheckedIn: return ("未签到 — 按 c 接班签到", "not checked in — press c")
        case .leaderLabel: return ("带班领导", "Leaders")
        case .officerLabel: return ("值班员", "Officers")
        case .tier(let t): return (t == 1 ? "一级" : t == 2 ? "二级" : "\(t)级", "tier \(t)")
        case .nobodyRostered: return ("本班未排班：请导入排班表（zhiban import 排班.csv）", "nobody is rostered for this shift: import the roster (zhiban import roster.csv)")
        case .noLeader: return ("无带班领导", "no leader on duty")
        case .tooFewPresent(let n):
            return ("签到在岗值班员仅 \(n) 人，少于 2 人", "only \(n) officer(s) checked in as present: at least 2 are required")
        case .tooFewOfficers(let n):
            return ("值班员仅 \(n) 人，少于 2 人（24小时双人值班）", "only \(n) duty officer(s): at least 2 are required (24-hour two-person duty)")
        case .nextShift(let at, let leaders, let officers):
            if leaders.isEmpty && officers.isEmpty { return ("下一班 \(at)：未排班", "next shift \(at): nobody rostered") }
            return ("下一班 \(at)  带班 \(leaders) · 值班员 \(officers)", "next shift \(at)  leaders \(leaders) · officers \(officers)")
        case .notInContacts: return ("（通讯录中无此人）", "(not in contacts)")
        case .timelineHeading: return ("今日 00:00–24:00 · 班次 · 每小时接报数", "Today 00:00–24:00 · shifts · incidents received per hour")
        case .changeMarker: return (" 交接", " change")
        case .nowMarker(let t): return (" 现在 \(t)", " now \(t)")
        case .counterReceived(let n): return ("今日接报 \(n)", "received today \(n)")
        case .counterOpen(let n): return ("处置中 \(n)", "open \(n)")
        case .counterDueSoon(let n): return ("1小时内应报 \(n)", "reports due <1h \(n)")
        case .counterOverdue(let n): return ("超时未报 \(n)", "OVERDUE reports \(n)")
        case .counterResourcesOut(let n): return ("外出队伍 \(n)", "teams out \(n)")
        case .counterWarnings: return ("预警", "warnings")
        case .checkInTitle(let at): return ("接班签到 · \(at) 班", "Shift check-in · \(at)")
        case .checkInHelp:
            return ("空格 在岗/不在岗 · Enter 选为操作员并签到 · a 添加人员 · Esc 取消",
                    "Space present/absent · Enter: this person operates, sign in · a add a name · Esc cancel")
        case .checkInNobody: return ("本班未排班；按 a 输入在岗人员姓名", "nobody rostered; press a to type who is present")
        case .checkInAddPrompt: return ("姓名：", "Name: ")
        case .checkInRole(let role):
            switch role {
            case .officer: return ("值班员", "officer")
            case .backup: return ("B角", "backup")
            case .added: return ("临时顶班", "stand-in")
            }
        case .modeTitle(let target): return target == .emergency ? ("切换为战时", "Switch to emergency mode") : ("切换为平时", "Switch to peacetime")
        case .modeExplain(let target):
            return target == .emergency
                ? ("战时（应急指挥）：值班总览以处置中事件和响应级别为先。切换记入值班记录并同步到其他站点。",
                   "Emergency: the board leads with the incidents being handled and the response level. The switch is recorded and synced.")
                : ("恢复平时值班。切换记入值班记录并同步到其他站点。", "Back to peacetime duty. The switch is recorded and synced.")
        case .modeHelp: return ("Enter 确认 · Esc 关闭（留草稿）", "Enter confirms · Esc closes (draft kept)")
        case .modeReasonPrompt: return ("原因：", "Reason: ")
        case .modeReasonRequired:
            return ("“原因”必填：写明转入战时的原因，未切换", "Reason is required: say why; emergency mode not entered")
        case .keyCheckIn: return ("接班签到（选择操作员）", "shift check-in (choose the operator)")
        case .keyMode: return ("平时 / 战时 切换", "peacetime / emergency mode")
        }
    }
}
