import Foundation
import Testing
import LaborStatTable
@testable import LaborStatStats
import _LaborStatTestSupport

/// One design of `make_reference.R`'s `everything(...)` calls, and what it estimates.
struct SurveyCase: CustomTestStringConvertible, Sendable {
    var name: String
    var file: String
    var spec: SurveyDesignSpec
    var variable: String
    var numerator: String
    var denominator: String
    var categorical: String
    var by: String
    var domainName: String
    var rows: String
    var cols: String
    var testDescription: String { name }

    func domain(_ t: Table) throws -> [Bool] {
        switch domainName {
        case "meals>40": return try t.column(named: "meals").physicalDoubles().map { $0 > 40 }
        case "stype==E": let c = try t.column(named: "stype"); return (0..<c.count).map { c.string(at: $0) == "E" }
        case "sex==女": let c = try t.column(named: "sex"); return (0..<c.count).map { c.string(at: $0) == "女" }
        default: fatalError("unknown domain \(domainName)")
        }
    }
}

let surveyCases: [SurveyCase] = {
    var cases = [
        SurveyCase(name: "strat", file: "apistrat.csv", spec: .init(weight: "pw", strata: "stype", fpc: ["fpc"]),
                   variable: "api00", numerator: "api00", denominator: "api99", categorical: "awards", by: "comp.imp",
                   domainName: "meals>40", rows: "sch.wide", cols: "comp.imp"),
        SurveyCase(name: "strat_wr", file: "apistrat.csv", spec: .init(weight: "pw", strata: "stype"),
                   variable: "api00", numerator: "api00", denominator: "api99", categorical: "awards", by: "comp.imp",
                   domainName: "meals>40", rows: "sch.wide", cols: "comp.imp"),
        SurveyCase(name: "clus1", file: "apiclus1.csv", spec: .init(weight: "pw", clusters: ["dnum"], fpc: ["fpc"]),
                   variable: "enroll", numerator: "api00", denominator: "enroll", categorical: "stype", by: "stype",
                   domainName: "meals>40", rows: "sch.wide", cols: "stype"),
        SurveyCase(name: "clus1_fpcw", file: "apiclus1.csv", spec: .init(clusters: ["dnum"], fpc: ["fpc"]),
                   variable: "enroll", numerator: "api00", denominator: "enroll", categorical: "stype", by: "stype",
                   domainName: "meals>40", rows: "sch.wide", cols: "stype"),
        SurveyCase(name: "clus2", file: "apiclus2.csv", spec: .init(clusters: ["dnum", "snum"], fpc: ["fpc1", "fpc2"]),
                   variable: "acs.k3", numerator: "api00", denominator: "enroll", categorical: "stype", by: "awards",
                   domainName: "stype==E", rows: "comp.imp", cols: "awards"),
        SurveyCase(name: "clus2_wr", file: "apiclus2.csv", spec: .init(weight: "pw", clusters: ["dnum", "snum"]),
                   variable: "acs.k3", numerator: "api00", denominator: "enroll", categorical: "stype", by: "awards",
                   domainName: "stype==E", rows: "comp.imp", cols: "awards"),
        SurveyCase(name: "gen_rows", file: "gen.csv", spec: .init(weight: "weight", strata: "province"),
                   variable: "income", numerator: "wage_owed", denominator: "income", categorical: "industry", by: "industry",
                   domainName: "sex==女", rows: "industry", cols: "province"),
        SurveyCase(name: "gen_sizes", file: "gen.csv", spec: .init(strata: "province", clusters: ["county", "village"], fpc: ["N1", "N2"]),
                   variable: "income", numerator: "wage_owed", denominator: "income", categorical: "industry", by: "industry",
                   domainName: "sex==女", rows: "industry", cols: "province"),
    ]
    for policy in [SurveyDesignSpec.LonelyPSU.remove, .adjust, .average, .certainty] {
        cases.append(SurveyCase(name: "gen1_\(policy.rawValue)", file: "gen.csv",
                                spec: .init(weight: "weight", strata: "province", clusters: ["county"], lonelyPSU: policy),
                                variable: "income", numerator: "wage_owed", denominator: "income", categorical: "industry", by: "industry",
                                domainName: "sex==女", rows: "industry", cols: "province"))
        cases.append(SurveyCase(name: "gen2_\(policy.rawValue)", file: "gen.csv",
                                spec: .init(weight: "weight", strata: "province", clusters: ["county", "village"], fpc: ["f1", "f2"], lonelyPSU: policy),
                                variable: "income", numerator: "wage_owed", denominator: "income", categorical: "industry", by: "industry",
                                domainName: "sex==女", rows: "industry", cols: "province"))
    }
    return cases
}()

/// Compares LaborStat with R and records the largest relative difference per estimator.
final class ReferenceComparison: @unchecked Sendable {
    let reference: [String: Double]
    let design: String
    var compared = 0
    var worst: [String: Double] = [:]
    var failures: [String] = []
    static let tolerance = 1e-10

    init(design: String) throws {
        reference = try SurveyReference.values()
        self.design = design
    }

    func check(_ estimator: String, _ variable: String, _ domain: String, _ group: String, _ level: String, _ stat: String, _ value: Double?) {
        let key = [design, estimator, variable, domain, group, level, stat].joined(separator: "|")
        guard let r = reference[key] else { failures.append("no R value for \(key)"); return }
        compared += 1
        let v = value ?? .nan
        if r.isNaN || v.isNaN {
            if !(r.isNaN && v.isNaN) { failures.append("\(key): LaborStat \(v), R \(r)") }
            return
        }
        let rel = r == v ? 0 : abs(v - r) / max(abs(r), 1e-300)
        let absolute = abs(v - r)
        // Values that are zero in exact arithmetic (a share's SE when it is 0 or 1) compare absolutely.
        let diff = abs(r) < 1e-12 ? absolute : rel
        worst[estimator] = max(worst[estimator] ?? 0, diff)
        if diff > ReferenceComparison.tolerance { failures.append("\(key): LaborStat \(v), R \(r), rel. diff \(diff)") }
    }

    func checkEstimate(_ estimator: String, _ variable: String, _ domain: String, _ group: String, _ e: Estimate, t: Estimate?, deff: Bool = true) {
        check(estimator, variable, domain, group, "", "value", e.value)
        check(estimator, variable, domain, group, "", "se", e.standardError)
        check(estimator, variable, domain, group, "", "ci_low", e.ciLow)
        check(estimator, variable, domain, group, "", "ci_high", e.ciHigh)
        if let t {
            check(estimator, variable, domain, group, "", "ci_low_t", t.ciLow)
            check(estimator, variable, domain, group, "", "ci_high_t", t.ciHigh)
        }
        if deff { check(estimator, variable, domain, group, "", "deff", e.designEffect) }
    }
}

@Suite("Survey design vs R survey 4.5")
struct SurveyDesignTests {
    @Test("estimates, SEs, CIs and design effects match R", arguments: surveyCases)
    func matchesR(_ c: SurveyCase) throws {
        let table = try SurveyReference.table(c.file)
        let design = try SurveyDesign(table: table, spec: c.spec)
        var tSpec = c.spec
        tSpec.df = .design
        let tDesign = try SurveyDesign(table: table, spec: tSpec)
        let cmp = try ReferenceComparison(design: c.name)

        cmp.check("design", "", "all", "", "", "sum_weights", design.sumOfWeights)
        cmp.check("design", "", "all", "", "", "degf", Double(design.degreesOfFreedom))
        for (domainName, mask) in [("all", nil as [Bool]?), (c.domainName, try c.domain(table))] {
            cmp.checkEstimate("mean", c.variable, domainName, "", try design.mean(c.variable, domain: mask, groups: nil)[0],
                              t: try tDesign.mean(c.variable, domain: mask, groups: nil)[0])
            cmp.checkEstimate("total", c.variable, domainName, "", try design.total(c.variable, domain: mask, groups: nil)[0],
                              t: try tDesign.total(c.variable, domain: mask, groups: nil)[0])
            let v = try design.variance(c.variable, domain: mask, groups: nil)[0]
            cmp.check("var", c.variable, domainName, "", "", "value", v.value)
            cmp.check("var", c.variable, domainName, "", "", "se", v.standardError)
            let ratioName = "\(c.numerator)/\(c.denominator)"
            cmp.checkEstimate("ratio", ratioName, domainName, "",
                              try design.ratio(numerator: c.numerator, denominator: c.denominator, domain: mask, groups: nil)[0],
                              t: try tDesign.ratio(numerator: c.numerator, denominator: c.denominator, domain: mask, groups: nil)[0])
            for (level, e) in try design.proportions(c.categorical, domain: mask, groups: nil)[0] {
                cmp.check("proportion", c.categorical, domainName, "", level, "value", e.value)
                cmp.check("proportion", c.categorical, domainName, "", level, "se", e.standardError)
                cmp.check("proportion", c.categorical, domainName, "", level, "deff", e.designEffect)
            }
            let ps = [0.1, 0.25, 0.5, 0.9]
            for rule in [QuantileRule.math, .school, .hf7] {
                for (dfName, d) in [("normal", design), ("design", tDesign)] {
                    let qs = try d.quantiles(c.variable, probabilities: ps, rule: rule, domain: mask, groups: nil)[0]
                    for (p, q) in zip(ps, qs) {
                        let level = "\(rule.rawValue):\(dfName):\(p)"
                        cmp.check("quantile", c.variable, domainName, "", level, "value", q.value)
                        cmp.check("quantile", c.variable, domainName, "", level, "ci_low", q.ciLow)
                        cmp.check("quantile", c.variable, domainName, "", level, "ci_high", q.ciHigh)
                        cmp.check("quantile", c.variable, domainName, "", level, "se", q.standardError)
                    }
                }
            }
            let rs = try design.raoScottTest(rows: c.rows, cols: c.cols, domain: mask)
            let v2 = "\(c.rows)+\(c.cols)"
            cmp.check("raoscott", v2, domainName, "", "", "statistic", rs.statistic)
            cmp.check("raoscott", v2, domainName, "", "", "ndf", rs.numeratorDF)
            cmp.check("raoscott", v2, domainName, "", "", "ddf", rs.denominatorDF)
            cmp.check("raoscott", v2, domainName, "", "", "p", rs.pValue)
            cmp.check("raoscott", v2, domainName, "", "", "pearson", rs.pearson)
            cmp.check("raoscott", v2, domainName, "", "", "p_chisq", rs.chiSquarePValue)
        }
        // By groups (svyby): every group with a key; R leaves out a missing key.
        let groups = try Grouping(table, by: [KeySpec(c.by)])
        let means = try design.mean(c.variable, domain: nil, groups: groups)
        let totals = try design.total(c.variable, domain: nil, groups: groups)
        let medians = try design.quantiles(c.variable, probabilities: [0.5], domain: nil, groups: groups)
        for g in 0..<groups.groupCount {
            guard let label = groups.keys[0].string(at: g) else { continue }
            for (name, e) in [("mean", means[g]), ("total", totals[g])] {
                cmp.check(name, c.variable, "all", label, "", "value", e.value)
                cmp.check(name, c.variable, "all", label, "", "se", e.standardError)
                cmp.check(name, c.variable, "all", label, "", "deff", e.designEffect)
            }
            cmp.check("quantile", c.variable, "all", label, "math:normal:0.5", "value", medians[g][0].value)
            cmp.check("quantile", c.variable, "all", label, "math:normal:0.5", "ci_low", medians[g][0].ciLow)
            cmp.check("quantile", c.variable, "all", label, "math:normal:0.5", "ci_high", medians[g][0].ciHigh)
        }
        #expect(cmp.failures.isEmpty, "\(cmp.failures.count) of \(cmp.compared) differ:\n\(cmp.failures.prefix(40).joined(separator: "\n"))")
        #expect(cmp.compared > 150)
        let summary = cmp.worst.keys.sorted().map { "\($0) \(String(format: "%.1e", cmp.worst[$0]!))" }.joined(separator: ", ")
        print("survey-reference \(c.name): \(cmp.compared) values; largest relative difference: \(summary)")
    }

    @Test("every svyquantile rule (math, school, shahvaish, hf1…hf9) matches R, with Woodruff intervals")
    func allQuantileRules() throws {
        for (name, file, spec, variable) in [
            ("strat", "apistrat.csv", SurveyDesignSpec(weight: "pw", strata: "stype", fpc: ["fpc"]), "api00"),
            ("gen2_adjust", "gen.csv", SurveyDesignSpec(weight: "weight", strata: "province", clusters: ["county", "village"], fpc: ["f1", "f2"], lonelyPSU: .adjust), "income"),
        ] {
            let design = try SurveyDesign(table: try SurveyReference.table(file), spec: spec)
            let cmp = try ReferenceComparison(design: name)
            let ps = [0.1, 0.25, 0.5, 0.9]
            for rule in QuantileRule.allCases {
                let qs = try design.quantiles(variable, probabilities: ps, rule: rule, domain: nil, groups: nil)[0]
                for (p, q) in zip(ps, qs) {
                    let level = "\(rule.rawValue):normal:\(p)"
                    cmp.check("quantile_rule", variable, "all", "", level, "value", q.value)
                    cmp.check("quantile_rule", variable, "all", "", level, "ci_low", q.ciLow)
                    cmp.check("quantile_rule", variable, "all", "", level, "ci_high", q.ciHigh)
                    cmp.check("quantile_rule", variable, "all", "", level, "se", q.standardError)
                }
            }
            #expect(cmp.failures.isEmpty, "\(cmp.failures.count) of \(cmp.compared) differ:\n\(cmp.failures.prefix(40).joined(separator: "\n"))")
            #expect(cmp.compared == 192)
            print("survey-reference \(name) quantile rules: \(cmp.compared) values; largest relative difference \(String(format: "%.1e", cmp.worst["quantile_rule"] ?? 0))")
        }
    }

    @Test("lonely PSUs as survey's tests/lonely.psu.R: adjust centres at the grand mean (survey ≥ 4.4)",
          arguments: [SurveyDesignSpec.LonelyPSU.remove, .adjust, .average, .certainty])
    func lonelyFirstStage(_ policy: SurveyDesignSpec.LonelyPSU) throws {
        let table = try SurveyReference.table("apiclus1_lonely.csv")
        var reference: [String: Double] = [:]
        for r in try SurveyReference.csvRows(SurveyReference.folder.appendingPathComponent("lonely_psu.csv")).dropFirst() {
            #expect(r[5].text == "4.5")
            reference[r[0..<4].map(\.text).joined(separator: "|")] = Double(r[4].text)!
        }
        // dropped31: the file without district 413 and then without its 31st row (a new lone stratum).
        let dnum = try table.column(named: "dnum").doubles()
        let kept = dnum.indices.filter { dnum[$0] != 413 }
        let dropped = kept.indices.filter { $0 != 30 }.map { Int32(kept[$0]) }
        let droppedTable = try Table(columns: table.columns.map { $0.gathering(dropped) })
        var compared = 0
        for (name, t, fpc) in [("nofpc", table, [String]()), ("fpc", table, ["fpc_lonely"]), ("dropped31", droppedTable, [])] {
            let design = try SurveyDesign(table: t, spec: SurveyDesignSpec(weight: "pw", strata: "dnum", fpc: fpc, lonelyPSU: policy))
            for (estimator, e) in [("mean", try design.mean("api00", domain: nil, groups: nil)[0]),
                                   ("total", try design.total("api00", domain: nil, groups: nil)[0])] {
                for (stat, v) in [("value", e.value), ("se", e.standardError ?? .nan)] {
                    let key = "\(name)|\(policy.rawValue)|\(estimator)|\(stat)"
                    let r = try #require(reference[key], "no R value for \(key)")
                    #expect(abs(v - r) <= 1e-10 * abs(r), "\(key): LaborStat \(v), R survey 4.5 \(r)")
                    compared += 1
                }
            }
        }
        #expect(compared == 12)
    }

    @Test("lonely second-stage units under each policy match R (average gives NaN, as R)",
          arguments: [SurveyDesignSpec.LonelyPSU.remove, .adjust, .average, .certainty])
    func lonelySecondStage(_ policy: SurveyDesignSpec.LonelyPSU) throws {
        let table = try SurveyReference.table("apiclus2.csv")
        var spec = SurveyDesignSpec(clusters: ["dnum", "snum"], fpc: ["fpc1", "fpc2b"], lonelyPSU: policy)
        let design = try SurveyDesign(table: table, spec: spec)
        spec.df = .design
        let tDesign = try SurveyDesign(table: table, spec: spec)
        let cmp = try ReferenceComparison(design: "clus2_lonely2_\(policy.rawValue)")
        let stype = try table.column(named: "stype")
        for (domainName, mask) in [("all", nil as [Bool]?), ("stype==E", (0..<table.rowCount).map { stype.string(at: $0) == "E" })] {
            cmp.checkEstimate("mean", "api00", domainName, "", try design.mean("api00", domain: mask, groups: nil)[0],
                              t: try tDesign.mean("api00", domain: mask, groups: nil)[0])
            cmp.checkEstimate("total", "api00", domainName, "", try design.total("api00", domain: mask, groups: nil)[0],
                              t: try tDesign.total("api00", domain: mask, groups: nil)[0])
        }
        #expect(cmp.failures.isEmpty, "\(cmp.failures.joined(separator: "\n"))")
        #expect(cmp.compared == 28)
        // Under fail, the same design is refused, naming a cluster.
        spec.lonelyPSU = .fail
        #expect(throws: SurveyError.self) { try SurveyDesign(table: table, spec: spec) }
    }
}
