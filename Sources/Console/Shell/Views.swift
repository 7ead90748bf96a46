import SafeText
import DutyModel
import Foundation
import TerminalUI

/// A finished frame: the cells and where the terminal cursor should stand
/// (nil hides it).
public struct Frame: Equatable, Sendable {
    public var buffer: ScreenBuffer
    public var cursor: Position?
}

/// Draws the whole console from the state. Pure: same state, same cells.
public enum RootView {
    public static func render(_ state: AppState) -> Frame {
        let theme = state.theme
        var buffer = ScreenBuffer(size: state.size, style: theme[.normal])
        guard !state.isTooSmall else {
            renderTooSmall(state, into: &buffer)
            return Frame(buffer: buffer, cursor: nil)
        }
        let readOnly = state.station?.readOnlyReason
        let fork = state.station?.unacknowledgedForks.first
        let parts = regions(state)
        let (tabs, bannerLine, forkLine, body, messageLine, statusLine) = (parts[0], parts[1], parts[2], parts[3], parts[4], parts[5])
        let warningLine = parts[6]

        TabBar(tabs: Screen.allCases.map { TabBar.Tab(key: "\($0.number)", title: UIText.tab($0).text(state.language)) },
               selected: state.screen.rawValue)
            .render(into: &buffer, area: tabs, active: theme[.tabActive], inactive: theme[.tabInactive])

        if let readOnly {
            // Impossible to miss on every screen: the station cannot save anything.
            buffer.fill(bannerLine, style: theme[.banner])
            buffer.write(TextFit.truncate(UIText.readOnlyBanner(TextSafety.sanitize(readOnly)).text(state.language), to: bannerLine.width),
                         x: bannerLine.x, y: bannerLine.y, style: theme[.banner])
        }

        if let fork {
            buffer.fill(forkLine, style: theme[.banner])
            buffer.write(TextFit.truncate(UIText.forkBanner(TextSafety.sanitize(fork)).text(state.language), to: forkLine.width),
                         x: forkLine.x, y: forkLine.y, style: theme[.banner])
        }

        // A red or orange warning nobody has acknowledged: on every screen until someone does.
        let unacknowledged = WarningsView.unacknowledged(state)
        if let first = WarningsView.bannerWarning(state, in: unacknowledged), let colour = first.color {
            let style = theme[WarningsView.colourRole(colour)]
            buffer.fill(warningLine, style: style)
            // Those past their acknowledgement clock (warnings.toml) are counted where the banner counts them.
            let late = unacknowledged.filter { WarningsView.clockOverdue(state, $0) }.count
            let text = WarningText.banner(colour, WarningsView.typeName(state, first.info), WarningsView.areaText(first.info),
                                          unacknowledged.count - 1, late: late).text(state.language)
            buffer.write(TextFit.truncate(text, to: warningLine.width), x: warningLine.x, y: warningLine.y, style: style)
        }

        // Incident summaries are made once a frame: the board, the incident list and the status bar share them.
        let summaries = state.duty.incidentSummaries(now: state.now, timeZone: state.timeZone)
        let counters = state.duty.dayCounters(now: state.now, timeZone: state.timeZone, summaries: summaries)
        let screenCursor = ScreenView.render(state, summaries: summaries, counters: counters, into: &buffer, area: body)
        // The screen's field keeps the cursor unless something is drawn over it.
        var cursor = state.overlay == nil ? screenCursor : DialogViews.render(state, into: &buffer, area: body)

        switch state.overlay {
        case .command(var field):
            buffer.fill(messageLine, style: theme[.commandLine])
            let prompt = UIText.commandPrompt.text(state.language)
            let x = buffer.write(prompt, x: messageLine.x, y: messageLine.y, style: theme[.commandLine])
            cursor = field.render(into: &buffer, area: Rect(x: x, y: messageLine.y, width: messageLine.maxX - x, height: 1),
                                  style: theme[.commandLine])
        case .checkIn, .mode, .logEntry, .logDetail, .incidentDetail, .incidentAction, .resumeDraft, .warningDetail,
             .dissemination, .warningEntry, .cancelWarning, .resourceDetail, .resourceAction, .handoverNotes, .handoverSign,
             .handoverHistory, nil:
            if let message = state.message {
                let style = message.kind == .error ? theme[.error] : message.kind == .alert ? theme[.overdue] : theme[.info]
                // Messages carry names and text from peers and files: never a control character.
                let text = TextFit.truncate(TextSafety.sanitize(message.text.text(state.language)), to: messageLine.width)
                buffer.write(text, x: messageLine.x, y: messageLine.y, style: style)
            }
        }

        renderStatusBar(state, counters: counters, into: &buffer, area: statusLine)

        if state.helpShown {
            renderHelp(state, into: &buffer, area: body)
            cursor = nil
        }
        return Frame(buffer: buffer, cursor: cursor)
    }

    /// Tab bar, read-only banner, fork banner, body, message line, status bar, then the warning banner (drawn under the tabs).
    static func regions(_ state: AppState) -> [Rect] {
        let banner = state.station?.readOnlyReason == nil ? 0 : 1
        let fork = state.station?.unacknowledgedForks.isEmpty == false ? 1 : 0
        let warning = state.duty.inForceWarningSummaries(now: state.now, timeZone: state.timeZone).contains(where: \.needsAcknowledgement) ? 1 : 0
        let rows = Rect(x: 0, y: 0, width: state.size.width, height: state.size.height)
            .rows([.fixed(1), .fixed(warning), .fixed(banner), .fixed(fork), .fill, .fixed(1), .fixed(1)])
        return [rows[0], rows[2], rows[3], rows[4], rows[5], rows[6], rows[1]]
    }

    /// Where the screens draw.
    static func body(_ state: AppState) -> Rect { regions(state)[3] }

    static func renderTooSmall(_ state: AppState, into buffer: inout ScreenBuffer) {
        let text = UIText.tooSmall(need: AppState.minimumSize, have: state.size).text(state.language)
        let lines = TextFit.wrap(text, width: max(1, state.size.width))
        let top = max(0, (state.size.height - lines.count) / 2)
        for (i, line) in lines.enumerated() {
            let x = max(0, (state.size.width - line.displayWidth) / 2)
            buffer.write(line, x: x, y: top + i, style: state.theme[.warning])
        }
    }

    /// Who gives way on a narrow bar (#23), the least important first: theme, language and
    /// sync time; the record count's word; the record count, resources, yellow and blue
    /// warnings; the clock's date and the operator's label; the operator and an unreachable
    /// sync; the word "report" of the next report; the handover and red and orange warnings;
    /// the clock; the overdue count and the next report due, never while anything else
    /// can (a write not yet durable and the opening progress stand above all).
    enum StatusPriority {
        static let theme = 0, language = 0, synced = 0
        static let recordsWord = 5
        static let records = 10, resources = 10, minorWarnings = 10
        static let clockDate = 15, operatorLabel = 15, unreachableWords = 15
        static let operatorName = 20, unreachable = 20
        static let reportWord = 25
        static let handover = 30, majorWarnings = 30
        static let clock = 50
        static let deadline = 60
        static let progress = 70
    }

    static func renderStatusBar(_ state: AppState, counters: DayCounters, into buffer: inout ScreenBuffer, area: Rect) {
        statusBar(state, counters: counters).render(into: &buffer, area: area, base: state.theme[.statusBar])
    }

    static func statusBar(_ state: AppState, counters: DayCounters) -> StatusBar {
        let theme = state.theme
        let lang = state.language
        let clock = ClockFormat.statusClock(state.now, timeZone: state.timeZone)
        typealias P = StatusPriority
        var right: [StatusBar.Segment] = []
        func add(_ text: UIText, _ style: Style, _ priority: Int, short: (UIText, Int)? = nil) {
            right.append(.init(" \(text.text(lang)) ", style: style, priority: priority,
                               compact: short.map { " \($0.0.text(lang)) " }, detailPriority: short?.1))
        }
        // Opening a large station: how far its first fold (or its snapshot) has come.
        if let opening = state.opening { add(.statusOpening(opening), theme[.warning], P.progress) }
        // A write not yet durable: said until it is (never gives way).
        if state.pendingWrites > 0 { add(.statusSaving, theme[.warning], P.progress) }
        // Report clocks everywhere: the overdue count and the next one due are the last to give way.
        if counters.overdue > 0 {
            right.append(.init(" !! \(UIText.statusOverdue(counters.overdue).text(lang)) ", style: theme[.overdue], priority: P.deadline))
        }
        // The handover from half an hour before the change until it is accepted (#21): after the overdue
        // count, before the warnings' counts (which give way to it; the banner and board keep them).
        let handover = state.duty.handoverReport(now: state.now, timeZone: state.timeZone)
        if state.station != nil, handover.phase != .accepted, state.now >= handover.slot.end.addingTimeInterval(-30 * 60) {
            add(.handover(.statusHandover(handover.phase)), state.now >= handover.slot.end ? theme[.overdue] : theme[.warning], P.handover)
        }
        // Warnings in force by colour, each in its colour and named (mono reads the name).
        for colour in WarningColor.allCases {
            guard let n = counters.warnings[colour], n > 0 else { continue }
            add(.warningCount(colour, n), theme[WarningsView.colourRole(colour)], colour <= .yellow ? P.minorWarnings : P.majorWarnings)
        }
        if let next = counters.nextDue {
            let at = ClockFormat.shortDayTime(next, now: state.now, timeZone: state.timeZone)
            add(.statusNextReport(at), theme[.statusBar], P.deadline, short: (.statusNextReportShort(at), P.reportWord))
        }
        // Resources out (#19): teams out, shelters open, items short; only when there is something to say.
        let resources = state.duty.resourceCounts
        if resources.teamsOut > 0 || resources.sheltersOpen > 0 || resources.itemsBelowMinimum > 0 || resources.shortfalls > 0 {
            add(.resources(.statusBar(resources.teamsOut, resources.sheltersOpen, resources.itemsBelowMinimum, resources.shortfalls)),
                resources.shortfalls > 0 ? theme[.warning] : theme[.statusBar], P.resources)
        }
        if !state.operatorName.isEmpty {
            let name = TextSafety.sanitize(state.operatorName)
            add(.statusOperator(name), theme[.statusBar], P.operatorName, short: (.statusOperatorShort(name), P.operatorLabel))
        }
        if let station = state.station {
            add(.statusRecords(station.recordCount), theme[.statusBar], P.records, short: (.statusRecordsShort(station.recordCount), P.recordsWord))
            if let down = station.syncFolders.compactMap(\.unreachableSince).min() {
                let since = ClockFormat.hourMinute(down, timeZone: state.timeZone)
                add(.statusUnreachable(since), theme[.warning], P.unreachable, short: (.statusUnreachableShort(since), P.unreachableWords))
            } else if !station.syncFolders.isEmpty {
                let last = station.syncFolders.compactMap(\.lastSynced).min()
                add(.statusSynced(last.map { ClockFormat.hourMinute($0, timeZone: state.timeZone) } ?? "…"), theme[.statusBar], P.synced)
            }
        }
        right.append(.init(" \(clock) ", style: theme[.statusAccent], priority: P.clock, compact: " \(clock.suffix(8)) ", detailPriority: P.clockDate))
        add(.statusLanguage, theme[.statusBar], P.language)
        add(.statusTheme(state.theme.name), theme[.statusBar], P.theme)
        return StatusBar(
            // Not the real clock: said first on every screen, before the station's name (which gives way to it) (#17 §3).
            left: (state.drill ? [.init(" \(UIText.statusDrill.text(lang)) ", style: theme[.overdue])] : [])
                + [.init(" \(TextSafety.sanitize(state.stationName)) ", style: theme[.statusAccent])],
            right: right,
            minimumLeftWidth: 14
        )
    }

    static func renderHelp(_ state: AppState, into buffer: inout ScreenBuffer, area: Rect) {
        let lang = state.language
        let theme = state.theme
        let screenKeys = Keymap.screenHelp(state.screen)
        // A dialog with fields open: its keys first, as they are the ones that work now.
        let dialog: [(heading: String, entries: [(key: String, action: String)])] = DialogDraft.key(state.overlay) == nil ? []
            : [(UIText.helpDialogHeading.text(lang), Keymap.dialogHelp.map { ($0.keys, $0.text.text(lang)) })]
        let overlay = HelpOverlay(
            title: UIText.helpTitle.text(lang),
            sections: dialog + [
                (UIText.helpGlobalHeading.text(lang), Keymap.globalHelp.map { ($0.keys, $0.text.text(lang)) }),
                (UIText.helpScreenHeading(state.screen).text(lang),
                 screenKeys.isEmpty ? [("", UIText.helpNoScreenKeys.text(lang))] : screenKeys.map { ($0.keys, $0.text.text(lang)) }),
            ],
            footer: UIText.helpFooter.text(lang))
        let frame = Style(foreground: theme[.border].foreground, background: theme[.dialog].background)
        overlay.render(into: &buffer, area: area, frame: frame, title: theme[.dialogTitle],
                       body: theme[.dialog], key: theme[.helpKey], heading: theme[.dialogTitle], clear: theme[.normal])
    }
}

/// The body of each screen. Screens other work will build say so honestly.
enum ScreenView {
    /// Draws the body; returns where the cursor stands when a field has focus.
    static func render(_ state: AppState, summaries: [IncidentSummary], counters: DayCounters,
                       into buffer: inout ScreenBuffer, area: Rect) -> Position? {
        let theme = state.theme
        buffer.fill(area, style: theme[.normal])
        switch state.screen {
        case .board:
            BoardView.render(state, summaries: summaries, counters: counters, into: &buffer, area: area)
            return nil
        case .contacts:
            return ContactsView.render(state, into: &buffer, area: area)
        case .log:
            return LogView.render(state, into: &buffer, area: area)
        case .incidents:
            return IncidentsView.render(state, summaries: summaries, into: &buffer, area: area)
        case .intake:
            return IntakeView.render(state, into: &buffer, area: area)
        case .warnings:
            return WarningsView.render(state, into: &buffer, area: area)
        case .resources:
            return ResourcesView.render(state, into: &buffer, area: area)
        case .map:
            return MapView.render(state, into: &buffer, area: area)
        case .handover:
            return HandoverView.render(state, into: &buffer, area: area)
        default:
            renderPlaceholder(state, into: &buffer, area: area)
            return nil
        }
    }

    private static func renderPlaceholder(_ state: AppState, into buffer: inout ScreenBuffer, area: Rect) {
        let theme = state.theme
        let inner = area.inset(horizontal: 2, vertical: 1)
        guard inner.height > 0 else { return }
        buffer.write(UIText.screenTitle(state.screen).text(state.language), x: inner.x, y: inner.y, style: theme[.title], clip: inner)
        let lines = TextFit.wrap(UIText.coming(state.screen).text(state.language), width: inner.width)
        for (i, line) in lines.enumerated() where inner.y + 2 + i < inner.maxY {
            buffer.write(line, x: inner.x, y: inner.y + 2 + i, style: theme[.muted], clip: inner)
        }
    }
}

public enum ClockFormat {
    /// `14:02` in the station's time zone.
    public static func hourMinute(_ date: Date, timeZone: TimeZone) -> String {
        String(statusClock(date, timeZone: timeZone).dropFirst(11).prefix(5))
    }

    /// `11-23 08:30` in the station's time zone.
    public static func dayTime(_ date: Date, timeZone: TimeZone) -> String {
        String(statusClock(date, timeZone: timeZone).dropFirst(5).prefix(11))
    }

    /// `15:00` today, `11-24 09:00` on another day.
    public static func shortDayTime(_ date: Date, now: Date, timeZone: TimeZone) -> String {
        statusClock(date, timeZone: timeZone).prefix(10) == statusClock(now, timeZone: timeZone).prefix(10)
            ? hourMinute(date, timeZone: timeZone) : dayTime(date, timeZone: timeZone)
    }

    /// A countdown `18:25:09` (hours may exceed 24; never negative).
    public static func duration(_ seconds: Int) -> String {
        let s = max(0, seconds)
        return String(s / 3600) + ":" + two(s / 60 % 60) + ":" + two(s % 60)
    }

    /// `2026-11-23 14:05:09` in the station's time zone. Civil-date arithmetic
    /// on the zone's offset at that instant (no calendar, no format string:
    /// every row of a list calls it on every frame).
    public static func statusClock(_ date: Date, timeZone: TimeZone) -> String {
        let local = Int((date.timeIntervalSince1970).rounded(.down)) + timeZone.secondsFromGMT(for: date)
        let days = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
        let second = local - days * 86_400
        let (year, month, day) = DutyTime.civilDate(fromDaysSinceEpoch: days)
        let yearText = (0...9999).contains(year) ? two(year / 100) + two(year % 100) : String(year)
        return yearText + "-" + two(month) + "-" + two(day) + " " + two(second / 3600) + ":" + two(second / 60 % 60) + ":" + two(second % 60)
    }

    private static func two(_ v: Int) -> String {
        let digits: [Character] = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"]
        return String([digits[v / 10 % 10], digits[v % 10]])
    }
}
