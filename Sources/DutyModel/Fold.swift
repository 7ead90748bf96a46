import Crypto
import Foundation
import SwiftProtobuf


extension VersionVector {
    init(_ seen: [Zhiban_Events_V1_Seen]) {
        var v = VersionVector()
        for s in seen { v.include(EventID(station: s.station, seq: s.seq)) }
        self = v
    }

    /// The vector as written into an event's `seen` field.
    public var seenMessages: [Zhiban_Events_V1_Seen] {
        entries.sorted { $0.key < $1.key }.map { var s = Zhiban_Events_V1_Seen(); s.station = $0.key; s.seq = $0.value; return s }
    }
}

extension ReporterInfo {
    init(_ r: Zhiban_Events_V1_Reporter) {
        self.init(name: r.name, unit: r.unit, title: r.title, phone: r.phone, alreadyReported: r.alreadyReported)
    }
}

extension PlaceInfo {
    init(_ p: Zhiban_Events_V1_Place) {
        self.init(county: p.county, town: p.town, village: p.village, detail: p.detail,
                  latitude: p.hasCoordinates_p ? p.lat : nil, longitude: p.hasCoordinates_p ? p.lon : nil)
    }
}

extension Casualties {
    init(_ c: Zhiban_Events_V1_CasualtyCounts) {
        func n(_ v: Int64) -> Int { Int(clamping: v) }
        self.init(deaths: n(c.deaths), missing: n(c.missing), injured: n(c.injured), trapped: n(c.trapped),
                  evacuated: n(c.evacuated), injuredMinor: n(c.injuredMinor), endangered: n(c.endangered),
                  reliefNeeded: n(c.reliefNeeded), affected: n(c.affected), housesCollapsed: n(c.housesCollapsed),
                  housesDamaged: n(c.housesDamaged), cropAreaHa: n(c.cropAreaHa))
    }
}

/// An event with its payload decoded: the part of folding it that does not
/// touch the state, so a long fold decodes the next batch on another core
/// while it applies this one (`DutyState.apply(decoded:)`).
public struct DecodedEvent: @unchecked Sendable {
    // Unchecked: a protobuf message is a value; it is only read once made.
    public let event: StoredEvent
    let type: EventType?
    let message: (any SwiftProtobuf.Message)?

    public init(_ event: StoredEvent) {
        self.event = event
        type = EventType(rawValue: event.type)
        message = type == nil ? nil : EventCodec.decode(type: event.type, version: event.payloadVersion, payload: event.payload)
    }
}

extension DutyState {
    /// Folds one event in. Applying the same event twice, or a set of events
    /// in any order, gives the same state.
    public mutating func apply(_ event: StoredEvent) { apply(DecodedEvent(event), batch: false) }

    /// Folds many events in: the same state as applying them one by one, but
    /// log entries that arrive out of time order (a peer's old records) are
    /// placed in one merge at the end, not one at a time.
    public mutating func apply<S: Sequence>(contentsOf events: S) where S.Element == StoredEvent {
        apply(decoded: events.lazy.map(DecodedEvent.init))
    }

    /// `apply(contentsOf:)` for events already decoded.
    public mutating func apply<S: Sequence>(decoded events: S) where S.Element == DecodedEvent {
        for event in events { apply(event, batch: true) }
        log.settle()
    }

    private mutating func apply(_ decoded: DecodedEvent, batch: Bool) {
        let event = decoded.event
        guard !contains(event.id) else { return }
        guard let type = decoded.type else {
            _ = markApplied(event.id)
            unknownEvents[event.id.description] = event.type
            return
        }
        guard let message = decoded.message else {
            _ = markApplied(event.id)
            undecodable[event.id.description] = event.type
            return
        }
        _ = markApplied(event.id)
        let stamp = event.stamp
        var key: String { event.id.description }
        let op = event.operatorName

        switch type {
        case .stationConfigured:
            let m = message as! Zhiban_Events_V1_StationConfigured
            stations[event.id.station, default: Register()].write(
                StationInfo(name: m.name, code: m.code, jurisdiction: m.jurisdiction, timezone: m.timezone),
                stamp: stamp, seen: VersionVector(m.seen), operatorName: op)
        case .modeChanged:
            let m = message as! Zhiban_Events_V1_ModeChanged
            mode.write(m.mode == .emergency ? .emergency : .peacetime, stamp: stamp, seen: VersionVector(m.seen), operatorName: op)
        case .contactRecorded:
            let m = message as! Zhiban_Events_V1_ContactRecorded
            let channels = m.channels.map { c -> ChannelInfo in
                let kind: ChannelInfo.Kind
                switch c.kind {
                case .office: kind = .office
                case .mobile: kind = .mobile
                case .radio: kind = .radio
                case .satellite: kind = .satellite
                default: kind = .other
                }
                return ChannelInfo(kind: kind, value: c.value, label: c.label)
            }
            contacts[m.contactID, default: Register()].write(
                ContactInfo(name: m.name, unit: m.unit, title: m.title, role: m.role, channels: channels,
                            backupContactID: m.backupContactID, notes: m.notes),
                stamp: stamp, seen: VersionVector(m.seen), operatorName: op)
        case .shiftPatternSet:
            let m = message as! Zhiban_Events_V1_ShiftPatternSet
            shiftPattern.write(m.changeTimes, stamp: stamp, seen: VersionVector(m.seen), operatorName: op)
        case .rosterAssigned:
            let m = message as! Zhiban_Events_V1_RosterAssigned
            let assignment = RosterAssignment(
                date: m.date, shiftIndex: Int(m.shiftIndex),
                leaders: m.leaders.map { LeaderOnDuty(tier: Int($0.tier), name: $0.name, contactID: $0.contactID) },
                officers: m.officers.map { Officer(name: $0.name, contactID: $0.contactID, backup: $0.backup) })
            roster["\(m.date)#\(m.shiftIndex)", default: Register()].write(assignment, stamp: stamp, seen: VersionVector(m.seen), operatorName: op)
        case .shiftCheckedIn:
            let m = message as! Zhiban_Events_V1_ShiftCheckedIn
            checkIns[key] = CheckIn(stamp: stamp, date: m.date, shiftIndex: Int(m.shiftIndex), present: m.present,
                                    operatorName: m.operatorName)
        case .incidentReceived:
            let m = message as! Zhiban_Events_V1_IncidentReceived
            updateIncident(m.incidentID, event: event) { incident in
                if incident.createdBy.map({ stamp < $0 }) ?? true { incident.createdBy = stamp }
                incident.apply(m.fields, stamp: stamp, seen: VersionVector(), operatorName: op)
                if m.hasGrade {
                    incident.grade.write(GradeDecision(grade: Grade(rawValue: m.grade), reason: m.gradeReason, responseLevel: ""),
                                         stamp: stamp, seen: VersionVector(), operatorName: op)
                }
            }
        case .incidentUpdated:
            let m = message as! Zhiban_Events_V1_IncidentUpdated
            updateIncident(m.incidentID, event: event) { incident in
                incident.apply(m.fields, stamp: stamp, seen: VersionVector(m.seen), operatorName: op)
                if !m.note.isEmpty { incident.notes[key] = NoteEntry(stamp: stamp, text: m.note, operatorName: op) }
            }
        case .incidentGraded:
            let m = message as! Zhiban_Events_V1_IncidentGraded
            updateIncident(m.incidentID, event: event) { incident in
                incident.grade.write(GradeDecision(grade: Grade(rawValue: m.grade), reason: m.reason, responseLevel: m.responseLevel),
                                     stamp: stamp, seen: VersionVector(m.seen), operatorName: op)
            }
        case .incidentStatusChanged:
            let m = message as! Zhiban_Events_V1_IncidentStatusChanged
            guard let status = IncidentStatus(rawValue: m.status) else {
                undecodable[key] = event.type
                return
            }
            updateIncident(m.incidentID, event: event) { incident in
                incident.statusHistory[key] = StatusEntry(stamp: stamp, epoch: m.epoch, status: status, note: m.note,
                                                          operatorName: op, isReopen: false)
            }
        case .incidentReopened:
            let m = message as! Zhiban_Events_V1_IncidentReopened
            updateIncident(m.incidentID, event: event) { incident in
                incident.statusHistory[key] = StatusEntry(stamp: stamp, epoch: m.epoch, status: .responding, note: m.reason,
                                                          operatorName: op, isReopen: true)
            }
        case .reportRecorded:
            let m = message as! Zhiban_Events_V1_ReportRecorded
            let kind: ReportKind
            switch m.kind {
            case "initial": kind = .initial
            case "final": kind = .final
            case "supplementary": kind = .supplementary
            default: kind = .followUp(max(1, Int(m.number)))
            }
            let report = ReportMade(kind: kind, channel: ReportChannel(rawValue: m.channel) ?? .phone,
                                    at: Date(timeIntervalSince1970: Double(m.atMs) / 1000), recipient: m.recipient,
                                    approvedBy: m.approvedBy.isEmpty ? nil : m.approvedBy,
                                    approvedAt: m.approvedBy.isEmpty ? nil : Date(timeIntervalSince1970: Double(m.approvedAtMs == 0 ? m.atMs : m.approvedAtMs) / 1000))
            updateIncident(m.incidentID, event: event) { incident in
                incident.reports[key] = ReportEntry(stamp: stamp, report: report, summary: m.summary, operatorName: op)
            }
        case .incidentNoted:
            let m = message as! Zhiban_Events_V1_IncidentNoted
            updateIncident(m.incidentID, event: event) { $0.notes[key] = NoteEntry(stamp: stamp, text: m.text, operatorName: op) }
        case .logEntryAdded:
            let m = message as! Zhiban_Events_V1_LogEntryAdded
            let kind: LogEntry.Kind
            switch m.kind {
            case .callIn: kind = .callIn
            case .callOut: kind = .callOut
            case .instruction: kind = .instruction
            default: kind = .note
            }
            log.insert(LogEntry(stamp: stamp, kind: kind, text: m.text, detail: m.detail, counterpart: m.counterpart,
                                dueAtMs: m.dueAtMs, operatorName: op), batch: batch)
        case .instructionGiven:
            let m = message as! Zhiban_Events_V1_InstructionGiven
            instructions[m.instructionID, default: InstructionState(id: m.instructionID)].given.write(
                InstructionInfo(text: m.text, from: m.from, dueAtMs: m.dueAtMs, incidentID: m.incidentID),
                stamp: stamp, seen: VersionVector(), operatorName: op)
        case .instructionDone:
            let m = message as! Zhiban_Events_V1_InstructionDone
            instructions[m.instructionID, default: InstructionState(id: m.instructionID)].done[key] =
                NoteEntry(stamp: stamp, text: m.note, operatorName: op)
        case .warningReceived:
            let m = message as! Zhiban_Events_V1_WarningReceived
            let info = WarningInfo(m)
            warnings[m.warningKey, default: WarningState()].info.write(info, stamp: stamp, seen: VersionVector(), operatorName: op)
        case .warningAcknowledged:
            let m = message as! Zhiban_Events_V1_WarningAcknowledged
            warnings[m.warningKey, default: WarningState()].acknowledgements[key] = NoteEntry(stamp: stamp, text: "", operatorName: op)
        case .warningDisseminated:
            let m = message as! Zhiban_Events_V1_WarningDisseminated
            warnings[m.warningKey, default: WarningState()].dissemination["\(m.channel)|\(m.target)", default: Register()]
                .write(m.confirmed, stamp: stamp, seen: VersionVector(), operatorName: op)
        case .teamRecorded:
            let m = message as! Zhiban_Events_V1_TeamRecorded
            teams[m.teamID, default: TeamState()].info.write(
                TeamInfo(name: m.name, kind: m.kind, headcount: Int(m.headcount), equipment: m.equipment,
                         base: PlaceInfo(m.base), contact: m.contact, unit: m.unit),
                stamp: stamp, seen: VersionVector(m.seen), operatorName: op)
        case .teamStatusChanged:
            let m = message as! Zhiban_Events_V1_TeamStatusChanged
            teams[m.teamID, default: TeamState()].status.write(TeamStatus(status: m.status, incidentID: m.incidentID, note: m.note),
                                                               stamp: stamp, seen: VersionVector(m.seen), operatorName: op)
            recordMove(ResourceMove(stamp: stamp, operatorName: op, kind: .teamStatus, objectID: m.teamID, incidentID: m.incidentID,
                                    status: m.status, note: m.note), key: key, under: "team:" + m.teamID)
        case .teamDispatched:
            let m = message as! Zhiban_Events_V1_TeamDispatched
            dispatches[key] = Dispatch(stamp: stamp, dispatchID: m.dispatchID, teamID: m.teamID, incidentID: m.incidentID,
                                       orderedBy: m.orderedBy, destination: m.destination, atMs: m.atMs, headcount: Int(m.headcount))
            recordMove(ResourceMove(stamp: stamp, operatorName: op, kind: .dispatch, objectID: m.teamID, incidentID: m.incidentID,
                                    status: "dispatched", quantity: Int64(m.headcount), note: m.orderedBy), key: key, under: "team:" + m.teamID)
        case .depotRecorded:
            let m = message as! Zhiban_Events_V1_DepotRecorded
            depots[m.depotID, default: DepotState()].info.write(
                DepotInfo(name: m.name, level: m.level, reserveKind: m.reserveKind, place: PlaceInfo(m.place), contact: m.contact),
                stamp: stamp, seen: VersionVector(m.seen), operatorName: op)
        case .stockChanged:
            let m = message as! Zhiban_Events_V1_StockChanged
            depots[m.depotID, default: DepotState()].changes[key] = StockChange(
                stamp: stamp, item: m.item, delta: m.delta, unit: m.unit, reason: m.reason, incidentID: m.incidentID, shelterID: m.shelterID)
            recordMove(ResourceMove(stamp: stamp, operatorName: op, kind: .stock, objectID: m.depotID, incidentID: m.incidentID,
                                    status: m.reason, item: m.item, quantity: m.delta, shelterID: m.shelterID),
                       key: key, under: "depot:" + m.depotID)
        case .stockItemRecorded:
            let m = message as! Zhiban_Events_V1_StockItemRecorded
            depots[m.depotID, default: DepotState()].items[m.item, default: Register()].write(
                StockItem(minimum: m.minimum, rotationDue: m.rotationDue), stamp: stamp, seen: VersionVector(m.seen), operatorName: op)
        case .shelterRecorded:
            let m = message as! Zhiban_Events_V1_ShelterRecorded
            shelters[m.shelterID, default: ShelterState()].info.write(
                ShelterInfo(name: m.name, kind: m.kind, hostType: m.hostType, areaM2: m.areaM2, capacity: m.capacity,
                            place: PlaceInfo(m.place)),
                stamp: stamp, seen: VersionVector(m.seen), operatorName: op)
        case .shelterStatusChanged:
            let m = message as! Zhiban_Events_V1_ShelterStatusChanged
            shelters[m.shelterID, default: ShelterState()].status.write(
                ShelterStatus(status: m.status, occupancy: m.occupancy, note: m.note), stamp: stamp, seen: VersionVector(m.seen), operatorName: op)
            recordMove(ResourceMove(stamp: stamp, operatorName: op, kind: .shelterStatus, objectID: m.shelterID, status: m.status,
                                    quantity: m.occupancy, note: m.note), key: key, under: "shelter:" + m.shelterID)
        case .mapFeatureRecorded:
            let m = message as! Zhiban_Events_V1_MapFeatureRecorded
            mapFeatures[m.featureID, default: Register()].write(
                MapFeature(layer: m.layer, name: m.name, grade: Int(m.grade), place: PlaceInfo(m.place), details: m.details,
                           subkind: m.subkind, unit: m.unit, contact: m.contact, substance: m.substance, quantity: m.quantity),
                stamp: stamp, seen: VersionVector(m.seen), operatorName: op)
        case .handoverDrafted:
            let m = message as! Zhiban_Events_V1_HandoverDrafted
            handovers[m.handoverID, default: HandoverState()].draft.write(m.text, stamp: stamp, seen: VersionVector(m.seen), operatorName: op)
        case .handoverSigned:
            let m = message as! Zhiban_Events_V1_HandoverSigned
            // Signing twice keeps the first signature, whatever order the two arrive in.
            let signer = "\(m.role)|\(m.name)"
            if let existing = handovers[m.handoverID]?.signatures[signer], existing.stamp < stamp { break }
            handovers[m.handoverID, default: HandoverState()].signatures[signer] = HandoverSignature(
                stamp: stamp, role: m.role, name: m.name, remarks: m.remarks, reason: m.reason, operatorName: op)
        case .logEntryMarked:
            let m = message as! Zhiban_Events_V1_LogEntryMarked
            logMarks[m.entryKey, default: Register()].write(m.marked, stamp: stamp, seen: VersionVector(m.seen), operatorName: op)
        }
    }

    /// Keeps a resource move under its object, its incident and the shelter it went to.
    private mutating func recordMove(_ move: ResourceMove, key: String, under object: String) {
        resourceMoves[object, default: [:]][key] = move
        if !move.incidentID.isEmpty { resourceMoves["incident:" + move.incidentID, default: [:]][key] = move }
        if !move.shelterID.isEmpty { resourceMoves["shelter:" + move.shelterID, default: [:]][key] = move }
    }

    private mutating func updateIncident(_ id: String, event: StoredEvent, _ change: (inout IncidentState) -> Void) {
        var incident = incidents[id] ?? IncidentState(id: id)
        change(&incident)
        incident.versions.include(event.id)
        incidents[id] = incident
    }

    /// SHA-256 of the state's canonical form (sorted keys): equal on any two
    /// stations that hold the same events.
    public var digest: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = (try? encoder.encode(self)) ?? Data()
        return Array(SHA256.hash(data: data)).hex
    }
}

extension IncidentState {
    mutating func apply(_ f: Zhiban_Events_V1_IncidentFields, stamp: Stamp, seen: VersionVector, operatorName op: String) {
        func set<V>(_ r: inout Register<V>, _ present: Bool, _ value: @autoclosure () -> V) {
            if present { r.write(value(), stamp: stamp, seen: seen, operatorName: op) }
        }
        set(&receivedAtMs, f.hasReceivedAtMs, f.receivedAtMs)
        set(&occurredAtMs, f.hasOccurredAtMs, f.occurredAtMs)
        set(&reporter, f.hasReporter, ReporterInfo(f.reporter))
        set(&place, f.hasPlace, PlaceInfo(f.place))
        set(&category, f.hasCategory, f.category)
        set(&type, f.hasType, f.type)
        set(&nature, f.hasNature, f.nature)
        set(&hazardousSubstance, f.hasHazardousSubstance, f.hazardousSubstance)
        set(&casualties, f.hasCasualties, Casualties(f.casualties))
        set(&lossCNY, f.hasLossCny, f.lossCny)
        set(&affectedArea, f.hasAffectedArea, f.affectedArea)
        set(&trend, f.hasTrend, f.trend)
        set(&description, f.hasDescription_p, f.description_p)
        set(&measures, f.hasMeasures, f.measures)
        set(&leadersOnScene, f.hasLeadersOnScene, f.leadersOnScene)
        set(&commander, f.hasCommander, f.commander)
        set(&requests, f.hasRequests, f.requests)
        set(&recordedBy, f.hasRecordedBy, f.recordedBy)
        set(&enterprise, f.hasEnterprise, EnterpriseInfo(name: f.enterprise.name, nature: f.enterprise.nature,
                                                         licence: f.enterprise.licence, address: f.enterprise.address))
        set(&sensitive, f.hasSensitive, f.sensitive)
    }
}
