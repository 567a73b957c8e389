import CBLAS

/// LAPACK (through LAPACKE) for least squares: Householder QR with column pivoting and the
/// triangular solves that go with it. Least squares is never solved through the normal equations
/// XᵀX b = Xᵀy, which square the condition number.
///
/// All matrices are column-major. Inputs are copied (LAPACK overwrites its arguments); sizes are
/// `lapack_int` (= `Int32` on Debian, no ILP64).
public enum LAPACK {
    /// A failed LAPACK call: the routine and its `info` code.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public let routine: String
        public let info: Int32
        public var description: String { "LAPACK \(routine) failed (info = \(info))" }
    }

    /// QR factorization with column pivoting, A·P = Q·R (`dgeqp3`).
    ///
    /// `factors` holds R in its upper triangle and the Householder vectors below it, as LAPACK
    /// returns them; `pivot[j]` is the 0-based column of A that became column j.
    public struct PivotedQR: Sendable {
        public let rows: Int
        public let cols: Int
        public let factors: [Double]
        public let tau: [Double]
        public let pivot: [Int]

        /// R[i, j] (i ≤ j), of the pivoted columns.
        @inlinable public func r(_ i: Int, _ j: Int) -> Double { i <= j ? factors[i + j * rows] : 0 }

        /// The leading k × k block of R, column-major.
        public func upperTriangle(_ k: Int) -> [Double] {
            var out = [Double](repeating: 0, count: k * k)
            for j in 0..<k { for i in 0...j { out[i + j * k] = factors[i + j * rows] } }
            return out
        }
    }

    /// Factors the `rows × cols` matrix `a` (rows ≥ cols) as A·P = Q·R with `dgeqp3`.
    /// - Parameter fixed: the first `fixed` columns are factored in place, unpivoted (`jpvt ≠ 0`).
    public static func pivotedQR(_ a: [Double], rows: Int, cols: Int, fixed: Int = 0) throws(Failure) -> PivotedQR {
        precondition(a.count == rows * cols && rows >= cols && cols > 0)
        var f = a
        var jpvt = (0..<cols).map { Int32($0 < fixed ? 1 : 0) }
        var tau = [Double](repeating: 0, count: cols)
        let info = LAPACKE_dgeqp3(LAPACK_COL_MAJOR, Int32(rows), Int32(cols), &f, Int32(rows), &jpvt, &tau)
        if info != 0 { throw Failure(routine: "dgeqp3", info: info) }
        return PivotedQR(rows: rows, cols: cols, factors: f, tau: tau, pivot: jpvt.map { Int($0) - 1 })
    }

    /// Qᵀ·b for the Q of a factorization (`dormqr`), b of length `rows` (or several such columns).
    public static func applyQTranspose(_ qr: PivotedQR, to b: [Double], columns: Int = 1) throws(Failure) -> [Double] {
        precondition(b.count == qr.rows * columns)
        var c = b
        var a = qr.factors
        var tau = qr.tau
        let info = LAPACKE_dormqr(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "L")), CChar(UInt8(ascii: "T")),
                                  Int32(qr.rows), Int32(columns), Int32(qr.cols), &a, Int32(qr.rows), &tau, &c, Int32(qr.rows))
        if info != 0 { throw Failure(routine: "dormqr", info: info) }
        return c
    }

    /// The first `k` columns of Q, a `rows × k` column-major matrix (`dorgqr`).
    public static func thinQ(_ qr: PivotedQR, columns k: Int) throws(Failure) -> [Double] {
        precondition(k <= qr.cols)
        var q = Array(qr.factors[0..<(qr.rows * k)])
        var tau = Array(qr.tau[0..<k])
        let info = LAPACKE_dorgqr(LAPACK_COL_MAJOR, Int32(qr.rows), Int32(k), Int32(k), &q, Int32(qr.rows), &tau)
        if info != 0 { throw Failure(routine: "dorgqr", info: info) }
        return q
    }

    /// Solves R·x = b for an upper-triangular `n × n` column-major R (`dtrtrs`).
    public static func solveUpper(_ r: [Double], n: Int, _ b: [Double]) throws(Failure) -> [Double] {
        precondition(r.count == n * n && b.count == n)
        var a = r
        var x = b
        let info = LAPACKE_dtrtrs(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "U")), CChar(UInt8(ascii: "N")), CChar(UInt8(ascii: "N")),
                                  Int32(n), 1, &a, Int32(n), &x, Int32(n))
        if info != 0 { throw Failure(routine: "dtrtrs", info: info) }
        return x
    }

    /// R⁻¹ for an upper-triangular `n × n` column-major R (`dtrtri`).
    public static func invertUpper(_ r: [Double], n: Int) throws(Failure) -> [Double] {
        precondition(r.count == n * n)
        var a = r
        let info = LAPACKE_dtrtri(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "U")), CChar(UInt8(ascii: "N")), Int32(n), &a, Int32(n))
        if info != 0 { throw Failure(routine: "dtrtri", info: info) }
        for j in 0..<n { for i in (j + 1)..<max(j + 1, n) { a[i + j * n] = 0 } }
        return a
    }
}

extension Naive {
    /// Unpivoted Householder QR in plain Swift, returning R (`cols × cols`, column-major): the
    /// twin that tests compare `LAPACK.pivotedQR` against (|R| is unique up to column order).
    public static func householderR(_ a: [Double], rows m: Int, cols n: Int) -> [Double] {
        var a = a
        for k in 0..<n {
            var norm = 0.0
            for i in k..<m { norm += a[i + k * m] * a[i + k * m] }
            norm = norm.squareRoot()
            if norm == 0 { continue }
            let alpha = a[k + k * m] > 0 ? -norm : norm
            var v = [Double](repeating: 0, count: m)
            for i in k..<m { v[i] = a[i + k * m] }
            v[k] -= alpha
            var vv = 0.0
            for i in k..<m { vv += v[i] * v[i] }
            if vv == 0 { continue }
            for j in k..<n {
                var s = 0.0
                for i in k..<m { s += v[i] * a[i + j * m] }
                let f = 2 * s / vv
                for i in k..<m { a[i + j * m] -= f * v[i] }
            }
        }
        var r = [Double](repeating: 0, count: n * n)
        for j in 0..<n { for i in 0...j { r[i + j * n] = a[i + j * m] } }
        return r
    }
}
