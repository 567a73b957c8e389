/// Building a chart of any kind from columns (what `laborstat chart KIND` does).
extension Chart {
    /// A chart of `kind` from columns: rows with a missing x are skipped (so are rows with a missing
    /// y, except in line charts, where they leave a gap). Two rows for the same place (same x,
    /// colour and facet in line and bar charts) are an error: aggregate first.
    ///
    /// - `line`: numeric or date x, y; `color` = series; time axis for dates and whole years.
    /// - `bar`, `hbar`: categories in x, values in y; `color` = side-by-side groups (bar);
    ///   `low`/`high` = error bars. `hbar` ranks by value.
    /// - `stacked-bar`: categories in x, values in y, stacks by `color`.
    /// - `histogram`: the variable in x; Sturges bins with R's `pretty()` breaks, [low, high), the last closed.
    /// - `box`: groups in x, values in y.
    /// - `scatter`: x and y numbers; `color` = groups; `fit` adds a least-squares line.
    /// - `lorenz`: the variable in x (values ≥ 0); the Gini coefficient goes into the subtitle.
    /// - `tilemap`: the area (e.g. province) in x, the value in y; positions from `tileGrid`.
    public static func make(_ kind: ChartKind, data: ChartData, spec: ChartSpec, tileGrid: TileGrid? = nil, fit: Bool = false) throws -> Chart {
        let n = data.rowCount
        for c in [data.y, data.color, data.facet, data.low, data.high].compactMap({ $0 }) where c.count != n {
            throw ChartError.invalid("column \"\(c.name)\" has \(c.count) values, \"\(data.x.name)\" has \(n)")
        }
        if (data.low == nil) != (data.high == nil) { throw ChartError.invalid("error bars need both a low and a high column") }
        if data.low != nil && kind != .bar && kind != .hbar { throw ChartError.invalid("error bars (low/high) are drawn on bar and hbar charts only") }
        if [.histogram, .lorenz].contains(kind), let y = data.y {
            throw ChartError.invalid("\(kind.rawValue) takes its variable in x; the y column \"\(y.name)\" is not used")
        }
        if [.line, .bar, .hbar, .stackedBar, .box, .scatter, .tilemap].contains(kind), data.y == nil {
            throw ChartError.invalid("\(kind.rawValue) needs a y column")
        }
        if data.color != nil && [.histogram, .box, .lorenz, .tilemap, .hbar].contains(kind) {
            throw ChartError.invalid("\(kind.rawValue) does not take a colour column")
        }
        if kind == .stackedBar && data.color == nil { throw ChartError.invalid("stacked-bar needs a colour column: the parts of each stack") }
        if let facet = data.facet {
            if [.lorenz, .tilemap].contains(kind) { throw ChartError.invalid("\(kind.rawValue) cannot be faceted") }
            let all = Array(0..<n).filter { facet.label($0) != nil }
            let levels = facet.levels(rows: all)
            guard !levels.isEmpty else { throw ChartError.noData("every value of \"\(facet.name)\" is missing") }
            var panels: [(title: String, chart: Chart)] = []
            // Histograms share their breaks across panels.
            let breaks = kind == .histogram ? ChartStatistics.sturgesBreaks(try numbers(data.x, all)) : []
            // Every panel lists every category, in one order, so the panels line up.
            let categories = [.bar, .hbar, .stackedBar, .box].contains(kind) ? data.x.levels(rows: all) : nil
            for level in levels {
                let rows = all.filter { facet.label($0) == level }
                panels.append((level, try single(kind, data, rows: rows, spec: spec, tileGrid: tileGrid, fit: fit, breaks: breaks, categories: categories)))
            }
            return try facets(panels, spec: spec)
        }
        return try single(kind, data, rows: Array(0..<n), spec: spec, tileGrid: tileGrid, fit: fit, breaks: [], categories: nil)
    }

    static func numbers(_ c: ChartColumn, _ rows: [Int]) throws -> [Double] {
        guard c.isNumeric else { throw ChartError.invalid("column \"\(c.name)\" must hold numbers") }
        return rows.compactMap { c.number($0) }
    }

    static func requireNumeric(_ c: ChartColumn?, _ role: String, _ kind: ChartKind) throws {
        if let c, !c.isNumeric { throw ChartError.invalid("\(kind.rawValue) needs numbers in \(role); column \"\(c.name)\" holds text") }
    }

    private static func single(_ kind: ChartKind, _ d: ChartData, rows all: [Int], spec: ChartSpec, tileGrid: TileGrid?, fit: Bool, breaks: [Double], categories: [String]?) throws -> Chart {
        let rows = all.filter { d.x.label($0) != nil }
        let groupName = { (r: Int) -> String in d.color?.label(r) ?? "" }
        let groups = d.color.map { $0.levels(rows: rows) } ?? [""]
        switch kind {
        case .line:
            try requireNumeric(d.x, "x (numbers or dates; use bar for categories)", kind)
            try requireNumeric(d.y, "y", kind)
            let y = d.y!
            let time = d.x.isTime || d.x.looksLikeYears
            var series: [Series] = []
            for g in groups {
                let rs = rows.filter { groupName($0) == g && (d.color == nil || d.color!.label($0) != nil) }
                var seen = Set<Double>()
                for r in rs where !seen.insert(d.x.number(r)!).inserted {
                    throw ChartError.duplicate("two rows for \(d.x.name) = \(d.x.label(r)!)\(g.isEmpty ? "" : " in \"\(g)\"")")
                }
                series.append(Series(name: g.isEmpty ? y.name : g, x: rs.map { d.x.number($0)! }, y: rs.map { y.number($0) }))
            }
            var s = spec
            if s.yLabel == nil { s.yLabel = y.name }
            if s.xLabel == nil && !time { s.xLabel = d.x.name }
            return try line(series: series, time: time, spec: s)

        case .bar, .hbar, .stackedBar:
            try requireNumeric(d.y, "y", kind)
            try requireNumeric(d.low, "the low column", kind)
            try requireNumeric(d.high, "the high column", kind)
            let y = d.y!
            let cats = categories ?? d.x.levels(rows: rows)
            let index = Dictionary(uniqueKeysWithValues: cats.enumerated().map { ($0.element, $0.offset) })
            var series: [BarSeries] = []
            for g in groups {
                var v = [Double?](repeating: nil, count: cats.count)
                var lo: [Double?]? = d.low == nil ? nil : [Double?](repeating: nil, count: cats.count)
                var hi = lo
                var seen = Set<Int>()
                for r in rows where d.color == nil || d.color!.label(r) == g {
                    let i = index[d.x.label(r)!]!
                    guard seen.insert(i).inserted else {
                        throw ChartError.duplicate("two rows for \(d.x.name) = \(cats[i])\(g.isEmpty ? "" : " in \"\(g)\"")")
                    }
                    v[i] = y.number(r)
                    lo?[i] = d.low?.number(r)
                    hi?[i] = d.high?.number(r)
                }
                series.append(BarSeries(name: g.isEmpty ? y.name : g, values: v, low: lo, high: hi))
            }
            var s = spec
            if kind == .hbar {
                // In data terms --x holds the categories and --y the values; an hbar draws the values
                // along the horizontal axis, so the data labels trade places with the drawn axes.
                s.xLabel = spec.yLabel ?? y.name
                s.yLabel = spec.xLabel
                return try hbar(categories: cats, values: series[0].values, errorLow: series[0].low, errorHigh: series[0].high, spec: s)
            }
            if s.yLabel == nil { s.yLabel = y.name }
            if s.xLabel == nil && !(d.x.isTime || d.x.looksLikeYears) { s.xLabel = d.x.name }
            return kind == .bar ? try bar(categories: cats, series: series, spec: s) : try stackedBar(categories: cats, series: series, spec: s)

        case .histogram:
            let x = try numbers(d.x, rows)
            guard !x.isEmpty else { throw ChartError.noData("no values in \"\(d.x.name)\"") }
            var s = spec
            if s.xLabel == nil { s.xLabel = d.x.name }
            if s.yLabel == nil { s.yLabel = "频数" }
            let b = breaks.isEmpty ? ChartStatistics.sturgesBreaks(x) : breaks
            return try histogram(bins: ChartStatistics.histogram(x, breaks: b.count >= 2 ? b : [x[0] - 0.5, x[0] + 0.5]), spec: s)

        case .box:
            try requireNumeric(d.y, "y", kind)
            let y = d.y!
            let cats = categories ?? d.x.levels(rows: rows)
            var values = [[Double]](repeating: [], count: cats.count)
            let index = Dictionary(uniqueKeysWithValues: cats.enumerated().map { ($0.element, $0.offset) })
            for r in rows { if let v = y.number(r) { values[index[d.x.label(r)!]!].append(v) } }
            var s = spec
            if s.yLabel == nil { s.yLabel = y.name }
            if s.xLabel == nil { s.xLabel = d.x.name }
            return try box(groups: zip(cats, values).filter { !$0.1.isEmpty }.map { (name: $0.0, values: $0.1) }, spec: s)

        case .scatter:
            try requireNumeric(d.x, "x", kind)
            try requireNumeric(d.y, "y", kind)
            let y = d.y!
            var sg: [ScatterGroup] = []
            for g in groups {
                let rs = rows.filter { (d.color == nil || d.color!.label($0) == g) && y.number($0) != nil }
                sg.append(ScatterGroup(name: g, x: rs.map { d.x.number($0)! }, y: rs.map { y.number($0)! }))
            }
            var s = spec
            if s.xLabel == nil { s.xLabel = d.x.name }
            if s.yLabel == nil { s.yLabel = y.name }
            return try scatter(groups: sg, fit: fit, spec: s)

        case .lorenz:
            let x = try numbers(d.x, rows)
            let (points, gini) = try ChartStatistics.lorenz(x)
            var s = spec
            if s.xLabel == nil { s.xLabel = "人口累计比重" }
            if s.yLabel == nil { s.yLabel = d.x.name + "累计比重" }
            return try lorenz(points: thin(points), gini: gini, spec: s)

        case .tilemap:
            guard let grid = tileGrid else { throw ChartError.invalid("a tile map needs a tile grid") }
            try requireNumeric(d.y, "y", kind)
            let y = d.y!
            var values = [Double?](repeating: nil, count: grid.tiles.count)
            var from = [String?](repeating: nil, count: grid.tiles.count)
            for r in rows {
                let name = d.x.label(r)!
                guard let i = try grid.locate(name) else {
                    throw ChartError.invalid("\"\(name)\" in \"\(d.x.name)\" is not a province the tile map knows (row \(r + 1) of the data)")
                }
                if let prev = from[i] { throw ChartError.duplicate("\"\(prev)\" and \"\(name)\" are both \(grid.tiles[i].label)") }
                from[i] = name
                values[i] = y.number(r)
            }
            let tiles = grid.tiles.enumerated().map { Tile(label: $0.element.label, row: $0.element.row, col: $0.element.col, value: values[$0.offset]) }
            return try tilemap(tiles: tiles, spec: spec)
        }
    }

    /// At most ~1000 points of a Lorenz curve (every k-th, keeping both ends): the curve looks the
    /// same and the SVG stays small; the Gini is computed on all points.
    static func thin(_ p: [(Double, Double)]) -> [(Double, Double)] {
        guard p.count > 1001 else { return p }
        let k = (p.count + 999) / 1000
        var out = stride(from: 0, to: p.count, by: k).map { p[$0] }
        if out.last!.0 != p.last!.0 { out.append(p.last!) }
        return out
    }
}
