import ConsoleTestSupport
import Foundation
import TerminalUI
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The monkey of #18 against the real binary in tmux: 10,000 random keys
/// (printable, Chinese, awkward characters, named and function keys,
/// Ctrl and Alt, pastes, quits) in bursts, with a resize every hundred keys or
/// so from 20×6 to 300×100, on a drill station. After every burst: the console
/// is alive, or it ended with status 0 (then it is started again, and if it left
/// an intake draft, the new console offers exactly that draft); the screen tmux
/// holds and the bytes the console wrote on its screen carry no control
/// character; the draft on disk is always whole JSON. After a resize the console
/// has redrawn for the new size. At the end a console killed with SIGKILL
/// mid-intake gives the typed text back.
///
/// The keys come from a seeded SplitMix64 (ZHIBAN_MONKEY_SEED overrides it), so a
/// failure names its seed and the bursts before it. Timing is the terminal's, so
/// two runs of one seed may part where a key races a redraw or an exit.
/// ZHIBAN_MONKEY_HOLD=1 keeps a failing console open for ten minutes (its tmux
/// socket and pid are printed), to look at it or attach a debugger.
@Suite(.serialized) struct MonkeyEndToEndTests {
    static let now = "2026-11-23T09:10:00+08:00"
    static let defaultSeed: UInt64 = 0x6D6F_6E6B_6579  // "monkey"
    static let keyCount = 10_000
    static let minimumSize = Size(width: 60, height: 16)
    static let smallest = Size(width: 20, height: 6)
    static let largest = Size(width: 300, height: 100)

    static var seed: UInt64 {
        guard let text = ProcessInfo.processInfo.environment["ZHIBAN_MONKEY_SEED"], !text.isEmpty else { return defaultSeed }
        if text.lowercased().hasPrefix("0x") { return UInt64(text.dropFirst(2), radix: 16) ?? defaultSeed }
        return UInt64(text) ?? defaultSeed
    }

    // MARK: - The monkey

    /// Keys as tmux names them, weighted like the in-memory monkey (MonkeyTests):
    /// toward what moves between screens, opens forms and types into them.
    struct Monkey {
        var random: SplitMix64
        static let printable = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 !\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
        static let chinese = MonkeyAlphabet.chinese
        /// C0 and C1 controls, DEL, a bidi override, zero-width and combining marks,
        /// wide emoji sequences, U+FFFD. (NUL cannot travel in an argument: C-Space sends it.)
        static let awkward = MonkeyAlphabet.awkward
        static let named = ["Enter", "Tab", "BTab", "BSpace", "DC", "IC", "Escape", "Up", "Down", "Left", "Right",
                            "Home", "End", "PPage", "NPage"]
        static let letters = Array("abcdefghijklmnopqrstuvwxyz")
        static let alphanumerics = Array("abcdefghijklmnopqrstuvwxyz0123456789")

        mutating func pick<T>(_ from: [T]) -> T { from[Int(random.next() % UInt64(from.count))] }
        mutating func chance(perMille: UInt64) -> Bool { random.next() % 1000 < perMille }

        /// One key: the tmux argument and how the history shows it.
        mutating func key() -> (argument: String, shown: String) {
            func character(_ c: Character) -> (String, String) { (String(c), shown(String(c))) }
            switch random.next() % 1000 {
            case 0..<300: return character(pick(Self.printable))
            case 300..<400: return character(pick(Self.chinese))
            case 400..<430: return chance(perMille: 60) ? ("C-Space", "C-Space") : character(pick(Self.awkward))
            case 430..<730: let name = pick(Self.named); return (name, name)
            case 730..<830: let name = "F\(1 + random.next() % 12)"; return (name, name)
            // Ctrl-Z too: the console runs in raw mode, so it is a key, not a stop.
            case 830..<875: let name = "C-" + String(pick(Self.letters)); return (name, name)
            case 875..<975: return character(pick(Array("0123456789:?/nea")))  // screen keys and the commonest commands
            case 975..<995:
                let name = "M-" + (chance(perMille: 500) ? String(pick(Self.alphanumerics)) : pick(Self.named))
                return (name, name)
            default:  // quit, a little more often than the printable q and Ctrl-C alone would
                let name = pick(["q", "C-c"])
                return (name, name)
            }
        }

        /// Text pasted (or typed in one burst): 1 to 40 characters, a quarter of them awkward.
        mutating func pasteText() -> String { random.monkeyText(printable: Self.printable) }

        mutating func size() -> Size {
            let size = random.monkeySize()
            return Size(width: size.width, height: size.height)
        }

        /// 10 to 25 keys and, now and then, a paste: runs of keys go in one send-keys,
        /// a paste in a literal one (bracketed half the time).
        mutating func burst() -> Burst {
            var burst = Burst()
            var keys: [String] = []
            for _ in 0..<(10 + Int(random.next() % 16)) {
                if chance(perMille: 15) {
                    if !keys.isEmpty { burst.segments.append((literal: false, keys)) }
                    keys = []
                    let text = pasteText()
                    let bracketed = chance(perMille: 500)
                    burst.segments.append((literal: true, [bracketed ? "\u{1B}[200~" + text + "\u{1B}[201~" : text]))
                    burst.shown.append((bracketed ? "paste[] " : "paste ") + shown(text))
                    burst.pastes += 1
                } else {
                    let key = key()
                    keys.append(key.argument)
                    burst.shown.append(key.shown)
                }
                burst.keys += 1
            }
            if !keys.isEmpty { burst.segments.append((literal: false, keys)) }
            return burst
        }
    }

    /// Text quoted for the history, every control, format and combining character as \u{…}.
    static func shown(_ text: String) -> String {
        "\"" + text.unicodeScalars.map { scalar -> String in
            switch scalar.properties.generalCategory {
            case .control, .format, .nonspacingMark, .lineSeparator, .paragraphSeparator:
                return "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            default:
                return scalar == "\"" || scalar == "\\" ? "\\" + String(scalar) : String(scalar)
            }
        }.joined() + "\""
    }

    struct Burst {
        var segments: [(literal: Bool, arguments: [String])] = []
        var shown: [String] = []
        var keys = 0
        var pastes = 0
    }

    // MARK: - What the console wrote

    /// Reads the bytes the console wrote as a terminal would, and finds what it
    /// must never write on its screen (between entering and leaving the alternate
    /// screen): a C0 control other than BS, HT, LF, CR and BEL (the bell) outside
    /// an escape sequence, DEL, a C1 control, a bidi embedding, override or
    /// isolate, malformed UTF-8 or an escape sequence of no known form.
    /// (Before and after the alternate screen the terminal echoes typed keys.)
    struct OutputScanner {
        enum State { case ground, escape, csi, osc, oscEscape, string, stringEscape, designate }
        var state = State.ground
        var onScreen = false
        var csi: [UInt8] = []
        var scalar: UInt32 = 0
        var need = 0
        var offset = 0
        var recent: [UInt8] = []

        /// The first problem in `data`, with the bytes before it.
        mutating func scan(_ data: Data) -> String? {
            data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) -> String? in
                for (i, byte) in buffer.enumerated() {
                    if let problem = step(byte) {
                        let before = Data(buffer[max(0, i - 120)...i])
                        return "\(problem) at byte \(offset + i) of the output; the bytes up to it: "
                            + String(decoding: before, as: UTF8.self).debugDescription
                    }
                }
                offset += buffer.count
                return nil
            }
        }

        mutating func step(_ byte: UInt8) -> String? {
            switch state {
            case .ground:
                if need > 0 {
                    guard byte & 0xC0 == 0x80 else { need = 0; return onScreen ? "malformed UTF-8" : nil }
                    scalar = scalar << 6 | UInt32(byte & 0x3F)
                    need -= 1
                    guard need == 0, onScreen else { return nil }
                    if (0x80...0x9F).contains(scalar) { return "C1 control U+\(String(scalar, radix: 16, uppercase: true))" }
                    if (0x202A...0x202E).contains(scalar) || (0x2066...0x2069).contains(scalar) {
                        return "bidi control U+\(String(scalar, radix: 16, uppercase: true))"
                    }
                    return nil
                }
                switch byte {
                case 0x20..<0x7F: return nil
                case 0x1B: state = .escape; return nil
                case 0x07, 0x08, 0x09, 0x0A, 0x0D: return nil
                case 0xC2...0xDF: need = 1; scalar = UInt32(byte & 0x1F); return nil
                case 0xE0...0xEF: need = 2; scalar = UInt32(byte & 0x0F); return nil
                case 0xF0...0xF4: need = 3; scalar = UInt32(byte & 0x07); return nil
                case 0x7F: return onScreen ? "DEL" : nil
                case 0x80...0xFF: return onScreen ? "malformed UTF-8 (byte 0x\(String(byte, radix: 16)))" : nil
                default: return onScreen ? "C0 control 0x\(String(byte, radix: 16)) outside an escape sequence" : nil
                }
            case .escape:
                switch byte {
                case UInt8(ascii: "["): state = .csi; csi = []
                case UInt8(ascii: "]"): state = .osc
                case UInt8(ascii: "P"), UInt8(ascii: "X"), UInt8(ascii: "^"), UInt8(ascii: "_"): state = .string
                case 0x20...0x2F: state = .designate  // ESC ( B, ESC ) 0, ESC # 8 …
                case 0x30...0x7E: state = .ground  // ESC 7, ESC =, ESC M …
                default:
                    state = .ground
                    return onScreen ? "an escape sequence of no known form (ESC 0x\(String(byte, radix: 16)))" : nil
                }
                return nil
            case .csi:
                switch byte {
                case 0x20...0x3F: csi.append(byte)
                case 0x40...0x7E:
                    state = .ground
                    if csi == Array("?1049".utf8) {
                        if byte == UInt8(ascii: "h") { onScreen = true }
                        if byte == UInt8(ascii: "l") { onScreen = false }
                    }
                default:
                    state = .ground
                    return onScreen ? "a broken control sequence (CSI \(String(decoding: csi, as: UTF8.self).debugDescription) 0x\(String(byte, radix: 16)))" : nil
                }
                return nil
            case .osc:
                if byte == 0x07 { state = .ground } else if byte == 0x1B { state = .oscEscape }
                return nil
            case .oscEscape, .stringEscape:
                state = byte == UInt8(ascii: "\\") ? .ground : (state == .oscEscape ? .osc : .string)
                return nil
            case .string:
                if byte == 0x1B { state = .stringEscape }
                return nil
            case .designate:
                state = .ground
                return nil
            }
        }
    }

    // MARK: - Reading the screen

    /// C0 and C1 controls and DEL, and the bidi embeddings, overrides and isolates.
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.generalCategory == .control
            || (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value)
    }

    static func controlIn(_ screen: [String]) -> (row: Int, scalar: UInt32)? {
        for (y, row) in screen.enumerated() {
            for scalar in row.unicodeScalars where isControl(scalar) { return (y, scalar.value) }
        }
        return nil
    }

    /// The screen without any white space (text wrapped over rows reads as one).
    static func squeezed(_ screen: [String]) -> String {
        String(screen.joined().unicodeScalars.filter { !$0.properties.isWhitespace })
    }

    static func saysTooSmall(_ screen: [String]) -> Bool {
        let text = squeezed(screen)
        return text.contains("terminaltoosmall(need") || text.contains("终端太小（至少需要")
    }

    static let resumeTitles = ["An unsaved intake was found", "有未保存的接报登记"]

    /// The row as (display column, character) pairs.
    static func columns(_ row: String) -> [(column: Int, character: Character)] {
        var column = 0
        return row.map { character in
            defer { column += String(character).displayWidth }
            return (column, character)
        }
    }

    /// The text inside the resume-draft box (squeezed), or nil when it is not on screen.
    static func resumeOffer(_ screen: [String]) -> String? {
        for top in screen.indices {
            guard let title = resumeTitles.first(where: { screen[top].contains($0) }),
                  let at = screen[top].range(of: title) else { continue }
            let titleColumn = String(screen[top][..<at.lowerBound]).displayWidth
            let cells = columns(screen[top])
            guard let left = cells.last(where: { $0.character == "┌" && $0.column < titleColumn })?.column,
                  let right = cells.first(where: { $0.character == "┐" && $0.column > titleColumn })?.column else { return nil }
            return boxText(screen, below: top, left: left, right: right)
        }
        return nil
    }

    static func boxText(_ screen: [String], below top: Int, left: Int, right: Int) -> String {
        var text = ""
        for row in screen[(top + 1)...] {
            let inside = columns(row)
            guard inside.first(where: { $0.column == left })?.character == "│" else { break }
            text += String(inside.filter { $0.column > left && $0.column < right }.map(\.character))
        }
        return String(text.unicodeScalars.filter { !$0.properties.isWhitespace })
    }

    static func showsBoard(_ screen: [String]) -> Bool {
        screen.contains { $0.contains("Duty board") || $0.contains("值班总览") }
    }

    /// tmux on the server at `socket` (TmuxSession's own server), arguments as given.
    static func tmux(socket: String, _ arguments: [String]) throws -> CommandResult {
        var env = ProcessInfo.processInfo.environment
        env["LANG"] = "C.UTF-8"
        env.removeValue(forKey: "TMUX")
        return try Subprocess.run(["tmux", "-S", socket] + arguments, environment: env)
    }

    // MARK: - One run

    final class Run {
        let seed: UInt64
        var monkey: Monkey
        let data: String
        var session: TmuxSession
        var socket = ""
        var size = Size(width: 80, height: 24)
        var language = "en"
        var scanner = OutputScanner()
        var scanned = 0
        var sessions = 0, restarts = 0, resizes = 0, resumeOffers = 0, pastes = 0, keys = 0, bursts = 0, burstsWithDraft = 0
        var history: [String] = []
        var failed = false
        var restartSeconds = 0.0, resizeSeconds = 0.0, slowestResize = 0.0

        init(seed: UInt64, data: String) throws {
            self.seed = seed
            monkey = Monkey(random: SplitMix64(seed: seed))
            self.data = data
            session = try Self.open(data: data, language: "en", size: size)
            try adopt(session)
        }

        var draftPath: String { data + "/drafts/intake.json" }

        /// The console in tmux. The program starts a moment after tmux, once the
        /// pane's output is recorded from its first byte.
        static func open(data: String, language: String, size: Size) throws -> TmuxSession {
            try TmuxSession(["sh", "-c", "sleep 0.2; exec \"$0\" \"$@\"", TestPaths.zhibanBinary, "--data", data,
                             "--now", MonkeyEndToEndTests.now, "--lang", language, "--operator", "王芳"],
                            width: size.width, height: size.height, environment: ["LANG": "C.UTF-8"], label: "zb-monkey")
        }

        func adopt(_ session: TmuxSession) throws {
            self.session = session
            socket = try session.paneValue("#{socket_path}")
            scanner = OutputScanner()
            scanned = 0
            sessions += 1
        }

        func note(_ line: String) {
            history.append(line)
            if history.count > 24 { history.removeFirst(history.count - 24) }
        }

        /// Records the failure with everything needed to replay it; the run stops.
        func fail(_ what: String, screen: [String]? = nil, sourceLocation: SourceLocation = #_sourceLocation) {
            failed = true
            let shown = screen ?? (try? session.capture()) ?? []
            Issue.record("""
                \(what)
                seed 0x\(String(seed, radix: 16)) (ZHIBAN_MONKEY_SEED), after \(keys) keys in \(bursts) bursts, console \(sessions) (--lang \(language)) at \(size.width)×\(size.height), \(restarts) restarts, \(resizes) resizes
                the last bursts:
                \(history.joined(separator: "\n"))
                screen:
                \(shown.joined(separator: "\n"))
                """, sourceLocation: sourceLocation)
            if ProcessInfo.processInfo.environment["ZHIBAN_MONKEY_HOLD"] != nil {
                print("HOLD socket \(socket) session \(session.name) pid \(String(describing: try? session.programPID()))")
                Thread.sleep(forTimeInterval: 600)
            }
        }

        /// drafts/intake.json as strings (nil: none); a failure if it is not whole JSON.
        func draft() -> (ok: Bool, values: [String: String]?) {
            if FileManager.default.fileExists(atPath: draftPath + ".unreadable") {
                fail("drafts/intake.json.unreadable: the console found a draft it could not read")
                return (false, nil)
            }
            guard let bytes = FileManager.default.contents(atPath: draftPath) else { return (true, nil) }
            guard let values = (try? JSONSerialization.jsonObject(with: bytes)) as? [String: String] else {
                fail("drafts/intake.json is not a JSON object of strings: \(String(decoding: bytes, as: UTF8.self).debugDescription)")
                return (false, nil)
            }
            return (true, values)
        }

        /// Scans what the console wrote since the last look.
        func scanOutput() -> Bool {
            guard let handle = FileHandle(forReadingAtPath: session.outputFile) else { return true }
            defer { try? handle.close() }
            guard (try? handle.seek(toOffset: UInt64(scanned))) != nil, let data = try? handle.readToEnd(), !data.isEmpty else { return true }
            scanned += data.count
            if let problem = scanner.scan(data) {
                fail("the console wrote on its screen \(problem)")
                return false
            }
            return true
        }

        // MARK: Steps

        /// A burst of keys; with `resize`, the resize rides in the same tmux command
        /// as the last keys, so it comes while the console is still reading them.
        func burst(resizingTo resize: Size? = nil) throws {
            let burst = monkey.burst()
            bursts += 1
            note("burst \(bursts) (keys \(keys + 1)…\(keys + burst.keys)): " + burst.shown.joined(separator: " "))
            for (i, segment) in burst.segments.enumerated() {
                // "--" ends the options; a trailing ";" would end the tmux command ("\\;" is a semicolon).
                let escaped = segment.arguments.map { $0.hasSuffix(";") ? String($0.dropLast()) + "\\;" : $0 }
                var arguments = ["send-keys", "-t", session.name] + (segment.literal ? ["-l"] : []) + ["--"] + escaped
                if let resize, i == burst.segments.count - 1 {
                    arguments += [";", "resize-window", "-t", session.name, "-x", "\(resize.width)", "-y", "\(resize.height)"]
                }
                // A dead pane takes no keys; the check below finds why it died.
                guard try tmux(socket: socket, arguments).status == 0 else { break }
            }
            keys += burst.keys
            pastes += burst.pastes
            if let resize {
                note("resize \(resize.width)×\(resize.height) with the last keys")
                try awaitDrawn(resize)
                if failed { return }
            }
            // A moment (0 to 30 ms) for the console to take the burst: bursts seldom run
            // together, and what comes next lands at any point of its reading and drawing.
            Thread.sleep(forTimeInterval: Double(monkey.random.next() % 31) / 1000)
            try check()
        }

        /// After a burst: the console alive with a clean screen and a whole draft,
        /// or ended with status 0 and started again.
        func check() throws {
            let pane = try session.paneValue("#{pane_dead} #{alternate_on}")
            let dead = pane.hasPrefix("1"), onAlternate = pane.hasSuffix("1")
            if !dead && onAlternate {
                let screen = try session.capture()
                if let control = MonkeyEndToEndTests.controlIn(screen) {
                    return fail("a control character U+\(String(control.scalar, radix: 16, uppercase: true)) on row \(control.row)", screen: screen)
                }
            }
            guard scanOutput() else { return }
            let (ok, values) = draft()
            guard ok else { return }
            if values != nil { burstsWithDraft += 1 }
            if dead || !onAlternate { try restart() }
        }

        /// The console ended (a quit key): it must have ended with 0; a new one starts
        /// on the same station, and offers the draft the last one left.
        func restart() throws {
            let started = Date()
            defer { restartSeconds += Date().timeIntervalSince(started) }
            guard let status = session.exitStatus(timeout: 20) else {
                return fail("the console left its screen but did not end (or died without a status)")
            }
            guard status == 0 else { return fail("the console ended with status \(status)") }
            guard scanOutput() else { return }
            let (ok, left) = draft()
            guard ok else { return }
            restarts += 1
            language = language == "en" ? "zh" : "en"
            note("exit 0; restart \(restarts) (--lang \(language)) at \(size.width)×\(size.height)"
                 + (left.map { ", draft of \($0.keys.filter { $0.hasPrefix("field.") }.count) fields on disk" } ?? ", no draft"))
            session.close()
            try adopt(try Self.open(data: data, language: language, size: size))
            try opened(draft: left)
        }

        /// The console just started: it is up, and offers `draft` when there is one (and only then).
        func opened(draft expected: [String: String]?) throws {
            guard try session.waitForPaneValue("#{alternate_on}", toBe: "1", timeout: 30) == "1" else {
                return fail("the console did not start (status \(session.exitStatus(timeout: 1).map(String.init) ?? "none"))")
            }
            guard let expected else {
                let screen = try session.waitFor(timeout: 20) { self.tooSmall ? saysTooSmall($0) : showsBoard($0) }
                if tooSmall ? !saysTooSmall(screen) : !showsBoard(screen) {
                    return fail("the new console does not show \(tooSmall ? "that the terminal is too small" : "the board")", screen: screen)
                }
                if resumeOffer(screen) != nil { return fail("a draft is offered with none on disk", screen: screen) }
                return
            }
            // The offer needs a screen it fits on.
            if size.width < 80 || size.height < 24 {
                try resize(to: Size(width: max(size.width, 80), height: max(size.height, 24)))
                if failed { return }
            }
            let fields = expected.keys.filter { $0.hasPrefix("field.") }.count
            let counts = ["(\(fields)fieldsfilled)", "已填\(fields)项"]
            let screen = try session.waitFor(timeout: 20) { screen in
                resumeOffer(screen).map { offer in counts.contains { offer.contains($0) } } == true
            }
            guard let offer = resumeOffer(screen) else {
                return fail("the draft left on disk (\(fields) fields) is not offered: \(expected)", screen: screen)
            }
            guard counts.contains(where: { offer.contains($0) }) else {
                return fail("the offer does not count the \(fields) fields of the draft on disk: \(offer)", screen: screen)
            }
            resumeOffers += 1
            let (ok, now) = draft()
            guard ok else { return }
            if now != expected { fail("the draft changed when it was offered: \(String(describing: now)), was \(expected)", screen: screen) }
        }

        var tooSmall: Bool { size.width < MonkeyEndToEndTests.minimumSize.width || size.height < MonkeyEndToEndTests.minimumSize.height }

        /// Resizes, and waits for the console to draw for the new size: the
        /// too-small notice naming it, or (big enough) a status bar to the right edge.
        func resize(to new: Size) throws {
            try session.resize(width: new.width, height: new.height)
            note("resize \(new.width)×\(new.height)")
            try awaitDrawn(new)
        }

        /// After a resize to `new`: waits for the console to draw for it.
        func awaitDrawn(_ new: Size) throws {
            let started = Date()
            defer {
                resizeSeconds += Date().timeIntervalSince(started)
                slowestResize = max(slowestResize, Date().timeIntervalSince(started))
            }
            size = new
            resizes += 1
            let small = tooSmall
            let drawn = { (screen: [String]) -> Bool in
                guard screen.count == new.height else { return false }
                if small { return saysTooSmall(screen) && squeezed(screen).contains("\(new.width)×\(new.height)") }
                return !saysTooSmall(screen) && (screen.last?.displayWidth ?? 0) >= new.width - 2
            }
            let deadline = Date().addingTimeInterval(20)
            var screen = try session.capture()
            while !drawn(screen) {
                // A quit key still on its way ends the console: the check after the next burst sees to it.
                if try session.paneValue("#{pane_dead} #{alternate_on}") != "0 1" { return }
                if Date() > deadline {
                    return fail("the console did not draw for \(new.width)×\(new.height) (it draws every second, for the clock)", screen: screen)
                }
                Thread.sleep(forTimeInterval: 0.05)
                screen = try session.capture()
            }
        }

        /// The monkey's console ends on SIGTERM with status 0.
        func end() throws {
            if try session.paneValue("#{pane_dead}") == "1" { return try check() }
            guard let pid = try session.programPID() else { return fail("zhiban's pid not found") }
            #expect(kill(pid, SIGTERM) == 0)
            guard let status = session.exitStatus(timeout: 20) else { return fail("the console did not end on SIGTERM") }
            if status != 0 { return fail("the console ended on SIGTERM with status \(status)") }
            _ = scanOutput()
        }
    }

    // MARK: - The test

    @Test func tenThousandRandomKeysWithResizesAgainstTheRealBinary() throws {
        let seed = Self.seed
        let started = Date()
        let (data, dir, _) = try sampleStation("zb-monkey", now: Self.now)
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try Run(seed: seed, data: data)
        defer { run.session.close() }
        print("MonkeyEndToEndTests: seed 0x\(String(seed, radix: 16)) (set ZHIBAN_MONKEY_SEED to replay)")
        try run.opened(draft: nil)
        guard !run.failed else { return }

        // The extremes first, then the edge of too small, then anywhere.
        var planned = [Self.smallest, Self.largest, Self.minimumSize, Size(width: 59, height: 16), Size(width: 60, height: 15)]
        var nextResize = 100
        while run.keys < Self.keyCount && !run.failed {
            if run.keys >= nextResize {
                let size = planned.isEmpty ? run.monkey.size() : planned.removeFirst()
                nextResize = run.keys + 60 + Int(run.monkey.random.next() % 81)
                // Half the time between bursts, half the time hard on the last keys of one.
                if run.monkey.chance(perMille: 500) {
                    try run.burst(resizingTo: size)
                    continue
                }
                try run.resize(to: size)
                if run.failed { break }
            }
            try run.burst()
        }
        guard !run.failed else { return }
        try run.end()
        guard !run.failed else { return }

        let seconds = Int(Date().timeIntervalSince(started))
        print("MonkeyEndToEndTests: \(run.keys) keys in \(run.bursts) bursts (\(run.pastes) pastes), \(run.resizes) resizes, "
              + "\(run.restarts) restarts, \(run.resumeOffers) drafts offered back, a draft on disk after \(run.burstsWithDraft) bursts, "
              + "the last console at \(run.size.width)×\(run.size.height) wrote \(run.scanned) bytes, \(seconds) s (\(Int(run.restartSeconds)) s restarting, \(Int(run.resizeSeconds)) s resizing, the slowest \(String(format: "%.1f", run.slowestResize)) s)")
        // The monkey went where the test means it to go.
        #expect(run.keys >= Self.keyCount)
        #expect(run.resizes >= 80, "resizes \(run.resizes)")
        #expect(run.restarts >= 3, "restarts \(run.restarts): the monkey hardly ever quit")
        #expect(run.burstsWithDraft > 0, "the monkey never left anything typed in the intake form")

        try killedMidIntakeGivesTheTextBack(data, seed: seed)
    }

    /// What the monkey found first: a resize that comes while the console reads
    /// an Escape (it looks at once for a key after it, to tell Alt-x) was lost,
    /// and the console went on drawing for the old size (status bar cut off, or
    /// drawn mid-screen) until the next resize. Here Escape and the resize go in
    /// one tmux command, as close together as a terminal can put them.
    @Test func aResizeRightAfterEscapeIsNotLost() throws {
        let (data, dir, _) = try sampleStation("zb-monkey-escape", now: Self.now)
        defer { try? FileManager.default.removeItem(at: dir) }
        let session = try Run.open(data: data, language: "en", size: Size(width: 80, height: 24))
        defer { session.close() }
        try session.expect(text: "Duty board", timeout: 30)
        let socket = try session.paneValue("#{socket_path}")
        for size in [Size(width: 100, height: 30), Size(width: 90, height: 40), Size(width: 120, height: 26), Size(width: 80, height: 24),
                     Size(width: 110, height: 35), Size(width: 84, height: 22), Size(width: 130, height: 45), Size(width: 96, height: 28)] {
            let sent = try Self.tmux(socket: socket, ["send-keys", "-t", session.name, "Escape", ";",
                                                      "resize-window", "-t", session.name, "-x", "\(size.width)", "-y", "\(size.height)"])
            try #require(sent.status == 0, "tmux: \(sent.stderr)")
            let drawn = { (screen: [String]) -> Bool in
                screen.count == size.height && (screen.last?.displayWidth ?? 0) >= size.width - 2 && Self.showsBoard(screen)
            }
            let screen = try session.waitFor(timeout: 10, drawn)
            guard drawn(screen) else {
                Issue.record("after Escape and a resize to \(size.width)×\(size.height) at once, the console does not draw for the new size:\n\(screen.joined(separator: "\n"))")
                return
            }
        }
    }

    /// A console killed (SIGKILL) with text typed in the intake form: the next
    /// offers the draft and, resumed, shows the text.
    func killedMidIntakeGivesTheTextBack(_ data: String, seed: UInt64) throws {
        let draftPath = data + "/drafts/intake.json"
        func draft() throws -> [String: String]? {
            guard let bytes = FileManager.default.contents(atPath: draftPath) else { return nil }
            return try #require(try JSONSerialization.jsonObject(with: bytes) as? [String: String],
                                "drafts/intake.json is not an object of strings: \(String(decoding: bytes, as: UTF8.self))")
        }
        let size = Size(width: 100, height: 30)
        let session = try Run.open(data: data, language: "en", size: size)
        defer { session.close() }
        #expect(try session.waitForPaneValue("#{alternate_on}", toBe: "1", timeout: 30) == "1", "the console did not start")
        // Whatever the monkey left is discarded first.
        if try draft() != nil {
            try session.expect(text: Self.resumeTitles[0], timeout: 20)
            try session.send("d")
            try session.expect(text: "intake draft discarded")
            #expect(try draft() == nil, "the discarded draft is still on disk")
        }
        try session.expect(text: "Duty board", timeout: 20)
        try session.send("2")
        try session.expect(text: "Incident intake · begun")
        let typed = "猴子测试 monkey \(String(seed % 0x10000, radix: 16))"
        try session.send(typed, literal: true)
        try session.expect("the typed reporting unit") { IntakeEndToEndTests.field($0, "Reporting unit", shows: typed) }
        let before = try #require(try draft(), "no drafts/intake.json while typing")
        #expect(before["field.reporterUnit"] == typed, "the draft: \(before)")

        let pid = try #require(try session.programPID(), "zhiban's pid not found")
        #expect(kill(pid, SIGKILL) == 0)
        #expect(session.exitStatus(timeout: 20) == 128 + SIGKILL, "the console was not killed")
        #expect(try draft() == before, "the draft changed when the console was killed")

        let again = try Run.open(data: data, language: "en", size: size)
        defer { again.close() }
        let fields = before.keys.filter { $0.hasPrefix("field.") }.count
        let offered = try again.expect("the draft offered with its \(fields) fields", timeout: 30) {
            Self.resumeOffer($0)?.contains("(\(fields)fieldsfilled)") == true
        }
        #expect(Self.resumeOffer(offered) != nil, "not offered:\n\(offered.joined(separator: "\n"))")
        try again.send("Enter")
        try again.expect("the resumed form with the typed text") { screen in
            screen.contains { $0.contains("Incident intake · begun") } && IntakeEndToEndTests.field(screen, "Reporting unit", shows: typed)
        }
        // Ctrl-C asks; k keeps the draft and leaves with 0.
        try again.send("C-c")
        try again.expect(text: "The intake is not saved")
        try again.send("k")
        #expect(again.exitStatus(timeout: 20) == 0)
        #expect(try draft()?["field.reporterUnit"] == typed, "the kept draft is on disk")
    }
}
