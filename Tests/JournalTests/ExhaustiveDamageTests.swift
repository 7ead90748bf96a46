import Foundation
import Testing
@testable import Journal

/// Every single-byte flip and every cut of a 200-record feed is either
/// reported with an offset or (a cut at a record boundary) a valid shorter
/// feed; no case is a crash or a silently altered record.
@Suite struct ExhaustiveDamageTests {
    static let fixture: (bytes: [UInt8], records: [RecordInfo], station: StationID) = {
        let s = try! TempStation()
        let j = try! s.appendNotes(200)
        return (s.bytes, j.records, s.station.id)
    }()

    /// Accepted records must be exactly the originals, and lie before `limit`.
    static func checkPrefix(_ scan: FeedScan, limit: Int, context: String) {
        let originals = fixture.records
        for (i, r) in scan.records.enumerated() {
            if r != originals[i] { Issue.record("\(context): record \(i + 1) accepted with different bytes"); return }
            if r.end > limit { Issue.record("\(context): record \(r.sequence) accepted across the damage at \(limit)"); return }
        }
    }

    @Test func everyFlippedByteIsDetected() {
        var bytes = Self.fixture.bytes
        var undetected: [Int] = []
        for position in 0..<bytes.count {
            bytes[position] ^= 0x5A
            let scan = bytes.withUnsafeBytes { FeedScanner.scan($0, expectedStation: Self.fixture.station) }
            bytes[position] ^= 0x5A
            guard let problem = scan.problem else { undetected.append(position); continue }
            if problem.offset > position { Issue.record("flip at \(position) reported later, at \(problem.offset)") }
            Self.checkPrefix(scan, limit: position + 1, context: "flip at \(position)")
        }
        #expect(undetected.isEmpty, "flips not detected at \(undetected.prefix(10))")
    }

    @Test func everyCutIsAShorterFeedOrReported() {
        let bytes = Self.fixture.bytes
        let boundaries = Set([FeedFormat.headerLength] + Self.fixture.records.map(\.end))
        for cut in 0..<bytes.count {
            let scan = bytes[0..<cut].withUnsafeBytes { FeedScanner.scan($0, expectedStation: Self.fixture.station) }
            if boundaries.contains(cut) {
                if scan.problem != nil { Issue.record("cut at boundary \(cut) reported \(scan.problem!)") }
                if scan.validEnd != cut { Issue.record("cut at boundary \(cut) kept only \(scan.validEnd) bytes") }
            } else {
                guard let problem = scan.problem else { Issue.record("cut at \(cut) not detected"); continue }
                if cut >= FeedFormat.headerLength && !problem.isTail { Issue.record("cut at \(cut) not seen as a torn tail: \(problem)") }
                if problem.offset > cut { Issue.record("cut at \(cut) reported at \(problem.offset)") }
            }
            Self.checkPrefix(scan, limit: cut, context: "cut at \(cut)")
        }
    }
}
