import ArgumentParser
import LaborStat

/// The contract's survey design options. Any of them makes a command design-based: weighted
/// estimates with Taylor-linearized standard errors, matching R's `survey` package.
struct DesignOptions: ParsableArguments {
    @Option(help: "Sampling weight column.")
    var weight: String?

    @Option(help: "Stratum column.")
    var strata: String?

    @Option(help: "Cluster (PSU) column, and optionally the stage-2 cluster column: C1[,C2].")
    var cluster: String?

    @Option(help: "Finite population correction per stage: population sizes, or sampling fractions when all ≤ 1: F1[,F2].")
    var fpc: String?

    @Option(help: ArgumentHelp("Strata with a single PSU: fail|remove|adjust|average|certainty (R options(survey.lonely.psu=)).",
                               discussion: "remove and certainty: the lone PSU adds no variance; adjust: its total is centred at the sample grand mean of PSU totals (survey ≥ 4.4, Stata singleunit(centered)); average: the other strata's variance is scaled up by strata/(strata − lone strata). e.g. laborstat describe Datasets/survey_sample.csv --columns monthly_income --weight weight --strata stratum --cluster psu --lonely-psu adjust --stats mean,mean_se"))
    var lonelyPsu: String = "fail"

    @Option(help: "Confidence level for intervals.")
    var level: Double = 0.95

    @Option(help: "Degrees of freedom for intervals: normal, or design (t with PSUs − strata df).")
    var df: String = "normal"

    @Option(help: ArgumentHelp("Interval for design-based shares (tabulate's share_ci_low/high, describe of a 0/1 column): logit|wald|beta|xlogit|wilson.",
                               discussion: "As R survey svyciprop(method=): logit (default, R's) = Wald on the logit scale; wald = p ± c·SE (R method=\"mean\"; can go below 0); beta = Korn & Graubard (1998); xlogit = logit of the mean; wilson = Wilson score at the effective sample size. Only wald is defined at a share of 0 or 1. e.g. laborstat tabulate Datasets/survey_sample.csv --rows union_member --weight weight --strata stratum --cluster psu --ci-method beta"))
    var ciMethod: String = "logit"

    var spec: SurveyDesignSpec {
        get throws {
            guard let lonely = SurveyDesignSpec.LonelyPSU(rawValue: lonelyPsu) else {
                throw ValidationError("--lonely-psu must be fail, remove, adjust, average or certainty")
            }
            guard let dfChoice = SurveyDesignSpec.DegreesOfFreedom(rawValue: df) else {
                throw ValidationError("--df must be normal or design")
            }
            guard level > 0 && level < 1 else { throw ValidationError("--level must be between 0 and 1, e.g. 0.95") }
            guard let shareInterval = ShareInterval(rawValue: ciMethod.lowercased()) else {
                throw ValidationError("--ci-method must be one of \(ShareInterval.allCases.map(\.rawValue).joined(separator: ", ")) (got \(ciMethod))")
            }
            func list(_ s: String?) -> [String] { s.map { $0.split(separator: ",").map { String($0) } } ?? [] }
            return SurveyDesignSpec(weight: weight, strata: strata, clusters: list(cluster), fpc: list(fpc),
                                    lonelyPSU: lonely, level: level, df: dfChoice, shareInterval: shareInterval)
        }
    }

    /// Columns the design reads, so the loader can fetch them.
    var columns: [String] {
        [weight, strata].compactMap { $0 } + (cluster?.split(separator: ",").map(String.init) ?? [])
            + (fpc?.split(separator: ",").filter { Double($0) == nil }.map(String.init) ?? [])
    }
}

/// Splits a comma-separated option value (`--by a,b`), trimming spaces.
func commaList(_ s: String?) -> [String] {
    guard let s else { return [] }
    return s.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
}
