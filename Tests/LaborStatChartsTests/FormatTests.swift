import Foundation
import Testing
@testable import LaborStatCharts

@Suite("Numbers, text and SVG details")
struct FormatTests {
    @Test func coordinatesHaveTwoDecimals() {
        #expect(fmt(1.005) == "1.01" || fmt(1.005) == "1")  // binary 1.005 is 1.00499…; either way 2 decimals
        #expect(fmt(12.5) == "12.5")
        #expect(fmt(12.05) == "12.05")
        #expect(fmt(-0.001) == "0")
        #expect(fmt(-3.456) == "-3.46")
        #expect(fmt(1e7) == "10000000")
        #expect(fmt(.nan) == "0")
    }

    @Test func minusSignIsU2212() {
        let f = NumberFormat(decimals: 0)
        #expect(f.string(-2) == "\u{2212}2")
        #expect(NumberFormat.label(-1500, units: .plain) == "\u{2212}1500")
        #expect(!f.string(-2).contains("-"))
    }

    @Test func wanAndYiUnits() {
        #expect(NumberFormat.label(28400, units: .wan) == "2.84万")
        #expect(NumberFormat.label(150_000_000, units: .wan) == "1.5亿")
        #expect(NumberFormat.label(9999, units: .wan) == "9999")
        let ticks: [Double] = [0, 100_000_000, 200_000_000, 300_000_000]
        let f = NumberFormat.axis(ticks: ticks, step: 100_000_000, units: .wan)
        #expect(ticks.map { f.string($0) } == ["0", "1亿", "2亿", "3亿"])
        let g = NumberFormat.axis(ticks: [22000, 24000], step: 2000, units: .wan)
        #expect(g.string(24000) == "2.4万")
    }

    @Test func axisNumbersGroupThousandsButNeverYears() {
        let f = NumberFormat.axis(ticks: [0, 10000, 20000], step: 10000, units: .plain)
        #expect(f.string(20000) == "20,000")
        let small = NumberFormat.axis(ticks: [0, 2000, 4000], step: 2000, units: .plain)
        #expect(small.string(4000) == "4000")
        let axis = AxisLayout.timeAxis(lo: 2008, hi: 2024, length: 600, horizontal: true)
        #expect(axis.ticks.map(\.full).first == "2008")
        #expect(!axis.ticks.map(\.full).contains { $0.contains(",") })
        #expect(NumberFormat.axis(ticks: [0, 0.1, 0.2], step: 0.1, units: .plain).string(0.2) == "0.2")
        #expect(NumberFormat.axis(ticks: [0, 0.2], step: 0.2, units: .plain, percent: true).string(0.2) == "20%")
    }

    @Test func cjkIsFullWidth() {
        #expect(TextMetrics.width("农民工", fontSize: 10) == 30)
        #expect(TextMetrics.width("２０２４", fontSize: 10) == 40)
        #expect(TextMetrics.width("2024", fontSize: 10) < 25)
        #expect(TextMetrics.wrap("交通运输、仓储和邮政业", maxWidth: 70, fontSize: 10).allSatisfy { TextMetrics.width($0, fontSize: 10) <= 70 })
        // Closing punctuation never starts a line.
        #expect(TextMetrics.wrap("交通运输、仓储和邮政业", maxWidth: 40, fontSize: 10).allSatisfy { !$0.hasPrefix("、") })
        #expect(TextMetrics.truncate("居民服务、修理和其他服务业", maxWidth: 60, fontSize: 10).hasSuffix("…"))
    }

    @Test func escapingCoversTextAndAttributes() {
        #expect(SVGWriter.escape("<a href='x'>&\"</a>") == "&lt;a href=&#39;x&#39;&gt;&amp;&quot;&lt;/a&gt;")
        #expect(SVGWriter.escape("a\u{0}b\u{1B}") == "a\u{FFFD}b\u{FFFD}")
    }

    @Test func logTicks() {
        #expect(NiceTicks.log(1, 100) == [1, 2, 5, 10, 20, 50, 100])
        #expect(NiceTicks.log(1, 1e6) == [1, 10, 100, 1000, 10000, 100_000, 1_000_000])
    }

    @Test func crowdedBandLabelsAreTurnedOrThinned() {
        let labels = (1...40).map { "第\($0)个省份名称" }
        let axis = AxisLayout.band(labels, length: 600, horizontal: true, maxLabelWidth: 0, maxRotatedExtent: 200)
        #expect(axis.rotated)
        #expect(axis.every > 1)
        // Shown labels, turned, are at least a line height apart across the text.
        let step = abs(axis.scale(range: (0, 600)).step)
        #expect(step * Double(axis.every) * 0.7071 >= AxisLayout.lineHeight)
        let few = AxisLayout.band(["东部", "中部", "西部"], length: 600, horizontal: true, maxLabelWidth: 0, maxRotatedExtent: 200)
        #expect(!few.rotated && few.every == 1)
    }

    @Test func numericTicksDoNotOverlap() {
        for length in [120.0, 200, 400, 800] {
            let a = AxisLayout.continuous(lo: 1234, hi: 987_654, kind: .linear(nice: true, zero: false), units: .plain, length: length, horizontal: true)
            let s = a.scale(range: (0, length))
            let xs = a.ticks.map { s.map($0.pos) }
            for i in 1..<max(1, a.ticks.count) {
                let gap = xs[i] - xs[i - 1]
                let need = (TextMetrics.width(a.ticks[i].full, fontSize: AxisLayout.fs) + TextMetrics.width(a.ticks[i - 1].full, fontSize: AxisLayout.fs)) / 2
                #expect(gap >= need, "length \(length): \(a.ticks.map(\.full))")
            }
        }
    }

    @Test func sameInputSameBytes() throws {
        let c = try Chart.line(series: [Series(name: "a", x: [1, 2, 3], y: [1, nil, 3])], time: false, spec: ChartSpec(title: "t"))
        #expect(c.render() == c.render())
        let svg = c.render()
        #expect(svg.contains("<title id=\"ls-"))
        #expect(svg.contains("role=\"img\""))
        #expect(svg.contains("Noto Sans CJK SC"))
    }

    @Test func badInputIsAnError() {
        var spec = ChartSpec()
        spec.logY = true
        #expect(throws: ChartError.nonPositiveOnLogScale(0)) { try Chart.line(series: [Series(name: "a", x: [1, 2], y: [0, 1])], spec: spec) }
        #expect(throws: ChartError.self) { try Chart.bar(categories: ["a"], values: [1, 2], spec: ChartSpec()) }
        #expect(throws: ChartError.self) { try Chart.line(series: [Series(name: "a", x: [1], y: [nil])], spec: ChartSpec()) }
        #expect(throws: ChartError.self) { try Chart.scatter(x: [1, .infinity], y: [1, 2], spec: ChartSpec()) }
        #expect(throws: ChartError.self) { try Chart.tilemap(tiles: [Tile(label: "a", row: 0, col: 0, value: 1), Tile(label: "b", row: 0, col: 0, value: 2)], spec: ChartSpec()) }
    }

    /// Every golden parses as XML (Foundation's parser; scripts/check-charts also runs xmllint and rsvg-convert).
    @Test func goldensAreWellFormedXML() throws {
        let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".svg") }.sorted()
        #expect(files.count >= 12)
        for f in files {
            let data = try Data(contentsOf: dir.appendingPathComponent(f))
            #if canImport(FoundationXML)
            let parser = FoundationXML.XMLParser(data: data)
            #else
            let parser = XMLParser(data: data)
            #endif
            #expect(parser.parse(), "\(f): \(parser.parserError.map { "\($0)" } ?? "")")
        }
    }
}

#if canImport(FoundationXML)
import FoundationXML
#endif
