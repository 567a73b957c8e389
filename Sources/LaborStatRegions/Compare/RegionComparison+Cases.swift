import LaborStatStats
import LaborStatTable

/// What one row of a register is, for the standard error of `rate A/B`.
public enum RateUnit: String, Sendable, CaseIterable {
    /// A row is a case of many people (the arrears register): people in one case are not
    /// independent, so the case (or a higher unit, `--cluster`) is the sampling unit.
    case `case`
    /// A row is one person (or the events are independent): binomial or Poisson SEs.
    case person
}

extension RegionComparison {
    /// `rate A/B` of a case register with the case as the unit: the ratio estimator R̂ = ΣA/ΣB per
    /// region, its SE by Taylor linearization with every row (case) its own primary sampling unit and
    /// weight 1 — R `svyratio(~A, ~B, svydesign(ids = ~1, data))`, by region as a domain (`svyby`):
    /// v(R̂) = n/(n − 1) Σᵢ zᵢ² with zᵢ = (Aᵢ − R̂ Bᵢ)/ΣB over the region's rows (0 elsewhere).
    /// With `cluster` (e.g. the employer) the cases of one cluster are summed first (`ids = ~cluster`).
    /// The binomial SE √(p(1−p)/ΣB) treats each person as independent and is too small whenever the
    /// people of a case share its outcome (on the shipped register about 1.5× too small).
    /// Intervals are Wald (estimate ± z·SE, R `confint`); `--where` is a domain, as `subset()` of a design.
    public init(register table: Table, spec: CompareSpec, cluster: String?, domain: [Bool]?) throws {
        guard case .rate = spec.aggregate else {
            throw RegionError.invalid("the case as the unit applies to rate A/B only (got \(spec.aggregate.name))")
        }
        let design = SurveyDesignSpec(clusters: cluster.map { [$0] } ?? [], level: spec.confidenceLevel)
        try self.init(table: table, spec: spec, design: design, domain: domain)
        errorMethod = .caseRatio
    }
}
