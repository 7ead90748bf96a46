/// A key as the console sees it, after the terminal's escape sequences have
/// been decoded.
public enum Key: Hashable, Sendable, CustomStringConvertible {
    case char(Character)
    /// Ctrl plus a letter (a…z), as a lowercase letter.
    case ctrl(Character)
    case enter, tab, backTab, backspace, delete, insert, escape
    case up, down, left, right, home, end, pageUp, pageDown
    case function(Int)

    public var description: String {
        switch self {
        case .char(let c): return String(c)
        case .ctrl(let c): return "Ctrl-\(c.uppercased())"
        case .function(let n): return "F\(n)"
        case .enter: return "Enter"
        case .tab: return "Tab"
        case .backTab: return "Shift-Tab"
        case .backspace: return "Backspace"
        case .delete: return "Delete"
        case .insert: return "Insert"
        case .escape: return "Esc"
        case .up: return "↑"
        case .down: return "↓"
        case .left: return "←"
        case .right: return "→"
        case .home: return "Home"
        case .end: return "End"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        }
    }
}

public struct KeyPress: Hashable, Sendable, CustomStringConvertible {
    public var key: Key
    public var alt: Bool

    public init(_ key: Key, alt: Bool = false) {
        self.key = key
        self.alt = alt
    }

    public var description: String { alt ? "Alt-\(key)" : key.description }
}

public enum InputEvent: Hashable, Sendable {
    case key(KeyPress)
    case resize(Size)
    /// Text the terminal marked as pasted (bracketed paste): text, never keys.
    case paste(String)
}

/// Turns what ncurses' `get_wch` returns into keys. Pure, so the mapping is
/// tested without a terminal. Function-key codes are ncurses' KEY_* values.
public enum KeyDecoder {
    public enum Code: Int32, Sendable {
        case down = 0o402, up = 0o403, left = 0o404, right = 0o405, home = 0o406
        case backspace = 0o407, f0 = 0o410, delete = 0o512, insert = 0o513
        case pageDown = 0o522, pageUp = 0o523, enter = 0o527, backTab = 0o541
        case end = 0o550, resize = 0o632
    }

    /// A character read by get_wch (OK). `nil` for characters that are no key
    /// (NUL and other controls with no meaning here).
    public static func character(_ value: UInt32) -> Key? {
        switch value {
        case 0x0D, 0x0A: return .enter
        case 0x09: return .tab
        case 0x7F, 0x08: return .backspace
        case 0x1B: return .escape
        case 0x01...0x1A: return .ctrl(Character(Unicode.Scalar(value + 0x60)!))
        case 0x00, 0x1C...0x1F, 0x80...0x9F: return nil
        default:
            guard let scalar = Unicode.Scalar(value) else { return nil }
            return .char(Character(scalar))
        }
    }

    /// A function key read by get_wch (KEY_CODE_YES). Resize is reported apart.
    public static func functionKey(_ code: Int32) -> Key? {
        if code > Code.f0.rawValue && code <= Code.f0.rawValue + 24 {
            return .function(Int(code - Code.f0.rawValue))
        }
        switch Code(rawValue: code) {
        case .down: return .down
        case .up: return .up
        case .left: return .left
        case .right: return .right
        case .home: return .home
        case .end: return .end
        case .backspace: return .backspace
        case .delete: return .delete
        case .insert: return .insert
        case .pageDown: return .pageDown
        case .pageUp: return .pageUp
        case .enter: return .enter
        case .backTab: return .backTab
        default: return nil
        }
    }
}
