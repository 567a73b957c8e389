import Foundation
import Testing
import LaborStatTable
import _LaborStatTestSupport
@testable import LaborStatIngest

@Suite("Whole-column type inference and problem cells")
struct InferenceTests {
    @Test func basicTypes() throws {
        let t = try read("""
        i,d,dt,b,c,x,y,m,q
        1,1.5,2013-12-09,是,东部,甲一,2013,2013年12月,2013Q4
        2,2,2013/12/9,否,西部,乙二,2014,2013-11,2013年第1季度
        3,3,2013年12月9日,是,东部,丙三,2015,2013年1月,2014Q2
        4,—,,否,东部,丁四,2016,,
        """)
        #expect(t.columns.map(\.type) == [.integer, .decimal, .date, .boolean, .category, .text, .integer, .date, .date])
        let dt = try t.column(named: "dt")
        #expect(dt.string(at: 1) == "2013-12-09")
        #expect(dt.isMissing(3))
        if case .date(_, let p) = try t.column(named: "m").storage { #expect(p == .month) } else { Issue.record("m not date") }
        if case .date(_, let p) = try t.column(named: "q").storage { #expect(p == .quarter) } else { Issue.record("q not date") }
        #expect(try t.column(named: "q").string(at: 1) == "2013Q1")
    }

    @Test("0/1 stays integer; a column of 4-digit years stays integer")
    func zeroOneAndYears() throws {
        let t = try read("flag,year\n0,2019\n1,2020\n1,2021\n")
        #expect(t.columns.map(\.type) == [.integer, .integer])
    }

    @Test("a date column's precision is the finest seen; bare years in it are year dates")
    func mixedPrecision() throws {
        let t = try read("d\n2013年\n2014-05\n2015-06-07\n2016\n")
        let d = try t.column(named: "d")
        guard case .date(let v, let p) = d.storage else { Issue.record("not a date column"); return }
        #expect(p == .day)
        #expect(CivilDate.format(v[0]) == "2013-01-01")
        #expect(CivilDate.format(v[3]) == "2016-01-01")
    }

    @Test("units: 元, 万元 scaling, %; conflicting units are problems")
    func units() throws {
        let t = try read("a,b,c,d\n4826.07万元,12%,3人,100\n100元,5%,4人,200元\n2000,7.5%,5人,300\n")
        let a = try t.column(named: "a")
        #expect(a.unit == "元")
        #expect(a.type == .integer)
        #expect(a.double(at: 0) == 48_260_700)
        let b = try t.column(named: "b")
        #expect(b.unit == "%")
        #expect(isClose(b.double(at: 0)!, 0.12))
        #expect(isClose(b.double(at: 2)!, 0.075))
        #expect(try t.column(named: "c").unit == "人")
        #expect(try t.column(named: "d").unit == "元")
        let mixed = try read("p\n12%\n13%\n0.5\n14%\n")
        let p = try mixed.column(named: "p")
        #expect(p.problemCount == 1)
        #expect(p.isMissing(2))
        #expect(p.problems.first?.location.line == 4)
        let twoUnits = try read("u\n3人\n4人\n5元\n6人\n")
        #expect(try twoUnits.column(named: "u").problems.first?.value == "5元")
    }

    @Test("problem cells in a numeric column are located, missing, counted, never silent")
    func problems() throws {
        let rows = (1...40).map { "r\($0),\($0 * 100)" }
        var lines = ["name,amount"] + rows
        lines[5] = "r5,十多万"
        lines[9] = "r9,1.2.3"
        lines[12] = "r12,2万多"
        lines[20] = "r20,未知"
        let t = try read(lines.joined(separator: "\n") + "\n")
        let c = try t.column(named: "amount")
        #expect(c.type == .integer)
        #expect(c.problemCount == 4)
        #expect(c.problems.map(\.location.line) == [6, 10, 13, 21])
        #expect(c.problems.map(\.location.column) == [4, 4, 5, 5])
        #expect(c.problems.map(\.value) == ["十多万", "1.2.3", "2万多", "未知"])
        #expect(c.problems[0].reason == "an approximate amount")
        #expect(c.problems[1].reason.contains("malformed"))
        #expect(c.problems[3].hint?.contains("--missing") == true)
        #expect(c.missingCount == 4)
        let e = #expect(throws: TableError.self) { try c.requireClean() }
        #expect(e?.description.hasPrefix("t.csv:6:4: cannot read \"十多万\" as a number in column \"amount\"") == true)
        // Adding the token to the missing list makes it a plain missing value.
        let t2 = try read(lines.joined(separator: "\n") + "\n") { $0.missingTokens = ["未知"] }
        #expect(try t2.column(named: "amount").problemCount == 3)
    }

    @Test("an impossible date in a date column is a problem cell")
    func badDate() throws {
        let t = try read("d\n2023-02-27\n2023-02-28\n2023-02-30\n2023-03-01\n")
        let d = try t.column(named: "d")
        #expect(d.type == .date)
        #expect(d.problems.first?.value == "2023-02-30")
        #expect(d.problems.first?.reason == "no such day")
        #expect(d.problems.first?.location.line == 4)
    }

    @Test("mostly words is text, not a numeric column full of problems")
    func wordsAreText() throws {
        let t = try read("x\n北京市朝阳区1号\n上海\n12\n广州\n深圳\n")
        #expect(try t.column(named: "x").type == .text)
        #expect(try t.column(named: "x").problemCount == 0)
    }

    @Test("category vs text: at most one distinct value per two cells")
    func categoryRule() throws {
        let cat = try read("x\na\nb\na\nb\n")
        #expect(try cat.column(named: "x").type == .category)
        let text = try read("x\na\nb\nc\nd\n")
        #expect(try text.column(named: "x").type == .text)
    }

    @Test("forced types")
    func forced() throws {
        let t = try read("code,n\n001,1\n002,2\n003,x\n") { $0.columnTypes = ["code": .text, "#2": .integer] }
        #expect(try t.column(named: "code").type == .text)
        #expect(try t.column(named: "code").string(at: 0) == "001")
        #expect(try t.column(named: "n").problemCount == 1)
    }

    @Test("ReadOptions.columns reads only those columns (names, #N, full-width, period keys)")
    func columnsOption() throws {
        let t = try read("省份,金额（万元）,opened,x\n广东,1,2020-01-01,a\n") {
            $0.columns = ["金额(万元)", "#1", "opened:year"]
        }
        #expect(t.columnNames == ["省份", "金额（万元）", "opened"])
        let e = #expect(throws: IngestError.self) { try read("a,b\n1,2\n") { $0.columns = ["c"] } }
        #expect(e?.kind == .usage)
    }

    @Test("keep-text keeps cells as written")
    func keepText() throws {
        let t = try read("a,b\n 2.84万 ,NA\n3,\n") { $0.keepText = true }
        #expect(t.columns.map(\.type) == [.text, .text])
        #expect(cells(t) == [[" 2.84万 ", "NA"], ["3", nil]])
    }

    @Test("the generated dirty arrears file: every column gets its type", arguments: [1, 3])
    func dirtyArrears(_ _: Int) throws {
        let t = try TableReader.read(path: fixture("generated/arrears_dirty_3000.csv"))
        #expect(t.source?.hadBOM == true)
        #expect(t.rowCount == 3000)
        let types = Dictionary(uniqueKeysWithValues: t.columns.map { ($0.name, $0.type) })
        #expect(types == ["case_id": .text, "province": .category, "city": .category, "industry": .category,
                          "opened": .date, "closed": .date, "workers": .integer, "migrant_workers": .integer,
                          "amount_owed": .decimal, "amount_recovered": .decimal, "status": .category])
        for c in t.columns { #expect(c.problemCount == 0, "\(c.name): \(c.problems.first?.description ?? "")") }
        // Padded provinces are trimmed: 31 levels.
        if case .category(_, let levels) = try t.column(named: "province").storage { #expect(levels.count == 31) }
        // Cross-check values against Python's reading of the same file.
        let owed = try t.column(named: "amount_owed")
        #expect(owed.missingCount == 3)
    }

    @Test("the generated dirty survey file: every column gets its type")
    func dirtySurvey() throws {
        let t = try TableReader.read(path: fixture("generated/survey_dirty_3000.csv"))
        let types = Dictionary(uniqueKeysWithValues: t.columns.map { ($0.name, $0.type) })
        #expect(types["weight"] == .decimal)
        #expect(types["monthly_income"] == .integer)
        #expect(types["age"] == .integer)
        #expect(types["hours_per_week"] == .integer)
        #expect(types["region"] == .category)
        #expect(types["sex"] == .category)
        #expect(types["year"] == .integer)
        for c in t.columns { #expect(c.problemCount == 0, "\(c.name)") }
    }
}

/// The dirty generated file against the clean file of the same seed (the generator's own values):
/// every cell the mess left readable must read to the clean value.
@Suite("Dirty file against its clean original (gen.py, same seed)")
struct DirtyAgainstCleanTests {
    @Test func valuesMatch() throws {
        let dirty = try TableReader.read(path: fixture("generated/arrears_dirty_3000.csv"))
        let clean = try TableReader.read(path: fixture("generated/arrears_clean_3000.csv"))
        let raw = try TableReader.read(path: fixture("generated/arrears_dirty_3000.csv"), options: { var o = ReadOptions(); o.keepText = true; return o }())
        #expect(dirty.rowCount == clean.rowCount)
        var compared = 0, wan = 0, missing = 0
        for name in ["workers", "migrant_workers", "amount_owed", "amount_recovered"] {
            let d = try dirty.column(named: name), c = try clean.column(named: name), t = try raw.column(named: name)
            for r in 0..<dirty.rowCount {
                guard let v = d.double(at: r) else {
                    // Missing only where the mess wrote a missing token.
                    let text = t.string(at: r)?.trimmingCharacters(in: .whitespaces) ?? ""
                    #expect(["", "—", "-", "NA", "无"].contains(text), "\(name) row \(r): \(text)")
                    missing += 1
                    continue
                }
                let expected = try #require(c.double(at: r))
                if t.string(at: r)?.contains("万") == true {
                    // 万 forms keep two decimals of the 万: within 50 yuan.
                    #expect(abs(v - expected) <= 50, "\(name) row \(r)")
                    wan += 1
                } else {
                    #expect(isClose(v, expected, rel: 1e-15), "\(name) row \(r): \(v) vs \(expected)")
                }
                compared += 1
            }
        }
        for name in ["opened", "closed"] {
            let d = try dirty.column(named: name), c = try clean.column(named: name)
            for r in 0..<dirty.rowCount { #expect(d.string(at: r) == c.string(at: r), "\(name) row \(r)") }
        }
        #expect(compared > 11_900)
        #expect(wan > 0)
        #expect(missing > 0)
    }
}

@Suite("Fast lanes agree with the general reading")
struct FastLaneTests {
    @Test("extra missing tokens that look like numbers are still missing")
    func numericMissingToken() throws {
        let t = try read("x\n1\n-99\n3\n999\n") { $0.missingTokens = ["999", "-99"] }
        let x = try t.column(named: "x")
        #expect(x.missingCount == 2)
        #expect(x.isMissing(1) && x.isMissing(3))
    }

    @Test("the same column read with and without a unit check gives the same values")
    func sameValues() throws {
        let text = "a,d\n" + (0..<5000).map { "\($0 % 97).\($0 % 10)\($0 % 7),2020-0\($0 % 9 + 1)-1\($0 % 9)" }.joined(separator: "\n") + "\n"
        let fast = try read(text)
        let slow = try read(text) { $0.missingTokens = ["zz"] }   // disables the fast lanes
        #expect(cells(fast) == cells(slow))
        #expect(fast.columns.map(\.type) == [.decimal, .date])
    }
}
