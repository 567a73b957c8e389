import Foundation

/// The regularized incomplete beta function I_x(a, b), for the t and F distributions.
///
/// Implementation goals, in order: 1. relative accuracy in both tails (p-values of 1e-12 keep
/// their digits), 2. accuracy for large a (t with 10⁶ degrees of freedom), 3. speed.
///
/// Method: the continued fraction of Didonato–Morris / Numerical Recipes (`betacf`, modified
/// Lentz), on the side where it converges fast (x < (a+1)/(a+b+2), else the symmetry
/// I_x(a,b) = 1 − I_{1−x}(b,a)). The prefactor xᵃ(1−x)ᵇ / (a·B(a,b)) is formed in logs with
/// log(x), log(1−x) taken from whichever of x and y = 1 − x is given exactly, and log B(a,b)
/// from Stirling-series differences when a or b is large, so that nothing cancels.
enum IncompleteBeta {
    /// I_x(a, b) and 1 − I_x(a, b) for x in [0, 1] with y = 1 − x given separately (exactly).
    static func regularized(x: Double, y: Double, a: Double, b: Double) -> (lower: Double, upper: Double) {
        if x <= 0 { return (0, 1) }
        if y <= 0 { return (1, 0) }
        let logX = x < 0.5 ? log(x) : log1p(-y)
        let logY = y < 0.5 ? log(y) : log1p(-x)
        let front = exp(a * logX + b * logY - logBeta(a, b))
        if x < (a + 1) / (a + b + 2) {
            let v = front * continuedFraction(x: x, y: y, a: a, b: b) / a
            return (v, 1 - v)
        } else {
            let v = front * continuedFraction(x: y, y: x, a: b, b: a) / b
            return (1 - v, v)
        }
    }

    /// log B(a, b) = log Γ(a) + log Γ(b) − log Γ(a + b), without cancellation for large arguments.
    static func logBeta(_ a: Double, _ b: Double) -> Double {
        let p = min(a, b), q = max(a, b)
        if p >= 10 {
            // Stirling: log Γ(z) = (z − ½) log z − z + ½ log 2π + δ(z).
            let corr = stirlingCorrection(p) + stirlingCorrection(q) - stirlingCorrection(p + q)
            return -0.5 * log(q) + 0.5 * log(2 * Double.pi) + corr
                + (p - 0.5) * log(p / (p + q)) + q * log1p(-p / (p + q))
        }
        if q >= 10 {
            // log Γ(q) − log Γ(p + q) = (q − ½) log(q/(p+q)) − p log(p+q) + p + δ(q) − δ(p+q).
            let corr = stirlingCorrection(q) - stirlingCorrection(p + q)
            return lgamma(p) + corr + p - p * log(p + q) + (q - 0.5) * log1p(-p / (p + q))
        }
        return lgamma(p) + lgamma(q) - lgamma(p + q)
    }

    /// δ(z) = log Γ(z) − [(z − ½) log z − z + ½ log 2π], by its asymptotic series (z ≥ 10).
    static func stirlingCorrection(_ z: Double) -> Double {
        let z2 = 1 / (z * z)
        // 1/(12z) − 1/(360z³) + 1/(1260z⁵) − 1/(1680z⁷) + 1/(1188z⁹)
        return (1.0 / 12 - z2 * (1.0 / 360 - z2 * (1.0 / 1260 - z2 * (1.0 / 1680 - z2 / 1188)))) / z
    }

    /// The continued fraction for I_x(a,b) · a·B(a,b) / (xᵃ(1−x)ᵇ) (modified Lentz), with y = 1 − x.
    ///
    /// Evaluated in extended precision (Float80 on x86-64): near x ≈ (a+1)/(a+b+2) with a large
    /// (Student t with 10⁶ df) the recurrences lose about five digits, which double precision
    /// cannot spare. The first denominator 1 − (a+b)x/(a+1) is formed as (1 − b + (a+b)y)/(a+1)
    /// when x ≥ ½, since it cancels when x is close to 1.
    static func continuedFraction(x xd: Double, y yd: Double, a ad: Double, b bd: Double) -> Double {
        let x = Wide(xd), a = Wide(ad), b = Wide(bd)
        let tiny: Wide = 1e-300
        let eps = Wide.ulpOfOne
        let qab = a + b, qap = a + 1, qam = a - 1
        var c: Wide = 1
        var d = xd < 0.5 ? 1 - qab * x / qap : (1 - b + qab * Wide(yd)) / qap
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var h = d
        for m in 1...10_000 {
            let m = Wide(m), m2 = 2 * m
            var aa = m * (b - m) * x / ((qam + m2) * (a + m2))
            d = 1 + aa * d; if abs(d) < tiny { d = tiny }
            c = 1 + aa / c; if abs(c) < tiny { c = tiny }
            d = 1 / d
            h *= d * c
            aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
            d = 1 + aa * d; if abs(d) < tiny { d = tiny }
            c = 1 + aa / c; if abs(c) < tiny { c = tiny }
            d = 1 / d
            let del = d * c
            h *= del
            if abs(del - 1) < eps { break }
        }
        return Double(h)
    }
}

extension IncompleteBeta {
    /// The p-quantile of the Beta(a, b) distribution (R `qbeta`): the x with I_x(a, b) = p, by
    /// bisection on [0, 1] to the last bit (I_x is monotone; 1100 halvings reach any double).
    static func quantile(_ p: Double, a: Double, b: Double) -> Double {
        guard p >= 0, p <= 1, a > 0, b > 0, a.isFinite, b.isFinite else { return .nan }
        if p == 0 { return 0 }
        if p == 1 { return 1 }
        var lo = 0.0, hi = 1.0
        for _ in 0..<1100 {
            let mid = lo + (hi - lo) / 2
            if mid <= lo || mid >= hi { break }
            if regularized(x: mid, y: 1 - mid, a: a, b: b).lower < p { lo = mid } else { hi = mid }
        }
        return lo + (hi - lo) / 2
    }
}
