import ConsoleTestSupport
import Foundation
import Testing

/// Three stations in three folders exchange journals through a folder, with
/// the real binary; then through rsync and a half-copied file.
@Suite(.serialized) struct SyncEndToEndTests {
    func makeStations(_ base: URL, _ names: [String]) throws -> [(data: String, key: String)] {
        try names.map { name in
            let data = base.appendingPathComponent(name).path
            #expect(try runZhiban(["init", "--name", name, "--data", data]).status == 0)
            let key = try runZhiban(["key", "--data", data]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            return (data, key)
        }
    }

    func digest(_ data: String) throws -> (String, Int) {
        let out = try runZhiban(["status", "--json", "--data", data])
        let json = try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any]
        let counts = json?["counts"] as? [String: Any]
        return (json?["digest"] as? String ?? "", counts?["log_entries"] as? Int ?? -1)
    }

    @Test func threeStationsThroughOneFolderInAnyOrderAgree() throws {
        let base = TestPaths.temporaryDirectory("zb-sync-e2e")
        defer { try? FileManager.default.removeItem(at: base) }
        let stations = try makeStations(base, ["泰州市局", "靖江市局", "兴化市局"])
        for a in stations { for b in stations where a.data != b.data {
            #expect(try runZhiban(["trust", "add", b.key, "--data", a.data]).status == 0)
        } }
        let list = try runZhiban(["trust", "list", "--data", stations[0].data])
        #expect(list.status == 0 && list.stdout.contains("靖江市局") && list.stdout.contains("兴化市局"), "\(list.stdout)")
        let usb = base.appendingPathComponent("usb").path
        try FileManager.default.createDirectory(atPath: usb, withIntermediateDirectories: true)
        for (i, s) in stations.enumerated() {
            for n in 1...3 { #expect(try runZhiban(["note", "--data", s.data, "站\(i) 记录\(n)"]).status == 0) }
        }
        for order in [[0, 1, 2], [2, 0, 1], [1, 2, 0]] {
            for i in order {
                let result = try runZhiban(["sync", usb, "--data", stations[i].data])
                #expect(result.status == 0, "\(result.stdout) \(result.stderr)")
            }
        }
        let results = try stations.map { try digest($0.data) }
        #expect(Set(results.map(\.0)).count == 1, "digests differ: \(results)")
        #expect(results.allSatisfy { $0.1 == 9 })
        let untrusted = try runZhiban(["trust", "add", "zhiban-station 0000000000000000 ed25519:AAAA x", "--data", stations[0].data])
        #expect(untrusted.status == 3)
    }

    @Test func rsyncAndAHalfCopiedFileStillConverge() throws {
        let rsync = ["/usr/bin/rsync", "/bin/rsync"].first { FileManager.default.isExecutableFile(atPath: $0) }
        let rsyncPath = try #require(rsync, "rsync missing: bash .ci/run installs it")
        let base = TestPaths.temporaryDirectory("zb-rsync")
        defer { try? FileManager.default.removeItem(at: base) }
        let stations = try makeStations(base, ["泰州市局", "泰兴市局"])
        #expect(try runZhiban(["trust", "add", stations[1].key, "--data", stations[0].data]).status == 0)
        #expect(try runZhiban(["trust", "add", stations[0].key, "--data", stations[1].data]).status == 0)
        let folderA = base.appendingPathComponent("syncA").path, folderB = base.appendingPathComponent("syncB").path
        for f in [folderA, folderB] { try FileManager.default.createDirectory(atPath: f, withIntermediateDirectories: true) }
        for n in 1...5 { #expect(try runZhiban(["note", "--data", stations[0].data, "记录\(n)"]).status == 0) }
        #expect(try runZhiban(["sync", folderA, "--data", stations[0].data]).status == 0)
        // A half-copied file (USB pulled out): plain cp of part of it.
        let feed = try FileManager.default.contentsOfDirectory(atPath: folderA).first { $0.hasSuffix(".log") }!
        let bytes = try Data(contentsOf: URL(fileURLWithPath: folderA + "/" + feed))
        try bytes.prefix(bytes.count - 40).write(to: URL(fileURLWithPath: folderB + "/" + feed))
        let partial = try runZhiban(["sync", folderB, "--data", stations[1].data])
        #expect(partial.status == 0, "\(partial.stdout)")
        #expect(partial.stdout.contains("5 in"), "\(partial.stdout)")  // identity + 4 whole notes
        // rsync carries the rest; syncing again completes cleanly.
        let copy = try Subprocess.run([rsyncPath, "-a", folderA + "/", folderB + "/"])
        #expect(copy.status == 0, "\(copy.stderr)")
        let rest = try runZhiban(["sync", folderB, "--data", stations[1].data])
        #expect(rest.status == 0 && rest.stdout.contains("1 in"), "\(rest.stdout)")
        #expect(try digest(stations[1].data).1 == 5)
        #expect(try runZhiban(["verify", "--data", stations[1].data]).status == 0)
    }
}

@Suite(.serialized) struct BundleEndToEndTests {
    @Test func exportBundleAndImportIt() throws {
        let base = TestPaths.temporaryDirectory("zb-bundle-e2e")
        defer { try? FileManager.default.removeItem(at: base) }
        let a = base.appendingPathComponent("a").path, b = base.appendingPathComponent("b").path
        #expect(try runZhiban(["init", "--name", "泰州市局", "--data", a]).status == 0)
        #expect(try runZhiban(["init", "--name", "姜堰区局", "--data", b]).status == 0)
        let keyA = try runZhiban(["key", "--data", a]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(try runZhiban(["trust", "add", keyA, "--data", b]).status == 0)
        for n in 1...3 { #expect(try runZhiban(["note", "--data", a, "记录\(n)"]).status == 0) }
        let file = base.appendingPathComponent("to-jiangyan.zb").path
        let export = try runZhiban(["export", "--bundle", file, "--data", a])
        // 4 records: A's identity record and three notes.
        #expect(export.status == 0 && export.stdout.contains("4 records"), "\(export.stdout) \(export.stderr)")
        let imported = try runZhiban(["import", file, "--data", b])
        #expect(imported.status == 0 && imported.stdout.contains("imported 4 records"), "\(imported.stdout)")
        let garbage = base.appendingPathComponent("garbage.bin").path
        try Data([0, 1, 2, 3]).write(to: URL(fileURLWithPath: garbage))
        let rejected = try runZhiban(["import", garbage, "--data", b])
        #expect(rejected.status == 3 && rejected.stdout.contains("rejected"), "\(rejected.stdout)")
        // --since the peer's own status: only what it lacks.
        #expect(try runZhiban(["note", "--data", a, "记录4"]).status == 0)
        let state = base.appendingPathComponent("b-status.json").path
        try Data(try runZhiban(["status", "--json", "--data", b]).stdout.utf8).write(to: URL(fileURLWithPath: state))
        let since = try runZhiban(["export", "--bundle", file, "--since", state, "--data", a])
        #expect(since.stdout.contains("2 records"), "\(since.stdout) \(since.stderr)")
        #expect(try runZhiban(["import", file, "--data", b]).stdout.contains("imported 1 records"))
    }
}

@Suite(.serialized) struct BackgroundSyncConsoleTests {
    @Test func consolePullsFromItsSyncFolderLiveAndShowsAnUnreachableOne() throws {
        let base = TestPaths.temporaryDirectory("zb-bg-sync")
        defer { try? FileManager.default.removeItem(at: base) }
        let a = base.appendingPathComponent("a").path, b = base.appendingPathComponent("b").path
        let usb = base.appendingPathComponent("usb").path, missing = base.appendingPathComponent("not-plugged-in").path
        try FileManager.default.createDirectory(atPath: usb, withIntermediateDirectories: true)
        #expect(try runZhiban(["init", "--name", "泰州市局", "--data", a]).status == 0)
        #expect(try runZhiban(["init", "--name", "靖江市局", "--data", b]).status == 0)
        let keyA = try runZhiban(["key", "--data", a]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(try runZhiban(["trust", "add", keyA, "--data", b]).status == 0)
        let config = b + "/station.toml"
        var text = try String(contentsOfFile: config, encoding: .utf8)
        text += "sync_folders = [\"\(usb)\", \"\(missing)\"]\nsync_interval_seconds = 5\n"
        try text.write(toFile: config, atomically: true, encoding: .utf8)

        let session = try TmuxSession([TestPaths.zhibanBinary, "--data", b, "--lang", "en"], width: 160, height: 30)
        try session.waitFor(text: "1 records")
        let unreachable = try session.waitFor(text: "sync unreachable since", timeout: 15)
        #expect(unreachable.joined(separator: "\n").contains("sync unreachable since"))
        for n in 1...2 { #expect(try runZhiban(["note", "--data", a, "记录\(n)"]).status == 0) }
        #expect(try runZhiban(["sync", usb, "--data", a]).status == 0)
        // B's identity record, then A's identity and two notes.
        let screen = try session.waitFor(text: "4 records", timeout: 15)
        #expect(screen.joined(separator: "\n").contains("4 records"), "no live pull:\n\(screen.joined(separator: "\n"))")
        try session.send("q")
        #expect(session.exitStatus() == 0)
    }
}
