import Foundation

// The fold's hot types, written by hand into snapshots (see SnapshotCoding):
// a million log entries and registers must not go through Codable one value
// at a time. Fields in declaration order; changing any of them is a new
// snapshot format version (StateSnapshot.version).

extension Stamp: SnapshotCodable {
    public func encode(snapshot e: SnapshotEncoder) throws { e.u64(time); e.interned(station); e.u64(seq) }
    public init(snapshot d: SnapshotDecoder) throws { self.init(time: try d.u64(), station: try d.internedString(), seq: try d.u64()) }
}

extension EventID: SnapshotCodable {
    public func encode(snapshot e: SnapshotEncoder) throws { e.interned(station); e.u64(seq) }
    public init(snapshot d: SnapshotDecoder) throws { self.init(station: try d.internedString(), seq: try d.u64()) }
}

extension VersionVector: SnapshotCodable {
    public func encode(snapshot e: SnapshotEncoder) {
        e.count(entries.count)
        for (station, seq) in entries { e.interned(station); e.u64(seq) }
    }

    public init(snapshot d: SnapshotDecoder) throws {
        let n = try d.count()
        var entries: [String: UInt64] = [:]
        entries.reserveCapacity(SnapshotDecoder.reservable(n))
        for _ in 0..<n { entries[try d.internedString()] = try d.u64() }
        guard entries.count == n else { throw SnapshotDecodingError("a version vector naming a station twice, before byte \(d.position)") }
        self.init(entries)
    }
}

extension Register: SnapshotCodable {
    public func encode(snapshot e: SnapshotEncoder) throws {
        e.count(writes.count)
        for w in writes {
            try w.stamp.encode(snapshot: e)
            try e.encodeValue(w.value)
            e.interned(w.seen)
            e.interned(w.operatorName)
        }
    }

    public init(snapshot d: SnapshotDecoder) throws {
        let n = try d.count()
        var writes: [Write] = []
        writes.reserveCapacity(SnapshotDecoder.reservable(n))
        for _ in 0..<n {
            let write = Write(stamp: try Stamp(snapshot: d), value: try d.decodeValue(Value.self), seen: try d.internedVector(),
                              operatorName: try d.internedString())
            guard writes.last.map({ $0.stamp < write.stamp }) ?? true else {
                throw SnapshotDecodingError("register writes out of order before byte \(d.position)")
            }
            writes.append(write)
        }
        self.init(writes: writes)
    }
}

extension LogEntry: SnapshotCodable {
    public func encode(snapshot e: SnapshotEncoder) throws {
        try stamp.encode(snapshot: e)
        e.interned(kind.rawValue); e.string(text); e.string(detail); e.string(counterpart)
        e.u64(UInt64(bitPattern: dueAtMs)); e.interned(operatorName)
    }

    public init(snapshot d: SnapshotDecoder) throws {
        let stamp = try Stamp(snapshot: d)
        let kindName = try d.internedString()
        guard let kind = Kind(rawValue: kindName) else { throw SnapshotDecodingError("log kind \(kindName) before byte \(d.position)") }
        self.init(stamp: stamp, kind: kind, text: try d.string(), detail: try d.string(), counterpart: try d.string(),
                  dueAtMs: Int64(bitPattern: try d.u64()), operatorName: try d.internedString())
    }
}

extension NoteEntry: SnapshotCodable {
    public func encode(snapshot e: SnapshotEncoder) throws { try stamp.encode(snapshot: e); e.string(text); e.interned(operatorName) }
    public init(snapshot d: SnapshotDecoder) throws {
        self.init(stamp: try Stamp(snapshot: d), text: try d.string(), operatorName: try d.internedString())
    }
}

extension StatusEntry: SnapshotCodable {
    public func encode(snapshot e: SnapshotEncoder) throws {
        try stamp.encode(snapshot: e); e.u32(epoch); e.interned(status.rawValue); e.string(note); e.interned(operatorName); e.byte(isReopen ? 1 : 0)
    }

    public init(snapshot d: SnapshotDecoder) throws {
        let stamp = try Stamp(snapshot: d), epoch = try d.u32(), name = try d.internedString()
        guard let status = IncidentStatus(rawValue: name) else { throw SnapshotDecodingError("status \(name) before byte \(d.position)") }
        self.init(stamp: stamp, epoch: epoch, status: status, note: try d.string(), operatorName: try d.internedString(), isReopen: try d.bool())
    }
}

extension ReportEntry: SnapshotCodable {
    public func encode(snapshot e: SnapshotEncoder) throws {
        try stamp.encode(snapshot: e); try e.encodeValue(report); e.string(summary); e.interned(operatorName)
    }

    public init(snapshot d: SnapshotDecoder) throws {
        self.init(stamp: try Stamp(snapshot: d), report: try d.decodeValue(ReportMade.self), summary: try d.string(), operatorName: try d.internedString())
    }
}

extension CheckIn: SnapshotCodable {
    public func encode(snapshot e: SnapshotEncoder) throws {
        try stamp.encode(snapshot: e); e.string(date); e.u64(UInt64(bitPattern: Int64(shiftIndex))); try e.encode(present); e.interned(operatorName)
    }

    public init(snapshot d: SnapshotDecoder) throws {
        self.init(stamp: try Stamp(snapshot: d), date: try d.string(), shiftIndex: Int(Int64(bitPattern: try d.u64())),
                  present: try d.decode([String].self), operatorName: try d.internedString())
    }
}

extension IncidentState: SnapshotCodable {
    public func encode(snapshot e: SnapshotEncoder) throws {
        e.string(id)
        try receivedAtMs.encode(snapshot: e); try occurredAtMs.encode(snapshot: e); try reporter.encode(snapshot: e)
        try place.encode(snapshot: e); try category.encode(snapshot: e); try type.encode(snapshot: e)
        try nature.encode(snapshot: e); try hazardousSubstance.encode(snapshot: e); try casualties.encode(snapshot: e)
        try lossCNY.encode(snapshot: e); try affectedArea.encode(snapshot: e); try trend.encode(snapshot: e)
        try description.encode(snapshot: e); try measures.encode(snapshot: e); try leadersOnScene.encode(snapshot: e)
        try commander.encode(snapshot: e); try requests.encode(snapshot: e); try recordedBy.encode(snapshot: e)
        try grade.encode(snapshot: e); try enterprise.encode(snapshot: e); try sensitive.encode(snapshot: e)
        try e.encode(statusHistory); try e.encode(reports); try e.encode(notes)
        try e.encodeValue(createdBy)
        try versions.encode(snapshot: e)
    }

    public init(snapshot d: SnapshotDecoder) throws {
        self.init(id: try d.string())
        receivedAtMs = try .init(snapshot: d); occurredAtMs = try .init(snapshot: d); reporter = try .init(snapshot: d)
        place = try .init(snapshot: d); category = try .init(snapshot: d); type = try .init(snapshot: d)
        nature = try .init(snapshot: d); hazardousSubstance = try .init(snapshot: d); casualties = try .init(snapshot: d)
        lossCNY = try .init(snapshot: d); affectedArea = try .init(snapshot: d); trend = try .init(snapshot: d)
        description = try .init(snapshot: d); measures = try .init(snapshot: d); leadersOnScene = try .init(snapshot: d)
        commander = try .init(snapshot: d); requests = try .init(snapshot: d); recordedBy = try .init(snapshot: d)
        grade = try .init(snapshot: d); enterprise = try .init(snapshot: d); sensitive = try .init(snapshot: d)
        statusHistory = try d.decode([String: StatusEntry].self)
        reports = try d.decode([String: ReportEntry].self)
        notes = try d.decode([String: NoteEntry].self)
        createdBy = try d.decodeValue(Stamp?.self)
        versions = try VersionVector(snapshot: d)
    }
}

extension InstructionState: SnapshotCodable {
    public func encode(snapshot e: SnapshotEncoder) throws { e.string(id); try given.encode(snapshot: e); try e.encode(done) }
    public init(snapshot d: SnapshotDecoder) throws {
        self.init(id: try d.string())
        given = try .init(snapshot: d)
        done = try d.decode([String: NoteEntry].self)
    }
}

extension WarningState: SnapshotCodable {
    public func encode(snapshot e: SnapshotEncoder) throws {
        try info.encode(snapshot: e); try e.encode(acknowledgements); try e.encode(dissemination)
    }

    public init(snapshot d: SnapshotDecoder) throws {
        self.init()
        info = try .init(snapshot: d)
        acknowledgements = try d.decode([String: NoteEntry].self)
        dissemination = try d.decode([String: Register<Bool>].self)
    }
}

extension HandoverState: SnapshotCodable {
    public func encode(snapshot e: SnapshotEncoder) throws { try draft.encode(snapshot: e); try e.encode(signatures) }
    public init(snapshot d: SnapshotDecoder) throws {
        self.init()
        draft = try .init(snapshot: d)
        signatures = try d.decode([String: HandoverSignature].self)
    }
}

// The values most registers hold: tens of thousands of incidents and warnings
// at a million records, read without Codable's keyed containers.

extension SnapshotEncoder {
    /// An enumeration by its raw text (names recur: written once, then by number).
    func rawValue<E: RawRepresentable>(_ value: E) where E.RawValue == String { interned(value.rawValue) }
    func date(_ value: Date) { u64(value.timeIntervalSinceReferenceDate.bitPattern) }
    func date(_ value: Date?) {
        guard let value else { return byte(0) }
        byte(1)
        date(value)
    }
}

extension SnapshotDecoder {
    func rawValue<E: RawRepresentable>(_ type: E.Type) throws -> E where E.RawValue == String {
        let name = try internedString()
        guard let value = E(rawValue: name) else { throw SnapshotDecodingError("\(name) is no \(E.self), before byte \(position)") }
        return value
    }

    func date() throws -> Date { Date(timeIntervalSinceReferenceDate: Double(bitPattern: try u64())) }
    func optionalDate() throws -> Date? {
        switch try byte() {
        case 0: return nil
        case 1: return try date()
        case let flag: throw SnapshotDecodingError("optional flag \(flag) at byte \(position - 1)")
        }
    }
    func strings() throws -> [String] {
        let n = try count()
        var list: [String] = []
        list.reserveCapacity(SnapshotDecoder.reservable(n))
        for _ in 0..<n { list.append(try internedString()) }
        return list
    }
}

extension SnapshotEncoder {
    func strings(_ list: [String]) {
        count(list.count)
        for s in list { interned(s) }
    }
}

extension WarningInfo: SnapshotCodable {
    public func encode(snapshot e: SnapshotEncoder) throws {
        e.string(identifier); e.interned(sender); e.string(sent); e.date(sentAt); e.rawValue(msgType)
        e.strings(references); e.rawValue(status); e.rawValue(scope); e.interned(issuer); e.interned(type)
        if let color { e.byte(1); e.rawValue(color) } else { e.byte(0) }
        e.strings(areas); e.strings(towns); e.date(effective); e.date(onset); e.date(expires)
        e.interned(headline); e.string(description); e.string(instruction); e.rawValue(source); e.interned(senderName)
        try e.encodeValue(capXML); e.interned(severity)
        try e.encodeValue(recordedKey)
    }

    public init(snapshot d: SnapshotDecoder) throws {
        let identifier = try d.string(), sender = try d.internedString(), sent = try d.string(), sentAt = try d.date()
        let msgType = try d.rawValue(WarningMessageType.self), references = try d.strings()
        let status = try d.rawValue(WarningStatus.self), scope = try d.rawValue(WarningScope.self)
        let issuer = try d.internedString(), type = try d.internedString()
        let color = try d.bool() ? try d.rawValue(WarningColor.self) : nil
        let areas = try d.strings(), towns = try d.strings()
        let effective = try d.optionalDate(), onset = try d.optionalDate(), expires = try d.optionalDate()
        let headline = try d.internedString(), description = try d.string(), instruction = try d.string()
        let source = try d.rawValue(WarningSource.self), senderName = try d.internedString()
        let capXML = try d.decodeValue([UInt8].self), severity = try d.internedString()
        self.init(identifier: identifier, sender: sender, sent: sent, sentAt: sentAt, msgType: msgType, references: references,
                  status: status, scope: scope, issuer: issuer, type: type, color: color, areas: areas, towns: towns,
                  effective: effective, onset: onset, expires: expires, headline: headline, description: description,
                  instruction: instruction, source: source, senderName: senderName, capXML: capXML, severity: severity)
        recordedKey = try d.decodeValue(String?.self)
    }
}

extension PlaceInfo: SnapshotCodable {
    public func encode(snapshot e: SnapshotEncoder) throws {
        e.interned(county); e.interned(town); e.interned(village); e.string(detail)
        try e.encodeValue(latitude); try e.encodeValue(longitude)
    }

    public init(snapshot d: SnapshotDecoder) throws {
        self.init(county: try d.internedString(), town: try d.internedString(), village: try d.internedString(), detail: try d.string(),
                  latitude: try d.decodeValue(Double?.self), longitude: try d.decodeValue(Double?.self))
    }
}

extension ReporterInfo: SnapshotCodable {
    public func encode(snapshot e: SnapshotEncoder) throws {
        e.string(name); e.interned(unit); e.interned(title); e.string(phone); e.string(alreadyReported)
    }

    public init(snapshot d: SnapshotDecoder) throws {
        self.init(name: try d.string(), unit: try d.internedString(), title: try d.internedString(), phone: try d.string(),
                  alreadyReported: try d.string())
    }
}

extension Casualties: SnapshotCodable {
    public func encode(snapshot e: SnapshotEncoder) throws {
        func n(_ v: Int) { e.u64(UInt64(bitPattern: Int64(v))) }
        n(deaths); n(missing); n(injured); n(trapped); n(evacuated)
        n(injuredMinor); n(endangered); n(reliefNeeded); n(affected); n(housesCollapsed); n(housesDamaged); n(cropAreaHa)
    }

    public init(snapshot d: SnapshotDecoder) throws {
        func n() throws -> Int { Int(Int64(bitPattern: try d.u64())) }
        self.init(deaths: try n(), missing: try n(), injured: try n(), trapped: try n(), evacuated: try n(),
                  injuredMinor: try n(), endangered: try n(), reliefNeeded: try n(), affected: try n(),
                  housesCollapsed: try n(), housesDamaged: try n(), cropAreaHa: try n())
    }
}

extension GradeDecision: SnapshotCodable {
    public func encode(snapshot e: SnapshotEncoder) throws {
        if let grade { e.byte(1); e.rawValue(grade) } else { e.byte(0) }
        e.string(reason); e.interned(responseLevel)
    }

    public init(snapshot d: SnapshotDecoder) throws {
        let grade = try d.bool() ? try d.rawValue(Grade.self) : nil
        self.init(grade: grade, reason: try d.string(), responseLevel: try d.internedString())
    }
}

extension ReportMade: SnapshotCodable {
    public func encode(snapshot e: SnapshotEncoder) throws {
        try e.encodeValue(kind); e.rawValue(channel); e.date(at); e.interned(recipient)
        // The sign-off (签发): who and when, or nothing.
        if let approvedBy { e.byte(1); e.interned(approvedBy); e.date(approvedAt ?? at) } else { e.byte(0) }
    }

    public init(snapshot d: SnapshotDecoder) throws {
        self.init(kind: try d.decodeValue(ReportKind.self), channel: try d.rawValue(ReportChannel.self), at: try d.date(),
                  recipient: try d.internedString())
        if try d.bool() {
            approvedBy = try d.internedString()
            approvedAt = try d.date()
        }
    }
}

extension ResourceMove: SnapshotCodable {
    public func encode(snapshot e: SnapshotEncoder) throws {
        try stamp.encode(snapshot: e); e.interned(operatorName); e.interned(kind.rawValue); e.interned(objectID); e.interned(incidentID)
        e.interned(status); e.interned(item); e.u64(UInt64(bitPattern: quantity)); e.string(note); e.interned(shelterID)
    }

    public init(snapshot d: SnapshotDecoder) throws {
        let stamp = try Stamp(snapshot: d), op = try d.internedString(), name = try d.internedString()
        guard let kind = Kind(rawValue: name) else { throw SnapshotDecodingError("resource move kind \(name) before byte \(d.position)") }
        self.init(stamp: stamp, operatorName: op, kind: kind, objectID: try d.internedString(), incidentID: try d.internedString(),
                  status: try d.internedString(), item: try d.internedString(), quantity: Int64(bitPattern: try d.u64()),
                  note: try d.string(), shelterID: try d.internedString())
    }
}
