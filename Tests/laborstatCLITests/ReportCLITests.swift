import Foundation
import Testing
import _LaborStatTestSupport

/// `laborstat report`: the presets run, their numbers are the commands' own numbers, the folder is
/// reproducible and written as a whole, and spec mistakes are located.
@Suite("report", .serialized)
struct ReportCLITests {
    let root = repositoryRoot()
    var nbs: String { root.appendingPathComponent("Datasets/reports/nbs-monitoring.toml").path }
    var arrears: String { root.appendingPathComponent("Datasets/reports/arrears-register.toml").path }
    var survey: String { root.appendingPathComponent("Datasets/survey_sample.csv").path }
    let design = ["--weight", "weight", "--strata", "stratum", "--cluster", "psu", "--fpc", "psu_population"]

    func csv(_ path: URL) throws -> [[String]] {
        try String(contentsOf: path, encoding: .utf8).split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }

    func read(_ text: String) -> [[String]] {
        text.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }

    /// The row of `rows` whose columns `match` hold the given values, as a dictionary by header.
    func row(_ rows: [[String]], _ match: [String: String]) -> [String: String]? {
        let header = rows[0]
        for r in rows.dropFirst() {
            let d = Dictionary(uniqueKeysWithValues: zip(header, r))
            if match.allSatisfy({ d[$0.key] == $0.value }) { return d }
        }
        return nil
    }

    func number(_ s: String?) -> Double { Double(s ?? "") ?? .nan }

    @Test func nbsPresetCarriesTheCommandsOwnDesignBasedNumbers() throws {
        let dir = try temporaryFolder("report")
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("nbs")
        let r = try runLaborstat(["report", nbs, "-o", out.path])
        #expect(r.status == 0, "\(r.stderr)")
        for f in ["index.html", "report.xlsx", "report.md", "tables/income-year.csv", "tables/contract.csv", "tables/age-structure.csv", "charts/income-year.svg", "charts/income-year.png"] {
            #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(f).path), "\(f) missing")
        }
        #expect(!FileManager.default.fileExists(atPath: out.path + ".tmp"))

        // 1. Mean monthly income 2024 and its design-based SE, as describe writes them.
        let income = try csv(out.appendingPathComponent("tables/income-year.csv"))
        let direct = try runLaborstat(["describe", survey, "--columns", "monthly_income", "--by", "year", "--stats", "mean,mean_se"] + design)
        let d = try #require(row(read(direct.stdout), ["year": "2024"]))
        let rep = try #require(row(income, ["年份": "2024"]))
        #expect(abs(number(rep["均值"]) - number(d["mean"])) <= 0.05, "\(rep) vs \(d)")
        #expect(abs(number(rep["均值标准误"]) - number(d["mean_se"])) <= 0.05)

        // 2. The share with a labour contract in 2024 and its logit interval, as tabulate writes them.
        let contract = try csv(out.appendingPathComponent("tables/contract.csv"))
        let t = try runLaborstat(["tabulate", survey, "--rows", "has_contract", "--by", "year"] + design)
        let tc = try #require(row(read(t.stdout), ["year": "2024", "has_contract": "1"]))
        let rc = try #require(row(contract, ["年份": "2024"]))
        for (zh, en) in [("份额", "share"), ("份额95%置信区间下限", "share_ci_low"), ("份额95%置信区间上限", "share_ci_high")] {
            #expect(abs(number(rc[zh]) - number(tc[en])) <= 0.00005, "\(zh): \(rc[zh] ?? "") vs \(tc[en] ?? "")")
        }
        #expect(contract.count == 11, "one row per year 2015–2024, the share with a contract only (table.keep)")

        // 3. The age group 31–40 in 2024: its count and weighted share, recomputed from the raw file.
        // The shown table has the years as columns; the command's own long table has the counts.
        let age = try csv(out.appendingPathComponent("tables/age-structure-long.csv"))
        let ra = try #require(row(age, ["年份": "2024", "年龄组": "31–40"]))
        let wide = try csv(out.appendingPathComponent("tables/age-structure.csv"))
        #expect(wide[0] == ["年龄组", "2020", "2021", "2022", "2023", "2024"])
        #expect(row(wide, ["年龄组": "31–40"])?["2024"] == ra["份额"], "the wide cell is the long table's share")
        let raw = try csv(URL(fileURLWithPath: survey))
        let h = raw[0]
        let (iy, ia, iw) = (h.firstIndex(of: "year")!, h.firstIndex(of: "age")!, h.firstIndex(of: "weight")!)
        var n = 0, w = 0.0, wAll = 0.0
        for rec in raw.dropFirst() where rec[iy] == "2024" {
            let a = Int(rec[ia])!, wt = Double(rec[iw])!
            wAll += wt
            if (31...40).contains(a) { n += 1; w += wt }
        }
        #expect(ra["样本数"] == String(n))
        #expect(abs(number(ra["份额"]) - w / wAll) <= 0.00005, "\(ra["份额"] ?? "") vs \(w / wAll)")
    }

    @Test func sameSpecSameBytesAndTheFolderIsReplacedWhole() throws {
        let dir = try temporaryFolder("report")
        defer { try? FileManager.default.removeItem(at: dir) }
        let a = dir.appendingPathComponent("a"), b = dir.appendingPathComponent("b")
        #expect(try runLaborstat(["report", arrears, "-o", a.path]).status == 0)
        #expect(try runLaborstat(["report", arrears, "-o", b.path]).status == 0)
        let files = try FileManager.default.subpathsOfDirectory(atPath: a.path)
            .filter { [".csv", ".svg", ".md", ".html"].contains(where: $0.hasSuffix) }.sorted()
        #expect(files.contains("report.md") && files.contains("tables/per-million.csv") && files.contains("charts/per-million.svg"))
        for f in files {
            let x = FileManager.default.contents(atPath: a.appendingPathComponent(f).path)
            let y = FileManager.default.contents(atPath: b.appendingPathComponent(f).path)
            #expect(x != nil && x == y, "\(f) differs between two runs")
        }
        // The footer names every input with its SHA-256, as sha256sum computes it.
        let md = try String(contentsOf: a.appendingPathComponent("report.md"), encoding: .utf8)
        let sum = try runTool("sha256sum", [root.appendingPathComponent("Datasets/arrears_register.csv").path])
        #expect(md.contains(String(sum.stdout.prefix(64))), "report.md lacks the register's SHA-256")
        #expect(md.contains("laborstat compare") && md.contains("--denominator tables/population.csv"))

        // Run again into a: the earlier report is replaced, no .tmp or .old is left.
        #expect(try runLaborstat(["report", arrears, "-o", a.path]).status == 0)
        #expect(!FileManager.default.fileExists(atPath: a.path + ".tmp") && !FileManager.default.fileExists(atPath: a.path + ".old"))
        // A folder that is not a LaborStat report is never replaced.
        let mine = dir.appendingPathComponent("mine")
        try FileManager.default.createDirectory(at: mine, withIntermediateDirectories: true)
        try Data("keep".utf8).write(to: mine.appendingPathComponent("notes.txt"))
        let r = try runLaborstat(["report", arrears, "-o", mine.path])
        #expect(r.status == 73, "\(r.stderr)")
        #expect(FileManager.default.fileExists(atPath: mine.appendingPathComponent("notes.txt").path))
    }

    func spec(_ body: String, in dir: URL) throws -> String {
        let path = dir.appendingPathComponent("spec.toml")
        let text = """
        title = "测试"
        [inputs.survey]
        file = "\(survey)"
        [[sections]]
        title = "收入"
        [[sections.items]]
        id = "income"
        title = "表1"
        command = "describe"

        """ + body
        try Data(text.utf8).write(to: path)
        return path.path
    }

    @Test func specMistakesAreLocated() throws {
        let dir = try temporaryFolder("report")
        defer { try? FileManager.default.removeItem(at: dir) }
        // The body starts at line 10 of the spec.
        let s1 = try spec("options = { columns = \"monthly_income\" }\noptions2 = 1\n", in: dir)
        let r1 = try runLaborstat(["report", "--check", s1])
        #expect(r1.status == 65)
        #expect(r1.stderr.contains("spec.toml:11: unknown key \"options2\""), "\(r1.stderr)")

        let s2 = try spec("[sections.items.options]\ncolumns = \"monthly_income\"\nby2 = \"year\"\n", in: dir)
        let r2 = try runLaborstat(["report", "--check", s2])
        #expect(r2.status == 65)
        #expect(r2.stderr.contains("spec.toml:12: unknown option \"--by2\""), "\(r2.stderr)")
        #expect(r2.stderr.contains("in item \"income\" of section \"收入\""), "\(r2.stderr)")

        let s3 = try spec("options = { columns = \"monthly_income\" }\n", in: dir)
        let ok = try runLaborstat(["report", "--check", s3])
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("out").path))

        // A data error inside an item keeps its own location and names the item; nothing is left behind.
        let s4 = try spec("options = { columns = \"monthly_income\", where = \"nosuch > 1\" }\n", in: dir)
        let out = dir.appendingPathComponent("out")
        let r4 = try runLaborstat(["report", s4, "-o", out.path])
        #expect(r4.status != 0)
        #expect(r4.stderr.contains("spec.toml:") && r4.stderr.contains("item \"income\""), "\(r4.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out.path) && !FileManager.default.fileExists(atPath: out.path + ".tmp"))

        let missing = dir.appendingPathComponent("m.toml")
        try Data("title = \"x\"\n[inputs.a]\nfile = \"nope.csv\"\n[[sections]]\ntitle = \"s\"\n[[sections.items]]\ntitle = \"t\"\ncommand = \"describe\"\n".utf8).write(to: missing)
        let r5 = try runLaborstat(["report", "--check", missing.path])
        #expect(r5.status == 66)
        #expect(r5.stderr.contains("m.toml:2: input \"a\": no file"), "\(r5.stderr)")
    }
}
