import SafeText
import ArgumentParser
import Console
import DutyModel
import Foundation
import Journal
import Station
import TerminalUI

struct Zhiban: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "zhiban",
        abstract: "值班 Zhiban — the duty-room console of an emergency management bureau.",
        // The root command has no options of its own, so its help would not
        // show the global ones; they are listed here (DESIGN.md §2).
        discussion: """
            Without a subcommand, opens the console on the station in the data folder.

            Global options, taken by every command (details: zhiban open --help):
              --data <DIR>        station folder
              --lang <zh|en>      interface language
              --theme <NAME>      colour theme
              --operator <NAME>   officer operating this console
              --now <TIME>        run as if the clock read TIME (ISO 8601); writing under it
                                  only on a drill station (zhiban init --drill)
            """,
        version: version,
        subcommands: [Open.self, Demo.self, Init.self, Key.self, Note.self, Verify.self, Repair.self, Export.self, IncidentGroup.self, Incidents.self, Alerts.self, Resources.self, MapCommand.self, HandoverCommand.self, ReportCommand.self, Status.self, SyncCommand.self, TrustGroup.self, Import.self, InboxCommand.self, Debug.self],
        defaultSubcommand: Open.self
    )
}

/// Options every command takes (DESIGN.md §2).
struct GlobalOptions: ParsableArguments {
    @Option(name: .customLong("data"), help: ArgumentHelp("Station folder (default: $ZHIBAN_DATA, else $XDG_DATA_HOME/zhiban, else ~/.local/share/zhiban).", valueName: "DIR"))
    var dataDirectory: String?

    @Option(help: ArgumentHelp("Interface language (default: from the locale).", valueName: "zh|en"))
    var lang: Language?

    @Option(help: ArgumentHelp("Colour theme: default, night, high-contrast, mono, light, or a file in Themes/.", valueName: "NAME"))
    var theme: String?

    @Option(help: ArgumentHelp("Name of the officer operating this console.", valueName: "NAME"))
    var `operator`: String?

    @Option(help: ArgumentHelp("Run as if the clock read TIME (ISO 8601, e.g. 2026-11-23T08:29:00+08:00) and tick on from there. Commands that write, and the console, accept it only on a drill station (zhiban init --drill).", valueName: "TIME"))
    var now: String?

    func validate() throws {
        if let now, DutyTime.parseISO8601(now) == nil {
            throw ValidationError("--now: cannot read \"\(TextSafety.sanitize(now))\" as an ISO 8601 time; write it like 2026-11-23T08:29:00+08:00")
        }
    }

    /// The station folder, following DESIGN.md §2's order of precedence.
    func resolvedDataDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let dataDirectory { return dataDirectory }
        if let value = environment["ZHIBAN_DATA"], !value.isEmpty { return value }
        if let xdg = environment["XDG_DATA_HOME"], !xdg.isEmpty { return xdg + "/zhiban" }
        let home = environment["HOME"] ?? NSHomeDirectory()
        return home + "/.local/share/zhiban"
    }

    func clock() -> any WallClock {
        if let now, let start = DutyTime.parseISO8601(now) { return DrillClock(startingAt: start) }
        return SystemClock()
    }
}

extension Language: ExpressibleByArgument {}

struct Open: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "open",
        abstract: "Open the console on the station in the data folder (the default command)."
    )

    @OptionGroup var global: GlobalOptions

    func run() throws {
        let code = ConsoleLauncher(global: global).launch()
        if code != 0 { throw ExitCode(code) }
    }
}

struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Create (once) a demo station under the data folder and open it.",
        discussion: "The demo station is the folder demo/ inside the data folder."
    )

    @OptionGroup var global: GlobalOptions

    @Flag(help: "Only create or refresh the demo station and print its path.")
    var noUI = false

    func run() throws {
        let path = (global.resolvedDataDirectory() as NSString).appendingPathComponent("demo")
        do {
            if (try? StationFolder.open(at: path)) == nil {
                let now = global.clock().now()
                let station = try DutyStation.create(at: path, name: "泰州市应急管理局（演示）", code: "TZ", jurisdiction: "泰州市",
                                                     operatorName: global.operatorName, now: now, drill: true)
                if let samples = ShippedFolder.find("SampleData", containing: "taizhou-contacts.csv") {
                    for problem in station.seedDemo(from: samples, operatorName: global.operatorName, now: now) {
                        printError("zhiban: demo: \(problem.file): not loaded: \(problem.reason)")
                    }
                } else {
                    printError("zhiban: demo: SampleData/ not found; the demo station has no contacts or roster")
                }
            }
        } catch {
            // Not CleanExit: that prints to standard output and exits 0.
            printError("zhiban: cannot create the demo station at \(path): \(error); choose another folder with --data DIR")
            throw ExitCode(2)
        }
        if noUI {
            printNow(path)
            return
        }
        var options = global
        options.dataDirectory = path
        let code = ConsoleLauncher(global: options).launch()
        if code != 0 { throw ExitCode(code) }
    }
}

extension GlobalOptions {
    /// --lang, else from the locale.
    var language: Language { lang ?? Language.fromLocale(ProcessInfo.processInfo.environment) }
}
