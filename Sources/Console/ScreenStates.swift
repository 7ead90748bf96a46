import DutyModel
import Foundation
import TerminalUI

/// A list with a `/` filter: the filter text, whether the officer is typing
/// into it, and the selection (kept by key so live updates do not move it).
public struct FilteredList: Equatable, Sendable {
    public var filter = TextFieldState(maxLength: 64)
    public var isFiltering = false
    public var selectedKey: String?
    /// The first row shown: kept, so moving within a page does not scroll.
    public var offset = 0

    public init() {}
}

public struct ContactsScreenState: Equatable, Sendable {
    public var list = FilteredList()
    public init() {}
}

/// Which duty-log entries to show.
public enum LogKindFilter: Int, CaseIterable, Sendable {
    case all, calls, instructions, openInstructions, notes

    public func includes(_ entry: LogEntry, done: Bool) -> Bool {
        switch self {
        case .all: return true
        case .calls: return entry.kind == .callIn || entry.kind == .callOut
        case .instructions: return entry.kind == .instruction
        case .openInstructions: return entry.kind == .instruction && !done
        case .notes: return entry.kind == .note
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

/// 接班签到: the people who may be present, ticked when they are.
public struct CheckInDialog: Equatable, Sendable {
    public enum Role: Sendable { case officer, backup, added }
    public struct Row: Equatable, Sendable {
        public var name: String
        public var role: Role
        public var present: Bool
    }

    public var slot: ShiftSlot
    public var rows: [Row]
    public var selected = 0
    /// Set while a name not on the roster is being typed.
    public var adding: TextFieldState?

    public init(slot: ShiftSlot, officers: [String], backups: [String]) {
        self.slot = slot
        var seen = Set(officers)
        rows = officers.map { Row(name: $0, role: .officer, present: true) }
            + backups.filter { seen.insert($0).inserted }.map { Row(name: $0, role: .backup, present: false) }
    }
}

/// 平时 ⇄ 战时, with the reason typed.
public struct ModeDialog: Equatable, Sendable {
    public var target: DutyMode
    public var reason = TextFieldState(maxLength: 200)
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

/// How the incident list is ordered.
public enum IncidentSort: Int, CaseIterable, Sendable {
    /// Newest received first.
    case received
    /// The next report due first; incidents without one last.
    case deadline
    /// Most severe grade (confirmed, else suggested) first.
    case grade
}

/// Quick filters of the incident list; several may be on at once.
public enum IncidentQuickFilter: String, CaseIterable, Sendable {
    case open, overdue, mine, today
}

public struct IncidentsScreenState: Equatable, Sendable {
    public var list = FilteredList()
    public var sort: IncidentSort = .received
    public var quick: Set<IncidentQuickFilter> = []
    public init() {}
}
