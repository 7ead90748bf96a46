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
        // Strictly: `YYYY-MM-DD`, then optionally `T` or a space and `HH:MM[:SS[.fff]]`, then
        // optionally `Z` or `±HH:MM` (at most 14 hours); every field in range (no 30 February,
        // no hour 24, no +99:00) and nothing after it. Without an offset, the time is in `timeZone`.
        let bytes = Array(text.trimmingCharacters(in: .whitespaces).utf8)
        guard !bytes.isEmpty, bytes.count <= 40 else { return nil }
        var at = 0
        func digits(_ n: Int) -> Int? {
            guard at + n <= bytes.count else { return nil }
            var value = 0
            for b in bytes[at..<(at + n)] {
                guard (0x30...0x39).contains(b) else { return nil }
                value = value * 10 + Int(b - 0x30)
            }
            at += n
            return value
        }
        func expect(_ c: Character) -> Bool {
            guard at < bytes.count, bytes[at] == c.asciiValue! else { return false }
            at += 1
            return true
        }
        guard let year = digits(4), year >= 1900, expect("-"), let month = digits(2), (1...12).contains(month), expect("-"),
              let day = digits(2), day >= 1, day <= daysIn(month: month, year: year) else { return nil }
        var hour = 0, minute = 0, second = 0.0
        if at < bytes.count, bytes[at] == UInt8(ascii: "T") || bytes[at] == UInt8(ascii: " ") {
            at += 1
            guard let h = digits(2), h <= 23, expect(":"), let m = digits(2), m <= 59 else { return nil }
            (hour, minute) = (h, m)
            if expect(":") {
                guard let sec = digits(2), sec <= 59 else { return nil }
                second = Double(sec)
                if expect(".") {
                    var scale = 0.1
                    let start = at
                    while at < bytes.count, (0x30...0x39).contains(bytes[at]) {
                        second += Double(bytes[at] - 0x30) * scale
                        scale /= 10
                        at += 1
                    }
                    guard at > start, at - start <= 9 else { return nil }
                }
            }
        }
        var offset: Int? = nil
        if expect("Z") {
            offset = 0
        } else if at < bytes.count, bytes[at] == UInt8(ascii: "+") || bytes[at] == UInt8(ascii: "-") {
            let sign = bytes[at] == UInt8(ascii: "-") ? -1 : 1
            at += 1
            guard let oh = digits(2), expect(":"), let om = digits(2), om <= 59, oh * 60 + om <= 14 * 60 else { return nil }
            offset = sign * (oh * 3600 + om * 60)
        }
        guard at == bytes.count else { return nil }
        let local = Double(daysSinceEpoch(year: year, month: month, day: day) * 86400 + hour * 3600 + minute * 60) + second
        if let offset { return Date(timeIntervalSince1970: local - Double(offset)) }
        // A wall time in `timeZone`: its offset at that instant (looked up twice across a change of offset).
        var guess = Date(timeIntervalSince1970: local - Double(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: local))))
        guess = Date(timeIntervalSince1970: local - Double(timeZone.secondsFromGMT(for: guess)))
        return guess
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// `2026-11-23T14:05:09+08:00` in `timeZone`.
    public static func formatISO8601(_ date: Date, timeZone: TimeZone = defaultTimeZone) -> String {
        // Without ICU: a date formatter made per call cost milliseconds, and a
        // listing prints several times per incident.
        ISO8601Writer(timeZone: timeZone).string(date)
    }

    /// Days from 1970-01-01 in the proleptic Gregorian calendar (H. Hinnant's days_from_civil).
    public static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The inverse of `daysSinceEpoch` (civil_from_days).
    public static func civilDate(fromDaysSinceEpoch days: Int) -> (year: Int, month: Int, day: Int) {
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// Formats many instants in one zone as `formatISO8601` does, without ICU:
    /// the zone's offset is looked up once per stretch between its transitions,
    /// the calendar date computed from the day number (an export of years of
    /// records must not run a date formatter per record). Not thread-safe: one
    /// per thread.
    public final class ISO8601Writer {
        private let timeZone: TimeZone
        /// The offset in force on [from, until).
        private var from = Date.distantFuture
        private var until = Date.distantPast
        private var offset = 0

        public init(timeZone: TimeZone = defaultTimeZone) { self.timeZone = timeZone }

        public func string(_ date: Date) -> String {
            var out: [UInt8] = []
            out.reserveCapacity(25)
            append(date, to: &out)
            return String(decoding: out, as: UTF8.self)
        }

        /// Appends the text of `date` to `out`.
        public func append(_ date: Date, to out: inout [UInt8]) {
            if !(date >= from && date < until) {
                offset = timeZone.secondsFromGMT(for: date)
                from = date
                until = timeZone.nextDaylightSavingTimeTransition(after: date) ?? .distantFuture
            }
            let local = Int64(date.timeIntervalSince1970.rounded(.down)) + Int64(offset)
            let days = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
            let seconds = Int(local - days * 86_400)
            let (year, month, day) = DutyTime.civilDate(fromDaysSinceEpoch: Int(days))
            func two(_ v: Int) { out.append(UInt8(48 + v / 10)); out.append(UInt8(48 + v % 10)) }
            if year < 0 || year > 9999 {
                out += Array(String(year).utf8)
            } else {
                two(year / 100); two(year % 100)
            }
            out.append(0x2D); two(month); out.append(0x2D); two(day)
            out.append(0x54); two(seconds / 3600); out.append(0x3A); two(seconds / 60 % 60); out.append(0x3A); two(seconds % 60)
            if offset == 0 {
                out.append(0x5A)
            } else {
                out.append(offset < 0 ? 0x2D : 0x2B)
                let a = abs(offset)
                two(a / 3600); out.append(0x3A); two(a / 60 % 60)
            }
        }

    }
}
