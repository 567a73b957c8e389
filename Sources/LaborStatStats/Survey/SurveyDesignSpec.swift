/// A survey design as named on the command line (`--weight`, `--strata`, `--cluster`, `--fpc`,
/// `--lonely-psu`, `--level`, `--df`): column names, resolved against a table by `SurveyDesign`.
public struct SurveyDesignSpec: Sendable, Equatable {
    /// What to do with a stratum that has a single PSU (R: `options(survey.lonely.psu=)`).
    public enum LonelyPSU: String, Sendable, CaseIterable, Codable {
        case fail, remove, adjust, average, certainty
    }
    /// Degrees of freedom for confidence intervals: normal, or t with (PSUs − strata) df.
    public enum DegreesOfFreedom: String, Sendable, CaseIterable, Codable { case normal, design }

    public var weight: String?
    public var strata: String?
    /// Stage-1 and optional stage-2 cluster columns.
    public var clusters: [String]
    /// Population sizes (or sampling fractions when all ≤ 1), per stage.
    public var fpc: [String]
    public var lonelyPSU: LonelyPSU
    public var level: Double
    public var df: DegreesOfFreedom
    /// The interval of a share (a level's proportion, the mean of a 0/1 column): R `svyciprop(method=)`.
    public var shareInterval: ShareInterval

    public init(weight: String? = nil, strata: String? = nil, clusters: [String] = [], fpc: [String] = [],
                lonelyPSU: LonelyPSU = .fail, level: Double = 0.95, df: DegreesOfFreedom = .normal,
                shareInterval: ShareInterval = .logit) {
        self.weight = weight
        self.strata = strata
        self.clusters = clusters
        self.fpc = fpc
        self.lonelyPSU = lonelyPSU
        self.level = level
        self.df = df
        self.shareInterval = shareInterval
    }

    /// True when any design option was given: the command is then design-based.
    public var isDesignBased: Bool { weight != nil || strata != nil || !clusters.isEmpty || !fpc.isEmpty }
}
