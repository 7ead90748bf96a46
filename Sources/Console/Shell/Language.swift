import Foundation

public enum Language: String, CaseIterable, Sendable {
    case zh, en

    /// Between the items of a list of names: 高鹏、罗燕 / 高鹏, 罗燕 (no full-width marks on English screens).
    public var listSeparator: String { self == .zh ? "、" : ", " }

    /// The UI language the user's locale asks for: Chinese for any zh_* locale,
    /// English otherwise. LC_ALL wins over LC_MESSAGES over LANG, as in POSIX.
    public static func fromLocale(_ environment: [String: String]) -> Language {
        for key in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let value = environment[key], !value.isEmpty {
                return value.lowercased().hasPrefix("zh") ? .zh : .en
            }
        }
        return .en
    }
}

/// The nine screens of the console, in tab order (DESIGN.md §6; resources #19).
public enum Screen: Int, CaseIterable, Sendable {
    case board, intake, incidents, warnings, map, log, handover, contacts, resources

    /// The digit and F-key that open this screen (1 → F1 …).
    public var number: Int { rawValue + 1 }
}
