import Foundation
import Testing
import LaborStatTable
@testable import LaborStatIngest
import _LaborStatTestSupport

/// Fixtures made by `Fixtures/xlsx/make_xlsx.py` (openpyxl 3.1.5 and XlsxWriter 3.3.1); each
/// `.expected.json` is every cell as openpyxl reads it back, an independent reader.
func xlsxFixture(_ name: String) -> String {
    repositoryRoot().appendingPathComponent("Tests/LaborStatIngestTests/Fixtures/xlsx/\(name)").path
}

@Suite("XLSX reader")
struct XLSXTests {
    @Test("openpyxl workbook: inline strings, absolute rels, rich text, gaps, far-right cell, Chinese sheet name")
    func openpyxlFirstSheet() throws {
        let (rows, name) = try XLSXReader.rows(path: xlsxFixture("openpyxl.xlsx"), sheet: nil)
        #expect(name == "欠薪汇总")
        let empty = [String?](repeating: nil, count: 12)
        func row(_ cells: String?...) -> [String?] { cells + [String?](repeating: nil, count: 12 - cells.count) }
        #expect(rows.count == 9)
        #expect(rows.allSatisfy { $0.count == 12 })
        #expect(rows[0] == row("省份", "金额", "日期", "是否", "备注"))
        #expect(rows[1] == row("陕西省", "12345.67", "2024-03-15", "true", "多行\n文本"))
        #expect(rows[2] == row("四川省", "-42.5", "2024-02-29 14:30", "false", "  前后空格 "))
        #expect(rows[3] == empty, "row 4 is a gap")
        #expect(rows[4] == row("广东省", "0.3", "2013-12-09", nil, "加粗普通"))
        #expect(rows[5] == row(nil, "0.0000001"))
        #expect(rows[6] == empty && rows[7] == empty)
        #expect(rows[8][11] == "最右")
    }

    @Test("XlsxWriter workbook: shared strings, cached formulas, built-in and zh-CN date ids, serial 60")
    func xlsxwriterSheet() throws {
        let (rows, name) = try XLSXReader.rows(path: xlsxFixture("xlsxwriter.xlsx"), sheet: "数据")
        #expect(name == "数据")
        #expect(rows.count == 7 && rows.allSatisfy { $0.count == 9 })
        #expect(rows[0].prefix(7) == ["名称", "数值", "日期", "公式", "文本公式", "错误", "格式"])
        #expect(rows[1].prefix(7) == ["张三", "148148.04", "2024-03-15", "296296.08", "张三x", nil, "0.125"], "F2 holds #DIV/0!: an error value is missing")
        #expect(rows[2].prefix(7) == ["红色文字", "0.30000000000000004", "2024-02-29 14:30", "true", "false", nil, "7"])
        #expect(rows[3].prefix(7) == ["  前后空格 ", "-0.0000001", "2013-12-09", "12:00", nil, nil, "-3.5"])
        #expect(rows[4].prefix(5) == [nil, "1900-01-01", "1900-02-28", "1900-02-29", "1900-03-01"])
        #expect(rows[5].prefix(5) == [nil, nil, "2024-03-15 08:05:30", "2024-03-01", "18:00"])
        #expect(rows[6][1] == "12345678901234567000" || rows[6][1] == "1.234567890123457e+19")
        #expect(rows[6][8] == "远处")
    }

    /// Cells where openpyxl, the reference, is wrong or less informative, with the reason.
    static let knownDifferences: [String: (ours: String, why: String)] = [
        "xlsxwriter.xlsx/数据!C4": ("2013-12-09", "zh-CN built-in format 31 (yyyy\"年\"m\"月\"d\"日\") is a date; openpyxl does not know the zh-CN ids"),
        "xlsxwriter.xlsx/数据!D4": ("12:00", "zh-CN built-in format 32 (h\"时\"mm\"分\") is a time"),
        "xlsxwriter.xlsx/数据!D5": ("1900-02-29", "serial 60 is Excel's nonexistent 1900-02-29; openpyxl shows 1900-02-28, hiding the bug"),
        "date1904.xlsx/Sheet1!A3": ("1904-01-01", "serial 0 in the 1904 system is 1904-01-01; openpyxl reads it as a time of day"),
    ]

    @Test("every cell agrees with openpyxl's reading (an independent reader), except documented differences",
          arguments: ["openpyxl.xlsx", "xlsxwriter.xlsx", "date1904.xlsx"])
    func agreesWithOpenpyxl(file: String) throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: xlsxFixture(file.replacingOccurrences(of: ".xlsx", with: ".expected.json"))))
        let expected = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let sheets = try #require(expected["sheets"] as? [String])
        #expect(try XLSXReader.sheetNames(path: xlsxFixture(file)) == sheets)
        let cells = try #require(expected["cells"] as? [String: [String: [String: Any]]])
        var compared = 0
        for sheet in sheets where !(file == "openpyxl.xlsx" && sheet == "说明") {
            let (rows, _) = try XLSXReader.rows(path: xlsxFixture(file), sheet: sheet)
            let errors = try XLSXReader.sheet(path: xlsxFixture(file), sheet: sheet).errorCells
            var seen = 0
            for row in rows { seen += row.compactMap { $0 }.count }
            #expect(seen + errors.count == cells[sheet]?.count, "\(file)/\(sheet): as many filled cells as openpyxl sees (error values are missing)")
            for (ref, value) in cells[sheet] ?? [:] {
                let (r, c) = try #require(SheetParser.cellReference(ref))
                if let s = value["s"] as? String, XLSXErrorCell.codes.contains(s) {
                    // openpyxl shows an error value as its text; here it is a missing cell, listed.
                    #expect(rows[r!][c] == nil && errors.contains(XLSXErrorCell(row: r!, column: c, value: s)), "\(ref)")
                    continue
                }
                let ours = try #require(rows[r!][c], "\(file)/\(sheet)!\(ref) is missing")
                if let known = Self.knownDifferences["\(file)/\(sheet)!\(ref)"] {
                    #expect(ours == known.ours, "\(known.why)")
                    continue
                }
                compared += 1
                if let s = value["s"] as? String {
                    #expect(ours == s, "\(ref)")
                } else if let n = value["n"] as? Double {
                    #expect(isClose(try #require(Double(ours), "\(ref): \(ours)"), n, rel: 1e-15), "\(ref): \(ours) vs \(n)")
                } else if let b = value["b"] as? Bool {
                    #expect(ours == (b ? "true" : "false"), "\(ref)")
                } else if var d = value["d"] as? String {
                    if d.hasSuffix(" 00:00:00") { d.removeLast(9) } else if d.hasSuffix(":00") { d.removeLast(3) }
                    #expect(ours == d, "\(ref)")
                } else if var t = value["t"] as? String {
                    if t.hasSuffix(":00") { t.removeLast(3) }
                    #expect(ours == t, "\(ref)")
                } else {
                    Issue.record("\(ref): unexpected reference value \(value)")
                }
            }
        }
        #expect(compared >= 10 || file == "date1904.xlsx")
    }

    @Test("the project's real workbook (Datasets/, written by XlsxWriter) matches its CSV twin cell by cell")
    func datasetWorkbook() throws {
        let root = repositoryRoot().appendingPathComponent("Datasets")
        let (rows, name) = try XLSXReader.rows(path: root.appendingPathComponent("national_migrant_workers.xlsx").path, sheet: nil)
        #expect(name == "全国农民工")
        let csv = try String(contentsOf: root.appendingPathComponent("national_migrant_workers.csv"), encoding: .utf8)
        let lines = csv.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        #expect(rows.count == lines.count)
        for (r, line) in lines.enumerated() where r < rows.count {
            #expect(rows[r].count == line.count)
            for (c, field) in line.enumerated() where c < rows[r].count {
                let ours = rows[r][c]
                if field.isEmpty { #expect(ours == nil, "row \(r + 1) column \(c + 1)"); continue }
                if let x = Double(field) {
                    #expect(ours.flatMap(Double.init).map { isClose($0, x, rel: 1e-15) } == true, "row \(r + 1) column \(c + 1): \(ours ?? "nil") vs \(field)")
                } else {
                    #expect(ours == field, "row \(r + 1) column \(c + 1)")
                }
            }
        }
        #expect(try XLSXReader.sheetNames(path: root.appendingPathComponent("national_migrant_workers.xlsx").path) == ["全国农民工", "说明"])
    }

    @Test("raw parts as other producers write them: x: prefixes, no r, t=\"d\", _x000D_, phonetic runs, shared formulas, no styles")
    func handmade() throws {
        let (rows, name) = try XLSXReader.rows(path: xlsxFixture("handmade.xlsx"), sheet: nil)
        #expect(name == "手工")
        #expect(rows == [
            ["第一行\r\n第二行", "東京", " 空格 ", nil],
            ["2024-03-15", "2024-02-29 14:30", nil, nil],   // C2 is #N/A: an error value is missing
            [nil, nil, nil, nil],
            [nil, nil, nil, nil],
            [nil, "4", nil, "6.5"],
        ])
    }

    @Test("1904 date system")
    func date1904() throws {
        let (rows, _) = try XLSXReader.rows(path: xlsxFixture("date1904.xlsx"), sheet: nil)
        #expect(rows.map { $0[0] } == ["date", "2024-03-15", "1904-01-01", "1900-01-01", "2024-02-29 14:30"])
    }

    @Test("a formula without a saved result is a located error, never 0 or missing")
    func formulaWithoutValue() throws {
        let error = #expect(throws: IngestError.self) { try XLSXReader.rows(path: xlsxFixture("openpyxl.xlsx"), sheet: "说明") }
        guard case .malformed(let loc, let message, let hint)? = error else { Issue.record("wrong error \(String(describing: error))"); return }
        #expect(loc.line == 2 && loc.column == 1)
        #expect(message.contains("A2") && message.contains("=SUM(1,2)") && message.contains("说明"))
        #expect(hint?.contains("save") == true)
        #expect(error?.kind.exitCode == 65)
    }

    @Test("sheets by name (also full-width/case-insensitive) or 1-based number; unknown sheets are listed")
    func sheetSelection() throws {
        let path = xlsxFixture("xlsxwriter.xlsx")
        #expect(try XLSXReader.rows(path: path, sheet: "2").sheetName == "第二页")
        #expect(try XLSXReader.rows(path: path, sheet: "第二页").rows == [["a", "b"], ["1", "2"]])
        #expect(try XLSXReader.rows(path: path, sheet: "1").sheetName == "数据")
        let error = #expect(throws: IngestError.self) { try XLSXReader.rows(path: path, sheet: "第三页") }
        #expect(error?.description.contains("1. 数据, 2. 第二页") == true)
        #expect(throws: IngestError.self) { try XLSXReader.rows(path: path, sheet: "3") }
    }

    @Test("a decompression bomb is refused with a clear error; a raised limit reads it")
    func bomb() throws {
        let error = #expect(throws: IngestError.self) { try XLSXReader.rows(path: xlsxFixture("bomb.xlsx"), sheet: nil) }
        #expect(error?.description.contains("decompression bomb") == true)
        #expect(error?.kind.exitCode == 65)
        var limits = XLSXLimits()
        limits.maxRatio = 10_000
        #expect(try XLSXReader.rows(path: xlsxFixture("bomb.xlsx"), sheet: nil, limits: limits).rows == [["x"]])
        limits.maxEntryBytes = 1 << 20
        let tooBig = #expect(throws: IngestError.self) { try XLSXReader.rows(path: xlsxFixture("bomb.xlsx"), sheet: nil, limits: limits) }
        #expect(tooBig?.description.contains("more than 1 MiB") == true)
    }

    @Test("a bomb whose ZIP headers understate its size is caught while unpacking")
    func lyingBomb() throws {
        let error = #expect(throws: IngestError.self) { try XLSXReader.rows(path: xlsxFixture("bomb-lying.xlsx"), sheet: nil) }
        #expect(error?.description.contains("decompression bomb") == true, "\(error?.description ?? "")")
        #expect(error?.description.contains("header says 1000 bytes") == true)
    }

    @Test("the cell cap counts the filled rectangle")
    func cellCap() throws {
        var limits = XLSXLimits()
        limits.maxCells = 100   // the sheet is 9 rows × 12 columns = 108
        let error = #expect(throws: IngestError.self) { try XLSXReader.rows(path: xlsxFixture("openpyxl.xlsx"), sheet: nil, limits: limits) }
        #expect(error?.description.contains("more than 100 cells") == true)
        limits.maxCells = 108
        #expect(try XLSXReader.rows(path: xlsxFixture("openpyxl.xlsx"), sheet: nil, limits: limits).rows.count == 9)
    }

    @Test("missing file → cannotOpen (66); not a ZIP → malformed (65)")
    func badFiles() throws {
        let missing = #expect(throws: IngestError.self) { try XLSXReader.rows(path: "/nonexistent/x.xlsx", sheet: nil) }
        #expect(missing?.kind.exitCode == 66)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("lsx-\(getpid())-notzip.xlsx").path
        try "省份,金额\n陕西,1\n".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let notZip = #expect(throws: IngestError.self) { try XLSXReader.rows(path: path, sheet: nil) }
        #expect(notZip?.kind.exitCode == 65)
        #expect(notZip?.description.contains("not a ZIP") == true)
    }

    @Test("number format codes: dates, times, numbers", arguments: [
        ("yyyy-mm-dd", NumberFormatKind.date), ("yyyy\"年\"m\"月\"d\"日\"", .date), ("[$-804]yyyy\"年\"m\"月\"", .date),
        ("m/d/yy h:mm", .date), ("mmm", .date), ("d-mmm", .date), ("h:mm", .time), ("h:mm AM/PM", .time),
        ("[h]:mm:ss", .time), ("[mm]:ss", .time), ("mm:ss.0", .time), ("h\"时\"mm\"分\"", .time),
        ("General", .number), ("0.00%", .number), ("\"y\"0.0", .number), ("[Red]0.00;[Blue]-0.00", .number),
        ("0.00E+00", .number), ("#,##0.00_);[Red](#,##0.00)", .number), ("@", .number), ("\\d0", .number),
        ("_(* #,##0_)", .number), ("0\"天\"", .number),
    ] as [(String, NumberFormatKind)])
    func formatCodes(code: String, kind: NumberFormatKind) {
        #expect(NumberFormatKind.classify(code) == kind, "\(code)")
    }

    @Test("built-in format ids, including zh-CN")
    func builtInIDs() {
        for id in [14, 15, 16, 17, 22, 27, 28, 29, 30, 31, 36, 50, 51, 52, 53, 54, 57, 58] { #expect(NumberFormatKind.builtIn(id) == .date, "\(id)") }
        for id in [18, 19, 20, 21, 32, 33, 34, 35, 45, 46, 47, 55, 56] { #expect(NumberFormatKind.builtIn(id) == .time, "\(id)") }
        for id in [0, 1, 2, 9, 10, 11, 12, 13, 37, 44, 48, 49] { #expect(NumberFormatKind.builtIn(id) == .number, "\(id)") }
    }

    @Test("Excel serials → ISO text (1900 leap-year bug, 1904 system, time carry)", arguments: [
        (1.0, false, "1900-01-01"), (59, false, "1900-02-28"), (60, false, "1900-02-29"), (61, false, "1900-03-01"),
        (45366, false, "2024-03-15"), (45351.604166666664, false, "2024-02-29 14:30"), (45366.33715277778, false, "2024-03-15 08:05:30"),
        (45366.999999999, false, "2024-03-16"), (25569, false, "1970-01-01"), (2_958_465, false, "9999-12-31"),
        (0, true, "1904-01-01"), (-1460, true, "1900-01-01"), (43904, true, "2024-03-15"),
    ] as [(Double, Bool, String)])
    func serials(serial: Double, date1904: Bool, text: String) {
        #expect(ExcelDate.text(serial: serial, date1904: date1904) == text)
    }

    @Test("serials Excel cannot show as dates stay numbers")
    func notDates() {
        #expect(ExcelDate.text(serial: -1, date1904: false) == nil)
        #expect(ExcelDate.text(serial: 3_000_000, date1904: false) == nil)
        #expect(ExcelDate.text(serial: .nan, date1904: true) == nil)
    }

    @Test("fast number text equals NumberText.shortest")
    func shortest() {
        var state: UInt64 = 12345
        var values: [Double] = [0, -0.0, 0.1 + 0.2, 1e-7, 1e15, 1e16, 123456789012345.6, .nan, .infinity, 5e-324]
        for _ in 0..<20_000 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            values.append(Double(bitPattern: state))
            values.append(Double(Int64(bitPattern: state >> 20)) / 100)
        }
        for x in values { #expect(SheetParser.shortest(x) == NumberText.shortest(x), "\(x.bitPattern)") }
    }

    @Test("cell references")
    func references() {
        #expect(SheetParser.cellReference("A1")! == (0, 0))
        #expect(SheetParser.cellReference("AB12")! == (11, 27))
        #expect(SheetParser.cellReference("XFD1048576")! == (1_048_575, 16_383))
        #expect(SheetParser.cellReference("$B$2")! == (1, 1))
        #expect(SheetParser.cellReference("A0") == nil)
        #expect(SheetParser.cellReference("1A") == nil)
        #expect(SheetParser.cellReference("XFE1") == nil)
        #expect(SheetParser.columnName(0) == "A" && SheetParser.columnName(27) == "AB" && SheetParser.columnName(16_383) == "XFD")
    }

    @Test("relationship targets: absolute, relative, with ..")
    func targets() {
        #expect(resolvePart("/xl/worksheets/sheet1.xml", in: "xl/") == "xl/worksheets/sheet1.xml")
        #expect(resolvePart("worksheets/sheet1.xml", in: "xl/") == "xl/worksheets/sheet1.xml")
        #expect(resolvePart("../xl/./styles.xml", in: "xl/") == "xl/styles.xml")
        #expect(decodeOOXMLEscapes("a_x000D_b_x0009_c_xZZZZ_") == "a\rb\tc_xZZZZ_")
    }
}
