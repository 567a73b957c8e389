import Foundation
import Testing
import _LaborStatTestSupport

/// `--labels zh` (or `LABORSTAT_LABELS=zh`) on the charts the table commands draw with `--svg`
/// and on `chart`: Chinese default titles and axis titles, from the library's one translation
/// table; English output stays as it was. `compare`'s per-N rates name their unit on the axis.
@Suite("Chinese chart labels")
struct ChartLabelsCLITests {
    static let root = repositoryRoot()
    static let survey = root.appendingPathComponent("Datasets/survey_sample.csv").path
    static let register = root.appendingPathComponent("Datasets/arrears_register.csv").path

    /// The texts an SVG shows (title, axis titles, ticks, legend), in document order.
    func texts(_ args: [String], env: [String] = []) throws -> [String] {
        let dir = try temporaryFolder("chart-labels")
        defer { try? FileManager.default.removeItem(at: dir) }
        let svg = dir.appendingPathComponent("c.svg").path
        let chart = args.first == "chart"
        let full = args + (chart ? ["-o", svg] : ["--svg", svg, "-o", dir.appendingPathComponent("t.csv").path])
        let r = env.isEmpty ? try runLaborstat(full) : try runTool("env", env + [laborstatExecutable().path] + full)
        #expect(r.status == 0, "\(args.joined(separator: " ")): \(r.stderr)")
        let text = try String(contentsOfFile: svg, encoding: .utf8)
        let regex = try NSRegularExpression(pattern: "<text[^>]*>([^<]+)</text>")
        return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap {
            Range($0.range(at: 1), in: text).map { String(text[$0]) }
        }
    }

    /// The table commands' charts: (arguments, texts under zh, texts under en).
    static let cases: [([String], [String], [String])] = [
        (["describe", survey, "--columns", "monthly_income", "--by", "region"], ["monthly_income：均值", "均值"], ["monthly_income: mean", "mean"]),
        (["describe", survey, "--columns", "monthly_income,age"], ["均值", "列名"], ["mean"]),
        (["aggregate", register, "--by", "省份", "--sum", "欠薪金额（元）"], ["欠薪金额（元）合计"], ["sum_欠薪金额（元）"]),
        (["aggregate", register, "--by", "省份,立案日期:year", "--count", "--where", "省份 in ['广东省','浙江省']"], ["个数", "年份"], ["count"]),
        (["tabulate", survey, "--rows", "industry"], ["industry：份额", "份额"], ["industry: share", "share"]),
        (["tabulate", survey, "--rows", "sex", "--cols", "has_contract", "--share", "row"], ["sex × has_contract：份额（行内）", "份额"],
         ["sex × has_contract: share of the row", "share"]),
        (["pivot", survey, "--rows", "sex", "--cols", "year", "--value", "monthly_income", "--agg", "median"],
         ["按sex和年份分的monthly_income中位数", "monthly_income中位数"], ["median of monthly_income by sex and year", "value"]),
    ]

    /// English machine words a Chinese chart must not show.
    static let english: Set<String> = ["mean", "share", "value", "count", "column", "year", "median", "sum_欠薪金额（元）"]

    @Test("table commands' --svg charts under --labels zh", arguments: cases)
    func tableCommandCharts(_ c: ([String], [String], [String])) throws {
        let zh = try texts(c.0 + ["--labels", "zh"])
        for t in c.1 { #expect(zh.contains(t), "\(c.0[0]): no \"\(t)\" in \(zh)") }
        for t in zh {
            #expect(!Self.english.contains(t) && !t.contains(": ") && !t.contains(" of the "), "\(c.0[0]): English text \"\(t)\" in a Chinese chart")
        }
        let en = try texts(c.0)
        for t in c.2 { #expect(en.contains(t), "\(c.0[0]): no \"\(t)\" in the English chart \(en)") }
        #expect(!en.contains(where: { $0.contains("均值") || $0.contains("份额") || $0.contains("合计") }), "\(c.0[0]): Chinese in an English chart: \(en)")
    }

    @Test("LABORSTAT_LABELS=zh gives the same Chinese chart as --labels zh")
    func environment() throws {
        let args = ["tabulate", Self.survey, "--rows", "industry"]
        #expect(try texts(args, env: ["LABORSTAT_LABELS=zh"]) == texts(args + ["--labels", "zh"]))
        #expect(try texts(args, env: ["LABORSTAT_LABELS=zh"]).contains("industry：份额"))
    }

    @Test("chart --agg names the aggregate in Chinese")
    func chartCommand() throws {
        let zh = try texts(["chart", "bar", Self.survey, "--x", "region", "--y", "monthly_income", "--agg", "mean", "--lang", "zh"])
        #expect(zh.contains("monthly_income均值"))
        let count = try texts(["chart", "bar", Self.register, "--x", "省份", "--agg", "count"], env: ["LABORSTAT_LABELS=zh"])
        #expect(count.contains("个数") && !count.contains("count"))
        let en = try texts(["chart", "bar", Self.survey, "--x", "region", "--y", "monthly_income", "--agg", "mean"])
        #expect(en.contains("mean of monthly_income"))
    }

    @Test("compare: a per-N rate's axis names its unit")
    func comparePerN() throws {
        let dir = try temporaryFolder("per-n")
        defer { try? FileManager.default.removeItem(at: dir) }
        let population = dir.appendingPathComponent("population.csv").path
        let p = try runLaborstat(["aggregate", Self.survey, "--by", "province", "--sum", "weight", "--plain-names", "--where", "year = 2024", "-o", population])
        #expect(p.status == 0, "\(p.stderr)")
        let perN = ["compare", Self.register, "--region", "省份", "--agg", "count", "--where", "立案日期 >= 2024-01-01",
                    "--denominator", population, "--per", "10000"]
        #expect(try texts(perN).contains("cases per 10,000 persons"))
        #expect(try texts(perN + ["--labels", "zh"]).contains("每万人案件数"))
        #expect(try texts(perN + ["--unit", "person", "--labels", "zh"]).contains("每万人人数"))
        let million = perN.dropLast() + ["1000000"]
        #expect(try texts(Array(million)).contains("cases per 1,000,000 persons"))
        #expect(try texts(Array(million) + ["--labels", "zh"]).contains("每百万人案件数"))
        let rate = ["compare", Self.register, "--region", "省份", "--agg", "rate 其中农民工/涉及人数", "--per", "100"]
        #expect(try texts(rate).contains("其中农民工 per 100 涉及人数"))
        #expect(try texts(rate + ["--labels", "zh"]).contains("每百涉及人数的其中农民工"))
        // Without --per the axis stays what was computed.
        #expect(try texts(["compare", Self.register, "--region", "省份", "--agg", "count"]).contains("count"))
        #expect(try texts(["compare", Self.register, "--region", "省份", "--agg", "count", "--labels", "zh"]).contains("个数"))
    }

    @Test("compare under --labels zh: Chinese title, subtitle and baseline bar; English as before")
    func compareChinese() throws {
        let rate = ["compare", Self.register, "--region", "省份", "--agg", "rate 其中农民工/涉及人数", "--unit", "person"]
        let zh = try texts(rate + ["--labels", "zh"])
        #expect(zh.first == "比率：其中农民工/涉及人数（分省）")
        #expect(zh.contains("基准：全国 = 0.8 · 95%置信区间（二项）"))
        #expect(zh.contains("全国") && !zh.contains("全国 (national)"))
        let en = try texts(rate)
        #expect(en.first == "rate 其中农民工/涉及人数 by province")
        #expect(en.contains("baseline 全国 = 0.8 · 95% CI, binomial") && en.contains("全国 (national)"))
        let named = try texts(["compare", Self.register, "--region", "省份", "--value", "欠薪金额（元）", "--level", "region4",
                               "--baseline", "东部", "--labels", "zh"])
        #expect(named.first == "欠薪金额（元）合计（分四大地区）")
        #expect(named.contains("东部（基准）"))
    }
}
