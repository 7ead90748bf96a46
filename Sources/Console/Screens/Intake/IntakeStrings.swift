import DutyModel
import TerminalUI

/// The words of the intake form and the incident actions, in both languages.
public enum IntakeText: Hashable, Sendable {
    case label(IntakeField)
    case section(IntakeSection)
    case title(String)
    case gradeTakeSuggestion, gradeUngraded
    case suggested(Grade, String), suggestedNone, suggestedNoTable, sensitiveYes, sensitiveNo
    case deadlinesLine(String)
    case keys
    case digitsOnly(IntakeField), noNegative(IntakeField), moneyOnly
    /// Typed or pasted into a number field and refused, quoted (#23): nothing of a refused paste is taken.
    case notTaken(IntakeField, String)
    /// Beside the field: "✗ 厂区周边500米 not taken".
    case notTakenShort(String)
    case tooLong(IntakeField, Int)
    case timeUnreadable(String), timeFuture(String), timeResolved(String)
    case occurredAfterReceived, placeRequired
    case placeFree(String), placeListed, placeFreeShort
    case typeUnknown(String), categoryUnknown(String), pickFromList
    case required(IntakeField)
    case coordinatesInvalid
    case reasonRequired
    case fieldProblem(String)
    case fixBeforeSaving(Int)
    case saved(String, String)
    case leaveTitle, leaveQuestion
    case resumeTitle, resumeQuestion(String, Int)
    case draftDiscarded
    case candidatesMore(Int)
    case actionTitle(IncidentActionDialog.Action, String)
    case actionReportKind, actionChannel, actionRecipient, actionWhen, actionSummary, actionNote, actionResponseLevel
    case actionApprovedBy, actionApprovedAt, approverRequired
    case actionNewStatus, actionReason
    case reportBeforeReceived, nothingChanged, noteRequired, reasonRequiredReopen
    /// #22: a report needs its recipient; closing with reports outstanding needs a reason.
    case recipientRequired, actionReasonRequired, outstandingReports(String), outstandingReasonRequired
    case actionReported(String, String, String, String)
    case actionUpdated(String), actionGraded(String, String), actionStatus(String, String), actionNoted(String), actionReopened(String)
    case detailKeys, actionKeys
    case choiceValue(String)
    case alertDueSoon(String, DeadlineKind, String, Int), alertOverdue(String, DeadlineKind, String, Int)
    case bellMuted, bellOn
    case helpNextField, helpPicker, helpSave, helpLeave, helpNewIntake, helpActions, helpMute
    case timelineUpdate(String, String), timelineGrade(String, String, String, String)

    public func text(_ language: Language) -> String {
        let (zh, en) = pair
        return language == .zh ? zh : en
    }

    private var pair: (String, String) {
        switch self {
        case .label(let field): return Self.labels[field] ?? (field.rawValue, field.rawValue)
        case .section(let s):
            switch s {
            case .time: return ("时间", "Time")
            case .source: return ("信息来源", "Source")
            case .place: return ("事发地点", "Place")
            case .nature: return ("事件类型", "Type")
            case .casualties: return ("伤亡与损失", "Casualties and loss")
            case .situation: return ("现场情况", "Situation")
            case .grade: return ("定级", "Grade")
            }
        case .title(let opened): return ("接报登记 · \(opened) 开始", "Incident intake · begun \(opened)")
        case .gradeTakeSuggestion: return ("按建议等级", "take the suggestion")
        case .gradeUngraded: return ("未定级", "ungraded")
        case .sensitiveYes: return ("是 · 敏感事件，按敏感时限报送", "yes · sensitive, on the sensitive clock")
        case .sensitiveNo: return ("否", "no")
        case .suggested(let g, let why): return ("建议 \(g.documentName) · \(why)", "suggested \(g.rawValue) (\(why))")
        case .suggestedNone: return ("建议等级：选择事件类型后给出", "suggested grade: pick a type first")
        case .suggestedNoTable: return ("该类型无数值定级标准，按预案定级", "no numeric thresholds for this type; grade by its plan")
        case .deadlinesLine(let text): return ("报送时限：\(text)", "reports due: \(text)")
        case .keys:
            // The way out first: it is what an officer who came in by mistake looks for.
            return ("Esc 离开（草稿保留）  F1…F9 其他页  Ctrl-S 保存  Ctrl-G 帮助  Tab/Enter 下一项  Shift-Tab 上一项  ↑↓ 选择",
                    "Esc leave (draft kept)  F1…F9 screens  Ctrl-S save  Ctrl-G help  Tab/Enter next  Shift-Tab back  ↑↓ choose")
        case .digitsOnly(let f): return ("\(Self.labels[f]!.0)只能填数字（0 或以上的整数）", "\(Self.labels[f]!.1): digits only (a whole number, 0 or more)")
        case .noNegative(let f): return ("\(Self.labels[f]!.0)不能为负数", "\(Self.labels[f]!.1): counts are 0 or more, not negative")
        case .notTaken(let f, let text):
            let quoted = TextFit.truncate(text, to: 24)
            return f.kind == .money
                ? ("“\(quoted)”未填入：\(Self.labels[f]!.0)只能填数字，可带 万 / 亿，例如 500万", "“\(quoted)” not taken: \(Self.labels[f]!.1) takes digits, optionally 万 / 亿, e.g. 500万")
                : ("“\(quoted)”未填入：\(Self.labels[f]!.0)只能填数字（0 或以上的整数）", "“\(quoted)” not taken: \(Self.labels[f]!.1) takes digits only (a whole number, 0 or more)")
        case .notTakenShort(let text):
            let quoted = TextFit.truncate(text, to: 12)
            return ("✗ “\(quoted)”未填入", "✗ “\(quoted)” not taken")
        case .moneyOnly: return ("损失只能填数字，可带 万 / 亿，例如 500万、1.2亿", "loss: digits, optionally 万 / 亿, e.g. 500万 or 1.2亿")
        case .tooLong(let f, let n): return ("\(Self.labels[f]!.0)最多 \(n) 字，多出的部分未录入", "\(Self.labels[f]!.1) holds at most \(n) characters; the rest was not taken")
        case .timeUnreadable(let t):
            return ("无法识别时间“\(t)”：可写 14:05、now、-10m、昨天 23:40、11-23 14:05", "cannot read the time \"\(t)\": write 14:05, now, -10m, yesterday 23:40 or 11-23 14:05")
        case .timeFuture(let t): return ("\(t) 晚于当前时间 10 分钟以上，请核对", "\(t) is more than 10 minutes in the future; check it")
        case .timeResolved(let t): return ("→ \(t)", "→ \(t)")
        case .occurredAfterReceived: return ("事发时间晚于接报时间，请核对", "occurred after it was received; check the times")
        case .placeRequired: return ("请至少填写县市区、镇街或详细地点之一", "give at least a county, a town or a place detail")
        case .placeFree(let name): return ("“\(name)”不在地名表中，按自由文本保存", "\"\(name)\" is not on the place list; kept as free text")
        case .placeListed: return ("✓", "✓")
        case .placeFreeShort: return ("自由文本", "free text")
        case .typeUnknown(let t): return ("没有“\(t)”这一类型：输入拼音首字母或中文后从列表中选择", "no type \"\(t)\": type pinyin initials, Chinese or English and pick from the list")
        case .categoryUnknown(let t): return ("没有“\(t)”这一类别：从列表中选择", "no category \"\(t)\": pick from the list")
        case .pickFromList: return ("从列表中选择", "pick from the list")
        case .required(let f): return ("\(Self.labels[f]!.0)必填", "\(Self.labels[f]!.1) is required")
        case .coordinatesInvalid: return ("坐标写作 纬度,经度，例如 32.49,119.92", "coordinates: latitude,longitude, e.g. 32.49,119.92")
        case .reasonRequired: return ("等级与建议不同，请填写理由", "the grade differs from the suggestion: give the reason")
        case .fieldProblem(let text): return (text, text)
        case .fixBeforeSaving(let n): return ("有 \(n) 项需要修正，未保存（已存为草稿）", "\(n) fields need fixing; not saved (the draft is kept)")
        case .saved(let id, let due): return ("已登记 \(id)\(due.isEmpty ? "" : " · \(due)")", "recorded \(id)\(due.isEmpty ? "" : " · \(due)")")
        case .leaveTitle: return ("接报登记尚未保存", "The intake is not saved")
        case .leaveQuestion:
            return ("s 立即保存 · k 留作草稿并离开 · d 放弃本次登记 · Esc 继续填写",
                    "s save now · k keep as a draft and leave · d discard it · Esc go on typing")
        case .resumeTitle: return ("有未保存的接报登记", "An unsaved intake was found")
        case .resumeQuestion(let opened, let n):
            return ("\(opened) 开始的接报登记（已填 \(n) 项）没有保存。Enter 继续填写 · d 放弃 · Esc 稍后",
                    "An intake begun \(opened) (\(n) fields filled) was not saved. Enter resume · d discard · Esc later")
        case .draftDiscarded: return ("已放弃接报草稿", "intake draft discarded")
        case .candidatesMore(let n): return ("…另有 \(n) 项", "…\(n) more")
        case .actionTitle(let action, let id):
            switch action {
            case .report: return ("记录报送 \(id)", "Record a report · \(id)")
            case .update: return ("更新伤亡与情况 \(id)", "Update figures · \(id)")
            case .grade: return ("确认或调整等级 \(id)", "Confirm or override the grade · \(id)")
            case .status: return ("变更处置状态 \(id)", "Change status · \(id)")
            case .note: return ("备注 \(id)", "Note · \(id)")
            case .reopen: return ("重新启动处置 \(id)", "Reopen · \(id)")
            }
        case .actionReportKind: return ("报送类别", "Report")
        case .actionChannel: return ("方式", "By")
        case .actionRecipient: return ("报送对象", "To")
        case .actionWhen: return ("报送时间", "When")
        case .actionSummary: return ("内容摘要", "Summary")
        case .actionApprovedBy: return ("签发人", "Signed off by")
        case .actionApprovedAt: return ("签发时间", "Signed off at")
        case .approverRequired:
            return ("书面报告须经签发：填写签发人（签发时间空则为报送时间），未记录",
                    "A written report counts once signed off: give who signed it (time empty: the report's time); nothing recorded")
        case .actionNote: return ("备注", "Note")
        case .actionResponseLevel: return ("响应级别", "Response level")
        case .actionNewStatus: return ("新状态", "New status")
        case .actionReason: return ("理由", "Reason")
        case .reportBeforeReceived: return ("报送时间早于接报时间，请核对", "the report is timed before the incident was received; check it")
        case .nothingChanged: return ("没有改动：修改数字或填写备注后再保存", "nothing changed: change a figure or add a note")
        case .noteRequired: return ("备注不能为空", "the note is empty")
        case .reasonRequiredReopen: return ("请填写重新启动的理由", "give the reason for reopening")
        case .recipientRequired:
            return ("“报送对象”必填：填写报给哪个单位或哪位领导，未记录", "To (the recipient) is required: who the report went to; nothing recorded")
        case .actionReasonRequired: return ("理由（必填）", "Reason (needed)")
        case .outstandingReports(let list):
            return ("尚未报送：\(list)。确需变更，请在“理由”中写明原因", "not reported yet: \(list). To go on, give the reason under Reason")
        case .outstandingReasonRequired:
            return ("“理由”必填：尚有报送未完成（见上），未保存", "Reason is required while reports are outstanding (above); nothing saved")
        case .actionReported(let id, let kind, let channel, let to):
            let zh = IntakeText.choiceValue(channel).text(.zh) + IntakeText.choiceValue(kind).text(.zh)
            let en = IntakeText.choiceValue(kind).text(.en) + " by " + IntakeText.choiceValue(channel).text(.en)
            return ("\(id) 已记录\(zh)" + (to.isEmpty ? "" : " → \(to)"), "\(id): \(en) recorded" + (to.isEmpty ? "" : " → \(to)"))
        case .actionUpdated(let id): return ("已更新 \(id)（原数据保留在经过中）", "updated \(id) (earlier figures kept in the timeline)")
        case .actionGraded(let id, let g): return ("\(id) 定级：\(g)", "\(id) graded: \(g)")
        case .actionStatus(let id, let st): return ("\(id) → \(st)", "\(id) → \(st)")
        case .actionNoted(let id): return ("已备注 \(id)", "note added to \(id)")
        case .actionReopened(let id): return ("已重新启动 \(id)", "reopened \(id)")
        case .detailKeys:
            return ("r 报送  u 更新  g 定级  s 状态  n 备注  c 关闭  o 重启  9 就近资源  Esc 返回",
                    "r report  u update  g grade  s status  n note  c close  o reopen  9 nearest resources  Esc back")
        case .actionKeys: return ("←→ 选择  Tab 下一项  Enter/Ctrl-S 保存  Esc 关闭（留草稿）", "←→ choose  Tab next  Enter/Ctrl-S save  Esc close (draft kept)")
        case .timelineUpdate(let what, let by): return ("更新：\(what)（\(by)）", "update: \(what) (\(by))")
        case .timelineGrade(let g, let reason, let level, let by):
            let zhLevel = level.isEmpty ? "" : "，启动\(level)"
            let enLevel = level.isEmpty ? "" : ", response \(level)"
            let why = GradeDecision.reasonText(reason, zh: true)
            return ("定级 \(g)\(zhLevel)\(why.isEmpty ? "" : "：" + why)（\(by)）",
                    "set to \(g)\(enLevel)\(reason.isEmpty ? "" : ": " + GradeDecision.reasonText(reason, zh: false)) (\(by))")
        case .alertDueSoon(let id, let kind, let at, let others):
            let what = UIText.deadline(kind, at, overdue: false)
            let more = others > 0 ? "（另有 \(others) 项）" : ""
            let enMore = others > 0 ? " (and \(others) more)" : ""
            return ("!! \(id) \(what.text(.zh)) 前到期，不足 5 分钟\(more)", "!! \(id): \(what.text(.en)) report due in under 5 minutes\(enMore)")
        case .alertOverdue(let id, let kind, let at, let others):
            let what = UIText.deadline(kind, at, overdue: false)
            let more = others > 0 ? "（另有 \(others) 项）" : ""
            let enMore = others > 0 ? " (and \(others) more)" : ""
            return ("!! 超时未报：\(id) \(what.text(.zh))\(more)", "!! OVERDUE: \(id) \(what.text(.en)) report\(enMore)")
        case .bellMuted: return ("报送提醒已静音（提醒仍会显示）；:unmute 恢复响铃", "report alerts muted (they still show); :unmute to ring again")
        case .bellOn: return ("报送提醒响铃已恢复", "report alerts ring again")
        case .helpNextField: return ("下一项 / 上一项（选择器中取高亮项）", "next / previous field (a picker takes the highlighted entry)")
        case .helpPicker: return ("在选择器中移动高亮（类别、类型、县区、镇街、村、等级）", "move in a picker (category, type, county, town, village, grade)")
        case .helpSave: return ("保存（写入磁盘后才提示已登记）", "save (says recorded only once it is on disk)")
        case .helpLeave: return ("离开表单：未保存时询问；草稿随时自动保存", "leave the form: asks when unsaved; the draft is always kept")
        case .helpNewIntake: return ("新接报登记", "new intake")
        case .helpActions: return ("详情中：报送、更新、定级、状态、备注、关闭、重启", "in the detail: report, update, grade, status, note, close, reopen")
        case .helpMute: return ("报送提醒静音 / 恢复响铃", "silence / restore the report alert bell")
        case .choiceValue(let v):
            switch v {
            case "initial": return ("初报", "initial report")
            case "final": return ("终报", "final report")
            case "supplementary": return ("补报", "supplementary report")
            case "phone": return ("电话", "phone")
            case "written": return ("书面", "written")
            case "none": return ("未定级", "ungraded")
            default:
                if v.hasPrefix("follow_up_"), let n = Int(v.dropFirst("follow_up_".count)) {
                    return (DeadlineKind.followUp(n).chinese, DeadlineKind.followUp(n).description)
                }
                if let g = Grade(rawValue: v) { return (UIText.gradeConfirmed(g).text(.zh), UIText.gradeConfirmed(g).text(.en)) }
                if let st = IncidentStatus(rawValue: v) { return (UIText.incidents(.incidentStatus(st)).text(.zh), UIText.incidents(.incidentStatus(st)).text(.en)) }
                return (v, v)
            }
        }
    }

    static let labels: [IntakeField: (String, String)] = [
        .receivedAt: ("接报时间", "Received"), .occurredAt: ("事发时间", "Occurred"),
        .reporterUnit: ("报告单位", "Reporting unit"), .reporterName: ("报告人", "Reporter"),
        .reporterTitle: ("职务", "Title"), .reporterPhone: ("回拨电话", "Callback phone"),
        .alreadyReported: ("已报告", "Already told"),
        .county: ("县市区", "County/district"), .town: ("镇街", "Town/street"), .village: ("村社区", "Village"),
        .placeDetail: ("详细地点", "Place detail"), .coordinates: ("坐标", "Coordinates"),
        .category: ("事件类别", "Category"), .type: ("事件类型", "Type"), .nature: ("事件性质", "Nature"),
        .hazardousSubstance: ("危化品", "Substance"),
        .enterpriseName: ("事发单位", "Enterprise"), .enterpriseNature: ("单位性质", "Ownership/trade"),
        .enterpriseLicence: ("证照编号", "Licence no."), .enterpriseAddress: ("单位地址", "Firm address"),
        .deaths: ("死亡", "Deaths"), .missing: ("失踪", "Missing"), .injured: ("重伤", "Injured (serious)"),
        .injuredMinor: ("轻伤", "Injured (minor)"),
        .trapped: ("被困", "Trapped"), .evacuated: ("疏散转移", "Evacuated"), .endangered: ("危及生命", "Lives endangered"),
        .reliefNeeded: ("需救助", "Needing relief"), .housesCollapsed: ("倒塌房屋(间)", "Rooms collapsed"),
        .housesDamaged: ("严重损坏(间)", "Rooms damaged"), .loss: ("直接损失(元)", "Loss (yuan)"),
        .affectedArea: ("影响范围", "Affected area"), .trend: ("发展趋势", "Trend"),
        .description: ("事件描述", "Description"), .measures: ("已采取措施", "Measures taken"),
        .leadersOnScene: ("领导到位", "Leaders on scene"), .commander: ("现场指挥", "Commander"),
        .requests: ("请求事项", "Requests"),
        .grade: ("确认等级", "Grade"), .gradeReason: ("定级理由", "Grade reason"), .sensitive: ("敏感事件", "Sensitive"),
    ]
}
