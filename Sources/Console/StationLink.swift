import DutyModel
import Foundation
import Station
import Synchronization

/// A write the console asks for. One request may hold several writes that
/// stand on each other (a warning, then its acknowledgement): after one
/// fails, the rest are not written.
public enum StationRequest: Equatable, Sendable {
    case record(EventDraft, operatorName: String, confirmation: UIText)
    case recordIntake(Intake, operatorName: String)
    case resource(ResourceRequest, operatorName: String, confirmation: UIText)
    case handover(HandoverRequest, operatorName: String, confirmation: UIText)
    /// Not a write: the report of a past shift, made on the station thread (#21).
    case handoverReport(ShiftSlot)
    /// Not a write: the daily duty report for the 24 hours to `end`.
    case dailyReport(Date)
    case acknowledgeForks
}

/// A handover step of the console (#21), checked by the station (`DutyStation.signHandover` …)
/// under its append lock.
public enum HandoverRequest: Equatable, Sendable {
    case notes(ShiftSlot, String)
    case sign(ShiftSlot, name: String)
    case accept(ShiftSlot, name: String, remarks: String, reason: String)
    case mark(String, Bool)
}

/// A resource action of the console (#19), done by the station's own checks
/// (`DutyStation.dispatchTeam` …) under its append lock.
public enum ResourceRequest: Equatable, Sendable {
    case dispatch(team: String, incident: String, headcount: Int, orderedBy: String, reassign: Bool)
    case teamStatus(team: String, status: String, note: String)
    case stock(depot: String, item: String, quantity: Int64, incident: String, shelter: String, returning: Bool)
    case shelter(String, status: String, occupancy: Int64, note: String, confirmOverCapacity: Bool)
}

/// The console's link to its station: every effect that touches disk runs
/// here, on the station's own thread (or at once, for tests), and its result
/// comes back to the run loop as actions. A key press never waits on the
/// append lock, a sync or a fold: the run loop only submits and drains.
///
/// The station thread also looks for change (other processes' appends, a
/// sync's pulls, inbox/ files) a few times a second and sends the new fold
/// (`DutySnapshot`) and summary when there is one.
public final class StationLink: @unchecked Sendable {
    private let station: DutyStation
    private let clock: any WallClock
    private let queue: DispatchQueue?
    private let outbox = Mutex<[Action]>([])
    /// Touched only on the station thread.
    private var snapshot: DutySnapshot
    private var lastSummary: StationSummary?
    private var inbox: InboxFolder?
    private var lastInboxLook = Date.distantPast
    private var watcher: (() -> Bool)?
    private var background: BackgroundLink?
    private var timer: DispatchSourceTimer?
    /// Who inbox files are imported as: the console's operator, set from the run loop.
    private let inboxOperator = Mutex<String>("")
    /// Set for tests: the next write fails with this reason (nothing is written).
    public let failNextWrite = Mutex<WriteFailure?>(nil)

    /// Background sync, as the shell wires it (the Sync target's BackgroundSync).
    public struct BackgroundLink: Sendable {
        public var requestSync: @Sendable () -> Void
        public var statuses: @Sendable () -> [SyncFolderSummary]
        public init(requestSync: @escaping @Sendable () -> Void, statuses: @escaping @Sendable () -> [SyncFolderSummary]) {
            self.requestSync = requestSync
            self.statuses = statuses
        }
    }

    /// `synchronous`: run every request at once on the caller's thread (tests).
    public init(station: DutyStation, clock: any WallClock, synchronous: Bool = false,
                watcher: (() -> Bool)? = nil, background: BackgroundLink? = nil) {
        self.station = station
        self.clock = clock
        self.queue = synchronous ? nil : DispatchQueue(label: "zhiban.station")
        self.watcher = watcher
        self.background = background
        snapshot = .empty
        lastSummary = summary()
        post([.stationChanged(lastSummary!)])
        // A small station is folded before the first frame (it is on screen at once);
        // a large one is folded on the station thread while the screen says how far it is.
        guard queue != nil, station.recordCount >= Self.foldInBackgroundFrom else {
            openFold()
            return
        }
        // On the station thread: the console draws at once and says how far the
        // first fold is on its status line; the fold arrives when it is done.
        station.savesSnapshotAfterFold = false
        let last = Mutex<Date>(.distantPast)
        station.onProgress = { [weak self] progress in
            let now = Date()
            let due = last.withLock { t -> Bool in
                guard progress.isFinished || now.timeIntervalSince(t) >= 0.1 else { return false }
                t = now
                return true
            }
            if due { self?.post([.stationProgress(progress.isFinished ? nil : progress)]) }
        }
        run { [self] in
            openFold()
            // Written after the screen has the station, not before.
            self.station.saveSnapshotIfDue()
            post([.stationProgress(nil)])
        }
    }

    /// Records from which the first fold runs on the station thread.
    public static let foldInBackgroundFrom = 50_000

    /// The first fold and its summaries.
    private func openFold() {
        snapshot = DutySnapshot(generation: station.generation, state: station.state, rules: station.rules,
                                ownStation: station.id.description, baseMap: station.baseMap)
            .summarized(now: clock.now(), timeZone: station.timeZone, problems: station.handoverProblems)
        post([.dutyChanged(snapshot)])
    }

    /// Starts taking files from inbox/, imported in `languages` order of CAP info blocks.
    public func watchInbox(languages: [String]) {
        run { [self] in
            inbox = InboxFolder(station: station, operatorName: "", languages: languages, now: { [clock] in clock.now() })
        }
    }

    /// Looks for change every `interval` seconds on the station thread (not for a synchronous link).
    public func startPolling(interval: TimeInterval = 0.2) {
        guard let queue else { return }
        let timer = DispatchSource.makeTimerSource(queue: queue)
        timer.schedule(deadline: .now() + interval, repeating: interval)
        timer.setEventHandler { [weak self] in self?.pollNow() }
        timer.resume()
        self.timer = timer
    }

    public func stop() {
        timer?.cancel()
        timer = nil
        // Quitting keeps the fold for the next start (if enough came in since the last snapshot).
        queue?.sync { station.saveSnapshotIfDue() }
    }

    /// Whoever operates the console now: inbox files are written as them.
    public func setOperator(_ name: String) { inboxOperator.withLock { $0 = name } }

    /// Takes the actions that results and changes produced since the last call.
    public func drain() -> [Action] {
        outbox.withLock { actions in
            defer { actions.removeAll() }
            return actions
        }
    }

    /// Waits until everything submitted so far has run (tests, and quitting).
    public func settle() { queue?.sync {} }

    public func submit(_ requests: [StationRequest]) {
        run { [self] in perform(requests) }
    }

    /// One look for change now (the timer calls this; a synchronous link's owner calls it each turn).
    public func poll() { run { [self] in pollNow() } }

    private func run(_ work: @escaping @Sendable () -> Void) {
        if let queue { queue.async(execute: work) } else { work() }
    }

    /// Adds to the outbox. A newer fold or summary replaces one not yet taken
    /// (and goes after the results posted before it): the run loop only ever
    /// sees the newest station.
    private func post(_ actions: [Action]) {
        guard !actions.isEmpty else { return }
        outbox.withLock { outbox in
            for action in actions {
                switch action {
                case .dutyChanged:
                    outbox.removeAll { if case .dutyChanged = $0 { return true } else { return false } }
                case .stationChanged:
                    outbox.removeAll { if case .stationChanged = $0 { return true } else { return false } }
                default: break
                }
                outbox.append(action)
            }
        }
    }

    // MARK: On the station thread

    private func perform(_ requests: [StationRequest]) {
        var actions: [Action] = []
        for request in requests {
            if let failure = failNextWrite.withLock({ f -> WriteFailure? in defer { f = nil }; return f }) {
                actions.append(.writeFailed(failure))
                break
            }
            let now = clock.now()
            switch request {
            case .record(let draft, let operatorName, let confirmation):
                do {
                    try station.write(draft, operatorName: operatorName, now: now)
                    actions.append(.recorded(confirmation))
                } catch {
                    actions.append(.writeFailed(error))
                }
            case .recordIntake(let intake, let operatorName):
                do {
                    let id = try station.recordIntake(intake, operatorName: operatorName, now: now)
                    actions.append(.intakeRecorded(id: id))
                } catch {
                    actions.append(.writeFailed(error))
                }
            case .resource(let request, let operatorName, let confirmation):
                do {
                    switch request {
                    case .dispatch(let team, let incident, let headcount, let orderedBy, let reassign):
                        try station.dispatchTeam(team, to: incident, headcount: headcount, orderedBy: orderedBy, reassign: reassign,
                                                 operatorName: operatorName, now: now)
                    case .teamStatus(let team, let status, let note):
                        try station.setTeamStatus(team, status, note: note, operatorName: operatorName, now: now)
                    case .stock(let depot, let item, let quantity, let incident, let shelter, let returning):
                        try station.moveStock(depot: depot, item: item, quantity: quantity, incidentID: incident, shelterID: shelter,
                                              returning: returning, operatorName: operatorName, now: now)
                    case .shelter(let id, let status, let occupancy, let note, let confirm):
                        try station.setShelter(id, status: status, occupancy: occupancy, note: note, confirmOverCapacity: confirm,
                                               operatorName: operatorName, now: now)
                    }
                    actions.append(.recorded(confirmation))
                } catch let refusal as ResourceRefusal {
                    actions.append(.resourceRefused(refusal))
                } catch {
                    actions.append(.writeFailed(WriteFailure(error)))
                }
            case .handover(let request, let operatorName, let confirmation):
                do {
                    switch request {
                    case .notes(let slot, let text):
                        try station.saveHandoverNotes(text, slot: slot, operatorName: operatorName, now: now)
                    case .sign(let slot, let name):
                        try station.signHandover(slot: slot, name: name, operatorName: operatorName, now: now)
                    case .accept(let slot, let name, let remarks, let reason):
                        try station.acceptHandover(slot: slot, name: name, remarks: remarks, reason: reason, operatorName: operatorName, now: now)
                    case .mark(let key, let marked):
                        try station.markLogEntry(key, marked: marked, operatorName: operatorName, now: now)
                    }
                    actions.append(.recorded(confirmation))
                } catch let refusal as HandoverRefusal {
                    actions.append(.handoverRefused(refusal))
                } catch {
                    actions.append(.writeFailed(WriteFailure(error)))
                }
            case .handoverReport(let slot):
                actions.append(.handoverReportMade(station.handoverReport(slot: slot, now: now)))
            case .dailyReport(let end):
                actions.append(.handoverReportMade(HandoverReport.daily(station.state, rules: station.rules, end: end, now: now,
                                                                        timeZone: station.timeZone)))
            case .acknowledgeForks:
                station.acknowledgeForks(now: now)
                // The handover's problems no longer list them.
                snapshot = snapshot.withHandoverProblems(station.handoverProblems)
                actions.append(.dutyChanged(snapshot))
            }
            if case .writeFailed = actions.last { break }
            if case .resourceRefused = actions.last { break }
            if case .handoverRefused = actions.last { break }
        }
        // The results, then the fold that holds them (as the reducer expects:
        // a confirmation closes its dialog, then the new fold selects what was written).
        let wrote = requests.contains {
            switch $0 {
            case .acknowledgeForks, .handoverReport, .dailyReport: return false
            default: return true
            }
        }
        post(actions + publishIfChanged() + (wrote ? [.writeSettled] : []))
        if actions.contains(where: { if case .recorded = $0 { return true } else if case .intakeRecorded = $0 { return true } else { return false } }) {
            background?.requestSync()
        }
    }

    private func pollNow() {
        var actions: [Action] = []
        let filesChanged = watcher?() ?? true
        if filesChanged {
            let ownBefore = station.journal.lastSequence
            station.refresh(now: clock.now())
            if station.journal.lastSequence != ownBefore { background?.requestSync() }
        }
        if let inbox, Date().timeIntervalSince(lastInboxLook) >= 0.2 {
            lastInboxLook = Date()
            inbox.operatorName = inboxOperator.withLock { $0 }
            let results = inbox.processNew()
            if results.contains(where: \.wroteJournal) { background?.requestSync() }
            if !results.isEmpty { actions.append(.inboxProcessed(results)) }
        }
        post(publishIfChanged(filesChanged: filesChanged || !actions.isEmpty) + actions)
    }

    /// A new snapshot and summary when the station changed since the last ones
    /// sent. The summary reads trust/ and counts records: only when files changed
    /// (the watcher, a write, an inbox import); otherwise only the sync statuses are new.
    private func publishIfChanged(filesChanged: Bool = true) -> [Action] {
        var actions: [Action] = []
        let now = clock.now()
        if station.generation != snapshot.generation {
            snapshot = DutySnapshot(generation: station.generation, state: station.state, rules: station.rules,
                                    ownStation: station.id.description, previous: snapshot)
                .summarized(now: now, timeZone: station.timeZone, problems: station.handoverProblems)
            actions.append(.dutyChanged(snapshot))
        } else if snapshot.needsSummaries(by: now.addingTimeInterval(1)) {
            // A report clock falls due within the second: summarise again before the screen needs it.
            snapshot = snapshot.summarized(now: now, timeZone: station.timeZone, problems: station.handoverProblems)
            actions.append(.dutyChanged(snapshot))
        }
        var next: StationSummary
        if filesChanged || lastSummary == nil {
            next = summary()
        } else {
            next = lastSummary!
            next.syncFolders = background?.statuses() ?? []
        }
        if next != lastSummary {
            lastSummary = next
            actions.append(.stationChanged(next))
        }
        return actions
    }

    private func summary() -> StationSummary {
        StationSummary(recordCount: station.recordCount,
                       readOnlyReason: station.journal.damage.map { "\(station.journal.path): \($0)" },
                       recoveries: station.journal.recoveries.map(\.description),
                       syncFolders: background?.statuses() ?? [],
                       unacknowledgedForks: station.unacknowledgedForks)
    }
}
