import Foundation
import LaborStatTable

/// Inequality under the design, with linearized standard errors, as R `convey` 1.0.1 (on survey 4.5).
///
/// Gini (`svygini`, `CalcGini`/`CalcGini_IF`): with the domain's values sorted ascending (ties in input
/// order), weights w, r_k = Σ_{i≤k} w_i, N = Σ w, T = Σ w x and T₁ = Σ r x w,
///
///     G = (2T₁ − T)/(T·N) − 1 = Σ (2r_k − 1) x_k w_k / (N T) − 1,
///
/// convey's estimator (not weight-scale invariant: the `− 1` is convey's, kept so the numbers agree). Its
/// influence value for unit k (Deville's linearization, convey's `contrastinf`) is
///
///     u_k = 2/(T N) · (T − G_k + x_k w_k + r_k x_k) − 2T₁/(T² N) · x_k − (2T₁ − T)/(T N²),
///
/// G_k = Σ_{i≤k} x_i w_i; the SE is the design's linearized SE of the total of w·u (`svyrecvar(lin/prob)`).
/// Values must be ≥ 0 (a Gini coefficient of incomes, amounts).
extension SurveyDesign {
    /// The Gini coefficient of per-row values (NaN = missing) in each group of the domain, with its SE.
    public func gini(values y: [Double], domain: [Bool]?, groups: Grouping?) throws -> [Estimate] {
        try checkLength(y.count)
        if let bad = y.first(where: { $0 < 0 }) {
            throw SurveyError.badData("the Gini coefficient needs values ≥ 0; found \(bad)", hint: "leave negative values out with --where")
        }
        return try domainRows(domain: domain, groups: groups) { !y[$0].isNaN }.map { rows in
            guard rows.count > 1 else { return Estimate(value: rows.isEmpty ? .nan : 0, n: rows.count) }
            let order = rows.indices.sorted { (y[rows[$0]], $0) < (y[rows[$1]], $1) }
            var n = 0.0, t = 0.0, t1 = 0.0
            var r = [Double](repeating: 0, count: rows.count), g = [Double](repeating: 0, count: rows.count)
            var runW = 0.0, runXW = 0.0
            for k in order {
                let row = rows[k], w = weights[row], x = y[row]
                runW += w; runXW += x * w
                r[k] = runW; g[k] = runXW
                t1 += runW * x * w
            }
            n = runW; t = runXW
            let value = (2 * t1 - t) / (t * n) - 1
            let a = 2 / (t * n), b = -2 * t1 / (t * t * n), c = -(2 * t1 - t) / (t * n * n)
            let z = rows.indices.map { k -> Double in
                let row = rows[k], w = weights[row], x = y[row]
                let u = a * (t - g[k] + x * w + r[k] * x) + b * x + c
                return w * u
            }
            let (v, df) = linearizedVariance(rows: rows, z: z)
            return estimate(value, variance: v, df: df, n: rows.count, srsVariance: nil)
        }
    }

    /// `gini(values:…)` of a numeric column.
    public func gini(_ column: String, domain: [Bool]?, groups: Grouping?) throws -> [Estimate] {
        try gini(values: numericValues(column), domain: domain, groups: groups)
    }
}

/// The gender pay gap, as R `convey` 1.0.1's `svygpg`: (Ȳ_men − Ȳ_women) / Ȳ_men = 1 − R₁/R₂ with R₁, R₂
/// the weighted means of the two groups (R₂ the reference, "men"), and the influence values
/// −(1/R₂)·u₁ + (R₁/R₂²)·u₂, u_j = 1{k ∈ j}(y_k − R_j)/N_j (convey's `contrastinf`); SE linearized.
extension SurveyDesign {
    /// `isReference[r]`: true for the reference group (men), false for the other, nil when missing.
    public func payGap(values y: [Double], isReference: [Bool?], domain: [Bool]?, groups: Grouping?) throws -> [Estimate] {
        try checkLength(y.count)
        try checkLength(isReference.count)
        return try domainRows(domain: domain, groups: groups) { !y[$0].isNaN && isReference[$0] != nil }.map { rows in
            var n = [0.0, 0.0], s = [0.0, 0.0]
            for r in rows { let j = isReference[r]! ? 1 : 0; n[j] += weights[r]; s[j] += weights[r] * y[r] }
            guard n[0] > 0, n[1] > 0 else { return Estimate(value: .nan, n: rows.count) }
            let r1 = s[0] / n[0], r2 = s[1] / n[1]
            let z = rows.map { r -> Double in
                let u = isReference[r]! ? (r1 / (r2 * r2)) * (y[r] - r2) / n[1] : -(1 / r2) * (y[r] - r1) / n[0]
                return weights[r] * u
            }
            let (v, df) = linearizedVariance(rows: rows, z: z)
            return estimate(1 - r1 / r2, variance: v, df: df, n: rows.count, srsVariance: nil)
        }
    }
}
