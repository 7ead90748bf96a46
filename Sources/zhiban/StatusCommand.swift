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
        let counters = state.dayCounters(now: now, rules: context.rules, timeZone: zone)
        let onDuty = state.roster(timeZone: zone).onDuty(at: now)
        let colours = Dictionary(uniqueKeysWithValues: WarningColor.allCases.map { ($0.rawValue, counters.warnings[$0] ?? 0) })
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
            "open_incidents": counters.open,
            "reports_due": counters.due,
            "reports_overdue": counters.overdue,
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
        printNow("open incidents: \(counters.open); reports due: \(counters.due); overdue: \(counters.overdue)")
        printNow("active warnings: red \(colours["red"]!), orange \(colours["orange"]!), yellow \(colours["yellow"]!), blue \(colours["blue"]!)")
        for problem in context.problems { printNow("problem: \(problem)") }
    }
}
