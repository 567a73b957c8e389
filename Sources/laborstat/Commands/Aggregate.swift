import ArgumentParser
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
        column. With a survey design (--weight, --strata, --cluster, --fpc) the estimates are \
        design-based and each sum_, mean_ and ratio_ column is followed by a _se column.

        Examples:
          laborstat aggregate arrears.csv --by province,opened:year --count --sum workers,amount_owed
          laborstat aggregate arrears.csv --by province --mean amount_owed --median amount_owed --ratio amount_recovered/amount_owed
          laborstat aggregate arrears.csv --by province,opened:year --count --sum workers,amount_owed --plain-names --rename count=cases
        """
    )

    @OptionGroup var input: InputOptions

    @Option(help: "Group keys, comma-separated; a date column gives period keys COL:year, COL:quarter, COL:month.")
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

    @Flag(help: "Name value columns by their input column alone (sum_workers → workers); each input column may then have one statistic.")
    var plainNames = false

    @Option(help: "Rename output columns: OLD=NEW,… (e.g. count=cases).")
    var rename: String?

    @OptionGroup var design: DesignOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        if !count && [sum, mean, median, min, max, ratio].allSatisfy({ $0 == nil }) {
            throw ValidationError("nothing to compute: give --count, --sum, --mean, --median, --min, --max or --ratio")
        }
        for r in commaList(ratio) where r.split(separator: "/").count != 2 {
            throw ValidationError("--ratio takes A/B pairs, e.g. amount_recovered/amount_owed (got \(r))")
        }
        _ = try ResultNames.renames(rename)
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
        if spec.isDesignBased { throw DesignSupport.unavailable(command: "aggregate") }
        var needed = keys.map(\.column) + stats.flatMap(\.1) + ratios.flatMap { [$0.0, $0.1] }
        needed += design.columns
        let table = try input.loadFiltered(columns: needed)
        let grouping = try Grouping(table, by: keys)
        let rows = table.rowIndices
        var columns = grouping.keys
        var decimals: [String: Int] = [:]
        if count { columns.append(Column("count", integers: grouping.sizes.map { Int64($0) })) }
        var used: [String: Int] = [:]
        for (stat, names) in stats { for name in names { used[name, default: 0] += 1 } }
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
                switch stat {
                case "sum", "mean":
                    let s = GroupSums(column, rows: rows, groupOfRow: grouping.groupOfRow, groupCount: grouping.groupCount)
                    if stat == "mean" {
                        columns.append(Column(label, doubles: s.mean.map { $0.isNaN ? nil : $0 }))
                    } else if let ints = s.integerSum {
                        columns.append(Column(label, integers: ints))
                    } else {
                        columns.append(Column(label, doubles: s.sum))
                        if let d = s.decimals, d > 0 { decimals[label] = d }
                    }
                case "median":
                    var v = GroupedValues(column, rows: rows, groupOfRow: grouping.groupOfRow, groupCount: grouping.groupCount)
                    v.sort()
                    columns.append(Column(label, doubles: (0..<grouping.groupCount).map { k in
                        let q = v.quantiles(k, rule: .hf7, probabilities: [0.5])[0]
                        return q.isNaN ? nil : q
                    }))
                default:
                    let e = GroupExtremes(column, rows: rows, groupOfRow: grouping.groupOfRow, groupCount: grouping.groupCount)
                    let values = stat == "min" ? e.min : e.max
                    if column.type == .integer {
                        columns.append(Column(label, integers: values.map { $0.isNaN ? nil : Int64($0) }))
                    } else {
                        columns.append(Column(label, doubles: values.map { $0.isNaN ? nil : $0 }))
                    }
                }
            }
        }
        for (a, b) in ratios {
            let ca = try table.column(named: a), cb = try table.column(named: b)
            try ca.requireNumeric(); try cb.requireNumeric()
            let r = try GroupRatio.ratios(numerator: ca, denominator: cb, rows: rows, groupOfRow: grouping.groupOfRow, groupCount: grouping.groupCount)
            columns.append(Column("ratio_\(ca.name)_\(cb.name)", doubles: r.map { $0.isNaN ? nil : $0 }))
        }
        var result = try Table(columns: columns)
        result = try ResultNames.apply(try ResultNames.renames(rename), to: result, decimals: &decimals)
        try ResultNames.emit(result, output: output, decimals: decimals, metadata: [
            ("command", "aggregate"),
            ("weighting", "none (unweighted)"),
            ("median_rule", "hf7: Hyndman-Fan type 7 (R median / quantile type 7)"),
            ("sums", "exact for integers and for decimals with at most 4 digits after the point; otherwise Neumaier-compensated"),
        ])
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
        try output.emit(table, metadata: metadata)
    }
}

/// Survey-design estimation comes from the survey module (`SurveyDesign`).
enum DesignSupport {
    static func unavailable(command: String) -> ValidationError {
        ValidationError("\(command): design-based estimates (--weight, --strata, --cluster, --fpc) require the survey module, which this build does not include yet")
    }
}
