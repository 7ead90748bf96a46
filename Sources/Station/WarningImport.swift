import CAP
import DutyModel
import Foundation
import Journal
import SafeText

/// What became of one CAP file (`zhiban import FILE.xml`, the station's
/// inbox/, the demo's sample warnings).
public enum WarningImportOutcome: Hashable, Sendable {
    /// Written: its key ("sender,identifier,sent") and the warning as mapped.
    case imported(key: String, warning: WarningInfo)
    /// The station (or a peer it holds) already has this message; nothing written.
    case duplicate(key: String)
    /// An Ack or Error message: nothing for the duty room; nothing written.
    case notAWarning(reason: String)
    /// Not a CAP alert the station can take; nothing written.
    case rejected(WarningRejection, problems: [String])
}

public enum WarningRejection: Hashable, Sendable {
    /// Larger than a CAP message can be.
    case tooLarge(bytes: Int, limit: Int)
    /// Not valid CAP 1.2 (or 1.1): `problems` names every element.
    case invalid
    /// Valid CAP, but the journal cannot hold it as one record.
    case recordTooLarge(bytes: Int, limit: Int)
}

extension DutyStation {
    /// The largest CAP file taken: the reader's limit.
    public static var maximumCAPBytes: Int { CAPReader().maximumBytes }

    /// Imports one CAP 1.2 (or 1.1) file as a warning (预警信息, DOMAIN §3).
    /// Read with the CAP reader, mapped with the station's rules (`languages`:
    /// the CAP info languages preferred, in order), an Ack or Error skipped,
    /// a message already held skipped (checked under the append lock, so two
    /// processes never write the same one), else one `warning.received` event,
    /// on disk when this returns. Throws only when the journal cannot be
    /// written: then nothing was written and the file can be tried again.
    public func importCAP(_ bytes: [UInt8], languages: [String], operatorName: String,
                          now: Date) throws(WriteFailure) -> WarningImportOutcome {
        let reader = CAPReader()
        if bytes.count > reader.maximumBytes {
            return .rejected(.tooLarge(bytes: bytes.count, limit: reader.maximumBytes), problems: [])
        }
        let alert: CAPAlert
        do {
            alert = try reader.read(Data(bytes))
        } catch {
            return .rejected(.invalid, problems: error.problems.map { TextSafety.printable($0.description) })
        }
        let fields: WarningInfo
        switch CAPMapping.warning(from: alert, bytes: bytes, rules: rules, languages: languages) {
        case .notAWarning(let reason): return .notAWarning(reason: TextSafety.printable(reason))
        case .warning(let w): fields = w
        }
        let key = fields.key
        if Self.holds(state, key) { return .duplicate(key: TextSafety.printable(key)) }
        struct AlreadyHeld: Error {}
        do {
            try write(now: now) { current, _ in
                if Self.holds(current, key) { throw AlreadyHeld() }
                return [try NewRecord(.warningReceived(fields), operatorName: operatorName)]
            }
        } catch is AlreadyHeld {
            return .duplicate(key: TextSafety.printable(key))
        } catch WriteFailure.tooLarge(let size, let limit) {
            return .rejected(.recordTooLarge(bytes: size, limit: limit), problems: [])
        } catch {
            throw WriteFailure(error)
        }
        return .imported(key: TextSafety.printable(key), warning: fields)
    }

    static func holds(_ state: DutyState, _ key: String) -> Bool {
        state.warnings[key]?.info.value != nil
    }

    /// Whether a file is to be read as CAP: named .xml, or beginning (after a
    /// byte-order mark and blanks) with an XML declaration or an alert element.
    public static func looksLikeCAP(name: String, bytes: [UInt8]) -> Bool {
        if name.lowercased().hasSuffix(".xml") { return true }
        var start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while start < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[start]) { start += 1 }
        let head = bytes[start..<min(bytes.count, start + 64)]
        return head.starts(with: Array("<?xml".utf8)) || head.starts(with: Array("<alert".utf8))
            || head.starts(with: Array("<cap:alert".utf8))
    }
}
