import Foundation
import Testing
import _LaborStatTestSupport

/// `laborstat chart`: files written, exit codes, escaping, on the repository's real data sets.
@Suite("chart command")
struct ChartCommandTests {
    let root = repositoryRoot()
    var national: String { root.appendingPathComponent("Datasets/national_migrant_workers.csv").path }
    var byRegion: String { root.appendingPathComponent("Datasets/migrant_workers_by_region.csv").path }

    func tempDir() throws -> URL {
        let d = FileManager.default.temporaryDirectory.appendingPathComponent("laborstat-chart-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: d, withIntermediateDirectories: true)
        return d
    }

    @Test func lineFromTheNationalSeries() throws {
        let dir = try tempDir()
        let out = dir.appendingPathComponent("total.svg").path
        let r = try runLaborstat(["chart", "line", national, "--x", "年份", "--y", "农民工总量（万人）", "--title", "农民工总量", "--source", "来源：国家统计局", "-o", out])
        #expect(r.status == 0, "\(r.stderr)")
        let svg = try String(contentsOfFile: out, encoding: .utf8)
        #expect(svg.hasPrefix("<?xml"))
        #expect(svg.contains(">农民工总量</text>") && svg.contains(">2024</text>") && svg.contains(">来源：国家统计局</text>"))
        // Nothing but the chart is left in the folder (the temporary file was renamed).
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["total.svg"])
        // Same input, same bytes.
        let out2 = dir.appendingPathComponent("again.svg").path
        _ = try runLaborstat(["chart", "line", national, "--x", "年份", "--y", "农民工总量（万人）", "--title", "农民工总量", "--source", "来源：国家统计局", "-o", out2])
        #expect(try Data(contentsOf: URL(fileURLWithPath: out2)) == Data(contentsOf: URL(fileURLWithPath: out)))
    }

    @Test func stackedBarWithWhere() throws {
        let out = try tempDir().appendingPathComponent("s.svg").path
        let r = try runLaborstat(["chart", "stacked-bar", byRegion, "--x", "year", "--y", "migrant_workers_wan", "--color", "region",
                                  "--where", "basis = '输入地' and year >= 2017", "-o", out])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try String(contentsOfFile: out, encoding: .utf8).contains(">东部地区</text>"))
    }

    @Test func exitCodes() throws {
        let dir = try tempDir()
        let out = dir.appendingPathComponent("x.svg").path
        // Unknown kind, unknown column, unit option: usage (64).
        #expect(try runLaborstat(["chart", "pie", national, "--x", "年份", "--y", "农民工总量（万人）", "-o", out]).status == 64)
        let unknown = try runLaborstat(["chart", "line", national, "--x", "年份", "--y", "农民工", "-o", out])
        #expect(unknown.status == 64)
        #expect(unknown.stderr.contains("农民工"))
        #expect(try runLaborstat(["chart", "histogram", national, "--x", "农民工总量（万人）", "--y", "年份", "-o", out]).status == 64)
        // Two rows per year and region (输入地 and 输出地): bad data (65) with a hint.
        let dup = try runLaborstat(["chart", "line", byRegion, "--x", "year", "--y", "migrant_workers_wan", "--color", "region", "-o", out])
        #expect(dup.status == 65)
        #expect(dup.stderr.contains("hint:"))
        // Missing input (66), output folder missing (73).
        #expect(try runLaborstat(["chart", "line", dir.appendingPathComponent("none.csv").path, "--x", "a", "--y", "b", "-o", out]).status == 66)
        #expect(try runLaborstat(["chart", "line", national, "--x", "年份", "--y", "农民工总量（万人）", "-o", dir.appendingPathComponent("no/such/x.svg").path]).status == 73)
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test func dataTextIsEscaped() throws {
        let csv = "group,value\n<script>alert(1)</script>,3\nA & B,1\n"
        let out = try tempDir().appendingPathComponent("e.svg").path
        let r = try runLaborstat(["chart", "bar", "-", "--x", "group", "--y", "value", "-o", out], stdin: Data(csv.utf8))
        #expect(r.status == 0, "\(r.stderr)")
        let svg = try String(contentsOfFile: out, encoding: .utf8)
        #expect(!svg.contains("<script>"))
        #expect(svg.contains("&lt;script&gt;alert(1)&lt;/script&gt;") && svg.contains("A &amp; B"))
    }

    @Test func tilemapTakesAnySpelling() throws {
        let out = try tempDir().appendingPathComponent("t.svg").path
        let csv = "省份,金额\n陕西省,28400\nGansu,12000\n11,30500\n"
        let r = try runLaborstat(["chart", "tilemap", "-", "--x", "省份", "--y", "金额", "--units", "wan", "-o", out], stdin: Data(csv.utf8))
        #expect(r.status == 0, "\(r.stderr)")
        let svg = try String(contentsOfFile: out, encoding: .utf8)
        #expect(svg.contains(">陕西</text>") && svg.contains(">2.84万</text>") && svg.contains(">北京</text>") && svg.contains(">无数据</text>"))
        let bad = try runLaborstat(["chart", "tilemap", "-", "--x", "省份", "--y", "金额", "-o", out], stdin: Data("省份,金额\n火星,1\n".utf8))
        #expect(bad.status == 65)
        #expect(bad.stderr.contains("火星"))
    }

    @Test func monthsGetMonthTicks() throws {
        let out = try tempDir().appendingPathComponent("m.svg").path
        var csv = "月份,欠薪案件\n"
        for m in 1...12 { csv += "2023年\(m)月,\(10 + m)\n" }
        let r = try runLaborstat(["chart", "line", "-", "--x", "月份", "--y", "欠薪案件", "-o", out], stdin: Data(csv.utf8))
        #expect(r.status == 0, "\(r.stderr)")
        let svg = try String(contentsOfFile: out, encoding: .utf8)
        #expect(svg.contains(">2023-01</text>"))
        #expect(!svg.contains(">2,023"))
    }

    @Test func helpNamesTheRules() throws {
        let r = try runLaborstat(["chart", "--help"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("Hyndman–Fan type 7"))
        #expect(r.stdout.contains("stacked-bar"))
        #expect(r.stdout.contains("--units"))
    }
}
