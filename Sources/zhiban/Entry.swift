import ArgumentParser
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// DESIGN.md §2 fixes exit codes: 0 ok, 1 check failed, 2 usage, 3 bad input,
/// 4 station busy. ArgumentParser's usage errors (64) are mapped to 2.
@main
enum Entry {
    static func main() {
        do {
            var command = try Zhiban.parseAsRoot()
            try command.run()
        } catch {
            let code = Zhiban.exitCode(for: error)
            if code == .validationFailure {
                printError(Zhiban.fullMessage(for: error))
                exit(2)
            }
            Zhiban.exit(withError: error)
        }
    }
}

/// Writes a line to standard error (unbuffered, safe from any context).
func printError(_ text: String) {
    let line = text.hasSuffix("\n") ? text : text + "\n"
    FileHandle.standardError.write(Data(line.utf8))
}
