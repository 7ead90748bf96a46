import DutyModel
import Foundation
import TerminalUI

/// The resources screen (#19): which kind is shown, the `/` filter, and the
/// incident the list is sorted by distance from.
public struct ResourcesScreenState: Equatable, Sendable {
    public var list = FilteredList()
    /// The kind tab shown; nil: every kind.
    public var kind: ResourceSummary.Kind?
    /// Sorted by distance from this incident (nearest first); nil: by kind and id.
    public var nearIncident: String?
    public init() {}
}

/// One registry object with what a filter matches against: its fields, the
/// names of its kind, status, town and items in both languages, and the pinyin
/// (full and initials) of its Chinese names. Made on the station thread.
public struct ResourceEntry: Hashable, Sendable {
    /// "team:T01": unique across kinds (a feature's id may repeat a team's).
    public var key: String
    public var summary: ResourceSummary
    public var searchKeys: [String]

    public init(_ summary: ResourceSummary, rules: ResourceRules) {
        self.summary = summary
        key = summary.kind.rawValue + ":" + summary.id
        var words = [summary.id, summary.name, summary.unit, summary.contact, summary.detail, summary.place.county, summary.place.town,
                     summary.place.village, summary.subkind, summary.status]
        for language in Language.allCases {
            words += [ResourceText.kindName(summary.kind, language), ResourceText.subkind(summary, rules: rules, language: language),
                      ResourceText.status(summary, rules: rules, language: language)]
            for item in summary.stock.keys {
                let info = rules.item(item)
                words += [item, info?.zh ?? "", info?.en ?? ""]
            }
        }
        var keys = words.filter { !$0.isEmpty }.map { $0.lowercased() }
        for text in [summary.name, summary.unit, summary.place.county, summary.place.town] + summary.stock.keys.compactMap({ rules.item($0)?.zh })
        where Pinyin.hasHan(text) {
            let syllables = Pinyin.syllables(text)
            keys.append(syllables.joined())
            keys.append(String(syllables.compactMap(\.first)))
        }
        // Phone numbers match with or without the dash of an area code.
        keys.append(summary.contact.filter { $0 != "-" && $0 != " " })
        searchKeys = keys
    }

    /// Whether every word of `query` is found in some key ("危化 泰兴", "xfz", "帐篷").
    public func matches(_ query: String) -> Bool {
        let words = query.lowercased().split(whereSeparator: { $0 == " " || $0 == "　" })
        return words.allSatisfy { word in searchKeys.contains { $0.contains(word) } }
    }

    /// Builds the index, reusing the entries of objects that did not change.
    static func index(_ state: DutyState, rules: ResourceRules, reusing previous: [ResourceEntry]) -> [ResourceEntry] {
        let old = Dictionary(previous.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
        return state.resourceSummaries().map { summary in
            if let known = old[summary.kind.rawValue + ":" + summary.id], known.summary == summary { return known }
            return ResourceEntry(summary, rules: rules)
        }
    }
}

/// What the board and status bar say of resources: teams out, shelters open
/// and how full, depot items below their minimum, shortfalls to review.
public struct ResourceCounts: Hashable, Sendable {
    public var teams = 0
    public var teamsOut = 0
    public var sheltersOpen = 0
    public var occupancy: Int64 = 0
    public var capacityOpen: Int64 = 0
    /// Depot items below their configured minimum (one per depot and item).
    public var itemsBelowMinimum = 0
    /// Depot items issued beyond their stock (two stations at once), to review.
    public var shortfalls = 0

    public init() {}

    init(_ entries: [ResourceEntry]) {
        for entry in entries {
            let s = entry.summary
            switch s.kind {
            case .team:
                teams += 1
                if ["dispatched", "on_scene", "returning"].contains(s.status) { teamsOut += 1 }
            case .shelter where s.status != "closed":
                sheltersOpen += 1
                occupancy += s.occupancy ?? 0
                capacityOpen += s.capacity ?? 0
            case .depot:
                itemsBelowMinimum += s.belowMinimum.count
                shortfalls += s.shortfall.count
            default:
                break
            }
        }
    }

    /// Whether the board has anything of resources to say.
    public var isEmpty: Bool { teams == 0 && sheltersOpen == 0 && itemsBelowMinimum == 0 && shortfalls == 0 }
}
