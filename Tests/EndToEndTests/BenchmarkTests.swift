import ConsoleTestSupport
import Foundation
import Testing

/// The benchmark's --quick run: it proves the benchmark runs (generator, every
/// row, the table). Timings are never asserted: the machine is shared and noisy.
@Suite struct BenchmarkTests {
    @Test func quickRunMeasuresEveryFigure() throws {
        let bench = URL(fileURLWithPath: TestPaths.zhibanBinary).deletingLastPathComponent().appendingPathComponent("zhiban-bench").path
        try #require(FileManager.default.isExecutableFile(atPath: bench), "zhiban-bench is built with the tests (swift test)")
        let result = try Subprocess.run([bench, "--quick", "--zhiban", TestPaths.zhibanBinary])
        #expect(result.status == 0, "\(result.stderr)")
        let rows = result.stdout.split(separator: "\n").filter { $0.hasPrefix("| ") && !$0.hasPrefix("| figure") }
        #expect(rows.count == 16, "\(result.stdout)")
        for figure in ["durable append", "SQLite WAL FULL", "the floor", "without its fdatasync", "zhiban note as a process",
                       "no cache/", "verify", "export --jsonl", "sync of 1,000 new records", "sync with nothing new",
                       "status --json", "console start to first frame, with the snapshot", "without a snapshot",
                       "a key on the log", "a map frame at 200×60", "one-row move"] {
            #expect(rows.contains { $0.contains(figure) }, "\(figure) missing: \(result.stdout)")
        }
        #expect(result.stdout.contains("16 figures measured"))
        // A figure the run could not measure would read "nan" or "inf".
        #expect(!rows.contains { $0.contains("nan") || $0.contains("inf ") }, "\(result.stdout)")
    }
}
