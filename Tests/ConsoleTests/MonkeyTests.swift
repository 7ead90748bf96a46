import Console
import ConsoleTestSupport
import DutyModel
import Foundation
import Testing
import TerminalUI

/// A monkey at the console (#18): 100,000 random keys, pastes and resizes
/// through the real reduce and render, on a real station. After every one the
/// frame holds no control character; whenever the intake form holds something
/// typed, the draft last written holds exactly that; when a key quits, the next
/// console starts from the draft on disk and offers it back. The run is the
/// same every time (a fixed seed); a failure names the step and the keys before it.
@Suite struct MonkeyTests {
    /// Keys as a hostile or careless hand gives them, weighted toward what moves
    /// between screens, opens forms and types into them.
    struct Monkey {
        var random: SplitMix64
        /// Printable ASCII but `q`, which quits: it and Ctrl-C come rarely (see `key()`), so the
        /// monkey spends its keys in the console rather than starting it again.
        static let printable = Array("abcdefghijklmnoprstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 !\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
        static let chinese = MonkeyAlphabet.chinese
        /// The shared awkward characters, and NUL (which cannot travel through tmux).
        static let awkward = MonkeyAlphabet.awkward + ["\u{0}"]
        static let named: [Key] = [.enter, .tab, .backTab, .backspace, .delete, .insert, .escape,
                                   .up, .down, .left, .right, .home, .end, .pageUp, .pageDown]

        mutating func pick<T>(_ from: [T]) -> T { from[Int(random.next() % UInt64(from.count))] }
        mutating func chance(_ percent: UInt64) -> Bool { random.next() % 100 < percent }

        mutating func key() -> KeyPress {
            if random.next() % 1000 < 3 { return KeyPress(chance(50) ? .char("q") : .ctrl("c")) }
            let roll = random.next() % 100
            let key: Key
            switch roll {
            case 0..<30: key = .char(pick(Self.printable))
            case 30..<40: key = .char(pick(Self.chinese))
            case 40..<43: key = .char(pick(Self.awkward))
            case 43..<73: key = pick(Self.named)
            case 73..<83: key = .function(1 + Int(random.next() % 12))
            case 83..<88: key = .ctrl(pick(Array("abdefghijklmnopqrstuvwxyz")))
            default: key = .char(pick(Array("0123456789:?/nea")))  // screen keys and the commonest commands
            }
            return KeyPress(key, alt: chance(3))
        }

        mutating func text() -> String { random.monkeyText(printable: Self.printable) }

        mutating func size() -> Size {
            let size = random.monkeySize()
            return Size(width: size.width, height: size.height)
        }
    }

    /// The first control character (or other character a terminal would act on) in the frame, if any.
    static func controlIn(_ screen: ScreenBuffer) -> (x: Int, y: Int, scalar: UInt32)? {
        let cells = screen.cells
        var index = 0
        while index < cells.count {
            defer { index += 1 }
            // Most cells are one printable ASCII byte.
            var utf8 = cells[index].text.utf8.makeIterator()
            if let byte = utf8.next(), byte >= 0x20, byte < 0x7F, utf8.next() == nil { continue }
            for scalar in cells[index].text.unicodeScalars where Self.isControl(scalar) {
                return (index % screen.size.width, index / screen.size.width, scalar.value)
            }
        }
        return nil
    }

    /// C0 and C1 controls and DEL (what a terminal acts on), and the bidi
    /// embeddings, overrides and isolates (what reorders the text around them).
    /// Zero-width and joining characters are text (an emoji sequence holds them).
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.generalCategory == .control
            || (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value)
    }

    @Test func aHundredThousandRandomKeysAndResizes() throws {
        var monkey = Monkey(random: SplitMix64(seed: 0x7A68_6962_616E))
        let station = TempStation()
        var size = Size(width: 80, height: 24)
        var harness = ConsoleHarness(size: size, station: station, operatorName: "王芳")
        /// The draft as on disk: the last one any console wrote (nil: none, or removed).
        var onDisk: [String: String]?
        var written = 0
        var recent: [String] = []
        var restarts = 0, resizes = 0, pastes = 0
        let steps = 100_000
        for step in 0..<steps {
            let what: String
            switch monkey.random.next() % 1000 {
            case 0..<8:
                size = monkey.size()
                harness.resize(to: size)
                resizes += 1
                what = "resize \(size.width)×\(size.height)"
            case 8..<18:
                let text = monkey.text()
                if monkey.chance(50) { harness.bracketedPaste(text) } else { harness.paste(text) }
                pastes += 1
                what = "paste \(text.debugDescription)"
            default:
                let press = monkey.key()
                harness.press(press)
                what = press.description.debugDescription
            }
            recent = Array((recent + [what]).suffix(12))
            if harness.drafts.count > written {
                onDisk = harness.drafts.last!
                written = harness.drafts.count
            }
            let context = "step \(step), after \(recent.joined(separator: " "))"
            if let control = Self.controlIn(harness.screen) {
                Issue.record("a control character U+\(String(control.scalar, radix: 16)) at \(control.x),\(control.y): \(context)")
                return
            }
            if let form = harness.state.intake, form.isDirty, onDisk != form.draftValues {
                Issue.record("the intake form holds what its draft does not: form \(form.draftValues), draft \(onDisk.map { "\($0)" } ?? "none"); \(context)")
                return
            }
            if !harness.state.isRunning {
                // Quit: the next console starts from the draft left on disk and offers it back.
                restarts += 1
                harness = ConsoleHarness(size: size, station: station, operatorName: "王芳", draftOnDisk: onDisk)
                written = 0
                if let onDisk, harness.state.overlay != .resumeDraft || harness.state.resumableDraft != onDisk {
                    Issue.record("after a restart the draft \(onDisk) is not offered: \(context)")
                    return
                }
            }
        }
        // The monkey went everywhere the test means it to go.
        #expect(restarts > 10 && resizes > 500 && pastes > 500, "restarts \(restarts), resizes \(resizes), pastes \(pastes)")
        #expect(station.state.log.count > 0, "the monkey never wrote a log entry")
    }
}
