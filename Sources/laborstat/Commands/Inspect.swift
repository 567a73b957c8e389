import ArgumentParser
import Foundation
import LaborStat

extension LaborStatCommand {}

struct Inspect: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Schema and quality of a file: every column's type, unit, missing and distinct values.",
        discussion: """
        Output: one row per input column with column, type, unit, non_missing, missing, distinct, \
        min, max, example. With --format json the file's facts (encoding, delimiter, rows, columns, \
        problems) come first.

        Types come from all of a column's cells: integer, decimal, date (date/month, date/quarter, \
        date/year when coarser than a day), boolean (true/false, 是/否, yes/no), category (repeated \
        text: at most one distinct value per two cells and at most 65536), text. A column is numeric \
        when numbers are at least half of its non-missing cells and plain words at most 5%; likewise \
        dates and booleans. Cells of a typed column that do not read as its type — approximate \
        amounts (十多万, 2万多), malformed numbers (1.2.3), impossible dates (2023-02-30), stray \
        words (未知) — are problem cells: they count as missing here, and each is listed on \
        standard error as FILE:LINE:COLUMN: … (the exit status stays 0). Other commands stop with \
        that message when they need such a column.

        Tables laid out as offices lay them out are found in the file: title rows, a unit line \
        (单位：万元、人, applied to the columns: amounts scaled as a 万元 cell), header rows joined \
        (欠薪 over 金额 → 欠薪金额), a table starting at B3; totals (合计, 小计, 全国 …), notes (注：…) and \
        blank rows are left out with one note on standard error that names them and checks each \
        totals row against the rows it totals (--keep-totals keeps them). With --format json the \
        facts say header_rows, above_header, unit_line, left_out and totals_check. When the header \
        cannot be told, the command stops with exit 65 naming the rows and --skip-rows, \
        --header-rows, --header none. Identifier columns (编号, 工号, 身份证号, 手机, 邮编, leading \
        zeros, resident IDs with a valid check character) stay text.

        Examples:
          laborstat inspect Datasets/arrears_register.csv
          laborstat inspect Datasets/national_migrant_workers.gb18030.csv --encoding gb18030 --format markdown
          laborstat inspect Datasets/survey_sample.csv --format json -o schema.json
          laborstat inspect Datasets/arrears_register.csv --columns 省份,欠薪金额（元）
          laborstat inspect Datasets/migrant_workers_by_region_2023_2024.xlsx --format json
          laborstat inspect Datasets/national_migrant_workers.xlsx --sheets

        With --sheets (an .xlsx workbook, also on standard input): one row per sheet with sheet \
        (the number --sheet takes), name, visibility (visible, hidden, veryHidden), active (the \
        sheet Excel opens on, which is read when --sheet is not given), kind and used_range.
        """
    )

    @OptionGroup var input: InputOptions
    @OptionGroup var output: OutputOptions

    @Option(help: "Inspect only these columns, comma-separated (the others are not read at all).")
    var columns: String?

    @Flag(help: "List the sheets of an .xlsx workbook (number, name, visibility, active, used range) instead of columns, e.g. laborstat inspect Datasets/national_migrant_workers.xlsx --sheets.")
    var sheets = false

    func run() throws {
        if sheets {
            let list = try SheetListing.sheets(of: input.file)
            try output.emit(XLSXSheetInfo.table(list), metadata: [("file", input.file), ("sheets", String(list.count))])
            return
        }
        let table = try input.load(columns: columns.map { commaList($0) })
        let profiles = table.columns.map { ColumnProfile($0) }
        let problems = profiles.reduce(0) { $0 + $1.problemCount }
        for column in table.columns {
            for p in column.problems { Diagnostics.printError("laborstat: \(p.location): \(p.message)") }
            let more = column.problemCount - column.problems.count
            if more > 0 { Diagnostics.printError("laborstat: … and \(more) more problem cells in column \"\(column.name)\"") }
        }
        if problems > 0 {
            Diagnostics.printError("laborstat: \(problems) problem cell\(problems == 1 ? "" : "s") (counted as missing above); correct them, or add their tokens to --missing")
        }
        var facts: [(String, String)] = [("file", input.file)]
        if let s = table.source {
            facts.append(("format", s.format))
            if let e = s.encoding { facts.append(("encoding", e)) }
            if let d = s.delimiter { facts.append(("delimiter", d)) }
            if let sheet = s.sheet { facts.append(("sheet", sheet)) }
            facts.append(("bom", s.hadBOM ? "true" : "false"))
            if let l = s.layout {
                facts.append(("header_rows", l.headerRows.map(String.init).joined(separator: ",")))
                if !l.skipped.isEmpty {
                    facts.append(("above_header", l.skipped.map { "\($0.row) (\($0.kind.rawValue): \($0.text))" }.joined(separator: "; ")))
                }
                if let u = l.unitLine { facts.append(("unit_line", u)) }
                facts.append(("left_out", l.leftOut.map { "\($0.row) (\($0.kind.rawValue)\($0.label.isEmpty ? "" : ": " + $0.label))" }.joined(separator: "; ")))
                facts.append(("totals_check", l.totals.map { "\($0.row) \($0.column): sum \(NumberText.shortest($0.sum)), stated \(NumberText.shortest($0.stated)), \($0.addsUp ? "adds up" : "does not add up")" }.joined(separator: "; ")))
            }
        }
        facts.append(("rows", String(table.rowCount)))
        facts.append(("columns", String(table.columns.count)))
        facts.append(("problems", String(problems)))
        try output.emit(ColumnProfile.table(profiles), metadata: facts)
    }
}

/// The sheets of the workbook named on the command line (a path, or `-` for standard input).
enum SheetListing {
    static func sheets(of file: String) throws -> [XLSXSheetInfo] {
        if file != "-" && file.lowercased().hasSuffix(".xlsx") { return try XLSXReader.sheets(path: file, usedRanges: true) }
        let bytes = file == "-" ? [UInt8](FileHandle.standardInput.readDataToEndOfFile())
                                : [UInt8](try Data(contentsOf: URL(fileURLWithPath: file)))
        guard bytes.withUnsafeBytes({ XLSXReader.looksLikeWorkbook($0) }) else {
            throw ValidationError("--sheets lists the sheets of an .xlsx workbook; \(file == "-" ? "standard input" : file) is not one")
        }
        return try XLSXReader.sheets(bytes: bytes, name: file == "-" ? "<stdin>" : file, usedRanges: true)
    }
}
