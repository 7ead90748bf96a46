import Foundation
import Testing
@testable import DutyModel

@Suite("Grade suggestion (grading.toml)")
struct GradeSuggestionTests {
    let grading = RuleBook.standard.grading

    private func accident(deaths: Int = 0, missing: Int = 0, injured: Int = 0, loss: Int64 = 0, type: String = "hazchem") -> Grade? {
        grading.suggest(category: .accident, type: type,
                        casualties: Casualties(deaths: deaths, missing: missing, injured: injured), lossCNY: loss)
    }

    @Test("deaths at every bound: 2/3, 9/10, 29/30", arguments: [
        (0, Grade.IV), (2, .IV), (3, .III), (9, .III), (10, .II), (29, .II), (30, .I), (31, .I),
    ])
    func deathBounds(deaths: Int, expected: Grade) {
        #expect(accident(deaths: deaths) == expected)
    }

    @Test("missing people count with the dead", arguments: [
        (2, 1, Grade.III), (0, 3, .III), (9, 1, .II), (2, 0, .IV), (20, 10, .I), (1, 1, .IV), (5, 4, .III), (29, 0, .II),
    ])
    func deathsPlusMissing(deaths: Int, missing: Int, expected: Grade) {
        #expect(accident(deaths: deaths, missing: missing) == expected)
    }

    @Test("serious injuries at every bound: 9/10, 49/50, 99/100", arguments: [
        (9, Grade.IV), (10, .III), (49, .III), (50, .II), (99, .II), (100, .I),
    ])
    func injuryBounds(injured: Int, expected: Grade) {
        #expect(accident(injured: injured) == expected)
    }

    @Test("direct loss at exactly ¥10, 50, 100 million and one yuan below each", arguments: [
        (Int64(9_999_999), Grade.IV), (10_000_000, .III), (49_999_999, .III), (50_000_000, .II),
        (99_999_999, .II), (100_000_000, .I), (0, .IV),
    ])
    func lossBounds(loss: Int64, expected: Grade) {
        #expect(accident(loss: loss) == expected)
    }

    @Test("the highest grade reached by any column wins")
    func highestColumnWins() {
        #expect(accident(deaths: 3, injured: 50) == .II)
        #expect(accident(deaths: 30, injured: 9) == .I)
        #expect(accident(deaths: 0, injured: 0, loss: 100_000_000) == .I)
        #expect(accident(deaths: 2, injured: 10, loss: 9_999_999) == .III)
        #expect(accident(deaths: 10, injured: 99, loss: 50_000_000) == .II)
        let why = grading.suggestion(category: .accident, type: "fire",
                                     casualties: Casualties(deaths: 3, injured: 50), lossCNY: 0)
        #expect(why?.grade == .II)
        #expect(why?.column == .injured)
        #expect(why?.value == 50)
        #expect(why?.bound == 50)
        #expect(why?.description == "II (injured 50 ≥ 50)")
    }

    @Test("sub-types of accidents fall back to the accident table")
    func subTypesUseCategory() {
        #expect(accident(deaths: 3, type: "hazchem_storage") == .III)
        #expect(accident(deaths: 3, type: "not_in_taxonomy") == .III)
        #expect(grading.suggestion(category: .accident, type: "fire", casualties: .none, lossCNY: 0)?.description == "IV (below every bound)")
    }

    @Test("natural disasters by the national relief plan (nothing below its bounds); no suggestion for health and social safety by default")
    func nilWithoutTable() {
        let many = Casualties(deaths: 100, missing: 10, injured: 500, trapped: 50, evacuated: 100_000)
        #expect(grading.suggest(category: .natural, type: "typhoon", casualties: many, lossCNY: 1_000_000_000) == .II)
        #expect(grading.suggest(category: .natural, type: "typhoon", casualties: Casualties(deaths: 19), lossCNY: 1_000_000_000) == nil,
                "the plan has no loss column")
        #expect(grading.suggest(category: .natural, type: "meteorological", casualties: .none, lossCNY: 0) == nil)
        #expect(grading.suggest(category: .health, type: "epidemic", casualties: many, lossCNY: 0) == nil)
        #expect(grading.suggest(category: .social, type: "mass_incident", casualties: many, lossCNY: 0) == nil)
    }

    static let stationGrading = """
    # a station's own grading.toml
    [[tables]]
    applies_to = "accident"
    deaths = { I = 30, II = 10, III = 3 }
    injured = { I = 100, II = 50, III = 10 }
    loss_cny = { I = 100_000_000, II = 50_000_000, III = 10_000_000 }
    otherwise = "IV"

    [[tables]]
    applies_to = ["natural"]
    source = "市自然灾害救助应急预案"
    deaths = { I = 30, II = 10, III = 3, IV = 1 }
    evacuated = { I = 100_000, II = 10_000, III = 1_000, IV = 100 }

    [[tables]]
    applies_to = ["meteorological"]
    source = "气象灾害应急预案"
    trapped = { I = 100, II = 30, III = 10, IV = 1 }

    [[tables]]
    applies_to = ["typhoon"]
    evacuated = { I = 50_000, II = 5_000, III = 500 }
    otherwise = "IV"
    """

    @Test("a station override adds tables for natural disasters")
    func stationOverride() throws {
        let book = try RuleBook.load(overrides: ["grading.toml": Self.stationGrading]).get()
        let g = book.grading
        func natural(_ type: String, _ c: Casualties) -> Grade? {
            g.suggest(category: .natural, type: type, casualties: c, lossCNY: 0)
        }
        // Category table: no `otherwise`, so nothing below every IV bound.
        #expect(natural("earthquake", Casualties(evacuated: 99)) == nil)
        #expect(natural("earthquake", Casualties(evacuated: 100)) == .IV)
        #expect(natural("earthquake", Casualties(evacuated: 999)) == .IV)
        #expect(natural("earthquake", Casualties(evacuated: 1_000)) == .III)
        #expect(natural("landslide", Casualties(deaths: 9, missing: 1)) == .II)
        #expect(natural("landslide", Casualties(deaths: 0, evacuated: 100_000)) == .I)
        // A parent's table applies to its children (rainstorm → meteorological).
        #expect(natural("rainstorm", Casualties(trapped: 30)) == .II)
        #expect(natural("rainstorm", Casualties(deaths: 50)) == nil)
        // The most specific table wins (typhoon over meteorological and natural).
        #expect(natural("typhoon", Casualties(evacuated: 5_000)) == .II)
        #expect(natural("typhoon", Casualties(trapped: 100)) == .IV)
        // Accidents unchanged.
        #expect(g.suggest(category: .accident, type: "mine", casualties: Casualties(deaths: 3), lossCNY: 0) == .III)
        #expect(g.suggest(category: .health, type: "epidemic", casualties: Casualties(deaths: 3), lossCNY: 0) == nil)
    }
}
