import Foundation
import SwiftProtobuf
import ConsoleTestSupport
import Testing
@testable import DutyModel


/// Generates plausible events of every kind, touching a small pool of
/// entities from several stations so that writes collide.
struct EventGenerator {
    var rng: SplitMix64
    let stations = ["aaaaaaaaaaaaaaaa", "bbbbbbbbbbbbbbbb", "cccccccccccccccc"]
    var sequences: [String: UInt64] = [:]
    var clock: [String: HLCTimestamp] = [:]
    let base = Date(timeIntervalSince1970: 1_795_400_000)

    init(seed: UInt64) { rng = SplitMix64(seed: seed) }

    mutating func pick<T>(_ items: [T]) -> T { items[Int.random(in: 0..<items.count, using: &rng)] }
    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &rng) }
    mutating func seen() -> [Zhiban_Events_V1_Seen] {
        (0..<int(0...2)).map { _ in
            var s = Zhiban_Events_V1_Seen()
            s.station = pick(stations)
            s.seq = UInt64(int(0...20))
            return s
        }
    }
    mutating func place() -> Zhiban_Events_V1_Place {
        var p = Zhiban_Events_V1_Place()
        p.county = pick(["姜堰区", "兴化市", "靖江市", "泰兴市"])
        p.town = pick(["张甸镇", "戴南镇", "", "滨江镇"])
        p.detail = pick(["", "长江大堤", "化工园区"])
        if int(0...1) == 1 { p.hasCoordinates_p = true; p.lat = 32.5; p.lon = 120.1 }
        return p
    }
    mutating func fields() -> Zhiban_Events_V1_IncidentFields {
        var f = Zhiban_Events_V1_IncidentFields()
        if int(0...1) == 1 { f.description_p = pick(["危化品槽罐车侧翻", "城市内涝", "厂房火灾"]) }
        if int(0...1) == 1 {
            var c = Zhiban_Events_V1_CasualtyCounts()
            c.deaths = Int64(int(0...12)); c.injured = Int64(int(0...60))
            f.casualties = c
        }
        if int(0...1) == 1 { f.place = place() }
        if int(0...2) == 0 { f.category = pick(["accident", "natural"]); f.type = pick(["hazchem", "fire", "waterlogging"]) }
        if int(0...2) == 0 { f.lossCny = Int64(int(0...200)) * 1_000_000 }
        if int(0...2) == 0 { f.receivedAtMs = Int64(base.timeIntervalSince1970 * 1000) + Int64(int(0...99)) * 60_000 }
        return f
    }

    /// One message of the given type with random content.
    mutating func message(_ type: EventType) -> any SwiftProtobuf.Message {
        let incident = pick(["TZ-20261123-001", "TZ-20261123-002", "JJ-20261123-001"])
        switch type {
        case .stationConfigured:
            var m = Zhiban_Events_V1_StationConfigured(); m.name = pick(["泰州市应急管理局", "靖江市应急管理局"]); m.code = "TZ"; m.seen = seen(); return m
        case .modeChanged:
            var m = Zhiban_Events_V1_ModeChanged(); m.mode = pick([.peacetime, .emergency]); m.seen = seen(); return m
        case .contactRecorded:
            var m = Zhiban_Events_V1_ContactRecorded(); m.contactID = pick(["c1", "c2"]); m.name = pick(["王芳", "李强", "陈静"])
            var ch = Zhiban_Events_V1_Channel(); ch.kind = pick([.mobile, .radio, .satellite]); ch.value = "\(int(100...999))"
            m.channels = [ch]; m.seen = seen(); return m
        case .shiftPatternSet:
            var m = Zhiban_Events_V1_ShiftPatternSet(); m.changeTimes = pick([["08:30"], ["08:30", "17:30"]]); m.seen = seen(); return m
        case .rosterAssigned:
            var m = Zhiban_Events_V1_RosterAssigned(); m.date = pick(["2026-11-23", "2026-11-24"]); m.shiftIndex = 0
            var o = Zhiban_Events_V1_Officer(); o.name = pick(["王芳", "李强"]); m.officers = [o]; m.seen = seen(); return m
        case .shiftCheckedIn:
            var m = Zhiban_Events_V1_ShiftCheckedIn(); m.date = "2026-11-23"; m.present = ["王芳"]; m.operatorName = "王芳"; return m
        case .incidentReceived:
            var m = Zhiban_Events_V1_IncidentReceived(); m.incidentID = incident; m.fields = fields(); return m
        case .incidentUpdated:
            var m = Zhiban_Events_V1_IncidentUpdated(); m.incidentID = incident; m.fields = fields(); m.seen = seen()
            if int(0...2) == 0 { m.note = "续报更新" }
            return m
        case .incidentGraded:
            var m = Zhiban_Events_V1_IncidentGraded(); m.incidentID = incident; m.grade = pick(["I", "II", "III", "IV", ""])
            m.reason = "核实"; m.seen = seen(); return m
        case .incidentStatusChanged:
            var m = Zhiban_Events_V1_IncidentStatusChanged(); m.incidentID = incident
            m.status = pick(IncidentStatus.allCases).rawValue; m.epoch = UInt32(int(0...1)); return m
        case .incidentReopened:
            var m = Zhiban_Events_V1_IncidentReopened(); m.incidentID = incident; m.epoch = UInt32(int(1...2)); m.reason = "复燃"; return m
        case .reportRecorded:
            var m = Zhiban_Events_V1_ReportRecorded(); m.incidentID = incident; m.kind = pick(["initial", "follow_up", "final"])
            m.number = Int32(int(1...3)); m.channel = pick(["phone", "written"]); m.atMs = Int64(int(0...1000)) * 1000; return m
        case .incidentNoted:
            var m = Zhiban_Events_V1_IncidentNoted(); m.incidentID = incident; m.text = "现场来电"; return m
        case .logEntryAdded:
            var m = Zhiban_Events_V1_LogEntryAdded(); m.kind = pick([.note, .callIn, .callOut, .instruction]); m.text = "来电 \(int(1...99))"; return m
        case .instructionGiven:
            var m = Zhiban_Events_V1_InstructionGiven(); m.instructionID = pick(["i1", "i2"]); m.text = "加强巡查"; m.from = "局长"; return m
        case .instructionDone:
            var m = Zhiban_Events_V1_InstructionDone(); m.instructionID = pick(["i1", "i2"]); m.note = "已落实"; return m
        case .warningReceived:
            var m = Zhiban_Events_V1_WarningReceived(); m.warningKey = pick(["w1", "w2"]); m.type = pick(["暴雨", "大风"])
            m.level = Int32(int(1...4)); m.msgType = "alert"; m.status = "actual"; return m
        case .warningAcknowledged:
            var m = Zhiban_Events_V1_WarningAcknowledged(); m.warningKey = pick(["w1", "w2"]); return m
        case .warningDisseminated:
            var m = Zhiban_Events_V1_WarningDisseminated(); m.warningKey = "w1"; m.channel = pick(["短信", "应急广播"])
            m.target = pick(["张甸镇", "戴南镇"]); m.confirmed = int(0...1) == 1; return m
        case .teamRecorded:
            var m = Zhiban_Events_V1_TeamRecorded(); m.teamID = pick(["t1", "t2"]); m.name = "泰兴危化救援队"; m.headcount = Int32(int(10...60))
            m.base = place(); m.seen = seen(); return m
        case .teamStatusChanged:
            var m = Zhiban_Events_V1_TeamStatusChanged(); m.teamID = pick(["t1", "t2"])
            m.status = pick(["standby", "dispatched", "on_scene", "returning"]); m.incidentID = pick(["", incident]); m.seen = seen(); return m
        case .teamDispatched:
            var m = Zhiban_Events_V1_TeamDispatched(); m.dispatchID = "d\(int(1...5))"; m.teamID = "t1"; m.incidentID = incident; return m
        case .depotRecorded:
            var m = Zhiban_Events_V1_DepotRecorded(); m.depotID = pick(["p1", "p2"]); m.name = "市物资储备中心"; m.seen = seen(); return m
        case .stockChanged:
            var m = Zhiban_Events_V1_StockChanged(); m.depotID = pick(["p1", "p2"]); m.item = pick(["帐篷", "棉被", "编织袋"])
            m.delta = Int64(int(-50...100)); if int(0...1) == 1 { m.shelterID = "s1" } else { m.incidentID = incident }; return m
        case .stockItemRecorded:
            var m = Zhiban_Events_V1_StockItemRecorded(); m.depotID = pick(["p1", "p2"]); m.item = pick(["tent", "quilt"])
            m.minimum = Int64(int(0...200)); m.rotationDue = pick(["", "2027-06-30"]); m.seen = seen(); return m
        case .shelterRecorded:
            var m = Zhiban_Events_V1_ShelterRecorded(); m.shelterID = "s1"; m.name = "葛仙湖公园"; m.capacity = Int64(int(100...5000)); m.seen = seen(); return m
        case .shelterStatusChanged:
            var m = Zhiban_Events_V1_ShelterStatusChanged(); m.shelterID = "s1"; m.status = pick(["open", "running", "closed"])
            m.occupancy = Int64(int(0...900)); m.seen = seen(); return m
        case .mapFeatureRecorded:
            var m = Zhiban_Events_V1_MapFeatureRecorded(); m.featureID = pick(["f1", "f2"]); m.layer = "hazard_source"
            m.grade = Int32(int(1...4)); m.seen = seen(); return m
        case .handoverDrafted:
            var m = Zhiban_Events_V1_HandoverDrafted(); m.handoverID = "2026-11-23#0"; m.text = "交接 \(int(1...9))"; m.seen = seen(); return m
        case .handoverSigned:
            var m = Zhiban_Events_V1_HandoverSigned(); m.handoverID = "2026-11-23#0"; m.role = pick(["outgoing", "incoming"]); m.name = pick(["王芳", "李强"])
            m.remarks = pick(["", "已清点"]); return m
        case .logEntryMarked:
            var m = Zhiban_Events_V1_LogEntryMarked(); m.entryKey = pick(["a/1", "b/2"]); m.marked = pick([true, false]); m.seen = seen(); return m
        }
    }

    /// An event from a random station, with its next sequence number and a
    /// clock time that moves on (sometimes equal across stations, to test tie-breaks).
    mutating func event(_ type: EventType? = nil) -> StoredEvent {
        let station = pick(stations)
        let seq = (sequences[station] ?? 0) + 1
        sequences[station] = seq
        let now = base.addingTimeInterval(Double(int(0...600)))
        let time = HybridLogicalClock.tick(last: clock[station] ?? .zero, now: now)
        clock[station] = time
        let kind = type ?? pick(EventType.allCases)
        let payload = try! EventCodec.encode(message(kind))
        return StoredEvent(id: EventID(station: station, seq: seq), time: time, operatorName: pick(["王芳", "李强"]),
                           type: kind.rawValue, payloadVersion: kind.payloadVersion, payload: payload)
    }

    /// Every kind at least once, then random ones.
    mutating func events(_ count: Int) -> [StoredEvent] {
        var all = EventType.allCases.map { event($0) }
        while all.count < count { all.append(event()) }
        return all
    }
}

/// Where two states first differ, as canonical JSON (readable, unlike a full dump).
func difference(_ a: DutyState, _ b: DutyState) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    let x = Array(String(decoding: try! encoder.encode(a), as: UTF8.self))
    let y = Array(String(decoding: try! encoder.encode(b), as: UTF8.self))
    guard let i = zip(x, y).enumerated().first(where: { $0.element.0 != $0.element.1 })?.offset else {
        return x.count == y.count ? "equal as JSON" : "one is a prefix of the other"
    }
    let from = max(0, i - 300)
    return "first difference at \(i):\n  \(String(x[from..<min(x.count, i + 120)]))\n  \(String(y[from..<min(y.count, i + 120)]))"
}

func fold(_ events: [StoredEvent]) -> DutyState {
    var state = DutyState()
    for e in events { state.apply(e) }
    return state
}

@Suite struct FoldPropertyTests {
    @Test(arguments: 0..<12)
    func anyOrderAndDuplicationGiveTheSameState(seed: Int) {
        var generator = EventGenerator(seed: UInt64(seed))
        let events = generator.events(120)
        let reference = fold(events)
        #expect(reference.eventCount == events.count)
        var rng = SplitMix64(seed: UInt64(seed) &* 7919)
        for _ in 0..<5 {
            var mixed = events + events.filter { _ in Bool.random(using: &rng) }
            mixed.shuffle(using: &rng)
            let state = fold(mixed)
            #expect(state == reference && state.digest == reference.digest,
                    "seed \(seed): shuffled and duplicated events gave another state: \(difference(state, reference))")
            #expect(state.eventCount == events.count)
        }
    }

    /// Stations each hold part of the events, fold what they hold, then learn
    /// the rest in different orders: all end where a single fold of all ends.
    @Test(arguments: 0..<8)
    func splitBetweenStationsConverges(seed: Int) {
        var generator = EventGenerator(seed: UInt64(seed) + 1000)
        let events = generator.events(90)
        let reference = fold(events)
        var rng = SplitMix64(seed: UInt64(seed) &+ 17)
        var holders = [DutyState(), DutyState(), DutyState()]
        var held: [[StoredEvent]] = [[], [], []]
        for e in events { held[Int.random(in: 0..<3, using: &rng)].append(e) }
        for i in 0..<3 { for e in held[i] { holders[i].apply(e) } }
        for i in 0..<3 {
            var rest = events
            rest.shuffle(using: &rng)
            for e in rest { holders[i].apply(e) }
            #expect(holders[i] == reference && holders[i].digest == reference.digest,
                    "seed \(seed), holder \(i): \(difference(holders[i], reference))")
        }
    }

    @Test func everyEventKindChangesTheState() {
        var generator = EventGenerator(seed: 42)
        for type in EventType.allCases {
            let state = fold([generator.event(type)])
            #expect(state != DutyState(), "\(type.rawValue) folded to nothing")
            #expect(state.undecodable.isEmpty && state.unknownEvents.isEmpty, "\(type.rawValue)")
        }
    }

    @Test func digestDiffersWhenTheEventsDiffer() {
        var generator = EventGenerator(seed: 7)
        let events = generator.events(40)
        #expect(fold(events).digest != fold(Array(events.dropLast())).digest)
    }

    @Test func unknownAndUndecodableEventsAreKeptNotLost() {
        let unknown = StoredEvent(id: EventID(station: "aaaaaaaaaaaaaaaa", seq: 1), time: HLCTimestamp(milliseconds: 1, logical: 0),
                                  operatorName: "", type: "future.thing", payloadVersion: 1, payload: [1, 2])
        let garbage = StoredEvent(id: EventID(station: "aaaaaaaaaaaaaaaa", seq: 2), time: HLCTimestamp(milliseconds: 2, logical: 0),
                                  operatorName: "", type: "incident.received", payloadVersion: 1, payload: [0xFF, 0xFF, 0xFF])
        let state = fold([unknown, garbage, unknown])
        #expect(state.eventCount == 2)
        #expect(state.unknownEvents == ["aaaaaaaaaaaaaaaa/1": "future.thing"])
        #expect(state.undecodable == ["aaaaaaaaaaaaaaaa/2": "incident.received"])
    }
}
