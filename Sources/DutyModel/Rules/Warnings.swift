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

/// A kind of warning (暴雨, 台风 …) and the colours it may carry.
public struct WarningTypeInfo: Hashable, Sendable {
    public var id: String
    public var issuer: String
    public var zh: String
    public var en: String
    /// From the least to the most severe.
    public var colors: [WarningColor]
    public var keywords: [String]
}

/// Warning levels, issuers and types (warnings.toml, DOMAIN.md §3).
public struct WarningRules: Hashable, Sendable {
    /// Level 1 (red) first.
    public var levels: [WarningLevelInfo]
    public var issuers: [WarningIssuerInfo]
    public var types: [WarningTypeInfo]
    /// Share of the public a warning must reach (percent).
    public var coverageTargetPercent: Double

    public init(levels: [WarningLevelInfo], issuers: [WarningIssuerInfo], types: [WarningTypeInfo], coverageTargetPercent: Double) {
        self.levels = levels.sorted { $0.level < $1.level }
        self.issuers = issuers
        self.types = types
        self.coverageTargetPercent = coverageTargetPercent
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

    static func parse(_ root: TableReader) throws -> WarningRules {
        try root.checkKeys(["levels", "issuers", "types", "coverage_target_percent"])
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
            try t.checkKeys(["id", "issuer", "zh", "en", "colors", "keywords"])
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
            types.append(WarningTypeInfo(id: id, issuer: issuer, zh: try t.nonEmptyString("zh"), en: try t.nonEmptyString("en"),
                                         colors: colors.sorted(), keywords: t.has("keywords") ? try t.stringArray("keywords") : []))
        }
        var target = 95.0
        if root.has("coverage_target_percent") {
            target = try root.number("coverage_target_percent")
            guard (0...100).contains(target) else {
                throw root.problem("coverage_target_percent", "\(target) is not a percentage (0–100)")
            }
        }
        return WarningRules(levels: levels, issuers: issuers, types: types, coverageTargetPercent: target)
    }
}
