/// A cell that almost reads as its column's type: an approximate amount (`十多万`, `2万多`), a
/// malformed number (`1.2.3`), an impossible date (`2023-02-30`). Never silently missing: commands
/// that need the column's values throw it; `inspect` lists it.
public struct CellProblem: Sendable, Hashable, CustomStringConvertible {
    public var location: SourceLocation
    /// The column's header text.
    public var column: String
    /// The cell as written.
    public var value: String
    /// What the value was expected to be: "a number", "a date", "true/false".
    public var expected: String
    /// Why it is not, in a few words ("an approximate amount", "no such day").
    public var reason: String
    /// How to fix it, when known.
    public var hint: String?

    public init(location: SourceLocation, column: String, value: String, expected: String, reason: String, hint: String? = nil) {
        self.location = location
        self.column = column
        self.value = value
        self.expected = expected
        self.reason = reason
        self.hint = hint
    }

    /// `cannot read "十多万" as a number in column "欠薪金额" (an approximate amount)`
    public var message: String { "cannot read \"\(value)\" as \(expected) in column \"\(column)\" (\(reason))" }

    public var description: String { "\(location): \(message)" }
}
