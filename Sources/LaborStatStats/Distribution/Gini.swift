/// The Gini coefficient and the Lorenz curve of non-negative amounts (incomes, arrears), weighted
/// or not.
///
/// Implementation goals, in order: 1. one definition for weighted and unweighted data, exact for
/// ties; 2. refuse negative values rather than return a number outside [0, 1]; 3. O(n) after sorting.
///
/// With values sorted ascending x₁ ≤ … ≤ xₙ, weights wᵢ (1 when unweighted), W = Σw, the
/// Lorenz curve joins (0, 0) and the points (Fₖ, Lₖ) = (Σ_{i≤k} wᵢ / W, Σ_{i≤k} wᵢxᵢ / Σwx), and
/// ```
/// G = 1 − Σₖ (Fₖ − Fₖ₋₁)(Lₖ + Lₖ₋₁)        (twice the area between the diagonal and the curve)
/// ```
/// Unweighted this is Σ(2k − n − 1)xₖ / (n·Σx), the same as the mean absolute difference
/// ΣᵢΣⱼ|xᵢ − xⱼ| / (2n²·x̄) and R `ineq::Gini(x, corr = FALSE)`; it is the population (not the
/// n/(n−1) "corrected") Gini. Tied values give the same G in any order. NaN when Σwx = 0.
public enum Gini {
    /// The Gini coefficient of sorted non-negative `x` with aligned weights `w` (nil = equal).
    public static func coefficient(sorted x: UnsafeBufferPointer<Double>, weights w: UnsafeBufferPointer<Double>? = nil) -> Double {
        let n = x.count
        guard n > 0 else { return .nan }
        var W = CompensatedSum(), S = CompensatedSum()
        for i in 0..<n { let wi = w?[i] ?? 1; W.add(wi); S.add(wi * x[i]) }
        let total = S.value, wsum = W.value
        guard total > 0, wsum > 0 else { return .nan }
        var area = CompensatedSum()
        var run = CompensatedSum()
        var prevL = 0.0
        for i in 0..<n {
            let wi = w?[i] ?? 1
            run.add(wi * x[i])
            let L = run.value / total
            area.add(wi / wsum * (L + prevL))
            prevL = L
        }
        return 1 - area.value
    }

    /// Lorenz-curve points (share of population, share of amount), starting at (0, 0), at most
    /// `maxPoints` of them (evenly spaced in rank when thinned; the last point is always (1, 1)).
    public static func lorenz(sorted x: UnsafeBufferPointer<Double>, weights w: UnsafeBufferPointer<Double>? = nil,
                              maxPoints: Int = 101) -> [(population: Double, amount: Double)] {
        let n = x.count
        guard n > 0 else { return [] }
        var W = CompensatedSum(), S = CompensatedSum()
        for i in 0..<n { let wi = w?[i] ?? 1; W.add(wi); S.add(wi * x[i]) }
        let total = S.value, wsum = W.value
        guard total > 0, wsum > 0 else { return [] }
        let step = max(1, Int((Double(n) / Double(max(1, maxPoints - 1))).rounded(.up)))
        var out: [(population: Double, amount: Double)] = [(0, 0)]
        var cw = CompensatedSum(), cx = CompensatedSum()
        for i in 0..<n {
            let wi = w?[i] ?? 1
            cw.add(wi); cx.add(wi * x[i])
            if (i + 1) % step == 0 || i == n - 1 { out.append((cw.value / wsum, cx.value / total)) }
        }
        return out
    }
}

import LaborStatTable

extension Gini {
    /// Lorenz-curve points per group and column, for charts: `[by], column, population_share,
    /// amount_share` (up to `points` rows each, from (0, 0) to (1, 1)). Values must be ≥ 0.
    public static func lorenzTable(_ table: Table, columns: [String], grouping: Grouping, weights: Weights? = nil,
                                   points: Int = 101) throws -> Table {
        var keyRows: [Int32] = [], names: [String?] = [], pop: [Double?] = [], amt: [Double?] = []
        for name in columns {
            let column = try table.column(named: name)
            try column.requireNumeric()
            var values = GroupedValues(column, rows: table.rowIndices, groupOfRow: grouping.groupOfRow, groupCount: grouping.groupCount, weights: weights)
            values.sort()
            for k in 0..<grouping.groupCount {
                let curve = try values.withGroup(k) { x, w in
                    if let bad = x.first(where: { $0 < 0 }) {
                        throw DescriptiveError.invalidArgument("a Lorenz curve needs values ≥ 0; column \"\(column.name)\" has \(NumberTextLite.format(bad))",
                                                               hint: "leave negative values out with --where \"\(column.name) >= 0\"")
                    }
                    return lorenz(sorted: x, weights: w, maxPoints: points)
                }
                for pt in curve {
                    keyRows.append(Int32(k)); names.append(column.name); pop.append(pt.population); amt.append(pt.amount)
                }
            }
        }
        var out = grouping.keys.map { $0.gathering(keyRows) }
        out += [Column("column", strings: names), Column("population_share", doubles: pop), Column("amount_share", doubles: amt)]
        return try Table(columns: out)
    }
}
