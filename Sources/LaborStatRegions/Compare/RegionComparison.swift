import Foundation
import LaborStatStats
import LaborStatTable

/// Regions side by side: each region's value, share, rank, and its distance from a baseline.
///
/// Definitions (per region g; rows with a missing value are left out of that value, as R's
/// `na.rm = TRUE`; rows with an empty region cell are left out of everything, with a warning):
/// - value: `sum` Σx; `count` n; `mean` Σx/n; `median` as R's `median`; `rate A/B` ΣA/ΣB over
///   rows where both are present, times `per` when given. With a denominator table:
///   value = Σx (or n) / D × per.
/// - share: the region's part of the summed quantity (Σx, n, or ΣA for a rate) over all regions
///   of the result; empty for `mean` and `median`, whose values do not add up.
/// - rank: 1 = the largest value; ties share the smallest rank (R `rank(-x, ties = "min")`).
/// - baseline: `national` is the value over all rows (the total for sum/count, the overall mean
///   or median, ΣA/ΣB for a rate, ΣX/ΣD × per for per-capita values over the regions that have a
///   denominator); or a named region's value. ratio = value / baseline; diff = value − baseline.
/// - standard errors (where one exists): for `rate A/B` of two count columns (integers, no money
///   unit) with 0 ≤ A ≤ B in every region, binomial √(p(1−p)/ΣB); other count rates Poisson
///   √ΣA/ΣB; for a `count` per denominator, Poisson √n/D (× per). Rates of amounts have none.
///   Intervals are score intervals (Wilson's for binomial rates, the Poisson score interval),
///   which stay within the possible values, unlike value ± z·SE.
///   Sums, means and medians of a register have none.
public struct RegionComparison: Sendable {
    public struct Row: Sendable {
        public var group: RegionGroup
        public var value: Double?
        public var share: Double?
        public var rank: Int?
        public var baselineValue: Double?
        public var ratio: Double?
        public var diff: Double?
        public var standardError: Double?
        public var ciLow: Double?
        public var ciHigh: Double?
        /// The summed quantity (Σx, n or ΣA) and what it is divided by (ΣB or D), when any.
        public var numerator: Double
        public var exposure: Double?
        /// Rows of the region that entered the value.
        public var n: Int
    }

    /// How standard errors were computed.
    public enum ErrorMethod: String, Sendable {
        case binomial = "binomial: SE = sqrt(p(1-p)/B), Wilson score interval"
        case poisson = "Poisson: SE = sqrt(A)/B, score interval (A + z^2/2 ± z sqrt(A + z^2/4))/B"
        /// Under a survey design: Taylor linearization, as R `survey` (svytotal, svymean, svyratio,
        /// svyquantile with Woodruff intervals).
        case design = "Taylor linearization under the survey design (R survey: svytotal, svymean, svyratio, svyquantile)"
        /// A register's rate with the case (row, or `--cluster`) as the unit: the ratio estimator's
        /// linearized SE, as R `svyratio` with the case as PSU (`RegionComparison(register:…)`).
        case caseRatio = "ratio estimator with the case as the unit: Taylor-linearized SE of sum(A)/sum(B), rows (or --cluster) as PSUs, Wald interval (R survey svyratio, ids = ~1)"
    }

    public var rows: [Row]
    public var baselineName: String
    public var baselineValue: Double?
    public var errorMethod: ErrorMethod?
    public var spec: CompareSpec
    /// Things the user should hear about (rows without a region, regions without a denominator).
    public var warnings: [String]
    /// The survey design, when the comparison is design-based (for the JSON metadata).
    public var designSpec: SurveyDesignSpec?

    // MARK: - Computing

    public init(table: Table, spec: CompareSpec) throws {
        self.spec = spec
        var warnings: [String] = []
        try RegionComparison.validate(spec)
        let agg = spec.aggregate
        let resolver = try RegionResolver(level: spec.level, hierarchy: spec.hierarchy)
        var assignment = try resolver.assign(table, column: spec.regionColumn, keepUnmatched: spec.keepUnmatched, file: spec.file)
        if let w = RegionComparison.missingWarning(assignment) { warnings.append(w) }

        // The columns.
        let rowsInView = table.rowIndices
        var x: [Double] = [], b: [Double] = []
        var ratesAreCounts = false
        switch agg {
        case .sum, .mean, .median:
            guard let v = spec.valueColumn else { throw RegionError.invalid("--agg \(agg.name) needs --value COLUMN") }
            let c = try table.column(named: v); try c.requireClean(); x = try c.physicalDoubles()
        case .count:
            if let v = spec.valueColumn {
                let c = try table.column(named: v)
                x = (0..<c.count).map { c.isMissing($0) ? .nan : 1 }
            }
        case .rate(let na, let nb):
            let ca = try table.column(named: na), cb = try table.column(named: nb)
            try ca.requireClean(); try cb.requireClean()
            x = try ca.physicalDoubles(); b = try cb.physicalDoubles()
            ratesAreCounts = RegionComparison.isCount(ca) && RegionComparison.isCount(cb)
        }

        // Accumulate per group (Neumaier-compensated sums).
        let k = assignment.groups.count
        var sumX = [CompensatedSum](repeating: .init(), count: k), sumB = sumX
        var n = [Int](repeating: 0, count: k)
        var values = [[Double]](repeating: [], count: agg == .median ? k : 0)
        var all: [Double] = []
        var i = 0
        for r in rowsInView {
            defer { i += 1 }
            let g = Int(assignment.groupOfRow[i])
            guard g >= 0 else { continue }
            switch agg {
            case .count:
                if x.isEmpty || !x[r].isNaN { n[g] += 1 }
            case .sum, .mean:
                guard !x[r].isNaN else { continue }
                sumX[g].add(x[r]); n[g] += 1
            case .median:
                guard !x[r].isNaN else { continue }
                values[g].append(x[r]); all.append(x[r]); n[g] += 1
            case .rate:
                guard !x[r].isNaN, !b[r].isNaN else { continue }
                sumX[g].add(x[r]); sumB[g].add(b[r]); n[g] += 1
            }
        }

        // Denominators, matched at the same level (summed when a finer table is rolled up).
        var exposure: [Double?] = Array(repeating: nil, count: k)
        if spec.denominator != nil {
            let merged = try RegionComparison.withDenominators(assignment.groups, spec: spec, resolver: resolver)
            if let w = merged.warning { warnings.append(w) }
            assignment.groups = merged.groups
            sumX = merged.source.map { $0.map { sumX[$0] } ?? .init() }
            sumB = merged.source.map { $0.map { sumB[$0] } ?? .init() }
            n = merged.source.map { $0.map { n[$0] } ?? 0 }
            exposure = merged.exposure
        }
        let groupCount = assignment.groups.count
        let per = spec.per ?? 1

        // Values.
        var rows: [Row] = []
        for g in 0..<groupCount {
            var row = Row(group: assignment.groups[g], numerator: 0, exposure: nil, n: n[g])
            switch agg {
            case .count: row.numerator = Double(n[g])
            case .sum, .mean, .rate: row.numerator = sumX[g].value
            case .median: row.numerator = .nan
            }
            if spec.denominator != nil {
                row.exposure = exposure[g]
                if let d = exposure[g], d != 0 { row.value = row.numerator / d * per }
            } else {
                switch agg {
                case .count, .sum: row.value = row.numerator
                case .mean: row.value = n[g] > 0 ? row.numerator / Double(n[g]) : nil
                case .median: row.value = n[g] > 0 ? RegionComparison.median(values[g]) : nil
                case .rate:
                    row.exposure = sumB[g].value
                    row.value = sumB[g].value != 0 ? row.numerator / sumB[g].value * per : nil
                }
            }
            rows.append(row)
        }

        // Standard errors.
        var method: ErrorMethod?
        if case .rate = agg, ratesAreCounts {
            let ok = rows.allSatisfy { $0.numerator >= 0 && ($0.exposure ?? 0) >= 0 }
            if ok { method = rows.allSatisfy { $0.numerator <= ($0.exposure ?? 0) } ? .binomial : .poisson }
        } else if agg == .count && spec.denominator != nil {
            method = .poisson
        }
        if let method {
            let z = Distributions.normalQuantile(1 - (1 - spec.confidenceLevel) / 2)
            for g in rows.indices {
                guard let e = rows[g].exposure, e > 0 else { continue }
                let a = rows[g].numerator
                let se: Double, interval: (Double, Double)
                switch method {
                case .binomial:
                    let p = a / e
                    se = (p * (1 - p) / e).squareRoot() * per
                    interval = RegionComparison.wilson(p, n: e, z: z)
                case .poisson:
                    se = a.squareRoot() / e * per
                    interval = RegionComparison.poissonScore(a, exposure: e, z: z)
                case .design, .caseRatio: continue
                }
                rows[g].standardError = se
                if rows[g].value != nil { rows[g].ciLow = interval.0 * per; rows[g].ciHigh = interval.1 * per }
            }
        }

        // The national value.
        var national: Double?
        switch agg {
        case .count, .sum:
            if spec.denominator != nil {
                let with = rows.filter { $0.exposure != nil }
                let num = with.reduce(into: CompensatedSum()) { $0.add($1.numerator) }.value
                let den = with.reduce(into: CompensatedSum()) { $0.add($1.exposure!) }.value
                national = den != 0 ? num / den * per : nil
            } else {
                national = rows.reduce(into: CompensatedSum()) { $0.add($1.numerator) }.value
            }
        case .mean:
            let s = sumX.reduce(into: CompensatedSum()) { $0.add($1.value) }.value
            let m = n.reduce(0, +)
            national = m > 0 ? s / Double(m) : nil
        case .median:
            national = all.isEmpty ? nil : RegionComparison.median(all)
        case .rate:
            let num = rows.reduce(into: CompensatedSum()) { $0.add($1.numerator) }.value
            let den = rows.reduce(into: CompensatedSum()) { $0.add($1.exposure ?? 0) }.value
            national = den != 0 ? num / den * per : nil
        }
        let (baseName, baseValue) = try RegionComparison.finish(&rows, national: national, spec: spec, resolver: resolver)

        self.rows = rows
        self.baselineName = baseName
        self.baselineValue = baseValue
        self.errorMethod = method
        self.warnings = warnings
    }

    // MARK: - Steps shared with the design-based comparison

    /// Option combinations that make no sense.
    static func validate(_ spec: CompareSpec) throws {
        let agg = spec.aggregate
        if spec.denominator != nil {
            guard agg == .sum || agg == .count else {
                throw RegionError.invalid("--denominator divides a sum or a count; use --agg sum or --agg count (got \(agg.name))")
            }
        } else if spec.per != nil, case .rate = agg {} else if spec.per != nil {
            throw RegionError.invalid("--per scales a rate (--agg rate A/B) or a per-capita value (--denominator FILE)")
        }
        if let per = spec.per, !(per > 0) { throw RegionError.invalid("--per must be a positive number") }
        switch agg {
        case .sum, .mean, .median:
            if spec.valueColumn == nil { throw RegionError.invalid("--agg \(agg.name) needs --value COLUMN") }
        default: break
        }
    }

    static func missingWarning(_ a: RegionAssignment) -> String? {
        guard a.missingCount > 0 else { return nil }
        return "\(a.missingCount) row\(a.missingCount == 1 ? "" : "s") with an empty region cell left out (data rows \(a.missingRows.map(String.init).joined(separator: ", "))\(a.missingCount > a.missingRows.count ? ", …" : ""))"
    }

    /// The groups joined with the denominator table: groups only in the table are added (no rows),
    /// the result is in output order. `source[i]` is the index in `groups` of new group i (nil when
    /// added); `exposure[i]` its denominator (nil when the table has none, with a warning).
    static func withDenominators(_ groups: [RegionGroup], spec: CompareSpec, resolver: RegionResolver) throws
        -> (groups: [RegionGroup], source: [Int?], exposure: [Double?], warning: String?) {
        guard let den = spec.denominator else { return (groups, groups.indices.map { $0 }, groups.map { _ in nil }, nil) }
        let (dGroups, d) = try denominators(den, resolver: resolver)
        var all = groups
        var source: [Int?] = groups.indices.map { $0 }
        var index = Dictionary(uniqueKeysWithValues: groups.enumerated().map { ($1, $0) })
        for g in dGroups where index[g] == nil {
            index[g] = all.count
            all.append(g)
            source.append(nil)
        }
        var exposure = [Double?](repeating: nil, count: all.count)
        for (g, v) in zip(dGroups, d) { exposure[index[g]!] = v }
        let without = all.indices.filter { exposure[$0] == nil }.map { all[$0].name }
        let warning = without.isEmpty ? nil : "no denominator in \(den.file) for \(without.joined(separator: ", ")): value left empty"
        let order = all.indices.sorted { a, c in
            if all[a].order != all[c].order { return all[a].order < all[c].order }
            return Array(all[a].name.utf8).lexicographicallyPrecedes(Array(all[c].name.utf8))
        }
        return (order.map { all[$0] }, order.map { source[$0] }, order.map { exposure[$0] }, warning)
    }

    /// Share, rank, baseline, ratio and difference, once each row has its value and numerator.
    static func finish(_ rows: inout [Row], national: Double?, spec: CompareSpec, resolver: RegionResolver) throws -> (String, Double?) {
        // Share of the summed quantity.
        if spec.aggregate != .mean && spec.aggregate != .median {
            let total = rows.reduce(into: CompensatedSum()) { $0.add($1.numerator) }.value
            for g in rows.indices where total != 0 { rows[g].share = rows[g].numerator / total }
        }
        // Rank: 1 = largest; ties take the smallest rank.
        let present = rows.indices.filter { rows[$0].value != nil }
        for g in present {
            let v = rows[g].value!
            rows[g].rank = 1 + present.filter { rows[$0].value! > v }.count
        }
        // Baseline.
        var baseValue = national
        var baseName = "national"
        if let name = spec.baseline, !["national", "全国"].contains(RegionName.normalize(name)) {
            let g = try baselineGroup(name, rows: rows, resolver: resolver)
            baseValue = rows[g].value
            baseName = rows[g].group.name
        }
        for g in rows.indices {
            rows[g].baselineValue = baseValue
            if let v = rows[g].value, let bv = baseValue {
                rows[g].diff = v - bv
                rows[g].ratio = bv != 0 ? v / bv : nil
            }
        }
        return (baseName, baseValue)
    }

    /// Whether a column holds counts (people, cases): integers without a money unit. Binomial and
    /// Poisson errors are defined for counts only; a rate of amounts (元 recovered / 元 owed) has none.
    static func isCount(_ c: Column) -> Bool {
        guard c.type == .integer else { return false }
        guard let u = c.unit else { return true }
        return !["元", "万元", "亿元", "yuan", "%"].contains(u)
    }

    /// Wilson's score interval for a proportion p of n trials (Wilson 1927; R `prop.test(correct =
    /// FALSE)$conf.int`): (p + z²/2n ± z·√(p(1−p)/n + z²/4n²)) / (1 + z²/n). Unlike p ± z·SE it
    /// stays inside [0, 1] and behaves for small counts.
    static func wilson(_ p: Double, n: Double, z: Double) -> (Double, Double) {
        let z2 = z * z
        let centre = p + z2 / (2 * n)
        let half = z * (p * (1 - p) / n + z2 / (4 * n * n)).squareRoot()
        let d = 1 + z2 / n
        return ((centre - half) / d, (centre + half) / d)
    }

    /// The score interval for a Poisson rate of A events over exposure E: the values λ with
    /// |A − λE| ≤ z·√(λE), i.e. (A + z²/2 ± z·√(A + z²/4)) / E. Never negative; for A = 0 it is
    /// [0, z²/E].
    static func poissonScore(_ a: Double, exposure e: Double, z: Double) -> (Double, Double) {
        let z2 = z * z
        let half = z * (a + z2 / 4).squareRoot()
        return (max(0, a + z2 / 2 - half) / e, (a + z2 / 2 + half) / e)
    }

    /// The median as R computes it: the middle order statistic, or the mean of the two middle ones.
    static func median(_ v: [Double]) -> Double {
        let s = v.sorted()
        let m = s.count / 2
        return s.count % 2 == 1 ? s[m] : (s[m - 1] + s[m]) / 2
    }

    /// The denominator table matched to groups at the resolver's level and summed per group.
    static func denominators(_ den: DenominatorTable, resolver: RegionResolver) throws -> ([RegionGroup], [Double]) {
        var groups: [RegionGroup] = []
        var sums: [CompensatedSum] = []
        var index: [RegionGroup: Int] = [:]
        var bad: [String: UnmatchedSpelling] = [:]
        var badOrder: [String] = []
        // The same spelling unit twice (陕西 and 陕西省 both listed) is an error, not a double count.
        var seen: [String: Int] = [:]
        let fine = RegionResolver(unchecked: resolver.level == .custom ? .custom : .province, hierarchy: resolver.hierarchy)
        for (name, value, row) in den.entries {
            switch resolver.resolve(name) {
            case .group(let g):
                let unit: String
                if case .group(let f) = fine.resolve(name), f.code != nil { unit = String(f.code!) } else { unit = RegionName.normalize(name) }
                if let first = seen[unit] {
                    throw RegionError.duplicateDenominator(file: den.file, region: name, rows: [first, row])
                }
                seen[unit] = row
                if let j = index[g] { sums[j].add(value) } else {
                    index[g] = groups.count; groups.append(g); var s = CompensatedSum(); s.add(value); sums.append(s)
                }
            case .ambiguous(let c):
                if bad[name] == nil { badOrder.append(name); bad[name] = UnmatchedSpelling(text: name, count: 0, rows: [], candidates: c) }
                bad[name]!.count += 1; bad[name]!.rows.append(row)
            case .none:
                if bad[name] == nil { badOrder.append(name); bad[name] = UnmatchedSpelling(text: name, count: 0, rows: []) }
                bad[name]!.count += 1; bad[name]!.rows.append(row)
            }
        }
        if !badOrder.isEmpty {
            let list = badOrder.map { bad[$0]! }
            throw RegionError.unmatched(column: "region (first column)", file: den.file,
                                        unmatched: list.filter { $0.candidates.isEmpty },
                                        ambiguous: list.filter { !$0.candidates.isEmpty }, level: resolver.level)
        }
        return (groups, sums.map(\.value))
    }

    static func baselineGroup(_ name: String, rows: [Row], resolver: RegionResolver) throws -> Int {
        if case .group(let g) = resolver.resolve(name), let i = rows.firstIndex(where: { $0.group == g }) { return i }
        let k = RegionName.normalize(name)
        if let i = rows.firstIndex(where: { RegionName.normalize($0.group.name) == k }) { return i }
        throw RegionError.unknownBaseline(name, level: resolver.level, available: rows.map(\.group.name))
    }
}

/// Neumaier's compensated sum: the rounding error of each addition is carried along.
struct CompensatedSum: Sendable {
    var sum = 0.0, c = 0.0
    mutating func add(_ x: Double) {
        let t = sum + x
        if abs(sum) >= abs(x) { c += (sum - t) + x } else { c += (x - t) + sum }
        sum = t
    }
    var value: Double { sum + c }
}

extension RegionResolver {
    /// A resolver known to be valid (the hierarchy is present whenever the level is custom).
    init(unchecked level: RegionLevel, hierarchy: RegionHierarchy?) {
        self.level = level
        self.hierarchy = hierarchy
        self.matcher = .standard
    }
}
