import Foundation
import Testing

/// Drives a real program in a detached tmux session on a private tmux server,
/// for end-to-end tests: type with `send`, read the screen with `capture`.
public final class TmuxSession {
    public let name: String
    private let socket: String
    public let exitFile: String
    /// Everything the program wrote to the terminal since the session started
    /// (tmux pipe-pane), to check what it sent last, e.g. on exit.
    public let outputFile: String
    private var socketPath: String?

    /// Starts `command` (argv, run through `sh -c` with the exit status saved
    /// to `exitFile`) in a `width`×`height` terminal.
    public init(_ arguments: [String], width: Int = 80, height: Int = 24,
                environment: [String: String] = [:], label: String = "zb") throws {
        name = "\(label)-\(UUID().uuidString.prefix(8))"
        socket = "zhiban-test-\(ProcessInfo.processInfo.processIdentifier)-\(name)"
        exitFile = FileManager.default.temporaryDirectory.appendingPathComponent("\(name).exit").path
        outputFile = FileManager.default.temporaryDirectory.appendingPathComponent("\(name).out").path
        var env = ["LANG": "C.UTF-8", "TERM": "xterm-256color"]
        env.merge(environment) { $1 }
        let exports = env.sorted { $0.key < $1.key }.map { "\($0.key)=\(Self.quote($0.value))" }.joined(separator: " ")
        let command = "env \(exports) \(arguments.map(Self.quote).joined(separator: " ")); echo $? > \(Self.quote(exitFile))"
        try tmux(["-f", "/dev/null", "new-session", "-d", "-s", name, "-x", "\(width)", "-y", "\(height)", command])
        // Keep the pane after the program exits so its last screen and the
        // terminal state (alternate screen, cursor) can still be read.
        try tmux(["set-option", "-t", name, "remain-on-exit", "on"])
        try tmux(["set-option", "-t", name, "window-size", "manual"])
        try tmux(["pipe-pane", "-t", name, "-o", "cat >> \(Self.quote(outputFile))"])
        socketPath = try? paneValue("#{socket_path}")
    }

    /// Ends the session (and the program in it) now, not when the last
    /// reference goes: a test that opens a second console on the same
    /// station closes the first.
    public func close() {
        _ = try? tmux(["kill-server"])
    }

    deinit {
        close()
        try? FileManager.default.removeItem(atPath: exitFile)
        try? FileManager.default.removeItem(atPath: outputFile)
        // kill-server leaves the socket file behind.
        if let socketPath, !socketPath.isEmpty { try? FileManager.default.removeItem(atPath: socketPath) }
    }

    public static func quote(_ s: String) -> String {
        "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    @discardableResult
    func tmux(_ args: [String]) throws -> String {
        var env = ProcessInfo.processInfo.environment
        env["LANG"] = "C.UTF-8"
        env.removeValue(forKey: "TMUX")
        let result = try Subprocess.run(["tmux", "-L", socket] + args, environment: env)
        let text = result.stdout + result.stderr
        if result.status != 0 {
            throw TmuxError(message: "tmux \(args.joined(separator: " ")) failed: \(text)")
        }
        return result.stdout
    }

    /// Sends keys as tmux names them (`Enter`, `F2`, `C-c`, `Escape`) or literal text with `literal: true`.
    public func send(_ keys: String..., literal: Bool = false) throws {
        try tmux(["send-keys", "-t", name] + (literal ? ["-l"] : []) + keys)
    }

    /// The visible screen, one string per row (trailing spaces trimmed); with `scrollback`,
    /// that many rows above it too (a dead pane may have scrolled its last lines up).
    public func capture(scrollback: Int = 0) throws -> [String] {
        let text = try tmux(["capture-pane", "-p", "-t", name] + (scrollback > 0 ? ["-S", "-\(scrollback)"] : []))
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

    /// Polls `paneValue(format)` until it equals `expected` or `timeout` passes; returns the last value.
    @discardableResult
    public func waitForPaneValue(_ format: String, toBe expected: String, timeout: TimeInterval = 10) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var value = try paneValue(format)
        while value != expected && Date() < deadline {
            Thread.sleep(forTimeInterval: 0.1)
            value = try paneValue(format)
        }
        return value
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
        // The capture may have landed while a frame was still being written
        // (top rows new, bottom rows old): look again once it has settled.
        if condition(screen) {
            Thread.sleep(forTimeInterval: 0.15)
            let settled = try capture()
            if condition(settled) { screen = settled }
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

    /// The bytes written to the terminal so far (from just after the start).
    public func output() -> [UInt8] {
        FileManager.default.contents(atPath: outputFile).map { Array($0) } ?? []
    }

    /// Waits until the recorded output contains `bytes`; returns the output.
    @discardableResult
    public func waitForOutput(containing bytes: String, timeout: TimeInterval = 10) -> [UInt8] {
        let needle = Array(bytes.utf8)
        let deadline = Date().addingTimeInterval(timeout)
        var out = output()
        while out.lastRange(of: needle) == nil && Date() < deadline {
            Thread.sleep(forTimeInterval: 0.1)
            out = output()
        }
        return out
    }

    /// Process id of the program running in the pane (the shell's child).
    public func panePID() throws -> Int32? {
        Int32(try paneValue("#{pane_pid}"))
    }

    /// The pid of the process named `name` that the pane's shell started
    /// (`sh -c "env … prog …; echo $? > exitFile"` makes it the shell's child).
    public func programPID(named name: String = "zhiban") throws -> Int32? {
        guard let shell = try panePID() else { return nil }
        let result = try Subprocess.run(["pgrep", "-P", "\(shell)", "-x", name])
        let pids = result.stdout.split(separator: "\n").compactMap { Int32($0) }
        return pids.count == 1 ? pids[0] : nil
    }
}

public struct TmuxError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

/// Runs the zhiban binary to completion and collects its output
/// (LANG=C.UTF-8 unless `environment` says otherwise).
public func runZhiban(_ arguments: [String], environment: [String: String] = [:], stdin: String? = nil) throws -> CommandResult {
    var env = ProcessInfo.processInfo.environment
    env["LANG"] = "C.UTF-8"
    env.merge(environment) { $1 }
    return try Subprocess.run([TestPaths.zhibanBinary] + arguments, environment: env, stdin: stdin)
}

extension Array where Element == UInt8 {
    /// Index of the last occurrence of `needle`.
    public func lastRange(of needle: [UInt8]) -> Int? {
        guard !needle.isEmpty, needle.count <= count else { return nil }
        for start in stride(from: count - needle.count, through: 0, by: -1)
        where self[start] == needle[0] && Array(self[start..<start + needle.count]) == needle {
            return start
        }
        return nil
    }
}

/// A drill station for end-to-end tests (written under `--now`): created at `now` (records carry hybrid-logical
/// stamps, which never go back, so a station made at the real time would stamp
/// everything after a drill time later), with the sample roster and contacts
/// imported by 王芳. Returns its folder and the import's output.
public func sampleStation(_ label: String, now: String) throws -> (data: String, dir: URL, imported: CommandResult) {
    let dir = TestPaths.temporaryDirectory(label)
    let data = dir.appendingPathComponent("station").path
    let sampleData = TestPaths.repositoryRoot.appendingPathComponent("SampleData")
    let created = try runZhiban(["init", "--drill", "--name", "泰州市应急管理局总值班室", "--code", "TZ", "--data", data, "--now", now])
    try #require(created.status == 0, "init: \(created.stdout) \(created.stderr)")
    let files = ["taizhou-roster.csv", "taizhou-contacts.csv"].map { sampleData.appendingPathComponent($0).path }
    let imported = try runZhiban(["import"] + files + ["--data", data, "--now", now, "--operator", "王芳"])
    try #require(imported.status == 0, "import: \(imported.stdout) \(imported.stderr)")
    return (data, dir, imported)
}

extension TmuxSession {
    /// Waits until `condition` holds; records a failure with the screen if it never does.
    @discardableResult
    public func expect(_ what: String, timeout: TimeInterval = 15, sourceLocation: SourceLocation = #_sourceLocation,
                       _ condition: @escaping ([String]) -> Bool) throws -> [String] {
        let screen = try waitFor(timeout: timeout, condition)
        if !condition(screen) {
            Issue.record("never saw \(what); screen:\n\(screen.joined(separator: "\n"))", sourceLocation: sourceLocation)
        }
        return screen
    }

    /// Waits until `text` is on the screen.
    @discardableResult
    public func expect(text: String, timeout: TimeInterval = 15, sourceLocation: SourceLocation = #_sourceLocation) throws -> [String] {
        try expect("\"\(text)\"", timeout: timeout, sourceLocation: sourceLocation) { $0.joined(separator: "\n").contains(text) }
    }
}
