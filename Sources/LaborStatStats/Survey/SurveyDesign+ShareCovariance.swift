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
        var cov = [Double](repeating: 0, count: p * p)
        if rows.isEmpty { return cov }
        let a = rows.map { weights[$0] / weightSum }

        // Stage-1 units: touched PSUs, each with its rows.
        let unitOfRow: [Int] = rows.map { Int(psuOfRow[$0]) }
        let (psuUnits, psuIDs) = SparseUnit.collect(keys: unitOfRow, cell: cell, a: a)
        var unitsByStratum = [[Int]](repeating: [], count: strataCount)
        for (u, i) in psuIDs.enumerated() { unitsByStratum[Int(stratumOfPSU[i])].append(u) }
        let presentStrata = unitsByStratum.reduce(0) { $0 + ($1.isEmpty ? 0 : 1) }
        var lonelyPresent = 0
        for h in 0..<strataCount where !unitsByStratum[h].isEmpty {
            let f = stageOneFactor(h)
            if f < 1e-7 { continue }
            let nh = psusInStratum[h]
            let units = unitsByStratum[h].map { psuUnits[$0] }
            if nh == 1 {
                switch spec.lonelyPSU {
                case .adjust: SparseUnit.addScatter(&cov, units, total: 1, centred: false, share: share, scale: f)
                case .average: lonelyPresent += 1
                case .remove, .certainty, .fail: break
                }
                continue
            }
            SparseUnit.addScatter(&cov, units, total: nh, centred: true, share: share, scale: f * Double(nh) / Double(nh - 1))
        }
        if spec.lonelyPSU == .average && lonelyPresent > 0 {
            let factor = Double(presentStrata) / Double(presentStrata - lonelyPresent)
            for j in 0..<(p * p) { cov[j] *= factor }
        }

        // Stage 2, when the fpc has a second stage.
        if let ssuOfRow, let psuOfSSU, let ssusInPSU, let stratumPopulation, psuPopulation != nil {
            let (ssuUnits, ssuIDs) = SparseUnit.collect(keys: rows.map { Int(ssuOfRow[$0]) }, cell: cell, a: a)
            var unitsByPSU: [Int: [Int]] = [:]
            for (u, s) in ssuIDs.enumerated() { unitsByPSU[Int(psuOfSSU[s]), default: []].append(u) }
            for i in psuIDs {
                let h = Int(stratumOfPSU[i])
                let outer = Double(psusInStratum[h]) / stratumPopulation[h]
                let f = stageTwoFactor(i)
                if f < 1e-7 { continue }
                let m = ssusInPSU[i]
                let units = (unitsByPSU[i] ?? []).map { ssuUnits[$0] }
                if m == 1 {
                    switch spec.lonelyPSU {
                    case .adjust: SparseUnit.addScatter(&cov, units, total: 1, centred: false, share: share, scale: outer * f)
                    case .average: for j in 0..<(p * p) { cov[j] = .nan }
                    case .remove, .certainty, .fail: break
                    }
                    continue
                }
                SparseUnit.addScatter(&cov, units, total: m, centred: true, share: share, scale: outer * f * Double(m) / Double(m - 1))
            }
        }
        return cov
    }
}

/// One sampling unit's sparse total U (cells and values) and A.
struct SparseUnit {
    var cells: [Int] = []
    var values: [Double] = []
    var a = 0.0

    /// Units keyed by `keys` (one per row, in first-seen order) with their sparse totals, and the keys.
    static func collect(keys: [Int], cell: [Int], a: [Double]) -> ([SparseUnit], [Int]) {
        var slot: [Int: Int] = [:]
        var units: [SparseUnit] = []
        var ids: [Int] = []
        for (k, key) in keys.enumerated() {
            let u: Int
            if let s = slot[key] { u = s } else { u = units.count; slot[key] = u; units.append(SparseUnit()); ids.append(key) }
            units[u].a += a[k]
            if let j = units[u].cells.firstIndex(of: cell[k]) { units[u].values[j] += a[k] } else {
                units[u].cells.append(cell[k])
                units[u].values.append(a[k])
            }
        }
        return (units, ids)
    }

    /// m += scale · (Σ_t Z_t Z_tᵀ − [centred] n Z̄ Z̄ᵀ) for Z_t = U_t − A_t p̂ over `units` of a group of
    /// `total` units (the rest have Z = 0).
    static func addScatter(_ m: inout [Double], _ units: [SparseUnit], total n: Int, centred: Bool, share s: [Double], scale: Double) {
        let p = s.count
        var uu = [Double](repeating: 0, count: p * p)   // Σ U Uᵀ
        var b = [Double](repeating: 0, count: p)         // Σ A U
        var sumU = [Double](repeating: 0, count: p)      // Σ U
        var sumA = 0.0, sumA2 = 0.0
        for t in units {
            for (x, cx) in t.cells.enumerated() {
                let vx = t.values[x]
                for (y, cy) in t.cells.enumerated() { uu[cx * p + cy] += vx * t.values[y] }
                b[cx] += t.a * vx
                sumU[cx] += vx
            }
            sumA += t.a
            sumA2 += t.a * t.a
        }
        // Z̄ = (Σ U − (Σ A) p̂) / n.
        let zbar = (0..<p).map { (sumU[$0] - sumA * s[$0]) / Double(n) }
        for i in 0..<p {
            for j in 0..<p {
                var v = uu[i * p + j] - b[i] * s[j] - s[i] * b[j] + sumA2 * s[i] * s[j]
                if centred { v -= Double(n) * zbar[i] * zbar[j] }
                m[i * p + j] += scale * v
            }
        }
    }
}
