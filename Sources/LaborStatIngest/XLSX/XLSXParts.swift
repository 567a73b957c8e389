import Foundation
import LaborStatTable

/// Scans one whole small part (relationships, workbook, styles) with a handler.
func scanPart<H: XMLByteHandler>(_ bytes: [UInt8], part: String, path: String, handler: H) throws(IngestError) -> H {
    var scanner = XMLByteScanner(handler: handler, path: path, part: part)
    try scanner.scanAll(bytes)
    return scanner.handler
}

/// Scans a part as it is inflated from the archive; nil when the archive has no such part.
func streamPart<H: XMLByteHandler>(_ archive: XLSXArchive, part: String, handler: H) throws(IngestError) -> H? {
    var scanner = XMLByteScanner(handler: handler, path: archive.path, part: part)
    let found = try archive.stream(part) { (chunk: UnsafeRawBufferPointer) throws(IngestError) -> Bool in
        try scanner.feed(chunk)
        return true
    }
    guard found else { return nil }
    try scanner.finish()
    return scanner.handler
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
struct RelationshipsHandler: XMLByteHandler {
    struct Relationship { var id: String, target: String, type: String }
    var relationships: [Relationship] = []
    let baseFolder: String
    var wantsText: Bool { false }

    init(baseFolder: String) { self.baseFolder = baseFolder }

    mutating func start(_ name: XMLBytes, _ attributes: XMLAttributes, scanner: XMLScanPosition) throws(IngestError) {
        guard name.is("Relationship"), let id = try attributes.string("Id", at: scanner),
              let target = try attributes.string("Target", at: scanner),
              try attributes.string("TargetMode", at: scanner) != "External" else { return }
        relationships.append(Relationship(id: id, target: resolvePart(target, in: baseFolder), type: try attributes.string("Type", at: scanner) ?? ""))
    }
    mutating func end(_ name: XMLBytes, scanner: XMLScanPosition) {}
    mutating func text(_ bytes: XMLBytes) {}
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

/// Whether a sheet shows as a tab (`<sheet state="…">`).
public enum XLSXSheetVisibility: String, Sendable, Codable {
    /// A tab the user sees.
    case visible
    /// Hidden (Format → Sheet → Hide; Unhide shows it again).
    case hidden
    /// Hidden so that only a macro or another program can show it again (`veryHidden`).
    case veryHidden
}

/// `xl/workbook.xml`: the sheets in order (name, relationship id, visibility), the active tab and
/// the date system.
struct WorkbookHandler: XMLByteHandler {
    struct Sheet { var name: String, relationshipID: String, visibility: XLSXSheetVisibility }
    var sheets: [Sheet] = []
    var date1904 = false
    /// `<workbookView activeTab="N">`: 0-based position in `sheets` of the tab Excel opens on.
    var activeTab: Int?
    var wantsText: Bool { false }

    mutating func start(_ name: XMLBytes, _ attributes: XMLAttributes, scanner: XMLScanPosition) throws(IngestError) {
        if name.is("sheet") {
            // Without namespace processing the id attribute keeps its prefix (usually `r:id`).
            guard let sheetName = try attributes.string("name", at: scanner),
                  let rid = try attributes.string(qualifiedSuffix: ":id", at: scanner) else { return }
            let state: XLSXSheetVisibility = switch try attributes.string("state", at: scanner) {
            case "hidden": .hidden
            case "veryHidden": .veryHidden
            default: .visible
            }
            sheets.append(Sheet(name: sheetName, relationshipID: rid, visibility: state))
        } else if name.is("workbookPr") {
            if let v = try attributes.string("date1904", at: scanner)?.lowercased() { date1904 = v == "1" || v == "true" }
        } else if name.is("workbookView"), activeTab == nil {
            // Only the first view counts: it is the one Excel opens.
            activeTab = try attributes.string("activeTab", at: scanner).flatMap { Int($0) } ?? 0
        }
    }
    mutating func end(_ name: XMLBytes, scanner: XMLScanPosition) {}
    mutating func text(_ bytes: XMLBytes) {}
}

// MARK: - Shared strings

/// `xl/sharedStrings.xml`: the text of each `<si>`, all `<t>` runs joined (rich text), phonetic
/// `<rPh>` runs skipped. Parsed once per read, as the part is inflated.
struct SharedStringsHandler: XMLByteHandler {
    var strings: [String] = []
    private var current: [UInt8] = []
    private var inText = false
    private var inPhonetic = false
    var wantsText: Bool { inText }

    mutating func start(_ name: XMLBytes, _ attributes: XMLAttributes, scanner: XMLScanPosition) throws(IngestError) {
        if name.is("si") { current.removeAll(keepingCapacity: true) }
        else if name.is("t") { inText = !inPhonetic }
        else if name.is("rPh") { inPhonetic = true }
        else if name.is("sst"), strings.isEmpty, let n = try attributes.string("uniqueCount", at: scanner).flatMap({ Int($0) }) {
            strings.reserveCapacity(min(n, 1 << 20))
        }
    }

    mutating func text(_ bytes: XMLBytes) { current.append(contentsOf: bytes) }

    mutating func end(_ name: XMLBytes, scanner: XMLScanPosition) throws(IngestError) {
        if name.is("t") { inText = false }
        else if name.is("rPh") { inPhonetic = false }
        else if name.is("si") {
            let text = try current.withUnsafeBufferPointer { (b: XMLBytes) throws(IngestError) in try XMLText.decode(b, at: scanner) }
            strings.append(decodeOOXMLEscapes(text))
        }
    }
}
