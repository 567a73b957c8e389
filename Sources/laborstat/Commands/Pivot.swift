import ArgumentParser
import LaborStat

extension LaborStatCommand {}

struct Pivot: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pivot",
        abstract: "A wide table: one row per level of --rows, one column per level of --cols.",
        discussion: """
        Output: K (the --rows key), one column per level of --cols (named by the level, in sorted \
        order), then `total` (the statistic over the whole row). --total also adds a last row \
        `total` (the statistic over each column and over everything). A cell with no rows is \
        empty (count: 0).

        --agg: sum (exact for integers and decimals with ≤ 4 digits, as aggregate), mean, count \
        (rows; no --value needed), median (Hyndman-Fan type 7), min, max.

        Examples:
          laborstat pivot Datasets/arrears_register.csv --rows 省份 --cols 立案日期:year --value 欠薪金额（元） --agg sum
          laborstat pivot Datasets/arrears_register.csv --rows 行业 --cols 处理状态 --agg count --total
        """
    )

    @OptionGroup var input: InputOptions

    @Option(help: "Row key (one column or period key).")
    var rows: String

    @Option(help: "Column key: each of its levels becomes an output column.")
    var cols: String

    @Option(help: "Value column (not needed for --agg count).")
    var value: String?

    @Option(help: "sum|mean|count|median|min|max")
    var agg: String = "sum"

    @Flag(help: "Add a total row (the total column is always there).")
    var total = false

    @Option(help: "Refuse a grid of more than N cells (distinct row keys × column keys; default 10000000).")
    var maxCells: Int = Limits.maxCells

    @OptionGroup var output: OutputOptions

    @OptionGroup var svg: SVGOutputOptions

    /// A pivot cell: exact when the values were integers.
    struct Cell {
        var double: Double?
        var integer: Int64?
        init(double: Double?) { self.double = double }
        init(integer: Int64?) { self.integer = integer; self.double = integer.map { Double($0) } }
    }

    func validate() throws {
        guard ["sum", "mean", "count", "median", "min", "max"].contains(agg) else {
            throw ValidationError("--agg must be sum, mean, count, median, min or max (got \(agg))")
        }
        if agg != "count" && value == nil { throw ValidationError("--agg \(agg) needs --value COLUMN") }
        guard maxCells > 0, maxCells <= Int(UInt32.max) else { throw ValidationError("--max-cells must be between 1 and \(UInt32.max)") }
    }

    func run() throws {
        let rk = KeySpec(rows), ck = KeySpec(cols)
        let table = try input.loadFiltered(columns: [rk.column, ck.column] + (value.map { [$0] } ?? []), groupKeys: [rk.column, ck.column])
        let rg = try Grouping(table, by: [rk]), cg = try Grouping(table, by: [ck])
        let R = rg.groupCount, C = cg.groupCount
        try Limits.checkCells(rows: R, cols: C, limit: maxCells, what: "the pivot of \(rows) by \(cols)")
        // Cells r·C + c, then row totals R·C + r, column totals R·C + R + c, the grand total last.
        let n = table.rowCount
        let cellGroups = (0..<n).map { UInt32(Int(rg.groupOfRow[$0]) * C + Int(cg.groupOfRow[$0])) }
        let column = try value.map { try table.column(named: $0) }
        try column?.requireNumeric()
        var sumDecimals: Int?
        // Integer sums, minima and maxima stay exact in Int64 (18-digit ids, sums near Int64.max);
        // a sum beyond Int64 is refused, never rounded.
        var exact: [Int64?]?
        func compute(_ groups: [UInt32], _ count: Int) throws -> [Double?] {
            exact = nil
            if agg == "count" {
                var c = [Int](repeating: 0, count: count)
                for g in groups { c[Int(g)] += 1 }
                return c.map { Double($0) }
            }
            let col = column!
            switch agg {
            case "sum", "mean":
                let s = GroupSums(col, rows: table.rowIndices, groupOfRow: groups, groupCount: count)
                if agg == "sum", col.type == .integer, s.overflowedGroup != nil {
                    throw BadDataError(message: "the sum of \"\(col.name)\" in a cell of the pivot is beyond the largest integer, 9223372036854775807: it cannot be given exactly\nhint: sum a narrower selection (--where), or convert the column to a decimal column first")
                }
                if agg == "sum", let ints = s.integerSum { exact = (0..<count).map { s.count[$0] == 0 ? nil : ints[$0] } }
                sumDecimals = s.decimals
                return (0..<count).map { s.count[$0] == 0 ? nil : (agg == "sum" ? s.sum[$0] : s.mean[$0]) }
            case "median":
                var v = GroupedValues(col, rows: table.rowIndices, groupOfRow: groups, groupCount: count)
                v.sort()
                return (0..<count).map { k in let q = v.quantiles(k, rule: .hf7, probabilities: [0.5])[0]; return q.isNaN ? nil : q }
            default:
                let e = GroupExtremes(col, rows: table.rowIndices, groupOfRow: groups, groupCount: count)
                exact = agg == "min" ? e.integerMin : e.integerMax
                return (agg == "min" ? e.min : e.max).map { $0.isNaN ? nil : $0 }
            }
        }
        var cells = try compute(cellGroups, R * C).map { Cell(double: $0) }
        if let exact { cells = exact.map { Cell(integer: $0) } }
        func computeCells(_ groups: [UInt32], _ count: Int) throws -> [Cell] {
            let d = try compute(groups, count)
            return exact.map { $0.map { Cell(integer: $0) } } ?? d.map { Cell(double: $0) }
        }
        let rowTotals = try computeCells(rg.groupOfRow, R)
        let colTotals = total ? try computeCells(cg.groupOfRow, C) : []
        let grand = total ? try computeCells([UInt32](repeating: 0, count: n), 1)[0] : Cell(double: nil)
        let integerCells = agg == "count" || (column?.type == .integer && ["sum", "min", "max"].contains(agg))
        func make(_ name: String, _ v: [Cell]) -> Column {
            integerCells ? Column(name, integers: v.map { $0.integer ?? $0.double.map { Int64($0) } })
                         : Column(name, doubles: v.map(\.double))
        }
        var out: [Column] = []
        if total {
            out.append(Column(rg.keys[0].name, strings: (0..<R).map { rg.keys[0].string(at: $0) } + ["total"]))
        } else {
            out.append(rg.keys[0])
        }
        var decimals: [String: Int] = [:]
        for c in 0..<C {
            let label = cg.keys[0].string(at: c) ?? "(missing)"
            out.append(make(label, (0..<R).map { cells[$0 * C + c] } + (total ? [colTotals[c]] : [])))
        }
        out.append(make("total", rowTotals + (total ? [grand] : [])))
        // Money sums print with the input's decimals (12381.50), as aggregate's.
        if agg == "sum", !integerCells, let d = sumDecimals, d > 0 { for c in out.dropFirst() { decimals[c.name] = d } }
        let wide = try ResultNames.apply(try ResultNames.renames(output.rename), to: try Table(columns: out), decimals: &decimals)
        try ResultNames.emit(wide, output: output, decimals: decimals, metadata: [
            ("command", "pivot"), ("agg", agg), ("median_rule", "hf7: Hyndman-Fan type 7 (R median)"),
        ])
        let language = try output.labelLanguage()
        try NaturalCharts.drawPivot(wide, title: ChartTitles.pivot(agg, of: value, rows: rows, cols: cols, language),
                                    valueTitle: ChartTitles.aggregate(agg, of: value, language), language: language, svg: svg)
    }
}
