import Foundation

/// The slopes and trend tests of one series of points (x, y): x are period positions in period
/// steps (years, quarters or months; gaps allowed, no two points at the same x), y the values.
///
/// Every statistic matches an outside reference (fixtures in `References/trend/`):
/// * OLS: R `lm(y ~ x)` — slope Σ(x−x̄)(y−ȳ)/Σ(x−x̄)², SE √(s²/Sxx) with s² = SSE/(n−2),
///   CI slope ± t_{n−2,(1+level)/2}·SE, R² = 1 − SSE/SST, p-value two-sided from t with n−2 df.
/// * Theil–Sen: `scipy.stats.theilslopes(y, x, alpha=level)` — the median of the pairwise slopes
///   (yⱼ−yᵢ)/(xⱼ−xᵢ), i < j; CI by Sen (1968, eq. 2.6): with N slopes sorted,
///   σ² = [n(n−1)(2n+5) − Σ t(t−1)(2t+5)]/18 over tie groups t of x and of y, z = Φ⁻¹((1−level)/2),
///   lower = slope[round((N + zσ)/2) − 1], upper = slope[round((N − zσ)/2)] (round half to even,
///   indices clamped to the slopes).
/// * Kendall's τ_b: `scipy.stats.kendalltau(x, y)` — S/√((n₀−n₁)(n₀−n₂)), n₀ = n(n−1)/2, n₁, n₂
///   the tied pairs in x and y.
/// * Mann–Kendall: S = Σ_{i<j} sign(yⱼ−yᵢ) in time order, Var S = [n(n−1)(2n+5) − Σ t(t−1)(2t+5)]/18
///   over tie groups of y, Z = (S − sign S)/√Var S (continuity correction), p = 2(1 − Φ(|Z|));
///   as R `Kendall::MannKendall` and `pymannkendall.original_test`. S = 0 gives Z = 0 and p = 1, a
///   constant series included (Var S = 0 there; τ_b stays empty, 0/0).
public struct TrendLine: Sendable, Equatable {
    public var n: Int
    public var olsSlope: Double?
    public var olsIntercept: Double?
    public var olsStandardError: Double?
    public var olsCILow: Double?
    public var olsCIHigh: Double?
    public var olsRSquared: Double?
    public var olsPValue: Double?
    public var theilSenSlope: Double?
    public var theilSenCILow: Double?
    public var theilSenCIHigh: Double?
    public var kendallTau: Double?
    public var mannKendallS: Double?
    public var mannKendallZ: Double?
    public var mannKendallPValue: Double?

    /// Fits the series. Points need not be sorted; `level` is the confidence level of both CIs.
    /// Statistics that need more points than there are (OLS SE needs 3, slopes need 2) are nil.
    public init(x: [Double], y: [Double], level: Double = 0.95) {
        precondition(x.count == y.count)
        let order = x.indices.sorted { x[$0] < x[$1] }
        let xs = order.map { x[$0] }, ys = order.map { y[$0] }
        n = xs.count
        guard n >= 2 else { return }
        fitOLS(xs, ys, level: level)
        fitRanks(xs, ys, level: level)
    }

    // MARK: - Ordinary least squares

    private mutating func fitOLS(_ x: [Double], _ y: [Double], level: Double) {
        let nd = Double(n)
        let mx = x.reduce(0, +) / nd, my = y.reduce(0, +) / nd
        var sxx = 0.0, sxy = 0.0, syy = 0.0
        for i in 0..<n {
            let dx = x[i] - mx, dy = y[i] - my
            sxx += dx * dx; sxy += dx * dy; syy += dy * dy
        }
        guard sxx > 0 else { return }
        let b = sxy / sxx
        olsSlope = b
        olsIntercept = my - b * mx
        var sse = 0.0
        for i in 0..<n { let e = y[i] - my - b * (x[i] - mx); sse += e * e }
        olsRSquared = syy > 0 ? 1 - sse / syy : nil
        guard n >= 3 else { return }
        let df = nd - 2
        let se = (sse / df / sxx).squareRoot()
        olsStandardError = se
        let tq = SamplingDistribution.tQuantile((1 + level) / 2, df: df)
        olsCILow = b - tq * se
        olsCIHigh = b + tq * se
        olsPValue = se > 0 ? SamplingDistribution.tTwoSided(b / se, df: df) : (b == 0 ? nil : 0)
    }

    // MARK: - Rank statistics: Theil–Sen, Kendall, Mann–Kendall

    private mutating func fitRanks(_ x: [Double], _ y: [Double], level: Double) {
        var slopes: [Double] = []
        slopes.reserveCapacity(n * (n - 1) / 2)
        var s = 0
        for i in 0..<(n - 1) {
            for j in (i + 1)..<n {
                let dx = x[j] - x[i], dy = y[j] - y[i]
                if dx > 0 { slopes.append(dy / dx) }
                s += dy > 0 ? 1 : (dy < 0 ? -1 : 0)
            }
        }
        slopes.sort()
        let nt = slopes.count
        guard nt > 0 else { return }
        theilSenSlope = nt % 2 == 1 ? slopes[nt / 2] : (slopes[nt / 2 - 1] + slopes[nt / 2]) / 2

        let yTies = TrendLine.tieSizes(y), xTies = TrendLine.tieSizes(x)
        func tieTerm(_ t: [Int]) -> Double { t.reduce(0.0) { $0 + Double($1 * ($1 - 1) * (2 * $1 + 5)) } }
        let nd = Double(n)
        let base = nd * (nd - 1) * (2 * nd + 5)
        // Sen (1968) eq. 2.6, as scipy.stats.theilslopes: ties of x and of y.
        let senVar = (base - tieTerm(xTies) - tieTerm(yTies)) / 18
        let alpha = level > 0.5 ? 1 - level : level
        let z = SamplingDistribution.normalQuantile(alpha / 2)
        if senVar >= 0 {
            let sigma = senVar.squareRoot()
            let upper = min(Int(((Double(nt) - z * sigma) / 2).rounded(.toNearestOrEven)), nt - 1)
            let lower = max(Int(((Double(nt) + z * sigma) / 2).rounded(.toNearestOrEven)) - 1, 0)
            if lower < nt && upper >= 0 {
                theilSenCILow = slopes[lower]
                theilSenCIHigh = slopes[upper]
            }
        }

        // Kendall's tau-b between time and value.
        let n0 = nd * (nd - 1) / 2
        let n1 = xTies.reduce(0.0) { $0 + Double($1 * ($1 - 1)) / 2 }
        let n2 = yTies.reduce(0.0) { $0 + Double($1 * ($1 - 1)) / 2 }
        let denom = ((n0 - n1) * (n0 - n2)).squareRoot()
        kendallTau = denom > 0 ? Double(s) / denom : nil

        // Mann–Kendall with tie-corrected variance and continuity correction.
        let mkVar = (base - tieTerm(yTies)) / 18
        mannKendallS = Double(s)
        if s == 0 {
            // S = 0 (a constant series among them, where Var S is 0 too): no evidence of a trend,
            // Z = 0 and p = 1 whatever the variance; tau-b stays empty there (0/0).
            mannKendallZ = 0
            mannKendallPValue = 1
        } else if mkVar > 0 {
            let z = s > 0 ? Double(s - 1) / mkVar.squareRoot() : (s < 0 ? Double(s + 1) / mkVar.squareRoot() : 0)
            mannKendallZ = z
            mannKendallPValue = SamplingDistribution.normalTwoSided(z)
        }
    }

    /// Sizes (> 1) of the groups of equal values.
    static func tieSizes(_ v: [Double]) -> [Int] {
        let s = v.sorted()
        var out: [Int] = []
        var i = 0
        while i < s.count {
            var j = i + 1
            while j < s.count && s[j] == s[i] { j += 1 }
            if j - i > 1 { out.append(j - i) }
            i = j
        }
        return out
    }
}
