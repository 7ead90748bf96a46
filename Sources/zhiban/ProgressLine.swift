import Console
import Foundation
import Station
#if canImport(Glibc)
import Glibc
#endif

/// How far long work has come, on one line of standard error that rewrites
/// itself: shown only when standard error is a terminal and the work has taken
/// more than a second (a quick command, a script or a pipe sees nothing), and
/// wiped when the work ends so the command's own output stands alone.
final class ProgressLine {
    private let enabled: Bool
    private let language: Language
    private let started = Date()
    private var lastDrawn = Date.distantPast
    private var showing = false

    init(language: Language, enabled: Bool = isatty(STDERR_FILENO) == 1) {
        self.language = language
        self.enabled = enabled
    }

    func update(_ progress: FoldProgress) {
        guard enabled else { return }
        let now = Date()
        if progress.isFinished {
            clear()
            return
        }
        guard now.timeIntervalSince(started) >= 1, now.timeIntervalSince(lastDrawn) >= 0.1 else { return }
        lastDrawn = now
        showing = true
        StandardStream.error.write(Array(("\r\u{1B}[K" + Self.text(progress, language: language)).utf8))
    }

    func clear() {
        guard showing else { return }
        showing = false
        StandardStream.error.write(Array("\r\u{1B}[K".utf8))
    }

    /// "zhiban: folding records 340,000 / 1,000,000 [######--------------] 34%".
    static func text(_ progress: FoldProgress, language: Language) -> String {
        switch progress.phase {
        case .readingSnapshot:
            return language == .zh ? "zhiban: 正在读取 cache/state.snapshot …" : "zhiban: reading cache/state.snapshot …"
        case .writingSnapshot:
            return language == .zh ? "zhiban: 正在写入 cache/state.snapshot …" : "zhiban: writing cache/state.snapshot …"
        case .folding:
            let fraction = progress.total > 0 ? Double(progress.done) / Double(progress.total) : 0
            let filled = Int(fraction * 20)
            let bar = "[" + String(repeating: "#", count: filled) + String(repeating: "-", count: 20 - filled) + "]"
            func grouped(_ n: Int) -> String { n.formatted(.number.grouping(.automatic).locale(Locale(identifier: "en_US"))) }
            let counts = "\(grouped(progress.done)) / \(grouped(progress.total))"
            let what = language == .zh ? "正在汇总记录" : "folding records"
            return "zhiban: \(what) \(counts) \(bar) \(Int(fraction * 100))%"
        }
    }
}
