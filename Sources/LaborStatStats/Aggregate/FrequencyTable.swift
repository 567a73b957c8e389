import LaborStatTable

/// Frequency tables without a survey design: one-way shares with binomial standard errors and
/// Wilson intervals, two-way tables with total/row/column shares and Pearson's chi-square test.
///
/// Rows whose classifying value is missing are left out (R `table()`'s default), so shares add
/// up to 1 over the levels shown.
public enum FrequencyTable {
    public enum Share: String, Sendable, CaseIterable { case total, row, col }

    /// One-way table: `[by], C, n, share, share_se, share_ci_low, share_ci_high`. Within each `by`
    /// group, share = n / N, share_se = √(share(1 − share)/N) (binomial), and the interval is
    /// Wilson's score interval at `level` (R `prop.test(correct = FALSE)`).
    public static func oneWay(_ table: Table, column: KeySpec, by: [KeySpec], level: Double = 0.95) throws -> Table {
        let present = try keepPresent(table, [column])
        let grouping = try Grouping(present, by: by + [column])
        let byCount = by.count
        let totals = groupTotals(grouping, prefix: byCount)
        var n: [Int64] = [], share: [Double?] = [], se: [Double?] = [], lo: [Double?] = [], hi: [Double?] = []
        for k in 0..<grouping.groupCount {
            let c = Double(grouping.sizes[k]), N = totals[k]
            let p = c / N
            n.append(Int64(grouping.sizes[k]))
            share.append(p)
            se.append((p * (1 - p) / N).squareRoot())
            let ci = ProportionInterval.wilson(successes: c, n: N, level: level)
            lo.append(ci.low); hi.append(ci.high)
        }
        var cols = grouping.keys
        cols.append(Column("n", integers: n))
        cols.append(Column("share", doubles: share))
        cols.append(Column("share_se", doubles: se))
        cols.append(Column("share_ci_low", doubles: lo))
        cols.append(Column("share_ci_high", doubles: hi))
        return try Table(columns: cols)
    }

    /// Two-way table: `[by], C, C2, n, share`, share of the grand total, the row (C) or column (C2).
    /// Combinations that do not occur are listed with n = 0, so every table is complete.
    /// With `weights` (a survey design's), the shares are weighted: Σw over the cell / Σw over the
    /// total, row or column (the design's point estimates); n stays the count of rows.
    public static func twoWay(_ table: Table, rows: KeySpec, cols: KeySpec, by: [KeySpec], share: Share, weights: Weights? = nil) throws -> Table {
        let present = try keepPresent(table, [rows, cols])
        let (counts, rowKeys, colKeys, byGroups) = try crossCounts(present, rows: rows, cols: cols, by: by)
        let mass = weights == nil ? counts.map { $0.map { $0.map(Double.init) } } : try crossCounts(present, rows: rows, cols: cols, by: by, weights: weights).weighted
        var keyIdx: [Int32] = [], rIdx: [Int32] = [], cIdx: [Int32] = []
        var n: [Int64] = [], sh: [Double?] = []
        for (b, m) in mass.enumerated() {
            let total = m.joined().reduce(0, +)
            for i in m.indices {
                let rowTotal = m[i].reduce(0, +)
                for j in m[i].indices {
                    let colTotal = m.reduce(0) { $0 + $1[j] }
                    let d = share == .total ? total : (share == .row ? rowTotal : colTotal)
                    keyIdx.append(Int32(b)); rIdx.append(Int32(i)); cIdx.append(Int32(j))
                    n.append(Int64(counts[b][i][j]))
                    sh.append(d > 0 ? m[i][j] / d : nil)
                }
            }
        }
        var out = byGroups.map { $0.gathering(keyIdx) }
        out.append(rowKeys.gathering(rIdx))
        out.append(colKeys.gathering(cIdx))
        out.append(Column("n", integers: n))
        out.append(Column("share", doubles: sh))
        return try Table(columns: out)
    }

    /// Pearson's chi-square test of independence of `rows` and `cols` (per `by` group):
    /// `[by], statistic, df, p_value, method`.
    public static func chiSquare(_ table: Table, rows: KeySpec, cols: KeySpec, by: [KeySpec]) throws -> Table {
        let present = try keepPresent(table, [rows, cols])
        let (counts, _, _, byGroups) = try crossCounts(present, rows: rows, cols: cols, by: by)
        var st: [Double?] = [], df: [Double?] = [], pv: [Double?] = [], method: [String?] = []
        for m in counts {
            let t = ChiSquareTest(counts: m.map { $0.map(Double.init) })
            st.append(t.statistic); df.append(t.df); pv.append(t.pValue.isNaN ? nil : t.pValue); method.append(t.method)
        }
        var out = byGroups.map { $0.gathering((0..<Int32(counts.count)).map { $0 }) }
        out += [Column("statistic", doubles: st), Column("df", doubles: df), Column("p_value", doubles: pv), Column("method", strings: method)]
        return try Table(columns: out)
    }

    // MARK: - Helpers

    /// The table without rows whose value of any of `keys` is missing.
    static func keepPresent(_ table: Table, _ keys: [KeySpec]) throws -> Table {
        var t = table
        for k in keys {
            let c = try table.keyColumn(k)
            try c.requireClean()
            if c.missing.isEmpty { continue }
            t = t.selecting(rows: (0..<t.rowCount).compactMap { i in c.missing[t.rowIndices[i]] ? nil : Int32(i) })
        }
        return t
    }

    /// For each group of `grouping`, the size of the group formed by its first `prefix` keys.
    static func groupTotals(_ grouping: Grouping, prefix: Int) -> [Double] {
        var totals = [Double](repeating: 0, count: grouping.groupCount)
        var start = 0
        while start < grouping.groupCount {
            var end = start + 1
            while end < grouping.groupCount && sameKeys(grouping, start, end, prefix) { end += 1 }
            let t = Double(grouping.sizes[start..<end].reduce(0, +))
            for k in start..<end { totals[k] = t }
            start = end
        }
        return totals
    }

    static func sameKeys(_ g: Grouping, _ a: Int, _ b: Int, _ prefix: Int) -> Bool {
        (0..<prefix).allSatisfy { g.keys[$0].value(at: a) == g.keys[$0].value(at: b) }
    }

    /// Weighted count (Σw) matrices per `by` group.
    static func crossCounts(_ table: Table, rows: KeySpec, cols: KeySpec, by: [KeySpec], weights: Weights?) throws -> (weighted: [[[Double]]], Void) {
        let rg = try Grouping(table, by: [rows]), cg = try Grouping(table, by: [cols])
        let bg = try Grouping(table, by: by)
        var m = [[[Double]]](repeating: [[Double]](repeating: [Double](repeating: 0, count: cg.groupCount), count: rg.groupCount), count: bg.groupCount)
        var i = 0
        for r in table.rowIndices {
            m[Int(bg.groupOfRow[i])][Int(rg.groupOfRow[i])][Int(cg.groupOfRow[i])] += weights?.values[r] ?? 1
            i += 1
        }
        return (m, ())
    }

    /// Complete count matrices per `by` group, with the level columns of rows and cols.
    static func crossCounts(_ table: Table, rows: KeySpec, cols: KeySpec, by: [KeySpec]) throws
        -> (counts: [[[Int]]], rowLevels: Column, colLevels: Column, byKeys: [Column]) {
        let rg = try Grouping(table, by: [rows]), cg = try Grouping(table, by: [cols])
        let bg = try Grouping(table, by: by)
        var counts = [[[Int]]](repeating: [[Int]](repeating: [Int](repeating: 0, count: cg.groupCount), count: rg.groupCount), count: bg.groupCount)
        for i in 0..<table.rowCount {
            counts[Int(bg.groupOfRow[i])][Int(rg.groupOfRow[i])][Int(cg.groupOfRow[i])] += 1
        }
        return (counts, rg.keys[0], cg.keys[0], bg.keys)
    }
}
