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
    /// snake_case keys on the wire, sorted, pretty (DESIGN §2's shapes).
    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return encoder
    }

    /// Prints `value` as pretty JSON; an encoding failure is said on stderr (exit 1).
    static func print(_ value: some Encodable) throws {
        do {
            printNow(String(decoding: try encoder().encode(value), as: UTF8.self))
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

/// `export --jsonl`: one record per line, keys in sorted order. Written by hand,
/// not through an encoder: a station exports years of records, and the payload is
/// already JSON (protobuf's JSON form, from `EventCodec.json`), embedded as it is.
enum RecordLine {
    static func line(_ record: Record, times: DutyTime.ISO8601Writer) -> String {
        var out = "{\"hash\":\"\(record.hash.hex)\",\"hlc\":\"\(record.time.description)\",\"operator\":"
        appendQuoted(record.operatorName, to: &out)
        if let json = EventCodec.json(type: record.eventType, version: record.payloadVersion, payload: record.payload) {
            out += ",\"payload\":" + json
        } else {
            out += ",\"payload_base64\":\"" + Data(record.payload).base64EncodedString() + "\""
        }
        out += ",\"payload_version\":\(record.payloadVersion),\"prev\":\"\(record.previousHash.hex)\",\"seq\":\(record.sequence)"
        out += ",\"signature\":\"" + Data(record.signature).base64EncodedString() + "\",\"station\":\"\(record.stationID)\""
        out += ",\"time\":\"" + times.string(record.time.date) + "\",\"type\":"
        appendQuoted(record.eventType, to: &out)
        out += "}"
        return out
    }

    /// A JSON string literal: quote, backslash and every control character escaped.
    static func appendQuoted(_ text: String, to out: inout String) {
        out += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || (0x2028...0x2029).contains(scalar.value) {
                    out += String(format: "\\u%04x", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }
}

/// Standard output in large writes (an export of years of records), flushed at the end.
struct BufferedOutput {
    private var buffer: [UInt8] = []
    mutating func line(_ text: String) {
        buffer += text.utf8
        buffer.append(0x0A)
        if buffer.count >= 1 << 16 { flush() }
    }
    mutating func flush() {
        guard !buffer.isEmpty else { return }
        FileHandle.standardOutput.write(Data(buffer))
        buffer.removeAll(keepingCapacity: true)
    }
}
