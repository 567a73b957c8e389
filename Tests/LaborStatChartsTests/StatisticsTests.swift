import Testing
import _LaborStatTestSupport
@testable import LaborStatCharts

/// Ticks, quartiles, histogram breaks, the least-squares line and the Gini coefficient against R
/// (References/make-references.R → RReferences.swift).
@Suite("Chart statistics against R")
struct StatisticsTests {
    @Test("nice ticks equal R's pretty()", arguments: RReferences.pretty.indices)
    func pretty(_ i: Int) {
        let (lo, hi, n, expected) = RReferences.pretty[i]
        let got = NiceTicks.pretty(lo, hi, n: n)
        #expect(got.count == expected.count, "pretty(c(\(lo), \(hi)), \(n)): \(got) vs R \(expected)")
        for (a, b) in zip(got, expected) { #expect(isClose(a, b, rel: 1e-12), "\(a) vs \(b)") }
    }

    @Test("box statistics equal R's quantile(type = 7) and Tukey fences", arguments: RReferences.boxes.indices)
    func box(_ i: Int) throws {
        let ref = RReferences.boxes[i]
        let s = try #require(ChartStatistics.box(ref.x))
        #expect(isClose(s.q1, ref.q[0]) && isClose(s.median, ref.q[1]) && isClose(s.q3, ref.q[2]))
        #expect(isClose(s.lowerWhisker, ref.whiskers[0]) && isClose(s.upperWhisker, ref.whiskers[1]))
        #expect(s.outliers == ref.outliers)
        #expect(s.n == ref.x.count)
    }

    @Test("histogram breaks equal R's hist()", arguments: RReferences.histBreaks.indices)
    func breaks(_ i: Int) {
        let ref = RReferences.histBreaks[i]
        let got = ChartStatistics.sturgesBreaks(ref.x)
        #expect(got.count == ref.breaks.count, "\(got) vs R \(ref.breaks)")
        for (a, b) in zip(got, ref.breaks) { #expect(isClose(a, b, rel: 1e-12)) }
        let bins = ChartStatistics.histogram(ref.x, breaks: got)
        #expect(bins.reduce(0) { $0 + $1.count } == Double(ref.x.count))
    }

    @Test("least squares equals R's lm()")
    func leastSquares() throws {
        let f = try #require(ChartStatistics.leastSquares(x: NBS.outgoing, y: NBS.local))
        #expect(isClose(f.intercept, RReferences.lm[0], rel: 1e-9))
        #expect(isClose(f.slope, RReferences.lm[1], rel: 1e-9))
        #expect(isClose(f.r2, RReferences.lm[2], rel: 1e-9))
        #expect(ChartStatistics.leastSquares(x: [1, 1, 1], y: [1, 2, 3]) == nil)
    }

    @Test("Gini equals the ineq::Gini formula computed in R", arguments: RReferences.gini.indices)
    func gini(_ i: Int) throws {
        let ref = RReferences.gini[i]
        let (points, g) = try ChartStatistics.lorenz(ref.x)
        #expect(isClose(g, ref.g, rel: 1e-12) || abs(g - ref.g) < 1e-15, "\(g) vs R \(ref.g)")
        #expect(points.first! == (0, 0) && isClose(points.last!.0, 1) && isClose(points.last!.1, 1))
        // Scale invariance and permutation invariance.
        let (_, g2) = try ChartStatistics.lorenz(ref.x.reversed().map { $0 * 7.5 })
        #expect(isClose(g, g2, rel: 1e-12) || abs(g - g2) < 1e-15)
    }

    @Test func lorenzRejectsNegativeValues() {
        #expect(throws: ChartError.self) { try ChartStatistics.lorenz([1, -2, 3]) }
        #expect(throws: ChartError.self) { try ChartStatistics.lorenz([0, 0]) }
    }
}
