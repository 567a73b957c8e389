import LaborStatTable

/// Errors of trend analysis: a time key that is not a period, an aggregation that cannot be done.
public enum TrendError: LaborStatError {
    /// A table-level problem (unknown column, bad cell) met while reading the inputs.
    case table(TableError)
    /// The time key does not give years, quarters or months.
    case badTime(String, String)
    /// A value column or aggregation that cannot be used.
    case badValue(String)
    /// A `--base` period that is not in the series or cannot be read.
    case badBase(String)

    public var kind: FailureKind {
        switch self {
        case .table(let e): e.kind
        case .badTime, .badValue, .badBase: .usage
        }
    }

    public var description: String {
        switch self {
        case .table(let e): e.description
        case .badTime(let key, let reason): "cannot use \"\(key)\" as the time: \(reason)"
        case .badValue(let s): s
        case .badBase(let s): s
        }
    }
}
