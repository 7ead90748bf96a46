/// A terminal colour: the terminal's own default, or an xterm-256 palette index
/// (0–7 the basic colours, 8–15 their bright forms, 16–231 a 6×6×6 cube,
/// 232–255 greys).
public enum Color: Hashable, Sendable, CustomStringConvertible {
    case `default`
    case indexed(UInt8)

    public static let black = Color.indexed(0)
    public static let red = Color.indexed(1)
    public static let green = Color.indexed(2)
    public static let yellow = Color.indexed(3)
    public static let blue = Color.indexed(4)
    public static let magenta = Color.indexed(5)
    public static let cyan = Color.indexed(6)
    public static let white = Color.indexed(7)

    public static let names: [String: Color] = [
        "default": .default, "black": .black, "red": .red, "green": .green, "yellow": .yellow,
        "blue": .blue, "magenta": .magenta, "cyan": .cyan, "white": .white,
        "bright-black": .indexed(8), "bright-red": .indexed(9), "bright-green": .indexed(10),
        "bright-yellow": .indexed(11), "bright-blue": .indexed(12), "bright-magenta": .indexed(13),
        "bright-cyan": .indexed(14), "bright-white": .indexed(15),
    ]

    public var description: String {
        switch self {
        case .default: return "default"
        case .indexed(let n): return String(n)
        }
    }

    /// The nearest of the eight basic colours, for terminals with only eight.
    public var basic: Color {
        guard case .indexed(let n) = self else { return self }
        if n < 8 { return self }
        if n < 16 { return .indexed(n - 8) }
        let (r, g, b) = rgb
        var best: UInt8 = 0
        var bestDistance = Int.max
        for (index, c) in Self.basicRGB.enumerated() {
            let d = (r - c.0) * (r - c.0) + (g - c.1) * (g - c.1) + (b - c.2) * (b - c.2)
            if d < bestDistance { bestDistance = d; best = UInt8(index) }
        }
        return .indexed(best)
    }

    static let basicRGB: [(Int, Int, Int)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0),
        (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
    ]

    /// Approximate red, green, blue of a palette entry (0–255 each).
    var rgb: (Int, Int, Int) {
        guard case .indexed(let n) = self else { return (0, 0, 0) }
        switch n {
        case 0..<8: return Self.basicRGB[Int(n)]
        case 8..<16:
            let (r, g, b) = Self.basicRGB[Int(n - 8)]
            return (min(255, r + 50), min(255, g + 50), min(255, b + 50))
        case 16..<232:
            let i = Int(n) - 16
            let steps = [0, 95, 135, 175, 215, 255]
            return (steps[i / 36], steps[(i / 6) % 6], steps[i % 6])
        default:
            let level = 8 + (Int(n) - 232) * 10
            return (level, level, level)
        }
    }
}

/// Text attributes a terminal can show without colour.
public struct Attributes: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let bold = Attributes(rawValue: 1 << 0)
    public static let dim = Attributes(rawValue: 1 << 1)
    public static let underline = Attributes(rawValue: 1 << 2)
    public static let reverse = Attributes(rawValue: 1 << 3)
    public static let italic = Attributes(rawValue: 1 << 4)

    public static let names: [String: Attributes] = [
        "bold": .bold, "dim": .dim, "underline": .underline, "reverse": .reverse, "italic": .italic,
    ]

    public var names: [String] {
        Self.names.filter { contains($0.value) }.map(\.key).sorted()
    }
}

public struct Style: Hashable, Sendable, CustomStringConvertible {
    public var foreground: Color
    public var background: Color
    public var attributes: Attributes

    public init(foreground: Color = .default, background: Color = .default, attributes: Attributes = []) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }

    public static let plain = Style()

    public func adding(_ extra: Attributes) -> Style {
        var s = self
        s.attributes.formUnion(extra)
        return s
    }

    public var description: String {
        var parts = ["fg=\(foreground)", "bg=\(background)"]
        parts += attributes.names
        return parts.joined(separator: " ")
    }
}

/// What colours the terminal can show, as it reports them.
public enum ColorCapability: Hashable, Sendable, CustomStringConvertible {
    case colors256
    case colors8
    case monochrome

    public init(colorCount: Int) {
        if colorCount >= 256 { self = .colors256 }
        else if colorCount >= 8 { self = .colors8 }
        else { self = .monochrome }
    }

    public var description: String {
        switch self {
        case .colors256: return "256"
        case .colors8: return "8"
        case .monochrome: return "mono"
        }
    }
}

extension Style {
    /// Whether an officer can tell the two apart at a glance: a different background
    /// (after reverse video; two palette colours must be clearly apart, not two
    /// neighbouring greys) or a different weight or underline. A foreground shade
    /// alone, dim and italic do not count (a selection marked by them is easily
    /// missed, and vt100 and the Linux console show no dim or italic).
    public func looksDifferent(from other: Style) -> Bool {
        let a = look, b = other.look
        if a.bold != b.bold || a.underline != b.underline { return true }
        return a.paper.clearlyDiffers(from: b.paper)
    }

    /// The cell as seen: the background behind the text (reverse video swaps the
    /// text's colour in) and the marks that show without colour.
    private var look: (paper: Shade, bold: Bool, underline: Bool) {
        let paper: Shade = attributes.contains(.reverse)
            ? (foreground == .default ? .terminalText : .palette(foreground))
            : (background == .default ? .terminalBackground : .palette(background))
        return (paper, attributes.contains(.bold), attributes.contains(.underline))
    }

    private enum Shade: Equatable {
        case terminalText, terminalBackground
        case palette(Color)

        func clearlyDiffers(from other: Shade) -> Bool {
            switch (self, other) {
            case (.palette(let a), .palette(let b)):
                let (r1, g1, b1) = a.rgb, (r2, g2, b2) = b.rgb
                return max(abs(r1 - r2), abs(g1 - g2), abs(b1 - b2)) >= 30
            default:
                // The terminal's own colours are unknown: a palette colour is taken as different from them.
                return self != other
            }
        }
    }
}
