import Foundation
import LaborStatTable

/// The `trend` command's two result tables: one row of slopes and tests per group, or the
/// per-period series with changes, an index and a moving average.
public enum TrendReport {
    /// The slope table's statistic columns, in the contract's order (`CLI.md`, row `trend`).
    public static let slopeStatistics = [
        "periods", "first", "last", "first_value", "last_value", "change", "pct_change", "cagr",
        "ols_slope", "ols_se", "ols_ci_low", "ols_ci_high", "ols_r2", "ols_p_value",
        "theil_sen_slope", "theil_sen_ci_low", "theil_sen_ci_high", "kendall_tau", "mk_z", "mk_p_value",
    ]

    /// One row per group: `[by], periods, first, last, first_value, last_value, change,
    /// pct_change, cagr`, then the statistics of `TrendLine` (slopes per period step).
    ///
    /// `change` = last − first value; `pct_change` = change / first (a fraction: 0.12 is 12 %);
    /// `cagr` = (last/first)^(1/steps) − 1 over the steps between the first and last period
    /// (compound growth per period step; empty unless both values are > 0).
    ///
    /// - Parameter statistics: the statistic columns to keep, in this order; an entry `NEW=stat`
    ///   renames the column (e.g. `n_years=periods`). Nil keeps them all.
    public static func slopes(_ grouped: GroupedSeries, level: Double = 0.95, statistics: [String]? = nil) throws(TrendError) -> Table {
        let wanted = try parseSelection(statistics)
        let lines = grouped.series.map { TrendLine(x: $0.steps, y: $0.values, level: level) }
        var columns = grouped.keys
        for (name, stat) in wanted {
            var c = column(stat, grouped: grouped, lines: lines)
            c.name = name
            columns.append(c)
        }
        do { return try Table(columns: columns) } catch { throw .table(error) }
    }

    /// Parses `--stats`: names from `slopeStatistics`, each optionally `NEW=name`.
    static func parseSelection(_ statistics: [String]?) throws(TrendError) -> [(name: String, stat: String)] {
        guard let statistics else { return slopeStatistics.map { ($0, $0) } }
        var out: [(String, String)] = []
        for item in statistics {
            let parts = item.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            let (name, stat) = parts.count == 2 ? (parts[0], parts[1]) : (parts[0], parts[0])
            guard slopeStatistics.contains(stat), !name.isEmpty else {
                throw .badValue("--stats: unknown statistic \"\(stat)\"; choose from \(slopeStatistics.joined(separator: ", ")) (NEW=stat renames)")
            }
            out.append((name, stat))
        }
        return out
    }

    private static func column(_ stat: String, grouped: GroupedSeries, lines: [TrendLine]) -> Column {
        let s = grouped.series
        func d(_ f: (Int) -> Double?) -> Column {
            Column(stat, doubles: s.indices.map { g in f(g).flatMap { $0.isFinite ? $0 : nil } })
        }
        switch stat {
        case "periods": return Column(stat, integers: s.map { Int64($0.periods.count) })
        case "first": return periodColumn(stat, kind: grouped.kind, s.map { $0.periods.first })
        case "last": return periodColumn(stat, kind: grouped.kind, s.map { $0.periods.last })
        case "first_value": return d { s[$0].values.first }
        case "last_value": return d { s[$0].values.last }
        case "change": return d { g in s[g].values.count >= 2 ? s[g].values.last! - s[g].values.first! : nil }
        case "pct_change":
            return d { g in
                guard let f = s[g].values.first, let l = s[g].values.last, s[g].values.count >= 2, f != 0 else { return nil }
                return (l - f) / f
            }
        case "cagr":
            return d { g in
                guard let f = s[g].values.first, let l = s[g].values.last, f > 0, l > 0,
                      let p0 = s[g].periods.first, let p1 = s[g].periods.last, p1.index > p0.index else { return nil }
                return exp(log(l / f) / Double(p1.index - p0.index)) - 1
            }
        case "ols_slope": return d { lines[$0].olsSlope }
        case "ols_se": return d { lines[$0].olsStandardError }
        case "ols_ci_low": return d { lines[$0].olsCILow }
        case "ols_ci_high": return d { lines[$0].olsCIHigh }
        case "ols_r2": return d { lines[$0].olsRSquared }
        case "ols_p_value": return d { lines[$0].olsPValue }
        case "theil_sen_slope": return d { lines[$0].theilSenSlope }
        case "theil_sen_ci_low": return d { lines[$0].theilSenCILow }
        case "theil_sen_ci_high": return d { lines[$0].theilSenCIHigh }
        case "kendall_tau": return d { lines[$0].kendallTau }
        case "mk_z": return d { lines[$0].mannKendallZ }
        case "mk_p_value": return d { lines[$0].mannKendallPValue }
        default: preconditionFailure("unknown statistic \(stat)")
        }
    }

    /// A column of periods: integer years, or dates at quarter/month precision (`2013Q4`, `2013-12`).
    public static func periodColumn(_ name: String, kind: PeriodKind, _ periods: [Period?]) -> Column {
        if kind == .year { return Column(name, integers: periods.map { $0.map { Int64($0.index) } }) }
        return Column(name, dates: periods.map { $0?.firstDay }, precision: kind.precision)
    }

    /// The series table: `[by], period, value, change, pct_change, index, moving_avg`.
    ///
    /// * `change` = value(t) − value(t − 1 step), empty when the previous period is absent (a gap);
    /// * `pct_change` = change / value(t − 1) (a fraction);
    /// * `index` = 100 · value / value(base), base = `base` or else the group's first period
    ///   (empty for a group without that period);
    /// * `moving_avg` = mean of the `window` periods t − window + 1 … t, empty unless all are present.
    public static func series(_ grouped: GroupedSeries, window: Int = 3, base: Period? = nil) throws(TrendError) -> Table {
        guard window >= 1 else { throw .badValue("--window must be at least 1") }
        if let base, base.kind != grouped.kind {
            throw .badBase("--base \(base) is a \(base.kind.rawValue), the series has \(grouped.kind.rawValue)s")
        }
        var groupOfRow: [Int32] = []
        var period: [Period?] = [], value: [Double?] = [], change: [Double?] = [], pct: [Double?] = []
        var index: [Double?] = [], moving: [Double?] = []
        for (g, s) in grouped.series.enumerated() {
            var at: [Int: Double] = [:]
            for (p, v) in zip(s.periods, s.values) { at[p.index] = v }
            let baseValue = at[(base ?? s.periods.first)?.index ?? Int.min]
            for (p, v) in zip(s.periods, s.values) {
                groupOfRow.append(Int32(g))
                period.append(p)
                value.append(finite(v))
                let prev = at[p.index - 1]
                change.append(prev.flatMap { finite(v - $0) })
                pct.append(prev.flatMap { $0 != 0 ? finite((v - $0) / $0) : nil })
                index.append(baseValue.flatMap { $0 != 0 ? finite(100 * v / $0) : nil })
                var sum = 0.0, complete = true
                for k in 0..<window {
                    guard let x = at[p.index - k] else { complete = false; break }
                    sum += x
                }
                moving.append(complete ? finite(sum / Double(window)) : nil)
            }
        }
        var columns = grouped.keys.map { $0.gathering(groupOfRow) }
        columns += [
            periodColumn("period", kind: grouped.kind, period),
            Column("value", doubles: value), Column("change", doubles: change), Column("pct_change", doubles: pct),
            Column("index", doubles: index), Column("moving_avg", doubles: moving),
        ]
        do { return try Table(columns: columns) } catch { throw .table(error) }
    }

    private static func finite(_ x: Double) -> Double? { x.isFinite ? x : nil }
}
