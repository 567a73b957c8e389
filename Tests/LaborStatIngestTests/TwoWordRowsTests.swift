import Foundation
import Testing
@testable import LaborStatIngest
import LaborStatTable

/// Two full rows of words over numbers, the upper one with a number in it: not sure which is the
/// header, so refused with the flags rather than read with a title as the header.
@Suite("Office layouts: two full rows of words over numbers")
struct TwoWordRowsTests {
    static func read(_ text: String, _ configure: (inout ReadOptions) -> Void = { _ in }) throws(IngestError) -> Table {
        var o = ReadOptions()
        configure(&o)
        return try TableReader.read(bytes: Array(text.utf8), name: "t.csv", options: o)
    }

    @Test("a title of two cells over a two-column table: exit 65 naming both rows and the flags")
    func refused() throws {
        let text = "欠薪情况,2023\n地区,金额\n北京,1\n上海,2\n"
        do {
            _ = try Self.read(text)
            Issue.record("a title was read as the header")
        } catch {
            #expect(error.kind.exitCode == 65)
            #expect(error.description.hasPrefix("t.csv:2:1: not sure where the header is: rows 1 and 2 both look like a header over the numbers below"))
            #expect(error.description.hasSuffix("\nhint: if row 1 is a title: --skip-rows 1; if both are header rows: --skip-rows 0 --header-rows 2"))
        }
        let titled = try Self.read(text) { $0.skipRows = 1 }
        #expect(titled.columnNames == ["地区", "金额"])
        #expect(try titled.doubles("金额") == [1, 2])
        let joined = try Self.read(text) { $0.skipRows = 0; $0.headerRows = 2 }
        #expect(joined.columnNames == ["欠薪情况地区", "2023金额"])
    }

    @Test("a first data row of missing markers is data, not a second header row")
    func missingRow() throws {
        let t = try Self.read("地区,金额,人数\n北京,-,-\n上海,2,3\n天津,4,5\n")
        #expect(t.columnNames == ["地区", "金额", "人数"])
        #expect(t.rowCount == 3)
        #expect(try t.column(named: "金额").missingCount == 1)
    }
}
