import Foundation
import Testing
import _LaborStatTestSupport
@testable import LaborStatStats

@Suite("HistogramBins bins")
struct HistogramTests {
    @Test("edges and counts match numpy.histogram (sturges, fd, scott, N, range, weights, log)")
    func matchesNumpy() throws {
        let f = try #require(try DescriptiveFixtures.json("histogram_numpy.json") as? [String: Any])
        let x = DescriptiveFixtures.doubles(f["x"]), w = DescriptiveFixtures.doubles(f["w"])
        let cases = try #require(f["cases"] as? [[String: Any]])
        for c in cases {
            let rule = try #require(HistogramBins.BinRule(c["rule"] as! String))
            let range = (c["range"] as? [Any]).map { r in (DescriptiveFixtures.double(r[0]), DescriptiveFixtures.double(r[1])) }
            let log = c["log"] as? Bool ?? false
            let weighted = c["weighted"] as? Bool ?? false
            let expectedEdges = DescriptiveFixtures.doubles(c["edges"])
            let expectedCounts = DescriptiveFixtures.doubles(c["counts"])
            let binEdges = try HistogramBins.binEdges(x, rule: rule, range: range, log: log)
            let edges = binEdges.values
            #expect(edges.count == expectedEdges.count, "\(c["rule"]!) log=\(log): \(edges.count - 1) bins vs numpy \(expectedEdges.count - 1)")
            guard edges.count == expectedEdges.count else { continue }
            for (a, b) in zip(edges, expectedEdges) { #expect(isClose(a, b, rel: 1e-12)) }
            let h = x.withUnsafeBufferPointer { xb in
                weighted ? w.withUnsafeBufferPointer { HistogramBins(xb, weights: $0, binEdges: binEdges) } : HistogramBins(xb, binEdges: binEdges)
            }
            for (a, b) in zip(h.counts, expectedCounts) { #expect(isClose(a, b, rel: 1e-12)) }
            if range == nil && !weighted { #expect(h.total == Double(x.count)) }
        }
    }

    @Test("the last bin is closed; a log scale refuses values ≤ 0")
    func edgesAndErrors() throws {
        let x: [Double] = [0, 1, 2, 3, 4]
        let h = x.withUnsafeBufferPointer { HistogramBins($0, edges: [0, 2, 4]) }
        #expect(h.counts == [2, 3])
        #expect(throws: DescriptiveError.self) { try HistogramBins.edges(x, rule: .sturges, log: true) }
        #expect(HistogramBins.BinRule("0") == nil && HistogramBins.BinRule("fd") == .freedmanDiaconis)
    }
}
