import ArgumentParser
import LaborStat

/// The contract's "Writing output" options, shared by every command that writes a table.
struct OutputOptions: ParsableArguments {
    @Option(help: "csv|tsv|markdown|json (json: an array of objects, missing as null, with the rules used).")
    var format: String = "csv"

    @Option(name: [.short, .long], help: "Output file (written to a temporary name, renamed when complete); default standard output.")
    var output: String?

    @Flag(help: "Start UTF-8 output with a BOM (Excel on Windows then reads Chinese correctly).")
    var bom = false

    @Flag(help: "Preset for spreadsheets: --bom, CRLF line ends, formula guard on.")
    var excel = false

    @Option(help: "utf-8|gb18030")
    var outputEncoding: String = "utf-8"

    @Option(help: "Significant digits for decimals (default: the shortest text that reads back as the same number).")
    var digits: Int?

    @Flag(help: "Do not prefix text cells starting with = + - @ (or ＝＋－＠, tab, CR) with ' (the formula guard).")
    var raw = false

    func writeOptions(metadata: [(String, String)] = [], fixedDecimals: [String: Int] = [:]) throws -> WriteOptions {
        var o = excel ? WriteOptions.excel : WriteOptions()
        guard let f = WriteOptions.Format(rawValue: format.lowercased()) else {
            throw ValidationError("--format must be csv, tsv, markdown or json (got \(format))")
        }
        o.format = f
        guard let e = WriteOptions.Encoding(rawValue: outputEncoding.lowercased()) else {
            throw ValidationError("--output-encoding must be utf-8 or gb18030 (got \(outputEncoding))")
        }
        o.encoding = e
        if bom { o.bom = true }
        if raw { o.formulaGuard = false }
        if let d = digits {
            guard (1...17).contains(d) else { throw ValidationError("--digits must be between 1 and 17") }
            o.digits = d
        }
        o.metadata = metadata
        o.fixedDecimals = fixedDecimals
        return o
    }

    /// Writes the result table where the user asked. `fixedDecimals` gives columns an exact number
    /// of decimals (money sums: 2), overriding `--digits` for them.
    func emit(_ table: Table, metadata: [(String, String)] = [], fixedDecimals: [String: Int] = [:]) throws {
        try TableWriter.write(table, to: output, options: writeOptions(metadata: metadata, fixedDecimals: fixedDecimals))
    }
}
