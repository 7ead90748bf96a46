import Console
import DutyModel
import Foundation
import Journal
import Station

/// A real station (`DutyStation`) in a fresh temporary folder, for screen and
/// model tests: the console's writes go through the same code as in use (one
/// batch, one lock, fdatasync), through a synchronous `StationLink`.
public final class TempStation {
    public let root: String
    public let station: DutyStation
    public let link: StationLink
    /// The clock the link writes with (the harness's manual clock once attached).
    private let clock: SwitchableClock

    /// When set, the next write fails with this reason and nothing is kept.
    public var failNextWrite: String? {
        get { link.failNextWrite.withLock { if case .disk(let text) = $0 { return text } else { return nil } } }
        set { link.failNextWrite.withLock { $0 = newValue.map { .disk($0) } } }
    }

    /// `asynchronous`: writes run on the station's own thread, as in the console.
    public init(name: String = "泰州市应急管理局总值班室", code: String = "TZ", asynchronous: Bool = false) {
        root = TestPaths.temporaryDirectory("zhiban-station").appendingPathComponent("station").path
        let start = DutyTime.parseISO8601("2026-01-01T00:00:00+08:00")!
        clock = SwitchableClock(start)
        do {
            // A bare station: its feed holds only what the test and the console write.
            let folder = try StationFolder.create(at: root, name: name, code: code, jurisdiction: "泰州市")
            station = DutyStation(journal: try Journal(station: folder, now: start))
        } catch {
            fatalError("cannot create a test station at \(root): \(error)")
        }
        link = StationLink(station: station, clock: clock, synchronous: !asynchronous)
    }

    /// The console writes with `clock` from now on.
    public func attach(_ clock: any WallClock) { self.clock.inner = clock }

    public var id: String { station.id.description }
    public var state: DutyState { station.state }

    /// Appends an event written at `at` by `operatorName`, as another process would.
    public func append(_ draft: EventDraft, at: Date, operatorName: String = "") {
        do {
            try station.write(draft, operatorName: operatorName, now: at)
        } catch {
            fatalError("test station write failed: \(error)")
        }
        link.poll()
    }

    /// This station's events, in order.
    public var events: [StoredEvent] {
        ((try? station.mergedRecords(ownOnly: true)) ?? []).map(StoredEvent.init)
    }

    /// Every event's payload, decoded, in order (cast to the message type wanted).
    public var decoded: [Any] {
        events.compactMap { e in EventCodec.decode(type: e.type, version: e.payloadVersion, payload: e.payload) }
    }
}

/// A clock whose source is set once the harness's manual clock exists.
final class SwitchableClock: WallClock, @unchecked Sendable {
    var inner: (any WallClock)?
    let start: Date
    init(_ start: Date) { self.start = start }
    func now() -> Date { inner?.now() ?? start }
}
