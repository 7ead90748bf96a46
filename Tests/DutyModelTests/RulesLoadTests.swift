import Foundation
import Testing
@testable import DutyModel

@Suite("Loading a station's rule files")
struct RulesLoadTests {
    private func problem(_ overrides: [String: String]) -> RuleProblem? {
        if case .failure(let p) = RuleBook.load(overrides: overrides) { return p }
        return nil
    }

    private func builtin(_ name: String, replacing old: String, with new: String) -> String {
        let text = RuleBook.builtinTexts[name]!
        precondition(text.contains(old), "test fixture: \(old) not in \(name)")
        return text.replacingOccurrences(of: old, with: new)
    }

    @Test("a bad duration names file, line and key")
    func badDuration() {
        let text = builtin("reporting.toml", replacing: "phone = \"30m\"\nwritten = \"60m\"\nfollow_up_at = [\"08:00\", \"17:00\"]\nfollow_up_on_change = \"60m\"\n\n[grades.IV]",
                           with: "phone = \"3O m\"\nwritten = \"60m\"\nfollow_up_at = [\"08:00\", \"17:00\"]\nfollow_up_on_change = \"60m\"\n\n[grades.IV]")
        let p = problem(["reporting.toml": text])
        #expect(p == RuleProblem(file: "reporting.toml", line: 53, message: "grades.III.phone: \"3O m\" is not a duration like 30m or 6h"))
        #expect(p?.description == "reporting.toml line 53: grades.III.phone: \"3O m\" is not a duration like 30m or 6h")
    }

    @Test("a TOML syntax error names file and line")
    func syntaxError() {
        let text = """
        [next]
        received = ["verifying"
        verifying = []
        """
        let p = problem(["lifecycle.toml": text])
        #expect(p?.file == "lifecycle.toml")
        #expect(p?.line == 3)
        #expect(p?.description.hasPrefix("lifecycle.toml line 3: ") == true)
    }

    @Test("semantic errors are located", arguments: [
        // (file, text, line, message)
        ("reporting.toml", """
        final_within = "24h"

        [grades.I]
        phone = "15m"
        written = "30m"
        phnoe = "10m"
        """, 6, "grades.I.phnoe: unknown key (expected: phone, written, follow_up_at, follow_up_on_change, count_from)"),
        ("reporting.toml", """
        final_within = "24h"
        [grades.I]
        phone = "45m"
        written = "30m"
        """, 3, "grades.I.phone: 45m is later than the written report (30m); the phone report comes first"),
        ("reporting.toml", """
        final_within = "24h"
        [grades.I]
        phone = "15m"
        written = "30m"
        follow_up_at = ["08:00", "5pm"]
        """, 5, "grades.I.follow_up_at: \"5pm\" is not a time of day like 08:00"),
        ("grading.toml", """
        # comment
        [[tables]]
        applies_to = "accident"
        deaths = { I = 30, II = 10, III = 3 }

        [[tables]]
        applies_to = ["typhon"]
        deaths = { I = 30 }
        """, 7, "tables[1].applies_to: \"typhon\" is neither a category (natural, accident, health, social) nor a type id in taxonomy.toml"),
        ("grading.toml", """
        [[tables]]
        applies_to = "accident"
        deaths = { I = 30, II = 10, III = 3 }
        injured = { I = 10, II = 50 }
        """, 4, "tables[0].injured.II: 50 is above the bound for I (10); a less severe grade needs a lower bound"),
        ("grading.toml", """
        [[tables]]
        applies_to = "accident"
        otherwise = "V"
        """, 3, "tables[0].otherwise: \"V\" is not a grade (I, II, III, IV)"),
        ("lifecycle.toml", """
        [next]
        received = ["verifying"]
        verifying = ["received"]
        """, 3, "next.verifying: verifying → received goes back or stays; only forward moves here (going back is [reopen])"),
        ("lifecycle.toml", """
        [next]
        received = ["verifying", "done"]
        """, 2, "next.received: \"done\" is not a status (received, verifying, responding, contained, ended, final_reported, closed)"),
        ("taxonomy.toml", """
        [natural]
        zh = "自然灾害"
        en = "Natural disaster"
        types = [
          { id = "typhoon", zh = "台风", en = "Typhoon" },
          { id = "rainstorm", parent = "weather", zh = "暴雨", en = "Rainstorm" },
        ]
        """, 6, "natural.types[1].parent: \"weather\" is not a type listed above this one"),
        ("warnings.toml", """
        levels = [
          { level = 1, color = "red", zh = "红色", zh_level = "一级", en = "Red", cap_severity = "Extreme" },
          { level = 2, color = "purple", zh = "紫色", zh_level = "二级", en = "Purple", cap_severity = "Severe" },
        ]
        """, 3, "levels[1].color: \"purple\" is not a warning colour (red, orange, yellow, blue)"),
        ("resources.toml", RuleBook.builtinTexts["resources.toml"]!.replacingOccurrences(of: "relief_within = \"12h\"", with: "relief_within = \"half a day\""),
         5, "relief_within: \"half a day\" is not a duration like 30m or 6h"),
    ])
    func located(file: String, text: String, line: Int, message: String) {
        let p = problem([file: text])
        #expect(p == RuleProblem(file: file, line: line, message: message))
    }

    @Test("a missing table names the file")
    func missing() {
        let p = problem(["reporting.toml": "final_within = \"24h\"\n"])
        #expect(p?.description == "reporting.toml: missing key \"grades\"")
    }

    @Test("an unknown file name is refused")
    func unknownFile() {
        let p = problem(["report.toml": ""])
        #expect(p?.description == "report.toml: not a rule file (expected one of taxonomy.toml, grading.toml, reporting.toml, lifecycle.toml, warnings.toml, resources.toml, places.toml)")
    }

    @Test("grading.toml must name types that taxonomy.toml (possibly overridden too) knows")
    func crossFile() throws {
        let taxonomy = builtin("taxonomy.toml", replacing: "types = [\n  { id = \"mass_incident\"",
                               with: "types = [\n  { id = \"cyber\", zh = \"网络安全\", en = \"Cyber security\", keywords = [\"wlaq\"] },\n  { id = \"mass_incident\"")
        let grading = """
        [[tables]]
        applies_to = ["cyber"]
        loss_cny = { I = 100_000_000 }
        """
        #expect(problem(["grading.toml": grading]) == RuleProblem(file: "grading.toml", line: 2,
            message: "tables[0].applies_to: \"cyber\" is neither a category (natural, accident, health, social) nor a type id in taxonomy.toml"))
        let book = try RuleBook.load(overrides: ["taxonomy.toml": taxonomy, "grading.toml": grading]).get()
        #expect(book.taxonomy.type("cyber")?.category == .social)
        #expect(book.grading.suggest(category: .social, type: "cyber", casualties: .none, lossCNY: 100_000_000) == .I)
        #expect(book.grading.suggest(category: .social, type: "cyber", casualties: .none, lossCNY: 99_999_999) == nil)
        // The accident table is gone: the override replaced the whole file.
        #expect(book.grading.suggest(category: .accident, type: "fire", casualties: Casualties(deaths: 30), lossCNY: 0) == nil)
    }

    @Test("a station's reporting.toml changes the clocks")
    func reportingOverride() throws {
        let text = builtin("reporting.toml", replacing: "phone = \"60m\"\nwritten = \"6h\"", with: "phone = \"1h\"\nwritten = \"2h\"")
        let book = try RuleBook.load(overrides: ["reporting.toml": text]).get()
        #expect(book.reporting.clock(for: .IV).written == 7_200)
        #expect(book.reporting.clock(for: .III) == RuleBook.standard.reporting.clock(for: .III))
        #expect(book.taxonomy == RuleBook.standard.taxonomy)
    }
}
