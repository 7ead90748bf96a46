import SafeText
import DutyModel
import TerminalUI

/// The detail views — an incident, a warning, a registry object, a duty-log
/// entry — by one rule (#23): a box of lines wrapped by display width, a list
/// number, time or label standing alone in its column (`TextFit.wrapHanging`);
/// taller than the screen it scrolls (↑↓ j k one line, PgUp PgDn a page, Home
/// End) and says where it stands on its bottom border ("▼ 1–16/45"), the
/// footer naming the keys. Nothing is cut out of the middle. The scroll is
/// the overlay's own (`Overlay.detailScroll`): a detail opens at its top.
enum DetailView {
    struct Content {
        var title: String
        var lines: [(String, Style)]
        /// The detail's own keys (its actions, Esc).
        var footer: String
    }

    /// Where the box stands and what it shows.
    struct Layout {
        var box: Rect
        var inner: Rect
        /// Every row of the text, wrapped.
        var rows: [(String, Style)]
        /// The footer, wrapped (one or two rows).
        var footer: [String]
        /// Text rows the box shows at once.
        var page: Int

        var maxTop: Int { max(0, rows.count - page) }
        var scrolls: Bool { rows.count > page }
    }

    /// What the open overlay shows, when it is a detail view.
    static func content(_ state: AppState) -> Content? {
        let lang = state.language
        switch state.overlay {
        case .incidentDetail(let id, _):
            // This incident's summary alone (a scroll key never goes through every incident).
            guard let incident = state.duty.state.incidents[id] else { return nil }
            let summary = IncidentSummary(incident, rules: state.duty.rules, now: state.now, timeZone: state.timeZone)
            return Content(title: UIText.screenTitle(.incidents).text(lang) + " " + id,
                           lines: IncidentsView.detailLines(state, summary, full: true), footer: IntakeText.detailKeys.text(lang))
        case .warningDetail(let chainKey, _):
            guard let summary = WarningsView.summary(state, chainKey) else { return nil }
            return Content(title: WarningText.title.text(lang) + " · " + WarningsView.typeName(state, summary.info),
                           lines: WarningsView.detailLines(state, summary, full: true), footer: WarningText.detailKeys.text(lang))
        case .resourceDetail(let key, _):
            guard let entry = state.duty.resource(key) else { return nil }
            // The facts, then the history newest first: it opens on the latest moves.
            let lines = ResourcesView.detailLines(state, entry, historyLimit: nil)
            return Content(title: UIText.screenTitle(.resources).text(lang) + " · " + TextSafety.sanitize(entry.summary.name),
                           lines: lines.map { (TextSafety.sanitize($0.0), $0.1) }, footer: UIText.resources(.detailKeys).text(lang))
        case .logDetail(let key, _):
            guard let entry = state.duty.state.log[key] else { return nil }
            return Content(title: UIText.log(.logDetailTitle).text(lang), lines: LogView.detailLines(state, (key: key, entry: entry)),
                           footer: UIText.helpFooterDetail.text(lang))
        default:
            return nil
        }
    }

    /// The box for `content` in `area`: as tall as its text (and footer) needs, at most the area.
    static func layout(_ state: AppState, _ content: Content, area: Rect) -> Layout {
        let width = min(area.width - 2, area.width >= 120 ? 110 : 76)
        let textWidth = max(1, width - 4)
        var rows: [(String, Style)] = []
        for (text, style) in content.lines {
            for piece in TextFit.wrapHanging(text, width: textWidth) { rows.append((piece, style)) }
        }
        func footer(scrolls: Bool) -> [String] {
            let keys = scrolls ? UIText.detailScrollKeys.text(state.language) + "  " + content.footer : content.footer
            let lines = keyLines(keys, width: textWidth)
            return lines.count <= 2 ? lines : [lines[0], TextFit.truncate(lines[1...].joined(separator: "  "), to: textWidth)]
        }
        // Border, text, footer, border; the footer names the scroll keys only when there is more than fits.
        var keys = footer(scrolls: false)
        if rows.count + keys.count + 2 > area.height { keys = footer(scrolls: true) }
        let box = Box.overlayRect(Size(width: width, height: rows.count + keys.count + 2), in: area)
        let inner = box.inset(horizontal: 2, vertical: 1)
        return Layout(box: box, inner: inner, rows: rows, footer: keys, page: max(1, inner.height - keys.count))
    }

    /// Keys ("r 报送  u 更新  …", groups two spaces apart) in lines of `width`, broken
    /// between groups so a key stays beside its word; a group wider than a line wraps as words.
    static func keyLines(_ keys: String, width: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        for group in keys.components(separatedBy: "  ") where !group.isEmpty {
            let longer = line.isEmpty ? group : line + "  " + group
            if longer.displayWidth <= width || line.isEmpty {
                line = longer
            } else {
                lines.append(line)
                line = group
            }
        }
        if !line.isEmpty { lines.append(line) }
        return lines.flatMap { $0.displayWidth <= width ? [$0] : TextFit.wrap($0, width: width) }
    }

    /// Draws the open detail view; false when the overlay is not one.
    @discardableResult
    static func render(_ state: AppState, into buffer: inout ScreenBuffer, area: Rect) -> Bool {
        guard let content = content(state), let top = state.overlay?.detailScroll else { return false }
        let theme = state.theme
        let layout = layout(state, content, area: area)
        DialogViews.overlayBox(state, title: content.title, size: layout.box.size, in: area, into: &buffer)
        let inner = layout.inner
        let first = min(max(0, top), layout.maxTop)
        for (i, (piece, style)) in layout.rows.dropFirst(first).prefix(layout.page).enumerated() {
            buffer.write(piece, x: inner.x, y: inner.y + i, style: style, clip: inner)
        }
        for (i, line) in layout.footer.enumerated() {
            buffer.write(line, x: inner.x, y: inner.maxY - layout.footer.count + i, style: theme[.muted], clip: inner)
        }
        // Where it stands, on the bottom border: ▲ more above, ▼ more below, the rows shown of all.
        if layout.scrolls {
            let last = min(layout.rows.count, first + layout.page)
            let marks = (first > 0 ? "▲" : "") + (last < layout.rows.count ? "▼" : "")
            let position = " \(marks) \(first + 1)–\(last)/\(layout.rows.count) "
            let x = layout.box.maxX - 2 - position.displayWidth
            if x > layout.box.x + 1 {
                buffer.write(position, x: x, y: layout.box.maxY - 1, style: theme[.dialogTitle], clip: layout.box)
            }
        }
        return true
    }

    /// ↑↓ j k, PgUp PgDn, Home End in an open detail view: the overlay scrolled,
    /// kept within its text. False for any other key (the detail's own keys).
    static func handleScrollKey(_ state: inout AppState, _ press: KeyPress) -> Bool {
        guard !press.alt, let overlay = state.overlay, let top = overlay.detailScroll else { return false }
        let step: Int?
        switch press.key {
        case .up, .char("k"): step = -1
        case .down, .char("j"): step = 1
        case .home: step = Int.min / 2
        case .end: step = Int.max / 2
        case .pageUp, .pageDown: step = nil
        default: return false
        }
        guard let content = content(state) else { return true }
        let layout = layout(state, content, area: RootView.body(state))
        // A page keeps one row of the last in view.
        let page = max(1, layout.page - 1)
        let move = step ?? (press.key == .pageUp ? -page : page)
        let current = min(max(0, top), layout.maxTop)
        state.overlay = overlay.withDetailScroll(min(max(0, current + move), layout.maxTop))
        return true
    }
}

extension Overlay {
    /// The first row a detail view shows; nil for any other overlay.
    var detailScroll: Int? {
        switch self {
        case .incidentDetail(_, let scroll), .warningDetail(_, let scroll), .resourceDetail(_, let scroll), .logDetail(_, let scroll):
            return scroll
        default:
            return nil
        }
    }

    /// The same detail view scrolled to `scroll` (any other overlay unchanged).
    func withDetailScroll(_ scroll: Int) -> Overlay {
        switch self {
        case .incidentDetail(let id, _): return .incidentDetail(id, scroll: scroll)
        case .warningDetail(let key, _): return .warningDetail(key, scroll: scroll)
        case .resourceDetail(let key, _): return .resourceDetail(key, scroll: scroll)
        case .logDetail(let key, _): return .logDetail(key, scroll: scroll)
        default: return self
        }
    }
}
