import Foundation

/// The few distribution functions design-based inference needs: normal and Student-t quantiles for
/// confidence intervals, the F upper tail for the Rao–Scott test.
///
/// Implementation goals, in order: 1. agree with R's `qnorm`, `qt`, `pf` to 1e-12 relative over the
/// ranges used here (levels 0.5–0.9999, df ≥ 1); 2. never loop forever; 3. be short.
enum SurveyDistributions {
    /// Φ⁻¹(p): Wichura's algorithm AS 241 (PPND16), relative accuracy about 1e-16, as R's `qnorm`.
    static func normalQuantile(_ p: Double) -> Double {
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
                + 42.313330701600911252) * r + 1.0)
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
                + 2.05319162663775882187) * r + 1.0)
        } else {
            r -= 5
            value = (((((((2.01033439929228813265e-7 * r + 2.71155556874348757815e-5) * r + 0.0012426609473880784386) * r
                + 0.026532189526576123093) * r + 0.29656057182850489123) * r + 1.7848265399172913358) * r
                + 5.4637849111641143699) * r + 6.6579046435011037772)
                / (((((((2.04426310338993978564e-15 * r + 1.4215117583164458887e-7) * r + 1.8463183175100546818e-5) * r
                + 7.868691311456132591e-4) * r + 0.0148753612908506148525) * r + 0.13692988092273580531) * r
                + 0.59983220655588793769) * r + 1.0)
        }
        return q < 0 ? -value : value
    }

    /// The Student-t quantile with `df` degrees of freedom (`df = ∞`: the normal quantile), as R's `qt`.
    /// Newton's method on the CDF from the normal quantile: for p > ½ the CDF is concave on t > 0, so the
    /// iterates rise monotonically to the root.
    static func tQuantile(_ p: Double, df: Double) -> Double {
        if df.isInfinite { return normalQuantile(p) }
        if !(df > 0) || p.isNaN || p < 0 || p > 1 { return .nan }
        if p == 0.5 { return 0 }
        if p < 0.5 { return -tQuantile(1 - p, df: df) }
        if p == 1 { return .infinity }
        let upper = 1 - p
        var t = normalQuantile(p)
        let logNorm = lgamma((df + 1) / 2) - lgamma(df / 2) - 0.5 * log(df * Double.pi)
        for _ in 0..<500 {
            let tail = tUpperTail(t, df: df)
            let density = exp(logNorm - (df + 1) / 2 * log1p(t * t / df))
            let step = (tail - upper) / density
            t += step
            if abs(step) <= 1e-15 * abs(t) { break }
        }
        return t
    }

    /// P(T > t) for t ≥ 0: ½ I_{ν/(ν+t²)}(ν/2, ½).
    static func tUpperTail(_ t: Double, df: Double) -> Double {
        let x = df / (df + t * t)
        return 0.5 * regularizedBeta(x, df / 2, 0.5).lower
    }

    /// P(F > f) for F with (d1, d2) degrees of freedom: I_{d2/(d2+d1 f)}(d2/2, d1/2), as R's
    /// `pf(f, d1, d2, lower.tail = FALSE)`.
    static func fUpperTail(_ f: Double, _ d1: Double, _ d2: Double) -> Double {
        if f.isNaN || !(d1 > 0) || !(d2 > 0) { return .nan }
        if f <= 0 { return 1 }
        if f.isInfinite { return 0 }
        return regularizedBeta(d2 / (d2 + d1 * f), d2 / 2, d1 / 2).lower
    }

    /// The regularized incomplete beta I_x(a, b) and its complement 1 − I_x(a, b), each computed
    /// directly on the side where the continued fraction converges (Numerical Recipes §6.4, modified
    /// Lentz), so that small tails keep their relative accuracy.
    static func regularizedBeta(_ x: Double, _ a: Double, _ b: Double) -> (lower: Double, upper: Double) {
        if x <= 0 { return (0, 1) }
        if x >= 1 { return (1, 0) }
        let logFront = lgamma(a + b) - lgamma(a) - lgamma(b) + a * log(x) + b * log1p(-x)
        let front = exp(logFront)
        if x < (a + 1) / (a + b + 2) {
            let lower = front * betaContinuedFraction(x, a, b) / a
            return (lower, 1 - lower)
        }
        let upper = front * betaContinuedFraction(1 - x, b, a) / b
        return (1 - upper, upper)
    }

    static func betaContinuedFraction(_ x: Double, _ a: Double, _ b: Double) -> Double {
        let tiny = 1e-300
        let qab = a + b, qap = a + 1, qam = a - 1
        var c = 1.0
        var d = 1 - qab * x / qap
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var h = d
        for m in 1...100_000 {
            let m = Double(m), m2 = 2 * m
            var aa = m * (b - m) * x / ((qam + m2) * (a + m2))
            d = 1 + aa * d
            if abs(d) < tiny { d = tiny }
            c = 1 + aa / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            h *= d * c
            aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
            d = 1 + aa * d
            if abs(d) < tiny { d = tiny }
            c = 1 + aa / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let del = d * c
            h *= del
            if abs(del - 1) < 1e-16 { break }
        }
        return h
    }

    /// The two-sided critical value for a confidence `level`: the (1 + level)/2 quantile of the normal
    /// (`df` nil or infinite) or of Student's t.
    static func critical(level: Double, df: Double) -> Double {
        tQuantile(1 - (1 - level) / 2, df: df)
    }
}
