/// A position in data space: a number on a continuous scale, or a place inside the band of a
/// category (`fraction` 0 = the band's start, 0.5 its centre, 1 its end).
enum Pos: Sendable {
    case value(Double)
    case band(Int, Double)

    static func center(_ i: Int) -> Pos { .band(i, 0.5) }
}

/// What an axis covers before layout: a continuous domain or a list of categories.
enum ScaleSpec: Sendable {
    case continuous(lo: Double, hi: Double, kind: ContinuousKind)
    case band([String])

    enum ContinuousKind: Sendable, Equatable {
        /// Linear; `nice` widens the domain to the outer ticks; `zero` forces 0 into it.
        case linear(nice: Bool, zero: Bool)
        case log
        /// Years (fractional years for dates): tight domain, integer or month ticks.
        case time
        /// Shares in [0, 1] shown as percentages.
        case percent
    }

    /// The union of two specs of the same shape (for facets sharing scales).
    func union(_ o: ScaleSpec) -> ScaleSpec {
        switch (self, o) {
        case let (.continuous(a, b, k), .continuous(c, d, _)):
            return .continuous(lo: min(a, c), hi: max(b, d), kind: k)
        case let (.band(x), .band(y)):
            var seen = Set(x), out = x
            for s in y where !seen.contains(s) { out.append(s); seen.insert(s) }
            return .band(out)
        default:
            return self
        }
    }
}

/// Maps data positions to pixels. `range` may run backwards (a y axis runs from bottom to top).
struct PositionScale: Sendable {
    enum Kind: Sendable { case linear, log, band(count: Int) }
    var kind: Kind
    var domain: (Double, Double) = (0, 1)
    var range: (Double, Double)
    /// Band padding as fractions of the step (d3's paddingInner / paddingOuter).
    var paddingInner = 0.2
    var paddingOuter = 0.1

    var step: Double {
        guard case .band(let n) = kind else { return 0 }
        let denom = Double(n) - paddingInner + 2 * paddingOuter
        return denom > 0 ? (range.1 - range.0) / denom : 0
    }

    /// The width of one band in pixels (signed as the range runs).
    var bandwidth: Double { step * (1 - paddingInner) }

    func map(_ p: Pos) -> Double {
        switch p {
        case .value(let v):
            return mapValue(v)
        case .band(let i, let f):
            let s = step
            return range.0 + paddingOuter * s + Double(i) * s + f * bandwidth
        }
    }

    func mapValue(_ v: Double) -> Double {
        var t: Double
        switch kind {
        case .linear:
            let d = domain.1 - domain.0
            if d.isFinite {
                t = d == 0 ? 0.5 : (v - domain.0) / d
            } else {
                // A domain wider than the largest Double (−1e308 … 1e308): the same ratio in halves.
                t = (v / 2 - domain.0 / 2) / (domain.1 / 2 - domain.0 / 2)
            }
        case .log:
            let a = log10d(domain.0), b = log10d(domain.1)
            t = b == a ? 0.5 : (log10d(v) - a) / (b - a)
        case .band:
            t = 0
        }
        return range.0 + t * (range.1 - range.0)
    }
}
