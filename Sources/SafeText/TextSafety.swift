import Foundation
/// The one sanitizer for text from outside (CAP files, CSV sheets, peers'
/// records, file names, the keyboard's paste): everything a terminal would
/// act on is removed, so no escape sequence from data ever reaches a screen
/// or a script reading our output. Used by DutyModel, the command line and
/// the views alike (issue 14: one sanitizer, one meaning).
public enum TextSafety {
    /// Text from outside (files, peers, the keyboard's paste) with everything
    /// removed that a terminal would act on: C0/C1 controls, DEL, whole escape
    /// sequences (CSI, OSC, DCS …) and bidi overrides. Tabs and newlines become
    /// spaces unless `keepNewlines`.
    public static func sanitize(_ text: String, keepNewlines: Bool = false) -> String {
        var out = String.UnicodeScalarView()
        var scalars = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil
        func next() -> Unicode.Scalar? {
            if let p = pending { pending = nil; return p }
            return scalars.next()
        }
        while let s = next() {
            let v = s.value
            if v == 0x1B || v == 0x9B || v == 0x9D || v == 0x90 {
                skipEscape(introducer: s, next: next, pushBack: { pending = $0 })
                continue
            }
            if v == 0x0A && keepNewlines { out.append(s); continue }
            if v == 0x09 || v == 0x0A || v == 0x0D {
                out.append(" ")
                continue
            }
            if v < 0x20 || (v >= 0x7F && v < 0xA0) { continue }
            if (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v) { continue }
            out.append(s)
        }
        return String(out)
    }

    private static func skipEscape(introducer: Unicode.Scalar, next: () -> Unicode.Scalar?,
                                   pushBack: (Unicode.Scalar) -> Void) {
        var kind: UInt32 = introducer.value
        if kind == 0x1B {
            guard let second = next() else { return }
            switch second.value {
            case 0x5B: kind = 0x9B  // CSI
            case 0x5D, 0x50, 0x5F, 0x5E, 0x58: kind = 0x9D  // OSC, DCS, APC, PM, SOS: string until ST
            default:
                // Intermediate bytes 0x20–0x2F (ESC ( 0, ESC # 8 …), then the final byte.
                var last = second
                while last.value >= 0x20 && last.value <= 0x2F {
                    guard let s = next() else { return }
                    last = s
                }
                // Two-byte escape (ESC 7, ESC c …): drop the final byte only if it is one.
                if last.value < 0x20 || last.value > 0x7E { pushBack(last) }
                return
            }
        }
        if kind == 0x9B {
            // Parameters and intermediates, then one final byte 0x40–0x7E.
            while let s = next() {
                if s.value >= 0x40 && s.value <= 0x7E { return }
                // A sequence cut short: what cut it (a newline, another control, text) is kept.
                if s.value < 0x20 || s.value > 0x7E { pushBack(s); return }
            }
            return
        }
        // String sequences end at BEL or ST (ESC \ or 0x9C); give up after a line's worth.
        var count = 0
        while let s = next() {
            count += 1
            if s.value == 0x07 || s.value == 0x9C { return }
            if s.value == 0x1B {
                if let t = next(), t.value != 0x5C { pushBack(t) }
                return
            }
            if count > 4096 { return }
        }
    }
}

extension TextSafety {
    /// One line of text from outside made safe to print: `sanitize` with tabs
    /// and line breaks as spaces.
    public static func printable(_ text: String) -> String { sanitize(text) }

    /// As `printable`, but multi-line text keeps its line breaks (CR LF and CR
    /// become LF); a tab becomes a space.
    public static func printableLines(_ text: String) -> String {
        sanitize(text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n"), keepNewlines: true)
    }
}
