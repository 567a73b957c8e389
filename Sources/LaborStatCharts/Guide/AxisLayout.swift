/// An axis after layout: its scale's domain, ticks with labels, and how the labels are set.
struct ResolvedAxis {
    var kind: PositionScale.Kind
    var domain: (Double, Double)
    var ticks: [(pos: Pos, lines: [String], full: String)]
    /// x labels turned by −45° because they would overlap straight.
    var rotated = false
    /// Only every k-th label is shown (when even turned labels would overlap).
    var every = 1
    /// Space the labels take across the axis (height under an x axis, width beside a y axis).
    var extent: Double = 0
    var paddingInner = 0.2
    var paddingOuter = 0.1

    func scale(range: (Double, Double)) -> PositionScale {
        PositionScale(kind: kind, domain: domain, range: range, paddingInner: paddingInner, paddingOuter: paddingOuter)
    }
}

/// Chooses ticks and label settings so that labels never overlap, given the axis length in pixels.
enum AxisLayout {
    static let fs = Style.tickSize
    static let lineHeight = Style.tickSize * Style.leading

    /// - Parameters:
    ///   - horizontal: an x axis (labels side by side) or a y axis (labels stacked).
    ///   - maxLabelWidth: for band labels beside a y axis, the widest a label may be before it wraps.
    static func resolve(_ spec: AxisSpec, length: Double, horizontal: Bool, maxLabelWidth: Double, maxRotatedExtent: Double) -> ResolvedAxis {
        switch spec.scale {
        case let .continuous(lo, hi, kind):
            return continuous(lo: lo, hi: hi, kind: kind, units: spec.units, length: length, horizontal: horizontal)
        case let .band(labels):
            return band(labels, length: length, horizontal: horizontal, maxLabelWidth: maxLabelWidth, maxRotatedExtent: maxRotatedExtent)
        }
    }

    // MARK: - Continuous

    static func continuous(lo lo0: Double, hi hi0: Double, kind: ScaleSpec.ContinuousKind, units: NumberUnits, length: Double, horizontal: Bool) -> ResolvedAxis {
        var lo = lo0, hi = hi0
        var tight = false
        if !lo.isFinite || !hi.isFinite { lo = 0; hi = 1 }
        switch kind {
        case .log:
            return logAxis(lo: lo, hi: hi, units: units, length: length, horizontal: horizontal)
        case .time:
            return timeAxis(lo: lo, hi: hi, length: length, horizontal: horizontal)
        case .linear(let nice, let zero):
            if zero { lo = min(lo, 0); hi = max(hi, 0) }
            tight = !nice
        case .percent:
            break
        }
        if lo == hi {
            let d = lo == 0 ? 1 : abs(lo) * 0.1
            lo -= d; hi += d
            if !lo.isFinite { lo = -.greatestFiniteMagnitude }   // a single value near ±1.8e308
            if !hi.isFinite { hi = .greatestFiniteMagnitude }
        }
        let percent = kind == .percent
        let target = horizontal ? Int(length / 80) : Int(length / 45)
        var n = max(2, min(horizontal ? 10 : 8, target))
        while true {
            var ticks = NiceTicks.pretty(lo, hi, n: n)
            if tight { ticks = ticks.filter { $0 >= lo - 1e-9 * abs(lo) && $0 <= hi + 1e-9 * abs(hi) } }
            let step = ticks.count > 1 ? ticks[1] - ticks[0] : 1
            let f = NumberFormat.axis(ticks: ticks, step: step, units: units, percent: percent)
            let labels = ticks.map { f.string($0) }
            // The nice ticks cover the data, except when the outermost would overflow (beyond 1.8e308).
            let domain = tight ? (lo, hi) : (min(ticks.first ?? lo, lo), max(ticks.last ?? hi, hi))
            let px = length * ((step / 2) / max(domain.1 / 2 - domain.0 / 2, 1e-300))
            let widest = labels.map { TextMetrics.width($0, fontSize: fs) }.max() ?? 0
            let fits = horizontal ? px >= widest + 10 : px >= lineHeight * 1.2
            if fits || n <= 2 {
                var axis = ResolvedAxis(kind: .linear, domain: domain, ticks: [])
                axis.ticks = zip(ticks, labels).map { (Pos.value($0), [$1], $1) }
                axis.extent = horizontal ? lineHeight : widest
                return axis
            }
            n -= 1
        }
    }

    static func logAxis(lo lo0: Double, hi hi0: Double, units: NumberUnits, length: Double, horizontal: Bool) -> ResolvedAxis {
        let lo = max(lo0, Double.leastNormalMagnitude), hi = max(hi0, lo)
        // Widen to the nearest 1, 2 or 5 × 10^k.
        func down(_ v: Double) -> Double {
            let e = pow10(v.log10Floor)
            for m in [5.0, 2, 1] where m * e <= v * (1 + 1e-12) { return m * e }
            return e
        }
        func up(_ v: Double) -> Double {
            let e = pow10(v.log10Floor)
            for m in [1.0, 2, 5, 10] where m * e >= v * (1 - 1e-12) { return m * e }
            return 10 * e
        }
        var a = down(lo), b = up(hi)
        if a == b { a /= 10; b *= 10 }
        let ticks = NiceTicks.log(a, b)
        // Each tick alone (1, 2 or 5 × 10^k): 3 significant digits, 万/亿 when asked.
        let labels = ticks.map { NumberFormat.label($0, units: units) }
        var axis = ResolvedAxis(kind: .log, domain: (a, b), ticks: zip(ticks, labels).map { (Pos.value($0), [$1], $1) })
        let widest = labels.map { TextMetrics.width($0, fontSize: fs) }.max() ?? 0
        // Log ticks are unevenly spaced: thin until the closest pair fits.
        let scale = PositionScale(kind: .log, domain: (a, b), range: (0, length))
        let need = horizontal ? widest + 10 : lineHeight * 1.1
        var k = 1
        while k < ticks.count {
            var ok = true
            var last: Double? = nil
            for (i, t) in ticks.enumerated() where i % k == 0 {
                let p = scale.mapValue(t)
                if let l = last, abs(p - l) < need { ok = false; break }
                last = p
            }
            if ok { break }
            k += 1
        }
        axis.every = k
        axis.extent = horizontal ? lineHeight : widest
        return axis
    }

    static func timeAxis(lo lo0: Double, hi hi0: Double, length: Double, horizontal: Bool) -> ResolvedAxis {
        var lo = lo0, hi = hi0
        if lo == hi { lo -= 1; hi += 1 }
        let yearW = TextMetrics.width("2000", fontSize: fs) + 14
        let monthW = TextMetrics.width("2000-00", fontSize: fs) + 14
        let perTick = horizontal ? yearW : lineHeight * 1.3
        var ticks: [Double]
        var labels: [String]
        if hi - lo >= 3 || (lo.rounded() == lo && hi.rounded() == hi) {
            ticks = NiceTicks.years(lo, hi, maxCount: Int(length / perTick) + 1)
            labels = ticks.map { String(Int($0.rounded())) }
        } else {
            let per = horizontal ? monthW : lineHeight * 1.3
            ticks = NiceTicks.months(lo, hi, maxCount: Int(length / per) + 1)
            labels = ticks.map { t in
                let m = Int((t * 12).rounded())
                let y = m >= 0 ? m / 12 : (m - 11) / 12
                let mm = m - y * 12 + 1
                return "\(y)-" + (mm < 10 ? "0\(mm)" : "\(mm)")
            }
        }
        var axis = ResolvedAxis(kind: .linear, domain: (lo, hi), ticks: zip(ticks, labels).map { (Pos.value($0), [$1], $1) })
        let widest = labels.map { TextMetrics.width($0, fontSize: fs) }.max() ?? 0
        axis.extent = horizontal ? lineHeight : widest
        return axis
    }

    // MARK: - Band

    static func band(_ labels: [String], length: Double, horizontal: Bool, maxLabelWidth: Double, maxRotatedExtent: Double) -> ResolvedAxis {
        var axis = ResolvedAxis(kind: .band(count: labels.count), domain: (0, 1), ticks: [])
        let step = abs(axis.scale(range: (0, length)).step)
        let widths = labels.map { TextMetrics.width($0, fontSize: fs) }
        let widest = widths.max() ?? 0
        if horizontal {
            if widest + 8 <= step {
                axis.ticks = labels.enumerated().map { (Pos.center($0.offset), [$0.element], $0.element) }
                axis.extent = lineHeight
                return axis
            }
            // Two lines within the band?
            let wrapped = labels.map { TextMetrics.wrap($0, maxWidth: step - 8, fontSize: fs) }
            if step >= 2.2 * fs, wrapped.allSatisfy({ $0.count <= 2 && $0.allSatisfy { TextMetrics.width($0, fontSize: fs) <= step - 8 } }) {
                axis.ticks = labels.enumerated().map { (Pos.center($0.offset), wrapped[$0.offset], $0.element) }
                axis.extent = lineHeight * Double(wrapped.map(\.count).max() ?? 1)
                return axis
            }
            // Turned −45°: neighbours are step·sin45° apart across the text.
            axis.rotated = true
            let maxW = maxRotatedExtent / 0.7071 - fs
            axis.ticks = labels.enumerated().map { i, s in
                (Pos.center(i), [TextMetrics.truncate(s, maxWidth: maxW, fontSize: fs)], s)
            }
            axis.every = max(1, Int((lineHeight / (step * 0.7071)).rounded(.up)))
            let shown = axis.ticks.map { TextMetrics.width($0.lines[0], fontSize: fs) }.max() ?? 0
            axis.extent = shown * 0.7071 + fs * 0.7071 + 4
            return axis
        }
        // Beside a y axis: wrap to the lines the band has room for, then shorten.
        let maxLines = max(1, min(2, Int(step / lineHeight)))
        axis.ticks = labels.enumerated().map { i, s in
            var lines = TextMetrics.wrap(s, maxWidth: maxLabelWidth, fontSize: fs)
            if lines.count > maxLines {
                let rest = lines[(maxLines - 1)...].joined()
                lines = Array(lines[..<(maxLines - 1)]) + [TextMetrics.truncate(rest, maxWidth: maxLabelWidth, fontSize: fs)]
            }
            lines = lines.map { TextMetrics.truncate($0, maxWidth: maxLabelWidth, fontSize: fs) }
            return (Pos.center(i), lines, s)
        }
        axis.every = max(1, Int((lineHeight * 1.05 / max(step, 0.01)).rounded(.up)))
        axis.extent = axis.ticks.flatMap(\.lines).map { TextMetrics.width($0, fontSize: fs) }.max() ?? 0
        return axis
    }
}
