import LaborStatTable

/// How to read a file: the contract's "Reading input" options.
public struct ReadOptions: Sendable {
    public enum Encoding: String, Sendable, CaseIterable {
        /// A BOM decides; else valid UTF-8 is UTF-8; else GB18030.
        case auto
        case utf8 = "utf-8"
        case gb18030
        /// Read as GB18030, of which GBK is a subset (plus CP936's 0x80 = €).
        case gbk
        /// UTF-16 with a BOM deciding the byte order (little-endian without one).
        case utf16 = "utf-16"
    }

    public var encoding: Encoding = .auto
    /// Field delimiter byte; nil sniffs (`,`, tab, `;`, `|`).
    public var delimiter: UInt8? = nil
    /// Where the header is.
    public enum HeaderMode: String, Sendable, CaseIterable {
        /// Found below title rows, unit lines and blank rows; header rows spanning a group
        /// (`欠薪` over `金额`, `人数`) are joined (`TableLayout`).
        case auto
        /// No header: columns are named `#1`, `#2`, …
        case none
    }
    public var headerMode: HeaderMode = .auto
    /// Whether there is a header (`headerMode` is not `.none`).
    public var header: Bool {
        get { headerMode != .none }
        set { headerMode = newValue ? .auto : .none }
    }
    /// Rows before the header (or before the data without a header), counted as records; nil finds
    /// them (title rows, unit lines, blank rows).
    public var skipRows: Int? = nil
    /// How many header rows to join into one name per column; nil finds them.
    public var headerRows: Int? = nil
    /// Keep totals, subtotals, notes and blank rows as data instead of leaving them out.
    public var keepTotals: Bool = false
    /// Units of columns (keys: header names or `#N`), for a unit line that names several units, or
    /// to override one: `["欠薪人数": "人"]`. A scaled unit (`万元`) scales the column as a `万元` cell.
    public var columnUnits: [String: String] = [:]
    /// Extra missing-value tokens, besides the built-in ones (empty, NA, N/A, NaN, null, -, —, －, 无, 空).
    public var missingTokens: [String] = []
    /// XLSX sheet: a name or a 1-based number; nil is the first sheet.
    public var sheet: String? = nil
    /// Read only these columns (header names or `#N`); nil reads all. Lets a command skip work.
    /// A name ending in a period key (`opened:year`) reads its column (`opened`).
    public var columns: [String]? = nil
    /// Force a column's type instead of inferring it (keys: header names or `#N`). Cells that do
    /// not read as the forced type become problem cells.
    public var columnTypes: [String: ColumnType] = [:]
    /// Keep every cell as written: all columns are text, nothing is trimmed, and only empty cells
    /// are missing (`convert --keep-text`).
    public var keepText: Bool = false
    /// Called with (bytes done, bytes total) while loading, at most a few times a second; the CLI
    /// passes a progress bar only when standard error is a terminal.
    public var progress: (@Sendable (Int, Int) -> Void)? = nil

    public init() {}
}
