import Foundation
import Testing
@testable import DutyModel

/// The fold's rules on hand-made events: who wins, what conflicts, how
/// lifecycles and quantities combine.
@Suite struct FoldBehaviourTests {
    static let a = "aaaaaaaaaaaaaaaa", b = "bbbbbbbbbbbbbbbb"

    func event(_ station: String, _ seq: UInt64, at ms: UInt64, _ message: some SwiftProtobufMessage) -> StoredEvent {
        let type = EventType.of(message)!
        return StoredEvent(id: EventID(station: station, seq: seq), time: HLCTimestamp(milliseconds: ms, logical: 0),
                           operatorName: "王芳", type: type.rawValue, payloadVersion: 1, payload: try! EventCodec.encode(message))
    }

    func describe(_ text: String, seen: [(String, UInt64)] = []) -> Zhiban_Events_V1_IncidentUpdated {
        var m = Zhiban_Events_V1_IncidentUpdated()
        m.incidentID = "TZ-20261123-001"
        m.fields.description_p = text
        m.seen = seen.map { var s = Zhiban_Events_V1_Seen(); s.station = $0.0; s.seq = $0.1; return s }
        return m
    }

    @Test func laterWriteThatSawTheEarlierWinsWithoutConflict() {
        let first = event(Self.a, 1, at: 1000, describe("槽罐车侧翻"))
        let second = event(Self.b, 1, at: 2000, describe("槽罐车侧翻，苯泄漏", seen: [(Self.a, 1)]))
        let state = fold([second, first])
        let incident = state.incidents["TZ-20261123-001"]!
        #expect(incident.description.value == "槽罐车侧翻，苯泄漏")
        #expect(incident.conflictedFields.isEmpty)
    }

    @Test func concurrentWritesFromTwoStationsAreAVisibleConflict() {
        let first = event(Self.a, 1, at: 1000, describe("三人受伤"))
        let second = event(Self.b, 1, at: 2000, describe("五人受伤"))  // B had not seen A's write
        for order in [[first, second], [second, first]] {
            let incident = fold(order).incidents["TZ-20261123-001"]!
            #expect(incident.description.value == "五人受伤", "the later write wins deterministically")
            #expect(incident.conflictedFields == ["description"])
            #expect(incident.description.conflicts.map(\.value) == ["三人受伤"], "the loser stays on the record")
        }
    }

    @Test func equalClockTimesAreBrokenByStationID() {
        let fromA = event(Self.a, 1, at: 5000, describe("A"))
        let fromB = event(Self.b, 1, at: 5000, describe("B"))
        #expect(fold([fromA, fromB]).incidents["TZ-20261123-001"]!.description.value == "B")
        #expect(fold([fromB, fromA]).incidents["TZ-20261123-001"]!.description.value == "B")
    }

    @Test func sameStationLaterWriteHasSeenItsOwnEarlierOne() {
        let first = event(Self.a, 1, at: 1000, describe("x"))
        let second = event(Self.a, 2, at: 2000, describe("y"))
        #expect(fold([second, first]).incidents["TZ-20261123-001"]!.conflictedFields.isEmpty)
    }

    func status(_ s: IncidentStatus, epoch: UInt32 = 0) -> Zhiban_Events_V1_IncidentStatusChanged {
        var m = Zhiban_Events_V1_IncidentStatusChanged()
        m.incidentID = "TZ-20261123-001"; m.status = s.rawValue; m.epoch = epoch
        return m
    }

    @Test func lifecycleOnlyMovesForwardWhateverTheOrder() {
        let events = [event(Self.a, 1, at: 1000, status(.verifying)),
                      event(Self.a, 2, at: 2000, status(.responding)),
                      event(Self.b, 1, at: 1500, status(.ended))]
        for order in [events, events.reversed(), [events[1], events[2], events[0]]] {
            #expect(fold(order).incidents["TZ-20261123-001"]!.status == .ended)
        }
    }

    @Test func reopenStartsANewEpoch() {
        var reopen = Zhiban_Events_V1_IncidentReopened()
        reopen.incidentID = "TZ-20261123-001"; reopen.epoch = 1; reopen.reason = "复燃"
        let events = [event(Self.a, 1, at: 1000, status(.closed)),
                      event(Self.a, 2, at: 2000, reopen)]
        let incident = fold(events.reversed()).incidents["TZ-20261123-001"]!
        #expect(incident.status == .responding)
        #expect(incident.epoch == 1)
        let contained = event(Self.a, 3, at: 3000, status(.contained, epoch: 1))
        #expect(fold(events + [contained]).incidents["TZ-20261123-001"]!.status == .contained)
        // A status of the old epoch arriving late does not undo the reopen.
        let lateOld = event(Self.b, 1, at: 2500, status(.finalReported, epoch: 0))
        #expect(fold([lateOld] + events).incidents["TZ-20261123-001"]!.status == .responding)
    }

    @Test func concurrentStockIssuesBothCount() {
        func change(_ delta: Int64) -> Zhiban_Events_V1_StockChanged {
            var m = Zhiban_Events_V1_StockChanged()
            m.depotID = "p1"; m.item = "帐篷"; m.delta = delta; m.unit = "顶"
            return m
        }
        let events = [event(Self.a, 1, at: 1000, change(500)),
                      event(Self.a, 2, at: 2000, change(-120)),
                      event(Self.b, 1, at: 2000, change(-80))]
        #expect(fold(events).depots["p1"]!.stock == ["帐篷": 300])
        #expect(fold(events + events).depots["p1"]!.stock == ["帐篷": 300])
    }
}

typealias SwiftProtobufMessage = SwiftProtobuf.Message
import SwiftProtobuf
