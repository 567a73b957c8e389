import Foundation
import Testing
import _LaborStatTestSupport

/// describe, aggregate, tabulate, pivot and histogram through the built `laborstat` binary, on small
/// files made by gen.py, against the exact reference answers of reference.py and R survey
/// (Tests/LaborStatStatsTests/References/descriptive/cli/make_cli_fixtures.sh).
@Suite("describe/aggregate/tabulate CLI")
struct AggregateDescribeCLITests {
    static let dir = repositoryRoot().appendingPathComponent("Tests/LaborStatStatsTests/References/descriptive/cli")
    static func path(_ f: String) -> String { dir.appendingPathComponent(f).path }

    /// Rows of a CSV without quoted commas (R's quotes stripped).
    static func csv(_ text: String) -> [[String]] {
        text.split(whereSeparator: \.isNewline).map { $0.split(separator: ",", omittingEmptySubsequences: false).map { $0.replacingOccurrences(of: "\"", with: "") } }
    }

    /// check.py's rule: same header and text cells, numbers within 0.01.
    static func agree(_ got: [[String]], _ ref: [[String]]) -> Bool {
        guard got.first == ref.first, got.count == ref.count else { return false }
        for (g, r) in zip(got, ref) {
            guard g.count == r.count else { return false }
            for (a, b) in zip(g, r) where a != b {
                guard let x = Double(a), let y = Double(b), abs(x - y) <= 0.01 + 1e-9 else { return false }
            }
        }
        return true
    }

    static func run(_ args: [String]) throws -> RunResult { try runLaborstat(args) }

    @Test("P1 (aggregate) agrees with reference.py, sums printed with 2 decimals")
    func p1() throws {
        let r = try Self.run(["aggregate", Self.path("arrears_120.csv"), "--by", "province,opened:year", "--count",
                              "--sum", "workers,migrant_workers,amount_owed,amount_recovered", "--plain-names", "--rename", "count=cases"])
        #expect(r.status == 0, "\(r.stderr)")
        let ref = Self.csv(try String(contentsOfFile: Self.path("p1_reference.csv"), encoding: .utf8))
        let got = Self.csv(r.stdout)
        #expect(Self.agree(got, ref))
        // Exact cent sums print exactly as the reference (2 decimals, no float noise).
        #expect(got == ref)
    }

    @Test("P2 (weighted describe, qrule math) agrees with reference.py")
    func p2() throws {
        let r = try Self.run(["describe", Self.path("survey_150.csv"), "--columns", "monthly_income", "--by", "region,year", "--weight", "weight",
                              "--stats", "n,sum_weight,mean,p10,p50,p90", "--drop", "column", "--rename", "sum_weight=weight_sum,mean=mean_income"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(Self.agree(Self.csv(r.stdout), Self.csv(try String(contentsOfFile: Self.path("p2_reference.csv"), encoding: .utf8))))
    }

    @Test("design-based describe matches R svyby(svymean/svytotal, deff) and svyquantile(qrule='math')")
    func designDescribe() throws {
        let r = try Self.run(["describe", Self.path("survey_150.csv"), "--columns", "monthly_income", "--by", "region",
                              "--weight", "weight", "--strata", "stratum", "--cluster", "psu", "--lonely-psu", "adjust",
                              "--stats", "mean,mean_se,deff,total,total_se,p25,p50"])
        #expect(r.status == 0, "\(r.stderr)")
        let got = Self.csv(r.stdout), ref = Self.csv(try String(contentsOfFile: Self.path("design_describe_r.csv"), encoding: .utf8))
        #expect(got.first == ["region", "column", "mean", "mean_se", "deff", "total", "total_se", "p25", "p50"])
        #expect(got.count == ref.count)
        for (g, e) in zip(got.dropFirst(), ref.dropFirst()) {
            #expect(g[0] == e[0])
            for (a, b) in zip(g.dropFirst(2), e.dropFirst()) { #expect(isClose(Double(a)!, Double(b)!, rel: 1e-9), "\(g[0]): \(a) vs R \(b)") }
        }
    }

    @Test("design-based one-way shares and the Rao-Scott test match R survey")
    func designTabulate() throws {
        let design = ["--weight", "weight", "--strata", "stratum", "--cluster", "psu", "--lonely-psu", "adjust"]
        let r = try Self.run(["tabulate", Self.path("survey_150.csv"), "--rows", "sex"] + design)
        #expect(r.status == 0, "\(r.stderr)")
        let got = Self.csv(r.stdout), ref = Self.csv(try String(contentsOfFile: Self.path("design_tabulate_r.csv"), encoding: .utf8))
        #expect(got.first == ["sex", "n", "share", "share_se", "share_ci_low", "share_ci_high"])
        for (g, e) in zip(got.dropFirst(), ref.dropFirst()) {
            #expect(g[0] == e[0])
            #expect(isClose(Double(g[2])!, Double(e[1])!, rel: 1e-9) && isClose(Double(g[3])!, Double(e[2])!, rel: 1e-9))
        }
        let t = try Self.run(["tabulate", Self.path("survey_150.csv"), "--rows", "sex", "--cols", "has_contract", "--test"] + design)
        let tr = Self.csv(t.stdout), rs = Self.csv(try String(contentsOfFile: Self.path("design_raoscott_r.csv"), encoding: .utf8))
        #expect(tr.first == ["statistic", "df", "p_value", "method"])
        #expect(isClose(Double(tr[1][0])!, Double(rs[1][0])!, rel: 1e-7) && isClose(Double(tr[1][2])!, Double(rs[1][2])!, rel: 1e-7))
    }

    @Test("aggregate under a design adds _se columns; histogram, pivot, one-way tabulate print the contract's columns")
    func contractColumns() throws {
        let a = try Self.run(["aggregate", Self.path("survey_150.csv"), "--by", "region", "--count", "--sum", "monthly_income",
                              "--mean", "age", "--weight", "weight"])
        #expect(Self.csv(a.stdout).first == ["region", "count", "sum_monthly_income", "sum_monthly_income_se", "mean_age", "mean_age_se"])
        let h = try Self.run(["histogram", Self.path("arrears_120.csv"), "--column", "amount_owed", "--log", "--bins", "fd"])
        #expect(Self.csv(h.stdout).first == ["bin_low", "bin_high", "count", "share", "density"])
        let counts = Self.csv(h.stdout).dropFirst().map { Int($0[2])! }
        #expect(counts.reduce(0, +) == 120)
        let p = try Self.run(["pivot", Self.path("arrears_120.csv"), "--rows", "industry", "--cols", "status", "--agg", "count", "--total"])
        let pt = Self.csv(p.stdout)
        #expect(pt.first?.first == "industry" && pt.first?.last == "total" && pt.last?.first == "total" && pt.last?.last == "120")
        let tot = Self.csv(try Self.run(["aggregate", Self.path("arrears_120.csv"), "--by", "province", "--count", "--sum", "amount_owed", "--total"]).stdout)
        #expect(tot.last?.first == "total" && tot.last?[1] == "120")
        let cents = tot.dropFirst().dropLast().map { Int64(($0[2].replacingOccurrences(of: ".", with: "")))! }.reduce(0, +)
        #expect(Int64(tot.last![2].replacingOccurrences(of: ".", with: "")) == cents, "the total row is the exact sum of the groups")
        let t = try Self.run(["tabulate", Self.path("arrears_120.csv"), "--rows", "status"])
        #expect(Self.csv(t.stdout).first == ["status", "n", "share", "share_se", "share_ci_low", "share_ci_high"])
    }

    @Test("usage errors exit 64 with a message; help names the quantile rule")
    func errors() throws {
        let bad = try Self.run(["describe", Self.path("survey_150.csv"), "--columns", "monthly_income", "--stats", "mean,p200"])
        #expect(bad.status == 64 && bad.stderr.contains("p200"))
        let se = try Self.run(["describe", Self.path("survey_150.csv"), "--columns", "monthly_income", "--stats", "mean_se"])
        #expect(se.status == 64 && se.stderr.contains("survey design"))
        let nocol = try Self.run(["aggregate", Self.path("arrears_120.csv"), "--by", "provinc", "--count"])
        #expect(nocol.status == 64 && nocol.stderr.contains("province"))
        let help = try Self.run(["describe", "--help"])
        #expect(help.stdout.contains("math") && help.stdout.contains("Hyndman-Fan"))
        let json = try Self.run(["describe", Self.path("survey_150.csv"), "--columns", "monthly_income", "--weight", "weight",
                                 "--stats", "p50", "--format", "json"])
        #expect(json.stdout.contains("qrule") && json.stdout.contains("math"))
    }
}
