import Foundation
import LaborStatTable

/// The result of a design-based test of independence in a two-way table.
public struct RaoScottTest: Sendable, Equatable {
    /// The Rao–Scott F statistic: Pearson's X² (on the weighted table scaled to the sample size) / tr(Δ).
    public var statistic: Double
    /// Numerator degrees of freedom d = tr(Δ)² / tr(Δ²).
    public var numeratorDF: Double
    /// Denominator degrees of freedom d·ν, ν = PSUs − strata in the domain.
    public var denominatorDF: Double
    public var pValue: Double
    /// Pearson's X² before the correction, on the weighted table scaled to N = the domain's rows
    /// (R counts rows with a missing value in N too).
    public var pearson: Double
    /// The first-order correction's p-value, P(χ²_q > X² / mean(diag Δ)) with q = (r − 1)(c − 1), as
    /// `svychisq(statistic = "Chisq")` (the F form above is R's default and the one reported).
    public var chiSquarePValue: Double
    /// Rows of the domain that entered the table.
    public var n: Int
    public var method: String
}

/// Pearson's chi-square test for a two-way table, Rao–Scott corrected under the design, as R
/// `svychisq(~rows + cols, design, statistic = "F")` (survey 4.1).
///
/// With cell shares p̂ (a design mean of cell indicators, covariance V), D = diag(p̂), N the rows in the
/// domain, and C the interaction contrasts (the interaction columns of the saturated model with the main
/// effects projected out — for the complete r × c grid, each column double-centred):
///
///     Δ = (Cᵀ D⁻¹ C / N)⁻¹ (Cᵀ D⁻¹ V D⁻¹ C),   F = X² / tr Δ,   F ~ F(d, d ν), d = (tr Δ)² / tr Δ²
///
/// X² is Pearson's statistic on the weighted table rescaled to total N (`svytable(Ntotal = N)`). Rows
/// with a missing value in either column leave the domain (R gives the same with `na.rm = TRUE`).
extension SurveyDesign {
    /// As `svychisq(statistic = "F")`: returns the F statistic, its numerator df, the p-value and the method.
    public func raoScott(rows: String, cols: String, domain: [Bool]?) throws -> (statistic: Double, df: Double, pValue: Double, method: String) {
        let t = try raoScottTest(rows: rows, cols: cols, domain: domain)
        return (t.statistic, t.numeratorDF, t.pValue, t.method)
    }

    /// The full Rao–Scott result (both degrees of freedom and Pearson's X²).
    public func raoScottTest(rows rowName: String, cols colName: String, domain: [Bool]?) throws -> RaoScottTest {
        let (rowCode, rowLevels) = try levelCodes(rowName)
        let (colCode, colLevels) = try levelCodes(colName)
        let rows = try domainRows(domain: domain, groups: nil) { rowCode[$0] >= 0 && colCode[$0] >= 0 }[0]
        // Levels present in the domain, renumbered.
        func present(_ code: [Int32], _ count: Int) -> [Int] {
            var seen = [Bool](repeating: false, count: count)
            for r in rows { seen[Int(code[r])] = true }
            var map = [Int](repeating: -1, count: count), next = 0
            for k in 0..<count where seen[k] { map[k] = next; next += 1 }
            return map
        }
        let rowMap = present(rowCode, rowLevels.count), colMap = present(colCode, colLevels.count)
        let nr = rowMap.filter { $0 >= 0 }.count, nc = colMap.filter { $0 >= 0 }.count
        guard nr >= 2 && nc >= 2 else {
            throw SurveyError.usage("a chi-square test needs at least two levels in each variable within the domain: \"\(rowName)\" has \(nr), \"\(colName)\" has \(nc)")
        }
        let cells = nr * nc
        // Cell of each domain row, rows varying fastest (R's interaction(rows, cols) order).
        let cellOf = rows.map { rowMap[Int(rowCode[$0])] + nr * colMap[Int(colCode[$0])] }
        var wsum = 0.0
        var wcell = [Double](repeating: 0, count: cells)
        for (k, r) in rows.enumerated() { wsum += weights[r]; wcell[cellOf[k]] += weights[r] }
        let share = wcell.map { $0 / wsum }
        let v = linearizedShareCovariance(rows: rows, cell: cellOf, share: share, weightSum: wsum)
        // ν and N count every row of the domain, missing values included, as R's svychisq does
        // (F and the p-values do not depend on N; X² is scaled to it).
        let domainAll = try domainRows(domain: domain, groups: nil) { _ in true }[0]
        let nu = degreesOfFreedom(rows: domainAll)
        let n = Double(domainAll.count)

        // Pearson's X² on the weighted table scaled to N.
        let table = wcell.map { $0 * n / wsum }
        var rowSum = [Double](repeating: 0, count: nr), colSum = [Double](repeating: 0, count: nc)
        for j in 0..<cells { rowSum[j % nr] += table[j]; colSum[j / nr] += table[j] }
        let total = table.reduce(0, +)
        var pearson = 0.0
        for j in 0..<cells {
            let e = rowSum[j % nr] * colSum[j / nr] / total
            pearson += (table[j] - e) * (table[j] - e) / e
        }

        // Interaction contrasts, double-centred over the grid: column (a, b) for a ∈ 1..<nr, b ∈ 1..<nc.
        let q = (nr - 1) * (nc - 1)
        var c = [Double](repeating: 0, count: cells * q)  // row-major cells × q
        for b in 1..<nc {
            for a in 1..<nr {
                let col = (a - 1) + (nr - 1) * (b - 1)
                for cj in 0..<nc {
                    for ri in 0..<nr {
                        let x = (ri == a && cj == b ? 1.0 : 0) - (cj == b ? 1.0 / Double(nr) : 0) - (ri == a ? 1.0 / Double(nc) : 0) + 1.0 / Double(cells)
                        c[(ri + nr * cj) * q + col] = x
                    }
                }
            }
        }
        let inverseShare = share.map { $0 == 0 ? 0 : 1 / $0 }
        // denom = Cᵀ D⁻¹ C / N; numr = Cᵀ D⁻¹ V D⁻¹ C.
        var denom = [Double](repeating: 0, count: q * q)
        for a in 0..<q { for b in 0..<q {
            var s = 0.0
            for j in 0..<cells { s += c[j * q + a] * inverseShare[j] * c[j * q + b] }
            denom[a * q + b] = s / n
        } }
        var dc = [Double](repeating: 0, count: cells * q)  // D⁻¹ C
        for j in 0..<cells { for a in 0..<q { dc[j * q + a] = inverseShare[j] * c[j * q + a] } }
        var vdc = [Double](repeating: 0, count: cells * q)  // V D⁻¹ C
        for i in 0..<cells { for a in 0..<q {
            var s = 0.0
            for j in 0..<cells { s += v[i * cells + j] * dc[j * q + a] }
            vdc[i * q + a] = s
        } }
        var numr = [Double](repeating: 0, count: q * q)
        for a in 0..<q { for b in 0..<q {
            var s = 0.0
            for j in 0..<cells { s += dc[j * q + a] * vdc[j * q + b] }
            numr[a * q + b] = s
        } }
        guard let delta = solve(denom, numr, size: q) else {
            throw SurveyError.badData("the two-way table of \"\(rowName)\" by \"\(colName)\" is degenerate: no Rao–Scott correction", hint: nil)
        }
        var trace = 0.0, trace2 = 0.0
        for a in 0..<q {
            trace += delta[a * q + a]
            for b in 0..<q { trace2 += delta[a * q + b] * delta[b * q + a] }
        }
        let d0 = trace * trace / trace2
        let f = pearson / trace
        let p = SurveyDistributions.fUpperTail(f, d0, d0 * Double(nu))
        let chisqP = SpecialFunctions.chiSquareSurvival(pearson / (trace / Double(q)), df: Double(q))
        return RaoScottTest(statistic: f, numeratorDF: d0, denominatorDF: d0 * Double(nu), pValue: p, pearson: pearson,
                            chiSquarePValue: chisqP, n: rows.count, method: "Pearson's X^2: Rao & Scott adjustment (F)")
    }
}

/// Solves A X = B for square A (size × size) and B (size × size), row-major, by Gaussian elimination
/// with partial pivoting; nil when A is singular.
private func solve(_ a: [Double], _ b: [Double], size n: Int) -> [Double]? {
    var a = a, x = b
    for col in 0..<n {
        var pivot = col
        for r in col..<n where abs(a[r * n + col]) > abs(a[pivot * n + col]) { pivot = r }
        if a[pivot * n + col] == 0 || !a[pivot * n + col].isFinite { return nil }
        if pivot != col {
            for k in 0..<n { a.swapAt(col * n + k, pivot * n + k); x.swapAt(col * n + k, pivot * n + k) }
        }
        let d = a[col * n + col]
        for r in 0..<n where r != col {
            let factor = a[r * n + col] / d
            if factor == 0 { continue }
            for k in 0..<n { a[r * n + k] -= factor * a[col * n + k]; x[r * n + k] -= factor * x[col * n + k] }
        }
    }
    for r in 0..<n { let d = a[r * n + r]; for k in 0..<n { x[r * n + k] /= d } }
    return x
}
