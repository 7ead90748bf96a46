import ArgumentParser
import Console
import Foundation
import Journal
import Sync

struct SyncCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Exchange journals with a sync folder (USB stick, shared drive); prints per station records in / out, rejected and why.",
        discussion: "Exit 0 when everything was exchanged, 1 when anything was rejected, a fork was found or the folder is unreachable.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("The sync folder.", valueName: "DIR"))
    var folder: String

    func run() throws {
        do {
            let station = try StationFolder.open(at: global.resolvedDataDirectory())
            let now = global.clock().now()
            let report: SyncReport
            do {
                report = try SyncEngine(station: station).sync(folder: folder, now: now)
            } catch {
                SyncStateStore(station: station).recordUnreachable(folder: folder, now: now)
                throw error
            }
            SyncStateStore(station: station).recordSuccess(folder: folder, report: report, now: now)
            for peer in report.peers { printNow(peer.description) }
            for problem in report.problems { printNow(CommandText.problem(problem).text(global.language)) }
            for note in report.notes { printNow(CommandText.note(note).text(global.language)) }
            if report.peers.isEmpty && report.problems.isEmpty && report.notes.isEmpty { printNow(CommandText.nothingToExchange.text(global.language)) }
            if report.hasRejections || !report.skippedSlots.isEmpty || report.problems.contains(where: { $0.contains("FORK") }) {
                throw Exit.checkFailed
            }
        } catch let error as ExitCode {
            throw error
        } catch {
            throw global.fail(error)
        }
    }
}

struct TrustGroup: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trust", abstract: "Trusted peer stations.", subcommands: [Add.self, List.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Trust a peer: its `zhiban key` line, or a file holding it.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp("The key line, or a file that holds it.", valueName: "KEY|FILE"))
        var key: String

        func run() throws {
            let text: String
            if FileManager.default.fileExists(atPath: key), let data = FileManager.default.contents(atPath: key) {
                text = String(decoding: data.prefix(4096), as: UTF8.self)
            } else {
                text = key
            }
            switch PeerKey.parse(text) {
            case .failure(let error):
                printError("zhiban: trust add: \(error); nothing was changed")
                throw Exit.badInput
            case .success(let peer):
                do {
                    let station = try StationFolder.open(at: global.resolvedDataDirectory())
                    guard peer.id != station.id else {
                        printError("zhiban: trust add: that is this station's own key; nothing was changed")
                        throw Exit.badInput
                    }
                    try TrustStore(station: station).add(peer)
                    printNow(CommandText.trusted(id: peer.id.description, name: peer.name).text(global.language))
                } catch let error as ExitCode { throw error } catch { throw global.fail(error) }
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List trusted peers (and frozen ones).")

        @OptionGroup var global: GlobalOptions

        func run() throws {
            do {
                let trust = TrustStore(station: try StationFolder.open(at: global.resolvedDataDirectory()))
                let peers = trust.peers
                let frozen = Dictionary(trust.frozen.map { ($0.id, $0.reason) }, uniquingKeysWith: { a, _ in a })
                if peers.isEmpty { printNow(CommandText.noTrustedPeers.text(global.language)) }
                for peer in peers {
                    let frozen = frozen[peer.id].map { CommandText.frozen($0).text(global.language) } ?? ""
                    printNow("\(peer.id)  \(peer.name)\(frozen)")
                }
            } catch { throw global.fail(error) }
        }
    }
}
