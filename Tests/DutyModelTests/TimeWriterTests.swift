import DutyModel
import Foundation
import Testing

/// The export's date writer (no ICU per record) must write what the ICU
/// formatter writes, in every zone, across transitions and years.
@Suite struct TimeWriterTests {
    @Test(arguments: ["Asia/Shanghai", "UTC", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe", "Pacific/Chatham", "America/St_Johns"])
    func writesWhatTheFormatterWrites(zone: String) throws {
        let timeZone = try #require(TimeZone(identifier: zone))
        let writer = DutyTime.ISO8601Writer(timeZone: timeZone)
        var generator = SystemRandomNumberGenerator()
        var instants: [Double] = [0, -1, 86_399, 86_400, 951_782_400, 4_102_444_799, 1_795_500_000]
        // Random instants 1950–2100, some in order (as an export runs), some not.
        var t = 1_700_000_000.0
        for _ in 0..<2_000 {
            t += Double.random(in: 0..<(86_400 * 3), using: &generator)
            instants.append(t.rounded(.down))
            instants.append(Double(Int64.random(in: -631_152_000...4_102_444_800, using: &generator)) + 0.999)
        }
        // Both sides of this zone's next transitions.
        var at = Date(timeIntervalSince1970: 1_700_000_000)
        for _ in 0..<6 {
            guard let next = timeZone.nextDaylightSavingTimeTransition(after: at) else { break }
            instants += [-1, 0, 1].map { next.timeIntervalSince1970 + $0 }
            at = next
        }
        // The ICU formatter itself (formatISO8601 is the writer now).
        let icu = ISO8601DateFormatter()
        icu.formatOptions = [.withInternetDateTime]
        icu.timeZone = timeZone
        for instant in instants {
            let date = Date(timeIntervalSince1970: instant)
            #expect(writer.string(date) == icu.string(from: date), "\(zone) at \(instant)")
            #expect(DutyTime.formatISO8601(date, timeZone: timeZone) == icu.string(from: date), "\(zone) at \(instant)")
        }
    }
}

/// #17 §3: times are parsed strictly: every field in range, a real offset,
/// nothing after the time.
@Suite struct StrictTimeParsingTests {
    @Test(arguments: ["2026-02-30T10:00:00+08:00", "2026-13-01", "2026-11-23T24:00", "2026-11-23T14:60", "2026-11-23T14:05:61",
                      "2026-11-23T14:05:09+99:00", "2026-11-23T14:05:09+08:00garbage", "2026-11-23T14:05:09+0800", "2026-11-23x",
                      "26-11-23", "2026-11-23T14", "", "2025-02-29", "2026-11-23T14:05:09.+08:00", "１２３４-11-23"])
    func aMalformedOrImpossibleTimeIsRefused(_ text: String) {
        #expect(DutyTime.parseISO8601(text) == nil, "\(text)")
    }

    @Test func wellFormedTimesParse() throws {
        let zone = TimeZone(identifier: "Asia/Shanghai")!
        let base = try #require(DutyTime.parseISO8601("2026-11-23T14:05:09+08:00"))
        #expect(base.timeIntervalSince1970 == 1_795_413_909)
        #expect(DutyTime.parseISO8601("2026-11-23T06:05:09Z") == base)
        #expect(DutyTime.parseISO8601("2026-11-23 14:05:09", timeZone: zone) == base)
        #expect(DutyTime.parseISO8601("2026-11-23T14:05:09.500+08:00") == base.addingTimeInterval(0.5))
        #expect(DutyTime.parseISO8601("2026-11-23T14:05", timeZone: zone) == base.addingTimeInterval(-9))
        #expect(DutyTime.parseISO8601("2024-02-29", timeZone: zone) != nil, "a leap day")
        #expect(DutyTime.parseISO8601("2026-11-23T14:05:09-05:30") == base.addingTimeInterval(13.5 * 3600))
    }
}
