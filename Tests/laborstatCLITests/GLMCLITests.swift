import Foundation
import Testing
import _LaborStatTestSupport

/// `regress --family` through the binary against R glm and survey 4.5's svyglm
/// (Tests/LaborStatStatsTests/References/glm/make_glm_reference.R), to 1e-8.
@Suite("regress --family vs R glm / svyglm (survey 4.5)")
struct GLMCLITests {
    static let root = repositoryRoot()
    static let sample = root.appendingPathComponent("Datasets/survey_sample.csv").path
    static let strat = root.appendingPathComponent("Tests/LaborStatStatsTests/References/survey/apistrat.csv").path
    static let clus2 = root.appendingPathComponent("Tests/LaborStatStatsTests/References/survey/apiclus2.csv").path
    static let sampleDesign = ["--weight", "weight", "--strata", "stratum", "--cluster", "psu", "--fpc", "psu_population"]

    /// model name → regress arguments (the models of make_glm_reference.R).
    static let models: [String: [String]] = {
        var m: [String: [String]] = [:]
        for y in ["has_contract", "arrears", "union_member", "trained"] {
            let base = [sample, "--y", y, "--x", "age,hours_per_week", "--categorical", "sex", "--family", "binomial"]
            m["glm_\(y)"] = base
            m["svy_\(y)"] = base + sampleDesign
        }
        m["svysrs_has_contract"] = [sample, "--y", "has_contract", "--x", "age,hours_per_week", "--categorical", "sex", "--family", "binomial", "--weight", "weight"]
        m["glm_strat_wide"] = [strat, "--y", "wide", "--x", "meals,enroll", "--family", "binomial"]
        m["svy_strat_wide"] = m["glm_strat_wide"]! + ["--weight", "pw", "--strata", "stype", "--fpc", "fpc"]
        m["svy_clus2_wide"] = [clus2, "--y", "wide", "--x", "meals,enroll", "--family", "binomial", "--cluster", "dnum,snum", "--fpc", "fpc1,fpc2"]
        m["glm_strat_enroll"] = [strat, "--y", "enroll", "--x", "meals,api99", "--family", "poisson"]
        m["svy_strat_enroll"] = m["glm_strat_enroll"]! + ["--weight", "pw", "--strata", "stype", "--fpc", "fpc"]
        m["svy_clus2_enroll"] = [clus2, "--y", "enroll", "--x", "meals,api99", "--family", "poisson", "--cluster", "dnum,snum", "--fpc", "fpc1,fpc2"]
        m["glm_strat_api00"] = [strat, "--y", "api00", "--x", "meals,api99", "--family", "gaussian"]
        return m
    }()

    static func csv(_ text: String) -> [[String]] {
        text.split(whereSeparator: \.isNewline).map { $0.split(separator: ",", omittingEmptySubsequences: false).map { $0.replacingOccurrences(of: "\"", with: "") } }
    }

    /// The api files have sch.wide as Yes/No: the 0/1 response is derived into a temporary copy.
    static func withWide(_ args: [String], _ body: ([String]) throws -> Void) throws {
        guard args[0] != sample, args.contains("wide") else { return try body(args) }
        let rows = csv(try String(contentsOfFile: args[0], encoding: .utf8))
        let j = rows[0].firstIndex(of: "sch.wide")!
        let text = ([rows[0] + ["wide"]] + rows.dropFirst().map { $0 + [$0[j] == "Yes" ? "1" : "0"] }).map { $0.joined(separator: ",") }.joined(separator: "\n") + "\n"
        let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("glm-\(UUID().uuidString).csv")
        try text.write(to: tmp, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: tmp) }
        try body([tmp.path] + args.dropFirst())
    }

    @Test("coefficients, SEs, statistics, p-values, intervals, deviance, AIC, iterations to 1e-8", arguments: models.keys.sorted())
    func againstR(_ name: String) throws {
        var ref: [String: Double] = [:]
        for r in Self.csv(try String(contentsOfFile: Self.root.appendingPathComponent("Tests/LaborStatStatsTests/References/glm/glm_reference.csv").path, encoding: .utf8)).dropFirst()
        where r[0] == name {
            #expect(r[4] == "4.5")
            ref["\(r[1])|\(r[2])"] = Double(r[3]) ?? .nan
        }
        #expect(!ref.isEmpty)
        try Self.withWide(Self.models[name]!) { args in
            let coef = try runLaborstat(["regress"] + args + ["--digits", "17"])
            #expect(coef.status == 0, "\(coef.stderr)")
            let rows = Self.csv(coef.stdout)
            let header = rows[0]
            var compared = 0
            for row in rows.dropFirst() {
                for (col, stat) in [("estimate", "estimate"), ("std_error", "std_error"), (header[3], "statistic"), ("p_value", "p_value"), ("ci_low", "ci_low"), ("ci_high", "ci_high")] {
                    let got = Double(row[header.firstIndex(of: col)!])!
                    let r = try #require(ref["\(row[0])|\(stat)"], "\(name): no R \(row[0]) \(stat)")
                    #expect(abs(got - r) <= 1e-8 * abs(r), "\(name) \(row[0]) \(stat): \(got) vs R \(r)")
                    compared += 1
                }
            }
            #expect(compared == ref.count - 5)
            let fit = try runLaborstat(["regress"] + args + ["--fit", "--digits", "17"])
            let f = Self.csv(fit.stdout)
            let cells = Dictionary(uniqueKeysWithValues: zip(f[0], f[1]))
            for stat in ["deviance", "null_deviance", "aic", "iterations", "df_residual"] {
                let r = ref["(fit)|\(stat)"]!
                if r.isNaN { #expect(cells[stat] == "", "\(name) \(stat): \(cells[stat]!) vs R NaN"); continue }
                let got = try #require(Double(cells[stat] ?? ""), "\(name) \(stat): \(cells[stat] ?? "?")")
                #expect(abs(got - r) <= 1e-8 * abs(r), "\(name) \(stat): \(got) vs R \(r)")
            }
        }
    }

    @Test("separation is exit 65 naming the term; --odds-ratios is exp of the estimate and limits")
    func separationAndOddsRatios() throws {
        let text = "y,x,z\n" + (0..<40).map { i in "\(i < 20 ? 0 : 1),\(i),\(i % 3)" }.joined(separator: "\n") + "\n"
        let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("sep-\(UUID().uuidString).csv")
        try text.write(to: tmp, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: tmp) }
        let r = try runLaborstat(["regress", tmp.path, "--y", "y", "--x", "x,z", "--family", "binomial"])
        #expect(r.status == 65, "\(r.stdout)\(r.stderr)")
        #expect(r.stderr.contains("separation") && r.stderr.contains("term x"), "\(r.stderr)")
        let o = try runLaborstat(["regress", Self.sample, "--y", "trained", "--x", "age", "--family", "binomial", "--odds-ratios", "--digits", "17"])
        let rows = Self.csv(o.stdout)
        let h = rows[0]
        for row in rows.dropFirst() {
            for (a, b) in [("estimate", "exp_estimate"), ("ci_low", "exp_ci_low"), ("ci_high", "exp_ci_high")] {
                #expect(isClose(exp(Double(row[h.firstIndex(of: a)!])!), Double(row[h.firstIndex(of: b)!])!, rel: 1e-14))
            }
        }
    }
}
