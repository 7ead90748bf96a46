import SafeText
import DutyModel
import Foundation
import Geo
import TerminalUI

/// 应急资源 (#19): teams, depots with their stock, shelters, fire stations,
/// hazard sources, monitoring points and large equipment as one table, by kind
/// tab, filtered as you type (pinyin initials too), sorted by distance from an
/// incident on request, with the selected object's detail and history below.
enum ResourcesView {
    struct Row {
        var entry: ResourceEntry
        /// From the incident sorted by, when it and the object have a point.
        var distance: Double?
    }

    /// The tabs, "all" first.
    static let kinds: [ResourceSummary.Kind?] = [nil] + ResourceSummary.Kind.allCases.map { $0 }

    /// The incident the list is sorted by distance from, while it is still there.
    static func nearIncident(_ state: AppState) -> IncidentState? {
        state.resources.nearIncident.flatMap { state.duty.state.incidents[$0] }
    }

    /// Where distances are measured from: the incident's point, else (approximately) the
    /// middle of the registry's points in its town, else in its county.
    static func nearPoint(_ state: AppState) -> (place: PlaceInfo, approximate: Bool)? {
        guard let place = nearIncident(state)?.place.value else { return nil }
        if place.latitude != nil && place.longitude != nil { return (place, false) }
        for matches in [{ (p: PlaceInfo) in !place.town.isEmpty && p.town == place.town && p.county == place.county },
                        { (p: PlaceInfo) in !place.county.isEmpty && p.county == place.county }] {
            let points = state.duty.resources.compactMap { e -> (Double, Double)? in
                let p = e.summary.place
                guard matches(p), let lat = p.latitude, let lon = p.longitude else { return nil }
                return (lat, lon)
            }
            guard !points.isEmpty else { continue }
            var centre = place
            centre.latitude = points.map(\.0).reduce(0, +) / Double(points.count)
            centre.longitude = points.map(\.1).reduce(0, +) / Double(points.count)
            return (centre, true)
        }
        return nil
    }

    /// The rows shown: of the tab's kind, matching the filter, nearest first when sorted by distance.
    static func visible(_ state: AppState) -> [Row] {
        let screen = state.resources
        let query = screen.list.filter.text.trimmingCharacters(in: .whitespaces)
        var entries = state.duty.resources
        if let kind = screen.kind { entries = entries.filter { $0.summary.kind == kind } }
        if !query.isEmpty { entries = entries.filter { $0.matches(query) } }
        guard let from = nearPoint(state)?.place else { return entries.map { Row(entry: $0, distance: nil) } }
        let origin = from.latitude.flatMap { lat in from.longitude.map { GeoPosition(lat: lat, lon: $0) } }
        let rows = entries.map { e in
            Row(entry: e, distance: origin.flatMap { o in NearestResources.point(e.summary).map { distanceKM(o, $0) } })
        }
        return rows.enumerated().sorted {
            ($0.element.distance ?? .infinity, $0.offset) < ($1.element.distance ?? .infinity, $1.offset)
        }.map(\.element)
    }

    static func selected(_ state: AppState, in rows: [Row]) -> (index: Int, entry: ResourceEntry)? {
        state.resources.list.selected(in: rows, key: \.entry.key).map { ($0.index, $0.row.entry) }
    }

    static let detailRows = (short: 6, tall: 10)

    /// Title, kind tabs, list, detail box.
    static func layout(_ area: Rect) -> (top: Rect, tabs: Rect, list: Rect, detail: Rect) {
        let inner = area.inset(horizontal: 1, vertical: 0)
        let parts = inner.rows([.fixed(1), .fixed(1), .fill, .fixed(inner.height >= 30 ? detailRows.tall : detailRows.short)])
        return (parts[0], parts[1], parts[2], parts[3])
    }

    static func listRows(_ state: AppState) -> Int { Table.visibleRows(in: layout(RootView.body(state)).list) }

    static func render(_ state: AppState, into buffer: inout ScreenBuffer, area: Rect) -> Position? {
        let theme = state.theme
        let lang = state.language
        guard area.height > 5 else { return nil }
        let rows = visible(state)
        let all = state.duty.resources
        let (top, tabs, listArea, detailArea) = layout(area)
        var tags: [String] = []
        if let incident = nearIncident(state) {
            if let point = nearPoint(state) {
                tags.append(UIText.resources(.near(incident.id)).text(lang) + (point.approximate ? UIText.resources(.approximate).text(lang) : ""))
            } else {
                tags.append(incident.id + " · " + UIText.resources(.noPoint).text(lang))
            }
        }
        let cursor = ListScreen.renderTitle(state, title: .screenTitle(.resources), count: .resources(.count(rows.count, all.count)),
                                            tags: tags, list: state.resources.list, hint: .resources(.hint), into: &buffer, area: top)
        renderTabs(state, into: &buffer, area: tabs)

        let rules = state.duty.rules.resources
        let wide = listArea.width >= 120
        let near = nearPoint(state) != nil
        let approximately = near && nearPoint(state)?.approximate == true ? "≈" : ""
        // Who gives way on a narrow terminal (#23): the contact and id (wide only), the figures,
        // the town, the kind; the status and the distance to the incident after them; the name last.
        var columns: [Table.Column] = []
        if wide { columns.append(.init(UIText.resources(.columnID).text(lang), minimum: 9, maximum: 9, priority: 2)) }
        columns += [
            .init(UIText.resources(.columnName).text(lang), minimum: 8, priority: 8, grow: 3),
            .init(UIText.resources(.columnKind).text(lang), minimum: 6, maximum: wide ? 18 : 12, priority: 5),
            .init(UIText.resources(.columnTown).text(lang), minimum: 4, maximum: wide ? 18 : 8, priority: 4),
            .init(UIText.resources(.columnStatus).text(lang), minimum: 6, maximum: lang == .zh ? 8 : 11, priority: 6),
            .init(UIText.resources(.columnFigures).text(lang), minimum: 6, priority: 3, grow: wide ? 3 : 2),
        ]
        if wide { columns.append(.init(UIText.resources(.columnContact).text(lang), minimum: 11, maximum: 22, priority: 1)) }
        if near { columns.append(.init(UIText.resources(.columnDistance).text(lang), minimum: 7, maximum: 9, priority: 7, alignment: .right)) }
        // Only the rows in view are made into text (a registry may hold thousands).
        let list = state.resources.list
        let current = list.selected(in: rows, key: \.entry.key)
        let visibleRows = Table.visibleRows(in: listArea)
        let window = TableState(selected: current?.index ?? 0, offset: list.offset).window(visibleRows: visibleRows, count: rows.count)
        let cells = window.rows.map { i -> [String] in
            let s = rows[i].entry.summary
            var row: [String] = []
            if wide { row.append(s.id) }
            // The subkind says the kind too (a fire and rescue team, a city depot), except a hazard's grade.
            let subkind = ResourceText.subkind(s, rules: rules, language: lang)
            let kind = s.kind == .hazard || subkind.isEmpty || (wide && state.resources.kind == nil)
                ? ResourceText.kindName(s.kind, lang) + (subkind.isEmpty ? "" : "·" + subkind) : subkind
            row += [s.name, kind, wide ? [s.place.county, s.place.town].filter { !$0.isEmpty }.joined(separator: "·") : s.place.town,
                    s.kind == .depot ? unitText(s, rules: rules, language: lang) : ResourceText.status(s, rules: rules, language: lang),
                    ResourceText.figures(s, rules: rules, language: lang)]
            if wide { row.append(s.contact) }
            if near { row.append(rows[i].distance.map { approximately + UIText.resources(.km($0)).text(lang) } ?? "—") }
            return row.map { TextSafety.sanitize($0) }
        }
        var table = window.state
        let empty = all.isEmpty ? UIText.resources(.noResources).text(lang) : UIText.resources(.noMatches).text(lang)
        Table(columns: columns, rows: cells, emptyMessage: empty, selectionColumns: wide ? 2 : 1)
            .render(into: &buffer, area: listArea, state: &table, styles: ListScreen.tableStyles(theme))
        ListScreen.renderDetail(state, current.map { detailLines(state, $0.row.entry, historyLimit: detailArea.height >= 10 ? 4 : 1) } ?? [],
                                into: &buffer, area: detailArea)
        return cursor
    }

    /// "全部 154  队伍 44  储备库 15 …", the tab shown in the selection style.
    static func renderTabs(_ state: AppState, into buffer: inout ScreenBuffer, area: Rect) {
        let theme = state.theme
        let lang = state.language
        var counts: [ResourceSummary.Kind: Int] = [:]
        for entry in state.duty.resources { counts[entry.summary.kind, default: 0] += 1 }
        let names = kinds.map { kind in kind.map { ResourceText.kindName($0, lang) } ?? UIText.resources(.allKinds).text(lang) }
        let numbers = kinds.map { kind in kind.map { counts[$0] ?? 0 } ?? state.duty.resources.count }
        // The widest form that fits: " team 44 " spaced, then "team 44" close, then the names alone.
        let forms: [(labels: [String], gap: Int)] = [
            (kinds.indices.map { " \(names[$0]) \(numbers[$0]) " }, 1),
            (kinds.indices.map { "\(names[$0]) \(numbers[$0])" }, 1),
            (names, 1),
        ]
        let form = forms.first { f in f.labels.reduce(0) { $0 + $1.displayWidth + f.gap } <= area.width + f.gap } ?? forms[2]
        var x = area.x
        for (i, kind) in kinds.enumerated() {
            let style = kind == state.resources.kind ? theme[.tabActive] : (numbers[i] == 0 ? theme[.muted] : theme[.tabInactive])
            x = buffer.write(form.labels[i], x: x, y: area.y, style: style, clip: area) + form.gap
            if x >= area.maxX { break }
        }
    }

    /// What the detail box and the detail overlay say of one object: its facts, then the
    /// history's heading and the newest `historyLimit` moves (every one kept when nil),
    /// newest first (the overlay opens on them; older ones are a scroll away).
    static func detailLines(_ state: AppState, _ entry: ResourceEntry, historyLimit: Int?) -> [(String, Style)] {
        let theme = state.theme
        let lang = state.language
        let rules = state.duty.rules.resources
        let s = entry.summary
        var lines: [(String, Style)] = []
        let head = [s.name, ResourceText.kindName(s.kind, lang), ResourceText.subkind(s, rules: rules, language: lang),
                    s.kind == .depot ? unitText(s, rules: rules, language: lang) : ResourceText.status(s, rules: rules, language: lang), s.id].filter { !$0.isEmpty }.joined(separator: " · ")
        lines.append((head, theme[.title]))
        let point = s.place.latitude.flatMap { lat in s.place.longitude.map { String(format: "%.4f, %.4f", lat, $0) } } ?? ""
        lines.append((UIText.resources(.detailPlace(s.place.summary, point)).text(lang), theme[.normal]))
        let who = [s.kind == .depot ? "" : unitText(s, rules: rules, language: lang), s.contact].filter { !$0.isEmpty }.joined(separator: "  ")
        if !who.isEmpty { lines.append((UIText.resources(s.kind == .shelter ? .detailHost(who) : .detailContact(who)).text(lang), theme[.normal])) }
        let figures = ResourceText.figures(s, rules: rules, language: lang)
        if !figures.isEmpty { lines.append((figures, theme[.normal])) }
        if s.kind == .team, !s.detail.isEmpty { lines.append((s.detail, theme[.muted])) }
        func itemList(_ items: [String: Int64]) -> String {
            items.sorted { $0.key < $1.key }.map { item, n in
                let info = rules.item(item)
                return (lang == .zh ? info?.zh : info?.en).map { "\($0) \(n)" } ?? "\(item) \(n)"
            }.joined(separator: lang == .zh ? "、" : ", ")
        }
        if !s.belowMinimum.isEmpty { lines.append((UIText.resources(.belowMinimum(itemList(s.belowMinimum))).text(lang), theme[.warning])) }
        if !s.shortfall.isEmpty { lines.append((UIText.resources(.shortfall(itemList(s.shortfall))).text(lang), theme[.overdue])) }
        // Reserves due for rotation (轮换), soonest first.
        if s.kind == .depot, let items = state.duty.state.depots[s.id]?.items {
            let due = items.compactMap { item, register -> (String, String)? in
                guard let date = register.value?.rotationDue, !date.isEmpty else { return nil }
                return (date, item)
            }.sorted { $0 < $1 }.prefix(historyLimit == nil ? 20 : 3)
            if !due.isEmpty {
                let text = due.map { date, item in
                    UIText.resources(.rotationDue((lang == .zh ? rules.item(item)?.zh : rules.item(item)?.en) ?? item, date)).text(lang)
                }.joined(separator: "  ")
                lines.append((text, theme[.muted]))
            }
        }
        // The newest first, from the station thread's list (never a sort of every move per frame).
        let (count, newest) = state.duty.recentMoves(s.kind.rawValue + ":" + s.id)
        guard historyLimit != 0 else { return lines }
        lines.append((UIText.resources(.detailHistory).text(lang) + (count > newest.count ? " · " + UIText.resources(.count(newest.count, count)).text(lang) : ""),
                      theme[.header]))
        if newest.isEmpty { lines.append((UIText.resources(.noHistory).text(lang), theme[.muted])) }
        let shown = Array(newest.lazy.filter { !($0.kind == .teamStatus && $0.status == "dispatched") }.prefix(historyLimit ?? newest.count))
        for move in shown {
            lines.append((ClockFormat.shortDayTime(move.stamp.date, now: state.now, timeZone: state.timeZone) + "  " + moveText(state, move),
                          theme[.normal]))
        }
        return lines
    }

    /// A depot's reserve kind and a shelter's host in words; a team's or feature's unit as given.
    static func unitText(_ s: ResourceSummary, rules: ResourceRules, language: Language) -> String {
        switch s.kind {
        case .depot: return ResourceText.name(s.unit, in: rules.reserveKinds, language)
        case .shelter: return ResourceText.name(s.unit, in: rules.shelterHosts, language)
        default: return s.unit
        }
    }

    /// One move in the object's own words.
    static func moveText(_ state: AppState, _ move: ResourceMove) -> String {
        let lang = state.language
        let rules = state.duty.rules.resources
        switch move.kind {
        case .dispatch:
            return UIText.resources(.moveDispatched(move.incidentID, move.quantity, move.note, move.operatorName)).text(lang)
        case .teamStatus:
            let status = ResourceText.name(move.status, in: rules.teamStatuses, lang)
            return UIText.resources(.moveTeamStatus(status, move.incidentID, move.note, move.operatorName)).text(lang)
        case .stock:
            let item = ResourceText.quantity(move.item, abs(move.quantity), rules: rules, language: lang)
            let to = move.shelterID.isEmpty ? move.incidentID : state.duty.resource("shelter:" + move.shelterID)?.summary.name ?? move.shelterID
            return UIText.resources(.moveStock(item, move.quantity, move.status, to, move.operatorName)).text(lang)
        case .shelterStatus:
            let status = ResourceText.name(move.status, in: rules.shelterStatuses, lang)
            return UIText.resources(.moveShelter(status, move.quantity, move.note, move.operatorName)).text(lang)
        }
    }

    /// The resource lines of an incident's timeline (dispatches, arrivals, returns, items issued), with when.
    static func timelineEntries(_ state: AppState, incidentID: String) -> [(Date, Stamp, String)] {
        let lang = state.language
        let rules = state.duty.rules.resources
        let (count, newest) = state.duty.recentMoves("incident:" + incidentID)
        // More than the station thread keeps at hand: said at the place of the oldest shown.
        var earlier: [(Date, Stamp, String)] = []
        if count > newest.count, let oldest = newest.last {
            earlier = [(oldest.stamp.date, oldest.stamp, UIText.resources(.earlierMoves(count - newest.count)).text(lang))]
        }
        return earlier + newest.reversed().compactMap { move -> (Date, Stamp, String)? in
            let name: String
            switch move.kind {
            // A dispatch says it once (its status change to "dispatched" goes with it).
            case .teamStatus where move.status == "dispatched": return nil
            case .dispatch, .teamStatus: name = state.duty.resource("team:" + move.objectID)?.summary.name ?? move.objectID
            case .stock: name = state.duty.resource("depot:" + move.objectID)?.summary.name ?? move.objectID
            case .shelterStatus: return nil
            }
            let text: String
            switch move.kind {
            case .dispatch:
                text = UIText.resources(.timelineDispatch(name, move.quantity, move.note, move.operatorName)).text(lang)
            case .teamStatus:
                text = UIText.resources(.timelineTeam(name, ResourceText.name(move.status, in: rules.teamStatuses, lang), move.operatorName)).text(lang)
            case .stock:
                guard move.status == "issue" || move.status == "return" else { return nil }
                text = UIText.resources(.timelineStock(name, ResourceText.quantity(move.item, abs(move.quantity), rules: rules, language: lang),
                                                       abs(move.quantity), move.status, move.operatorName)).text(lang)
            case .shelterStatus:
                return nil
            }
            return (move.stamp.date, move.stamp, text)
        }
    }
}
