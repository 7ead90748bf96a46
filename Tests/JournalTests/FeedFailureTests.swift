import ConsoleTestSupport
import DutyModel
import Foundation
import Testing
@testable import Journal

/// One test per named failure, after LevelDB's log_test.cc.
@Suite struct FeedFailureTests {
    @Test func cleanFeedScansEveryRecord() throws {
        let s = try TempStation()
        try s.appendNotes(5)
        let scan = s.scan()
        #expect(scan.problem == nil)
        #expect(scan.records.map(\.sequence) == [1, 2, 3, 4, 5])
        #expect(scan.validEnd == s.bytes.count)
    }

    @Test func fileShorterThanAHeader() throws {
        let s = try TempStation()
        s.bytes = Array(s.bytes.prefix(20))
        let scan = s.scan()
        #expect(scan.problem?.kind == .header(.tooShort(20)))
        #expect(scan.problem?.offset == 0)
        let j = try s.journal()
        #expect(j.isReadOnly)
    }

    @Test func truncatedHeaderByOneByte() throws {
        let s = try TempStation()
        s.bytes = Array(s.bytes.prefix(FeedFormat.headerLength - 1))
        #expect(s.scan().problem?.kind == .header(.tooShort(FeedFormat.headerLength - 1)))
    }

    @Test func truncatedPayloadIsATornTailCutToQuarantine() throws {
        let s = try TempStation()
        let j = try s.appendNotes(3)
        let third = j.records[2]
        let original = s.bytes
        s.bytes = Array(original.prefix(third.end - 5))
        let scan = s.scan()
        #expect(scan.problem?.kind == .truncatedRecord(declared: third.length - 8, available: third.length - 13))
        #expect(scan.problem?.offset == third.offset)
        #expect(scan.problem?.isTail == true)
        let reopened = try s.journal()
        #expect(!reopened.isReadOnly)
        #expect(reopened.lastSequence == 2)
        #expect(reopened.recoveries.count == 1)
        #expect(reopened.recoveries[0].offset == third.offset)
        #expect(s.bytes == Array(original.prefix(third.offset)))
        // The cut bytes are kept, not deleted.
        let saved = try #require(FileManager.default.contents(atPath: reopened.recoveries[0].path))
        #expect(Array(saved) == Array(original[third.offset..<(third.end - 5)]))
    }

    @Test func badLengthAtEnd() throws {
        let s = try TempStation()
        let j = try s.appendNotes(3)
        var b = s.bytes
        let last = j.records[2].offset
        b[last + 3] = 0x7F  // length now enormous
        s.bytes = b
        let scan = s.scan()
        #expect(scan.problem?.offset == last)
        if case .badLength = scan.problem?.kind {} else { Issue.record("expected badLength, got \(String(describing: scan.problem))") }
        #expect(scan.problem?.isTail == true)
        #expect(scan.records.count == 2)
    }

    @Test func crcMismatchInTheMiddleMakesTheStationReadOnly() throws {
        let s = try TempStation()
        let j = try s.appendNotes(5)
        var b = s.bytes
        let second = j.records[1]
        b[second.offset + 20] ^= 0x01
        s.bytes = b
        let scan = s.scan()
        #expect(scan.problem?.kind == .checksumMismatch)
        #expect(scan.problem?.offset == second.offset)
        #expect(scan.problem?.isTail == false)
        #expect(scan.records.count == 1)
        let reopened = try s.journal()
        #expect(reopened.isReadOnly)
        #expect(reopened.damage?.offset == second.offset)
        #expect(s.bytes == b, "opening must not change a damaged feed")
        #expect(throws: JournalReadOnly.self) {
            try reopened.append(NewRecord(eventType: "x", payloadVersion: 1, payload: [], operatorName: ""), now: TempStation.t0)
        }
        let message = "\(JournalReadOnly(path: s.feedPath, problem: reopened.damage!))"
        #expect(message.contains(s.feedPath))
        #expect(message.contains("byte \(second.offset)"))
        #expect(message.contains("zhiban repair"))
    }

    @Test func repairMovesTheDamagedSuffixToQuarantine() throws {
        let s = try TempStation()
        let j = try s.appendNotes(5)
        var b = s.bytes
        let second = j.records[1]
        b[second.offset + 20] ^= 0x01
        s.bytes = b
        let reopened = try s.journal()
        let entry = try #require(try reopened.repair(now: TempStation.t0))
        #expect(entry.offset == second.offset)
        #expect(entry.byteCount == b.count - second.offset)
        #expect(!reopened.isReadOnly)
        #expect(reopened.lastSequence == 1)
        #expect(Array(FileManager.default.contents(atPath: entry.path)!) == Array(b[second.offset...]))
        try reopened.append(NewRecord(eventType: "log.entry_added", payloadVersion: 1, payload: [1], operatorName: "李强"), now: TempStation.t0)
        #expect(s.scan().problem == nil)
        #expect(s.scan().records.count == 2)
    }

    @Test func flippedByteInTheSignatureWithCRCFixed() throws {
        let s = try TempStation()
        let j = try s.appendNotes(3)
        var b = s.bytes
        let last = j.records[2]
        b[last.end - 10] ^= 0x40  // inside the signature
        fixCRC(&b, frameAt: last.offset)
        s.bytes = b
        let scan = s.scan()
        #expect(scan.problem?.kind == .badSignature(sequence: 3))
        #expect(scan.problem?.offset == last.offset)
        #expect(scan.records.count == 2)
    }

    @Test func flippedSignatureInTheMiddleBreaksTheChain() throws {
        let s = try TempStation()
        let j = try s.appendNotes(3)
        var b = s.bytes
        let second = j.records[1]
        b[second.end - 10] ^= 0x40
        fixCRC(&b, frameAt: second.offset)
        s.bytes = b
        let scan = s.scan()
        // Record 3 no longer carries record 2's hash; then record 2, now the
        // newest, fails its signature check and is dropped too.
        #expect(scan.problem?.kind == .badSignature(sequence: 2))
        #expect(scan.problem?.offset == second.offset)
        #expect(scan.records.count == 1)
    }

    @Test func wrongPreviousHash() throws {
        let s = try TempStation()
        let j = try s.appendNotes(3)
        var b = s.bytes
        let third = j.records[2]
        // previousHash sits just before the 64-byte signature.
        b[third.end - 64 - 1] ^= 0xFF
        fixCRC(&b, frameAt: third.offset)
        s.bytes = b
        let scan = s.scan()
        #expect(scan.problem?.kind == .brokenChain(sequence: 3))
        #expect(scan.problem?.offset == third.offset)
        #expect(scan.records.count == 2)
    }

    @Test func sequenceGap() throws {
        let s = try TempStation()
        let j = try s.appendNotes(3)
        var b = s.bytes
        let second = j.records[1]
        // Remove record 2 entirely: record 3 now follows record 1.
        b.removeSubrange(second.offset..<second.end)
        s.bytes = b
        let scan = s.scan()
        #expect(scan.problem?.kind == .sequenceGap(expected: 2, found: 3))
        #expect(scan.problem?.offset == second.offset)
        #expect(scan.problem?.isTail == false)
    }

    @Test func duplicatedRecord() throws {
        let s = try TempStation()
        let j = try s.appendNotes(3)
        var b = s.bytes
        let third = j.records[2]
        b += b[third.offset..<third.end]
        s.bytes = b
        let scan = s.scan()
        #expect(scan.problem?.kind == .duplicateSequence(3))
        #expect(scan.problem?.offset == third.end)
        #expect(scan.records.count == 3)
    }

    @Test func recordFromAnotherStationsKey() throws {
        let s = try TempStation()
        let other = try TempStation(name: "靖江市应急管理局")
        try s.appendNotes(2)
        let otherJournal = try other.appendNotes(3)
        let foreign = otherJournal.records[2]
        s.bytes = s.bytes + other.bytes[foreign.offset..<foreign.end]
        let scan = s.scan()
        #expect(scan.problem?.kind == .foreignStation(found: other.station.id.description, expected: s.station.id.description))
        #expect(scan.records.count == 2)
    }

    @Test func headerClaimingAnotherStationsID() throws {
        let s = try TempStation()
        var b = s.bytes
        b[12] ^= 0x01  // station id bytes start at 12
        // fix the header CRC so only the id/key binding can catch it
        let crc = CRC32C.checksum(Array(b[0..<52]))
        for i in 0..<4 { b[52 + i] = UInt8((crc >> (8 * UInt32(i))) & 0xFF) }
        s.bytes = b
        if case .header(.idDoesNotMatchKey) = s.scan().problem?.kind {} else {
            Issue.record("expected idDoesNotMatchKey, got \(String(describing: s.scan().problem))")
        }
    }

    @Test func zerosAfterTheLastRecordAreUnwrittenSpaceNotDamage() throws {
        let s = try TempStation()
        let j = try s.appendNotes(3)
        let original = s.bytes
        s.bytes = original + Array(repeating: 0, count: 4096)
        let scan = s.scan()
        #expect(scan.problem == nil)
        #expect(scan.validEnd == j.records[2].end)
        let reopened = try s.journal()
        #expect(reopened.lastSequence == 3)
        #expect(s.bytes.count == original.count + 4096, "nothing cut: the space is kept for appends")
        #expect(s.quarantineFiles.isEmpty)
        // The next record is written over the zeros, and the feed reads on.
        try reopened.append(NewRecord(eventType: "log.entry_added", payloadVersion: 1, payload: [9], operatorName: "x"), now: TempStation.t0)
        #expect(s.scan().problem == nil)
        #expect(try s.journal().lastSequence == 4)
    }

    @Test func aTornRecordFollowedByZerosIsATornTail() throws {
        let s = try TempStation()
        let j = try s.appendNotes(3)
        // A crash while writing the third record into space already grown: half of it, then zeros.
        var bytes = s.bytes
        let third = j.records[2]
        for i in (third.offset + third.length / 2)..<third.end { bytes[i] = 0 }
        s.bytes = bytes + Array(repeating: 0, count: 4096)
        let scan = s.scan()
        #expect(scan.problem?.offset == third.offset)
        #expect(scan.problem?.isTail == true, "cut back on open, not read-only")
        let reopened = try s.journal()
        #expect(reopened.lastSequence == 2)
        #expect(reopened.damage == nil)
        #expect(s.quarantineFiles.count == 1)
    }

    /// #17 §2: a whole last record that fails its checksum was written and
    /// acknowledged (and may be at peers), then damaged: it is not a torn tail.
    /// It is not cut, its sequence is not reused; the journal is read-only with
    /// a precise message until `repair` moves it to quarantine on request.
    @Test(arguments: [0, 4096])
    func aWholeLastRecordFailingItsChecksumIsDamageNotATornTail(zerosAfter: Int) throws {
        let s = try TempStation()
        let j = try s.appendNotes(3)
        let third = j.records[2]
        var bytes = s.bytes
        bytes = Array(bytes[..<third.end])
        bytes[third.offset + third.length / 2] ^= 0x40
        s.bytes = bytes + Array(repeating: 0, count: zerosAfter)
        let scan = s.scan()
        #expect(scan.problem?.offset == third.offset)
        #expect(scan.problem?.isTail == false, "damage, not a torn tail")
        let reopened = try s.journal()
        #expect(reopened.damage != nil, "read-only")
        #expect(s.quarantineFiles.isEmpty, "nothing cut on open")
        #expect(s.bytes.count >= third.end, "the damaged record is still in the journal")
    }

    /// A journal holding an old view of its feed (the console) must notice when a repair
    /// cut the feed back and another process wrote past the old end: the zeros after the
    /// old end are not "nothing new", and its next record must chain onto what is there.
    @Test func aFeedCutBackAndWrittenAgainIsReadAgainNotWrittenOver() throws {
        let s = try TempStation()
        let console = try s.journal()
        func note(_ j: Journal, _ text: String) throws {
            try j.append(NewRecord(eventType: "log.entry_added", payloadVersion: 1, payload: Array(text.utf8), operatorName: "王芳"),
                         now: TempStation.t0)
        }
        for i in 1...6 { try note(console, "note \(i)") }
        let cut = console.records[2].end
        // `repair` (or a restore) leaves three records; another process writes two more.
        truncate(s.feedPath, off_t(cut))
        let other = try s.journal()
        try note(other, "after the repair 1")
        try note(other, "after the repair 2")
        #expect(other.lastSequence == 5)
        // The console sees the feed as it now is.
        #expect(try console.refresh(now: TempStation.t0))
        #expect(console.rereadCount == 1)
        #expect(console.lastSequence == 5)
        #expect(try console.readRecords(after: 3).map { String(decoding: $0.payload, as: UTF8.self) } == ["after the repair 1", "after the repair 2"])
        // Its next record follows them.
        try note(console, "from the console")
        let scan = s.scan()
        #expect(scan.problem == nil)
        #expect(scan.records.count == 6)

        // The same without a refresh first: the append itself notices.
        let stale = try s.journal()
        let end = stale.records[3].end
        truncate(s.feedPath, off_t(end))
        let writer = try s.journal()
        try note(writer, "rewritten 5")
        try note(writer, "rewritten 6")
        try note(stale, "from the stale view")
        #expect(stale.lastSequence == 7)
        #expect(s.scan().problem == nil)
        #expect(s.scan().records.count == 7)
    }

    @Test func appendsGrowTheFileByStretchesOfZeros() throws {
        let s = try TempStation()
        let j = try s.journal()
        for i in 1...3 {
            try j.append(NewRecord(eventType: "log.entry_added", payloadVersion: 1, payload: Array("note \(i)".utf8), operatorName: "王芳"),
                         now: TempStation.t0)
        }
        #expect(s.bytes.count % (128 << 10) == 0, "grown to a whole stretch")
        #expect(s.bytes.count > j.records[2].end)
        #expect(s.scan().validEnd == j.records[2].end)
        #expect(s.scan().records.count == 3)
    }

    @Test func appendAfterATornTailContinuesTheChain() throws {
        let s = try TempStation()
        try s.appendNotes(2)
        s.bytes = s.bytes + [0x55, 0x01, 0x00]
        let j = try s.journal()
        try j.append(NewRecord(eventType: "log.entry_added", payloadVersion: 1, payload: [9], operatorName: "x"), now: TempStation.t0)
        #expect(j.lastSequence == 3)
        #expect(s.scan().problem == nil)
    }

    @Test func sequenceAndTimeAreMonotonicAcrossReopen() throws {
        let s = try TempStation()
        try s.appendNotes(3)
        let j = try s.journal()
        // The wall clock jumped back an hour: the record's time still moves forward.
        let info = try j.append(NewRecord(eventType: "e", payloadVersion: 1, payload: [], operatorName: ""),
                                now: TempStation.t0.addingTimeInterval(-3600))
        #expect(info.sequence == 4)
        #expect(info.time > j.records[2].time)
    }

    @Test func tooLargeRecordIsRefusedAndNothingWritten() throws {
        let s = try TempStation()
        let j = try s.appendNotes(1)
        let before = s.bytes
        #expect(throws: RecordTooLarge.self) {
            try j.append(NewRecord(eventType: "e", payloadVersion: 1, payload: Array(repeating: 1, count: FeedFormat.maximumBodyLength),
                                   operatorName: ""), now: TempStation.t0)
        }
        #expect(s.bytes == before)
    }

    @Test func stationFilesHavePrivatePermissions() throws {
        let s = try TempStation()
        let keyMode = try FileManager.default.attributesOfItem(atPath: s.station.paths.privateKey)[.posixPermissions] as? Int
        #expect(keyMode == 0o600)
        for dir in [s.root, s.station.paths.keys, s.station.paths.journal, s.station.paths.quarantine] {
            let mode = try FileManager.default.attributesOfItem(atPath: dir)[.posixPermissions] as? Int
            #expect(mode == 0o700, "\(dir)")
        }
        let reopened = try StationFolder.open(at: s.root)
        #expect(reopened.id == s.station.id)
        #expect(reopened.name == "泰州市应急管理局总值班室")
        #expect(throws: StationError.self) { try StationFolder.create(at: s.root, name: "again", code: "X") }
    }

    @Test func crc32cKnownAnswer() {
        // RFC 3720 test vector: 32 bytes of zeros.
        #expect(CRC32C.checksum([UInt8](repeating: 0, count: 32)) == 0x8A91_36AA)
        #expect(CRC32C.checksum(Array("123456789".utf8)) == 0xE306_9283)
        // The CPU's instruction and the table agree, on every length and alignment, and when continued.
        var generator = SystemRandomNumberGenerator()
        for length in [0, 1, 3, 7, 8, 9, 15, 16, 63, 64, 65, 1000, 4099] {
            let bytes = (0..<length + 3).map { _ in UInt8.random(in: 0...255, using: &generator) }
            for start in 0..<3 {
                let slice = Array(bytes[start..<(start + length)])
                let soft = slice.withUnsafeBytes { CRC32C.softwareChecksum($0) }
                #expect(CRC32C.checksum(slice) == soft, "length \(length), offset \(start)")
                let half = length / 2
                let continued = slice.withUnsafeBytes { all in
                    CRC32C.checksum(UnsafeRawBufferPointer(rebasing: all[half...]),
                                    initial: CRC32C.checksum(UnsafeRawBufferPointer(rebasing: all[..<half])))
                }
                #expect(continued == soft)
            }
        }
    }
}
