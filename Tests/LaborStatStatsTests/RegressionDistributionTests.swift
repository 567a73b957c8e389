import Foundation
import Testing
@testable import LaborStatStats
import _LaborStatTestSupport

/// `SamplingDistribution` against scipy.stats (`References/regress/distributions.py`).
@Suite("Sampling distributions vs scipy")
struct RegressionDistributionTests {
    /// 1e-12 relative; 1e-11 where a degree of freedom exceeds 10⁵ (checked against 40-digit
    /// mpmath: scipy's own F tail is off by 7e-12 at d2 = 250000).
    @Test("normal, t and F tails and quantiles vs scipy")
    func againstScipy() throws {
        let rows = try FixtureCSV("regress/distributions.csv").rows.filter { !($0["function"] ?? "").hasPrefix("#") }
        #expect(rows.count > 150)
        var worst = 0.0
        for r in rows {
            let a = Double(r["a"]!)!, b = Double(r["b"]!) ?? .nan, c = Double(r["c"]!) ?? .nan
            let expected = Double(r["value"]!)!
            let got: Double
            switch r["function"]! {
            case "norm_sf": got = SamplingDistribution.normalSurvival(a)
            case "norm_ppf": got = SamplingDistribution.normalQuantile(a)
            case "t_sf": got = SamplingDistribution.tSurvival(a, df: b)
            case "t_ppf": got = SamplingDistribution.tQuantile(a, df: b)
            case "f_sf": got = SamplingDistribution.fSurvival(a, d1: b, d2: c)
            default: Issue.record("unknown function \(r["function"]!)"); continue
            }
            if expected != 0 { worst = max(worst, abs(got - expected) / abs(expected)) }
            let tol = max(b.isNaN ? 0 : b, c.isNaN ? 0 : c) > 1e5 ? 1e-11 : 1e-12
            #expect(isClose(got, expected, rel: tol), "\(r["function"]!)(\(a), \(b), \(c)) = \(got), scipy \(expected)")
        }
        print("distributions: max relative difference vs scipy \(worst)")
    }

    @Test("tails are complementary and quantiles invert the CDF")
    func consistency() {
        for df in [1.0, 2.0, 5.0, 33.0, 1e5] {
            for t in [-3.0, -0.4, 0.0, 1.7, 8.0] {
                #expect(isClose(SamplingDistribution.tCDF(t, df: df) + SamplingDistribution.tSurvival(t, df: df), 1, rel: 1e-14))
            }
            for p in [0.01, 0.3, 0.9, 0.999] {
                #expect(isClose(SamplingDistribution.tCDF(SamplingDistribution.tQuantile(p, df: df), df: df), p, rel: 1e-12))
            }
        }
    }
}
