import Foundation
import Testing
@testable import LaborStatRegions
import _LaborStatTestSupport

@Suite("Built-in province table")
struct ProvinceTableTests {
    let all = Province.all
    func province(_ short: String) -> Province { all.first { $0.shortName == short }! }

    @Test("34 divisions with the GB/T 2260 codes")
    func codes() {
        #expect(all.count == 34)
        let expected = [11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46,
                        50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82]
        #expect(all.map(\.prefix) == expected)
        #expect(all.allSatisfy { $0.code % 10_000 == 0 })
        #expect(province("北京").code == 110000 && province("新疆").code == 650000)
        #expect(province("台湾").code == 710000 && province("香港").code == 810000 && province("澳门").code == 820000)
    }

    @Test("full names, short names and abbreviations")
    func names() {
        #expect(all.map(\.abbreviation).joined() == "京津冀晋蒙辽吉黑沪苏浙皖闽赣鲁豫鄂湘粤桂琼渝川贵云藏陕甘青宁新台港澳")
        #expect(Set(all.map(\.abbreviation)).count == 34)
        #expect(province("广西").name == "广西壮族自治区")
        #expect(province("宁夏").name == "宁夏回族自治区")
        #expect(province("新疆").name == "新疆维吾尔自治区")
        #expect(province("内蒙古").name == "内蒙古自治区")
        #expect(province("香港").name == "香港特别行政区")
        #expect(province("四川").otherAbbreviations == ["蜀"])
        #expect(province("贵州").otherAbbreviations == ["黔"])
        #expect(province("云南").otherAbbreviations == ["滇"])
        #expect(province("陕西").otherAbbreviations == ["秦"])
        #expect(province("甘肃").otherAbbreviations == ["陇"])
        #expect(all.allSatisfy { $0.name.hasPrefix($0.shortName) })
    }

    @Test("English names: Shaanxi and Shanxi apart, Inner Mongolia, Tibet, Hong Kong, Macao")
    func pinyin() {
        #expect(province("陕西").pinyin == "Shaanxi")
        #expect(province("山西").pinyin == "Shanxi")
        #expect(province("内蒙古").pinyin == "Inner Mongolia" && province("内蒙古").otherNames.contains("Nei Mongol"))
        #expect(province("西藏").pinyin == "Tibet" && province("西藏").otherNames.contains("Xizang"))
        #expect(province("香港").pinyin == "Hong Kong")
        #expect(province("澳门").pinyin == "Macao" && province("澳门").otherNames.contains("Macau"))
        #expect(province("台湾").pinyin == "Taiwan")
    }

    @Test("NBS four regions and the seven geographic regions")
    func regions() {
        func members(_ key: KeyPath<Province, String>, _ label: String) -> String {
            all.filter { $0[keyPath: key] == label }.map(\.abbreviation).joined()
        }
        #expect(members(\.region4, "东部") == "京津冀沪苏浙闽鲁粤琼")
        #expect(members(\.region4, "中部") == "晋皖赣豫鄂湘")
        #expect(members(\.region4, "西部") == "蒙桂渝川贵云藏陕甘青宁新")
        #expect(members(\.region4, "东北") == "辽吉黑")
        #expect(members(\.region4, "港澳台") == "台港澳")
        #expect(members(\.region7, "华北") == "京津冀晋蒙")
        #expect(members(\.region7, "东北") == "辽吉黑")
        #expect(members(\.region7, "华东") == "沪苏浙皖闽赣鲁台")
        #expect(members(\.region7, "华中") == "豫鄂湘")
        #expect(members(\.region7, "华南") == "粤桂琼港澳")
        #expect(members(\.region7, "西南") == "渝川贵云藏")
        #expect(members(\.region7, "西北") == "陕甘青宁新")
    }

    @Test("the shipped Resources/provinces.csv is the table compiled in")
    func resourceMatches() throws {
        let url = repositoryRoot().appendingPathComponent("Sources/LaborStatRegions/Resources/provinces.csv")
        let text = try String(contentsOf: url, encoding: .utf8)
        #expect(text == Province.tableCSV + "\n")
        #expect(!text.contains("\""))                 // the simple parser needs no quoting
        #expect(text.split(separator: "\n").count == 35)
    }

    @Test("no spelling names two divisions")
    func noCollisions() {
        #expect(RegionMatcher.standard.collidingSpellings.isEmpty)
    }

    @Test("tile grid: every division once, in bounds, neighbours near")
    func tileGrid() {
        let pos = ProvinceTileGrid.positions
        #expect(pos.count == 34)
        #expect(Set(all.map(\.code)) == Set(pos.keys))
        #expect(Set(pos.values.map { $0.row * 100 + $0.col }).count == 34)
        #expect(pos.values.allSatisfy { (0..<ProvinceTileGrid.rows).contains($0.row) && (0..<ProvinceTileGrid.columns).contains($0.col) })
        func near(_ a: String, _ b: String) -> Bool {
            let p = ProvinceTileGrid.position(of: province(a))!, q = ProvinceTileGrid.position(of: province(b))!
            return max(abs(p.row - q.row), abs(p.col - q.col)) == 1
        }
        for (a, b) in [("北京", "河北"), ("北京", "天津"), ("陕西", "山西"), ("陕西", "四川"), ("广东", "香港"), ("广东", "澳门"),
                       ("福建", "台湾"), ("上海", "江苏"), ("上海", "浙江"), ("黑龙江", "吉林"), ("新疆", "西藏"), ("海南", "广西")] {
            #expect(near(a, b), "\(a) and \(b) should touch")
        }
        #expect(ProvinceTileGrid.position(of: province("黑龙江"))! == (0, 6))
        #expect(ProvinceTileGrid.position(of: province("海南"))!.row == ProvinceTileGrid.rows - 1)
    }
}

@Suite("Tile map data")
struct TileDataTests {
    @Test("tiles from any spelling; unmatched and repeated provinces are errors")
    func tiles() throws {
        let t = try ProvinceTileGrid.tiles(spellings: [("Shaanxi", 3), ("广东省", 5), ("11", nil)])
        #expect(t.count == 34)
        #expect(t.first { $0.code == 610000 }!.value == 3)
        #expect(t.first { $0.code == 440000 }! == ProvinceTile(label: "广东", code: 440000, row: 6, col: 3, value: 5))
        #expect(t.filter { $0.value != nil }.count == 2)
        #expect(throws: RegionError.self) { try ProvinceTileGrid.tiles(spellings: [("Shaanxi", 3), ("陕西", 4)]) }
        let e = #expect(throws: RegionError.self) { try ProvinceTileGrid.tiles(spellings: [("Shaanxi", 3), ("Atlantis", 4)], column: "省", file: "f.csv") }
        #expect(e?.description.contains("\"Atlantis\" in data row 2") == true)
    }
}
