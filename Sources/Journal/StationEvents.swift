import DutyModel
import Foundation

extension StoredEvent {
    /// A journal record as the fold sees it.
    public init(_ record: Record) { self.init(record, station: record.stationID.description) }

    /// With the station's id as text given: a fold of one feed passes the
    /// same string for every record, so its events share one copy of it.
    public init(_ record: Record, station: String) {
        self.init(id: EventID(station: station, seq: record.sequence), time: record.time,
                  operatorName: record.operatorName, type: record.eventType,
                  payloadVersion: record.payloadVersion, payload: record.payload)
    }
}

extension StationFolder {
    /// Every good record of every feed in journal/ (this station's and the
    /// peers' copies), as events for the fold, with one line per feed that has
    /// a problem (the good prefix before it is still used).
    public func loadEvents() -> (events: [StoredEvent], problems: [String]) {
        var events: [StoredEvent] = []
        var problems: [String] = []
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: paths.journal)) ?? []).filter { $0.hasSuffix(".log") }.sorted()
        for name in names {
            let path = paths.journal + "/" + name
            guard let data = FileManager.default.contents(atPath: path) else {
                problems.append("\(path): cannot be read")
                continue
            }
            let bytes = [UInt8](data)
            bytes.withUnsafeBytes { buffer in
                let scan = FeedScanner.scan(buffer, expectedStation: StationID(String(name.dropLast(4))))
                if let problem = scan.problem { problems.append("\(path): \(problem)") }
                for info in scan.records {
                    guard let record = FeedScanner.record(buffer, at: info) else { continue }
                    events.append(StoredEvent(record))
                }
            }
        }
        return (events, problems)
    }
}
