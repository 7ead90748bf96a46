import SafeText
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
    /// `text.count`, kept so typing at the end of a long text (a paste of
    /// thousands of characters) costs the same per key as a short one.
    public private(set) var count: Int

    public init(text: String = "", maxLength: Int = 4096) {
        self.maxLength = maxLength
        let clean = String(TextSafety.sanitize(text).prefix(maxLength))
        self.text = clean
        self.count = clean.count
        self.cursor = count
    }

    public var isEmpty: Bool { text.isEmpty }

    public mutating func setText(_ newText: String) {
        text = String(TextSafety.sanitize(newText).prefix(maxLength))
        count = text.count
        cursor = count
        scroll = 0
    }

    public mutating func handle(_ press: KeyPress) -> KeyOutcome {
        if press.alt { return .ignored }
        switch press.key {
        case .char(let c): return insert(c)
        case .backspace:
            guard cursor > 0 else { return .moved }
            if cursor == count {
                text.removeLast()
            } else {
                text.remove(at: text.index(text.startIndex, offsetBy: cursor - 1))
            }
            cursor -= 1
            count -= 1
            return .edited
        case .delete, .ctrl("d"):
            guard cursor < count else { return .moved }
            text.remove(at: text.index(text.startIndex, offsetBy: cursor))
            count -= 1
            return .edited
        case .left, .ctrl("b"):
            cursor = max(0, cursor - 1)
            return .moved
        case .right, .ctrl("f"):
            cursor = min(count, cursor + 1)
            return .moved
        case .home, .ctrl("a"):
            cursor = 0
            return .moved
        case .end, .ctrl("e"):
            cursor = count
            return .moved
        case .ctrl("u"):
            guard cursor > 0 else { return .moved }
            text.removeSubrange(text.startIndex..<text.index(text.startIndex, offsetBy: cursor))
            count -= cursor
            cursor = 0
            return .edited
        case .ctrl("k"):
            guard cursor < count else { return .moved }
            text.removeSubrange(text.index(text.startIndex, offsetBy: cursor)...)
            count = cursor
            return .edited
        default:
            return .ignored
        }
    }

    /// Inserts a typed character. A combining mark joins the character before
    /// the cursor (the count of graphemes then does not grow).
    public mutating func insert(_ c: Character) -> KeyOutcome {
        let clean = TextSafety.sanitize(String(c))
        guard !clean.isEmpty else { return .ignored }
        guard count < maxLength else { return .ignored }
        let added: Int
        if cursor == count {
            // At the end: only the last character can join with what is typed.
            let last = text.last.map(String.init) ?? ""
            added = (last + clean).count - last.count
            text.append(contentsOf: clean)
        } else {
            let before = text.count
            text.insert(contentsOf: clean, at: text.index(text.startIndex, offsetBy: cursor))
            added = text.count - before
        }
        count += added
        cursor += added
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
        // Walk back from the cursor: the earliest start whose text up to the
        // cursor still fits (costs the field's width, not the text's length).
        var fitting = cursor
        var width = 0
        while fitting > scroll {
            let w = DisplayWidth.of(chars[fitting - 1])
            if width + w > room { break }
            width += w
            fitting -= 1
        }
        if fitting > scroll { scroll = fitting }
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
