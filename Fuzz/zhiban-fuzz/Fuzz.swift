import Foundation
import FuzzTargets

// Built two ways (Fuzz/README.md):
// - `swift build --sanitize=fuzzer -Xswiftc -DFUZZING --product zhiban-fuzz`: libFuzzer's
//   own main drives `LLVMFuzzerTestOneInput`; ZHIBAN_FUZZ names the target.
// - a plain build (as `swift build` and `swift test` make it): a replayer that runs
//   the files or folders named on its command line through a target, so a crash
//   found by the fuzzer can be run again without the fuzzer.

/// The target named by ZHIBAN_FUZZ, read once.
let selected: FuzzTarget = {
    let name = ProcessInfo.processInfo.environment["ZHIBAN_FUZZ"] ?? ""
    guard let target = FuzzTarget(rawValue: name) else {
        let names = FuzzTarget.allCases.map(\.rawValue).joined(separator: ", ")
        FileHandle.standardError.write(Data("zhiban-fuzz: set ZHIBAN_FUZZ to one of: \(names)\n".utf8))
        exit(2)
    }
    return target
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    selected.run(UnsafeRawBufferPointer(start: data, count: size))
    return 0
}

#if !FUZZING
@main
enum Replay {
    static func main() {
        var count = 0
        for argument in CommandLine.arguments.dropFirst() {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: argument, isDirectory: &isDirectory) else {
                FileHandle.standardError.write(Data("zhiban-fuzz: \(argument): no such file or folder\n".utf8))
                exit(2)
            }
            let files = isDirectory.boolValue
                ? ((try? FileManager.default.contentsOfDirectory(atPath: argument)) ?? []).sorted().map { argument + "/" + $0 }
                : [argument]
            for file in files {
                guard let data = FileManager.default.contents(atPath: file) else { continue }
                let taken = [UInt8](data).withUnsafeBytes { selected.run($0) }
                print("\(file): " + (taken.map { "\($0) taken in" } ?? "refused"))
                count += 1
            }
        }
        print("zhiban-fuzz \(selected.rawValue): \(count) inputs, no crash")
    }
}
#endif
