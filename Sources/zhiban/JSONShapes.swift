import DutyModel
import Foundation
import Journal
import SafeText
import Station
#if canImport(Glibc)
import Glibc
#endif

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
}

/// `incidents --json`: one element.
struct IncidentJSON: Encodable {
    struct Location: Encodable { var county, town, village, detail: String; var lat, lon: Null<Double> }
    struct Casualties: Encodable {
        var deaths, missing, injured, injuredMinor, trapped, evacuated, endangered, reliefNeeded, affected: Int
    }
    struct Houses: Encodable { var collapsed, damaged: Int }
    struct NextReport: Encodable { var kind: String; var due: Null<String>; var overdue: Bool }
    struct Report: Encodable { var kind: String; var due: String; var made: Null<String>; var overdue, late: Bool }
    var id: String
    var status: String
    var grade: Null<String>
    var suggestedGrade: Null<String>
    var receivedAt: Null<String>
    var type: String
    var location: Location
    var casualties: Casualties
    var houses: Houses
    var cropAreaHa: Int
    var nextReport: Null<NextReport>
    /// The officer's grade is below the statutory suggestion (the clocks run on the suggestion).
    var belowSuggestion: Bool
    /// The grade the report clocks run on now (null: the ungraded clock).
    var clockGrade: Null<String>
    var sensitive: Bool
    var occurredAt: Null<String>
    /// Minutes from occurrence to receipt (null: occurrence not known).
    var reportDelayMinutes: Null<Int>
    /// The enterprise reported later than its own limit (Decree 493 Art. 9).
    var reportedLate: Bool
    /// Every report deadline, met or not.
    var reports: [Report]

    init(_ s: IncidentSummary, now: Date, zone: TimeZone) {
        id = s.id
        status = s.status.rawValue
        grade = Null(s.grade?.rawValue)
        suggestedGrade = Null(s.suggestedGrade?.rawValue)
        receivedAt = JSONOut.time(s.receivedAt, zone)
        type = s.type
        location = Location(county: s.place.county, town: s.place.town, village: s.place.village, detail: s.place.detail,
                            lat: Null(s.place.latitude), lon: Null(s.place.longitude))
        let c = s.casualties
        casualties = Casualties(deaths: c.deaths, missing: c.missing, injured: c.injured, injuredMinor: c.injuredMinor,
                                trapped: c.trapped, evacuated: c.evacuated, endangered: c.endangered,
                                reliefNeeded: c.reliefNeeded, affected: c.affected)
        houses = Houses(collapsed: c.housesCollapsed, damaged: c.housesDamaged)
        cropAreaHa = c.cropAreaHa
        belowSuggestion = s.isBelowSuggestion
        clockGrade = Null(IncidentSummary.clockGrade(confirmed: s.grade, suggested: s.suggestedGrade)?.rawValue)
        sensitive = s.sensitive
        occurredAt = JSONOut.time(s.occurredAt, zone)
        reportDelayMinutes = Null(s.reportDelay.map { Int($0 / 60) })
        reportedLate = s.lateReportLimit != nil
        reports = s.deadlines.map {
            Report(kind: $0.kind.description, due: DutyTime.formatISO8601($0.due, timeZone: zone),
                   made: JSONOut.time($0.fulfilledAt, zone), overdue: $0.isOverdue(at: now), late: $0.wasLate || $0.isOverdue(at: now))
        }
        nextReport = Null(s.nextDeadline.map {
            NextReport(kind: $0.kind.description, due: JSONOut.time($0.due, zone), overdue: $0.isOverdue(at: now))
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
    /// Residents of the towns reached, of the area's towns with a figure; `unknown`: towns without one.
    struct PopulationCoverage: Encodable { var reached, total, unknown: Int; var percent: Double }
    /// An acknowledgement clock: `kind` acknowledge | forward; `state` met | met_late | due | overdue | missed.
    struct Clock: Encodable { var kind: String; var due: String; var metAt: Null<String>; var state: String }
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
    /// The colour is not one the type has (冰雹蓝色): recorded as sent, flagged.
    var levelNotOfType: Bool
    /// An earthquake early warning's stated intensity (1–12), else null.
    var intensity: Null<Int>
    var populationCoverage: Null<PopulationCoverage>
    var clocks: [Clock]

    init(_ s: WarningSummary, rules: RuleBook, zone: TimeZone, now: Date) {
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
        levelNotOfType = rules.warnings.colourNotListed(info) != nil
        intensity = Null(rules.warnings.statesIntensity(info) ? WarningIntensity.stated(in: [info.headline, info.description]) : nil)
        populationCoverage = Null(s.populationCoverage(rules.places).map {
            PopulationCoverage(reached: $0.reached, total: $0.total, unknown: $0.unknown,
                               percent: (Double($0.reached) * 1000 / Double($0.total)).rounded() / 10)
        })
        clocks = s.clocks(rules.warnings).map { c in
            let state: String
            switch c.standing(at: now) {
            case .met: state = "met"
            case .metLate: state = "met_late"
            case .due: state = "due"
            case .overdue: state = "overdue"
            case .missed: state = "missed"
            }
            return Clock(kind: c.kind.rawValue, due: DutyTime.formatISO8601(c.due, timeZone: zone), metAt: JSONOut.time(c.metAt, zone), state: state)
        }
    }
}

/// `export --jsonl`: one record per line, keys in sorted order. Written by hand,
/// not through an encoder: a station exports years of records, and the payload is
/// already JSON (protobuf's JSON form, from `EventCodec.json`), embedded as it is.
enum RecordLine {
    /// Appends the line of `record` (whose hash is `hash`), newline included, to `out`.
    static func append(_ record: Record, hash: [UInt8], times: DutyTime.ISO8601Writer, to out: inout [UInt8]) {
        out += #"{"hash":""#.utf8
        appendHex(hash, to: &out)
        out += #"","hlc":""#.utf8
        out += record.time.description.utf8
        out += #"","operator":"#.utf8
        appendQuoted(record.operatorName, to: &out)
        if let json = EventCodec.json(type: record.eventType, version: record.payloadVersion, payload: record.payload) {
            out += #","payload":"#.utf8
            out += json.utf8
        } else {
            out += #","payload_base64":""#.utf8
            out += Data(record.payload).base64EncodedString().utf8
            out.append(0x22)
        }
        out += #","payload_version":"#.utf8
        out += String(record.payloadVersion).utf8
        out += #","prev":""#.utf8
        appendHex(record.previousHash, to: &out)
        out += #"","seq":"#.utf8
        out += String(record.sequence).utf8
        out += #","signature":""#.utf8
        out += Data(record.signature).base64EncodedString().utf8
        out += #"","station":""#.utf8
        appendHex(record.stationID.bytes, to: &out)
        out += #"","time":""#.utf8
        times.append(record.time.date, to: &out)
        out += #"","type":"#.utf8
        appendQuoted(record.eventType, to: &out)
        out += "}\n".utf8
    }

    /// The line as text (tests).
    static func line(_ record: Record, times: DutyTime.ISO8601Writer) -> String {
        var out: [UInt8] = []
        append(record, hash: record.hash, times: times, to: &out)
        out.removeLast()
        return String(decoding: out, as: UTF8.self)
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    static func appendHex(_ bytes: [UInt8], to out: inout [UInt8]) {
        for b in bytes {
            out.append(hexDigits[Int(b >> 4)])
            out.append(hexDigits[Int(b & 0x0F)])
        }
    }

    /// A JSON string literal: quote, backslash and every control character escaped.
    static func appendQuoted(_ text: String, to out: inout [UInt8]) {
        out.append(0x22)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += #"\""#.utf8
            case "\\": out += #"\\"#.utf8
            case "\n": out += #"\n"#.utf8
            case "\r": out += #"\r"#.utf8
            case "\t": out += #"\t"#.utf8
            default:
                if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || (0x2028...0x2029).contains(scalar.value) {
                    out += String(format: "\\u%04x", scalar.value).utf8
                } else {
                    UTF8.encode(scalar) { out.append($0) }
                }
            }
        }
        out.append(0x22)
    }

    /// Writes every record held, in merged order, as lines to standard output.
    /// Reading and merging the feeds (this thread) and formatting and writing
    /// the lines (a second one) overlap, a batch at a time, in order; at most
    /// two batches are in flight, so memory stays a few batches whatever the history.
    static func export(_ station: DutyStation, ownOnly: Bool) throws {
        let zone = station.timeZone
        let cores = max(1, min(8, ProcessInfo.processInfo.activeProcessorCount))
        let writer = DispatchQueue(label: "zhiban.export.lines")
        let inFlight = DispatchSemaphore(value: 2)
        let failure = Failure()
        var batch: [(Record, RecordInfo)] = []
        batch.reserveCapacity(batchSize)
        func hand() {
            guard !batch.isEmpty else { return }
            let records = batch
            batch.removeAll(keepingCapacity: true)
            inFlight.wait()
            writer.async {
                // Formatting is most of the work (protobuf's JSON): split over the cores.
                let slice = (records.count + cores - 1) / cores
                let parts = concurrentMap(cores) { part in
                    let times = DutyTime.ISO8601Writer(timeZone: zone)
                    var out: [UInt8] = []
                    out.reserveCapacity(slice * 700)
                    let lower = min(records.count, part * slice), upper = min(records.count, (part + 1) * slice)
                    for i in lower..<upper {
                        append(records[i].0, hash: records[i].1.hash, times: times, to: &out)
                    }
                    return out
                }
                if failure.first == nil {
                    for out in parts {
                        if let error = StandardStream.output.tryWrite(out) { failure.record(error); break }
                    }
                }
                inFlight.signal()
            }
        }
        do {
            defer { writer.sync {} }
            try station.forEachMergedRecord(ownOnly: ownOnly) { record, info in
                if let error = failure.first { throw error }
                batch.append((record, info))
                if batch.count == batchSize { hand() }
            }
            hand()
        }
        if let error = failure.first { throw error }
    }

    /// The first write error (a full disk, an I/O error), seen by the writing thread.
    private final class Failure: @unchecked Sendable {
        private var error: StandardStream.Failure?
        private let lock = NSLock()
        func record(_ e: StandardStream.Failure) { lock.lock(); if error == nil { error = e }; lock.unlock() }
        var first: StandardStream.Failure? { lock.lock(); defer { lock.unlock() }; return error }
    }

    static let batchSize = 4096

}
