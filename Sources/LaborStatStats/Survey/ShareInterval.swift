import Foundation

/// How the confidence interval of a design-based share p̂ (a mean of 0/1 values) is formed — R survey's
/// `svyciprop(method=)`. Every method but `wald` stays inside [0, 1]; `logit` is R's default and ours.
///
/// With SE the share's linearized standard error, c the critical value (normal, or t on the domain's
/// design df under `--df design`), α = 1 − level:
/// - `wald` (svyciprop `"mean"`, `confint(svymean)`): p̂ ± c·SE — can fall below 0 for rare shares.
/// - `logit` (svyciprop `"logit"`: the intercept of `svyglm(y ~ 1, family = quasibinomial)`, Wald on the
///   logit scale) and `xlogit` (`svycontrast` of log(p/(1 − p))): expit(logit p̂ ± c·SE/(p̂(1 − p̂))).
///   The two are the same formula; R's `logit` differs in the 12th digit because its glm stops early.
/// - `beta` (Korn & Graubard 1998): with the effective sample size n* = p̂(1 − p̂)/SE² ·
///   (t_{n−1,α/2} / t_{df,α/2})² (n the domain's rows, df its design df: svyciprop uses the design df
///   here whatever `df=` says), [qbeta(α/2, n* p̂, n*(1 − p̂) + 1), qbeta(1 − α/2, n* p̂ + 1, n*(1 − p̂))].
/// - `wilson` (svyciprop `"wilson"`): the Wilson score interval at n* = p̂(1 − p̂)/SE²,
///   (p̂ + c²/2n* ∓ c/2n* · √(4n* p̂(1 − p̂) + c²)) / (1 + c²/n*).
/// At p̂ = 0 or 1 (SE 0) only `wald` is defined (the point itself); the others are empty, not 0 or 1.
public enum ShareInterval: String, Sendable, CaseIterable, Codable {
    case wald, logit, beta, xlogit, wilson

    /// The limits for share `p` with standard error `se`; `critical` the two-sided critical value (nil:
    /// none), `rows` and `designDF` of the domain, for `beta`.
    func limits(share p: Double, se: Double, critical: Double?, level: Double, rows: Int, designDF: Int) -> (low: Double?, high: Double?) {
        guard p.isFinite, se.isFinite else { return (nil, nil) }
        if self == .wald {
            guard let c = critical else { return (nil, nil) }
            return (p - c * se, p + c * se)
        }
        guard p > 0, p < 1, se > 0 else { return (nil, nil) }
        switch self {
        case .wald: return (nil, nil)
        case .logit, .xlogit:
            guard let c = critical else { return (nil, nil) }
            let eta = log(p / (1 - p)), s = se / (p * (1 - p))
            return (Self.expit(eta - c * s), Self.expit(eta + c * s))
        case .wilson:
            guard let c = critical else { return (nil, nil) }
            let nEff = p * (1 - p) / (se * se)
            let c2 = c * c
            let root = (4 * nEff * p * (1 - p) + c2).squareRoot()
            let denominator = 1 + c2 / nEff
            return ((p + c2 / (2 * nEff) - c / (2 * nEff) * root) / denominator,
                    (p + c2 / (2 * nEff) + c / (2 * nEff) * root) / denominator)
        case .beta:
            guard rows > 1, designDF >= 1 else { return (nil, nil) }
            let alpha = 1 - level
            let ratio = SurveyDistributions.tQuantile(alpha / 2, df: Double(rows - 1)) / SurveyDistributions.tQuantile(alpha / 2, df: Double(designDF))
            let nEff = p * (1 - p) / (se * se) * ratio * ratio
            return (IncompleteBeta.quantile(alpha / 2, a: nEff * p, b: nEff * (1 - p) + 1),
                    IncompleteBeta.quantile(1 - alpha / 2, a: nEff * p + 1, b: nEff * (1 - p)))
        }
    }

    static func expit(_ x: Double) -> Double { x >= 0 ? 1 / (1 + exp(-x)) : exp(x) / (1 + exp(x)) }

    /// For `--help` and metadata.
    public var summary: String {
        switch self {
        case .wald: "wald: p ± c·SE (R svyciprop method=\"mean\"; may leave [0, 1])"
        case .logit: "logit: Wald on the logit scale (R svyciprop method=\"logit\", svyglm quasibinomial)"
        case .beta: "beta: Korn–Graubard (1998) with the design-effective sample size (R svyciprop method=\"beta\")"
        case .xlogit: "xlogit: logit transform of the mean (R svyciprop method=\"xlogit\")"
        case .wilson: "wilson: Wilson score at the effective sample size (R svyciprop method=\"wilson\")"
        }
    }
}
