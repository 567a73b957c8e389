import LaborStatTable

/// A table's cells as people read them, the one place every writer for people (Markdown, the
/// report page) takes a cell's text from, so a number shows the same everywhere: thousands
/// separators (not in years and codes), `--decimals` places, `--percent` columns as `59.3%`.
/// The texts are plain (not escaped for any format); a missing value is an empty string.
public enum TableDisplay {
    /// One row per table row, one text per column.
    public static func cells(of table: Table, options: WriteOptions) -> [[String]] {
        let cells = table.columns.map { CellText($0, options: options) }
        let displays = table.columns.map { display(of: $0, options: options) }
        var body: [[String]] = []
        body.reserveCapacity(table.rowCount)
        for r in table.rowIndices {
            body.append(cells.enumerated().map { j, cell in
                guard let text = cell.text(r) else { return "" }
                switch displays[j] {
                case .percent?: return cell.column.double(at: r).map { displays[j]!.text($0) } ?? text
                case .some: return NumberDisplay.group(text)
                case nil: return text
                }
            })
        }
        return body
    }

    /// Per column: whether it holds numbers (shown right-aligned).
    public static func isNumeric(_ table: Table) -> [Bool] {
        table.columns.map { $0.type == .integer || $0.type == .decimal }
    }

    /// How a numeric column's cells show; nil for text columns and for identifiers and periods.
    static func display(of c: Column, options: WriteOptions) -> NumberDisplay? {
        guard c.type == .integer || c.type == .decimal else { return nil }
        if options.isPercent(c.name) { return .percent(places: options.fixedDecimals[c.name] ?? options.decimals ?? 1) }
        return NumberDisplay.isIdentifierLike(c.name) ? nil : .grouped
    }
}
