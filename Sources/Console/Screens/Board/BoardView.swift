import SafeText
import DutyModel
import Foundation
import TerminalUI

/// The home screen: who is on duty now and next, the countdown to handover,
/// today's timeline and counters. In emergency mode (战时) it leads with the
/// incidents being handled and the response level.
enum BoardView {
    static func render(_ state: AppState, summaries: [IncidentSummary], counters: DayCounters, into buffer: inout ScreenBuffer, area: Rect) {
        let theme = state.theme
        let lang = state.language
        let duty = state.duty.state
        let inner = area.inset(horizontal: 1, vertical: 0)
        guard inner.height > 2, inner.width > 20 else { return }
        var y = inner.y
        func line(_ build: (Int) -> Void) {
            guard y < inner.maxY else { return }
            build(y)
            y += 1
        }
        func blank() { if y < inner.maxY { y += 1 } }

        let pattern = duty.pattern
        let slot = state.currentSlot
        let next = pattern.next(after: slot, timeZone: state.timeZone)
        let emergency = duty.mode.value == .emergency

        // Header: mode on the left, the countdown to handover on the right.
        line { y in
            let remaining = Int(next.start.timeIntervalSince(state.now).rounded(.down))
            // Under 48 hours 18:25:09; beyond, the days, or the date (see `Lapse`; never with a roster of normal shifts).
            let left = ClockFormat.lapse(remaining, farEnd: next.start, timeZone: state.timeZone)
            var countdown = left.isDate
                ? UIText.board(.handoverAt(ClockFormat.dayTime(next.start, timeZone: state.timeZone))).text(lang)
                : UIText.board(.handoverCountdown(ClockFormat.hourMinute(next.start, timeZone: state.timeZone),
                                                  left.text(lang, short: ClockFormat.duration))).text(lang)
            // The handover's state from half an hour before the change, and how the last one went (#21).
            let report = state.duty.handoverReport(now: state.now, timeZone: state.timeZone)
            if state.station != nil && (report.slot != slot || remaining <= 30 * 60) {
                countdown += " · " + HandoverText.phase(report.phase).text(lang)
            }
            switch state.station == nil ? nil : HandoverReport.outcome(duty, slot: pattern.previous(before: slot, timeZone: state.timeZone), now: state.now) {
            case .late?: countdown += " · " + HandoverText.lastHandoverLate.text(lang)
            case .never?: countdown += " · " + HandoverText.lastHandoverNever.text(lang)
            default: break
            }
            if emergency {
                buffer.fill(Rect(x: inner.x, y: y, width: inner.width, height: 1), style: theme[.banner])
            }
            let titleStyle = emergency ? theme[.banner] : theme[.title]
            let title = UIText.board(.boardTitle(emergency: emergency)).text(lang)
            let right = TextFit.truncate(countdown, to: max(0, inner.width - title.displayWidth - 2))
            buffer.write(title, x: inner.x, y: y, style: titleStyle, clip: inner)
            let style = emergency ? theme[.banner] : (remaining < 15 * 60 ? theme[.warning] : theme[.normal])
            buffer.write(right, x: inner.maxX - right.displayWidth, y: y, style: style, clip: inner)
        }

        if emergency {
            let open = summaries.filter(\.isOpen)
            let level = duty.highestResponseLevel(of: open.map(\.id))
            let worst = open.compactMap { $0.grade ?? $0.suggestedGrade }.max()  // Grade orders by severity: I is the greatest
            line { y in
                let text = TextSafety.sanitize(UIText.board(.emergencySummary(level: level, worstGrade: worst, open: open.count)).text(lang))
                buffer.write(TextFit.truncate(text, to: inner.width), x: inner.x, y: y, style: theme[.warning], clip: inner)
            }
            let rows = max(2, min(open.count + 1, (inner.maxY - y) - 12))
            let tableArea = Rect(x: inner.x, y: y, width: inner.width, height: min(rows, inner.maxY - y))
            IncidentRows.render(open, state: state, into: &buffer, area: tableArea)
            y = tableArea.maxY
            blank()
        } else {
            blank()
        }

        // Emergency mode keeps phone and radio when the screen has the room.
        renderOnDuty(state, slot: slot, next: next, compact: emergency && inner.height < 40, into: &buffer, inner: inner, y: &y)
        blank()
        if inner.maxY - y >= (emergency ? 9 : 8) {
            renderTimeline(state, slot: slot, into: &buffer, inner: inner, y: &y)
            blank()
        }
        renderCounters(state, counters, into: &buffer, inner: inner, y: &y)

        if !emergency && inner.maxY - y >= 4 {
            blank()
            // The count from the counters; only the rows that fit are picked out of thousands.
            line { y in buffer.write(UIText.board(.openIncidentsHeading(counters.open)).text(lang), x: inner.x, y: y, style: theme[.header], clip: inner) }
            let open = Array(summaries.lazy.filter(\.isOpen).prefix(max(0, inner.maxY - y)))
            IncidentRows.render(open, state: state, into: &buffer, area: Rect(x: inner.x, y: y, width: inner.width, height: inner.maxY - y))
        }
    }

    /// Leaders by tier, officers with their channels and B角, the check-in,
    /// the under-two-officers mark, and the next shift.
    private static func renderOnDuty(_ state: AppState, slot: ShiftSlot, next: ShiftSlot, compact: Bool,
                                     into buffer: inout ScreenBuffer, inner: Rect, y: inout Int) {
        let theme = state.theme
        let lang = state.language
        let duty = state.duty.state
        let zone = state.timeZone
        let assignment = duty.assignment(for: slot)
        func put(_ text: String, _ style: Style, x: Int? = nil) {
            guard y < inner.maxY else { return }
            buffer.write(TextFit.truncate(text, to: inner.maxX - (x ?? inner.x)), x: x ?? inner.x, y: y, style: style, clip: inner)
        }

        // Section heading with the check-in on the right.
        guard y < inner.maxY else { return }
        let heading = UIText.board(.onDutyHeading(ClockFormat.dayTime(slot.start, timeZone: zone), ClockFormat.dayTime(slot.end, timeZone: zone))).text(lang)
        put(heading, theme[.header])
        let checkIn = state.duty.checkIn(for: slot, station: state.duty.ownStation)
        let room = inner.width - heading.displayWidth - 2
        var checkText = UIText.board(.notCheckedIn).text(lang)
        if let checkIn {
            // The time of the check-in goes first when room is short.
            let present = checkIn.present.joined(separator: lang.listSeparator)
            checkText = UIText.board(.checkedInStatus(ClockFormat.hourMinute(checkIn.stamp.date, timeZone: zone), present, checkIn.operatorName)).text(lang)
            if checkText.displayWidth > room { checkText = UIText.board(.checkedInStatus("", present, checkIn.operatorName)).text(lang) }
        }
        if room > 8 {
            let fitted = TextFit.truncate(TextSafety.sanitize(checkText), to: room)
            buffer.write(fitted, x: inner.maxX - fitted.displayWidth, y: y, style: checkIn == nil ? theme[.warning] : theme[.ok], clip: inner)
        }
        y += 1

        let labelWidth = max(UIText.board(.leaderLabel).text(lang).displayWidth, UIText.board(.officerLabel).text(lang).displayWidth) + 1
        let nameX = inner.x + 2 + labelWidth
        // The rules say what is wrong with the shift (DOMAIN.md §1: 两级领导带班, 24小时双人值班).
        let violations = duty.violations(for: slot, timeZone: zone)
        guard let assignment, !violations.contains(where: { if case .nobodyRostered = $0 { true } else { false } }) else {
            put("  ■ " + UIText.board(.nobodyRostered).text(lang), theme[.error]); y += 1
            renderNext(state, next: next, into: &buffer, inner: inner, y: &y)
            return
        }

        let leaders = assignment.leadersByTier
        put("  " + UIText.board(.leaderLabel).text(lang), theme[.muted])
        if leaders.isEmpty {
            put(UIText.board(.noLeader).text(lang), theme[.error], x: nameX); y += 1
        } else if compact {
            let text = leaders.map { "\(UIText.board(.tier($0.tier)).text(lang)) \($0.name)" }.joined(separator: "  ")
            put(TextSafety.sanitize(text), theme[.normal], x: nameX); y += 1
        } else {
            let tierWidth = leaders.map { UIText.board(.tier($0.tier)).text(lang).displayWidth }.max()! + 1
            for leader in leaders {
                let contact = duty.contact(id: leader.contactID, name: leader.name)
                let text = TextFit.pad(UIText.board(.tier(leader.tier)).text(lang), to: tierWidth) + TextFit.pad(leader.name, to: 8) + channelText(contact, lang)
                put(TextSafety.sanitize(text), theme[.normal], x: nameX)
                y += 1
            }
        }

        let officers = assignment.namedOfficers
        // On duty follows the check-in (#21): a rostered officer not checked in is marked absent,
        // someone checked in who was not rostered is shown as standing in.
        let absent = UIText.handover(.absentMark).text(lang)
        func isAbsent(_ name: String) -> Bool { checkIn.map { !$0.present.contains(name) } ?? false }
        let standIns = checkIn?.present.filter { p in !officers.contains { $0.name == p } && !leaders.contains { $0.name == p } } ?? []
        put("  " + UIText.board(.officerLabel).text(lang), theme[.muted])
        if compact {
            let names = officers.map { isAbsent($0.name) ? $0.name + absent : $0.name } + standIns.map { $0 + UIText.handover(.standInMark).text(lang) }
            put(TextSafety.sanitize(names.joined(separator: lang.listSeparator)), officers.contains { isAbsent($0.name) } ? theme[.warning] : theme[.normal], x: nameX); y += 1
        } else {
            for officer in officers {
                let contact = duty.contact(id: officer.contactID, name: officer.name)
                let label = officer.name + (isAbsent(officer.name) ? absent : "")
                var text = TextFit.pad(label, to: max(8, label.displayWidth + 2)) + channelText(contact, lang)
                if !officer.backup.isEmpty { text += "  " + UIText.backupLabel.text(lang) + " " + officer.backup }
                put(TextSafety.sanitize(text), isAbsent(officer.name) ? theme[.warning] : theme[.normal], x: nameX)
                y += 1
            }
            for name in standIns {
                put(TextSafety.sanitize(name + UIText.handover(.standInMark).text(lang)), theme[.info], x: nameX)
                y += 1
            }
            if officers.isEmpty && standIns.isEmpty { y += 1 }
        }
        for case .tooFewOfficers(_, let count, _) in violations {
            put("  ■ " + UIText.board(.tooFewOfficers(count)).text(lang), theme[.error]); y += 1
        }
        // Rostered enough, but fewer checked in as present.
        if !violations.contains(where: { if case .tooFewOfficers = $0 { true } else { false } }), let checkIn, checkIn.present.count < 2 {
            put("  ■ " + UIText.board(.tooFewPresent(checkIn.present.count)).text(lang), theme[.error]); y += 1
        }
        renderNext(state, next: next, into: &buffer, inner: inner, y: &y)
    }

    private static func renderNext(_ state: AppState, next: ShiftSlot, into buffer: inout ScreenBuffer, inner: Rect, y: inout Int) {
        guard y < inner.maxY else { return }
        let lang = state.language
        let a = state.duty.state.assignment(for: next)
        let leaders = a?.leadersByTier.map(\.name) ?? []
        let officers = a?.namedOfficers.map(\.name) ?? []
        let text = UIText.board(.nextShift(ClockFormat.dayTime(next.start, timeZone: state.timeZone),
                                    leaders.joined(separator: lang.listSeparator), officers.joined(separator: lang.listSeparator))).text(lang)
        buffer.write(TextFit.truncate(TextSafety.sanitize(text), to: inner.width), x: inner.x, y: y,
                     style: a == nil ? state.theme[.warning] : state.theme[.muted], clip: inner)
        y += 1
    }

    /// "手机 13905231102  电台 泰州应急03": the channels a duty officer calls first.
    static func channelText(_ contact: ContactInfo?, _ lang: Language) -> String {
        guard let contact else { return UIText.board(.notInContacts).text(lang) }
        let wanted: [ChannelInfo.Kind] = [.mobile, .radio, .office]
        return wanted.compactMap { kind in
            contact.channels.first { $0.kind == kind && !$0.value.isEmpty }.map { UIText.channel(kind).text(lang) + " " + $0.value }
        }.prefix(2).joined(separator: "  ")
    }

    /// Today 00:00–24:00: hour labels, the shift blocks with the change time,
    /// the now marker, and incidents received per hour.
    private static func renderTimeline(_ state: AppState, slot: ShiftSlot, into buffer: inout ScreenBuffer, inner: Rect, y: inout Int) {
        let theme = state.theme
        let lang = state.language
        let zone = state.timeZone
        let duty = state.duty.state
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let dayStart = calendar.startOfDay(for: state.now)
        let perHour = max(1, (inner.width - 2) / 24)
        let x0 = inner.x + 1
        func column(_ date: Date) -> Int {
            let hours = date.timeIntervalSince(dayStart) / 3600
            return x0 + Int((hours * Double(perHour)).rounded(.down))
        }
        buffer.write(UIText.board(.timelineHeading).text(lang), x: inner.x, y: y, style: theme[.header], clip: inner)
        y += 1
        guard y + 3 < inner.maxY else { return }

        // Hour labels: every hour when there is room, else every third.
        let step = perHour >= 3 ? (perHour >= 6 ? 1 : 2) : 3
        for hour in stride(from: 0, through: 24, by: step) {
            let label = String(format: "%02d", hour)
            let x = min(x0 + hour * perHour, inner.maxX - 2)
            buffer.write(label, x: x, y: y, style: theme[.muted], clip: inner)
        }
        y += 1

        // The shifts touching today, alternating styles, each labelled with its officers.
        var shifts: [ShiftSlot] = []
        var s = duty.pattern.slot(at: dayStart, timeZone: zone)
        while s.start < dayStart.addingTimeInterval(24 * 3600) && shifts.count < 8 {
            shifts.append(s)
            s = duty.pattern.next(after: s, timeZone: zone)
        }
        let barEnd = x0 + 24 * perHour
        for shift in shifts {
            let from = max(x0, column(shift.start))
            let to = min(barEnd, column(shift.end))
            guard to > from else { continue }
            let style = shift == slot ? theme[.tabActive] : theme[.tabInactive]
            buffer.fill(Rect(x: from, y: y, width: to - from, height: 1), style: style)
            let names = duty.assignment(for: shift)?.namedOfficers.map(\.name).joined(separator: " ") ?? ""
            let label = TextFit.truncate(" " + TextSafety.sanitize(names), to: to - from)
            buffer.write(label, x: from, y: y, style: style, clip: Rect(x: from, y: y, width: to - from, height: 1))
        }
        y += 1

        // Markers: the change time(s) and now. A change label the now label
        // would overwrite joins the now label instead.
        var nowText = "▲" + UIText.board(.nowMarker(ClockFormat.hourMinute(state.now, timeZone: zone))).text(lang)
        let nowX = min(column(state.now), barEnd - 1)
        for shift in shifts where shift.start > dayStart {
            let x = column(shift.start)
            let at = ClockFormat.hourMinute(shift.start, timeZone: zone)
            let text = "↑" + at + UIText.board(.changeMarker).text(lang)
            if x + text.displayWidth + 1 > nowX && nowX + nowText.displayWidth + 1 > x {
                nowText += " · " + UIText.board(.changeMarker).text(lang).trimmingCharacters(in: .whitespaces) + " " + at
                continue
            }
            buffer.write(TextFit.truncate(text, to: max(0, inner.maxX - x)), x: x, y: y, style: theme[.muted], clip: inner)
        }
        buffer.write(TextFit.truncate(nowText, to: max(0, inner.maxX - nowX)), x: nowX, y: y, style: theme[.warning], clip: inner)
        y += 1

        // Incidents received per hour.
        let counts = state.duty.incidentsPerHour(dayStart: dayStart, now: state.now, timeZone: zone)
        for (hour, n) in counts.enumerated() {
            let x = x0 + hour * perHour
            let text = n == 0 ? "·" : (String(n).count >= perHour ? "+" : String(n))
            buffer.write(text, x: x, y: y, style: n == 0 ? theme[.muted] : theme[.warning], clip: inner)
        }
        y += 1
    }

    private static func renderCounters(_ state: AppState, _ c: DayCounters, into buffer: inout ScreenBuffer, inner: Rect, y: inout Int) {
        guard y < inner.maxY else { return }
        let theme = state.theme
        let lang = state.language
        var x = inner.x
        /// Writes `text`, wrapping to the next line when it would not fit.
        func segment(_ text: String, _ style: Style, gap: Int = 2) {
            if x > inner.x && x + text.displayWidth > inner.maxX {
                y += 1
                x = inner.x
            }
            guard y < inner.maxY else { return }
            x = buffer.write(text, x: x, y: y, style: style, clip: inner) + gap
        }
        segment(UIText.board(.counterReceived(c.receivedToday)).text(lang), theme[.normal])
        segment(UIText.board(.counterOpen(c.open)).text(lang), theme[.normal])
        segment(UIText.board(.counterDueSoon(c.dueWithinHour)).text(lang), c.dueWithinHour > 0 ? theme[.warning] : theme[.normal])
        // Overdue reports: red and marked, so they cannot be missed even in mono.
        segment((c.overdue > 0 ? "!! " : "") + UIText.board(.counterOverdue(c.overdue)).text(lang), c.overdue > 0 ? theme[.overdue] : theme[.normal])
        // The warning colours stay on one line with their label.
        let colours: [WarningColor] = [.red, .orange, .yellow, .blue]
        let groupWidth = UIText.board(.counterWarnings).text(lang).displayWidth
            + colours.map { UIText.warningCount($0, c.warnings[$0] ?? 0).text(lang).displayWidth + 1 }.reduce(0, +)
        if x > inner.x && x + groupWidth > inner.maxX {
            y += 1
            x = inner.x
        }
        segment(UIText.board(.counterWarnings).text(lang), theme[.normal], gap: 1)
        for colour in colours {
            let role: ThemeRole = colour == .red ? .alertRed : colour == .orange ? .alertOrange : colour == .yellow ? .alertYellow : .alertBlue
            let n = c.warnings[colour] ?? 0
            segment(UIText.warningCount(colour, n).text(lang), n > 0 ? theme[role] : theme[.muted], gap: colour == .blue ? 2 : 1)
        }
        // Resources (#19): teams out, shelters open and how full, items below minimum, shortfalls to review.
        let r = state.duty.resourceCounts
        if r.teams == 0 && r.isEmpty {
            segment(UIText.board(.counterResourcesOut(c.resourcesOut)).text(lang), theme[.normal])
        } else {
            segment(UIText.resources(.boardTeams(r.teamsOut, r.teams)).text(lang), r.teamsOut > 0 ? theme[.info] : theme[.normal])
            segment(UIText.resources(.boardShelters(r.sheltersOpen, r.occupancy, r.capacityOpen)).text(lang), r.sheltersOpen > 0 ? theme[.info] : theme[.normal])
            if r.itemsBelowMinimum > 0 { segment(UIText.resources(.boardBelow(r.itemsBelowMinimum)).text(lang), theme[.warning]) }
            if r.shortfalls > 0 { segment("!! " + UIText.resources(.boardShort(r.shortfalls)).text(lang), theme[.overdue]) }
        }
        y += 1
    }
}
