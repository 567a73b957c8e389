import Foundation
import Testing
import _LaborStatBLAS
import _LaborStatTestSupport

/// The LAPACK wrappers against their pure-Swift twin and against identities (A·P = Q·R, R·R⁻¹ = I).
@Suite("LAPACK wrappers")
struct RegressionLAPACKTests {
    /// A 30 × 4 matrix with a fixed pseudo-random fill (a linear congruential sequence in [−1, 1)),
    /// columns of different scales.
    static let (m, n) = (30, 4)
    static let a: [Double] = {
        var state: UInt64 = 20240501
        return (0..<(m * n)).map { i in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return (Double(state >> 11) / Double(1 << 53) * 2 - 1) * Double(1 + (i / 30) * 3)
        }
    }()

    @Test("unpivoted R equals the plain-Swift Householder R up to row signs")
    func twin() throws {
        let qr = try LAPACK.pivotedQR(Self.a, rows: Self.m, cols: Self.n, fixed: Self.n)
        #expect(qr.pivot == [0, 1, 2, 3])
        let naive = Naive.householderR(Self.a, rows: Self.m, cols: Self.n)
        for i in 0..<Self.n {
            let sign = (qr.r(i, i) < 0) == (naive[i + i * Self.n] < 0) ? 1.0 : -1.0
            for j in i..<Self.n {
                #expect(isClose(qr.r(i, j), sign * naive[i + j * Self.n], rel: 1e-12), "R[\(i),\(j)]")
            }
        }
    }

    @Test("A·P = Q·R, Qᵀ by dormqr agrees with the thin Q, R·R⁻¹ = I, triangular solve")
    func identities() throws {
        let (m, n) = (Self.m, Self.n)
        let qr = try LAPACK.pivotedQR(Self.a, rows: m, cols: n)
        #expect(Set(qr.pivot) == Set(0..<n))
        let q = try LAPACK.thinQ(qr, columns: n)
        for j in 0..<n { for i in 0..<m {
            var s = 0.0
            for k in 0...j { s += q[i + k * m] * qr.r(k, j) }
            #expect(abs(s - Self.a[i + qr.pivot[j] * m]) <= 1e-12 * 5, "(QR)[\(i),\(j)]")
        } }
        let b = (0..<m).map { Double($0 % 7) - 3 }
        let qtb = try LAPACK.applyQTranspose(qr, to: b)
        for k in 0..<n {
            var s = 0.0
            for i in 0..<m { s += q[i + k * m] * b[i] }
            #expect(isClose(qtb[k], s, rel: 1e-12))
        }
        let r = qr.upperTriangle(n)
        let rInv = try LAPACK.invertUpper(r, n: n)
        for i in 0..<n { for j in 0..<n {
            var s = 0.0
            for k in 0..<n { s += r[i + k * n] * rInv[k + j * n] }
            #expect(abs(s - (i == j ? 1 : 0)) <= 1e-13)
        } }
        let x = try LAPACK.solveUpper(r, n: n, Array(qtb[0..<n]))
        for i in 0..<n {
            var s = 0.0
            for k in 0..<n { s += r[i + k * n] * x[k] }
            #expect(isClose(s, qtb[i], rel: 1e-12))
        }
    }
}
