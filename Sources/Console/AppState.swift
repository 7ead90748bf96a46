import DutyModel
import Station
import Foundation
import TerminalUI

/// Everything the console shows, as plain values. Views read it; only
/// `reduce` changes it.
public struct AppState: Equatable, Sendable {
    public static let minimumSize = Size(width: 60, height: 16)

    public var screen: Screen = .board
    public var language: Language
    public var theme: Theme
    public var size: Size
    public var now: Date
    public var timeZone: TimeZone
    public var stationName: String
    public var overlay: Overlay?
    /// The help overlay (`?`, or `Ctrl-G` anywhere, forms and dialogs included): drawn over
    /// everything, the screen's dialog or form kept as it was beneath it.
    public var helpShown = false
    public var message: Message?
    public var isRunning = true
    /// What the console knows of its station's journal.
    public var station: StationSummary?
    /// The folded station: roster, contacts, log, incidents …
    public var duty: DutySnapshot = .empty
    /// Who operates the console: from --operator, then whoever the last
    /// check-in of this station chose. Every event written carries it.
    public var operatorName: String
    /// The check-in whose operator was adopted, so a later one is noticed.
    public var adoptedCheckIn: Stamp?
    /// The shift the operator was chosen for; at the next shift it falls back
    /// to `launchOperator` until that shift checks in.
    public var operatorSlot: ShiftSlot?
    /// --operator (or $USER) as the console was started.
    public var launchOperator: String
    public var contacts = ContactsScreenState()
    public var resources = ResourcesScreenState()
    public var map = MapScreenState()
    public var handover = HandoverScreenState()
    public var log = LogScreenState()
    public var incidents = IncidentsScreenState()
    public var warnings = WarningsScreenState()
    /// Red and orange warning messages already rung for, so each rings once
    /// (the banner stays until one is acknowledged).
    public var announcedWarnings: Set<String> = []
    /// The intake form while one is open (kept when the officer switches
    /// screens, so nothing typed is lost).
    public var intake: IntakeForm?
    /// Report deadlines already announced ("id|kind|soon" / "id|kind|overdue"),
    /// so each alert rings once.
    public var announcedDeadlines: Set<String> = []
    /// The console runs on a clock that is not the real one (`--now`, only on
    /// a drill station): the status bar says DRILL on every screen.
    public var drill = false
    /// Opening the station: how far its first fold has come (the status line says so).
    public var opening: FoldProgress?
    /// When report clocks were last looked at, for which fold: clocks due before then were announced then.
    public var reportClocksLook: ReportClocksLook?
    /// `:mute` silences the bell of report alerts (the alert still shows).
    public var bellMuted = false
    /// Free text typed into dialogs and not saved, by dialog (`DialogDraft.key`): back when
    /// the same dialog opens again, kept on disk against a crash (#23).
    public var dialogDrafts: [String: KeptDraft] = [:]
    /// The texts the open dialog started with: it is a draft while its texts differ.
    public var dialogBaseline: [String]?
    /// The dialog whose write is on its way: its draft goes when the write is durable.
    public var savingDraftKey: String?
    /// That dialog's draft as it was handed to the write: gone once the write is durable
    /// (unless typed over since), back if the write fails; not offered to a dialog opened meanwhile.
    public var savingDraft: KeptDraft?
    /// An unsaved intake found on disk at start, until resumed or discarded.
    public var resumableDraft: [String: String]?
    /// Writes handed to the station and not yet durable: the screen says
    /// "saving…" while there are any.
    public var pendingWrites = 0
    /// The dialog that asked for the writes pending, while it is open: it takes
    /// no keys until their result (no second save of the same entry, nothing
    /// typed into a dialog whose result is on its way); Esc leaves it.
    public var savingOverlay: Overlay?
    /// The intake form asked for the write pending: it takes no keys until the
    /// result (F-keys still switch screens).
    public var savingIntake = false

    public init(language: Language, theme: Theme, size: Size, now: Date,
                timeZone: TimeZone, stationName: String, operatorName: String = "") {
        self.operatorName = operatorName
        self.launchOperator = operatorName
        self.language = language
        self.theme = theme
        self.size = size
        self.now = now
        self.timeZone = timeZone
        self.stationName = stationName
    }

    public var isTooSmall: Bool {
        size.width < Self.minimumSize.width || size.height < Self.minimumSize.height
    }
}

/// The station's journal as the console shows it: how much is in it and
/// whether it can be written to. Filled by the shell, which owns the files.
public struct StationSummary: Equatable, Sendable {
    public var recordCount: Int
    /// Why the station is read-only (file, byte offset, what), nil when writable.
    public var readOnlyReason: String?
    /// Torn tails cut back into quarantine when the console opened the journal.
    public var recoveries: [String]
    /// Configured sync folders and how they are doing.
    public var syncFolders: [SyncFolderSummary]
    /// Forks seen during sync that no officer has acknowledged yet.
    public var unacknowledgedForks: [String]

    public init(recordCount: Int, readOnlyReason: String? = nil, recoveries: [String] = [],
                syncFolders: [SyncFolderSummary] = [], unacknowledgedForks: [String] = []) {
        self.recordCount = recordCount
        self.readOnlyReason = readOnlyReason
        self.recoveries = recoveries
        self.syncFolders = syncFolders
        self.unacknowledgedForks = unacknowledgedForks
    }
}

public struct SyncFolderSummary: Equatable, Sendable {
    public var folder: String
    public var lastSynced: Date?
    public var unreachableSince: Date?

    public init(folder: String, lastSynced: Date?, unreachableSince: Date?) {
        self.folder = folder
        self.lastSynced = lastSynced
        self.unreachableSince = unreachableSince
    }
}

extension AppState {
    /// A text field has focus (a dialog or form with free text, the command line, the
    /// intake form): where a paste goes. Elsewhere a character is a command.
    var acceptsText: Bool {
        switch overlay {
        case .command, .logEntry, .incidentAction, .warningEntry, .resourceAction: return true
        case nil: return screen == .intake
        default: return false
        }
    }
}

public enum Overlay: Equatable, Sendable {
    case command(TextFieldState)
    case checkIn(CheckInDialog)
    case mode(ModeDialog)
    case logEntry(LogEntryDialog)
    /// The full text of one duty-log entry, by its event id; `scroll`: the first row
    /// shown (every detail view scrolls, see `DetailView`).
    case logDetail(String, scroll: Int = 0)
    /// Everything about one incident, by its id.
    case incidentDetail(String, scroll: Int = 0)
    /// An action on an incident (report, update, grade, status, note, reopen).
    case incidentAction(IncidentActionDialog)
    /// At start: an unsaved intake was found; resume it or discard it?
    case resumeDraft
    /// Everything about one warning chain, by its chain key.
    case warningDetail(String, scroll: Int = 0)
    /// The dissemination checklist of one warning chain.
    case dissemination(DisseminationDialog)
    /// A warning received by phone or fax, or an update of one.
    case warningEntry(WarningEntryForm)
    /// "Cancel this warning?" for a chain key.
    case cancelWarning(String)
    /// Everything about one registry object and its history, by its entry key ("team:T01").
    case resourceDetail(String, scroll: Int = 0)
    /// Dispatch a team, a team's or shelter's status, issue or return items.
    case resourceAction(ResourceActionDialog)
    /// The handover's free notes (#21).
    case handoverNotes(HandoverNotesDialog)
    /// Sign (outgoing) or accept (incoming) a handover.
    case handoverSign(HandoverSignDialog)
    /// The past handovers.
    case handoverHistory(HandoverHistoryDialog)
}

public struct Message: Equatable, Sendable {
    /// `alert`: a report falling due or overdue — shown in the overdue style.
    public enum Kind: Sendable { case info, error, alert }
    public var text: UIText
    public var kind: Kind

    public init(_ text: UIText, kind: Kind = .info) {
        self.text = text
        self.kind = kind
    }
}

/// Something that happened, for `reduce` to fold into the state.
public enum Action: Equatable, Sendable {
    case input(InputEvent)
    case tick(Date)
    case themeLoaded(Theme, problem: ThemeProblem?)
    /// The journal changed (another process appended, or it was found damaged).
    case stationChanged(StationSummary)
    /// The folded station changed.
    case dutyChanged(DutySnapshot)
    /// How far opening the station (its first fold, its snapshot) has come; nil when done.
    case stationProgress(FoldProgress?)
    /// An event the console asked for is on disk.
    case recorded(UIText)
    /// Writing it failed; nothing was written (the reason names the file).
    case recordFailed(String)
    /// A write the station refused or could not do; nothing was written.
    case writeFailed(WriteFailure)
    /// A resource action the station refused (a team on another task, too few
    /// items, above capacity): the dialog says why and may ask to confirm.
    case resourceRefused(ResourceRefusal)
    /// A handover step the station refused (not signed yet, already accepted, not rostered).
    case handoverRefused(HandoverRefusal)
    /// The report of a past shift, asked for from the history (#21).
    case handoverReportMade(HandoverReport)
    /// A write was handed to the station's thread: "saving…" until its result.
    case writeSubmitted
    /// Every write of one submission has its result (durable or failed).
    case writeSettled
    /// The intake is on disk as incident `id`.
    case intakeRecorded(id: String)
    /// Files dropped into the station's inbox/ were taken (imported or rejected).
    case inboxProcessed([InboxResult])
    /// SIGTERM, SIGHUP or the terminal going away.
    case terminate
}

/// Work for the shell to do outside the pure core; its result comes back as an Action.
public enum Effect: Equatable, Sendable {
    case loadTheme(String)
    case bell
    /// The officer has seen the fork alarm (the peer stays frozen).
    case acknowledgeForks
    /// Sync with the configured folders now rather than at the next interval.
    case syncNow
    /// Append an event as `operatorName`; on success say `confirmation`.
    case record(EventDraft, operatorName: String, confirmation: UIText)
    /// Write a new incident from the intake form; the shell picks its id
    /// under the journal's lock and answers `.intakeRecorded` or `.recordFailed`.
    case recordIntake(Intake, operatorName: String)
    /// Keep the intake form's fields on disk (the newest of a burst is enough).
    case saveIntakeDraft([String: String])
    /// The intake was saved or discarded: its draft goes.
    case discardIntakeDraft
    /// Keep the dialogs' drafts on disk (nil: there are none).
    case saveDialogDrafts([String: String]?)
    /// Keep the handover's unsaved notes on disk (nil: they were saved, the draft goes).
    case saveHandoverDraft([String: String]?)
    /// A resource action, checked by the station under its append lock.
    case resource(ResourceRequest, operatorName: String, confirmation: UIText)
    /// A handover step, checked by the station under its append lock.
    case handover(HandoverRequest, operatorName: String, confirmation: UIText)
    /// The report of a past shift, made on the station thread.
    case requestHandoverReport(ShiftSlot)
    /// The daily duty report for the 24 hours to the date, made on the station thread.
    case requestDailyReport(Date)
}

/// See `AppState.reportClocksLook`.
public struct ReportClocksLook: Equatable, Sendable {
    public var generation: Int
    public var at: Date
}
