import LaborStatTable

/// One sheet of a workbook: a table, how its numbers are shown, and an optional 统计表 layout
/// (a title line and a unit line above the header, note and source lines below the data).
///
/// ```swift
/// var sheet = try WorkbookSheet(name: "收入", table: result, options: options)
/// sheet.layout = XLSXLayout(title: "表3 分地区农民工月均收入", unit: "单位：元", notes: ["资料来源：监测调查"])
/// var book = XLSXWorkbook()
/// try book.add(sheet)
/// try book.write(to: "report.xlsx")
/// ```
public struct WorkbookSheet: Sendable {
    public let name: String
    public var table: Table
    /// Excel number format per column (nil: text, boolean, or a date format chosen from the precision).
    public var formats: [String?]
    /// How many leading columns stay frozen beside the header.
    public var keyColumns: Int
    public var layout: XLSXLayout
    /// Cells of the table that link to other sheets of the workbook (a contents sheet).
    public var links: [WorkbookLink] = []

    /// A sheet for `table`, its number formats from `options` (`--decimals`, `--digits`,
    /// `--percent`, a command's fixed decimals).
    public init(name: String, table: Table, options: WriteOptions = WriteOptions(), layout: XLSXLayout = XLSXLayout()) throws(ExportError) {
        try WorkbookSheet.validate(name: name)
        self.name = name
        self.table = table.materialized()
        self.formats = self.table.columns.map { NumberDisplay.of($0, options: options)?.excelFormat }
        self.layout = layout
        if let k = options.keyColumns {
            keyColumns = min(max(0, k), max(0, self.table.columns.count - 1))
        } else {
            var k = 0
            for c in self.table.columns {
                guard c.type == .text || c.type == .category || c.type == .date else { break }
                k += 1
            }
            keyColumns = min(k, 3, max(0, self.table.columns.count - 1))
        }
    }

    /// A sheet with explicit formats (an existing workbook's sheet, kept as it was).
    init(name: String, table: Table, formats: [String?], keyColumns: Int, layout: XLSXLayout, links: [WorkbookLink] = []) {
        self.name = name
        self.table = table
        self.formats = formats
        self.keyColumns = keyColumns
        self.layout = layout
        self.links = links
    }

    /// Excel's rules for sheet names: 1–31 characters, none of `[ ] : * ? / \`, not starting or
    /// ending with `'`, and not `History` (reserved).
    public static func validate(name: String) throws(ExportError) {
        let count = name.count
        if count == 0 { throw .invalidRequest("a sheet name cannot be empty (give --sheet-name NAME)") }
        if count > 31 {
            throw .invalidRequest("the sheet name \"\(name)\" has \(count) characters; Excel allows at most 31 (give a shorter --sheet-name)")
        }
        if let bad = name.first(where: { "[]:*?/\\".contains($0) }) {
            throw .invalidRequest("the sheet name \"\(name)\" contains \"\(bad)\"; Excel does not allow any of [ ] : * ? / \\ (give another --sheet-name)")
        }
        if name.hasPrefix("'") || name.hasSuffix("'") {
            throw .invalidRequest("the sheet name \"\(name)\" starts or ends with an apostrophe, which Excel does not allow")
        }
        if name.lowercased() == "history" { throw .invalidRequest("\"History\" is a sheet name Excel reserves; give another --sheet-name") }
        if name.unicodeScalars.contains(where: { $0.value < 0x20 }) {
            throw .invalidRequest("the sheet name \"\(name)\" contains a control character")
        }
    }

    /// `base` made valid (forbidden characters replaced, cut to 31 characters) and unique among
    /// `taken` (case-insensitive, as Excel compares): `汇总`, `汇总 (2)`, …
    public static func uniqueName(_ base: String, taken: [String]) -> String {
        var clean = String(base.map { "[]:*?/\\".contains($0) || $0.isNewline ? "_" : $0 })
        while clean.hasPrefix("'") { clean.removeFirst() }
        while clean.hasSuffix("'") { clean.removeLast() }
        if clean.isEmpty || clean.lowercased() == "history" { clean = "Sheet" }
        let lowered = Set(taken.map { $0.lowercased() })
        var candidate = String(clean.prefix(31))
        var n = 2
        while lowered.contains(candidate.lowercased()) {
            let suffix = " (\(n))"
            candidate = String(clean.prefix(31 - suffix.count)) + suffix
            n += 1
        }
        return candidate
    }
}

/// The 统计表 layout around a sheet's table: a title and a unit line above the header, notes
/// (definitions, 资料来源) below the data. All empty: the header is row 1.
public struct XLSXLayout: Sendable, Codable, Equatable {
    public var title: String?
    public var unit: String?
    public var notes: [String]

    public init(title: String? = nil, unit: String? = nil, notes: [String] = []) {
        self.title = title
        self.unit = unit
        self.notes = notes
    }

    /// The 0-based row of the header.
    var headerRow: Int { (title == nil ? 0 : 1) + (unit == nil ? 0 : 1) }
}
