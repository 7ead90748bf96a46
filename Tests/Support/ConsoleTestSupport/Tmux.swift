import Foundation

/// Drives a real program in a detached tmux session on a private tmux server,
/// for end-to-end tests: type with `send`, read the screen with `capture`.
public final class TmuxSession {
    public let name: String
    private let socket: String
    public let exitFile: String

    /// Starts `command` (argv, run through `sh -c` with the exit status saved
    /// to `exitFile`) in a `width`×`height` terminal.
    public init(_ arguments: [String], width: Int = 80, height: Int = 24,
                environment: [String: String] = [:], label: String = "zb") throws {
        name = "\(label)-\(UUID().uuidString.prefix(8))"
        socket = "zhiban-test-\(ProcessInfo.processInfo.processIdentifier)-\(name)"
        exitFile = FileManager.default.temporaryDirectory.appendingPathComponent("\(name).exit").path
        var env = ["LANG": "C.UTF-8", "TERM": "xterm-256color"]
        env.merge(environment) { $1 }
        let exports = env.sorted { $0.key < $1.key }.map { "\($0.key)=\(Self.quote($0.value))" }.joined(separator: " ")
        let command = "env \(exports) \(arguments.map(Self.quote).joined(separator: " ")); echo $? > \(Self.quote(exitFile))"
        try tmux(["-f", "/dev/null", "new-session", "-d", "-s", name, "-x", "\(width)", "-y", "\(height)", command])
        // Keep the pane after the program exits so its last screen and the
        // terminal state (alternate screen, cursor) can still be read.
        try tmux(["set-option", "-t", name, "remain-on-exit", "on"])
        try tmux(["set-option", "-t", name, "window-size", "manual"])
    }

    deinit { _ = try? tmux(["kill-server"]) }

    public static func quote(_ s: String) -> String {
        "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    @discardableResult
    func tmux(_ args: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["tmux", "-L", socket] + args
        var env = ProcessInfo.processInfo.environment
        env["LANG"] = "C.UTF-8"
        env.removeValue(forKey: "TMUX")
        process.environment = env
        let out = Pipe()
        process.standardOutput = out
        process.standardError = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        if process.terminationStatus != 0 {
            throw TmuxError(message: "tmux \(args.joined(separator: " ")) failed: \(text)")
        }
        return text
    }

    /// Sends keys as tmux names them (`Enter`, `F2`, `C-c`, `Escape`) or literal text with `literal: true`.
    public func send(_ keys: String..., literal: Bool = false) throws {
        try tmux(["send-keys", "-t", name] + (literal ? ["-l"] : []) + keys)
    }

    /// The visible screen, one string per row (trailing spaces trimmed).
    public func capture() throws -> [String] {
        let text = try tmux(["capture-pane", "-p", "-t", name])
        var rows = text.split(separator: "\n", omittingEmptySubsequences: false).map { row -> String in
            var s = String(row)
            while s.last == " " { s.removeLast() }
            return s
        }
        if rows.last == "" { rows.removeLast() }
        return rows
    }

    public func screenText() throws -> String { try capture().joined(separator: "\n") }

    /// A tmux format value for the pane, e.g. `#{alternate_on}`, `#{cursor_flag}`, `#{pane_dead}`.
    public func paneValue(_ format: String) throws -> String {
        try tmux(["display-message", "-p", "-t", name, format]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    public func resize(width: Int, height: Int) throws {
        try tmux(["resize-window", "-t", name, "-x", "\(width)", "-y", "\(height)"])
    }

    /// Polls the screen until `condition` holds or `timeout` passes; returns the last screen.
    @discardableResult
    public func waitFor(timeout: TimeInterval = 10, _ condition: ([String]) -> Bool) throws -> [String] {
        let deadline = Date().addingTimeInterval(timeout)
        var screen = try capture()
        while !condition(screen) && Date() < deadline {
            Thread.sleep(forTimeInterval: 0.1)
            screen = try capture()
        }
        return screen
    }

    public func waitFor(text: String, timeout: TimeInterval = 10) throws -> [String] {
        try waitFor(timeout: timeout) { $0.joined(separator: "\n").contains(text) }
    }

    /// The program's exit status once it has ended (nil while it runs).
    public func exitStatus(timeout: TimeInterval = 10) -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let s = try? String(contentsOfFile: exitFile, encoding: .utf8),
               let code = Int32(s.trimmingCharacters(in: .whitespacesAndNewlines)) {
                return code
            }
            Thread.sleep(forTimeInterval: 0.1)
        }
        return nil
    }

    /// Process id of the program running in the pane (the shell's child).
    public func panePID() throws -> Int32? {
        Int32(try paneValue("#{pane_pid}"))
    }
}

public struct TmuxError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

/// Runs the zhiban binary to completion and collects its output.
public struct CommandResult {
    public var status: Int32
    public var stdout: String
    public var stderr: String
}

public func runZhiban(_ arguments: [String], environment: [String: String] = [:], stdin: String? = nil) throws -> CommandResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: TestPaths.zhibanBinary)
    process.arguments = arguments
    var env = ProcessInfo.processInfo.environment
    env["LANG"] = "C.UTF-8"
    env.merge(environment) { $1 }
    process.environment = env
    let out = Pipe(), err = Pipe(), input = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = input
    try process.run()
    if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
    try? input.fileHandleForWriting.close()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return CommandResult(status: process.terminationStatus,
                         stdout: String(decoding: outData, as: UTF8.self),
                         stderr: String(decoding: errData, as: UTF8.self))
}
