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
        let station = TempStation(asynchronous: true)
        let h = ConsoleHarness(station: station, operatorName: "王芳")
        // Another process holds the append lock.
        let lockPath = station.station.paths.lock(station.station.id)
        let fd = open(lockPath, O_RDWR | O_CREAT, 0o600)
        try #require(fd >= 0)
        #expect(flock(fd, LOCK_EX) == 0)
        let before = station.events.count
        h.press(.char("6"), .char("n"))
        h.type("市气象台来电")
        let pressed = ContinuousClock.now
        h.press(.enter)
        #expect(ContinuousClock.now - pressed < .milliseconds(500), "Enter did not wait on the lock")
        #expect(h.state.pendingWrites == 1)
        #expect(h.lines.contains { $0.contains("saving") }, "the screen says saving… while the write waits")
        // Keys go on being handled and drawn while the write waits.
        let moved = ContinuousClock.now
        h.press(.escape, .char("1"))
        #expect(ContinuousClock.now - moved < .milliseconds(500))
        #expect(h.state.screen == .board)
        #expect(station.events.count == before, "nothing is on disk while the lock is held")
        // The other process lets go: the write goes through and is said.
        flock(fd, LOCK_UN)
        close(fd)
        station.link.settle()
        h.advance(seconds: 0)
        #expect(h.state.pendingWrites == 0)
        #expect(station.events.count == before + 1)
        #expect(!h.lines.contains { $0.contains("saving") })
    }
}
