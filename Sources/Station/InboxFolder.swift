import SafeText
import DutyModel
import Foundation
import Journal
#if canImport(Glibc)
import Glibc
#endif

/// What became of one file of the inbox.
public struct InboxResult: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        /// Written to the journal; the file went to inbox/done.
        case imported
        /// Already held; the file went to inbox/done.
        case duplicate
        /// An Ack or Error CAP message; the file went to inbox/done.
        case notAWarning
        /// Not importable; the file went to inbox/rejected with a .why beside it.
        case rejected
        /// The journal could not be written (busy, read-only) or the file not
        /// moved: it stays in inbox/ and is tried again a few seconds later.
        case retry
    }

    /// What was found, for the front ends to put into words.
    public enum Detail: Hashable, Sendable {
        case warning(WarningImportOutcome)
        case csv(CSVImportOutcome)
        /// A link, pipe or device.
        case notRegularFile
        /// Larger than the limit for its kind.
        case tooLarge(limit: Int, csv: Bool)
        /// Neither .xml (CAP) nor .csv.
        case unknownKind
        /// It could not be read (the system's words); left for later.
        case unreadable(String)
        /// The journal could not be written; left for later.
        case writeFailed(WriteFailure)
    }

    /// The file's name in inbox/ (printable).
    public var name: String
    public var kind: Kind
    public var detail: Detail
    /// Where the file is now (inbox/done/… or inbox/rejected/…); nil when it stayed in inbox/.
    public var movedTo: String?
    /// Why a file that was dealt with could not be moved out of inbox/ (then kind is .retry).
    public var moveProblem: String?
    /// Whether anything was appended to the journal.
    public var wroteJournal: Bool

    /// `movedTo` as the officer reads it: `inbox/rejected/NAME` (printable).
    public var shownDestination: String? {
        guard let movedTo, let range = movedTo.range(of: "/inbox/", options: .backwards) else { return movedTo.map(TextSafety.printable) }
        return "inbox/" + TextSafety.printable(String(movedTo[range.upperBound...]))
    }
}

/// The station's `inbox/` (DESIGN §3): CAP files (.xml) and roster/contacts
/// CSV (.csv) dropped there are imported, then moved to inbox/done (imported,
/// duplicate, not a warning) or inbox/rejected with NAME.why beside them. Input
/// is never deleted and nothing in done/ or rejected/ is ever overwritten.
///
/// A file still being written is left for a later call: names ending .tmp or
/// .part, dotfiles, and files modified less than `settleTime` ago or whose size
/// or modification time changed since the previous call. Called a few times a
/// second, a complete file is taken within about one second of landing.
public final class InboxFolder {
    public let folder: String
    /// The station files are imported into.
    public let station: DutyStation
    /// Who the imports are written as (the console sets the operator on duty).
    public var operatorName: String
    /// CAP info languages preferred, in order.
    public var languages: [String]
    /// The station's clock (a drill's --now), for the records and the .why files.
    public let now: () -> Date
    /// How long a file must be left alone before it is read.
    public var settleTime: TimeInterval = 0.3
    /// A file written less than this long ago that does not read as a whole CAP
    /// message or sheet may still be arriving (a copy that paused): it is tried
    /// again when it changes, or once it is this old, and only then rejected.
    public var patience: TimeInterval = 10
    /// The real clock for file ages (not the drill clock of --now).
    let fileClock: () -> Date

    private struct Observation: Equatable {
        var size: Int
        var mtimeSeconds: Int
        var mtimeNanoseconds: Int
        var inode: UInt
    }

    /// Files seen but not yet taken: how they looked, and since when unchanged.
    private var seen: [String: (observation: Observation, since: Date)] = [:]
    /// Files that could not be dealt with: not tried again until they change or `until` passes.
    private var blocked: [String: (observation: Observation, until: Date)] = [:]

    /// Files seen on the last call that were not taken yet (still being written).
    public private(set) var waiting = 0

    public init(station: DutyStation, operatorName: String, languages: [String], now: @escaping () -> Date,
                fileClock: @escaping () -> Date = { Date() }) {
        self.folder = station.paths.inbox
        self.station = station
        self.operatorName = operatorName
        self.languages = languages
        self.now = now
        self.fileClock = fileClock
        ensureFolders()
    }

    var doneFolder: String { folder + "/done" }
    var rejectedFolder: String { folder + "/rejected" }

    private func ensureFolders() {
        for dir in [folder, doneFolder, rejectedFolder] { mkdir(dir, 0o755) }
    }

    /// Imports and moves every settled file. Costs one directory listing when
    /// the inbox holds nothing new.
    public func processNew() -> [InboxResult] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else {
            ensureFolders()
            waiting = 0
            return []
        }
        let candidates = names.filter { name in
            let lower = name.lowercased()
            return !name.hasPrefix(".") && name != "done" && name != "rejected"
                && !lower.hasSuffix(".tmp") && !lower.hasSuffix(".part")
        }
        guard !candidates.isEmpty else {
            seen.removeAll()
            blocked.removeAll()
            waiting = 0
            return []
        }
        let now = fileClock()
        var results: [InboxResult] = []
        var pending = 0
        for name in candidates.sorted() {
            let path = folder + "/" + name
            var info = stat()
            guard lstat(path, &info) == 0 else { seen[name] = nil; continue }
            let type = info.st_mode & S_IFMT
            if type == S_IFDIR { continue }
            let observation = Observation(size: Int(info.st_size), mtimeSeconds: info.st_mtim.tv_sec,
                                          mtimeNanoseconds: info.st_mtim.tv_nsec, inode: UInt(info.st_ino))
            if let block = blocked[name] {
                if block.observation == observation && now < block.until { continue }
                blocked[name] = nil
            }
            let previous = seen[name]
            let unchangedSince = previous?.observation == observation ? previous!.since : now
            seen[name] = (observation, unchangedSince)
            let modified = Date(timeIntervalSince1970: Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9)
            let unchanged = previous == nil || previous!.observation == observation
            // Old enough by its time stamp, or (a time stamp in the future) unchanged for as long.
            let settled = (unchanged && now.timeIntervalSince(modified) >= settleTime)
                || (previous != nil && now.timeIntervalSince(unchangedSince) >= settleTime)
            guard settled else {
                pending += 1
                continue
            }
            seen[name] = nil
            guard let result = process(name, isRegular: type == S_IFREG, young: now.timeIntervalSince(modified) < patience) else {
                // Ends early: taken again when it changes, or when it is old enough to be judged whole.
                pending += 1
                blocked[name] = (observation, modified.addingTimeInterval(patience))
                continue
            }
            if result.kind == .retry {
                blocked[name] = (observation, now.addingTimeInterval(5))
            }
            results.append(result)
        }
        let present = Set(candidates)
        seen = seen.filter { present.contains($0.key) }
        blocked = blocked.filter { present.contains($0.key) }
        waiting = pending
        return results
    }

    /// What became of the file; nil when it does not read whole and is `young` (see `patience`).
    private func process(_ name: String, isRegular: Bool, young: Bool = false) -> InboxResult? {
        let shown = TextSafety.printable(name)
        guard isRegular else {
            return reject(name, detail: .notRegularFile, reason: "not a regular file (a link, pipe or device)", problems: [],
                          advice: "copy the file itself into inbox/")
        }
        let isCSV = name.lowercased().hasSuffix(".csv")
        let limit = isCSV ? 16 << 20 : DutyStation.maximumCAPBytes
        let bytes: [UInt8]
        switch readFile(folder + "/" + name, limit: limit) {
        case .failure(let problem):
            return InboxResult(name: shown, kind: .retry, detail: .unreadable(problem.description), wroteJournal: false)
        case .success(let b): bytes = b
        }
        if bytes.count > limit {
            return reject(name, detail: .tooLarge(limit: limit, csv: isCSV), reason: "larger than \(limit) bytes", problems: [],
                          advice: isCSV ? "split the sheet into smaller files" : "a CAP message is a few kilobytes; ask the sender for the message itself")
        }
        if DutyStation.looksLikeCAP(name: name, bytes: bytes) {
            return importCAP(name, bytes, young: young)
        }
        if isCSV {
            return importCSV(name, bytes, young: young)
        }
        return reject(name, detail: .unknownKind, reason: "neither a CAP warning (.xml) nor a roster or contacts sheet (.csv)", problems: [],
                      advice: "import other files with `zhiban import FILE`")
    }

    private func importCAP(_ name: String, _ bytes: [UInt8], young: Bool) -> InboxResult? {
        let shown = TextSafety.printable(name)
        let outcome: WarningImportOutcome
        do {
            outcome = try station.importCAP(bytes, languages: languages, operatorName: operatorName, now: now())
        } catch {
            return InboxResult(name: shown, kind: .retry, detail: .writeFailed(error), wroteJournal: false)
        }
        switch outcome {
        case .imported:
            return done(name, kind: .imported, detail: .warning(outcome), wrote: true)
        case .duplicate:
            return done(name, kind: .duplicate, detail: .warning(outcome), wrote: false)
        case .notAWarning:
            return done(name, kind: .notAWarning, detail: .warning(outcome), wrote: false)
        case .rejected(.invalid, _) where young:
            return nil
        case .rejected(let why, let problems):
            let reason: String
            switch why {
            case .tooLarge(let bytes, let limit): reason = "the file is \(bytes) bytes; a CAP message is at most \(limit) bytes"
            case .invalid: reason = "not a valid CAP 1.2 alert (\(problems.count) problem\(problems.count == 1 ? "" : "s"))"
            case .recordTooLarge(let bytes, let limit): reason = "the warning is \(bytes) bytes; the journal takes at most \(limit) bytes a record"
            }
            return reject(name, detail: .warning(outcome), reason: reason, problems: problems,
                          advice: "fix the file (or ask the sender for a corrected one) and drop it into inbox/ again; `zhiban import FILE` shows the same problems")
        }
    }

    private func importCSV(_ name: String, _ bytes: [UInt8], young: Bool) -> InboxResult? {
        let shown = TextSafety.printable(name)
        let outcome: CSVImportOutcome
        do {
            outcome = try station.importCSV(Data(bytes), file: name, operatorName: operatorName, now: now())
        } catch {
            // One batch: nothing of the file was written; it is tried again as a whole.
            return InboxResult(name: shown, kind: .retry, detail: .writeFailed(error), wroteJournal: false)
        }
        switch outcome {
        case .imported(_, let written, _, _):
            return done(name, kind: written == 0 ? .duplicate : .imported, detail: .csv(outcome), wrote: written > 0)
        case .rejected(.unreadable, _) where young, .rejected(.badRows, _) where young:
            return nil
        case .rejected(let why, let problems):
            switch why {
            case .unreadable:
                return reject(name, detail: .csv(outcome), reason: "the sheet cannot be read", problems: problems,
                              advice: "fix the sheet and drop it into inbox/ again, or import it with `zhiban import FILE --kind roster|contacts`")
            case .unknownKind:
                return reject(name, detail: .csv(outcome), reason: "its first line names neither a roster (日期/date) nor contacts (姓名/name)",
                              problems: [], advice: "import it with `zhiban import FILE --kind roster|contacts`")
            case .badRows(let kind):
                return reject(name, detail: .csv(outcome), reason: "\(kind.rawValue): nothing written", problems: problems,
                              advice: "fix these rows and drop the file into inbox/ again")
            }
        }
    }

    private func done(_ name: String, kind: InboxResult.Kind, detail: InboxResult.Detail, wrote: Bool) -> InboxResult {
        let shown = TextSafety.printable(name)
        switch move(name, into: doneFolder, why: nil) {
        case .success(let path):
            return InboxResult(name: shown, kind: kind, detail: detail, movedTo: path, wroteJournal: wrote)
        case .failure(let problem):
            if access(folder + "/" + name, F_OK) != 0 && errno == ENOENT {
                // Another console of this station took it meanwhile.
                return InboxResult(name: shown, kind: kind, detail: detail, wroteJournal: wrote)
            }
            return InboxResult(name: shown, kind: .retry, detail: detail, moveProblem: problem.description, wroteJournal: wrote)
        }
    }

    private func reject(_ name: String, detail: InboxResult.Detail, reason: String, problems: [String], advice: String) -> InboxResult {
        let shown = TextSafety.printable(name)
        let why = Self.whyText(file: shown, reason: reason, problems: problems, advice: advice, at: now(),
                               timeZone: station.timeZone)
        switch move(name, into: rejectedFolder, why: why) {
        case .success(let path):
            return InboxResult(name: shown, kind: .rejected, detail: detail, movedTo: path, wroteJournal: false)
        case .failure(let problem):
            if access(folder + "/" + name, F_OK) != 0 && errno == ENOENT {
                return InboxResult(name: shown, kind: .rejected, detail: detail, wroteJournal: false)
            }
            return InboxResult(name: shown, kind: .retry, detail: detail, moveProblem: problem.description, wroteJournal: false)
        }
    }

    /// The .why file: what was wrong, each problem on its own line, and what to do.
    static func whyText(file: String, reason: String, problems: [String], advice: String, at: Date, timeZone: TimeZone) -> String {
        var lines = [
            "\(file): not imported (未导入), \(DutyTime.formatISO8601(at, timeZone: timeZone))",
            "",
            "Reason (原因): \(TextSafety.printable(reason))",
        ]
        if !problems.isEmpty {
            lines.append("")
            lines.append("Problems (问题):")
            lines += problems.map { "  " + TextSafety.printable($0) }
        }
        lines += ["", "What to do (处理): \(advice).", "Nothing from this file was written to the journal (未写入值班日志)."]
        return lines.joined(separator: "\n") + "\n"
    }

    /// Reads a regular file without following a link and without blocking, at most `limit` + 1 bytes.
    private func readFile(_ path: String, limit: Int) -> Result<[UInt8], PlainProblem> {
        do {
            let file = try RegularFile(path: path, followLinks: false)
            return .success(try file.read(at: 0, count: limit + 1))
        } catch is RegularFile.NotRegular {
            return .failure(PlainProblem("not a regular file"))
        } catch let error as FileError {
            return .failure(PlainProblem("cannot be read: \(String(cString: strerror(error.code)))"))
        } catch {
            return .failure(PlainProblem("cannot be read: \(error)"))
        }
    }

    /// Moves inbox/NAME into `target` under a name not taken there (NAME,
    /// then NAME-1.ext, NAME-2.ext …), and writes `why` beside it as NAME.why.
    /// Never overwrites: the new name is made with link(2), which fails on an
    /// existing name. Returns the new path.
    private func move(_ name: String, into target: String, why: String?) -> Result<String, PlainProblem> {
        mkdir(target, 0o755)
        let source = folder + "/" + name
        for n in 0..<10_000 {
            let candidate = n == 0 ? name : Self.suffixed(name, n)
            let destination = target + "/" + candidate
            if why != nil && access(destination + ".why", F_OK) == 0 { continue }
            if link(source, destination) == 0 {
                unlink(source)
            } else if errno == EEXIST {
                continue
            } else if [EPERM, ENOTSUP, EMLINK, EOPNOTSUPP].contains(errno) {
                // No hard links here: rename, having checked the name is free.
                guard access(destination, F_OK) != 0 else { continue }
                guard rename(source, destination) == 0 else { return .failure(PlainProblem(String(cString: strerror(errno)))) }
            } else {
                return .failure(PlainProblem(String(cString: strerror(errno))))
            }
            if let why { Self.writeNew(destination + ".why", why) }
            let dir = open(target, O_RDONLY | O_CLOEXEC)
            if dir >= 0 { _ = fsync(dir); close(dir) }
            return .success(destination)
        }
        return .failure(PlainProblem("no free name in \(target)"))
    }

    /// `report.xml` → `report-1.xml`; `report` → `report-1`.
    public static func suffixed(_ name: String, _ n: Int) -> String {
        if let dot = name.lastIndex(of: "."), dot != name.startIndex {
            return "\(name[..<dot])-\(n)\(name[dot...])"
        }
        return "\(name)-\(n)"
    }

    private static func writeNew(_ path: String, _ text: String) {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return }
        let data = Array(text.utf8)
        _ = data.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        _ = fsync(fd)
        close(fd)
    }
}

/// A reason as text, where a `Result` wants an `Error`.
public struct PlainProblem: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
