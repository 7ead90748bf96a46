import SafeText
import DutyModel
import Foundation
import TerminalUI

/// 预警信息: warnings in force first (red before orange …, newest first within
/// a level; exercises after them), then the past ones; the level's colour in
/// every theme plus a text marker for mono; time left; acknowledgement and
/// dissemination coverage on each row.
enum WarningsView {
    static func summaries(_ state: AppState) -> [WarningSummary] {
        state.duty.warningSummaries(now: state.now, timeZone: state.timeZone)
    }

    /// The chain `chainKey` as it stands now, if it is still held.
    static func summary(_ state: AppState, _ chainKey: String) -> WarningSummary? {
        let all = summaries(state)
        if let i = state.duty.warningIndex(now: state.now, timeZone: state.timeZone)?[chainKey] { return all[i] }
        return all.first { $0.chainKey == chainKey }
    }

    /// Red and orange warnings in force that nobody has acknowledged, the banner's first.
    static func unacknowledged(_ state: AppState) -> [WarningSummary] {
        state.duty.inForceWarningSummaries(now: state.now, timeZone: state.timeZone).filter(\.needsAcknowledgement)
    }

    /// The warning the banner names, while it shows: the first of `unacknowledged` with a colour.
    static func bannerWarning(_ state: AppState, in unacknowledged: [WarningSummary]? = nil) -> WarningSummary? {
        (unacknowledged ?? Self.unacknowledged(state)).first { $0.color != nil }
    }

    static func visible(_ state: AppState) -> [WarningSummary] { visible(state, summaries: summaries(state)) }

    /// The rows listed, with the station thread's index when no filter is typed.
    static func listed(_ state: AppState) -> IndexedRows<WarningSummary> {
        let rows = visible(state)
        let plain = state.warnings.list.filter.text.isEmpty
        return IndexedRows(rows: rows, keyOf: \.chainKey, index: plain ? state.duty.warningIndex(now: state.now, timeZone: state.timeZone) : nil)
    }

    static func visible(_ state: AppState, summaries: [WarningSummary]) -> [WarningSummary] {
        let words = state.warnings.list.filter.text.lowercased().split(separator: " ")
        guard !words.isEmpty else { return summaries }
        let rules = state.duty.rules.warnings
        return summaries.filter { s in
            let type = rules.type(named: s.info.type)
            let haystack = ([s.info.headline, s.info.type, type?.zh ?? "", type?.en ?? "", s.info.issuer, s.info.senderName,
                             WarningText.colourName(s.color).0, WarningText.colourName(s.color).1]
                            + s.info.areas + s.info.towns).joined(separator: "\n").lowercased()
            return words.allSatisfy { haystack.contains($0) }
        }
    }

    static func selected(_ state: AppState, in rows: [WarningSummary]) -> WarningSummary? {
        state.warnings.list.selected(in: rows, key: \.chainKey)?.row
    }

    static let detailRows = (short: 5, tall: 10)

    static func listRows(_ state: AppState) -> Int { ListScreen.visibleRows(state, detail: detailRows) - 1 }

    static func colourRole(_ colour: WarningColor?) -> ThemeRole {
        switch colour {
        case .red: return .alertRed
        case .orange: return .alertOrange
        case .yellow: return .alertYellow
        case .blue: return .alertBlue
        case nil: return .normal
        }
    }

    static func typeName(_ state: AppState, _ info: WarningInfo) -> String {
        TextSafety.sanitize(OutcomeText.warningType(info.type, rules: state.duty.rules, language: state.language))
    }

    static func areaText(_ info: WarningInfo) -> String {
        TextSafety.sanitize(info.areas.isEmpty ? info.towns.joined(separator: "、") : info.areas.joined(separator: "、"))
    }

    /// "剩 5:12:03", "至解除", "已过期 11-23 12:00", "已解除 …", with 演练 in front of an exercise.
    static func stateText(_ state: AppState, _ s: WarningSummary) -> String {
        let lang = state.language
        let zone = state.timeZone
        var text: String
        switch s.phase {
        case .inForce:
            if let end = s.expiresAt {
                let left = ClockFormat.lapse(Int(end.timeIntervalSince(state.now)), farEnd: end, timeZone: zone)
                // An exercise says so instead of "left", so the row stays narrow (a date still says 至 / to).
                text = s.isExercise && !left.isDate ? left.text(lang, short: ClockFormat.duration) : WarningText.left(left).text(lang)
            } else {
                text = WarningText.noExpiry.text(lang)
            }
        case .expired:
            text = WarningText.expired(s.expiresAt.map { ClockFormat.shortDayTime($0, now: state.now, timeZone: zone) } ?? "").text(lang)
        case .cancelled:
            text = WarningText.cancelled(ClockFormat.shortDayTime(s.sentAt, now: state.now, timeZone: zone)).text(lang)
        }
        if s.isExercise { text = "[\(WarningText.exercise(s.info.status).text(lang))] " + text }
        return text
    }

    /// The level as a row shows it: the colour's marker, with "?" when the type has no such
    /// colour (冰雹蓝色); an earthquake warning's stated intensity instead of a colour.
    static func levelMarker(_ state: AppState, _ s: WarningSummary) -> String {
        let rules = state.duty.rules.warnings
        if rules.statesIntensity(s.info) { return WarningText.intensityMarker(intensity(s.info)).text(state.language) }
        let marker = WarningText.levelMarker(s.color).text(state.language)
        return rules.colourNotListed(s.info) != nil ? marker + "?" : marker
    }

    /// The level named in words: the colour (and that the type has no such colour), or the intensity.
    static func levelName(_ state: AppState, _ s: WarningSummary) -> String {
        let rules = state.duty.rules.warnings
        if rules.statesIntensity(s.info) { return WarningText.intensity(intensity(s.info)).text(state.language) }
        let name = WarningText.level(s.color).text(state.language)
        guard rules.colourNotListed(s.info) != nil else { return name }
        return name + WarningText.levelNotOfType(typeName(state, s.info)).text(state.language)
    }

    /// The intensity an earthquake warning's text states.
    static func intensity(_ info: WarningInfo) -> Int? {
        WarningIntensity.stated(in: [info.headline, info.description])
    }

    /// Whether an acknowledgement clock of the warning is past its time, unmet, while it is in force.
    static func clockOverdue(_ state: AppState, _ s: WarningSummary) -> Bool {
        s.clocks(state.duty.rules.warnings).contains { $0.isOverdue(at: state.now) }
    }

    /// The ack column: who acknowledged, else the acknowledgement clock (minutes left or over,
    /// at 120 columns and more), or the forwarding clock once overdue.
    static func ackColumn(_ state: AppState, _ s: WarningSummary, wide: Bool) -> String {
        let lang = state.language
        for clock in s.clocks(state.duty.rules.warnings) where clock.metAt == nil {
            // A date in this year without the year: the column is 20 wide.
            func lapse(_ t: TimeInterval) -> Lapse {
                let l = ClockFormat.lapse(Int(t.rounded(.up)), farEnd: clock.due, timeZone: state.timeZone)
                guard case .date(let d) = l, d.prefix(5) == ClockFormat.statusClock(state.now, timeZone: state.timeZone).prefix(5) else { return l }
                return .date(String(d.dropFirst(5)))
            }
            switch (clock.kind, clock.standing(at: state.now)) {
            case (.acknowledge, .due(let left)) where wide: return WarningText.ackDue(lapse(left)).text(lang)
            case (.acknowledge, .overdue(let by)): return WarningText.ackOverdue(wide ? lapse(by) : nil).text(lang)
            case (.forward, .overdue(let by)) where s.acknowledgement != nil: return WarningText.forwardOverdue(wide ? lapse(by) : nil).text(lang)
            default: continue
            }
        }
        return ackText(state, s)
    }

    static func ackText(_ state: AppState, _ s: WarningSummary) -> String {
        if let by = s.acknowledgedBy {
            return WarningText.acknowledged(TextSafety.sanitize(by.operatorName),
                                            ClockFormat.hourMinute(by.at, timeZone: state.timeZone)).text(state.language)
        }
        return s.needsAcknowledgement ? WarningText.notAcknowledged.text(state.language) : WarningText.ackNotNeeded.text(state.language)
    }

    static func coverageText(_ state: AppState, _ s: WarningSummary) -> String {
        guard let percent = s.coveragePercent else { return WarningText.coverageNone.text(state.language) }
        let c = s.coverage
        return WarningText.coverage(c.reached, c.total, Int(percent.rounded(.down))).text(state.language)
    }

    /// "覆盖：镇街及场所 50% (2/4) · 人口 63% (25.3万/40.2万) · 目标人口 ≥95%": the plans'
    /// target is of the population; the towns' count stays beside it.
    static func coverageLine(_ state: AppState, _ s: WarningSummary) -> String {
        let lang = state.language
        let colon = lang == .zh ? "：" : ": "
        var parts: [String] = []
        if let percent = s.coveragePercent {
            parts.append(WarningText.coverageByTowns(Int(percent.rounded(.down)), s.coverage.reached, s.coverage.total).text(lang))
        } else {
            parts.append(WarningText.coverageNone.text(lang))
        }
        if let p = s.populationCoverage(state.duty.rules.places) {
            parts.append(WarningText.coverageByPopulation(Int((Double(p.reached) * 100 / Double(p.total)).rounded(.down)), p.reached, p.total).text(lang))
            if p.unknown > 0 { parts.append(WarningText.coverageUnknownTowns(p.unknown).text(lang)) }
            parts.append(WarningText.coverageTarget(Int(state.duty.rules.warnings.coverageTargetPercent)).text(lang))
        }
        return WarningText.detailCoverage.text(lang) + colon + parts.joined(separator: " · ")
    }

    static func render(_ state: AppState, into buffer: inout ScreenBuffer, area: Rect) -> Position? {
        let lang = state.language
        let theme = state.theme
        guard area.height > 4 else { return nil }
        let all = summaries(state)
        let listed = listed(state)
        let rows = listed.rows
        let (top, listArea, detailArea) = ListScreen.layout(area, detail: detailRows)
        let inForce = state.duty.warningsInForce(now: state.now, timeZone: state.timeZone)
        let list = state.warnings.list
        let cursor = ListScreen.renderTitle(state, title: .warning(.title), count: .warning(.count(inForce: inForce, history: all.count - inForce)),
                                            tags: [], list: list, hint: .warning(.hint), into: &buffer, area: top)
        let current = listed.selected(list.selectedKey)
        let wide = listArea.width >= 120
        // Who gives way on a narrow terminal (#23): the issue time and issuer (wide only), the
        // coverage, the area, the type, the acknowledgement; never the level or the time left.
        let columns: [Table.Column] = [
            .init(WarningText.colLevel.text(lang), minimum: 4, priority: 8, whole: true),
            .init(WarningText.colType.text(lang), minimum: 6, maximum: wide ? nil : 10, priority: 5),
            .init(WarningText.colArea.text(lang), minimum: 8, priority: 4, grow: 1),
        ] + (wide ? [.init(WarningText.colIssuer.text(lang), minimum: 8, maximum: 18, priority: 2),
                     .init(WarningText.colEffective.text(lang), minimum: 11, maximum: 11, priority: 1)] : []) + [
            .init(WarningText.colLeft.text(lang), minimum: 9, priority: 9, whole: true),
            .init(WarningText.colAck.text(lang), minimum: 8, maximum: wide ? nil : 9, priority: 6),
            .init(WarningText.colCoverage.text(lang), minimum: 3, maximum: wide ? 14 : 4, priority: 3),
        ]
        // The past ones below a heading row of their own.
        let firstPast = listed.index != nil ? (inForce < rows.count ? inForce : nil) : rows.firstIndex { $0.phase != .inForce }
        // Table rows count the heading; keep the selected row in view, and build only the rows in view.
        let selectedRow = current.map { $0.index + (firstPast.map { $0 <= current!.index ? 1 : 0 } ?? 0) } ?? 0
        let visibleRows = Table.visibleRows(in: listArea)
        let total = rows.count + (firstPast == nil ? 0 : 1)
        var (window, table) = TableState(selected: selectedRow, offset: list.offset).window(visibleRows: visibleRows, count: total)
        var cells: [[String]] = []
        var styles: [Int: Style] = [:]
        for t in window {
            if let firstPast, t == firstPast {
                styles[cells.count] = theme[.header]
                // The heading sits in the area column, the one wide enough for it.
                cells.append(["──", "──", WarningText.historyHeading.text(lang)] + Array(repeating: "", count: columns.count - 3))
                continue
            }
            let s = rows[firstPast.map { t > $0 ? t - 1 : t } ?? t]
            let coverage = coverageText(state, s)
            var row = [levelMarker(state, s), typeName(state, s.info), areaText(s.info)]
            if wide {
                row += [TextSafety.sanitize(s.info.senderName.isEmpty ? s.info.issuer : s.info.senderName),
                        ClockFormat.dayTime(s.sentAt, timeZone: state.timeZone)]
            }
            row += [stateText(state, s), ackColumn(state, s, wide: wide), wide ? coverage : String(coverage.prefix { $0 != " " })]
            if s.phase != .inForce || s.isExercise {
                styles[cells.count] = theme[.muted]
            } else if clockOverdue(state, s) {
                // An acknowledgement or forwarding clock missed: as an overdue report is shown.
                styles[cells.count] = theme[.overdue]
            } else {
                styles[cells.count] = theme[colourRole(s.color)]
            }
            cells.append(row)
        }
        let empty = all.isEmpty ? WarningText.none.text(lang) : WarningText.noMatches.text(lang)
        Table(columns: columns, rows: cells, rowStyles: styles, emptyMessage: empty, showsSelection: current != nil, selectionColumns: 1)
            .render(into: &buffer, area: listArea, state: &table, styles: ListScreen.tableStyles(theme))
        ListScreen.renderDetail(state, current.map { detailLines(state, $0.row, full: false) } ?? [], into: &buffer, area: detailArea)
        return cursor
    }

    /// The detail pane (short) and the Enter overlay (full).
    static func detailLines(_ state: AppState, _ s: WarningSummary, full: Bool) -> [(String, Style)] {
        let theme = state.theme
        let lang = state.language
        let zone = state.timeZone
        let info = s.info
        let colon = lang == .zh ? "：" : ": "
        let levelStyle = s.phase == .inForce && !s.isExercise ? theme[colourRole(s.color)] : theme[.muted]
        var lines: [(String, Style)] = []
        let level = levelMarker(state, s) + " " + typeName(state, info) + " · " + levelName(state, s) + " · " + stateText(state, s)
        lines.append((level, levelStyle))
        lines.append((TextSafety.sanitize(info.headline), theme[.title]))
        // Sent at its own time, the time the duty room recorded it beside when a minute or more later.
        let sent = ClockFormat.dayTime(s.sentAt, timeZone: zone)
            + (s.receivedAt.map { ClockFormat.recordedBeside(at: s.sentAt, recorded: $0, timeZone: zone, language: lang) } ?? "")
        // A time in another year than now's says its year (a warning that expires in 2099).
        func time(_ date: Date?) -> String {
            guard let date else { return "—" }
            let full = ClockFormat.statusClock(date, timeZone: zone)
            return full.prefix(4) == ClockFormat.statusClock(state.now, timeZone: zone).prefix(4) ? ClockFormat.dayTime(date, timeZone: zone) : String(full.prefix(16))
        }
        lines.append((WarningText.detailTimesLine(sent, time(info.effective), info.expires.map { time($0) } ?? WarningText.noExpiry.text(lang)).text(lang),
                      theme[.normal]))
        let issuer = TextSafety.sanitize(info.senderName.isEmpty ? info.issuer : info.senderName)
        let area = "\(WarningText.detailArea.text(lang))\(colon)\(areaText(info))"
        // The overlay gives each its line (a long area wraps under itself); the pane keeps them on one.
        lines.append(("\(WarningText.detailIssuer.text(lang))\(colon)\(issuer)" + (full ? "" : " · " + area), theme[.normal]))
        if full { lines.append((area, theme[.normal])) }
        // Acknowledgement and its clocks; then coverage by towns and by population.
        // The detail says it in words ("Acknowledged: 王芳 at 14:02"), not the column's "ack 王芳 14:02".
        let ackWords = s.acknowledgedBy.map {
            WarningText.acknowledgedBy(TextSafety.sanitize($0.operatorName), ClockFormat.hourMinute($0.at, timeZone: zone)).text(lang)
        } ?? ackText(state, s)
        var ack = "\(WarningText.detailAck.text(lang))\(colon)\(ackWords)"
        let clocks = s.clocks(state.duty.rules.warnings)
        if !clocks.isEmpty {
            ack += " · \(WarningText.detailClocks.text(lang))\(colon)"
                + clocks.map { OutcomeText.clockWords($0, now: state.now, language: lang, timeZone: zone) }.joined(separator: lang == .zh ? "；" : "; ")
        }
        lines.append((ack, s.needsAcknowledgement || clockOverdue(state, s) ? theme[.overdue] : theme[.normal]))
        lines.append((coverageLine(state, s), theme[.normal]))
        if full, let flag = OutcomeText.colourNotListed(info, rules: state.duty.rules, language: lang) {
            lines.append((flag, theme[.warning]))
        }
        guard full else {
            if !info.description.isEmpty { lines.append((TextSafety.sanitize(info.description), theme[.normal])) }
            return lines
        }
        if !info.towns.isEmpty {
            lines.append(("\(WarningText.detailTowns.text(lang))\(colon)" + TextSafety.sanitize(info.towns.joined(separator: "、")), theme[.normal]))
        }
        // Multi-line texts keep their lines, each made safe.
        for (heading, text) in [(WarningText.detailDescription, info.description), (.detailInstruction, info.instruction)] where !text.isEmpty {
            lines.append(("", theme[.normal]))
            lines.append((heading.text(lang), theme[.header]))
            for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                lines.append((TextSafety.sanitize(String(line)), theme[.normal]))
            }
        }
        if !s.history.isEmpty {
            lines.append(("", theme[.normal]))
            lines.append((WarningText.detailHistory.text(lang), theme[.header]))
            for earlier in s.history {
                let at = ClockFormat.dayTime(earlier.sentAt, timeZone: zone)
                let what = [earlier.msgType == .alert ? "" : WarningText.messageType(earlier.msgType).text(lang), TextSafety.sanitize(earlier.headline)]
                    .filter { !$0.isEmpty }.joined(separator: " ")
                lines.append(("· " + WarningText.historyEntry(at, what, WarningText.level(earlier.color).text(lang)).text(lang),
                              theme[.muted]))
            }
        }
        return lines
    }

    /// The checklist: one row per target, one column per channel, ticks where
    /// confirmed; the coverage and its target on top.
    static func renderChecklist(_ state: AppState, _ dialog: DisseminationDialog, into buffer: inout ScreenBuffer, area: Rect) {
        let theme = state.theme
        let lang = state.language
        guard let s = summary(state, dialog.chainKey) else { return }
        let channels = WarningChannel.allCases
        // Every channel column fits: at 80 columns the names are cut, never a column.
        let nameWidth = area.width >= 100 ? 24 : 18
        let cellWidth = max(4, min(lang == .zh ? 11 : 14, (area.width - 6 - nameWidth) / channels.count))
        let width = min(area.width - 2, nameWidth + channels.count * cellWidth + 4)
        let title = WarningText.checklistTitle(typeName(state, s.info) + (lang == .zh ? "" : " ") + WarningText.level(s.color).text(lang)).text(lang)
        let inner = DialogViews.overlayBox(state, title: title, size: Size(width: width, height: s.targets.count + 7), in: area, into: &buffer)
            .inset(horizontal: 1, vertical: 0)
        guard inner.height > 3 else { return }
        var y = inner.y
        let c = s.coverage
        var percent = Int((s.coveragePercent ?? 0).rounded(.down))
        let target = Int(state.duty.rules.warnings.coverageTargetPercent)
        var line = WarningText.checklistCoverage(c.reached, c.total, percent, target).text(lang)
        // The target is of the population: where the towns have figures, that share decides the colour.
        if let p = s.populationCoverage(state.duty.rules.places) {
            percent = Int((Double(p.reached) * 100 / Double(p.total)).rounded(.down))
            line += " · " + WarningText.checklistPopulation(percent).text(lang)
        }
        buffer.write(TextFit.truncate(line, to: inner.width),
                     x: inner.x, y: y, style: percent >= target ? theme[.ok] : theme[.warning], clip: inner)
        y += 1
        var x = inner.x + nameWidth
        for channel in channels {
            let name = lang == .zh ? channel.rawValue : channel.en
            buffer.write(TextFit.truncate(name, to: cellWidth - 1), x: x, y: y, style: theme[.header], clip: inner)
            x += cellWidth
        }
        y += 1
        guard !s.targets.isEmpty else {
            buffer.write(TextFit.truncate(WarningText.checklistNoTargets.text(lang), to: inner.width), x: inner.x, y: y, style: theme[.muted], clip: inner)
            return
        }
        let room = max(1, inner.maxY - y - 1)
        let first = min(max(0, dialog.offset), max(0, s.targets.count - room))
        for (i, place) in s.targets.enumerated().dropFirst(first).prefix(room) {
            let reached = channels.contains { s.isConfirmed($0, place) }
            buffer.write(TextFit.truncate((reached ? "✓ " : "  ") + TextSafety.sanitize(place), to: nameWidth - 1),
                         x: inner.x, y: y, style: i == dialog.row ? theme[.header] : theme[.dialog], clip: inner)
            var cx = inner.x + nameWidth
            for (j, channel) in channels.enumerated() {
                let on = s.isConfirmed(channel, place)
                let style = i == dialog.row && j == dialog.column ? theme[.selection] : (on ? theme[.ok] : theme[.dialog])
                buffer.write(on ? "[x]" : "[ ]", x: cx, y: y, style: style, clip: inner)
                cx += cellWidth
            }
            y += 1
        }
        buffer.write(TextFit.truncate(WarningText.checklistKeys.text(lang), to: inner.width), x: inner.x, y: inner.maxY - 1,
                     style: theme[.muted], clip: inner)
    }

    /// The manual entry form: one labelled field per row, problems beside them.
    static func renderEntry(_ state: AppState, _ form: WarningEntryForm, into buffer: inout ScreenBuffer, area: Rect) -> Position? {
        let theme = state.theme
        let lang = state.language
        let fields = WarningEntryField.allCases
        let width = min(area.width - 2, 96)
        let inner = DialogViews.overlayBox(state, title: form.title.text(lang), size: Size(width: width, height: fields.count + 4), in: area,
                                           into: &buffer).inset(horizontal: 1, vertical: 0)
        guard inner.height > 1 else { return nil }
        let labelWidth = lang == .zh ? 10 : 14
        // At 80 columns the problem takes the row under the focused field's value instead of a column.
        let room = max(1, inner.height - 2)
        let first = max(0, min(form.focus.rawValue - room + 1, fields.count - room))
        var cursor: Position?
        var y = inner.y
        for field in fields.dropFirst(first).prefix(room) {
            let problem = form.problems[field]
            let label = (problem != nil ? "!" : " ") + WarningText.entryField(field).text(lang)
            buffer.write(TextFit.truncate(label, to: labelWidth - 1), x: inner.x, y: y,
                         style: problem != nil ? theme[.error] : (field == form.focus ? theme[.dialogTitle] : theme[.dialog]), clip: inner)
            let problemText = problem.map { "  " + $0.text(lang) } ?? ""
            let problemWidth = min(problemText.displayWidth, max(0, (inner.width - labelWidth) / 2))
            let fieldRect = Rect(x: inner.x + labelWidth, y: y, width: max(1, inner.width - labelWidth - problemWidth), height: 1)
            var text = form.fields[field] ?? TextFieldState()
            let at = text.render(into: &buffer, area: fieldRect, style: field == form.focus ? theme[.input] : theme[.dialog])
            if field == form.focus { cursor = at }
            if problemWidth > 0 {
                buffer.write(TextFit.truncate(problemText, to: problemWidth), x: fieldRect.maxX, y: y, style: theme[.error], clip: inner)
            }
            y += 1
        }
        if let problem = form.problems[form.focus] {
            buffer.write(TextFit.truncate(problem.text(lang), to: inner.width), x: inner.x, y: inner.maxY - 2, style: theme[.error], clip: inner)
        }
        buffer.write(TextFit.truncate(WarningText.entryKeys.text(lang), to: inner.width), x: inner.x, y: inner.maxY - 1,
                     style: theme[.muted], clip: inner)
        return cursor
    }
}
