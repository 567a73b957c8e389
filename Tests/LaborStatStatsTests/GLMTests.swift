import Foundation
import Testing
import LaborStatTable
@testable import LaborStatStats
import _LaborStatTestSupport

/// Generalized linear models against R 4 `glm` and survey 4.5's `svyglm(quasibinomial/quasipoisson)`
/// (`References/glm/make_glm_reference.R`): the four binary outcomes of the shipped survey sample
/// under its full design (strata, PSUs, fpc) and weights only, and survey's api data (stratified with
/// fpc, two-stage with fpc) with logistic, Poisson and gaussian models.
@Suite("GLMs vs R glm and svyglm (survey 4.5)")
struct GLMTests {
    struct Case: Sendable, CustomStringConvertible {
        var model: String, file: String, y: String, x: [String], categorical: [String]
        var family: GLMFamily, spec: SurveyDesignSpec?
        var description: String { model }
    }

    static let sample = "Datasets/survey_sample.csv"
    static let full = SurveyDesignSpec(weight: "weight", strata: "stratum", clusters: ["psu"], fpc: ["psu_population"])
    static let strat = SurveyDesignSpec(weight: "pw", strata: "stype", fpc: ["fpc"])
    static let clus2 = SurveyDesignSpec(clusters: ["dnum", "snum"], fpc: ["fpc1", "fpc2"])

    static let cases: [Case] = {
        var c: [Case] = []
        for y in ["has_contract", "arrears", "union_member", "trained"] {
            c.append(Case(model: "glm_\(y)", file: sample, y: y, x: ["age", "hours_per_week"], categorical: ["sex"], family: .binomial, spec: nil))
            c.append(Case(model: "svy_\(y)", file: sample, y: y, x: ["age", "hours_per_week"], categorical: ["sex"], family: .binomial, spec: full))
        }
        c.append(Case(model: "svysrs_has_contract", file: sample, y: "has_contract", x: ["age", "hours_per_week"], categorical: ["sex"],
                      family: .binomial, spec: SurveyDesignSpec(weight: "weight")))
        c.append(Case(model: "glm_strat_wide", file: "apistrat.csv", y: "wide", x: ["meals", "enroll"], categorical: [], family: .binomial, spec: nil))
        c.append(Case(model: "svy_strat_wide", file: "apistrat.csv", y: "wide", x: ["meals", "enroll"], categorical: [], family: .binomial, spec: strat))
        c.append(Case(model: "svy_clus2_wide", file: "apiclus2.csv", y: "wide", x: ["meals", "enroll"], categorical: [], family: .binomial, spec: clus2))
        c.append(Case(model: "glm_strat_enroll", file: "apistrat.csv", y: "enroll", x: ["meals", "api99"], categorical: [], family: .poisson, spec: nil))
        c.append(Case(model: "svy_strat_enroll", file: "apistrat.csv", y: "enroll", x: ["meals", "api99"], categorical: [], family: .poisson, spec: strat))
        c.append(Case(model: "svy_clus2_enroll", file: "apiclus2.csv", y: "enroll", x: ["meals", "api99"], categorical: [], family: .poisson, spec: clus2))
        c.append(Case(model: "glm_strat_api00", file: "apistrat.csv", y: "api00", x: ["meals", "api99"], categorical: [], family: .gaussian, spec: nil))
        return c
    }()

    /// The data with `wide` = 1{sch.wide == "Yes"} added for the api files (as the R script).
    static func table(_ file: String) throws -> Table {
        let t = file == sample ? try SurveyReference.table(url: repositoryRoot().appendingPathComponent(file)) : try SurveyReference.table(file)
        guard t.columnNames.contains("sch.wide") else { return t }
        let s = try t.column(named: "sch.wide")
        return try Table(columns: t.columns + [Column("wide", doubles: (0..<s.count).map { s.string(at: $0) == "Yes" ? 1 : 0 })])
    }

    static func fit(_ c: Case) throws -> GeneralizedLinearModel {
        let t = try table(c.file)
        let m = ModelSpec(response: c.y, predictors: c.x, categorical: c.categorical)
        if let spec = c.spec {
            return try GeneralizedLinearModel(try DesignMatrix(table: t, spec: m), family: c.family, survey: try SurveyDesign(table: t, spec: spec))
        }
        return try GeneralizedLinearModel(try DesignMatrix(table: t, spec: m), family: c.family)
    }

    @Test("estimates, SEs, statistics, p-values, intervals, deviance, AIC, iterations match R to 1e-8", arguments: cases)
    func againstR(_ c: Case) throws {
        let ref = try FixtureCSV("glm/glm_reference.csv").rows.filter { $0["model"] == c.model }
        #expect(ref.count > 0 && ref.allSatisfy { $0["survey"] == "4.5" })
        func r(_ term: String, _ stat: String) -> Double? { ref.first { $0["term"] == term && $0["stat"] == stat }.flatMap { Double($0["value"]!) } }
        let g = try Self.fit(c)
        var worst = 0.0
        func check(_ got: Double, _ e: Double, _ label: String) {
            let d = abs(got - e) / max(abs(e), 1e-300)
            worst = max(worst, d)
            #expect(d <= 1e-8, "\(c.model) \(label): \(got) vs R \(e)")
        }
        #expect(Set(g.coefficients.map(\.term)) == Set(ref.map { $0["term"]! }).subtracting(["(fit)"]))
        for k in g.coefficients {
            for (stat, got) in [("estimate", k.estimate), ("std_error", k.standardError), ("statistic", k.tValue),
                                ("p_value", k.pValue), ("ci_low", k.ciLow), ("ci_high", k.ciHigh)] {
                check(got, try #require(r(k.term, stat)), "\(k.term) \(stat)")
            }
        }
        check(g.deviance, try #require(r("(fit)", "deviance")), "deviance")
        check(g.nullDeviance, try #require(r("(fit)", "null_deviance")), "null deviance")
        #expect(g.iterations == Int(try #require(r("(fit)", "iterations"))))
        #expect(g.dfResidual == Int(try #require(r("(fit)", "df_residual"))))
        if c.spec == nil { check(g.aic, try #require(r("(fit)", "aic")), "aic") } else { #expect(g.aic.isNaN) }
        #expect(g.usesNormal == (c.spec == nil && c.family != .gaussian))
        print("\(c.model): max relative difference \(worst)")
    }

    @Test("complete separation is an error naming the term, not infinite estimates")
    func separation() throws {
        let x: [Double] = [1, 2, 3, 4, 5, 6, 7, 8]
        let d = DesignMatrix(terms: ["(Intercept)", "tenure"], x: [Double](repeating: 1, count: 8) + x,
                             y: [0, 0, 0, 0, 1, 1, 1, 1], hasIntercept: true)
        #expect { try GeneralizedLinearModel(d, family: .binomial) } throws: { e in
            "\(e)".contains("tenure") && ("\(e)".contains("separation") || "\(e)".contains("converge"))
        }
    }

    @Test("a non-0/1 response with --family binomial is refused")
    func badResponse() throws {
        let d = DesignMatrix(terms: ["(Intercept)"], x: [1, 1, 1], y: [0, 2, 1], hasIntercept: true)
        #expect(throws: RegressionError.self) { try GeneralizedLinearModel(d, family: .binomial) }
    }
}
