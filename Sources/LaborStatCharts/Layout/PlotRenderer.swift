/// Lays out a `Plot` on a page and writes it as SVG.
///
/// Layout, top to bottom: title, subtitle, legend, the y-axis title (set horizontally, top left,
/// so CJK is never turned on its side), the panels (one per facet, in a grid; each with its strip
/// title, gridlines, marks, x labels; the first column carries the y labels), the x-axis title, the
/// source note. Margins come from the measured labels, in two passes (the y labels' width sets the
/// panel width, which sets how the x labels are set, which sets the panel height, which sets the
/// y ticks).
struct PlotRenderer {
    var plot: Plot
    var spec: ChartSpec

    private struct TextLine {
        var text: String
        var size: Double
        var color: String
        var bold: Bool
        var baseline: Double
    }

    func render() -> String {
        let W = max(spec.width, 160), H = max(spec.height, 120)
        let pad = Style.pad
        let innerW = W - 2 * pad
        let id = "ls-" + String(contentHash((spec.title ?? "") + "|" + (spec.subtitle ?? "") + "|" + plot.summary).prefix(10))

        // MARK: Header
        var header: [TextLine] = []
        var y = pad
        func addLines(_ text: String?, size: Double, color: String, bold: Bool) {
            guard let text, !text.isEmpty else { return }
            for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
                for line in TextMetrics.wrap(String(paragraph), maxWidth: innerW, fontSize: size, bold: bold) {
                    header.append(TextLine(text: line, size: size, color: color, bold: bold, baseline: y + size * 1.0))
                    y += size * Style.leading
                }
            }
        }
        addLines(spec.title, size: Style.titleSize, color: Style.titleColor, bold: true)
        if spec.title != nil { y += 2 }
        addLines(spec.subtitle, size: Style.subtitleSize, color: Style.subtitleColor, bold: false)
        if !header.isEmpty { y += 8 }

        // MARK: Legend
        var legendSVG = SVGWriter()
        if let legend = plot.legend {
            y = drawLegend(legend, into: &legendSVG, top: y, width: innerW, id: id) + 6
        }

        // MARK: Y title (horizontal, top left)
        var yTitle: TextLine? = nil
        if plot.y.visible, let t = plot.y.title, !t.isEmpty {
            let s = TextMetrics.truncate(t, maxWidth: innerW, fontSize: Style.axisTitleSize)
            yTitle = TextLine(text: s, size: Style.axisTitleSize, color: Style.tickColor, bold: false, baseline: y + Style.axisTitleSize)
            y += Style.axisTitleSize * Style.leading + 10
        } else {
            y += 10
        }
        let plotTop = y

        // MARK: Footer
        var footer: [TextLine] = []
        var bottom = H - pad
        if let src = spec.source, !src.isEmpty {
            let lines = src.split(separator: "\n").flatMap { TextMetrics.wrap(String($0), maxWidth: innerW, fontSize: Style.sourceSize) }
            bottom -= Double(lines.count) * Style.sourceSize * Style.leading
            for (i, l) in lines.enumerated() {
                footer.append(TextLine(text: l, size: Style.sourceSize, color: Style.sourceColor, bold: false,
                                       baseline: bottom + Double(i) * Style.sourceSize * Style.leading + Style.sourceSize))
            }
            bottom -= 8
        }
        var xTitle: TextLine? = nil
        if plot.x.visible, let t = plot.x.title, !t.isEmpty {
            bottom -= Style.axisTitleSize * Style.leading
            xTitle = TextLine(text: TextMetrics.truncate(t, maxWidth: innerW, fontSize: Style.axisTitleSize), size: Style.axisTitleSize,
                              color: Style.tickColor, bold: false, baseline: bottom + Style.axisTitleSize)
            bottom -= 4
        }
        let plotBottom = bottom

        // MARK: Panels grid, two passes
        let n = max(1, plot.panels.count)
        let facets = plot.panels.count > 1 || plot.panels.first?.title != nil
        let cols = min(n, max(1, spec.facetColumns ?? Self.defaultColumns(n)))
        let rows = (n + cols - 1) / cols
        let stripH = facets ? Style.stripSize * Style.leading + 4 : 0
        var hgap = facets ? 18.0 : 0
        let vgap = facets ? 12.0 : 0
        let xGap = 6.0

        var left = 0.0, extraLeft = 0.0, xAxis: ResolvedAxis? = nil, yAxis: ResolvedAxis? = nil
        var panelW = 0.0, panelH = 0.0, right = pad
        let available = plotBottom - plotTop
        var estimateH = (available - Double(rows) * (stripH + 24) - Double(rows - 1) * vgap) / Double(rows)
        for _ in 0..<3 {
            if plot.y.visible {
                let ya = AxisLayout.resolve(plot.y, length: max(estimateH, 20), horizontal: false, maxLabelWidth: W * 0.34, maxRotatedExtent: 0)
                yAxis = ya
                left = ya.extent + 8
            } else {
                yAxis = AxisLayout.resolve(plot.y, length: max(estimateH, 20), horizontal: false, maxLabelWidth: W * 0.34, maxRotatedExtent: 0)
                left = 0
            }
            right = pad
            left += extraLeft
            panelW = (W - pad - left - right - Double(cols - 1) * hgap) / Double(cols)
            let xa = AxisLayout.resolve(plot.x, length: max(panelW, 20), horizontal: true, maxLabelWidth: 0, maxRotatedExtent: H * 0.28)
            xAxis = xa
            // Room for half of the last x label when it sits at the right edge.
            if plot.x.visible, !xa.rotated, case .linear = xa.kind, let last = xa.ticks.last {
                let w = TextMetrics.width(last.lines[0], fontSize: AxisLayout.fs)
                right = max(pad, w / 2 + 4)
                panelW = (W - pad - left - right - Double(cols - 1) * hgap) / Double(cols)
            }
            if plot.x.visible, !xa.rotated, facets, cols > 1, case .linear = xa.kind, let first = xa.ticks.first, let last = xa.ticks.last {
                // Neighbouring panels' end labels must not touch.
                let need = (TextMetrics.width(first.lines[0], fontSize: AxisLayout.fs) + TextMetrics.width(last.lines[0], fontSize: AxisLayout.fs)) / 2 + 12
                hgap = max(18, need)
            }
            if plot.x.visible, xa.rotated {
                // Turned labels reach left of their tick: the first ones must stay on the page.
                let xs = xa.scale(range: (0, max(panelW, 20)))
                var overhang = 0.0
                for (i, t) in xa.ticks.enumerated() where i % xa.every == 0 {
                    let w = TextMetrics.width(t.lines[0], fontSize: AxisLayout.fs) * 0.7071
                    overhang = max(overhang, w - xs.map(t.pos) - (left - extraLeft) - pad + 4)
                }
                extraLeft = max(0, overhang)
            }
            let xBlock = plot.x.visible ? xa.extent + xGap : 0
            panelH = (available - Double(rows) * (stripH + xBlock) - Double(rows - 1) * vgap) / Double(rows)
            if abs(panelH - estimateH) < 0.5 { break }
            estimateH = panelH
        }
        guard var xa = xAxis, var ya = yAxis else { return "" }
        panelW = max(panelW, 10)
        panelH = max(panelH, 10)
        var gridLeft = pad + left
        if plot.squareCells {
            // Tile maps: square cells, the grid centred.
            if case .band(let nc) = xa.kind, case .band(let nr) = ya.kind {
                xa.paddingInner = 0.08; xa.paddingOuter = 0
                ya.paddingInner = 0.08; ya.paddingOuter = 0
                let cell = min(panelW / Double(nc), panelH / Double(nr))
                gridLeft += (panelW - cell * Double(nc)) / 2
                panelW = cell * Double(nc)
                panelH = cell * Double(nr)
            }
        }
        let xBlock = plot.x.visible ? xa.extent + xGap : 0

        // MARK: Write
        var svg = SVGWriter()
        svg.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
        svg.open("svg", [
            ("xmlns", "http://www.w3.org/2000/svg"), ("width", fmt(W)), ("height", fmt(H)),
            ("viewBox", "0 0 \(fmt(W)) \(fmt(H))"), ("role", "img"), ("aria-labelledby", "\(id)-title \(id)-desc"),
            ("font-family", Style.fontFamily),
        ])
        svg.textElement("title", [("id", "\(id)-title")], spec.title ?? "Chart")
        svg.textElement("desc", [("id", "\(id)-desc")], spec.description ?? ([spec.subtitle, plot.summary].compactMap { $0 }.joined(separator: "; ")))
        svg.element("rect", [("width", fmt(W)), ("height", fmt(H)), ("fill", Style.background)])
        if !header.isEmpty {
            svg.open("g", [("class", "header")])
            for l in header { writeText(&svg, l, x: pad) }
            svg.close("g")
        }
        if plot.legend != nil {
            svg.open("g", [("class", "legend")])
            svg.raw(legendSVG.text.split(separator: "\n").joined(separator: "\n" + "    "))
            svg.close("g")
        }
        if let t = yTitle { writeText(&svg, t, x: pad) }

        for (k, panel) in plot.panels.enumerated() {
            let r = k / cols, c = k % cols
            let px = gridLeft + Double(c) * (panelW + hgap)
            let py = plotTop + Double(r) * (stripH + panelH + xBlock + vgap) + stripH
            svg.open("g", [("class", "panel")])
            if facets, let t = panel.title {
                let s = TextMetrics.truncate(t, maxWidth: panelW, fontSize: Style.stripSize, bold: true)
                writeText(&svg, TextLine(text: s, size: Style.stripSize, color: Style.titleColor, bold: true, baseline: py - 6), x: px)
            }
            let xs = xa.scale(range: (px, px + panelW))
            let ys: PositionScale
            if case .band = ya.kind { ys = ya.scale(range: (py, py + panelH)) } else { ys = ya.scale(range: (py + panelH, py)) }
            drawPanel(&svg, panel, xs: xs, ys: ys, xa: xa, ya: ya, rect: (px, py, panelW, panelH),
                      xLabels: plot.x.visible, yLabels: plot.y.visible && c == 0, id: id, index: k)
            svg.close("g")
        }
        if let t = xTitle {
            svg.textElement("text", [("x", fmt(gridLeft + (W - right - gridLeft) / 2)), ("y", fmt(t.baseline)), ("font-size", fmt(t.size)),
                                     ("fill", t.color), ("text-anchor", "middle")], t.text)
        }
        if !footer.isEmpty {
            svg.open("g", [("class", "source")])
            for l in footer { writeText(&svg, l, x: pad) }
            svg.close("g")
        }
        svg.close("svg")
        return svg.text
    }

    static func defaultColumns(_ n: Int) -> Int {
        switch n {
        case 1: 1
        case 2: 2
        case 3: 3
        case 4: 2
        case 5, 6, 9: 3
        default: 4
        }
    }

    private func writeText(_ svg: inout SVGWriter, _ l: TextLine, x: Double) {
        var a: [(String, String)] = [("x", fmt(x)), ("y", fmt(l.baseline)), ("font-size", fmt(l.size)), ("fill", l.color)]
        if l.bold { a.append(("font-weight", "bold")) }
        svg.textElement("text", a, l.text)
    }

    // MARK: - Panel

    private func drawPanel(_ svg: inout SVGWriter, _ panel: Panel, xs: PositionScale, ys: PositionScale, xa: ResolvedAxis, ya: ResolvedAxis,
                           rect: (Double, Double, Double, Double), xLabels: Bool, yLabels: Bool, id: String, index: Int) {
        let (px, py, pw, ph) = rect
        let fs = AxisLayout.fs
        // Gridlines.
        var grid = SVGWriter()
        if plot.y.visible && plot.y.grid, case .band = ya.kind {} else if plot.y.visible && plot.y.grid {
            for t in ya.ticks {
                let yy = ys.map(t.pos)
                grid.element("line", [("x1", fmt(px)), ("y1", fmt(yy)), ("x2", fmt(px + pw)), ("y2", fmt(yy))])
            }
        }
        if plot.x.visible && plot.x.grid, case .band = xa.kind {} else if plot.x.visible && plot.x.grid {
            for t in xa.ticks {
                let xx = xs.map(t.pos)
                grid.element("line", [("x1", fmt(xx)), ("y1", fmt(py)), ("x2", fmt(xx)), ("y2", fmt(py + ph))])
            }
        }
        if !grid.text.isEmpty {
            svg.open("g", [("class", "grid"), ("stroke", Style.gridColor), ("stroke-width", "1")])
            svg.raw(String(grid.text.dropLast()))
            svg.close("g")
        }
        // Axis lines: the bottom (x) or the left (y band) edge.
        if plot.x.visible {
            if case .band = ya.kind {
                svg.element("line", [("x1", fmt(px)), ("y1", fmt(py)), ("x2", fmt(px)), ("y2", fmt(py + ph)), ("stroke", Style.axisColor), ("stroke-width", "1")])
            } else {
                svg.element("line", [("x1", fmt(px)), ("y1", fmt(py + ph)), ("x2", fmt(px + pw)), ("y2", fmt(py + ph)), ("stroke", Style.axisColor), ("stroke-width", "1")])
            }
        }
        // Marks.
        svg.open("g", [("class", "marks")])
        for m in panel.marks { drawMark(&svg, m, xs: xs, ys: ys) }
        svg.close("g")
        // Zero lines drawn over the marks' base.
        if plot.y.zeroLine, case .linear = ya.kind, ya.domain.0 <= 0, ya.domain.1 >= 0 {
            let yy = ys.mapValue(0)
            svg.element("line", [("x1", fmt(px)), ("y1", fmt(yy)), ("x2", fmt(px + pw)), ("y2", fmt(yy)), ("stroke", Style.zeroColor), ("stroke-width", "1")])
        }
        if plot.x.zeroLine, case .linear = xa.kind, xa.domain.0 <= 0, xa.domain.1 >= 0 {
            let xx = xs.mapValue(0)
            svg.element("line", [("x1", fmt(xx)), ("y1", fmt(py)), ("x2", fmt(xx)), ("y2", fmt(py + ph)), ("stroke", Style.zeroColor), ("stroke-width", "1")])
        }
        // X labels.
        if xLabels {
            svg.open("g", [("class", "x-axis"), ("font-size", fmt(fs)), ("fill", Style.tickColor)])
            let isTime: Bool = { if case .continuous(_, _, .time) = plot.x.scale { return true }; return false }()
            for (i, t) in xa.ticks.enumerated() where i % xa.every == 0 {
                let xx = xs.map(t.pos)
                if isTime {
                    svg.element("line", [("x1", fmt(xx)), ("y1", fmt(py + ph)), ("x2", fmt(xx)), ("y2", fmt(py + ph + 4)), ("stroke", Style.axisColor)])
                }
                if xa.rotated {
                    let x0 = xx + fs * 0.3, y0 = py + ph + 6 + fs * 0.55
                    let a = [("x", fmt(x0)), ("y", fmt(y0)), ("text-anchor", "end"), ("transform", "rotate(-45 \(fmt(x0)) \(fmt(y0)))")]
                    if t.lines[0] != t.full { svg.textElement("text", a, t.lines[0], tooltip: t.full) } else { svg.textElement("text", a, t.lines[0]) }
                } else {
                    for (j, line) in t.lines.enumerated() {
                        let y0 = py + ph + xGapTop + fs * 0.92 + Double(j) * AxisLayout.lineHeight
                        svg.textElement("text", [("x", fmt(xx)), ("y", fmt(y0)), ("text-anchor", "middle")], line)
                    }
                }
            }
            svg.close("g")
        }
        // Y labels.
        if yLabels {
            svg.open("g", [("class", "y-axis"), ("font-size", fmt(fs)), ("fill", Style.tickColor), ("text-anchor", "end")])
            for (i, t) in ya.ticks.enumerated() where i % ya.every == 0 {
                let yc = ys.map(t.pos)
                let n = Double(t.lines.count)
                for (j, line) in t.lines.enumerated() {
                    let y0 = yc + (Double(j) - (n - 1) / 2) * AxisLayout.lineHeight + fs * Style.centerToBaseline
                    let a = [("x", fmt(px - 7)), ("y", fmt(y0))]
                    if j == t.lines.count - 1 && line.hasSuffix("…") { svg.textElement("text", a, line, tooltip: t.full) } else { svg.textElement("text", a, line) }
                }
            }
            svg.close("g")
        }
    }

    private var xGapTop: Double { 5 }

    // MARK: - Marks

    private func drawMark(_ svg: inout SVGWriter, _ m: Mark, xs: PositionScale, ys: PositionScale) {
        switch m {
        case let .line(points, stroke, width, dash):
            guard !points.isEmpty else { return }
            let d = path(points.map { (xs.map($0.0), ys.map($0.1)) })
            var a = [("d", d), ("fill", "none"), ("stroke", stroke), ("stroke-width", fmt(width)), ("stroke-linejoin", "round"), ("stroke-linecap", "round")]
            if let dash { a.append(("stroke-dasharray", dash)) }
            svg.element("path", a)
        case let .area(upper, lower, fill, opacity):
            guard !upper.isEmpty else { return }
            let pts = upper.map { (xs.map($0.0), ys.map($0.1)) } + lower.reversed().map { (xs.map($0.0), ys.map($0.1)) }
            svg.element("path", [("d", path(pts) + " Z"), ("fill", fill), ("fill-opacity", fmt(opacity)), ("stroke", "none")])
        case let .rect(x0, x1, y0, y1, fill, stroke, title):
            let ax = xs.map(x0), bx = xs.map(x1), ay = ys.map(y0), by = ys.map(y1)
            var a = [("x", fmt(min(ax, bx))), ("y", fmt(min(ay, by))), ("width", fmt(abs(bx - ax))), ("height", fmt(abs(by - ay))), ("fill", fill)]
            if let stroke { a += [("stroke", stroke), ("stroke-width", "1")] }
            if let title {
                svg.raw("<rect\(SVGWriter.attributes(a))><title>\(SVGWriter.escape(title))</title></rect>")
            } else {
                svg.element("rect", a)
            }
        case let .point(x, y, r, fill, stroke, opacity, title):
            var a = [("cx", fmt(xs.map(x))), ("cy", fmt(ys.map(y))), ("r", fmt(r)), ("fill", fill ?? "none")]
            if let stroke { a += [("stroke", stroke), ("stroke-width", "1.2")] }
            if opacity < 1 { a.append(("fill-opacity", fmt(opacity))) }
            if let title {
                svg.raw("<circle\(SVGWriter.attributes(a))><title>\(SVGWriter.escape(title))</title></circle>")
            } else {
                svg.element("circle", a)
            }
        case let .rule(x0, y0, x1, y1, stroke, width, dash):
            var a = [("x1", fmt(xs.map(x0))), ("y1", fmt(ys.map(y0))), ("x2", fmt(xs.map(x1))), ("y2", fmt(ys.map(y1))), ("stroke", stroke), ("stroke-width", fmt(width))]
            if let dash { a.append(("stroke-dasharray", dash)) }
            svg.element("line", a)
        case let .text(x, y, text, size, anchor, fill, dx, dy, bold):
            var a = [("x", fmt(xs.map(x) + dx)), ("y", fmt(ys.map(y) + dy)), ("font-size", fmt(size)), ("fill", fill), ("text-anchor", anchor.rawValue)]
            if bold { a.append(("font-weight", "bold")) }
            svg.textElement("text", a, text)
        case let .box(i, s, color):
            let bw = abs(xs.bandwidth)
            let cx = xs.map(.center(i)), half = min(bw * 0.32, 40), cap = half * 0.5
            let q1 = ys.mapValue(s.q1), q3 = ys.mapValue(s.q3), med = ys.mapValue(s.median)
            let lo = ys.mapValue(s.lowerWhisker), hi = ys.mapValue(s.upperWhisker)
            svg.open("g", [("class", "box")])
            svg.raw("<title>\(SVGWriter.escape("n = \(s.n); Q1 = \(NumberFormat.label(s.q1, units: .plain)), median = \(NumberFormat.label(s.median, units: .plain)), Q3 = \(NumberFormat.label(s.q3, units: .plain))"))</title>")
            let whisker = "#595959"
            svg.element("line", [("x1", fmt(cx)), ("y1", fmt(q3)), ("x2", fmt(cx)), ("y2", fmt(hi)), ("stroke", whisker), ("stroke-width", "1")])
            svg.element("line", [("x1", fmt(cx)), ("y1", fmt(q1)), ("x2", fmt(cx)), ("y2", fmt(lo)), ("stroke", whisker), ("stroke-width", "1")])
            svg.element("line", [("x1", fmt(cx - cap)), ("y1", fmt(hi)), ("x2", fmt(cx + cap)), ("y2", fmt(hi)), ("stroke", whisker), ("stroke-width", "1")])
            svg.element("line", [("x1", fmt(cx - cap)), ("y1", fmt(lo)), ("x2", fmt(cx + cap)), ("y2", fmt(lo)), ("stroke", whisker), ("stroke-width", "1")])
            svg.element("rect", [("x", fmt(cx - half)), ("y", fmt(min(q1, q3))), ("width", fmt(2 * half)), ("height", fmt(abs(q1 - q3))),
                                 ("fill", color), ("fill-opacity", "0.22"), ("stroke", color), ("stroke-width", "1.2")])
            svg.element("line", [("x1", fmt(cx - half)), ("y1", fmt(med)), ("x2", fmt(cx + half)), ("y2", fmt(med)), ("stroke", color), ("stroke-width", "2.4")])
            for o in s.outliers {
                svg.element("circle", [("cx", fmt(cx)), ("cy", fmt(ys.mapValue(o))), ("r", "2.5"), ("fill", "none"), ("stroke", color), ("stroke-width", "1")])
            }
            svg.close("g")
        case let .barLabel(b, e, band, text, horizontal, barFill):
            let size = 11.0
            let w = TextMetrics.width(text, fontSize: size)
            if horizontal {
                let x0 = xs.map(b), x1 = xs.map(e), yc = ys.map(band) + size * Style.centerToBaseline
                let dir: Double = x1 >= x0 ? 1 : -1
                let inside = abs(x1 - x0) >= w + 8
                let x = inside ? x1 - dir * 4 : x1 + dir * 4
                let anchor = (dir > 0) == inside ? "end" : "start"
                let ink = inside ? (Palette.needsLightText(barFill) ? "#FFFFFF" : "#1A1A1A") : "#333333"
                svg.textElement("text", [("x", fmt(x)), ("y", fmt(yc)), ("font-size", fmt(size)), ("fill", ink), ("text-anchor", anchor)], text)
            } else {
                let y0 = ys.map(b), y1 = ys.map(e), xc = xs.map(band)
                let up = y1 <= y0
                let inside = abs(y1 - y0) >= size + 8 && w + 4 <= abs(xs.bandwidth)
                let ink = inside ? (Palette.needsLightText(barFill) ? "#FFFFFF" : "#1A1A1A") : "#333333"
                // Inside: just below the top end; outside: just beyond it.
                let y = up ? (inside ? y1 + 4 + size * 0.88 : y1 - 4) : (inside ? y1 - 4 : y1 + 4 + size * 0.88)
                svg.textElement("text", [("x", fmt(xc)), ("y", fmt(y)), ("font-size", fmt(size)), ("fill", ink), ("text-anchor", "middle")], text)
            }
        case let .tile(col, row, label, valueText, fill, title):
            let x0 = xs.map(.band(col, 0)), x1 = xs.map(.band(col, 1))
            let y0 = ys.map(.band(row, 0)), y1 = ys.map(.band(row, 1))
            let cell = abs(x1 - x0)
            let ink = Palette.needsLightText(fill) ? "#FFFFFF" : "#1A1A1A"
            svg.open("g", [("class", "tile")])
            svg.raw("<title>\(SVGWriter.escape(title))</title>")
            svg.element("rect", [("x", fmt(min(x0, x1))), ("y", fmt(min(y0, y1))), ("width", fmt(cell)), ("height", fmt(abs(y1 - y0))), ("rx", fmt(cell * 0.06)), ("fill", fill)])
            let cx = (x0 + x1) / 2, cy = (y0 + y1) / 2
            let size = min(13, cell * 0.3, (cell * 0.9) / max(1, TextMetrics.width(label, fontSize: 1)))
            if let v = valueText {
                let vs = min(size * 0.82, (cell * 0.9) / max(1, TextMetrics.width(v, fontSize: 1)))
                svg.textElement("text", [("x", fmt(cx)), ("y", fmt(cy - size * 0.15)), ("font-size", fmt(size)), ("fill", ink), ("text-anchor", "middle")], label)
                svg.textElement("text", [("x", fmt(cx)), ("y", fmt(cy + vs * 1.05)), ("font-size", fmt(vs)), ("fill", ink), ("text-anchor", "middle")], v)
            } else {
                svg.textElement("text", [("x", fmt(cx)), ("y", fmt(cy + size * Style.centerToBaseline)), ("font-size", fmt(size)), ("fill", ink), ("text-anchor", "middle")], label)
            }
            svg.close("g")
        }
    }

    private func path(_ pts: [(Double, Double)]) -> String {
        var s = ""
        for (i, p) in pts.enumerated() {
            s += (i == 0 ? "M" : " L") + fmt(p.0) + "," + fmt(p.1)
        }
        return s
    }

    // MARK: - Legend

    /// Draws the legend from `top`; returns the y below it.
    private func drawLegend(_ legend: Legend, into svg: inout SVGWriter, top: Double, width: Double, id: String) -> Double {
        let pad = Style.pad, fs = Style.legendSize
        let rowH = fs * Style.leading + 4
        switch legend {
        case .categorical(let items):
            var x = pad, y = top
            for item in items {
                let keyW = item.shape == .line || item.shape == .dashed ? 18.0 : 11.0
                let label = TextMetrics.truncate(item.label, maxWidth: width - keyW - 6, fontSize: fs)
                let w = keyW + 6 + TextMetrics.width(label, fontSize: fs)
                if x > pad && x + w > pad + width { x = pad; y += rowH }
                let cy = y + rowH / 2 - 1
                switch item.shape {
                case .square:
                    svg.element("rect", [("x", fmt(x)), ("y", fmt(cy - 5.5)), ("width", "11"), ("height", "11"), ("fill", item.color)])
                case .line, .dashed:
                    var a = [("x1", fmt(x)), ("y1", fmt(cy)), ("x2", fmt(x + keyW)), ("y2", fmt(cy)), ("stroke", item.color), ("stroke-width", "2.5")]
                    if item.shape == .dashed { a.append(("stroke-dasharray", "5 3")) }
                    svg.element("line", a)
                case .point:
                    svg.element("circle", [("cx", fmt(x + 5.5)), ("cy", fmt(cy)), ("r", "4"), ("fill", item.color)])
                }
                let a = [("x", fmt(x + keyW + 6)), ("y", fmt(cy + fs * Style.centerToBaseline)), ("font-size", fmt(fs)), ("fill", Style.titleColor)]
                if label != item.label { svg.textElement("text", a, label, tooltip: item.label) } else { svg.textElement("text", a, label) }
                x += w + 16
            }
            return y + rowH
        case let .sequential(lo, hi, ticks, labels, missingLabel):
            let barW = min(220, width * 0.5), barH = 10.0
            var x = pad
            let y = top + 2
            let gid = "\(id)-ramp"
            svg.open("defs")
            svg.open("linearGradient", [("id", gid), ("x1", "0"), ("y1", "0"), ("x2", "1"), ("y2", "0")])
            let stops = Palette.blues.count
            for i in 0..<stops {
                let t = Double(i) / Double(stops - 1)
                svg.element("stop", [("offset", fmt(t)), ("stop-color", Palette.sequential(t))])
            }
            svg.close("linearGradient")
            svg.close("defs")
            svg.element("rect", [("x", fmt(x)), ("y", fmt(y)), ("width", fmt(barW)), ("height", fmt(barH)), ("fill", "url(#\(gid))")])
            for (t, l) in zip(ticks, labels) {
                let tx = x + (hi > lo ? (t - lo) / (hi - lo) : 0.5) * barW
                svg.element("line", [("x1", fmt(tx)), ("y1", fmt(y + barH)), ("x2", fmt(tx)), ("y2", fmt(y + barH + 3)), ("stroke", Style.tickColor)])
                svg.textElement("text", [("x", fmt(tx)), ("y", fmt(y + barH + 4 + fs)), ("font-size", fmt(fs - 1)), ("fill", Style.tickColor), ("text-anchor", "middle")], l)
            }
            x += barW + 24
            if let m = missingLabel {
                svg.element("rect", [("x", fmt(x)), ("y", fmt(y)), ("width", "16"), ("height", fmt(barH)), ("fill", Palette.missing)])
                svg.textElement("text", [("x", fmt(x + 22)), ("y", fmt(y + barH / 2 + fs * Style.centerToBaseline)), ("font-size", fmt(fs)), ("fill", Style.titleColor)], m)
            }
            return y + barH + 4 + fs + 6
        }
    }
}
