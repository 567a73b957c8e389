/// Linear models under a complex survey design: R `svyglm(y ~ …, design, family = gaussian())`.
///
/// * Estimates: weighted least squares with the design's sampling weights.
/// * Covariance (`svy.varcoef`): the Taylor-linearized variance of the totals of the influence
///   values zᵢ = wᵢ eᵢ xᵢᵀ (XᵀWX)⁻¹ (estimating functions times the bread), through the design's
///   `linearizedCovariance` (strata, clusters, fpc, lonely PSUs as the design says). On a domain
///   (`--where`) the design stays whole: rows outside contribute zero, as `subset(design, …)`.
/// * Degrees of freedom (`summary.svyglm`, `confint.svyglm`): t with df = (PSUs − strata of the
///   rows used) + 1 − p, for p-values and intervals alike.
/// * Fit statistics: σ, R² and adjusted R² are the weighted-least-squares ones; no F statistic
///   (svyglm gives none; a design-based Wald test is not implemented), `dfResidual` is the t df.
extension LinearModel {
    public init(_ design: DesignMatrix, survey: SurveyDesign, level: Double = 0.95) throws(RegressionError) {
        var d = design
        d.weights = design.tableRows.map { survey.weights[$0] }
        self = try LinearModel(d, covariance: .classical, level: level)
        let p = d.cols
        let weights = d.weights!
        let z = d.coefficientInfluence(xtwxInverse: xtwxInverse) { weights[$0] * residuals[$0] }
        let (cov, designDF) = survey.linearizedCovariance(rows: d.tableRows, z: z, p: p)
        let df = designDF + 1 - p
        let tq = df > 0 ? SamplingDistribution.tQuantile((1 + level) / 2, df: Double(df)) : .nan
        for j in 0..<p {
            let b = coefficients[j].estimate
            let v = cov[j * p + j]
            let se = v >= 0 ? v.squareRoot() : .nan
            let t = b / se
            coefficients[j] = Coefficient(term: terms[j], estimate: b, standardError: se, tValue: t,
                                          pValue: df > 0 ? SamplingDistribution.tTwoSided(t, df: Double(df)) : .nan,
                                          ciLow: b - tq * se, ciHigh: b + tq * se)
        }
        var colMajor = cov
        for i in 0..<p { for j in 0..<p { colMajor[i + j * p] = cov[i * p + j] } }
        covariance = colMajor
        covarianceType = .design
        dfResidual = df
        fStatistic = .nan
        fPValue = .nan
    }
}
