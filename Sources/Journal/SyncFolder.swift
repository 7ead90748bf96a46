import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A sync folder, which anyone with the drive or the share may have filled:
/// opened once, and every entry opened relative to it (`openat`) with
/// `O_NOFOLLOW | O_NONBLOCK` and checked with `fstat` after opening, for
/// reading and for writing. A symbolic link is never followed (so nothing
/// outside the folder is read or written through one), a FIFO never blocks,
/// a directory or device is never taken for a feed: each is refused with an
/// error that names the entry and what it is.
public final class SyncFolder {
    public let path: String
    private let fd: Int32

    /// What stands at a name in the folder (not following a link).
    public enum Entry: Equatable, Sendable, CustomStringConvertible {
        case missing
        case regular(size: Int)
        case symbolicLink
        case fifo
        case directory
        case other

        public var description: String {
            switch self {
            case .missing: "missing"
            case .regular: "a regular file"
            case .symbolicLink: "a symbolic link, not followed"
            case .fifo: "a FIFO (named pipe), not opened"
            case .directory: "a directory"
            case .other: "not a regular file (a device or socket)"
            }
        }
    }

    /// Why an entry could not be used.
    public struct Refused: Error, CustomStringConvertible, Sendable {
        public var name: String
        public var entry: Entry
        public var description: String { "\(name) in the sync folder is \(entry): skipped; remove or rename it" }
        public init(name: String, entry: Entry) {
            self.name = name
            self.entry = entry
        }
    }

    public init(path: String) throws {
        self.path = path
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw FileError(path: path, operation: "open folder", code: errno) }
        self.fd = fd
    }

    deinit { close(fd) }

    /// The names in the folder (what stands at each is not looked at).
    public func names() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted()
    }

    public func entry(_ name: String) -> Entry {
        var st = stat()
        guard fstatat(fd, name, &st, AT_SYMLINK_NOFOLLOW) == 0 else { return .missing }
        return Self.kind(st)
    }

    static func kind(_ st: stat) -> Entry {
        switch st.st_mode & S_IFMT {
        case S_IFREG: .regular(size: Int(st.st_size))
        case S_IFLNK: .symbolicLink
        case S_IFIFO: .fifo
        case S_IFDIR: .directory
        default: .other
        }
    }

    /// Opens `name` (never through a link, never blocking), a regular file only.
    private func openRegular(_ name: String, flags: Int32) throws -> (file: PosixFile, size: Int) {
        guard !name.contains("/") else { throw Refused(name: name, entry: .other) }
        do {
            let file = try RegularFile(name, in: fd, shownAs: path + "/" + name, flags: flags, followLinks: false)
            return (file.file, file.size)
        } catch let refused as RegularFile.NotRegular {
            throw Refused(name: name, entry: refused.entry)
        }
    }

    /// The size of the regular file `name`, nil when nothing stands there.
    public func size(_ name: String) throws -> Int? {
        if case .missing = entry(name) { return nil }
        return try openRegular(name, flags: O_RDONLY).size
    }

    /// At most `count` bytes of the regular file `name` from `offset`.
    public func read(_ name: String, at offset: Int, count: Int) throws -> [UInt8] {
        let (file, size) = try openRegular(name, flags: O_RDONLY)
        let upTo = min(count, max(0, size - offset))
        return try file.read(at: offset, count: upTo)
    }

    /// Writes `bytes` at `offset` into the regular file `name` (not O_APPEND:
    /// two stations publishing the same feed write the same bytes to the same
    /// place) and syncs it.
    public func write(_ bytes: [UInt8], to name: String, at offset: Int) throws {
        let (file, _) = try openRegular(name, flags: O_WRONLY)
        try file.write(bytes, at: offset)
        try file.sync()
    }

    /// Removes the regular file `name` (never what a link points to: the link
    /// itself is not a regular file and is refused).
    public func remove(_ name: String) throws {
        guard !name.contains("/") else { throw Refused(name: name, entry: .other) }
        let existing = entry(name)
        guard case .regular = existing else { throw Refused(name: name, entry: existing) }
        guard unlinkat(fd, name, 0) == 0 else { throw FileError(path: path + "/" + name, operation: "remove", code: errno) }
        _ = fsync(fd)
    }

    /// Creates `name` with `bytes` through a temp file of our own and a rename
    /// inside the folder, so a reader never sees a half-written file. Only
    /// where nothing or a regular file stands.
    public func create(_ bytes: [UInt8], named name: String) throws {
        let existing = entry(name)
        if existing != .missing, case .regular = existing {} else if existing != .missing {
            throw Refused(name: name, entry: existing)
        }
        let temp = name + ".tmp-\(getpid())"
        unlinkat(fd, temp, 0)
        let opened = openat(fd, temp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard opened >= 0 else { throw FileError(path: path + "/" + temp, operation: "create", code: errno) }
        do {
            let file = PosixFile(adopting: opened, path: path + "/" + temp)
            try file.write(bytes, at: 0)
            try file.sync()
        } catch {
            unlinkat(fd, temp, 0)
            throw error
        }
        guard renameat(fd, temp, fd, name) == 0 else {
            let code = errno
            unlinkat(fd, temp, 0)
            throw FileError(path: path + "/" + name, operation: "rename", code: code)
        }
        _ = fsync(fd)
    }
}

/// A file opened as a regular file only: never blocking (a FIFO is refused,
/// not waited on), through a symbolic link only when asked, and checked with
/// `fstat` after it is open (so what was checked is what is read). The one
/// way files from outside (a sync folder, inbox/, `zhiban import`) are opened.
public final class RegularFile {
    let file: PosixFile
    /// Its size when opened.
    public let size: Int

    /// What stood at the path instead of a regular file.
    public struct NotRegular: Error, CustomStringConvertible, Sendable {
        public var path: String
        public var entry: SyncFolder.Entry
        public var description: String { "\(path) is \(entry)" }
    }

    /// Opens `path` for reading; throws `NotRegular` or a `FileError`.
    public convenience init(path: String, followLinks: Bool) throws {
        try self.init(path, in: AT_FDCWD, shownAs: path, flags: O_RDONLY, followLinks: followLinks)
    }

    init(_ name: String, in directory: Int32, shownAs shown: String, flags: Int32, followLinks: Bool) throws {
        let opened = openat(directory, name, flags | O_NONBLOCK | O_CLOEXEC | (followLinks ? 0 : O_NOFOLLOW))
        guard opened >= 0 else {
            let code = errno
            // ELOOP: a link (O_NOFOLLOW); ENXIO: a FIFO nobody writes to; EISDIR: a directory opened to write.
            if code == ELOOP || code == ENXIO || code == EISDIR {
                var st = stat()
                let entry = fstatat(directory, name, &st, AT_SYMLINK_NOFOLLOW) == 0 ? SyncFolder.kind(st) : .other
                throw NotRegular(path: shown, entry: entry)
            }
            throw FileError(path: shown, operation: "open", code: code)
        }
        let file = PosixFile(adopting: opened, path: shown)
        var st = stat()
        guard fstat(opened, &st) == 0 else { throw FileError(path: shown, operation: "stat", code: errno) }
        guard case .regular(let size) = SyncFolder.kind(st) else { throw NotRegular(path: shown, entry: SyncFolder.kind(st)) }
        // Reads and writes of a regular file never block anyway; the flag is cleared for clarity.
        _ = fcntl(opened, F_SETFL, fcntl(opened, F_GETFL) & ~O_NONBLOCK)
        self.file = file
        self.size = size
    }

    /// At most `count` bytes from `offset` (fewer at the end of the file).
    public func read(at offset: Int, count: Int) throws -> [UInt8] {
        try file.read(at: offset, count: max(0, min(count, size - offset)))
    }
}
