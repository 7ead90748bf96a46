import ArgumentParser
import Console
import DutyModel
import Foundation
import SafeText
import Station

/// `zhiban handover`: the handover report of the current or a past shift, and signing and
/// accepting it from the command line, with the console's rules (#21).
struct HandoverCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "handover",
        abstract: "The shift handover (交接班): print the report, sign as outgoing, accept as incoming.",
        subcommands: [Show.self, Sign.self, Accept.self], defaultSubcommand: Show.self)

    /// The shift chosen by --date and --shift (1 for the day's first), else the one whose handover is due.
    struct ShiftChoice: ParsableArguments {
        @Option(help: ArgumentHelp("The day the shift starts (YYYY-MM-DD).", valueName: "D")) var date: String?
        @Option(help: ArgumentHelp("The shift of that day, 1 for its first (default 1).", valueName: "N")) var shift: Int?

        func validate() throws {
            if shift != nil && date == nil { throw ValidationError("--shift needs --date (the day the shift starts, YYYY-MM-DD)") }
            if let shift, shift < 1 { throw ValidationError("--shift must be 1 or more (1 is the day's first shift)") }
        }

        func slot(_ station: DutyStation, now: Date) throws -> ShiftSlot {
            guard let date else { return HandoverReport.pendingSlot(station.state, now: now, timeZone: station.timeZone) }
            let pattern = station.state.pattern
            guard let slot = pattern.slot(date: date, index: (shift ?? 1) - 1, timeZone: station.timeZone) else {
                printError("zhiban handover: --date \(date) --shift \(shift ?? 1): no such shift (the pattern has \(pattern.shiftsPerDay) a day; the date is YYYY-MM-DD)")
                throw Exit.badInput
            }
            return slot
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "print",
            abstract: "Print the handover report of the shift whose handover is due (or --date/--shift) as text or Markdown.")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var choice: ShiftChoice
        @Flag(help: "Print the report (the default).") var print = false
        @OptionGroup var page: PageOptions

        func run() throws {
            let station: DutyStation
            do { station = try global.openStation("handover", recover: false) } catch { throw global.fail(error) }
            let now = global.clock().now()
            page.print(station.handoverReport(slot: try choice.slot(station, now: now), now: now), station: station, global: global)
        }
    }

    struct Sign: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Sign the handover as the outgoing officer (--operator, else the operator checked in for that shift).")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var choice: ShiftChoice

        func run() throws {
            try HandoverCommand.write("sign", global: global, choice: choice, incoming: false) { station, slot, name, now in
                try station.signHandover(slot: slot, name: name, operatorName: name, now: now)
                return "signed"
            }
        }
    }

    struct Accept: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Accept the handover as the incoming officer (--operator), who must be on the next shift's roster unless --reason says why.")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var choice: ShiftChoice
        @Option(help: "Why you accept although not on the next shift's roster.") var reason = ""
        @Option(help: "Remarks on taking over.") var remarks = ""

        func run() throws {
            try HandoverCommand.write("accept", global: global, choice: choice, incoming: true) { station, slot, name, now in
                try station.acceptHandover(slot: slot, name: name, remarks: TextSafety.sanitize(remarks),
                                           reason: TextSafety.sanitize(reason), operatorName: name, now: now)
                return "accepted"
            }
        }
    }

    /// Opens the station, finds the shift and the officer, writes through `step` and says what it did;
    /// a refusal exits 3 naming why, nothing written. The officer is --operator, else the operator
    /// checked in for the shift handed over (signing) or for the one taking over (accepting): not
    /// whoever holds the shift running now, which around the change is the other side.
    static func write(_ verb: String, global: GlobalOptions, choice: ShiftChoice, incoming: Bool,
                      _ step: (DutyStation, ShiftSlot, String, Date) throws -> String) throws {
        let station: DutyStation
        do { station = try global.openStation("handover " + verb) } catch { throw global.fail(error) }
        let now = global.clock().now()
        let slot = try choice.slot(station, now: now)
        let side = incoming ? station.state.pattern.next(after: slot, timeZone: station.timeZone) : slot
        guard let name = global.operator.map({ TextSafety.sanitize($0) }) ?? station.state.checkIn(for: side, station: station.id.description)?.operatorName,
              !name.isEmpty else {
            printError("zhiban handover \(verb): nobody is checked in for the \(incoming ? "next" : "handed-over") shift \(HandoverReport.id(side)); give --operator NAME")
            throw Exit.badInput
        }
        let done: String
        do {
            done = try step(station, slot, name, now)
        } catch let refusal as HandoverRefusal {
            printError("zhiban handover \(verb): \(refusal)")
            throw Exit.badInput
        } catch let exit as ExitCode {
            throw exit
        } catch {
            throw global.fail(error)
        }
        printNow("\(done) \(HandoverReport.id(slot)) as \(name)")
    }
}

/// `zhiban report daily`: the daily duty report (值班日报) for the leaders.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "Reports for the leaders.", subcommands: [Daily.self])

    struct Daily: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The daily duty report (值班日报): the 24 hours up to 08:00 of --date (default: the last 08:00).")

        @OptionGroup var global: GlobalOptions
        @Option(help: ArgumentHelp("The day whose 08:00 ends the report (YYYY-MM-DD).", valueName: "D")) var date: String?
        @OptionGroup var page: PageOptions

        func run() throws {
            let station: DutyStation
            do { station = try global.openStation("report", recover: false) } catch { throw global.fail(error) }
            let now = global.clock().now()
            let end: Date
            if let date {
                guard let day = DutyTime.parseISO8601(date + "T08:00:00", timeZone: station.timeZone) else {
                    printError("zhiban report daily: --date \(date) is not a day (YYYY-MM-DD)")
                    throw Exit.badInput
                }
                end = day
            } else {
                end = HandoverReport.dailyEnd(atOrBefore: now, timeZone: station.timeZone)
            }
            page.print(HandoverReport.daily(station.state, rules: station.rules, end: end, now: now, timeZone: station.timeZone),
                       station: station, global: global)
        }
    }
}

/// How a report prints: plain text of a page width, or Markdown.
struct PageOptions: ParsableArguments {
    @Flag(help: "Markdown instead of plain text.") var markdown = false
    @Option(help: "Page width in columns (40…200).") var width = 80

    func validate() throws {
        guard (40...200).contains(width) else { throw ValidationError("--width must be 40…200") }
    }

    func print(_ report: HandoverReport, station: DutyStation, global: GlobalOptions) {
        Swift.print(HandoverPrinter.text(report, rules: station.rules, language: global.language, timeZone: station.timeZone,
                                         width: width, format: markdown ? .markdown : .text, stationName: station.name),
                    terminator: "")
    }
}
