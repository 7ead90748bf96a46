import Foundation

/// The handover report (交接班记录, #21) and the daily duty report (值班日报):
/// what a span of time left behind, made from the folded journal alone. Pure:
/// the same state, window and `now` give the same report, on any station.
///
/// The report holds facts, not words; `HandoverPrinter` (Console) writes it in
/// either language as text, Markdown or on screen.
public struct HandoverReport: Hashable, Sendable {
    public enum Kind: Hashable, Sendable { case handover, daily }

    public var kind: Kind
    /// The shift handed over (for the daily report: the shift running at its end).
    public var slot: ShiftSlot
    /// The shift taking over.
    public var next: ShiftSlot
    /// The span reported: the shift's start to now (or to its end, once over); for the daily report 24 hours.
    public var from: Date
    public var to: Date
    public var madeAt: Date

    // The shift and its people.
    public var leaders: [String] = []
    public var planned: [String] = []
    /// Planned officers' A/B backups, by officer.
    public var backups: [String: String] = [:]
    /// Who checked in for the shift, when anyone did.
    public var present: [String]?
    /// Present but not planned (stand-ins), planned but not present (absentees).
    public var standIns: [String] = []
    public var absent: [String] = []
    public var nextLeaders: [String] = []
    public var nextPlanned: [String] = []
    /// The next shift's officers' B backups: they may take over too.
    public var nextBackups: [String] = []

    /// Whether `name` may accept without a reason: a leader, officer or B backup of the next shift.
    public func isRosteredIncoming(_ name: String) -> Bool {
        Incoming(leaders: nextLeaders, officers: nextPlanned, backups: nextBackups).contains(name)
    }

    public struct Counts: Hashable, Sendable {
        public var received = 0
        public var closed = 0
        public var open = 0
        public var reportsMade = 0
        public var reportsLate = 0
        public var overdueNow = 0
        public var warningsReceived = 0
        public var warningsInForce = 0
        public var logEntries = 0
        public var dispatches = 0
        public var instructionsGiven = 0
        public var instructionsDone = 0
    }
    public var counts = Counts()
    /// For the daily report: incidents received in the span by grade (nil: ungraded) and by status.
    public var byGrade: [Grade?: Int] = [:]
    public var byStatus: [IncidentStatus: Int] = [:]

    public struct IncidentLine: Hashable, Sendable {
        public var id: String
        public var type: String
        public var place: PlaceInfo
        public var grade: Grade?
        public var status: IncidentStatus
        public var receivedAt: Date?
        /// The next report not yet made, and how late it is at `madeAt` (nil: not yet due).
        public var next: Deadline?
        public var lateBy: TimeInterval?
        /// Received before the span: carried over from an earlier shift.
        public var carried: Bool
        /// Fields two stations wrote without seeing each other.
        public var conflicts: [String]
        /// The statutory suggestion when the officer's grade is below it (#22: flagged in every report).
        public var suggestedAbove: Grade? = nil
    }
    /// Incidents received in the span.
    public var received: [IncidentLine] = []
    /// Every incident still open, overdue first, then by next report due.
    public var open: [IncidentLine] = []

    public struct WarningLine: Hashable, Sendable {
        public enum Change: String, Hashable, Sendable { case inForce, began, changed, ended }
        public var key: String
        public var color: WarningColor?
        public var type: String
        public var issuer: String
        public var areas: [String]
        public var change: Change
        /// Still in force at `madeAt`.
        public var inForce: Bool
        public var expires: Date?
        public var acknowledgedBy: String?
        public var reached: Int
        public var targets: Int
        public var carried: Bool
        public var isExercise: Bool
        /// Its acknowledgement clocks (warnings.toml) as they stood at the span's end, when
        /// one was missed (met late, never met) or is still outstanding; on-time ones are left out.
        public var clocks: [WarningClock] = []
        /// Residents of the towns reached and of the area's towns with a figure (nil: no figures).
        public var population: Int? = nil
        public var populationReached: Int = 0
        /// An earthquake warning (warnings.toml scale = "intensity"): its stated intensity; 0 when not stated.
        public var intensity: Int? = nil
        /// Its colour is not one its type has (冰雹蓝色): recorded as sent.
        public var levelNotOfType = false
    }
    public var warnings: [WarningLine] = []

    public struct ResourceLine: Hashable, Sendable {
        public enum Kind: String, Hashable, Sendable { case teamOut, issued, shelterOpen }
        public var kind: Kind
        public var id: String
        public var name: String
        public var status: String
        public var incident: String
        public var item: String = ""
        public var quantity: Int64 = 0
        public var capacity: Int64 = 0
        public var since: Date?
        public var carried: Bool
    }
    public var resources: [ResourceLine] = []

    public struct InstructionLine: Hashable, Sendable {
        public var id: String
        public var from: String
        public var text: String
        public var givenAt: Date
        public var due: Date?
        public var done: Date?
        public var carried: Bool
    }
    /// Instructions not yet done (any age), then those done in the span.
    public var instructions: [InstructionLine] = []

    public struct LogLine: Hashable, Sendable {
        public var key: String
        public var at: Date
        public var kind: LogEntry.Kind
        public var text: String
        public var counterpart: String
        public var operatorName: String
    }
    /// Duty-log entries of the span marked for the handover.
    public var marked: [LogLine] = []

    /// Forks, conflicts and read-only problems the officer has not acknowledged (given by the station).
    public var problems: [String] = []
    /// The outgoing officers' free notes, and who last wrote them.
    public var notes: String = ""
    public var notesBy: String = ""
    public var signed: HandoverSignature?
    public var accepted: HandoverSignature?

    public enum Phase: String, Hashable, Sendable { case notStarted, drafted, signed, accepted }
    public var phase: Phase {
        if accepted != nil { return .accepted }
        if signed != nil { return .signed }
        return notes.isEmpty ? .notStarted : .drafted
    }

    /// How the handover before this shift went: accepted late (by how long) or never.
    public enum PreviousHandover: Hashable, Sendable { case onTime, late(TimeInterval), never }
    /// nil while that handover may still be accepted (within `lateWindow` of its change).
    public var previous: PreviousHandover?
    public var previousSlot: ShiftSlot?
}

extension HandoverReport {
    /// An acceptance later than this after the shift's end is late.
    public static let acceptanceGrace: TimeInterval = 30 * 60

    /// The daily report's end: 08:00 of `now`'s day, or of the day before when `now` is earlier.
    public static func dailyEnd(atOrBefore now: Date, timeZone: TimeZone) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let eight = calendar.date(bySettingHour: 8, minute: 0, second: 0, of: now) ?? now
        return eight <= now ? eight : calendar.date(byAdding: .day, value: -1, to: eight) ?? eight
    }

    /// How long after its change a handover not accepted is still the one due (and late): two hours,
    /// or half the shift when that is shorter, at least the grace.
    public static func lateWindow(_ slot: ShiftSlot) -> TimeInterval {
        max(acceptanceGrace, min(2 * 3600, slot.end.timeIntervalSince(slot.start) / 2))
    }

    /// Who is rostered on the shift after `slot`: they may accept its handover without a reason.
    public struct Incoming: Hashable, Sendable {
        public var leaders: [String] = []
        public var officers: [String] = []
        public var backups: [String] = []
        public func contains(_ name: String) -> Bool { leaders.contains(name) || officers.contains(name) || backups.contains(name) }
    }

    public static func incoming(_ state: DutyState, after slot: ShiftSlot, timeZone: TimeZone) -> Incoming {
        guard let plan = state.assignment(for: state.pattern.next(after: slot, timeZone: timeZone)) else { return Incoming() }
        return Incoming(leaders: plan.leadersByTier.map(\.name), officers: plan.namedOfficers.map(\.name),
                        backups: plan.namedOfficers.map(\.backup).filter { !$0.isEmpty })
    }

    /// The handover id of a shift ("2026-11-23#0"), as the events carry it.
    public static func id(_ slot: ShiftSlot) -> String { "\(slot.date)#\(slot.index)" }

    /// How the handover of `slot` went by `now`: accepted (late or not), or not (yet).
    public static func outcome(_ state: DutyState, slot: ShiftSlot, now: Date) -> PreviousHandover? {
        if let accepted = state.handovers[id(slot)]?.accepted {
            let late = accepted.stamp.date.timeIntervalSince(slot.end)
            return late > acceptanceGrace ? .late(late) : .onTime
        }
        // Not accepted: "never" two hours after the change (half the shift when shorter); not yet before that.
        return now > slot.end.addingTimeInterval(lateWindow(slot)) ? .never : nil
    }

    /// The shift whose handover is due at `now`: the running shift, or the one before it while
    /// its handover has not been accepted and its change is less than `lateWindow` ago.
    public static func pendingSlot(_ state: DutyState, now: Date, timeZone: TimeZone) -> ShiftSlot {
        let pattern = state.pattern
        let current = pattern.slot(at: now, timeZone: timeZone)
        let previous = pattern.previous(before: current, timeZone: timeZone)
        if state.handovers[id(previous)]?.accepted == nil, outcome(state, slot: previous, now: now) == nil { return previous }
        return current
    }

    /// The report of `slot`'s handover at `now`. `summaries` and `warnings` are the state's at
    /// `now` (a caller that holds them passes them; else they are made here).
    public static func handover(_ state: DutyState, rules: RuleBook, slot: ShiftSlot, now: Date, timeZone: TimeZone,
                                summaries: [IncidentSummary]? = nil, warnings: [WarningSummary]? = nil,
                                resources: [ResourceSummary]? = nil, problems: [String] = []) -> HandoverReport {
        let next = state.pattern.next(after: slot, timeZone: timeZone)
        var report = HandoverReport(kind: .handover, slot: slot, next: next, from: slot.start, to: min(now, slot.end), madeAt: now)
        report.fill(state, rules: rules, now: now, timeZone: timeZone, summaries: summaries, warnings: warnings, resources: resources)
        report.problems = problems
        let handover = state.handovers[id(slot)]
        report.notes = handover?.draft.value ?? ""
        report.notesBy = handover?.draft.winner?.operatorName ?? ""
        report.signed = handover?.signed
        report.accepted = handover?.accepted
        return report
    }

    /// The daily duty report (值班日报) for the 24 hours ending at `end` (08:00 by custom).
    public static func daily(_ state: DutyState, rules: RuleBook, end: Date, now: Date, timeZone: TimeZone,
                             summaries: [IncidentSummary]? = nil, warnings: [WarningSummary]? = nil) -> HandoverReport {
        let slot = state.pattern.slot(at: end.addingTimeInterval(-1), timeZone: timeZone)
        let next = state.pattern.next(after: slot, timeZone: timeZone)
        var report = HandoverReport(kind: .daily, slot: slot, next: next, from: end.addingTimeInterval(-86_400), to: min(now, end), madeAt: now)
        report.fill(state, rules: rules, now: now, timeZone: timeZone, summaries: summaries, warnings: warnings, resources: nil)
        return report
    }

    /// Everything is taken as it stood at the span's end (`to`: now, or the end of a span that is over):
    /// a past handover is what was handed over, not today's picture. `given` summaries are used only
    /// when they were made at that instant. (Incident statuses and the registry's objects are the
    /// journal's newest: the fold keeps no earlier ones; a past report's resources are as of now.)
    private mutating func fill(_ state: DutyState, rules: RuleBook, now: Date, timeZone: TimeZone,
                               summaries given: [IncidentSummary]?, warnings givenWarnings: [WarningSummary]?,
                               resources givenResources: [ResourceSummary]?) {
        let span = from..<max(from, to)
        func within(_ date: Date?) -> Bool { date.map { span.contains($0) } ?? false }
        let asOf = to
        let current = asOf >= now

        // The shift and its people.
        if let plan = state.assignment(for: slot) {
            leaders = plan.leadersByTier.map(\.name)
            planned = plan.namedOfficers.map(\.name)
            for officer in plan.namedOfficers where !officer.backup.isEmpty { backups[officer.name] = officer.backup }
        }
        if let checkIn = state.checkIn(for: slot) {
            present = checkIn.present
            standIns = checkIn.present.filter { !planned.contains($0) && !leaders.contains($0) }
            absent = planned.filter { !checkIn.present.contains($0) }
        }
        let incoming = Self.incoming(state, after: slot, timeZone: timeZone)
        (nextLeaders, nextPlanned, nextBackups) = (incoming.leaders, incoming.officers, incoming.backups)
        let previousSlot = state.pattern.previous(before: slot, timeZone: timeZone)
        self.previousSlot = previousSlot
        previous = Self.outcome(state, slot: previousSlot, now: now)

        // Incidents.
        let summaries = (current ? given : nil) ?? state.incidentSummaries(rules: rules, now: asOf, timeZone: timeZone)
        func line(_ s: IncidentSummary) -> IncidentLine {
            let late = s.nextDeadline.flatMap { $0.isOverdue(at: asOf) ? asOf.timeIntervalSince($0.due) : nil }
            return IncidentLine(id: s.id, type: s.type, place: s.place, grade: s.grade, status: s.status, receivedAt: s.receivedAt,
                                next: s.nextDeadline, lateBy: late, carried: (s.receivedAt ?? from) < from, conflicts: s.conflictedFields,
                                suggestedAbove: s.isBelowSuggestion ? s.suggestedGrade : nil)
        }
        for s in summaries {
            if within(s.receivedAt) {
                received.append(line(s))
                byGrade[s.grade, default: 0] += 1
                byStatus[s.status, default: 0] += 1
            }
            if s.isOpen && (s.receivedAt ?? asOf) < asOf { open.append(line(s)) }
            for deadline in s.deadlines {
                if let made = deadline.fulfilledAt, within(made), deadline.wasLate { counts.reportsLate += 1 }
                if deadline.isOverdue(at: asOf) { counts.overdueNow += 1 }
            }
        }
        for incident in state.incidents.values {
            // Reports made in the span, closed incidents' too (a closed incident's summary has no clocks).
            counts.reportsMade += incident.reports.values.filter { within($0.stamp.date) }.count
            // Closed (or final-reported) in the span: the status entry that got it there.
            if incident.statusHistory.values.contains(where: { $0.status >= .finalReported && !$0.isReopen && within($0.stamp.date) }),
               incident.status >= .finalReported {
                counts.closed += 1
            }
        }
        received.sort { ($0.receivedAt ?? .distantPast) < ($1.receivedAt ?? .distantPast) }
        open.sort { a, b in
            if (a.lateBy != nil) != (b.lateBy != nil) { return a.lateBy != nil }
            return (a.next?.due ?? .distantFuture, a.id) < (b.next?.due ?? .distantFuture, b.id)
        }
        counts.received = received.count
        counts.open = open.count

        // Warnings: in force now, and those that began, changed or ended in the span.
        let warningList = (current ? givenWarnings : nil) ?? state.warningSummaries(places: rules.places, now: asOf)
        for w in warningList {
            let first = w.history.last ?? w.info
            let began = within(first.sentAt)
            let changedInSpan = !w.history.isEmpty && within(w.info.sentAt) && w.info.msgType != .cancel
            let endedAt: Date? = w.phase == .cancelled ? w.info.sentAt : w.phase == .expired ? w.info.expires : nil
            let ended = within(endedAt) || (w.phase != .inForce && endedAt.map { $0 >= from && $0 <= to } ?? false)
            let inForce = w.phase == .inForce
            guard inForce || began || changedInSpan || ended else { continue }
            if began { counts.warningsReceived += 1 }
            if inForce && !w.isExercise { counts.warningsInForce += 1 }
            let change: WarningLine.Change = ended && !inForce ? .ended : began ? .began : changedInSpan ? .changed : .inForce
            let coverage = w.coverage
            // A clock met after the span's end was not met in it.
            let clocks = w.clocks(rules.warnings).map { clock -> WarningClock in
                var c = clock
                if let met = c.metAt, met > asOf { c.metAt = nil }
                return c
            }.filter { c in
                if case .met = c.standing(at: asOf) { return false }
                return true
            }
            let people = w.populationCoverage(rules.places)
            warnings.append(WarningLine(key: w.chainKey, color: w.color, type: w.info.type, issuer: w.info.issuer, areas: w.info.areas,
                                        change: change, inForce: inForce, expires: w.info.expires,
                                        acknowledgedBy: w.acknowledgement?.operatorName, reached: coverage.reached,
                                        targets: coverage.total, carried: first.sentAt < from, isExercise: w.isExercise,
                                        clocks: clocks, population: people?.total, populationReached: people?.reached ?? 0,
                                        intensity: rules.warnings.statesIntensity(w.info)
                                            ? WarningIntensity.stated(in: [w.info.headline, w.info.description]) ?? 0 : nil,
                                        levelNotOfType: rules.warnings.colourNotListed(w.info) != nil))
        }
        warnings.sort { a, b in
            if a.inForce != b.inForce { return a.inForce }
            return (a.color ?? .blue) > (b.color ?? .blue)
        }

        // Resources: teams out, items issued in the span, shelters open.
        for summary in givenResources ?? state.resourceSummaries() {
            switch summary.kind {
            case .team where ["dispatched", "on_scene", "returning"].contains(summary.status):
                let moves = state.resourceMoves["team:" + summary.id]?.values.sorted { $0.stamp < $1.stamp } ?? []
                let sent = moves.last { $0.kind == .dispatch }
                resources.append(ResourceLine(kind: .teamOut, id: summary.id, name: summary.name, status: summary.status,
                                              incident: sent?.incidentID ?? "", quantity: sent?.quantity ?? 0,
                                              since: sent?.stamp.date, carried: (sent?.stamp.date ?? from) < from))
            case .shelter where summary.status != "closed" && !summary.status.isEmpty:
                resources.append(ResourceLine(kind: .shelterOpen, id: summary.id, name: summary.name, status: summary.status, incident: "",
                                              quantity: summary.occupancy ?? 0, capacity: summary.capacity ?? 0, carried: false))
            case .depot:
                let moves = state.resourceMoves["depot:" + summary.id]?.values.filter { $0.kind == .stock && $0.status == "issue" && within($0.stamp.date) } ?? []
                for move in moves.sorted(by: { $0.stamp < $1.stamp }) {
                    resources.append(ResourceLine(kind: .issued, id: summary.id, name: summary.name, status: "issue",
                                                  incident: move.incidentID.isEmpty ? move.shelterID : move.incidentID,
                                                  item: move.item, quantity: -move.quantity, since: move.stamp.date, carried: false))
                }
            default: break
            }
        }
        for (key, moves) in state.resourceMoves where key.hasPrefix("team:") {
            counts.dispatches += moves.values.filter { $0.kind == .dispatch && within($0.stamp.date) }.count
        }

        // Leader instructions: every one not done, and those done in the span. An instruction is a duty-log
        // entry of that kind (its key is the instruction's id) or one given on its own; the log's kinds are
        // read without its text, and the text only of the instructions kept.
        // Counted and kept when open at the span's end or done in it; the text is read only of those kept.
        func instruction(id: String, givenAt: Date, details: () -> (from: String, text: String, dueAtMs: Int64)) {
            // Done after the span's end: open at the handover.
            let doneAt = state.instructions[id]?.done.values.map(\.stamp.date).min().flatMap { $0 <= asOf ? $0 : nil }
            if within(givenAt) { counts.instructionsGiven += 1 }
            if within(doneAt) { counts.instructionsDone += 1 }
            guard doneAt == nil || within(doneAt) else { return }
            let d = details()
            instructions.append(InstructionLine(id: id, from: d.from, text: d.text, givenAt: givenAt,
                                                due: d.dueAtMs > 0 ? Date(timeIntervalSince1970: Double(d.dueAtMs) / 1000) : nil,
                                                done: doneAt, carried: givenAt < from))
        }
        for position in 0..<state.log.count where state.log.kind(at: position) == .instruction {
            let stamp = state.log.stamp(at: position)
            guard stamp.date < to else { continue }
            instruction(id: "\(stamp.station)/\(stamp.seq)", givenAt: stamp.date) {
                let entry = state.log.entry(at: position).entry
                return (entry.counterpart, entry.text, entry.dueAtMs)
            }
        }
        for given in state.instructions.values where state.log[given.id] == nil {
            guard let info = given.given.winner, info.stamp.date < to else { continue }
            instruction(id: given.id, givenAt: info.stamp.date) { (info.value.from, info.value.text, info.value.dueAtMs) }
        }
        instructions.sort { a, b in
            if (a.done == nil) != (b.done == nil) { return a.done == nil }
            return (a.givenAt, a.id) < (b.givenAt, b.id)
        }

        // The duty log: entries in the span (found by time, newest first), those marked for the handover.
        let log = state.log
        var lo = 0, hi = log.count
        // Position 0 is the newest: the first position whose entry is older than the span's end.
        while lo < hi {
            let mid = (lo + hi) / 2
            if log.stamp(at: mid).date >= to { lo = mid + 1 } else { hi = mid }
        }
        var position = lo
        while position < log.count, log.stamp(at: position).date >= from {
            counts.logEntries += 1
            position += 1
        }
        for (key, mark) in state.logMarks where mark.value == true {
            // Written in the span, or marked in it (an earlier entry the shift found worth handing over).
            guard let entry = log[key], within(entry.stamp.date) || within(mark.winner?.stamp.date) else { continue }
            marked.append(LogLine(key: key, at: entry.stamp.date, kind: entry.kind, text: entry.text, counterpart: entry.counterpart,
                                  operatorName: entry.operatorName))
        }
        marked.sort { ($0.at, $0.key) < ($1.at, $1.key) }
    }
}
