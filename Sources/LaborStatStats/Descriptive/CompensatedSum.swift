/// A running sum that keeps the low-order digits a plain `+=` loses: Neumaier's (1974) improvement
/// of Kahan summation.
///
/// ```
/// t = s + x
/// c += |s| ≥ |x| ? (s − t) + x : (x − t) + s     // the rounding error of s + x, exactly
/// s = t
/// value = s + c
/// ```
/// The error bound is 2u·Σ|xᵢ| + O(nu²)·Σ|xᵢ| independent of n to first order (u = 2⁻⁵³), against
/// (n−1)u·Σ|xᵢ| for the naive loop: a million amounts of ~10⁵ yuan sum to the cent exactly.
public struct CompensatedSum: Sendable, Equatable {
    public var sum: Double = 0
    public var compensation: Double = 0

    public init() {}

    @inlinable public mutating func add(_ x: Double) {
        let t = sum + x
        if abs(sum) >= abs(x) { compensation += (sum - t) + x } else { compensation += (x - t) + sum }
        sum = t
    }

    /// Merges a partial sum (e.g. from another thread's chunk).
    public mutating func add(_ other: CompensatedSum) {
        add(other.sum)
        compensation += other.compensation
    }

    @inlinable public var value: Double { sum + compensation }

    /// The compensated sum of a buffer.
    public static func sum(_ x: UnsafeBufferPointer<Double>) -> Double {
        var s = CompensatedSum()
        for v in x { s.add(v) }
        return s.value
    }

    public static func sum(_ x: [Double]) -> Double { x.withUnsafeBufferPointer { sum($0) } }
}
