/// Column widths of text as a terminal draws it: CJK and emoji take two
/// columns, combining marks and format characters none. East Asian
/// "ambiguous" characters (box drawing, Greek, ①…) are one column by default,
/// as glibc's wcwidth and tmux count them in a UTF-8 locale; a CJK terminal
/// set to draw them wide can say so with `ambiguousIsWide`.
public struct WidthPolicy: Hashable, Sendable {
    public var ambiguousIsWide: Bool

    public init(ambiguousIsWide: Bool = false) {
        self.ambiguousIsWide = ambiguousIsWide
    }

    public static let standard = WidthPolicy()
}

public enum DisplayWidth {
    /// Columns taken by one grapheme cluster.
    public static func of(_ character: Character, policy: WidthPolicy = .standard) -> Int {
        let scalars = character.unicodeScalars
        guard let first = scalars.first else { return 0 }
        if scalars.count > 1 {
            // VS16 asks for emoji presentation; ZWJ sequences and flags are drawn as one emoji.
            for s in scalars.dropFirst() where s.value == 0xFE0F || s.value == 0x200D {
                return first.properties.isEmoji ? 2 : of(first, policy: policy)
            }
            if isRegionalIndicator(first) { return 2 }
        }
        return of(first, policy: policy)
    }

    /// Columns taken by a single scalar drawn on its own.
    public static func of(_ scalar: Unicode.Scalar, policy: WidthPolicy = .standard) -> Int {
        let v = scalar.value
        if v >= 0x20 && v < 0x7F { return 1 }
        if v < 0x20 || (v >= 0x7F && v < 0xA0) { return 0 }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format, .control:
            return v == 0x00AD ? 1 : 0
        default:
            break
        }
        if v >= 0x1160 && v <= 0x11FF { return 0 }  // Hangul medial vowels and final consonants
        if v == 0x200B { return 0 }
        if isWide(v) || scalar.properties.isEmojiPresentation { return 2 }
        if policy.ambiguousIsWide && isAmbiguous(v) { return 2 }
        return 1
    }

    public static func of(_ text: some StringProtocol, policy: WidthPolicy = .standard) -> Int {
        // Most text on screen is printable ASCII and CJK ideographs: counted by
        // scalar without building characters or asking Unicode properties.
        var plain = 0
        var simple = true
        for s in text.unicodeScalars {
            let v = s.value
            if v >= 0x20 && v < 0x7F { plain += 1 } else if (v >= 0x4E00 && v <= 0x9FFF) || (v >= 0x3001 && v <= 0x3029) || (v >= 0xFF01 && v <= 0xFF60) {
                plain += 2
            } else {
                simple = false
                break
            }
        }
        if simple { return plain }
        var total = 0
        for ch in text { total += of(ch, policy: policy) }
        return total
    }

    static func isRegionalIndicator(_ s: Unicode.Scalar) -> Bool {
        s.value >= 0x1F1E6 && s.value <= 0x1F1FF
    }

    /// East Asian Wide (W) and Fullwidth (F) ranges outside the emoji blocks
    /// (those are decided by the Emoji_Presentation property).
    static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x2E80...0x303E, 0x3041...0x33FF,
        0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF, 0xA960...0xA97F, 0xAC00...0xD7A3,
        0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F, 0xFF00...0xFF60, 0xFFE0...0xFFE6,
        0x16FE0...0x16FE4, 0x17000...0x18AFF, 0x1B000...0x1B2FF, 0x1F200...0x1F202,
        0x1F210...0x1F23B, 0x1F240...0x1F248, 0x1F250...0x1F251, 0x20000...0x2FFFD,
        0x30000...0x3FFFD,
    ]

    /// The common East Asian Ambiguous (A) ranges.
    static let ambiguousRanges: [ClosedRange<UInt32>] = [
        0x00A1...0x00A1, 0x00A4...0x00A4, 0x00A7...0x00A8, 0x00AA...0x00AA, 0x00AE...0x00AE,
        0x00B0...0x00B4, 0x00B6...0x00BA, 0x00BC...0x00BF, 0x00C6...0x00C6, 0x00D0...0x00D0,
        0x00D7...0x00D8, 0x00DE...0x00E1, 0x00E6...0x00E6, 0x00E8...0x00EA, 0x00EC...0x00ED,
        0x00F0...0x00F0, 0x00F2...0x00F3, 0x00F7...0x00FA, 0x00FC...0x00FC, 0x00FE...0x00FE,
        0x0391...0x03A9, 0x03B1...0x03C9, 0x0401...0x0401, 0x0410...0x044F, 0x0451...0x0451,
        0x2010...0x2010, 0x2013...0x2016, 0x2018...0x2019, 0x201C...0x201D, 0x2020...0x2022,
        0x2024...0x2027, 0x2030...0x2030, 0x2032...0x2033, 0x2035...0x2035, 0x203B...0x203B,
        0x203E...0x203E, 0x2103...0x2103, 0x2105...0x2105, 0x2109...0x2109, 0x2113...0x2113,
        0x2116...0x2116, 0x2121...0x2122, 0x2126...0x2126, 0x2160...0x216B, 0x2170...0x2179,
        0x2190...0x2199, 0x21D2...0x21D2, 0x21D4...0x21D4, 0x2200...0x22FF, 0x2460...0x24E9,
        0x24EB...0x254B, 0x2550...0x2573, 0x2580...0x258F, 0x2592...0x2595, 0x25A0...0x25A1,
        0x25A3...0x25A9, 0x25B2...0x25B3, 0x25B6...0x25B7, 0x25BC...0x25BD, 0x25C0...0x25C1,
        0x25C6...0x25C8, 0x25CB...0x25CB, 0x25CE...0x25D1, 0x25E2...0x25E5, 0x25EF...0x25EF,
        0x2605...0x2606, 0x2609...0x2609, 0x260E...0x260F, 0x261C...0x261C, 0x261E...0x261E,
        0x2640...0x2640, 0x2642...0x2642, 0x2660...0x2661, 0x2663...0x2665, 0x2667...0x266A,
        0x266C...0x266D, 0x266F...0x266F, 0x273D...0x273D, 0x2776...0x277F, 0xE000...0xF8FF,
        0xFFFD...0xFFFD,
    ]

    static func isWide(_ v: UInt32) -> Bool { contains(wideRanges, v) }
    static func isAmbiguous(_ v: UInt32) -> Bool { contains(ambiguousRanges, v) }

    private static func contains(_ ranges: [ClosedRange<UInt32>], _ v: UInt32) -> Bool {
        var low = 0, high = ranges.count - 1
        while low <= high {
            let mid = (low + high) / 2
            if v < ranges[mid].lowerBound { high = mid - 1 }
            else if v > ranges[mid].upperBound { low = mid + 1 }
            else { return true }
        }
        return false
    }
}

extension StringProtocol {
    /// Terminal columns this text takes (standard width policy).
    public var displayWidth: Int { DisplayWidth.of(self) }
}

public enum TextFit {
    /// The longest prefix of `text` that fits in `width` columns; when the text
    /// is cut, the last column holds `…` so the reader knows there is more.
    public static func truncate(_ text: String, to width: Int, policy: WidthPolicy = .standard) -> String {
        guard width > 0 else { return "" }
        if DisplayWidth.of(text, policy: policy) <= width { return text }
        // "…" is East Asian ambiguous: two columns when the policy draws those wide.
        let ellipsis = DisplayWidth.of("…", policy: policy)
        let room = ellipsis <= width ? width - ellipsis : width
        var result = ""
        var used = 0
        for ch in text {
            let w = DisplayWidth.of(ch, policy: policy)
            if used + w > room { break }
            result.append(ch)
            used += w
        }
        return ellipsis <= width ? result + "…" : result
    }

    /// Pads (or truncates) to exactly `width` columns.
    public static func pad(_ text: String, to width: Int, alignment: Alignment = .left,
                           policy: WidthPolicy = .standard) -> String {
        let cut = truncate(text, to: width, policy: policy)
        let gap = max(0, width - DisplayWidth.of(cut, policy: policy))
        switch alignment {
        case .left: return cut + String(repeating: " ", count: gap)
        case .right: return String(repeating: " ", count: gap) + cut
        case .center:
            let left = gap / 2
            return String(repeating: " ", count: left) + cut + String(repeating: " ", count: gap - left)
        }
    }

    /// Splits text into lines of at most `width` columns, breaking at spaces
    /// where it can and inside words (CJK has none) where it must.
    public static func wrap(_ text: String, width: Int, policy: WidthPolicy = .standard) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            var lineWidth = 0
            var lastSpace: String.Index? = nil
            for ch in paragraph {
                let w = DisplayWidth.of(ch, policy: policy)
                if lineWidth + w > width {
                    if let space = lastSpace, ch != " " {
                        let rest = String(line[line.index(after: space)...])
                        lines.append(String(line[..<space]))
                        line = rest
                        lineWidth = DisplayWidth.of(rest, policy: policy)
                    } else {
                        lines.append(line)
                        line = ""
                        lineWidth = 0
                    }
                    lastSpace = nil
                    if ch == " " && line.isEmpty { continue }
                }
                if ch == " " { lastSpace = line.endIndex }
                line.append(ch)
                lineWidth += w
            }
            lines.append(line)
        }
        return lines
    }
}

extension TextFit {
    /// Splits text into lines of at most `width` columns as `wrap` does, each
    /// paragraph that starts with a marker (see `hangingMarker`) continued under
    /// the text after it (a hanging indent): a list number, a time or a label
    /// stands alone in its column. A marker wider than half the width is not hung.
    public static func wrapHanging(_ text: String, width: Int, policy: WidthPolicy = .standard) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let marker = hangingMarker(paragraph)
            let indent = DisplayWidth.of(marker, policy: policy)
            guard !marker.isEmpty, indent * 2 <= width, DisplayWidth.of(paragraph, policy: policy) > width else {
                lines += wrap(String(paragraph), width: width, policy: policy)
                continue
            }
            let pad = String(repeating: " ", count: indent)
            for (i, piece) in wrap(String(paragraph[marker.endIndex...]), width: width - indent, policy: policy).enumerated() {
                lines.append((i == 0 ? String(marker) : pad) + piece)
            }
        }
        return lines
    }

    /// The marker a paragraph starts with, the blanks after it included: leading
    /// blanks, then a list number ("1. ", "1、", "1）", "（1）", "(1) ", "一、",
    /// "①"), a bullet ("· ", "- ", "• "), a time ("11-23 08:30  ", "08:30 ",
    /// "2026-11-23 08:30:00 ") or a short label ("区域：", "Area: "). Empty when
    /// there is none, or nothing follows it.
    public static func hangingMarker(_ paragraph: Substring) -> Substring {
        let chars = Array(paragraph)
        func blank(_ c: Character) -> Bool { c == " " || c == "\u{3000}" }
        func digit(_ j: Int) -> Bool { j < chars.count && chars[j].isASCII && chars[j].isNumber }
        func skipBlanks(_ j: Int) -> Int {
            var j = j
            while j < chars.count, blank(chars[j]) { j += 1 }
            return j
        }
        func digits(from j: Int) -> Int {
            var n = 0
            while digit(j + n) { n += 1 }
            return n
        }
        let start = skipBlanks(0)
        guard start < chars.count else { return paragraph.prefix(0) }
        // A time, then at least one blank.
        let time = ["dddd-dd-dd dd:dd:dd", "dddd-dd-dd dd:dd", "dd-dd dd:dd", "dd:dd:dd", "dd:dd"].lazy.map(Array.init).first { p in
            start + p.count < chars.count && blank(chars[start + p.count])
                && p.indices.allSatisfy { p[$0] == "d" ? digit(start + $0) : chars[start + $0] == p[$0] }
        }
        var end = time.map { skipBlanks(start + $0.count) }
        let n = digits(from: start)
        let c = chars[start]
        if end != nil {
            // the time it is
        } else if (1...3).contains(n), start + n < chars.count {
            // "1、" "1．" "1）" "1)" and "1." not before a digit (1.5 米 is a number).
            let after = chars[start + n]
            if ["、", "．", "）", ")"].contains(after) || (after == "." && !digit(start + n + 1)) { end = skipBlanks(start + n + 1) }
        } else if c == "(" || c == "（" {
            let m = digits(from: start + 1)
            if (1...3).contains(m), start + 1 + m < chars.count, [")", "）"].contains(chars[start + 1 + m]) { end = skipBlanks(start + m + 2) }
        } else if "一二三四五六七八九十".contains(c) {
            var j = start
            while j < chars.count, j - start < 3, "一二三四五六七八九十".contains(chars[j]) { j += 1 }
            if j < chars.count, chars[j] == "、" { end = skipBlanks(j + 1) }
        } else if let v = c.unicodeScalars.first?.value, c.unicodeScalars.count == 1, (0x2460...0x2487).contains(v) {
            end = skipBlanks(start + 1)   // ①…⑳ and ⑴…⒇
        } else if ["·", "-", "•", "*", "▸"].contains(c), start + 1 < chars.count, blank(chars[start + 1]) {
            end = skipBlanks(start + 1)
        }
        if end == nil {
            // A label: a few words without sentence punctuation, then "：" or ": ".
            var j = start
            var width = 0
            while j < chars.count, width <= 20 {
                let ch = chars[j]
                if ch == "：" || (ch == ":" && j + 1 < chars.count && blank(chars[j + 1])) {
                    if j > start { end = skipBlanks(j + 1) }
                    break
                }
                if "，。；,;.!?！？、()（）\"“”".contains(ch) { break }
                width += DisplayWidth.of(ch)
                j += 1
            }
        }
        guard let end, end < chars.count else { return paragraph.prefix(0) }
        return paragraph.prefix(end)
    }
}

public enum Alignment: Sendable, Hashable {
    case left, right, center
}
