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

@Suite struct FeedCopyRefreshTests {
    @Test func refreshReadsOnlyNewRecordsAndWaitsOutAPartialOne() throws {
        let s = try TempStation()
        try s.appendNotes(2)
        let copy = try FeedCopy(path: s.feedPath, header: FeedHeader(publicKey: s.station.publicKey))
        #expect(copy.records.count == 2)
        #expect(try copy.refresh() == 0)
        try s.appendNotes(3, from: 3)
        #expect(try copy.refresh() == 3)
        #expect(copy.lastSequence == 5)
        let whole = s.bytes
        s.bytes = whole + [0x90, 0x00, 0x00]  // a write in progress
        #expect(try copy.refresh() == 0)
        #expect(copy.validEnd == whole.count)
        s.bytes = whole
        try s.appendNotes(1, from: 6)
        #expect(try copy.refresh() == 1)
        #expect(copy.records.map(\.sequence) == [1, 2, 3, 4, 5, 6])
    }
}
