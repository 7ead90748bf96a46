import Journal

/// Files a replication tool keeps in a sync folder beside the feeds (#18).
/// Syncthing marks the folder with `.stfolder`, may keep `.stignore` and
/// `.stversions/`, downloads into `.syncthing.<name>.tmp` (`~syncthing~<name>.tmp`
/// on Windows) and renames it into place, and when two sides changed a file
/// at once keeps the loser as `<stem>.sync-conflict-<date>-<time>-<device>.<ext>`.
/// rsync writes into `.<name>.<random>`; macOS leaves `.DS_Store` and `._<name>`.
public enum ReplicationFiles {
    /// A tool's own bookkeeping, passed over without a word: every hidden
    /// name (a feed is never hidden) and Syncthing's Windows temporary files.
    public static func isBookkeeping(_ name: String) -> Bool {
        name.hasPrefix(".") || (name.hasPrefix("~syncthing~") && name.hasSuffix(".tmp"))
    }

    /// The station whose feed `name` is a Syncthing conflict copy of
    /// (`<16 hex>.sync-conflict-….log`, or a conflict copy of a conflict copy).
    public static func conflictCopy(_ name: String) -> StationID? {
        guard name.hasSuffix(".log"), let marker = name.range(of: ".sync-conflict-") else { return nil }
        return StationID(String(name[..<marker.lowerBound]))
    }
}
