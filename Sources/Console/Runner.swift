import Foundation
import Station
import DutyModel
import TerminalUI

/// What the shell provides the console to carry out effects.
/// Everything runs on the console's one thread, so these closures need not be Sendable.
public struct ConsoleEnvironment {
    public var clock: any WallClock
    public var loadTheme: (String) -> (Theme, ThemeProblem?)
    /// True once SIGTERM/SIGHUP asked the console to stop.
    public var stopRequested: () -> Bool
    /// The station: writes are submitted to it and run on its thread; its
    /// results and changes are drained every turn. Nil: no station is open.
    public var station: StationLink?
    /// Called every turn of the loop: a summary when something the station
    /// link does not report changed (tests). Must not block.
    public var pollStation: () -> StationSummary?
    /// Records that the officer saw the current fork alarms (when no station link does).
    public var acknowledgeForks: () -> Void
    /// Asks the background sync to run now.
    public var syncNow: () -> Void = {}
    /// Keeps the intake form's fields durably on disk (nil: remove the draft);
    /// returns why it could not (naming the file), nil once done.
    public var saveDraft: ([String: String]?) -> String? = { _ in nil }
    /// Keeps the handover's unsaved notes on disk (`["id": …, "text": …]`, nil removes them); returns a problem.
    public var saveHandoverDraft: ([String: String]?) -> String? = { _ in nil }
    /// Keeps the dialogs' drafts on disk (`DialogDraft.encode`, nil removes them); returns a problem.
    public var saveDialogDrafts: ([String: String]?) -> String? = { _ in nil }

    public init(clock: any WallClock,
                loadTheme: @escaping (String) -> (Theme, ThemeProblem?),
                stopRequested: @escaping () -> Bool = { false },
                station: StationLink? = nil,
                pollStation: @escaping () -> StationSummary? = { nil },
                acknowledgeForks: @escaping () -> Void = {}) {
        self.clock = clock
        self.loadTheme = loadTheme
        self.stopRequested = stopRequested
        self.station = station
        self.pollStation = pollStation
        self.acknowledgeForks = acknowledgeForks
    }
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
    private var pendingHandoverDraft: [String: String]??
    private var pendingDialogDrafts: [String: String]??

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
        finishPendingWrites()
    }

    /// Failures of writes that were still on their way when the console quit,
    /// in the officer's language, for the shell to print once the terminal is restored.
    public private(set) var lateFailures: [String] = []

    /// Waits for writes still on the station's thread (each at most the lock's
    /// wait), so quitting never drops one silently: a failure is kept in `lateFailures`.
    public func finishPendingWrites() {
        guard let link = environment.station else { return }
        link.settle()
        for action in link.drain() {
            if case .writeFailed(let failure) = action {
                lateFailures.append(OutcomeText.writeFailure(failure, language: state.language))
            }
            _ = reduce(&state, action)
        }
    }

    /// One turn of the loop: at most one input event, then the clock.
    public func step(timeoutMilliseconds: Int) {
        if environment.stopRequested() {
            dispatch(.terminate)
            return
        }
        var timeout = timeoutMilliseconds
        var burst: [InputEvent] = []
        while burst.count < inputBatch, let event = backend.nextEvent(timeoutMilliseconds: timeout) {
            burst.append(event)
            timeout = 0
        }
        Self.pastes(in: burst, acceptsText: { state.acceptsText }) { event in
            if case .resize = event { backend.invalidate() }
            dispatch(.input(event))
            return state.isRunning
        }
        takeStationResults()
        // The draft is on disk before the frame that shows what was typed.
        flushDraft()
        if let summary = environment.pollStation(), summary != state.station {
            dispatch(.stationChanged(summary))
        }
        let now = environment.clock.now()
        if Int(now.timeIntervalSince1970) != Int(state.now.timeIntervalSince1970) {
            dispatch(.tick(now))
        }
        draw()
    }

    /// Keys that arrive together in one burst — already waiting when the first
    /// is read, as a paste in a terminal without bracketed paste sends them —
    /// while a text field has focus stay in the field (#17 §5): in a burst of
    /// `burstKeys` keys or more, an Enter with more keys after it is a pasted
    /// line break (handed over as a paste, so it is never "save" and the text
    /// after it is never commands). An Enter that ends the burst is a key (text
    /// typed quickly, then Enter); every other key is handed over as it came.
    /// `dispatch` returns false once the console should stop taking input.
    static let burstKeys = 3

    @discardableResult
    static func pastes(in burst: [InputEvent], acceptsText: () -> Bool, dispatch: (InputEvent) -> Bool) -> [InputEvent] {
        var handed: [InputEvent] = []
        for (i, event) in burst.enumerated() {
            var event = event
            if burst.count >= burstKeys, i < burst.count - 1, event == .key(KeyPress(.enter)), acceptsText() {
                event = .paste("\n")
            }
            handed.append(event)
            guard dispatch(event) else { break }
        }
        return handed
    }

    /// Results of writes and changes the station thread sent since the last turn.
    public func takeStationResults() {
        guard let link = environment.station else { return }
        link.setOperator(state.operatorName)
        for action in link.drain() {
            if case .stationChanged(let summary) = action, summary == state.station { continue }
            if case .dutyChanged(let duty) = action, duty == state.duty { continue }
            dispatch(action)
        }
    }

    public func dispatch(_ action: Action) {
        var pending = [action]
        while !pending.isEmpty {
            let effects = reduce(&state, pending.removeFirst())
            // Writes asked for by one action stand on each other (a warning, then its
            // acknowledgement): they go to the station as one request, which stops at
            // the first failure. Nothing here waits for them.
            var writes: [StationRequest] = []
            for effect in effects {
                switch effect {
                case .loadTheme(let name):
                    let (theme, problem) = environment.loadTheme(name)
                    pending.append(.themeLoaded(theme.adapted(to: backend.capability), problem: problem))
                case .bell:
                    backend.bell()
                case .acknowledgeForks:
                    if let link = environment.station { link.submit([.acknowledgeForks]) } else { environment.acknowledgeForks() }
                case .syncNow:
                    environment.syncNow()
                case .recordIntake(let intake, let operatorName):
                    writes.append(.recordIntake(intake, operatorName: operatorName))
                case .saveIntakeDraft(let values):
                    pendingDraft = .some(values)
                case .saveHandoverDraft(let values):
                    pendingHandoverDraft = .some(values)
                case .saveDialogDrafts(let values):
                    pendingDialogDrafts = .some(values)
                case .discardIntakeDraft:
                    pendingDraft = .some(nil)
                case .record(let draft, let operatorName, let confirmation):
                    writes.append(.record(draft, operatorName: operatorName, confirmation: confirmation))
                case .resource(let request, let operatorName, let confirmation):
                    writes.append(.resource(request, operatorName: operatorName, confirmation: confirmation))
                case .handover(let request, let operatorName, let confirmation):
                    writes.append(.handover(request, operatorName: operatorName, confirmation: confirmation))
                case .requestHandoverReport(let slot):
                    environment.station?.submit([.handoverReport(slot)])
                case .requestDailyReport(let end):
                    environment.station?.submit([.dailyReport(end)])
                }
            }
            if !writes.isEmpty {
                if let link = environment.station {
                    pending.append(.writeSubmitted)
                    link.submit(writes)
                } else {
                    pending.append(.recordFailed(OutcomeText.noStation(state.language)))
                }
            }
        }
    }

    /// Writes the newest draft asked for, once for a whole burst of keys. A
    /// failure is said on the message line with the bell (the form itself stays).
    public func flushDraft() {
        if let dialogs = pendingDialogDrafts {
            pendingDialogDrafts = nil
            if let problem = environment.saveDialogDrafts(dialogs) { dispatch(.recordFailed(problem)) }
        }
        if let notes = pendingHandoverDraft {
            pendingHandoverDraft = nil
            if let problem = environment.saveHandoverDraft(notes) { dispatch(.recordFailed(problem)) }
        }
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
