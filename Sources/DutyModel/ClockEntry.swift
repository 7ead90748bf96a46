import Foundation

/// A time as a duty officer types it into a form: `14:05`, `now` / `现在`,
/// `-10m` / `-2h` / `10分钟前`, `昨天 23:40` / `yesterday 23:40`, `前天 08:00`,
/// `11-23 14:05`, `2026-11-23 14:05` or full ISO 8601. Times are in the
/// station's zone; a time more than `futureTolerance` ahead of now is refused.
public enum ClockEntry {
    public enum Problem: Error, Hashable, Sendable {
        /// Not a form this parser knows.
        case unreadable
        /// Read, but later than now + tolerance.
        case future(Date)
    }

    public static let futureTolerance = IntakeParser.futureTolerance

    public static func parse(_ raw: String, now: Date, timeZone: TimeZone) -> Result<Date, Problem> {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let text = raw.trimmingCharacters(in: .whitespaces)
            .replacingOccurrences(of: "：", with: ":").replacingOccurrences(of: "－", with: "-")
            .applyingTransform(.fullwidthToHalfwidth, reverse: false) ?? raw
        let lower = text.lowercased()
        func checked(_ date: Date) -> Result<Date, Problem> {
            date.timeIntervalSince(now) > futureTolerance ? .failure(.future(date)) : .success(date)
        }
        if ["now", "现在", "刚才", "n"].contains(lower) { return .success(now) }
        if let ago = relative(lower) { return .success(now.addingTimeInterval(-ago)) }
        if let iso = DutyTime.parseISO8601(text, timeZone: timeZone) { return checked(iso) }

        // [day word] HH:MM
        var dayOffset: Int?
        var rest = Substring(lower)
        for (word, offset) in [("yesterday", -1), ("昨天", -1), ("昨日", -1), ("昨", -1), ("前天", -2), ("today", 0), ("今天", 0), ("今日", 0)] {
            if rest.hasPrefix(word) {
                dayOffset = offset
                rest = rest.dropFirst(word.count)
                break
            }
        }
        let parts = rest.split(whereSeparator: { $0 == " " || $0 == "T" || $0 == "t" }).map(String.init)
        var dateFields: (year: Int?, month: Int, day: Int)?
        var clock: String
        switch parts.count {
        case 1: clock = parts[0]
        case 2 where dayOffset == nil:
            let d = parts[0].split(whereSeparator: { $0 == "-" || $0 == "/" || $0 == "." }).compactMap { Int($0) }
            switch d.count {
            case 2: dateFields = (nil, d[0], d[1])
            case 3: dateFields = (d[0], d[1], d[2])
            default: return .failure(.unreadable)
            }
            clock = parts[1]
        default: return .failure(.unreadable)
        }
        if clock.count == 4, clock.allSatisfy(\.isASCII), Int(clock) != nil {
            clock = String(clock.prefix(2)) + ":" + String(clock.suffix(2))
        }
        guard let time = TimeOfDay(clock) else { return .failure(.unreadable) }
        var c = calendar.dateComponents([.year, .month, .day], from: now)
        if let dateFields {
            if let y = dateFields.year { c.year = y }
            c.month = dateFields.month
            c.day = dateFields.day
            guard (1...12).contains(dateFields.month), (1...31).contains(dateFields.day) else { return .failure(.unreadable) }
        }
        c.hour = time.hour
        c.minute = time.minute
        // Calendar rolls 02-30 over into March; a day the month does not have is a typo.
        guard var date = calendar.date(from: c),
              calendar.dateComponents([.month, .day], from: date) == DateComponents(month: c.month, day: c.day) else {
            return .failure(.unreadable)
        }
        if let dayOffset {
            date = calendar.date(byAdding: .day, value: dayOffset, to: date) ?? date
        } else if dateFields == nil, date.timeIntervalSince(now) > 12 * 3600 {
            // "23:40" typed just after midnight means last night; a time only a
            // little ahead is a slip and is refused below rather than moved a day.
            date = calendar.date(byAdding: .day, value: -1, to: date) ?? date
        }
        return checked(date)
    }

    /// `-10m`, `-2h`, `-1h30m`, `10分钟前`, `2小时前` → seconds ago.
    private static func relative(_ text: String) -> TimeInterval? {
        var body = Substring(text)
        if body.hasPrefix("-") {
            body = body.dropFirst()
        } else if body.hasSuffix("前") {
            body = body.dropLast()
        } else {
            return nil
        }
        var total: TimeInterval = 0
        var number = ""
        var sawUnit = false
        var iterator = Array(body)[...]
        while let ch = iterator.first {
            iterator = iterator.dropFirst()
            if ch.isASCII, ch.isNumber {
                number.append(ch)
                continue
            }
            guard let n = Int(number), n <= 100_000 else { return nil }
            switch ch {
            case "m", "分": total += Double(n) * 60
                if iterator.first == "钟" { iterator = iterator.dropFirst() }
                if iterator.starts(with: "in") { iterator = iterator.dropFirst(2) }
            case "h", "时": total += Double(n) * 3600
            case "小" where iterator.first == "时":
                iterator = iterator.dropFirst()
                total += Double(n) * 3600
            case "d", "天": total += Double(n) * 86400
            default: return nil
            }
            number = ""
            sawUnit = true
        }
        if !number.isEmpty {
            // A bare "-10" means minutes.
            guard let n = Int(number), n <= 100_000 else { return nil }
            total += Double(n) * 60
            sawUnit = true
        }
        return sawUnit ? total : nil
    }
}

/// Amounts as typed into a form.
public enum FormNumber {
    public enum Problem: Error, Hashable, Sendable {
        case notANumber
        case negative
        case tooLarge(Int64)
    }

    /// A head count: digits only (full-width digits too), 0 … limit.
    public static func count(_ raw: String, limit: Int64 = 10_000_000) -> Result<Int64, Problem> {
        let text = normalized(raw)
        if text.hasPrefix("-") { return .failure(.negative) }
        guard !text.isEmpty, text.allSatisfy({ $0.isASCII && $0.isNumber }), let n = Int64(text) else { return .failure(.notANumber) }
        return n > limit ? .failure(.tooLarge(limit)) : .success(n)
    }

    /// Yuan, with 万 / 亿 (or w / y) and decimals allowed: `500万`, `1.2亿`, `80000`.
    public static func yuan(_ raw: String, limit: Int64 = 1_000_000_000_000) -> Result<Int64, Problem> {
        var text = normalized(raw).replacingOccurrences(of: ",", with: "").replacingOccurrences(of: "元", with: "")
        if text.hasPrefix("-") { return .failure(.negative) }
        var factor: Decimal = 1
        if let last = text.last {
            switch last {
            case "万", "w", "W": factor = 10_000; text.removeLast()
            case "亿", "y", "Y": factor = 100_000_000; text.removeLast()
            default: break
            }
        }
        guard !text.isEmpty, text.allSatisfy({ ($0.isASCII && $0.isNumber) || $0 == "." }), text.filter({ $0 == "." }).count <= 1,
              let value = Decimal(string: text) else { return .failure(.notANumber) }
        let yuan = value * factor
        guard yuan <= Decimal(limit) else { return .failure(.tooLarge(limit)) }
        return .success(NSDecimalNumber(decimal: yuan).int64Value)
    }

    /// Whether a typed character may go into a count (`digits`) or an amount.
    public static func accepts(_ c: Character, money: Bool) -> Bool {
        let s = String(c).applyingTransform(.fullwidthToHalfwidth, reverse: false) ?? String(c)
        guard let ch = s.first else { return false }
        if ch.isASCII && ch.isNumber { return true }
        return money && (ch == "." || ch == "," || ["万", "亿", "元", "w", "W", "y", "Y"].contains(ch))
    }

    private static func normalized(_ raw: String) -> String {
        (raw.applyingTransform(.fullwidthToHalfwidth, reverse: false) ?? raw).trimmingCharacters(in: .whitespaces)
    }
}
