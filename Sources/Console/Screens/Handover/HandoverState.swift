import DutyModel
import Foundation
import Synchronization
import TerminalUI

/// Screen 7, the shift handover (#21): which report is shown and how far it is scrolled.
public struct HandoverScreenState: Equatable, Sendable {
    /// The first line of the report shown.
    public var scroll = 0
    /// A past handover opened from the history (read-only), made on the station thread;
    /// nil: the handover due now (the station thread's, made with each fold and each minute).
    public var past: HandoverReport?
    /// A past report asked for and not yet here (its handover id, or `daily`).
    public var waitingFor: String?
    static let daily = "daily"

    /// The notes typed and not yet saved (kept when the editor is closed with Esc), with their handover's id.
    public var unsavedNotes: (id: String, text: String)?
    /// The report's lines as last drawn, by what they were drawn from: a frame or a scroll key
    /// does not lay out hundreds of rows again (not part of the state's equality).
    let memo = LinesMemo()
    public init() {}

    public static func == (a: Self, b: Self) -> Bool {
        a.scroll == b.scroll && a.past == b.past && a.waitingFor == b.waitingFor
            && a.unsavedNotes?.id == b.unsavedNotes?.id && a.unsavedNotes?.text == b.unsavedNotes?.text
    }
}

/// The last lines made and their key; touched on the input thread only (behind a lock all the same).
final class LinesMemo: Sendable {
    private let cell = Mutex<(key: LinesKey, lines: [HandoverPrinter.Line])?>(nil)

    struct LinesKey: Hashable, Sendable {
        var generation: Int
        var madeAt: Date
        var slot: String
        var daily: Bool
        var language: Language
        var width: Int
        var signatures: Int
        var notes: String
        var problems: [String]
    }

    func lines(_ key: LinesKey, make: () -> [HandoverPrinter.Line]) -> [HandoverPrinter.Line] {
        if let hit = cell.withLock({ $0 }), hit.key == key { return hit.lines }
        let lines = make()
        cell.withLock { $0 = (key, lines) }
        return lines
    }
}

/// The outgoing officers' free notes, edited over the report.
public struct HandoverNotesDialog: Equatable, Sendable {
    public var slot: ShiftSlot
    public var area: TextAreaState
    public init(slot: ShiftSlot, text: String) {
        self.slot = slot
        area = TextAreaState(text: text, maxCharacters: 10_000)
    }
}

/// Signing (outgoing) or accepting (incoming): who, and for accepting remarks and the
/// reason when not on the next shift's roster.
public struct HandoverSignDialog: Equatable, Sendable {
    public enum Role: Sendable { case outgoing, incoming }
    public enum Field: Int, CaseIterable, Sendable { case name, remarks, reason }
    public var role: Role
    public var slot: ShiftSlot
    public var name: TextFieldState
    public var remarks = TextFieldState(maxLength: 500)
    public var reason = TextFieldState(maxLength: 200)
    public var focus: Field = .name
    public var problem: UIText?

    public init(role: Role, slot: ShiftSlot, name: String) {
        self.role = role
        self.slot = slot
        self.name = TextFieldState(text: name, maxLength: 40)
    }

    public var fields: [Field] { role == .outgoing ? [.name] : Field.allCases }

    func field(_ field: Field) -> TextFieldState {
        switch field {
        case .name: return name
        case .remarks: return remarks
        case .reason: return reason
        }
    }
}

/// The past handovers, newest first, to open one read-only.
public struct HandoverHistoryDialog: Equatable, Sendable {
    public var ids: [String]
    public var selected = 0
    public init(ids: [String]) { self.ids = ids }
}
