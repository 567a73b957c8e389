/// The few statistics charts compute themselves: box-plot quartiles, a least-squares line, the
/// Lorenz curve and Gini coefficient, histogram breaks. Each is checked against R or numpy
/// (Tests/LaborStatChartsTests/References).
public enum ChartStatistics {
    /// Quantile by Hyndman & Fan's type 7 (R's `quantile()` default, ggplot2's boxes):
    /// h = (n − 1)p, Q(p) = x₍⌊h⌋₎ + (h − ⌊h⌋)(x₍⌊h⌋+1₎ − x₍⌊h⌋₎) on the sorted values (0-based).
    public static func quantile7(sorted x: [Double], _ p: Double) -> Double {
        precondition(!x.isEmpty)
        let h = Double(x.count - 1) * p
        let lo = Int(h.rounded(.down))
        let hi = min(lo + 1, x.count - 1)
        return x[lo] + (h - Double(lo)) * (x[hi] - x[lo])
    }

    /// Tukey's box: quartiles by type 7, whiskers to the most extreme values within 1.5 IQR of
    /// the box (ggplot2's `stat_boxplot`), outliers beyond. NaN values are dropped; nil when none is left.
    public static func box(_ values: [Double]) -> BoxStats? {
        let x = values.filter { !$0.isNaN }.sorted()
        guard !x.isEmpty else { return nil }
        let q1 = quantile7(sorted: x, 0.25), med = quantile7(sorted: x, 0.5), q3 = quantile7(sorted: x, 0.75)
        let iqr = q3 - q1
        let loFence = q1 - 1.5 * iqr, hiFence = q3 + 1.5 * iqr
        let inside = x.filter { $0 >= loFence && $0 <= hiFence }
        return BoxStats(n: x.count, q1: q1, median: med, q3: q3,
                        lowerWhisker: inside.first ?? q1, upperWhisker: inside.last ?? q3,
                        outliers: x.filter { $0 < loFence || $0 > hiFence })
    }

    /// Ordinary least squares y = a + b·x (numpy `polyfit(x, y, 1)`), with R². nil when x is constant
    /// or fewer than two pairs are given.
    public static func leastSquares(x: [Double], y: [Double]) -> (intercept: Double, slope: Double, r2: Double)? {
        let n = Double(x.count)
        guard x.count == y.count, x.count >= 2 else { return nil }
        let mx = x.reduce(0, +) / n, my = y.reduce(0, +) / n
        var sxx = 0.0, sxy = 0.0, syy = 0.0
        for i in x.indices {
            let dx = x[i] - mx, dy = y[i] - my
            sxx += dx * dx; sxy += dx * dy; syy += dy * dy
        }
        guard sxx > 0 else { return nil }
        let b = sxy / sxx
        return (my - b * mx, b, syy > 0 ? sxy * sxy / (sxx * syy) : 1)
    }

    /// The Lorenz curve of non-negative values (optionally weighted): points (cumulative population
    /// share, cumulative value share) from (0, 0) to (1, 1), values ascending; and the Gini
    /// coefficient G = 1 − Σ (Pₖ − Pₖ₋₁)(Lₖ + Lₖ₋₁), the area formula, which for equal weights equals
    /// R `ineq::Gini(x, corr = FALSE)` = (2 Σ i·x₍ᵢ₎) / (n Σ x) − (n + 1)/n.
    public static func lorenz(_ values: [Double], weights: [Double]? = nil) throws -> (points: [(Double, Double)], gini: Double) {
        var pairs: [(Double, Double)] = []
        for (i, v) in values.enumerated() {
            let w = weights?[i] ?? 1
            guard !v.isNaN, !w.isNaN else { continue }
            guard v >= 0 else { throw ChartError.invalid("a Lorenz curve needs values ≥ 0; found \(NumberFormat.label(v, units: .plain).replacingMinus)") }
            guard w >= 0 else { throw ChartError.invalid("weights must be ≥ 0") }
            pairs.append((v, w))
        }
        pairs.sort { $0.0 < $1.0 }
        // Shares do not depend on the unit: dividing by the largest value keeps Σ v·w finite for
        // values near 1e308.
        if let top = pairs.last?.0, top > 1 { pairs = pairs.map { ($0.0 / top, $0.1) } }
        let tw = pairs.reduce(0) { $0 + $1.1 }, tv = pairs.reduce(0) { $0 + $1.0 * $1.1 }
        guard !pairs.isEmpty, tw > 0, tv > 0 else { throw ChartError.noData("a Lorenz curve needs positive values") }
        var pts: [(Double, Double)] = [(0, 0)]
        var cw = 0.0, cv = 0.0, g = 0.0
        for (v, w) in pairs {
            let p0 = cw / tw, l0 = cv / tv
            cw += w; cv += v * w
            let p1 = cw / tw, l1 = cv / tv
            g += (p1 - p0) * (l1 + l0)
            pts.append((p1, l1))
        }
        return (pts, 1 - g)
    }

    /// Histogram breaks as R's `hist()` chooses them by default: `pretty(range(x), nclass.Sturges(x))`
    /// with Sturges' k = ⌈log₂ n + 1⌉.
    public static func sturgesBreaks(_ values: [Double]) -> [Double] {
        let x = values.filter { $0.isFinite }
        guard let lo = x.min(), let hi = x.max() else { return [] }
        let k = Int((log2d(Double(x.count)) + 1).rounded(.up))
        return NiceTicks.pretty(lo, hi, n: k, minN: 1)
    }

    /// Counts of `values` in bins [bᵢ, bᵢ₊₁), the last bin closed (the contract's `histogram`).
    public static func histogram(_ values: [Double], breaks: [Double]) -> [HistogramBin] {
        guard breaks.count >= 2 else { return [] }
        var counts = [Int](repeating: 0, count: breaks.count - 1)
        for v in values where v.isFinite {
            guard v >= breaks[0], v <= breaks[breaks.count - 1] else { continue }
            // Binary search for the last break ≤ v.
            var lo = 0, hi = breaks.count - 1
            while hi - lo > 1 {
                let mid = (lo + hi) / 2
                if breaks[mid] <= v { lo = mid } else { hi = mid }
            }
            counts[min(lo, counts.count - 1)] += 1
        }
        return counts.indices.map { HistogramBin(low: breaks[$0], high: breaks[$0 + 1], count: Double(counts[$0])) }
    }
}

/// One histogram bin [low, high) and its count (or density).
public struct HistogramBin: Sendable, Equatable {
    public var low: Double
    public var high: Double
    public var count: Double
    public init(low: Double, high: Double, count: Double) {
        self.low = low; self.high = high; self.count = count
    }
}
