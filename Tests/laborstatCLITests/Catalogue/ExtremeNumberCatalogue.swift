import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import _LaborStatTestSupport

/// Issue 14, class 3: values near ±1e308 in every chart kind, integer sums beyond Int64, huge
/// pivot grids and hostile `--where` depths never trap, hang or overflow the stack. Each case's data
/// is written to its own scratch folder; `$F` is that file.
@Suite("catalogue: extreme numbers (no trap, no hang)")
struct ExtremeNumberCatalogue {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var csv: String
        var args: [String]
        var status: Int32
        /// Text the output (chart or table) must contain.
        var contains: [String] = []
        var testDescription: String { name }
    }

    static let wide = "x,y,c\n1,1e308,a\n2,-1e308,a\n3,5,a\n1,1.7e308,b\n2,-1.7e308,b\n3,1.7976931348623157e308,b\n"
    static let positive = "x,y\n1,1e308\n2,1.7e308\n3,5\n"
    static let single = "x,y\n1,1.7976931348623157e308\n"

    static let charts: [Case] = [
        Case(name: "line ±1.8e308", csv: wide, args: ["chart", "line", "$F", "--x", "x", "--y", "y", "--color", "c"], status: 0, contains: ["1e308", "−1e308"]),
        Case(name: "scatter ±1.8e308", csv: wide, args: ["chart", "scatter", "$F", "--x", "x", "--y", "y", "--color", "c"], status: 0),
        Case(name: "box ±1.8e308", csv: wide, args: ["chart", "box", "$F", "--x", "c", "--y", "y"], status: 0),
        Case(name: "stacked-bar ±1.8e308", csv: wide, args: ["chart", "stacked-bar", "$F", "--x", "x", "--y", "y", "--color", "c"], status: 0),
        Case(name: "bar 1.7e308", csv: positive, args: ["chart", "bar", "$F", "--x", "x", "--y", "y"], status: 0),
        Case(name: "hbar 1.7e308", csv: positive, args: ["chart", "hbar", "$F", "--x", "x", "--y", "y"], status: 0),
        Case(name: "histogram ±1.8e308", csv: wide, args: ["chart", "histogram", "$F", "--x", "y"], status: 0),
        Case(name: "lorenz 1.7e308", csv: positive, args: ["chart", "lorenz", "$F", "--x", "y"], status: 0),
        Case(name: "line, one value at the largest double", csv: single, args: ["chart", "line", "$F", "--x", "x", "--y", "y"], status: 0),
        Case(name: "tilemap 1.7e308", csv: "省份,v\n陕西,1e308\n四川,1.7e308\n", args: ["chart", "tilemap", "$F", "--x", "省份", "--y", "v"], status: 0),
    ]

    @Test("every chart kind draws values near ±1e308", arguments: charts)
    func chart(_ c: Case) throws {
        let dir = try Catalogue.scratch("extreme")
        defer { try? FileManager.default.removeItem(at: dir) }
        let f = dir.appendingPathComponent("data.csv")
        try Catalogue.write(c.csv, to: f)
        let out = dir.appendingPathComponent("c.svg")
        let r = try Catalogue.run(c.args.map { $0 == "$F" ? f.path : $0 } + ["-o", out.path])
        #expect(r.signal == nil && r.status == c.status, "\(c.name): \(r.stderr)")
        let svg = try Data(contentsOf: out)
        #expect(XMLParser(data: svg).parse(), "\(c.name): not well-formed")
        let text = String(decoding: svg, as: UTF8.self)
        #expect(!text.contains("nan") && !text.contains("inf"), "\(c.name)")
        for s in c.contains { #expect(text.contains(">\(s)</text>"), "\(c.name): no tick \(s)") }
    }

    static let intMax = "9223372036854775807"

    static let tables: [Case] = [
        Case(name: "pivot sum above Int64.max is a located error", csv: "r,c,v\na,x,\(intMax)\na,x,\(intMax)\nb,y,1\n",
             args: ["pivot", "$F", "--rows", "r", "--cols", "c", "--value", "v", "--agg", "sum"], status: 65, contains: ["9223372036854775807"]),
        Case(name: "pivot sum exactly Int64.max stays exact", csv: "r,c,v\na,x,9223372036854775806\na,x,1\nb,y,1\n",
             args: ["pivot", "$F", "--rows", "r", "--cols", "c", "--value", "v", "--agg", "sum"], status: 0, contains: [intMax]),
        Case(name: "pivot max of 17-digit numbers is exact", csv: "r,c,v\na,x,12345678901234567\na,x,12345678901234566\n",
             args: ["pivot", "$F", "--rows", "r", "--cols", "c", "--value", "v", "--agg", "max"], status: 0, contains: ["12345678901234567"]),
        Case(name: "--where of 10,000 nested not", csv: "v\n1\n2\n",
             args: ["describe", "$F", "--columns", "v", "--where", String(repeating: "not ", count: 10_000) + "v > 1"], status: 64, contains: ["nests deeper than 500"]),
        Case(name: "--where of 20,000 parentheses", csv: "v\n1\n2\n",
             args: ["describe", "$F", "--columns", "v", "--where", String(repeating: "(", count: 20_000) + "v > 1" + String(repeating: ")", count: 20_000)], status: 64, contains: ["nests deeper than 500"]),
        Case(name: "--where of 200 nested not is fine", csv: "v\n1\n2\n",
             args: ["describe", "$F", "--columns", "v", "--stats", "n", "--where", String(repeating: "not ", count: 200) + "v > 1"], status: 0, contains: ["1"]),
    ]

    @Test("tables at the edges of the number types and of expression depth", arguments: tables)
    func table(_ c: Case) throws {
        let dir = try Catalogue.scratch("extreme-table")
        defer { try? FileManager.default.removeItem(at: dir) }
        let f = dir.appendingPathComponent("data.csv")
        try Catalogue.write(c.csv, to: f)
        let r = try Catalogue.run(c.args.map { $0 == "$F" ? f.path : $0 })
        #expect(r.signal == nil && r.status == c.status, "\(c.name): \(r.stderr)")
        for s in c.contains { #expect((r.stdout + r.stderr).contains(s), "\(c.name): \(r.stdout) \(r.stderr)") }
    }

    /// 70,000 × 70,000 distinct row and column keys: a grid of 4.9e9 cells (more than 2^32) is
    /// refused with the limit named, never allocated or trapped on.
    @Test("a pivot grid beyond --max-cells is refused")
    func hugeGrid() throws {
        let dir = try Catalogue.scratch("grid")
        defer { try? FileManager.default.removeItem(at: dir) }
        let f = dir.appendingPathComponent("grid.csv")
        var s = "r,c,v\n"
        for i in 0..<70_000 { s += "r\(i),c\(i),1\n" }
        try Catalogue.write(s, to: f)
        let r = try Catalogue.run(["pivot", f.path, "--rows", "r", "--cols", "c", "--value", "v"])
        #expect(r.signal == nil && r.status == 65, "\(r.stderr)")
        #expect(r.stderr.contains("--max-cells"))
    }
}
