import Foundation
import XCTest
@testable import CAP

/// Fixture files and read helpers shared by the CAP tests.
enum CAPFixtures {
    static var folder: URL {
        get throws { try XCTUnwrap(Bundle.module.url(forResource: "Fixtures", withExtension: nil)) }
    }

    static func data(_ name: String) throws -> Data {
        try Data(contentsOf: folder.appendingPathComponent(name))
    }

    /// The package root, found from this file's path (Tests/CAPTests/…).
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let namespace12 = "urn:oasis:names:tc:emergency:cap:1.2"
}

extension XCTestCase {
    /// The alert the bytes hold; fails the test, listing the problems, when they are refused.
    func readAlert(_ data: Data, reader: CAPReader = CAPReader(),
                   file: StaticString = #filePath, line: UInt = #line) -> CAPAlert? {
        do {
            return try reader.read(data)
        } catch {
            XCTFail("expected an alert, got:\n\(error)", file: file, line: line)
            return nil
        }
    }

    func readAlert(_ xml: String, file: StaticString = #filePath, line: UInt = #line) -> CAPAlert? {
        readAlert(Data(xml.utf8), file: file, line: line)
    }

    /// The problems the bytes are refused for; fails the test when they are read as an alert.
    func problems(reading data: Data, reader: CAPReader = CAPReader(),
                  file: StaticString = #filePath, line: UInt = #line) -> [CAPProblem] {
        do {
            let alert = try reader.read(data)
            XCTFail("expected problems, got alert \(alert.identifier)", file: file, line: line)
            return []
        } catch {
            XCTAssertFalse(error.problems.isEmpty, "a refusal always names a problem", file: file, line: line)
            return error.problems
        }
    }

    func problems(reading xml: String, file: StaticString = #filePath, line: UInt = #line) -> [CAPProblem] {
        problems(reading: Data(xml.utf8), file: file, line: line)
    }

    /// Runs `body` and fails when it takes longer than `limit` seconds (hostile input must not hang).
    func assertQuick<T>(within limit: TimeInterval = 2, _ body: () throws -> T,
                        file: StaticString = #filePath, line: UInt = #line) rethrows -> T {
        let start = Date()
        let result = try body()
        let elapsed = Date().timeIntervalSince(start)
        XCTAssertLessThan(elapsed, limit, "took \(elapsed) s", file: file, line: line)
        return result
    }
}

/// A small valid CAP 1.2 alert around the given info content (for focused tests).
func alertXML(alertExtra: String = "", info: String? = defaultInfo, namespace: String = CAPFixtures.namespace12,
              msgType: String = "Alert", scope: String = "Public") -> String {
    """
    <?xml version="1.0" encoding="UTF-8"?>
    <alert xmlns="\(namespace)">
      <identifier>TZ-TEST-1</identifier>
      <sender>duty@tz.example.cn</sender>
      <sent>2024-07-25T09:30:00+08:00</sent>
      <status>Actual</status>
      <msgType>\(msgType)</msgType>
      <scope>\(scope)</scope>
    \(alertExtra)\(info.map { "  <info>\n\($0)\n  </info>" } ?? "")
    </alert>
    """
}

let defaultInfo = """
    <category>Met</category>
    <event>暴雨</event>
    <urgency>Expected</urgency>
    <severity>Moderate</severity>
    <certainty>Likely</certainty>
"""

#if canImport(Glibc)
import Glibc

/// A TCP socket listening on 127.0.0.1 at a free port, never accepting: tells whether anything connected.
final class LoopbackListener {
    let port: UInt16
    private let descriptor: Int32

    init?() {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { return nil }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let listening = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                bind(descriptor, socketAddress, length) == 0 && listen(descriptor, 8) == 0
                    && getsockname(descriptor, socketAddress, &length) == 0
            }
        }
        guard listening, fcntl(descriptor, F_SETFL, O_NONBLOCK) == 0 else {
            close(descriptor)
            return nil
        }
        self.descriptor = descriptor
        self.port = UInt16(bigEndian: address.sin_port)
    }

    /// True when a connection is waiting (the kernel completes it even though nobody accepts).
    var someoneConnected: Bool {
        let connection = accept(descriptor, nil, nil)
        guard connection >= 0 else { return false }
        close(connection)
        return true
    }

    deinit { close(descriptor) }
}
#endif
