import LaborStatTable

/// How to write a result table: the contract's "Writing output" options.
public struct WriteOptions: Sendable {
    public enum Format: String, Sendable, CaseIterable { case csv, tsv, markdown, json, xlsx }
    public enum Encoding: String, Sendable, CaseIterable { case utf8 = "utf-8", gb18030 }

    public var format: Format = .csv
    /// Start UTF-8 output with a BOM (Excel on Windows then reads Chinese correctly). Not written
    /// for GB18030 output, which has no BOM in practice.
    public var bom: Bool = false
    /// CRLF line ends (`--excel`); LF otherwise.
    public var crlf: Bool = false
    /// Prefix text cells that a spreadsheet would run as a formula with `'` (on with `--excel` or
    /// `--guard`). Off by default: data must not change through a pipe (`convert a.csv | convert -`
    /// keeps `=SUM(A1:A9)` as it is). Applies to CSV and TSV, the formats a spreadsheet opens; JSON
    /// and Markdown keep text as is, and XLSX needs none (its text cells are strings, never formulas).
    public var formulaGuard: Bool = false
    public var encoding: Encoding = .utf8
    /// Significant digits for decimals; nil writes the shortest text that reads back as the same double.
    public var digits: Int? = nil
    /// Column name → exactly that many decimals (money sums: 2). Takes precedence over `digits`.
    public var fixedDecimals: [String: Int] = [:]
    /// Decimals as the full shortest round-trip text (JSON; `--digits 17`); otherwise CSV, TSV and
    /// Markdown write at most 15 significant digits.
    public var fullPrecision: Bool = false
    /// Exactly this many decimals for every decimal column (`--decimals`); `fixedDecimals` wins per column.
    public var decimals: Int? = nil
    /// Columns shown as percentages in Markdown and XLSX (`--percent`); CSV and JSON keep fractions.
    public var percentColumns: Set<String> = []
    /// Also show `share`, `pct_change`, `yoy_pct`, `cagr` and `*_rate` columns as percentages
    /// (on with Chinese labels, where readers expect 59.3% rather than 0.593).
    public var percentShares: Bool = false
    /// XLSX: the sheet's name (default: `Sheet1`, or the name the command gives).
    public var sheetName: String? = nil
    /// XLSX: the sheet's name when `sheetName` is nil (made unique in an appended workbook); nil:
    /// `Sheet1`, `Sheet2`, … after the workbook's sheets.
    public var defaultSheetName: String? = nil
    /// XLSX: an existing LaborStat workbook whose sheets are kept before the new one.
    public var appendTo: String? = nil
    /// XLSX: how many leading columns are keys (frozen beside the header); nil: the leading text,
    /// category and date columns.
    public var keyColumns: Int? = nil
    /// Facts the output depends on (quantile rule, weighting, CI method), written into JSON output:
    /// when non-empty, JSON is `{"meta": {…}, "rows": […]}` instead of a bare array.
    public var metadata: [(String, String)] = []

    public init() {}

    /// Whether `column` is shown as a percentage in Markdown and XLSX.
    public func isPercent(_ column: String) -> Bool {
        if percentColumns.contains(column) { return true }
        guard percentShares else { return false }
        let n = column.lowercased()
        return ["share", "pct_change", "yoy_pct", "cagr", "rate", "recovery_rate"].contains(n) || n.hasSuffix("_share") || n.hasSuffix("_rate") || n.hasSuffix("_pct")
    }

    /// The `--excel` preset: BOM, CRLF, formula guard.
    public static var excel: WriteOptions {
        var o = WriteOptions()
        o.bom = true
        o.crlf = true
        o.formulaGuard = true
        return o
    }
}
