import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import LaborStatTable

/// Parses one XML part with a delegate, always through a stream: `XMLParser(data:)` fails on
/// documents above ~10 MB (ENGINEERING.md §3), `XMLParser(stream:)` does not.
func parseXMLPart(_ data: Data, part: String, path: String, delegate: XLSXPartDelegate) throws(IngestError) {
    let parser = XMLParser(stream: InputStream(data: data))
    parser.shouldProcessNamespaces = false
    parser.shouldResolveExternalEntities = false
    parser.delegate = delegate
    let ok = parser.parse()
    if let failure = delegate.failure { throw failure }
    if !ok {
        let reason = parser.parserError.map { "\($0.localizedDescription)" } ?? "unknown XML error"
        throw .malformed(SourceLocation(file: "\(path)[\(part)]", line: max(1, parser.lineNumber), column: max(1, parser.columnNumber)),
                         "malformed XML in \(part): \(reason)", hint: "the workbook may be damaged; open and save it again in Excel, LibreOffice or WPS")
    }
}

/// A delegate that can stop the parse with an error. Subclasses override `start`, `text` and `end`
/// (element names without their namespace prefix): the `XMLParserDelegate` methods themselves must
/// be implemented here, in the class that declares the conformance, or corelibs-foundation's
/// default no-op implementations would be called instead of a subclass's.
class XLSXPartDelegate: NSObject, XMLParserDelegate {
    var failure: IngestError?

    func start(_ parser: XMLParser, _ name: Substring, _ attributes: [String: String]) {}
    func text(_ parser: XMLParser, _ string: String) {}
    func end(_ parser: XMLParser, _ name: Substring) {}

    final func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        start(parser, localName(name), attributes)
    }

    final func parser(_ parser: XMLParser, foundCharacters string: String) { text(parser, string) }

    final func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        end(parser, localName(name))
    }

    func fail(_ parser: XMLParser, _ error: IngestError) {
        if failure == nil { failure = error }
        parser.abortParsing()
    }
}

/// An element name without its namespace prefix (`x:c` → `c`).
@inline(__always) func localName(_ name: String) -> Substring {
    // Scan bytes, not Characters: this runs several times per cell.
    if let colon = name.utf8.lastIndex(of: UInt8(ascii: ":")) { return name[name.utf8.index(after: colon)...] }
    return Substring(name)
}

/// OOXML escapes characters XML cannot hold as `_xHHHH_` (`_x000D_` is CR) in cell text.
func decodeOOXMLEscapes(_ s: String) -> String {
    guard s.contains("_x") else { return s }
    var out = String.UnicodeScalarView()
    let u = Array(s.unicodeScalars)
    var i = 0
    while i < u.count {
        if u[i] == "_", i + 6 < u.count, u[i + 1] == "x", u[i + 6] == "_",
           let v = UInt32(String(String.UnicodeScalarView(u[(i + 2)..<(i + 6)])), radix: 16), let scalar = Unicode.Scalar(v) {
            out.append(scalar)
            i += 7
        } else {
            out.append(u[i])
            i += 1
        }
    }
    return String(out)
}

// MARK: - Relationships

/// `_rels/*.rels`: relationship id → target part (resolved to a path inside the archive), and type.
final class RelationshipsParser: XLSXPartDelegate {
    struct Relationship { var id: String, target: String, type: String }
    var relationships: [Relationship] = []
    let baseFolder: String

    init(baseFolder: String) { self.baseFolder = baseFolder }

    override func start(_ parser: XMLParser, _ name: Substring, _ attributes: [String: String]) {
        guard name == "Relationship", let id = attributes["Id"], let target = attributes["Target"],
              attributes["TargetMode"] != "External" else { return }
        relationships.append(Relationship(id: id, target: resolvePart(target, in: baseFolder), type: attributes["Type"] ?? ""))
    }
}

/// A relationship target as a path in the archive: absolute targets (`/xl/worksheets/sheet1.xml`,
/// as openpyxl writes) lose the slash; relative ones (`worksheets/sheet1.xml`, as Excel and
/// XlsxWriter write) are taken from the folder of the part that refers to them; `..` is resolved.
func resolvePart(_ target: String, in folder: String) -> String {
    let joined = target.hasPrefix("/") ? String(target.dropFirst()) : folder + target
    var parts: [Substring] = []
    for p in joined.split(separator: "/", omittingEmptySubsequences: true) {
        if p == "." { continue }
        if p == ".." { if !parts.isEmpty { parts.removeLast() }; continue }
        parts.append(p)
    }
    return parts.joined(separator: "/")
}

// MARK: - Workbook

/// `xl/workbook.xml`: the sheets in order (name and relationship id) and the date system.
final class WorkbookParser: XLSXPartDelegate {
    var sheets: [(name: String, relationshipID: String)] = []
    var date1904 = false

    override func start(_ parser: XMLParser, _ name: Substring, _ attributes: [String: String]) {
        switch name {
        case "sheet":
            // Without namespace processing the id attribute keeps its prefix (usually `r:id`).
            if let sheetName = attributes["name"], let rid = attributes.first(where: { $0.key.hasSuffix(":id") })?.value {
                sheets.append((sheetName, rid))
            }
        case "workbookPr":
            if let v = attributes["date1904"]?.lowercased() { date1904 = v == "1" || v == "true" }
        default: break
        }
    }
}

// MARK: - Shared strings

/// `xl/sharedStrings.xml`: the text of each `<si>`, all `<t>` runs joined (rich text), phonetic
/// `<rPh>` runs skipped.
final class SharedStringsParser: XLSXPartDelegate {
    var strings: [String] = []
    private var current = ""
    private var inText = false
    private var inPhonetic = false

    override func start(_ parser: XMLParser, _ name: Substring, _ attributes: [String: String]) {
        switch name {
        case "si": current = ""
        case "t": inText = !inPhonetic
        case "rPh": inPhonetic = true
        default: break
        }
    }

    override func text(_ parser: XMLParser, _ string: String) {
        if inText { current += string }   // may arrive in pieces
    }

    override func end(_ parser: XMLParser, _ name: Substring) {
        switch name {
        case "t": inText = false
        case "rPh": inPhonetic = false
        case "si": strings.append(decodeOOXMLEscapes(current))
        default: break
        }
    }
}
