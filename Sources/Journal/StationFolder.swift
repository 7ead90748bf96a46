import Crypto
import Foundation
import SafeText
import TOMLKit
#if canImport(Glibc)
import Glibc
#endif

/// A station's folder (DESIGN.md §3): where each file lives.
public struct StationPaths: Sendable {
    public let root: String

    public init(root: String) { self.root = root }

    func join(_ parts: String...) -> String { ([root] + parts).joined(separator: "/") }
    public var config: String { join("station.toml") }
    public var keys: String { join("keys") }
    public var privateKey: String { join("keys", "station.key") }
    public var publicKey: String { join("keys", "station.pub") }
    public var journal: String { join("journal") }
    public var trust: String { join("trust") }
    public var inbox: String { join("inbox") }
    public var quarantine: String { join("quarantine") }
    public var cache: String { join("cache") }
    public func feed(_ id: StationID) -> String { join("journal", "\(id).log") }
    public func lock(_ id: StationID) -> String { join("journal", "\(id).lock") }
    /// Where a feed's position is remembered (see `FeedPosition`).
    public func position(_ id: StationID) -> String { join("cache", "feed-\(id).position") }
}

public struct StationError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// A station's identity and settings, read from its folder.
public struct StationFolder: Sendable {
    public let paths: StationPaths
    public let id: StationID
    public var name: String
    /// Short code used in incident ids (TZ-20261123-004).
    public var code: String
    public var jurisdiction: String
    public var timeZone: TimeZone
    /// A drill (演练) station: writing under `--now` (a clock that is not the
    /// real one) is allowed here and nowhere else (`drill = true` in station.toml,
    /// set by `zhiban init --drill`; the demo station is one).
    public var isDrill = false
    /// Folders the console syncs with in the background (`sync_folders` in station.toml).
    public var syncFolders: [String] = []
    /// Seconds between background syncs (`sync_interval_seconds`, default 30).
    public var syncInterval: TimeInterval = 30
    /// Raw Ed25519 private key (kept as bytes: Crypto's key type is not Sendable).
    private let privateKey: [UInt8]
    public let publicKey: [UInt8]

    init(paths: StationPaths, id: StationID, name: String, code: String, jurisdiction: String, timeZone: TimeZone,
         signingKey: Curve25519.Signing.PrivateKey) {
        self.paths = paths
        self.id = id
        self.name = name
        self.code = code
        self.jurisdiction = jurisdiction
        self.timeZone = timeZone
        self.privateKey = Array(signingKey.rawRepresentation)
        self.publicKey = Array(signingKey.publicKey.rawRepresentation)
    }

    /// The one-line public key others pass to `zhiban trust add`.
    public var publicKeyLine: String {
        "zhiban-station \(id) ed25519:\(Data(publicKey).base64EncodedString()) \(name)"
    }

    func sign(_ message: [UInt8]) throws -> [UInt8] {
        Array(try makeSigningKey().signature(for: message))
    }

    /// The private key as Crypto's type (a writer keeps it for all its records).
    func makeSigningKey() throws -> Curve25519.Signing.PrivateKey {
        try Curve25519.Signing.PrivateKey(rawRepresentation: privateKey)
    }

    /// Creates a new station in `root`: folders (0700), an Ed25519 key pair
    /// (private key 0600), an empty journal and station.toml, written last so a
    /// half-made station is never mistaken for a whole one.
    public static func create(at root: String, name: String, code: String, jurisdiction: String = "",
                              timeZone: TimeZone = TimeZone(identifier: "Asia/Shanghai")!, drill: Bool = false) throws -> StationFolder {
        let paths = StationPaths(root: root)
        if FileSystem.exists(paths.config) {
            throw StationError("\(paths.config): a station already exists here; nothing was changed (use another --data folder)")
        }
        // Without station.toml but with keys or a journal, this is a station whose settings were lost,
        // not an empty folder: a new key would leave its journal unwritable for ever.
        let held = [paths.privateKey, paths.publicKey].filter(FileSystem.exists)
            + ((try? FileManager.default.contentsOfDirectory(atPath: paths.journal)) ?? []).filter { $0.hasSuffix(".log") }.map { paths.journal + "/" + $0 }
        if !held.isEmpty {
            throw StationError("\(root): holds a station's keys or journal (\(held.prefix(3).joined(separator: ", "))) but no readable station.toml; nothing was changed. Restore station.toml from a backup (it names the station's id, name and code), or use another --data folder")
        }
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        for dir in [paths.keys, paths.journal, paths.trust, paths.inbox, paths.inbox + "/done", paths.inbox + "/rejected",
                    paths.quarantine, paths.cache] {
            try FileSystem.makeDirectory(dir)
        }
        let key = Curve25519.Signing.PrivateKey()
        var station = StationFolder(paths: paths, id: StationID(publicKey: Array(key.publicKey.rawRepresentation)),
                              name: name, code: code, jurisdiction: jurisdiction, timeZone: timeZone, signingKey: key)
        station.isDrill = drill
        try FileSystem.writeAtomically(Array((key.rawRepresentation.base64EncodedString() + "\n").utf8), to: paths.privateKey, mode: 0o600)
        try FileSystem.writeAtomically(Array((station.publicKeyLine + "\n").utf8), to: paths.publicKey, mode: 0o644)
        let feed = paths.feed(station.id)
        if !FileSystem.exists(feed) {
            try FileSystem.writeAtomically(FeedHeader(publicKey: station.publicKey).encoded, to: feed, mode: 0o600)
        }
        try FileSystem.writeAtomically(Array(station.configTOML.utf8), to: paths.config, mode: 0o600)
        return station
    }

    var configTOML: String {
        let table = TOMLTable()
        table["id"] = id.description
        table["name"] = name
        table["code"] = code
        table["jurisdiction"] = jurisdiction
        table["timezone"] = timeZone.identifier
        if isDrill { table["drill"] = true }
        return "# Zhiban station settings. The id belongs to the key in keys/; do not edit it.\n" + table.convert(to: .toml) + "\n"
    }

    /// Opens the station in `root`, checking that its key and id agree.
    public static func open(at root: String) throws -> StationFolder {
        let paths = StationPaths(root: root)
        guard let data = FileManager.default.contents(atPath: paths.config) else {
            if FileSystem.exists(paths.privateKey) || FileSystem.exists(paths.publicKey) {
                throw StationError("\(paths.config): missing or unreadable, but this folder holds a station's keys; restore station.toml from a backup (a new `zhiban init` here is refused: it would replace the key)")
            }
            throw StationError("\(paths.config): no station here; create one with `zhiban init --name NAME --data \(root)` or try `zhiban demo`")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw StationError("\(paths.config): not UTF-8 text; restore it from a backup")
        }
        let table: TOMLTable
        do { table = try TOMLTable(string: text) } catch let e as TOMLParseError {
            throw StationError("\(paths.config) line \(e.source.begin.line): \(e.description); fix the line and try again")
        }
        guard let idText = table["id"]?.string, let id = StationID(idText) else {
            throw StationError("\(paths.config): `id` missing or not 16 hex digits")
        }
        guard let keyData = FileManager.default.contents(atPath: paths.privateKey),
              let keyText = String(data: keyData, encoding: .utf8),
              let raw = Data(base64Encoded: keyText.trimmingCharacters(in: .whitespacesAndNewlines)),
              let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: raw) else {
            throw StationError("\(paths.privateKey): the station key is missing or unreadable; restore keys/ from a backup")
        }
        let derived = StationID(publicKey: Array(key.publicKey.rawRepresentation))
        guard derived == id else {
            throw StationError("\(paths.config): id \(id) does not belong to the key in keys/ (which is station \(derived)); restore the matching keys/ folder")
        }
        // A zone this system does not know is said, not silently replaced (every deadline is read in it).
        var zone = TimeZone(identifier: "Asia/Shanghai")!
        if let value = table["timezone"] {
            guard let name = value.string, let known = TimeZone(identifier: name) else {
                let shown = String(TextSafety.printable(value.string ?? "\(value)").prefix(60))
                throw StationError("\(paths.config): timezone \"\(shown)\" is not a time zone this system knows; write one like \"Asia/Shanghai\"")
            }
            zone = known
        }
        var station = StationFolder(paths: paths, id: id, name: table["name"]?.string ?? "",
                              code: table["code"]?.string ?? "ZB", jurisdiction: table["jurisdiction"]?.string ?? "",
                              timeZone: zone, signingKey: key)
        if let folders = table["sync_folders"] {
            guard let array = folders.array, array.allSatisfy({ $0.string != nil }) else {
                throw StationError("\(paths.config): sync_folders must be a list of folder paths, e.g. sync_folders = [\"/media/usb/zhiban\"]")
            }
            station.syncFolders = array.compactMap(\.string)
        }
        if let drill = table["drill"] {
            guard let value = drill.bool else {
                throw StationError("\(paths.config): drill must be true or false")
            }
            station.isDrill = value
        }
        if let interval = table["sync_interval_seconds"] {
            guard let seconds = interval.int, seconds >= 5 else {
                throw StationError("\(paths.config): sync_interval_seconds must be a whole number of seconds, at least 5")
            }
            station.syncInterval = TimeInterval(seconds)
        }
        return station
    }
}
