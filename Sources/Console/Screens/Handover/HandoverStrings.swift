import DutyModel
import TerminalUI

/// The words of the handover screen, its dialogs and the status bar's handover state (#21).
public enum HandoverText: Hashable, Sendable {
    case header(String, Int, HandoverReport.Phase)
    case pastHeader(String, Int)
    case phase(HandoverReport.Phase)
    case keysLine, pastKeysLine
    case waiting
    case notesTitle, notesHelp
    case signTitle, acceptTitle
    case fieldName, fieldRemarks, fieldReason
    case signHelp, acceptHelp
    case nameMissing, reasonNeeded(String)
    case historyTitle, historyEmpty, historyHelp
    case notesSaved, signed(String), accepted(String)
    case notesKept
    case refused(String)
    case alreadySigned(String), notSigned, alreadyAccepted(String), sameOfficer(String)
    case statusHandover(HandoverReport.Phase)
    case changeAlert(String)
    case lastHandoverLate, lastHandoverNever
    case marked(Bool)
    case absentMark, standInMark
    case keyScroll, keyNotes, keySign, keyAccept, keyHistory, keyCurrent, keyMarkLog, keyDaily
    case dailyHeader(String)

    public func text(_ language: Language) -> String {
        let (zh, en) = pair
        return language == .zh ? zh : en
    }

    static func phaseName(_ phase: HandoverReport.Phase) -> (String, String) {
        switch phase {
        case .notStarted: return ("未开始", "not started")
        case .drafted: return ("已起草", "drafted")
        case .signed: return ("交班已签字", "signed")
        case .accepted: return ("已接班", "accepted")
        }
    }

    private var pair: (String, String) {
        switch self {
        case .header(let date, let n, let phase):
            let p = Self.phaseName(phase)
            return ("交接班 \(date) 第\(n)班 · \(p.0)", "Shift handover \(date) shift \(n) · \(p.1)")
        case .pastHeader(let date, let n): return ("交接班记录 \(date) 第\(n)班（只读）", "Shift handover \(date) shift \(n) (read-only)")
        case .phase(let phase): return Self.phaseName(phase)
        case .keysLine: return ("e 备注  s 交班签字  a 接班确认  h 历史  r 日报  ↑↓ PgUp PgDn 翻阅", "e notes  s sign  a accept  h history  r daily  ↑↓ PgUp PgDn scroll")
        case .pastKeysLine: return ("Esc 回到当前交接  h 历史  ↑↓ PgUp PgDn 翻阅", "Esc back to the current handover  h history  ↑↓ PgUp PgDn scroll")
        case .waiting: return ("正在生成……", "making the report…")
        case .notesTitle: return ("交班人备注", "Outgoing officers' notes")
        case .notesHelp: return ("Ctrl-S 保存  Enter 换行  Esc 关闭（保留未保存内容）", "Ctrl-S save  Enter new line  Esc close (unsaved text kept)")
        case .signTitle: return ("交班签字", "Sign the handover (outgoing)")
        case .acceptTitle: return ("接班确认", "Accept the handover (incoming)")
        case .fieldName: return ("姓名", "Name")
        case .fieldRemarks: return ("接班意见", "Remarks")
        case .fieldReason: return ("非排班原因", "Not rostered because")
        case .signHelp: return ("Enter 签字  Esc 关闭（留草稿）", "Enter sign  Esc close (draft kept)")
        case .acceptHelp: return ("Tab 下一项  Enter 确认接班  Esc 关闭（留草稿）", "Tab next field  Enter accept  Esc close (draft kept)")
        case .nameMissing: return ("请填写姓名", "give a name")
        case .reasonNeeded(let rostered):
            return ("不在下一班排班（\(rostered)）：请填写原因", "not on the next shift's roster (\(rostered)): give the reason")
        case .historyTitle: return ("交接班历史", "Past handovers")
        case .historyEmpty: return ("尚无交接班记录", "no handovers yet")
        case .historyHelp: return ("↑↓ 选择  Enter 打开（只读）  Esc 关闭", "↑↓ choose  Enter open (read-only)  Esc close")
        case .notesSaved: return ("交班备注已保存", "handover notes saved")
        case .signed(let name): return ("交班已签字：\(name)", "handover signed by \(name)")
        case .accepted(let name): return ("已接班：\(name)", "handover accepted by \(name)")
        case .notesKept: return ("备注未保存，已保留：按 e 继续", "notes not saved but kept: press e to go on")
        case .refused(let why): return ("未记录：\(why)", "not recorded: \(why)")
        case .alreadySigned(let by): return ("已由 \(by) 签字", "already signed by \(by)")
        case .notSigned: return ("交班人尚未签字：先按 s 签字", "the outgoing officer has not signed: press s first")
        case .alreadyAccepted(let by): return ("已由 \(by) 接班", "already accepted by \(by)")
        case .sameOfficer(let name): return ("\(name) 是交班人，不能同时接班", "\(name) signed as outgoing and cannot also accept")
        case .statusHandover(let phase):
            let p = Self.phaseName(phase)
            return ("交接班：\(p.0)", "handover: \(p.1)")
        case .changeAlert(let at): return ("!! \(at) 交接班：请完成交接（按 7）", "!! shift change \(at): do the handover (press 7)")
        case .lastHandoverLate: return ("上一班交接迟", "last shift: handed over late")
        case .lastHandoverNever: return ("上一班未交接", "last shift: no handover")
        case .marked(let on): return on ? ("已标记为交接事项", "marked for the handover") : ("已取消交接标记", "no longer marked for the handover")
        case .absentMark: return ("（缺岗）", " (absent)")
        case .standInMark: return ("（替班）", " (standing in)")
        case .keyScroll: return ("翻阅交接班记录", "scroll the report")
        case .keyNotes: return ("编辑交班备注", "edit the outgoing notes")
        case .keySign: return ("交班签字", "sign as outgoing")
        case .keyAccept: return ("接班确认", "accept as incoming")
        case .keyHistory: return ("交接班历史", "past handovers")
        case .keyCurrent: return ("回到当前交接", "back to the current handover")
        case .keyDaily: return ("值班日报（24小时至08:00）", "daily duty report (24 hours to 08:00)")
        case .dailyHeader(let end): return ("值班日报 截至 \(end)（只读）", "Daily duty report to \(end) (read-only)")
        case .keyMarkLog: return ("标记/取消交接事项（⚑）", "mark for the handover (⚑) or unmark")
        }
    }
}
