import Testing
@testable import LaborStatTable

@Suite("Table model")
struct TableTests {
    @Test("civil date round trip over 1900–2100")
    func civilDates() {
        var d = CivilDate.days(year: 1900, month: 1, day: 1)
        let end = CivilDate.days(year: 2100, month: 12, day: 31)
        var prev = CivilDate.civil(d - 1)
        while d <= end {
            let c = CivilDate.civil(d)
            #expect(CivilDate.days(year: c.year, month: c.month, day: c.day) == d)
            #expect(c != prev)
            prev = c
            d += 1
        }
        #expect(CivilDate.days(year: 1970, month: 1, day: 1) == 0)
        #expect(CivilDate.format(CivilDate.days(year: 2013, month: 12, day: 9)) == "2013-12-09")
        #expect(CivilDate.format(CivilDate.days(year: 2013, month: 12, day: 9), precision: .quarter) == "2013Q4")
        #expect(!CivilDate.isValid(year: 2023, month: 2, day: 30))
        #expect(CivilDate.isValid(year: 2024, month: 2, day: 29))
    }

    @Test("fixed decimals round half away from zero on the decimal text", arguments: [
        (2.675, 2, "2.68"), (1.005, 2, "1.01"), (-0.004, 2, "0.00"), (-1.5, 0, "-2"), (12345.5, 2, "12345.50"),
        (0.125, 2, "0.13"), (9.995, 2, "10.00"), (1e-7, 3, "0.000"), (123456789012.345, 2, "123456789012.35"),
    ])
    func fixed(x: Double, decimals: Int, expected: String) {
        #expect(NumberText.fixed(x, decimals: decimals) == expected)
    }

    @Test("shortest text reads back", arguments: [0.1, 1.0 / 3, 1e-5, 123456.789, 2.5e20, -0.0001234, 28400])
    func shortest(x: Double) {
        let s = NumberText.shortest(x)
        #expect(Double(s) == x)
        #expect(!s.hasSuffix(".0"))
    }

    @Test("missing mask counts and gathers")
    func mask() {
        var m = MissingMask(count: 0)
        for i in 0..<200 { m.append(i % 7 == 0) }
        #expect(m.count == 200)
        #expect(m.missingCount == 29)
        #expect(m[7] && !m[8])
        let g = m.gathering([7, 8, 14])
        #expect(g[0] && !g[1] && g[2])
        #expect(MissingMask(count: 10).isEmpty)
    }

    @Test("grouping sorts keys: text by code point, numbers by value, missing last")
    func grouping() throws {
        let t = try Table(columns: [
            Column("province", categories: ["陕西省", "四川省", nil, "陕西省", "北京市"]),
            Column("year", integers: [2015, 2014, 2015, 2013, 2015]),
        ])
        let g = try Grouping(t, by: [KeySpec("province"), KeySpec("year")])
        #expect(g.groupCount == 5)
        #expect((0..<5).map { g.keys[0].string(at: $0) } == ["北京市", "四川省", "陕西省", "陕西省", nil])
        #expect((0..<5).map { g.keys[1].string(at: $0) } == ["2015", "2014", "2013", "2015", "2015"])
        #expect(g.groupOfRow == [3, 1, 4, 2, 0])
    }

    @Test("period keys from a date column")
    func periodKeys() throws {
        let d = CivilDate.days(year: 2013, month: 12, day: 9)
        let t = try Table(columns: [Column("opened", dates: [d, nil])])
        let y = try t.keyColumn(KeySpec("opened:year"))
        #expect(y.name == "year" && y.string(at: 0) == "2013" && y.isMissing(1))
        let q = try t.keyColumn(KeySpec("opened:quarter"))
        #expect(q.string(at: 0) == "2013Q4")
        #expect(throws: TableError.self) { try t.keyColumn(KeySpec("nope:year")) }
    }

    @Test("column names match across full- and half-width forms and #N")
    func names() throws {
        let t = try Table(columns: [Column("金额（万元）", integers: [1]), Column("Year", integers: [2])])
        #expect(try t.columnIndex(named: "金额(万元)") == 0)
        #expect(try t.columnIndex(named: "year") == 1)
        #expect(try t.columnIndex(named: "#2") == 1)
        #expect(throws: TableError.self) { try t.columnIndex(named: "yaer") }
    }
}

@Suite("Row selections")
struct SelectionTests {
    @Test("positions compose with a view; physical rows replace it")
    func selections() throws {
        let t = try Table(columns: [Column("x", integers: [10, 11, 12, 13, 14])])
        let view = t.selecting(rows: [4, 2, 0])
        #expect(view.rowIndices.map { $0 } == [4, 2, 0])
        #expect(view.selecting(rows: [1]).rowIndices.map { $0 } == [2])
        #expect(view.selecting(physicalRows: [3]).rowIndices.map { $0 } == [3])
        #expect(view.materialized().columns[0].string(at: 0) == "14")
    }
}
