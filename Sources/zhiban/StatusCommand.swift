import ArgumentParser
import DutyModel
import Foundation
import Journal
import Sync

struct Status: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "On duty now, open incidents, reports due and overdue, active warnings, peers (--json for the fixed shape).")

    @OptionGroup var global: GlobalOptions
    @Flag(help: "JSON: {station, now, on_duty, open_incidents, reports_due, reports_overdue, active_warnings, counts, peers, digest}.")
    var json = false

    func run() throws {
        let context: StationContext
        do { context = try StationContext.open(global) } catch { throw fail(error) }
        let zone = context.station.timeZone
        let now = global.clock().now()
        let state = context.state
        let summaries = state.incidentSummaries(rules: context.rules, now: now, timeZone: zone)
        let open = summaries.filter(\.isOpen)
        let pending = summaries.flatMap { s in s.status == .closed ? [] : s.deadlines.filter { $0.fulfilledAt == nil } }
        let overdue = pending.filter { $0.isOverdue(at: now) }.count
        let onDuty = state.roster(timeZone: zone).onDuty(at: now)
        var colours = ["red": 0, "orange": 0, "yellow": 0, "blue": 0]
        for w in state.activeWarnings(now: now) {
            switch w.level {
            case 1: colours["red", default: 0] += 1
            case 2: colours["orange", default: 0] += 1
            case 3: colours["yellow", default: 0] += 1
            case 4: colours["blue", default: 0] += 1
            default: break
            }
        }
        let own = context.station.id.description
        let recordsPerStation = state.stationSequences
        let trust = TrustStore(station: context.station)
        let lastSyncs = SyncStateStore(station: context.station).lastSyncs()
        let peerIDs = Set(recordsPerStation.keys).union(trust.peers.map(\.id.description)).subtracting([own])
        let peers = peerIDs.sorted().map { id -> [String: Any] in
            let key = StationID(id).flatMap { trust.key(for: $0) }
            return ["id": id, "name": state.stations[id]?.value?.name ?? key?.name ?? "", "records": recordsPerStation[id] ?? 0,
                    "last_sync": lastSyncs[id] ?? NSNull() as Any, "frozen": StationID(id).flatMap { trust.frozenReason($0) } != nil]
        }
        let object: [String: Any] = [
            "station": ["id": own, "name": context.station.name, "code": context.station.code],
            "now": DutyTime.formatISO8601(now, timeZone: zone),
            "on_duty": ["leaders": onDuty?.leaderNames ?? [], "officers": onDuty?.officerNames ?? []],
            "open_incidents": open.count,
            "reports_due": pending.count - overdue,
            "reports_overdue": overdue,
            "active_warnings": colours,
            "counts": ["incidents": state.incidents.count, "contacts": state.contacts.count, "teams": state.teams.count,
                       "depots": state.depots.count, "shelters": state.shelters.count, "log_entries": state.log.count],
            "peers": peers,
            "digest": state.digest,
        ]
        if json {
            JSONOut.print(object)
            return
        }
        printNow("\(context.station.name)  \(DutyTime.formatISO8601(now, timeZone: zone))")
        printNow("on duty: leaders \(onDuty?.leaderNames.joined(separator: ", ") ?? "-"); officers \(onDuty?.officerNames.joined(separator: ", ") ?? "-")")
        printNow("open incidents: \(open.count); reports due: \(pending.count - overdue); overdue: \(overdue)")
        printNow("active warnings: red \(colours["red"]!), orange \(colours["orange"]!), yellow \(colours["yellow"]!), blue \(colours["blue"]!)")
        for problem in context.problems { printNow("problem: \(problem)") }
    }
}
