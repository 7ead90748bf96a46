import DutyModel
import Station
import TerminalUI

/// Every string the console shows, in both languages, in one table. Views ask
/// for `UIText` values; nothing user-visible is written inside a view.
public enum UIText: Hashable, Sendable {
    /// Each screen's own words, in Screens/<Name>/<Name>Strings.swift; the
    /// intake form's are shared with the incident actions.
    case intake(IntakeText)
    case warning(WarningText)
    case board(BoardText)
    case incidents(IncidentsText)
    case log(LogText)
    case contacts(ContactsText)
    case resources(ResourcesText)
    case map(MapText)
    case handover(HandoverText)
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
    case helpDialogHeading, keyDialogFields, keyDialogChoice, keyDialogSave, keyDialogClose, keyDialogClear
    case commandPrompt
    case commandUnknown(String)
    case commandThemeUsage
    case commandLangUsage
    case themeSwitched(String)
    case themeProblem(zh: String, en: String)
    case languageSwitched
    case localeNotUTF8(String)
    case stationNone
    case statusLanguage
    case statusTheme(String)
    case statusRecords(Int)
    /// Writes handed to the station and not yet durable.
    case statusSaving
    case statusDrill
    /// A paste arrived where no text field has focus: dropped, never run as keys.
    case pasteIgnored
    /// A dialog closed with text typed in it: kept, and back when it opens again (#23).
    case draftKept
    case draftRestored
    /// Restored, but a field the officer had edited was changed in the record since: that field shows the record.
    case draftRestoredStale
    /// Opening the station: reading its snapshot, folding records (done of total), writing its snapshot.
    case statusOpening(FoldProgress)
    case statusOperator(String)
    case statusOverdue(Int), statusNextReport(String)
    /// Shorter forms for a narrow status bar, taken before any segment is dropped (#23).
    case statusNextReportShort(String), statusOperatorShort(String), statusRecordsShort(Int)
    case statusUnreachableShort(String)
    case readOnlyBanner(String)
    case recovered(String)
    case noStationHere(String)
    /// The station folder is there but cannot be opened (keys, settings, journal): why.
    case stationUnreadable(String)
    case statusSynced(String)
    case statusUnreachable(String)
    case forkBanner(String)
    case forksAcknowledged(Int)
    case nothingToAcknowledge
    case syncFolders(String)
    case noSyncFolders
    // Writing events
    case recordFailed(String)
    /// A write the station refused or could not do, in the language on screen now.
    case writeFailed(WriteFailure)
    case rulesProblem(String)
    // Used by more than one screen
    case backupLabel
    case channel(ChannelInfo.Kind)
    case warningCount(WarningColor, Int)
    case deadline(DeadlineKind, String, overdue: Bool)
    case gradeConfirmed(Grade), gradeSuggested(Grade)
    case gradeNone
    // Lists and dialogs
    case filterPrompt
    case helpFooterDetail
    /// A detail view taller than the screen: its scroll keys, first in its footer (#23).
    case detailScrollKeys
    /// A time recorded later than the time of the thing it records, said beside it (#23).
    case recordedAt(String)
    case keyFilter, keyMove

    public func text(_ language: Language) -> String {
        let (zh, en) = pair
        return language == .zh ? zh : en
    }

    private var pair: (String, String) {
        switch self {
        case .intake(let text): return (text.text(.zh), text.text(.en))
        case .warning(let text): return (text.text(.zh), text.text(.en))
        case .board(let text): return (text.text(.zh), text.text(.en))
        case .incidents(let text): return (text.text(.zh), text.text(.en))
        case .contacts(let text): return (text.text(.zh), text.text(.en))
        case .resources(let text): return (text.text(.zh), text.text(.en))
        case .map(let text): return (text.text(.zh), text.text(.en))
        case .handover(let text): return (text.text(.zh), text.text(.en))
        case .log(let text): return (text.text(.zh), text.text(.en))
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
            case .resources: return ("资源", "Resources")
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
            case .resources: return ("应急资源", "Resources")
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
            case .resources:
                return ("应急资源：zhiban import 队伍.csv", "Resources: zhiban import teams.csv")
            }
        case .tooSmall(let need, let have):
            return ("终端太小（至少需要 \(need.width)×\(need.height)，当前 \(have.width)×\(have.height)）",
                    "terminal too small (need \(need.width)×\(need.height), have \(have.width)×\(have.height))")
        case .helpTitle: return ("帮助 — 按键", "Help — keys")
        case .helpGlobalHeading: return ("全局", "Everywhere")
        case .helpScreenHeading(let s): return (UIText.screenTitle(s).text(.zh), UIText.screenTitle(s).text(.en))
        case .helpFooter: return ("按 Esc、? 或 Ctrl-G 关闭", "Esc, ? or Ctrl-G closes")
        case .helpDialogHeading: return ("本对话框", "This dialog")
        case .keyDialogFields: return ("下一栏 / 上一栏", "next / previous field")
        case .keyDialogChoice: return ("切换选项（‹ › 所示栏）", "change a choice (the ‹ › rows)")
        case .keyDialogSave: return ("保存（Enter 在最后一栏保存）", "save (Enter saves from the last row)")
        case .keyDialogClose: return ("关闭；已输入的内容保留为草稿", "close; what is typed is kept as a draft")
        case .keyDialogClear: return ("清除光标前 / 后的文字", "clear before / after the cursor")
        case .helpNoScreenKeys: return ("（本页暂无专用按键）", "(no keys of its own yet)")
        case .keyScreens: return ("切换页面", "switch screen")
        case .keyNextScreen: return ("下一页 / 上一页（跳过接报表单，按 2 打开）", "next / previous screen (past the intake form: 2 opens it)")
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
        case .themeProblem(let zh, let en): return ("主题有误：\(zh)（已改用默认主题）", "theme error: \(en) (default theme in use)")
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
        case .statusNextReportShort(let at): return ("报送 \(at)", "next \(at)")
        case .statusOperatorShort(let name): return ("操作员 \(name)", "op \(name)")
        case .statusRecordsShort(let n): return ("记录\(n)", "\(n) rec")
        case .statusUnreachableShort(let since): return ("中断 \(since)起", "sync down \(since)")
        case .statusSaving: return ("保存中…", "saving…")
        case .statusDrill: return ("演练", "DRILL")
        case .draftKept: return ("已输入的内容已保留为草稿：再次打开同一对话框即可继续（清空各栏后按 Esc 则丢弃）",
                                 "what you typed is kept as a draft: open the same dialog again to go on (clear the fields and Esc to drop it)")
        case .draftRestoredStale: return ("已恢复草稿；但有栏目在此期间已被更新，该栏显示最新记录，请核对",
                                          "your draft is back, but a field you had changed was updated meanwhile: it shows the record now, check it")
        case .draftRestored: return ("已恢复上次未保存的草稿（Ctrl-U 清空当前栏）", "your unsaved draft is back (Ctrl-U clears a field)")
        case .pasteIgnored: return ("粘贴的文字未使用：这里没有输入框（粘贴不会当作按键执行）", "pasted text not used: no text field here (a paste never runs as keys)")
        case .statusOpening(let p):
            switch p.phase {
            case .readingSnapshot: return ("正在读取快照…", "reading the snapshot…")
            case .writingSnapshot: return ("正在写入快照…", "writing the snapshot…")
            case .folding:
                let percent = p.total > 0 ? p.done * 100 / p.total : 0
                return ("正在汇总记录 \(p.done)/\(p.total) \(percent)%", "folding records \(p.done)/\(p.total) \(percent)%")
            }
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
        case .writeFailed(let failure):
            return ("未保存：" + OutcomeText.writeFailure(failure, language: .zh), "not saved: " + OutcomeText.writeFailure(failure, language: .en))
        case .recordFailed(let reason): return ("未保存：\(reason)", "not saved: \(reason)")
        case .backupLabel: return ("B角", "Backup")
        case .channel(let kind):
            switch kind {
            case .office: return ("办公", "Office")
            case .mobile: return ("手机", "Mobile")
            case .radio: return ("电台", "Radio")
            case .satellite: return ("卫星", "Sat")
            case .other: return ("其他", "Other")
            }
        case .warningCount(let colour, let n):
            switch colour {
            case .red: return ("红\(n)", "red \(n)")
            case .orange: return ("橙\(n)", "orange \(n)")
            case .yellow: return ("黄\(n)", "yellow \(n)")
            case .blue: return ("蓝\(n)", "blue \(n)")
            }
        case .deadline(let kind, let at, let overdue):
            let en: String
            switch kind {
            case .initialPhone: en = "phone"
            case .initialWritten: en = "written"
            case .followUp(let n): en = "follow-up \(n)"
            case .final: en = "final"
            case .supplementary(let n): en = n == 1 ? "supplementary" : "supplementary \(n)"
            }
            // Short: it must fit a table column at 80 columns; the row is in the overdue style too.
            return overdue ? ("超时 \(kind.chinese) \(at)", "LATE \(en) \(at)") : ("\(kind.chinese) \(at)", "\(en) \(at)")
        case .filterPrompt: return ("/ 筛选：", "/ filter: ")
        case .helpFooterDetail: return ("Esc 或 Enter 关闭", "Esc or Enter closes")
        case .detailScrollKeys: return ("↑↓ PgUp PgDn 翻看", "↑↓ PgUp PgDn scroll")
        case .recordedAt(let at): return ("录入 \(at)", "recorded \(at)")
        case .gradeConfirmed(let g): return (g.documentName, "grade \(g.rawValue)")
        case .gradeSuggested(let g): return ("建议\(g.documentName)，未确认", "suggested \(g.rawValue) (not confirmed)")
        case .gradeNone: return ("未定级", "ungraded")
        case .keyFilter: return ("筛选（边输边筛；Enter 保留，Esc 清除）", "filter as you type (Enter keeps, Esc clears)")
        case .keyMove: return ("上下移动、翻页、首尾", "move, page, first / last")
        case .stationUnreadable(let reason):
            return ("值班站无法打开：\(reason)", "cannot open the station: \(reason)")
        case .noStationHere(let path):
            return ("\(path) 没有值班站。请先运行 zhiban init --name 名称，或 zhiban demo",
                    "no station in \(path): create one with zhiban init --name NAME, or try zhiban demo")

        }
    }
}
