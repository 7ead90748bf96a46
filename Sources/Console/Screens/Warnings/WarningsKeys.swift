import SafeText
import DutyModel
import Foundation
import TerminalUI

// Keys of the warnings screen, its detail, the dissemination checklist, the
// entry form and the cancel question. Every change is an event the shell
// writes durably; the screen follows from the fold.

enum WarningsKeys {
    enum Command: Sendable {
        case list(ListCommand)
        /// Esc with a filter typed: clear it (unlisted: Esc is listed everywhere).
        case clearFilter
        case openDetail, new
        case act(WarningAction)
    }

    /// What the list and the detail both do to the warning selected or shown.
    enum WarningAction: Sendable { case acknowledge, checklist, update, cancel }

    static let acknowledge = KeyBinding([.char("a")], help: .warning(.helpAcknowledge), WarningAction.acknowledge)
    static let checklist = KeyBinding([.char("d")], help: .warning(.helpChecklist), WarningAction.checklist)
    static let update = KeyBinding([.char("u")], help: .warning(.helpUpdate), WarningAction.update)
    static let cancel = KeyBinding([.char("x")], help: .warning(.helpCancel), WarningAction.cancel)

    static let bindings: [KeyBinding<Command>] = [
        KeyBinding([.enter], help: .warning(.helpDetail), .openDetail),
        acknowledge.map(Command.act),
        checklist.map(Command.act),
        KeyBinding([.char("n")], help: .warning(.helpNew), .new),
        update.map(Command.act),
        cancel.map(Command.act),
        ListKeys.filter.map(Command.list),
        ListKeys.move.map(Command.list),
        KeyBinding([.escape], help: nil, .clearFilter),
    ]

    enum DetailCommand: Sendable {
        case close
        case act(WarningAction)
    }

    /// Keys of a warning's detail: the same actions as on the list.
    static let detail: [KeyBinding<DetailCommand>] = [
        KeyBinding([.escape, .enter, .char("q"), .ctrl("c")], help: nil, .close),
        acknowledge.map(DetailCommand.act),
        checklist.map(DetailCommand.act),
        update.map(DetailCommand.act),
        cancel.map(DetailCommand.act),
    ]

    static var help: [HelpRow] { bindings.helpRows() }
}

/// nil when the key is not the warning list's, so global keys still work.
func handleWarningsKey(_ state: inout AppState, _ press: KeyPress) -> [Effect]? {
    if state.warnings.list.isFiltering { return handleFilterKey(&state.warnings.list, press) ? [] : nil }
    guard let command = WarningsKeys.bindings.command(for: press.key) else { return nil }
    switch command {
    case .list(let list):
        return handleListCommand(&state, \.warnings.list, list, press, keys: { WarningsView.listed($0) },
                                 page: WarningsView.listRows) ? [] : nil
    case .clearFilter:
        guard !state.warnings.list.filter.isEmpty else { return nil }
        state.warnings.list.filter = TextFieldState(maxLength: 64)
        return []
    case .openDetail:
        if let selected = WarningsView.listed(state).selected(state.warnings.list.selectedKey)?.row { state.overlay = .warningDetail(selected.chainKey) }
        return []
    case .new:
        state.overlay = .warningEntry(WarningEntryForm(rules: state.duty.rules, language: state.language))
        state.message = nil
        return []
    case .act(let action):
        return warningAction(&state, action, WarningsView.listed(state).selected(state.warnings.list.selectedKey)?.row)
    }
}

/// a acknowledge · d dissemination · u update · x cancel, on the list or in the detail.
private func warningAction(_ state: inout AppState, _ action: WarningsKeys.WarningAction, _ s: WarningSummary?) -> [Effect] {
    guard let s else {
        state.message = Message(.warning(.nothingToAcknowledge), kind: .error)
        return []
    }
    let what = WarningsView.typeName(state, s.info) + WarningText.level(s.color).text(state.language)
    switch action {
    case .acknowledge:
        if let by = s.acknowledgedBy {
            state.message = Message(.warning(.alreadyAcknowledged(TextSafety.sanitize(by.operatorName))))
            return []
        }
        return [.record(.warningAcknowledged(key: s.info.key), operatorName: state.operatorName,
                        confirmation: .warning(.acknowledgedDone(what)))]
    case .checklist:
        state.overlay = .dissemination(DisseminationDialog(chainKey: s.chainKey))
        return []
    case .update, .cancel:
        guard s.phase == .inForce else {
            state.message = Message(.warning(.cannotCancel), kind: .error)
            return []
        }
        if action == .update {
            state.overlay = .warningEntry(WarningEntryForm(updating: s.info, rules: state.duty.rules, language: state.language))
        } else {
            state.overlay = .cancelWarning(s.chainKey)
        }
        return []
    }
}

/// Keys while a warning overlay is open; always consumes the key.
func handleWarningOverlayKey(_ state: inout AppState, _ press: KeyPress) -> [Effect] {
    switch state.overlay {
    case .warningDetail(let chainKey, _):
        if DetailView.handleScrollKey(&state, press) { return [] }
        switch WarningsKeys.detail.command(for: press.key) {
        case .close:
            state.overlay = nil
            return []
        case .act(let action):
            return warningAction(&state, action, WarningsView.summary(state, chainKey))
        case nil:
            return []
        }
    case .dissemination(var dialog):
        let effects = handleChecklistKey(&state, &dialog, press)
        if case .dissemination = state.overlay { state.overlay = .dissemination(dialog) }
        return effects
    case .warningEntry(var form):
        let effects = handleEntryKey(&state, &form, press)
        if case .warningEntry = state.overlay { state.overlay = .warningEntry(form) }
        return effects
    case .cancelWarning(let chainKey):
        state.overlay = nil
        guard press.key == .char("y") || press.key == .char("Y"),
              let s = WarningsView.summary(state, chainKey), s.phase == .inForce else { return [] }
        let station = state.duty.ownStation.isEmpty ? "zhiban" : state.duty.ownStation
        let stamp = DutyTime.formatISO8601(state.now, timeZone: state.timeZone)
        var fields = WarningInfo(
            identifier: "\(station)-C\(stamp.filter(\.isNumber).prefix(14))", sender: station, sent: stamp, sentAt: state.now,
            msgType: .cancel, references: [s.info.key], issuer: s.info.issuer, type: s.info.type, color: s.info.color,
            areas: s.info.areas, towns: s.info.towns, expires: nil, headline: s.info.headline, source: .phone,
            senderName: s.info.senderName, severity: s.info.severity)
        fields.effective = state.now
        let what = WarningsView.typeName(state, s.info) + WarningText.level(s.color).text(state.language)
        return [.record(.warningReceived(fields), operatorName: state.operatorName,
                        confirmation: .warning(.cancelDone(what, ClockFormat.hourMinute(state.now, timeZone: state.timeZone))))]
    default:
        return []
    }
}

private func handleChecklistKey(_ state: inout AppState, _ dialog: inout DisseminationDialog, _ press: KeyPress) -> [Effect] {
    guard let s = WarningsView.summary(state, dialog.chainKey) else {
        state.overlay = nil
        return []
    }
    let channels = WarningChannel.allCases
    let rows = s.targets.count
    switch press.key {
    case .escape, .char("q"), .ctrl("c"):
        state.overlay = nil
    case .down, .char("j"): dialog.row = min(max(0, rows - 1), dialog.row + 1)
    case .up, .char("k"): dialog.row = max(0, dialog.row - 1)
    case .right, .char("l"), .tab: dialog.column = min(channels.count - 1, dialog.column + 1)
    case .left, .char("h"), .backTab: dialog.column = max(0, dialog.column - 1)
    case .pageDown: dialog.row = min(max(0, rows - 1), dialog.row + 10)
    case .pageUp: dialog.row = max(0, dialog.row - 10)
    case .char(" "), .enter:
        guard s.targets.indices.contains(dialog.row) else { return [] }
        let channel = channels[dialog.column]
        let target = s.targets[dialog.row]
        let on = !s.isConfirmed(channel, target)
        return [.record(.warningDisseminated(key: s.info.key, channel: channel, target: target, confirmed: on),
                        operatorName: state.operatorName,
                        confirmation: .warning(.cellRecorded(state.language == .zh ? channel.rawValue : channel.en,
                                                             TextSafety.sanitize(target), on)))]
    case .char("c"):
        // The whole column: a channel that reached every place (SMS to all, say).
        let channel = channels[dialog.column]
        return s.targets.filter { !s.isConfirmed(channel, $0) }.map { target in
            .record(.warningDisseminated(key: s.info.key, channel: channel, target: target, confirmed: true),
                    operatorName: state.operatorName,
                    confirmation: .warning(.cellRecorded(state.language == .zh ? channel.rawValue : channel.en,
                                                         TextSafety.sanitize(target), true)))
        }
    default:
        break
    }
    // Keep the cursor row in view (the view shows as many rows as fit).
    let room = max(1, RootView.body(state).height - 8)
    if dialog.row < dialog.offset { dialog.offset = dialog.row }
    if dialog.row >= dialog.offset + room { dialog.offset = dialog.row - room + 1 }
    return []
}

private func handleEntryKey(_ state: inout AppState, _ form: inout WarningEntryForm, _ press: KeyPress) -> [Effect] {
    let fields = WarningEntryField.allCases
    switch press.key {
    case .escape, .ctrl("c"):
        state.overlay = nil
        return []
    case .tab, .enter:
        form.focus = fields[(form.focus.rawValue + 1) % fields.count]
        return []
    case .backTab:
        form.focus = fields[(form.focus.rawValue + fields.count - 1) % fields.count]
        return []
    case .ctrl("s"):
        let station = state.duty.ownStation.isEmpty ? "zhiban" : state.duty.ownStation
        switch form.warning(rules: state.duty.rules, station: station, now: state.now, timeZone: state.timeZone) {
        case .success(let fields):
            form.problems = [:]
            if form.updating == nil { state.warnings.list.selectedKey = fields.key }
            // The officer who typed it in has seen it: it is acknowledged with the entry.
            let saved = UIText.warning(.entrySaved(TextFit.truncate(fields.headline, to: 40)))
            state.announcedWarnings.insert(fields.key)
            return [.record(.warningReceived(fields), operatorName: state.operatorName, confirmation: saved),
                    .record(.warningAcknowledged(key: fields.key), operatorName: state.operatorName, confirmation: saved)]
        case .failure(let found):
            let problems = found.byField
            form.problems = problems
            if let first = fields.first(where: { problems[$0] != nil }) { form.focus = first }
            state.message = Message(.warning(.entryFix(problems.count)), kind: .error)
            return [.bell]
        }
    default:
        var field = form.fields[form.focus] ?? TextFieldState()
        _ = field.handle(press)
        form.fields[form.focus] = field
        form.problems[form.focus] = nil
        return []
    }
}

/// A red or orange warning in force that nobody has acknowledged rings once
/// when it arrives (or at start); the banner stays until it is acknowledged.
func announceWarnings(_ state: inout AppState) -> [Effect] {
    let pending = state.duty.inForceWarningSummaries(now: state.now, timeZone: state.timeZone).filter(\.needsAcknowledgement)
    let fresh = pending.filter { state.announcedWarnings.insert($0.info.key).inserted }
    guard let first = fresh.first else { return [] }
    let what = WarningsView.typeName(state, first.info) + " " + WarningsView.areaText(first.info)
    state.message = Message(.warning(.arrived(first.color, TextFit.truncate(what, to: 40))), kind: .alert)
    return state.bellMuted ? [] : [.bell]
}
