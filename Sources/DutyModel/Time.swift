import Foundation

/// Where "now" comes from. Injected everywhere so tests, drills (`--now`) and
/// the real clock are interchangeable; nothing in the model reads the system
/// clock by itself.
public protocol WallClock: Sendable {
    func now() -> Date
}

/// A clock that always reads the same instant (tests, reports "as of").
public struct FixedClock: WallClock {
    public var instant: Date
    public init(_ instant: Date) { self.instant = instant }
    public func now() -> Date { instant }
}

public enum DutyTime {
    /// The duty room's default time zone (DOMAIN.md: stations are in China).
    public static let defaultTimeZone = TimeZone(identifier: "Asia/Shanghai")!

    /// Parses an ISO 8601 instant: `2026-11-23T14:05:00+08:00`, `…Z`, with
    /// fractional seconds, or without an offset (then in `timeZone`), or with
    /// minutes only (`2026-11-23T14:05`). A space may stand for the `T`.
    public static func parseISO8601(_ text: String, timeZone: TimeZone = defaultTimeZone) -> Date? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: " ", with: "T")
        guard !trimmed.isEmpty, trimmed.count <= 40 else { return nil }
        let withOffset = ISO8601DateFormatter()
        withOffset.formatOptions = [.withInternetDateTime]
        if let d = withOffset.date(from: trimmed) { return d }
        withOffset.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let d = withOffset.date(from: trimmed) { return d }
        for pattern in ["yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss.SSS", "yyyy-MM-dd"] {
            let f = DateFormatter()
            f.locale = Locale(identifier: "en_US_POSIX")
            f.timeZone = timeZone
            f.dateFormat = pattern
            if let d = f.date(from: trimmed) { return d }
        }
        return nil
    }

    /// `2026-11-23T14:05:09+08:00` in `timeZone`.
    public static func formatISO8601(_ date: Date, timeZone: TimeZone = defaultTimeZone) -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        f.timeZone = timeZone
        return f.string(from: date)
    }

    /// Formats many instants in one zone with one formatter (an export of years
    /// of records must not build an ICU formatter per record). Not thread-safe.
    public final class ISO8601Writer {
        private let formatter = ISO8601DateFormatter()
        public init(timeZone: TimeZone = defaultTimeZone) {
            formatter.formatOptions = [.withInternetDateTime]
            formatter.timeZone = timeZone
        }
        public func string(_ date: Date) -> String { formatter.string(from: date) }
    }
}

