import Foundation
import Testing
import _LaborStatTestSupport

/// Office layouts through the built binary: the fixtures of
/// `Tests/LaborStatIngestTests/Fixtures/office` (made by openpyxl, XlsxWriter, LibreOffice and the
/// gbk codec as Excel writes), the note on standard error, every reading flag, and `#N` everywhere.
@Suite("office layouts CLI: notes, flags, #N in every command")
struct OfficeLayoutCLITests {
    static let root = repositoryRoot()
    static func office(_ f: String) -> String { root.appendingPathComponent("Tests/LaborStatIngestTests/Fixtures/office/" + f).path }
    static let national = root.appendingPathComponent("Datasets/national_migrant_workers.csv").path

    static func temp(_ text: String, name: String = "t.csv") throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("laborstat-office-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent(name).path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    static let govNote = """
    laborstat: note: header on rows 3–4 (joined), above it 1 (title), 2 (unit line 单位：万元、人); --skip-rows N --header-rows K name them
    laborstat: note: left out 3 rows: 9 (合计), 10–11 (notes); --keep-totals keeps them; the 合计 row 9 adds up

    """
    static let ledgerNote = "laborstat: note: left out 3 rows: 14 (blank), 15 (合计), 16 (notes); --keep-totals keeps them; "
        + "the 合计 row 15 does not add up: 欠薪金额（元） sums to 28533 over the data rows, the row says 28633\n"

    @Test("a government table straight from its .xlsx: title, unit line and two-row header found, 合计 and notes left out")
    func governmentXLSX() throws {
        let r = try runLaborstat(["describe", Self.office("gov_openpyxl.xlsx"), "--columns", "欠薪金额,欠薪人数", "--stats", "n,total,max"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == "column,n,total,max\n欠薪金额,4,16238600,12345600\n欠薪人数,4,187,120\n")
        #expect(r.stderr == Self.govNote)
    }

    @Test("a ledger as Excel writes it: blank row, 合计 that does not add up and a note left out with one note")
    func ledgerTotals() throws {
        let r = try runLaborstat(["aggregate", Self.office("ledger_excel.gbk.csv"), "--count", "--sum", "欠薪金额（元）,涉及人数"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == "count,sum_欠薪金额（元）,sum_涉及人数\n12,28533.0,30\n")
        #expect(r.stderr == Self.ledgerNote)
        // --keep-totals: the blank row, the 合计 and the note are rows again (count 15, the total counted twice).
        let k = try runLaborstat(["aggregate", Self.office("ledger_excel.gbk.csv"), "--count", "--sum", "欠薪金额（元）", "--keep-totals"])
        #expect(k.stdout == "count,sum_欠薪金额（元）\n15,57166.0\n")
        #expect(k.stderr.hasPrefix("laborstat: note: kept 3 rows that look like totals, notes or blanks as data (--keep-totals): 14 (blank), 15 (合计), 16 (notes)"))
    }

    @Test("--skip-rows, --header-rows and --header none do what they say")
    func headerFlags() throws {
        let f = Self.office("gov_excel.gbk.csv")
        let named = try runLaborstat(["describe", f, "--skip-rows", "2", "--header-rows", "2", "--columns", "结案金额", "--stats", "n,total"])
        #expect(named.stdout == "column,n,total\n结案金额,4,12907500\n")
        let none = try runLaborstat(["describe", f, "--skip-rows", "4", "--header", "none", "--columns", "#2", "--stats", "n,total"])
        #expect(none.stdout == "column,n,total\n#2,4,1623.86\n")
        #expect(none.stderr.hasPrefix("laborstat: note: no header, before the data 1 (title), 2 (unit line 单位：万元、人), 3 (skipped), 4 (skipped)"))
        let same = try runLaborstat(["describe", f, "--no-header", "--skip-rows", "4", "--columns", "#2", "--stats", "n,total"])
        #expect(same.stdout == none.stdout)
        let bad = try runLaborstat(["describe", f, "--header", "maybe"])
        #expect(bad.status == 64)
    }

    @Test("not sure where the header is: exit 65 naming the row and the flags")
    func unsure() throws {
        let path = try Self.temp("统计表,,\n1200,3.5,7\n1300,4.5,8\n")
        let r = try runLaborstat(["describe", path])
        #expect(r.status == 65)
        #expect(r.stderr.contains("\(path):2:1: row 2 looks like data, not a header (\"1200\", \"3.5\", \"7\" are numbers over numbers); rows 1 above look like a title"))
        #expect(r.stderr.contains("hint: if the table has no header: --header none --skip-rows 1"))
        let fixed = try runLaborstat(["describe", path, "--header", "none", "--skip-rows", "1", "--columns", "#1", "--stats", "n,total"])
        #expect(fixed.stdout == "column,n,total\n#1,2,2500\n")
    }

    @Test("inspect lists the header rows, the unit line, the rows left out and the totals check (JSON)")
    func inspectJSON() throws {
        let r = try runLaborstat(["inspect", Self.office("gov_excel.gbk.csv"), "--format", "json"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("\"header_rows\": \"3,4\""))
        #expect(r.stdout.contains("\"unit_line\": \"单位：万元、人\""))
        #expect(r.stdout.contains("\"left_out\": \"9 (total: 合计); 10 (blank); 11 (note: 注：本表为示例数据，不代表官方统计。); 12 (note: 资料来源：LaborStat 测试数据。)\""))
        #expect(r.stdout.contains("\"totals_check\": \"9 欠薪金额: sum 1623.86, stated 1623.86, adds up; "))
        #expect(r.stdout.contains("{\"column\": \"欠薪金额\", \"type\": \"decimal\", \"unit\": \"元\", \"non_missing\": 4"))
        let csv = try runLaborstat(["inspect", Self.office("gov_excel.gbk.csv")])
        #expect(csv.stderr.contains("left out 4 rows: 9 (合计), 10 (blank), 11–12 (notes)"))
    }

    @Test("identifiers: convert keeps them byte for byte; --text and --types force a type")
    func identifiers() throws {
        let r = try runLaborstat(["convert", Self.office("ledger_excel.gbk.csv")])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n")
        #expect(lines[1] == "1,某建筑公司1,00037,11010519760707006X,13800000000,010010,1000,1")
        #expect(lines.count == 13)
        let groups = try runLaborstat(["aggregate", Self.office("ledger_excel.gbk.csv"), "--by", "身份证号", "--count"])
        #expect(groups.stdout.split(separator: "\n").count == 13)
        #expect(!groups.stdout.contains("\n,"))
        let typed = try runLaborstat(["inspect", Self.office("ledger_excel.gbk.csv"), "--text", "序号", "--types", "涉及人数=decimal,工号=integer"])
        #expect(typed.stdout.contains("\n序号,text,"))
        #expect(typed.stdout.contains("\n涉及人数,decimal,"))
        #expect(typed.stdout.contains("\n工号,integer,,12,0,12,37,444,37\n"))
        let badType = try runLaborstat(["inspect", Self.office("ledger_excel.gbk.csv"), "--types", "工号=money"])
        #expect(badType.status == 64)
    }

    @Test("convert --keep-text keeps values byte for byte (spaces and tabs around unquoted fields)")
    func keepTextBytes() throws {
        let path = try Self.temp("x,y,z\na,\tb ,c\n d , e,f \n")
        let r = try runLaborstat(["convert", path, "--keep-text", "--raw"])
        #expect(r.stdout == "x,y,z\na,\"\tb \",c\n\" d \",\" e\",\"f \"\n")
    }

    @Test("#N is the file's N-th column in aggregate, whatever subset is read")
    func hashAggregate() throws {
        let path = try Self.temp("甲,广东,2019,5,100\n乙,四川,2019,6,200\n丙,广东,2020,7,300\n丁,四川,2020,8,400\n")
        let r = try runLaborstat(["aggregate", path, "--no-header", "--by", "#2", "--sum", "#5"])
        #expect(r.stdout == "#2,sum_#5\n四川,600\n广东,400\n")
        let w = try runLaborstat(["aggregate", path, "--no-header", "--by", "#2", "--sum", "#4", "--where", "#3 = 2020"])
        #expect(w.stdout == "#2,sum_#4\n四川,8\n广东,7\n")
    }

    /// The same command with column names and with `#N`: the same numbers (the header of the
    /// output may name the column as asked).
    static let pairs: [(String, [String], [String])] = {
        let n = national, ledger = office("ledger_excel.gbk.csv"), b3 = office("subtotals_b3_xlsxwriter.xlsx")
        return [
            ("describe", ["describe", n, "--columns", "外出农民工（万人）", "--where", "年份 >= 2020"],
                         ["describe", n, "--columns", "#3", "--where", "#1 >= 2020"]),
            ("aggregate", ["aggregate", ledger, "--by", "邮编", "--sum", "涉及人数"], ["aggregate", ledger, "--by", "#6", "--sum", "#8"]),
            ("histogram", ["histogram", n, "--column", "农民工总量（万人）"], ["histogram", n, "--column", "#2"]),
            ("tabulate", ["tabulate", ledger, "--rows", "邮编"], ["tabulate", ledger, "--rows", "#6"]),
            ("pivot", ["pivot", b3, "--rows", "地区", "--cols", "涉及人数", "--value", "欠薪金额", "--agg", "sum"],
                      ["pivot", b3, "--rows", "#2", "--cols", "#5", "--value", "#4", "--agg", "sum"]),
            ("regress", ["regress", n, "--y", "农民工总量（万人）", "--x", "外出农民工（万人）"], ["regress", n, "--y", "#2", "--x", "#3"]),
            ("trend", ["trend", n, "--time", "年份", "--value", "农民工总量（万人）"], ["trend", n, "--time", "#1", "--value", "#2"]),
            ("compare", ["compare", b3, "--region", "地区", "--value", "欠薪金额", "--agg", "sum"], ["compare", b3, "--region", "#2", "--value", "#4", "--agg", "sum"]),
            ("inspect", ["inspect", ledger, "--columns", "工号"], ["inspect", ledger, "--columns", "#3"]),
            ("convert", ["convert", ledger, "--where", "涉及人数 = 4"], ["convert", ledger, "--where", "#8 = 4"]),
        ]
    }()

    @Test("#N in every command gives what the column's name gives", arguments: pairs.map(\.0))
    func hashEverywhere(_ command: String) throws {
        let (_, byName, byNumber) = Self.pairs.first { $0.0 == command }!
        let a = try runLaborstat(byName), b = try runLaborstat(byNumber)
        #expect(a.status == 0, "\(a.stderr)")
        #expect(b.status == 0, "\(b.stderr)")
        #expect(a.stdout.split(separator: "\n").count >= 2)
        #expect(a.stdout.split(separator: "\n").dropFirst() == b.stdout.split(separator: "\n").dropFirst())
    }

    @Test("#N in chart draws the same chart as the names")
    func hashChart() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("laborstat-office-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let a = dir.appendingPathComponent("a.svg").path, b = dir.appendingPathComponent("b.svg").path
        #expect(try runLaborstat(["chart", "line", Self.national, "--x", "年份", "--y", "农民工总量（万人）", "-o", a]).status == 0)
        #expect(try runLaborstat(["chart", "line", Self.national, "--x", "#1", "--y", "#2", "-o", b]).status == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: a)) == Data(contentsOf: URL(fileURLWithPath: b)))
    }
}
