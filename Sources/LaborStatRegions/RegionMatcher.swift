/// What a spelling matched.
public enum RegionMatch: Sendable, Hashable {
    case province(Province)
    /// The spelling fits several divisions (their names are listed).
    case ambiguous([String])
    case none
}

/// Finds the provincial-level division a spelling names.
///
/// Accepted, for 陕西省: `陕西省`, `陕西`, `陕`, `秦`, `Shaanxi`, `SHAANXI`, `shaan xi`,
/// `Shaanxi Province`, `Shaanxi Sheng`, `Shǎnxī`, full-width `ｓｈａａｎｘｉ`, `61`, `610000`, any
/// code whose first two digits are 61 (`610102`, `6101`, the 12-digit statistical codes), and a
/// longer name that starts with the full name (`陕西省西安市`). Spellings are compared in
/// `RegionName`'s normal form, and with one administrative suffix removed (`广西自治区`,
/// `Hong Kong SAR`).
///
/// `Shanxi` is 山西 only: 陕西 is spelled `Shaanxi` (the official romanisation that keeps the two
/// apart). Toned `Shǎnxī` is 陕西 and `Shānxī` 山西.
public struct RegionMatcher: Sendable {
    /// The built-in matcher over `Province.all`.
    public static let standard = RegionMatcher(Province.all)

    let provinces: [Province]
    /// Normal form → indices of the provinces that use it (more than one is an ambiguity).
    let keys: [String: [Int]]
    /// The same without the one-character abbreviations: only names take a suffix (`新市` is not 新疆).
    let nameKeys: [String: [Int]]
    /// Normal forms of the full names, for `陕西省西安市`.
    let fullNames: [(String, Int)]

    public init(_ provinces: [Province]) {
        self.provinces = provinces
        var keys: [String: [Int]] = [:], nameKeys: [String: [Int]] = [:]
        for (i, p) in provinces.enumerated() {
            let names = [p.name, p.shortName, p.pinyin] + p.otherNames
            for s in names + [p.abbreviation] + p.otherAbbreviations {
                let k = RegionName.normalize(s)
                if !(keys[k]?.contains(i) ?? false) { keys[k, default: []].append(i) }
                if names.contains(s) && !(nameKeys[k]?.contains(i) ?? false) { nameKeys[k, default: []].append(i) }
            }
        }
        self.keys = keys
        self.nameKeys = nameKeys
        self.fullNames = provinces.enumerated().map { (RegionName.normalize($0.element.name), $0.offset) }
    }

    /// Spellings that the built-in table gives to more than one division (none, as the tests check).
    public var collidingSpellings: [String] { keys.filter { $0.value.count > 1 }.map(\.key).sorted() }

    /// The division a spelling names, if exactly one.
    public func match(_ spelling: String) -> RegionMatch {
        let raw = spelling.lowercased().filter { !$0.isWhitespace }
        if raw.hasPrefix("shǎn") { return lookup("shaanxi") }
        let k = RegionName.normalize(spelling)
        if k.isEmpty { return .none }
        if let code = codeMatch(k) { return code }
        let direct = lookup(k)
        if direct != .none { return direct }
        if let stripped = RegionName.strippingSuffix(k) {
            let m = result(nameKeys[stripped] ?? [])
            if m != .none { return m }
        }
        let prefixed = Set(fullNames.filter { k.hasPrefix($0.0) }.map(\.1))
        return result(Array(prefixed).sorted())
    }

    func lookup(_ key: String) -> RegionMatch { result(keys[key] ?? []) }

    /// The division whose own spelling (name, short name, abbreviation, English name) is exactly
    /// this normal form — no suffix removed, no code, no prefix.
    public func exactProvince(normalized key: String) -> Province? {
        if case .province(let p) = lookup(key) { return p }
        return nil
    }

    func result(_ indices: [Int]) -> RegionMatch {
        switch indices.count {
        case 0: .none
        case 1: .province(provinces[indices[0]])
        default: .ambiguous(indices.map { provinces[$0].name })
        }
    }

    /// Two-digit province codes, and 4-, 6-, 9- or 12-digit division codes by their first two digits.
    func codeMatch(_ k: String) -> RegionMatch? {
        guard k.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        guard [2, 4, 6, 9, 12].contains(k.utf8.count), let p = Int(k.prefix(2)) else { return RegionMatch.none }
        return result(provinces.indices.filter { provinces[$0].prefix == p })
    }
}
