import Foundation
import Testing
import LaborStatIngest
import LaborStatTable
@testable import LaborStatExport
import _LaborStatTestSupport

/// A table with every cell kind a workbook must keep typed: Chinese categories, integers (one
/// beyond 2⁵³), money with fen, a share, a date, a month, a quarter, a year, booleans, text that
/// looks like a formula, missing cells.
func workbookTable() throws -> Table {
    try Table(columns: [
        Column("地区", categories: ["陕西省", "四川省", nil, "新疆维吾尔自治区"]),
        Column("year", integers: [2019, 2020, 2021, 2022]),
        Column("n", integers: [3, -12, nil, 1_000_000]),
        Column("big_count", integers: [9_007_199_254_740_993, 1, 2, 3]),
        Column("amount", doubles: [1362233.44, 12345.67, nil, 0.5]),
        Column("share", doubles: [0.5933, 0.1894, 0.1843, nil]),
        Column("opened", dates: [CivilDate.days(year: 2013, month: 12, day: 9), nil, 0, CivilDate.days(year: 2024, month: 2, day: 29)]),
        Column("month", dates: [CivilDate.days(year: 2024, month: 3, day: 1), nil, nil, CivilDate.days(year: 2020, month: 12, day: 1)], precision: .month),
        Column("quarter", dates: [CivilDate.days(year: 2013, month: 10, day: 1), nil, nil, nil], precision: .quarter),
        Column("ok", booleans: [true, false, nil, true]),
        Column("note", strings: ["=SUM(A1:A9)", "a,b \"q\"", nil, "+1 (555)"]),
    ])
}

/// openpyxl's view of every cell: type name, value, number format; and the sheet's settings.
let openpyxlDump = """
import json, sys, datetime, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
out = {"sheets": []}
for ws in wb.worksheets:
    rows = []
    for row in ws.iter_rows():
        rows.append([[type(c.value).__name__, c.value.isoformat() if isinstance(c.value, datetime.datetime) else c.value, c.number_format, c.data_type, bool(c.font and c.font.b)] for c in row])
    widths = {k: v.width for k, v in ws.column_dimensions.items()}
    out["sheets"].append({"title": ws.title, "freeze": ws.freeze_panes, "filter": ws.auto_filter.ref, "rows": rows, "widths": widths})
print(json.dumps(out, ensure_ascii=False))
"""

struct Dumped: Decodable {
    struct Sheet: Decodable {
        var title: String
        var freeze: String?
        var filter: String?
        var rows: [[Cell]]
        var widths: [String: Double]
    }
    struct Cell: Decodable {
        var type: String
        var value: Value?
        var format: String
        var dataType: String
        var bold: Bool
        init(from decoder: any Decoder) throws {
            var c = try decoder.unkeyedContainer()
            type = try c.decode(String.self)
            value = try c.decode(Value?.self)
            format = try c.decode(String.self)
            dataType = try c.decode(String.self)
            bold = try c.decode(Bool.self)
        }
    }
    enum Value: Decodable, Equatable {
        case number(Double), text(String), bool(Bool)
        init(from decoder: any Decoder) throws {
            let c = try decoder.singleValueContainer()
            if let b = try? c.decode(Bool.self) { self = .bool(b); return }
            if let d = try? c.decode(Double.self) { self = .number(d); return }
            self = .text(try c.decode(String.self))
        }
    }
    var sheets: [Sheet]
}

func openpyxl(_ path: String) throws -> Dumped {
    let r = try runTool("python3", ["-c", openpyxlDump, path])
    #expect(r.status == 0, "openpyxl failed: \(r.stderr)")
    return try JSONDecoder().decode(Dumped.self, from: Data(r.stdout.utf8))
}

/// LibreOffice headless, with a private profile so parallel runs never share one.
func soffice(_ args: [String], in dir: URL) throws -> RunResult {
    try runTool("soffice", ["-env:UserInstallation=file://\(dir.path)/lo-profile", "--headless", "--norestore"] + args, cwd: dir)
}

@Suite("XLSX writer")
struct XLSXWriterTests {
    var options: WriteOptions {
        var o = WriteOptions()
        o.format = .xlsx
        o.sheetName = "分省汇总"
        o.percentColumns = ["share"]
        return o
    }

    @Test("LaborStat's own reader reads back the same values and types")
    func ownReader() throws {
        let dir = try temporaryFolder("xlsx")
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("book.xlsx").path
        try TableWriter.write(try workbookTable(), to: path, options: options)
        #expect(try XLSXReader.sheetNames(path: path) == ["分省汇总"])
        let back = try TableReader.read(path: path)
        let original = try workbookTable()
        #expect(back.columnNames == original.columnNames)
        let types: [ColumnType] = back.columns.map(\.type)
        // Four distinct names read as text (the reader makes categories of repeated values); the
        // id beyond 2^53, stored as text, reads back as the exact integer; a month is its first day.
        #expect(types == [.text, .integer, .integer, .integer, .decimal, .decimal, .date, .date, .date, .boolean, .text])
        for (a, b) in zip(original.columns, back.columns) {
            for r in 0..<4 {
                switch (a.value(at: r), b.value(at: r)) {
                case (.date(let x, _), .date(let y, _)): #expect(x == y, "\(a.name) row \(r)")
                default: #expect(a.string(at: r) == b.string(at: r), "\(a.name) row \(r)")
                }
            }
        }
        #expect(back.columns[3].value(at: 0) == .integer(9_007_199_254_740_993))
    }

    @Test("openpyxl: numbers as numbers with formats, text as shared strings (no formula), dates as dates, bold frozen header, autofilter, widths")
    func openpyxlTypes() throws {
        let dir = try temporaryFolder("xlsx")
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("book.xlsx").path
        try TableWriter.write(try workbookTable(), to: path, options: options)
        let book = try openpyxl(path)
        let sheet = try #require(book.sheets.first)
        #expect(sheet.title == "分省汇总")
        #expect(sheet.freeze == "B2")
        #expect(sheet.filter == "A1:K5")
        let header = sheet.rows[0]
        let allBold = header.allSatisfy { $0.bold }
        #expect(allBold)
        let names = try workbookTable().columnNames
        let headerTexts = header.map { if case .text(let s) = $0.value { s } else { "" } }
        #expect(headerTexts == names)
        let r1 = sheet.rows[1]
        #expect(r1[0].value == .text("陕西省") && r1[0].dataType == "s")
        #expect(r1[1].value == .number(2019) && r1[1].format == "0")
        #expect(r1[2].type == "int" && r1[2].format == "#,##0")
        #expect(r1[3].value == .text("9007199254740993"))
        #expect(r1[4].value == .number(1362233.44) && r1[4].format == "#,##0.00")
        #expect(r1[5].value == .number(0.5933) && r1[5].format == "0.0%")
        #expect(r1[6].type == "datetime" && r1[6].value == .text("2013-12-09T00:00:00") && r1[6].format == "yyyy-mm-dd")
        #expect(r1[7].type == "datetime" && r1[7].value == .text("2024-03-01T00:00:00") && r1[7].format == "yyyy-mm")
        #expect(r1[8].value == .text("2013Q4"))
        #expect(r1[9].value == .bool(true))
        #expect(r1[10].value == .text("=SUM(A1:A9)") && r1[10].dataType == "s")
        #expect(sheet.rows[3][2].value == nil)   // missing stays empty
        // Widths from the text: 新疆维吾尔自治区 is 8 CJK characters = 16, plus 2.
        #expect(sheet.widths["A"].map { abs($0 - 18.71) < 1 } == true)
    }

    @Test("LibreOffice headless opens it: re-saved values and types agree, formats are applied")
    func libreOffice() throws {
        let dir = try temporaryFolder("xlsx-lo")
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("book.xlsx").path
        try TableWriter.write(try workbookTable(), to: path, options: options)
        let out = dir.appendingPathComponent("lo")
        let conv = try soffice(["--convert-to", "xlsx", "--outdir", out.path, path], in: dir)
        #expect(conv.status == 0, "soffice: \(conv.stderr)")
        let mine = try openpyxl(path).sheets[0].rows
        let theirs = try openpyxl(out.appendingPathComponent("book.xlsx").path).sheets[0].rows
        #expect(mine.count == theirs.count)
        for (a, b) in zip(mine, theirs) {
            for (x, var y) in zip(a, b) {
                // LibreOffice saves a boolean as the formula =TRUE() with its cached value.
                if y.value == .text("=TRUE()") || y.value == .text("=FALSE()") { y.type = "bool"; y.value = .bool(y.value == .text("=TRUE()")) }
                #expect(x.type == y.type && x.value == y.value, "\(x.value.map { "\($0)" } ?? "nil") vs \(y.value.map { "\($0)" } ?? "nil")")
            }
        }
        // As shown: thousands separators, fen, percent, ISO dates.
        let csv = try soffice(["--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true", "--outdir", out.path, path], in: dir)
        #expect(csv.status == 0)
        let shown = try String(contentsOf: out.appendingPathComponent("book.csv"), encoding: .utf8)
        let first = shown.split(separator: "\n")[1]
        #expect(first.hasPrefix("陕西省,2019,3,9007199254740993,\"1,362,233.44\",59.3%,2013-12-09,2024-03,2013Q4,TRUE,=SUM(A1:A9)"), "\(first)")
    }

    @Test("sheet names are validated and made unique")
    func sheetNames() throws {
        for bad in ["", String(repeating: "省", count: 32), "a/b", "x[1]", "what?", "'q", "History"] {
            #expect(throws: ExportError.self) { try WorkbookSheet.validate(name: bad) }
        }
        try WorkbookSheet.validate(name: String(repeating: "省", count: 31))
        #expect(WorkbookSheet.uniqueName("汇总", taken: ["汇总", "汇总 (2)"]) == "汇总 (3)")
        #expect(WorkbookSheet.uniqueName("a/b", taken: []) == "a_b")
        var book = XLSXWorkbook()
        try book.add(try WorkbookSheet(name: "A", table: try workbookTable()))
        #expect(throws: ExportError.self) { try book.add(try WorkbookSheet(name: "a", table: try workbookTable())) }
    }

    @Test("a 统计表 layout: title, unit line, header, data, notes; re-read exactly when appended to")
    func layoutAndExisting() throws {
        let dir = try temporaryFolder("xlsx")
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("report.xlsx").path
        var book = XLSXWorkbook()
        var o = options
        o.decimals = 1
        try book.add(try WorkbookSheet(name: "表1", table: try workbookTable(), options: o,
                                   layout: XLSXLayout(title: "表1 分地区情况", unit: "单位：元", notes: ["资料来源：测试"])))
        try book.write(to: path)
        var again = try XLSXWorkbook.existing(path: path)
        #expect(again.sheetNames == ["表1"])
        try again.add(try WorkbookSheet(name: "表2", table: try workbookTable()))
        try again.write(to: path)
        let dumped = try openpyxl(path)
        #expect(dumped.sheets.map(\.title) == ["表1", "表2"])
        let s = dumped.sheets[0]
        #expect(s.rows[0][0].value == .text("表1 分地区情况") && s.rows[0][0].bold)
        #expect(s.rows[1][10].value == .text("单位：元"))
        #expect(s.rows[2][0].value == .text("地区"))
        #expect(s.freeze == "B4")
        #expect(s.rows[3][4].value == .number(1362233.44) && s.rows[3][4].format == "#,##0.0")
        #expect(s.rows[7][0].value == .text("资料来源：测试"))
        let first = try XLSXWorkbook.existing(path: path).sheets[0]
        #expect(first.formats == book.sheets[0].formats)
        for (a, b) in zip(first.table.columns, try workbookTable().columns) {
            for r in 0..<4 { #expect(a.value(at: r) == b.value(at: r)) }
        }
    }
}

@Suite("XLSX from the command line")
struct XLSXCLITests {
    let data = repositoryRoot().appendingPathComponent("Datasets")

    @Test("-o FILE.xlsx and --append: one workbook, a sheet per command; other workbooks are refused")
    func appendSheets() throws {
        let dir = try temporaryFolder("xlsx-cli")
        defer { try? FileManager.default.removeItem(at: dir) }
        let book = dir.appendingPathComponent("book.xlsx").path
        let register = data.appendingPathComponent("arrears_register.csv").path
        var r = try runLaborstat(["compare", register, "--region", "省份", "--level", "region4", "--agg", "count", "-o", book, "--sheet-name", "四大地区"])
        #expect(r.status == 0, "\(r.stderr)")
        r = try runLaborstat(["aggregate", register, "--by", "省份", "--count", "--sum", "欠薪金额（元）", "--append", book])
        #expect(r.status == 0, "\(r.stderr)")
        r = try runLaborstat(["aggregate", register, "--by", "省份", "--count", "--append", book, "--sheet-name", "四大地区"])
        #expect(r.status == 64 && r.stderr.contains("already has a sheet"))
        let dumped = try openpyxl(book)
        #expect(dumped.sheets.map(\.title) == ["四大地区", "Sheet2"])
        #expect(dumped.sheets[0].rows[1][2].value == .number(26107))
        #expect(dumped.sheets[1].rows.count == 32)
        // Same numbers as the CSV output of the same command.
        let csv = try runLaborstat(["aggregate", register, "--by", "省份", "--count", "--sum", "欠薪金额（元）"])
        let line = csv.stdout.split(separator: "\n")[1].split(separator: ",")
        #expect(dumped.sheets[1].rows[1][0].value == .text(String(line[0])))
        #expect(dumped.sheets[1].rows[1][2].value == .number(Double(line[2])!))

        // A workbook LaborStat did not write would lose its formats: refused, left as it was.
        let foreign = dir.appendingPathComponent("foreign.xlsx")
        try FileManager.default.copyItem(at: data.appendingPathComponent("national_migrant_workers.xlsx"), to: foreign)
        let before = try Data(contentsOf: foreign)
        r = try runLaborstat(["convert", register, "--where", "涉及人数 > 800", "--append", foreign.path])
        #expect(r.status == 65 && r.stderr.contains("not a workbook LaborStat wrote"))
        #expect(try Data(contentsOf: foreign) == before)
    }

    @Test("an extension no writer honours, or one that disagrees with --format, is a usage error", arguments: [
        ["-o", "t.xls"], ["-o", "t.ods"], ["-o", "t.png"], ["-o", "t.csv", "--format", "xlsx"], ["-o", "t.xlsx", "--format", "csv"],
        ["--sheet-name", "a:b", "-o", "t.xlsx"], ["--sheet-name", "x", "-o", "t.csv"], ["--append", "t.csv"],
    ])
    func badOutputs(_ args: [String]) throws {
        let dir = try temporaryFolder("xlsx-cli")
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try runLaborstat(["convert", data.appendingPathComponent("national_migrant_workers.csv").path] + args, cwd: dir)
        #expect(r.status == 64, "\(args): \(r.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
    }

    @Test("--format xlsx to a pipe writes a workbook")
    func xlsxToPipe() throws {
        let r = try runLaborstat(["convert", data.appendingPathComponent("national_migrant_workers.csv").path, "--format", "xlsx"])
        #expect(r.status == 0)
        #expect(r.stdout.utf8.prefix(2).elementsEqual([0x50, 0x4B]))   // PK: a zip archive
    }
}
