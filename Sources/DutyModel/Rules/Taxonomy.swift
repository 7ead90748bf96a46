import Foundation

/// One of the four categories with its names (taxonomy.toml).
public struct TaxonomyCategory: Hashable, Sendable {
    public var category: IncidentCategory
    public var zh: String
    public var en: String
    public var keywords: [String]

    public init(category: IncidentCategory, zh: String, en: String, keywords: [String]) {
        self.category = category
        self.zh = zh
        self.en = en
        self.keywords = keywords
    }
}

/// An incident type such as `hazchem` (危险化学品) or `typhoon` (台风).
public struct IncidentTypeInfo: Hashable, Sendable {
    public var id: String
    public var category: IncidentCategory
    /// A broader type of the same category (`typhoon` → `meteorological`).
    public var parent: String?
    public var zh: String
    public var en: String
    /// Pinyin initials and other short forms, lower case.
    public var keywords: [String]

    public init(id: String, category: IncidentCategory, parent: String? = nil, zh: String, en: String, keywords: [String] = []) {
        self.id = id
        self.category = category
        self.parent = parent
        self.zh = zh
        self.en = en
        self.keywords = keywords
    }
}

/// The categories and types of incidents (DOMAIN.md §2.1), from taxonomy.toml.
public struct Taxonomy: Hashable, Sendable {
    /// In `IncidentCategory.allCases` order.
    public private(set) var categories: [TaxonomyCategory]
    /// In file order: a parent before its children.
    public private(set) var types: [IncidentTypeInfo]
    private var byID: [String: Int]

    public init(categories: [TaxonomyCategory], types: [IncidentTypeInfo]) {
        self.categories = categories
        self.types = types
        var byID: [String: Int] = [:]
        for (i, t) in types.enumerated() where byID[t.id] == nil { byID[t.id] = i }
        self.byID = byID
    }

    public func category(_ c: IncidentCategory) -> TaxonomyCategory? {
        categories.first { $0.category == c }
    }

    public func type(_ id: String) -> IncidentTypeInfo? {
        byID[id].map { types[$0] }
    }

    public func types(in category: IncidentCategory) -> [IncidentTypeInfo] {
        types.filter { $0.category == category }
    }

    public func children(of id: String) -> [IncidentTypeInfo] {
        types.filter { $0.parent == id }
    }

    /// Parent, grandparent, … of a type (empty for a top-level or unknown type).
    public func ancestors(of id: String) -> [String] {
        var out: [String] = []
        var next = type(id)?.parent
        while let p = next, !out.contains(p) {
            out.append(p)
            next = type(p)?.parent
        }
        return out
    }

    /// `id` → parent id, for rules that fall back to a broader type.
    public var parents: [String: String] {
        var out: [String: String] = [:]
        for t in types { if let p = t.parent { out[t.id] = p } }
        return out
    }

    /// Types matching what an officer typed: a keyword equal to it (e.g. `whp`),
    /// then keywords starting with it, then Chinese names containing it, then
    /// ids or English names starting with it (case-insensitive). An empty
    /// query matches everything. Within a rank, file order.
    public func search(_ query: String, in category: IncidentCategory? = nil) -> [IncidentTypeInfo] {
        let q = query.trimmingCharacters(in: .whitespaces).lowercased()
        let pool = types.enumerated().filter { category == nil || $0.element.category == category }
        if q.isEmpty { return pool.map(\.element) }
        func rank(_ t: IncidentTypeInfo) -> Int? {
            let keywords = t.keywords.map { $0.lowercased() }
            if keywords.contains(q) { return 0 }
            if keywords.contains(where: { $0.hasPrefix(q) }) { return 1 }
            if t.zh.contains(query.trimmingCharacters(in: .whitespaces)) { return 2 }
            if t.id.hasPrefix(q) || t.en.lowercased().hasPrefix(q) { return 3 }
            return nil
        }
        return pool.compactMap { entry in rank(entry.element).map { (rank: $0, order: entry.offset, type: entry.element) } }
            .sorted { ($0.rank, $0.order) < ($1.rank, $1.order) }
            .map(\.type)
    }

    static func parse(_ root: TableReader) throws -> Taxonomy {
        try root.checkKeys(IncidentCategory.allCases.map(\.rawValue))
        var categories: [TaxonomyCategory] = []
        var types: [IncidentTypeInfo] = []
        var seen: [String: IncidentCategory] = [:]
        for category in IncidentCategory.allCases {
            guard root.has(category.rawValue) else {
                throw root.problem(nil, "missing table [\(category.rawValue)]")
            }
            let c = try root.subtable(category.rawValue)
            try c.checkKeys(["zh", "en", "keywords", "types"])
            categories.append(TaxonomyCategory(category: category, zh: try c.nonEmptyString("zh"), en: try c.nonEmptyString("en"),
                                               keywords: c.has("keywords") ? try c.stringArray("keywords") : []))
            for t in try c.tableArray("types") {
                try t.checkKeys(["id", "parent", "zh", "en", "keywords"])
                let id = try t.identifier("id")
                if seen[id] != nil { throw t.problem("id", "type \"\(id)\" is listed twice") }
                let parent = try t.optionalString("parent")
                if let parent {
                    guard let parentCategory = seen[parent] else {
                        throw t.problem("parent", "\"\(parent)\" is not a type listed above this one")
                    }
                    guard parentCategory == category else {
                        throw t.problem("parent", "\"\(parent)\" is in \(parentCategory.rawValue), not \(category.rawValue)")
                    }
                }
                let keywords = t.has("keywords") ? try t.stringArray("keywords") : []
                if let bad = keywords.first(where: { $0.isEmpty || $0 != $0.lowercased() || $0.contains(" ") }) {
                    throw t.problem("keywords", "\"\(bad)\" is not a lower-case keyword without spaces")
                }
                seen[id] = category
                types.append(IncidentTypeInfo(id: id, category: category, parent: parent,
                                              zh: try t.nonEmptyString("zh"), en: try t.nonEmptyString("en"), keywords: keywords))
            }
        }
        return Taxonomy(categories: categories, types: types)
    }
}
