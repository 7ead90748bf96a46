import Foundation

/// A number a grading table can look at.
public enum GradingColumn: String, CaseIterable, Hashable, Sendable {
    /// Deaths plus missing (死亡含失踪).
    case deaths
    /// Serious injuries, including acute poisoning (重伤含急性中毒).
    case injured
    case trapped
    /// Trapped or unaccounted for (被困或下落不明, 较大涉险).
    case trappedOrMissing = "trapped_or_missing"
    case evacuated
    /// People whose lives are endangered (危及生命安全).
    case endangered
    /// Relocated plus needing urgent living relief (紧急转移安置和需紧急生活救助).
    case relocatedOrRelief = "relocated_or_relief"
    /// Needing urgent living relief (需紧急生活救助; for drought, 需政府救助).
    case reliefNeeded = "relief_needed"
    /// Affected population (受灾人口).
    case affected
    /// Rooms collapsed or badly damaged (倒塌和严重损坏房屋, 间).
    case housesCollapsedOrDamaged = "houses_collapsed_or_damaged"
    /// Direct economic loss in yuan.
    case lossCNY = "loss_cny"

    public func value(casualties c: Casualties, lossCNY: Int64) -> Int64 {
        switch self {
        case .deaths: return Int64(c.deaths) + Int64(c.missing)
        case .injured: return Int64(c.injured)
        case .trapped: return Int64(c.trapped)
        case .trappedOrMissing: return Int64(c.trapped) + Int64(c.missing)
        case .evacuated: return Int64(c.evacuated)
        case .endangered: return Int64(c.endangered)
        case .relocatedOrRelief: return Int64(c.evacuated) + Int64(c.reliefNeeded)
        case .reliefNeeded: return Int64(c.reliefNeeded)
        case .affected: return Int64(c.affected)
        case .housesCollapsedOrDamaged: return Int64(c.housesCollapsed) + Int64(c.housesDamaged)
        case .lossCNY: return lossCNY
        }
    }

    /// How the column is named to an officer.
    public var chinese: String {
        switch self {
        case .deaths: return "死亡失踪"
        case .injured: return "重伤"
        case .trapped: return "被困"
        case .trappedOrMissing: return "被困或下落不明"
        case .evacuated: return "紧急疏散转移"
        case .endangered: return "危及生命安全"
        case .relocatedOrRelief: return "紧急转移安置和需紧急生活救助"
        case .reliefNeeded: return "需紧急生活救助"
        case .affected: return "受灾人口"
        case .housesCollapsedOrDamaged: return "倒塌和严重损坏房屋（间）"
        case .lossCNY: return "直接经济损失（元）"
        }
    }

    public var english: String {
        switch self {
        case .deaths: return "deaths (incl. missing)"
        case .injured: return "serious injuries"
        case .trapped: return "trapped"
        case .trappedOrMissing: return "trapped or unaccounted for"
        case .evacuated: return "evacuated"
        case .endangered: return "lives endangered"
        case .relocatedOrRelief: return "relocated or needing relief"
        case .reliefNeeded: return "needing relief"
        case .affected: return "affected population"
        case .housesCollapsedOrDamaged: return "rooms collapsed or badly damaged"
        case .lossCNY: return "direct loss (yuan)"
        }
    }
}

/// One table of grading.toml: per column, the lowest number reaching each grade.
public struct GradingTable: Hashable, Sendable {
    /// Categories (`accident`) and/or type ids (`hazchem`).
    public var appliesTo: [String]
    public var source: String
    /// Column → grade → lowest value that reaches the grade (inclusive).
    public var bounds: [GradingColumn: [Grade: Int64]]
    /// The grade when no column reaches any bound; nil = suggest nothing.
    public var otherwise: Grade?

    public init(appliesTo: [String], source: String = "", bounds: [GradingColumn: [Grade: Int64]], otherwise: Grade? = nil) {
        self.appliesTo = appliesTo
        self.source = source
        self.bounds = bounds
        self.otherwise = otherwise
    }

    /// The most severe grade reached by any column, else `otherwise`.
    public func suggestion(casualties: Casualties, lossCNY: Int64) -> GradeSuggestion? {
        var best: GradeSuggestion? = nil
        for column in GradingColumn.allCases {
            guard let columnBounds = bounds[column] else { continue }
            let value = column.value(casualties: casualties, lossCNY: lossCNY)
            // Most severe first: the first bound reached is this column's grade.
            for grade in Grade.allCases {
                guard let bound = columnBounds[grade], value >= bound else { continue }
                if best == nil || grade > best!.grade {
                    best = GradeSuggestion(grade: grade, column: column, value: value, bound: bound, source: source)
                }
                break
            }
        }
        if best == nil, let otherwise {
            return GradeSuggestion(grade: otherwise, column: nil, value: nil, bound: nil, source: source)
        }
        return best
    }
}

/// A suggested grade and why: which column reached which bound.
public struct GradeSuggestion: Hashable, Sendable, CustomStringConvertible {
    public var grade: Grade
    /// nil when no column reached a bound and the table's `otherwise` applied.
    public var column: GradingColumn?
    public var value: Int64?
    public var bound: Int64?
    public var source: String

    /// The source in one language: rule files write it "中文 / English".
    public func sourceText(zh: Bool) -> String { Self.sourceText(source, zh: zh) }

    public static func sourceText(_ source: String, zh: Bool) -> String {
        let halves = source.components(separatedBy: " / ")
        guard halves.count == 2 else { return source }
        return (zh ? halves[0] : halves[1]).trimmingCharacters(in: .whitespaces)
    }

    public var description: String {
        guard let column, let value, let bound else { return "\(grade.rawValue) (below every bound)" }
        return "\(grade.rawValue) (\(column.rawValue) \(value) ≥ \(bound))"
    }
}

/// Grade thresholds per category or type (grading.toml, DOMAIN.md §2.2).
public struct GradingRules: Hashable, Sendable {
    public var tables: [GradingTable]
    /// type id → parent type id (from the taxonomy), for falling back.
    public var parents: [String: String]

    public init(tables: [GradingTable], parents: [String: String] = [:]) {
        self.tables = tables
        self.parents = parents
    }

    /// The table for a type: its own, else its nearest ancestor's, else its category's.
    public func table(category: IncidentCategory, type: String) -> GradingTable? {
        var key: String? = type
        var visited: Set<String> = []
        while let k = key, !k.isEmpty, visited.insert(k).inserted {
            if let t = tables.first(where: { $0.appliesTo.contains(k) }) { return t }
            key = parents[k]
        }
        return tables.first { $0.appliesTo.contains(category.rawValue) }
    }

    /// The suggested grade, or nil when no table applies (or the table gives
    /// no `otherwise` and no bound is reached). Bounds are inclusive; the
    /// deaths column counts deaths + missing; the most severe column wins.
    public func suggest(category: IncidentCategory, type: String, casualties: Casualties, lossCNY: Int64) -> Grade? {
        suggestion(category: category, type: type, casualties: casualties, lossCNY: lossCNY)?.grade
    }

    public func suggestion(category: IncidentCategory, type: String, casualties: Casualties, lossCNY: Int64) -> GradeSuggestion? {
        table(category: category, type: type)?.suggestion(casualties: casualties, lossCNY: lossCNY)
    }

    static func parse(_ root: TableReader, taxonomy: Taxonomy) throws -> GradingRules {
        try root.checkKeys(["tables"])
        var tables: [GradingTable] = []
        var claimed: [String: Int] = [:]
        let entries = root.has("tables") ? try root.tableArray("tables") : []
        for (index, entry) in entries.enumerated() {
            try entry.checkKeys(["applies_to", "source", "otherwise"] + GradingColumn.allCases.map(\.rawValue))
            let appliesTo = try entry.stringOrStringArray("applies_to")
            if appliesTo.isEmpty { throw entry.problem("applies_to", "names no category or type") }
            for name in appliesTo {
                guard IncidentCategory(rawValue: name) != nil || taxonomy.type(name) != nil else {
                    throw entry.problem("applies_to", "\"\(name)\" is neither a category (\(IncidentCategory.allCases.map(\.rawValue).joined(separator: ", "))) nor a type id in taxonomy.toml")
                }
                if let other = claimed[name] {
                    throw entry.problem("applies_to", "\"\(name)\" already has a table (tables[\(other)])")
                }
                claimed[name] = index
            }
            var bounds: [GradingColumn: [Grade: Int64]] = [:]
            for column in GradingColumn.allCases where entry.has(column.rawValue) {
                let c = try entry.subtable(column.rawValue)
                try c.checkKeys(Grade.allCases.map(\.rawValue))
                var columnBounds: [Grade: Int64] = [:]
                var previous: (Grade, Int64)? = nil
                for grade in Grade.allCases where c.has(grade.rawValue) {
                    let n = Int64(try c.int(grade.rawValue))
                    guard n >= 0 else { throw c.problem(grade.rawValue, "\(n) must not be negative") }
                    if let (pg, pn) = previous, n > pn {
                        throw c.problem(grade.rawValue, "\(n) is above the bound for \(pg.rawValue) (\(pn)); a less severe grade needs a lower bound")
                    }
                    columnBounds[grade] = n
                    previous = (grade, n)
                }
                if columnBounds.isEmpty { throw c.problem(nil, "gives no bound (use I, II, III, IV)") }
                bounds[column] = columnBounds
            }
            let otherwise = entry.has("otherwise") ? try entry.grade("otherwise") : nil
            if bounds.isEmpty && otherwise == nil {
                throw entry.problem(nil, "has no columns (\(GradingColumn.allCases.map(\.rawValue).joined(separator: ", "))) and no otherwise")
            }
            tables.append(GradingTable(appliesTo: appliesTo, source: try entry.optionalString("source") ?? "",
                                       bounds: bounds, otherwise: otherwise))
        }
        return GradingRules(tables: tables, parents: taxonomy.parents)
    }
}
