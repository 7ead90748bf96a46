import ConsoleTestSupport
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
        // The feed without the zeros the journal grows by (unwritten space, not records).
        return (Array(s.bytes[0..<j.records.last!.end]), j.records, s.station.id)
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

    /// Reading a file in pieces (verify does, never holding a whole feed) finds
    /// exactly what a scan of the whole file in memory finds: the same records,
    /// the same end, the same problem at the same offset — for flips and cuts
    /// throughout, with pieces smaller than one record and a little larger.
    @Test func scanningAFileInPiecesEqualsScanningItWhole() throws {
        let path = TestPaths.temporaryDirectory("zb-pieces").appendingPathComponent("feed.log").path
        var bytes = Self.fixture.bytes
        func compare(_ damaged: [UInt8], _ context: String) throws {
            FileManager.default.createFile(atPath: path, contents: Data(damaged))
            let whole = damaged.withUnsafeBytes { FeedScanner.scan($0, expectedStation: Self.fixture.station) }
            for chunk in [64, 1000, 8 << 20] {
                let pieces = try FeedScanner.scanFile(path, expectedStation: Self.fixture.station, chunk: chunk)
                if pieces.records != whole.records || pieces.validEnd != whole.validEnd || pieces.problem != whole.problem {
                    Issue.record("\(context), pieces of \(chunk): \(String(describing: pieces.problem)) at \(pieces.validEnd), whole: \(String(describing: whole.problem)) at \(whole.validEnd)")
                }
            }
        }
        try compare(bytes, "clean")
        for position in stride(from: 0, to: bytes.count, by: 53) {
            bytes[position] ^= 0x5A
            try compare(bytes, "flip at \(position)")
            bytes[position] ^= 0x5A
        }
        for cut in stride(from: 0, to: bytes.count, by: 97) { try compare(Array(bytes[0..<cut]), "cut at \(cut)") }
        // A zero-filled stretch in the middle, and a feed of another station's name.
        var zeroed = bytes
        for i in 20_000..<21_000 { zeroed[i] = 0 }
        try compare(zeroed, "zeroed middle")
    }
}
