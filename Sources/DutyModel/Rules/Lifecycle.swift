import Foundation

extension IncidentStatus {
    /// 接报, 核实, 处置中, 已控制, 应急结束, 已终报, 已关闭.
    public var chineseName: String {
        switch self {
        case .received: return "接报"
        case .verifying: return "核实"
        case .responding: return "处置中"
        case .contained: return "已控制"
        case .ended: return "应急结束"
        case .finalReported: return "已终报"
        case .closed: return "已关闭"
        }
    }
}

/// Why a status change is refused, in English (`description`) and Chinese.
public struct LifecycleError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Reason: Hashable, Sendable {
        /// `from == to`.
        case alreadyThere
        /// Backwards; `reopenPossible` when a reopen from `from` is allowed.
        case backwards(reopenPossible: Bool)
        case notEnded
        case finalReportMissing
        case notVerified
        case noResponse
        /// Forward, but not listed in lifecycle.toml.
        case notAllowed
        /// `checkReopen` from a status that cannot be reopened.
        case cannotReopen(allowedFrom: [IncidentStatus])
    }

    public var from: IncidentStatus
    /// For a refused reopen, the status it would have gone to.
    public var to: IncidentStatus
    public var reason: Reason
    /// Where `from` may go instead.
    public var allowedNext: [IncidentStatus]

    public init(from: IncidentStatus, to: IncidentStatus, reason: Reason, allowedNext: [IncidentStatus]) {
        self.from = from
        self.to = to
        self.reason = reason
        self.allowedNext = allowedNext
    }

    /// e.g. "cannot go from received to final_reported: the emergency has not
    /// ended (allowed next: verifying, responding, closed)".
    public var description: String {
        let next = allowedNext.isEmpty
            ? "no next status; reopen to go on"
            : "allowed next: " + allowedNext.map(\.rawValue).joined(separator: ", ")
        let why: String
        switch reason {
        case .alreadyThere: why = "it is already \(from.rawValue)"
        case .backwards(let reopen):
            why = reopen ? "an incident does not go back; reopen it instead" : "an incident does not go back"
        case .notEnded: why = "the emergency has not ended"
        case .finalReportMissing: why = "the final report has not been filed"
        case .notVerified: why = "the report has not been verified"
        case .noResponse: why = "no response has been launched"
        case .notAllowed: why = "lifecycle.toml does not allow this step"
        case .cannotReopen(let allowed):
            return "cannot reopen from \(from.rawValue): only \(Self.orList(allowed.map(\.rawValue), "or")) can be reopened"
        }
        return "cannot go from \(from.rawValue) to \(to.rawValue): \(why) (\(next))"
    }

    /// e.g. "不能从"接报"转为"已终报"：应急尚未结束（可转为：核实、处置中、已关闭）".
    public var chinese: String {
        let next = allowedNext.isEmpty
            ? "已无后续状态，如需继续处置请重新启动"
            : "可转为：" + allowedNext.map(\.chineseName).joined(separator: "、")
        let why: String
        switch reason {
        case .alreadyThere: why = "事件已处于该状态"
        case .backwards(let reopen): why = reopen ? "状态不能回退，请使用“重新启动处置”" : "状态不能回退"
        case .notEnded: why = "应急尚未结束"
        case .finalReportMissing: why = "尚未提交终报"
        case .notVerified: why = "尚未核实"
        case .noResponse: why = "尚未启动处置"
        case .notAllowed: why = "流程规则（lifecycle.toml）不允许这一步"
        case .cannotReopen(let allowed):
            return "不能从“\(from.chineseName)”重新启动处置：只有" + allowed.map { "“\($0.chineseName)”" }.joined(separator: "、") + "状态的事件可以重新启动"
        }
        let verb: String
        if case .backwards = reason { verb = "退回" } else { verb = "转为" }
        return "不能从“\(from.chineseName)”\(verb)“\(to.chineseName)”：\(why)（\(next)）"
    }

    static func orList(_ items: [String], _ word: String) -> String {
        switch items.count {
        case 0: return "none"
        case 1: return items[0]
        default: return items.dropLast().joined(separator: ", ") + " \(word) " + items.last!
        }
    }
}

/// Which status changes are allowed (lifecycle.toml, DOMAIN.md §2.5).
public struct LifecycleRules: Hashable, Sendable {
    /// Forward moves allowed from each status, in status order.
    public var next: [IncidentStatus: [IncidentStatus]]
    /// Statuses from which an incident may be reopened…
    public var reopenFrom: [IncidentStatus]
    /// …and the status a reopen goes back to.
    public var reopenTo: IncidentStatus

    public init(next: [IncidentStatus: [IncidentStatus]], reopenFrom: [IncidentStatus], reopenTo: IncidentStatus) {
        self.next = next.mapValues { $0.sorted() }
        self.reopenFrom = reopenFrom.sorted()
        self.reopenTo = reopenTo
    }

    public func allowedNext(from status: IncidentStatus) -> [IncidentStatus] {
        next[status] ?? []
    }

    public func canReopen(from status: IncidentStatus) -> Bool {
        reopenFrom.contains(status)
    }

    /// Whether an officer may move an incident from `from` to `to` (a plain
    /// move; going back is `checkReopen`).
    public func check(from: IncidentStatus, to: IncidentStatus) -> Result<Void, LifecycleError> {
        let allowed = allowedNext(from: from)
        if allowed.contains(to) { return .success(()) }
        let reason: LifecycleError.Reason
        if to == from {
            reason = .alreadyThere
        } else if to < from {
            reason = .backwards(reopenPossible: canReopen(from: from) && reopenTo == to)
        } else if from < .ended && to > .ended {
            reason = .notEnded
        } else if from < .finalReported && to > .finalReported {
            reason = .finalReportMissing
        } else if from == .received && to > .verifying {
            reason = .notVerified
        } else if from < .responding && to > .responding {
            reason = .noResponse
        } else {
            reason = .notAllowed
        }
        return .failure(LifecycleError(from: from, to: to, reason: reason, allowedNext: allowed))
    }

    /// Whether an incident in `from` may be reopened; on success, the status it goes back to.
    public func checkReopen(from: IncidentStatus) -> Result<IncidentStatus, LifecycleError> {
        if canReopen(from: from) { return .success(reopenTo) }
        return .failure(LifecycleError(from: from, to: reopenTo, reason: .cannotReopen(allowedFrom: reopenFrom),
                                       allowedNext: allowedNext(from: from)))
    }

    static func parse(_ root: TableReader) throws -> LifecycleRules {
        try root.checkKeys(["next", "reopen"])
        let names = IncidentStatus.allCases.map(\.rawValue)
        func status(_ s: String, _ t: TableReader, _ key: String) throws -> IncidentStatus {
            guard let st = IncidentStatus(rawValue: s) else {
                throw t.problem(key, "\"\(s)\" is not a status (\(names.joined(separator: ", ")))")
            }
            return st
        }
        let nextTable = try root.subtable("next")
        try nextTable.checkKeys(names)
        var next: [IncidentStatus: [IncidentStatus]] = [:]
        for from in IncidentStatus.allCases {
            guard nextTable.has(from.rawValue) else {
                throw nextTable.problem(nil, "missing \(from.rawValue) (write \(from.rawValue) = [] for none)")
            }
            var targets: [IncidentStatus] = []
            for s in try nextTable.stringArray(from.rawValue) {
                let to = try status(s, nextTable, from.rawValue)
                guard to > from else {
                    throw nextTable.problem(from.rawValue, "\(from.rawValue) → \(to.rawValue) goes back or stays; only forward moves here (going back is [reopen])")
                }
                guard !targets.contains(to) else { throw nextTable.problem(from.rawValue, "\"\(s)\" is listed twice") }
                targets.append(to)
            }
            next[from] = targets
        }
        let reopen = try root.subtable("reopen")
        try reopen.checkKeys(["from", "to"])
        let to = try status(try reopen.string("to"), reopen, "to")
        var from: [IncidentStatus] = []
        for s in try reopen.stringArray("from") {
            let st = try status(s, reopen, "from")
            guard st > to else {
                throw reopen.problem("from", "reopening from \(st.rawValue) to \(to.rawValue) does not go back")
            }
            from.append(st)
        }
        return LifecycleRules(next: next, reopenFrom: from, reopenTo: to)
    }
}
