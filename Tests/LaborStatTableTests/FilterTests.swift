import Testing
@testable import LaborStatTable

/// Rows 0…5; every column has one missing value somewhere.
func filterTable() throws -> Table {
    func day(_ y: Int, _ m: Int, _ d: Int) -> Int32 { CivilDate.days(year: y, month: m, day: d) }
    return try Table(columns: [
        Column("province", categories: ["陕西省", "四川省", "广东省", nil, "陕西省", "Zhejiang"]),
        Column("year", integers: [2014, 2015, 2016, 2017, nil, 2015]),
        Column("amount", doubles: [1.5, nil, 30000, 2.5, 0.1, .nan]),
        Column("recovered", doubles: [1.5, 3, 10, nil, 0.2, 1]),
        Column("opened", dates: [day(2014, 3, 1), day(2015, 1, 1), nil, day(2016, 12, 31), day(2013, 6, 30), day(2015, 7, 1)]),
        Column("ok", booleans: [true, false, true, nil, false, true]),
        Column("note", strings: ["a", "b", "", nil, "=x", "中"]),
        Column("月工资", integers: [3000, 4000, 5000, 6000, 7000, 8000]),
        Column("月工资(元)", integers: [1, 2, 3, 4, 5, 6]),
        Column("and", integers: [0, 1, 0, 1, 0, 1]),
        Column("农民工总量（万人）", integers: [22542, 28000, 29000, nil, 30000, 1]),
    ])
}

func rows(_ expr: String, _ table: Table? = nil) throws -> [Int32] {
    try RowFilter(expr).matchingRows(in: table ?? filterTable())
}

@Suite("--where filter")
struct FilterTests {
    @Test("numeric comparisons", arguments: [
        ("year = 2015", [1, 5]), ("year == 2015", [1, 5]), ("year != 2015", [0, 2, 3]), ("year <> 2015", [0, 2, 3]),
        ("year < 2015", [0]), ("year <= 2015", [0, 1, 5]), ("year > 2015", [2, 3]), ("year >= 2015", [1, 2, 3, 5]),
        ("amount > 2", [2, 3]), ("amount <= 1.5", [0, 4]), ("amount >= 3万", [2]), ("amount < 1e-1", []),
        ("amount = 10%", [4]), ("year > -1", [0, 1, 2, 3, 5]), ("year = 2015.5", []),
        ("2015 <= year", [1, 2, 3, 5]), ("30000 = amount", [2]),
    ] as [(String, [Int32])])
    func numeric(expr: String, expected: [Int32]) throws {
        #expect(try rows(expr) == expected, "\(expr)")
    }

    @Test("text and categories compare by code point; in / not in", arguments: [
        ("province = '陕西省'", [0, 4]), ("province = \"四川省\"", [1]), ("province != '陕西省'", [1, 2, 5]),
        ("province in ['陕西省','四川省']", [0, 1, 4]), ("province in ('广东省')", [2]),
        ("province not in ['陕西省','四川省']", [2, 5]),
        ("province < 'a'", [5]), ("province > 'a'", [0, 1, 2, 4]),
        ("note = ''", [2]), ("note > 'a'", [1, 5]), ("note >= '中'", [5]), ("note in ['a', '=x']", [0, 4]),
        ("note = 'it''s'", []), ("province = '陕西'", []),
    ] as [(String, [Int32])])
    func text(expr: String, expected: [Int32]) throws {
        #expect(try rows(expr) == expected, "\(expr)")
    }

    @Test("dates compare by time; period keys; date text literals", arguments: [
        ("opened >= 2015-01-01", [1, 3, 5]), ("opened < 2015-01-01", [0, 4]), ("opened = 2015/1/1", [1]),
        ("opened >= 2015-07", [3, 5]), ("opened >= 2015Q3", [3, 5]), ("opened > '2015-01-01'", [3, 5]),
        ("opened:year = 2015", [1, 5]), ("opened:year >= 2015 and opened:year <= 2016", [1, 3, 5]),
        ("opened:quarter = 2015Q3", [5]), ("opened:month = 2016-12", [3]),
        ("opened in [2014-03-01, 2016-12-31]", [0, 3]),
    ] as [(String, [Int32])])
    func dates(expr: String, expected: [Int32]) throws {
        #expect(try rows(expr) == expected, "\(expr)")
    }

    @Test("a column of years (dates at year precision) compares with whole years")
    func yearColumn() throws {
        let t = try Table(columns: [Column("年份", dates: [2008, 2015, 2020, nil].map { $0.map { CivilDate.days(year: $0, month: 1, day: 1) } }, precision: .year)])
        #expect(try rows("年份 >= 2015", t) == [1, 2])
        #expect(try rows("年份 = 2020 or 年份 in [2008]", t) == [0, 2])
        #expect(try rows("年份 < 2015-06-01", t) == [0, 1])
        #expect(throws: FilterError.self) { try rows("年份 >= 2015.5", t) }
    }

    @Test("booleans, missing, column against column", arguments: [
        ("ok = true", [0, 2, 5]), ("ok = false", [1, 4]), ("ok != true", [1, 4]), ("ok in [1]", [0, 2, 5]),
        ("amount is missing", [1, 5]), ("amount is not missing", [0, 2, 3, 4]),
        ("province is missing", [3]), ("note is missing", [3]), ("year IS NOT MISSING", [0, 1, 2, 3, 5]),
        ("recovered < amount", [2]), ("recovered >= amount", [0, 4]),
        ("province = note", []),
    ] as [(String, [Int32])])
    func other(expr: String, expected: [Int32]) throws {
        #expect(try rows(expr) == expected, "\(expr)")
    }

    @Test("missing never satisfies a comparison, not even under not (three-valued logic)")
    func threeValued() throws {
        #expect(try rows("amount > 2") == [2, 3])
        #expect(try rows("not amount > 2") == [0, 4], "rows 1 and 5 (missing, NaN) stay out")
        #expect(try rows("not (amount > 2 or amount <= 2)") == [])
        #expect(try rows("amount > 2 or amount <= 2") == [0, 2, 3, 4])
        #expect(try rows("amount > 2 or year = 2015") == [1, 2, 3, 5], "true or unknown is true")
        #expect(try rows("not (amount > 2 and year = 2015)") == [0, 2, 3, 4], "false and unknown is false")
        #expect(try rows("province not in ['陕西省']") == [1, 2, 5])
    }

    @Test("precedence: not binds tighter than and, and tighter than or")
    func precedence() throws {
        // a or b and c  ==  a or (b and c)
        #expect(try rows("year = 2014 or year = 2015 and province = '四川省'") == [0, 1])
        #expect(try rows("(year = 2014 or year = 2015) and province = '四川省'") == [1])
        // not a and b  ==  (not a) and b
        #expect(try rows("not year = 2014 and ok = true") == [2, 5])
        #expect(try rows("not (year = 2014 and ok = true)") == [1, 2, 3, 4, 5], "row 4: false and unknown is false")
        #expect(try rows("not not year = 2014") == [0])
        #expect(try rows("year = 2014 OR year = 2016 And Not ok = false") == [0, 2])
    }

    @Test("Chinese names, backticks, full-width punctuation and quotes")
    func names() throws {
        #expect(try rows("月工资 >= 5000 and 月工资 < 7000") == [2, 3])
        #expect(try rows("`月工资(元)` > 4") == [4, 5])
        #expect(try rows("月工资(元) > 4") == [4, 5], "a unit in parentheses right after the name belongs to it")
        #expect(try rows("月工资（元） > 4 and 农民工总量（万人）>= 29000") == [4])
        #expect(try rows("农民工总量(万人) = 1 or (year = 2014)") == [0, 5])
        #expect(try rows("not(year = 2014)") == [1, 2, 3, 5])
        #expect(try rows("`and` = 1") == [1, 3, 5])
        #expect(try rows("月工资 ＞＝ 7000") == [4, 5])
        #expect(try rows("province ＝ “陕西省” and （year ＜ 2015）") == [0])
        #expect(try rows("province in ［‘陕西省’，‘四川省’］") == [0, 1, 4])
        #expect(try rows("#2 = 2015") == [1, 5])
        #expect(try rows("Province = 'Zhejiang'") == [5], "names match case-insensitively, as --columns do")
    }

    @Test("a selection is respected: rows in view only, physical numbers out; mask per row in view")
    func selection() throws {
        let t = try filterTable().selecting(rows: [5, 4, 1])
        #expect(try rows("year = 2015", t) == [5, 1])
        #expect(try RowFilter("year = 2015").mask(in: t) == [true, false, true])
        #expect(try RowFilter("province is missing").mask(in: filterTable()) == [false, false, false, true, false, false])
    }

    @Test("columns(in:) names each column once, base name for period keys")
    func columnsIn() throws {
        #expect(try RowFilter.columns(in: "opened:year >= 2015 and province in ['陕西省'] or `月工资(元)` > 1 and province is missing")
            == ["opened", "province", "月工资(元)"])
        #expect(try RowFilter.columns(in: "recovered < amount") == ["recovered", "amount"])
    }

    @Test("syntax errors point at the place", arguments: [
        ("year >= ", 9, "expected a value"),
        ("year >> 2015", 7, "expected a value"),
        ("(year = 2015", 13, "expected \")\""),
        ("year = 2015)", 12, "unexpected \")\""),
        ("year 2015", 6, "expected a comparison"),
        ("province in '陕西省'", 13, "expected \"[\""),
        ("province in []", 14, "the list is empty"),
        ("province = '陕西省", 12, "string not closed"),
        ("opened > 2015-02-30", 10, "not a valid date"),
        ("year = 2015 and", 16, "expected a column name"),
        ("year ! 2015", 6, "\"!\" must be followed"),
        ("月工资 (元) > 1", 5, "expected a comparison"),
        ("月工资(元 > 1", 4, "expected a comparison"),
        ("year is 5", 9, "expected \"missing\""),
        ("", 1, "empty"),
        ("2015abc = year", 1, "cannot start with a digit"),
    ] as [(String, Int, String)])
    func syntaxErrors(expr: String, position: Int, message: String) throws {
        let error = #expect(throws: FilterError.self) { try RowFilter(expr) }
        #expect(error?.position == position, "\(expr): \(error?.description ?? "")")
        #expect(error?.message.contains(message) == true, "\(expr): \(error?.message ?? "")")
        #expect(error?.kind.exitCode == 64)
    }

    @Test("the message carries the expression and a caret under the place")
    func caret() throws {
        let error = #expect(throws: FilterError.self) { try RowFilter("省份 = '陕西' andd year > 1") }
        #expect(error?.description == """
            --where:1:11: unexpected column name "andd" after a complete condition
                省份 = '陕西' andd year > 1
                              ^
            hint: join conditions with and / or
            """)
    }

    @Test("type errors point at the literal; unknown columns suggest a name")
    func typeErrors() throws {
        let t = try filterTable()
        let e1 = #expect(throws: FilterError.self) { try RowFilter("year = '二零一五'").matchingRows(in: t) }
        #expect(e1?.position == 8)
        #expect(e1?.message.contains("not a number") == true)
        let e2 = #expect(throws: FilterError.self) { try RowFilter("opened >= 2015").matchingRows(in: t) }
        #expect(e2?.position == 11)
        #expect(e2?.hint?.contains("opened:year >= 2015") == true)
        let e3 = #expect(throws: FilterError.self) { try RowFilter("year > province").matchingRows(in: t) }
        #expect(e3?.position == 8)
        let e4 = #expect(throws: TableError.self) { try RowFilter("provnce = 'x'").matchingRows(in: t) }
        #expect(e4 == .columnNotFound("provnce", available: t.columnNames, suggestion: "province"))
        #expect(e4?.kind.exitCode == 64)
        let e5 = #expect(throws: TableError.self) { try RowFilter("province:year = 2015").matchingRows(in: t) }
        #expect(e5?.kind.exitCode == 64)
    }

    @Test("a category column is compared once per level, and agrees with a text column holding the same values")
    func categoryMatchesText() throws {
        let values = (0..<5000).map { i -> String? in i % 97 == 0 ? nil : ["陕西省", "四川省", "Beijing", "广东省", "a", ""][i % 6] }
        let t = try Table(columns: [Column("c", categories: values), Column("s", strings: values)])
        for expr in ["= '四川省'", "< '四川省'", ">= 'a'", "!= ''", "in ['a', 'Beijing']", "not in ['a']"] {
            let viaCategory = try rows("c \(expr)", t), viaText = try rows("s \(expr)", t)
            #expect(viaCategory == viaText, "\(expr)")
            #expect(!viaCategory.isEmpty)
        }
    }
}

@Suite("--where against DuckDB")
struct FilterReferenceTests {
    /// 300 rows with missing values in every column; the rows DuckDB keeps for the same condition
    /// written in SQL (References/filter_duckdb.py). DuckDB's NULL logic and VARCHAR order (code
    /// points) are the semantics RowFilter promises.
    @Test("same rows as DuckDB's WHERE", arguments: FilterReference.cases)
    func sameRows(expr: String, expected: [Int32]) throws {
        let table = try Table(columns: [
            Column("province", categories: FilterReference.province),
            Column("year", integers: FilterReference.year),
            Column("amount", doubles: FilterReference.amount),
            Column("opened", dates: FilterReference.opened),
            Column("ok", booleans: FilterReference.ok),
            Column("note", strings: FilterReference.note),
            Column("月工资", integers: FilterReference.wage),
        ])
        #expect(try RowFilter(expr).matchingRows(in: table) == expected, "\(expr)")
    }
}
