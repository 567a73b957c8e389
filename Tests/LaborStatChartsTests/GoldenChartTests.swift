import Foundation
import Testing
@testable import LaborStatCharts

/// One golden SVG per chart kind, with Chinese labels and real figures where the shared data have
/// them. `scripts/check-charts` renders every golden with rsvg-convert; look at the PNGs after re-recording.
@Suite("Golden charts")
struct GoldenChartTests {
    @Test func line() throws {
        var spec = ChartSpec(title: "农民工规模持续扩大", subtitle: "农民工总量、外出农民工与本地农民工，2008–2024年", source: NBS.source)
        spec.yLabel = "万人"
        let chart = try Chart.line(series: [
            Series(name: "农民工总量", x: NBS.years, y: NBS.total),
            Series(name: "外出农民工", x: NBS.years, y: NBS.outgoing),
            Series(name: "本地农民工", x: NBS.years, y: NBS.local),
        ], spec: spec)
        assertGolden(chart.render(), named: "line")
    }

    @Test func lineInWan() throws {
        var spec = ChartSpec(title: "农民工总量（人）", subtitle: "以万、亿为单位标注", source: NBS.source, width: 560, height: 360)
        spec.units = .wan
        spec.yLabel = "人"
        let chart = try Chart.line(series: [Series(name: "农民工总量", x: NBS.years, y: NBS.total.map { $0 * 10_000 })], spec: spec)
        assertGolden(chart.render(), named: "line-wan")
    }

    @Test func lineOnLogScale() throws {
        // shared/datasets-src/mohrss_arrears.csv: 为劳动者追回工资待遇等 (wages_recovered), whole years only.
        var spec = ChartSpec(title: "劳动保障监察追回工资", subtitle: "对数坐标；仅取全年数据", source: "来源：人力资源和社会保障部（历年通报）", width: 560, height: 360)
        spec.logY = true
        spec.units = .wan
        spec.yLabel = "元"
        let chart = try Chart.line(series: [Series(name: "追回工资", x: [2006, 2008, 2009, 2010, 2016, 2019], y: [6e9, 8.3e9, 8.92e9, 9.95e9, 3.506e10, 7.95e9])], spec: spec)
        assertGolden(chart.render(), named: "line-log")
    }

    @Test func bar() throws {
        var spec = ChartSpec(title: "2024年分行业农民工月均收入", source: NBS.source, width: 640, height: 420)
        spec.yLabel = "元/月"
        spec.valueLabels = true
        let chart = try Chart.bar(categories: NBS.industries, values: NBS.industryIncome2024, spec: spec)
        assertGolden(chart.render(), named: "bar")
    }

    @Test func barWithErrorBars() throws {
        var spec = ChartSpec(title: "分地区月均收入及其95%置信区间", subtitle: "示意数据：区间为虚构，仅演示误差线", source: NBS.source, width: 560, height: 380)
        spec.yLabel = "元/月"
        let cats = ["东部", "中部", "西部", "东北"]
        let v = cats.map { NBS.regionIncome2024[$0]! }
        let chart = try Chart.bar(categories: cats, values: v, errorLow: v.map { $0 - 180 }, errorHigh: v.map { $0 + 180 }, spec: spec)
        assertGolden(chart.render(), named: "bar-error")
    }

    @Test func hbar() throws {
        var spec = ChartSpec(title: "建筑业农民工收入最高", subtitle: "2024年分行业月均收入（元），按收入排序", source: NBS.source, width: 640, height: 360)
        spec.xLabel = "元/月"
        spec.valueLabels = true
        let chart = try Chart.hbar(categories: NBS.industries, values: NBS.industryIncome2024, spec: spec)
        assertGolden(chart.render(), named: "hbar")
    }

    /// What `compare --svg` draws: regions ranked, the national figure as a reference line.
    @Test func hbarWithReference() throws {
        let cats = ["东部地区", "中部地区", "西部地区", "东北地区"]
        var spec = ChartSpec(title: "东部地区农民工收入高于全国", subtitle: "2024年月均收入（元），按就业地区", source: NBS.source, width: 600, height: 300)
        spec.xLabel = "元/月"
        spec.highlight = ["东部地区"]
        let chart = try Chart.hbar(categories: cats, values: ["东部", "中部", "西部", "东北"].map { NBS.regionIncome2024[$0] }, reference: ReferenceLine(value: 4961, label: "全国"), spec: spec)
        assertGolden(chart.render(), named: "hbar-reference")
        var vspec = spec
        vspec.yLabel = "元/月"
        vspec.xLabel = nil
        let bar = try Chart.bar(categories: cats, values: ["东部", "中部", "西部", "东北"].map { NBS.regionIncome2024[$0] }, reference: ReferenceLine(value: 4961, label: "全国"), spec: vspec)
        assertGolden(bar.render(), named: "bar-reference")
    }

    @Test func stackedBar() throws {
        var spec = ChartSpec(title: "农民工按输入地分布", subtitle: "东部地区吸纳过半农民工", source: NBS.source, width: 640, height: 420)
        spec.yLabel = "万人"
        let chart = try Chart.stackedBar(categories: NBS.stackYears,
                                         series: zip(NBS.regions, NBS.byRegion).map { BarSeries(name: $0, values: $1) }, spec: spec)
        assertGolden(chart.render(), named: "stacked-bar")
    }

    @Test func histogram() throws {
        let x = Simulated.incomes(n: 800, median: 4700, sigma: 0.35, seed: 2024)
        let bins = ChartStatistics.histogram(x, breaks: ChartStatistics.sturgesBreaks(x))
        var spec = ChartSpec(title: "月收入分布", subtitle: "模拟数据：800名受访者，中位数约4700元", source: "说明：分组按Sturges法则，区间左闭右开", width: 640, height: 400)
        spec.xLabel = "月收入（元）"
        spec.yLabel = "人数"
        assertGolden(try Chart.histogram(bins: bins, spec: spec).render(), named: "histogram")
    }

    @Test func box() throws {
        let groups = [("东部", 5368.0), ("中部", 4745), ("西部", 4541), ("东北", 4164)].enumerated().map { i, g in
            (name: g.0, values: Simulated.incomes(n: 150, median: g.1, sigma: 0.3, seed: UInt64(i + 7)))
        }
        var spec = ChartSpec(title: "分地区月收入", subtitle: "模拟数据：各地区中位数取2024年月均收入", source: "箱线：四分位数（Hyndman–Fan 第7类）；须：1.5倍四分位距", width: 600, height: 420)
        spec.yLabel = "元/月"
        assertGolden(try Chart.box(groups: groups, spec: spec).render(), named: "box")
    }

    @Test func scatter() throws {
        var spec = ChartSpec(title: "外出与本地农民工同步增长", subtitle: "2008–2024年，每点一年", source: NBS.source, width: 600, height: 440)
        spec.xLabel = "外出农民工（万人）"
        spec.yLabel = "本地农民工（万人）"
        assertGolden(try Chart.scatter(x: NBS.outgoing, y: NBS.local, fit: true, spec: spec).render(), named: "scatter")
    }

    @Test func lorenz() throws {
        let x = Simulated.incomes(n: 500, median: 4700, sigma: 0.45, seed: 11)
        let (points, gini) = try ChartStatistics.lorenz(x)
        var spec = ChartSpec(title: "收入分配的洛伦兹曲线", subtitle: "模拟数据", source: "说明：按月收入从低到高累计", width: 480, height: 500)
        spec.xLabel = "人口累计比重"
        spec.yLabel = "收入累计比重"
        assertGolden(try Chart.lorenz(points: points, gini: gini, spec: spec).render(), named: "lorenz")
    }

    @Test func tilemap() throws {
        let tiles = NBS.provinces.map { p in Tile(label: p.name, row: p.row, col: p.col, value: p.region.flatMap { NBS.regionIncome2024[$0] }) }
        let spec = ChartSpec(title: "农民工月均收入：东部最高", subtitle: "2024年，按就业地区（东部、中部、西部、东北）着色", source: NBS.source, width: 600, height: 620)
        assertGolden(try Chart.tilemap(tiles: tiles, spec: spec).render(), named: "tilemap")
    }

    @Test func facets() throws {
        var spec = ChartSpec(title: "外出农民工人均月收入", subtitle: "按就业地区，2008–2012年", source: NBS.source, width: 720, height: 360)
        spec.yLabel = "元/月"
        let panels = try NBS.outIncome.map { name, v in
            (title: name, chart: try Chart.line(series: [Series(name: name, x: NBS.outIncomeYears, y: v)], spec: spec))
        }
        assertGolden(try Chart.facets(panels, spec: spec).render(), named: "facets-line")
    }

    /// 31 provinces under a narrow chart: the labels are turned −45° (and thinned if they still collide).
    @Test func barWithTurnedLabels() throws {
        let full = ["北京市", "天津市", "河北省", "山西省", "内蒙古自治区", "辽宁省", "吉林省", "黑龙江省", "上海市", "江苏省", "浙江省", "安徽省", "福建省", "江西省", "山东省", "河南省",
                    "湖北省", "湖南省", "广东省", "广西壮族自治区", "海南省", "重庆市", "四川省", "贵州省", "云南省", "西藏自治区", "陕西省", "甘肃省", "青海省", "宁夏回族自治区", "新疆维吾尔自治区"]
        let region = ["东部", "东部", "东部", "中部", "西部", "东北", "东北", "东北", "东部", "东部", "东部", "中部", "东部", "中部", "东部", "中部",
                      "中部", "中部", "东部", "西部", "东部", "西部", "西部", "西部", "西部", "西部", "西部", "西部", "西部", "西部", "西部"]
        var spec = ChartSpec(title: "各省份所在地区的农民工月均收入", subtitle: "2024年；每省取其所在地区（东部、中部、西部、东北）的数值", source: NBS.source, width: 640, height: 420)
        spec.yLabel = "元/月"
        let chart = try Chart.bar(categories: full, values: region.map { NBS.regionIncome2024[$0] }, spec: spec)
        assertGolden(chart.render(), named: "bar-turned-labels")
    }

    @Test func escaping() throws {
        var spec = ChartSpec(title: "Escaping: <b>bold?</b> & \"quotes\" 'single'", subtitle: "a label <script>alert(1)</script> is shown, never run",
                             source: "source: A & B <c>", width: 560, height: 380)
        spec.yLabel = "<y> & co"
        let chart = try Chart.bar(categories: ["<script>alert(1)</script>", "A & B", "\"q\" 'a'", "x\u{1}y"], values: [3, 1, -2, 2], spec: spec)
        let svg = chart.render()
        #expect(!svg.contains("<script>"))
        #expect(svg.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(svg.contains("A &amp; B"))
        assertGolden(svg, named: "escaping")
    }
}

/// A line never draws data that does not exist: it breaks at an absent year exactly as at a
/// missing value; `connectGaps` draws across on purpose, thin and dashed.
@Suite("line gaps")
struct LineGapGoldenTests {
    // 2008–2012, then nothing until 2022–2024 (the shipped income-by-region data), plus a missing 2010 value.
    let series = [
        Series(name: "东部地区", x: [2008, 2009, 2010, 2011, 2012, 2022, 2023, 2024], y: [1352, 1422, nil, 2053, 2286, 5001, 5172, 5368]),
        Series(name: "中部地区", x: [2008, 2009, 2010, 2011, 2012, 2022, 2024], y: [1275, 1350, 1632, 2006, 2257, 4386, 4745]),
    ]

    func paths(_ svg: String) -> [String] {
        svg.components(separatedBy: "<path").dropFirst().map { String($0.prefix { $0 != ">" }) }.filter { $0.contains("stroke-width=\"2.2\"") }
    }

    @Test func breaksAtAbsentPeriods() throws {
        let svg = try Chart.line(series: series, spec: ChartSpec(title: "缺年断开")).render()
        assertGolden(svg, named: "line-gap")
        // 东部: 2008–09 | 2011–12 | 2022–24; 中部: 2008–12 | 2022 | 2024 (2023 is absent): 4 lines of ≥ 2 points.
        #expect(paths(svg).count == 4)
        #expect(!svg.contains("stroke-dasharray=\"2 4\""))
    }

    @Test func connectGapsDashed() throws {
        var spec = ChartSpec(title: "跨缺年连线")
        spec.connectGaps = true
        let svg = try Chart.line(series: series, spec: spec).render()
        assertGolden(svg, named: "line-gap-connected")
        #expect(svg.components(separatedBy: "stroke-dasharray=\"2 4\"").count - 1 == 4)
    }

    @Test func periodStep() {
        #expect(Chart.periodStep(series) == 1)
        #expect(Chart.periodStep([Series(name: "q", x: [2020, 2020.25, 2021], y: [1, 2, 3])]) == 0.25)
        #expect(Chart.periodStep([Series(name: "one", x: [2020], y: [1])]) == nil)
    }
}
