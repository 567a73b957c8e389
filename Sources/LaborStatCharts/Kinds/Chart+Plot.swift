/// Each kind as scales, marks and guides.
extension Chart {
    static func color(_ name: String, _ names: [String]) -> String {
        Palette.categorical(names.firstIndex(of: name) ?? 0)
    }

    static func plot(_ content: Content, spec: ChartSpec, colors names: [String]) -> Plot {
        let units = spec.units
        func yAxis(_ lo: Double, _ hi: Double, zero: Bool) -> AxisSpec {
            AxisSpec(scale: .continuous(lo: lo, hi: hi, kind: spec.logY ? .log : .linear(nice: true, zero: zero)), title: spec.yLabel, units: units)
        }
        let label = { (v: Double) in NumberFormat.label(v, units: units) }

        switch content {
        // MARK: line
        case let .line(series, time):
            let xs = series.flatMap(\.x), ys = series.flatMap { $0.y.compactMap { $0 } }
            let x = AxisSpec(scale: .continuous(lo: xs.min() ?? 0, hi: xs.max() ?? 1, kind: time ? .time : .linear(nice: true, zero: false)),
                             title: spec.xLabel, grid: false, units: .plain)
            var marks: [Mark] = []
            let dense = series.map { $0.x.count }.max() ?? 0 > 40
            let step = time ? Chart.periodStep(series) : nil
            for s in series {
                let c = color(s.name, names)
                let order = s.x.indices.sorted { s.x[$0] < s.x[$1] }
                var segment: [(Pos, Pos)] = []
                var segments: [[(Pos, Pos)]] = []
                // A line breaks where a value is missing and equally where a period is absent
                // (the next x is more than one step on), so it never draws data that does not exist.
                var lastX: Double? = nil
                for i in order {
                    if let v = s.y[i] {
                        if let lastX, let step, s.x[i] - lastX > step * 1.5, !segment.isEmpty { segments.append(segment); segment = [] }
                        segment.append((.value(s.x[i]), .value(v)))
                    } else if !segment.isEmpty { segments.append(segment); segment = [] }
                    lastX = s.x[i]
                }
                if !segment.isEmpty { segments.append(segment) }
                // Past the eight palette colours, lines repeat them dashed.
                let dashed = (names.firstIndex(of: s.name) ?? 0) >= Palette.okabeIto.count
                for seg in segments where seg.count > 1 { marks.append(.line(points: seg, stroke: c, width: 2.2, dash: dashed ? "6 3" : nil)) }
                if spec.connectGaps {
                    // Across each gap on purpose: thin and dashed, so it reads as "no data here".
                    for k in segments.indices.dropLast() {
                        marks.append(.line(points: [segments[k].last!, segments[k + 1].first!], stroke: c, width: 1.4, dash: "2 4"))
                    }
                }
                for i in order {
                    guard let v = s.y[i] else { continue }
                    let single = segments.contains { $0.count == 1 && { if case .value(let a) = $0[0].0 { return a == s.x[i] }; return false }($0) }
                    if !dense || single {
                        let xt = time ? yearText(s.x[i]) : label(s.x[i])
                        marks.append(.point(x: .value(s.x[i]), y: .value(v), radius: 2.8, fill: c, stroke: "#FFFFFF", opacity: 1,
                                            title: (s.name.isEmpty ? "" : s.name + ": ") + xt + " " + label(v)))
                    }
                }
            }
            let legend: Legend? = series.count > 1 ? .categorical(series.map {
                LegendItem(label: $0.name, color: color($0.name, names), shape: (names.firstIndex(of: $0.name) ?? 0) >= Palette.okabeIto.count ? .dashed : .line)
            }) : nil
            let summary = "Line chart of \(series.count) series (\(series.map(\.name).joined(separator: ", "))); x from \(time ? yearText(xs.min() ?? 0) : label(xs.min() ?? 0)) to \(time ? yearText(xs.max() ?? 0) : label(xs.max() ?? 0)); y from \(label(ys.min() ?? 0)) to \(label(ys.max() ?? 0))."
            return Plot(x: x, y: yAxis(ys.min() ?? 0, ys.max() ?? 1, zero: false), panels: [Panel(title: nil, marks: marks)], legend: legend, summary: summary)

        // MARK: bar, hbar
        case let .bar(categories, series, horizontal, ranked, reference):
            var marks: [Mark] = []
            var lo = 0.0, hi = 0.0
            let k = Double(series.count)
            for (j, s) in series.enumerated() {
                let hasErrors = series.contains { $0.low != nil }
                // Under error bars a lighter fill keeps the dark whiskers legible.
                let c = series.count > 1 ? color(s.name, names) : (hasErrors ? Palette.categorical(5) : Palette.categorical(0))
                for (i, v) in s.values.enumerated() {
                    let c = series.count == 1 && spec.highlight.contains(categories[i]) ? Palette.categorical(3) : c
                    let f0 = Double(j) / k, f1 = Double(j + 1) / k
                    let fc = (f0 + f1) / 2
                    if let v {
                        lo = min(lo, v); hi = max(hi, v)
                        let tip = categories[i] + (s.name.isEmpty || series.count == 1 ? "" : " · " + s.name) + ": " + label(v)
                        if horizontal {
                            marks.append(.rect(x0: .value(0), x1: .value(v), y0: .band(i, f0 + 0.02), y1: .band(i, f1 - 0.02), fill: c, stroke: nil, title: tip))
                        } else {
                            marks.append(.rect(x0: .band(i, f0 + (k > 1 ? 0.02 : 0)), x1: .band(i, f1 - (k > 1 ? 0.02 : 0)), y0: .value(0), y1: .value(v), fill: c, stroke: nil, title: tip))
                        }
                    }
                    if spec.valueLabels, series.count == 1, s.low == nil, let v {
                        marks.append(.barLabel(base: .value(0), end: .value(v), band: .band(i, fc), text: label(v), horizontal: horizontal, barFill: c))
                    }
                    if let l = s.low?[i], let h = s.high?[i] {
                        lo = min(lo, l); hi = max(hi, h)
                        let w = 0.18 / k
                        let ink = "#262626"
                        if horizontal {
                            marks.append(.rule(x0: .value(l), y0: .band(i, fc), x1: .value(h), y1: .band(i, fc), stroke: ink, width: 1.2, dash: nil))
                            for e in [l, h] { marks.append(.rule(x0: .value(e), y0: .band(i, fc - w), x1: .value(e), y1: .band(i, fc + w), stroke: ink, width: 1.2, dash: nil)) }
                        } else {
                            marks.append(.rule(x0: .band(i, fc), y0: .value(l), x1: .band(i, fc), y1: .value(h), stroke: ink, width: 1.2, dash: nil))
                            for e in [l, h] { marks.append(.rule(x0: .band(i, fc - w), y0: .value(e), x1: .band(i, fc + w), y1: .value(e), stroke: ink, width: 1.2, dash: nil)) }
                        }
                    }
                }
            }
            if let ref = reference {
                // A dashed line across all bands, labelled at its end (top of an hbar, right of a bar).
                lo = min(lo, ref.value); hi = max(hi, ref.value)
                let ink = "#404040"
                let text = ref.label.isEmpty ? label(ref.value) : ref.label + " " + label(ref.value)
                let last = categories.count - 1
                if horizontal {
                    marks.append(.rule(x0: .value(ref.value), y0: .band(0, -0.12), x1: .value(ref.value), y1: .band(last, 1.12), stroke: ink, width: 1.2, dash: "4 3"))
                    marks.append(.text(x: .value(ref.value), y: .band(0, -0.12), text: text, size: 11, anchor: .start, fill: ink, dx: 4, dy: 0, bold: false))
                } else {
                    marks.append(.rule(x0: .band(0, -0.12), y0: .value(ref.value), x1: .band(last, 1.12), y1: .value(ref.value), stroke: ink, width: 1.2, dash: "4 3"))
                    marks.append(.text(x: .band(last, 1.12), y: .value(ref.value), text: text, size: 11, anchor: .end, fill: ink, dx: 0, dy: -4, bold: false))
                }
            }
            let legend: Legend? = series.count > 1 ? .categorical(series.map { LegendItem(label: $0.name, color: color($0.name, names), shape: .square) }) : nil
            let values = series.flatMap { $0.values.compactMap { $0 } }
            let errs = series.contains { $0.low != nil } ? " with error bars" : ""
            let summary = "\(horizontal ? "Horizontal bar" : "Bar") chart\(ranked ? " ranked by value" : "")\(errs) of \(categories.count) categories (\(categories.prefix(8).joined(separator: ", "))\(categories.count > 8 ? ", …" : "")); values from \(label(values.min() ?? 0)) to \(label(values.max() ?? 0))\(reference.map { "; reference line \($0.label) at \(label($0.value))" } ?? "")."
            var band = AxisSpec(scale: .band(categories), grid: false)
            var value = AxisSpec(scale: .continuous(lo: lo, hi: hi, kind: .linear(nice: true, zero: true)), zeroLine: true, units: units)
            if horizontal {
                band.title = spec.yLabel
                value.title = spec.xLabel
                return Plot(x: value, y: band, panels: [Panel(title: nil, marks: marks)], legend: legend, summary: summary)
            }
            band.title = spec.xLabel
            value.title = spec.yLabel
            return Plot(x: band, y: value, panels: [Panel(title: nil, marks: marks)], legend: legend, summary: summary)

        // MARK: stacked bar
        case let .stacked(categories, series):
            var marks: [Mark] = []
            var lo = 0.0, hi = 0.0
            for (i, cat) in categories.enumerated() {
                var up = 0.0, down = 0.0
                for s in series {
                    guard let v = s.values[i], v != 0 else { continue }
                    let base = v > 0 ? up : down
                    let top = base + v
                    if v > 0 { up = top } else { down = top }
                    marks.append(.rect(x0: .band(i, 0), x1: .band(i, 1), y0: .value(base), y1: .value(top), fill: color(s.name, names), stroke: "#FFFFFF",
                                       title: "\(cat) · \(s.name): \(label(v))"))
                }
                lo = min(lo, down); hi = max(hi, up)
            }
            let legend = Legend.categorical(series.map { LegendItem(label: $0.name, color: color($0.name, names), shape: .square) })
            let summary = "Stacked bar chart of \(categories.count) categories (\(categories.prefix(8).joined(separator: ", "))\(categories.count > 8 ? ", …" : "")) by \(series.count) series (\(series.map(\.name).joined(separator: ", "))); totals up to \(label(hi))."
            let x = AxisSpec(scale: .band(categories), title: spec.xLabel, grid: false)
            let y = AxisSpec(scale: .continuous(lo: lo, hi: hi, kind: .linear(nice: true, zero: true)), title: spec.yLabel, zeroLine: true, units: units)
            return Plot(x: x, y: y, panels: [Panel(title: nil, marks: marks)], legend: legend, summary: summary)

        // MARK: histogram
        case .histogram(let bins):
            let marks: [Mark] = bins.map { b in
                .rect(x0: .value(b.low), x1: .value(b.high), y0: .value(0), y1: .value(b.count), fill: Palette.categorical(0), stroke: "#FFFFFF",
                      title: "[\(label(b.low)), \(label(b.high))): \(label(b.count))")
            }
            let lo = bins.map(\.low).min() ?? 0, hi = bins.map(\.high).max() ?? 1
            let total = bins.reduce(0) { $0 + $1.count }
            let x = AxisSpec(scale: .continuous(lo: lo, hi: hi, kind: .linear(nice: false, zero: false)), title: spec.xLabel, grid: false, units: units)
            let y = AxisSpec(scale: .continuous(lo: 0, hi: bins.map(\.count).max() ?? 1, kind: .linear(nice: true, zero: true)), title: spec.yLabel, zeroLine: true)
            let summary = "Histogram of \(bins.count) bins from \(label(lo)) to \(label(hi)), \(label(total)) in all."
            return Plot(x: x, y: y, panels: [Panel(title: nil, marks: marks)], legend: nil, summary: summary)

        // MARK: box
        case .box(let groups):
            let marks: [Mark] = groups.enumerated().map { .box(index: $0.offset, stats: $0.element.1, color: Palette.categorical(0)) }
            let all = groups.flatMap { [$0.1.lowerWhisker, $0.1.upperWhisker] + $0.1.outliers }
            let x = AxisSpec(scale: .band(groups.map(\.0)), title: spec.xLabel, grid: false)
            let summary = "Box plot of \(groups.count) groups: " + groups.prefix(8).map { "\($0.0) median \(label($0.1.median)) (n = \($0.1.n))" }.joined(separator: ", ") + (groups.count > 8 ? ", …" : "") + ". Quartiles by Hyndman–Fan type 7; whiskers to 1.5 IQR."
            return Plot(x: x, y: yAxis(all.min() ?? 0, all.max() ?? 1, zero: false), panels: [Panel(title: nil, marks: marks)], legend: nil, summary: summary)

        // MARK: scatter
        case let .scatter(groups, fit):
            var marks: [Mark] = []
            let allX = groups.flatMap(\.x), allY = groups.flatMap(\.y)
            let n = allX.count
            let r = n > 500 ? 2.0 : 3.2
            for g in groups {
                let c = groups.count > 1 ? color(g.name, names) : Palette.categorical(0)
                for i in g.x.indices {
                    marks.append(.point(x: .value(g.x[i]), y: .value(g.y[i]), radius: r, fill: c, stroke: nil, opacity: n > 200 ? 0.45 : 0.75,
                                        title: n <= 2000 ? "(\(label(g.x[i])), \(label(g.y[i])))" : nil))
                }
            }
            var legendItems: [LegendItem] = groups.count > 1 ? groups.map { LegendItem(label: $0.name, color: color($0.name, names), shape: .point) } : []
            var fitText = ""
            if fit, let f = ChartStatistics.leastSquares(x: allX, y: allY), let x0 = allX.min(), let x1 = allX.max() {
                marks.append(.line(points: [(.value(x0), .value(f.intercept + f.slope * x0)), (.value(x1), .value(f.intercept + f.slope * x1))],
                                   stroke: "#D55E00", width: 2, dash: nil))
                let sig = { (v: Double) in NumberFormat.label(v, units: .plain) }
                let sign = f.slope < 0 ? " \u{2212} " : " + "
                fitText = "线性拟合（OLS）：y = \(sig(f.intercept))\(sign)\(sig(abs(f.slope)))x，R² = \(NumberFormat(decimals: 3).string(f.r2))"
                legendItems.append(LegendItem(label: fitText, color: "#D55E00", shape: .line))
            }
            let x = AxisSpec(scale: .continuous(lo: allX.min() ?? 0, hi: allX.max() ?? 1, kind: .linear(nice: true, zero: false)), title: spec.xLabel, units: units)
            let summary = "Scatter plot of \(n) points\(groups.count > 1 ? " in \(groups.count) groups" : "")\(fitText.isEmpty ? "" : "; " + fitText)."
            return Plot(x: x, y: yAxis(allY.min() ?? 0, allY.max() ?? 1, zero: false), panels: [Panel(title: nil, marks: marks)],
                        legend: legendItems.isEmpty ? nil : .categorical(legendItems), summary: summary)

        // MARK: lorenz
        case let .lorenz(points, gini):
            let c = Palette.categorical(0)
            let curve = points.map { (Pos.value($0.0), Pos.value($0.1)) }
            let diagonal = points.map { (Pos.value($0.0), Pos.value($0.0)) }
            let marks: [Mark] = [
                .area(upper: diagonal, lower: curve, fill: c, opacity: 0.14),
                .rule(x0: .value(0), y0: .value(0), x1: .value(1), y1: .value(1), stroke: "#8C8C8C", width: 1.2, dash: "5 4"),
                .line(points: curve, stroke: c, width: 2.4, dash: nil),
            ]
            let x = AxisSpec(scale: .continuous(lo: 0, hi: 1, kind: .percent), title: spec.xLabel)
            let y = AxisSpec(scale: .continuous(lo: 0, hi: 1, kind: .percent), title: spec.yLabel)
            let legend = Legend.categorical([
                LegendItem(label: "洛伦兹曲线", color: c, shape: .line),
                LegendItem(label: "绝对平等线", color: "#8C8C8C", shape: .dashed),
            ])
            let summary = "Lorenz curve of \(points.count - 1) points; Gini coefficient \(NumberFormat(decimals: 3).string(gini))."
            return Plot(x: x, y: y, panels: [Panel(title: nil, marks: marks)], legend: legend, summary: summary)

        // MARK: tilemap
        case .tilemap(let tiles):
            let values = tiles.compactMap(\.value)
            let lo = values.min() ?? 0, hi = values.max() ?? 1
            let rows = (tiles.map(\.row).max() ?? 0) + 1, cols = (tiles.map(\.col).max() ?? 0) + 1
            let marks: [Mark] = tiles.map { t in
                let fill = t.value.map { Palette.sequential(hi > lo ? ($0 - lo) / (hi - lo) : 0.5) } ?? Palette.missing
                let v = t.value.map(label)
                return .tile(col: t.col, row: t.row, label: t.label, valueText: v, fill: fill, title: t.label + ": " + (v ?? spec.missingLabel))
            }
            var ticks = NiceTicks.pretty(lo, hi, n: 4).filter { $0 >= lo - 1e-9 * abs(lo) && $0 <= hi + 1e-9 * abs(hi) }
            if ticks.isEmpty { ticks = [lo, hi] }
            let step = ticks.count > 1 ? ticks[1] - ticks[0] : max(abs(hi), 1)
            let f = NumberFormat.axis(ticks: ticks, step: step, units: units)
            let missing = tiles.contains { $0.value == nil }
            let legend = Legend.sequential(lo: lo, hi: hi, ticks: ticks, labels: ticks.map { f.string($0) }, missingLabel: missing ? spec.missingLabel : nil)
            let x = AxisSpec(scale: .band((0..<cols).map { "c\($0)" }), visible: false, grid: false)
            let y = AxisSpec(scale: .band((0..<rows).map { "r\($0)" }), visible: false, grid: false)
            let shown = tiles.filter { $0.value != nil }.sorted { $0.value! > $1.value! }
            let summary = "Tile map of \(tiles.count) areas, \(values.count) with data, from \(label(lo)) to \(label(hi))" +
                (shown.isEmpty ? "." : "; highest: " + shown.prefix(3).map { "\($0.label) \(label($0.value!))" }.joined(separator: ", ") + ".")
            var p = Plot(x: x, y: y, panels: [Panel(title: nil, marks: marks)], legend: legend, summary: summary)
            p.squareCells = true
            return p

        case .facets:
            return Chart(spec: spec, content: content).makePlot()
        }
    }

    static func yearText(_ v: Double) -> String {
        v.rounded() == v && abs(v) < 1e15 ? String(Int(v)) : NumberFormat.fixed(v, decimals: 2, grouping: false)
    }
}

extension Chart {
    /// The period's own step on a time axis: the smallest gap between two consecutive distinct x
    /// values of any series (1 for years, 0.25 for quarters, about 1/12 for months); nil with
    /// fewer than two periods.
    static func periodStep(_ series: [Series]) -> Double? {
        var best: Double? = nil
        for s in series {
            let xs = Array(Set(s.x)).sorted()
            for (a, b) in zip(xs, xs.dropFirst()) where b - a > 1e-9 {
                best = min(best ?? .infinity, b - a)
            }
        }
        return best
    }
}
