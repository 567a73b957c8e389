import Foundation
import Testing
import _LaborStatTestSupport

/// Output options end to end: the formula guard belongs to spreadsheets, numbers for people.
@Suite("output options")
struct OutputOptionsCLITests {
    @Test("convert a.csv | convert - --format json keeps =SUM(A1:A9) unchanged; --excel and --guard guard it")
    func pipeKeepsData() throws {
        let dir = try temporaryFolder("pipe")
        defer { try? FileManager.default.removeItem(at: dir) }
        let a = dir.appendingPathComponent("a.csv")
        try Data("名称,公式\n合计,=SUM(A1:A9)\n电话,+86 138\n".utf8).write(to: a)
        let first = try runLaborstat(["convert", a.path])
        #expect(first.status == 0)
        #expect(first.stdout == "名称,公式\n合计,=SUM(A1:A9)\n电话,+86 138\n")
        let second = try runLaborstat(["convert", "-", "--format", "json"], stdin: Data(first.stdout.utf8))
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stdout.contains("\"公式\": \"=SUM(A1:A9)\""), "\(second.stdout)")
        #expect(second.stdout.contains("\"公式\": \"+86 138\""))
        let excel = try runLaborstat(["convert", a.path, "--excel"])
        #expect(excel.stdout.contains("'=SUM(A1:A9)\r\n"))
        let guarded = try runLaborstat(["convert", a.path, "--guard"])
        #expect(guarded.stdout == "名称,公式\n合计,'=SUM(A1:A9)\n电话,'+86 138\n")
        let raw = try runLaborstat(["convert", a.path, "--excel", "--raw"])
        #expect(raw.stdout.contains(",=SUM(A1:A9)\r\n"))
    }

    @Test("--decimals keeps the fen, --percent shows shares in Markdown, unknown --percent column is 64")
    func numbersForPeople() throws {
        let register = repositoryRoot().appendingPathComponent("Datasets/arrears_register.csv").path
        let csv = try runLaborstat(["compare", register, "--region", "省份", "--level", "region4", "--agg", "count", "--decimals", "3"])
        #expect(csv.status == 0, "\(csv.stderr)")
        #expect(csv.stdout.split(separator: "\n")[1].hasPrefix("东部,,26107.000,0.593,1,44000.000,0.593,-17893.000"), "\(csv.stdout)")
        let md = try runLaborstat(["compare", register, "--region", "省份", "--level", "region4", "--agg", "count", "--format", "markdown", "--percent", "share"])
        #expect(md.stdout.contains("| 东部   |             | 26,107 | 59.3% |"), "\(md.stdout)")
        let bad = try runLaborstat(["compare", register, "--region", "省份", "--agg", "count", "--percent", "shares"])
        #expect(bad.status == 64 && bad.stderr.contains("the columns are"))
        let both = try runLaborstat(["compare", register, "--region", "省份", "--agg", "count", "--digits", "3", "--decimals", "2"])
        #expect(both.status == 64)
    }

    @Test("--format markdown escapes <script> in cells")
    func markdownScript() throws {
        let dir = try temporaryFolder("md")
        defer { try? FileManager.default.removeItem(at: dir) }
        let a = dir.appendingPathComponent("a.csv")
        try Data("name,n\n<script>alert(1)</script>,1\nA&B|C,2\n".utf8).write(to: a)
        let r = try runLaborstat(["convert", a.path, "--format", "markdown"])
        #expect(r.status == 0)
        #expect(!r.stdout.contains("<script>"))
        #expect(r.stdout.contains("&lt;script&gt;alert(1)&lt;/script&gt;") && r.stdout.contains("A&amp;B\\|C"))
    }
}
