import DutyModel
import Foundation
import TerminalUI

/// 值班日志: every call, instruction and note, newest first, live.
enum LogView {
    typealias Item = (key: String, entry: LogEntry)

    static func visibleEntries(_ state: AppState) -> [Item] {
        let duty = state.duty.state
        let query = state.log.list.filter.text.trimmingCharacters(in: .whitespaces).lowercased()
        let words = query.split(separator: " ")
        return duty.log.filter { key, entry in
            guard state.log.kind.includes(entry, done: duty.instructions[key]?.isDone == true) else { return false }
            let haystack = [entry.text, entry.detail, entry.counterpart, entry.operatorName].joined(separator: "\n").lowercased()
            return words.allSatisfy { haystack.contains($0) }
        }.map { (key: $0.key, entry: $0.value) }.sorted { $0.entry.stamp > $1.entry.stamp }
    }

    static func selected(_ state: AppState, in items: [Item]) -> Item? {
        if let key = state.log.list.selectedKey, let item = items.first(where: { $0.key == key }) { return item }
        return items.first
    }

    /// The state of an instruction: done, overdue, or due at a time.
    static func instructionStatus(_ state: AppState, key: String, entry: LogEntry) -> (text: String, overdue: Bool) {
        let lang = state.language
        if let done = state.duty.state.instructions[key]?.done.values.min(by: { $0.stamp < $1.stamp }) {
            return (UIText.instructionDone(ClockFormat.hourMinute(done.stamp.date, timeZone: state.timeZone)).text(lang), false)
        }
        guard entry.dueAtMs > 0 else { return (UIText.instructionOpen.text(lang), false) }
        let due = Date(timeIntervalSince1970: Double(entry.dueAtMs) / 1000)
        let text = ClockFormat.shortDayTime(due, now: state.now, timeZone: state.timeZone)
        return due < state.now ? (UIText.instructionOverdue(text).text(lang), true) : (UIText.instructionDue(text).text(lang), false)
    }

    /// Title line, list, detail box.
    static func layout(_ area: Rect) -> (Rect, Rect, Rect) {
        let inner = area.inset(horizontal: 1, vertical: 0)
        let parts = inner.rows([.fixed(1), .fill, .fixed(inner.height >= 30 ? 9 : 5)])
        return (parts[0], parts[1], parts[2])
    }

    /// Rows of the list visible at the current size.
    static func listRows(_ state: AppState) -> Int { Table.visibleRows(in: layout(RootView.body(state)).1) }

    static func render(_ state: AppState, into buffer: inout ScreenBuffer, area: Rect) -> Position? {
        let theme = state.theme
        let lang = state.language
        let inner = area.inset(horizontal: 1, vertical: 0)
        guard inner.height > 4 else { return nil }
        let items = visibleEntries(state)
        let (top, listArea, detailArea) = layout(area)

        var x = buffer.write(UIText.screenTitle(.log).text(lang), x: top.x, y: top.y, style: theme[.title], clip: top)
        x = buffer.write("  " + UIText.logCount(items.count, state.duty.state.log.count).text(lang) + "  ", x: x, y: top.y, style: theme[.muted], clip: top)
        if state.log.kind != .all {
            x = buffer.write("[" + UIText.logKindFilter(state.log.kind).text(lang) + "] ", x: x, y: top.y, style: theme[.header], clip: top)
        }
        var cursor: Position?
        let list = state.log.list
        if list.isFiltering || !list.filter.isEmpty {
            x = buffer.write(UIText.filterPrompt.text(lang), x: x, y: top.y, style: theme[.header], clip: top)
            var field = list.filter
            let at = field.render(into: &buffer, area: Rect(x: x, y: top.y, width: max(0, min(30, top.maxX - x)), height: 1),
                                  style: list.isFiltering ? theme[.input] : theme[.normal])
            if list.isFiltering { cursor = at }
        } else {
            buffer.write(TextFit.truncate(UIText.logHint.text(lang), to: max(0, top.maxX - x)), x: x, y: top.y, style: theme[.muted], clip: top)
        }

        let wide = listArea.width >= 120
        var columns: [Table.Column] = [
            .init(UIText.columnTime.text(lang), width: .fixed(11)),
            .init(UIText.columnKind.text(lang), width: .fixed(wide ? 12 : 4)),
            .init(UIText.columnCounterpart.text(lang), width: .fixed(wide ? 16 : 10)),
            .init(UIText.columnContent.text(lang), width: .fill),
            .init(UIText.columnState.text(lang), width: .fixed(wide ? 18 : 13)),
        ]
        if wide { columns.append(.init(UIText.columnRecordedBy.text(lang), width: .fixed(10))) }
        var styles: [Int: Style] = [:]
        let rows = items.enumerated().map { i, item -> [String] in
            let e = item.entry
            var status = ""
            if e.kind == .instruction {
                let s = instructionStatus(state, key: item.key, entry: e)
                status = s.text
                if s.overdue { styles[i] = theme[.overdue] }
            }
            var row = [ClockFormat.dayTime(e.stamp.date, timeZone: state.timeZone),
                       UIText.logKind(e.kind, short: !wide).text(lang), e.counterpart, e.text + (e.detail.isEmpty ? "" : " …"), status]
            if wide { row.append(e.operatorName) }
            return row
        }
        let current = selected(state, in: items)
        var table = TableState(selected: current.flatMap { c in items.firstIndex { $0.key == c.key } } ?? 0, offset: list.offset)
        let empty = state.duty.state.log.isEmpty ? UIText.noLogEntries.text(lang) : UIText.noLogMatches.text(lang)
        Table(columns: columns, rows: rows, rowStyles: styles, emptyMessage: empty)
            .render(into: &buffer, area: listArea, state: &table,
                    styles: .init(header: theme[.header], row: theme[.normal], selected: theme[.selection], empty: theme[.muted]))

        let d = Box.draw(detailArea, into: &buffer, border: theme[.border], titleStyle: theme[.title], fill: theme[.normal])
            .inset(horizontal: 1, vertical: 0)
        if let current, d.height > 0 {
            var y = d.y
            for (text, style) in detailLines(state, current) {
                for piece in TextFit.wrap(text, width: d.width) where y < d.maxY {
                    buffer.write(piece, x: d.x, y: y, style: style, clip: d)
                    y += 1
                }
            }
        }
        return cursor
    }

    /// Everything about one entry, for the detail pane and the Enter overlay.
    static func detailLines(_ state: AppState, _ item: Item) -> [(String, Style)] {
        let theme = state.theme
        let lang = state.language
        let e = item.entry
        var head = ClockFormat.statusClock(e.stamp.date, timeZone: state.timeZone) + "  " + UIText.logKind(e.kind, short: false).text(lang)
        if !e.counterpart.isEmpty { head += "  " + e.counterpart }
        head += "  " + UIText.recordedBy(e.operatorName).text(lang)
        var lines: [(String, Style)] = [(TerminalText.sanitize(head), theme[.muted]), (TerminalText.sanitize(e.text), theme[.title])]
        if e.kind == .instruction {
            let s = instructionStatus(state, key: item.key, entry: e)
            lines.append((s.text, s.overdue ? theme[.overdue] : theme[.info]))
        }
        for paragraph in e.detail.split(separator: "\n", omittingEmptySubsequences: false) {
            lines.append((TerminalText.sanitize(String(paragraph)), theme[.normal]))
        }
        return lines
    }
}
