import DutyModel
import Foundation
import Journal

/// Why a resource action was not written (#19): checked under the append lock
/// against everything the station holds, so two officers cannot both take the
/// last tents or send one team twice from this station.
public enum ResourceRefusal: Error, Hashable, Sendable, CustomStringConvertible {
    case unknownTeam(String)
    case unknownIncident(String)
    case unknownDepot(String)
    case unknownItem(String)
    case unknownShelter(String)
    case unknownStatus(String)
    /// The team is on another task; dispatching it again needs `reassign`.
    case teamBusy(team: String, incident: String)
    /// Fewer items at the depot than asked for (this station's count).
    case notEnough(item: String, have: Int64, asked: Int64)
    case notPositive(Int64)
    /// Occupancy above capacity needs a confirmation and a note.
    case overCapacity(occupancy: Int64, capacity: Int64)

    public var description: String {
        switch self {
        case .unknownTeam(let id): return "no team \(id) at this station"
        case .unknownIncident(let id): return "no incident \(id) at this station"
        case .unknownDepot(let id): return "no depot \(id) at this station"
        case .unknownItem(let id): return "\(id) is not an item of resources.toml"
        case .unknownShelter(let id): return "no shelter \(id) at this station"
        case .unknownStatus(let s): return "\(s) is not a status of resources.toml"
        case .teamBusy(let team, let incident): return "team \(team) is on \(incident); reassign it to send it elsewhere"
        case .notEnough(let item, let have, let asked): return "the depot holds \(have) \(item), fewer than \(asked)"
        case .notPositive(let n): return "\(n) is not a quantity: give 1 or more"
        case .overCapacity(let occupancy, let capacity): return "\(occupancy) people is above the capacity of \(capacity); confirm with a note to record it"
        }
    }
}

extension DutyStation {
    /// Sends a team to an incident: a dispatch (who ordered it, how many) and the
    /// team's status. A team already on a task is refused unless `reassign`.
    @discardableResult
    public func dispatchTeam(_ teamID: String, to incidentID: String, headcount: Int, orderedBy: String, reassign: Bool,
                             operatorName: String, now: Date) throws -> String {
        var dispatchID = ""
        try write(now: now) { state, _ in
            guard let team = state.teams[teamID], team.info.value != nil else { throw ResourceRefusal.unknownTeam(teamID) }
            guard state.incidents[incidentID] != nil else { throw ResourceRefusal.unknownIncident(incidentID) }
            if let current = team.status.value, ["dispatched", "on_scene"].contains(current.status), !reassign {
                throw ResourceRefusal.teamBusy(team: teamID, incident: current.incidentID)
            }
            dispatchID = "\(teamID)@\(incidentID)#\(Int(now.timeIntervalSince1970))"
            var d = Zhiban_Events_V1_TeamDispatched()
            d.dispatchID = dispatchID; d.teamID = teamID; d.incidentID = incidentID; d.orderedBy = orderedBy
            d.atMs = Int64(now.timeIntervalSince1970 * 1000); d.headcount = Int32(clamping: headcount)
            var s = Zhiban_Events_V1_TeamStatusChanged()
            s.teamID = teamID; s.status = "dispatched"; s.incidentID = incidentID
            s.seen = CSVImport.seen(state)
            return [try NewRecord(EventDraft(d), operatorName: operatorName), try NewRecord(EventDraft(s), operatorName: operatorName)]
        }
        return dispatchID
    }

    /// A team's status: on scene, returning, standby (back), unavailable.
    public func setTeamStatus(_ teamID: String, _ status: String, note: String = "", operatorName: String, now: Date) throws {
        try write(now: now) { state, _ in
            guard let team = state.teams[teamID], team.info.value != nil else { throw ResourceRefusal.unknownTeam(teamID) }
            guard rules.resources.teamStatuses.contains(where: { $0.id == status }) else { throw ResourceRefusal.unknownStatus(status) }
            var s = Zhiban_Events_V1_TeamStatusChanged()
            s.teamID = teamID; s.status = status; s.note = note
            // Arrival, return and being back concern the incident the team was sent to, while it is on that task.
            if let current = team.status.value, ["dispatched", "on_scene", "returning"].contains(current.status) {
                s.incidentID = current.incidentID
            }
            s.seen = CSVImport.seen(state)
            return [try NewRecord(EventDraft(s), operatorName: operatorName)]
        }
    }

    /// Issues `quantity` of `item` from a depot to an incident or a shelter (one
    /// of the two ids), or returns them (`returning`). An issue never takes this
    /// station's count below zero; two stations issuing at once both count, and
    /// the depot then shows the shortfall to both.
    public func moveStock(depot: String, item: String, quantity: Int64, incidentID: String = "", shelterID: String = "",
                          returning: Bool = false, operatorName: String, now: Date) throws {
        try write(now: now) { state, _ in
            guard quantity > 0 else { throw ResourceRefusal.notPositive(quantity) }
            guard let held = state.depots[depot], held.info.value != nil else { throw ResourceRefusal.unknownDepot(depot) }
            guard let info = rules.resources.item(item) else { throw ResourceRefusal.unknownItem(item) }
            if !incidentID.isEmpty, state.incidents[incidentID] == nil { throw ResourceRefusal.unknownIncident(incidentID) }
            if !shelterID.isEmpty, state.shelters[shelterID]?.info.value == nil { throw ResourceRefusal.unknownShelter(shelterID) }
            let have = held.stock[item] ?? 0
            if !returning, have < quantity { throw ResourceRefusal.notEnough(item: item, have: have, asked: quantity) }
            var m = Zhiban_Events_V1_StockChanged()
            m.depotID = depot; m.item = item; m.delta = returning ? quantity : -quantity; m.unit = info.unitZh
            m.reason = returning ? "return" : "issue"; m.incidentID = incidentID; m.shelterID = shelterID
            return [try NewRecord(EventDraft(m), operatorName: operatorName)]
        }
    }

    /// Opens, runs or closes a shelter with its occupancy. Above the capacity
    /// only with `confirmOverCapacity` and a note saying why.
    public func setShelter(_ shelterID: String, status: String, occupancy: Int64, note: String = "",
                           confirmOverCapacity: Bool = false, operatorName: String, now: Date) throws {
        try write(now: now) { state, _ in
            guard let shelter = state.shelters[shelterID], let info = shelter.info.value else { throw ResourceRefusal.unknownShelter(shelterID) }
            guard rules.resources.shelterStatuses.contains(where: { $0.id == status }) else { throw ResourceRefusal.unknownStatus(status) }
            guard occupancy >= 0 else { throw ResourceRefusal.notPositive(occupancy) }
            if occupancy > info.capacity, !(confirmOverCapacity && !note.trimmingCharacters(in: .whitespaces).isEmpty) {
                throw ResourceRefusal.overCapacity(occupancy: occupancy, capacity: info.capacity)
            }
            var m = Zhiban_Events_V1_ShelterStatusChanged()
            m.shelterID = shelterID; m.status = status; m.occupancy = occupancy; m.note = note
            m.seen = CSVImport.seen(state)
            return [try NewRecord(EventDraft(m), operatorName: operatorName)]
        }
    }
}
