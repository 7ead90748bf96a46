import DutyModel
import Foundation
import Testing

/// Numbers an intake accepts: people are counted up to ten million, money in
/// yuan far beyond the 1亿 of a grade-I loss.
@Suite struct IntakeLimitsTests {
    func parse(_ json: String) -> Result<Intake, IntakeErrors> {
        let parser = IntakeParser(now: DutyTime.parseISO8601("2026-11-23T14:05:00+08:00")!, timeZone: DutyTime.defaultTimeZone,
                                  isKnownType: { _, _ in true }, typesOf: { _ in [] }, sanitize: { $0 })
        return parser.parse(Data(json.utf8))
    }

    let base = #""location": {"county": "泰兴市"}, "category": "accident", "type": "hazchem", "description": "储罐爆炸""#

    @Test func aGradeOneLossIsAccepted() throws {
        let intake = try parse("{\(base), \"loss_cny\": 150000000}").get()
        #expect(intake.lossCNY == 150_000_000)
        #expect(RuleBook.standard.grading.suggest(category: .accident, type: "hazchem", casualties: .none, lossCNY: intake.lossCNY) == .I)
    }

    @Test func absurdNumbersAreNamed() {
        guard case .failure(let problems) = parse("{\(base), \"loss_cny\": 5000000000000, \"casualties\": {\"deaths\": 20000000}}") else {
            Issue.record("absurd numbers were accepted")
            return
        }
        let text = problems.errors.map(\.description).joined(separator: "\n")
        #expect(text.contains("loss_cny") && text.contains("more than 1000000000000"))
        #expect(text.contains("casualties.deaths") && text.contains("more than 10000000"))
    }
}
