import SafeText
import DutyModel
import Station
import TerminalUI

/// The console's only state transition: pure, so every key's effect is
/// tested without a terminal.
public func reduce(_ state: inout AppState, _ action: Action) -> [Effect] {
    switch action {
    case .tick(let now):
        state.now = now
        state.adoptLatestCheckIn()
        // Clock alerts take the message line first; a warning still rings and keeps its banner.
        let reports = announceReportClocks(&state)
        let handover = announceHandover(&state)
        let clocks = handover.isEmpty ? reports : handover
        let warnings = announceWarnings(&state)
        return clocks.isEmpty ? warnings : clocks + warnings.filter { $0 != .bell }
    case .terminate:
        state.isRunning = false
        return []
    case .inboxProcessed(let results):
        // A rejected file is the one to say; else the newest taken. A red or orange warning's alert follows.
        let rejected = results.filter { $0.kind == .rejected }
        let language = state.language
        if let first = rejected.first {
            state.message = Message(.warning(.inboxRejected(TextSafety.sanitize(OutcomeText.inbox(first, rules: state.duty.rules, language: language)), rejected.count - 1)), kind: .error)
            return [.bell]
        }
        if let last = results.last {
            state.message = Message(.warning(.inboxTaken(TextSafety.sanitize(OutcomeText.inbox(last, rules: state.duty.rules, language: language)), results.count - 1)))
        }
        return []
    case .writeSubmitted:
        if state.pendingWrites == 0 {
            state.savingOverlay = state.overlay
            state.savingDraftKey = DialogDraft.key(state.overlay)
            state.savingDraft = state.savingDraftKey.flatMap { state.dialogDrafts[$0] }
            state.savingIntake = state.overlay == nil && state.screen == .intake && state.intake != nil
        }
        state.pendingWrites += 1
        return []
    case .writeSettled:
        state.pendingWrites = max(0, state.pendingWrites - 1)
        if state.pendingWrites == 0 {
            state.savingOverlay = nil
            state.savingDraftKey = nil
            state.savingDraft = nil
            state.savingIntake = false
        }
        return []
    case .resourceRefused(let refusal):
        applyResourceRefusal(&state, refusal)
        return [.bell]
    case .handoverRefused(let refusal):
        applyHandoverRefusal(&state, refusal)
        return [.bell]
    case .handoverReportMade(let report):
        // Only the one still asked for (Esc or another choice since leaves it unused).
        guard state.handover.waitingFor == (report.kind == .daily ? HandoverScreenState.daily : HandoverReport.id(report.slot)) else { return [] }
        state.handover.waitingFor = nil
        state.handover.past = report
        state.message = nil
        return []
    case .writeFailed(let failure):
        // The dialog (or the form) stays open with everything typed, to try again.
        state.message = Message(.writeFailed(failure), kind: .error)
        return [.bell] + restoreSavingDraft(&state)
    case .themeLoaded(let theme, let problem):
        state.theme = theme
        state.message = problem.map { Message(.themeProblem(zh: $0.zhDescription, en: $0.description), kind: .error) }
            ?? Message(.themeSwitched(theme.name))
        return []
    case .stationChanged(let summary):
        state.station = summary
        return []
    case .stationProgress(let progress):
        state.opening = progress
        return []
    case .dutyChanged(let duty):
        state.pinSelection()
        state.duty = duty
        state.adoptLatestCheckIn()
        return announceWarnings(&state)
    case .recorded(let confirmation):
        // The write is on disk: the dialog that asked for it can go (not one opened since).
        let asker = state.savingOverlay
        switch asker != nil && state.overlay == asker ? state.overlay : nil {
        case .logEntry:
            state.overlay = nil
            state.log.selectNewest = true
        case .checkIn, .mode: state.overlay = nil
        case .incidentAction(let dialog): state.overlay = .incidentDetail(dialog.incidentID)
        case .warningEntry, .cancelWarning: state.overlay = nil
        case .resourceAction(let dialog): state.overlay = dialog.fromDetail ? .resourceDetail(dialog.key) : nil
        case .handoverNotes, .handoverSign:
            state.overlay = nil
        default: break
        }
        // Saved notes are no longer unsaved, whichever dialog asked (Esc may have closed it meanwhile).
        state.message = Message(confirmation)
        // What the dialog asked for is on disk: its draft has served.
        var effects: [Effect] = []
        if let key = state.savingDraftKey {
            // Only the draft that was written: one typed since into the same dialog, opened again, stays.
            if let draft = state.dialogDrafts[key], draft == state.savingDraft {
                state.dialogDrafts[key] = nil
                effects.append(.saveDialogDrafts(DialogDraft.encode(state.dialogDrafts)))
            }
            state.savingDraftKey = nil
            state.savingDraft = nil
        }
        if confirmation == .handover(.notesSaved) {
            state.handover.unsavedNotes = nil
            return effects + [.saveHandoverDraft(nil)]
        }
        return effects
    case .intakeRecorded(let id):
        // On disk: the form and its draft go, and the list shows the new incident.
        let due = state.intake.flatMap { form -> String? in
            let d = form.deadlines(rules: state.duty.rules, now: state.now, timeZone: state.timeZone).first
            return d.map { UIText.deadline($0.kind, ClockFormat.shortDayTime($0.due, now: state.now, timeZone: state.timeZone), overdue: $0.isOverdue(at: state.now)).text(state.language) }
        } ?? ""
        state.intake = nil
        state.screen = .incidents
        state.incidents.list = FilteredList()
        state.incidents.quick = []
        state.incidents.list.selectedKey = id
        state.message = Message(.intake(.saved(id, due)))
        return [.discardIntakeDraft]
    case .recordFailed(let reason):
        // The dialog (or the form) stays open with everything typed, to try again.
        state.message = Message(.recordFailed(TextSafety.sanitize(reason)), kind: .error)
        return [.bell] + restoreSavingDraft(&state)
    case .input(.resize(let size)):
        state.size = size
        return []
    case .input(.paste(let text)):
        // Pasted text goes into the text field that has focus, as typed characters with line
        // breaks and tabs as spaces and every control removed: a pasted line break is not Enter,
        // and the text after it is not commands. Where no text field has focus it is dropped.
        guard state.acceptsText else {
            state.message = Message(.pasteIgnored)
            return []
        }
        // A number field takes a paste whole or not at all, and says what it refused.
        if state.pendingWrites == 0, NumberPaste.refuse(&state, TextSafety.sanitize(text)) { return [.bell] }
        // A number copied from a spreadsheet cell brings its line break: a number field takes the number.
        let typed = NumberPaste.focused(state) ? TextSafety.sanitize(text).trimmingCharacters(in: .whitespacesAndNewlines) : TextSafety.sanitize(text)
        var effects: [Effect] = []
        for character in typed { effects += reduce(&state, .input(.key(KeyPress(.char(character))))) }
        return effects
    case .input(.key(let press)):
        if state.pendingWrites > 0 {
            // The dialog or form whose write is on its way waits for its result.
            if let asker = state.savingOverlay, state.overlay == asker {
                guard press.key == .escape else { return [] }
                // Esc leaves it; the write goes on and its result is said.
                state.overlay = nil
                state.savingOverlay = nil
                state.dialogBaseline = nil
                state.message = Message(.statusSaving)
                // Its text is with the write: not offered to the next dialog opened (back if the write fails).
                if let key = state.savingDraftKey, state.dialogDrafts.removeValue(forKey: key) != nil {
                    return [.saveDialogDrafts(DialogDraft.encode(state.dialogDrafts))]
                }
                return []
            }
            if state.savingIntake && state.screen == .intake && state.overlay == nil {
                guard case .function = press.key else { return [] }
            }
        }
        let before = state.overlay
        let effects = handleKey(&state, press)
        return effects + followDialogDraft(&state, before: before)
    }
}

private func handleKey(_ state: inout AppState, _ press: KeyPress) -> [Effect] {
    // Help over whatever is open; it closes by the keys that opened it, Esc, q or Enter.
    if state.helpShown {
        if [.escape, .char("?"), .char("q"), .enter, .ctrl("g")].contains(press.key) { state.helpShown = false }
        return []
    }
    // Ctrl-G is help everywhere, also where `?` is typed into a field (DESIGN.md §6).
    if press.key == .ctrl("g") {
        state.helpShown = true
        return []
    }
    switch state.overlay {
    case .command(var field):
        switch press.key {
        case .escape:
            state.overlay = nil
            return []
        case .enter:
            state.overlay = nil
            return runCommand(&state, field.text)
        case .ctrl("c"):
            state.overlay = nil
            return []
        case .backspace where field.isEmpty:
            state.overlay = nil
            return []
        default:
            _ = field.handle(press)
            state.overlay = .command(field)
            return []
        }
    case .checkIn, .mode, .logEntry, .logDetail, .incidentDetail, .incidentAction, .resourceDetail, .resourceAction:
        return handleDialogKey(&state, press)
    case .warningDetail, .dissemination, .warningEntry, .cancelWarning:
        return handleWarningOverlayKey(&state, press)
    case .handoverNotes, .handoverSign, .handoverHistory:
        return handleHandoverDialogKey(&state, press)
    case .resumeDraft:
        switch press.key {
        case .enter, .char("r"), .char("y"):
            state.overlay = nil
            state.openIntake()
        case .char("d"):
            state.overlay = nil
            state.resumableDraft = nil
            state.message = Message(.intake(.draftDiscarded))
            return [.discardIntakeDraft]
        case .escape, .char("l"):
            // Later: the draft stays on disk and opens with the intake screen.
            state.overlay = nil
        default:
            break
        }
        return []
    case nil:
        break
    }
    if state.screen == .intake { return handleIntakeKey(&state, press) }
    if let effects = handleScreenKey(&state, press) { return effects }
    guard let command = Keymap.global(press) else { return [] }
    switch command {
    case .show(let screen):
        state.screen = screen
        // The banner says "4, then a": 4 selects the banner's warning, so `a` acknowledges exactly that one.
        if screen == .warnings, let banner = WarningsView.bannerWarning(state) { state.selectWarning(banner.chainKey) }
    case .nextScreen, .previousScreen:
        // Tab cycles the screens past the intake form (where Tab moves between fields, so it could not
        // leave by Tab): the form opens by 2 or F2, on purpose.
        let step = command == .nextScreen ? 1 : Screen.allCases.count - 1
        repeat {
            state.screen = Screen(rawValue: (state.screen.rawValue + step) % Screen.allCases.count)!
        } while state.screen == .intake
    case .help:
        state.helpShown = true
    case .commandLine:
        state.overlay = .command(TextFieldState(maxLength: 256))
        state.message = nil
    case .quit:
        state.isRunning = false
    case .escape:
        state.message = nil
    }
    if state.screen == .intake { state.openIntake() }
    return []
}

/// A write failed after Esc left its dialog: what it held is that dialog's draft again, not lost.
private func restoreSavingDraft(_ state: inout AppState) -> [Effect] {
    // Not over a newer draft of the same dialog typed meanwhile.
    guard let key = state.savingDraftKey, let draft = state.savingDraft, state.dialogDrafts[key] == nil else { return [] }
    state.savingDraft = nil
    state.dialogDrafts[key] = draft
    return [.saveDialogDrafts(DialogDraft.encode(state.dialogDrafts))]
}

/// A report falling due within 5 minutes, or going overdue, is announced
/// once: an alert on the message line and the bell (unless `:mute`).
func announceReportClocks(_ state: inout AppState) -> [Effect] {
    var overdue: [(String, Deadline)] = []
    var soon: [(String, Deadline)] = []
    // A clock due before the last look with the same incidents was overdue then, and announced then:
    // only clocks due since need a look (a tick at a million records stays cheap).
    let basis = state.duty.generation
    let since = state.reportClocksLook.flatMap { $0.generation == basis && $0.at <= state.now ? $0.at : nil }
    state.reportClocksLook = ReportClocksLook(generation: basis, at: state.now)
    for (id, d) in state.duty.openDeadlines(after: since, upTo: state.now.addingTimeInterval(5 * 60), now: state.now, timeZone: state.timeZone) {
        let key = "\(id)|\(d.kind)|"
        if d.due.timeIntervalSince(state.now) <= 0 {
            if state.announcedDeadlines.insert(key + "overdue").inserted { overdue.append((id, d)) }
        } else if state.announcedDeadlines.insert(key + "soon").inserted {
            soon.append((id, d))
        }
    }
    guard let (id, d) = overdue.first ?? soon.first else { return [] }
    let at = ClockFormat.shortDayTime(d.due, now: state.now, timeZone: state.timeZone)
    let others = overdue.count + soon.count - 1
    state.message = Message(.intake(overdue.isEmpty ? .alertDueSoon(id, d.kind, at, others) : .alertOverdue(id, d.kind, at, others)), kind: .alert)
    return state.bellMuted ? [] : [.bell]
}

/// At the change time, a handover not yet accepted is announced once: an alert and the bell (#21).
func announceHandover(_ state: inout AppState) -> [Effect] {
    let report = state.duty.handoverReport(now: state.now, timeZone: state.timeZone)
    guard state.station != nil, report.phase != .accepted, state.now >= report.slot.end,
          state.announcedDeadlines.insert("handover|" + HandoverReport.id(report.slot)).inserted else { return [] }
    // Once a shift, it takes the line even from a report clock's alert (overdue reports stay on the banner and the status bar).
    state.message = Message(.handover(.changeAlert(ClockFormat.hourMinute(report.slot.end, timeZone: state.timeZone))), kind: .alert)
    return state.bellMuted ? [] : [.bell]
}

/// `:` commands. Unknown words get a message that says what would work.
private func runCommand(_ state: inout AppState, _ line: String) -> [Effect] {
    let words = line.split(separator: " ").map(String.init)
    guard let verb = words.first else { return [] }
    switch verb.lowercased() {
    case "theme":
        guard words.count == 2 else {
            state.message = Message(.commandThemeUsage, kind: .error)
            return []
        }
        return [.loadTheme(words[1])]
    case "lang":
        guard words.count == 2, let language = Language(rawValue: words[1].lowercased()) else {
            state.message = Message(.commandLangUsage, kind: .error)
            return []
        }
        state.language = language
        state.message = Message(.languageSwitched)
        return []
    case "q", "quit":
        state.isRunning = false
        return []
    case "help":
        state.helpShown = true
        return []
    case "sync":
        guard let folders = state.station?.syncFolders, !folders.isEmpty else {
            state.message = Message(.noSyncFolders)
            return []
        }
        let detail = folders.map { f -> String in
            if let down = f.unreachableSince {
                return "\(f.folder): " + UIText.statusUnreachable(ClockFormat.hourMinute(down, timeZone: state.timeZone)).text(state.language)
            }
            return "\(f.folder): " + UIText.statusSynced(f.lastSynced.map { ClockFormat.hourMinute($0, timeZone: state.timeZone) } ?? "…").text(state.language)
        }.joined(separator: "; ")
        state.message = Message(.syncFolders(detail))
        return [.syncNow]
    case "goto":
        state.gotoOnMap(words.dropFirst().joined(separator: " "))
        return []
    case "mute", "unmute":
        state.bellMuted = verb.lowercased() == "mute"
        state.message = Message(.intake(state.bellMuted ? .bellMuted : .bellOn))
        return []
    case "ack":
        guard let forks = state.station?.unacknowledgedForks, !forks.isEmpty else {
            state.message = Message(.nothingToAcknowledge)
            return []
        }
        state.message = Message(.forksAcknowledged(forks.count))
        return [.acknowledgeForks]
    default:
        state.message = Message(.commandUnknown(TextFit.truncate(verb, to: 24)), kind: .error)
        return [.bell]
    }
}
