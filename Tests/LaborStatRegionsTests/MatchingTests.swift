import Testing
@testable import LaborStatRegions

@Suite("Matching region spellings")
struct MatchingTests {
    let m = RegionMatcher.standard

    func code(_ s: String) -> Int? {
        if case .province(let p) = m.match(s) { return p.code }
        return nil
    }

    @Test("every spelling class of 陕西", arguments: [
        "陕西省", "陕西", "陕", "秦",                              // full, short, abbreviations
        "Shaanxi", "shaanxi", "SHAANXI", "ShAaNxI",               // pinyin, any case
        "Shaan xi", "Shaan-xi", "shaan_xi", "Shaan'xi",           // spaces, hyphens
        "Shaanxi Province", "Shaanxi Sheng", "shaanxisheng", "Shaanxi Shi", // suffixes
        "Shǎnxī", "Shǎnxi",                                        // tone marks
        "ＳＨＡＡＮＸＩ", "陕西省　", "　陕西", " 陕 西 省 ", "\t陕西\n", // full-width, white space
        "61", "610000", "610102", "6101", "610102001000", "６１００００", // codes
        "陕西省西安市", "陕西省西安市雁塔区",                           // longer names
    ])
    func shaanxi(spelling: String) {
        #expect(code(spelling) == 610000)
    }

    @Test("Shanxi is 山西 only", arguments: ["Shanxi", "SHANXI", "Shan xi", "Shanxi Province", "Shānxī", "山西", "山西省", "晋", "14", "140100"])
    func shanxi(spelling: String) {
        #expect(code(spelling) == 140000)
    }

    @Test("administrative suffixes", arguments: [
        ("广西壮族自治区", 450000), ("广西自治区", 450000), ("Guangxi Zhuang Autonomous Region", 450000),
        ("宁夏回族自治区", 640000), ("Ningxia Hui Autonomous Region", 640000),
        ("新疆维吾尔自治区", 650000), ("新疆自治区", 650000), ("Xinjiang Uygur Autonomous Region", 650000),
        ("内蒙古自治区", 150000), ("内蒙古", 150000), ("内蒙", 150000), ("Inner Mongolia", 150000),
        ("Nei Mongol", 150000), ("Inner Mongolia Autonomous Region", 150000),
        ("西藏", 540000), ("Tibet", 540000), ("Xizang", 540000), ("Tibet Autonomous Region", 540000),
        ("香港特别行政区", 810000), ("香港特区", 810000), ("Hong Kong", 810000), ("HongKong", 810000), ("Hong Kong SAR", 810000),
        ("澳门", 820000), ("Macao", 820000), ("Macau", 820000), ("澳門", 820000), ("Macao SAR", 820000),
        ("台湾省", 710000), ("台湾", 710000), ("Taiwan", 710000), ("臺灣", 710000),
        ("北京市", 110000), ("Beijing Shi", 110000), ("Beijing Municipality", 110000), ("BEIJING CITY", 110000),
        ("重庆", 500000), ("Chongqing", 500000), ("渝", 500000),
        ("四川", 510000), ("蜀", 510000), ("川", 510000), ("贵", 520000), ("黔", 520000), ("滇", 530000), ("陇", 620000),
        ("吉林省吉林市", 220000), ("11", 110000), ("110105", 110000), ("820000", 820000),
    ])
    func suffixes(spelling: String, expected: Int) {
        #expect(code(spelling) == expected)
    }

    @Test("each division's own spellings match it")
    func roundTrip() {
        for p in Province.all {
            for s in [p.name, p.shortName, p.abbreviation, p.pinyin, p.pinyin.uppercased(), p.pinyin.lowercased(),
                      String(p.code), String(p.prefix), String(p.code + 102), p.name + " ", "\u{3000}" + p.shortName] + p.otherNames + p.otherAbbreviations {
                #expect(code(s) == p.code, "\(s) should be \(p.name)")
            }
        }
    }

    @Test("spellings that name no division", arguments: [
        "", "   ", "全国", "华东", "西安市", "Shan", "Xian", "山陕", "海南藏族自治州", "河南蒙古族自治县",
        "99", "990000", "新市", "宁市", "云县", "青县", "宁县", "京省", "100000", "611", "61000", "shaanxishanxi", "—", "Province",
    ])
    func none(spelling: String) {
        #expect(m.match(spelling) == .none, "\(spelling)")
    }

    @Test("normal form: NFKC, case, white space, punctuation, tones")
    func normalForm() {
        #expect(RegionName.normalize(" Ｓｈａａｎｘｉ　Ｐｒｏｖｉｎｃｅ ") == "shaanxiprovince")
        #expect(RegionName.normalize("Hong-Kong S.A.R.") == "hongkongsar")
        #expect(RegionName.normalize("Shānxī") == "shanxi")
        #expect(RegionName.strippingSuffix("广西壮族自治区") == "广西")
        #expect(RegionName.strippingSuffix("省") == nil)
    }
}
