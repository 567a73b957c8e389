/// Finds how many decimals a column's values were written with, so that sums and moments can be
/// computed on the exact scaled integers k = x·10ᵈ instead of on the binary approximations of the
/// decimals (NIST NumAcc4's 10000000.2 is stored as 10000000.199999999254…; scaled, it is 100000002).
///
/// A value x "has d decimals" when Double(round(x·10ᵈ)) / 10ᵈ == x: the correctly rounded
/// division gives back x exactly when x is the double nearest to some k / 10ᵈ. Values must also
/// satisfy |k| < 2⁵³ (exact integers in a double).
public enum DecimalScale {
    /// The largest number of decimals tried (weights in units of 1e-4).
    public static let maxDecimals = 4

    /// The smallest d ≤ 4 that fits every non-NaN value, with max |k|; nil when none fits.
    public static func detect(_ x: UnsafeBufferPointer<Double>) -> (decimals: Int, maxScaled: Double)? {
        var d = 0, scale = 1.0, maxAbs = 0.0
        for v in x where !v.isNaN {
            while !fits(v, scale) {
                d += 1
                scale *= 10
                if d > maxDecimals { return nil }
            }
            maxAbs = max(maxAbs, abs(v))
        }
        return (d, (maxAbs * scale).rounded())
    }

    @inline(__always) static func fits(_ v: Double, _ scale: Double) -> Bool {
        let k = nearest(v * scale)
        return abs(k) < 9.0e15 && k / scale == v
    }

    /// The nearest integer to x (ties to even) for |x| < 2⁵¹, without a libm call: adding and
    /// subtracting 1.5·2⁵² rounds in the FPU. Larger |x| are returned unchanged (already integers
    /// or beyond exact integer range, which the callers reject).
    @inlinable @inline(__always) public static func nearest(_ x: Double) -> Double {
        let magic = 6_755_399_441_055_744.0
        return abs(x) < 2_251_799_813_685_248.0 ? (x + magic) - magic : x
    }

    /// 10ᵈ as a double (exact for d ≤ 22).
    public static func power(_ d: Int) -> Double {
        var p = 1.0
        for _ in 0..<d { p *= 10 }
        return p
    }
}
