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
        commandName: "incident", abstract: "Record incidents.", subcommands: [Add.self, Report.self, Status.self])

    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the written report (事件信息报告) of an incident as plain text ready to send; --record records it as made.",
            discussion: """
                The title says 初报, 续报n or 终报: the next report due unless --kind says otherwise.
                With --record nothing is printed: the report of that kind is recorded as made to --to (报送对象, required),
                by --channel (written unless phone), at --at (default now). A report without its recipient is refused:
                exit 3, nothing written.
                """)

        @OptionGroup var global: GlobalOptions

        @Argument(help: ArgumentHelp("The incident id, e.g. TZ-20261123-003.", valueName: "ID"))
        var id: String

        @Option(help: ArgumentHelp("initial, follow_up, follow_up_N, final or supplementary (补报) (default: the next one due).", valueName: "KIND"))
        var kind: String?

        @Flag(help: "Record the report as made instead of printing it (needs --to).")
        var record = false

        @Option(name: [.customLong("to"), .customLong("recipient")],
                help: ArgumentHelp("With --record: whom the report went to (报送对象), e.g. 市委市政府总值班室.", valueName: "RECIPIENT"))
        var to: String?

        @Option(help: ArgumentHelp("With --record: phone or written (default written).", valueName: "CHANNEL"))
        var channel = "written"

        @Option(help: ArgumentHelp("With --record: when it was made: 14:05, now, -10m, 11-23 14:05 (default now).", valueName: "TIME"))
        var at = "now"

        @Option(help: ArgumentHelp("With --record: what was reported, in a line.", valueName: "TEXT"))
        var summary = ""

        @Option(help: ArgumentHelp("With --record of a written report (required): who signed it off (签发人).", valueName: "NAME"))
        var approvedBy: String?

        @Option(help: ArgumentHelp("With --record: when it was signed off (default: --at).", valueName: "TIME"))
        var approvedAt: String?

        func validate() throws {
            if !record && (to != nil || channel != "written" || at != "now" || !summary.isEmpty || approvedBy != nil || approvedAt != nil) {
                throw ValidationError("--to, --channel, --at, --summary, --approved-by and --approved-at go with --record")
            }
            if ReportChannel(rawValue: channel) == nil { throw ValidationError("--channel must be phone or written") }
        }

        func run() throws {
            let context: DutyStation
            do { context = try global.openStation("incident report", recover: record) } catch { throw global.fail(error) }
            guard let incident = context.state.incidents[id] else {
                let known = context.state.incidents.keys.sorted().suffix(5).joined(separator: ", ")
                printError("zhiban: incident report: no incident \"\(TextSafety.sanitize(id))\" at this station" + (known.isEmpty ? "" : "; recent ids: \(known)"))
                throw Exit.badInput
            }
            var reportKind = WrittenReport.nextKind(for: incident)
            if let kind {
                if kind == "follow_up" {
                    reportKind = .followUp(max(1, { if case .followUp(let n) = reportKind { return n } else { return 1 } }()))
                } else if let named = ReportKind(name: kind) {
                    reportKind = named
                } else {
                    printError("zhiban: incident report: --kind \"\(TextSafety.sanitize(kind))\" is not initial, follow_up, follow_up_N, final or supplementary")
                    throw Exit.badInput
                }
            }
            let now = global.clock().now()
            if record {
                try recordReport(incident, kind: reportKind, station: context, now: now)
                return
            }
            StandardStream.output.write(Array(WrittenReport.text(
                for: incident, kind: reportKind, station: context.name, rules: context.rules, now: now, timeZone: context.timeZone,
                operatorName: global.operatorName(for: context),
                resourcesSent: context.state.resourcesSent(to: incident.id, rules: context.rules, timeZone: context.timeZone)).utf8))
        }

        /// The console's rules for a report (#22): its recipient required, its time read as the dialog reads it, not before receipt.
        func recordReport(_ incident: IncidentState, kind: ReportKind, station: DutyStation, now: Date) throws {
            let lang = global.language
            let recipient = TextSafety.sanitize(to ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            guard !recipient.isEmpty else {
                printError("zhiban incident report: " + CommandText.recipientRequired.text(lang))
                throw Exit.badInput
            }
            /// A time as the console's dialog reads it; a refusal names the option.
            func time(_ text: String, option: String) throws -> Date {
                switch ClockEntry.parse(text, now: now, timeZone: station.timeZone) {
                case .success(let d): return d
                case .failure(.unreadable):
                    printError("zhiban incident report: \(option) " + IntakeText.timeUnreadable(TextSafety.sanitize(text)).text(lang))
                case .failure(.future(let d)):
                    printError("zhiban incident report: \(option) " + IntakeText.timeFuture(ClockText.short(d, station.timeZone)).text(lang))
                }
                throw Exit.badInput
            }
            let when = try time(at, option: "--at")
            if let received = incident.receivedAt, when < received.addingTimeInterval(-60) {
                printError("zhiban incident report: --at " + IntakeText.reportBeforeReceived.text(lang))
                throw Exit.badInput
            }
            let channel = ReportChannel(rawValue: channel) ?? .written
            // A written report counts once signed off (签发).
            let approver = TextSafety.sanitize(approvedBy ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            var approvedTime = when
            if channel == .written {
                guard !approver.isEmpty else {
                    printError("zhiban incident report: " + CommandText.approverRequired.text(lang))
                    throw Exit.badInput
                }
                if let approvedAt { approvedTime = try time(approvedAt, option: "--approved-at") }
            }
            do {
                _ = try station.write(.reportRecorded(id: incident.id, kind: kind, channel: channel, recipient: recipient, at: when,
                                                      summary: TextSafety.sanitize(summary),
                                                      approvedBy: channel == .written ? approver : "", approvedAt: approvedTime),
                                      operatorName: global.operatorName(for: station), now: now)
            } catch { throw global.fail(error) }
            printNow(IntakeText.actionReported(incident.id, kind.name, channel.rawValue, recipient).text(lang))
        }
    }

    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Move an incident along its lifecycle (处置状态), with the console's rules.",
            discussion: """
                STATUS: received, verifying, responding, contained, ended, final_reported, closed (or the Chinese name).
                A step the lifecycle forbids is refused with the reason. Moving to final_reported or closed while
                reports are not made is refused, naming them, unless --reason says why (kept as the change's note).
                Refusals exit 3 and write nothing.
                """)

        @OptionGroup var global: GlobalOptions

        @Argument(help: ArgumentHelp("The incident id, e.g. TZ-20261123-003.", valueName: "ID"))
        var id: String

        @Argument(help: ArgumentHelp("The new status.", valueName: "STATUS"))
        var status: String

        @Option(help: ArgumentHelp("Why (the change's note); required to close or mark the final report filed with reports not made.",
                                   valueName: "TEXT"))
        var reason = ""

        func run() throws {
            let lang = global.language
            func refuse(_ text: String) -> Error {
                printError("zhiban incident status: " + text)
                return Exit.badInput
            }
            let station: DutyStation
            do { station = try global.openStation("incident status") } catch { throw global.fail(error) }
            guard let incident = station.state.incidents[id] else { throw refuse(CommandText.noIncident(TextSafety.sanitize(id)).text(lang)) }
            let named = status.trimmingCharacters(in: .whitespaces)
            guard let target = IncidentStatus.allCases.first(where: {
                $0.rawValue == named.lowercased() || UIText.incidents(.incidentStatus($0)).text(.zh) == named
            }) else { throw refuse(CommandText.unknownStatus(TextSafety.sanitize(status)).text(lang)) }
            if case .failure(let error) = station.rules.lifecycle.check(from: incident.status, to: target) {
                throw refuse(lang == .zh ? error.chinese : error.description)
            }
            let now = global.clock().now()
            let note = TextSafety.sanitize(reason).trimmingCharacters(in: .whitespacesAndNewlines)
            let summary = IncidentSummary(incident, rules: station.rules, now: now, timeZone: station.timeZone)
            let outstanding = OutstandingReports.left(by: summary, movingTo: target)
            if !outstanding.isEmpty && note.isEmpty {
                let reports = outstanding.map {
                    UIText.deadline($0.kind, ClockText.short($0.due, station.timeZone), overdue: $0.isOverdue(at: now)).text(lang)
                }
                throw refuse(CommandText.outstandingReports(id: incident.id, status: UIText.incidents(.incidentStatus(target)).text(lang), reports: reports).text(lang))
            }
            do {
                _ = try station.write(.incidentStatusChanged(id: incident.id, to: target, epoch: incident.epoch, note: note),
                                      operatorName: global.operatorName(for: station), now: now)
            } catch { throw global.fail(error) }
            printNow(IntakeText.actionStatus(incident.id, UIText.incidents(.incidentStatus(target)).text(lang)).text(lang))
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
            let next = s.nextDeadline.map { "\($0.kind.description) due \(ClockText.short($0.due, zone))\($0.isOverdue(at: now) ? " OVERDUE" : "")" } ?? "-"
            printNow("\(s.id)  \(s.status.rawValue)  \(s.grade?.rawValue ?? "-")/\(s.suggestedGrade?.rawValue ?? "-")  \(s.type)  \(s.place.summary)  \(next)")
        }
    }
}

enum ClockText {
    static func short(_ date: Date, _ zone: TimeZone) -> String {
        String(DutyTime.formatISO8601(date, timeZone: zone).dropLast(9).replacingOccurrences(of: "T", with: " "))
    }
}
