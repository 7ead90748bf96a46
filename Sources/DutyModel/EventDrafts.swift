import Foundation
import SwiftProtobuf

/// An event ready to append: its type and encoded payload. The console
/// builds these in its pure core and hands them to the shell to write.
public struct EventDraft: Hashable, Sendable {
    public var type: EventType
    public var payload: [UInt8]
    /// Why the message could not be encoded (an unknown message type, a
    /// failing encoder); such a draft is refused by every write, never
    /// written with an empty payload.
    public var encodingProblem: String?

    public init(type: EventType, payload: [UInt8]) {
        self.type = type
        self.payload = payload
    }

    /// The draft of any event message (its type is looked up from the message).
    public init(_ message: some SwiftProtobuf.Message) {
        guard let type = EventType.of(message) else {
            self.init(type: .logEntryAdded, payload: [])
            encodingProblem = "\(Swift.type(of: message).protoMessageName) is not an event type of the journal"
            return
        }
        do {
            self.init(type: type, payload: try EventCodec.encode(message))
        } catch {
            self.init(type: type, payload: [])
            encodingProblem = "\(type.rawValue) cannot be encoded: \(error)"
        }
    }

    /// 接班签到: who is present on `slot` and who operates the console.
    public static func checkIn(slot: ShiftSlot, present: [String], operatorName: String) -> EventDraft {
        var m = Zhiban_Events_V1_ShiftCheckedIn()
        m.date = slot.date
        m.shiftIndex = Int32(slot.index)
        m.present = present
        m.operatorName = operatorName
        return EventDraft(m)
    }

    /// 平时 / 战时. `seen` is what the writer held of the mode, so two stations
    /// switching at once show as a conflict rather than one silently winning.
    public static func modeChange(to mode: DutyMode, reason: String, seen: VersionVector) -> EventDraft {
        var m = Zhiban_Events_V1_ModeChanged()
        m.mode = mode == .emergency ? .emergency : .peacetime
        m.reason = reason
        m.seen = seen.seenMessages
        return EventDraft(m)
    }

    /// A duty-log entry. `dueAt` only for instructions.
    public static func logEntry(kind: LogEntry.Kind, text: String, detail: String = "", counterpart: String = "",
                                dueAt: Date? = nil) -> EventDraft {
        var m = Zhiban_Events_V1_LogEntryAdded()
        switch kind {
        case .note: m.kind = .note
        case .callIn: m.kind = .callIn
        case .callOut: m.kind = .callOut
        case .instruction: m.kind = .instruction
        }
        m.text = text
        m.detail = detail
        m.counterpart = counterpart
        if let dueAt { m.dueAtMs = Int64((dueAt.timeIntervalSince1970 * 1000).rounded()) }
        return EventDraft(m)
    }

    /// Marks an instruction done. A leader instruction logged in the duty log
    /// is identified by its log entry's event id.
    public static func instructionDone(id: String, at: Date, note: String = "") -> EventDraft {
        var m = Zhiban_Events_V1_InstructionDone()
        m.instructionID = id
        m.doneAtMs = Int64((at.timeIntervalSince1970 * 1000).rounded())
        m.note = note
        return EventDraft(m)
    }
}

extension Register {
    /// Every write this register holds, as the `seen` of a new write.
    public var seenVector: VersionVector {
        var v = VersionVector()
        for w in writes { v.include(w.stamp.id) }
        return v
    }
}

// MARK: - Handover (交接班, #21)

extension EventDraft {
    /// The outgoing officers' free notes for the handover of `handoverID` ("date#index"), replacing the last.
    public static func handoverNotes(_ handoverID: String, text: String, seen: VersionVector) -> EventDraft {
        var m = Zhiban_Events_V1_HandoverDrafted()
        m.handoverID = handoverID
        m.text = text
        m.seen = seen.seenMessages
        return EventDraft(m)
    }

    /// The outgoing officer signs the handover of `handoverID`.
    public static func handoverSigned(_ handoverID: String, name: String) -> EventDraft {
        signature(handoverID, role: "outgoing", name: name, remarks: "", reason: "")
    }

    /// The incoming officer accepts the handover of `handoverID`, with remarks, and the reason
    /// when not on the next shift's roster.
    public static func handoverAccepted(_ handoverID: String, name: String, remarks: String, reason: String) -> EventDraft {
        signature(handoverID, role: "incoming", name: name, remarks: remarks, reason: reason)
    }

    private static func signature(_ handoverID: String, role: String, name: String, remarks: String, reason: String) -> EventDraft {
        var m = Zhiban_Events_V1_HandoverSigned()
        m.handoverID = handoverID
        m.role = role
        m.name = name
        m.remarks = remarks
        m.reason = reason
        return EventDraft(m)
    }

    /// A duty-log entry marked (or no longer marked) for the handover.
    public static func logEntryMarked(_ entryKey: String, marked: Bool, seen: VersionVector) -> EventDraft {
        var m = Zhiban_Events_V1_LogEntryMarked()
        m.entryKey = entryKey
        m.marked = marked
        m.seen = seen.seenMessages
        return EventDraft(m)
    }
}
