import Foundation
import _LaborStatBLAS

/// How coefficient standard errors are computed.
public enum CovarianceType: String, Sendable, CaseIterable, Codable {
    /// σ²(XᵀWX)⁻¹ with σ² = Σ wᵢeᵢ² / (n − p): R `vcov(lm)`.
    case classical
    /// White's (XᵀWX)⁻¹ Xᵀ W Ω W X (XᵀWX)⁻¹ with Ω = diag(eᵢ²): R `sandwich::vcovHC(type = "HC0")`.
    case hc0
    /// HC0 · n / (n − p): `vcovHC(type = "HC1")`.
    case hc1
    /// Ω = diag(eᵢ² / (1 − hᵢ)²), hᵢ the leverages: `vcovHC(type = "HC3")`.
    case hc3
    /// Taylor linearization under a survey design, as `svyglm` (see `LinearModel+Survey.swift`).
    case design
}

/// One row of the coefficient table.
public struct Coefficient: Sendable, Equatable {
    public var term: String
    public var estimate: Double
    public var standardError: Double
    public var tValue: Double
    public var pValue: Double
    public var ciLow: Double
    public var ciHigh: Double
}

/// A fitted linear model: `lm(y ~ …, weights = w)` in R.
///
/// Estimates by weighted least squares through pivoted QR (see `LeastSquares`). t-values use
/// n − p residual degrees of freedom (R's `summary.lm`, also for the robust covariances as
/// `lmtest::coeftest` does); intervals are estimate ± t_{n−p, (1+level)/2} · SE.
/// Fit statistics follow `summary.lm`: R² = MSS/(MSS + RSS) with MSS about the weighted mean
/// of the fitted values (about 0 without an intercept, the uncentred R²), adjusted R²
/// 1 − (1 − R²)(n − i)/(n − p) with i = 1 for an intercept, F = (MSS/(p − i)) / (RSS/(n − p)).
public struct LinearModel: Sendable {
    public var terms: [String]
    public var coefficients: [Coefficient]
    /// Covariance of the estimates (p × p, column-major, term order).
    public var covariance: [Double]
    public var covarianceType: CovarianceType
    public var n: Int
    public var dfResidual: Int
    /// Residual standard error √(RSS/(n − p)).
    public var sigma: Double
    public var rSquared: Double
    public var adjustedRSquared: Double
    public var fStatistic: Double
    public var fNumeratorDF: Int
    public var fPValue: Double
    /// y − X b per row (unweighted).
    public var residuals: [Double]
    public var level: Double
    /// (XᵀWX)⁻¹ (p × p, column-major): the "bread" of sandwich and design-based covariances.
    var xtwxInverse: [Double]
    var weights: [Double]?

    /// Fits `design` by (weighted) least squares.
    public init(_ design: DesignMatrix, covariance type: CovarianceType = .classical, level: Double = 0.95) throws(RegressionError) {
        try self.init(design, covariance: type, level: level, refinementBudget: LeastSquares.refinementBudget)
    }

    /// `refinementBudget` (rows · terms²) decides between the refined small-problem path and the
    /// centred big-problem path of `LeastSquares`; tests set it to 0 to exercise the latter.
    init(_ design: DesignMatrix, covariance type: CovarianceType, level: Double, refinementBudget: Int) throws(RegressionError) {
        let n = design.rows, p = design.cols
        guard p > 0 else { throw .badSpec("the model has no terms (give --x, or keep the intercept)") }
        guard n >= p else { throw .tooFewRows(rows: n, terms: p) }
        // Rows scaled by √w.
        var xw = design.x, yw = design.y
        let sw = design.weights?.map { $0.squareRoot() }
        if let sw {
            for j in 0..<p { for i in 0..<n { xw[i + j * n] *= sw[i] } }
            for i in 0..<n { yw[i] *= sw[i] }
        }
        // Problems too big for the extended-precision refinement of `LeastSquares`: with an
        // intercept (column 0), centre the other columns on their weighted means, a
        // reparametrization [1, Z − 1mᵀ] that removes the constant from the conditioning
        // (Longley's year column, polynomial powers), undone below by b₀ = b₀′ − mᵀb.
        // (Small problems are not centred: the rounded centred values would perturb exact data.)
        var means = [Double](repeating: 0, count: p)
        let centre = design.hasIntercept && p > 1 && n * p * p > refinementBudget
        if centre {
            means = LinearModel.weightedMeans(design.x, weights: design.weights, rows: n, cols: p)
            means[0] = 0
            for j in 1..<p where means[j] != 0 {
                for i in 0..<n { xw[i + j * n] = (design.x[i + j * n] - means[j]) * (sw?[i] ?? 1) }
            }
        }
        var ls: LeastSquares
        do { ls = try LeastSquares(x: xw, y: yw, rows: n, cols: p, refinementBudget: refinementBudget) } catch {
            switch error {
            case .rankDeficient(let rank, let dependent):
                throw .rankDeficient(rank: rank, terms: p, collinear: dependent.map { d in
                    (design.terms[d.column], d.on.map { design.terms[$0] })
                })
            case .lapack(let f): throw .numerical(f.description)
            }
        }
        var b = ls.coefficients
        let ew = ls.residuals                   // √w·(y − Xb)
        let df = n - p
        let rss = ew.reduce(0) { $0 + $1 * $1 }
        let sigma2 = df > 0 ? rss / Double(df) : .nan

        // Covariance.
        var cov: [Double]
        switch type {
        case .classical:
            cov = ls.unscaledCovariance.map { $0 * sigma2 }
        case .design:
            throw .badSpec("a design-based covariance needs the survey design: use init(_:survey:level:)")
        case .hc0, .hc1, .hc3:
            let q: [Double]
            do { q = try LAPACK.thinQ(ls.qr, columns: p) } catch { throw .numerical(error.description) }
            // Meat in pivoted coordinates: Σᵢ ωᵢ qᵢ qᵢᵀ, qᵢ the i-th row of Q.
            var omegaRoot = [Double](repeating: 0, count: n)
            for i in 0..<n {
                var e2 = ew[i] * ew[i]
                if type == .hc3 {
                    var h = 0.0
                    for j in 0..<p { h += q[i + j * n] * q[i + j * n] }
                    e2 = h < 1 ? e2 / ((1 - h) * (1 - h)) : (e2 == 0 ? 0 : .infinity)
                }
                if type == .hc1 { e2 *= df > 0 ? Double(n) / Double(df) : .nan }
                omegaRoot[i] = e2.squareRoot()
            }
            var qs = q
            for j in 0..<p { for i in 0..<n { qs[i + j * n] *= omegaRoot[i] } }
            let meat = qs.withUnsafeBufferPointer { BLAS.crossProduct($0, rows: n, cols: p) }
            cov = ls.sandwich(meat: meat)
        }

        // Back to the caller's parametrization: b = A b′, Cov(b) = A Cov(b′) Aᵀ, A = [[1, −mᵀ], [0, I]].
        var xtwxInverse = ls.unscaledCovariance
        if centre {
            b[0] = LinearModel.interceptFromCentred(b, means: means)
            cov = LinearModel.uncentre(cov, means: means)
            xtwxInverse = LinearModel.uncentre(xtwxInverse, means: means)
        }
        let tq = df > 0 ? SamplingDistribution.tQuantile((1 + level) / 2, df: Double(df)) : .nan
        var coefs: [Coefficient] = []
        for j in 0..<p {
            let se = cov[j + j * p] >= 0 ? cov[j + j * p].squareRoot() : .nan
            let t = b[j] / se
            coefs.append(Coefficient(term: design.terms[j], estimate: b[j], standardError: se, tValue: t,
                                     pValue: df > 0 ? SamplingDistribution.tTwoSided(t, df: Double(df)) : .nan,
                                     ciLow: b[j] - tq * se, ciHigh: b[j] + tq * se))
        }

        // Fit statistics as summary.lm: fitted values f = y − e (unweighted scale).
        let w = design.weights
        var e = ew
        if let sw { for i in 0..<n { e[i] = sw[i] > 0 ? ew[i] / sw[i] : 0 } }
        var mss = 0.0
        if design.hasIntercept {
            var sumW = 0.0, sumWF = 0.0
            for i in 0..<n { let wi = w?[i] ?? 1; sumW += wi; sumWF += wi * (design.y[i] - e[i]) }
            let m = sumWF / sumW
            for i in 0..<n { let wi = w?[i] ?? 1; let d = design.y[i] - e[i] - m; mss += wi * d * d }
        } else {
            for i in 0..<n { let wi = w?[i] ?? 1; let f = design.y[i] - e[i]; mss += wi * f * f }
        }
        let interceptDF = design.hasIntercept ? 1 : 0
        let numDF = p - interceptDF
        self.terms = design.terms
        self.coefficients = coefs
        self.covariance = cov
        self.covarianceType = type
        self.n = n
        self.dfResidual = df
        self.sigma = sigma2.squareRoot()
        self.rSquared = mss / (mss + rss)
        self.adjustedRSquared = df > 0 ? 1 - (1 - rSquared) * Double(n - interceptDF) / Double(df) : .nan
        self.fNumeratorDF = numDF
        self.fStatistic = numDF > 0 && df > 0 ? (mss / Double(numDF)) / sigma2 : .nan
        self.fPValue = fStatistic.isNaN ? .nan : SamplingDistribution.fSurvival(fStatistic, d1: Double(numDF), d2: Double(df))
        self.residuals = e
        self.level = level
        self.xtwxInverse = xtwxInverse
        self.weights = design.weights
    }

    /// A · C · Aᵀ for A = [[1, −mᵀ], [0, I]] (row and column 0 change).
    static func uncentre(_ c: [Double], means: [Double]) -> [Double] {
        let p = means.count
        var ac = c
        for j in 0..<p {
            var s = c[0 + j * p]
            for k in 1..<p { s -= means[k] * c[k + j * p] }
            ac[0 + j * p] = s
        }
        var aca = ac
        for i in 0..<p {
            var s = ac[i + 0 * p]
            for k in 1..<p { s -= means[k] * ac[i + k * p] }
            aca[i + 0 * p] = s
        }
        return aca
    }

    /// Σ wᵢ xᵢⱼ / Σ wᵢ per column, accumulated in extended precision.
    static func weightedMeans(_ x: [Double], weights: [Double]?, rows n: Int, cols p: Int) -> [Double] {
        var out = [Double](repeating: 0, count: p)
        var sw: Wide = 0
        for i in 0..<n { sw += Wide(weights?[i] ?? 1) }
        for j in 0..<p {
            var s: Wide = 0
            for i in 0..<n { s += Wide(weights?[i] ?? 1) * Wide(x[i + j * n]) }
            out[j] = Double(s / sw)
        }
        return out
    }

    /// b₀ − Σ mⱼbⱼ in extended precision (the terms can be far larger than the result: Longley).
    static func interceptFromCentred(_ b: [Double], means: [Double]) -> Double {
        var s = Wide(b[0])
        for j in 1..<b.count { s -= Wide(means[j]) * Wide(b[j]) }
        return Double(s)
    }
}
