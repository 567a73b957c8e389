import ArgumentParser
import LaborStat

extension LaborStatCommand {}

struct Histogram: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "histogram",
        abstract: "Histogram bins of a column.",
        discussion: """
        Output: the --by keys, then bin_low, bin_high, count, share, density; bins are [low, high), \
        the last one closed [low, high], as numpy.histogram. Every group uses the same bins, made \
        from all the values in view, so groups can be compared.

        --bins: a number of equal-width bins, or a rule as numpy's histogram_bin_edges: sturges \
        (default, ⌈log2 n + 1⌉ bins), fd (Freedman-Diaconis, width 2·IQR·n^(-1/3)), scott (width \
        3.49·σ·n^(-1/3)). --log applies the rule to log10 of the values (all must be > 0) and \
        gives bins of equal ratio: the right choice for heavy-tailed money amounts. --range LO,HI \
        bins only the values in that range. --weight W counts weights instead of rows (the bin \
        rule still looks at the values only). share = count / total; density = share / width.

        Examples:
          laborstat histogram Datasets/arrears_register.csv --column 欠薪金额（元） --log --bins 30
          laborstat histogram Datasets/survey_sample.csv --column monthly_income --by region --bins fd --weight weight
          laborstat histogram Datasets/arrears_register.csv --column 欠薪金额（元） --log --svg owed.png -o owed_bins.csv
        """
    )

    @OptionGroup var input: InputOptions

    @Option(help: "The column to bin.")
    var column: String

    @Option(help: "Group keys, comma-separated.")
    var by: String?

    @Option(help: "N (equal-width bins) or a rule: sturges (default), fd, scott.")
    var bins: String = "sturges"

    @Flag(help: "Bins of equal ratio (the rule applied to log10 x); values must be > 0.")
    var log = false

    @Option(help: "LO,HI: bin only values in [LO, HI].")
    var range: String?

    @Option(help: "Weight column: counts become sums of weights.")
    var weight: String?

    @OptionGroup var output: OutputOptions
    @OptionGroup var svg: SVGOutputOptions

    func validate() throws {
        guard HistogramBins.BinRule(bins) != nil else { throw ValidationError("--bins must be a positive number, sturges, fd or scott (got \(bins))") }
        _ = try parsedRange()
    }

    func parsedRange() throws -> (Double, Double)? {
        guard let range else { return nil }
        let p = range.split(separator: ",").compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard p.count == 2, p[0] < p[1] else { throw ValidationError("--range must be LO,HI with LO < HI (got \(range))") }
        return (p[0], p[1])
    }

    func run() throws {
        let keys = commaList(by).map(KeySpec.init)
        let table = try input.loadFiltered(columns: [column] + keys.map(\.column) + (weight.map { [$0] } ?? []))
        let col = try table.column(named: column)
        try col.requireNumeric()
        let weights = try weight.map { try Weights(table, column: $0) }
        let grouping = try Grouping(table, by: keys)
        let values = GroupedValues(col, rows: table.rowIndices, groupOfRow: grouping.groupOfRow, groupCount: grouping.groupCount, weights: weights)
        let rule = HistogramBins.BinRule(bins)!
        let edges = try HistogramBins.binEdges(values.values, rule: rule, range: try parsedRange(), log: log)
        var keyRows: [Int32] = []
        var low: [Double?] = [], high: [Double?] = [], count: [Double?] = [], share: [Double?] = [], density: [Double?] = []
        for k in 0..<grouping.groupCount {
            let h = values.withGroup(k) { HistogramBins($0, weights: $1, binEdges: edges) }
            for i in 0..<h.counts.count {
                keyRows.append(Int32(k))
                low.append(h.edges[i]); high.append(h.edges[i + 1]); count.append(h.counts[i])
                share.append(h.total > 0 ? h.share(i) : nil); density.append(h.total > 0 ? h.density(i) : nil)
            }
        }
        // The standard chart: the bins over all groups together.
        try svg.write({
            let k = edges.values.count - 1
            var total = [Double](repeating: 0, count: k)
            for (i, c) in count.enumerated() { total[i % k] += c ?? 0 }
            var spec = LaborStatCharts.ChartSpec(title: col.name)
            spec.xLabel = col.name + (log ? " (log scale bins)" : "")
            spec.yLabel = weights == nil ? "count" : "weighted count"
            return try LaborStatCharts.Chart.histogram(bins: (0..<k).map { HistogramBin(low: edges.values[$0], high: edges.values[$0 + 1], count: total[$0]) }, spec: spec)
        }())
        var cols = grouping.keys.map { $0.gathering(keyRows) }
        cols.append(Column("bin_low", doubles: low))
        cols.append(Column("bin_high", doubles: high))
        cols.append(weights == nil ? Column("count", integers: count.map { $0.map { Int64($0) } }) : Column("count", doubles: count))
        cols += [Column("share", doubles: share), Column("density", doubles: density)]
        try output.emit(try Table(columns: cols), metadata: [
            ("command", "histogram"),
            ("bins", rule.name + (log ? " on log10 scale" : "")),
            ("intervals", "[low, high), last bin closed"),
            ("weighting", weights.map { "counts are sums of \($0.column)" } ?? "none (row counts)"),
        ])
    }
}
