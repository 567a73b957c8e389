import CBLAS

/// The one door to OpenBLAS/LAPACKE: statistics code calls these wrappers, never `CBLAS` directly,
/// and every wrapper has a pure-Swift twin (`Naive`) that tests compare it against.
public enum BLAS {
    /// Library configuration, e.g. "OpenBLAS 0.3.21 NO_LAPACKE DYNAMIC_ARCH NO_AFFINITY Zen MAX_THREADS=64".
    public static var configuration: String { String(cString: openblas_get_config()) }

    /// Dot product of two equal-length vectors.
    public static func dot(_ x: UnsafeBufferPointer<Double>, _ y: UnsafeBufferPointer<Double>) -> Double {
        precondition(x.count == y.count)
        return cblas_ddot(Int32(x.count), x.baseAddress, 1, y.baseAddress, 1)
    }

    /// y ← Aᵀx for a column-major `rows × cols` matrix A (e.g. weighted sums of many columns at once).
    public static func gemvTransposed(_ a: UnsafeBufferPointer<Double>, rows: Int, cols: Int,
                                      _ x: UnsafeBufferPointer<Double>, into y: UnsafeMutableBufferPointer<Double>) {
        precondition(a.count >= rows * cols && x.count == rows && y.count == cols)
        cblas_dgemv(CblasColMajor, CblasTrans, Int32(rows), Int32(cols), 1, a.baseAddress, Int32(rows), x.baseAddress, 1, 0, y.baseAddress, 1)
    }

    /// C ← AᵀA (upper triangle filled, then mirrored) for a column-major `rows × cols` A.
    public static func crossProduct(_ a: UnsafeBufferPointer<Double>, rows: Int, cols: Int) -> [Double] {
        var c = [Double](repeating: 0, count: cols * cols)
        cblas_dsyrk(CblasColMajor, CblasUpper, CblasTrans, Int32(cols), Int32(rows), 1, a.baseAddress, Int32(rows), 0, &c, Int32(cols))
        for j in 0..<cols { for i in 0..<j { c[j + i * cols] = c[i + j * cols] } }
        return c
    }
}

/// Pure-Swift versions of the `BLAS` wrappers, for tests and tiny inputs.
public enum Naive {
    public static func dot(_ x: UnsafeBufferPointer<Double>, _ y: UnsafeBufferPointer<Double>) -> Double {
        var s = 0.0
        for i in 0..<x.count { s += x[i] * y[i] }
        return s
    }

    /// y ← Aᵀx with plain loops (the twin of `BLAS.gemvTransposed`).
    public static func gemvTransposed(_ a: UnsafeBufferPointer<Double>, rows: Int, cols: Int,
                                      _ x: UnsafeBufferPointer<Double>, into y: UnsafeMutableBufferPointer<Double>) {
        for j in 0..<cols {
            var s = 0.0
            for r in 0..<rows { s += a[r + j * rows] * x[r] }
            y[j] = s
        }
    }

    public static func crossProduct(_ a: UnsafeBufferPointer<Double>, rows: Int, cols: Int) -> [Double] {
        var c = [Double](repeating: 0, count: cols * cols)
        for i in 0..<cols { for j in 0..<cols {
            var s = 0.0
            for r in 0..<rows { s += a[r + i * rows] * a[r + j * rows] }
            c[i + j * cols] = s
        } }
        return c
    }
}
