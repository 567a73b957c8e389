import Foundation

/// The normal, Student t and F distributions that tests and intervals need: tails computed
/// directly (never as 1 − CDF), so small p-values keep their relative accuracy.
///
/// Matched against `scipy.stats.norm`, `scipy.stats.t`, `scipy.stats.f` (and R's `pnorm`, `pt`,
/// `qt`, `pf`): see `Tests/LaborStatStatsTests/References/regress/distributions.*`.
public enum SamplingDistribution {
    // MARK: - Normal

    /// Φ(z), the standard normal CDF.
    public static func normalCDF(_ z: Double) -> Double { 0.5 * erfc(-z / 2.0.squareRoot()) }

    /// 1 − Φ(z), computed directly.
    public static func normalSurvival(_ z: Double) -> Double { 0.5 * erfc(z / 2.0.squareRoot()) }

    /// Φ⁻¹(p): Wichura's algorithm AS 241 (PPND16), about 16 digits.
    public static func normalQuantile(_ p: Double) -> Double {
        if p.isNaN || p < 0 || p > 1 { return .nan }
        if p == 0 { return -.infinity }
        if p == 1 { return .infinity }
        let q = p - 0.5
        if abs(q) <= 0.425 {
            let r = 0.180625 - q * q
            let num = (((((((2509.0809287301226727 * r + 33430.575583588128105) * r + 67265.770927008700853) * r
                + 45921.953931549871457) * r + 13731.693765509461125) * r + 1971.5909503065514427) * r
                + 133.14166789178437745) * r + 3.387132872796366608)
            let den = (((((((5226.495278852545925 * r + 28729.085735721942674) * r + 39307.89580009271061) * r
                + 21213.794301586595867) * r + 5394.1960214247511077) * r + 687.1870074920579083) * r
                + 42.313330701600911252) * r + 1)
            return q * num / den
        }
        var r = q < 0 ? p : 1 - p
        r = (-log(r)).squareRoot()
        var value: Double
        if r <= 5 {
            r -= 1.6
            value = (((((((7.7454501427834140764e-4 * r + 0.0227238449892691845833) * r + 0.24178072517745061177) * r
                + 1.27045825245236838258) * r + 3.64784832476320460504) * r + 5.7694972214606914055) * r
                + 4.6303378461565452959) * r + 1.42343711074968357734)
                / (((((((1.05075007164441684324e-9 * r + 5.475938084995344946e-4) * r + 0.0151986665636164571966) * r
                + 0.14810397642748007459) * r + 0.68976733498510000455) * r + 1.6763848301838038494) * r
                + 2.05319162663775882187) * r + 1)
        } else {
            r -= 5
            value = (((((((2.01033439929228813265e-7 * r + 2.71155556874348757815e-5) * r + 0.0012426609473880784386) * r
                + 0.026532189526576123093) * r + 0.29656057182850489123) * r + 1.7848265399172913358) * r
                + 5.4637849111641143699) * r + 6.6579046435011037772)
                / (((((((2.04426310338993978564e-15 * r + 1.4215117583164458887e-7) * r + 1.8463183175100546818e-5) * r
                + 7.868691311456132591e-4) * r + 0.0148753612908506148525) * r + 0.13692988092273580531) * r
                + 0.59983220655588793769) * r + 1)
        }
        return q < 0 ? -value : value
    }

    /// Two-sided normal p-value 2(1 − Φ(|z|)).
    public static func normalTwoSided(_ z: Double) -> Double { z.isNaN ? .nan : erfc(abs(z) / 2.0.squareRoot()) }

    // MARK: - Student t

    /// P(T > t) for Student's t with `df` degrees of freedom: ½·I_{ν/(ν+t²)}(ν/2, ½) for t > 0.
    public static func tSurvival(_ t: Double, df: Double) -> Double {
        if t.isNaN || df.isNaN || df <= 0 { return .nan }
        if t.isInfinite { return t > 0 ? 0 : 1 }
        if df.isInfinite { return normalSurvival(t) }
        let t2 = t * t
        let x = df / (df + t2), y = t2 / (df + t2)
        let tail = 0.5 * IncompleteBeta.regularized(x: x, y: y, a: df / 2, b: 0.5).lower
        return t > 0 ? tail : 1 - tail
    }

    /// P(T ≤ t).
    public static func tCDF(_ t: Double, df: Double) -> Double { tSurvival(-t, df: df) }

    /// Two-sided p-value 2·P(T > |t|).
    public static func tTwoSided(_ t: Double, df: Double) -> Double {
        if t.isNaN { return .nan }
        return min(1, 2 * tSurvival(abs(t), df: df))
    }

    /// The density of Student's t.
    public static func tDensity(_ t: Double, df: Double) -> Double {
        exp(-IncompleteBeta.logBeta(df / 2, 0.5) - 0.5 * log(df) - (df + 1) / 2 * log1p(t * t / df))
    }

    /// The quantile t_p(ν): Newton's method on the upper tail from a Cornish–Fisher start, kept
    /// inside a bracket; exact forms for ν = 1 and ν = 2.
    public static func tQuantile(_ p: Double, df: Double) -> Double {
        if p.isNaN || df.isNaN || p < 0 || p > 1 || df <= 0 { return .nan }
        if p == 0 { return -.infinity }
        if p == 1 { return .infinity }
        if p == 0.5 { return 0 }
        if df.isInfinite { return normalQuantile(p) }
        let upper = p > 0.5
        let q = upper ? 1 - p : p   // the tail probability beyond the quantile
        var t: Double
        if df == 1 {
            t = -1 / tan(Double.pi * q)
            return upper ? -t : t
        } else if df == 2 {
            t = (2 * q - 1) / (2 * q * (1 - q)).squareRoot()
            return upper ? -t : t
        }
        // Work with x ≥ 0 and P(T > x) = q.
        let z = -normalQuantile(q)
        let z3 = z * z * z, z5 = z3 * z * z, z7 = z5 * z * z
        var x = z + (z3 + z) / (4 * df) + (5 * z5 + 16 * z3 + 3 * z) / (96 * df * df)
            + (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * df * df * df)
        if !(x > 0) || !x.isFinite { x = z }
        var lo = 0.0, hi = Double.infinity
        for _ in 0..<100 {
            let f = tSurvival(x, df: df) - q
            if f > 0 { lo = x } else { hi = x }
            let step = f / tDensity(x, df: df)  // x_new = x + f/density (survival decreases in x)
            var next = x + step
            if !(next > lo && next < hi) || !next.isFinite {
                next = hi.isFinite ? (lo + hi) / 2 : max(2 * x, lo + 1)
            }
            if abs(next - x) <= 1e-15 * abs(x) { x = next; break }
            x = next
        }
        return upper ? x : -x
    }

    // MARK: - F

    /// P(F > f) for F(d1, d2): I_{d2/(d2+d1 f)}(d2/2, d1/2).
    public static func fSurvival(_ f: Double, d1: Double, d2: Double) -> Double {
        if f.isNaN || d1 <= 0 || d2 <= 0 { return .nan }
        if f <= 0 { return 1 }
        if f.isInfinite { return 0 }
        let den = d2 + d1 * f
        return IncompleteBeta.regularized(x: d2 / den, y: d1 * f / den, a: d2 / 2, b: d1 / 2).lower
    }
}
