import Console
import Dispatch
import DutyModel
import Foundation
import Journal
import Sync
import Synchronization
import TerminalUI
#if canImport(Glibc)
import Glibc
#endif

/// Set from signal handlers, read by the run loop between input waits.
final class StopFlag: Sendable {
    private let flag = Atomic<Bool>(false)
    func set() { flag.store(true, ordering: .relaxed) }
    var isSet: Bool { flag.load(ordering: .relaxed) }
}

/// Wires the real terminal, clock, themes and signals to the console.
struct ConsoleLauncher {
    var global: GlobalOptions

    func launch() -> Int32 {
        let locale = TerminalLocale.adoptUserLocale()
        let environment = ProcessInfo.processInfo.environment
        var language = global.lang ?? Language.fromLocale(environment)
        if !locale.isUTF8 && global.lang == nil { language = .en }

        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            printError("zhiban: the console needs a terminal on standard input and output; for scripts use the subcommands (zhiban --help)")
            return 2
        }

        let catalog = ThemeCatalog(directories: themeDirectories(environment: environment))
        let (theme, themeProblem) = catalog.load(global.theme ?? "default")

        let stop = StopFlag()
        // Signals are turned into a flag the loop polls, so the terminal is
        // always restored by the same code path as a normal quit.
        var sources: [DispatchSourceSignal] = []
        for sig in [SIGTERM, SIGHUP, SIGINT] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler { stop.set() }
            source.resume()
            sources.append(source)
        }
        defer { sources.forEach { $0.cancel() } }

        let backend: NcursesBackend
        do {
            backend = try NcursesBackend()
        } catch {
            printError("zhiban: \(error)")
            return 2
        }
        defer { backend.shutdown() }

        let clock = global.clock()
        let dataDirectory = global.resolvedDataDirectory(environment: environment)
        let live = LiveStation.open(at: dataDirectory, clock: clock, operatorName: global.operatorName)
        var ruleProblem: String?
        if let live, let problem = live.ruleProblem { ruleProblem = problem }
        live?.background.start()
        defer { live?.background.stop() }
        var state = AppState(language: language, theme: theme, size: backend.size, now: clock.now(),
                             timeZone: live?.journal.station.timeZone ?? DutyTime.defaultTimeZone,
                             stationName: live?.journal.station.name ?? UIText.stationNone.text(language),
                             operatorName: global.operatorName)
        state.station = live?.summary()
        if let duty = live?.pollDuty() {
            state.duty = duty
            state.adoptLatestCheckIn()
        }
        if let themeProblem {
            state.message = Message(.themeProblem(themeProblem.description), kind: .error)
        } else if !locale.isUTF8 {
            state.message = Message(.localeNotUTF8(locale.codeset), kind: .error)
        } else if live == nil {
            state.message = Message(.noStationHere(dataDirectory), kind: .error)
        } else if let recovery = live?.journal.recoveries.first {
            state.message = Message(.recovered(recovery.path), kind: .info)
        } else if let ruleProblem {
            state.message = Message(.rulesProblem(ruleProblem), kind: .error)
        }
        var environmentWithSync = ConsoleEnvironment(clock: clock, loadTheme: { catalog.load($0) }, stopRequested: { stop.isSet },
                                                     pollStation: { live?.poll(now: clock.now()) },
                                                     acknowledgeForks: { live?.acknowledgeForks() })
        environmentWithSync.syncNow = { live?.background.requestSync() }
        environmentWithSync.pollDuty = { live?.pollDuty() }
        live?.watchInbox(language: language, clock: clock)
        environmentWithSync.pollInbox = { live?.pollInbox(operatorName: $0) ?? [] }
        environmentWithSync.record = { draft, operatorName in
            guard let live else { return UIText.noStationHere(dataDirectory).text(language) }
            return live.record(draft, operatorName: operatorName, now: clock.now())
        }
        let drafts = live.map { IntakeDraftFile(folder: $0.journal.station.paths.root + "/drafts") }
        environmentWithSync.recordIntake = { intake, operatorName in
            guard let live else { return .failure(IntakeWriteFailure(UIText.noStationHere(dataDirectory).text(language))) }
            return live.recordIntake(intake, operatorName: operatorName, now: clock.now())
        }
        environmentWithSync.saveDraft = { drafts?.write($0) }
        if let found = drafts?.read() {
            state.resumableDraft = found
            state.overlay = .resumeDraft
        }
        let runner = ConsoleRunner(
            state: state, backend: backend, environment: environmentWithSync)
        runner.run()
        return 0
    }

    /// Where theme files are looked for, first match wins: the station's own
    /// themes/, $ZHIBAN_THEMES, then the Themes/ folder of the checkout or
    /// install the binary runs from, then ./Themes.
    func themeDirectories(environment: [String: String]) -> [String] {
        var dirs = [(global.resolvedDataDirectory(environment: environment) as NSString).appendingPathComponent("themes")]
        if let custom = environment["ZHIBAN_THEMES"], !custom.isEmpty { dirs.append(custom) }
        if let shipped = ShippedFolder.find("Themes", containing: "default.toml") { dirs.append(shipped) }
        dirs.append(FileManager.default.currentDirectoryPath + "/Themes")
        return dirs
    }
}

/// The intake form's draft: `drafts/intake.json` in the station, rewritten
/// whole (temporary file, fsync, rename) so a crash leaves the old or the
/// new draft, never half of one.
struct IntakeDraftFile {
    let folder: String
    var path: String { folder + "/intake.json" }

    /// The draft's strings, or nil when there is none (or it cannot be read:
    /// then it is moved aside to intake.json.unreadable, not lost).
    func read() -> [String: String]? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: String] else {
            _ = rename(path, path + ".unreadable")
            return nil
        }
        return object
    }

    /// Writes (or with nil removes) the draft; returns a problem, nil on success.
    func write(_ values: [String: String]?) -> String? {
        guard let values else {
            if unlink(path) != 0 && errno != ENOENT { return "\(path): cannot remove the intake draft: \(String(cString: strerror(errno)))" }
            return nil
        }
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let data = try JSONSerialization.data(withJSONObject: values, options: [.sortedKeys])
            let temporary = path + ".tmp"
            let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
            guard fd >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
            let written = data.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            let synced = fsync(fd)
            close(fd)
            guard written == data.count, synced == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
            guard rename(temporary, path) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
            let dir = open(folder, O_RDONLY)
            if dir >= 0 { _ = fsync(dir); close(dir) }
            return nil
        } catch {
            return "\(path): cannot save the intake draft: \(error)"
        }
    }
}

/// A folder shipped beside the program (Themes/, SampleData/): found by walking
/// up from the executable (a checkout's .build/debug/zhiban finds the repo's,
/// an install's bin/zhiban finds share/zhiban/), else in the working directory.
enum ShippedFolder {
    static func find(_ name: String, containing marker: String) -> String? {
        var url = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
        var candidates: [String] = []
        for _ in 0..<6 {
            candidates.append(url.appendingPathComponent(name).path)
            candidates.append(url.appendingPathComponent("share/zhiban/\(name)").path)
            url.deleteLastPathComponent()
        }
        candidates.append(FileManager.default.currentDirectoryPath + "/" + name)
        return candidates.first { FileManager.default.fileExists(atPath: $0 + "/" + marker) }
    }
}

/// The station as the console watches it: its journal and the peers' copies
/// (re-counted when the journal folder changes: another console, the CLI, a
/// sync), background sync with the configured folders, and fork alarms.
final class LiveStation {
    let journal: Journal
    let background: BackgroundSync
    private let trust: TrustStore
    private let watcher: FolderWatcher
    /// Peers' copies, re-read incrementally: a change costs the new bytes only.
    private var peerCopies: [StationID: FeedCopy] = [:]
    private var forks: [String] = []
    private var last: StationSummary?
    private var lastStatuses: [FolderSyncStatus] = []
    private var acknowledged = false
    /// The fold of every feed held, kept up to date incrementally.
    private var folded = DutyState()
    /// Per feed, the last sequence folded in.
    private var foldedUpTo: [StationID: UInt64] = [:]
    private var snapshot: DutySnapshot
    private var deliveredGeneration = -1
    /// The journal's reread count the fold was built against.
    private var foldedReread = 0
    let rules: RuleBook
    /// CAP files dropped into inbox/ while the console runs.
    private var inbox: InboxFolder?
    /// Real time of the last look into inbox/ (it is looked at about five times a second).
    private var lastInboxLook = Date.distantPast
    /// Why the station's own rule files were not used (the built-in rules are).
    let ruleProblem: String?

    init(journal: Journal, clock: any WallClock) {
        self.journal = journal
        self.trust = TrustStore(station: journal.station)
        self.watcher = FolderWatcher(paths: [journal.station.paths.journal, journal.station.paths.trust])
        self.background = BackgroundSync(station: journal.station, now: { clock.now() })
        do {
            rules = try StationContext.loadRules(journal.station)
            ruleProblem = nil
        } catch {
            rules = .standard
            ruleProblem = "\(error)"
        }
        snapshot = DutySnapshot(generation: 0, state: DutyState(), rules: rules, ownStation: journal.station.id.description)
        refreshPeers()
        forks = readForks()
        foldNewRecords()
    }

    /// Starts taking files from inbox/ (creating it, with done/ and rejected/).
    func watchInbox(language: Language, clock: any WallClock) {
        let importer = WarningImporter(journal: journal, rules: rules, language: language, operatorName: "",
                                       now: { clock.now() },
                                       folded: { [unowned self] in (self.folded, self.foldedUpTo[self.journal.station.id] ?? 0) })
        inbox = InboxFolder(paths: journal.station.paths, importer: importer)
    }

    /// Imports what has settled in inbox/ as `operatorName`; what became of each file.
    func pollInbox(operatorName: String) -> [InboxNotice] {
        let now = Date()
        guard let inbox, now.timeIntervalSince(lastInboxLook) >= 0.2 else { return [] }
        lastInboxLook = now
        inbox.importer.operatorName = operatorName
        let results = inbox.processNew()
        guard !results.isEmpty else { return [] }
        if results.contains(where: \.wroteJournal) {
            foldNewRecords()
            background.requestSync()
        }
        return results.map { r in
            let kind: InboxNotice.Kind
            switch r.kind {
            case .imported: kind = .imported
            case .duplicate, .notAWarning, .retry: kind = .skipped
            case .rejected: kind = .rejected
            }
            return InboxNotice(kind: kind, text: r.text)
        }
    }

    /// Folds records that arrived since the last fold, from every feed. A
    /// feed that shrank (repaired) makes the whole fold start again.
    private func foldNewRecords() {
        var feeds: [(StationID, UInt64, (UInt64) throws -> [Record])] = [(journal.station.id, journal.lastSequence, journal.readRecords(after:))]
        for (id, copy) in peerCopies { feeds.append((id, copy.lastSequence, copy.readRecords(after:))) }
        if journal.rereadCount != foldedReread || feeds.contains(where: { $0.1 < (foldedUpTo[$0.0] ?? 0) }) {
            folded = DutyState()
            foldedUpTo = [:]
            foldedReread = journal.rereadCount
        }
        var changed = false
        for (id, last, read) in feeds where last > (foldedUpTo[id] ?? 0) {
            guard let records = try? read(foldedUpTo[id] ?? 0) else { continue }
            for record in records { folded.apply(StoredEvent(record)) }
            // Up to what the scanner validated, so a record that would not decode is not re-read forever.
            foldedUpTo[id] = last
            changed = true
        }
        if changed {
            snapshot = DutySnapshot(generation: snapshot.generation + 1, state: folded, rules: rules,
                                    ownStation: journal.station.id.description, previous: snapshot)
        }
    }

    /// The folded station when it changed since the last call.
    func pollDuty() -> DutySnapshot? {
        guard snapshot.generation != deliveredGeneration else { return nil }
        deliveredGeneration = snapshot.generation
        return snapshot
    }

    /// Writes a new incident from the console's intake form. Its daily number
    /// is chosen under the journal's lock, after folding in whatever another
    /// process appended meanwhile, so two writers never take the same id.
    func recordIntake(_ intake: Intake, operatorName: String, now: Date) -> Result<String, IntakeWriteFailure> {
        let station = journal.station
        let day = DayFormat.compact(intake.receivedAt, timeZone: station.timeZone)
        var id = ""
        do {
            try journal.append(now: now, after: foldedUpTo[station.id] ?? 0) { newcomers in
                var state = folded
                for record in newcomers { state.apply(StoredEvent(record)) }
                id = state.nextIncidentID(code: station.code, date: day)
                return NewRecord(.incidentReceived(id: id, intake: intake, recordedBy: operatorName), operatorName: operatorName)
            }
        } catch {
            return .failure(IntakeWriteFailure("\(error)"))
        }
        foldNewRecords()
        background.requestSync()
        return .success(id)
    }

    /// Appends an event from the console; nil once it is on disk, else why not.
    func record(_ draft: EventDraft, operatorName: String, now: Date) -> String? {
        do {
            try journal.append(NewRecord(draft, operatorName: operatorName), now: now)
        } catch {
            return "\(error)"
        }
        foldNewRecords()
        background.requestSync()
        return nil
    }

    private var recordCount: Int { journal.records.count + peerCopies.values.reduce(0) { $0 + $1.records.count } }

    /// Picks up new peer feeds and new records in known ones.
    private func refreshPeers() {
        let paths = journal.station.paths
        for name in ((try? FileManager.default.contentsOfDirectory(atPath: paths.journal)) ?? []) where name.hasSuffix(".log") {
            guard let id = StationID(String(name.dropLast(4))), id != journal.station.id else { continue }
            if let copy = peerCopies[id] {
                _ = try? copy.refresh()
            } else if let key = trust.key(for: id), let copy = try? FeedCopy(path: paths.feed(id), header: FeedHeader(publicKey: key.publicKey)) {
                peerCopies[id] = copy
            }
        }
    }

    /// Opens the station in `root`, or nil when there is none (the console
    /// then says how to make one).
    static func open(at root: String, clock: any WallClock, operatorName: String) -> LiveStation? {
        guard let station = try? Station.open(at: root), let journal = try? Journal(station: station, now: clock.now()) else { return nil }
        journal.holderDescription = "pid \(getpid()) (zhiban console, operator \(operatorName))"
        return LiveStation(journal: journal, clock: clock)
    }

    private func readForks() -> [String] {
        let folder = trust.folder
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".frozen") }.sorted()
        return names.filter { !FileManager.default.fileExists(atPath: "\(folder)/\($0).ack") }.compactMap { name in
            FileManager.default.contents(atPath: "\(folder)/\(name)").map { String(decoding: $0, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) }
        }
    }

    func acknowledgeForks() {
        let folder = trust.folder
        for name in ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []) where name.hasSuffix(".frozen") {
            try? Data("acknowledged \(DutyTime.formatISO8601(Date()))\n".utf8).write(to: URL(fileURLWithPath: "\(folder)/\(name).ack"))
        }
        forks = readForks()
        acknowledged = true
    }

    func summary() -> StationSummary {
        StationSummary(recordCount: recordCount,
                       readOnlyReason: journal.damage.map { "\(journal.path): \($0)" },
                       recoveries: journal.recoveries.map(\.description),
                       syncFolders: background.statuses.map { SyncFolderSummary(folder: $0.folder, lastSynced: $0.lastSynced, unreachableSince: $0.unreachableSince) },
                       unacknowledgedForks: forks)
    }

    /// A new summary when something changed, nil otherwise. Never blocks on
    /// a sync: that runs on its own thread.
    func poll(now: Date) -> StationSummary? {
        let statuses = background.statuses
        var changed = statuses != lastStatuses || acknowledged
        lastStatuses = statuses
        acknowledged = false
        if watcher.hasChanges() {
            changed = true
            let ownBefore = journal.lastSequence
            _ = try? journal.refresh(now: now)
            refreshPeers()
            forks = readForks()
            foldNewRecords()
            if journal.lastSequence != ownBefore { background.requestSync() }
        }
        guard changed || last == nil else { return nil }
        let next = summary()
        guard next != last else { return nil }
        last = next
        return next
    }
}
