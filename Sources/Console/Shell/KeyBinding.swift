import TerminalUI

/// One key binding: the keys it matches, each with the command it gives, and
/// how the `?` help lists it (one row: `label` and `help`). A screen declares
/// its bindings once; its key handler matches against them and the help
/// overlay lists them, so the two cannot drift apart.
public struct KeyBinding<Command: Sendable>: Sendable {
    /// What each key of the binding means, in the order help names them.
    public var keys: [(key: Key, command: Command)]
    /// The keys as help shows them ("↑↓ jk PgUp PgDn g G").
    public var label: String
    /// The help row's words; nil keeps the binding out of help (a key that
    /// only refines one listed elsewhere, such as Esc clearing a filter).
    public var help: UIText?

    /// Several keys with one command; `label` defaults to the keys' names.
    public init(_ keys: [Key], label: String? = nil, help: UIText?, _ command: Command) {
        self.init(keys.map { ($0, command) }, label: label, help: help)
    }

    /// Keys each with its own command, listed as one row ("o d m t").
    public init(_ keys: [(Key, Command)], label: String? = nil, help: UIText?) {
        self.keys = keys.map { (key: $0.0, command: $0.1) }
        self.label = label ?? keys.map { $0.0.description }.joined(separator: " ")
        self.help = help
    }

    /// The command of `key`, nil when the binding does not have it.
    public func command(for key: Key) -> Command? {
        keys.first { $0.key == key }?.command
    }

    /// The same keys giving another type of command (a list's keys inside a screen's own).
    public func map<Other>(_ transform: (Command) -> Other) -> KeyBinding<Other> {
        KeyBinding<Other>(keys.map { ($0.key, transform($0.command)) }, label: label, help: help)
    }
}

/// One row of the `?` help: the keys and what they do.
public struct HelpRow: Equatable, Sendable {
    public var keys: String
    public var text: UIText

    public init(keys: String, text: UIText) {
        self.keys = keys
        self.text = text
    }
}

extension Array {
    /// The command of the first binding that has `key` (alt or not: a screen
    /// that cares about Alt says so in its handler).
    public func command<Command>(for key: Key) -> Command? where Element == KeyBinding<Command> {
        for binding in self {
            if let command = binding.command(for: key) { return command }
        }
        return nil
    }

    /// The bindings as help lists them, in order, leaving out unlisted ones.
    public func helpRows<Command>() -> [HelpRow] where Element == KeyBinding<Command> {
        compactMap { binding in binding.help.map { HelpRow(keys: binding.label, text: $0) } }
    }
}
