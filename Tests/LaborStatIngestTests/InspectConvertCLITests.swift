import Foundation
import Testing
import _LaborStatTestSupport

/// `laborstat inspect` and `laborstat convert` run as a user runs them (the built binary).
@Suite("inspect and convert commands")
struct InspectConvertCLITests {
    let root = repositoryRoot()
    var gbFile: String { root.appendingPathComponent("Datasets/national_migrant_workers.gb18030.csv").path }

    func temp(_ text: String, name: String = "t.csv") throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("laborstat-ingest-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent(name).path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func inspectGB18030File() throws {
        let r = try runLaborstat(["inspect", gbFile])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n")
        #expect(lines.first == "column,type,unit,non_missing,missing,distinct,min,max,example")
        #expect(lines.contains("年份,date/year,,17,0,17,2008,2024,2008"))
        #expect(lines.count == 10)
    }

    @Test func inspectJSONHasFileFacts() throws {
        let r = try runLaborstat(["inspect", gbFile, "--format", "json"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("\"encoding\": \"gb18030\""))
        #expect(r.stdout.contains("\"delimiter\": \",\""))
        #expect(r.stdout.contains("\"rows\": \"17\""))
    }

    @Test("inspect lists problem cells on standard error and exits 0")
    func inspectProblems() throws {
        let path = try temp("名称,金额\n甲,100\n乙,十多万\n丙,300\n丁,400\n")
        let r = try runLaborstat(["inspect", path])
        #expect(r.status == 0)
        #expect(r.stdout.contains("金额,integer,,3,1,3,100,400,100"))
        #expect(r.stderr.contains("\(path):3:3: cannot read \"十多万\" as a number in column \"金额\" (an approximate amount)"))
    }

    @Test func inspectColumnsAndStdin() throws {
        let r = try runLaborstat(["inspect", "-", "--columns", "b"], stdin: Data("a,b\n1,x\n2,x\n".utf8))
        #expect(r.status == 0)
        #expect(r.stdout == "column,type,unit,non_missing,missing,distinct,min,max,example\nb,category,,2,0,1,x,x,x\n")
    }

    @Test func convertNormalizes() throws {
        let path = try temp("名称,金额,日期,占比\n甲,2.84万,2013年12月9日,12%\n乙,\"4,599.30\",2013/12/10,5%\n丙,—,2013-12-11,７.５％\n")
        let r = try runLaborstat(["convert", path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == "名称,金额,日期,占比\n甲,28400,2013-12-09,0.12\n乙,4599.3,2013-12-10,0.05\n丙,,2013-12-11,0.075\n")
        let kept = try runLaborstat(["convert", path, "--keep-text"])
        #expect(kept.stdout == "名称,金额,日期,占比\n甲,2.84万,2013年12月9日,12%\n乙,\"4,599.30\",2013/12/10,5%\n丙,—,2013-12-11,７.５％\n")
    }

    @Test("convert stops at a problem cell with FILE:LINE:COLUMN and exit 65")
    func convertProblem() throws {
        let path = try temp("名称,金额\n甲,100\n乙,2万多\n丙,300\n丁,400\n")
        let r = try runLaborstat(["convert", path])
        #expect(r.status == 65)
        #expect(r.stderr.hasPrefix("laborstat: \(path):3:3: cannot read \"2万多\""))
        #expect(r.stderr.contains("hint:"))
    }

    @Test func exitCodes() throws {
        #expect(try runLaborstat(["inspect", "/nonexistent/x.csv"]).status == 66)
        let ragged = try temp("a,b\n1,2\n3\n")
        let r = try runLaborstat(["inspect", ragged])
        #expect(r.status == 65)
        #expect(r.stderr.contains("\(ragged):3:1: this row has 1 field, the header has 2"))
        #expect(try runLaborstat(["inspect", ragged, "--encoding", "latin9"]).status == 64)
        #expect(try runLaborstat(["inspect", ragged, "--columns", "zz"]).status == 64)
    }

    @Test func helpHasExamples() throws {
        for cmd in ["inspect", "convert"] {
            let r = try runLaborstat([cmd, "--help"])
            #expect(r.status == 0)
            #expect(r.stdout.contains("Examples:"))
            #expect(r.stdout.contains("laborstat \(cmd) "))
        }
    }
}
