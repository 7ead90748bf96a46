import DutyModel
import Foundation
import Journal
import TerminalUI

/// Loads SampleData/taizhou-incidents.json into a new demo station with times
/// relative to now: each entry is an intake (as `incident add` reads it), the
/// reports made and the status changes, minutes after it was received.
enum SampleIncidents {
    struct Problem: Error, CustomStringConvertible { var description: String }

    static func load(into global: GlobalOptions, file: String) throws {
        guard let data = FileManager.default.contents(atPath: file),
              let entries = try JSONSerialization.jsonObject(with: data) as? [[String: Any]] else {
            throw Problem(description: "\(file): not a JSON array of incidents")
        }
        let context = try StationContext.open(global)
        let station = context.station
        let now = global.clock().now()
        let journal = try Journal(station: station, now: now)
        journal.holderDescription = "pid \(getpid()) (zhiban demo)"
        var perDay: [String: Int] = [:]
        // Oldest first, so daily numbers follow the order incidents came in.
        let ordered = entries.sorted { ($0["minutes_ago"] as? Int ?? 0) > ($1["minutes_ago"] as? Int ?? 0) }
        for (index, entry) in ordered.enumerated() {
            guard let minutesAgo = entry["minutes_ago"] as? Int, var intakeJSON = entry["intake"] as? [String: Any] else {
                throw Problem(description: "\(file) entry \(index + 1): needs minutes_ago and intake")
            }
            let received = now.addingTimeInterval(-Double(minutesAgo) * 60)
            intakeJSON["received_at"] = DutyTime.formatISO8601(received, timeZone: station.timeZone)
            let intake: Intake
            switch context.intakeParser(now: now).parse(try JSONSerialization.data(withJSONObject: intakeJSON)) {
            case .success(let i): intake = i
            case .failure(let problems):
                throw Problem(description: "\(file) entry \(index + 1): " + problems.errors.map(\.description).joined(separator: "; "))
            }
            let operatorName = entry["operator"] as? String ?? global.operatorName
            let day = DayFormat.compact(received, timeZone: station.timeZone)
            perDay[day, default: 0] += 1
            let id = "\(station.code)-\(day)-" + String(format: "%03d", perDay[day]!)
            func append(_ draft: EventDraft) throws {
                try journal.append(NewRecord(draft, operatorName: operatorName), now: now)
            }
            try append(.incidentReceived(id: id, intake: intake, recordedBy: operatorName))
            // Reports and status changes in the order they happened.
            var steps: [(Int, EventDraft)] = []
            for report in entry["reports"] as? [[String: Any]] ?? [] {
                let number = report["number"] as? Int ?? 1
                let kind: ReportKind = switch report["kind"] as? String {
                case "final": .final
                case "follow_up": .followUp(number)
                default: .initial
                }
                let after = report["minutes_after"] as? Int ?? 0
                steps.append((after, .reportRecorded(id: id, kind: kind, channel: ReportChannel(rawValue: report["channel"] as? String ?? "") ?? .phone,
                                                     recipient: report["recipient"] as? String ?? "",
                                                     at: received.addingTimeInterval(Double(after) * 60))))
            }
            for change in entry["status"] as? [[String: Any]] ?? [] {
                guard let status = IncidentStatus(rawValue: change["status"] as? String ?? "") else {
                    throw Problem(description: "\(file) entry \(index + 1): status \(change["status"] ?? "?") is not one of "
                                  + IncidentStatus.allCases.map(\.rawValue).joined(separator: ", "))
                }
                steps.append((change["minutes_after"] as? Int ?? 0, .incidentStatusChanged(id: id, to: status, epoch: 0)))
            }
            for (_, draft) in steps.sorted(by: { $0.0 < $1.0 }) { try append(draft) }
        }
    }
}
