import DutyModel
import Foundation
import Journal
import SafeText

/// The JSON shapes of DESIGN.md §2 as Codable types: the compiler checks the
/// keys (camelCase here, snake_case on the wire), `Null` writes an explicit null.

/// A value, or `null` (never a missing key).
struct Null<Wrapped: Encodable>: Encodable {
    var value: Wrapped?
    init(_ value: Wrapped?) { self.value = value }
    func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        if let value { try container.encode(value) } else { try container.encodeNil() }
    }
}

enum JSONOut {
    static func encoder(pretty: Bool) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = pretty ? [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    /// Prints `value` as pretty JSON; an encoding failure is said on stderr (exit 1).
    static func print(_ value: some Encodable) throws {
        do {
            printNow(String(decoding: try encoder(pretty: true).encode(value), as: UTF8.self))
        } catch {
            printError("zhiban: cannot write the JSON output: \(error)")
            throw Exit.checkFailed
        }
    }

    static func time(_ date: Date?, _ zone: TimeZone) -> Null<String> { Null(date.map { DutyTime.formatISO8601($0, timeZone: zone) }) }

    static func deadlineKind(_ kind: DeadlineKind) -> String {
        switch kind {
        case .initialPhone: return "initial_phone"
        case .initialWritten: return "initial_written"
        case .followUp(let n): return "follow_up_\(n)"
        case .final: return "final"
        }
    }
}

/// `incidents --json`: one element.
struct IncidentJSON: Encodable {
    struct Location: Encodable { var county, town, village, detail: String; var lat, lon: Null<Double> }
    struct Casualties: Encodable { var deaths, missing, injured, trapped, evacuated: Int }
    struct NextReport: Encodable { var kind: String; var due: Null<String>; var overdue: Bool }
    var id: String
    var status: String
    var grade: Null<String>
    var suggestedGrade: Null<String>
    var receivedAt: Null<String>
    var type: String
    var location: Location
    var casualties: Casualties
    var nextReport: Null<NextReport>

    init(_ s: IncidentSummary, now: Date, zone: TimeZone) {
        id = s.id
        status = s.status.rawValue
        grade = Null(s.grade?.rawValue)
        suggestedGrade = Null(s.suggestedGrade?.rawValue)
        receivedAt = JSONOut.time(s.receivedAt, zone)
        type = s.type
        location = Location(county: s.place.county, town: s.place.town, village: s.place.village, detail: s.place.detail,
                            lat: Null(s.place.latitude), lon: Null(s.place.longitude))
        casualties = Casualties(deaths: s.casualties.deaths, missing: s.casualties.missing, injured: s.casualties.injured,
                                trapped: s.casualties.trapped, evacuated: s.casualties.evacuated)
        nextReport = Null(s.nextDeadline.map {
            NextReport(kind: JSONOut.deadlineKind($0.kind), due: JSONOut.time($0.due, zone), overdue: $0.isOverdue(at: now))
        })
    }
}

/// `status --json`.
struct StatusJSON: Encodable {
    struct StationInfo: Encodable { var id, name, code: String }
    struct OnDuty: Encodable { var leaders, officers: [String] }
    struct Warnings: Encodable { var red, orange, yellow, blue: Int }
    struct Counts: Encodable { var incidents, contacts, teams, depots, shelters, logEntries: Int }
    struct Peer: Encodable { var id, name: String; var records: UInt64; var lastSync: Null<String>; var frozen: Bool }
    var station: StationInfo
    var now: String
    var onDuty: OnDuty
    var openIncidents: Int
    var reportsDue: Int
    var reportsOverdue: Int
    var activeWarnings: Warnings
    var counts: Counts
    var peers: [Peer]
    var digest: String
}

/// `alerts --json`: one element.
struct WarningJSON: Encodable {
    struct Acknowledged: Encodable { var by, at: String }
    struct Coverage: Encodable { var reached, total: Int; var percent: Null<Double> }
    var key, chain, identifier, sender: String
    var sent: Null<String>
    var msgType, status: String
    var exercise: Bool
    var phase: String
    var level: Null<String>
    var type, issuer, senderName, source: String
    var areas, towns: [String]
    var effective, onset, expires: Null<String>
    var headline: String
    var acknowledged: Null<Acknowledged>
    var coverage: Coverage
    var history: [String]

    init(_ s: WarningSummary, zone: TimeZone) {
        let info = s.info
        let p = TextSafety.printable
        key = p(info.key); chain = p(s.chainKey); identifier = p(info.identifier); sender = p(info.sender)
        sent = JSONOut.time(info.sentAt.timeIntervalSince1970 > 0 ? info.sentAt : nil, zone)
        msgType = info.msgType.rawValue; status = info.status.rawValue; exercise = s.isExercise
        switch s.phase {
        case .inForce: phase = "in_force"
        case .expired: phase = "expired"
        case .cancelled: phase = "cancelled"
        }
        level = Null(s.color?.rawValue)
        type = p(info.type); issuer = p(info.issuer); senderName = p(info.senderName); source = info.source.rawValue
        areas = info.areas.map(p); towns = info.towns.map(p)
        effective = JSONOut.time(info.effective, zone); onset = JSONOut.time(info.onset, zone)
        expires = JSONOut.time(info.expires, zone)
        headline = p(info.headline)
        acknowledged = Null(s.acknowledgedBy.map { Acknowledged(by: p($0.operatorName), at: DutyTime.formatISO8601($0.at, timeZone: zone)) })
        coverage = Coverage(reached: s.coverage.reached, total: s.coverage.total, percent: Null(s.coveragePercent.map { ($0 * 10).rounded() / 10 }))
        history = s.history.map { p($0.key) }
    }
}

/// Any JSON value: an event's payload as `EventCodec.json` writes it, carried into a line.
enum JSONValue: Codable {
    case null, bool(Bool), number(Double), string(String), array([JSONValue]), object([String: JSONValue])

    init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null }
        else if let b = try? c.decode(Bool.self) { self = .bool(b) }
        else if let n = try? c.decode(Double.self) { self = .number(n) }
        else if let s = try? c.decode(String.self) { self = .string(s) }
        else if let a = try? c.decode([JSONValue].self) { self = .array(a) }
        else { self = .object(try c.decode([String: JSONValue].self)) }
    }

    func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .null: try c.encodeNil()
        case .bool(let b): try c.encode(b)
        case .number(let n):
            // Whole numbers as integers (sequence numbers, counts), as the payload wrote them.
            if n.rounded() == n, abs(n) < 9.0e15 { try c.encode(Int64(n)) } else { try c.encode(n) }
        case .string(let s): try c.encode(s)
        case .array(let a): try c.encode(a)
        case .object(let o): try c.encode(o)
        }
    }
}

/// `export --jsonl`: one record. Payload keys are kept as the payload has them.
struct RecordJSON {
    var station: String
    var seq: UInt64
    var hlc: String
    var time: String
    var `operator`: String
    var type: String
    var payloadVersion: Int
    var prev: String
    var hash: String
    var signature: String
    var payload: JSONValue?
    var payloadBase64: String?

    init(_ record: Record, timeZone: TimeZone) {
        station = record.stationID.description
        seq = record.sequence
        hlc = record.time.description
        time = DutyTime.formatISO8601(record.time.date, timeZone: timeZone)
        `operator` = record.operatorName
        type = record.eventType
        payloadVersion = Int(record.payloadVersion)
        prev = record.previousHash.hex
        hash = record.hash.hex
        signature = Data(record.signature).base64EncodedString()
        if let json = EventCodec.json(type: record.eventType, version: record.payloadVersion, payload: record.payload),
           let value = try? JSONDecoder().decode(JSONValue.self, from: Data(json.utf8)) {
            payload = value
        } else {
            payloadBase64 = Data(record.payload).base64EncodedString()
        }
    }

    /// Payload keys must not be snake-cased by the encoder: the payload is encoded on its own.
    func line() throws -> String {
        let plain = JSONEncoder()
        plain.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var object: [String: JSONValue] = [
            "station": .string(station), "seq": .number(Double(seq)), "hlc": .string(hlc), "time": .string(time),
            "operator": .string(`operator`), "type": .string(type), "payload_version": .number(Double(payloadVersion)),
            "prev": .string(prev), "hash": .string(hash), "signature": .string(signature),
        ]
        if let payload { object["payload"] = payload }
        if let payloadBase64 { object["payload_base64"] = .string(payloadBase64) }
        return String(decoding: try plain.encode(object), as: UTF8.self)
    }
}
