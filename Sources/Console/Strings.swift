import DutyModel
import TerminalUI

/// Every string the console shows, in both languages, in one table. Views ask
/// for `UIText` values; nothing user-visible is written inside a view.
public enum UIText: Hashable, Sendable {
    /// The intake form's and incident actions' words (IntakeStrings.swift).
    case intake(IntakeText)
    case warning(WarningText)
    case tab(Screen)
    case screenTitle(Screen)
    case coming(Screen)
    case tooSmall(need: Size, have: Size)
    case helpTitle
    case helpGlobalHeading
    case helpScreenHeading(Screen)
    case helpFooter
    case helpNoScreenKeys
    case keyScreens, keyNextScreen, keyHelp, keyCommand, keyQuit, keyEscape
    case commandPrompt
    case commandUnknown(String)
    case commandThemeUsage
    case commandLangUsage
    case themeSwitched(String)
    case themeProblem(String)
    case languageSwitched
    case localeNotUTF8(String)
    case stationNone
    case statusLanguage
    case statusTheme(String)
    case statusRecords(Int)
    case statusOperator(String)
    case statusOverdue(Int), statusNextReport(String)
    case readOnlyBanner(String)
    case recovered(String)
    case noStationHere(String)
    case statusSynced(String)
    case statusUnreachable(String)
    case forkBanner(String)
    case forksAcknowledged(Int)
    case nothingToAcknowledge
    case syncFolders(String)
    case noSyncFolders
    // Writing events
    case recordFailed(String)
    case rulesProblem(String)
    case checkedIn(String, String)
    case modeSwitched(DutyMode)
    case logEntrySaved(String)
    case instructionMarkedDone(String)
    case notAnInstruction, instructionAlreadyDone
    case logTextMissing
    case logDueInvalid(String)
    // Duty board
    case boardTitle(emergency: Bool)
    case handoverCountdown(String, String)
    case emergencySummary(level: String?, worstGrade: Grade?, open: Int)
    case openIncidentsHeading(Int)
    case onDutyHeading(String, String)
    case checkedInStatus(String, String, String)
    case notCheckedIn
    case leaderLabel, officerLabel, backupLabel
    case tier(Int)
    case nobodyRostered, noLeader
    case tooFewOfficers(Int), tooFewPresent(Int)
    case nextShift(String, String, String)
    case notInContacts
    case channel(ChannelInfo.Kind)
    case timelineHeading, changeMarker
    case nowMarker(String)
    case counterReceived(Int), counterOpen(Int), counterDueSoon(Int), counterOverdue(Int), counterResourcesOut(Int)
    case counterWarnings
    case warningCount(WarningColor, Int)
    case columnIncidentID, columnReceived, columnPlace, columnType, columnGrade, columnStatus, columnNextReport
    case deadline(DeadlineKind, String, overdue: Bool)
    case incidentStatus(IncidentStatus)
    case noOpenIncidents
    // Contacts
    case contactCount(Int, Int)
    case filterPrompt, contactsHint
    case columnName, columnUnit, columnTitle, columnRole
    case noContacts, noContactMatches, noChannels, noBackup
    case backupLine(String, String)
    case noBackupPartner(String)
    case jumpedToBackup(String, String)
    // Duty log
    case logCount(Int, Int)
    case logKindFilter(LogKindFilter)
    case logHint
    case columnTime, columnKind, columnCounterpart, columnContent, columnState, columnRecordedBy
    case logKind(LogEntry.Kind, short: Bool)
    case noLogEntries, noLogMatches
    case recordedBy(String)
    case instructionDone(String), instructionOverdue(String), instructionDue(String)
    case instructionOpen
    // Dialogs
    case checkInTitle(String)
    case checkInHelp, checkInNobody, checkInAddPrompt
    case checkInRole(CheckInDialog.Role)
    case modeTitle(DutyMode)
    case modeExplain(DutyMode)
    case modeHelp, modeReasonPrompt
    case logEntryTitle(LogEntry.Kind)
    case fieldLeader, fieldCounterpart, fieldText, fieldDue, fieldDetail
    case dueHint, logEntryHelp, logDetailTitle, helpFooterDetail
    // Incidents
    case incidentCount(Int, Int)
    case quickFilter(IncidentQuickFilter)
    case sortedBy(IncidentSort)
    case incidentsHint, noIncidents, noIncidentMatches
    case gradeConfirmed(Grade), gradeSuggested(Grade)
    case gradeNone
    case casualtyLine(Int, Int, Int, Int, Int, Int64)
    case deadlineMade(DeadlineKind, String, String)
    case reporterLine(String, String)
    case fieldMeasures, fieldTrend, fieldRequests
    case conflictLine(String)
    case timelineTitle
    case timelineReceived(String)
    case timelineReport(ReportKind, ReportChannel, String, String)
    case timelineStatus(String, Bool, String, String)
    case timelineNote(String, String)
    case keySort, keyQuickFilters, keyIncidentDetail
    // Screen keys (help overlay)
    case keyCheckIn, keyMode, keyFilter, keyBackup, keyMove
    case keyAddNote, keyAddCallIn, keyAddCallOut, keyAddInstruction, keyMarkDone, keyKindFilter, keyOpenDetail

    public func text(_ language: Language) -> String {
        let (zh, en) = pair
        return language == .zh ? zh : en
    }

    private var pair: (String, String) {
        switch self {
        case .intake(let text): return (text.text(.zh), text.text(.en))
        case .warning(let text): return (text.text(.zh), text.text(.en))
        case .tab(let s):
            switch s {
            case .board: return ("值班", "Board")
            case .intake: return ("接报", "Intake")
            case .incidents: return ("事件", "Incidents")
            case .warnings: return ("预警", "Warnings")
            case .map: return ("地图", "Map")
            case .log: return ("日志", "Log")
            case .handover: return ("交接", "Handover")
            case .contacts: return ("通讯录", "Contacts")
            }
        case .screenTitle(let s):
            switch s {
            case .board: return ("值班总览", "Duty board")
            case .intake: return ("接报登记", "Incident intake")
            case .incidents: return ("突发事件", "Incidents")
            case .warnings: return ("预警信息", "Warnings")
            case .map: return ("应急资源一张图", "Resource map")
            case .log: return ("值班日志", "Duty log")
            case .handover: return ("交接班", "Shift handover")
            case .contacts: return ("通讯录", "Contacts")
            }
        case .coming(let s):
            switch s {
            case .board:
                return ("尚未提供：当班人员、今日时间轴与统计将在排班功能完成后显示。",
                        "Not built yet: who is on duty, today's timeline and counters come with the roster work.")
            case .intake:
                return ("尚未提供：接报登记表单将在事件登记功能完成后提供。",
                        "Not built yet: the intake form comes with the incident work.")
            case .incidents:
                return ("尚未提供：事件列表与报送时限将在事件管理功能完成后显示。",
                        "Not built yet: the incident list and report clocks come with the incident work.")
            case .warnings:
                return ("尚未提供：预警列表（CAP 导入）将在预警功能完成后显示。",
                        "Not built yet: the warning list (CAP import) comes with the warnings work.")
            case .map:
                return ("尚未提供：队伍、物资库和避难场所地图尚在计划中。",
                        "Not built yet: the map of teams, depots and shelters is still to come.")
            case .log:
                return ("尚未提供：值班日志将在值班日志功能完成后显示。",
                        "Not built yet: the duty log comes with the duty-log work.")
            case .handover:
                return ("尚未提供：交接班报告尚在计划中。",
                        "Not built yet: the handover report is still to come.")
            case .contacts:
                return ("尚未提供：通讯录将在通讯录导入功能完成后显示。",
                        "Not built yet: the contact book comes with the contacts import.")
            }
        case .tooSmall(let need, let have):
            return ("终端太小（至少需要 \(need.width)×\(need.height)，当前 \(have.width)×\(have.height)）",
                    "terminal too small (need \(need.width)×\(need.height), have \(have.width)×\(have.height))")
        case .helpTitle: return ("帮助 — 按键", "Help — keys")
        case .helpGlobalHeading: return ("全局", "Everywhere")
        case .helpScreenHeading(let s): return (UIText.screenTitle(s).text(.zh), UIText.screenTitle(s).text(.en))
        case .helpFooter: return ("按 Esc 或 ? 关闭", "Esc or ? closes")
        case .helpNoScreenKeys: return ("（本页暂无专用按键）", "(no keys of its own yet)")
        case .keyScreens: return ("切换页面", "switch screen")
        case .keyNextScreen: return ("下一页 / 上一页", "next / previous screen")
        case .keyHelp: return ("显示本帮助", "show this help")
        case .keyCommand: return ("命令行（:theme 名称、:lang zh|en、:sync、:ack、:q）", "command line (:theme NAME, :lang zh|en, :sync, :ack, :q)")
        case .keyQuit: return ("退出", "quit")
        case .keyEscape: return ("返回 / 关闭", "back / close")
        case .commandPrompt: return (":", ":")
        case .commandUnknown(let c):
            return ("未知命令“\(c)”。可用：:theme 名称、:lang zh|en、:sync、:ack、:q",
                    "unknown command \"\(c)\"; try :theme NAME, :lang zh|en, :sync, :ack or :q")
        case .commandThemeUsage: return ("用法：:theme 名称（default、night、high-contrast、mono、light）",
                                         "usage: :theme NAME (default, night, high-contrast, mono, light)")
        case .commandLangUsage: return ("用法：:lang zh 或 :lang en", "usage: :lang zh or :lang en")
        case .themeSwitched(let name): return ("主题：\(name)", "theme: \(name)")
        // Short lead-in: the file and line must still fit at 80 columns when the
        // path is a default one such as /home/NAME/.local/share/zhiban/themes/….
        // The status bar shows that the default theme is in use.
        case .themeProblem(let problem): return ("主题有误：\(problem)（已改用默认主题）", "theme error: \(problem) (default theme in use)")
        case .languageSwitched: return ("界面语言：中文", "language: English")
        case .localeNotUTF8(let codeset):
            return ("当前区域设置（\(codeset)）不是 UTF-8，中文无法显示；请设置 LANG=C.UTF-8 或 zh_CN.UTF-8",
                    "Chinese text needs a UTF-8 locale such as C.UTF-8; this one is \(codeset)")
        case .stationNone: return ("未建站", "no station")
        case .statusLanguage: return ("中文", "EN")
        case .statusTheme(let name): return ("主题 \(name)", "theme \(name)")
        case .statusOverdue(let n): return ("超时未报 \(n)", "\(n) overdue")
        case .statusNextReport(let at): return ("下次报送 \(at)", "next report \(at)")
        case .statusOperator(let name): return ("操作员 \(name)", "operator \(name)")
        case .statusRecords(let n): return ("记录 \(n)", "\(n) records")
        case .readOnlyBanner(let detail):
            return ("只读：值班记录文件损坏，新记录无法保存。请运行 zhiban repair。\(detail)",
                    "READ-ONLY: the journal is damaged and nothing new can be saved. Run zhiban repair. \(detail)")
        case .recovered(let detail):
            return ("启动时已截去未写完的记录，原字节已移至 quarantine/：\(detail)",
                    "an unfinished record was cut back on opening; its bytes are in quarantine/: \(detail)")
        case .statusSynced(let time): return ("同步 \(time)", "synced \(time)")
        case .statusUnreachable(let since): return ("同步中断 \(since)起", "sync unreachable since \(since)")
        case .forkBanner(let detail):
            return ("分叉告警：同一站点出现两份不同的已签名记录，已冻结该站并保存证据。输入 :ack 确认。\(detail)",
                    "FORK: a station signed two different histories; it is frozen and the evidence kept. Type :ack to acknowledge. \(detail)")
        case .forksAcknowledged(let n): return ("已确认 \(n) 条分叉告警（该站仍冻结）", "\(n) fork alarm(s) acknowledged (the station stays frozen)")
        case .nothingToAcknowledge: return ("没有待确认的告警", "nothing to acknowledge")
        case .syncFolders(let detail): return ("同步文件夹：\(detail)", "sync folders: \(detail)")
        case .noSyncFolders:
            return ("未配置同步文件夹（station.toml 中的 sync_folders）；可用 zhiban sync 目录 手动同步",
                    "no sync folders configured (sync_folders in station.toml); zhiban sync DIR syncs by hand")
        case .rulesProblem(let problem): return ("规则文件有误，已改用内置规则：\(problem)", "rule file problem, built-in rules in use: \(problem)")
        case .recordFailed(let reason): return ("未保存：\(reason)", "not saved: \(reason)")
        case .checkedIn(let present, let op): return ("已签到：\(present)；操作员 \(op)", "checked in: \(present); operator \(op)")
        case .modeSwitched(let mode):
            return mode == .emergency ? ("已切换为战时（应急指挥）模式", "switched to emergency mode (战时)")
                : ("已切换为平时模式", "switched to peacetime mode (平时)")
        case .logEntrySaved(let text): return ("已记入值班日志：\(text)", "logged: \(text)")
        case .instructionMarkedDone(let text): return ("批示已办结：\(text)", "instruction done: \(text)")
        case .notAnInstruction: return ("所选条目不是领导批示；x 只用于批示", "the selected entry is not an instruction; x marks instructions done")
        case .instructionAlreadyDone: return ("该批示已办结", "that instruction is already done")
        case .logTextMissing: return ("内容：不能为空，请填写一行内容", "text: empty; write one line of text")
        case .logDueInvalid(let t):
            return ("完成时限：无法识别“\(t)”；请写 15:30、+30m、+2h，或留空", "due: cannot read \"\(t)\"; write 15:30, +30m, +2h, or leave it empty")
        case .boardTitle(let emergency):
            return emergency ? ("值班总览 · 战时（应急指挥）", "Duty board · EMERGENCY mode (战时)") : ("值班总览 · 平时", "Duty board · peacetime")
        case .handoverCountdown(let at, let left): return ("交接班 \(at) · 还有 \(left)", "handover \(at) · in \(left)")
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
        case .backupLabel: return ("B角", "Backup")
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
        case .channel(let kind):
            switch kind {
            case .office: return ("办公", "Office")
            case .mobile: return ("手机", "Mobile")
            case .radio: return ("电台", "Radio")
            case .satellite: return ("卫星", "Sat")
            case .other: return ("其他", "Other")
            }
        case .timelineHeading: return ("今日 00:00–24:00 · 班次 · 每小时接报数", "Today 00:00–24:00 · shifts · incidents received per hour")
        case .changeMarker: return (" 交接", " change")
        case .nowMarker(let t): return (" 现在 \(t)", " now \(t)")
        case .counterReceived(let n): return ("今日接报 \(n)", "received today \(n)")
        case .counterOpen(let n): return ("处置中 \(n)", "open \(n)")
        case .counterDueSoon(let n): return ("1小时内应报 \(n)", "reports due <1h \(n)")
        case .counterOverdue(let n): return ("超时未报 \(n)", "OVERDUE reports \(n)")
        case .counterResourcesOut(let n): return ("外出队伍 \(n)", "teams out \(n)")
        case .counterWarnings: return ("预警", "warnings")
        case .warningCount(let colour, let n):
            switch colour {
            case .red: return ("红\(n)", "red \(n)")
            case .orange: return ("橙\(n)", "orange \(n)")
            case .yellow: return ("黄\(n)", "yellow \(n)")
            case .blue: return ("蓝\(n)", "blue \(n)")
            }
        case .columnIncidentID: return ("编号", "ID")
        case .columnReceived: return ("接报", "Recv")
        case .columnPlace: return ("地点", "Place")
        case .columnType: return ("类型", "Type")
        case .columnGrade: return ("等级", "Grade")
        case .columnStatus: return ("状态", "Status")
        case .columnNextReport: return ("下次报送", "Next report")
        case .deadline(let kind, let at, let overdue):
            let en: String
            switch kind {
            case .initialPhone: en = "phone"
            case .initialWritten: en = "written"
            case .followUp(let n): en = "follow-up \(n)"
            case .final: en = "final"
            }
            // Short: it must fit a table column at 80 columns; the row is in the overdue style too.
            return overdue ? ("超时 \(kind.chinese) \(at)", "LATE \(en) \(at)") : ("\(kind.chinese) \(at)", "\(en) \(at)")
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
        case .contactCount(let shown, let all): return shown == all ? ("\(all) 人", "\(all) people") : ("\(shown) / \(all) 人", "\(shown) of \(all)")
        case .filterPrompt: return ("/ 筛选：", "/ filter: ")
        case .contactsHint: return ("/ 筛选（姓名、单位、电话、拼音首字母）· b A/B角", "/ filter (name, unit, number, pinyin initials) · b A/B partner")
        case .columnName: return ("姓名", "Name")
        case .columnUnit: return ("单位", "Unit")
        case .columnTitle: return ("职务", "Title")
        case .columnRole: return ("角色", "Role")
        case .noContacts: return ("通讯录为空：zhiban import 通讯录.csv", "no contacts yet: zhiban import contacts.csv")
        case .noContactMatches: return ("没有匹配的联系人；Esc 清除筛选", "no contact matches; Esc clears the filter")
        case .noChannels: return ("（无联系方式）", "(no channels recorded)")
        case .noBackup: return ("无 A/B 角", "no A/B partner recorded")
        case .backupLine(let name, let reach): return ("B角 \(name)  \(reach)  （按 b 跳转）", "A/B partner \(name)  \(reach)  (b jumps there)")
        case .noBackupPartner(let name): return ("\(name) 没有登记 A/B 角", "\(name) has no A/B partner recorded")
        case .jumpedToBackup(let from, let to): return ("\(from) 的 B角：\(to)", "\(from)'s A/B partner: \(to)")
        case .logCount(let shown, let all): return shown == all ? ("\(all) 条", "\(all) entries") : ("\(shown) / \(all) 条", "\(shown) of \(all)")
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
        case .instructionDone(let at): return ("已办结 \(at)", "done \(at)")
        case .instructionOverdue(let due): return ("超时 \(due)", "OVERDUE \(due)")
        case .instructionDue(let due): return ("待办 \(due)前", "due \(due)")
        case .instructionOpen: return ("待办", "open")
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
                   "Emergency (战时): the board leads with the incidents being handled and the response level. The switch is recorded and synced.")
                : ("恢复平时值班。切换记入值班记录并同步到其他站点。", "Back to peacetime duty. The switch is recorded and synced.")
        case .modeHelp: return ("Enter 确认 · Esc 取消", "Enter confirms · Esc cancels")
        case .modeReasonPrompt: return ("原因：", "Reason: ")
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
        case .logEntryHelp: return ("Enter 保存 · Tab 下一项 · 详情中 Enter 换行、Ctrl-S 保存 · Esc 取消", "Enter saves · Tab next field · in Detail Enter is a new line, Ctrl-S saves · Esc cancels")
        case .logDetailTitle: return ("值班日志条目", "Duty-log entry")
        case .helpFooterDetail: return ("Esc 或 Enter 关闭", "Esc or Enter closes")
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
        case .gradeConfirmed(let g): return ("\(g.rawValue)级（\(g.chineseName)）", "grade \(g.rawValue)")
        case .gradeSuggested(let g): return ("建议 \(g.rawValue)级（未确认）", "suggested \(g.rawValue) (not confirmed)")
        case .gradeNone: return ("未定级", "ungraded")
        case .casualtyLine(let d, let m, let i, let t, let e, let loss):
            return ("死亡 \(d) · 失踪 \(m) · 重伤 \(i) · 被困 \(t) · 转移 \(e) · 直接经济损失 \(loss) 元",
                    "dead \(d) · missing \(m) · seriously injured \(i) · trapped \(t) · evacuated \(e) · loss ¥\(loss)")
        case .deadlineMade(let kind, let due, let done):
            return ("\(kind.chinese) \(due) 已报 \(done)", "\(UIText.deadline(kind, due, overdue: false).text(.en)) made \(done)")
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
            }
            let zhChannel = channel == .phone ? "电话" : "书面"
            return ("\(zhChannel)\(zhKind) → \(to)（\(by)）", "\(enKind) by \(channel.rawValue) → \(to) (\(by))")
        case .timelineStatus(let status, let reopen, let note, let by):
            let zh = reopen ? "重新打开：\(note)" : "状态 → \(status)" + (note.isEmpty ? "" : "：\(note)")
            let en = reopen ? "reopened: \(note)" : "status → \(status)" + (note.isEmpty ? "" : ": \(note)")
            return ("\(zh)（\(by)）", "\(en) (\(by))")
        case .timelineNote(let text, let by): return ("备注：\(text)（\(by)）", "note: \(text) (\(by))")
        case .keySort: return ("排序：接报时间 / 报送时限 / 等级", "sort: time received / next report / grade")
        case .keyQuickFilters: return ("快速筛选：处置中 / 超时 / 我登记的 / 今日（可叠加）", "quick filters: open / overdue / mine / today (combine)")
        case .keyIncidentDetail: return ("事件详情与经过", "incident detail and timeline")
        case .keyCheckIn: return ("接班签到（选择操作员）", "shift check-in (choose the operator)")
        case .keyMode: return ("平时 / 战时 切换", "peacetime / emergency mode")
        case .keyFilter: return ("筛选（边输边筛；Enter 保留，Esc 清除）", "filter as you type (Enter keeps, Esc clears)")
        case .keyBackup: return ("跳到 A/B 角", "jump to the A/B partner")
        case .keyMove: return ("上下移动、翻页、首尾", "move, page, first / last")
        case .keyAddNote: return ("记事", "add a note")
        case .keyAddCallIn: return ("来电记录", "log an incoming call")
        case .keyAddCallOut: return ("去电记录", "log an outgoing call")
        case .keyAddInstruction: return ("领导批示（可设完成时限）", "log a leader's instruction (with a due time)")
        case .keyMarkDone: return ("批示办结", "mark the instruction done")
        case .keyKindFilter: return ("按类型筛选（全部/电话/批示/未办结/记事）", "filter by kind (all/calls/instructions/open/notes)")
        case .keyOpenDetail: return ("查看全文", "show the whole entry")
        case .noStationHere(let path):
            return ("\(path) 没有值班站。请先运行 zhiban init --name 名称，或 zhiban demo",
                    "no station in \(path): create one with zhiban init --name NAME, or try zhiban demo")
        }
    }
}
