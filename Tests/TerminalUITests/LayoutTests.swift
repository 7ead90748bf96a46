import ConsoleTestSupport
import Testing
import TerminalUI

@Suite("Layout")
struct LayoutTests {
    @Test("lengths", arguments: [
        (10, [Constraint.fixed(3), .fill], [3, 7]),
        (10, [.fill, .fixed(3)], [7, 3]),
        (80, [.fixed(1), .fill, .fixed(1)], [1, 78, 1]),
        (10, [.percent(50), .fill], [5, 5]),
        (10, [.percent(33), .fill], [3, 7]),
        (99, [.percent(50), .percent(50)], [49, 49]),
        (10, [.percent(150)], [10]),
        (10, [.percent(-5), .fill], [0, 10]),
        (10, [.fill(1), .fill(2)], [4, 6]),
        (12, [.fill(1), .fill(2)], [4, 8]),
        (10, [.fill, .fill, .fill], [4, 3, 3]),
        (11, [.fill, .fill, .fill], [4, 4, 3]),
        (2, [.fill, .fill, .fill], [1, 1, 0]),
        (10, [.fixed(2), .fill(0), .fill(1)], [2, 0, 8]),
        (10, [.fill(0)], [0]),
        (10, [.fixed(4)], [4]),
        (10, [.fixed(8), .fixed(5), .fill], [8, 2, 0]),
        (10, [.fixed(20), .fill], [10, 0]),
        (10, [.fixed(-3), .fill], [0, 10]),
        (10, [.percent(80), .fixed(5)], [8, 2]),
        (0, [.fixed(3), .fill, .percent(50)], [0, 0, 0]),
        (-5, [.fixed(3), .fill], [0, 0]),
        (10, [], []),
        (20, [.fixed(4), .fixed(1), .fill, .fixed(1), .fixed(5)], [4, 1, 9, 1, 5]),
    ] as [(Int, [Constraint], [Int])])
    func lengths(_ length: Int, _ constraints: [Constraint], _ expected: [Int]) {
        #expect(Layout.lengths(length, constraints) == expected)
    }

    @Test("lengths never exceed the total, are never negative, and fills take all that is left")
    func lengthsProperty() {
        var rng = SplitMix64(seed: 42)
        for _ in 0..<2000 {
            let total = Int(rng.next() % 300) - 10
            let count = Int(rng.next() % 7)
            let constraints: [Constraint] = (0..<count).map { _ in
                switch rng.next() % 3 {
                case 0: return .fixed(Int(rng.next() % 120) - 5)
                case 1: return .percent(Int(rng.next() % 130) - 10)
                default: return .fill(Int(rng.next() % 5))
                }
            }
            let result = Layout.lengths(total, constraints)
            #expect(result.count == constraints.count)
            #expect(result.allSatisfy { $0 >= 0 }, "\(total) \(constraints) → \(result)")
            let sum = result.reduce(0, +)
            #expect(sum <= max(0, total), "\(total) \(constraints) → \(result)")
            let hasFill = constraints.contains { if case .fill(let w) = $0 { return w > 0 } else { return false } }
            if hasFill { #expect(sum == max(0, total), "\(total) \(constraints) → \(result)") }
            // Fills with equal weights differ by at most one cell.
            let ones = zip(constraints, result).filter { $0.0 == .fill(1) }.map(\.1)
            if let lo = ones.min(), let hi = ones.max() { #expect(hi - lo <= 1) }
        }
    }

    @Test("rows stack top to bottom inside the rect")
    func rows() {
        let rect = Rect(x: 2, y: 1, width: 30, height: 10)
        let parts = rect.rows([.fixed(1), .fill, .fixed(2)])
        #expect(parts == [
            Rect(x: 2, y: 1, width: 30, height: 1),
            Rect(x: 2, y: 2, width: 30, height: 7),
            Rect(x: 2, y: 9, width: 30, height: 2),
        ])
        #expect(parts.last!.maxY == rect.maxY)
    }

    @Test("columns place pieces left to right")
    func columns() {
        let rect = Rect(x: 5, y: 3, width: 21, height: 4)
        let parts = rect.columns([.percent(50), .fixed(1), .fill])
        #expect(parts == [
            Rect(x: 5, y: 3, width: 10, height: 4),
            Rect(x: 15, y: 3, width: 1, height: 4),
            Rect(x: 16, y: 3, width: 10, height: 4),
        ])
    }

    @Test("over-allocated rows are cut at the bottom")
    func overAllocated() {
        let parts = Rect(x: 0, y: 0, width: 10, height: 3).rows([.fixed(2), .fixed(2), .fill])
        #expect(parts.map(\.height) == [2, 1, 0])
        #expect(parts.map(\.y) == [0, 2, 3])
        #expect(parts[2].isEmpty)
    }

    @Test("rect helpers")
    func rectHelpers() {
        let r = Rect(x: 2, y: 3, width: 10, height: 6)
        #expect(r.maxX == 12 && r.maxY == 9)
        #expect(r.contains(Position(x: 2, y: 3)))
        #expect(r.contains(Position(x: 11, y: 8)))
        #expect(!r.contains(Position(x: 12, y: 8)))
        #expect(!r.contains(Position(x: 11, y: 9)))
        #expect(r.inset(by: 1) == Rect(x: 3, y: 4, width: 8, height: 4))
        #expect(r.inset(by: 4) == Rect(x: 6, y: 7, width: 2, height: 0))
        #expect(r.inset(by: 4).isEmpty)
        #expect(r.intersection(Rect(x: 0, y: 0, width: 5, height: 5)) == Rect(x: 2, y: 3, width: 3, height: 2))
        #expect(r.intersection(Rect(x: 50, y: 50, width: 5, height: 5)).isEmpty)
        #expect(r.centered(Size(width: 4, height: 2)) == Rect(x: 5, y: 5, width: 4, height: 2))
        #expect(r.centered(Size(width: 40, height: 20)) == r)
        #expect(r.row(0) == Rect(x: 2, y: 3, width: 10, height: 1))
        #expect(r.row(5) == Rect(x: 2, y: 8, width: 10, height: 1))
        #expect(r.row(6).isEmpty)
        #expect(r.row(-1).isEmpty)
        #expect(Rect(x: 0, y: 0, width: -3, height: 2).width == 0)
        #expect(Size(width: -1, height: 5) == Size(width: 0, height: 5))
        #expect(Size(width: 80, height: 24).description == "80×24")
    }
}
