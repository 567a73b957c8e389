import ArgumentParser
import Foundation
import LaborStat

struct Regress: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "regress",
        abstract: "Linear models by least squares (QR through LAPACK).",
        discussion: """
        Fits --y on the --x columns (plus --poly powers and --categorical dummies) by least squares: \
        Householder QR with column pivoting (LAPACK dgeqp3) and extended-precision refinement, never \
        the normal equations. Matches R's lm (NIST StRD certified sets: see the tests).

        Terms: (Intercept), each column, C^2 … C^K for --poly C:K (raw powers, as I(C^k) in R), and \
        C=level for every level of a categorical column but the first (the reference; levels sort \
        by value or code point). Rows missing any used column are left out. A term that is a linear \
        combination of others is an error naming it: no term is dropped silently.

        Columns: term, estimate, std_error, t_value, p_value, ci_low, ci_high (t with n − p df). \
        --fit writes n, df_residual, sigma, r_squared, adj_r_squared, f_statistic, f_p_value \
        (summary.lm; without an intercept R² is the uncentred one, as R and NIST give it).

        Standard errors: classical σ²(XᵀWX)⁻¹, or --robust hc0|hc1|hc3 (sandwich::vcovHC). \
        Under a survey design (--weight, --strata, --cluster, --fpc) the model is R's svyglm: \
        weighted estimates, Taylor-linearized standard errors, t with (PSUs − strata) + 1 − p df, \
        --where as a domain (the design stays whole); --fit then has no F statistic.

        Generalized linear models: --family binomial (logit) or poisson (log), and gaussian, by IRLS \
        as R glm (classical: z statistics, Wald intervals, deviance and AIC) or, under a design, as \
        svyglm(family = quasibinomial()/quasipoisson()) with Taylor-linearized SEs; --odds-ratios \
        (or --exp) adds exp_estimate, exp_ci_low, exp_ci_high.

        Examples:
          laborstat regress Datasets/survey_sample.csv --y monthly_income --x age,hours_per_week \\
              --categorical sex,region
          laborstat regress Datasets/survey_sample.csv --y monthly_income --x hours_per_week \\
              --poly age:2 --robust hc3
          laborstat regress Datasets/survey_sample.csv --y monthly_income --x age \\
              --weight weight --strata stratum --cluster psu
          laborstat regress Datasets/survey_sample.csv --y has_contract --x age,hours_per_week \\
              --categorical sex --family binomial --odds-ratios --weight weight --strata stratum --cluster psu
        """
    )

    @OptionGroup var input: InputOptions

    @Option(help: "Response column.")
    var y: String

    @Option(help: "Numeric predictor columns, comma-separated.")
    var x: String?

    @Option(help: "Raw polynomial terms C:K (C, C^2, …, C^K), comma-separated for several columns.")
    var poly: String?

    @Option(help: "Columns entered as dummies C=level (reference: the first level), comma-separated.")
    var categorical: String?

    @Flag(help: "Fit without an intercept (R² is then uncentred).")
    var noIntercept = false

    @Option(help: "Heteroskedasticity-robust standard errors: hc0|hc1|hc3 (as sandwich::vcovHC).")
    var robust: String?

    @Flag(help: "Write the fit statistics (n, df_residual, sigma, r_squared, adj_r_squared, f_statistic, f_p_value) instead of the coefficients.")
    var fit = false

    @Option(help: ArgumentHelp("Generalized linear model: gaussian|binomial|poisson (identity, logit, log links; R glm, or svyglm quasibinomial/quasipoisson under a design).",
                               discussion: "Fitted by IRLS on the same QR least squares, step for step as R glm.fit (epsilon 1e-8, 25 iterations); z statistics and Wald intervals (confint.default) for binomial and poisson, t under a design. --fit then gives n, df_residual, deviance, null_deviance, aic (classical only), dispersion, iterations. Separation (fitted probabilities 0 or 1) and non-convergence exit 65 naming the term. e.g. laborstat regress Datasets/survey_sample.csv --y has_contract --x age,hours_per_week --categorical sex --family binomial --odds-ratios"))
    var family: String?

    @Flag(name: [.customLong("odds-ratios"), .customLong("exp")], help: "Add exp(estimate) and exp of the interval limits (odds ratios for binomial, rate ratios for poisson).")
    var exponentiate = false

    @OptionGroup var design: DesignOptions

    @OptionGroup var output: OutputOptions

    @OptionGroup var svg: SVGOutputOptions

    func run() throws {
        let spec = try design.spec
        var polys: [(column: String, degree: Int)] = []
        for item in commaList(poly) {
            guard let colon = item.lastIndex(of: ":"), let k = Int(item[item.index(after: colon)...]), k >= 1 else {
                throw ValidationError("--poly takes COLUMN:DEGREE, e.g. age:2 (got \(item))")
            }
            polys.append((String(item[..<colon]), k))
        }
        let covariance: CovarianceType
        switch robust?.lowercased() {
        case nil: covariance = .classical
        case "hc0": covariance = .hc0
        case "hc1": covariance = .hc1
        case "hc3": covariance = .hc3
        default: throw ValidationError("--robust must be hc0, hc1 or hc3 (got \(robust!))")
        }
        if let family {
            guard let f = GLMFamily(rawValue: family.lowercased()) else {
                throw ValidationError("--family must be gaussian, binomial or poisson (got \(family))")
            }
            if robust != nil { throw ValidationError("--robust does not combine with --family (the GLM's own covariance is used)") }
            return try runGLM(spec: spec, family: f, polys: polys)
        }
        if exponentiate { throw ValidationError("--odds-ratios/--exp need --family binomial or poisson") }
        let lm: LinearModel
        var metadata: [(String, String)] = [
            ("method", "least squares by pivoted Householder QR (LAPACK dgeqp3), as R lm"),
            ("weight", spec.weight ?? "none"), ("level", String(spec.level)),
        ]
        if spec.isDesignBased {
            // svyglm: weights and Taylor-linearized SEs from the design; --where is a domain.
            if robust != nil { throw ValidationError("--robust does not combine with a survey design: the design gives the standard errors (as svyglm)") }
            let model = ModelSpec(response: y, predictors: commaList(x), polynomials: polys,
                                  categorical: commaList(categorical), intercept: !noIntercept)
            let table = try input.load(columns: model.columns + design.columns)
            var view = table
            if let expr = input.whereExpression { view = table.selecting(physicalRows: try RowFilter(expr).matchingRows(in: table)) }
            let survey = try SurveyDesign(table: table, spec: spec)
            lm = try LinearModel(try DesignMatrix(table: view, spec: model), survey: survey, level: spec.level)
            metadata += [("covariance", "Taylor linearization under the survey design (R svyglm)"),
                         ("ci", "estimate ± t(design df + 1 − p) × std_error (summary/confint.svyglm)")]
        } else {
            let model = ModelSpec(response: y, predictors: commaList(x), polynomials: polys,
                                  categorical: commaList(categorical), intercept: !noIntercept, weight: spec.weight)
            let table = try input.loadFiltered(columns: model.columns)
            lm = try LinearModel(try DesignMatrix(table: table, spec: model), covariance: covariance, level: spec.level)
            metadata += [("covariance", covariance == .classical ? "classical" : "\(covariance.rawValue.uppercased()) (sandwich::vcovHC)"),
                         ("ci", "estimate ± t(n − p) × std_error")]
        }
        if fit {
            let t = try Table(columns: [
                Column("n", integers: [Int64(lm.n)]), Column("df_residual", integers: [Int64(lm.dfResidual)]),
                Column("sigma", doubles: [finite(lm.sigma)]), Column("r_squared", doubles: [finite(lm.rSquared)]),
                Column("adj_r_squared", doubles: [finite(lm.adjustedRSquared)]),
                Column("f_statistic", doubles: [finite(lm.fStatistic)]), Column("f_p_value", doubles: [finite(lm.fPValue)]),
            ])
            try output.emit(t, metadata: metadata)
        } else {
            let c = lm.coefficients
            let t = try Table(columns: [
                Column("term", strings: c.map(\.term)),
                Column("estimate", doubles: c.map { finite($0.estimate) }),
                Column("std_error", doubles: c.map { finite($0.standardError) }),
                Column("t_value", doubles: c.map { finite($0.tValue) }),
                Column("p_value", doubles: c.map { finite($0.pValue) }),
                Column("ci_low", doubles: c.map { finite($0.ciLow) }),
                Column("ci_high", doubles: c.map { finite($0.ciHigh) }),
            ])
            try output.emit(t, metadata: metadata)
            // --svg: a coefficient plot (estimates with their intervals), the intercept left out.
            let shown = c.filter { $0.term != "(Intercept)" }
            var spec = ChartSpec(title: "\(y) ~ " + (commaList(x) + commaList(categorical)).joined(separator: " + "),
                                 subtitle: "estimates with \(NumberText.shortest(spec.level * 100))% confidence intervals")
            spec.xLabel = "estimate"
            spec.height = max(300, 90 + 28 * Double(shown.count))
            try svg.write(try LaborStatCharts.Chart.hbar(categories: shown.map(\.term), values: shown.map { finite($0.estimate) },
                                                         errorLow: shown.map { finite($0.ciLow) }, errorHigh: shown.map { finite($0.ciHigh) },
                                                         ranked: false, spec: spec))
        }
    }

    private func finite(_ v: Double) -> Double? { v.isFinite ? v : nil }

    /// `--family`: a GLM, classical (glm) or under the design (svyglm).
    func runGLM(spec: SurveyDesignSpec, family: GLMFamily, polys: [(column: String, degree: Int)]) throws {
        let model: GeneralizedLinearModel
        var metadata: [(String, String)] = [
            ("method", "IRLS as R glm.fit (epsilon 1e-8, maxit 25) on pivoted Householder QR (LAPACK dgeqp3)"),
            ("family", "\(family.rawValue) (\(family == .binomial ? "logit" : family == .poisson ? "log" : "identity") link)"),
            ("weight", spec.weight ?? "none"), ("level", String(spec.level)),
        ]
        if spec.isDesignBased {
            let m = ModelSpec(response: y, predictors: commaList(x), polynomials: polys, categorical: commaList(categorical), intercept: !noIntercept)
            let table = try input.load(columns: m.columns + design.columns)
            var view = table
            var domain: [Bool]? = nil
            if let expr = input.whereExpression {
                let filter = try RowFilter(expr)
                view = table.selecting(physicalRows: try filter.matchingRows(in: table))
                domain = try filter.mask(in: table)
            }
            let survey = try SurveyDesign(table: table, spec: spec)
            model = try GeneralizedLinearModel(try DesignMatrix(table: view, spec: m), family: family, survey: survey, domain: domain, level: spec.level)
            metadata += [("covariance", "Taylor linearization under the survey design (R svyglm, \(family == .gaussian ? "gaussian" : "quasi" + family.rawValue))"),
                         ("ci", "estimate ± t(design df + 1 − p) × std_error")]
        } else {
            let m = ModelSpec(response: y, predictors: commaList(x), polynomials: polys, categorical: commaList(categorical),
                              intercept: !noIntercept, weight: spec.weight)
            let table = try input.loadFiltered(columns: m.columns)
            model = try GeneralizedLinearModel(try DesignMatrix(table: table, spec: m), family: family, level: spec.level)
            metadata += [("covariance", family == .gaussian ? "dispersion × (XᵀWX)⁻¹ (summary.glm)" : "(XᵀWX)⁻¹, dispersion 1 (summary.glm)"),
                         ("ci", model.usesNormal ? "Wald: estimate ± z × std_error (R confint.default)" : "estimate ± t(n − p) × std_error")]
        }
        if fit {
            try output.emit(try Table(columns: [
                Column("n", integers: [Int64(model.n)]), Column("df_residual", integers: [Int64(model.dfResidual)]),
                Column("deviance", doubles: [finite(model.deviance)]), Column("null_deviance", doubles: [finite(model.nullDeviance)]),
                Column("aic", doubles: [finite(model.aic)]), Column("dispersion", doubles: [finite(model.dispersion)]),
                Column("iterations", integers: [Int64(model.iterations)]),
            ]), metadata: metadata)
            return
        }
        let c = model.coefficients
        var columns = [
            Column("term", strings: c.map(\.term)),
            Column("estimate", doubles: c.map { finite($0.estimate) }),
            Column("std_error", doubles: c.map { finite($0.standardError) }),
            Column(model.usesNormal ? "z_value" : "t_value", doubles: c.map { finite($0.tValue) }),
            Column("p_value", doubles: c.map { finite($0.pValue) }),
            Column("ci_low", doubles: c.map { finite($0.ciLow) }),
            Column("ci_high", doubles: c.map { finite($0.ciHigh) }),
        ]
        if exponentiate {
            guard family != .gaussian else { throw ValidationError("--odds-ratios/--exp need --family binomial or poisson") }
            columns += [Column("exp_estimate", doubles: c.map { finite(exp($0.estimate)) }),
                        Column("exp_ci_low", doubles: c.map { finite(exp($0.ciLow)) }),
                        Column("exp_ci_high", doubles: c.map { finite(exp($0.ciHigh)) })]
        }
        try output.emit(try Table(columns: columns), metadata: metadata)
    }
}
