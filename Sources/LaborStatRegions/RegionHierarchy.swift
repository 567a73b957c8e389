/// A user-supplied hierarchy below (or above) the provinces: pairs (child, parent) such as
/// (朝阳区, 北京市), (西安市, 陕西省), (610102, 西安市), (关中, 陕西).
///
/// Rules, checked when it is built:
/// - a child has one parent: the same child listed with two different parents is an error
///   (an identical repeated pair is accepted);
/// - no cycles (`a → b → a`, or a node that is its own parent).
///
/// Names are compared in `RegionName`'s normal form; the spellings of one province (陕西, 陕西省,
/// Shaanxi) are one node. A data value finds its node by that form,
/// or else with one suffix removed on both sides (区, 县, 市, 旗, 盟, 州, 地区, 自治州, 自治县,
/// 新区…): `朝阳` finds `朝阳区` — unless the hierarchy also holds `朝阳市`, when it is ambiguous.
public struct RegionHierarchy: Sendable {
    /// Node names as first written in the file, indexed by node number.
    public private(set) var names: [String] = []
    /// Parent of each node (nil for a root).
    public private(set) var parent: [Int?] = []
    var index: [String: Int] = [:]
    var looseIndex: [String: [Int]] = [:]
    /// The node of each province named in the file, by code: 陕西, 陕西省 and Shaanxi are one node.
    var provinceNode: [Int: Int] = [:]

    /// Suffixes of city and county names, longest first.
    static let lowerSuffixes = [
        "自治州", "自治县", "自治旗", "林区", "新区", "地区", "特区", "区", "县", "市", "旗", "盟", "州",
    ]

    /// Builds the hierarchy from (child, parent, data row) triples; `file` names the source in errors.
    public init(pairs: [(child: String, parent: String, row: Int)], file: String) throws(RegionError) {
        var parentRow: [Int: (Int, Int)] = [:] // child → (parent, row)
        for (child, par, row) in pairs {
            let c = node(child), p = node(par)
            if c == p && RegionName.normalize(child) != RegionName.normalize(par) {
                throw .badFile(file: file, message: "data row \(row): \"\(child)\" and \"\(par)\" both name the province \(names[c]); write a city or county with its suffix (吉林市, not 吉林)")
            }
            if let (old, oldRow) = parentRow[c] {
                if old != p {
                    throw .hierarchyDuplicate(file: file, child: child, parents: [names[old], par], rows: [oldRow, row])
                }
                continue
            }
            parentRow[c] = (p, row)
            parent[c] = p
        }
        // Cycles: walk up from every node; a walk longer than the node count has looped.
        for start in names.indices {
            var seen: [Int] = [start]
            var at = start
            while let p = parent[at] {
                if let i = seen.firstIndex(of: p) {
                    throw .hierarchyCycle(file: file, cycle: (seen[i...] + [p]).map { names[$0] })
                }
                seen.append(p)
                at = p
            }
        }
        for (i, n) in names.enumerated() {
            looseIndex[RegionHierarchy.loose(RegionName.normalize(n)), default: []].append(i)
        }
    }

    private mutating func node(_ name: String) -> Int {
        let k = RegionName.normalize(name)
        if let i = index[k] { return i }
        let province = RegionMatcher.standard.exactProvince(normalized: k)
        if let p = province, let i = provinceNode[p.code] { index[k] = i; return i }
        index[k] = names.count
        if let p = province { provinceNode[p.code] = names.count }
        names.append(name.trimmingWhitespace)
        parent.append(nil)
        return names.count - 1
    }

    static func loose(_ k: String) -> String {
        for s in RegionName.chineseSuffixes + lowerSuffixes where k.hasSuffix(s) && k.count > s.count {
            let stem = String(k.dropLast(s.count))
            return s.hasPrefix("自治") ? withoutEthnicNames(stem) : stem
        }
        return k
    }

    /// Names of the ethnic groups as they appear in names of autonomous units (大理白族自治州,
    /// 伊犁哈萨克自治州, 巴音郭楞蒙古自治州), so that `大理州` and `大理白族自治州` meet at `大理`.
    static let ethnicNames = [
        "蒙古", "回", "藏", "维吾尔", "苗", "彝", "壮", "布依", "朝鲜", "满", "侗", "瑶", "白", "土家", "哈尼",
        "哈萨克", "傣", "黎", "傈僳", "佤", "畲", "高山", "拉祜", "水", "东乡", "纳西", "景颇", "柯尔克孜", "土",
        "达斡尔", "仫佬", "羌", "布朗", "撒拉", "毛南", "仡佬", "锡伯", "阿昌", "普米", "塔吉克", "怒", "乌孜别克",
        "俄罗斯", "鄂温克", "德昂", "保安", "裕固", "京", "塔塔尔", "独龙", "鄂伦春", "赫哲", "门巴", "珞巴", "基诺",
    ]

    /// The place name before the first ethnic group's name (at least two characters kept).
    static func withoutEthnicNames(_ stem: String) -> String {
        let chars = Array(stem)
        guard chars.count > 2 else { return stem }
        for i in 2..<chars.count {
            let rest = String(chars[i...])
            if ethnicNames.contains(where: { rest.hasPrefix($0) }) { return String(chars[..<i]) }
        }
        return stem
    }

    /// The node a spelling names: exact normal form first, then without a suffix, then — for a
    /// spelling of a province (Shaanxi, 610000) — the node of that province.
    public func find(_ spelling: String) -> NodeMatch {
        let k = RegionName.normalize(spelling)
        if let i = index[k] { return .node(i) }
        if let p = RegionMatcher.standard.exactProvince(normalized: k) { return provinceNode[p.code].map { .node($0) } ?? .none }
        let c = looseIndex[RegionHierarchy.loose(k)] ?? []
        switch c.count {
        case 1: return .node(c[0])
        case 2...: return .ambiguous(c.map { names[$0] })
        default:
            if case .province(let p) = RegionMatcher.standard.match(spelling), let i = provinceNode[p.code] { return .node(i) }
            return .none
        }
    }

    public enum NodeMatch: Sendable, Equatable {
        case node(Int)
        case ambiguous([String])
        case none
    }

    /// The node and its ancestors, nearest first.
    public func chain(_ i: Int) -> [Int] {
        var out = [i]
        var at = i
        while let p = parent[at] { out.append(p); at = p }
        return out
    }

    /// The top-most ancestor.
    public func root(_ i: Int) -> Int { chain(i).last! }
}

extension String {
    var trimmingWhitespace: String {
        var s = Substring(self)
        while s.first?.isWhitespace == true { s = s.dropFirst() }
        while s.last?.isWhitespace == true { s = s.dropLast() }
        return String(s)
    }
}
