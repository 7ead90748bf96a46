import ConsoleTestSupport
import Console
import DutyModel
import Foundation
import Testing
import TerminalUI
#if canImport(Glibc)
import Glibc
#endif

/// Writes run on the station's thread: a key pressed while the append lock is
/// held by another process is handled and drawn at once, and the screen says
/// "saving…" until the write is durable.
@Suite(.serialized) struct SlowWriteTests {
    @Test func aKeyDuringAHeldAppendLockIsHandledAtOnce() throws {
        // Another process holds the append lock.
        let (station, h, lock, before) = try Self.noteWhileLocked("市气象台来电")
        // Enter came back with the write still waiting on the lock (no timing asserted:
        // had the loop waited, the write would be done and nothing pending).
        #expect(h.state.pendingWrites == 1)
        #expect(h.lines.contains { $0.contains("saving") }, "the screen says saving… while the write waits")
        // Keys go on being handled and drawn while the write waits.
        h.press(.escape, .char("1"))
        #expect(h.state.screen == .board)
        #expect(h.lines[0].contains("Board") && h.state.pendingWrites == 1, "drawn while the lock is still held")
        #expect(station.events.count == before, "nothing is on disk while the lock is held")
        // The other process lets go: the write goes through and is said.
        lock.release()
        station.link.settle()
        h.advance(seconds: 0)
        #expect(h.state.pendingWrites == 0)
        #expect(station.events.count == before + 1)
        #expect(!h.lines.contains { $0.contains("saving") })
    }

    /// A console whose station's append lock another process holds, with a duty-log note
    /// `text` entered (its write waiting on the lock); the events on disk before it.
    static func noteWhileLocked(_ text: String) throws -> (TempStation, ConsoleHarness, HeldLock, Int) {
        let station = TempStation(asynchronous: true)
        let h = ConsoleHarness(station: station, operatorName: "王芳")
        let lock = try HeldLock(station)
        let before = station.events.count
        h.press(.char("6"), .char("n"))
        h.type(text)
        h.press(.enter)
        return (station, h, lock, before)
    }

    /// Holds the station's append lock as another process would; `release` lets go.
    final class HeldLock: Sendable {
        let fd: Int32
        init(_ station: TempStation) throws {
            fd = open(station.station.paths.lock(station.station.id), O_RDWR | O_CREAT, 0o600)
            try #require(fd >= 0)
            #expect(flock(fd, LOCK_EX) == 0)
        }
        func release() {
            flock(fd, LOCK_UN)
            close(fd)
        }
    }

    @Test func enterPressedAgainWhileSavingWritesOnce() throws {
        let (station, h, lock, before) = try Self.noteWhileLocked("市气象台来电")
        // The officer, seeing nothing happen, presses Enter again and types on.
        h.press(.enter, .char("x"), .enter)
        guard case .logEntry(let dialog) = h.state.overlay else {
            Issue.record("the dialog closed before its write was durable")
            return
        }
        #expect(dialog.text.text == "市气象台来电", "nothing is typed into a dialog whose write is on its way")
        lock.release()
        station.link.settle()
        h.advance(seconds: 0)
        #expect(station.events.count == before + 1, "one entry, not two")
        #expect(h.state.overlay == nil)
        #expect(h.state.pendingWrites == 0)
    }

    @Test func aResultArrivingLaterLeavesAnotherDialogAlone() throws {
        let (station, h, lock, _) = try Self.noteWhileLocked("第一条")
        // Esc leaves the saving dialog; the officer starts the next entry.
        h.press(.escape, .char("n"))
        h.type("第二条")
        lock.release()
        station.link.settle()
        h.advance(seconds: 0)
        guard case .logEntry(let dialog) = h.state.overlay else {
            Issue.record("the first entry's result closed the second entry's dialog")
            return
        }
        #expect(dialog.text.text == "第二条")
        #expect(station.decoded.compactMap { $0 as? Zhiban_Events_V1_LogEntryAdded }.map(\.text) == ["第一条"])
    }

    /// #23: Esc left a dialog whose write was on its way (the next dialog opened is fresh:
    /// `aResultArrivingLaterLeavesAnotherDialogAlone`); when the write fails, its text is that
    /// dialog's draft again, not lost.
    @Test func aWriteFailingAfterEscLeftItsDialogKeepsTheTextAsItsDraft() throws {
        let station = TempStation(asynchronous: true)
        let h = ConsoleHarness(station: station, operatorName: "王芳")
        let lock = try HeldLock(station)
        station.failNextWrite = "journal/x.log: No space left on device"
        h.press(.char("6"), .char("n"))
        h.type("第一条")
        h.press(.enter, .escape)
        #expect(h.state.overlay == nil)
        lock.release()
        station.link.settle()
        h.advance(seconds: 0)
        #expect(h.lines.joined().contains("No space left"))
        #expect(h.state.dialogDrafts["log|note"]?.texts.contains("第一条") == true)
        h.press(.char("n"))
        guard case .logEntry(let back) = h.state.overlay else {
            Issue.record("the dialog did not open")
            return
        }
        #expect(back.text.text == "第一条", "the failed write's text is back, not lost")
    }

    @Test func quittingWaitsForAWriteOnItsWay() throws {
        let (station, h, lock, before) = try Self.noteWhileLocked("交班前最后一条")
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.3) { lock.release() }
        h.runner.finishPendingWrites()
        #expect(station.events.count == before + 1)
        #expect(h.state.pendingWrites == 0)
        #expect(h.runner.lateFailures.isEmpty)
    }
}
