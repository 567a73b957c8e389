/// Why a chart cannot be drawn from the data given.
public enum ChartError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Nothing to draw (no rows, or every value missing).
    case noData(String)
    /// A log axis over a value ≤ 0.
    case nonPositiveOnLogScale(Double)
    /// A value that is NaN or infinite where a number is needed.
    case notFinite(String)
    /// Two rows for the same place in the chart (the data need aggregating first).
    case duplicate(String)
    /// Arrays of different lengths, a size too small, an option that does not fit the kind.
    case invalid(String)

    public var description: String {
        switch self {
        case .noData(let s): return "nothing to draw: \(s)"
        case .nonPositiveOnLogScale(let v):
            return "a log scale needs values > 0, but the data hold \(NumberFormat.label(v, units: .plain).replacingMinus)\nhint: drop --log-y, or filter the rows with --where"
        case .notFinite(let s): return "not a finite number: \(s)"
        case .duplicate(let s): return "\(s)\nhint: aggregate first (laborstat aggregate), or pick the rows with --where"
        case .invalid(let s): return s
        }
    }
}

extension String {
    /// The ASCII hyphen-minus in place of U+2212 (for terminal messages).
    var replacingMinus: String { String(unicodeScalars.map { $0 == "\u{2212}" ? "-" : Character($0) }) }
}
