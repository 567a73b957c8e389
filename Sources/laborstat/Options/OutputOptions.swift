import ArgumentParser
import LaborStat
#if canImport(Glibc)
import Glibc
#endif

/// The contract's "Writing output" options, shared by every command that writes a table.
struct OutputOptions: ParsableArguments {
    @Option(help: "csv|tsv|markdown|json|xlsx (json: an array of objects, missing as null, with the rules used; xlsx: an Excel workbook, numbers with formats). Default: from the -o extension (.csv .tsv .md .json .xlsx), else csv.")
    var format: String?

    @Option(name: [.short, .long], help: "Output file (written to a temporary name, renamed when complete); default standard output. Its extension chooses the format (e.g. -o table.xlsx); an extension no writer honours (.xls, .ods, .png) is an error.")
    var output: String?

    @Option(help: ArgumentHelp("xlsx: the sheet's name (at most 31 characters, none of [ ] : * ? / \\), e.g. --sheet-name 分省汇总.", valueName: "name"))
    var sheetName: String?

    @Option(help: ArgumentHelp("xlsx: add the table as a new sheet to this LaborStat workbook (created when missing; its sheets are re-read and the whole workbook written again). Written back to FILE unless -o is given.", valueName: "file"))
    var append: String?

    @Flag(help: "Start UTF-8 output with a BOM (Excel on Windows then reads Chinese correctly).")
    var bom = false

    @Flag(help: "Preset for a CSV that Excel opens: --bom, CRLF line ends, --guard.")
    var excel = false

    @Flag(name: .customLong("guard"), help: "Formula guard: prefix text cells starting with = + - @ (or ＝＋－＠, tab, CR) with ' so a spreadsheet shows them as text (on with --excel; off by default so data never changes through a pipe; xlsx needs none).")
    var formulaGuard = false

    @Option(help: "utf-8|gb18030")
    var outputEncoding: String = "utf-8"

    @Option(help: "Significant digits for decimals (default: the shortest text that reads back as the same number).")
    var digits: Int?

    @Flag(help: "No formula guard, even with --excel.")
    var raw = false

    @Option(help: ArgumentHelp("Exactly N decimals for decimal columns (money: --decimals 2 keeps the fen), in every format; xlsx shows them with thousands separators. Beside --digits (significant digits). A percent column's N places count in percent (59.33%), so its CSV fraction keeps N + 2 (0.5933).", valueName: "N"))
    var decimals: Int?

    @Option(help: ArgumentHelp("Rename output columns: OLD=NEW,… (e.g. --rename count=cases).", valueName: "old=new,…"))
    var rename: String?

    @Option(help: ArgumentHelp("en|zh. zh: Chinese column names (均值, 标准误, 95%置信区间下限, 中位数, 份额, 趋势斜率（OLS）…; the data's own names stay), shares and rates shown as percentages in Markdown/xlsx. Default: the environment variable LABORSTAT_LABELS, else en.", valueName: "lang"))
    var labels: String?

    @Option(help: ArgumentHelp("Markdown and xlsx: show these columns as percentages (0.5933 → 59.3%); CSV and JSON keep fractions. E.g. --percent share.", valueName: "col,…"))
    var percent: String?

    /// The format: `--format`, else the extension of `-o` / `--append`, else CSV. An extension that
    /// names another format than `--format`, or a format no writer here makes, is a usage error:
    /// never silently a different format than the name says.
    func resolvedFormat() throws -> WriteOptions.Format {
        var given: WriteOptions.Format? = nil
        if let format {
            guard let f = WriteOptions.Format(rawValue: format.lowercased()) ?? (format.lowercased() == "md" ? .markdown : nil) else {
                throw ValidationError("--format must be csv, tsv, markdown, json or xlsx (got \(format))")
            }
            given = f
        }
        if let append {
            guard append.lowercased().hasSuffix(".xlsx") else { throw ValidationError("--append takes an .xlsx workbook (got \(append))") }
            if let given, given != .xlsx { throw ValidationError("--append adds a sheet to a workbook: it needs --format xlsx (got --format \(format!))") }
            given = .xlsx
        }
        if let path = output, path != "-", let byName = try OutputOptions.format(ofPath: path) {
            if let given, given != byName {
                throw ValidationError("-o \(path) names a .\(OutputOptions.ext(path)) file but the format is \(given.rawValue); make them agree (e.g. -o \(OutputOptions.stem(path)).\(given == .markdown ? "md" : given.rawValue))")
            }
            return byName
        }
        return given ?? .csv
    }

    /// The format a file name's extension asks for; nil for names without a telling extension
    /// (`out`, `table.txt`); an error for extensions of formats LaborStat does not write.
    static func format(ofPath path: String) throws -> WriteOptions.Format? {
        switch ext(path) {
        case "csv": return .csv
        case "tsv", "tab": return .tsv
        case "md", "markdown": return .markdown
        case "json": return .json
        case "xlsx": return .xlsx
        case "xls", "xlsm", "xlsb", "et", "ods", "numbers":
            throw ValidationError("cannot write .\(ext(path)) files; LaborStat writes .xlsx workbooks (-o \(stem(path)).xlsx)")
        case "svg", "png", "pdf", "jpg", "jpeg", "html", "htm", "docx", "parquet", "feather", "gz", "zip", "txt.gz":
            throw ValidationError("a table cannot be written as .\(ext(path)); use .csv, .tsv, .md, .json or .xlsx (charts: laborstat chart or --svg)")
        default: return nil
        }
    }

    static func ext(_ path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "" }
        return name[name.index(after: dot)...].lowercased()
    }

    static func stem(_ path: String) -> String {
        let e = ext(path)
        return e.isEmpty ? path : String(path.dropLast(e.count + 1))
    }

    func writeOptions(metadata: [(String, String)] = [], fixedDecimals: [String: Int] = [:]) throws -> WriteOptions {
        var o = excel ? WriteOptions.excel : WriteOptions()
        let f = try resolvedFormat()
        o.format = f
        if f == .xlsx {
            if output == nil && append == nil && isatty(1) != 0 {
                throw ValidationError("an .xlsx workbook is binary: give -o FILE.xlsx (or redirect standard output)")
            }
            if let sheetName { try WorkbookSheet.validate(name: sheetName) }
            o.sheetName = sheetName
            o.appendTo = append
            o.formulaGuard = false   // cells are typed strings in a workbook: nothing runs as a formula
        } else if sheetName != nil {
            throw ValidationError("--sheet-name is for xlsx output (-o FILE.xlsx)")
        }
        guard let e = WriteOptions.Encoding(rawValue: outputEncoding.lowercased()) else {
            throw ValidationError("--output-encoding must be utf-8 or gb18030 (got \(outputEncoding))")
        }
        o.encoding = e
        if bom { o.bom = true }
        if formulaGuard { o.formulaGuard = true }
        if raw { o.formulaGuard = false }
        if let d = decimals {
            guard (0...15).contains(d) else { throw ValidationError("--decimals must be between 0 and 15") }
            o.decimals = d
        }
        if let percent { o.percentColumns = Set(percent.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }) }
        if let d = digits {
            guard (1...17).contains(d) else { throw ValidationError("--digits must be between 1 and 17") }
            if decimals != nil { throw ValidationError("give --digits (significant) or --decimals (places), not both") }
            o.digits = d
        }
        o.metadata = metadata
        o.fixedDecimals = fixedDecimals
        return o
    }

    /// `--percent` names output columns: an unknown one is a usage error listing the columns.
    func checkColumns(of table: Table) throws {
        guard let percent else { return }
        for name in percent.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !table.columnNames.contains(name) {
            throw ValidationError("--percent: no output column \"\(name)\"; the columns are: \(table.columnNames.joined(separator: ", "))")
        }
    }

    /// Writes the result table where the user asked. `fixedDecimals` gives columns an exact number
    /// of decimals (money sums: 2), overriding `--digits` for them.
    func emit(_ table: Table, metadata: [(String, String)] = [], fixedDecimals: [String: Int] = [:]) throws {
        var decimals = fixedDecimals
        let renamed = try ResultNames.apply(try ResultNames.renames(rename), to: table, decimals: &decimals)
        try checkColumns(of: renamed)
        var options = try writeOptions(metadata: metadata, fixedDecimals: decimals)
        let labelled = try relabel(renamed, options: &options)
        if ResultCapture.take(labelled, options: options) { return }
        try TableWriter.write(labelled, to: output, options: options)
    }

    /// The label language: `--labels`, else `LABORSTAT_LABELS`, else English.
    func labelLanguage() throws -> ColumnLabels.Language {
        let env = getenv("LABORSTAT_LABELS").map { String(cString: $0) }
        guard let text = labels ?? env, !text.isEmpty else { return .en }
        guard let l = ColumnLabels.Language(rawValue: text.lowercased()) else {
            throw ValidationError("\(labels != nil ? "--labels" : "LABORSTAT_LABELS") must be en or zh (got \(text))")
        }
        return l
    }

    /// Under `--labels zh`: Chinese column names, with fixed decimals and `--percent` following the
    /// new names, and shares and rates shown as percentages.
    func relabel(_ table: Table, options: inout WriteOptions) throws -> Table {
        let language = try labelLanguage()
        guard language == .zh else { return table }
        let (labelled, mapping) = ColumnLabels.relabel(table, language)
        var percent = Set(options.percentColumns.map { mapping[$0] ?? $0 })
        for c in table.columnNames where ColumnLabels.isShare(c) { percent.insert(mapping[c] ?? c) }
        options.percentColumns = percent
        var decimals: [String: Int] = [:]
        for (k, v) in options.fixedDecimals { decimals[mapping[k] ?? k] = v }
        options.fixedDecimals = decimals
        return labelled
    }
}
