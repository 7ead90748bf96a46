import DutyModel
import Foundation
import TerminalUI

/// Which duty-log entries to show.
public enum LogKindFilter: Int, CaseIterable, Sendable {
    case all, calls, instructions, openInstructions, notes

    public func includes(_ entry: LogEntry, done: Bool) -> Bool {
        admits(entry.kind) && !(self == .openInstructions && done)
    }

    /// Whether an entry of `kind` can be listed (an open-instructions list also asks whether it is done).
    public func admits(_ kind: LogEntry.Kind) -> Bool {
        switch self {
        case .all: return true
        case .calls: return kind == .callIn || kind == .callOut
        case .instructions, .openInstructions: return kind == .instruction
        case .notes: return kind == .note
        }
    }
}

public struct LogScreenState: Equatable, Sendable {
    public var list = FilteredList()
    public var kind: LogKindFilter = .all
    /// Set when the officer's own entry was just saved: the list then selects
    /// it (the newest) instead of keeping the previous selection.
    public var selectNewest = false
    public init() {}
}

/// Adding a duty-log entry: one line is enough (Enter saves); a counterpart
/// for calls and instructions, a due time for instructions, and optional
/// multi-line detail.
public struct LogEntryDialog: Equatable, Sendable {
    public enum Field: Sendable { case counterpart, text, due, detail }
    public var kind: LogEntry.Kind
    public var counterpart = TextFieldState(maxLength: 100)
    public var text = TextFieldState(maxLength: 500)
    public var due = TextFieldState(maxLength: 20)
    public var detail = TextAreaState(maxCharacters: 10_000)
    public var focus: Field = .text
    /// What is wrong with the field named, shown under the form.
    public var problem: UIText?

    public init(kind: LogEntry.Kind) {
        self.kind = kind
        focus = (kind == .note) ? .text : .counterpart
    }

    public var fields: [Field] {
        switch kind {
        case .note: return [.text, .detail]
        case .callIn, .callOut: return [.counterpart, .text, .detail]
        case .instruction: return [.counterpart, .text, .due, .detail]
        }
    }
}

/// When an instruction is due: empty (no deadline), "15:30" (the next 15:30:
/// today, or tomorrow if that has passed), "+30m", "+2h".
public enum DueTime {
    public struct Invalid: Error {}

    public static func parse(_ raw: String, now: Date, timeZone: TimeZone) -> Result<Date?, Invalid> {
        let text = raw.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "：", with: ":")
        if text.isEmpty { return .success(nil) }
        if text.hasPrefix("+") {
            let body = text.dropFirst().lowercased()
            guard let unit = body.last, let n = Int(body.dropLast()), n > 0, n <= 10_000 else { return .failure(Invalid()) }
            switch unit {
            case "m": return .success(now.addingTimeInterval(Double(n) * 60))
            case "h": return .success(now.addingTimeInterval(Double(n) * 3600))
            default: return .failure(Invalid())
            }
        }
        guard let time = TimeOfDay(text) else { return .failure(Invalid()) }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        var c = calendar.dateComponents([.year, .month, .day], from: now)
        c.hour = time.hour
        c.minute = time.minute
        guard var date = calendar.date(from: c) else { return .failure(Invalid()) }
        if date <= now { date = calendar.date(byAdding: .day, value: 1, to: date) ?? date }
        return .success(date)
    }
}
