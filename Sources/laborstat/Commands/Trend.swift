import Foundation
import ArgumentParser
import LaborStat

struct Trend: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trend",
        abstract: "Series, growth and trend tests (OLS, Theil–Sen, Mann–Kendall) per group.",
        discussion: """
        Aggregates --value per period of --time (and per --by group), then, for each group, writes one \
        row of slopes and tests. Slopes are per period step (a year, quarter or month).

        Time: a date column with a period (opened:year, opened:quarter, opened:month), a date column \
        of month/quarter/year precision, integer years, or period text (2013年, 2013年第4季度, 2013年12月). \
        A period without rows is absent (never a silent zero); --zero-fill makes it 0 for sum and count.

        Columns: [by], periods, first, last, first_value, last_value, change, pct_change (a fraction: \
        0.12 = 12 %), cagr (compound growth per step), ols_slope, ols_se, ols_ci_low, ols_ci_high, \
        ols_r2, ols_p_value (R lm: t with n−2 df), theil_sen_slope, theil_sen_ci_low, theil_sen_ci_high \
        (Sen 1968, as scipy.stats.theilslopes), kendall_tau (tau-b), mk_z, mk_p_value (Mann–Kendall, \
        tie-corrected variance, continuity correction, two-sided normal p). --stats picks and orders \
        them; NEW=stat renames one.

        --series writes the per-period table instead: [by], period, value, change and pct_change \
        (against the previous period; empty after a gap), index (100 × value / value at --base, \
        default the group's first period), moving_avg (trailing mean of --window periods, all present).

        Survey design: the per-period values use the design's weights (weighted sum = estimated \
        total, weighted mean, weighted median = inverse of the weighted ECDF, count = Σ weights); the \
        slope statistics then treat the series as given.

        Examples:
          laborstat trend Datasets/arrears_register.csv --time 立案日期:year --value 欠薪金额（元） \\
              --by 省份
          laborstat trend Datasets/arrears_register.csv --time 立案日期:year --value 欠薪金额（元） \\
              --by 省份 --stats n_years=periods,ols_slope,theil_sen_slope
          laborstat trend Datasets/national_migrant_workers.csv --time 年份 \\
              --value 农民工总量（万人） --series --base 2015
          laborstat trend Datasets/arrears_register.csv --time 立案日期:quarter \\
              --agg "rate 追回金额（元）/欠薪金额（元）"
        """
    )

    @OptionGroup var input: InputOptions

    @Option(help: "Time key: DATECOL:year|quarter|month, a year column, or period text (2013年12月).")
    var time: String

    @Option(help: "Value column (not needed for --agg count or rate).")
    var value: String?

    @Option(help: "sum|mean|median|count|rate A/B (rate: Σ A / Σ B per period; also 'rate' with --value A/B).")
    var agg: String = "sum"

    @Option(help: "Group columns, comma-separated (period keys like opened:year allowed).")
    var by: String?

    @Option(help: "Slope-table columns to write, in order; NEW=stat renames (e.g. n_years=periods).")
    var stats: String?

    @Flag(help: "Write the per-period series (value, change, pct_change, index, moving_avg) instead of slopes.")
    var series = false

    @Option(help: "Moving-average window in periods (--series).")
    var window: Int = 3

    @Option(help: "Base period of the index (--series), e.g. 2015, 2015Q1, 2015-03, 2015年.")
    var base: String?

    @Flag(help: "Periods without rows inside a group's range count as 0 (sum and count only).")
    var zeroFill = false

    @OptionGroup var design: DesignOptions

    @OptionGroup var output: OutputOptions

    @OptionGroup var svg: SVGOutputOptions

    @Option(help: "Title of the --svg chart (default: the value column).")
    var title: String?

    @Option(help: .hidden)
    var sliceBytes: Int?

    func run() throws {
        let spec = try design.spec
        let aggregate = try parseAggregate()
        let byKeys = commaList(by).map(KeySpec.init)
        let timeKey = KeySpec(time)
        if spec.isDesignBased && spec.weight == nil && !spec.fpc.isEmpty {
            throw ValidationError("trend uses the design's weights for the per-period values: give --weight")
        }
        if series && stats != nil { throw ValidationError("--stats selects slope-table columns; it does not apply to --series") }
        if !series && (base != nil) { throw ValidationError("--base applies to --series") }
        var columns = [timeKey.column] + byKeys.map(\.column)
        switch aggregate {
        case .rate(let a, let b): columns += [a, b]
        default: if let value { columns.append(value) }
        }
        if let w = spec.weight { columns.append(w) }
        let grouped: GroupedSeries
        if let s = try streamed(spec: spec, aggregate: aggregate, time: timeKey, by: byKeys, columns: columns) {
            grouped = s
        } else {
            let table = try input.loadFiltered(columns: columns, groupKeys: byKeys.map(\.column))
            grouped = try GroupedSeries(table: table, time: timeKey, value: value, aggregate: aggregate, by: byKeys,
                                        weight: spec.weight, zeroFill: zeroFill)
        }
        var metadata: [(String, String)] = [
            ("period", grouped.kind.rawValue), ("aggregate", aggregate.description),
            ("weight", spec.weight ?? "none"), ("level", String(spec.level)),
        ]
        if series {
            let basePeriod = try base.map { text throws -> Period in
                guard let p = Period.parse(text) else {
                    throw ValidationError("--base \(text): not a period (write 2015, 2015Q1, 2015-03 or 2015年)")
                }
                return p
            }
            metadata.append(("moving_avg", "trailing mean of \(window) periods"))
            let seriesTable = try TrendReport.series(grouped, window: window, base: basePeriod)
            try output.emit(seriesTable, metadata: metadata)
            try drawSeries(seriesTable, by: byKeys, aggregate: aggregate)
        } else {
            metadata += [
                ("ols", "lm(value ~ period step); SE, t CI and p-value with n−2 df"),
                ("theil_sen_ci", "Sen (1968) eq. 2.6, as scipy.stats.theilslopes"),
                ("kendall_tau", "tau-b"),
                ("mann_kendall", "tie-corrected variance, continuity correction, two-sided normal p-value"),
            ]
            let table = try TrendReport.slopes(grouped, level: spec.level, statistics: stats.map { commaList($0) })
            try output.emit(table, metadata: metadata)
            if let i = table.columnNames.firstIndex(of: "periods") {
                let few = table.rowIndices.compactMap { table.columns[i].double(at: $0) }.filter { $0 < 5 }
                if let fewest = few.min() {
                    Diagnostics.printError("laborstat: note: \(Int(fewest)) periods\(table.rowCount > 1 ? " (in \(few.count) of \(table.rowCount) series)" : "") are too few to show a trend: slopes and tests from fewer than 5 points say little")
                }
            }
            if svg.path != nil { try drawSeries(try TrendReport.series(grouped, window: window, base: nil), by: byKeys, aggregate: aggregate) }
        }
    }

    /// The series computed slice by slice (`TrendStream`) when the file is large (or `--slice-bytes`
    /// is given, as aggregate decides) and the request is unweighted sum, mean or count; nil
    /// otherwise, or when the streamed result could differ from the whole-table one.
    func streamed(spec: SurveyDesignSpec, aggregate: TrendAggregate, time: KeySpec, by: [KeySpec],
                  columns: [String]) throws -> GroupedSeries? {
        guard !spec.isDesignBased, aggregate == .count || ((aggregate == .sum || aggregate == .mean) && value != nil) else { return nil }
        var stream = TrendStream(by: by, time: time, value: value, aggregate: aggregate)
        do {
            guard try StreamKeys.scan(input, columns: columns, sliceBytes: sliceBytes, add: { try stream.add($0) }) else { return nil }
            return try stream.result(zeroFill: zeroFill)
        } catch is AggregateStream.NotStreamable {
            return nil
        }
    }

    /// `--svg`: the per-period series as a line chart, one line per group of the first `--by` key.
    func drawSeries(_ table: Table, by keys: [KeySpec], aggregate: TrendAggregate) throws {
        let by = keys.isEmpty ? "" : " by " + keys.map(\.outputName).joined(separator: ", ")
        var spec = ChartSpec(title: title ?? value ?? aggregate.description, subtitle: "\(aggregate.description) per period\(by)")
        spec.yLabel = value ?? aggregate.description
        try svg.write(table, kind: .line, x: "period", y: "value", color: keys.first?.outputName, spec: spec)
    }

    /// `sum`, `mean`, `median`, `count`, `rate A/B`, `rate:A/B`, or `rate` with `--value A/B`.
    func parseAggregate() throws -> TrendAggregate {
        let text = agg.trimmingCharacters(in: .whitespaces)
        switch text.lowercased() {
        case "sum": return .sum
        case "mean": return .mean
        case "median": return .median
        case "count": return .count
        default: break
        }
        guard text.lowercased().hasPrefix("rate") else {
            throw ValidationError("--agg must be sum, mean, median, count or rate A/B (got \(agg))")
        }
        var ratio = String(text.dropFirst(4)).trimmingCharacters(in: CharacterSet(charactersIn: " :"))
        if ratio.isEmpty { ratio = value ?? "" }
        let parts = ratio.split(separator: "/", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
            throw ValidationError("--agg rate needs two columns A/B: --agg \"rate amount_recovered/amount_owed\"")
        }
        return .rate(numerator: parts[0], denominator: parts[1])
    }
}
