import SafeText
import DutyModel
import Foundation
import Station
import TerminalUI

/// An action on a registry object (#19): dispatch a team, a team's or a
/// shelter's status, issue items from a depot or take them back. Choice rows
/// (←/→) and text fields; the station checks it under its append lock and a
/// refusal that can be overridden (a team on another task, a shelter above
/// capacity) asks once more in the dialog.
public struct ResourceActionDialog: Equatable, Sendable {
    public enum Action: Sendable { case dispatch, teamStatus, shelter, issue, giveBack }

    public struct Choice: Equatable, Sendable {
        public var label: ResourcesText
        public var values: [String]
        /// What the officer sees for each value.
        public var names: [String]
        public var index: Int
        public var value: String { values[index] }
    }

    public struct Field: Equatable, Sendable {
        public var label: ResourcesText
        public var field: TextFieldState
    }

    /// The fields that take a count (digits only).
    static let countLabels: Set<ResourcesText> = [.labelHeadcount, .labelOccupancy, .labelQuantity]

    public var action: Action
    /// The object's entry key ("team:T01") and id.
    public var key: String
    public var objectID: String
    public var objectName: String
    public var choices: [Choice] = []
    public var fields: [Field] = []
    /// Choice rows first, then fields.
    public var focus = 0
    public var problem: UIText?
    /// The station refused with a question (reassign? above capacity?): the next save says yes.
    public var confirming = false
    /// Opened from the object's detail: Esc and success go back there.
    public var fromDetail = false

    var rowCount: Int { choices.count + fields.count }
}

extension AppState {
    /// Opens `action` (nil: the status fitting the object) on `entry`, or says why not. The open incident
    /// `firstIncident` (else the one the resources are sorted by) comes first among the incidents.
    mutating func openResourceAction(_ action: ResourceActionDialog.Action?, on entry: ResourceEntry, fromDetail: Bool,
                                     firstIncident: String? = nil) -> [Effect] {
        let s = entry.summary
        let lang = language
        let rules = duty.rules.resources
        func refuse(_ text: ResourcesText) -> [Effect] {
            message = Message(.resources(text), kind: .error)
            return [.bell]
        }
        let chosen: ResourceActionDialog.Action
        switch action ?? (s.kind == .team ? .teamStatus : s.kind == .shelter ? .shelter : .teamStatus) {
        case .dispatch, .teamStatus:
            guard s.kind == .team else { return refuse(action == .dispatch ? .onlyTeams : .onlyTeamsOrShelters) }
            chosen = action ?? .teamStatus
        case .shelter:
            guard s.kind == .shelter else { return refuse(.onlyShelters) }
            chosen = .shelter
        case .issue, .giveBack:
            guard s.kind == .depot else { return refuse(.onlyDepots) }
            chosen = action!
        }
        var dialog = ResourceActionDialog(action: chosen, key: entry.key, objectID: s.id, objectName: s.name)
        dialog.fromDetail = fromDetail
        let open = duty.openIncidents(now: now, timeZone: timeZone)
        // The incident sorted by (or the map's nearest) comes first: that is the one the officer is looking at.
        let first = firstIncident ?? resources.nearIncident
        let ordered = open.filter { $0.id == first } + open.filter { $0.id != first }
        let incidentChoice = ResourceActionDialog.Choice(label: .labelIncident, values: ordered.map(\.id),
                                                         names: ordered.map { $0.id + "  " + IncidentLabel.short(self, $0) }, index: 0)
        switch chosen {
        case .dispatch:
            guard !ordered.isEmpty else { return refuse(.noIncidentToSend) }
            dialog.choices = [incidentChoice]
            dialog.fields = [.init(label: .labelHeadcount, field: TextFieldState(text: s.headcount.map(String.init) ?? "", maxLength: 6)),
                             .init(label: .labelOrderedBy, field: TextFieldState(maxLength: 40))]
            dialog.focus = 2
        case .teamStatus:
            let statuses = ["on_scene", "returning", "standby", "unavailable", "dispatched"].filter { id in rules.teamStatuses.contains { $0.id == id } && id != "dispatched" }
            let next = ["dispatched": "on_scene", "on_scene": "returning", "returning": "standby", "standby": "unavailable", "unavailable": "standby"][s.status] ?? "standby"
            dialog.choices = [.init(label: .labelStatus, values: statuses, names: statuses.map { ResourceText.name($0, in: rules.teamStatuses, lang) },
                                    index: statuses.firstIndex(of: next) ?? 0)]
            dialog.fields = [.init(label: .labelNote, field: TextFieldState(maxLength: 500))]
            dialog.focus = 1
        case .shelter:
            let statuses = rules.shelterStatuses.map(\.id)
            let next = s.status == "closed" ? "open" : s.status == "open" ? "running" : s.status
            dialog.choices = [.init(label: .labelStatus, values: statuses, names: rules.shelterStatuses.map { lang == .zh ? $0.zh : $0.en },
                                    index: statuses.firstIndex(of: next) ?? 0)]
            dialog.fields = [.init(label: .labelOccupancy, field: TextFieldState(text: String(s.occupancy ?? 0), maxLength: 9)),
                             .init(label: .labelNote, field: TextFieldState(maxLength: 500))]
            dialog.focus = 1
        case .issue, .giveBack:
            // Items this depot holds (to issue) or has ever counted (to take back), in the registry's order.
            let items = rules.items.map(\.id).filter { chosen == .issue ? (s.stock[$0] ?? 0) > 0 : s.stock[$0] != nil }
            guard !items.isEmpty else { return refuse(.noItems) }
            let names = items.map { id -> String in
                let info = rules.item(id)
                let n = s.stock[id] ?? 0
                return lang == .zh ? "\(info?.zh ?? id)（库存 \(n)\(info?.unitZh ?? "")）" : "\(info?.en ?? id) (\(n) held)"
            }
            // Issued to an open incident or a shelter that is open; taken back from where this
            // depot's items went (closed ones too), the newest first, then the open ones.
            var targets: [String] = [], targetNames: [String] = []
            func add(_ target: String, _ name: String) {
                guard !targets.contains(target) else { return }
                targets.append(target)
                targetNames.append(name)
            }
            if chosen == .giveBack {
                for move in duty.recentMoves("depot:" + s.id).newest where move.kind == .stock && move.status == "issue" {
                    if !move.shelterID.isEmpty {
                        add("shelter:" + move.shelterID, duty.resource("shelter:" + move.shelterID)?.summary.name ?? move.shelterID)
                    } else if !move.incidentID.isEmpty {
                        let label = duty.state.incidents[move.incidentID].map { IncidentSummary($0, rules: duty.rules, now: now, timeZone: timeZone) }
                            .map { IncidentLabel.short(self, $0) } ?? ""
                        add("incident:" + move.incidentID, move.incidentID + "  " + label)
                    }
                }
                guard !targets.isEmpty else { return refuse(.nothingToReturn) }
            }
            for (id, name) in zip(ordered.map { "incident:" + $0.id }, incidentChoice.names) { add(id, name) }
            for shelter in duty.resources where shelter.summary.kind == .shelter && shelter.summary.status != "closed" {
                add("shelter:" + shelter.summary.id, shelter.summary.name + "  " + shelter.summary.place.town)
            }
            guard !targets.isEmpty else { return refuse(.noIncidentToSend) }
            dialog.choices = [.init(label: .labelItem, values: items, names: names, index: 0),
                              .init(label: .labelTo, values: targets, names: targetNames, index: 0)]
            dialog.fields = [.init(label: .labelQuantity, field: TextFieldState(maxLength: 9))]
            dialog.focus = 2
        }
        // A station's own resources.toml may list no statuses: nothing to choose is said, never drawn.
        guard dialog.choices.allSatisfy({ !$0.values.isEmpty && $0.values.count == $0.names.count }) else { return refuse(.noStatuses) }
        overlay = .resourceAction(dialog)
        message = nil
        return []
    }
}

func handleResourceActionKey(_ state: inout AppState, _ dialog: inout ResourceActionDialog, _ press: KeyPress) -> [Effect] {
    let choiceRows = dialog.choices.count
    if let focus = FormRows.moveFocus(press.key, focus: dialog.focus, rows: dialog.rowCount) {
        dialog.focus = focus
        return []
    }
    switch press.key {
    case .escape, .ctrl("c"):
        state.overlay = dialog.fromDetail ? .resourceDetail(dialog.key) : nil
        return []
    case .ctrl("s"):
        return saveResourceAction(&state, &dialog)
    case .enter:
        if dialog.confirming || dialog.focus == dialog.rowCount - 1 { return saveResourceAction(&state, &dialog) }
        dialog.focus += 1
        return []
    case .left where dialog.focus < choiceRows, .right where dialog.focus < choiceRows:
        // Only the arrows choose: a pasted space must not change the incident or the item.
        var row = dialog.choices[dialog.focus]
        row.index = (row.index + (press.key == .left ? row.values.count - 1 : 1)) % row.values.count
        dialog.choices[dialog.focus] = row
        // A changed choice is a new question: a confirmation given for the old one does not carry over.
        dialog.problem = nil
        dialog.confirming = false
        return []
    default:
        guard dialog.focus >= choiceRows else { return [] }
        var row = dialog.fields[dialog.focus - choiceRows]
        // A count takes digits only: said at the key, not at the save.
        if ResourceActionDialog.countLabels.contains(row.label), case .char(let c) = press.key, !(c.isASCII && c.isNumber) {
            dialog.problem = .resources(.notTaken(row.label.text(state.language), String(c)))
            return [.bell]
        }
        if row.field.handle(press) == .edited {
            if !(dialog.confirming && row.label == .labelNote) {
                dialog.problem = nil
                dialog.confirming = false
            }
        }
        dialog.fields[dialog.focus - choiceRows] = row
        return []
    }
}

private func saveResourceAction(_ state: inout AppState, _ dialog: inout ResourceActionDialog) -> [Effect] {
    let lang = state.language
    let rules = state.duty.rules.resources
    func text(_ label: ResourcesText) -> String {
        guard let row = dialog.fields.first(where: { $0.label == label }) else { return "" }
        return TextSafety.sanitize(row.field.text).trimmingCharacters(in: .whitespaces)
    }
    func focusField(_ label: ResourcesText) -> Int { dialog.choices.count + (dialog.fields.firstIndex { $0.label == label } ?? 0) }
    func fail(_ problem: ResourcesText, at label: ResourcesText) -> [Effect] {
        dialog.problem = .resources(problem)
        dialog.focus = focusField(label)
        return [.bell]
    }
    func number(_ label: ResourcesText) -> Int64? {
        let t = text(label)
        guard !t.isEmpty, t.allSatisfy({ $0.isASCII && $0.isNumber }), let n = Int64(t) else { return nil }
        return n
    }
    let name = dialog.objectName
    let request: ResourceRequest
    let confirmation: ResourcesText
    switch dialog.action {
    case .dispatch:
        let incident = dialog.choices[0].value
        guard let headcount = number(.labelHeadcount) else { return fail(.notANumber(ResourcesText.labelHeadcount.text(lang)), at: .labelHeadcount) }
        guard !text(.labelOrderedBy).isEmpty else { return fail(.orderedByRequired, at: .labelOrderedBy) }
        request = .dispatch(team: dialog.objectID, incident: incident, headcount: Int(clamping: headcount), orderedBy: text(.labelOrderedBy),
                            reassign: dialog.confirming)
        confirmation = .dispatched(name, incident)
    case .teamStatus:
        let status = dialog.choices[0].value
        request = .teamStatus(team: dialog.objectID, status: status, note: text(.labelNote))
        confirmation = .teamStatusSet(name, ResourceText.name(status, in: rules.teamStatuses, lang))
    case .shelter:
        let status = dialog.choices[0].value
        guard let occupancy = number(.labelOccupancy) else { return fail(.notANumber(ResourcesText.labelOccupancy.text(lang)), at: .labelOccupancy) }
        if dialog.confirming && text(.labelNote).isEmpty { return fail(.noteRequired, at: .labelNote) }
        request = .shelter(dialog.objectID, status: status, occupancy: occupancy, note: text(.labelNote), confirmOverCapacity: dialog.confirming)
        confirmation = .shelterSet(name, ResourceText.name(status, in: rules.shelterStatuses, lang), occupancy)
    case .issue, .giveBack:
        let item = dialog.choices[0].value
        let target = dialog.choices[1].value
        guard let quantity = number(.labelQuantity), quantity > 0 else { return fail(.quantityPositive, at: .labelQuantity) }
        let incident = target.hasPrefix("incident:") ? String(target.dropFirst("incident:".count)) : ""
        let shelter = target.hasPrefix("shelter:") ? String(target.dropFirst("shelter:".count)) : ""
        let returning = dialog.action == .giveBack
        request = .stock(depot: dialog.objectID, item: item, quantity: quantity, incident: incident, shelter: shelter, returning: returning)
        let itemName = ResourceText.quantity(item, quantity, rules: rules, language: lang)
        let to = dialog.choices[1].names[dialog.choices[1].index].components(separatedBy: "  ").first ?? target
        confirmation = returning ? .returned(itemName, quantity, name) : .issued(itemName, quantity, name, to)
    }
    return [.resource(request, operatorName: state.operatorName, confirmation: .resources(confirmation))]
}

/// The station refused the dialog's write: say why, and ask when it can be overridden.
func applyResourceRefusal(_ state: inout AppState, _ refusal: ResourceRefusal) {
    // Only the dialog that asked (still open, unchanged): a refusal arriving after Esc, when
    // another dialog is open, is said on the message line and never answers that one's question.
    guard case .resourceAction(var dialog) = state.overlay, state.savingOverlay == state.overlay else {
        state.message = Message(.resources(.refused(ResourceRefusalText.text(refusal, state))), kind: .error)
        return
    }
    switch refusal {
    case .teamBusy(_, let incident):
        dialog.confirming = true
        dialog.problem = .resources(.askReassign(dialog.objectName, incident))
    case .overCapacity(let occupancy, let capacity):
        dialog.confirming = true
        dialog.problem = .resources(.askOverCapacity(occupancy, capacity))
        if let note = dialog.fields.firstIndex(where: { $0.label == .labelNote }) { dialog.focus = dialog.choices.count + note }
    default:
        dialog.confirming = false
        dialog.problem = .resources(.refused(ResourceRefusalText.text(refusal, state)))
    }
    state.overlay = .resourceAction(dialog)
}

/// A refusal in the officer's language.
enum ResourceRefusalText {
    static func text(_ refusal: ResourceRefusal, _ state: AppState) -> String {
        guard state.language == .zh else { return refusal.description }
        let rules = state.duty.rules.resources
        switch refusal {
        case .unknownTeam(let id): return "本站没有队伍 \(id)"
        case .unknownIncident(let id): return "本站没有事件 \(id)"
        case .unknownDepot(let id): return "本站没有储备库 \(id)"
        case .unknownItem(let id): return "\(id) 不是 resources.toml 中的物资"
        case .unknownShelter(let id): return "本站没有避难场所 \(id)"
        case .unknownStatus(let s): return "\(s) 不是 resources.toml 中的状态"
        case .teamBusy(let team, let incident): return "队伍 \(team) 正在执行 \(incident) 的任务"
        case .notEnough(let item, let have, let asked):
            let info = rules.item(item)
            return "库存\(info?.zh ?? item)仅 \(have)\(info?.unitZh ?? "")，不足 \(asked)"
        case .notPositive(let n): return "\(n) 不是有效数量，请填 1 或以上"
        case .overCapacity(let occupancy, let capacity): return "\(occupancy) 人超过容量 \(capacity) 人"
        }
    }
}

extension DialogViews {
    static func renderResourceAction(_ state: AppState, _ dialog: ResourceActionDialog, into buffer: inout ScreenBuffer, area: Rect) -> Position? {
        let theme = state.theme
        let lang = state.language
        let title: ResourcesText
        switch dialog.action {
        case .dispatch: title = .titleDispatch(dialog.objectName)
        case .teamStatus: title = .titleTeamStatus(dialog.objectName)
        case .shelter: title = .titleShelter(dialog.objectName)
        case .issue: title = .titleIssue(dialog.objectName)
        case .giveBack: title = .titleReturn(dialog.objectName)
        }
        let inner = frame(state, title: title.text(lang), width: 76, height: dialog.rowCount + 6, in: area, into: &buffer)
        guard inner.height > 2 else { return nil }
        let rows = FormRows(choices: dialog.choices.map { ($0.label.text(lang), $0.names[$0.index]) },
                            fields: dialog.fields.map { ($0.label.text(lang), $0.field) }, focus: dialog.focus,
                            problem: dialog.problem.map { ($0.text(lang), dialog.confirming ? theme[.warning] : theme[.error]) },
                            keys: UIText.resources(.dialogKeys).text(lang), labelWidth: lang == .zh ? 10 : 12)
        return rows.render(state, into: &buffer, inner: inner)
    }
}
