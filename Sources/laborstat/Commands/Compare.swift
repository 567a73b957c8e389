import ArgumentParser
import LaborStat

extension LaborStatCommand {}

/// `laborstat compare`: regions side by side.
struct Compare: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Regions side by side: value, share, rank, ratio to a baseline, per-capita rates.",
        discussion: """
        Output: region, region_code, value, share, rank, baseline_value,
        ratio_to_baseline, diff_from_baseline, and value_se, ci_low, ci_high when a
        standard error exists. One row per region, provinces in GB/T 2260 code
        order, NBS and geographic regions in their customary order (东部 中部 西部 东北 港澳台;
        华北 东北 华东 华中 华南 西南 西北), hierarchy roots and kept unmatched spellings by name.
        region is the short name (陕西), as statistical yearbooks print it. --sort
        rank lists the largest value first.

        Regions are recognised in any spelling (see `laborstat regions --help`): 陕西,
        陕西省, 陕, Shaanxi, SHAANXI PROVINCE, 610000, 610102 … A spelling that matches
        no region, or more than one, is an error listing each with its data rows
        (1-based, the header not counted), exit 65; --keep-unmatched keeps each as a
        group of its own instead. Rows whose region cell is empty are left out, with
        a warning.

        Values (rows with a missing value are left out of that value):
          sum     Σ value                    count   rows
          mean    Σ value / n                median  middle value (R median)
          rate A/B   ΣA / ΣB over rows where both are present (× --per N when given)

        --denominator FILE --per N: value = Σ value (or count) / denominator × N.
        The file's first column is the region (any spelling, at or below --level: a
        province table serves region4, summed), its second column the number.
        Regions in the file but not in the data appear with value 0; regions without
        a denominator get an empty value and a warning.

        share: the region's part of the summed quantity (Σ value, count, or ΣA of a
        rate); empty for mean and median. rank: 1 = largest, ties share the smallest
        rank. Baseline national: the value over all rows (the total; the overall
        mean or median; ΣA/ΣB; Σ values / Σ denominators × N); --baseline NAME: that
        region's value. ratio = value / baseline, diff = value − baseline.

        Standard errors of rate A/B (--unit case, the default): each row is a case of
        many people, so the case is the unit: the ratio estimator's Taylor-linearized
        SE with every row its own PSU (R survey svyratio, svydesign(ids = ~1)), or
        with --cluster C the cases of one C (an employer) as one PSU (ids = ~C);
        Wald intervals. On the shipped register the binomial SE, which treats every
        person as independent, is about 1.5× too small. --test needs --unit person.
        With --unit person (rows are single people), for rate A/B of two count columns (integers without a money
        unit: people, cases) with 0 ≤ A ≤ B in every region, binomial
        sqrt(p(1−p)/ΣB); other count rates Poisson sqrt(ΣA)/ΣB; for a count per
        denominator, Poisson sqrt(n)/D (all × N). Intervals at --confidence are
        score intervals, which never leave the possible range: Wilson's for binomial
        rates (as R prop.test(correct = FALSE)), (A + z²/2 ± z·sqrt(A + z²/4))/B for
        Poisson rates. Rates of amounts (元/元), sums, means and medians of a register
        get none. The method is named in --format json output.

        --test prints, instead of the comparison, the table region, region_code,
        statistic, df, p_value, p_holm, method: first "(all regions)", Pearson's
        chi-square test of equal rates (binomial: the k×2 table of events and
        non-events, as R prop.test(correct = FALSE); Poisson: counts against
        exposures, as R chisq.test(A, p = D/sum(D))), df = k − 1; then one row per
        region, its z-test against the baseline (against national: the region
        against all other regions combined), with Holm-adjusted p-values (R
        p.adjust(method = "holm")).

        --hierarchy FILE: a CSV of child,parent pairs (columns named child and
        parent, else the first two columns) for cities and counties: 西安市,陕西省 /
        雁塔区,西安市 / 610113,西安市. A child listed with two different parents, or a cycle,
        is an error. At --level province, region4 or region7 a row's region is
        walked up the hierarchy to its province; at --level custom the group is the
        top-most ancestor in the file.

        Survey designs (--weight, --strata, --cluster, --fpc, --lonely-psu, --df):
        each region is a domain of the whole design, as R svyby: sum = svytotal,
        count = estimated persons (Σw), mean = svymean, rate A/B = svyratio, median
        = svyquantile (qrule math, Woodruff interval); SEs by Taylor linearization,
        intervals normal or t (--df design); --where is a domain. share is of the
        estimated totals. --test is not available under a design. --level is the
        roll-up level here, so the confidence level is --confidence.

        Examples:
          laborstat compare Datasets/arrears_register.csv --region 省份 --agg "rate 其中农民工/涉及人数" --unit person --test
          laborstat compare Datasets/arrears_register.csv --region 省份 --value 欠薪金额（元） --baseline 广东
          laborstat compare Datasets/arrears_register.csv --region 省份 --agg "rate 追回金额（元）/欠薪金额（元）" --level region4 -o recovery.xlsx
          laborstat compare Datasets/survey_sample.csv --region province --value monthly_income --agg mean --level region4 \\
            --weight weight --strata stratum --cluster psu --fpc psu_population --where "year = 2024"
        """
    )

    @OptionGroup var input: InputOptions

    @Option(help: "The column naming each row's region (any spelling; province, city or county codes).")
    var region: String

    @Option(help: "Roll-up level: province|region4|region7|custom (custom: the roots of --hierarchy).")
    var level: String = "province"

    @Option(help: "CSV of child,parent pairs for cities and counties (or custom groupings).")
    var hierarchy: String?

    @Option(help: "The column summarised by sum, mean or median.")
    var value: String?

    @Option(help: "sum|mean|median|count|rate A/B (default: sum with --value, else count).")
    var agg: String?

    @Option(help: "File of per-region denominators: first column region, second column the number.")
    var denominator: String?

    @Option(help: "Scale per-capita values and rates: value / denominator × N (e.g. 10000).")
    var per: Double?

    @Option(help: "national (the value over all rows) or a region's name.")
    var baseline: String = "national"

    @Flag(help: "Print the chi-square test of equal rates and each region's Holm-adjusted z-test against the baseline instead.")
    var test = false

    @Option(help: "Row order: code (GB/T 2260 and customary region order), rank (largest value first), or name (code point).")
    var sort: String = "code"

    @Flag(help: "Keep spellings that match no region as groups of their own (default: an error listing them).")
    var keepUnmatched = false

    @Option(help: "Confidence level of the intervals.")
    var confidence: Double = 0.95

    @Option(help: ArgumentHelp("What a row is for the SE of rate A/B without a design: case (a row is a case of many people: ratio-estimator SE with the case as the unit, as R svyratio with ids = ~1; --cluster names a higher unit such as the employer) or person (binomial/Poisson SE, Wilson interval).",
                               discussion: "e.g. laborstat compare Datasets/arrears_register.csv --region 省份 --agg \"rate 其中农民工/涉及人数\" --unit case"))
    var unit: String = "case"

    @Option(help: "Survey design: sampling weight column (any design option makes compare design-based).")
    var weight: String?

    @Option(help: "Survey design: stratum column.")
    var strata: String?

    @Option(help: "Survey design: cluster (PSU) column, and optionally the stage-2 cluster column: C1[,C2].")
    var cluster: String?

    @Option(help: "Survey design: finite population correction per stage (population sizes, or sampling fractions when all ≤ 1): F1[,F2].")
    var fpc: String?

    @Option(help: "Survey design: strata with a single PSU: fail|remove|adjust|average|certainty.")
    var lonelyPsu: String = "fail"

    @Option(help: "Survey design: degrees of freedom for intervals: normal, or design (t with PSUs − strata df).")
    var df: String = "normal"

    @OptionGroup var output: OutputOptions

    @OptionGroup var svg: SVGOutputOptions

    @Option(help: ArgumentHelp("Also draw a tile map of China's provinces into this SVG file (at region4/region7 each province shows its region's value).", valueName: "file"))
    var map: String?

    @Option(help: "Title of the --svg and --map charts (default: what was computed, e.g. \"count per 10000 weight by province\").")
    var title: String?

    func run() throws {
        guard let lvl = RegionLevel(rawValue: level.lowercased()) else {
            throw ValidationError("--level must be province, region4, region7 or custom (got \(level))")
        }
        guard confidence > 0 && confidence < 1 else { throw ValidationError("--confidence must be between 0 and 1, e.g. 0.95") }
        let aggregate = try CompareAggregate(parsing: agg ?? (value == nil ? "count" : "sum"))
        var spec = CompareSpec(regionColumn: region)
        spec.valueColumn = value
        spec.aggregate = aggregate
        spec.level = lvl
        spec.baseline = baseline
        spec.per = per
        spec.confidenceLevel = confidence
        spec.keepUnmatched = keepUnmatched
        spec.file = input.file == "-" ? "<stdin>" : input.file
        if let h = hierarchy { spec.hierarchy = try Compare.loadHierarchy(h) }
        if let d = denominator {
            spec.denominator = try DenominatorTable(table: TableReader.read(path: d), file: d)
        }

        var columns = [region]
        if let value { columns.append(value) }
        if case .rate(let a, let b) = aggregate { columns += [a, b] }

        let design = try designSpec()
        guard let rateUnit = RateUnit(rawValue: unit.lowercased()) else { throw ValidationError("--unit must be case or person (got \(unit))") }
        if rateUnit == .person, design != nil { throw ValidationError("--unit person is for rows without a survey design; under a design the SEs come from the design") }
        let result: RegionComparison
        if case .rate = aggregate, design == nil, rateUnit == .case, spec.denominator == nil {
            let table = try input.load(columns: columns)
            let domain = try input.whereExpression.map { try RowFilter($0).mask(in: table) }
            result = try RegionComparison(register: table, spec: spec, cluster: nil, domain: domain)
        } else if let design {
            let table = try input.load(columns: columns + design.columns)
            let domain = try input.whereExpression.map { try RowFilter($0).mask(in: table) }
            result = try RegionComparison(table: table, spec: spec, design: design.spec, domain: domain)
        } else {
            result = try RegionComparison(table: input.loadFiltered(columns: columns), spec: spec)
        }
        for w in result.warnings { Diagnostics.warn(w) }
        if test {
            var meta = result.metadata
            meta.append(("test", "Pearson chi-square of equal rates; z-tests vs baseline, Holm-adjusted"))
            try output.emit(RegionComparison.testTable(result.tests()), metadata: meta)
        } else {
            try output.emit(Compare.sorted(result, by: sort), metadata: result.metadata)
        }
        try svg.write(try Compare.barChart(result, title: title, rowsArePersons: rateUnit == .person, language: try output.labelLanguage()))
        if let map {
            try writeChart(try Compare.tileMap(result, title: title, rowsArePersons: rateUnit == .person, language: try output.labelLanguage()).render(),
                           to: map, image: svg.image)
        }
    }

    /// The result table in the order `--sort` asks for (ties keep code order; no value goes last).
    static func sorted(_ r: RegionComparison, by key: String) throws -> Table {
        let t = r.table()
        let idx = Array(r.rows.indices)
        let order: [Int]
        switch key.lowercased() {
        case "code": order = idx
        case "rank": order = idx.sorted { (r.rows[$0].rank ?? .max, $0) < (r.rows[$1].rank ?? .max, $1) }
        case "name": order = idx.sorted { Array(r.rows[$0].group.name.utf8).lexicographicallyPrecedes(Array(r.rows[$1].group.name.utf8)) }
        default: throw ValidationError("--sort must be code, rank or name (got \(key))")
        }
        return t.selecting(rows: order.map(Int32.init)).materialized()
    }

    /// Ranked horizontal bars with their intervals; the national baseline is a bar of its own
    /// (全国), a named baseline is named in the subtitle.
    static func barChart(_ r: RegionComparison, title custom: String? = nil, rowsArePersons: Bool = false,
                         language: ColumnLabels.Language = .en) throws -> LaborStatCharts.Chart {
        let d = r.chartData
        var labels = d.labels, values = d.values, low = d.low, high = d.high
        if d.baselineName == "national", let b = d.baseline {
            labels.append(ChartTitles.baselineBar(nil, language))
            values.append(b)
            low?.append(nil)
            high?.append(nil)
        } else if let i = labels.firstIndex(of: d.baselineName) {
            labels[i] = ChartTitles.baselineBar(labels[i], language)
        }
        var spec = ChartSpec(title: custom ?? title(r, rowsArePersons: rowsArePersons, language: language),
                             subtitle: subtitle(r, language: language), height: max(440, 90 + 22 * Double(labels.count)))
        spec.xLabel = valueAxis(r, rowsArePersons: rowsArePersons, language: language)
        return try .hbar(categories: labels, values: values, errorLow: low, errorHigh: high, spec: spec)
    }

    /// The value axis's title: a per-N rate names its unit (`cases per 10,000 persons`, 每万人案件数),
    /// otherwise the value column or the aggregate.
    static func valueAxis(_ r: RegionComparison, rowsArePersons: Bool, language: ColumnLabels.Language) -> String {
        let s = r.spec
        if s.denominator != nil {
            return ChartTitles.perRate(per: s.per ?? 1, of: s.aggregate == .count ? nil : s.valueColumn,
                                       perPerson: rowsArePersons, language)
        }
        if case .rate(let a, let b) = s.aggregate {
            if let per = s.per, per != 1 { return ChartTitles.perRate(per: per, of: a, denominator: b, language) }
            return s.valueColumn ?? ChartTitles.rate(a, b, language)
        }
        if let v = s.valueColumn { return v }
        return ChartTitles.aggregate(s.aggregate.name, of: nil, language) ?? s.aggregate.name
    }

    static func tileMap(_ r: RegionComparison, title custom: String? = nil, rowsArePersons: Bool = false,
                        language: ColumnLabels.Language = .en) throws -> LaborStatCharts.Chart {
        let tiles = r.chartData.tiles.map { Tile(label: $0.label, row: $0.row, col: $0.col, value: $0.value) }
        return try .tilemap(tiles: tiles, spec: ChartSpec(title: custom ?? title(r, rowsArePersons: rowsArePersons, language: language),
                                                          subtitle: subtitle(r, language: language)))
    }

    static func title(_ r: RegionComparison, rowsArePersons: Bool = false, language: ColumnLabels.Language = .en) -> String {
        if language == .zh {
            // The axis names a summed or averaged column alone; the title says which summary.
            var what = valueAxis(r, rowsArePersons: rowsArePersons, language: language)
            var isRate = false
            if case .rate = r.spec.aggregate { isRate = true }
            if r.spec.denominator == nil, !isRate, let v = r.spec.valueColumn {
                what = ChartTitles.aggregate(r.spec.aggregate.name, of: v, language) ?? what
            }
            return ChartTitles.byRegion(what, level: r.spec.level.rawValue)
        }
        let what = r.spec.valueColumn.map { "\(r.spec.aggregate.name) of \($0)" } ?? r.spec.aggregate.name
        let per = r.spec.denominator != nil ? " per \(NumberText.shortest(r.spec.per ?? 1)) \(r.spec.denominator!.valueColumn)" : ""
        return "\(what)\(per) by \(r.spec.level.rawValue)"
    }

    static func subtitle(_ r: RegionComparison, language: ColumnLabels.Language = .en) -> String {
        var parts: [String] = []
        if r.spec.denominator == nil, let p = r.spec.per { parts.append(ChartTitles.perNote(p, language)) }
        if let b = r.baselineValue {
            parts.append(ChartTitles.baselineNote(r.baselineName == "national" ? "全国" : r.baselineName, NumberText.significant(b, digits: 4), language))
        }
        if let e = r.errorMethod {
            parts.append(ChartTitles.intervalNote(percent: NumberText.shortest(r.spec.confidenceLevel * 100),
                                                  method: e == .binomial ? "binomial" : e == .poisson ? "Poisson" : "linearized", language))
        }
        return parts.joined(separator: " · ")
    }

    /// The survey design from the design options (nil when none is given). Compare's `--level` is
    /// the roll-up level, so the confidence level of design intervals is `--confidence`.
    func designSpec() throws -> (spec: SurveyDesignSpec, columns: [String])? {
        guard weight != nil || strata != nil || cluster != nil || fpc != nil else { return nil }
        guard let lonely = SurveyDesignSpec.LonelyPSU(rawValue: lonelyPsu) else {
            throw ValidationError("--lonely-psu must be fail, remove, adjust, average or certainty")
        }
        guard let dfChoice = SurveyDesignSpec.DegreesOfFreedom(rawValue: df) else { throw ValidationError("--df must be normal or design") }
        let spec = SurveyDesignSpec(weight: weight, strata: strata, clusters: commaList(cluster), fpc: commaList(fpc),
                                    lonelyPSU: lonely, level: confidence, df: dfChoice)
        let columns = [weight, strata].compactMap { $0 } + commaList(cluster) + commaList(fpc).filter { Double($0) == nil }
        return (spec, columns)
    }

    /// Reads a child,parent file: columns named `child` and `parent`, else the first two.
    static func loadHierarchy(_ path: String) throws -> RegionHierarchy {
        let t = try TableReader.read(path: path)
        guard t.columns.count >= 2 else {
            throw RegionError.badFile(file: path, message: "a hierarchy file needs two columns: child, parent")
        }
        let c = (try? t.column(named: "child")) ?? t.columns[0]
        let p = (try? t.column(named: "parent")) ?? t.columns[1]
        var pairs: [(child: String, parent: String, row: Int)] = []
        for r in t.rowIndices {
            guard let child = c.string(at: r), let parent = p.string(at: r) else {
                throw RegionError.badFile(file: path, message: "data row \(r + 1): a child or parent is empty")
            }
            pairs.append((child, parent, r + 1))
        }
        return try RegionHierarchy(pairs: pairs, file: path)
    }
}
