import Foundation
import Testing
@testable import DutyModel

@Suite("Incident lifecycle (lifecycle.toml)")
struct LifecycleTransitionTests {
    let lifecycle = RuleBook.standard.lifecycle

    /// The table of allowed forward moves, written out independently of the file.
    static let expected: [IncidentStatus: Set<IncidentStatus>] = [
        .received: [.verifying, .responding, .closed],
        .verifying: [.responding, .ended, .closed],
        .responding: [.contained, .ended],
        .contained: [.ended],
        .ended: [.finalReported],
        .finalReported: [.closed],
        .closed: [],
    ]

    @Test("every pair of statuses: allowed exactly when the table says so")
    func everyPair() {
        var allowedCount = 0
        for from in IncidentStatus.allCases {
            for to in IncidentStatus.allCases {
                let shouldAllow = Self.expected[from]!.contains(to)
                switch lifecycle.check(from: from, to: to) {
                case .success:
                    #expect(shouldAllow, "\(from.rawValue) → \(to.rawValue) was allowed")
                    allowedCount += 1
                case .failure(let error):
                    #expect(!shouldAllow, "\(from.rawValue) → \(to.rawValue) was refused: \(error)")
                    #expect(error.from == from && error.to == to)
                    #expect(error.allowedNext == lifecycle.allowedNext(from: from))
                }
            }
        }
        #expect(allowedCount == 11)
        #expect(IncidentStatus.allCases.count == 7)
    }

    @Test("reopen from ended, final_reported and closed only, back to responding")
    func reopen() {
        for from in IncidentStatus.allCases {
            switch lifecycle.checkReopen(from: from) {
            case .success(let to):
                #expect([IncidentStatus.ended, .finalReported, .closed].contains(from), "\(from) reopened")
                #expect(to == .responding)
            case .failure(let error):
                #expect(![IncidentStatus.ended, .finalReported, .closed].contains(from), "\(from) not reopened")
                #expect(error.description == "cannot reopen from \(from.rawValue): only ended, final_reported or closed can be reopened")
            }
        }
        if case .failure(let e) = lifecycle.checkReopen(from: .verifying) {
            #expect(e.chinese == "不能从“核实”重新启动处置：只有“应急结束”、“已终报”、“已关闭”状态的事件可以重新启动")
        } else {
            Issue.record("verifying reopened")
        }
    }

    private func error(_ from: IncidentStatus, _ to: IncidentStatus) -> LifecycleError? {
        if case .failure(let e) = lifecycle.check(from: from, to: to) { return e }
        return nil
    }

    @Test("messages name both statuses, the reason and where to go instead, in English and Chinese")
    func messages() {
        let notEnded = error(.received, .finalReported)
        #expect(notEnded?.description == "cannot go from received to final_reported: the emergency has not ended (allowed next: verifying, responding, closed)")
        #expect(notEnded?.chinese == "不能从“接报”转为“已终报”：应急尚未结束（可转为：核实、处置中、已关闭）")
        #expect(notEnded?.reason == .notEnded)

        let noFinal = error(.ended, .closed)
        #expect(noFinal?.description == "cannot go from ended to closed: the final report has not been filed (allowed next: final_reported)")
        #expect(noFinal?.chinese == "不能从“应急结束”转为“已关闭”：尚未提交终报（可转为：已终报）")

        #expect(error(.received, .ended)?.reason == .notVerified)
        #expect(error(.received, .contained)?.description == "cannot go from received to contained: the report has not been verified (allowed next: verifying, responding, closed)")
        #expect(error(.verifying, .contained)?.reason == .noResponse)
        #expect(error(.verifying, .contained)?.chinese == "不能从“核实”转为“已控制”：尚未启动处置（可转为：处置中、应急结束、已关闭）")
        #expect(error(.responding, .closed)?.reason == .notEnded)

        let back = error(.ended, .responding)
        #expect(back?.reason == .backwards(reopenPossible: true))
        #expect(back?.description == "cannot go from ended to responding: an incident does not go back; reopen it instead (allowed next: final_reported)")
        #expect(back?.chinese == "不能从“应急结束”退回“处置中”：状态不能回退，请使用“重新启动处置”（可转为：已终报）")
        #expect(error(.contained, .responding)?.reason == .backwards(reopenPossible: false))

        let same = error(.responding, .responding)
        #expect(same?.description == "cannot go from responding to responding: it is already responding (allowed next: contained, ended)")
        #expect(same?.chinese == "不能从“处置中”转为“处置中”：事件已处于该状态（可转为：已控制、应急结束）")

        let closed = error(.closed, .received)
        #expect(closed?.description == "cannot go from closed to received: an incident does not go back (no next status; reopen to go on)")
    }

    @Test("a station's lifecycle.toml changes the allowed moves")
    func override() throws {
        var text = RuleBook.builtinTexts["lifecycle.toml"]!
        text = text.replacingOccurrences(of: #"received = ["verifying", "responding", "closed"]"#, with: #"received = ["verifying"]"#)
        let book = try RuleBook.load(overrides: ["lifecycle.toml": text]).get()
        #expect(book.lifecycle.allowedNext(from: .received) == [.verifying])
        guard case .failure(let e) = book.lifecycle.check(from: .received, to: .responding) else {
            Issue.record("received → responding allowed")
            return
        }
        #expect(e.reason == .notVerified)
        #expect(e.description == "cannot go from received to responding: the report has not been verified (allowed next: verifying)")
    }
}
