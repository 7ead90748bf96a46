import SafeText
import DutyModel
import Foundation
import TerminalUI

/// One action on an incident from its detail view: record a report, update
/// the figures, grade, change status, note, reopen. A dialog of choice rows
/// (cycled with ←/→) and text fields; nothing is written until it checks out.
public struct IncidentActionDialog: Equatable, Sendable {
    public enum Action: Sendable { case report, update, grade, status, note, reopen }

    public struct ChoiceRow: Equatable, Sendable {
        public var label: IntakeText
        /// Stored values, e.g. "initial", "follow_up_2", "final".
        public var values: [String]
        public var index: Int
        public var value: String { values[index] }
    }

    public struct FieldRow: Equatable, Sendable {
        public var label: IntakeText
        public var field: TextFieldState
        /// The intake field this row edits, if any: a count or the loss takes
        /// only what that field takes, and a refusal names it.
        public var intakeField: IntakeField?

        init(label: IntakeText, field: TextFieldState) {
            self.label = label
            self.field = field
        }

        init(_ intakeField: IntakeField, text: String) {
            self.init(label: .label(intakeField), field: TextFieldState(text: text, maxLength: intakeField.maxLength))
            self.intakeField = intakeField
        }
    }

    public var action: Action
    public var incidentID: String
    public var choices: [ChoiceRow] = []
    public var fields: [FieldRow] = []
    /// Choice rows first, then fields.
    public var focus = 0
    public var problem: UIText?

    var rowCount: Int { choices.count + fields.count }

    /// The figures the update dialog asks for, in this order (then loss, description, trend, note).
    static let updateCounts: [IntakeField] = [.deaths, .missing, .injured, .injuredMinor, .trapped, .evacuated, .endangered,
                                              .reliefNeeded, .housesCollapsed, .housesDamaged]

    static func counts(of c: Casualties) -> [Int] {
        [c.deaths, c.missing, c.injured, c.injuredMinor, c.trapped, c.evacuated, c.endangered, c.reliefNeeded,
         c.housesCollapsed, c.housesDamaged]
    }

    /// The dialog for `action` on `incident`, prefilled from what is known.
    public init(_ action: Action, incident: IncidentState, summary: IncidentSummary?, rules: RuleBook) {
        self.action = action
        incidentID = incident.id
        switch action {
        case .report:
            // The report due next is offered first.
            var kinds = ["initial"]
            let followUps = incident.reportsMade.compactMap { r -> Int? in if case .followUp(let n) = r.kind { return n } else { return nil } }
            kinds.append("follow_up_\((followUps.max() ?? 0) + 1)")
            kinds.append("final")
            // 补报 once a written final report is made (casualties changing within 30 days).
            if incident.reportsMade.contains(where: { $0.kind == .final && $0.channel == .written }) { kinds.append("supplementary") }
            let next = WrittenReport.nextKind(for: incident)
            let preferred: String
            switch next {
            case .initial: preferred = "initial"
            case .followUp: preferred = kinds[1]
            case .final, .supplementary: preferred = "final"
            }
            choices = [ChoiceRow(label: .actionReportKind, values: kinds, index: kinds.firstIndex(of: preferred) ?? 0)]
            let phoneMade = incident.reportsMade.contains { $0.kind == .initial && $0.channel == .phone }
            choices.append(ChoiceRow(label: .actionChannel, values: ["phone", "written"], index: next == .initial && phoneMade ? 1 : 0))
            fields = [FieldRow(label: .actionRecipient, field: TextFieldState(maxLength: 200)),
                      FieldRow(label: .actionWhen, field: TextFieldState(text: "now", maxLength: 32)),
                      FieldRow(label: .actionApprovedBy, field: TextFieldState(maxLength: 60)),
                      FieldRow(label: .actionApprovedAt, field: TextFieldState(maxLength: 32)),
                      FieldRow(label: .actionSummary, field: TextFieldState(maxLength: 2000))]
            focus = 2
        case .update:
            let c = incident.casualties.value ?? .none
            fields = zip(Self.updateCounts, Self.counts(of: c)).map { FieldRow($0.0, text: String($0.1)) }
            fields += [FieldRow(.loss, text: String(incident.lossCNY.value ?? 0)),
                      FieldRow(.description, text: incident.description.value ?? ""), FieldRow(.trend, text: incident.trend.value ?? ""),
                      FieldRow(label: .actionNote, field: TextFieldState(maxLength: 2000))]
        case .grade:
            let values = Grade.allCases.map(\.rawValue) + ["none"]
            let current = incident.grade.value?.grade ?? summary?.suggestedGrade
            choices = [ChoiceRow(label: .label(.grade), values: values, index: current.flatMap { values.firstIndex(of: $0.rawValue) } ?? values.count - 1)]
            fields = [FieldRow(.gradeReason, text: ""),
                      FieldRow(label: .actionResponseLevel, field: TextFieldState(text: incident.grade.value?.responseLevel ?? "", maxLength: 40))]
        case .status:
            // Every status is listed, so a forbidden step is refused with the reason rather than hidden.
            let current = incident.status
            let others = IncidentStatus.allCases.filter { $0 != current }
            let first = rules.lifecycle.allowedNext(from: current).first ?? others.first ?? .closed
            choices = [ChoiceRow(label: .actionNewStatus, values: others.map(\.rawValue), index: others.firstIndex(of: first) ?? 0)]
            fields = [FieldRow(label: .actionNote, field: TextFieldState(maxLength: 2000))]
        case .note:
            fields = [FieldRow(label: .actionNote, field: TextFieldState(maxLength: 2000))]
        case .reopen:
            fields = [FieldRow(label: .actionReason, field: TextFieldState(maxLength: 2000))]
        }
    }
}

extension AppState {
    /// Opens `action` on the incident whose detail is shown.
    mutating func openIncidentAction(_ action: IncidentActionDialog.Action, id: String, preset status: IncidentStatus? = nil) {
        guard let incident = duty.state.incidents[id] else { return }
        let summary = IncidentSummary(incident, rules: duty.rules, now: now, timeZone: timeZone)
        var dialog = IncidentActionDialog(action, incident: incident, summary: summary, rules: duty.rules)
        // "now" in the officer's language (the time parser reads both).
        if language == .zh, let i = dialog.fields.firstIndex(where: { $0.label == .actionWhen }), dialog.fields[i].field.text == "now" {
            dialog.fields[i].field.setText("现在")
        }
        if let status, let i = dialog.choices.first?.values.firstIndex(of: status.rawValue) {
            dialog.choices[0].index = i
            dialog.focus = 1
        }
        overlay = .incidentAction(dialog)
        message = nil
    }

    /// The reports a status dialog's chosen move would leave not made: empty
    /// unless it closes the incident or marks its final report filed (#22).
    func outstandingReports(_ dialog: IncidentActionDialog) -> [Deadline] {
        guard dialog.action == .status, let target = dialog.choices.first.flatMap({ IncidentStatus(rawValue: $0.value) }),
              OutstandingReports.asksForReason(movingTo: target), let incident = duty.state.incidents[dialog.incidentID] else { return [] }
        return OutstandingReports.left(by: IncidentSummary(incident, rules: duty.rules, now: now, timeZone: timeZone), movingTo: target)
    }

    /// "电话初报 14:35、超时 书面初报 15:05" / "phone 14:35, LATE written 15:05".
    func outstandingList(_ deadlines: [Deadline]) -> String {
        deadlines.map { UIText.deadline($0.kind, ClockFormat.shortDayTime($0.due, now: now, timeZone: timeZone), overdue: $0.isOverdue(at: now))
            .text(language) }.joined(separator: language == .zh ? "、" : ", ")
    }
}

func handleIncidentActionKey(_ state: inout AppState, _ dialog: inout IncidentActionDialog, _ press: KeyPress) -> [Effect] {
    let choiceRows = dialog.choices.count
    if let focus = FormRows.moveFocus(press.key, focus: dialog.focus, rows: dialog.rowCount) {
        dialog.focus = focus
        return []
    }
    switch press.key {
    case .escape, .ctrl("c"):
        state.overlay = .incidentDetail(dialog.incidentID)
        return []
    case .ctrl("s"):
        return saveIncidentAction(&state, &dialog)
    case .enter:
        // The grade dialog saves on Enter from any row, as its footer says; the others step to the next row first.
        if dialog.action == .grade || dialog.focus == dialog.rowCount - 1 { return saveIncidentAction(&state, &dialog) }
        dialog.focus += 1
        return []
    case .left where dialog.focus < choiceRows, .right where dialog.focus < choiceRows, .char(" ") where dialog.focus < choiceRows:
        var row = dialog.choices[dialog.focus]
        row.index = (row.index + (press.key == .left ? row.values.count - 1 : 1)) % row.values.count
        dialog.choices[dialog.focus] = row
        dialog.problem = nil
        return []
    default:
        guard dialog.focus >= choiceRows else { return [] }
        var row = dialog.fields[dialog.focus - choiceRows]
        if let field = row.intakeField, field.kind == .count || field.kind == .money, case .char(let c) = press.key,
           !FormNumber.accepts(c, money: field.kind == .money) {
            dialog.problem = .intake(c == "-" ? .noNegative(field) : .notTaken(field, String(c)))
            return []
        }
        if row.field.handle(press) == .edited { dialog.problem = nil }
        dialog.fields[dialog.focus - choiceRows] = row
        return []
    }
}

private func saveIncidentAction(_ state: inout AppState, _ dialog: inout IncidentActionDialog) -> [Effect] {
    guard let incident = state.duty.state.incidents[dialog.incidentID] else { return [] }
    func text(_ i: Int) -> String {
        TextSafety.sanitize(dialog.fields[i].field.text, keepNewlines: true).trimmingCharacters(in: .whitespacesAndNewlines)
    }
    func fail(_ problem: IntakeText, focus: Int) -> [Effect] {
        dialog.problem = .intake(problem)
        dialog.focus = focus
        return [.bell]
    }
    let id = dialog.incidentID
    let lang = state.language
    let rules = state.duty.rules
    let draft: EventDraft
    let confirmation: String
    switch dialog.action {
    case .report:
        // Nothing is recorded without whom it went to (报送对象).
        guard !text(0).isEmpty else { return fail(.recipientRequired, focus: dialog.choices.count) }
        let kindValue = dialog.choices[0].value
        let kind = ReportKind(name: kindValue) ?? .followUp(1)
        let channel = ReportChannel(rawValue: dialog.choices[1].value) ?? .phone
        let at: Date
        switch ClockEntry.parse(text(1).isEmpty ? "now" : text(1), now: state.now, timeZone: state.timeZone) {
        case .success(let d): at = d
        case .failure(.unreadable): return fail(.timeUnreadable(TextFit.truncate(text(1), to: 20)), focus: 3)
        case .failure(.future(let d)): return fail(.timeFuture(ClockFormat.dayTime(d, timeZone: state.timeZone)), focus: 3)
        }
        if let received = incident.receivedAt, at < received.addingTimeInterval(-60) {
            return fail(.reportBeforeReceived, focus: 3)
        }
        // A written report counts once signed off (签发): who, and when (empty: at the report's time).
        var approvedAt: Date? = nil
        if channel == .written {
            guard !text(2).isEmpty else { return fail(.approverRequired, focus: dialog.choices.count + 2) }
            if !text(3).isEmpty {
                switch ClockEntry.parse(text(3), now: state.now, timeZone: state.timeZone) {
                case .success(let d): approvedAt = d
                case .failure(.unreadable): return fail(.timeUnreadable(TextFit.truncate(text(3), to: 20)), focus: dialog.choices.count + 3)
                case .failure(.future(let d)): return fail(.timeFuture(ClockFormat.dayTime(d, timeZone: state.timeZone)), focus: dialog.choices.count + 3)
                }
            }
        }
        draft = .reportRecorded(id: id, kind: kind, channel: channel, recipient: text(0), at: at, summary: text(4),
                                approvedBy: channel == .written ? text(2) : "", approvedAt: approvedAt ?? at)
        confirmation = IntakeText.actionReported(id, kindValue, channel.rawValue, text(0)).text(lang)
    case .update:
        var counts: [Int] = []
        let n = IncidentActionDialog.updateCounts.count
        for i in 0..<n {
            let field = dialog.fields[i].intakeField ?? .deaths
            switch FormNumber.count(text(i)) {
            case .success(let n): counts.append(Int(n))
            case .failure(.negative): return fail(.noNegative(field), focus: i)
            case .failure: return fail(.digitsOnly(field), focus: i)
            }
        }
        guard case .success(let loss) = FormNumber.yuan(text(n)) else { return fail(.moneyOnly, focus: n) }
        let old = incident.casualties.value ?? .none
        // Figures the dialog does not ask for (affected population, crops) stay as they were.
        var casualties = old
        (casualties.deaths, casualties.missing, casualties.injured, casualties.injuredMinor, casualties.trapped) =
            (counts[0], counts[1], counts[2], counts[3], counts[4])
        (casualties.evacuated, casualties.endangered, casualties.reliefNeeded, casualties.housesCollapsed, casualties.housesDamaged) =
            (counts[5], counts[6], counts[7], counts[8], counts[9])
        let newCasualties = casualties != old ? casualties : nil
        let newLoss = loss != (incident.lossCNY.value ?? 0) ? loss : nil
        let newDescription = text(n + 1) != (incident.description.value ?? "") && !text(n + 1).isEmpty ? text(n + 1) : nil
        let newTrend = text(n + 2) != (incident.trend.value ?? "") ? text(n + 2) : nil
        guard newCasualties != nil || newLoss != nil || newDescription != nil || newTrend != nil || !text(n + 3).isEmpty else {
            return fail(.nothingChanged, focus: 0)
        }
        // Everything this console holds of the incident was seen: a peer's write it has not received shows as a conflict.
        draft = .incidentUpdated(id: id, casualties: newCasualties, lossCNY: newLoss, description: newDescription, trend: newTrend,
                                 note: text(n + 3), seen: incident.versions)
        confirmation = IntakeText.actionUpdated(id).text(lang)
    case .grade:
        let value = dialog.choices[0].value
        let grade = Grade(rawValue: value)
        let suggested = IncidentSummary(incident, rules: rules, now: state.now, timeZone: state.timeZone).suggestedGrade
        if grade != suggested && text(0).isEmpty { return fail(.reasonRequired, focus: 1) }
        draft = .incidentGraded(id: id, grade: grade, reason: text(0).isEmpty ? GradeDecision.confirmedSuggestion : text(0),
                                responseLevel: text(1), seen: incident.grade.seenVector)
        confirmation = IntakeText.actionGraded(id, grade.map { UIText.gradeConfirmed($0).text(lang) } ?? UIText.gradeNone.text(lang)).text(lang)
    case .status:
        guard let target = IncidentStatus(rawValue: dialog.choices[0].value) else { return [] }
        switch rules.lifecycle.check(from: incident.status, to: target) {
        case .failure(let error):
            dialog.problem = .intake(.fieldProblem(lang == .zh ? error.chinese : error.description))
            dialog.focus = 0
            return [.bell]
        case .success:
            // Closing, or marking the final report filed, with reports not made needs the reason, kept as the change's note.
            let outstanding = state.outstandingReports(dialog)
            if !outstanding.isEmpty && text(0).isEmpty {
                return fail(.outstandingReasonRequired, focus: dialog.choices.count)
            }
            draft = .incidentStatusChanged(id: id, to: target, epoch: incident.epoch, note: text(0))
            confirmation = IntakeText.actionStatus(id, UIText.incidents(.incidentStatus(target)).text(lang)).text(lang)
        }
    case .note:
        guard !text(0).isEmpty else { return fail(.noteRequired, focus: 0) }
        draft = .incidentNoted(id: id, text: text(0))
        confirmation = IntakeText.actionNoted(id).text(lang)
    case .reopen:
        switch rules.lifecycle.checkReopen(from: incident.status) {
        case .failure(let error):
            dialog.problem = .intake(.fieldProblem(lang == .zh ? error.chinese : error.description))
            return [.bell]
        case .success:
            guard !text(0).isEmpty else { return fail(.reasonRequiredReopen, focus: 0) }
            draft = .incidentReopened(id: id, epoch: incident.epoch + 1, reason: text(0))
            confirmation = IntakeText.actionReopened(id).text(lang)
        }
    }
    return [.record(draft, operatorName: state.operatorName, confirmation: .intake(.fieldProblem(confirmation)))]
}
