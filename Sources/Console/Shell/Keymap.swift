import TerminalUI

/// What a key means when no form or overlay has taken it.
public enum GlobalCommand: Equatable, Sendable {
    case show(Screen)
    case nextScreen, previousScreen
    case help, commandLine, quit, escape
}

/// The keys that work on every screen, declared once: `global` matches them
/// and the help overlay lists `globalHelp`, so the two cannot drift apart.
public enum Keymap {
    public static let globalBindings: [KeyBinding<GlobalCommand>] = [
        KeyBinding((1...Screen.allCases.count).map { (Key.char(Character(String($0))), GlobalCommand.show(Screen(rawValue: $0 - 1)!)) }
                   + Screen.allCases.map { (Key.function($0.number), GlobalCommand.show($0)) },
                   label: "1…9  F1…F9", help: .keyScreens),
        KeyBinding([(.tab, .nextScreen), (.backTab, .previousScreen)], label: "Tab  Shift-Tab", help: .keyNextScreen),
        KeyBinding([.char("?"), .ctrl("g")], label: "?  Ctrl-G", help: .keyHelp, .help),
        KeyBinding([.char(":")], help: .keyCommand, .commandLine),
        KeyBinding([.escape], help: .keyEscape, .escape),
        KeyBinding([.char("q"), .ctrl("c")], label: "q  Ctrl-C", help: .keyQuit, .quit),
    ]

    public static func global(_ press: KeyPress) -> GlobalCommand? {
        guard !press.alt else { return nil }
        return globalBindings.command(for: press.key)
    }

    public static var globalHelp: [HelpRow] { globalBindings.helpRows() }

    /// The keys every dialog with fields shares (the dialogs handle them themselves).
    public static let dialogHelp: [HelpRow] = [
        HelpRow(keys: "Tab ↓  Shift-Tab ↑", text: .keyDialogFields),
        HelpRow(keys: "← →", text: .keyDialogChoice),
        HelpRow(keys: "Enter  Ctrl-S", text: .keyDialogSave),
        HelpRow(keys: "Esc", text: .keyDialogClose),
        HelpRow(keys: "Ctrl-U  Ctrl-K", text: .keyDialogClear),
    ]

    /// Keys of each screen, for the help overlay: each screen's own bindings.
    public static func screenHelp(_ screen: Screen) -> [HelpRow] {
        switch screen {
        case .board: return BoardKeys.help
        case .intake: return IntakeKeys.help
        case .incidents: return IncidentsKeys.help
        case .warnings: return WarningsKeys.help
        case .log: return LogKeys.help
        case .contacts: return ContactsKeys.help
        case .resources: return ResourcesKeys.help
        case .map: return MapKeys.help
        case .handover: return HandoverKeys.help
        }
    }
}
