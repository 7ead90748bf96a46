import DutyModel
import Foundation

/// The command line's own words, Chinese and English side by side (the
/// console's are `UIText`; what became of a write or an import is `OutcomeText`).
/// English is the default of a C locale, and what scripts and tests read.
public enum CommandText: Equatable, Sendable {
    case statusHeader(station: String, now: String)
    case statusOnDuty(leaders: [String], officers: [String])
    case statusIncidents(open: Int, due: Int, overdue: Int)
    case statusWarnings(red: Int, orange: Int, yellow: Int, blue: Int)
    case problem(String)
    case noIncidents
    case inboxEmpty
    case inboxStillWriting(Int)
    case bundleImported(file: String, records: Int)
    case bundleWritten(path: String, records: Int, stations: Int)
    case rejectedUnreadable(file: String)
    case rejected(file: String, reason: String)
    case verifyOK(records: Int, files: Int)
    case recovered(String)
    case repaired(String)
    case journalEndsAt(UInt64)
    case nothingToRepair(UInt64)
    case nothingToExchange
    case note(String)
    case trusted(id: String, name: String)
    case noTrustedPeers
    case frozen(String)
    /// #22: `incident status` to 已终报 / 已关闭 with reports not made, without --reason.
    case outstandingReports(id: String, status: String, reports: [String])
    /// #22: `incident report --record` without --to.
    case recipientRequired
    case approverRequired
    case unknownStatus(String)
    case noIncident(String)
    /// #23: the console on a terminal that cannot move the cursor (TERM=dumb), or one terminfo does not know.
    case terminalCannotMoveCursor(term: String)
    case terminalUnknown(term: String)

    public func text(_ language: Language) -> String {
        let zh = language == .zh
        switch self {
        case .statusHeader(let station, let now): return "\(station)  \(now)"
        case .statusOnDuty(let leaders, let officers):
            let l = leaders.isEmpty ? "-" : leaders.joined(separator: zh ? "、" : ", ")
            let o = officers.isEmpty ? "-" : officers.joined(separator: zh ? "、" : ", ")
            return zh ? "在岗：带班领导 \(l)；值班员 \(o)" : "on duty: leaders \(l); officers \(o)"
        case .statusIncidents(let open, let due, let overdue):
            return zh ? "未结事件：\(open)；待报：\(due)；超时未报：\(overdue)" : "open incidents: \(open); reports due: \(due); overdue: \(overdue)"
        case .statusWarnings(let red, let orange, let yellow, let blue):
            return zh ? "生效预警：红 \(red)，橙 \(orange)，黄 \(yellow)，蓝 \(blue)"
                : "active warnings: red \(red), orange \(orange), yellow \(yellow), blue \(blue)"
        case .problem(let text): return zh ? "问题：\(text)" : "problem: \(text)"
        case .noIncidents: return zh ? "无事件" : "no incidents"
        case .inboxEmpty: return zh ? "inbox/ 为空" : "inbox/ is empty"
        case .inboxStillWriting(let n):
            return zh ? "\(n) 个文件仍在写入；请再次运行 `zhiban inbox`"
                : "\(n) file\(n == 1 ? " is" : "s are") still being written; run `zhiban inbox` again"
        case .bundleImported(let file, let records): return zh ? "\(file)：导入 \(records) 条记录" : "\(file): imported \(records) records"
        case .bundleWritten(let path, let records, let stations):
            return zh ? "\(path)：\(stations) 个站的 \(records) 条记录" : "\(path): \(records) records of \(stations) station\(stations == 1 ? "" : "s")"
        case .rejectedUnreadable(let file): return zh ? "\(file)：拒收：无法读取" : "\(file): rejected: cannot be read"
        case .rejected(let file, let reason): return zh ? "\(file)：拒收：\(reason)" : "\(file): rejected: \(reason)"
        case .verifyOK(let records, let files):
            return zh ? "正常：\(files) 个日志文件共 \(records) 条记录" : "ok: \(records) records in \(files) journal file\(files == 1 ? "" : "s")"
        case .recovered(let entry): return zh ? "已恢复：\(entry)" : "recovered: \(entry)"
        case .repaired(let entry): return zh ? "已修复：\(entry)" : "repaired: \(entry)"
        case .journalEndsAt(let n): return zh ? "日志现止于第 \(n) 条记录" : "the journal now ends at record \(n)"
        case .nothingToRepair(let n): return zh ? "无需修复：\(n) 条记录，无损坏" : "nothing to repair: \(n) records, no damage"
        case .nothingToExchange: return zh ? "无可交换内容" : "nothing to exchange"
        case .note(let text): return zh ? "说明：\(text)" : "note: \(text)"
        case .trusted(let id, let name): return zh ? "已信任 \(id) \(name)" : "trusted \(id) \(name)"
        case .noTrustedPeers: return zh ? "无受信任的同伴站；用 zhiban trust add KEY 添加" : "no trusted peers; add one with zhiban trust add KEY"
        case .frozen(let reason): return zh ? "  已冻结：\(reason)" : "  FROZEN: \(reason)"
        case .outstandingReports(let id, let status, let reports):
            let list = reports.joined(separator: zh ? "、" : ", ")
            return zh ? "\(id) 尚未报送：\(list)；未写入。确需变为“\(status)”，请用 --reason 写明原因（记入状态变更的备注）"
                : "\(id) has reports not made: \(list); nothing written. To move it to \(status) anyway, give --reason (kept as the change's note)"
        case .approverRequired:
            return zh ? "书面报告须经签发：--approved-by（签发人）必填；未写入"
                : "a written report counts once signed off: --approved-by (签发人) is required; nothing written"
        case .recipientRequired:
            return zh ? "--to（报送对象）必填：记录报送须写明报给了谁；未写入"
                : "--to (the recipient, 报送对象) is required to record a report: who it went to; nothing written"
        case .unknownStatus(let text):
            let all = IncidentStatus.allCases.map(\.rawValue).joined(separator: ", ")
            return zh ? "没有“\(text)”这一状态；可用：\(all)" : "no status \"\(text)\"; use one of \(all)"
        case .noIncident(let id): return zh ? "本站没有事件“\(id)”" : "no incident \"\(id)\" at this station"
        case .terminalCannotMoveCursor(let term):
            return (zh ? "此终端（TERM=\(term)）不能移动光标，控制台无法在其上显示。" : "this terminal (TERM=\(term)) cannot move the cursor, so the console cannot draw on it. ")
                + Self.setTerm(zh)
        case .terminalUnknown(let term):
            let named = term.isEmpty ? (zh ? "未设置终端类型（TERM 为空）" : "TERM is not set")
                : (zh ? "本机的 terminfo 数据库中没有终端类型 TERM=\(term)" : "this system's terminfo database has no terminal type TERM=\(term)")
            return named + (zh ? "，控制台无法显示。" : ", so the console cannot draw. ") + Self.setTerm(zh)
        }
    }

    /// What to set, and that the command line needs none of it.
    private static func setTerm(_ zh: Bool) -> String {
        zh ? "请把 TERM 设为终端的实际类型（一般终端窗口用 xterm-256color，没有图形界面的本机控制台用 linux，串口终端用 vt100）后重新启动。命令行（zhiban status、zhiban note …）在任何终端上都能用。"
            : "Set TERM to the terminal's type (xterm-256color in most terminal windows, linux on a bare console, vt100 on a serial line) and start again. The command line (zhiban status, zhiban note …) works on any terminal."
    }
}
