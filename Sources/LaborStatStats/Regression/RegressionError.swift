import LaborStatTable

/// Errors of model fitting: a model that cannot be estimated is reported, never patched quietly.
public enum RegressionError: LaborStatError {
    case table(TableError)
    /// A flag combination or term that makes no model (`--poly x:0`, a single-level factor).
    case badSpec(String)
    /// Fewer complete rows than terms.
    case tooFewRows(rows: Int, terms: Int)
    /// X has rank below its column count: each dependent term with the terms it is a combination of.
    case rankDeficient(rank: Int, terms: Int, collinear: [(term: String, with: [String])])
    /// LAPACK reported a failure.
    case numerical(String)

    public var kind: FailureKind {
        switch self {
        case .table(let e): e.kind
        case .badSpec: .usage
        case .tooFewRows, .rankDeficient, .numerical: .badData
        }
    }

    public var description: String {
        switch self {
        case .table(let e): return e.description
        case .badSpec(let s): return s
        case .tooFewRows(let rows, let terms):
            return "the model has \(terms) terms but only \(rows) complete row\(rows == 1 ? "" : "s")"
        case .rankDeficient(let rank, let terms, let collinear):
            let lines = collinear.map { c in
                c.with.isEmpty ? "  \(c.term) is zero (or numerically zero)"
                    : "  \(c.term) is collinear with \(c.with.joined(separator: ", "))"
            }
            return "the model matrix has rank \(rank) < \(terms) terms:\n" + lines.joined(separator: "\n")
                + "\nhint: remove one of the collinear terms (no term is dropped silently)"
        case .numerical(let s): return s
        }
    }
}
