import Foundation

// Checks on the raw bytes of a CAP file before any XML parser sees them.
//
// CAP never needs a DTD, so any `<!DOCTYPE` or `<!ENTITY` is refused outright:
// that one rule removes external entities (file:// and http:// XXE), parameter
// entities and entity expansion bombs without relying on parser settings. The
// parser is also told not to resolve external entities, as a second fence.
// Everything handed on is UTF-8: files declared ISO-8859-1 are transcoded here,
// files in any other encoding are refused with the command that converts them.

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
                throw refuse("invalid UTF-8 at byte offset \(bad); save the file as UTF-8", line: lineNumber(at: bad, in: bytes))
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
        case .other?:
            let name = encoding?.name ?? ""
            throw refuse("the file declares encoding \(name); CAP files are read as UTF-8 (or ISO-8859-1): convert it with `iconv -f \(name) -t UTF-8 FILE > FILE.utf8.xml` and change the declaration to encoding=\"UTF-8\"")
        }

        // C0 controls are single bytes in UTF-8 and Latin-1 alike, so original offsets are right.
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

    enum EncodingKind: Equatable { case utf8, latin1, other }

    static func classify(_ name: String) -> EncodingKind {
        let normalized = name.uppercased().replacingOccurrences(of: "_", with: "-")
        switch normalized {
        case "UTF-8", "UTF8", "US-ASCII", "ASCII": return .utf8
        case "ISO-8859-1", "ISO8859-1", "LATIN1", "LATIN-1", "L1", "ISO-IR-100", "CP819", "IBM819": return .latin1
        default: return .other
        }
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
