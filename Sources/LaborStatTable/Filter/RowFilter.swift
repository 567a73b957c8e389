/// A `--where` expression, parsed once and evaluated over a table.
///
/// ```swift
/// let filter = try RowFilter("year >= 2015 and province in ['陕西省','四川省']")
/// let kept = table.selecting(physicalRows: try filter.matchingRows(in: table))
/// ```
///
/// Grammar (`CLI.md`), lowest precedence first: `or`, `and`, `not`, then comparisons and
/// parentheses; `a or b and not c` is `a or (b and (not c))`.
/// - comparisons `= != < <= > >=` (also `==`, `<>`), `COL in ['a','b']`, `COL not in [...]`,
///   `COL is missing`, `COL is not missing`; a literal may stand on the left (`2015 <= year`), and
///   two columns may be compared (`amount_recovered < amount_owed`);
/// - literals: text in single or double quotes (`''` or `\'` for a quote inside), numbers (`12`,
///   `-3.5`, `1e6`, `2.84万`, `1.5亿`, `12%`), dates (`2015-01-01`, `2015/1/1`, `2015-01`, `2015Q1`),
///   `true`, `false`;
/// - column names: bare names of letters (Chinese included), digits, `_` and `.`, not starting with a
///   digit; `#N`; period keys `opened:year`, `opened:quarter`, `opened:month`; any other name in
///   backticks: `` `月工资(元)` ``.
/// Keywords are case-insensitive. Full-width punctuation from Chinese input methods (`（）＝，`,
/// quotes `‘’“”`) is accepted outside text literals.
///
/// Missing values never satisfy a comparison (three-valued logic, as SQL): see `FilterEvaluator`.
public struct RowFilter: Sendable {
    public let expression: String
    let root: FilterNode

    public init(_ expression: String) throws(FilterError) {
        self.expression = expression
        var parser = try FilterParser(expression)
        root = try parser.parse()
    }

    /// Column names the expression refers to (for `COL:year`, the column `COL`), each once, in the
    /// order written; lets a reader load only what it needs.
    public static func columns(in expression: String) throws(FilterError) -> [String] {
        var seen = Set<String>()
        return try RowFilter(expression).root.columnRefs.map(\.key.column).filter { seen.insert($0).inserted }
    }

    /// Row numbers (physical) of the rows in view that satisfy the expression, in view order.
    /// Throws `TableError` for an unknown column, `FilterError` for a literal of the wrong type.
    public func matchingRows(in table: Table) throws -> [Int32] {
        let truth = try FilterEvaluator(table: table, expression: expression).evaluate(root)
        var out: [Int32] = []
        for (i, r) in table.rowIndices.enumerated() where truth[i] == FilterEvaluator.yes { out.append(Int32(r)) }
        return out
    }

    /// One flag per row in view: true where the expression holds. For domain estimation, where the
    /// design keeps every row and rows outside the domain get zero weight.
    public func mask(in table: Table) throws -> [Bool] {
        try FilterEvaluator(table: table, expression: expression).evaluate(root).map { $0 == FilterEvaluator.yes }
    }
}
