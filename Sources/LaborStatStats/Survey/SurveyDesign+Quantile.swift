import Foundation
import LaborStatTable

/// Quantiles under the design with Woodruff confidence intervals, as R `survey` 4.5's `svyquantile`
/// (`interval.type = "mean"`, its default).
///
/// Implementation goals, in order: 1. the same point estimate as `svyquantile(qrule=)` for every rule,
/// ties and R's edge cases included — by `WeightedQuantile`, the one weighted-quantile routine, which
/// `describe` without standard errors uses too (an estimate never depends on whether `_se` was asked);
/// 2. the same interval; 3. one sort per domain.
///
/// Woodruff (1952): with q̂ the p-quantile, the share p̂ = Σ w·1{y ≤ q̂} / Σ w is a mean with a
/// linearized SE; its interval p̂ ± c·SE(p̂) is mapped back through the same quantile rule:
/// [Q(p̂ − c·SE), Q(p̂ + c·SE)]. A limit whose share falls below 0 or above 1 is undefined (nil; R NaN).
/// The SE reported is the interval's width / (2c), as R's. `c` is the normal quantile, or t on the
/// domain's design df with `--df design` — note that R's `svyquantile` itself defaults to the design df
/// (`df = degf(design)`), so `--df design` reproduces R's defaults exactly, `--df normal` R's `df = Inf`.
extension SurveyDesign {
    /// For each group, one estimate per probability (probabilities in [0, 1]). `intervals: false` skips
    /// the Woodruff intervals (one variance pass per probability) when only the quantiles are wanted.
    public func quantiles(_ column: String, probabilities: [Double], rule: QuantileRule = .math,
                          domain: [Bool]?, groups: Grouping?, intervals: Bool = true) throws -> [[Estimate]] {
        if let bad = probabilities.first(where: { !($0 >= 0 && $0 <= 1) }) {
            throw SurveyError.usage("quantile probability \(bad) is outside [0, 1]")
        }
        return try quantiles(values: numericValues(column), probabilities: probabilities, rule: rule, domain: domain, groups: groups, intervals: intervals)
    }

    /// Quantiles of per-row values computed by the caller (NaN = missing).
    public func quantiles(values y: [Double], probabilities: [Double], rule: QuantileRule = .math,
                          domain: [Bool]?, groups: Grouping?, intervals: Bool = true) throws -> [[Estimate]] {
        try checkLength(y.count)
        if let bad = probabilities.first(where: { !($0 >= 0 && $0 <= 1) }) {
            throw SurveyError.usage("quantile probability \(bad) is outside [0, 1]")
        }
        return try domainRows(domain: domain, groups: groups) { !y[$0].isNaN }.map { rows in
            guard !rows.isEmpty else { return probabilities.map { _ in Estimate.empty } }
            let w = rows.map { weights[$0] }
            let q = WeightedQuantile(values: rows.map { y[$0] }, weights: w)
            return probabilities.map { p in
                let value = q.quantile(p, rule: rule)
                guard intervals else { return Estimate(value: value, n: rows.count) }
                // Share of the domain at or below the estimate, and its linearized SE.
                var wsum = 0.0, wbelow = 0.0
                for r in rows { wsum += weights[r]; if y[r] <= value { wbelow += weights[r] } }
                let share = wbelow / wsum
                let z = rows.map { weights[$0] * ((y[$0] <= value ? 1 : 0) - share) / wsum }
                let (v, df) = linearizedVariance(rows: rows, z: z)
                let se = v.squareRoot()
                guard let c = critical(df: df), se.isFinite else { return Estimate(value: value, n: rows.count) }
                let lowShare = share - c * se, highShare = share + c * se
                let low = lowShare.isNaN || lowShare < 0 ? nil : q.quantile(lowShare, rule: rule)
                let high = highShare.isNaN || highShare > 1 ? nil : q.quantile(highShare, rule: rule)
                let width = (low != nil && high != nil) ? (high! - low!) / (2 * c) : nil
                return Estimate(value: value, standardError: width, ciLow: low, ciHigh: high, n: rows.count)
            }
        }
    }
}
