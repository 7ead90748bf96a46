import ArgumentParser
import CAP
import Console
import DutyModel
import Foundation
import Journal
#if canImport(Glibc)
import Glibc
#endif

/// `zhiban alerts [--json]`: every warning chain, in force first (DESIGN §2).
struct Alerts: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List warnings (预警): in force first, by level, then expired and cancelled (--json for the fixed shape).")

    @OptionGroup var global: GlobalOptions
    @Flag(help: """
        JSON array of {key, identifier, sender, sent, msg_type, status, exercise, phase, level, type, issuer, areas, towns, \
        effective, onset, expires, headline, acknowledged, coverage, history}.
        """)
    var json = false

    func run() throws {
        let context: StationContext
        do { context = try StationContext.open(global) } catch { throw fail(error) }
        let zone = context.station.timeZone
        let now = global.clock().now()
        let summaries = context.state.warningSummaries(places: context.rules.places, now: now)
        if json {
            JSONOut.print(summaries.map { WarningJSON.object($0, zone: zone) })
            return
        }
        let language = global.language
        if summaries.isEmpty {
            printNow(language == .zh ? "无预警" : "no warnings")
            return
        }
        for summary in summaries {
            printNow(WarningJSON.line(summary, rules: context.rules, language: language, now: now))
        }
    }
}

enum WarningJSON {
    static func time(_ ms: Int64, _ zone: TimeZone) -> Any {
        ms > 0 ? DutyTime.formatISO8601(Date(timeIntervalSince1970: Double(ms) / 1000), timeZone: zone) : NSNull()
    }

    static func phase(_ p: WarningSummary.Phase) -> String {
        switch p {
        case .inForce: return "in_force"
        case .expired: return "expired"
        case .cancelled: return "cancelled"
        }
    }

    static func object(_ s: WarningSummary, zone: TimeZone) -> [String: Any] {
        let info = s.info
        let p = TextSafety.printable
        let coverage = s.coverage
        return [
            "key": p(info.key), "chain": p(s.chainKey), "identifier": p(info.identifier), "sender": p(info.sender),
            "sent": time(info.sentMs, zone), "msg_type": p(info.msgType), "status": p(info.status), "exercise": s.isExercise,
            "phase": phase(s.phase), "level": s.color?.rawValue ?? NSNull() as Any,
            "type": p(info.type), "issuer": p(info.issuer), "sender_name": p(info.senderName), "source": p(info.source),
            "areas": info.areas.map(p), "towns": info.towns.map(p),
            "effective": time(info.effectiveMs, zone), "onset": time(info.onsetMs, zone), "expires": time(info.expiresMs, zone),
            "headline": p(info.headline),
            "acknowledged": s.acknowledgedBy.map { ["by": p($0.operatorName), "at": DutyTime.formatISO8601($0.at, timeZone: zone)] as [String: Any] }
                ?? NSNull() as Any,
            "coverage": ["reached": coverage.reached, "total": coverage.total,
                         "percent": s.coveragePercent.map { ($0 * 10).rounded() / 10 as Any } ?? NSNull()] as [String: Any],
            "history": s.history.map { p($0.key) },
        ]
    }

    /// `RED  Rainstorm  海陵区  22h59m left  泰州市气象台将暴雨橙色预警信号升级为红色`
    static func line(_ s: WarningSummary, rules: RuleBook, language: Language, now: Date) -> String {
        let zh = language == .zh
        let info = s.info
        let marker: String
        switch s.color {
        case .red: marker = zh ? "红" : "RED"
        case .orange: marker = zh ? "橙" : "ORANGE"
        case .yellow: marker = zh ? "黄" : "YELLOW"
        case .blue: marker = zh ? "蓝" : "BLUE"
        case nil: marker = zh ? "？" : "?"
        }
        let type = rules.warnings.type(named: info.type).map { zh ? $0.zh : $0.en } ?? info.type
        let area = (info.areas.isEmpty ? info.towns : info.areas).joined(separator: "、")
        let when: String
        switch s.phase {
        case .cancelled: when = zh ? "已解除" : "cancelled"
        case .expired: when = zh ? "已过期" : "expired"
        case .inForce:
            if let expires = s.expiresAt {
                let minutes = max(0, Int(expires.timeIntervalSince(now) / 60))
                let (h, m) = (minutes / 60, minutes % 60)
                when = zh ? "剩余\(h)小时\(m)分" : "\(h)h\(String(format: "%02d", m))m left"
            } else {
                when = zh ? "未定解除时间" : "no expiry"
            }
        }
        var parts = [marker.padding(toLength: zh ? 1 : 6, withPad: " ", startingAt: 0), type, area.isEmpty ? "-" : area, when]
        if s.isExercise { parts.insert(zh ? "[\(WarningImporter.statusName(info.status, language: language))]" : "[\(info.status.uppercased())]", at: 0) }
        if s.needsAcknowledgement { parts.append(zh ? "待确认" : "unacknowledged") }
        parts.append(info.headline)
        return TextSafety.printable(parts.joined(separator: "  "))
    }
}

/// `zhiban inbox`: the station's inbox/ processed once, as the console does.
struct InboxCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inbox",
        abstract: "Import the files dropped in the station's inbox/ once (the console does this by itself while it runs).",
        discussion: """
            CAP warnings (.xml) and roster or contacts sheets (.csv) are imported, then moved to inbox/done (imported, \
            duplicate, not a warning) or inbox/rejected with NAME.why saying what is wrong and what to do. One line per file. \
            Exit 3 if any file was rejected, 4 if the station was busy (those files stay in inbox/).
            """)

    @OptionGroup var global: GlobalOptions

    func run() throws {
        let folder: InboxFolder
        do {
            let context = try StationContext.open(global)
            let journal = try Journal(station: context.station, now: global.clock().now())
            let operatorName = global.operatorName(station: context.station, state: context.state)
            journal.holderDescription = "pid \(getpid()) (zhiban inbox, operator \(operatorName))"
            folder = InboxFolder(paths: context.station.paths,
                                 importer: .forCommand(context, journal: journal, global: global, operatorName: operatorName))
        } catch { throw fail(error) }
        var results: [InboxResult] = []
        // A file written a moment ago is given time to settle (a few rounds, about a second).
        for round in 0..<4 {
            results += folder.processNew()
            if folder.waiting == 0 { break }
            if round < 3 { usleep(350_000) }
        }
        for result in results { printNow(result.text) }
        if folder.waiting > 0 {
            printNow("\(folder.waiting) file\(folder.waiting == 1 ? " is" : "s are") still being written; run `zhiban inbox` again")
        }
        if results.isEmpty && folder.waiting == 0 { printNow("inbox/ is empty") }
        if results.contains(where: { $0.kind == .rejected }) { throw Exit.badInput }
        if results.contains(where: { $0.kind == .retry }) { throw Exit.busy }
    }
}

/// `zhiban export --cap`: the warnings in force as CAP 1.2 documents.
enum CAPExport {
    /// CAP 1.2 of one warning: a CAP-sourced warning is its stored file,
    /// read and written again (normalised to 1.2); one taken by phone or fax
    /// is built from its fields. Checked by reading it back.
    static func document(for info: WarningInfo, rules: RuleBook, timeZone: TimeZone) -> Result<Data, PlainProblem> {
        let reader = CAPReader()
        var alert: CAPAlert?
        if info.source == "cap", !info.capXML.isEmpty {
            alert = try? reader.read(Data(info.capXML))
        }
        let data = escapingControls(CAPWriter.write(alert ?? build(from: info, rules: rules, timeZone: timeZone)))
        do {
            _ = try reader.read(data)
        } catch {
            return .failure(PlainProblem(TextSafety.printable(error.problems.map(\.description).joined(separator: "; "))))
        }
        return .success(data)
    }

    /// C1 controls (U+0080–U+009F: CSI and the like) and bidi overrides written
    /// as character references, so a document printed to a terminal cannot
    /// drive it; XML reads them back as the same characters.
    static func escapingControls(_ data: Data) -> Data {
        guard let text = String(data: data, encoding: .utf8) else { return data }
        var out = ""
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if (0x80...0x9F).contains(v) || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v) {
                out += String(format: "&#x%X;", v)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return Data(out.utf8)
    }

    /// `2026-11-23T14:05:00+08:00` (CAP forbids `Z`).
    static func dateTime(_ date: Date, _ zone: TimeZone) -> CAPDateTime {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = zone
        f.dateFormat = "yyyy-MM-dd'T'HH:mm:ssxxx"
        return CAPDateTime(text: f.string(from: date), date: date)
    }

    static func dateTime(ms: Int64, _ zone: TimeZone) -> CAPDateTime? {
        ms > 0 ? dateTime(Date(timeIntervalSince1970: Double(ms) / 1000), zone) : nil
    }

    static func isCAPDateTime(_ text: String) -> Bool {
        text.range(of: #"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$"#, options: .regularExpression) != nil
    }

    /// The CAP category of an issuer (CAP 1.2: Met includes floods; Geo landslides and earthquakes).
    static func category(issuer: String) -> CAPCategory {
        switch issuer {
        case "meteorological", "water_resources", "ocean": return .met
        case "natural_resources", "earthquake": return .geo
        case "forestry": return .fire
        default: return .other
        }
    }

    /// A CAP alert from a warning's fields: severity from the level (warnings.toml),
    /// event 暴雨橙色预警, urgency Expected, certainty Likely, zh-CN.
    static func build(from w: WarningInfo, rules: RuleBook, timeZone: TimeZone) -> CAPAlert {
        let level = rules.warnings.level(number: w.level)
        let severity = CAPSeverity(rawValue: level?.capSeverity ?? w.severity) ?? .unknown
        let type = rules.warnings.type(named: w.type)
        var name = type?.zh ?? w.type
        for suffix in ["预警信号", "预警"] where name.hasSuffix(suffix) { name = String(name.dropLast(suffix.count)) }
        let event = name + (level?.zh ?? "") + "预警"
        let areaNames = w.areas.isEmpty ? (w.towns.isEmpty ? [] : [w.towns.joined(separator: "、")]) : w.areas
        let info = CAPInfo(
            language: "zh-CN", categories: [category(issuer: type?.issuer ?? w.issuer)], event: event,
            urgency: .expected, severity: severity, certainty: .likely,
            effective: dateTime(ms: w.effectiveMs, timeZone), onset: dateTime(ms: w.onsetMs, timeZone),
            expires: dateTime(ms: w.expiresMs, timeZone),
            senderName: w.senderName.isEmpty ? nil : w.senderName,
            headline: w.headline.isEmpty ? event : w.headline,
            description: w.description.isEmpty ? nil : w.description,
            instruction: w.instruction.isEmpty ? nil : w.instruction,
            areas: areaNames.map { CAPArea(areaDesc: $0) })
        let prefix = "\(w.sender),\(w.identifier),"
        let sentDate = Date(timeIntervalSince1970: Double(w.sentMs) / 1000)
        let keyed = w.key.hasPrefix(prefix) ? String(w.key.dropFirst(prefix.count)) : ""
        let sent = isCAPDateTime(keyed) ? CAPDateTime(text: keyed, date: sentDate) : dateTime(sentDate, timeZone)
        let references = w.references.compactMap { ref -> CAPReference? in
            let parts = ref.split(separator: ",", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
            return parts.count == 3 ? CAPReference(sender: parts[0], identifier: parts[1], sent: parts[2]) : nil
        }
        let msgType: CAPMsgType = switch w.msgType {
        case "update": .update
        case "cancel": .cancel
        default: .alert
        }
        let status = CAPStatus.allCases.first { $0.rawValue.lowercased() == w.status } ?? .actual
        let source = ["phone": "电话 phone", "fax": "传真 fax"][w.source] ?? w.source
        return CAPAlert(identifier: w.identifier, sender: w.sender, sent: sent, status: status, msgType: msgType,
                        source: source.isEmpty ? nil : source, scope: .public, references: references, infos: [info])
    }

    /// A file name from a CAP identifier: letters, digits and - _ . @ + kept, the rest `_`.
    static func fileName(for identifier: String) -> String {
        var name = String(String.UnicodeScalarView(identifier.unicodeScalars.map { s in
            (s.properties.isAlphabetic || ("0"..."9").contains(s) || "-_.@+".unicodeScalars.contains(s)) ? s : "_"
        }))
        while name.hasPrefix(".") { name.removeFirst() }
        if name.count > 120 { name = String(name.prefix(120)) }
        return (name.isEmpty ? "warning" : name) + ".xml"
    }

    /// Runs `export --cap [--out DIR]`.
    static func run(global: GlobalOptions, out: String?) throws {
        let context: StationContext
        do { context = try StationContext.open(global) } catch { throw fail(error) }
        let now = global.clock().now()
        let zone = context.station.timeZone
        let active = context.state.activeWarnings(now: now)
        var documents: [(info: WarningInfo, data: Data)] = []
        var failed = false
        for info in active {
            switch document(for: info, rules: context.rules, timeZone: zone) {
            case .success(let data): documents.append((info, data))
            case .failure(let problem):
                printError("zhiban: export --cap: warning \(TextSafety.printable(info.key)) cannot be written as valid CAP 1.2: \(problem)")
                failed = true
            }
        }
        if let out {
            do {
                try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
            } catch {
                printError("zhiban: export --cap: \(out): cannot create the folder: \(error.localizedDescription); give another --out DIR")
                throw Exit.checkFailed
            }
            var used = Set<String>()
            for (info, data) in documents {
                var name = fileName(for: info.identifier)
                var n = 1
                while used.contains(name) {
                    name = InboxFolder.suffixed(fileName(for: info.identifier), n)
                    n += 1
                }
                used.insert(name)
                let path = (out as NSString).appendingPathComponent(name)
                let temporary = path + ".tmp-\(getpid())"
                do {
                    try data.write(to: URL(fileURLWithPath: temporary))
                    guard rename(temporary, path) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
                } catch {
                    unlink(temporary)
                    printError("zhiban: export --cap: \(path): cannot be written: \(error.localizedDescription)")
                    throw Exit.checkFailed
                }
                printNow(path)
            }
            if documents.isEmpty && !failed { printError("zhiban: export --cap: no warning in force; nothing written") }
        } else if documents.count == 1 {
            FileHandle.standardOutput.write(documents[0].data)
        } else if documents.isEmpty {
            if !failed { printError("zhiban: export --cap: no warning in force") }
        } else {
            printError("zhiban: export --cap: \(documents.count) warnings in force; give --out DIR to write one CAP file each")
            throw ExitCode(2)
        }
        if failed { throw Exit.checkFailed }
    }
}

/// The sample CAP files (SampleData/cap) for the demo station: every dateTime
/// in them is written relative to `base` and moved by now − base (whole
/// minutes), so some warnings are in force, one has expired and one is cancelled.
enum SampleWarnings {
    static let base = DutyTime.parseISO8601("2026-01-01T12:00:00+08:00")!

    static let pattern = try! NSRegularExpression(pattern: #"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}([+-])(\d{2}):(\d{2})"#)

    /// `text` with every CAP dateTime moved by `seconds`, each keeping its own UTC offset.
    static func shift(_ text: String, by seconds: TimeInterval) -> String {
        let ns = text as NSString
        var result = ""
        var last = 0
        for match in pattern.matches(in: text, range: NSRange(location: 0, length: ns.length)) {
            result += ns.substring(with: NSRange(location: last, length: match.range.location - last))
            let original = ns.substring(with: match.range)
            let sign = ns.substring(with: match.range(at: 1)) == "-" ? -1 : 1
            let offset = sign * ((Int(ns.substring(with: match.range(at: 2))) ?? 0) * 3600 + (Int(ns.substring(with: match.range(at: 3))) ?? 0) * 60)
            if let date = DutyTime.parseISO8601(original), let zone = TimeZone(secondsFromGMT: offset) {
                result += CAPExport.dateTime(date.addingTimeInterval(seconds), zone).text
            } else {
                result += original
            }
            last = match.range.location + match.range.length
        }
        result += ns.substring(from: last)
        return result
    }

    /// now − base, rounded to the minute.
    static func offset(now: Date) -> TimeInterval {
        (now.timeIntervalSince(base) / 60).rounded() * 60
    }

    /// Imports every .xml of `directory`, in name order, shifted to `now`.
    static func load(into global: GlobalOptions, directory: String) throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".xml") }.sorted()
        let context = try StationContext.open(global)
        let now = global.clock().now()
        let journal = try Journal(station: context.station, now: now)
        journal.holderDescription = "pid \(getpid()) (zhiban demo)"
        let importer = WarningImporter.forCommand(context, journal: journal, global: global, operatorName: global.operatorName)
        let seconds = offset(now: now)
        var imported: [String] = []
        for name in names {
            let path = directory + "/" + name
            guard let data = FileManager.default.contents(atPath: path) else {
                printError("zhiban: demo: \(path): cannot be read")
                continue
            }
            let shifted = shift(String(decoding: data, as: UTF8.self), by: seconds)
            let outcome = try importer.importCAP(Array(shifted.utf8))
            if case .imported(let key, _) = outcome {
                imported.append(key)
                continue
            }
            for line in WarningImporter.lines(file: path, outcome: outcome) { printError("zhiban: demo: \(line)") }
        }
        // The sample warnings came in before this shift: the officer then on duty acknowledged
        // them, so the demo opens calm and a file dropped into inbox/ is what raises the alert.
        for key in imported {
            try journal.append(NewRecord(.warningAcknowledged(key: key), operatorName: "高鹏"), now: now)
        }
    }
}
