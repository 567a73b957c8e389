import Foundation

/// The response distribution (and its canonical link) of a generalized linear model.
public enum GLMFamily: String, Sendable, CaseIterable, Codable {
    /// Normal errors, identity link: the linear model (R `gaussian()`).
    case gaussian
    /// 0/1 outcomes, logit link (R `binomial()`; under a design `quasibinomial()`).
    case binomial
    /// Counts, log link (R `poisson()`; under a design `quasipoisson()`).
    case poisson
}

/// A generalized linear model fitted by iteratively reweighted least squares, step for step as R's
/// `glm.fit`: start μ₀ (binomial (w y + ½)/(w + 1), poisson y + 0.1, gaussian y); at each iteration the
/// working response z = η + (y − μ)/μ′(η) is regressed on X with working weights w μ′(η)²/V(μ) by the
/// pivoted-QR least squares of `LinearModel` (never the normal equations); stop when
/// |D − D_old|/(|D| + 0.1) < ε (R's `glm.control(epsilon = 1e-8, maxit = 25)`). The links and their
/// derivatives clamp as R's C code does (logit: η beyond ±30 gives ε or 1/ε; log: at least ε).
///
/// Covariance, as `summary.glm`: φ (XᵀWX)⁻¹ with W the working weights of the last iteration; φ = 1
/// for binomial and poisson (z statistics, normal p-values and Wald intervals, R `confint.default`),
/// φ = Σ w (y − μ)²/(n − p) for gaussian (t on n − p). Under a survey design (`init(_:survey:…)`) it is
/// `svyglm(family = quasibinomial()/quasipoisson()/gaussian())`: the design weights (scaled to mean 1,
/// as svyglm) are the prior weights, the covariance is the Taylor-linearized variance of the totals of
/// xᵢ wᵢ (yᵢ − μᵢ) μ′/V · (XᵀWX)⁻¹ (`svy.varcoef`), t on (PSUs − strata) + 1 − p df.
///
/// A fit whose probabilities reach 0 or 1 (R: "fitted probabilities numerically 0 or 1": complete or
/// quasi-complete separation) or that does not converge is an error naming the term with the largest
/// standardized coefficient, never a table of meaningless estimates.
public struct GeneralizedLinearModel: Sendable {
    public var family: GLMFamily
    public var coefficients: [Coefficient]
    /// Covariance of the estimates (p × p, column-major).
    public var covariance: [Double]
    /// True when the statistics are normal (z) rather than t.
    public var usesNormal: Bool
    public var n: Int
    public var dfResidual: Int
    public var deviance: Double
    public var nullDeviance: Double
    /// R's `AIC(glm)`; NaN under a design (svyglm has none).
    public var aic: Double
    public var dispersion: Double
    public var iterations: Int
    public var level: Double
    /// Fitted means μ per row of the model matrix.
    public var fitted: [Double]

    public static let epsilon = 1e-8
    public static let maxIterations = 25

    /// Classical fit (R `glm(y ~ …, family, weights = w)`).
    public init(_ design: DesignMatrix, family: GLMFamily, level: Double = 0.95) throws(RegressionError) {
        let fit = try GeneralizedLinearModel.irls(design, family: family)
        let p = design.cols, n = design.rows
        let df = n - p
        let phi: Double
        switch family {
        case .binomial, .poisson: phi = 1
        case .gaussian:
            var s = 0.0
            for i in 0..<n { let r = design.y[i] - fit.mu[i]; s += (design.weights?[i] ?? 1) * r * r }
            phi = df > 0 ? s / Double(df) : .nan
        }
        let normal = family != .gaussian
        let cov = fit.last.xtwxInverse.map { $0 * phi }
        self.init(design: design, family: family, fit: fit, covariance: cov, normal: normal, df: df, level: level)
        self.dispersion = phi
        self.aic = GeneralizedLinearModel.aic(design, family: family, mu: fit.mu, deviance: fit.deviance)
    }

    private init(design: DesignMatrix, family: GLMFamily, fit: IRLSFit, covariance cov: [Double], normal: Bool, df: Int, level: Double) {
        let p = design.cols
        let q = normal ? SamplingDistribution.normalQuantile((1 + level) / 2)
            : (df > 0 ? SamplingDistribution.tQuantile((1 + level) / 2, df: Double(df)) : .nan)
        var coefs: [Coefficient] = []
        for j in 0..<p {
            let b = fit.coefficients[j]
            let se = cov[j + j * p] >= 0 ? cov[j + j * p].squareRoot() : .nan
            let t = b / se
            let pv = normal ? SamplingDistribution.normalTwoSided(t) : (df > 0 ? SamplingDistribution.tTwoSided(t, df: Double(df)) : .nan)
            coefs.append(Coefficient(term: design.terms[j], estimate: b, standardError: se, tValue: t, pValue: pv,
                                     ciLow: b - q * se, ciHigh: b + q * se))
        }
        self.family = family
        self.coefficients = coefs
        self.covariance = cov
        self.usesNormal = normal
        self.n = design.rows
        self.dfResidual = df
        self.deviance = fit.deviance
        self.nullDeviance = fit.nullDeviance
        self.aic = .nan
        self.dispersion = .nan
        self.iterations = fit.iterations
        self.level = level
        self.fitted = fit.mu
    }

    /// Under a survey design: R `svyglm(y ~ …, design, family = quasibinomial()/quasipoisson()/gaussian())`.
    /// `domain` (one flag per physical row, nil = all) is the `--where` domain: svyglm scales the prior
    /// weights to mean 1 over the domain's rows, missing values included (this sets the deviance's scale).
    public init(_ design: DesignMatrix, family: GLMFamily, survey: SurveyDesign, domain: [Bool]? = nil, level: Double = 0.95) throws(RegressionError) {
        var d = design
        let w = design.tableRows.map { survey.weights[$0] }
        var sum = 0.0, count = 0
        for r in 0..<survey.rowCount where domain?[r] ?? true { sum += survey.weights[r]; count += 1 }
        let meanW = sum / Double(max(count, 1))
        d.weights = w.map { $0 / meanW }
        let fit = try GeneralizedLinearModel.irls(d, family: family)
        let n = d.rows, p = d.cols
        // working weight × working residual = w (y − μ) μ′/V
        let z = d.coefficientInfluence(xtwxInverse: fit.last.xtwxInverse) { fit.workingWeights[$0] * fit.workingResiduals[$0] }
        let (rowMajor, designDF) = survey.linearizedCovariance(rows: d.tableRows, z: z, p: p)
        var cov = rowMajor
        for i in 0..<p { for j in 0..<p { cov[i + j * p] = rowMajor[i * p + j] } }
        self.init(design: d, family: family, fit: fit, covariance: cov, normal: false, df: designDF + 1 - p, level: level)
        // summary.svyglm's dispersion: Σ w (Pearson residual)² / Σ w.
        var s = 0.0, sw = 0.0
        for i in 0..<n {
            let r = (d.y[i] - fit.mu[i]) / GeneralizedLinearModel.variance(family, fit.mu[i]).squareRoot()
            s += d.weights![i] * r * r; sw += d.weights![i]
        }
        self.dispersion = s / sw
    }

    // MARK: - IRLS

    struct IRLSFit {
        var coefficients: [Double]
        var mu: [Double]
        var deviance: Double
        var nullDeviance: Double
        var iterations: Int
        /// The weighted least-squares fit of the last iteration (its (XᵀWX)⁻¹ is the bread, as R).
        var last: LinearModel
        /// w μ′(η)²/V(μ) of the last iteration, and (y − μ)/μ′(η) at the final μ (R's `weights`, `residuals`).
        var workingWeights: [Double]
        var workingResiduals: [Double]
    }

    static func irls(_ design: DesignMatrix, family: GLMFamily) throws(RegressionError) -> IRLSFit {
        let n = design.rows, p = design.cols
        guard p > 0 else { throw .badSpec("the model has no terms (give --x, or keep the intercept)") }
        guard n >= p else { throw .tooFewRows(rows: n, terms: p) }
        let y = design.y, prior = design.weights ?? [Double](repeating: 1, count: n)
        for i in 0..<n {
            switch family {
            case .binomial where !(y[i] == 0 || y[i] == 1):
                throw .badSpec("--family binomial needs a 0/1 response; row \(design.tableRows[i] + 1) has \(y[i])")
            case .poisson where !(y[i] >= 0):
                throw .badSpec("--family poisson needs counts ≥ 0; row \(design.tableRows[i] + 1) has \(y[i])")
            default: break
            }
        }
        var mu: [Double] = (0..<n).map { i in
            switch family {
            case .binomial: (prior[i] * y[i] + 0.5) / (prior[i] + 1)
            case .poisson: y[i] + 0.1
            case .gaussian: y[i]
            }
        }
        var eta = mu.map { link(family, $0) }
        mu = eta.map { inverseLink(family, $0) }
        var devOld = deviance(family, y, mu, prior)
        var dev = devOld
        var coefficients = [Double](repeating: 0, count: p)
        var last: LinearModel? = nil
        var workingWeights = [Double](repeating: 0, count: n)
        var converged = false
        var iterations = 0
        var wls = design
        for iter in 1...maxIterations {
            iterations = iter
            for i in 0..<n {
                let d = linkDerivative(family, eta[i])
                wls.y[i] = eta[i] + (y[i] - mu[i]) / d
                workingWeights[i] = prior[i] * d * d / variance(family, mu[i])
            }
            wls.weights = workingWeights
            let fit = try LinearModel(wls, covariance: .classical)
            coefficients = fit.coefficients.map(\.estimate)
            for i in 0..<n { eta[i] = wls.y[i] - fit.residuals[i] }
            mu = eta.map { inverseLink(family, $0) }
            dev = deviance(family, y, mu, prior)
            last = fit
            guard dev.isFinite else { throw .numerical("the \(family.rawValue) fit diverged (deviance not finite) at iteration \(iter)") }
            if abs(dev - devOld) / (abs(dev) + 0.1) < epsilon { converged = true; break }
            devOld = dev
        }
        let worst = largestStandardized(design, coefficients)
        if !converged {
            throw .numerical("the \(family.rawValue) model did not converge in \(maxIterations) iterations (IRLS, as R glm); the term \(worst) has the largest standardized coefficient\nhint: check \(worst) for separation or a near-constant column, or leave it out")
        }
        if family == .binomial {
            let eps = 10 * Double.ulpOfOne
            if mu.contains(where: { $0 > 1 - eps || $0 < eps }) {
                throw .numerical("fitted probabilities numerically 0 or 1 (separation): the term \(worst) predicts the outcome (almost) perfectly, so its estimate is infinite\nhint: leave \(worst) out, merge its rare levels, or tabulate it against the outcome")
            }
        }
        let residuals = (0..<n).map { (y[$0] - mu[$0]) / linkDerivative(family, eta[$0]) }
        // Null deviance: the weighted mean with an intercept (R: linkinv(offset) = 0.5 / 1 / 0 without).
        var sw = 0.0, swy = 0.0
        for i in 0..<n { sw += prior[i]; swy += prior[i] * y[i] }
        let nullMu = design.hasIntercept ? swy / sw : inverseLink(family, 0)
        let nullDeviance = deviance(family, y, [Double](repeating: nullMu, count: n), prior)
        return IRLSFit(coefficients: coefficients, mu: mu, deviance: dev, nullDeviance: nullDeviance, iterations: iterations,
                       last: last!, workingWeights: workingWeights, workingResiduals: residuals)
    }

    /// The non-intercept term with the largest |b_j| · sd(x_j).
    static func largestStandardized(_ d: DesignMatrix, _ b: [Double]) -> String {
        var best = d.terms.first ?? "", score = -1.0
        for j in 0..<d.cols where d.terms[j] != "(Intercept)" {
            var m = 0.0, s = 0.0
            for i in 0..<d.rows { m += d.x[i + j * d.rows] }
            m /= Double(d.rows)
            for i in 0..<d.rows { let e = d.x[i + j * d.rows] - m; s += e * e }
            let v = abs(b[j]) * (s / Double(max(d.rows - 1, 1))).squareRoot()
            if v > score || v.isNaN { score = v.isNaN ? .infinity : v; best = d.terms[j] }
        }
        return best
    }

    // MARK: - Family functions (R's binomial(), poisson(), gaussian(), with their C clamps)

    static let thresh = 30.0

    static func link(_ f: GLMFamily, _ mu: Double) -> Double {
        switch f {
        case .gaussian: mu
        case .binomial: log(mu / (1 - mu))
        case .poisson: log(mu)
        }
    }

    static func inverseLink(_ f: GLMFamily, _ eta: Double) -> Double {
        switch f {
        case .gaussian: return eta
        case .binomial:
            let t = eta < -thresh ? Double.ulpOfOne : (eta > thresh ? 1 / Double.ulpOfOne : exp(eta))
            return t / (1 + t)
        case .poisson: return max(exp(eta), Double.ulpOfOne)
        }
    }

    static func linkDerivative(_ f: GLMFamily, _ eta: Double) -> Double {
        switch f {
        case .gaussian: return 1
        case .binomial:
            if eta > thresh || eta < -thresh { return Double.ulpOfOne }
            let e = exp(eta)
            return e / ((1 + e) * (1 + e))
        case .poisson: return max(exp(eta), Double.ulpOfOne)
        }
    }

    static func variance(_ f: GLMFamily, _ mu: Double) -> Double {
        switch f {
        case .gaussian: 1
        case .binomial: mu * (1 - mu)
        case .poisson: mu
        }
    }

    /// Σ of R's `dev.resids`.
    static func deviance(_ f: GLMFamily, _ y: [Double], _ mu: [Double], _ w: [Double]) -> Double {
        var s = 0.0
        for i in y.indices {
            switch f {
            case .gaussian: let r = y[i] - mu[i]; s += w[i] * r * r
            case .binomial:
                s += 2 * w[i] * (y[i] == 1 ? -log(mu[i]) : -log(1 - mu[i]))
            case .poisson:
                s += 2 * w[i] * ((y[i] > 0 ? y[i] * log(y[i] / mu[i]) : 0) - (y[i] - mu[i]))
            }
        }
        return s
    }

    /// R's `family$aic(…) + 2 · rank`.
    static func aic(_ d: DesignMatrix, family f: GLMFamily, mu: [Double], deviance: Double) -> Double {
        let n = d.rows, p = Double(d.cols)
        let w = d.weights ?? [Double](repeating: 1, count: n)
        switch f {
        case .gaussian:
            var logW = 0.0
            for wi in w { logW += log(wi) }
            return Double(n) * (log(2 * Double.pi * deviance / Double(n)) + 1) + 2 - logW + 2 * p
        case .binomial:
            // −2 Σ w log dbinom(y; 1, μ) for 0/1 y (R rounds m·y with m = w; here w = 1 per case).
            var s = 0.0
            for i in 0..<n { s += w[i] * (d.y[i] == 1 ? log(mu[i]) : log(1 - mu[i])) }
            return -2 * s + 2 * p
        case .poisson:
            var s = 0.0
            for i in 0..<n { s += w[i] * (d.y[i] * log(mu[i]) - mu[i] - lgamma(d.y[i] + 1)) }
            return -2 * s + 2 * p
        }
    }
}
