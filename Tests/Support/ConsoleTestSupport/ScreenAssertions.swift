import Foundation
import Testing
import TerminalUI

/// Compares a buffer's rows with expected text (trailing spaces ignored) and
/// reports every differing row, so a failure reads like a diff.
public func assertScreen(_ buffer: ScreenBuffer, _ expected: [String],
                         sourceLocation: SourceLocation = #_sourceLocation) {
    let actual = buffer.lines
    var problems: [String] = []
    for row in 0..<max(actual.count, expected.count) {
        let a = row < actual.count ? actual[row] : "<no row>"
        var e = row < expected.count ? expected[row] : ""
        while e.last == " " { e.removeLast() }
        if a != e { problems.append("row \(row):\n  expected |\(e)|\n  actual   |\(a)|") }
    }
    if !problems.isEmpty {
        Issue.record(Comment(rawValue: "screen differs:\n" + problems.joined(separator: "\n")), sourceLocation: sourceLocation)
    }
}

/// The text of a rectangle of the screen, row by row, trailing spaces trimmed.
public func text(of buffer: ScreenBuffer, in rect: Rect) -> [String] {
    (rect.y..<rect.maxY).map { y in
        var s = ""
        for x in rect.x..<rect.maxX where !buffer[x, y].isContinuation { s += buffer[x, y].text }
        while s.last == " " { s.removeLast() }
        return s
    }
}

public enum Snapshot {
    /// A readable rendering of text and styles: the rows, then one letter per
    /// cell naming its style, then the legend of letters.
    public static func render(_ buffer: ScreenBuffer) -> String {
        var legend: [Style: Character] = [:]
        var order: [Style] = []
        let letters = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
        var styleRows: [String] = []
        for y in 0..<buffer.size.height {
            var row = ""
            for x in 0..<buffer.size.width {
                let style = buffer[x, y].style
                if legend[style] == nil {
                    legend[style] = order.count < letters.count ? letters[order.count] : "?"
                    order.append(style)
                }
                row.append(legend[style]!)
            }
            styleRows.append(row)
        }
        var out = "--- \(buffer.size) text\n"
        for y in 0..<buffer.size.height { out += "|" + buffer.line(y) + "|\n" }
        out += "--- styles\n"
        out += styleRows.joined(separator: "\n") + "\n"
        out += "--- legend\n"
        for style in order { out += "\(legend[style]!): \(style)\n" }
        return out
    }
}

/// Compares a buffer with the snapshot file `__Snapshots__/NAME.txt` beside
/// the calling test file. With RECORD_SNAPSHOTS=1 the file is (re)written and
/// the test passes; without it a missing file is a failure.
public func assertSnapshot(_ buffer: ScreenBuffer, named name: String, filePath: String = #filePath,
                           sourceLocation: SourceLocation = #_sourceLocation) {
    assertTextSnapshot(Snapshot.render(buffer), named: name, filePath: filePath, sourceLocation: sourceLocation)
}

/// Compares text (a printed report) with `__Snapshots__/NAME.txt` line by line, as `assertSnapshot` does a screen.
public func assertTextSnapshot(_ actual: String, named name: String, filePath: String = #filePath,
                               sourceLocation: SourceLocation = #_sourceLocation) {
    let directory = URL(fileURLWithPath: filePath).deletingLastPathComponent().appendingPathComponent("__Snapshots__")
    let file = directory.appendingPathComponent("\(name).txt")
    if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" {
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        do { try actual.write(to: file, atomically: true, encoding: .utf8) } catch {
            Issue.record("cannot record snapshot \(file.path): \(error)", sourceLocation: sourceLocation)
        }
        return
    }
    guard let data = FileManager.default.contents(atPath: file.path), let expected = String(data: data, encoding: .utf8) else {
        Issue.record("no snapshot at \(file.path); run the tests with RECORD_SNAPSHOTS=1 to record it", sourceLocation: sourceLocation)
        return
    }
    if expected != actual {
        let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
        var diff: [String] = []
        for i in 0..<max(e.count, a.count) {
            let el = i < e.count ? String(e[i]) : "<none>"
            let al = i < a.count ? String(a[i]) : "<none>"
            if el != al { diff.append("line \(i + 1):\n  snapshot |\(el)\n  actual   |\(al)") }
            if diff.count >= 12 { diff.append("…"); break }
        }
        Issue.record(Comment(rawValue: "snapshot \(name) differs (re-record with RECORD_SNAPSHOTS=1 if the change is intended):\n" + diff.joined(separator: "\n")),
                     sourceLocation: sourceLocation)
    }
}
