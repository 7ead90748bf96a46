import Foundation
import Testing
@testable import DutyModel
@testable import Station

@Suite struct TmpSizes {
    @Test func sizes() throws {
        guard let root = ProcessInfo.processInfo.environment["BIG"] else { return }
        let station = try DutyStation.open(at: root, now: Date(), holder: "tmp", recover: false)
        let s = station.state
        func size<T: Encodable>(_ name: String, _ v: T) { print(name, (try? SnapshotCoding.encode(v).count) ?? -1) }
        size("incidents", s.incidents); size("warnings", s.warnings); size("checkIns", s.checkIns)
        size("instructions", s.instructions); size("roster", s.roster); size("stations", s.stations)
        print("log", try SnapshotCoding.encode(LogWrap(log: s.log)).count)
        if let i = s.incidents.values.first { size("one incident", i); print(i) }
        if let w = s.warnings.values.first { size("one warning", w) }
    }
}
struct LogWrap: Encodable { var log: LogBook; func encode(to encoder: Encoder) throws { try (encoder as! SnapshotEncoder).encodeValue(log) } }
