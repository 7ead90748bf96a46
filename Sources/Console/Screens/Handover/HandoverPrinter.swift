import DutyModel
import Foundation
import SafeText
import TerminalUI

/// The handover report and the daily duty report as lines (#21): the same lines on
/// screen 7, from `zhiban handover` and `zhiban report daily`, in either language, as
/// plain text (columns aligned by display width, so Chinese prints straight) or Markdown.
public enum HandoverPrinter {
    public enum Role: Hashable, Sendable { case title, heading, normal, muted, alert, carried }

    public struct Line: Hashable, Sendable {
        public var text: String
        public var role: Role
    }

    public enum Format: Sendable { case text, markdown }

    /// `rowsPerSection`: the screen's bound on the rows of each list (the most urgent first; the rest
    /// counted, `zhiban handover` prints them all), so a station with thousands open lays out a page, not all.
    public static func lines(_ report: HandoverReport, rules: RuleBook, language: Language, timeZone: TimeZone,
                             width: Int = 80, format: Format = .text, stationName: String = "", rowsPerSection: Int? = nil) -> [Line] {
        var p = Printer(report: report, rules: rules, zh: language == .zh, timeZone: timeZone, width: max(40, width),
                        markdown: format == .markdown, limit: rowsPerSection)
        p.print(stationName: stationName)
        return p.out
    }

    /// The whole report as one string, a newline after each line.
    public static func text(_ report: HandoverReport, rules: RuleBook, language: Language, timeZone: TimeZone,
                            width: Int = 80, format: Format = .text, stationName: String = "") -> String {
        lines(report, rules: rules, language: language, timeZone: timeZone, width: width, format: format, stationName: stationName)
            .map { $0.text + "\n" }.joined()
    }

    /// 较大（Ⅲ级） / "III (major)": a grade as documents print it.
    static func grade(_ grade: Grade?, zh: Bool, suggestedAbove: Grade? = nil) -> String {
        guard let grade else { return zh ? "未定级" : "ungraded" }
        let text = zh ? grade.documentName : "\(grade.romanNumeral) \(grade.englishName.split(separator: " (").first ?? "")"
        guard let above = suggestedAbove else { return text }
        return text + (zh ? "⚠低于建议\(above.romanNumeral)级" : " ⚠below \(above.romanNumeral)")
    }

    /// "2 h 05 min" / "2小时05分" under 48 hours, then days and hours, then (with a far end) its date (see `Lapse`).
    static func span(_ lapse: Lapse, zh: Bool) -> String {
        lapse.text(zh ? .zh : .en) { seconds in
            let (h, m) = (seconds / 3600, seconds / 60 % 60)
            if zh { return h > 0 ? "\(h)小时" + String(format: "%02d", m) + "分" : "\(m)分钟" }
            return h > 0 ? "\(h) h \(String(format: "%02d", m)) min" : "\(m) min"
        }
    }
}

private struct Printer {
    let report: HandoverReport
    let rules: RuleBook
    let zh: Bool
    let timeZone: TimeZone
    let width: Int
    let markdown: Bool
    let limit: Int?
    var out: [HandoverPrinter.Line] = []

    /// The first `limit` items of a list (all of them when printing).
    func capped<T>(_ items: [T]) -> ArraySlice<T> { items.prefix(limit ?? items.count) }

    /// Says how many of a list were left off the screen.
    mutating func more(_ total: Int) {
        guard let limit, total > limit else { return }
        line("  " + t("……另有 \(total - limit) 项（zhiban handover 打印全部）", "… \(total - limit) more (zhiban handover prints them all)"), .muted)
    }

    func t(_ chinese: String, _ english: String) -> String { zh ? chinese : english }
    /// Between names in a list: 、 in Chinese, a comma in English.
    var sep: String { zh ? "、" : ", " }

    func clock(_ date: Date?) -> String {
        guard let date else { return "—" }
        return ClockFormat.shortDayTime(date, now: report.madeAt, timeZone: timeZone)
    }

    func full(_ date: Date) -> String { String(ClockFormat.statusClock(date, timeZone: timeZone).prefix(16)) }

    mutating func line(_ text: String, _ role: HandoverPrinter.Role = .normal) {
        out.append(.init(text: TextSafety.printable(text), role: role))
    }

    mutating func heading(_ text: String, count: Int? = nil) {
        if !out.isEmpty { line("", .normal) }
        let shown = count.map { t("\(text)（\($0)）", "\(text) (\($0))") } ?? text
        if markdown {
            line("## " + shown, .heading)
        } else {
            line(shown, .heading)
            line(String(repeating: "─", count: min(width, max(8, shown.displayWidth))), .muted)
        }
    }

    mutating func none() { line(markdown ? "- " + t("无", "none") : "  " + t("无", "none"), .muted) }

    /// Rows of cells, every column but the last padded to its widest cell (by display width, at
    /// most a third of the page); the last takes the rest and wraps under itself.
    mutating func table(_ rows: [([String], HandoverPrinter.Role)]) {
        guard !rows.isEmpty else { return none() }
        if markdown {
            for (cells, _) in rows { line("- " + cells.filter { !$0.isEmpty }.joined(separator: " · ")) }
            return
        }
        let columns = rows.map(\.0.count).max() ?? 0
        var widths = Array(repeating: 0, count: columns)
        for (cells, _) in rows {
            for (i, cell) in cells.enumerated() where i < columns - 1 { widths[i] = max(widths[i], min(cell.displayWidth, width / 3)) }
        }
        let lead = 2 + widths.reduce(0) { $0 + ($1 > 0 ? $1 + 2 : 0) }
        // The last column beside the others when it has a quarter of the page, else on lines of its own under them.
        let beside = width - lead >= max(12, width / 6)
        let rest = beside ? width - lead : width - 6
        for (cells, role) in rows {
            var text = "  "
            for (i, cell) in cells.enumerated() where i < columns - 1 {
                guard widths[i] > 0 else { continue }
                let fitted = TextFit.truncate(cell, to: widths[i])
                text += fitted + String(repeating: " ", count: max(0, widths[i] - fitted.displayWidth)) + "  "
            }
            let last = cells.count == columns ? cells[columns - 1] : ""
            let wrapped = last.isEmpty ? [] : TextFit.wrap(last, width: rest)
            let indent = String(repeating: " ", count: beside ? lead : 6)
            if beside {
                line((text + (wrapped.first ?? "")).trimmingTrailingSpaces, role)
                for more in wrapped.dropFirst() { line(indent + more, role) }
            } else {
                line(text.trimmingTrailingSpaces, role)
                for more in wrapped { line(indent + more, role) }
            }
        }
    }

    func typeName(_ id: String) -> String { rules.taxonomy.type(id).map { zh ? $0.zh : $0.en } ?? id }

    func place(_ p: PlaceInfo) -> String { [p.county, p.town].filter { !$0.isEmpty }.joined(separator: zh ? "" : " ") }

    func status(_ s: IncidentStatus) -> String { UIText.incidents(.incidentStatus(s)).text(zh ? .zh : .en) }

    /// Said after an item's last column: it was open before the span began.
    func carried(_ c: Bool) -> String { c ? t("〔接上班〕", " [carried]") : "" }

    mutating func print(stationName: String) {
        let r = report
        // Title and span.
        let title = r.kind == .handover ? t("交接班记录", "Shift handover") : t("值班日报", "Daily duty report")
        let name = stationName.isEmpty ? "" : stationName + (zh ? " " : " — ")
        line(markdown ? "# " + name + title : name + title, .title)
        line(t("时段：", "Span: ") + "\(full(r.from)) – \(full(r.to))" + (r.kind == .handover
            ? t("  班次 \(r.slot.date) 第\(r.slot.index + 1)班", "  shift \(r.slot.date) #\(r.slot.index + 1)") : ""), .muted)
        line(t("生成：", "Made: ") + full(r.madeAt), .muted)

        // 交接班: the shift and its people.
        heading(t("交接班", "Shift and people"))
        var people: [([String], HandoverPrinter.Role)] = []
        people.append(([t("带班领导", "Leader on duty"), r.leaders.isEmpty ? t("未排班", "not rostered") : r.leaders.joined(separator: sep)],
                       r.leaders.isEmpty ? .alert : .normal))
        let planned = r.planned.map { o in r.backups[o].map { t("\(o)（B角 \($0)）", "\(o) (backup \($0))") } ?? o }
        people.append(([t("计划值班", "Rostered"), planned.isEmpty ? t("未排班", "not rostered") : planned.joined(separator: sep)],
                       planned.isEmpty ? .alert : .normal))
        if let present = r.present {
            people.append(([t("实到签到", "Checked in"), present.isEmpty ? t("无", "nobody") : present.joined(separator: sep)], .normal))
            if !r.standIns.isEmpty { people.append(([t("替班", "Stand-ins"), r.standIns.joined(separator: sep)], .normal)) }
            if !r.absent.isEmpty { people.append(([t("缺岗", "Absent"), r.absent.joined(separator: sep)], .alert)) }
        } else {
            people.append(([t("实到签到", "Checked in"), t("本班无人签到", "nobody checked in for this shift")], .alert))
        }
        people.append(([t("下一班", "Next shift"), (r.nextLeaders + r.nextPlanned).isEmpty ? t("未排班", "not rostered")
                        : (r.nextLeaders.map { t("带班 ", "leader ") + $0 } + r.nextPlanned).joined(separator: sep)], .normal))
        switch r.previous {
        case .onTime?, nil: break
        case .late(let by)?:
            let late = ClockFormat.lapse(Int(by), farEnd: nil, timeZone: timeZone)
            people.append(([t("上一班交接", "Last handover"), t("接班确认迟 \(HandoverPrinter.span(late, zh: true))",
                                                               "accepted \(HandoverPrinter.span(late, zh: false)) late")], .alert))
        case .never?:
            people.append(([t("上一班交接", "Last handover"), t("未完成交接", "never accepted")], .alert))
        }
        table(people)

        // Summary counts.
        let c = r.counts
        heading(t("概况", "Summary"))
        table([
            ([t("接报事件", "Incidents received"), "\(c.received)", t("办结", "closed"), "\(c.closed)", t("处置中", "open"), "\(c.open)"], .normal),
            ([t("报送", "Reports made"), "\(c.reportsMade)", t("迟报", "late"), "\(c.reportsLate)", t("现超时", "overdue now"), "\(c.overdueNow)"],
             c.overdueNow > 0 ? .alert : .normal),
            ([t("新收预警", "Warnings received"), "\(c.warningsReceived)", t("生效", "in force"), "\(c.warningsInForce)",
              t("调派队伍", "teams sent"), "\(c.dispatches)"], .normal),
            ([t("值班日志", "Log entries"), "\(c.logEntries)", t("领导批示", "instructions"), "\(c.instructionsGiven)",
              t("办结批示", "done"), "\(c.instructionsDone)"], .normal),
        ])
        if r.kind == .daily {
            let grades: [Grade?] = [.I, .II, .III, .IV, nil]
            let byGrade = grades.compactMap { g in r.byGrade[g].map { "\(HandoverPrinter.grade(g, zh: zh)) \($0)" } }
            let byStatus = IncidentStatus.allCases.compactMap { s in r.byStatus[s].map { "\(status(s)) \($0)" } }
            table([([t("按等级", "By grade"), byGrade.isEmpty ? t("无", "none") : byGrade.joined(separator: "  ")], .normal),
                   ([t("按状态", "By status"), byStatus.isEmpty ? t("无", "none") : byStatus.joined(separator: "  ")], .normal)])
        }

        // 事件.
        heading(t("事件 · 本班接报", "Incidents received") + (r.kind == .daily ? t("（24小时）", " (24 h)") : ""), count: r.received.count)
        table(capped(r.received).map { i in
            ([i.id, clock(i.receivedAt), typeName(i.type), HandoverPrinter.grade(i.grade, zh: zh, suggestedAbove: i.suggestedAbove), status(i.status), place(i.place)], .normal)
        })
        more(r.received.count)
        heading(t("事件 · 未结（下次报送）", "Incidents open (next report)"), count: r.open.count)
        table(capped(r.open).map { i in
            let next: String
            if let d = i.next {
                let kind = zh ? d.kind.chinese : UIText.deadline(d.kind, "", overdue: false).text(.en).trimmingCharacters(in: .whitespaces)
                next = i.lateBy.map { by -> String in
                    let late = ClockFormat.lapse(Int(by), farEnd: d.due, timeZone: timeZone)
                    if late.isDate {
                        return t("\(kind) 已超时（时限 \(HandoverPrinter.span(late, zh: true))）", "\(kind) overdue since \(HandoverPrinter.span(late, zh: false))")
                    }
                    return t("\(kind) 已超时 \(HandoverPrinter.span(late, zh: true))", "\(kind) \(HandoverPrinter.span(late, zh: false)) overdue")
                } ?? t("\(kind) \(clock(d.due))前", "\(kind) by \(clock(d.due))")
            } else {
                next = t("无待报", "nothing due")
            }
            let conflict = i.conflicts.isEmpty ? "" : t("  冲突：", "  conflict: ") + i.conflicts.joined(separator: ",")
            return ([i.id, typeName(i.type), HandoverPrinter.grade(i.grade, zh: zh, suggestedAbove: i.suggestedAbove), status(i.status), next + conflict + carried(i.carried)],
                    i.lateBy != nil || !i.conflicts.isEmpty ? .alert : i.carried ? .carried : .normal)
        })
        more(r.open.count)

        // 预警.
        heading(t("预警", "Warnings"), count: r.warnings.count)
        table(capped(r.warnings).map { w in
            let colour = WarningText.colourName(w.color)
            let change: String
            switch w.change {
            case .inForce: change = t("生效中", "in force")
            case .began: change = t("本班发布", "began")
            case .changed: change = t("本班变更", "changed")
            case .ended: change = t("本班解除/到期", "ended")
            }
            let ack = w.acknowledgedBy.map { t("已确认 ", "ack ") + $0 } ?? (w.inForce ? t("未确认", "not acknowledged") : "")
            var reach = w.targets > 0 ? t("发布 \(w.reached)/\(w.targets)", "reached \(w.reached)/\(w.targets)") : ""
            if let people = w.population, people > 0 {
                let percent = Int((Double(w.populationReached) * 100 / Double(people)).rounded(.down))
                reach += t(" 人口 \(percent)%", " population \(percent)%")
            }
            // Acknowledgement clocks missed or still running (warnings.toml), as they stood at the span's end.
            let clocks = w.clocks.map { OutcomeText.clockWords($0, now: r.to, language: zh ? .zh : .en, timeZone: timeZone) }
                .joined(separator: t("；", "; "))
            let missed = w.clocks.contains { $0.wasMissed(at: r.to) }
            let exercise = w.isExercise ? t("〔演练〕", "[exercise] ") : ""
            let role: HandoverPrinter.Role = missed || w.inForce && (w.acknowledgedBy == nil || w.reached < w.targets) ? .alert
                : w.carried ? .carried : .normal
            // An earthquake warning by its intensity; a colour its type lacks marked "?".
            let level = w.intensity.map { WarningText.intensityMarker($0 == 0 ? nil : $0).text(zh ? .zh : .en) }
                ?? (zh ? colour.0 : colour.1) + (w.levelNotOfType ? "?" : "")
            return ([exercise + level, OutcomeText.warningType(w.type, rules: rules, language: zh ? .zh : .en),
                     change, w.expires.map { t("至 ", "until ") + clock($0) } ?? "", [ack, reach, clocks].filter { !$0.isEmpty }.joined(separator: " · ")
                     + (w.areas.isEmpty ? "" : "  " + w.areas.joined(separator: sep)) + carried(w.carried && w.inForce)], role)
        })
        more(r.warnings.count)

        // 资源.
        heading(t("资源", "Resources"), count: r.resources.count)
        table(capped(r.resources).map { x in
            switch x.kind {
            case .teamOut:
                return ([t("队伍在外", "Team out"), x.name, ResourceText.name(x.status, in: rules.resources.teamStatuses, zh ? .zh : .en),
                         [x.incident, x.quantity > 0 ? t("\(x.quantity)人", "\(x.quantity) people") : "", x.since.map { t("出动 ", "since ") + clock($0) } ?? ""]
                            .filter { !$0.isEmpty }.joined(separator: " · ") + carried(x.carried)], x.carried ? .carried : .normal)
            case .issued:
                let item = rules.resources.item(x.item).map { zh ? $0.zh : $0.en } ?? x.item
                return ([t("物资调拨", "Issued"), x.name, "\(item) \(x.quantity)", [x.incident, clock(x.since)].joined(separator: " · ")], .normal)
            case .shelterOpen:
                return ([t("场所开放", "Shelter open"), x.name, "\(x.quantity)/\(x.capacity)", x.quantity >= x.capacity && x.capacity > 0 ? t("已满", "full") : ""],
                        x.quantity >= x.capacity && x.capacity > 0 ? .alert : .normal)
            }
        })
        more(r.resources.count)

        // 领导指示.
        heading(t("领导指示", "Leader instructions"), count: r.instructions.count)
        table(capped(r.instructions).map { i in
            let state: String
            if let done = i.done { state = t("已办结 ", "done ") + clock(done) }
            else if let due = i.due, due < r.madeAt { state = t("已超期（限 \(clock(due))）", "overdue (due \(clock(due)))") }
            else { state = i.due.map { t("限 ", "due ") + clock($0) } ?? t("未办结", "open") }
            return ([clock(i.givenAt), i.from, state, i.text + carried(i.carried)],
                    i.done == nil && (i.due.map { $0 < r.madeAt } ?? false) ? .alert : i.carried && i.done == nil ? .carried : .normal)
        })
        more(r.instructions.count)

        if r.kind == .handover {
            // 值班日志: entries marked for the handover.
            heading(t("值班日志 · 交接事项", "Duty log marked for handover"), count: r.marked.count)
            table(capped(r.marked).map { e in ([clock(e.at), e.operatorName, e.counterpart, e.text], .normal) })
            more(r.marked.count)

            heading(t("待处理问题", "Problems not yet acknowledged"), count: r.problems.count)
            table(r.problems.map { ([$0], .alert) })

            heading(t("交班人备注", "Outgoing officers' notes"))
            if r.notes.isEmpty { none() } else {
                for paragraph in r.notes.split(separator: "\n", omittingEmptySubsequences: false) {
                    for piece in TextFit.wrap(String(paragraph), width: width - 2) { line((markdown ? "" : "  ") + piece) }
                }
                if !r.notesBy.isEmpty { line((markdown ? "" : "  ") + t("——\(r.notesBy)", "— \(r.notesBy)"), .muted) }
            }

            heading(t("签字", "Signatures"))
            table([
                ([t("交班", "Handed over"), r.signed.map { "\($0.name)  \(full($0.stamp.date))" } ?? t("未签字", "not signed")],
                 r.signed == nil ? .alert : .normal),
                ([t("接班", "Taken over"), r.accepted.map { a in
                    [a.name, full(a.stamp.date), a.reason.isEmpty ? "" : t("非排班原因：", "not rostered: ") + a.reason,
                     a.remarks.isEmpty ? "" : t("意见：", "remarks: ") + a.remarks].filter { !$0.isEmpty }.joined(separator: "  ")
                } ?? t("未接班确认", "not accepted")], r.accepted == nil ? .alert : .normal),
            ])
        }
    }
}

private extension String {
    var trimmingTrailingSpaces: String {
        var s = self
        while s.hasSuffix(" ") { s.removeLast() }
        return s
    }
}
