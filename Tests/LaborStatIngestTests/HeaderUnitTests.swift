import Testing
@testable import LaborStatIngest
import LaborStatTable

@Suite("Units from headers")
struct HeaderUnitTests {
    @Test("a unit in the header's brackets names a number column without units of its own")
    func headerUnits() throws {
        let csv = "欠薪金额（元）,人数(人),比重（%）,金额（元）,名称（简称）\n3500,12,15.1,2.84万元,甲\n4200,7,16.0,3万元,乙\n"
        let t = try TableReader.read(bytes: Array(csv.utf8))
        #expect(t.columns.map(\.unit) == ["元", "人", nil, "元", nil])
        // The cells' own unit wins and scales: 2.84万元 = 28400 元.
        #expect(t.columns[3].double(at: 0) == 28400)
    }

    @Test("headerUnit reads only the trailing bracket", arguments: [
        ("农民工总量（万人）", "万人"), ("月工资(元)", "元"), ("50岁以上比重（%）", nil), ("（元）金额", nil), ("金额", nil),
    ] as [(String, String?)])
    func trailingBracket(header: String, unit: String?) {
        #expect(ColumnAssembler.headerUnit(header) == unit)
    }
}
