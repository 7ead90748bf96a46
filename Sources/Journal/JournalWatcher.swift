import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Tells the console that files in a folder changed (another process appended
/// to a feed, a sync pulled records, a file landed in the inbox). Uses inotify
/// and falls back to comparing sizes and modification times when inotify is
/// unavailable (some network and FUSE file systems).
public final class FolderWatcher {
    public let paths: [String]
    private var inotifyFD: Int32 = -1
    private struct Stamp: Equatable { var size: Int; var modified: Int }
    private var lastSeen: [String: [String: Stamp]] = [:]
    public private(set) var usesPolling = false

    /// `forcePolling` skips inotify (for tests of the fallback).
    public init(paths: [String], forcePolling: Bool = false) {
        self.paths = paths
        let fd = forcePolling ? -1 : inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        if fd >= 0 {
            let mask = UInt32(IN_MODIFY | IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | IN_DELETE | IN_ATTRIB)
            var ok = true
            for path in paths where inotify_add_watch(fd, path, mask) < 0 { ok = false }
            if ok { inotifyFD = fd } else { close(fd) }
        }
        if inotifyFD < 0 {
            usesPolling = true
            for path in paths { lastSeen[path] = snapshot(path) }
        }
    }

    deinit { if inotifyFD >= 0 { close(inotifyFD) } }

    /// True if anything changed since the last call. Never blocks.
    public func hasChanges() -> Bool {
        if inotifyFD >= 0 {
            var changed = false
            var buffer = [UInt8](repeating: 0, count: 4096)
            while true {
                let n = buffer.withUnsafeMutableBytes { read(inotifyFD, $0.baseAddress, $0.count) }
                if n <= 0 { break }
                changed = true
            }
            return changed
        }
        var changed = false
        for path in paths {
            let now = snapshot(path)
            if lastSeen[path] == now { continue }
            lastSeen[path] = now
            changed = true
        }
        return changed
    }

    private func snapshot(_ path: String) -> [String: Stamp] {
        var result: [String: Stamp] = [:]
        for name in (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? [] {
            var st = stat()
            if stat(path + "/" + name, &st) == 0 {
                result[name] = Stamp(size: Int(st.st_size), modified: Int(st.st_mtim.tv_sec) * 1_000_000_000 + Int(st.st_mtim.tv_nsec))
            }
        }
        return result
    }
}
