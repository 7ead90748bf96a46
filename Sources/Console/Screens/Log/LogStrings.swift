import DutyModel
import TerminalUI

/// The words of the duty log, its entry dialog and its detail, in both languages.
public enum LogText: Hashable, Sendable {
    case logEntrySaved(String)
    case instructionMarkedDone(String)
    case notAnInstruction, instructionAlreadyDone
    case logTextMissing
    case logDueInvalid(String)
    case logCount(Int, Int)
    case logKindFilter(LogKindFilter)
    case logHint
    case columnTime, columnKind, columnCounterpart, columnContent, columnState, columnRecordedBy
    case logKind(LogEntry.Kind, short: Bool)
    case noLogEntries, noLogMatches
    case recordedBy(String)
    case clockAhead(minutes: Int), clockAheadDetail(minutes: Int)
    case instructionDone(String), instructionOverdue(String), instructionDue(String)
    case instructionOpen
    case logEntryTitle(LogEntry.Kind)
    case fieldLeader, fieldCounterpart, fieldText, fieldDue, fieldDetail
    case dueHint, logEntryHelp, logDetailTitle
    case keyAddNote, keyAddCallIn, keyAddCallOut, keyAddInstruction, keyMarkDone, keyKindFilter, keyOpenDetail

    public func text(_ language: Language) -> String {
        let (zh, en) = pair
        return language == .zh ? zh : en
    }

    private var pair: (String, String) {
        switch self {
        case .logEntrySaved(let text): return ("已记入值班日志：\(text)", "logged: \(text)")
        case .instructionMarkedDone(let text): return ("批示已办结：\(text)", "instruction done: \(text)")
        case .notAnInstruction: return ("所选条目不是领导批示；x 只用于批示", "the selected entry is not an instruction; x marks instructions done")
        case .instructionAlreadyDone: return ("该批示已办结", "that instruction is already done")
        case .logTextMissing: return ("内容：不能为空，请填写一行内容", "text: empty; write one line of text")
        case .logDueInvalid(let t):
            return ("完成时限：无法识别“\(t)”；请写 15:30、+30m、+2h，或留空", "due: cannot read \"\(t)\"; write 15:30, +30m, +2h, or leave it empty")
        case .logCount(let shown, let all): return shown == all ? ("\(all) 条", all == 1 ? "1 entry" : "\(all) entries") : ("\(shown) / \(all) 条", "\(shown) of \(all)")
        case .logKindFilter(let k):
            switch k {
            case .all: return ("全部", "all")
            case .calls: return ("电话", "calls")
            case .instructions: return ("批示", "instructions")
            case .openInstructions: return ("未办结批示", "open instructions")
            case .notes: return ("记事", "notes")
            }
        case .logHint: return ("n 记事 i 来电 o 去电 p 批示 x 办结 / 筛选 f 类型", "n note i call in o call out p instruction x done / filter f kind")
        case .columnTime: return ("时间", "Time")
        case .columnKind: return ("类型", "Kind")
        case .columnCounterpart: return ("对方", "With")
        case .columnContent: return ("内容", "Text")
        case .columnState: return ("办理", "State")
        case .columnRecordedBy: return ("记录人", "By")
        case .logKind(let kind, let short):
            switch kind {
            case .note: return ("记事", short ? "Note" : "Note")
            case .callIn: return ("来电", short ? "In" : "Call in")
            case .callOut: return ("去电", short ? "Out" : "Call out")
            case .instruction: return ("批示", short ? "Ins" : "Instruction")
            }
        case .noLogEntries: return ("值班日志为空：按 n 记事、i 来电、o 去电、p 领导批示", "the duty log is empty: n note, i call in, o call out, p instruction")
        case .noLogMatches: return ("没有匹配的条目；Esc 清除筛选", "no entry matches; Esc clears the filter")
        case .recordedBy(let name): return ("记录人 \(name)", "by \(name)")
        case .clockAhead(let m):
            return m >= 120 ? ("时钟超前\(m / 60)小时", "clock +\(m / 60) h") : ("时钟超前\(m)分", "clock +\(m) min")
        case .clockAheadDetail(let m):
            let span = m >= 120 ? ("\(m / 60)小时\(m % 60)分", "\(m / 60) h \(m % 60) min") : ("\(m)分钟", "\(m) min")
            return ("记录时间比本机时钟超前\(span.0)：写入方的时钟偏快（或是演练写入），该时间不可信",
                    "recorded with a time \(span.1) ahead of this console's clock: the writer's clock runs fast (or a drill wrote it); its time is not to be trusted")
        case .instructionDone(let at): return ("已办结 \(at)", "done \(at)")
        case .instructionOverdue(let due): return ("超时 \(due)", "OVERDUE \(due)")
        case .instructionDue(let due): return ("待办 \(due)前", "due \(due)")
        case .instructionOpen: return ("待办", "open")
        case .logEntryTitle(let kind):
            switch kind {
            case .note: return ("记事", "Note")
            case .callIn: return ("来电记录", "Incoming call")
            case .callOut: return ("去电记录", "Outgoing call")
            case .instruction: return ("领导批示", "Leader's instruction")
            }
        case .fieldLeader: return ("批示领导", "Leader")
        case .fieldCounterpart: return ("对方", "With")
        case .fieldText: return ("内容", "Text")
        case .fieldDue: return ("完成时限", "Due")
        case .fieldDetail: return ("详情", "Detail")
        case .dueHint: return ("完成时限：15:30、+30m、+2h，或留空", "due: 15:30, +30m, +2h, or empty")
        case .logEntryHelp: return ("Enter 保存 · Tab 下一项 · 详情中 Enter 换行、Ctrl-S 保存 · Esc 关闭（留草稿）", "Enter saves · Tab next field · in Detail Enter is a new line, Ctrl-S saves · Esc closes (draft kept)")
        case .logDetailTitle: return ("值班日志条目", "Duty-log entry")
        case .keyAddNote: return ("记事", "add a note")
        case .keyAddCallIn: return ("来电记录", "log an incoming call")
        case .keyAddCallOut: return ("去电记录", "log an outgoing call")
        case .keyAddInstruction: return ("领导批示（可设完成时限）", "log a leader's instruction (with a due time)")
        case .keyMarkDone: return ("批示办结", "mark the instruction done")
        case .keyKindFilter: return ("按类型筛选（全部/电话/批示/未办结/记事）", "filter by kind (all/calls/instructions/open/notes)")
        case .keyOpenDetail: return ("查看全文", "show the whole entry")
        }
    }
}
