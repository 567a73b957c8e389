import LaborStatTable

/// The one translation table of LaborStat's output column names (`--labels zh`): every name a
/// command makes (`mean`, `std_error`, `ols_slope`, …) and the patterns built from the user's
/// columns (`sum_欠薪金额（元）` → `欠薪金额（元）合计`, `p90` → `第90百分位数`). Names that come from
/// the data (`省份`, `monthly_income`) are the user's and stay as written.
///
/// The terms follow the NBS monitoring reports and Chinese statistics textbooks (均值, 标准误,
/// 置信区间, 中位数, 基尼系数); `LabelTests` checks every name every command produces has one.
public enum ColumnLabels {
    public enum Language: String, Sendable, CaseIterable { case en, zh }

    /// Exact names.
    public static let zh: [String: String] = [
        // inspect
        "column": "列名", "type": "类型", "unit": "单位", "non_missing": "有效值个数", "missing": "缺失值个数",
        "distinct": "不同值个数", "example": "示例",
        // describe
        "n": "样本数", "sum_weight": "权数合计", "mean": "均值", "total": "总计", "sd": "标准差", "var": "方差",
        "cv": "变异系数", "min": "最小值", "max": "最大值", "median": "中位数", "gini": "基尼系数", "skewness": "偏度",
        "kurtosis": "峰度", "mean_se": "均值标准误", "mean_ci_low": "均值95%置信区间下限", "mean_ci_high": "均值95%置信区间上限",
        "total_se": "总计标准误", "deff": "设计效应",
        // aggregate
        "count": "个数",
        // trend
        "periods": "期数", "first": "起始期", "last": "终止期", "first_value": "起始值", "last_value": "终止值",
        "change": "变化量", "pct_change": "增长率", "cagr": "年均增长率", "ols_slope": "趋势斜率（OLS）",
        "ols_se": "趋势斜率标准误（OLS）", "ols_ci_low": "趋势斜率95%置信区间下限（OLS）", "ols_ci_high": "趋势斜率95%置信区间上限（OLS）",
        "ols_r2": "判定系数R²（OLS）", "ols_p_value": "趋势P值（OLS）", "theil_sen_slope": "趋势斜率（Theil–Sen）",
        "theil_sen_ci_low": "趋势斜率95%置信区间下限（Theil–Sen）", "theil_sen_ci_high": "趋势斜率95%置信区间上限（Theil–Sen）",
        "kendall_tau": "肯德尔τ", "mk_z": "Mann–Kendall检验Z值", "mk_p_value": "Mann–Kendall检验P值",
        "period": "时期", "value": "数值", "index": "指数", "moving_avg": "移动平均", "yoy": "同比增长", "yoy_pct": "同比增长率",
        // compare, regions
        "region": "地区", "region_code": "地区代码", "share": "份额", "rank": "排名", "baseline_value": "基准值",
        "ratio_to_baseline": "与基准之比", "diff_from_baseline": "与基准之差", "value_se": "数值标准误",
        "share_se": "份额标准误", "share_ci_low": "份额95%置信区间下限", "share_ci_high": "份额95%置信区间上限",
        "amount_share": "金额份额", "population_share": "人口份额", "statistic": "检验统计量", "df": "自由度",
        "p_holm": "P值（Holm校正）", "method": "方法",
        "code": "代码", "name": "名称", "short_name": "简称", "abbreviation": "简称（单字）", "pinyin": "拼音",
        "region4": "四大地区", "region7": "七大地区",
        // histogram
        "bin_low": "组下限", "bin_high": "组上限", "density": "密度",
        // regress
        "term": "变量", "estimate": "估计值", "std_error": "标准误", "t_value": "t值", "z_value": "z值", "p_value": "P值",
        "ci_low": "95%置信区间下限", "ci_high": "95%置信区间上限", "odds_ratio": "优势比",
        // keys the commands name themselves
        "year": "年份", "quarter": "季度", "month": "月份",
    ]

    /// The label of `name` in `language`; a name from the data is returned as it is.
    public static func label(_ name: String, _ language: Language) -> String {
        guard language == .zh else { return name }
        return chinese(name) ?? name
    }

    /// The Chinese label of a name LaborStat makes, nil for a name it does not know (the user's).
    public static func chinese(_ name: String) -> String? {
        if let exact = zh[name] { return exact }
        if let q = quantile(name) { return q }
        // Statistic_COLUMN from aggregate (`sum_欠薪金额（元）`, `ratio_A_B`).
        let prefixes: [(String, String)] = [("sum_", "合计"), ("mean_", "均值"), ("median_", "中位数"), ("min_", "最小值"),
                                            ("max_", "最大值"), ("count_", "个数"), ("sd_", "标准差"), ("share_", "份额")]
        for (prefix, word) in prefixes where name.hasPrefix(prefix) && name.count > prefix.count {
            return String(name.dropFirst(prefix.count)) + word
        }
        if name.hasPrefix("ratio_") && name.count > 6 { return "比率：" + name.dropFirst(6).replacingOccurrences(of: "_", with: "/") }
        // A `--by` key with a period (`立案日期:year` is written `year`; `opened_year`).
        for (suffix, word) in [("_year", "年份"), ("_quarter", "季度"), ("_month", "月份")] where name.hasSuffix(suffix) && name.count > suffix.count {
            return String(name.dropLast(suffix.count)) + word
        }
        return nil
    }

    /// `p50` → 中位数, `p90` → 第90百分位数, `p2.5_se` → 第2.5百分位数标准误, `p50_ci_low` → 中位数95%置信区间下限.
    static func quantile(_ name: String) -> String? {
        guard name.hasPrefix("p"), name.count > 1 else { return nil }
        var rest = name.dropFirst()
        var suffix = ""
        for (s, word) in [("_se", "标准误"), ("_ci_low", "95%置信区间下限"), ("_ci_high", "95%置信区间上限")] where rest.hasSuffix(s) {
            rest = rest.dropLast(s.count)
            suffix = word
        }
        guard let p = Double(rest), p > 0, p < 100, rest.allSatisfy({ $0.isNumber || $0 == "." }) else { return nil }
        return (p == 50 ? "中位数" : "第\(rest)百分位数") + suffix
    }

    /// Columns that are shares or rates: shown as percentages under Chinese labels.
    public static func isShare(_ name: String) -> Bool {
        ["share", "pct_change", "cagr", "yoy_pct", "amount_share", "population_share"].contains(name) || (name.hasPrefix("share_") && !name.hasSuffix("_se"))
    }

    /// The table with its LaborStat-made column names in `language`; `fixedDecimals` and other
    /// per-column settings follow through `mapping` (old name → new name).
    public static func relabel(_ table: Table, _ language: Language) -> (table: Table, mapping: [String: String]) {
        guard language == .zh else { return (table, [:]) }
        var t = table
        var mapping: [String: String] = [:]
        var used = Set(table.columnNames)
        for (i, c) in table.columns.enumerated() {
            guard let label = chinese(c.name), label != c.name, !used.contains(label) else { continue }
            var renamed = c
            renamed.name = label
            t.replaceColumn(at: i, with: renamed)
            used.insert(label)
            mapping[c.name] = label
        }
        return (t, mapping)
    }
}
