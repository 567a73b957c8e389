import Foundation
import Testing
@testable import LaborStatStats
import _LaborStatTestSupport

/// `TrendLine` against R (`lm`, `cor.test(method = "kendall")`) and scipy/pymannkendall
/// (`theilslopes`, `kendalltau`, `original_test`) on the series of `References/trend/series.csv`
/// (real NBS migrant-worker totals plus synthetic series with gaps, ties, declines, monthly steps).
@Suite("Trend statistics vs R and scipy")
struct TrendStatisticsTests {
    static func series() throws -> [String: (x: [Double], y: [Double])] {
        var out: [String: (x: [Double], y: [Double])] = [:]
        for r in try FixtureCSV("trend/series.csv").rows {
            out[r["id"]!, default: ([], [])].x.append(Double(r["x"]!)!)
            out[r["id"]!, default: ([], [])].y.append(Double(r["y"]!)!)
        }
        return out
    }

    static func check(_ name: String, _ got: Double?, _ expected: String?, _ label: String, worst: inout Double) {
        guard let expected, let e = Double(expected) else { Issue.record("\(label): no reference \(name)"); return }
        guard let got else { Issue.record("\(label) \(name): nil, expected \(e)"); return }
        if e != 0 { worst = max(worst, abs(got - e) / abs(e)) }
        // Strictly relative (no absolute floor): p-values of 1e-40 must keep their digits too.
        #expect(abs(got - e) <= 1e-9 * abs(e), "\(label) \(name): \(got) vs \(e)")
    }

    @Test("OLS, Kendall tau-b and Mann–Kendall vs R to 1e-9")
    func againstR() throws {
        let data = try Self.series()
        var worst = 0.0
        let rows = try FixtureCSV("trend/r_reference.csv").rows.filter { !($0["id"] ?? "").hasPrefix("#") }
        #expect(rows.count == 16)
        for r in rows {
            let (x, y) = data[r["id"]!]!
            let level = Double(r["level"]!)!
            let t = TrendLine(x: x, y: y, level: level)
            let label = "\(r["id"]!) @\(level)"
            Self.check("ols_slope", t.olsSlope, r["ols_slope"], label, worst: &worst)
            Self.check("ols_se", t.olsStandardError, r["ols_se"], label, worst: &worst)
            Self.check("ols_ci_low", t.olsCILow, r["ols_ci_low"], label, worst: &worst)
            Self.check("ols_ci_high", t.olsCIHigh, r["ols_ci_high"], label, worst: &worst)
            Self.check("ols_r2", t.olsRSquared, r["ols_r2"], label, worst: &worst)
            Self.check("ols_p_value", t.olsPValue, r["ols_p_value"], label, worst: &worst)
            Self.check("kendall_tau", t.kendallTau, r["kendall_tau"], label, worst: &worst)
            Self.check("mk_z", t.mannKendallZ, r["mk_z"], label, worst: &worst)
            Self.check("mk_p_value", t.mannKendallPValue, r["mk_p_value"], label, worst: &worst)
        }
        print("trend vs R: max relative difference \(worst)")
    }

    @Test("Theil–Sen with Sen's CI, tau-b and Mann–Kendall vs scipy/pymannkendall to 1e-9")
    func againstScipy() throws {
        let data = try Self.series()
        var worst = 0.0
        let rows = try FixtureCSV("trend/scipy_reference.csv").rows.filter { !($0["id"] ?? "").hasPrefix("#") }
        #expect(rows.count == 16)
        for r in rows {
            let (x, y) = data[r["id"]!]!
            let level = Double(r["level"]!)!
            let t = TrendLine(x: x, y: y, level: level)
            let label = "\(r["id"]!) @\(level)"
            Self.check("theil_sen_slope", t.theilSenSlope, r["theil_sen_slope"], label, worst: &worst)
            Self.check("theil_sen_ci_low", t.theilSenCILow, r["theil_sen_ci_low"], label, worst: &worst)
            Self.check("theil_sen_ci_high", t.theilSenCIHigh, r["theil_sen_ci_high"], label, worst: &worst)
            Self.check("kendall_tau", t.kendallTau, r["kendall_tau"], label, worst: &worst)
            Self.check("mk_s", t.mannKendallS, r["mk_s"], label, worst: &worst)
            Self.check("mk_z", t.mannKendallZ, r["mk_z"], label, worst: &worst)
            // pymannkendall's p is 2(1 − Φ(|z|)): it has lost digits below 1e-6 and is 0 for the
            // monthly series (R, with the tail computed directly, gives 2.7e-23 — checked above).
            if let p = Double(r["mk_p_value"]!), p > 1e-6 { Self.check("mk_p_value", t.mannKendallPValue, r["mk_p_value"], label, worst: &worst) }
        }
        print("trend vs scipy: max relative difference \(worst)")
    }

    @Test("metamorphic: a noiseless line gives equal OLS and Theil–Sen slopes, tau 1, R² 1")
    func noiselessLine() {
        let x = (0..<12).map { Double(2010 + $0) }
        let y = x.map { 3.5 * ($0 - 2010) - 7 }
        let t = TrendLine(x: x, y: y)
        #expect(isClose(t.olsSlope!, 3.5, rel: 1e-12))
        #expect(isClose(t.theilSenSlope!, 3.5, rel: 1e-12))
        #expect(t.kendallTau == 1)
        #expect(isClose(t.olsRSquared!, 1, rel: 1e-12))
        #expect(t.olsPValue == 0)
    }

    @Test("too short series give no slopes, not wrong ones")
    func short() {
        let one = TrendLine(x: [2020], y: [5])
        #expect(one.olsSlope == nil && one.theilSenSlope == nil && one.mannKendallZ == nil)
        let two = TrendLine(x: [2020, 2022], y: [5, 9])
        #expect(two.olsSlope == 2 && two.theilSenSlope == 2 && two.olsStandardError == nil)
    }

    @Test("Mann–Kendall on a constant series: S = 0 gives Z = 0 and p = 1; tau-b empty (0/0)")
    func constantSeries() {
        let t = TrendLine(x: (0..<8).map { Double(2016 + $0) }, y: Array(repeating: 4200, count: 8))
        #expect(t.mannKendallS == 0)
        #expect(t.mannKendallZ == 0)
        #expect(t.mannKendallPValue == 1)
        #expect(t.kendallTau == nil)
        #expect(t.olsSlope == 0 && t.theilSenSlope == 0)
    }

    @Test("a permutation of the points changes nothing")
    func permutation() throws {
        let (x, y) = try Self.series()["decline"]!
        let a = TrendLine(x: x, y: y)
        let order = Array(x.indices.reversed())
        let b = TrendLine(x: order.map { x[$0] }, y: order.map { y[$0] })
        #expect(a == b)
    }
}
