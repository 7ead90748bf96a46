import Foundation
import Testing
@testable import Journal

/// The console learns of appends by other processes through this watcher:
/// inotify, or comparing sizes and times when inotify is unavailable.
@Suite struct FolderWatcherTests {
    @Test(arguments: [false, true])
    func seesAnAppendByAnotherWriterAndNothingElse(forcePolling: Bool) throws {
        let s = try TempStation()
        let watcher = FolderWatcher(paths: [s.station.paths.journal], forcePolling: forcePolling)
        #expect(watcher.usesPolling == forcePolling)
        #expect(!watcher.hasChanges(), "nothing happened yet")
        // Another "process": a separate Journal object appending to the same feed.
        try s.appendNotes(1)
        #expect(watcher.hasChanges())
        #expect(!watcher.hasChanges(), "a change is reported once")
        try s.appendNotes(1, from: 2)
        #expect(watcher.hasChanges())
    }

    @Test func refreshReadsOnlyWhatOthersAppended() throws {
        let s = try TempStation()
        let reader = try s.journal()
        #expect(try !reader.refresh(now: TempStation.t0))
        try s.appendNotes(3)
        #expect(try reader.refresh(now: TempStation.t0))
        #expect(reader.lastSequence == 3)
        // A write in progress (a partial record) is not cut by a reader without the lock.
        s.bytes = s.bytes + [0x90, 0x00]
        #expect(try !reader.refresh(now: TempStation.t0))
        #expect(reader.lastSequence == 3 && !reader.isReadOnly)
        #expect(s.quarantineFiles.isEmpty)
    }
}
