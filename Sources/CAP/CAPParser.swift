import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

extension CAPReader {
    /// Reads one CAP 1.2 (or 1.1) alert. Throws every problem found: refused bytes
    /// (size, DTD, encoding), XML syntax, or what the specification requires.
    public func read(_ bytes: Data) throws(CAPError) -> CAPAlert {
        let prepared = try XMLSafety.prepare(bytes, maximumBytes: maximumBytes)
        let tree = CAPTreeBuilder.build(from: prepared, maximumDepth: maximumDepth)
        guard tree.problems.isEmpty, let root = tree.root, let version = tree.version else {
            throw CAPError(tree.problems.isEmpty
                ? [CAPProblem(element: "", message: "no <alert> element found: this is not a CAP file")]
                : tree.problems)
        }
        var validator = CAPAlertValidator(version: version)
        let alert = validator.alert(from: root)
        if let alert, validator.problems.isEmpty { return alert }
        throw CAPError(validator.problemsInFileOrder)
    }

    /// Reads a CAP file. Its size is checked before any of it is read, so a huge
    /// file is refused at once; only regular files are read (a FIFO would block).
    public func read(contentsOf url: URL) throws(CAPError) -> CAPAlert {
        // Follow symbolic links so the checks below apply to the file actually read.
        let path = url.resolvingSymlinksInPath().path
        let attributes: [FileAttributeKey: Any]
        do {
            attributes = try FileManager.default.attributesOfItem(atPath: path)
        } catch {
            throw XMLSafety.refuse("cannot read \(quotedForMessage(path, limit: 200)): no such file or not accessible")
        }
        if let type = attributes[.type] as? FileAttributeType, type != .typeRegular {
            throw XMLSafety.refuse("\(quotedForMessage(path, limit: 200)) is not a regular file")
        }
        let size = (attributes[.size] as? NSNumber)?.intValue ?? 0
        guard size <= maximumBytes else {
            throw XMLSafety.refuse(XMLSafety.tooLargeMessage(size: size, limit: maximumBytes))
        }
        let contents: Data
        do {
            let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
            defer { try? handle.close() }
            // Read one byte past the limit: the file may have grown since it was measured.
            contents = try handle.read(upToCount: maximumBytes + 1) ?? Data()
        } catch {
            throw XMLSafety.refuse("cannot read \(quotedForMessage(path, limit: 200)): \(quotedForMessage(error.localizedDescription, limit: 200))")
        }
        return try read(contents)
    }
}

/// A CAP element as read: its path from the root (`alert/info[2]/area[1]`), the
/// line it started on, its text (all character data, untrimmed) and its CAP children.
struct CAPElementNode: Sendable {
    var name: String
    var path: String
    var line: Int
    var text: String = ""
    var children: [CAPElementNode] = []
}

/// Builds the tree of CAP elements from XMLParser events. Elements of other
/// namespaces (an XML signature, say) are skipped with everything inside them.
/// Stops the parser at the first XML error, at nesting past the limit, and at XInclude.
final class CAPTreeBuilder: NSObject, XMLParserDelegate {
    private(set) var root: CAPElementNode?
    private(set) var version: CAPVersion?
    private(set) var problems: [CAPProblem] = []

    private let maximumDepth: Int
    private let prepared: PreparedXML
    /// CAP elements started and not yet ended, innermost last.
    private var openElements: [CAPElementNode] = []
    /// Per open element, how many children of each name it has had (for `[n]` in paths).
    private var childCounts: [[String: Int]] = []
    /// Nesting of all elements, CAP or not.
    private var depth = 0
    /// Above zero while inside an element of another namespace.
    private var foreignDepth = 0
    private var stopped = false

    private init(prepared: PreparedXML, maximumDepth: Int) {
        self.prepared = prepared
        self.maximumDepth = maximumDepth
    }

    static func build(from prepared: PreparedXML, maximumDepth: Int) -> CAPTreeBuilder {
        let builder = CAPTreeBuilder(prepared: prepared, maximumDepth: maximumDepth)
        let parser = XMLParser(data: prepared.utf8)
        parser.shouldProcessNamespaces = true
        parser.shouldReportNamespacePrefixes = false
        // XMLSafety already refused any DTD; these are the second fence. On Linux the policy
        // is what stops libxml2 loading an external entity (with `.always` it connects to
        // http:// URLs); `shouldResolveExternalEntities` only adds DTD loading.
        parser.shouldResolveExternalEntities = false
        parser.externalEntityResolvingPolicy = .never
        parser.delegate = builder
        _ = parser.parse()
        // On Linux a truncated document can end parse() with `true` and an error set,
        // so the error, not the return value, decides.
        if builder.problems.isEmpty, let error = parser.parserError {
            builder.problems.append(builder.problem(forParserErrorCode: (error as NSError).code, parser: parser))
        }
        if builder.problems.isEmpty, builder.root == nil, builder.openElements.isEmpty == false {
            builder.problems.append(CAPProblem(element: builder.openElements.last?.path ?? "",
                                               message: "the file ends inside an element: is it truncated?",
                                               line: parser.lineNumber))
        }
        return builder
    }

    // MARK: XMLParserDelegate

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        guard !stopped else { return }
        depth += 1
        if depth > maximumDepth {
            stop(parser, CAPProblem(element: abbreviatedPath(appending: elementName),
                                    message: "elements are nested more than \(maximumDepth) deep (a CAP alert is 4 deep); this is not a CAP alert",
                                    line: parser.lineNumber))
            return
        }
        let namespace = namespaceURI ?? ""
        if namespace == XMLSafety.xIncludeNamespace {
            stop(parser, CAPProblem(element: abbreviatedPath(appending: qName ?? elementName),
                                    message: "XInclude is not accepted in CAP files: remove <\(qName ?? elementName)>",
                                    line: parser.lineNumber))
            return
        }
        if foreignDepth > 0 {
            foreignDepth += 1
            return
        }
        guard let version else {
            startRoot(parser, name: elementName, namespace: namespace)
            return
        }
        guard namespace == version.rawValue else {
            foreignDepth = 1
            return
        }
        let index = childCounts[childCounts.count - 1][elementName, default: 0] + 1
        childCounts[childCounts.count - 1][elementName] = index
        let parentPath = openElements.last?.path ?? ""
        let component = CAPSchema.repeatedElements.contains(elementName) ? "\(elementName)[\(index)]" : elementName
        openElements.append(CAPElementNode(name: elementName, path: parentPath + "/" + component, line: parser.lineNumber))
        childCounts.append([:])
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        guard !stopped else { return }
        depth -= 1
        if foreignDepth > 0 {
            foreignDepth -= 1
            return
        }
        guard let finished = openElements.popLast() else { return }
        childCounts.removeLast()
        if openElements.isEmpty {
            root = finished
        } else {
            openElements[openElements.count - 1].children.append(finished)
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        guard !stopped, foreignDepth == 0, !openElements.isEmpty else { return }
        openElements[openElements.count - 1].text += string
    }

    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
        guard !stopped, foreignDepth == 0, !openElements.isEmpty else { return }
        openElements[openElements.count - 1].text += String(decoding: CDATABlock, as: UTF8.self)
    }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) {
        // libxml2 recovers and goes on after errors; the first one ends the reading.
        guard !stopped else { return }
        stop(parser, problem(forParserErrorCode: (parseError as NSError).code, parser: parser))
    }

    // MARK: Helpers

    private func startRoot(_ parser: XMLParser, name: String, namespace: String) {
        let expected = "<alert xmlns=\"\(CAPVersion.v1_2.rawValue)\">"
        guard name == "alert" else {
            stop(parser, CAPProblem(element: name,
                                    message: "the root element is <\(name)>, not <alert>: a CAP file is \(expected)…</alert>",
                                    line: parser.lineNumber))
            return
        }
        guard let found = CAPVersion(rawValue: namespace) else {
            let message = namespace.isEmpty
                ? "<alert> has no namespace; CAP 1.2 is \(expected)"
                : "<alert> is in namespace \(quotedForMessage(namespace, limit: 120)), not CAP 1.2 (\(CAPVersion.v1_2.rawValue)) or CAP 1.1 (\(CAPVersion.v1_1.rawValue))"
            stop(parser, CAPProblem(element: "alert", message: message, line: parser.lineNumber))
            return
        }
        version = found
        openElements = [CAPElementNode(name: name, path: "alert", line: parser.lineNumber)]
        childCounts = [[:]]
    }

    private func stop(_ parser: XMLParser, _ problem: CAPProblem) {
        stopped = true
        problems.append(problem)
        parser.abortParsing()
    }

    /// `alert/info[1]/x` for shallow nesting; first and last steps only for deep junk.
    private func abbreviatedPath(appending name: String) -> String {
        let base = openElements.last?.path ?? ""
        let path = base.isEmpty ? name : base + "/" + name
        let steps = path.split(separator: "/")
        guard steps.count > 6 else { return path }
        return steps.prefix(3).joined(separator: "/") + "/…/" + name
    }

    /// The parser reports libxml2's own error numbers (FoundationXML's `XMLParser.ErrorCode`
    /// names are shifted by one on Linux), so the common ones are worded here.
    func problem(forParserErrorCode code: Int, parser: XMLParser) -> CAPProblem {
        let line = parser.lineNumber
        let element = openElements.last?.path ?? ""
        if code == 9, let finding = prepared.forbiddenControlCharacter {
            let hex = String(finding.byte, radix: 16, uppercase: true)
            let codePoint = "U+" + String(repeating: "0", count: 4 - hex.count) + hex
            return CAPProblem(element: element,
                              message: "control character \(codePoint) at byte offset \(finding.offset) is not allowed in XML 1.0; remove it",
                              line: finding.line)
        }
        let detail: String
        switch code {
        case 6, 7, 8, 9:
            detail = "a character XML 1.0 does not allow (control characters such as ESC are forbidden, also as &#x1B; references)"
        case 4: detail = "no XML element found"
        case 5: detail = "extra content after the end of the document, or the document ends early"
        case 23: detail = "an entity reference is missing its `;`"
        case 26, 27: detail = "an undeclared entity; CAP files may use only &amp; &lt; &gt; &quot; &apos; and numeric character references"
        case 89: detail = "entity references loop"
        case 38, 39, 40, 41: detail = "a malformed attribute"
        case 68: detail = "a tag without a valid name (escape `<` in text as &lt;)"
        case 73: detail = "a tag is not closed with `>`"
        case 76: detail = "an end tag does not match the open element"
        case 77: detail = "an element is not closed"
        case 201: detail = "a namespace prefix is used without being declared"
        default: detail = "malformed XML (libxml2 error \(code))"
        }
        // An error on the last line with elements still open: the file was most likely cut short.
        if line >= prepared.lastContentLine, let innermost = openElements.last {
            return CAPProblem(element: element, message: "the file ends before <\(innermost.name)> is closed: is it truncated?",
                              line: line)
        }
        return CAPProblem(element: element, message: "XML syntax error: \(detail)", line: line)
    }
}
