import LaborStatTable

/// How the rows of one (group, period) cell become the period's value.
public enum TrendAggregate: Sendable, Equatable, CustomStringConvertible {
    /// Σ y (weighted: Σ w·y, the estimated total).
    case sum
    /// Σ y / n (weighted: Σ w·y / Σ w).
    case mean
    /// The median (R `median`: mean of the two middle values for even n); weighted: the smallest
    /// value whose cumulative weight reaches half the total weight (inverse weighted ECDF).
    case median
    /// Rows (with a value column: rows where it is not missing); weighted: Σ w.
    case count
    /// Σ a / Σ b over rows where both are present (weighted: Σ w·a / Σ w·b), e.g. recovered/owed.
    case rate(numerator: String, denominator: String)

    public var description: String {
        switch self {
        case .sum: "sum"
        case .mean: "mean"
        case .median: "median"
        case .count: "count"
        case .rate(let a, let b): "rate \(a)/\(b)"
        }
    }
}

/// One series: values at periods sorted by time (a period without rows is absent, or present
/// with the value 0 when zero-filling was asked for).
public struct PeriodSeries: Sendable, Equatable {
    public var kind: PeriodKind
    public var periods: [Period]
    public var values: [Double]

    public init(kind: PeriodKind, periods: [Period], values: [Double]) {
        self.kind = kind
        self.periods = periods
        self.values = values
    }

    /// Period positions in period steps, for the slope statistics.
    public var steps: [Double] { periods.map { Double($0.index) } }
}

/// Series per group: the `--by` keys (one value per group, groups in key order) and each group's
/// series.
public struct GroupedSeries: Sendable {
    public var kind: PeriodKind
    /// One column per `--by` key, a value per group.
    public var keys: [Column]
    public var series: [PeriodSeries]

    public init(kind: PeriodKind, keys: [Column], series: [PeriodSeries]) {
        self.kind = kind
        self.keys = keys
        self.series = series
    }

    /// Aggregates the rows in view of `table` per (group, period).
    ///
    /// - Parameters:
    ///   - time: the period key (`opened:year`, a year column, period text).
    ///   - value: the value column (not needed for `count` and `rate`).
    ///   - weight: a sampling-weight column; rows then count by their weight.
    ///   - zeroFill: periods without rows between a group's first and last period get the value 0
    ///     (only for `sum` and `count`, where an empty cell really is zero).
    /// Rows with a missing time, value (or rate part) are skipped; a missing or negative weight is an error.
    public init(table: Table, time: KeySpec, value: String?, aggregate: TrendAggregate, by: [KeySpec] = [],
                weight: String? = nil, zeroFill: Bool = false) throws(TrendError) {
        let periods = try PeriodColumn(table, key: time)
        let grouping: Grouping
        do { grouping = try Grouping(table, by: by) } catch { throw .table(error) }
        let rows = table.rowIndices
        let n = rows.count

        // Period range → cell number g·span + (p − lo).
        var lo = Int32.max, hi = Int32.min
        periods.index.withUnsafeBufferPointer { p in
            for r in rows where p[r] != PeriodColumn.missing { lo = min(lo, p[r]); hi = max(hi, p[r]) }
        }
        let groups = grouping.groupCount
        guard lo <= hi else {
            self.init(kind: periods.kind, keys: grouping.keys, series: [PeriodSeries](repeating: PeriodSeries(kind: periods.kind, periods: [], values: []), count: groups))
            return
        }
        let span = Int(hi - lo) + 1
        guard span <= 1 << 20, groups.multipliedReportingOverflow(by: span).partialValue <= 1 << 26 else {
            throw .badTime(time.description, "the periods span \(span) steps over \(groups) groups: too many cells")
        }
        let cells = groups * span
        var cellOfRow = [Int32](repeating: -1, count: n)
        periods.index.withUnsafeBufferPointer { p in
            grouping.groupOfRow.withUnsafeBufferPointer { g in
                var i = 0
                for r in rows {
                    let pi = p[r]
                    if pi != PeriodColumn.missing { cellOfRow[i] = Int32(Int(g[i]) * span + Int(pi - lo)) }
                    i += 1
                }
            }
        }

        let w: [Double]? = try weight.map { name throws(TrendError) in try GroupedSeries.weights(table, name) }
        var total = [Double](repeating: 0, count: cells)
        var used = [Bool](repeating: false, count: cells)
        var result = [Double](repeating: .nan, count: cells)

        switch aggregate {
        case .sum, .mean, .count:
            let y: [Double]? = try value.map { name throws(TrendError) in try GroupedSeries.numbers(table, name) }
            if aggregate != .count && y == nil { throw .badValue("--agg \(aggregate) needs --value COLUMN") }
            var weightSum = [Double](repeating: 0, count: cells)
            var i = 0
            for r in rows {
                let c = Int(cellOfRow[i]); i += 1
                if c < 0 { continue }
                let v = y?[r] ?? 1
                if v.isNaN { continue }
                let wi = w?[r] ?? 1
                total[c] += wi * v
                weightSum[c] += wi
                used[c] = true
            }
            for c in 0..<cells where used[c] {
                switch aggregate {
                case .sum: result[c] = total[c]
                case .count: result[c] = weightSum[c]
                default: result[c] = total[c] / weightSum[c]
                }
            }
        case .rate(let a, let b):
            let ya = try GroupedSeries.numbers(table, a), yb = try GroupedSeries.numbers(table, b)
            var den = [Double](repeating: 0, count: cells)
            var i = 0
            for r in rows {
                let c = Int(cellOfRow[i]); i += 1
                if c < 0 || ya[r].isNaN || yb[r].isNaN { continue }
                let wi = w?[r] ?? 1
                total[c] += wi * ya[r]
                den[c] += wi * yb[r]
                used[c] = true
            }
            for c in 0..<cells where used[c] { result[c] = den[c] != 0 ? total[c] / den[c] : .nan }
        case .median:
            guard let value else { throw .badValue("--agg median needs --value COLUMN") }
            let y = try GroupedSeries.numbers(table, value)
            // Counting sort of the rows by cell, then a median per cell.
            var start = [Int](repeating: 0, count: cells + 1)
            var i = 0
            for r in rows {
                let c = Int(cellOfRow[i]); i += 1
                if c >= 0 && !y[r].isNaN { start[c + 1] += 1 }
            }
            for c in 0..<cells { start[c + 1] += start[c] }
            var fill = start
            var vals = [Double](repeating: 0, count: start[cells])
            var wts = [Double](repeating: 1, count: w == nil ? 0 : start[cells])
            i = 0
            for r in rows {
                let c = Int(cellOfRow[i]); i += 1
                if c < 0 || y[r].isNaN { continue }
                vals[fill[c]] = y[r]
                if let w { wts[fill[c]] = w[r] }
                fill[c] += 1
            }
            for c in 0..<cells where start[c + 1] > start[c] {
                used[c] = true
                let range = start[c]..<start[c + 1]
                if w == nil {
                    let s = vals[range].sorted()
                    let m = s.count
                    result[c] = m % 2 == 1 ? s[m / 2] : (s[m / 2 - 1] + s[m / 2]) / 2
                } else {
                    let order = range.sorted { vals[$0] < vals[$1] }
                    let half = order.reduce(0.0) { $0 + wts[$1] } / 2
                    var cum = 0.0
                    for k in order {
                        cum += wts[k]
                        if cum >= half { result[c] = vals[k]; break }
                    }
                }
            }
        }

        self.init(kind: periods.kind, keys: grouping.keys, lo: Int(lo), span: span, used: used, values: result,
                  zeroFill: zeroFill && (aggregate == .sum || aggregate == .count))
    }

    /// Series from per-(group, period) cells `g·span + (p − lo)`: `used` cells hold the period's value
    /// in `values`; with `zeroFill`, unused cells between a group's first and last period are 0.
    /// (Also the end of a trend computed slice by slice, so that both paths share this step.)
    public init(kind: PeriodKind, keys: [Column], lo: Int, span: Int, used: [Bool], values: [Double], zeroFill fill: Bool) {
        let groups = span == 0 ? 0 : used.count / span
        var series: [PeriodSeries] = []
        series.reserveCapacity(groups)
        for g in 0..<groups {
            var ps: [Period] = [], vs: [Double] = []
            let base = g * span
            let present = (0..<span).filter { used[base + $0] }
            if let first = present.first, let last = present.last {
                for k in first...last where used[base + k] || fill {
                    ps.append(Period(kind: kind, index: lo + k))
                    vs.append(used[base + k] ? values[base + k] : 0)
                }
            }
            series.append(PeriodSeries(kind: kind, periods: ps, values: vs))
        }
        self.init(kind: kind, keys: keys, series: series)
    }

    /// A numeric column's values per physical row, NaN where missing.
    static func numbers(_ table: Table, _ name: String) throws(TrendError) -> [Double] {
        do {
            let c = try table.column(named: name)
            try c.requireClean()
            return try c.physicalDoubles()
        } catch { throw .table(error) }
    }

    static func weights(_ table: Table, _ name: String) throws(TrendError) -> [Double] {
        let w = try numbers(table, name)
        for r in table.rowIndices where !(w[r] >= 0) {
            throw .badValue("weight column \"\(name)\", row \(r + 1): \(w[r].isNaN ? "missing" : String(w[r])) is not a weight ≥ 0")
        }
        return w
    }
}
