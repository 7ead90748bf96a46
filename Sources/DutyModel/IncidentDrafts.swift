import Foundation

/// The events an officer's incident actions write.
extension EventDraft {
    private static func ms(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded()) }

    /// 接报登记: a new incident with every field of the intake.
    public static func incidentReceived(id: String, intake: Intake, recordedBy: String) -> EventDraft {
        var f = Zhiban_Events_V1_IncidentFields()
        f.receivedAtMs = ms(intake.receivedAt)
        if let occurred = intake.occurredAt { f.occurredAtMs = ms(occurred) }
        var reporter = Zhiban_Events_V1_Reporter()
        reporter.name = intake.reporter.name; reporter.unit = intake.reporter.unit; reporter.title = intake.reporter.title
        reporter.phone = intake.reporter.phone; reporter.alreadyReported = intake.reporter.alreadyReported
        f.reporter = reporter
        var place = Zhiban_Events_V1_Place()
        place.county = intake.place.county; place.town = intake.place.town; place.village = intake.place.village
        place.detail = intake.place.detail
        if let lat = intake.place.latitude, let lon = intake.place.longitude { place.hasCoordinates_p = true; place.lat = lat; place.lon = lon }
        f.place = place
        f.category = intake.category.rawValue
        f.type = intake.type
        f.casualties = casualtyCounts(intake.casualties)
        f.lossCny = intake.lossCNY
        f.description_p = intake.description
        if !intake.measures.isEmpty { f.measures = intake.measures }
        if !intake.nature.isEmpty { f.nature = intake.nature }
        if !intake.hazardousSubstance.isEmpty { f.hazardousSubstance = intake.hazardousSubstance }
        if !intake.affectedArea.isEmpty { f.affectedArea = intake.affectedArea }
        if !intake.trend.isEmpty { f.trend = intake.trend }
        if !intake.leadersOnScene.isEmpty { f.leadersOnScene = intake.leadersOnScene }
        if !intake.commander.isEmpty { f.commander = intake.commander }
        if !intake.requests.isEmpty { f.requests = intake.requests }
        f.recordedBy = recordedBy
        if !intake.enterprise.isEmpty { f.enterprise = enterpriseMessage(intake.enterprise) }
        if intake.sensitive { f.sensitive = true }
        var m = Zhiban_Events_V1_IncidentReceived()
        m.incidentID = id
        m.fields = f
        if intake.gradeGiven {
            m.grade = intake.grade?.rawValue ?? ""
            m.gradeReason = intake.gradeReason.isEmpty ? GradeDecision.givenAtIntake : intake.gradeReason
        }
        return EventDraft(m)
    }

    private static func enterpriseMessage(_ e: EnterpriseInfo) -> Zhiban_Events_V1_Enterprise {
        var m = Zhiban_Events_V1_Enterprise()
        m.name = e.name; m.nature = e.nature; m.licence = e.licence; m.address = e.address
        return m
    }

    private static func casualtyCounts(_ c: Casualties) -> Zhiban_Events_V1_CasualtyCounts {
        var m = Zhiban_Events_V1_CasualtyCounts()
        m.deaths = Int64(c.deaths); m.missing = Int64(c.missing); m.injured = Int64(c.injured)
        m.trapped = Int64(c.trapped); m.evacuated = Int64(c.evacuated)
        m.injuredMinor = Int64(c.injuredMinor); m.endangered = Int64(c.endangered); m.reliefNeeded = Int64(c.reliefNeeded)
        m.affected = Int64(c.affected); m.housesCollapsed = Int64(c.housesCollapsed); m.housesDamaged = Int64(c.housesDamaged)
        m.cropAreaHa = Int64(c.cropAreaHa)
        return m
    }

    /// A new fact about an incident: casualties, loss, description, trend or
    /// measures (nil = unchanged). The earlier values stay in the register's history.
    public static func incidentUpdated(id: String, casualties: Casualties? = nil, lossCNY: Int64? = nil,
                                       description: String? = nil, trend: String? = nil, measures: String? = nil,
                                       enterprise: EnterpriseInfo? = nil, sensitive: Bool? = nil,
                                       note: String = "", seen: VersionVector) -> EventDraft {
        var f = Zhiban_Events_V1_IncidentFields()
        if let enterprise { f.enterprise = enterpriseMessage(enterprise) }
        if let sensitive { f.sensitive = sensitive }
        if let casualties { f.casualties = casualtyCounts(casualties) }
        if let lossCNY { f.lossCny = lossCNY }
        if let description { f.description_p = description }
        if let trend { f.trend = trend }
        if let measures { f.measures = measures }
        var m = Zhiban_Events_V1_IncidentUpdated()
        m.incidentID = id
        m.fields = f
        m.note = note
        m.seen = seen.seenMessages
        return EventDraft(m)
    }

    /// Confirms or overrides the grade (nil = back to ungraded), with the reason.
    public static func incidentGraded(id: String, grade: Grade?, reason: String, responseLevel: String = "",
                                      seen: VersionVector) -> EventDraft {
        var m = Zhiban_Events_V1_IncidentGraded()
        m.incidentID = id
        m.grade = grade?.rawValue ?? ""
        m.reason = reason
        m.responseLevel = responseLevel
        m.seen = seen.seenMessages
        return EventDraft(m)
    }

    /// A step along the lifecycle (checked by the caller against lifecycle.toml).
    public static func incidentStatusChanged(id: String, to status: IncidentStatus, epoch: UInt32, note: String = "") -> EventDraft {
        var m = Zhiban_Events_V1_IncidentStatusChanged()
        m.incidentID = id
        m.status = status.rawValue
        m.epoch = epoch
        m.note = note
        return EventDraft(m)
    }

    /// 重新启动处置: a new epoch, with the reason.
    public static func incidentReopened(id: String, epoch: UInt32, reason: String) -> EventDraft {
        var m = Zhiban_Events_V1_IncidentReopened()
        m.incidentID = id
        m.epoch = epoch
        m.reason = reason
        return EventDraft(m)
    }

    /// A report made upward: 初报 / 续报 n / 终报, by phone or in writing.
    public static func reportRecorded(id: String, kind: ReportKind, channel: ReportChannel, recipient: String, at: Date,
                                      summary: String = "", approvedBy: String = "", approvedAt: Date? = nil) -> EventDraft {
        var m = Zhiban_Events_V1_ReportRecorded()
        m.incidentID = id
        switch kind {
        case .initial: m.kind = "initial"
        case .followUp(let n): m.kind = "follow_up"; m.number = Int32(n)
        case .final: m.kind = "final"
        case .supplementary: m.kind = "supplementary"
        }
        m.channel = channel.rawValue
        m.recipient = recipient
        m.atMs = ms(at)
        m.summary = summary
        m.approvedBy = approvedBy
        if !approvedBy.isEmpty, let approvedAt { m.approvedAtMs = ms(approvedAt) }
        return EventDraft(m)
    }

    public static func incidentNoted(id: String, text: String) -> EventDraft {
        var m = Zhiban_Events_V1_IncidentNoted()
        m.incidentID = id
        m.text = text
        return EventDraft(m)
    }
}
