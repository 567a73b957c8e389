import Foundation
import Testing
import LaborStatTable
@testable import LaborStatStats
import _LaborStatTestSupport

@Suite("Survey design: errors, domains, invariants")
struct SurveyDesignErrorTests {
    static func gen() throws -> Table { try SurveyReference.table("gen.csv") }

    func badData(_ spec: SurveyDesignSpec, table: Table, mentioning text: String) throws {
        let error = #expect(throws: SurveyError.self) { try SurveyDesign(table: table, spec: spec) }
        #expect(error?.kind == .badData)
        #expect(error?.description.contains(text) == true, "\(String(describing: error))")
    }

    @Test("a lonely PSU under --lonely-psu fail names its stratum")
    func lonelyFails() throws {
        try badData(.init(weight: "weight", strata: "province", clusters: ["county"]), table: Self.gen(), mentioning: "西藏")
        // A certainty stratum (N = n = 1) has no variance and is not an error, as in R.
        _ = try SurveyDesign(table: Self.gen(), spec: .init(strata: "province", clusters: ["county", "village"], fpc: ["N1", "N2"]))
    }

    @Test("bad weights, nesting and fpc are located errors")
    func badDesigns() throws {
        let t = try Self.gen()
        var w = try t.column(named: "weight").physicalDoubles().map { Optional($0) }
        w[4] = 0
        var t2 = t
        try t2.append(Column("w0", doubles: w))
        try badData(.init(weight: "w0", strata: "province", clusters: ["county"], lonelyPSU: .remove), table: t2, mentioning: "row 5")
        w[4] = nil
        try t2.append(Column("wNA", doubles: w))
        try badData(.init(weight: "wNA"), table: t2, mentioning: "missing at row 5")
        // Villages are numbered within counties: as PSUs they are not nested in provinces.
        try badData(.init(strata: "province", clusters: ["village"]), table: t, mentioning: "nested")
        // A population smaller than the sample.
        try t2.append(Column("small", doubles: [Double?](repeating: 2, count: t.rowCount)))
        try badData(.init(strata: "province", clusters: ["county"], fpc: ["small"], lonelyPSU: .remove), table: t2, mentioning: "population of 2")
        // Sizes and fractions mixed.
        try badData(.init(strata: "province", clusters: ["county", "village"], fpc: ["N1", "f2"], lonelyPSU: .remove), table: t, mentioning: "mixes")
    }

    @Test("usage errors: unknown column, fpc per stage, mask length")
    func usage() throws {
        let t = try Self.gen()
        let e = #expect(throws: TableError.self) { try SurveyDesign(table: t, spec: .init(weight: "wieght")) }
        #expect(e?.kind == .usage)
        let s = #expect(throws: SurveyError.self) {
            try SurveyDesign(table: t, spec: .init(strata: "province", clusters: ["county", "village"], fpc: ["f1"]))
        }
        #expect(s?.kind == .usage)
        let d = try SurveyDesign(table: t, spec: .init(weight: "weight", strata: "province", clusters: ["county"], lonelyPSU: .remove))
        #expect(throws: SurveyError.self) { try d.mean("income", domain: [true], groups: nil) }
        #expect(throws: TableError.self) { try d.mean("industry", domain: nil, groups: nil) }
    }

    @Test("a number in --fpc is a constant fpc")
    func constantFPC() throws {
        let t = try SurveyReference.table("apistrat.csv")
        let a = try SurveyDesign(table: t, spec: .init(weight: "pw", fpc: ["0.1"]))
        var t2 = t
        try t2.append(Column("f", doubles: [Double?](repeating: 0.1, count: t.rowCount)))
        let b = try SurveyDesign(table: t2, spec: .init(weight: "pw", fpc: ["f"]))
        let ea = try a.mean("api00", domain: nil, groups: nil)[0], eb = try b.mean("api00", domain: nil, groups: nil)[0]
        #expect(isClose(ea.standardError!, eb.standardError!, rel: 1e-14))
        // Sampling 10% without replacement: the variance is 0.9 × the with-replacement one.
        let c = try SurveyDesign(table: t, spec: .init(weight: "pw"))
        let ec = try c.mean("api00", domain: nil, groups: nil)[0]
        #expect(isClose(ea.standardError! * ea.standardError!, 0.9 * ec.standardError! * ec.standardError!, rel: 1e-12))
    }

    @Test("--by groups equal the same domains given as masks; the table's selection is ignored")
    func byEqualsDomain() throws {
        let t = try Self.gen()
        let d = try SurveyDesign(table: t, spec: .init(weight: "weight", strata: "province", clusters: ["county", "village"], fpc: ["f1", "f2"], lonelyPSU: .adjust))
        let groups = try Grouping(t, by: [KeySpec("sex")])
        let byMean = try d.mean("income", domain: nil, groups: groups)
        let byQ = try d.quantiles("income", probabilities: [0.5], rule: .math, domain: nil, groups: groups)
        let sex = try t.column(named: "sex")
        for g in 0..<groups.groupCount {
            let label = groups.keys[0].string(at: g)
            let mask = (0..<t.rowCount).map { sex.string(at: $0) == label }
            let m = try d.mean("income", domain: mask, groups: nil)[0]
            #expect(isClose(m.value, byMean[g].value, rel: 1e-14) && isClose(m.standardError!, byMean[g].standardError!, rel: 1e-14))
            let q = try d.quantiles("income", probabilities: [0.5], rule: .math, domain: mask, groups: nil)[0][0]
            #expect(q.value == byQ[g][0].value && q.ciLow == byQ[g][0].ciLow)
        }
        // A selected view of the table: the design still uses every row.
        let view = try SurveyDesign(table: t.selecting(rows: [0, 1, 2]), spec: d.spec)
        #expect(view.rowCount == t.rowCount)
        #expect(isClose(try view.mean("income", domain: nil, groups: nil)[0].value, try d.mean("income", domain: nil, groups: nil)[0].value))
    }

    @Test("per-row value entry points agree with the column ones; cell codes give two-way shares")
    func valueEntryPoints() throws {
        let t = try Self.gen()
        let d = try SurveyDesign(table: t, spec: .init(weight: "weight", strata: "province", clusters: ["county"], lonelyPSU: .certainty))
        let y = try t.column(named: "income").physicalDoubles()
        let a = try d.mean("income", domain: nil, groups: nil)[0], b = try d.mean(values: y, domain: nil, groups: nil)[0]
        #expect(a == b)
        // Cell shares of industry × sex sum to 1, and summed over sex give the industry shares.
        let (ic, il) = try d.levelCodes("industry"), (sc, sl) = try d.levelCodes("sex")
        let cells = zip(ic, sc).map { $0 < 0 || $1 < 0 ? Int32(-1) : $0 * Int32(sl.count) + $1 }
        let names = il.flatMap { i in sl.map { "\(i)|\($0)" } }
        let shares = try d.proportions(levelOfRow: cells, levels: names, domain: nil, groups: nil)[0]
        #expect(isClose(shares.map(\.estimate.value).reduce(0, +), 1, rel: 1e-14))
        // Rows missing sex but not industry drop out of the cell table only: compare on rows with both.
        let both = cells.map { $0 >= 0 }
        let industry = try d.proportions("industry", domain: both, groups: nil)[0]
        for (k, level) in il.enumerated() {
            let sum = (0..<sl.count).map { shares[k * sl.count + $0].estimate.value }.reduce(0, +)
            #expect(industry[k].level == level && isClose(industry[k].estimate.value, sum, rel: 1e-13))
        }
    }

    @Test("the sparse share covariance (Rao–Scott) equals the dense influence-matrix one",
          arguments: [SurveyDesignSpec.LonelyPSU.remove, .adjust, .average, .certainty])
    func sparseShares(_ policy: SurveyDesignSpec.LonelyPSU) throws {
        let gen = try Self.gen(), clus2 = try SurveyReference.table("apiclus2.csv")
        for (t, spec, column) in [
            (gen, SurveyDesignSpec(weight: "weight", strata: "province", clusters: ["county", "village"], fpc: ["f1", "f2"], lonelyPSU: policy), "industry"),
            (gen, SurveyDesignSpec(weight: "weight", strata: "province", lonelyPSU: policy), "industry"),
            (clus2, SurveyDesignSpec(clusters: ["dnum", "snum"], fpc: ["fpc1", "fpc2b"], lonelyPSU: policy), "stype"),
        ] {
            let d = try SurveyDesign(table: t, spec: spec)
            let (code, levels) = try d.levelCodes(column)
            let rows = (0..<t.rowCount).filter { code[$0] >= 0 && $0 % 3 != 0 }   // a domain
            let p = levels.count
            let wsum = rows.reduce(0) { $0 + d.weights[$1] }
            var share = [Double](repeating: 0, count: p)
            for r in rows { share[Int(code[r])] += d.weights[r] / wsum }
            var z = [Double](repeating: 0, count: rows.count * p)
            for (k, r) in rows.enumerated() { for j in 0..<p { z[k * p + j] = d.weights[r] / wsum * ((Int(code[r]) == j ? 1 : 0) - share[j]) } }
            let dense = d.linearizedCovariance(rows: rows, z: z, p: p).covariance
            let sparse = d.linearizedShareCovariance(rows: rows, cell: rows.map { Int(code[$0]) }, share: share, weightSum: wsum)
            let scale = dense.map(abs).max()!
            for (x, y) in zip(dense, sparse) {
                #expect((x.isNaN && y.isNaN) || abs(x - y) <= 1e-12 * scale, "\(spec): dense \(x), sparse \(y)")
            }
        }
    }

    @Test("the two-pass variance for row PSUs equals the general engine, lonely strata included",
          arguments: [SurveyDesignSpec.LonelyPSU.remove, .adjust, .average, .certainty])
    func rowVariance(_ policy: SurveyDesignSpec.LonelyPSU) throws {
        var t = try Self.gen()
        // A stratum per province, plus one of a single row (a lonely PSU); sampling fractions per stratum.
        let province = try t.column(named: "province")
        try t.append(Column("stratum", strings: (0..<t.rowCount).map { $0 == 7 ? "single" : province.string(at: $0) }))
        try t.append(Column("frac", doubles: (0..<t.rowCount).map { $0 == 7 ? 0.5 : 0.02 }))
        let y = try t.column(named: "income").physicalDoubles()
        for fpc in [[], ["frac"]] {
            let d = try SurveyDesign(table: t, spec: .init(weight: "weight", strata: "stratum", fpc: fpc, lonelyPSU: policy))
            for keep in [{ (r: Int) in true }, { (r: Int) in r % 4 != 1 }, { (r: Int) in r != 7 && r % 2 == 0 }] {
                let rows = (0..<t.rowCount).filter { !y[$0].isNaN && keep($0) }
                let z = rows.map { d.weights[$0] * y[$0] }
                let fast = d.rowVariance(rows: rows, z: z), general = d.linearizedCovariance(rows: rows, z: z, p: 1)
                #expect(isClose(fast.variance, general.covariance[0], rel: 1e-12) && fast.df == general.df)
            }
        }
    }

    @Test("permuting rows changes no estimate")
    func permutation() throws {
        let t = try Self.gen()
        var rng = SplitMix(seed: 7)
        let order = (0..<Int32(t.rowCount)).shuffled(using: &rng)
        let shuffled = t.selecting(rows: order).materialized()
        let spec = SurveyDesignSpec(weight: "weight", strata: "province", clusters: ["county", "village"], fpc: ["f1", "f2"], lonelyPSU: .average)
        let a = try SurveyDesign(table: t, spec: spec), b = try SurveyDesign(table: shuffled, spec: spec)
        let ea = try a.ratio(numerator: "wage_owed", denominator: "income", domain: nil, groups: nil)[0]
        let eb = try b.ratio(numerator: "wage_owed", denominator: "income", domain: nil, groups: nil)[0]
        #expect(isClose(ea.value, eb.value, rel: 1e-13) && isClose(ea.standardError!, eb.standardError!, rel: 1e-12))
        let qa = try a.quantiles("income", probabilities: [0.25], domain: nil, groups: nil)[0][0]
        let qb = try b.quantiles("income", probabilities: [0.25], domain: nil, groups: nil)[0][0]
        #expect(qa.value == qb.value && qa.ciLow == qb.ciLow && qa.ciHigh == qb.ciHigh)
        let ra = try a.raoScottTest(rows: "industry", cols: "sex", domain: nil)
        let rb = try b.raoScottTest(rows: "industry", cols: "sex", domain: nil)
        #expect(isClose(ra.statistic, rb.statistic, rel: 1e-12) && isClose(ra.pValue, rb.pValue, rel: 1e-10))
    }

    @Test("normal and t quantiles and the F tail match R")
    func distributions() throws {
        let reference = try SurveyReference.values()
        var checked = 0
        for (key, r) in reference where key.hasPrefix("dist|") {
            let f = key.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            let v: Double
            switch f[1] {
            case "qnorm": v = SurveyDistributions.normalQuantile(Double(f[5])!)
            case "qt": v = SurveyDistributions.tQuantile(Double(f[5])!, df: Double(f[4])!)
            default:
                let df = f[4].split(separator: " ").map { Double($0)! }
                v = SurveyDistributions.fUpperTail(Double(f[5])!, df[0], df[1])
            }
            #expect(isClose(v, r, rel: 1e-12), "\(key): \(v) vs R \(r)")
            checked += 1
        }
        #expect(checked == 68)
    }
}

