import Console
import Testing
import TerminalUI

/// One screen size in one language, for tests run at every size the issues name
/// (80×24, 60×16, 200×60) in both languages.
public struct ScreenCase: CustomTestStringConvertible, Sendable {
    public var language: Language
    public var size: Size
    public var testDescription: String { "\(size.width)x\(size.height)-\(language.rawValue)" }

    public init(language: Language, size: Size) {
        self.language = language
        self.size = size
    }

    public static let sizes = [Size(width: 80, height: 24), Size(width: 60, height: 16), Size(width: 200, height: 60)]
    public static let all = Language.allCases.flatMap { language in sizes.map { ScreenCase(language: language, size: $0) } }
}
