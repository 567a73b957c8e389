import Foundation
import LaborStatTable

/// What to regress on what, as the `regress` command names it.
public struct ModelSpec: Sendable, Equatable {
    public var response: String
    /// Numeric predictors, in order.
    public var predictors: [String]
    /// Raw polynomial terms: column C gives C, C^2, …, C^K (R: `C + I(C^2) + … + I(C^K)`).
    public var polynomials: [(column: String, degree: Int)]
    /// Columns entered as dummies `C=level` for every level but the reference (the first level
    /// in sort order: numbers by value, text by code point).
    public var categorical: [String]
    public var intercept: Bool
    /// Case weights (R `lm(weights=)`): rows are scaled by √w; rows with w = 0 are left out.
    public var weight: String?

    public init(response: String, predictors: [String] = [], polynomials: [(column: String, degree: Int)] = [],
                categorical: [String] = [], intercept: Bool = true, weight: String? = nil) {
        self.response = response
        self.predictors = predictors
        self.polynomials = polynomials
        self.categorical = categorical
        self.intercept = intercept
        self.weight = weight
    }

    public static func == (a: ModelSpec, b: ModelSpec) -> Bool {
        a.response == b.response && a.predictors == b.predictors && a.categorical == b.categorical
            && a.intercept == b.intercept && a.weight == b.weight
            && a.polynomials.map(\.column) == b.polynomials.map(\.column) && a.polynomials.map(\.degree) == b.polynomials.map(\.degree)
    }

    /// Every column the model reads.
    public var columns: [String] {
        [response] + predictors + polynomials.map(\.column) + categorical + (weight.map { [$0] } ?? [])
    }
}

/// The model matrix X (column-major), the response and the weights of the complete rows.
public struct DesignMatrix: Sendable {
    public var terms: [String]
    public var x: [Double]
    public var y: [Double]
    public var weights: [Double]?
    public var rows: Int
    public var hasIntercept: Bool
    /// Physical table rows used (complete cases with weight > 0), for design-based variances.
    public var tableRows: [Int]

    public var cols: Int { terms.count }

    /// Builds X from the rows in view of `table`: complete cases only (rows missing the response,
    /// any predictor or the weight are left out, as R's `na.omit`).
    public init(table: Table, spec: ModelSpec) throws(RegressionError) {
        func numbers(_ name: String) throws(RegressionError) -> (String, [Double]) {
            do throws(TableError) {
                let c = try table.column(named: name)
                try c.requireClean()
                guard c.type.isNumeric else { throw TableError.notNumeric(column: c.name, type: c.type) }
                return (c.name, try c.physicalDoubles())
            } catch { throw .table(error) }
        }
        let (_, yAll) = try numbers(spec.response)
        // Terms: numeric predictors with their polynomial powers right after, then the rest.
        var numeric: [(name: String, values: [Double], power: Int)] = []
        var polyLeft = spec.polynomials
        for name in spec.predictors where !spec.categorical.contains(name) {
            let (label, v) = try numbers(name)
            numeric.append((label, v, 1))
            if let k = polyLeft.firstIndex(where: { $0.column == name }) {
                if polyLeft[k].degree >= 2 { for d in 2...polyLeft[k].degree { numeric.append(("\(label)^\(d)", v, d)) } }
                polyLeft.remove(at: k)
            }
        }
        for (name, degree) in polyLeft {
            guard degree >= 1 else { throw .badSpec("--poly \(name):\(degree): the degree must be at least 1") }
            let (label, v) = try numbers(name)
            numeric.append((label, v, 1))
            if degree >= 2 { for d in 2...degree { numeric.append(("\(label)^\(d)", v, d)) } }
        }
        var cats: [(name: String, column: Column)] = []
        for name in spec.categorical {
            do {
                let c = try table.column(named: name)
                try c.requireClean()
                cats.append((c.name, c))
            } catch { throw .table(error) }
        }
        let w: [Double]? = try spec.weight.map { name throws(RegressionError) in try numbers(name).1 }

        // Complete cases.
        var used: [Int] = []
        used.reserveCapacity(table.rowCount)
        rowLoop: for r in table.rowIndices {
            if yAll[r].isNaN { continue }
            for t in numeric where t.values[r].isNaN { continue rowLoop }
            for c in cats where c.column.isMissing(r) { continue rowLoop }
            if let w {
                guard w[r] >= 0 else {
                    if w[r].isNaN { continue rowLoop }
                    throw .badSpec("weight column \"\(spec.weight!)\", row \(r + 1): \(w[r]) is negative")
                }
                if w[r] == 0 { continue }
            }
            used.append(r)
        }
        let n = used.count
        var terms: [String] = []
        var x: [Double] = []
        if spec.intercept {
            terms.append("(Intercept)")
            x += [Double](repeating: 1, count: n)
        }
        for t in numeric {
            terms.append(t.name)
            x += used.map { r in t.power == 1 ? t.values[r] : pow(t.values[r], Double(t.power)) }
        }
        for (name, column) in cats {
            // Levels among the rows used, in key order; the first is the reference.
            let sub = table.selecting(physicalRows: used.map { Int32($0) })
            let g: Grouping
            do { g = try Grouping(sub, by: [KeySpec(column.name)]) } catch { throw .table(error) }
            guard g.groupCount >= 2 || n == 0 else {
                throw .badSpec("categorical column \"\(name)\" has a single level among the rows used; it cannot enter the model")
            }
            let labels = (0..<g.groupCount).map { g.keys[0].string(at: $0) ?? "" }
            for level in 1..<max(g.groupCount, 1) {
                terms.append("\(name)=\(labels[level])")
                x += g.groupOfRow.map { Int($0) == level ? 1 : 0 }
            }
        }
        var seen = Set<String>()
        for t in terms where !seen.insert(t).inserted {
            throw RegressionError.badSpec("the term \(t) is named twice (check --x, --poly and --categorical)")
        }
        self.terms = terms
        self.x = x
        self.y = used.map { yAll[$0] }
        self.weights = w.map { w in used.map { w[$0] } }
        self.rows = n
        self.hasIntercept = spec.intercept
        self.tableRows = used
    }

    /// A model matrix given directly (tests, library users).
    public init(terms: [String], x: [Double], y: [Double], weights: [Double]? = nil, hasIntercept: Bool) {
        precondition(x.count == terms.count * y.count)
        self.terms = terms
        self.x = x
        self.y = y
        self.weights = weights
        self.rows = y.count
        self.hasIntercept = hasIntercept
        self.tableRows = Array(0..<y.count)
    }
}

extension DesignMatrix {
    /// Each row's linearized influence on the coefficients, row-major n × p, as
    /// `SurveyDesign.linearizedCovariance` takes it: the row's score fᵢ times xᵢ (X′WX)⁻¹
    /// (svyglm's estfun times the naive inverse). `xtwxInverse` is p × p, column-major.
    func coefficientInfluence(xtwxInverse c: [Double], score: (Int) -> Double) -> [Double] {
        let n = rows, p = cols
        var z = [Double](repeating: 0, count: n * p)
        for i in 0..<n {
            let f = score(i)
            if f == 0 { continue }
            for j in 0..<p {
                var s = 0.0
                for k in 0..<p { s += x[i + k * n] * c[k + j * p] }
                z[i * p + j] = f * s
            }
        }
        return z
    }
}
