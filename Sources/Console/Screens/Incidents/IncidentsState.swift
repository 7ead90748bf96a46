import TerminalUI

/// How the incident list is ordered.
public enum IncidentSort: Int, CaseIterable, Sendable {
    /// Newest received first.
    case received
    /// The next report due first; incidents without one last.
    case deadline
    /// Most severe grade (confirmed, else suggested) first.
    case grade
}

/// Quick filters of the incident list; several may be on at once.
public enum IncidentQuickFilter: String, CaseIterable, Sendable {
    case open, overdue, mine, today
}

public struct IncidentsScreenState: Equatable, Sendable {
    public var list = FilteredList()
    public var sort: IncidentSort = .received
    public var quick: Set<IncidentQuickFilter> = []
    public init() {}
}
