import LaborStat

/// The chart `--svg` draws for the table commands (describe, aggregate, tabulate, pivot): chosen
/// from the result table's shape, so it follows renames and the keys the user asked for.
///
/// - one key (or none): bars of the first value column by the key, with interval whiskers when the
///   table has `_ci_low`/`_ci_high` columns for it; horizontal and ranked when there are many
///   categories (long Chinese labels read better across);
/// - two or more keys: a line per level of the first key over the last key (province × year → one
///   line per province), the natural reading of a group-by over time.
///
/// Under `--labels zh` the titles the command passes are already Chinese (`ChartTitles`), and the
/// axis titles of LaborStat-made columns are too (`mean` → 均值); legends list the data's levels.
enum NaturalCharts {
    static func draw(_ table: Table, keys: [String], value: String, low: String? = nil, high: String? = nil,
                     facet: String? = nil, title: String, language: ColumnLabels.Language, svg: SVGOutputOptions) throws {
        guard svg.path != nil else { return }
        let names = Set(table.columnNames)
        let low = low.flatMap { names.contains($0) ? $0 : nil }, high = high.flatMap { names.contains($0) ? $0 : nil }
        var spec = ChartSpec(title: title)
        spec.yLabel = ChartTitles.axis(value, language)
        if keys.count >= 2 {
            spec.xLabel = ChartTitles.keyAxis(keys[keys.count - 1], language)
            try svg.write(table, kind: .line, x: keys[keys.count - 1], y: value, color: keys[0], facet: facet, spec: spec)
            return
        }
        let x = keys.first ?? "column"
        spec.xLabel = ChartTitles.keyAxis(x, language)
        let many = table.rowCount > 12
        if many { spec.height = max(440, 90 + 22 * Double(table.rowCount)) }
        try svg.write(table, kind: many ? .hbar : .bar, x: x, y: value, facet: facet, low: low, high: high, spec: spec)
    }

    /// A wide pivot table (first column the row key, then one column per level, then `total`) as
    /// grouped bars: one bar per column level within each row level.
    static func drawPivot(_ wide: Table, title: String, valueTitle: String?, language: ColumnLabels.Language, svg: SVGOutputOptions) throws {
        guard svg.path != nil, wide.columns.count >= 2 else { return }
        let rowKey = wide.columns[0]
        let levels = wide.columns.dropFirst().filter { $0.name != "total" }
        var rowLabel: [String?] = [], colLabel: [String?] = [], value: [Double?] = []
        for r in 0..<wide.rowCount where rowKey.string(at: r) != "total" {
            for c in levels {
                rowLabel.append(rowKey.string(at: r))
                colLabel.append(c.name)
                value.append(c.double(at: r))
            }
        }
        let long = try Table(columns: [Column(rowKey.name, strings: rowLabel), Column("level", strings: colLabel),
                                       Column("value", doubles: value)])
        var spec = ChartSpec(title: title)
        spec.yLabel = valueTitle ?? "value"
        spec.xLabel = ChartTitles.keyAxis(rowKey.name, language)
        try svg.write(long, kind: .bar, x: rowKey.name, y: "value", color: "level", spec: spec)
    }
}
