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
    ///
    /// All p weighted column sums come from one matrix–vector product Xᵀw (BLAS `dgemv`), twice:
    /// once for the means, once for the residual means of the centred columns (the corrected
    /// two-pass algorithm, so a large common offset such as 10⁶ costs no digits); then S = XᵀX by
    /// `dsyrk` on the centred, √w-scaled columns.
    public static func matrix(_ columns: [[Double]], weights: [Double]? = nil, useBLAS: Bool = true) -> (correlation: [Double], n: Int) {
        let p = columns.count
        guard p > 0 else { return ([], 0) }
        let rows = columns[0].indices.filter { i in columns.allSatisfy { !$0[i].isNaN } && (weights.map { $0[i] > 0 } ?? true) }
        let n = rows.count
        var x = [Double](repeating: 0, count: n * p)
        for j in 0..<p { for (r, i) in rows.enumerated() { x[r + j * n] = columns[j][i] } }
        let w = rows.map { weights?[$0] ?? 1 }
        let wsum = CompensatedSum.sum(w)
        func columnMeans() -> [Double] {
            var s = [Double](repeating: 0, count: p)
            x.withUnsafeBufferPointer { a in w.withUnsafeBufferPointer { wb in s.withUnsafeMutableBufferPointer { y in
                if useBLAS { BLAS.gemvTransposed(a, rows: n, cols: p, wb, into: y) } else { Naive.gemvTransposed(a, rows: n, cols: p, wb, into: y) }
            } } }
            return s.map { $0 / wsum }
        }
        for _ in 0..<2 {   // centre, then remove the (tiny) residual mean
            let m = columnMeans()
            for j in 0..<p { for r in 0..<n { x[r + j * n] -= m[j] } }
        }
        for j in 0..<p { for r in 0..<n { x[r + j * n] *= w[r].squareRoot() } }
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
        let all = try cols.map { try $0.physicalDoubles() }
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
