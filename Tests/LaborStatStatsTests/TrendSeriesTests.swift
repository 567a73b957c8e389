import Foundation
import Testing
import LaborStatTable
@testable import LaborStatStats
import _LaborStatTestSupport

/// Periods, per-period aggregation and the two trend tables, on hand-built tables; and task P3
/// on 600 generated arrears rows against the exact `reference.py p3`.
@Suite("Trend periods, series and tables")
struct TrendSeriesTests {
    /// A result column by name (the names are the contract's; a typo fails the test).
    func col(_ t: Table, _ name: String) -> Column {
        guard let c = try? t.column(named: name) else { Issue.record("no column \(name)"); return Column("", doubles: []) }
        return c
    }

    static func day(_ y: Int, _ m: Int, _ d: Int) -> Int32 { CivilDate.days(year: y, month: m, day: d) }

    @Test("period text as Chinese offices write it", arguments: [
        ("2013", "2013"), ("2013年", "2013"), ("2013年度", "2013"), ("２０１３年", "2013"),
        ("2013Q4", "2013Q4"), ("2013年第4季度", "2013Q4"), ("2013年四季度", "2013Q4"), ("2013年第一季度", "2013Q1"),
        ("2013年12月", "2013-12"), ("2013-12", "2013-12"), ("2013/3", "2013-03"), ("2013年3月份", "2013-03"),
    ])
    func parse(_ text: String, _ expected: String) {
        #expect(Period.parse(text)?.description == expected)
    }

    @Test("not periods", arguments: ["13年", "2013年13月", "2013年第5季度", "2013Q0", "abc", "2013-12-09", ""])
    func notPeriods(_ text: String) {
        #expect(Period.parse(text) == nil)
    }

    @Test("periods sort by time and step by one")
    func ordering() {
        let q = [Period(year: 2014, quarter: 1), Period(year: 2013, quarter: 4), Period(year: 2013, quarter: 1)]
        #expect(q.sorted().map(\.description) == ["2013Q1", "2013Q4", "2014Q1"])
        #expect(Period(year: 2014, quarter: 1).index - Period(year: 2013, quarter: 4).index == 1)
        #expect(Period(year: 2014, month: 1).index - Period(year: 2013, month: 12).index == 1)
    }

    static func arrears() throws -> Table {
        // 省A: 2019 (2 rows), 2021 (1 row; 2020 is a gap); 省B: 2020, 2021.
        try Table(columns: [
            Column("province", categories: ["省A", "省A", "省B", "省A", "省B", "省A"]),
            Column("opened", dates: [day(2019, 1, 5), day(2019, 12, 31), day(2020, 3, 1), day(2021, 6, 1), day(2021, 7, 9), nil]),
            Column("amount", doubles: [100, 300, 50, 250, nil, 999]),
            Column("w", doubles: [1, 3, 2, 2, 1, 1]),
            Column("recovered", doubles: [50, 150, 25, 50, 10, 0]),
        ])
    }

    @Test("sum per (group, period): gaps stay absent; --zero-fill makes them 0")
    func sums() throws {
        let t = try Self.arrears()
        let g = try GroupedSeries(table: t, time: KeySpec("opened:year"), value: "amount", aggregate: .sum, by: [KeySpec("province")])
        #expect(g.kind == .year)
        #expect(g.keys[0].string(at: 0) == "省A" && g.keys[0].string(at: 1) == "省B")
        #expect(g.series[0].periods.map(\.index) == [2019, 2021] && g.series[0].values == [400, 250])
        #expect(g.series[1].periods.map(\.index) == [2020] && g.series[1].values == [50])  // 2021's value is missing
        let z = try GroupedSeries(table: t, time: KeySpec("opened:year"), value: "amount", aggregate: .sum,
                                  by: [KeySpec("province")], zeroFill: true)
        #expect(z.series[0].periods.map(\.index) == [2019, 2020, 2021] && z.series[0].values == [400, 0, 250])
    }

    @Test("mean, median, count, rate; weighted")
    func aggregates() throws {
        let t = try Self.arrears()
        func first(_ a: TrendAggregate, value: String? = "amount", weight: String? = nil) throws -> [Double] {
            try GroupedSeries(table: t, time: KeySpec("opened:year"), value: value, aggregate: a,
                              by: [KeySpec("province")], weight: weight).series[0].values
        }
        #expect(try first(.mean) == [200, 250])
        #expect(try first(.median) == [200, 250])
        #expect(try first(.count, value: nil) == [2, 1])
        #expect(try first(.rate(numerator: "recovered", denominator: "amount"), value: nil) == [0.5, 0.2])
        #expect(try first(.sum, weight: "w") == [1000, 500])
        #expect(try first(.mean, weight: "w") == [250, 250])
        #expect(try first(.count, value: nil, weight: "w") == [4, 2])
        // Weighted median: smallest value whose cumulative weight reaches half (4/2 = 2 → 300).
        #expect(try first(.median, weight: "w") == [300, 250])
    }

    @Test("quarters and months from a date column; text periods; integer years")
    func kinds() throws {
        let t = try Table(columns: [
            Column("d", dates: [Self.day(2013, 11, 2), Self.day(2013, 12, 30), Self.day(2014, 1, 1)]),
            Column("text", categories: ["2013年第4季度", "2013年第4季度", "2014年第1季度"]),
            Column("year", integers: [2013, 2013, 2014]),
            Column("v", doubles: [1, 2, 4]),
        ])
        let q = try GroupedSeries(table: t, time: KeySpec("d:quarter"), value: "v", aggregate: .sum)
        #expect(q.kind == .quarter && q.series[0].periods.map(\.description) == ["2013Q4", "2014Q1"] && q.series[0].values == [3, 4])
        let m = try GroupedSeries(table: t, time: KeySpec("d:month"), value: "v", aggregate: .sum)
        #expect(m.series[0].periods.map(\.description) == ["2013-11", "2013-12", "2014-01"])
        let text = try GroupedSeries(table: t, time: KeySpec("text"), value: "v", aggregate: .sum)
        #expect(text.kind == .quarter && text.series[0].values == [3, 4])
        let textYears = try GroupedSeries(table: t, time: KeySpec("text:year"), value: "v", aggregate: .sum)
        #expect(textYears.kind == .year && textYears.series[0].periods.map(\.index) == [2013, 2014])
        #expect(throws: TrendError.self) { try GroupedSeries(table: t, time: KeySpec("text:month"), value: "v", aggregate: .sum) }
        let y = try GroupedSeries(table: t, time: KeySpec("year"), value: "v", aggregate: .sum)
        #expect(y.kind == .year && y.series[0].values == [3, 4])
        #expect(throws: TrendError.self) { try GroupedSeries(table: t, time: KeySpec("d"), value: "v", aggregate: .sum) }
        #expect(throws: TrendError.self) { try GroupedSeries(table: t, time: KeySpec("v"), value: "v", aggregate: .sum) }
    }

    @Test("mixed period kinds in one text column are an error naming the row")
    func mixedKinds() throws {
        let t = try Table(columns: [Column("p", strings: ["2013年", "2013年12月"]), Column("v", doubles: [1, 2])])
        #expect {
            try GroupedSeries(table: t, time: KeySpec("p"), value: "v", aggregate: .sum)
        } throws: { e in String(describing: e).contains("row 2") }
    }

    @Test("slope table: the contract's columns, --stats picks and renames")
    func slopeTable() throws {
        let g = try GroupedSeries(table: try Self.arrears(), time: KeySpec("opened:year"), value: "amount",
                                  aggregate: .sum, by: [KeySpec("province")])
        let full = try TrendReport.slopes(g)
        #expect(full.columnNames == ["province"] + TrendReport.slopeStatistics)
        #expect(col(full, "periods").string(at: 0) == "2")
        #expect(col(full, "first").string(at: 0) == "2019" && col(full, "last").string(at: 0) == "2021")
        #expect(col(full, "change").double(at: 0) == -150)
        #expect(isClose(col(full, "pct_change").double(at: 0)!, -0.375))
        #expect(isClose(col(full, "cagr").double(at: 0)!, (250.0 / 400).squareRoot() - 1))
        #expect(col(full, "ols_slope").double(at: 0) == -75)
        #expect(col(full, "ols_se").double(at: 0) == nil)   // n = 2: no SE
        #expect(col(full, "ols_slope").double(at: 1) == nil) // one period
        let picked = try TrendReport.slopes(g, statistics: ["n_years=periods", "ols_slope", "theil_sen_slope"])
        #expect(picked.columnNames == ["province", "n_years", "ols_slope", "theil_sen_slope"])
        #expect(throws: TrendError.self) { try TrendReport.slopes(g, statistics: ["slope"]) }
    }

    @Test("series table: change after a gap is empty, index at the base, trailing moving average")
    func seriesTable() throws {
        let t = try Table(columns: [
            Column("year", integers: [2010, 2011, 2012, 2014, 2015, 2016]),
            Column("v", doubles: [10, 20, 30, 40, 50, 60]),
        ])
        let g = try GroupedSeries(table: t, time: KeySpec("year"), value: "v", aggregate: .sum)
        let s = try TrendReport.series(g, window: 2, base: Period(year: 2011))
        #expect(s.columnNames == ["period", "value", "change", "pct_change", "index", "moving_avg"])
        #expect((0..<6).map { col(s, "change").double(at: $0) } == [nil, 10, 10, nil, 10, 10])
        #expect((0..<6).map { col(s, "index").double(at: $0) } == [50, 100, 150, 200, 250, 300])
        #expect((0..<6).map { col(s, "moving_avg").double(at: $0) } == [nil, 15, 25, nil, 45, 55])
        #expect(col(s, "pct_change").double(at: 1) == 1)
        #expect(throws: TrendError.self) { try TrendReport.series(g, base: Period(year: 2011, month: 1)) }
    }

    @Test("by-group equals filter-then-trend (metamorphic)")
    func byEqualsFilter() throws {
        let t = try Self.arrears()
        let all = try TrendReport.slopes(try GroupedSeries(table: t, time: KeySpec("opened:year"), value: "amount",
                                                             aggregate: .sum, by: [KeySpec("province")]))
        let onlyA = t.selecting(rows: [0, 1, 3, 5])
        let a = try TrendReport.slopes(try GroupedSeries(table: onlyA, time: KeySpec("opened:year"), value: "amount", aggregate: .sum))
        for name in TrendReport.slopeStatistics {
            #expect(col(all, name).string(at: 0) == col(a, name).string(at: 0), "\(name)")
        }
    }

    @Test("P3 on 600 generated rows matches reference.py within a cent")
    func p3() throws {
        let d = try FixtureCSV("trend/arrears600.csv")
        let dates: [Int32?] = d.rows.map { r in
            let p = r["opened"]!.split(separator: "-").compactMap { Int($0) }
            return CivilDate.days(year: p[0], month: p[1], day: p[2])
        }
        let table = try Table(columns: [
            Column("province", categories: d.rows.map { $0["province"] }),
            Column("opened", dates: dates), Column("amount_owed", doubles: d.numbers("amount_owed")),
        ])
        let g = try GroupedSeries(table: table, time: KeySpec("opened:year"), value: "amount_owed", aggregate: .sum,
                                  by: [KeySpec("province")])
        let out = try TrendReport.slopes(g, statistics: ["n_years=periods", "ols_slope", "theil_sen_slope"])
        let ref = try FixtureCSV("trend/p3_reference.csv")
        #expect(out.rowCount == ref.rows.count)
        for (i, r) in ref.rows.enumerated() {
            #expect(col(out, "province").string(at: i) == r["province"])
            #expect(col(out, "n_years").string(at: i) == r["n_years"])
            for name in ["ols_slope", "theil_sen_slope"] {
                let got = col(out, name).double(at: i)
                if let e = Double(r[name]!) {
                    #expect(got.map { abs($0 - e) <= 0.005 + 1e-6 } == true, "\(r["province"]!) \(name): \(String(describing: got)) vs \(e)")
                } else {
                    #expect(got == nil)
                }
            }
        }
    }
}
