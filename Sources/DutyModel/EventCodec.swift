import Foundation
import SwiftProtobuf

/// The journal's event types and their payload codecs. A record carries the
/// type name and payload version; this table says how to read it.
public enum EventType: String, CaseIterable, Sendable {
    case logEntryAdded = "log.entry_added"

    public var payloadVersion: UInt16 { 1 }

    /// The protobuf message type of this event's payload.
    var messageType: any SwiftProtobuf.Message.Type {
        switch self {
        case .logEntryAdded: return Zhiban_Events_V1_LogEntryAdded.self
        }
    }
}

public enum EventCodec {
    /// snake_case field names as in the .proto files, 64-bit numbers as numbers.
    static var jsonOptions: JSONEncodingOptions {
        var options = JSONEncodingOptions()
        options.preserveProtoFieldNames = true
        options.alwaysPrintInt64sAsNumbers = true
        return options
    }

    public static func encode(_ message: some SwiftProtobuf.Message) throws -> [UInt8] {
        try message.serializedBytes()
    }

    /// A payload as a JSON object (protobuf's JSON mapping), for `export --jsonl`.
    /// Unknown types or versions come back nil so the caller can show raw bytes.
    public static func json(type: String, version: UInt16, payload: [UInt8]) -> String? {
        guard let known = EventType(rawValue: type), version == known.payloadVersion,
              let message = try? known.messageType.init(serializedBytes: payload),
              let json = try? message.jsonString(options: jsonOptions) else { return nil }
        return json
    }
}
