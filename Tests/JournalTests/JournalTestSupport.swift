import ConsoleTestSupport
import DutyModel
import Foundation
@testable import Journal

/// A fresh station in a temp folder, with helpers to append and to edit the
/// feed's bytes directly.
struct TempStation {
    let root: String
    let station: StationFolder
    var feedPath: String { station.paths.feed(station.id) }
    static let t0 = Date(timeIntervalSince1970: 1_795_500_000)

    init(name: String = "泰州市应急管理局总值班室") throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("zb-journal-\(UUID().uuidString.prefix(8))").path
        station = try StationFolder.create(at: root, name: name, code: "TZ")
    }

    func journal(recover: Bool = true) throws -> Journal {
        try Journal(station: station, now: Self.t0, recover: recover)
    }

    /// Appends `count` small records and returns the journal.
    @discardableResult
    func appendNotes(_ count: Int, from start: Int = 1) throws -> Journal {
        let j = try journal()
        for i in start..<(start + count) {
            try j.append(NewRecord(eventType: "log.entry_added", payloadVersion: 1, payload: Array("note \(i)".utf8),
                                   operatorName: "王芳"), now: Self.t0.addingTimeInterval(Double(i)))
        }
        // Without the zeros the journal grows the file by, so a test's bytes are the records'
        // (as a feed written by an older build, or a copy, is).
        truncate(feedPath, off_t(j.position.end))
        return j
    }

    var bytes: [UInt8] {
        get { Array(FileManager.default.contents(atPath: feedPath)!) }
        nonmutating set { _ = FileManager.default.createFile(atPath: feedPath, contents: Data(newValue)) }
    }

    func scan() -> FeedScan { bytes.withUnsafeBytes { FeedScanner.scan($0, expectedStation: station.id) } }

    var quarantineFiles: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: station.paths.quarantine)) ?? []).filter { $0.hasSuffix(".bin") }
    }
}

