import LaborStatTable

/// How a column's numbers are shown to people (Markdown cells, XLSX number formats): thousands
/// separators, a fixed number of decimals, or a percentage. CSV, TSV and JSON never use this: they
/// keep plain machine numbers (fractions stay fractions).
///
/// Identifiers and periods (`year`, `年份`, `region_code`, `编号`, `first`, `last`) are integers
/// people read digit by digit, so they never get a separator: `2019`, not `2,019`.
public enum NumberDisplay: Sendable, Equatable {
    /// Integers as written (`2019`, `110000`).
    case plain
    /// Integers with a thousands separator (`44,000`).
    case grouped
    /// Exactly `places` decimals with a thousands separator (`1,362,233.44`).
    case decimal(places: Int)
    /// A fraction shown as a percentage with `places` decimals (0.5933 → `59.3%`).
    case percent(places: Int)

    /// The Excel number format code.
    public var excelFormat: String {
        switch self {
        case .plain: "0"
        case .grouped: "#,##0"
        case .decimal(let p): p == 0 ? "#,##0" : "#,##0." + String(repeating: "0", count: p)
        case .percent(let p): p == 0 ? "0%" : "0." + String(repeating: "0", count: p) + "%"
        }
    }

    /// The text of `x` as this format shows it.
    public func text(_ x: Double) -> String {
        if !x.isFinite { return NumberText.shortest(x) }
        switch self {
        case .plain: return NumberText.fixed(x, decimals: 0)
        case .grouped: return NumberDisplay.group(NumberText.fixed(x, decimals: 0))
        case .decimal(let p): return NumberDisplay.group(NumberText.fixed(x, decimals: p))
        case .percent(let p): return NumberText.fixed(x * 100, decimals: p) + "%"
        }
    }

    /// Digits after the point in a plain decimal text.
    static func places(_ s: String) -> Int {
        guard let dot = s.firstIndex(of: ".") else { return 0 }
        return s.distance(from: dot, to: s.endIndex) - 1
    }

    /// Inserts `,` every three digits of the integer part of a plain decimal text.
    public static func group(_ s: String) -> String {
        var body = Substring(s)
        var sign = ""
        if body.hasPrefix("-") { sign = "-"; body = body.dropFirst() }
        let point = body.firstIndex(of: ".") ?? body.endIndex
        let intPart = body[..<point]
        guard intPart.count > 3, intPart.allSatisfy(\.isASCII) else { return s }
        var out = ""
        for (i, c) in intPart.enumerated() {
            if i > 0 && (intPart.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return sign + out + body[point...]
    }

    /// Names of identifier and period columns, which are never grouped.
    public static func isIdentifierLike(_ name: String) -> Bool {
        let n = name.lowercased()
        let exact: Set<String> = ["year", "年", "年份", "年度", "period", "first", "last", "quarter", "month", "季度", "月份", "id", "code"]
        if exact.contains(n) { return true }
        for suffix in ["_code", "_id", "code", "代码", "编号", "编码", "年份", "年度"] where n.hasSuffix(suffix) { return true }
        for prefix in ["year", "年份"] where n.hasPrefix(prefix) { return true }
        return false
    }

    /// The display of one numeric column under the options: `--percent` columns as `0.0%`;
    /// `--decimals` (or a command's fixed decimals) as exactly that many places; other decimals
    /// with as many places as their `--digits` (default 6) significant digits need, at most 6;
    /// integers grouped unless they are identifiers.
    static func of(_ column: Column, options: WriteOptions) -> NumberDisplay? {
        let name = column.name
        let fixed = options.fixedDecimals[name] ?? options.decimals
        if options.isPercent(name) { return .percent(places: fixed ?? 1) }
        switch column.storage {
        case .integer:
            if let fixed, fixed > 0 { return .decimal(places: fixed) }
            return isIdentifierLike(name) ? .plain : .grouped
        case .decimal(let v):
            if let fixed { return .decimal(places: fixed) }
            // Values as entered (money with fen, rates with 1–4 places) show all their places;
            // computed values (means, ratios, with long binary tails) show about --digits
            // (default 6) significant digits, at most 6 places. The cell keeps the full value.
            var asWritten = 0
            var significant = 0
            var seen = 0
            let digits = options.digits ?? 6
            for r in 0..<v.count where !column.missing[r] && v[r].isFinite {
                asWritten = max(asWritten, NumberDisplay.places(NumberText.shortest(v[r])))
                significant = max(significant, NumberDisplay.places(NumberText.significant(v[r], digits: digits)))
                seen += 1
                if seen >= 20_000 { break }
            }
            let places = asWritten <= 4 && options.digits == nil ? asWritten : min(significant, 6)
            if places == 0, isIdentifierLike(name) { return .plain }
            return .decimal(places: places)
        default:
            return nil
        }
    }
}
