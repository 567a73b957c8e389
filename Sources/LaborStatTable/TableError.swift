/// Errors of the table model: asking for a column that is not there, or for values of the wrong type.
public enum TableError: LaborStatError, Equatable {
    /// No column has that name; `available` lists the header, `suggestion` the closest name.
    case columnNotFound(String, available: [String], suggestion: String?)
    /// A key like `opened:year` on a column that is not a date, or an unknown period name.
    case badKey(String, reason: String)
    /// A numeric operation on a column that is not numeric.
    case notNumeric(column: String, type: ColumnType)
    /// A cell that could not be read, reached by a command that needs its column's values.
    case badCell(CellProblem, more: Int)
    /// Two columns of different lengths, or a similar misuse of the API.
    case shapeMismatch(String)

    public var kind: FailureKind {
        switch self {
        case .columnNotFound, .badKey, .notNumeric: .usage
        case .badCell: .badData
        case .shapeMismatch: .usage
        }
    }

    public var description: String {
        switch self {
        case .columnNotFound(let name, let available, let suggestion):
            var s = "no column named \"\(name)\"; the columns are: \(available.joined(separator: ", "))"
            if let suggestion { s += "\nhint: did you mean \"\(suggestion)\"?" }
            return s
        case .badKey(let key, let reason):
            return "cannot use \"\(key)\" as a key: \(reason)"
        case .notNumeric(let column, let type):
            return "column \"\(column)\" holds \(type.rawValue) values, not numbers"
        case .badCell(let p, let more):
            var s = "\(p.location): \(p.message)"
            let ex = p.location.excerpt
            if !ex.isEmpty { s += "\n" + ex }
            if more > 0 { s += "\n(and \(more) more such cell\(more == 1 ? "" : "s") in this column; `laborstat inspect` lists them)" }
            s += "\nhint: " + (p.hint ?? "correct the cell, or add the token to --missing")
            return s
        case .shapeMismatch(let s):
            return s
        }
    }
}
