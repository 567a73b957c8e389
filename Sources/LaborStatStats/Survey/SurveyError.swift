import LaborStatTable

/// Errors of design-based estimation: a design that cannot be built from the data, or a request the
/// design cannot answer. Each names the column, stratum or cluster at fault.
public enum SurveyError: LaborStatError, Equatable {
    /// A design or analysis option that makes no sense (wrong number of `--fpc` values, a mask of the
    /// wrong length, a table with fewer than two levels): exit 64.
    case usage(String)
    /// Data that cannot define a design (missing or non-positive weight, PSUs not nested in strata, a
    /// lonely PSU under `--lonely-psu fail`, fpc below the sample size): exit 65.
    case badData(String, hint: String?)

    public var kind: FailureKind {
        switch self {
        case .usage: .usage
        case .badData: .badData
        }
    }

    public var description: String {
        switch self {
        case .usage(let s): return s
        case .badData(let s, let hint):
            guard let hint else { return s }
            return s + "\nhint: " + hint
        }
    }
}
