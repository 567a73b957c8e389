/// An estimate with its uncertainty: never a bare `Double` from an estimator that has a standard error.
public struct Estimate: Sendable, Equatable {
    public var value: Double
    /// Standard error; nil where none is defined (e.g. an unweighted minimum).
    public var standardError: Double?
    public var ciLow: Double?
    public var ciHigh: Double?
    /// Rows that entered the estimate.
    public var n: Int
    /// Design effect (design variance / simple-random-sampling variance), where computed.
    public var designEffect: Double?

    public init(value: Double, standardError: Double? = nil, ciLow: Double? = nil, ciHigh: Double? = nil, n: Int, designEffect: Double? = nil) {
        self.value = value
        self.standardError = standardError
        self.ciLow = ciLow
        self.ciHigh = ciHigh
        self.n = n
        self.designEffect = designEffect
    }
}
