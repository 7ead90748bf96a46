import Foundation

/// Every rule the console applies, read from the TOML files in `Rules/`
/// (built in) or a station's replacements for them.
public struct RuleBook: Hashable, Sendable {
    public var taxonomy: Taxonomy
    public var grading: GradingRules
    public var reporting: ReportingRules
    public var lifecycle: LifecycleRules
    public var warnings: WarningRules
    public var resources: ResourceRules
    /// The jurisdiction's towns and villages, for the intake pickers.
    public var places: PlaceList

    public init(taxonomy: Taxonomy, grading: GradingRules, reporting: ReportingRules,
                lifecycle: LifecycleRules, warnings: WarningRules, resources: ResourceRules,
                places: PlaceList = PlaceList(jurisdiction: "", counties: [])) {
        self.taxonomy = taxonomy
        self.grading = grading
        self.reporting = reporting
        self.lifecycle = lifecycle
        self.warnings = warnings
        self.resources = resources
        self.places = places
    }

    /// The rule files, in the order they are read (taxonomy first: others refer to its types).
    public static let fileNames = ["taxonomy.toml", "grading.toml", "reporting.toml",
                                   "lifecycle.toml", "warnings.toml", "resources.toml", "places.toml"]

    /// The compiled-in text of each rule file (identical to `Rules/<name>`).
    public static let builtinTexts: [String: String] = BuiltinRules.texts

    /// The built-in rules.
    public static let standard: RuleBook = {
        switch load(overrides: [:]) {
        case .success(let book): return book
        case .failure(let problem): fatalError("built-in rules do not load: \(problem)")
        }
    }()

    /// The built-in rules with some files replaced: keys are file names
    /// ("reporting.toml" …), values their text. A replacement is a whole file,
    /// not a patch. The first problem found is returned, naming the file and
    /// (where known) the line.
    public static func load(overrides: [String: String]) -> Result<RuleBook, RuleProblem> {
        for name in overrides.keys.sorted() where !fileNames.contains(name) {
            return .failure(RuleProblem(file: name, line: nil,
                                        message: "not a rule file (expected one of \(fileNames.joined(separator: ", ")))"))
        }
        func read<T>(_ name: String, _ body: (TableReader) throws -> T) -> Result<T, RuleProblem> {
            let text = overrides[name] ?? BuiltinRules.texts[name]!
            switch RuleFileContext.parse(text, file: name) {
            case .failure(let p): return .failure(p)
            case .success(let (root, _)):
                do {
                    return .success(try body(root))
                } catch let p as RuleProblem {
                    return .failure(p)
                } catch {
                    return .failure(RuleProblem(file: name, line: nil, message: "\(error)"))
                }
            }
        }
        do throws(RuleProblem) {
            let taxonomy = try read("taxonomy.toml", Taxonomy.parse).get()
            return .success(RuleBook(
                taxonomy: taxonomy,
                grading: try read("grading.toml") { try GradingRules.parse($0, taxonomy: taxonomy) }.get(),
                reporting: try read("reporting.toml") { try ReportingRules.parse($0, taxonomy: taxonomy) }.get(),
                lifecycle: try read("lifecycle.toml", LifecycleRules.parse).get(),
                warnings: try read("warnings.toml", WarningRules.parse).get(),
                resources: try read("resources.toml", ResourceRules.parse).get(),
                places: try read("places.toml", PlaceList.parse).get()))
        } catch {
            return .failure(error)
        }
    }
}
