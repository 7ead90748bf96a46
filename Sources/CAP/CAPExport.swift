import DutyModel
import Foundation
import SafeText

/// Why a warning cannot be written as valid CAP 1.2 (the reader's problems, joined).
public struct CAPExportProblem: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// The other way of `CAPMapping.warning`: a warning the station holds as a
/// CAP 1.2 document (`zhiban export --cap`).
extension CAPMapping {
    /// CAP 1.2 of one warning: a CAP-sourced warning is its stored file,
    /// read and written again (normalised to 1.2); one taken by phone or fax
    /// is built from its fields. Checked by reading it back.
    public static func document(for info: WarningInfo, rules: RuleBook, timeZone: TimeZone) -> Result<Data, CAPExportProblem> {
        let reader = CAPReader()
        var alert: CAPAlert?
        if info.source == .cap, !info.capXML.isEmpty {
            alert = try? reader.read(Data(info.capXML))
        }
        let data = escapingControls(CAPWriter.write(alert ?? build(from: info, rules: rules, timeZone: timeZone)))
        do {
            _ = try reader.read(data)
        } catch {
            return .failure(CAPExportProblem(TextSafety.printable(error.problems.map(\.description).joined(separator: "; "))))
        }
        return .success(data)
    }

    /// C1 controls (U+0080–U+009F: CSI and the like) and bidi overrides written
    /// as character references, so a document printed to a terminal cannot
    /// drive it; XML reads them back as the same characters.
    public static func escapingControls(_ data: Data) -> Data {
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
    public static func dateTime(_ date: Date, _ zone: TimeZone) -> CAPDateTime {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = zone
        f.dateFormat = "yyyy-MM-dd'T'HH:mm:ssxxx"
        return CAPDateTime(text: f.string(from: date), date: date)
    }

    public static func isCAPDateTime(_ text: String) -> Bool {
        text.range(of: #"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$"#, options: .regularExpression) != nil
    }

    /// The CAP category of an issuer (CAP 1.2: Met includes floods; Geo landslides and earthquakes).
    public static func category(issuer: String) -> CAPCategory {
        switch issuer {
        case "meteorological", "water_resources", "ocean": return .met
        case "natural_resources", "earthquake": return .geo
        case "forestry": return .fire
        default: return .other
        }
    }

    /// A CAP alert from a warning's fields: severity from the level (warnings.toml),
    /// event 暴雨橙色预警, urgency Expected, certainty Likely, zh-CN.
    public static func build(from w: WarningInfo, rules: RuleBook, timeZone: TimeZone) -> CAPAlert {
        let level = w.color.flatMap { rules.warnings.level($0) }
        let severity = CAPSeverity(rawValue: level?.capSeverity ?? w.severity) ?? .unknown
        let type = rules.warnings.type(named: w.type)
        var name = type?.zh ?? w.type
        for suffix in ["预警信号", "预警"] where name.hasSuffix(suffix) { name = String(name.dropLast(suffix.count)) }
        let event = name + (level?.zh ?? "") + "预警"
        let areaNames = w.areas.isEmpty ? (w.towns.isEmpty ? [] : [w.towns.joined(separator: "、")]) : w.areas
        let info = CAPInfo(
            language: "zh-CN", categories: [category(issuer: type?.issuer ?? w.issuer)], event: event,
            urgency: .expected, severity: severity, certainty: .likely,
            effective: w.effective.map { dateTime($0, timeZone) }, onset: w.onset.map { dateTime($0, timeZone) },
            expires: w.expires.map { dateTime($0, timeZone) },
            senderName: w.senderName.isEmpty ? nil : w.senderName,
            headline: w.headline.isEmpty ? event : w.headline,
            description: w.description.isEmpty ? nil : w.description,
            instruction: w.instruction.isEmpty ? nil : w.instruction,
            areas: areaNames.map { CAPArea(areaDesc: $0) })
        let sent = isCAPDateTime(w.sent) ? CAPDateTime(text: w.sent, date: w.sentAt) : dateTime(w.sentAt, timeZone)
        let references = w.references.compactMap { ref -> CAPReference? in
            let parts = ref.split(separator: ",", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
            return parts.count == 3 ? CAPReference(sender: parts[0], identifier: parts[1], sent: parts[2]) : nil
        }
        let source = switch w.source {
        case .cap: "cap"
        case .phone: "电话 phone"
        case .fax: "传真 fax"
        }
        return CAPAlert(identifier: w.identifier, sender: w.sender, sent: sent, status: w.status.cap, msgType: w.msgType.cap,
                        source: source, scope: w.scope.cap, references: references, infos: [info])
    }

    /// A file name from a CAP identifier: letters, digits and - _ . @ + kept, the rest `_`.
    public static func fileName(for identifier: String) -> String {
        var name = String(String.UnicodeScalarView(identifier.unicodeScalars.map { s in
            (s.properties.isAlphabetic || ("0"..."9").contains(s) || "-_.@+".unicodeScalars.contains(s)) ? s : "_"
        }))
        while name.hasPrefix(".") { name.removeFirst() }
        if name.count > 120 { name = String(name.prefix(120)) }
        return (name.isEmpty ? "warning" : name) + ".xml"
    }
}
