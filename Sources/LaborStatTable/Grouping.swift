/// Rows mapped to dense group numbers, with groups in ascending key order (numbers by value, dates
/// by time, text by code point; a missing key sorts last).
///
/// Group-by is a pass that maps each row's keys to a small integer and then accumulates into flat
/// arrays indexed by it: ENGINEERING.md measured that 18× faster than a `Dictionary` per row and
/// 10× faster than sorting into blocks.
public struct Grouping: Sendable {
    /// For each row in view (in `table.rowIndices` order), its group number.
    public let groupOfRow: [UInt32]
    /// Number of groups.
    public let groupCount: Int
    /// One column per key, `groupCount` long: the key values of each group, in group order.
    public let keys: [Column]
    /// Rows in view per group.
    public let sizes: [Int]

    /// Groups the rows in view of `table` by `keys` (no keys: one group of every row).
    public init(_ table: Table, by keys: [KeySpec]) throws(TableError) {
        let rows = table.rowIndices
        if keys.isEmpty {
            groupOfRow = [UInt32](repeating: 0, count: rows.count)
            groupCount = 1
            self.keys = []
            sizes = [rows.count]
            return
        }
        var perKey: [KeyCodes] = []
        for k in keys {
            var col = try table.keyColumn(k)
            col.name = k.outputName
            perKey.append(KeyCodes(col, rows: rows))
        }
        // Mixed-radix combination of the per-key ranks keeps lexicographic order.
        var radixProduct = 1
        var fits = true
        for k in perKey {
            let (p, o) = radixProduct.multipliedReportingOverflow(by: k.levelCount)
            if o || p > 1 << 26 { fits = false; break }
            radixProduct = p
        }
        let n = rows.count
        var combined = [Int](repeating: 0, count: n)
        if fits {
            combined.withUnsafeMutableBufferPointer { c in
                for k in perKey {
                    k.ranks.withUnsafeBufferPointer { r in
                        let m = k.levelCount
                        for i in 0..<n { c[i] = c[i] * m + Int(r[i]) }
                    }
                }
            }
            var used = [Int32](repeating: -1, count: radixProduct)
            for v in combined { used[v] = 0 }
            var next: Int32 = 0
            for i in 0..<radixProduct where used[i] == 0 { used[i] = next; next += 1 }
            var g = [UInt32](repeating: 0, count: n)
            var counts = [Int](repeating: 0, count: Int(next))
            for i in 0..<n { let v = UInt32(used[combined[i]]); g[i] = v; counts[Int(v)] += 1 }
            // Key values per group: decode the radix digits of each used combination.
            var firstRow = [Int](repeating: -1, count: Int(next))
            for i in 0..<n where firstRow[Int(g[i])] < 0 { firstRow[Int(g[i])] = i }
            groupOfRow = g
            groupCount = Int(next)
            sizes = counts
            self.keys = perKey.map { $0.column.gathering(firstRow.map { Int32(rows[$0]) }) }
        } else {
            // Too many combinations for a flat array: sort the distinct tuples.
            var index: [[UInt32]: Int] = [:]
            var tuples: [[UInt32]] = []
            var raw = [Int](repeating: 0, count: n)
            var firstRowOfTuple: [Int] = []
            for i in 0..<n {
                let t = perKey.map { $0.ranks[i] }
                if let j = index[t] { raw[i] = j } else {
                    index[t] = tuples.count
                    raw[i] = tuples.count
                    tuples.append(t)
                    firstRowOfTuple.append(i)
                }
            }
            let order = tuples.indices.sorted { tuples[$0].lexicographicallyPrecedes(tuples[$1]) }
            var rank = [Int](repeating: 0, count: tuples.count)
            for (r, t) in order.enumerated() { rank[t] = r }
            var counts = [Int](repeating: 0, count: tuples.count)
            groupOfRow = raw.map { let v = rank[$0]; counts[v] += 1; return UInt32(v) }
            groupCount = tuples.count
            sizes = counts
            self.keys = perKey.map { k in k.column.gathering(order.map { Int32(rows[firstRowOfTuple[$0]]) }) }
        }
    }
}

/// One key column's values as ranks in sort order, per row in view.
struct KeyCodes {
    let column: Column
    let ranks: [UInt32]
    let levelCount: Int

    init(_ column: Column, rows: RowIndices) {
        self.column = column
        let n = rows.count
        var raw = [UInt32](repeating: 0, count: n)
        var levelCount = 0
        var rankOfRaw: [UInt32] = []
        let missing = column.missing
        switch column.storage {
        case .category(let codes, let levels):
            // Levels in code-point (UTF-8 byte) order; missing after all of them.
            let order = column.levelsOrdered ? Array(levels.indices)
                : levels.indices.sorted { Array(levels[$0].utf8).lexicographicallyPrecedes(Array(levels[$1].utf8)) }
            rankOfRaw = [UInt32](repeating: 0, count: levels.count + 1)
            for (r, l) in order.enumerated() { rankOfRaw[l] = UInt32(r) }
            rankOfRaw[levels.count] = UInt32(levels.count)
            levelCount = levels.count + 1
            codes.withUnsafeBufferPointer { c in
                var i = 0
                for r in rows { raw[i] = missing.isEmpty || !missing[r] ? c[r] : UInt32(levels.count); i += 1 }
            }
        case .integer(let v):
            (raw, rankOfRaw, levelCount) = KeyCodes.rank(rows: rows, missing: missing) { Int64(v[$0]) }
        case .date(let v, _):
            (raw, rankOfRaw, levelCount) = KeyCodes.rank(rows: rows, missing: missing) { Int64(v[$0]) }
        case .boolean(let v):
            (raw, rankOfRaw, levelCount) = KeyCodes.rank(rows: rows, missing: missing) { v[$0] ? 1 : 0 }
        case .decimal(let v):
            // Order-preserving integer image of a double.
            (raw, rankOfRaw, levelCount) = KeyCodes.rank(rows: rows, missing: missing) {
                let b = Int64(bitPattern: v[$0].bitPattern)
                return b < 0 ? ~b ^ Int64.min : b
            }
        case .text(let t):
            var index: [String: UInt32] = [:]
            var levels: [String] = []
            var i = 0
            for r in rows {
                if !missing.isEmpty && missing[r] { raw[i] = UInt32.max } else {
                    let s = t[r]
                    if let c = index[s] { raw[i] = c } else { let c = UInt32(levels.count); index[s] = c; levels.append(s); raw[i] = c }
                }
                i += 1
            }
            let order = column.levelsOrdered ? Array(levels.indices)
                : levels.indices.sorted { Array(levels[$0].utf8).lexicographicallyPrecedes(Array(levels[$1].utf8)) }
            rankOfRaw = [UInt32](repeating: 0, count: levels.count + 1)
            for (r, l) in order.enumerated() { rankOfRaw[l] = UInt32(r) }
            rankOfRaw[levels.count] = UInt32(levels.count)
            for j in 0..<n where raw[j] == UInt32.max { raw[j] = UInt32(levels.count) }
            levelCount = levels.count + 1
        }
        ranks = raw.map { rankOfRaw[Int($0)] }
        self.levelCount = levelCount
    }

    /// Dense codes for integer-like keys: a direct table when the range is small, a sort otherwise.
    static func rank(rows: RowIndices, missing: MissingMask, _ value: (Int) -> Int64) -> ([UInt32], [UInt32], Int) {
        let n = rows.count
        var lo = Int64.max, hi = Int64.min
        for r in rows where missing.isEmpty || !missing[r] { let v = value(r); lo = min(lo, v); hi = max(hi, v) }
        if lo > hi { return ([UInt32](repeating: 0, count: n), [0], 1) } // all missing
        var raw = [UInt32](repeating: 0, count: n)
        let span = hi.subtractingReportingOverflow(lo)
        if !span.overflow && span.partialValue < 1 << 22 {
            let width = Int(span.partialValue) + 1
            var i = 0
            for r in rows {
                raw[i] = missing.isEmpty || !missing[r] ? UInt32(value(r) - lo) : UInt32(width)
                i += 1
            }
            var present = [Bool](repeating: false, count: width + 1)
            for c in raw { present[Int(c)] = true }
            var rankOf = [UInt32](repeating: 0, count: width + 1)
            var next: UInt32 = 0
            for c in 0...width where present[c] { rankOf[c] = next; next += 1 }
            return (raw, rankOf, Int(next))
        }
        var distinct: [Int64: UInt32] = [:]
        var values: [Int64] = []
        var i = 0
        for r in rows {
            if !missing.isEmpty && missing[r] { raw[i] = UInt32.max } else {
                let v = value(r)
                if let c = distinct[v] { raw[i] = c } else { let c = UInt32(values.count); distinct[v] = c; values.append(v); raw[i] = c }
            }
            i += 1
        }
        let order = values.indices.sorted { values[$0] < values[$1] }
        var rankOf = [UInt32](repeating: 0, count: values.count + 1)
        for (r, l) in order.enumerated() { rankOf[l] = UInt32(r) }
        rankOf[values.count] = UInt32(values.count)
        for j in 0..<n where raw[j] == UInt32.max { raw[j] = UInt32(values.count) }
        return (raw, rankOf, values.count + 1)
    }
}
