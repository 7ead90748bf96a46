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
    static let version: UInt16 = 9
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
    /// Read a piece at a time (`CacheFile.withReader`): at a million events
    /// the file is a few hundred megabytes, not held beside the state.
    /// `logText`: told the positions, false to step over the duty log's text (see `DutyStation.readsLogText`).
    static func load(_ path: String, station: StationID, logText: ([FeedPosition]) -> Bool = { _ in true }) -> Result<StateSnapshot, Problem> {
        let result = CacheFile.withReader(path, kind: kind, version: version, station: station) { reader -> Result<StateSnapshot, Problem> in
            let d = SnapshotDecoder(length: reader.payloadLength, source: reader.read(into:))
            do {
                let feeds = Int(try d.u32())
                guard feeds <= 1 << 16, feeds * FeedPosition.encodedLength <= reader.payloadLength else {
                    return .failure(.undecodable("a feed count of \(feeds)"))
                }
                var positions: [FeedPosition] = []
                for i in 0..<feeds {
                    let bytes = try d.raw(count: FeedPosition.encodedLength)
                    guard let position = bytes.withUnsafeBytes({ FeedPosition.decode($0) }) else {
                        return .failure(.undecodable("position \(i + 1) is malformed"))
                    }
                    positions.append(position)
                }
                d.skipsLogText = !logText(positions)
                let state = try d.decodeValue(DutyState.self)
                try d.finish()
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

    /// Written as it is encoded, a few megabytes at a time.
    func save(_ path: String, station: StationID) throws {
        var head: [UInt8] = []
        withUnsafeBytes(of: UInt32(positions.count).littleEndian) { head.append(contentsOf: $0) }
        for position in positions { head += position.encoded }
        try CacheFile.write(to: path, kind: Self.kind, version: Self.version, station: station) { write in
            try SnapshotCoding.encode(state, prefix: head, to: write)
        }
    }
}
