import Foundation
import LaborStatTable

/// Means, totals, ratios, proportions and variances under the design, per group of a domain.
///
/// Every estimator takes `domain` (one flag per physical row; nil = every row) and `groups` (a
/// `Grouping` of the full table; nil = one group) and returns one result per group, in group order.
/// Domain and group are domains in the survey sense: the design stays whole (R `subset(design, …)`,
/// `svyby`). A row whose analysis value is missing leaves the domain (R `na.rm = TRUE`).
///
/// Standard errors are Taylor-linearized (`SurveyDesign+Variance.swift`); confidence intervals are
/// estimate ± c·SE with c the normal quantile, or with `--df design` Student's t on the domain's
/// PSUs − strata degrees of freedom (R `confint(…, df = degf(subset))`); none when that df is 0.
/// Design effects are R's `deff = TRUE`: the design variance over the variance of a simple random sample
/// without replacement of the same size from a population of Ŵ (the domain's weight sum), nil where R
/// reports NA or Inf (Ŵ ≤ n).
extension SurveyDesign {
    // MARK: - Mean and total

    /// Weighted mean Ȳ = Σ w y / Σ w (R `svymean`), with influence values w (y − Ȳ)/Ŵ.
    public func mean(_ column: String, domain: [Bool]?, groups: Grouping?) throws -> [Estimate] {
        try mean(values: numericValues(column), domain: domain, groups: groups)
    }

    /// The mean of per-row values computed by the caller (NaN = missing), e.g. a derived variable.
    public func mean(values y: [Double], domain: [Bool]?, groups: Grouping?) throws -> [Estimate] {
        try checkLength(y.count)
        return try domainRows(domain: domain, groups: groups) { !y[$0].isNaN }.map { rows in
            guard !rows.isEmpty else { return Estimate.empty }
            let (wsum, wy) = sums(rows, y)
            let mean = wy / wsum
            let z = rows.map { weights[$0] * (y[$0] - mean) / wsum }
            let (v, df) = linearizedVariance(rows: rows, z: z)
            let vsrs = srsVarianceOfMean(rows: rows, values: y, centre: mean, weightSum: wsum)
            let e = estimate(mean, variance: v, df: df, n: rows.count, srsVariance: vsrs)
            // The mean of a 0/1 column is a share: its interval by `spec.shareInterval` (svyciprop).
            return rows.allSatisfy({ y[$0] == 0 || y[$0] == 1 }) ? shareInterval(e, df: df) : e
        }
    }

    /// Weighted total Ŷ = Σ w y (R `svytotal`), with influence values w y.
    public func total(_ column: String, domain: [Bool]?, groups: Grouping?) throws -> [Estimate] {
        try total(values: numericValues(column), domain: domain, groups: groups)
    }

    /// The total of per-row values computed by the caller (NaN = missing).
    public func total(values y: [Double], domain: [Bool]?, groups: Grouping?) throws -> [Estimate] {
        try checkLength(y.count)
        return try domainRows(domain: domain, groups: groups) { !y[$0].isNaN }.map { rows in
            guard !rows.isEmpty else { return Estimate(value: 0, standardError: 0, ciLow: 0, ciHigh: 0, n: 0) }
            let (wsum, wy) = sums(rows, y)
            let z = rows.map { weights[$0] * y[$0] }
            let (v, df) = linearizedVariance(rows: rows, z: z)
            let vsrs = srsVarianceOfMean(rows: rows, values: y, centre: wy / wsum, weightSum: wsum).map { $0 * wsum * wsum }
            return estimate(wy, variance: v, df: df, n: rows.count, srsVariance: vsrs)
        }
    }

    /// Ratio of totals R̂ = Σ w y / Σ w x (R `svyratio`), over rows where both are present, with
    /// influence values w (y − R̂ x) / X̂. Its design effect is that of the total of (y − R̂ x)/X̂, as R.
    public func ratio(numerator: String, denominator: String, domain: [Bool]?, groups: Grouping?) throws -> [Estimate] {
        try ratio(numerator: numericValues(numerator), denominator: numericValues(denominator), domain: domain, groups: groups)
    }

    /// The ratio of totals of per-row values computed by the caller (NaN = missing).
    public func ratio(numerator y: [Double], denominator x: [Double], domain: [Bool]?, groups: Grouping?) throws -> [Estimate] {
        try checkLength(y.count)
        try checkLength(x.count)
        return try domainRows(domain: domain, groups: groups) { !y[$0].isNaN && !x[$0].isNaN }.map { rows in
            guard !rows.isEmpty else { return Estimate.empty }
            var wsum = 0.0, wy = 0.0, wx = 0.0
            for r in rows { wsum += weights[r]; wy += weights[r] * y[r]; wx += weights[r] * x[r] }
            let ratio = wy / wx
            var residual = [Double](repeating: .nan, count: rowCount)
            for r in rows { residual[r] = (y[r] - ratio * x[r]) / wx }
            let z = rows.map { weights[$0] * residual[$0] }
            let (v, df) = linearizedVariance(rows: rows, z: z)
            let (_, wr) = sums(rows, residual)
            let vsrs = srsVarianceOfMean(rows: rows, values: residual, centre: wr / wsum, weightSum: wsum).map { $0 * wsum * wsum }
            return estimate(ratio, variance: v, df: df, n: rows.count, srsVariance: vsrs)
        }
    }

    /// Population variance under the design (R `svyvar`): s² = Σ w (y − Ȳ)² / Ŵ · n/(n − 1), with its
    /// standard error as R gives it (the mean of n/(n − 1)·(y − Ȳ)² with Ȳ held fixed). n counts the rows
    /// with a value (R's `svyvar` counts the rows of the domain before dropping missing values; we follow
    /// `svyvar` on the design without the missing rows).
    public func variance(_ column: String, domain: [Bool]?, groups: Grouping?) throws -> [Estimate] {
        try variance(values: numericValues(column), domain: domain, groups: groups)
    }

    /// The population variance of per-row values computed by the caller (NaN = missing).
    public func variance(values y: [Double], domain: [Bool]?, groups: Grouping?) throws -> [Estimate] {
        try checkLength(y.count)
        return try domainRows(domain: domain, groups: groups) { !y[$0].isNaN }.map { rows in
            guard rows.count > 1 else { return Estimate(value: .nan, n: rows.count) }
            let (wsum, wy) = sums(rows, y)
            let mean = wy / wsum
            let n = Double(rows.count)
            var u = [Double](repeating: .nan, count: rowCount)
            for r in rows { let d = y[r] - mean; u[r] = d * d * n / (n - 1) }
            let (_, wu) = sums(rows, u)
            let s2 = wu / wsum
            let z = rows.map { weights[$0] * (u[$0] - s2) / wsum }
            let (v, df) = linearizedVariance(rows: rows, z: z)
            return estimate(s2, variance: v, df: df, n: rows.count, srsVariance: nil)
        }
    }

    // MARK: - Proportions

    /// Shares of each level of a categorical column (R `svymean(~factor(x))`): for level k,
    /// p̂_k = Σ_{x = k} w / Σ w with influence values w (1{x = k} − p̂_k)/Ŵ. Levels are those of the whole
    /// table (so every group lists every level, with 0 where absent), sorted by value for numbers and by
    /// code point for text. Confidence intervals by `spec.shareInterval` (R `svyciprop`; `.wald` is
    /// `confint(svymean(…))`).
    public func proportions(_ column: String, domain: [Bool]?, groups: Grouping?) throws -> [[(level: String, estimate: Estimate)]] {
        let (code, levels) = try levelCodes(column)
        return try proportions(levelOfRow: code, levels: levels, domain: domain, groups: groups)
    }

    /// Shares of levels given per row by the caller: `levelOfRow[r]` indexes `levels` (−1 = missing).
    /// For a two-way table's cell shares, pass cell codes `r·(column levels) + c` and the cell names.
    public func proportions(levelOfRow code: [Int32], levels: [String], domain: [Bool]?, groups: Grouping?) throws -> [[(level: String, estimate: Estimate)]] {
        try checkLength(code.count)
        if let bad = code.first(where: { Int($0) >= levels.count }) {
            throw SurveyError.usage("level code \(bad) but only \(levels.count) levels")
        }
        return try domainRows(domain: domain, groups: groups) { code[$0] >= 0 }.map { rows in
            guard !rows.isEmpty else { return levels.map { ($0, Estimate.empty) } }
            var wsum = 0.0
            var wk = [Double](repeating: 0, count: levels.count)
            for r in rows { wsum += weights[r]; wk[Int(code[r])] += weights[r] }
            return levels.indices.map { k in
                let share = wk[k] / wsum
                let z = rows.map { weights[$0] * ((Int(code[$0]) == k ? 1 : 0) - share) / wsum }
                let (v, df) = linearizedVariance(rows: rows, z: z)
                let n = Double(rows.count)
                let vsrs: Double? = wsum > n ? share * (1 - share) * n / (n - 1) * (wsum - n) / (wsum * n) : nil
                return (levels[k], shareInterval(estimate(share, variance: v, df: df, n: rows.count, srsVariance: vsrs), df: df))
            }
        }
    }

    // MARK: - Helpers

    /// Per-row inputs must cover every physical row of the design's table.
    func checkLength(_ count: Int) throws {
        if count != rowCount { throw SurveyError.usage("per-row values have \(count) rows, the design \(rowCount)") }
    }

    /// The rows of each group that enter an estimate: in `domain`, in the group, and `present`.
    func domainRows(domain: [Bool]?, groups: Grouping?, present: (Int) -> Bool) throws -> [[Int]] {
        if let domain, domain.count != rowCount {
            throw SurveyError.usage("the domain mask has \(domain.count) rows, the design \(rowCount)")
        }
        if let groups, groups.groupOfRow.count != rowCount {
            throw SurveyError.usage("the grouping covers \(groups.groupOfRow.count) rows, the design \(rowCount): group the full table")
        }
        var out = [[Int]](repeating: [], count: groups?.groupCount ?? 1)
        for r in 0..<rowCount where (domain?[r] ?? true) && present(r) {
            out[groups.map { Int($0.groupOfRow[r]) } ?? 0].append(r)
        }
        return out
    }

    /// A numeric column's values per physical row, NaN where missing.
    func numericValues(_ name: String) throws -> [Double] {
        let column = try table.column(named: name)
        try column.requireClean()
        return try column.physicalDoubles()
    }

    /// Per row the index of its level (−1 when missing), and the sorted levels of the whole column.
    func levelCodes(_ name: String) throws -> (codes: [Int32], levels: [String]) {
        let column = try table.column(named: name)
        try column.requireClean()
        let grouping = try Grouping(try Table(columns: [column]), by: [KeySpec(column.name)])
        let key = grouping.keys[0]
        var levels: [String] = []
        var levelOfGroup = [Int32](repeating: -1, count: grouping.groupCount)
        for g in 0..<grouping.groupCount {
            if let s = key.string(at: g) { levelOfGroup[g] = Int32(levels.count); levels.append(s) }
        }
        return (grouping.groupOfRow.map { levelOfGroup[Int($0)] }, levels)
    }

    /// (Σ w, Σ w v) over rows.
    func sums(_ rows: [Int], _ v: [Double]) -> (Double, Double) {
        var w = 0.0, wv = 0.0
        for r in rows { w += weights[r]; wv += weights[r] * v[r] }
        return (w, wv)
    }

    /// R's SRS-without-replacement variance of a mean: svyvar · (Ŵ − n)/(Ŵ n), svyvar = Σ w (v − c)²/Ŵ ·
    /// n/(n − 1); nil when Ŵ ≤ n (R: NA with a warning, or Inf).
    func srsVarianceOfMean(rows: [Int], values: [Double], centre: Double, weightSum: Double) -> Double? {
        let n = Double(rows.count)
        guard n > 1, weightSum > n else { return nil }
        var s = 0.0
        for r in rows { let d = values[r] - centre; s += weights[r] * d * d }
        let svyvar = s / weightSum * n / (n - 1)
        return svyvar * (weightSum - n) / (weightSum * n)
    }

    /// An estimate with SE √v, its confidence interval, and v / vsrs as the design effect.
    func estimate(_ value: Double, variance: Double, df: Int, n: Int, srsVariance: Double?) -> Estimate {
        let se = variance.squareRoot()
        var low: Double? = nil, high: Double? = nil
        if let c = critical(df: df), se.isFinite {
            low = value - c * se
            high = value + c * se
        }
        var deff: Double? = nil
        if let s = srsVariance, s > 0, s.isFinite { deff = variance / s }
        return Estimate(value: value, standardError: se.isNaN ? nil : se, ciLow: low, ciHigh: high, n: n, designEffect: deff)
    }

    /// A share's estimate with its interval by `spec.shareInterval` (the Wald one is `estimate`'s).
    func shareInterval(_ e: Estimate, df: Int) -> Estimate {
        guard spec.shareInterval != .wald else { return e }
        var out = e
        let (low, high) = spec.shareInterval.limits(share: e.value, se: e.standardError ?? .nan, critical: critical(df: df),
                                                    level: spec.level, rows: e.n, designDF: df)
        out.ciLow = low
        out.ciHigh = high
        return out
    }

    /// The two-sided critical value at `spec.level`: normal, or t on `df` (nil when df < 1).
    func critical(df: Int) -> Double? {
        switch spec.df {
        case .normal: return SurveyDistributions.critical(level: spec.level, df: .infinity)
        case .design: return df >= 1 ? SurveyDistributions.critical(level: spec.level, df: Double(df)) : nil
        }
    }
}

extension Estimate {
    /// The estimate of an empty domain: undefined, no rows.
    static var empty: Estimate { Estimate(value: .nan, n: 0) }
}
