import DutyModel
import Foundation

/// The folded station as the console shows it. The shell builds a new one
/// when the journal changes; views only read it. Equality is by generation
/// so that comparing two app states stays cheap at a million events.
public struct DutySnapshot: Equatable, Sendable {
    public var generation: Int
    public var state: DutyState
    public var rules: RuleBook
    /// This station's id, for "our" check-ins.
    public var ownStation: String
    /// Contacts sorted by unit then name, with their search keys.
    public var contacts: [ContactEntry]
    /// The jurisdiction's places with their pinyin, for the intake pickers.
    public var places: [PlaceEntry]
    /// Warning messages grouped into update chains: they change with the
    /// events only, so screens drawn every second do not regroup them.
    public var warningChains: [[WarningInfo]]

    public init(generation: Int, state: DutyState, rules: RuleBook, ownStation: String, previous: DutySnapshot? = nil) {
        self.generation = generation
        self.state = state
        self.rules = rules
        self.ownStation = ownStation
        self.contacts = ContactEntry.index(state, reusing: previous?.contacts ?? [])
        if let previous, previous.rules.places == rules.places {
            places = previous.places
        } else {
            places = PlaceEntry.index(rules.places)
        }
        warningChains = state.warningChains()
    }

    /// Every warning chain at `now`, in the order the warnings screen lists them.
    public func warningSummaries(now: Date) -> [WarningSummary] {
        state.warningSummaries(places: rules.places, now: now, chains: warningChains)
    }

    public static let empty = DutySnapshot(generation: 0, state: DutyState(), rules: .standard, ownStation: "")

    public static func == (a: Self, b: Self) -> Bool { a.generation == b.generation }
}

/// One contact with what a filter matches against: every field and channel,
/// lowercased, and the pinyin (full and initials) of any Chinese in the name,
/// unit and title.
public struct ContactEntry: Hashable, Sendable {
    public var id: String
    public var info: ContactInfo
    public var searchKeys: [String]
    /// Unit then name in pinyin, so the book reads in the order a Chinese phone list does.
    public var sortKey: String

    public init(id: String, info: ContactInfo) {
        self.id = id
        self.info = info
        let fields = [info.name, info.unit, info.title, info.role, info.notes] + info.channels.map(\.value)
        var keys = fields.map { $0.lowercased() }
        var spelled: [String: String] = [:]
        for text in [info.name, info.unit, info.title, info.role] where Pinyin.hasHan(text) {
            let syllables = Pinyin.syllables(text)
            spelled[text] = syllables.joined(separator: " ")
            keys.append(syllables.joined())
            keys.append(String(syllables.compactMap(\.first)))
        }
        sortKey = (spelled[info.unit] ?? info.unit.lowercased()) + "\u{1}" + (spelled[info.name] ?? info.name.lowercased())
        // Phone numbers match with or without the dash of an area code.
        keys += info.channels.map { $0.value.filter { $0 != "-" && $0 != " " } }
        searchKeys = keys
    }

    /// Whether every word of `query` is found in some key ("应急 局长", "sl", "1390").
    public func matches(_ query: String) -> Bool {
        let words = query.lowercased().split(whereSeparator: { $0 == " " || $0 == "　" })
        return words.allSatisfy { word in searchKeys.contains { $0.contains(word) } }
    }

    /// Builds the index, reusing the pinyin of contacts that did not change.
    static func index(_ state: DutyState, reusing previous: [ContactEntry]) -> [ContactEntry] {
        let old = Dictionary(previous.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        return state.contacts.compactMap { id, register -> ContactEntry? in
            guard let info = register.value else { return nil }
            if let known = old[id], known.info == info { return known }
            return ContactEntry(id: id, info: info)
        }.sorted { ($0.sortKey, $0.id) < ($1.sortKey, $1.id) }
    }
}

/// Pinyin through Foundation's ICU transliteration (Han → Latin), which
/// works on Linux too; polyphonic characters get ICU's most common reading.
enum Pinyin {
    static func hasHan(_ text: String) -> Bool {
        text.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) || (0x3400...0x4DBF).contains($0.value) }
    }

    /// "孙立新" → ["sun", "li", "xin"].
    static func syllables(_ text: String) -> [String] {
        guard let latin = text.applyingTransform(.toLatin, reverse: false),
              let plain = latin.applyingTransform(.stripDiacritics, reverse: false) else { return [] }
        return plain.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
    }
}
