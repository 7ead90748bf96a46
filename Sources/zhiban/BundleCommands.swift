import ArgumentParser
import Foundation
import Journal
import Sync

/// `zhiban import FILE…`: bundles now; CAP, CSV and JSON Lines come with their issues.
struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Import files: journal bundles (from export --bundle). Per file: imported / rejected with reason; exit 3 if any rejected.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("Files to import.", valueName: "FILE"))
    var files: [String]

    func run() throws {
        let station: Station
        do { station = try global.openStation() } catch { throw fail(error) }
        var rejected = false
        for file in files {
            guard let data = FileManager.default.contents(atPath: file) else {
                printNow("\(file): rejected: cannot be read")
                rejected = true
                continue
            }
            let bytes = [UInt8](data)
            guard SyncBundle.isBundle(bytes) else {
                printNow("\(file): rejected: not a Zhiban bundle; CAP, CSV and JSON Lines import are not built yet")
                rejected = true
                continue
            }
            do {
                let report = try SyncBundle.importBundle(bytes, into: station, path: file)
                let count = report.peers.reduce(0) { $0 + $1.recordsIn }
                printNow("\(file): imported \(count) records")
                for peer in report.peers where !peer.rejected.isEmpty || !peer.notes.isEmpty { printNow("  \(peer)") }
                for problem in report.problems { printNow("  problem: \(problem)") }
                if report.hasRejections || !report.problems.isEmpty { rejected = true }
            } catch {
                printNow("\(file): rejected: \(error)")
                rejected = true
            }
        }
        if rejected { throw Exit.badInput }
    }
}

enum BundleExport {
    /// `--since`: a peer's `zhiban status --json` file, or `ID:SEQ,ID:SEQ`.
    static func knownState(_ text: String) throws -> SyncBundle.KnownState {
        var known: SyncBundle.KnownState = [:]
        if let data = FileManager.default.contents(atPath: text) {
            guard let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
                throw ValidationError("--since \(text): not a `zhiban status --json` file")
            }
            if let own = (json["station"] as? [String: Any])?["id"] as? String, let id = StationID(own) { known[id] = .max }
            for peer in json["peers"] as? [[String: Any]] ?? [] {
                if let idText = peer["id"] as? String, let id = StationID(idText), let records = peer["records"] as? Int {
                    known[id] = UInt64(records)
                }
            }
            return known
        }
        for part in text.split(separator: ",") {
            let pieces = part.split(separator: ":")
            guard pieces.count == 2, let id = StationID(String(pieces[0])), let seq = UInt64(pieces[1]) else {
                throw ValidationError("--since: \"\(part)\" is not ID:SEQ (16 hex digits, a colon, a number) and no such file exists")
            }
            known[id] = seq
        }
        return known
    }

    static func write(station: Station, to path: String, since: String?) throws {
        let known = try since.map(knownState)
        let bundle = try SyncBundle.make(station: station, since: known)
        let temp = path + ".tmp-\(getpid())"
        try Data(bundle.bytes).write(to: URL(fileURLWithPath: temp))
        guard rename(temp, path) == 0 else { throw SyncError("\(path): cannot be written") }
        printNow("\(path): \(bundle.records) records of \(bundle.feeds) station\(bundle.feeds == 1 ? "" : "s")")
    }
}
