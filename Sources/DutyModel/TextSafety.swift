/// Text that came from outside (a file name, a peer's record) made safe to
/// print: C0 and C1 control characters (ESC, CSI …), DEL and bidi overrides
/// removed, so nothing in it can drive a terminal. The console's own, fuller
/// `TerminalText.sanitize` also removes whole escape sequences.
public enum TextSafety {
    public static func printable(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.filter { s in
            let v = s.value
            return v >= 0x20 && !(0x7F..<0xA0).contains(v) && !(0x202A...0x202E).contains(v) && !(0x2066...0x2069).contains(v)
        }))
    }
}

extension TextSafety {
    /// As `printable`, but multi-line text keeps its line breaks (CR LF and CR
    /// become LF) and a tab becomes a space.
    public static func printableLines(_ text: String) -> String {
        text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            .split(separator: "\n", omittingEmptySubsequences: false)
            .map { printable($0.replacingOccurrences(of: "\t", with: " ")) }
            .joined(separator: "\n")
    }
}
