import ArgumentParser
import LaborStat

extension LaborStatCommand {}

struct Tabulate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tabulate",
        abstract: "Frequencies and cross-tabulations with shares (and standard errors under a design).",
        discussion: """
        One-way (--rows C): [by], C, n, share, share_se, share_ci_low, share_ci_high. Without a \
        design, share_se is the binomial √(p(1−p)/N) and the interval is Wilson's score interval \
        at --level (R prop.test(correct = FALSE)).
        Two-way (--rows C --cols C2): [by], C, C2, n, share, every combination listed (n = 0 where \
        none), share of the total, of the row (C) or of the column (C2) by --share.
        --test: the chi-square test of independence instead: [by], statistic, df, p_value, method \
        (Pearson, no continuity correction, as scipy chi2_contingency(correction=False) and R \
        chisq.test(correct=FALSE); Rao-Scott under a design).
        Rows whose C (or C2) is missing are left out, as R table().

        Examples:
          laborstat tabulate Datasets/arrears_register.csv --rows 行业
          laborstat tabulate Datasets/arrears_register.csv --rows 省份 --cols 处理状态 --share row
          laborstat tabulate Datasets/survey_sample.csv --rows sex --cols has_contract --test
        """
    )

    @OptionGroup var input: InputOptions

    @Option(help: "The classifying column (or period key). A number column gives bands COL:B1/B2/… (age:16/21/31/41/51: <16, 16–20, …, 51+; each band [B, next)).")
    var rows: String

    @Option(help: "A second classifying column: a two-way table.")
    var cols: String?

    @Option(help: "Group keys, comma-separated.")
    var by: String?

    @Option(help: "Two-way shares of: total|row|col.")
    var share: String = "total"

    @Flag(help: "Print the chi-square test of independence of --rows and --cols.")
    var test = false

    @OptionGroup var design: DesignOptions
    @OptionGroup var output: OutputOptions

    @OptionGroup var svg: SVGOutputOptions

    func validate() throws {
        guard FrequencyTable.Share(rawValue: share) != nil else { throw ValidationError("--share must be total, row or col (got \(share))") }
        if test && cols == nil { throw ValidationError("--test needs --cols (a two-way table)") }
    }

    func run() throws {
        let spec = try design.spec
        let keys = commaList(by).map(KeySpec.init)
        let rk = KeySpec(rows), ck = cols.map(KeySpec.init)
        let needed = [rk.column] + (ck.map { [$0.column] } ?? []) + keys.map(\.column) + design.columns
        if spec.isDesignBased { return try runDesign(spec: spec, keys: keys, rk: rk, ck: ck, needed: needed) }
        let table = try input.loadFiltered(columns: needed, groupKeys: ([rk] + (ck.map { [$0] } ?? []) + keys).map(\.column))
        let result: Table
        var meta: [(String, String)] = [("command", "tabulate"), ("weighting", "none (counts)")]
        if let ck {
            if test {
                result = try FrequencyTable.chiSquare(table, rows: rk, cols: ck, by: keys)
                meta.append(("test", "Pearson chi-square, no continuity correction"))
            } else {
                result = try FrequencyTable.twoWay(table, rows: rk, cols: ck, by: keys, share: FrequencyTable.Share(rawValue: share)!)
                meta.append(("share", "of the \(share == "total" ? "total" : share == "row" ? "row (\(rk))" : "column (\(ck))")"))
            }
        } else {
            result = try FrequencyTable.oneWay(table, column: rk, by: keys, level: spec.level)
            meta.append(("share_se", "binomial sqrt(p(1-p)/N)"))
            meta.append(("ci_method", "Wilson score interval at level \(spec.level)"))
        }
        try output.emit(result, metadata: meta)
        try drawShares(result, rows: rk, cols: ck, keys: keys)
    }

    /// Under a survey design: one-way shares are the design's proportions (R svymean of the
    /// factor) with Taylor SEs and intervals; two-way shares are weighted; --test is Rao-Scott.
    func runDesign(spec: SurveyDesignSpec, keys: [KeySpec], rk: KeySpec, ck: KeySpec?, needed: [String]) throws {
        let ctx = try DesignSupport.Context(input: input, spec: spec, keys: keys, columns: needed)
        var meta: [(String, String)] = [("command", "tabulate"), ("weighting", "survey design: \(DesignSupport.describe(spec))")]
        let result: Table
        if let ck {
            if test {
                guard keys.isEmpty else { throw ValidationError("--test with a survey design takes no --by (use --where for one domain)") }
                let t = try ctx.design.raoScott(rows: rk.column, cols: ck.column, domain: ctx.domain)
                result = try Table(columns: [Column("statistic", doubles: [t.statistic]), Column("df", doubles: [t.df]),
                                             Column("p_value", doubles: [t.pValue]), Column("method", strings: [t.method])])
                meta.append(("test", t.method))
            } else {
                result = try FrequencyTable.twoWay(ctx.domainTable, rows: rk, cols: ck, by: keys, share: FrequencyTable.Share(rawValue: share)!,
                                                   weights: ctx.weights)
                meta.append(("share", "weighted (design point estimate), of the \(share)"))
            }
        } else {
            guard rk.period == nil else { throw ValidationError("a period key in --rows needs no design; tabulate the period column itself") }
            let props = try ctx.design.proportions(rk.column, domain: ctx.domain, groups: ctx.grouping)
            // Rows per (group, level) in the domain, for n.
            let column = try ctx.table.column(named: rk.column)
            var n: [String: Int] = [:]
            var i = 0
            for r in ctx.domainTable.rowIndices {
                if let s = column.string(at: r) { n["\(ctx.domainGroupOfRow[i])\u{1}\(s)", default: 0] += 1 }
                i += 1
            }
            var keyRows: [Int32] = [], level: [String?] = [], count: [Int64?] = []
            var share: [Double?] = [], se: [Double?] = [], lo: [Double?] = [], hi: [Double?] = []
            for k in ctx.presentGroups {
                for (l, e) in props[k] {
                    keyRows.append(Int32(k)); level.append(l); count.append(Int64(n["\(k)\u{1}\(l)"] ?? 0))
                    share.append(e.value); se.append(e.standardError); lo.append(e.ciLow); hi.append(e.ciHigh)
                }
            }
            var cols = ctx.grouping.keys.map { $0.gathering(keyRows) }
            cols += [Self.levelColumn(column, levels: level), Column("n", integers: count), Column("share", doubles: share),
                     Column("share_se", doubles: se), Column("share_ci_low", doubles: lo), Column("share_ci_high", doubles: hi)]
            result = try Table(columns: cols)
            meta.append(("share_se", "Taylor linearization (R survey svymean of the level indicators)"))
            meta.append(("ci_method", "\(spec.shareInterval.summary); \(spec.df == .design ? "t on PSUs − strata df" : "normal") at level \(spec.level)"))
        }
        try output.emit(result, metadata: meta)
        try drawShares(result, rows: rk, cols: ck, keys: keys)
    }

    /// The tabulated levels in the column's own type (0/1 stay numbers in JSON), found at the
    /// first row holding each level; as text when a level has no row.
    static func levelColumn(_ column: Column, levels: [String?]) -> Column {
        if column.type == .text || column.type == .category { return Column(column.name, strings: levels) }
        var firstRow: [String: Int32] = [:]
        for r in 0..<column.count { if let s = column.string(at: r), firstRow[s] == nil { firstRow[s] = Int32(r) } }
        let rows = levels.compactMap { $0.flatMap { firstRow[$0] } }
        guard rows.count == levels.count else { return Column(column.name, strings: levels) }
        return column.gathering(rows)
    }

    /// `--svg`: shares with their intervals (one-way), or shares stacked by --cols (two-way).
    func drawShares(_ result: Table, rows: KeySpec, cols: KeySpec?, keys: [KeySpec]) throws {
        guard svg.path != nil, !test else { return }
        let language = try output.labelLanguage()
        if let cols {
            var spec = ChartSpec(title: ChartTitles.share(rows: rows.outputName, cols: cols.outputName, base: share, language))
            spec.yLabel = ChartTitles.axis("share", language)
            spec.xLabel = ChartTitles.keyAxis(rows.outputName, language)
            try svg.write(result, kind: .stackedBar, x: rows.outputName, y: "share", color: cols.outputName, spec: spec)
        } else {
            try NaturalCharts.draw(result, keys: [rows.outputName], value: "share", low: "share_ci_low", high: "share_ci_high",
                                   facet: keys.first?.outputName, title: ChartTitles.share(of: rows.outputName, language),
                                   language: language, svg: svg)
        }
    }
}
