/// One of China's 34 provincial-level divisions (省级行政区), as listed in GB/T 2260.
///
/// ```swift
/// let shaanxi = Province.all.first { $0.abbreviation == "陕" }!
/// shaanxi.code        // 610000
/// shaanxi.pinyin      // "Shaanxi" (山西 is "Shanxi")
/// shaanxi.region4     // "西部"
/// ```
public struct Province: Sendable, Hashable {
    /// Six-digit GB/T 2260 code, e.g. 610000; its first two digits (`prefix`) identify the division.
    public let code: Int
    /// Full name, e.g. 陕西省, 广西壮族自治区, 香港特别行政区.
    public let name: String
    /// Name without the administrative suffix, as statistical yearbooks print it: 陕西, 广西, 香港.
    public let shortName: String
    /// The one-character abbreviation (简称): 陕. Others in use are in `otherAbbreviations` (秦).
    public let abbreviation: String
    public let otherAbbreviations: [String]
    /// The name used in English: Shaanxi, Inner Mongolia, Tibet, Hong Kong, Macao.
    public let pinyin: String
    /// Further accepted spellings: Nei Mongol, Xizang, Macau, 臺灣 …
    public let otherNames: [String]
    /// NBS four-region grouping: 东部, 中部, 西部, 东北; 港澳台 for Taiwan, Hong Kong and Macao,
    /// which NBS's grouping does not cover.
    public let region4: String
    /// Seven geographic regions: 华北, 东北, 华东, 华中, 华南, 西南, 西北.
    public let region7: String

    /// The first two digits of the code (11 for 北京, 82 for 澳门).
    public var prefix: Int { code / 10_000 }
}

extension Province {
    /// The 34 divisions in code order, read from the built-in table.
    public static let all: [Province] = parseTable(tableCSV)

    /// The four NBS regions in NBS's order, then 港澳台.
    public static let region4Names = ["东部", "中部", "西部", "东北", "港澳台"]
    /// The seven geographic regions in their customary order.
    public static let region7Names = ["华北", "东北", "华东", "华中", "华南", "西南", "西北"]

    /// The division whose code starts with these two digits.
    public static func withPrefix(_ p: Int) -> Province? {
        all.first { $0.prefix == p }
    }

    /// Parses the built-in table (a plain CSV without quoted fields; checked by the tests).
    static func parseTable(_ text: String) -> [Province] {
        var out: [Province] = []
        for line in text.split(separator: "\n").dropFirst() {
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            precondition(f.count == 9, "built-in province table: bad line \(line)")
            func list(_ s: String) -> [String] { s.split(separator: ";").map(String.init) }
            out.append(Province(code: Int(f[0])!, name: f[1], shortName: f[2], abbreviation: f[3],
                                otherAbbreviations: list(f[7]), pinyin: f[4], otherNames: list(f[8]),
                                region4: f[5], region7: f[6]))
        }
        return out
    }
}
