import Foundation
import Testing
import LaborStatTable
@testable import LaborStatIngest

/// Fixtures written by `Fixtures/make_fixtures.py` with Python's codecs (independent of the decoder).
@Suite("Encodings: BOM, UTF-8, GB18030, CP936, UTF-16")
struct EncodingTests {
    static func expected(_ key: String) throws -> [[String]] {
        let json = try #require(try fixtureJSON("encodings/expected.json") as? [String: Any])
        return try #require(json[key] as? [[String]])
    }

    /// The table as written (keep-text: cells exactly as in the file).
    func rowsAsWritten(_ rel: String, _ encoding: ReadOptions.Encoding = .auto) throws -> (Table, [[String]]) {
        var o = ReadOptions()
        o.keepText = true
        o.encoding = encoding
        let t = try TableReader.read(path: fixture(rel), options: o)
        return (t, [t.columnNames] + cells(t).map { $0.map { $0 ?? "" } })
    }

    @Test("detected encoding and exact text", arguments: [
        ("encodings/gb18030.csv", "gb18030", false),
        ("encodings/utf8_bom.csv", "utf-8", true),
        ("encodings/utf16le_bom.csv", "utf-16le", true),
        ("encodings/utf16be_bom.csv", "utf-16be", true),
    ])
    func detected(_ rel: String, _ encoding: String, _ bom: Bool) throws {
        let (t, rows) = try rowsAsWritten(rel)
        #expect(rows == (try Self.expected("rows")))
        #expect(t.source?.encoding == encoding)
        #expect(t.source?.hadBOM == bom)
    }

    @Test("GB18030 four-byte characters (U+20000, U+1F600) decode exactly")
    func fourByte() throws {
        let (_, rows) = try rowsAsWritten("encodings/gb18030.csv")
        #expect(rows[1][3] == "含𠀀字")
        #expect(rows[2][3] == "笑😀")
    }

    @Test("CP936's 0x80 is €, with auto detection and with --encoding gbk")
    func cp936() throws {
        for enc in [ReadOptions.Encoding.auto, .gbk, .gb18030] {
            let (t, rows) = try rowsAsWritten("encodings/cp936_euro.csv", enc)
            #expect(rows == (try Self.expected("gbk_rows")))
            #expect(t.source?.encoding == "gb18030")
        }
    }

    @Test("CRLF line ends and CRLF inside a quoted field")
    func crlf() throws {
        let (_, rows) = try rowsAsWritten("encodings/utf8_crlf.csv")
        #expect(rows == (try Self.expected("crlf_rows")))
    }

    @Test("typed values are the same in every encoding")
    func typedEverywhere() throws {
        for rel in ["encodings/gb18030.csv", "encodings/utf8_bom.csv", "encodings/utf16le_bom.csv", "encodings/utf16be_bom.csv"] {
            let t = try TableReader.read(path: fixture(rel))
            #expect(t.columnNames == ["省份", "年份", "欠薪金额", "备注"], "\(rel)")
            let owed = try t.column(named: "欠薪金额")
            #expect(owed.type == .decimal)
            #expect(owed.double(at: 0) == 28400)
            #expect(owed.double(at: 1) == 4599.3)
            #expect(owed.isMissing(2))
            #expect(owed.double(at: 3) == 123)
            #expect(try t.column(named: "年份").type == .integer)
        }
    }

    @Test("a damaged UTF-8 file is an error at the bad byte, not GB18030 nonsense")
    func damagedUTF8() throws {
        var bytes = Array("名称,金额\n".utf8)
        for i in 0..<20 { bytes += Array("广东省\(i),\(i)\n".utf8) }
        bytes += Array("坏".utf8).prefix(2) + Array(",1\n".utf8)
        let e = #expect(throws: IngestError.self) { try TableReader.read(bytes: bytes, name: "bad.csv") }
        guard case .malformed(let loc, let msg, let hint)? = e else { Issue.record("no location"); return }
        #expect(loc.line == 22)
        #expect(msg.contains("UTF-8"))
        #expect(hint?.contains("gb18030") == true)
    }

    @Test("--encoding utf-8 on GB18030 bytes is a located error")
    func forcedUTF8() throws {
        var o = ReadOptions()
        o.encoding = .utf8
        let e = #expect(throws: IngestError.self) { try TableReader.read(path: fixture("encodings/gb18030.csv"), options: o) }
        guard case .malformed(let loc, _, _)? = e else { Issue.record("no location"); return }
        #expect(loc.line == 1)
    }

    @Test("UTF-8 after a long ASCII prefix is still validated (chunked, in parallel)")
    func validatedLate() throws {
        var text = "a,b\n"
        for i in 0..<200_000 { text += "\(i),x\n" }
        var bytes = Array(text.utf8)
        bytes += [0x41, 0xFF, 0x0A]   // an invalid byte after 1.5 MB of ASCII
        bytes.insert(contentsOf: Array(",".utf8), at: bytes.count - 1)
        // Only ASCII before the bad byte: GB18030 is tried, and 0xFF is not GB18030 either.
        #expect(throws: IngestError.self) { try TableReader.read(bytes: bytes) }
    }
}
