import DutyModel
import Foundation
import Journal
#if canImport(Glibc)
import Glibc
#endif

/// What became of one file of the inbox.
struct InboxResult: Hashable, Sendable {
    enum Kind: Hashable, Sendable {
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

    /// The file's name in inbox/ (printable).
    var name: String
    var kind: Kind
    /// For a CAP file, what the importer said.
    var warning: WarningImporter.Outcome?
    /// One printable line saying what happened ("NAME: imported: …").
    var text: String
    /// Where the file is now (inbox/done/… or inbox/rejected/…); nil when it stayed in inbox/.
    var movedTo: String?
    /// Whether anything was appended to the journal.
    var wroteJournal: Bool
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
final class InboxFolder {
    let folder: String
    let importer: WarningImporter
    /// How long a file must be left alone before it is read.
    var settleTime: TimeInterval = 0.3
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
    private(set) var waiting = 0

    init(paths: StationPaths, importer: WarningImporter, fileClock: @escaping () -> Date = { Date() }) {
        self.folder = paths.inbox
        self.importer = importer
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
    func processNew() -> [InboxResult] {
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
            let result = process(name, isRegular: type == S_IFREG)
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

    private func process(_ name: String, isRegular: Bool) -> InboxResult {
        let shown = TextSafety.printable(name)
        guard isRegular else {
            return reject(name, reason: "not a regular file (a link, pipe or device)", problems: [],
                          advice: "copy the file itself into inbox/")
        }
        let isCSV = name.lowercased().hasSuffix(".csv")
        let limit = isCSV ? 16 << 20 : importer.maximumBytes
        let bytes: [UInt8]
        switch readFile(folder + "/" + name, limit: limit) {
        case .failure(let problem):
            return InboxResult(name: shown, kind: .retry, warning: nil, text: "\(shown): left in inbox/: \(problem)",
                               movedTo: nil, wroteJournal: false)
        case .success(let b): bytes = b
        }
        if bytes.count > limit {
            return reject(name, reason: "larger than \(limit) bytes", problems: [],
                          advice: isCSV ? "split the sheet into smaller files" : "a CAP message is a few kilobytes; ask the sender for the message itself")
        }
        if WarningImporter.looksLikeCAP(name: name, bytes: bytes) {
            return importCAP(name, bytes)
        }
        if isCSV {
            return importCSV(name, bytes)
        }
        return reject(name, reason: "neither a CAP warning (.xml) nor a roster or contacts sheet (.csv)", problems: [],
                      advice: "import other files with `zhiban import FILE`")
    }

    private func importCAP(_ name: String, _ bytes: [UInt8]) -> InboxResult {
        let shown = TextSafety.printable(name)
        let outcome: WarningImporter.Outcome
        do {
            outcome = try importer.importCAP(bytes)
        } catch {
            return InboxResult(name: shown, kind: .retry, warning: nil,
                               text: "\(shown): left in inbox/, tried again shortly: \(TextSafety.printable("\(error)"))",
                               movedTo: nil, wroteJournal: false)
        }
        let text = WarningImporter.lines(file: name, outcome: outcome).first ?? shown
        switch outcome {
        case .imported:
            return done(name, kind: .imported, warning: outcome, text: text, wrote: true)
        case .duplicate:
            return done(name, kind: .duplicate, warning: outcome, text: text, wrote: false)
        case .notAWarning:
            return done(name, kind: .notAWarning, warning: outcome, text: text, wrote: false)
        case .rejected(let reason, let problems):
            var result = reject(name, reason: reason, problems: problems,
                                advice: "fix the file (or ask the sender for a corrected one) and drop it into inbox/ again; `zhiban import FILE` shows the same problems")
            result.warning = outcome
            return result
        }
    }

    private func importCSV(_ name: String, _ bytes: [UInt8]) -> InboxResult {
        let shown = TextSafety.printable(name)
        let table: CSVTable
        switch CSVReader.read(Data(bytes), file: name) {
        case .failure(let problems):
            return reject(name, reason: "the sheet cannot be read", problems: problems.list,
                          advice: "fix the sheet and drop it into inbox/ again, or import it with `zhiban import FILE --kind roster|contacts`")
        case .success(let t): table = t
        }
        guard let kind = CSVColumns.detect(table.header) else {
            return reject(name, reason: "its first line names neither a roster (日期/date) nor contacts (姓名/name)", problems: [],
                          advice: "import it with `zhiban import FILE --kind roster|contacts`")
        }
        let view = importer.folded()
        let plan: CSVPlan
        switch CSVImport.plan(table, kind: kind, file: name, state: view.state, operatorName: importer.operatorName) {
        case .failure(let problems):
            return reject(name, reason: "\(kind.rawValue): nothing written", problems: problems.list,
                          advice: "fix these rows and drop the file into inbox/ again")
        case .success(let p): plan = p
        }
        var written = 0
        do {
            for record in plan.records {
                try importer.journal.append(record, now: importer.now())
                written += 1
            }
        } catch {
            if written == 0 {
                return InboxResult(name: shown, kind: .retry, warning: nil,
                                   text: "\(shown): left in inbox/, tried again shortly: \(TextSafety.printable("\(error)"))",
                                   movedTo: nil, wroteJournal: false)
            }
            // Part written: rows equal to what is held are skipped next time, so taking it again is safe.
            return InboxResult(name: shown, kind: .retry, warning: nil,
                               text: "\(shown): \(written) of \(plan.records.count) rows written, the rest tried again shortly: \(TextSafety.printable("\(error)"))",
                               movedTo: nil, wroteJournal: true)
        }
        let text = "\(shown): \(kind.rawValue): imported \(plan.records.count), unchanged \(plan.unchanged)"
        return done(name, kind: plan.records.isEmpty ? .duplicate : .imported, warning: nil, text: text, wrote: !plan.records.isEmpty)
    }

    private func done(_ name: String, kind: InboxResult.Kind, warning: WarningImporter.Outcome?, text: String, wrote: Bool) -> InboxResult {
        let shown = TextSafety.printable(name)
        switch move(name, into: doneFolder, why: nil) {
        case .success(let path):
            return InboxResult(name: shown, kind: kind, warning: warning, text: text, movedTo: path, wroteJournal: wrote)
        case .failure(let problem):
            if access(folder + "/" + name, F_OK) != 0 && errno == ENOENT {
                // Another console of this station took it meanwhile.
                return InboxResult(name: shown, kind: kind, warning: warning, text: text, movedTo: nil, wroteJournal: wrote)
            }
            return InboxResult(name: shown, kind: .retry, warning: warning, text: "\(text); but it cannot be moved to inbox/done: \(problem)",
                               movedTo: nil, wroteJournal: wrote)
        }
    }

    private func reject(_ name: String, reason: String, problems: [String], advice: String) -> InboxResult {
        let shown = TextSafety.printable(name)
        let why = Self.whyText(file: shown, reason: reason, problems: problems, advice: advice, at: importer.now(),
                               timeZone: importer.journal.station.timeZone)
        let text = "\(shown): rejected: nothing written; \(TextSafety.printable(reason))"
            + (problems.isEmpty ? "" : ": " + TextSafety.printable(problems[0]) + (problems.count > 1 ? " (and \(problems.count - 1) more in the .why file)" : ""))
        switch move(name, into: rejectedFolder, why: why) {
        case .success(let path):
            return InboxResult(name: shown, kind: .rejected, warning: nil, text: text + " → " + Self.relative(path, to: folder),
                               movedTo: path, wroteJournal: false)
        case .failure(let problem):
            if access(folder + "/" + name, F_OK) != 0 && errno == ENOENT {
                return InboxResult(name: shown, kind: .rejected, warning: nil, text: text, movedTo: nil, wroteJournal: false)
            }
            return InboxResult(name: shown, kind: .retry, warning: nil, text: "\(text); but it cannot be moved to inbox/rejected: \(problem)",
                               movedTo: nil, wroteJournal: false)
        }
    }

    static func relative(_ path: String, to folder: String) -> String {
        path.hasPrefix(folder + "/") ? "inbox/" + TextSafety.printable(String(path.dropFirst(folder.count + 1))) : TextSafety.printable(path)
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
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { return .failure(PlainProblem("cannot be opened: \(String(cString: strerror(errno)))")) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return .failure(PlainProblem("not a regular file")) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while bytes.count <= limit {
            let n = read(fd, &buffer, buffer.count)
            if n < 0 {
                if errno == EINTR { continue }
                return .failure(PlainProblem("cannot be read: \(String(cString: strerror(errno)))"))
            }
            if n == 0 { break }
            bytes += buffer[0..<n]
        }
        return .success(bytes)
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
    static func suffixed(_ name: String, _ n: Int) -> String {
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
struct PlainProblem: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
