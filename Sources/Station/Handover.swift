import DutyModel
import Foundation
import Journal

/// Why a handover step was not written (#21): checked under the append lock, so two
/// consoles (or a console and `zhiban handover accept`) cannot both take the shift.
public enum HandoverRefusal: Error, Hashable, Sendable, CustomStringConvertible {
    /// No name to sign or accept with.
    case noName
    case alreadySigned(by: String)
    /// Accepting needs the outgoing signature first.
    case notSigned
    case alreadyAccepted(by: String)
    /// The incoming officer is not on the next shift's roster and gave no reason.
    case notOnNextShift(name: String, rostered: [String])
    /// The outgoing officer cannot take over from themselves.
    case sameOfficer(String)

    public var description: String {
        switch self {
        case .noName: return "no officer's name: give --operator NAME (or check in on the console)"
        case .alreadySigned(let by): return "already signed by \(by)"
        case .notSigned: return "the outgoing officer has not signed yet: zhiban handover sign first"
        case .alreadyAccepted(let by): return "already accepted by \(by)"
        case .notOnNextShift(let name, let rostered):
            return "\(name) is not on the next shift's roster (\(rostered.isEmpty ? "nobody is" : rostered.joined(separator: ", "))); give --reason TEXT to accept anyway"
        case .sameOfficer(let name): return "\(name) signed as the outgoing officer and cannot also accept"
        }
    }
}

extension DutyStation {
    /// What the station knows is wrong and the officer has not acknowledged: forks, feeds
    /// not folded in whole, rule files refused. For the handover's problems section.
    public var handoverProblems: [String] {
        var problems = unacknowledgedForks.map { "fork: " + $0 }
        problems += feedIssues.map(\.line)
        if let ruleProblem { problems.append(ruleProblem) }
        // Read-only: the journal is damaged and nothing more can be written until it is repaired.
        if let damage = journal.damage { problems.append("\(journal.path): read-only: \(damage) (zhiban repair)") }
        // (Fields two stations wrote without seeing each other are said on each open incident's line,
        // from the summaries already made: not looked for again here on every change.)
        return problems.sorted()
    }

    /// The handover report of `slot` (nil: the shift whose handover is due now).
    public func handoverReport(slot: ShiftSlot? = nil, now: Date) -> HandoverReport {
        let slot = slot ?? HandoverReport.pendingSlot(state, now: now, timeZone: timeZone)
        return HandoverReport.handover(state, rules: rules, slot: slot, now: now, timeZone: timeZone, problems: handoverProblems)
    }

    /// Replaces the outgoing officers' free notes of `slot`'s handover; once signed, the notes are
    /// part of what was signed and stay as they are.
    public func saveHandoverNotes(_ text: String, slot: ShiftSlot, operatorName: String, now: Date) throws {
        try write(now: now) { state, _ in
            let id = HandoverReport.id(slot)
            if let signed = state.handovers[id]?.signed { throw HandoverRefusal.alreadySigned(by: signed.name) }
            let register = state.handovers[id]?.draft ?? Register()
            guard register.value ?? "" != text else { return [] }
            return [try NewRecord(.handoverNotes(id, text: text, seen: register.seenVector), operatorName: operatorName)]
        }
    }

    /// The outgoing officer `name` signs `slot`'s handover.
    public func signHandover(slot: ShiftSlot, name: String, operatorName: String, now: Date) throws {
        let name = name.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else { throw HandoverRefusal.noName }
        try write(now: now) { state, _ in
            let handover = state.handovers[HandoverReport.id(slot)]
            if let signed = handover?.signed { throw HandoverRefusal.alreadySigned(by: signed.name) }
            return [try NewRecord(.handoverSigned(HandoverReport.id(slot), name: name), operatorName: operatorName)]
        }
    }

    /// The incoming officer `name` accepts `slot`'s handover: after the outgoing signature, once, by
    /// someone rostered on the next shift (leader or officer) or with a reason.
    public func acceptHandover(slot: ShiftSlot, name: String, remarks: String, reason: String, operatorName: String, now: Date) throws {
        let name = name.trimmingCharacters(in: .whitespaces)
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty else { throw HandoverRefusal.noName }
        try write(now: now) { state, _ in
            let handover = state.handovers[HandoverReport.id(slot)]
            guard let signed = handover?.signed else { throw HandoverRefusal.notSigned }
            if let accepted = handover?.accepted { throw HandoverRefusal.alreadyAccepted(by: accepted.name) }
            if signed.name == name { throw HandoverRefusal.sameOfficer(name) }
            // The same rule as the report's (leaders, officers and their B backups of the next shift).
            let next = HandoverReport.incoming(state, after: slot, timeZone: timeZone)
            if !next.contains(name) && reason.isEmpty {
                throw HandoverRefusal.notOnNextShift(name: name, rostered: next.leaders + next.officers)
            }
            return [try NewRecord(.handoverAccepted(HandoverReport.id(slot), name: name, remarks: remarks, reason: reason),
                                  operatorName: operatorName)]
        }
    }

    /// Marks (or unmarks) a duty-log entry for the handover.
    public func markLogEntry(_ key: String, marked: Bool, operatorName: String, now: Date) throws {
        try write(now: now) { state, _ in
            let register = state.logMarks[key] ?? Register()
            guard (register.value ?? false) != marked else { return [] }
            return [try NewRecord(.logEntryMarked(key, marked: marked, seen: register.seenVector), operatorName: operatorName)]
        }
    }
}
