import LaborStatTable

/// Why a descriptive statistic, distribution or aggregate could not be computed.
public enum DescriptiveError: LaborStatError, Equatable {
    /// A statistic name that `describe --stats` does not know (`kind` 64).
    case unknownStatistic(String, known: [String])
    /// An impossible request: a probability outside [0, 1], a bad bin count, a log scale over values ≤ 0.
    case invalidArgument(String, hint: String? = nil)
    /// A weight that is negative, infinite or missing where weights are required (`kind` 65).
    case badWeight(column: String, row: Int, value: String)

    public var kind: FailureKind {
        switch self {
        case .unknownStatistic, .invalidArgument: .usage
        case .badWeight: .badData
        }
    }

    public var description: String {
        switch self {
        case .unknownStatistic(let s, let known):
            "unknown statistic \"\(s)\"; known: \(known.joined(separator: ", ")), or pX for any quantile (p2.5, p50, p99)"
        case .invalidArgument(let s, let hint):
            hint.map { "\(s)\nhint: \($0)" } ?? s
        case .badWeight(let c, let row, let v):
            "weight column \"\(c)\", data row \(row + 1): weight \(v) is not a finite number ≥ 0\nhint: drop such rows with --where \"\(c) >= 0\""
        }
    }
}
