import Foundation
import Testing
import _LaborStatTestSupport

/// `--labels zh`: every column name a command makes has a Chinese label from the one table in the
/// library (`ColumnLabels`); names from the data (and pivot's data values) stay as written.
@Suite("Chinese labels")
struct LabelsCLITests {
    let root = repositoryRoot()
    func data(_ name: String) -> String { root.appendingPathComponent("Datasets/\(name)").path }

    /// Runs of every table command, covering the optional column sets (designs, tests, series).
    var runs: [[String]] {
        let s = data("survey_sample.csv"), r = data("arrears_register.csv"), n = data("national_migrant_workers.csv")
        let design = ["--weight", "weight", "--strata", "stratum", "--cluster", "psu", "--fpc", "psu_population"]
        return [
            ["inspect", r],
            ["convert", n],
            ["describe", s, "--columns", "monthly_income", "--by", "year", "--stats", "n,missing,sum_weight,mean,total,sd,var,cv,min,max,p2.5,p10,p50,p90,gini,skewness,kurtosis"],
            ["describe", s, "--columns", "monthly_income", "--by", "region", "--stats", "n,mean,mean_se,mean_ci_low,mean_ci_high,total,total_se,deff,p50,p50_se,p50_ci_low,p50_ci_high"] + design,
            ["describe", s, "--columns", "monthly_income,age", "--correlations"],
            ["describe", s, "--columns", "monthly_income", "--lorenz", "--where", "year = 2024"],
            ["aggregate", r, "--by", "省份,立案日期:year", "--count", "--sum", "欠薪金额（元）", "--mean", "涉及人数", "--median", "涉及人数", "--min", "涉及人数", "--max", "涉及人数", "--ratio", "追回金额（元）/欠薪金额（元）"],
            ["trend", n, "--time", "年份", "--value", "农民工总量（万人）"],
            ["trend", s, "--time", "year", "--value", "monthly_income", "--by", "region", "--series"],
            ["compare", r, "--region", "省份", "--agg", "count"],
            ["compare", r, "--region", "省份", "--level", "region4", "--agg", "rate 追回金额（元）/欠薪金额（元）"],
            ["tabulate", s, "--rows", "region", "--cols", "sex"],
            ["tabulate", s, "--rows", "region"] + design,
            ["histogram", s, "--column", "monthly_income"],
            ["regress", s, "--y", "monthly_income", "--x", "age,hours_per_week", "--categorical", "sex"],
            ["pivot", s, "--rows", "region", "--cols", "year", "--value", "monthly_income", "--agg", "median", "--total"],
            ["regions"],
        ]
    }

    func header(_ csv: String) -> [String] {
        String(csv.split(separator: "\n").first ?? "").split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    }

    @Test("every column a command makes gets a Chinese name; the data's names stay")
    func completeness() throws {
        let inputs = Set(["survey_sample.csv", "arrears_register.csv", "national_migrant_workers.csv"].flatMap { name in
            header((try? String(contentsOfFile: data(name), encoding: .utf8)) ?? "").map { $0.replacingOccurrences(of: "\u{FEFF}", with: "") }
        })
        for args in runs {
            let en = try runLaborstat(args)
            #expect(en.status == 0, "\(args): \(en.stderr)")
            let zh = try runLaborstat(args + ["--labels", "zh"])
            #expect(zh.status == 0, "\(args): \(zh.stderr)")
            for (e, z) in zip(header(en.stdout), header(zh.stdout)) {
                // The data's names stay, except English ones LaborStat also makes (year, region).
                if Double(e) != nil || (inputs.contains(e) && !["year", "region"].contains(e)) { #expect(e == z); continue }
                #expect(z != e && z.unicodeScalars.contains { $0.value >= 0x4E00 && $0.value <= 0x9FFF }, "\(args[0]): \"\(e)\" has no Chinese label (got \"\(z)\")")
            }
        }
    }

    @Test("LABORSTAT_LABELS=zh does the same; --rename works on compare, tabulate and pivot")
    func environmentAndRename() throws {
        let r = data("arrears_register.csv")
        let p = Process()
        p.executableURL = laborstatExecutable()
        p.arguments = ["compare", r, "--region", "省份", "--level", "region4", "--agg", "count"]
        p.environment = ProcessInfo.processInfo.environment.merging(["LABORSTAT_LABELS": "zh"]) { $1 }
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(text.hasPrefix("地区,地区代码,数值,份额,排名,"))
        let s = data("survey_sample.csv")
        for args in [["compare", r, "--region", "省份", "--agg", "count", "--rename", "value=案件数"],
                     ["tabulate", s, "--rows", "region", "--rename", "n=人数"],
                     ["pivot", s, "--rows", "region", "--cols", "year", "--value", "monthly_income", "--agg", "median", "--rename", "region=地区"]] {
            let res = try runLaborstat(args)
            #expect(res.status == 0, "\(res.stderr)")
            #expect(header(res.stdout).contains(args.last!.split(separator: "=").last.map(String.init)!))
        }
        #expect(try runLaborstat(["tabulate", s, "--rows", "region", "--rename", "nn=x"]).status == 64)
        #expect(try runLaborstat(["tabulate", s, "--rows", "region", "--labels", "fr"]).status == 64)
    }
}
