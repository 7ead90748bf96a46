import SafeText
import DutyModel
import Foundation
import TerminalUI

// Keys of the intake form. Every key that changes the form asks the shell to
// save the draft, so a crash or a kill loses nothing typed.

extension AppState {
    /// Opens the intake form: the draft found at start if there is one, else a
    /// new form whose received time is now.
    mutating func openIntake() {
        screen = .intake
        if intake != nil { return }
        if let values = resumableDraft {
            intake = IntakeForm(restoring: values, now: now, timeZone: timeZone)
            resumableDraft = nil
        } else {
            intake = IntakeForm(now: now, timeZone: timeZone)
        }
    }
}

func handleIntakeKey(_ state: inout AppState, _ press: KeyPress) -> [Effect] {
    guard var form = state.intake else {
        state.openIntake()
        return []
    }
    let before = form.draftValues
    var effects = respond(&state, &form, press)
    // The form may have been closed (saved, discarded) by the key.
    guard state.intake != nil else { return effects }
    state.intake = form
    // Written only when what a draft holds changed: a refused key or a cursor move writes nothing.
    let after = form.draftValues
    if form.isDirty && after != before { effects.append(.saveIntakeDraft(after)) }
    return effects
}

enum IntakeKeys {
    enum Command: Sendable {
        /// To the next (+) or previous (−) field, by this many.
        case step(Int)
        /// In an open picker, the next or previous entry; else as `step`.
        case pick(Int)
        case save
        /// Away from the form (asking first when something is typed).
        case leave(IntakeForm.LeaveIntent)
    }

    static let bindings: [KeyBinding<Command>] = [
        KeyBinding([(.tab, .step(1)), (.enter, .step(1)), (.backTab, .step(-1))], label: "Tab Enter / Shift-Tab",
                   help: .intake(.helpNextField)),
        KeyBinding([(.up, .pick(-1)), (.down, .pick(1))], label: "↑↓", help: .intake(.helpPicker)),
        KeyBinding([.ctrl("s")], help: .intake(.helpSave), .save),
        KeyBinding([(.escape, .leave(.close)), (.ctrl("c"), .leave(.quit))]
                   + Screen.allCases.filter { $0 != .intake }.map { (.function($0.number), .leave(.screen($0))) },
                   label: "Esc F1…F9", help: .intake(.helpLeave)),
        KeyBinding([(.pageDown, .step(6)), (.pageUp, .step(-6))], help: nil),
    ]

    static var help: [HelpRow] { bindings.helpRows() }
}

private func respond(_ state: inout AppState, _ form: inout IntakeForm, _ press: KeyPress) -> [Effect] {
    if let intent = form.leaving {
        switch press.key {
        case .char("s"), .char("S"), .ctrl("s"):
            form.leaving = nil
            return saveIntake(&state, &form)
        case .char("k"), .char("K"):
            // Keep as a draft: the form stays in memory and on disk.
            form.leaving = nil
            leave(&state, intent)
        case .char("d"), .char("D"):
            state.intake = nil
            state.message = Message(.intake(.draftDiscarded))
            leave(&state, intent)
            return [.discardIntakeDraft]
        case .escape:
            form.leaving = nil
        default:
            break
        }
        return []
    }
    switch IntakeKeys.bindings.command(for: press.key) {
    case .leave(let intent):
        if form.isDirty {
            form.leaving = intent
        } else {
            state.intake = nil
            leave(&state, intent)
        }
    case .save:
        return saveIntake(&state, &form)
    case .step(let step):
        commit(&state, &form, form.focus)
        move(&form, by: step)
    case .pick(let step):
        let open = IntakeView.openCandidates(state, form)
        if !open.isEmpty {
            form.highlight = max(0, min(open.count - 1, form.highlight + step))
        } else {
            commit(&state, &form, form.focus)
            move(&form, by: step)
        }
    case nil:
        if edit(&form, press) {
            form.isDirty = true
            form.problems[form.focus] = nil
            if form.focus.kind == .picker { form.picked[form.focus] = nil }
            form.highlight = 0
        }
    }
    return []
}

private func leave(_ state: inout AppState, _ intent: IntakeForm.LeaveIntent) {
    switch intent {
    case .screen(let screen): state.screen = screen
    case .close: state.screen = .incidents
    case .quit: state.isRunning = false
    }
}

private func move(_ form: inout IntakeForm, by step: Int) {
    let all = IntakeField.allCases
    let index = all.firstIndex(of: form.focus) ?? 0
    let target = step == 1 || step == -1 ? (index + step + all.count) % all.count : max(0, min(all.count - 1, index + step))
    form.focus = all[target]
    form.highlight = 0
}

/// Types a key into the focused field; numbers refuse what is not a digit
/// with a message beside the field. True when the text changed.
private func edit(_ form: inout IntakeForm, _ press: KeyPress) -> Bool {
    let field = form.focus
    guard var text = form.fields[field] else { return false }
    if case .char(let c) = press.key, !press.alt {
        switch field.kind {
        case .count where !FormNumber.accepts(c, money: false), .money where !FormNumber.accepts(c, money: true):
            form.notice = c == "-" ? .noNegative(field) : .notTaken(field, String(c))
            return false
        default:
            break
        }
        if text.count >= text.maxLength {
            form.notice = .tooLong(field, text.maxLength)
            return false
        }
    }
    let outcome = text.handle(press)
    form.fields[field] = text
    if outcome == .edited { form.notice = nil }
    return outcome == .edited
}

/// Leaving a field: a picker takes the highlighted entry (or keeps a place as
/// free text), a time or number is checked and any problem shown beside it.
/// Never blocks moving on; saving does.
private func commit(_ state: inout AppState, _ form: inout IntakeForm, _ field: IntakeField) {
    let raw = form.text(field).trimmingCharacters(in: .whitespaces)
    switch field.kind {
    case .picker:
        guard !raw.isEmpty || field == .grade, form.picked[field] == nil else { return }
        if field == .grade && raw.isEmpty { return }
        let candidates = form.candidates(field, duty: state.duty, language: state.language)
        if let exact = candidates.first(where: { $0.label == raw || $0.id == raw }) {
            choose(&state, &form, field, exact)
        } else if !candidates.isEmpty {
            choose(&state, &form, field, candidates[min(form.highlight, candidates.count - 1)])
        } else if field.acceptsFreeText {
            form.notice = .placeFree(TextFit.truncate(raw, to: 20))
        } else {
            form.problems[field] = field == .category ? .categoryUnknown(TextFit.truncate(raw, to: 20)) : .typeUnknown(TextFit.truncate(raw, to: 20))
        }
    case .time:
        form.problems[field] = timeProblem(form, field, state)
    case .count:
        if !raw.isEmpty, case .failure(let p) = FormNumber.count(raw) { form.problems[field] = p == .negative ? .noNegative(field) : .digitsOnly(field) }
    case .money:
        if !raw.isEmpty, case .failure = FormNumber.yuan(raw) { form.problems[field] = .moneyOnly }
    case .coordinates:
        if !raw.isEmpty && coordinates(raw) == nil { form.problems[field] = .coordinatesInvalid }
    case .text:
        break
    }
}

private func timeProblem(_ form: IntakeForm, _ field: IntakeField, _ state: AppState) -> IntakeText? {
    switch form.time(field, now: state.now, timeZone: state.timeZone) {
    case nil: return field == .receivedAt ? .required(field) : nil
    case .success: return nil
    case .failure(.unreadable): return .timeUnreadable(TextFit.truncate(form.text(field), to: 20))
    case .failure(.future(let d)): return .timeFuture(ClockFormat.dayTime(d, timeZone: state.timeZone))
    }
}

/// "32.49,119.92" (also with a space, a Chinese comma or a slash).
func coordinates(_ raw: String) -> (Double, Double)? {
    let parts = raw.split(whereSeparator: { $0 == "," || $0 == "，" || $0 == " " || $0 == "/" })
    guard parts.count == 2, let lat = Double(parts[0]), let lon = Double(parts[1]),
          (-90...90).contains(lat), (-180...180).contains(lon) else { return nil }
    return (lat, lon)
}

private func choose(_ state: inout AppState, _ form: inout IntakeForm, _ field: IntakeField, _ candidate: PickerCandidate) {
    form.fields[field]?.setText(candidate.label)
    form.picked[field] = candidate.id
    form.problems[field] = nil
    form.isDirty = true
    let lang = state.language
    switch field {
    case .type:
        // The type fixes the category.
        if let info = state.duty.rules.taxonomy.type(candidate.id), let c = state.duty.rules.taxonomy.category(info.category) {
            form.picked[.category] = c.category.rawValue
            form.fields[.category]?.setText(lang == .zh ? c.zh : c.en)
            form.problems[.category] = nil
        }
    case .category:
        // A type of another category no longer fits.
        if let t = form.typeID, state.duty.rules.taxonomy.type(t)?.category.rawValue != candidate.id {
            form.picked[.type] = nil
            form.fields[.type]?.setText("")
        }
    case .town, .village:
        // Fill in the levels above from the place list.
        guard let entry = state.duty.places.first(where: { $0.name == candidate.id && $0.level == (field == .town ? .town : .village)
            && (form.text(.county).isEmpty || $0.county == form.text(.county)) }) else { break }
        if form.text(.county).isEmpty {
            form.fields[.county]?.setText(entry.county)
            form.picked[.county] = entry.county
        }
        if field == .village && form.text(.town).isEmpty {
            form.fields[.town]?.setText(entry.town)
            form.picked[.town] = entry.town
        }
    default:
        break
    }
}

/// Ctrl-S: checks every field (through the same parser as `incident add`);
/// on success asks the shell to write the incident, else marks each problem
/// and moves to the first.
func saveIntake(_ state: inout AppState, _ form: inout IntakeForm) -> [Effect] {
    // Every field as if the officer had just left it: pickers take their entry, times and numbers are checked.
    for field in IntakeField.allCases { commit(&state, &form, field) }
    var problems = form.problems
    if form.typeID == nil && problems[.type] == nil { problems[.type] = form.text(.type).isEmpty ? .required(.type) : .pickFromList }
    if form.text(.description).trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { problems[.description] = .required(.description) }
    let suggestion = form.suggestion(rules: state.duty.rules)?.grade
    if let chosen = form.chosenGrade, chosen != suggestion,
       form.text(.gradeReason).trimmingCharacters(in: .whitespaces).isEmpty {
        problems[.gradeReason] = .reasonRequired
    }

    var object: [String: Any] = [:]
    let zone = state.timeZone
    if case .success(let received)? = form.time(.receivedAt, now: state.now, timeZone: zone) {
        // Untouched, the received time is the instant the form opened (to the second).
        let opened = ClockFormat.dayTime(form.openedAt, timeZone: zone) == form.text(.receivedAt) ? form.openedAt : received
        object["received_at"] = DutyTime.formatISO8601(opened, timeZone: zone)
    }
    if case .success(let occurred)? = form.time(.occurredAt, now: state.now, timeZone: zone) {
        object["occurred_at"] = DutyTime.formatISO8601(occurred, timeZone: zone)
    }
    object["reporter"] = ["unit": form.text(.reporterUnit), "name": form.text(.reporterName), "title": form.text(.reporterTitle),
                          "phone": form.text(.reporterPhone), "already_reported": form.text(.alreadyReported)]
    var location: [String: Any] = ["county": form.text(.county), "town": form.text(.town), "village": form.text(.village),
                                   "detail": form.text(.placeDetail)]
    if let (lat, lon) = coordinates(form.text(.coordinates)) { location["lat"] = lat; location["lon"] = lon }
    object["location"] = location
    object["category"] = form.category?.rawValue ?? ""
    object["type"] = form.typeID ?? ""
    object["casualties"] = ["deaths": form.countValue(.deaths), "missing": form.countValue(.missing), "injured": form.countValue(.injured),
                            "injured_minor": form.countValue(.injuredMinor), "trapped": form.countValue(.trapped),
                            "evacuated": form.countValue(.evacuated), "endangered": form.countValue(.endangered),
                            "relief_needed": form.countValue(.reliefNeeded)]
    object["houses"] = ["collapsed": form.countValue(.housesCollapsed), "damaged": form.countValue(.housesDamaged)]
    object["enterprise"] = ["name": form.text(.enterpriseName), "nature": form.text(.enterpriseNature),
                            "licence": form.text(.enterpriseLicence), "address": form.text(.enterpriseAddress)]
    object["sensitive"] = NSNumber(value: form.isSensitive)
    object["loss_cny"] = NSNumber(value: form.lossValue())
    for (field, key) in [(IntakeField.description, "description"), (.measures, "measures"), (.nature, "nature"),
                         (.hazardousSubstance, "hazardous_substance"), (.affectedArea, "affected_area"), (.trend, "trend"),
                         (.leadersOnScene, "leaders_on_scene"), (.commander, "commander"), (.requests, "requests"),
                         (.gradeReason, "grade_reason")] {
        object[key] = form.text(field)
    }
    if let chosen = form.chosenGrade {
        object["grade"] = chosen.map { $0.rawValue as Any } ?? NSNull()
    }
    let parser = IntakeParser(rules: state.duty.rules, now: state.now, timeZone: zone,
                              sanitize: { TextSafety.sanitize($0, keepNewlines: true) })
    switch parser.parse(object: object) {
    case .failure(let errors):
        for error in errors.errors {
            let field = IntakeForm.field(forPath: error.field)
            // The category comes with the type: its problem is the type's.
            if field == .category && problems[.type] != nil { continue }
            guard problems[field] == nil else { continue }
            // The parser speaks English (it also serves the CLI); the form's own words where one fits.
            switch error.field {
            case "location": problems[field] = .placeRequired
            case "occurred_at": problems[field] = .occurredAfterReceived
            default: problems[field] = .fieldProblem(error.message)
            }
        }
    case .success(var intake) where problems.isEmpty:
        if form.chosenGrade != nil, intake.gradeReason.isEmpty { intake.gradeReason = "confirmed at intake" }
        form.problems = [:]
        return [.recordIntake(intake, operatorName: state.operatorName)]
    case .success:
        break
    }
    form.problems = problems
    form.notice = nil
    // On the message line: the footer shows the focused field's own problem.
    state.message = Message(.intake(.fixBeforeSaving(problems.count)), kind: .error)
    if let first = IntakeField.allCases.first(where: { problems[$0] != nil }) { form.focus = first }
    return [.saveIntakeDraft(form.draftValues), .bell]
}

extension IntakeForm {
    /// The form field an intake parser path names.
    static func field(forPath path: String) -> IntakeField {
        switch path {
        case "received_at": return .receivedAt
        case "occurred_at": return .occurredAt
        case "reporter.name": return .reporterName
        case "reporter.unit": return .reporterUnit
        case "reporter.title": return .reporterTitle
        case "reporter.phone": return .reporterPhone
        case "reporter.already_reported": return .alreadyReported
        case "location", "location.county": return .county
        case "location.town": return .town
        case "location.village": return .village
        case "location.detail": return .placeDetail
        case "location.lat/lon": return .coordinates
        case "category": return .category
        case "type": return .type
        case "casualties.deaths": return .deaths
        case "casualties.missing": return .missing
        case "casualties.injured": return .injured
        case "casualties.injured_minor": return .injuredMinor
        case "casualties.endangered": return .endangered
        case "casualties.relief_needed": return .reliefNeeded
        case "houses.collapsed": return .housesCollapsed
        case "houses.damaged": return .housesDamaged
        case "enterprise.name": return .enterpriseName
        case "enterprise.nature": return .enterpriseNature
        case "enterprise.licence": return .enterpriseLicence
        case "enterprise.address": return .enterpriseAddress
        case "sensitive": return .sensitive
        case "casualties.trapped": return .trapped
        case "casualties.evacuated": return .evacuated
        case "loss_cny": return .loss
        case "measures": return .measures
        case "nature": return .nature
        case "hazardous_substance": return .hazardousSubstance
        case "affected_area": return .affectedArea
        case "trend": return .trend
        case "leaders_on_scene": return .leadersOnScene
        case "commander": return .commander
        case "requests": return .requests
        case "grade": return .grade
        case "grade_reason": return .gradeReason
        default: return .description
        }
    }
}
