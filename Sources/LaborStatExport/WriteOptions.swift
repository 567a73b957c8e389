import LaborStatTable

/// How to write a result table: the contract's "Writing output" options.
public struct WriteOptions: Sendable {
    public enum Format: String, Sendable, CaseIterable { case csv, tsv, markdown, json }
    public enum Encoding: String, Sendable, CaseIterable { case utf8 = "utf-8", gb18030 }

    public var format: Format = .csv
    /// Start UTF-8 output with a BOM (Excel on Windows then reads Chinese correctly). Not written
    /// for GB18030 output, which has no BOM in practice.
    public var bom: Bool = false
    /// CRLF line ends (`--excel`); LF otherwise.
    public var crlf: Bool = false
    /// Prefix text cells that a spreadsheet would run as a formula with `'` (`--raw` turns it off).
    /// Applies to CSV and TSV, the formats a spreadsheet opens; JSON and Markdown keep text as is.
    public var formulaGuard: Bool = true
    public var encoding: Encoding = .utf8
    /// Significant digits for decimals; nil writes the shortest text that reads back as the same double.
    public var digits: Int? = nil
    /// Column name → exactly that many decimals (money sums: 2). Takes precedence over `digits`.
    public var fixedDecimals: [String: Int] = [:]
    /// Facts the output depends on (quantile rule, weighting, CI method), written into JSON output:
    /// when non-empty, JSON is `{"meta": {…}, "rows": […]}` instead of a bare array.
    public var metadata: [(String, String)] = []

    public init() {}

    /// The `--excel` preset: BOM, CRLF, formula guard.
    public static var excel: WriteOptions {
        var o = WriteOptions()
        o.bom = true
        o.crlf = true
        o.formulaGuard = true
        return o
    }
}
