import Foundation
import Testing
import _LaborStatTestSupport
@testable import LaborStatStats

@Suite("Quantile rules")
struct QuantileRuleTests {
    @Test("Hyndman–Fan types 1–9 match R quantile(type=)")
    func hyndmanFanMatchesR() throws {
        let sets = try #require(try DescriptiveFixtures.json("quantiles_r.json") as? [[String: Any]])
        var checked = 0
        for s in sets {
            let x = DescriptiveFixtures.doubles(s["x"]).sorted()
            let probs = DescriptiveFixtures.doubles(s["probs"])
            let types = try #require(s["types"] as? [Any])
            for t in 1...9 {
                let expected = DescriptiveFixtures.doubles(types[t - 1])
                let rule = try #require(QuantileRule(type: t))
                for (p, e) in zip(probs, expected) {
                    let got = x.withUnsafeBufferPointer { rule.quantile(sorted: $0, p: p) }
                    #expect(isClose(got, e, rel: 1e-12), "\(s["name"]!) type \(t) p=\(p): \(got) vs R \(e)")
                    checked += 1
                }
            }
        }
        #expect(checked > 500)
    }

    @Test("weighted rules match R survey 4.5's qrule point estimates, below the first weight and shahvaish included")
    func weightedMatchesSurvey() throws {
        let sets = try #require(try DescriptiveFixtures.json("weighted_quantiles_survey.json") as? [[String: Any]])
        var checked = 0, lowEnd = 0
        for s in sets {
            let x = DescriptiveFixtures.doubles(s["x"]), w = DescriptiveFixtures.doubles(s["w"])
            let probs = DescriptiveFixtures.doubles(s["probs"])
            let rules = try #require(s["rules"] as? [String: Any])
            let order = x.indices.sorted { x[$0] < x[$1] }
            let firstWeight = w[order[0]], total = w.reduce(0, +)
            for (name, values) in rules {
                let rule = try #require(QuantileRule(rawValue: name))
                let got = rule.weightedQuantiles(x, weights: w, probabilities: probs)
                for (i, e) in DescriptiveFixtures.doubles(values).enumerated() {
                    if e.isNaN { #expect(got[i].isNaN, "\(s["name"]!) \(name) p=\(probs[i]): \(got[i]) vs survey NaN"); continue }
                    if probs[i] * total < firstWeight { lowEnd += 1 }
                    #expect(isClose(got[i], e, rel: 1e-12), "\(s["name"]!) \(name) p=\(probs[i]): \(got[i]) vs survey \(e)")
                    checked += 1
                }
            }
        }
        #expect(checked > 500)
        #expect(lowEnd > 20)
    }

    @Test("math rule is the definition of TASKS.md P2, below the first weight too")
    func mathDefinition() {
        // Sorted x = 1…5 with weights 2,1,1,3,1 (W = 8): F = .25, .375, .5, .875, 1.
        let x: [Double] = [3, 1, 2, 5, 4], w: [Double] = [1, 2, 1, 1, 3]
        let q = QuantileRule.math.weightedQuantiles(x, weights: w, probabilities: [0, 0.1, 0.25, 0.26, 0.5, 0.51, 0.875, 0.9, 1])
        #expect(q == [1, 1, 1, 2, 3, 4, 4, 5, 5])
    }

    @Test("equal weights: weighted hf5–hf9 equal the unweighted types", arguments: [5, 6, 7, 8, 9])
    func equalWeights(type: Int) {
        let x: [Double] = [12, 3, 7, 7, 1, 30, 4, 18, 9]
        let rule = QuantileRule(type: type)!
        let ps = stride(from: 0.0, through: 1.0, by: 0.05).map { $0 }
        let unweighted = rule.quantiles(x, probabilities: ps)
        let weighted = rule.weightedQuantiles(x, weights: Array(repeating: 2.5, count: x.count), probabilities: ps)
        for (a, b) in zip(unweighted, weighted) { #expect(isClose(a, b, rel: 1e-12)) }
    }

    @Test("quantiles are monotone in p for every rule (seeded property)")
    func monotone() {
        var rng = SplitMix(seed: 7)
        for _ in 0..<50 {
            let n = Int(rng.next() % 40) + 1
            let x = (0..<n).map { _ in Double(rng.next() % 100) }
            let w = (0..<n).map { _ in Double(rng.next() % 50 + 1) / 10 }
            let ps = stride(from: 0.0, through: 1.0, by: 0.01).map { $0 }
            for rule in QuantileRule.allCases {
                // hf4 extrapolates below x₁ and survey's shahvaish (raw wₖ/2, positions out of x order when the
                // weights do not average 1) is not monotone in survey 4.5 either: both follow R, checked above.
                let q = rule == .hf4 || rule == .shahvaish ? [] : rule.weightedQuantiles(x, weights: w, probabilities: ps)
                for i in q.indices.dropFirst() { #expect(q[i] >= q[i - 1] - 1e-9, "\(rule) not monotone") }
                let u = rule.hyndmanFanType == nil ? [] : rule.quantiles(x, probabilities: ps)
                for i in u.indices.dropFirst() { #expect(u[i] >= u[i - 1] - 1e-9, "\(rule) unweighted not monotone") }
            }
        }
    }
}


@Suite("Radix sort of group values")
struct QuantileRadixSortTests {
    @Test("sorts like the standard library, weights follow their values (seeded)")
    func matchesStandardSort() {
        var rng = SplitMix(seed: 99)
        for n in [0, 1, 5, 63, 64, 65, 1000, 5000] {
            var x = (0..<n).map { _ -> Double in
                let r = rng.next()
                switch r % 4 {
                case 0: return Double(Int64(r >> 40)) - 5000          // negative and positive integers
                case 1: return Double(r % 100_000) / 100              // money
                case 2: return -Double(r % 7)                         // ties, −0
                default: return Double(bitPattern: (r >> 2) | 0x3FF0_0000_0000_0000) * 1e-3
                }
            }
            var w = x.indices.map { Double($0) }
            let expected = x.indices.sorted { (x[$0], $0) < (x[$1], $1) }
            let copy = x
            x.withUnsafeMutableBufferPointer { xb in w.withUnsafeMutableBufferPointer { RadixSort.sort(xb, payload: $0) } }
            #expect(x == expected.map { copy[$0] })
            #expect(w == expected.map { Double($0) }, "stable with payload, n = \(n)")
        }
    }
}
