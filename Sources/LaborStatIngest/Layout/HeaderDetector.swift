import LaborStatTable

/// Where a table's header is in the first rows of a file, and its column names.
///
/// Offices put a title above a table (one cell, often merged across it), a unit line (`单位：万元`),
/// blank rows, and headers of two or three rows where a group spans its parts (`欠薪` over `金额`,
/// `人数`). The rule, on the first rows as text:
///
/// 1. Rows before the header: `ReadOptions.skipRows` when given; else every leading row that is
///    blank, a unit line, a row of one non-empty cell (a title) or of filing facts (`填报单位：…`).
/// 2. Header rows: `ReadOptions.headerRows` when given; else the first row, and each next row that
///    holds only text (or years) over columns whose data below are numbers, and sits under a
///    group (a blank of the row above, right of a filled cell) or repeats a vertically merged cell.
/// 3. Names: within a group, a blank cell of an upper row takes the group's text from its left;
///    identical consecutive parts collapse (a vertically merged `地区` gives `地区`); parts join
///    without a separator when either side is CJK, else with `_` (`欠薪` + `金额` → `欠薪金额`).
/// 4. Not sure → an error naming the rows and the options that settle it, never a title as header:
///    a header row whose cells are numbers over numbers (data, not names).
enum HeaderDetector {
    struct Layout {
        /// Index (in the rows given) of the first header row, and how many there are.
        var headerStart: Int
        var headerCount: Int
        /// Joined names, one per column up to the table's width (empty where none).
        var names: [String]
        /// Index of the first row after the header.
        var dataStart: Int
        var facts = TableLayoutFacts()
        var unitLine: UnitLine?
    }

    /// Filing facts written above a table; a row of only these is not the header.
    static let metaPrefixes = ["填报单位", "填表单位", "制表单位", "报送单位", "制表", "填表", "表号", "编制", "报送日期", "填报日期",
                               "统计时间", "统计期", "数据截至", "截至", "日期：", "日期:", "时间：", "时间:"]

    static func isMeta(_ s: String) -> Bool {
        let t = LayoutCells.squeezed(s)
        return metaPrefixes.contains { t.hasPrefix($0) }
    }

    /// A table number (`表1`, `附表 2`, `表一`) or a caption (`2023年…情况统计表`): title text, never a
    /// header cell.
    static func isTitleText(_ s: String) -> Bool {
        let t = LayoutCells.squeezed(s)
        var rest = Substring(t)
        if rest.hasPrefix("附") { rest = rest.dropFirst() }
        if rest.hasPrefix("表"), let c = rest.dropFirst().first, c.isNumber || "一二三四五六七八九十".contains(c) { return true }
        return t.count >= 8 && ["统计表", "情况表", "一览表", "汇总表", "明细表", "情况", "统计"].contains { t.hasSuffix($0) }
    }

    /// Finds the header in `rows` (trimmed text, nil = empty; the first rows of the file), whose
    /// file rows (lines) are `rowNumbers`.
    static func detect(_ rows: [[String?]], rowNumbers: [Int], options: ReadOptions, path: String) throws(IngestError) -> Layout {
        let width = rows.reduce(0) { w, r in max(w, (r.lastIndex { !($0?.isEmpty ?? true) } ?? -1) + 1) }
        // Columns that hold anything: a table at B3 has an empty column A, and one column of its own.
        let used = (0..<width).filter { c in rows.contains { c < $0.count && !($0[c]?.isEmpty ?? true) } }.count
        var facts = TableLayoutFacts()
        var unitLine: UnitLine? = nil
        func text(_ r: [String?]) -> String { r.compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ") }
        func unit(in r: [String?], row: Int) -> UnitLine? {
            for c in r { if let c, let u = UnitLine.parse(c, row: row) { return u } }
            return nil
        }
        /// What a row above the header is, or nil when it may be the header.
        func aboveKind(_ r: [String?], row: Int) -> TableLayoutFacts.SkippedRow.Kind? {
            let n = LayoutCells.nonEmpty(r)
            if n == 0 { return .blank }
            if let u = unit(in: r, row: row), n <= 3 {
                if unitLine == nil { unitLine = u }
                return .unit
            }
            if n == 1 && used >= 2 { return .title }
            // Two cells of title: a table number (`表1`, `附表2`) or a long caption beside it.
            if n == 2 && used >= 3 && r.contains(where: { $0.map(isTitleText) ?? false }) { return .title }
            var allMeta = true
            for c in r {
                guard let c, !c.isEmpty else { continue }
                if !isMeta(c) && UnitLine.parse(c, row: row) == nil { allMeta = false; break }
            }
            if allMeta {
                if let u = unit(in: r, row: row), unitLine == nil { unitLine = u }
                return .title
            }
            return nil
        }

        // 1. Rows before the header.
        var h = 0
        if let n = options.skipRows {
            h = min(n, rows.count)
            for i in 0..<h {
                let kind = aboveKind(rows[i], row: rowNumbers[i]) ?? .skipped
                facts.skipped.append(.init(row: rowNumbers[i], kind: kind, text: text(rows[i])))
            }
        } else if options.header {
            while h < rows.count, let kind = aboveKind(rows[h], row: rowNumbers[h]) {
                facts.skipped.append(.init(row: rowNumbers[h], kind: kind, text: text(rows[h])))
                h += 1
            }
        }
        guard options.header else {
            return Layout(headerStart: h, headerCount: 0, names: [], dataStart: h, facts: facts, unitLine: nil)
        }
        guard h < rows.count else {
            return Layout(headerStart: h, headerCount: 0, names: [], dataStart: h, facts: facts, unitLine: unitLine)
        }

        // Which columns hold numbers in the first rows below a given row.
        func numericBelow(_ from: Int, _ c: Int) -> Bool {
            var numbers = 0, seen = 0, i = from
            while i < rows.count && seen < 5 {
                let v = c < rows[i].count ? rows[i][c] : nil
                if let v, !v.isEmpty {
                    seen += 1
                    if LayoutCells.isNumeric(v) { numbers += 1 }
                }
                i += 1
            }
            return seen > 0 && 2 * numbers >= seen && numbers > 0
        }
        func cell(_ r: Int, _ c: Int) -> String? { c < rows[r].count ? rows[r][c].flatMap { $0.isEmpty ? nil : $0 } : nil }

        // 2. Header rows.
        var k = 1
        if let n = options.headerRows {
            k = max(0, min(n, rows.count - h))
        } else {
            while h + k < rows.count && k < 4 {
                let r = h + k
                let cells = (0..<width).compactMap { c in cell(r, c).map { (c, $0) } }
                guard !cells.isEmpty, unit(in: rows[r], row: rowNumbers[r]) == nil else { break }
                let wordsOnly = cells.allSatisfy { !LayoutCells.isNumeric($0.1) || LayoutCells.isYearLike($0.1) }
                let overNumbers = cells.contains { numericBelow(r + 1, $0.0) }
                let underGroup = cells.contains { c, v in
                    let above = cell(r - 1, c)
                    if above == nil { return (0..<c).contains { cell(r - 1, $0) != nil } }
                    return above == v
                }
                if wordsOnly && overNumbers && !underGroup && k == 1 && options.skipRows == nil && used >= 2
                    && cells.count == (0..<width).filter({ cell(h, $0) != nil }).count
                    && (0..<width).contains(where: { cell(h, $0).map { LayoutCells.isNumeric($0) || LayoutCells.isYearLike($0) } ?? false })
                    && cells.allSatisfy({ !looksMissing($0.1, options) }) {
                    // Two full rows of words over numbers, neither spanning the other, the upper one
                    // with a number or year in it: it may be a title of several cells (`欠薪情况,2023`)
                    // or the first of two header rows; reading it as the header would make every
                    // column text. (A data row of words alone — `张三,十多万` — is a row of problem
                    // cells under a header of words, and stays so.)
                    let upper = rowNumbers[h], lower = rowNumbers[r]
                    throw .malformed(SourceLocation(file: path, line: lower, column: 1),
                                     "not sure where the header is: rows \(upper) and \(lower) both look like a header over the numbers below",
                                     hint: "if row \(upper) is a title: --skip-rows \(h + 1); if both are header rows: --skip-rows \(h) --header-rows 2")
                }
                guard wordsOnly && overNumbers && underGroup else { break }
                k += 1
            }
        }
        facts.headerRows = (h..<(h + k)).map { rowNumbers[$0] }

        // 3. Names.
        var names = [String](repeating: "", count: width)
        if k > 0 {
            var grid = (h..<(h + k)).map { r in (0..<width).map { cell(r, $0) } }
            // Within a group, an upper row's blank takes the group's text from its left: the group
            // cell is the nearest filled cell to the left that has a part of its own below it.
            for level in 0..<(k - 1) {
                var group: String? = nil
                for c in 0..<width {
                    if let v = grid[level][c] {
                        let below = grid[level + 1][c]
                        group = below != nil && below != v ? v : nil
                    } else if let g = group, grid[level + 1][c] != nil {
                        grid[level][c] = g
                    } else {
                        group = nil
                    }
                }
            }
            for c in 0..<width {
                var parts: [String] = []
                for level in 0..<k { if let v = grid[level][c], v != parts.last { parts.append(v) } }
                names[c] = join(parts)
            }
        }

        // 4. Not sure: a header row that reads as data.
        if options.skipRows == nil && options.headerRows == nil {
            let numbersOverNumbers = (0..<width).compactMap { c -> String? in
                guard let v = cell(h, c), LayoutCells.isNumeric(v), !LayoutCells.isYearLike(v), numericBelow(h + k, c) else { return nil }
                return v
            }
            let filled = (0..<width).filter { cell(h, $0) != nil }.count
            if !numbersOverNumbers.isEmpty && 2 * numbersOverNumbers.count >= filled - (used > 1 ? 1 : 0) {
                let row = rowNumbers[h]
                let shown = numbersOverNumbers.prefix(3).map { "\"\($0)\"" }.joined(separator: ", ")
                var above = ""
                if !facts.skipped.isEmpty {
                    above = "; rows \(facts.skipped.map { String($0.row) }.joined(separator: ", ")) above look like a title"
                }
                throw .malformed(SourceLocation(file: path, line: row, column: 1),
                                 "row \(row) looks like data, not a header (\(shown) \(numbersOverNumbers.count == 1 ? "is a number" : "are numbers") over numbers)\(above)",
                                 hint: "if the table has no header: --header none\(facts.skipped.isEmpty ? "" : " --skip-rows \(h)"); to name the header yourself: --skip-rows N --header-rows K (rows before the header, header rows)")
            }
        }
        return Layout(headerStart: h, headerCount: k, names: names, dataStart: h + k, facts: facts, unitLine: unitLine)
    }

    /// A missing-value marker (`-`, `NA`, `无` …): a data row of them is not a header row.
    static func looksMissing(_ v: String, _ options: ReadOptions) -> Bool {
        ["-", "--", "—", "－", "NA", "N/A", "NaN", "null", "无", "空", "…", "..."].contains(v) || options.missingTokens.contains(v)
    }

    /// Joins header parts: no separator when either side is CJK, else `_`.
    static func join(_ parts: [String]) -> String {
        var out = ""
        for p in parts {
            if let a = out.last, let b = p.first, !LayoutCells.isCJK(a) && !LayoutCells.isCJK(b) { out += "_" }
            out += p
        }
        return out
    }
}
