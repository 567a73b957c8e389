import ArgumentParser
import LaborStat

extension LaborStatCommand {}

/// `laborstat regions`: the built-in table of China's provincial-level divisions.
struct RegionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "regions",
        abstract: "The built-in table of China's provincial-level divisions.",
        discussion: """
        Columns: code (six-digit GB/T 2260), name (full name), short_name (as
        yearbooks print it), abbreviation (简称), pinyin (the name used in English),
        region4 (NBS: 东部, 中部, 西部, 东北; Taiwan, Hong Kong and Macao, which NBS's
        grouping leaves out, are 港澳台), region7 (华北, 东北, 华东, 华中, 华南, 西南, 西北).

        compare, chart tilemap and --where accept any of these spellings, full-width
        or half-width, with or without spaces, pinyin in any case, with suffixes (省,
        市, 自治区, Province, Sheng, Shi, SAR); also 蜀 黔 滇 秦 陇 申, Nei Mongol, Xizang,
        Macau; two-digit codes and six-digit county/city codes (rolled up by their
        first two digits). Shanxi is 山西; 陕西 is Shaanxi.

        Examples:
          laborstat regions
          laborstat regions --format markdown
        """
    )

    @OptionGroup var output: OutputOptions

    func run() throws {
        let all = Province.all
        let table = try Table(columns: [
            Column("code", integers: all.map { Int64($0.code) }),
            Column("name", strings: all.map(\.name)),
            Column("short_name", strings: all.map(\.shortName)),
            Column("abbreviation", strings: all.map(\.abbreviation)),
            Column("pinyin", strings: all.map(\.pinyin)),
            Column("region4", strings: all.map(\.region4)),
            Column("region7", strings: all.map(\.region7)),
        ])
        try output.emit(table, metadata: [
            ("source", "GB/T 2260 codes and names; NBS four regions (港澳台 added); seven geographic regions"),
        ])
    }
}
