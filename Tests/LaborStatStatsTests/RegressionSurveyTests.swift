import Foundation
import Testing
import LaborStatTable
@testable import LaborStatStats
import _LaborStatTestSupport

/// Design-based linear models against R `survey::svyglm` (`References/regress/r_svyglm.R`):
/// strata + clusters, weights only, and a domain (the design kept whole).
@Suite("Linear models under a survey design vs R svyglm")
struct RegressionSurveyTests {
    static func table() throws -> Table {
        let d = try FixtureCSV("regress/survey240.csv")
        return try Table(columns: [
            Column("monthly_income", doubles: d.numbers("monthly_income")),
            Column("age", doubles: d.numbers("age")),
            Column("hours_per_week", doubles: d.numbers("hours_per_week")),
            Column("weight", doubles: d.numbers("weight")),
            Column("psu", integers: d.numbers("psu").map { Int64($0) }),
            Column("sex", categories: d.rows.map { $0["sex"] }),
            Column("region", categories: d.rows.map { $0["region"] }),
        ])
    }

    @Test("coefficients, design SEs, t, p, CIs and df", arguments: ["strata_psu", "weights_only", "domain"])
    func svyglm(_ model: String) throws {
        let t = try Self.table()
        let spec = model == "weights_only" ? SurveyDesignSpec(weight: "weight")
            : SurveyDesignSpec(weight: "weight", strata: "region", clusters: ["psu"])
        let survey = try SurveyDesign(table: t, spec: spec)
        var view = t
        var m = ModelSpec(response: "monthly_income", predictors: ["age", "hours_per_week"], categorical: ["sex"])
        if model == "domain" {
            let region = try t.column(named: "region")
            view = t.selecting(rows: t.rowIndices.filter { region.string(at: $0) != "东部" }.map { Int32($0) })
            m.categorical = []
        }
        let fit = try LinearModel(try DesignMatrix(table: view, spec: m), survey: survey)
        let ref = try FixtureCSV("regress/r_svyglm.csv").rows.filter { $0["model"] == model }
        #expect(fit.terms == ref.map { $0["term"]! })
        #expect(fit.dfResidual == Int(ref[0]["df_residual"]!)!)
        var worst = 0.0
        for (c, r) in zip(fit.coefficients, ref) {
            for (name, got) in [("estimate", c.estimate), ("std_error", c.standardError), ("t_value", c.tValue),
                                ("p_value", c.pValue), ("ci_low", c.ciLow), ("ci_high", c.ciHigh)] {
                let e = Double(r[name]!)!
                worst = max(worst, abs(got - e) / abs(e))
                #expect(abs(got - e) <= 1e-9 * abs(e), "\(model) \(c.term) \(name): \(got) vs R \(e)")
            }
        }
        print("svyglm \(model): max relative difference \(worst)")
    }
}
