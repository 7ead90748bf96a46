import SafeText
import DutyModel
import Foundation
import TerminalUI

/// 值班日志: every call, instruction and note, newest first, live.
enum LogView {
    typealias Item = (key: String, entry: LogEntry)

    static let detailRows = (short: 5, tall: 9)

    /// The entries the screen lists, newest first: the whole log read by
    /// position from the fold's time-ordered index, or the positions the kind
    /// and `/` filters keep.
    static func visibleEntries(_ state: AppState) -> LogRows {
        let duty = state.duty.state
        let words = state.log.list.filter.text.lowercased().split(separator: " ")
        guard state.log.kind != .all || !words.isEmpty else { return LogRows(log: duty.log, positions: nil) }
        var kept: [Int] = []
        for position in 0..<duty.log.count {
            // The kind is read from the index; the text only for entries the kind keeps.
            guard state.log.kind.admits(duty.log.kind(at: position)) else { continue }
            guard state.log.kind == .openInstructions || !words.isEmpty else { kept.append(position); continue }
            let (key, entry) = duty.log.entry(at: position)
            guard state.log.kind.includes(entry, done: duty.instructions[key]?.isDone == true) else { continue }
            if !words.isEmpty {
                let haystack = [entry.text, entry.detail, entry.counterpart, entry.operatorName].joined(separator: "\n").lowercased()
                guard words.allSatisfy({ haystack.contains($0) }) else { continue }
            }
            kept.append(position)
        }
        return LogRows(log: duty.log, positions: kept)
    }

    /// The selected row: the one kept by key, else the first shown.
    static func selected(_ state: AppState, in rows: LogRows) -> (index: Int, row: Item)? { rows.selected(state.log.list.selectedKey) }

    /// The state of an instruction: done, overdue, or due at a time.
    static func instructionStatus(_ state: AppState, key: String, entry: LogEntry) -> (text: String, overdue: Bool) {
        let lang = state.language
        if let done = state.duty.state.instructions[key]?.done.values.min(by: { $0.stamp < $1.stamp }) {
            return (UIText.log(.instructionDone(ClockFormat.hourMinute(done.stamp.date, timeZone: state.timeZone))).text(lang), false)
        }
        guard entry.dueAtMs > 0 else { return (UIText.log(.instructionOpen).text(lang), false) }
        let due = Date(timeIntervalSince1970: Double(entry.dueAtMs) / 1000)
        let text = ClockFormat.shortDayTime(due, now: state.now, timeZone: state.timeZone)
        return due < state.now ? (UIText.log(.instructionOverdue(text)).text(lang), true) : (UIText.log(.instructionDue(text)).text(lang), false)
    }

    static func listRows(_ state: AppState) -> Int { ListScreen.visibleRows(state, detail: detailRows) }

    static func render(_ state: AppState, into buffer: inout ScreenBuffer, area: Rect) -> Position? {
        let theme = state.theme
        let lang = state.language
        guard area.height > 4 else { return nil }
        let items = visibleEntries(state)
        let (top, listArea, detailArea) = ListScreen.layout(area, detail: detailRows)
        let list = state.log.list
        let cursor = ListScreen.renderTitle(state, title: .screenTitle(.log), count: .log(.logCount(items.count, state.duty.state.log.count)),
                                            tags: state.log.kind == .all ? [] : [UIText.log(.logKindFilter(state.log.kind)).text(lang)],
                                            list: list, hint: .log(.logHint), into: &buffer, area: top)

        let wide = listArea.width >= 120
        // Who gives way on a narrow terminal (#23): who recorded it, the kind, the other
        // party, the state; the text after them; the time last.
        let columns: [Table.Column] = [
            .init(UIText.log(.columnTime).text(lang), minimum: 11, maximum: 11, priority: 8),
            .init(UIText.log(.columnKind).text(lang), minimum: 4, maximum: wide ? 12 : 4, priority: 3),
            .init(UIText.log(.columnCounterpart).text(lang), minimum: 6, maximum: wide ? 16 : 10, priority: 4),
            .init(UIText.log(.columnContent).text(lang), minimum: 12, priority: 7, grow: 1),
            .init(UIText.log(.columnState).text(lang), minimum: 8, maximum: wide ? 18 : 13, priority: 6),
            .init(UIText.log(.columnRecordedBy).text(lang), minimum: 4, maximum: 10, priority: 2),
        ]
        // Only the rows in view are built: the selection is revealed against the whole count first.
        let current = selected(state, in: items)
        var (shown, table) = TableState(selected: current?.index ?? 0, offset: list.offset)
            .window(visibleRows: Table.visibleRows(in: listArea), count: items.count)
        var styles: [Int: Style] = [:]
        let rows = shown.enumerated().map { i, index -> [String] in
            let item = items.row(at: index)
            let e = item.entry
            var status = ""
            if let minutes = clockAhead(state, e) {
                // Dated in the future: a writer's clock ran fast (#17 §3). Kept, and said.
                status = UIText.log(.clockAhead(minutes: minutes)).text(lang)
                styles[i] = theme[.warning]
            } else if e.kind == .instruction {
                let s = instructionStatus(state, key: item.key, entry: e)
                status = s.text
                if s.overdue { styles[i] = theme[.overdue] }
            }
            return [ClockFormat.dayTime(e.stamp.date, timeZone: state.timeZone),
                       UIText.log(.logKind(e.kind, short: !wide)).text(lang), e.counterpart,
                       // Marked for the handover (#21): a sign before the text, readable in mono.
                       (state.duty.state.logMarks[item.key]?.value == true ? "⚑ " : "") + e.text + (e.detail.isEmpty ? "" : " …"), status, e.operatorName]
        }
        let empty = state.duty.state.log.isEmpty ? UIText.log(.noLogEntries).text(lang) : UIText.log(.noLogMatches).text(lang)
        Table(columns: columns, rows: rows, rowStyles: styles, emptyMessage: empty, selectionColumns: 1)
            .render(into: &buffer, area: listArea, state: &table, styles: ListScreen.tableStyles(theme))
        ListScreen.renderDetail(state, current.map { detailLines(state, $0.row) } ?? [], into: &buffer, area: detailArea)
        return cursor
    }

    /// How many minutes past this console's clock an entry is dated, when
    /// that is more than a clock may be ahead (`HybridLogicalClock.maximumLead`).
    /// Not on a drill console: its clock is not the real one, so the
    /// comparison says nothing about the writer's clock.
    static func clockAhead(_ state: AppState, _ e: LogEntry) -> Int? {
        guard !state.drill else { return nil }
        let ahead = e.stamp.date.timeIntervalSince(state.now)
        return ahead > HybridLogicalClock.maximumLead ? Int(ahead / 60) : nil
    }

    /// Everything about one entry, for the detail pane and the Enter overlay.
    static func detailLines(_ state: AppState, _ item: Item) -> [(String, Style)] {
        let theme = state.theme
        let lang = state.language
        let e = item.entry
        var head = ClockFormat.statusClock(e.stamp.date, timeZone: state.timeZone) + "  " + UIText.log(.logKind(e.kind, short: false)).text(lang)
        if !e.counterpart.isEmpty { head += "  " + e.counterpart }
        head += "  " + UIText.log(.recordedBy(e.operatorName)).text(lang)
        var lines: [(String, Style)] = [(TextSafety.sanitize(head), theme[.muted]), (TextSafety.sanitize(e.text), theme[.title])]
        if let minutes = clockAhead(state, e) {
            lines.append((UIText.log(.clockAheadDetail(minutes: minutes)).text(lang), theme[.warning]))
        }
        if e.kind == .instruction {
            let s = instructionStatus(state, key: item.key, entry: e)
            lines.append((s.text, s.overdue ? theme[.overdue] : theme[.info]))
        }
        for paragraph in e.detail.split(separator: "\n", omittingEmptySubsequences: false) {
            lines.append((TextSafety.sanitize(String(paragraph)), theme[.normal]))
        }
        return lines
    }
}

/// The duty log's listed rows (see `LogView.visibleEntries`).
struct LogRows: KeyedRows {
    let log: LogBook
    /// Log positions (0 the newest) the filters keep, ascending; nil: every entry.
    let positions: [Int]?

    var count: Int { positions?.count ?? log.count }

    func row(at index: Int) -> LogView.Item { log.entry(at: positions?[index] ?? index) }

    func key(at index: Int) -> String { row(at: index).key }

    func index(of key: String) -> Int? {
        guard let position = log.position(of: key) else { return nil }
        guard let positions else { return position }
        let i = positions.partitionPoint { $0 < position }
        return i < positions.count && positions[i] == position ? i : nil
    }
}
