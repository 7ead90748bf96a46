import DutyModel
import TerminalUI

/// The words of the warnings screen, its detail, the dissemination checklist
/// and the manual entry form, in both languages.
public enum WarningText: Hashable, Sendable {
    case title, count(inForce: Int, history: Int), hint, none, noMatches
    case colLevel, colType, colArea, colIssuer, colEffective, colLeft, colAck, colCoverage
    /// The detail's acknowledgement line: its label and "王芳 at 14:02".
    case detailAck, acknowledgedBy(String, String)
    /// A CAP message type in the history: 更新 / update, 解除 / cancel.
    case messageType(WarningMessageType)
    case level(WarningColor?), levelMarker(WarningColor?)
    case exercise(WarningStatus)
    /// Time left of a warning in force (see `Lapse`): "剩 5:12:03", "剩 3天4小时", "至 2099-12-31".
    case left(Lapse), noExpiry, expired(String), cancelled(String)
    case acknowledged(String, String), notAcknowledged, ackNotNeeded
    case coverage(Int, Int, Int), coverageNone
    case historyHeading
    case detailHeadline, detailDescription, detailInstruction, detailArea, detailTowns, detailTimes, detailIssuer, detailHistory
    case detailTimesLine(String, String, String)
    case historyEntry(String, String, String)
    case detailKeys
    case acknowledgedDone(String), alreadyAcknowledged(String), nothingToAcknowledge
    /// Colour, type, area, how many more unacknowledged, how many past their acknowledgement clock.
    case banner(WarningColor, String, String, Int, late: Int)
    case arrived(WarningColor?, String)
    case checklistTitle(String), checklistCoverage(Int, Int, Int, Int), checklistKeys, checklistNoTargets
    case cellRecorded(String, String, Bool)
    case entryTitle, entryUpdateTitle(String), entryKeys
    case entryField(WarningEntryField)
    case entrySource(WarningSource)
    case entryTypeUnknown(String), entryLevelUnknown(String), entryRequired(WarningEntryField)
    case entryTimeUnreadable(WarningEntryField, String), entryExpiresBeforeEffective, entryColourNotForType(String, String)
    case entrySaved(String), entryFix(Int)
    case cancelQuestion(String), cancelDone(String, String)
    case cannotCancel
    case inboxTaken(String, Int), inboxRejected(String, Int)
    case helpNew, helpUpdate, helpCancel, helpAcknowledge, helpChecklist, helpDetail
    /// An earthquake warning's level: its stated intensity (烈Ⅵ / INT6), or "not stated".
    case intensityMarker(Int?), intensity(Int?)
    /// The type has no such colour: "冰雹无此级别" on the level line.
    case levelNotOfType(String)
    /// The ack column: not acknowledged with minutes left, acknowledgement or forwarding overdue.
    /// Time left to acknowledge, time overdue (nil: not said, at 80 columns), by the rule of `Lapse`.
    case ackDue(Lapse), ackOverdue(Lapse?), forwardOverdue(Lapse?)
    case detailClocks, detailCoverage
    case coverageByTowns(Int, Int, Int), coverageByPopulation(Int, Int, Int), coverageUnknownTowns(Int), coverageTarget(Int)
    case checklistPopulation(Int)
    case bannerOverdue(Int)

    public func text(_ language: Language) -> String {
        let (zh, en) = pair
        return language == .zh ? zh : en
    }

    /// An acknowledgement column's lapse: minutes (rounded up) "12 分" / "12m", from an hour
    /// "1 时 5 分" / "1h5m", from 48 hours days and hours (see `Lapse`).
    static func clockSpan(_ lapse: Lapse, _ language: Language) -> String {
        lapse.text(language) { seconds in
            let m = (seconds + 59) / 60
            if language == .zh { return m < 60 ? "\(m) 分" : "\(m / 60) 时 \(m % 60) 分" }
            return m < 60 ? "\(m)m" : "\(m / 60)h\(m % 60)m"
        }
    }

    /// "12 分" / "12 min"; from an hour on "19 小时 50 分" / "19 h 50 min".
    static func minutes(_ m: Int, zh: Bool) -> String {
        guard m >= 60 else { return zh ? "\(m) 分" : "\(m) min" }
        return zh ? "\(m / 60) 小时 \(m % 60) 分" : "\(m / 60) h \(m % 60) min"
    }

    /// 25.3万 / 253,000 people.
    static func people(_ n: Int, zh: Bool) -> String {
        if zh { return n >= 10_000 ? String(format: "%.1f万", Double(n) / 10_000) : "\(n)" }
        let digits = String(n)
        var grouped = ""
        for (i, d) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { grouped.append(",") }
            grouped.append(d)
        }
        return grouped
    }

    static func colourName(_ c: WarningColor?) -> (String, String) {
        switch c {
        case .red: return ("红色", "Red")
        case .orange: return ("橙色", "Orange")
        case .yellow: return ("黄色", "Yellow")
        case .blue: return ("蓝色", "Blue")
        case nil: return ("未定", "Unknown")
        }
    }

    private var pair: (String, String) {
        switch self {
        case .title: return ("预警信息", "Warnings")
        case .count(let n, let h): return ("在发布 \(n) · 历史 \(h)", "\(n) in force · \(h) past")
        case .hint:
            return ("Enter 详情  a 确认  d 发布核对  n 录入  u 更新  x 解除  / 筛选",
                    "Enter detail  a acknowledge  d dissemination  n new  u update  x cancel  / filter")
        case .none: return ("暂无预警信息。CAP 文件放入 inbox/ 或按 n 录入电话/传真预警。",
                            "No warnings. Drop CAP files into inbox/ or press n to enter one received by phone or fax.")
        case .noMatches: return ("没有符合筛选的预警", "No warning matches the filter")
        case .colLevel: return ("级别", "Level")
        case .colType: return ("类型", "Type")
        case .colArea: return ("区域", "Area")
        case .colIssuer: return ("发布单位", "Issuer")
        case .colEffective: return ("发布", "Issued")
        case .colLeft: return ("剩余/状态", "Left / state")
        case .colAck: return ("确认", "Ack")
        case .detailAck: return ("确认", "Acknowledgement")
        case .messageType(let t):
            switch t {
            case .alert: return ("发布", "alert")
            case .update: return ("更新", "update")
            case .cancel: return ("解除", "cancel")
            }
        case .acknowledgedBy(let who, let at): return ("\(who) \(at) 已确认", "\(who) at \(at)")
        case .colCoverage: return ("覆盖", "Cov")
        case .level(let c):
            let (zh, en) = Self.colourName(c)
            return (zh, en)
        case .levelMarker(let c):
            // A text marker beside the colour, so the level reads in the mono theme too.
            switch c {
            case .red: return ("■红", "■RED")
            case .orange: return ("■橙", "■ORG")
            case .yellow: return ("■黄", "■YEL")
            case .blue: return ("■蓝", "■BLU")
            case nil: return ("□？", "□ ? ")
            }
        case .exercise(let status):
            switch status {
            // Short, so the state column keeps the time left at 80 columns.
            case .exercise: return ("演练", "EX")
            case .test: return ("测试", "TEST")
            case .system: return ("系统", "SYS")
            case .draft: return ("草稿", "DRAFT")
            case .actual: return ("实际", "ACTUAL")
            }
        // Short enough for the list's column at 80 (15 wide).
        case .left(.date(let d)): return ("至 \(d)", "to \(d)")
        case .left(let lapse):
            return ("剩 \(lapse.text(.zh, short: ClockFormat.duration))", "\(lapse.text(.en, short: ClockFormat.duration)) left")
        case .noExpiry: return ("至解除", "until cancelled")
        case .expired(let at): return ("已过期 \(at)", "expired \(at)")
        case .cancelled(let at): return ("已解除 \(at)", "cancelled \(at)")
        case .acknowledged(let who, let at): return ("已确认 \(who) \(at)", "ack \(who) \(at)")
        case .notAcknowledged: return ("!! 未确认", "!! NO ACK")
        case .ackNotNeeded: return ("—", "—")
        case .coverage(let reached, let total, let percent): return ("\(percent)% (\(reached)/\(total))", "\(percent)% (\(reached)/\(total))")
        case .coverageNone: return ("—", "—")
        case .historyHeading: return ("历史（已过期、已解除）", "Past (expired, cancelled)")
        case .detailHeadline: return ("标题", "Headline")
        case .detailDescription: return ("内容", "Description")
        case .detailInstruction: return ("防御指南", "Instructions")
        case .detailArea: return ("区域", "Area")
        case .detailTowns: return ("涉及镇街", "Towns")
        case .detailTimes: return ("时间", "Times")
        case .detailIssuer: return ("发布单位", "Issuer")
        case .detailHistory: return ("更新记录", "History")
        case .detailTimesLine(let sent, let effective, let expires):
            return ("发布 \(sent) · 生效 \(effective) · 失效 \(expires)", "sent \(sent) · effective \(effective) · expires \(expires)")
        case .historyEntry(let at, let what, let level): return ("\(at) \(what) \(level)", "\(at) \(what) \(level)")
        case .detailKeys:
            return ("a 确认  d 发布核对  u 更新  x 解除  Esc 返回", "a acknowledge  d dissemination  u update  x cancel  Esc back")
        case .acknowledgedDone(let what): return ("已确认：\(what)", "acknowledged: \(what)")
        case .alreadyAcknowledged(let who): return ("已由 \(who) 确认", "already acknowledged by \(who)")
        case .nothingToAcknowledge: return ("没有选中的预警", "no warning selected")
        case .banner(let c, let type, let area, let more, let late):
            let (zh, en) = Self.colourName(c)
            let zhMore = more > 0 ? "（另有 \(more) 条）" : ""
            let enMore = more > 0 ? " (and \(more) more)" : ""
            // Those past their acknowledgement clock come first, so 80 columns still show them.
            let (zhLate, enLate) = late > 0 ? WarningText.bannerOverdue(late).pair : ("", "")
            return ("!! 新\(zh)预警未确认\(zhLate)：\(type) \(area)\(zhMore) — 按 4 到预警屏，a 确认",
                    "!! NEW \(en.uppercased()) WARNING not acknowledged\(enLate): \(type) \(area)\(enMore) — 4 for warnings, a to acknowledge")
        case .arrived(let c, let what):
            let (zh, en) = Self.colourName(c)
            return ("收到\(zh)预警：\(what)", "\(en) warning received: \(what)")
        case .checklistTitle(let what): return ("发布核对 · \(what)", "Dissemination · \(what)")
        case .checklistCoverage(let reached, let total, let percent, let target):
            return ("覆盖 \(reached)/\(total) = \(percent)%（目标 ≥\(target)%）", "reached \(reached)/\(total) = \(percent)% (target ≥\(target)%)")
        case .checklistKeys:
            return ("←→↑↓ 移动  空格 勾选/取消  c 整列勾选  Esc 关闭（每次勾选即保存）",
                    "←→↑↓ move  Space tick/untick  c tick the column  Esc close (each tick is saved)")
        case .checklistNoTargets:
            return ("区域未对应到本辖区镇街：无法核对。", "The area names no town of the jurisdiction: nothing to check off.")
        case .cellRecorded(let channel, let target, let on):
            return on ? ("已记录：\(channel) → \(target)", "recorded: \(channel) → \(target)")
                : ("已取消：\(channel) → \(target)", "unticked: \(channel) → \(target)")
        case .entryTitle: return ("录入预警（电话 / 传真）", "New warning (phone / fax)")
        case .entryUpdateTitle(let what): return ("更新预警 · \(what)", "Update warning · \(what)")
        case .entryKeys:
            return ("Tab 下一项  Shift-Tab 上一项  Ctrl-S 保存  Esc 关闭（留草稿）", "Tab next  Shift-Tab previous  Ctrl-S save  Esc close (draft kept)")
        case .entryField(let f):
            switch f {
            case .type: return ("类型", "Type")
            case .level: return ("级别", "Level")
            case .issuer: return ("发布单位", "Issuer")
            case .area: return ("区域", "Area")
            case .effective: return ("生效", "Effective")
            case .expires: return ("失效", "Expires")
            case .headline: return ("标题", "Headline")
            case .description: return ("内容", "Description")
            case .instruction: return ("防御指南", "Instructions")
            case .source: return ("来源", "Received by")
            }
        case .entrySource(let s):
            switch s {
            case .phone: return ("电话", "phone")
            case .fax: return ("传真", "fax")
            case .cap: return ("CAP 文件", "CAP file")
            }
        case .entryTypeUnknown(let t): return ("未知预警类型“\(t)”：如 暴雨、大风、by", "unknown warning type \"\(t)\": e.g. rainstorm, gale, 暴雨")
        case .entryLevelUnknown(let l): return ("级别“\(l)”无法识别：红 橙 黄 蓝 或 1–4", "level \"\(l)\" not understood: red orange yellow blue or 1–4")
        case .entryRequired(let f):
            let (zh, en) = WarningText.entryField(f).pair
            return ("\(zh)必须填写", "\(en) is required")
        case .entryTimeUnreadable(let f, let t):
            let (zh, en) = WarningText.entryField(f).pair
            return ("\(zh)“\(t)”无法识别：如 14:00、+6h、11-24 08:00", "\(en) \"\(t)\" not understood: e.g. 14:00, +6h, 11-24 08:00")
        case .entryExpiresBeforeEffective: return ("失效时间早于生效时间", "expires before it takes effect")
        case .entryColourNotForType(let type, let colour):
            return ("\(type)预警没有\(colour)级别", "a \(type) warning has no \(colour) level")
        case .entryFix(let n): return ("有 \(n) 项需要修改，未保存", "\(n) fields need fixing; not saved")
        case .entrySaved(let what): return ("已录入预警：\(what)", "warning recorded: \(what)")
        case .cancelQuestion(let what): return ("解除预警“\(what)”？ y 解除  其他键 取消", "Cancel the warning \"\(what)\"? y cancel  any other key keeps it")
        case .cancelDone(let what, let at): return ("已解除：\(what) \(at)", "cancelled: \(what) \(at)")
        case .cannotCancel: return ("该预警已过期或已解除", "that warning has expired or was cancelled")
        case .inboxTaken(let line, let more):
            return ("收件箱：\(line)" + (more > 0 ? "（另有 \(more) 个文件）" : ""), "inbox: \(line)" + (more > 0 ? " (and \(more) more files)" : ""))
        case .inboxRejected(let line, let more):
            return ("收件箱拒收：\(line)" + (more > 0 ? "（另有 \(more) 个）" : "") + "；原因见 inbox/rejected/*.why",
                    "inbox rejected: \(line)" + (more > 0 ? " (and \(more) more)" : "") + "; reasons in inbox/rejected/*.why")
        case .helpNew: return ("录入电话/传真收到的预警", "enter a warning received by phone or fax")
        case .helpUpdate: return ("更新选中的预警（升级/降级/延长）", "update the selected warning (raise, lower, extend)")
        case .helpCancel: return ("解除选中的预警", "cancel the selected warning")
        case .helpAcknowledge: return ("确认已阅（记录值班员和时间）", "acknowledge (records operator and time)")
        case .helpChecklist: return ("发布核对：渠道 × 镇街/重点场所", "dissemination checklist: channels × towns and places")
        case .helpDetail: return ("详情：内容、防御指南、区域、更新记录", "detail: text, instructions, area, history")
        case .intensityMarker(let n):
            guard let n else { return ("烈？", "INT?") }
            return ("烈" + (WarningIntensity.roman(n) ?? "\(n)"), "INT\(n)")
        case .intensity(let n):
            guard let n else { return ("烈度未说明", "intensity not stated") }
            return ("预估烈度\(WarningIntensity.roman(n) ?? "\(n)")度", "intensity \(WarningIntensity.romanLetters(n) ?? "\(n)")")
        case .levelNotOfType(let type): return ("？\(type)无此级别", "? no such \(type) level")
        case .ackDue(.date(let d)): return ("!! 未确认 时限 \(d)", "!! NO ACK by \(d)")
        case .ackDue(.short(let seconds)): return ("!! 未确认 剩\((seconds + 59) / 60)分", "!! NO ACK \((seconds + 59) / 60)m left")
        case .ackDue(let lapse):
            return ("!! 未确认 剩\(Self.clockSpan(lapse, .zh))", "!! NO ACK \(Self.clockSpan(lapse, .en)) left")
        // Without the time: the 80-column row, where the overdue style says the rest.
        case .ackOverdue(.date(let d)?): return ("!! 确认超时 自\(d)", "!! ACK since \(d)")
        case .ackOverdue(let lapse?): return ("!! 确认超时 \(Self.clockSpan(lapse, .zh))", "!! ACK \(Self.clockSpan(lapse, .en)) OVERDUE")
        case .ackOverdue(nil): return ("确认超时", "ACK LATE")
        case .forwardOverdue(.date(let d)?): return ("!! 转发超时 自\(d)", "!! FWD since \(d)")
        case .forwardOverdue(let lapse?): return ("!! 转发超时 \(Self.clockSpan(lapse, .zh))", "!! FWD \(Self.clockSpan(lapse, .en)) OVERDUE")
        case .forwardOverdue(nil): return ("转发超时", "FWD LATE")
        case .detailClocks: return ("时限", "Clocks")
        case .detailCoverage: return ("覆盖", "Coverage")
        case .coverageByTowns(let percent, let reached, let total):
            return ("镇街及场所 \(percent)% (\(reached)/\(total))", "towns and places \(percent)% (\(reached)/\(total))")
        case .coverageByPopulation(let percent, let reached, let total):
            return ("人口 \(percent)% (\(Self.people(reached, zh: true))/\(Self.people(total, zh: true)))",
                    "population \(percent)% (\(Self.people(reached, zh: false))/\(Self.people(total, zh: false)))")
        case .coverageUnknownTowns(let n): return ("\(n) 个镇街无人口数", "\(n) towns without a population figure")
        case .coverageTarget(let target): return ("目标人口 ≥\(target)%", "target ≥\(target)% of the population")
        case .checklistPopulation(let percent): return ("人口 \(percent)%", "population \(percent)%")
        case .bannerOverdue(let n): return ("（\(n) 条已超时）", " (\(n) OVERDUE)")
        }
    }
}
