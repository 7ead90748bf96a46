import SafeText
import DutyModel
import Foundation

/// What a CAP alert becomes in the duty room (DOMAIN §3): one warning message,
/// or a reason it carries no warning.
public enum CAPMapping {
    public enum Outcome: Hashable, Sendable {
        case warning(WarningInfo)
        /// Ack and Error messages are between systems: nothing for the officer.
        case notAWarning(String)
    }

    /// Maps `alert` (whose file was `bytes`) with the station's rules.
    /// `languages`: the info blocks preferred, in order; zh-CN comes first
    /// unless the caller says otherwise, then the officer's language.
    public static func warning(from alert: CAPAlert, bytes: [UInt8], rules: RuleBook,
                               languages: [String] = ["zh-CN"]) -> Outcome {
        guard let msgType = WarningMessageType(alert.msgType) else {
            return .notAWarning("msgType \(alert.msgType.rawValue) is a message between alerting systems, not a warning")
        }
        let info = preferredInfo(alert.infos, languages: languages)
        let text = [info?.event, info?.headline].compactMap { $0 }.joined(separator: " ")
        let codes = (info?.eventCodes ?? []).map(\.value).joined(separator: " ")
        let color = colour(in: codes) ?? colour(in: text)
            ?? info.flatMap { rules.warnings.color(capSeverity: $0.severity.rawValue) }
        let type = warningType(in: text, rules: rules.warnings)
        let areas = (info?.areas ?? []).map { TextSafety.printable($0.areaDesc) }
        let towns = rules.places.towns(covering: (info?.areas ?? []).map { ($0.areaDesc, $0.geocodes.map(\.value)) })
        let senderName = TextSafety.printable(info?.senderName ?? "")
        return .warning(WarningInfo(
            identifier: alert.identifier, sender: alert.sender, sent: alert.sent.text, sentAt: alert.sent.date,
            msgType: msgType,
            references: alert.references.map { WarningKey.make(sender: $0.sender, identifier: $0.identifier, sent: $0.sent) },
            status: WarningStatus(alert.status), scope: WarningScope(alert.scope),
            issuer: type?.issuer ?? (senderName.isEmpty ? TextSafety.printable(alert.sender) : senderName),
            type: type?.id ?? TextSafety.printable(info?.event ?? ""),
            color: color,
            areas: areas, towns: towns,
            effective: info?.effective?.date ?? alert.sent.date, onset: info?.onset?.date, expires: info?.expires?.date,
            headline: TextSafety.printable(info?.headline ?? info?.event ?? ""),
            description: TextSafety.printableLines(info?.description ?? ""),
            instruction: TextSafety.printableLines(info?.instruction ?? ""),
            source: .cap, senderName: senderName, capXML: bytes,
            severity: info?.severity.rawValue ?? ""))
    }

    /// The first info in a preferred language (a bare "zh" matches "zh-CN"), else the first.
    static func preferredInfo(_ infos: [CAPInfo], languages: [String]) -> CAPInfo? {
        for wanted in languages {
            let w = wanted.lowercased()
            if let exact = infos.first(where: { $0.language.lowercased() == w }) { return exact }
            let base = w.split(separator: "-").first.map(String.init) ?? w
            if let near = infos.first(where: { $0.language.lowercased().split(separator: "-").first.map(String.init) == base }) {
                return near
            }
        }
        return infos.first
    }

    /// 红色 / 橙色 / 黄色 / 蓝色 (also 红色预警 inside a longer headline), or the
    /// English colour word.
    static func colour(in text: String) -> WarningColor? {
        let chinese: [(String, WarningColor)] = [("红色", .red), ("橙色", .orange), ("黄色", .yellow), ("蓝色", .blue)]
        if let hit = chinese.first(where: { text.contains($0.0) }) { return hit.1 }
        let words = text.lowercased().split { !$0.isLetter || !$0.isASCII }.map(String.init)
        return WarningColor.allCases.first { words.contains($0.rawValue) }
    }

    /// The rule type whose Chinese name the text carries (the longest such name,
    /// so 地质灾害气象风险 wins over a shorter one), else whose English name.
    static func warningType(in text: String, rules: WarningRules) -> WarningTypeInfo? {
        if let zh = rules.types.filter({ text.contains($0.zh) }).max(by: { $0.zh.count < $1.zh.count }) { return zh }
        let lower = text.lowercased()
        return rules.types.filter { lower.contains($0.en.lowercased()) }.max { $0.en.count < $1.en.count }
    }
}

// MARK: - CAP's enumerations and the warning's, both ways

extension WarningMessageType {
    /// nil for Ack and Error: messages between systems, not warnings.
    public init?(_ type: CAPMsgType) {
        switch type {
        case .alert: self = .alert
        case .update: self = .update
        case .cancel: self = .cancel
        case .ack, .error: return nil
        }
    }

    public var cap: CAPMsgType {
        switch self {
        case .alert: return .alert
        case .update: return .update
        case .cancel: return .cancel
        }
    }
}

extension WarningStatus {
    public init(_ status: CAPStatus) {
        switch status {
        case .actual: self = .actual
        case .exercise: self = .exercise
        case .system: self = .system
        case .test: self = .test
        case .draft: self = .draft
        }
    }

    public var cap: CAPStatus {
        switch self {
        case .actual: return .actual
        case .exercise: return .exercise
        case .system: return .system
        case .test: return .test
        case .draft: return .draft
        }
    }
}

extension WarningScope {
    public init(_ scope: CAPScope) {
        switch scope {
        case .public: self = .public
        case .restricted: self = .restricted
        case .private: self = .private
        }
    }

    public var cap: CAPScope {
        switch self {
        case .public: return .public
        case .restricted: return .restricted
        case .private: return .private
        }
    }
}
