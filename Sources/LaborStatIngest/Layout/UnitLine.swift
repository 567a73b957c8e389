import LaborStatTable

/// A unit line above a table, `单位：万元` or `计量单位：万元、人`, and which of its units a column takes.
struct UnitLine: Sendable {
    /// The line as written.
    var text: String
    var units: [String]
    /// The 1-based row (line) it is on.
    var row: Int

    /// Units a unit line may name: amounts, counts and the scaled forms the number reader knows.
    static let known: Set<String> = ["元", "万元", "亿元", "人", "万人", "人次", "万人次", "户", "万户", "个", "件", "家", "起", "%"]

    /// Reads a cell as a unit line (nil when it is not one).
    static func parse(_ cell: String, row: Int) -> UnitLine? {
        var s = LayoutCells.squeezed(cell)
        for open in ["（", "("] where s.hasPrefix(open) { s.removeFirst() }
        for close in ["）", ")"] where s.hasSuffix(close) { s.removeLast() }
        var rest: Substring? = nil
        for prefix in ["计量单位", "金额单位", "单位"] where s.hasPrefix(prefix) {
            let r = s.dropFirst(prefix.count)
            if r.hasPrefix("：") || r.hasPrefix(":") { rest = r.dropFirst() }
            break
        }
        guard let rest, !rest.isEmpty else { return nil }
        let units = rest.split(whereSeparator: { "、,，/;；".contains($0) }).map(String.init)
        guard !units.isEmpty, units.allSatisfy({ known.contains($0) }) else { return nil }
        return UnitLine(text: cell, units: units, row: row)
    }

    /// What a column holds, told from its header: amounts of money or counts of people, households, cases.
    enum Kind { case money, people, households, pieces, ratio }

    /// Headers of rates, shares, indices and years: no unit line applies to them.
    static let ratioWords = ["率", "比重", "占比", "比例", "指数", "%", "％", "增长", "增速", "年份", "年度", "序号", "编号", "代码"]

    static func kind(ofHeader h: String) -> Kind? {
        if ratioWords.contains(where: { h.contains($0) }) { return .ratio }
        if ["金额", "工资", "收入", "薪", "款", "额", "费", "资金", "元", "支出", "成本", "价"].contains(where: { h.contains($0) }) && !h.contains("人数") { return .money }
        if ["人数", "人次", "人", "劳动者", "农民工", "职工", "工人", "数量（人"].contains(where: { h.contains($0) }) { return .people }
        if h.contains("户") { return .households }
        if ["件", "起", "个数", "案", "家", "企业数", "单位数"].contains(where: { h.contains($0) }) { return .pieces }
        return nil
    }

    static func kind(ofUnit u: String) -> Kind {
        switch u {
        case "元", "万元", "亿元": .money
        case "人", "万人", "人次", "万人次": .people
        case "户", "万户": .households
        default: .pieces
        }
    }

    /// The unit of the line a column with header `header` takes; nil when the line's unit is of
    /// another kind than the header says (a `人数` column under `单位：万元`). Throws `ambiguous`
    /// when the line names several units and the header does not tell which.
    func unit(forHeader header: String) -> Result<String?, Ambiguous> {
        let k = UnitLine.kind(ofHeader: header)
        if k == .ratio { return .success(nil) }
        if units.count == 1 {
            if let k, k != UnitLine.kind(ofUnit: units[0]) { return .success(nil) }
            return .success(units[0])
        }
        guard let k else { return .failure(Ambiguous()) }
        let matching = units.filter { UnitLine.kind(ofUnit: $0) == k }
        if matching.count == 1 { return .success(matching[0]) }
        if matching.isEmpty { return .success(nil) }
        return .failure(Ambiguous())
    }

    struct Ambiguous: Error {}

    /// The factor and stored unit of a unit as a cell's suffix reads it (`万元` → ×10 000, 元).
    static func scale(_ u: String) -> (factor: Int64, unit: String?) {
        switch u {
        case "万元": (10_000, "元")
        case "亿元": (100_000_000, "元")
        case "万人": (10_000, "人")
        case "万人次": (10_000, "人次")
        case "万户": (10_000, "户")
        case "%": (1, nil)
        default: (1, u)
        }
    }
}

extension Column {
    /// The column in `unit` (a unit line's or `ReadOptions.columnUnits`'): a scaled unit scales the
    /// values exactly as the same suffix in a cell would (`4826.07` under `万元` reads as `4826.07万元`).
    func applyingUnit(_ u: String) -> Column {
        let (factor, stored) = UnitLine.scale(u)
        var c = self
        c.unit = stored ?? c.unit
        guard factor != 1 else { return c }
        switch storage {
        case .integer(let v):
            c.storage = .integer(v.map { $0.multipliedReportingOverflow(by: factor).overflow ? $0 : $0 * factor })
        case .decimal(let v):
            // Through the digits as written, as the reader scales `4826.07万` (no binary rounding drift).
            c.storage = .decimal(v.map { x in
                guard x.isFinite else { return x }
                let s = NumberText.shortest(x) + (factor == 10_000 ? "万" : "亿")
                return LayoutCells.number(s) ?? x * Double(factor)
            })
        default: break
        }
        return c
    }
}
