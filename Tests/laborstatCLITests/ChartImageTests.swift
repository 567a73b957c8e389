import Foundation
import Testing
import _LaborStatTestSupport

/// Decodes a PNG with Python's standard library alone (zlib + the five PNG row filters), an
/// independent reader of what cairo wrote: prints width, height, and how many pixels are not
/// white and how many distinct colours there are.
let pngStats = """
import sys, zlib, struct
data = open(sys.argv[1], 'rb').read()
assert data[:8] == b'\\x89PNG\\r\\n\\x1a\\n'
pos, idat, w = 8, b'', 0
while pos < len(data):
    n, = struct.unpack('>I', data[pos:pos+4]); kind = data[pos+4:pos+8]; body = data[pos+8:pos+8+n]; pos += 12 + n
    if kind == b'IHDR': w, h, depth, ctype = struct.unpack('>IIBB', body[:10])
    if kind == b'IDAT': idat += body
bpp = {2: 3, 6: 4}[ctype]
raw = zlib.decompress(idat); stride = w * bpp; prev = bytearray(stride); rows = []
for y in range(h):
    f = raw[y*(stride+1)]; line = bytearray(raw[y*(stride+1)+1:(y+1)*(stride+1)])
    for i in range(stride):
        a = line[i-bpp] if i >= bpp else 0; b = prev[i]; c = prev[i-bpp] if i >= bpp else 0
        if f == 1: line[i] = (line[i] + a) & 255
        elif f == 2: line[i] = (line[i] + b) & 255
        elif f == 3: line[i] = (line[i] + (a + b) // 2) & 255
        elif f == 4:
            p = a + b - c; pa, pb, pc = abs(p-a), abs(p-b), abs(p-c)
            line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    rows.append(bytes(line)); prev = line
inked, colours = 0, set()
for line in rows[::2]:
    for x in range(0, stride, bpp * 2):
        px = line[x:x+3]
        colours.add(px)
        if px != b'\\xff\\xff\\xff': inked += 1
print(w, h, inked, len(colours))
"""

@Suite("chart images: PNG and PDF through librsvg + cairo")
struct ChartImageTests {
    let root = repositoryRoot()
    func data(_ name: String) -> String { root.appendingPathComponent("Datasets/\(name)").path }

    /// Every chart kind, on the shipped data sets (tilemap from a compare result).
    func kinds(_ dir: URL) throws -> [(String, [String])] {
        let compare = dir.appendingPathComponent("compare.csv").path
        let r = try runLaborstat(["compare", data("arrears_register.csv"), "--region", "省份", "--agg", "count", "-o", compare])
        #expect(r.status == 0, "\(r.stderr)")
        let national = data("national_migrant_workers.csv"), byRegion = data("migrant_workers_by_region.csv"), survey = data("survey_sample.csv")
        return [
            ("line", [national, "--x", "年份", "--y", "农民工总量（万人）", "--title", "农民工总量"]),
            ("bar", [byRegion, "--x", "region", "--y", "migrant_workers_wan", "--where", "year = 2024 and basis = '输出地'", "--title", "分地区"]),
            ("hbar", [byRegion, "--x", "region", "--y", "migrant_workers_wan", "--where", "year = 2024 and basis = '输出地'"]),
            ("stacked-bar", [byRegion, "--x", "year", "--y", "migrant_workers_wan", "--color", "region", "--where", "basis = '输入地' and year >= 2017"]),
            ("histogram", [survey, "--x", "monthly_income", "--title", "月收入分布"]),
            ("box", [survey, "--x", "year", "--y", "monthly_income"]),
            ("scatter", [survey, "--x", "age", "--y", "monthly_income", "--where", "year = 2024", "--fit"]),
            ("lorenz", [survey, "--x", "monthly_income", "--title", "收入洛伦兹曲线"]),
            ("tilemap", [compare, "--x", "region", "--y", "value", "--title", "欠薪案件数"]),
        ]
    }

    @Test("every kind renders to PNG (2× by default, inked, many colours) and to PDF with an embedded CJK font")
    func everyKind() throws {
        let dir = try temporaryFolder("chart-img")
        defer { try? FileManager.default.removeItem(at: dir) }
        for (kind, args) in try kinds(dir) {
            let png = dir.appendingPathComponent("\(kind).png").path
            var r = try runLaborstat(["chart", kind] + args + ["-o", png])
            #expect(r.status == 0, "\(kind): \(r.stderr)")
            let stats = try runTool("python3", ["-c", pngStats, png])
            #expect(stats.status == 0, "\(stats.stderr)")
            let v = stats.stdout.split(separator: " ").compactMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
            #expect(v.count == 4)
            guard v.count == 4 else { continue }
            #expect(v[0] == 1440 && v[1] == 880, "\(kind): \(v[0])×\(v[1])")   // 720×440 px at 2×
            #expect(v[2] > 2_000, "\(kind): only \(v[2]) inked pixels")
            #expect(v[3] > 8, "\(kind): only \(v[3]) colours")

            let pdf = dir.appendingPathComponent("\(kind).pdf").path
            r = try runLaborstat(["chart", kind] + args + ["-o", pdf])
            #expect(r.status == 0, "\(kind): \(r.stderr)")
            let fonts = try runTool("pdffonts", [pdf])
            #expect(fonts.status == 0)
            #expect(fonts.stdout.contains("CJK"), "\(kind): \(fonts.stdout)")
            let info = try runTool("pdfinfo", [pdf])
            #expect(info.stdout.contains("540 x 330 pts"), "\(kind): \(info.stdout)")   // 720×440 px at 72/96
        }
    }

    @Test("--scale and --dpi size the PNG; --svg takes .png and .pdf; other extensions are usage errors")
    func sizesAndErrors() throws {
        let dir = try temporaryFolder("chart-img")
        defer { try? FileManager.default.removeItem(at: dir) }
        let national = data("national_migrant_workers.csv")
        let base = ["chart", "line", national, "--x", "年份", "--y", "农民工总量（万人）"]
        func size(_ path: String) throws -> String {
            let s = try runTool("python3", ["-c", pngStats, path]).stdout.split(separator: " ")
            return s.count == 4 ? "\(s[0])x\(s[1])" : "?"
        }
        let p1 = dir.appendingPathComponent("a.png").path
        #expect(try runLaborstat(base + ["-o", p1, "--scale", "1"]).status == 0)
        #expect(try size(p1) == "720x440")
        #expect(try runLaborstat(base + ["-o", p1, "--dpi", "288"]).status == 0)
        #expect(try size(p1) == "2160x1320")
        let svgPNG = dir.appendingPathComponent("describe.png").path
        let d = try runLaborstat(["describe", data("survey_sample.csv"), "--columns", "monthly_income", "--by", "year", "--svg", svgPNG])
        #expect(d.status == 0, "\(d.stderr)")
        #expect(try size(svgPNG) == "1440x880")
        for bad in [["-o", dir.appendingPathComponent("x.jpg").path], ["-o", dir.appendingPathComponent("x.pdf").path, "--dpi", "300"],
                    ["-o", dir.appendingPathComponent("x.svg").path, "--scale", "2"], ["-o", p1, "--scale", "2", "--dpi", "200"]] {
            let r = try runLaborstat(base + bad)
            #expect(r.status == 64, "\(bad): \(r.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("x.jpg").path))
    }
}

/// `--agg` combines repeated places; an hbar names every category (it grows in height).
@Suite("chart --agg and every label")
struct ChartAggregateTests {
    @Test("hbar --agg count of the register: 31 provinces, each named, counts as aggregate gives")
    func hbarCount() throws {
        let dir = try temporaryFolder("chart-agg")
        defer { try? FileManager.default.removeItem(at: dir) }
        let register = repositoryRoot().appendingPathComponent("Datasets/arrears_register.csv").path
        let svgPath = dir.appendingPathComponent("p.svg").path
        let r = try runLaborstat(["chart", "hbar", register, "--x", "省份", "--agg", "count", "-o", svgPath])
        #expect(r.status == 0, "\(r.stderr)")
        let svg = try String(contentsOfFile: svgPath, encoding: .utf8)
        let counts = try runLaborstat(["aggregate", register, "--by", "省份", "--count"])
        let rows = counts.stdout.split(separator: "\n").dropFirst().map { $0.split(separator: ",") }
        #expect(rows.count == 31)
        for row in rows {
            #expect(svg.contains(">\(row[0])</text>"), "\(row[0]) is not labelled")
            #expect(svg.contains("\(row[0]): \(row[1])<") || svg.contains("\(row[0]): \(NumberFormat(row[1]))<"), "\(row[0]) value \(row[1])")
        }
        // Without --agg the repeated provinces are refused; --agg only where it means something.
        #expect(try runLaborstat(["chart", "hbar", register, "--x", "省份", "--y", "涉及人数", "-o", svgPath]).status == 65)
        #expect(try runLaborstat(["chart", "line", register, "--x", "立案日期:year", "--y", "涉及人数", "--agg", "sum", "-o", svgPath]).status == 64)
    }

    /// Tooltips group thousands with a comma (as the chart's labels do).
    func NumberFormat(_ s: Substring) -> String {
        var out = ""
        for (i, c) in s.reversed().enumerated() { if i > 0 && i % 3 == 0 { out.append(",") }; out.append(c) }
        return String(out.reversed())
    }
}
