import Foundation
import Testing
import LaborStatExport
import LaborStatIngest
import LaborStatTable
@testable import LaborStatReport
import _LaborStatTestSupport

/// A small report: two sections, three tables (two titled `表1…`, so a sheet name must be made
/// unique), one item without a table, Chinese text, money with fixed decimals, a share as percent.
func sampleReport(language: ReportLanguage = .zh, generatedAt: String? = nil) throws -> ReportDocument {
    let income = try Table(columns: [
        Column("地区", categories: ["东部地区", "中部地区", "西部地区", "东北地区"]),
        Column("月均收入", doubles: [5212.345, 4598.1, 4447.98765, 4239.5]),
        Column("标准误", doubles: [31.25, 28.1234567, nil, 40.0]),
        Column("人数", integers: [12_345, 9_876, 8_765, 1_234]),
    ])
    var incomeOptions = WriteOptions()
    incomeOptions.fixedDecimals = ["月均收入": 2]
    let contract = try Table(columns: [
        Column("行业", strings: ["制造业", "建筑业", "住宿和餐饮业"]),
        Column("份额", doubles: [0.4123456789, 0.2987, 0.15]),
    ])
    var contractOptions = WriteOptions()
    contractOptions.percentColumns = ["份额"]
    let age = try Table(columns: [
        Column("年龄组", strings: ["16-20岁", "21-30岁", "50岁以上"]),
        Column("2023", doubles: [1.6, 18.4, 30.6]),
        Column("2024", doubles: [1.5, 17.8, 31.9]),
    ])
    return ReportDocument(
        title: "2024年农民工监测调查报告（样本）", subtitle: "由微观数据重算", author: "统计分析室", period: "2024年",
        language: language,
        sections: [
            ReportSection(id: "s1", title: "一、农民工收入", items: [
                ReportItem(id: "income_region", title: "表1 分地区农民工月均收入", command: "laborstat describe survey.csv --by region",
                           table: ReportTable(table: income, options: incomeOptions, unit: "元", source: "农民工监测调查（样本）",
                                              notes: ["标准误按设计计算。", "东北地区样本较少。"], regionColumn: "地区",
                                              csvPath: "tables/income_region.csv")),
                ReportItem(id: "trend", title: "收入趋势", command: "laborstat trend income.csv"),
                ReportItem(id: "contract", title: "表1 签订劳动合同的比重（分行业）", command: "laborstat tabulate survey.csv",
                           table: ReportTable(table: contract, options: contractOptions, unit: "%", csvPath: "tables/contract.csv")),
            ]),
            ReportSection(id: "s2", title: "二、农民工规模和结构", items: [
                ReportItem(id: "age", title: "农民工年龄构成", command: "laborstat tabulate survey.csv --by age_group",
                           table: ReportTable(table: age, unit: "%", csvPath: "tables/age.csv")),
            ]),
            ReportSection(id: "s3", title: "三、空的章节"),
        ],
        inputs: [ReportInputFile(name: "survey", path: "survey_sample.csv", bytes: 1_234_567,
                                 sha256: String(repeating: "ab", count: 32))],
        definitions: [ReportDefinition(term: "外出农民工", text: "在户籍所在乡镇地域外从业的农民工。")],
        version: "0.9.0", generatedAt: generatedAt)
}

/// The workbook's bytes in a file, with a way to read a sheet's grid and a part's XML.
struct WrittenBook {
    let path: String
    init(_ bytes: [UInt8]) throws {
        let dir = try temporaryFolder("book")
        path = dir.appendingPathComponent("report.xlsx").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }
    func grid(_ sheet: String) throws -> [[String?]] { try XLSXReader.rows(path: path, sheet: sheet).rows }
    func part(_ name: String) throws -> String {
        let r = try runTool("unzip", ["-p", path, name])
        #expect(r.status == 0, "unzip \(name): \(r.stderr)")
        return r.stdout
    }
}

@Suite struct ReportWorkbookTests {
    @Test func sheetsAreContentsTablesNotes() throws {
        let book = try WrittenBook(ReportWorkbook.bytes(sampleReport()))
        #expect(try XLSXReader.sheetNames(path: book.path) == ["目录", "表1", "表1 (2)", "age", "说明"])
        let en = try WrittenBook(ReportWorkbook.bytes(sampleReport(language: .en)))
        #expect(try XLSXReader.sheetNames(path: en.path) == ["Contents", "表1", "表1 (2)", "age", "Notes"])
    }

    @Test func tableNumbersBecomeSheetNames() {
        #expect(ReportWorkbook.tableNumber("表3 外出农民工月均收入") == "表3")
        #expect(ReportWorkbook.tableNumber("表3-1 分行业") == "表3-1")
        #expect(ReportWorkbook.tableNumber("Table 12. Income") == "Table 12")
        #expect(ReportWorkbook.tableNumber("表格说明") == nil)
        #expect(ReportWorkbook.tableNumber("农民工年龄构成") == nil)
    }

    @Test func tableSheetHasTheStatisticalTableLayout() throws {
        let book = try WrittenBook(ReportWorkbook.bytes(sampleReport()))
        let g = try book.grid("表1")
        #expect(g[0][0] == "表1 分地区农民工月均收入")
        #expect(g[1][3] == "单位：元")
        #expect(g[2] == ["地区", "月均收入", "标准误", "人数"])
        #expect(g[3] == ["东部地区", "5212.345", "31.25", "12345"])
        #expect(g[5][1] == "4447.98765" && g[5][2] == nil)
        #expect(g[6][0] == "东北地区" && g[6][3] == "1234")
        #expect(g[7][0] == "注：标准误按设计计算。")
        #expect(g[8][0] == "注：东北地区样本较少。")
        #expect(g[9][0] == "资料来源：农民工监测调查（样本）")
        #expect(g.count == 10)
        // Numbers stay numbers: the fractions, not percentages, behind a percent format.
        let share = try book.grid("表1 (2)")
        #expect(share[0][0] == "表1 签订劳动合同的比重（分行业）")
        #expect(share[3] == ["制造业", "0.4123456789"])
        let styles = try book.part("xl/styles.xml")
        #expect(styles.contains("formatCode=\"#,##0.00\""))
        #expect(styles.contains("formatCode=\"0.0%\""))
        let age = try book.grid("age")
        #expect(age[0][0] == "农民工年龄构成" && age[2] == ["年龄组", "2023", "2024"] && age[5] == ["50岁以上", "30.6", "31.9"])
    }

    @Test func contentsListsSectionsAndTablesWithLinks() throws {
        let book = try WrittenBook(ReportWorkbook.bytes(sampleReport()))
        let g = try book.grid("目录")
        #expect(g[0][0] == "2024年农民工监测调查报告（样本）")
        #expect(g[1] == ["章节", "表题", "工作表", "表格文件"])
        #expect(g[2] == ["一、农民工收入", nil, nil, nil])
        #expect(g[3] == [nil, "表1 分地区农民工月均收入", "表1", "tables/income_region.csv"])
        #expect(g[4] == [nil, "表1 签订劳动合同的比重（分行业）", "表1 (2)", "tables/contract.csv"])
        #expect(g[5] == ["二、农民工规模和结构", nil, nil, nil])
        #expect(g[6] == [nil, "农民工年龄构成", "age", "tables/age.csv"])
        #expect(g[7] == ["三、空的章节", nil, nil, nil])
        #expect(g[8][0] == "由微观数据重算" && g[9][0] == "报告期：2024年" && g[10][0] == "编制单位：统计分析室")
        // Internal links: the cell, and the sheet it opens, in the contents sheet's XML.
        let xml = try book.part("xl/worksheets/sheet1.xml")
        for (cell, sheet) in [("A3", "表1"), ("B4", "表1"), ("B5", "表1 (2)"), ("A6", "age"), ("B7", "age")] {
            #expect(xml.contains("<hyperlink ref=\"\(cell)\" location=\"'\(sheet)'!A1\""), "no link \(cell) → \(sheet) in \(xml)")
        }
        #expect(!xml.contains("ref=\"A8\""), "a section without tables links nowhere")
        #expect(!xml.contains("r:id="), "internal links need no external relationship")
    }

    @Test func notesSheetHasDefinitionsInputsVersion() throws {
        let book = try WrittenBook(ReportWorkbook.bytes(sampleReport(generatedAt: "2026-12-04T03:00:00Z")))
        let g = try book.grid("说明")
        #expect(g[0][0] == "说明")
        #expect(g[1] == ["类别", "名称", "内容", "字节数", "SHA-256"])
        #expect(g[2] == ["指标解释", "外出农民工", "在户籍所在乡镇地域外从业的农民工。", nil, nil])
        #expect(g[3] == ["输入文件", "survey", "survey_sample.csv", "1234567", String(repeating: "ab", count: 32)])
        #expect(g[4] == ["软件版本", "LaborStat", "0.9.0", nil, nil])
        #expect(g[5] == ["生成时间", nil, "2026-12-04T03:00:00Z", nil, nil])
    }

    @Test func sameDocumentSameBytes() throws {
        let doc = try sampleReport()
        let a = try ReportWorkbook.bytes(doc)
        #expect(try ReportWorkbook.bytes(doc) == a)
        // The creation time is fixed, not the clock's (which would differ a second later).
        let core = try WrittenBook(a).part("docProps/core.xml")
        #expect(core.contains("2000-01-01T00:00:00Z"), "\(core)")
        #expect(core.contains("2024年农民工监测调查报告（样本）") && core.contains("统计分析室"))
        let stamped = try WrittenBook(ReportWorkbook.bytes(sampleReport(generatedAt: "2026-12-04T03:00:00Z")))
        #expect(try stamped.part("docProps/core.xml").contains("2026-12-04T03:00:00Z"))
        #expect(throws: ExportError.self) { try ReportWorkbook.bytes(sampleReport(generatedAt: "yesterday")) }
    }

    @Test func appendKeepsTheContentsLinks() throws {
        let original = try ReportWorkbook.workbook(sampleReport())
        let book = try WrittenBook(original.bytes())
        let again = try XLSXWorkbook.existing(path: book.path)
        #expect(again.sheetNames == original.sheetNames)
        #expect(again.sheets[0].links == original.sheets[0].links)
        #expect(again.sheets[0].links.count == 5)
    }

    @Test func linksToMissingSheetsAreRefused() throws {
        var sheet = try WorkbookSheet(name: "目录", table: Table(columns: [Column("t", strings: ["a"])]))
        sheet.links = [WorkbookLink(row: 0, column: 0, sheet: "nowhere")]
        var book = XLSXWorkbook()
        try book.add(sheet)
        #expect(throws: ExportError.self) { try book.bytes() }
        sheet.links = [WorkbookLink(row: 1, column: 0, sheet: "目录")]
        var outside = XLSXWorkbook()
        try outside.add(sheet)
        #expect(throws: ExportError.self) { try outside.bytes() }
    }

    /// With `LABORSTAT_WRITE_BOOK=DIR`, writes `DIR/report.xlsx` and `DIR/tables/*.csv` (as the
    /// report writes them) for `scripts/check-report-workbook DIR/report.xlsx DIR/tables`.
    @Test func writesABookForTheOutsideCheck() throws {
        guard let dir = ProcessInfo.processInfo.environment["LABORSTAT_WRITE_BOOK"], !dir.isEmpty else { return }
        let doc = try sampleReport()
        try FileManager.default.createDirectory(atPath: dir + "/tables", withIntermediateDirectories: true)
        try ReportWorkbook.workbook(doc).write(to: dir + "/report.xlsx")
        for item in doc.items {
            guard let t = item.table else { continue }
            try TableWriter.write(t.table, to: dir + "/" + t.csvPath, options: t.options)
        }
    }
}
