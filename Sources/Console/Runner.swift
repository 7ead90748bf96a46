import Foundation
import DutyModel
import TerminalUI

/// What the shell provides the console to carry out effects.
/// Everything runs on the console's one thread, so these closures need not be Sendable.
public struct ConsoleEnvironment {
    public var clock: any WallClock
    public var loadTheme: (String) -> (Theme, ThemeProblem?)
    /// True once SIGTERM/SIGHUP asked the console to stop.
    public var stopRequested: () -> Bool
    /// Called every turn of the loop; returns a summary when the station's
    /// files changed (another process appended, a sync pulled records). Must not block.
    public var pollStation: () -> StationSummary?
    /// Records that the officer saw the current fork alarms.
    public var acknowledgeForks: () -> Void
    /// Asks the background sync to run now.
    public var syncNow: () -> Void = {}
    /// The folded station when it changed since the last call, else nil. Must not block.
    public var pollDuty: () -> DutySnapshot? = { nil }
    /// Appends an event durably; returns why it failed, nil once it is on disk.
    public var record: (EventDraft, String) -> String? = { _, _ in "no station is open" }
    /// Writes a new incident from an intake: its id once on disk, else why not.
    public var recordIntake: (Intake, String) -> Result<String, IntakeWriteFailure> = { _, _ in .failure(IntakeWriteFailure("no station is open")) }
    /// Takes the files waiting in the station's inbox/ (as the operator named); what became of each.
    /// Must not block; called every turn, the shell decides how often it looks.
    public var pollInbox: (String) -> [InboxNotice] = { _ in [] }
    /// Keeps the intake form's fields durably on disk (nil: remove the draft);
    /// returns why it could not (naming the file), nil once done.
    public var saveDraft: ([String: String]?) -> String? = { _ in nil }

    public init(clock: any WallClock,
                loadTheme: @escaping (String) -> (Theme, ThemeProblem?),
                stopRequested: @escaping () -> Bool = { false },
                pollStation: @escaping () -> StationSummary? = { nil },
                acknowledgeForks: @escaping () -> Void = {}) {
        self.clock = clock
        self.loadTheme = loadTheme
        self.stopRequested = stopRequested
        self.pollStation = pollStation
        self.acknowledgeForks = acknowledgeForks
    }
}

/// Why a new incident could not be written (names the file).
public struct IntakeWriteFailure: Error, Equatable {
    public var reason: String
    public init(_ reason: String) { self.reason = reason }
}

/// The imperative shell around `reduce`: reads input, ticks the clock,
/// performs effects and hands frames to the backend.
public final class ConsoleRunner {
    public private(set) var state: AppState
    private let backend: TerminalBackend
    private let environment: ConsoleEnvironment
    private var lastFrame: Frame?
    private var lastDrawnState: AppState?
    /// How long one wait for input may take; the clock is re-read after each.
    public var pollMilliseconds = 200
    /// Keys already waiting (a paste) are taken together, up to this many,
    /// before one frame is drawn and one draft written.
    public var inputBatch = 512
    /// The newest draft asked for since the last write (.some(nil): remove it).
    private var pendingDraft: [String: String]??

    public init(state: AppState, backend: TerminalBackend, environment: ConsoleEnvironment) {
        self.state = state
        self.backend = backend
        self.environment = environment
        self.state.size = backend.size
        self.state.theme = state.theme.adapted(to: backend.capability)
    }

    /// Runs until the officer quits or a signal asks to stop.
    public func run() {
        draw()
        while state.isRunning {
            step(timeoutMilliseconds: pollMilliseconds)
        }
        flushDraft()
    }

    /// One turn of the loop: at most one input event, then the clock.
    public func step(timeoutMilliseconds: Int) {
        if environment.stopRequested() {
            dispatch(.terminate)
            return
        }
        var timeout = timeoutMilliseconds
        for _ in 0..<inputBatch {
            guard let event = backend.nextEvent(timeoutMilliseconds: timeout) else { break }
            if case .resize = event { backend.invalidate() }
            dispatch(.input(event))
            timeout = 0
            if !state.isRunning { break }
        }
        // The draft is on disk before the frame that shows what was typed.
        flushDraft()
        if let summary = environment.pollStation(), summary != state.station {
            dispatch(.stationChanged(summary))
        }
        let inbox = environment.pollInbox(state.operatorName)
        if !inbox.isEmpty { dispatch(.inboxProcessed(inbox)) }
        if let duty = environment.pollDuty(), duty != state.duty {
            dispatch(.dutyChanged(duty))
        }
        let now = environment.clock.now()
        if Int(now.timeIntervalSince1970) != Int(state.now.timeIntervalSince1970) {
            dispatch(.tick(now))
        }
        draw()
    }

    public func dispatch(_ action: Action) {
        var pending = [action]
        while !pending.isEmpty {
            let effects = reduce(&state, pending.removeFirst())
            // Writes asked for by one action stand on each other (a warning, then its
            // acknowledgement): after one fails, the rest of them are not written.
            var writeFailed = false
            for effect in effects {
                switch effect {
                case .loadTheme(let name):
                    let (theme, problem) = environment.loadTheme(name)
                    pending.append(.themeLoaded(theme.adapted(to: backend.capability), problem: problem))
                case .bell:
                    backend.bell()
                case .acknowledgeForks:
                    environment.acknowledgeForks()
                case .syncNow:
                    environment.syncNow()
                case .recordIntake(let intake, let operatorName):
                    switch environment.recordIntake(intake, operatorName) {
                    case .success(let id):
                        pending.append(.intakeRecorded(id: id))
                        if let duty = environment.pollDuty() { pending.append(.dutyChanged(duty)) }
                    case .failure(let failure):
                        pending.append(.recordFailed(failure.reason))
                    }
                case .saveIntakeDraft(let values):
                    pendingDraft = .some(values)
                case .discardIntakeDraft:
                    pendingDraft = .some(nil)
                case .record(let draft, let operatorName, let confirmation):
                    guard !writeFailed else { continue }
                    if let failure = environment.record(draft, operatorName) {
                        writeFailed = true
                        pending.append(.recordFailed(failure))
                    } else {
                        pending.append(.recorded(confirmation))
                        // Show what was just written without waiting for the file watcher.
                        if let duty = environment.pollDuty() { pending.append(.dutyChanged(duty)) }
                    }
                }
            }
        }
    }

    /// Writes the newest draft asked for, once for a whole burst of keys. A
    /// failure is said on the message line with the bell (the form itself stays).
    public func flushDraft() {
        guard let draft = pendingDraft else { return }
        pendingDraft = nil
        if let problem = environment.saveDraft(draft) { dispatch(.recordFailed(problem)) }
    }

    /// Renders and presents a frame if anything visible changed. Views are
    /// pure functions of the state, so an unchanged state needs no render.
    public func draw() {
        guard state.isRunning, state != lastDrawnState else { return }
        lastDrawnState = state
        let frame = RootView.render(state)
        guard frame != lastFrame else { return }
        lastFrame = frame
        backend.present(frame.buffer, cursor: frame.cursor)
    }
}
