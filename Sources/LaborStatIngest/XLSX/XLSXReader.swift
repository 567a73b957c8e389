import Foundation
import LaborStatTable

/// Reads one sheet of an .xlsx workbook as rows of cell text, for the common type inference
/// (`TableReader.table(fromRows:source:options:)`).
///
/// ```swift
/// let (rows, sheet) = try XLSXReader.rows(path: "欠薪.xlsx", sheet: "2019年")
/// ```
///
/// - Row `i` of the result is spreadsheet row `i + 1` and column `j` is column `j + 1` (A = 1), so
///   places in later error messages match what the user sees in Excel; rows end at the last row
///   holding a value, and all rows are padded with nil to the rightmost column holding a value.
/// - Text as stored (shared strings with rich-text runs joined, inline strings, formula text
///   results); numbers as the shortest text that reads back as the same double (`0.30000000000000004`,
///   `0.0000001`); date-formatted numbers as ISO text, `2024-03-15`, or with the time when the
///   serial has a fraction, `2024-02-29 14:30` (`:SS` when seconds are not 0); time-only formats
///   below one day as `14:30`; booleans `true`/`false`; error values as Excel shows them (`#DIV/0!`).
/// - A formula without a saved result, a damaged archive or XML, and parts beyond `XLSXLimits`
///   (decompression bombs) are errors.
///
/// Parts are read as ENGINEERING.md §3 measured: ZIPFoundation, then FoundationXML's streaming
/// `XMLParser(stream:)`.
public enum XLSXReader {
    /// The rows of a sheet (`sheet`: a name, or a 1-based number; nil is the first sheet).
    public static func rows(path: String, sheet: String?) throws(IngestError) -> (rows: [[String?]], sheetName: String) {
        try rows(path: path, sheet: sheet, limits: XLSXLimits())
    }

    /// The names of the workbook's sheets, in order.
    public static func sheetNames(path: String) throws(IngestError) -> [String] {
        let archive = try XLSXArchive(path: path, limits: XLSXLimits())
        return try Workbook(archive).sheets.map(\.name)
    }

    static func rows(path: String, sheet: String?, limits: XLSXLimits) throws(IngestError) -> (rows: [[String?]], sheetName: String) {
        let archive = try XLSXArchive(path: path, limits: limits)
        let book = try Workbook(archive)
        let chosen = try book.sheet(named: sheet)
        guard let xml = try archive.data(chosen.part) else {
            throw .malformed(SourceLocation(file: path, line: 1, column: 1), "the workbook lists sheet \"\(chosen.name)\" but has no part \(chosen.part)", hint: "the workbook may be damaged")
        }
        let parser = SheetParser(path: path, sheetName: chosen.name, sharedStrings: try book.sharedStrings(),
                                 styles: try book.styles(), date1904: book.date1904, maxCells: limits.maxCells)
        try parseXMLPart(xml, part: chosen.part, path: path, delegate: parser)
        return (parser.rows, chosen.name)
    }
}

/// The workbook's structure: sheets and where their parts are, the date system, and the parts
/// every sheet shares (strings, styles).
struct Workbook {
    let archive: XLSXArchive
    let sheets: [(name: String, part: String)]
    let date1904: Bool
    private let sharedStringsPart: String?
    private let stylesPart: String?

    init(_ archive: XLSXArchive) throws(IngestError) {
        self.archive = archive
        let path = archive.path
        // The package's root relationships name the workbook part (almost always xl/workbook.xml).
        var workbookPart = "xl/workbook.xml"
        if let rootRels = try archive.data("_rels/.rels") {
            let p = RelationshipsParser(baseFolder: "")
            try parseXMLPart(rootRels, part: "_rels/.rels", path: path, delegate: p)
            if let r = p.relationships.first(where: { $0.type.hasSuffix("/officeDocument") }) { workbookPart = r.target }
        }
        guard let workbookXML = try archive.data(workbookPart) else {
            throw .malformed(SourceLocation(file: path, line: 1, column: 1), "not an .xlsx workbook: the archive has no \(workbookPart)",
                             hint: "a .docx, .pptx or other ZIP file is not a spreadsheet")
        }
        let wb = WorkbookParser()
        try parseXMLPart(workbookXML, part: workbookPart, path: path, delegate: wb)
        let slash = workbookPart.lastIndex(of: "/")
        let folder = slash.map { String(workbookPart[...$0]) } ?? ""
        let fileName = slash.map { String(workbookPart[workbookPart.index(after: $0)...]) } ?? workbookPart
        let relsPart = folder + "_rels/" + fileName + ".rels"
        var rels: [RelationshipsParser.Relationship] = []
        if let relsXML = try archive.data(relsPart) {
            let p = RelationshipsParser(baseFolder: folder)
            try parseXMLPart(relsXML, part: relsPart, path: path, delegate: p)
            rels = p.relationships
        }
        var sheets: [(String, String)] = []
        for s in wb.sheets {
            guard let r = rels.first(where: { $0.id == s.relationshipID }) else {
                throw .malformed(SourceLocation(file: path, line: 1, column: 1), "sheet \"\(s.name)\" has no part (relationship \(s.relationshipID) is missing)", hint: "the workbook may be damaged")
            }
            // Chart sheets and dialog sheets have no cells.
            if r.type.hasSuffix("/worksheet") || r.type.isEmpty { sheets.append((s.name, r.target)) }
        }
        guard !sheets.isEmpty else {
            throw .malformed(SourceLocation(file: path, line: 1, column: 1), "the workbook has no worksheet", hint: nil)
        }
        self.sheets = sheets
        self.date1904 = wb.date1904
        sharedStringsPart = rels.first(where: { $0.type.hasSuffix("/sharedStrings") })?.target ?? folder + "sharedStrings.xml"
        stylesPart = rels.first(where: { $0.type.hasSuffix("/styles") })?.target ?? folder + "styles.xml"
    }

    /// The sheet asked for: by exact name, then by name ignoring case and full-/half-width, then
    /// by 1-based number; an unknown sheet is an error listing the sheets.
    func sheet(named wanted: String?) throws(IngestError) -> (name: String, part: String) {
        guard let wanted else { return sheets[0] }
        if let s = sheets.first(where: { $0.name == wanted }) { return s }
        let key = Table.normalizedName(wanted)
        if let s = sheets.first(where: { Table.normalizedName($0.name) == key }) { return s }
        if let n = Int(wanted.trimmingCharacters(in: .whitespaces)), n >= 1, n <= sheets.count { return sheets[n - 1] }
        let list = sheets.enumerated().map { "\($0.offset + 1). \($0.element.name)" }.joined(separator: ", ")
        throw .cannotOpen(path: archive.path, reason: "no sheet \"\(wanted)\"; the sheets are: \(list) (give --sheet a name or a number)")
    }

    func sharedStrings() throws(IngestError) -> [String] {
        guard let part = sharedStringsPart, let xml = try archive.data(part) else { return [] }   // optional part
        let p = SharedStringsParser()
        try parseXMLPart(xml, part: part, path: archive.path, delegate: p)
        return p.strings
    }

    func styles() throws(IngestError) -> [NumberFormatKind] {
        guard let part = stylesPart, let xml = try archive.data(part) else { return [] }
        let p = StylesParser()
        try parseXMLPart(xml, part: part, path: archive.path, delegate: p)
        return p.kinds
    }
}
