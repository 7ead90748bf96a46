import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What a finished program printed and how it ended.
public struct CommandResult: Sendable {
    /// The exit status, or 128 + the signal number if a signal ended it.
    public var status: Int32
    public var stdout: String
    public var stderr: String
}

public struct SubprocessError: Error, CustomStringConvertible {
    public var description: String
}

/// Runs programs with posix_spawn and waitpid.
///
/// Not Foundation's `Process`: on Linux its `waitUntilExit()` can miss a
/// child's exit when several processes are started from different threads
/// at once (Swift Testing runs suites in parallel), and then waits forever
/// on a zombie. The pipes here are close-on-exec, so a program started
/// concurrently does not inherit another's pipe and hold it open.
public enum Subprocess {
    /// Writing to a child that has closed its input must give EPIPE, not kill the tests.
    private static let ignoreSIGPIPE: Void = { _ = signal(SIGPIPE, SIG_IGN) }()
    private static let spawnLock = NSLock()

    /// Runs `arguments[0]` (searched in PATH if it has no slash) to completion.
    /// `environment` nil means this process's environment.
    public static func run(_ arguments: [String], environment: [String: String]? = nil,
                           stdin: String? = nil) throws -> CommandResult {
        precondition(!arguments.isEmpty)
        _ = ignoreSIGPIPE
        let env = environment ?? ProcessInfo.processInfo.environment
        let argv = arguments.map { strdup($0) } + [nil]
        let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }

        // Pipes are made close-on-exec and the child spawned under one lock, so
        // a child started at the same moment by another test cannot inherit this
        // one's pipes (and keep them open after this child has ended).
        var inPipe: [Int32] = [-1, -1], outPipe: [Int32] = [-1, -1], errPipe: [Int32] = [-1, -1]
        var pid: pid_t = 0
        let spawned: Int32 = spawnLock.withLock {
            guard pipe(&inPipe) == 0, pipe(&outPipe) == 0, pipe(&errPipe) == 0 else { return errno }
            for fd in inPipe + outPipe + errPipe { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }

            var actions = posix_spawn_file_actions_t()
            posix_spawn_file_actions_init(&actions)
            defer { posix_spawn_file_actions_destroy(&actions) }
            posix_spawn_file_actions_adddup2(&actions, inPipe[0], 0)
            posix_spawn_file_actions_adddup2(&actions, outPipe[1], 1)
            posix_spawn_file_actions_adddup2(&actions, errPipe[1], 2)

            // The child starts with default signal handling and nothing blocked,
            // whatever the test runner did to its own signals.
            var attributes = posix_spawnattr_t()
            posix_spawnattr_init(&attributes)
            defer { posix_spawnattr_destroy(&attributes) }
            var all = sigset_t(), none = sigset_t()
            sigfillset(&all)
            sigemptyset(&none)
            posix_spawnattr_setsigdefault(&attributes, &all)
            posix_spawnattr_setsigmask(&attributes, &none)
            posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
            return posix_spawnp(&pid, arguments[0], &actions, &attributes, argv, envp)
        }
        for fd in [inPipe[0], outPipe[1], errPipe[1]] where fd >= 0 { close(fd) }
        guard spawned == 0 else {
            for fd in [inPipe[1], outPipe[0], errPipe[0]] where fd >= 0 { close(fd) }
            throw SubprocessError(description: "cannot start \(arguments[0]): \(String(cString: strerror(spawned)))")
        }

        // Feed standard input and drain both outputs together, so that no
        // full pipe can stall the child while we wait on another.
        var input = Array((stdin ?? "").utf8)[...]
        var out: [UInt8] = [], err: [UInt8] = []
        var inFD = inPipe[1], outFD = outPipe[0], errFD = errPipe[0]
        if input.isEmpty { close(inFD); inFD = -1 }
        var buffer = [UInt8](repeating: 0, count: 65536)
        while inFD >= 0 || outFD >= 0 || errFD >= 0 {
            var fds = [pollfd(fd: inFD, events: Int16(POLLOUT), revents: 0),
                       pollfd(fd: outFD, events: Int16(POLLIN), revents: 0),
                       pollfd(fd: errFD, events: Int16(POLLIN), revents: 0)]
            let ready = poll(&fds, 3, -1)
            if ready < 0 {
                if errno == EINTR { continue }
                break
            }
            if inFD >= 0, fds[0].revents != 0 {
                let n = input.withUnsafeBytes { write(inFD, $0.baseAddress, $0.count) }
                if n > 0 { input = input.dropFirst(n) }
                if n < 0 || input.isEmpty {
                    close(inFD)
                    inFD = -1
                }
            }
            for (index, fd) in [(1, outFD), (2, errFD)] where fd >= 0 && fds[index].revents != 0 {
                let n = read(fd, &buffer, buffer.count)
                if n > 0 {
                    if index == 1 { out += buffer[0..<n] } else { err += buffer[0..<n] }
                } else if n == 0 || errno != EINTR {
                    close(fd)
                    if index == 1 { outFD = -1 } else { errFD = -1 }
                }
            }
        }

        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let signal = status & 0x7F
        let code = signal == 0 ? (status >> 8) & 0xFF : 128 + signal
        return CommandResult(status: code, stdout: String(decoding: out, as: UTF8.self),
                             stderr: String(decoding: err, as: UTF8.self))
    }
}
