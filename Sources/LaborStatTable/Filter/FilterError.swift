/// A malformed `--where` expression, or one that does not fit the table's columns (a text literal
/// compared with a numeric column). Prints as `--where:1:COLUMN: message`, the expression, a caret
/// under the offending character, and a hint when the fix is known. Exit 64 (usage).
public struct FilterError: LaborStatError, Equatable {
    public var message: String
    /// The whole expression (empty when not known).
    public var expression: String
    /// 1-based position in the expression, counted in characters (Unicode scalars).
    public var position: Int?
    public var hint: String?

    public init(message: String, expression: String = "", position: Int? = nil, hint: String? = nil) {
        self.message = message
        self.expression = expression
        self.position = position
        self.hint = hint
    }

    public var kind: FailureKind { .usage }

    public var location: SourceLocation? {
        position.map { SourceLocation(file: "--where", line: 1, column: $0, lineText: expression) }
    }

    public var description: String {
        var s: String
        if let loc = location {
            s = "\(loc): \(message)"
            let ex = loc.excerpt
            if !ex.isEmpty { s += "\n" + ex }
        } else {
            s = "--where: \(message)"
        }
        if let hint { s += "\nhint: \(hint)" }
        return s
    }
}
