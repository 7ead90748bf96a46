import Foundation

public enum TestPaths {
    /// The repository root, found from this file's location.
    public static let repositoryRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url
    }()

    public static var themesDirectory: String { repositoryRoot.appendingPathComponent("Themes").path }

    /// The built `zhiban` binary: $ZHIBAN_BIN, else next to the test bundle
    /// (swift test builds it because the end-to-end tests depend on it).
    public static var zhibanBinary: String {
        if let bin = ProcessInfo.processInfo.environment["ZHIBAN_BIN"], !bin.isEmpty { return bin }
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        for _ in 0..<4 {
            dir.deleteLastPathComponent()
            let candidate = dir.appendingPathComponent("zhiban").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return repositoryRoot.appendingPathComponent(".build/debug/zhiban").path
    }

    /// A fresh empty folder under the system temp dir.
    public static func temporaryDirectory(_ label: String = "zhiban-test") -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("\(label)-\(UUID().uuidString.prefix(8))")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
