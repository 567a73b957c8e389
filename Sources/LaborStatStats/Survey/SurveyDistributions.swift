/// The distribution functions design-based inference needs — normal and Student-t quantiles for
/// intervals, the F upper tail for the Rao–Scott test — taken from `SamplingDistribution` (shared with
/// regression; `SurveyDesignErrorTests` checks them against R's `qnorm`, `qt`, `pf` to 1e-12).
enum SurveyDistributions {
    static func normalQuantile(_ p: Double) -> Double { SamplingDistribution.normalQuantile(p) }

    /// Student's t quantile; `df = ∞` gives the normal quantile, as R's `qt(p, Inf)`.
    static func tQuantile(_ p: Double, df: Double) -> Double {
        df.isInfinite ? SamplingDistribution.normalQuantile(p) : SamplingDistribution.tQuantile(p, df: df)
    }

    /// P(F > f) for F(d1, d2), as R's `pf(f, d1, d2, lower.tail = FALSE)`.
    static func fUpperTail(_ f: Double, _ d1: Double, _ d2: Double) -> Double {
        SamplingDistribution.fSurvival(f, d1: d1, d2: d2)
    }

    /// The two-sided critical value for a confidence `level`: the (1 + level)/2 quantile of the normal
    /// (`df` infinite) or of Student's t.
    static func critical(level: Double, df: Double) -> Double {
        tQuantile(1 - (1 - level) / 2, df: df)
    }
}
