/// What every chart shares: texts, size, axis options.
///
/// ```swift
/// var spec = ChartSpec(title: "农民工总量", subtitle: "2008–2024年", source: "来源：国家统计局")
/// spec.yLabel = "万人"
/// let svg = try Chart.line(series: [total], spec: spec).render()
/// ```
public struct ChartSpec: Sendable {
    public var title: String?
    public var subtitle: String?
    /// The source note, bottom left in grey (give it whole, e.g. "来源：国家统计局《农民工监测调查报告》").
    public var source: String?
    /// Size in px (SVG user units).
    public var width: Double = 720
    public var height: Double = 440
    /// Axis titles: the y title is set horizontally above the plot, top left.
    public var xLabel: String?
    public var yLabel: String?
    /// A log₁₀ value axis (values must be > 0).
    public var logY = false
    /// 万/亿 units for the value axis and labels.
    public var units: NumberUnits = .plain
    /// Replaces the generated `<desc>` (a one-sentence summary of the data).
    public var description: String?
    /// Facet grid columns (default: about √n).
    public var facetColumns: Int?
    /// Bar and hbar charts of one series: categories drawn in a contrasting colour (e.g. 全国 among
    /// the provinces).
    public var highlight: [String] = []
    /// Bar and hbar charts of one series: write each value at its bar's end.
    public var valueLabels = false
    /// Line charts: draw across a gap (an absent period or a missing value) on purpose, dashed;
    /// by default a line breaks there, so it never shows data that does not exist.
    public var connectGaps = false
    /// The label of the grey "no data" key of tile maps.
    public var missingLabel = "无数据"

    public init(title: String? = nil, subtitle: String? = nil, source: String? = nil, width: Double = 720, height: Double = 440) {
        self.title = title
        self.subtitle = subtitle
        self.source = source
        self.width = width
        self.height = height
    }
}
