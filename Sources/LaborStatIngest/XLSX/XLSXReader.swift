import Foundation
import LaborStatTable

/// One sheet of an .xlsx workbook as rows of cell text, for the common type inference
/// (`TableReader.table(fromRows:source:options:)`) and for table-region detection.
///
/// ```swift
/// let sheet = try XLSXReader.sheet(path: "欠薪.xlsx", sheet: "2019年")
/// print(sheet.name, sheet.usedRange ?? "", sheet.merges, sheet.notes)
/// ```
///
/// - Rows are sparse: `rows[k]` is spreadsheet row `rowNumbers[k]` (1-based); rows that hold no
///   value are not stored, so a lone cell at `A9999999` costs one row, not ten million. Column `j`
///   of a row is column `j + 1` (A = 1), so places in later messages match what the user sees in
///   Excel; each row is as long as its rightmost value (`width` is the longest).
/// - Text as stored (shared strings with rich-text runs joined, inline strings, formula text
///   results); numbers as the shortest text that reads back as the same double (`0.30000000000000004`,
///   `0.0000001`); date-formatted numbers as ISO text, `2024-03-15`, or with the time when the
///   serial has a fraction, `2024-02-29 14:30` (`:SS` when seconds are not 0); time-only formats
///   below one day as `14:30`; booleans `true`/`false`.
/// - Error values (`#DIV/0!`, `#N/A` …) are missing cells, listed in `errorCells` and in one of the
///   `notes`: a formula that failed in a few rows never makes a numeric column text.
/// - Merged ranges (`merges`): a range within one column (several rows) has its value filled down
///   into every row of the range, as a key column of a register means it; in any other merged range
///   (across columns) only the top-left cell keeps the value, as Excel's CSV export shows it.
/// - A formula without a saved result, a damaged archive or XML, any DOCTYPE in a part, and parts
///   or sheets beyond `XLSXLimits` (decompression bombs, huge rectangles) are errors.
public struct XLSXSheet: Sendable {
    /// The sheet's name as on its tab.
    public var name: String
    /// Rows that hold a value, in sheet order.
    public var rows: [[String?]]
    /// The 1-based spreadsheet row of each of `rows`.
    public var rowNumbers: [Int]
    /// The length of the longest row (1 + the rightmost column holding a value).
    public var width: Int
    /// Merged ranges (`<mergeCells>`), as written.
    public var merges: [XLSXCellRange]
    /// The used range the sheet declares (`<dimension ref>`), if any.
    public var dimension: XLSXCellRange?
    /// Cells whose values are Excel errors, read as missing.
    public var errorCells: [XLSXErrorCell]
    /// What the reader did that the user should know, one sentence each (for `laborstat: note:`).
    public var notes: [String]

    /// The declared used range, or else the one the cells span; nil for an empty sheet.
    public var usedRange: XLSXCellRange? { dimension ?? computedRange }

    /// The rectangle from the first to the last row and column holding a value.
    public var computedRange: XLSXCellRange? {
        guard let first = rowNumbers.first, let last = rowNumbers.last else { return nil }
        var left = Int.max
        for row in rows { if let c = row.firstIndex(where: { $0 != nil }) { left = min(left, c) } }
        return XLSXCellRange(firstRow: first - 1, firstColumn: left == .max ? 0 : left, lastRow: last - 1, lastColumn: max(0, width - 1))
    }
}

/// A sheet of a workbook as its tab shows it.
public struct XLSXSheetInfo: Sendable {
    /// 1-based position among the workbook's sheets (what `--sheet N` takes).
    public var index: Int
    public var name: String
    public var visibility: XLSXSheetVisibility
    /// The sheet Excel opens on (`<workbookView activeTab>`).
    public var isActive: Bool
    /// False for chart and dialog sheets, which have no cells.
    public var isWorksheet: Bool
    /// The used range (declared, or computed from the cells); nil when not asked for or empty.
    public var usedRange: XLSXCellRange?
}

public enum XLSXReader {
    /// A sheet of the workbook at `path`: `sheet` is a name or a 1-based number; nil is the sheet
    /// Excel opens on (the active tab, else the first visible worksheet).
    public static func sheet(path: String, sheet: String?, limits: XLSXLimits = XLSXLimits()) throws(IngestError) -> XLSXSheet {
        try read(try XLSXArchive(path: path, limits: limits), sheet: sheet)
    }

    /// A sheet of a workbook held in memory (standard input; the entry point for fuzzing: any bytes
    /// give a sheet or an `IngestError`, within `limits`). `name` is used in messages.
    public static func rows(bytes: [UInt8], sheet: String? = nil, limits: XLSXLimits = XLSXLimits(), name: String = "<memory>") throws(IngestError) -> XLSXSheet {
        try read(try XLSXArchive(bytes: Data(bytes), name: name, limits: limits), sheet: sheet)
    }

    /// The rows of a sheet as a dense grid: row `i` is spreadsheet row `i + 1`, every row padded
    /// with nil to the rightmost column holding a value (blank rows share one array).
    public static func rows(path: String, sheet: String?) throws(IngestError) -> (rows: [[String?]], sheetName: String) {
        try rows(path: path, sheet: sheet, limits: XLSXLimits())
    }

    static func rows(path: String, sheet: String?, limits: XLSXLimits) throws(IngestError) -> (rows: [[String?]], sheetName: String) {
        let s = try self.sheet(path: path, sheet: sheet, limits: limits)
        let height = s.rowNumbers.last ?? 0
        if height * s.width > limits.maxCells {
            throw tooManyCells(maxCells: limits.maxCells, sheetName: s.name, path: path, at: SheetParser.columnName(s.width - 1) + String(height))
        }
        let blank = [String?](repeating: nil, count: s.width)
        var dense = [[String?]](repeating: blank, count: height)
        for (k, row) in s.rows.enumerated() {
            var padded = row
            if padded.count < s.width { padded.append(contentsOf: repeatElement(nil, count: s.width - padded.count)) }
            dense[s.rowNumbers[k] - 1] = padded
        }
        return (dense, s.name)
    }

    /// The names of the workbook's sheets, in order.
    public static func sheetNames(path: String) throws(IngestError) -> [String] {
        try Workbook(try XLSXArchive(path: path, limits: XLSXLimits())).sheets.map(\.name)
    }

    /// The workbook's sheets in tab order, with visibility and which is active; with `usedRanges`,
    /// each worksheet's used range (its declared `<dimension>`, read from the start of the sheet
    /// part only, or else computed by reading the sheet).
    public static func sheets(path: String, usedRanges: Bool = false, limits: XLSXLimits = XLSXLimits()) throws(IngestError) -> [XLSXSheetInfo] {
        try infos(try XLSXArchive(path: path, limits: limits), usedRanges: usedRanges)
    }

    /// `sheets(path:)` for a workbook held in memory.
    public static func sheets(bytes: [UInt8], name: String = "<memory>", usedRanges: Bool = false, limits: XLSXLimits = XLSXLimits()) throws(IngestError) -> [XLSXSheetInfo] {
        try infos(try XLSXArchive(bytes: Data(bytes), name: name, limits: limits), usedRanges: usedRanges)
    }

    /// Whether bytes are a ZIP archive (how an .xlsx on standard input is recognised).
    public static func looksLikeWorkbook(_ bytes: UnsafeRawBufferPointer) -> Bool { XLSXArchive.looksLikeZIP(bytes) }

    // MARK: - Reading

    private static func infos(_ archive: XLSXArchive, usedRanges: Bool) throws(IngestError) -> [XLSXSheetInfo] {
        let book = try Workbook(archive)
        let active = book.defaultSheet
        var out: [XLSXSheetInfo] = []
        for (i, s) in book.sheets.enumerated() {
            var info = XLSXSheetInfo(index: i + 1, name: s.name, visibility: s.visibility, isActive: i == active, isWorksheet: s.isWorksheet)
            if usedRanges && s.isWorksheet {
                var probe = DimensionProbe()
                var scanner = XMLByteScanner(handler: probe, path: archive.path, part: s.part)
                try archive.stream(s.part) { (chunk: UnsafeRawBufferPointer) throws(IngestError) -> Bool in
                    try scanner.feed(chunk)
                    return !scanner.handler.done
                }
                probe = scanner.handler
                if let ref = probe.ref, let range = XLSXCellRange(ref) {
                    info.usedRange = range
                } else {
                    info.usedRange = try read(archive, book: book, index: i).computedRange
                }
            }
            out.append(info)
        }
        return out
    }

    private static func read(_ archive: XLSXArchive, sheet wanted: String?) throws(IngestError) -> XLSXSheet {
        let book = try Workbook(archive)
        return try read(archive, book: book, index: try book.sheetIndex(wanted))
    }

    private static func read(_ archive: XLSXArchive, book: Workbook, index: Int) throws(IngestError) -> XLSXSheet {
        let chosen = book.sheets[index]
        let limits = archive.limits
        let handler = SheetHandler(path: archive.path, sheetName: chosen.name, sharedStrings: try book.sharedStrings(),
                                   styles: try book.styles(), date1904: book.date1904, maxCells: limits.maxCells)
        guard var parsed = try SheetPieces.scan(archive, part: chosen.part, handler: handler) else {
            throw .malformed(SourceLocation(file: archive.path, line: 1, column: 1), "the workbook lists sheet \"\(chosen.name)\" but has no part \(chosen.part)", hint: "the workbook may be damaged")
        }
        parsed.finish()
        var sheet = XLSXSheet(name: chosen.name, rows: parsed.rows, rowNumbers: parsed.rowNumbers, width: parsed.width,
                              merges: parsed.merges, dimension: parsed.dimension.flatMap(XLSXCellRange.init),
                              errorCells: parsed.errorCells, notes: [])
        if !parsed.inOrder { combineRows(&sheet) }
        try SheetMerges.apply(to: &sheet, maxCells: limits.maxCells, path: archive.path)
        if sheet.rows.count * sheet.width > limits.maxCells {
            throw tooManyCells(maxCells: limits.maxCells, sheetName: sheet.name, path: archive.path,
                               at: SheetParser.columnName(sheet.width - 1) + String(sheet.rowNumbers.last ?? 0))
        }
        if let note = errorNote(sheet) { sheet.notes.append(note) }
        return sheet
    }

    /// Rows written out of order (or a row twice): sorted by row number, cells of the same row
    /// combined, a later cell replacing an earlier one as a spreadsheet program reads it.
    private static func combineRows(_ sheet: inout XLSXSheet) {
        let order = sheet.rowNumbers.indices.sorted { (sheet.rowNumbers[$0], $0) < (sheet.rowNumbers[$1], $1) }
        var rows: [[String?]] = [], numbers: [Int] = []
        for k in order {
            let row = sheet.rows[k]
            if numbers.last == sheet.rowNumbers[k] {
                var merged = rows[rows.count - 1]
                if merged.count < row.count { merged.append(contentsOf: repeatElement(nil, count: row.count - merged.count)) }
                for (c, v) in row.enumerated() where v != nil { merged[c] = v }
                rows[rows.count - 1] = merged
            } else {
                rows.append(row)
                numbers.append(sheet.rowNumbers[k])
            }
        }
        sheet.rows = rows
        sheet.rowNumbers = numbers
    }

    /// One note for all error cells of the sheet, naming the first 20 by reference.
    static func errorNote(_ sheet: XLSXSheet) -> String? {
        let cells = sheet.errorCells
        guard !cells.isEmpty else { return nil }
        let prefix = sheetReferencePrefix(sheet.name)
        let shown = cells.prefix(20).map { "\(prefix)\($0.reference) (\($0.value))" }.joined(separator: ", ")
        let more = cells.count > 20 ? " and \(cells.count - 20) more" : ""
        let n = cells.count
        return "\(n) cell\(n == 1 ? "" : "s") of sheet \"\(sheet.name)\" hold\(n == 1 ? "s" : "") an Excel error value, read as missing: \(shown)\(more)"
    }
}

/// Reads a sheet part only up to its `<dimension>` (or the start of its cells).
struct DimensionProbe: XMLByteHandler {
    var ref: String?
    var done = false
    var wantsText: Bool { false }
    mutating func start(_ name: XMLBytes, _ attributes: XMLAttributes, scanner: XMLScanPosition) throws(IngestError) {
        guard !done else { return }
        if name.is("dimension") { ref = try attributes.string("ref", at: scanner); done = true }
        else if name.is("sheetData") { done = true }
    }
    mutating func end(_ name: XMLBytes, scanner: XMLScanPosition) {}
    mutating func text(_ bytes: XMLBytes) {}
}

/// The workbook's structure: sheets and where their parts are, the active tab, the date system,
/// and the parts every sheet shares (strings, styles).
struct Workbook {
    struct Sheet {
        var name: String
        var part: String
        var visibility: XLSXSheetVisibility
        var isWorksheet: Bool
    }

    let archive: XLSXArchive
    let sheets: [Sheet]
    let date1904: Bool
    /// Index in `sheets` of the sheet read when none is asked for.
    let defaultSheet: Int
    private let sharedStringsPart: String?
    private let stylesPart: String?

    init(_ archive: XLSXArchive) throws(IngestError) {
        self.archive = archive
        let path = archive.path
        // The package's root relationships name the workbook part (almost always xl/workbook.xml).
        var workbookPart = "xl/workbook.xml"
        if let rootRels = try archive.data("_rels/.rels") {
            let p = try scanPart(rootRels, part: "_rels/.rels", path: path, handler: RelationshipsHandler(baseFolder: ""))
            if let r = p.relationships.first(where: { $0.type.hasSuffix("/officeDocument") }) { workbookPart = r.target }
        }
        guard let workbookXML = try archive.data(workbookPart) else {
            throw .malformed(SourceLocation(file: path, line: 1, column: 1), "not an .xlsx workbook: the archive has no \(workbookPart)",
                             hint: "a .docx, .pptx or other ZIP file is not a spreadsheet")
        }
        let wb = try scanPart(workbookXML, part: workbookPart, path: path, handler: WorkbookHandler())
        let slash = workbookPart.lastIndex(of: "/")
        let folder = slash.map { String(workbookPart[...$0]) } ?? ""
        let fileName = slash.map { String(workbookPart[workbookPart.index(after: $0)...]) } ?? workbookPart
        let relsPart = folder + "_rels/" + fileName + ".rels"
        var rels: [RelationshipsHandler.Relationship] = []
        if let relsXML = try archive.data(relsPart) {
            rels = try scanPart(relsXML, part: relsPart, path: path, handler: RelationshipsHandler(baseFolder: folder)).relationships
        }
        var sheets: [Sheet] = []
        for s in wb.sheets {
            guard let r = rels.first(where: { $0.id == s.relationshipID }) else {
                throw .malformed(SourceLocation(file: path, line: 1, column: 1), "sheet \"\(s.name)\" has no part (relationship \(s.relationshipID) is missing)", hint: "the workbook may be damaged")
            }
            // Chart sheets and dialog sheets have no cells.
            sheets.append(Sheet(name: s.name, part: r.target, visibility: s.visibility, isWorksheet: r.type.hasSuffix("/worksheet") || r.type.isEmpty))
        }
        guard sheets.contains(where: \.isWorksheet) else {
            throw .malformed(SourceLocation(file: path, line: 1, column: 1), "the workbook has no worksheet", hint: nil)
        }
        self.sheets = sheets
        self.date1904 = wb.date1904
        // Excel opens on the active tab; a hidden sheet cannot be active, so then (or without a
        // view) the first visible worksheet, and only when every sheet is hidden the first one.
        if let a = wb.activeTab, a >= 0, a < sheets.count, sheets[a].isWorksheet, sheets[a].visibility == .visible {
            defaultSheet = a
        } else {
            defaultSheet = sheets.firstIndex { $0.isWorksheet && $0.visibility == .visible } ?? sheets.firstIndex(where: \.isWorksheet)!
        }
        sharedStringsPart = rels.first(where: { $0.type.hasSuffix("/sharedStrings") })?.target ?? folder + "sharedStrings.xml"
        stylesPart = rels.first(where: { $0.type.hasSuffix("/styles") })?.target ?? folder + "styles.xml"
    }

    /// The sheet asked for: by exact name, then by name ignoring case and full-/half-width, then
    /// by 1-based number; an unknown sheet, or one without cells, is an error listing the sheets.
    func sheetIndex(_ wanted: String?) throws(IngestError) -> Int {
        guard let wanted else { return defaultSheet }
        let key = Table.normalizedName(wanted)
        let found = sheets.firstIndex(where: { $0.name == wanted })
            ?? sheets.firstIndex(where: { Table.normalizedName($0.name) == key })
            ?? Int(wanted.trimmingCharacters(in: .whitespaces)).flatMap { n in n >= 1 && n <= sheets.count ? n - 1 : nil }
        guard let found else {
            throw .cannotOpen(path: archive.path, reason: "no sheet \"\(wanted)\"; the sheets are: \(listing) (give --sheet a name or a number)")
        }
        guard sheets[found].isWorksheet else {
            throw .cannotOpen(path: archive.path, reason: "sheet \(found + 1) \"\(sheets[found].name)\" is a chart sheet and has no cells; the sheets are: \(listing)")
        }
        return found
    }

    /// `1. 数据, 2. 说明 (hidden), 3. 图 (chart sheet)`.
    var listing: String {
        sheets.enumerated().map { i, s in
            var marks: [String] = []
            if s.visibility == .hidden { marks.append("hidden") }
            if s.visibility == .veryHidden { marks.append("veryHidden") }
            if !s.isWorksheet { marks.append("chart sheet") }
            return "\(i + 1). \(s.name)" + (marks.isEmpty ? "" : " (\(marks.joined(separator: ", ")))")
        }.joined(separator: ", ")
    }

    func sharedStrings() throws(IngestError) -> [String] {
        guard let part = sharedStringsPart else { return [] }
        return try streamPart(archive, part: part, handler: SharedStringsHandler())?.strings ?? []   // optional part
    }

    func styles() throws(IngestError) -> [NumberFormatKind] {
        guard let part = stylesPart, let xml = try archive.data(part) else { return [] }
        return try scanPart(xml, part: part, path: archive.path, handler: StylesHandler()).kinds
    }
}

extension XLSXSheetInfo {
    /// The sheets as a table (for `inspect --sheets`): sheet (1-based number), name, visibility
    /// (visible, hidden, veryHidden), active, kind (worksheet, chartsheet), used_range (`A1:J20`,
    /// empty for an empty sheet or a chart sheet).
    public static func table(_ sheets: [XLSXSheetInfo]) -> Table {
        let columns = [
            Column("sheet", integers: sheets.map { Int64($0.index) }),
            Column("name", strings: sheets.map(\.name)),
            Column("visibility", strings: sheets.map(\.visibility.rawValue)),
            Column("active", booleans: sheets.map(\.isActive)),
            Column("kind", strings: sheets.map { $0.isWorksheet ? "worksheet" : "chartsheet" }),
            Column("used_range", strings: sheets.map { $0.usedRange?.description }),
        ]
        return try! Table(columns: columns)   // equal lengths by construction
    }
}
