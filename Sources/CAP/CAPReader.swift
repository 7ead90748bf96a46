import Foundation

/// Reads CAP alerts from bytes. Implementation in CAPParser.swift (helper).
public struct CAPReader: Sendable {
    /// Largest file accepted; real CAP messages are a few kilobytes.
    public var maximumBytes: Int
    /// Deepest element nesting accepted (a CAP alert is 4 deep).
    public var maximumDepth: Int

    public init(maximumBytes: Int = 1 << 20, maximumDepth: Int = 32) {
        self.maximumBytes = maximumBytes
        self.maximumDepth = maximumDepth
    }
}
