import Foundation

/// An amount of time left or overdue, by one rule on every screen and in
/// every printout (#23): a warning expiring in 2099 is not "639606:33:43 left".
public enum Lapse: Hashable, Sendable {
    /// Under 48 hours: the seconds, said in the place's own short form
    /// (18:25:09 on a countdown, "12 分" on an acknowledgement clock).
    case short(Int)
    /// From 48 hours to 30 days: whole days and hours ("3d 4h", "3天4小时").
    case days(Int, hours: Int)
    /// From 30 days: the date at the far end ("2099-12-31"), a count of days
    /// that long saying nothing a duty officer can use.
    case date(String)

    public var isDate: Bool {
        if case .date = self { return true }
        return false
    }

    /// The lapse in words: `short` of the seconds under 48 hours; "3d 4h" /
    /// "3天4小时" (no hours when whole days); the date as it is.
    public func text(_ language: Language, short: (Int) -> String) -> String {
        switch self {
        case .short(let seconds): return short(seconds)
        case .days(let d, let h):
            if language == .zh { return "\(d)天" + (h > 0 ? "\(h)小时" : "") }
            return "\(d)d" + (h > 0 ? " \(h)h" : "")
        case .date(let date): return date
        }
    }
}

extension ClockFormat {
    /// From this many seconds a lapse is said in days and hours.
    public static let lapseDaysFrom = 48 * 3600
    /// From this many seconds a lapse is said as the date at its far end.
    public static let lapseDateFrom = 30 * 86_400

    /// `seconds` (never negative) until or since `farEnd`, by the rule of `Lapse`; without
    /// a far end a long lapse stays in days.
    public static func lapse(_ seconds: Int, farEnd: Date?, timeZone: TimeZone) -> Lapse {
        let s = max(0, seconds)
        if s >= lapseDateFrom, let farEnd { return .date(String(statusClock(farEnd, timeZone: timeZone).prefix(10))) }
        if s >= lapseDaysFrom { return .days(s / 86_400, hours: s % 86_400 / 3600) }
        return .short(s)
    }

    /// " · 录入 02:19" / " · recorded 02:19" beside a thing shown at its own time `at`
    /// (an incident received, a report made, a warning sent) when it was recorded a minute
    /// or more apart from it, with the day when that differs; empty otherwise (#23).
    public static func recordedBeside(at: Date, recorded: Date, timeZone: TimeZone, language: Language) -> String {
        guard abs(recorded.timeIntervalSince(at)) >= 60 else { return "" }
        return " · " + UIText.recordedAt(shortDayTime(recorded, now: at, timeZone: timeZone)).text(language)
    }
}
