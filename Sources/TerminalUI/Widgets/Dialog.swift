/// A modal box centred on the screen: a title, wrapped message lines and a row
/// of buttons, the focused one highlighted. The caller keeps `focused`.
public struct Dialog {
    public var title: String
    public var message: String
    public var buttons: [String]
    public var focused: Int

    public init(title: String, message: String, buttons: [String], focused: Int = 0) {
        self.title = title
        self.message = message
        self.buttons = buttons
        self.focused = focused
    }

    public struct Styles: Sendable {
        public var frame: Style
        public var title: Style
        public var body: Style
        public var button: Style
        public var focusedButton: Style
        public init(frame: Style, title: Style, body: Style, button: Style, focusedButton: Style) {
            self.frame = frame
            self.title = title
            self.body = body
            self.button = button
            self.focusedButton = focusedButton
        }
    }

    /// `clear`: the style of the margin cleared around the box (see `Box.overlay`).
    public func render(into buffer: inout ScreenBuffer, area: Rect, styles: Styles, clear: Style = .plain) {
        let width = min(area.width - 2, max(30, min(64, message.displayWidth + 6, area.width)))
        let lines = TextFit.wrap(message, width: max(1, width - 4))
        let height = min(area.height, lines.count + 5)
        let inner = Box.overlay(Size(width: width, height: height), in: area, title: title, into: &buffer, border: styles.frame,
                                titleStyle: styles.title, fill: styles.body, clear: clear).inner
        guard inner.height > 0 else { return }
        for (i, line) in lines.enumerated() where i < inner.height - 2 {
            buffer.write(line, x: inner.x + 1, y: inner.y + i, style: styles.body, clip: inner)
        }
        let labels = buttons.map { "[ \($0) ]" }
        let total = labels.reduce(0) { $0 + $1.displayWidth } + max(0, labels.count - 1) * 2
        var x = inner.x + max(0, (inner.width - total) / 2)
        for (i, label) in labels.enumerated() {
            x = buffer.write(label, x: x, y: inner.maxY - 1, style: i == focused ? styles.focusedButton : styles.button, clip: inner) + 2
        }
    }
}

/// A centred box listing keys and what they do, in two columns.
public struct HelpOverlay {
    public var title: String
    public var sections: [(heading: String, entries: [(key: String, action: String)])]
    public var footer: String

    public init(title: String, sections: [(heading: String, entries: [(key: String, action: String)])], footer: String) {
        self.title = title
        self.sections = sections
        self.footer = footer
    }

    /// `clear`: the style of the margin cleared around the box (see `Box.overlay`).
    public func render(into buffer: inout ScreenBuffer, area: Rect, frame: Style, title titleStyle: Style,
                       body: Style, key keyStyle: Style, heading: Style, clear: Style = .plain) {
        let keyWidth = sections.flatMap(\.entries).map { $0.key.displayWidth }.max() ?? 0
        let actionWidth = sections.flatMap(\.entries).map { $0.action.displayWidth }.max() ?? 0
        let lineCount = sections.reduce(0) { $0 + $1.entries.count + 1 } + 1
        let width = max(keyWidth + actionWidth + 7, footer.displayWidth + 4, title.displayWidth + 6)
        let inner = Box.overlay(Size(width: width, height: lineCount + 2), in: area, title: title, into: &buffer, border: frame,
                                titleStyle: titleStyle, fill: body, clear: clear).inner
        var y = inner.y
        for section in sections {
            guard y < inner.maxY - 1 else { break }
            buffer.write(TextFit.truncate(section.heading, to: inner.width - 1), x: inner.x + 1, y: y, style: heading, clip: inner)
            y += 1
            for entry in section.entries {
                guard y < inner.maxY - 1 else { break }
                buffer.write(TextFit.pad(entry.key, to: keyWidth), x: inner.x + 1, y: y, style: keyStyle, clip: inner)
                buffer.write(TextFit.truncate(entry.action, to: max(0, inner.width - keyWidth - 3)),
                             x: inner.x + keyWidth + 3, y: y, style: body, clip: inner)
                y += 1
            }
        }
        if inner.height > 0 {
            buffer.write(TextFit.truncate(footer, to: inner.width - 1), x: inner.x + 1, y: inner.maxY - 1, style: body, clip: inner)
        }
    }
}
