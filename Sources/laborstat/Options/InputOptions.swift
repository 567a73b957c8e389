import ArgumentParser
import LaborStat

/// The contract's "Reading input" options, shared by every command that reads data.
struct InputOptions: ParsableArguments {
    @Argument(help: "Input file (.csv, .tsv, .txt, .xlsx); - or none reads standard input.")
    var file: String = "-"

    @Option(help: "auto|utf-8|gb18030|gbk|utf-16. auto: a BOM decides; else valid UTF-8 is UTF-8; else GB18030.")
    var encoding: String = "auto"

    @Option(help: "auto|,|tab|;||. auto sniffs.")
    var delimiter: String = "auto"

    @Flag(help: "The first row is data; columns are then named #1, #2, … (same as --header none).")
    var noHeader = false

    @Option(help: ArgumentHelp("auto|none. auto: the header is found below title rows, unit lines (单位：万元) and blank rows, and header rows spanning a group (欠薪 over 金额, 人数) are joined (欠薪金额), e.g. laborstat inspect Datasets/migrant_workers_by_region_2023_2024.xlsx; none: no header, columns #1, #2, …, e.g. laborstat describe Datasets/national_migrant_workers.csv --header none --skip-rows 1 --columns '#2'", valueName: "mode"))
    var header: String = "auto"

    @Option(help: ArgumentHelp("Rows before the header (title, unit line), instead of finding them, e.g. laborstat inspect Datasets/migrant_workers_by_region_2023_2024.xlsx --skip-rows 2 --header-rows 2", valueName: "N"))
    var skipRows: Int?

    @Option(help: ArgumentHelp("Header rows to join into one name per column (欠薪 over 金额 → 欠薪金额), e.g. laborstat inspect Datasets/migrant_workers_by_region_2023_2024.xlsx --skip-rows 2 --header-rows 2", valueName: "K"))
    var headerRows: Int?

    @Flag(help: "Keep totals (合计, 小计, 全国 …), notes (注：…) and blank rows as data; by default they are left out with a note naming the rows and checking the totals, e.g. laborstat describe Datasets/migrant_workers_by_region_2023_2024.xlsx --keep-totals --columns 按输出地分2024年 --stats n,total")
    var keepTotals = false

    @Option(help: ArgumentHelp("Columns read as text whatever they hold, comma-separated (identifier columns — 编号, 工号, 身份证, 手机, 邮编, leading zeros, resident IDs — are text already), e.g. laborstat inspect Datasets/national_migrant_workers.csv --text '年份,#2'", valueName: "COL,…"))
    var text: String?

    @Option(help: ArgumentHelp("Column types instead of inferred ones: COL=integer|decimal|date|text|category, comma-separated, e.g. laborstat inspect Datasets/arrears_register.csv --types '涉及人数=decimal,省份=text'", valueName: "COL=TYPE,…"))
    var types: String?

    @Option(help: ArgumentHelp("Units of number columns whose cells and header carry none, for a unit line naming several (单位：万元、人) or instead of the line's: COL=UNIT, comma-separated; a scaled unit scales as a cell suffix (万元: ×10000, unit 元), e.g. laborstat inspect Datasets/migrant_workers_by_region_2023_2024.xlsx --column-units '按输入地分2024年=万人'", valueName: "COL=UNIT,…"))
    var columnUnits: String?

    @Option(help: "Extra missing-value tokens, comma-separated (always missing: empty, NA, N/A, NaN, null, -, —, －, 无, 空).")
    var missing: String?

    @Option(help: "XLSX sheet, by name or 1-based number, hidden ones too (default: the sheet Excel opens on, else the first visible one), e.g. --sheet 说明 on Datasets/national_migrant_workers.xlsx.")
    var sheet: String?

    @Option(name: .customLong("where"), help: "Keep rows where EXPR holds, e.g. \"year >= 2015 and province in ['陕西省','四川省']\". Under a survey design: a domain (the design stays whole). At most 500 levels of nesting (not, parentheses, and/or chains).")
    var whereExpression: String?

    /// Read options for the library, reading only `columns` when given.
    func readOptions(columns: [String]? = nil) throws -> ReadOptions {
        var o = ReadOptions()
        guard let enc = ReadOptions.Encoding(rawValue: encoding.lowercased()) else {
            throw ValidationError("--encoding must be one of auto, utf-8, gb18030, gbk, utf-16 (got \(encoding))")
        }
        o.encoding = enc
        switch delimiter {
        case "auto": o.delimiter = nil
        case "tab", "\\t", "\t": o.delimiter = UInt8(ascii: "\t")
        case ",", ";", "|": o.delimiter = delimiter.utf8.first
        default: throw ValidationError("--delimiter must be auto, ',', tab, ';' or '|' (got \(delimiter))")
        }
        switch header.lowercased() {
        case "auto": o.headerMode = noHeader ? .none : .auto
        case "none": o.headerMode = .none
        default: throw ValidationError("--header must be auto or none (got \(header))")
        }
        if let n = skipRows {
            guard n >= 0 else { throw ValidationError("--skip-rows must be 0 or more (got \(n))") }
            o.skipRows = n
        }
        if let k = headerRows {
            guard k >= 0 else { throw ValidationError("--header-rows must be 0 or more (got \(k))") }
            if k == 0 { o.headerMode = .none } else { o.headerRows = k }
        }
        o.keepTotals = keepTotals
        for name in commaList(text) { o.columnTypes[name] = .text }
        for item in commaList(types) {
            guard let eq = item.lastIndex(of: "="), let t = ColumnType(rawValue: item[item.index(after: eq)...].lowercased()),
                  t != .boolean || true else {
                throw ValidationError("--types takes COL=integer|decimal|date|text|category (got \(item))")
            }
            o.columnTypes[String(item[..<eq])] = t
        }
        for item in commaList(columnUnits) {
            guard let eq = item.lastIndex(of: "="), eq != item.startIndex, item.index(after: eq) != item.endIndex else {
                throw ValidationError("--column-units takes COL=UNIT, e.g. 欠薪金额=万元 (got \(item))")
            }
            o.columnUnits[String(item[..<eq])] = String(item[item.index(after: eq)...])
        }
        o.missingTokens = missing.map { $0.split(separator: ",").map(String.init) } ?? []
        o.sheet = sheet
        o.columns = columns
        if Diagnostics.stderrIsTerminal { o.progress = Progress.bar(label: file) }
        return o
    }

    /// Loads the table. `columns` (when known) lets the reader skip the rest; columns named in
    /// `--where` are added to it.
    ///
    /// `groupKeys`: the columns the command groups by; a `COL:province` key gets its column
    /// (`Table.addingProvinceKeys`), a `COL:B1/B2/…` key its bands (`Table.addingBandKeys`), and a plain column that spells a province more than one way
    /// gets a note offering that key.
    func load(columns: [String]? = nil, groupKeys: [String] = []) throws -> Table {
        var needed = columns
        if let expr = whereExpression, needed != nil {
            needed! += try RowFilter.columns(in: expr)
        }
        var table = try TableReader.read(path: file, options: readOptions(columns: needed.map { Array(Set($0)) }))
        InputOptions.noteLayout(table.source)
        InputOptions.printNotes(table)
        let keys = groupKeys + (columns ?? [])
        if keys.contains(where: Table.isProvinceKey) { table = try table.addingProvinceKeys(keys, file: file) }
        if keys.contains(where: Table.isBandKey) { table = try table.addingBandKeys(keys) }
        for key in Set(groupKeys) where KeySpec(key).period == nil && !Table.isProvinceKey(key) {
            let splits = table.provinceSpellingSplits(column: key)
            guard !splits.isEmpty else { continue }
            let shown = splits.prefix(3).map { $0.spellings.joined(separator: ", ") }.joined(separator: "; ")
            Diagnostics.printError("laborstat: note: column \"\(key)\" spells \(splits.count == 1 ? "a province" : "\(splits.count) provinces") more than one way (\(shown)\(splits.count > 3 ? "; …" : "")); group by \(key):province to count them as one")
        }
        return table
    }

    /// Files already noted (a streamed read that falls back to a whole read says it once).
    nonisolated(unsafe) static var noted = Set<String>()

    /// The one note on standard error about what the reader found around the data: the header
    /// below title rows, and the rows it left out with the check of any totals row.
    static func noteLayout(_ source: TableSource?) {
        guard let source, let facts = source.layout, !noted.contains(source.path) else { return }
        noted.insert(source.path)
        for line in LayoutNote.lines(facts) { Diagnostics.printError("laborstat: note: \(line)") }
    }

    /// The reader's notes about the table (error values read as missing …), one line each.
    static func printNotes(_ table: Table) {
        for note in table.notes { Diagnostics.printError("laborstat: note: \(note)") }
    }

    /// Loads the table and applies `--where` as a row selection (not for design-based estimates,
    /// which use `domainMask` instead).
    func loadFiltered(columns: [String]? = nil, groupKeys: [String] = []) throws -> Table {
        let table = try load(columns: columns, groupKeys: groupKeys)
        guard let expr = whereExpression else { return table }
        return table.selecting(physicalRows: try RowFilter(expr).matchingRows(in: table))
    }
}
