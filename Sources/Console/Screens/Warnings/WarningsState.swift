import SafeText
import DutyModel
import Foundation
import TerminalUI

public struct WarningsScreenState: Equatable, Sendable {
    /// Selection by chain key, so an update arriving keeps the row selected.
    public var list = FilteredList()
    public init() {}
}

/// The dissemination checklist of one warning: a cursor over targets × channels.
public struct DisseminationDialog: Equatable, Sendable {
    public var chainKey: String
    public var row = 0
    public var column = 0
    /// First target row shown.
    public var offset = 0

    public init(chainKey: String) {
        self.chainKey = chainKey
    }
}

public enum WarningEntryField: Int, CaseIterable, Hashable, Sendable {
    case type, level, issuer, area, effective, expires, headline, description, instruction, source
}

/// A warning received by phone or fax, typed in by the officer; or an update
/// of one already held (`updating` is the key of the message it supersedes).
public struct WarningEntryForm: Equatable, Sendable {
    public var fields: [WarningEntryField: TextFieldState]
    public var focus: WarningEntryField = .type
    public var problems: [WarningEntryField: WarningText] = [:]
    public var updating: String?
    /// "New warning" or "Update warning · 暴雨", as the form was opened.
    public var title: WarningText

    public init(updating info: WarningInfo? = nil, rules: RuleBook, language: Language) {
        var fields: [WarningEntryField: TextFieldState] = [:]
        for f in WarningEntryField.allCases {
            let limit = f == .description || f == .instruction ? 2000 : f == .headline || f == .area ? 300 : 60
            fields[f] = TextFieldState(maxLength: limit)
        }
        self.fields = fields
        title = .entryTitle
        set(.source, WarningText.entrySource(.phone).text(language))
        if let info {
            updating = info.key
            let type = rules.warnings.type(named: info.type)
            title = .entryUpdateTitle(type?.zh ?? info.type)
            set(.type, type?.zh ?? info.type)
            set(.level, WarningText.colourName(info.color).0)
            set(.issuer, info.senderName.isEmpty ? info.issuer : info.senderName)
            set(.area, info.areas.joined(separator: "、"))
            set(.headline, "")
            set(.description, info.description)
            set(.instruction, info.instruction)
            if let expires = info.expires {
                set(.expires, DutyTime.formatISO8601(expires, timeZone: DutyTime.defaultTimeZone))
            }
            focus = .level
        }
    }

    mutating func set(_ field: WarningEntryField, _ text: String) {
        var f = fields[field] ?? TextFieldState(maxLength: 300)
        f.setText(String(text.prefix(f.maxLength)))
        fields[field] = f
    }

    public func text(_ field: WarningEntryField) -> String {
        TextSafety.sanitize(fields[field]?.text ?? "").trimmingCharacters(in: .whitespaces)
    }

    /// The warning the form describes, or the problems by field. `now` is when
    /// it was received; the identifier is made from the station and that time.
    /// Why the form cannot be saved yet, by field.
    public struct Problems: Error, Equatable {
        public var byField: [WarningEntryField: WarningText]
    }

    public func warning(rules: RuleBook, station: String, now: Date, timeZone: TimeZone) -> Result<WarningInfo, Problems> {
        var problems: [WarningEntryField: WarningText] = [:]
        let typeText = text(.type)
        let type = rules.warnings.type(named: typeText)
            ?? rules.warnings.types.first { $0.keywords.contains(typeText.lowercased()) }
        if typeText.isEmpty { problems[.type] = .entryRequired(.type) } else if type == nil { problems[.type] = .entryTypeUnknown(typeText) }
        let levelText = text(.level)
        let colour = Self.colour(levelText)
        if levelText.isEmpty { problems[.level] = .entryRequired(.level) } else if colour == nil { problems[.level] = .entryLevelUnknown(levelText) }
        if let type, let colour, !type.colors.contains(colour) {
            problems[.level] = .entryColourNotForType(type.zh, WarningText.colourName(colour).0)
        }
        if text(.issuer).isEmpty { problems[.issuer] = .entryRequired(.issuer) }
        if text(.area).isEmpty { problems[.area] = .entryRequired(.area) }
        var effective = now
        if !text(.effective).isEmpty {
            switch ClockEntry.parse(text(.effective), now: now, timeZone: timeZone) {
            case .success(let d): effective = d
            case .failure: problems[.effective] = .entryTimeUnreadable(.effective, text(.effective))
            }
        }
        var expires: Date?
        if !text(.expires).isEmpty {
            if let d = Self.futureTime(text(.expires), from: effective, timeZone: timeZone) {
                expires = d
                if d <= effective { problems[.expires] = .entryExpiresBeforeEffective }
            } else {
                problems[.expires] = .entryTimeUnreadable(.expires, text(.expires))
            }
        }
        guard problems.isEmpty, let type, let colour else { return .failure(Problems(byField: problems)) }
        let issuer = text(.issuer)
        let colourName = WarningText.colourName(colour).0
        let headline = text(.headline).isEmpty ? "\(issuer)发布\(type.zh)\(colourName)预警" : text(.headline)
        let areaText = text(.area)
        let areas = areaText.split(whereSeparator: { "、,，;；".contains($0) }).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
        let stamp = DutyTime.formatISO8601(now, timeZone: timeZone)
        let compact = stamp.filter { $0.isNumber }.prefix(14)
        let source = text(.source).contains("传真") || text(.source).lowercased().hasPrefix("fax") ? WarningSource.fax : .phone
        return .success(WarningInfo(
            identifier: "\(station)-W\(compact)", sender: station, sent: stamp, sentAt: now,
            msgType: updating == nil ? .alert : .update, references: updating.map { [$0] } ?? [],
            issuer: type.issuer, type: type.id, color: colour, areas: areas,
            towns: rules.places.towns(covering: [(areaText, [])]),
            effective: effective, expires: expires, headline: headline,
            description: TextSafety.sanitize(fields[.description]?.text ?? "").trimmingCharacters(in: .whitespaces),
            instruction: TextSafety.sanitize(fields[.instruction]?.text ?? "").trimmingCharacters(in: .whitespaces),
            source: source, senderName: issuer,
            severity: rules.warnings.level(colour)?.capSeverity ?? ""))
    }

    /// 红 / 红色 / red / 1 …
    static func colour(_ text: String) -> WarningColor? {
        let t = text.lowercased()
        if let n = Int(t) { return WarningColor(level: n) }
        for (words, colour) in [(["红", "red", "一级", "i"], WarningColor.red), (["橙", "orange", "二级", "ii"], .orange),
                                (["黄", "yellow", "三级", "iii"], .yellow), (["蓝", "blue", "四级", "iv"], .blue)] {
            if words.contains(where: { t == $0 || (t.hasPrefix($0) && !$0.allSatisfy(\.isASCII)) }) { return colour }
        }
        return nil
    }

    /// When a warning expires: "+6h", "+30m", "18:00" (the next one), "11-24 08:00", ISO 8601.
    static func futureTime(_ text: String, from start: Date, timeZone: TimeZone) -> Date? {
        if text.hasPrefix("+") || text.contains(":") && text.count <= 5 {
            if case .success(let d?) = DueTime.parse(text, now: start, timeZone: timeZone) { return d }
        }
        if let iso = DutyTime.parseISO8601(text, timeZone: timeZone) { return iso }
        // "11-24 08:00" read as a past time from a far-future reference, then checked.
        let parts = text.split(separator: " ")
        guard parts.count == 2 else { return nil }
        let day = parts[0].split(whereSeparator: { $0 == "-" || $0 == "/" }).compactMap { Int($0) }
        guard day.count == 2, let clock = TimeOfDay(String(parts[1])) else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        var c = calendar.dateComponents([.year], from: start)
        c.month = day[0]
        c.day = day[1]
        c.hour = clock.hour
        c.minute = clock.minute
        guard var date = calendar.date(from: c),
              calendar.dateComponents([.month, .day], from: date) == DateComponents(month: day[0], day: day[1]) else { return nil }
        // 01-02 typed on 12-31 is next year.
        if date < start.addingTimeInterval(-86400), let next = calendar.date(byAdding: .year, value: 1, to: date) { date = next }
        return date
    }
}

extension AppState {
    /// Selects one warning chain on the warnings list, clearing a filter that would hide it.
    mutating func selectWarning(_ chainKey: String) {
        if !warnings.list.filter.text.isEmpty, !WarningsView.visible(self).contains(where: { $0.chainKey == chainKey }) {
            warnings.list.filter = TextFieldState(maxLength: warnings.list.filter.maxLength)
        }
        warnings.list.isFiltering = false
        warnings.list.selectedKey = chainKey
    }
}
