import DutyModel
import Foundation
import TerminalUI

/// 突发事件: every incident with its next report clock, sortable, filtered as
/// you type and by quick filters; overdue rows stand out in every theme.
public enum IncidentsView {
    static func summaries(_ state: AppState) -> [IncidentSummary] {
        state.duty.state.incidentSummaries(rules: state.duty.rules, now: state.now, timeZone: state.timeZone)
    }

    static func visible(_ state: AppState) -> [IncidentSummary] {
        let duty = state.duty.state
        let screen = state.incidents
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = state.timeZone
        let dayStart = calendar.startOfDay(for: state.now)
        let words = screen.list.filter.text.lowercased().split(separator: " ")
        let taxonomy = state.duty.rules.taxonomy
        let rows = summaries(state).filter { s in
            if screen.quick.contains(.open) && !s.isOpen { return false }
            if screen.quick.contains(.overdue) && !s.isOverdue { return false }
            if screen.quick.contains(.today) && !((s.receivedAt ?? .distantPast) >= dayStart) { return false }
            if screen.quick.contains(.mine) {
                let incident = duty.incidents[s.id]
                // Recorded by: the intake's field, else whoever wrote the intake.
                let field = incident?.recordedBy.value ?? ""
                let by = field.isEmpty ? incident?.receivedAtMs.winner?.operatorName ?? "" : field
                if by != state.operatorName { return false }
            }
            guard !words.isEmpty else { return true }
            let type = taxonomy.type(s.type)
            let haystack = [s.id, s.place.summary, s.type, type?.zh ?? "", type?.en ?? "",
                            duty.incidents[s.id]?.description.value ?? ""].joined(separator: "\n").lowercased()
            return words.allSatisfy { haystack.contains($0) }
        }
        switch screen.sort {
        case .received:
            return rows
        case .deadline:
            return rows.sorted { ($0.nextDeadline?.due ?? .distantFuture, $0.id) < ($1.nextDeadline?.due ?? .distantFuture, $1.id) }
        case .grade:
            // Most severe first (I before IV, ungraded last); newest first within a grade.
            func severity(_ s: IncidentSummary) -> Int { (s.grade ?? s.suggestedGrade).map { 4 - Grade.allCases.firstIndex(of: $0)! } ?? 0 }
            return rows.enumerated().sorted { (-severity($0.element), $0.offset) < (-severity($1.element), $1.offset) }.map(\.element)
        }
    }

    static func selected(_ state: AppState, in rows: [IncidentSummary]) -> IncidentSummary? {
        if let key = state.incidents.list.selectedKey, let row = rows.first(where: { $0.id == key }) { return row }
        return rows.first
    }

    static func layout(_ area: Rect) -> (Rect, Rect, Rect) {
        let inner = area.inset(horizontal: 1, vertical: 0)
        let parts = inner.rows([.fixed(1), .fill, .fixed(inner.height >= 30 ? 9 : 5)])
        return (parts[0], parts[1], parts[2])
    }

    static func listRows(_ state: AppState) -> Int { Table.visibleRows(in: layout(RootView.body(state)).1) }

    static func render(_ state: AppState, into buffer: inout ScreenBuffer, area: Rect) -> Position? {
        let theme = state.theme
        let lang = state.language
        guard area.height > 4 else { return nil }
        let rows = visible(state)
        let (top, listArea, detailArea) = layout(area)
        let all = state.duty.state.incidents.count
        var x = buffer.write(UIText.screenTitle(.incidents).text(lang), x: top.x, y: top.y, style: theme[.title], clip: top)
        x = buffer.write("  " + UIText.incidentCount(rows.count, all).text(lang) + "  ", x: x, y: top.y, style: theme[.muted], clip: top)
        let tags = IncidentQuickFilter.allCases.filter { state.incidents.quick.contains($0) }.map { UIText.quickFilter($0).text(lang) }
            + [UIText.sortedBy(state.incidents.sort).text(lang)]
        x = buffer.write("[" + tags.joined(separator: " · ") + "] ", x: x, y: top.y, style: theme[.header], clip: top)
        var cursor: Position?
        let list = state.incidents.list
        if list.isFiltering || !list.filter.isEmpty {
            x = buffer.write(UIText.filterPrompt.text(lang), x: x, y: top.y, style: theme[.header], clip: top)
            var field = list.filter
            let at = field.render(into: &buffer, area: Rect(x: x, y: top.y, width: max(0, min(30, top.maxX - x)), height: 1),
                                  style: list.isFiltering ? theme[.input] : theme[.normal])
            if list.isFiltering { cursor = at }
        } else {
            buffer.write(TextFit.truncate(UIText.incidentsHint.text(lang), to: max(0, top.maxX - x)), x: x, y: top.y, style: theme[.muted], clip: top)
        }
        let current = selected(state, in: rows)
        let index = current.flatMap { c in rows.firstIndex { $0.id == c.id } }
        let empty = all == 0 ? UIText.noIncidents.text(lang) : UIText.noIncidentMatches.text(lang)
        IncidentRows.render(rows, state: state, into: &buffer, area: listArea, selection: index.map { ($0, list.offset) }, emptyMessage: empty)

        let d = Box.draw(detailArea, into: &buffer, border: theme[.border], titleStyle: theme[.title], fill: theme[.normal])
            .inset(horizontal: 1, vertical: 0)
        guard let current, d.height > 0 else { return cursor }
        var y = d.y
        for (text, style) in detailLines(state, current, full: false) {
            for piece in TextFit.wrap(text, width: d.width) where y < d.maxY {
                buffer.write(piece, x: d.x, y: y, style: style, clip: d)
                y += 1
            }
        }
        return cursor
    }

    /// What the detail pane (short) and the Enter overlay (full) show.
    static func detailLines(_ state: AppState, _ s: IncidentSummary, full: Bool) -> [(String, Style)] {
        let theme = state.theme
        let lang = state.language
        let zone = state.timeZone
        guard let incident = state.duty.state.incidents[s.id] else { return [] }
        let type = state.duty.rules.taxonomy.type(s.type).map { lang == .zh ? $0.zh : $0.en } ?? s.type
        var lines: [(String, Style)] = []
        let grade = s.grade.map { UIText.gradeConfirmed($0).text(lang) } ?? s.suggestedGrade.map { UIText.gradeSuggested($0).text(lang) } ?? UIText.gradeNone.text(lang)
        lines.append(("\(s.id) · \(s.place.summary) · \(type) · \(grade) · \(UIText.incidentStatus(s.status).text(lang))", theme[.title]))
        let c = s.casualties
        lines.append((UIText.casualtyLine(c.deaths, c.missing, c.injured, c.trapped, c.evacuated, s.lossCNY).text(lang), theme[.normal]))
        if let description = incident.description.value { lines.append((description, theme[.normal])) }
        // The report clocks: every deadline, made or not.
        let clocks = s.deadlines.map { d -> String in
            let at = ClockFormat.shortDayTime(d.due, now: state.now, timeZone: zone)
            if let done = d.fulfilledAt { return UIText.deadlineMade(d.kind, at, ClockFormat.shortDayTime(done, now: state.now, timeZone: zone)).text(lang) }
            return UIText.deadline(d.kind, at, overdue: d.isOverdue(at: state.now)).text(lang)
        }
        if !clocks.isEmpty { lines.append((clocks.joined(separator: "  "), s.isOverdue ? theme[.overdue] : theme[.info])) }
        guard full else { return lines.map { (TerminalText.sanitize($0.0), $0.1) } }
        let reporter = incident.reporter.value
        if let r = reporter, !(r.name.isEmpty && r.phone.isEmpty) {
            lines.append((UIText.reporterLine([r.name, r.unit, r.title].filter { !$0.isEmpty }.joined(separator: " "), r.phone).text(lang), theme[.normal]))
        }
        for (label, register) in [(UIText.fieldMeasures, incident.measures), (.fieldTrend, incident.trend), (.fieldRequests, incident.requests)] {
            if let v = register.value, !v.isEmpty { lines.append((label.text(lang) + "：" + v, theme[.normal])) }
        }
        if !s.conflictedFields.isEmpty {
            lines.append((UIText.conflictLine(s.conflictedFields.joined(separator: ", ")).text(lang), theme[.warning]))
        }
        // The timeline: everything that happened to it, oldest first.
        lines.append((UIText.timelineTitle.text(lang), theme[.header]))
        // A report is shown at the time it was made (recorded perhaps later); the rest when written.
        var events: [(Date, Stamp, String)] = []
        if let created = incident.createdBy {
            events.append((created.date, created, UIText.timelineReceived(incident.receivedAtMs.winner?.operatorName ?? "").text(lang)))
        }
        for r in incident.reports.values {
            events.append((r.report.at, r.stamp, UIText.timelineReport(r.report.kind, r.report.channel, r.report.recipient, r.operatorName).text(lang)))
        }
        for e in incident.statusHistory.values {
            events.append((e.stamp.date, e.stamp, UIText.timelineStatus(UIText.incidentStatus(e.status).text(lang), e.isReopen, e.note, e.operatorName).text(lang)))
        }
        for n in incident.notes.values { events.append((n.stamp.date, n.stamp, UIText.timelineNote(n.text, n.operatorName).text(lang))) }
        for (date, _, text) in events.sorted(by: { ($0.0, $0.1) < ($1.0, $1.1) }) {
            lines.append((ClockFormat.dayTime(date, timeZone: zone) + "  " + text, theme[.normal]))
        }
        return lines.map { (TerminalText.sanitize($0.0), $0.1) }
    }
}
