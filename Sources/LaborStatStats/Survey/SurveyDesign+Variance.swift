import _LaborStatBLAS

/// Taylor-linearized variance of estimated totals of influence values, as R `survey`'s `svyrecvar`
/// (`multistage` → `onestage` → `onestrat`).
///
/// For influence values z (one row each, p columns; zero outside the domain), PSU totals
/// Z_hi = Σ_{rows of PSU i} z and, per stratum h with n_h sampled PSUs of N_h,
///
///     V₁ = Σ_h (1 − n_h/N_h) · n_h/(n_h − 1) · Σ_i (Z_hi − Z̄_h)(Z_hi − Z̄_h)ᵀ
///
/// where Z̄_h averages over all n_h PSUs of the stratum — those with no domain row count as zero, so
/// the design stays whole (with replacement: 1 − n_h/N_h is 1; a stratum with 1 − n_h/N_h < 1e-7 adds
/// nothing). With an fpc for two stages, each PSU i of stratum h adds n_h/N_h times the same sum over
/// its second-stage units with (1 − m_i/M_i)·m_i/(m_i − 1).
///
/// A stratum (or PSU at stage 2) with a single sampled unit, by `--lonely-psu` (R `survey.lonely.psu`):
/// `remove`, `certainty` — adds nothing; `adjust` — (1 − f)·(Z − Z̄)(Z − Z̄)ᵀ, the unit's total centred at
/// the sample grand mean Z̄ = Σ Z / Σ_h n_h (the PSU totals of the strata present, over their PSU counts)
/// instead of its stratum mean — survey ≥ 4.4 (`?surveyoptions`: "centered at the sample grand mean",
/// Stata's `singleunit(centered)`; survey ≤ 4.3 centred at zero). At stage 2 the grand mean is that of
/// the PSU's own units, so a lone second-stage unit adds nothing, as survey 4.5's `arma_onestage`;
/// `average` — adds nothing, and the sum over strata is multiplied by (strata present) / (strata
/// present − lonely strata present), strata present being those with a row in the domain (R's
/// `nstrat/nokstrat`; a lonely second-stage unit under `average` gives NaN, as R does).
extension SurveyDesign {
    /// The p×p covariance (row-major) of the totals of `z` over `rows`, plus the domain's design degrees
    /// of freedom (PSUs with a row in `rows` − strata with a row in `rows`, R's `degf` of the subset).
    ///
    /// - Parameters:
    ///   - rows: physical rows of the domain (the rows R's subset design keeps).
    ///   - z: influence values, row-major: `z[k * p + j]` for the k-th entry of `rows`, column j.
    func linearizedCovariance(rows: [Int], z: [Double], p: Int) -> (covariance: [Double], df: Int) {
        var cov = [Double](repeating: 0, count: p * p)
        if rows.isEmpty { return (cov, 0) }
        // Totals of the PSUs the domain touches, compactly (the t-th touched PSU), with their strata.
        var totals: [Double]
        var touchedPSU: [Int]
        if spec.clusters.isEmpty {
            // Every row is its own PSU (the rows of a domain are distinct).
            totals = z
            touchedPSU = rows
        } else {
            totals = []
            touchedPSU = []
            var slot = [Int32](repeating: -1, count: psuCount)
            for (k, r) in rows.enumerated() {
                let i = Int(psuOfRow[r])
                var t = Int(slot[i])
                if t < 0 {
                    t = touchedPSU.count
                    slot[i] = Int32(t)
                    touchedPSU.append(i)
                    totals.append(contentsOf: repeatElement(0, count: p))
                }
                for j in 0..<p { totals[t * p + j] += z[k * p + j] }
            }
        }
        let stratumOfTouched = touchedPSU.map { Int(stratumOfPSU[$0]) }
        var touchedByStratum = [[Int]](repeating: [], count: strataCount)
        for (t, h) in stratumOfTouched.enumerated() { touchedByStratum[h].append(t) }
        let presentStrata = touchedByStratum.reduce(0) { $0 + ($1.isEmpty ? 0 : 1) }
        let df = touchedPSU.count - presentStrata

        // Stage 1: centred cross-products of PSU totals within each stratum.
        let grand = spec.lonelyPSU == .adjust ? grandMean(totals, p: p, strataPresent: touchedByStratum) : []
        var lonelyPresent = 0
        var stratumCov = [Double](repeating: 0, count: p * p)
        var mean = [Double](repeating: 0, count: p)
        for h in 0..<strataCount where !touchedByStratum[h].isEmpty {
            let f = stageOneFactor(h)
            if f < 1e-7 { continue }
            let nh = psusInStratum[h]
            if nh == 1 {
                switch spec.lonelyPSU {
                case .adjust:
                    let t = touchedByStratum[h][0]
                    let centred = (0..<p).map { totals[t * p + $0] - grand[$0] }
                    addOuter(&cov, centred, offset: 0, p: p, scale: f)
                case .average: lonelyPresent += 1
                case .remove, .certainty, .fail: break
                }
                continue
            }
            for j in 0..<p { mean[j] = 0 }
            for t in touchedByStratum[h] { for j in 0..<p { mean[j] += totals[t * p + j] } }
            for j in 0..<p { mean[j] /= Double(nh) }
            for j in 0..<(p * p) { stratumCov[j] = 0 }
            addCentredCrossProduct(&stratumCov, totals, slots: touchedByStratum[h], mean: mean, p: p)
            // PSUs of the stratum without a domain row: total 0, deviation −mean.
            let untouched = Double(nh - touchedByStratum[h].count)
            if untouched > 0 { addOuter(&stratumCov, mean, offset: 0, p: p, scale: untouched) }
            let scale = f * Double(nh) / Double(nh - 1)
            for j in 0..<(p * p) { cov[j] += scale * stratumCov[j] }
        }
        if spec.lonelyPSU == .average && lonelyPresent > 0 {
            let factor = Double(presentStrata) / Double(presentStrata - lonelyPresent)
            for j in 0..<(p * p) { cov[j] *= factor }
        }

        // Stage 2, when the fpc has a second stage.
        if let ssuOfRow, let psuOfSSU, let ssusInPSU, let stratumPopulation, psuPopulation != nil {
            var ssuTotal = [Double](repeating: 0, count: psuOfSSU.count * p)
            var ssuSeen = [Bool](repeating: false, count: psuOfSSU.count)
            var unitsOfPSU = [[Int]](repeating: [], count: psuCount)
            for (k, r) in rows.enumerated() {
                let s = Int(ssuOfRow[r])
                if !ssuSeen[s] { ssuSeen[s] = true; unitsOfPSU[Int(psuOfSSU[s])].append(s) }
                for j in 0..<p { ssuTotal[s * p + j] += z[k * p + j] }
            }
            for i in touchedPSU {
                let h = Int(stratumOfPSU[i])
                let outer = Double(psusInStratum[h]) / stratumPopulation[h]
                let f = stageTwoFactor(i)
                if f < 1e-7 { continue }
                let m = ssusInPSU[i]
                let units = unitsOfPSU[i]
                if m == 1 {
                    switch spec.lonelyPSU {
                    case .adjust: break   // centred at the PSU's grand mean, its own total: adds nothing
                    case .average:
                        for j in 0..<(p * p) { cov[j] = .nan }
                    case .remove, .certainty, .fail: break
                    }
                    continue
                }
                var sum = [Double](repeating: 0, count: p)
                for s in units { for j in 0..<p { sum[j] += ssuTotal[s * p + j] } }
                let mean = sum.map { $0 / Double(m) }
                var acc = [Double](repeating: 0, count: p * p)
                addCentredCrossProduct(&acc, ssuTotal, slots: units, mean: mean, p: p)
                let untouched = Double(m - units.count)
                if untouched > 0 { addOuter(&acc, mean, offset: 0, p: p, scale: untouched) }
                let scale = outer * f * Double(m) / Double(m - 1)
                for j in 0..<(p * p) { cov[j] += scale * acc[j] }
            }
        }
        return (cov, df)
    }

    /// The variance of the total of one influence column (p = 1).
    func linearizedVariance(rows: [Int], z: [Double]) -> (variance: Double, df: Int) {
        if spec.clusters.isEmpty { return rowVariance(rows: rows, z: z) }
        let (c, df) = linearizedCovariance(rows: rows, z: z, p: 1)
        return (c[0], df)
    }

    /// `linearizedCovariance` for p = 1 when every row is its own PSU (`--weight`/`--strata`/`--fpc`
    /// without `--cluster`, the common case): two passes over the rows, no per-PSU arrays.
    func rowVariance(rows: [Int], z: [Double]) -> (variance: Double, df: Int) {
        if rows.isEmpty { return (0, 0) }
        var sum = [Double](repeating: 0, count: strataCount)
        var touched = [Int](repeating: 0, count: strataCount)
        for (k, r) in rows.enumerated() { let h = Int(stratumOfRow[r]); sum[h] += z[k]; touched[h] += 1 }
        var mean = [Double](repeating: 0, count: strataCount)
        for h in 0..<strataCount where touched[h] > 0 { mean[h] = sum[h] / Double(psusInStratum[h]) }
        var squares = [Double](repeating: 0, count: strataCount)
        for (k, r) in rows.enumerated() { let h = Int(stratumOfRow[r]); let d = z[k] - mean[h]; squares[h] += d * d }
        var v = 0.0
        var present = 0, lonelyPresent = 0
        // The sample grand mean of PSU totals (`adjust`): Σ z over the PSUs of the strata present.
        var grand = 0.0
        if spec.lonelyPSU == .adjust {
            var psus = 0
            for h in 0..<strataCount where touched[h] > 0 { grand += sum[h]; psus += psusInStratum[h] }
            grand /= Double(psus)
        }
        for h in 0..<strataCount where touched[h] > 0 {
            present += 1
            let f = stageOneFactor(h)
            if f < 1e-7 { continue }
            let nh = psusInStratum[h]
            if nh == 1 {
                switch spec.lonelyPSU {
                case .adjust: v += f * (sum[h] - grand) * (sum[h] - grand)
                case .average: lonelyPresent += 1
                case .remove, .certainty, .fail: break
                }
                continue
            }
            // PSUs of the stratum without a domain row: total 0, deviation −mean.
            let untouched = Double(nh - touched[h])
            v += f * Double(nh) / Double(nh - 1) * (squares[h] + untouched * mean[h] * mean[h])
        }
        if spec.lonelyPSU == .average && lonelyPresent > 0 { v *= Double(present) / Double(present - lonelyPresent) }
        return (v, rows.count - present)
    }
}

extension SurveyDesign {
    /// Σ of the PSU totals over Σ n_h of the strata present (survey 4.5's `Y_means` for `adjust`).
    func grandMean(_ totals: [Double], p: Int, strataPresent: [[Int]]) -> [Double] {
        var mean = [Double](repeating: 0, count: p)
        var psus = 0
        for (h, slots) in strataPresent.enumerated() where !slots.isEmpty {
            psus += psusInStratum[h]
            for t in slots { for j in 0..<p { mean[j] += totals[t * p + j] } }
        }
        return mean.map { $0 / Double(psus) }
    }

    /// PSUs − strata among `rows` (R `degf` of a subset design).
    func degreesOfFreedom(rows: [Int]) -> Int {
        var psuSeen = Set<Int32>(), stratumSeen = Set<Int32>()
        for r in rows { psuSeen.insert(psuOfRow[r]); stratumSeen.insert(stratumOfRow[r]) }
        return psuSeen.count - stratumSeen.count
    }
}

/// m += Σ_t (v_t − mean)(v_t − mean)ᵀ over the p-vectors v_t = `totals[t·p ..< (t+1)·p]`, t in `slots`;
/// many wide vectors go through BLAS `dsyrk` in blocks (a 40-cell Rao–Scott table over a million PSUs
/// would otherwise cost 1.6·10⁹ scalar multiply-adds).
private func addCentredCrossProduct(_ m: inout [Double], _ totals: [Double], slots: [Int], mean: [Double], p: Int) {
    if p < 8 || slots.count < 64 {
        var centred = [Double](repeating: 0, count: p)
        for t in slots {
            for j in 0..<p { centred[j] = totals[t * p + j] - mean[j] }
            addOuter(&m, centred, offset: 0, p: p, scale: 1)
        }
        return
    }
    let blockRows = 4096
    var block = [Double](repeating: 0, count: blockRows * p)
    var start = 0
    while start < slots.count {
        let rows = min(blockRows, slots.count - start)
        for r in 0..<rows {
            let t = slots[start + r]
            for j in 0..<p { block[j * rows + r] = totals[t * p + j] - mean[j] }
        }
        let c = block.withUnsafeBufferPointer { BLAS.crossProduct(UnsafeBufferPointer(rebasing: $0[0..<(rows * p)]), rows: rows, cols: p) }
        for j in 0..<(p * p) { m[j] += c[j] }
        start += rows
    }
}

/// m += scale · v vᵀ for the p-vector at `v[offset...]`.
@inline(__always)
private func addOuter(_ m: inout [Double], _ v: [Double], offset: Int, p: Int, scale: Double) {
    for a in 0..<p {
        let va = scale * v[offset + a]
        if va == 0 { continue }
        for b in 0..<p { m[a * p + b] += va * v[offset + b] }
    }
}
