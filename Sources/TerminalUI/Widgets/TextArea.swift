import SafeText
/// A multi-line text area: lines of text, a cursor (line, grapheme column),
/// vertical scrolling. Enter breaks the line; long lines are shown truncated
/// with the cursor's line scrolled horizontally like a text field.
public struct TextAreaState: Hashable, Sendable {
    public private(set) var lines: [String]
    public private(set) var line: Int = 0
    public private(set) var column: Int = 0
    public private(set) var scroll: Int = 0
    public var maxCharacters: Int

    public init(text: String = "", maxCharacters: Int = 20_000) {
        self.maxCharacters = maxCharacters
        let clean = TextSafety.sanitize(text, keepNewlines: true)
        lines = clean.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.isEmpty { lines = [""] }
        line = lines.count - 1
        column = lines[line].count
    }

    public var text: String { lines.joined(separator: "\n") }
    private var characterCount: Int { lines.reduce(lines.count - 1) { $0 + $1.count } }

    public mutating func handle(_ press: KeyPress) -> KeyOutcome {
        if press.alt { return .ignored }
        switch press.key {
        case .enter:
            guard characterCount < maxCharacters else { return .ignored }
            let current = lines[line]
            let split = current.index(current.startIndex, offsetBy: column)
            lines[line] = String(current[..<split])
            lines.insert(String(current[split...]), at: line + 1)
            line += 1
            column = 0
            return .edited
        case .char(let c):
            guard characterCount < maxCharacters else { return .ignored }
            var field = fieldForCurrentLine()
            let outcome = field.insert(c)
            if outcome == .edited { store(field) }
            return outcome
        case .backspace where column == 0:
            guard line > 0 else { return .moved }
            let removed = lines.remove(at: line)
            line -= 1
            column = lines[line].count
            lines[line] += removed
            return .edited
        case .delete where column == lines[line].count:
            guard line + 1 < lines.count else { return .moved }
            lines[line] += lines.remove(at: line + 1)
            return .edited
        case .up:
            guard line > 0 else { return .moved }
            line -= 1
            column = min(column, lines[line].count)
            return .moved
        case .down:
            guard line + 1 < lines.count else { return .moved }
            line += 1
            column = min(column, lines[line].count)
            return .moved
        default:
            var field = fieldForCurrentLine()
            let outcome = field.handle(press)
            if outcome != .ignored { store(field) }
            return outcome
        }
    }

    private func fieldForCurrentLine() -> TextFieldState {
        var field = TextFieldState(text: lines[line], maxLength: Int.max)
        for _ in 0..<(lines[line].count - column) { _ = field.handle(KeyPress(.left)) }
        return field
    }

    private mutating func store(_ field: TextFieldState) {
        lines[line] = field.text
        column = field.cursor
    }

    @discardableResult
    public mutating func render(into buffer: inout ScreenBuffer, area: Rect, style: Style) -> Position {
        buffer.fill(area, style: style)
        guard area.height > 0, area.width > 0 else { return Position(x: area.x, y: area.y) }
        if line < scroll { scroll = line }
        if line >= scroll + area.height { scroll = line - area.height + 1 }
        var cursor = Position(x: area.x, y: area.y)
        for row in 0..<area.height {
            let index = scroll + row
            guard index < lines.count else { break }
            let y = area.y + row
            if index == line {
                var field = fieldForCurrentLine()
                cursor = field.render(into: &buffer, area: Rect(x: area.x, y: y, width: area.width, height: 1), style: style)
            } else {
                buffer.write(TextFit.truncate(lines[index], to: area.width), x: area.x, y: y, style: style, clip: area)
            }
        }
        return cursor
    }
}
