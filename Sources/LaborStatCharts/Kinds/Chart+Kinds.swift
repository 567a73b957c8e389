/// The chart kinds: public constructors check the data; `plot(_:)` turns each into scales and marks.
extension Chart {
    // MARK: - Constructors

    /// Lines over x, one per series (trends). `time`: x holds years (fractional for dates) and
    /// gets year ticks ("2013", never "2,013").
    public static func line(series: [Series], time: Bool = true, spec: ChartSpec) throws -> Chart {
        guard series.contains(where: { $0.y.contains { $0 != nil } }) else { throw ChartError.noData("every y value is missing") }
        for s in series {
            guard s.x.count == s.y.count else { throw ChartError.invalid("series \"\(s.name)\": \(s.x.count) x values but \(s.y.count) y values") }
            try checkFinite(s.x, "x of series \"\(s.name)\"")
            try checkFinite(s.y.compactMap { $0 }, "y of series \"\(s.name)\"")
            if spec.logY, let bad = s.y.compactMap({ $0 }).first(where: { $0 <= 0 }) { throw ChartError.nonPositiveOnLogScale(bad) }
        }
        return Chart(spec: spec, content: .line(series, time: time))
    }

    /// Vertical bars, one per category (several series are drawn side by side), with optional
    /// error bars from `low` to `high` (e.g. a confidence interval).
    public static func bar(categories: [String], series: [BarSeries], reference: ReferenceLine? = nil, spec: ChartSpec) throws -> Chart {
        try checkBars(categories, series, spec)
        if let r = reference { try checkFinite([r.value], "the reference line") }
        return Chart(spec: spec, content: .bar(categories: categories, series: series, horizontal: false, ranked: false, reference: reference))
    }

    /// One series of vertical bars: `Chart.bar(categories:values:errorLow:errorHigh:spec:)`.
    public static func bar(categories: [String], values: [Double?], errorLow: [Double?]? = nil, errorHigh: [Double?]? = nil, reference: ReferenceLine? = nil, spec: ChartSpec) throws -> Chart {
        try bar(categories: categories, series: [BarSeries(name: spec.yLabel ?? "", values: values, low: errorLow, high: errorHigh)], reference: reference, spec: spec)
    }

    /// Horizontal bars ranked by value, the largest on top (missing values last), with optional error bars.
    public static func hbar(categories: [String], values: [Double?], errorLow: [Double?]? = nil, errorHigh: [Double?]? = nil, ranked: Bool = true, reference: ReferenceLine? = nil, spec: ChartSpec) throws -> Chart {
        let s = [BarSeries(name: spec.xLabel ?? "", values: values, low: errorLow, high: errorHigh)]
        try checkBars(categories, s, spec)
        if let r = reference { try checkFinite([r.value], "the reference line") }
        var cats = categories, ser = s
        if ranked {
            let order = categories.indices.sorted { a, b in
                switch (values[a], values[b]) {
                case let (x?, y?): return x != y ? x > y : a < b
                case (nil, nil): return a < b
                case (nil, _): return false
                case (_, nil): return true
                }
            }
            cats = order.map { categories[$0] }
            ser = s.map { b in
                BarSeries(name: b.name, values: order.map { b.values[$0] }, low: b.low.map { l in order.map { l[$0] } }, high: b.high.map { h in order.map { h[$0] } })
            }
        }
        // Every category keeps its label: the chart grows in height (18 px a bar at least, above
        // the tick line height) instead of naming only every other bar.
        var grown = spec
        grown.height = max(spec.height, 150 + 18 * Double(cats.count))
        return Chart(spec: grown, content: .bar(categories: cats, series: ser, horizontal: true, ranked: ranked, reference: reference))
    }

    /// Bars stacked by series (e.g. migrant workers by region of employment over the years).
    /// Negative parts stack below zero.
    public static func stackedBar(categories: [String], series: [BarSeries], spec: ChartSpec) throws -> Chart {
        try checkBars(categories, series, spec)
        if spec.logY { throw ChartError.invalid("stacked bars cannot use a log scale") }
        return Chart(spec: spec, content: .stacked(categories: categories, series: series))
    }

    /// A histogram of bins [low, high) with counts (or densities).
    public static func histogram(bins: [HistogramBin], spec: ChartSpec) throws -> Chart {
        guard !bins.isEmpty else { throw ChartError.noData("no bins") }
        try checkFinite(bins.flatMap { [$0.low, $0.high, $0.count] }, "bins")
        return Chart(spec: spec, content: .histogram(bins))
    }

    /// Tukey box plots, one per group: quartiles by Hyndman–Fan type 7, whiskers to 1.5 IQR, outliers.
    public static func box(groups: [(name: String, values: [Double])], spec: ChartSpec) throws -> Chart {
        var stats: [(String, BoxStats)] = []
        for g in groups {
            try checkFinite(g.values.filter { !$0.isNaN }, "values of group \"\(g.name)\"")
            if let s = ChartStatistics.box(g.values) { stats.append((g.name, s)) }
        }
        guard !stats.isEmpty else { throw ChartError.noData("every group is empty") }
        if spec.logY, let bad = groups.flatMap(\.values).first(where: { $0 <= 0 }) { throw ChartError.nonPositiveOnLogScale(bad) }
        return Chart(spec: spec, content: .box(stats))
    }

    /// Points (x, y), optionally coloured by group, with an optional least-squares line.
    public static func scatter(groups: [ScatterGroup], fit: Bool = false, spec: ChartSpec) throws -> Chart {
        guard groups.contains(where: { !$0.x.isEmpty }) else { throw ChartError.noData("no points") }
        for g in groups {
            guard g.x.count == g.y.count else { throw ChartError.invalid("group \"\(g.name)\": \(g.x.count) x values but \(g.y.count) y values") }
            try checkFinite(g.x + g.y, "points")
            if spec.logY, let bad = g.y.first(where: { $0 <= 0 }) { throw ChartError.nonPositiveOnLogScale(bad) }
        }
        return Chart(spec: spec, content: .scatter(groups, fit: fit))
    }

    /// `Chart.scatter(x:y:fit:spec:)`: one group.
    public static func scatter(x: [Double], y: [Double], fit: Bool = false, spec: ChartSpec) throws -> Chart {
        try scatter(groups: [ScatterGroup(name: "", x: x, y: y)], fit: fit, spec: spec)
    }

    /// A Lorenz curve through `points` (cumulative population share, cumulative value share), with
    /// the line of equality; the Gini coefficient is added to the subtitle.
    public static func lorenz(points: [(Double, Double)], gini: Double, spec: ChartSpec) throws -> Chart {
        guard points.count >= 2 else { throw ChartError.noData("a Lorenz curve needs at least two points") }
        try checkFinite(points.flatMap { [$0.0, $0.1] } + [gini], "Lorenz points")
        var s = spec
        let g = "基尼系数（Gini）= " + NumberFormat(decimals: 3).string(gini)
        s.subtitle = spec.subtitle.map { $0 + "；" + g } ?? g
        return Chart(spec: s, content: .lorenz(points, gini: gini))
    }

    /// A tile map: labelled squares at (row, col) filled by value on a sequential scale; missing
    /// values grey. Positions come from the caller (the regions module's province grid).
    public static func tilemap(tiles: [Tile], spec: ChartSpec) throws -> Chart {
        guard !tiles.isEmpty else { throw ChartError.noData("no tiles") }
        guard tiles.allSatisfy({ $0.row >= 0 && $0.col >= 0 }) else { throw ChartError.invalid("tile rows and columns must be ≥ 0") }
        try checkFinite(tiles.compactMap(\.value), "tile values")
        var seen = Set<Int>()
        for t in tiles {
            guard seen.insert(t.row * 10_000 + t.col).inserted else { throw ChartError.duplicate("two tiles at row \(t.row), column \(t.col)") }
        }
        return Chart(spec: spec, content: .tilemap(tiles))
    }

    /// Small multiples: one panel per (title, chart), sharing scales and series colours. The
    /// panels must be of one kind (line, bar, hbar, stacked bar, scatter, histogram or box).
    public static func facets(_ panels: [(title: String, chart: Chart)], spec: ChartSpec) throws -> Chart {
        guard let first = panels.first else { throw ChartError.noData("no panels") }
        for p in panels where p.chart.content.kindName != first.chart.content.kindName {
            throw ChartError.invalid("facets must all be of one kind (\(first.chart.content.kindName), not \(p.chart.content.kindName))")
        }
        if case .tilemap = first.chart.content { throw ChartError.invalid("tile maps cannot be faceted") }
        if case .lorenz = first.chart.content { throw ChartError.invalid("Lorenz curves cannot be faceted") }
        return Chart(spec: spec, content: .facets(panels.map { ($0.title, $0.chart.content) }))
    }

    static func checkFinite(_ v: [Double], _ what: String) throws {
        if let bad = v.first(where: { !$0.isFinite }) { throw ChartError.notFinite("\(bad) in \(what)") }
    }

    static func checkBars(_ categories: [String], _ series: [BarSeries], _ spec: ChartSpec) throws {
        guard !categories.isEmpty, !series.isEmpty else { throw ChartError.noData("no categories") }
        for s in series {
            guard s.values.count == categories.count, (s.low?.count ?? categories.count) == categories.count,
                  (s.high?.count ?? categories.count) == categories.count else {
                throw ChartError.invalid("series \"\(s.name)\" has \(s.values.count) values for \(categories.count) categories")
            }
            try checkFinite(s.values.compactMap { $0 } + (s.low ?? []).compactMap { $0 } + (s.high ?? []).compactMap { $0 }, "bar values")
        }
        guard series.contains(where: { $0.values.contains { $0 != nil } }) else { throw ChartError.noData("every value is missing") }
        if spec.logY { throw ChartError.invalid("bars start at zero, which a log scale cannot show; use a line or scatter chart") }
    }
}

extension Chart.Content {
    var kindName: String {
        switch self {
        case .line: "line"
        case .bar(_, _, let h, _, _): h ? "hbar" : "bar"
        case .stacked: "stacked-bar"
        case .histogram: "histogram"
        case .box: "box"
        case .scatter: "scatter"
        case .lorenz: "lorenz"
        case .tilemap: "tilemap"
        case .facets: "facets"
        }
    }
}
