import LaborStatTable

/// A survey design resolved against a table: weights, strata, one- or two-stage clusters and finite
/// population corrections, built once and then given to every estimator — R's
/// `svydesign(id = ~C1 + C2, strata = ~S, weights = ~W, fpc = ~F1 + F2, data = t)`.
///
/// ```swift
/// let design = try SurveyDesign(table: t, spec: SurveyDesignSpec(weight: "权重", strata: "省份", clusters: ["县"]))
/// let income = try design.mean("月收入", domain: nil, groups: nil)[0]   // value, SE, CI, deff
/// ```
///
/// Conventions, all as R `survey` 4.5 does them (the tests compare with it to 1e-9):
/// - Sampling is with replacement at the first stage unless `fpc` is given; then without replacement
///   at every stage that has an fpc. The variance is Taylor-linearized (`svyrecvar`), see
///   `SurveyDesign+Variance.swift`.
/// - `fpc` values are population sizes, or sampling fractions when none is above 1 (all the stages
///   together, like `as.fpc`); a fraction f gives the population size n/f.
/// - Without a weight column the weights are the product over stages of (population size / sample
///   size) from the fpc, as `svydesign` does; with neither, every weight is 1.
/// - PSUs must be nested in strata (R's `check.strata`: a PSU code that appears in two strata is an
///   error); second-stage units are taken within their PSU, so their codes may repeat across PSUs.
/// - Estimates on a domain (`--where`, `--by`) keep the design whole, as `subset(design, …)` and `svyby`:
///   rows outside the domain contribute zero, but strata and PSU counts and the fpc are the full sample's.
/// - A row whose analysis value is missing leaves the domain (`na.rm = TRUE`), the design stays whole.
/// - The design ignores any row selection of the table: it always uses every physical row.
///
/// Files: this one builds and checks the design; `+Variance` is the Taylor-linearization engine
/// (`linearizedCovariance(rows:z:p:)`, also used by `LinearModel+Survey` for svyglm); `+Estimators`
/// has mean, total, ratio, variance and proportions; `+Quantile` the Woodruff quantiles and survey's
/// quantile rules; `+RaoScott` the two-way test. Reference values: `Tests/LaborStatStatsTests/References/
/// survey/make_reference.R` (R survey 4.5).
public struct SurveyDesign: Sendable {
    public let spec: SurveyDesignSpec
    /// The table, without its selection.
    let table: Table
    /// Physical rows.
    public let rowCount: Int
    /// Sampling weight of each row (1 / inclusion probability).
    public let weights: [Double]

    // MARK: Stage 1
    public let strataCount: Int
    /// Number of first-stage sampling units (each row when there is no cluster column).
    public let psuCount: Int
    let stratumOfRow: [Int32]
    let psuOfRow: [Int32]
    let stratumOfPSU: [Int32]
    /// n_h: PSUs in the sample, per stratum.
    let psusInStratum: [Int]
    /// N_h: PSUs in the population, per stratum; nil when sampling is with replacement.
    let stratumPopulation: [Double]?
    /// Stratum labels, for messages.
    let stratumLabels: [String]

    // MARK: Stage 2 (used only when the fpc has a second stage: otherwise ultimate clusters)
    let ssuOfRow: [Int32]?
    let psuOfSSU: [Int32]?
    /// m_i: second-stage units sampled in PSU i.
    let ssusInPSU: [Int]?
    /// M_i: second-stage units in the population of PSU i.
    let psuPopulation: [Double]?

    /// Builds the design from the table's columns (the whole table: a selection is ignored).
    ///
    /// - Throws: `TableError.columnNotFound` (usage) for an unknown column; `SurveyError.badData` for a
    ///   missing or non-positive weight, a missing stratum or cluster code, PSUs not nested in strata, an
    ///   fpc that varies within a stratum or is smaller than the sample, a design of one PSU, or a stratum
    ///   with a single PSU under `--lonely-psu fail`; `SurveyError.usage` for an fpc per stage that does
    ///   not match the cluster stages.
    public init(table: Table, spec: SurveyDesignSpec) throws {
        let t = try Table(columns: table.columns, source: table.source)
        let n = t.physicalRowCount
        self.spec = spec
        self.table = t
        self.rowCount = n
        guard n > 0 else { throw SurveyError.badData("the table has no rows: no survey design can be built", hint: nil) }
        guard spec.clusters.count <= 2 else {
            throw SurveyError.usage("--cluster takes one or two columns (stage 1, stage 2), got \(spec.clusters.count)")
        }
        guard spec.level > 0 && spec.level < 1 else { throw SurveyError.usage("--level must be between 0 and 1, e.g. 0.95") }
        let stages = max(1, spec.clusters.count)
        if !spec.fpc.isEmpty && spec.fpc.count != stages {
            throw SurveyError.usage("--fpc needs one value per sampling stage: \(stages) stage\(stages == 1 ? "" : "s") (--cluster \(spec.clusters.joined(separator: ","))), got \(spec.fpc.count)")
        }

        // Strata and PSUs.
        let strata: Codes = try spec.strata.map { try Codes(t.column(named: $0), role: "strata") } ?? Codes(constant: n)
        stratumOfRow = strata.codes
        strataCount = strata.count
        stratumLabels = strata.labels
        let psu: Codes = try spec.clusters.first.map { try Codes(t.column(named: $0), role: "cluster") } ?? Codes(identity: n)
        psuOfRow = psu.codes
        psuCount = psu.count
        var stratumOfPSU = [Int32](repeating: -1, count: psu.count)
        for r in 0..<n {
            let p = Int(psu.codes[r]), h = strata.codes[r]
            if stratumOfPSU[p] < 0 { stratumOfPSU[p] = h } else if stratumOfPSU[p] != h {
                throw SurveyError.badData(
                    "cluster \"\(spec.clusters[0])\" = \(psu.label(p)) appears in strata \(strata.label(Int(stratumOfPSU[p]))) and \(strata.label(Int(h))) (row \(r + 1)): PSUs must be nested in strata",
                    hint: "give PSUs codes that are unique across strata, e.g. a column joining stratum and cluster")
            }
        }
        self.stratumOfPSU = stratumOfPSU
        var psusInStratum = [Int](repeating: 0, count: strata.count)
        for p in 0..<psu.count { psusInStratum[Int(stratumOfPSU[p])] += 1 }
        self.psusInStratum = psusInStratum
        if psu.count == 1 {
            throw SurveyError.badData("the design has only one primary sampling unit: no variance can be estimated", hint: nil)
        }

        // Second stage: units within PSUs (codes may repeat across PSUs).
        var ssuOfRow: [Int32]? = nil, psuOfSSU: [Int32]? = nil, ssusInPSU: [Int]? = nil
        if spec.clusters.count == 2 {
            let c2 = try Codes(t.column(named: spec.clusters[1]), role: "cluster")
            var index: [Int64: Int32] = [:]
            var codes = [Int32](repeating: 0, count: n)
            var owner: [Int32] = []
            for r in 0..<n {
                let key = Int64(psu.codes[r]) << 32 | Int64(c2.codes[r])
                if let c = index[key] { codes[r] = c } else {
                    let c = Int32(owner.count)
                    index[key] = c
                    owner.append(psu.codes[r])
                    codes[r] = c
                }
            }
            var m = [Int](repeating: 0, count: psu.count)
            for p in owner { m[Int(p)] += 1 }
            ssuOfRow = codes
            psuOfSSU = owner
            ssusInPSU = m
        }
        self.ssuOfRow = ssuOfRow
        self.psuOfSSU = psuOfSSU
        self.ssusInPSU = ssusInPSU

        // Finite population corrections: population sizes per stage.
        var stratumPopulation: [Double]? = nil, psuPopulation: [Double]? = nil
        if !spec.fpc.isEmpty {
            let values = try spec.fpc.map { try SurveyDesign.fpcValues($0, table: t) }
            let all = values.joined()
            let isSize = all.contains { $0 > 1 }
            if isSize, let bad = all.first(where: { $0 < 1 }) {
                throw SurveyError.badData("--fpc mixes population sizes (> 1) and sampling fractions (\(bad) < 1)",
                                          hint: "give population sizes everywhere, or sampling fractions everywhere")
            }
            if !isSize && all.allSatisfy({ $0 == 1 }) {
                throw SurveyError.badData("every --fpc value is 1: give population sizes (> 1) or sampling fractions (< 1)", hint: nil)
            }
            // Stage 1 per stratum; stage 2 per first-stage cluster.
            stratumPopulation = try Self.fpcPopulation(values[0], name: spec.fpc[0], isSize: isSize, units: strata,
                                                       sampled: psusInStratum, unitName: "stratum", counted: "PSUs", stage: "first")
            if values.count == 2, let ssusInPSU {
                psuPopulation = try Self.fpcPopulation(values[1], name: spec.fpc[1], isSize: isSize, units: psu,
                                                       sampled: ssusInPSU, unitName: "cluster", counted: "units", stage: "second")
            }
        }
        self.stratumPopulation = stratumPopulation
        self.psuPopulation = psuPopulation

        // Weights: given, or (population / sample) per stage from the fpc, or 1.
        if let name = spec.weight {
            let column = try t.column(named: name)
            try column.requireClean()
            let w = try column.physicalDoubles()
            for r in 0..<n where !(w[r] > 0 && w[r].isFinite) {
                throw SurveyError.badData(
                    w[r].isNaN ? "weight column \"\(name)\" is missing at row \(r + 1)" : "weight column \"\(name)\" has a non-positive weight \(w[r]) at row \(r + 1)",
                    hint: "sampling weights must be positive numbers; drop the row or correct the weight")
            }
            weights = w
        } else if let stratumPopulation {
            var w = [Double](repeating: 1, count: n)
            for r in 0..<n {
                let h = Int(stratumOfRow[r]), p = Int(psuOfRow[r])
                w[r] = stratumPopulation[h] / Double(psusInStratum[h])
                if let psuPopulation, let ssusInPSU { w[r] *= psuPopulation[p] / Double(ssusInPSU[p]) }
            }
            weights = w
        } else {
            weights = [Double](repeating: 1, count: n)
        }

        // Lonely PSUs under `fail` (a fully sampled stratum, f = 0, contributes nothing and is fine).
        if spec.lonelyPSU == .fail {
            for h in 0..<strata.count where psusInStratum[h] == 1 && stageOneFactor(h) >= 1e-7 {
                throw SurveyError.badData("stratum \(strata.label(h)) has only one PSU at stage 1",
                                          hint: "--lonely-psu remove|adjust|average|certainty chooses how to treat it (R: options(survey.lonely.psu=))")
            }
            if let ssusInPSU, psuPopulation != nil {
                for p in 0..<psu.count where ssusInPSU[p] == 1 && stageTwoFactor(p) >= 1e-7 {
                    throw SurveyError.badData("cluster \(psu.label(p)) has only one second-stage unit at stage 2",
                                              hint: "--lonely-psu remove|adjust|average|certainty chooses how to treat it")
                }
            }
        }
    }

    /// Sum of the weights: the estimated population size.
    public var sumOfWeights: Double { weights.reduce(0, +) }

    /// Design degrees of freedom, PSUs − strata (R `degf`), for the whole sample.
    public var degreesOfFreedom: Int { psuCount - strataCount }

    /// 1 − n_h/N_h for stratum h (1 with replacement), as R's `onestrat`.
    func stageOneFactor(_ h: Int) -> Double {
        guard let pop = stratumPopulation?[h] else { return 1 }
        return pop.isInfinite ? 1 : (pop - Double(psusInStratum[h])) / pop
    }

    /// 1 − m_i/M_i for PSU i.
    func stageTwoFactor(_ p: Int) -> Double {
        guard let pop = psuPopulation?[p], let m = ssusInPSU?[p] else { return 1 }
        return pop.isInfinite ? 1 : (pop - Double(m)) / pop
    }

    /// An fpc per row: a numeric column, or a number written in place of a column name (`--fpc 0.1`).
    static func fpcValues(_ name: String, table: Table) throws -> [Double] {
        let n = table.physicalRowCount
        let column: Column
        do { column = try table.column(named: name) } catch {
            if let v = Double(name), v > 0, v.isFinite { return [Double](repeating: v, count: n) }
            throw error
        }
        try column.requireClean()
        let v = try column.physicalDoubles()
        for r in 0..<n where !(v[r] > 0 && v[r].isFinite) {
            throw SurveyError.badData(v[r].isNaN ? "fpc column \"\(name)\" is missing at row \(r + 1)" : "fpc column \"\(name)\" has \(v[r]) at row \(r + 1): an fpc must be a positive population size or sampling fraction", hint: nil)
        }
        return v
    }
}

/// Dense codes 0..<count for the values of a key column (strata, clusters), with a printable label each.
extension SurveyDesign {
    /// The population size of each unit (stratum or cluster) from an fpc column given per row: the
    /// size itself, or the sampled count divided by the sampling fraction. It must be one value per
    /// unit and at least the number sampled.
    static func fpcPopulation(_ column: [Double], name: String, isSize: Bool, units: Codes, sampled: [Int],
                              unitName: String, counted: String, stage: String) throws -> [Double] {
        var pop = [Double](repeating: .nan, count: units.count)
        for r in 0..<column.count {
            let u = Int(units.codes[r])
            let size = isSize ? column[r] : Double(sampled[u]) / column[r]
            if pop[u].isNaN { pop[u] = size } else if pop[u] != size {
                throw SurveyError.badData("--fpc \(name) varies within \(unitName) \(units.label(u)) (row \(r + 1))",
                                          hint: "the \(stage)-stage fpc must be one value per \(stage == "first" ? "stratum" : "first-stage cluster")")
            }
        }
        for u in 0..<units.count where pop[u] < Double(sampled[u]) * (1 - 1e-12) {
            throw SurveyError.badData("--fpc \(name) gives \(unitName) \(units.label(u)) a population of \(pop[u]) \(counted) but the sample has \(sampled[u])",
                                      hint: "the fpc must be at least the number of sampled units")
        }
        return pop
    }
}

struct Codes {
    var codes: [Int32]
    var count: Int
    var labels: [String]

    init(constant n: Int) { codes = [Int32](repeating: 0, count: n); count = 1; labels = ["(all)"] }
    /// Each row its own unit (no label strings: a file may have millions of rows).
    init(identity n: Int) { codes = (0..<n).map { Int32($0) }; count = n; labels = [] }

    /// The printable value of code i.
    func label(_ i: Int) -> String { labels.isEmpty ? "row \(i + 1)" : labels[i] }

    init(_ column: Column, role: String) throws {
        try column.requireClean()
        let n = column.count
        if column.missing.missingCount > 0, let r = (0..<n).first(where: { column.missing[$0] }) {
            throw SurveyError.badData("\(role) column \"\(column.name)\" is missing at row \(r + 1)", hint: "every row of a design needs its \(role) code")
        }
        var codes = [Int32](repeating: 0, count: n)
        var labels: [String] = []
        switch column.storage {
        case .integer(let v):
            // The common case (numeric PSU codes): no text per row.
            var index: [Int64: Int32] = [:]
            for r in 0..<n {
                if let c = index[v[r]] { codes[r] = c } else {
                    let c = Int32(labels.count)
                    index[v[r]] = c
                    labels.append(String(v[r]))
                    codes[r] = c
                }
            }
        case .category(let raw, let levels):
            var map = [Int32](repeating: -1, count: levels.count)
            for r in 0..<n {
                let l = Int(raw[r])
                if map[l] < 0 { map[l] = Int32(labels.count); labels.append(levels[l]) }
                codes[r] = map[l]
            }
        default:
            var index: [String: Int32] = [:]
            for r in 0..<n {
                let s = column.string(at: r)!
                if let c = index[s] { codes[r] = c } else {
                    let c = Int32(labels.count)
                    index[s] = c
                    labels.append(s)
                    codes[r] = c
                }
            }
        }
        self.codes = codes
        self.count = labels.count
        self.labels = labels
    }
}
