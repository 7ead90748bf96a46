import TerminalUI

/// What a key means when no form or overlay has taken it.
public enum GlobalCommand: Equatable, Sendable {
    case show(Screen)
    case nextScreen, previousScreen
    case help, commandLine, quit, escape
}

/// The keys that work on every screen. The help overlay is generated from
/// `globalHelp`, so the two cannot drift apart.
public enum Keymap {
    public static func global(_ press: KeyPress) -> GlobalCommand? {
        guard !press.alt else { return nil }
        switch press.key {
        case .function(let n) where (1...Screen.allCases.count).contains(n):
            return .show(Screen(rawValue: n - 1)!)
        case .char(let c) where c.isASCII && c.isNumber:
            guard let n = c.wholeNumberValue, (1...Screen.allCases.count).contains(n) else { return nil }
            return .show(Screen(rawValue: n - 1)!)
        case .tab: return .nextScreen
        case .backTab: return .previousScreen
        case .char("?"): return .help
        case .char(":"): return .commandLine
        case .char("q"), .ctrl("c"): return .quit
        case .escape: return .escape
        default: return nil
        }
    }

    public static let globalHelp: [(keys: String, text: UIText)] = [
        ("1…8  F1…F8", .keyScreens),
        ("Tab  Shift-Tab", .keyNextScreen),
        ("?", .keyHelp),
        (":", .keyCommand),
        ("Esc", .keyEscape),
        ("q  Ctrl-C", .keyQuit),
    ]

    /// Keys of each screen, for the help overlay.
    public static func screenHelp(_ screen: Screen) -> [(keys: String, text: UIText)] {
        switch screen {
        case .board: return [("c", .keyCheckIn), ("m", .keyMode)]
        case .intake:
            return [("Tab Enter / Shift-Tab", .intake(.helpNextField)), ("↑↓", .intake(.helpPicker)), ("Ctrl-S", .intake(.helpSave)),
                    ("Esc F1…F8", .intake(.helpLeave))]
        case .incidents:
            return [("a", .intake(.helpNewIntake)), ("/", .keyFilter), ("s", .keySort), ("o d m t", .keyQuickFilters),
                    ("Enter", .keyIncidentDetail), ("r u g s n c o", .intake(.helpActions)), ("↑↓ jk PgUp PgDn g G", .keyMove),
                    (":mute :unmute", .intake(.helpMute))]
        case .warnings:
            return [("Enter", .warning(.helpDetail)), ("a", .warning(.helpAcknowledge)), ("d", .warning(.helpChecklist)),
                    ("n", .warning(.helpNew)), ("u", .warning(.helpUpdate)), ("x", .warning(.helpCancel)),
                    ("/", .keyFilter), ("↑↓ jk PgUp PgDn g G", .keyMove)]
        case .contacts: return [("/", .keyFilter), ("b", .keyBackup), ("↑↓ jk PgUp PgDn g G", .keyMove)]
        case .log:
            return [("n", .keyAddNote), ("i", .keyAddCallIn), ("o", .keyAddCallOut), ("p", .keyAddInstruction),
                    ("x", .keyMarkDone), ("Enter", .keyOpenDetail), ("/", .keyFilter), ("f", .keyKindFilter),
                    ("↑↓ jk PgUp PgDn g G", .keyMove)]
        default: return []
        }
    }
}
