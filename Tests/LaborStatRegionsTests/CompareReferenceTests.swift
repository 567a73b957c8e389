import Foundation
import Testing
import LaborStatTable
@testable import LaborStatRegions
import _LaborStatTestSupport

/// `compare`'s numbers against pandas/scipy (`References/compare_reference.py`, which wrote the
/// fixture and the expected outputs; its spelling → province map is written by hand).
@Suite("compare against pandas and scipy")
struct CompareReferenceTests {
    static let folder = repositoryRoot().appendingPathComponent("Tests/LaborStatRegionsTests/References")

    /// A plain CSV (no quoted fields) as rows of strings.
    static func csv(_ name: String) throws -> (header: [String], rows: [[String]]) {
        let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        let header = lines.removeFirst().split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        return (header, lines.map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) })
    }

    static func fixture() throws -> Table {
        let (h, rows) = try csv("fixture.csv")
        #expect(h == ["province", "workers", "migrant_workers", "amount_owed"])
        return try Table(columns: [
            Column("province", strings: rows.map { $0[0] }),
            Column("workers", integers: rows.map { Int64($0[1]) }),
            Column("migrant_workers", integers: rows.map { Int64($0[2]) }),
            Column("amount_owed", doubles: rows.map { Double($0[3]) }),
        ])
    }

    static func denominators() throws -> DenominatorTable {
        let (_, rows) = try csv("denominators.csv")
        return DenominatorTable(entries: rows.enumerated().map { (region: $1[0], value: Double($1[1])!, row: $0 + 1) },
                                file: "denominators.csv", valueColumn: "migrant_workers_total")
    }

    /// Compares a result table with an expected CSV: text columns exactly, numbers to 1e-9.
    static func check(_ got: Table, against name: String) throws {
        let (h, rows) = try csv(name)
        #expect(got.columnNames == h, "columns of \(name)")
        #expect(got.rowCount == rows.count, "rows of \(name)")
        guard got.columnNames == h, got.rowCount == rows.count else { return }
        for (c, column) in got.columns.enumerated() {
            for r in 0..<rows.count {
                let want = rows[r][c]
                if column.type == .text {
                    #expect(column.string(at: r) == want, "\(name) row \(r + 1) \(column.name)")
                } else if want.isEmpty {
                    #expect(column.isMissing(r), "\(name) row \(r + 1) \(column.name) should be empty")
                } else {
                    let g = column.double(at: r)
                    #expect(g != nil && isClose(g!, Double(want)!, rel: 1e-9),
                            "\(name) row \(r + 1) \(column.name): \(g.map { "\($0)" } ?? "empty") vs \(want)")
                }
            }
        }
    }

    func spec(_ agg: CompareAggregate, value: String? = nil, level: RegionLevel = .province) -> CompareSpec {
        var s = CompareSpec(regionColumn: "province")
        s.aggregate = agg
        s.valueColumn = value
        s.level = level
        return s
    }

    @Test("sum by province, national baseline")
    func sum() throws {
        let r = try RegionComparison(table: Self.fixture(), spec: spec(.sum, value: "amount_owed"))
        #expect(r.errorMethod == nil)
        try Self.check(r.table(), against: "expected_sum_province.csv")
    }

    @Test("mean by NBS region: no share")
    func mean() throws {
        let r = try RegionComparison(table: Self.fixture(), spec: spec(.mean, value: "amount_owed", level: .region4))
        try Self.check(r.table(), against: "expected_mean_region4.csv")
    }

    @Test("median by geographic region, baseline 华东")
    func median() throws {
        var s = spec(.median, value: "amount_owed", level: .region7)
        s.baseline = "华东地区"
        let r = try RegionComparison(table: Self.fixture(), spec: s)
        #expect(r.baselineName == "华东")
        try Self.check(r.table(), against: "expected_median_region7_base_east.csv")
    }

    @Test("rate A/B with binomial SE and the tests")
    func rateBinomial() throws {
        let r = try RegionComparison(table: Self.fixture(), spec: spec(.rate(numerator: "migrant_workers", denominator: "workers")))
        #expect(r.errorMethod == .binomial)
        try Self.check(r.table(), against: "expected_rate_province.csv")
        var t = RegionComparison.testTable(try r.tests())
        t = try Table(columns: Array(t.columns.dropLast())) // method is text we do not compare
        try Self.check(t, against: "expected_rate_province_test.csv")
    }

    @Test("count per 10,000 through a denominator table, baseline 广东, Poisson SE and tests")
    func perCapita() throws {
        var s = spec(.count)
        s.denominator = try Self.denominators()
        s.per = 10_000
        s.baseline = "Guangdong"
        let r = try RegionComparison(table: Self.fixture(), spec: s)
        #expect(r.errorMethod == .poisson)
        #expect(r.warnings.contains { $0.contains("no denominator") && $0.contains("香港") })
        try Self.check(r.table(), against: "expected_count_per10k_base_guangdong.csv")
        var t = RegionComparison.testTable(try r.tests())
        t = try Table(columns: Array(t.columns.dropLast()))
        try Self.check(t, against: "expected_count_per10k_test.csv")
    }

    @Test("a count rate with A > B uses the Poisson SE")
    func ratePoisson() throws {
        let r = try RegionComparison(table: Self.fixture(), spec: spec(.rate(numerator: "workers", denominator: "migrant_workers"), level: .region4))
        #expect(r.errorMethod == .poisson)
        try Self.check(r.table(), against: "expected_rate_poisson_region4.csv")
    }

    @Test("a rate of an amount has no SE")
    func rateAmount() throws {
        let r = try RegionComparison(table: Self.fixture(), spec: spec(.rate(numerator: "amount_owed", denominator: "workers"), level: .region7))
        #expect(r.errorMethod == nil)
        try Self.check(r.table(), against: "expected_rate_amount_region7.csv")
        #expect(throws: RegionError.self) { try r.tests() }
    }
}

@Suite("compare: options and small cases")
struct CompareSmallTests {
    func table() throws -> Table {
        try Table(columns: [
            Column("省份", strings: ["陕西", "陕西省", "四川", "Sichuan", "广东", "广东", nil]),
            Column("x", doubles: [1, 3, 10, nil, 4, 4, 100]),
        ])
    }

    @Test("ranks share ties; missing region rows are left out with a warning")
    func ranks() throws {
        var s = CompareSpec(regionColumn: "省份")
        s.valueColumn = "x"
        let r = try RegionComparison(table: table(), spec: s)
        #expect(r.rows.map(\.group.name) == ["广东", "四川", "陕西"])
        #expect(r.rows.map(\.value) == [8, 10, 4])
        #expect(r.rows.map(\.rank) == [2, 1, 3])
        #expect(r.baselineValue == 22)
        #expect(r.warnings.count == 1 && r.warnings[0].contains("data rows 7"))
        s.valueColumn = nil
        s.aggregate = .count
        let c = try RegionComparison(table: table(), spec: s)
        #expect(c.rows.map(\.value) == [2, 2, 2] && c.rows.map(\.rank) == [1, 1, 1])
    }

    @Test("option errors", arguments: ["mean --per", "--test on sum", "bad baseline", "denominator with mean", "sum without value"])
    func errors(which: String) throws {
        var s = CompareSpec(regionColumn: "省份")
        s.valueColumn = "x"
        switch which {
        case "mean --per": s.aggregate = .mean; s.per = 100
        case "bad baseline": s.baseline = "湖北"
        case "denominator with mean": s.aggregate = .mean; s.denominator = DenominatorTable(entries: [("陕西", 1, 1)], file: "d.csv")
        case "sum without value": s.valueColumn = nil
        default: break
        }
        let e = #expect(throws: RegionError.self) {
            let r = try RegionComparison(table: table(), spec: s)
            if which == "--test on sum" { _ = try r.tests() }
        }
        #expect(e?.kind.exitCode == 64)
    }

    @Test("denominator tables: unmatched and duplicate regions are errors")
    func denominatorErrors() throws {
        var s = CompareSpec(regionColumn: "省份")
        s.aggregate = .count
        s.denominator = DenominatorTable(entries: [("陕西", 10, 1), ("Sichaun", 20, 2), ("广东", 5, 3)], file: "d.csv")
        let e = #expect(throws: RegionError.self) { try RegionComparison(table: table(), spec: s) }
        #expect(e?.description.contains("d.csv: column \"region (first column)\": 1 spelling matches no province:") == true)
        #expect(e?.description.contains("\"Sichaun\" in data row 2") == true)
        s.denominator = DenominatorTable(entries: [("陕西", 10, 1), ("陕西省", 20, 2)], file: "d.csv")
        let d = #expect(throws: RegionError.self) { try RegionComparison(table: table(), spec: s) }
        #expect(d == .duplicateDenominator(file: "d.csv", region: "陕西省", rows: [1, 2]))
    }

    @Test("rates get an SE only between count columns: not of amounts in 元")
    func countsOnly() throws {
        func result(_ unit: String?) throws -> RegionComparison {
            let t = try Table(columns: [
                Column("p", strings: ["陕西", "四川"]),
                Column("a", integers: [3, 4], unit: unit), Column("b", integers: [10, 20]),
            ])
            var s = CompareSpec(regionColumn: "p")
            s.aggregate = .rate(numerator: "a", denominator: "b")
            return try RegionComparison(table: t, spec: s)
        }
        #expect(try result(nil).errorMethod == .binomial)
        #expect(try result("人").errorMethod == .binomial)
        #expect(try result("元").errorMethod == nil)
        #expect(try result("万元").errorMethod == nil)
    }

    @Test("a province denominator table rolls up to NBS regions")
    func rollUpDenominator() throws {
        var s = CompareSpec(regionColumn: "省份")
        s.aggregate = .count
        s.level = .region4
        s.per = 1
        s.denominator = DenominatorTable(entries: [("陕西", 10, 1), ("四川", 20, 2), ("广东", 5, 3), ("北京", 15, 4)], file: "d.csv")
        let r = try RegionComparison(table: table(), spec: s)
        #expect(r.rows.map(\.group.name) == ["东部", "西部"])
        #expect(r.rows.map(\.value) == [0.1, 4.0 / 30])
        #expect(r.baselineValue == 6.0 / 50)
    }

    @Test("distribution functions against scipy")
    func distributions() {
        // scipy.stats.norm.ppf(0.975), norm.ppf(1e-10), chi2.sf(33.25751328951155, 13), chi2.sf(0.5, 1), chi2.sf(300, 3)
        #expect(isClose(Distributions.normalQuantile(0.975), 1.959963984540054, rel: 1e-14))
        #expect(isClose(Distributions.normalQuantile(1e-10), -6.361340902404056, rel: 1e-13))
        #expect(isClose(Distributions.chiSquareUpperTail(33.25751328951155, df: 13), 0.0015586752347755688, rel: 1e-12))
        #expect(isClose(Distributions.chiSquareUpperTail(0.5, df: 1), 0.47950012218695337, rel: 1e-12))
        #expect(isClose(Distributions.chiSquareUpperTail(300, df: 3), 9.948758346327588e-65, rel: 1e-10))
        // R: p.adjust(c(0.01, 0.04, 0.03, 0.005, 0.5), "holm") = 0.040 0.090 0.090 0.025 0.500
        // R: prop.test(262, 357, correct = FALSE)$conf.int
        let w = RegionComparison.wilson(262.0 / 357, n: 357, z: Distributions.normalQuantile(0.975))
        #expect(isClose(w.0, 0.6857388546813187, rel: 1e-12) && isClose(w.1, 0.7770682754799193, rel: 1e-12))
        // No events: [0, z²/E]; never below 0.
        let z = Distributions.normalQuantile(0.975)
        let p = RegionComparison.poissonScore(0, exposure: 50, z: z)
        #expect(p.0 == 0 && isClose(p.1, z * z / 50, rel: 1e-12))
        #expect(RegionComparison.poissonScore(1, exposure: 50, z: z).0 > 0)
        let h = Distributions.holm([0.01, 0.04, 0.03, 0.005, 0.5])
        for (a, b) in zip(h, [0.04, 0.09, 0.09, 0.025, 0.5]) { #expect(isClose(a, b, rel: 1e-12)) }
    }
}

@Suite("compare: consistency")
struct CompareConsistencyTests {
    @Test("a permutation of the rows changes nothing", arguments: [0, 1, 2])
    func permutation(seed: UInt64) throws {
        let t = try CompareReferenceTests.fixture()
        var rng = SplitMix(seed: seed)
        let order = Array(0..<Int32(t.rowCount)).shuffled(using: &rng)
        var s = CompareSpec(regionColumn: "province")
        s.aggregate = .rate(numerator: "migrant_workers", denominator: "workers")
        let a = try RegionComparison(table: t, spec: s), b = try RegionComparison(table: t.selecting(rows: order), spec: s)
        #expect(a.rows.map(\.group) == b.rows.map(\.group))
        for (x, y) in zip(a.rows, b.rows) {
            #expect(isClose(x.value!, y.value!, rel: 1e-12) && isClose(x.ciLow!, y.ciLow!, rel: 1e-12) && x.rank == y.rank)
        }
        let ta = try a.tests(), tb = try b.tests()
        for (x, y) in zip(ta, tb) { #expect(isClose(x.pValue, y.pValue, rel: 1e-9) && x.region == y.region) }
    }

    @Test("a region's value equals the same statistic on its rows alone")
    func byRegionEqualsFilter() throws {
        let t = try CompareReferenceTests.fixture()
        var s = CompareSpec(regionColumn: "province")
        s.aggregate = .median
        s.valueColumn = "amount_owed"
        let all = try RegionComparison(table: t, spec: s)
        let col = try t.column(named: "province")
        for row in all.rows {
            let rows = (0..<t.rowCount).filter { r in
                if case .group(let g) = try! RegionResolver(level: .province).resolve(col.string(at: r)!) { return g == row.group }
                return false
            }
            let one = try RegionComparison(table: t.selecting(rows: rows.map(Int32.init)), spec: s)
            #expect(one.rows.count == 1 && one.rows[0].value == row.value && one.baselineValue == row.value)
        }
    }
}
