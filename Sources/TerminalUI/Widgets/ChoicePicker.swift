import SafeText
/// A list of choices narrowed as the officer types: each choice matches when
/// every typed word is found in its label or one of its keywords (Chinese
/// name, pinyin initials, English). Arrows move, Enter picks.
public struct Choice: Hashable, Sendable {
    public var id: String
    public var label: String
    public var keywords: [String]

    public init(id: String, label: String, keywords: [String] = []) {
        self.id = id
        self.label = label
        self.keywords = keywords
    }

    func matches(_ words: [Substring]) -> Bool {
        let haystack = ([label] + keywords).map { $0.lowercased() }
        return words.allSatisfy { word in haystack.contains { $0.contains(word) } }
    }
}

public struct ChoicePickerState: Hashable, Sendable {
    public var choices: [Choice]
    public var query: TextFieldState
    public var table: TableState

    public init(choices: [Choice], query: String = "") {
        self.choices = choices
        self.query = TextFieldState(text: query, maxLength: 64)
        self.table = TableState()
    }

    public var filtered: [Choice] {
        let words = query.text.lowercased().split(separator: " ")
        guard !words.isEmpty else { return choices }
        return choices.filter { $0.matches(words) }
    }

    public var selectedChoice: Choice? {
        let list = filtered
        return list.indices.contains(table.selected) ? list[table.selected] : nil
    }

    public mutating func handle(_ press: KeyPress) -> KeyOutcome {
        let count = filtered.count
        switch press.key {
        case .up: table.move(by: -1, count: count); return .moved
        case .down: table.move(by: 1, count: count); return .moved
        case .pageUp: table.move(by: -10, count: count); return .moved
        case .pageDown: table.move(by: 10, count: count); return .moved
        default:
            let outcome = query.handle(press)
            if outcome == .edited { table = TableState() }
            return outcome
        }
    }

    /// Draws the query line and the matching choices; returns the cursor.
    @discardableResult
    public mutating func render(into buffer: inout ScreenBuffer, area: Rect, input: Style,
                                row: Style, selected: Style, empty: Style, emptyMessage: String) -> Position {
        guard area.height > 0 else { return Position(x: area.x, y: area.y) }
        let cursor = query.render(into: &buffer, area: area.row(0), style: input)
        let listArea = Rect(x: area.x, y: area.y + 1, width: area.width, height: area.height - 1)
        buffer.fill(listArea, style: row)
        let list = filtered
        if list.isEmpty {
            if listArea.height > 0 { buffer.write(TextFit.truncate(emptyMessage, to: listArea.width), x: listArea.x, y: listArea.y, style: empty, clip: listArea) }
            return cursor
        }
        table.reveal(visibleRows: listArea.height, count: list.count)
        for line in 0..<listArea.height {
            let index = table.offset + line
            guard index < list.count else { break }
            let style = index == table.selected ? selected : row
            let y = listArea.y + line
            buffer.fill(Rect(x: listArea.x, y: y, width: listArea.width, height: 1), style: style)
            buffer.write(TextFit.truncate(TextSafety.sanitize(list[index].label), to: listArea.width), x: listArea.x, y: y, style: style, clip: listArea)
        }
        return cursor
    }
}
