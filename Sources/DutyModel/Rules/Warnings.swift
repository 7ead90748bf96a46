import Foundation

/// The four warning colours of the Emergency Response Law; `red` is level 1.
public enum WarningColor: String, CaseIterable, Codable, Comparable, Hashable, Sendable {
    case red, orange, yellow, blue

    /// 1 red (highest) … 4 blue.
    public var level: Int {
        switch self {
        case .red: return 1
        case .orange: return 2
        case .yellow: return 3
        case .blue: return 4
        }
    }

    public init?(level: Int) {
        guard let c = Self.allCases.first(where: { $0.level == level }) else { return nil }
        self = c
    }

    /// `a < b` means a is *less* severe (blue < red), so `max` picks the most severe.
    public static func < (a: WarningColor, b: WarningColor) -> Bool { a.level > b.level }
}

/// How a warning level is named and mapped to CAP (warnings.toml `levels`).
public struct WarningLevelInfo: Hashable, Sendable {
    public var color: WarningColor
    public var level: Int { color.level }
    /// 红色
    public var zh: String
    /// 一级
    public var zhLevel: String
    public var en: String
    /// CAP 1.2 `<severity>`: Extreme, Severe, Moderate, Minor.
    public var capSeverity: String
}

public struct WarningIssuerInfo: Hashable, Sendable {
    public var id: String
    public var zh: String
    public var en: String
}

/// How a warning type states its level (warnings.toml `scale`).
public enum WarningScale: String, Hashable, Sendable {
    /// The four colours (the usual case).
    case colour
    /// Earthquake early warning: the expected intensity (预估烈度, Ⅰ–Ⅻ on the
    /// Chinese seismic intensity scale) its text states, never a colour name.
    case intensity
}

/// A kind of warning (暴雨, 台风 …) and the colours it may carry.
public struct WarningTypeInfo: Hashable, Sendable {
    public var id: String
    public var issuer: String
    public var zh: String
    public var en: String
    /// From the least to the most severe.
    public var colors: [WarningColor]
    public var keywords: [String]
    public var scale: WarningScale = .colour
}

/// The acknowledgement clock of a warning colour (warnings.toml
/// `acknowledgement_clocks`), counted from when the message was received.
public struct WarningAcknowledgementClock: Hashable, Sendable {
    public var color: WarningColor
    /// The leader on duty told: the acknowledgement recorded (`a`).
    public var acknowledgeWithin: TimeInterval
    /// Passed on to departments and towns: the first dissemination tick recorded (`d`).
    public var forwardWithin: TimeInterval
}

/// Warning levels, issuers and types (warnings.toml, DOMAIN.md §3).
public struct WarningRules: Hashable, Sendable {
    /// Level 1 (red) first.
    public var levels: [WarningLevelInfo]
    public var issuers: [WarningIssuerInfo]
    public var types: [WarningTypeInfo]
    /// Share of the public a warning must reach (percent).
    public var coverageTargetPercent: Double
    /// The colours whose warnings have acknowledgement clocks (red and orange by default).
    public var acknowledgementClocks: [WarningAcknowledgementClock]

    public init(levels: [WarningLevelInfo], issuers: [WarningIssuerInfo], types: [WarningTypeInfo], coverageTargetPercent: Double,
                acknowledgementClocks: [WarningAcknowledgementClock] = []) {
        self.levels = levels.sorted { $0.level < $1.level }
        self.issuers = issuers
        self.types = types
        self.coverageTargetPercent = coverageTargetPercent
        self.acknowledgementClocks = acknowledgementClocks
    }

    /// The acknowledgement clock of warnings of this colour, if it has one.
    public func acknowledgementClock(_ color: WarningColor?) -> WarningAcknowledgementClock? {
        guard let color else { return nil }
        return acknowledgementClocks.first { $0.color == color }
    }

    public func level(_ color: WarningColor) -> WarningLevelInfo? {
        levels.first { $0.color == color }
    }

    public func level(number: Int) -> WarningLevelInfo? {
        levels.first { $0.level == number }
    }

    /// The colour for a CAP `<severity>` (case-insensitive), e.g. "Severe" → orange.
    public func color(capSeverity: String) -> WarningColor? {
        levels.first { $0.capSeverity.lowercased() == capSeverity.lowercased() }?.color
    }

    public func issuer(_ id: String) -> WarningIssuerInfo? {
        issuers.first { $0.id == id }
    }

    /// A warning type by id, Chinese name or English name ("rainstorm", "暴雨", "Rainstorm").
    /// A Chinese name with a trailing 预警/预警信号 is accepted too ("暴雨预警").
    public func type(named name: String) -> WarningTypeInfo? {
        let n = name.trimmingCharacters(in: .whitespaces)
        if let t = types.first(where: { $0.id == n || $0.zh == n || $0.en.lowercased() == n.lowercased() }) { return t }
        for suffix in ["预警信号", "预警"] where n.hasSuffix(suffix) {
            let stem = String(n.dropLast(suffix.count))
            if let t = types.first(where: { $0.zh == stem }) { return t }
        }
        return nil
    }

    public func types(issuer: String) -> [WarningTypeInfo] {
        types.filter { $0.issuer == issuer }
    }

    /// Whether a warning of this type exists in this colour (e.g. no blue 高温).
    /// Unknown types allow every colour.
    public func allows(type name: String, color: WarningColor) -> Bool {
        guard let t = type(named: name) else { return true }
        return t.colors.contains(color)
    }

    /// The type of `info` when it arrived in a colour that type does not have
    /// (冰雹蓝色, 高温蓝色, 霜冻红色): recorded as sent, flagged. Nil when the
    /// colour is one of the type's, or the type or colour is unknown, or the
    /// type is stated by intensity (earthquake), not by colour.
    public func colourNotListed(_ info: WarningInfo) -> WarningTypeInfo? {
        guard let color = info.color, let t = type(named: info.type), t.scale == .colour, !t.colors.contains(color) else { return nil }
        return t
    }

    /// Whether `info` is of a type whose level is an intensity (earthquake early warning).
    public func statesIntensity(_ info: WarningInfo) -> Bool {
        type(named: info.type)?.scale == .intensity
    }

    static func parse(_ root: TableReader) throws -> WarningRules {
        try root.checkKeys(["levels", "issuers", "types", "coverage_target_percent", "acknowledgement_clocks"])
        var levels: [WarningLevelInfo] = []
        for l in try root.tableArray("levels") {
            try l.checkKeys(["level", "color", "zh", "zh_level", "en", "cap_severity"])
            let colorName = try l.string("color")
            guard let color = WarningColor(rawValue: colorName) else {
                throw l.problem("color", "\"\(colorName)\" is not a warning colour (red, orange, yellow, blue)")
            }
            let level = try l.int("level")
            guard level == color.level else {
                throw l.problem("level", "\(colorName) is level \(color.level), not \(level)")
            }
            guard !levels.contains(where: { $0.color == color }) else { throw l.problem("color", "\(colorName) is listed twice") }
            let severity = try l.string("cap_severity")
            guard ["Extreme", "Severe", "Moderate", "Minor", "Unknown"].contains(severity) else {
                throw l.problem("cap_severity", "\"\(severity)\" is not a CAP severity (Extreme, Severe, Moderate, Minor, Unknown)")
            }
            levels.append(WarningLevelInfo(color: color, zh: try l.nonEmptyString("zh"), zhLevel: try l.nonEmptyString("zh_level"),
                                           en: try l.nonEmptyString("en"), capSeverity: severity))
        }
        if let missing = WarningColor.allCases.first(where: { c in !levels.contains { $0.color == c } }) {
            throw root.problem("levels", "level \(missing.level) (\(missing.rawValue)) is missing")
        }
        var issuers: [WarningIssuerInfo] = []
        for i in try root.tableArray("issuers") {
            try i.checkKeys(["id", "zh", "en"])
            let id = try i.identifier("id")
            guard !issuers.contains(where: { $0.id == id }) else { throw i.problem("id", "\"\(id)\" is listed twice") }
            issuers.append(WarningIssuerInfo(id: id, zh: try i.nonEmptyString("zh"), en: try i.nonEmptyString("en")))
        }
        var types: [WarningTypeInfo] = []
        for t in try root.tableArray("types") {
            try t.checkKeys(["id", "issuer", "zh", "en", "colors", "keywords", "scale"])
            let id = try t.identifier("id")
            guard !types.contains(where: { $0.id == id }) else { throw t.problem("id", "\"\(id)\" is listed twice") }
            let issuer = try t.string("issuer")
            guard issuers.contains(where: { $0.id == issuer }) else {
                throw t.problem("issuer", "\"\(issuer)\" is not an issuer listed in issuers")
            }
            var colors: [WarningColor] = []
            for name in try t.stringArray("colors") {
                guard let c = WarningColor(rawValue: name) else {
                    throw t.problem("colors", "\"\(name)\" is not a warning colour (red, orange, yellow, blue)")
                }
                guard !colors.contains(c) else { throw t.problem("colors", "\"\(name)\" is listed twice") }
                colors.append(c)
            }
            if colors.isEmpty { throw t.problem("colors", "lists no colour") }
            var scale = WarningScale.colour
            if let name = try t.optionalString("scale") {
                switch name {
                case "colour", "color": scale = .colour
                case "intensity": scale = .intensity
                default: throw t.problem("scale", "\"\(name)\" is not a scale (\"colour\" or \"intensity\")")
                }
            }
            types.append(WarningTypeInfo(id: id, issuer: issuer, zh: try t.nonEmptyString("zh"), en: try t.nonEmptyString("en"),
                                         colors: colors.sorted(), keywords: t.has("keywords") ? try t.stringArray("keywords") : [],
                                         scale: scale))
        }
        var target = 95.0
        if root.has("coverage_target_percent") {
            target = try root.number("coverage_target_percent")
            guard (0...100).contains(target) else {
                throw root.problem("coverage_target_percent", "\(target) is not a percentage (0–100)")
            }
        }
        var clocks: [WarningAcknowledgementClock] = []
        for c in root.has("acknowledgement_clocks") ? try root.tableArray("acknowledgement_clocks") : [] {
            try c.checkKeys(["color", "acknowledge_minutes", "forward_minutes"])
            let colorName = try c.string("color")
            guard let color = WarningColor(rawValue: colorName) else {
                throw c.problem("color", "\"\(colorName)\" is not a warning colour (red, orange, yellow, blue)")
            }
            guard !clocks.contains(where: { $0.color == color }) else { throw c.problem("color", "\(colorName) is listed twice") }
            func minutes(_ key: String) throws -> TimeInterval {
                let m = try c.int(key)
                guard (1...1440).contains(m) else { throw c.problem(key, "\(m) is not a number of minutes from 1 to 1440 (a day)") }
                return TimeInterval(m * 60)
            }
            clocks.append(WarningAcknowledgementClock(color: color, acknowledgeWithin: try minutes("acknowledge_minutes"),
                                                      forwardWithin: try minutes("forward_minutes")))
        }
        return WarningRules(levels: levels, issuers: issuers, types: types, coverageTargetPercent: target,
                            acknowledgementClocks: clocks.sorted { $0.color > $1.color })
    }
}

/// The expected intensity an earthquake early warning states (预估烈度), on the
/// Chinese seismic intensity scale (GB/T 17742-2020, Ⅰ–Ⅻ). Read from the
/// message's own words at display time, so nothing is added to the event.
public enum WarningIntensity {
    static let romanSigns: [Character] = ["Ⅰ", "Ⅱ", "Ⅲ", "Ⅳ", "Ⅴ", "Ⅵ", "Ⅶ", "Ⅷ", "Ⅸ", "Ⅹ", "Ⅺ", "Ⅻ"]
    static let romanLetters = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]

    /// Ⅵ for 6; nil outside 1…12.
    public static func roman(_ n: Int) -> String? {
        (1...12).contains(n) ? String(romanSigns[n - 1]) : nil
    }

    /// VI for 6 (ASCII letters, for English text); nil outside 1…12.
    public static func romanLetters(_ n: Int) -> String? {
        (1...12).contains(n) ? romanLetters[n - 1] : nil
    }

    /// The highest intensity the texts state after 烈度 (预估烈度6度, 烈度Ⅵ度,
    /// 烈度：VI) or the word intensity (intensity 6, Intensity VI). Nil when
    /// none is stated or it is outside Ⅰ–Ⅻ.
    public static func stated(in texts: [String]) -> Int? {
        var found: Int?
        for text in texts {
            for (marker, caseless) in [("烈度", false), ("intensity", true)] {
                let haystack = caseless ? text.lowercased() : text
                var search = haystack.startIndex
                while let hit = haystack.range(of: marker, range: search..<haystack.endIndex) {
                    search = hit.upperBound
                    if let n = numeral(atStartOf: String(haystack[hit.upperBound...])) { found = max(found ?? 0, n) }
                }
            }
        }
        return found
    }

    /// A numeral (1–12 in digits, Ⅰ–Ⅻ, or I–XII) after blanks and a few linking
    /// words (为, 达, 约, 可达, a colon, "of").
    static func numeral(atStartOf text: String) -> Int? {
        var rest = Substring(text)
        for _ in 0..<4 {
            let trimmed = rest.drop { $0 == " " || $0 == "\u{3000}" || $0 == ":" || $0 == "：" }
            rest = trimmed
            var stripped = false
            for word in ["可达", "为", "达", "约", "of", "OF", "Of"] where rest.hasPrefix(word) {
                rest = rest.dropFirst(word.count)
                stripped = true
                break
            }
            if !stripped { break }
        }
        let digits = rest.prefix { $0.isASCII && $0.isNumber }
        if !digits.isEmpty {
            guard digits.count <= 2, let n = Int(digits), (1...12).contains(n) else { return nil }
            return n
        }
        if let first = rest.first.map({ String($0).uppercased() }), first.count == 1,
           let i = romanSigns.firstIndex(of: Character(first)) {
            return i + 1
        }
        let letters = String(rest.prefix { "IVXivx".contains($0) }).uppercased()
        // "VI度", "VI." or "VI" at the end; not the start of a word ("in", "visible").
        if let next = rest.dropFirst(letters.count).first, next.isASCII && next.isLetter { return nil }
        return romanLetters.firstIndex(of: letters).map { $0 + 1 }
    }
}
