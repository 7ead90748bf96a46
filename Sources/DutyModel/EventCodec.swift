import Foundation
import SwiftProtobuf

/// The journal's event types and their payload messages. A record carries the
/// type name and payload version; this table says how to read it.
public enum EventType: String, CaseIterable, Sendable {
    case stationConfigured = "station.configured"
    case modeChanged = "station.mode_changed"
    case contactRecorded = "contact.recorded"
    case shiftPatternSet = "roster.pattern_set"
    case rosterAssigned = "roster.assigned"
    case shiftCheckedIn = "shift.checked_in"
    case incidentReceived = "incident.received"
    case incidentUpdated = "incident.updated"
    case incidentGraded = "incident.graded"
    case incidentStatusChanged = "incident.status_changed"
    case incidentReopened = "incident.reopened"
    case reportRecorded = "incident.report_recorded"
    case incidentNoted = "incident.noted"
    case logEntryAdded = "log.entry_added"
    case instructionGiven = "instruction.given"
    case instructionDone = "instruction.done"
    case warningReceived = "warning.received"
    case warningAcknowledged = "warning.acknowledged"
    case warningDisseminated = "warning.disseminated"
    case teamRecorded = "team.recorded"
    case teamStatusChanged = "team.status_changed"
    case teamDispatched = "team.dispatched"
    case depotRecorded = "depot.recorded"
    case stockChanged = "stock.changed"
    case stockItemRecorded = "stock.item_recorded"
    case shelterRecorded = "shelter.recorded"
    case shelterStatusChanged = "shelter.status_changed"
    case mapFeatureRecorded = "map.feature_recorded"
    case handoverDrafted = "handover.drafted"
    case handoverSigned = "handover.signed"
    case logEntryMarked = "log.entry_marked"

    public var payloadVersion: UInt16 { 1 }

    /// The protobuf message type of this event's payload.
    public var messageType: any SwiftProtobuf.Message.Type {
        switch self {
        case .stationConfigured: return Zhiban_Events_V1_StationConfigured.self
        case .modeChanged: return Zhiban_Events_V1_ModeChanged.self
        case .contactRecorded: return Zhiban_Events_V1_ContactRecorded.self
        case .shiftPatternSet: return Zhiban_Events_V1_ShiftPatternSet.self
        case .rosterAssigned: return Zhiban_Events_V1_RosterAssigned.self
        case .shiftCheckedIn: return Zhiban_Events_V1_ShiftCheckedIn.self
        case .incidentReceived: return Zhiban_Events_V1_IncidentReceived.self
        case .incidentUpdated: return Zhiban_Events_V1_IncidentUpdated.self
        case .incidentGraded: return Zhiban_Events_V1_IncidentGraded.self
        case .incidentStatusChanged: return Zhiban_Events_V1_IncidentStatusChanged.self
        case .incidentReopened: return Zhiban_Events_V1_IncidentReopened.self
        case .reportRecorded: return Zhiban_Events_V1_ReportRecorded.self
        case .incidentNoted: return Zhiban_Events_V1_IncidentNoted.self
        case .logEntryAdded: return Zhiban_Events_V1_LogEntryAdded.self
        case .instructionGiven: return Zhiban_Events_V1_InstructionGiven.self
        case .instructionDone: return Zhiban_Events_V1_InstructionDone.self
        case .warningReceived: return Zhiban_Events_V1_WarningReceived.self
        case .warningAcknowledged: return Zhiban_Events_V1_WarningAcknowledged.self
        case .warningDisseminated: return Zhiban_Events_V1_WarningDisseminated.self
        case .teamRecorded: return Zhiban_Events_V1_TeamRecorded.self
        case .teamStatusChanged: return Zhiban_Events_V1_TeamStatusChanged.self
        case .teamDispatched: return Zhiban_Events_V1_TeamDispatched.self
        case .depotRecorded: return Zhiban_Events_V1_DepotRecorded.self
        case .stockChanged: return Zhiban_Events_V1_StockChanged.self
        case .stockItemRecorded: return Zhiban_Events_V1_StockItemRecorded.self
        case .shelterRecorded: return Zhiban_Events_V1_ShelterRecorded.self
        case .shelterStatusChanged: return Zhiban_Events_V1_ShelterStatusChanged.self
        case .mapFeatureRecorded: return Zhiban_Events_V1_MapFeatureRecorded.self
        case .handoverDrafted: return Zhiban_Events_V1_HandoverDrafted.self
        case .handoverSigned: return Zhiban_Events_V1_HandoverSigned.self
        case .logEntryMarked: return Zhiban_Events_V1_LogEntryMarked.self
        }
    }

    /// The type whose payload is `message`.
    public static func of(_ message: any SwiftProtobuf.Message) -> EventType? {
        allCases.first { $0.messageType == type(of: message) }
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

    /// Decodes a payload; nil for an unknown type or version or bad bytes.
    public static func decode(type: String, version: UInt16, payload: [UInt8]) -> (any SwiftProtobuf.Message)? {
        guard let known = EventType(rawValue: type), version == known.payloadVersion else { return nil }
        return try? known.messageType.init(serializedBytes: payload)
    }

    /// A payload as a JSON object (protobuf's JSON mapping), for `export --jsonl`.
    public static func json(type: String, version: UInt16, payload: [UInt8]) -> String? {
        decode(type: type, version: version, payload: payload).flatMap { try? $0.jsonString(options: jsonOptions) }
    }
}
