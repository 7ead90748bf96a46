import Foundation

/// Closing an incident, or marking its final report filed, while reports it
/// owes are not made (issue #22): the move is allowed only with a reason, which
/// the status change keeps as its note. The console's status dialog and any
/// other front end ask the same question here.
public enum OutstandingReports {
    /// The statuses a move to which asks: 已终报 and 已关闭 say the reporting is done.
    public static func asksForReason(movingTo target: IncidentStatus) -> Bool {
        target >= .finalReported
    }

    /// The report deadlines not met that a move from the summary's status to
    /// `target` would leave behind, earliest due first; empty when the move
    /// needs no reason.
    public static func left(by summary: IncidentSummary, movingTo target: IncidentStatus) -> [Deadline] {
        guard asksForReason(movingTo: target), target > summary.status else { return [] }
        return summary.deadlines.filter { !$0.isFulfilled }.sorted { ($0.due, $0.kind.order) < ($1.due, $1.kind.order) }
    }
}
