import LaborStatTable

/// The default titles and axis titles of the charts commands draw, in the output language. The
/// words for LaborStat-made column names come from `ColumnLabels` (the one translation table);
/// this only puts them into phrases, naming columns as the table's header does under the same
/// labels. English phrases are the ones the commands always wrote.
public enum ChartTitles {
    public typealias Language = ColumnLabels.Language

    /// An axis title for a column: a LaborStat-made name in the language (`mean` → 均值), the
    /// data's names as written.
    public static func axis(_ column: String, _ language: Language) -> String {
        ColumnLabels.label(column, language)
    }

    /// The axis title of a category or time axis under Chinese labels, nil when the English chart
    /// has none to replace (a name from the data is already what the axis shows).
    public static func keyAxis(_ column: String, _ language: Language) -> String? {
        guard language == .zh else { return nil }
        return ColumnLabels.chinese(column)
    }

    /// `monthly_income: mean` / `monthly_income：均值`; without a column, the statistic alone.
    public static func statistic(_ statistic: String, of column: String?, _ language: Language) -> String {
        let s = axis(statistic, language)
        guard let column else { return s }
        return language == .zh ? "\(axis(column, language))：\(s)" : "\(column): \(s)"
    }

    /// A one-way share chart: `industry: share` / `industry：份额`.
    public static func share(of rows: String, _ language: Language) -> String {
        statistic("share", of: rows, language)
    }

    /// A two-way share chart; `base` is `total`, `row` or `col` (tabulate's `--share`).
    public static func share(rows: String, cols: String, base: String, _ language: Language) -> String {
        guard language == .zh else { return "\(rows) × \(cols): share of the \(base)" }
        let of = base == "row" ? "（行内）" : base == "col" ? "（列内）" : "（占总体）"
        return "\(axis(rows, language)) × \(axis(cols, language))：\(axis("share", language))\(of)"
    }

    /// What an aggregate of `value` is called: `sum`/`mean`/`median`/`count`/`min`/`max`
    /// (`合计`, `均值`, …), e.g. an axis title `monthly_income均值`; nil for an English chart, which
    /// names the aggregate its own way.
    public static func aggregate(_ agg: String, of value: String?, _ language: Language) -> String? {
        guard language == .zh else { return nil }
        let word = agg == "sum" ? "合计" : agg == "count" ? "个数" : axis(agg, language)
        guard agg != "count", let value, !value.isEmpty else { return word }
        return axis(value, language) + word
    }

    /// A pivot chart: `median of monthly_income by region and sex` / `按region和sex分的monthly_income中位数`.
    public static func pivot(_ agg: String, of value: String?, rows: String, cols: String, _ language: Language) -> String {
        guard language == .zh else { return "\(agg)\(value.map { " of \($0)" } ?? "") by \(rows) and \(cols)" }
        return "按\(axis(rows, language))和\(axis(cols, language))分的" + (aggregate(agg, of: value, language) ?? agg)
    }

    /// The unit of a rate per `per` of a population: `cases per 10,000 persons` / `每万人案件数`.
    /// `what` is what is counted or summed: nil counts rows, which are cases (`perPerson` false)
    /// or persons; a column name sums that column. A per-N rate of columns (`rate A/B --per N`)
    /// gives `denominator` B: `A per 100 B` / `每百B的A`.
    public static func perRate(per: Double, of what: String?, perPerson rowsArePersons: Bool = false,
                               denominator: String? = nil, _ language: Language) -> String {
        let counted = what ?? (language == .zh ? (rowsArePersons ? "人数" : "案件数") : (rowsArePersons ? "persons" : "cases"))
        switch language {
        case .en:
            if per == 1 { return "\(counted) per \(denominator ?? "person")" }
            let whole = per == per.rounded() && abs(per) < 1e15
            let n = whole ? grouped(Int64(per)) : NumberText.shortest(per)
            return "\(counted) per \(n) \(denominator ?? "persons")"
        case .zh:
            if let denominator { return "每\(chineseCount(per))\(denominator)的\(counted)" }
            return per == 1 ? "人均\(counted)" : "每\(chineseCount(per))人\(counted)"
        }
    }

    /// The value of a rate A/B: `rate A/B` / `比率：A/B`.
    public static func rate(_ numerator: String, _ denominator: String, _ language: Language) -> String {
        language == .zh ? "比率：\(numerator)/\(denominator)" : "rate \(numerator)/\(denominator)"
    }

    // `compare`'s chart: the Chinese words around what it computed (English keeps the command's own).

    /// `每万人案件数（分省）`: what was computed, by `level` (province, region4, region7, custom).
    public static func byRegion(_ what: String, level: String) -> String {
        let word = ["province": "省", "region4": "四大地区", "region7": "七大地区"][level] ?? "地区"
        return "\(what)（分\(word)）"
    }

    /// The bar of the national baseline (`全国 (national)` / `全国`) or a named baseline's suffix.
    public static func baselineBar(_ name: String?, _ language: Language) -> String {
        guard let name else { return language == .zh ? "全国" : "全国 (national)" }
        return language == .zh ? "\(name)（基准）" : "\(name) (baseline)"
    }

    /// Subtitle parts: `per 100` / `每百`; `baseline 全国 = 80` / `基准：全国 = 80`; `95% CI, binomial`
    /// / `95%置信区间（二项）`; `method` is binomial, Poisson or linearized.
    public static func perNote(_ per: Double, _ language: Language) -> String {
        language == .zh ? "每\(chineseCount(per))" : "per \(NumberText.shortest(per))"
    }

    public static func baselineNote(_ name: String, _ value: String, _ language: Language) -> String {
        language == .zh ? "基准：\(name) = \(value)" : "baseline \(name) = \(value)"
    }

    public static func intervalNote(percent: String, method: String, _ language: Language) -> String {
        guard language == .zh else { return "\(percent)% CI, \(method)" }
        let word = ["binomial": "二项", "Poisson": "泊松"][method] ?? "线性化"
        return "\(percent)%置信区间（\(word)）"
    }

    /// 10 → 十, 100 → 百, 10000 → 万, 1000000 → 百万, 1e8 → 亿; other numbers in digits (`每250人`).
    static func chineseCount(_ n: Double) -> String {
        let names: [(Double, String)] = [(1, ""), (10, "十"), (100, "百"), (1_000, "千"), (10_000, "万"), (100_000, "十万"),
                                         (1_000_000, "百万"), (10_000_000, "千万"), (100_000_000, "亿")]
        if let name = names.first(where: { $0.0 == n }) { return name.1 }
        return n == n.rounded() && abs(n) < 1e15 ? String(Int64(n)) : NumberText.shortest(n)
    }

    /// 1000000 → `1,000,000`.
    static func grouped(_ n: Int64) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return (n < 0 ? "-" : "") + out
    }
}
