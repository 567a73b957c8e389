import Foundation
import Testing
import LaborStatTable
@testable import LaborStatStats
import _LaborStatTestSupport

/// The NIST StRD linear-regression sets (certified values, `References/nist/`): every certified
/// coefficient, standard deviation, residual SD and R² must reach at least as many correct digits
/// (LRE, McCullough 1998) as R 4.2.2's `lm` reaches on the same data (`r_lm_lre.csv`, made by
/// `check_with_R.R`), and Filip — which `lm` fails at its default tolerance — at least 7.
///
/// Documented slack: where R's LRE exceeds what the exact least-squares solution of the data *as
/// doubles* reaches (`exact_double_lre.csv`, made by `exact_double_lre.py` with 60-digit mpmath),
/// R's extra digits are rounding luck no double-precision method can promise; the bound is
/// required instead (Wampler2 B1–B5, Longley B1/B3/B4, Wampler3–5 SDs; all within 0.8 digits).
@Suite("NIST StRD linear regression")
struct NISTRegressionTests {
    struct Case: Sendable, CustomStringConvertible {
        let name: String
        var description: String { name }
    }
    static let cases = ["Norris", "Pontius", "NoInt1", "NoInt2", "Longley", "Filip",
                        "Wampler1", "Wampler2", "Wampler3", "Wampler4", "Wampler5"]

    /// Fits one dataset through the same path as `regress` (Table → DesignMatrix → LinearModel).
    static func fit(_ name: String, refinementBudget: Int = LeastSquares.refinementBudget) throws -> (LinearModel, [(quantity: String, value: Double)]) {
        let data = try FixtureCSV("nist/regression/\(name).csv")
        let certified = try FixtureCSV("nist/regression_certified.csv").rows.first { $0["dataset"] == name }!
        let params = try FixtureCSV("nist/regression_coefficients.csv").rows.filter { $0["dataset"] == name }
        let intercept = certified["intercept"] == "yes"
        let table = try Table(columns: data.header.map { Column($0, doubles: data.numbers($0)) })
        var spec: ModelSpec
        if name == "Longley" {
            spec = ModelSpec(response: "y", predictors: ["x1", "x2", "x3", "x4", "x5", "x6"])
        } else {
            let degree = params.count - (intercept ? 1 : 0)
            spec = ModelSpec(response: "y", polynomials: [("x", degree)], intercept: intercept)
        }
        spec.intercept = intercept
        let model = try LinearModel(try DesignMatrix(table: table, spec: spec), covariance: .classical, level: 0.95,
                                    refinementBudget: refinementBudget)
        var values: [(String, Double)] = []
        for (k, c) in model.coefficients.enumerated() {
            let b = params[k]["parameter"]!
            values.append(("\(b)_estimate", c.estimate))
            values.append(("\(b)_sd", c.standardError))
        }
        values.append(("residual_sd", model.sigma))
        values.append(("r_squared", model.rSquared))
        return (model, values)
    }

    static func certifiedValue(_ name: String, _ quantity: String) throws -> Double {
        let lre = try FixtureCSV("nist/r_lm_lre.csv").rows.first { $0["dataset"] == name && $0["quantity"] == quantity }!
        return Double(lre["certified"]!)!
    }

    @Test("LRE at least R's lm", arguments: cases)
    func accuracy(_ name: String) throws {
        let (_, values) = try Self.fit(name)
        let rRows = try FixtureCSV("nist/r_lm_lre.csv").rows
        let bounds = try FixtureCSV("nist/exact_double_lre.csv").rows
        for (q, v) in values {
            let row = rows(rRows, name, q)
            let cert = Double(row["certified"]!)!
            let ours = logRelativeError(v, certified: cert)
            // R's LRE (rounded to 0.1 in the file; NA where lm gave no value), capped by the bound.
            let bound = Double(rows(bounds, name, q)["exact_double_lre"]!)!
            var target = min(Double(row["lre"]!) ?? bound, bound)
            if name == "Filip" { target = max(target, 7) }
            print("NIST \(name) \(q): LRE \(String(format: "%.1f", ours)) (R lm \(row["lre"]!), bound \(bound))")
            #expect(ours >= target - 0.05, "\(name) \(q): LRE \(ours) < R's \(target); value \(v), certified \(cert)")
        }
    }

    /// Without the extended-precision refinement (problems above the budget) the centred, scaled,
    /// pivoted QR still reaches 7.5 digits (Wampler4: 7.8 where R's lm has 8.1; the rest ≥ 8).
    @Test("big-problem path keeps 7.5 digits", arguments: ["Norris", "Longley", "Wampler1", "Wampler3", "Wampler4"])
    func bigPath(_ name: String) throws {
        let (_, values) = try Self.fit(name, refinementBudget: 0)
        let rRows = try FixtureCSV("nist/r_lm_lre.csv").rows
        for (q, v) in values {
            let cert = Double(rows(rRows, name, q)["certified"]!)!
            #expect(logRelativeError(v, certified: cert) >= 7.5, "\(name) \(q)")
        }
    }

    func rows(_ all: [[String: String]], _ name: String, _ q: String) -> [String: String] {
        all.first { $0["dataset"] == name && $0["quantity"] == q }!
    }
}
