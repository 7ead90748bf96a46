import Foundation

/// A warning as the duty room records it, whichever way it came (CAP file,
/// phone, fax). The CAP mapping and the manual entry form both fill one.
public struct WarningFields: Hashable, Sendable {
    public var identifier: String
    public var sender: String
    /// The CAP `sent` as written; with sender and identifier it names the message.
    public var sent: String
    public var sentAt: Date
    /// alert | update | cancel
    public var msgType: String
    /// Keys (`WarningKey`) of the messages this one updates or cancels.
    public var references: [String]
    /// actual | exercise | system | test | draft
    public var status: String
    /// Issuer id from warnings.toml (meteorological …), else the sender's name.
    public var issuer: String
    /// Type id from warnings.toml (rainstorm …), else the signal name as given.
    public var type: String
    /// 1 red … 4 blue, 0 not known.
    public var level: Int
    public var areas: [String]
    public var towns: [String]
    public var effective: Date?
    public var onset: Date?
    public var expires: Date?
    public var headline: String
    public var description: String
    public var instruction: String
    /// cap | phone | fax
    public var source: String
    public var senderName: String
    public var capXML: [UInt8]
    public var severity: String

    public init(identifier: String, sender: String, sent: String, sentAt: Date, msgType: String = "alert",
                references: [String] = [], status: String = "actual", issuer: String, type: String, level: Int,
                areas: [String], towns: [String], effective: Date? = nil, onset: Date? = nil, expires: Date?,
                headline: String, description: String = "", instruction: String = "", source: String,
                senderName: String = "", capXML: [UInt8] = [], severity: String = "") {
        self.identifier = identifier
        self.sender = sender
        self.sent = sent
        self.sentAt = sentAt
        self.msgType = msgType
        self.references = references
        self.status = status
        self.issuer = issuer
        self.type = type
        self.level = level
        self.areas = areas
        self.towns = towns
        self.effective = effective
        self.onset = onset
        self.expires = expires
        self.headline = headline
        self.description = description
        self.instruction = instruction
        self.source = source
        self.senderName = senderName
        self.capXML = capXML
        self.severity = severity
    }

    public var key: String { WarningKey.make(sender: sender, identifier: identifier, sent: sent) }
}

/// A warning message is named by CAP's own triple, written as CAP writes a
/// reference: "sender,identifier,sent". Two copies of one message (the same
/// file imported twice, or by two stations) therefore fold into one.
public enum WarningKey {
    public static func make(sender: String, identifier: String, sent: String) -> String {
        "\(sender),\(identifier),\(sent)"
    }
}

/// The dissemination channels of DOMAIN §3, in the order the checklist shows them.
public enum WarningChannel: String, CaseIterable, Hashable, Sendable {
    case broadcast = "应急广播"
    case sms = "短信"
    case tv = "电视"
    case displayBoard = "电子显示屏"
    case social = "微信/微博"

    public var en: String {
        switch self {
        case .broadcast: return "Emergency broadcast"
        case .sms: return "SMS"
        case .tv: return "TV"
        case .displayBoard: return "Display boards"
        case .social: return "WeChat/Weibo"
        }
    }
}

private func milliseconds(_ date: Date?) -> Int64 {
    date.map { Int64(($0.timeIntervalSince1970 * 1000).rounded()) } ?? 0
}

extension EventDraft {
    /// 预警接收: a warning received from a CAP file, by phone or by fax.
    public static func warningReceived(_ w: WarningFields) -> EventDraft {
        var m = Zhiban_Events_V1_WarningReceived()
        m.warningKey = w.key
        m.identifier = w.identifier
        m.sender = w.sender
        m.sentMs = milliseconds(w.sentAt)
        m.msgType = w.msgType
        m.references = w.references
        m.status = w.status
        m.issuer = w.issuer
        m.type = w.type
        m.level = Int32(w.level)
        m.areas = w.areas
        m.towns = w.towns
        m.effectiveMs = milliseconds(w.effective)
        m.onsetMs = milliseconds(w.onset)
        m.expiresMs = milliseconds(w.expires)
        m.headline = w.headline
        m.description_p = w.description
        m.instruction = w.instruction
        m.source = w.source
        m.senderName = w.senderName
        m.capXml = Data(w.capXML)
        m.severity = w.severity
        return EventDraft(m)
    }

    /// The officer on duty has seen the warning (the operator and time are the event's own).
    public static func warningAcknowledged(key: String) -> EventDraft {
        var m = Zhiban_Events_V1_WarningAcknowledged()
        m.warningKey = key
        return EventDraft(m)
    }

    /// One cell of the dissemination checklist: `channel` reached `target` (or, unticked, did not).
    public static func warningDisseminated(key: String, channel: WarningChannel, target: String, confirmed: Bool) -> EventDraft {
        var m = Zhiban_Events_V1_WarningDisseminated()
        m.warningKey = key
        m.channel = channel.rawValue
        m.target = target
        m.confirmed = confirmed
        return EventDraft(m)
    }
}
