import ConsoleTestSupport
import Foundation
import FuzzTargets
import Testing

/// The fuzz targets' committed seed corpora (Fuzz/corpus), replayed in every
/// `swift test`: each seed is taken in by its reader (so the fuzzer starts
/// deep inside it), and every seed, cut short and with bytes changed, goes
/// through every target without a trap or a broken invariant. The fuzzers
/// themselves (`Fuzz/run`) search much further; this keeps the targets and
/// the seeds honest between their runs.
@Suite(.serialized) struct FuzzCorpusTests {
    static let corpus = TestPaths.repositoryRoot.appendingPathComponent("Fuzz/corpus")

    static func seeds(_ target: FuzzTarget) throws -> [(name: String, bytes: [UInt8])] {
        let folder = corpus.appendingPathComponent(target.rawValue)
        return try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted().map { name in
            (name, [UInt8](try Data(contentsOf: folder.appendingPathComponent(name))))
        }
    }

    static func run(_ target: FuzzTarget, _ bytes: [UInt8]) -> Int? {
        bytes.withUnsafeBytes { target.run($0) }
    }

    @Test(arguments: FuzzTarget.allCases)
    func everySeedIsTakenIn(_ target: FuzzTarget) throws {
        let seeds = try Self.seeds(target)
        #expect(seeds.count >= 2, "a corpus of one seed or none for \(target)")
        for seed in seeds {
            let taken = Self.run(target, seed.bytes)
            // `refused-…` seeds start the fuzzer on a refusal path (a bundle with a gap); the rest are taken in.
            if seed.name.hasPrefix("refused-") {
                #expect(taken == nil, "\(target): the seed \(seed.name) is taken in")
            } else {
                #expect(taken != nil, "\(target): the seed \(seed.name) is refused")
            }
        }
        // The seeds reach what each target is there for: records, a warning, rows, an import.
        let most = seeds.compactMap { Self.run(target, $0.bytes) }.max() ?? 0
        #expect(most > 0, "\(target): no seed takes anything in")
    }

    @Test func theFixtureBundleImportsEveryRecordOfTheFixtureJournal() throws {
        let journal = try Self.seeds(.scanner).first { $0.name == "journal.log" }!
        let bundle = try Self.seeds(.bundle).first { $0.name == "fixture.bundle" }!
        let records = Self.run(.scanner, journal.bytes)
        #expect(records != nil && records! > 100)
        #expect(Self.run(.bundle, bundle.bytes) == records)
    }

    /// What the fuzzers found, kept (Fuzz/regressions/<target>): each went through
    /// its reader once with a crash, and must now be refused or read, nothing worse.
    @Test func whatTheFuzzersFoundStaysFixed() throws {
        let folder = TestPaths.repositoryRoot.appendingPathComponent("Fuzz/regressions")
        var replayed = 0
        for target in FuzzTarget.allCases {
            let sub = folder.appendingPathComponent(target.rawValue)
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: sub.path) else { continue }
            for name in names.sorted() {
                _ = Self.run(target, [UInt8](try Data(contentsOf: sub.appendingPathComponent(name))))
                replayed += 1
            }
        }
        #expect(replayed >= 1)
        // The CAP one is refused with its reason, not read.
        let pi = [UInt8](try Data(contentsOf: folder.appendingPathComponent("cap/empty-processing-instruction.xml")))
        #expect(Self.run(.cap, pi) == nil)
    }

    @Test(arguments: FuzzTarget.allCases)
    func seedsCutAndChangedNeverTrap(_ target: FuzzTarget) throws {
        var random = SplitMix64(seed: 18)
        // Every seed through every target (a CAP file read as a journal, and so on) ...
        for other in FuzzTarget.allCases {
            for seed in try Self.seeds(other) { _ = Self.run(target, seed.bytes) }
        }
        // ... and its own seeds cut at random points and with random bytes changed, inserted or dropped.
        let rounds = target == .bundle ? 40 : 200
        var taken = 0, refused = 0
        for seed in try Self.seeds(target) where !seed.bytes.isEmpty {
            for _ in 0..<rounds {
                var bytes = seed.bytes
                switch random.next() % 4 {
                case 0:
                    bytes.removeLast(Int(random.next() % UInt64(bytes.count)))
                case 1:
                    for _ in 0..<(1 + random.next() % 4) {
                        bytes[Int(random.next() % UInt64(bytes.count))] = UInt8(truncatingIfNeeded: random.next())
                    }
                case 2:
                    bytes.insert(UInt8(truncatingIfNeeded: random.next()), at: Int(random.next() % UInt64(bytes.count + 1)))
                default:
                    let from = Int(random.next() % UInt64(bytes.count))
                    bytes.removeSubrange(from..<min(bytes.count, from + 1 + Int(random.next() % 64)))
                }
                if Self.run(target, bytes) == nil { refused += 1 } else { taken += 1 }
            }
        }
        // The mutations reach both ways out of the reader, so neither path goes untried.
        #expect(taken > 0 && refused > 0, "\(target): \(taken) taken in, \(refused) refused")
    }
}
