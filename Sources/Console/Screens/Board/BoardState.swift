import DutyModel
import Foundation
import TerminalUI

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
    /// Why Enter did not switch (an empty reason for emergency mode), until the next key.
    public var problem: BoardText?
}

extension AppState {
    /// The shift running now under the station's pattern.
    public var currentSlot: ShiftSlot { duty.state.pattern.slot(at: now, timeZone: timeZone) }

    /// Follows the newest check-in of this station for the current shift:
    /// whoever it chose operates the console from then on.
    public mutating func adoptLatestCheckIn() {
        // A new shift starts with the console's own operator until its check-in.
        let slot = currentSlot
        if slot != operatorSlot {
            if operatorSlot != nil { operatorName = launchOperator }
            operatorSlot = slot
            adoptedCheckIn = nil
        }
        guard let checkIn = duty.checkIn(for: currentSlot, station: duty.ownStation),
              checkIn.stamp != adoptedCheckIn else { return }
        adoptedCheckIn = checkIn.stamp
        if !checkIn.operatorName.isEmpty { operatorName = checkIn.operatorName }
    }
}
