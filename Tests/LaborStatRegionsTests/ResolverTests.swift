import Testing
import LaborStatTable
@testable import LaborStatRegions

@Suite("Roll-ups, hierarchies and unmatched spellings")
struct ResolverTests {
    func table(_ names: [String?]) throws -> Table {
        try Table(columns: [Column("省份", strings: names), Column("x", doubles: names.map { _ in 1 })])
    }

    @Test("rows grouped by province in code order, any spelling")
    func provinces() throws {
        let t = try table(["陕西", "Shanxi", "610102", "ＧＵＡＮＧＤＯＮＧ", "北京市", "陕西省 "])
        let a = try RegionResolver(level: .province).assign(t, column: "省份", keepUnmatched: false, file: "a.csv")
        #expect(a.groups.map(\.name) == ["北京", "山西", "广东", "陕西"])
        #expect(a.groups.map(\.code) == [110000, 140000, 440000, 610000])
        #expect(a.groupOfRow == [3, 1, 3, 2, 0, 3])
    }

    @Test("NBS four regions and seven geographic regions, in their customary order")
    func regionLevels() throws {
        let t = try table(["辽宁", "陕西", "北京", "Hong Kong", "湖北", "西部地区", "华东"])
        let r4 = try RegionResolver(level: .region4).assign(t, column: "省份", keepUnmatched: true, file: nil)
        #expect(r4.groups.map(\.name) == ["东部", "中部", "西部", "东北", "港澳台", "华东"])
        #expect(r4.groups.last!.matched == false)
        let r7 = try RegionResolver(level: .region7).assign(t, column: "省份", keepUnmatched: true, file: nil)
        #expect(r7.groups.map(\.name) == ["华北", "东北", "华东", "华中", "华南", "西北", "西部地区"])
    }

    @Test("unmatched spellings: an error listing each with its rows, exit 65")
    func unmatched() throws {
        let names: [String?] = ["陕西", "陝西", "西安", "陕西", "西安", "西安", "Shanxii", "西安", "西安", "西安", "西安"]
        let t = try table(names)
        let e = #expect(throws: RegionError.self) {
            try RegionResolver(level: .province).assign(t, column: "省份", keepUnmatched: false, file: "arrears.csv")
        }
        guard case .unmatched(let column, let file, let bad, let ambiguous, _)? = e else { Issue.record("wrong error"); return }
        #expect(column == "省份" && file == "arrears.csv" && ambiguous.isEmpty)
        #expect(bad.map(\.text) == ["西安", "Shanxii", "陝西"])  // most frequent first
        #expect(bad[0].count == 7 && bad[0].rows == [3, 5, 6, 8, 9])
        let text = e!.description
        #expect(text.contains("arrears.csv: column \"省份\": 3 spellings match no province:"))
        #expect(text.contains("\"西安\" in data rows 3, 5, 6, 8, 9 and 2 more"))
        #expect(text.contains("\"陝西\" in data row 2"))
        #expect(text.contains("hint:") && text.contains("--keep-unmatched"))
        #expect(e!.kind.exitCode == 65)
    }

    @Test("long lists stop after ten spellings and count the rest")
    func longList() throws {
        let names: [String?] = (1...13).flatMap { i in Array(repeating: "城\(i)", count: i) }
        let e = #expect(throws: RegionError.self) {
            try RegionResolver(level: .province).assign(try table(names), column: "省份", keepUnmatched: false, file: nil)
        }
        let lines = e!.description.split(separator: "\n")
        #expect(lines[0] == "column \"省份\": 13 spellings match no province:")
        #expect(lines[1].hasPrefix("  \"城13\" in data rows"))
        #expect(lines[11] == "  … and 3 more spellings in 6 rows")
    }

    @Test("--keep-unmatched keeps each spelling as its own group, after the matched ones")
    func keep() throws {
        let t = try table(["陕西", "西安", "西 安", "四川", "Atlantis"])
        let a = try RegionResolver(level: .province).assign(t, column: "省份", keepUnmatched: true, file: nil)
        #expect(a.groups.map(\.name) == ["四川", "陕西", "Atlantis", "西安"])
        #expect(a.groupOfRow == [1, 3, 3, 0, 2])
    }

    @Test("empty region cells are left out and counted")
    func missing() throws {
        let t = try table(["陕西", nil, "  ", "四川"])
        let a = try RegionResolver(level: .province).assign(t, column: "省份", keepUnmatched: false, file: nil)
        #expect(a.groupOfRow == [1, -1, -1, 0])
        #expect(a.missingCount == 2 && a.missingRows == [2, 3])
    }

    @Test("category columns resolve like text columns, also through a row selection")
    func categories() throws {
        let names: [String?] = ["陕西", "Shanxi", nil, "610102", "西安", "广东省", "陕西", " "]
        let text = try Table(columns: [Column("p", strings: names)]).selecting(rows: [0, 1, 2, 3, 4, 6, 7])
        let cat = try Table(columns: [Column("p", categories: names)]).selecting(rows: [0, 1, 2, 3, 4, 6, 7])
        let r = try RegionResolver(level: .province)
        let a = try r.assign(text, column: "p", keepUnmatched: true, file: nil)
        let b = try r.assign(cat, column: "p", keepUnmatched: true, file: nil)
        #expect(a.groups == b.groups && a.groupOfRow == b.groupOfRow && a.missingRows == b.missingRows)
        #expect(a.groups.map(\.name) == ["山西", "陕西", "西安"])
        #expect(a.groupOfRow == [1, 0, -1, 1, 2, 1, -1])
        #expect(a.missingRows == [3, 8])
    }

    @Test("integer code columns")
    func integerCodes() throws {
        let t = try Table(columns: [Column("code", integers: [610000, 610102, 11, 440300])])
        let a = try RegionResolver(level: .province).assign(t, column: "code", keepUnmatched: false, file: nil)
        #expect(a.groups.map(\.name) == ["北京", "广东", "陕西"])
    }

    // MARK: - Hierarchies

    let pairs: [(child: String, parent: String, row: Int)] = [
        ("西安市", "陕西省", 1), ("雁塔区", "西安市", 2), ("朝阳区", "北京市", 3), ("朝阳市", "辽宁省", 4),
        ("关中", "陕西", 5), ("宝鸡市", "关中", 6), ("西安市", "陕西省", 7), ("大理白族自治州", "云南省", 8),
    ]

    @Test("cities and counties roll up to their province and region")
    func hierarchy() throws {
        let h = try RegionHierarchy(pairs: pairs, file: "h.csv")
        let t = try table(["雁塔区", "宝鸡", "朝阳区", "朝阳市", "大理州", "西安"])
        let a = try RegionResolver(level: .province, hierarchy: h).assign(t, column: "省份", keepUnmatched: false, file: nil)
        #expect(a.groups.map(\.name) == ["北京", "辽宁", "云南", "陕西"])
        #expect(a.groupOfRow == [3, 3, 0, 1, 2, 3])
        let r7 = try RegionResolver(level: .region7, hierarchy: h).assign(t, column: "省份", keepUnmatched: false, file: nil)
        #expect(r7.groups.map(\.name) == ["华北", "东北", "西南", "西北"])
    }

    @Test("a name that fits two nodes is ambiguous, listed with its candidates")
    func ambiguous() throws {
        let h = try RegionHierarchy(pairs: pairs, file: "h.csv")
        let t = try table(["朝阳", "陕西", "朝阳"])
        let e = #expect(throws: RegionError.self) {
            try RegionResolver(level: .province, hierarchy: h).assign(t, column: "省份", keepUnmatched: false, file: "a.csv")
        }
        guard case .unmatched(_, _, let bad, let ambiguous, _)? = e else { Issue.record("wrong error"); return }
        #expect(bad.isEmpty)
        #expect(ambiguous.map(\.text) == ["朝阳"] && ambiguous[0].candidates == ["朝阳区", "朝阳市"] && ambiguous[0].rows == [1, 3])
        #expect(e!.description.contains("1 spelling matches more than one province:"))
        #expect(e!.description.contains("\"朝阳\" (could be 朝阳区 or 朝阳市) in data rows 1, 3"))
    }

    @Test("custom level: the top-most ancestor")
    func custom() throws {
        let h = try RegionHierarchy(pairs: [("西安市", "关中", 1), ("宝鸡市", "关中", 2), ("榆林市", "陕北", 3), ("汉中市", "陕南", 4)], file: "h.csv")
        let t = try table(["西安", "宝鸡市", "榆林市", "汉中", "西安市"])
        let a = try RegionResolver(level: .custom, hierarchy: h).assign(t, column: "省份", keepUnmatched: false, file: nil)
        #expect(a.groups.map(\.name) == ["关中", "陕北", "陕南"])
        #expect(a.groupOfRow == [0, 0, 1, 2, 0])
        #expect(throws: RegionError.self) { try RegionResolver(level: .custom) }
    }

    @Test("custom groupings of provinces: one node per province, in any spelling")
    func customProvinces() throws {
        let h = try RegionHierarchy(pairs: [("陕西省", "西北五省", 1), ("甘肃", "西北五省", 2), ("西安市", "陕西", 3),
                                            ("四川", "西南", 4), ("吉林市", "吉林省", 5)], file: "h.csv")
        #expect(h.names.filter { $0.hasPrefix("陕西") }.count == 1)
        let t = try table(["Shaanxi", "西安", "610102", "甘肃省", "Sichuan", "吉林市"])
        let a = try RegionResolver(level: .custom, hierarchy: h).assign(t, column: "省份", keepUnmatched: true, file: nil)
        #expect(a.groups.map(\.name) == ["吉林省", "西北五省", "西南"])
        #expect(a.groupOfRow == [1, 1, 1, 1, 2, 0])
    }

    @Test("a child with two parents is an error naming both rows")
    func duplicate() {
        let e = #expect(throws: RegionError.self) {
            try RegionHierarchy(pairs: [("朝阳区", "北京市", 1), ("西安市", "陕西", 2), ("朝阳区", "辽宁省", 3)], file: "h.csv")
        }
        #expect(e == .hierarchyDuplicate(file: "h.csv", child: "朝阳区", parents: ["北京市", "辽宁省"], rows: [1, 3]))
        #expect(e?.kind.exitCode == 65)
    }

    @Test("a child that spells its own province is explained, not called a cycle")
    func selfProvince() {
        let e = #expect(throws: RegionError.self) { try RegionHierarchy(pairs: [("吉林", "吉林省", 4)], file: "h.csv") }
        #expect(e?.description == "h.csv: data row 4: \"吉林\" and \"吉林省\" both name the province 吉林; write a city or county with its suffix (吉林市, not 吉林)")
    }

    @Test("cycles are errors", arguments: [
        [("a", "b", 1), ("b", "c", 2), ("c", "a", 3)],
        [("a", "a", 1)],
        [("x", "陕西", 1), ("b", "c", 2), ("c", "b", 3)],
    ])
    func cycles(pairs: [(String, String, Int)]) {
        let e = #expect(throws: RegionError.self) {
            try RegionHierarchy(pairs: pairs.map { (child: $0.0, parent: $0.1, row: $0.2) }, file: "h.csv")
        }
        guard case .hierarchyCycle(_, let cycle)? = e else { Issue.record("wrong error"); return }
        #expect(cycle.first == cycle.last && cycle.count >= 2)
    }
}

@Suite("Loose names of cities and counties")
struct LooseNameTests {
    @Test("autonomous units meet their short forms", arguments: [
        ("大理白族自治州", "大理州"), ("伊犁哈萨克自治州", "伊犁州"), ("巴音郭楞蒙古自治州", "巴音郭楞州"),
        ("黔东南苗族侗族自治州", "黔东南州"), ("西双版纳傣族自治州", "西双版纳州"), ("延边朝鲜族自治州", "延边州"),
        ("恩施土家族苗族自治州", "恩施州"), ("博尔塔拉蒙古自治州", "博州"), ("长阳土家族自治县", "长阳县"),
        ("朝阳区", "朝阳"), ("西安市", "西安"), ("喀什地区", "喀什"),
    ])
    func autonomous(full: String, short: String) {
        let a = RegionHierarchy.loose(RegionName.normalize(full)), b = RegionHierarchy.loose(RegionName.normalize(short))
        if full == "博尔塔拉蒙古自治州" { #expect(a == "博尔塔拉"); return } // 博州 is a nickname, not a prefix
        #expect(a == b, "\(full) → \(a), \(short) → \(b)")
    }
}
