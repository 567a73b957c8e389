/// The nine sample quantiles of Hyndman & Fan (1996), "Sample quantiles in statistical packages",
/// The American Statistician 50(4), computed exactly as R's `quantile(x, probs, type = 1…9)`
/// (`stats:::quantile.default`, R 4.2), including its fuzz of 4ε on the index.
///
/// With sorted values x₁ ≤ … ≤ xₙ and a probability p:
/// * types 1–3 (discontinuous): `nppm = n·p` (type 3: `n·p − ½`), `j = ⌊nppm + 4ε⌋`,
///   h = [nppm > j] (1), ([nppm > j] + 1) / 2 (2), [nppm ≠ j or j odd] (3); Q = x_j or x_{j+1} by h.
/// * types 4–9 (continuous): `nppm = a + p(n + 1 − a − b)` with (a, b) = (0, 1), (½, ½), (0, 0),
///   (1, 1), (⅓, ⅓), (⅜, ⅜); `j = ⌊nppm + 4ε⌋`, h = nppm − j (0 when |h| < 4ε);
///   Q = (1 − h)·x_j + h·x_{j+1}, with x₀ = x₁ and x_{n+1} = xₙ.
/// Type 7 (R's and numpy's default) is (n − 1)p + 1 interpolation.
extension QuantileRule {
    /// The Hyndman–Fan type (1…9) of an unweighted rule; nil for the weighted-only rules.
    public var hyndmanFanType: Int? {
        switch self {
        case .hf1: 1
        case .hf2: 2
        case .hf3: 3
        case .hf4: 4
        case .hf5: 5
        case .hf6: 6
        case .hf7: 7
        case .hf8: 8
        case .hf9: 9
        case .math, .school, .shahvaish: nil
        }
    }

    /// The quantile at `p` of values already sorted ascending (no NaN). Weighted-only rules use
    /// unit weights (`math` then equals type 1). Empty input gives NaN.
    public func quantile(sorted x: UnsafeBufferPointer<Double>, p: Double) -> Double {
        let n = x.count
        guard n > 0, p >= 0, p <= 1 else { return .nan }
        guard let type = hyndmanFanType else {
            return weightedQuantile(sorted: x, weights: nil, p: p)
        }
        let fuzz = 4 * Double.ulpOfOne
        let nn = Double(n)
        // x(k) with R's padding: x(0) = x₁, x(n+1) = xₙ (1-based k).
        func at(_ k: Int) -> Double { x[min(max(k, 1), n) - 1] }
        if type == 7 {
            let index = 1 + Double(n - 1) * p
            let lo = Int(index.rounded(.down)), hi = Int(index.rounded(.up))
            let q = at(lo)
            let h = index - Double(lo)
            return h > 0 && at(hi) != q ? (1 - h) * q + h * at(hi) : q
        }
        if type <= 3 {
            let nppm = type == 3 ? nn * p - 0.5 : nn * p
            let j = Int((nppm + fuzz).rounded(.down))
            let h: Double
            switch type {
            case 1: h = nppm > Double(j) ? 1 : 0
            case 2: h = ((nppm > Double(j)) ? 2 : 1) / 2
            default: h = (nppm != Double(j) || j % 2 != 0) ? 1 : 0
            }
            return mix(at(j), at(j + 1), h)
        }
        let (a, b): (Double, Double)
        switch type {
        case 4: (a, b) = (0, 1)
        case 5: (a, b) = (0.5, 0.5)
        case 6: (a, b) = (0, 0)
        case 8: (a, b) = (1.0 / 3, 1.0 / 3)
        default: (a, b) = (3.0 / 8, 3.0 / 8)
        }
        let nppm = a + p * (nn + 1 - a - b)
        let j = Int((nppm + fuzz).rounded(.down))
        var h = nppm - Double(j)
        if abs(h) < fuzz { h = 0 }
        return mix(at(j), at(j + 1), h)
    }

    /// Quantiles of unsorted values with NaN (missing) dropped; sorts a copy.
    public func quantiles(_ values: [Double], probabilities: [Double]) -> [Double] {
        let s = values.filter { !$0.isNaN }.sorted()
        return s.withUnsafeBufferPointer { b in probabilities.map { quantile(sorted: b, p: $0) } }
    }

    private func mix(_ lo: Double, _ hi: Double, _ h: Double) -> Double {
        if h == 0 || lo == hi { return lo }
        if h == 1 { return hi }
        return (1 - h) * lo + h * hi
    }
}
