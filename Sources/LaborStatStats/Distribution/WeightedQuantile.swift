/// Values sorted with their weights, answering `svyquantile`'s rules (R `survey` 4.5: `qrule.R`): the one
/// weighted-quantile routine of the library — design-based quantiles with their Woodruff intervals and
/// weighted point estimates (`QuantileRule.weightedQuantiles`, `describe --weight`) both go through it.
///
/// With x₁ ≤ … ≤ x_n (ties in input order, as R's `order`; zero weights dropped, as every qrule does),
/// weights w, cumulative weights C_k and total W (accumulated in extended precision, as R's `cumsum`
/// and `sum`):
/// - `qs(p)`: ℓ = the last k with C_k ≤ pW (1 when there is none), u = ℓ + 1 (ℓ at the end),
///   and the gaps g_low = p − C_ℓ/W, g_up = C_u/W − p (g_low < 0 when pW < C₁).
/// - `math`, `hf1`: x_ℓ if g_low ≤ 0, else x_u. `school`, `hf2`: (x_ℓ + x_u)/2 if g_low ≤ 0, else x_u.
///   (`≤` since survey 4.3; survey ≤ 4.2 tested `== 0` and gave x₂ for p·W below the first weight.)
/// - `hf3`: on distinct values with summed weights: x_ℓ if g_low ≤ 0 and ℓ is even, else x_u.
/// - `hf4`: x_ℓ(1 − γ) + x_u γ with γ = g_low/(g_low + g_up).
/// - `hf5`…`hf9`: linear interpolation (R `approx`, ends held constant) of x at plotting positions
///   hf5 (C_k − w_k/2)/C_n; hf6 C_k/(C_n + w_n); hf7 C_{k−1}/C_{n−1}; hf8 (C_{k−1}/3 + 2C_k/3)/(C_n + w_n/3);
///   hf9 (3C_{k−1}/8 + 5C_k/8)/(C_n + w_n/4).
/// - `shahvaish`: step function (left value) at (S_k + ½ − w_k/2)/(n + 1), S the cumulative sum of
///   w/mean(w). R subtracts the raw w_k/2, so with large weights the positions are out of x order and
///   `approx` re-sorts them; we do the same, to give R's numbers.
struct WeightedQuantile {
    let x: [Double]
    let w: [Double]
    /// Cumulative weights, rounded from an extended-precision running sum.
    let cumulative: [Double]
    /// Σ w in input order (extended precision, as R's `sum`).
    let total: Double

    init(values: [Double], weights: [Double]) {
        // A stable sort (ties keep input order, as R's `order`): sort (value, position) pairs.
        var pairs = values.indices.filter { weights[$0] > 0 }.map { Pair(value: values[$0], position: Int32($0)) }
        pairs.sort { $0.value < $1.value || ($0.value == $1.value && $0.position < $1.position) }
        x = pairs.map(\.value)
        w = pairs.map { weights[Int($0.position)] }
        cumulative = WeightedQuantile.cumulativeSum(w)
        total = WeightedQuantile.extendedSum(weights)
    }

    /// Values already sorted ascending (ties in input order) with their weights (nil: all 1).
    init(sorted values: UnsafeBufferPointer<Double>, weights: UnsafeBufferPointer<Double>?) {
        var xs: [Double] = [], ws: [Double] = []
        xs.reserveCapacity(values.count); ws.reserveCapacity(values.count)
        for i in 0..<values.count {
            let wi = weights?[i] ?? 1
            if wi > 0 { xs.append(values[i]); ws.append(wi) }
        }
        x = xs
        w = ws
        cumulative = WeightedQuantile.cumulativeSum(ws)
        total = WeightedQuantile.extendedSum(ws)
    }

    /// The quantile at p, NaN for no values or p outside [0, 1].
    func quantileOrNaN(_ p: Double, rule: QuantileRule) -> Double {
        x.isEmpty || !(p >= 0 && p <= 1) ? .nan : quantile(p, rule: rule)
    }

    func quantile(_ p: Double, rule: QuantileRule) -> Double {
        let n = x.count
        if n == 1 { return x[0] }
        switch rule {
        case .math, .hf1:
            let q = qs(p, cumulative: cumulative, total: total)
            return q.gapLow <= 0 ? x[q.low] : x[q.up]
        case .school, .hf2:
            let q = qs(p, cumulative: cumulative, total: total)
            return q.gapLow <= 0 ? (x[q.low] + x[q.up]) / 2 : x[q.up]
        case .hf3:
            var ux: [Double] = [], uw: [Double] = []
            for k in 0..<n {
                if let last = ux.last, last == x[k] { uw[uw.count - 1] += w[k] } else { ux.append(x[k]); uw.append(w[k]) }
            }
            let q = qs(p, cumulative: WeightedQuantile.cumulativeSum(uw), total: WeightedQuantile.extendedSum(uw))
            return q.gapLow <= 0 && (q.low + 1) % 2 == 0 ? ux[q.low] : ux[q.up]
        case .hf4:
            let q = qs(p, cumulative: cumulative, total: total)
            let gamma = q.gapLow / (q.gapUp + q.gapLow)
            return x[q.low] * (1 - gamma) + x[q.up] * gamma
        case .hf5:
            return approx(p, positions: (0..<n).map { (cumulative[$0] - w[$0] / 2) / cumulative[n - 1] }, linear: true)
        case .hf6:
            return approx(p, positions: (0..<n).map { cumulative[$0] / (cumulative[n - 1] + w[n - 1]) }, linear: true)
        case .hf7:
            return approx(p, positions: (0..<n).map { ($0 == 0 ? 0 : cumulative[$0 - 1]) / cumulative[n - 2] }, linear: true)
        case .hf8:
            let scale: Double = cumulative[n - 1] + w[n - 1] / 3
            return approx(p, positions: (0..<n).map { k -> Double in
                let before: Double = k == 0 ? 0 : cumulative[k - 1]
                return (before / 3 + cumulative[k] * 2 / 3) / scale
            }, linear: true)
        case .hf9:
            let scale: Double = cumulative[n - 1] + w[n - 1] / 4
            return approx(p, positions: (0..<n).map { k -> Double in
                let before: Double = k == 0 ? 0 : cumulative[k - 1]
                return (before * 3 / 8 + cumulative[k] * 5 / 8) / scale
            }, linear: true)
        case .shahvaish:
            let meanW = total / Double(n)
            let s = WeightedQuantile.cumulativeSum(w.map { $0 / meanW })
            // These positions need not increase with x (R subtracts the raw w/2): `approx` sorts them first.
            let positions = (0..<n).map { (s[$0] + 0.5 - w[$0] / 2) / Double(n + 1) }
            return approx(p, positions: positions, values: x, linear: false, regularize: true)
        }
    }

    private struct Pair { var value: Double; var position: Int32 }

    /// R `survey:::qs` (0-based indices).
    func qs(_ p: Double, cumulative c: [Double], total: Double) -> (low: Int, up: Int, gapLow: Double, gapUp: Double) {
        let target = p * total
        // The last k with c[k] ≤ target (c is non-decreasing), or 0 when there is none.
        var lo = 0, hi = c.count
        while lo < hi { let mid = (lo + hi) / 2; if c[mid] <= target { lo = mid + 1 } else { hi = mid } }
        let low = max(lo - 1, 0)
        let up = low == c.count - 1 ? low : low + 1
        return (low, up, p - c[low] / total, c[up] / total - p)
    }

    /// R's `approx(positions, x, p, rule = 2)`, linear or constant with f = 0. With `regularize`, first
    /// as R's `regularize.values`: pairs ordered by position (stable), equal positions merged to the mean
    /// of their values.
    func approx(_ v: Double, positions: [Double], values: [Double]? = nil, linear: Bool, regularize: Bool = false) -> Double {
        var px = positions, x = values ?? self.x
        if regularize {
            let order = px.indices.sorted { px[$0] < px[$1] || (px[$0] == px[$1] && $0 < $1) }
            var rx: [Double] = [], ry: [Double] = [], count: [Double] = []
            for k in order {
                if let last = rx.last, last == px[k] { ry[ry.count - 1] += x[k]; count[count.count - 1] += 1 } else {
                    rx.append(px[k]); ry.append(x[k]); count.append(1)
                }
            }
            px = rx
            x = zip(ry, count).map { $0 / $1 }
        }
        let n = px.count
        if v < px[0] { return x[0] }
        if v > px[n - 1] { return x[n - 1] }
        var i = 0, j = n - 1
        while i < j - 1 {
            let ij = (i + j) / 2
            if v < px[ij] { j = ij } else { i = ij }
        }
        if v == px[j] { return x[j] }
        if v == px[i] { return x[i] }
        return linear ? x[i] + (x[j] - x[i]) * ((v - px[i]) / (px[j] - px[i])) : x[i]
    }

    static func cumulativeSum(_ v: [Double]) -> [Double] {
        #if arch(x86_64) && !os(Windows)
        var s: Float80 = 0
        return v.map { s += Float80($0); return Double(s) }
        #else
        var s = 0.0
        return v.map { s += $0; return s }
        #endif
    }

    static func extendedSum(_ v: [Double]) -> Double {
        #if arch(x86_64) && !os(Windows)
        var s: Float80 = 0
        for e in v { s += Float80(e) }
        return Double(s)
        #else
        return v.reduce(0, +)
        #endif
    }
}
