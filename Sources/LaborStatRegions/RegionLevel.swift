/// The level regions are rolled up to (`--level`).
public enum RegionLevel: String, Sendable, CaseIterable, Hashable {
    /// The 34 provincial-level divisions.
    case province
    /// NBS's four economic regions 东部/中部/西部/东北 (plus 港澳台).
    case region4
    /// The seven geographic regions 华北 … 西北.
    case region7
    /// The top-most ancestors of a user-supplied hierarchy (`--hierarchy FILE`).
    case custom

    var noun: String {
        switch self {
        case .province: "province"
        case .region4: "NBS region"
        case .region7: "geographic region"
        case .custom: "node of the hierarchy"
        }
    }
}

/// One group of a roll-up: a province, a region, a hierarchy root, or a kept unmatched spelling.
public struct RegionGroup: Sendable, Hashable {
    /// The name printed: the short name for provinces (陕西, as yearbooks print it), the region's
    /// name, the hierarchy root as written, or the unmatched spelling as written.
    public var name: String
    /// The six-digit GB/T 2260 code of a province (nil for regions and unmatched spellings).
    public var code: Int?
    /// False for a kept unmatched spelling (`--keep-unmatched`).
    public var matched: Bool
    /// Output order: provinces by code, regions in their customary order, the rest by name.
    var order: Int

    public init(name: String, code: Int?, matched: Bool = true, order: Int) {
        self.name = name
        self.code = code
        self.matched = matched
        self.order = order
    }
}
