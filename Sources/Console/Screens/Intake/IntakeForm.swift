import SafeText
import DutyModel
import Foundation
import TerminalUI

/// The parts of the intake form (接报登记), DOMAIN.md §2.4, in the order the
/// officer meets them while the caller talks.
public enum IntakeSection: Int, CaseIterable, Sendable {
    case time, source, place, nature, casualties, situation, grade
}

/// Every field of the intake form.
public enum IntakeField: String, CaseIterable, Codable, Sendable {
    case receivedAt, occurredAt
    case reporterUnit, reporterName, reporterTitle, reporterPhone, alreadyReported
    case county, town, village, placeDetail, coordinates
    case category, type, nature, hazardousSubstance
    case enterpriseName, enterpriseNature, enterpriseLicence, enterpriseAddress
    case deaths, missing, injured, injuredMinor, trapped, evacuated, endangered
    case reliefNeeded, housesCollapsed, housesDamaged, loss, affectedArea, trend
    case description, measures, leadersOnScene, commander, requests
    case grade, gradeReason, sensitive

    public enum Kind: Sendable { case text, time, count, money, picker, coordinates }

    public var kind: Kind {
        switch self {
        case .receivedAt, .occurredAt: return .time
        case .deaths, .missing, .injured, .injuredMinor, .trapped, .evacuated, .endangered, .reliefNeeded,
             .housesCollapsed, .housesDamaged: return .count
        case .loss: return .money
        case .county, .town, .village, .category, .type, .grade, .sensitive: return .picker
        case .coordinates: return .coordinates
        default: return .text
        }
    }

    public var section: IntakeSection {
        switch self {
        case .receivedAt, .occurredAt: return .time
        case .reporterUnit, .reporterName, .reporterTitle, .reporterPhone, .alreadyReported: return .source
        case .county, .town, .village, .placeDetail, .coordinates: return .place
        case .category, .type, .nature, .hazardousSubstance, .enterpriseName, .enterpriseNature, .enterpriseLicence,
             .enterpriseAddress: return .nature
        case .deaths, .missing, .injured, .injuredMinor, .trapped, .evacuated, .endangered, .reliefNeeded, .housesCollapsed,
             .housesDamaged, .loss, .affectedArea, .trend: return .casualties
        case .description, .measures, .leadersOnScene, .commander, .requests: return .situation
        case .grade, .gradeReason, .sensitive: return .grade
        }
    }

    /// Place pickers accept a name that is not on the list (kept as free text).
    public var acceptsFreeText: Bool { self == .county || self == .town || self == .village }

    /// How much each field holds; the description takes a long dictated
    /// account (the intake limit), short fields a name or a number.
    public var maxLength: Int {
        switch kind {
        case .time: return 32
        case .count: return 9
        case .money: return 20
        case .coordinates: return 40
        case .picker: return 60
        case .text:
            switch self {
            case .description: return IntakeParser.maximumTextLength
            case .measures, .alreadyReported, .requests, .trend, .affectedArea, .gradeReason: return 2000
            case .reporterPhone: return 40
            default: return 200
            }
        }
    }

    /// The first field the officer types into: who is calling.
    public static let first: IntakeField = .reporterUnit
}

/// One entry a picker offers: `id` is what is stored (a type id, a category,
/// a place name), `label` what is shown, `detail` a second line of context.
public struct PickerCandidate: Hashable, Sendable {
    public var id: String
    public var label: String
    public var detail: String
}

/// The intake form while it is being filled: the text of every field, what
/// the pickers chose, where the cursor is and what is wrong. Saved as a
/// draft on every change (`draftValues`), so nothing typed is lost.
public struct IntakeForm: Equatable, Sendable {
    public var fields: [IntakeField: TextFieldState]
    /// For picker fields: the entry chosen (nil = typed text not on the list).
    public var picked: [IntakeField: String] = [:]
    public var focus: IntakeField = .first
    /// The highlighted candidate of the open picker.
    public var highlight = 0
    /// What is wrong with a field, shown beside it until it is edited.
    public var problems: [IntakeField: IntakeText] = [:]
    /// One-off remark under the form (a refused key, free-text place).
    public var notice: IntakeText?
    public var openedAt: Date
    /// Whether anything was typed since the form opened (or was resumed).
    public var isDirty = false
    /// Set while the officer is asked what to do with an unsaved form.
    public var leaving: LeaveIntent?

    public enum LeaveIntent: Equatable, Sendable {
        case screen(Screen)
        case quit
        case close
    }

    public init(now: Date, timeZone: TimeZone) {
        openedAt = now
        var f: [IntakeField: TextFieldState] = [:]
        for field in IntakeField.allCases { f[field] = TextFieldState(maxLength: field.maxLength) }
        f[.receivedAt] = TextFieldState(text: ClockFormat.dayTime(now, timeZone: timeZone), maxLength: IntakeField.receivedAt.maxLength)
        fields = f
    }

    public func text(_ field: IntakeField) -> String { fields[field]?.text ?? "" }

    // MARK: Drafts

    /// The form as plain strings, for the draft file.
    public var draftValues: [String: String] {
        var out: [String: String] = ["focus": focus.rawValue, "opened_at": DutyTime.formatISO8601(openedAt)]
        for (field, state) in fields where !state.text.isEmpty { out["field." + field.rawValue] = state.text }
        for (field, id) in picked { out["picked." + field.rawValue] = id }
        return out
    }

    /// The form from a draft file's strings; unknown keys are ignored.
    public init(restoring values: [String: String], now: Date, timeZone: TimeZone) {
        self.init(now: values["opened_at"].flatMap { DutyTime.parseISO8601($0) } ?? now, timeZone: timeZone)
        fields[.receivedAt] = TextFieldState(maxLength: IntakeField.receivedAt.maxLength)
        for field in IntakeField.allCases {
            if let text = values["field." + field.rawValue] { fields[field] = TextFieldState(text: text, maxLength: field.maxLength) }
            if let id = values["picked." + field.rawValue] { picked[field] = TextSafety.sanitize(id) }
        }
        focus = values["focus"].flatMap(IntakeField.init(rawValue:)) ?? .first
        isDirty = true
    }

    /// How many fields hold something (for the resume prompt).
    public static func filledCount(_ values: [String: String]) -> Int { values.keys.filter { $0.hasPrefix("field.") }.count }

    // MARK: Reading the fields

    public func time(_ field: IntakeField, now: Date, timeZone: TimeZone) -> Result<Date, ClockEntry.Problem>? {
        let raw = text(field).trimmingCharacters(in: .whitespaces)
        guard !raw.isEmpty else { return nil }
        return ClockEntry.parse(raw, now: now, timeZone: timeZone)
    }

    /// A count as far as it can be read (0 while empty or wrong), for the live grade.
    func countValue(_ field: IntakeField) -> Int {
        if case .success(let n) = FormNumber.count(text(field)) { return Int(n) }
        return 0
    }

    func lossValue() -> Int64 {
        if case .success(let n) = FormNumber.yuan(text(.loss)) { return n }
        return 0
    }

    public var casualties: Casualties {
        Casualties(deaths: countValue(.deaths), missing: countValue(.missing), injured: countValue(.injured),
                   trapped: countValue(.trapped), evacuated: countValue(.evacuated), injuredMinor: countValue(.injuredMinor),
                   endangered: countValue(.endangered), reliefNeeded: countValue(.reliefNeeded),
                   housesCollapsed: countValue(.housesCollapsed), housesDamaged: countValue(.housesDamaged))
    }

    /// Marked a sensitive event (敏感事件).
    public var isSensitive: Bool { picked[.sensitive] == "yes" }

    public var category: IncidentCategory? { picked[.category].flatMap(IncidentCategory.init(rawValue:)) }
    public var typeID: String? { picked[.type] }

    /// The grade the officer chose: nil = take the suggestion; .some(nil) = ungraded.
    public var chosenGrade: Grade?? {
        guard let id = picked[.grade], !id.isEmpty else { return nil }
        return .some(Grade(rawValue: id))
    }

    /// The grade the numbers suggest now (nil until a type with a table is picked).
    public func suggestion(rules: RuleBook) -> GradeSuggestion? {
        guard let category, let typeID else { return nil }
        return rules.grading.suggestion(category: category, type: typeID, casualties: casualties, lossCNY: lossValue())
    }

    /// The report deadlines the incident would get if saved now.
    public func deadlines(rules: RuleBook, now: Date, timeZone: TimeZone) -> [Deadline] {
        guard case .success(let received)? = time(.receivedAt, now: now, timeZone: timeZone) else { return [] }
        let confirmed: Grade? = chosenGrade ?? nil
        let grade = IncidentSummary.clockGrade(confirmed: confirmed, suggested: suggestion(rules: rules)?.grade)
        return rules.reporting.deadlines(ClockInputs(receivedAt: received, steps: [ClockStep(at: received, grade: grade, sensitive: isSensitive)]),
                                         now: now, timeZone: timeZone)
    }

    // MARK: Pickers

    /// What the picker of `field` offers for the text typed so far, best first.
    public func candidates(_ field: IntakeField, duty: DutySnapshot, language: Language) -> [PickerCandidate] {
        let query = text(field).trimmingCharacters(in: .whitespaces)
        let rules = duty.rules
        switch field {
        case .category:
            let words = query.lowercased().split(separator: " ")
            return rules.taxonomy.categories.filter { c in
                let hay = ([c.zh, c.en, c.category.rawValue] + c.keywords).map { $0.lowercased() }
                return words.allSatisfy { w in hay.contains { $0.contains(w) } }
            }.map { PickerCandidate(id: $0.category.rawValue, label: language == .zh ? $0.zh : $0.en, detail: language == .zh ? $0.en : $0.zh) }
        case .type:
            let taxonomy = rules.taxonomy
            return taxonomy.search(query, in: category).map { t in
                let parent = t.parent.flatMap { taxonomy.type($0) }
                let context = [parent.map { language == .zh ? $0.zh : $0.en }, language == .zh ? t.en : t.zh].compactMap { $0 }
                return PickerCandidate(id: t.id, label: language == .zh ? t.zh : t.en, detail: context.joined(separator: " · "))
            }
        case .county, .town, .village:
            let level: PlaceEntry.Level = field == .county ? .county : field == .town ? .town : .village
            // A level above narrows the list only when it is a listed place (free text does not).
            let county = duty.places.contains { $0.level == .county && $0.name == text(.county) } ? text(.county) : nil
            let town = duty.places.contains { $0.level == .town && $0.name == text(.town) } ? text(.town) : nil
            return duty.places.filter { entry in
                guard entry.level == level else { return false }
                if level != .county, let county, entry.county != county { return false }
                if level == .village, let town, entry.town != town { return false }
                return entry.matches(query)
            }.map { entry in
                PickerCandidate(id: entry.name, label: entry.name,
                                detail: [entry.county, entry.town].filter { !$0.isEmpty && $0 != entry.name }.joined(separator: " "))
            }
        case .grade:
            var out = [PickerCandidate(id: "", label: IntakeText.gradeTakeSuggestion.text(language), detail: "")]
            out.append(PickerCandidate(id: "none", label: IntakeText.gradeUngraded.text(language), detail: ""))
            for g in Grade.allCases {
                out.append(PickerCandidate(id: g.rawValue, label: UIText.gradeConfirmed(g).text(language), detail: ""))
            }
            let q = query.lowercased()
            if q.isEmpty || out.contains(where: { $0.label == query }) { return out }
            return out.filter { $0.label.lowercased().contains(q) || $0.id.lowercased() == q }
        case .sensitive:
            let out = [PickerCandidate(id: "", label: IntakeText.sensitiveNo.text(language), detail: ""),
                       PickerCandidate(id: "yes", label: IntakeText.sensitiveYes.text(language), detail: "")]
            let q = query.lowercased()
            if q.isEmpty || out.contains(where: { $0.label == query }) { return out }
            return out.filter { $0.label.lowercased().contains(q) || (q.hasPrefix("y") || q == "是" ? $0.id == "yes" : $0.id.isEmpty) }
        default:
            return []
        }
    }
}

/// A place of the jurisdiction with what a picker matches: the name and its
/// pinyin, full and initials ("七圩镇" → "qiweizhen", "qwz").
public struct PlaceEntry: Hashable, Sendable {
    public enum Level: Sendable { case county, town, village }
    public var level: Level
    public var name: String
    public var county: String
    public var town: String
    public var keys: [String]

    public func matches(_ query: String) -> Bool {
        let words = query.lowercased().split(whereSeparator: { $0 == " " || $0 == "　" })
        return words.allSatisfy { w in keys.contains { $0.contains(w) } }
    }

    static func index(_ places: PlaceList) -> [PlaceEntry] {
        func keys(_ name: String) -> [String] {
            let syllables = Pinyin.syllables(name)
            return [name.lowercased(), syllables.joined(), String(syllables.compactMap(\.first))]
        }
        var out: [PlaceEntry] = []
        for county in places.counties {
            out.append(PlaceEntry(level: .county, name: county.name, county: county.name, town: "", keys: keys(county.name)))
            for town in county.towns {
                out.append(PlaceEntry(level: .town, name: town, county: county.name, town: town, keys: keys(town)))
                for village in county.villages[town] ?? [] {
                    out.append(PlaceEntry(level: .village, name: village, county: county.name, town: town, keys: keys(village)))
                }
            }
        }
        return out
    }
}
