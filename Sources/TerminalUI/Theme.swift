import Foundation
import TOMLKit

/// What a piece of the screen *is*; themes say how each looks. Views use roles,
/// never raw colours.
public enum ThemeRole: String, CaseIterable, Sendable {
    case normal, muted, title, border
    case tabActive = "tab_active", tabInactive = "tab_inactive"
    case statusBar = "status_bar", statusAccent = "status_accent"
    case selection, header, input
    case commandLine = "command_line"
    case info, error, warning, ok, overdue
    case alertRed = "alert_red", alertOrange = "alert_orange"
    case alertYellow = "alert_yellow", alertBlue = "alert_blue"
    case dialog
    case dialogTitle = "dialog_title"
    case helpKey = "help_key"
    case banner
}

extension ThemeRole {
    /// What a row of a list, or a line of a dialog's list, is drawn in besides the
    /// selection: the plain row, the past and the headings, and every status. The
    /// selection must look different from each of them (`Theme.selectionLookAlikes`).
    public static let rowRoles: [ThemeRole] = [
        .normal, .muted, .header, .dialog, .info, .ok, .warning, .error, .overdue,
        .alertRed, .alertOrange, .alertYellow, .alertBlue,
    ]
}

public struct Theme: Hashable, Sendable {
    public var name: String
    /// The styles as written in the theme file (256-colour).
    public private(set) var styles: [ThemeRole: Style]
    /// Attributes to use instead of colour when the terminal has none.
    public private(set) var monochrome: [ThemeRole: Attributes]
    public private(set) var capability: ColorCapability = .colors256

    public init(name: String, styles: [ThemeRole: Style], monochrome: [ThemeRole: Attributes]) {
        self.name = name
        self.styles = styles
        self.monochrome = monochrome
    }

    public func style(_ role: ThemeRole) -> Style {
        let base = styles[role] ?? styles[.normal] ?? .plain
        switch capability {
        case .colors256: return base
        case .colors8:
            let reduced = Style(foreground: base.foreground.basic, background: base.background.basic, attributes: base.attributes)
            // Nearest-colour matching can make text vanish (same colour on same
            // colour) or a role look like plain text (a selection like any row):
            // then the role's monochrome attributes keep it visible.
            let normal = styles[.normal] ?? .plain
            let reducedNormal = Style(foreground: normal.foreground.basic, background: normal.background.basic, attributes: normal.attributes)
            if reduced.foreground == reduced.background && reduced.foreground != .default {
                return Style(foreground: .default, background: reduced.background == .black ? .default : reduced.background,
                             attributes: reduced.attributes.union(monochrome[role] ?? []))
            }
            if role != .normal && reduced == reducedNormal && base != normal {
                return reduced.adding(monochrome[role] ?? [])
            }
            return reduced
        case .monochrome: return Style(attributes: monochrome[role] ?? [])
        }
    }

    public subscript(role: ThemeRole) -> Style { style(role) }

    /// The same theme as a terminal with `capability` can show it:
    /// 256 colours as written, 8 colours by nearest match, none by attributes.
    public func adapted(to capability: ColorCapability) -> Theme {
        var t = self
        t.capability = capability
        return t
    }

    /// The row roles the selection cannot be told apart from, as this terminal shows
    /// them (see `adapted(to:)`): none in a good theme. A selected row draws its first
    /// column in the selection and the rest in its own role, so a selection that looked
    /// like a status would hide which row is selected, or pass for that status.
    public func selectionLookAlikes() -> [ThemeRole] {
        let selection = style(.selection)
        return ThemeRole.rowRoles.filter { !selection.looksDifferent(from: style($0)) }
    }

    /// The theme compiled into the program, used when no file can be read.
    public static let builtin: Theme = {
        switch ThemeLoader.parse(BuiltinTheme.defaultTOML, file: "built-in default theme", base: nil) {
        case .success(let theme): return theme
        case .failure(let problem): fatalError("built-in theme does not parse: \(problem)")
        }
    }()
}

public struct ThemeProblem: Error, Hashable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var message: String
    /// The message for a Chinese screen (the TOML parser's own words stay as it gives them).
    public var zhMessage: String

    public init(file: String, line: Int?, message: String, zh: String? = nil) {
        self.file = file
        self.line = line
        self.message = message
        self.zhMessage = zh ?? message
    }

    public var description: String {
        if let line { return "\(file) line \(line): \(message)" }
        return "\(file): \(message)"
    }

    /// "themes/x.toml 第 4 行：…" for a Chinese screen.
    public var zhDescription: String {
        if let line { return "\(file) 第 \(line) 行：\(zhMessage)" }
        return "\(file)：\(zhMessage)"
    }
}

public enum ThemeLoader {
    /// Reads a theme from TOML text. Roles it does not name come from `base`.
    public static func parse(_ text: String, file: String, base: Theme?) -> Result<Theme, ThemeProblem> {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            return .failure(ThemeProblem(file: file, line: error.source.begin.line, message: error.description, zh: "TOML 语法错误（请检查这一行的引号、等号和括号）"))
        } catch {
            return .failure(ThemeProblem(file: file, line: nil, message: "\(error)", zh: "无法读取"))
        }
        let name = table["name"]?.string ?? (file as NSString).lastPathComponent.replacingOccurrences(of: ".toml", with: "")
        var styles = base?.styles ?? [:]
        var mono = base?.monochrome ?? [:]
        guard let roles = table["roles"]?.table else {
            return .failure(ThemeProblem(file: file, line: nil, message: "no [roles] table", zh: "缺少 [roles] 表"))
        }
        for key in roles.keys {
            guard let role = ThemeRole(rawValue: key) else {
                return .failure(ThemeProblem(file: file, line: lineOf("[roles.\(key)]", in: text),
                                             message: "unknown role \"\(key)\" (known: \(ThemeRole.allCases.map(\.rawValue).joined(separator: ", ")))",
                                             zh: "未知角色“\(key)”（可用：\(ThemeRole.allCases.map(\.rawValue).joined(separator: ", "))）"))
            }
            guard let entry = roles[key]?.table else {
                return .failure(ThemeProblem(file: file, line: lineOf(key, in: text), message: "roles.\(key) must be a table", zh: "roles.\(key) 应为表"))
            }
            func fail(_ field: String, _ message: String, _ zh: String) -> Result<Theme, ThemeProblem> {
                .failure(ThemeProblem(file: file, line: lineOf(field, after: "[roles.\(key)]", in: text),
                                      message: "roles.\(key).\(field): \(message)", zh: "roles.\(key).\(field)：\(zh)"))
            }
            // A role the file names is taken whole from the file (a dim theme must
            // not inherit the default's bold); only roles it leaves out come from base.
            var style = Style.plain
            for field in ["fg", "bg"] {
                guard let value = entry[field] else { continue }
                guard let color = color(value) else {
                    let shown = value.string.map { "\"\($0)\"" } ?? "\(value)"
                    return fail(field, "\(shown) is not a colour (a name such as red or bright-blue, \"default\", or 0–255)",
                                "\(shown) 不是颜色（应为 red、bright-blue 等颜色名、\"default\" 或 0–255）")
                }
                if field == "fg" { style.foreground = color } else { style.background = color }
            }
            if let value = entry["attrs"] {
                guard let a = attributes(value) else { return fail("attrs", "expected a list of bold, dim, underline, reverse, italic", "应为 bold、dim、underline、reverse、italic 的列表") }
                style.attributes = a
            }
            if let value = entry["mono"] {
                guard let a = attributes(value) else { return fail("mono", "expected a list of bold, dim, underline, reverse, italic", "应为 bold、dim、underline、reverse、italic 的列表") }
                mono[role] = a
            }
            for field in entry.keys where !["fg", "bg", "attrs", "mono"].contains(field) {
                return fail(field, "unknown key (use fg, bg, attrs, mono)", "未知键（可用 fg、bg、attrs、mono）")
            }
            styles[role] = style
        }
        if base == nil, let missing = ThemeRole.allCases.first(where: { styles[$0] == nil }) {
            return .failure(ThemeProblem(file: file, line: nil, message: "role \(missing.rawValue) missing", zh: "缺少角色 \(missing.rawValue)"))
        }
        return .success(Theme(name: name, styles: styles, monochrome: mono))
    }

    static func color(_ value: TOMLValueConvertible) -> Color? {
        if let n = value.int { return (0...255).contains(n) ? .indexed(UInt8(n)) : nil }
        if let s = value.string { return Color.names[s.lowercased()] }
        return nil
    }

    static func attributes(_ value: TOMLValueConvertible) -> Attributes? {
        guard let array = value.array else { return nil }
        var result: Attributes = []
        for item in array {
            guard let name = item.string, let a = Attributes.names[name.lowercased()] else { return nil }
            result.formUnion(a)
        }
        return result
    }

    /// 1-based line of the first line containing `needle` (after `anchor`, if given).
    static func lineOf(_ needle: String, after anchor: String? = nil, in text: String) -> Int? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        var started = anchor == nil
        for (index, line) in lines.enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if !started { started = trimmed.hasPrefix(anchor!); continue }
            if trimmed.hasPrefix(needle) { return index + 1 }
        }
        return nil
    }
}

/// Finds theme files by name in a list of folders, first match wins.
public struct ThemeCatalog: Sendable {
    public var directories: [String]

    public init(directories: [String]) {
        self.directories = directories
    }

    public var availableNames: [String] {
        var names = Set<String>()
        for dir in directories {
            let files = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
            for f in files where f.hasSuffix(".toml") { names.insert(String(f.dropLast(5))) }
        }
        return names.sorted()
    }

    /// The named theme, or the built-in default and the reason it was not used.
    public func load(_ name: String) -> (theme: Theme, problem: ThemeProblem?) {
        let safe = name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
        guard safe, !name.isEmpty else {
            return (.builtin, ThemeProblem(file: name, line: nil, message: "not a theme name (letters, digits, - and _ only)", zh: "不是主题名（只能用字母、数字、- 和 _）"))
        }
        for dir in directories {
            let path = (dir as NSString).appendingPathComponent("\(name).toml")
            guard FileManager.default.fileExists(atPath: path) else { continue }
            guard let data = FileManager.default.contents(atPath: path) else {
                return (.builtin, ThemeProblem(file: path, line: nil, message: "cannot be read", zh: "无法读取"))
            }
            guard let text = String(data: data, encoding: .utf8) else {
                return (.builtin, ThemeProblem(file: path, line: nil, message: "is not UTF-8 text", zh: "不是 UTF-8 文本"))
            }
            switch ThemeLoader.parse(text, file: path, base: .builtin) {
            case .success(let theme): return (theme, nil)
            case .failure(let problem): return (.builtin, problem)
            }
        }
        if name == "default" { return (.builtin, nil) }
        let known = availableNames
        return (.builtin, ThemeProblem(file: "\(name).toml", line: nil,
                                       message: "no such theme" + (known.isEmpty ? "" : " (available: \(known.joined(separator: ", ")))"),
                                       zh: "没有这个主题" + (known.isEmpty ? "" : "（可用：\(known.joined(separator: "、"))）")))
    }
}
