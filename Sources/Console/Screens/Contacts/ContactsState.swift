import TerminalUI

public struct ContactsScreenState: Equatable, Sendable {
    public var list = FilteredList()
    public init() {}
}
