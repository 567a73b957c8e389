/// Equal-width (or equal-ratio, for `--log`) histogram bins, with the bin-count rules numpy's
/// `histogram_bin_edges` uses, so the edges match `numpy.histogram(x, bins=RULE)`.
///
/// Bins are `[low, high)`, the last one closed `[low, high]` (numpy, and the contract). With n
/// values, range R = max − min:
/// * `count(k)`: k bins.
/// * `sturges`: k = ⌈R / (R / (log₂ n + 1))⌉ = ⌈log₂ n + 1⌉.
/// * `scott`: width h = (24√π / n)^{1/3} · σ (σ with divisor n), k = ⌈R / h⌉ (≈ 3.49σn^{-1/3}).
/// * `fd` (Freedman–Diaconis): h = 2·IQR·n^{-1/3} (IQR by type 7 quantiles), k = ⌈R / h⌉.
/// A zero width (no spread) gives one bin. `log` applies the rule to log₁₀ x (all x must be > 0)
/// and puts the edges at 10^(edges): heavy-tailed money amounts then get readable bins.
/// Weighted counts add weights instead of 1; `density` = share / width.
public struct HistogramBins: Sendable, Equatable {
    public enum BinRule: Sendable, Equatable {
        case count(Int), sturges, scott, freedmanDiaconis

        /// Parses `--bins N|sturges|fd|scott`.
        public init?(_ text: String) {
            switch text.lowercased() {
            case "sturges": self = .sturges
            case "scott": self = .scott
            case "fd", "freedman-diaconis": self = .freedmanDiaconis
            default:
                guard let k = Int(text), k >= 1 else { return nil }
                self = .count(k)
            }
        }

        public var name: String {
            switch self {
            case .count(let k): "\(k) equal-width bins"
            case .sturges: "sturges"
            case .scott: "scott"
            case .freedmanDiaconis: "fd (Freedman-Diaconis)"
            }
        }
    }

    /// k + 1 edges, ascending.
    public var edges: [Double]
    /// Count (or weight sum) per bin.
    public var counts: [Double]
    /// Values outside `range`, not counted.
    public var outside: Int

    public var total: Double { CompensatedSum.sum(counts) }
    public func share(_ i: Int) -> Double { counts[i] / total }
    public func density(_ i: Int) -> Double { share(i) / (edges[i + 1] - edges[i]) }

    /// Bin edges where the values are binned: x itself, or log₁₀ x on a log scale.
    public struct Edges: Sendable, Equatable {
        public var binning: [Double]
        public var log: Bool
        /// The edges in the values' own units (10^edge on a log scale).
        public var values: [Double] { log ? binning.map { pow(10, $0) } : binning }
    }

    /// Bin edges for values `x` (NaN dropped by the caller) by `rule`, over `range` (default min…max).
    public static func edges(_ x: [Double], rule: BinRule, range: (Double, Double)? = nil, log: Bool = false) throws(DescriptiveError) -> [Double] {
        try binEdges(x, rule: rule, range: range, log: log).values
    }

    /// As `edges`, keeping the binning space (for `HistogramBins.init(_:weights:binEdges:)`).
    public static func binEdges(_ x: [Double], rule: BinRule, range: (Double, Double)? = nil, log: Bool = false) throws(DescriptiveError) -> Edges {
        var v = x
        if log {
            if let bad = x.first(where: { $0 <= 0 }) {
                throw .invalidArgument("a log scale needs values > 0; found \(NumberTextLite.format(bad))",
                                       hint: "leave them out with --where, or drop --log")
            }
            v = x.map { log10($0) }
        }
        var lo: Double, hi: Double
        if let range {
            guard range.0 < range.1 else { throw .invalidArgument("--range LO,HI needs LO < HI") }
            if log && range.0 <= 0 { throw .invalidArgument("--range with --log needs LO > 0") }
            (lo, hi) = log ? (log10(range.0), log10(range.1)) : range
            v = v.filter { $0 >= lo && $0 <= hi }   // numpy: the rules see only the values in range
        } else {
            guard let mn = v.min(), let mx = v.max() else { return Edges(binning: [0, 1], log: log) }
            (lo, hi) = (mn, mx)
        }
        if lo == hi { lo -= 0.5; hi += 0.5 }   // numpy's rule for a degenerate range
        let n = Double(v.count)
        let k: Int
        switch rule {
        case .count(let c): k = c
        case .sturges:
            let ptp = (v.max() ?? 0) - (v.min() ?? 0)
            k = binsFromWidth(ptp / (Foundation_log2(n) + 1), range: hi - lo)
        case .scott:
            let sd = n > 0 ? (Moments(v).m2 / n).squareRoot() : 0
            k = binsFromWidth(pow(24 * Double.pi.squareRoot() / n, 1.0 / 3) * sd, range: hi - lo)
        case .freedmanDiaconis:
            let q = QuantileRule.hf7.quantiles(v, probabilities: [0.25, 0.75])
            k = binsFromWidth(2 * (q[1] - q[0]) * pow(n, -1.0 / 3), range: hi - lo)
        }
        // numpy.linspace: edgeᵢ = i·step + lo, the last edge exactly hi.
        let step = (hi - lo) / Double(k)
        var e = (0...k).map { Double($0) * step + lo }
        e[k] = hi
        return Edges(binning: e, log: log)
    }

    static func binsFromWidth(_ h: Double, range: Double) -> Int {
        guard h > 0, h.isFinite else { return 1 }
        return max(1, Int((range / h).rounded(.up)))
    }

    /// Counts `x` (NaN skipped) into bins with `edges`; `w` gives weighted counts.
    public init(_ x: UnsafeBufferPointer<Double>, weights w: UnsafeBufferPointer<Double>? = nil, edges: [Double]) {
        self.init(x, weights: w, binEdges: Edges(binning: edges, log: false))
    }

    /// Counts `x` into bins; on a log scale log₁₀ x is compared with the log-space edges.
    public init(_ x: UnsafeBufferPointer<Double>, weights w: UnsafeBufferPointer<Double>? = nil, binEdges: Edges) {
        let edges = binEdges.binning
        self.edges = binEdges.values
        let k = edges.count - 1
        var c = [Double](repeating: 0, count: k)
        var outside = 0
        let lo = edges[0], hi = edges[k]
        for i in 0..<x.count {
            let v = binEdges.log ? log10(x[i]) : x[i]
            if v.isNaN { continue }
            guard v >= lo, v <= hi else { outside += 1; continue }
            // Binary search: last edge ≤ v (the top edge falls in the last bin).
            var a = 0, b = k
            while b - a > 1 { let m = (a + b) / 2; if edges[m] <= v { a = m } else { b = m } }
            c[a] += w?[i] ?? 1
        }
        counts = c
        self.outside = outside
    }
}

import Foundation
@inline(__always) func Foundation_log2(_ x: Double) -> Double { Foundation.log2(x) }

/// Minimal number formatting for error messages inside the stats module.
enum NumberTextLite {
    static func format(_ x: Double) -> String { x == x.rounded() && abs(x) < 1e15 ? String(Int64(x)) : String(x) }
}
