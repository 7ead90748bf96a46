/// Frames and small drawing helpers shared by widgets.
public enum Box {
    /// Draws a single-line frame around `rect` with an optional title, fills the
    /// inside with `fill`, and returns the inner area.
    @discardableResult
    public static func draw(_ rect: Rect, title: String? = nil, into buffer: inout ScreenBuffer,
                            border: Style, titleStyle: Style, fill: Style) -> Rect {
        guard rect.width >= 2, rect.height >= 2 else { return Rect(x: rect.x, y: rect.y, width: 0, height: 0) }
        buffer.fill(rect, style: fill)
        let horizontal = String(repeating: "─", count: rect.width - 2)
        buffer.write("┌" + horizontal + "┐", x: rect.x, y: rect.y, style: border)
        buffer.write("└" + horizontal + "┘", x: rect.x, y: rect.maxY - 1, style: border)
        for y in (rect.y + 1)..<(rect.maxY - 1) {
            buffer.write("│", x: rect.x, y: y, style: border)
            buffer.write("│", x: rect.maxX - 1, y: y, style: border)
        }
        if let title, rect.width > 4 {
            let text = TextFit.truncate(" \(title) ", to: rect.width - 4)
            buffer.write(text, x: rect.x + 2, y: rect.y, style: titleStyle)
        }
        return rect.inset(by: 1)
    }
}
