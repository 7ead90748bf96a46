import Console
import DutyModel
import Foundation
import Station
import TerminalUI

/// The real console loop on a memory terminal with a manual clock: type keys,
/// advance time, read the screen.
public final class ConsoleHarness {
    public let backend: MemoryBackend
    public let clock: ManualClock
    public let runner: ConsoleRunner
    /// Every draft the console wrote, in order (nil: it removed the draft).
    public private(set) var drafts: [[String: String]?] = []
    /// Every handover-notes draft the console wrote, in order (nil: it removed it).
    public private(set) var handoverDrafts: [[String: String]?] = []
    /// Every write of the dialogs' drafts, in order (nil: none left).
    public private(set) var dialogDraftWrites: [[String: String]?] = []
    /// When set, the next draft write fails with this reason.
    public var failNextDraft: String?

    public init(size: Size = Size(width: 80, height: 24), language: Language = .en, theme: String = "default",
                now: String = "2026-11-23T14:05:00+08:00", stationName: String = "泰州市应急管理局总值班室",
                capability: ColorCapability = .colors256, extraThemeDirectories: [String] = [],
                pollStation: @escaping () -> StationSummary? = { nil },
                acknowledgeForks: @escaping () -> Void = {},
                station: TempStation? = nil, operatorName: String = "", draftOnDisk: [String: String]? = nil,
                handoverNotesOnDisk: (id: String, text: String)? = nil, dialogDraftsOnDisk: [String: String]? = nil) {
        backend = MemoryBackend(size: size, capability: capability)
        clock = ManualClock(now)
        // Extra folders are searched first, as the station's own themes/ is.
        let catalog = ThemeCatalog(directories: extraThemeDirectories + [TestPaths.themesDirectory])
        var state = AppState(language: language, theme: catalog.load(theme).theme, size: size, now: clock.now(),
                             timeZone: DutyTime.defaultTimeZone, stationName: stationName, operatorName: operatorName)
        if let draftOnDisk {
            // As the launcher does when it finds drafts/intake.json.
            state.resumableDraft = draftOnDisk
            state.overlay = .resumeDraft
        }
        // As the launcher does when it finds drafts/handover.json.
        state.handover.unsavedNotes = handoverNotesOnDisk
        // As the launcher does when it finds drafts/dialogs.json.
        if let dialogDraftsOnDisk { state.dialogDrafts = DialogDraft.decode(dialogDraftsOnDisk) }
        station?.attach(clock)
        var environment = ConsoleEnvironment(clock: clock, loadTheme: { catalog.load($0) }, station: station?.link,
                                             pollStation: pollStation, acknowledgeForks: acknowledgeForks)
        var saved: (([String: String]?) -> String?)?
        environment.saveDraft = { saved?($0) ?? nil }
        var savedNotes: (([String: String]?) -> Void)?
        environment.saveHandoverDraft = { savedNotes?($0); return nil }
        var savedDialogs: (([String: String]?) -> Void)?
        environment.saveDialogDrafts = { savedDialogs?($0); return nil }
        runner = ConsoleRunner(state: state, backend: backend, environment: environment)
        savedDialogs = { [unowned self] in self.dialogDraftWrites.append($0) }
        saved = { [unowned self] in
            if let failure = self.failNextDraft {
                self.failNextDraft = nil
                return failure
            }
            self.drafts.append($0)
            return nil
        }
        savedNotes = { [unowned self] in self.handoverDrafts.append($0) }
        // One turn so the station's fold is on screen before the first look.
        runner.step(timeoutMilliseconds: 0)
        runner.draw()
    }

    public var state: AppState { runner.state }
    public var screen: ScreenBuffer { backend.frame! }
    public var lines: [String] { screen.lines }

    /// Sends key presses one at a time through the run loop.
    public func press(_ keys: Key...) { press(keys.map { KeyPress($0) }) }

    public func press(_ presses: KeyPress...) { press(presses) }

    public func press(_ presses: [KeyPress]) {
        for p in presses {
            backend.enqueue([.key(p)])
            runner.step(timeoutMilliseconds: 0)
        }
    }

    /// Types text character by character, as a terminal (or input method) delivers it.
    public func type(_ text: String) { press(text.map { KeyPress(.char($0)) }) }

    /// Delivers text all at once, as a terminal delivers a paste: the loop
    /// takes the waiting keys in batches and draws once per batch.
    public func paste(_ text: String) {
        backend.enqueue(text.map { .key(KeyPress(.char($0))) })
        while backend.pendingEvents > 0 { runner.step(timeoutMilliseconds: 0) }
    }

    /// Delivers keys all at once, already waiting when the loop reads the
    /// first, as a terminal without bracketed paste delivers a paste.
    public func burst(_ keys: [Key]) {
        backend.enqueue(keys.map { .key(KeyPress($0)) })
        while backend.pendingEvents > 0 { runner.step(timeoutMilliseconds: 0) }
    }

    /// Delivers text as a terminal with bracketed paste marks it (one paste event).
    public func bracketedPaste(_ text: String) {
        backend.enqueue([.paste(text)])
        while backend.pendingEvents > 0 { runner.step(timeoutMilliseconds: 0) }
    }

    /// Opens the command line, types `command` and presses Enter.
    public func command(_ command: String) {
        type(":" + command)
        press(.enter)
    }

    public func resize(to size: Size) {
        backend.resize(to: size)
        runner.step(timeoutMilliseconds: 0)
    }

    public func advance(seconds: TimeInterval) {
        clock.advance(by: seconds)
        runner.step(timeoutMilliseconds: 0)
    }
}
