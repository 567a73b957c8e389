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
/// `remove`, `certainty` — adds nothing; `adjust` — (1 − f)·Z Zᵀ, the unit's total centred at zero (the
/// grand mean of influence values) instead of its stratum mean; `average` — adds nothing, and the sum over
/// strata is multiplied by (strata present) / (strata present − lonely strata present), strata present
/// being those with a row in the domain (R's `nstrat/nokstrat`; a lonely second-stage unit under
/// `average` gives NaN, as R does).
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
        // PSU totals, and which PSUs and strata the domain touches.
        var psuTotal = [Double](repeating: 0, count: psuCount * p)
        var psuSeen = [Bool](repeating: false, count: psuCount)
        var touched: [Int] = []
        var stratumSeen = [Bool](repeating: false, count: strataCount)
        var presentStrata = 0
        for (k, r) in rows.enumerated() {
            let i = Int(psuOfRow[r])
            if !psuSeen[i] {
                psuSeen[i] = true
                touched.append(i)
                let h = Int(stratumOfPSU[i])
                if !stratumSeen[h] { stratumSeen[h] = true; presentStrata += 1 }
            }
            for j in 0..<p { psuTotal[i * p + j] += z[k * p + j] }
        }
        let df = touched.count - presentStrata

        // Stage 1: stratum sums of PSU totals, then centred cross-products.
        var stratumSum = [Double](repeating: 0, count: strataCount * p)
        var touchedIn = [Int](repeating: 0, count: strataCount)
        for i in touched {
            let h = Int(stratumOfPSU[i])
            touchedIn[h] += 1
            for j in 0..<p { stratumSum[h * p + j] += psuTotal[i * p + j] }
        }
        var stageOne = [Double](repeating: 0, count: p * p)
        var lonelyPresent = 0
        var centred = [Double](repeating: 0, count: p)
        var stratumCov = [Double](repeating: 0, count: p * p)
        var touchedByStratum = [[Int]](repeating: [], count: strataCount)
        for i in touched { touchedByStratum[Int(stratumOfPSU[i])].append(i) }
        for h in 0..<strataCount where stratumSeen[h] {
            let f = stageOneFactor(h)
            if f < 1e-7 { continue }
            let nh = psusInStratum[h]
            if nh == 1 {
                switch spec.lonelyPSU {
                case .adjust:
                    let i = touchedByStratum[h][0]
                    addOuter(&stageOne, psuTotal, offset: i * p, p: p, scale: f)
                case .average: lonelyPresent += 1
                case .remove, .certainty, .fail: break
                }
                continue
            }
            for j in 0..<(p * p) { stratumCov[j] = 0 }
            let mean = (0..<p).map { stratumSum[h * p + $0] / Double(nh) }
            for i in touchedByStratum[h] {
                for j in 0..<p { centred[j] = psuTotal[i * p + j] - mean[j] }
                addOuter(&stratumCov, centred, offset: 0, p: p, scale: 1)
            }
            // PSUs of the stratum without a domain row: total 0, deviation −mean.
            let untouched = Double(nh - touchedIn[h])
            if untouched > 0 { addOuter(&stratumCov, mean, offset: 0, p: p, scale: untouched) }
            let scale = f * Double(nh) / Double(nh - 1)
            for j in 0..<(p * p) { stageOne[j] += scale * stratumCov[j] }
        }
        if spec.lonelyPSU == .average && lonelyPresent > 0 {
            let factor = Double(presentStrata) / Double(presentStrata - lonelyPresent)
            for j in 0..<(p * p) { stageOne[j] *= factor }
        }
        cov = stageOne

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
            for i in touched {
                let h = Int(stratumOfPSU[i])
                let outer = Double(psusInStratum[h]) / stratumPopulation[h]
                let f = stageTwoFactor(i)
                if f < 1e-7 { continue }
                let m = ssusInPSU[i]
                let units = unitsOfPSU[i]
                if m == 1 {
                    switch spec.lonelyPSU {
                    case .adjust:
                        if let s = units.first { addOuter(&cov, ssuTotal, offset: s * p, p: p, scale: outer * f) }
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
                for s in units {
                    for j in 0..<p { centred[j] = ssuTotal[s * p + j] - mean[j] }
                    addOuter(&acc, centred, offset: 0, p: p, scale: 1)
                }
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
        let (c, df) = linearizedCovariance(rows: rows, z: z, p: 1)
        return (c[0], df)
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
