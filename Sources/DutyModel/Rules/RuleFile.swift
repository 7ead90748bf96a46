import Foundation
import TOMLKit

/// Something wrong in a rule file: which file, the line where known, and what.
/// `description` reads like `reporting.toml line 7: grades.III.phone: "3O m" is
/// not a duration like 30m or 6h`.
public struct RuleProblem: Error, Hashable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var message: String

    public init(file: String, line: Int?, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String {
        if let line { return "\(file) line \(line): \(message)" }
        return "\(file): \(message)"
    }
}

// MARK: - Durations and times of day

/// Durations in rule files: "15m", "6h", "1h30m", "2d", "90s".
public enum RuleDuration {
    /// Seconds, or nil when `text` is not one or more `<digits><d|h|m|s>` groups.
    public static func parse(_ text: String) -> TimeInterval? {
        let scalars = Array(text.unicodeScalars)
        guard !scalars.isEmpty else { return nil }
        var total: Int64 = 0
        var number: Int64? = nil
        for s in scalars {
            if s.value >= 48 && s.value <= 57 {
                let d = Int64(s.value - 48)
                let (m, o1) = (number ?? 0).multipliedReportingOverflow(by: 10)
                let (a, o2) = m.addingReportingOverflow(d)
                guard !o1, !o2, a < 1_000_000_000 else { return nil }
                number = a
                continue
            }
            guard let n = number else { return nil }
            let unit: Int64
            switch s {
            case "d": unit = 86_400
            case "h": unit = 3_600
            case "m": unit = 60
            case "s": unit = 1
            default: return nil
            }
            total += n * unit
            number = nil
        }
        guard number == nil else { return nil }
        return TimeInterval(total)
    }

    /// "1h30m", "6h", "24h", "2d", "45s"; the inverse of `parse` for whole seconds.
    public static func format(_ seconds: TimeInterval) -> String {
        var rest = Int64(seconds.rounded())
        if rest == 0 { return "0m" }
        var out = ""
        // Two days or more, in whole days, read better as days; "24h" stays hours.
        if rest >= 2 * 86_400 && rest % 86_400 == 0 { return "\(rest / 86_400)d" }
        let h = rest / 3_600; rest %= 3_600
        let m = rest / 60; let s = rest % 60
        if h > 0 { out += "\(h)h" }
        if m > 0 { out += "\(m)m" }
        if s > 0 { out += "\(s)s" }
        return out
    }
}

/// A wall-clock time of day ("08:30") in the station's time zone.
public struct TimeOfDay: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var hour: Int
    public var minute: Int

    public init?(hour: Int, minute: Int) {
        guard (0...23).contains(hour), (0...59).contains(minute) else { return nil }
        self.hour = hour
        self.minute = minute
    }

    /// "8:30", "08:30" (24-hour clock).
    public init?(_ text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, (1...2).contains(parts[0].count), parts[1].count == 2,
              parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let h = Int(parts[0]), let m = Int(parts[1]) else { return nil }
        self.init(hour: h, minute: m)
    }

    public var minutesSinceMidnight: Int { hour * 60 + minute }

    public var description: String {
        (hour < 10 ? "0" : "") + "\(hour):" + (minute < 10 ? "0" : "") + "\(minute)"
    }

    public static func < (a: TimeOfDay, b: TimeOfDay) -> Bool { a.minutesSinceMidnight < b.minutesSinceMidnight }
}

// MARK: - Finding the line of a key

/// Maps dotted key paths of a TOML text to 1-based line numbers, so semantic
/// errors can name a line (TOMLKit reports lines only for syntax errors).
/// Paths look like `grades.III.phone`, `tables[0].deaths`,
/// `natural.types[3]` (an element of an array of inline tables, one per line)
/// or `tables[1]` (the second `[[tables]]` header).
struct TOMLLineIndex {
    private(set) var lines: [String: Int]

    init(_ text: String) {
        var found: [String: Int] = [:]
        func record(_ path: String, _ line: Int) {
            if found[path] == nil { found[path] = line }
        }
        var arrayCounts: [String: Int] = [:]
        var current = ""
        var scanner = ValueScanner()
        for (offset, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let lineNo = offset + 1
            let line = raw.hasSuffix("\r") ? raw.dropLast() : raw
            if scanner.isOpen {
                scanner.scan(line, line: lineNo) { record($0, lineNo) }
                continue
            }
            let trimmed = line.drop(while: { $0 == " " || $0 == "\t" })
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            if trimmed.hasPrefix("[") {
                let isArray = trimmed.hasPrefix("[[")
                let body = trimmed.dropFirst(isArray ? 2 : 1)
                guard let close = body.firstIndex(of: "]") else { continue }
                let parts = Self.splitKey(body[..<close])
                guard !parts.isEmpty else { continue }
                var resolved = ""
                for (i, name) in parts.enumerated() {
                    let plain = resolved.isEmpty ? name : "\(resolved).\(name)"
                    if isArray && i == parts.count - 1 {
                        let n = arrayCounts[plain, default: 0]
                        arrayCounts[plain] = n + 1
                        resolved = "\(plain)[\(n)]"
                    } else if let n = arrayCounts[plain] {
                        resolved = "\(plain)[\(n - 1)]"
                    } else {
                        resolved = plain
                    }
                }
                current = resolved
                record(current, lineNo)
                continue
            }
            guard let eq = Self.equalsIndex(trimmed) else { continue }
            let keyParts = Self.splitKey(trimmed[..<eq])
            guard !keyParts.isEmpty else { continue }
            let path = ([current].filter { !$0.isEmpty } + keyParts).joined(separator: ".")
            record(path, lineNo)
            scanner.begin(path: path)
            scanner.scan(trimmed[trimmed.index(after: eq)...], line: lineNo) { record($0, lineNo) }
        }
        lines = found
    }

    /// The line of `path`, or of the nearest enclosing key or table that has one.
    func line(for path: String) -> Int? {
        var p = Substring(path)
        while !p.isEmpty {
            if let l = lines[String(p)] { return l }
            if p.hasSuffix("]"), let open = p.lastIndex(of: "[") {
                p = p[..<open]
            } else if let dot = p.lastIndex(of: ".") {
                p = p[..<dot]
            } else {
                return nil
            }
        }
        return nil
    }

    /// Index of the `=` that ends a key, skipping quoted key parts.
    static func equalsIndex(_ s: Substring) -> Substring.Index? {
        var quote: Character? = nil
        for i in s.indices {
            let c = s[i]
            if let q = quote { if c == q { quote = nil }; continue }
            if c == "\"" || c == "'" { quote = c; continue }
            if c == "=" { return i }
            if c == "#" { return nil }
        }
        return nil
    }

    static func splitKey(_ s: Substring) -> [String] {
        var parts: [String] = []
        var part = ""
        var quote: Character? = nil
        for c in s {
            if let q = quote {
                if c == q { quote = nil } else { part.append(c) }
                continue
            }
            switch c {
            case "\"", "'": quote = c
            case ".": parts.append(part.trimmingCharacters(in: .whitespaces)); part = ""
            default: part.append(c)
            }
        }
        parts.append(part.trimmingCharacters(in: .whitespaces))
        return parts.filter { !$0.isEmpty }
    }

    /// Follows a value across lines: strings, brackets and braces; reports the
    /// line of each inline-table element of an array (`path[i]`).
    struct ValueScanner {
        var path = ""
        var brackets = 0
        var braces = 0
        var element = 0
        var multiline: String? = nil

        var isOpen: Bool { brackets > 0 || braces > 0 || multiline != nil }

        mutating func begin(path: String) {
            self = ValueScanner()
            self.path = path
        }

        mutating func scan(_ s: Substring, line: Int, record: (String) -> Void) {
            var i = s.startIndex
            var quote: Character? = nil
            while i < s.endIndex {
                let c = s[i]
                if let delimiter = multiline {
                    if s[i...].hasPrefix(delimiter) {
                        multiline = nil
                        i = s.index(i, offsetBy: 3)
                    } else {
                        i = s.index(after: i)
                    }
                    continue
                }
                if let q = quote {
                    if c == "\\" && q == "\"" {
                        i = s.index(after: i)
                        if i < s.endIndex { i = s.index(after: i) }
                        continue
                    }
                    if c == q { quote = nil }
                    i = s.index(after: i)
                    continue
                }
                if s[i...].hasPrefix("\"\"\"") || s[i...].hasPrefix("'''") {
                    multiline = String(s[i...].prefix(3))
                    i = s.index(i, offsetBy: 3)
                    continue
                }
                switch c {
                case "\"", "'": quote = c
                case "#": return
                case "[": brackets += 1
                case "]": brackets = max(0, brackets - 1)
                case "{":
                    if brackets == 1 && braces == 0 {
                        record("\(path)[\(element)]")
                        element += 1
                    }
                    braces += 1
                case "}": braces = max(0, braces - 1)
                default: break
                }
                i = s.index(after: i)
            }
        }
    }
}

// MARK: - Reading tables with located errors

/// One rule file being read: its name and line index, for problems.
struct RuleFileContext {
    let file: String
    let index: TOMLLineIndex

    func problem(_ path: String, _ message: String) -> RuleProblem {
        RuleProblem(file: file, line: path.isEmpty ? nil : index.line(for: path),
                    message: path.isEmpty ? message : "\(path): \(message)")
    }

    /// Parses `text`, mapping TOML syntax errors to a problem at their line.
    static func parse(_ text: String, file: String) -> Result<(TableReader, RuleFileContext), RuleProblem> {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            return .failure(RuleProblem(file: file, line: error.source.begin.line, message: error.description))
        } catch {
            return .failure(RuleProblem(file: file, line: nil, message: "\(error)"))
        }
        let context = RuleFileContext(file: file, index: TOMLLineIndex(text))
        return .success((TableReader(table: table, path: "", context: context), context))
    }
}

/// How a TOML value looks in an error message.
func showTOML(_ value: TOMLValueConvertible) -> String {
    if let s = value.string { return "\"\(s)\"" }
    if let i = value.int { return "\(i)" }
    if let b = value.bool { return "\(b)" }
    if let d = value.double { return "\(d)" }
    switch value.type {
    case .array: return "an array"
    case .table: return "a table"
    default: return value.debugDescription
    }
}

/// A TOML table at a known path; every accessor throws a located `RuleProblem`.
struct TableReader {
    let table: TOMLTable
    let path: String
    let context: RuleFileContext

    func child(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    func problem(_ key: String?, _ message: String) -> RuleProblem {
        context.problem(key.map(child) ?? path, message)
    }

    var keys: [String] { table.keys.sorted() }

    func has(_ key: String) -> Bool { table[key] != nil }

    /// Rejects keys not in `allowed` (catches typos such as `phnoe`).
    func checkKeys(_ allowed: [String]) throws {
        for key in keys where !allowed.contains(key) {
            throw problem(key, "unknown key (expected: \(allowed.joined(separator: ", ")))")
        }
    }

    func required(_ key: String) throws -> TOMLValueConvertible {
        guard let v = table[key] else { throw problem(nil, "missing key \"\(key)\"") }
        return v
    }

    func string(_ key: String) throws -> String {
        let v = try required(key)
        guard let s = v.string else { throw problem(key, "\(showTOML(v)) is not a string") }
        return s
    }

    func optionalString(_ key: String) throws -> String? {
        has(key) ? try string(key) : nil
    }

    func nonEmptyString(_ key: String) throws -> String {
        let s = try string(key)
        guard !s.trimmingCharacters(in: .whitespaces).isEmpty else { throw problem(key, "must not be empty") }
        return s
    }

    func int(_ key: String) throws -> Int {
        let v = try required(key)
        guard let i = v.int else { throw problem(key, "\(showTOML(v)) is not a whole number") }
        return i
    }

    func number(_ key: String) throws -> Double {
        let v = try required(key)
        if let i = v.int { return Double(i) }
        guard let d = v.double else { throw problem(key, "\(showTOML(v)) is not a number") }
        return d
    }

    func bool(_ key: String) throws -> Bool {
        let v = try required(key)
        guard let b = v.bool else { throw problem(key, "\(showTOML(v)) is not true or false") }
        return b
    }

    func stringArray(_ key: String) throws -> [String] {
        let v = try required(key)
        guard let array = v.array else { throw problem(key, "\(showTOML(v)) is not a list of strings") }
        var out: [String] = []
        for item in array {
            guard let s = item.string else { throw problem(key, "\(showTOML(item)) is not a string") }
            out.append(s)
        }
        return out
    }

    func numberArray(_ key: String) throws -> [Double] {
        let v = try required(key)
        guard let array = v.array else { throw problem(key, "\(showTOML(v)) is not a list of numbers") }
        var out: [Double] = []
        for item in array {
            if let i = item.int { out.append(Double(i)); continue }
            guard let d = item.double else { throw problem(key, "\(showTOML(item)) is not a number") }
            out.append(d)
        }
        return out
    }

    /// A string list, or a single string taken as a list of one.
    func stringOrStringArray(_ key: String) throws -> [String] {
        let v = try required(key)
        if let s = v.string { return [s] }
        return try stringArray(key)
    }

    func subtable(_ key: String) throws -> TableReader {
        let v = try required(key)
        guard let t = v.table else { throw problem(key, "must be a table") }
        return TableReader(table: t, path: child(key), context: context)
    }

    /// `[[key]]` tables or `key = [ { … }, … ]`; element paths are `key[i]`.
    func tableArray(_ key: String) throws -> [TableReader] {
        let v = try required(key)
        guard let array = v.array else { throw problem(key, "must be a list of tables") }
        var out: [TableReader] = []
        for (i, item) in array.enumerated() {
            let itemPath = "\(child(key))[\(i)]"
            guard let t = item.table else {
                throw context.problem(itemPath, "\(showTOML(item)) is not a table")
            }
            out.append(TableReader(table: t, path: itemPath, context: context))
        }
        return out
    }

    func duration(_ key: String) throws -> TimeInterval {
        let v = try required(key)
        guard let s = v.string, let d = RuleDuration.parse(s) else {
            throw problem(key, "\(showTOML(v)) is not a duration like 30m or 6h")
        }
        guard d > 0 else { throw problem(key, "\(showTOML(v)) must be longer than zero") }
        return d
    }

    func timesOfDay(_ key: String) throws -> [TimeOfDay] {
        var out: [TimeOfDay] = []
        for s in try stringArray(key) {
            guard let t = TimeOfDay(s) else { throw problem(key, "\"\(s)\" is not a time of day like 08:00") }
            guard !out.contains(t) else { throw problem(key, "\"\(s)\" is listed twice") }
            out.append(t)
        }
        return out.sorted()
    }

    func grade(_ key: String) throws -> Grade {
        let s = try string(key)
        guard let g = Grade(rawValue: s) else { throw problem(key, "\"\(s)\" is not a grade (I, II, III, IV)") }
        return g
    }

    /// An identifier: ASCII lower-case letters, digits and `_`, starting with a letter.
    func identifier(_ key: String) throws -> String {
        let s = try string(key)
        guard isRuleIdentifier(s) else {
            throw problem(key, "\"\(s)\" is not an id (lower-case letters, digits and _, starting with a letter)")
        }
        return s
    }
}

func isRuleIdentifier(_ s: String) -> Bool {
    guard let first = s.unicodeScalars.first, ("a"..."z").contains(first) else { return false }
    return s.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
}
