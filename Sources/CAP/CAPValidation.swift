import DutyModel
import Foundation

// Turns the element tree into a CAPAlert, checking what CAP 1.2 §3.2 requires and
// collecting every problem rather than stopping at the first, so a sender can fix
// a file in one go. Element order is not checked (the schema fixes one, but real
// senders vary it and nothing depends on it); the writer always uses schema order.

/// The element names of CAP 1.2 §3.2, each container's in schema order.
enum CAPSchema {
    static let alertElements = ["identifier", "sender", "sent", "status", "msgType", "source", "scope", "restriction",
                                "addresses", "code", "note", "references", "incidents", "info"]
    static let infoElements = ["language", "category", "event", "responseType", "urgency", "severity", "certainty",
                               "audience", "eventCode", "effective", "onset", "expires", "senderName", "headline",
                               "description", "instruction", "web", "contact", "parameter", "resource", "area"]
    static let resourceElements = ["resourceDesc", "mimeType", "size", "uri", "derefUri", "digest"]
    static let areaElements = ["areaDesc", "polygon", "circle", "geocode", "altitude", "ceiling"]
    static let valuePairElements = ["valueName", "value"]
    /// Elements that may occur more than once; their paths carry a 1-based index: `info[2]`.
    static let repeatedElements: Set<String> = ["code", "info", "category", "responseType", "eventCode", "parameter",
                                                 "resource", "area", "polygon", "circle", "geocode"]
}

struct CAPAlertValidator {
    /// A file of thousands of bad elements yields this many problems and a count of the rest.
    static let maximumReportedProblems = 100

    let version: CAPVersion
    private(set) var problems: [CAPProblem] = []
    private var unreportedProblems = 0

    init(version: CAPVersion) {
        self.version = version
    }

    /// Problems sorted by line, keeping the order found within a line.
    var problemsInFileOrder: [CAPProblem] {
        let sorted = problems.enumerated()
            .sorted { ($0.element.line ?? 0, $0.offset) < ($1.element.line ?? 0, $1.offset) }
            .map(\.element)
        guard unreportedProblems > 0 else { return sorted }
        return sorted + [CAPProblem(element: "", message: "… and \(unreportedProblems) more problems")]
    }

    /// The alert, or nil when something required is missing or unreadable (see `problems`).
    mutating func alert(from root: CAPElementNode) -> CAPAlert? {
        checkContent(of: root, allowed: CAPSchema.alertElements)
        let identifier = requiredText("identifier", in: root)
        let sender = requiredText("sender", in: root)
        for (field, name) in [(identifier, "identifier"), (sender, "sender")] {
            if let field { checkNoSeparators(field.text, name: name, node: field.node) }
        }
        let sent = dateTime("sent", in: root, required: true)
        let status = value("status", in: root, as: CAPStatus.self)
        let msgType = value("msgType", in: root, as: CAPMsgType.self)
        let source = optionalText("source", in: root)
        let scope = value("scope", in: root, as: CAPScope.self)
        let restriction = optionalText("restriction", in: root)
        let addresses = optionalText("addresses", in: root)
        let codes = root.children(named: "code").map { text(of: $0) }
        let note = optionalText("note", in: root)
        let references = references(in: root)
        let incidents = optionalText("incidents", in: root)
        let infos = root.children(named: "info").map { info(from: $0) }

        if scope == .restricted, restriction == nil {
            report(root.path + "/restriction", "<restriction> is required when <scope> is Restricted: say who may see the alert", line: root.line)
        }
        if scope == .private, addresses == nil {
            report(root.path + "/addresses", "<addresses> is required when <scope> is Private: list the recipients", line: root.line)
        }
        if let msgType, [.update, .cancel, .ack, .error].contains(msgType), references.isEmpty,
           root.children(named: "references").isEmpty {
            report(root.path + "/references",
                   "<msgType>\(msgType.rawValue)</msgType> needs <references> naming the earlier message(s) as sender,identifier,sent",
                   line: root.line)
        }

        guard let identifier, let sender, let sent, let status, let msgType, let scope else { return nil }
        return CAPAlert(version: version, identifier: identifier.text, sender: sender.text, sent: sent, status: status,
                        msgType: msgType, source: source, scope: scope, restriction: restriction, addresses: addresses,
                        codes: codes, note: note, references: references, incidents: incidents,
                        infos: infos.compactMap { $0 })
    }

    // MARK: - info, resource, area

    private mutating func info(from node: CAPElementNode) -> CAPInfo? {
        checkContent(of: node, allowed: CAPSchema.infoElements)
        var language = "en-US"
        if let written = optionalText("language", in: node), !written.isEmpty { language = written }
        let categoryNodes = node.children(named: "category")
        if categoryNodes.isEmpty {
            report(node.path + "/category", "required element <category> is missing; it is one or more of \(allowedValues(CAPCategory.self))", line: node.line)
        }
        let categories = categoryNodes.compactMap { enumValue(of: $0, as: CAPCategory.self) }
        let event = requiredText("event", in: node)
        let responseTypes = node.children(named: "responseType").compactMap { enumValue(of: $0, as: CAPResponseType.self) }
        let urgency = value("urgency", in: node, as: CAPUrgency.self)
        let severity = value("severity", in: node, as: CAPSeverity.self)
        // CAP 1.0's "Very Likely" is still to be accepted (1.2 §3.2.2, certainty), as Likely.
        let certainty = value("certainty", in: node, as: CAPCertainty.self, aliases: ["Very Likely": .likely])
        let audience = optionalText("audience", in: node)
        let eventCodes = valuePairs("eventCode", in: node)
        let effective = dateTime("effective", in: node, required: false)
        let onset = dateTime("onset", in: node, required: false)
        let expires = dateTime("expires", in: node, required: false)
        let senderName = optionalText("senderName", in: node)
        let headline = optionalText("headline", in: node)
        let description = optionalText("description", in: node)
        let instruction = optionalText("instruction", in: node)
        let web = optionalText("web", in: node)
        let contact = optionalText("contact", in: node)
        let parameters = valuePairs("parameter", in: node)
        let resources = node.children(named: "resource").compactMap { resource(from: $0) }
        let areas = node.children(named: "area").compactMap { area(from: $0) }

        guard let event, let urgency, let severity, let certainty else { return nil }
        return CAPInfo(language: language, categories: categories, event: event.text, responseTypes: responseTypes,
                       urgency: urgency, severity: severity, certainty: certainty, audience: audience,
                       eventCodes: eventCodes, effective: effective, onset: onset, expires: expires,
                       senderName: senderName, headline: headline, description: description,
                       instruction: instruction, web: web, contact: contact, parameters: parameters,
                       resources: resources, areas: areas)
    }

    private mutating func resource(from node: CAPElementNode) -> CAPResource? {
        checkContent(of: node, allowed: CAPSchema.resourceElements)
        let resourceDesc = requiredText("resourceDesc", in: node)
        let mimeType = requiredText("mimeType", in: node)
        var size: Int?
        if let sizeNode = singleElement("size", in: node, required: false) {
            let written = text(of: sizeNode)
            if !written.isEmpty, written.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let bytes = Int(written) {
                size = bytes
            } else {
                report(sizeNode, "\(quotedForMessage(written)) is not a size: write the resource's size in bytes as a whole number")
            }
        }
        let uri = optionalText("uri", in: node)
        let derefUri = optionalText("derefUri", in: node)
        let digest = optionalText("digest", in: node)
        guard let resourceDesc, let mimeType else { return nil }
        return CAPResource(resourceDesc: resourceDesc.text, mimeType: mimeType.text, size: size, uri: uri,
                           derefUri: derefUri, digest: digest)
    }

    private mutating func area(from node: CAPElementNode) -> CAPArea? {
        checkContent(of: node, allowed: CAPSchema.areaElements)
        let areaDesc = requiredText("areaDesc", in: node)
        let polygons = node.children(named: "polygon").map { polygonNode in
            let written = text(of: polygonNode)
            checkPolygon(written, node: polygonNode)
            return written
        }
        let circles = node.children(named: "circle").map { circleNode in
            let written = text(of: circleNode)
            checkCircle(written, node: circleNode)
            return written
        }
        let geocodes = valuePairs("geocode", in: node)
        let altitude = decimalText("altitude", in: node, unit: "feet above mean sea level")
        let ceiling = decimalText("ceiling", in: node, unit: "feet above mean sea level")
        if ceiling != nil, altitude == nil, let ceilingNode = node.children(named: "ceiling").first {
            report(ceilingNode, "<ceiling> may only be given together with <altitude>")
        }
        guard let areaDesc else { return nil }
        return CAPArea(areaDesc: areaDesc.text, polygons: polygons, circles: circles, geocodes: geocodes,
                       altitude: altitude, ceiling: ceiling)
    }

    /// `<eventCode>`, `<parameter>`, `<geocode>`: valueName (not empty) and value (may be empty, as real feeds send).
    private mutating func valuePairs(_ name: String, in parent: CAPElementNode) -> [CAPValuePair] {
        parent.children(named: name).compactMap { node in
            checkContent(of: node, allowed: CAPSchema.valuePairElements)
            let valueName = requiredText("valueName", in: node)
            let value = singleElement("value", in: node, required: true).map { text(of: $0) }
            guard let valueName, let value else { return nil }
            return CAPValuePair(valueName: valueName.text, value: value)
        }
    }

    // MARK: - references

    private mutating func references(in root: CAPElementNode) -> [CAPReference] {
        guard let node = singleElement("references", in: root, required: false) else { return [] }
        let entries = text(of: node).split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" })
        if entries.isEmpty {
            report(node, "<references> is empty: list each earlier message as sender,identifier,sent, separated by spaces")
        }
        var references: [CAPReference] = []
        for (position, entry) in entries.enumerated() {
            let parts = entry.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            let entryName = "entry \(position + 1) of \(entries.count), \(quotedForMessage(String(entry)))"
            guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty }) else {
                report(node, "\(entryName), is not a sender,identifier,sent triple (entries are separated by spaces, their parts by commas)")
                continue
            }
            if CAPDateTime(capText: parts[2], allowingCAP11Forms: version == .v1_1) == nil {
                report(node, "\(entryName): its sent part is not a CAP dateTime (YYYY-MM-DDThh:mm:ss±hh:mm)")
                continue
            }
            references.append(CAPReference(sender: parts[0], identifier: parts[1], sent: parts[2]))
        }
        return references
    }

    // MARK: - Geometry

    private mutating func checkPolygon(_ written: String, node: CAPElementNode) {
        var points: [(latitude: Double, longitude: Double)] = []
        for (position, pair) in written.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }).enumerated() {
            let described = "pair \(position + 1), \(quotedForMessage(String(pair)))"
            guard let point = coordinatePair(pair) else {
                report(node, "\(described), is not latitude,longitude in decimal degrees (WGS 84)")
                return
            }
            if let outOfRange = rangeProblem(point) {
                report(node, "\(described): \(outOfRange)")
                return
            }
            points.append(point)
        }
        guard points.count >= 4 else {
            report(node, "has \(points.count) coordinate pair(s); a polygon needs at least 4, the last repeating the first")
            return
        }
        if let first = points.first, let last = points.last, first != last {
            report(node, "is not closed: the first pair (\(first.latitude),\(first.longitude)) and the last (\(last.latitude),\(last.longitude)) must be the same point")
        }
    }

    private mutating func checkCircle(_ written: String, node: CAPElementNode) {
        let parts = written.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" })
        let form = "is not latitude,longitude radius (radius in km, e.g. \"32.9525,-115.5527 0\")"
        guard parts.count == 2, let center = coordinatePair(parts[0]), let radius = decimalNumber(parts[1]) else {
            report(node, "\(quotedForMessage(written)) \(form)")
            return
        }
        if let outOfRange = rangeProblem(center) {
            report(node, "centre \(outOfRange)")
        }
        if radius < 0 {
            report(node, "radius \(radius) km is negative")
        }
    }

    private func coordinatePair(_ pair: Substring) -> (latitude: Double, longitude: Double)? {
        let numbers = pair.split(separator: ",", omittingEmptySubsequences: false)
        guard numbers.count == 2, let latitude = decimalNumber(numbers[0]), let longitude = decimalNumber(numbers[1]) else {
            return nil
        }
        return (latitude, longitude)
    }

    private func rangeProblem(_ point: (latitude: Double, longitude: Double)) -> String? {
        if !(-90...90).contains(point.latitude) { return "latitude \(point.latitude) is outside -90…90" }
        if !(-180...180).contains(point.longitude) { return "longitude \(point.longitude) is outside -180…180" }
        return nil
    }

    private mutating func decimalText(_ name: String, in parent: CAPElementNode, unit: String) -> String? {
        guard let node = singleElement(name, in: parent, required: false) else { return nil }
        let written = text(of: node)
        if decimalNumber(Substring(written)) == nil {
            report(node, "\(quotedForMessage(written)) is not a number (\(unit))")
        }
        return written
    }

    // MARK: - Elements and text

    /// Reports children that are not CAP elements of this container, and text outside its elements.
    private mutating func checkContent(of node: CAPElementNode, allowed: [String]) {
        for child in node.children where !allowed.contains(child.name) {
            report(child, "<\(child.name)> is not a CAP \(versionName) element inside <\(node.name)>; allowed: \(allowed.joined(separator: ", "))")
        }
        let stray = trimmed(node.text)
        if !stray.isEmpty {
            report(node, "text \(quotedForMessage(stray)) directly inside <\(node.name)> is not allowed; text belongs in its elements")
        }
    }

    /// The one element of that name; a second one is a problem, and so is none when it is required.
    private mutating func singleElement(_ name: String, in parent: CAPElementNode, required: Bool,
                                        hint: String = "") -> CAPElementNode? {
        let matches = parent.children(named: name)
        if matches.count > 1 {
            let lines = matches.map { String($0.line) }.joined(separator: ", ")
            report(matches[1], "<\(name)> appears \(matches.count) times (lines \(lines)); CAP allows one")
        }
        if matches.isEmpty, required {
            report(parent.path + "/" + name, "required element <\(name)> is missing\(hint)", line: parent.line)
        }
        return matches.first
    }

    /// A required element's text, which must not be empty.
    private mutating func requiredText(_ name: String, in parent: CAPElementNode) -> (text: String, node: CAPElementNode)? {
        guard let node = singleElement(name, in: parent, required: true) else { return nil }
        let written = text(of: node)
        guard !written.isEmpty else {
            report(node, "<\(name)> is empty; it is required")
            return nil
        }
        return (written, node)
    }

    private mutating func optionalText(_ name: String, in parent: CAPElementNode) -> String? {
        singleElement(name, in: parent, required: false).map { text(of: $0) }
    }

    /// Text of a simple element, surrounding whitespace removed; CAP elements inside it are problems.
    private mutating func text(of node: CAPElementNode) -> String {
        for child in node.children {
            report(child, "<\(child.name)> is not allowed inside <\(node.name)>, which holds text only")
        }
        return trimmed(node.text)
    }

    private mutating func value<Value>(_ name: String, in parent: CAPElementNode, as type: Value.Type,
                                       aliases: [String: Value] = [:]) -> Value?
    where Value: RawRepresentable & CaseIterable, Value.RawValue == String {
        guard let node = singleElement(name, in: parent, required: true,
                                       hint: "; it must be one of \(allowedValues(Value.self))") else { return nil }
        return enumValue(of: node, as: Value.self, aliases: aliases)
    }

    private mutating func enumValue<Value>(of node: CAPElementNode, as type: Value.Type,
                                           aliases: [String: Value] = [:]) -> Value?
    where Value: RawRepresentable & CaseIterable, Value.RawValue == String {
        let written = text(of: node)
        if let value = Value(rawValue: written) ?? aliases[written] { return value }
        var message = written.isEmpty
            ? "<\(node.name)> is empty; it must be one of \(allowedValues(Value.self))"
            : "\(quotedForMessage(written)) is not one of \(allowedValues(Value.self))"
        if let match = Value.allCases.first(where: { $0.rawValue.lowercased() == written.lowercased() }) {
            message += " (values are case-sensitive: write \(match.rawValue))"
        }
        report(node, message)
        return nil
    }

    private mutating func dateTime(_ name: String, in parent: CAPElementNode, required: Bool) -> CAPDateTime? {
        guard let node = singleElement(name, in: parent, required: required,
                                       hint: "; write it as YYYY-MM-DDThh:mm:ss±hh:mm") else { return nil }
        let written = text(of: node)
        if let dateTime = CAPDateTime(capText: written, allowingCAP11Forms: version == .v1_1) { return dateTime }
        var message = "\(quotedForMessage(written)) is not a CAP dateTime: write YYYY-MM-DDThh:mm:ss±hh:mm, e.g. 2024-07-01T14:30:00+08:00"
        if written.hasSuffix("Z") {
            message += " (CAP 1.2 does not allow \"Z\": write UTC as -00:00)"
        } else if written.contains(".") {
            message += " (CAP 1.2 does not allow fractional seconds)"
        }
        report(node, message)
        return nil
    }

    /// identifier and sender: no spaces, commas or restricted characters (CAP 1.2 §3.2.1).
    private mutating func checkNoSeparators(_ written: String, name: String, node: CAPElementNode) {
        let found: String? = if written.contains(where: { $0.isWhitespace }) {
            "a space"
        } else if written.contains(",") {
            "a comma"
        } else if written.contains("<") {
            "<"
        } else if written.contains("&") {
            "&"
        } else {
            nil
        }
        if let found {
            report(node, "\(quotedForMessage(written)) contains \(found); <\(name)> must not contain spaces, commas, < or &")
        }
    }

    // MARK: - Reporting

    private var versionName: String { version == .v1_1 ? "1.1" : "1.2" }

    private mutating func report(_ node: CAPElementNode, _ message: String) {
        report(node.path, message, line: node.line)
    }

    private mutating func report(_ element: String, _ message: String, line: Int?) {
        guard problems.count < Self.maximumReportedProblems else {
            unreportedProblems += 1
            return
        }
        problems.append(CAPProblem(element: element, message: message, line: line))
    }
}

extension CAPElementNode {
    func children(named name: String) -> [CAPElementNode] {
        children.filter { $0.name == name }
    }
}

private func allowedValues<Value>(_ type: Value.Type) -> String
where Value: RawRepresentable & CaseIterable, Value.RawValue == String {
    type.allCases.map(\.rawValue).joined(separator: ", ")
}

/// Removes XML whitespace (space, tab, CR, LF) at both ends; other characters are content.
func trimmed(_ text: String) -> String {
    let isXMLSpace: (Unicode.Scalar) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
    let scalars = text.unicodeScalars
    guard let first = scalars.firstIndex(where: { !isXMLSpace($0) }),
          let last = scalars.lastIndex(where: { !isXMLSpace($0) }) else { return "" }
    return String(scalars[first...last])
}

/// A plain decimal number: optional sign, digits, optional fraction (no exponent, no "nan" or "inf").
func decimalNumber(_ text: Substring) -> Double? {
    var digits = text.utf8[...]
    if let sign = digits.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") { digits = digits.dropFirst() }
    let parts = digits.split(separator: UInt8(ascii: "."), maxSplits: 1, omittingEmptySubsequences: false)
    let isDigits: (Substring.UTF8View.SubSequence) -> Bool = { $0.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }
    guard !digits.isEmpty, parts.count <= 2, parts.allSatisfy(isDigits), parts.contains(where: { !$0.isEmpty }) else {
        return nil
    }
    return Double(text)
}

// MARK: - CAP dateTime

extension CAPDateTime {
    /// Reads a CAP 1.2 dateTime, `2003-06-17T14:57:00-07:00`; nil when the text is not one
    /// (CAP 1.2 §3.3.2: offset required, "Z" and fractional seconds not allowed).
    public init?(capText text: String) {
        self.init(capText: text, allowingCAP11Forms: false)
    }

    /// CAP 1.1 typed its dateTimes as xs:dateTime, which also allows "Z" and fractional
    /// seconds; 1.2 narrowed that. Files in the 1.1 namespace are read with the wider form
    /// so real 1.1 feeds import; the text is kept as written and `cap12Text` normalises it.
    init?(capText text: String, allowingCAP11Forms: Bool) {
        guard let parts = CAPDateTimeParts(text, allowingCAP11Forms: allowingCAP11Forms) else { return nil }
        self.init(text: text, date: parts.date)
    }

    /// The instant in CAP 1.2 form at the given offset from UTC (UTC is written -00:00, as CAP 1.2 requires).
    /// Sub-second parts are dropped so that `text` and `date` agree.
    public init(date: Date, secondsFromGMT: Int = 0) {
        let wholeSeconds = Int((date.timeIntervalSince1970).rounded(.down))
        let local = wholeSeconds + secondsFromGMT
        let days = Int((Double(local) / 86_400).rounded(.down))
        let secondOfDay = local - days * 86_400
        let (year, month, day) = DutyTime.civilDate(fromDaysSinceEpoch: days)
        let offsetMinutes = abs(secondsFromGMT) / 60
        let text = pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2) + "T"
            + pad(secondOfDay / 3600, 2) + ":" + pad(secondOfDay % 3600 / 60, 2) + ":" + pad(secondOfDay % 60, 2)
            + (secondsFromGMT > 0 ? "+" : "-") + pad(offsetMinutes / 60, 2) + ":" + pad(offsetMinutes % 60, 2)
        self.init(text: text, date: Date(timeIntervalSince1970: TimeInterval(wholeSeconds)))
    }

    /// `text` when it already is CAP 1.2 form; otherwise the same instant written in that form
    /// (a CAP 1.1 "Z" becomes -00:00, fractional seconds are dropped).
    public var cap12Text: String {
        if CAPDateTimeParts(text, allowingCAP11Forms: false) != nil { return text }
        if let parts = CAPDateTimeParts(text, allowingCAP11Forms: true) { return parts.cap12Text }
        return CAPDateTime(date: date).text
    }
}

/// The fields of a written dateTime, range-checked.
struct CAPDateTimeParts {
    var year, month, day, hour, minute, second: Int
    var fraction: Double
    var offsetSeconds: Int
    var offsetText: String

    init?(_ text: String, allowingCAP11Forms: Bool) {
        let bytes = Array(text.utf8)
        func number(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[range] {
                guard byte >= 0x30, byte <= 0x39 else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            return value
        }
        func byte(_ index: Int, is character: Character) -> Bool {
            index < bytes.count && bytes[index] == character.asciiValue
        }
        guard let year = number(0..<4), byte(4, is: "-"), let month = number(5..<7), byte(7, is: "-"),
              let day = number(8..<10), byte(10, is: "T"), let hour = number(11..<13), byte(13, is: ":"),
              let minute = number(14..<16), byte(16, is: ":"), let second = number(17..<19) else { return nil }
        var index = 19
        var fraction = 0.0
        if allowingCAP11Forms, byte(index, is: ".") {
            let start = index + 1
            var end = start
            while end < bytes.count, bytes[end] >= 0x30, bytes[end] <= 0x39 { end += 1 }
            guard end > start, let value = Double("0." + String(decoding: bytes[start..<end], as: UTF8.self)) else { return nil }
            fraction = value
            index = end
        }
        let zone = String(decoding: bytes[min(index, bytes.count)...], as: UTF8.self)
        if allowingCAP11Forms, zone == "Z" {
            offsetSeconds = 0
            offsetText = "-00:00"
        } else {
            let zoneBytes = Array(zone.utf8)
            guard zoneBytes.count == 6, zoneBytes[0] == UInt8(ascii: "+") || zoneBytes[0] == UInt8(ascii: "-"),
                  zoneBytes[3] == UInt8(ascii: ":"),
                  let offsetHours = number(index + 1..<index + 3), let offsetMinutes = number(index + 4..<index + 6),
                  offsetHours <= 14, offsetMinutes <= 59 else { return nil }
            let sign = zoneBytes[0] == UInt8(ascii: "-") ? -1 : 1
            offsetSeconds = sign * (offsetHours * 3600 + offsetMinutes * 60)
            offsetText = zone
        }
        guard (1...12).contains(month), (1...daysInMonth(month, year: year)).contains(day), hour <= 23, minute <= 59,
              second <= 59 else { return nil }
        (self.year, self.month, self.day, self.hour, self.minute, self.second, self.fraction) =
            (year, month, day, hour, minute, second, fraction)
    }

    var date: Date {
        let days = DutyTime.daysSinceEpoch(year: year, month: month, day: day)
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offsetSeconds
        return Date(timeIntervalSince1970: TimeInterval(seconds) + fraction)
    }

    var cap12Text: String {
        pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2) + "T" + pad(hour, 2) + ":" + pad(minute, 2) + ":"
            + pad(second, 2) + offsetText
    }
}

private func pad(_ value: Int, _ width: Int) -> String {
    let digits = String(value)
    return String(repeating: "0", count: max(0, width - digits.count)) + digits
}

private func daysInMonth(_ month: Int, year: Int) -> Int {
    switch month {
    case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
}
