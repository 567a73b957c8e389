/// The linearized covariance of estimated shares p̂ (a design mean of category indicators) without
/// forming the n × p influence matrix: the same quantity as `linearizedCovariance` with
/// z_k = a_k (e_{c_k} − p̂), a_k = w_k / Ŵ, but computed from sparse unit totals.
///
/// Why: a Rao–Scott table of 31 provinces × 10 years over a million rows would need a 2.5 GB influence
/// matrix and 10¹¹ multiply-adds; here the cost is the rows plus p² per stratum.
///
/// For a sampling unit t (PSU, or second-stage unit) write U_t = Σ_{k∈t} a_k e_{c_k} (sparse) and
/// A_t = Σ_{k∈t} a_k; its influence total is Z_t = U_t − A_t p̂. Over the n units of a stratum (those
/// without a domain row have Z = 0), with Z̄ = Σ Z_t / n,
///
///     Σ_t (Z_t − Z̄)(Z_t − Z̄)ᵀ = Σ U_t U_tᵀ − B p̂ᵀ − p̂ Bᵀ + (Σ A_t²) p̂ p̂ᵀ − n Z̄ Z̄ᵀ,   B = Σ A_t U_t,
///
/// and the stage factors and lonely-unit policies are those of `linearizedCovariance`
/// (`SurveyDesignErrorTests` checks the two agree).
extension SurveyDesign {
    func linearizedShareCovariance(rows: [Int], cell: [Int], share: [Double], weightSum: Double) -> [Double] {
        let p = share.count
        if rows.isEmpty { return [Double](repeating: 0, count: p * p) }
        var stageOne = ShareScatter(cellCount: p), stageTwo = ShareScatter(cellCount: p)
        let a = rows.map { weights[$0] / weightSum }

        // Stage-1 units: touched PSUs, each with its rows.
        let psuUnits = SparseUnits(keys: rows.map { Int(psuOfRow[$0]) }, keyCount: psuCount, cell: cell, a: a, cellCount: p)
        let psuIDs = psuUnits.ids
        var unitsByStratum = [[Int]](repeating: [], count: strataCount)
        for (u, i) in psuIDs.enumerated() { unitsByStratum[Int(stratumOfPSU[i])].append(u) }
        let presentStrata = unitsByStratum.reduce(0) { $0 + ($1.isEmpty ? 0 : 1) }
        // `adjust`: the grand mean of the PSU totals, Ū − Ā p̂ with Ū = Σ U / N, Ā = Σ A / N over the
        // N PSUs of the strata present (as `linearizedCovariance`, survey ≥ 4.4).
        var grandU = [Double](repeating: 0, count: p), grandA = 0.0
        if spec.lonelyPSU == .adjust {
            var n = 0
            for h in 0..<strataCount where !unitsByStratum[h].isEmpty { n += psusInStratum[h] }
            for u in 0..<psuIDs.count {
                grandA += psuUnits.a[u]
                for x in psuUnits.start[u] ..< psuUnits.start[u + 1] { grandU[psuUnits.cells[x]] += psuUnits.values[x] }
            }
            grandU = grandU.map { $0 / Double(n) }
            grandA /= Double(n)
        }
        var lonelyPresent = 0
        for h in 0..<strataCount where !unitsByStratum[h].isEmpty {
            let f = stageOneFactor(h)
            if f < 1e-7 { continue }
            let nh = psusInStratum[h]
            let units = unitsByStratum[h]
            if nh == 1 {
                switch spec.lonelyPSU {
                case .adjust:
                    var u = grandU.map { -$0 }
                    for x in psuUnits.start[units[0]] ..< psuUnits.start[units[0] + 1] { u[psuUnits.cells[x]] += psuUnits.values[x] }
                    stageOne.addDense(u, a: psuUnits.a[units[0]] - grandA, scale: f)
                case .average: lonelyPresent += 1
                case .remove, .certainty, .fail: break
                }
                continue
            }
            stageOne.add(psuUnits, units, total: nh, centred: true, scale: f * Double(nh) / Double(nh - 1))
        }
        let factor = spec.lonelyPSU == .average && lonelyPresent > 0 ? Double(presentStrata) / Double(presentStrata - lonelyPresent) : 1

        // Stage 2, when the fpc has a second stage.
        if let ssuOfRow, let psuOfSSU, let ssusInPSU, let stratumPopulation, psuPopulation != nil {
            let ssuUnits = SparseUnits(keys: rows.map { Int(ssuOfRow[$0]) }, keyCount: psuOfSSU.count, cell: cell, a: a, cellCount: p)
            var unitsByPSU: [Int: [Int]] = [:]
            for (u, s) in ssuUnits.ids.enumerated() { unitsByPSU[Int(psuOfSSU[s]), default: []].append(u) }
            for i in psuIDs {
                let h = Int(stratumOfPSU[i])
                let outer = Double(psusInStratum[h]) / stratumPopulation[h]
                let f = stageTwoFactor(i)
                if f < 1e-7 { continue }
                let m = ssusInPSU[i]
                let units = unitsByPSU[i] ?? []
                if m == 1 {
                    switch spec.lonelyPSU {
                    case .adjust: break   // centred at the PSU's own grand mean: adds nothing
                    case .average: stageTwo.isNaN = true
                    case .remove, .certainty, .fail: break
                    }
                    continue
                }
                stageTwo.add(ssuUnits, units, total: m, centred: true, scale: outer * f * Double(m) / Double(m - 1))
            }
        }
        let one = stageOne.matrix(share: share, factor: factor), two = stageTwo.matrix(share: share)
        return zip(one, two).map { $0 + $1 }
    }
}

/// Sampling units' sparse totals U (compressed rows: unit u has `cells[start[u] ..< start[u+1]]` with
/// `values`) and their A.
struct SparseUnits {
    var start: [Int] = [0]
    var cells: [Int] = []
    var values: [Double] = []
    var a: [Double] = []
    /// The unit key (PSU or second-stage unit number) of each unit, in first-seen order.
    var ids: [Int] = []

    /// Units of the rows' `keys` (dense numbers below `keyCount`), each row adding `a[k]` to `cell[k]`.
    init(keys: [Int], keyCount: Int, cell: [Int], a rowA: [Double], cellCount p: Int) {
        var slot = [Int32](repeating: -1, count: keyCount)
        var unitOf = [Int](repeating: 0, count: keys.count)
        var rowsIn: [Int] = []
        for (k, key) in keys.enumerated() {
            if slot[key] < 0 { slot[key] = Int32(ids.count); ids.append(key); rowsIn.append(0) }
            unitOf[k] = Int(slot[key])
            rowsIn[unitOf[k]] += 1
        }
        // Rows grouped by unit (counting sort), then cells merged within each unit.
        var offset = [Int](repeating: 0, count: ids.count + 1)
        for u in 0..<ids.count { offset[u + 1] = offset[u] + rowsIn[u] }
        var fill = offset
        var byUnit = [Int](repeating: 0, count: keys.count)
        for k in 0..<keys.count { byUnit[fill[unitOf[k]]] = k; fill[unitOf[k]] += 1 }
        a = [Double](repeating: 0, count: ids.count)
        var position = [Int](repeating: -1, count: p)
        for u in 0..<ids.count {
            let first = cells.count
            for k in byUnit[offset[u] ..< offset[u + 1]] {
                a[u] += rowA[k]
                let c = cell[k]
                if position[c] < 0 { position[c] = cells.count; cells.append(c); values.append(rowA[k]) } else { values[position[c]] += rowA[k] }
            }
            for e in first..<cells.count { position[cells[e]] = -1 }
            start.append(cells.count)
        }
    }

}

/// Σ over groups of scale · (Σ_t Z_t Z_tᵀ − [centred] n Z̄ Z̄ᵀ), Z_t = U_t − A_t p̂, kept as
/// M − v p̂ᵀ − p̂ vᵀ + c p̂ p̂ᵀ with M built from sparse outer products only, so that a group costs its
/// non-zeros squared rather than p² (the second stage has a group per PSU).
struct ShareScatter {
    let p: Int
    var m: [Double]
    var v: [Double]
    var c = 0.0
    var isNaN = false
    /// Scratch: Σ U over the current group, and which cells it touches.
    private var sumU: [Double]
    private var touched: [Int] = []
    private var isTouched: [Bool]

    init(cellCount p: Int) {
        self.p = p
        m = [Double](repeating: 0, count: p * p)
        v = [Double](repeating: 0, count: p)
        sumU = [Double](repeating: 0, count: p)
        isTouched = [Bool](repeating: false, count: p)
    }

    /// Adds one group: `units` of `units`, in a group of `total` units (the rest have Z = 0).
    mutating func add(_ all: SparseUnits, _ units: [Int], total n: Int, centred: Bool, scale: Double) {
        var sumA = 0.0
        for t in units {
            let range = all.start[t] ..< all.start[t + 1]
            let a = all.a[t]
            for x in range {
                let cx = all.cells[x], vx = scale * all.values[x]
                for y in range { m[cx * p + all.cells[y]] += vx * all.values[y] }
                v[cx] += a * vx
                if !isTouched[cx] { isTouched[cx] = true; touched.append(cx) }
                sumU[cx] += all.values[x]
            }
            sumA += a
            c += scale * a * a
        }
        if centred {
            // − (1/n) (ΣU − α p̂)(ΣU − α p̂)ᵀ with α = Σ A.
            let k = scale / Double(n)
            for i in touched { for j in touched { m[i * p + j] -= k * sumU[i] * sumU[j] } }
            for i in touched { v[i] -= k * sumA * sumU[i] }
            c -= k * sumA * sumA
        }
        for i in touched { sumU[i] = 0; isTouched[i] = false }
        touched.removeAll(keepingCapacity: true)
    }

    /// Adds one unit given densely: Z = u − a p̂ (a lone PSU centred at the grand mean).
    mutating func addDense(_ u: [Double], a: Double, scale: Double) {
        for i in 0..<p where u[i] != 0 {
            let ui = scale * u[i]
            for j in 0..<p { m[i * p + j] += ui * u[j] }
            v[i] += a * ui
        }
        c += scale * a * a
    }

    /// The p × p matrix M − v p̂ᵀ − p̂ vᵀ + c p̂ p̂ᵀ, times `factor`.
    func matrix(share s: [Double], factor: Double = 1) -> [Double] {
        if isNaN { return [Double](repeating: .nan, count: p * p) }
        var out = m
        for i in 0..<p { for j in 0..<p { out[i * p + j] = factor * (m[i * p + j] - v[i] * s[j] - s[i] * v[j] + c * s[i] * s[j]) } }
        return out
    }
}
