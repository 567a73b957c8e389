import Foundation
import Testing
import _LaborStatTestSupport
@testable import LaborStatStats

@Suite("Tabulate and chi-square")
struct TabulateTests {
    @Test("Pearson chi-square matches scipy chi2_contingency(correction=False)")
    func chiSquare() throws {
        let cases = try #require(try DescriptiveFixtures.json("chisquare_scipy.json") as? [[String: Any]])
        for c in cases {
            let table = (c["table"] as! [Any]).map { DescriptiveFixtures.doubles($0) }
            let t = ChiSquareTest(counts: table)
            #expect(isClose(t.statistic, DescriptiveFixtures.double(c["statistic"]), rel: 1e-12))
            #expect(t.df == DescriptiveFixtures.double(c["df"]))
            #expect(isClose(t.pValue, DescriptiveFixtures.double(c["p_value"]), rel: 1e-9), "p \(t.pValue)")
        }
    }

    @Test("incomplete gamma Q(a, x) and the normal quantile match scipy")
    func specialFunctions() throws {
        let f = try #require(try DescriptiveFixtures.json("special_scipy.json") as? [String: Any])
        for c in f["gammaincc"] as! [[String: Any]] {
            let a = DescriptiveFixtures.double(c["a"]), x = DescriptiveFixtures.double(c["x"]), q = DescriptiveFixtures.double(c["q"])
            let got = SpecialFunctions.regularizedGammaQ(a, x)
            #expect(q < 1e-300 ? got < 1e-290 : isClose(got, q, rel: 1e-11), "Q(\(a), \(x)) = \(got) vs \(q)")
        }
        for c in f["ppf"] as! [[String: Any]] {
            let p = DescriptiveFixtures.double(c["p"]), z = DescriptiveFixtures.double(c["z"])
            #expect(isClose(SpecialFunctions.normalQuantile(p), z, rel: 1e-13), "ppf(\(p))")
        }
    }

    @Test("Wilson intervals match R prop.test(correct=FALSE)")
    func wilson() throws {
        let cases = try #require(try DescriptiveFixtures.json("wilson_r.json") as? [[String: Any]])
        for c in cases {
            let ci = ProportionInterval.wilson(successes: DescriptiveFixtures.double(c["x"]), n: DescriptiveFixtures.double(c["n"]),
                                               level: DescriptiveFixtures.double(c["level"]))
            #expect(isClose(ci.low, DescriptiveFixtures.double(c["low"]), rel: 1e-12) || abs(ci.low - DescriptiveFixtures.double(c["low"])) < 1e-15)
            #expect(isClose(ci.high, DescriptiveFixtures.double(c["high"]), rel: 1e-12))
        }
    }
}
