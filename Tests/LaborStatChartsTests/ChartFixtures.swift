@testable import LaborStatCharts

/// Real figures from shared/datasets-src/nbs_migrant_workers.csv (国家统计局《农民工监测调查报告》),
/// copied here so the goldens do not depend on files outside the package.
enum NBS {
    static let years = (2008...2024).map(Double.init)
    /// 农民工总量, 外出农民工, 本地农民工 (万人), 2008–2024.
    static let total: [Double] = [22542, 22978, 24223, 25278, 26261, 26894, 27395, 27747, 28171, 28652, 28836, 29077, 28560, 29251, 29562, 29753, 29973]
    static let outgoing: [Double] = [14041, 14533, 15335, 15863, 16336, 16610, 16821, 16884, 16934, 17185, 17266, 17425, 16959, 17172, 17190, 17658, 17871]
    static let local: [Double] = [8501, 8445, 8888, 9415, 9925, 10284, 10574, 10863, 11237, 11467, 11570, 11652, 11601, 12079, 12372, 12095, 12102]
    /// 月均收入 (元), 全国, 2014–2024.
    static let incomeYears = (2014...2024).map(Double.init)
    static let income: [Double] = [2864, 3072, 3275, 3485, 3721, 3962, 4072, 4432, 4615, 4780, 4961]
    /// 月均收入 by industry, 2024 (元).
    static let industries = ["交通运输、仓储和邮政业", "住宿和餐饮业", "制造业", "居民服务、修理和其他服务业", "建筑业", "批发和零售业"]
    static let industryIncome2024: [Double] = [5635, 4141, 4978, 4023, 5743, 4362]
    /// 农民工人数(按输入地) by region (万人).
    static let stackYears = ["2017", "2018", "2020", "2021", "2022", "2023", "2024"]
    static let regions = ["东部地区", "中部地区", "西部地区", "东北地区"]
    static let byRegion: [[Double]] = [
        [15993, 15808, 15132, 15438, 15447, 15277, 15363],
        [5912, 6051, 6227, 6571, 6771, 6982, 7038],
        [5754, 5993, 6279, 6280, 6436, 6552, 6603],
        [914, 905, 853, 894, 843, 872, 880],
    ]
    /// 月均收入 by region of employment, 2024 (元).
    static let regionIncome2024: [String: Double] = ["东部": 5368, "中部": 4745, "西部": 4541, "东北": 4164]
    /// 外出农民工人均月收入 by region of employment, 2008–2012 (元).
    static let outIncomeYears = (2008...2012).map(Double.init)
    static let outIncome: [(String, [Double])] = [
        ("东部地区", [1352, 1422, 1696, 2053, 2286]),
        ("中部地区", [1275, 1350, 1632, 2006, 2257]),
        ("西部地区", [1273, 1378, 1643, 1990, 2226]),
    ]

    /// The province tile grid of LaborStatRegions' `ProvinceTileGrid` (short names), with NBS's four regions.
    static let provinces: [(name: String, row: Int, col: Int, region: String?)] = [
        ("黑龙江", 0, 6, "东北"),
        ("内蒙古", 1, 3, "西部"), ("北京", 1, 4, "东部"), ("辽宁", 1, 5, "东北"), ("吉林", 1, 6, "东北"),
        ("新疆", 2, 0, "西部"), ("甘肃", 2, 1, "西部"), ("宁夏", 2, 2, "西部"), ("山西", 2, 3, "中部"), ("河北", 2, 4, "东部"), ("天津", 2, 5, "东部"),
        ("西藏", 3, 0, "西部"), ("青海", 3, 1, "西部"), ("陕西", 3, 2, "西部"), ("河南", 3, 3, "中部"), ("山东", 3, 4, "东部"),
        ("四川", 4, 1, "西部"), ("重庆", 4, 2, "西部"), ("湖北", 4, 3, "中部"), ("安徽", 4, 4, "中部"), ("江苏", 4, 5, "东部"), ("上海", 4, 6, "东部"),
        ("云南", 5, 1, "西部"), ("贵州", 5, 2, "西部"), ("湖南", 5, 3, "中部"), ("江西", 5, 4, "中部"), ("浙江", 5, 5, "东部"),
        ("广西", 6, 2, "西部"), ("广东", 6, 3, "东部"), ("福建", 6, 4, "东部"), ("台湾", 6, 5, nil),
        ("海南", 7, 2, "东部"), ("澳门", 7, 3, nil), ("香港", 7, 4, nil),
    ]

    static let source = "来源：国家统计局《农民工监测调查报告》（历年）"
}

/// Simulated monthly incomes (a fixed-seed log-normal sample), for the kinds that need microdata,
/// which the shared data sets do not hold. Charts using them say 模拟数据 in the subtitle.
enum Simulated {
    /// A 64-bit LCG (Knuth's MMIX constants) and Box–Muller: the same numbers on every machine.
    static func incomes(n: Int, median: Double, sigma: Double, seed: UInt64) -> [Double] {
        var s = seed
        func uniform() -> Double {
            s = s &* 6364136223846793005 &+ 1442695040888963407
            return (Double(s >> 11) + 0.5) / Double(1 << 53)
        }
        var out: [Double] = []
        while out.count < n {
            let u1 = uniform(), u2 = uniform()
            let z = (-2 * _log(u1)).squareRoot() * _cos(2 * Double.pi * u2)
            out.append((median * _exp(sigma * z)).rounded())
        }
        return out
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
func _log(_ x: Double) -> Double { log(x) }
func _cos(_ x: Double) -> Double { cos(x) }
func _exp(_ x: Double) -> Double { exp(x) }
