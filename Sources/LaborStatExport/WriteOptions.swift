import LaborStatTable

/// How to write a result table: the contract's "Writing output" options.
public struct WriteOptions: Sendable {
    public enum Format: String, Sendable, CaseIterable { case csv, tsv, markdown, json }
    public enum Encoding: String, Sendable, CaseIterable { case utf8 = "utf-8", gb18030 }

    public var format: Format = .csv
    /// Start UTF-8 output with a BOM (Excel on Windows then reads Chinese correctly).
    public var bom: Bool = false
    /// CRLF line ends (`--excel`); LF otherwise.
    public var crlf: Bool = false
    /// Prefix text cells that a spreadsheet would run as a formula with `'` (`--raw` turns it off).
    public var formulaGuard: Bool = true
    public var encoding: Encoding = .utf8
    /// Significant digits for decimals; nil writes the shortest text that reads back as the same double.
    public var digits: Int? = nil
    /// Facts the output depends on (quantile rule, weighting, CI method), written into JSON output.
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
