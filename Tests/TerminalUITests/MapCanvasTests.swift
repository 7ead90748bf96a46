import Foundation
import Testing
@testable import TerminalUI

/// The grid map canvas (#20): points in known cells, lines without gaps at every
/// angle in ASCII and braille, polygon fill with holes, clipping at the edge,
/// symbols at the edge, labels that never overlap.
@Suite struct MapCanvasTests {
    let red = Style(foreground: .red)

    func marked(_ canvas: MapCanvas) -> Set<[Int]> {
        var cells = Set<[Int]>()
        for (y, line) in canvas.lines().enumerated() {
            for (x, ch) in line.enumerated() where ch != " " { cells.insert([x, y]) }
        }
        return cells
    }

    /// Whether `to` can be reached from `from` through 8-neighbouring members of `set`.
    func connected(_ set: Set<[Int]>, from: [Int], to: [Int]) -> Bool {
        guard set.contains(from), set.contains(to) else { return false }
        var seen: Set<[Int]> = [from], queue = [from]
        while let p = queue.popLast() {
            if p == to { return true }
            for dx in -1...1 { for dy in -1...1 {
                let q = [p[0] + dx, p[1] + dy]
                if set.contains(q), seen.insert(q).inserted { queue.append(q) }
            } }
        }
        return false
    }

    @Test func knownPointsFallInKnownCells() {
        var canvas = MapCanvas(width: 10, height: 5)
        canvas.symbol("T", x: 3.2, y: 1.7, style: red)
        canvas.symbol("D", x: 0, y: 0, style: red)
        canvas.symbol("S", x: 9.99, y: 4.99, style: red)
        canvas.symbol("X", x: 10, y: 0, style: red)        // just outside: not drawn
        canvas.symbol("Y", x: -0.01, y: 2, style: red)
        let lines = canvas.lines()
        #expect(lines[1] == "   T")
        #expect(lines[0] == "D")
        #expect(lines[4] == "         S")
        #expect(!lines.joined().contains("X") && !lines.joined().contains("Y"))
        // Of two symbols in one cell the higher priority stays, whatever the order.
        var both = MapCanvas(width: 3, height: 1)
        both.symbol("!", x: 1, y: 0, style: red, priority: 9)
        both.symbol("T", x: 1.5, y: 0.5, style: red, priority: 1)
        #expect(both.lines()[0] == " !")
    }

    @Test func marksFollowTheLinesLookOnScreen() {
        var canvas = MapCanvas(width: 12, height: 7)
        canvas.line(from: (0.5, 0.5), to: (11.5, 0.5), style: red)       // flat
        canvas.line(from: (0.5, 1.5), to: (0.5, 6.5), style: red)        // steep
        canvas.line(from: (2.5, 1.5), to: (10.5, 5.5), style: red)       // two across per one down: a diagonal on screen
        canvas.line(from: (2.5, 6.5), to: (6.5, 4.5), style: red)        // up and right
        let lines = canvas.lines()
        #expect(lines[0] == "------------")
        #expect(lines[1].hasPrefix("| \\"))
        #expect(lines[6].contains("/"))
        // Two different marks meeting make a +.
        var cross = MapCanvas(width: 5, height: 5)
        cross.line(from: (0.5, 2.5), to: (4.5, 2.5), style: red)
        cross.line(from: (2.5, 0.5), to: (2.5, 4.5), style: red)
        #expect(cross.lines()[2] == "--+--")
    }

    @Test(arguments: [MapCanvas.Resolution.ascii, .braille])
    func linesHaveNoGapsAtAnyAngle(_ resolution: MapCanvas.Resolution) {
        for degrees in stride(from: 0.0, to: 360.0, by: 7.5) {
            var canvas = MapCanvas(width: 41, height: 21, resolution: resolution)
            let a = (x: 20.5, y: 10.5)
            let b = (x: a.x + 18 * cos(degrees * .pi / 180), y: a.y + 9 * sin(degrees * .pi / 180))
            canvas.line(from: a, to: b, style: red)
            let cells = marked(canvas)
            let end = [Int(b.x.rounded(.down)), Int(b.y.rounded(.down))]
            #expect(connected(cells, from: [20, 10], to: end), "\(resolution) \(degrees)°: a gap between the ends")
        }
    }

    @Test func brailleDotsAreFinerThanCells() {
        var canvas = MapCanvas(width: 4, height: 2, resolution: .braille)
        canvas.line(from: (0, 0.1), to: (4, 0.1), style: red)   // the top row of dots only
        #expect(canvas.lines()[0] == "⠉⠉⠉⠉")
        #expect(canvas.lines()[1].trimmingCharacters(in: .whitespaces).isEmpty)
    }

    @Test func polygonsFillWithHoles() {
        var canvas = MapCanvas(width: 12, height: 8)
        let outer = [(x: 2.0, y: 1.0), (x: 10.0, y: 1.0), (x: 10.0, y: 7.0), (x: 2.0, y: 7.0)]
        let hole = [(x: 5.0, y: 3.0), (x: 7.0, y: 3.0), (x: 7.0, y: 5.0), (x: 5.0, y: 5.0)]
        canvas.fill([outer, hole], text: "~", style: red)
        let lines = canvas.lines()
        #expect(lines[0].trimmingCharacters(in: .whitespaces).isEmpty)
        #expect(lines[1] == "  ~~~~~~~~")
        #expect(lines[3] == "  ~~~  ~~~", "the hole is not filled")
        #expect(lines[6] == "  ~~~~~~~~")
        #expect(lines[7].trimmingCharacters(in: .whitespaces).isEmpty)
        // A line drawn over a fill shows the line.
        canvas.line(from: (0.5, 2.5), to: (11.5, 2.5), style: red)
        #expect(canvas.lines()[2] == "------------")
    }

    @Test func linesAreClippedAtTheEdgeWithoutWalkingTheWholeLine() {
        var canvas = MapCanvas(width: 20, height: 5)
        let started = Date()
        canvas.line(from: (-1e9, 2.5), to: (1e9, 2.5), style: red)
        canvas.line(from: (-50, -50), to: (-40, -45), style: red)       // wholly outside
        canvas.line(from: (.nan, 1), to: (3, 1), style: red)
        #expect(Date().timeIntervalSince(started) < 1)
        let lines = canvas.lines()
        #expect(lines[2] == String(repeating: "-", count: 20))
        #expect(lines.enumerated().allSatisfy { $0.offset == 2 || $0.element.trimmingCharacters(in: .whitespaces).isEmpty })
    }

    @Test func labelsNeverOverlapEachOtherOrSymbols() {
        var canvas = MapCanvas(width: 60, height: 20)
        var seed = UInt64(7)
        var symbolCells = Set<[Int]>()
        func next() -> Double {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Double(seed >> 11) / Double(1 << 53)
        }
        for i in 0..<80 {
            let x = next() * 60, y = next() * 20
            canvas.symbol("•", x: x, y: y, style: red)
            symbolCells.insert([Int(x), Int(y)])
            canvas.label(i % 3 == 0 ? "泰兴市" : "Town\(i)", x: x, y: y, style: red, priority: i % 5)
        }
        let placed = canvas.placedLabels()
        #expect(placed.count > 10 && placed.count < 80, "some placed, some dropped: \(placed.count)")
        for (i, a) in placed.enumerated() {
            #expect(a.x >= 0 && a.x + a.width <= 60 && a.y >= 0 && a.y < 20)
            for b in placed[(i + 1)...] where a.y == b.y {
                #expect(a.x + a.width < b.x || b.x + b.width < a.x, "\(a) and \(b) overlap or touch")
            }
        }
        // No label covers a symbol: every symbol is still on screen.
        let text = canvas.lines().joined()
        #expect(text.filter { $0 == "•" }.count == symbolCells.count)
    }

    @Test func theMoreImportantLabelGetsThePlaceAndALabelAtTheEdgeTurnsInwards() {
        var canvas = MapCanvas(width: 20, height: 1)
        canvas.label("town", x: 5, y: 0, style: red, priority: 1)
        canvas.label("泰州市", x: 5, y: 0, style: red, priority: 5)
        let placed = canvas.placedLabels()
        #expect(placed.first == MapCanvas.PlacedLabel(text: "泰州市", x: 6, y: 0, width: 6), "the seat takes the place right of the point")
        #expect(placed.count == 1 || placed[1].x + placed[1].width < 6, "the town goes left or is dropped")
        var edge = MapCanvas(width: 10, height: 3)
        edge.symbol("T", x: 9.5, y: 1, style: red)
        edge.label("Team", x: 9.5, y: 1, style: red)
        #expect(edge.placedLabels() == [MapCanvas.PlacedLabel(text: "Team", x: 5, y: 1, width: 4)])
        #expect(edge.lines()[1] == "     TeamT")
    }
}
