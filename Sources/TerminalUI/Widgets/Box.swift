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

    /// An overlay's box, the one rule every dialog and detail box follows: at most
    /// `size`, centred in `area` with at least a column free on either side. The box
    /// and a one-cell margin around it (clipped to `area`) are cleared with `clear`
    /// before the frame is drawn, so no text or line of the screen behind touches the
    /// border (no "│7" beside it, no corner doubled by a table's) and no wide
    /// character is left cut in half at its edge. Returns the box and its inner area.
    @discardableResult
    public static func overlay(_ size: Size, in area: Rect, title: String? = nil, into buffer: inout ScreenBuffer,
                               border: Style, titleStyle: Style, fill: Style, clear: Style) -> (box: Rect, inner: Rect) {
        let box = overlayRect(size, in: area)
        buffer.fill(Rect(x: box.x - 1, y: box.y - 1, width: box.width + 2, height: box.height + 2).intersection(area), style: clear)
        return (box, draw(box, title: title, into: &buffer, border: border, titleStyle: titleStyle, fill: fill))
    }

    /// Where `overlay` puts a box of at most `size` in `area`.
    public static func overlayRect(_ size: Size, in area: Rect) -> Rect {
        area.centered(Size(width: min(size.width, max(0, area.width - 2)), height: min(size.height, area.height)))
    }
}
