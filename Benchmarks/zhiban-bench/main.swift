import CSQLite
import Console
import Crypto
import DutyModel
import Foundation
import Histogram
import Journal
import Station
import Sync
import TerminalUI
#if canImport(Glibc)
import Glibc
#endif

// zhiban-bench: DESIGN §7's budgets measured side by side in one run (ratios,
// not absolute times: the machine is shared and noisy). Prints one table:
// figure, ours, yardstick, ratio, budget, pass/fail. `--quick`: small sizes,
// proves it runs (CI); timings are never asserted anywhere.

struct Options {
    var quick = false
    var feeds = 10
    var perFeed = 100_000
    var appends = 2_000
    var zhiban: String?
    var keep = false
    var rounds = 5
    /// Only make the station (and the SQLite rows) and keep them: for trying the console on it.
    var generateOnly = false
    /// Only the console's rows, on a station made before (--generate-only).
    var consoleStation: String?

    init(_ arguments: [String]) {
        var it = arguments.dropFirst().makeIterator()
        while let a = it.next() {
            switch a {
            case "--quick": quick = true; feeds = 2; perFeed = 500; appends = 100
            case "--feeds": feeds = Int(it.next() ?? "") ?? feeds
            case "--per-feed": perFeed = Int(it.next() ?? "") ?? perFeed
            case "--appends": appends = Int(it.next() ?? "") ?? appends
            case "--zhiban": zhiban = it.next()
            case "--keep": keep = true
            case "--generate-only": generateOnly = true; keep = true
            case "--console-only": consoleStation = it.next()
            case "--rounds": rounds = max(1, Int(it.next() ?? "") ?? rounds)
            case "-h", "--help":
                print("usage: zhiban-bench [--quick] [--feeds N] [--per-feed N] [--appends N] [--rounds N] [--zhiban PATH] [--keep] [--generate-only] [--console-only STATION]")
                exit(0)
            default:
                FileHandle.standardError.write(Data("zhiban-bench: unknown option \(a); see --help\n".utf8))
                exit(2)
            }
        }
    }
}

/// One row of the table.
struct Row {
    var figure: String
    var ours: String
    var yardstick: String
    var ratio: String
    var budget: String
    var pass: Bool?
}

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

func median(_ values: [Double]) -> Double {
    let s = values.sorted()
    guard !s.isEmpty else { return 0 }
    return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
}

func ms(_ s: Double) -> String { String(format: "%.3f ms", s * 1000) }
func sec(_ s: Double) -> String { String(format: "%.2f s", s) }

/// Runs a command (posix_spawn); its wall time and exit status.
@discardableResult
func run(_ arguments: [String], stdout: String? = nil, stderr: String? = nil) -> (seconds: Double, status: Int32) {
    var actions: posix_spawn_file_actions_t = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 1, stdout ?? "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    posix_spawn_file_actions_addopen(&actions, 2, stderr ?? "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    var pid: pid_t = 0
    var status: Int32 = 0
    var usage = rusage()
    let t = seconds {
        guard posix_spawn(&pid, arguments[0], &actions, nil, argv, environ) == 0 else { status = -1; return }
        _ = wait4(pid, &status, 0, &usage)
    }
    return (t, status)
}

/// The peak resident memory of a command, through GNU time (`%M`): a child
/// spawned from here would report this process's memory as its own peak
/// (Linux carries the high-water mark across exec). Nil without /usr/bin/time.
func peakMemoryKiB(_ arguments: [String], in base: URL) -> Int? {
    guard FileManager.default.isExecutableFile(atPath: "/usr/bin/time") else { return nil }
    let report = base.appendingPathComponent("time.txt").path
    run(["/usr/bin/time", "-o", report, "-f", "%M"] + arguments)
    return (try? String(contentsOfFile: report, encoding: .utf8)).flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
}

// MARK: The durable append, side by side

/// ~300 bytes of duty-log text, as an officer writes it.
let noteText = String(repeating: "市气象台来电：今夜有大到暴雨，请各地做好防范。", count: 3)

func appendRow(_ options: Options, in base: URL) throws -> [Row] {
    let station = try DutyStation.create(at: base.appendingPathComponent("append").path, name: "基准", code: "TZ",
                                         jurisdiction: "泰州市", operatorName: "bench", now: Date())
    let draft = EventDraft.logEntry(kind: .note, text: noteText)
    // The raw and SQLite writes take as many bytes as one of our framed, signed records.
    let recordSize = try station.write(draft, operatorName: "王芳", now: Date()).length

    // Raw: the same number of bytes a record takes, pwrite + fdatasync, appended to a file.
    let rawPath = base.appendingPathComponent("raw.bin").path
    let rawFD = open(rawPath, O_RDWR | O_CREAT | O_TRUNC, 0o600)
    defer { close(rawFD) }
    let recordBytes = [UInt8](repeating: 0x61, count: recordSize)
    var rawOffset: off_t = 0
    // The floor: the same bytes written over blocks already written (no size change, so
    // fdatasync writes no inode), as the journal does between the stretches it grows by.
    let floorFD = open(base.appendingPathComponent("floor.bin").path, O_RDWR | O_CREAT | O_TRUNC, 0o600)
    defer { close(floorFD) }
    let zeros = [UInt8](repeating: 0, count: recordSize * options.appends + 4096)
    _ = zeros.withUnsafeBytes { pwrite(floorFD, $0.baseAddress, $0.count, 0) }
    fsync(floorFD)
    var floorOffset: off_t = 0

    // SQLite, WAL, synchronous=FULL, one autocommit insert.
    var db: OpaquePointer?
    sqlite3_open(base.appendingPathComponent("yardstick.sqlite").path, &db)
    defer { sqlite3_close(db) }
    sqlite3_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; CREATE TABLE log(id INTEGER PRIMARY KEY, body BLOB);", nil, nil, nil)
    var insert: OpaquePointer?
    sqlite3_prepare_v2(db, "INSERT INTO log(body) VALUES (?)", -1, &insert, nil)
    defer { sqlite3_finalize(insert) }

    var ours = Histogram<UInt64>(highestTrackableValue: 10_000_000, numberOfSignificantValueDigits: .three)
    var raw = ours, sqlite = ours, floor = ours
    var oursAll: [Double] = [], rawAll: [Double] = [], sqliteAll: [Double] = [], floorAll: [Double] = []
    // Paired: the three take turns, so a noisy moment hits all of them.
    for _ in 0..<options.appends {
        let a = try seconds { try station.write(draft, operatorName: "王芳", now: Date()) }
        let b = seconds {
            _ = recordBytes.withUnsafeBytes { pwrite(rawFD, $0.baseAddress, $0.count, rawOffset) }
            fdatasync(rawFD)
            rawOffset += off_t(recordBytes.count)
        }
        let c = seconds {
            recordBytes.withUnsafeBytes { _ = sqlite3_bind_blob(insert, 1, $0.baseAddress, Int32($0.count), nil) }
            sqlite3_step(insert)
            sqlite3_reset(insert)
        }
        let d = seconds {
            _ = recordBytes.withUnsafeBytes { pwrite(floorFD, $0.baseAddress, $0.count, floorOffset) }
            fdatasync(floorFD)
            floorOffset += off_t(recordBytes.count)
        }
        oursAll.append(a); rawAll.append(b); sqliteAll.append(c); floorAll.append(d)
        ours.record(UInt64(a * 1e6)); raw.record(UInt64(b * 1e6)); sqlite.record(UInt64(c * 1e6)); floor.record(UInt64(d * 1e6))
    }
    let (o, r, q, f) = (median(oursAll), median(rawAll), median(sqliteAll), median(floorAll))
    // Where the time above the floor goes: an append's work without its fdatasync, and
    // in it the Ed25519 signature every record carries (the format's, DESIGN §4).
    station.journal.syncsAppends = false
    let cpu = median(try (0..<options.appends).map { _ in try seconds { try station.write(draft, operatorName: "王芳", now: Date()) } })
    station.journal.syncsAppends = true
    let key = Curve25519.Signing.PrivateKey()
    let message = [UInt8](repeating: 0x61, count: recordSize)
    let sign = median(try (0..<options.appends).map { _ in try seconds { _ = try key.signature(for: message) } })
    let p99 = { (h: Histogram<UInt64>) in String(format: "p99 %.2f ms", Double(h.valueAtPercentile(99)) / 1000) }
    return [
        Row(figure: "durable append (\(recordSize) B record) vs raw pwrite+fdatasync", ours: ms(o) + ", " + p99(ours),
            yardstick: ms(r) + ", " + p99(raw), ratio: String(format: "%.2f×", o / r), budget: "≤ 1.2×", pass: o / r <= 1.2),
        Row(figure: "durable append vs SQLite WAL FULL insert", ours: ms(o), yardstick: ms(q) + ", " + p99(sqlite),
            ratio: String(format: "SQLite takes %.2f× ours", q / o), budget: "≥ 1.3×", pass: q / o >= 1.3),
        Row(figure: "durable append vs the floor: pwrite+fdatasync over written blocks", ours: ms(o), yardstick: ms(f) + ", " + p99(floor),
            ratio: String(format: "%.2f×", o / f), budget: "(for reading the others)", pass: nil),
        Row(figure: "durable append without its fdatasync (lock, sign, frame, write)", ours: String(format: "%.1f µs", cpu * 1e6),
            yardstick: String(format: "Ed25519 signature alone: %.1f µs", sign * 1e6), ratio: String(format: "%.0f %% of the append", cpu / o * 100),
            budget: "(for reading the others)", pass: nil),
    ]
}

// MARK: A realistic station

/// `feeds` stations × `perFeed` mixed events (log entries, incidents with
/// reports and status changes, check-ins, warnings with acknowledgements,
/// teams dispatched and back, items issued from depots, shelter occupancy —
/// over a registry of 40 teams, 15 depots and 30 shelters the first station holds),
/// written without fdatasync (a fixture, never timed), gathered into the first
/// station's journal/ as trusted peers' copies. Also the same rows in SQLite.
func generate(_ options: Options, in base: URL) throws -> (station: String, sqlite: String) {
    let root = base.appendingPathComponent("stations")
    var stations: [DutyStation] = []
    for f in 0..<options.feeds {
        let station = try DutyStation.create(at: root.appendingPathComponent("s\(f)").path, name: "泰州市站\(f)", code: "Z\(f)",
                                             jurisdiction: "泰州市", operatorName: "bench", now: Date(timeIntervalSince1970: 1_790_000_000))
        station.journal.syncsAppends = false
        stations.append(station)
    }
    let start = Date(timeIntervalSince1970: 1_790_000_000)
    let parser = stations[0].intakeParser(now: start.addingTimeInterval(Double(options.perFeed) * 60))
    let intakeJSON = #"{"location": {"county": "海陵区", "town": "城东街道", "lat": 32.49, "lon": 119.93}, "category": "accident", "type": "road_traffic", "description": "两车相撞，一人受伤", "casualties": {"injured": 1}}"#
    // The registry (#19), in the first station: its teams, depots with stock and shelters.
    var registry: [EventDraft] = []
    func place(_ i: Int) -> Zhiban_Events_V1_Place {
        var p = Zhiban_Events_V1_Place()
        p.county = "泰兴市"; p.town = "虹桥镇"; p.hasCoordinates_p = true
        p.lat = 32.0 + Double(i % 10) * 0.05; p.lon = 119.9 + Double(i % 7) * 0.05
        return p
    }
    for i in 0..<40 {
        var t = Zhiban_Events_V1_TeamRecorded()
        t.teamID = "T\(i)"; t.name = "泰兴危化品救援队\(i)"; t.kind = "hazchem"; t.headcount = 30; t.base = place(i)
        registry.append(EventDraft(t))
    }
    for i in 0..<15 {
        var d = Zhiban_Events_V1_DepotRecorded()
        d.depotID = "D\(i)"; d.name = "泰兴市应急物资储备库\(i)"; d.level = "county"; d.reserveKind = "physical"; d.place = place(i)
        var stock = Zhiban_Events_V1_StockChanged()
        stock.depotID = "D\(i)"; stock.item = "tent"; stock.delta = 1_000_000; stock.unit = "顶"; stock.reason = "count"
        registry += [EventDraft(d), EventDraft(stock)]
    }
    for i in 0..<30 {
        var h = Zhiban_Events_V1_ShelterRecorded()
        h.shelterID = "S\(i)"; h.name = "泰兴中学避难场所\(i)"; h.kind = "fixed"; h.hostType = "school"; h.capacity = 5_000; h.place = place(i)
        registry.append(EventDraft(h))
    }
    try stations[0].write(registry, operatorName: "王芳", now: start)
    for (f, station) in stations.enumerated() {
        var written = 1
        var batch: [EventDraft] = []
        var lastIncident = ""
        var minute = 0.0
        while written < options.perFeed {
            minute += 1
            let now = start.addingTimeInterval(minute * 60 + Double(f))
            switch written % 20 {
            case 5:
                var json = intakeJSON
                json.removeLast()
                json += #", "received_at": "\#(DutyTime.formatISO8601(now))"}"#
                if case .success(let intake) = parser.parse(Data(json.utf8)) {
                    try station.write(batch, operatorName: "王芳", now: now)
                    batch = []
                    let id = try station.recordIntake(intake, operatorName: "王芳", now: now)
                    lastIncident = id
                    batch.append(.reportRecorded(id: id, kind: .initial, channel: .phone, recipient: "市政府总值班室", at: now))
                    batch.append(.incidentStatusChanged(id: id, to: .responding, epoch: 0))
                    written += 3
                    continue
                }
                batch.append(.logEntry(kind: .note, text: noteText))
            case 15:
                // A rainstorm warning from the meteorological bureau, acknowledged at once.
                let sent = DutyTime.formatISO8601(now)
                let warning = WarningInfo(identifier: "JS-TZ-QX-\(f)-\(written)", sender: "js-taizhou-qxt@cma", sent: sent, sentAt: now,
                                          msgType: .alert, references: [], status: .actual, scope: .public, issuer: "meteorological",
                                          type: "rainstorm", color: .orange, areas: ["兴化市"], towns: ["沙沟镇"], effective: now,
                                          onset: now.addingTimeInterval(600), expires: now.addingTimeInterval(6 * 3600),
                                          headline: "暴雨橙色预警", description: "预计未来6小时兴化市沙沟镇降雨量将达50毫米以上",
                                          instruction: "注意防范", source: .phone, senderName: "泰州市气象台", capXML: [], severity: "Severe")
                batch.append(.warningReceived(warning))
                batch.append(.warningAcknowledged(key: warning.key))
                written += 2
                continue
            case 12 where !lastIncident.isEmpty:
                // A team sent to the last incident, and its status.
                var d = Zhiban_Events_V1_TeamDispatched()
                d.dispatchID = "T\(written / 20 % 40)@\(lastIncident)#\(written)"; d.teamID = "T\(written / 20 % 40)"; d.incidentID = lastIncident
                d.orderedBy = "孙立新"; d.headcount = 12; d.atMs = Int64(now.timeIntervalSince1970 * 1000)
                var s = Zhiban_Events_V1_TeamStatusChanged()
                s.teamID = d.teamID; s.status = "dispatched"; s.incidentID = lastIncident
                batch += [EventDraft(d), EventDraft(s)]
                written += 2
                continue
            case 9 where !lastIncident.isEmpty:
                var m = Zhiban_Events_V1_StockChanged()
                m.depotID = "D\(written / 20 % 15)"; m.item = "tent"; m.delta = -20; m.unit = "顶"; m.reason = "issue"; m.incidentID = lastIncident
                batch.append(EventDraft(m))
            case 18:
                var s = Zhiban_Events_V1_TeamStatusChanged()
                s.teamID = "T\((written / 20 + 20) % 40)"; s.status = "standby"
                batch.append(EventDraft(s))
            case 17:
                var m = Zhiban_Events_V1_ShelterStatusChanged()
                m.shelterID = "S\(written / 20 % 30)"; m.status = "open"; m.occupancy = Int64(written % 4_000)
                batch.append(EventDraft(m))
            case 11:
                batch.append(.checkIn(slot: ShiftSlot(start: now, end: now.addingTimeInterval(86_400), index: 0, date: "2026-11-23"), present: ["梁超", "宋佳"], operatorName: "梁超"))
            default:
                batch.append(.logEntry(kind: written % 3 == 0 ? .callIn : .note, text: "\(noteText) \(written)"))
            }
            written += 1
            if batch.count >= 512 {
                try station.write(batch, operatorName: "王芳", now: now)
                batch = []
            }
        }
        if !batch.isEmpty { try station.write(batch, operatorName: "王芳", now: start.addingTimeInterval(minute * 60 + 60)) }
    }
    // Gather: the first station trusts the others and holds their feeds as peers' copies.
    let main = stations[0]
    for other in stations.dropFirst() {
        try main.trust.add(try PeerKey.parse(other.folder.publicKeyLine).get())
        try FileManager.default.copyItem(atPath: other.journal.path, toPath: main.paths.feed(other.id))
    }
    // The yardstick's rows: the same records in SQLite (station, seq, hlc, type, operator, payload as JSON).
    let sqlitePath = base.appendingPathComponent("rows.sqlite").path
    var db: OpaquePointer?
    sqlite3_open(sqlitePath, &db)
    defer { sqlite3_close(db) }
    sqlite3_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF; CREATE TABLE events(station TEXT, seq INTEGER, hlc INTEGER, type TEXT, operator TEXT, payload TEXT); BEGIN;", nil, nil, nil)
    var insert: OpaquePointer?
    sqlite3_prepare_v2(db, "INSERT INTO events VALUES (?,?,?,?,?,?)", -1, &insert, nil)
    let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
    for station in stations {
        for record in try station.mergedRecords(ownOnly: true) {
            sqlite3_bind_text(insert, 1, record.stationID.description, -1, transient)
            sqlite3_bind_int64(insert, 2, Int64(record.sequence))
            sqlite3_bind_int64(insert, 3, Int64(bitPattern: record.time.rawValue))
            sqlite3_bind_text(insert, 4, record.eventType, -1, transient)
            sqlite3_bind_text(insert, 5, record.operatorName, -1, transient)
            sqlite3_bind_text(insert, 6, EventCodec.json(type: record.eventType, version: record.payloadVersion, payload: record.payload) ?? "{}", -1, transient)
            sqlite3_step(insert)
            sqlite3_reset(insert)
        }
    }
    sqlite3_finalize(insert)
    sqlite3_exec(db, "COMMIT; CREATE INDEX byorder ON events(hlc, station, seq);", nil, nil, nil)
    return (main.paths.root, sqlitePath)
}

// MARK: Whole feeds: note, verify, export

func feedRows(_ options: Options, zhiban: String, station: String, sqlite: String, in base: URL) -> [Row] {
    var rows: [Row] = []
    let rounds = options.quick ? 1 : options.rounds
    let records = options.feeds * options.perFeed
    // note: its wall time, and its peak memory through GNU time.
    // As an officer runs it: no --operator, so it finds who checked in for this shift.
    // The first note after the station grew (no cache/ yet) reads every feed once and keeps
    // what it found in cache/; the notes after it read only what is new.
    try? FileManager.default.removeItem(atPath: station + "/cache/shift-facts")
    try? FileManager.default.removeItem(atPath: station + "/cache/feed-\(stationID(station)).position")
    let coldNote = run([zhiban, "note", "--data", station, "基准 首次"]).seconds
    let note = median((0..<rounds).map { i in run([zhiban, "note", "--data", station, "基准 \(i)"]).seconds })
    let noteRSS = peakMemoryKiB([zhiban, "note", "--data", station, "基准"], in: base)
    let python = "/usr/bin/python3"
    let pythonInsert = """
        import sqlite3,sys
        db=sqlite3.connect(sys.argv[1]); db.execute('PRAGMA journal_mode=WAL'); db.execute('PRAGMA synchronous=FULL')
        db.execute("INSERT INTO events VALUES ('x',0,0,'log.entry_added','王芳','{}')"); db.commit()
        """
    let insert = FileManager.default.isExecutableFile(atPath: python)
        ? median((0..<rounds).map { _ in run([python, "-c", pythonInsert, sqlite]).seconds }) : .nan
    rows.append(Row(figure: "zhiban note as a process, \(records) records", ours: sec(note) + ", " + (noteRSS.map { "\($0 / 1024) MB" } ?? "memory n/a (no /usr/bin/time)"),
                    yardstick: "python3 one SQLite insert: " + sec(insert), ratio: String(format: "%.2f×", note / insert),
                    budget: "≤ 50 ms, ≤ 50 MB", pass: note <= 0.05 && (noteRSS ?? 0) <= 50 * 1024))
    rows.append(Row(figure: "zhiban note, first after the station grew by \(records) records (no cache/)", ours: sec(coldNote),
                    yardstick: "—", ratio: "—", budget: "(once; it fills cache/)", pass: nil))
    // verify vs sha256sum of the same files.
    let feeds = ((try? FileManager.default.contentsOfDirectory(atPath: station + "/journal")) ?? []).filter { $0.hasSuffix(".log") }
        .map { station + "/journal/" + $0 }
    let verify = median((0..<rounds).map { _ in run([zhiban, "verify", "--data", station]).seconds })
    let sha = median((0..<rounds).map { _ in run(["/usr/bin/sha256sum"] + feeds).seconds })
    rows.append(Row(figure: "verify, \(records) records", ours: sec(verify), yardstick: "sha256sum: " + sec(sha),
                    ratio: String(format: "%.2f×", verify / sha), budget: "≤ 1 s and ≤ 1.3×", pass: verify <= 1 && verify / sha <= 1.3))
    // export --jsonl vs python exporting the same rows from SQLite as JSON lines.
    let out = base.appendingPathComponent("export.jsonl").path
    let export = median((0..<rounds).map { _ in run([zhiban, "export", "--jsonl", "--data", station], stdout: out).seconds })
    let pythonExport = """
        import sqlite3,sys,json
        db=sqlite3.connect(sys.argv[1]); w=sys.stdout.write
        for s,q,h,t,o,p in db.execute('SELECT station,seq,hlc,type,operator,payload FROM events ORDER BY hlc,station,seq'):
            w(json.dumps({'station':s,'seq':q,'hlc':h,'type':t,'operator':o,'payload':json.loads(p)},ensure_ascii=False,sort_keys=True)+'\\n')
        """
    let yard = FileManager.default.isExecutableFile(atPath: python)
        ? median((0..<rounds).map { _ in run([python, "-c", pythonExport, sqlite], stdout: out + ".py").seconds }) : .nan
    rows.append(Row(figure: "export --jsonl, \(records) records", ours: sec(export), yardstick: "python3 SQLite → JSON lines: " + sec(yard),
                    ratio: String(format: "%.2f×", export / yard), budget: "faster than the yardstick", pass: export < yard))
    return rows
}

// MARK: Opening

/// `zhiban status --json` as a process (it folds every feed: #16's snapshot is to
/// make this fast) beside Python loading the same rows from SQLite into memory.
func statusRow(_ options: Options, zhiban: String, station: String, sqlite: String, in base: URL) -> [Row] {
    let rounds = options.quick ? 1 : min(options.rounds, 3)
    // What each run said on stderr (whether it used the snapshot) is kept beside the station.
    let status = median((0..<rounds).map { i in
        run([zhiban, "status", "--json", "--data", station], stderr: base.appendingPathComponent("status-\(i).err").path).seconds
    })
    let rss = peakMemoryKiB([zhiban, "status", "--json", "--data", station], in: base)
    let python = "/usr/bin/python3"
    let load = """
        import sqlite3,sys,json
        db=sqlite3.connect(sys.argv[1])
        rows=[(s,q,h,t,o,json.loads(p)) for s,q,h,t,o,p in db.execute('SELECT station,seq,hlc,type,operator,payload FROM events ORDER BY hlc,station,seq')]
        print(len(rows))
        """
    let yard = FileManager.default.isExecutableFile(atPath: python)
        ? median((0..<rounds).map { _ in run([python, "-c", load, sqlite]).seconds }) : .nan
    let records = options.feeds * options.perFeed
    let mb = rss.map { $0 / 1024 } ?? 0
    return [Row(figure: "status --json as a process, \(records) records", ours: sec(status) + ", " + (rss.map { "\($0 / 1024) MB" } ?? "memory n/a"),
                yardstick: "python3 loading the rows from SQLite: " + sec(yard), ratio: String(format: "%.2f×", status / yard),
                budget: "faster than the yardstick, ≤ 500 MB (#16)", pass: status < yard && mb <= 500)]
}

// MARK: The console

/// The console in this process, as the launcher runs it minus the terminal:
/// open the station, fold (from cache/state.snapshot, or without one), make
/// the screen's snapshot and draw the first frame at 200×60; then keys on
/// every list screen, each key reduced and its frame drawn (what the input
/// thread does per key), and the bytes a one-row move sends compared with a
/// full redraw (the backend writes only changed runs: text plus a cursor
/// move and a style change per run).
func consoleRows(_ options: Options, station root: String) throws -> [Row] {
    let clock = SystemClock()
    func start() throws -> (seconds: Double, state: AppState, station: DutyStation) {
        var state: AppState!
        var opened: DutyStation!
        let t = try seconds {
            opened = try DutyStation.open(at: root, now: clock.now(), holder: "zhiban-bench console")
            // As the console does at this size: the snapshot is written after the first frame, not before.
            opened.savesSnapshotAfterFold = false
            let link = StationLink(station: opened, clock: clock, synchronous: true)
            state = AppState(language: .zh, theme: .builtin, size: Size(width: 200, height: 60), now: clock.now(),
                             timeZone: opened.timeZone, stationName: opened.name, operatorName: "王芳")
            for action in link.drain() { _ = reduce(&state, action) }
            _ = RootView.render(state)
        }
        opened.saveSnapshotIfDue()
        return (t, state, opened)
    }
    // With the snapshot the first start leaves (a fold of everything writes one).
    _ = try start()
    // ZHIBAN_BENCH_PHASES=1: where a start with the snapshot goes, on stderr (docs/performance.md).
    if ProcessInfo.processInfo.environment["ZHIBAN_BENCH_PHASES"] != nil {
        for _ in 0..<3 {
            var opened: DutyStation!
            let tOpen = try seconds { opened = try DutyStation.open(at: root, now: clock.now(), holder: "zhiban-bench console") }
            opened.savesSnapshotAfterFold = false
            var st: DutyState!
            let tState = try seconds { st = opened.state }
            var snap: DutySnapshot!
            let tInit = try seconds { snap = DutySnapshot(generation: opened.generation, state: st, rules: opened.rules, ownStation: opened.id.description) }
            let tSum = try seconds { snap = snap.summarized(now: clock.now(), timeZone: opened.timeZone) }
            FileHandle.standardError.write(Data("zhiban-bench: start phases: open \(sec(tOpen)), state \(sec(tState)), indices \(sec(tInit)), summaries \(sec(tSum))\n".utf8))
        }
    }
    let withSnapshot = median(try (0..<(options.quick ? 1 : 3)).map { _ in try start().seconds })
    let snapshotPath = root + "/cache/state.snapshot"
    let kept = try? Data(contentsOf: URL(fileURLWithPath: snapshotPath))
    try? FileManager.default.removeItem(atPath: snapshotPath)
    // Without one: the fold of every record (the start writes a snapshot after; put the old one back).
    let (withoutSnapshot, warm, _) = try start()
    if let kept { try? kept.write(to: URL(fileURLWithPath: snapshotPath)) }

    var state = warm
    var histogram = Histogram<UInt64>(highestTrackableValue: 60_000_000_000, numberOfSignificantValueDigits: .three)
    var previous = RootView.render(state).buffer
    var moveBytes: [Int] = []
    var fullBytes = 0
    func bytes(_ runs: [CellRun]) -> Int { runs.reduce(0) { $0 + 8 + 20 + $1.cells.reduce(0) { $0 + $1.text.utf8.count } } }
    func press(_ key: Key, counting: Bool = false) {
        let t0 = DispatchTime.now().uptimeNanoseconds
        _ = reduce(&state, .input(.key(KeyPress(key))))
        let frame = RootView.render(state)
        histogram.record(DispatchTime.now().uptimeNanoseconds - t0)
        if counting { moveBytes.append(bytes(frame.buffer.changes(since: previous))) }
        previous = frame.buffer
    }
    let presses = options.quick ? 20 : (Int(ProcessInfo.processInfo.environment["ZHIBAN_BENCH_KEYS"] ?? "") ?? 200)
    for screen in ["6", "3", "4", "1", "9"] {
        var screenTimes: [Double] = []
        defer { FileHandle.standardError.write(Data("zhiban-bench: screen \(screen): median \(ms(median(screenTimes))), max \(ms(screenTimes.max() ?? 0))\n".utf8)) }
        press(.char(Character(screen)))
        if screen == "6" { fullBytes = bytes(previous.changes(since: nil)) }
        for i in 0..<presses {
            let t = DispatchTime.now().uptimeNanoseconds
            press(.char(i % 4 == 3 ? "k" : "j"), counting: screen == "6")
            screenTimes.append(Double(DispatchTime.now().uptimeNanoseconds - t) / 1e9)
        }
        press(.char("G")); press(.char("g"))
    }
    // The map (#20): a frame at 200×60 with every layer, as the cursor moves (reduce + frame).
    var mapHistogram = Histogram<UInt64>(highestTrackableValue: 60_000_000_000, numberOfSignificantValueDigits: .three)
    _ = reduce(&state, .input(.key(KeyPress(.char("5")))))
    _ = RootView.render(state)
    for i in 0..<presses {
        let t0 = DispatchTime.now().uptimeNanoseconds
        _ = reduce(&state, .input(.key(KeyPress(.char(["l", "j", "h", "k"][i % 4])))))
        _ = RootView.render(state)
        mapHistogram.record(DispatchTime.now().uptimeNanoseconds - t0)
    }
    let mapP99 = Double(mapHistogram.valueAtPercentile(99)) / 1e9
    let p99 = Double(histogram.valueAtPercentile(99)) / 1e9
    let move = Double(moveBytes.sorted()[moveBytes.count / 2]) / Double(max(1, fullBytes))
    let records = options.feeds * options.perFeed
    return [
        Row(figure: "console start to first frame, with the snapshot, \(records) records", ours: sec(withSnapshot), yardstick: "—", ratio: "—",
            budget: "≤ 1.5 s", pass: withSnapshot <= 1.5),
        Row(figure: "console start to first frame, without a snapshot, \(records) records", ours: sec(withoutSnapshot), yardstick: "—", ratio: "—",
            budget: "≤ 5 s", pass: withoutSnapshot <= 5),
        Row(figure: "a key on the log, incidents, warnings, board and resources (reduce + frame), p99 of \(histogram.totalCount)", ours: ms(p99),
            yardstick: "max " + ms(Double(histogram.max) / 1e9), ratio: "—", budget: "≤ 4 ms", pass: p99 <= 0.004),
        Row(figure: "a map frame at 200×60 with every layer (a cursor move: reduce + frame), p99 of \(mapHistogram.totalCount)", ours: ms(mapP99),
            yardstick: "max " + ms(Double(mapHistogram.max) / 1e9), ratio: "—", budget: "≤ 4 ms", pass: mapP99 <= 0.004),
    ] + (terminalBytesRow(zhiban: locateZhiban(options), station: root) ?? [
        Row(figure: "one-row move on the log, bytes to the terminal (cell model: no tmux here)", ours: "\(moveBytes.sorted()[moveBytes.count / 2]) B",
            yardstick: "full redraw: \(fullBytes) B", ratio: String(format: "%.1f %%", move * 100), budget: "≤ 2 %", pass: move <= 0.02),
    ])
}

/// What ncurses really writes, read off a tmux pane (pipe-pane): the bytes a
/// one-row move on the log sends (median of 15 moves; the status clock's
/// second ticks in some) against a full redraw (the pane resized and back).
func terminalBytesRow(zhiban: String?, station: String) -> [Row]? {
    guard let zhiban, let tmux = ["/usr/bin/tmux", "/bin/tmux"].first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else { return nil }
    let session = "zbbench\(getpid())"
    let log = NSTemporaryDirectory() + "/\(session).bytes"
    // Output through a file, never a pipe: a tmux server started by new-session keeps
    // the descriptors it was given, and a pipe would never reach its end.
    let captured = NSTemporaryDirectory() + "/\(session).capture"
    // posix_spawn and wait4 (Foundation's Process waits on a SIGCHLD that a test runner's
    // signal mask can keep from ever arriving).
    func t(_ args: [String]) -> String {
        run([tmux] + args, stdout: captured)
        return (try? String(contentsOfFile: captured, encoding: .utf8)) ?? ""
    }
    func size() -> Int { ((try? FileManager.default.attributesOfItem(atPath: log))?[.size] as? Int) ?? 0 }
    func settle() { usleep(400_000) }
    defer {
        _ = t(["kill-session", "-t", session])
        try? FileManager.default.removeItem(atPath: log)
        try? FileManager.default.removeItem(atPath: captured)
    }
    _ = t(["new-session", "-d", "-s", session, "-x", "200", "-y", "60", "env LANG=C.UTF-8 \(zhiban) --data '\(station)' --lang zh; sleep 60"])
    var ready = false
    for _ in 0..<600 where !ready {
        usleep(100_000)
        ready = t(["capture-pane", "-p", "-t", session]).contains("值班")
    }
    guard ready else { return nil }
    _ = t(["send-keys", "-t", session, "6"])
    settle()
    _ = t(["pipe-pane", "-o", "-t", session, "cat >> '\(log)'"])
    settle()
    var moves: [Int] = []
    for i in 0..<15 {
        let before = size()
        _ = t(["send-keys", "-t", session, i % 4 == 3 ? "k" : "j"])
        settle()
        moves.append(size() - before)
    }
    let before = size()
    _ = t(["resize-window", "-t", session, "-x", "120", "-y", "40"])
    settle()
    let middle = size()
    _ = t(["resize-window", "-t", session, "-x", "200", "-y", "60"])
    settle()
    let full = size() - middle
    _ = before
    guard full > 0 else { return nil }
    let move = moves.sorted()[moves.count / 2]
    let ratio = Double(move) / Double(full)
    return [Row(figure: "one-row move on the log, bytes ncurses writes (tmux, 200×60)", ours: "\(move) B", yardstick: "full redraw: \(full) B",
                ratio: String(format: "%.1f %%", ratio * 100), budget: "≤ 2 %", pass: ratio <= 0.02)]
}

// MARK: Sync

/// A sync of 1,000 new records into the station holding every feed, and a sync
/// with nothing new, as processes (`zhiban sync`), in the steady state: the
/// folder already holds every feed and one sync has run since (cache/ filled).
func syncRows(_ options: Options, zhiban: String, base: URL) throws -> [Row] {
    guard options.feeds >= 2 else { return [] }
    let stations = base.appendingPathComponent("stations")
    let main = stations.appendingPathComponent("s0").path, peer = stations.appendingPathComponent("s1").path
    let folder = base.appendingPathComponent("usb").path
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let writer = try DutyStation.open(at: peer, now: Date(), holder: "zhiban-bench")
    writer.journal.syncsAppends = false
    func thousandNew(_ round: Int) throws {
        try writer.write((0..<1_000).map { .logEntry(kind: .note, text: "\(noteText) 同步 \(round)-\($0)") }, operatorName: "王芳", now: Date())
        run([zhiban, "sync", "--data", peer, folder])
    }
    // The folder gets every feed; then a first round fills cache/ (untimed).
    run([zhiban, "sync", "--data", main, folder])
    try thousandNew(0)
    run([zhiban, "sync", "--data", main, folder])
    let rounds = options.quick ? 1 : options.rounds
    var new: [Double] = [], nothing: [Double] = []
    for round in 1...rounds {
        try thousandNew(round)
        new.append(run([zhiban, "sync", "--data", main, folder]).seconds)
        nothing.append(run([zhiban, "sync", "--data", main, folder]).seconds)
    }
    let records = options.feeds * options.perFeed
    let (n, z) = (median(new), median(nothing))
    return [
        Row(figure: "sync of 1,000 new records, station holding \(records)", ours: ms(n), yardstick: "—", ratio: "—",
            budget: "≤ 100 ms", pass: n <= 0.1),
        Row(figure: "sync with nothing new, station holding \(records)", ours: ms(z), yardstick: "—", ratio: "—",
            budget: "(for reading the other)", pass: nil),
    ]
}

/// The id of the station in `root` (its own feed's name in journal/).
func stationID(_ root: String) -> String {
    (try? String(contentsOfFile: root + "/keys/station.pub", encoding: .utf8))
        .flatMap { $0.split(separator: " ").dropFirst().first.map(String.init) } ?? ""
}

/// The `zhiban` binary built beside this one (same configuration), or --zhiban.
func locateZhiban(_ options: Options) -> String? {
    if let path = options.zhiban { return path }
    let me = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
    let candidate = me.appendingPathComponent("zhiban").path
    return FileManager.default.isExecutableFile(atPath: candidate) ? candidate : nil
}

// MARK: Main

let options = Options(CommandLine.arguments)
let base = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("zhiban-bench-\(getpid())")
try? FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
defer { if !options.keep { try? FileManager.default.removeItem(at: base) } }

var rows: [Row] = []
do {
    if let station = options.consoleStation {
        rows += try consoleRows(options, station: station)
        for row in rows { print("| " + [row.figure, row.ours, row.yardstick, row.ratio, row.budget, row.pass.map { $0 ? "pass" : "FAIL" } ?? "-"].joined(separator: " | ") + " |") }
        exit(0)
    }
    rows += try appendRow(options, in: base)
    let generated = try seconds { _ = try generate(options, in: base) }
    FileHandle.standardError.write(Data(String(format: "zhiban-bench: generated %d feeds × %d records in %.1f s\n", options.feeds, options.perFeed, generated).utf8))
    let station = base.appendingPathComponent("stations/s0").path
    if options.generateOnly {
        print(station)
        exit(0)
    }
    if let zhiban = locateZhiban(options) {
        rows += feedRows(options, zhiban: zhiban, station: station, sqlite: base.appendingPathComponent("rows.sqlite").path, in: base)
        rows += statusRow(options, zhiban: zhiban, station: station, sqlite: base.appendingPathComponent("rows.sqlite").path, in: base)
        rows += try consoleRows(options, station: station)
        rows += try syncRows(options, zhiban: zhiban, base: base)
    } else {
        FileHandle.standardError.write(Data("zhiban-bench: no zhiban binary beside this one; build it (swift build) or give --zhiban PATH\n".utf8))
    }
} catch {
    FileHandle.standardError.write(Data("zhiban-bench: \(error)\n".utf8))
    exit(1)
}

let header = Row(figure: "figure", ours: "ours", yardstick: "yardstick", ratio: "ratio", budget: "budget", pass: nil)
print("| " + [header.figure, header.ours, header.yardstick, header.ratio, header.budget, "result"].joined(separator: " | ") + " |")
print("|---|---|---|---|---|---|")
for row in rows {
    let verdict = row.pass.map { $0 ? "pass" : "FAIL" } ?? "-"
    print("| " + [row.figure, row.ours, row.yardstick, row.ratio, row.budget, verdict].joined(separator: " | ") + " |")
}
print("\(rows.count) figures measured" + (options.quick ? " (--quick: sizes too small for the budgets to mean anything)" : ""))
