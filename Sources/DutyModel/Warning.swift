import Foundation

/// CAP `<msgType>` of a warning message (Ack and Error are not warnings).
/// Raw values are what the `warning.received` payload stores.
public enum WarningMessageType: String, Codable, Hashable, Sendable, CaseIterable {
    case alert, update, cancel

    /// A stored string; one this version does not know reads as an alert.
    public init(stored: String) { self = Self(rawValue: stored) ?? .alert }
}

/// CAP `<status>`: only `actual` warnings count; the others are shown as such.
public enum WarningStatus: String, Codable, Hashable, Sendable, CaseIterable {
    case actual, exercise, system, test, draft

    /// A stored string; one this version does not know reads as actual.
    public init(stored: String) { self = Self(rawValue: stored) ?? .actual }
}

/// How the duty room received a warning.
public enum WarningSource: String, Codable, Hashable, Sendable, CaseIterable {
    case cap, phone, fax

    /// A stored string; one this version does not know reads as a CAP file
    /// when the file is there, else as a warning taken by phone.
    public init(stored: String, hasCAPFile: Bool) {
        self = Self(rawValue: stored) ?? (hasCAPFile ? .cap : .phone)
    }
}

/// CAP `<scope>`: who the message is for.
public enum WarningScope: String, Codable, Hashable, Sendable, CaseIterable {
    case `public`, restricted, `private`

    /// A stored string; empty (written before the scope was kept) or unknown reads as public.
    public init(stored: String) { self = Self(rawValue: stored) ?? .public }
}

/// A warning message as the duty room records it, whichever way it came (CAP
/// file, phone, fax): what the CAP mapping and the manual entry form fill,
/// what a `warning.received` event carries and what the fold's register holds.
public struct WarningInfo: Codable, Hashable, Sendable {
    public var identifier: String
    public var sender: String
    /// The CAP `sent` as written; with sender and identifier it names the message.
    public var sent: String
    public var sentAt: Date
    public var msgType: WarningMessageType
    /// Keys (`WarningKey`) of the messages this one updates or cancels.
    public var references: [String]
    public var status: WarningStatus
    public var scope: WarningScope
    /// Issuer id from warnings.toml (meteorological …), else the sender's name.
    public var issuer: String
    /// Type id from warnings.toml (rainstorm …), else the signal name as given.
    public var type: String
    /// Red … blue; nil when not known.
    public var color: WarningColor?
    public var areas: [String]
    /// The jurisdiction's towns the area names (dissemination targets).
    public var towns: [String]
    public var effective: Date?
    public var onset: Date?
    public var expires: Date?
    public var headline: String
    public var description: String
    public var instruction: String
    public var source: WarningSource
    public var senderName: String
    /// The CAP file as received when `source` is cap.
    public var capXML: [UInt8]
    /// CAP `<severity>` as received.
    public var severity: String
    /// The key a stored event gave the message when it is not the message's
    /// own triple (hand-made events, or written before keys were the triple):
    /// acknowledgements and references name it so, so it stays the key.
    public internal(set) var recordedKey: String?

    public init(identifier: String, sender: String, sent: String, sentAt: Date, msgType: WarningMessageType = .alert,
                references: [String] = [], status: WarningStatus = .actual, scope: WarningScope = .public,
                issuer: String, type: String, color: WarningColor?,
                areas: [String], towns: [String], effective: Date? = nil, onset: Date? = nil, expires: Date?,
                headline: String, description: String = "", instruction: String = "", source: WarningSource,
                senderName: String = "", capXML: [UInt8] = [], severity: String = "") {
        self.identifier = identifier
        self.sender = sender
        self.sent = sent
        self.sentAt = sentAt
        self.msgType = msgType
        self.references = references
        self.status = status
        self.scope = scope
        self.issuer = issuer
        self.type = type
        self.color = color
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

    /// "sender,identifier,sent": CAP's own name of the message.
    public var key: String { recordedKey ?? WarningKey.make(sender: sender, identifier: identifier, sent: sent) }

    /// Exercise, test, system or draft: shown as such, never counted.
    public var isExercise: Bool { status != .actual }
}

/// A warning message is named by CAP's own triple, written as CAP writes a
/// reference: "sender,identifier,sent". Two copies of one message (the same
/// file imported twice, or by two stations) therefore fold into one.
public enum WarningKey {
    public static func make(sender: String, identifier: String, sent: String) -> String {
        "\(sender),\(identifier),\(sent)"
    }

    /// The `sent` part of `key` for a message of `sender` and `identifier`
    /// (nil when the key is not theirs).
    public static func sent(in key: String, sender: String, identifier: String) -> String? {
        let prefix = "\(sender),\(identifier),"
        return key.hasPrefix(prefix) ? String(key.dropFirst(prefix.count)) : nil
    }
}

// MARK: - The `warning.received` payload

/// Times are stored as milliseconds since 1970, 0 for none; the colour as
/// 1 red … 4 blue, 0 not known; the enums as their raw strings.
extension WarningInfo {
    static func milliseconds(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded()) }

    static func date(ms: Int64) -> Date? { ms > 0 ? Date(timeIntervalSince1970: Double(ms) / 1000) : nil }

    /// The warning a stored `warning.received` payload carries. The `sent`
    /// text is the key's last part (the payload keeps it only there); a key
    /// that is not the triple is kept as it is, with no `sent` text.
    init(_ m: Zhiban_Events_V1_WarningReceived) {
        let sent = WarningKey.sent(in: m.warningKey, sender: m.sender, identifier: m.identifier)
        self.init(
            identifier: m.identifier, sender: m.sender, sent: sent ?? "",
            sentAt: Date(timeIntervalSince1970: Double(m.sentMs) / 1000),
            msgType: WarningMessageType(stored: m.msgType), references: m.references,
            status: WarningStatus(stored: m.status), scope: WarningScope(stored: m.scope),
            issuer: m.issuer, type: m.type, color: WarningColor(level: Int(m.level)),
            areas: m.areas, towns: m.towns,
            effective: Self.date(ms: m.effectiveMs), onset: Self.date(ms: m.onsetMs), expires: Self.date(ms: m.expiresMs),
            headline: m.headline, description: m.description_p, instruction: m.instruction,
            source: WarningSource(stored: m.source, hasCAPFile: !m.capXml.isEmpty),
            senderName: m.senderName, capXML: [UInt8](m.capXml), severity: m.severity)
        if sent == nil { recordedKey = m.warningKey }
    }

    /// The `warning.received` payload of this warning.
    var payload: Zhiban_Events_V1_WarningReceived {
        var m = Zhiban_Events_V1_WarningReceived()
        m.warningKey = key
        m.identifier = identifier
        m.sender = sender
        m.sentMs = Self.milliseconds(sentAt)
        m.msgType = msgType.rawValue
        m.references = references
        m.status = status.rawValue
        m.scope = scope == .public ? "" : scope.rawValue
        m.issuer = issuer
        m.type = type
        m.level = Int32(color?.level ?? 0)
        m.areas = areas
        m.towns = towns
        m.effectiveMs = effective.map(Self.milliseconds) ?? 0
        m.onsetMs = onset.map(Self.milliseconds) ?? 0
        m.expiresMs = expires.map(Self.milliseconds) ?? 0
        m.headline = headline
        m.description_p = description
        m.instruction = instruction
        m.source = source.rawValue
        m.senderName = senderName
        m.capXml = Data(capXML)
        m.severity = severity
        return m
    }
}
