import CXLSXWriter
import Foundation
import LaborStatTable

#if canImport(Glibc)
import Glibc
#endif

/// An .xlsx workbook of result tables, written with libxlsxwriter (Debian `libxlsxwriter-dev`).
///
/// What a report writer gets in Excel, WPS or LibreOffice:
/// - numbers stored as numbers, shown with a format: thousands separators, fixed decimals
///   (`--decimals`), shares as `0.0%` (`--percent`); integers beyond 2⁵³ (which a spreadsheet would
///   round) are stored as text so no digit is lost;
/// - text as shared strings, so a cell starting with `=` is text and never runs as a formula (no
///   formula guard is needed, and none is applied);
/// - dates as dates (`yyyy-mm-dd`, months `yyyy-mm`), years as plain integers, quarters as text
///   (`2013Q4`: Excel has no quarter format);
/// - a bold header with a rule under it, the header and the key columns frozen, an autofilter, and
///   column widths from the text (a CJK character counts two).
///
/// Not constant-memory mode: that mode writes inline strings, which WPS does not open.
///
/// libxlsxwriter cannot edit a workbook, so `XLSXWorkbook.existing(path:)` re-reads a workbook
/// LaborStat wrote (its sheets, types and formats are recorded in the workbook's custom document
/// properties) and `write(to:)` writes every sheet again: that is how `--append` adds a sheet.
public struct XLSXWorkbook: Sendable {
    public private(set) var sheets: [WorkbookSheet] = []
    /// Title, author and creation time for `docProps/core.xml`.
    public var properties = WorkbookProperties()

    public init() {}

    /// Adds a sheet; a name already in the workbook (compared as Excel does, ignoring case) is an error.
    public mutating func add(_ sheet: WorkbookSheet) throws(ExportError) {
        if sheets.contains(where: { $0.name.lowercased() == sheet.name.lowercased() }) {
            throw .invalidRequest("the workbook already has a sheet named \"\(sheet.name)\" (give another --sheet-name)")
        }
        if sheet.layout.headerRow + 1 + sheet.table.rowCount + sheet.layout.notes.count + 1 > 1_048_576 {
            throw .invalidRequest("\(sheet.table.rowCount) rows do not fit in an Excel sheet (at most 1,048,575 below the header); write CSV instead (--format csv)")
        }
        if sheet.table.columns.count > 16_384 {
            throw .invalidRequest("\(sheet.table.columns.count) columns do not fit in an Excel sheet (at most 16,384); write CSV instead")
        }
        sheets.append(sheet)
    }

    public var sheetNames: [String] { sheets.map(\.name) }

    /// Writes the workbook to `path` atomically (temporary sibling, fsync, rename), or to standard
    /// output when `path` is nil or `-`.
    public func write(to path: String?) throws(ExportError) {
        let bytes = try self.bytes()
        if let path, path != "-" {
            try OutputFile.replace(path) { (write: @escaping ([UInt8]) throws(ExportError) -> Void) throws(ExportError) in
                try write(bytes)
            }
        } else {
            try StandardOutput().write(bytes)
        }
    }

    /// The bytes of the .xlsx file. libxlsxwriter only writes to a named file, so it writes into a
    /// private temporary folder, which is removed afterwards.
    public func bytes() throws(ExportError) -> [UInt8] {
        guard !sheets.isEmpty else { throw .invalidRequest("a workbook needs at least one sheet") }
        try checkLinks()
        let base = (ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp")
        var template = Array((base + "/laborstat-xlsx-XXXXXX").utf8CString)
        guard let dirPointer = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            throw .cannotCreate(path: base, reason: OutputFile.reason(errno))
        }
        let dir = String(cString: dirPointer)
        let file = dir + "/book.xlsx"
        defer {
            unlink(file)
            rmdir(dir)
        }
        try render(to: file, tmpdir: dir)
        guard let data = FileManager.default.contents(atPath: file) else {
            throw .writeFailed(path: file, reason: "the workbook written by libxlsxwriter cannot be read back")
        }
        return [UInt8](data)
    }

    private func render(to file: String, tmpdir: String) throws(ExportError) {
        var result: ExportError? = nil
        file.withCString { filePointer in
            tmpdir.withCString { tmpPointer in
                var options = lxw_workbook_options()
                options.constant_memory = 0
                options.tmpdir = UnsafeMutablePointer(mutating: tmpPointer)
                options.use_zip64 = 0
                guard let book = workbook_new_opt(filePointer, &options) else {
                    result = .cannotCreate(path: file, reason: "libxlsxwriter cannot create the workbook")
                    return
                }
                setProperties(book)
                let writer = SheetWriter(book: book)
                do throws(ExportError) {
                    for sheet in sheets { try writer.add(sheet) }
                    try writer.recordSheets(sheets)
                } catch {
                    result = error
                }
                let status = workbook_close(book)
                if result == nil, status != LXW_NO_ERROR {
                    result = .writeFailed(path: file, reason: String(cString: lxw_strerror(status)))
                }
            }
        }
        if let result { throw result }
    }
}

extension XLSXWorkbook {
    /// Every link opens a sheet of this workbook from a cell of its table.
    func checkLinks() throws(ExportError) {
        let names = Set(sheets.map { $0.name.lowercased() })
        for sheet in sheets {
            for link in sheet.links {
                guard names.contains(link.sheet.lowercased()) else {
                    throw .invalidRequest("sheet \"\(sheet.name)\" links to a sheet \"\(link.sheet)\" the workbook does not have")
                }
                guard (0..<sheet.table.rowCount).contains(link.row), (0..<sheet.table.columns.count).contains(link.column) else {
                    throw .invalidRequest("sheet \"\(sheet.name)\" has a link outside its table (row \(link.row + 1), column \(link.column + 1))")
                }
            }
        }
    }

    /// libxlsxwriter copies the strings, so they only need to live during the call.
    func setProperties(_ book: UnsafeMutablePointer<lxw_workbook>) {
        let p = properties
        guard p.title != nil || p.subject != nil || p.author != nil || p.created != nil else { return }
        var owned: [UnsafeMutablePointer<CChar>] = []
        defer { owned.forEach { free($0) } }
        func c(_ s: String?) -> UnsafeMutablePointer<CChar>? {
            guard let s, let d = strdup(s) else { return nil }
            owned.append(d)
            return d
        }
        var props = lxw_doc_properties()
        props.title = c(p.title)
        props.subject = c(p.subject)
        props.author = c(p.author)
        // 0 means "now" to libxlsxwriter, so the epoch itself is nudged by a second.
        if let created = p.created { props.created = time_t(max(1, created.rounded(.down))) }
        _ = workbook_set_properties(book, &props)
    }
}

/// Writes sheets into one libxlsxwriter workbook; formats are made once per format code.
private final class SheetWriter {
    let book: UnsafeMutablePointer<lxw_workbook>
    private var formats: [String: UnsafeMutablePointer<lxw_format>] = [:]

    init(book: UnsafeMutablePointer<lxw_workbook>) { self.book = book }

    /// A cell format: a number format code plus bold / header rule / wrap.
    func format(_ code: String?, bold: Bool = false, headerRule: Bool = false, size: Double? = nil, right: Bool = false) -> UnsafeMutablePointer<lxw_format> {
        let key = "\(code ?? "")|\(bold)|\(headerRule)|\(size ?? 0)|\(right)"
        if let f = formats[key] { return f }
        let f = workbook_add_format(book)!
        if let code { format_set_num_format(f, code) }
        if bold { format_set_bold(f) }
        if headerRule {
            format_set_bottom(f, UInt8(LXW_BORDER_THIN.rawValue))
            format_set_text_wrap(f)
            format_set_align(f, UInt8(LXW_ALIGN_VERTICAL_TOP.rawValue))
        }
        if let size { format_set_font_size(f, size) }
        if right { format_set_align(f, UInt8(LXW_ALIGN_RIGHT.rawValue)) }
        formats[key] = f
        return f
    }

    func add(_ sheet: WorkbookSheet) throws(ExportError) {
        guard let ws = sheet.name.withCString({ workbook_add_worksheet(book, $0) }) else {
            throw .invalidRequest("libxlsxwriter refused the sheet name \"\(sheet.name)\"")
        }
        let table = sheet.table
        let columns = table.columns
        var row = 0
        if let title = sheet.layout.title {
            try check(write(ws, row, 0, string: title, format(nil, bold: true, size: 14)), sheet)
            row += 1
        }
        if let unit = sheet.layout.unit {
            try check(write(ws, row, UInt16(max(0, columns.count - 1)), string: unit, format(nil, right: true)), sheet)
            row += 1
        }
        let header = row
        let headerFormat = format(nil, bold: true, headerRule: true)
        for (j, c) in columns.enumerated() {
            try check(write(ws, header, UInt16(j), string: c.name, headerFormat), sheet)
        }
        row += 1
        let cells = columns.enumerated().map { CellWriter(column: $1, code: sheet.formats[$0], writer: self) }
        var links: [Int: [Int: WorkbookLink]] = [:]
        for link in sheet.links { links[link.row, default: [:]][link.column] = link }
        for (i, r) in table.rowIndices.enumerated() {
            for (j, cell) in cells.enumerated() {
                if let link = links[i]?[j] {
                    try check(writeLink(ws, row, UInt16(j), link, text: columns[j].missing[r] ? link.sheet : columns[j].string(at: r) ?? link.sheet), sheet)
                } else {
                    try check(cell.write(ws, UInt32(row), UInt16(j), r), sheet)
                }
            }
            row += 1
        }
        let lastDataRow = row - 1
        if !sheet.layout.notes.isEmpty {
            for note in sheet.layout.notes {
                try check(write(ws, row, 0, string: note, nil), sheet)
                row += 1
            }
        }
        for (j, cell) in cells.enumerated() {
            let width = min(60.0, max(6.0, Double(cell.width(header: columns[j].name, rows: table.rowIndices)) + 2))
            worksheet_set_column(ws, UInt16(j), UInt16(j), width, nil)
        }
        worksheet_freeze_panes(ws, UInt32(header + 1), UInt16(sheet.keyColumns))
        // Printed (or turned into PDF) one page wide, the header repeated on every page.
        worksheet_fit_to_pages(ws, 1, 0)
        worksheet_repeat_rows(ws, UInt32(header), UInt32(header))
        if !columns.isEmpty {
            worksheet_autofilter(ws, UInt32(header), 0, UInt32(max(header, lastDataRow)), UInt16(columns.count - 1))
        }
    }

    func write(_ ws: UnsafeMutablePointer<lxw_worksheet>, _ row: Int, _ col: UInt16, string: String, _ f: UnsafeMutablePointer<lxw_format>?) -> lxw_error {
        string.withCString { worksheet_write_string(ws, UInt32(row), col, $0, f) }
    }

    /// A link cell shows `text` in the hyperlink style (libxlsxwriter's default for a nil format).
    func writeLink(_ ws: UnsafeMutablePointer<lxw_worksheet>, _ row: Int, _ col: UInt16, _ link: WorkbookLink, text: String) -> lxw_error {
        link.url.withCString { url in text.withCString { worksheet_write_url_opt(ws, UInt32(row), col, url, nil, $0, nil) } }
    }

    func check(_ status: lxw_error, _ sheet: WorkbookSheet) throws(ExportError) {
        if status == LXW_NO_ERROR { return }
        if status == LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED {
            throw .invalidRequest("a cell in sheet \"\(sheet.name)\" has more than 32,767 characters, more than Excel holds; write CSV instead")
        }
        throw .writeFailed(path: sheet.name, reason: String(cString: lxw_strerror(status)))
    }

    /// Records the sheets' structure in custom document properties, so `--append` can re-read them
    /// exactly (Excel limits a property to 255 characters: base64 chunks `LaborStat:0`, `LaborStat:1`, …).
    func recordSheets(_ sheets: [WorkbookSheet]) throws(ExportError) {
        let record = WorkbookRecord(sheets: sheets.map(SheetRecord.init))
        let json: Data
        // Sorted keys: JSONEncoder's order otherwise changes from run to run, and so would the bytes.
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        do { json = try encoder.encode(record) } catch { throw .writeFailed(path: "workbook", reason: "\(error)") }
        let text = json.base64EncodedString()
        var chunks: [String] = []
        var i = text.startIndex
        while i < text.endIndex {
            let j = text.index(i, offsetBy: 240, limitedBy: text.endIndex) ?? text.endIndex
            chunks.append(String(text[i..<j]))
            i = j
        }
        let marker = "\(WorkbookRecord.version) \(chunks.count)"
        _ = workbook_set_custom_property_string(book, WorkbookRecord.markerName, marker)
        for (n, chunk) in chunks.enumerated() {
            _ = workbook_set_custom_property_string(book, "\(WorkbookRecord.markerName):\(n)", chunk)
        }
    }
}

/// Writes one column's cells, typed.
private struct CellWriter {
    let column: Column
    let format: UnsafeMutablePointer<lxw_format>?
    let code: String?

    init(column: Column, code: String?, writer: SheetWriter) {
        self.column = column
        var code = code
        if case .date(_, let p) = column.storage {
            switch p {
            case .day: code = "yyyy-mm-dd"
            case .month: code = "yyyy-mm"
            case .year: code = "0"
            case .quarter: code = nil
            }
        }
        self.code = code
        format = code.map { writer.format($0) }
    }

    /// Integers a double holds exactly; beyond, text keeps every digit.
    static let exactLimit: Int64 = 1 << 53

    func write(_ ws: UnsafeMutablePointer<lxw_worksheet>, _ row: UInt32, _ col: UInt16, _ r: Int) -> lxw_error {
        if column.missing[r] { return LXW_NO_ERROR }
        switch column.storage {
        case .integer(let v):
            if v[r].magnitude > CellWriter.exactLimit.magnitude {
                return String(v[r]).withCString { worksheet_write_string(ws, row, col, $0, nil) }
            }
            return worksheet_write_number(ws, row, col, Double(v[r]), format)
        case .decimal(let v):
            let x = v[r]
            if x.isNaN { return LXW_NO_ERROR }   // undefined: an empty cell, as in CSV
            if x.isInfinite { return (x < 0 ? "-Inf" : "Inf").withCString { worksheet_write_string(ws, row, col, $0, nil) } }
            return worksheet_write_number(ws, row, col, x, format)
        case .boolean(let v):
            return worksheet_write_boolean(ws, row, col, v[r] ? 1 : 0, nil)
        case .date(let v, let p):
            switch p {
            case .year: return worksheet_write_number(ws, row, col, Double(CivilDate.civil(v[r]).year), format)
            case .quarter: return CivilDate.format(v[r], precision: p).withCString { worksheet_write_string(ws, row, col, $0, nil) }
            case .day, .month: return worksheet_write_number(ws, row, col, Double(v[r]) + 25569, format)   // 1970-01-01 is serial 25569
            }
        case .category(let codes, let levels):
            return levels[Int(codes[r])].withCString { worksheet_write_string(ws, row, col, $0, nil) }
        case .text:
            return (column.string(at: r) ?? "").withCString { worksheet_write_string(ws, row, col, $0, nil) }
        }
    }

    /// The widest text of the column as a spreadsheet shows it (a CJK character counts two), over
    /// the header and the first 10,000 rows.
    func width(header: String, rows: RowIndices) -> Int {
        var widest = header.split(separator: "\n").map { EastAsianWidth.width(String($0)) }.max() ?? 0
        let display = code.flatMap(NumberDisplay.parse)
        var seen = 0
        var levelsDone = false
        for r in rows {
            seen += 1
            if seen > 10_000 { break }
            if column.missing[r] { continue }
            let text: String
            switch column.storage {
            case .integer(let v): text = display?.text(Double(v[r])) ?? String(v[r])
            case .decimal(let v): text = display?.text(v[r]) ?? NumberText.shortest(v[r])
            case .category(_, let levels):
                if levelsDone { continue }
                levelsDone = true
                widest = max(widest, levels.map { EastAsianWidth.width($0) }.max() ?? 0)
                continue
            case .date(let v, let p): text = CivilDate.format(v[r], precision: p)
            case .boolean: text = "FALSE"
            case .text: text = column.string(at: r) ?? ""
            }
            widest = max(widest, EastAsianWidth.width(text))
        }
        return widest
    }
}

extension NumberDisplay {
    /// The display an Excel format code written by `excelFormat` stands for.
    static func parse(_ code: String) -> NumberDisplay? {
        switch code {
        case "0": return .plain
        case "#,##0": return .grouped
        default:
            if code.hasSuffix("%") {
                let places = code.split(separator: ".").dropFirst().first.map { $0.count - 1 } ?? 0
                return .percent(places: places)
            }
            if code.hasPrefix("#,##0.") { return .decimal(places: code.count - 6) }
            return nil
        }
    }
}
