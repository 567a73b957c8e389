/// A `--where` expression, parsed once and evaluated over a table (filled in by the filter work).
public struct RowFilter: Sendable {
    public init(_ expression: String) throws(FilterError) { throw FilterError(message: "--where is not implemented yet") }
    /// Column names the expression refers to.
    public static func columns(in expression: String) throws(FilterError) -> [String] { [] }
    /// Row numbers (physical) of the rows in view that satisfy the expression.
    public func matchingRows(in table: Table) throws(TableError) -> [Int32] { [] }
}

/// A malformed `--where` expression.
public struct FilterError: LaborStatError {
    public var message: String
    public var kind: FailureKind { .usage }
    public var description: String { message }
}
