import CAP
import Console
import DutyModel
import Foundation
import Journal

/// Imports CAP 1.2 (and 1.1) files as warnings (预警信息, DOMAIN §3): `zhiban
/// import FILE.xml`, the station's inbox/ and the demo's sample warnings all
/// come through here.
///
/// One file: read it with the CAP reader (a file that is not valid CAP is
/// rejected with every problem the reader found), map it with the station's
/// rules, skip an Ack or Error (not a warning) and a message already held (the
/// same sender, identifier and sent), else append one `warning.received` event
/// and return only once it is on disk.
final class WarningImporter {
    enum Outcome: Hashable, Sendable {
        /// Written. `description`: one printable line, colour, type and headline.
        case imported(key: String, description: String)
        /// The station (or a peer it holds) already has this message; nothing written.
        case duplicate(key: String)
        /// An Ack or Error message: nothing for the duty room; nothing written.
        case notAWarning(reason: String)
        /// Not a CAP alert the station can take; nothing written. `problems`:
        /// every problem the reader found, each naming the element (may be empty).
        case rejected(reason: String, problems: [String])
    }

    let journal: Journal
    let rules: RuleBook
    /// The officer's language: descriptions use it, and CAP infos in it come
    /// second after zh-CN.
    var language: Language
    var operatorName: String
    let now: () -> Date
    /// The fold of every feed the station holds, and the last sequence of its
    /// own feed that fold includes. Records appended after that sequence (by
    /// this importer or another process) are checked again under the append lock.
    let folded: () -> (state: DutyState, ownSequence: UInt64)
    let reader = CAPReader()

    init(journal: Journal, rules: RuleBook, language: Language, operatorName: String,
         now: @escaping () -> Date, folded: @escaping () -> (state: DutyState, ownSequence: UInt64)) {
        self.journal = journal
        self.rules = rules
        self.language = language
        self.operatorName = operatorName
        self.now = now
        self.folded = folded
    }

    /// CAP info languages preferred, in order.
    var languages: [String] { ["zh-CN", language == .en ? "en-US" : "zh-CN"] }

    /// The largest file taken: the reader's limit.
    var maximumBytes: Int { reader.maximumBytes }

    private struct AlreadyHeld: Error {}

    /// Imports one CAP file's bytes. Throws only when the journal cannot be
    /// written (busy, read-only, disk): then nothing was written and the same
    /// file can be tried again.
    func importCAP(_ bytes: [UInt8]) throws -> Outcome {
        if bytes.count > reader.maximumBytes {
            return .rejected(reason: "the file is \(bytes.count) bytes; a CAP message is at most \(reader.maximumBytes) bytes",
                             problems: [])
        }
        let alert: CAPAlert
        do {
            alert = try reader.read(Data(bytes))
        } catch {
            let problems = error.problems.map { TextSafety.printable($0.description) }
            let count = problems.count
            return .rejected(reason: "not a valid CAP 1.2 alert (\(count) problem\(count == 1 ? "" : "s"))", problems: problems)
        }
        let fields: WarningFields
        switch CAPMapping.warning(from: alert, bytes: bytes, rules: rules, languages: languages) {
        case .notAWarning(let reason): return .notAWarning(reason: TextSafety.printable(reason))
        case .warning(let w): fields = w
        }
        let key = fields.key
        let view = folded()
        if Self.holds(view.state, key) { return .duplicate(key: TextSafety.printable(key)) }
        let operatorName = self.operatorName
        do {
            try journal.append(now: now(), after: view.ownSequence) { newcomers in
                // What other processes (or this importer) appended since the fold.
                var fresh = DutyState()
                for record in newcomers where record.eventType == EventType.warningReceived.rawValue {
                    fresh.apply(StoredEvent(record))
                }
                if Self.holds(fresh, key) { throw AlreadyHeld() }
                return NewRecord(.warningReceived(fields), operatorName: operatorName)
            }
        } catch is AlreadyHeld {
            return .duplicate(key: TextSafety.printable(key))
        } catch let tooLarge as RecordTooLarge {
            return .rejected(reason: "\(tooLarge)", problems: [])
        }
        return .imported(key: TextSafety.printable(key), description: describe(fields))
    }

    static func holds(_ state: DutyState, _ key: String) -> Bool {
        state.warnings[key]?.info.value != nil
    }

    /// `橙色 暴雨: 泰州市气象台发布暴雨橙色预警信号`, with the message type and
    /// status when they are not a plain actual alert.
    func describe(_ w: WarningFields) -> String {
        let zh = language == .zh
        let colour = rules.warnings.level(number: w.level).map { zh ? $0.zh : $0.en } ?? (zh ? "未定级" : "level unknown")
        let type = rules.warnings.type(named: w.type).map { zh ? $0.zh : $0.en } ?? w.type
        var tags: [String] = []
        switch w.msgType {
        case "update": tags.append(zh ? "更新" : "update")
        case "cancel": tags.append(zh ? "解除" : "cancel")
        default: break
        }
        if w.status != "actual" { tags.append(Self.statusName(w.status, language: language)) }
        let tagText = tags.isEmpty ? "" : " (" + tags.joined(separator: ", ") + ")"
        return TextSafety.printable("\(colour) \(type)\(tagText): \(w.headline)")
    }

    static func statusName(_ status: String, language: Language) -> String {
        let zh = language == .zh
        switch status {
        case "exercise": return zh ? "演练" : "exercise"
        case "test": return zh ? "测试" : "test"
        case "system": return zh ? "系统" : "system"
        case "draft": return zh ? "草稿" : "draft"
        default: return TextSafety.printable(status)
        }
    }

    /// The lines `zhiban import` and `zhiban inbox` print for one file.
    static func lines(file: String, outcome: Outcome) -> [String] {
        let name = TextSafety.printable(file)
        switch outcome {
        case .imported(let key, let description):
            return ["\(name): imported: \(description) [\(key)]"]
        case .duplicate(let key):
            return ["\(name): skipped duplicate: warning \(key) is already held; nothing written"]
        case .notAWarning(let reason):
            return ["\(name): skipped: not a warning: \(reason); nothing written"]
        case .rejected(let reason, let problems):
            return ["\(name): rejected: nothing written; \(reason)" + (problems.isEmpty ? "" : ":")] + problems.map { "  \($0)" }
        }
    }

    /// Whether a file is to be read as CAP: named .xml, or beginning (after a
    /// byte-order mark and blanks) with an XML declaration or an alert element.
    static func looksLikeCAP(name: String, bytes: [UInt8]) -> Bool {
        if name.lowercased().hasSuffix(".xml") { return true }
        var start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while start < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[start]) { start += 1 }
        let head = bytes[start..<min(bytes.count, start + 64)]
        return head.starts(with: Array("<?xml".utf8)) || head.starts(with: Array("<alert".utf8))
            || head.starts(with: Array("<cap:alert".utf8))
    }
}

extension WarningImporter {
    /// An importer for a command: the station's fold as it was when the
    /// command started (what other processes append meanwhile is checked
    /// under the lock).
    static func forCommand(_ context: StationContext, journal: Journal, global: GlobalOptions, operatorName: String) -> WarningImporter {
        let own = context.station.id.description
        let state = context.state
        return WarningImporter(journal: journal, rules: context.rules, language: global.language, operatorName: operatorName,
                               now: { global.clock().now() },
                               folded: { (state, state.stationSequences[own] ?? 0) })
    }
}

extension GlobalOptions {
    /// --lang, else from the locale.
    var language: Language { lang ?? Language.fromLocale(ProcessInfo.processInfo.environment) }
}
