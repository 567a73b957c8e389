import _LaborStatBLAS

#if arch(x86_64) && !os(Windows)
/// Extended precision for accumulations that decide accuracy (residuals, back-transforms).
typealias Wide = Float80
#else
typealias Wide = Double
#endif

/// Least squares min ‖y − X b‖ by Householder QR with column pivoting (LAPACK `dgeqp3`), never
/// by the normal equations.
///
/// Implementation goals, in order of priority:
/// 1. Never a silent wrong number: a rank-deficient X is reported with the names of the
///    collinear columns (no term is dropped quietly, unlike R's `lm`, which sets it to NA).
/// 2. Accuracy on the NIST StRD linear-regression sets at least as good as R's `lm`
///    (see `NISTRegressionTests`): columns are scaled by powers of two (exact) to unit-ish norm
///    before the pivoted QR, and the solution gets iterative refinement with residuals
///    accumulated in extended precision (Float80 on x86-64).
/// 3. Speed on millions of rows: one QR of an n × p matrix (LAPACK blocks it).
///
/// Standard errors come from R⁻¹ (`dtrtri`): (XᵀX)⁻¹ = R⁻¹R⁻ᵀ, never from inverting XᵀX.
struct LeastSquares {
    /// Solution b (original column order and scale).
    var coefficients: [Double]
    /// y − X b per row.
    var residuals: [Double]
    /// The unscaled covariance factor (XᵀX)⁻¹ in original column order (σ² times it is the
    /// classical covariance).
    var unscaledCovariance: [Double]
    /// R⁻¹ of the scaled, pivoted problem (p × p, column-major).
    var rInverse: [Double]
    /// Column j of the pivoted problem is original column `pivot[j]`, scaled by `scale[pivot[j]]`.
    var pivot: [Int]
    var scale: [Double]
    /// The QR factors, kept for Q (robust covariances need the rows of Q).
    var qr: LAPACK.PivotedQR

    /// Relative size of |R_jj| / |R_00| below which column j counts as a linear combination of
    /// the columns before it. max(n, p)·ε as in numpy `lstsq`/LAPACK `dgelsy`-style rules; far
    /// below R's `lm` default (1e-7), which drops Filip's x¹⁰.
    static func rankTolerance(rows: Int, cols: Int) -> Double { Double(max(rows, cols)) * Double.ulpOfOne }

    enum Failure: Error {
        /// Columns (original numbers) that are linear combinations of others, with, for each,
        /// the columns it depends on.
        case rankDeficient(rank: Int, dependent: [(column: Int, on: [Int])])
        case lapack(LAPACK.Failure)
    }

    /// Solves for column-major `x` (`rows × cols`) and `y`.
    init(x: [Double], y: [Double], rows n: Int, cols p: Int, refinementBudget: Int = LeastSquares.refinementBudget) throws(Failure) {
        precondition(x.count == n * p && y.count == n && n >= p && p > 0)
        // 1. Scale each column by a power of two near 1/‖column‖ (no rounding at all).
        var scale = [Double](repeating: 1, count: p)
        var xs = x
        for j in 0..<p {
            var m = 0.0
            for i in 0..<n { m = max(m, abs(x[i + j * n])) }
            if m == 0 { continue }
            var ss = 0.0
            for i in 0..<n { let v = x[i + j * n] / m; ss += v * v }
            let norm = m * ss.squareRoot()
            let s = Double(sign: .plus, exponent: -norm.exponent, significand: 1)
            scale[j] = s
            for i in 0..<n { xs[i + j * n] *= s }
        }
        // 2. Pivoted QR and the numerical rank.
        let qr: LAPACK.PivotedQR
        do { qr = try LAPACK.pivotedQR(xs, rows: n, cols: p) } catch { throw .lapack(error) }
        let r00 = abs(qr.r(0, 0))
        let tol = LeastSquares.rankTolerance(rows: n, cols: p) * r00
        var rank = 0
        while rank < p && abs(qr.r(rank, rank)) > tol { rank += 1 }
        if rank < p {
            // Express each dependent pivoted column through the independent ones: R11 z = R12[:, j].
            let r11 = qr.upperTriangle(rank)
            var dependent: [(Int, [Int])] = []
            for j in rank..<p {
                var on: [Int] = []
                if rank > 0, let z = try? LAPACK.solveUpper(r11, n: rank, (0..<rank).map { qr.r($0, j) }) {
                    let big = z.map { abs($0) }.max() ?? 0
                    on = (0..<rank).filter { abs(z[$0]) > 1e-8 * big }.map { qr.pivot[$0] }.sorted()
                }
                dependent.append((qr.pivot[j], on))
            }
            throw .rankDeficient(rank: rank, dependent: dependent)
        }
        let r = qr.upperTriangle(p)
        let rInv: [Double]
        do { rInv = try LAPACK.invertUpper(r, n: p) } catch { throw .lapack(error) }
        var bp: [Double]            // pivoted, scaled coefficients
        var cov: [Double]           // (XsᵀXs)⁻¹, pivoted
        if n * p * p <= refinementBudget,
           let refined = LeastSquares.preconditionedSolve(xs, y, rInverse: rInv, pivot: qr.pivot, rows: n, cols: p) {
            (bp, cov) = refined
        } else {
            // 3'. Big problems: Qᵀy, back substitution, and residual-correction steps.
            func solve(_ rhs: [Double]) throws(Failure) -> [Double] {
                do {
                    let c = try LAPACK.applyQTranspose(qr, to: rhs)
                    return try LAPACK.solveUpper(r, n: p, Array(c[0..<p]))
                } catch { throw .lapack(error) }
            }
            bp = try solve(y)
            var res = LeastSquares.residuals(xs, y, bp, pivot: qr.pivot, rows: n, cols: p)
            var lastNorm = Double.infinity
            for _ in 0..<3 {
                let d = try solve(res)
                let dn = d.reduce(0) { max($0, abs($1)) }
                if !(dn < lastNorm) { break }
                for j in 0..<p { bp[j] += d[j] }
                res = LeastSquares.residuals(xs, y, bp, pivot: qr.pivot, rows: n, cols: p)
                lastNorm = dn
                if dn <= Double.ulpOfOne * bp.reduce(0) { max($0, abs($1)) } { break }
            }
            cov = [Double](repeating: 0, count: p * p)
            for j in 0..<p { for i in 0...j {
                var s = 0.0
                for k in j..<p { s += rInv[i + k * p] * rInv[j + k * p] }
                cov[i + j * p] = s
                cov[j + i * p] = s
            } }
        }
        var b = [Double](repeating: 0, count: p)
        for j in 0..<p { b[qr.pivot[j]] = bp[j] * scale[qr.pivot[j]] }
        var c = [Double](repeating: 0, count: p * p)
        for j in 0..<p { for i in 0..<p {
            let oi = qr.pivot[i], oj = qr.pivot[j]
            c[oi + oj * p] = cov[i + j * p] * scale[oi] * scale[oj]
        } }
        self.coefficients = b
        self.residuals = LeastSquares.residuals(xs, y, bp, pivot: qr.pivot, rows: n, cols: p)
        self.unscaledCovariance = c
        self.rInverse = rInv
        self.pivot = qr.pivot
        self.scale = scale
        self.qr = qr
    }

    /// Above this many row·column² operations the extended-precision refinement is skipped.
    static let refinementBudget = 100_000_000

    /// The LAPACK R as a preconditioner: with M = R⁻¹, U = Xs·M is orthonormal up to rounding,
    /// so its Gram matrix G = UᵀU ≈ I is perfectly conditioned. In extended precision:
    /// b = M·G⁻¹·Uᵀy and (XsᵀXs)⁻¹ = M·G⁻¹·Mᵀ (exact identities for any invertible M). This is
    /// the corrected-semi-normal-equations idea (Björck 1987): accuracy no longer depends on
    /// cond(X)·ε of the double-precision QR, and large residuals (Wampler 4–5) do not spoil it.
    static func preconditionedSolve(_ xs: [Double], _ y: [Double], rInverse m: [Double], pivot: [Int],
                                    rows n: Int, cols p: Int) -> (b: [Double], cov: [Double])? {
        let mw = m.map { Wide($0) }
        var g = [Wide](repeating: 0, count: p * p), gy = [Wide](repeating: 0, count: p)
        var xi = [Wide](repeating: 0, count: p), u = [Wide](repeating: 0, count: p)
        for i in 0..<n {
            for j in 0..<p { xi[j] = Wide(xs[i + pivot[j] * n]) }
            for k in 0..<p {
                var s: Wide = 0
                for j in 0...k { s += xi[j] * mw[j + k * p] }
                u[k] = s
            }
            let yi = Wide(y[i])
            for k in 0..<p {
                gy[k] += u[k] * yi
                for l in 0...k { g[l + k * p] += u[l] * u[k] }
            }
        }
        // Cholesky G = LLᵀ (lower L stored in the lower triangle).
        var l = [Wide](repeating: 0, count: p * p)
        for j in 0..<p {
            var d = g[j + j * p]
            for k in 0..<j { d -= l[j + k * p] * l[j + k * p] }
            guard d > 0 else { return nil }
            let djj = d.squareRoot()
            l[j + j * p] = djj
            for i in (j + 1)..<max(j + 1, p) {
                var s = g[min(i, j) + max(i, j) * p]
                for k in 0..<j { s -= l[i + k * p] * l[j + k * p] }
                l[i + j * p] = s / djj
            }
        }
        // L⁻¹ (lower), then G⁻¹ = L⁻ᵀL⁻¹.
        var li = [Wide](repeating: 0, count: p * p)
        for j in 0..<p {
            li[j + j * p] = 1 / l[j + j * p]
            for i in (j + 1)..<max(j + 1, p) {
                var s: Wide = 0
                for k in j..<i { s -= l[i + k * p] * li[k + j * p] }
                li[i + j * p] = s / l[i + i * p]
            }
        }
        var gInv = [Wide](repeating: 0, count: p * p)
        for j in 0..<p { for i in 0..<p {
            var s: Wide = 0
            for k in max(i, j)..<p { s += li[k + i * p] * li[k + j * p] }
            gInv[i + j * p] = s
        } }
        // z = G⁻¹ Uᵀy, b = M z, C = M G⁻¹ Mᵀ.
        var z = [Wide](repeating: 0, count: p)
        for i in 0..<p { var s: Wide = 0; for k in 0..<p { s += gInv[i + k * p] * gy[k] }; z[i] = s }
        var b = [Double](repeating: 0, count: p)
        for i in 0..<p { var s: Wide = 0; for k in i..<p { s += mw[i + k * p] * z[k] }; b[i] = Double(s) }
        var mg = [Wide](repeating: 0, count: p * p)   // M G⁻¹
        for j in 0..<p { for i in 0..<p {
            var s: Wide = 0
            for k in i..<p { s += mw[i + k * p] * gInv[k + j * p] }
            mg[i + j * p] = s
        } }
        var cov = [Double](repeating: 0, count: p * p)
        for j in 0..<p { for i in 0..<p {
            var s: Wide = 0
            for k in j..<p { s += mg[i + k * p] * mw[j + k * p] }
            cov[i + j * p] = Double(s)
        } }
        return (b, cov)
    }

    /// y − Xs·b (b pivoted), accumulated in extended precision where the platform has it.
    static func residuals(_ xs: [Double], _ y: [Double], _ bp: [Double], pivot: [Int], rows n: Int, cols p: Int) -> [Double] {
        var acc = y.map { Wide($0) }
        acc.withUnsafeMutableBufferPointer { a in
            xs.withUnsafeBufferPointer { x in
                for j in 0..<p {
                    let col = pivot[j] * n
                    let bj = Wide(bp[j])
                    for i in 0..<n { a[i] -= Wide(x[col + i]) * bj }
                }
            }
        }
        return acc.map { Double($0) }
    }


    /// S P R⁻¹ M R⁻ᵀ Pᵀ S for a p × p "meat" M in the pivoted, scaled coordinates (nil: identity).
    func sandwich(meat: [Double]?) -> [Double] {
        let p = pivot.count
        // A = R⁻¹ M R⁻ᵀ (pivoted coordinates).
        var a = [Double](repeating: 0, count: p * p)
        if let meat {
            var t = [Double](repeating: 0, count: p * p) // R⁻¹ M
            for j in 0..<p { for k in 0..<p { let m = meat[k + j * p]; if m == 0 { continue }
                for i in 0...k { t[i + j * p] += rInverse[i + k * p] * m } } }
            for j in 0..<p { for i in 0..<p {
                var s = 0.0
                for k in j..<p { s += t[i + k * p] * rInverse[j + k * p] }
                a[i + j * p] = s
            } }
        } else {
            for j in 0..<p { for i in 0...j {
                var s = 0.0
                for k in j..<p { s += rInverse[i + k * p] * rInverse[j + k * p] }
                a[i + j * p] = s
                a[j + i * p] = s
            } }
        }
        var out = [Double](repeating: 0, count: p * p)
        for j in 0..<p { for i in 0..<p {
            let oi = pivot[i], oj = pivot[j]
            out[oi + oj * p] = a[i + j * p] * scale[oi] * scale[oj]
        } }
        return out
    }
}
