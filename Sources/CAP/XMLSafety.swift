import Foundation

// Checks on the raw bytes of a CAP file before any XML parser sees them.
//
// CAP never needs a DTD, so any `<!DOCTYPE` or `<!ENTITY` is refused outright:
// that one rule removes external entities (file:// and http:// XXE), parameter
// entities and entity expansion bombs without relying on parser settings. The
// parser is also told not to resolve external entities, as a second fence.
// Everything handed on is UTF-8: files declared ISO-8859-1, GB18030, GBK or
// GB2312 are transcoded here (the three Chinese ones read as GB18030, their
// superset), files in any other encoding are refused with the command that
// converts them.

/// Bytes ready for `XMLParser`.
struct PreparedXML {
    /// The document as UTF-8 (declaration rewritten when it was transcoded).
    var utf8: Data
    /// First C0 control character XML 1.0 forbids (the parser stops there; this names it).
    var forbiddenControlCharacter: ByteFinding?
    /// Line of the last non-whitespace byte, to tell a truncated file from a broken one.
    var lastContentLine: Int
}

/// A byte of interest: where it is, and the line it is on (1-based).
struct ByteFinding: Hashable, Sendable {
    var offset: Int
    var line: Int
    var byte: UInt8
}

enum XMLSafety {
    static let xIncludeNamespace = "http://www.w3.org/2001/XInclude"

    /// Runs every check and returns UTF-8 bytes safe to parse, or the reason the file is refused.
    static func prepare(_ data: Data, maximumBytes: Int) throws(CAPError) -> PreparedXML {
        guard data.count <= maximumBytes else {
            throw refuse(tooLargeMessage(size: data.count, limit: maximumBytes))
        }
        let bytes = [UInt8](data)
        guard !bytes.isEmpty else { throw refuse("the file is empty: a CAP file is an XML <alert> document") }

        let hasUTF8BOM = bytes.starts(with: [0xEF, 0xBB, 0xBF])
        let start = hasUTF8BOM ? 3 : 0
        if bytes.starts(with: [0xFE, 0xFF]) || bytes.starts(with: [0xFF, 0xFE]) {
            throw refuse("the file is UTF-16 (it starts with a UTF-16 byte order mark); save it as UTF-8, e.g. `iconv -f UTF-16 -t UTF-8`")
        }
        if let nul = bytes.firstIndex(of: 0) {
            throw refuse("NUL byte at byte offset \(nul): this is UTF-16/UTF-32 or binary data, not UTF-8 text; save the file as UTF-8",
                         line: lineNumber(at: nul, in: bytes))
        }
        guard let firstContent = bytes[start...].firstIndex(where: { !isXMLWhitespace($0) }) else {
            throw refuse("the file holds only whitespace: a CAP file is an XML <alert> document")
        }
        guard bytes[firstContent] == UInt8(ascii: "<") else {
            throw refuse("this is not an XML file: it does not start with `<` (a CAP file starts with `<?xml` or `<alert`)")
        }
        if let declaration = findDeclaration(in: bytes) {
            throw refuse("\(declaration.keyword) declarations are not accepted in CAP files (byte offset \(declaration.offset)): remove the DTD",
                         line: lineNumber(at: declaration.offset, in: bytes))
        }

        if let instruction = findEmptyProcessingInstruction(in: bytes) {
            // Foundation's XMLParser on Linux reads a processing instruction's data
            // with strlen and crashes when there is none (found by the CAP fuzzer, #18).
            throw refuse("a processing instruction without data at byte offset \(instruction): CAP files need no processing instructions; remove it",
                         line: lineNumber(at: instruction, in: bytes))
        }

        var utf8Bytes = bytes
        let encoding = declaredEncoding(in: bytes, from: start)
        switch encoding.map({ classify($0.name) }) {
        case nil, .utf8?:
            if let bad = firstInvalidUTF8Offset(in: bytes) {
                // Legacy Chinese systems often write GB18030 and declare nothing (or UTF-8): say what would read it.
                // (Only for a text with a few such characters: one stray Latin-1 byte often reads as GB18030 too.)
                let hint = bytes.lazy.filter({ $0 >= 0x80 }).count >= 6 && decodeGB18030(bytes) != nil
                    ? "; the bytes read as GB18030: if that is what it is, declare it (<?xml version=\"1.0\" encoding=\"GB18030\"?>)"
                    : ""
                throw refuse("invalid UTF-8 at byte offset \(bad); save the file as UTF-8\(hint)", line: lineNumber(at: bad, in: bytes))
            }
            // US-ASCII is a subset of UTF-8; declare what the bytes are so the parser reads them leniently.
            if let encoding, classify(encoding.name) == .utf8, encoding.name.uppercased().contains("ASCII") {
                utf8Bytes.replaceSubrange(encoding.valueRange, with: Array("UTF-8".utf8))
            }
        case .latin1?:
            guard let encoding else { break }
            if hasUTF8BOM {
                throw refuse("the file starts with a UTF-8 byte order mark but declares encoding \(encoding.name); fix the declaration")
            }
            utf8Bytes = transcodeLatin1ToUTF8(bytes)
            // The declaration is ASCII and precedes any non-ASCII byte, so its range is unchanged.
            utf8Bytes.replaceSubrange(encoding.valueRange, with: Array("UTF-8".utf8))
        case .gb18030?:
            guard let encoding else { break }
            if hasUTF8BOM {
                throw refuse("the file starts with a UTF-8 byte order mark but declares encoding \(encoding.name); fix the declaration")
            }
            // A declaration that lies: the bytes are UTF-8 (a GB18030 document of Chinese text is
            // practically never also valid UTF-8), so reading them as GB18030 would give garbage.
            if firstInvalidUTF8Offset(in: bytes) == nil, let first = bytes.firstIndex(where: { $0 >= 0x80 }) {
                throw refuse("the file declares encoding \(encoding.name) but its bytes are UTF-8 (the first non-ASCII byte, at byte offset \(first), starts a UTF-8 character): change the declaration to encoding=\"UTF-8\"",
                             line: lineNumber(at: first, in: bytes))
            }
            if let bad = firstInvalidGB18030Offset(in: bytes) {
                throw refuse("invalid \(encoding.name) at byte offset \(bad) (read as GB18030): the file is not in the encoding it declares; fix the bytes or the declaration",
                             line: lineNumber(at: bad, in: bytes))
            }
            guard let decoded = decodeGB18030(bytes) else {
                throw refuse("the file declares encoding \(encoding.name) but cannot be read as GB18030; save it as UTF-8, e.g. `iconv -f GB18030 -t UTF-8`")
            }
            utf8Bytes = decoded
            // The declaration is ASCII and precedes any non-ASCII byte, so its range is unchanged.
            utf8Bytes.replaceSubrange(encoding.valueRange, with: Array("UTF-8".utf8))
        case .other?:
            let name = encoding?.name ?? ""
            throw refuse("the file declares encoding \(name); CAP files are read as UTF-8, GB18030 (GBK, GB2312) or ISO-8859-1: convert it with `iconv -f \(name) -t UTF-8 FILE > FILE.utf8.xml` and change the declaration to encoding=\"UTF-8\"")
        }

        // C0 controls are single bytes in UTF-8, Latin-1 and GB18030 alike (GB18030's trailing
        // bytes are 0x30 and above), so original offsets and lines are right.
        let control = bytes.firstIndex(where: { $0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }).map {
            ByteFinding(offset: $0, line: lineNumber(at: $0, in: bytes), byte: bytes[$0])
        }
        let lastContent = bytes.lastIndex(where: { !isXMLWhitespace($0) }) ?? 0
        return PreparedXML(utf8: Data(utf8Bytes), forbiddenControlCharacter: control,
                           lastContentLine: lineNumber(at: lastContent, in: bytes))
    }

    static func tooLargeMessage(size: Int, limit: Int) -> String {
        "the file is \(describeByteCount(size)); CAP files are accepted up to \(describeByteCount(limit)) (a CAP alert is a few kilobytes)"
    }

    /// A refusal of the file as a whole (no element to name).
    static func refuse(_ message: String, line: Int? = nil) -> CAPError {
        CAPError([CAPProblem(element: "", message: message, line: line)])
    }

    // MARK: - Byte scans

    static func isXMLWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    /// 1-based line of a byte offset.
    static func lineNumber(at offset: Int, in bytes: [UInt8]) -> Int {
        var line = 1
        for byte in bytes[..<min(offset, bytes.count)] where byte == 0x0A { line += 1 }
        return line
    }

    /// First `<!DOCTYPE` or `<!ENTITY` (any case), even inside a comment: a CAP file has no reason to carry one.
    static func findDeclaration(in bytes: [UInt8]) -> (keyword: String, offset: Int)? {
        let keywords = ["DOCTYPE", "ENTITY"].map { ($0, Array($0.utf8)) }
        var index = 0
        while index + 1 < bytes.count {
            if bytes[index] == UInt8(ascii: "<"), bytes[index + 1] == UInt8(ascii: "!") {
                for (keyword, letters) in keywords where matchesIgnoringCase(letters, in: bytes, at: index + 2) {
                    return (keyword, index)
                }
            }
            index += 1
        }
        return nil
    }

    /// First `<?name?>`: a processing instruction whose name is followed at once by
    /// its end, which libxml2 reports with no data at all (even inside a comment).
    static func findEmptyProcessingInstruction(in bytes: [UInt8]) -> Int? {
        var index = 0
        while index + 1 < bytes.count {
            if bytes[index] == UInt8(ascii: "<"), bytes[index + 1] == UInt8(ascii: "?") {
                var cursor = index + 2
                while cursor < bytes.count, !isXMLWhitespace(bytes[cursor]), bytes[cursor] != UInt8(ascii: "?"),
                      bytes[cursor] != UInt8(ascii: ">"), bytes[cursor] != UInt8(ascii: "<") {
                    cursor += 1
                }
                if cursor + 1 < bytes.count, bytes[cursor] == UInt8(ascii: "?"), bytes[cursor + 1] == UInt8(ascii: ">") {
                    return index
                }
            }
            index += 1
        }
        return nil
    }

    private static func matchesIgnoringCase(_ upperLetters: [UInt8], in bytes: [UInt8], at start: Int) -> Bool {
        guard start + upperLetters.count <= bytes.count else { return false }
        for (offset, letter) in upperLetters.enumerated() {
            let byte = bytes[start + offset]
            let upper = (byte >= 0x61 && byte <= 0x7A) ? byte - 0x20 : byte
            if upper != letter { return false }
        }
        return true
    }

    // MARK: - Encoding

    enum EncodingKind: Equatable { case utf8, latin1, gb18030, other }

    static func classify(_ name: String) -> EncodingKind {
        let normalized = name.uppercased().replacingOccurrences(of: "_", with: "-")
        switch normalized {
        case "UTF-8", "UTF8", "US-ASCII", "ASCII": return .utf8
        case "ISO-8859-1", "ISO8859-1", "LATIN1", "LATIN-1", "L1", "ISO-IR-100", "CP819", "IBM819": return .latin1
        // GBK and GB2312 (EUC-CN) are subsets of GB18030: files labelled GB2312 often hold GBK
        // characters, so all three are read as GB18030, as the WHATWG Encoding Standard reads them.
        case "GB18030", "GB-18030", "GBK", "CP936", "MS936", "WINDOWS-936", "GB2312", "GB-2312", "EUC-CN", "EUCCN", "X-GBK",
             "CSGB2312", "CHINESE", "GB-2312-80", "CSGBK", "ISO-IR-58":
            return .gb18030
        default: return .other
        }
    }

    /// The encoding a CAP file was read in, as a message says it: nil for UTF-8
    /// (or ASCII, or nothing declared); "ISO-8859-1"; "GB18030", or "GB18030
    /// (declared GBK)" when declared as a subset of it.
    static func encodingRead(_ bytes: [UInt8]) -> String? {
        let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        guard let encoding = declaredEncoding(in: bytes, from: start) else { return nil }
        switch classify(encoding.name) {
        case .utf8, .other: return nil
        case .latin1: return "ISO-8859-1"
        case .gb18030:
            let shown = quotedForMessage(encoding.name, limit: 20).dropFirst().dropLast()
            return shown.uppercased() == "GB18030" ? "GB18030" : "GB18030 (declared \(shown))"
        }
    }

    /// GB18030 as the file's own encoding (Foundation reads it through ICU on Linux too):
    /// its code as an `NSString` encoding, CFStringEncoding kCFStringEncodingGB_18030_2000.
    static let gb18030 = String.Encoding(rawValue: 0x8000_0632)

    /// The bytes read as GB18030, as UTF-8; nil when they are not GB18030.
    static func decodeGB18030(_ bytes: [UInt8]) -> [UInt8]? {
        guard let text = String(data: Data(bytes), encoding: gb18030) else { return nil }
        return Array(text.utf8)
    }

    /// Offset of the first byte that does not start or continue a well-formed GB18030
    /// sequence: one byte 0x00–0x7F; two bytes 0x81–0xFE then 0x40–0x7E or 0x80–0xFE;
    /// four bytes 0x81–0xFE, 0x30–0x39, 0x81–0xFE, 0x30–0x39. A sequence of the right
    /// shape the decoder still refuses (an unassigned four-byte code) is found by
    /// decoding the sequences before it.
    static func firstInvalidGB18030Offset(in bytes: [UInt8]) -> Int? {
        var starts: [Int] = []
        var index = 0
        while index < bytes.count {
            let lead = bytes[index]
            if lead < 0x80 { index += 1; continue }
            guard (0x81...0xFE).contains(lead), index + 1 < bytes.count else { return index }
            let second = bytes[index + 1]
            starts.append(index)
            if (0x40...0x7E).contains(second) || (0x80...0xFE).contains(second) {
                index += 2
            } else if (0x30...0x39).contains(second), index + 3 < bytes.count,
                      (0x81...0xFE).contains(bytes[index + 2]), (0x30...0x39).contains(bytes[index + 3]) {
                index += 4
            } else {
                return index
            }
        }
        if decodeGB18030(bytes) != nil { return nil }
        // Well-formed but refused: the first sequence through which the text no longer decodes (halving).
        guard !starts.isEmpty else { return 0 }
        func decodesThrough(_ i: Int) -> Bool {
            decodeGB18030(Array(bytes[..<(i + 1 < starts.count ? starts[i + 1] : bytes.count)])) != nil
        }
        var (good, bad) = (-1, starts.count - 1)
        while bad - good > 1 {
            let middle = (good + bad) / 2
            if decodesThrough(middle) { good = middle } else { bad = middle }
        }
        return starts[bad]
    }

    /// The `encoding` pseudo-attribute of the XML declaration, with the byte range of its value.
    static func declaredEncoding(in bytes: [UInt8], from start: Int) -> (name: String, valueRange: Range<Int>)? {
        let opener = Array("<?xml".utf8)
        guard bytes.count > start + opener.count, Array(bytes[start..<start + opener.count]) == opener,
              isXMLWhitespace(bytes[start + opener.count]) else { return nil }
        // A declaration is short; do not scan a whole file for its end.
        let searchEnd = min(bytes.count, start + 512)
        var end = start + opener.count
        while end + 1 < searchEnd, !(bytes[end] == UInt8(ascii: "?") && bytes[end + 1] == UInt8(ascii: ">")) { end += 1 }
        let keyword = Array("encoding".utf8)
        var index = start + opener.count
        while index + keyword.count <= end {
            if Array(bytes[index..<index + keyword.count]) == keyword {
                var cursor = index + keyword.count
                while cursor < end, isXMLWhitespace(bytes[cursor]) { cursor += 1 }
                guard cursor < end, bytes[cursor] == UInt8(ascii: "=") else { return nil }
                cursor += 1
                while cursor < end, isXMLWhitespace(bytes[cursor]) { cursor += 1 }
                guard cursor < end, bytes[cursor] == UInt8(ascii: "\"") || bytes[cursor] == UInt8(ascii: "'") else { return nil }
                let quote = bytes[cursor]
                let valueStart = cursor + 1
                guard let valueEnd = bytes[valueStart..<end].firstIndex(of: quote) else { return nil }
                let name = String(decoding: bytes[valueStart..<valueEnd], as: UTF8.self)
                return (name, valueStart..<valueEnd)
            }
            index += 1
        }
        return nil
    }

    /// ISO-8859-1 maps each byte to the code point of the same value.
    static func transcodeLatin1ToUTF8(_ bytes: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + bytes.count / 8)
        for byte in bytes {
            if byte < 0x80 {
                output.append(byte)
            } else {
                output.append(0xC0 | (byte >> 6))
                output.append(0x80 | (byte & 0x3F))
            }
        }
        return output
    }

    /// Offset of the first byte that does not start or continue a well-formed UTF-8 sequence
    /// (overlong forms, surrogates and code points above U+10FFFF count as invalid).
    static func firstInvalidUTF8Offset(in bytes: [UInt8]) -> Int? {
        var index = 0
        while index < bytes.count {
            let lead = bytes[index]
            if lead < 0x80 { index += 1; continue }
            let length: Int
            var lowerBound: UInt8 = 0x80, upperBound: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; lowerBound = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; upperBound = 0x9F
            case 0xF0: length = 4; lowerBound = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; upperBound = 0x8F
            default: return index
            }
            guard index + length <= bytes.count else { return index }
            let second = bytes[index + 1]
            guard second >= lowerBound, second <= upperBound else { return index }
            for continuation in 2..<length where bytes[index + continuation] & 0xC0 != 0x80 {
                return index
            }
            index += length
        }
        return nil
    }

    // MARK: - Wording

    /// "52,428,800 bytes (50.0 MB)".
    static func describeByteCount(_ count: Int) -> String {
        let digits = String(count)
        var grouped = ""
        for (position, digit) in digits.enumerated() {
            if position > 0, (digits.count - position) % 3 == 0 { grouped.append(",") }
            grouped.append(digit)
        }
        let megabytes = Double(count) / 1_048_576
        let tenths = (megabytes * 10).rounded() / 10
        return "\(grouped) bytes (\(tenths) MB)"
    }
}

/// Quotes outside text for a message: control characters shown as `\u{1B}`, long text cut.
/// Messages reach the screen and logs, so they never carry raw control characters.
func quotedForMessage(_ text: String, limit: Int = 60) -> String {
    var shown = ""
    var count = 0
    for scalar in text.unicodeScalars {
        if count == limit { shown += "…"; break }
        let value = scalar.value
        if value < 0x20 || (value >= 0x7F && value <= 0x9F) || value == 0x2028 || value == 0x2029 {
            shown += "\\u{" + String(value, radix: 16, uppercase: true) + "}"
        } else {
            shown.unicodeScalars.append(scalar)
        }
        count += 1
    }
    return "\"" + shown + "\""
}
