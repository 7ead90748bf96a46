import ConsoleTestSupport
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
#if canImport(Glibc)
import Glibc
#endif
import Testing

/// One Syncthing instance for a test: its own config folder, a folder shared
/// with one peer, everything on 127.0.0.1 (no discovery, relays, NAT, usage or
/// crash reports, upgrades), started and stopped by the test.
final class SyncthingInstance {
    let name: String
    let home: String
    let folder: String
    let deviceID: String
    let listenPort: Int
    let guiPort: Int
    let apiKey = "zhiban-test-\(UUID().uuidString.prefix(8))"
    private var process: Process?
    static let binary = ["/usr/bin/syncthing", "/usr/local/bin/syncthing"].first { FileManager.default.isExecutableFile(atPath: $0) }

    init(name: String, base: URL) throws {
        self.name = name
        home = base.appendingPathComponent("syncthing-\(name)").path
        folder = base.appendingPathComponent("sync-\(name)").path
        let binary = try #require(Self.binary, "syncthing is missing: `apt-get install syncthing` (bash .ci/run installs it)")
        let generated = try Subprocess.run([binary, "generate", "--home=\(home)", "--no-default-folder", "--skip-port-probing"])
        try #require(generated.status == 0, "syncthing generate: \(generated.stdout) \(generated.stderr)")
        let text = generated.stdout + generated.stderr
        let id = text.range(of: "Device ID: ").map { text[$0.upperBound...].prefix { !$0.isWhitespace } }.map(String.init)
        deviceID = try #require(id, "no device ID in: \(text)")
        listenPort = try Self.freePort()
        guiPort = try Self.freePort()
        // The folder marker Syncthing wants before it shares a folder.
        try FileManager.default.createDirectory(atPath: folder + "/.stfolder", withIntermediateDirectories: true)
    }

    /// Writes config.xml: this device and the peer, the shared folder, loopback only.
    func configure(peer: SyncthingInstance) throws {
        let xml = """
            <configuration version="36">
                <folder id="zhiban" label="zhiban" path="\(folder)" type="sendreceive" rescanIntervalS="2" fsWatcherEnabled="true" fsWatcherDelayS="1">
                    <filesystemType>basic</filesystemType>
                    <device id="\(deviceID)"></device>
                    <device id="\(peer.deviceID)"></device>
                    <minDiskFree unit="%">0</minDiskFree>
                    <markerName>.stfolder</markerName>
                    <maxConflicts>10</maxConflicts>
                </folder>
                <device id="\(deviceID)" name="\(name)" compression="metadata"><address>dynamic</address></device>
                <device id="\(peer.deviceID)" name="\(peer.name)" compression="metadata"><address>tcp://127.0.0.1:\(peer.listenPort)</address></device>
                <gui enabled="true" tls="false"><address>127.0.0.1:\(guiPort)</address><apikey>\(apiKey)</apikey></gui>
                <options>
                    <listenAddress>tcp://127.0.0.1:\(listenPort)</listenAddress>
                    <globalAnnounceEnabled>false</globalAnnounceEnabled>
                    <localAnnounceEnabled>false</localAnnounceEnabled>
                    <relaysEnabled>false</relaysEnabled>
                    <natEnabled>false</natEnabled>
                    <reconnectionIntervalS>2</reconnectionIntervalS>
                    <urAccepted>-1</urAccepted>
                    <crashReportingEnabled>false</crashReportingEnabled>
                    <autoUpgradeIntervalH>0</autoUpgradeIntervalH>
                    <startBrowser>false</startBrowser>
                    <minHomeDiskFree unit="%">0</minHomeDiskFree>
                </options>
            </configuration>
            """
        try Data(xml.utf8).write(to: URL(fileURLWithPath: home + "/config.xml"))
    }

    func start() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(Self.binary))
        process.arguments = ["serve", "--home=\(home)", "--no-browser", "--no-restart", "--no-upgrade"]
        var environment = ProcessInfo.processInfo.environment
        environment["STNOUPGRADE"] = "1"
        process.environment = environment
        FileManager.default.createFile(atPath: home + "/serve.log", contents: nil)
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: home + "/serve.log"))
        process.standardOutput = log
        process.standardError = log
        try process.run()
        self.process = process
    }

    /// Stops the instance (its parent pid; with --no-restart there is no monitor process).
    func stop() {
        guard let process, process.isRunning else { return }
        process.terminate()
        let deadline = Date().addingTimeInterval(10)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.1) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    var serveLog: String { (try? String(contentsOfFile: home + "/serve.log", encoding: .utf8)) ?? "" }

    /// A call on the REST API (GET unless `method`): the decoded JSON object
    /// (an empty one for an empty answer), or nil while it does not answer.
    func rest(_ path: String, method: String = "GET") -> [String: Any]? {
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(guiPort)\(path)")!)
        request.httpMethod = method
        request.setValue(apiKey, forHTTPHeaderField: "X-API-Key")
        request.timeoutInterval = 5
        let box = ResultBox()
        let done = DispatchSemaphore(value: 0)
        URLSession.shared.dataTask(with: request) { data, _, _ in
            box.data = data
            done.signal()
        }.resume()
        guard done.wait(timeout: .now() + 6) == .success, let data = box.data else { return nil }
        if data.isEmpty { return [:] }
        return try? JSONSerialization.jsonObject(with: data) as? [String: Any]
    }

    final class ResultBox: @unchecked Sendable { var data: Data? }

    var isConnectedToPeer: Bool {
        let connections = rest("/rest/system/connections")?["connections"] as? [String: Any] ?? [:]
        return connections.values.contains { (($0 as? [String: Any])?["connected"] as? Bool) == true }
    }

    /// The instance has `file` in its own index (it has scanned it).
    func hasScanned(_ file: String) -> Bool {
        guard let answer = rest("/rest/db/file?folder=zhiban&file=\(file)"), let local = answer["local"] as? [String: Any] else { return false }
        return (local["size"] as? Int ?? 0) > 0
    }

    /// The folder is idle and needs nothing from the peer.
    var isInSync: Bool {
        guard let status = rest("/rest/db/status?folder=zhiban") else { return false }
        return status["state"] as? String == "idle" && (status["needTotalItems"] as? Int) == 0
    }

    /// A port nobody listens on now (the kernel picks it).
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        try #require(bound, "could not get a free port")
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

/// Two stations whose sync folders two Syncthing instances replicate on
/// loopback (#18): each syncs with its own folder only, Syncthing carries the
/// files between them, and both converge to the same digest. Syncthing's own
/// files (`.stfolder`, temporary files) are never mentioned; nothing is rejected.
@Suite(.serialized) struct SyncthingEndToEndTests {
    static func waitUntil(_ seconds: TimeInterval, _ condition: () throws -> Bool) rethrows -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try condition() { return true }
            Thread.sleep(forTimeInterval: 0.5)
        }
        return try condition()
    }

    /// Two instances sharing one folder each with the other, started.
    static func startPair(_ base: URL) throws -> (SyncthingInstance, SyncthingInstance) {
        let a = try SyncthingInstance(name: "taizhou", base: base), b = try SyncthingInstance(name: "jingjiang", base: base)
        try a.configure(peer: b)
        try b.configure(peer: a)
        try a.start()
        do { try b.start() } catch { a.stop(); throw error }
        return (a, b)
    }

    func digest(_ data: String) throws -> (digest: String, entries: Int) {
        let out = try runZhiban(["status", "--json", "--data", data])
        let json = try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any]
        let counts = json?["counts"] as? [String: Any]
        return (json?["digest"] as? String ?? "", counts?["log_entries"] as? Int ?? -1)
    }

    /// `zhiban sync`, held to saying nothing but its per-station lines (and notes).
    func sync(_ data: String, _ folder: String, _ outputs: inout [String]) throws {
        let result = try runZhiban(["sync", folder, "--data", data])
        outputs.append(result.stdout + result.stderr)
        #expect(result.status == 0, "sync: \(result.stdout) \(result.stderr)")
        for line in (result.stdout + result.stderr).split(separator: "\n") {
            #expect(!line.contains("problem") && !line.contains("rejected") && !line.contains(".stfolder") && !line.contains(".syncthing."),
                    "noise from sync: \(line)")
        }
    }

    @Test func twoStationsThroughTwoSyncthingInstancesConverge() throws {
        let base = TestPaths.temporaryDirectory("zb-syncthing")
        defer { try? FileManager.default.removeItem(at: base) }
        let (a, b) = try Self.startPair(base)
        defer { a.stop(); b.stop() }

        // Two stations, each syncing with its own folder only.
        let dataA = base.appendingPathComponent("泰州市局").path, dataB = base.appendingPathComponent("靖江市局").path
        for (data, name) in [(dataA, "泰州市局"), (dataB, "靖江市局")] {
            #expect(try runZhiban(["init", "--name", name, "--data", data]).status == 0)
        }
        let keyA = try runZhiban(["key", "--data", dataA]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let keyB = try runZhiban(["key", "--data", dataB]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(try runZhiban(["trust", "add", keyB, "--data", dataA]).status == 0)
        #expect(try runZhiban(["trust", "add", keyA, "--data", dataB]).status == 0)

        let connected = Self.waitUntil(60) { a.isConnectedToPeer && b.isConnectedToPeer }
        try #require(connected, "the Syncthing instances did not connect within 60 s:\n\(a.serveLog.suffix(2000))\n\(b.serveLog.suffix(2000))")

        var outputs: [String] = []
        // Rounds of writing on both sides while Syncthing carries the files: each
        // station syncs with its folder, waits for the replication, syncs again.
        for round in 1...3 {
            for n in 1...3 {
                #expect(try runZhiban(["note", "--data", dataA, "泰州 第\(round)轮 记录\(n)"]).status == 0)
                #expect(try runZhiban(["note", "--data", dataB, "靖江 第\(round)轮 记录\(n)"]).status == 0)
            }
            try sync(dataA, a.folder, &outputs)
            try sync(dataB, b.folder, &outputs)
            let settled = Self.waitUntil(60) { a.isInSync && b.isInSync && Self.sameFeeds(a.folder, b.folder) }
            #expect(settled, "round \(round): the folders did not settle within 60 s")
            try sync(dataA, a.folder, &outputs)
            try sync(dataB, b.folder, &outputs)
        }
        // The last records each pulled are published back; once that has travelled, both agree.
        let settled = Self.waitUntil(60) { a.isInSync && b.isInSync && Self.sameFeeds(a.folder, b.folder) }
        #expect(settled, "the folders did not settle within 60 s")
        try sync(dataA, a.folder, &outputs)
        try sync(dataB, b.folder, &outputs)

        let (digestA, entriesA) = try digest(dataA), (digestB, entriesB) = try digest(dataB)
        #expect(entriesA == 18 && entriesB == 18, "log entries: \(entriesA) and \(entriesB)")
        #expect(!digestA.isEmpty && digestA == digestB, "digests differ: \(digestA) \(digestB)\n\(outputs.joined(separator: "\n---\n"))")
        // Syncthing's marker is still there (sync left it alone), and no conflict copy is left behind.
        for folder in [a.folder, b.folder] {
            let names = try FileManager.default.contentsOfDirectory(atPath: folder)
            #expect(names.contains(".stfolder"))
            #expect(!names.contains { $0.contains(".sync-conflict-") }, "\(names)")
            #expect(names.filter { $0.hasSuffix(".log") }.count == 2, "\(names)")
        }
    }

    /// Syncthing's conflict on a feed both folders changed while apart: a third
    /// station's feed reaches A longer (5 records) and B shorter (3), each
    /// publishes it while the instances are paused, and on reconnecting one
    /// copy becomes `<id>.sync-conflict-….log` — the longer one if B wrote last,
    /// rolling the feed back. Sync reads the conflict copy as a candidate, says
    /// so once, tidies it, and both stations end with all five records.
    @Test func aSyncthingConflictOnAFeedLosesNothing() throws {
        let base = TestPaths.temporaryDirectory("zb-syncthing-conflict")
        defer { try? FileManager.default.removeItem(at: base) }
        let (a, b) = try Self.startPair(base)
        defer { a.stop(); b.stop() }

        let names = ["泰州市局", "靖江市局", "泰兴市局"]
        let data = names.map { base.appendingPathComponent($0).path }
        for (path, name) in zip(data, names) { #expect(try runZhiban(["init", "--name", name, "--data", path]).status == 0) }
        let keys = try data.map { try runZhiban(["key", "--data", $0]).stdout.trimmingCharacters(in: .whitespacesAndNewlines) }
        for i in 0..<3 { for j in 0..<3 where i != j { #expect(try runZhiban(["trust", "add", keys[j], "--data", data[i]]).status == 0) } }
        try #require(Self.waitUntil(60) { a.isConnectedToPeer && b.isConnectedToPeer }, "the Syncthing instances did not connect within 60 s")

        // 泰兴 reaches 靖江 with three records by one stick, and 泰州 with five by another.
        var outputs: [String] = []
        let stickB = base.appendingPathComponent("stick-b").path, stickA = base.appendingPathComponent("stick-a").path
        for stick in [stickA, stickB] { try FileManager.default.createDirectory(atPath: stick, withIntermediateDirectories: true) }
        for n in 1...3 { #expect(try runZhiban(["note", "--data", data[2], "泰兴 记录\(n)"]).status == 0) }
        try sync(data[2], stickB, &outputs)
        try sync(data[1], stickB, &outputs)
        for n in 4...5 { #expect(try runZhiban(["note", "--data", data[2], "泰兴 记录\(n)"]).status == 0) }
        try sync(data[2], stickA, &outputs)
        try sync(data[0], stickA, &outputs)

        // Apart, both publish 泰兴's feed into their Syncthing folders; 靖江's shorter copy is written last.
        #expect(a.rest("/rest/system/pause", method: "POST") != nil && b.rest("/rest/system/pause", method: "POST") != nil)
        #expect(Self.waitUntil(30) { !a.isConnectedToPeer && !b.isConnectedToPeer })
        let taixing = String(keys[2].split(separator: " ")[1]) + ".log"
        try sync(data[0], a.folder, &outputs)
        // Each instance has scanned its own version before they meet again (else one just overwrites the other).
        #expect(Self.waitUntil(30) { a.hasScanned(taixing) })
        Thread.sleep(forTimeInterval: 1.1)
        try sync(data[1], b.folder, &outputs)
        #expect(Self.waitUntil(30) { b.hasScanned(taixing) })
        #expect(a.rest("/rest/system/resume", method: "POST") != nil && b.rest("/rest/system/resume", method: "POST") != nil)
        try #require(Self.waitUntil(60) { a.isConnectedToPeer && b.isConnectedToPeer }, "no reconnection within 60 s")

        // Sync until both agree; the conflict is read, said and tidied on the way.
        var agreed = false
        for _ in 1...6 {
            _ = Self.waitUntil(60) { a.isInSync && b.isInSync && Self.sameFeeds(a.folder, b.folder) }
            try sync(data[0], a.folder, &outputs)
            try sync(data[1], b.folder, &outputs)
            let (digestA, _) = try digest(data[0]), (digestB, _) = try digest(data[1])
            let leftover = try (FileManager.default.contentsOfDirectory(atPath: a.folder) + FileManager.default.contentsOfDirectory(atPath: b.folder))
                .contains { $0.contains(".sync-conflict-") }
            if digestA == digestB && !leftover && Self.sameFeeds(a.folder, b.folder) { agreed = true; break }
        }
        let said = outputs.joined(separator: "\n---\n")
        #expect(agreed, "the stations did not agree:\n\(said)")
        #expect(try digest(data[0]).entries == 5 && digest(data[1]).entries == 5)
        // The conflict happened, and each conflict copy was said once.
        let notes = said.split(separator: "\n").filter { $0.contains("conflict copy") }
        #expect(!notes.isEmpty, "Syncthing made no conflict copy (the test did not test it):\n\(said)")
        #expect(Set(notes).count == notes.count, "a conflict copy was said twice:\n\(notes.joined(separator: "\n"))")
    }

    /// The same feed files, of the same sizes, in both folders.
    static func sameFeeds(_ one: String, _ other: String) -> Bool {
        func feeds(_ folder: String) -> [String: Int] {
            let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".log") }
            return Dictionary(uniqueKeysWithValues: names.map { name in
                (name, ((try? FileManager.default.attributesOfItem(atPath: folder + "/" + name))?[.size] as? NSNumber)?.intValue ?? -1)
            })
        }
        let a = feeds(one)
        return !a.isEmpty && a == feeds(other)
    }
}
