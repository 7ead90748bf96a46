import SafeText
import DutyModel
import Foundation
import TerminalUI

/// 突发事件: every incident with its next report clock, sortable, filtered as
/// you type and by quick filters; overdue rows stand out in every theme.
public enum IncidentsView {
    static func summaries(_ state: AppState) -> [IncidentSummary] {
        state.duty.incidentSummaries(now: state.now, timeZone: state.timeZone)
    }

    static func visible(_ state: AppState) -> [IncidentSummary] { visible(state, summaries: summaries(state)) }

    /// The rows listed, with the station thread's index when nothing filters or sorts them.
    static func listed(_ state: AppState) -> IndexedRows<IncidentSummary> {
        let all = summaries(state)
        let rows = visible(state, summaries: all)
        let plain = state.incidents.quick.isEmpty && state.incidents.list.filter.text.isEmpty && state.incidents.sort == .received
        return IndexedRows(rows: rows, keyOf: \.id, index: plain ? state.duty.incidentIndex(now: state.now, timeZone: state.timeZone) : nil)
    }

    static func visible(_ state: AppState, summaries: [IncidentSummary]) -> [IncidentSummary] {
        let duty = state.duty.state
        let screen = state.incidents
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = state.timeZone
        let dayStart = calendar.startOfDay(for: state.now)
        let words = screen.list.filter.text.lowercased().split(separator: " ")
        let taxonomy = state.duty.rules.taxonomy
        // Nothing to filter or sort (the summaries come newest first): the list as it is, not a copy of thousands.
        if screen.quick.isEmpty && words.isEmpty && screen.sort == .received { return summaries }
        let rows = summaries.filter { s in
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
        IndexedRows(rows: rows, keyOf: \.id, index: nil).selected(state.incidents.list.selectedKey)?.row
    }

    static let detailRows = (short: 5, tall: 9)

    static func listRows(_ state: AppState) -> Int { ListScreen.visibleRows(state, detail: detailRows) }

    static func render(_ state: AppState, summaries: [IncidentSummary], into buffer: inout ScreenBuffer, area: Rect) -> Position? {
        let lang = state.language
        guard area.height > 4 else { return nil }
        let listed = listed(state)
        let rows = listed.rows
        let (top, listArea, detailArea) = ListScreen.layout(area, detail: detailRows)
        let all = state.duty.state.incidents.count
        let list = state.incidents.list
        let tags = IncidentQuickFilter.allCases.filter { state.incidents.quick.contains($0) }.map { UIText.incidents(.quickFilter($0)).text(lang) }
            + [UIText.incidents(.sortedBy(state.incidents.sort)).text(lang)]
        let cursor = ListScreen.renderTitle(state, title: .screenTitle(.incidents), count: .incidents(.incidentCount(rows.count, all)), tags: tags,
                                            list: list, hint: .incidents(.incidentsHint), into: &buffer, area: top)
        let current = listed.selected(list.selectedKey)
        let empty = all == 0 ? UIText.incidents(.noIncidents).text(lang) : UIText.incidents(.noIncidentMatches).text(lang)
        IncidentRows.render(rows, state: state, into: &buffer, area: listArea, selection: current.map { ($0.index, list.offset) }, emptyMessage: empty)
        ListScreen.renderDetail(state, current.map { detailLines(state, $0.row, full: false) } ?? [], into: &buffer, area: detailArea)
        return cursor
    }

    /// What the detail pane (short) and the Enter overlay (full) show.
    static func detailLines(_ state: AppState, _ s: IncidentSummary, full: Bool) -> [(String, Style)] {
        let theme = state.theme
        let lang = state.language
        let zone = state.timeZone
        guard let incident = state.duty.state.incidents[s.id] else { return [] }
        // A label's colon in the screen's language (no full-width punctuation on an English screen).
        let colon = lang == .zh ? "：" : ": "
        let type = state.duty.rules.taxonomy.type(s.type).map { lang == .zh ? $0.zh : $0.en } ?? s.type
        var lines: [(String, Style)] = []
        let grade = s.grade.map { UIText.gradeConfirmed($0).text(lang) } ?? s.suggestedGrade.map { UIText.gradeSuggested($0).text(lang) } ?? UIText.gradeNone.text(lang)
        lines.append(("\(s.id) · \(s.place.summary) · \(type) · \(grade) · \(UIText.incidents(.incidentStatus(s.status)).text(lang))", theme[.title]))
        if s.isBelowSuggestion, let given = s.grade, let suggested = s.suggestedGrade {
            lines.append((UIText.incidents(.belowSuggestion(given, suggested)).text(lang), theme[.warning]))
        }
        if s.sensitive { lines.append((UIText.incidents(.sensitiveFlag).text(lang), theme[.warning])) }
        if let delay = s.reportDelay, delay >= 60 {
            func span(_ t: TimeInterval) -> String {
                if lang == .zh { return WrittenReport.durationText(t) }
                let m = Int(t / 60)
                return m >= 1440 ? "\(m / 1440)d \(m % 1440 / 60)h" : m >= 60 ? "\(m / 60)h \(m % 60)m" : "\(m)m"
            }
            let limit = s.lateReportLimit.map(span)
            lines.append((UIText.incidents(.reportDelay(span(delay), limit)).text(lang), limit == nil ? theme[.muted] : theme[.warning]))
        }
        lines.append((UIText.incidents(.casualtyLine(s.casualties, s.lossCNY)).text(lang), theme[.normal]))
        if let description = incident.description.value { lines.append((description, theme[.normal])) }
        // The report clocks: every deadline, made or not.
        let clocks = s.deadlines.map { d -> String in
            let at = ClockFormat.shortDayTime(d.due, now: state.now, timeZone: zone)
            if let done = d.fulfilledAt {
                return UIText.incidents(.deadlineMade(d.kind, at, ClockFormat.shortDayTime(done, now: state.now, timeZone: zone), late: d.wasLate)).text(lang)
            }
            return UIText.deadline(d.kind, at, overdue: d.isOverdue(at: state.now)).text(lang)
        }
        if !clocks.isEmpty { lines.append((clocks.joined(separator: "  "), s.isOverdue ? theme[.overdue] : theme[.info])) }
        guard full else { return lines.map { (TextSafety.sanitize($0.0), $0.1) } }
        let reporter = incident.reporter.value
        if let r = reporter, !(r.name.isEmpty && r.phone.isEmpty) {
            lines.append((UIText.incidents(.reporterLine([r.name, r.unit, r.title].filter { !$0.isEmpty }.joined(separator: " "), r.phone)).text(lang), theme[.normal]))
        }
        for (label, register) in [(UIText.incidents(.fieldMeasures), incident.measures), (.incidents(.fieldTrend), incident.trend), (.incidents(.fieldRequests), incident.requests)] {
            if let v = register.value, !v.isEmpty { lines.append((label.text(lang) + colon + v, theme[.normal])) }
        }
        // Every other intake field that holds something.
        var more: [(IntakeField, String)] = []
        if let ms = incident.occurredAtMs.value {
            more.append((.occurredAt, ClockFormat.dayTime(Date(timeIntervalSince1970: Double(ms) / 1000), timeZone: zone)))
        }
        if let r = reporter, !r.alreadyReported.isEmpty { more.append((.alreadyReported, r.alreadyReported)) }
        if let lat = s.place.latitude, let lon = s.place.longitude { more.append((.coordinates, "\(lat), \(lon)")) }
        if let e = incident.enterprise.value {
            for (field, value) in [(IntakeField.enterpriseName, e.name), (.enterpriseNature, e.nature), (.enterpriseLicence, e.licence),
                                   (.enterpriseAddress, e.address)] where !value.isEmpty {
                more.append((field, value))
            }
        }
        for (field, register) in [(IntakeField.nature, incident.nature), (.hazardousSubstance, incident.hazardousSubstance),
                                  (.affectedArea, incident.affectedArea), (.leadersOnScene, incident.leadersOnScene),
                                  (.commander, incident.commander)] {
            if let v = register.value, !v.isEmpty { more.append((field, v)) }
        }
        for (field, value) in more { lines.append((IntakeText.label(field).text(lang) + colon + value, theme[.normal])) }
        if let grade = incident.grade.value, !grade.responseLevel.isEmpty {
            lines.append((IntakeText.actionResponseLevel.text(lang) + colon + grade.responseLevel, theme[.normal]))
        }
        if !s.conflictedFields.isEmpty {
            lines.append((UIText.incidents(.conflictLine(s.conflictedFields.joined(separator: ", "))).text(lang), theme[.warning]))
        }
        // The timeline: everything that happened to it, oldest first.
        lines.append((UIText.incidents(.timelineTitle).text(lang), theme[.header]))
        // An entry with a time of its own — the intake at the time received, a report at the time it was made —
        // is shown at that time, the time it was recorded beside it when a minute or more later; the rest when written.
        var events: [(Date, Stamp, String)] = []
        if let created = incident.createdBy {
            let received = incident.receivedAt ?? created.date
            events.append((received, created, UIText.incidents(.timelineReceived(incident.receivedAtMs.winner?.operatorName ?? "")).text(lang)
                           + ClockFormat.recordedBeside(at: received, recorded: created.date, timeZone: zone, language: lang)))
        }
        for r in incident.reports.values {
            events.append((r.report.at, r.stamp, UIText.incidents(.timelineReport(r.report.kind, r.report.channel, r.report.recipient, r.operatorName)).text(lang)
                           + ClockFormat.recordedBeside(at: r.report.at, recorded: r.stamp.date, timeZone: zone, language: lang)))
        }
        for e in incident.statusHistory.values {
            events.append((e.stamp.date, e.stamp, UIText.incidents(.timelineStatus(UIText.incidents(.incidentStatus(e.status)).text(lang), e.isReopen, e.note, e.operatorName)).text(lang)))
        }
        for n in incident.notes.values { events.append((n.stamp.date, n.stamp, UIText.incidents(.timelineNote(n.text, n.operatorName)).text(lang))) }
        // New facts after the intake, each with the figures as they were then (history kept).
        let created = incident.createdBy
        for w in incident.casualties.writes where w.stamp != created {
            let c = w.value
            events.append((w.stamp.date, w.stamp, IntakeText.timelineUpdate(UIText.incidents(.casualtyLine(c,
                                                                                                   incident.lossCNY.writes.last { $0.stamp <= w.stamp }?.value ?? 0)).text(lang), w.operatorName).text(lang)))
        }
        for w in incident.lossCNY.writes where w.stamp != created && !incident.casualties.writes.contains(where: { $0.stamp == w.stamp }) {
            events.append((w.stamp.date, w.stamp, IntakeText.timelineUpdate(IntakeText.label(.loss).text(lang) + " \(w.value)", w.operatorName).text(lang)))
        }
        for (label, register) in [(IntakeField.description, incident.description), (.trend, incident.trend)] {
            for w in register.writes where w.stamp != created {
                events.append((w.stamp.date, w.stamp, IntakeText.timelineUpdate(IntakeText.label(label).text(lang) + colon + w.value, w.operatorName).text(lang)))
            }
        }
        for w in incident.grade.writes {
            let g = w.value.grade.map { UIText.gradeConfirmed($0).text(lang) } ?? UIText.gradeNone.text(lang)
            let text = IntakeText.timelineGrade(g, w.value.reason, w.value.responseLevel, w.operatorName).text(lang)
            // The grade given at intake is the intake's: shown with it, at the time received.
            if w.stamp == created, let received = incident.receivedAt {
                events.append((received, w.stamp, text + ClockFormat.recordedBeside(at: received, recorded: w.stamp.date, timeZone: zone, language: lang)))
            } else {
                events.append((w.stamp.date, w.stamp, text))
            }
        }
        // Teams sent, arriving and leaving, items issued and returned (#19).
        events += ResourcesView.timelineEntries(state, incidentID: s.id)
        for (date, _, text) in events.sorted(by: { ($0.0, $0.1) < ($1.0, $1.1) }) {
            lines.append((ClockFormat.dayTime(date, timeZone: zone) + "  " + text, theme[.normal]))
        }
        return lines.map { (TextSafety.sanitize($0.0), $0.1) }
    }
}
