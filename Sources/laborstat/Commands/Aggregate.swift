import ArgumentParser
import Dispatch
import Foundation
import LaborStat

extension LaborStatCommand {}

struct Aggregate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "aggregate",
        abstract: "Group-by: counts, sums, means, medians, minima, maxima, ratios.",
        discussion: """
        Output columns: the --by keys, then count, sum_C…, mean_C…, median_C…, min_C…, max_C…, \
        ratio_A_B…, rows sorted by the keys (text by code point, numbers by value, missing last).

        Sums are exact: integer columns are summed as integers, and decimal columns whose values \
        have at most 4 decimals (money in yuan and fen) are summed as scaled integers and printed \
        with the input's decimals (12381.50). Other sums are compensated (Neumaier). Missing values \
        are skipped; count is the number of rows in the group. mean = sum / (non-missing values); \
        median: Hyndman-Fan type 7 (R median); ratio A/B = ΣA / ΣB over rows where both are present.

        Names: --plain-names names each value column by its input column alone (sum_workers → \
        workers) when every input column gets one statistic; --rename OLD=NEW,… renames any output \
        column. Files over 32 MB are read in slices (one in memory at a time) when only --count, \
        --sum and --mean are asked without a design; the result is the same. With a survey design (--weight, --strata, --cluster, --fpc) the estimates are \
        design-based and each sum_, mean_ and ratio_ column is followed by a _se column.

        Examples:
          laborstat aggregate Datasets/arrears_register.csv --by 省份,立案日期:year --count --sum 涉及人数,欠薪金额（元）
          laborstat aggregate Datasets/arrears_register.csv --by 省份 --mean 欠薪金额（元） --median 欠薪金额（元） --ratio 追回金额（元）/欠薪金额（元）
          laborstat aggregate Datasets/arrears_register.csv --by 省份,立案日期:year --count --sum 涉及人数,欠薪金额（元） --plain-names --rename count=案件数
        """
    )

    @OptionGroup var input: InputOptions

    @Option(help: "Group keys, comma-separated; a date column gives period keys COL:year, COL:quarter, COL:month. A number column gives bands COL:B1/B2/… (age:16/21/31/41/51: <16, 16–20, …, 51+; each band [B, next)).")
    var by: String?

    @Flag(help: "Count the rows of each group (column `count`).")
    var count = false

    @Option(help: "Columns to sum (sum_C).")
    var sum: String?

    @Option(help: "Columns to average (mean_C).")
    var mean: String?

    @Option(help: "Columns whose median to take (median_C; Hyndman-Fan type 7 as R's median; weighted: survey qrule=\"math\"). Keeps the group's values in memory.")
    var median: String?

    @Option(help: "Columns whose minimum to take (min_C).")
    var min: String?

    @Option(help: "Columns whose maximum to take (max_C).")
    var max: String?

    @Option(help: "Ratios of sums A/B, comma-separated (ratio_A_B = ΣA / ΣB over rows where both are present).")
    var ratio: String?

    @Flag(help: "Add a last row over all the rows (in the domain), its keys reading \"total\".")
    var total = false

    @Flag(help: "Name value columns by their input column alone (sum_workers → workers); each input column may then have one statistic.")
    var plainNames = false

    @OptionGroup var design: DesignOptions
    @OptionGroup var output: OutputOptions

    @OptionGroup var svg: SVGOutputOptions

    @Option(help: .hidden)
    var sliceBytes: Int?

    /// Files larger than this are aggregated slice by slice (`AggregateStream`) when the request
    /// allows it: measured on P1 faster and smaller than a whole read from 1M rows (100 MB) up.
    static let streamThreshold = 32 << 20

    /// Slices of an eighth of the file, 16–64 MiB (P1 at 10M rows: 64 MiB slices 1.9 s / 175 MiB,
    /// 16 MiB 2.0 s / 75 MiB; at 1M rows 16 MiB slices 0.27 s / 70 MiB against 0.32 s / 95 MiB whole).
    static func sliceBytes(forFileSize size: Int) -> Int { Swift.min(64 << 20, Swift.max(16 << 20, size / 8)) }

    func validate() throws {
        if !count && [sum, mean, median, min, max, ratio].allSatisfy({ $0 == nil }) {
            throw ValidationError("nothing to compute: give --count, --sum, --mean, --median, --min, --max or --ratio")
        }
        for r in commaList(ratio) where r.split(separator: "/").count != 2 {
            throw ValidationError("--ratio takes A/B pairs, e.g. amount_recovered/amount_owed (got \(r))")
        }
        _ = try ResultNames.renames(output.rename)
        if total && commaList(by).isEmpty { throw ValidationError("--total needs --by (without groups the one row is already the total)") }
    }

    func run() throws {
        let keys = commaList(by).map(KeySpec.init)
        let ratios = commaList(ratio).map { r -> (String, String) in
            let p = r.split(separator: "/").map { $0.trimmingCharacters(in: .whitespaces) }
            return (p[0], p[1])
        }
        let stats: [(String, [String])] = [("sum", commaList(sum)), ("mean", commaList(mean)), ("median", commaList(median)),
                                           ("min", commaList(min)), ("max", commaList(max))]
        let spec = try design.spec
        let needed = keys.map(\.column) + stats.flatMap(\.1) + ratios.flatMap { [$0.0, $0.1] } + design.columns
        // Without a design: the filtered rows and their groups. With one: the whole file's design,
        // the --where domain, and the groups that have domain rows.
        let ctx = spec.isDesignBased ? try DesignSupport.Context(input: input, spec: spec, keys: keys, columns: needed) : nil
        var decimals: [String: Int] = [:]
        if ctx == nil, let (keyColumns, values) = try streamed(keys: keys, stats: stats, ratios: ratios, decimals: &decimals) {
            try finish(columns: keyColumns + values, keyCount: keyColumns.count, ctx: nil, spec: spec, decimals: decimals)
            return
        }
        decimals = [:]
        let table: Table, groupOfRow: [UInt32], groupCount: Int, keyColumns: [Column], present: [Int]
        if let ctx {
            (table, groupOfRow, groupCount, keyColumns, present) = (ctx.domainTable, ctx.domainGroupOfRow, ctx.grouping.groupCount, ctx.grouping.keys, ctx.presentGroups)
        } else {
            table = try input.loadFiltered(columns: needed, groupKeys: keys.map(\.column))
            let grouping = try Grouping(table, by: keys)
            (groupOfRow, groupCount, keyColumns, present) = (grouping.groupOfRow, grouping.groupCount, grouping.keys, Array(0..<grouping.groupCount))
        }
        var columns = keyColumns.map { $0.gathering(present.map { Int32($0) }) }
        columns += try valueColumns(table: table, ctx: ctx, groupOfRow: groupOfRow, groupCount: groupCount, present: present,
                                    designGroups: ctx?.grouping, stats: stats, ratios: ratios, decimals: &decimals)
        if total {
            // One more row over every row (in the domain): keys read "total".
            var ignored: [String: Int] = [:]
            let all = try valueColumns(table: table, ctx: ctx, groupOfRow: [UInt32](repeating: 0, count: groupOfRow.count), groupCount: 1,
                                       present: [0], designGroups: nil, stats: stats, ratios: ratios, decimals: &ignored)
            let k = keyColumns.count
            columns = columns.enumerated().map { i, c in
                i < k ? Column(c.name, strings: (0..<c.count).map { c.string(at: $0) } + ["total"]) : Self.appending(c, all[i - k])
            }
        }
        try finish(columns: columns, keyCount: keyColumns.count, ctx: ctx, spec: spec, decimals: decimals)
    }

    /// Renames, writes and draws the result table.
    func finish(columns: [Column], keyCount: Int, ctx: DesignSupport.Context?, spec: SurveyDesignSpec, decimals: [String: Int]) throws {
        var decimals = decimals
        var result = try Table(columns: columns)
        result = try ResultNames.apply(try ResultNames.renames(output.rename), to: result, decimals: &decimals)
        try ResultNames.emit(result, output: output, decimals: decimals, metadata: [
            ("command", "aggregate"),
            ("weighting", ctx == nil ? "none (unweighted)" : "survey design: \(DesignSupport.describe(spec)); sums are estimated totals, Taylor-linearized SEs (R survey)"),
            ("median_rule", ctx == nil ? "hf7: Hyndman-Fan type 7 (R median / quantile type 7)" : QuantileRule.math.summary),
            ("sums", "exact for integers and for decimals with at most 4 digits after the point; otherwise Neumaier-compensated"),
        ])
        let keyNames = Array(result.columnNames.prefix(keyCount))
        if let value = result.columnNames.dropFirst(keyCount).first(where: { !$0.hasSuffix("_se") }) {
            try NaturalCharts.draw(result.selecting(rows: (0..<Int32(total ? result.rowCount - 1 : result.rowCount)).map { $0 }),
                                   keys: keyNames, value: value, title: ChartTitles.axis(value, try output.labelLanguage()),
                                   language: try output.labelLanguage(), svg: svg)
        }
    }

    /// Key and value columns computed slice by slice (`AggregateStream`) when the file is large (or
    /// `--slice-bytes` is given) and the request needs only counts, sums and means; nil otherwise, or
    /// when the streamed result could differ from the whole-table one (then the file is read whole).
    func streamed(keys: [KeySpec], stats: [(String, [String])], ratios: [(String, String)],
                  decimals: inout [String: Int]) throws -> ([Column], [Column])? {
        guard ratios.isEmpty, !total, stats.allSatisfy({ $0.0 == "sum" || $0.0 == "mean" || $0.1.isEmpty }) else { return nil }
        let sumColumns = Array(Set(stats.flatMap(\.1))).sorted()
        var stream = AggregateStream(keys: keys, sumColumns: sumColumns)
        do {
            let complete = try StreamKeys.scan(input, columns: keys.map(\.column) + sumColumns, sliceBytes: sliceBytes) {
                try stream.add($0)
            }
            guard complete else { return nil }
            var used: [String: Int] = [:]
            for (_, names) in stats { for name in names { used[name, default: 0] += 1 } }
            let result = try stream.result(count: count, stats: stats, outName: { stat, column in
                guard plainNames else { return "\(stat)_\(column)" }
                if used[column, default: 0] > 1 {
                    throw ValidationError("--plain-names: column \"\(column)\" has more than one statistic; drop --plain-names or use --rename")
                }
                return column
            }, decimals: &decimals)
            return (result.keys, result.values)
        } catch is AggregateStream.NotStreamable {
            return nil
        }
    }

    /// The value columns (count, sum_, mean_, …) for groups `present`, rows of `table` in groups
    /// `groupOfRow`; under a design the estimates come from `ctx.design` over `designGroups`.
    func valueColumns(table: Table, ctx: DesignSupport.Context?, groupOfRow: [UInt32], groupCount: Int, present: [Int],
                      designGroups: Grouping?, stats: [(String, [String])], ratios: [(String, String)],
                      decimals: inout [String: Int]) throws -> [Column] {
        let rows = table.rowIndices
        func pick(_ v: [Double]) -> [Double?] { present.map { v[$0].isNaN ? nil : v[$0] } }
        func pick(_ v: [Double?]) -> [Double?] { present.map { v[$0].flatMap { $0.isNaN ? nil : $0 } } }
        var columns: [Column] = []
        if count {
            var c = [Int64](repeating: 0, count: groupCount)
            for g in groupOfRow { c[Int(g)] += 1 }
            columns.append(Column("count", integers: present.map { c[$0] }))
        }
        var used: [String: Int] = [:]
        for (_, names) in stats { for name in names { used[name, default: 0] += 1 } }
        // Sums and means of several columns: one column per core (each pass is independent).
        var sums: [String: GroupSums] = [:]
        if ctx == nil {
            let wanted = try Array(Set(stats.filter { $0.0 == "sum" || $0.0 == "mean" }.flatMap(\.1))).map { n throws -> Column in
                let c = try table.column(named: n); try c.requireNumeric(); return c
            }
            let results = ParallelSlots<GroupSums>(count: wanted.count)
            DispatchQueue.concurrentPerform(iterations: wanted.count) { i in
                results[i] = GroupSums(wanted[i], rows: rows, groupOfRow: groupOfRow, groupCount: groupCount)
            }
            for (i, c) in wanted.enumerated() { sums[c.name] = results[i] }
        }
        func outName(_ stat: String, _ column: String) throws -> String {
            guard plainNames else { return "\(stat)_\(column)" }
            if used[column, default: 0] > 1 {
                throw ValidationError("--plain-names: column \"\(column)\" has more than one statistic; drop --plain-names or use --rename")
            }
            return column
        }
        for (stat, names) in stats {
            for name in names {
                let column = try table.column(named: name)
                try column.requireNumeric()
                let label = try outName(stat, column.name)
                switch (stat, ctx) {
                case ("sum", let ctx?), ("mean", let ctx?):
                    let e = stat == "sum" ? try ctx.design.total(column.name, domain: ctx.domain, groups: designGroups)
                                          : try ctx.design.mean(column.name, domain: ctx.domain, groups: designGroups)
                    columns.append(Column(label, doubles: pick(e.map(\.value))))
                    columns.append(Column(label + "_se", doubles: pick(e.map(\.standardError))))
                case ("median", let ctx?):
                    let q = try ctx.design.quantiles(column.name, probabilities: [0.5], rule: .math, domain: ctx.domain, groups: designGroups)
                    columns.append(Column(label, doubles: pick(q.map { $0[0].value })))
                case ("sum", nil), ("mean", nil):
                    let s = sums[column.name] ?? GroupSums(column, rows: rows, groupOfRow: groupOfRow, groupCount: groupCount)
                    if stat == "mean" {
                        columns.append(Column(label, doubles: pick(s.mean)))
                    } else if let ints = s.integerSum {
                        columns.append(Column(label, integers: present.map { ints[$0] }))
                    } else {
                        columns.append(Column(label, doubles: pick(s.sum)))
                        if let d = s.decimals, d > 0 { decimals[label] = d }
                    }
                case ("median", nil):
                    var v = GroupedValues(column, rows: rows, groupOfRow: groupOfRow, groupCount: groupCount)
                    v.sort()
                    columns.append(Column(label, doubles: pick((0..<groupCount).map { v.quantiles($0, rule: .hf7, probabilities: [0.5])[0] })))
                default:
                    let e = GroupExtremes(column, rows: rows, groupOfRow: groupOfRow, groupCount: groupCount)
                    let values = pick(stat == "min" ? e.min : e.max)
                    columns.append(column.type == .integer ? Column(label, integers: values.map { $0.map { Int64($0) } }) : Column(label, doubles: values))
                }
            }
        }
        for (a, b) in ratios {
            let ca = try table.column(named: a), cb = try table.column(named: b)
            try ca.requireNumeric(); try cb.requireNumeric()
            let label = "ratio_\(ca.name)_\(cb.name)"
            if let ctx {
                let e = try ctx.design.ratio(numerator: ca.name, denominator: cb.name, domain: ctx.domain, groups: designGroups)
                columns.append(Column(label, doubles: pick(e.map(\.value))))
                columns.append(Column(label + "_se", doubles: pick(e.map(\.standardError))))
            } else {
                let r = try GroupRatio.ratios(numerator: ca, denominator: cb, rows: rows, groupOfRow: groupOfRow, groupCount: groupCount)
                columns.append(Column(label, doubles: pick(r)))
            }
        }
        return columns
    }

    /// `a` with the rows of `b` after it (same name and kind).
    static func appending(_ a: Column, _ b: Column) -> Column {
        if case .integer = a.storage {
            return Column(a.name, integers: (0..<a.count).map { a.missing[$0] ? nil : Int64(a.double(at: $0)!) }
                          + (0..<b.count).map { b.double(at: $0).map { Int64($0) } })
        }
        return Column(a.name, doubles: (0..<a.count).map { a.double(at: $0) } + (0..<b.count).map { b.double(at: $0) })
    }
}

/// Renaming and writing result tables (shared by describe, aggregate, pivot, histogram, tabulate).
enum ResultNames {
    /// Parses `--rename OLD=NEW,…`.
    static func renames(_ text: String?) throws -> [(String, String)] {
        try commaList(text).map { pair in
            let p = pair.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard p.count == 2, !p[0].isEmpty, !p[1].isEmpty else {
                throw ValidationError("--rename takes OLD=NEW pairs, e.g. count=cases (got \(pair))")
            }
            return (p[0], p[1])
        }
    }

    /// The table with columns renamed; an unknown OLD name is a usage error.
    static func apply(_ renames: [(String, String)], to table: Table, decimals: inout [String: Int]) throws -> Table {
        guard !renames.isEmpty else { return table }
        var cols = table.columns
        for (old, new) in renames {
            guard let i = cols.firstIndex(where: { $0.name == old }) else {
                throw ValidationError("--rename: no output column \"\(old)\"; the columns are: \(cols.map(\.name).joined(separator: ", "))")
            }
            if let d = decimals.removeValue(forKey: old) { decimals[new] = d }
            cols[i].name = new
        }
        return try Table(columns: cols)
    }

    /// Drops output columns by name (`--drop`).
    static func drop(_ names: [String], from table: Table, decimals: inout [String: Int]) throws -> Table {
        guard !names.isEmpty else { return table }
        for n in names where !table.columnNames.contains(n) {
            throw ValidationError("--drop: no output column \"\(n)\"; the columns are: \(table.columnNames.joined(separator: ", "))")
        }
        for n in names { decimals.removeValue(forKey: n) }
        return try Table(columns: table.columns.filter { !names.contains($0.name) })
    }

    /// Writes the result; `decimals` names columns printed with exactly that many decimals.
    static func emit(_ table: Table, output: OutputOptions, decimals: [String: Int], metadata: [(String, String)]) throws {
        try output.checkColumns(of: table)
        var options = try output.writeOptions(metadata: metadata)
        for (name, d) in decimals where options.fixedDecimals[name] == nil { options.fixedDecimals[name] = d }
        let labelled = try output.relabel(table, options: &options)
        if ResultCapture.take(labelled, options: options) { return }
        try TableWriter.write(labelled, to: output.output, options: options)
    }
}

/// One result slot per parallel job (each job writes only its own slot, through a raw pointer: no
/// exclusive access to a shared array is ever taken).
final class ParallelSlots<T>: @unchecked Sendable {
    private let slots: UnsafeMutablePointer<T?>
    private let count: Int
    init(count: Int) {
        self.count = count
        slots = .allocate(capacity: Swift.max(1, count))
        slots.initialize(repeating: nil, count: Swift.max(1, count))
    }
    deinit { slots.deinitialize(count: Swift.max(1, count)); slots.deallocate() }
    subscript(i: Int) -> T {
        get { slots[i]! }
        set { slots[i] = newValue }
    }
}

/// Survey-design estimation (the survey module's `SurveyDesign`) as the commands use it.
enum DesignSupport {
    /// The whole file with its design, the `--where` domain and the `--by` groups over every row.
    struct Context {
        /// The whole table (no selection: the design always uses every row).
        let table: Table
        let design: SurveyDesign
        /// One flag per row: inside the `--where` domain (nil: every row).
        let domain: [Bool]?
        let grouping: Grouping
        /// The domain's rows, as a view of `table`, and their groups.
        let domainTable: Table
        let domainGroupOfRow: [UInt32]
        /// Groups with at least one domain row (only those are printed), ascending.
        let presentGroups: [Int]
        /// The design's weights (the weight column, or implied by the fpc, or 1).
        let weights: Weights?

        init(input: InputOptions, spec: SurveyDesignSpec, keys: [KeySpec], columns: [String]?) throws {
            let needed = columns.map { $0 + keys.map(\.column) + [spec.weight, spec.strata].compactMap { $0 } + spec.clusters + spec.fpc.filter { Double($0) == nil } }
            let t = try input.load(columns: needed, groupKeys: keys.map(\.column))
            let d = try input.whereExpression.map { try RowFilter($0).mask(in: t) }
            let g = try Grouping(t, by: keys)
            let rows: [Int32] = d.map { d in d.indices.filter { d[$0] }.map { Int32($0) } } ?? (0..<t.rowCount).map { Int32($0) }
            let groupOfRow = d == nil ? g.groupOfRow : rows.map { g.groupOfRow[Int($0)] }
            var present = [Bool](repeating: false, count: g.groupCount)
            for k in groupOfRow { present[Int(k)] = true }
            table = t
            design = try SurveyDesign(table: t, spec: spec)
            domain = d
            grouping = g
            domainTable = d == nil ? t : t.selecting(rows: rows)
            domainGroupOfRow = groupOfRow
            presentGroups = present.indices.filter { present[$0] }
            weights = Weights(design)   // every statistic uses the design's weights (from --fpc too)
        }
    }

    /// "weight W, strata S, clusters C1,C2, fpc F" for metadata.
    static func describe(_ spec: SurveyDesignSpec) -> String {
        var parts: [String] = []
        if let w = spec.weight { parts.append("weight \(w)") }
        if let s = spec.strata { parts.append("strata \(s)") }
        if !spec.clusters.isEmpty { parts.append("clusters \(spec.clusters.joined(separator: ","))") }
        if !spec.fpc.isEmpty { parts.append("fpc \(spec.fpc.joined(separator: ","))") }
        parts.append("lonely PSU \(spec.lonelyPSU.rawValue)")
        return parts.joined(separator: ", ")
    }
}
