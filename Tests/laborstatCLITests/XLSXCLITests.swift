import Foundation
import Testing
import _LaborStatTestSupport

/// The CLI on workbooks of `Tests/LaborStatIngestTests/Fixtures/xlsx-real/` (see its README):
/// default sheet, `--sheet`, `inspect --sheets`, error-value notes, refusals and standard input.
@Suite("laborstat on .xlsx workbooks")
struct XLSXCLITests {
    static func book(_ name: String) -> String {
        repositoryRoot().appendingPathComponent("Tests/LaborStatIngestTests/Fixtures/xlsx-real/\(name)").path
    }

    @Test("without --sheet the active sheet is read; --sheet takes hidden sheets by number or name")
    func defaultSheet() throws {
        let r = try runLaborstat(["convert", Self.book("sheets-openpyxl.xlsx")])
        #expect(r.status == 0)
        #expect(r.stdout == "省份,金额\n四川省,300.5\n陕西省,400\n")
        let hidden = try runLaborstat(["convert", Self.book("sheets-openpyxl.xlsx"), "--sheet", "1", "--no-header"])
        #expect(hidden.stdout == "#1\n本工作簿为测试用\n")
        let veryHidden = try runLaborstat(["convert", Self.book("sheets-openpyxl.xlsx"), "--sheet", "内部"])
        #expect(veryHidden.stdout == "口径\n内部\n")
    }

    @Test("an unknown sheet: exit 66 with the sheets listed, hidden ones marked")
    func unknownSheet() throws {
        let r = try runLaborstat(["inspect", Self.book("sheets-openpyxl.xlsx"), "--sheet", "2025"])
        #expect(r.status == 66)
        #expect(r.stderr.contains("no sheet \"2025\"; the sheets are: 1. 说明 (hidden), 2. 数据, 3. 内部 (veryHidden), 4. 2024 (give --sheet a name or a number)"), "\(r.stderr)")
    }

    @Test("inspect --sheets: table, CSV and JSON")
    func inspectSheets() throws {
        let csv = try runLaborstat(["inspect", Self.book("sheets-openpyxl.xlsx"), "--sheets", "--format", "csv"])
        #expect(csv.status == 0)
        #expect(csv.stdout == """
        sheet,name,visibility,active,kind,used_range
        1,说明,hidden,false,worksheet,A1
        2,数据,visible,false,worksheet,A1:B3
        3,内部,veryHidden,false,worksheet,A1:A2
        4,2024,visible,true,worksheet,A1:B3

        """)
        let json = try runLaborstat(["inspect", Self.book("start-b3-openpyxl.xlsx"), "--sheets", "--format", "json"])
        #expect(json.status == 0)
        #expect(json.stdout.contains("{\"sheet\": 1, \"name\": \"表\", \"visibility\": \"visible\", \"active\": true, \"kind\": \"worksheet\", \"used_range\": \"B3:D5\"}"), "\(json.stdout)")
        let table = try runLaborstat(["inspect", Self.book("hidden-first-xlsxwriter.xlsx"), "--sheets"])
        #expect(table.status == 0 && table.stdout.contains("隐藏") && table.stdout.contains("hidden"))
        let notBook = try runLaborstat(["inspect", repositoryRoot().appendingPathComponent("Datasets/arrears_register.csv").path, "--sheets"])
        #expect(notBook.status == 64)
    }

    @Test("error values: missing, one note naming the cells, the column stays numeric, exit 0")
    func errorNote() throws {
        let r = try runLaborstat(["aggregate", Self.book("errors-xlsxwriter.xlsx"), "--sum", "人均", "--count"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr == "laborstat: note: 7 cells of sheet \"Sheet1\" hold an Excel error value, read as missing: Sheet1!C3 (#DIV/0!), Sheet1!C5 (#N/A), Sheet1!C6 (#VALUE!), Sheet1!C7 (#REF!), Sheet1!C8 (#NAME?), Sheet1!C9 (#NUM!), Sheet1!C10 (#NULL!)\n")
        #expect(r.stdout == "count,sum_人均\n10,475\n", "\(r.stdout)")
    }

    @Test("a DOCTYPE is refused with exit 65, located at the part")
    func doctype() throws {
        let r = try runLaborstat(["inspect", Self.book("doctype.xlsx")])
        #expect(r.status == 65)
        #expect(r.stderr.hasPrefix("laborstat: \(Self.book("doctype.xlsx"))[xl/sharedStrings.xml]:1:39: xl/sharedStrings.xml declares a DOCTYPE"), "\(r.stderr)")
    }

    @Test("a row past Excel's last row is refused with exit 65 and its place")
    func farRow() throws {
        let r = try runLaborstat(["inspect", Self.book("far-row.xlsx")])
        #expect(r.status == 65)
        #expect(r.stderr.hasPrefix("laborstat: \(Self.book("far-row.xlsx")):9999999:1: row number \"9999999\" in sheet \"Sheet1\" is outside a worksheet"), "\(r.stderr)")
    }

    @Test("an .xlsx on standard input is read as a workbook (inspect, convert, inspect --sheets)")
    func standardInput() throws {
        let bytes = try Data(contentsOf: URL(fileURLWithPath: Self.book("merged-xlsxwriter.xlsx")))
        let r = try runLaborstat(["convert", "-", "--no-header"], stdin: bytes)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == """
        #1,#2,#3,#4
        2024年欠薪统计表,,,
        地区,省份,欠薪,
        ,,金额,人数
        东部,广东省,1200.5,30
        东部,浙江省,800,12
        西部,四川省,650.25,9
        西部,陕西省,300,4

        """, "\(r.stdout)")
        let inspect = try runLaborstat(["inspect", "-", "--format", "csv"], stdin: try Data(contentsOf: URL(fileURLWithPath: Self.book("start-b3-openpyxl.xlsx"))))
        #expect(inspect.status == 0, "\(inspect.stderr)")
        #expect(inspect.stdout.hasPrefix("column,type,unit,non_missing,missing,distinct,min,max,example\n省份,text,"), "\(inspect.stdout)")
        let sheets = try runLaborstat(["inspect", "-", "--sheets", "--format", "csv"], stdin: try Data(contentsOf: URL(fileURLWithPath: Self.book("sheets-openpyxl.xlsx"))))
        #expect(sheets.stdout.hasSuffix("4,2024,visible,true,worksheet,A1:B3\n"))
    }
}
