import Crypto
import Foundation
import Journal

/// A peer station's public key as exchanged between duty rooms:
/// `zhiban-station <id> ed25519:<base64> <name>` (what `zhiban key` prints).
public struct PeerKey: Hashable, Sendable {
    public var id: StationID
    public var publicKey: [UInt8]
    public var name: String

    public var line: String { "zhiban-station \(id) ed25519:\(Data(publicKey).base64EncodedString()) \(name)" }

    /// Reads a key line; the id must be the one the key derives.
    public static func parse(_ text: String) -> Result<PeerKey, SyncError> {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let parts = trimmed.split(separator: " ", maxSplits: 3, omittingEmptySubsequences: true).map(String.init)
        guard parts.count >= 3, parts[0] == "zhiban-station" else {
            return .failure(SyncError("not a station key line; expected `zhiban-station <id> ed25519:<key> <name>` as `zhiban key` prints it"))
        }
        guard let claimed = StationID(parts[1]) else { return .failure(SyncError("station id \"\(parts[1].prefix(20))\" is not 16 hex digits")) }
        guard parts[2].hasPrefix("ed25519:"), let raw = Data(base64Encoded: String(parts[2].dropFirst(8))), raw.count == 32,
              (try? Curve25519.Signing.PublicKey(rawRepresentation: raw)) != nil else {
            return .failure(SyncError("the key is not an Ed25519 public key in base64 (ed25519:…)"))
        }
        let derived = StationID(publicKey: Array(raw))
        guard derived == claimed else {
            return .failure(SyncError("the line claims station \(claimed) but the key belongs to station \(derived); ask the peer for its `zhiban key` again"))
        }
        return .success(PeerKey(id: claimed, publicKey: Array(raw), name: parts.count > 3 ? parts[3] : ""))
    }
}

public struct SyncError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// The station's trusted peers (trust/<id>.pub) and frozen peers (trust/<id>.frozen).
public struct TrustStore: Sendable {
    public let folder: String

    public init(station: StationFolder) { folder = station.paths.trust }
    public init(folder: String) { self.folder = folder }

    public func add(_ key: PeerKey) throws {
        try Data((key.line + "\n").utf8).write(to: URL(fileURLWithPath: "\(folder)/\(key.id).pub"), options: .atomic)
    }

    public var peers: [PeerKey] {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".pub") }.sorted()
        return names.compactMap { name in
            guard let data = FileManager.default.contents(atPath: "\(folder)/\(name)"),
                  case .success(let key) = PeerKey.parse(String(decoding: data, as: UTF8.self)) else { return nil }
            return key
        }
    }

    /// The trusted key of `id`: one file read (callers ask per feed, per sync).
    public func key(for id: StationID) -> PeerKey? {
        guard let data = FileManager.default.contents(atPath: "\(folder)/\(id).pub"),
              case .success(let key) = PeerKey.parse(String(decoding: data, as: UTF8.self)), key.id == id else { return nil }
        return key
    }

    /// Why the peer is frozen (a fork was seen), or nil.
    public func frozenReason(_ id: StationID) -> String? {
        FileManager.default.contents(atPath: "\(folder)/\(id).frozen").map { String(decoding: $0, as: UTF8.self) }
    }

    /// A peer frozen after a fork, with why, and whether an officer acknowledged the alarm.
    public struct Frozen: Hashable, Sendable {
        public var id: StationID
        public var reason: String
        public var acknowledged: Bool
    }

    /// Every frozen peer (trust/<id>.frozen), in id order: the one listing that
    /// `verify`, `status`, `trust list` and the console's fork alarm all use.
    public var frozen: [Frozen] {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".frozen") }.sorted()
        return names.compactMap { name in
            guard let id = StationID(String(name.dropLast(".frozen".count))),
                  let data = FileManager.default.contents(atPath: "\(folder)/\(name)") else { return nil }
            return Frozen(id: id, reason: String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines),
                          acknowledged: FileManager.default.fileExists(atPath: "\(folder)/\(name).ack"))
        }
    }

    /// Marks every fork alarm as seen by an officer (trust/<id>.frozen.ack); the peer stays frozen.
    public func acknowledgeForks(at time: String) {
        for peer in frozen where !peer.acknowledged {
            try? Data("acknowledged \(time)\n".utf8).write(to: URL(fileURLWithPath: "\(folder)/\(peer.id).frozen.ack"))
        }
    }

    public func freeze(_ id: StationID, reason: String) throws {
        try Data((reason + "\n").utf8).write(to: URL(fileURLWithPath: "\(folder)/\(id).frozen"), options: .atomic)
    }
}
