/// Weighted quantiles: the point estimates of R survey's `svyquantile(…, qrule=)` (survey 4.x,
/// `R/qrule.R`), on values sorted ascending with their weights (w ≥ 0; zero weights are dropped,
/// as survey does).
///
/// Implementation goals, in order: 1. the definition TASKS.md P2 states for `math`; 2. survey's
/// point estimates for every other rule; 3. one pass over the sorted values per probability.
///
/// Notation: x₁ ≤ … ≤ xₙ with weights wᵢ, cumulative Cₖ = w₁ + … + wₖ, W = Cₙ.
/// * `math` (default; also `hf1` when weighted): the inverse of the weighted distribution function,
///   Q(p) = min { xₖ : Cₖ ≥ p·W }. Always a data value.
/// * `school` (`hf2`): as `math`, but the mean of xₖ and xₖ₊₁ when Cₖ = p·W exactly.
/// * `hf3`: ties collapsed (weights summed per distinct value); when Cₖ = p·W exactly and k is
///   even, xₖ, otherwise xₖ₊₁ (survey's `qrule_hf3`).
/// * `hf4`: linear interpolation of the weighted distribution function between (Cₖ/W, xₖ) and
///   (Cₖ₊₁/W, xₖ₊₁) for Cₖ ≤ p·W < Cₖ₊₁ (x₁ below C₁/W).
/// * `hf5`…`hf9`: linear interpolation (constant beyond the ends) through the points (pₖ, xₖ) with
///   hf5 pₖ = (Cₖ − wₖ/2)/W; hf6 pₖ = Cₖ/(W + wₙ); hf7 pₖ = Cₖ₋₁/Cₙ₋₁ (C₀ = 0);
///   hf8 pₖ = (Cₖ₋₁/3 + 2Cₖ/3)/(W + wₙ/3); hf9 pₖ = (3Cₖ₋₁/8 + 5Cₖ/8)/(W + wₙ/4).
///   With equal weights these are Hyndman & Fan's types 5–9.
/// * `shahvaish`: Shah & Vaish (2006): with normalized weights w̄ᵢ = wᵢ·n/W and S̄ₖ = w̄₁ + … + w̄ₖ,
///   pₖ = (S̄ₖ + ½ − w̄ₖ/2)/(n + 1), then the step function through (pₖ, xₖ) (left-continuous, as
///   `approx(method = "constant", f = 0, rule = 2)`).
///
/// Deviations from survey 4.x, on purpose: (1) for p·W < C₁ survey's helper `qs()` falls back to
/// position 1 and returns x₂ for `math`/`school`/`hf1`–`hf3` (and extrapolates below x₁ for `hf4`);
/// here these give x₁, the value the definition asks for. (2) survey's `qrule_shahvaish` subtracts
/// the raw wₖ/2 instead of w̄ₖ/2; the two agree when the weights average 1.
extension QuantileRule {
    /// The quantile at `p` of `x` (sorted ascending, no NaN) with weights `w` aligned to `x`
    /// (nil = unit weights). Unweighted Hyndman–Fan types go through `quantile(sorted:p:)`.
    public func weightedQuantile(sorted x: UnsafeBufferPointer<Double>, weights w: UnsafeBufferPointer<Double>?, p: Double) -> Double {
        var q = [Double.nan]
        q.withUnsafeMutableBufferPointer { out in
            weightedQuantiles(sorted: x, weights: w, probabilities: [p], into: out)
        }
        return q[0]
    }

    /// Several quantiles of the same sorted, weighted values (the cumulative weights are built once).
    public func weightedQuantiles(sorted xIn: UnsafeBufferPointer<Double>, weights wIn: UnsafeBufferPointer<Double>?,
                                  probabilities: [Double], into out: UnsafeMutableBufferPointer<Double>) {
        // Drop zero weights; collapse ties for hf3.
        var xs: [Double] = [], ws: [Double] = []
        xs.reserveCapacity(xIn.count); ws.reserveCapacity(xIn.count)
        for i in 0..<xIn.count {
            let wi = wIn?[i] ?? 1
            guard wi > 0 else { continue }
            if self == .hf3, let last = xs.last, last == xIn[i] { ws[ws.count - 1] += wi; continue }
            xs.append(xIn[i]); ws.append(wi)
        }
        let n = xs.count
        guard n > 0 else { for k in probabilities.indices { out[k] = .nan }; return }
        var cum = [Double](repeating: 0, count: n)
        var run = CompensatedSum()
        for i in 0..<n { run.add(ws[i]); cum[i] = run.value }
        let W = cum[n - 1]
        for (k, p) in probabilities.enumerated() {
            guard p >= 0, p <= 1 else { out[k] = .nan; continue }
            out[k] = value(xs, ws, cum, W, p)
        }
    }

    private func value(_ x: [Double], _ w: [Double], _ C: [Double], _ W: Double, _ p: Double) -> Double {
        let n = x.count
        let target = p * W
        // pos = number of k with Cₖ ≤ p·W (0…n); binary search on the increasing C.
        var lo = 0, hi = n
        while lo < hi { let mid = (lo + hi) / 2; if C[mid] <= target { lo = mid + 1 } else { hi = mid } }
        let pos = lo
        let exact = pos >= 1 && C[pos - 1] == target
        func xk(_ k: Int) -> Double { x[min(max(k, 1), n) - 1] }   // 1-based, clamped
        switch self {
        case .math, .hf1:
            return exact ? xk(pos) : xk(pos + 1)
        case .school, .hf2:
            return exact ? (xk(pos) + xk(pos + 1)) / 2 : xk(pos + 1)
        case .hf3:
            return exact && pos % 2 == 0 ? xk(pos) : xk(pos + 1)
        case .hf4:
            if pos == 0 { return x[0] }
            if pos >= n { return x[n - 1] }
            let wlow = p - C[pos - 1] / W, wup = C[pos] / W - p
            let g = wlow / (wup + wlow)
            return x[pos - 1] * (1 - g) + x[pos] * g
        case .hf5, .hf6, .hf7, .hf8, .hf9:
            var pk = [Double](repeating: 0, count: n)
            for i in 0..<n {
                let prev = i == 0 ? 0 : C[i - 1]
                switch self {
                case .hf5: pk[i] = (C[i] - w[i] / 2) / W
                case .hf6: pk[i] = C[i] / (W + w[n - 1])
                case .hf7: pk[i] = n == 1 ? 0 : prev / C[n - 2]
                case .hf8: pk[i] = (prev / 3 + C[i] * 2 / 3) / (W + w[n - 1] / 3)
                default: pk[i] = (prev * 3 / 8 + C[i] * 5 / 8) / (W + w[n - 1] / 4)
                }
            }
            return Self.interpolate(pk, x, p, linear: true)
        case .shahvaish:
            let scale = Double(n) / W
            var pk = [Double](repeating: 0, count: n)
            for i in 0..<n { pk[i] = (C[i] * scale + 0.5 - w[i] * scale / 2) / Double(n + 1) }
            return Self.interpolate(pk, x, p, linear: false)
        }
    }

    /// R's `approx(pk, x, p, rule = 2)`: linear (or left-continuous constant, f = 0) interpolation,
    /// constant beyond the ends. `pk` is non-decreasing.
    static func interpolate(_ pk: [Double], _ x: [Double], _ p: Double, linear: Bool) -> Double {
        let n = pk.count
        if p <= pk[0] { return x[0] }
        if p >= pk[n - 1] { return x[n - 1] }
        // i = last index with pk[i] ≤ p (0 ≤ i < n − 1).
        var lo = 0, hi = n
        while lo < hi { let mid = (lo + hi) / 2; if pk[mid] <= p { lo = mid + 1 } else { hi = mid } }
        let i = lo - 1
        if !linear || pk[i] == p { return x[i] }
        let t = (p - pk[i]) / (pk[i + 1] - pk[i])
        return x[i] + (x[i + 1] - x[i]) * t
    }

    /// Quantiles of unsorted values with weights (NaN values dropped): sorts a copy of the pairs.
    public func weightedQuantiles(_ values: [Double], weights: [Double]?, probabilities: [Double]) -> [Double] {
        var pairs: [(Double, Double)] = []
        pairs.reserveCapacity(values.count)
        for i in values.indices where !values[i].isNaN { pairs.append((values[i], weights?[i] ?? 1)) }
        pairs.sort { $0.0 < $1.0 }
        let xs = pairs.map(\.0), ws = pairs.map(\.1)
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
