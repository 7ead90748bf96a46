import ArgumentParser
import DutyModel
import Foundation
import Journal
import TerminalUI

/// A station opened for reading: its settings, the folded state of every
/// feed it holds, and its rules (built-in, overridden by files in rules/).
struct StationContext {
    let station: Station
    var state: DutyState
    let rules: RuleBook
    let problems: [String]

    static func open(_ global: GlobalOptions) throws -> StationContext {
        let station = try global.openStation()
        let (events, problems) = station.loadEvents()
        var state = DutyState()
        for event in events { state.apply(event) }
        return StationContext(station: station, state: state, rules: try loadRules(station), problems: problems)
    }

    /// Reads intake JSON against the station's taxonomy, in its time zone.
    func intakeParser(now: Date) -> IntakeParser {
        IntakeParser(rules: rules, now: now, timeZone: station.timeZone, sanitize: { TerminalText.sanitize($0, keepNewlines: true) })
    }

    /// The station's own rule files (`rules/*.toml`) replace the built-in ones of the same name.
    static func loadRules(_ station: Station) throws -> RuleBook {
        let folder = station.paths.root + "/rules"
        var overrides: [String: String] = [:]
        for name in ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []) where name.hasSuffix(".toml") {
            guard let data = FileManager.default.contents(atPath: folder + "/" + name),
                  let text = String(data: data, encoding: .utf8) else {
                throw StationError("\(folder)/\(name): cannot be read as UTF-8 text")
            }
            overrides[name] = text
        }
        switch RuleBook.load(overrides: overrides) {
        case .success(let rules): return rules
        case .failure(let problem): throw StationError("\(folder)/\(problem); fix the file or remove it to use the built-in rules")
        }
    }
}

struct IncidentGroup: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "incident", abstract: "Record incidents.", subcommands: [Add.self, Report.self])

    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the written report (事件信息报告) of an incident as plain text ready to send.",
            discussion: "The title says 初报, 续报n or 终报: the next report due unless --kind says otherwise.")

        @OptionGroup var global: GlobalOptions

        @Argument(help: ArgumentHelp("The incident id, e.g. TZ-20261123-003.", valueName: "ID"))
        var id: String

        @Option(help: ArgumentHelp("initial, follow_up, follow_up_N or final (default: the next one due).", valueName: "KIND"))
        var kind: String?

        func run() throws {
            let context: StationContext
            do { context = try StationContext.open(global) } catch { throw fail(error) }
            guard let incident = context.state.incidents[id] else {
                let known = context.state.incidents.keys.sorted().suffix(5).joined(separator: ", ")
                printError("zhiban: incident report: no incident \"\(TerminalText.sanitize(id))\" at this station" + (known.isEmpty ? "" : "; recent ids: \(known)"))
                throw Exit.badInput
            }
            var reportKind = WrittenReport.nextKind(for: incident)
            if let kind {
                switch kind {
                case "initial": reportKind = .initial
                case "final": reportKind = .final
                case "follow_up": reportKind = .followUp(max(1, { if case .followUp(let n) = reportKind { return n } else { return 1 } }()))
                default:
                    guard kind.hasPrefix("follow_up_"), let n = Int(kind.dropFirst("follow_up_".count)), n >= 1 else {
                        printError("zhiban: incident report: --kind \"\(TerminalText.sanitize(kind))\" is not initial, follow_up, follow_up_N or final")
                        throw Exit.badInput
                    }
                    reportKind = .followUp(n)
                }
            }
            let station = context.station
            let now = global.clock().now()
            FileHandle.standardOutput.write(Data(WrittenReport.text(
                for: incident, kind: reportKind, station: station.name, rules: context.rules, now: now, timeZone: station.timeZone,
                operatorName: global.operatorName(station: station, state: context.state)).utf8))
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record an incident from a JSON intake (fields of DOMAIN.md §2.4); prints its id once on disk.",
            discussion: """
                Required: location {county, town, village, detail, lat, lon}, category (natural | accident | health | social),
                type, description. received_at defaults to now. Bad input exits 3 with one line per field and writes nothing.
                """)

        @OptionGroup var global: GlobalOptions

        @Option(help: ArgumentHelp("The intake JSON file, or - for standard input.", valueName: "FILE"))
        var json: String

        func run() throws {
            let data: Data
            if json == "-" {
                data = FileHandle.standardInput.readDataToEndOfFile()
            } else {
                guard let d = FileManager.default.contents(atPath: json) else {
                    printError("zhiban: \(json): cannot be read; give a readable JSON file or - for standard input")
                    throw Exit.badInput
                }
                data = d
            }
            let context: StationContext
            do { context = try StationContext.open(global) } catch { throw fail(error) }
            let station = context.station
            let now = global.clock().now()
            let intake: Intake
            switch context.intakeParser(now: now).parse(data) {
            case .success(let i): intake = i
            case .failure(let problems):
                printError("zhiban: incident add: nothing was written; fix these fields and try again:")
                for problem in problems.errors { printError("  \(problem)") }
                throw Exit.badInput
            }
            do {
                let journal = try Journal(station: station, now: now)
                let operatorName = global.operatorName(station: station, state: context.state)
                journal.holderDescription = "pid \(getpid()) (zhiban incident add, operator \(operatorName))"
                var id = ""
                let day = DayFormat.compact(intake.receivedAt, timeZone: station.timeZone)
                let known = context.state.stationSequences[station.id.description] ?? 0
                try journal.append(now: now, after: known) { newcomers in
                    // Fold in what other processes appended meanwhile, so the daily number is free.
                    var state = context.state
                    for r in newcomers {
                        state.apply(StoredEvent(r))
                    }
                    id = state.nextIncidentID(code: station.code, date: day)
                    return NewRecord(.incidentReceived(id: id, intake: intake, recordedBy: operatorName),
                                     operatorName: operatorName)
                }
                printNow(id)
            } catch { throw fail(error) }
        }
    }
}

enum DayFormat {
    /// `20261123` in the station's calendar.
    static func compact(_ date: Date, timeZone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d%02d%02d", c.year!, c.month!, c.day!)
    }
}

/// JSON output helpers: ISO 8601 times in the station's zone, grades as "I"… or null.
enum JSONOut {
    static func time(_ date: Date?, _ zone: TimeZone) -> Any { date.map { DutyTime.formatISO8601($0, timeZone: zone) } ?? NSNull() }
    static func grade(_ grade: Grade?) -> Any { grade?.rawValue ?? NSNull() }

    static func deadlineKind(_ kind: DeadlineKind) -> String {
        switch kind {
        case .initialPhone: return "initial_phone"
        case .initialWritten: return "initial_written"
        case .followUp(let n): return "follow_up_\(n)"
        case .final: return "final"
        }
    }

    static func print(_ object: Any) {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes])) ?? Data()
        printNow(String(decoding: data, as: UTF8.self))
    }
}

struct Incidents: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List incidents, newest first (--json for the fixed shape).")

    @OptionGroup var global: GlobalOptions
    @Flag(help: "JSON array of {id, status, grade, suggested_grade, received_at, type, location, casualties, next_report}.")
    var json = false

    func run() throws {
        let context: StationContext
        do { context = try StationContext.open(global) } catch { throw fail(error) }
        let zone = context.station.timeZone
        let now = global.clock().now()
        let summaries = context.state.incidentSummaries(rules: context.rules, now: now, timeZone: zone)
        if json {
            JSONOut.print(summaries.map { s -> [String: Any] in
                [
                    "id": s.id, "status": s.status.rawValue, "grade": JSONOut.grade(s.grade),
                    "suggested_grade": JSONOut.grade(s.suggestedGrade), "received_at": JSONOut.time(s.receivedAt, zone),
                    "type": s.type,
                    "location": ["county": s.place.county, "town": s.place.town, "village": s.place.village, "detail": s.place.detail,
                                 "lat": s.place.latitude.map { $0 as Any } ?? NSNull(), "lon": s.place.longitude.map { $0 as Any } ?? NSNull()],
                    "casualties": ["deaths": s.casualties.deaths, "missing": s.casualties.missing, "injured": s.casualties.injured,
                                   "trapped": s.casualties.trapped, "evacuated": s.casualties.evacuated],
                    "next_report": s.nextDeadline.map { d -> Any in
                        ["kind": JSONOut.deadlineKind(d.kind), "due": JSONOut.time(d.due, zone), "overdue": d.isOverdue(at: now)]
                    } ?? NSNull(),
                ]
            })
            return
        }
        if summaries.isEmpty { printNow("no incidents"); return }
        for s in summaries {
            let next = s.nextDeadline.map { "\(JSONOut.deadlineKind($0.kind)) due \(ClockText.short($0.due, zone))\($0.isOverdue(at: now) ? " OVERDUE" : "")" } ?? "-"
            printNow("\(s.id)  \(s.status.rawValue)  \(s.grade?.rawValue ?? "-")/\(s.suggestedGrade?.rawValue ?? "-")  \(s.type)  \(s.place.summary)  \(next)")
        }
    }
}

enum ClockText {
    static func short(_ date: Date, _ zone: TimeZone) -> String {
        String(DutyTime.formatISO8601(date, timeZone: zone).dropLast(9).replacingOccurrences(of: "T", with: " "))
    }
}
