import Foundation
import Testing
import LaborStatTable
@testable import LaborStatIngest

/// Workbooks of `Fixtures/xlsx-real/`, made by `make.py` there with openpyxl, XlsxWriter and
/// LibreOffice (versions in its README), plus two hand-built hostile files.
func realWorkbook(_ name: String) -> String { fixture("xlsx-real/\(name)") }

@Suite("XLSX workbooks as real producers write them")
struct XLSXRealWorkbookTests {
    // MARK: Sheets

    @Test("openpyxl: hidden first sheet, veryHidden sheet, active tab 4 → sheet 4 is read by default")
    func activeSheet() throws {
        let infos = try XLSXReader.sheets(path: realWorkbook("sheets-openpyxl.xlsx"), usedRanges: true)
        #expect(infos.map(\.name) == ["说明", "数据", "内部", "2024"])
        #expect(infos.map(\.visibility) == [.hidden, .visible, .veryHidden, .visible])
        #expect(infos.map(\.isActive) == [false, false, false, true])
        #expect(infos.map { $0.usedRange?.description } == ["A1", "A1:B3", "A1:A2", "A1:B3"])
        let sheet = try XLSXReader.sheet(path: realWorkbook("sheets-openpyxl.xlsx"), sheet: nil)
        #expect(sheet.name == "2024")
        #expect(sheet.rows == [["省份", "金额"], ["四川省", "300.5"], ["陕西省", "400"]])
    }

    @Test("--sheet reaches hidden and veryHidden sheets by name or number")
    func hiddenByChoice() throws {
        let path = realWorkbook("sheets-openpyxl.xlsx")
        #expect(try XLSXReader.sheet(path: path, sheet: "1").rows == [["本工作簿为测试用"]])
        #expect(try XLSXReader.sheet(path: path, sheet: "内部").rows == [["口径"], ["内部"]])
        #expect(try XLSXReader.sheet(path: path, sheet: "3").name == "内部")
    }

    @Test("an unknown sheet lists the sheets with hidden ones marked")
    func listing() throws {
        let error = #expect(throws: IngestError.self) { try XLSXReader.sheet(path: realWorkbook("sheets-openpyxl.xlsx"), sheet: "9") }
        #expect(error?.description.contains("the sheets are: 1. 说明 (hidden), 2. 数据, 3. 内部 (veryHidden), 4. 2024 (give --sheet a name or a number)") == true,
                "\(error?.description ?? "")")
        #expect(error?.kind.exitCode == 66)
    }

    @Test("XlsxWriter: hidden first sheet, the visible one active")
    func hiddenFirstXlsxWriter() throws {
        let infos = try XLSXReader.sheets(path: realWorkbook("hidden-first-xlsxwriter.xlsx"))
        #expect(infos.map(\.visibility) == [.hidden, .visible])
        #expect(infos.map(\.isActive) == [false, true])
        #expect(try XLSXReader.sheet(path: realWorkbook("hidden-first-xlsxwriter.xlsx"), sheet: nil).rows == [["省份", "人数"], ["广东省", "12"]])
    }

    @Test("LibreOffice 7.4 keeps the hidden sheets and the active tab (it saves veryHidden as hidden)")
    func libreOfficeSheets() throws {
        let infos = try XLSXReader.sheets(path: realWorkbook("lo-sheets.xlsx"))
        #expect(infos.map(\.visibility) == [.hidden, .visible, .hidden, .visible])
        #expect(infos.map(\.isActive) == [false, false, false, true])
        #expect(try XLSXReader.sheet(path: realWorkbook("lo-sheets.xlsx"), sheet: nil).name == "2024")
    }

    // MARK: Merged ranges

    @Test("merged title and header keep the value top-left; a key merged down is filled down",
          arguments: ["merged-xlsxwriter.xlsx", "lo-merged.xlsx"])
    func merged(file: String) throws {
        let sheet = try XLSXReader.sheet(path: realWorkbook(file), sheet: nil)
        #expect(Set(sheet.merges.map(\.description)) == ["A1:D1", "C2:D2", "A4:A5", "A6:A7"])
        #expect(sheet.rowNumbers == [1, 2, 3, 4, 5, 6, 7])
        #expect(sheet.rows[0].compactMap { $0 } == ["2024年欠薪统计表"] && sheet.rows[0].first == "2024年欠薪统计表")
        #expect(sheet.rows[1] == ["地区", "省份", "欠薪"] || sheet.rows[1] == ["地区", "省份", "欠薪", nil])
        #expect(sheet.rows[2] == [nil, nil, "金额", "人数"])
        #expect(sheet.rows[3] == ["东部", "广东省", "1200.5", "30"])
        #expect(sheet.rows[4] == ["东部", "浙江省", "800", "12"])
        #expect(sheet.rows[5] == ["西部", "四川省", "650.25", "9"])
        #expect(sheet.rows[6] == ["西部", "陕西省", "300", "4"])
    }

    // MARK: Error values

    @Test("XlsxWriter: every error code in a numeric column is missing, listed in one note; the column stays numeric")
    func errors() throws {
        let sheet = try XLSXReader.sheet(path: realWorkbook("errors-xlsxwriter.xlsx"), sheet: nil)
        #expect(sheet.errorCells.map(\.reference) == ["C3", "C5", "C6", "C7", "C8", "C9", "C10"])
        #expect(sheet.notes == ["7 cells of sheet \"Sheet1\" hold an Excel error value, read as missing: Sheet1!C3 (#DIV/0!), Sheet1!C5 (#N/A), Sheet1!C6 (#VALUE!), Sheet1!C7 (#REF!), Sheet1!C8 (#NAME?), Sheet1!C9 (#NUM!), Sheet1!C10 (#NULL!)"])
        let table = try TableReader.read(path: realWorkbook("errors-xlsxwriter.xlsx"))
        let column = try table.column(named: "人均")
        #expect(column.type == .integer || column.type == .decimal, "\(column.type)")
        #expect(column.problems.isEmpty)
        #expect(try column.doubles().map { $0.isNaN ? nil : $0 } == [100, nil, 250, nil, nil, nil, nil, nil, nil, 125])
        #expect(table.notes == sheet.notes)
    }

    @Test("LibreOffice: formulas it evaluated from CSV cache errors as t=\"e\"; the sheet name is quoted in references")
    func libreOfficeErrors() throws {
        let table = try TableReader.read(path: realWorkbook("lo-errors.xlsx"))
        #expect(try table.column(named: "人均").doubles().map { $0.isNaN ? nil : $0 } == [100, nil, 250, nil, 125])
        #expect(table.notes == ["2 cells of sheet \"lo-errors\" hold an Excel error value, read as missing: 'lo-errors'!C3 (#DIV/0!), 'lo-errors'!C5 (#N/A)"])
    }

    @Test("more than 20 error cells: the note names 20 and counts the rest")
    func manyErrors() {
        var sheet = XLSXSheet(name: "数据", rows: [], rowNumbers: [], width: 0, merges: [], dimension: nil, errorCells: [], notes: [])
        sheet.errorCells = (1...25).map { XLSXErrorCell(row: $0, column: 3, value: "#N/A") }
        let note = XLSXReader.errorNote(sheet) ?? ""
        #expect(note.hasPrefix("25 cells of sheet \"数据\" hold an Excel error value, read as missing: 数据!D2 (#N/A), "))
        #expect(note.hasSuffix("数据!D21 (#N/A) and 5 more"))
    }

    // MARK: Hostile and sparse

    @Test("a DOCTYPE with an entity is refused (65), located at the part; x&a;y never reads as xy")
    func doctype() throws {
        let error = #expect(throws: IngestError.self) { try XLSXReader.sheet(path: realWorkbook("doctype.xlsx"), sheet: nil) }
        guard case .malformed(let loc, let message, _)? = error else { Issue.record("wrong error \(String(describing: error))"); return }
        #expect(loc.file.hasSuffix("doctype.xlsx[xl/sharedStrings.xml]") && loc.line == 1 && loc.column == 39)
        #expect(message.hasPrefix("xl/sharedStrings.xml declares a DOCTYPE"))
        #expect(error?.kind.exitCode == 65)
    }

    @Test("a DOCTYPE in any part, and undeclared entities, are refused", arguments: [
        "<?xml version=\"1.0\"?><!DOCTYPE x><worksheet><sheetData/></worksheet>",
        "<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>x&a;y</t></is></c></row></sheetData></worksheet>",
        "<worksheet><sheetData><row r=\"1\"><c r=\"A1\"><v>1</v></c></row></sheetData>",
        "<worksheet><sheetData><row r=\"1\"><c r=\"A1\"><v>1</v></x></row></sheetData></worksheet>",
    ])
    func badXML(xml: String) throws {
        let bytes = try zipWorkbook(sheet: xml)
        let error = #expect(throws: IngestError.self) { try XLSXReader.rows(bytes: bytes) }
        #expect(error?.kind.exitCode == 65, "\(error?.description ?? "")")
        #expect(error?.description.contains("xl/worksheets/sheet1.xml") == true, "\(error?.description ?? "")")
    }

    @Test("entities, character references, CDATA and CR LF in cell text, from bytes in memory")
    func entities() throws {
        let xml = "<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>a&amp;b&lt;c&gt;&quot;&apos;&#20013;&#x6587;</t></is></c>"
            + "<c r=\"B1\" t=\"inlineStr\"><is><t><![CDATA[x&amp;<y>]]></t></is></c><c r=\"C1\" t=\"inlineStr\"><is><t>1\r\n2</t></is></c></row></sheetData></worksheet>"
        let sheet = try XLSXReader.rows(bytes: try zipWorkbook(sheet: xml))
        #expect(sheet.rows == [["a&b<c>\"'中文", "x&amp;<y>", "1\n2"]])
    }

    @Test("one cell past Excel's last row (A9999999) in a 1.5 KB file: a located error, nothing allocated for it")
    func farRow() throws {
        let error = #expect(throws: IngestError.self) { try XLSXReader.sheet(path: realWorkbook("far-row.xlsx"), sheet: nil) }
        guard case .malformed(let loc, let message, _)? = error else { Issue.record("wrong error \(String(describing: error))"); return }
        #expect(loc.line == 9_999_999)
        #expect(message == "row number \"9999999\" in sheet \"Sheet1\" is outside a worksheet (rows 1 to 1048576)")
    }

    @Test("a cell on Excel's last row costs one row: rows are sparse, with their numbers")
    func lastRow() throws {
        let sheet = try XLSXReader.sheet(path: realWorkbook("last-row-openpyxl.xlsx"), sheet: nil)
        #expect(sheet.rows == [["编号"], ["7"]])
        #expect(sheet.rowNumbers == [1, 1_048_576])
        let table = try TableReader.read(path: realWorkbook("last-row-openpyxl.xlsx"))
        #expect(table.rowCount == 1)
        #expect(try table.column(named: "编号").value(at: 0) == .text("7"))   // an identifier header keeps its text
    }

    @Test("a table starting at B3: its rows and used range; the table has no empty column A")
    func startB3() throws {
        let sheet = try XLSXReader.sheet(path: realWorkbook("start-b3-openpyxl.xlsx"), sheet: nil)
        #expect(sheet.rowNumbers == [3, 4, 5])
        #expect(sheet.usedRange?.description == "B3:D5")
        #expect(sheet.rows[0] == [nil, "省份", "年份", "金额"])
        let table = try TableReader.read(path: realWorkbook("start-b3-openpyxl.xlsx"))
        #expect(table.columnNames == ["省份", "年份", "金额"])
        #expect(try table.column(named: "金额").doubles() == [10.5, 20])
    }

    @Test("problem cells keep the sheet's row and column (sparse rows, table starting at B3)")
    func locations() throws {
        let xml = "<worksheet><sheetData><row r=\"3\"><c r=\"B3\" t=\"inlineStr\"><is><t>金额</t></is></c></row>"
            + (5...9).map { "<row r=\"\($0)\"><c r=\"B\($0)\"><v>\($0)</v></c></row>" }.joined()
            + "<row r=\"12\"><c r=\"B12\" t=\"inlineStr\"><is><t>1.2.3</t></is></c></row></sheetData></worksheet>"
        let sheet = try XLSXReader.rows(bytes: try zipWorkbook(sheet: xml), name: "book.xlsx")
        let table = try TableReader.table(fromSheet: sheet, path: "book.xlsx", options: ReadOptions())
        let problem = try #require(try table.column(named: "金额").problems.first)
        #expect(problem.location.line == 12 && problem.location.column == 2)
    }

    @Test("an .xlsx held in memory is recognised by its ZIP signature")
    func signature() throws {
        let bytes = try fixtureBytes("xlsx-real/errors-xlsxwriter.xlsx")
        #expect(bytes.withUnsafeBytes { XLSXReader.looksLikeWorkbook($0) })
        #expect(!Array("省份,金额\n".utf8).withUnsafeBytes { XLSXReader.looksLikeWorkbook($0) })
        let table = try TableReader.read(bytes: bytes, name: "<stdin>")
        #expect(table.source?.format == "xlsx" && table.notes.count == 1)
    }

    @Test("the scanner gives the same rows whatever the chunk boundaries")
    func chunking() throws {
        let xml = Array(("<?xml version=\"1.0\"?><!-- c --><worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>a&amp;b</t></is></c>"
            + "<c r=\"B1\"><v>1.5</v></c><c r=\"C1\" t=\"inlineStr\"><is><t><![CDATA[<&>]]></t></is></c></row></sheetData></worksheet>").utf8)
        var expected: [[String?]]?
        for size in 1...xml.count {
            var scanner = XMLByteScanner(handler: SheetHandler(path: "t", sheetName: "s", sharedStrings: [], styles: [], date1904: false, maxCells: 100), path: "t", part: "p")
            var k = 0
            while k < xml.count {
                let piece = Array(xml[k..<min(xml.count, k + size)])
                try piece.withUnsafeBufferPointer { (b: UnsafeBufferPointer<UInt8>) throws(IngestError) in try scanner.feed(UnsafeRawBufferPointer(b)) }
                k += size
            }
            try scanner.finish()
            scanner.handler.finish()
            if expected == nil { expected = scanner.handler.rows }
            #expect(scanner.handler.rows == expected!, "chunks of \(size)")
        }
        #expect(expected == [["a&b", "1.5", "<&>"]])
    }

    @Test("a sheet part over 8 MiB (inflated on a second thread): every row, early stop for the used range, a late error")
    func bigSheet() throws {
        let n = 120_000
        var xml = "<worksheet><dimension ref=\"A1:C\(n)\"/><sheetData>"
        xml.reserveCapacity(n * 90)
        for r in 1...n {
            xml += "<row r=\"\(r)\"><c r=\"A\(r)\" t=\"inlineStr\"><is><t>省\(r % 31)</t></is></c><c r=\"B\(r)\"><v>\(r)</v></c><c r=\"C\(r)\"><v>\(Double(r) / 4)</v></c></row>"
        }
        let good = xml + "</sheetData></worksheet>"
        #expect(good.utf8.count > 8 << 20)
        let bytes = try zipWorkbook(sheet: good)
        let sheet = try XLSXReader.rows(bytes: bytes)
        #expect(sheet.rows.count == n && sheet.rowNumbers.last == n)
        #expect(sheet.rows[99_999] == ["省25", "100000", "25000"])
        #expect(sheet.rows.reduce(0) { $0 + Int($1[1]!)! } == n * (n + 1) / 2)
        // Read in pieces on both cores, it equals the sequential scan of the same part.
        var scanner = XMLByteScanner(handler: SheetHandler(path: "t", sheetName: "s", sharedStrings: [], styles: [], date1904: false, maxCells: 1 << 30), path: "t", part: "p")
        try scanner.scanAll(Array(good.utf8))
        scanner.handler.finish()
        #expect(sheet.rows == scanner.handler.rows && sheet.rowNumbers == scanner.handler.rowNumbers)
        // Rows and cells without `r` (placed by order) cannot be cut: read again sequentially.
        let unplaced = good.replacingOccurrences(of: " r=\"A", with: " x=\"A").replacingOccurrences(of: "<row r=", with: "<row x=")
        let again = try XLSXReader.rows(bytes: try zipWorkbook(sheet: unplaced))
        #expect(again.rows == sheet.rows && again.rowNumbers == sheet.rowNumbers)
        let infos = try XLSXReader.sheets(bytes: bytes, usedRanges: true)
        #expect(infos.first?.usedRange?.description == "A1:C\(n)")
        let bad = xml + "<row r=\"\(n + 1)\"><c r=\"A\(n + 1)\"><v>x1</v></c></row></sheetData></worksheet>"
        let error = #expect(throws: IngestError.self) { try XLSXReader.rows(bytes: try zipWorkbook(sheet: bad)) }
        #expect(error?.description.contains("cell A\(n + 1)") == true && error?.kind.exitCode == 65, "\(error?.description ?? "")")
    }

    @Test("merged ranges that would fill more than the cell limit are refused, naming the range and the limit")
    func hostileMerges() throws {
        let merges = (0..<8).map { _ in "<mergeCell ref=\"A1:A1048576\"/>" }.joined()
        let xml = "<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>k</t></is></c><c r=\"B1\"><v>1</v></c></row></sheetData><mergeCells>\(merges)</mergeCells></worksheet>"
        var limits = XLSXLimits()
        limits.maxCells = 1_000_000
        let error = #expect(throws: IngestError.self) { try XLSXReader.rows(bytes: try zipWorkbook(sheet: xml), limits: limits) }
        #expect(error?.description.contains("more than 1000000 cells") == true && error?.description.contains("A1:A1048576") == true, "\(error?.description ?? "")")
    }

    @Test("damaged sheet XML never traps: every mutation reads or fails with an IngestError")
    func mutations() throws {
        let base = Array(("<?xml version=\"1.0\"?><worksheet><dimension ref=\"A1:C3\"/><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>a&amp;b</t></is></c>"
            + "<c r=\"B1\" s=\"0\"><v>1.5</v></c><c r=\"C1\" t=\"e\"><v>#N/A</v></c></row><row r=\"3\"><c r=\"A3\" t=\"b\"><v>1</v></c><c r=\"B3\" t=\"d\"><v>2024-03-15T00:00:00</v></c>"
            + "<c r=\"C3\" t=\"str\"><f>A1</f><v>x&#20013;</v></c></row></sheetData><mergeCells><mergeCell ref=\"A1:A3\"/><mergeCell ref=\"B1:C1\"/></mergeCells></worksheet>").utf8)
        var state: UInt64 = 7
        func next() -> Int { state = state &* 6364136223846793005 &+ 1442695040888963407; return Int(state >> 33) }
        let alphabet = Array("<>/&;\"'=#x0123456789:!?[]- \n".utf8)
        for _ in 0..<3000 {
            var m = base
            for _ in 0...(next() % 4) {
                let at = next() % m.count
                switch next() % 4 {
                case 0: m[at] = alphabet[next() % alphabet.count]
                case 1: m.remove(at: at)
                case 2: m.insert(alphabet[next() % alphabet.count], at: at)
                default: m.removeSubrange(at..<min(m.count, at + next() % 12))
                }
                if m.isEmpty { m = [UInt8(ascii: "<")] }
            }
            var scanner = XMLByteScanner(handler: SheetHandler(path: "t", sheetName: "s", sharedStrings: ["s0"], styles: [.number], date1904: false, maxCells: 1000), path: "t", part: "p")
            let size = 1 + next() % 40
            do throws(IngestError) {
                var k = 0
                while k < m.count {
                    let piece = Array(m[k..<min(m.count, k + size)])
                    try piece.withUnsafeBufferPointer { (b: UnsafeBufferPointer<UInt8>) throws(IngestError) in try scanner.feed(UnsafeRawBufferPointer(b)) }
                    k += size
                }
                try scanner.finish()
                scanner.handler.finish()
                var sheet = XLSXSheet(name: "s", rows: scanner.handler.rows, rowNumbers: scanner.handler.rowNumbers, width: scanner.handler.width,
                                      merges: scanner.handler.merges, dimension: nil, errorCells: scanner.handler.errorCells, notes: [])
                try SheetMerges.apply(to: &sheet, maxCells: 1000, path: "t")
            } catch {
                #expect(error.kind.exitCode == 65 || error.kind.exitCode == 64, "\(error)")
            }
        }
    }

    @Test("a number's <v> text kept as is equals the shortest text of its double")
    func plainNumbers() {
        var state: UInt64 = 99
        var samples = ["0", "7", "-3", "12700", "68333.51", "0.001", "0.5", "-0.25", "123456789012345", "12345678901234.5", "0.00123456789012345"]
        for _ in 0..<50_000 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let digits = Int(state >> 60) + 1
            let scale = Int((state >> 40) & 15)
            let mantissa = Int64(truncatingIfNeeded: state >> 8) % Int64(pow(10.0, Double(digits)))
            let x = Double(mantissa) / pow(10.0, Double(scale))
            samples.append(x.description)
            samples.append(String(mantissa))
        }
        for s in samples {
            let bytes = Array(s.utf8)
            let fast = bytes.withUnsafeBufferPointer { SheetParser.plainNumberText($0) }
            if let fast { #expect(fast == SheetParser.shortest(Double(s)!), "\(s)") }
        }
    }
}

/// A one-sheet workbook around a sheet part, zipped in memory (the ZIP and the other parts as
/// `Fixtures/xlsx-real/make.py` builds its hand-made files).
func zipWorkbook(sheet: String) throws -> [UInt8] {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("lsx-zip-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let sheetFile = dir.appendingPathComponent("sheet.xml")
    try Data(sheet.utf8).write(to: sheetFile)
    let out = dir.appendingPathComponent("book.xlsx")
    let script = """
    import sys, zipfile
    sys.path.insert(0, sys.argv[3])
    import make
    parts = make.minimal_parts(open(sys.argv[1], encoding="utf-8", newline="").read())
    with zipfile.ZipFile(sys.argv[2], "w", zipfile.ZIP_DEFLATED) as z:
        for k, v in parts.items():
            z.writestr(k, v)
    """
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = ["python3", "-c", script, sheetFile.path, out.path, fixture("xlsx-real")]
    try p.run()
    p.waitUntilExit()
    guard p.terminationStatus == 0 else { throw CocoaError(.fileWriteUnknown) }
    return Array(try Data(contentsOf: out))
}
