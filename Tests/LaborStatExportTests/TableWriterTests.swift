import Foundation
import Testing
import LaborStatTable
@testable import LaborStatExport
import _LaborStatTestSupport

/// A small table with every column type and the awkward cells: Chinese, quotes, delimiters, line
/// breaks, leading spaces, formula triggers (ASCII and full-width), missing values, 0.1 + 0.2.
func sampleTable() throws -> Table {
    try Table(columns: [
        Column("地区", categories: ["陕西省", "四川省", nil, "陕西省"]),
        Column("n", integers: [3, -12, nil, 1_000_000]),
        Column("amount", doubles: [0.1 + 0.2, 12345.67, nil, 1e-7], unit: "万元"),
        Column("opened", dates: [CivilDate.days(year: 2013, month: 12, day: 9), nil, 0, CivilDate.days(year: 2024, month: 2, day: 29)]),
        Column("ok", booleans: [true, false, nil, true]),
        Column("note", strings: ["=SUM(A1:A9)", "a,b \"q\"", "", " 前后空格 "]),
    ])
}

func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

/// kCFStringEncodingGB_18030_2000 (ENGINEERING.md §2): Foundation's own decoder, independent of iconv.
let gb18030Encoding = String.Encoding(rawValue: 0x8000_0632)

@Suite("TableWriter formats")
struct TableWriterFormatTests {
    @Test("CSV golden: RFC 4180 quoting, missing empty, integers plain, at most 15 significant digits, no guard")
    func csvGolden() throws {
        let out = text(try TableWriter.render(try sampleTable()))
        #expect(out == """
            地区,n,amount,opened,ok,note
            陕西省,3,0.3,2013-12-09,true,=SUM(A1:A9)
            四川省,-12,12345.67,,false,"a,b ""q\"\"\"
            ,,,1970-01-01,,""
            陕西省,1000000,0.0000001,2024-02-29,true," 前后空格 "

            """)
    }

    @Test("TSV golden: tab delimiter, same quoting")
    func tsvGolden() throws {
        var o = WriteOptions()
        o.format = .tsv
        let t = try Table(columns: [Column("a", strings: ["x\ty", "plain", "a,b"]), Column("b", integers: [1, 2, 3])])
        #expect(text(try TableWriter.render(t, options: o)) == "a\tb\n\"x\ty\"\t1\nplain\t2\na,b\t3\n")
    }

    @Test("Markdown golden: pipes escaped, numbers right-aligned and grouped, CJK width padding")
    func markdownGolden() throws {
        var o = WriteOptions()
        o.format = .markdown
        let t = try Table(columns: [
            Column("省份", categories: ["陕西省", "a|b", nil]),
            Column("n", integers: [3, 1200, nil]),
            Column("x", doubles: [0.5, nil, 2.25]),
        ])
        #expect(text(try TableWriter.render(t, options: o)) == """
            | 省份   |     n |    x |
            | ------ | ----: | ---: |
            | 陕西省 |     3 |  0.5 |
            | a\\|b   | 1,200 |      |
            |        |       | 2.25 |

            """)
    }

    @Test("JSON golden: array of objects, null for missing, numbers as numbers")
    func jsonGolden() throws {
        var o = WriteOptions()
        o.format = .json
        let t = try Table(columns: [
            Column("省份", categories: ["陕西省", nil]),
            Column("n", integers: [3, nil]),
            Column("x", doubles: [0.1 + 0.2, .nan]),
            Column("d", dates: [CivilDate.days(year: 2013, month: 12, day: 9), nil]),
            Column("b", booleans: [true, nil]),
            Column("s", strings: ["=1\n\"q\"\\", nil]),
        ])
        #expect(text(try TableWriter.render(t, options: o)) == """
            [
              {"省份": "陕西省", "n": 3, "x": 0.30000000000000004, "d": "2013-12-09", "b": true, "s": "=1\\n\\"q\\"\\\\"},
              {"省份": null, "n": null, "x": null, "d": null, "b": null, "s": null}
            ]

            """)
    }

    @Test("JSON string escapes: control characters, U+2028/2029, other E2 sequences kept")
    func jsonEscapes() throws {
        #expect(TableWriter.jsonString("a\u{1}b\u{2028}c\u{2029}€—\u{1F}") == #""a\u0001b\u2028c\u2029€—\u001f""#)
        var o = WriteOptions()
        o.format = .json
        let t = try Table(columns: [Column("s", strings: ["x\u{2028}€", "\u{7}"]), Column("c", categories: ["€\"", "\\"])])
        let rows = try JSONSerialization.jsonObject(with: Data(try TableWriter.render(t, options: o))) as? [[String: String]]
        #expect(rows == [["s": "x\u{2028}€", "c": "€\""], ["s": "\u{7}", "c": "\\"]])
    }

    @Test("JSON parses with JSONSerialization; values and metadata survive")
    func jsonParses() throws {
        var o = WriteOptions()
        o.format = .json
        let plain = try JSONSerialization.jsonObject(with: Data(try TableWriter.render(try sampleTable(), options: o)))
        let rows = try #require(plain as? [[String: Any]])
        #expect(rows.count == 4)
        #expect(rows[0]["地区"] as? String == "陕西省")
        // corelibs-foundation's JSON number parser is off by an ulp here (it reads 0.3000000000000001);
        // the exact text is checked in the golden test above.
        #expect(isClose((rows[0]["amount"] as? NSNumber)?.doubleValue ?? .nan, 0.1 + 0.2, rel: 1e-15))
        #expect((rows[3]["amount"] as? NSNumber)?.doubleValue == 1e-7)
        #expect((rows[1]["n"] as? NSNumber)?.int64Value == -12)
        #expect(rows[2]["n"] is NSNull)
        #expect(rows[0]["note"] as? String == "=SUM(A1:A9)", "JSON keeps text as is (no formula guard)")
        #expect(rows[3]["note"] as? String == " 前后空格 ")

        o.metadata = [("quantile_rule", "hf7"), ("ci", "Woodruff")]
        o.crlf = true
        let wrapped = try JSONSerialization.jsonObject(with: Data(try TableWriter.render(try sampleTable(), options: o)))
        let doc = try #require(wrapped as? [String: Any])
        #expect((doc["meta"] as? [String: String]) == ["quantile_rule": "hf7", "ci": "Woodruff"])
        #expect((doc["rows"] as? [[String: Any]])?.count == 4)

        let empty = try Table(columns: [Column("a", integers: [])])
        o.metadata = []
        o.crlf = false
        #expect(text(try TableWriter.render(empty, options: o)) == "[]\n")
        #expect((try JSONSerialization.jsonObject(with: Data(try TableWriter.render(empty, options: o))) as? [Any])?.isEmpty == true)
    }

    /// `--digits` never drops integer digits (12345.678 → 12346, as R's `format(x, digits = 3)`).
    @Test("digits and fixed decimals; the unit is never written into cells")
    func numberText() throws {
        let t = try Table(columns: [
            Column("mean", doubles: [2.0 / 3.0, 12345.678, 1e-7], unit: "元"),
            Column("sum_amount", doubles: [2.675, 10, -0.004], unit: "万元"),
            Column("n", integers: [1, 2, 3]),
        ])
        var o = WriteOptions()
        o.digits = 3
        o.fixedDecimals = ["sum_amount": 2]
        #expect(text(try TableWriter.render(t, options: o)) == "mean,sum_amount,n\n0.667,2.68,1\n12346,10.00,2\n0.0000001,0.00,3\n")
    }

    @Test("selection is honoured: only rows in view, in view order")
    func selection() throws {
        let t = try sampleTable().selecting(rows: [3, 0])
        let lines = text(try TableWriter.render(t)).split(separator: "\n").map { String($0.prefix(11)) }
        #expect(lines == ["地区,n,amount", "陕西省,1000000", "陕西省,3,0.3,2"])
    }
}

@Suite("TableWriter bytes: BOM, CRLF, GB18030, formula guard")
struct TableWriterBytesTests {
    @Test("--bom starts with EF BB BF; --excel adds CRLF")
    func bomAndCRLF() throws {
        let t = try Table(columns: [Column("名", strings: ["张三"])])
        var o = WriteOptions()
        o.bom = true
        #expect(try TableWriter.render(t, options: o) == [0xEF, 0xBB, 0xBF] + Array("名\n张三\n".utf8))
        #expect(try TableWriter.render(t, options: .excel) == [0xEF, 0xBB, 0xBF] + Array("名\r\n张三\r\n".utf8))
    }

    @Test("GB18030: known bytes, no BOM, decodes back (Foundation's decoder) to the UTF-8 text")
    func gb18030() throws {
        let t = try Table(columns: [
            Column("中文", strings: ["€", "😀", "𠀀", "abc"]),
            Column("n", integers: [1, 2, 3, 4]),
        ])
        var o = WriteOptions()
        o.encoding = .gb18030
        o.bom = true
        let bytes = try TableWriter.render(t, options: o)
        #expect(Array(bytes.prefix(4)) == [0xD6, 0xD0, 0xCE, 0xC4], "中文 in GB18030, no BOM")
        let euro = try #require(bytes.firstIndex(of: 0xA2))
        #expect(bytes[euro + 1] == 0xE3, "€ = A2 E3")
        let decoded = try #require(String(data: Data(bytes), encoding: gb18030Encoding))
        o.encoding = .utf8
        o.bom = false
        #expect(decoded == text(try TableWriter.render(t, options: o)))
    }

    @Test("GB18030 over many chunks equals one pass")
    func gb18030Chunks() throws {
        let names = (0..<80_000).map { "第\($0)号 陕西省西安市" }
        let t = try Table(columns: [Column("地址", strings: names)])
        var o = WriteOptions()
        o.encoding = .gb18030
        let bytes = try TableWriter.render(t, options: o)
        #expect(bytes.count > 1 << 20)
        #expect(String(data: Data(bytes), encoding: gb18030Encoding) == "地址\n" + names.joined(separator: "\n") + "\n")
    }

    @Test("formula guard on text cells", arguments: [
        ("=1+2", "'=1+2"), ("+86 138", "'+86 138"), ("-5+A1", "'-5+A1"), ("@SUM(A1)", "'@SUM(A1)"),
        ("-5", "-5"), ("+1.5e-7", "+1.5e-7"), ("-.5", "-.5"), ("-", "'-"), ("-e5", "'-e5"), ("-1e", "'-1e"), ("-1-1", "'-1-1"),
        ("-cmd|' /C calc'!A0", "'-cmd|' /C calc'!A0"), ("＝1", "'＝1"),
        ("\tx", "'\tx"), ("\rx", "\"'\rx\""), ("＝1", "'＝1"), ("＋1", "'＋1"), ("－1", "'－1"), ("＠x", "'＠x"),
        ("a=1", "a=1"), ("陕西", "陕西"), ("'quoted", "'quoted"),
    ])
    func formulaGuard(cell: String, expected: String) throws {
        let t = try Table(columns: [Column("s", strings: [cell]), Column("c", categories: [cell])])
        var guarded = WriteOptions()
        guarded.formulaGuard = true
        #expect(text(try TableWriter.render(t, options: guarded)) == "s,c\n\(expected),\(expected)\n")
        let raw = WriteOptions()   // the default: no guard, data as it is
        let plain = TableWriter.needsQuotes(cell, delimiter: UInt8(ascii: ",")) ? "\"\(cell)\"" : cell
        #expect(text(try TableWriter.render(t, options: raw)) == "s,c\n\(plain),\(plain)\n")
    }

    @Test("numbers are never guarded, even negative ones")
    func numbersUnguarded() throws {
        let t = try Table(columns: [Column("x", doubles: [-1.5]), Column("n", integers: [-3])])
        #expect(text(Array(try TableWriter.render(t, options: .excel).dropFirst(3))) == "x,n\r\n-1.5,-3\r\n")
    }

    @Test("CSV reads back with Python's csv module (an outside parser)")
    func pythonReadsBack() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("lsx-\(getpid())-py")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("t.csv").path
        var o = WriteOptions()
        o.formulaGuard = false
        let t = try Table(columns: [Column("s", strings: ["a,b", "say \"hi\"", "two\nlines", " pad ", "crlf\r\nx", "陕西"])])
        try TableWriter.write(t, to: path, options: o)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", "import csv,json,sys; print(json.dumps([r[0] for r in csv.reader(open(sys.argv[1], newline='', encoding='utf-8'))]))", path]
        let pipe = Pipe()
        p.standardOutput = pipe
        try p.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        let fields = try JSONSerialization.jsonObject(with: data) as? [String]
        #expect(fields == ["s", "a,b", "say \"hi\"", "two\nlines", " pad ", "crlf\r\nx", "陕西"])
    }
}

@Suite("TableWriter files: atomic replace")
struct TableWriterFileTests {
    func scratch(_ name: String) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("lsx-\(getpid())-\(name)")
        try? FileManager.default.removeItem(at: dir)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test("writes the file, replaces an old one, leaves no temporary file")
    func writesAndReplaces() throws {
        let dir = try scratch("ok")
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("out.csv").path
        try "old".write(toFile: path, atomically: false, encoding: .utf8)
        try TableWriter.write(try Table(columns: [Column("a", integers: [1])]), to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "a\n1\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["out.csv"])
    }

    @Test("a symbolic link is followed: the file it points to is replaced, the link stays")
    func symlink() throws {
        let dir = try scratch("link")
        defer { try? FileManager.default.removeItem(at: dir) }
        let real = dir.appendingPathComponent("real.csv").path, link = dir.appendingPathComponent("link.csv").path
        try "old".write(toFile: real, atomically: false, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: real)
        try TableWriter.write(try Table(columns: [Column("a", integers: [7])]), to: link)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == real)
        #expect(try String(contentsOfFile: real, encoding: .utf8) == "a\n7\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["link.csv", "real.csv"])
    }

    @Test("a device is written directly, never renamed over (/dev/null stays a device)")
    func device() throws {
        try TableWriter.write(try Table(columns: [Column("a", integers: [7])]), to: "/dev/null")
        var info = stat()
        #expect(stat("/dev/null", &info) == 0 && info.st_mode & S_IFMT == S_IFCHR)
        #expect(!FileManager.default.fileExists(atPath: "/dev/.null.tmp-\(getpid())"))
    }

    @Test("missing folder → cannotCreate (exit 73)")
    func missingFolder() throws {
        let error = #expect(throws: ExportError.self) {
            try TableWriter.write(try Table(columns: [Column("a", integers: [1])]), to: "/nonexistent-lsx/out.csv")
        }
        #expect(error?.kind.exitCode == 73)
        #expect(error?.description.contains("/nonexistent-lsx/out.csv") == true)
    }

    @Test("target is a folder → cannotCreate; the folder is untouched and no temporary file is left")
    func targetIsFolder() throws {
        let dir = try scratch("dir")
        defer { try? FileManager.default.removeItem(at: dir) }
        let target = dir.appendingPathComponent("sub")
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: false)
        let error = #expect(throws: ExportError.self) {
            try TableWriter.write(try Table(columns: [Column("a", integers: [1])]), to: target.path)
        }
        #expect(error?.kind.exitCode == 73)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["sub"])
    }

    @Test("a write that fails midway leaves the old file unchanged and removes the temporary file")
    func failureKeepsOldFile() throws {
        let dir = try scratch("fail")
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("out.csv").path
        try "old contents".write(toFile: path, atomically: false, encoding: .utf8)
        let error = #expect(throws: ExportError.self) {
            try OutputFile.replace(path) { (write: @escaping ([UInt8]) throws(ExportError) -> Void) throws(ExportError) in
                try write(Array("partial".utf8))
                throw ExportError.writeFailed(path: path, reason: "No space left on device")
            }
        }
        #expect(error?.kind.exitCode == 74)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "old contents")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["out.csv"])
    }

    @Test("a full device (/dev/full) reports ENOSPC, which becomes writeFailed")
    func deviceFull() throws {
        let fd = open("/dev/full", O_WRONLY)
        try #require(fd >= 0)
        defer { close(fd) }
        #expect(OutputFile.writeAll(fd, [1, 2, 3]) == ENOSPC)
    }

    @Test("an unwritable folder → cannotCreate", .enabled(if: getuid() != 0, "root may write anywhere"))
    func unwritable() throws {
        let dir = try scratch("ro")
        defer { chmod(dir.path, 0o755); try? FileManager.default.removeItem(at: dir) }
        chmod(dir.path, 0o555)
        let error = #expect(throws: ExportError.self) {
            try TableWriter.write(try Table(columns: [Column("a", integers: [1])]), to: dir.appendingPathComponent("x.csv").path)
        }
        #expect(error?.kind.exitCode == 73)
    }

    @Test("a pipe closed by its reader (| head) ends output quietly: no SIGPIPE, no error")
    func closedPipe() throws {
        var fds: [Int32] = [0, 0]
        try #require(pipe(&fds) == 0)
        close(fds[0])
        defer { close(fds[1]) }
        let out = StandardOutput(fd: fds[1])
        try out.write(Array("a\n".utf8))
        try out.write(Array("b\n".utf8))
    }

    @Test("temporary name is a hidden sibling")
    func temporaryName() {
        #expect(OutputFile.temporaryPath(for: "out/a.csv") == "out/.a.csv.tmp-\(getpid())")
        #expect(OutputFile.temporaryPath(for: "a.csv") == ".a.csv.tmp-\(getpid())")
    }
}

@Suite("TableWriter number text")
struct TableWriterNumberTests {
    /// The writer's fast path must print exactly what `CellText.readable` prints (the shortest
    /// text, cut to 15 significant digits), and with full precision what `NumberText.shortest` prints.
    @Test("fast shortest text equals CellText.readable / NumberText.shortest over awkward values and a seeded sweep")
    func fastShortest() {
        var values: [Double] = [0, -0.0, 1, -1, 0.1 + 0.2, 1e-7, -1e-7, 1e-8, 123456789012345, 1e15, 1e16, 1.5e300, -2.5e-300,
                                .nan, .infinity, -.infinity, .pi, 2.0 / 3, 5e-324, .greatestFiniteMagnitude, 9_007_199_254_740_993]
        var state: UInt64 = 0x9E3779B97F4A7C15
        for _ in 0..<20_000 {   // a fixed-seed LCG: random bit patterns and random 3-decimal values
            state = state &* 6364136223846793005 &+ 1442695040888963407
            values.append(Double(bitPattern: state))
            values.append(Double(Int64(bitPattern: state >> 20)) / 1000)
        }
        let sink = ByteSink { _ in }
        let full = ByteSink { _ in }
        full.fullPrecision = true
        for x in values {
            sink.appendShortest(x)
            full.appendShortest(x)
            #expect(String(decoding: sink.buffer, as: UTF8.self) == CellText.readable(x), "\(x.bitPattern)")
            #expect(String(decoding: full.buffer, as: UTF8.self) == NumberText.shortest(x), "\(x.bitPattern)")
            _ = try? sink.flush()
            _ = try? full.flush()
        }
        // Binary noise is cut; what people write is kept.
        for (x, t) in [(0.039999999999999925, "0.0399999999999999"), (0.1 + 0.2, "0.3"), (1362233.44, "1362233.44"), (2.0 / 3, "0.666666666666667"), (1e-7, "0.0000001")] {
            #expect(CellText.readable(x) == t)
        }
    }
}

@Suite("Numbers for people, Markdown as data")
struct PeopleNumberTests {
    @Test("--decimals fixes places in every text format; --percent shows shares in Markdown only")
    func decimalsAndPercent() throws {
        let t = try Table(columns: [
            Column("year", integers: [2019, 2020]),
            Column("sum", doubles: [1362233.44, 0.1 + 0.2]),
            Column("share", doubles: [0.5933, 0.0412]),
        ])
        var o = WriteOptions()
        o.decimals = 2
        #expect(text(try TableWriter.render(t, options: o)) == "year,sum,share\n2019,1362233.44,0.59\n2020,0.30,0.04\n")
        o.decimals = nil
        o.percentColumns = ["share"]
        #expect(text(try TableWriter.render(t, options: o)) == "year,sum,share\n2019,1362233.44,0.5933\n2020,0.3,0.0412\n")
        o.format = .markdown
        #expect(text(try TableWriter.render(t, options: o)) == """
            | year |          sum | share |
            | ---: | -----------: | ----: |
            | 2019 | 1,362,233.44 | 59.3% |
            | 2020 |          0.3 |  4.1% |

            """)
        o.format = .json
        #expect(text(try TableWriter.render(t, options: o)).contains("\"sum\": 0.30000000000000004"))
    }

    @Test("a percent column's --decimals count percent places: the CSV fraction keeps two more")
    func percentDecimalsKeepTheDisplayedPrecision() throws {
        let t = try Table(columns: [Column("share", doubles: [0.593349, 0.0412])])
        var o = WriteOptions()
        o.decimals = 1
        o.percentColumns = ["share"]
        #expect(text(try TableWriter.render(t, options: o)) == "share\n0.593\n0.041\n", "59.3% and 4.1% as fractions")
        o.format = .markdown
        #expect(text(try TableWriter.render(t, options: o)).contains("59.3%"))
        o.format = .csv
        o.percentColumns = []
        #expect(text(try TableWriter.render(t, options: o)) == "share\n0.6\n0.0\n", "not a percent column: N places as asked")
    }

    @Test("Markdown cells are escaped as data: <script>, &, |, line breaks")
    func markdownEscapes() throws {
        var o = WriteOptions()
        o.format = .markdown
        let t = try Table(columns: [Column("<b>名</b>", strings: ["<script>alert(1)</script>", "a & b | c\nd", "x<y>z"])])
        let out = text(try TableWriter.render(t, options: o))
        #expect(!out.contains("<script>") && !out.contains("<b>"))
        #expect(out.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(out.contains("a &amp; b \\| c<br>d"))
        #expect(out.contains("| &lt;b&gt;名&lt;/b&gt;"))
    }
}
