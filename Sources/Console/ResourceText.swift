import DutyModel
import Foundation
import TerminalUI

/// Resources in words, for `zhiban resources` and the screens (#19).
public enum ResourceText {
    /// The kinds a summary's subkind and status come from.
    static func subkinds(_ kind: ResourceSummary.Kind, _ rules: ResourceRules) -> [ResourceKindInfo] {
        switch kind {
        case .team: return rules.teamKinds
        case .depot: return rules.depotLevels
        case .shelter: return rules.shelterKinds
        case .fireStation: return rules.fireStationKinds
        case .monitor: return rules.monitorKinds
        case .equipment: return rules.equipmentKinds
        case .hazard: return []
        }
    }

    static func name(_ id: String, in kinds: [ResourceKindInfo], _ language: Language) -> String {
        guard let kind = kinds.first(where: { $0.id == id }) else { return id }
        return language == .zh ? kind.zh : kind.en
    }

    public static func kindName(_ kind: ResourceSummary.Kind, _ language: Language) -> String {
        let zh = language == .zh
        switch kind {
        case .team: return zh ? "队伍" : "team"
        case .depot: return zh ? "储备库" : "depot"
        case .shelter: return zh ? "避难场所" : "shelter"
        case .fireStation: return zh ? "消防站" : "fire station"
        case .hazard: return zh ? "危险源" : "hazard"
        case .monitor: return zh ? "监测点" : "monitor"
        case .equipment: return zh ? "装备" : "equipment"
        }
    }

    /// The subkind in words: a team's kind, a depot's level, a hazard's grade.
    public static func subkind(_ s: ResourceSummary, rules: ResourceRules, language: Language) -> String {
        if s.kind == .hazard, let grade = s.grade { return language == .zh ? "\(grade)级" : "grade \(grade)" }
        return name(s.subkind, in: subkinds(s.kind, rules), language)
    }

    public static func status(_ s: ResourceSummary, rules: ResourceRules, language: Language) -> String {
        switch s.kind {
        case .team: return name(s.status, in: rules.teamStatuses, language)
        case .shelter: return name(s.status, in: rules.shelterStatuses, language)
        default: return ""
        }
    }

    /// What matters most of the object, in a few words: headcount, stock, occupancy, grade, quantity.
    public static func figures(_ s: ResourceSummary, rules: ResourceRules, language: Language) -> String {
        let zh = language == .zh
        switch s.kind {
        case .team:
            return s.headcount.map { zh ? "\($0)人" : "\($0) people" } ?? ""
        case .depot:
            func rank(_ item: String) -> Int { rules.items.firstIndex { $0.id == item } ?? rules.items.count }
            return s.stock.filter { $0.value != 0 }.sorted { (rank($0.key), $0.key) < (rank($1.key), $1.key) }
                .map { item, quantity in
                    let info = rules.item(item)
                    let shown = zh ? "\(info?.zh ?? item)\(quantity)\(info?.unitZh ?? "")" : "\(info?.en ?? item) \(quantity)"
                    if quantity < 0 { return zh ? "\(info?.zh ?? item)缺\(-quantity)\(info?.unitZh ?? "")（待核查）" : "\(info?.en ?? item) short \(-quantity) (to review)" }
                    return s.belowMinimum[item] != nil ? shown + "!" : shown
                }.joined(separator: zh ? "、" : ", ")
        case .shelter:
            let occupancy = s.occupancy ?? 0, capacity = s.capacity ?? 0
            return zh ? "\(occupancy)/\(capacity)人" : "\(occupancy)/\(capacity) people"
        case .fireStation:
            return s.quantity.map { zh ? "消防车\($0)辆" : "\($0) engines" } ?? ""
        case .hazard:
            return [s.unit, s.detail].filter { !$0.isEmpty }.joined(separator: " · ")
        case .monitor:
            let level = (s.quantity ?? 0) > 0 ? String(format: zh ? "警戒%.2f米" : "warning %.2f m", Double(s.quantity ?? 0) / 100) : ""
            return [s.detail, level].filter { !$0.isEmpty }.joined(separator: " · ")
        case .equipment:
            return s.quantity.map { zh ? "\($0)台（艘）" : "×\($0)" } ?? ""
        }
    }

    /// "帐篷200顶" / "200 tents".
    public static func quantity(_ item: String, _ n: Int64, rules: ResourceRules, language: Language) -> String {
        let info = rules.item(item)
        if language == .zh { return "\(info?.zh ?? item)\(n)\(info?.unitZh ?? "")" }
        guard let info else { return "\(n) \(item)" }
        // "200 tents", "3000 life jackets", "2500 folding beds" when the unit is the item counted; else "Drinking water ×2000".
        var words = info.en.split(separator: " ").map(String.init)
        if let last = words.last?.lowercased(), !last.isEmpty, info.unitEn.lowercased().hasPrefix(last) {
            words.removeLast()
            return "\(n) " + (words + [info.unitEn]).joined(separator: " ").lowercased()
        }
        return "\(info.en) ×\(n)"
    }

    /// One line: id, kind, name, place, status, figures.
    public static func line(_ s: ResourceSummary, rules: ResourceRules, language: Language) -> String {
        [s.id, kindName(s.kind, language), subkind(s, rules: rules, language: language), s.name,
         [s.place.county, s.place.town].filter { !$0.isEmpty }.joined(separator: "·"),
         status(s, rules: rules, language: language), figures(s, rules: rules, language: language)]
            .filter { !$0.isEmpty }.joined(separator: "  ")
    }
}
