import Foundation

/// Writes CAP 1.2 XML: always the 1.2 namespace, elements in schema order, two-space
/// indentation. Text is escaped, and characters XML 1.0 cannot carry (C0 controls
/// other than tab and newlines, U+FFFE, U+FFFF) are dropped so the output always parses.
public enum CAPWriter {
    public static func write(_ alert: CAPAlert) -> Data {
        var xml = XMLTextBuilder()
        xml.line("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
        xml.open("alert", attributes: " xmlns=\"\(CAPVersion.v1_2.rawValue)\"")
        xml.element("identifier", alert.identifier)
        xml.element("sender", alert.sender)
        xml.element("sent", alert.sent.cap12Text)
        xml.element("status", alert.status.rawValue)
        xml.element("msgType", alert.msgType.rawValue)
        xml.element("source", alert.source)
        xml.element("scope", alert.scope.rawValue)
        xml.element("restriction", alert.restriction)
        xml.element("addresses", alert.addresses)
        for code in alert.codes { xml.element("code", code) }
        xml.element("note", alert.note)
        if !alert.references.isEmpty {
            xml.element("references", alert.references.map { "\($0.sender),\($0.identifier),\($0.sent)" }.joined(separator: " "))
        }
        xml.element("incidents", alert.incidents)
        for info in alert.infos { write(info, to: &xml) }
        xml.close("alert")
        return Data(xml.text.utf8)
    }

    private static func write(_ info: CAPInfo, to xml: inout XMLTextBuilder) {
        xml.open("info")
        xml.element("language", info.language)
        for category in info.categories { xml.element("category", category.rawValue) }
        xml.element("event", info.event)
        for responseType in info.responseTypes { xml.element("responseType", responseType.rawValue) }
        xml.element("urgency", info.urgency.rawValue)
        xml.element("severity", info.severity.rawValue)
        xml.element("certainty", info.certainty.rawValue)
        xml.element("audience", info.audience)
        for eventCode in info.eventCodes { write(eventCode, as: "eventCode", to: &xml) }
        xml.element("effective", info.effective?.cap12Text)
        xml.element("onset", info.onset?.cap12Text)
        xml.element("expires", info.expires?.cap12Text)
        xml.element("senderName", info.senderName)
        xml.element("headline", info.headline)
        xml.element("description", info.description)
        xml.element("instruction", info.instruction)
        xml.element("web", info.web)
        xml.element("contact", info.contact)
        for parameter in info.parameters { write(parameter, as: "parameter", to: &xml) }
        for resource in info.resources {
            xml.open("resource")
            xml.element("resourceDesc", resource.resourceDesc)
            xml.element("mimeType", resource.mimeType)
            xml.element("size", resource.size.map(String.init))
            xml.element("uri", resource.uri)
            xml.element("derefUri", resource.derefUri)
            xml.element("digest", resource.digest)
            xml.close("resource")
        }
        for area in info.areas {
            xml.open("area")
            xml.element("areaDesc", area.areaDesc)
            for polygon in area.polygons { xml.element("polygon", polygon) }
            for circle in area.circles { xml.element("circle", circle) }
            for geocode in area.geocodes { write(geocode, as: "geocode", to: &xml) }
            xml.element("altitude", area.altitude)
            xml.element("ceiling", area.ceiling)
            xml.close("area")
        }
        xml.close("info")
    }

    private static func write(_ pair: CAPValuePair, as name: String, to xml: inout XMLTextBuilder) {
        xml.open(name)
        xml.element("valueName", pair.valueName)
        xml.element("value", pair.value)
        xml.close(name)
    }
}

/// Indented XML text, one element per line.
struct XMLTextBuilder {
    private(set) var text = ""
    private var depth = 0

    mutating func line(_ content: String) {
        text += String(repeating: "  ", count: depth) + content + "\n"
    }

    mutating func open(_ name: String, attributes: String = "") {
        line("<\(name)\(attributes)>")
        depth += 1
    }

    mutating func close(_ name: String) {
        depth -= 1
        line("</\(name)>")
    }

    /// `<name>text</name>`; nothing when the value is absent.
    mutating func element(_ name: String, _ value: String?) {
        guard let value else { return }
        line("<\(name)>\(escapedXMLText(value))</\(name)>")
    }
}

/// Escapes markup characters and drops characters XML 1.0 forbids. A carriage return is
/// written as a reference, since a parser turns a literal one into a line feed.
func escapedXMLText(_ text: String) -> String {
    var escaped = ""
    escaped.reserveCapacity(text.utf8.count)
    for scalar in text.unicodeScalars {
        switch scalar {
        case "&": escaped += "&amp;"
        case "<": escaped += "&lt;"
        case ">": escaped += "&gt;"
        case "\"": escaped += "&quot;"
        case "\r": escaped += "&#xD;"
        case "\t", "\n": escaped.unicodeScalars.append(scalar)
        default:
            let value = scalar.value
            if value < 0x20 || value == 0xFFFE || value == 0xFFFF { continue }
            escaped.unicodeScalars.append(scalar)
        }
    }
    return escaped
}
