/// Which definition of a quantile to use. Unweighted data: the nine types of Hyndman & Fan (1996),
/// numbered as R's `quantile(type=)`; type 7 is R's and numpy's default. Weighted data (survey
/// weights): the rules of R `survey`'s `svyquantile(qrule=)`.
public enum QuantileRule: String, Sendable, CaseIterable, Codable {
    case hf1, hf2, hf3, hf4, hf5, hf6, hf7, hf8, hf9
    /// Inverse of the weighted empirical distribution function: the smallest x with F(x) ≥ p
    /// (`qrule="math"`, survey's default; the P2 benchmark rule).
    case math
    /// The mean of the two candidates when F(x) = p exactly (`qrule="school"`).
    case school
    /// Shah & Vaish (2006) interpolation (`qrule="shahvaish"`).
    case shahvaish

    /// The Hyndman–Fan type 1…9 for `--quantile-type N`.
    public init?(type: Int) {
        guard (1...9).contains(type) else { return nil }
        self = QuantileRule.allCases[type - 1]
    }
}
