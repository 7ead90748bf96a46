import ArgumentParser
import Console
import DutyModel
import Foundation
import Journal
import Station
import Sync

struct Status: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "On duty now, open incidents, reports due and overdue, active warnings, peers (--json for the fixed shape).")

    @OptionGroup var global: GlobalOptions
    @Flag(help: "JSON: {station, now, on_duty, open_incidents, reports_due, reports_overdue, active_warnings, counts, peers, digest}.")
    var json = false

    func run() throws {
        let context: DutyStation
        do { context = try global.openStation("status", recover: false) } catch { throw global.fail(error) }
        // Counts, not entries: the duty log's text is not read.
        context.readsLogText = false
        let zone = context.timeZone
        let now = global.clock().now()
        let state = context.state
        if let note = context.snapshotNote { printError("zhiban status: " + note) }
        let counters = state.dayCounters(now: now, rules: context.rules, timeZone: zone)
        let onDuty = state.roster(timeZone: zone).onDuty(at: now)
        let count = { (c: WarningColor) in counters.warnings[c] ?? 0 }
        let own = context.id.description
        let recordsPerStation = state.stationSequences
        let trust = context.trust
        let lastSyncs = SyncStateStore(station: context.folder).lastSyncs()
        let frozen = Set(trust.frozen.map(\.id.description))
        let peerIDs = Set(recordsPerStation.keys).union(trust.peers.map(\.id.description)).subtracting([own])
        let peers = peerIDs.sorted().map { id in
            StatusJSON.Peer(id: id, name: state.stations[id]?.value?.name ?? StationID(id).flatMap { trust.key(for: $0) }?.name ?? "",
                            records: recordsPerStation[id] ?? 0, lastSync: Null(lastSyncs[id]), frozen: frozen.contains(id))
        }
        let status = StatusJSON(
            station: .init(id: own, name: context.name, code: context.folder.code),
            now: DutyTime.formatISO8601(now, timeZone: zone),
            onDuty: .init(leaders: onDuty?.leaderNames ?? [], officers: onDuty?.officerNames ?? []),
            openIncidents: counters.open, reportsDue: counters.due, reportsOverdue: counters.overdue,
            activeWarnings: .init(red: count(.red), orange: count(.orange), yellow: count(.yellow), blue: count(.blue)),
            counts: .init(incidents: state.incidents.count, contacts: state.contacts.count, teams: state.teams.count,
                          depots: state.depots.count, shelters: state.shelters.count, logEntries: state.log.count),
            peers: peers, digest: context.digest)
        if json {
            try JSONOut.print(status)
            return
        }
        printNow(CommandText.statusHeader(station: context.name, now: DutyTime.formatISO8601(now, timeZone: zone)).text(global.language))
        printNow(CommandText.statusOnDuty(leaders: onDuty?.leaderNames ?? [], officers: onDuty?.officerNames ?? []).text(global.language))
        printNow(CommandText.statusIncidents(open: counters.open, due: counters.due, overdue: counters.overdue).text(global.language))
        printNow(CommandText.statusWarnings(red: count(.red), orange: count(.orange), yellow: count(.yellow), blue: count(.blue)).text(global.language))
        for issue in context.feedIssues { printNow(CommandText.problem(issue.line).text(global.language)) }
    }
}

