/// Pearson's chi-square test of independence in a two-way table of counts (or weight sums),
/// without continuity correction: scipy `chi2_contingency(observed, correction=False)`, R
/// `chisq.test(tab, correct=FALSE)`.
///
/// ```
/// Eᵢⱼ = rowᵢ · colⱼ / N,   X² = Σᵢⱼ (Oᵢⱼ − Eᵢⱼ)² / Eᵢⱼ,   df = (r − 1)(c − 1),   p = P(χ²_df > X²)
/// ```
/// Rows and columns whose total is 0 are dropped first (they carry no information and would divide
/// by zero). Under a survey design use the Rao–Scott correction (`SurveyDesign.raoScott`) instead.
public struct ChiSquareTest: Sendable, Equatable {
    public var statistic: Double
    public var df: Double
    public var pValue: Double
    public var method: String

    /// `counts[i][j]`: the count of row level i and column level j.
    public init(counts: [[Double]]) {
        let rowTotals = counts.map { CompensatedSum.sum($0) }
        let cols = counts.first?.count ?? 0
        let colTotals = (0..<cols).map { j in CompensatedSum.sum(counts.map { $0[j] }) }
        let rows = rowTotals.indices.filter { rowTotals[$0] > 0 }
        let keptCols = colTotals.indices.filter { colTotals[$0] > 0 }
        let N = CompensatedSum.sum(rowTotals)
        var x2 = CompensatedSum()
        for i in rows { for j in keptCols {
            let e = rowTotals[i] * colTotals[j] / N
            let d = counts[i][j] - e
            x2.add(d * d / e)
        } }
        df = Double(max(0, (rows.count - 1) * (keptCols.count - 1)))
        statistic = x2.value
        pValue = df > 0 ? SpecialFunctions.chiSquareSurvival(statistic, df: df) : .nan
        method = "Pearson chi-square (no continuity correction)"
    }
}

/// A confidence interval for a binomial proportion.
public enum ProportionInterval {
    /// Wilson's score interval (Wilson 1927), as R `prop.test(x, n, correct=FALSE)$conf.int` and
    /// statsmodels `proportion_confint(method="wilson")`:
    /// ```
    /// (p̂ + z²/2n ± z·√(p̂(1−p̂)/n + z²/4n²)) / (1 + z²/n),   z = Φ⁻¹((1 + level)/2)
    /// ```
    public static func wilson(successes x: Double, n: Double, level: Double = 0.95) -> (low: Double, high: Double) {
        guard n > 0 else { return (.nan, .nan) }
        let z = SpecialFunctions.normalQuantile((1 + level) / 2)
        let p = x / n, z2 = z * z
        let center = p + z2 / (2 * n)
        let half = z * (p * (1 - p) / n + z2 / (4 * n * n)).squareRoot()
        let d = 1 + z2 / n
        return (max(0, (center - half) / d), min(1, (center + half) / d))
    }
}
