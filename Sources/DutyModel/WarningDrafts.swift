import Foundation

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

extension EventDraft {
    /// 预警接收: a warning received from a CAP file, by phone or by fax.
    public static func warningReceived(_ w: WarningInfo) -> EventDraft {
        EventDraft(w.payload)
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
