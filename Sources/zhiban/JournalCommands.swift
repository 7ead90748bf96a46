import SafeText
import ArgumentParser
import DutyModel
import Foundation
import Journal
import Station
import Console
import Sync
import TerminalUI
#if canImport(Glibc)
import Glibc
#endif

/// Exit codes of DESIGN.md §2.
enum Exit {
    static let checkFailed = ExitCode(1)
    static let badInput = ExitCode(3)
    static let busy = ExitCode(4)
}

extension GlobalOptions {
    /// Prints a message to stderr (in --lang, else the locale's language) and exits with the code that fits the error.
    func fail(_ error: Error) -> ExitCode { failure(error, language: language) }
}

/// Prints a message to stderr and exits with the code that fits the error.
func failure(_ error: Error, language: Language) -> ExitCode {
    switch error {
    case let busy as StationBusy:
        printError("zhiban: \(busy)")
        return Exit.busy
    case let readOnly as JournalReadOnly:
        printError("zhiban: \(readOnly)")
        return Exit.checkFailed
    case let tooLarge as RecordTooLarge:
        printError("zhiban: \(tooLarge)")
        return Exit.badInput
    case let failure as WriteFailure:
        printError("zhiban: " + OutcomeText.writeFailure(failure, language: language))
        switch failure {
        case .busy: return Exit.busy
        case .tooLarge, .notEncodable: return Exit.badInput
        case .readOnly, .disk: return Exit.checkFailed
        }
    case let notDrill as NotADrillStation:
        printError("zhiban: \(notDrill)")
        return ExitCode(2)
    default:
        printError("zhiban: \(error)")
        return Exit.checkFailed
    }
}

/// `--now` given to a command that writes, on a station that is not a drill
/// station: its records would carry a time that is not the real one (#17 §3).
struct NotADrillStation: Error, CustomStringConvertible {
    var station: String
    var command: String
    var description: String {
        "\(command): --now: \(station) is not a drill station; a record written here carries the real time. "
            + "Leave out --now, or practise on a drill station (zhiban init --drill --name NAME --data DIR; the demo station is one)"
    }
}

/// Writes a line to stdout at once (no buffering), so a caller that reads
/// our output sees an id the moment it is durable.
func printNow(_ line: String) {
    StandardStream.output.write(Array((TextSafety.printableLines(line) + "\n").utf8))
}

extension GlobalOptions {
    /// Opens the station of --data for a command; `holder` says who waits on the lock.
    /// A command that writes (`recover`: it may also cut a torn tail) under
    /// `--now` is refused on a station that is not a drill station.
    func openStation(_ holder: String, recover: Bool = true) throws -> DutyStation {
        if recover, now != nil {
            let folder = try StationFolder.open(at: resolvedDataDirectory())
            guard folder.isDrill else { throw NotADrillStation(station: folder.name, command: holder) }
        }
        let station = try DutyStation.open(at: resolvedDataDirectory(), now: clock().now(), holder: "zhiban \(holder), operator \(operatorName)",
                                           recover: recover)
        // A fold of a large station, or the snapshot it writes, says how far it is on a terminal.
        let line = ProgressLine(language: language)
        station.onProgress = { line.update($0) }
        return station
    }

    /// --operator, else $USER (the console's starting operator).
    var operatorName: String {
        let environment = ProcessInfo.processInfo.environment
        // Without --operator: the login name, so no record is written by nobody.
        let login = environment["USER"] ?? environment["LOGNAME"] ?? getpwuid(getuid()).flatMap { String(cString: $0.pointee.pw_name) } ?? ""
        return TextSafety.sanitize(self.operator ?? login)
    }

    /// Who a command writes as: --operator, else the operator chosen at this
    /// station's check-in for the current shift, else $USER.
    func operatorName(for station: DutyStation) -> String {
        self.operator == nil ? station.operatorName(at: clock().now(), fallback: operatorName) : operatorName
    }
}

struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create a station (keys, empty journal) in the data folder and print its id.")

    @OptionGroup var global: GlobalOptions

    @Option(help: ArgumentHelp("Name of the duty room, e.g. 泰州市应急管理局总值班室.", valueName: "NAME"))
    var name: String

    @Option(help: ArgumentHelp("Short code used in incident ids (letters, e.g. TZ).", valueName: "CODE"))
    var code: String = "ZB"

    @Option(help: ArgumentHelp("Jurisdiction, e.g. 泰州市.", valueName: "PLACE"))
    var jurisdiction: String = ""

    @Flag(help: "A drill (演练) station: commands and the console may write under --now here (and nowhere else); the console marks it DRILL.")
    var drill = false

    func validate() throws {
        if TextSafety.sanitize(name).trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError("--name: give the station a name, e.g. --name 泰州市应急管理局总值班室")
        }
        if code.isEmpty || code.count > 8 || !code.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) {
            throw ValidationError("--code: 1 to 8 ASCII letters or digits, e.g. --code TZ")
        }
    }

    func run() throws {
        if global.now != nil && !drill {
            throw global.fail(NotADrillStation(station: TextSafety.sanitize(name), command: "init"))
        }
        do {
            let station = try DutyStation.create(at: global.resolvedDataDirectory(), name: TextSafety.sanitize(name),
                                                 code: code.uppercased(), jurisdiction: TextSafety.sanitize(jurisdiction),
                                                 operatorName: global.operatorName, now: global.clock().now(), drill: drill)
            printNow(station.id.description)
        } catch let error as StationError {
            printError("zhiban: \(error)")
            throw Exit.badInput
        } catch {
            throw global.fail(error)
        }
    }
}

struct Key: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print this station's public key line (give it to peers for `zhiban trust add`).")

    @OptionGroup var global: GlobalOptions

    func run() throws {
        do { printNow(try StationFolder.open(at: global.resolvedDataDirectory()).publicKeyLine) } catch { throw global.fail(error) }
    }
}

struct Note: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Append a duty-log entry; prints its id only once it is on disk.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("The entry text (words are joined with spaces).", valueName: "TEXT"))
    var words: [String]

    func run() throws {
        let text = TextSafety.sanitize(words.joined(separator: " "), keepNewlines: true)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else {
            printError("zhiban: note: TEXT is empty; write the entry after `note`, e.g. zhiban note \"市气象台来电：暴雨黄色预警\"")
            throw Exit.badInput
        }
        do {
            let station = try global.openStation("note")
            let info = try station.write(.logEntry(kind: .note, text: text), operatorName: global.operatorName(for: station),
                                         now: global.clock().now())
            printNow("\(station.id)/\(info.sequence)")
        } catch let error as StationError {
            printError("zhiban: \(error)")
            throw Exit.checkFailed
        } catch {
            throw global.fail(error)
        }
    }
}

struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check every journal: framing, chain, signatures. Exit 0 clean, 1 with one line per problem.")

    @OptionGroup var global: GlobalOptions

    func run() throws {
        let journalDir = (global.resolvedDataDirectory() as NSString).appendingPathComponent("journal")
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: journalDir) else {
            printError("zhiban: \(journalDir): no journal folder; is --data a station folder? (zhiban init creates one)")
            throw Exit.checkFailed
        }
        var problems = 0
        var records = 0
        let feeds = names.filter { $0.hasSuffix(".log") }.sorted()
        // Feeds are independent: scanned side by side (one per core), each in pieces,
        // never held whole; reported in name order.
        let results = Self.scan(feeds.map { journalDir + "/" + $0 })
        for (name, result) in zip(feeds, results) {
            let path = journalDir + "/" + name
            switch result {
            case .failure(let error):
                printNow("\(path): byte 0: cannot be read (\(error))")
                problems += 1
            case .success(let scan):
                records += scan.records.count
                if let problem = scan.problem {
                    printNow("\(path): \(problem)")
                    problems += 1
                }
            }
        }
        // What should be there and is not: the station's settings, its own journal.
        switch Result(catching: { try StationFolder.open(at: global.resolvedDataDirectory()) }) {
        case .failure(let error):
            printNow("\(error)")
            problems += 1
        case .success(let station) where !feeds.contains("\(station.id).log"):
            printNow("\(journalDir)/\(station.id).log: this station's own journal is missing; restore it from a backup, or from a peer's copy of it (its journal/\(station.id).log)")
            problems += 1
        case .success:
            break
        }
        // A fork seen during sync froze a peer: that stays a problem until resolved.
        let trust = TrustStore(folder: (global.resolvedDataDirectory() as NSString).appendingPathComponent("trust"))
        for peer in trust.frozen {
            printNow("\(trust.folder)/\(peer.id).frozen: \(peer.reason)")
            problems += 1
        }
        if problems > 0 { throw Exit.checkFailed }
        printNow(CommandText.verifyOK(records: records, files: feeds.count).text(global.language))
    }
}

extension Verify {
    /// Scans every feed (expecting the station its file name says), on every core.
    static func scan(_ paths: [String]) -> [Result<FeedScan, Error>] {
        concurrentMap(paths.count) { i in
            let expected = StationID(String((paths[i] as NSString).lastPathComponent.dropLast(4)))
            return Result { try FeedScanner.scanFile(paths[i], expectedStation: expected) }
        }
    }
}

struct Repair: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Move the damaged part of this station's journal to quarantine/ so it can write again (nothing is deleted).")

    @OptionGroup var global: GlobalOptions

    func run() throws {
        do {
            let journal = try global.openStation("repair").journal
            for entry in journal.recoveries { printNow(CommandText.recovered("\(entry)").text(global.language)) }
            if let entry = try journal.repair(now: global.clock().now()) {
                printNow(CommandText.repaired("\(entry)").text(global.language))
                printNow(CommandText.journalEndsAt(journal.lastSequence).text(global.language))
            } else if journal.recoveries.isEmpty {
                printNow(CommandText.nothingToRepair(journal.lastSequence).text(global.language))
            }
        } catch { throw global.fail(error) }
    }
}

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print every event in merged order (JSON Lines with --jsonl); the warnings in force as CAP 1.2 (--cap).",
        discussion: """
            --cap: each warning in force (actual, not expired or cancelled) as a CAP 1.2 document. With --out DIR, one file \
            per warning named after its identifier; without, the document on standard output when exactly one is in force \
            (several: exit 2, give --out DIR).
            """)

    @OptionGroup var global: GlobalOptions

    @Flag(help: "One JSON object per record: every feed the station holds, merged by hybrid clock time, station, sequence.")
    var jsonl = false

    @Flag(help: "With --jsonl: this station's own feed only.")
    var own = false

    @Flag(help: "The warnings in force as CAP 1.2.")
    var cap = false

    @Option(help: ArgumentHelp("With --cap: write one CAP file per warning into DIR.", valueName: "DIR"))
    var out: String?

    @Option(help: ArgumentHelp("Write a bundle of every journal held (for a USB stick or e-mail) to FILE.", valueName: "FILE"))
    var bundle: String?

    @Option(help: ArgumentHelp("With --bundle: only what a peer lacks, given its `status --json` file or ID:SEQ,….", valueName: "STATE"))
    var since: String?

    func validate() throws {
        if !jsonl && bundle == nil && !cap { throw ValidationError("say what to export: --jsonl, --cap or --bundle FILE") }
        if [jsonl, bundle != nil, cap].filter({ $0 }).count > 1 { throw ValidationError("export one thing at a time: --jsonl, --cap or --bundle FILE") }
        if since != nil && bundle == nil { throw ValidationError("--since goes with --bundle FILE") }
        if out != nil && !cap { throw ValidationError("--out DIR goes with --cap") }
        if own && !jsonl { throw ValidationError("--own goes with --jsonl") }
    }

    func run() throws {
        if cap {
            try CAPExport.run(global: global, out: out)
            return
        }
        if let bundle {
            do { try BundleExport.write(station: try StationFolder.open(at: global.resolvedDataDirectory()), to: bundle, since: since, language: global.language) } catch let e as ValidationError { throw e } catch { throw global.fail(error) }
            return
        }
        do {
            let station = try global.openStation("export", recover: false)
            if let damage = station.journal.damage { printError("zhiban: warning: \(JournalReadOnly(path: station.journal.path, problem: damage))") }
            try RecordLine.export(station, ownOnly: own)
        } catch { throw global.fail(error) }
    }
}

/// Commands for tests and diagnostics; not shown in help.
struct Debug: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Diagnostics for tests.", shouldDisplay: false, subcommands: [AppendLoop.self])

    struct AppendLoop: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "append-loop", abstract: "Append notes in a loop, printing each id once durable.")

        @OptionGroup var global: GlobalOptions
        @Option var count: Int = 1_000_000
        @Option var prefix: String = "loop"

        func run() throws {
            do {
                let station = try global.openStation("debug append-loop")
                for i in 1...max(1, count) {
                    let info = try station.write(.logEntry(kind: .note, text: "\(prefix) \(i)"), operatorName: global.operatorName, now: Date())
                    printNow("\(station.id)/\(info.sequence)")
                }
            } catch { throw global.fail(error) }
        }
    }
}
