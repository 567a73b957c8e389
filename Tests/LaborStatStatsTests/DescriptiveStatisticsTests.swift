import Foundation
import Testing
import _LaborStatTestSupport
import _LaborStatBLAS
import LaborStatTable
@testable import LaborStatStats

@Suite("Descriptive statistics")
struct DescriptiveStatisticsTests {
    static let nistSets = ["Lew", "Lottery", "Mavro", "Michelso", "NumAcc1", "NumAcc2", "NumAcc3", "NumAcc4", "PiDigits"]

    /// R's LRE per dataset and quantity, from nist/r_lre_univariate.csv (check_with_R.R, R 4.2.2).
    static func rLRE() throws -> [String: Double] {
        let text = try String(contentsOf: DescriptiveFixtures.folder.appendingPathComponent("nist/r_lre_univariate.csv"), encoding: .utf8)
        var out: [String: Double] = [:]
        for line in text.split(whereSeparator: \.isNewline) {
            let f = line.split(separator: ",").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
            // LRE of R's printed value (r_value), not the 1-decimal rounded lre column.
            if let v = Double(f[3]), let c = Double(f[2]) { out[f[0] + "/" + f[1]] = logRelativeError(v, certified: c) }
        }
        return out
    }

    @Test("NIST StRD univariate: mean and sd reach at least R's digits (LRE)", arguments: nistSets)
    func nist(name: String) throws {
        let y = try DescriptiveFixtures.nist(name)
        let cert = try String(contentsOf: DescriptiveFixtures.folder.appendingPathComponent("nist/univariate_certified.csv"), encoding: .utf8)
        let row = try #require(cert.split(whereSeparator: \.isNewline).first { $0.hasPrefix(name + ",") }).split(separator: ",")
        let mean = try #require(Double(row[2])), sd = try #require(Double(row[3]))
        #expect(y.count == Int(row[1]))
        let m = Moments(y)
        let r = try Self.rLRE()
        let lreMean = logRelativeError(m.mean, certified: mean), lreSD = logRelativeError(m.standardDeviation, certified: sd)
        #expect(lreMean >= min(r[name + "/mean"]!, 14.5), "\(name) mean LRE \(lreMean)")
        #expect(lreSD >= min(r[name + "/sd"]!, 13), "\(name) sd LRE \(lreSD) vs R \(r[name + "/sd"]!)")
        if name.hasPrefix("NumAcc") {
            // Decimal data computed on exact scaled integers: full precision, beyond R's 9.5 / 8.3.
            #expect(lreSD >= 14, "\(name) sd LRE \(lreSD)")
        }
    }

    @Test("variance, sd, skewness G1 and kurtosis G2 match scipy (bias=False)")
    func momentsMatchScipy() throws {
        let sets = try #require(try DescriptiveFixtures.json("moments_scipy.json") as? [[String: Any]])
        for s in sets {
            let x = DescriptiveFixtures.doubles(s["x"])
            let w = s["w"].map { DescriptiveFixtures.doubles($0) }
            let m = Moments(x, weights: w)
            let name = s["name"] as! String
            #expect(isClose(m.mean, DescriptiveFixtures.double(s["mean"]), rel: 1e-13), "\(name) mean")
            if w == nil {
                #expect(isClose(m.variance, DescriptiveFixtures.double(s["var"]), rel: 1e-10), "\(name) var")
                #expect(isClose(m.standardDeviation, DescriptiveFixtures.double(s["sd"]), rel: 1e-10), "\(name) sd")
            }
            // scipy loses digits on the shifted set; the exact values (fractions) decide there.
            let tolerance = name == "shifted" ? 1e-6 : 1e-10
            #expect(isClose(m.skewness, DescriptiveFixtures.double(s["skewness"]), rel: tolerance), "\(name) skewness \(m.skewness)")
            #expect(isClose(m.kurtosis, DescriptiveFixtures.double(s["kurtosis"]), rel: tolerance), "\(name) kurtosis \(m.kurtosis)")
            if let exact = s["exact_skewness"] {
                #expect(isClose(m.skewness, DescriptiveFixtures.double(exact), rel: 1e-12), "\(name) exact skewness")
                #expect(isClose(m.kurtosis, DescriptiveFixtures.double(s["exact_kurtosis"]), rel: 1e-12), "\(name) exact kurtosis")
                #expect(isClose(m.variance, DescriptiveFixtures.double(s["exact_var"]), rel: 1e-14), "\(name) exact var")
            }
        }
    }

    @Test("weighted mean, total and variance match R survey svymean/svytotal/svyvar")
    func weightedMatchesSurvey() throws {
        let f = try #require(try DescriptiveFixtures.json("weighted_var_survey.json") as? [String: Any])
        let x = DescriptiveFixtures.doubles(f["x"]), w = DescriptiveFixtures.doubles(f["w"])
        let m = Moments(x, weights: w)
        #expect(isClose(m.mean, DescriptiveFixtures.double(f["svymean"]), rel: 1e-13))
        #expect(isClose(m.total, DescriptiveFixtures.double(f["svytotal"]), rel: 1e-13))
        #expect(isClose(m.variance, DescriptiveFixtures.double(f["svyvar"]), rel: 1e-11))
        #expect(isClose(Moments(x).variance, DescriptiveFixtures.double(f["var"]), rel: 1e-12))
    }

    @Test("compensated sum keeps digits a plain loop loses")
    func compensated() {
        // 1e16 + 1 + 1 + … (1000 ones) − 1e16 = 1000 exactly; the plain loop returns 0.
        var values = [1e16] + Array(repeating: 1.0, count: 1000) + [-1e16]
        #expect(CompensatedSum.sum(values) == 1000)
        values.swapAt(0, 500)
        #expect(CompensatedSum.sum(values) == 1000)
    }

    @Test("Gini matches the mean absolute difference (numpy), weighted too")
    func gini() throws {
        let sets = try #require(try DescriptiveFixtures.json("gini_numpy.json") as? [[String: Any]])
        for s in sets {
            var x = DescriptiveFixtures.doubles(s["x"])
            var w = (s["w"] as? [Any]).map { DescriptiveFixtures.doubles($0) }
            let order = x.indices.sorted { x[$0] < x[$1] }
            x = order.map { x[$0] }
            w = w.map { ww in order.map { ww[$0] } }
            let g = x.withUnsafeBufferPointer { xb in
                w == nil ? Gini.coefficient(sorted: xb) : w!.withUnsafeBufferPointer { Gini.coefficient(sorted: xb, weights: $0) }
            }
            #expect(isClose(g, DescriptiveFixtures.double(s["gini"]), rel: 1e-12), "\(s["name"]!): \(g)")
            let lorenz = x.withUnsafeBufferPointer { Gini.lorenz(sorted: $0, maxPoints: 11) }
            #expect(lorenz.first! == (0, 0) && isClose(lorenz.last!.population, 1) && isClose(lorenz.last!.amount, 1))
        }
    }

    @Test("Gini is scale-invariant and in [0, 1] (seeded property)")
    func giniProperties() {
        var rng = SplitMix(seed: 11)
        for _ in 0..<100 {
            let x = (0..<Int(rng.next() % 50 + 2)).map { _ in Double(rng.next() % 10_000) }.sorted()
            guard x.contains(where: { $0 > 0 }) else { continue }
            let g = x.withUnsafeBufferPointer { Gini.coefficient(sorted: $0) }
            let scaled = x.map { $0 * 37.5 }
            let g2 = scaled.withUnsafeBufferPointer { Gini.coefficient(sorted: $0) }
            #expect(g >= -1e-12 && g <= 1)
            #expect(isClose(g, g2, rel: 1e-12))
        }
    }

    @Test("correlation matrix: BLAS dsyrk equals the pure-Swift path and numpy corrcoef")
    func correlation() throws {
        let f = try #require(try DescriptiveFixtures.json("correlation_numpy.json") as? [String: Any])
        let cols = (f["columns"] as! [Any]).map { DescriptiveFixtures.doubles($0) }
        let w = DescriptiveFixtures.doubles(f["w"])
        let expected = (f["corr"] as! [Any]).map { DescriptiveFixtures.doubles($0) }
        let expectedW = (f["weighted_corr"] as! [Any]).map { DescriptiveFixtures.doubles($0) }
        let blas = Correlation.matrix(cols, useBLAS: true).correlation
        let naive = Correlation.matrix(cols, useBLAS: false).correlation
        let weighted = Correlation.matrix(cols, weights: w).correlation
        for i in 0..<3 { for j in 0..<3 {
            #expect(isClose(blas[i + 3 * j], naive[i + 3 * j], rel: 1e-12))
            #expect(isClose(blas[i + 3 * j], expected[i][j], rel: 1e-10), "corr[\(i),\(j)]")
            #expect(isClose(weighted[i + 3 * j], expectedW[i][j], rel: 1e-10), "weighted corr[\(i),\(j)]")
        } }
    }
}
