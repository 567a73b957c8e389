import ArgumentParser
import LaborStat

extension LaborStatCommand {}

struct Describe: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "describe",
        abstract: "Distributions: n, mean, sd, quantiles, Gini … per column and group, weighted or design-based.",
        discussion: """
        Output: the --by keys, `column`, then one column per statistic, one row per group and column.
        Default statistics: n,missing,mean,sd,min,p25,p50,p75,max; under a survey design \
        n,missing,mean,mean_se,mean_ci_low,mean_ci_high,total,total_se,sd,min,p25,p50,p75,max.

        --stats names any of: n, missing, sum_weight, mean, total, sd, var, cv, min, max, pX (any \
        quantile: p2.5, p50, p99; median = p50), gini, skewness, kurtosis; with a design also \
        mean_se, mean_ci_low, mean_ci_high, total_se, deff, pX_se, pX_ci_low, pX_ci_high, gini_se.
        Under a design, gini is R convey's svygini (Σ(2r − 1)xw/(N·T) − 1, r the cumulative weight) \
        and gini_se its linearized SE (Deville 1999; convey 1.0.1). lowpay_threshold, lowpay_rate \
        and their _se: the low-pay line (--low-pay of --low-pay-basis, default 2/3 of the median) and \
        the share at or below it, as convey's svyarpt and svyarpr (Osier 2009).

        Definitions: sd and var with divisor n − 1 (R sd/var; weighted: survey svyvar's n/(n−1) \
        factor); cv = sd / mean; skewness and kurtosis are the sample-adjusted G1 and excess G2 of \
        SAS, Excel and scipy (bias=False) (weighted: the moment ratios g1, g2); gini is the \
        population Gini coefficient of values ≥ 0 (R ineq::Gini), weighted by the Lorenz curve.
        Mean and variance are computed in two compensated passes, on exact scaled integers when the \
        values have at most 4 decimals: NIST's NumAcc1-4 come out to 15 digits.

        Quantile rules: without weights Hyndman-Fan type 7 (R and numpy's default), or \
        --quantile-type 1..9 as R quantile(type=). With --weight the default is qrule "math", the \
        inverse of the weighted distribution function: the smallest x with F(x) ≥ p, as R survey's \
        svyquantile(qrule="math"); --quantile-rule also takes school, shahvaish, hf1…hf9 (survey's \
        rules). Under any design option (--weight, --strata, --cluster, --fpc) every statistic uses \
        the design's weights — given, or implied by --fpc alone — and its quantile rule. The rule \
        used is named in --format json output.

        --weight alone with statistics that need no standard error (n, sum_weight, mean, total, \
        sd, pX, …) gives the design's point estimates without computing any standard error.

        Examples:
          laborstat describe Datasets/survey_sample.csv --columns monthly_income --by region
          laborstat describe Datasets/survey_sample.csv --columns monthly_income --by region,year --weight weight --stats n,mean,p10,p50,p90
          laborstat describe Datasets/arrears_register.csv --columns 欠薪金额（元） --stats n,mean,p50,p99,gini,skewness
          laborstat describe Datasets/survey_sample.csv --columns age,hours_per_week,monthly_income --correlations
        """
    )

    @OptionGroup var input: InputOptions

    @Option(help: "Columns to describe, comma-separated (default: every numeric column that is not a key or design column).")
    var columns: String?

    @Option(help: "Group keys, comma-separated; a date column gives period keys COL:year, COL:quarter, COL:month. A number column gives bands COL:B1/B2/… (age:16/21/31/41/51: <16, 16–20, …, 51+; each band [B, next)).")
    var by: String?

    @Option(help: "Statistics, comma-separated (see above).")
    var stats: String?

    @Option(help: "Hyndman-Fan quantile type 1..9 as R quantile(type=) (default 7; with weights: survey's hfN rule).")
    var quantileType: Int?

    @Option(help: "Weighted quantile rule: math (default with weights: smallest x with F(x) ≥ p), school, shahvaish, hf1..hf9 — R survey's qrule.")
    var quantileRule: String?

    @Flag(help: "Print the correlation matrix (Pearson, complete cases; weighted with --weight) instead: [by], column, one column per variable.")
    var correlations = false

    @Flag(help: "Print Lorenz-curve points instead (for `chart lorenz`): [by], column, population_share, amount_share; values must be ≥ 0.")
    var lorenz = false

    @Option(help: ArgumentHelp("Low-pay line as a fraction of --low-pay-basis, for lowpay_threshold and lowpay_rate (default 2/3).",
                               discussion: "lowpay_threshold = fraction × the basis quantile; lowpay_rate = weighted share at or below the whole sample's threshold; SEs linearized as R convey 1.0.1 svyarpt/svyarpr (Osier 2009). e.g. laborstat describe Datasets/survey_sample.csv --columns monthly_income --weight weight --strata stratum --cluster psu --fpc psu_population --stats lowpay_threshold,lowpay_threshold_se,lowpay_rate,lowpay_rate_se --low-pay 2/3 --low-pay-basis median"))
    var lowPay: String = "2/3"

    @Option(help: "Quantile the low-pay line is a fraction of: median or pX (e.g. p60).")
    var lowPayBasis: String = "median"

    @Option(help: ArgumentHelp("Adds pay_gap, pay_gap_se: (mean of COL=LEVEL − mean of the other level) / mean of COL=LEVEL, under a design (R convey svygpg).",
                               discussion: "COL must have two levels. e.g. laborstat describe Datasets/survey_sample.csv --columns monthly_income --weight weight --strata stratum --cluster psu --fpc psu_population --stats mean --pay-gap sex=男"))
    var payGap: String?

    @Option(help: "Leave out output columns, comma-separated (e.g. column, when one column is described).")
    var drop: String?

    @OptionGroup var design: DesignOptions
    @OptionGroup var output: OutputOptions

    @OptionGroup var svg: SVGOutputOptions

    func validate() throws {
        if let t = quantileType, !(1...9).contains(t) { throw ValidationError("--quantile-type must be 1..9 (got \(t))") }
        if let r = quantileRule, QuantileRule(rawValue: r.lowercased()) == nil {
            throw ValidationError("--quantile-rule must be one of \(QuantileRule.allCases.map(\.rawValue).joined(separator: ", ")) (got \(r))")
        }
        if quantileType != nil && quantileRule != nil { throw ValidationError("give --quantile-type or --quantile-rule, not both") }
        if lorenz && correlations { throw ValidationError("give --lorenz or --correlations, not both") }
        _ = try ResultNames.renames(output.rename)
    }

    func run() throws {
        let spec = try design.spec
        let keys = commaList(by).map(KeySpec.init)
        var statistics = try stats.map { try DescribeStatistic.list($0) }
            ?? (spec.isDesignBased ? DescribeStatistic.designDefaults : DescribeStatistic.defaults)
        let gap = try payGapSpec()
        if gap != nil {
            guard spec.isDesignBased else { throw ValidationError("--pay-gap needs a survey design (--weight, and --strata/--cluster/--fpc as sampled)") }
            statistics += [.payGap, .payGapSE]
        }
        guard !statistics.isEmpty else { throw ValidationError("--stats is empty") }
        // The design is built only for standard errors, or when the weights come from --fpc alone;
        // otherwise weighted point estimates need no design (P2 pays for no standard error).
        // gini under a design is convey's svygini with or without gini_se (an estimate never depends on
        // which other columns were asked for).
        let designBased = spec.isDesignBased && (statistics.contains(where: \.needsDesign) || spec.weight == nil || statistics.contains(.gini))
        let weighted = spec.isWeighted   // any design option: the design's weights and quantile rule
        let rule: QuantileRule = quantileRule.flatMap { QuantileRule(rawValue: $0.lowercased()) }
            ?? quantileType.flatMap { QuantileRule(type: $0) } ?? (weighted ? .math : .hf7)
        let asked = commaList(columns)
        let needed: [String]? = asked.isEmpty ? nil : asked + keys.map(\.column) + design.columns + (gap.map { [$0.column] } ?? [])
        let table = try input.loadFiltered(columns: needed)
        let keyColumns = Set(keys.map { Table.normalizedName($0.column) } + design.columns.map(Table.normalizedName))
        let described = asked.isEmpty
            ? table.columns.filter { [.integer, .decimal].contains($0.type) && !keyColumns.contains(Table.normalizedName($0.name)) }.map(\.name)
            : asked
        guard !described.isEmpty else { throw ValidationError("no numeric column to describe; name them with --columns") }
        var decimals: [String: Int] = [:]
        var result: Table
        if designBased && !correlations && !lorenz {
            result = try designTable(spec: spec, keys: keys, columns: described, statistics: statistics, rule: rule, needed: needed, gap: gap)
        } else {
            let grouping = try Grouping(table, by: keys)
            let weights = try spec.weights(for: table)
            if lorenz {
                result = try Gini.lorenzTable(table, columns: described, grouping: grouping, weights: weights)
            } else if correlations {
                result = try Correlation.table(table, columns: described, grouping: grouping, weights: weights)
            } else {
                result = try DescriptiveSummary.table(table, columns: described, grouping: grouping, statistics: statistics, rule: rule, weights: weights)
            }
        }
        result = try ResultNames.apply(try ResultNames.renames(output.rename), to: result, decimals: &decimals)
        result = try ResultNames.drop(commaList(drop), from: result, decimals: &decimals)
        try ResultNames.emit(result, output: output, decimals: decimals, metadata: [
            ("command", correlations ? "describe --correlations" : "describe"),
            ("weighting", designBased ? "survey design: \(DesignSupport.describe(spec)); Taylor-linearized standard errors (R survey)"
                : spec.weight.map { "weighted by \($0) (point estimates; no standard errors computed)" } ?? "none (unweighted)"),
            ("quantile_rule", rule.summary),
            ("variance", "divisor n − 1 (weighted: svyvar's n/(n − 1) · Σw(x − mean)² / Σw)"),
            ("skewness_kurtosis", weighted ? "moment ratios g1, g2 (weighted)" : "sample-adjusted G1, excess G2 (SAS/Excel/scipy bias=False)"),
        ] + (designBased ? [("ci_method", "\(spec.df == .design ? "t on PSUs − strata df" : "normal") at level \(spec.level); quantiles: Woodruff")] : []))
        let language = try output.labelLanguage()
        if !correlations && !lorenz, let value = result.columnNames.first(where: { $0 == "mean" })
            ?? result.columnNames.first(where: { !keys.map(\.outputName).contains($0) && $0 != "column" && $0 != "n" && $0 != "missing" }) {
            try NaturalCharts.draw(result, keys: keys.map(\.outputName), value: value, low: value + "_ci_low", high: value + "_ci_high",
                                   facet: described.count > 1 && !keys.isEmpty ? "column" : nil,
                                   title: ChartTitles.statistic(value, of: described.count == 1 ? described[0] : nil, language),
                                   language: language, svg: svg)
        }
    }

    /// `--pay-gap COL=LEVEL`.
    func payGapSpec() throws -> (column: String, level: String)? {
        guard let payGap else { return nil }
        guard let eq = payGap.firstIndex(of: "="), eq != payGap.startIndex, payGap.index(after: eq) != payGap.endIndex else {
            throw ValidationError("--pay-gap takes COL=LEVEL, the reference (men) level, e.g. sex=男 (got \(payGap))")
        }
        return (String(payGap[..<eq]), String(payGap[payGap.index(after: eq)...]))
    }

    /// `--low-pay` (a fraction, or N/M) and `--low-pay-basis` (median or pX) as numbers.
    func lowPayLine() throws -> (fraction: Double, quantile: Double) {
        let parts = lowPay.split(separator: "/").map { Double($0.trimmingCharacters(in: .whitespaces)) }
        let fraction: Double? = parts.count == 2 ? parts[0].flatMap { a in parts[1].map { a / $0 } } : parts.count == 1 ? parts[0] : nil
        guard let fraction, fraction > 0, fraction.isFinite else { throw ValidationError("--low-pay takes a fraction such as 2/3 or 0.6 (got \(lowPay))") }
        let basis = lowPayBasis.lowercased()
        if basis == "median" { return (fraction, 0.5) }
        guard basis.hasPrefix("p"), let pct = Double(basis.dropFirst()), pct > 0, pct < 100 else {
            throw ValidationError("--low-pay-basis takes median or pX with 0 < X < 100, e.g. p60 (got \(lowPayBasis))")
        }
        return (fraction, pct / 100)
    }

    /// Design-based statistics: the design (over the whole file) gives mean, total, quantiles and
    /// their SEs, intervals and deff for the domain (--where) in each group; the other statistics
    /// are the weighted point estimates of the domain's rows.
    func designTable(spec: SurveyDesignSpec, keys: [KeySpec], columns: [String], statistics: [DescribeStatistic],
                     rule: QuantileRule, needed: [String]?, gap: (column: String, level: String)? = nil) throws -> Table {
        let ctx = try DesignSupport.Context(input: input, spec: spec, keys: keys, columns: needed)
        var overrides: DescriptiveSummary.Overrides = [:]
        let probabilities = statistics.compactMap { s -> Double? in
            switch s {
            case .quantile(let p, _), .quantileSE(let p, _), .quantileCILow(let p, _), .quantileCIHigh(let p, _): p
            default: nil
            }
        }
        let ps = Array(Set(probabilities)).sorted()
        for name in columns {
            let column = try ctx.table.column(named: name)
            try column.requireNumeric()
            var o: [DescribeStatistic: [Double?]] = [:]
            let wantsMean = statistics.contains { [.mean, .meanSE, .meanCILow, .meanCIHigh, .deff].contains($0) }
            if wantsMean {
                let m = try ctx.design.mean(column.name, domain: ctx.domain, groups: ctx.grouping)
                o[.mean] = m.map(\.value); o[.meanSE] = m.map(\.standardError)
                o[.meanCILow] = m.map(\.ciLow); o[.meanCIHigh] = m.map(\.ciHigh); o[.deff] = m.map(\.designEffect)
            }
            if statistics.contains(where: { [.total, .totalSE].contains($0) }) {
                let t = try ctx.design.total(column.name, domain: ctx.domain, groups: ctx.grouping)
                o[.total] = t.map(\.value); o[.totalSE] = t.map(\.standardError)
            }
            if statistics.contains(where: { [.gini, .giniSE].contains($0) }) {
                let g = try ctx.design.gini(column.name, domain: ctx.domain, groups: ctx.grouping)
                o[.gini] = g.map { $0.value.isNaN ? nil : $0.value }; o[.giniSE] = g.map(\.standardError)
            }
            if statistics.contains(where: { [.lowPayThreshold, .lowPayThresholdSE, .lowPayRate, .lowPayRateSE].contains($0) }) {
                let (fraction, basis) = try lowPayLine()
                let values = try column.doubles()
                let lp = try ctx.design.lowPay(values: values, fraction: fraction, quantile: basis, domain: ctx.domain, groups: ctx.grouping)
                o[.lowPayThreshold] = lp.map { $0.threshold.value.isNaN ? nil : $0.threshold.value }
                o[.lowPayThresholdSE] = lp.map(\.threshold.standardError)
                o[.lowPayRate] = lp.map { $0.rate.value.isNaN ? nil : $0.rate.value }
                o[.lowPayRateSE] = lp.map(\.rate.standardError)
            }
            if let gap {
                let sex = try ctx.table.column(named: gap.column)
                var levels = Set<String>()
                let isReference: [Bool?] = (0..<sex.count).map { r in
                    guard let s = sex.string(at: r) else { return nil }
                    levels.insert(s)
                    return s == gap.level
                }
                guard levels.count == 2, levels.contains(gap.level) else {
                    throw ValidationError("--pay-gap \(gap.column)=\(gap.level): \(gap.column) must have two levels, one of them \(gap.level) (found \(levels.sorted().joined(separator: ", ")))")
                }
                let g = try ctx.design.payGap(values: try column.doubles(), isReference: isReference, domain: ctx.domain, groups: ctx.grouping)
                o[.payGap] = g.map { $0.value.isNaN ? nil : $0.value }; o[.payGapSE] = g.map(\.standardError)
            }
            if !ps.isEmpty {
                let q = try ctx.design.quantiles(column.name, probabilities: ps, rule: rule, domain: ctx.domain, groups: ctx.grouping)
                for s in statistics {
                    switch s {
                    case .quantile(let p, _): o[s] = q.map { $0[ps.firstIndex(of: p)!].value }
                    case .quantileSE(let p, _): o[s] = q.map { $0[ps.firstIndex(of: p)!].standardError }
                    case .quantileCILow(let p, _): o[s] = q.map { $0[ps.firstIndex(of: p)!].ciLow }
                    case .quantileCIHigh(let p, _): o[s] = q.map { $0[ps.firstIndex(of: p)!].ciHigh }
                    default: break
                    }
                }
            }
            overrides[column.name] = o
        }
        return try DescriptiveSummary.table(ctx.domainTable, columns: columns.map { try ctx.table.column(named: $0).name },
                                            groupOfRow: ctx.domainGroupOfRow, groupCount: ctx.grouping.groupCount,
                                            keys: ctx.grouping.keys, only: ctx.presentGroups, statistics: statistics, rule: rule,
                                            weights: ctx.weights, overrides: overrides)
    }
}
