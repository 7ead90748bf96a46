import Foundation

// The CAP 1.2 message as the standard defines it (OASIS CAP v1.2, §3.2), element
// for element. Text is kept as it arrived (after XML unescaping); dateTimes keep
// their original spelling so a written file says what the sender said, and carry
// the instant they name. Value sets are enums; what is free text in the standard
// stays a String.

/// A CAP dateTime: `2002-05-24T16:49:00-07:00` (offset required; CAP 1.2 forbids `Z`).
public struct CAPDateTime: Hashable, Sendable, CustomStringConvertible {
    /// As written in the file.
    public var text: String
    /// The instant it names.
    public var date: Date

    public init(text: String, date: Date) {
        self.text = text
        self.date = date
    }

    public var description: String { text }
}

public enum CAPStatus: String, CaseIterable, Hashable, Sendable {
    case actual = "Actual", exercise = "Exercise", system = "System", test = "Test", draft = "Draft"
}

public enum CAPMsgType: String, CaseIterable, Hashable, Sendable {
    case alert = "Alert", update = "Update", cancel = "Cancel", ack = "Ack", error = "Error"
}

public enum CAPScope: String, CaseIterable, Hashable, Sendable {
    case `public` = "Public", restricted = "Restricted", `private` = "Private"
}

public enum CAPCategory: String, CaseIterable, Hashable, Sendable {
    case geo = "Geo", met = "Met", safety = "Safety", security = "Security", rescue = "Rescue", fire = "Fire",
         health = "Health", env = "Env", transport = "Transport", infra = "Infra", cbrne = "CBRNE", other = "Other"
}

public enum CAPResponseType: String, CaseIterable, Hashable, Sendable {
    case shelter = "Shelter", evacuate = "Evacuate", prepare = "Prepare", execute = "Execute", avoid = "Avoid",
         monitor = "Monitor", assess = "Assess", allClear = "AllClear", none = "None"
}

public enum CAPUrgency: String, CaseIterable, Hashable, Sendable {
    case immediate = "Immediate", expected = "Expected", future = "Future", past = "Past", unknown = "Unknown"
}

public enum CAPSeverity: String, CaseIterable, Hashable, Sendable {
    case extreme = "Extreme", severe = "Severe", moderate = "Moderate", minor = "Minor", unknown = "Unknown"
}

public enum CAPCertainty: String, CaseIterable, Hashable, Sendable {
    /// CAP 1.1 and 1.2 also accept "Very Likely" from CAP 1.0 for backward compatibility; the parser reads it as `.likely`.
    case observed = "Observed", likely = "Likely", possible = "Possible", unlikely = "Unlikely", unknown = "Unknown"
}

/// `<eventCode>`, `<parameter>` and `<geocode>`: a valueName / value pair.
public struct CAPValuePair: Hashable, Sendable {
    public var valueName: String
    public var value: String

    public init(valueName: String, value: String) {
        self.valueName = valueName
        self.value = value
    }
}

/// One entry of `<references>`: "sender,identifier,sent".
public struct CAPReference: Hashable, Sendable {
    public var sender: String
    public var identifier: String
    /// As written (the triple is matched by its text).
    public var sent: String

    public init(sender: String, identifier: String, sent: String) {
        self.sender = sender
        self.identifier = identifier
        self.sent = sent
    }
}

public struct CAPResource: Hashable, Sendable {
    public var resourceDesc: String
    public var mimeType: String
    public var size: Int?
    public var uri: String?
    public var derefUri: String?
    public var digest: String?

    public init(resourceDesc: String, mimeType: String, size: Int? = nil, uri: String? = nil,
                derefUri: String? = nil, digest: String? = nil) {
        self.resourceDesc = resourceDesc
        self.mimeType = mimeType
        self.size = size
        self.uri = uri
        self.derefUri = derefUri
        self.digest = digest
    }
}

public struct CAPArea: Hashable, Sendable {
    public var areaDesc: String
    /// Each polygon as written: "lat,lon lat,lon …" (first and last pair equal, at least four pairs).
    public var polygons: [String]
    /// Each circle as written: "lat,lon radiusKm".
    public var circles: [String]
    public var geocodes: [CAPValuePair]
    public var altitude: String?
    public var ceiling: String?

    public init(areaDesc: String, polygons: [String] = [], circles: [String] = [], geocodes: [CAPValuePair] = [],
                altitude: String? = nil, ceiling: String? = nil) {
        self.areaDesc = areaDesc
        self.polygons = polygons
        self.circles = circles
        self.geocodes = geocodes
        self.altitude = altitude
        self.ceiling = ceiling
    }
}

public struct CAPInfo: Hashable, Sendable {
    /// RFC 3066 tag; the standard's default when absent is "en-US".
    public var language: String
    public var categories: [CAPCategory]
    public var event: String
    public var responseTypes: [CAPResponseType]
    public var urgency: CAPUrgency
    public var severity: CAPSeverity
    public var certainty: CAPCertainty
    public var audience: String?
    public var eventCodes: [CAPValuePair]
    public var effective: CAPDateTime?
    public var onset: CAPDateTime?
    public var expires: CAPDateTime?
    public var senderName: String?
    public var headline: String?
    public var description: String?
    public var instruction: String?
    public var web: String?
    public var contact: String?
    public var parameters: [CAPValuePair]
    public var resources: [CAPResource]
    public var areas: [CAPArea]

    public init(language: String = "en-US", categories: [CAPCategory], event: String, responseTypes: [CAPResponseType] = [],
                urgency: CAPUrgency, severity: CAPSeverity, certainty: CAPCertainty, audience: String? = nil,
                eventCodes: [CAPValuePair] = [], effective: CAPDateTime? = nil, onset: CAPDateTime? = nil,
                expires: CAPDateTime? = nil, senderName: String? = nil, headline: String? = nil,
                description: String? = nil, instruction: String? = nil, web: String? = nil, contact: String? = nil,
                parameters: [CAPValuePair] = [], resources: [CAPResource] = [], areas: [CAPArea] = []) {
        self.language = language
        self.categories = categories
        self.event = event
        self.responseTypes = responseTypes
        self.urgency = urgency
        self.severity = severity
        self.certainty = certainty
        self.audience = audience
        self.eventCodes = eventCodes
        self.effective = effective
        self.onset = onset
        self.expires = expires
        self.senderName = senderName
        self.headline = headline
        self.description = description
        self.instruction = instruction
        self.web = web
        self.contact = contact
        self.parameters = parameters
        self.resources = resources
        self.areas = areas
    }
}

/// The namespace a message was read in; written messages are always CAP 1.2.
public enum CAPVersion: String, Hashable, Sendable {
    case v1_1 = "urn:oasis:names:tc:emergency:cap:1.1"
    case v1_2 = "urn:oasis:names:tc:emergency:cap:1.2"
}

public struct CAPAlert: Hashable, Sendable {
    public var version: CAPVersion
    public var identifier: String
    public var sender: String
    public var sent: CAPDateTime
    public var status: CAPStatus
    public var msgType: CAPMsgType
    public var source: String?
    public var scope: CAPScope
    public var restriction: String?
    public var addresses: String?
    public var codes: [String]
    public var note: String?
    public var references: [CAPReference]
    public var incidents: String?
    public var infos: [CAPInfo]

    public init(version: CAPVersion = .v1_2, identifier: String, sender: String, sent: CAPDateTime, status: CAPStatus,
                msgType: CAPMsgType, source: String? = nil, scope: CAPScope, restriction: String? = nil,
                addresses: String? = nil, codes: [String] = [], note: String? = nil, references: [CAPReference] = [],
                incidents: String? = nil, infos: [CAPInfo] = []) {
        self.version = version
        self.identifier = identifier
        self.sender = sender
        self.sent = sent
        self.status = status
        self.msgType = msgType
        self.source = source
        self.scope = scope
        self.restriction = restriction
        self.addresses = addresses
        self.codes = codes
        self.note = note
        self.references = references
        self.incidents = incidents
        self.infos = infos
    }
}

/// One thing wrong with a CAP file, named so the sender can fix it:
/// `alert/info[2]/urgency: "Soon" is not one of Immediate, Expected, Future, Past, Unknown`.
public struct CAPProblem: Hashable, Sendable, CustomStringConvertible {
    /// Element path from the root, 1-based indexes for repeated elements: `alert/info[2]/area[1]/polygon[1]`.
    public var element: String
    public var message: String
    /// Line in the file when the XML parser knows it.
    public var line: Int?

    public init(element: String, message: String, line: Int? = nil) {
        self.element = element
        self.message = message
        self.line = line
    }

    public var description: String {
        let at = line.map { "line \($0): " } ?? ""
        return element.isEmpty ? "\(at)\(message)" : "\(at)\(element): \(message)"
    }
}

/// Why bytes are not a CAP alert: every problem found, in file order.
public struct CAPError: Error, Hashable, Sendable, CustomStringConvertible {
    public var problems: [CAPProblem]

    public init(_ problems: [CAPProblem]) {
        self.problems = problems
    }

    public var description: String { problems.map(\.description).joined(separator: "\n") }
}
