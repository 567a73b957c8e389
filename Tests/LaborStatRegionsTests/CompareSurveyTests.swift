import Foundation
import Testing
import LaborStatStats
import LaborStatTable
@testable import LaborStatRegions
import _LaborStatTestSupport

/// `compare` under a survey design against R's survey package (`References/compare_survey_reference.R`,
/// which made `survey_fixture.csv` — respelled provinces — and the expected outputs).
@Suite("compare under a survey design against R survey")
struct CompareSurveyTests {
    static func fixture() throws -> Table {
        let (h, rows) = try CompareReferenceTests.csv("survey_fixture.csv")
        #expect(h == ["province", "stratum", "psu", "psu_population", "weight", "monthly_income", "hours_per_week", "arrears"])
        func ints(_ i: Int) -> Column { Column(h[i], integers: rows.map { Int64($0[i]) }) }
        return try Table(columns: [
            Column("province", strings: rows.map { $0[0] }), ints(1), ints(2), ints(3),
            Column("weight", doubles: rows.map { Double($0[4]) }), ints(5), ints(6), ints(7),
        ])
    }

    static let design = SurveyDesignSpec(weight: "weight", strata: "stratum", clusters: ["psu"], fpc: ["psu_population"])

    func run(_ agg: CompareAggregate, value: String? = nil, level: RegionLevel = .province, baseline: String? = nil,
             denominator: DenominatorTable? = nil, per: Double? = nil, domain: [Bool]? = nil) throws -> RegionComparison {
        var s = CompareSpec(regionColumn: "province")
        s.aggregate = agg
        s.valueColumn = value
        s.level = level
        s.baseline = baseline
        s.denominator = denominator
        s.per = per
        return try RegionComparison(table: Self.fixture(), spec: s, design: Self.design, domain: domain)
    }

    @Test("total by province (svyby svytotal)")
    func total() throws {
        let r = try run(.sum, value: "monthly_income")
        #expect(r.errorMethod == .design)
        try CompareReferenceTests.check(r.table(), against: "expected_survey_sum_province.csv")
    }

    @Test("mean by NBS region, baseline 西部 (svymean)")
    func mean() throws {
        try CompareReferenceTests.check(try run(.mean, value: "monthly_income", level: .region4, baseline: "西部").table(),
                                        against: "expected_survey_mean_region4.csv")
    }

    @Test("ratio of totals by province (svyratio)")
    func ratio() throws {
        try CompareReferenceTests.check(try run(.rate(numerator: "monthly_income", denominator: "hours_per_week")).table(),
                                        against: "expected_survey_rate_province.csv")
    }

    @Test("median by geographic region, Woodruff interval (svyquantile, qrule math)")
    func median() throws {
        try CompareReferenceTests.check(try run(.median, value: "monthly_income", level: .region7).table(),
                                        against: "expected_survey_median_region7.csv")
    }

    @Test("estimated persons per 10,000 of a denominator table")
    func perCapita() throws {
        let (_, rows) = try CompareReferenceTests.csv("survey_denominators.csv")
        let den = DenominatorTable(entries: rows.enumerated().map { (region: $1[0], value: Double($1[1])!, row: $0 + 1) }, file: "survey_denominators.csv")
        try CompareReferenceTests.check(try run(.count, denominator: den, per: 10_000).table(),
                                        against: "expected_survey_count_per10k.csv")
    }

    @Test("a domain keeps the design whole (subset design)")
    func domain() throws {
        let t = try Self.fixture()
        let hours = try t.column(named: "hours_per_week").physicalDoubles()
        let r = try run(.mean, value: "monthly_income", domain: hours.map { $0 >= 50 })
        try CompareReferenceTests.check(r.table(), against: "expected_survey_domain_mean_province.csv")
        #expect(throws: RegionError.self) { try r.tests() }
    }
}
