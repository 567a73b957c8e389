import Foundation
import Testing
import LaborStatTable
@testable import LaborStatStats
import _LaborStatTestSupport

/// `LinearModel` against R `lm` + `sandwich::vcovHC` (`References/regress/r_reference.R`) on 240
/// rows of the synthetic survey: weights, a polynomial term, dummies with a reference level, no
/// intercept; classical, HC0, HC1 and HC3 standard errors; the `--fit` statistics.
@Suite("Linear models vs R lm and sandwich")
struct RegressionModelTests {
    static func table() throws -> Table {
        let d = try FixtureCSV("regress/survey240.csv")
        return try Table(columns: [
            Column("monthly_income", doubles: d.numbers("monthly_income")),
            Column("age", doubles: d.numbers("age")),
            Column("hours_per_week", doubles: d.numbers("hours_per_week")),
            Column("weight", doubles: d.numbers("weight")),
            Column("sex", categories: d.rows.map { $0["sex"] }),
            Column("region", categories: d.rows.map { $0["region"] }),
        ])
    }

    static let specs: [String: ModelSpec] = [
        "weighted": ModelSpec(response: "monthly_income", predictors: ["age", "hours_per_week"], polynomials: [("age", 2)],
                              categorical: ["sex", "region"], weight: "weight"),
        "nointercept": ModelSpec(response: "monthly_income", predictors: ["hours_per_week", "age"], intercept: false),
    ]

    static func strictlyClose(_ a: Double, _ b: Double, _ tol: Double = 1e-9) -> Bool { abs(a - b) <= tol * abs(b) }

    @Test("coefficients, SEs, t, p and CIs for every covariance type", arguments: ["weighted", "nointercept"])
    func coefficients(_ model: String) throws {
        let table = try Self.table()
        let design = try DesignMatrix(table: table, spec: Self.specs[model]!)
        let ref = try FixtureCSV("regress/r_coefficients.csv").rows.filter { $0["model"] == model }
        var worst = 0.0
        for type in [CovarianceType.classical, .hc0, .hc1, .hc3] {
            let fit = try LinearModel(design, covariance: type)
            let rows = ref.filter { $0["covariance"] == type.rawValue }
            #expect(fit.terms == rows.map { $0["term"]! })
            for (c, r) in zip(fit.coefficients, rows) {
                for (name, got) in [("estimate", c.estimate), ("std_error", c.standardError), ("t_value", c.tValue),
                                    ("p_value", c.pValue), ("ci_low", c.ciLow), ("ci_high", c.ciHigh)] {
                    let e = Double(r[name]!)!
                    worst = max(worst, abs(got - e) / abs(e))
                    #expect(Self.strictlyClose(got, e), "\(model) \(type) \(c.term) \(name): \(got) vs R \(e)")
                }
            }
        }
        print("regress \(model) vs R: max relative difference \(worst)")
    }

    @Test("the big-problem path (centred QR, no extended-precision refinement) agrees with R too",
          arguments: ["weighted", "nointercept"])
    func bigProblemPath(_ model: String) throws {
        let design = try DesignMatrix(table: try Self.table(), spec: Self.specs[model]!)
        let ref = try FixtureCSV("regress/r_coefficients.csv").rows.filter { $0["model"] == model }
        for type in [CovarianceType.classical, .hc3] {
            let fit = try LinearModel(design, covariance: type, level: 0.95, refinementBudget: 0)
            for (c, r) in zip(fit.coefficients, ref.filter { $0["covariance"] == type.rawValue }) {
                #expect(Self.strictlyClose(c.estimate, Double(r["estimate"]!)!, 1e-8), "\(model) \(c.term)")
                #expect(Self.strictlyClose(c.standardError, Double(r["std_error"]!)!, 1e-8), "\(model) \(c.term) SE")
            }
        }
    }

    @Test("fit statistics", arguments: ["weighted", "nointercept"])
    func fitStatistics(_ model: String) throws {
        let fit = try LinearModel(try DesignMatrix(table: try Self.table(), spec: Self.specs[model]!))
        let r = try FixtureCSV("regress/r_fit.csv").rows.first { $0["model"] == model }!
        #expect(fit.n == Int(r["n"]!)!)
        #expect(fit.dfResidual == Int(r["df_residual"]!)!)
        for (name, got) in [("sigma", fit.sigma), ("r_squared", fit.rSquared), ("adj_r_squared", fit.adjustedRSquared),
                            ("f_statistic", fit.fStatistic), ("f_p_value", fit.fPValue)] {
            #expect(Self.strictlyClose(got, Double(r[name]!)!), "\(model) \(name): \(got) vs R \(r[name]!)")
        }
    }

    @Test("collinear terms are named, never dropped silently")
    func rankDeficiency() throws {
        let x = (0..<20).map { Double($0) }
        let table = try Table(columns: [
            Column("y", doubles: x.map { 2 * $0 + sin($0) }), Column("a", doubles: x),
            Column("b", doubles: x.map { 3 * $0 - 1 }),
        ])
        #expect {
            try LinearModel(try DesignMatrix(table: table, spec: ModelSpec(response: "y", predictors: ["a", "b"])))
        } throws: { error in
            guard case RegressionError.rankDeficient(let rank, let terms, let collinear) = error else { return false }
            let text = String(describing: error)
            return rank == 2 && terms == 3 && collinear.count == 1 && text.contains("collinear with")
                && text.contains("(Intercept)") && (text.contains("\"a\"") || text.contains(" a") || text.contains("b"))
        }
    }

    @Test("equal weights give the unweighted fit (metamorphic)")
    func equalWeights() throws {
        var t = try Self.table()
        try t.append(Column("one", doubles: [Double](repeating: 2.5, count: t.rowCount)))
        var spec = Self.specs["weighted"]!
        spec.weight = "one"
        let a = try LinearModel(try DesignMatrix(table: t, spec: spec))
        spec.weight = nil
        let b = try LinearModel(try DesignMatrix(table: t, spec: spec))
        for (x, y) in zip(a.coefficients, b.coefficients) {
            #expect(isClose(x.estimate, y.estimate, rel: 1e-10) && isClose(x.standardError, y.standardError, rel: 1e-10))
        }
    }
}
