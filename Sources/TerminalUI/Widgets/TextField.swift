/// What a widget did with a key.
public enum KeyOutcome: Equatable, Sendable {
    /// The content changed.
    case edited
    /// Only the cursor or selection moved.
    case moved
    /// Not a key for this widget; the caller may use it.
    case ignored
}

/// A single-line text field: the text, a cursor counted in grapheme clusters
/// (so one Chinese character or one accented letter is one step) and a
/// horizontal scroll so the cursor stays visible. Characters typed through an
/// input method arrive as ordinary character keys.
public struct TextFieldState: Hashable, Sendable {
    public private(set) var text: String
    /// Cursor position in grapheme clusters from the start (0…count).
    public private(set) var cursor: Int
    /// First grapheme shown when the text is wider than the field.
    public private(set) var scroll: Int = 0
    /// At most this many grapheme clusters are kept; more typing is refused.
    public var maxLength: Int

    public init(text: String = "", maxLength: Int = 4096) {
        self.maxLength = maxLength
        let clean = String(TerminalText.sanitize(text).prefix(maxLength))
        self.text = clean
        self.cursor = clean.count
    }

    public var isEmpty: Bool { text.isEmpty }

    public mutating func setText(_ newText: String) {
        text = String(TerminalText.sanitize(newText).prefix(maxLength))
        cursor = text.count
        scroll = 0
    }

    public mutating func handle(_ press: KeyPress) -> KeyOutcome {
        if press.alt { return .ignored }
        switch press.key {
        case .char(let c): return insert(c)
        case .backspace:
            guard cursor > 0 else { return .moved }
            let i = text.index(text.startIndex, offsetBy: cursor - 1)
            text.remove(at: i)
            cursor -= 1
            return .edited
        case .delete, .ctrl("d"):
            guard cursor < text.count else { return .moved }
            text.remove(at: text.index(text.startIndex, offsetBy: cursor))
            return .edited
        case .left, .ctrl("b"):
            cursor = max(0, cursor - 1)
            return .moved
        case .right, .ctrl("f"):
            cursor = min(text.count, cursor + 1)
            return .moved
        case .home, .ctrl("a"):
            cursor = 0
            return .moved
        case .end, .ctrl("e"):
            cursor = text.count
            return .moved
        case .ctrl("u"):
            guard cursor > 0 else { return .moved }
            text.removeSubrange(text.startIndex..<text.index(text.startIndex, offsetBy: cursor))
            cursor = 0
            return .edited
        case .ctrl("k"):
            guard cursor < text.count else { return .moved }
            text.removeSubrange(text.index(text.startIndex, offsetBy: cursor)...)
            return .edited
        default:
            return .ignored
        }
    }

    /// Inserts a typed character. A combining mark joins the character before
    /// the cursor (the count of graphemes then does not grow).
    public mutating func insert(_ c: Character) -> KeyOutcome {
        let clean = TerminalText.sanitize(String(c))
        guard !clean.isEmpty else { return .ignored }
        let before = text.count
        guard before < maxLength else { return .ignored }
        let i = text.index(text.startIndex, offsetBy: cursor)
        text.insert(contentsOf: clean, at: i)
        cursor += text.count - before
        return .edited
    }

    /// Draws the field in one row and returns where the terminal cursor goes.
    @discardableResult
    public mutating func render(into buffer: inout ScreenBuffer, area: Rect, style: Style) -> Position {
        let row = area.row(0)
        buffer.fill(row, style: style)
        guard row.width > 0, row.height > 0 else { return Position(x: area.x, y: area.y) }
        let chars = Array(text)
        // Keep room for the character under the cursor (one column after the last one).
        let room = row.width - (cursor < chars.count ? max(1, DisplayWidth.of(chars[cursor])) : 1)
        if cursor < scroll { scroll = cursor }
        while scroll < cursor && DisplayWidth.of(String(chars[scroll..<cursor])) > room { scroll += 1 }
        var x = row.x
        var cursorX = row.x
        for index in scroll..<chars.count {
            if index == cursor { cursorX = x }
            let w = DisplayWidth.of(chars[index])
            if x + w > row.maxX { break }
            x = buffer.write(String(chars[index]), x: x, y: row.y, style: style, clip: row)
        }
        if cursor >= chars.count { cursorX = min(x, row.maxX - 1) }
        return Position(x: cursorX, y: row.y)
    }
}
