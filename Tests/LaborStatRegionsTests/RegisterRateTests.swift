import Foundation
import Testing
import _LaborStatTestSupport

/// `compare --agg "rate A/B"` on the shipped case register with the case as the unit, end to end,
/// against R survey 4.5's `svyby(~A, ~region, svydesign(ids = ~1 | ~城市), svyratio)`
/// (`References/register/register_rate_reference.R`); `--unit person` keeps the binomial SE.
@Suite("compare: register rates with the case as the unit vs R svyratio (survey 4.5)")
struct RegisterRateTests {
    static let register = repositoryRoot().appendingPathComponent("Datasets/arrears_register.csv").path

    /// R's rows of one scenario, keyed by region.
    static func reference(_ scenario: String) throws -> [String: [String: String]] {
        let (h, rows) = try CompareReferenceTests.csv("register/register_rate_svyratio.csv")
        var out: [String: [String: String]] = [:]
        for r in rows where r[0] == scenario {
            let d = Dictionary(uniqueKeysWithValues: zip(h, r))
            #expect(d["survey"] == "4.5")
            out[d["region"]!] = d
        }
        return out
    }

    /// compare's CSV output as rows keyed by region (no quoted fields in these outputs).
    static func output(_ args: [String]) throws -> (header: [String], rows: [String: [String: String]], stderr: String, status: Int32) {
        let r = try runLaborstat(["compare", register] + args)
        let lines = r.stdout.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        guard let h = lines.first else { return ([], [:], r.stderr, r.status) }
        var rows: [String: [String: String]] = [:]
        for l in lines.dropFirst() { rows[l[0]] = Dictionary(uniqueKeysWithValues: zip(h, l)) }
        return (h, rows, r.stderr, r.status)
    }

    @Test("case as the unit (default), a higher unit by --cluster, and a rate of amounts", arguments: [
        ("migrants_per_person_province", ["--level", "province", "--agg", "rate 其中农民工/涉及人数"]),
        ("migrants_per_person_province_city", ["--level", "province", "--agg", "rate 其中农民工/涉及人数", "--cluster", "城市"]),
        ("recovered_per_owed_region4", ["--level", "region4", "--agg", "rate 追回金额（元）/欠薪金额（元）", "--unit", "case"]),
    ])
    func againstSvyratio(_ scenario: String, _ args: [String]) throws {
        let want = try Self.reference(scenario)
        let got = try Self.output(["--region", "省份"] + args)
        #expect(got.status == 0, "\(got.stderr)")
        #expect(Set(got.rows.keys) == Set(want.keys))
        for (region, w) in want {
            let g = try #require(got.rows[region], "\(scenario) \(region)")
            for c in ["value", "value_se", "ci_low", "ci_high"] {
                let x = try #require(Double(g[c] ?? ""), "\(scenario) \(region) \(c) empty")
                let y = Double(w[c]!)!
                #expect(isClose(x, y, rel: 1e-9), "\(scenario) \(region) \(c): \(x) vs R \(y)")
            }
        }
    }

    @Test("--unit person keeps the binomial SE, which is smaller than the case-based one on the register")
    func personUnit() throws {
        let want = try Self.reference("migrants_per_person_province")
        let person = try Self.output(["--region", "省份", "--agg", "rate 其中农民工/涉及人数", "--unit", "person"])
        let cases = try Self.output(["--region", "省份", "--agg", "rate 其中农民工/涉及人数"])
        #expect(person.status == 0 && cases.status == 0)
        var ratios: [Double] = []
        for (region, w) in want {
            let p = try #require(Double(person.rows[region]?["value_se"] ?? ""))
            let c = try #require(Double(cases.rows[region]?["value_se"] ?? ""))
            #expect(isClose(p, Double(w["binomial_se"]!)!, rel: 1e-9), "\(region) binomial SE")
            ratios.append(c / p)
        }
        let mean = ratios.reduce(0, +) / Double(ratios.count)
        #expect(mean > 1.2, "case-based SEs should exceed the binomial ones (mean ratio \(mean))")
        print("register: case-based SE / binomial SE, mean over provinces \(mean)")
    }

    @Test("--test needs --unit person; --unit person under a design is a usage error")
    func usage() throws {
        let t = try runLaborstat(["compare", Self.register, "--region", "省份", "--agg", "rate 其中农民工/涉及人数", "--test"])
        #expect(t.status != 0 && t.stderr.contains("--unit person"), "\(t.status) \(t.stderr)")
        let u = try runLaborstat(["compare", Self.register, "--region", "省份", "--agg", "rate 其中农民工/涉及人数", "--unit", "person", "--cluster", "城市"])
        #expect(u.status == 64, "\(u.status) \(u.stderr)")
        let bad = try runLaborstat(["compare", Self.register, "--region", "省份", "--agg", "rate 其中农民工/涉及人数", "--unit", "people"])
        #expect(bad.status == 64)
    }
}
