import LaborStatTable

/// Ratio of sums per group, ΣwA / ΣwB over the rows where both A and B have a value (R survey's
/// `svyratio` point estimate; unweighted w = 1). NaN where ΣwB = 0.
public enum GroupRatio {
    public static func ratios(numerator a: Column, denominator b: Column, rows: RowIndices, groupOfRow: [UInt32], groupCount: Int,
                              weights: Weights? = nil) throws -> [Double] {
        let x = try a.physicalDoubles(), y = try b.physicalDoubles()
        var num = [CompensatedSum](repeating: CompensatedSum(), count: groupCount)
        var den = [CompensatedSum](repeating: CompensatedSum(), count: groupCount)
        var i = 0
        for r in rows {
            defer { i += 1 }
            let u = x[r], v = y[r]
            if u.isNaN || v.isNaN { continue }
            let w = weights?.values[r] ?? 1
            let k = Int(groupOfRow[i])
            num[k].add(w * u)
            den[k].add(w * v)
        }
        return (0..<groupCount).map { den[$0].value == 0 ? .nan : num[$0].value / den[$0].value }
    }
}
