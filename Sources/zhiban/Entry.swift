import ArgumentParser
import Foundation
import SafeText
#if canImport(Glibc)
import Glibc
#endif

/// DESIGN.md §2 fixes exit codes: 0 ok, 1 check failed, 2 usage, 3 bad input,
/// 4 station busy. ArgumentParser's usage errors (64) are mapped to 2.
@main
enum Entry {
    static func main() {
        // A closed pipe (`zhiban export --jsonl | head`) is an error from write(2), said
        // and ended with a code (StandardStream), not a signal that kills the process.
        signal(SIGPIPE, SIG_IGN)
        do {
            var command = try Zhiban.parseAsRoot(GlobalOptionsFirst.arguments(Array(CommandLine.arguments.dropFirst())))
            try command.run()
        } catch {
            // Printed here, not by ArgumentParser, so an argument echoed in the message
            // ("Unknown option '…'") goes through the one sanitizer like every other line.
            let code = Zhiban.exitCode(for: error)
            let message = Zhiban.fullMessage(for: error)
            if code == .validationFailure {
                printError(message)
                exit(2)
            }
            if code == .success {
                if !message.isEmpty { printNow(message) }
                exit(0)
            }
            if !message.isEmpty { printError(message) }
            exit(code.rawValue)
        }
    }
}

/// The global options (DESIGN.md §2) are taken before the subcommand too:
/// `zhiban --now T --data D note x` is read as `zhiban note --now T --data D x`.
/// Only a run of global options at the very start is moved, to just after the
/// subcommand's name (and its group's: `incident add`), so nothing of the
/// subcommand's own arguments changes place.
enum GlobalOptionsFirst {
    static let names: Set<String> = ["--data", "--lang", "--theme", "--operator", "--now"]

    static func arguments(_ arguments: [String]) -> [String] {
        var leading: [String] = []
        var i = 0
        while i < arguments.count {
            let argument = arguments[i]
            let name = argument.split(separator: "=", maxSplits: 1).first.map(String.init) ?? argument
            guard names.contains(name) else { break }
            if argument.contains("=") || i + 1 == arguments.count {
                leading.append(argument)
                i += 1
            } else {
                leading += [argument, arguments[i + 1]]
                i += 2
            }
        }
        guard !leading.isEmpty else { return arguments }
        var command: ParsableCommand.Type = Zhiban.self
        var path: [String] = []
        while i < arguments.count,
              let sub = command.configuration.subcommands.first(where: { $0._commandName == arguments[i] }) {
            path.append(arguments[i])
            command = sub
            i += 1
        }
        return path + leading + arguments[i...]
    }
}

/// Writes a line to standard error (unbuffered, safe from any context).
func printError(_ text: String) {
    // Whatever the message quotes (an argument, a file name, a peer's text) reaches the terminal cleaned.
    let clean = TextSafety.printableLines(text)
    let line = clean.hasSuffix("\n") ? clean : clean + "\n"
    StandardStream.error.write(Array(line.utf8))
}

/// Standard output and error written with write(2), never through
/// `FileHandle.write`, which traps when the write fails. A failed write to
/// standard output (a full disk behind `>`, a closed pipe) is said on standard
/// error and ends the command with exit 1 — after any record was made durable,
/// so nothing is lost but the printout. A failed write to standard error
/// itself is dropped (there is nowhere left to say it).
enum StandardStream {
    case output, error

    /// The failure that ended a write, for commands that stream and report it themselves.
    struct Failure: Error, CustomStringConvertible {
        var code: Int32
        var description: String {
            "standard output: write failed: \(String(cString: strerror(code)))"
                + "; what the command recorded is kept, only its printout is incomplete" + (code == ENOSPC ? " (free disk space)" : "")
        }
    }

    /// Writes all of `bytes` (a pipe may take them in parts); the error that stopped it, if one did.
    func tryWrite<C: ContiguousBytes>(_ bytes: C) -> Failure? {
        let fd: Int32 = self == .output ? 1 : 2
        return bytes.withUnsafeBytes { buffer -> Failure? in
            var done = 0
            while done < buffer.count {
                let n = Glibc.write(fd, buffer.baseAddress! + done, buffer.count - done)
                if n < 0 {
                    if errno == EINTR { continue }
                    return Failure(code: errno)
                }
                done += n
            }
            return nil
        }
    }

    /// Writes all of `bytes`; on standard output a failure ends the command (exit 1) with a message.
    func write<C: ContiguousBytes>(_ bytes: C) {
        guard let failure = tryWrite(bytes), self == .output else { return }
        _ = StandardStream.error.tryWrite(Array("zhiban: \(failure)\n".utf8))
        exit(1)
    }
}
