import ArgumentParser
import Foundation
import Journal
import Station
import Console
import Sync

/// `zhiban import FILE…`: bundles, CAP warnings and roster/contacts CSV.
struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Import files: CAP 1.2 warnings (.xml), journal bundles (from export --bundle), roster and contacts CSV. Per file: imported / skipped duplicate / rejected with reason; exit 3 if any rejected.",
        discussion: """
            CAP (a file named .xml, or beginning with <?xml or <alert): one warning message; a message already held (same \
            sender, identifier and sent) is skipped, an Ack or Error is skipped as not a warning, a file that is not valid \
            CAP is rejected with every problem, each naming the element.
            CSV (UTF-8, with or without BOM): the kind comes from --kind or from the header (日期/date: roster; 姓名/name: contacts).
            Contacts: id/编号, name/姓名, unit/单位, title/职务, role/角色, office/办公电话, mobile/手机, radio/电台,
            satellite/卫星电话, backup/AB角/B角, notes/备注. Roster: date/日期 (yyyy-MM-dd), shift/班次 (default 0),
            leader/带班领导, leader2/值班领导2/二级带班, officers/值班员, backups/B角 (names separated by 、 , or ;).
            A file with any bad row writes nothing; rows equal to what the station holds are not written again.
            """)

    @OptionGroup var global: GlobalOptions
    @Option(help: ArgumentHelp("What CSV files hold (default: detected from the header).", valueName: "roster|contacts"))
    var kind: CSVKindArgument?
    @Argument(help: ArgumentHelp("Files to import.", valueName: "FILE"))
    var files: [String]

    func run() throws {
        let station: DutyStation
        do { station = try global.openStation("import") } catch { throw global.fail(error) }
        let operatorName = global.operatorName(for: station)
        let language = global.language
        var rejected = false
        for file in files {
            let bytes: [UInt8]
            switch ImportFile.read(file) {
            case .success(.bundle(let opened)):
                do {
                    let report = try station.importBundle(from: SyncBundle.Source(file: opened), path: file, now: global.clock().now())
                    let count = report.peers.reduce(0) { $0 + $1.recordsIn }
                    printNow(CommandText.bundleImported(file: file, records: count).text(language))
                    for peer in report.peers where !peer.rejected.isEmpty || !peer.notes.isEmpty { printNow("  \(peer)") }
                    for problem in report.problems { printNow("  " + CommandText.problem(problem).text(language)) }
                    if report.hasRejections || !report.problems.isEmpty { rejected = true }
                } catch {
                    printNow(CommandText.rejected(file: file, reason: "\(error)").text(language))
                    rejected = true
                }
                continue
            case .failure(.unreadable):
                printNow(CommandText.rejectedUnreadable(file: file).text(language))
                rejected = true
                continue
            case .failure(let refusal):
                printNow(CommandText.rejected(file: file, reason: "\(refusal)").text(language))
                rejected = true
                continue
            case .success(.whole(let read)):
                bytes = read
            }
            let data = Data(bytes)
            let now = global.clock().now()
            if DutyStation.looksLikeCAP(name: file, bytes: bytes) {
                do {
                    let outcome = try station.importCAP(bytes, languages: ["zh-CN", language == .en ? "en-US" : "zh-CN"],
                                                       operatorName: operatorName, now: now)
                    for line in OutcomeText.warningImport(file: file, outcome, rules: station.rules, language: language) { printNow(line) }
                    if case .rejected = outcome { rejected = true }
                } catch { throw global.fail(error) }
                continue
            }
            do {
                let outcome = try station.importCSV(data, file: file, kind: kind?.kind, operatorName: operatorName, now: now)
                for line in OutcomeText.csvImport(file: file, outcome, language: language) { printNow(line) }
                if case .rejected = outcome { rejected = true }
            } catch { throw global.fail(error) }
        }
        if rejected { throw Exit.badInput }
    }
}

/// `--kind` of `zhiban import`.
enum CSVKindArgument: String, ExpressibleByArgument, CaseIterable {
    case roster, contacts, teams, depots, stock, shelters, fire_stations, hazards, monitors, equipment
    var kind: CSVKind { CSVKind(rawValue: rawValue)! }
}

enum BundleExport {
    /// `--since`: a peer's `zhiban status --json` file, or `ID:SEQ,ID:SEQ`.
    static func knownState(_ text: String) throws -> SyncBundle.KnownState {
        var known: SyncBundle.KnownState = [:]
        if let data = FileManager.default.contents(atPath: text) {
            // The parts of `status --json` that say what a peer holds.
            struct PeerState: Decodable {
                struct Station: Decodable { var id: String }
                struct Peer: Decodable { var id: String; var records: UInt64 }
                var station: Station
                var peers: [Peer]
            }
            guard let json = try? JSONDecoder().decode(PeerState.self, from: data) else {
                throw ValidationError("--since \(text): not a `zhiban status --json` file")
            }
            if let id = StationID(json.station.id) { known[id] = .max }
            for peer in json.peers {
                if let id = StationID(peer.id) { known[id] = peer.records }
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

    static func write(station: StationFolder, to path: String, since: String?, language: Language) throws {
        let known = try since.map(knownState)
        var made = (feeds: 0, records: 0)
        // Written a piece at a time to a temporary file, synced, then renamed: never half a bundle under its name.
        try FolderWrite.create(at: path) { write in made = try SyncBundle.write(station: station, since: known, to: write) }
        printNow(CommandText.bundleWritten(path: path, records: made.records, stations: made.feeds).text(language))
    }
}

/// A file named to `zhiban import`, read only once it is known to be a
/// regular file of a size its kind allows: the kind is told from its first
/// bytes, the size from `fstat`, before anything more is read (a 3 GB sheet is
/// refused without being read). A bundle is not read here at all: it is
/// imported a piece at a time, whatever its size. Never blocks on a FIFO.
enum ImportFile {
    static let csvLimit = 16 << 20

    enum Opened {
        /// A CAP message or a CSV sheet, small enough to be read whole.
        case whole([UInt8])
        /// A bundle, opened, to be read a piece at a time.
        case bundle(RegularFile)
    }

    enum Refusal: Error, CustomStringConvertible {
        case unreadable
        case notRegular
        case tooLarge(bytes: Int, limit: Int, kind: String, advice: String)

        var description: String {
            switch self {
            case .unreadable: "cannot be read"
            case .notRegular: "not a regular file (a directory, pipe or device); name the file itself"
            case .tooLarge(let bytes, let limit, let kind, let advice): "the file is \(bytes) bytes; \(kind) is at most \(limit) bytes; \(advice)"
            }
        }
    }

    static func read(_ path: String) -> Result<Opened, Refusal> {
        let file: RegularFile
        do { file = try RegularFile(path: path, followLinks: true) } catch is RegularFile.NotRegular {
            return .failure(.notRegular)
        } catch {
            return .failure(.unreadable)
        }
        guard let head = try? file.read(at: 0, count: 4096) else { return .failure(.unreadable) }
        let (limit, kind, advice): (Int, String, String)
        if SyncBundle.isBundle(head) { return .success(.bundle(file)) }
        if DutyStation.looksLikeCAP(name: path, bytes: head) {
            (limit, kind, advice) = (DutyStation.maximumCAPBytes, "a CAP message", "a CAP message is a few kilobytes; ask the sender for the message itself")
        } else {
            (limit, kind, advice) = (csvLimit, "a CSV sheet", "split the sheet into smaller files")
        }
        guard file.size <= limit else { return .failure(.tooLarge(bytes: file.size, limit: limit, kind: kind, advice: advice)) }
        guard let bytes = try? file.read(at: 0, count: file.size) else { return .failure(.unreadable) }
        return .success(.whole(bytes))
    }
}
