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

        Examples:
          laborstat regress Datasets/survey_sample.csv --y monthly_income --x age,hours_per_week \\
              --categorical sex,region
          laborstat regress Datasets/survey_sample.csv --y monthly_income --x hours_per_week \\
              --poly age:2 --robust hc3
          laborstat regress Datasets/survey_sample.csv --y monthly_income --x age \\
              --weight weight --strata stratum --cluster psu
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
}
