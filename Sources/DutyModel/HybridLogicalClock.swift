import Foundation

/// A hybrid logical clock time: milliseconds since 1970 in the high 48 bits,
/// a logical counter in the low 16. Ordered like the integer it packs into;
/// ties between stations are broken by station id where it is compared.
public struct HLCTimestamp: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let rawValue: UInt64

    public init(rawValue: UInt64) { self.rawValue = rawValue }

    public init(milliseconds: UInt64, logical: UInt16) {
        rawValue = (milliseconds << 16) | UInt64(logical)
    }

    public static let zero = HLCTimestamp(rawValue: 0)

    public var milliseconds: UInt64 { rawValue >> 16 }
    public var logical: UInt16 { UInt16(truncatingIfNeeded: rawValue) }
    public var date: Date { Date(timeIntervalSince1970: Double(milliseconds) / 1000) }

    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }

    public var description: String { "\(milliseconds).\(logical)" }
}

/// Hybrid logical clock rules (Kulkarni et al.): never goes backwards, even
/// when the wall clock does; stays close to wall time; absorbs remote times.
public enum HybridLogicalClock {
    /// How far ahead of our wall clock a remote time may be before it is
    /// treated as a faulty clock and not absorbed (one hour).
    public static let maximumForwardSkewMilliseconds: UInt64 = 3_600_000
    /// How far past the real clock a station's own records may be dated
    /// (five minutes), and past which a record is shown as dated in the future.
    public static let maximumLead: TimeInterval = 300

    static func milliseconds(_ date: Date) -> UInt64 {
        let ms = date.timeIntervalSince1970 * 1000
        return ms <= 0 ? 0 : UInt64(min(ms, Double(UInt64(1) << 47)))
    }

    /// The time for a local event after `last`, with the wall clock at `now`.
    public static func tick(last: HLCTimestamp, now: Date) -> HLCTimestamp {
        let wall = milliseconds(now)
        if wall > last.milliseconds { return HLCTimestamp(milliseconds: wall, logical: 0) }
        return increment(last)
    }

    /// The time after receiving `remote`, when our last time was `last`.
    /// A remote time more than the allowed skew ahead of our wall clock is not
    /// absorbed (our clock then keeps to wall time), so one station with a
    /// wrong clock cannot drag every other station into the future.
    public static func receive(last: HLCTimestamp, remote: HLCTimestamp, now: Date) -> HLCTimestamp {
        let wall = milliseconds(now)
        let acceptable = remote.milliseconds <= wall + maximumForwardSkewMilliseconds ? remote : .zero
        let top = max(last, acceptable)
        if wall > top.milliseconds { return HLCTimestamp(milliseconds: wall, logical: 0) }
        return increment(top)
    }

    private static func increment(_ t: HLCTimestamp) -> HLCTimestamp {
        t.logical == UInt16.max
            ? HLCTimestamp(milliseconds: t.milliseconds + 1, logical: 0)
            : HLCTimestamp(milliseconds: t.milliseconds, logical: t.logical + 1)
    }
}
