import Foundation
import Testing
import LaborStatTable
import _LaborStatTestSupport
@testable import LaborStatRegions

/// `COL:province`: a key column of canonical provinces (short names, code order), and the note of
/// a column that spells provinces more than one way.
@Suite("COL:province key and spelling splits")
struct ProvinceKeyTests {
    func table(_ names: [String?]) throws -> Table {
        try Table(columns: [Column("省份", categories: names), Column("金额", integers: names.indices.map { Int64($0 + 1) })])
    }

    @Test("the key groups every spelling of a province, in division-code order")
    func groups() throws {
        let t = try table(["广东", "广东省", "四川省", "Guangdong", "北京市", nil, "四川"]).addingProvinceKeys(["省份:province"])
        let key = try t.column(named: "省份:province")
        #expect(key.levelsOrdered)
        let g = try Grouping(t, by: [KeySpec("省份:province")])
        #expect(g.keys[0].string(at: 0) == "北京")
        #expect((0..<g.groupCount).map { g.keys[0].string(at: $0) } == ["北京", "广东", "四川", nil])
        #expect(g.sizes == [1, 3, 2, 1])
    }

    @Test("under a row selection the key column still fits the table")
    func selection() throws {
        let base = try table(["广东", "四川省", "广东省", "北京"])
        let t = try base.selecting(physicalRows: [1, 2]).addingProvinceKeys(["省份:province"])
        #expect(t.physicalRowCount == 4 && t.rowCount == 2)
        let g = try Grouping(t, by: [KeySpec("省份:province")])
        #expect((0..<g.groupCount).map { g.keys[0].string(at: $0) } == ["广东", "四川"])
    }

    @Test("a spelling that names no province is an error naming it")
    func unmatched() throws {
        #expect(throws: RegionError.self) { try table(["广东", "火星"]).addingProvinceKeys(["省份:province"]) }
    }

    @Test("spelling splits are found only in columns of province names")
    func splits() throws {
        let s = try table(["广东", "广东省", "四川省", "Guangdong", "北京市", "四川"]).provinceSpellingSplits(column: "省份")
        #expect(s.map(\.province) == ["广东", "四川"])
        #expect(s.first?.spellings == ["广东", "广东省", "Guangdong"])
        #expect(try table(["广东", "北京", "四川"]).provinceSpellingSplits(column: "省份").isEmpty)
        #expect(try table(["甲", "乙", "广东", "广东省", "丙"]).provinceSpellingSplits(column: "省份").isEmpty)
    }

    @Test("aggregate, pivot, tabulate and trend group by COL:province; a split column gets the note")
    func cli() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("laborstat-prov-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent("p.csv").path
        try Data("省份,年份,金额\n广东,2019,1\n广东省,2020,2\n四川,2019,3\n四川省,2020,4\n北京市,2019,5\n".utf8).write(to: URL(fileURLWithPath: path))
        let note = "laborstat: note: column \"省份\" spells 2 provinces more than one way (广东, 广东省; 四川, 四川省); group by 省份:province to count them as one\n"
        let plain = try runLaborstat(["aggregate", path, "--by", "省份", "--sum", "金额"])
        #expect(plain.stderr == note)
        let a = try runLaborstat(["aggregate", path, "--by", "省份:province", "--sum", "金额"])
        #expect(a.stdout == "省份:province,sum_金额\n北京,5\n广东,3\n四川,7\n")
        #expect(a.stderr.isEmpty)
        let p = try runLaborstat(["pivot", path, "--rows", "省份:province", "--cols", "年份", "--value", "金额", "--agg", "sum"])
        #expect(p.stdout == "省份:province,2019,2020,total\n北京,5,,5\n广东,1,2,3\n四川,3,4,7\n")
        let t = try runLaborstat(["tabulate", path, "--rows", "省份:province"])
        #expect(t.stdout.split(separator: "\n").map { $0.split(separator: ",").prefix(2).joined(separator: ",") } == ["省份:province,n", "北京,1", "广东,2", "四川,2"])
        let tr = try runLaborstat(["trend", path, "--time", "年份", "--value", "金额", "--by", "省份:province"])
        #expect(tr.status == 0, "\(tr.stderr)")
        #expect(tr.stdout.split(separator: "\n").dropFirst().map { $0.split(separator: ",").prefix(6).joined(separator: ",") }
                == ["北京,1,2019,2019,5,5", "广东,2,2019,2020,1,2", "四川,2,2019,2020,3,4"])
    }
}
