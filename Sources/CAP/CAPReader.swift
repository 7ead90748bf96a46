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

    /// The encoding a CAP file's bytes are read in, for messages: nil for UTF-8
    /// (the norm), "ISO-8859-1", "GB18030", or "GB18030 (declared GBK)" /
    /// "(declared GB2312)" for a file labelled with a subset of GB18030.
    public static func encodingRead(_ bytes: [UInt8]) -> String? {
        XMLSafety.encodingRead(bytes)
    }
}
