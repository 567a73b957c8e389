/// Mean, variance and the third and fourth central moments of a sample, computed so that data
/// with a large mean and a tiny spread (NIST StRD NumAcc3/NumAcc4) keep their digits.
///
/// Implementation goals, in order: 1. accuracy on ill-conditioned data; 2. one definition for
/// weighted and unweighted data; 3. two passes over the values, no allocation.
///
/// Algorithm (corrected two-pass, Chan, Golub & LeVeque 1983): pass 1 takes the compensated mean
/// m₀ = Σwx / Σw; pass 2 accumulates eᵢ = xᵢ − m₀ and Σwe, Σwe² (compensated), Σwe³, Σwe⁴. With
/// δ = Σwe / W the mean is m₀ + δ and the central sums are
/// ```
/// M₂ = Σwe² − Wδ²,   M₃ = Σwe³ − 3δΣwe² + 2Wδ³,   M₄ = Σwe⁴ − 4δΣwe³ + 6δ²Σwe² − 3Wδ⁴.
/// ```
/// Missing values must be removed by the caller (NaN propagates). Weights are sampling weights
/// (w ≥ 0); unweighted data have w = 1.
public struct Moments: Sendable, Equatable {
    /// Number of values (weighted: with w > 0 counted all the same).
    public var n: Int
    /// W = Σw (n when unweighted).
    public var weightSum: Double
    public var isWeighted: Bool
    public var mean: Double
    /// Σwx, compensated: the (estimated) total.
    public var total: Double
    /// Σw(x − mean)², Σw(x − mean)³, Σw(x − mean)⁴.
    public var m2: Double, m3: Double, m4: Double

    /// Moments of `x` (weights `w`, same length, or nil for unweighted).
    ///
    /// When every value is a decimal with at most 4 digits after the point (`DecimalScale`), the
    /// moments are computed on the exact integers k = x·10ᵈ and scaled back: on NIST NumAcc3/NumAcc4
    /// this gives the certified sd to 15 digits, where any algorithm on the binary doubles (R's
    /// included) stops at 9.5 and 8.3 digits.
    public init(_ x: UnsafeBufferPointer<Double>, weights w: UnsafeBufferPointer<Double>? = nil) {
        if let (d, maxScaled) = DecimalScale.detect(x), d > 0, maxScaled < 9.0e15 {
            let s = DecimalScale.power(d)
            self.init(x, weights: w, transform: { DecimalScale.nearest($0 * s) })
            mean /= s; total /= s
            m2 /= s * s; m3 /= s * s * s; m4 /= s * s * s * s
        } else {
            self.init(x, weights: w, transform: { $0 })
        }
    }

    @inline(__always)
    init(_ x: UnsafeBufferPointer<Double>, weights w: UnsafeBufferPointer<Double>?, transform f: (Double) -> Double) {
        n = x.count
        isWeighted = w != nil
        var sw = CompensatedSum(), swx = CompensatedSum()
        if let w {
            for i in 0..<x.count { sw.add(w[i]); swx.add(w[i] * f(x[i])) }
        } else {
            for v in x { swx.add(f(v)) }
            sw.add(Double(x.count))
        }
        let W = sw.value
        weightSum = W
        total = swx.value
        guard n > 0, W > 0 else { mean = .nan; m2 = .nan; m3 = .nan; m4 = .nan; return }
        let m0 = swx.value / W
        var s1 = CompensatedSum(), s2 = CompensatedSum()
        var s3 = 0.0, s4 = 0.0
        for i in 0..<x.count {
            let wi = w?[i] ?? 1
            let e = f(x[i]) - m0, e2 = e * e
            s1.add(wi * e); s2.add(wi * e2)
            s3 += wi * e2 * e; s4 += wi * e2 * e2
        }
        let d = s1.value / W, S2 = s2.value
        mean = m0 + d
        m2 = max(0, S2 - W * d * d)
        m3 = s3 - 3 * d * S2 + 2 * W * d * d * d
        m4 = s4 - 4 * d * s3 + 6 * d * d * S2 - 3 * W * d * d * d * d
    }

    public init(_ x: [Double], weights: [Double]? = nil) {
        self = x.withUnsafeBufferPointer { xb in
            if let weights { return weights.withUnsafeBufferPointer { Moments(xb, weights: $0) } }
            return Moments(xb)
        }
    }

    /// Sample variance. Unweighted: M₂ / (n − 1) (R `var`). Weighted: (M₂ / W) · n / (n − 1), the
    /// point estimate of R survey's `svyvar`.
    public var variance: Double {
        guard n > 1 else { return .nan }
        return isWeighted ? m2 / weightSum * Double(n) / Double(n - 1) : m2 / Double(n - 1)
    }

    public var standardDeviation: Double { variance.squareRoot() }

    /// Coefficient of variation sd / mean (NaN when the mean is 0).
    public var coefficientOfVariation: Double { mean == 0 ? .nan : standardDeviation / mean }

    /// Skewness. Unweighted: the sample-adjusted G₁ = g₁ √(n(n−1)) / (n−2) of SAS, Excel `SKEW` and
    /// scipy `skew(bias=False)`, with g₁ = m₃ / m₂^{3/2} and m_k = M_k / n. Weighted: g₁ with
    /// m_k = M_k / W (no small-sample adjustment is defined for sampling weights). NaN for n < 3
    /// or zero spread.
    public var skewness: Double {
        guard n > 2, m2 > 0 else { return .nan }
        let W = weightSum
        let g1 = (m3 / W) / pow15(m2 / W)
        if isWeighted { return g1 }
        let nn = Double(n)
        return g1 * (nn * (nn - 1)).squareRoot() / (nn - 2)
    }

    /// Excess kurtosis. Unweighted: the sample-adjusted G₂ = ((n+1) g₂ + 6)(n−1) / ((n−2)(n−3)) of
    /// SAS, Excel `KURT` and scipy `kurtosis(fisher=True, bias=False)`, g₂ = m₄ / m₂² − 3. Weighted:
    /// g₂ with m_k = M_k / W. NaN for n < 4 or zero spread.
    public var kurtosis: Double {
        guard n > 3, m2 > 0 else { return .nan }
        let W = weightSum
        let g2 = (m4 / W) / ((m2 / W) * (m2 / W)) - 3
        if isWeighted { return g2 }
        let nn = Double(n)
        return ((nn + 1) * g2 + 6) * (nn - 1) / ((nn - 2) * (nn - 3))
    }

    private func pow15(_ v: Double) -> Double { v * v.squareRoot() }
}
