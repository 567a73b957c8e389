import LaborStatTable

/// The one place that decides whether a statistic is weighted, and with which weights.
///
/// Under any design option (`--weight`, `--strata`, `--cluster`, `--fpc`) every statistic — mean and
/// total, but also var, sd, cv, skewness, kurtosis, gini, sum_weight, every pX and the Lorenz curve —
/// uses the design's weights (the weight column, or the weights the fpc implies, or 1 per row) and the
/// design's quantile rule (`QuantileRule.math` unless another is asked), as R `survey` does with a
/// design built by `svydesign(…)`. Without a design option, nothing is weighted.
extension SurveyDesignSpec {
    /// True under any design option: statistics are then weighted by the design's weights.
    public var isWeighted: Bool { isDesignBased }

    /// The weights every statistic of `table` uses: nil without a design option; the weight column
    /// when one is given (no design is built: point estimates cost what unweighted ones do); otherwise
    /// the weights of the design on every row of the table (from the fpc, or 1).
    public func weights(for table: Table) throws -> Weights? {
        guard isWeighted else { return nil }
        if let weight { return try Weights(table, column: weight) }
        return Weights(try SurveyDesign(table: table, spec: self))
    }
}

extension Weights {
    /// The sampling weights of `design`, one per physical row (already checked positive).
    public init(_ design: SurveyDesign) {
        self.init(column: design.spec.weight ?? "(design weights)", checked: design.weights)
    }
}
