import Foundation
import Testing
import _LaborStatTestSupport

/// Statistics under a survey design through the built `laborstat` binary, against R survey 4.5 fixtures
/// in Tests/LaborStatStatsTests/References/survey (each made by the R script beside it).
@Suite("survey statistics CLI vs R survey 4.5")
struct SurveyStatisticsCLITests {
    static let dir = repositoryRoot().appendingPathComponent("Tests/LaborStatStatsTests/References/survey")
    static func path(_ f: String) -> String { dir.appendingPathComponent(f).path }

    /// (header, rows) of a CSV without quoted commas.
    static func csv(_ text: String) -> [[String]] {
        text.split(whereSeparator: \.isNewline).map { $0.split(separator: ",", omittingEmptySubsequences: false).map { $0.replacingOccurrences(of: "\"", with: "") } }
    }

    /// The fixture's statistic → value (NaN for R's NaN/NA).
    static func reference(_ file: String) throws -> [String: Double] {
        var out: [String: Double] = [:]
        for r in csv(try String(contentsOfFile: path(file), encoding: .utf8)).dropFirst() {
            #expect(r.last == "4.5", "fixture \(file) not made with survey 4.5")
            out[r[0]] = Double(r[1]) ?? .nan
        }
        return out
    }

    /// One describe output row as statistic → cell.
    static func describe(_ args: [String]) throws -> [String: String] {
        let r = try runLaborstat(["describe", path("apiclus2.csv"), "--columns", "api00", "--digits", "17"] + args)
        #expect(r.status == 0, "\(r.stderr)")
        let rows = csv(r.stdout)
        guard rows.count == 2 else { Issue.record("unexpected output \(r.stdout)"); return [:] }
        return Dictionary(uniqueKeysWithValues: zip(rows[0], rows[1]))
    }

    @Test("weights implied by --fpc alone are used by every statistic (var, sd, cv, moments, sum_weight, pX and their SEs)")
    func fpcImpliedWeights() throws {
        let ref = try Self.reference("fpc_weights.csv")
        let stats = ["sum_weight", "mean", "var", "sd", "cv", "skewness", "kurtosis"]
            + ["p0.1", "p10", "p25", "p50", "p90"].flatMap { [$0, $0 + "_se", $0 + "_ci_low", $0 + "_ci_high"] }
        let got = try Self.describe(["--cluster", "dnum,snum", "--fpc", "fpc1,fpc2", "--stats", stats.joined(separator: ",")])
        for s in stats {
            let r = try #require(ref[s], "no R value for \(s)")
            let cell = got[s] ?? "?"
            if r.isNaN { #expect(cell.isEmpty, "\(s): LaborStat \(cell), R NaN (undefined: empty)"); continue }
            let v = try #require(Double(cell), "\(s): \(cell)")
            #expect(abs(v - r) <= 1e-9 * abs(r), "\(s): LaborStat \(v), R survey 4.5 \(r)")
        }
    }

    @Test("a quantile below the first weight share is the minimum, identical with and without _se (one routine)",
          arguments: [["--weight", "pw"], ["--cluster", "dnum,snum", "--fpc", "fpc1,fpc2"], ["--weight", "pw", "--cluster", "dnum"]])
    func quantileIndependentOfSE(_ design: [String]) throws {
        let alone = try Self.describe(design + ["--stats", "p0.1,p50"])
        let withSE = try Self.describe(design + ["--stats", "p0.1,p0.1_se,p50,p50_se,p50_ci_low"])
        #expect(alone["p0.1"] == withSE["p0.1"] && alone["p50"] == withSE["p50"], "\(alone) vs \(withSE)")
        #expect(alone["p0.1"] == "453")   // min(api00): survey >= 4.3's qrule "math"
    }
}
