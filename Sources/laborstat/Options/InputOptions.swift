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

    @Flag(help: "The first row is data; columns are then named #1, #2, …")
    var noHeader = false

    @Option(help: "Extra missing-value tokens, comma-separated (always missing: empty, NA, N/A, NaN, null, -, —, －, 无, 空).")
    var missing: String?

    @Option(help: "XLSX sheet, by name or 1-based number (default: the first).")
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
        o.header = !noHeader
        o.missingTokens = missing.map { $0.split(separator: ",").map(String.init) } ?? []
        o.sheet = sheet
        o.columns = columns
        if Diagnostics.stderrIsTerminal { o.progress = Progress.bar(label: file) }
        return o
    }

    /// Loads the table. `columns` (when known) lets the reader skip the rest; columns named in
    /// `--where` are added to it.
    func load(columns: [String]? = nil) throws -> Table {
        var needed = columns
        if let expr = whereExpression, needed != nil {
            needed! += try RowFilter.columns(in: expr)
        }
        return try TableReader.read(path: file, options: readOptions(columns: needed.map { Array(Set($0)) }))
    }

    /// Loads the table and applies `--where` as a row selection (not for design-based estimates,
    /// which use `domainMask` instead).
    func loadFiltered(columns: [String]? = nil) throws -> Table {
        let table = try load(columns: columns)
        guard let expr = whereExpression else { return table }
        return table.selecting(physicalRows: try RowFilter(expr).matchingRows(in: table))
    }
}
