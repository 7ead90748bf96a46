import SafeText
import DutyModel
import Foundation
import Journal
import SwiftCSV

/// What a CSV file holds.
public enum CSVKind: String, CaseIterable, Sendable {
    case roster, contacts
    // The resource registry (#19).
    case teams, depots, stock, shelters, fireStations = "fire_stations", hazards, monitors, equipment
}

/// One data row of a CSV file: its first line number (1-based, the header is
/// line 1) and its cells, control characters stripped and trimmed.
public struct CSVRow: Sendable {
    public var line: Int
    public var cells: [String]
}

public struct CSVTable: Sendable {
    public var header: [String]
    public var rows: [CSVRow]
}

/// Reads UTF-8 CSV (with or without BOM, CRLF or LF). Records are cut at
/// newlines outside quotes here so every row keeps its line number; SwiftCSV
/// splits each record into cells.
public enum CSVReader {
    public static func read(_ data: Data, file: String) -> Result<CSVTable, CSVProblems> {
        guard var text = String(data: data, encoding: .utf8) else {
            return .failure(CSVProblems(["\(file): not UTF-8 text; save the sheet as CSV UTF-8"]))
        }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        var records: [(line: Int, text: String)] = []
        var current = ""
        var inQuotes = false
        var line = 1
        var recordLine = 1
        var quoteLine = 1
        for char in text {
            if char == "\"" {
                if !inQuotes { quoteLine = line }
                inQuotes.toggle()
                current.append(char)
            } else if char.isNewline {
                if inQuotes {
                    current.append("\n")
                } else {
                    records.append((recordLine, current))
                    current = ""
                    recordLine = line + 1
                }
                line += 1
            } else {
                current.append(char)
            }
        }
        if inQuotes {
            return .failure(CSVProblems(["\(file) line \(quoteLine): a quote (\") opened here is never closed; nothing after it can be read"]))
        }
        if !current.isEmpty { records.append((recordLine, current)) }
        var problems: [String] = []
        var rows: [CSVRow] = []
        for record in records {
            let fields: [String]
            do {
                // Only the first row is parsed: a one-record text is its "header".
                fields = try EnumeratedCSV(string: record.text, delimiter: .comma, loadColumns: false).header
            } catch {
                problems.append("\(file) line \(record.line): misplaced quote (\"); quote a whole cell and double quotes inside it (\"\")")
                continue
            }
            let cells = fields.map { TextSafety.sanitize($0).trimmingCharacters(in: .whitespaces) }
            if cells.allSatisfy(\.isEmpty) { continue }
            rows.append(CSVRow(line: record.line, cells: cells))
        }
        if !problems.isEmpty { return .failure(CSVProblems(problems)) }
        guard let first = rows.first else { return .failure(CSVProblems(["\(file): empty; the first line must name the columns"])) }
        return .success(CSVTable(header: first.cells, rows: Array(rows.dropFirst())))
    }
}

/// Header names, English and Chinese, for each field.
public enum CSVColumns {
    static let contacts: [String: [String]] = [
        "id": ["id", "编号"], "name": ["name", "姓名"], "unit": ["unit", "单位"], "title": ["title", "职务"],
        "role": ["role", "角色"], "office": ["office", "办公电话"], "mobile": ["mobile", "手机", "手机号"],
        "radio": ["radio", "电台"], "satellite": ["satellite", "卫星电话"], "backup": ["backup", "ab角", "b角"],
        "notes": ["notes", "备注"],
    ]
    static let roster: [String: [String]] = [
        "date": ["date", "日期"], "shift": ["shift", "班次"], "leader": ["leader", "带班领导"],
        "leader2": ["leader2", "值班领导2", "二级带班"], "officers": ["officers", "值班员"],
        "backups": ["backups", "b角"],
    ]

    static func key(_ header: String, in table: [String: [String]]) -> String? {
        let h = header.lowercased().replacingOccurrences(of: " ", with: "")
        return table.first { $0.value.contains(h) }?.key
    }

    public static func detect(_ header: [String]) -> CSVKind? {
        let hasDate = header.contains { key($0, in: roster) == "date" }
        let hasName = header.contains { key($0, in: contacts) == "name" }
        if hasDate && !hasName { return .roster }
        if let registry = ResourceColumns.detect(header) { return registry }
        if hasName && !hasDate { return .contacts }
        return nil
    }
}

/// A header mapped to fields: where each field's column is and what the file calls it.
struct ColumnMap {
    var index: [String: Int] = [:]
    var label: [String: String] = [:]
    var ignored: [String] = []
    var problems: [String] = []

    init(header: [String], table: [String: [String]], file: String) {
        for (i, name) in header.enumerated() {
            guard let key = CSVColumns.key(name, in: table) else {
                if !name.isEmpty { ignored.append(name) }
                continue
            }
            if let earlier = label[key] {
                problems.append("\(file) line 1, column \(name): the same field as column \(earlier); keep one of them")
                continue
            }
            index[key] = i
            label[key] = name
        }
    }

    func value(_ key: String, _ row: CSVRow) -> String {
        guard let i = index[key], i < row.cells.count else { return "" }
        return row.cells[i]
    }
}

public struct CSVProblems: Error {
    public var list: [String]
    public init(_ list: [String]) { self.list = list }
}

// DutyModel's value types have no public initialisers; rows are built as
// these and compared with the folded values converted to them.
struct ChannelValue: Hashable {
    var kind: ChannelInfo.Kind
    var value: String
    var label: String
}

struct ContactValue: Hashable {
    var name, unit, title, role: String
    var channels: [ChannelValue]
    var backupContactID: String
    var notes: String
}

extension ContactValue {
    init(_ c: ContactInfo) {
        self.init(name: c.name, unit: c.unit, title: c.title, role: c.role,
                  channels: c.channels.map { ChannelValue(kind: $0.kind, value: $0.value, label: $0.label) },
                  backupContactID: c.backupContactID, notes: c.notes)
    }
}

struct LeaderValue: Hashable { var tier: Int; var name: String; var contactID: String }
struct OfficerValue: Hashable { var name: String; var contactID: String; var backup: String }

struct RosterValue: Hashable {
    var date: String
    var shiftIndex: Int
    var leaders: [LeaderValue]
    var officers: [OfficerValue]
}

extension RosterValue {
    init(_ a: RosterAssignment) {
        self.init(date: a.date, shiftIndex: a.shiftIndex,
                  leaders: a.leaders.map { LeaderValue(tier: $0.tier, name: $0.name, contactID: $0.contactID) },
                  officers: a.officers.map { OfficerValue(name: $0.name, contactID: $0.contactID, backup: $0.backup) })
    }
}

/// What one file would append: the events whose value differs from the folded state.
public struct CSVPlan {
    public var drafts: [EventDraft] = []
    /// Rows written (new or changed), when a row may take more than one event (the registry).
    public var changedRows: Int?
    public var unchanged = 0
    public var notes: [String] = []
}

public enum CSVImport {
    static let separators = CharacterSet(charactersIn: "、,，;；")

    static func split(_ text: String) -> [String] {
        text.components(separatedBy: separators).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// A stable id for a contact without one: `c-` and 16 hex digits of FNV-1a over name and mobile.
    static func derivedID(name: String, mobile: String) -> String {
        var hash: UInt64 = 0xcbf29ce484222325
        for byte in (name + "|" + mobile).utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100000001b3
        }
        return "c-" + String(format: "%016llx", hash)
    }

    static func isDate(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]), (1...12).contains(m), d >= 1 else { return false }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        guard let first = calendar.date(from: DateComponents(year: y, month: m, day: 1)),
              let days = calendar.range(of: .day, in: .month, for: first) else { return false }
        return days.contains(d)
    }

    /// Contact ids by name, for roster names and backups; names shared by two contacts map to nil.
    static func idsByName(_ names: [String: String]) -> [String: String?] {
        var result: [String: String?] = [:]
        for (id, name) in names.sorted(by: { $0.key < $1.key }) {
            if result[name] != nil { result[name] = .some(nil) } else { result[name] = .some(id) }
        }
        return result
    }

    public static func plan(_ table: CSVTable, kind: CSVKind, file: String, state: DutyState, operatorName: String,
                            rules: RuleBook = .standard) -> Result<CSVPlan, CSVProblems> {
        switch kind {
        case .contacts: return contacts(table, file: file, state: state, operatorName: operatorName)
        case .roster: return roster(table, file: file, state: state, operatorName: operatorName)
        default: return registry(table, kind: kind, file: file, state: state, rules: rules)
        }
    }

    static func seen(_ state: DutyState) -> [Zhiban_Events_V1_Seen] {
        VersionVector(state.stationSequences).seenMessages
    }

    static func contacts(_ table: CSVTable, file: String, state: DutyState, operatorName: String) -> Result<CSVPlan, CSVProblems> {
        let map = ColumnMap(header: table.header, table: CSVColumns.contacts, file: file)
        var problems = map.problems
        guard let nameLabel = map.label["name"] else {
            return .failure(CSVProblems(problems + ["\(file) line 1: no name column (name or 姓名); the first line must name the columns"]))
        }
        var plan = CSVPlan()
        plan.notes = map.ignored.map { "\(file): column \($0) ignored (not a contacts column)" }
        struct Pending { var row: CSVRow; var id: String; var info: ContactValue; var backup: String }
        var pending: [Pending] = []
        var rowOfID: [String: Int] = [:]
        for row in table.rows {
            let name = map.value("name", row)
            if name.isEmpty {
                problems.append("\(file) line \(row.line), column \(nameLabel): is empty; every contact needs a name")
                continue
            }
            let mobile = map.value("mobile", row)
            let id = map.value("id", row).isEmpty ? derivedID(name: name, mobile: mobile) : map.value("id", row)
            if let earlier = rowOfID[id] {
                problems.append("\(file) line \(row.line), column \(map.label["id"] ?? nameLabel): contact \(id) is already on line \(earlier)")
                continue
            }
            rowOfID[id] = row.line
            var channels: [ChannelValue] = []
            for (key, kind) in [("office", ChannelInfo.Kind.office), ("mobile", .mobile), ("radio", .radio), ("satellite", .satellite)] {
                let value = map.value(key, row)
                if !value.isEmpty { channels.append(ChannelValue(kind: kind, value: value, label: "")) }
            }
            let info = ContactValue(name: name, unit: map.value("unit", row), title: map.value("title", row), role: map.value("role", row),
                                   channels: channels, backupContactID: "", notes: map.value("notes", row))
            pending.append(Pending(row: row, id: id, info: info, backup: map.value("backup", row)))
        }
        // Backups: an id, or a name, from this file first, then the station's contact book.
        var known = state.contacts.compactMapValues { $0.value?.name }
        for p in pending { known[p.id] = p.info.name }
        let byName = idsByName(known)
        for i in pending.indices where !pending[i].backup.isEmpty {
            let backup = pending[i].backup
            let label = map.label["backup"] ?? "backup"
            if known[backup] != nil {
                pending[i].info.backupContactID = backup
            } else if let entry = byName[backup] {
                if let id = entry {
                    pending[i].info.backupContactID = id
                } else {
                    problems.append("\(file) line \(pending[i].row.line), column \(label): \"\(backup)\" names two contacts; give the backup's id")
                }
            } else {
                problems.append("\(file) line \(pending[i].row.line), column \(label): \"\(backup)\" is not a contact in this file or the station")
            }
        }
        if !problems.isEmpty { return .failure(CSVProblems(problems)) }
        let seen = seen(state)
        for p in pending {
            if state.contacts[p.id]?.value.map(ContactValue.init) == p.info { plan.unchanged += 1; continue }
            var m = Zhiban_Events_V1_ContactRecorded()
            m.contactID = p.id
            m.name = p.info.name; m.unit = p.info.unit; m.title = p.info.title; m.role = p.info.role
            m.channels = p.info.channels.map { c in
                var channel = Zhiban_Events_V1_Channel()
                switch c.kind {
                case .office: channel.kind = .office
                case .mobile: channel.kind = .mobile
                case .radio: channel.kind = .radio
                case .satellite: channel.kind = .satellite
                case .other: channel.kind = .other
                }
                channel.value = c.value
                channel.label = c.label
                return channel
            }
            m.backupContactID = p.info.backupContactID
            m.notes = p.info.notes
            m.seen = seen
            plan.drafts.append(EventDraft(m))
        }
        return .success(plan)
    }

    static func roster(_ table: CSVTable, file: String, state: DutyState, operatorName: String) -> Result<CSVPlan, CSVProblems> {
        let map = ColumnMap(header: table.header, table: CSVColumns.roster, file: file)
        var problems = map.problems
        guard let dateLabel = map.label["date"] else {
            return .failure(CSVProblems(problems + ["\(file) line 1: no date column (date or 日期); the first line must name the columns"]))
        }
        var plan = CSVPlan()
        plan.notes = map.ignored.map { "\(file): column \($0) ignored (not a roster column)" }
        let shifts = state.pattern.shiftsPerDay
        let byName = idsByName(state.contacts.compactMapValues { $0.value?.name })
        func contactID(_ name: String) -> String { (byName[name] ?? nil) ?? "" }
        var assignments: [RosterValue] = []
        var rowOfKey: [String: Int] = [:]
        for row in table.rows {
            var bad = false
            let date = map.value("date", row)
            if !isDate(date) {
                problems.append("\(file) line \(row.line), column \(dateLabel): \"\(date)\" is not a date (yyyy-MM-dd)")
                bad = true
            }
            let shiftText = map.value("shift", row)
            var shift = 0
            if !shiftText.isEmpty {
                if let n = Int(shiftText), n >= 0, n < shifts {
                    shift = n
                } else {
                    let range = shifts == 1 ? "0 (the station has one shift a day)" : "0 to \(shifts - 1)"
                    problems.append("\(file) line \(row.line), column \(map.label["shift"]!): \"\(shiftText)\" is not a shift number; use \(range)")
                    bad = true
                }
            }
            let leader = map.value("leader", row)
            if leader.isEmpty {
                problems.append("\(file) line \(row.line), column \(map.label["leader"] ?? "leader"): is empty; every shift needs a leader on duty (带班领导)")
                bad = true
            }
            let officers = split(map.value("officers", row))
            let backups = split(map.value("backups", row))
            if backups.count > officers.count {
                problems.append("\(file) line \(row.line), column \(map.label["backups"]!): \(backups.count) backups for \(officers.count) officers; list them in the officers' order")
                bad = true
            }
            if bad { continue }
            let key = "\(date)#\(shift)"
            if let earlier = rowOfKey[key] {
                problems.append("\(file) line \(row.line), column \(dateLabel): shift \(shift) of \(date) is already on line \(earlier)")
                continue
            }
            rowOfKey[key] = row.line
            var leaders = [LeaderValue(tier: 1, name: leader, contactID: contactID(leader))]
            let second = map.value("leader2", row)
            if !second.isEmpty { leaders.append(LeaderValue(tier: 2, name: second, contactID: contactID(second))) }
            let onDuty = officers.enumerated().map { i, name in
                OfficerValue(name: name, contactID: contactID(name), backup: i < backups.count ? backups[i] : "")
            }
            assignments.append(RosterValue(date: date, shiftIndex: shift, leaders: leaders, officers: onDuty))
        }
        if !problems.isEmpty { return .failure(CSVProblems(problems)) }
        let seen = seen(state)
        for a in assignments {
            if state.roster["\(a.date)#\(a.shiftIndex)"]?.value.map(RosterValue.init) == a { plan.unchanged += 1; continue }
            var m = Zhiban_Events_V1_RosterAssigned()
            m.date = a.date
            m.shiftIndex = Int32(a.shiftIndex)
            m.leaders = a.leaders.map { l in
                var leader = Zhiban_Events_V1_Leader(); leader.tier = Int32(l.tier); leader.name = l.name; leader.contactID = l.contactID
                return leader
            }
            m.officers = a.officers.map { o in
                var officer = Zhiban_Events_V1_Officer(); officer.name = o.name; officer.contactID = o.contactID; officer.backup = o.backup
                return officer
            }
            m.seen = seen
            plan.drafts.append(EventDraft(m))
        }
        return .success(plan)
    }
}

/// What became of one CSV file.
public enum CSVImportOutcome: Hashable, Sendable {
    /// Written as one batch (`written` may be 0 when every row was already held).
    case imported(kind: CSVKind, written: Int, unchanged: Int, notes: [String])
    /// Nothing written: every problem, each naming the file, line and column.
    case rejected(CSVRejection, problems: [String])
}

public enum CSVRejection: Hashable, Sendable {
    /// Not UTF-8, an unclosed quote, empty.
    case unreadable
    /// The header names neither a roster nor contacts.
    case unknownKind
    /// Some rows are bad: the whole file is refused.
    case badRows(CSVKind)
}

extension DutyStation {
    /// Imports one roster or contacts sheet: all of it in one batch, or
    /// (any bad row, any write failure) nothing. Rows equal to what the
    /// station holds are not written again. The rows are checked under the
    /// append lock against everything held, including what another process
    /// wrote a moment ago.
    public func importCSV(_ data: Data, file: String, kind: CSVKind? = nil, operatorName: String,
                          now: Date) throws(WriteFailure) -> CSVImportOutcome {
        let table: CSVTable
        switch CSVReader.read(data, file: file) {
        case .success(let t): table = t
        case .failure(let problems): return .rejected(.unreadable, problems: problems.list)
        }
        guard let kind = kind ?? CSVColumns.detect(table.header) else {
            return .rejected(.unknownKind, problems: [
                "\(file) line 1: its first line does not name a roster (日期/date), contacts (姓名/name) or resource registry sheet; give --kind \(CSVKind.allCases.map(\.rawValue).joined(separator: "|"))",
            ])
        }
        struct Refused: Error { var problems: CSVProblems }
        var planned = CSVPlan()
        do {
            try write(now: now) { state, _ in
                switch CSVImport.plan(table, kind: kind, file: file, state: state, operatorName: operatorName, rules: rules) {
                case .failure(let problems): throw Refused(problems: problems)
                case .success(let plan):
                    planned = plan
                    return try plan.drafts.map { try NewRecord($0, operatorName: operatorName) }
                }
            }
        } catch let refused as Refused {
            return .rejected(.badRows(kind), problems: refused.problems.list)
        } catch {
            throw WriteFailure(error)
        }
        return .imported(kind: kind, written: planned.changedRows ?? planned.drafts.count, unchanged: planned.unchanged, notes: planned.notes)
    }
}
