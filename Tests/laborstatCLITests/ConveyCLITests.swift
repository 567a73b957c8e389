import Foundation
import Testing
import _LaborStatTestSupport

/// `describe --stats gini,gini_se,lowpay_*` under a design against R convey 1.0.1's svygini, svyarpt, svyarpr (survey 4.5):
/// Tests/LaborStatStatsTests/References/convey/make_convey_reference.R, to 1e-8.
@Suite("describe gini and low pay under a design vs R convey 1.0.1")
struct ConveyCLITests {
    static let root = repositoryRoot()
    static let sample = root.appendingPathComponent("Datasets/survey_sample.csv").path
    static let survey = root.appendingPathComponent("Tests/LaborStatStatsTests/References/survey")

    static let cases: [String: [String]] = [
        "sample": [sample, "--columns", "monthly_income", "--weight", "weight", "--strata", "stratum", "--cluster", "psu", "--fpc", "psu_population"],
        "sample_srs": [sample, "--columns", "monthly_income", "--weight", "weight"],
        "strat": [survey.appendingPathComponent("apistrat.csv").path, "--columns", "api00", "--weight", "pw", "--strata", "stype", "--fpc", "fpc"],
        "clus2": [survey.appendingPathComponent("apiclus2.csv").path, "--columns", "api00", "--cluster", "dnum,snum", "--fpc", "fpc1,fpc2"],
    ]

    static func csv(_ text: String) -> [[String]] {
        text.split(whereSeparator: \.isNewline).map { $0.split(separator: ",", omittingEmptySubsequences: false).map { $0.replacingOccurrences(of: "\"", with: "") } }
    }

    @Test("gini and gini_se match svygini overall and in a domain; gini is the same with or without gini_se",
          arguments: ["sample", "sample_srs", "strat", "clus2"])
    func svygini(_ name: String) throws {
        var ref: [String: Double] = [:]
        for r in Self.csv(try String(contentsOfFile: Self.root.appendingPathComponent("Tests/LaborStatStatsTests/References/convey/convey_reference.csv").path, encoding: .utf8)).dropFirst() {
            #expect(r[3] == "4.5" && r[4] == "1.0.1")
            ref["\(r[0])|\(r[1])"] = Double(r[2])!
        }
        for domain in [false, true] {
            let key = domain ? name + "_domain" : name
            let filter = domain ? ["--where", name.hasPrefix("sample") ? "year == 2024" : "meals > 40"] : []
            let both = try runLaborstat(["describe"] + Self.cases[name]! + filter + ["--stats", "gini,gini_se", "--digits", "17"])
            #expect(both.status == 0, "\(both.stderr)")
            let row = Self.csv(both.stdout)[1]
            for (i, stat) in ["gini", "gini_se"].enumerated() {
                let got = Double(row[i + 1])!, r = ref["\(key)|\(stat)"]!
                #expect(abs(got - r) <= 1e-8 * abs(r), "\(key) \(stat): \(got) vs convey \(r)")
            }
            let alone = try runLaborstat(["describe"] + Self.cases[name]! + filter + ["--stats", "gini", "--digits", "17"])
            #expect(Self.csv(alone.stdout)[1][1] == row[1], "gini depends on whether gini_se was asked")
            // Low pay: 2/3 of the median (svyarpt, svyarpr); in a domain the rate's line is the whole sample's.
            let stats = ["lowpay_threshold", "lowpay_threshold_se", "lowpay_rate", "lowpay_rate_se"]
            let lp = try runLaborstat(["describe"] + Self.cases[name]! + filter
                                      + ["--stats", stats.joined(separator: ","), "--low-pay", "2/3", "--low-pay-basis", "median", "--digits", "17"])
            #expect(lp.status == 0, "\(lp.stderr)")
            let cells = Self.csv(lp.stdout)[1]
            for (i, stat) in stats.enumerated() {
                let got = Double(cells[i + 1])!, r = ref["\(key)|\(stat)"]!
                #expect(abs(got - r) <= 1e-8 * max(abs(r), 1e-12), "\(key) \(stat): \(got) vs convey \(r)")
            }
            // Pay gap (svygpg): 男 the reference of sex; Yes of sch.wide in the api data (read as a boolean: true).
            let gap = try runLaborstat(["describe"] + Self.cases[name]! + filter
                                       + ["--stats", "n", "--pay-gap", name.hasPrefix("sample") ? "sex=男" : "sch.wide=true", "--digits", "17"])
            #expect(gap.status == 0, "\(gap.stderr)")
            let g = Self.csv(gap.stdout)
            #expect(g[0] == ["column", "n", "pay_gap", "pay_gap_se"])
            for (i, stat) in ["pay_gap", "pay_gap_se"].enumerated() {
                let got = Double(g[1][i + 2])!, r = ref["\(key)|\(stat)"]!
                #expect(abs(got - r) <= 1e-8 * abs(r), "\(key) \(stat): \(got) vs convey \(r)")
            }
        }
    }
}
