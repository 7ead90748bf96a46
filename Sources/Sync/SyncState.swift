import DutyModel
import Foundation
import Journal

/// When each folder and each peer last synced, kept in `sync-state.json` in
/// the station folder (information only: losing it loses no record).
public struct SyncStateStore: Sendable {
    public let path: String

    public init(station: StationFolder) { path = station.paths.root + "/sync-state.json" }

    struct Contents: Codable {
        var folders: [String: FolderRecord] = [:]
        var peers: [String: String] = [:]
    }

    struct FolderRecord: Codable {
        var lastSynced: String?
        var unreachableSince: String?
    }

    private func load() -> Contents {
        guard let data = FileManager.default.contents(atPath: path),
              let contents = try? JSONDecoder().decode(Contents.self, from: data) else { return Contents() }
        return contents
    }

    private func save(_ contents: Contents) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        guard let data = try? encoder.encode(contents) else { return }
        try? data.write(to: URL(fileURLWithPath: path), options: .atomic)
    }

    /// Records a sync: the folder was reached, and which peers exchanged records.
    public func recordSuccess(folder: String, report: SyncReport, now: Date) {
        var contents = load()
        let stamp = DutyTime.formatISO8601(now)
        contents.folders[folder] = FolderRecord(lastSynced: stamp, unreachableSince: nil)
        for peer in report.peers where peer.recordsIn > 0 || peer.recordsOut > 0 || peer.rejected.isEmpty {
            contents.peers[peer.id] = stamp
        }
        save(contents)
    }

    public func recordUnreachable(folder: String, now: Date) {
        var contents = load()
        var record = contents.folders[folder] ?? FolderRecord()
        if record.unreachableSince == nil { record.unreachableSince = DutyTime.formatISO8601(now) }
        contents.folders[folder] = record
        save(contents)
    }

    /// Per peer id, when it last exchanged records (one read of the file).
    public func lastSyncs() -> [String: String] { load().peers }
}

/// One configured folder as the console shows it.
public struct FolderSyncStatus: Hashable, Sendable {
    public var folder: String
    public var lastSynced: Date?
    public var unreachableSince: Date?
}

/// Syncs with the station's configured folders on a background thread: every
/// interval, and soon after `requestSync()` (an own append). The console
/// thread only reads `statuses`; typing never waits for a slow or missing drive.
public final class BackgroundSync: @unchecked Sendable {
    private let station: StationFolder
    private let now: @Sendable () -> Date
    private let lock = NSLock()
    private var current: [String: FolderSyncStatus]
    private let wake = DispatchSemaphore(value: 0)
    private var stopped = false
    private var thread: Thread?

    public init(station: StationFolder, now: @escaping @Sendable () -> Date) {
        self.station = station
        self.now = now
        current = Dictionary(uniqueKeysWithValues: station.syncFolders.map { ($0, FolderSyncStatus(folder: $0)) })
    }

    public var statuses: [FolderSyncStatus] {
        lock.lock(); defer { lock.unlock() }
        return station.syncFolders.compactMap { current[$0] }
    }

    public func start() {
        guard !station.syncFolders.isEmpty, thread == nil else { return }
        let t = Thread { [weak self] in self?.loop() }
        t.name = "zhiban-sync"
        thread = t
        t.start()
    }

    public func requestSync() { wake.signal() }

    public func stop() {
        lock.lock(); stopped = true; lock.unlock()
        wake.signal()
    }

    private var isStopped: Bool { lock.lock(); defer { lock.unlock() }; return stopped }

    private func loop() {
        let engine = SyncEngine(station: station)
        let store = SyncStateStore(station: station)
        while !isStopped {
            for folder in station.syncFolders where !isStopped {
                let instant = now()
                var status = FolderSyncStatus(folder: folder)
                do {
                    let report = try engine.sync(folder: folder, now: instant)
                    store.recordSuccess(folder: folder, report: report, now: instant)
                    status.lastSynced = instant
                } catch {
                    store.recordUnreachable(folder: folder, now: instant)
                    lock.lock()
                    status = current[folder] ?? status
                    lock.unlock()
                    if status.unreachableSince == nil { status.unreachableSince = instant }
                }
                lock.lock(); current[folder] = status; lock.unlock()
            }
            _ = wake.wait(timeout: .now() + station.syncInterval)
        }
    }
}
