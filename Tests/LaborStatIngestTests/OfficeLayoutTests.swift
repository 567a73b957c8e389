import Foundation
import Testing
import LaborStatTable
import _LaborStatTestSupport
@testable import LaborStatIngest

/// Files laid out as offices lay them out, made by the producers themselves
/// (`Fixtures/office/make.py`: openpyxl, XlsxWriter, LibreOffice, Python's gbk codec as Excel writes).
@Suite("Office layouts: title, unit line, multi-row header, totals, notes, identifiers")
struct OfficeLayoutTests {
    static func office(_ name: String) -> String { fixture("office/" + name) }
    static func load(_ name: String, _ configure: (inout ReadOptions) -> Void = { _ in }) throws -> Table {
        var o = ReadOptions()
        configure(&o)
        return try TableReader.read(path: office(name), options: o)
    }
    static func values(_ t: Table, _ name: String) throws -> [Double?] {
        let c = try t.column(named: name)
        return t.rowIndices.map { c.double(at: $0) }
    }

    static let govFiles = ["gov_openpyxl.xlsx", "gov_xlsxwriter.xlsx", "gov_libreoffice.xlsx", "gov_excel.gbk.csv", "gov_libreoffice.gb18030.csv"]

    @Test("title + unit line + two-row header read the same from every producer", arguments: govFiles)
    func governmentTable(_ file: String) throws {
        let t = try Self.load(file)
        #expect(t.columnNames == ["地区", "欠薪金额", "欠薪人数", "结案金额", "结案人数"])
        #expect(t.rowCount == 4)
        #expect(t.columns.map(\.filePosition) == [1, 2, 3, 4, 5])
        // 单位：万元、人: amounts scale as a 万元 cell (exactly: 1234.56万 = 12345600), counts are 人.
        #expect(try Self.values(t, "欠薪金额") == [12_345_600, 1_005_000, 2_000_000, 888_000])
        #expect(try Self.values(t, "结案金额") == [10_005_000, 800_000, 1_502_500, 600_000])
        #expect(try Self.values(t, "欠薪人数") == [120, 20, 35, 12])
        #expect(try t.column(named: "欠薪金额").unit == "元")
        #expect(try t.column(named: "结案人数").unit == "人")
        let f = try #require(t.source?.layout)
        #expect(f.headerRows == [3, 4])
        #expect(f.skipped.map(\.row) == [1, 2])
        #expect(f.skipped.map(\.kind) == [.title, .unit])
        #expect(f.unitLine == "单位：万元、人")
        if file.hasSuffix(".gbk.csv") {
            // Excel writes the blank row as ,,,, between the total and the notes.
            #expect(f.leftOutSummary == "9 (合计), 10 (blank), 11–12 (notes)")
        } else {
            #expect(f.leftOutSummary == "9 (合计), 10–11 (notes)")
        }
        // The 合计 row checks: every amount and count column adds up, in the units as written.
        #expect(f.totals.count == 4)
        #expect(f.totals.allSatisfy { $0.addsUp })
        #expect(f.totals.first.map { ($0.column, $0.stated) } ?? ("", 0) == ("欠薪金额", 1623.86))
    }

    @Test("--skip-rows and --header-rows name the header; wrong ones give what they say")
    func explicitHeader() throws {
        let same = try Self.load("gov_openpyxl.xlsx") { $0.skipRows = 2; $0.headerRows = 2 }
        #expect(same.columnNames == ["地区", "欠薪金额", "欠薪人数", "结案金额", "结案人数"])
        #expect(same.rowCount == 4)
        // One header row: row 4 (金额, 人数 …) becomes data, the amount columns become text.
        let one = try Self.load("gov_xlsxwriter.xlsx") { $0.skipRows = 2; $0.headerRows = 1 }
        #expect(one.columnNames == ["地区", "欠薪", "#3", "结案", "#5"])
        #expect(one.rowCount == 5)
        #expect(try one.column(named: "欠薪").type == .text)
        // No header after 4 rows: columns #1 … #5 over the 4 data rows.
        let none = try Self.load("gov_excel.gbk.csv") { $0.skipRows = 4; $0.headerMode = .none }
        #expect(none.columnNames == ["#1", "#2", "#3", "#4", "#5"])
        #expect(none.rowCount == 4)
        #expect(try Self.values(none, "#3") == [120, 20, 35, 12])
    }

    @Test("--keep-totals keeps totals, blanks and notes as data")
    func keepTotals() throws {
        let t = try Self.load("gov_excel.gbk.csv") { $0.keepTotals = true }
        #expect(t.rowCount == 8)
        #expect(try Self.values(t, "欠薪人数") == [120, 20, 35, 12, 187, nil, nil, nil])
        #expect(t.source?.layout?.keptTotals == true)
        let sub = try Self.load("subtotals_b3_xlsxwriter.xlsx") { $0.keepTotals = true }
        #expect(sub.rowCount == 8)
    }

    @Test("a 合计 row that does not add up is left out and the check says by how much")
    func totalsThatDoNotAddUp() throws {
        let t = try Self.load("ledger_excel.gbk.csv")
        #expect(t.rowCount == 12)
        #expect(try Self.values(t, "欠薪金额（元）").compactMap { $0 }.reduce(0, +) == 28533)
        let f = try #require(t.source?.layout)
        #expect(f.leftOutSummary == "14 (blank), 15 (合计), 16 (notes)")
        let amount = try #require(f.totals.first { $0.column == "欠薪金额（元）" })
        #expect(!amount.addsUp)
        #expect(amount.sum == 28533 && amount.stated == 28633)
        let people = try #require(f.totals.first { $0.column == "涉及人数" })
        #expect(people.addsUp && people.sum == 30)
        // 序号 stays integer: the 合计 written in it is not data.
        #expect(try t.column(named: "序号").type == .integer)
    }

    @Test("a table at B3 is found there; 小计 and 合计 left out; #N is the sheet's column")
    func tableAtB3() throws {
        let t = try Self.load("subtotals_b3_xlsxwriter.xlsx")
        #expect(t.columnNames == ["地区", "工号", "欠薪金额", "涉及人数"])
        #expect(t.columns.map(\.filePosition) == [2, 3, 4, 5])
        #expect(t.rowCount == 5)
        #expect(try Self.values(t, "欠薪金额") == [5000, 7500.5, 3000, 4200, 800])
        let f = try #require(t.source?.layout)
        #expect(f.headerRows == [3])
        #expect(f.leftOutSummary == "6 (小计), 10 (小计), 11 (合计)")
        #expect(f.totals.filter { $0.label == "合计" }.allSatisfy { $0.addsUp })
        // Each 小计 is checked against its group: 5000 + 7500.5, then 3000 + 4200 + 800.
        #expect(f.totals.map(\.row) == [6, 6, 10, 10, 11, 11])
        #expect(f.totals.map(\.sum) == [12500.5, 5, 8000, 4, 20500.5, 9])
        #expect(f.totals.allSatisfy { $0.addsUp })
        #expect(try t.columnIndex(named: "#2") == 0)
        #expect(try t.column(named: "#4").name == "欠薪金额")
        // A problem cell is placed at its sheet row and column (工号 in C4 → 4:3).
        let bad = try Self.load("subtotals_b3_xlsxwriter.xlsx") { $0.columnTypes["工号"] = .date }
        #expect(try bad.column(named: "工号").problems.first?.location.description.hasSuffix(":4:3") == true)
    }

    @Test("yearbook: 全国 first and region totals over provinces are left out; a tidy long table keeps 全国")
    func yearbookAndTidy() throws {
        let y = try Self.load("yearbook.csv")
        #expect(y.rowCount == 8)
        #expect(try Self.values(y, "外出农民工（万人）").compactMap { $0 }.reduce(0, +) == 2590)
        #expect(y.source?.layout?.leftOutSummary == "2 (全国), 3 (东部地区), 9 (中部地区)")
        #expect(y.source?.layout?.totals.allSatisfy { $0.addsUp } == true)
        let tidy = try Self.load("tidy_long.csv")
        #expect(tidy.rowCount == 6)
        #expect(tidy.source?.layout == nil)
    }

    @Test("identifier columns stay text: leading zeros, resident IDs with X, mobiles, postcodes")
    func identifiers() throws {
        let t = try Self.load("ledger_excel.gbk.csv")
        for name in ["工号", "身份证号", "手机", "邮编"] {
            #expect(try [ColumnType.text, .category].contains(t.column(named: name).type), "\(name)")
            #expect(try t.column(named: name).problemCount == 0)
        }
        #expect(try t.column(named: "工号").string(at: 0) == "00037")
        #expect(try t.column(named: "身份证号").string(at: 0) == "11010519760707006X")
        #expect(try t.column(named: "邮编").string(at: 0) == "010010")
        // Values alone, under a header that says nothing: IDs with a right check character are text …
        let ids = try read("x,n\n11010519760707006X,1\n310104197708080073,2\n")
        #expect(ids.columns[0].type != .integer && ids.columns[0].problemCount == 0)
        // … 18 digits with a wrong check character are a number, as written.
        let wrong = try read("x,n\n310104197708080074,1\n310104197708080075,2\n")
        #expect(wrong.columns[0].type == .integer)
        let zeros = try read("x,n\n00123,1\n10234,2\n")
        #expect(zeros.columns[0].type != .integer)
        #expect(zeros.columns[0].string(at: 0) == "00123")
        let mobiles = try read("x,n\n13912345678,1\n18800001111,2\n")
        #expect(mobiles.columns[0].type != .integer)
        // --text and --types force any column.
        let forced = try Self.load("ledger_excel.gbk.csv") { $0.columnTypes = ["序号": .text, "涉及人数": .decimal, "工号": .integer] }
        #expect(try forced.column(named: "序号").type == .text)
        #expect(try forced.column(named: "涉及人数").type == .decimal)
        #expect(try forced.column(named: "工号").type == .integer)
        #expect(try forced.column(named: "工号").string(at: 0) == "37")
    }

    @Test("GB 11643 check characters agree with the fixtures made by make.py")
    func checkCharacter() {
        for id in ["11010519760707006X", "310104197708080073"] {
            let bytes = Array(id.utf8)
            #expect(bytes.withUnsafeBufferPointer { IdentifierPattern.matches($0.baseAddress!, 18) })
        }
        let bad = Array("11010519760707006Y".utf8)
        #expect(!bad.withUnsafeBufferPointer { IdentifierPattern.matches($0.baseAddress!, 18) })
    }

    @Test("not sure where the header is: exit 65 naming the rows and the flags, never data as header")
    func unsure() throws {
        let e = #expect(throws: IngestError.self) { try read("1200,3.5,7\n1300,4.5,8\n1400,5.5,9\n") }
        #expect(e?.description.contains("t.csv:1:1: row 1 looks like data, not a header") == true)
        #expect(e?.description.contains("--header none") == true)
        #expect(e.map { $0.kind == .badData } == true)
        // After a title, the same: the rows above are named.
        let t = #expect(throws: IngestError.self) { try read("统计表,,\n1200,3.5,7\n1300,4.5,8\n") }
        #expect(t?.description.contains("rows 1 above look like a title") == true)
        #expect(t?.description.contains("--skip-rows 1") == true)
        // Years as column names are names, not data.
        let wide = try read("地区,2022,2023\n北京,1,2\n上海,3,4\n")
        #expect(wide.columnNames == ["地区", "2022", "2023"])
    }

    @Test("a unit line naming several units: per column kind, else refused with the flag")
    func unitLines() throws {
        let one = try read("单位：万元,,\n地区,金额,人数\n甲,1.5,3\n乙,2,4\n")
        #expect(try one.column(named: "金额").unit == "元")
        #expect(one.columns[1].double(at: 0) == 15000)
        #expect(try one.column(named: "人数").unit == nil)
        #expect(one.columns[2].double(at: 0) == 3)
        let e = #expect(throws: IngestError.self) { try read("单位：万元、人,,\n地区,2022,2023\n甲,1.5,3\n乙,2,4\n") }
        #expect(e?.description.contains("t.csv:1:1: the unit line \"单位：万元、人\" names 2 units") == true)
        #expect(e?.description.contains("--column-units") == true)
        let fixed = try read("单位：万元、人,,\n地区,2022,2023\n甲,1.5,3\n乙,2,4\n") { $0.columnUnits = ["2022": "万元", "2023": "人"] }
        #expect(fixed.columns[1].double(at: 0) == 15000)
        #expect(fixed.columns[2].unit == "人")
    }

    @Test("#N is the file's N-th column whatever subset is read")
    func hashN() throws {
        let t = try Self.load("ledger_excel.gbk.csv") { $0.columns = ["#7", "#3"] }
        #expect(t.columnNames == ["工号", "欠薪金额（元）"])
        #expect(try t.column(named: "#7").name == "欠薪金额（元）")
        #expect(try t.column(named: "#3").name == "工号")
        #expect(throws: TableError.self) { try t.column(named: "#2") }
    }
}

@Suite("Office layouts: two-cell titles, large files screened at both ends")
struct OfficeLayoutEdgeTests {
    @Test("a title of two cells (表1 and a caption) is a title, not a header part")
    func twoCellTitle() throws {
        let t = try read("表1,2023年各地区欠薪情况统计表,,\n地区,金额,人数,件数\n北京,1,2,3\n上海,4,5,6\n")
        #expect(t.columnNames == ["地区", "金额", "人数", "件数"])
        #expect(t.rowCount == 2)
        #expect(t.source?.layout?.skipped.map(\.kind) == [.title])
        // A group header of short words stays a header.
        let g = try read("地区,欠薪,\n,金额,人数\n北京,1,2\n上海,4,5\n")
        #expect(g.columnNames == ["地区", "欠薪金额", "欠薪人数"])
    }

    /// A body over 4 MiB: only its first and last records are screened, before the parallel
    /// loader reads it; the trailing blank row, 合计 and note are left out, the whole read and the
    /// slice-by-slice scan agree.
    @Test("large file: trailing blank, 合计 and note left out in whole reads and in slices")
    func largeFile() throws {
        let n = 100_000
        var lines = ["序号,单位,金额"]
        lines.reserveCapacity(n + 4)
        var sum = 0
        for i in 1...n { lines.append("\(i),某某建筑工程有限公司第\(i % 97)项目部,\(i % 1000)"); sum += i % 1000 }
        lines += [",,", "合计,,\(sum)", "注：示例。,,"]
        let text = lines.joined(separator: "\n") + "\n"
        #expect(text.utf8.count > 4 << 20)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("laborstat-large-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("big.csv").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        let t = try TableReader.read(path: path)
        #expect(t.rowCount == n)
        #expect(try t.column(named: "序号").type == .integer)
        #expect(try t.doubles("金额").reduce(0, +) == Double(sum))
        #expect(t.source?.layout?.leftOutSummary == "\(n + 2) (blank), \(n + 3) (合计), \(n + 4) (notes)")
        var rows = 0, total = 0.0, slices = 0
        let streamed = try TableReader.scan(path: path, sliceBytes: 1 << 20) { part in
            rows += part.rowCount
            total += try part.doubles("金额").reduce(0, +)
            slices += 1
        }
        #expect(streamed && slices > 1)
        #expect(rows == n && total == Double(sum))
    }
}

@Suite("Office layouts: the library example of LaborStatIngest.md")
struct OfficeLayoutDocExampleTests {
    @Test("the ReadOptions example runs on the dataset as written")
    func docExample() throws {
        var o = ReadOptions()
        o.skipRows = 2; o.headerRows = 2
        o.keepTotals = false
        o.columnTypes = ["地区": .text]
        o.columnUnits = ["按输入地分2024年": "万人"]
        let path = repositoryRoot().appendingPathComponent("Datasets/migrant_workers_by_region_2023_2024.xlsx").path
        let t = try TableReader.read(path: path, options: o)
        #expect(t.source?.layout?.leftOutSummary == "9 (合计), 10–11 (notes)")
        #expect(try t.doubles("按输出地分2024年") == [105_290_000, 100_120_000, 84_140_000, 10_180_000])
        #expect(try t.doubles("按输入地分2024年").reduce(0, +) == 298_840_000)
        #expect(try t.column(named: "地区").type == .text)
    }
}

@Suite("Office layouts: rows as the XLSX reader gives them")
struct OfficeLayoutGridTests {
    @Test("a vertically merged 地区 filled down gives 地区, not 地区地区; a table at B3 is placed there")
    func filledDown() throws {
        let rows: [[String?]] = [
            [], [],
            [nil, "地区", "欠薪", nil, "备注"],
            [nil, "地区", "金额", "人数", "备注"],
            [nil, "北京", "1234.5", "12", nil],
            [nil, "上海", "十多万", "3", "x"],
        ]
        let t = try TableReader.table(fromRows: rows, source: TableSource(path: "s.xlsx", format: "xlsx", sheet: "S"))
        #expect(t.columnNames == ["地区", "欠薪金额", "欠薪人数", "备注"])
        #expect(t.columns.map(\.filePosition) == [2, 3, 4, 5])
        #expect(t.rowCount == 2)
        #expect(t.source?.layout?.headerRows == [3, 4])
        // The problem cell is at sheet row 6, column C.
        #expect(try t.column(named: "欠薪金额").problems.first?.location.description.hasPrefix("s.xlsx:6:3") == true)
    }
}
