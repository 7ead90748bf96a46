import SafeText
import DutyModel
import Foundation
import Journal
#if canImport(Glibc)
import Glibc
#endif

/// What one sync did with one station's feed.
public struct PeerSyncReport: Hashable, Sendable, CustomStringConvertible {
    public var id: String
    public var name: String
    public var recordsIn = 0
    public var recordsOut = 0
    public var rejected: [String] = []
    public var notes: [String] = []

    public var description: String {
        var line = "\(id)\(name.isEmpty ? "" : " \(name)"): \(recordsIn) in, \(recordsOut) out"
        for r in rejected { line += "\n  rejected: \(r)" }
        for n in notes { line += "\n  note: \(n)" }
        return line
    }
}

public struct SyncReport: Sendable {
    public var folder: String
    public var peers: [PeerSyncReport] = []
    /// Folder-level findings: ignored files, untrusted stations, forks of this station.
    public var problems: [String] = []
    /// Folder-level notes that need no action (a replication tool's conflict copy tidied).
    public var notes: [String] = []
    /// Feed slots holding something other than a regular file (a link, a FIFO, a
    /// directory): skipped, so those feeds were neither read nor published there.
    public var skippedSlots: [String] = []

    public var hasRejections: Bool { peers.contains { !$0.rejected.isEmpty } }

    /// A note for records dated more than `Journal.clockLead` past the real
    /// clock: they are kept (they are validly signed history), and said, with
    /// how far the writer's clock was ahead (#17 §3). Our own clock does not
    /// follow them: a peer's time is never absorbed into ours.
    static func clockAheadNote(newest: HLCTimestamp, realNow: Date) -> String? {
        let ahead = newest.date.timeIntervalSince(realNow)
        guard newest != .zero, ahead > Journal.clockLead else { return nil }
        let minutes = Int(ahead / 60)
        let shown = minutes >= 120 ? "\(minutes / 60) h \(minutes % 60) min" : "\(minutes) min"
        return "records dated up to \(shown) ahead of this station's clock (the writer's clock runs fast, or a drill wrote them); kept as they are, their times are not to be trusted"
    }
}

/// Exchanges journals with a sync folder (USB stick, shared drive, anything
/// rsync or Syncthing carries): one file per station, named by station id.
/// Only bytes past what the other side has are read and written; everything
/// pulled is verified (trusted key, framing, chain, sequence, signature) before
/// it is appended to the local copy.
public struct SyncEngine {
    public let station: StationFolder
    public let trust: TrustStore
    /// Read at most this much of one feed per turn, so a huge or sparse file cannot exhaust memory.
    /// The real clock, to tell records dated in the future (injected in tests).
    public var realClock: @Sendable () -> Date = { Date() }
    public var chunkBytes = 16 << 20
    public var maximumChunks = 64

    public init(station: StationFolder) {
        self.station = station
        self.trust = TrustStore(station: station)
    }

    public func sync(folder: String, now: Date) throws -> SyncReport {
        var isDirectory: ObjCBool = false
        let shownFolder = TextSafety.printable(folder)
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue,
              let handle = try? SyncFolder(path: folder) else {
            throw SyncError("\(shownFolder): not reachable or not a folder; plug in the drive or check the path")
        }
        var report = SyncReport(folder: folder)
        var folderFeeds: [StationID: String] = [:]
        // Slots holding something that is not a regular file: nothing is read from or written to them.
        var blocked: Set<StationID> = []
        // Syncthing's conflict copies of feeds: read after the feeds themselves, as more candidates.
        var conflictCopies: [(id: StationID, name: String)] = []
        for name in handle.names() {
            if name.contains(".tmp-") { continue }  // another station's write in progress
            if ReplicationFiles.isBookkeeping(name) { continue }  // .stfolder, .syncthing.*.tmp, rsync's temp files
            if let id = ReplicationFiles.conflictCopy(name) {
                if case .regular = handle.entry(name) { conflictCopies.append((id, name)) }
                continue
            }
            let shown = String(TextSafety.printable(name).prefix(80))
            guard name.hasSuffix(".log"), let id = StationID(String(name.dropLast(4))) else {
                report.problems.append("\(shown): ignored (a station feed is named <16 hex digits>.log)")
                continue
            }
            switch handle.entry(name) {
            case .regular: folderFeeds[id] = name
            case .missing: continue
            case let other:
                blocked.insert(id)
                report.skippedSlots.append(name)
                report.problems.append("\(SyncFolder.Refused(name: name, entry: other)); nothing was read from it or written to it")
            }
        }

        var peerReports: [StationID: PeerSyncReport] = [:]
        func peerReport(_ id: StationID) -> PeerSyncReport {
            peerReports[id] ?? PeerSyncReport(id: id.description, name: trust.key(for: id)?.name ?? "")
        }

        // Pull what the folder has beyond our copies.
        var publishable: [StationID: FeedCopy] = [:]
        var ownConsistent = true
        let ownHeader = FeedHeader(publicKey: station.publicKey)
        let own = try FeedCopy(path: station.paths.feed(station.id), header: ownHeader, positionCache: station.paths.position(station.id))
        for (id, path) in folderFeeds.sorted(by: { $0.key < $1.key }) {
            if id == station.id {
                ownConsistent = checkOwn(own, in: handle, name: path, now: now, report: &report)
                continue
            }
            var peer = peerReport(id)
            defer { peerReports[id] = peer }
            guard let key = trust.key(for: id) else {
                let claim = claimedName(handle, path).map { ", which calls itself \"\($0)\"," } ?? ""
                report.problems.append("station \(id)\(claim) is not trusted: its records were not imported. Key fingerprint \(id); if you know this station, get its `zhiban key` line and run `zhiban trust add`")
                continue
            }
            if let reason = trust.frozenReason(id) {
                peer.rejected.append("frozen after a fork, nothing pulled: \(reason.trimmingCharacters(in: .whitespacesAndNewlines))")
                continue
            }
            do {
                if let copy = try pull(id: id, key: key, folder: handle, name: path, now: now, report: &peer) { publishable[id] = copy }
            } catch {
                peer.rejected.append("\(error)")
            }
        }

        // Conflict copies: what they hold beyond our copy is pulled as from the feed
        // itself; then each is removed when everything in it is in our copy, or
        // moved to quarantine/ when it is not the station's history. Said once.
        for (id, name) in conflictCopies.sorted(by: { $0.name < $1.name }) {
            if id == station.id {
                tidyOwnConflictCopy(own, in: handle, name: name, now: now, report: &report)
                continue
            }
            // An untrusted or frozen station's copies are left as they are (its feed's line says why).
            guard let key = trust.key(for: id), trust.frozenReason(id) == nil, !blocked.contains(id) else { continue }
            var peer = peerReport(id)
            defer { peerReports[id] = peer }
            let copy: FeedCopy?
            do {
                copy = try pull(id: id, key: key, folder: handle, name: name, now: now, report: &peer)
            } catch {
                peer.rejected.append("\(error)")
                copy = nil
            }
            if let copy, publishable[id] != nil { publishable[id] = copy }  // the feed's slot gets what the copy added
            tidyConflictCopy(name, of: id, in: handle, pulled: copy, now: now, notes: &peer.notes)
        }

        // Publish what the folder lacks of every feed we hold.
        if ownConsistent { publishable[station.id] = own }
        for name in ((try? FileManager.default.contentsOfDirectory(atPath: station.paths.journal)) ?? []) where name.hasSuffix(".log") {
            guard let id = StationID(String(name.dropLast(4))), publishable[id] == nil, id != station.id,
                  folderFeeds[id] == nil, !blocked.contains(id), trust.frozenReason(id) == nil, let key = trust.key(for: id) else { continue }
            publishable[id] = try? FeedCopy(path: station.paths.feed(id), header: FeedHeader(publicKey: key.publicKey),
                                            positionCache: station.paths.position(id))
        }
        for (id, copy) in publishable.sorted(by: { $0.key < $1.key }) {
            var peer = peerReport(id)
            if blocked.contains(id) {
                peer.rejected.append("not published: \(id).log in the folder is not a regular file (see above)")
                peerReports[id] = peer
                continue
            }
            do {
                peer.recordsOut += try publish(copy, to: handle, name: "\(id).log")
            } catch {
                peer.rejected.append("could not write to the folder: \(error)")
            }
            peerReports[id] = peer
        }
        report.peers = peerReports.values.sorted { $0.id < $1.id }
        return report
    }

    /// How a copy of this station's own feed in the folder stands against the journal.
    private enum OwnCopy {
        /// Equal to the journal or a prefix of it.
        case prefix
        /// This station's key signed another record at a sequence the journal holds.
        case fork(RecordInfo)
        /// Validly signed records past the journal's end (restored from an old backup?).
        case ahead(Int)
        /// Not this station's signed history: damaged, forged, renamed or padded.
        case foreign(String)
    }

    /// Judges a copy of our own feed: its tail against ours first (cheap), then,
    /// when that differs, (a bounded part of) it record by record. Also returns
    /// the bytes read, kept as evidence when the copy is moved aside.
    private func judgeOwnCopy(_ own: FeedCopy, in folder: SyncFolder, name: String) -> (OwnCopy, whole: [UInt8], size: Int)? {
        guard let size = try? folder.size(name) else { return nil }
        let compareEnd = min(size, own.validEnd)
        let start = max(0, compareEnd - 4096)
        let theirs = (try? folder.read(name, at: start, count: compareEnd - start)) ?? []
        let ours = (try? own.bytes(start..<compareEnd)) ?? []
        if theirs == ours && size <= own.validEnd { return (.prefix, [], size) }
        let whole = (try? folder.read(name, at: 0, count: min(size, chunkBytes * 4))) ?? []
        let scan = whole.withUnsafeBytes { FeedScanner.scan($0, expectedStation: station.id) }
        let mine = own.records
        if scan.header == FeedHeader(publicKey: station.publicKey) {
            if let diverging = scan.records.indices.first(where: { $0 < mine.count && scan.records[$0].hash != mine[$0].hash }) {
                return (.fork(scan.records[diverging]), whole, size)
            }
            if scan.records.count > mine.count { return (.ahead(scan.records.count - mine.count), whole, size) }
        }
        return (.foreign(scan.problem.map { "\($0)" } ?? "its bytes differ from the journal"), whole, size)
    }

    /// Our own feed in the folder must be a prefix of (or equal to) ours. When
    /// it is not: a copy validly signed by our key that diverges from our
    /// journal (or runs past it) is a fork and is left alone; anything else in
    /// our slot (damaged, forged, another feed renamed, a sparse file) is moved
    /// aside into quarantine/ as evidence and the slot is published again.
    private func checkOwn(_ own: FeedCopy, in folder: SyncFolder, name: String, now: Date, report: inout SyncReport) -> Bool {
        guard let (verdict, whole, size) = judgeOwnCopy(own, in: folder, name: name) else { return false }
        switch verdict {
        case .prefix:
            return true
        case .fork(let first):
            report.problems.append("FORK: the folder's copy of this station's own journal holds another record \(first.sequence), validly signed by this station's key (byte \(first.offset)) — was this station restored from an old backup? Nothing of this station was published; keep both copies and call the bureau")
            return false
        case .ahead(let extra):
            report.problems.append("the folder holds \(extra) records of this station's journal, validly signed, that this station does not have (restored from an old backup?); they were not overwritten")
            return false
        case .foreign(let why):
            // Keep it as evidence, then publish ours over it.
            let evidence = station.paths.quarantine + "/folder-own-slot-\(Int(now.timeIntervalSince1970))-\(name)"
            do {
                try FolderWrite.create(whole, at: evidence)
                try folder.create(try own.bytes(0..<own.validEnd), named: name)
            } catch {
                report.problems.append("the folder's copy of this station's own journal is not this station's (\(why)), and it could not be moved aside: \(error); nothing of this station was published")
                return false
            }
            let kept = whole.count < size ? "its first \(whole.count) of \(size) bytes kept" : "kept"
            report.problems.append("the folder's copy of this station's own journal was not this station's (\(why)): moved aside to \(evidence) (\(kept)) and the journal published in its place")
            return true
        }
    }

    /// After a conflict copy of a peer's feed was read: removed when our copy
    /// holds all of it, moved to quarantine/ when it held something else (its
    /// rejection was said by `pull`), left for the next sync when it is longer
    /// than one sync reads.
    private func tidyConflictCopy(_ name: String, of id: StationID, in folder: SyncFolder, pulled: FeedCopy?, now: Date, notes: inout [String]) {
        guard let size = try? folder.size(name) else { return }
        let shown = folder.path + "/" + name
        if let pulled, size <= pulled.validEnd {
            do {
                try folder.remove(name)
                notes.append("\(shown): Syncthing's conflict copy of \(id).log; every record in it is in this station's copy, so it was removed")
            } catch {
                notes.append("\(shown): Syncthing's conflict copy of \(id).log, all of it imported; it could not be removed (\(error))")
            }
            return
        }
        if pulled != nil, size - pulled!.validEnd > chunkBytes * maximumChunks { return }
        notes.append(moveConflictCopyAside(name, in: folder, size: size, now: now, what: "Syncthing's conflict copy of \(id).log holds bytes that are not \(id)'s history (see above)"))
    }

    /// A conflict copy of this station's own feed: removed when it is a prefix of
    /// the journal; otherwise moved to quarantine/, as a FORK when this station's
    /// key signed records the journal does not hold.
    private func tidyOwnConflictCopy(_ own: FeedCopy, in folder: SyncFolder, name: String, now: Date, report: inout SyncReport) {
        guard let (verdict, _, size) = judgeOwnCopy(own, in: folder, name: name) else { return }
        let shown = folder.path + "/" + name
        let what: String
        switch verdict {
        case .prefix:
            do {
                try folder.remove(name)
                report.notes.append("\(shown): Syncthing's conflict copy of this station's journal, an older copy of it; removed")
            } catch {
                report.notes.append("\(shown): Syncthing's conflict copy of this station's journal, an older copy of it; it could not be removed (\(error))")
            }
            return
        case .fork, .ahead:
            what = "Syncthing's conflict copy of this station's journal holds other records validly signed by this station's key"
            report.problems.append("FORK: " + moveConflictCopyAside(name, in: folder, size: size, now: now, what: what) + "; was this station restored from an old backup? Call the bureau")
        case .foreign(let why):
            what = "Syncthing's conflict copy of this station's journal is not this station's (\(why))"
            report.notes.append(moveConflictCopyAside(name, in: folder, size: size, now: now, what: what))
        }
    }

    /// Moves a conflict copy into quarantine/ (its first bytes, bounded, as evidence) and out of the folder.
    private func moveConflictCopyAside(_ name: String, in folder: SyncFolder, size: Int, now: Date, what: String) -> String {
        let shown = folder.path + "/" + name
        let limit = min(size, chunkBytes * 4)
        let evidence = station.paths.quarantine + "/" + name
        do {
            try FolderWrite.create((try folder.read(name, at: 0, count: limit)), at: evidence)
            try folder.remove(name)
        } catch {
            return "\(shown): \(what); it could not be moved to quarantine/ (\(error)) and was left in the folder"
        }
        return "\(shown): \(what); moved to \(evidence)\(limit < size ? " (its first \(limit) of \(size) bytes)" : "")"
    }

    /// The name an untrusted feed gives itself in its first record (unverified,
    /// so shown as a claim, stripped of control characters).
    private func claimedName(_ folder: SyncFolder, _ name: String) -> String? {
        guard let bytes = try? folder.read(name, at: 0, count: 4096) else { return nil }
        let scan = bytes.withUnsafeBytes { FeedScanner.scan($0) }
        guard let first = scan.records.first,
              let record = bytes.withUnsafeBytes({ FeedScanner.record($0, at: first) }),
              record.eventType == EventType.stationConfigured.rawValue,
              let message = try? Zhiban_Events_V1_StationConfigured(serializedBytes: record.payload) else { return nil }
        let clean = String(TextSafety.printable(message.name).prefix(60))
        return clean.isEmpty ? nil : clean
    }


    /// Pulls one trusted peer's new records; returns the local copy when the
    /// folder's file is consistent with it (so it may be published to).
    private func pull(id: StationID, key: PeerKey, folder: SyncFolder, name: String, now: Date, report: inout PeerSyncReport) throws -> FeedCopy? {
        let folderPath = folder.path + "/" + name
        let headerBytes = try folder.read(name, at: 0, count: FeedFormat.headerLength)
        let header: FeedHeader
        switch headerBytes.withUnsafeBytes({ FeedHeader.decode($0) }) {
        case .failure(let problem):
            report.rejected.append("\(folderPath): byte 0: \(FeedProblem(offset: 0, kind: .header(problem), isTail: false).description.dropFirst(8))")
            return nil
        case .success(let h):
            header = h
        }
        guard header.stationID == id else {
            report.rejected.append("\(folderPath): named for station \(id) but its header is station \(header.stationID); ignored")
            return nil
        }
        guard header.publicKey == key.publicKey else {
            report.rejected.append("\(folderPath): signed with a different key than the trusted key of \(id); ignored")
            return nil
        }
        let copy = try FeedCopy(path: station.paths.feed(id), header: header, positionCache: station.paths.position(id))
        guard let size = try folder.size(name) else { return nil }

        // The folder's bytes where our copy ends must be ours, or the histories diverge.
        let last = copy.position
        if last.sequence > 0 {
            let end = min(size, last.end)
            let start = size >= last.end ? last.lastOffset : max(FeedFormat.headerLength, end - 4096)
            let theirs = try folder.read(name, at: start, count: end - start)
            if theirs != (try copy.bytes(start..<end)) {
                try examineDivergence(id: id, folder: folder, name: name, copy: copy, header: header, now: now, report: &report)
                return nil
            }
        }
        var offset = copy.validEnd
        var chunks = 0
        while offset < size && chunks < maximumChunks {
            chunks += 1
            let count = min(chunkBytes, size - offset)
            let incoming = try folder.read(name, at: offset, count: count)
            let (accepted, problem) = try copy.append(continuation: incoming)
            report.recordsIn += accepted
            if let problem {
                if !problem.isTail {
                    report.rejected.append("\(folderPath): \(problem); records from there on were not imported")
                    return nil
                }
                let fullChunk = count == chunkBytes
                if !(fullChunk && accepted > 0) {
                    report.notes.append("\(folderPath): incomplete copy (\(problem)); the rest comes with a later sync")
                    break
                }
            }
            if copy.validEnd == offset {
                if problem == nil && offset < size {
                    // Zeros where records should follow: space a copying tool made but has not filled yet.
                    report.notes.append("\(folderPath): incomplete copy (byte \(offset): zeros where the next record should be); the rest comes with a later sync")
                }
                break
            }
            offset = copy.validEnd
        }
        if let note = SyncReport.clockAheadNote(newest: copy.newestAppended, realNow: realClock()) { report.notes.append("\(folderPath): \(note)") }
        return copy
    }

    /// The folder's feed and ours differ at a sequence we both hold. If the
    /// folder's version is itself a valid signed feed, the station wrote two
    /// histories: a fork. Keep both as evidence and freeze the peer.
    private func examineDivergence(id: StationID, folder: SyncFolder, name: String, copy: FeedCopy, header: FeedHeader,
                                   now: Date, report: inout PeerSyncReport) throws {
        let folderPath = folder.path + "/" + name
        let limit = min(((try? folder.size(name)) ?? nil) ?? 0, chunkBytes * 4)
        let theirs = try folder.read(name, at: 0, count: limit)
        let scan = theirs.withUnsafeBytes { FeedScanner.scan($0, expectedStation: id) }
        let ours = try copy.bytes(0..<copy.validEnd)
        var firstDifferent: RecordInfo? = nil
        for (index, info) in scan.records.enumerated() where index < copy.records.count {
            if info.hash != copy.records[index].hash { firstDifferent = info; break }
        }
        guard let fork = firstDifferent else {
            let why = scan.problem.map { "\($0)" } ?? "its bytes differ from the verified copy"
            report.rejected.append("\(folderPath): forged or damaged, not imported: \(why)")
            return
        }
        let evidence = station.paths.quarantine + "/fork-\(id)-seq\(fork.sequence)-\(Int(now.timeIntervalSince1970))"
        try FolderWrite.create(Array(theirs[0..<scan.validEnd]), at: evidence + "-folder.log")
        try FolderWrite.create(ours, at: evidence + "-local.log")
        let reason = "FORK at record \(fork.sequence): the folder and this station hold two different valid records signed by \(id); evidence in \(evidence)-*.log (\(DutyTime.formatISO8601(now)))"
        try trust.freeze(id, reason: reason)
        report.rejected.append(reason + "; the peer is frozen until an officer resolves it")
    }

    /// Writes what the folder's file lacks of `copy`, from the last record
    /// boundary the folder already has complete. Returns records written.
    private func publish(_ copy: FeedCopy, to folder: SyncFolder, name: String) throws -> Int {
        guard let size = try folder.size(name) else {
            try folder.create(try copy.bytes(0..<copy.validEnd), named: name)
            return copy.recordCount
        }
        guard size < copy.validEnd else { return 0 }
        // Restart from the last record the folder holds whole (a torn tail is overwritten with the same bytes, completed).
        let boundary = copy.lastRecord(endingBy: size)
        try folder.write(try copy.bytes(boundary.end..<copy.validEnd), to: name, at: boundary.end)
        return Int(copy.lastSequence - boundary.sequence)
    }
}
