/// A small deterministic random generator, so a failing property test can
/// be replayed from its seed.
public struct SplitMix64: RandomNumberGenerator {
    public var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// What the monkeys (#18) type beside the keys: Chinese, and characters that
/// must never reach the screen as themselves or that test the cell layout.
public enum MonkeyAlphabet {
    public static let chinese = Array("泰州市兴化海陵姜堰靖江泰兴高港暴雨橙色预警圩堤管涌转移群众值班员王芳李强，。、：（）")
    /// C0 and C1 controls, DEL, a bidi override (none of which may reach the screen),
    /// zero-width and combining marks, wide emoji sequences, U+FFFD, line breaks and a tab.
    public static let awkward: [Character] = ["\u{7}", "\u{8}", "\u{1B}", "\u{7F}", "\u{85}", "\u{9B}", "\u{202E}", "\u{200B}",
                                              "\u{FEFF}", "e\u{301}", "\u{301}", "👩‍🚒", "🇨🇳", "\u{FFFD}", "\r", "\n", "\t"]
}

extension SplitMix64 {
    /// 1 to 40 characters: a quarter awkward, a quarter Chinese, the rest from `printable`.
    public mutating func monkeyText(printable: [Character]) -> String {
        String((0..<(1 + next() % 40)).map { _ -> Character in
            switch next() % 4 {
            case 0: return MonkeyAlphabet.awkward[Int(next() % UInt64(MonkeyAlphabet.awkward.count))]
            case 1: return MonkeyAlphabet.chinese[Int(next() % UInt64(MonkeyAlphabet.chinese.count))]
            default: return printable[Int(next() % UInt64(printable.count))]
            }
        })
    }

    /// A terminal size from 20×6 to 300×100.
    public mutating func monkeySize() -> (width: Int, height: Int) {
        (20 + Int(next() % 281), 6 + Int(next() % 95))
    }
}
