import LaborStatTable

/// `describe` without a survey design: the statistics of each column in each group, unweighted or
/// with sampling weights (point estimates only: no standard errors are computed, so the weighted
/// path costs what the unweighted one does).
///
/// Definitions (weights w, W = Σw over the group's non-missing values; w = 1 when unweighted):
/// `n` non-missing values, `missing` missing ones, `sum_weight` W, `mean` Σwx/W, `total` Σwx,
/// `var`/`sd`/`cv` as `Moments.variance` (R `var`; weighted: survey `svyvar`), `skewness` and
/// `kurtosis` as `Moments` (G₁, G₂ of SAS/scipy `bias=False`), `min`/`max`, `pX` by the quantile
/// `rule` (unweighted HF types as R `quantile`, weighted as survey `svyquantile(qrule=)`), `gini`
/// as `Gini.coefficient` (values must be ≥ 0).
public enum DescriptiveSummary {
    /// One output row per (group, column): `[by], column,` then one column per statistic.
    public static func table(_ table: Table, columns: [String], grouping: Grouping, statistics: [DescribeStatistic],
                             rule: QuantileRule, weights: Weights? = nil) throws -> Table {
        try self.table(table, columns: columns, groupOfRow: grouping.groupOfRow, groupCount: grouping.groupCount, keys: grouping.keys,
                       statistics: statistics, rule: rule, weights: weights)
    }

    /// Values computed elsewhere (a survey design's estimates): `[column][statistic][group]`.
    public typealias Overrides = [String: [DescribeStatistic: [Double?]]]

    /// The general form: `groupOfRow` for the rows in view of `table`, `keys` one column per key
    /// with `groupCount` values; only the groups in `only` (ascending) are listed (nil: all).
    /// Statistics found in `overrides` for a column take those values (design-based estimates).
    public static func table(_ table: Table, columns: [String], groupOfRow: [UInt32], groupCount: Int, keys: [Column],
                             only: [Int]? = nil, statistics: [DescribeStatistic], rule: QuantileRule, weights: Weights? = nil,
                             overrides: Overrides = [:]) throws -> Table {
        if let s = statistics.first(where: { s in s.needsDesign && !columns.allSatisfy { overrides[$0]?[s] != nil } }) {
            throw DescriptiveError.invalidArgument("\"\(s.name)\" needs a survey design", hint: "give --weight (and --strata/--cluster) to get standard errors")
        }
        let g = groupCount
        let listed = only ?? Array(0..<g)
        let needSort = statistics.contains(where: \.needsSortedValues)
        let needMoments = statistics.contains { [.mean, .sd, .variance, .cv, .skewness, .kurtosis, .total, .sumWeight].contains($0) }
        let probabilities = statistics.compactMap { s -> Double? in if case .quantile(let p, _) = s { p } else { nil } }
        var cells = [[Double]](repeating: [], count: statistics.count)
        var names: [String] = []
        var rowGroup: [Int32] = []
        for name in columns {
            let column = try table.column(named: name)
            try column.requireNumeric()
            var values = GroupedValues(column, rows: table.rowIndices, groupOfRow: groupOfRow, groupCount: g, weights: weights)
            if needSort { values.sort() }
            let given = overrides[name] ?? [:]
            for k in listed {
                let moments = needMoments ? values.withGroup(k) { Moments($0, weights: $1) } : nil
                let qs = probabilities.isEmpty ? [] : values.quantiles(k, rule: rule, probabilities: probabilities)
                var qi = 0
                var extremes: (Double, Double)?
                func minMax() -> (Double, Double) {
                    if let extremes { return extremes }
                    let e = values.withGroup(k) { v, _ in
                        if values.isSorted { return v.isEmpty ? (Double.nan, Double.nan) : (v[0], v[v.count - 1]) }
                        return v.isEmpty ? (.nan, .nan) : (v.min()!, v.max()!)
                    }
                    extremes = e
                    return e
                }
                for (si, s) in statistics.enumerated() {
                    if let o = given[s] { cells[si].append(o[k] ?? .nan); if case .quantile = s { qi += 1 }; continue }
                    let v: Double
                    switch s {
                    case .n: v = Double(values.count(k))
                    case .missing: v = Double(values.missing[k])
                    case .sumWeight: v = moments!.weightSum
                    case .mean: v = moments!.mean
                    case .total: v = moments!.total
                    case .sd: v = moments!.standardDeviation
                    case .variance: v = moments!.variance
                    case .cv: v = moments!.coefficientOfVariation
                    case .skewness: v = moments!.skewness
                    case .kurtosis: v = moments!.kurtosis
                    case .min: v = minMax().0
                    case .max: v = minMax().1
                    case .quantile: v = qs[qi]; qi += 1
                    case .gini:
                        v = try values.withGroup(k) { x, w in
                            if let bad = x.first(where: { $0 < 0 }) {
                                throw DescriptiveError.invalidArgument("the Gini coefficient needs values ≥ 0; column \"\(column.name)\" has \(NumberTextLite.format(bad))",
                                                                       hint: "leave negative values out with --where \"\(column.name) >= 0\"")
                            }
                            return Gini.coefficient(sorted: x, weights: w)
                        }
                    default: v = .nan
                    }
                    cells[si].append(v)
                }
                names.append(column.name)
                rowGroup.append(Int32(k))
            }
        }
        // Group-major order: keys ascending, then the columns in the order asked.
        let order = rowGroup.indices.sorted { (rowGroup[$0], $0) < (rowGroup[$1], $1) }
        var out: [Column] = keys.map { $0.gathering(order.map { rowGroup[$0] }) }
        out.append(Column("column", strings: order.map { names[$0] }))
        for (si, s) in statistics.enumerated() {
            let vals = order.map { cells[si][$0] }
            if s.isCount {
                out.append(Column(s.name, integers: vals.map { Int64($0) }))
            } else {
                out.append(Column(s.name, doubles: vals.map { $0.isNaN ? nil : $0 }))
            }
        }
        return try Table(columns: out)
    }
}
