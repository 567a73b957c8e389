import _LaborStatBLAS
import LaborStatTable

/// Pearson correlation (and covariance) matrices of several numeric columns, weighted or not,
/// over the complete cases (rows where every column has a value: R `cor(use = "complete.obs")`).
///
/// Each column is centred on its (weighted, compensated) mean, rows are scaled by √w, and the
/// cross-product matrix S = XᵀX comes from BLAS `dsyrk`; cov = S / (W − 1) unweighted
/// (S/W · n/(n−1) weighted, as `svyvar`), cor_ij = S_ij / √(S_ii S_jj). The pure-Swift path
/// (`useBLAS: false`) computes the same with plain loops; tests compare the two.
public enum Correlation {
    /// The p × p correlation matrix (row-major = column-major: symmetric) of the columns' complete
    /// cases; `columns[j][i]` is value i of column j (NaN = missing), `weights` aligned (or nil).
    public static func matrix(_ columns: [[Double]], weights: [Double]? = nil, useBLAS: Bool = true) -> (correlation: [Double], n: Int) {
        let p = columns.count
        guard p > 0 else { return ([], 0) }
        let rows = columns[0].indices.filter { i in columns.allSatisfy { !$0[i].isNaN } && (weights.map { $0[i] > 0 } ?? true) }
        let n = rows.count
        var x = [Double](repeating: 0, count: n * p)
        for j in 0..<p {
            var sw = CompensatedSum(), swx = CompensatedSum()
            for i in rows { let w = weights?[i] ?? 1; sw.add(w); swx.add(w * columns[j][i]) }
            let mean = swx.value / sw.value
            for (r, i) in rows.enumerated() { x[r + j * n] = (columns[j][i] - mean) * (weights?[i] ?? 1).squareRoot() }
        }
        let s = x.withUnsafeBufferPointer { useBLAS ? BLAS.crossProduct($0, rows: n, cols: p) : Naive.crossProduct($0, rows: n, cols: p) }
        var c = [Double](repeating: .nan, count: p * p)
        for i in 0..<p { for j in 0..<p {
            let d = (s[i + i * p] * s[j + j * p]).squareRoot()
            c[i + j * p] = i == j ? (s[i + i * p] > 0 ? 1 : .nan) : (d > 0 ? s[i + j * p] / d : .nan)
        } }
        return (c, n)
    }

    /// `describe --correlations`: per group, one row per variable: `[by], column,` then one column
    /// per variable.
    public static func table(_ table: Table, columns names: [String], grouping: Grouping, weights: Weights? = nil,
                             useBLAS: Bool = true) throws -> Table {
        let cols = try names.map { n throws -> Column in let c = try table.column(named: n); try c.requireNumeric(); return c }
        let all = try cols.map { try $0.doubles() }
        let g = grouping.groupCount
        var members = [[Int]](repeating: [], count: g)
        var i = 0
        for r in table.rowIndices { members[Int(grouping.groupOfRow[i])].append(r); i += 1 }
        let p = cols.count
        var keyRows: [Int32] = [], labels: [String] = []
        var cells = [[Double?]](repeating: [], count: p)
        for k in 0..<g {
            let sub = all.map { col in members[k].map { col[$0] } }
            let w = weights.map { wt in members[k].map { wt.values[$0] } }
            let (c, _) = matrix(sub, weights: w, useBLAS: useBLAS)
            for a in 0..<p {
                keyRows.append(Int32(k))
                labels.append(cols[a].name)
                for b in 0..<p { let v = c[a + b * p]; cells[b].append(v.isNaN ? nil : v) }
            }
        }
        var out = grouping.keys.map { $0.gathering(keyRows) }
        out.append(Column("column", strings: labels))
        for b in 0..<p { out.append(Column(cols[b].name, doubles: cells[b])) }
        return try Table(columns: out)
    }
}
