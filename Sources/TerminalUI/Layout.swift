/// How much of a row or column a piece of layout takes.
public enum Constraint: Hashable, Sendable {
    /// Exactly this many cells (less if the space runs out).
    case fixed(Int)
    /// This percentage of the whole length, rounded down.
    case percent(Int)
    /// A share of what is left after fixed and percent parts, by weight.
    case fill(Int)

    public static let fill = Constraint.fill(1)
}

public enum Axis: Sendable {
    case horizontal
    case vertical
}

public enum Layout {
    /// Splits `length` cells among `constraints`. Fixed and percent parts are
    /// served first, in order, until the space runs out; fill parts share the
    /// rest by weight, the remainder going to the earliest fills. The lengths
    /// always add up to at most `length` and are never negative.
    public static func lengths(_ length: Int, _ constraints: [Constraint]) -> [Int] {
        let total = max(0, length)
        var remaining = total
        var result = Array(repeating: 0, count: constraints.count)
        for (index, constraint) in constraints.enumerated() {
            let wanted: Int
            switch constraint {
            case .fixed(let n): wanted = max(0, n)
            case .percent(let p): wanted = total * min(max(p, 0), 100) / 100
            case .fill: continue
            }
            result[index] = min(wanted, remaining)
            remaining -= result[index]
        }
        let weights = constraints.map { c -> Int in
            if case .fill(let w) = c { return max(w, 0) }
            return 0
        }
        let weightSum = weights.reduce(0, +)
        guard weightSum > 0 else { return result }
        var handed = 0
        for (index, weight) in weights.enumerated() where weight > 0 {
            result[index] = remaining * weight / weightSum
            handed += result[index]
        }
        var leftover = remaining - handed
        for (index, weight) in weights.enumerated() where weight > 0 && leftover > 0 {
            result[index] += 1
            leftover -= 1
        }
        return result
    }

    public static func split(_ rect: Rect, _ axis: Axis, _ constraints: [Constraint]) -> [Rect] {
        switch axis {
        case .vertical:
            var y = rect.y
            return lengths(rect.height, constraints).map { h in
                defer { y += h }
                return Rect(x: rect.x, y: y, width: rect.width, height: h)
            }
        case .horizontal:
            var x = rect.x
            return lengths(rect.width, constraints).map { w in
                defer { x += w }
                return Rect(x: x, y: rect.y, width: w, height: rect.height)
            }
        }
    }
}

extension Rect {
    /// Stacks pieces top to bottom.
    public func rows(_ constraints: [Constraint]) -> [Rect] { Layout.split(self, .vertical, constraints) }
    /// Places pieces left to right.
    public func columns(_ constraints: [Constraint]) -> [Rect] { Layout.split(self, .horizontal, constraints) }
}
