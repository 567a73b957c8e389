/// A chart: data of one kind plus a `ChartSpec`; `render()` writes SVG.
///
/// The pipeline is a small grammar of graphics: data → scales (linear, log, band, time, colour) →
/// marks (line, point, bar, stacked bar, area, rule, text, box, tile) → guides (axes with nice
/// ticks, gridlines, legends) → layout (title, subtitle, source note, margins from the measured
/// labels; facets as small multiples) → SVG. Output is deterministic: the same chart gives the same
/// bytes (coordinates to 2 decimals, stable element order, ids derived from content).
///
/// ```swift
/// let total = Series(name: "农民工总量", x: [2008, 2009, 2010], y: [22542, 22978, 24223])
/// let svg = try Chart.line(series: [total], spec: ChartSpec(title: "农民工总量")).render()
/// ```
public struct Chart: Sendable {
    public var spec: ChartSpec
    var content: Content

    /// The data of each kind, kept until rendering so facets can share scales and colours.
    indirect enum Content: Sendable {
        case line([Series], time: Bool)
        case bar(categories: [String], series: [BarSeries], horizontal: Bool, ranked: Bool, reference: ReferenceLine?)
        case stacked(categories: [String], series: [BarSeries])
        case histogram([HistogramBin])
        case box([(String, BoxStats)])
        case scatter([ScatterGroup], fit: Bool)
        case lorenz([(Double, Double)], gini: Double)
        case tilemap([Tile])
        case facets([(String, Content)])
    }

    /// The SVG document.
    public func render() -> String {
        PlotRenderer(plot: makePlot(), spec: spec).render()
    }

    func makePlot() -> Plot {
        switch content {
        case .facets(let panels):
            // Shared colours: series names in order of first appearance over all panels.
            var names: [String] = []
            for (_, c) in panels { for n in c.seriesNames where !names.contains(n) { names.append(n) } }
            let plots = panels.map { ($0.0, Self.plot($0.1, spec: spec, colors: names)) }
            var merged = plots[0].1
            merged.panels = []
            for (_, p) in plots.dropFirst() {
                merged.x.scale = merged.x.scale.union(p.x.scale)
                merged.y.scale = merged.y.scale.union(p.y.scale)
            }
            // A panel's band positions index its own categories: move them to the shared list.
            func remap(_ own: ScaleSpec, _ shared: ScaleSpec) -> [Int]? {
                guard case .band(let a) = own, case .band(let b) = shared, a != b else { return nil }
                let at = Dictionary(b.enumerated().map { ($0.element, $0.offset) }, uniquingKeysWith: { x, _ in x })
                return a.map { at[$0] ?? 0 }
            }
            for (title, p) in plots {
                let xm = remap(p.x.scale, merged.x.scale), ym = remap(p.y.scale, merged.y.scale)
                let marks = p.panels.first?.marks ?? []
                merged.panels.append(Panel(title: title, marks: xm == nil && ym == nil ? marks : marks.map { $0.remappingBands(x: xm, y: ym) }))
            }
            if !names.isEmpty, names.count > 1 || panels.contains(where: { $0.1.seriesNames.count > 1 }) {
                let shape = plots[0].1.legendShape
                merged.legend = .categorical(names.enumerated().map { LegendItem(label: $0.element, color: Palette.categorical($0.offset), shape: shape) })
            }
            merged.summary = "\(panels.count) panels (\(panels.map(\.0).joined(separator: ", "))). " + plots[0].1.summary
            return merged
        default:
            return Self.plot(content, spec: spec, colors: content.seriesNames)
        }
    }
}

// MARK: - Input types

/// One line of a line chart: y over x (x in years, or any number); nil y values leave a gap.
public struct Series: Sendable {
    public var name: String
    public var x: [Double]
    public var y: [Double?]
    public init(name: String, x: [Double], y: [Double?]) {
        self.name = name; self.x = x; self.y = y
    }
}

/// The values of one series of a bar chart, one per category, with optional error-bar ends.
public struct BarSeries: Sendable {
    public var name: String
    public var values: [Double?]
    public var low: [Double?]?
    public var high: [Double?]?
    public init(name: String, values: [Double?], low: [Double?]? = nil, high: [Double?]? = nil) {
        self.name = name; self.values = values; self.low = low; self.high = high
    }
}

/// A labelled reference value drawn across a bar chart as a dashed line (a national average, a
/// baseline region, a target).
public struct ReferenceLine: Sendable {
    public var value: Double
    public var label: String
    public init(value: Double, label: String) {
        self.value = value; self.label = label
    }
}

/// Points of a scatter plot sharing a colour.
public struct ScatterGroup: Sendable {
    public var name: String
    public var x: [Double]
    public var y: [Double]
    public init(name: String, x: [Double], y: [Double]) {
        self.name = name; self.x = x; self.y = y
    }
}

/// A square of a tile map at (row, col), 0-based from the top left; nil value = no data (grey).
public struct Tile: Sendable {
    public var label: String
    public var row: Int
    public var col: Int
    public var value: Double?
    public init(label: String, row: Int, col: Int, value: Double?) {
        self.label = label; self.row = row; self.col = col; self.value = value
    }
}

extension Chart.Content {
    var seriesNames: [String] {
        switch self {
        case .line(let s, _): s.map(\.name)
        case .bar(_, let s, _, _, _): s.count > 1 ? s.map(\.name) : []
        case .stacked(_, let s): s.map(\.name)
        case .scatter(let g, _): g.count > 1 ? g.map(\.name) : []
        default: []
        }
    }
}

extension Plot {
    var legendShape: LegendItem.Shape {
        if case .categorical(let items) = legend, let f = items.first { return f.shape }
        return .square
    }
}
