import Foundation
import Testing
@testable import DutyModel

/// Issue #22, warnings: a colour its type lacks is flagged; haze has red;
/// Jiangsu's 雷暴 and 雷暴大风; earthquake warnings state an intensity; the
/// acknowledgement clocks of red and orange warnings at and around their
/// bounds; coverage by population.
@Suite struct WarningRuleTests {
    static let rules = RuleBook.standard
    static let received = DutyTime.parseISO8601("2026-11-23T14:00:00+08:00")!

    static func info(_ type: String, _ color: WarningColor?, id: String = "W1", status: WarningStatus = .actual,
                     msgType: WarningMessageType = .alert, towns: [String] = ["沙沟镇", "千垛镇"],
                     headline: String = "预警", description: String = "") -> WarningInfo {
        WarningInfo(identifier: id, sender: "qxt", sent: "2026-11-23T14:00:00+08:00", sentAt: received, msgType: msgType,
                    status: status, issuer: "meteorological", type: type, color: color, areas: ["兴化市"], towns: towns,
                    expires: received.addingTimeInterval(6 * 3600), headline: headline, description: description, source: .cap)
    }

    // MARK: - Colours a type lacks

    @Test("冰雹蓝色, 高温蓝色, 霜冻红色 are flagged; a colour the type has is not",
          arguments: [("hail", WarningColor.blue, true), ("hail", .orange, false), ("hail", .red, false),
                      ("heat", .blue, true), ("heat", .yellow, false),
                      ("frost", .red, true), ("frost", .orange, false), ("frost", .blue, false),
                      ("drought", .yellow, true), ("drought", .orange, false),
                      ("haze", .red, false), ("haze", .blue, true)])
    func colourNotListed(type: String, colour: WarningColor, flagged: Bool) {
        let t = Self.rules.warnings.colourNotListed(Self.info(type, colour))
        #expect((t != nil) == flagged)
        if flagged { #expect(t?.id == type) }
    }

    @Test func unknownTypesUnknownColoursAndEarthquakesAreNotFlagged() {
        let w = Self.rules.warnings
        #expect(w.colourNotListed(Self.info("某地方信号", .blue)) == nil)
        #expect(w.colourNotListed(Self.info("hail", nil)) == nil)
        for c in WarningColor.allCases { #expect(w.colourNotListed(Self.info("earthquake", c)) == nil) }
        #expect(w.statesIntensity(Self.info("earthquake", .red)))
        #expect(!w.statesIntensity(Self.info("rainstorm", .red)))
    }

    @Test func jiangsuThunderstormSignalsAreTheirOwnTypes() {
        let w = Self.rules.warnings
        #expect(w.type(named: "雷暴大风")?.id == "thunderstorm_gale")
        #expect(w.type(named: "雷暴大风黄色预警".replacingOccurrences(of: "黄色", with: ""))?.id == "thunderstorm_gale")
        #expect(w.type(named: "雷暴")?.id == "thunderstorm")
        #expect(w.type(named: "Thunderstorm gale")?.zh == "雷暴大风")
        #expect(w.types.first { $0.keywords.contains("lbdf") }?.id == "thunderstorm_gale")
        #expect(w.type(named: "大风")?.id == "gale")
    }

    // MARK: - Earthquake intensity

    @Test("the intensity a text states", arguments: [
        ("预估烈度6度", 6), ("预估烈度Ⅵ度", 6), ("烈度：Ⅷ", 8), ("本地烈度为7度", 7), ("烈度可达 9 度", 9),
        ("expected intensity VI at Taizhou", 6), ("Intensity 12", 12), ("intensity: xii", 12), ("烈度Ⅻ度", 12), ("烈度1度", 1),
    ])
    func statedIntensity(text: String, expected: Int) {
        #expect(WarningIntensity.stated(in: [text]) == expected)
    }

    @Test("no intensity, or one outside Ⅰ–Ⅻ", arguments: ["地震预警", "烈度13度", "烈度0度", "intensity in the city", "烈度未知", ""])
    func noIntensity(text: String) {
        #expect(WarningIntensity.stated(in: [text]) == nil)
    }

    @Test func theHighestOfSeveralIntensitiesIsTaken() {
        #expect(WarningIntensity.stated(in: ["兴化烈度5度", "靖江预估烈度7度"]) == 7)
        #expect(WarningIntensity.roman(6) == "Ⅵ" && WarningIntensity.romanLetters(9) == "IX" && WarningIntensity.roman(13) == nil)
    }

    // MARK: - Rule files

    @Test("bad acknowledgement clocks, scales and populations name the line", arguments: [
        ("warnings.toml", "{ color = \"red\", acknowledge_minutes = 10, forward_minutes = 30 }",
         "{ color = \"purple\", acknowledge_minutes = 10, forward_minutes = 30 }", "acknowledgement_clocks[0].color: \"purple\" is not a warning colour (red, orange, yellow, blue)"),
        ("warnings.toml", "{ color = \"red\", acknowledge_minutes = 10, forward_minutes = 30 }",
         "{ color = \"red\", acknowledge_minutes = 0, forward_minutes = 30 }", "acknowledgement_clocks[0].acknowledge_minutes: 0 is not a number of minutes from 1 to 1440 (a day)"),
        ("warnings.toml", "{ color = \"red\", acknowledge_minutes = 10, forward_minutes = 30 }",
         "{ color = \"red\", acknowledge_minutes = 10, forward_minutes = 1441 }", "acknowledgement_clocks[0].forward_minutes: 1441 is not a number of minutes from 1 to 1440 (a day)"),
        ("warnings.toml", "{ color = \"orange\", acknowledge_minutes = 10, forward_minutes = 30 }",
         "{ color = \"red\", acknowledge_minutes = 10, forward_minutes = 30 }", "acknowledgement_clocks[1].color: red is listed twice"),
        ("warnings.toml", "scale = \"intensity\"", "scale = \"richter\"", "types[21].scale: \"richter\" is not a scale (\"colour\" or \"intensity\")"),
        ("places.toml", "\"野徐镇\" = 34000", "\"野徐村\" = 34000", "county[6].population.野徐村: \"野徐村\" is not one of this county's towns; add it to towns first"),
        ("places.toml", "\"野徐镇\" = 34000", "\"野徐镇\" = 0", "county[6].population.野徐镇: 0 is not a population: give the number of residents, above zero"),
    ])
    func badRules(file: String, old: String, new: String, message: String) throws {
        let text = RuleBook.builtinTexts[file]!
        #expect(text.contains(old))
        guard case .failure(let p) = RuleBook.load(overrides: [file: text.replacingOccurrences(of: old, with: new)]) else {
            Issue.record("\(new) was accepted")
            return
        }
        #expect(p.message == message)
        #expect(p.line != nil)
    }

    @Test func theClocksAreRedAndOrangeOnly() {
        let w = Self.rules.warnings
        #expect(w.acknowledgementClock(.red)?.acknowledgeWithin == 600 && w.acknowledgementClock(.red)?.forwardWithin == 1800)
        #expect(w.acknowledgementClock(.orange)?.acknowledgeWithin == 600 && w.acknowledgementClock(.orange)?.forwardWithin == 1800)
        #expect(w.acknowledgementClock(.yellow) == nil && w.acknowledgementClock(.blue) == nil && w.acknowledgementClock(nil) == nil)
    }

    // MARK: - Acknowledgement clocks through the fold

    static let station = "aaaaaaaaaaaaaaaa"

    static func event(_ draft: EventDraft, at date: Date, seq: UInt64, station: String = station, op: String = "罗燕") -> StoredEvent {
        StoredEvent(id: EventID(station: station, seq: seq),
                    time: HLCTimestamp(milliseconds: UInt64(date.timeIntervalSince1970 * 1000), logical: 0),
                    operatorName: op, type: draft.type.rawValue, payloadVersion: draft.type.payloadVersion, payload: draft.payload)
    }

    static func summary(_ events: [StoredEvent], now: Date) -> WarningSummary {
        var state = DutyState()
        for e in events { state.apply(e) }
        return state.warningSummaries(places: rules.places, now: now).first!
    }

    static func clock(_ kind: WarningClock.Kind, _ s: WarningSummary) -> WarningClock {
        s.clocks(rules.warnings).first { $0.kind == kind }!
    }

    @Test("acknowledged at 10:00 after receipt is on time, at 10:01 late", arguments: [(599.0, true), (600.0, true), (601.0, false)])
    func acknowledgementAtTheBound(after: Double, onTime: Bool) {
        let w = Self.info("rainstorm", .red)
        let s = Self.summary([Self.event(.warningReceived(w), at: Self.received, seq: 1),
                              Self.event(.warningAcknowledged(key: w.key), at: Self.received.addingTimeInterval(after), seq: 2)],
                             now: Self.received.addingTimeInterval(3600))
        let c = Self.clock(.acknowledge, s)
        #expect(c.due == Self.received.addingTimeInterval(600))
        switch c.standing(at: Self.received.addingTimeInterval(3600)) {
        case .met: #expect(onTime)
        case .metLate(_, let by): #expect(!onTime && by == after - 600)
        default: Issue.record("acknowledged, yet \(c.standing(at: Self.received.addingTimeInterval(3600)))")
        }
        #expect(c.wasMissed(at: Self.received.addingTimeInterval(3600)) == !onTime)
    }

    @Test("not acknowledged: due until 10:00, overdue after", arguments: [(0.0, false), (600.0, false), (601.0, true), (3000.0, true)])
    func outstandingAcknowledgement(now: Double, overdue: Bool) {
        let w = Self.info("gale", .orange)
        let at = Self.received.addingTimeInterval(now)
        let c = Self.clock(.acknowledge, Self.summary([Self.event(.warningReceived(w), at: Self.received, seq: 1)], now: at))
        #expect(c.isOverdue(at: at) == overdue)
        if case .due(let left) = c.standing(at: at) { #expect(!overdue && left == 600 - now) }
        if case .overdue(let by) = c.standing(at: at) { #expect(overdue && by == now - 600) }
    }

    @Test("forwarded: the first tick within 30 minutes", arguments: [(1800.0, true), (1801.0, false)])
    func forwardAtTheBound(after: Double, onTime: Bool) {
        let w = Self.info("rainstorm", .red)
        let tick = Self.received.addingTimeInterval(after)
        let s = Self.summary([Self.event(.warningReceived(w), at: Self.received, seq: 1),
                              Self.event(.warningDisseminated(key: w.key, channel: .sms, target: "沙沟镇", confirmed: true), at: tick, seq: 2),
                              // Taken back later, and another tick later still: the first tick stays the forwarding.
                              Self.event(.warningDisseminated(key: w.key, channel: .sms, target: "沙沟镇", confirmed: false),
                                         at: tick.addingTimeInterval(60), seq: 3),
                              Self.event(.warningDisseminated(key: w.key, channel: .tv, target: "千垛镇", confirmed: true),
                                         at: tick.addingTimeInterval(120), seq: 4)],
                             now: Self.received.addingTimeInterval(7200))
        let c = Self.clock(.forward, s)
        #expect(c.metAt == tick)
        #expect(c.wasMissed(at: Self.received.addingTimeInterval(7200)) == !onTime)
    }

    @Test func theFirstReceiptCountsWhenAPeerImportsTheSameMessageLater() {
        let w = Self.info("rainstorm", .red)
        let s = Self.summary([Self.event(.warningReceived(w), at: Self.received.addingTimeInterval(900), seq: 1, station: "bbbbbbbbbbbbbbbb"),
                              Self.event(.warningReceived(w), at: Self.received, seq: 1)],
                             now: Self.received.addingTimeInterval(1000))
        #expect(s.receivedAt == Self.received)
        #expect(Self.clock(.acknowledge, s).isOverdue(at: Self.received.addingTimeInterval(1000)))
    }

    @Test func yellowExerciseAndCancelledWarningsHaveNoClock() {
        for w in [Self.info("rainstorm", .yellow), Self.info("rainstorm", .red, status: .exercise)] {
            let s = Self.summary([Self.event(.warningReceived(w), at: Self.received, seq: 1)], now: Self.received)
            #expect(s.clocks(Self.rules.warnings).isEmpty)
        }
    }

    @Test func aWarningThatEndedUnacknowledgedMissedItsClock() {
        var w = Self.info("rainstorm", .red)
        w.expires = Self.received.addingTimeInterval(300)
        let later = Self.received.addingTimeInterval(3600)
        let s = Self.summary([Self.event(.warningReceived(w), at: Self.received, seq: 1)], now: later)
        #expect(s.phase == .expired)
        #expect(Self.clock(.acknowledge, s).standing(at: later) == .missed)
        #expect(!Self.clock(.acknowledge, s).isOverdue(at: later), "a past warning's clock is missed, not running")
    }

    @Test func anUpdateStartsItsOwnClockFromItsReceipt() {
        let first = Self.info("rainstorm", .orange)
        var update = Self.info("rainstorm", .red, id: "W2", msgType: .update)
        update.references = [first.key]
        let upgradeAt = Self.received.addingTimeInterval(3600)
        update.sentAt = upgradeAt
        let s = Self.summary([Self.event(.warningReceived(first), at: Self.received, seq: 1),
                              Self.event(.warningAcknowledged(key: first.key), at: Self.received.addingTimeInterval(60), seq: 2),
                              Self.event(.warningReceived(update), at: upgradeAt, seq: 3)],
                             now: upgradeAt.addingTimeInterval(120))
        let c = Self.clock(.acknowledge, s)
        #expect(c.due == upgradeAt.addingTimeInterval(600))
        #expect(c.metAt == nil, "the orange message's acknowledgement is not the red one's")
    }

    // MARK: - Coverage by population

    @Test func coverageByPopulationWeighsTheTownsReached() throws {
        let w = Self.info("rainstorm", .red)
        let places = Self.rules.places
        let sha = try #require(places.population(ofTown: "沙沟镇"))
        let qian = try #require(places.population(ofTown: "千垛镇"))
        let none = Self.summary([Self.event(.warningReceived(w), at: Self.received, seq: 1)], now: Self.received)
        #expect(none.populationCoverage(places).map { [$0.reached, $0.total, $0.unknown] } == [0, sha + qian, 0])
        let one = Self.summary([Self.event(.warningReceived(w), at: Self.received, seq: 1),
                                Self.event(.warningDisseminated(key: w.key, channel: .broadcast, target: "沙沟镇", confirmed: true),
                                           at: Self.received, seq: 2),
                                // A special place reached counts by towns only: it has no population of its own.
                                Self.event(.warningDisseminated(key: w.key, channel: .broadcast, target: "兴化市人民医院", confirmed: true),
                                           at: Self.received, seq: 3)],
                               now: Self.received)
        #expect(one.populationCoverage(places).map { [$0.reached, $0.total] } == [sha, sha + qian])
        #expect(one.coverage.reached == 2)
    }

    @Test func aTownWithoutAFigureIsCountedApart() throws {
        var places = Self.rules.places
        let i = try #require(places.counties.firstIndex { $0.name == "兴化市" })
        places.counties[i].population["千垛镇"] = nil
        let w = Self.info("rainstorm", .red)
        var state = DutyState()
        state.apply(Self.event(.warningReceived(w), at: Self.received, seq: 1))
        let s = state.warningSummaries(places: places, now: Self.received)[0]
        let p = try #require(s.populationCoverage(places))
        #expect(p.unknown == 1 && p.total == places.population(ofTown: "沙沟镇"))
        let nowhere = Self.info("rainstorm", .red, id: "W9", towns: [])
        var empty = DutyState()
        empty.apply(Self.event(.warningReceived(nowhere), at: Self.received, seq: 1))
        #expect(empty.warningSummaries(places: places, now: Self.received)[0].populationCoverage(places) == nil)
    }

    @Test func theBuiltInPopulationsAreNearTheCensusTotal() {
        let total = Self.rules.places.counties.reduce(0) { $0 + $1.population.values.reduce(0, +) }
        // 泰州市, 2020 census: about 4.51 million.
        #expect((4_300_000...4_700_000).contains(total))
        for county in Self.rules.places.counties { #expect(Set(county.population.keys) == Set(county.towns), "\(county.name)") }
    }
}
