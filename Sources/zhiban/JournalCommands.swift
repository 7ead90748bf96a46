import ArgumentParser
import DutyModel
import Foundation
import Journal
import Sync
import TerminalUI
#if canImport(Glibc)
import Glibc
#endif

enum StationSetup {
    /// Creates a station and records its identity as the journal's first
    /// event, so peers that sync with it learn its name and code.
    static func create(at root: String, name: String, code: String, jurisdiction: String,
                       operatorName: String, now: Date) throws -> Station {
        let station = try Station.create(at: root, name: name, code: code, jurisdiction: jurisdiction)
        var configured = Zhiban_Events_V1_StationConfigured()
        configured.name = station.name
        configured.code = station.code
        configured.jurisdiction = station.jurisdiction
        configured.timezone = station.timeZone.identifier
        try Journal(station: station, now: now).append(NewRecord(EventDraft(configured), operatorName: operatorName), now: now)
        return station
    }
}

/// Exit codes of DESIGN.md §2.
enum Exit {
    static let checkFailed = ExitCode(1)
    static let badInput = ExitCode(3)
    static let busy = ExitCode(4)
}

/// Prints a message to stderr and exits with the code that fits the error.
func fail(_ error: Error) -> ExitCode {
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
    default:
        printError("zhiban: \(error)")
        return Exit.checkFailed
    }
}

/// Writes a line to stdout at once (no buffering), so a caller that reads
/// our output sees an id the moment it is durable.
func printNow(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

extension GlobalOptions {
    func openStation() throws -> Station { try Station.open(at: resolvedDataDirectory()) }

    /// --operator, else $USER (the console's starting operator).
    var operatorName: String {
        let environment = ProcessInfo.processInfo.environment
        // Without --operator: the login name, so no record is written by nobody.
        let login = environment["USER"] ?? environment["LOGNAME"] ?? getpwuid(getuid()).flatMap { String(cString: $0.pointee.pw_name) } ?? ""
        return TerminalText.sanitize(self.operator ?? login)
    }

    /// Who a command writes as: --operator, else the operator chosen at this
    /// station's check-in for the current shift, else $USER.
    func operatorName(station: Station, state: DutyState) -> String {
        if self.operator == nil,
           let checkIn = state.checkIn(for: state.pattern.slot(at: clock().now(), timeZone: station.timeZone), station: station.id.description),
           !checkIn.operatorName.isEmpty {
            return TerminalText.sanitize(checkIn.operatorName)
        }
        return operatorName
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

    func validate() throws {
        if TerminalText.sanitize(name).trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError("--name: give the station a name, e.g. --name 泰州市应急管理局总值班室")
        }
        if code.isEmpty || code.count > 8 || !code.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) {
            throw ValidationError("--code: 1 to 8 ASCII letters or digits, e.g. --code TZ")
        }
    }

    func run() throws {
        do {
            let station = try StationSetup.create(at: global.resolvedDataDirectory(), name: TerminalText.sanitize(name),
                                                  code: code.uppercased(), jurisdiction: TerminalText.sanitize(jurisdiction),
                                                  operatorName: global.operatorName, now: global.clock().now())
            printNow(station.id.description)
        } catch let error as StationError {
            printError("zhiban: \(error)")
            throw Exit.badInput
        } catch {
            throw fail(error)
        }
    }
}

struct Key: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print this station's public key line (give it to peers for `zhiban trust add`).")

    @OptionGroup var global: GlobalOptions

    func run() throws {
        do { printNow(try global.openStation().publicKeyLine) } catch { throw fail(error) }
    }
}

struct Note: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Append a duty-log entry; prints its id only once it is on disk.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("The entry text (words are joined with spaces).", valueName: "TEXT"))
    var words: [String]

    func run() throws {
        let text = TerminalText.sanitize(words.joined(separator: " "), keepNewlines: true)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else {
            printError("zhiban: note: TEXT is empty; write the entry after `note`, e.g. zhiban note \"市气象台来电：暴雨黄色预警\"")
            throw Exit.badInput
        }
        do {
            let station = try global.openStation()
            // Who writes: only check-ins (and the shift pattern they refer to) matter, so only those are folded.
            var state = DutyState()
            if global.operator == nil {
                let wanted: Set<String> = [EventType.shiftCheckedIn.rawValue, EventType.shiftPatternSet.rawValue]
                for event in station.loadEvents().events where wanted.contains(event.type) { state.apply(event) }
            }
            let operatorName = global.operatorName(station: station, state: state)
            let journal = try Journal(station: station, now: global.clock().now())
            journal.holderDescription = "pid \(getpid()) (zhiban note, operator \(operatorName))"
            let info = try journal.append(NewRecord(.logEntry(kind: .note, text: text), operatorName: operatorName),
                                          now: global.clock().now())
            printNow("\(station.id)/\(info.sequence)")
        } catch let error as StationError {
            printError("zhiban: \(error)")
            throw Exit.checkFailed
        } catch {
            throw fail(error)
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
        for name in feeds {
            let path = journalDir + "/" + name
            let expected = StationID(String(name.dropLast(4)))
            guard let data = FileManager.default.contents(atPath: path) else {
                printNow("\(path): byte 0: cannot be read")
                problems += 1
                continue
            }
            let scan = Array(data).withUnsafeBytes { FeedScanner.scan($0, expectedStation: expected) }
            records += scan.records.count
            if let problem = scan.problem {
                printNow("\(path): \(problem)")
                problems += 1
            }
        }
        // A fork seen during sync froze a peer: that stays a problem until resolved.
        let trustDir = (global.resolvedDataDirectory() as NSString).appendingPathComponent("trust")
        for name in ((try? FileManager.default.contentsOfDirectory(atPath: trustDir)) ?? []).sorted() where name.hasSuffix(".frozen") {
            let reason = FileManager.default.contents(atPath: trustDir + "/" + name).map { String(decoding: $0, as: UTF8.self) } ?? ""
            printNow("\(trustDir)/\(name): \(reason.trimmingCharacters(in: .whitespacesAndNewlines))")
            problems += 1
        }
        if problems > 0 { throw Exit.checkFailed }
        printNow("ok: \(records) records in \(feeds.count) journal file\(feeds.count == 1 ? "" : "s")")
    }
}

struct Repair: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Move the damaged part of this station's journal to quarantine/ so it can write again (nothing is deleted).")

    @OptionGroup var global: GlobalOptions

    func run() throws {
        do {
            let journal = try Journal(station: try global.openStation(), now: global.clock().now())
            for entry in journal.recoveries { printNow("recovered: \(entry)") }
            if let entry = try journal.repair(now: global.clock().now()) {
                printNow("repaired: \(entry)")
                printNow("the journal now ends at record \(journal.lastSequence)")
            } else if journal.recoveries.isEmpty {
                printNow("nothing to repair: \(journal.lastSequence) records, no damage")
            }
        } catch { throw fail(error) }
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

    @Flag(help: "One JSON object per record.")
    var jsonl = false

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
    }

    func run() throws {
        if cap {
            try CAPExport.run(global: global, out: out)
            return
        }
        if let bundle {
            do { try BundleExport.write(station: try global.openStation(), to: bundle, since: since) } catch let e as ValidationError { throw e } catch { throw fail(error) }
            return
        }
        do {
            let station = try global.openStation()
            let journal = try Journal(station: station, now: global.clock().now(), recover: false)
            if let damage = journal.damage { printError("zhiban: warning: \(JournalReadOnly(path: journal.path, problem: damage))") }
            for record in try journal.readRecords() {
                printNow(JSONLines.line(for: record, timeZone: station.timeZone))
            }
        } catch { throw fail(error) }
    }
}

enum JSONLines {
    static func line(for record: Record, timeZone: TimeZone) -> String {
        var object: [String: Any] = [
            "station": record.stationID.description,
            "seq": record.sequence,
            "hlc": record.time.description,
            "time": DutyTime.formatISO8601(record.time.date, timeZone: timeZone),
            "operator": record.operatorName,
            "type": record.eventType,
            "payload_version": Int(record.payloadVersion),
            "prev": record.previousHash.hex,
            "hash": record.hash.hex,
            "signature": Data(record.signature).base64EncodedString(),
        ]
        if let json = EventCodec.json(type: record.eventType, version: record.payloadVersion, payload: record.payload),
           let payload = try? JSONSerialization.jsonObject(with: Data(json.utf8)) {
            object["payload"] = payload
        } else {
            object["payload_base64"] = Data(record.payload).base64EncodedString()
        }
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return String(decoding: data, as: UTF8.self)
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
                let station = try global.openStation()
                let journal = try Journal(station: station, now: Date())
                for i in 1...max(1, count) {
                    let info = try journal.append(NewRecord(.logEntry(kind: .note, text: "\(prefix) \(i)"), operatorName: global.operatorName),
                                                  now: Date())
                    printNow("\(station.id)/\(info.sequence)")
                }
            } catch { throw fail(error) }
        }
    }
}
