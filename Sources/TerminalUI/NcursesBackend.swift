import CNcursesw
#if canImport(Glibc)
import Glibc
#endif

public struct TerminalUnavailable: Error, CustomStringConvertible {
    public var description: String
}

/// The only code that calls ncurses. It copies changed cells into the curses
/// screen and lets ncurses work out the cheapest output (`wnoutrefresh` +
/// `doupdate`); it never clears the screen per frame.
public final class NcursesBackend: TerminalBackend {
    public private(set) var size: Size
    public let capability: ColorCapability
    private let window: UnsafeMutablePointer<WINDOW>
    private let screen: OpaquePointer
    private var previous: ScreenBuffer?
    /// A resize read while looking past an Esc (for Alt-x) or inside a paste:
    /// handed back as the next event, so the new size is never lost (found by the tmux monkey, #18).
    private var pendingResize: Size?
    private var colorPairs: [PairKey: Int16] = [:]
    private var isOpen = true
    private var cursorVisible: Int32 = -1

    private struct PairKey: Hashable {
        var foreground: Int16
        var background: Int16
    }

    /// Takes over the terminal. The caller must have called `setlocale` first so
    /// that ncurses reads and writes UTF-8.
    public init() throws {
        guard let screen = newterm(nil, zb_stdout(), zb_stdin()) else {
            throw TerminalUnavailable(description: "cannot open the terminal (TERM=\(String(cString: getenv("TERM") ?? strdup("")))); run zhiban in a terminal such as xterm, tmux or the Linux console")
        }
        self.screen = screen
        set_term(screen)
        guard let window = zb_stdscr() else {
            endwin()
            throw TerminalUnavailable(description: "ncurses gave no screen")
        }
        self.window = window
        raw()  // Ctrl-C, Ctrl-S, Ctrl-Z arrive as keys; the console decides what they do
        noecho()
        nonl()
        keypad(window, true)
        meta(window, true)
        set_escdelay(25)
        scrollok(window, false)
        var colors = 0
        if has_colors() {
            start_color()
            use_default_colors()
            colors = Int(zb_colors())
        }
        capability = ColorCapability(colorCount: colors)
        size = Size(width: Int(zb_getmaxx(window)), height: Int(zb_getmaxy(window)))
        setCursor(visible: false)
        // Bracketed paste: the terminal marks pasted text, so a pasted line break is not Enter
        // and the text after it is not commands (terminals without it ignore the request).
        Self.sendToTerminal("\u{1B}[?2004h")
    }

    private static func sendToTerminal(_ sequence: String) {
        fflush(zb_stdout())
        var bytes = Array(sequence.utf8)
        _ = bytes.withUnsafeMutableBytes { Glibc.write(1, $0.baseAddress, $0.count) }
    }

    deinit { shutdown() }

    /// Gives the terminal back as it was. Safe to call more than once.
    public func shutdown() {
        guard isOpen else { return }
        isOpen = false
        setCursor(visible: true)
        Self.sendToTerminal("\u{1B}[?2004l")
        endwin()
        delscreen(screen)
    }

    /// The terminal's new size, taken after KEY_RESIZE; the next frame is drawn whole.
    private func takeResize() -> Size {
        size = Size(width: Int(zb_getmaxx(window)), height: Int(zb_getmaxy(window)))
        previous = nil
        return size
    }

    public func nextEvent(timeoutMilliseconds: Int) -> InputEvent? {
        if let pending = pendingResize { pendingResize = nil; return .resize(pending) }
        wtimeout(window, Int32(timeoutMilliseconds))
        var code: wint_t = 0
        let result = wget_wch(window, &code)
        if result == ERR { return nil }
        if result == zb_key_code_yes() {
            if Int32(code) == KeyDecoder.Code.resize.rawValue { return .resize(takeResize()) }
            return KeyDecoder.functionKey(Int32(code)).map { .key(KeyPress($0)) }
        }
        guard let key = KeyDecoder.character(UInt32(code)) else { return nil }
        if key == .escape {
            // Alt-x arrives as ESC followed at once by x.
            wtimeout(window, 0)
            var next: wint_t = 0
            let r = wget_wch(window, &next)
            if r == OK, next == 0x5B, let pasted = readPaste() { return .paste(pasted) }
            if r == OK, let k = KeyDecoder.character(UInt32(next)), k != .escape {
                return .key(KeyPress(k, alt: true))
            }
            if r == zb_key_code_yes(), Int32(next) == KeyDecoder.Code.resize.rawValue {
                pendingResize = takeResize()
                return .key(KeyPress(key))
            }
            if r == zb_key_code_yes(), let k = KeyDecoder.functionKey(Int32(next)) {
                return .key(KeyPress(k, alt: true))
            }
        }
        return .key(KeyPress(key))
    }

    /// After ESC [: the rest of "200~" and then the pasted text up to ESC [ 201 ~
    /// (bracketed paste), or nil (the characters read are not a paste start; they are dropped,
    /// as an unknown escape sequence is).
    private func readPaste() -> String? {
        var scalars: [UInt32] = []
        func next(timeout: Int32) -> UInt32? {
            wtimeout(window, timeout)
            var code: wint_t = 0
            var r = wget_wch(window, &code)
            while r == zb_key_code_yes(), Int32(code) == KeyDecoder.Code.resize.rawValue {
                pendingResize = takeResize()
                r = wget_wch(window, &code)
            }
            return r == OK ? UInt32(code) : nil
        }
        for expected in Array("200~".unicodeScalars) {
            guard let c = next(timeout: 0), c == expected.value else { return nil }
        }
        let end = Array("\u{1B}[201~".unicodeScalars).map(\.value)
        // A paste ends with its closing mark; one that never ends stops after a megabyte or a second's silence.
        while scalars.count < 1 << 20, let c = next(timeout: 1000) {
            scalars.append(c)
            if scalars.count >= end.count, Array(scalars.suffix(end.count)) == end {
                scalars.removeLast(end.count)
                break
            }
        }
        var text = String.UnicodeScalarView()
        for value in scalars { if let scalar = Unicode.Scalar(value) { text.append(scalar) } }
        return String(text)
    }

    public func present(_ frame: ScreenBuffer, cursor: Position?) {
        guard isOpen else { return }
        for run in frame.changes(since: previous) {
            var x = run.x
            for cell in run.cells {
                defer { x += 1 }
                if cell.isContinuation { continue }
                draw(cell, x: x, y: run.y)
            }
        }
        previous = frame
        if let cursor, frame.bounds.contains(cursor) {
            setCursor(visible: true)
            wmove(window, Int32(cursor.y), Int32(cursor.x))
        } else {
            setCursor(visible: false)
        }
        wnoutrefresh(window)
        doupdate()
    }

    public func invalidate() {
        previous = nil
        clearok(window, true)
    }

    public func bell() { beep() }

    private func draw(_ cell: Cell, x: Int, y: Int) {
        // A cchar_t holds one spacing character and up to four combining marks.
        var chars: [wchar_t] = cell.text.unicodeScalars.prefix(Int(CCHARW_MAX) - 1).map { wchar_t(bitPattern: $0.value) }
        if chars.isEmpty { chars = [32] }
        chars.append(0)
        var c = cchar_t()
        let pair = colorPair(for: cell.style)
        _ = chars.withUnsafeBufferPointer { setcchar(&c, $0.baseAddress, attributes(cell.style.attributes), pair, nil) }
        _ = mvwadd_wch(window, Int32(y), Int32(x), &c)
    }

    private func attributes(_ a: Attributes) -> attr_t {
        var result = zb_a_normal()
        if a.contains(.bold) { result |= zb_a_bold() }
        if a.contains(.dim) { result |= zb_a_dim() }
        if a.contains(.underline) { result |= zb_a_underline() }
        if a.contains(.reverse) { result |= zb_a_reverse() }
        if a.contains(.italic) { result |= zb_a_italic() }
        return result
    }

    private func colorPair(for style: Style) -> Int16 {
        guard capability != .monochrome else { return 0 }
        let key = PairKey(foreground: number(style.foreground), background: number(style.background))
        if key.foreground == -1 && key.background == -1 { return 0 }
        if let pair = colorPairs[key] { return pair }
        let next = Int16(colorPairs.count + 1)
        guard Int32(next) < min(zb_color_pairs(), Int32(Int16.max)) else { return 0 }
        init_pair(next, key.foreground, key.background)
        colorPairs[key] = next
        return next
    }

    private func number(_ color: Color) -> Int16 {
        switch capability == .colors8 ? color.basic : color {
        case .default: return -1
        case .indexed(let n): return Int16(n)
        }
    }

    private func setCursor(visible: Bool) {
        let wanted: Int32 = visible ? 1 : 0
        guard wanted != cursorVisible else { return }
        cursorVisible = wanted
        curs_set(wanted)
    }
}

/// What terminfo says of the terminal `$TERM` names, asked before ncurses takes the
/// screen: a terminal that cannot move the cursor (`TERM=dumb`) or one it does not
/// know would get a blank or garbled screen, so the console says so instead.
public enum TerminalFitness: Equatable, Sendable {
    case usable
    case cannotMoveCursor
    case unknown

    public static func current() -> TerminalFitness {
        switch zb_terminal_can_address() {
        case 1: return .usable
        case 0: return .cannotMoveCursor
        default: return .unknown
        }
    }
}

public enum TerminalLocale {
    /// Adopts the user's locale for the C library (and so ncurses) and tells
    /// whether it can carry Chinese text.
    public static func adoptUserLocale() -> (codeset: String, isUTF8: Bool) {
        setlocale(LC_ALL, "")
        let codeset = String(cString: zb_codeset())
        let normalized = codeset.uppercased().replacingOccurrences(of: "-", with: "")
        return (codeset, normalized == "UTF8")
    }
}
