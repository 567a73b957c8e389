import Foundation
import Testing
import _LaborStatTestSupport

#if canImport(Glibc)
import Glibc
#endif

/// Issue 14, class 1: no output may resolve to an input or to another output of the same run
/// (same device and inode, or the same real path). Each case runs in its own folder holding
/// `data.csv` (g,v), `regions.csv` (省份,金额) and `pop.csv` (a denominator file); `$D` in an argument
/// is that folder. The refusal is exit 64, and every file there keeps its bytes.
@Suite("catalogue: data loss (outputs vs inputs)")
struct DataLossCatalogue {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var args: [String]
        /// Extra setup: "hardlink" (data.link → data.csv), "symlink" (data.sym → data.csv), "stdin-file" (data.csv as stdin)
        var setup: [String] = []
        var expectedStatus: Int32 = 64
        var testDescription: String { name }
    }

    static let data = "g,v\na,1\nb,2\nc,5\n"
    static let regions = "省份,金额\n陕西省,28400\n四川省,12000\n"
    static let pop = "省份,人口\n陕西省,3900\n四川省,8300\n"

    static let cases: [Case] = [
        Case(name: "aggregate -o the input", args: ["aggregate", "$D/data.csv", "--by", "g", "--count", "-o", "$D/data.csv"]),
        Case(name: "describe --svg the input", args: ["describe", "$D/data.csv", "--columns", "v", "--svg", "$D/data.csv"]),
        Case(name: "convert -o the input through ./x/../", args: ["convert", "$D/data.csv", "-o", "$D/./sub/../data.csv"]),
        Case(name: "-o a hard link to the input", args: ["convert", "$D/data.csv", "-o", "$D/data.link"], setup: ["hardlink"]),
        Case(name: "-o a symbolic link to the input", args: ["convert", "$D/data.csv", "-o", "$D/data.sym"], setup: ["symlink"]),
        Case(name: "chart -o the input", args: ["chart", "bar", "$D/data.csv", "--x", "g", "--y", "v", "-o", "$D/data.csv"]),
        Case(name: "-o and --svg the same new file", args: ["describe", "$D/data.csv", "--columns", "v", "-o", "$D/out.csv", "--svg", "$D/out.csv"]),
        Case(name: "-o and --svg the same file, spelled differently", args: ["describe", "$D/data.csv", "--columns", "v", "-o", "$D/out.csv", "--svg", "$D/sub/../out.csv"]),
        Case(name: "compare --map the input", args: ["compare", "$D/regions.csv", "--region", "省份", "--map", "$D/regions.csv"]),
        Case(name: "compare --map and --svg the same file", args: ["compare", "$D/regions.csv", "--region", "省份", "--map", "$D/m.svg", "--svg", "$D/m.svg", "-o", "$D/t.csv"]),
        Case(name: "compare --svg the --denominator file", args: ["compare", "$D/regions.csv", "--region", "省份", "--value", "金额", "--denominator", "$D/pop.csv", "--svg", "$D/pop.csv"]),
        Case(name: "the table to standard output and --svg -", args: ["describe", "$D/data.csv", "--columns", "v", "--svg", "-"]),
        Case(name: "standard input is the file written by -o", args: ["convert", "-", "-o", "$D/data.csv"], setup: ["stdin-file"]),
        // Character devices lose nothing when written twice: allowed.
        Case(name: "-o and --svg both the null device", args: ["describe", "$D/data.csv", "--columns", "v", "-o", "/dev/null", "--svg", "/dev/null"], expectedStatus: 0),
    ]

    @Test("refused with exit 64, nothing changed", arguments: cases)
    func refused(_ c: Case) throws {
        let dir = try Catalogue.scratch("dataloss")
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("sub"), withIntermediateDirectories: false)
        let files = ["data.csv": Self.data, "regions.csv": Self.regions, "pop.csv": Self.pop]
        for (name, text) in files { try Catalogue.write(text, to: dir.appendingPathComponent(name)) }
        if c.setup.contains("hardlink") { try #require(link(dir.appendingPathComponent("data.csv").path, dir.appendingPathComponent("data.link").path) == 0) }
        if c.setup.contains("symlink") { try #require(symlink(dir.appendingPathComponent("data.csv").path, dir.appendingPathComponent("data.sym").path) == 0) }
        let before = try Catalogue.listing(dir)
        let args = c.args.map { $0.replacingOccurrences(of: "$D", with: dir.path) }
        let r = try Catalogue.run(args, stdout: c.setup.contains("stdin-file") ? .pipe : .pipe,
                                  stdin: nil, stdinFile: c.setup.contains("stdin-file") ? dir.appendingPathComponent("data.csv") : nil)
        #expect(r.status == c.expectedStatus, "\(c.name): \(r.stderr)")
        if c.expectedStatus == 64 {
            #expect(r.stderr.contains("same file") || r.stderr.contains("input file"), "\(c.name): \(r.stderr)")
            #expect(try Catalogue.listing(dir) == before, "\(c.name): files appeared")
        }
        for (name, text) in files {
            #expect(try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8) == text, "\(c.name): \(name) changed")
        }
    }
}
