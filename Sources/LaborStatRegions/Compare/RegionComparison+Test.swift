/// `compare --test`: are the regions' rates different, and which differ from the baseline?
///
/// - Overall: Pearson's chi-square test of equal rates. Binomial rates (events A among B):
///   the k×2 table (A, B − A), X² = Σ (A_g − B_g·P)² / (B_g·P·(1−P)), P = ΣA/ΣB, df = k − 1, as
///   R's `prop.test(A, B, correct = FALSE)` / `chisq.test(cbind(A, B - A), correct = FALSE)`.
///   Poisson rates (counts A over exposures D): X² = Σ (A_g − E_g)²/E_g, E_g = ΣA·D_g/ΣD,
///   df = k − 1, as R's `chisq.test(A, p = D / sum(D))`.
/// - Each region against the baseline: the same test on two groups, reported as a signed z
///   (z² = X², two-sided p). Against `national`, a region is compared with all other regions
///   combined (the national figure contains the region itself); against a named region, with
///   that region. p-values are adjusted for the k − 1 or k comparisons by Holm's method
///   (R `p.adjust(method = "holm")`).
/// Regions whose exposure is 0 or unknown take no part.
extension RegionComparison {
    public struct TestRow: Sendable {
        /// "(all regions)" for the overall test, else the region compared with the baseline.
        public var region: String
        public var regionCode: Int?
        /// X² for the overall test, z for a comparison.
        public var statistic: Double
        public var df: Int?
        public var pValue: Double
        /// Holm-adjusted p-value (comparisons only).
        public var pHolm: Double?
        public var method: String
    }

    public func tests() throws -> [TestRow] {
        guard let method = errorMethod else {
            throw RegionError.invalid("--test compares rates: use --agg rate A/B of counts, or --agg count with --denominator FILE")
        }
        if method == .caseRatio {
            throw RegionError.invalid("--test of rates treats every person as independent: give --unit person (rows are single people), or compare the intervals of the case-based rates")
        }
        if method == .design {
            throw RegionError.invalid("--test is not available under a survey design (tabulate --test gives the Rao–Scott test)")
        }
        let used = rows.filter { ($0.exposure ?? 0) > 0 }
        guard used.count >= 2 else { throw RegionError.invalid("--test needs at least two regions with a positive denominator") }
        let a = used.map(\.numerator), e = used.map { $0.exposure! }
        let (x2, _) = RegionComparison.chiSquare(a: a, e: e, method: method)
        let df = used.count - 1
        let overallMethod = method == .binomial
            ? "Pearson chi-square test of equal proportions (k x 2 table, no continuity correction)"
            : "Pearson chi-square test of equal Poisson rates (counts vs exposure)"
        let out = [TestRow(region: "(all regions)", regionCode: nil, statistic: x2, df: df,
                           pValue: Distributions.chiSquareUpperTail(x2, df: Double(df)), pHolm: nil, method: overallMethod)]

        let totalA = a.reduce(into: CompensatedSum()) { $0.add($1) }.value
        let totalE = e.reduce(into: CompensatedSum()) { $0.add($1) }.value
        let baseIndex: Int? = baselineName == "national" ? nil : used.firstIndex { $0.group.name == baselineName }
        if baselineName != "national" && baseIndex == nil {
            throw RegionError.invalid("--test: the baseline region \(baselineName) has no positive denominator")
        }
        var pairs: [TestRow] = []
        for (g, row) in used.enumerated() where g != baseIndex {
            let (a2, e2) = baseIndex.map { (a[$0], e[$0]) } ?? (totalA - a[g], totalE - e[g])
            guard e2 > 0 else { continue }
            let (x2, _) = RegionComparison.chiSquare(a: [a[g], a2], e: [e[g], e2], method: method)
            let sign: Double = a[g] / e[g] >= a2 / e2 ? 1 : -1
            let z = sign * x2.squareRoot()
            pairs.append(TestRow(region: row.group.name, regionCode: row.group.code, statistic: z, df: nil,
                                 pValue: Distributions.twoSidedNormalP(z), pHolm: nil,
                                 method: baseIndex == nil ? "z-test vs the rest of the country, Holm-adjusted"
                                                          : "z-test vs \(baselineName), Holm-adjusted"))
        }
        let adjusted = Distributions.holm(pairs.map(\.pValue))
        for i in pairs.indices { pairs[i].pHolm = adjusted[i] }
        return out + pairs
    }

    /// Pearson's X² of equal rates and the pooled rate.
    static func chiSquare(a: [Double], e: [Double], method: ErrorMethod) -> (Double, Double) {
        let sa = a.reduce(into: CompensatedSum()) { $0.add($1) }.value
        let se = e.reduce(into: CompensatedSum()) { $0.add($1) }.value
        let p = sa / se
        var x2 = CompensatedSum()
        for (ai, ei) in zip(a, e) {
            let d = ai - ei * p
            switch method {
            case .binomial: x2.add(d * d / (ei * p * (1 - p)))
            case .poisson, .design, .caseRatio: x2.add(d * d / (ei * p))
            }
        }
        return (x2.value, p)
    }
}
