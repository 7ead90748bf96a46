import DutyModel
import TerminalUI

/// The words of the contact book, in both languages.
public enum ContactsText: Hashable, Sendable {
    case contactCount(Int, Int)
    case contactsHint
    case columnName, columnUnit, columnTitle, columnRole
    case noContacts, noContactMatches, noChannels, noBackup
    case backupLine(String, String)
    case noBackupPartner(String)
    case jumpedToBackup(String, String)
    case keyBackup

    public func text(_ language: Language) -> String {
        let (zh, en) = pair
        return language == .zh ? zh : en
    }

    private var pair: (String, String) {
        switch self {
        case .contactCount(let shown, let all): return shown == all ? ("\(all) 人", "\(all) people") : ("\(shown) / \(all) 人", "\(shown) of \(all)")
        case .contactsHint: return ("/ 筛选（姓名、单位、电话、拼音首字母）· b A/B角", "/ filter (name, unit, number, pinyin initials) · b A/B partner")
        case .columnName: return ("姓名", "Name")
        case .columnUnit: return ("单位", "Unit")
        case .columnTitle: return ("职务", "Title")
        case .columnRole: return ("角色", "Role")
        case .noContacts: return ("通讯录为空：zhiban import 通讯录.csv", "no contacts yet: zhiban import contacts.csv")
        case .noContactMatches: return ("没有匹配的联系人；Esc 清除筛选", "no contact matches; Esc clears the filter")
        case .noChannels: return ("（无联系方式）", "(no channels recorded)")
        case .noBackup: return ("无 A/B 角", "no A/B partner recorded")
        case .backupLine(let name, let reach): return ("B角 \(name)  \(reach)  （按 b 跳转）", "A/B partner \(name)  \(reach)  (b jumps there)")
        case .noBackupPartner(let name): return ("\(name) 没有登记 A/B 角", "\(name) has no A/B partner recorded")
        case .jumpedToBackup(let from, let to): return ("\(from) 的 B角：\(to)", "\(from)'s A/B partner: \(to)")
        case .keyBackup: return ("跳到 A/B 角", "jump to the A/B partner")
        }
    }
}
