import LaborStatTable

/// Finds the rows of a table's body that are not data: blank rows, totals and subtotals, notes.
///
/// A row's label is its first non-empty cell (spaces removed: `合  计` is `合计`).
/// - **Blank** rows (no non-empty cell) are left out.
/// - **Notes**: the trailing rows from the first one whose label starts with `注`, `说明`, `备注`,
///   `资料来源`, `数据来源`, `来源` (followed by a colon, a digit or nothing), to the end — the lines
///   of one cell after it are the note's continuation.
/// - **Subtotals**: `小计`, `其中…`, and a region-total name (`东部地区`, `西部`…) in a column whose
///   other labels are provinces.
/// - **Totals**: `合计`, `总计`, `全国`, `总数`, `全省`, `全市`, `总体`, `Total`. A total is recognised
///   by its label and its place or its arithmetic: the last rows before the notes, or the first
///   row (yearbooks put 全国 first), or a row whose numbers equal the sums of the rows it totals
///   (within the rounding of the displayed digits). A total label that repeats in a tidy long
///   table (全国 once per year) is a level like any other and stays data, unless every occurrence
///   adds up to the rows above it.
///
/// Every totals row left out is checked against the data rows it totals, column by column (numeric
/// columns that are not rates, shares or averages); the result is in `TableLayoutFacts.totals`.
enum RowScreen {
    static let totalLabels: Set<String> = ["合计", "总计", "全国", "总数", "全省", "全市", "全区", "全县", "总体", "全部", "共计", "累计",
                                           "total", "grandtotal", "sum", "all"]
    static let subtotalLabels: Set<String> = ["小计", "subtotal"]
    static let regionTotals: Set<String> = ["东部", "中部", "西部", "东北", "东部地区", "中部地区", "西部地区", "东北地区",
                                            "华北", "华东", "华南", "华中", "西南", "西北", "华北地区", "华东地区", "华南地区", "华中地区",
                                            "西南地区", "西北地区"]
    /// Short names of the 34 provincial divisions, only to tell that a label column holds provinces.
    static let provinceStems = ["北京", "天津", "河北", "山西", "内蒙古", "辽宁", "吉林", "黑龙江", "上海", "江苏", "浙江", "安徽", "福建",
                                "江西", "山东", "河南", "湖北", "湖南", "广东", "广西", "海南", "重庆", "四川", "贵州", "云南", "西藏",
                                "陕西", "甘肃", "青海", "宁夏", "新疆", "台湾", "香港", "澳门"]
    static let notePrefixes = ["注", "说明", "备注", "资料来源", "数据来源", "来源", "note", "source"]

    struct Result {
        /// Indices (into the rows screened) left out, in order, with why.
        var leftOut: [(index: Int, row: TableLayoutFacts.LeftOutRow)] = []
        var totals: [TableLayoutFacts.TotalsCheck] = []
    }

    static func isNote(_ label: String) -> Bool {
        let t = label.lowercased()
        for p in notePrefixes where t.hasPrefix(p) {
            let rest = t.dropFirst(p.count)
            guard let c = rest.first else { return true }
            if "：:．.、 ()（）①②③④⑤⑥⑦⑧⑨".contains(c) || c.isNumber { return true }
            if p == "资料来源" || p == "数据来源" { return true }
        }
        return false
    }

    static func isProvince(_ s: String) -> Bool { provinceStems.contains { s.hasPrefix($0) } }

    /// Screens `rows` (trimmed text, nil = empty) of a table body whose columns are `names`.
    /// `complete` is false when only the first and last rows of a large file are given (rows at
    /// `gap` and after are the last ones): arithmetic and repetition are then not judged.
    static func screen(_ rows: [[String?]], rowNumbers: [Int], names: [String], complete: Bool) -> Result {
        var result = Result()
        let n = rows.count
        guard n > 0 else { return result }
        var kind = [TableLayoutFacts.LeftOutRow.Kind?](repeating: nil, count: n)
        var labels = [String](repeating: "", count: n)
        var labelColumn = [Int](repeating: -1, count: n)
        // A blank row of a one-column table is a missing value, not a separator.
        let oneColumn = names.count <= 1
        for i in 0..<n {
            if let (c, t) = LayoutCells.firstNonEmpty(rows[i]) {
                labels[i] = LayoutCells.squeezed(t)
                labelColumn[i] = c
            } else if !oneColumn {
                kind[i] = .blank
            }
        }
        // Notes: from the first note label of the trailing block (rows that are blank, notes, or
        // of one cell) to the end.
        var blockStart = n
        while blockStart > 0 {
            let i = blockStart - 1
            if kind[i] == .blank || isNote(labels[i]) || LayoutCells.nonEmpty(rows[i]) == 1 { blockStart -= 1 } else { break }
        }
        if let firstNote = (blockStart..<n).first(where: { kind[$0] == nil && isNote(labels[$0]) }) {
            for i in firstNote..<n where kind[i] == nil { kind[i] = .note }
        }
        // Region totals: only in a label column of provinces.
        var provinceColumn: Int? = nil
        do {
            var counts: [Int: (provinces: Int, all: Int)] = [:]
            for i in 0..<n where kind[i] == nil {
                let c = labelColumn[i]
                var e = counts[c] ?? (0, 0)
                e.all += 1
                if isProvince(labels[i]) { e.provinces += 1 }
                counts[c] = e
            }
            if let (c, e) = counts.max(by: { $0.value.provinces < $1.value.provinces }), e.provinces >= 5, 2 * e.provinces >= e.all { provinceColumn = c }
        }
        for i in 0..<n where kind[i] == nil {
            let l = labels[i].lowercased()
            if subtotalLabels.contains(l) || l.hasPrefix("其中") { kind[i] = .subtotal }
            else if let pc = provinceColumn, labelColumn[i] == pc, regionTotals.contains(labels[i]) { kind[i] = .subtotal }
        }
        // Totals: label, and place or arithmetic.
        let numeric = numericColumns(rows, names: names, exclude: kind)
        // A total states at least one number: a 合计 row with none (a label in a text table) is data.
        let candidates = (0..<n).filter { i in
            kind[i] == nil && totalLabels.contains(labels[i].lowercased())
                && rows[i].contains { LayoutCells.number($0) != nil }
        }
        func isData(_ i: Int) -> Bool { kind[i] == nil && !candidates.contains(i) }
        func addsUp(_ t: Int, over range: Range<Int>) -> Bool? {
            guard complete else { return nil }
            let body = range.filter(isData)
            guard body.count >= 2 else { return nil }
            var compared = 0
            for c in numeric {
                guard let stated = LayoutCells.number(cellAt(rows[t], c)) else { continue }
                let (sum, d) = sumOf(rows, body, c, including: rows[t][safe: c] ?? nil)
                compared += 1
                if abs(sum - stated) > tolerance(decimals: d, terms: body.count, sum: sum) { return false }
            }
            return compared > 0 ? true : nil
        }
        var byLabel: [String: [Int]] = [:]
        for i in candidates { byLabel[labels[i].lowercased(), default: []].append(i) }
        for (_, occurrences) in byLabel {
            if occurrences.count > 1 {
                // Repeated: totals only when each adds up to the rows since the one before (a level
                // of a tidy long table otherwise; not judged without all rows).
                guard complete else { continue }
                var from = 0
                var all = true
                for i in occurrences {
                    if addsUp(i, over: from..<i) != true { all = false; break }
                    from = i + 1
                }
                if all { for i in occurrences { kind[i] = .total } }
                continue
            }
            let i = occurrences[0]
            if isLastBlock(i, kind, candidates) || i == firstBodyRow(kind, candidates) { kind[i] = .total }
            else if addsUp(i, over: 0..<i) == true { kind[i] = .total }
        }
        // The check of every totals row against the data rows.
        let dataRows = (0..<n).filter { kind[$0] == nil }
        /// Row `i`'s stated numbers against the sums of `body`, one check per numeric column.
        func check(_ i: Int, against body: [Int]) {
            for c in numeric {
                guard let stated = LayoutCells.number(cellAt(rows[i], c)) else { continue }
                let (sum, d) = sumOf(rows, body, c, including: cellAt(rows[i], c))
                let ok = abs(sum - stated) <= tolerance(decimals: d, terms: body.count, sum: sum)
                result.totals.append(.init(row: rowNumbers[i], label: labels[i], column: c < names.count ? names[c] : "#\(c + 1)",
                                           sum: sum, stated: stated, addsUp: ok))
            }
        }
        for i in 0..<n where kind[i] == .total && complete && dataRows.count >= 1 {
            // A total among repeated ones totals the rows since the one before; a single one, all data.
            let sameLabel = (0..<n).filter { kind[$0] == .total && labels[$0] == labels[i] }
            var body = dataRows
            if sameLabel.count > 1, let k = sameLabel.firstIndex(of: i) {
                let from = k == 0 ? 0 : sameLabel[k - 1] + 1
                body = dataRows.filter { $0 >= from && $0 < i }
            }
            check(i, against: body)
        }
        // 小计 rows: each against the data rows since the subtotal before it.
        if complete {
            var from = 0
            for i in 0..<n where kind[i] == .subtotal && subtotalLabels.contains(labels[i].lowercased()) {
                let body = dataRows.filter { $0 >= from && $0 < i }
                from = i + 1
                guard !body.isEmpty else { continue }
                check(i, against: body)
            }
            result.totals = result.totals.enumerated().sorted { ($0.element.row, $0.offset) < ($1.element.row, $1.offset) }.map(\.element)
        }
        for i in 0..<n {
            guard let k = kind[i] else { continue }
            // Notes are shown as written; totals by their label with spaces removed (`合  计` → 合计).
            let label = k == .blank ? "" : k == .note ? (LayoutCells.firstNonEmpty(rows[i])?.text ?? "") : labels[i]
            result.leftOut.append((i, .init(row: rowNumbers[i], kind: k, label: label)))
        }
        return result
    }

    static func cellAt(_ r: [String?], _ c: Int) -> String? { c < r.count ? r[c] : nil }

    /// Whether row `i` is followed only by rows that are not data (other totals, subtotals, notes, blanks).
    static func isLastBlock(_ i: Int, _ kind: [TableLayoutFacts.LeftOutRow.Kind?], _ candidates: [Int]) -> Bool {
        ((i + 1)..<kind.count).allSatisfy { kind[$0] != nil || candidates.contains($0) }
    }

    static func firstBodyRow(_ kind: [TableLayoutFacts.LeftOutRow.Kind?], _ candidates: [Int]) -> Int? {
        kind.indices.first { kind[$0] != .blank }
    }

    /// Columns to check totals in: numeric in most data rows, and not rates, shares, averages or years.
    static func numericColumns(_ rows: [[String?]], names: [String], exclude: [TableLayoutFacts.LeftOutRow.Kind?]) -> [Int] {
        let width = rows.reduce(0) { max($0, $1.count) }
        var out: [Int] = []
        for c in 0..<width {
            let name = c < names.count ? names[c] : ""
            if ["率", "比重", "占比", "比例", "平均", "均值", "人均", "%", "％", "指数", "年份", "年度", "序号", "编号", "代码", "增长", "增速"].contains(where: { name.contains($0) }) { continue }
            var numbers = 0, filled = 0, years = 0
            for (i, r) in rows.enumerated() where exclude[i] == nil {
                guard let v = cellAt(r, c), !v.isEmpty else { continue }
                filled += 1
                if let x = LayoutCells.number(v) {
                    numbers += 1
                    if x == x.rounded() && x >= 1900 && x <= 2100 && !v.contains(",") { years += 1 }
                }
                if v.hasSuffix("%") || v.hasSuffix("％") { numbers = -1_000_000 }
            }
            if filled > 0 && numbers * 10 >= filled * 8 && years < numbers { out.append(c) }
        }
        return out
    }

    /// The sum of a column over some rows (empty cells count 0), and the most decimals written.
    static func sumOf(_ rows: [[String?]], _ body: [Int], _ c: Int, including total: String?) -> (Double, Int) {
        var sum = 0.0, d = total.map(LayoutCells.decimals) ?? 0
        for i in body {
            guard let v = cellAt(rows[i], c), let x = LayoutCells.number(v) else { continue }
            sum += x
            d = max(d, LayoutCells.decimals(v))
        }
        return (sum, d)
    }

    /// Half a unit of the last displayed digit for each term and the total, plus float noise.
    static func tolerance(decimals: Int, terms: Int, sum: Double) -> Double {
        var unit = 1.0
        for _ in 0..<decimals { unit /= 10 }
        return 0.5 * unit * Double(terms + 1) * (decimals == 0 ? 0 : 1) + 1e-9 * max(1, abs(sum))
    }
}

extension Array {
    subscript(safe i: Int) -> Element? { i >= 0 && i < count ? self[i] : nil }
}
