import SafeText
import Console
import ArgumentParser
import DutyModel
import Foundation
import Journal
import Station
import TerminalUI

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
            let context: DutyStation
            do { context = try global.openStation("incident report", recover: false) } catch { throw global.fail(error) }
            guard let incident = context.state.incidents[id] else {
                let known = context.state.incidents.keys.sorted().suffix(5).joined(separator: ", ")
                printError("zhiban: incident report: no incident \"\(TextSafety.sanitize(id))\" at this station" + (known.isEmpty ? "" : "; recent ids: \(known)"))
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
                        printError("zhiban: incident report: --kind \"\(TextSafety.sanitize(kind))\" is not initial, follow_up, follow_up_N or final")
                        throw Exit.badInput
                    }
                    reportKind = .followUp(n)
                }
            }
            let now = global.clock().now()
            StandardStream.output.write(Array(WrittenReport.text(
                for: incident, kind: reportKind, station: context.name, rules: context.rules, now: now, timeZone: context.timeZone,
                operatorName: global.operatorName(for: context),
                resourcesSent: context.state.resourcesSent(to: incident.id, rules: context.rules, timeZone: context.timeZone)).utf8))
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
            let station: DutyStation
            do { station = try global.openStation("incident add") } catch { throw global.fail(error) }
            let now = global.clock().now()
            let intake: Intake
            switch station.intakeParser(now: now).parse(data) {
            case .success(let i): intake = i
            case .failure(let problems):
                printError("zhiban: incident add: nothing was written; fix these fields and try again:")
                for problem in problems.errors { printError("  \(problem)") }
                throw Exit.badInput
            }
            do {
                printNow(try station.recordIntake(intake, operatorName: global.operatorName(for: station), now: now))
            } catch { throw global.fail(error) }
        }
    }
}

struct Incidents: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List incidents, newest first (--json for the fixed shape).")

    @OptionGroup var global: GlobalOptions
    @Flag(help: "JSON array of {id, status, grade, suggested_grade, received_at, type, location, casualties, next_report}.")
    var json = false

    func run() throws {
        let context: DutyStation
        do { context = try global.openStation("incidents", recover: false) } catch { throw global.fail(error) }
        let zone = context.timeZone
        let now = global.clock().now()
        let summaries = context.state.incidentSummaries(rules: context.rules, now: now, timeZone: zone)
        if json {
            try JSONOut.print(summaries.map { IncidentJSON($0, now: now, zone: zone) })
            return
        }
        if summaries.isEmpty { printNow(CommandText.noIncidents.text(global.language)); return }
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
