import Console
import DutyModel
import Foundation

/// A station held in memory for screen tests: events are folded as the
/// journal would, and the console's writes land here (or fail on demand).
public final class MemoryStation {
    public let id: String
    public private(set) var events: [StoredEvent] = []
    public private(set) var state = DutyState()
    /// When set, the next write fails with this reason and nothing is kept.
    public var failNextWrite: String?
    private var generation = 0
    private var delivered = -1
    private var snapshot: DutySnapshot

    public init(id: String = "1f425d871f419b8a") {
        self.id = id
        snapshot = DutySnapshot(generation: 0, state: DutyState(), rules: .standard, ownStation: id)
    }

    /// Appends an event written at `at` by `operatorName`, as another process would.
    public func append(_ draft: EventDraft, at: Date, operatorName: String = "") {
        let seq = UInt64(events.count + 1)
        let event = StoredEvent(id: EventID(station: id, seq: seq),
                                time: HLCTimestamp(milliseconds: UInt64(at.timeIntervalSince1970 * 1000) + seq, logical: 0),
                                operatorName: operatorName, type: draft.type.rawValue,
                                payloadVersion: draft.type.payloadVersion, payload: draft.payload)
        events.append(event)
        state.apply(event)
        generation += 1
        snapshot = DutySnapshot(generation: generation, state: state, rules: .standard, ownStation: id, previous: snapshot)
    }

    public func pollDuty() -> DutySnapshot? {
        guard generation != delivered else { return nil }
        delivered = generation
        return snapshot
    }

    /// The console's `record` effect.
    public func record(clock: any WallClock) -> (EventDraft, String) -> String? {
        { [unowned self] draft, operatorName in
            if let failure = self.failNextWrite {
                self.failNextWrite = nil
                return failure
            }
            self.append(draft, at: clock.now(), operatorName: operatorName)
            return nil
        }
    }

    /// The console's `recordIntake` effect: the next daily number of "TZ".
    public func recordIntake(clock: any WallClock) -> (Intake, String) -> Result<String, IntakeWriteFailure> {
        { [unowned self] intake, operatorName in
            if let failure = self.failNextWrite {
                self.failNextWrite = nil
                return .failure(IntakeWriteFailure(failure))
            }
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = DutyTime.defaultTimeZone
            let c = calendar.dateComponents([.year, .month, .day], from: intake.receivedAt)
            let id = self.state.nextIncidentID(code: "TZ", date: String(format: "%04d%02d%02d", c.year!, c.month!, c.day!))
            self.append(.incidentReceived(id: id, intake: intake, recordedBy: operatorName), at: clock.now(), operatorName: operatorName)
            return .success(id)
        }
    }

    /// Every event's payload, decoded, in order (cast to the message type wanted).
    public var decoded: [Any] {
        events.compactMap { e in EventCodec.decode(type: e.type, version: e.payloadVersion, payload: e.payload) }
    }
}
