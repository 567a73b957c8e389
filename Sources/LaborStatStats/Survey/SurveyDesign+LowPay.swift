import Foundation
import LaborStatTable

/// Low pay under the design, as R `convey` 1.0.1's at-risk-of-poverty threshold and rate (`svyarpt`,
/// `svyarpr`; Osier 2009, Deville 1999), with `fraction` = convey's `percent` (2/3 for low pay) and
/// `quantile` its `quantiles` (0.5: the median).
///
/// - Threshold of a domain D: t = fraction · Q_D(quantile), Q the weighted quantile (R `oldsvyquantile(method =
///   "constant")`: the smallest x with F(x) ≥ p, the `math` rule). Influence values, zero outside D:
///   u_k = −fraction/(N_D f_D(Q)) · (1{x_k ≤ Q} − quantile), f_D the Gaussian-kernel density of D at Q with
///   bandwidth h_D = sd_D / N_D^0.2 (sd with divisor N_D: convey's `h_fun`, `densfun`).
/// - Rate of a domain D: the share of D at or below the threshold t of the *whole sample* (convey's full
///   design), r = Σ_D w 1{x ≤ t} / N_D, with influence values 1{k∈D}(1{x_k ≤ t} − r)/N_D + f_D(t) · u_k(t),
///   u(t) the whole sample's threshold influence values.
/// Standard errors: the design's linearized SE of the totals of w·u over the whole sample (rows with a
/// value; `svyrecvar(lin/prob)` on the full design), so strata and PSUs stay whole.
extension SurveyDesign {
    public struct LowPay: Sendable, Equatable {
        public var threshold: Estimate
        public var rate: Estimate
    }

    /// Per group of the domain: the group's threshold and its rate below the whole sample's threshold.
    public func lowPay(values y: [Double], fraction: Double, quantile: Double, domain: [Bool]?, groups: Grouping?) throws -> [LowPay] {
        try checkLength(y.count)
        guard fraction > 0, quantile > 0, quantile < 1 else {
            throw SurveyError.usage("low pay needs a fraction > 0 and a quantile strictly between 0 and 1")
        }
        let all = (0..<rowCount).filter { !y[$0].isNaN }
        let whole = thresholdParts(y, rows: all, fraction: fraction, quantile: quantile)
        var inAll = [Int](repeating: -1, count: rowCount)
        for (k, r) in all.enumerated() { inAll[r] = k }
        return try domainRows(domain: domain, groups: groups) { !y[$0].isNaN }.map { rows in
            guard rows.count > 1 else { return LowPay(threshold: .empty, rate: .empty) }
            // The group's own threshold.
            let own = thresholdParts(y, rows: rows, fraction: fraction, quantile: quantile)
            var zt = [Double](repeating: 0, count: all.count)
            for (k, r) in rows.enumerated() { zt[inAll[r]] = weights[r] * own.influence[k] }
            let (vt, dft) = linearizedVariance(rows: all, z: zt)
            // The rate below the whole sample's threshold.
            var n = 0.0, below = 0.0
            for r in rows { n += weights[r]; if y[r] <= whole.threshold { below += weights[r] } }
            let rate = below / n
            let density = kernelDensity(y, rows: rows, at: whole.threshold, bandwidth: bandwidth(y, rows: rows))
            var zr = (0..<all.count).map { weights[all[$0]] * density * whole.influence[$0] }
            for r in rows { zr[inAll[r]] += weights[r] * ((y[r] <= whole.threshold ? 1 : 0) - rate) / n }
            let (vr, dfr) = linearizedVariance(rows: all, z: zr)
            return LowPay(threshold: estimate(own.threshold, variance: vt, df: dft, n: rows.count, srsVariance: nil),
                          rate: estimate(rate, variance: vr, df: dfr, n: rows.count, srsVariance: nil))
        }
    }

    /// fraction · Q(quantile) over `rows` and its influence values (aligned with `rows`).
    func thresholdParts(_ y: [Double], rows: [Int], fraction: Double, quantile: Double) -> (threshold: Double, influence: [Double]) {
        let q = WeightedQuantile(values: rows.map { y[$0] }, weights: rows.map { weights[$0] }).quantileOrNaN(quantile, rule: .math)
        var n = 0.0
        for r in rows { n += weights[r] }
        let density = kernelDensity(y, rows: rows, at: q, bandwidth: bandwidth(y, rows: rows))
        let scale = -fraction / (n * density)
        return (fraction * q, rows.map { scale * ((y[$0] <= q ? 1 : 0) - quantile) })
    }

    /// convey's `h_fun`: the weighted sd (divisor N) over N^0.2.
    func bandwidth(_ y: [Double], rows: [Int]) -> Double {
        var n = 0.0, s = 0.0, s2 = 0.0
        for r in rows { let w = weights[r], x = y[r]; n += w; s += w * x; s2 += w * x * x }
        return ((s2 - s * s / n) / n).squareRoot() / exp(0.2 * log(n))
    }

    /// convey's `densfun(FUN = "F")`: Σ φ((x₀ − x)/h) w / (N h).
    func kernelDensity(_ y: [Double], rows: [Int], at x0: Double, bandwidth h: Double) -> Double {
        var n = 0.0, s = 0.0
        for r in rows {
            let u = (x0 - y[r]) / h
            n += weights[r]
            s += exp(-u * u / 2) / (2 * Double.pi).squareRoot() * weights[r]
        }
        return s / (n * h)
    }
}
