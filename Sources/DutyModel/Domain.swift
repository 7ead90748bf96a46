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

/// People affected, as reported at intake and updated later.
public struct Casualties: Hashable, Sendable, Codable {
    public var deaths: Int
    public var missing: Int
    /// Serious injuries, including acute poisoning.
    public var injured: Int
    public var trapped: Int
    public var evacuated: Int

    public init(deaths: Int = 0, missing: Int = 0, injured: Int = 0, trapped: Int = 0, evacuated: Int = 0) {
        self.deaths = deaths
        self.missing = missing
        self.injured = injured
        self.trapped = trapped
        self.evacuated = evacuated
    }

    public static let none = Casualties()
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

    /// One number (0 initial, -1 final, n 续报 n), so any coder reads it back in one value.
    public init(from decoder: Decoder) throws {
        let n = try decoder.singleValueContainer().decode(Int.self)
        switch n {
        case 0: self = .initial
        case -1: self = .final
        case 1...: self = .followUp(n)
        default: throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "report kind \(n)"))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .initial: try c.encode(0)
        case .final: try c.encode(-1)
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

    public init(kind: ReportKind, channel: ReportChannel, at: Date, recipient: String = "") {
        self.kind = kind
        self.channel = channel
        self.at = at
        self.recipient = recipient
    }
}
