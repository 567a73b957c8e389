import LaborStatTable

extension RegionComparison {
    /// The contract's columns: `region, region_code, value, share, rank, baseline_value,
    /// ratio_to_baseline, diff_from_baseline`, then `value_se, ci_low, ci_high` when a standard
    /// error exists.
    public func table() -> Table {
        var cols = [
            Column("region", strings: rows.map(\.group.name)),
            Column("region_code", integers: rows.map { $0.group.code.map(Int64.init) }),
            Column("value", doubles: rows.map(\.value)),
            Column("share", doubles: rows.map(\.share)),
            Column("rank", integers: rows.map { $0.rank.map(Int64.init) }),
            Column("baseline_value", doubles: rows.map(\.baselineValue)),
            Column("ratio_to_baseline", doubles: rows.map(\.ratio)),
            Column("diff_from_baseline", doubles: rows.map(\.diff)),
        ]
        if errorMethod != nil {
            cols += [
                Column("value_se", doubles: rows.map(\.standardError)),
                Column("ci_low", doubles: rows.map(\.ciLow)),
                Column("ci_high", doubles: rows.map(\.ciHigh)),
            ]
        }
        return try! Table(columns: cols) // equal lengths by construction
    }

    /// `--test` output: `region, region_code, statistic, df, p_value, p_holm, method`.
    public static func testTable(_ t: [TestRow]) -> Table {
        try! Table(columns: [
            Column("region", strings: t.map(\.region)),
            Column("region_code", integers: t.map { $0.regionCode.map(Int64.init) }),
            Column("statistic", doubles: t.map(\.statistic)),
            Column("df", integers: t.map { $0.df.map(Int64.init) }),
            Column("p_value", doubles: t.map(\.pValue)),
            Column("p_holm", doubles: t.map(\.pHolm)),
            Column("method", strings: t.map(\.method)),
        ])
    }

    /// The rules the numbers depend on, for JSON output.
    public var metadata: [(String, String)] {
        var m: [(String, String)] = [
            ("level", spec.level.rawValue),
            ("agg", spec.aggregate.name),
            ("baseline", baselineName),
            ("rank", "1 = largest value; ties share the smallest rank"),
        ]
        switch spec.aggregate {
        case .mean, .median: m.append(("share", "none (means and medians do not add up)"))
        case .rate: m.append(("share", "share of the numerator total"))
        default: m.append(("share", spec.denominator == nil ? "share of the total" : "share of the numerator total"))
        }
        if let d = spec.denominator { m.append(("denominator", "\(d.file): \(d.valueColumn)")) }
        if let p = spec.per { m.append(("per", NumberText.shortest(p))) }
        if let e = errorMethod {
            m.append(("se_method", e.rawValue))
            m.append(("ci_level", NumberText.shortest(designSpec?.level ?? spec.confidenceLevel)))
        }
        if let d = designSpec {
            var parts: [String] = []
            if let w = d.weight { parts.append("weight=\(w)") }
            if let s = d.strata { parts.append("strata=\(s)") }
            if !d.clusters.isEmpty { parts.append("cluster=\(d.clusters.joined(separator: "+"))") }
            if !d.fpc.isEmpty { parts.append("fpc=\(d.fpc.joined(separator: "+"))") }
            parts.append("lonely_psu=\(d.lonelyPSU.rawValue)")
            m.append(("design", parts.joined(separator: ", ")))
            m.append(("ci", d.df == .design ? "t with the domain's PSUs - strata df" : "normal"))
            if case .median = spec.aggregate { m.append(("quantile_rule", "math (R svyquantile default), Woodruff interval")) }
        }
        return m
    }
}
