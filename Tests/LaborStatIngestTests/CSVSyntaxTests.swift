import Foundation
import Testing
import LaborStatTable
@testable import LaborStatIngest

@Suite("CSV syntax against csv-spectrum and PapaParse")
struct CSVSyntaxTests {
    static let spectrumCases: [String] = {
        let manifest = (try? fixtureJSON("spectrum/manifest.json")) as? [[String: Any]] ?? []
        return manifest.filter { ($0["status"] as? String) == "ok" }.compactMap { $0["case"] as? String }
    }()

    @Test("csv-spectrum case (location_coordinates excluded: inconsistent upstream)", arguments: spectrumCases)
    func spectrum(_ name: String) throws {
        let bytes = try fixtureBytes("spectrum/csvs/\(name).csv")
        let expected = try #require(try fixtureJSON("spectrum/expected_rows/\(name).json") as? [[String]])
        #expect(try CSVParser.rows(bytes: bytes) == expected)
        // The same text read as a table: header + typed cells, keep-text shows the cells as written.
        let table = try TableReader.read(bytes: bytes, name: name, options: { var o = ReadOptions(); o.keepText = true; o.delimiter = 44; return o }())
        #expect(table.columnNames == expected[0])
        #expect(cells(table).map { $0.map { $0 ?? "" } } == Array(expected.dropFirst()))
    }

    @Test func spectrumHasElevenScoredCases() { #expect(Self.spectrumCases.count == 11) }

    struct PapaCase: Sendable, CustomTestStringConvertible {
        let id: String, description: String, input: String, expected: [[String]]
        var testDescription: String { "\(id) \(description)" }
    }

    static let papaCases: [PapaCase] = {
        let list = (try? fixtureJSON("papaparse/agreed.json")) as? [[String: Any]] ?? []
        return list.map { PapaCase(id: $0["id"] as! String, description: $0["description"] as! String,
                                   input: $0["input"] as! String, expected: $0["expected_rows"] as! [[String]]) }
    }()

    @Test("PapaParse agreed case", arguments: papaCases)
    func papaparse(_ c: PapaCase) throws {
        #expect(try CSVParser.rows(bytes: Array(c.input.utf8)) == c.expected)
    }

    @Test func fiftyFourPapaCases() { #expect(Self.papaCases.count == 54) }

    @Test("sniffing the delimiter gives the same rows on the PapaParse cases with a comma")
    func sniffedPapa() throws {
        for c in Self.papaCases where c.expected.contains(where: { $0.count > 1 }) {
            #expect(try CSVParser.rows(bytes: Array(c.input.utf8), delimiter: nil) == c.expected, "\(c.id)")
        }
    }

    @Test func delimiters() throws {
        let semi = try TableReader.read(path: fixture("csv/semicolon.csv"))
        #expect(semi.source?.delimiter == ";")
        #expect(semi.columnNames == ["a", "b", "c"])
        #expect(try semi.column(named: "b").string(at: 0) == "x;y")
        let tab = try TableReader.read(path: fixture("csv/tab.tsv"))
        #expect(tab.source?.delimiter == "tab")
        #expect(try tab.column(named: "金额").double(at: 0) == 1200)
        let pipe = try TableReader.read(path: fixture("csv/pipe.txt"))
        #expect(pipe.source?.delimiter == "|")
        #expect(pipe.rowCount == 2)
    }

    @Test("a ragged row is located at its line, with the line and a hint")
    func ragged() throws {
        let e = #expect(throws: IngestError.self) { try TableReader.read(path: fixture("csv/ragged.csv")) }
        guard case .malformed(let loc, let msg, let hint)? = e else { Issue.record("wrong error \(String(describing: e))"); return }
        #expect(loc.line == 3)
        #expect(loc.column == 1)
        #expect(loc.lineText == "李四,200")
        #expect(msg.contains("2 fields") && msg.contains("3"))
        #expect(hint != nil)
        #expect(e?.kind == .badData)
        #expect(e!.description.hasPrefix(fixture("csv/ragged.csv") + ":3:1: "))
    }

    @Test("a row that starts after a multi-line quoted field is located at its physical line")
    func raggedAfterMultiline() throws {
        let e = #expect(throws: IngestError.self) { try read("a,b\n\"x\ny\",1\n2\n") }
        guard case .malformed(let loc, _, _)? = e else { Issue.record("no location"); return }
        #expect(loc.line == 4)
    }

    @Test("an unterminated quote is located at the opening quote")
    func unterminated() throws {
        let e = #expect(throws: IngestError.self) { try TableReader.read(path: fixture("csv/unterminated.csv")) }
        guard case .malformed(let loc, let msg, _)? = e else { Issue.record("no location"); return }
        #expect(loc.line == 2)
        #expect(loc.column == 3)
        #expect(msg.contains("not closed"))
    }

    @Test("columns count Unicode scalars")
    func scalarColumns() throws {
        let t = try read("名称,金额\n张三,十多万\n李四,300\n王五,400\n赵六,500\n")
        let p = try #require(try t.column(named: "金额").problems.first)
        #expect(p.location.line == 2)
        #expect(p.location.column == 4)
        #expect(p.location.lineText == "张三,十多万")
        #expect(p.location.excerpt.hasSuffix("^"))
    }

    @Test func lineEndings() throws {
        for text in ["a,b\n1,2\n3,4\n", "a,b\r\n1,2\r\n3,4\r\n", "a,b\r1,2\r3,4\r", "a,b\n1,2\n3,4"] {
            let t = try read(text)
            #expect(cells(t) == [["1", "2"], ["3", "4"]], "\(text.debugDescription)")
        }
    }

    @Test func emptyLinesAreSkippedAndTrailingDelimiterIsAField() throws {
        let t = try read("a,b,\n\n1,2,\n\n3,4,x\n")
        #expect(t.columnNames == ["a", "b", "#3"])
        #expect(t.rowCount == 2)
    }

    @Test func headerNamesAreTrimmedAndUnique() throws {
        let t = try read(" 省份 ,x,x,\n广东省,1,2,3\n")
        #expect(t.columnNames == ["省份", "x", "x_2", "#4"])
    }

    @Test func noHeader() throws {
        let t = try read("1,2\n3,4\n") { $0.header = false }
        #expect(t.columnNames == ["#1", "#2"])
        #expect(t.rowCount == 2)
    }

    @Test func headerOnlyAndEmptyInput() throws {
        let t = try read("a,b\n")
        #expect(t.columnNames == ["a", "b"])
        #expect(t.rowCount == 0)
        #expect(try read("").columns.isEmpty)
    }
}

@Suite("Large inputs: chunked, parallel parse")
struct ChunkedParseTests {
    @Test("quoted fields with line breaks across chunk boundaries read the same as sequentially")
    func multilineAcrossChunks() throws {
        var text = "id,note,amount\n"
        var expected: [[String?]] = []
        for i in 0..<60_000 {
            let note = i % 3 == 0 ? "第\(i)行\n续行,\"引号\"" : "普通\(i)"
            let quoted = "\"" + note.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            text += "\(i),\(quoted),\(i * 10)\n"
            expected.append([String(i), note, String(i * 10)])
        }
        #expect(text.utf8.count > 1_500_000)   // several chunks (at least one per core above 1 MiB)
        let t = try read(text)
        #expect(t.rowCount == 60_000)
        #expect(cells(t) == expected)
        // The grid API agrees.
        let rows = try CSVParser.rows(bytes: Array(text.utf8))
        #expect(rows.count == 60_001)
        #expect(rows[1] == ["0", "第0行\n续行,\"引号\"", "0"])
    }

    @Test("an unterminated quote in the middle of a large file is located")
    func unterminatedInLargeFile() throws {
        var text = "a,b\n"
        for i in 0..<100_000 { text += "\(i),x\n" }
        text += "7,\"open\n"
        for i in 0..<100_000 { text += "\(i),y\n" }
        let e = #expect(throws: IngestError.self) { try read(text) }
        guard case .malformed(let loc, _, _)? = e else { Issue.record("no location"); return }
        #expect(loc.line == 100_002)
        #expect(loc.column == 3)
    }

    @Test("a ragged row deep in a large file is located at its line")
    func raggedDeep() throws {
        var text = "a,b\n"
        for i in 0..<150_000 { text += "\(i),x\n" }
        text += "1,2,3\n"
        for i in 0..<10 { text += "\(i),y\n" }
        let e = #expect(throws: IngestError.self) { try read(text) }
        guard case .malformed(let loc, _, _)? = e else { Issue.record("no location"); return }
        #expect(loc.line == 150_002)
    }
}

@Suite("Progress")
struct ProgressTests {
    final class Calls: @unchecked Sendable {
        let lock = NSLock()
        var values: [(Int, Int)] = []
        func add(_ d: Int, _ t: Int) { lock.lock(); values.append((d, t)); lock.unlock() }
    }

    @Test("progress ends with (total, total)")
    func progressEnds() throws {
        let calls = Calls()
        var text = "a,b\n"
        for i in 0..<100_000 { text += "\(i),x\n" }
        _ = try read(text) { $0.progress = { calls.add($0, $1) } }
        let last = try #require(calls.values.last)
        #expect(last.0 == last.1)
        #expect(last.1 == text.utf8.count)
        #expect(calls.values.count < 50)
    }
}
