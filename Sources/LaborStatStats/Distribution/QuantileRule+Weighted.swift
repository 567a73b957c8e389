/// Weighted quantiles: the point estimates of R survey's `svyquantile(…, qrule=)` (survey 4.5,
/// `R/qrule.R`), on values sorted ascending with their weights (w ≥ 0; zero weights are dropped,
/// as survey does). Every rule is computed by `WeightedQuantile` — the same routine the design-based
/// quantiles and their intervals use, so a quantile is the same number whether or not its SE is asked.
///
/// Notation: x₁ ≤ … ≤ xₙ with weights wᵢ, cumulative Cₖ = w₁ + … + wₖ, W = Cₙ.
/// * `math` (default; also `hf1` when weighted): the inverse of the weighted distribution function,
///   Q(p) = min { xₖ : Cₖ ≥ p·W }. Always a data value; x₁ for p·W ≤ C₁.
/// * `school` (`hf2`): as `math`, but the mean of xₖ and xₖ₊₁ when Cₖ = p·W exactly.
/// * `hf3`: ties collapsed (weights summed per distinct value); when Cₖ = p·W exactly and k is
///   even, xₖ, otherwise xₖ₊₁ (survey's `qrule_hf3`; below C₁ that is x₂, as survey).
/// * `hf4`: linear interpolation of the weighted distribution function between (Cₖ/W, xₖ) and
///   (Cₖ₊₁/W, xₖ₊₁) for Cₖ ≤ p·W < Cₖ₊₁ (as survey, extrapolated from (C₁, C₂) below C₁, and 0/0 =
///   empty at p = 1).
/// * `hf5`…`hf9`: linear interpolation (constant beyond the ends) through the points (pₖ, xₖ) with
///   hf5 pₖ = (Cₖ − wₖ/2)/W; hf6 pₖ = Cₖ/(W + wₙ); hf7 pₖ = Cₖ₋₁/Cₙ₋₁ (C₀ = 0);
///   hf8 pₖ = (Cₖ₋₁/3 + 2Cₖ/3)/(W + wₙ/3); hf9 pₖ = (3Cₖ₋₁/8 + 5Cₖ/8)/(W + wₙ/4).
///   With equal weights these are Hyndman & Fan's types 5–9.
/// * `shahvaish`: Shah & Vaish (2006), as survey codes it: pₖ = (Sₖ + ½ − wₖ/2)/(n + 1) with Sₖ the
///   cumulative sum of wᵢ·n/W (survey subtracts the raw wₖ/2), then the step function through (pₖ, xₖ).
extension QuantileRule {
    /// The quantile at `p` of `x` (sorted ascending, no NaN) with weights `w` aligned to `x`
    /// (nil = unit weights). Unweighted Hyndman–Fan types go through `quantile(sorted:p:)`.
    public func weightedQuantile(sorted x: UnsafeBufferPointer<Double>, weights w: UnsafeBufferPointer<Double>?, p: Double) -> Double {
        WeightedQuantile(sorted: x, weights: w).quantileOrNaN(p, rule: self)
    }

    /// Several quantiles of the same sorted, weighted values (the cumulative weights are built once).
    public func weightedQuantiles(sorted xIn: UnsafeBufferPointer<Double>, weights wIn: UnsafeBufferPointer<Double>?,
                                  probabilities: [Double], into out: UnsafeMutableBufferPointer<Double>) {
        let q = WeightedQuantile(sorted: xIn, weights: wIn)
        for (k, p) in probabilities.enumerated() { out[k] = q.quantileOrNaN(p, rule: self) }
    }

    /// Quantiles of unsorted values with weights (NaN values dropped): sorts a copy of the pairs.
    public func weightedQuantiles(_ values: [Double], weights: [Double]?, probabilities: [Double]) -> [Double] {
        // Stable (ties keep input order, as R's `order`): sort positions by (value, position).
        let order = values.indices.filter { !values[$0].isNaN }.sorted { (values[$0], $0) < (values[$1], $1) }
        let xs = order.map { values[$0] }, ws = order.map { weights?[$0] ?? 1 }
        var out = [Double](repeating: .nan, count: probabilities.count)
        xs.withUnsafeBufferPointer { xb in
            ws.withUnsafeBufferPointer { wb in
                out.withUnsafeMutableBufferPointer { weightedQuantiles(sorted: xb, weights: wb, probabilities: probabilities, into: $0) }
            }
        }
        return out
    }

    /// A short description for `--help` and JSON metadata.
    public var summary: String {
        switch self {
        case .math: "math: smallest x with weighted F(x) ≥ p (R survey qrule=\"math\")"
        case .school: "school: as math, mean of the two candidates when F(x) = p (R survey qrule=\"school\")"
        case .shahvaish: "shahvaish: Shah & Vaish (2006) (R survey qrule=\"shahvaish\")"
        default: "\(rawValue): Hyndman & Fan type \(hyndmanFanType!) (R quantile(type=\(hyndmanFanType!)); weighted: survey qrule=\"\(rawValue)\")"
        }
    }
}
