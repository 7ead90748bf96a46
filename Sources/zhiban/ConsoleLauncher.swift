import Console
import Dispatch
import DutyModel
import Foundation
import Journal
import Station
import Sync
import Synchronization
import SafeText
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

        // The console writes (check-in, notes, intakes): under --now only on a drill station (#17 §3).
        if global.now != nil, let folder = try? StationFolder.open(at: global.resolvedDataDirectory(environment: environment)), !folder.isDrill {
            printError("zhiban: \(NotADrillStation(station: folder.name, command: "console"))")
            return 2
        }
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            printError("zhiban: the console needs a terminal on standard input and output; for scripts use the subcommands (zhiban --help)")
            return 2
        }
        // A terminal the console cannot draw on is named, and what to set, before the screen is
        // taken (a blank or garbled screen otherwise); nothing is written to the station (#23).
        let term = TextSafety.sanitize(environment["TERM"] ?? "")
        switch TerminalFitness.current() {
        case .usable: break
        case .cannotMoveCursor:
            printError("zhiban: " + CommandText.terminalCannotMoveCursor(term: term).text(language))
            return 2
        case .unknown:
            printError("zhiban: " + CommandText.terminalUnknown(term: term).text(language))
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
        var openProblem: String?
        let opened: DutyStation?
        do {
            opened = try DutyStation.open(at: dataDirectory, now: clock.now(), holder: "zhiban console, operator \(global.operatorName)")
        } catch {
            opened = nil
            // No station.toml is "no station here"; anything else (keys, settings, the journal) is said as it is.
            let paths = StationPaths(root: dataDirectory)
            if FileManager.default.fileExists(atPath: paths.config) || FileManager.default.fileExists(atPath: paths.privateKey) {
                openProblem = "\(error)"
            }
        }
        let background = opened.map { BackgroundSync(station: $0.folder, now: { clock.now() }) }
        background?.start()
        defer { background?.stop() }
        let watcher = opened.map { FolderWatcher(paths: [$0.paths.journal, $0.paths.trust]) }
        let link = opened.map { station in
            StationLink(station: station, clock: clock, watcher: {
                // Polling (no inotify: some network and FUSE file systems) compares sizes and times,
                // and an append into a feed's unwritten space changes neither size nor, within one
                // clock tick, the time: then every look refreshes (one small read per feed).
                guard let watcher else { return true }
                return watcher.hasChanges() || watcher.usesPolling
            },
                        background: background.map { sync in
                            StationLink.BackgroundLink(
                                requestSync: { sync.requestSync() },
                                statuses: { sync.statuses.map { SyncFolderSummary(folder: $0.folder, lastSynced: $0.lastSynced, unreachableSince: $0.unreachableSince) } })
                        })
        }
        defer { link?.stop() }
        var state = AppState(language: language, theme: theme, size: backend.size, now: clock.now(),
                             timeZone: opened?.timeZone ?? DutyTime.defaultTimeZone,
                             stationName: opened?.name ?? UIText.stationNone.text(language),
                             operatorName: global.operatorName)
        state.drill = global.now != nil
        if let link {
            // The first fold and summary are on screen before the first frame.
            for action in link.drain() { _ = reduce(&state, action) }
            state.adoptLatestCheckIn()
        }
        if let themeProblem {
            state.message = Message(.themeProblem(zh: themeProblem.zhDescription, en: themeProblem.description), kind: .error)
        } else if !locale.isUTF8 {
            state.message = Message(.localeNotUTF8(locale.codeset), kind: .error)
        } else if let openProblem {
            state.message = Message(.stationUnreadable(openProblem), kind: .error)
        } else if opened == nil {
            state.message = Message(.noStationHere(dataDirectory), kind: .error)
        } else if let recovery = opened?.journal.recoveries.first {
            state.message = Message(.recovered(recovery.path), kind: .info)
        } else if let ruleProblem = opened?.ruleProblem {
            state.message = Message(.rulesProblem(ruleProblem), kind: .error)
        }
        link?.watchInbox(languages: ["zh-CN", language == .en ? "en-US" : "zh-CN"])
        link?.startPolling()
        var consoleEnvironment = ConsoleEnvironment(clock: clock, loadTheme: { catalog.load($0) }, stopRequested: { stop.isSet },
                                                    station: link)
        consoleEnvironment.syncNow = { background?.requestSync() }
        let drafts = opened.map { IntakeDraftFile(folder: $0.paths.root + "/drafts") }
        consoleEnvironment.saveDraft = { drafts?.write($0) }
        if let found = drafts?.read() {
            state.resumableDraft = found
            state.overlay = .resumeDraft
        }
        // The handover's notes typed and not saved, as they were when the console last stopped (#21).
        let notes = opened.map { IntakeDraftFile(folder: $0.paths.root + "/drafts", name: "handover") }
        consoleEnvironment.saveHandoverDraft = { notes?.write($0) }
        if let kept = notes?.read(), let id = kept["id"], let text = kept["text"] {
            state.handover.unsavedNotes = (id, text)
        }
        // Text typed into dialogs and not saved, as it was when the console last stopped (#23).
        let dialogs = opened.map { IntakeDraftFile(folder: $0.paths.root + "/drafts", name: "dialogs") }
        consoleEnvironment.saveDialogDrafts = { dialogs?.write($0) }
        if let kept = dialogs?.read() { state.dialogDrafts = DialogDraft.decode(kept) }
        let runner = ConsoleRunner(state: state, backend: backend, environment: consoleEnvironment)
        runner.run()
        // Writes handed to the station thread were waited for by the runner; one that
        // failed after the officer quit is said once the terminal is restored.
        if !runner.lateFailures.isEmpty {
            backend.shutdown()
            for failure in runner.lateFailures { printError("zhiban: not saved: \(failure)") }
            return 1
        }
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
