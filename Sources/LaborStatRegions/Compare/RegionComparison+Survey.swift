import LaborStatStats
import LaborStatTable

extension RegionComparison {
    /// Regions compared under a survey design: each region is a domain of the whole design, as R's
    /// `svyby(~y, ~region, design, svytotal | svymean | svyratio | svyquantile)`.
    ///
    /// - value: `sum` the estimated total Σw·x; `count` the estimated population Σw (of rows with
    ///   a value when `--value` is given); `mean` Σw·x/Σw; `median` the weighted median (R
    ///   `svyquantile`, `qrule = "math"`) with its Woodruff interval; `rate A/B` the ratio of
    ///   totals Σw·A/Σw·B (× per). Per capita: total / D × per, its SE and interval scaled alike
    ///   (the denominator is taken as known).
    /// - standard errors and intervals from the design (Taylor linearization; normal, or t on the
    ///   design df with `--df design`); the national value is the estimate over the whole domain.
    /// - share: the region's estimated total (Σw·x, Σw, or Σw·A) over the sum of those totals.
    /// - `--where` is the domain (`domain`, one flag per physical row): the design stays whole.
    ///   Rows with an empty region cell leave the domain. The table's row selection is ignored.
    public init(table: Table, spec: CompareSpec, design designSpec: SurveyDesignSpec, domain: [Bool]?) throws {
        try RegionComparison.validate(spec)
        var t = try Table(columns: table.columns, source: table.source) // the design uses every row
        let n = t.physicalRowCount
        if let domain, domain.count != n {
            throw RegionError.invalid("the domain mask has \(domain.count) rows, the table \(n)")
        }
        var warnings: [String] = []
        let resolver = try RegionResolver(level: spec.level, hierarchy: spec.hierarchy)
        let assignment = try resolver.assign(t, column: spec.regionColumn, keepUnmatched: spec.keepUnmatched, file: spec.file)
        if let w = RegionComparison.missingWarning(assignment) { warnings.append(w) }

        // The region as a key column of the whole table, and ones for counts.
        let key = "\u{1F}compare.region", one = "\u{1F}compare.one"
        try t.append(Column(key, integers: assignment.groupOfRow.map { $0 >= 0 ? Int64($0) : nil }))
        if spec.aggregate == .count {
            let present = try spec.valueColumn.map { v in try t.column(named: v) }
            try t.append(Column(one, doubles: (0..<n).map { r in present.map { $0.isMissing(r) ? nil : 1 } ?? 1 }))
        }
        var dom = domain ?? [Bool](repeating: true, count: n)
        for r in 0..<n where assignment.groupOfRow[r] < 0 { dom[r] = false }
        let design = try SurveyDesign(table: t, spec: designSpec)
        let grouping = try Grouping(t, by: [KeySpec(key)])
        let k = assignment.groups.count
        /// Estimates in `assignment.groups` order (the grouping orders by the key, missing last).
        func perGroup(_ e: [Estimate]) -> [Estimate?] {
            var out = [Estimate?](repeating: nil, count: k)
            for (i, est) in e.enumerated() { if let g = grouping.keys[0].double(at: i) { out[Int(g)] = est } }
            return out
        }

        let agg = spec.aggregate
        var estimates: [Estimate?], numerators: [Estimate?]
        var national: Estimate
        switch agg {
        case .sum, .count:
            let v = agg == .count ? one : spec.valueColumn!
            estimates = perGroup(try design.total(v, domain: dom, groups: grouping))
            national = try design.total(v, domain: dom, groups: nil)[0]
            numerators = estimates
        case .mean:
            estimates = perGroup(try design.mean(spec.valueColumn!, domain: dom, groups: grouping))
            national = try design.mean(spec.valueColumn!, domain: dom, groups: nil)[0]
            numerators = Array(repeating: nil, count: k)
        case .median:
            estimates = perGroup(try design.quantiles(spec.valueColumn!, probabilities: [0.5], domain: dom, groups: grouping).map { $0[0] })
            national = try design.quantiles(spec.valueColumn!, probabilities: [0.5], domain: dom, groups: nil)[0][0]
            numerators = Array(repeating: nil, count: k)
        case .rate(let a, let b):
            estimates = perGroup(try design.ratio(numerator: a, denominator: b, domain: dom, groups: grouping))
            national = try design.ratio(numerator: a, denominator: b, domain: dom, groups: nil)[0]
            numerators = perGroup(try design.total(a, domain: dom, groups: grouping))
        }

        // Rows, joined with the denominators.
        let merged = try RegionComparison.withDenominators(assignment.groups, spec: spec, resolver: resolver)
        if let w = merged.warning { warnings.append(w) }
        let per = spec.per ?? 1
        var rows: [Row] = []
        for (i, g) in merged.groups.enumerated() {
            let e = merged.source[i].flatMap { estimates[$0] }
            let num = merged.source[i].flatMap { numerators[$0] }
            var row = Row(group: g, numerator: num?.value ?? 0, exposure: nil, n: e?.n ?? 0)
            var scale: Double? = 1
            if spec.denominator != nil {
                row.exposure = merged.exposure[i]
                scale = merged.exposure[i].flatMap { $0 != 0 ? per / $0 : nil }
            } else if case .rate = agg {
                scale = per
            }
            let empty = e == nil || e!.n == 0 || e!.value.isNaN
            if let s = scale {
                if empty {
                    if agg == .sum || agg == .count { row.value = 0; row.standardError = 0 }
                } else {
                    row.value = e!.value * s
                    row.standardError = e!.standardError.map { $0 * s }
                    row.ciLow = e!.ciLow.map { $0 * s }
                    row.ciHigh = e!.ciHigh.map { $0 * s }
                }
            }
            rows.append(row)
        }
        var nationalValue: Double? = national.value.isNaN ? nil : national.value
        if spec.denominator != nil {
            let with = rows.filter { $0.exposure != nil }
            let num = with.reduce(into: CompensatedSum()) { $0.add($1.numerator) }.value
            let den = with.reduce(into: CompensatedSum()) { $0.add($1.exposure!) }.value
            nationalValue = den != 0 ? num / den * per : nil
        } else if case .rate = agg {
            nationalValue = nationalValue.map { $0 * per }
        }
        let (baseName, baseValue) = try RegionComparison.finish(&rows, national: nationalValue, spec: spec, resolver: resolver)
        self.init(rows: rows, baselineName: baseName, baselineValue: baseValue, errorMethod: .design, spec: spec,
                  warnings: warnings, designSpec: designSpec)
    }

    init(rows: [Row], baselineName: String, baselineValue: Double?, errorMethod: ErrorMethod?, spec: CompareSpec,
         warnings: [String], designSpec: SurveyDesignSpec?) {
        self.rows = rows
        self.baselineName = baselineName
        self.baselineValue = baselineValue
        self.errorMethod = errorMethod
        self.spec = spec
        self.warnings = warnings
        self.designSpec = designSpec
    }
}
