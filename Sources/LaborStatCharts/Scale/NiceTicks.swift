/// "Nice" axis ticks: multiples of 1, 2 or 5 × 10^k that cover a range.
///
/// The algorithm is R's `pretty()` (R ≥ 4.2, `src/appl/pretty.c`, `R_pretty` with the defaults
/// `high.u.bias = 1.5`, `u5.bias = .5 + 1.5 * high.u.bias`, `shrink.sml = 0.75`, `min.n = n %/% 3`),
/// a refinement of Heckbert's "nice numbers" (Graphics Gems, 1990): the cell `range / n` is rounded
/// to 1, 2, 5 or 10 × 10^k with a bias towards the larger unit, and the range is widened to the
/// nearest multiples. Tests compare it with `pretty()` run in R (References/pretty.csv).
enum NiceTicks {
    /// The tick values `pretty(c(lo, hi), n)` would give.
    static func pretty(_ lo: Double, _ hi: Double, n: Int = 5, minN: Int? = nil) -> [Double] {
        guard lo.isFinite, hi.isFinite else { return [] }
        let (ns, nu, unit) = prettyBounds(lo, hi, n: n, minN: minN ?? n / 3)
        // ns…nu counts ticks (a few dozen at most); anything else is a range the arithmetic could not
        // resolve, and counting it would never end.
        guard ns.isFinite, nu.isFinite, unit.isFinite, unit > 0, nu - ns >= 0, nu - ns <= 1000 else {
            return lo == hi ? [lo] : [min(lo, hi), max(lo, hi)]
        }
        var out: [Double] = []
        for i in 0...Int(nu - ns + 1e-10) {
            let v = clean((ns + Double(i)) * unit, unit: unit)
            // The outermost nice tick may lie beyond the largest Double (2e308 for data at 1.7e308):
            // the axis then ends at the data.
            if v.isFinite { out.append(v) }
        }
        return out
    }

    /// The step between ticks of `pretty(c(lo, hi), n)`.
    static func step(_ lo: Double, _ hi: Double, n: Int = 5) -> Double {
        prettyBounds(lo, hi, n: n, minN: n / 3).2
    }

    /// R_pretty: returns (ns, nu, unit) with ticks ns·unit … nu·unit.
    static func prettyBounds(_ lo0: Double, _ up0: Double, n ndiv0: Int, minN: Int) -> (ns: Double, nu: Double, unit: Double) {
        // Near ±1e308 the range (up − lo) and the cell overflow to ∞. A decimal shift keeps the
        // ticks the same nice numbers: pretty(lo/10¹⁰, up/10¹⁰) × 10¹⁰.
        if max(abs(lo0), abs(up0)) > 1e300, lo0.isFinite, up0.isFinite {
            let b = prettyBounds(lo0 / 1e10, up0 / 1e10, n: ndiv0, minN: minN)
            return (b.ns, b.nu, b.unit * 1e10)
        }
        let h = 1.5, h5 = 0.5 + 1.5 * h
        let shrink = 0.75
        let roundingEps = 1e-10
        var lo = min(lo0, up0), up = max(lo0, up0)
        var ndiv = max(ndiv0, 1)
        let dx = up - lo
        var cell: Double
        var iSmall = false
        if dx == 0 && up == 0 {
            cell = 1
            iSmall = true
        } else {
            cell = max(abs(lo), abs(up))
            var u = 1 + ((h5 >= 1.5 * h + 0.5) ? 1 / (1 + h) : 1.5 / (1 + h5))
            u *= Double(max(1, ndiv)) * Double.ulpOfOne
            iSmall = dx < cell * u * 3
        }
        if iSmall {
            if cell > 10 { cell = 9 + cell / 10 }
            cell *= shrink
            if minN > 1 { cell /= Double(minN) }
        } else {
            cell = dx
            if ndiv > 1 { cell /= Double(ndiv) }
        }
        if cell < 20 * Double.leastNormalMagnitude { cell = 20 * Double.leastNormalMagnitude }
        let base = pow10(log10d(cell).rounded(.down))
        var unit = base
        if 2 * base - cell < h * (cell - unit) {
            unit = 2 * base
            if 5 * base - cell < h5 * (cell - unit) {
                unit = 5 * base
                if 10 * base - cell < h * (cell - unit) { unit = 10 * base }
            }
        }
        var ns = (lo / unit + roundingEps).rounded(.down)
        var nu = (up / unit - roundingEps).rounded(.up)
        while ns * unit > lo + roundingEps * unit { ns -= 1 }
        while nu * unit < up - roundingEps * unit { nu += 1 }
        var k = Int(0.5 + nu - ns)
        if k < minN {
            k = minN - k
            if ns >= 0 {
                nu += Double(k / 2)
                ns -= Double(k / 2 + k % 2)
            } else {
                ns -= Double(k / 2)
                nu += Double(k / 2 + k % 2)
            }
            ndiv = minN
        } else {
            ndiv = k
        }
        lo = ns * unit
        up = nu * unit
        _ = (lo, up, ndiv)
        return (ns, nu, unit)
    }

    /// k·unit without the binary noise (0.30000000000000004 → 0.3).
    static func clean(_ v: Double, unit: Double) -> Double {
        let d = NumberFormat.decimalsFor(step: unit)
        let s = pow10(Double(d))
        let r = (v * s).rounded() / s
        return r == 0 ? 0 : r
    }

    /// Ticks for a log10 axis over [lo, hi] (both > 0): powers of ten, with 2 and 5 between them
    /// when the range spans fewer than three decades.
    static func log(_ lo: Double, _ hi: Double) -> [Double] {
        let a = log10d(lo).rounded(.down), b = log10d(hi).rounded(.up)
        var out: [Double] = []
        let mults: [Double] = (b - a) <= 2 ? [1, 2, 5] : [1]
        var e = a
        while e <= b {
            for m in mults {
                let v = m * pow10(e)
                if v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9) { out.append(v) }
            }
            e += 1
        }
        return out
    }

    /// Year ticks over [lo, hi]: integer years at a step of 1, 2, 5, 10, 20, 50 or 100 giving at most
    /// `maxCount` ticks.
    static func years(_ lo: Double, _ hi: Double, maxCount: Int) -> [Double] {
        for step in [1.0, 2, 5, 10, 20, 50, 100, 200, 500] {
            let first = (lo / step - 1e-9).rounded(.up) * step
            var t: [Double] = []
            var v = first
            while v <= hi + 1e-9 { t.append(v); v += step }
            if t.count <= max(2, maxCount) { return t }
        }
        return [lo.rounded(.up), hi.rounded(.down)]
    }

    /// Month ticks over [lo, hi] (times in fractional years, month m of year y at y + (m−1)/12):
    /// a step of 1, 2, 3, 6 or 12 months giving at most `maxCount` ticks.
    static func months(_ lo: Double, _ hi: Double, maxCount: Int) -> [Double] {
        let a = (lo * 12 - 1e-6).rounded(.up), b = (hi * 12 + 1e-6).rounded(.down)
        for step in [1.0, 2, 3, 6, 12] {
            let first = (a / step).rounded(.up) * step
            var t: [Double] = []
            var m = first
            while m <= b { t.append(m / 12); m += step }
            if t.count <= max(2, maxCount) { return t }
        }
        return []
    }
}
