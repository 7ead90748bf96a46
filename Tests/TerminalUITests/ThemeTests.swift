import Foundation
import Testing
import TerminalUI
import ConsoleTestSupport

private let themeNames = ["default", "night", "high-contrast", "mono", "light"]
private var catalog: ThemeCatalog { ThemeCatalog(directories: [TestPaths.themesDirectory]) }

/// Writes `text` as `name.toml` into a fresh folder and returns the folder.
private func themeFolder(_ files: [String: String]) throws -> URL {
    let dir = TestPaths.temporaryDirectory("zhiban-themes")
    for (name, text) in files {
        try text.write(to: dir.appendingPathComponent("\(name).toml"), atomically: true, encoding: .utf8)
    }
    return dir
}

@Suite("Theme files")
struct ThemeFileTests {
    @Test("every shipped theme loads with no problem and styles every role", arguments: themeNames)
    func loads(_ name: String) throws {
        let (theme, problem) = catalog.load(name)
        #expect(problem == nil, "\(problem.map(String.init(describing:)) ?? "")")
        #expect(theme.name == name)
        for role in ThemeRole.allCases { #expect(theme.styles[role] != nil, "\(name) lacks \(role.rawValue)") }
        // Each file is complete on its own, not only with the built-in theme underneath.
        let path = (TestPaths.themesDirectory as NSString).appendingPathComponent("\(name).toml")
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let standalone = try ThemeLoader.parse(text, file: path, base: nil).get()
        for role in ThemeRole.allCases {
            #expect(standalone[role].foreground == theme[role].foreground, "\(name) \(role.rawValue)")
            #expect(standalone[role].background == theme[role].background, "\(name) \(role.rawValue)")
        }
    }

    @Test("the shipped themes are exactly the files in Themes/")
    func availableNames() {
        #expect(catalog.availableNames == themeNames.sorted())
    }

    @Test("the built-in theme is what Themes/default.toml says")
    func builtinMatchesFile() throws {
        let path = (TestPaths.themesDirectory as NSString).appendingPathComponent("default.toml")
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let parsed = try ThemeLoader.parse(text, file: path, base: nil).get()
        #expect(parsed == Theme.builtin)
        #expect(parsed.styles == Theme.builtin.styles)
        #expect(parsed.monochrome == Theme.builtin.monochrome)
        #expect(catalog.load("default").theme == Theme.builtin)
        #expect(Theme.builtin.name == "default")
        for role in ThemeRole.allCases { #expect(Theme.builtin.styles[role] != nil) }
    }

    @Test("a few styles of the default theme, as written")
    func defaultStyles() {
        let t = Theme.builtin
        #expect(t[.normal] == Style.plain)
        #expect(t[.selection] == Style(foreground: .indexed(231), background: .indexed(24)))
        #expect(t[.tabActive] == Style(foreground: .indexed(231), background: .indexed(25), attributes: .bold))
        #expect(t[.header] == Style(foreground: .indexed(250), attributes: [.bold, .underline]))
        #expect(t.monochrome[.selection] == .reverse)
        #expect(t.monochrome[.border] == nil)
    }

    @Test("the mono theme looks the same with or without colour", arguments: ThemeRole.allCases)
    func monoTheme(_ role: ThemeRole) {
        let mono = catalog.load("mono").theme
        #expect(mono[role].foreground == .default && mono[role].background == .default)
        #expect(mono.adapted(to: .monochrome)[role] == mono[role])
        #expect(mono.adapted(to: .colors8)[role] == mono[role])
    }
}

@Suite("Theme problems")
struct ThemeProblemTests {
    @Test("malformed TOML: the problem names the file and the line")
    func malformed() throws {
        let text = """
        name = "broken"

        [roles.normal]
        fg = "default"

        [roles.muted]
        mono = ["dim"
        """
        let dir = try themeFolder(["broken": text])
        defer { try? FileManager.default.removeItem(at: dir) }
        let (theme, problem) = ThemeCatalog(directories: [dir.path]).load("broken")
        let p = try #require(problem)
        #expect(theme == Theme.builtin)
        #expect(p.file == dir.appendingPathComponent("broken.toml").path)
        #expect(p.line == 7)
        #expect(p.description.hasPrefix("\(p.file) line 7: "))
    }

    @Test("malformed TOML in the middle of a file", arguments: [
        ("[roles.title]\nfg = 39\nattrs = [\"bold\", \n\n[roles.muted]\nfg = 245\n", 5),
        ("name = \"x\"\n[roles.title]\nfg = \"unterminated\n[roles.muted]\n", 3),
        ("name = \"x\"\n\n[roles.title\nfg = 1\n", 3),
        ("name = \"x\"\nname = \"y\"\n", 2),
    ] as [(String, Int)])
    func malformedLines(_ text: String, _ line: Int) {
        guard case .failure(let p) = ThemeLoader.parse(text, file: "t.toml", base: .builtin) else {
            Issue.record("parsed")
            return
        }
        #expect(p.line == line, "\(p)")
        #expect(p.description.hasPrefix("t.toml line \(line): "))
    }

    @Test("an unknown colour names the role, the field and the line")
    func unknownColour() throws {
        let text = """
        name = "bad-colour"

        [roles.normal]
        fg = "white"

        [roles.title]
        attrs = ["bold"]
        fg = "purple"
        """
        let dir = try themeFolder(["bad-colour": text])
        defer { try? FileManager.default.removeItem(at: dir) }
        let (theme, problem) = ThemeCatalog(directories: [dir.path]).load("bad-colour")
        let p = try #require(problem)
        #expect(theme == Theme.builtin)
        #expect(p.line == 8)
        #expect(p.message.hasPrefix("roles.title.fg: "))
        #expect(p.message.contains("\"purple\""))
        #expect(p.description.contains("bad-colour.toml line 8: roles.title.fg"))
    }

    @Test("colour and attribute values that are refused", arguments: [
        ("fg = 256", "roles.title.fg"),
        ("fg = -1", "roles.title.fg"),
        ("bg = \"navy\"", "roles.title.bg"),
        ("bg = true", "roles.title.bg"),
        ("attrs = [\"blink\"]", "roles.title.attrs"),
        ("attrs = \"bold\"", "roles.title.attrs"),
        ("mono = [\"bold\", 3]", "roles.title.mono"),
    ] as [(String, String)])
    func badValues(_ line: String, _ field: String) {
        let text = "name = \"t\"\n\n[roles.title]\n\(line)\n"
        guard case .failure(let p) = ThemeLoader.parse(text, file: "t.toml", base: .builtin) else {
            Issue.record("\(line) was accepted")
            return
        }
        #expect(p.line == 4)
        #expect(p.message.hasPrefix(field + ": "))
    }

    @Test("accepted colour spellings", arguments: [
        ("\"red\"", Color.red), ("\"Bright-Blue\"", .indexed(12)), ("\"default\"", .default), ("0", .indexed(0)),
        ("255", .indexed(255)), ("\"bright-white\"", .indexed(15)),
    ] as [(String, Color)])
    func colourSpellings(_ value: String, _ color: Color) throws {
        let text = "[roles.title]\nfg = \(value)\n"
        let theme = try ThemeLoader.parse(text, file: "t.toml", base: .builtin).get()
        #expect(theme[.title].foreground == color)
    }

    @Test("an unknown role is rejected")
    func unknownRole() {
        let text = "name = \"t\"\n\n[roles.title]\nfg = 1\n\n[roles.flashy]\nfg = \"red\"\n"
        guard case .failure(let p) = ThemeLoader.parse(text, file: "t.toml", base: .builtin) else {
            Issue.record("accepted")
            return
        }
        #expect(p.line == 6)
        #expect(p.message.hasPrefix("unknown role \"flashy\""))
        #expect(p.message.contains("tab_active"))
    }

    @Test("an unknown key is rejected")
    func unknownKey() {
        let text = "[roles.normal]\nfg = 1\n\n[roles.title]\nfg = \"red\"\ncolour = \"blue\"\n"
        guard case .failure(let p) = ThemeLoader.parse(text, file: "t.toml", base: .builtin) else {
            Issue.record("accepted")
            return
        }
        #expect(p.line == 6)
        #expect(p.message.hasPrefix("roles.title.colour: unknown key"))
    }

    @Test("a role that is not a table, and a file without roles")
    func shapes() {
        if case .failure(let p) = ThemeLoader.parse("[roles]\ntitle = 3\n", file: "t.toml", base: .builtin) {
            #expect(p.message == "roles.title must be a table")
            #expect(p.line == 2)
        } else { Issue.record("accepted") }
        if case .failure(let p) = ThemeLoader.parse("name = \"x\"\n", file: "t.toml", base: .builtin) {
            #expect(p.message == "no [roles] table")
        } else { Issue.record("accepted") }
    }

    @Test("without a base every role must be given")
    func missingRole() {
        guard case .failure(let p) = ThemeLoader.parse("[roles.normal]\nfg = 1\n", file: "t.toml", base: nil) else {
            Issue.record("accepted")
            return
        }
        #expect(p.message == "role muted missing")
        #expect(p.line == nil)
        #expect(p.description == "t.toml: role muted missing")
    }

    @Test("a partial theme takes the other roles from the built-in one")
    func partial() throws {
        let dir = try themeFolder(["partial": "name = \"partial\"\n[roles.title]\nfg = \"red\"\n"])
        defer { try? FileManager.default.removeItem(at: dir) }
        let (theme, problem) = ThemeCatalog(directories: [dir.path]).load("partial")
        #expect(problem == nil)
        #expect(theme.name == "partial")
        // A role the file names is taken whole from the file: no inherited bold.
        #expect(theme[.title] == Style(foreground: .red))
        for role in ThemeRole.allCases where role != .title { #expect(theme[role] == Theme.builtin[role]) }
        #expect(theme.monochrome == Theme.builtin.monochrome)
    }

    @Test("a missing theme gives “no such theme” and the built-in default")
    func missing() {
        let (theme, problem) = catalog.load("solarized")
        #expect(theme == Theme.builtin)
        #expect(problem?.file == "solarized.toml")
        #expect(problem?.line == nil)
        #expect(problem?.message == "no such theme (available: default, high-contrast, light, mono, night)")
    }

    @Test("default with no file is the built-in theme, no problem")
    func defaultWithoutFile() {
        let dir = TestPaths.temporaryDirectory("zhiban-themes")
        defer { try? FileManager.default.removeItem(at: dir) }
        let (theme, problem) = ThemeCatalog(directories: [dir.path]).load("default")
        #expect(theme == Theme.builtin)
        #expect(problem == nil)
        let (_, other) = ThemeCatalog(directories: [dir.path]).load("night")
        #expect(other?.message == "no such theme")
    }

    @Test("names that could leave the folder are refused", arguments: [
        "../default", "../../etc/passwd", "night/../default", "/etc/passwd", "", ".", "..", "a b", "night.toml",
    ])
    func unsafeNames(_ name: String) throws {
        // A theme file one level up that "../evil" would reach.
        let parent = TestPaths.temporaryDirectory("zhiban-themes")
        defer { try? FileManager.default.removeItem(at: parent) }
        let inner = parent.appendingPathComponent("themes")
        try FileManager.default.createDirectory(at: inner, withIntermediateDirectories: true)
        try "name = \"evil\"\n[roles.normal]\nfg = 1\n".write(to: parent.appendingPathComponent("default.toml"), atomically: true, encoding: .utf8)
        let (theme, problem) = ThemeCatalog(directories: [inner.path, TestPaths.themesDirectory]).load(name)
        #expect(theme == Theme.builtin)
        #expect(problem?.message == "not a theme name (letters, digits, - and _ only)")
    }

    @Test("the first folder that has the theme wins")
    func firstFolderWins() throws {
        let dir = try themeFolder(["night": "name = \"my-night\"\n[roles.normal]\nfg = 2\n"])
        defer { try? FileManager.default.removeItem(at: dir) }
        let both = ThemeCatalog(directories: [dir.path, TestPaths.themesDirectory])
        #expect(both.load("night").theme.name == "my-night")
        #expect(both.load("light").theme.name == "light")
        #expect(both.availableNames == themeNames.sorted())
    }

    @Test("a file that is not UTF-8 is reported")
    func notUTF8() throws {
        let dir = TestPaths.temporaryDirectory("zhiban-themes")
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("bin.toml")
        try Data([0xFF, 0xFE, 0x00, 0xC3]).write(to: path)
        let (theme, problem) = ThemeCatalog(directories: [dir.path]).load("bin")
        #expect(theme == Theme.builtin)
        #expect(problem?.message == "is not UTF-8 text")
        #expect(problem?.file == path.path)
    }
}

@Suite("Theme adaptation")
struct ThemeAdaptationTests {
    @Test("256-colour indexes to the eight basic colours", arguments: [
        (196, 1), (231, 7), (16, 0), (21, 4), (46, 2), (226, 3), (51, 6), (201, 5), (124, 1), (24, 6),
        (232, 0), (255, 7), (252, 7), (0, 0), (3, 3), (7, 7), (9, 1), (12, 4), (15, 7),
    ] as [(UInt8, UInt8)])
    func basic(_ index: UInt8, _ expected: UInt8) {
        #expect(Color.indexed(index).basic == .indexed(expected))
    }

    @Test("the default colour stays default")
    func defaultColour() {
        #expect(Color.default.basic == .default)
    }

    @Test("adapted to 8 colours", arguments: themeNames)
    func eightColours(_ name: String) {
        let theme = catalog.load(name).theme
        let eight = theme.adapted(to: .colors8)
        for role in ThemeRole.allCases {
            let s = eight[role]
            for c in [s.foreground, s.background] {
                if case .indexed(let n) = c { #expect(n < 8, "\(name) \(role.rawValue): \(c)") }
            }
            // Text never vanishes into its own background.
            if s.foreground != .default { #expect(s.foreground != s.background, "\(name) \(role.rawValue)") }
            // Either the plain reduction, or that plus the role's mono attributes
            // (when the reduction would hide the text or look like plain text).
            let plain = Style(foreground: theme[role].foreground.basic, background: theme[role].background.basic,
                              attributes: theme[role].attributes)
            let mono = theme.adapted(to: .monochrome)[role].attributes
            #expect(s == plain || s.attributes == plain.attributes.union(mono), "\(name) \(role.rawValue): \(s)")
        }
        // The selected row is always told apart from a normal one.
        #expect(eight[.selection] != eight[.normal], "\(name): selection invisible on 8 colours")
    }

    @Test("night on 8 colours: the selection falls back to reverse video")
    func nightSelectionOnEight() {
        let night = catalog.load("night").theme.adapted(to: .colors8)
        #expect(night[.selection].attributes.contains(.reverse))
        // muted text (240 on 233) would be black on black: shown in the default colour instead.
        #expect(night[.muted].foreground == .default)
    }

    @Test("the default theme on 8 colours")
    func defaultOnEight() {
        let eight = Theme.builtin.adapted(to: .colors8)
        #expect(eight[.selection] == Style(foreground: .white, background: .cyan))
        #expect(eight[.error] == Style(foreground: .white, background: .red, attributes: .bold))
        #expect(eight[.normal] == Style.plain)
        // Adapting back shows the colours as written.
        #expect(eight.adapted(to: .colors256)[.selection] == Theme.builtin[.selection])
    }

    @Test("monochrome: default colours and the mono attributes", arguments: themeNames)
    func monochrome(_ name: String) {
        let theme = catalog.load(name).theme
        let mono = theme.adapted(to: .monochrome)
        for role in ThemeRole.allCases {
            #expect(mono[role] == Style(attributes: theme.monochrome[role] ?? []), "\(name) \(role.rawValue)")
        }
        // The selection stays visible without colour.
        #expect(mono[.selection] == Style(attributes: .reverse))
        #expect(mono[.normal] == Style.plain)
        #expect(mono[.tabActive].attributes.contains(.reverse))
    }

    @Test("the default theme without colour")
    func defaultMonochrome() {
        let mono = Theme.builtin.adapted(to: .monochrome)
        #expect(mono[.selection] == Style(attributes: .reverse))
        #expect(mono[.overdue] == Style(attributes: [.reverse, .bold, .underline]))
        #expect(mono[.header] == Style(attributes: [.bold, .underline]))
        #expect(mono[.border] == Style.plain)
        #expect(mono.style(.muted) == Style(attributes: .dim))
    }

    @Test("terminal colour counts", arguments: [(256, ColorCapability.colors256), (88, .colors8), (16, .colors8),
                                                (8, .colors8), (2, .monochrome), (0, .monochrome), (-1, .monochrome)] as [(Int, ColorCapability)])
    func capability(_ count: Int, _ expected: ColorCapability) {
        #expect(ColorCapability(colorCount: count) == expected)
    }
}

/// #23: the selected row is told apart from every status a row can have, in every
/// shipped theme and on every terminal (256 colours, 8, none): a selected row draws
/// its first column in the selection and the rest in its own role.
@Suite("Theme selection against row roles")
struct ThemeSelectionTests {
    static let capabilities: [ColorCapability] = [.colors256, .colors8, .monochrome]

    @Test("the selection looks different from every row role", arguments: themeNames, capabilities)
    func selectionDistinct(_ name: String, _ capability: ColorCapability) {
        let theme = catalog.load(name).theme.adapted(to: capability)
        let selection = theme[.selection]
        for role in ThemeRole.rowRoles {
            #expect(selection.looksDifferent(from: theme[role]),
                    "\(name) on \(capability): selection \(selection) looks like \(role.rawValue) \(theme[role])")
        }
        #expect(theme.selectionLookAlikes().isEmpty)
    }

    @Test("the alarm colours stay apart from each other without colour", arguments: themeNames)
    func alarmsDistinctInMono(_ name: String) {
        let mono = catalog.load(name).theme.adapted(to: .monochrome)
        let roles: [ThemeRole] = [.normal, .alertRed, .alertOrange, .alertYellow, .alertBlue]
        for (i, a) in roles.enumerated() {
            for b in roles[(i + 1)...] {
                #expect(mono[a].looksDifferent(from: mono[b]), "\(name): \(a.rawValue) \(mono[a]) looks like \(b.rawValue) \(mono[b])")
            }
        }
    }

    @Test("what counts as looking different")
    func looksDifferent() {
        let plain = Style.plain
        #expect(Style(attributes: .reverse).looksDifferent(from: plain))
        #expect(Style(attributes: .bold).looksDifferent(from: plain))
        #expect(Style(attributes: .underline).looksDifferent(from: plain))
        // Dim and italic alone are easily missed, and vt100 and the Linux console show neither.
        #expect(!Style(attributes: .dim).looksDifferent(from: plain))
        #expect(!Style(attributes: .italic).looksDifferent(from: plain))
        // A foreground shade alone is not a selection.
        #expect(!Style(foreground: .indexed(252)).looksDifferent(from: Style(foreground: .indexed(250))))
        // Backgrounds: two neighbouring greys are not apart; grey and cyan are.
        #expect(!Style(background: .indexed(233)).looksDifferent(from: Style(background: .indexed(234))))
        #expect(Style(background: .indexed(233)).looksDifferent(from: Style(background: .indexed(237))))
        #expect(Style(background: .indexed(24)).looksDifferent(from: plain))
        // Reverse video puts the text's colour behind it: white on red reversed is a white cell.
        #expect(!Style(foreground: .indexed(231), background: .indexed(160), attributes: .reverse)
            .looksDifferent(from: Style(foreground: .indexed(16), background: .indexed(231))))
        #expect(Style(attributes: [.reverse, .bold]).looksDifferent(from: Style(attributes: .reverse)))
    }
}
