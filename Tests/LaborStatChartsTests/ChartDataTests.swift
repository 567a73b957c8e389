import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
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

    /// Panels with different categories are drawn on one shared list: a category sits at the same
    /// place in every panel.
    @Test func facetPanelsShareBandPositions() throws {
        let a = try Chart.bar(categories: ["x", "y"], values: [1, 2], spec: ChartSpec())
        let b = try Chart.bar(categories: ["y", "z"], values: [3, 4], spec: ChartSpec())
        let plot = try Chart.facets([("A", a), ("B", b)], spec: ChartSpec()).makePlot()
        guard case .band(let cats) = plot.x.scale else { Issue.record("x is not a band scale"); return }
        #expect(cats == ["x", "y", "z"])
        func bands(_ p: Panel) -> [Int] {
            p.marks.compactMap { if case .rect(.band(let i, _), _, _, _, _, _, _) = $0 { return i }; return nil }
        }
        #expect(bands(plot.panels[0]) == [0, 1])
        #expect(bands(plot.panels[1]) == [1, 2])
        // From columns: every panel lists every year, ascending.
        let d = ChartData(x: ChartColumn("year", numbers: [2020, 2018, 2019]), y: ChartColumn("v", numbers: [1, 2, 3]),
                          facet: ChartColumn("g", text: ["p", "q", "q"]))
        let fromColumns = try Chart.make(.bar, data: d, spec: ChartSpec()).makePlot()
        guard case .band(let years) = fromColumns.x.scale else { Issue.record("x is not a band scale"); return }
        #expect(years == ["2018", "2019", "2020"])
        #expect(bands(fromColumns.panels[0]) == [2])
        #expect(bands(fromColumns.panels[1]) == [0, 1])
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

/// Every kind at extreme sizes and with awkward data renders well-formed SVG without NaN.
@Suite("Robustness")
struct RobustnessTests {
    static func charts(_ spec: ChartSpec) throws -> [Chart] {
        let long = String(repeating: "非常长的标题文字", count: 12)
        var s = spec
        s.title = long
        s.subtitle = long
        s.source = long
        return [
            try Chart.line(series: [Series(name: "a", x: [2000], y: [5])], spec: s),
            try Chart.line(series: [Series(name: "a", x: [1, 2, 3], y: [-1e-9, 0, 1e-9])], time: false, spec: s),
            try Chart.bar(categories: (1...200).map { "类别\($0)" }, values: (1...200).map { Double($0) }, spec: s),
            try Chart.hbar(categories: (1...200).map { "类别\($0)" }, values: (1...200).map { Double($0) }, spec: s),
            try Chart.bar(categories: ["a"], values: [0], spec: s),
            try Chart.stackedBar(categories: ["a", "b"], series: [BarSeries(name: "x", values: [-1, 2]), BarSeries(name: "y", values: [3, -4])], spec: s),
            try Chart.histogram(bins: [HistogramBin(low: 5, high: 5, count: 0)], spec: s),
            try Chart.box(groups: [(name: "a", values: [1]), (name: "b", values: [2, 2, 2])], spec: s),
            try Chart.scatter(x: [1, 1], y: [2, 2], fit: true, spec: s),
            try Chart.lorenz(points: [(0, 0), (1, 1)], gini: 0, spec: s),
            try Chart.tilemap(tiles: [Tile(label: "甲", row: 0, col: 0, value: nil)], spec: s),
            try Chart.tilemap(tiles: [Tile(label: "甲", row: 0, col: 0, value: 3), Tile(label: "乙", row: 5, col: 9, value: 3)], spec: s),
        ]
    }

    @Test(arguments: [(160.0, 120.0), (300, 200), (1600, 900)])
    func everyKindRenders(_ size: (Double, Double)) throws {
        let spec = ChartSpec(width: size.0, height: size.1)
        for c in try Self.charts(spec) {
            let svg = c.render()
            #expect(!svg.lowercased().contains("nan") && !svg.contains("inf"), "\(c.content.kindName)")
            #if canImport(FoundationXML)
            let ok = FoundationXML.XMLParser(data: Data(svg.utf8)).parse()
            #else
            let ok = XMLParser(data: Data(svg.utf8)).parse()
            #endif
            #expect(ok, "\(c.content.kindName) at \(size)")
        }
    }
}
