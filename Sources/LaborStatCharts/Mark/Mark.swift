/// The marks a chart is drawn with, in data space (positions go through the panel's scales).
///
/// Compound marks (`box`, `tile`) expand to primitives when drawn; each carries a `title` shown as
/// a tooltip by browsers.
enum Mark: Sendable {
    /// A polyline; a series with gaps is several `line` marks.
    case line(points: [(Pos, Pos)], stroke: String, width: Double, dash: String?)
    /// A filled polygon between an upper and a lower polyline (same x order).
    case area(upper: [(Pos, Pos)], lower: [(Pos, Pos)], fill: String, opacity: Double)
    /// A rectangle between two x and two y positions (bars, histogram bins, tiles).
    case rect(x0: Pos, x1: Pos, y0: Pos, y1: Pos, fill: String, stroke: String?, title: String?)
    /// A dot.
    case point(x: Pos, y: Pos, radius: Double, fill: String?, stroke: String?, opacity: Double, title: String?)
    /// A straight segment (error bars, reference lines, whiskers).
    case rule(x0: Pos, y0: Pos, x1: Pos, y1: Pos, stroke: String, width: Double, dash: String?)
    /// A label; `dx`/`dy` are pixel offsets after mapping.
    case text(x: Pos, y: Pos, text: String, size: Double, anchor: Anchor, fill: String, dx: Double, dy: Double, bold: Bool)
    /// A Tukey box: box from q1 to q3, median line, whiskers, outliers; vertical at band `index`.
    case box(index: Int, stats: BoxStats, color: String)
    /// A labelled square of a tile map at band (col, row), filled by value.
    case tile(col: Int, row: Int, label: String, valueText: String?, fill: String, title: String)
    /// A bar's value written at its end: inside the bar when it fits there, else just beyond it.
    /// `base`/`end` are on the value axis, `band` on the category axis.
    case barLabel(base: Pos, end: Pos, band: Pos, text: String, horizontal: Bool, barFill: String)

    enum Anchor: String, Sendable { case start, middle, end }
}

extension Pos {
    func remapped(_ map: [Int]?) -> Pos {
        guard let map, case .band(let i, let f) = self, i < map.count else { return self }
        return .band(map[i], f)
    }
}

extension Mark {
    /// The same mark with band indices moved (`x[i]`, `y[i]` = the new index of band i): facet
    /// panels drawn on a shared list of categories.
    func remappingBands(x: [Int]?, y: [Int]?) -> Mark {
        func px(_ p: Pos) -> Pos { p.remapped(x) }
        func py(_ p: Pos) -> Pos { p.remapped(y) }
        switch self {
        case let .line(points, stroke, width, dash):
            return .line(points: points.map { (px($0.0), py($0.1)) }, stroke: stroke, width: width, dash: dash)
        case let .area(upper, lower, fill, opacity):
            return .area(upper: upper.map { (px($0.0), py($0.1)) }, lower: lower.map { (px($0.0), py($0.1)) }, fill: fill, opacity: opacity)
        case let .rect(x0, x1, y0, y1, fill, stroke, title):
            return .rect(x0: px(x0), x1: px(x1), y0: py(y0), y1: py(y1), fill: fill, stroke: stroke, title: title)
        case let .point(x0, y0, r, fill, stroke, opacity, title):
            return .point(x: px(x0), y: py(y0), radius: r, fill: fill, stroke: stroke, opacity: opacity, title: title)
        case let .rule(x0, y0, x1, y1, stroke, width, dash):
            return .rule(x0: px(x0), y0: py(y0), x1: px(x1), y1: py(y1), stroke: stroke, width: width, dash: dash)
        case let .text(x0, y0, text, size, anchor, fill, dx, dy, bold):
            return .text(x: px(x0), y: py(y0), text: text, size: size, anchor: anchor, fill: fill, dx: dx, dy: dy, bold: bold)
        case let .box(index, stats, color):
            return .box(index: x.map { index < $0.count ? $0[index] : index } ?? index, stats: stats, color: color)
        case let .barLabel(b, e, band, text, horizontal, fill):
            return horizontal ? .barLabel(base: px(b), end: px(e), band: py(band), text: text, horizontal: true, barFill: fill)
                : .barLabel(base: py(b), end: py(e), band: px(band), text: text, horizontal: false, barFill: fill)
        case .tile:
            return self
        }
    }
}

/// Tukey's box-plot statistics of one group.
public struct BoxStats: Sendable, Equatable {
    public var n: Int
    public var q1: Double, median: Double, q3: Double
    /// The most extreme values within 1.5 IQR of the box.
    public var lowerWhisker: Double, upperWhisker: Double
    /// Values beyond the whiskers, ascending.
    public var outliers: [Double]
}

/// A legend: coloured keys for series, or a colour ramp for values.
enum Legend: Sendable {
    case categorical([LegendItem])
    case sequential(lo: Double, hi: Double, ticks: [Double], labels: [String], missingLabel: String?)
}

struct LegendItem: Sendable {
    enum Shape: Sendable { case square, line, point, dashed }
    var label: String
    var color: String
    var shape: Shape
}

/// One panel's marks (a chart has one panel, or one per facet).
struct Panel: Sendable {
    var title: String?
    var marks: [Mark]
}

/// A chart before layout: scales' domains, the marks of each panel, guides.
struct Plot: Sendable {
    var x: AxisSpec
    var y: AxisSpec
    var panels: [Panel]
    var legend: Legend?
    /// Tile maps: square cells, no axes.
    var squareCells = false
    /// Text for `<desc>`.
    var summary: String
}

/// One axis: its scale's domain and how it is drawn.
struct AxisSpec: Sendable {
    var scale: ScaleSpec
    var title: String?
    var visible = true
    var grid = true
    /// Draw a darker line at 0 (bars, histograms).
    var zeroLine = false
    var units: NumberUnits = .plain
}
