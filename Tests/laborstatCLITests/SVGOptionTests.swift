import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import _LaborStatTestSupport

/// Every analysis command's `--svg FILE` writes a well-formed SVG chart beside its table.
@Suite("--svg on analysis commands")
struct SVGOptionTests {
    static let survey = repositoryRoot().appendingPathComponent("Datasets/survey_sample.csv").path
    static let register = repositoryRoot().appendingPathComponent("Datasets/arrears_register.csv").path
    static let national = repositoryRoot().appendingPathComponent("Datasets/national_migrant_workers.csv").path

    static let commands: [[String]] = [
        ["describe", survey, "--columns", "monthly_income", "--by", "year", "--weight", "weight", "--strata", "stratum", "--cluster", "psu"],
        ["aggregate", register, "--by", "省份,立案日期:year", "--count", "--where", "省份 in ['广东省','浙江省']"],
        ["aggregate", register, "--by", "省份", "--sum", "欠薪金额（元）"],
        ["tabulate", survey, "--rows", "industry", "--weight", "weight", "--strata", "stratum", "--cluster", "psu", "--where", "year = 2024"],
        ["tabulate", survey, "--rows", "region", "--cols", "has_contract", "--share", "row"],
        ["pivot", survey, "--rows", "region", "--cols", "sex", "--value", "monthly_income", "--agg", "median", "--total"],
        ["histogram", survey, "--column", "monthly_income", "--bins", "sturges"],
        ["trend", national, "--time", "年份", "--value", "农民工总量（万人）", "--series"],
        ["trend", register, "--time", "立案日期:year", "--agg", "count", "--by", "省份"],
        ["regress", survey, "--y", "monthly_income", "--x", "age", "--categorical", "region", "--where", "year = 2024"],
        ["compare", register, "--region", "省份", "--agg", "count"],
    ]

    @Test("writes a parseable SVG", arguments: commands)
    func writesSVG(_ args: [String]) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("svg-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let svg = dir.appendingPathComponent("chart.svg")
        let r = try runLaborstat(args + ["--svg", svg.path, "-o", dir.appendingPathComponent("table.csv").path])
        #expect(r.status == 0, "\(args[0]): \(r.stderr)")
        let data = try Data(contentsOf: svg)
        let parser = XMLParser(data: data)
        #expect(parser.parse(), "\(args[0]) wrote SVG that is not well-formed XML")
        #expect(String(decoding: data, as: UTF8.self).contains("<svg"))
        // Only the two outputs, no temporary file left behind.
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["chart.svg", "table.csv"])
    }
}
