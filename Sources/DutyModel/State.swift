import Foundation

// The folded state. Every type here is a merge of facts: registers keep all
// writes, sets are keyed by the event that added to them, lifecycles take the
// greatest (epoch, status), quantities add up deltas. So the state is the same
// for any order and any duplication of the same events.

public struct ReporterInfo: Codable, Hashable, Sendable {
    public var name = "", unit = "", title = "", phone = "", alreadyReported = ""
    public init(name: String = "", unit: String = "", title: String = "", phone: String = "", alreadyReported: String = "") {
        self.name = name; self.unit = unit; self.title = title; self.phone = phone; self.alreadyReported = alreadyReported
    }
}

public struct PlaceInfo: Codable, Hashable, Sendable {
    public var county = "", town = "", village = "", detail = ""
    public var latitude: Double?, longitude: Double?
    public init(county: String = "", town: String = "", village: String = "", detail: String = "",
                latitude: Double? = nil, longitude: Double? = nil) {
        self.county = county; self.town = town; self.village = village; self.detail = detail
        self.latitude = latitude; self.longitude = longitude
    }

    /// 姜堰区 · 张甸镇 · 三里村 · detail
    public var summary: String { [county, town, village, detail].filter { !$0.isEmpty }.joined(separator: " · ") }
}

/// The enterprise where an accident happened (事故发生单位概况, Decree 493 Art. 12).
public struct EnterpriseInfo: Codable, Hashable, Sendable {
    public var name = "", nature = "", licence = "", address = ""
    public init(name: String = "", nature: String = "", licence: String = "", address: String = "") {
        self.name = name; self.nature = nature; self.licence = licence; self.address = address
    }
    public var isEmpty: Bool { name.isEmpty && nature.isEmpty && licence.isEmpty && address.isEmpty }
}

public struct GradeDecision: Codable, Hashable, Sendable {
    public var grade: Grade?
    public var reason: String
    public var responseLevel: String

    /// The reasons the program writes itself when the officer gave none (kept in
    /// records as these words, shown in the screen's language).
    public static let givenAtIntake = "given at intake"
    public static let confirmedSuggestion = "confirmed the suggestion"

    /// `reason` for a screen or a document: the program's own words in the language asked
    /// for, an officer's words as they were written.
    public static func reasonText(_ reason: String, zh: Bool) -> String {
        switch reason {
        case givenAtIntake: return zh ? "接报时定级" : reason
        case confirmedSuggestion: return zh ? "确认建议等级" : reason
        default: return reason
        }
    }
}

public struct StatusEntry: Codable, Hashable, Sendable {
    public var stamp: Stamp
    public var epoch: UInt32
    public var status: IncidentStatus
    public var note: String
    public var operatorName: String
    public var isReopen: Bool

    /// Lifecycles only move forward within an epoch; a reopen starts a new one.
    var rank: (UInt32, Int, Stamp) { (epoch, isReopen ? -1 : status.order, stamp) }
}

public struct ReportEntry: Codable, Hashable, Sendable {
    public var stamp: Stamp
    public var report: ReportMade
    public var summary: String
    public var operatorName: String
}

public struct NoteEntry: Codable, Hashable, Sendable {
    public var stamp: Stamp
    public var text: String
    public var operatorName: String
}

public struct IncidentState: Codable, Hashable, Sendable {
    public var id: String
    public var receivedAtMs = Register<Int64>()
    public var occurredAtMs = Register<Int64>()
    public var reporter = Register<ReporterInfo>()
    public var place = Register<PlaceInfo>()
    public var category = Register<String>()
    public var type = Register<String>()
    public var nature = Register<String>()
    public var hazardousSubstance = Register<String>()
    public var casualties = Register<Casualties>()
    public var lossCNY = Register<Int64>()
    public var affectedArea = Register<String>()
    public var trend = Register<String>()
    public var description = Register<String>()
    public var measures = Register<String>()
    public var leadersOnScene = Register<String>()
    public var commander = Register<String>()
    public var requests = Register<String>()
    public var recordedBy = Register<String>()
    public var grade = Register<GradeDecision>()
    public var enterprise = Register<EnterpriseInfo>()
    /// 敏感事件: reported whatever its grade, on its own clock.
    public var sensitive = Register<Bool>()
    /// Every status change and reopen, keyed by event.
    public var statusHistory: [String: StatusEntry] = [:]
    public var reports: [String: ReportEntry] = [:]
    public var notes: [String: NoteEntry] = [:]
    /// Where the incident was first received (the creating event), if held.
    public var createdBy: Stamp?
    /// Per station, the newest of its events that touched this incident.
    public var versions = VersionVector()

    public init(id: String) { self.id = id }

    public var status: IncidentStatus {
        guard let top = statusHistory.values.max(by: { $0.rank < $1.rank }) else { return .received }
        return top.isReopen ? .responding : top.status
    }

    public var epoch: UInt32 { statusHistory.values.map(\.epoch).max() ?? 0 }

    public var receivedAt: Date? { receivedAtMs.value.map { Date(timeIntervalSince1970: Double($0) / 1000) } }

    public var reportsMade: [ReportMade] { reports.values.sorted { $0.stamp < $1.stamp }.map(\.report) }

    /// When the current epoch reached `ended` (for the final-report clock).
    public var endedAt: Date? {
        let e = epoch
        return statusHistory.values.filter { $0.epoch == e && !$0.isReopen && $0.status >= .ended }
            .map { Date(timeIntervalSince1970: Double($0.stamp.time >> 16) / 1000) }.min()
    }

    /// Fields whose last writer had not seen another station's write.
    public var conflictedFields: [String] {
        var names: [String] = []
        func check<V>(_ name: String, _ r: Register<V>) { if !r.conflicts.isEmpty { names.append(name) } }
        check("received_at", receivedAtMs); check("occurred_at", occurredAtMs); check("reporter", reporter)
        check("location", place); check("category", category); check("type", type); check("nature", nature)
        check("hazardous_substance", hazardousSubstance); check("casualties", casualties); check("loss_cny", lossCNY)
        check("affected_area", affectedArea); check("trend", trend); check("description", description)
        check("measures", measures); check("leaders_on_scene", leadersOnScene); check("commander", commander)
        check("requests", requests); check("recorded_by", recordedBy); check("grade", grade)
        check("enterprise", enterprise); check("sensitive", sensitive)
        return names
    }
}

public struct LogEntry: Codable, Hashable, Sendable {
    public enum Kind: String, Codable, Sendable { case note, callIn = "call_in", callOut = "call_out", instruction }
    public var stamp: Stamp
    public var kind: Kind
    public var text: String
    public var detail: String
    public var counterpart: String
    public var dueAtMs: Int64
    public var operatorName: String
}

public struct InstructionState: Codable, Hashable, Sendable {
    public var id: String
    public var given = Register<InstructionInfo>()
    /// Done is monotone: once any station marks it done, it is done.
    public var done: [String: NoteEntry] = [:]
    public init(id: String) { self.id = id }
    public var isDone: Bool { !done.isEmpty }
}

public struct InstructionInfo: Codable, Hashable, Sendable {
    public var text: String
    public var from: String
    public var dueAtMs: Int64
    public var incidentID: String
}

public struct ChannelInfo: Codable, Hashable, Sendable {
    public enum Kind: String, Codable, Sendable { case office, mobile, radio, satellite, other }
    public var kind: Kind
    public var value: String
    public var label: String
}

public struct ContactInfo: Codable, Hashable, Sendable {
    public var name: String
    public var unit: String
    public var title: String
    public var role: String
    public var channels: [ChannelInfo]
    public var backupContactID: String
    public var notes: String
}

public struct Officer: Codable, Hashable, Sendable {
    public var name: String
    public var contactID: String
    public var backup: String
}

public struct LeaderOnDuty: Codable, Hashable, Sendable {
    public var tier: Int
    public var name: String
    public var contactID: String
}

public struct RosterAssignment: Codable, Hashable, Sendable {
    public var date: String
    public var shiftIndex: Int
    public var leaders: [LeaderOnDuty]
    public var officers: [Officer]
}

public struct CheckIn: Codable, Hashable, Sendable {
    public var stamp: Stamp
    public var date: String
    public var shiftIndex: Int
    public var present: [String]
    public var operatorName: String
}

public struct WarningState: Codable, Hashable, Sendable {
    public var info = Register<WarningInfo>()
    public var acknowledgements: [String: NoteEntry] = [:]
    /// "channel|target" → whether it confirmed receipt.
    public var dissemination: [String: Register<Bool>] = [:]
}

public struct TeamInfo: Codable, Hashable, Sendable {
    public var name: String
    public var kind: String
    public var headcount: Int
    public var equipment: String
    public var base: PlaceInfo
    public var contact: String
    /// 所属单位; empty when not given.
    public var unit: String = ""
}

public struct Dispatch: Codable, Hashable, Sendable {
    public var stamp: Stamp
    public var dispatchID: String
    public var teamID: String
    public var incidentID: String
    public var orderedBy: String
    public var destination: String
    public var atMs: Int64
    /// How many were sent (0: not said).
    public var headcount: Int = 0
}

/// A team's status with what it concerns (the incident it reached or left) and a note.
public struct TeamStatus: Codable, Hashable, Sendable {
    public var status: String
    public var incidentID: String = ""
    public var note: String = ""
}

public struct TeamState: Codable, Hashable, Sendable {
    public var info = Register<TeamInfo>()
    public var status = Register<TeamStatus>()
}

public struct DepotInfo: Codable, Hashable, Sendable {
    public var name: String
    public var level: String
    public var reserveKind: String
    public var place: PlaceInfo
    public var contact: String = ""
}

public struct StockChange: Codable, Hashable, Sendable {
    public var stamp: Stamp
    public var item: String
    public var delta: Int64
    public var unit: String
    public var reason: String
    public var incidentID: String
    /// Issued to (or returned from) a shelter; empty for an incident or a count.
    public var shelterID: String = ""
}

/// An item's standing facts at a depot: the minimum the board warns below and the next rotation date.
public struct StockItem: Codable, Hashable, Sendable {
    public var minimum: Int64
    public var rotationDue: String
    public init(minimum: Int64, rotationDue: String) {
        self.minimum = minimum
        self.rotationDue = rotationDue
    }
}

public struct DepotState: Codable, Hashable, Sendable {
    public var info = Register<DepotInfo>()
    public var changes: [String: StockChange] = [:]
    /// Per item: its minimum and rotation date, from the registry.
    public var items: [String: Register<StockItem>] = [:]

    /// Quantity of each item: the sum of every change, whatever its order.
    public var stock: [String: Int64] {
        var totals: [String: Int64] = [:]
        for c in changes.values { totals[c.item, default: 0] += c.delta }
        return totals
    }
}

public struct ShelterInfo: Codable, Hashable, Sendable {
    public var name: String
    public var kind: String
    public var hostType: String
    public var areaM2: Int64
    public var capacity: Int64
    public var place: PlaceInfo
}

public struct ShelterStatus: Codable, Hashable, Sendable {
    public var status: String
    public var occupancy: Int64
    public var note: String = ""
}

public struct ShelterState: Codable, Hashable, Sendable {
    public var info = Register<ShelterInfo>()
    public var status = Register<ShelterStatus>()
}

/// One thing done with a resource (#19): a dispatch, a team's status, a stock
/// change, a shelter's status — kept under the object it concerns and under its
/// incident, so an object's history and an incident's timeline are read without
/// looking through every dispatch and issue ever made.
public struct ResourceMove: Codable, Hashable, Sendable {
    public enum Kind: String, Codable, Sendable { case dispatch, teamStatus, stock, shelterStatus }
    public var stamp: Stamp
    public var operatorName: String
    public var kind: Kind
    /// The team, depot or shelter.
    public var objectID: String
    public var incidentID: String = ""
    /// A team's or shelter's new status; a stock change's reason (issue, return, count …).
    public var status: String = ""
    /// The item of a stock change.
    public var item: String = ""
    /// Headcount sent, a stock change's delta, a shelter's occupancy.
    public var quantity: Int64 = 0
    /// Who ordered a dispatch; the note of a status.
    public var note: String = ""
    /// The shelter a stock change went to.
    public var shelterID: String = ""
}

public struct MapFeature: Codable, Hashable, Sendable {
    public var layer: String
    public var name: String
    public var grade: Int
    public var place: PlaceInfo
    public var details: String
    public var subkind: String = ""
    public var unit: String = ""
    public var contact: String = ""
    public var substance: String = ""
    public var quantity: Int64 = 0
}

public struct HandoverState: Codable, Hashable, Sendable {
    /// The outgoing officers' free notes.
    public var draft = Register<String>()
    /// "outgoing|name" / "incoming|name" → the first such signature.
    public var signatures: [String: HandoverSignature] = [:]

    public init() {}

    /// The first outgoing signature, and the first incoming one (acceptance).
    public var signed: HandoverSignature? { signatures.values.filter { $0.role == "outgoing" }.min { $0.stamp < $1.stamp } }
    public var accepted: HandoverSignature? { signatures.values.filter { $0.role == "incoming" }.min { $0.stamp < $1.stamp } }
}

/// One signature on a handover: the outgoing officer's, or the incoming one's acceptance.
public struct HandoverSignature: Codable, Hashable, Sendable {
    public var stamp: Stamp
    /// "outgoing" or "incoming".
    public var role: String
    public var name: String
    public var remarks: String = ""
    /// Why an incoming officer not on the next shift's roster accepted.
    public var reason: String = ""
    public var operatorName: String
}

public enum DutyMode: String, Codable, Sendable { case peacetime, emergency }

public struct StationInfo: Codable, Hashable, Sendable {
    public var name: String
    public var code: String
    public var jurisdiction: String
    public var timezone: String
}

/// The whole folded picture of the duty room.
public struct DutyState: Codable, Hashable, Sendable {
    public var stations: [String: Register<StationInfo>] = [:]
    public var mode = Register<DutyMode>()
    public var contacts: [String: Register<ContactInfo>] = [:]
    public var shiftPattern = Register<[String]>()
    public var roster: [String: Register<RosterAssignment>] = [:]
    public var checkIns: [String: CheckIn] = [:]
    public var incidents: [String: IncidentState] = [:]
    public var log = LogBook()
    public var instructions: [String: InstructionState] = [:]
    public var warnings: [String: WarningState] = [:]
    public var teams: [String: TeamState] = [:]
    public var dispatches: [String: Dispatch] = [:]
    public var depots: [String: DepotState] = [:]
    public var shelters: [String: ShelterState] = [:]
    public var mapFeatures: [String: Register<MapFeature>] = [:]
    /// Resource moves by what they concern ("team:ID", "depot:ID", "shelter:ID",
    /// "incident:ID"), each by its event id: order-free, a duplicate changes nothing.
    public var resourceMoves: [String: [String: ResourceMove]] = [:]
    public var handovers: [String: HandoverState] = [:]
    /// Duty-log entries marked for the handover, by entry key ("station/seq").
    public var logMarks: [String: Register<Bool>] = [:]
    /// Events of types this version does not know (kept countable, not lost).
    public var unknownEvents: [String: String] = [:]
    /// Events whose payload could not be decoded: id → type.
    public var undecodable: [String: String] = [:]
    /// How many distinct events have been folded in.
    public private(set) var eventCount = 0
    /// Ids of every event folded in, so a duplicate changes nothing.
    private var applied = AppliedEvents()

    public init() {}

    enum CodingKeys: String, CodingKey {
        case stations, mode, contacts, shiftPattern, roster, checkIns, incidents, log, instructions, warnings,
             teams, dispatches, depots, shelters, mapFeatures, resourceMoves, handovers, logMarks, unknownEvents, undecodable, eventCount, applied
    }

    public func contains(_ id: EventID) -> Bool { applied.contains(id) }

    /// Per station, the highest sequence number folded in.
    public var stationSequences: [String: UInt64] { applied.highest }

    /// Records that `id` was folded in; false if it already was.
    mutating func markApplied(_ id: EventID) -> Bool {
        guard applied.insert(id) else { return false }
        eventCount += 1
        return true
    }
}

extension DutyState: SnapshotCodable {
    // Every stored property, in this order (a change here is a new snapshot version).
    public func encode(snapshot e: SnapshotEncoder) throws {
        try e.encode(stations); try e.encodeValue(mode); try e.encode(contacts); try e.encodeValue(shiftPattern)
        try e.encode(roster); try e.encode(checkIns); try e.encode(incidents); try log.encode(snapshot: e)
        try e.encode(instructions); try e.encode(warnings); try e.encode(teams); try e.encode(dispatches)
        try e.encode(depots); try e.encode(shelters); try e.encode(mapFeatures); try e.encode(resourceMoves); try e.encode(handovers)
        try e.encode(logMarks)
        try e.encode(unknownEvents); try e.encode(undecodable)
        e.u64(UInt64(eventCount))
        try applied.encode(snapshot: e)
    }

    public init(snapshot d: SnapshotDecoder) throws {
        stations = try d.decode([String: Register<StationInfo>].self)
        mode = try d.decodeValue(Register<DutyMode>.self)
        contacts = try d.decode([String: Register<ContactInfo>].self)
        shiftPattern = try d.decodeValue(Register<[String]>.self)
        roster = try d.decode([String: Register<RosterAssignment>].self)
        checkIns = try d.decode([String: CheckIn].self)
        incidents = try d.decode([String: IncidentState].self)
        log = try LogBook(snapshot: d)
        instructions = try d.decode([String: InstructionState].self)
        warnings = try d.decode([String: WarningState].self)
        teams = try d.decode([String: TeamState].self)
        dispatches = try d.decode([String: Dispatch].self)
        depots = try d.decode([String: DepotState].self)
        shelters = try d.decode([String: ShelterState].self)
        mapFeatures = try d.decode([String: Register<MapFeature>].self)
        resourceMoves = try d.decode([String: [String: ResourceMove]].self)
        handovers = try d.decode([String: HandoverState].self)
        logMarks = try d.decode([String: Register<Bool>].self)
        unknownEvents = try d.decode([String: String].self)
        undecodable = try d.decode([String: String].self)
        let count = try d.u64()
        applied = try AppliedEvents(snapshot: d)
        guard count <= UInt64(Int.max) else { throw SnapshotDecodingError("an event count of \(count)") }
        eventCount = Int(count)
    }
}
