import Foundation

/// Severity grade of an incident (事件等级). I is the most severe. The
/// response level (响应级别) mirrors it.
public enum Grade: String, CaseIterable, Comparable, Sendable, Codable {
    case I, II, III, IV

    /// Lower rank = more severe.
    var rank: Int {
        switch self {
        case .I: return 1
        case .II: return 2
        case .III: return 3
        case .IV: return 4
        }
    }

    /// `a < b` means a is *less* severe than b, so `max` picks the most severe.
    public static func < (a: Grade, b: Grade) -> Bool { a.rank > b.rank }

    /// Ⅰ Ⅱ Ⅲ Ⅳ, the numerals documents use.
    public var romanNumeral: String {
        switch self {
        case .I: return "Ⅰ"
        case .II: return "Ⅱ"
        case .III: return "Ⅲ"
        case .IV: return "Ⅳ"
        }
    }

    /// 较大（Ⅲ级）: the grade as documents print it.
    public var documentName: String { "\(chineseName)（\(romanNumeral)级）" }

    /// "major (III)", in English.
    public var englishName: String {
        switch self {
        case .I: return "particularly serious (I)"
        case .II: return "serious (II)"
        case .III: return "major (III)"
        case .IV: return "general (IV)"
        }
    }

    public var chineseName: String {
        switch self {
        case .I: return "特别重大"
        case .II: return "重大"
        case .III: return "较大"
        case .IV: return "一般"
        }
    }
}

/// The four incident categories (四大类).
public enum IncidentCategory: String, CaseIterable, Sendable, Codable {
    case natural, accident, health, social
}

/// People and property affected, as reported at intake and updated later
/// (one register: any change of these figures is one change).
public struct Casualties: Hashable, Sendable, Codable {
    public var deaths: Int
    public var missing: Int
    /// Serious injuries (重伤), including acute poisoning.
    public var injured: Int
    /// Minor injuries (轻伤).
    public var injuredMinor: Int
    public var trapped: Int
    /// People evacuated or relocated (紧急转移安置).
    public var evacuated: Int
    /// People whose lives are endangered (危及生命安全, 较大涉险).
    public var endangered: Int
    /// People needing urgent living relief (需紧急生活救助).
    public var reliefNeeded: Int
    /// Affected population (受灾人口).
    public var affected: Int
    /// Rooms (间) collapsed and badly damaged (倒塌 / 严重损坏房屋).
    public var housesCollapsed: Int
    public var housesDamaged: Int
    /// Crops affected, hectares (农作物受灾面积).
    public var cropAreaHa: Int

    public init(deaths: Int = 0, missing: Int = 0, injured: Int = 0, trapped: Int = 0, evacuated: Int = 0,
                injuredMinor: Int = 0, endangered: Int = 0, reliefNeeded: Int = 0, affected: Int = 0,
                housesCollapsed: Int = 0, housesDamaged: Int = 0, cropAreaHa: Int = 0) {
        self.deaths = deaths
        self.missing = missing
        self.injured = injured
        self.injuredMinor = injuredMinor
        self.trapped = trapped
        self.evacuated = evacuated
        self.endangered = endangered
        self.reliefNeeded = reliefNeeded
        self.affected = affected
        self.housesCollapsed = housesCollapsed
        self.housesDamaged = housesDamaged
        self.cropAreaHa = cropAreaHa
    }

    public static let none = Casualties()

    /// The people counts (what Decree 493 Art. 13 means by 伤亡人数): a change
    /// of these within the window after the event calls for a 补报.
    public var peopleCounts: [Int] { [deaths, missing, injured, injuredMinor] }
}

/// Where an incident's lifecycle stands (DOMAIN.md §2.5), in order.
public enum IncidentStatus: String, CaseIterable, Comparable, Sendable, Codable {
    case received, verifying, responding, contained, ended, finalReported = "final_reported", closed

    var order: Int { Self.allCases.firstIndex(of: self)! }
    public static func < (a: Self, b: Self) -> Bool { a.order < b.order }
}

/// Kinds of upward report (信息报送).
public enum ReportKind: Hashable, Sendable, Codable {
    case initial
    /// 续报 n (1-based).
    case followUp(Int)
    case final
    /// 补报: casualties changed after the final report.
    case supplementary

    /// `initial`, `follow_up_2`, `final`, `supplementary`: the name the command line and the dialogs use.
    public var name: String {
        switch self {
        case .initial: return "initial"
        case .followUp(let n): return "follow_up_\(n)"
        case .final: return "final"
        case .supplementary: return "supplementary"
        }
    }

    /// The kind a name stands for (nil: not one; `follow_up_0` is not one).
    public init?(name: String) {
        switch name {
        case "initial": self = .initial
        case "final": self = .final
        case "supplementary": self = .supplementary
        default:
            guard name.hasPrefix("follow_up_"), let n = Int(name.dropFirst("follow_up_".count)), n >= 1 else { return nil }
            self = .followUp(n)
        }
    }

    /// One number (0 initial, -1 final, -2 补报, n 续报 n), so any coder reads it back in one value.
    public init(from decoder: Decoder) throws {
        let n = try decoder.singleValueContainer().decode(Int.self)
        switch n {
        case 0: self = .initial
        case -1: self = .final
        case -2: self = .supplementary
        case 1...: self = .followUp(n)
        default: throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "report kind \(n)"))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .initial: try c.encode(0)
        case .final: try c.encode(-1)
        case .supplementary: try c.encode(-2)
        case .followUp(let n): try c.encode(max(1, n))
        }
    }
}

public enum ReportChannel: String, Sendable, Codable, CaseIterable {
    case phone, written
}

/// A report the duty room has made.
public struct ReportMade: Hashable, Sendable, Codable {
    public var kind: ReportKind
    public var channel: ReportChannel
    public var at: Date
    public var recipient: String
    /// Who approved (签发) a written report, and when; nil on reports recorded
    /// before approval was asked for (they count from `at`).
    public var approvedBy: String?
    public var approvedAt: Date?

    public init(kind: ReportKind, channel: ReportChannel, at: Date, recipient: String = "",
                approvedBy: String? = nil, approvedAt: Date? = nil) {
        self.kind = kind
        self.channel = channel
        self.at = at
        self.recipient = recipient
        self.approvedBy = approvedBy
        self.approvedAt = approvedAt
    }

    /// When the report counts as sent: a written report from its approval
    /// (签发) if that came after it was written, any other from `at`.
    public var countsFrom: Date {
        guard channel == .written, let approvedAt, approvedAt > at else { return at }
        return approvedAt
    }
}
