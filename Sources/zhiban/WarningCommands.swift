import SafeText
import ArgumentParser
import CAP
import Console
import DutyModel
import Foundation
import Journal
import Station
#if canImport(Glibc)
import Glibc
#endif

/// `zhiban alerts [--json]`: every warning chain, in force first (DESIGN §2).
struct Alerts: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List warnings (预警): in force first, by level, then expired and cancelled (--json for the fixed shape).")

    @OptionGroup var global: GlobalOptions
    @Flag(help: """
        JSON array of {key, identifier, sender, sent, msg_type, status, exercise, phase, level, type, issuer, areas, towns, \
        effective, onset, expires, headline, acknowledged, coverage, history, level_not_of_type, intensity, \
        population_coverage, clocks}.
        """)
    var json = false

    func run() throws {
        let context: DutyStation
        do { context = try global.openStation("alerts", recover: false) } catch { throw global.fail(error) }
        let zone = context.timeZone
        let now = global.clock().now()
        let summaries = context.state.warningSummaries(places: context.rules.places, now: now)
        if json {
            try JSONOut.print(summaries.map { WarningJSON($0, rules: context.rules, zone: zone, now: now) })
            return
        }
        let language = global.language
        if summaries.isEmpty {
            printNow(OutcomeText.noWarnings(language))
            return
        }
        for summary in summaries {
            printNow(OutcomeText.warningLine(summary, rules: context.rules, language: language, now: now, timeZone: zone))
        }
    }
}

/// `zhiban inbox`: the station's inbox/ processed once, as the console does.
struct InboxCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inbox",
        abstract: "Import the files dropped in the station's inbox/ once (the console does this by itself while it runs).",
        discussion: """
            CAP warnings (.xml) and roster or contacts sheets (.csv) are imported, then moved to inbox/done (imported, \
            duplicate, not a warning) or inbox/rejected with NAME.why saying what is wrong and what to do. One line per file. \
            Exit 3 if any file was rejected, 4 if the station was busy (those files stay in inbox/).
            """)

    @OptionGroup var global: GlobalOptions

    func run() throws {
        let folder: InboxFolder
        let station: DutyStation
        do {
            station = try global.openStation("inbox")
            let language = global.language
            folder = InboxFolder(station: station, operatorName: global.operatorName(for: station),
                                 languages: ["zh-CN", language == .en ? "en-US" : "zh-CN"], now: { global.clock().now() })
            // Asked for by a person, now: every file is judged as it is (the console's watcher waits
            // for files that may still be arriving; see InboxFolder.patience).
            folder.patience = 0
        } catch { throw global.fail(error) }
        var results: [InboxResult] = []
        // A file written a moment ago is given time to settle (a few rounds, about a second).
        for round in 0..<4 {
            results += folder.processNew()
            if folder.waiting == 0 { break }
            if round < 3 { usleep(350_000) }
        }
        for result in results { printNow(OutcomeText.inbox(result, rules: station.rules, language: global.language)) }
        if folder.waiting > 0 {
            printNow(CommandText.inboxStillWriting(folder.waiting).text(global.language))
        }
        if results.isEmpty && folder.waiting == 0 { printNow(CommandText.inboxEmpty.text(global.language)) }
        if results.contains(where: { $0.kind == .rejected }) { throw Exit.badInput }
        // Left in inbox/: 4 when the station was busy (try again), 1 for anything else (a file or disk problem).
        let left = results.filter { $0.kind == .retry }
        if left.contains(where: { if case .writeFailed(.busy) = $0.detail { return true } else { return false } }) { throw Exit.busy }
        if !left.isEmpty { throw Exit.checkFailed }
    }
}

/// `zhiban export --cap`: the warnings in force as CAP 1.2 documents.
enum CAPExport {
    /// Runs `export --cap [--out DIR]`.
    static func run(global: GlobalOptions, out: String?) throws {
        let context: DutyStation
        do { context = try global.openStation("export --cap", recover: false) } catch { throw global.fail(error) }
        let now = global.clock().now()
        let zone = context.timeZone
        let active = context.state.activeWarnings(now: now)
        var documents: [(info: WarningInfo, data: Data)] = []
        var failed = false
        for info in active {
            switch CAPMapping.document(for: info, rules: context.rules, timeZone: zone) {
            case .success(let data): documents.append((info, data))
            case .failure(let problem):
                printError("zhiban: export --cap: warning \(TextSafety.printable(info.key)) cannot be written as valid CAP 1.2: \(problem)")
                failed = true
            }
        }
        if let out {
            do {
                try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
            } catch {
                printError("zhiban: export --cap: \(out): cannot create the folder: \(error.localizedDescription); give another --out DIR")
                throw Exit.checkFailed
            }
            var used = Set<String>()
            for (info, data) in documents {
                var name = CAPMapping.fileName(for: info.identifier)
                var n = 1
                while used.contains(name) {
                    name = InboxFolder.suffixed(CAPMapping.fileName(for: info.identifier), n)
                    n += 1
                }
                used.insert(name)
                let path = (out as NSString).appendingPathComponent(name)
                let temporary = path + ".tmp-\(getpid())"
                do {
                    try data.write(to: URL(fileURLWithPath: temporary))
                    guard rename(temporary, path) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
                } catch {
                    unlink(temporary)
                    printError("zhiban: export --cap: \(path): cannot be written: \(error.localizedDescription)")
                    throw Exit.checkFailed
                }
                printNow(path)
            }
            if documents.isEmpty && !failed { printError("zhiban: export --cap: no warning in force; nothing written") }
        } else if documents.count == 1 {
            StandardStream.output.write(documents[0].data)
        } else if documents.isEmpty {
            if !failed { printError("zhiban: export --cap: no warning in force") }
        } else {
            printError("zhiban: export --cap: \(documents.count) warnings in force; give --out DIR to write one CAP file each")
            throw ExitCode(2)
        }
        if failed { throw Exit.checkFailed }
    }
}
