import Testing
@testable import LaborStatCharts

/// `Chart.make`: charts from columns, as `laborstat chart` builds them.
@Suite("Charts from columns")
struct ChartDataTests {
    /// Long form, as the shared data sets hold it: year, region, value.
    static func longForm() -> ChartData {
        var years: [Double?] = [], regions: [String?] = [], values: [Double?] = []
        for (r, v) in zip(NBS.regions, NBS.byRegion) {
            for (y, x) in zip(NBS.stackYears, v) { years.append(Double(y)!); regions.append(r); values.append(x) }
        }
        return ChartData(x: ChartColumn("year", numbers: years), y: ChartColumn("migrant_workers_wan", numbers: values),
                         color: ChartColumn("region", text: regions))
    }

    @Test func lineBySeriesUsesYearTicks() throws {
        let c = try Chart.make(.line, data: Self.longForm(), spec: ChartSpec(title: "t"))
        let svg = c.render()
        #expect(svg.contains(">2017<") && svg.contains(">2024<"))
        #expect(!svg.contains(">2,01") && !svg.contains(">2,02"))
        #expect(svg.contains(">东北地区<"))
    }

    @Test func stackedBarFromLongForm() throws {
        var spec = ChartSpec(title: "农民工按输入地分布", subtitle: "东部地区吸纳过半农民工", source: NBS.source, width: 640, height: 420)
        spec.yLabel = "万人"
        let svg = try Chart.make(.stackedBar, data: Self.longForm(), spec: spec).render()
        // The same chart as the golden built from arrays.
        let direct = try Chart.stackedBar(categories: NBS.stackYears, series: zip(NBS.regions, NBS.byRegion).map { BarSeries(name: $0, values: $1) }, spec: spec).render()
        #expect(svg == direct)
    }

    @Test func facetedBars() throws {
        var d = Self.longForm()
        d.facet = d.color
        d.color = nil
        var spec = ChartSpec(title: "农民工按输入地", subtitle: "各地区分面，共享纵轴", source: NBS.source, width: 720, height: 480)
        spec.yLabel = "万人"
        assertGolden(try Chart.make(.bar, data: d, spec: spec).render(), named: "facets-bar")
    }

    @Test func duplicateRowsAreAnError() {
        let d = ChartData(x: ChartColumn("year", numbers: [2020, 2020]), y: ChartColumn("v", numbers: [1, 2]))
        #expect(throws: ChartError.self) { try Chart.make(.line, data: d, spec: ChartSpec()) }
        #expect(throws: ChartError.self) { try Chart.make(.bar, data: d, spec: ChartSpec()) }
    }

    @Test func optionsThatDoNotFitAreUsageErrors() {
        let d = ChartData(x: ChartColumn("g", text: ["a", "b"]), y: ChartColumn("v", numbers: [1, 2]))
        #expect(throws: ChartError.invalid("histogram takes its variable in x; the y column \"v\" is not used")) {
            try Chart.make(.histogram, data: d, spec: ChartSpec())
        }
        #expect(throws: ChartError.self) { try Chart.make(.line, data: d, spec: ChartSpec()) }  // text x
        #expect(throws: ChartError.self) { try Chart.make(.stackedBar, data: d, spec: ChartSpec()) }  // no colour
        #expect(throws: ChartError.self) { try Chart.make(.tilemap, data: d, spec: ChartSpec()) }  // no grid
    }

    @Test func missingValuesLeaveGapsNotZeros() throws {
        let d = ChartData(x: ChartColumn("year", numbers: [2001, 2002, 2003, 2004]), y: ChartColumn("v", numbers: [1, nil, 3, 4]))
        let svg = try Chart.make(.line, data: d, spec: ChartSpec()).render()
        // Two pieces: the lone first point (a dot) and the 2003–2004 segment (one path).
        #expect(svg.components(separatedBy: "<path ").count - 1 == 1)
        #expect(svg.components(separatedBy: "<circle ").count - 1 == 3)
    }

    @Test func tilemapFromSpellings() throws {
        let grid = TileGrid(tiles: NBS.provinces.map { (label: $0.name, row: $0.row, col: $0.col) }) { s in
            NBS.provinces.firstIndex { s.hasPrefix($0.name) }
        }
        let d = ChartData(x: ChartColumn("省份", text: ["陕西省", "甘肃省", nil]), y: ChartColumn("v", numbers: [10, 20, 5]))
        let svg = try Chart.make(.tilemap, data: d, spec: ChartSpec(title: "t"), tileGrid: grid).render()
        #expect(svg.contains(">陕西<") && svg.contains(">无数据<"))
        let bad = ChartData(x: ChartColumn("省份", text: ["火星"]), y: ChartColumn("v", numbers: [1]))
        #expect(throws: ChartError.self) { try Chart.make(.tilemap, data: bad, spec: ChartSpec(), tileGrid: grid) }
        let twice = ChartData(x: ChartColumn("省份", text: ["陕西", "陕西省"]), y: ChartColumn("v", numbers: [1, 2]))
        #expect(throws: ChartError.self) { try Chart.make(.tilemap, data: twice, spec: ChartSpec(), tileGrid: grid) }
    }

    @Test func dateColumnsGetMonthTicks() throws {
        // Monthly data over one year: month ticks labelled 2024-01 …
        let months = (0..<12).map { 2024 + Double($0) / 12 }
        let labels = (1...12).map { "2024-" + ($0 < 10 ? "0\($0)" : "\($0)") }
        let d = ChartData(x: ChartColumn("month", numbers: months, isTime: true, labels: labels), y: ChartColumn("v", numbers: months.map { $0 - 2000 }))
        let svg = try Chart.make(.line, data: d, spec: ChartSpec()).render()
        #expect(svg.contains(">2024-01<"))
        #expect(svg.contains(">2024-07<"))
    }
}
