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
    public func encode(snapshot e: SnapshotEncoder) throws {
        e.count(entries.count)
        for (station, seq) in entries { e.interned(station); e.u64(seq) }
    }

    public init(snapshot d: SnapshotDecoder) throws {
        let n = try d.count()
        var entries: [String: UInt64] = [:]
        for _ in 0..<n { entries[try d.internedString()] = try d.u64() }
        self.init(entries)
    }
}

extension Register: SnapshotCodable {
    public func encode(snapshot e: SnapshotEncoder) throws {
        e.count(writes.count)
        for w in writes {
            try w.stamp.encode(snapshot: e)
            try e.encodeValue(w.value)
            try w.seen.encode(snapshot: e)
            e.interned(w.operatorName)
        }
    }

    public init(snapshot d: SnapshotDecoder) throws {
        let n = try d.count()
        var writes: [Write] = []
        writes.reserveCapacity(n)
        for _ in 0..<n {
            let write = Write(stamp: try Stamp(snapshot: d), value: try d.decodeValue(Value.self), seen: try VersionVector(snapshot: d),
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
        try grade.encode(snapshot: e)
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
        grade = try .init(snapshot: d)
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
        signatures = try d.decode([String: NoteEntry].self)
    }
}
