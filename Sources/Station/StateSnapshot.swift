import DutyModel
import Foundation
import Journal

/// The folded state kept in cache/state.snapshot, so an open folds only what
/// the feeds gained since (DESIGN §7).
///
/// It holds, for every feed folded in, the position read up to, and the state
/// in `SnapshotCoding`'s binary form, inside a `CacheFile` (magic, kind,
/// format version, station, CRC32C; written to a temp file and renamed). The
/// journal stays the truth: a snapshot is used only when every position still
/// holds in its feed (the record there read back and checked, signature
/// included) and every feed it covers still counts; otherwise the state is
/// folded again from the feeds and the reason is given, never a guess.
struct StateSnapshot {
    static let kind = "state"
    /// Goes up whenever `DutyState` or its encoding changes shape.
    static let version: UInt16 = 1
    static let fileName = "state.snapshot"

    var positions: [FeedPosition]
    var state: DutyState

    /// Why a snapshot was not used.
    enum Problem: Error, CustomStringConvertible {
        case file(CacheFile.Problem)
        case undecodable(String)
        case positionGone(StationID)
        case feedNoLongerCounts(StationID)

        var description: String {
            switch self {
            case .file(.missing): "there is none yet"
            case .file(let problem): "the file is \(problem)"
            case .undecodable(let why): "it cannot be read (\(why))"
            case .positionGone(let id): "feed \(id) no longer holds the records it was made from (repaired or replaced)"
            case .feedNoLongerCounts(let id): "feed \(id) no longer counts (its key left trust/ or its copy is gone)"
            }
        }
    }

    static func path(_ paths: StationPaths) -> String { paths.cache + "/" + fileName }

    /// The snapshot at `path` for `station`, if intact and of this format.
    static func load(_ path: String, station: StationID) -> Result<StateSnapshot, Problem> {
        let result = CacheFile.withPayload(path, kind: kind, version: version, station: station) { payload -> Result<StateSnapshot, Problem> in
            guard payload.count >= 4 else { return .failure(.undecodable("too short")) }
            let feeds = Int(payload.loadUnaligned(as: UInt32.self).littleEndian)
            let stateStart = 4 + feeds * FeedPosition.encodedLength
            guard feeds <= 1 << 16, stateStart <= payload.count else { return .failure(.undecodable("a feed count of \(feeds)")) }
            var positions: [FeedPosition] = []
            for i in 0..<feeds {
                let at = 4 + i * FeedPosition.encodedLength
                guard let position = FeedPosition.decode(UnsafeRawBufferPointer(rebasing: payload[at..<(at + FeedPosition.encodedLength)])) else {
                    return .failure(.undecodable("position \(i + 1) is malformed"))
                }
                positions.append(position)
            }
            do {
                let state = try SnapshotCoding.decode(DutyState.self, from: UnsafeRawBufferPointer(rebasing: payload[stateStart...]))
                return .success(StateSnapshot(positions: positions, state: state))
            } catch {
                return .failure(.undecodable("\(error)"))
            }
        }
        switch result {
        case .success(let inner): return inner
        case .failure(let problem): return .failure(.file(problem))
        }
    }

    func save(_ path: String, station: StationID) throws {
        var payload: [UInt8] = []
        withUnsafeBytes(of: UInt32(positions.count).littleEndian) { payload.append(contentsOf: $0) }
        for position in positions { payload += position.encoded }
        try SnapshotCoding.encode(state, appendingTo: &payload)
        try CacheFile.write(payload, to: path, kind: Self.kind, version: Self.version, station: station)
    }
}
