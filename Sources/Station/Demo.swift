import CAP
import DutyModel
import Foundation
import Journal
import SafeText

/// Seeding the demo station from SampleData/: the Taizhou contacts, roster
/// and resource registry, the sample incidents and the sample CAP warnings, all with times
/// relative to now.
extension DutyStation {
    /// What could not be loaded (file and why); the rest was.
    public struct DemoProblem: Hashable, Sendable, CustomStringConvertible {
        public var file: String
        public var reason: String
        public var description: String { "\(file): \(reason)" }
    }

    /// Loads every sample of `directory` into this (new) station.
    public func seedDemo(from directory: String, operatorName: String, now: Date) -> [DemoProblem] {
        var problems: [DemoProblem] = []
        // Contacts and roster, then the resource registry (depots before their stock).
        let registry = ["teams", "depots", "stock", "shelters", "fire_stations", "hazards", "monitors", "equipment"].map { "taizhou-\($0).csv" }
        for name in ["taizhou-contacts.csv", "taizhou-roster.csv"] + registry {
            let file = directory + "/" + name
            guard let data = FileManager.default.contents(atPath: file) else { continue }
            do {
                if case .rejected(_, let list) = try importCSV(data, file: file, operatorName: operatorName, now: now) {
                    problems.append(DemoProblem(file: file, reason: list.first ?? "rejected"))
                }
            } catch {
                problems.append(DemoProblem(file: file, reason: "\(error)"))
            }
        }
        let incidents = directory + "/taizhou-incidents.json"
        do {
            try seedSampleIncidents(file: incidents, operatorName: operatorName, now: now)
        } catch {
            problems.append(DemoProblem(file: incidents, reason: "\(error)"))
        }
        let warnings = directory + "/cap"
        do {
            problems += try seedSampleWarnings(directory: warnings, now: now)
        } catch {
            problems.append(DemoProblem(file: warnings, reason: "\(error)"))
        }
        return problems
    }

    struct SampleProblem: Error, CustomStringConvertible { var description: String }

    /// SampleData/taizhou-incidents.json: each entry is an intake (as
    /// `incident add` reads it), the reports made and the status changes,
    /// minutes after it was received. Written as one batch, numbered by the
    /// one numbering routine (`recordIntakes`), oldest first.
    func seedSampleIncidents(file: String, operatorName: String, now: Date) throws {
        guard let data = FileManager.default.contents(atPath: file),
              let entries = try JSONSerialization.jsonObject(with: data) as? [[String: Any]] else {
            throw SampleProblem(description: "not a JSON array of incidents")
        }
        let ordered = entries.sorted { ($0["minutes_ago"] as? Int ?? 0) > ($1["minutes_ago"] as? Int ?? 0) }
        var intakes: [(intake: Intake, operatorName: String)] = []
        var steps: [[(Int, (String) -> EventDraft)]] = []
        for (index, entry) in ordered.enumerated() {
            guard let minutesAgo = entry["minutes_ago"] as? Int, var intakeJSON = entry["intake"] as? [String: Any] else {
                throw SampleProblem(description: "entry \(index + 1): needs minutes_ago and intake")
            }
            let received = now.addingTimeInterval(-Double(minutesAgo) * 60)
            intakeJSON["received_at"] = DutyTime.formatISO8601(received, timeZone: timeZone)
            switch intakeParser(now: now).parse(try JSONSerialization.data(withJSONObject: intakeJSON)) {
            case .success(let intake): intakes.append((intake, entry["operator"] as? String ?? operatorName))
            case .failure(let problems):
                throw SampleProblem(description: "entry \(index + 1): " + problems.errors.map(\.description).joined(separator: "; "))
            }
            var entrySteps: [(Int, (String) -> EventDraft)] = []
            for report in entry["reports"] as? [[String: Any]] ?? [] {
                let number = report["number"] as? Int ?? 1
                let kind: ReportKind = switch report["kind"] as? String {
                case "final": .final
                case "follow_up": .followUp(number)
                default: .initial
                }
                let after = report["minutes_after"] as? Int ?? 0
                let channel = ReportChannel(rawValue: report["channel"] as? String ?? "") ?? .phone
                let recipient = report["recipient"] as? String ?? ""
                entrySteps.append((after, { id in
                    .reportRecorded(id: id, kind: kind, channel: channel, recipient: recipient, at: received.addingTimeInterval(Double(after) * 60))
                }))
            }
            for change in entry["status"] as? [[String: Any]] ?? [] {
                guard let status = IncidentStatus(rawValue: change["status"] as? String ?? "") else {
                    throw SampleProblem(description: "entry \(index + 1): status \(change["status"] ?? "?") is not one of "
                                        + IncidentStatus.allCases.map(\.rawValue).joined(separator: ", "))
                }
                entrySteps.append((change["minutes_after"] as? Int ?? 0, { id in .incidentStatusChanged(id: id, to: status, epoch: 0) }))
            }
            // Reports and status changes in the order they happened.
            steps.append(entrySteps.sorted { $0.0 < $1.0 })
        }
        _ = try recordIntakes(intakes, now: now) { id, index in steps[index].map { $0.1(id) } }
    }

    /// SampleData/cap: every dateTime in the files is written relative to
    /// `sampleBase` and moved by now − base (whole minutes), so some warnings
    /// are in force, one has expired and one is cancelled.
    func seedSampleWarnings(directory: String, now: Date) throws -> [DemoProblem] {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".xml") }.sorted()
        let seconds = Self.sampleOffset(now: now)
        var imported: [String] = []
        var problems: [DemoProblem] = []
        for name in names {
            let path = directory + "/" + name
            guard let data = FileManager.default.contents(atPath: path) else {
                problems.append(DemoProblem(file: path, reason: "cannot be read"))
                continue
            }
            let shifted = Self.shiftSampleTimes(String(decoding: data, as: UTF8.self), by: seconds)
            let outcome = try importCAP(Array(shifted.utf8), languages: ["zh-CN"], operatorName: "高鹏", now: now)
            if case .imported(let key, _) = outcome {
                imported.append(key)
            } else {
                problems.append(DemoProblem(file: path, reason: "\(outcome)"))
            }
        }
        // The sample warnings came in before this shift: the officer then on duty acknowledged
        // them, so the demo opens calm and a file dropped into inbox/ is what raises the alert.
        try write(imported.map { EventDraft.warningAcknowledged(key: $0) }, operatorName: "高鹏", now: now)
        return problems
    }

    static let sampleBase = DutyTime.parseISO8601("2026-01-01T12:00:00+08:00")!

    static let samplePattern = try! NSRegularExpression(pattern: #"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}([+-])(\d{2}):(\d{2})"#)

    /// `text` with every CAP dateTime moved by `seconds`, each keeping its own UTC offset.
    public static func shiftSampleTimes(_ text: String, by seconds: TimeInterval) -> String {
        let ns = text as NSString
        var result = ""
        var last = 0
        for match in samplePattern.matches(in: text, range: NSRange(location: 0, length: ns.length)) {
            result += ns.substring(with: NSRange(location: last, length: match.range.location - last))
            let original = ns.substring(with: match.range)
            let sign = ns.substring(with: match.range(at: 1)) == "-" ? -1 : 1
            let offset = sign * ((Int(ns.substring(with: match.range(at: 2))) ?? 0) * 3600 + (Int(ns.substring(with: match.range(at: 3))) ?? 0) * 60)
            if let date = DutyTime.parseISO8601(original), let zone = TimeZone(secondsFromGMT: offset) {
                result += CAPMapping.dateTime(date.addingTimeInterval(seconds), zone).text
            } else {
                result += original
            }
            last = match.range.location + match.range.length
        }
        result += ns.substring(from: last)
        return result
    }

    /// now − base, rounded to the minute.
    public static func sampleOffset(now: Date) -> TimeInterval {
        (now.timeIntervalSince(sampleBase) / 60).rounded() * 60
    }
}
